"""The limit finder (finder/) in a real browser: its filters, its address, and the
page without JavaScript."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import LANGS
from handbook.facttables import FactBook

# Chromium through Playwright: left out by `make quick`.
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser(served):
    return served  # conftest.py: the served site and the browser


@pytest.fixture(scope="module")
def book(catalog):
    return FactBook(catalog)


def _shown(page) -> list[str]:
    return page.eval_on_selector_all("#table-finder tbody tr:not([hidden])", "rows => rows.map(r => r.id)")


def _chip(page, name: str, value: str):
    return page.locator(f'form.hb-finder input[name="{name}"][value="{value}"]')


@pytest.mark.parametrize("lang", LANGS)
def test_a_filtered_view_is_a_link_that_opens_with_the_same_filters_and_rows(browser, book, lang):
    base, b = browser
    page = b.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/{LANGS[lang]}finder/")
    assert len(_shown(page)) == len(book.rows)
    # Two platforms (either one) and one kind (and it), by clicking the chips' labels.
    for name, value in (("platform", "hubspot"), ("platform", "xero"), ("kind", "rate-limit")):
        _chip(page, name, value).locator("xpath=..").click()
    # (A general fact whose figures are HubSpot's is among HubSpot's rows.)
    expected = [r.id for r in book.rows if {"hubspot", "xero"} & set(r.platform_keys) and r.fact.kind == "rate-limit"]
    assert expected and _shown(page) == expected
    count = page.locator("form.hb-finder output").text_content()
    assert count.startswith(f"{len(expected)} / {len(book.rows)} ")
    address = page.url
    assert parse_qs(urlsplit(address).query) == {"platform": ["hubspot", "xero"], "kind": ["rate-limit"]}
    assert page.locator(".hb-finder-link").get_attribute("href") == "?" + urlsplit(address).query
    # Sent to someone: a new page at that address shows the same rows, its chips checked.
    other = b.new_page(viewport={"width": 390, "height": 844})
    other.goto(address)
    assert _shown(other) == expected
    assert _chip(other, "platform", "hubspot").is_checked() and _chip(other, "kind", "rate-limit").is_checked()
    assert not _chip(other, "platform", "zendesk").is_checked()
    # Cleared, every row again, and a bare address.
    other.locator(".hb-finder-clear").click()
    assert len(_shown(other)) == len(book.rows) and urlsplit(other.url).query == ""
    page.close()
    other.close()


@pytest.mark.parametrize("lang", LANGS)
def test_a_plan_keeps_the_rows_with_a_figure_for_it_and_shows_only_those_figures(browser, book, lang):
    base, b = browser
    page = b.new_page(viewport={"width": 1280, "height": 900})
    # Written by hand, as in the brief: one platform, one kind, one plan; and words to look for.
    # (`plan=growth`, from before plans had their vendor, still chooses Freshdesk's Growth.)
    page.goto(f"{base}/{LANGS[lang]}finder/?platform=freshdesk&kind=rate-limit&plan=growth")
    assert _chip(page, "plan", "freshdesk.growth").is_checked()
    # A row stays with a figure for Growth or for every Freshdesk plan (plans.py's rule).
    expected = [r.id for r in book.finder().kept(["freshdesk.growth"])
                if "freshdesk" in r.platform_keys and r.fact.kind == "rate-limit"]
    assert expected[0] == "freshdesk-rate-limit" and "typical-requests-per-minute" in expected
    assert expected and _shown(page) == expected
    lines = page.eval_on_selector_all(f"#{expected[0]} .hb-line[data-plan]",
                                      "ls => ls.map(l => [l.getAttribute('data-plan'), !l.hidden])")
    assert [p for p, shown in lines if shown] == [p for p, _ in lines if p == "freshdesk.growth"]
    assert any(not shown for _, shown in lines)  # the other plans' figures are hidden
    # Several words: a row that holds any of them.
    page.goto(f"{base}/{LANGS[lang]}finder/?text=Zendesk+Xero")
    assert page.locator("#finder-text").input_value() == "Zendesk Xero"
    expected = [r.id for r in book.rows if {"zendesk", "xero"} & {r.fact.platform}]
    assert set(expected) <= set(_shown(page))
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_every_row_shows_in_the_reading_order(browser, book, lang):
    base, b = browser
    with b.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900}) as context:
        page = context.new_page()
        page.goto(f"{base}/{LANGS[lang]}finder/?platform=hubspot")
        assert _shown(page) == [r.id for r in book.rows]
        assert page.locator("#table-finder tbody tr").first.is_visible()
        assert not page.locator("form.hb-finder").is_visible()  # filters that cannot work are not offered
