"""The facts as files for programs: `api/v1/facts.json` and a CSV per comparison.

Plain Python, no MkDocs: `exports(catalog)` returns {path under the site root:
content}; the hook `hooks/exports.py` writes them into the built site. The JSON
has a versioned, documented shape (`FactsExport`, its JSON Schema served beside
it as `facts.schema.json`); its address stays (people and programs have it), and
`version` goes up with every change of shape, recorded in `CHANGELOG` below.
CSVs hold exactly the comparison pages' columns and cell texts, in the page's
language, with source links as site URLs, and each cell is neutral in a
spreadsheet.
"""

from __future__ import annotations

import json
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from .brief import brief_files
from .catalog import Catalog
from .changes import ATOM_NAME, ICS_NAME, Affected
from .facts import Fact
from .facttables import COMPARISONS, AnswerFigure, FactBook, FactRow, Link, official_figure
from .figures import Quantity, Range, words
from .languages import CODES, DEFAULT
from .models import Text
from .reviews import Review
from .strings import STRINGS
from . import urls

API = urls.API
VERSION = 3
# Every change of the JSON's shape, newest first: served in the schema's description.
CHANGELOG = (
    "3 (2026-12): `answer.statement` holds the vendor's official statement where it answers in words (an auth "
    "method, a signature scheme, a requirement, or a figure the research had wrong with no number to replace it), "
    "and such an answer is `official: true`; the fact's `normalized` is computed from the answer only (null unless "
    "the answer is the research's own figure; an official figure carries its own `normalized`); `per_minute`, "
    "`per_day` and `safe_per_minute` only for rates counted over less than a day, never for quotas, billing "
    "thresholds, concurrency or counts, and `per_day` never above a cap the vendor states for the same plan; "
    "`answer.names` for a method or scheme the research names where that is the answer; "
    "figures may carry `formula` ({base, per_user}, up to `value`); text fields are {he, en} only (editors' "
    "notes are not published). "
    "2 (2026-12): each fact has `answer`, what a consultant sends: the vendor's official figures where a "
    "review gives them (typed, with plan and scope, normalized only for rates over a time window), else the "
    "research's own figure; `normalized` (the research's figure) is null when its review found it wrong or "
    "outdated; reviews have `claim` in both languages, `figures`, `quote`, sources as {url, gated}, and the "
    "status `guidance`; `changes` lists the dated vendor changes. "
    "1 (2026-11): facts, comparisons; reviews added as optional fields.",
)


class _Shape(BaseModel):
    # Built when first used (the exports, in one language's process), not when the build starts.
    model_config = ConfigDict(extra="forbid", defer_build=True)


def _public(value):
    # Text from data/ carries editors' fields (a translator's note, the Hebrew a stale English translates):
    # only the words themselves are published.
    if isinstance(value, Text):
        return {"he": value.he, "en": value.en if value.translated else None}
    return value


class PublishedText(_Shape):
    he: str
    en: str | None = Field(description="null while the English translation is missing (the site shows the Hebrew).")

    def __getitem__(self, lang: str) -> str:
        # A missing translation reads in the default language, as the site shows it.
        value = getattr(self, lang)
        return value if value is not None else getattr(self, DEFAULT.code)


Words = Annotated[PublishedText, BeforeValidator(_public)]


class NumberRange(_Shape):
    min: float | None = Field(description="Lower bound; equals max for a single value; null when open ('< 24h').")
    max: float | None = Field(description="Upper bound; null when open ('25+').")


class Normalized(_Shape):
    per_minute: NumberRange | None = Field(None, description="Rates counted over less than a day, per minute.")
    per_day: NumberRange | None = Field(None, description="Rates counted over less than a day, per day at that rate, "
                                        "never above a daily or monthly cap the vendor states for the same plan.")
    safe_per_minute: NumberRange | None = Field(None, description="85% of per_minute: the research's rule of thumb "
                                                "(no vendor publishes it; pace by the vendor's rate-limit headers).")
    seconds: NumberRange | None = Field(None, description="Durations (token lifetimes, timeouts, approval times).")
    step_seconds: list[float] | None = Field(None, description="Backoff schedules: the delays in seconds.")
    bytes: NumberRange | None = Field(None, description="Sizes (1 MB = 1,048,576 bytes).")
    usd: NumberRange | None = Field(None, description="Costs in US dollars.")


class SourceRef(_Shape):
    service: str = Field(description="A service id, or 'takeaways' for the closing summary.")
    bullet: str = Field(description="The bullet's id: its anchor on the page.")
    url: Words = Field(description="The bullet's address on the site, per language (relative to the site root).")
    stated: Words = Field(description="The fact in the bullet's own words (Hebrew verbatim from the research).")


class PlatformRef(_Shape):
    id: str
    name: Words
    category: str
    url: str = Field(description="Official site or developer documentation.")


class PlanRecord(_Shape):
    id: str = Field(description="The plan's id in data/platforms.yaml; the plan filter's key is <platform>.<id>.")
    name: Words = Field(description="The vendor's name for it.")
    legacy: bool = Field(description="No longer sold; accounts from before keep it.")


class FigureRecord(_Shape):
    value: NumberRange | None = Field(description="The number(s) in `unit`; null when unlimited.")
    unlimited: bool
    unit: str
    per: dict | None = Field(description="The window of a rate or quota: {amount, unit}.")
    measure: str = Field(description="What kind of figure: rate, quota, points, recipients, concurrency, duration, "
                                     "size, count, cost, percent, multiple. Compare figures only within one.")
    platform: str | None = Field(description="The vendor it is about (a platform id); null: no single vendor.")
    plans: list[PlanRecord] = Field(description="The vendor's plans it applies to; empty: every plan of the vendor "
                                                "(or a vendor without plans).")
    tier: Words | None = Field(description="A tier that is not the customer's plan, named as what it is.")
    applies_to: Words | None = Field(description="What it applies to: an API, an app type, a deployment.")
    scope: Words | None = Field(description="What it is counted per.")
    state: str | None = Field(description="trial | testing: the account or app state it applies to.")
    note: Words | None
    words: Words = Field(description="The figure as the site shows it, per language.")
    formula: dict | None = Field(None, description="Where the vendor gives the allowance as a formula: {base, "
                                 "per_user}; `value` is then its maximum (null with `unlimited`: no maximum).")
    normalized: Normalized = Field(description="Rates counted over less than a day only: per minute, per day, "
                                   "safe rate.")


class AnswerRecord(_Shape):
    official: bool = Field(description="true: the vendor's figures or statement from the review; false: the "
                                       "research's own figure.")
    figures: list[FigureRecord] = Field(description="Every figure: per plan, scope or window. Empty when the "
                                                    "answer is in words (`statement`).")
    statement: Words | None = Field(None, description="The answer in words (added in version 3): the vendor's "
                                                      "official statement (`official: true`), or the research's "
                                                      "own words where it states no number (`official: false`).")
    names: list[str] = Field([], description="The methods or schemes the research names, where they are the answer "
                                             "(added in version 3).")


class SourceLinkRecord(_Shape):
    url: str
    gated: bool = Field(description="Reading the page needs a login.")


class ReviewRecord(_Shape):
    id: str = Field(description="Stable: the claim's anchor on the review page (review/#<id>).")
    claim: Words = Field(description="The research's words checked: Hebrew verbatim, and their English translation.")
    status: str = Field(description="verified | imprecise | outdated | wrong | unverified | guidance.")
    official: Words = Field(description="What the vendor's official documentation says.")
    figures: list[FigureRecord] = Field(description="The vendor's figures, typed.")
    quote: str | None = Field(description="A sentence read at the source, verbatim.")
    sources: list[SourceLinkRecord] = Field(description="Where it says so.")
    checked: str = Field(description="The day the sources were read (YYYY-MM-DD).")
    changed: str | None = Field(description="The day the vendor changed it, where known (YYYY-MM-DD).")
    facts: list[str] = Field(description="Ids of the facts the claim states.")
    bullets: list[dict] = Field(description="The bullets that make the claim: {service, bullet}.")


class FactRecord(_Shape):
    id: str = Field(description="Stable: the row's anchor on every page. Never changes.")
    platform: PlatformRef | None = Field(description="null: a statement about no single platform.")
    kind: str
    subject: Words
    stated: Words = Field(description="As the research states it (first source).")
    value: NumberRange | None = Field(description="The number(s) as stated, in `unit`.")
    steps: list[float]
    unit: str | None = Field(description="The unit as stated: request, call, message, second, hour, month, MB, USD...")
    per: dict | None = Field(description="The window of a rate: {amount, unit}.")
    normalized: Normalized = Field(description="Computed from the answer only: the research's figure normalized "
                                   "when the answer is that figure, else empty (each official figure carries its "
                                   "own).")
    names: list[str] = Field(description="Auth methods or signature schemes, as stated.")
    plan: str | None
    scope: Words | None
    note: Words | None
    refresh: bool | None
    webhooks: bool
    conflicts_with: list[str] = Field(description="Ids of facts the research contradicts this one with.")
    answer: AnswerRecord = Field(description="What to send: the official figures first (see version 2).")
    sources: list[SourceRef]
    review_status: str = Field("unreviewed", description="The review's status, or 'unreviewed' "
                                                         "(added with the review data).")
    review: ReviewRecord | None = Field(None, description="The check against the official source; null when "
                                              "unreviewed (added with the review data).")


class TableRef(_Shape):
    id: str
    page: Words = Field(description="The comparison page, per language.")
    csv: Words = Field(description="The table as CSV, per language.")
    facts: list[str] = Field(description="Ids of its rows, in the page's order.")


class ChangeRecord(_Shape):
    id: str = Field(description="Stable: the change's anchor on the vendor-changes page.")
    date: str = Field(description="YYYY-MM-DD, or YYYY-MM when the vendor gives only the month.")
    coming: bool = Field(description="After the build date.")
    platforms: list[str]
    title: Words
    detail: Words | None
    facts: list[str]
    services: list[str] = Field(description="The services it affects (through its facts and bullets).")
    reviews: list[str]
    sources: list[SourceLinkRecord]


class FactsExport(_Shape):
    """The handbook's facts."""

    version: Literal[3] = VERSION
    description: str = ("Every quantitative or plan statement of the integration services research, typed and "
                        "normalized, with the bullets it comes from. Numbers in `value` are as stated; "
                        "`normalized` is computed.")
    facts: list[FactRecord]
    comparisons: list[TableRef]
    reviews: list[ReviewRecord] = Field([], description="Every reviewed claim, including those about bullets "
                                                         "with no fact (added with the review data).")
    changes: list[ChangeRecord] = Field([], description="The dated vendor changes, coming and past.")

    model_config = ConfigDict(extra="forbid", json_schema_extra={"description": "The handbook's facts. Versions: "
                                                                               + " ".join(CHANGELOG)})


# ---------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------


def _range(r: Range | None) -> NumberRange | None:
    return None if r is None else NumberRange(min=r.min, max=r.max)


def link_url(link: Link, lang: str) -> str:
    """A page link as a URL from the site root, as the CSVs hold it."""
    return urls.from_root(link.doc, link.anchor, lang)


def _both(doc: str, anchor: str | None = None) -> Text:
    return Text(he=urls.from_root(doc, anchor, "he"), en=urls.from_root(doc, anchor, "en"))


def _normalized(q: Quantity, per_day: Range | None = None) -> Normalized:
    return Normalized(per_minute=_range(q.per_minute), per_day=_range(per_day or q.per_day),
                      safe_per_minute=_range(q.safe_per_minute), seconds=_range(q.seconds), bytes=_range(q.bytes))


def _figure(a: AnswerFigure, per_day: Range | None = None) -> FigureRecord:
    q = a.quantity
    formula = {"base": q.formula[0], "per_user": q.formula[1]} if q.formula else None
    return FigureRecord(value=_range(q.value), unlimited=q.unlimited, unit=q.unit,
                        per=q.per.model_dump() if q.per else None, measure=q.measure,
                        platform=a.vendor.id if a.vendor else None,
                        plans=[PlanRecord(id=p.id, name=p.names, legacy=p.legacy) for p in a.plans],
                        tier=a.tier, applies_to=a.applies_to, scope=a.scope, state=a.state, note=a.note,
                        words=Text(he=words(q, "he"), en=words(q, "en")), formula=formula,
                        normalized=_normalized(q, per_day))


def _sources(links) -> list[SourceLinkRecord]:
    return [SourceLinkRecord(url=s.url, gated=s.gated) for s in links]


def _review(book: FactBook, r: Review) -> ReviewRecord:
    platforms = {book.by_id[f].fact.platform for f in r.facts if f in book.by_id}
    platform = next(iter(platforms)) if len(platforms) == 1 else None
    figures = [official_figure(f, platform, book.catalog.platforms) for f in r.figures]
    return ReviewRecord(id=r.id, claim=r.claim, status=r.status, official=r.official,
                        figures=[_figure(a) for a in figures], quote=r.quote,
                        sources=_sources(r.sources),
                        checked=r.checked.isoformat(), changed=r.changed.isoformat() if r.changed else None,
                        facts=r.facts, bullets=[b.model_dump() for b in r.bullets])


def _answer(row: FactRow) -> AnswerRecord:
    if row.restated:
        return AnswerRecord(official=True, figures=[], statement=row.review.official)
    figures = [_figure(a, a.per_day(row.caps))
               for a in row.answer if a.quantity.measure is not None]
    # A method or a scheme the research names is answered by its names; a statement with no number by its words.
    names = [n for a in row.answer if not a.official for n in getattr(a.quantity, "names", [])]
    statement = None
    if not figures and not names:
        said = {lang: " · ".join(filter(None, (l.text, l.detail))) for lang in CODES for l in row.answer_lines(lang)[:1]}
        statement = Text(he=said.get("he") or row.fact.stated.he, en=said.get("en") or row.fact.stated["en"])
    return AnswerRecord(official=row.official, figures=figures, names=names, statement=statement)


def _record(book: FactBook, fact: Fact, conflicts: list[str]) -> FactRecord:
    p = book.catalog.platforms.get(fact.platform) if fact.platform else None
    row = book.by_id[fact.id]
    sources = []
    for s in fact.sources:
        sources.append(SourceRef(service=s.service, bullet=s.bullet, stated=s.text,
                                 url=_both(urls.bullet(s.service), s.bullet)))
    return FactRecord(
        id=fact.id, kind=fact.kind, subject=fact.subject, stated=fact.stated,
        platform=PlatformRef(id=p.id, name=p.name, category=p.category, url=p.url) if p else None,
        value=_range(fact.value), steps=fact.steps, unit=fact.unit,
        per=fact.per.model_dump() if fact.per else None,
        # Computed from the answer only: the research's figure feeds nothing unless it is the answer.
        normalized=Normalized() if row.official or not row.answer else Normalized(
            per_minute=_range(fact.per_minute), per_day=_range(fact.per_day),
            safe_per_minute=_range(fact.safe_per_minute), seconds=_range(fact.seconds),
            step_seconds=fact.step_seconds or None, bytes=_range(fact.bytes), usd=_range(fact.usd)),
        answer=_answer(row),
        names=fact.names, plan=fact.plan, scope=fact.scope, note=fact.note, refresh=fact.refresh,
        webhooks=fact.webhooks, conflicts_with=conflicts, sources=sources,
        review_status=book.reviews.status_of(fact.id),
        review=_review(book, r) if (r := book.reviews.for_fact(fact.id)) else None,
    )


def facts_export(book: FactBook) -> FactsExport:
    against = {row.id: list(row.conflicts) for row in book.rows}
    return FactsExport(
        facts=[_record(book, f, against[f.id]) for f in book.catalog.facts],
        comparisons=[TableRef(id=c.id, page=_both(urls.comparison(c.id)),
                              csv=Text(he=f"{API}/{c.id}.he.csv", en=f"{API}/{c.id}.en.csv"),
                              facts=[r.id for r in book.comparison(c.id).rows])
                     for c in COMPARISONS],
        reviews=[_review(book, r) for r in book.reviews.reviews],
        changes=[ChangeRecord(id=c.id, date=c.date, coming=book.changes.is_coming(c), platforms=c.platforms,
                              title=c.title, detail=c.detail, facts=c.facts, services=book.changes.services(c),
                              reviews=c.reviews, sources=_sources(c.sources))
                 for c in book.changes.coming() + book.changes.past()],
    )


def feeds(book: FactBook, site_url: str) -> dict[str, str]:
    """The vendor changes as an Atom feed and an iCalendar file, per language, beside the page."""
    files = {}
    root = site_url.rstrip("/") + "/"
    for lang in CODES:
        folder = urls.from_root(urls.CHANGES, None, lang)
        base = root + folder
        title = STRINGS[lang]["changes"] + " · " + STRINGS[lang]["site_name"]
        entry = lambda c, lang=lang: root + urls.from_root(urls.CHANGES, c.id, lang)  # noqa: E731
        affected = lambda c, lang=lang: _affected(book, c, lang, root)  # noqa: E731
        files[folder + ATOM_NAME] = book.changes.atom(lang, title, base + ATOM_NAME, base, entry, affected)
        files[folder + ICS_NAME] = book.changes.ical(lang, title, entry, affected)
    return files


def _affected(book: FactBook, change, lang: str, root: str) -> list[Affected]:
    # The services and facts a change affects, named and linked as on the changes page.
    words = STRINGS[lang]
    out = [Affected(words["change_affects"], book.catalog.service(s).title[lang], root + urls.from_root(urls.service(s), None, lang))
           for s in book.changes.services(change)]
    for f in change.facts:
        row = book.by_id[f]
        out.append(Affected(words["facts"], f"{row.platform_name(lang)}: {row.fact.subject[lang]}",
                            root + urls.from_root(urls.fact(book, f), f, lang)))
    return out


def exports(catalog: Catalog, site_url: str = "http://127.0.0.1:8000/") -> dict[str, str]:
    """{path under the site root: content} of every export file."""
    book = FactBook(catalog)
    files = {**feeds(book, site_url),
        f"{API}/facts.json": facts_export(book).model_dump_json(indent=2) + "\n",
        f"{API}/facts.schema.json": json.dumps(FactsExport.model_json_schema(), indent=2) + "\n",
    }
    files.update(brief_files(book))
    for c in COMPARISONS:
        for lang in CODES:
            files[f"{API}/{c.id}.{lang}.csv"] = book.csv(book.comparison(c.id), lang, lambda l, lang=lang: link_url(l, lang))
    return files
