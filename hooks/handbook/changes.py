"""Vendor changes: the dated changes to the platforms' APIs that the reviews found.

`data/vendor-changes.yaml` holds one `VendorChange` per dated change, past or
coming (a date, or only a month where the vendor gives no day): what changes,
the platforms, the facts and bullets it affects, the reviews that report it
and its sources. `check_changes` validates the cross-references (every fact,
bullet, review and platform exists; every review's `changed` date is a change
that names it). `ChangeLog` answers which changes are coming and which are
past on the build date, which affect a service or a platform, and writes the
Atom feed and the iCalendar file a consultant subscribes to. Plain Python.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Annotated, Callable

from pydantic import Field, StringConstraints, model_validator

from .models import Slug, Strict, Text
from .reviews import BulletRef, Review, SourceLink
from .unique import duplicates

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
        return self

    @property
    def day(self) -> dt.date:
        """The date; a month alone counts from its first day."""
        return dt.date.fromisoformat(self.date if len(self.date) == 10 else self.date + "-01")

    @property
    def month_only(self) -> bool:
        return len(self.date) == 7


class VendorChangeFile(Strict):
    """`data/vendor-changes.yaml`."""

    changes: list[VendorChange]


def check_changes(name: str, changes: list[VendorChange], fact_ids: set[str], bullets: set[tuple[str, str]],
                  reviews: list[Review] | None, platform_ids: set[str], broken: set[str] = frozenset()
                  ) -> list[str]:
    """Problems as `file: place: message`; `reviews` None: the reviews did not load (not checked against)."""
    problems: list[str] = []
    problems += duplicates([(name, f"changes[{i}].id", c.id) for i, c in enumerate(changes)], "change id")
    review_ids = None if reviews is None else {r.id for r in reviews}
    for i, c in enumerate(changes):
        where = f"{name}: changes[{i}]"
        if not c.facts and not c.bullets:
            problems.append(f"{where}: a change needs the facts or bullets it affects")
        for j, p in enumerate(c.platforms):
            if p not in platform_ids:
                problems.append(f"{where}.platforms[{j}]: unknown platform '{p}' (not in data/platforms.yaml)")
        for j, f in enumerate(c.facts):
            if fact_ids is not None and f not in fact_ids:
                problems.append(f"{where}.facts[{j}]: unknown fact '{f}' (not in data/facts/)")
        for j, b in enumerate(c.bullets):
            if b.service not in broken and (b.service, b.bullet) not in bullets:
                problems.append(f"{where}.bullets[{j}]: no bullet '{b.bullet}' in {b.service}")
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


@dataclass(frozen=True)
class ChangeLog:
    """The vendor changes on a build date: coming ones soonest first, past ones latest first."""

    changes: tuple[VendorChange, ...]
    today: dt.date
    services_of_fact: dict[str, tuple[str, ...]]  # fact id: the services whose bullets state it

    def coming(self) -> list[VendorChange]:
        return sorted((c for c in self.changes if self.is_coming(c)), key=lambda c: (c.day, c.id))

    def past(self) -> list[VendorChange]:
        return sorted((c for c in self.changes if not self.is_coming(c)), key=lambda c: (c.day, c.id), reverse=True)

    def is_coming(self, change: VendorChange) -> bool:
        return change.day > self.today

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

    def atom(self, lang: str, title: str, feed_url: str, page_url: str, entry_url: Callable[[VendorChange], str],
             updated: dt.date) -> str:
        """An Atom feed (RFC 4287): one entry per change, nearest first."""
        ns = "http://www.w3.org/2005/Atom"
        ET.register_namespace("", ns)
        feed = ET.Element(f"{{{ns}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
        ET.SubElement(feed, f"{{{ns}}}title").text = title
        ET.SubElement(feed, f"{{{ns}}}id").text = feed_url
        ET.SubElement(feed, f"{{{ns}}}updated").text = f"{updated.isoformat()}T00:00:00Z"
        ET.SubElement(feed, f"{{{ns}}}link", {"rel": "self", "href": feed_url})
        ET.SubElement(feed, f"{{{ns}}}link", {"rel": "alternate", "type": "text/html", "href": page_url})
        author = ET.SubElement(feed, f"{{{ns}}}author")
        ET.SubElement(author, f"{{{ns}}}name").text = title
        for c in self.coming() + self.past():
            entry = ET.SubElement(feed, f"{{{ns}}}entry")
            ET.SubElement(entry, f"{{{ns}}}title").text = f"{c.date}: {c.title[lang]}"
            ET.SubElement(entry, f"{{{ns}}}id").text = entry_url(c)
            ET.SubElement(entry, f"{{{ns}}}updated").text = f"{c.day.isoformat()}T00:00:00Z"
            ET.SubElement(entry, f"{{{ns}}}link", {"rel": "alternate", "type": "text/html", "href": entry_url(c)})
            summary = c.title[lang] + (f" {c.detail[lang]}" if c.detail else "")
            ET.SubElement(entry, f"{{{ns}}}summary").text = summary
            for s in c.sources:
                ET.SubElement(entry, f"{{{ns}}}link", {"rel": "related", "href": s.url})
        return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"

    def ical(self, lang: str, title: str, entry_url: Callable[[VendorChange], str], stamp: dt.date) -> str:
        """An iCalendar file (RFC 5545): each change an all-day event on its date."""
        from icalendar import Calendar, Event  # only the feed needs it

        cal = Calendar()
        cal.add("prodid", "-//Integration Services Handbook//vendor changes//" + lang.upper())
        cal.add("version", "2.0")
        cal.add("x-wr-calname", title)
        for c in self.coming() + self.past():
            event = Event()
            event.add("uid", f"{c.id}.{lang}@integration-services-handbook")
            event.add("dtstamp", dt.datetime.combine(stamp, dt.time(), tzinfo=dt.UTC))
            event.add("dtstart", c.day)
            event.add("dtend", c.day + dt.timedelta(days=1))
            event.add("summary", c.title[lang])
            event.add("description", ((c.detail[lang] + "\n") if c.detail else "") + entry_url(c))
            event.add("url", entry_url(c))
            cal.add_component(event)
        return cal.to_ical().decode("utf-8")

