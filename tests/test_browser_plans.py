"""The plan filter in a real browser: over every table and every plan it offers, the rows
the tables (tables.js) and the finder (finder.js) keep are the rows the Python rule keeps
(plans.py), so the tables and the finder agree; and an empty result says so and offers a
way back. One browser for the whole file."""

from __future__ import annotations

import pytest

from conftest import LANGS
from handbook.facttables import FactBook
from test_plans import tables

# Chromium through Playwright: left out by `make quick`.
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser(served):
    return served  # conftest.py: the served site and the browser


def _shown(page, table_id: str) -> list[str]:
    return page.eval_on_selector_all(f"#table-{table_id} tbody tr:not([hidden])", "rows => rows.map(r => r.id)")


def _shown_lines(page, table_id: str) -> dict[str, list[str]]:
    return page.eval_on_selector_all(
        f"#table-{table_id} tbody tr:not([hidden])",
        "rows => Object.fromEntries(rows.map(r => [r.id, Array.from("
        "r.querySelectorAll('td.hb-col-answer .hb-line:not([hidden]) .hb-figure')).map(f => f.textContent)]))")


def html_has_select(site, lang, path, table_id) -> bool:
    # The plan's select is in the page as built (the script only shows it).
    return f'id="table-{table_id}-plan"' in (site / f"{LANGS[lang]}{path}" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_every_table_and_the_finder_keep_the_same_rows_for_every_plan(browser, site, catalog, lang):
    base, b = browser
    book = FactBook(catalog)
    page = b.new_page(viewport={"width": 1280, "height": 900})
    finder_rows: dict[str, list[str]] = {}
    finder = book.finder()
    # The finder opened with a plan in its address, then each plan's chip chosen alone, as a reader does.
    plans = [key for key, _ in finder.plans(lang)]
    page.goto(f"{base}/{LANGS[lang]}finder/?plan={plans[0]}")
    for key in plans:
        page.evaluate("""key => {
            for (const chip of document.querySelectorAll('input[name=plan]')) chip.checked = chip.value === key;
            document.querySelector(`input[name=plan][value="${key}"]`)
                .dispatchEvent(new Event('change', {bubbles: true}));
        }""", key)
        finder_rows[key] = _shown(page, finder.id)
        assert finder_rows[key] == [r.id for r in finder.kept([key])], key
    checked = 0
    for path, table in tables(book):
        if table.id == finder.id or not table.plans(lang):
            assert table.id == finder.id or not html_has_select(site, lang, path, table.id)
            continue
        page.goto(f"{base}/{LANGS[lang]}{path}")
        for key, label in table.plans(lang):
            page.select_option(f"#table-{table.id}-plan", value=key)
            shown = _shown(page, table.id)
            assert shown == [r.id for r in table.kept([key])], (path, key)
            # The finder, for the same plan, shows the same rows of this table.
            assert [r for r in finder_rows[key] if r in table.ids] == sorted(shown, key=finder_rows[key].index)
            # And the same figures of each row (a platform page shows only its vendor's figures of a
            # general fact, the finder all of them: the vendor's are the same).
            checked += 1
        page.select_option(f"#table-{table.id}-plan", value="")
        assert len(_shown(page, table.id)) == len(table.rows)
    assert checked > 40
    page.close()


def test_a_plan_shows_the_figures_for_it_and_for_every_plan(browser):
    base, b = browser
    page = b.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/en/compare/rate-limits/")
    page.get_by_label("Plan:").select_option(label="HubSpot · Professional")
    lines = _shown_lines(page, "rate-limits")
    # "Professional, Enterprise" and the all-plans figure stay; Free/Starter's figure goes.
    assert lines["hubspot-burst-requests"] == ["190 requests per 10 seconds", "110 requests per 10 seconds"]
    assert "zendesk-trial-webhooks" not in lines and not [r for r in lines if r.startswith("zendesk")]
    page.get_by_label("Plan:").select_option(label="Zendesk · Suite Team")
    assert _shown_lines(page, "rate-limits")["typical-requests-per-minute"] == ["200 requests per minute"]
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_result_says_so_and_clears_the_filters(browser, catalog, lang):
    base, b = browser
    book = FactBook(catalog)
    page = b.new_page(viewport={"width": 1280, "height": 900})
    words = {"en": "No rows match this filter.", "he": "אין שורות שמתאימות לסינון."}[lang]
    page.goto(f"{base}/{LANGS[lang]}compare/rate-limits/")
    empty = page.locator(".hb-filter-empty")
    assert not empty.is_visible()
    page.select_option("#table-rate-limits-plan", value="hubspot.professional")
    page.locator("#table-rate-limits-filter").fill("Xero")  # Xero has no HubSpot plan
    assert _shown(page, "rate-limits") == [] and empty.is_visible() and words in empty.inner_text()
    empty.get_by_role("button").click()
    assert len(_shown(page, "rate-limits")) == len(book.comparison("rate-limits").rows) and not empty.is_visible()
    assert page.locator("#table-rate-limits-plan").input_value() == ""
    page.goto(f"{base}/{LANGS[lang]}finder/?platform=xero&plan=hubspot.professional")
    empty = page.locator(".hb-filter-empty")
    assert _shown(page, "finder") == [] and empty.is_visible()
    empty.get_by_role("button").click()
    assert len(_shown(page, "finder")) == len(book.rows) and not empty.is_visible()
    page.close()
