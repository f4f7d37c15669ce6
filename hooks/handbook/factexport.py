"""The facts as files for programs: `api/v1/facts.json` and a CSV per comparison.

Plain Python, no MkDocs: `exports(catalog)` returns {path under the site root:
content}; the hook `hooks/exports.py` writes them into the built site. The JSON
has a versioned, documented shape (`FactsExport`, its JSON Schema served beside
it as `facts.schema.json`); version 1 only grows by new optional fields (the review data came so), a
breaking change becomes `api/v2/`. CSVs hold exactly the comparison pages'
columns and cell texts, in the page's language, with source links as site URLs.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .catalog import Catalog
from .facts import Fact, Range
from .facttables import COMPARISONS, FactBook, Link
from .generate import page_url
from .models import LANGUAGES, Text
from .reviews import Review

API = "api/v1"
LANG_PREFIX = {"he": "", "en": "en/"}


class _Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NumberRange(_Shape):
    min: float | None = Field(description="Lower bound; equals max for a single value; null when open ('< 24h').")
    max: float | None = Field(description="Upper bound; null when open ('25+').")


class Normalized(_Shape):
    per_minute: NumberRange | None = Field(None, description="Rates and quotas, per minute (a month counts 30 days).")
    per_day: NumberRange | None = Field(None, description="Rates and quotas, per day.")
    safe_per_minute: NumberRange | None = Field(None, description="85% of per_minute: the research's headroom advice.")
    seconds: NumberRange | None = Field(None, description="Durations (token lifetimes, timeouts, approval times).")
    step_seconds: list[float] | None = Field(None, description="Backoff schedules: the delays in seconds.")
    bytes: NumberRange | None = Field(None, description="Sizes (1 MB = 1,048,576 bytes).")
    usd: NumberRange | None = Field(None, description="Costs in US dollars.")


class SourceRef(_Shape):
    service: str = Field(description="A service id, or 'takeaways' for the closing summary.")
    bullet: str = Field(description="The bullet's id: its anchor on the page.")
    url: Text = Field(description="The bullet's address on the site, per language (relative to the site root).")
    stated: Text = Field(description="The fact in the bullet's own words (Hebrew verbatim from the research).")


class PlatformRef(_Shape):
    id: str
    name: Text
    category: str
    url: str = Field(description="Official site or developer documentation.")


class ReviewRecord(_Shape):
    id: str = Field(description="Stable: the claim's anchor on the review page (review/#<id>).")
    claim: str = Field(description="The research text checked, verbatim (Hebrew).")
    status: str = Field(description="verified | imprecise | outdated | wrong | unverified.")
    official: Text = Field(description="What the vendor's official documentation says.")
    sources: list[str] = Field(description="Where it says so.")
    checked: str = Field(description="The day the sources were read (YYYY-MM-DD).")
    changed: str | None = Field(description="The day the vendor changed it, where known (YYYY-MM-DD).")
    facts: list[str] = Field(description="Ids of the facts the claim states.")
    bullets: list[dict] = Field(description="The bullets that make the claim: {service, bullet}.")


class FactRecord(_Shape):
    id: str = Field(description="Stable: the row's anchor on every page. Never changes.")
    platform: PlatformRef | None = Field(description="null: a statement about no single platform.")
    kind: str
    subject: Text
    stated: Text = Field(description="As the research states it (first source).")
    value: NumberRange | None = Field(description="The number(s) as stated, in `unit`.")
    steps: list[float]
    unit: str | None = Field(description="The unit as stated: request, call, message, second, hour, month, MB, USD...")
    per: dict | None = Field(description="The window of a rate: {amount, unit}.")
    normalized: Normalized
    names: list[str] = Field(description="Auth methods or signature schemes, as stated.")
    plan: str | None
    scope: Text | None
    note: Text | None
    refresh: bool | None
    webhooks: bool
    conflicts_with: list[str] = Field(description="Ids of facts the research contradicts this one with.")
    sources: list[SourceRef]
    review_status: str = Field("unreviewed", description="The review's status, or 'unreviewed' "
                                                         "(added with the review data).")
    review: ReviewRecord | None = Field(None, description="The check against the official source; null when "
                                              "unreviewed (added with the review data).")


class TableRef(_Shape):
    id: str
    page: Text = Field(description="The comparison page, per language.")
    csv: Text = Field(description="The table as CSV, per language.")
    facts: list[str] = Field(description="Ids of its rows, in the page's order.")


class FactsExport(_Shape):
    """The handbook's facts, version 1."""

    version: Literal[1] = 1
    description: str = ("Every quantitative or plan statement of the integration services research, typed and "
                        "normalized, with the bullets it comes from. Numbers in `value` are as stated; "
                        "`normalized` is computed.")
    facts: list[FactRecord]
    comparisons: list[TableRef]
    reviews: list[ReviewRecord] = Field([], description="Every reviewed claim, including those about bullets "
                                                         "with no fact (added with the review data).")


# ---------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------


def _range(r: Range | None) -> NumberRange | None:
    return None if r is None else NumberRange(min=r.min, max=r.max)


def _url(doc: str, anchor: str | None, lang: str) -> str:
    return LANG_PREFIX[lang] + page_url(doc) + (f"#{anchor}" if anchor else "")


def link_url(link: Link, lang: str) -> str:
    """A page link as a URL from the site root, as the CSVs hold it."""
    return _url(link.doc, link.anchor, lang)


def _review(r: Review) -> ReviewRecord:
    return ReviewRecord(id=r.id, claim=r.claim, status=r.status, official=r.official, sources=r.sources,
                        checked=r.checked.isoformat(), changed=r.changed.isoformat() if r.changed else None,
                        facts=r.facts, bullets=[b.model_dump() for b in r.bullets])


def _record(book: FactBook, fact: Fact, conflicts: list[str]) -> FactRecord:
    p = book.catalog.platforms.get(fact.platform) if fact.platform else None
    sources = []
    for s in fact.sources:
        doc = "takeaways.md" if s.service == "takeaways" else f"services/{s.service}.md"
        sources.append(SourceRef(service=s.service, bullet=s.bullet, stated=s.text,
                                 url=Text(he=_url(doc, s.bullet, "he"), en=_url(doc, s.bullet, "en"))))
    return FactRecord(
        id=fact.id, kind=fact.kind, subject=fact.subject, stated=fact.stated,
        platform=PlatformRef(id=p.id, name=p.name, category=p.category, url=p.url) if p else None,
        value=_range(fact.value), steps=fact.steps, unit=fact.unit,
        per=fact.per.model_dump() if fact.per else None,
        normalized=Normalized(per_minute=_range(fact.per_minute), per_day=_range(fact.per_day),
                              safe_per_minute=_range(fact.safe_per_minute), seconds=_range(fact.seconds),
                              step_seconds=fact.step_seconds or None, bytes=_range(fact.bytes), usd=_range(fact.usd)),
        names=fact.names, plan=fact.plan, scope=fact.scope, note=fact.note, refresh=fact.refresh,
        webhooks=fact.webhooks, conflicts_with=conflicts, sources=sources,
        review_status=book.reviews.status_of(fact.id),
        review=_review(r) if (r := book.reviews.for_fact(fact.id)) else None,
    )


def facts_export(book: FactBook) -> FactsExport:
    against = {row.id: list(row.conflicts) for row in book.rows}
    return FactsExport(
        facts=[_record(book, f, against[f.id]) for f in book.catalog.facts],
        comparisons=[TableRef(id=c.id, page=Text(he=_url(f"compare/{c.id}.md", None, "he"),
                                                 en=_url(f"compare/{c.id}.md", None, "en")),
                              csv=Text(he=f"{API}/{c.id}.he.csv", en=f"{API}/{c.id}.en.csv"),
                              facts=[r.id for r in book.comparison(c.id).rows])
                     for c in COMPARISONS],
        reviews=[_review(r) for r in book.reviews.reviews],
    )


def exports(catalog: Catalog) -> dict[str, str]:
    """{path under the site root: content} of every export file."""
    book = FactBook(catalog)
    files = {
        f"{API}/facts.json": facts_export(book).model_dump_json(indent=2) + "\n",
        f"{API}/facts.schema.json": json.dumps(FactsExport.model_json_schema(), indent=2) + "\n",
    }
    for c in COMPARISONS:
        for lang in LANGUAGES:
            files[f"{API}/{c.id}.{lang}.csv"] = book.csv(book.comparison(c.id), lang, lambda l, lang=lang: link_url(l, lang))
    return files
