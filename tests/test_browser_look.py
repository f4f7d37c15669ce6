"""The site's look in a real browser, as a reader meets it: the brand's colours
with readable text in both schemes, the site's name once in a phone's drawer,
wide tables given the screen, review badges that read at a glance, arrows and
flow diagrams in the reading direction, glossary tooltips on the screen."""

from __future__ import annotations

import re

import pytest


# Chromium through Playwright: left out by `make quick`.
pytestmark = pytest.mark.browser

LANGS = [("he", "", "rtl"), ("en", "en/", "ltr")]
SCHEMES = ["light", "dark"]
SITE_NAME = {"he": "מדריך שירותי האינטגרציה", "en": "Integration Services Handbook"}


@pytest.fixture(scope="module")
def browser(served):
    return served  # conftest.py: the served site and the browser


def _page(browser, width=1280, height=900, scheme="light", **kwargs):
    base, b = browser
    page = b.new_page(viewport={"width": width, "height": height}, color_scheme=scheme, **kwargs)
    page.base = base
    return page


# WCAG's relative luminance and contrast ratio, from computed `rgb()` colours.
def _rgb(css: str) -> tuple[float, ...]:
    values = [float(v) for v in re.findall(r"[\d.]+", css)]
    assert len(values) == 3 or (len(values) == 4 and values[3] == 1), f"not an opaque colour: {css}"
    return tuple(values[:3])


def _contrast(a: str, b: str) -> float:
    def lum(c):
        parts = [v / 255 for v in _rgb(c)]
        parts = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in parts]
        return 0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2]
    hi, lo = sorted([lum(a), lum(b)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_brand_replaces_the_stock_indigo_with_readable_text(browser, scheme):
    page = _page(browser, scheme=scheme)
    page.goto(f"{page.base}/en/")
    header = page.evaluate("""() => { const h = getComputedStyle(document.querySelector('.md-header'));
        return [h.backgroundColor, h.color]; }""")
    assert _rgb(header[0]) != (64, 81, 181), "the header is still Material's indigo"
    assert _contrast(*header) >= 4.5, header
    assert page.locator(".md-header img[src$='logo.svg']").is_visible()
    link, body = page.evaluate("""() => [getComputedStyle(document.querySelector('.md-typeset p a')).color,
        getComputedStyle(document.body).backgroundColor]""")
    assert _contrast(link, body) >= 4.5, (link, body)
    page.close()


@pytest.mark.parametrize("lang, prefix, direction", LANGS)
def test_a_phone_drawer_names_the_site_once_and_whole(browser, lang, prefix, direction):
    page = _page(browser, 390, 844)
    page.goto(f"{page.base}/{prefix}")
    page.click(".md-header label[for='__drawer']")
    drawer = page.locator(".md-sidebar--primary")
    drawer.locator(".md-nav__link").first.wait_for(state="visible")
    shown = drawer.evaluate("""d => [...d.querySelectorAll('.md-nav--primary > .md-nav__title, .md-nav--primary > .md-nav__list > .md-nav__item > .md-nav__link')]
        .filter(e => e.checkVisibility() && e.getBoundingClientRect().height > 0 && parseFloat(getComputedStyle(e).fontSize) > 0)
        .map(e => [e.innerText.trim(), e.scrollWidth <= e.clientWidth])""")
    names = [ok for text, ok in shown if text == SITE_NAME[lang]]
    assert names == [True], shown  # once, and not cut
    page.close()


@pytest.mark.parametrize("path", ["compare/auth/", "en/compare/rate-limits/", "review/", "en/changes/"])
def test_pages_of_wide_tables_take_a_laptop_screen(browser, path):
    page = _page(browser, 1280, 900)
    page.goto(f"{page.base}/{path}")
    assert page.evaluate("document.querySelector('.md-content').getBoundingClientRect().width") > 1000
    # A platform's name in a few lines, not a word a line.
    for link in page.locator("td.hb-col-platform a", has_text="Microsoft Graph (Outlook").all():
        assert link.evaluate("a => a.getClientRects().length") <= 2
    page.close()


def test_a_service_page_keeps_a_readable_column(browser):
    page = _page(browser, 1280, 900)
    page.goto(f"{page.base}/en/services/int-calendar/")
    assert page.evaluate("document.querySelector('.md-content').getBoundingClientRect().width") < 800
    page.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_fact_table_headings_align_with_their_columns_under_a_rule(browser, scheme):
    page = _page(browser, 1280, 900, scheme)
    page.goto(f"{page.base}/compare/auth/")
    th = page.locator("table.hb-fact-table thead th").first
    assert th.evaluate("e => getComputedStyle(e).textAlign") == "start"
    assert float(th.evaluate("e => getComputedStyle(e).borderBottomWidth").rstrip("px")) >= 1
    row = page.locator("table.hb-fact-table tbody tr").nth(1).locator("td").first
    assert float(row.evaluate("e => getComputedStyle(e).borderTopWidth").rstrip("px")) >= 1
    page.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_review_badges_are_filled_with_readable_text_a_colour_per_status(browser, scheme):
    page = _page(browser, 1280, 900, scheme)
    page.goto(f"{page.base}/en/review/")
    badges = page.evaluate("""() => { const seen = {};
        for (const b of document.querySelectorAll('.hb-review')) {
          const status = [...b.classList].find(c => c.startsWith('hb-review-')).slice(10);
          if (status in seen) continue;
          const s = getComputedStyle(b);
          seen[status] = [s.color, s.backgroundColor, parseFloat(s.fontSize) / parseFloat(getComputedStyle(b.parentElement).fontSize)];
        } return seen; }""")
    filled = {s: v for s, v in badges.items() if s != "unreviewed"}
    assert {"verified", "imprecise", "wrong", "guidance"} <= filled.keys(), badges
    for status, (color, background, size) in filled.items():
        assert _contrast(color, background) >= 4.5, (status, color, background)
        assert size >= 0.84, (status, size)
    fills = {status: background for status, (_, background, _) in filled.items()}
    assert fills["guidance"] not in {fills[s] for s in fills if s != "guidance"}, fills
    assert fills["verified"] != fills["imprecise"] != fills["wrong"]
    page.close()


def test_the_official_source_box_has_no_pencil(browser):
    page = _page(browser)
    page.goto(f"{page.base}/en/services/int-crm-marketing/")
    icon = page.evaluate("getComputedStyle(document.querySelector('details.hb-official > summary'), '::before').maskImage")
    pencil = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--md-admonition-icon--note')")
    assert "svg" in icon and pencil.strip() and icon != pencil.strip()
    page.close()


@pytest.mark.parametrize("lang, prefix, direction", LANGS)
def test_disclosure_arrows_point_along_the_reading_direction(browser, lang, prefix, direction):
    # The arrow is a right-pointing chevron: turned half a turn, it points left.
    page = _page(browser)
    page.goto(f"{page.base}/{prefix}services/int-crm-marketing/")
    summary = page.locator("details.hb-official:not([open]) > summary").first
    matrix = summary.evaluate("s => getComputedStyle(s, '::after').transform")
    a = 1.0 if matrix == "none" else float(re.findall(r"-?[\d.]+", matrix)[0])
    assert (a < 0) == (direction == "rtl"), matrix
    page.close()


@pytest.mark.parametrize("lang, prefix, direction", LANGS)
def test_flow_diagrams_run_in_the_reading_direction(browser, lang, prefix, direction):
    page = _page(browser)
    page.goto(f"{page.base}/{prefix}services/int-crm-marketing/")
    flows = page.evaluate("""() => [...document.querySelectorAll('.hb-one-way')].map(f => {
        const nodes = [...f.querySelectorAll('.hb-node')].map(n => n.getBoundingClientRect());
        return [nodes[0].left, nodes[nodes.length - 1].left, f.querySelector('.hb-arrow').textContent]; })""")
    assert flows
    for first, last, arrow in flows:
        if direction == "rtl":
            assert first > last and arrow == "⟵"
        else:
            assert first < last and arrow == "⟶"
    page.close()


@pytest.mark.parametrize("lang, prefix, direction", LANGS)
def test_a_wrapped_flow_on_a_phone_leaves_no_arrow_pointing_at_nothing(browser, lang, prefix, direction):
    page = _page(browser, 320, 800)
    page.goto(f"{page.base}/{prefix}services/int-crm-marketing/")
    arrows = page.evaluate("""() => [...document.querySelectorAll('.hb-flow .hb-arrow')].map(a => {
        const r = a.getBoundingClientRect(), n = a.nextElementSibling.getBoundingClientRect();
        return Math.abs((r.top + r.bottom) / 2 - (n.top + n.bottom) / 2); })""")
    assert arrows and max(arrows) < 4, arrows  # each arrow on the line of the system it points at
    page.close()


@pytest.mark.parametrize("lang, prefix, direction", LANGS)
def test_a_phone_keeps_glossary_tooltips_on_the_screen(browser, lang, prefix, direction):
    page = _page(browser, 390, 844, is_mobile=True, has_touch=True)
    page.goto(f"{page.base}/{prefix}services/int-crm-marketing/")
    result = page.evaluate("""() => { const off = []; let shown = 0;
        for (const t of document.querySelectorAll('abbr.hb-term')) {
          if (!t.checkVisibility()) continue;
          t.scrollIntoView({block: 'end'});
          t.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
          const tip = document.querySelector('.hb-tooltip');
          if (!tip) continue;
          shown++;
          const r = tip.getBoundingClientRect(), v = visualViewport;
          if (r.left < 0 || r.right > v.width || r.top < 0 || r.bottom > v.height)
            off.push([t.textContent, Math.round(r.left), Math.round(r.right), Math.round(r.top), Math.round(r.bottom)]);
          document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'}));
        } return [shown, off]; }""")
    shown, off = result
    assert shown > 20 and not off, off
    page.close()


@pytest.mark.parametrize("lang, prefix, direction", LANGS)
def test_hebrew_headings_are_not_thin(browser, lang, prefix, direction):
    page = _page(browser)
    page.goto(f"{page.base}/{prefix}glossary/")
    weight, color, body = page.evaluate("""() => { const h = getComputedStyle(document.querySelector('.md-typeset h1'));
        return [parseInt(h.fontWeight), h.color, getComputedStyle(document.querySelector('.md-typeset p')).color]; }""")
    assert weight >= (600 if lang == "he" else 400)
    assert color == body  # the text's own colour, not the theme's faded grey
    page.close()
