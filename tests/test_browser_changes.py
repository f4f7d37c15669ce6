"""Vendor changes in a real browser: "coming", "in N days", "this month" and the
past list follow the reader's own date (changes.js), not the build's."""

from __future__ import annotations

import datetime as dt

import pytest

from browser import launch, serve
from conftest import LANGS

# Chromium through Playwright: left out by `make quick`.
pytestmark = pytest.mark.browser

WORDS = {"en": {"in2": "in 2 days", "today": "today", "month": "this month"},
         "he": {"in2": "בעוד יומיים", "today": "היום", "month": "החודש"}}
SHOPIFY = "shopify-public-apps-expiring-tokens-required"  # 2027-01-01
QUICKBOOKS = "quickbooks-refresh-tokens-expire-restricted-scopes"  # 2027-02, a month


@pytest.fixture(scope="module")
def server(site):
    with serve(site) as base, launch() as browser:
        yield base, browser


@pytest.fixture
def browser(server):
    # One context per test, closed with its pages.
    base, b = server
    context = b.new_context(timezone_id="Asia/Jerusalem")
    yield base, context
    context.close()


def _at(browser, when: str, path: str):
    # The page as a reader sees it on `when`, their clock (changes.js is deferred:
    # it has run when the document is parsed).
    base, context = browser
    page = context.new_page()
    page.clock.set_fixed_time(dt.datetime.fromisoformat(when))
    page.goto(f"{base}/{path}", wait_until="domcontentloaded")
    return page


def _lists(page) -> dict[str, list[str]]:
    return page.evaluate("""() => Object.fromEntries(['coming', 'past'].map(k => [k,
        [...document.querySelectorAll(`ul.hb-changes[data-changes=${k}] > li`)].map(li => li.id)]))""")


def _badge(page, cid: str) -> str | None:
    return page.evaluate("""id => { const b = document.querySelector(`#${id} .hb-badge-coming`);
        return b.hidden ? null : b.textContent; }""", cid)


@pytest.mark.parametrize("lang", LANGS)
def test_coming_and_past_follow_the_readers_clock(browser, lang):
    words = WORDS[lang]
    path = LANGS[lang] + "changes/"
    before = _at(browser, "2026-12-30T09:00:00+02:00", path)
    assert _badge(before, SHOPIFY) == words["in2"]
    assert _lists(before)["coming"][0] == SHOPIFY
    on_the_day = _at(browser, "2027-01-01T23:30:00+02:00", path)  # late evening, the reader's own day
    assert _badge(on_the_day, SHOPIFY) == words["today"] and _lists(on_the_day)["coming"][0] == SHOPIFY
    after = _at(browser, "2027-01-02T00:10:00+02:00", path)
    lists = _lists(after)
    assert SHOPIFY not in lists["coming"] and lists["past"][0] == SHOPIFY  # the latest past change first
    assert _badge(after, SHOPIFY) is None
    assert not after.evaluate(f"document.getElementById('{SHOPIFY}').classList.contains('hb-change-coming')")
    # A change known to the month is "this month" through the month, and past after it.
    during = _at(browser, "2027-02-27T12:00:00+02:00", path)
    assert _badge(during, QUICKBOOKS) == words["month"] and QUICKBOOKS in _lists(during)["coming"]
    assert QUICKBOOKS in _lists(_at(browser, "2027-03-01T08:00:00+02:00", path))["past"]
    # Years on, nothing is coming: the page says so.
    late = _at(browser, "2031-01-01T08:00:00+02:00", path)
    assert _lists(late)["coming"] == [] and late.locator(".hb-changes-none").is_visible()
    assert not before.locator(".hb-changes-none").is_visible()
    # The calendar subscription link, made absolute for this address.
    href = before.locator("[data-hb-webcal] a").get_attribute("href")
    assert href.startswith("webcal://127.0.0.1:") and href.endswith(f"/{path}vendor-changes.ics")
    assert before.locator("[data-hb-webcal]").is_visible()


@pytest.mark.parametrize("lang", LANGS)
def test_a_pages_box_of_coming_changes_drops_what_has_passed(browser, catalog, lang):
    path = LANGS[lang] + "platforms/shopify/"
    before = _at(browser, "2026-12-30T09:00:00+02:00", path)
    box = before.locator(".hb-coming-changes")
    assert box.is_visible() and box.locator(f'li:has(a[href$="#{SHOPIFY}"])').is_visible()
    assert box.locator(f'li:has(a[href$="#{SHOPIFY}"]) .hb-badge-coming').text_content() == WORDS[lang]["in2"]
    shopify = [c for c in catalog.changes if "shopify" in c.platforms and c.day >= dt.date(2026, 12, 7)]
    after = _at(browser, "2027-01-02T09:00:00+02:00", path)
    if all(c.day <= dt.date(2027, 1, 1) for c in shopify):
        assert not after.locator(".hb-coming-changes").is_visible()
    else:
        assert not after.locator(f'.hb-coming-changes li:has(a[href$="#{SHOPIFY}"])').is_visible()
