"""The client brief (brief/): its data file held to the catalog for three real clients, and the page
as a reader without JavaScript, an assistant and every other page see it. The brief as the browser
assembles it is in test_browser_brief.py."""

from __future__ import annotations

import json

import pytest

from conftest import LANGS
from handbook import urls
from handbook.brief import BriefData, assemble, data_file
from handbook.facttables import FactBook
from handbook.languages import CODES
from handbook.strings import STRINGS

# Three clients a consultant prepares for (issue 26), with a plan where the data has plans.
COMBINATIONS = {
    "hubspot-xero-whatsapp": (["hubspot", "xero", "whatsapp-business-api"], {"hubspot": "professional"}),
    "shopify-quickbooks-zendesk": (["shopify", "quickbooks", "zendesk"], {"shopify": "plus"}),
    "calendar-graph-zoho": (["google-calendar", "microsoft-graph", "zoho-crm"], {"zoho-crm": "enterprise"}),
}


@pytest.fixture(scope="module")
def book(catalog):
    return FactBook(catalog)


@pytest.fixture(scope="module")
def data(book):
    brief = BriefData(book)
    return {lang: brief.data(lang) for lang in CODES}


def _involving(catalog, book, platform_id):
    """The services a platform is part of, read from the catalog: one of their systems may be it, or a
    fact about it comes from one of their bullets."""
    ids = {s.id for s in catalog.services for system in s.systems if platform_id in system.platforms}
    ids |= {src.service for f in catalog.facts if f.platform == platform_id for src in f.sources}
    return [s.id for s in catalog.services if s.id in ids]


def _flat(value) -> str:
    return value if isinstance(value, str) else "".join(part for _, part in value)


# ---------------------------------------------------------------------------
# The brief of three clients, against the catalog
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", CODES)
@pytest.mark.parametrize("combo", COMBINATIONS)
def test_the_services_are_exactly_those_the_systems_are_part_of(catalog, book, data, lang, combo):
    systems, plans = COMBINATIONS[combo]
    brief = assemble(data[lang], systems, plans)
    expected = {s for p in systems for s in _involving(catalog, book, p)}
    assert set(brief["services"]) == expected
    assert len(brief["services"]) == len(set(brief["services"]))
    assert brief["unknown"] == []


@pytest.mark.parametrize("combo", COMBINATIONS)
def test_the_checklist_holds_each_prerequisite_once_with_every_service_that_asks(catalog, data, combo):
    systems, plans = COMBINATIONS[combo]
    brief = assemble(data["en"], systems, plans)
    listed = [i for ids in brief["checklist"].values() for i in ids]
    assert len(listed) == len(set(listed)), "an item is listed twice"
    assert set(listed) == set(brief["merged"])
    left_out = set(brief["left_out"])
    for sid in brief["services"]:
        for item in catalog.service(sid).prerequisites:
            ref = f"{sid}#{item.id}"
            if ref in left_out:
                continue
            assert sid in brief["merged"][item.id], f"{ref} is not in the checklist"
    for item_id, services in brief["merged"].items():
        asking = [s for s in brief["services"] if any(i.id == item_id for i in catalog.service(s).prerequisites)]
        assert services == [s for s in asking if f"{s}#{item_id}" not in left_out]


def test_an_item_several_services_ask_for_is_one_item_naming_each(data):
    brief = assemble(data["he"], ["hubspot", "xero", "whatsapp-business-api"])
    assert brief["merged"]["field-mapping"] == ["int-crm-marketing", "int-crm-accounting", "int-crm-support"]
    assert brief["merged"]["active-accounts"] == ["int-crm-accounting", "int-crm-support"]


def test_a_corrected_item_reads_as_its_answer(data, catalog):
    budget = next(p for p in data["en"]["prerequisites"] if p["id"] == "api-cost-budget")
    review = next(r for r in catalog.reviews if any(b.bullet == "api-cost-budget" for b in r.bullets))
    claim = next(i for i in catalog.service("whatsapp-api-setup").prerequisites if i.id == "api-cost-budget")
    assert review.correction and _flat(budget["text"]) == review.official.en != claim.en


def test_items_are_grouped_by_the_system_they_name(data):
    brief = assemble(data["en"], ["hubspot", "xero", "whatsapp-business-api"])
    # "OAuth apps configured in the QuickBooks/Xero Developer Console": the client runs Xero.
    assert brief["checklist"]["xero"] == ["oauth-apps-developer-console"]
    # Meta Business Account: WhatsApp's service needs it, though no one picks Meta Business Suite.
    assert "meta-business-account-verified" in brief["checklist"]["meta-business-suite"]
    # "Zoho CRM: Enterprise edition and above": a HubSpot client runs another CRM.
    assert "int-crm-accounting#zoho-crm-enterprise-edition" in brief["left_out"]
    assert "zoho-crm-enterprise-edition" not in brief["merged"]
    # For a Zoho CRM client it is the first thing to check.
    zoho = assemble(data["en"], ["zoho-crm"])
    assert zoho["checklist"]["zoho-crm"] == ["zoho-crm-enterprise-edition"]


@pytest.mark.parametrize("lang", CODES)
@pytest.mark.parametrize("combo", COMBINATIONS)
def test_the_answers_are_the_tables_answers_for_the_chosen_plan(book, data, lang, combo):
    systems, plans = COMBINATIONS[combo]
    brief = assemble(data[lang], systems, plans)
    # Under each system (a general fact's figures show under each vendor's, only that vendor's).
    answers = {(a["platform"], a["id"]): a for a in data[lang]["answers"]}
    for system in systems:
        rows = BriefData(book).rows(system)
        assert [fact_id for fact_id, _ in brief["answers"][system]] == [r.id for r in rows]
        by_id = {r.id: r for r in rows}
        for fact_id, shown in brief["answers"][system]:
            row = by_id[fact_id]
            lines = row.answer_lines(lang)
            # As the platform's table gives it: the same words, official first.
            texts = [_flat(line["text"]) for line in answers[system, fact_id]["lines"]]
            assert texts == [l.text + (f" ({l.detail})" if l.detail else "") for l in lines]
            assert answers[system, fact_id]["official"] == row.official
            chosen = plans.get(system)
            for n, line in enumerate(lines):
                keys = [k.split(".", 1)[1] for k in line.plan.split()]  # the filter's keys: <platform>.<plan>
                applies = not chosen or not keys or chosen in keys
                assert (n in shown) == applies, f"{fact_id} line {n} ({line.plan!r}) for plan {chosen!r}"


def test_a_plan_keeps_its_figures_and_those_for_every_plan(data):
    brief = assemble(data["en"], ["hubspot"], {"hubspot": "professional"})
    answers = {a["id"]: a for a in data["en"]["answers"]}
    shown = dict(brief["answers"]["hubspot"])
    daily = [_flat(answers["hubspot-daily-requests"]["lines"][n]["text"]) for n in shown["hubspot-daily-requests"]]
    assert len(daily) == 1 and "625,000" in daily[0] and "Professional" in daily[0]
    token = [_flat(answers["hubspot-token-expiry"]["lines"][n]["text"]) for n in shown["hubspot-token-expiry"]]
    assert len(token) == 1 and "30 minutes" in token[0]  # "all tiers": every plan


def test_an_answer_says_where_it_comes_from_as_its_citation_does_not_the_research_s_verdict(data):
    # HubSpot's daily limit: the research said 10,000 a day (wrong); the brief gives the vendor's figure,
    # and beside it the vendor's documentation and the day it was checked. "Wrong" with no research
    # in sight would read, to a client, as a verdict on the vendor's figure.
    answers = {lang: {a["id"]: a for a in data[lang]["answers"]} for lang in CODES}
    daily = {lang: answers[lang]["hubspot-daily-requests"] for lang in CODES}
    assert daily["en"]["status"] == "wrong"
    assert daily["en"]["review"] == "Vendor documentation, checked 27 November 2026 · corrected"
    assert daily["he"]["review"] == "תיעוד הספק, נבדק ב-27 בנובמבר 2026 · מתוקן"
    for lang in CODES:
        words = STRINGS[lang]
        for answer in answers[lang].values():
            assert words["status_" + answer["status"]] not in answer["review"].split(" · ")


@pytest.mark.parametrize("combo", COMBINATIONS)
def test_the_coming_changes_are_the_change_logs_for_these_systems(book, data, combo):
    systems, plans = COMBINATIONS[combo]
    brief = assemble(data["en"], systems, plans)
    expected = [c.id for c in book.changes.coming() if set(c.platforms) & set(systems)]
    assert brief["changes"] == expected
    dates = {c["id"]: c["date"] for c in data["en"]["changes"]}
    assert all(dates[c] > data["en"]["today"] for c in brief["changes"])


def test_the_shopify_client_hears_of_each_coming_change(data):
    brief = assemble(data["en"], ["shopify", "quickbooks", "zendesk"])
    assert "zendesk-api-tokens-retired" in brief["changes"]
    assert "shopify-public-apps-expiring-tokens-required" in brief["changes"]


def test_unknown_systems_services_and_plans_are_named_not_dropped(data):
    brief = assemble(data["en"], ["hubspot", "hubspott"], {"hubspot": "gold"}, services=["int-calendar", "int-nothing"])
    assert brief["unknown"] == ["hubspott", "int-nothing", "hubspot:gold"]
    # An unknown plan is no plan: every figure shows.
    assert dict(brief["answers"]["hubspot"])["hubspot-daily-requests"] == [0, 1, 2]
    assert brief["services"] == ["int-calendar"]


def test_the_picker_finds_a_system_by_each_of_its_names(data):
    names = {p["id"]: p["names"] for p in data["he"]["platforms"]}
    assert "Outlook" in names["microsoft-graph"] and "QuickBooks" in names["quickbooks"]
    # Every system a service names can be picked.
    assert {"hubspot", "xero", "whatsapp-business-api", "shopify", "zendesk", "zoho-crm"} <= set(names)


# ---------------------------------------------------------------------------
# The page and the files
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", CODES)
def test_the_data_file_is_the_exported_data(site, data, lang):
    written = json.loads((site / data_file(lang)).read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(data[lang]))
    # Links are from the site's root, in the page's language.
    assert all(s["url"] == LANGS[lang] + f"services/{s['id']}/" for s in written["services"])


@pytest.mark.parametrize("lang", CODES)
def test_without_javascript_the_page_explains_itself_and_links_every_system_and_service(html, catalog, data, lang):
    soup = html(LANGS[lang] + "brief/")
    box = soup.select_one("noscript .hb-brief-noscript")
    assert box is not None and box.p.get_text(strip=True)
    hrefs = {a["href"] for a in box.select("a")}
    for p in data[lang]["platforms"]:
        assert f"../platforms/{p['id']}/" in hrefs
    for s in data[lang]["services"]:
        assert f"../services/{s['id']}/" in hrefs
    # The form takes no room without a script (hb-needs-script).
    assert "hb-needs-script" in soup.select_one("form#brief-form")["class"]


@pytest.mark.parametrize("lang", CODES)
@pytest.mark.parametrize("path", ["", "services/whatsapp-api-setup/", "finder/", "platforms/hubspot/", "compare/"])
def test_the_script_and_its_data_load_on_the_brief_page_only(html, lang, path):
    page = str(html(LANGS[lang] + path))
    assert "brief.js" not in page and "brief." + lang + ".json" not in page
    brief = html(LANGS[lang] + "brief/")
    assert brief.select_one('script[src$="assets/javascripts/brief.js"]') is not None


@pytest.mark.parametrize("lang", CODES)
def test_the_home_page_and_the_navigation_lead_to_the_brief(html, lang):
    home = html(LANGS[lang])
    assert home.select_one('.md-content a[href="brief/"]') is not None
    assert home.select_one('.md-sidebar--primary a[href="brief/"]') is not None


def test_llms_txt_lists_the_brief_and_its_markdown(site):
    llms = (site / "llms.txt").read_text(encoding="utf-8")
    assert "(brief/index.md)" in llms and "(en/brief/index.md)" in llms
    twin = (site / "en" / "brief" / "index.md").read_text(encoding="utf-8")
    assert "systems=" in twin and "brief.en.json" in twin


def test_brief_is_a_reserved_id():
    from handbook.models import RESERVED_IDS

    assert urls.BRIEF[:-3] in RESERVED_IDS
