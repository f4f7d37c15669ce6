"""What readers type beside what the site writes: the search's vocabulary, from the catalog.

The site writes `HubSpot`, `per day`, `Timeout`; a consultant types `הובספוט`,
`daily`, `יומי`, `תוקף`. This module gives the search index (searchindex.py) the
other words for what an entry holds, in both languages (a reader types either,
on either site):
- a platform's spellings (`data/platforms.yaml`, `spellings`), for every entry that
  names the platform, and in a fact row's platform field (so that "שופיפיי קצב"
  ranks Shopify's rows first);
- a fact row's windows (`day` -> daily, per day, יומי, ביום...), from the answer's
  figures and the research's, and its kind (`timeout` -> time out, זמן קצוב...).
The words are search keys: found, never shown. It knows nothing of MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .catalog import Catalog
from .facttables import FactBook, FactRow
from .figures import SECONDS

# The words for a window, as readers type them in either language (a rate's `per`).
WINDOW_WORDS: dict[str, tuple[str, ...]] = {
    "second": ("per second", "a second", "each second", "לשנייה", "בשנייה", "שנייה"),
    "minute": ("per minute", "a minute", "each minute", "rpm", "לדקה", "בדקה", "דקה"),
    "hour": ("hourly", "per hour", "an hour", "לשעה", "בשעה", "שעה", "שעתי", "שעתית"),
    "day": ("daily", "per day", "a day", "each day", "24 hours", "יומי", "יומית", "ביום", "ליום", "יום", "יממה",
            "24 שעות"),
    "month": ("monthly", "per month", "a month", "חודשי", "חודשית", "בחודש", "לחודש", "חודש"),
}
# The words for a duration's unit (a timeout of 10 seconds, a token valid 60 days).
UNIT_WORDS: dict[str, tuple[str, ...]] = {
    "second": ("seconds", "sec", "secs", "שניות", "שנייה"),
    "minute": ("minutes", "min", "mins", "דקות", "דקה"),
    "hour": ("hours", "שעות", "שעה"),
    "day": ("days", "ימים", "יום"),
    "month": ("months", "חודשים", "חודש"),
    "year": ("years", "שנים", "שנה"),
}
# The words for a kind of fact, beyond its name in the string table (which the row already says).
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "rate-limit": ("rate limit", "rate limits", "limit", "limits", "quota", "quotas", "throttle", "throttling",
                   "requests", "calls", "api calls", "מגבלה", "מגבלות", "מגבלת קצב", "הגבלה", "מכסה", "קצב",
                   "בקשות", "קריאות"),
    "token-lifetime": ("expiry", "expires", "expiration", "expire", "lifetime", "ttl", "valid", "validity",
                       "תוקף", "פג", "פגה", "פגים", "תפוגה", "טוקן", "אסימון"),
    "size-limit": ("size", "max size", "payload", "file size", "גודל", "נפח", "גודל מקסימלי"),
    "timeout": ("timeout", "time out", "timeouts", "response time", "wait", "זמן קצוב", "טיימאוט", "טיים אאוט",
                "זמן תגובה", "המתנה"),
    "count-limit": ("limit", "maximum", "max", "how many", "מגבלה", "מקסימום", "כמה"),
    "plan-requirement": ("plan", "tier", "edition", "which plan", "חבילה", "מסלול", "תוכנית"),
    "approval-time": ("approval", "review time", "how long", "אישור", "זמן אישור", "כמה זמן"),
    "cost": ("price", "pricing", "cost", "fee", "מחיר", "עלות", "תמחור"),
    "backoff-schedule": ("retry", "retries", "backoff", "ניסיון חוזר", "ניסיונות חוזרים", "המתנה"),
    "auth-method": ("auth", "authentication", "login", "credentials", "אימות", "הזדהות", "הרשאה"),
    "webhook-signature": ("signature", "signing", "verify", "hmac", "חתימה", "אימות חתימה"),
    "time-window": ("window", "period", "חלון", "פרק זמן"),
    "threshold": ("threshold", "alert", "סף", "התראה"),
}


# The words for a fact about webhooks (the glossary's aliases reach only the text that writes "webhook").
WEBHOOK_WORDS = ("webhook", "webhooks", "וובהוק", "וובהוקס", "וובהוקים")
# An entry that names more platforms than this is a list of them (spellings_in).
FEW = 4


@dataclass(frozen=True)
class Vocabulary:
    """The other words of a catalog: a platform's spellings where its name is written, a fact row's."""

    spellings: dict[str, tuple[str, ...]]  # a platform's written name, lower case -> its spellings
    facts: dict[str, str]  # fact id -> the words for its windows, units and kind
    _names: re.Pattern

    def spellings_in(self, text: str) -> list[str]:
        """The spellings of every platform whose name `text` writes (HubSpot -> הובספוט...), when it
        names a few: a text that names many (the platforms index, a comparison) is a list of
        them, about none; the pages of those it lists are found by their spellings."""
        found = dict.fromkeys(m[0].lower() for m in self._names.finditer(text))
        if len({self.spellings[name] for name in found}) > FEW:
            return []
        return [s for name in found for s in self.spellings.get(name, ())]

    def platform(self, name: str) -> str:
        """A fact row's platform field: its name, then its spellings."""
        return " ".join((name, *self.spellings.get(name.lower(), ())))


def vocabulary(catalog: Catalog) -> Vocabulary:
    """The vocabulary of `catalog`: its platforms' spellings, its fact rows' words."""
    spellings: dict[str, tuple[str, ...]] = {}
    for p in catalog.platforms.values():
        for name in {p.name.he, p.name.en, *p.research_names}:
            spellings[name.lower()] = tuple(dict.fromkeys((*spellings.get(name.lower(), ()), *p.spellings)))
    # Longest first, whole words: `Zoho CRM` before `Zoho`; `Kong` never inside another word.
    names = sorted(spellings, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])", re.I) if names \
        else re.compile(r"(?!)")
    facts = {row.id: " ".join(_row_words(row)) for row in FactBook(catalog).rows}
    return Vocabulary(spellings, facts, pattern)


def _row_words(row: FactRow) -> list[str]:
    # The row's kind, and each window and duration unit of its answer and of the research's figure.
    words = list(KIND_WORDS.get(row.fact.kind, ()))
    if row.fact.webhooks:
        words += WEBHOOK_WORDS
    for quantity in (row.fact, *(a.quantity for a in row.answer)):
        per = getattr(quantity, "per", None)
        if per is not None:
            words += WINDOW_WORDS.get(per.unit, ())
        unit = getattr(quantity, "unit", None)
        if per is None and unit in SECONDS:
            words += UNIT_WORDS.get(unit, ())
    return list(dict.fromkeys(words))
