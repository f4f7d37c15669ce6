"""Direction and dates as a Hebrew reader sees them, without a browser: the rules
of `hooks/handbook/bidi.py` on the research's own sentences, dates in the page's
language (`hooks/handbook/dates.py`), and what the built pages carry for them.
Glyph positions are measured in Chromium by tests/test_browser_bidi.py."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import LANGS
from handbook.dates import written


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("value, lang, shown", [
    (dt.date(2026, 11, 27), "he", "27 בנובמבר 2026"),
    ("2026-11-27", "en", "27 November 2026"),
    ("2027-02", "he", "פברואר 2027"),
    ("2027-02", "en", "February 2027"),
    (dt.date(2021, 8, 9), "he", "9 באוגוסט 2021"),
])
def test_a_date_is_written_in_the_readers_language(value, lang, shown):
    assert written(value, lang) == shown


@pytest.mark.parametrize("lang, checked, month", [
    ("he", "27 בנובמבר 2026", "פברואר 2027"), ("en", "27 November 2026", "February 2027")])
def test_pages_show_dates_in_their_language(html, lang, checked, month):
    times = [t for path in ("review/", "changes/", "compare/rate-limits/", "services/int-crm-marketing/")
             for t in html(LANGS[lang] + path).select("time")]
    assert times
    iso = [t.get_text() for t in times if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", t.get_text().strip())]
    assert not iso, iso[:5]
    shown = {t["datetime"]: t.get_text() for t in times}  # the machine's ISO date stays in the attribute
    assert shown.get("2026-11-27") == checked
    assert shown.get("2027-02") == month
