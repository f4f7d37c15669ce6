"""Sorting and filtering the fact tables in a real browser (Debian's Chromium)."""

from __future__ import annotations

import pytest


# Chromium through Playwright: left out by `make quick`.
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser(served):
    return served  # conftest.py: the served site and the browser


def _pages_with(site, marker: str) -> list[str]:
    """The URLs (from the site's root) of the built pages whose HTML holds `marker`."""
    return sorted({p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")
                   if marker in p.read_text(encoding="utf-8")})


def _ids(page, table="#table-rate-limits"):
    return page.eval_on_selector_all(f"{table} tbody tr:not([hidden])", "rows => rows.map(r => r.id)")


def test_sort_by_the_answer_with_the_keyboard(browser):
    base, b = browser
    page = b.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/en/compare/rate-limits/")
    header = page.locator("#table-rate-limits th.hb-col-answer")
    assert header.get_attribute("aria-sort") is None
    header.locator("button").focus()
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "ascending"
    ids = _ids(page)
    # The official figure's rate sorts the rows: Freshdesk's free plan (0 a minute) first.
    assert ids[0] == "freshdesk-rate-limit"
    values = [v for v in page.eval_on_selector_all(
        "#table-rate-limits tbody tr td.hb-col-answer", "cells => cells.map(c => c.dataset.sort)") if v]
    assert [float(v) for v in values] == sorted(float(v) for v in values)
    page.keyboard.press("Space")
    assert header.get_attribute("aria-sort") == "descending"
    values = [float(v) for v in page.eval_on_selector_all(
        "#table-rate-limits tbody tr td.hb-col-answer[data-sort]", "cells => cells.map(c => c.dataset.sort)")]
    assert values == sorted(values, reverse=True)
    page.close()


def test_filter_by_plan(browser):
    # A plan keeps the rows with a figure for it and shows only that figure.
    base, b = browser
    page = b.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/en/compare/rate-limits/")
    page.get_by_label("Plan:").select_option(label="Freshdesk · Growth")
    ids = _ids(page)
    assert "freshdesk-rate-limit" in ids and "hubspot-burst-requests" not in ids
    shown = page.eval_on_selector_all("#freshdesk-rate-limit .hb-line:not([hidden]) .hb-figure",
                                      "l => l.map(x => x.textContent)")
    assert shown == ["200 calls per minute"]
    assert page.locator(".hb-filter output").first.inner_text().startswith(f"{len(ids)} / ")
    page.get_by_label("Plan:").select_option(value="")
    assert len(_ids(page)) == page.locator("#table-rate-limits tbody tr").count()
    page.close()


def test_filter_by_typing(browser):
    base, b = browser
    page = b.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/compare/rate-limits/")
    box = page.get_by_label("סינון השורות")
    box.fill("zoho")
    ids = _ids(page)
    # Zoho's three rows, and any other whose answer names Zoho (the general rate figures do).
    assert {"zoho-crm-calls-per-minute-free", "zoho-crm-calls-per-minute", "zoho-crm-calls-per-minute-paid"} <= set(ids)
    texts = page.eval_on_selector_all("#table-rate-limits tbody tr:not([hidden])", "r => r.map(x => x.textContent)")
    assert all("zoho" in t.lower() for t in texts)
    assert page.locator(".hb-filter output").inner_text().startswith(f"{len(ids)} / ")
    box.fill("")
    assert len(_ids(page)) == page.locator("#table-rate-limits tbody tr").count()
    page.close()


def test_without_javascript_the_table_reads_in_platform_order(browser):
    base, b = browser
    context = b.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}/en/compare/rate-limits/")
    # The filter keeps its place but is not shown: it would do nothing here.
    assert not page.locator(".hb-filter").first.is_visible()
    names = page.eval_on_selector_all("#table-rate-limits tbody td.hb-col-platform", "c => c.map(x => x.textContent)")
    platforms = [n for n in names if not n.startswith("Any system")]
    assert platforms == sorted(platforms, key=str.lower)
    assert names[-1].startswith("Any system")  # general statements after every platform
    context.close()


def test_a_row_link_opens_at_the_row(browser):
    base, b = browser
    page = b.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/en/compare/auth/#quickbooks-access-token-lifetime")
    assert page.evaluate("document.querySelector(':target').id") == "quickbooks-access-token-lifetime"
    assert 0 <= page.locator("#quickbooks-access-token-lifetime").bounding_box()["y"] < 300
    page.close()


@pytest.fixture(scope="module")
def tables(browser, site):
    """Every page with a table, opened once and measured three ways: on a 1280 px laptop, on a
    360 px phone and printed on A4 (about 720 px): what each way finds wrong, by its name."""
    base, b = browser
    pages = _pages_with(site, "<table")
    page = b.new_page(viewport={"width": 1280, "height": 800})
    found: dict[str, list[str]] = {"laptop": [], "phone": [], "paper": []}
    # The table boxes' widths with the reviews closed, then open (closed again after).
    laptop = """ws => {
        const measure = () => ws.map(w => [w.querySelector('table').id, w.clientWidth, w.scrollWidth]);
        const details = ws.flatMap(w => [...w.querySelectorAll('details')]);
        const closed = measure();
        details.forEach(d => d.open = true);
        const open = measure();
        details.forEach(d => d.open = false);
        return [closed, open];
    }"""
    phone = "ts => ts.map(t => [t.id || t.className, t.parentElement.clientWidth, t.parentElement.scrollWidth])"
    paper = "ts => ts.map(t => [t.id || t.className, Math.ceil(t.getBoundingClientRect().width)])"
    # Shown in a filter box on screen only.
    printed_filter = """() => [...document.querySelectorAll('.hb-filter')].some(f => {
        const r = f.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(f).visibility !== 'hidden';
    })"""
    for path in pages:
        page.goto("about:blank")  # the last page is not laid out again for the laptop before it goes
        page.set_viewport_size({"width": 1280, "height": 800})
        page.emulate_media(media="screen")
        page.goto(f"{base}/{path}")
        closed, opened = page.eval_on_selector_all(".hb-table-wrap", laptop)
        for (table, width, scroll), state in [*((m, "") for m in closed), *((m, ", reviews open") for m in opened)]:
            if scroll > width:
                found["laptop"].append(f"/{path}#{table}: {scroll} px in {width} px{state}")
        page.set_viewport_size({"width": 360, "height": 800})
        for table, width, scroll in page.eval_on_selector_all("article table", phone):
            if scroll > width:
                found["phone"].append(f"/{path} {table}: {scroll} px in {width} px")
        page.set_viewport_size({"width": 720, "height": 1000})
        page.emulate_media(media="print")
        width = page.evaluate("document.querySelector('article').clientWidth")
        for table, right in page.eval_on_selector_all("article table", paper):
            if right > width:
                found["paper"].append(f"/{path} {table}: {right} px on a {width} px page")
        if page.evaluate(printed_filter):
            found["paper"].append(f"/{path}: the filter is printed")
    page.close()
    return pages, found


def test_every_fact_table_fits_a_laptop_screen(tables):
    # On a 1280 px laptop, with the navigation beside the page, a consultant
    # reads a whole row, its review and its sources, without scrolling the table
    # sideways (a phone scrolls it in its own box). A review opens in place.
    pages, found = tables
    assert any(p.startswith("services/") for p in pages) and any(p.startswith("en/compare/") for p in pages)
    assert not found["laptop"], "\n".join(found["laptop"])


def test_every_table_reads_on_a_phone_without_scrolling_sideways(tables):
    # Facts, services and reviews are cards on a phone: nothing hides past the
    # screen's edge (in Hebrew, past its left edge).
    pages, found = tables
    assert len(pages) > 40 and not found["phone"], "\n".join(found["phone"])


def test_on_a_phone_a_fact_is_a_card_that_still_filters_and_sorts(browser):
    base, b = browser
    page = b.new_page(viewport={"width": 360, "height": 800}, is_mobile=True, has_touch=True)
    page.goto(f"{base}/en/compare/rate-limits/")
    row = page.locator("#hubspot-burst-requests")
    # The values that lose their column say what they are; empty ones are left out.
    assert row.locator("td.hb-col-answer").evaluate("td => getComputedStyle(td, '::before').content") == '"Figure to use: "'
    assert row.locator("td.hb-col-answer .hb-line").first.is_visible()
    assert row.bounding_box()["width"] <= 360
    page.get_by_label("Filter the rows").fill("zoho")
    assert not row.is_visible() and page.locator("#zoho-crm-calls-per-minute").is_visible()
    page.get_by_label("Filter the rows").fill("")
    page.locator("#table-rate-limits th.hb-col-answer button").tap()
    assert _ids(page)[0] == "freshdesk-rate-limit"
    page.close()


def test_every_table_prints_whole_on_a4(tables):
    # Paper does not scroll: a printed page (A4, about 720 px) shows every table
    # whole, as cards, without the filter and sort controls.
    pages, found = tables
    assert len(pages) > 40 and not found["paper"], "\n".join(found["paper"])
