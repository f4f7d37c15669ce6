"""Figures: a number with its unit and window, as the research or a vendor states it.

One shape for both sides of a fact: the research's `Fact` (facts.py) and a
review's official `Figure` (reviews.py) are both a `Quantity`: a value (one
number, a range, or unlimited), a unit and, for rates and quotas, the window
it counts over. Here, once, for both:

- what kind of figure it is (`measure`): a rate a client paces against (over
  less than a day, not zero) is normalized (per minute, per day, the 85% rate
  of the research's rule of thumb); a daily cap is not; a monthly quota, a
  concurrency limit, credits or cost points per window, unique recipients per
  24 hours, a duration, a size, a count are kinds of their own, shown as they
  are and compared only within their kind;
- the words a reader reads (`words`): durations in their natural unit
  (30 minutes, 1 hour, 100 days), sizes as stated (5 MB), counts grouped
  (10,000), windows spelled out ("100 requests per 10 seconds").

Raw fields are what authors write; everything else is computed.
"""

from __future__ import annotations

import math
from typing import Literal

from pydantic import Field, model_validator

from .models import Strict
from .languages import LANGUAGES
from .strings import STRINGS, unit_key

# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

# Counted over a window: a rate (normalized), or a quota, credits, cost points, recipients.
RATE_UNITS = ("request", "call", "message", "webhook", "batch request", "object")
POINT_UNITS = ("credit", "cost point")
RECIPIENT_UNITS = ("recipient",)
COUNTED = RATE_UNITS + POINT_UNITS + RECIPIENT_UNITS
CONCURRENCY_UNITS = ("concurrent request", "concurrent connection")
COUNT_UNITS = ("variable", "parameter", "character", "user", "connection", "app", "pending batch", "location",
               "currency")
DURATION_UNITS = ("second", "minute", "hour", "day", "month", "year")
SIZE_UNITS = ("KB", "MB", "GB")
OTHER_UNITS = ("USD", "percent", "multiple")

# Every unit, once: the groups above, in their order (the schema's enum).
Unit = Literal[COUNTED + CONCURRENCY_UNITS + COUNT_UNITS + DURATION_UNITS + SIZE_UNITS + OTHER_UNITS]  # type: ignore[valid-type]
WindowUnit = Literal["second", "minute", "hour", "day", "month"]

# A month is 30 days and a year 365, for normalizing only (a monthly quota is never normalized).
SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "month": 30 * 86400, "year": 365 * 86400}
# Binary units, as the platforms configure them (n8n's 16 MB is 16 MiB).
BYTES = {"KB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}

# The research's rule of thumb (no vendor publishes it): use 85% of a rate limit's capacity, not 100%.
HEADROOM = 0.85
# A rate over a window this long or longer is a quota (a daily cap, a free allowance before charges): a
# client does not pace against it, so it is not normalized per minute and gets no safe rate.
PACED_UNDER = 86400

# ---------------------------------------------------------------------------
# Raw shape
# ---------------------------------------------------------------------------


class Range(Strict):
    """A number as stated: one value (min = max), a range, or open ('25+' has no max)."""

    min: float | None = None
    max: float | None = None

    @model_validator(mode="before")
    @classmethod
    def _one_number(cls, value):
        # `value: 10` is the range 10-10.
        return {"min": value, "max": value} if isinstance(value, (int, float)) and not isinstance(value, bool) else value

    @model_validator(mode="after")
    def _ordered(self):
        if self.min is None and self.max is None:
            raise ValueError("a range needs min, max or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min} is above max {self.max}")
        # A rate, size, duration, count or cost is never below zero: a sign typed by mistake.
        negative = [n for n in self.numbers() if n < 0]
        if negative:
            raise ValueError(f"{number(negative[0])} is negative (a figure is never below zero)")
        return self

    def numbers(self) -> list[float]:
        return [n for n in dict.fromkeys((self.min, self.max)) if n is not None]

    def scaled(self, factor: float) -> "Range":
        return Range(min=None if self.min is None else self.min * factor,
                     max=None if self.max is None else self.max * factor)

    def contains(self, other: "Range") -> bool:
        """`other` lies within this range: a range does not disagree with its own endpoints."""
        lo = -math.inf if self.min is None else self.min
        hi = math.inf if self.max is None else self.max
        return all(lo <= n <= hi for n in other.numbers())


class Window(Strict):
    """The period a rate or quota counts over: `day`, or `{amount: 10, unit: second}`."""

    amount: float = Field(default=1, gt=0)
    unit: WindowUnit

    @model_validator(mode="before")
    @classmethod
    def _unit_only(cls, value):
        return {"unit": value} if isinstance(value, str) else value

    @property
    def seconds(self) -> float:
        return self.amount * SECONDS[self.unit]


def measure_of(unit: str | None, per: Window | None) -> str | None:
    """The kind of figure a unit and window make (None: no number)."""
    if unit is None:
        return None
    if per is not None:
        if unit in POINT_UNITS:
            return "points"
        if unit in RECIPIENT_UNITS:
            return "recipients"
        return "quota" if per.unit == "month" else "rate"
    if unit in CONCURRENCY_UNITS:
        return "concurrency"
    if unit in SECONDS:
        return "duration"
    if unit in BYTES:
        return "size"
    if unit == "USD":
        return "cost"
    if unit in ("percent", "multiple"):
        return unit
    return "count"


class Quantity(Strict):
    """A value in a unit, over a window where it is a rate or quota; computed views for readers."""

    value: Range | None = Field(default=None, description="The number(s), in `unit`; absent when not stated.")
    unit: Unit | None = None
    per: Window | None = Field(default=None, description="The window of a rate or quota.")

    def _quantity_problems(self) -> list[str]:
        problems = []
        if self.value is not None and self.unit is None:
            problems.append("a value needs its unit")
        if self.per is not None and self.unit not in COUNTED:
            problems.append(f"'per' needs a counted unit ({', '.join(COUNTED)})")
        return problems

    @property
    def measure(self) -> str | None:
        return measure_of(self.unit, self.per) if (self.value is not None or self.unlimited) else None

    @property
    def unlimited(self) -> bool:
        return False

    @property
    def formula(self) -> tuple[float, float] | None:
        """(base, per user) where the vendor gives the allowance as base + per user, up to `value`."""
        return None

    # -- normalized: only a rate over a time window ----------------------------

    def _rate(self, seconds: float) -> Range | None:
        if self.value is None or self.measure != "rate":
            return None
        return self.value.scaled(seconds / self.per.seconds)

    @property
    def paced(self) -> bool:
        """A rate a client paces against: counted over less than a day, and not zero (0 means no access)."""
        return (self.measure == "rate" and self.value is not None and self.per.seconds < PACED_UNDER
                and not self.no_access)

    @property
    def no_access(self) -> bool:
        """The vendor gives 0 per window: no API access at all, not a slow rate."""
        return self.measure == "rate" and self.value is not None and self.value.max == 0

    @property
    def per_minute(self) -> Range | None:
        return self._rate(60) if self.paced else None

    @property
    def per_day(self) -> Range | None:
        return self._rate(86400) if self.paced else None

    @property
    def safe_per_minute(self) -> Range | None:
        rate = self.per_minute
        return rate.scaled(HEADROOM) if rate else None

    @property
    def seconds(self) -> Range | None:
        if self.value is None or self.measure != "duration":
            return None
        return self.value.scaled(SECONDS[self.unit])

    @property
    def bytes(self) -> Range | None:
        return self.value.scaled(BYTES[self.unit]) if self.value and self.measure == "size" else None

    def normalized(self) -> tuple | None:
        """The value on one scale within its measure, for comparing two statements."""
        r = self._rate(60) or self.seconds or self.bytes or self.value
        if self.measure in ("points", "recipients", "quota") and self.value is not None:
            r = self.value.scaled(86400 / self.per.seconds) if self.measure != "quota" else self.value
        return None if r is None else (self.measure, r.min, r.max)

    def sort_key(self) -> float | None:
        """A machine sort key: anything counted over a window by its amount per minute (for ordering
        only, never shown: a monthly quota is not a rate), durations in seconds, sizes in bytes."""
        r = self.seconds or self.bytes or self.value
        if self.per is not None and self.value is not None:
            r = self.value.scaled(60 / self.per.seconds)
        if r is None:
            return math.inf if self.unlimited else None
        return r.min if r.min is not None else r.max


# ---------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------

# A unit's words are in the string table (strings.py: `unit_one_<unit>`, `unit_other_<unit>`,
# `unit_exactly_one_<unit>`); here, every word of each unit in every language, for the
# modules that look for them in text (bidi.py: a Hebrew unit word after a number).
UNIT_WORDS: dict[str, tuple[str, ...]] = {
    unit: tuple(STRINGS[lang.code][f"unit_{form}_{unit_key(unit)}"] for lang in LANGUAGES for form in ("one", "other"))
    for unit in COUNTED + CONCURRENCY_UNITS + COUNT_UNITS + DURATION_UNITS + ("multiple",)
}


def number(x: float) -> str:
    """A number for reading: grouped, exact when short, else rounded with ≈."""
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


def unit_word(unit: str, lang: str, many: bool) -> str:
    return STRINGS[lang][f"unit_{'other' if many else 'one'}_{unit_key(unit)}"]


def _natural(value: Range, unit: str) -> tuple[Range, str]:
    # Seconds, minutes and hours that make whole larger units read in those (3,600 seconds: 1 hour).
    if unit not in ("second", "minute", "hour"):
        return value, unit
    seconds = value.scaled(SECONDS[unit])
    for larger in ("day", "hour", "minute"):
        if SECONDS[larger] <= SECONDS[unit]:
            continue
        whole = all(n % SECONDS[larger] == 0 for n in seconds.numbers())
        if whole and larger != "day" or whole and all(n >= 2 * 86400 for n in seconds.numbers()):
            return seconds.scaled(1 / SECONDS[larger]), larger
    return value, unit


def window_words(per: Window, lang: str) -> str:
    if per.amount == 1:
        return STRINGS[lang]["per_" + per.unit]
    return STRINGS[lang]["per_many"].format(n=number(per.amount), units=unit_word(per.unit, lang, True))


def words(q: Quantity, lang: str) -> str:
    """The figure as a reader reads it: '100 requests per 10 seconds', '1 hour', '5 MB', '10,000 users'."""
    if q.unit is None or (q.value is None and not q.unlimited):
        return ""
    value, unit = (q.value, q.unit) if q.value is None else _natural(q.value, q.unit)
    if q.no_access:
        return STRINGS[lang]["no_api_access"]
    if q.formula:
        # The vendor's formula first, then its ceiling: "50,000 + 250 per user, up to 100,000 API credits".
        base, per_user = q.formula
        cap = STRINGS[lang]["formula_no_cap"] if q.unlimited else \
            STRINGS[lang]["formula_cap"].format(cap=number(value.max))
        window = " " + window_words(q.per, lang) if q.per is not None else ""
        return STRINGS[lang]["formula"].format(base=number(base), per_user=number(per_user), cap=cap,
                                               units=unit_word(unit, lang, True), window=window)
    if q.unlimited:
        amount = STRINGS[lang]["unlimited"]
        text = STRINGS[lang]["unlimited_units"].format(amount=amount, units=unit_word(unit, lang, True)) \
            if unit in UNIT_WORDS else amount
    elif unit in BYTES or unit == "USD":
        text = f"{span(value)} {unit}" if unit in BYTES else f"{span(value)} USD"
    elif unit == "percent":
        text = f"{span(value)}%"
    elif unit == "multiple":
        text = f"{span(value)}×"
    else:
        if value.min == value.max == 1:
            text = STRINGS[lang]["unit_exactly_one_" + unit_key(unit)]  # "1 hour", "שעה", "פרמטר אחד"
        else:
            text = f"{span(value)} {unit_word(unit, lang, True)}"
    if q.per is not None:
        text += " " + window_words(q.per, lang)
    return text
