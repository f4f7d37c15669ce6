"""Fetching a review's source: the only network code of the handbook.

`make recheck --fetch` (`recheck.py`) calls `fetch` once per source address.
A fetch stays on the source's site and within its time:

- Redirects are followed by hand, one hop at a time, and only over https to
  the source's own site (the same registrable host, or a host the source lists
  under `redirects`). A hop to plain http, another site, or a loopback,
  private, link-local or otherwise non-public address is not requested: the
  answer records it (`refused`, with the address) and the run calls it moved.
  The address a connection reaches is checked again once connected, before a
  byte is sent (a public name that resolves to a private address).
- One deadline per fetch, all attempts and the body included: when it passes, a
  watchdog shuts the fetch's sockets, so a server that trickles a byte a
  second cannot stretch it. `timeout` bounds each wait on the socket besides.
- Retries (timeouts, connection errors, 429 and 5xx) by `urllib3.Retry`, with
  backoff and without obeying a server's Retry-After (it could ask for hours).

`Politeness.allow_origins` lets the tests fetch fixture pages on 127.0.0.1: an
origin listed there (scheme, host and port, exactly) is fetched as it is; a
redirect from it to another port, a private address or http is still refused.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.util.retry import Retry

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Public suffixes of two labels that the sources' sites use or may use: the
# registrable host is then three labels (developer.intuit.co.uk -> intuit.co.uk).
_TWO_LABEL_SUFFIXES = frozenset({"co.uk", "org.uk", "ac.uk", "com.au", "net.au", "co.il", "org.il", "co.jp",
                                 "co.nz", "com.br", "co.in", "co.za", "com.sg", "github.io"})
_LOCAL_NAMES = ("localhost", ".localhost", ".local", ".internal", ".home.arpa", ".lan")


def user_agent() -> str:
    repo = os.environ.get("GITHUB_REPOSITORY")
    where = f"https://github.com/{repo}" if repo else "the Integration Services Handbook"
    return f"IntegrationServicesHandbook-recheck/1 (+{where}; re-reads the pages its reviews cite, weekly)"


@dataclass(frozen=True)
class Politeness:
    """How a run fetches: a few at a time, bounded in time and size, on the sources' own sites."""

    workers: int = 3
    timeout: float = 20.0  # seconds any one wait on the network may take (connect, each read)
    deadline: float = 60.0  # seconds a whole fetch may take: every attempt, redirect and byte
    retries: int = 2  # after the first attempt, for timeouts, connection errors, 429 and 5xx
    backoff: float = 2.0  # seconds before the second retry, doubling (the first is at once)
    max_bytes: int = 2_000_000  # a page is cut here
    max_redirects: int = 10
    user_agent: str = field(default_factory=user_agent)
    allow_origins: frozenset[str] = frozenset()  # for tests: `http://127.0.0.1:8123`, fetched as it is


@dataclass
class Answer:
    """What one address answered (after retries and the redirects followed)."""

    url: str
    status: int | None = None
    final_url: str | None = None
    redirects: tuple[str, ...] = ()
    content_type: str = ""
    body: bytes = b""
    cut: bool = False
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    attempts: int = 0
    refused: str | None = None  # why the redirect to `final_url` was not followed (nothing was sent there)


class RefusedAddress(Exception):
    """A connection reached an address the re-check must not talk to."""


# ---------------------------------------------------------------------------
# Where a fetch may go
# ---------------------------------------------------------------------------


def registrable(host: str) -> str:
    """The site a host belongs to: its last two labels (three under a two-label suffix)."""
    labels = host.lower().rstrip(".").split(".")
    n = 3 if ".".join(labels[-2:]) in _TWO_LABEL_SUFFIXES else 2
    return ".".join(labels[-n:])


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def non_public(address: str) -> str | None:
    """What kind of non-public address an IP literal is, or None for a public one (or a name)."""
    try:
        ip = ipaddress.ip_address(address.strip("[]").split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for kind, words in (("loopback", "a loopback"), ("link_local", "a link-local"), ("unspecified", "an unspecified"),
                        ("multicast", "a multicast"), ("private", "a private"), ("reserved", "a reserved")):
        if getattr(ip, f"is_{kind}"):
            return f"{words} address"
    return None if ip.is_global else "not a public address"


def refusal(url: str, sites: frozenset[str], polite: Politeness) -> str | None:
    """Why `url` must not be requested by a fetch that may visit `sites` (hosts), or None."""
    if _origin(url) in polite.allow_origins:
        return None
    parts = urlsplit(url)
    if parts.scheme != "https":
        return f"not https ({parts.scheme or 'no scheme'})"
    host = (parts.hostname or "").rstrip(".")
    if not host:
        return "no host"
    if (kind := non_public(host)) is not None:
        return kind
    if host == "localhost" or host.endswith(_LOCAL_NAMES):
        return "a local name"
    if host not in sites and registrable(host) not in {registrable(s) for s in sites}:
        return "another site"
    return None


# ---------------------------------------------------------------------------
# The deadline: a watchdog that shuts a fetch's sockets when its time is up
# ---------------------------------------------------------------------------


class _Deadline:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def left(self) -> float:
        return self.end - time.monotonic()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            if self.expired:
                sock.close()
                raise TimeoutError("the fetch's deadline passed")
            self._sockets.append(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def cancel(self) -> None:
        self._timer.cancel()


def _session(deadline: _Deadline, polite: Politeness) -> requests.Session:
    """A session whose every connection the deadline watches and whose peer is checked."""

    class Watched:
        def _new_conn(self):
            if deadline.left() <= 0:
                raise TimeoutError("the fetch's deadline passed")
            sock = super()._new_conn()
            deadline.watch(sock)
            scheme = "https" if isinstance(self, HTTPSConnection) else "http"
            if f"{scheme}://{self.host}:{self.port}".lower() not in polite.allow_origins \
                    and (kind := non_public(sock.getpeername()[0])):
                sock.close()
                raise RefusedAddress(f"{self.host} resolves to {kind}")
            return sock

    class WatchedHTTP(Watched, HTTPConnection):
        pass

    class WatchedHTTPS(Watched, HTTPSConnection):
        pass

    class HTTPPool(HTTPConnectionPool):
        ConnectionCls = WatchedHTTP

    class HTTPSPool(HTTPSConnectionPool):
        ConnectionCls = WatchedHTTPS

    class Adapter(HTTPAdapter):
        def init_poolmanager(self, *args, **kwargs):
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = {"http": HTTPPool, "https": HTTPSPool}

    retry = Retry(total=polite.retries, connect=polite.retries, read=polite.retries, status=polite.retries,
                  other=0, allowed_methods=frozenset({"GET"}), status_forcelist=RETRY_STATUSES,
                  backoff_factor=polite.backoff / 2, backoff_max=max(polite.backoff, 1.0) * 4,
                  respect_retry_after_header=False, raise_on_status=False, raise_on_redirect=False)
    session = requests.Session()
    session.trust_env = False  # straight to the source: no proxy from the environment, no .netrc
    session.mount("http://", Adapter(max_retries=retry))
    session.mount("https://", Adapter(max_retries=retry))
    return session


# ---------------------------------------------------------------------------
# A fetch
# ---------------------------------------------------------------------------


def fetch(url: str, conditions: dict[str, str], polite: Politeness, sites: tuple[str, ...] = ()) -> Answer:
    """GET `url` (with `conditions`, If-None-Match and If-Modified-Since, at the
    address itself), following redirects within its site, before the deadline."""
    headers = {"User-Agent": polite.user_agent, "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    own = frozenset({(urlsplit(url).hostname or "").lower(), *(s.lower() for s in sites)})
    answer = Answer(url)
    hops: list[str] = []
    deadline = _Deadline(polite.deadline)
    current = url
    try:
        with _session(deadline, polite) as session:
            for _ in range(polite.max_redirects + 1):
                if why := refusal(current, own, polite):
                    if current == url:
                        answer.error = f"not fetched: {why}"
                    else:
                        answer.final_url, answer.refused, answer.redirects = current, why, tuple(hops)
                    return answer
                wait = max(0.05, min(polite.timeout, deadline.left()))
                with session.get(current, headers={**headers, **(conditions if current == url else {})},
                                 timeout=(wait, wait), stream=True, allow_redirects=False) as r:
                    history = getattr(getattr(r.raw, "retries", None), "history", ())
                    answer.attempts = max(answer.attempts, len(history) + 1)
                    location = r.headers.get("Location")
                    if r.status_code in REDIRECT_STATUSES and location:
                        current = _location(current, location)
                        hops.append(current)
                        continue
                    answer.status, answer.final_url, answer.redirects = r.status_code, current, tuple(hops)
                    answer.content_type = r.headers.get("Content-Type", "")
                    answer.etag = r.headers.get("ETag")
                    answer.last_modified = r.headers.get("Last-Modified")
                    if 200 <= r.status_code < 300:
                        answer.body, answer.cut = _read(r, polite)
                    if deadline.expired:
                        raise TimeoutError
                    return answer
            answer.status = None
            answer.error = f"more than {polite.max_redirects} redirects"
            return answer
    except RefusedAddress as e:
        answer.status, answer.error = None, f"not fetched: {e}"
    except Exception as e:  # noqa: BLE001 - every failure of one fetch is that source's result
        answer.status, answer.body = None, b""
        if deadline.expired or isinstance(e, TimeoutError):
            answer.error = f"no complete answer within the {polite.deadline:g} s deadline"
        elif _reason(e) == "timed out":
            answer.error = f"no complete answer within {polite.timeout:g} s"
        elif isinstance(e, requests.ConnectionError):
            answer.error = f"connection failed ({_reason(e)})"
        else:
            answer.error = f"request failed ({_reason(e)})"
        answer.attempts = max(answer.attempts, polite.retries + 1 if isinstance(e, requests.ConnectionError) else 1)
    finally:
        deadline.cancel()
    return answer


def _location(base: str, location: str) -> str:
    # A Location header is the server's words: no whitespace or control characters, bounded.
    cleaned = "".join(ch for ch in location if ch > " " and ch != "\x7f")[:2000]
    return urljoin(base, cleaned)


def _read(response, polite: Politeness) -> tuple[bytes, bool]:
    # Cut at max_bytes; the deadline's watchdog ends a body that trickles.
    chunks, size = [], 0
    for chunk in response.iter_content(chunk_size=65536):
        chunks.append(chunk)
        size += len(chunk)
        if size >= polite.max_bytes:
            return b"".join(chunks)[: polite.max_bytes], True
    return b"".join(chunks), False


def _reason(e: BaseException) -> str:
    text = str(e)
    if "timed out" in text or "Read timed out" in text:
        return "timed out"
    for pattern in (r"Name or service not known", r"Temporary failure in name resolution", r"Connection refused",
                    r"No route to host", r"Network is unreachable", r"certificate verify failed"):
        if pattern in text:
            return pattern[0].lower() + pattern[1:]
    return type(e).__name__
