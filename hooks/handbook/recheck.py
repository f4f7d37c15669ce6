"""Re-checking the reviews' sources: is what a review quotes still on the vendor's page?

A review (`data/reviews.yaml`) records its sources, the day they were read and,
where the reviewer copied it, a sentence read there (`quote`). This module
re-reads those pages and records, per source address, what it found in
`data/source-checks.yaml` (`SourceCheckFile`), never in the reviews: a person
decides what a changed source means. Results: `stated` (the quote is still
there), `changed` (the page answers but the quote is gone, with the closest
passage found; for a source without a quote, its readable text differs from the
last run's), `moved` (a redirect to another address), `gated` (a sign-in page,
401 or 403), `gone` (404 or 410), `unreachable` (timeouts, DNS, 5xx after
retries), and for a source without a quote `fingerprinted` (first seen) and
`unchanged`.

Network only where it belongs: `plan` and `listing` read the data file and send
nothing; only `run` fetches, and the command calls it only when asked to
(`--fetch` or HANDBOOK_RECHECK_FETCH=1, which the weekly workflow sets).
Raw fields of a record are what the last run saw; `changed_on` is computed from
the previous record (the day a change was first seen), never typed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import html
import json
import os
import re
import tempfile
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Literal
from urllib.parse import urlsplit

from pydantic import Field, model_validator

from .models import Strict
from .unique import duplicates

# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------

Result = Literal["stated", "changed", "moved", "gated", "gone", "unreachable", "fingerprinted", "unchanged"]
RESULTS: tuple[str, ...] = Result.__args__
# Results that the site shows next to a review checked before them.
NOTICES = ("changed", "moved", "gone")
FILE_NAME = "source-checks.yaml"
SCHEMA_NAME = "source-checks.schema.json"
FETCH_ENV = "HANDBOOK_RECHECK_FETCH"


class SourceCheck(Strict):
    """What the last re-check found at one source address."""

    url: str = Field(pattern=r"^https?://\S+$", description="The source address, as the reviews cite it.")
    checked: dt.date = Field(description="The day of the last re-check (YYYY-MM-DD).")
    result: Result
    status: int | None = Field(default=None, ge=100, le=599, description="The HTTP status of the last answer; none when nothing answered.")
    final_url: str | None = Field(default=None, description="Where the address led (redirects followed).")
    etag: str | None = Field(default=None, description="The page's ETag, sent back as If-None-Match.")
    last_modified: str | None = Field(default=None, description="The page's Last-Modified, sent back as If-Modified-Since.")
    fingerprint: str | None = Field(default=None, pattern=r"^sha256:[0-9a-f]{64}$",
                                    description="Hash of the page's normalized readable text.")
    closest: str | None = Field(default=None, description="For a changed quote: the closest passage on the page now.")
    changed_on: dt.date | None = Field(default=None, description="The day a change (changed, moved, gone) was first seen.")
    note: str | None = Field(default=None, description="Anything else the run saw (a cut page, a timeout, a non-text page).")

    @model_validator(mode="after")
    def _consistent(self):
        problems = []
        if self.result == "moved" and not self.final_url:
            problems.append("a 'moved' source needs its final_url")
        if self.changed_on and self.changed_on > self.checked:
            problems.append(f"changed_on {self.changed_on} is after checked {self.checked}")
        if self.result in NOTICES and not self.changed_on:
            problems.append(f"a '{self.result}' source needs changed_on")
        if problems:
            raise ValueError("; ".join(problems))
        return self


class SourceCheckFile(Strict):
    """`data/source-checks.yaml`: the last re-check of every source, written by `make recheck`."""

    sources: list[SourceCheck] = []


def check_source_checks(name: str, checks: list[SourceCheck]) -> list[str]:
    """Problems the model cannot see, as `file: place: message`: an address recorded twice."""
    return duplicates([(name, f"sources[{i}].url", c.url) for i, c in enumerate(checks)], "source address")


# ---------------------------------------------------------------------------
# The reviews' sources (both shapes of `sources`)
# ---------------------------------------------------------------------------


def source_urls(review) -> list[tuple[str, bool]]:
    """(url, gated) for each source of a review: a plain address, or an object
    (or mapping) with `url` and `gated` for a page that needs a login."""
    out = []
    for s in review.sources:
        if isinstance(s, str):
            out.append((s, False))
        elif isinstance(s, dict):
            out.append((s["url"], bool(s.get("gated", False))))
        else:
            out.append((s.url, bool(getattr(s, "gated", False))))
    return out


def review_quote(review) -> str | None:
    quote = getattr(review, "quote", None)
    return quote if isinstance(quote, str) and quote.strip() else None


@dataclass(frozen=True)
class Source:
    """One address to re-check, with the reviews that cite it."""

    url: str
    gated: bool
    reviews: tuple  # the Review objects citing it, in file order


def sources_of(reviews: Iterable) -> list[Source]:
    """Every source address of the reviews, once, in file order."""
    by_url: dict[str, tuple[bool, list]] = {}
    for r in reviews:
        for url, gated in source_urls(r):
            was, cited = by_url.setdefault(url, (False, []))
            cited.append(r)
            by_url[url] = (was or gated, cited)
    return [Source(url, gated, tuple(cited)) for url, (gated, cited) in by_url.items()]


# ---------------------------------------------------------------------------
# Text: readable, normalized, fingerprinted, compared
# ---------------------------------------------------------------------------

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                         "\u00ab": '"', "\u00bb": '"', "\u2013": "-", "\u2014": "-", "\u2011": "-",
                         "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
                         "\u00ad": None})


def normalize(text: str) -> str:
    """Entities decoded, compatibility forms folded (no-break spaces), curly quotes
    and dashes straightened, invisible characters dropped, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", html.unescape(text)).translate(_QUOTES)
    return " ".join(text.split())


def readable_text(body: bytes, content_type: str) -> str | None:
    """The page's readable text; None for a page that is not text (a PDF, an image)."""
    mime = content_type.split(";", 1)[0].strip().lower()
    charset = re.search(r"charset=([\w.-]+)", content_type, re.I)
    if mime in ("text/html", "application/xhtml+xml") or (not mime and body.lstrip()[:1] == b"<"):
        from bs4 import BeautifulSoup
        soup = BeautifulSoup(body, "lxml", from_encoding=charset[1] if charset else None)
        for tag in soup(["script", "style", "noscript", "template", "svg", "head"]):
            tag.decompose()
        return normalize(soup.get_text(" "))
    if mime.startswith("text/") or mime.endswith(("+json", "/json", "+xml", "/xml")):
        return normalize(body.decode(charset[1] if charset else "utf-8", errors="replace"))
    return None


def fingerprint(text: str | None, body: bytes) -> str:
    data = text.encode("utf-8") if text is not None else body
    return "sha256:" + hashlib.sha256(data).hexdigest()


def contains(text: str, quote: str) -> bool:
    return normalize(quote) in text


_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+")


def closest_passage(text: str, quote: str, limit: int = 400) -> str | None:
    """The sentence (or two adjacent ones) of `text` most like `quote`."""
    quote = normalize(quote)
    sentences = [s[:1000] for s in _SENTENCE_END.split(text) if s.strip()]
    candidates = sentences + [f"{a} {b}" for a, b in zip(sentences, sentences[1:])]
    best, best_ratio = None, 0.0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(quote)
    for c in candidates:
        matcher.set_seq1(c)
        if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = c, ratio
    if best is None or best_ratio < 0.3:
        return None
    return best if len(best) <= limit else best[: limit - 1] + "…"


# ---------------------------------------------------------------------------
# Fetching: polite and bounded
# ---------------------------------------------------------------------------


def user_agent() -> str:
    repo = os.environ.get("GITHUB_REPOSITORY")
    where = f"https://github.com/{repo}" if repo else "the Integration Services Handbook"
    return f"IntegrationServicesHandbook-recheck/1 (+{where}; re-reads the pages its reviews cite, weekly)"


@dataclass(frozen=True)
class Politeness:
    """How a run fetches: a few at a time, bounded in time and size."""

    workers: int = 3
    timeout: float = 20.0  # seconds per attempt, the whole answer included
    retries: int = 2  # after the first attempt, for timeouts, connection errors, 429 and 5xx
    backoff: float = 2.0  # seconds before the first retry, doubling
    max_bytes: int = 2_000_000  # a page is cut here
    max_redirects: int = 10
    user_agent: str = field(default_factory=user_agent)


RETRY_STATUSES = {429, 500, 502, 503, 504}
# A redirect to one of these is a sign-in page, not a move.
_SIGN_IN_PATH = re.compile(r"(^|[/._-])(sign[-_]?in|log[-_]?in|sso|oauth2?|authorize)([/._-]|$)", re.I)
_SIGN_IN_HOST = re.compile(r"^(accounts?|login|signin|auth|sso|id)\.", re.I)


@dataclass
class Answer:
    """What one address answered (after retries)."""

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

    def text(self) -> str | None:
        """The readable text of a page that answered (parsed once)."""
        if not hasattr(self, "_text"):
            self._text = readable_text(self.body, self.content_type) if self.status and 200 <= self.status < 300 else None
        return self._text


def fetch(url: str, previous: SourceCheck | None, polite: Politeness) -> Answer:
    """GET `url` (conditionally, where the last run stored an ETag or Last-Modified)."""
    import requests

    headers = {"User-Agent": polite.user_agent, "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    headers.update(conditional_headers(previous))
    answer = Answer(url)
    for attempt in range(polite.retries + 1):
        if attempt:
            time.sleep(polite.backoff * 2 ** (attempt - 1))
        answer = Answer(url, attempts=attempt + 1)
        try:
            with requests.Session() as session:
                session.max_redirects = polite.max_redirects
                session.trust_env = True
                with session.get(url, headers=headers, timeout=polite.timeout, stream=True,
                                 allow_redirects=True) as r:
                    answer.status = r.status_code
                    answer.final_url = r.url
                    answer.redirects = tuple(h.headers.get("Location", "") for h in r.history)
                    answer.content_type = r.headers.get("Content-Type", "")
                    answer.etag = r.headers.get("ETag")
                    answer.last_modified = r.headers.get("Last-Modified")
                    if r.status_code in RETRY_STATUSES:
                        continue
                    answer.body, answer.cut = _read(r, polite)
                    return answer
        except requests.TooManyRedirects:
            answer.error = f"more than {polite.max_redirects} redirects"
            return answer
        except (requests.Timeout, TimeoutError):
            answer.error = f"no complete answer within {polite.timeout:g} s"
        except requests.ConnectionError as e:
            # A read that times out in the middle of the body comes as a ConnectionError.
            reason = _reason(e)
            answer.error = f"no complete answer within {polite.timeout:g} s" if reason == "timed out" \
                else f"connection failed ({reason})"
        except requests.RequestException as e:
            answer.error = f"request failed ({_reason(e)})"
            return answer
    return answer


def _read(response, polite: Politeness) -> tuple[bytes, bool]:
    # The whole answer within the timeout (a page that trickles is a timeout too), cut at max_bytes.
    deadline = time.monotonic() + polite.timeout
    chunks, size = [], 0
    for chunk in response.iter_content(chunk_size=65536):
        chunks.append(chunk)
        size += len(chunk)
        if size >= polite.max_bytes:
            return b"".join(chunks)[: polite.max_bytes], True
        if time.monotonic() > deadline:
            raise TimeoutError
    return b"".join(chunks), False


def _reason(e: Exception) -> str:
    text = str(e)
    if "timed out" in text:
        return "timed out"
    for pattern in (r"Name or service not known", r"Temporary failure in name resolution", r"Connection refused",
                    r"No route to host", r"Network is unreachable", r"certificate verify failed"):
        if re.search(pattern, text):
            return pattern[0].lower() + pattern[1:]
    return type(e).__name__


def conditional_headers(previous: SourceCheck | None) -> dict[str, str]:
    if previous is None:
        return {}
    out = {}
    if previous.etag:
        out["If-None-Match"] = previous.etag
    if previous.last_modified:
        out["If-Modified-Since"] = previous.last_modified
    return out


def _same_address(a: str, b: str) -> bool:
    # A trailing slash, a fragment or http -> https is not a move.
    pa, pb = urlsplit(a), urlsplit(b)
    return (pa.netloc.lower(), pa.path.rstrip("/") or "/", pa.query) == (pb.netloc.lower(), pb.path.rstrip("/") or "/", pb.query)


def _sign_in(answer: Answer) -> bool:
    for hop in (*answer.redirects, answer.final_url or ""):
        parts = urlsplit(hop)
        if _SIGN_IN_PATH.search(parts.path) or _SIGN_IN_HOST.search(parts.netloc):
            return True
    return False


# ---------------------------------------------------------------------------
# Judging: an answer and the last record become the new record
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One source's result in a run, with the record to store."""

    source: Source
    record: SourceCheck
    needs_look: bool
    why: str  # a line for the report


def judge(source: Source, answer: Answer, previous: SourceCheck | None, today: dt.date,
          quotes: tuple[str, ...], polite: Politeness) -> SourceCheck:
    """The record for `source` after this run; `quotes` are the quotes to look for here."""
    keep = dict(fingerprint=previous.fingerprint, etag=previous.etag, last_modified=previous.last_modified,
                changed_on=previous.changed_on) if previous else {}
    base = dict(url=source.url, checked=today, status=answer.status)

    def streak(result: str) -> dt.date:
        # The day this change was first seen: kept while the result stays the same.
        if previous and previous.result == result and previous.changed_on:
            return previous.changed_on
        return today

    if answer.status is None:
        return SourceCheck(**base, **keep, result="unreachable", note=answer.error)
    if answer.status == 304:
        if previous is None:
            return SourceCheck(**base, result="unreachable", note="304 Not Modified without a condition")
        return previous.model_copy(update=dict(checked=today, status=304,
                                               note="not modified since the last check (304)"))
    if answer.status in (401, 403) or (answer.redirects and _sign_in(answer)):
        return SourceCheck(**base, **keep, result="gated", final_url=answer.final_url,
                           note="marked gated" if source.gated else "a sign-in page answered")
    if answer.status in (404, 410):
        return SourceCheck(**{**base, **keep, "changed_on": streak("gone")}, result="gone")
    if answer.status >= 400:
        return SourceCheck(**base, **keep, result="unreachable", note=f"HTTP {answer.status}"
                           + (f" after {answer.attempts} attempts" if answer.attempts > 1 else ""))
    if answer.final_url and not _same_address(source.url, answer.final_url):
        return SourceCheck(**{**base, **keep, "changed_on": streak("moved")}, result="moved",
                           final_url=answer.final_url)

    text = answer.text()
    notes = []
    if answer.cut:
        notes.append(f"cut at {polite.max_bytes:,} bytes")
    if text is None:
        notes.append(f"not text ({answer.content_type.split(';')[0] or 'no type'}): fingerprinted only")
    new = dict(base, etag=answer.etag, last_modified=answer.last_modified, final_url=None,
               fingerprint=fingerprint(text, answer.body))
    note = "; ".join(notes) or None
    if quotes and text is not None:
        missing = [q for q in quotes if not contains(text, q)]
        if not missing:
            return SourceCheck(**new, result="stated", note=note)
        return SourceCheck(**new, result="changed", changed_on=streak("changed"),
                           closest=closest_passage(text, missing[0]), note=note)
    # No quote to look for here: the readable text itself is the baseline.
    if previous is None or previous.fingerprint is None:
        return SourceCheck(**new, result="fingerprinted", note=note)
    if previous.fingerprint == new["fingerprint"]:
        return SourceCheck(**new, result="unchanged", changed_on=previous.changed_on, note=note)
    return SourceCheck(**new, result="changed", changed_on=today,
                       note="; ".join([*notes, "the readable text differs from the last check"]))


def needs_look(source: Source, record: SourceCheck) -> str | None:
    """Why a person should look at this source now, or None."""
    if record.result == "unreachable":
        return f"unreachable: {record.note or 'no answer'}"
    if record.result == "gated" and not source.gated:
        return "gated: a sign-in page answered (mark the source gated, or find a public page)"
    if record.changed_on and any(record.changed_on > r.checked for r in source.reviews):
        what = {"moved": f"moved to {record.final_url}", "gone": "gone (the address has no page)"}.get(
            record.result, "changed")
        return f"{what} on {record.changed_on}, after the review's check"
    return None


def quotes_to_look_for(source: Source, texts: dict[str, str | None]) -> tuple[str, ...]:
    """The quotes this address must still state: a review's quote belongs to the
    sources where it is found, or, found at none of them, to all of them."""
    out = []
    for r in source.reviews:
        quote = review_quote(r)
        if quote is None:
            continue
        here = texts.get(source.url)
        if here is not None and contains(here, quote):
            out.append(quote)
            continue
        elsewhere = any(texts.get(u) is not None and contains(texts[u], quote)
                        for u, _ in source_urls(r) if u != source.url)
        if not elsewhere:
            out.append(quote)
    return tuple(dict.fromkeys(out))


# ---------------------------------------------------------------------------
# A run
# ---------------------------------------------------------------------------


def run(reviews: Iterable, previous: dict[str, SourceCheck], today: dt.date,
        polite: Politeness | None = None) -> list[Finding]:
    """Fetch every source (a few at a time) and judge each answer."""
    polite = polite or Politeness()
    sources = sources_of(reviews)
    with ThreadPoolExecutor(max_workers=max(1, polite.workers)) as pool:
        answers = dict(zip((s.url for s in sources),
                           pool.map(lambda s: fetch(s.url, previous.get(s.url), polite), sources)))
    # Where each quote is found: pages that answered at their own address (a moved one is reported moved).
    texts = {url: a.text() if a.final_url and _same_address(url, a.final_url) else None for url, a in answers.items()}
    findings = []
    for s in sources:
        record = judge(s, answers[s.url], previous.get(s.url), today, quotes_to_look_for(s, texts), polite)
        why = needs_look(s, record)
        findings.append(Finding(s, record, why is not None, why or ""))
    return findings


def previous_checks(checks: Iterable[SourceCheck]) -> dict[str, SourceCheck]:
    return {c.url: c for c in checks}


# ---------------------------------------------------------------------------
# Without the network: what is recorded, and what a run would fetch
# ---------------------------------------------------------------------------


def listing(reviews: Iterable, previous: dict[str, SourceCheck]) -> str:
    """Every source with its last result and date, and the request a run would send."""
    sources = sources_of(reviews)
    lines = [f"{len(sources)} sources of {len({r.id for s in sources for r in s.reviews})} reviews "
             f"(nothing fetched: pass --fetch or set {FETCH_ENV}=1 to re-check them)", ""]
    for s in sources:
        last = previous.get(s.url)
        state = f"{last.result} on {last.checked}" if last else "never re-checked"
        if last and last.changed_on and last.result != "stated":
            state += f" (change seen {last.changed_on})"
        cond = conditional_headers(last)
        would = "GET" + (" " + ", ".join(f"{k}: {v}" for k, v in cond.items()) if cond else "")
        if s.gated:
            would += " (marked gated: a login page is expected)"
        quoted = sum(review_quote(r) is not None for r in s.reviews)
        looks = f"{quoted} quote{'s' if quoted != 1 else ''}" if quoted else "no quote: fingerprint"
        lines.append(f"{s.url}\n    last: {state}\n    would: {would}; {looks}; "
                     f"reviews: {', '.join(r.id for r in s.reviews)}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# Writing: the data file and the run's report, atomically
# ---------------------------------------------------------------------------


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def data_file_text(findings: list[Finding]) -> str:
    from .yamlio import dump
    records = [f.record.model_dump(mode="json", exclude_none=True) for f in findings]
    header = ("# The last re-check of every source of data/reviews.yaml, written by `make recheck`\n"
              "# (README.md, \"Re-checking the sources\"). Never edit the reviews from here: a person\n"
              "# reads a changed source and updates the review.\n")
    text = dump({"sources": records}, f"schema/{SCHEMA_NAME}")
    first, rest = text.split("\n", 1)
    return f"{first}\n{header}{rest}"


def report_json(findings: list[Finding], today: dt.date) -> str:
    return json.dumps({
        "date": today.isoformat(),
        "counts": {r: sum(f.record.result == r for f in findings) for r in RESULTS},
        "needs_look": sum(f.needs_look for f in findings),
        "sources": [{**f.record.model_dump(mode="json"), "gated_expected": f.source.gated,
                     "reviews": [r.id for r in f.source.reviews], "needs_look": f.needs_look, "why": f.why or None}
                    for f in findings],
    }, ensure_ascii=False, indent=2) + "\n"


def _cell(value) -> str:
    return str(value if value is not None else "").replace("|", "\\|").replace("\n", " ")


def report_markdown(findings: list[Finding], today: dt.date) -> str:
    look = [f for f in findings if f.needs_look]
    counts = ", ".join(f"{n} {r}" for r in RESULTS if (n := sum(f.record.result == r for f in findings)))
    out = [f"# Re-check of the sources, {today}", "", f"{len(findings)} sources: {counts}.", "",
           "## Needs a person's look", ""]
    if look:
        out += ["| source | reviews | what | closest passage now |", "| --- | --- | --- | --- |"]
        out += [f"| {_cell(f.source.url)} | {_cell(', '.join(r.id for r in f.source.reviews))} | {_cell(f.why)} "
                f"| {_cell(f.record.closest)} |" for f in look]
    else:
        out.append("Nothing: every source still says what its review records.")
    out += ["", "## Every source", "", "| source | result | HTTP | note |", "| --- | --- | --- | --- |"]
    out += [f"| {_cell(f.source.url)} | {f.record.result} | {_cell(f.record.status)} "
            f"| {_cell('; '.join(x for x in (f.record.note, f.record.final_url and 'now at ' + f.record.final_url) if x))} |"
            for f in findings]
    out += ["", "A person decides what a change means: read the source, then update the review "
            "(`status`, `official`, `quote`, `checked`) in data/reviews.yaml.", ""]
    return "\n".join(out)


def write_run(findings: list[Finding], data_file: Path, report_dir: Path, today: dt.date) -> None:
    write_atomic(data_file, data_file_text(findings))
    write_atomic(report_dir / "report.md", report_markdown(findings, today))
    write_atomic(report_dir / "report.json", report_json(findings, today))


# ---------------------------------------------------------------------------
# On the site: a review whose source changed after its check
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceChange:
    kind: str  # changed, moved or gone
    on: dt.date
    url: str


class SourceWatch:
    """The recorded checks, asked by the templates: did a review's source change after it was checked?"""

    def __init__(self, checks: Iterable[SourceCheck]):
        self._by_url = previous_checks(checks)

    def change(self, review) -> SourceChange | None:
        """The latest change seen at one of the review's sources after its `checked` date."""
        found = [SourceChange(c.result if c.result in NOTICES else "changed", c.changed_on, c.url)
                 for url, _ in source_urls(review) if (c := self._by_url.get(url))
                 and c.changed_on and c.changed_on > review.checked]
        return max(found, key=lambda x: x.on) if found else None

    def todo(self, book) -> list:
        """The review page's to-do list: reviews whose source changed after their
        check first (latest change first), then the other reviews not verified."""
        changed = sorted((r for r in book.reviews if self.change(r)), key=lambda r: (-self.change(r).on.toordinal(), r.id))
        return changed + [r for r in book.not_verified() if r not in changed]
