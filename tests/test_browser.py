"""What a person sees in a real browser (Debian's Chromium through Playwright)."""

from __future__ import annotations

import pytest

from browser import launch, serve


@pytest.fixture(scope="module")
def browser_page(site):
    with serve(site) as base, launch() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        requests: list[str] = []
        failures: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("response", lambda r: r.status >= 400 and failures.append(f"{r.status} {r.url}"))
        page.failures = failures
        yield base, page, requests


def test_hebrew_page_reads_right_to_left_in_a_hebrew_font(browser_page):
    base, page, _ = browser_page
    page.goto(f"{base}/services/int-crm-marketing/")
    page.evaluate("document.fonts.ready")
    assert page.evaluate("getComputedStyle(document.querySelector('article')).direction") == "rtl"
    # The Hebrew face of the site's own font was loaded and renders the text.
    faces = page.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family + ' ' + f.unicodeRange)")
    assert any("Heebo" in f and "U+590-5FF" in f.upper() for f in faces), faces
    assert page.evaluate("getComputedStyle(document.querySelector('article p')).fontFamily").startswith('Heebo')
    # The first section's heading is at the right edge of the content column.
    box = page.locator("#technical-requirements").bounding_box()
    article = page.locator("article").bounding_box()
    assert abs((box["x"] + box["width"]) - (article["x"] + article["width"])) < 40


def test_language_switcher_goes_to_the_same_page_and_back(browser_page):
    base, page, _ = browser_page
    page.goto(f"{base}/services/int-crm-marketing/")
    page.locator(".md-select").first.hover()
    page.locator('a.md-select__link[hreflang="en"]').click()
    page.wait_for_url(f"{base}/en/services/int-crm-marketing/")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.evaluate("getComputedStyle(document.querySelector('article')).direction") == "ltr"
    page.locator(".md-select").first.hover()
    page.locator('a.md-select__link[hreflang="he"]').click()
    page.wait_for_url(f"{base}/services/int-crm-marketing/")


def test_an_item_link_opens_at_the_item(browser_page):
    base, page, _ = browser_page
    page.goto(f"{base}/en/services/int-crm-marketing/#hubspot-rate-limit")
    item = page.locator("#hubspot-rate-limit")
    assert item.is_visible()
    assert page.evaluate("document.querySelector(':target').id") == "hubspot-rate-limit"
    top = item.bounding_box()["y"]
    assert 0 <= top < 300


def test_no_request_leaves_the_site_or_fails(browser_page):
    base, page, requests = browser_page
    for path in ("", "en/", "services/", "takeaways/", "en/services/whatsapp-api-setup/"):
        page.goto(f"{base}/{path}")
        page.wait_for_load_state("networkidle")
    outside = [u for u in requests if not u.startswith(base) and not u.startswith("data:")]
    assert not outside, outside
    assert not page.failures, page.failures  # and nothing it asks for is missing
