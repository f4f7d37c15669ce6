"""The client brief in a real browser (Debian's Chromium), in both languages: the brief the
script assembles is the data's (test_brief.py holds the data to the catalog), picking, the
link round trip, the language switch, copying (HTML and text), the unknown-id note and print
(each of three real clients' briefs on at most two A4 pages); and a service's printed checklist
on one page. One browser for the whole file."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import LANGS
from handbook.brief import BriefData, assemble
from handbook.facttables import FactBook
from handbook.languages import CODES
from test_brief import COMBINATIONS

pytestmark = pytest.mark.browser

READ_CLIPBOARD = """async () => {
    const out = {};
    for (const item of await navigator.clipboard.read())
        for (const type of item.types) out[type] = await (await item.getType(type)).text();
    return out;
}"""
# The brief as the page shows it, by id.
SHOWN = """() => {
    const ids = (sel, attr) => [...document.querySelectorAll(sel)].map(e => e.getAttribute(attr));
    const checklist = {};
    for (const ul of document.querySelectorAll('ul.hb-brief-checklist'))
        checklist[ul.dataset.group] = ids('ul.hb-brief-checklist[data-group="' + ul.dataset.group + '"] > li', 'data-item');
    const answers = {};
    for (const ul of document.querySelectorAll('ul.hb-brief-answers'))
        answers[ul.dataset.system] = [...ul.children].map(li => [li.dataset.fact, li.querySelectorAll('.hb-brief-line').length]);
    return {services: ids('[data-service]', 'data-service'), checklist, answers,
            changes: ids('[data-change]', 'data-change'), takeaways: ids('[data-takeaway]', 'data-takeaway'),
            unknown: document.querySelector('.hb-brief-unknown')?.textContent || ''};
}"""


@pytest.fixture(scope="module")
def data(catalog):
    brief = BriefData(FactBook(catalog))
    return {lang: brief.data(lang) for lang in CODES}


@pytest.fixture
def tab(served):
    base, browser = served
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield base, page
    context.close()
    assert not errors, errors


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("document.documentElement.classList.contains('hb-brief-ready')")


def _address(systems, plans) -> str:
    query = "systems=" + ",".join(systems)
    if plans:
        query += "&plans=" + ",".join(f"{k}:{v}" for k, v in plans.items())
    return query


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


@pytest.mark.parametrize("lang", CODES)
@pytest.mark.parametrize("combo", COMBINATIONS)
def test_the_brief_is_the_data_assembled_and_prints_on_two_pages(tab, data, lang, combo):
    base, page = tab
    systems, plans = COMBINATIONS[combo]
    _open(page, f"{base}/{LANGS[lang]}brief/?{_address(systems, plans)}")
    shown = page.evaluate(SHOWN)
    expected = assemble(data[lang], systems, plans)
    assert shown["services"] == expected["services"]
    assert shown["checklist"] == expected["checklist"]
    # Every row of the system's answers, with the figures for the chosen plan and for every plan.
    assert shown["answers"] == {s: [[f, len(lines)] for f, lines in rows] for s, rows in expected["answers"].items()}
    assert shown["changes"] == expected["changes"] and shown["takeaways"] == expected["takeaways"]
    assert shown["unknown"] == ""
    # In the page's language, with the plan named in the heading.
    title = page.inner_text("#brief-title")
    for s in systems:
        assert next(p["name"] for p in data[lang]["platforms"] if p["id"] == s) in title
    # Print: the brief alone, at most two A4 pages.
    page.emulate_media(media="print")
    assert not page.locator("form#brief-form").is_visible()
    pdf = page.pdf(format="A4", print_background=True)
    assert _pages(pdf) <= 2, f"{combo} in {lang}: {_pages(pdf)} pages"


@pytest.mark.parametrize("lang", CODES)
def test_picking_systems_a_plan_and_services_is_the_address(tab, data, lang):
    base, page = tab
    _open(page, f"{base}/{LANGS[lang]}brief/")
    assert page.locator(".hb-brief-empty").is_visible()
    # Found by another of its names: the research writes Outlook.
    page.fill("#brief-search", "outlook")
    visible = page.locator(".hb-brief-systems label:visible")
    assert visible.count() == 1 and "Microsoft Graph" in visible.inner_text()
    visible.click()
    page.fill("#brief-search", "hubspot")
    page.locator(".hb-brief-systems label:visible", has_text="HubSpot").click()
    page.select_option("#brief-plan-hubspot", "professional")
    query = parse_qs(urlsplit(page.url).query)
    assert query["systems"] == ["microsoft-graph,hubspot"] and query["plans"] == ["hubspot:professional"]
    # Narrowing the services: one fewer in the brief, and the rest in the address.
    page.click(".hb-brief-scope summary")
    boxes = page.locator(".hb-brief-services input")
    first = boxes.first.get_attribute("value")
    boxes.first.uncheck()
    query = parse_qs(urlsplit(page.url).query)
    assert first not in query["services"][0].split(",")
    assert first not in page.evaluate(SHOWN)["services"]
    # The daily HubSpot limit: Professional's figure only.
    lines = page.locator('li[data-fact="hubspot-daily-requests"] .hb-brief-line')
    assert lines.count() == 1 and "625,000" in lines.inner_text()


@pytest.mark.parametrize("lang", CODES)
def test_the_link_is_the_brief_and_the_language_switch_keeps_it(tab, lang):
    base, page = tab
    other = next(code for code in CODES if code != lang)
    systems, plans = COMBINATIONS["hubspot-xero-whatsapp"]
    _open(page, f"{base}/{LANGS[lang]}brief/")
    for s in systems:
        page.check(f'.hb-brief-systems input[value="{s}"]')
    page.select_option("#brief-plan-hubspot", plans["hubspot"])
    page.fill('input[name="client"]', "Acme")
    assert "client=" not in page.url  # the heading stays out of the link unless asked
    page.check('input[name="keep"]')
    assert parse_qs(urlsplit(page.url).query)["client"] == ["Acme"]
    before = page.evaluate(SHOWN)
    link = page.get_attribute(".hb-brief-link", "href")
    # Round trip: the link opens the same brief.
    _open(page, page.url.split("?")[0] + link)
    assert page.evaluate(SHOWN) == before
    assert page.input_value('input[name="client"]') == "Acme"
    # The language switch leads to the same brief in the other language.
    switch = page.locator(f'a[hreflang="{other}"]').first
    assert "systems=hubspot,xero,whatsapp-business-api" in switch.get_attribute("href")
    _open(page, switch.evaluate("a => a.href"))
    assert page.evaluate("document.documentElement.lang") == other
    after = page.evaluate(SHOWN)
    assert after["services"] == before["services"] and after["checklist"] == before["checklist"]
    assert after["answers"] == before["answers"] and after["changes"] == before["changes"]


@pytest.mark.parametrize("lang", CODES)
def test_copy_puts_the_brief_on_the_clipboard_as_html_and_text(tab, data, lang):
    base, page = tab
    _open(page, f"{base}/{LANGS[lang]}brief/?systems=shopify,quickbooks,zendesk")
    page.evaluate("navigator.clipboard.writeText('')")
    page.click(".hb-brief-copy")
    page.wait_for_function("() => { const s = document.querySelector('.hb-status');"
                           " return s && s.textContent && getComputedStyle(s).opacity === '1'; }")
    copied = page.evaluate(READ_CLIPBOARD)
    html, text = copied["text/html"], copied["text/plain"]
    assert "<article" in html and f'href="{base}/{LANGS[lang]}services/int-ecommerce/' in html
    assert "Shopify" in text and "Zendesk" in text and "\u2610 " in text
    assert data[lang]["words"]["brief_checklist"] in text
    assert f"{base}/{LANGS[lang]}brief/?systems=shopify,quickbooks,zendesk" in text
    lines = [line for line in text.splitlines() if line]
    if lang == "he":
        # Right to left in a mail client: each line starts with RLM, and one that ends in a Latin
        # run ends with RLM too; Latin runs inside are isolated.
        assert all(line.startswith("\u200f") for line in lines)
        assert all(line.endswith("\u200f") for line in lines if re.search(r"[A-Za-z0-9)]\u2069?\u200f?$", line))
        assert "\u2066" in text
    else:
        assert "\u200f" not in text


@pytest.mark.parametrize("lang", CODES)
def test_unknown_ids_get_a_visible_note(tab, lang):
    base, page = tab
    _open(page, f"{base}/{LANGS[lang]}brief/?systems=hubspot,not-a-system&services=int-nothing&plans=hubspot:gold")
    note = page.locator(".hb-brief-unknown")
    assert note.is_visible()
    assert all(i in note.inner_text() for i in ("not-a-system", "int-nothing", "hubspot:gold"))
    assert page.locator("#brief-title").is_visible()


@pytest.mark.parametrize("lang", CODES)
def test_a_service_checklist_prints_on_one_clean_page(tab, lang):
    base, page = tab
    page.goto(f"{base}/{LANGS[lang]}services/whatsapp-api-setup/")
    page.evaluate("document.body.classList.add('hb-checklist-mode');"
                  " window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert page.locator(".hb-checklist .hb-official").count() > 0
    assert not any(box.is_visible() for box in page.locator(".hb-checklist .hb-official").all())
    # The budget item: Meta's per-message billing, not the superseded per-conversation claim.
    budget = page.locator("#api-cost-budget")
    assert budget.locator(".hb-print-answer").is_visible()
    assert not budget.locator(".hb-text").is_visible()
    assert _pages(page.pdf(format="A4")) == 1


@pytest.mark.parametrize("lang", CODES)
def test_on_a_phone_the_brief_is_as_wide_as_the_screen(served, lang):
    base, browser = served
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        for systems, plans in COMBINATIONS.values():
            _open(page, f"{base}/{LANGS[lang]}brief/?{_address(systems, plans)}")
            # A long plan name in a list, a long address: nothing makes the page scroll sideways.
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, systems
    finally:
        page.close()
