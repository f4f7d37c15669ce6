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
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Callable

from . import bidi
from .catalog import Catalog
from .escaping import csv_cell
from .facts import KINDS, Fact, conflicts
from .figures import HEADROOM, PACED_UNDER, RATE_UNITS, Quantity, Range, number, span, words
from .dates import written
from . import urls
from .languages import CODES, DIRECTION, LANGUAGES
from .models import TAKEAWAYS, Plan, Platform, Text
from . import plans as plan_rule
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
    """One figure of a cell: its words, and what the plan filter reads (plans.py: the rule)."""

    text: str
    plan: str = ""  # the plans it is for, keys (`hubspot.free hubspot.starter`); "" for every plan of its vendor
    detail: str = ""  # the vendor and plan, tier, what it applies to and is counted per, state, note: as read
    rate: str = ""  # a rate's normalized forms: per minute, per day, the safe rate
    statement: bool = False  # the official statement in words, not a figure
    vendor: str = ""  # the platform whose plans it is for; "" for none (a figure about no vendor)
    plan_label: str = ""  # "HubSpot · Professional, Enterprise", or the vendor and "All plans"; part of detail
    all_plans: bool = False  # an official figure for every plan of a vendor that has plans: a badge, never a chip

    @property
    def rest(self) -> str:
        """The detail after the plan label."""
        return self.detail[len(self.plan_label):].removeprefix(" · ") if self.plan_label else self.detail


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
    # The platform's stated caps over a day or longer (FactBook); None for a row about no single platform,
    # whose figures come from several vendors: their caps live on the vendors' rows, so no per-day there.
    caps: tuple["AnswerFigure", ...] | None = ()
    platforms: dict[str, Platform] = field(default_factory=dict, compare=False, repr=False)  # the catalog's
    only: str | None = None  # on another platform's page: only the figures of that vendor

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
        if self.review and self.review.answered_in_words:
            return ()
        if self.review and self.fact.kind not in NAMED_KINDS:
            official = self.review.figures_for(self.id)
            if self.only:
                official = [f for f in official if f.vendor(self.fact.platform) == self.only]
            if official:
                return tuple(self._official(f) for f in official)
        if self.discredited:
            return ()
        f, vendor = self.fact, self.platform
        # The research's plan words are a plan when they name one of the vendor's ('Blossom', 'Free tier').
        plan = vendor.research_plan(f.plan) if vendor and f.plan else None
        word = Text(he=f.plan, en=f.plan) if f.plan and not plan and f.kind != "plan-requirement" else None
        return (AnswerFigure(f, f.scope, f.note, False, vendor, (plan,) if plan else (), plan_word=word),)

    def _official(self, f) -> "AnswerFigure":
        return official_figure(f, self.fact.platform, self.platforms)

    @property
    def platform_keys(self) -> tuple[str, ...]:
        """The finder's platform keys: its own, and the vendors its figures are about (a general fact's
        per-vendor figures show among that vendor's rows)."""
        others = (a.vendor.id for a in self.answer if a.vendor and a.vendor is not self.platform)
        return tuple(dict.fromkeys((self.platform_key, *others)))

    def plan_lines(self) -> list[tuple[str, list[str]]]:
        """What the plan filter reads of each line: its vendor and its plans (plans.keeps)."""
        return [(line.vendor, line.plan.split()) for line in self.answer_lines("en")]

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
        # Asked for by every table, citation and export that shows the row: made once per language.
        lines = self._answer_lines.get(lang)
        if lines is None:
            lines = self._answer_lines[lang] = self._lines(lang)
        return lines

    @cached_property
    def _answer_lines(self) -> dict[str, tuple[Line, ...]]:
        return {}

    def _lines(self, lang: str) -> tuple[Line, ...]:
        if self.restated:
            return (Line(self.review.official[lang], statement=True, vendor=self.platform.id if self.platform else ""),)
        lines = []
        for a in self.answer:
            text = a.words(lang) if a.official else self.value(lang)[0]
            label = a.plan_label(lang, self.platform)
            detail = " · ".join(q for q in (label, a.detail(lang)) if q)
            lines.append(Line(text, a.plan_key, detail, a.rate(lang, self.caps), vendor=a.vendor_key, plan_label=label,
                              all_plans=a.all_plans))
        return tuple(lines)

    @property
    def restated(self) -> bool:
        """No official figure, and the research is off (or the reviewer answers in words): the official
        statement answers in words."""
        return bool(self.review) and not self.official and (
            self.review.answered_in_words or self.status in NEEDS_FIGURES)

    def computed(self, attr: str) -> tuple[Line, ...]:
        """A normalized column (per minute, per day, safe rate), from the answer only; per day never above
        a stated cap that binds."""
        return tuple(Line(span(a.per_day(self.caps) if attr == "per_day" else getattr(a.quantity, attr)), a.plan_key,
                          vendor=a.vendor_key) for a in self.answer)

    def value(self, lang: str) -> tuple[str, float | None]:
        """The research's own figure in words, and its sort key."""
        f, t = self.fact, STRINGS[lang]
        if f.step_seconds:
            return ", ".join(number(s) for s in f.step_seconds) + f"… {t['unit_seconds']}", f.step_seconds[0]
        if f.names:
            return ", ".join(f.names), None
        if f.kind == "plan-requirement":
            return f"{f.plan} {t['and_up']}", None
        # A statement with no number ("unlimited on paid plans") is answered by the research's own words.
        return words(f, lang) or f.stated[lang], f.sort_key()

    def sort_key(self) -> float | None:
        """The answer's first figure, normalized within its kind."""
        if not self.answer:
            return None
        a = self.answer[0]
        return a.quantity.sort_key() if a.official else self.value("en")[1]

    def qualifiers(self, lang: str) -> str:
        return "; ".join(q[lang] for q in (self.fact.scope, self.fact.note) if q)


NAMED_KINDS = ("auth-method", "webhook-signature")


def _counted(unit: str | None) -> str | None:
    # Calls and requests are the same thing counted; a batch request or a message is not.
    return "request" if unit == "call" else unit


@dataclass(frozen=True)
class AnswerFigure:
    """One figure of an answer: the quantity, for which vendor and plans (and tier, what it applies to, what
    it is counted per, account state), and whose it is."""

    quantity: Quantity
    scope: Text | None  # what it is counted per
    note: Text | None
    official: bool  # the vendor's (a review's figure), not the research's
    vendor: Platform | None = None  # whose plans it is for
    plans: tuple[Plan, ...] = ()  # none: every plan of the vendor
    tier: Text | None = None  # a tier that is not the customer's plan, named as what it is
    applies_to: Text | None = None
    state: str | None = None  # reviews.ACCOUNT_STATES
    plan_word: Text | None = None  # the research's plan words that name none of the vendor's plans

    @property
    def vendor_key(self) -> str:
        """The vendor whose plans the filter reads; none for a trial's or a testing app's figure (no plan)."""
        return self.vendor.id if self.vendor and not self.state else ""

    @property
    def plan_key(self) -> str:
        """The plan filter's keys, space-separated (`hubspot.professional hubspot.enterprise`)."""
        return " ".join(plan_rule.key(self.vendor.id, p.id) for p in self.plans)

    @property
    def all_plans(self) -> bool:
        """The vendor's figure for every plan of a vendor that has plans."""
        return self.official and not self.plans and not self.state and bool(self.vendor and self.vendor.plans)

    def plan_label(self, lang: str, row_platform: Platform | None) -> str:
        """'HubSpot · Professional, Enterprise', 'HubSpot · All plans'; the vendor alone on another
        platform's row (a general fact's figure); else nothing."""
        if not self.vendor:
            return ""
        name = self.vendor.name[lang]
        if self.plans:
            return f"{name} · " + ", ".join(p.names[lang] for p in self.plans)
        if self.all_plans:
            return f"{name} · {STRINGS[lang]['all_plans_badge']}"
        return name if self.vendor is not row_platform else ""

    def words(self, lang: str) -> str:
        return words(self.quantity, lang)

    @property
    def plan_keys(self) -> frozenset[str] | None:
        """What it is limited to, each once: its plans, or a tier that is not the customer's plan (Intuit's
        Builder); empty for every plan of its vendor, None for a figure that names no plan at all."""
        keys = frozenset(p.id for p in self.plans) | (frozenset(("tier:" + self.tier.en,)) if self.tier else frozenset())
        if keys:
            return keys
        return frozenset() if self.all_plans else None

    def limited_to(self, lang: str) -> str:
        """Its plans ('Professional, Enterprise') or its tier, in words."""
        return ", ".join(p.names[lang] for p in self.plans) or (self.tier[lang] if self.tier else "")

    @property
    def cap_per_day(self) -> Range | None:
        """A cap over a day or longer (a daily cap, a monthly quota), as an amount per day; None otherwise (a
        billing threshold caps nothing)."""
        q = self.quantity
        if q.value is None or q.value.max is None or q.per is None or q.unit not in RATE_UNITS \
                or getattr(q, "billing_threshold", False):
            return None
        return q.value.scaled(86400 / q.per.seconds) if q.per.seconds >= PACED_UNDER else None

    def binding(self, caps: tuple["AnswerFigure", ...] | None) -> tuple[tuple["AnswerFigure", bool], ...]:
        """The stated caps of the same platform that bind before this rate does, with whether a cap
        binds only on its own plan (this figure names no plan, the cap does)."""
        q = self.quantity
        if not q.paced or caps is None or getattr(q, "wider_scope", False):
            return ()
        out = []
        for cap in caps:
            daily = cap.cap_per_day
            if cap is self or daily is None or _counted(cap.quantity.unit) != _counted(q.unit):
                continue
            mine, theirs = self.plan_keys, cap.plan_keys
            if theirs is None or not theirs:
                conditional = False  # a cap on every plan
            elif mine is None:
                conditional = True  # this rate names no plan: the cap binds on the cap's own plan
            elif mine & theirs:
                conditional = not mine <= theirs  # "Professional, Enterprise" against Professional's cap
            else:
                continue
            if q.per_day.max is not None and q.per_day.max > daily.max:
                out.append((cap, conditional))
        return tuple(out)

    def per_day(self, caps: tuple["AnswerFigure", ...] | None) -> Range | None:
        """Per day at this rate, never above a cap that binds: on every plan the figure is for, the lowest
        cap of that plan; a range when its plans' caps differ. None without the platform's caps."""
        day = None if caps is None else self.quantity.per_day
        binding = self.binding(caps)
        if day is None or not binding:
            return day
        everywhere = [c.cap_per_day.max for c, conditional in binding if not conditional]
        plans = self.plan_keys
        if plans:
            # Each plan's bound: a cap on every plan, or the lowest cap that names that plan.
            bounds = [min(everywhere + [c.cap_per_day.max for c, _ in binding if c.plan_keys and p in c.plan_keys],
                          default=math.inf) for p in plans]
        else:
            bounds = [min(everywhere, default=math.inf)]
        lo, hi = min(bounds), max(bounds)
        if hi == math.inf and lo == math.inf:
            return day
        return Range(min=None if day.min is None else min(day.min, lo), max=min(day.max, hi))

    def rate(self, lang: str, caps: tuple["AnswerFigure", ...] | None = ()) -> str:
        """'= 600 per minute · 864,000 per day at this rate · the cap of 250,000 requests per day binds first ·
        the research's rule of thumb (85%): 510 per minute (...)', for a rate a client paces against."""
        q, t = self.quantity, STRINGS[lang]
        if not q.paced:
            return ""
        parts = [] if q.per.unit == "minute" and q.per.amount == 1 else [
            t["normalized_minute"].format(minute=span(q.per_minute))]
        if caps is not None:
            parts.append(t["normalized_day"].format(day=span(q.per_day)))
        for cap, conditional in self.binding(caps):
            said = t["cap_binds_on_plan" if conditional else "cap_binds"]
            parts.append(said.format(cap=words(cap.quantity, lang), plan=cap.limited_to(lang)))
        said = ("= " + " · ".join(parts) + " · ") if parts else ""
        return said + t["normalized_safe"].format(safe=span(q.safe_per_minute))

    def detail(self, lang: str) -> str:
        """Everything but the vendor and plan: tier, what it applies to, what it is counted per, state, note."""
        state = STRINGS[lang]["state_" + self.state] if self.state else ""
        parts = (self.plan_word and self.plan_word[lang], self.tier and self.tier[lang], state,
                 self.applies_to and self.applies_to[lang], self.scope and self.scope[lang],
                 self.note and self.note[lang])
        return " · ".join(q for q in parts if q)


def official_figure(f, fact_platform: str | None, platforms: dict[str, Platform]) -> AnswerFigure:
    """A review's figure with its vendor and plans resolved (the catalog checked that they exist)."""
    vendor = platforms.get(f.vendor(fact_platform) or "")
    plans = tuple(vendor.plan(p) for p in f.plan) if vendor else ()
    return AnswerFigure(f, f.scope, f.note, True, vendor, plans, f.tier, f.applies_to, f.state)


def _source_links(fact: Fact, catalog: Catalog, lang: str) -> tuple[Link, ...]:
    links = []
    for s in fact.sources:
        bullet = catalog.bullet(s)
        if s.service == TAKEAWAYS:
            links.append(Link(STRINGS[lang]["takeaways"], urls.TAKEAWAYS, s.bullet, _tooltip(bullet[lang], lang)))
        else:
            service = catalog.service(s.service)
            links.append(Link(STRINGS[lang]["source_service"].format(n=service.number), urls.service(service.id), s.bullet,
                              _tooltip(bullet[lang], lang)))
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


def _joined(label: str, value: str) -> str:
    # A label ending in a hyphen is a prefix (Hebrew "נבדק ב-"): the value follows it without a space.
    return label + value if label.endswith("-") else f"{label} {value}"


def _research(book, row, lang):
    return Cell(row.fact.stated[lang], conflicts=row.conflicts)


def _refresh(book, row, lang):
    r = row.fact.refresh
    # An official answer with a token that never expires (Mailchimp's) makes "refresh needed" vary by vendor.
    if r and any(a.official and a.quantity.unlimited and a.quantity.measure == "duration" for a in row.answer):
        return Cell(STRINGS[lang]["refresh_varies"])
    return Cell("" if r is None else STRINGS[lang]["yes" if r else "no"])


def _label(key: str) -> Text:
    # A column's name in every language: the string table's `column_<key>`.
    return Text(**{lang.code: STRINGS[lang.code]["column_" + key].format(headroom=f"{HEADROOM:.0%}")
                   for lang in LANGUAGES})


COLUMNS: dict[str, Column] = {c.key: c for c in [
    Column("platform", _label("platform"), _platform),
    Column("kind", _label("kind"), lambda b, r, lang: Cell(STRINGS[lang]["kind_" + r.fact.kind], KINDS.index(r.fact.kind))),
    Column("subject", _label("subject"), lambda b, r, lang: Cell(r.fact.subject[lang])),
    Column("answer", _label("answer"), _answer),
    Column("stated", _label("stated"), _research),
    Column("per_minute", _label("per_minute"), _rate("per_minute")),
    Column("per_day", _label("per_day"), _rate("per_day")),
    Column("safe_per_minute", _label("safe_per_minute"), _rate("safe_per_minute")),
    Column("plan", _label("plan"), lambda b, r, lang: Cell(r.fact.plan or "")),
    Column("refresh", _label("refresh"), _refresh),
    Column("qualifiers", _label("qualifiers"), lambda b, r, lang: Cell(r.qualifiers(lang))),
    Column("review", _label("review"),
           lambda b, r, lang: Cell(STRINGS[lang]["status_" + r.status] + (
               f" ({_joined(STRINGS[lang]['checked_on'], written(r.review.checked, lang))})" if r.review else ""),
               r.status)),
    Column("sources", _label("sources"),
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
        """The plan filter's choices: each plan a figure of the rows names, once, with its vendor
        ("HubSpot · Professional"), by vendor and in the vendor's order. A figure for every plan names
        none: it is never a choice, and stays whatever is chosen."""
        found: dict[str, tuple] = {}
        for row in self.rows:
            for a in row.answer:
                for p in a.plans:
                    order = (a.vendor.name[lang].lower(), a.vendor.plans.index(p))
                    found.setdefault(plan_rule.key(a.vendor.id, p.id), (order, f"{a.vendor.name[lang]} · {p.names[lang]}"))
        return [(k, label) for k, (_, label) in sorted(found.items(), key=lambda kv: kv[1][0])]

    def kept(self, chosen: list[str]) -> tuple[FactRow, ...]:
        """The rows a choice of plans keeps (plans.keeps: the rule tables.js and finder.js apply)."""
        return tuple(r for r in self.rows if plan_rule.keeps(r.plan_lines(), chosen))

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
        self._sources = {lang: {f.id: _source_links(f, catalog, lang) for f in catalog.facts} for lang in CODES}
        rows = [FactRow(f, catalog.platforms.get(f.platform) if f.platform else None, tuple(against.get(f.id, ())),
                        self.reviews.for_fact(f.id), platforms=catalog.platforms)
                for f in catalog.facts]
        # Each row knows its platform's caps over a day or longer, so that a rate never reads above one.
        caps: dict[str | None, list[AnswerFigure]] = {}
        for row in rows:
            if row.platform is not None:
                caps.setdefault(row.fact.platform, []).extend(a for a in row.answer if a.cap_per_day is not None)
        rows = [replace(row, caps=tuple(caps.get(row.fact.platform, ())) if row.platform is not None else None)
                for row in rows]
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
        per_day = row.fact._rate(86400)
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
        """A platform's facts, and the vendor's figures that live in a general fact (its figures only)."""
        general = tuple(replace(r, only=platform_id) for r in self._by_platform.get(None, ())
                        if platform_id in r.platform_keys)
        return self.table(f"facts-{platform_id}", None, PLATFORM_COLUMNS,
                          rows=tuple(self._by_platform.get(platform_id, ())) + general)

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
            "plan": self.finder().plans(lang),
        }

    def services_of(self, platform_id: str) -> list:
        """Services that involve a platform: as one of their systems, or in a fact's source."""
        ids = self._services_of.get(platform_id, set())
        return [s for s in self.catalog.services if s.id in ids]

    def csv(self, table: FactTable, lang: str, url: Callable[[Link], str]) -> str:
        """The table as CSV: the page's header and cell texts, links as site URLs, one value per cell: a row per
        figure of the answer, with its plan, scope, note and normalized forms in named columns. A byte-order mark
        first, so that a spreadsheet reads it as UTF-8."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        t = STRINGS[lang]
        # The research's words and the review's status stand beside the answer, as on the page.
        extra = [COLUMNS[k] for k in ("stated", "per_minute", "per_day", "safe_per_minute")]
        writer.writerow([t["csv_id"], *(c.label[lang] for c in table.columns), COLUMNS["plan"].label[lang],
                         t["csv_scope"], t["csv_note"], *(c.label[lang] for c in extra), t["csv_status"]])
        for row, cells in table.cells(self, lang):
            lines = row.answer_lines(lang)
            figures = (None,) if row.restated else row.answer or (None,)
            computed = {c.key: row.computed(c.key) for c in extra[1:]}
            for i, line in enumerate(lines or (Line(""),)):
                figure = figures[i] if i < len(figures) else None
                page = [" ".join(url(lk) for lk in cell.links) if col.key == "sources" else
                        line.text if col.key == "answer" else cell.text for col, cell in zip(table.columns, cells)]
                named = ["", "", ""]
                if figure and (figure.official or row.fact.kind != "plan-requirement"):
                    rest = (figure.tier, figure.applies_to, figure.note)
                    state = t["state_" + figure.state] if figure.state else ""
                    named = [line.plan_label, figure.scope[lang] if figure.scope else "",
                             " · ".join(filter(None, (state, *(q[lang] for q in rest if q))))]
                normalized = [computed[c.key][i].text if i < len(computed[c.key]) else "" for c in extra[1:]]
                # A cell from data that starts like a formula is shown as text (escaping.csv_cell).
                writer.writerow([csv_cell(c) for c in (row.id, *page, *named, extra[0].cell(self, row, lang).text,
                                                       *normalized, row.status)])
        return "\ufeff" + out.getvalue()
