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
from dataclasses import dataclass
from functools import cached_property
from typing import Callable

from . import bidi
from .catalog import Catalog
from .escaping import csv_cell
from .facts import KINDS, TAKEAWAYS, Fact, conflicts
from .figures import HEADROOM, Quantity, Range, number, span, words
from . import urls
from .languages import DIRECTION
from .models import Platform, Text
from .changes import ChangeLog
from .reviews import DISCREDITED, NEEDS_FIGURES, STATUSES, UNREVIEWED, Review, ReviewBook, build_date
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
class Line:
    """One figure of a cell: its words, and the plan it is for (the plan filter's key)."""

    text: str
    plan: str = ""  # the plan's English name, lowercase; "" for any plan
    detail: str = ""  # plan, scope and note, as the reader reads them
    rate: str = ""  # a rate's normalized forms: per minute, per day, the safe rate
    statement: bool = False  # the official statement in words, not a figure


@dataclass(frozen=True)
class Cell:
    text: str = ""
    sort: float | str | None = None  # for sorting in the browser; None sorts as text
    links: tuple[Link, ...] = ()
    conflicts: tuple[str, ...] = ()  # ids of rows this one disagrees with
    lines: tuple[Line, ...] = ()  # one per figure of the answer, in the answer's order


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

    @property
    def platform_key(self) -> str:
        """The limit finder's key for the platform: its id, or `general` for no single platform."""
        return self.platform.id if self.platform else GENERAL

    def platform_name(self, lang: str) -> str:
        return self.platform.name[lang] if self.platform else STRINGS[lang]["any_system"]

    @cached_property
    def answer(self) -> tuple["AnswerFigure", ...]:
        """What a consultant sends: the vendor's official figures where the review has them, else the
        research's own figure (never one the review found wrong or outdated)."""
        # A method or a signature scheme is answered in words; a number answers the other kinds.
        if self.review and self.fact.kind not in NAMED_KINDS:
            official = self.review.figures_for(self.id)
            if official:
                return tuple(AnswerFigure(f, f.plan_text, f.scope, f.note, True) for f in official)
        if self.discredited:
            return ()
        f = self.fact
        plan = Text(he=f.plan, en=f.plan) if f.plan else None
        return (AnswerFigure(f, plan, f.scope, f.note, False),)

    @property
    def official(self) -> bool:
        """The answer is the vendor's figures, not the research's."""
        return bool(self.answer) and self.answer[0].official

    @property
    def confirmed(self) -> bool:
        """The answer is the vendor's: its figures, or the research's figure a review verified.
        Anything else is the research's figure, shown and copied as such (not in bold)."""
        return self.official or self.status == "verified"

    @property
    def discredited(self) -> bool:
        """The review found the research's figure wrong or outdated: it feeds nothing."""
        return self.status in DISCREDITED

    def answer_lines(self, lang: str) -> tuple[Line, ...]:
        """The answer in words, a line per figure, with plan, scope and note; where the review found the
        research off and gives no figure, its official statement is the answer."""
        if self.restated:
            return (Line(self.review.official[lang], statement=True),)
        lines = []
        for a in self.answer:
            text = a.words(lang) if a.official else self.value(lang)[0]
            plan = a.plan if a.official or self.fact.kind != "plan-requirement" else None
            detail = " · ".join(q[lang] for q in (plan, a.scope, a.note) if q)
            lines.append(Line(text, a.plan_key, detail, a.rate(lang)))
        return tuple(lines)

    @property
    def restated(self) -> bool:
        """No official figure, and the research is off: the official statement answers in words."""
        return bool(self.review) and not self.official and self.status in NEEDS_FIGURES

    def computed(self, attr: str) -> tuple[Line, ...]:
        """A normalized column (per minute, per day, safe rate), from the answer only."""
        return tuple(Line(span(getattr(a.quantity, attr)), a.plan_key) for a in self.answer)

    def value(self, lang: str) -> tuple[str, float | None]:
        """The research's own figure in words, and its sort key."""
        f, t = self.fact, STRINGS[lang]
        if f.step_seconds:
            return ", ".join(number(s) for s in f.step_seconds) + f"… {t['unit_seconds']}", f.step_seconds[0]
        if f.names:
            return ", ".join(f.names), None
        if f.kind == "plan-requirement":
            return f"{f.plan} {t['and_up']}", None
        return words(f, lang), f.sort_key()

    def sort_key(self) -> float | None:
        """The answer's first figure, normalized within its kind."""
        if not self.answer:
            return None
        a = self.answer[0]
        return a.quantity.sort_key() if a.official else self.value("en")[1]

    def qualifiers(self, lang: str) -> str:
        return "; ".join(q[lang] for q in (self.fact.scope, self.fact.note) if q)


NAMED_KINDS = ("auth-method", "webhook-signature")


def _plan_chips(plans: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The finder's plan filter: each plan a line names once ("Professional, Enterprise" is two), and
    the plans that read alike in a language one chip whose keys are joined by `|` (finder.js)."""
    by_label: dict[str, list[str]] = {}
    for key, label in plans:
        keys, labels = key.split(","), label.split(",")
        for k, l in zip(keys, labels) if len(keys) == len(labels) else ((key, label),):
            by_label.setdefault(l.strip(), [])
            if k.strip() not in by_label[l.strip()]:
                by_label[l.strip()].append(k.strip())
    return sorted((("|".join(keys), label) for label, keys in by_label.items()), key=lambda kv: kv[1].lower())


@dataclass(frozen=True)
class AnswerFigure:
    """One figure of an answer: the quantity, for which plan and scope, and whose it is."""

    quantity: Quantity
    plan: Text | None
    scope: Text | None
    note: Text | None
    official: bool  # the vendor's (a review's figure), not the research's

    @property
    def plan_key(self) -> str:
        return self.plan.en.lower() if self.plan else ""

    def words(self, lang: str) -> str:
        return words(self.quantity, lang)

    def rate(self, lang: str) -> str:
        """'= 600 per minute · 864,000 per day · safe (85%): 510 per minute', for a rate only."""
        q, t = self.quantity, STRINGS[lang]
        if q.per_minute is None or q.per.unit == "minute" and q.per.amount == 1:
            return t["normalized_rate_day"].format(day=span(q.per_day), safe=span(q.safe_per_minute)) \
                if q.per_minute is not None else ""
        return t["normalized_rate"].format(minute=span(q.per_minute), day=span(q.per_day),
                                           safe=span(q.safe_per_minute))

    def detail(self, lang: str) -> str:
        return " · ".join(q[lang] for q in (self.plan, self.scope, self.note) if q)


def _source_links(fact: Fact, catalog: Catalog, lang: str) -> tuple[Link, ...]:
    links = []
    for s in fact.sources:
        if s.service == TAKEAWAYS:
            bullet = next(t for g in catalog.takeaways.groups for t in g.takeaways if t.id == s.bullet)
            links.append(Link(STRINGS[lang]["takeaways"], urls.TAKEAWAYS, s.bullet, _tooltip(bullet[lang], lang)))
        else:
            service = catalog.service(s.service)
            bullet = next(i for _, i in service.bullets() if i.id == s.bullet)
            links.append(Link(str(service.number), urls.service(service.id), s.bullet, _tooltip(bullet[lang], lang)))
    return tuple(links)


def _tooltip(text: str, lang: str) -> str:
    # A link's title shows the bullet as plain text: its Latin runs isolated in Hebrew ("Blossom+", not "+Blossom").
    return bidi.isolated(text, DIRECTION[lang])


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
    links = (Link(name, urls.platform(row.platform.id)),) if row.platform else ()
    return Cell(name, sort, links)


def _answer(book, row, lang):
    lines = row.answer_lines(lang)
    return Cell("; ".join(l.text + (f" ({l.detail})" if l.detail else "") for l in lines), row.sort_key(),
                conflicts=row.conflicts, lines=lines)


def _rate(attr):
    def cell(book, row, lang):
        lines = row.computed(attr)
        first = getattr(row.answer[0].quantity, attr) if row.answer else None
        if not any(l.text for l in lines):
            return Cell()
        return Cell("; ".join(l.text for l in lines), _sort(first), lines=lines)
    return cell


def _research(book, row, lang):
    return Cell(row.fact.stated[lang], conflicts=row.conflicts)


def _refresh(book, row, lang):
    r = row.fact.refresh
    return Cell("" if r is None else STRINGS[lang]["yes" if r else "no"])


COLUMNS: dict[str, Column] = {c.key: c for c in [
    Column("platform", Text(he="פלטפורמה", en="Platform"), _platform),
    Column("kind", Text(he="סוג", en="Kind"), lambda b, r, lang: Cell(STRINGS[lang]["kind_" + r.fact.kind], KINDS.index(r.fact.kind))),
    Column("subject", Text(he="נושא", en="Subject"), lambda b, r, lang: Cell(r.fact.subject[lang])),
    Column("answer", Text(he="התשובה", en="Answer"), _answer),
    Column("stated", Text(he="כפי שנכתב במחקר", en="As stated"), _research),
    Column("per_minute", Text(he="לדקה", en="Per minute"), _rate("per_minute")),
    Column("per_day", Text(he="ליום", en="Per day"), _rate("per_day")),
    Column("safe_per_minute", Text(he=f"קצב בטוח לדקה ({HEADROOM:.0%})", en=f"Safe per minute ({HEADROOM:.0%})"),
           _rate("safe_per_minute")),
    Column("plan", Text(he="חבילה או Tier", en="Plan or tier"), lambda b, r, lang: Cell(r.fact.plan or "")),
    Column("refresh", Text(he="צריך refresh", en="Refresh needed"), _refresh),
    Column("qualifiers", Text(he="הסתייגויות", en="Qualifiers"), lambda b, r, lang: Cell(r.qualifiers(lang))),
    Column("review", Text(he="בדיקה", en="Review"),
           lambda b, r, lang: Cell(STRINGS[lang]["status_" + r.status] + (
               f" ({STRINGS[lang]['checked_on']} {r.review.checked})" if r.review else ""), r.status)),
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

    def plans(self, lang: str) -> list[tuple[str, str]]:
        """The plans the rows' answers name: (filter key, the name in this language)."""
        found: dict[str, str] = {}
        for row in self.rows:
            for a in row.answer:
                if a.plan:
                    found.setdefault(a.plan_key, a.plan[lang])
        return sorted(found.items(), key=lambda kv: kv[1].lower())

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
    Comparison("rate-limits", ("platform", "subject", "answer", "review", "sources"),
               lambda f: f.kind == "rate-limit"),
    Comparison("auth", ("platform", "kind", "subject", "answer", "refresh", "review", "sources"),
               lambda f: f.kind in AUTH_KINDS),
    Comparison("webhooks", ("platform", "kind", "subject", "answer", "review", "sources"),
               lambda f: f.webhooks),
    Comparison("limits", ("kind", "platform", "subject", "answer", "review", "sources"),
               lambda f: f.kind not in ("rate-limit", "auth-method", "token-lifetime", "webhook-signature"),
               order=lambda r: (KINDS.index(r.fact.kind), r.platform is None, r.platform_name("en").lower())),
)
COMPACT = ("platform", "kind", "subject", "answer", "review", "sources")
FINDER = "finder"  # the limit finder's table: every row, COMPACT's columns
GENERAL = "general"  # the finder's platform key of a fact about no single platform (not a platform id: RESERVED)
PLATFORM_COLUMNS = ("kind", "subject", "answer", "review", "sources")


class FactBook:
    """Every fact as a row, once; the tables are filters of these rows."""

    def __init__(self, catalog: Catalog, reviews: ReviewBook | None = None):
        self.catalog = catalog
        self.reviews = reviews or ReviewBook(catalog.reviews, build_date())
        self.changes = ChangeLog(catalog.changes, self.reviews.today or build_date(), {
            f.id: tuple(dict.fromkeys(s.service for s in f.sources if s.service != TAKEAWAYS)) for f in catalog.facts})
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
                row.fact.subject.en.lower(), row.fact.measure or "",
                per_day.max if per_day and per_day.max is not None else 0)

    def sources(self, row: FactRow, lang: str) -> tuple[Link, ...]:
        return self._sources[lang][row.id]

    def filtered(self, keep: Callable[[Fact], bool]) -> tuple[FactRow, ...]:
        return tuple(r for r in self.rows if keep(r.fact))

    def table(self, table_id: str, keep: Callable[[Fact], bool], columns: tuple[str, ...], order=None,
              rows: tuple[FactRow, ...] | None = None) -> FactTable:
        rows = self.filtered(keep) if rows is None else rows
        return FactTable(table_id, tuple(COLUMNS[c] for c in columns), tuple(sorted(rows, key=order) if order else rows))

    def comparisons_of(self, fact_id: str) -> list[str]:
        """The comparison pages a fact is a row of, in the pages' order."""
        fact = self.by_id[fact_id].fact
        return [c.id for c in COMPARISONS if c.keep(fact)]

    def comparison(self, comparison_id: str) -> FactTable:
        c = next(c for c in COMPARISONS if c.id == comparison_id)
        return self.table(c.id, c.keep, c.columns, c.order)

    def for_service(self, service_id: str) -> FactTable:
        return self.table(f"facts-{service_id}", None, COMPACT, rows=tuple(self._by_service.get(service_id, ())))

    def for_platform(self, platform_id: str) -> FactTable:
        return self.table(f"facts-{platform_id}", None, PLATFORM_COLUMNS,
                          rows=tuple(self._by_platform.get(platform_id, ())))

    def finder(self) -> FactTable:
        """The limit finder: every fact of every kind, in the reading order."""
        return self.table(FINDER, None, COMPACT, rows=self.rows)

    def finder_options(self, lang: str) -> dict[str, list[tuple[str, str]]]:
        """The finder's filters, each a list of (key in the address, label), in the order a reader scans them."""
        t = STRINGS[lang]
        platforms = sorted({(r.platform_key, r.platform_name(lang)) for r in self.rows if r.platform},
                           key=lambda kv: kv[1].lower())
        if any(r.platform is None for r in self.rows):
            platforms.append((GENERAL, t["any_system"]))
        kinds = {r.fact.kind for r in self.rows}
        statuses = {r.status for r in self.rows}
        return {
            "platform": platforms,
            "kind": [(k, t["kind_" + k]) for k in KINDS if k in kinds],
            "status": [(s, t["status_" + s]) for s in (*STATUSES, UNREVIEWED) if s in statuses],
            "plan": _plan_chips(self.finder().plans(lang)),
        }

    def services_of(self, platform_id: str) -> list:
        """Services that involve a platform: as one of their systems, or in a fact's source."""
        ids = self._services_of.get(platform_id, set())
        return [s for s in self.catalog.services if s.id in ids]

    def csv(self, table: FactTable, lang: str, url: Callable[[Link], str]) -> str:
        """The table as CSV: the page's header and cell texts; links as site URLs."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        # The research's words and the review's status stand beside the answer, as on the page.
        # and a rate's normalized forms, a value per figure of the answer.
        extra = [COLUMNS[k] for k in ("stated", "per_minute", "per_day", "safe_per_minute")]
        writer.writerow(["id", *(c.label[lang] for c in table.columns), *(c.label[lang] for c in extra), "status"])
        for row, cells in table.cells(self, lang):
            # A cell from data that starts like a formula is shown as text (escaping.csv_cell).
            writer.writerow([csv_cell(c) for c in (
                row.id, *(" ".join(url(l) for l in cell.links) if col.key == "sources" else cell.text
                          for col, cell in zip(table.columns, cells)),
                *(c.cell(self, row, lang).text for c in extra), row.status)])
        return out.getvalue()
