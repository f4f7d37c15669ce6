"""Reviews: what the vendors' official documentation says about the research's claims.

`data/reviews.yaml` holds one `Review` per checked claim: the facts and bullets
it covers, a status (verified, imprecise, outdated, wrong, unverified), the
official statement in both languages, its sources, the date it was checked and,
where known, the date the vendor changed it. Review data lives beside the
research and never replaces it: pages show the research verbatim with the
review next to it. `check_reviews` validates the cross-references the model
cannot see (every fact exists and is reviewed once, the claim is its bullets'
words; that the bullets exist is `refs.Bullets`' to say); `ReviewBook`
answers "what is known about this fact or bullet" and which checks are stale,
relative to a build date that tests inject (`build_date`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from .figures import Quantity
from .models import BulletRef, NonEmpty, Slug, Strict, Text
from .refs import Bullets
from .unique import duplicates

Status = Literal["verified", "imprecise", "outdated", "wrong", "unverified", "guidance"]
STATUSES: tuple[str, ...] = Status.__args__  # display order
UNREVIEWED = "unreviewed"  # not a status one writes: the absence of a review
# Statuses whose official statement replaces the research's claim for a reader.
CORRECTIONS = ("wrong", "outdated")
# Statuses under which the research's own figure must not feed a computation.
DISCREDITED = ("wrong", "outdated")
# Statuses that need the vendor's figures where the vendor gives numbers.
NEEDS_FIGURES = ("imprecise", "wrong", "outdated")
STALE_AFTER_DAYS = 180
# Tests and rebuilds of old versions set the build date; otherwise it is today.
BUILD_DATE_ENV = "HANDBOOK_BUILD_DATE"

Url = Annotated[str, StringConstraints(pattern=r"^https://[^\s]+$")]
Claim = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]


Label = Annotated[str, StringConstraints(min_length=1, max_length=120, pattern=r"\S")]
AccountState = Literal["trial", "testing"]
ACCOUNT_STATES: tuple[str, ...] = AccountState.__args__


class Figure(Quantity):
    """One official figure: a value (or range, or unlimited) in a unit, with its plan and scope."""

    unlimited_: bool = Field(default=False, alias="unlimited", description="The vendor says unlimited (no value).")
    # Five separate dimensions, so that a plan filter reads plans only (README, "Recording a review").
    platform: Slug | None = Field(default=None, description="The vendor the figure is about, when not the platform "
                                  "of the review's facts (a general fact's per-vendor figures).")
    plan: list[Label] = Field(default=[], description="The customer's plans of that vendor it applies to: plan ids "
                              "from data/platforms.yaml. Absent: every plan.")
    tier: Text | None = Field(default=None, description="A tier that is not the customer's plan, named as what it "
                              "is (an app's pricing tier, a partner tier, a messaging-limit level).")
    applies_to: Text | None = Field(default=None, description="What it applies to: an API, an app type, a "
                                    "deployment.")
    scope: Text | None = Field(default=None, description="What it is counted per (per account, per app...).")
    state: AccountState | None = Field(default=None, description="The account's or app's state it applies to: "
                                       "trial, or an app in testing.")
    note: Text | None = Field(default=None, description="A qualifier the vendor adds.")
    fact: Slug | None = Field(default=None, description="When the review covers several facts: the fact this figure "
                              "answers (absent: every fact of the review).")
    base: float | None = Field(default=None, ge=0, description="Where the vendor gives the allowance as a formula: "
                               "the base amount (with `per_user`; `value` is then the maximum).")
    per_user: float | None = Field(default=None, gt=0, description="The amount added per user license (with `base`).")
    billing_threshold: bool = Field(default=False, description="A free allowance before charges, not a limit: it "
                                    "caps no rate.")
    wider_scope: bool = Field(default=False, description="A rate counted over a wider scope than the platform's daily "
                              "or monthly caps (across all tenants, say): they do not bound it.")

    model_config = ConfigDict(populate_by_name=True)

    @property
    def formula(self) -> tuple[float, float] | None:
        return None if self.base is None or self.per_user is None else (self.base, self.per_user)

    @model_validator(mode="before")
    @classmethod
    def _flat_range(cls, data):
        # Authors write `value: 100` or `min: 100, max: 150` on the figure itself.
        if isinstance(data, dict) and ("min" in data or "max" in data):
            data = dict(data)
            data["value"] = {k: data.pop(k) for k in ("min", "max") if k in data}
        return data

    @model_validator(mode="after")
    def _one_amount(self):
        problems = self._quantity_problems()
        if self.unit is None:
            problems.append("a figure needs its unit")
        if (self.value is None) == (not self.unlimited_):
            problems.append("a figure needs exactly one of value, min/max or unlimited: true")
        if (self.base is None) != (self.per_user is None):
            problems.append("a formula needs both base and per_user")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @property
    def unlimited(self) -> bool:
        return self.unlimited_

    def vendor(self, fact_platform: str | None) -> str | None:
        """The platform whose plans it names: its own, else its fact's."""
        return self.platform or fact_platform


class SourceLink(Strict):
    """An official page; `gated` when reading it needs a login."""

    url: Url
    gated: bool = False
    redirects: list[Annotated[str, StringConstraints(pattern=r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")]] = Field(
        default=[], description="Other sites (host names) the re-check may follow this address to, beside its own.")

    @model_validator(mode="before")
    @classmethod
    def _address_only(cls, value):
        return {"url": value} if isinstance(value, str) else value

    @property
    def host(self) -> str:
        return self.url.split("//", 1)[1].split("/", 1)[0]


class Review(Strict):
    """One claim of the research, checked against the vendor's official documentation."""

    id: Slug = Field(description="Stable: the claim's anchor on the review page. Never change it.")
    claim: Text = Field(description="The research's words checked: a verbatim part of one of `bullets`, in Hebrew "
                        "and in its English translation.")
    status: Status
    facts: list[Slug] = Field(default=[], description="Ids of the facts (data/facts/) the claim states.")
    bullets: list[BulletRef] = Field(default=[], description="The bullets that make the claim.")
    official: Text = Field(description="What the official source says, in Hebrew and English.")
    figures: list[Figure] = Field(default=[], description="The vendor's current figures, typed like facts.")
    sources: list[SourceLink] = Field(default=[], description="Where it says so: https addresses, or "
                                      "{url, gated: true} for a page that needs a login.")
    quote: Claim | None = Field(default=None, description="A sentence read at the source, verbatim: the evidence.")
    checked: dt.date = Field(description="The day the sources were read (YYYY-MM-DD).")
    changed: dt.date | None = Field(default=None, description="The day the vendor changed it, where known.")
    answered_in_words: bool = Field(default=False, description="The official statement is the answer: the figures "
                                    "(if any) answer another question, or the reviewer answers with no figure.")
    editors: NonEmpty | None = Field(default=None, description="How it was checked (the pages read, copies or "
                                     "secondary sources used, a second check): for editors, never published. "
                                     "The statements say what the vendor says and what a reader should do.")

    @model_validator(mode="after")
    def _complete(self):
        problems = []
        if not self.facts and not self.bullets:
            problems.append("a review needs the facts or bullets it covers")
        if self.status != "unverified" and not self.sources:
            problems.append(f"a '{self.status}' review needs its sources (only 'unverified' may have none)")
        if self.changed and self.changed > self.checked:
            problems.append(f"changed {self.changed} is after checked {self.checked}")
        for i, f in enumerate(self.figures):
            if f.fact is not None and f.fact not in self.facts:
                problems.append(f"figures[{i}].fact: '{f.fact}' is not one of this review's facts")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @property
    def correction(self) -> bool:
        return self.status in CORRECTIONS

    def figures_for(self, fact_id: str) -> list[Figure]:
        """The official figures that answer one of the review's facts."""
        return [f for f in self.figures if f.fact in (None, fact_id)]

    def age(self, today: dt.date) -> int:
        return (today - self.checked).days

    def stale(self, today: dt.date) -> bool:
        return self.age(today) > STALE_AFTER_DAYS


class ReviewFile(Strict):
    """`data/reviews.yaml`: every review of the research's claims."""

    reviews: list[Review]


# ---------------------------------------------------------------------------
# Checks across files
# ---------------------------------------------------------------------------


def check_reviews(name: str, reviews: list[Review], fact_ids: set[str], bullets: Bullets) -> list[str]:
    """Problems as `file: place: message`: unknown or doubly reviewed facts, a claim that is not the
    research's words (a bullet that does not exist is the references' check's: `Bullets.check`)."""
    problems: list[str] = []
    problems += duplicates([(name, f"reviews[{i}].id", r.id) for i, r in enumerate(reviews)], "review id")
    fact_seen: dict[str, int] = {}
    for i, r in enumerate(reviews):
        where = f"{name}: reviews[{i}]"
        for j, f in enumerate(r.facts):
            if f not in fact_ids:
                problems.append(f"{where}.facts[{j}]: unknown fact '{f}' (not in data/facts/)")
            elif f in fact_seen:
                problems.append(f"{where}.facts[{j}]: fact '{f}' is already reviewed in reviews[{fact_seen[f]}]")
            fact_seen.setdefault(f, i)
        found = []
        for b in r.bullets:
            bullet = bullets.get(b)
            if bullet is None:
                found = None  # no claim to check against: the reference is reported, or its file's problems
            elif found is not None:
                found.append(bullet)
        # The claim is the research's own words: verbatim in one of its bullets, in both languages.
        if found and not any(r.claim.he in b.he and (b.en is None or r.claim.en in b.en) for b in found):
            problems.append(f"{where}.claim: not a verbatim part of any of its bullets (he and en of the same "
                            f"bullet): '{r.claim.he}' / '{r.claim.en}'")
    return problems


def check_plans(name: str, reviews: list[Review], fact_platforms: dict[str, str | None],
                platforms: dict[str, object], left_out: set[str] = frozenset()) -> list[str]:
    """Problems as `file: place: message`: a figure's platform that is not one, a plan that is not one
    of its vendor's (a misspelt plan), a plan whose vendor the figure does not say. `left_out`: the
    ids of platforms and facts left out for their own problems (reported there, not again here)."""
    problems: list[str] = []
    for i, r in enumerate(reviews):
        for j, f in enumerate(r.figures):
            where = f"{name}: reviews[{i}].figures[{j}]"
            if f.platform is not None and f.platform not in platforms:
                if f.platform not in left_out:
                    problems.append(f"{where}.platform: unknown platform '{f.platform}' (not in data/platforms.yaml)")
                continue
            if not f.plan or any(x in left_out for x in ([f.fact] if f.fact else r.facts)):
                continue
            of_facts = {fact_platforms.get(x) for x in ([f.fact] if f.fact else r.facts)}
            vendor = f.vendor(of_facts.pop() if len(of_facts) == 1 else None)
            if vendor is None:
                problems.append(f"{where}.plan: whose plans? the review's facts are of no single platform: "
                                "add the figure's `platform`")
                continue
            if vendor not in platforms:
                continue  # a platform left out for its own problem, reported there
            known = [p.id for p in platforms[vendor].plans]
            for k, plan in enumerate(f.plan):
                if plan not in known:
                    listed = ", ".join(known) if known else "none (add them to data/platforms.yaml)"
                    problems.append(f"{where}.plan[{k}]: unknown plan '{plan}' of {vendor}; known: {listed}")
    return problems


# ---------------------------------------------------------------------------
# Lookups
# ---------------------------------------------------------------------------


def build_date() -> dt.date:
    """The day the site is built: `HANDBOOK_BUILD_DATE` (YYYY-MM-DD) or today.
    ValueError, saying what is wrong with it, when the variable is not such a date."""
    value = os.environ.get(BUILD_DATE_ENV)
    if not value:
        return dt.date.today()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"{value!r} is not a date (expected YYYY-MM-DD, e.g. 2026-03-01)")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as e:
        raise ValueError(f"{value!r} is not a date ({e})") from None


def check_review_dates(name: str, reviews: list[Review], today: dt.date) -> list[str]:
    """A check dated after the build date did not happen yet: a typo, not a fresh review."""
    # (`changed` is after `checked` only in error, which the model reports.)
    return [f"{name}: reviews[{i}].checked: {r.checked} is after the build date {today} "
            f"(a typo? builds take the date from {BUILD_DATE_ENV} when set, else today)"
            for i, r in enumerate(reviews) if r.checked > today]


@dataclass(frozen=True)
class ReviewBook:
    """The reviews, by fact and by bullet, and the team's to-do list."""

    reviews: tuple[Review, ...]
    today: dt.date

    def for_fact(self, fact_id: str) -> Review | None:
        return next((r for r in self.reviews if fact_id in r.facts), None)

    def for_service(self, service_id: str) -> dict[str, list[Review]]:
        """{bullet id: its reviews} for one service's page."""
        out: dict[str, list[Review]] = {}
        for r in self.reviews:
            for b in r.bullets:
                if b.service == service_id:
                    out.setdefault(b.bullet, []).append(r)
        return out

    def status_of(self, fact_id: str) -> str:
        review = self.for_fact(fact_id)
        return review.status if review else UNREVIEWED

    def counts(self) -> dict[str, int]:
        return {s: sum(r.status == s for r in self.reviews) for s in STATUSES}

    def not_verified(self) -> list[Review]:
        """The to-do list: every review not verified, by status (wrong first), in file order within one."""
        order = ("wrong", "outdated", "imprecise", "unverified", "guidance")
        return sorted((r for r in self.reviews if r.status != "verified"), key=lambda r: order.index(r.status))

    def by_age(self) -> list[Review]:
        """Every review, oldest check first."""
        return sorted(self.reviews, key=lambda r: (r.checked, r.id))

    def stale(self) -> list[Review]:
        return [r for r in self.by_age() if r.stale(self.today)]
