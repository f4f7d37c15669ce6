"""Re-checking the reviews' sources: is what a review quotes still on the vendor's page?

A review (`data/reviews.yaml`) records its sources, the day they were read and,
where the reviewer copied it, a sentence read there (`quote`). This module
judges what those pages say now and records, per source address, what it found
in `data/source-checks.yaml` (the shape: `sourcechecks.py`), never in the
reviews: a person decides what a changed source means. Results: `stated` (the
quote is still there), `changed` (the page answers but the quote is gone, with
the closest passage found; for a source without a quote, its readable text
differs from the last run's), `moved` (a redirect to another address; one the
re-check may not follow is recorded with its address, not requested), `gated`
(a sign-in page, 401 or 403), `gone` (404 or 410), `unreachable` (timeouts,
DNS, 5xx after retries, anything that failed), and for a source without a quote
`fingerprinted` (first seen) and `unchanged`.

Network only where it belongs: `listing` reads the data file and sends
nothing; only `run` fetches (through `sourcefetch.py`, the one module that
talks to the network), and the command calls it only when asked to (`--fetch`
or HANDBOOK_RECHECK_FETCH=1, which the weekly workflow sets). One source's
failure, whatever it is, is that source's result, never the run's.
"""

from __future__ import annotations

import codecs
import datetime as dt
import difflib
import hashlib
import html
import json
import os
import re
import tempfile
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable
from urllib.parse import urlsplit

from .sourcechecks import (FETCH_ENV, FILE_NAME, NOTICES, RESULTS, SCHEMA_NAME, SourceCheck, SourceCheckFile,
                           check_source_checks, previous_checks, quote_hash, review_quote, source_links, source_urls)
from .sourcefetch import Answer, Politeness, fetch

__all__ = ["FETCH_ENV", "FILE_NAME", "NOTICES", "RESULTS", "SCHEMA_NAME", "SourceCheck", "SourceCheckFile",
           "check_source_checks", "previous_checks", "source_urls", "Politeness", "run", "listing", "write_run"]

# ---------------------------------------------------------------------------
# The sources to re-check
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Source:
    """One address to re-check, with the reviews that cite it."""

    url: str
    gated: bool
    reviews: tuple  # the Review objects citing it, in file order
    sites: tuple[str, ...] = ()  # other hosts a redirect may lead to (the source's `redirects`)

    def quote_hash(self) -> str:
        """The quotes of the reviews citing this address, hashed: a conditional
        request is sent only while they are what the last run looked for."""
        return quote_hash(q for r in self.reviews if (q := review_quote(r)))


def sources_of(reviews: Iterable) -> list[Source]:
    """Every source address of the reviews, once, in file order."""
    by_url: dict[str, tuple[bool, list, list]] = {}
    for r in reviews:
        for url, gated, sites in source_links(r):
            was, cited, allowed = by_url.setdefault(url, (False, [], []))
            cited.append(r)
            allowed.extend(s for s in sites if s not in allowed)
            by_url[url] = (was or gated, cited, allowed)
    return [Source(url, gated, tuple(cited), tuple(sites)) for url, (gated, cited, sites) in by_url.items()]


# ---------------------------------------------------------------------------
# Text: readable, normalized, fingerprinted, compared
# ---------------------------------------------------------------------------

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                         "\u00ab": '"', "\u00bb": '"', "\u2013": "-", "\u2014": "-", "\u2011": "-",
                         "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
                         "\u00ad": None})


_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def normalize(text: str) -> str:
    """Entities decoded, compatibility forms folded (no-break spaces), curly quotes
    and dashes straightened, invisible and control characters dropped, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", html.unescape(text)).translate(_QUOTES)
    return " ".join(_CONTROLS.sub("", text).split())


# What a reader does not see: these elements, and any element hidden by an
# attribute or an inline style.
_UNSEEN_TAGS = ["script", "style", "noscript", "template", "svg", "head", "object", "iframe"]
_HIDDEN_STYLE = re.compile(r"(^|;)\s*(display\s*:\s*none|visibility\s*:\s*(hidden|collapse))\s*(!important\s*)?(;|$)", re.I)


def unknown_charset(content_type: str) -> str | None:
    """The charset a Content-Type names when Python knows no such codec."""
    m = re.search(r"charset=[\"']?([^\s;\"']+)", content_type, re.I)
    if not m:
        return None
    try:
        codecs.lookup(m[1])
    except LookupError:
        return m[1]
    return None


def _charset(content_type: str) -> str | None:
    m = re.search(r"charset=[\"']?([^\s;\"']+)", content_type, re.I)
    return m[1] if m and not unknown_charset(content_type) else None


def _hidden(tag) -> bool:
    return (tag.has_attr("hidden") or str(tag.get("aria-hidden", "")).strip().lower() == "true"
            or (tag.name == "input" and str(tag.get("type", "")).lower() == "hidden")
            or bool(_HIDDEN_STYLE.search(str(tag.get("style", "")))))


def readable_text(body: bytes, content_type: str) -> str | None:
    """The text a reader sees on the page; None for a page that is not text (a PDF,
    an image). A charset Python does not know is read as UTF-8."""
    mime = content_type.split(";", 1)[0].strip().lower()
    charset = _charset(content_type)
    if mime in ("text/html", "application/xhtml+xml") or (not mime and body.lstrip()[:1] == b"<"):
        from bs4 import BeautifulSoup
        soup = BeautifulSoup(body, "lxml", from_encoding=charset)
        for tag in soup(_UNSEEN_TAGS):
            tag.decompose()
        for tag in soup.find_all(True):
            if not tag.decomposed and _hidden(tag):
                tag.decompose()
        return normalize(soup.get_text(" "))
    if mime.startswith("text/") or mime.endswith(("+json", "/json", "+xml", "/xml")):
        return normalize(body.decode(charset or "utf-8", errors="replace"))
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
# Requests: conditional only while the quotes are the same; moves and sign-in pages
# ---------------------------------------------------------------------------


# A redirect to one of these is a sign-in page, not a move.
_SIGN_IN_PATH = re.compile(r"(^|[/._-])(sign[-_]?in|log[-_]?in|sso|oauth2?|authorize)([/._-]|$)", re.I)
_SIGN_IN_HOST = re.compile(r"^(accounts?|login|signin|auth|sso|id)\.", re.I)


def conditional_headers(previous: SourceCheck | None, source: Source | None = None) -> dict[str, str]:
    """If-None-Match and If-Modified-Since from the last run, only while the
    reviews' quotes are the ones it looked for (an edited quote is read afresh)."""
    if previous is None or (source is not None and previous.quote_hash != source.quote_hash()):
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


def page_text(answer: Answer) -> str | None:
    """The readable text of a page that answered."""
    return readable_text(answer.body, answer.content_type) if answer.status and 200 <= answer.status < 300 else None


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
          quotes: tuple[str, ...], polite: Politeness, text: str | None = None) -> SourceCheck:
    """The record for `source` after this run; `quotes` are the quotes to look for
    here, `text` the page's readable text (`page_text`)."""
    keep = dict(fingerprint=previous.fingerprint, etag=previous.etag, last_modified=previous.last_modified,
                changed_on=previous.changed_on) if previous else {}
    if previous and previous.quote_hash != source.quote_hash():
        keep.update(etag=None, last_modified=None)  # stored for other quotes: not to be sent again
    base = dict(url=source.url, checked=today, status=answer.status, quote_hash=source.quote_hash())

    def streak(result: str) -> dt.date:
        # The day this change was first seen: kept while the result stays the same.
        if previous and previous.result == result and previous.changed_on:
            return previous.changed_on
        return today

    if answer.refused:
        # A redirect the re-check may not follow: recorded with its address, never requested.
        # Another https site's sign-in page (a vendor's single sign-on) is gated; any
        # other refused address is a move to it, recorded as the address it named.
        if answer.refused == "another site" and _sign_in(answer):
            return SourceCheck(**base, **keep, result="gated", final_url=answer.final_url,
                               note="marked gated" if source.gated else "a sign-in page answered (not followed)")
        return SourceCheck(**{**base, **keep, "changed_on": streak("moved")}, result="moved",
                           final_url=answer.final_url, note=f"redirect not followed: {answer.refused}")
    if answer.status is None:
        return SourceCheck(**base, **keep, result="unreachable", note=answer.error)
    if answer.status == 304:
        if previous is None or previous.quote_hash != source.quote_hash():
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
    if not 200 <= answer.status < 300:
        return SourceCheck(**base, **keep, result="unreachable", note=f"HTTP {answer.status}")
    if answer.final_url and not _same_address(source.url, answer.final_url):
        return SourceCheck(**{**base, **keep, "changed_on": streak("moved")}, result="moved",
                           final_url=answer.final_url)

    notes = []
    if (bogus := unknown_charset(answer.content_type)) is not None:
        notes.append(f"unknown charset '{bogus[:40]}': read as UTF-8")
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

    def read(s: Source) -> tuple[Answer, str | None, str | None]:
        # The answer, its readable text, and what failed: never an exception out of one source.
        try:
            answer = fetch(s.url, conditional_headers(previous.get(s.url), s), polite, s.sites)
        except Exception as e:  # noqa: BLE001
            return Answer(s.url), None, _failure(e)
        try:
            return answer, page_text(answer), None
        except Exception as e:  # noqa: BLE001
            return answer, None, _failure(e)

    with ThreadPoolExecutor(max_workers=max(1, polite.workers)) as pool:
        answers = dict(zip((s.url for s in sources), pool.map(read, sources)))
    # Where each quote is found: pages that answered at their own address (a moved one is reported moved).
    texts = {url: text if a.final_url and not a.refused and _same_address(url, a.final_url) else None
             for url, (a, text, _) in answers.items()}
    findings = []
    for s in sources:
        answer, text, failed = answers[s.url]
        last = previous.get(s.url)
        try:
            if failed:
                raise RuntimeError(failed)
            record = judge(s, answer, last, today, quotes_to_look_for(s, texts), polite, text)
        except Exception as e:  # noqa: BLE001
            record = SourceCheck(url=s.url, checked=today, result="unreachable", note=failed or _failure(e),
                                 fingerprint=last.fingerprint if last else None,
                                 changed_on=last.changed_on if last else None)
        why = needs_look(s, record)
        findings.append(Finding(s, record, why is not None, why or ""))
    return findings


def _failure(e: BaseException) -> str:
    return f"the re-check failed here ({type(e).__name__}: {normalize(str(e))[:200]})"


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
        cond = conditional_headers(last, s)
        would = "GET" + (" " + ", ".join(f"{k}: {v}" for k, v in cond.items()) if cond else "")
        if not cond and last and (last.etag or last.last_modified):
            would += " (no condition: the reviews' quotes are not those of the last run)"
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
    """Words of the run itself (results, counts, review ids) in a table cell."""
    return str(value if value is not None else "").replace("|", "\\|").replace("\n", " ")


def _code(value) -> str:
    """What a page or a server said (a passage, an address, a note), in a table cell
    as a code span: shown as it is, never a link, an image, HTML or a mention."""
    text = " ".join(str(value or "").split())
    if not text:
        return ""
    fence = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence} {text.replace('|', chr(92) + '|')} {fence}"


def report_markdown(findings: list[Finding], today: dt.date) -> str:
    """The run's report (GitHub Markdown: the weekly issue's and pull request's body)."""
    look = [f for f in findings if f.needs_look]
    counts = ", ".join(f"{n} {r}" for r in RESULTS if (n := sum(f.record.result == r for f in findings)))
    out = [f"# Re-check of the sources, {today}", "", f"{len(findings)} sources: {counts}.", "",
           "## Needs a person's look", ""]
    if look:
        out += ["| source | reviews | what | closest passage now |", "| --- | --- | --- | --- |"]
        out += [f"| {_code(f.source.url)} | {_cell(', '.join(r.id for r in f.source.reviews))} | {_code(f.why)} "
                f"| {_code(f.record.closest)} |" for f in look]
    else:
        out.append("Nothing: every source still says what its review records.")
    out += ["", "## Every source", "", "| source | result | HTTP | note |", "| --- | --- | --- | --- |"]
    out += [f"| {_code(f.source.url)} | {f.record.result} | {_cell(f.record.status)} "
            f"| {_code('; '.join(x for x in (f.record.note, f.record.final_url and 'now at ' + f.record.final_url) if x))} |"
            for f in findings]
    out += ["", "A person decides what a change means: read the source, then update the review "
            "(`status`, `official`, `quote`, `checked`) in data/reviews.yaml.", ""]
    return "\n".join(out)


def write_run(findings: list[Finding], data_file: Path, report_dir: Path, today: dt.date) -> None:
    write_atomic(data_file, data_file_text(findings))
    write_atomic(report_dir / "report.md", report_markdown(findings, today))
    write_atomic(report_dir / "report.json", report_json(findings, today))
