"""Vendor changes: the dated changes to the platforms' APIs that the reviews found.

`data/vendor-changes.yaml` holds one `VendorChange` per dated change, past or
coming (a date, or only a month where the vendor gives no day): what changes,
the platforms, the facts and bullets it affects, the reviews that report it
and its sources. `check_changes` validates the cross-references (every fact,
review and platform exists, its bullets as every file's do, `refs.Bullets`;
every review's `changed` date is a change that names it). `ChangeLog` answers which changes are coming and which are
past on the build date, which affect a service or a platform, and writes the
Atom feed and the iCalendar file a consultant subscribes to. Plain Python.
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Annotated, Callable

from pydantic import Field, StringConstraints, model_validator

from .dates import written
from .models import BulletRef, Slug, Strict, Text
from .reviews import BUILD_DATE_ENV, Review, SourceLink
from .strings import STRINGS, plural
from .unique import duplicates

ATOM_NAME = "vendor-changes.atom"  # beside the changes page, in each language
ICS_NAME = "vendor-changes.ics"
DATE_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$"
ChangeDate = Annotated[str, StringConstraints(pattern=DATE_PATTERN)]


class VendorChange(Strict):
    """A dated change to a platform that affects the services."""

    id: Slug = Field(description="Stable: the change's anchor on the vendor-changes page. Never change it.")
    date: ChangeDate = Field(description="YYYY-MM-DD, or YYYY-MM when the vendor gives only the month.")
    platforms: list[Slug] = Field(min_length=1, description="Ids from data/platforms.yaml.")
    title: Text = Field(description="One line: what changes.")
    detail: Text | None = Field(default=None, description="What it means for a build.")
    facts: list[Slug] = Field(default=[], description="The facts it affects.")
    bullets: list[BulletRef] = Field(default=[], description="The research bullets it affects.")
    reviews: list[Slug] = Field(default=[], description="The reviews that report it.")
    sources: list[SourceLink] = Field(min_length=1)
    recorded: dt.date = Field(description="The day the change was recorded here (YYYY-MM-DD): the Atom entry's "
                              "`published`, never after the build date.")
    revised: dt.date | None = Field(default=None, description="The day the entry was last corrected, where it was: "
                                    "the Atom entry's `updated` (else `recorded`).")

    @model_validator(mode="before")
    @classmethod
    def _date_as_written(cls, data):
        # YAML reads 2027-04-30 as a date; 2027-09 stays a string.
        if isinstance(data, dict) and isinstance(data.get("date"), dt.date):
            data = {**data, "date": data["date"].isoformat()}
        return data

    @model_validator(mode="after")
    def _real_day(self):
        try:
            self.day
        except ValueError as e:
            raise ValueError(f"date {self.date}: {e}") from None
        if self.revised and self.revised < self.recorded:
            raise ValueError(f"revised {self.revised} is before recorded {self.recorded}")
        return self

    @property
    def day(self) -> dt.date:
        """The date; a month alone counts from its first day."""
        return dt.date.fromisoformat(self.date if len(self.date) == 10 else self.date + "-01")

    @property
    def month_only(self) -> bool:
        return len(self.date) == 7

    @property
    def end(self) -> dt.date | None:
        """The day after the period the date names (its day, or its whole month);
        None past the calendar's last day."""
        days = calendar.monthrange(self.day.year, self.day.month)[1] if self.month_only else 1
        try:
            return self.day + dt.timedelta(days=days)
        except OverflowError:
            return None

    @property
    def days(self) -> int:
        """How many days the date names: 1, or the month's."""
        return calendar.monthrange(self.day.year, self.day.month)[1] if self.month_only else 1

    @property
    def updated(self) -> dt.date:
        return self.revised or self.recorded


class VendorChangeFile(Strict):
    """`data/vendor-changes.yaml`."""

    changes: list[VendorChange]


def check_changes(name: str, changes: list[VendorChange], fact_ids: set[str], reviews: list[Review] | None,
                  platform_ids: set[str] | None, today: dt.date | None = None) -> list[str]:
    """Problems as `file: place: message`; `reviews` None: the reviews did not load (not checked against);
    `today` the build date (a change cannot have been recorded after it). Its bullets are checked with
    every file's references (`refs.Bullets.check`)."""
    problems: list[str] = []
    for i, c in enumerate(changes):
        for field_name in ("recorded", "revised"):
            when = getattr(c, field_name)
            if today is not None and when is not None and when > today:
                problems.append(f"{name}: changes[{i}].{field_name}: {when} is after the build date {today} "
                                f"(a typo? builds take the date from {BUILD_DATE_ENV} when set, else today)")
    problems += duplicates([(name, f"changes[{i}].id", c.id) for i, c in enumerate(changes)], "change id")
    review_ids = None if reviews is None else {r.id for r in reviews}
    for i, c in enumerate(changes):
        where = f"{name}: changes[{i}]"
        if not c.facts and not c.bullets:
            problems.append(f"{where}: a change needs the facts or bullets it affects")
        for j, p in enumerate(c.platforms):
            if platform_ids is not None and p not in platform_ids:
                problems.append(f"{where}.platforms[{j}]: unknown platform '{p}' (not in data/platforms.yaml)")
        for j, f in enumerate(c.facts):
            if fact_ids is not None and f not in fact_ids:
                problems.append(f"{where}.facts[{j}]: unknown fact '{f}' (not in data/facts/)")
        for j, r in enumerate(c.reviews):
            if review_ids is not None and r not in review_ids:
                problems.append(f"{where}.reviews[{j}]: unknown review '{r}' (not in data/reviews.yaml)")
    # A review's `changed` date is a vendor change: it must be on the list, naming the review.
    dated = {(c.date, r) for c in changes for r in c.reviews}
    for i, r in enumerate(reviews or ()):
        if r.changed and (r.changed.isoformat(), r.id) not in dated \
                and (r.changed.isoformat()[:7], r.id) not in dated:
            problems.append(f"{name}: no change dated {r.changed} names review '{r.id}' (data/reviews.yaml "
                            f"reviews[{i}].changed): add it to the vendor changes")
    return problems


# ---------------------------------------------------------------------------
# Lookups and feeds
# ---------------------------------------------------------------------------


# Characters XML 1.0 forbids (and iCalendar's text may not hold): never written to a feed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def feed_text(text: str) -> str:
    """Text as a feed may hold it: without the control characters XML forbids."""
    return _NOT_XML.sub("", text)


def month_words(change: VendorChange, lang: str) -> str:
    """A month as the language writes it: "February 2027", "פברואר 2027" (hooks/handbook/dates.py)."""
    return written(change.day.isoformat()[:7], lang)


def when_words(change: VendorChange, lang: str) -> str:
    """The change's date as a reader sees it: the day (YYYY-MM-DD), or the month in words."""
    return month_words(change, lang) if change.month_only else change.date


@dataclass(frozen=True)
class Affected:
    """A service or fact a change affects, for a feed: its kind's word, its name, its address."""

    kind: str
    name: str
    url: str


@dataclass(frozen=True)
class ChangeLog:
    """The vendor changes on a build date: coming ones soonest first, past ones latest first.
    A change is coming until its period (its day, or its whole month) is over."""

    changes: tuple[VendorChange, ...]
    today: dt.date
    services_of_fact: dict[str, tuple[str, ...]]  # fact id: the services whose bullets state it

    def coming(self) -> list[VendorChange]:
        return sorted((c for c in self.changes if self.is_coming(c)), key=lambda c: (c.day, c.id))

    def past(self) -> list[VendorChange]:
        return sorted((c for c in self.changes if not self.is_coming(c)), key=lambda c: (c.day, c.id), reverse=True)

    def is_coming(self, change: VendorChange) -> bool:
        return change.end is None or change.end > self.today

    def badge(self, change: VendorChange, lang: str) -> str | None:
        """The build's words for how near a coming change is ("in 12 days", "this
        month"); changes.js says the same from the reader's own date."""
        words = STRINGS[lang]
        if not self.is_coming(change):
            return None
        if change.day <= self.today:
            return words["change_this_month"] if change.month_only else words["change_today"]
        if change.month_only:
            return words["change_is_coming"]
        days = (change.day - self.today).days
        return words["change_tomorrow"] if days == 1 else plural(lang, days, "change_in_days")

    def services(self, change: VendorChange) -> list[str]:
        """The services a change affects: through its facts' bullets and its own bullets."""
        ids = [s for f in change.facts for s in self.services_of_fact.get(f, ())]
        ids += [b.service for b in change.bullets]
        return list(dict.fromkeys(ids))

    def for_service(self, service_id: str) -> list[VendorChange]:
        return [c for c in self.coming() if service_id in self.services(c)]

    def for_platform(self, platform_id: str) -> list[VendorChange]:
        return [c for c in self.coming() if platform_id in c.platforms]

    def for_fact(self, fact_id: str) -> list[VendorChange]:
        return [c for c in self.coming() if fact_id in c.facts]

    def _summary(self, change: VendorChange, lang: str) -> str:
        during = STRINGS[lang]["change_during"].format(month=month_words(change, lang)) + ". " \
            if change.month_only else ""
        title = change.title[lang].rstrip()
        if change.detail:
            title += ("" if title.endswith((".", "!", "?", ":")) else ".") + " " + change.detail[lang]
        return during + title

    def atom(self, lang: str, title: str, feed_url: str, page_url: str, entry_url: Callable[[VendorChange], str],
             affected: Callable[[VendorChange], list[Affected]] = lambda c: []) -> str:
        """An Atom feed (RFC 4287): one entry per change, nearest first. An entry is
        published when it was recorded and updated when it was last corrected, never
        on the change's own (perhaps future) date."""
        ns = "http://www.w3.org/2005/Atom"
        ET.register_namespace("", ns)

        def add(parent, tag, text=None, **attrs):
            el = ET.SubElement(parent, f"{{{ns}}}{tag}", {k: feed_text(v) for k, v in attrs.items()})
            if text is not None:
                el.text = feed_text(text)
            return el

        stamp = lambda day: f"{day.isoformat()}T00:00:00Z"  # noqa: E731
        feed = ET.Element(f"{{{ns}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
        add(feed, "title", title)
        add(feed, "id", feed_url)
        add(feed, "updated", stamp(max((c.updated for c in self.changes), default=self.today)))
        add(feed, "link", rel="self", href=feed_url)
        add(feed, "link", rel="alternate", type="text/html", href=page_url)
        add(add(feed, "author"), "name", title)
        for c in self.coming() + self.past():
            entry = add(feed, "entry")
            add(entry, "title", f"{when_words(c, lang)}: {c.title[lang]}")
            add(entry, "id", entry_url(c))
            add(entry, "published", stamp(c.recorded))
            add(entry, "updated", stamp(c.updated))
            add(entry, "link", rel="alternate", type="text/html", href=entry_url(c))
            add(entry, "summary", self._summary(c, lang))
            add(entry, "content", _content_html(c, lang, affected(c), self._summary(c, lang)), type="html")
            for s in c.sources:
                add(entry, "link", rel="related", href=s.url)
        return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"

    def ical(self, lang: str, title: str, entry_url: Callable[[VendorChange], str],
             affected: Callable[[VendorChange], list[Affected]] = lambda c: []) -> str:
        """An iCalendar file (RFC 5545): each change an all-day event over its
        period, a day or its whole month (DURATION, so no false day and no date past
        the calendar's end). The library escapes text and folds lines."""
        from icalendar import Calendar, Event  # only the feed needs it

        cal = Calendar()
        cal.add("prodid", "-//Integration Services Handbook//vendor changes//" + lang.upper())
        cal.add("version", "2.0")
        cal.add("x-wr-calname", feed_text(title))
        for c in self.coming() + self.past():
            event = Event()
            event.add("uid", f"{c.id}.{lang}@integration-services-handbook")
            event.add("dtstamp", dt.datetime.combine(c.updated, dt.time(), tzinfo=dt.UTC))
            event.add("dtstart", c.day)
            event.add("duration", dt.timedelta(days=c.days))
            event.add("summary", feed_text(c.title[lang]))
            lines = [self._summary(c, lang)]
            lines += [f"{a.kind}: {a.name} ({a.url})" for a in affected(c)]
            lines.append(entry_url(c))
            event.add("description", feed_text("\n".join(lines)))
            event.add("url", entry_url(c))
            cal.add_component(event)
        return cal.to_ical().decode("utf-8")


def _content_html(change: VendorChange, lang: str, affected: list[Affected], summary: str) -> str:
    # An entry's content (Atom type="html": the feed escapes it once more as XML text).
    parts = [f"<p>{html.escape(summary)}</p>"]
    if affected:
        items = "".join(f'<li>{html.escape(a.kind)}: <a href="{html.escape(a.url)}">{html.escape(a.name)}</a></li>'
                        for a in affected)
        parts.append(f"<ul>{items}</ul>")
    return "".join(parts)
