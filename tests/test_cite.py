"""Copy a citation: every fact row and bullet has a copy button that puts the
fact (or the bullet) on the clipboard as text and as HTML, with the permanent
link; a deep-linked row is one highlighted row under headings that stay in
view; the table filter keeps the rows that match any of the words. Most of it
in a real browser (Debian's Chromium)."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import LANGS, strip_isolates
from handbook import answers
from handbook.dates import written
from handbook.facttables import FactBook
from handbook.strings import STRINGS

COPY = {"he": "העתקת ציטוט", "en": "Copy citation"}
COPIED = {"he": "הציטוט הועתק", "en": "Citation copied"}
STATUS = {"he": "שגוי", "en": "Wrong"}
FACT = "hubspot-burst-requests"  # a reviewed rate limit with three official figures
BULLET = ("int-crm-marketing", "hubspot-rate-limit")  # a bullet the review found wrong

# navigator.clipboard.read() as {type: text}: what a mail client gets on paste.
READ_CLIPBOARD = """async () => {
    const out = {};
    for (const item of await navigator.clipboard.read())
        for (const type of item.types) out[type] = await (await item.getType(type)).text();
    return out;
}"""


@pytest.fixture(scope="module")
def book(catalog):
    return FactBook(catalog)


def _context(browser, **options):
    options.setdefault("viewport", {"width": 1280, "height": 900})
    return browser.new_context(permissions=["clipboard-read", "clipboard-write"], **options)


def _copied(page, button) -> dict[str, str]:
    """Click a copy button; wait for the confirmation; the clipboard's text and HTML."""
    page.evaluate("navigator.clipboard.writeText('')")
    # The status of a copy just before may still show: cleared, so that the wait is for this one's.
    page.evaluate("document.querySelectorAll('.hb-status').forEach(s => { s.textContent = ''; })")
    button.click()
    page.wait_for_function("() => { const s = document.querySelector('.hb-status');"
                           " return s && s.textContent && getComputedStyle(s).opacity === '1'; }")
    copied = page.evaluate(READ_CLIPBOARD)
    # Direction marks hold the plain text's order (tests/test_browser_bidi.py measures it) and take no
    # place; a no-break space (a number kept with its unit) reads as a space.
    return {kind: re.sub("[\u200e\u200f]", "", text).replace("\u00a0", " ") for kind, text in copied.items()}


# ---------------------------------------------------------------------------
# In the HTML (no browser)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["compare/rate-limits/", "compare/auth/", "platforms/hubspot/",
                                  "services/int-crm-marketing/", "takeaways/"])
def test_every_fact_row_and_bullet_has_a_copy_button_and_its_citation(html, lang, path):
    soup = html(LANGS[lang] + path)
    holders = soup.select("tr[data-search=fact], li[data-search=item]")
    assert holders, f"no fact rows or bullets on {path}"
    for holder in holders:
        buttons = holder.select("button.hb-cite")
        assert len(buttons) == 1, f"{path}#{holder['id']}: {len(buttons)} copy buttons"
        button = buttons[0]
        assert button["type"] == "button" and button["aria-label"] == COPY[lang]
        template = button.find_next_sibling()
        assert template.name == "template" and "hb-cite-body" in template["class"]
        # The link in the citation is the element's own anchor.
        assert template.select_one("a.hb-cite-link")["href"] == f"#{holder['id']}"


# ---------------------------------------------------------------------------
# In a browser
# ---------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_a_fact_row_copies_its_answer_status_check_and_link_as_text_and_html(served, book, lang):
    base, browser = served
    ctx = _context(browser)
    page = ctx.new_page()
    url = f"{base}/{LANGS[lang]}compare/rate-limits/"
    page.goto(url)
    row = book.by_id[FACT]
    button = page.locator(f"#{FACT}").get_by_role("button", name=COPY[lang])
    copied = _copied(page, button)
    text, html = copied["text/plain"], copied["text/html"]
    lines = text.splitlines()
    assert lines[0].startswith(f"HubSpot: {row.fact.subject[lang]}")
    # Every official figure, with its plan and scope, a line each (as the row shows them).
    for line in row.answer_lines(lang):
        assert f"{line.text} ({line.detail})" in lines, line.text
    assert row.answer[0].official and row.status == "wrong"
    # The verdict is the research's: on the research's line, after the answer and its origin.
    research = next(i for i, l in enumerate(lines) if row.fact.stated[lang] in l)
    assert STATUS[lang] in lines[research] and not any(STATUS[lang] in l for l in lines[:research])
    origin = next(l for l in lines if l.startswith(STRINGS[lang]["answer_vendor"] + ", "))
    assert written(row.review.checked, lang) in origin and STRINGS[lang]["answer_corrected"] in origin
    for source in row.review.sources:
        assert source.url in text and f'href="{source.url}"' in html
    link = f"{url}#{FACT}"
    assert lines[-1].endswith(link)
    assert f'href="{link}"' in html and "<strong>" in html
    assert page.get_by_role("status").filter(has_text=COPIED[lang]).is_visible()
    ctx.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_a_bullet_copies_the_official_answer_then_the_research_and_link(served, catalog, lang):
    base, browser = served
    service_id, bullet_id = BULLET
    service = catalog.service(service_id)
    bullet = next(item for _, item in service.bullets() if item.id == bullet_id)
    ctx = _context(browser)
    page = ctx.new_page()
    url = f"{base}/{LANGS[lang]}services/{service_id}/"
    page.goto(url)
    copied = _copied(page, page.locator(f"#{bullet_id}").get_by_role("button", name=COPY[lang]))
    lines = copied["text/plain"].splitlines()
    review = next(r for r in catalog.reviews if any(b.bullet == bullet_id for b in r.bullets))
    t = STRINGS[lang]
    assert lines[0] == f"{service.number}. {service.title[lang]}"
    # The vendor's answer first: its figures (bold in the HTML), its statement, where it comes from.
    figures = answers.Answers(catalog).figure_lines(review, lang)
    assert lines[1:1 + len(figures)] == [f"{f.text} ({f.detail})" for f in figures]
    bold = [b.get_text().replace("\u00a0", " ") for b in BeautifulSoup(copied["text/html"], "html.parser").select("strong")]
    assert bold[1:1 + len(figures)] == [f.text for f in figures]
    assert lines[1 + len(figures)] == " ".join(review.official[lang].split())
    assert lines[2 + len(figures)].startswith(f"{t['answer_vendor']}, ")
    # Then the research's words, labelled, with the verdict.
    assert f"{t['research_says']}: «{bullet[lang]}» · {STATUS[lang]}" in lines
    assert lines[-1].endswith(f"{url}#{bullet_id}")
    assert f'href="{url}#{bullet_id}"' in copied["text/html"]
    ctx.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_a_row_copies_only_the_plan_chosen_in_the_table(served, book, lang):
    # HubSpot's daily limit has a figure per plan: with "Professional" chosen, the citation
    # holds Professional's figure (and any for every plan), not Free's or Enterprise's.
    base, browser = served
    ctx = _context(browser)
    page = ctx.new_page()
    page.goto(f"{base}/{LANGS[lang]}compare/rate-limits/")
    row = book.by_id["hubspot-daily-requests"]
    lines = {l.plan: f"{l.text} ({l.detail})" for l in row.answer_lines(lang)}
    button = page.locator("#hubspot-daily-requests").get_by_role("button", name=COPY[lang])
    every = _copied(page, button)["text/plain"].splitlines()
    assert all(line in every for line in lines.values())
    page.locator("#table-rate-limits-plan").select_option("hubspot.professional")
    chosen = _copied(page, button)
    text = chosen["text/plain"].splitlines()
    assert lines["hubspot.professional"] in text
    assert lines["hubspot.free hubspot.starter"] not in text and lines["hubspot.enterprise"] not in text
    assert lines["hubspot.enterprise"].split(" (")[0] not in chosen["text/html"].replace("\u00a0", " ")
    # Everything else is still there: the heading, the origin, the research's words, the link.
    assert text[0] == every[0] and text[-3:] == every[-3:]
    ctx.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_a_copied_citation_pastes_into_an_html_mail_and_a_plain_text_field(served, catalog, lang):
    # Pasted with the keyboard, as a consultant does: the mail keeps the bold figures and
    # the links; the plain-text field gets a line each, the answer first.
    base, browser = served
    ctx = _context(browser)
    page = ctx.new_page()
    service_id, bullet_id = BULLET
    page.goto(f"{base}/{LANGS[lang]}services/{service_id}/")
    copied = _copied(page, page.locator(f"#{bullet_id}").get_by_role("button", name=COPY[lang]))
    page.set_content(f'<html lang="{lang}"><body><div id="mail" contenteditable="true"></div>'
                     '<textarea id="plain" rows="20" cols="80"></textarea></body></html>')
    page.locator("#mail").focus()
    page.keyboard.press("Control+V")
    page.locator("#plain").focus()
    page.keyboard.press("Control+V")
    mail = page.locator("#mail")
    review = next(r for r in catalog.reviews if any(b.bullet == bullet_id for b in r.bullets))
    bold = mail.locator("strong").all_inner_texts()
    assert [strip_isolates(b).replace("\u00a0", " ") for b in bold[1:3]] == [
        f.text for f in answers.Answers(catalog).figure_lines(review, lang)[:2]]
    assert mail.locator("a", has_text=f"#{bullet_id}").count() == 1
    # The field holds the text as copied, direction marks and all (_copied reads it without them).
    assert re.sub("[\u200e\u200f]", "", page.locator("#plain").input_value()).replace("\u00a0", " ") == copied["text/plain"]
    ctx.close()


@pytest.mark.browser
@pytest.mark.parametrize("touch", [False, True], ids=["mouse", "touch"])
def test_copy_buttons_are_named_and_big_enough(served, touch):
    # 24 px with a mouse (WCAG 2.2 target size), 44 px on a touch screen.
    base, browser = served
    ctx = _context(browser, has_touch=touch)
    page = ctx.new_page()
    least = 44 if touch else 24
    for lang, path in [("he", "compare/rate-limits/"), ("en", "services/int-crm-marketing/")]:
        page.goto(f"{base}/{LANGS[lang]}{path}")
        assert page.evaluate("matchMedia('(pointer: coarse)').matches") == touch
        buttons = page.get_by_role("button", name=COPY[lang], exact=True)
        holders = page.locator("tr[data-search=fact], li[data-search=item]").count()
        assert buttons.count() == holders > 0
        sizes = page.eval_on_selector_all("button.hb-cite", "bs => bs.map(b => b.getBoundingClientRect())"
                                          ".map(r => [r.width, r.height])")
        small = [s for s in sizes if min(s) < least]
        assert not small, f"{path}: {len(small)} copy buttons smaller than {least} px, e.g. {small[0]}"
    ctx.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_a_deep_linked_row_is_one_highlighted_row_under_headings_in_view(served, lang):
    base, browser = served
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/{LANGS[lang]}compare/rate-limits/#{FACT}")
    where = """() => {
        const box = e => e.getBoundingClientRect();
        const row = box(document.getElementById('%s')), th = box(document.querySelector('#table-rate-limits th'));
        return {row: row.top, rowEnd: row.bottom, th: th.top, thEnd: th.bottom,
                table: box(document.getElementById('table-rate-limits')).top,
                header: box(document.querySelector('.md-header')).bottom};
    }""" % FACT
    at = page.evaluate(where)
    # The table's start is scrolled away; its headings sit under the site's header, above the row.
    assert at["table"] < 0
    assert at["th"] == pytest.approx(at["header"], abs=1)
    assert at["thEnd"] <= at["row"] + 1 and at["rowEnd"] <= 900  # a sub-pixel overlap is no overlap to a reader
    page.evaluate("scrollBy({top: 200, behavior: 'instant'})")
    moved = page.evaluate(where)
    assert moved["row"] < at["row"] and moved["th"] == pytest.approx(at["header"], abs=1)
    # One box around the row, not one per cell; on a phone, around the card.
    outline = "id => [getComputedStyle(document.getElementById(id)).outlineStyle," \
              " ...[...document.getElementById(id).cells].map(c => getComputedStyle(c).outlineStyle)]"
    styles = page.evaluate(outline, FACT)
    assert styles[0] == "solid" and set(styles[1:]) == {"none"}
    page.set_viewport_size({"width": 390, "height": 844})
    styles = page.evaluate(outline, FACT)
    assert styles[0] == "solid" and set(styles[1:]) == {"none"}
    assert page.evaluate(f"getComputedStyle(document.getElementById('{FACT}')).display") == "flex"
    page.close()


@pytest.mark.browser
def test_the_filter_keeps_rows_that_match_any_of_the_words(served):
    base, browser = served
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/en/compare/auth/")
    box = page.get_by_label("Filter the rows")
    visible = "rows => rows.filter(r => !r.hidden).map(r => r.textContent.toLowerCase())"
    each = {}
    for word in ("quickbooks", "xero", "zoho"):
        box.fill(word)
        each[word] = page.eval_on_selector_all("#table-auth tbody tr", visible)
        assert each[word], word
    box.fill("QuickBooks Xero Zoho")
    shown = page.eval_on_selector_all("#table-auth tbody tr", visible)
    assert sorted(shown) == sorted(set(sum(each.values(), [])))
    assert all(any(w in t for w in each) for t in shown)
    total = page.locator("#table-auth tbody tr").count()
    assert page.locator(".hb-filter output").first.inner_text().startswith(f"{len(shown)} / {total}")
    # "Verified only" still narrows the words' rows.
    page.get_by_label("Verified facts only").check()
    statuses = page.eval_on_selector_all("#table-auth tbody tr:not([hidden])", "rs => rs.map(r => r.dataset.review)")
    assert 0 < len(statuses) <= len(shown) and set(statuses) == {"verified"}
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang, start, query, fact", [
    ("en", "glossary/", "Xero rate limit", "xero-rate-limit"),
    ("en", "services/", "HubSpot 10 seconds", FACT),
    ("he", "", "מגבלת קצב Xero", "xero-rate-limit"),
    ("he", "glossary/", "HubSpot בקשות", FACT),
])
def test_from_any_page_a_fact_is_cited_in_three_steps(served, book, lang, start, query, fact):
    """A reader on a page finds a fact and copies its citation: type the query in the
    search box, click the fact's result, click the copy button of the row it opens."""
    base, browser = served
    ctx = _context(browser)
    page = ctx.new_page()
    page.goto(f"{base}/{LANGS[lang]}{start}")
    steps = []
    # 1. Type the query in the search box (in the header of every page).
    page.locator(".md-search__input").fill(query)
    page.locator(".md-search__input").press("End")  # Material searches on key-up
    steps.append("type")
    # 2. Click the result that is the fact's row.
    result = page.locator(f".md-search-result__link[href*='#{fact}']:visible").first
    result.wait_for(state="visible", timeout=10_000)
    with page.expect_navigation():
        result.click()
    steps.append("result")
    # 3. Click the copy button of the row the result opened (it is the highlighted one).
    button = page.locator(f"tr:target#{fact}").get_by_role("button", name=COPY[lang])
    copied = _copied(page, button)
    steps.append("copy")
    assert len(steps) <= 3
    text = copied["text/plain"]
    row = book.by_id[fact]
    assert row.official and row.answer_lines(lang)[0].text in text  # the official figure
    link = page.url.split("?")[0].split("#")[0] + f"#{fact}"
    assert text.splitlines()[-1].endswith(link) and f'href="{link}"' in copied["text/html"]
    ctx.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_an_anchor_link_copies_its_address_and_says_so_in_the_page_s_language(served, lang):
    # links.js reads what it says from the page (<script id="hb-words">, the string table's `link_copied`).
    base, browser = served
    service_id, bullet_id = BULLET
    ctx = _context(browser)
    page = ctx.new_page()
    url = f"{base}/{LANGS[lang]}services/{service_id}/"
    page.goto(url)
    copied = _copied(page, page.locator(f"#{bullet_id} a.hb-anchor").first)
    assert copied["text/plain"] == f"{url}#{bullet_id}"
    status = page.locator(".hb-status[role=status]")
    assert status.text_content() == STRINGS[lang]["link_copied"] and status.is_visible()
    ctx.close()
