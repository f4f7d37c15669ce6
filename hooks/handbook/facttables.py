"""Comparison tables of facts: one typed list of rows, each table a filter of it.

`FactBook` turns the catalog's facts into `FactRow`s (a fact with its platform,
its conflicts and its normalized values) once, in a sensible reading order. A
`FactTable` is a filter of those rows with a choice of columns; every column
makes a `Cell` (the text a reader sees, a machine sort key, links). Pages, the
CSV exports and the JSON export all read the same rows and cells, so they
cannot disagree. Plain Python: no MkDocs, no HTML.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from functools import cached_property
from typing import Callable

from . import bidi
from .catalog import Catalog
from .facts import HEADROOM, KINDS, TAKEAWAYS, Fact, Range, conflicts
from .models import Platform, Text
from .reviews import UNREVIEWED, Review, ReviewBook
from .strings import STRINGS

# ---------------------------------------------------------------------------
# Cells
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """A link to a generated page (doc path) and an anchor on it."""

    label: str
    doc: str
    anchor: str | None = None
    title: str = ""


@dataclass(frozen=True)
class Cell:
    text: str = ""
    sort: float | str | None = None  # for sorting in the browser; None sorts as text
    links: tuple[Link, ...] = ()
    conflicts: tuple[str, ...] = ()  # ids of rows this one disagrees with


def number(x: float) -> str:
    """A normalized number for reading: exact when short, else rounded with ≈."""
    for places in range(0, 4):
        if math.isclose(round(x, places), x, rel_tol=0, abs_tol=1e-9):
            return f"{x:,.{places}f}"
    places = 0 if abs(x) >= 100 else 1 if abs(x) >= 10 else 2
    rounded = f"{x:,.{places}f}"
    return "≈ " + (rounded.rstrip("0").rstrip(".") if places else rounded)


def span(r: Range | None) -> str:
    """A range as a reader expects it: 960, 100–150, 25+, ≤ 24."""
    if r is None:
        return ""
    if r.min is not None and r.max is not None:
        return number(r.min) if r.min == r.max else f"{number(r.min)}–{number(r.max)}"
    return f"{number(r.min)}+" if r.min is not None else f"≤ {number(r.max)}"


def _sort(r: Range | None) -> float | None:
    if r is None:
        return None
    return r.min if r.min is not None else r.max


# ---------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FactRow:
    """One fact as every table shows it."""

    fact: Fact
    platform: Platform | None
    conflicts: tuple[str, ...] = ()  # ids of the rows it disagrees with
    review: Review | None = None  # data/reviews.yaml; None: not reviewed yet

    @property
    def id(self) -> str:
        return self.fact.id

    @property
    def status(self) -> str:
        return self.review.status if self.review else UNREVIEWED

    def platform_name(self, lang: str) -> str:
        return self.platform.name[lang] if self.platform else STRINGS[lang]["any_system"]

    def value(self, lang: str) -> tuple[str, float | None]:
        """The normalized value in words, and its sort key."""
        f, t = self.fact, STRINGS[lang]
        if f.per_minute:
            return f"{span(f.per_minute)} {t['per_minute_unit']}", _sort(f.per_minute)
        if f.seconds:
            return f"{span(f.seconds)} {t['unit_seconds']}", _sort(f.seconds)
        if f.step_seconds:
            return ", ".join(number(s) for s in f.step_seconds) + f"… {t['unit_seconds']}", f.step_seconds[0]
        if f.bytes:
            return f"{span(f.bytes)} {t['unit_bytes']}", _sort(f.bytes)
        if f.usd:
            return f"{span(f.usd)} USD", _sort(f.usd)
        if f.value and f.unit == "percent":
            return f"{span(f.value)}%", _sort(f.value)
        if f.value:
            return f"{span(f.value)} {t['unit_' + f.unit]}", _sort(f.value)
        if f.names:
            return ", ".join(f.names), None
        if f.kind == "plan-requirement":
            return f"{f.plan} {t['and_up']}", None
        return "", None

    def qualifiers(self, lang: str) -> str:
        return "; ".join(q[lang] for q in (self.fact.scope, self.fact.note) if q)


def _source_links(fact: Fact, catalog: Catalog, lang: str) -> tuple[Link, ...]:
    links = []
    for s in fact.sources:
        if s.service == TAKEAWAYS:
            bullet = next(t for g in catalog.takeaways.groups for t in g.takeaways if t.id == s.bullet)
            links.append(Link(STRINGS[lang]["takeaways"], "takeaways.md", s.bullet, _tooltip(bullet[lang], lang)))
        else:
            service = catalog.service(s.service)
            bullet = next(i for _, i in service.items() if i.id == s.bullet)
            links.append(Link(str(service.number), f"services/{service.id}.md", s.bullet, _tooltip(bullet[lang], lang)))
    return tuple(links)


def _tooltip(text: str, lang: str) -> str:
    # A link's title shows the bullet as plain text: its Latin runs isolated in Hebrew ("Blossom+", not "+Blossom").
    return bidi.isolated(text, "rtl" if lang == "he" else "ltr")


# ---------------------------------------------------------------------------
# Columns
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    label: Text
    cell: Callable[["FactBook", FactRow, str], Cell]


def _platform(book, row, lang):
    name = row.platform_name(lang)
    # Facts about no single platform sort after every platform.
    sort = name.lower() if row.platform else ""  # empty sorts last, both ways (tables.js)
    links = (Link(name, f"platforms/{row.platform.id}.md"),) if row.platform else ()
    return Cell(name, sort, links)


def _value(book, row, lang):
    text, sort = row.value(lang)
    return Cell(text, sort)


def _rate(attr):
    def cell(book, row, lang):
        r = getattr(row.fact, attr)
        return Cell(span(r), _sort(r))
    return cell


def _refresh(book, row, lang):
    r = row.fact.refresh
    return Cell("" if r is None else STRINGS[lang]["yes" if r else "no"])


COLUMNS: dict[str, Column] = {c.key: c for c in [
    Column("platform", Text(he="פלטפורמה", en="Platform"), _platform),
    Column("kind", Text(he="סוג", en="Kind"), lambda b, r, lang: Cell(STRINGS[lang]["kind_" + r.fact.kind], KINDS.index(r.fact.kind))),
    Column("subject", Text(he="נושא", en="Subject"), lambda b, r, lang: Cell(r.fact.subject[lang])),
    Column("stated", Text(he="כפי שנכתב במחקר", en="As stated"),
           lambda b, r, lang: Cell(r.fact.stated[lang], conflicts=r.conflicts)),
    Column("value", Text(he="ערך מנורמל", en="Normalized"), _value),
    Column("per_minute", Text(he="לדקה", en="Per minute"), _rate("per_minute")),
    Column("per_day", Text(he="ליום", en="Per day"), _rate("per_day")),
    Column("safe_per_minute", Text(he=f"קצב בטוח לדקה ({HEADROOM:.0%})", en=f"Safe per minute ({HEADROOM:.0%})"),
           _rate("safe_per_minute")),
    Column("plan", Text(he="חבילה או Tier", en="Plan or tier"), lambda b, r, lang: Cell(r.fact.plan or "")),
    Column("refresh", Text(he="צריך refresh", en="Refresh needed"), _refresh),
    Column("qualifiers", Text(he="הסתייגויות", en="Qualifiers"), lambda b, r, lang: Cell(r.qualifiers(lang))),
    Column("review", Text(he="בדיקה", en="Review"),
           lambda b, r, lang: Cell(STRINGS[lang]["status_" + r.status], r.status)),
    Column("sources", Text(he="מקור", en="Source"),
           lambda b, r, lang: Cell(" ".join(l.label for l in b.sources(r, lang)), links=b.sources(r, lang))),
]}


# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FactTable:
    """A filter of the rows, with the columns it shows."""

    id: str
    columns: tuple[Column, ...]
    rows: tuple[FactRow, ...]

    @cached_property
    def ids(self) -> frozenset[str]:
        """The ids of the rows: a conflict within the table links to its row."""
        return frozenset(row.id for row in self.rows)

    def cells(self, book: "FactBook", lang: str) -> list[tuple[FactRow, list[Cell]]]:
        return [(row, [c.cell(book, row, lang) for c in self.columns]) for row in self.rows]


@dataclass(frozen=True)
class Comparison:
    """A comparison page: which rows, which columns, in which order."""

    id: str  # the page is compare/<id>/, the CSV <id>.<lang>.csv
    columns: tuple[str, ...]
    keep: Callable[[Fact], bool]
    order: Callable[[FactRow], tuple] | None = None


AUTH_KINDS = ("auth-method", "token-lifetime", "plan-requirement")
COMPARISONS: tuple[Comparison, ...] = (
    Comparison("rate-limits", ("platform", "subject", "stated", "per_minute", "per_day", "safe_per_minute", "plan",
                               "qualifiers", "review", "sources"),
               lambda f: f.kind == "rate-limit"),
    Comparison("auth", ("platform", "kind", "subject", "stated", "value", "refresh", "qualifiers", "review", "sources"),
               lambda f: f.kind in AUTH_KINDS),
    Comparison("webhooks", ("platform", "kind", "subject", "stated", "value", "plan", "qualifiers", "review", "sources"),
               lambda f: f.webhooks),
    Comparison("limits", ("kind", "platform", "subject", "stated", "value", "plan", "qualifiers", "review", "sources"),
               lambda f: f.kind not in ("rate-limit", "auth-method", "token-lifetime", "webhook-signature"),
               order=lambda r: (KINDS.index(r.fact.kind), r.platform is None, r.platform_name("en").lower())),
)
COMPACT = ("platform", "kind", "subject", "stated", "value", "review", "sources")
PLATFORM_COLUMNS = ("kind", "subject", "stated", "value", "plan", "qualifiers", "review", "sources")


class FactBook:
    """Every fact as a row, once; the tables are filters of these rows."""

    def __init__(self, catalog: Catalog, reviews: ReviewBook | None = None):
        self.catalog = catalog
        self.reviews = reviews or ReviewBook(catalog.reviews, None)
        found = conflicts(list(catalog.facts))
        self.conflicts = found
        against: dict[str, list[str]] = {}
        for c in found:
            against.setdefault(c.first.id, []).append(c.second.id)
            against.setdefault(c.second.id, []).append(c.first.id)
        self._sources = {lang: {f.id: _source_links(f, catalog, lang) for f in catalog.facts} for lang in ("he", "en")}
        rows = [FactRow(f, catalog.platforms.get(f.platform) if f.platform else None, tuple(against.get(f.id, ())),
                        self.reviews.for_fact(f.id))
                for f in catalog.facts]
        # Reading order without JavaScript: by platform (general last), then kind, then size.
        self.rows: tuple[FactRow, ...] = tuple(sorted(rows, key=self._reading_order))
        self.by_id: dict[str, FactRow] = {row.id: row for row in self.rows}
        # Per platform and per service, so that a page's table does not scan every fact.
        self._by_platform: dict[str | None, list[FactRow]] = {}
        self._by_service: dict[str, list[FactRow]] = {}
        for row in self.rows:
            self._by_platform.setdefault(row.fact.platform, []).append(row)
            for service in dict.fromkeys(s.service for s in row.fact.sources):
                self._by_service.setdefault(service, []).append(row)
        self._services_of: dict[str | None, set[str]] = {}  # platform: services with it as a system or a source
        for row in self.rows:
            for src in row.fact.sources:
                self._services_of.setdefault(row.fact.platform, set()).add(src.service)
        for service in catalog.services:
            for system in service.systems:
                for platform in system.platforms:
                    self._services_of.setdefault(platform, set()).add(service.id)

    @staticmethod
    def _reading_order(row: FactRow) -> tuple:
        per_day = row.fact.per_day
        return (row.platform is None, row.platform_name("en").lower(), KINDS.index(row.fact.kind),
                row.fact.subject.en.lower(), per_day.max if per_day and per_day.max is not None else 0)

    def sources(self, row: FactRow, lang: str) -> tuple[Link, ...]:
        return self._sources[lang][row.id]

    def filtered(self, keep: Callable[[Fact], bool]) -> tuple[FactRow, ...]:
        return tuple(r for r in self.rows if keep(r.fact))

    def table(self, table_id: str, keep: Callable[[Fact], bool], columns: tuple[str, ...], order=None,
              rows: tuple[FactRow, ...] | None = None) -> FactTable:
        rows = self.filtered(keep) if rows is None else rows
        return FactTable(table_id, tuple(COLUMNS[c] for c in columns), tuple(sorted(rows, key=order) if order else rows))

    def comparison(self, comparison_id: str) -> FactTable:
        c = next(c for c in COMPARISONS if c.id == comparison_id)
        return self.table(c.id, c.keep, c.columns, c.order)

    def for_service(self, service_id: str) -> FactTable:
        return self.table(f"facts-{service_id}", None, COMPACT, rows=tuple(self._by_service.get(service_id, ())))

    def for_platform(self, platform_id: str) -> FactTable:
        return self.table(f"facts-{platform_id}", None, PLATFORM_COLUMNS,
                          rows=tuple(self._by_platform.get(platform_id, ())))

    def services_of(self, platform_id: str) -> list:
        """Services that involve a platform: as one of their systems, or in a fact's source."""
        ids = self._services_of.get(platform_id, set())
        return [s for s in self.catalog.services if s.id in ids]

    def csv(self, table: FactTable, lang: str, url: Callable[[Link], str]) -> str:
        """The table as CSV: the page's header and cell texts; links as site URLs."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id", *(c.label[lang] for c in table.columns)])
        for row, cells in table.cells(self, lang):
            writer.writerow([row.id, *(" ".join(url(l) for l in cell.links) if col.key == "sources" else cell.text
                                       for col, cell in zip(table.columns, cells))])
        return out.getvalue()
