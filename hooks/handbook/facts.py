"""Facts: the research's numbers and plan statements as typed data.

One YAML file per platform under `data/facts/` (`<platform id>.yaml`, or
`general.yaml` for statements about no single platform) holds raw facts: a
kind, a structured value (ranges as min and max) with the unit the research
uses, qualifiers, and the bullets it comes from, each with the words it states
the fact in (`stated`, a verbatim part of the bullet in both languages).

Raw fields are what authors write. Normalized values (per minute, per day,
seconds, bytes, US dollars) are computed here (`Fact.per_minute`,
`Fact.seconds`, ...) and never typed by hand. `check_facts` validates what
the models cannot see (every source bullet states the fact's numbers; that it
exists is `refs.Bullets`' to say), and `conflicts` finds where the research
disagrees with itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Literal, Union

from pydantic import Field, PrivateAttr, StringConstraints, model_validator

from .figures import BYTES, SECONDS, Quantity, Range
from .languages import CODES
from .models import BulletRef, Slug, Strict, Text
from .refs import Bullets
from .unique import duplicates

# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

FactKind = Literal[
    "rate-limit", "token-lifetime", "size-limit", "timeout", "count-limit", "plan-requirement",
    "approval-time", "cost", "backoff-schedule", "auth-method", "webhook-signature", "time-window",
    "threshold",
]
KINDS: tuple[str, ...] = FactKind.__args__  # display order

DURATION_KINDS = ("token-lifetime", "timeout", "approval-time", "time-window")

Name = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]


# ---------------------------------------------------------------------------
# Raw shape
# ---------------------------------------------------------------------------


class Source(BulletRef):
    """A bullet the fact comes from, and the words it states the fact in."""

    stated: Union[Name, Text] = Field(
        description="The fact as the bullet states it: a verbatim part of the bullet; one string when the "
                    "same in both languages, else {he, en}.")

    @property
    def text(self) -> Text:
        return self.stated if isinstance(self.stated, Text) else _in_both(self.stated)


@lru_cache(maxsize=1 << 16)  # asked for at every row that shows the fact: a model is built (validated) once
def _in_both(words: str) -> Text:
    # One string that is the same in both languages, as a Text (frozen: one can be shared).
    return Text(he=words, en=words)


class Fact(Quantity):
    """One quantitative or plan statement of the research."""

    id: Slug = Field(description="Stable: the row's anchor on every page and its key in the exports. Never change it.")
    kind: FactKind
    subject: Text = Field(description="What the fact is about (API requests, access token, images...).")
    steps: list[Annotated[float, Field(ge=0)]] = Field(default=[], description="A backoff schedule's delays, in `unit`.")
    names: list[Name] = Field(default=[], description="Auth methods or signature schemes, as stated.")
    plan: Name | None = Field(default=None, description="The plan, tier or edition the fact applies to or requires.")
    scope: Text | None = Field(default=None, description="Who or what the limit counts (per account...).")
    note: Text | None = Field(default=None, description="A qualifier the research adds (usually, depends on...).")
    refresh: bool | None = Field(default=None, description="Token lifetimes: the research says a refresh is needed.")
    webhooks: bool = Field(default=False, description="The fact is about webhooks (the webhooks comparison).")
    sources: list[Source] = Field(min_length=1)

    # The platform comes from the file (`data/facts/<platform>.yaml`), not from the fact.
    _platform: str | None = PrivateAttr(default=None)

    @property
    def platform(self) -> str | None:
        return self._platform

    def placed(self, platform: str | None) -> "Fact":
        """This fact, on the platform of its file."""
        copy = self.model_copy()
        copy._platform = platform
        return copy

    @model_validator(mode="after")
    def _shape_of_kind(self):
        problems = self._quantity_problems()
        if self.steps and self.unit is None:
            problems.append("steps need their unit")
        if self.kind == "rate-limit" and self.value is not None and self.per is None:
            problems.append("a rate limit with a value needs 'per' (its window)")
        if self.kind in DURATION_KINDS and self.unit is not None and self.unit not in SECONDS:
            problems.append(f"a {self.kind} is a duration: unit must be one of {', '.join(SECONDS)}")
        if self.kind == "size-limit" and self.unit is not None and self.unit not in BYTES:
            problems.append(f"a size limit's unit must be one of {', '.join(BYTES)}")
        if self.kind == "cost" and self.unit not in (None, "USD"):
            problems.append("a cost's unit must be USD")
        if self.kind == "backoff-schedule" and len(self.steps) < 2:
            problems.append("a backoff schedule needs its steps (at least 2)")
        if self.kind in ("auth-method", "webhook-signature") and not self.names:
            problems.append(f"a {self.kind} needs its names")
        if self.kind == "plan-requirement" and not self.plan:
            problems.append("a plan requirement needs its plan")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    # -- computed ----------------------------------------------------------

    @property
    def stated(self) -> Text:
        """The first source's words: what pages show."""
        return self.sources[0].text

    def numbers(self) -> list[float]:
        """The numbers every source must state."""
        return (self.value.numbers() if self.value else []) + list(self.steps)

    @property
    def step_seconds(self) -> list[float]:
        return [s * SECONDS[self.unit] for s in self.steps] if self.unit in SECONDS else []

    @property
    def usd(self) -> Range | None:
        return self.value if self.value and self.unit == "USD" else None

    def metric(self) -> tuple:
        """What the fact measures: facts with one metric and compatible plans must agree."""
        return (self.platform, self.kind, self.subject.en.lower(), self.per.seconds if self.per else None)

    def agrees_with(self, other: "Fact") -> bool:
        """Two statements of one metric say the same, or one's range holds the other's number."""
        if tuple(self.step_seconds) != tuple(other.step_seconds):
            return False
        a, b = self.normalized(), other.normalized()
        if a == b:
            return True
        if a is None or b is None or a[0] != b[0]:
            return False
        ra, rb = Range(min=a[1], max=a[2]), Range(min=b[1], max=b[2])
        return ra.contains(rb) or rb.contains(ra)


class FactFile(Strict):
    """`data/facts/<platform>.yaml`: the facts about one platform."""

    platform: Slug | None = Field(description="The platform's id (= the file name); null in general.yaml.")
    facts: list[Fact] = Field(min_length=1)


GENERAL = "general"  # the file of facts about no single platform

# ---------------------------------------------------------------------------
# Checks across files
# ---------------------------------------------------------------------------

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def stated_numbers(text: str) -> set[float]:
    """The numbers in a stated text: `10,000` is 10000, `0.005` is 0.005."""
    out = set()
    for token in NUMBER.findall(text):
        if re.fullmatch(r"\d{1,3}(,\d{3})+", token):
            out.add(float(token.replace(",", "")))
        else:
            out.update(float(part) for part in token.split(","))
    return out


def _states(text: str, number: float) -> bool:
    # "an hour", "every hour": a unit named alone states 1.
    return number in stated_numbers(text) or (number == 1 and not re.search(r"\d", text))


def _written(bullet, lang: str) -> str | None:
    # The bullet's own words in `lang`: a stale English (the Hebrew changed since a revised
    # import) still translates the Hebrew its facts were stated in; a missing one is None.
    return getattr(bullet, lang)


def check_facts(facts: list[tuple[str, str, Fact]], bullets: Bullets, reserved: set[str]) -> list[str]:
    """Problems with facts as `file: place: message`.

    `facts` holds (file, place, fact); `reserved` holds ids a fact may not take
    (bullet anchors). A source that names no bullet is the references' check's
    to report (`Bullets.check`), once; here its words are checked.
    """
    problems: list[str] = []
    problems += duplicates([(name, f"{place}.id", fact.id) for name, place, fact in facts], "fact id")
    for name, place, fact in facts:
        if fact.id in reserved:
            problems.append(f"{name}: {place}.id: '{fact.id}' is already a bullet's anchor; fact ids must differ")
        for j, source in enumerate(fact.sources):
            where = f"{name}: {place}.sources[{j}]"
            bullet = bullets.get(source)
            if bullet is None:
                continue  # reported where the references are checked
            for lang in CODES:
                stated, words = source.text[lang], _written(bullet, lang)
                if words is None:
                    continue  # not translated yet: listed as unfinished, nothing to compare
                if stated not in words:
                    problems.append(f"{where}.stated: '{stated}' is not in the bullet's {lang} text: '{words}'")
                    continue
                for number in fact.numbers():
                    if not _states(stated, number):
                        problems.append(f"{where}.stated: '{stated}' does not state {number:g} ({lang})")
                for word in fact.names + ([fact.plan] if fact.kind == "plan-requirement" else []):
                    if word.lower() not in stated.lower():
                        problems.append(f"{where}.stated: '{stated}' does not name '{word}' ({lang})")
    return problems


# ---------------------------------------------------------------------------
# Conflicts
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Conflict:
    """Two facts that measure the same thing, for compatible plans, with different values."""

    first: Fact
    second: Fact


def conflicts(facts: list[Fact]) -> list[Conflict]:
    """Every pair of disagreeing statements, in data order.

    Only numbers compete: two auth methods or signature schemes named for one
    platform complete each other, and "varies by plan" states no value.
    """
    # Only facts of one metric can disagree: compare within each metric's group
    # (pairs across the whole catalog grew with its square).
    numeric = [f for f in facts if f.value is not None or f.steps]
    groups: dict[tuple, list[tuple[int, Fact]]] = {}
    for i, f in enumerate(numeric):
        groups.setdefault(f.metric(), []).append((i, f))
    pairs = []
    for group in groups.values():
        for k, (i, a) in enumerate(group):
            for j, b in group[k + 1:]:
                compatible_plans = a.plan is None or b.plan is None or a.plan == b.plan
                if compatible_plans and not a.agrees_with(b):
                    pairs.append((i, j, Conflict(a, b)))
    return [c for _, _, c in sorted(pairs, key=lambda p: p[:2])]


# ---------------------------------------------------------------------------
# Windows: a rate's `per` must be the one its words state
# ---------------------------------------------------------------------------

# How the research names a window's unit, in either language (Hebrew with its
# prefix letters: ליום, לדקה, בשעה). Single letters count only right after a
# number (10s, 24h).
_WINDOW_WORDS = {
    "second": r"seconds?|secs?|שניות|שנייה|שניה",
    "minute": r"minutes?|mins?|דקות|דקה",
    "hour": r"hours?|hourly|hrs?|שעות|שעה",
    "day": r"days?|daily|ימים|יום|יומי|יומית",
    "month": r"months?|monthly|חודשים|חודש|חודשי|חודשית",
}
_WINDOW_LETTERS = {"s": "second", "m": "minute", "h": "hour", "d": "day"}
_WINDOW = re.compile(
    r"(?:(?P<amount>\d+(?:\.\d+)?)\s*-?\s*)?"                        # the amount, when stated: 10 seconds, 24h
    r"(?<![A-Za-z\u05d0-\u05ea])(?P<prefix>[ובלהמכש]{0,2})"  # Hebrew prefix letters
    r"(?:" + "|".join(f"(?P<{unit}>{words})" for unit, words in _WINDOW_WORDS.items()) + r")"
    r"(?![A-Za-z\u05d0-\u05ea])"
    r"|(?P<short>\d+(?:\.\d+)?)(?P<letter>[smhd])(?![A-Za-z])")


def stated_windows(text: str) -> list[float]:
    """The windows a text names, in seconds: `/10s` 10, `per day` and `ליום` 86400, `/24h` 86400."""
    out = []
    for m in _WINDOW.finditer(text):
        if m["short"]:
            out.append(float(m["short"]) * SECONDS[_WINDOW_LETTERS[m["letter"]]])
            continue
        unit = next(u for u in _WINDOW_WORDS if m[u])
        # `10,000 ליום` is 10,000 per day: a number before a prefixed word is not its amount.
        amount = m["amount"] if m["amount"] and not m["prefix"] else 1
        out.append(float(amount) * SECONDS[unit])
    return out


def check_windows(facts: list[tuple[str, str, Fact]], bullets: Bullets) -> list[str]:
    """Each source of a fact with a window (`per`) names that window, in each
    language: in its stated words, or, when they name no window at all
    (`Tier 2 = 10,000`, the window said once for the list), in the bullet."""
    problems: list[str] = []
    for name, place, fact in facts:
        if fact.per is None:
            continue
        want = fact.per.seconds
        window = f"{fact.per.amount:g} {fact.per.unit}"
        for j, source in enumerate(fact.sources):
            bullet = bullets.get(source)
            if bullet is None:
                continue  # reported where the references are checked
            for lang in CODES:
                stated = source.text[lang]
                named = stated_windows(stated)
                if named and want not in named:
                    problems.append(f"{name}: {place}.per: {window}, but sources[{j}] states "
                                    f"'{stated}' ({lang}): {_window_names(named)}")
                elif not named and want not in stated_windows(_written(bullet, lang) or ""):
                    problems.append(f"{name}: {place}.per: {window}, but neither sources[{j}].stated "
                                    f"'{stated}' nor its bullet names that window ({lang})")
    return problems


def _window_names(seconds: list[float]) -> str:
    def one(s: float) -> str:
        unit = max((u for u in ("second", "minute", "hour", "day") if s % SECONDS[u] == 0), key=SECONDS.get)
        n = s / SECONDS[unit]
        return f"{n:g} {unit}{'s' if n != 1 else ''}"
    return "a window of " + " or ".join(dict.fromkeys(one(s) for s in seconds))
