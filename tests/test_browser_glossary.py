"""Glossary terms and takeaway markers in a real browser: the explanation shows
on hover and on keyboard focus, in the page's language and direction."""

from __future__ import annotations

import pytest

from browser import launch, serve, tab_to
from conftest import strip_isolates

# Chromium through Playwright: left out by `make quick`.
pytestmark = pytest.mark.browser

TOOLTIP = ".hb-tooltip"


@pytest.fixture(scope="module")
def page(site):
    with serve(site) as base, launch() as browser:
        p = browser.new_page(viewport={"width": 1280, "height": 900})
        p.base = base
        yield p


def _definition(catalog, term_id, lang):
    term = next(t for t in catalog.glossary.terms if t.id == term_id)
    return strip_isolates(catalog.glossary.tooltip(term, lang))


@pytest.mark.parametrize("lang, prefix, direction", [("he", "", "rtl"), ("en", "en/", "ltr")])
def test_hovering_a_term_shows_its_definition(page, catalog, lang, prefix, direction):
    page.goto(f"{page.base}/{prefix}services/int-complex/")
    term = page.locator("#dead-letter-queue abbr.hb-term", has_text="DLQ")
    term.hover()
    tooltip = page.locator(TOOLTIP)
    tooltip.wait_for(state="visible")
    assert strip_isolates(tooltip.inner_text().strip()) == _definition(catalog, "dead-letter-queue", lang)
    assert tooltip.evaluate("e => getComputedStyle(e).direction") == direction
    page.mouse.move(0, 0)
    tooltip.wait_for(state="detached")


@pytest.mark.parametrize("lang, prefix", [("he", ""), ("en", "en/")])
def test_a_term_is_reached_with_the_keyboard_and_explained_on_focus(page, catalog, lang, prefix):
    page.goto(f"{page.base}/{prefix}services/integration-simple/")
    # Start from the first section heading and press Tab until a term has focus.
    page.locator("#technical-requirements").evaluate("e => { e.tabIndex = -1; e.focus(); }")
    tab_to(page, "abbr.hb-term", "a glossary term")
    text = page.evaluate("document.activeElement.textContent")
    assert text == "API"  # the first term in the first bullet
    tooltip = page.locator(TOOLTIP)
    tooltip.wait_for(state="visible")
    assert strip_isolates(tooltip.inner_text().strip()) == _definition(catalog, "api", lang)
    # screen readers are told what the term means
    described = page.evaluate("document.getElementById(document.activeElement.getAttribute('aria-describedby')).textContent")
    assert strip_isolates(described.strip()) == _definition(catalog, "api", lang)


def test_a_takeaway_marker_leads_to_the_takeaway_and_back(page):
    page.goto(f"{page.base}/en/services/integration-simple/")
    page.locator("#exponential-backoff a.hb-mark").click()
    page.wait_for_url(f"{page.base}/en/takeaways/#exponential-backoff")
    assert page.evaluate("document.querySelector(':target').id") == "exponential-backoff"
    page.locator("#exponential-backoff .hb-applies a", has_text="1s, 2s, 4s, 8s").first.click()
    page.wait_for_url(f"{page.base}/en/services/integration-complex/#exponential-backoff")
    assert page.locator("#exponential-backoff").is_visible()
