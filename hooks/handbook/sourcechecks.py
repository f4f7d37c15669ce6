"""The recorded re-checks of the reviews' sources: the data shape, no network.

`data/source-checks.yaml` holds, per source address of `data/reviews.yaml`,
what the last re-check found there (`SourceCheck`); `make recheck` writes it
(`recheck.py`, which alone fetches, through `sourcefetch.py`). Loading the data
and generating pages read this module and `sourcewatch.py` only, so they never
import the network code. Raw fields of a record are what the last run saw;
`changed_on` is computed from the previous record (the day a change was first
seen), never typed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Literal

from pydantic import Field, model_validator

from .models import Strict
from .unique import duplicates

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
    final_url: str | None = Field(default=None, description="Where the address led (redirects followed), or the "
                                  "address a refused redirect named (not requested).")
    etag: str | None = Field(default=None, description="The page's ETag, sent back as If-None-Match.")
    last_modified: str | None = Field(default=None, description="The page's Last-Modified, sent back as If-Modified-Since.")
    quote_hash: str | None = Field(default=None, pattern=r"^sha256:[0-9a-f]{64}$",
                                   description="Hash of the reviews' quotes this run looked for: a conditional "
                                   "request is sent only while they are unchanged.")
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
    return [(url, gated) for url, gated, _ in source_links(review)]


def source_links(review) -> list[tuple[str, bool, tuple[str, ...]]]:
    """(url, gated, hosts a redirect may lead to) for each source of a review."""
    out = []
    for s in review.sources:
        if isinstance(s, str):
            out.append((s, False, ()))
        elif isinstance(s, dict):
            out.append((s["url"], bool(s.get("gated", False)), tuple(s.get("redirects", ()))))
        else:
            out.append((s.url, bool(getattr(s, "gated", False)), tuple(getattr(s, "redirects", ()) or ())))
    return out


def review_quote(review) -> str | None:
    quote = getattr(review, "quote", None)
    return quote if isinstance(quote, str) and quote.strip() else None


def quote_hash(quotes) -> str:
    """One hash of the quotes a source is read for (order and repeats aside)."""
    joined = "\n".join(sorted(set(quotes)))
    return "sha256:" + hashlib.sha256(joined.encode("utf-8")).hexdigest()


def previous_checks(checks) -> dict[str, SourceCheck]:
    return {c.url: c for c in checks}
