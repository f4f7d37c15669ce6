"""Re-checking the sources (`make recheck`): every result against fixture pages
on a local server (127.0.0.1 only), the recorded data file, the report, the
site's notice of a source that changed after its check, and that without the
fetch flag nothing is sent at all."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from bs4 import BeautifulSoup

from handbook import recheck
from handbook.reviews import ReviewBook
from handbook.catalog import DataError, load_catalog
from handbook.generate import Generator
from handbook.recheck import Politeness, SourceCheck, run, source_urls
from handbook.sourcewatch import SourceWatch

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 12, 10)
QUOTE = "Access tokens expire after 1 hour, and refresh tokens are valid for 100 days."
# On the page: curly quotes, entities, a no-break space, markup and line breaks inside the sentence.
STATED = ("<html><head><title>Tokens</title><script>var q = 'not text';</script></head><body>"
          "<h1>OAuth 2.0</h1><p>Access tokens expire after&nbsp;1&nbsp;hour, and <b>refresh\n   tokens</b> are "
          "valid for 100&#160;days.</p><p>Use the &ldquo;Reconnect URL&rdquo; when they do not.</p></body></html>")
REWORDED = ("<html><body><h1>OAuth 2.0</h1><p>Intro.</p><p>Access tokens expire after 60 minutes. "
            "Refresh tokens are valid for 5 years at most.</p><p>Something else entirely about webhooks.</p>"
            "</body></html>")
LARGE = ("<html><body><p>" + QUOTE + "</p>" + "<p>filler text</p>" * 400_000 + "</body></html>").encode()
# A page whose text tries to become links, HTML, mentions and table cells in report.md.
HOSTILE = ("<html><body><p>Access tokens expire after 2 hours | see [the new limits](https://evil.example/x) "
           "<img src=x onerror=alert(1)> @maintainers `code` ```fence``` **bold** "
           "and refresh tokens are valid for 100 days.</p></body></html>")
# Generous for a page that answers (a busy machine is not a timeout); the slow page
# sleeps 30 s, far past its own small timeout.
POLITE = Politeness(workers=3, timeout=15.0, retries=1, backoff=0.05, max_bytes=200_000, user_agent="handbook-test")
IMPATIENT = dataclasses.replace(POLITE, timeout=1.0, deadline=10.0)


def _allowed(server, polite=POLITE) -> Politeness:
    # The fixture server's origin, and only it, is fetched as it is (http, loopback).
    return dataclasses.replace(polite, allow_origins=frozenset({server.base}))


@pytest.fixture(autouse=True)
def _local_only(monkeypatch):
    # A proxy set in the environment must not carry a test's request off this machine.
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(name, "127.0.0.1,localhost")


class _Server:
    """Fixture pages on 127.0.0.1, with every request recorded."""

    def __init__(self):
        self.requests: list[tuple[str, dict]] = []
        self.evolving = "<html><body><p>Version one of the page.</p></body></html>"
        self.flaky = 0
        self.hidden = ""
        self.other_port = 9  # set by a test to a listener that counts connections
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server.requests.append((self.path, dict(self.headers)))
                try:
                    server.answer(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client cut a large page

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return self.base + path

    def seen(self, path: str) -> list[dict]:
        return [h for p, h in self.requests if p == path]

    def answer(self, h: BaseHTTPRequestHandler):
        def send(status: int, body: bytes = b"", kind: str = "text/html; charset=utf-8", **headers):
            h.send_response(status)
            h.send_header("Content-Type", kind)
            h.send_header("Content-Length", str(len(body)))
            for k, v in headers.items():
                h.send_header(k.replace("_", "-"), v)
            h.end_headers()
            h.wfile.write(body)

        path = h.path.split("?")[0]
        if path == "/stated":
            send(200, STATED.encode())
        elif path == "/reworded":
            send(200, REWORDED.encode())
        elif path == "/missing":
            send(404, b"<html><body>Not found</body></html>")
        elif path == "/slow":
            time.sleep(30)
            send(200, STATED.encode())
        elif path == "/private":
            send(302, Location="/login?next=/private")
        elif path == "/login":
            send(200, b"<html><body><form>Sign in to continue</form></body></html>")
        elif path == "/forbidden":
            send(403, b"<html><body>Forbidden</body></html>")
        elif path == "/old":
            send(301, Location="/new-home")
        elif path == "/new-home":
            send(200, STATED.encode())
        elif path == "/large":
            send(200, LARGE)
        elif path == "/doc.pdf":
            send(200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n", kind="application/pdf")
        elif path == "/limits.json":
            send(200, json.dumps({"note": QUOTE}).encode(), kind="application/json")
        elif path == "/etag":
            if h.headers.get("If-None-Match") == '"v1"':
                send(304, ETag='"v1"')
            else:
                send(200, STATED.encode(), ETag='"v1"', Last_Modified="Tue, 01 Dec 2026 10:00:00 GMT")
        elif path == "/evolving":
            send(200, self.evolving.encode())
        elif path == "/flaky":
            self.flaky += 1
            send(503, b"busy") if self.flaky == 1 else send(200, STATED.encode())
        elif path == "/down":
            send(503, b"busy")
        elif path == "/to-other-port":
            send(302, Location=f"http://127.0.0.1:{self.other_port}/page")
        elif path == "/to-private":
            send(302, Location="https://10.1.2.3/limits")
        elif path == "/to-link-local":
            send(301, Location="https://169.254.169.254/latest/meta-data/")
        elif path == "/to-http":
            send(302, Location="http://developer.example.com/limits")
        elif path == "/to-localhost":
            send(307, Location=f"https://localhost:{self.other_port}/")
        elif path == "/to-mapped":
            send(308, Location="https://[::ffff:127.0.0.1]/")
        elif path == "/to-sso":
            send(302, Location="https://login.vendor-sso.example/authorize?next=/docs")
        elif path == "/trickle-body":
            h.send_response(200)
            h.send_header("Content-Type", "text/html; charset=utf-8")
            h.send_header("Content-Length", "200")
            h.end_headers()
            for _ in range(60):
                h.wfile.write(b"x")
                h.wfile.flush()
                time.sleep(0.5)
        elif path == "/trickle-head":
            h.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for _ in range(60):
                h.wfile.write(b"X")
                h.wfile.flush()
                time.sleep(0.5)
        elif path == "/bogus-charset":
            send(200, QUOTE.encode(), kind="text/plain; charset=x-bogus-42")
        elif path == "/hidden":
            send(200, self.hidden.encode())
        elif path == "/hostile":
            send(200, HOSTILE.encode())
        else:
            send(500, b"unknown fixture")

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    s = _Server()
    yield s
    s.close()


def _review(rid: str, sources: list, quote: str | None = QUOTE, checked=dt.date(2026, 11, 27)):
    # The shape the command reads: a plain address, or an object with url and gated.
    return SimpleNamespace(id=rid, sources=sources, quote=quote, checked=checked)


def _one(server, path: str, quote: str | None = QUOTE, previous=None, gated=False, today=TODAY, polite=POLITE):
    url = server.url(path)
    source = SimpleNamespace(url=url, gated=True) if gated else url
    [finding] = run([_review(path.strip("/") or "root", [source], quote)], previous or {}, today, _allowed(server, polite))
    return finding


# ---------------------------------------------------------------------------
# Every result, against the local server
# ---------------------------------------------------------------------------


def test_a_quote_still_on_the_page_is_stated_after_normalizing(server):
    f = _one(server, "/stated")
    assert (f.record.result, f.record.status, f.needs_look) == ("stated", 200, False)
    assert f.record.fingerprint.startswith("sha256:") and f.record.closest is None
    # The quote with curly quotes and an entity in it matches the page's straight ones.
    assert _one(server, "/stated", quote="Use the \u201cReconnect URL\u201d when they do not.").record.result == "stated"
    assert _one(server, "/stated", quote="Use the &quot;Reconnect URL&quot; when they do not.").record.result == "stated"
    # Script text is not readable text.
    assert _one(server, "/stated", quote="not text").record.result == "changed"
    # One identifying user agent on every request.
    assert {h["User-Agent"] for _, h in server.requests} == {"handbook-test"}


def test_a_reworded_quote_is_changed_with_the_closest_passage(server):
    f = _one(server, "/reworded")
    assert f.record.result == "changed" and f.record.changed_on == TODAY and f.needs_look
    assert f.record.closest == "Access tokens expire after 60 minutes. Refresh tokens are valid for 5 years at most."
    assert "changed on 2026-12-10, after the review's check" in f.why
    # A week later, still reworded: the change keeps the day it was first seen.
    later = _one(server, "/reworded", previous={f.record.url: f.record}, today=TODAY + dt.timedelta(days=7))
    assert later.record.result == "changed" and later.record.changed_on == TODAY


def test_a_missing_page_is_gone(server):
    f = _one(server, "/missing")
    assert (f.record.result, f.record.status, f.record.changed_on) == ("gone", 404, TODAY)
    assert f.needs_look and "gone" in f.why


def test_a_page_slower_than_the_timeout_is_unreachable_after_retries(server):
    start = time.monotonic()
    f = _one(server, "/slow", polite=IMPATIENT)
    assert f.record.result == "unreachable" and f.record.status is None
    assert f.record.note == "no complete answer within 1 s"
    assert len(server.seen("/slow")) == IMPATIENT.retries + 1
    assert time.monotonic() - start < 25  # two 1 s timeouts and a backoff, not the page's 30 s
    assert f.needs_look


def test_a_redirect_to_a_sign_in_page_is_gated(server):
    f = _one(server, "/private")
    assert f.record.result == "gated" and f.record.note == "a sign-in page answered" and f.needs_look
    assert f.record.final_url.startswith(server.url("/login"))
    # 401/403 are gated too; a source marked gated is reported as such, without alarm.
    assert _one(server, "/forbidden").record.result == "gated"
    marked = _one(server, "/private", gated=True)
    assert (marked.record.result, marked.record.note, marked.needs_look) == ("gated", "marked gated", False)


def test_a_redirect_to_another_page_is_moved(server):
    f = _one(server, "/old")
    assert f.record.result == "moved" and f.record.final_url == server.url("/new-home")
    assert f.record.changed_on == TODAY and f.needs_look and server.url("/new-home") in f.why


def test_a_very_large_page_is_cut_at_the_size_limit(server):
    f = _one(server, "/large")
    assert f.record.result == "stated" and f.record.note == f"cut at {POLITE.max_bytes:,} bytes"
    assert len(LARGE) > 20 * POLITE.max_bytes


def test_a_non_html_page(server):
    # A PDF cannot be searched for a quote: its bytes are fingerprinted, and the run says so.
    pdf = _one(server, "/doc.pdf")
    assert pdf.record.result == "fingerprinted" and pdf.record.note == "not text (application/pdf): fingerprinted only"
    again = _one(server, "/doc.pdf", previous={pdf.record.url: pdf.record})
    assert again.record.result == "unchanged" and again.record.fingerprint == pdf.record.fingerprint
    # JSON is text: the quote is looked for in it.
    assert _one(server, "/limits.json").record.result == "stated"


def test_a_conditional_request_answered_304_keeps_the_last_result(server):
    first = _one(server, "/etag")
    assert (first.record.etag, first.record.last_modified) == ('"v1"', "Tue, 01 Dec 2026 10:00:00 GMT")
    second = _one(server, "/etag", previous={first.record.url: first.record}, today=TODAY + dt.timedelta(days=7))
    sent = server.seen("/etag")[-1]
    assert sent["If-None-Match"] == '"v1"' and sent["If-Modified-Since"] == "Tue, 01 Dec 2026 10:00:00 GMT"
    assert (second.record.result, second.record.status, second.record.checked) == ("stated", 304, TODAY + dt.timedelta(days=7))
    assert second.record.fingerprint == first.record.fingerprint and "If-None-Match" not in server.seen("/etag")[0]


def test_a_source_without_a_quote_is_fingerprinted_then_its_change_reported(server):
    first = _one(server, "/evolving", quote=None)
    assert first.record.result == "fingerprinted" and not first.needs_look
    same = _one(server, "/evolving", quote=None, previous={first.record.url: first.record})
    assert same.record.result == "unchanged"
    # Whitespace alone is no change.
    server.evolving = "<html><body>\n  <p>Version   one of the page.</p>\n</body></html>"
    assert _one(server, "/evolving", quote=None, previous={first.record.url: first.record}).record.result == "unchanged"
    server.evolving = "<html><body><p>Version two of the page.</p></body></html>"
    later = TODAY + dt.timedelta(days=7)
    changed = _one(server, "/evolving", quote=None, previous={first.record.url: same.record}, today=later)
    assert changed.record.result == "changed" and changed.record.changed_on == later and changed.needs_look
    assert changed.record.fingerprint != first.record.fingerprint
    # The next week the new text is the baseline; the change stays recorded (and shown) until the review is re-checked.
    after = _one(server, "/evolving", quote=None, previous={first.record.url: changed.record},
                 today=later + dt.timedelta(days=7))
    assert after.record.result == "unchanged" and after.record.changed_on == later and after.needs_look


def test_a_5xx_is_retried_and_unreachable_when_it_persists(server):
    assert _one(server, "/flaky").record.result == "stated"
    assert len(server.seen("/flaky")) == 2
    down = _one(server, "/down")
    assert (down.record.result, down.record.status) == ("unreachable", 503)
    assert down.record.note == "HTTP 503 after 2 attempts" and len(server.seen("/down")) == 2


def test_a_refused_connection_is_unreachable():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{s.getsockname()[1]}/page"  # closed once the block ends: nothing listens
    polite = dataclasses.replace(IMPATIENT, allow_origins=frozenset({url.rsplit("/", 1)[0]}))
    [f] = run([_review("refused", [url])], {}, TODAY, polite)
    assert (f.record.result, f.record.note, f.needs_look) == ("unreachable", "connection failed (connection refused)", True)


def test_a_quote_belongs_to_the_source_that_states_it(server):
    # Two sources, the quote on one: the other is fingerprinted, not reported changed.
    review = _review("two", [server.url("/stated"), server.url("/evolving")])
    by_url = {f.source.url: f.record.result for f in run([review], {}, TODAY, _allowed(server))}
    assert by_url == {server.url("/stated"): "stated", server.url("/evolving"): "fingerprinted"}
    assert source_urls(SimpleNamespace(sources=["https://a.example/", SimpleNamespace(url="https://b.example/", gated=True),
                                                 {"url": "https://c.example/", "gated": True}])) == [
        ("https://a.example/", False), ("https://b.example/", True), ("https://c.example/", True)]


# ---------------------------------------------------------------------------
# What a run writes
# ---------------------------------------------------------------------------


def _data_copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    return data


def test_a_run_writes_a_valid_data_file_and_a_report_and_never_the_reviews(server, tmp_path, monkeypatch):
    monkeypatch.setenv("HANDBOOK_BUILD_DATE", TODAY.isoformat())  # a re-check after the build date is refused
    data = _data_copy(tmp_path)
    reviews_before = (data / "reviews.yaml").read_bytes()
    reviews = [_review("a", [server.url("/stated")]), _review("b", [server.url("/reworded"), server.url("/old")]),
               _review("c", [server.url("/evolving")], quote=None)]
    findings = run(reviews, {}, TODAY, _allowed(server))
    recheck.write_run(findings, data / recheck.FILE_NAME, tmp_path / "report", TODAY)
    assert (data / "reviews.yaml").read_bytes() == reviews_before
    assert not list(data.glob(".source-checks.yaml.*")) and not list((tmp_path / "report").glob(".*"))
    # The catalog loads it (the model validates it) and the records are what the run found.
    loaded = {c.url: c for c in load_catalog(data).source_checks}
    assert {u: c.result for u, c in loaded.items()} == {
        server.url("/stated"): "stated", server.url("/reworded"): "changed", server.url("/old"): "moved",
        server.url("/evolving"): "fingerprinted"}
    assert loaded[server.url("/old")].final_url == server.url("/new-home")
    assert (data / recheck.FILE_NAME).read_text().startswith("# yaml-language-server: $schema=schema/source-checks.schema.json\n")
    report = json.loads((tmp_path / "report" / "report.json").read_text())
    assert report["needs_look"] == 2 and report["counts"]["changed"] == 1
    md = (tmp_path / "report" / "report.md").read_text()
    look = md.split("## Needs a person's look")[1].split("## Every source")[0]
    assert server.url("/reworded") in look and server.url("/old") in look and server.url("/stated") not in look
    assert "Access tokens expire after 60 minutes." in look


def test_the_command_with_the_flag_fetches_and_writes_its_files(tmp_path, capsys):
    # Every source pointed at a closed port on this machine: all unreachable, all recorded.
    from handbook.__main__ import main
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = _data_copy(tmp_path)
    local = re.sub(r"https://[^\s/]+/", f"https://127.0.0.1:{port}/", (data / "reviews.yaml").read_text(encoding="utf-8"))
    (data / "reviews.yaml").write_text(local, encoding="utf-8")
    assert main(["--data", str(data), "recheck", "--fetch", "--report", str(tmp_path / "report"),
                 "--timeout", "5", "--retries", "0"]) == 0
    out = capsys.readouterr().out
    n = len({u for r in load_catalog(data).reviews for u, _ in source_urls(r)})  # counted from the data
    assert f"{n} sources re-checked, {n} need a person's look" in out
    assert (data / "reviews.yaml").read_text(encoding="utf-8") == local
    checks = load_catalog(data).source_checks
    assert len(checks) == n and {c.result for c in checks} == {"unreachable"}
    assert json.loads((tmp_path / "report" / "report.json").read_text())["needs_look"] == n


def test_bad_entries_in_the_data_file_are_located(tmp_path):
    data = _data_copy(tmp_path)
    (data / recheck.FILE_NAME).write_text(yaml.safe_dump({"sources": [
        {"url": "https://a.example/", "checked": "2026-12-01", "result": "fine"},
        {"url": "https://b.example/", "checked": "2026-12-01", "result": "moved", "changed_on": "2026-12-01"},
        {"url": "https://a.example/", "checked": "2026-12-01", "result": "stated"},
    ]}), encoding="utf-8")
    with pytest.raises(DataError) as e:
        load_catalog(data)
    problems = e.value.problems
    assert any(p.startswith("data/source-checks.yaml: sources[0].result: ") for p in problems), problems
    assert "data/source-checks.yaml: sources[1]: a 'moved' source needs its final_url" in problems
    # The duplicate is found once the shapes are right.
    (data / recheck.FILE_NAME).write_text(yaml.safe_dump({"sources": [
        {"url": "https://a.example/", "checked": "2026-12-01", "result": "stated"},
        {"url": "https://a.example/", "checked": "2026-12-02", "result": "stated"}]}), encoding="utf-8")
    with pytest.raises(DataError) as e:
        load_catalog(data)
    assert e.value.problems == ["data/source-checks.yaml: sources[1].url: duplicate source address 'https://a.example/' (also sources[0])"]


# ---------------------------------------------------------------------------
# Without the flag: nothing sent
# ---------------------------------------------------------------------------


class _Listener:
    """A bare TCP port that counts connections (a TLS handshake or a proxied request alike)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = False
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
                self.connections += 1
                conn.close()
            except OSError:
                pass

    def close(self):
        self._stop = True
        self.thread.join(timeout=2)
        self.sock.close()


def _no_fetch_env(listener: _Listener) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != recheck.FETCH_ENV}
    proxy = f"http://127.0.0.1:{listener.port}"  # anything trying to fetch would land here
    return {**env, "PYTHONPATH": str(ROOT / "hooks"), "https_proxy": proxy, "http_proxy": proxy,
            "HTTPS_PROXY": proxy, "HTTP_PROXY": proxy, "NO_PROXY": "", "no_proxy": ""}


def test_make_recheck_without_the_flag_lists_every_real_source_and_sends_nothing(catalog, tmp_path):
    listener = _Listener()
    try:
        result = subprocess.run(["make", "-s", "-o", ".venv/.installed", "recheck"], cwd=ROOT,
                                env=_no_fetch_env(listener), capture_output=True, text=True, timeout=120)
        time.sleep(0.3)
    finally:
        listener.close()
    assert result.returncode == 0, result.stderr
    assert listener.connections == 0
    urls = list(dict.fromkeys(u for r in catalog.reviews for u, _ in source_urls(r)))
    assert len(urls) >= 100
    listed = re.findall(r"^(https://\S+)$", result.stdout, re.M)
    assert listed == urls
    recorded = {c.url: c for c in catalog.source_checks}
    for url in urls:
        last = recorded.get(url)
        said = f"{url}\n    last: " + (f"{last.result} on {last.checked}" if last else "never re-checked")
        assert said in result.stdout
    assert "nothing fetched" in result.stdout


def test_the_command_without_the_flag_sends_nothing_to_its_sources(tmp_path):
    # The sources pointed at a port on this machine, with a last result recorded: the
    # listing names the conditional request a run would send, and the port hears nothing.
    listener = _Listener()
    try:
        data = _data_copy(tmp_path)
        text = (data / "reviews.yaml").read_text(encoding="utf-8")
        local = re.sub(r"https://[^\s/]+/", f"https://127.0.0.1:{listener.port}/", text)
        (data / "reviews.yaml").write_text(local, encoding="utf-8")
        first = re.search(r"https://127\.0\.0\.1:\d+/\S+", local)[0]
        [source] = [s for s in recheck.sources_of(load_catalog(data).reviews) if s.url == first]
        (data / recheck.FILE_NAME).write_text(yaml.safe_dump({"sources": [
            {"url": first, "checked": "2026-12-01", "result": "stated", "status": 200, "etag": '"abc"',
             "quote_hash": source.quote_hash()}]}), encoding="utf-8")
        result = subprocess.run([sys.executable, "-m", "handbook", "--data", str(data), "recheck",
                                 "--report", str(tmp_path / "report")],
                                cwd=ROOT, env=_no_fetch_env(listener), capture_output=True, text=True, timeout=120)
        time.sleep(0.3)
    finally:
        listener.close()
    assert result.returncode == 0, result.stderr
    assert listener.connections == 0 and not (tmp_path / "report").exists()
    assert f"{first}\n    last: stated on 2026-12-01\n    would: GET If-None-Match: \"abc\"" in result.stdout
    n = len({u for r in load_catalog(data).reviews for u, _ in source_urls(r)})
    assert len(re.findall(r"^https://127\.0\.0\.1:", result.stdout, re.M)) == n


# ---------------------------------------------------------------------------
# On the site
# ---------------------------------------------------------------------------


def _with_change(catalog, review_id: str, result: str, on: dt.date, **extra):
    review = next(r for r in catalog.reviews if r.id == review_id)
    url = source_urls(review)[0][0]
    check = SourceCheck(url=url, checked=on, result=result, status=200, changed_on=on, **extra)
    return dataclasses.replace(catalog, source_checks=(check,)), review


@pytest.mark.parametrize("lang", ["en", "he"])
def test_a_source_changed_after_the_check_shows_beside_the_review_everywhere(catalog, lang):
    # Zendesk's page is a source of two reviews: a verified one (its statement
    # folded) and a wrong one (open); both say so, with their facts' comparison rows.
    changed, review = _with_change(catalog, "zendesk-webhook-signature", "changed", dt.date(2026, 12, 3))
    url = changed.source_checks[0].url
    affected = [r for r in catalog.reviews if url in dict(source_urls(r))]
    assert {"whatsapp-webhook-signature", "zendesk-webhook-signature"} <= {r.id for r in affected}
    gen = Generator(changed, today=TODAY)
    expected = {"en": "The source changed on 3 December 2026, after this check",
                "he": "המקור השתנה ב-3 בדצמבר 2026, אחרי הבדיקה הזו"}[lang]
    service = review.bullets[0].service
    pages = {"service": f"services/{service}.md", "comparison": "compare/webhooks.md", "review": "review.md"}
    for where, path in pages.items():
        html = BeautifulSoup(gen.page(path, lang), "html.parser")
        notices = html.select(".hb-source-changed")
        assert notices and {n.get_text() for n in notices} == {expected}, (where, [n.get_text() for n in notices])
        assert {n.select_one("time")["datetime"] for n in notices} == {"2026-12-03"}
        if where == "service":  # beside the bullet, and in the fact's row of "Facts and figures"
            assert html.find(id=review.bullets[0].bullet).select(".hb-source-changed")
            assert html.find("tr", id=review.facts[0]).select(".hb-source-changed")
        if where == "comparison":
            assert {n.find_parent("tr")["id"] for n in notices} == {f for r in affected for f in r.facts}
    # First in the review page's to-do list (the verified one too: a person must look), with the date.
    todo = BeautifulSoup(gen.page("review.md", lang), "html.parser").select("#table-review-todo tbody tr[data-review]")
    first = len(affected)
    assert sorted(tr["id"] for tr in todo[:first]) == sorted(r.id for r in affected)
    assert [tr["data-source-changed"] for tr in todo[:first]] == ["2026-12-03"] * first
    rest = [r.id for r in ReviewBook(catalog.reviews, TODAY).not_verified() if r not in affected]
    assert [tr["id"] for tr in todo[first:]] == rest
    assert not any(tr.has_attr("data-source-changed") for tr in todo[first:])
    # Nothing recorded: no notice, the to-do list as before.
    plain = BeautifulSoup(Generator(dataclasses.replace(catalog, source_checks=()), today=TODAY).page("review.md", lang),
                          "html.parser")
    assert not plain.select(".hb-source-changed")


def test_a_moved_source_says_moved_and_a_change_before_the_check_says_nothing(catalog):
    moved, review = _with_change(catalog, "whatsapp-template-variables", "moved", dt.date(2026, 12, 3),
                                 final_url="https://example.com/new")
    page = BeautifulSoup(Generator(moved, today=TODAY).page("review.md", "en"), "html.parser")
    assert [n.get_text() for n in page.select(".hb-source-changed")] == ["The source moved on 3 December 2026, after this check"]
    before, _ = _with_change(catalog, "whatsapp-template-variables", "changed", review.checked)
    assert SourceWatch(before.source_checks).change(review) is None
    assert "hb-source-changed" not in Generator(before, today=TODAY).page("review.md", "en")


# ---------------------------------------------------------------------------
# On a schedule
# ---------------------------------------------------------------------------


def test_the_weekly_workflow_fetches_proposes_the_data_file_and_keeps_one_issue():
    # actionlint checks it with the others (tests/test_publishing.py).
    workflow = yaml.safe_load((ROOT / ".github/workflows/recheck.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML reads the key `on` as true
    assert re.fullmatch(r"\d+ \d+ \* \* \d", triggers["schedule"][0]["cron"]) and "workflow_dispatch" in triggers
    steps = workflow["jobs"]["recheck"]["steps"]
    [fetch] = [i for i, s in enumerate(steps) if s.get("run") == "make recheck"]
    assert steps[fetch]["env"] == {recheck.FETCH_ENV: "1"}
    [propose] = [i for i, s in enumerate(steps) if s.get("uses", "").startswith("peter-evans/create-pull-request@")]
    assert re.fullmatch(r"v\d+\.\d+\.\d+", steps[propose]["uses"].split("@")[1])  # pinned by version
    assert steps[propose]["with"]["add-paths"] == f"data/{recheck.FILE_NAME}"
    assert steps[propose]["with"]["body-path"] == "build/recheck/report.md"
    [issue] = [i for i, s in enumerate(steps) if "gh issue create" in s.get("run", "")]
    assert fetch < propose < issue and "gh issue edit" in steps[issue]["run"]
    assert "build/recheck/report.json" in steps[issue]["run"]
    targets = set(re.findall(r"^([\w-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    assert "recheck" in targets
    # Only this workflow may fetch.
    others = [p for p in (ROOT / ".github/workflows").glob("*.yml") if p.name != "recheck.yml"]
    assert others and not any(recheck.FETCH_ENV in p.read_text(encoding="utf-8") for p in others)


# ---------------------------------------------------------------------------
# Hostile sources: the re-checker stays on its sources, within its time
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("path, address, why", [
    ("/to-other-port", "http://127.0.0.1:{port}/page", "not https (http)"),
    ("/to-private", "https://10.1.2.3/limits", "a private address"),
    ("/to-link-local", "https://169.254.169.254/latest/meta-data/", "a link-local address"),
    ("/to-http", "http://developer.example.com/limits", "not https (http)"),
    ("/to-localhost", "https://localhost:{port}/", "a local name"),
    ("/to-mapped", "https://[::ffff:127.0.0.1]/", "a loopback address"),
])
def test_a_redirect_off_the_source_is_recorded_as_moved_without_a_request(server, path, address, why):
    # The fixture server is allowed as it is (http, loopback); where it redirects is not.
    other = _Listener()
    server.other_port = other.port
    try:
        f = _one(server, path)
        time.sleep(0.2)
    finally:
        other.close()
    address = address.format(port=other.port)
    assert (f.record.result, f.record.final_url, f.record.status) == ("moved", address, None)
    assert f.record.note == f"redirect not followed: {why}" and f.needs_look and address in f.why
    assert other.connections == 0
    assert [p for p, _ in server.requests] == [path]


def test_a_redirect_to_another_sites_sign_in_page_is_gated_without_a_request(server):
    f = _one(server, "/to-sso")
    assert (f.record.result, f.record.final_url) == ("gated", "https://login.vendor-sso.example/authorize?next=/docs")
    assert f.record.note == "a sign-in page answered (not followed)"


def test_the_redirect_policy_keeps_to_the_sources_own_site():
    from handbook.sourcefetch import refusal
    polite = Politeness(user_agent="t")
    hubspot = frozenset({"developers.hubspot.com"})
    assert refusal("https://knowledge.hubspot.com/limits", hubspot, polite) is None  # the same registrable host
    assert refusal("https://developers.hubspot.com.evil.example/", hubspot, polite) == "another site"
    assert refusal("https://hubspot.evil.example/", hubspot, polite) == "another site"
    assert refusal("https://developer.intuit.co.uk/x", frozenset({"quickbooks.intuit.co.uk"}), polite) is None
    assert refusal("https://other.co.uk/x", frozenset({"quickbooks.intuit.co.uk"}), polite) == "another site"
    # A host the source lists under `redirects` is its site too.
    assert refusal("https://docs.hubapi.com/", hubspot | {"docs.hubapi.com"}, polite) is None
    for address, kind in [("https://127.0.0.2/", "a loopback address"), ("https://192.168.1.1/", "a private address"),
                          ("https://[fe80::1]/", "a link-local address"), ("https://[::1]/", "a loopback address"),
                          ("https://0.0.0.0/", "an unspecified address"), ("https://100.64.0.1/", "not a public address"),
                          ("http://developers.hubspot.com/", "not https (http)"),
                          ("https://intranet.local/", "a local name"), ("ftp://developers.hubspot.com/", "not https (ftp)")]:
        assert refusal(address, hubspot | {address.split("/")[2].strip("[]")}, polite) == kind, address
    # The tests' allowance is one origin, exactly: another port on the same host is refused.
    local = dataclasses.replace(polite, allow_origins=frozenset({"http://127.0.0.1:8123"}))
    assert refusal("http://127.0.0.1:8123/page", frozenset({"127.0.0.1"}), local) is None
    assert refusal("http://127.0.0.1:8124/page", frozenset({"127.0.0.1"}), local) == "not https (http)"


def test_a_name_that_reaches_a_private_address_is_refused_before_a_byte_is_sent(server, monkeypatch):
    # Whatever the name looked like, the address connected to is checked before the request.
    from handbook import sourcefetch
    monkeypatch.setattr(sourcefetch, "refusal", lambda *a: None)
    [f] = run([_review("rebound", [server.url("/stated")])], {}, TODAY, POLITE)
    assert f.record.result == "unreachable"
    assert f.record.note == "not fetched: 127.0.0.1 resolves to a loopback address"
    assert server.requests == []


@pytest.mark.parametrize("path", ["/trickle-body", "/trickle-head"])
def test_a_server_that_trickles_cannot_stretch_the_deadline(server, path):
    # A byte every half second never trips the 2 s wait on the socket; the 3 s deadline ends it.
    polite = dataclasses.replace(POLITE, timeout=2.0, deadline=3.0, retries=2)
    start = time.monotonic()
    f = _one(server, path, polite=polite)
    took = time.monotonic() - start
    assert took < 6, took
    assert (f.record.result, f.record.note) == ("unreachable", "no complete answer within the 3 s deadline")


def test_one_sources_failure_is_its_result_never_the_runs(server, monkeypatch):
    reviews = [_review("bogus", [server.url("/bogus-charset")]), _review("fine", [server.url("/stated")]),
               _review("broken", [server.url("/reworded")])]
    real = recheck.readable_text

    def explode(body, content_type):
        if b"Something else entirely" in body:
            raise RecursionError("maximum recursion depth exceeded while parsing")
        return real(body, content_type)

    monkeypatch.setattr(recheck, "readable_text", explode)
    by_url = {f.source.url: f.record for f in run(reviews, {}, TODAY, _allowed(server))}
    bogus = by_url[server.url("/bogus-charset")]
    assert (bogus.result, bogus.note) == ("stated", "unknown charset 'x-bogus-42': read as UTF-8")
    assert by_url[server.url("/stated")].result == "stated"
    broken = by_url[server.url("/reworded")]
    assert broken.result == "unreachable"
    assert broken.note == "the re-check failed here (RecursionError: maximum recursion depth exceeded while parsing)"


def test_a_conditional_request_only_while_the_quote_is_unchanged(server):
    first = _one(server, "/etag")
    assert first.record.quote_hash.startswith("sha256:")
    # The review's quote edited: the page is read afresh (no condition) and judged for the new quote.
    edited = "Access tokens expire after 2 hours."
    second = _one(server, "/etag", quote=edited, previous={first.record.url: first.record})
    sent = server.seen("/etag")[-1]
    assert "If-None-Match" not in sent and "If-Modified-Since" not in sent
    assert (second.record.result, second.record.status) == ("changed", 200)
    assert second.record.quote_hash != first.record.quote_hash
    # The same quote again next week: now conditional, and the 304 keeps the fresh result.
    third = _one(server, "/etag", quote=edited, previous={first.record.url: second.record})
    assert server.seen("/etag")[-1]["If-None-Match"] == '"v1"'
    assert (third.record.result, third.record.status) == ("changed", 304)


@pytest.mark.parametrize("hidden", [
    "<div hidden><p>{q}</p></div>",
    "<p aria-hidden=\"true\">{q}</p>",
    "<p style=\"color: red; display : none\">{q}</p>",
    "<p style=\"visibility:hidden !important\">{q}</p>",
    "<template><p>{q}</p></template>",
    "<style>/* {q} */</style>",
    "<input type=\"hidden\" value=\"x\"><noscript>{q}</noscript>",
])
def test_only_text_a_reader_sees_counts(server, hidden):
    server.hidden = f"<html><body><p>Intro.</p>{hidden.format(q=QUOTE)}<p>Outro.</p></body></html>"
    assert _one(server, "/hidden").record.result == "changed"
    server.hidden = f"<html><body><p style=\"display: block\">{QUOTE}</p></body></html>"
    assert _one(server, "/hidden").record.result == "stated"


def test_the_report_shows_a_pages_words_as_text_never_as_markup(server, tmp_path):
    findings = run([_review("hostile", [server.url("/hostile")])], {}, TODAY, _allowed(server))
    [f] = findings
    assert f.record.result == "changed" and "evil.example" in f.record.closest
    md = recheck.report_markdown(findings, TODAY)
    row = next(line for line in md.splitlines() if "evil.example" in line)
    # The passage is one code span in its cell: no link, image, HTML, mention or extra cell.
    cells = re.split(r"(?<!\\)\|", row.strip().strip("|"))
    assert len(cells) == 4, cells
    passage = cells[3].strip()
    fence = re.match(r"`+", passage)[0]
    assert len(fence) == 4 and passage.endswith(" " + fence)  # longer than the page's own ```
    assert passage.count(fence) == 2
    outside = re.sub(r"(`+) .*? \1(?!`)", "", md)
    for raw in ("evil.example", "<img", "@maintainers", "](", "onerror"):
        assert raw not in outside, raw


def test_loading_data_and_generating_pages_never_import_the_network_code():
    # The source-check model (sourcechecks.py) and the site's notice (sourcewatch.py) are read by every
    # build; only a re-check run (recheck.py) reaches the one fetching module, sourcefetch.py.
    code = ("import sys\n"
            "from handbook.catalog import load_catalog\n"
            "from handbook.generate import Generator\n"
            f"catalog = load_catalog({str(ROOT / 'data')!r})\n"
            "from handbook.pagetypes import PAGE_TYPES\n"
            "gen = Generator(catalog)\n"
            "for kind in PAGE_TYPES:  # a page of every registered type, in both languages\n"
            "    path = next(iter(kind.pages(catalog)))[0]\n"
            "    gen.page(path, 'he'), gen.page(path, 'en')\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('requests', 'urllib3', 'http')"
            " or m in ('handbook.sourcefetch', 'handbook.recheck', 'socket')))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")},
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    loaded = eval(out.stdout.strip().splitlines()[-1])
    assert not [m for m in loaded if m.startswith(("handbook.", "requests", "urllib3")) or m == "http.client"], loaded


def test_sourcefetch_is_the_only_module_that_imports_a_network_client():
    # The re-check's model (sourcechecks.py), its judging and report (recheck.py) and the site's notice
    # (sourcewatch.py) stay apart from the fetching, so that neither a build nor a test of them can send.
    network = re.compile(r"^\s*(?:import|from)\s+(requests|urllib3|http\.client|socket|urllib\.request|ssl)\b", re.M)
    importers = {path.relative_to(ROOT).as_posix(): sorted(set(network.findall(path.read_text(encoding="utf-8"))))
                 for path in sorted((ROOT / "hooks").rglob("*.py")) if network.search(path.read_text(encoding="utf-8"))}
    assert importers == {"hooks/handbook/sourcefetch.py": ["requests", "socket", "urllib3"]}, importers
