"""Dates as the reader's language writes them: "27 בנובמבר 2026" on Hebrew pages,
"27 November 2026" on English ones, "פברואר 2027" / "February 2027" for a month.

The one place a date becomes words (the templates' `date` filter); Babel's
locale data writes them, never a pattern of our own. The `datetime` attribute
beside it keeps the ISO date for machines; exports (CSV, JSON, feeds) keep ISO.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date, format_skeleton

from .languages import BY_CODE


@lru_cache(maxsize=1 << 12)  # a catalog has few dates, each written on many pages: Babel writes it once
def written(value: dt.date | str, lang: str, width: str = "long") -> str:
    """`value` (a date, or "YYYY-MM-DD", or "YYYY-MM" for a month alone) in `lang`'s words;
    `width="medium"` for a narrow column ("2 Dec 2026": a month's full name cannot wrap)."""
    locale = BY_CODE[lang].date_locale
    if isinstance(value, str) and len(value) == 7:  # a month: the vendor gave no day
        return format_skeleton("yMMMM", dt.date.fromisoformat(value + "-01"), locale=locale)
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return format_date(day, width, locale=locale)
