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
    # The machine's ISO date stays in the attribute; a table's narrow column writes the month short.
    shown = {}
    for t in times:
        shown.setdefault(t["datetime"], set()).add(t.get_text())
    assert checked in shown.get("2026-11-27", set())
    assert shown.get("2027-02") == {month}


# ---------------------------------------------------------------------------
# Direction rules (bidi.py), on the research's and the reviews' sentences
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("text, isolated", [
    # Sentence punctuation after a Latin word or a number stays in the Hebrew sentence...
    ("Freshdesk: Growth 200, Pro 400, Enterprise 700, כל טריאל 50. המאמרים", ["Freshdesk", "Growth 200, Pro 400, Enterprise 700", "50"]),
    ("בין Pro ל-Enterprise. בחבילת Free אין גישה ל-API.", ["Pro", "Enterprise", "Free", "API"]),
    ("ולא RFC.", ["RFC"]),
    ("(רק HTTPS!)", ["HTTPS"]),
    ("(צריך auto-refresh!)", ["auto-refresh"]),
    # ...unless Latin text follows it.
    ("Sprout, Blossom, Garden, Estate ו-Forest.", ["Sprout, Blossom, Garden, Estate", "Forest"]),
    # A run ends at ": " and "; ": the number stays with its own words.
    ("webhooks של workflows ב-HubSpot: 3 שניות", ["webhooks", "workflows", "HubSpot", "3"]),
    ("(GitHub Enterprise Server: 30 שניות)", ["GitHub Enterprise Server", "30"]),
    ("מ-9 באוגוסט 2021: Free, Growth, Pro", ["9", "2021", "Free, Growth, Pro"]),
    ("Free 5,000; Standard 50,000 + 250 לכל משתמש", ["Free 5,000", "Standard 50,000 + 250"]),
    # A leading "/" or "." joins its word.
    ("גרסאות /v1/, /v2/ ו-/v3/", ["/v1/, /v2/", "/v3/"]),
    ("ה-.Shared שלו", [".Shared"]),
    ("הרשאת .../auth/calendar.events", [".../auth/calendar.events"]),
    # A number that ends a Latin run is read with its Hebrew unit, beside it.
    ("פרטית: Free/Starter 100 בקשות לכל 10 שניות", ["Free/Starter", "100", "10"]),
    # A quotation stays whole, its colon inside it.
    ('יש "24-hour window": אחרי 24h', ['"24-hour window"', "24h"]),
])
def test_runs_follow_the_direction_rules(text, isolated):
    from handbook.bidi import runs

    parts = runs(text, "rtl")
    assert "".join(p for _, p in parts) == text  # nothing lost or reordered
    assert [p for d, p in parts if d == "ltr"] == isolated


def test_display_keeps_numbers_with_units_and_hyphened_words_together():
    from handbook.bidi import NBSP, display

    shown = display("Standard 50,000 + 250 לכל משתמש; ב-HubSpot: 3 שניות", "rtl")
    assert ("ltr", f"Standard 50,000{NBSP}+{NBSP}250") in shown
    assert (None, f"{NBSP}שניות") in shown  # "3 שניות" never breaks
    at = shown.index(("ltr", "HubSpot"))
    assert shown[at - 2:at + 2] == (("join", ""), (None, "ב-"), ("ltr", "HubSpot"), ("end", ""))
    title = display("אינטגרציית CRM-חשבונאות", "rtl")
    assert title[1:] == (("join", ""), ("ltr", "CRM"), (None, "-חשבונאות"), ("end", ""))
    # A short English aside in a narrow cell on a phone: "(Rate" / "limit)" no more.
    assert display("מגבלת קצב או מכסה (Rate limit)", "rtl")[1:] == (("join", ""), ("ltr", "(Rate limit)"), ("end", ""))


def test_arrows_in_hebrew_text_are_marked_for_display_only():
    from handbook.bidi import display, runs

    text = "eCommerce → Accounting: הזמנה → חשבונית באוטומציה"
    shown = display(text, "rtl")
    assert ("arrow", "→") in shown and ("ltr", "eCommerce → Accounting") in shown  # a Latin run's arrow reads LTR
    assert "".join(p for _, p in runs(text, "rtl")) == text


def test_plain_text_marks_hold_runs_the_browser_would_reorder():
    from handbook.bidi import marked

    assert marked("37. אינטגרציה מורכבת (3+ מערכות)", "rtl") == "37. אינטגרציה מורכבת (\u200e3+\u200e\u200f מערכות)"
    assert marked("אינטגרציית CRM-Marketing", "rtl") == "אינטגרציית CRM-Marketing"  # letters keep their order


@pytest.mark.parametrize("text, direction, own", [
    ("Webhook signature verification (HMAC-SHA256)", "rtl", "ltr"),
    ("OAuth 2.0 לשתי המערכות", "rtl", None),
    ("registration number (ח.פ.)", "ltr", None),
])
def test_text_wholly_in_the_other_script_sets_its_own_direction(text, direction, own):
    from handbook.bidi import own_direction

    assert own_direction(text, direction) == own


# ---------------------------------------------------------------------------
# In the built pages
# ---------------------------------------------------------------------------


def test_an_english_bullet_on_a_hebrew_page_sets_its_own_direction(html, catalog):
    english = [(s.id, b.id) for s in catalog.services for _, b in s.bullets() if not re.search("[\u0590-\u05FF]", b.he)]
    assert english, "no wholly English bullet in the research"
    for service, bullet in english:
        li = html(f"services/{service}/").select_one(f"li#{bullet}")
        assert li.get("dir") == "ltr", f"services/{service}/#{bullet}"
        # Its review notes stay Hebrew, right to left.
        assert all(n.get("dir") == "rtl" for n in li.select(".hb-official"))
    # ...and a Hebrew one takes the page's.
    service, bullet = next((s.id, b.id) for s in catalog.services for _, b in s.bullets() if re.search("[\u0590-\u05FF]", b.he))
    assert html(f"services/{service}/").select_one(f"li#{bullet}").get("dir") is None


def test_arrows_between_hebrew_words_are_drawn_in_reading_direction(html):
    li = html("services/int-ecommerce/").select_one("li#ecommerce-to-crm-new-order")
    mirrored = li.select(".hb-text .hb-mirrored")
    assert [(m.get_text(), m["data-mirror"]) for m in mirrored] == [("→", "←")]  # the research's character, drawn mirrored
    assert li.select_one(".hb-text span[dir=ltr]").get_text() == "eCommerce → CRM"


def test_n_plus_reads_one_way_in_heading_and_title(html):
    page = html("services/integration-complex/")
    assert "3+" in [s.get_text() for s in page.select("h1 span[dir=ltr]")]  # the heading isolates it
    assert "\u200e3+\u200e\u200f" in page.title.get_text()  # the tab, navigation and header: direction marks
