"""Plans as the vendors name them (issue 23 item 4): the platforms' plans, a misspelt
plan as a located error, the plan filter's choices and the one rule that decides which
rows a plan keeps (hooks/handbook/plans.py; docs/assets/javascripts/plans.js is the
same rule in the browser, held to it by tests/test_browser_plans.py)."""

from __future__ import annotations

import pytest

from conftest import LANGS, strip_isolates
from handbook import plans
from handbook.catalog import DataError, load_catalog
from handbook.facttables import FactBook
from test_validation import problems


@pytest.fixture(scope="module")
def book(catalog):
    return FactBook(catalog)


def tables(book: FactBook):
    """Every fact table the site shows with a plan filter, by the page it is on."""
    yield "compare/rate-limits/", book.comparison("rate-limits")
    yield "compare/auth/", book.comparison("auth")
    yield "compare/limits/", book.comparison("limits")
    for p in book.catalog.platforms:
        yield f"platforms/{p}/", book.for_platform(p)
    yield "finder/", book.finder()


def _edit_reviews(data, change):
    path = data / "reviews.yaml"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def test_a_misspelt_plan_is_a_located_error(data_copy):
    _edit_reviews(data_copy, lambda t: t.replace("plan: [professional, enterprise]", "plan: [Profesional, enterprise]", 1))
    assert problems(data_copy) == [
        "data/reviews.yaml: reviews[0].figures[1].plan[0]: unknown plan 'Profesional' of hubspot; "
        "known: free, starter, professional, enterprise"]


def test_a_plan_needs_its_vendor_and_the_vendor_must_be_a_platform(data_copy):
    # typical-requests-per-minute is a general fact: its figures say whose plans they name.
    _edit_reviews(data_copy, lambda t: t.replace("    platform: zendesk\n    plan: [suite-team]", "    plan: [suite-team]", 1)
                  .replace("platform: shopify\n", "platform: shopfy\n", 1))
    found = problems(data_copy)
    assert any(p.startswith("data/reviews.yaml: reviews[") and ".plan: whose plans?" in p for p in found), found
    assert any(".platform: unknown platform 'shopfy'" in p for p in found), found


def test_a_platform_lists_each_plan_once(data_copy):
    path = data_copy / "platforms.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("{id: pro, name: Pro}", "{id: growth, name: Pro}"),
                    encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_catalog(data_copy)
    assert any("platforms.yaml: platforms[" in p and "plan id given twice: growth" in p for p in err.value.problems)


def test_freshdesk_lists_its_plans_and_its_legacy_plans(catalog):
    freshdesk = catalog.platforms["freshdesk"]
    assert [p.id for p in freshdesk.plans if not p.legacy] == ["free", "growth", "pro", "enterprise"]
    assert [p.names.en for p in freshdesk.plans if p.legacy] == ["Sprout", "Blossom", "Garden", "Estate", "Forest"]


def test_a_plan_keeps_every_figure_that_applies_to_it(book):
    # Over every table and every plan it offers: a row stays when one of its figures names the plan or
    # is its vendor's figure for every plan, and only then; no choice keeps nothing.
    checked = 0
    for page, table in tables(book):
        for key, _ in table.plans("en"):
            vendor = plans.vendor_of(key)
            kept = table.kept([key])
            assert kept, f"{page}: the plan '{key}' keeps no row"
            for row in table.rows:
                lines = row.answer_lines("en")
                named = any(key in l.plan.split() for l in lines)
                every_plan = any(l.vendor == vendor and not l.plan for l in lines)
                assert (row in kept) == (named or every_plan), (page, key, row.id)
            checked += 1
    assert checked > 50


def test_the_examples_of_the_audit(book):
    rates = book.comparison("rate-limits")
    # 'Professional' keeps HubSpot's 'Professional, Enterprise' figure and its all-plans rows.
    kept = {r.id for r in rates.kept(["hubspot.professional"])}
    assert {"hubspot-burst-requests", "hubspot-daily-requests", "typical-requests-per-minute"} <= kept
    burst = book.by_id["hubspot-burst-requests"].answer_lines("en")
    shown = [l.text for l in burst if plans.applies(l.vendor, l.plan.split(), ["hubspot.professional"])]
    assert shown == ["190 requests per 10 seconds", "110 requests per 10 seconds"]  # Free/Starter's 100: hidden
    # Other vendors' rows do not apply to HubSpot's plan.
    assert not kept & {r.id for r in rates.rows if r.platform and r.platform.id == "zendesk"}


@pytest.mark.parametrize("lang", LANGS)
def test_the_choices_are_real_plans_once_with_their_vendor(book, catalog, lang):
    for page, table in tables(book):
        choices = table.plans(lang)
        keys = [k for k, _ in choices]
        labels = [label for _, label in choices]
        assert len(set(keys)) == len(keys) and len(set(labels)) == len(labels), page
        for key, label in choices:
            vendor, plan = key.split(".")
            platform = catalog.platforms[vendor]
            assert platform.plan(plan) is not None
            assert label == f"{platform.name[lang]} · {platform.plan(plan).names[lang]}"
    finder = [label for _, label in book.finder().plans("en")]
    assert "HubSpot · Professional" in finder and not {"All plans", "Paid", "any tier"} & set(finder)


@pytest.mark.parametrize("lang", LANGS)
def test_pages_show_plans_with_their_vendor_and_a_badge_for_all_plans(html, book, lang):
    page = html(f"{LANGS[lang]}compare/rate-limits/")
    options = [(o["value"], o.get_text()) for o in page.select("#table-rate-limits-plan option")]
    all_plans = {"en": "All plans", "he": "כל החבילות"}[lang]
    assert options[0] == ("", all_plans)  # the reset, once
    assert options[1:] == book.comparison("rate-limits").plans(lang)
    burst = page.select("#hubspot-burst-requests td.hb-col-answer .hb-line")
    assert [l["data-plan"] for l in burst][:3] == ["hubspot.free hubspot.starter",
                                                   "hubspot.professional hubspot.enterprise", ""]
    # The line reads as the citation and the CSV do: vendor · plan · the rest.
    for line, l in zip(burst, book.by_id["hubspot-burst-requests"].answer_lines(lang)):
        assert strip_isolates(l.detail) in strip_isolates(" ".join(line.get_text().split()))
    assert "HubSpot · Professional, Enterprise · " in book.by_id["hubspot-burst-requests"].answer_lines(lang)[1].detail
    badge = burst[2].select_one(".hb-plan.hb-all-plans").get_text()
    assert badge == "HubSpot · " + {"en": "All plans", "he": "בכל החבילות"}[lang]
    # A tier that is not the customer's plan is named as what it is, and is no choice.
    builder = page.select_one("#quickbooks-monthly-calls td.hb-col-answer .hb-line")
    assert builder["data-plan"] == "" and builder["data-vendor"] == "quickbooks"
    assert {"en": "Intuit partner tier: Builder", "he": "דרגה בתוכנית השותפים של Intuit: Builder"}[lang] in \
        builder.select_one(".hb-detail").get_text()
    assert not [v for v, _ in options if v.startswith("quickbooks.")]
    finder = html(f"{LANGS[lang]}finder/")
    chips = [i["value"] for i in finder.select('form.hb-finder input[name="plan"]')]
    assert chips == [k for k, _ in book.finder().plans(lang)]
    # The general fact that holds Zendesk's limits per plan is among Zendesk's rows.
    assert "zendesk" in finder.select_one("#typical-requests-per-minute")["data-platform"].split()


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_result_has_its_message_and_a_way_back(html, lang):
    for path in ("compare/rate-limits/", "finder/", "platforms/hubspot/"):
        page = html(f"{LANGS[lang]}{path}")
        empty = page.select_one(".hb-table-wrap + .hb-filter-empty")
        assert empty is not None and empty.has_attr("hidden"), path
        words = {"en": ("No rows match this filter.", "Clear the filter"),
                 "he": ("אין שורות שמתאימות לסינון.", "ניקוי הסינון")}[lang]
        assert empty.get_text(" ", strip=True) == " ".join(words)
