"""Search as a reader uses it: real queries typed into the search box of a page,
in Debian's Chromium; the right page and anchor must be among the first three
results, and every result in the page's language."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from browser import launch, serve
from conftest import LANGS
from handbook.searchindex import words

# (query, page, anchors): the result must open `page` at one of `anchors`
# (None: the page itself). Both languages have the same pages and anchors.
ENGLISH = [
    ("160", "services/int-crm-marketing/", {"hubspot-rate-limit", "platform-rate-limits"}),
    ("10,000", "services/int-crm-marketing/", {"hubspot-rate-limit", "platform-rate-limits"}),
    ("10000", "services/whatsapp-api-setup/", {"messaging-tier-rate-limits"}),
    ("500,000", "services/int-crm-accounting/", {"quickbooks-rate-limit", "quickbooks-xero-rate-limits"}),
    ("16MB", "services/int-ecommerce/", {"webhook-payload-size"}),
    ("Tier 2", "services/whatsapp-api-setup/", {"messaging-tier-rate-limits"}),
    ("OAuth 2.1", "services/integration-simple/", {"oauth-2-1-standard"}),
    ("HMAC-SHA256", "services/int-crm-support/", {"webhook-hmac-authentication"}),
    ("RRULE", "services/int-calendar/", {"recurrence-rule-rrule"}),
    ("Zendesk timeout", "services/int-crm-support/", {"zendesk-webhook-timeout"}),
    ("QuickBooks token", "services/int-crm-accounting/", {"quickbooks-oauth-token-expiry", "quickbooks-token-refresh"}),
    ("Freshdesk Blossom", "services/int-crm-support/",
     {"freshdesk-api-key", "freshdesk-blossom-plan", "freshdesk-api-availability"}),
    ("Mailchimp partner program", "services/int-crm-marketing/",
     {"mailchimp-oauth-partner-program", "mailchimp-partner-program-requirement"}),
    ("dead letter queue", "services/int-complex/", {"dead-letter-queue"}),
    ("WooCommerce permalinks", "services/int-ecommerce/", {"woocommerce-permalinks"}),
    ("24-hour window", "services/whatsapp-api-setup/", {"24-hour-messaging-window"}),
    ("Azure AD", "services/int-calendar/", {"microsoft-graph-auth", "azure-ad-app-registration"}),
    ("headroom", "services/int-custom/", {"rate-limit-headroom"}),
    ("16 MB video", "services/whatsapp-api-setup/", {"media-file-size-limits"}),
    # Synonyms from the glossary's aliases (data/glossary.yaml), and the research's own words.
    ("idempotency", "services/int-custom/", {"idempotency-keys"}),
    ("expiry", "compare/auth/", {"google-calendar-access-token-lifetime", "microsoft-graph-access-token-lifetime",
                                 "quickbooks-access-token-lifetime"}),
    ("lifetime", "compare/auth/", {None}),
    ("retries", "services/int-complex/", {None, "error-handling-policy"}),
    ("signature", "compare/webhooks/", {"mailchimp-webhook-signature", "whatsapp-webhook-hmac", "webhook-hmac-sha256"}),
    # A platform and a kind of limit: the fact's row (ANSWERS below: first, showing the answer).
    ("Xero rate limit", "compare/rate-limits/", {"xero-rate-limit"}),
    ("HubSpot rate limit", "compare/rate-limits/", {"hubspot-daily-requests", "hubspot-burst-requests"}),
    ("Zendesk token", "compare/auth/", {"zendesk-auth-methods"}),
]
HEBREW = [
    ("160", "services/int-crm-marketing/", {"hubspot-rate-limit", "platform-rate-limits"}),
    ("500000", "services/int-crm-accounting/", {"quickbooks-rate-limit", "quickbooks-xero-rate-limits"}),
    ("Tier 2", "services/whatsapp-api-setup/", {"messaging-tier-rate-limits"}),
    ("RRULE", "services/int-calendar/", {"recurrence-rule-rrule"}),
    ("Zendesk timeout", "services/int-crm-support/", {"zendesk-webhook-timeout"}),
    ("QuickBooks token", "services/int-crm-accounting/", {"quickbooks-oauth-token-expiry", "quickbooks-token-refresh"}),
    # Words that the research writes with a prefix letter only.
    ("טריאל", "services/int-crm-support/", {"zendesk-webhook-limit", "zendesk-freshdesk-rate-limits"}),  # בטריאל
    ("וובהוקס", "services/integration-simple/", {"webhook-signature-verification"}),  # לוובהוקס
    ('מע"מ', "services/int-crm-accounting/", {"tax-configuration"}),  # במע"מ
    ("משתתפים", "services/int-calendar/", {"attendees-sync"}),  # המשתתפים
    ("מאמרי עזרה", "services/int-crm-support/", {"knowledge-base"}),  # למאמרי
    ("אזעקות", "services/integration-complex/", {"logging"}),  # ואזעקות
    ("רשימת תפוצה", "services/int-crm-marketing/", {"unsubscribe-handling"}),  # מרשימת
    ("פגישה", "services/int-calendar/", {"calendar-to-crm-meeting-update", "crm-to-calendar-cancellation"}),  # בוטלה... לפגישה
    # Words as written, concepts.
    ("מלאי", "services/int-ecommerce/", {"inventory", "ecommerce-inventory-sync"}),
    ("תבניות הודעות", "services/whatsapp-api-setup/", {"message-templates-submitted", "summary"}),
    ("מספר טלפון ייעודי", "services/whatsapp-api-setup/", {"dedicated-phone-number"}),
    ("הסכמה משפטית", "services/whatsapp-api-setup/", {"legal-messaging-consent"}),
    ("סקרי שביעות רצון", "services/int-crm-support/", {"satisfaction-survey-sync"}),
    ("פורמט בינלאומי", "services/whatsapp-api-setup/", {"international-phone-format"}),
    # Hebrew spellings of the research's Latin terms (aliases in data/glossary.yaml).
    ("טוקן", "compare/auth/", {None}),
    ("אסימון", "compare/auth/", {None}),
    ("חתימה", "platforms/hmac-sha256/", {None}),
    ("וובהוק", "services/integration-simple/", {"webhook-signature-verification"}),
    ("תבנית", "compare/limits/", {"whatsapp-template-approval-time"}),
    ("מגבלת קצב", "compare/rate-limits/", {None}),
    # English words a Hebrew reader types as the research writes them.
    ("idempotency", "services/int-custom/", {"idempotency-keys"}),
    ("expiry", "compare/auth/", {"google-calendar-access-token-lifetime", "microsoft-graph-access-token-lifetime",
                                 "quickbooks-access-token-lifetime"}),
    # A platform and a kind of limit, in Hebrew or as the research writes it.
    ("מגבלת קצב Xero", "compare/rate-limits/", {"xero-rate-limit"}),
    ("Xero rate limit", "compare/rate-limits/", {"xero-rate-limit"}),
    ("HubSpot rate limit", "compare/rate-limits/", {"hubspot-daily-requests", "hubspot-burst-requests"}),
    ("מגבלת קצב HubSpot", "compare/rate-limits/", {"hubspot-daily-requests", "hubspot-burst-requests"}),
    ("Zendesk token", "compare/auth/", {"zendesk-auth-methods"}),
    ("טוקן Zendesk", "compare/auth/", {"zendesk-auth-methods"}),
]
QUERIES = [("en", *q) for q in ENGLISH] + [("he", *q) for q in HEBREW]
# Other right answers: the page of the platform or standard a query names, or
# another fact with the very number asked for (paths without the language prefix).
ALSO = {
    "16MB": {"compare/limits/#n8n-webhook-payload-size", "compare/limits/#whatsapp-video-size"},
    "OAuth 2.1": {"platforms/oauth-2-1/"},
    "HMAC-SHA256": {"platforms/hmac-sha256/", "compare/webhooks/#whatsapp-webhook-hmac"},
    "RRULE": {"platforms/icalendar/"},
    "וובהוק": {"compare/webhooks/"},
    # The same number in another platform's row is a right answer too: WhatsApp's
    # Tier 2 is 10,000 and HubSpot's free daily quota 10,000.
    "10,000": {"compare/rate-limits/#whatsapp-tier-2-messages"},
    # The bullet that states HubSpot's 10,000/day beside the other platforms' limits (its
    # result leads with the vendors' figures, then the research's words with the number).
    "10000": {"compare/rate-limits/#hubspot-daily-requests", "services/int-crm-marketing/#platform-rate-limits"},
    # A signature fact's row answers "signature" as well as the scheme's page.
    "חתימה": {"compare/webhooks/#mailchimp-webhook-signature", "compare/webhooks/#whatsapp-webhook-hmac"},
}


# A query that names a platform and a kind of limit is answered by the fact's row, first,
# wherever the row is (a comparison, the platform's page, a service's facts); the result
# shows the answer: its first figure with plan and scope, and the review's status.
ANSWERS = [
    ("en", "Xero rate limit", {"xero-rate-limit"}),
    ("en", "HubSpot rate limit", {"hubspot-daily-requests", "hubspot-burst-requests"}),
    ("en", "Zendesk token", {"zendesk-auth-methods"}),
    ("he", "מגבלת קצב Xero", {"xero-rate-limit"}),
    ("he", "Xero rate limit", {"xero-rate-limit"}),
    ("he", "HubSpot rate limit", {"hubspot-daily-requests", "hubspot-burst-requests"}),
    ("he", "מגבלת קצב HubSpot", {"hubspot-daily-requests", "hubspot-burst-requests"}),
    ("he", "Zendesk token", {"zendesk-auth-methods"}),
    ("he", "טוקן Zendesk", {"zendesk-auth-methods"}),
]


@pytest.fixture(scope="module")
def served(site):
    """The built site served, and a browser (one per module: Playwright's sync API cannot run twice at once)."""
    with serve(site) as base, launch() as browser:
        yield base, browser


@pytest.fixture(scope="module")
def search_box(served):
    """Type a query on a page of a language; the result links as the reader sees them."""
    base, browser = served
    pages = {}

    def search(lang: str, query: str) -> list[str]:
        if lang not in pages:
            pages[lang] = page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{base}/{LANGS[lang]}services/")
            page.wait_for_load_state("networkidle")
            # Material answers once its index is fetched (a click starts that) and
            # loaded: its first answer replaces the "Initializing search" line.
            initializing = page.locator(".md-search-result__meta").text_content()
            page.locator(".md-search__input").click()
            page.wait_for_function("t => document.querySelector('.md-search-result__meta').textContent !== t",
                                   arg=initializing)
        page = pages[lang]
        page.locator(".md-search__input").click()
        # Start from an empty box: no result list left from the last query.
        page.fill(".md-search__input", "")
        page.locator(".md-search__input").press("End")
        page.wait_for_function("!document.querySelector('.md-search-result__list').children.length")
        meta = page.locator(".md-search-result__meta").text_content()
        # Material searches on key-up: it answers with a list of results (or says there is none).
        page.fill(".md-search__input", query)
        page.locator(".md-search__input").press("End")
        page.wait_for_function("""m => { const now = document.querySelector('.md-search-result__meta').textContent;
            return now != m && (document.querySelector('.md-search-result__list').children.length
                                || !/\\d/.test(now)); }""", arg=meta)
        found = page.evaluate("""[...document.querySelectorAll('.md-search-result__link')]
            .filter(a => !a.closest('details')).map(a => [a.href, a.textContent])""")
        search.texts = [" ".join(t.split()) for _, t in found]  # what each result shows, in order
        return [_path(h, base) for h, _ in found]

    yield search


def _open_recording_index_requests(page, base: str, path: str) -> list[str]:
    """Open `path` until the network is idle; the list fills with every search
    index the page requests, then and later (paths from the site's root)."""
    indexes: list[str] = []
    page.on("request", lambda r: "search_index" in r.url and indexes.append(_path(r.url, base)))
    page.goto(f"{base}/{path}")
    page.wait_for_load_state("networkidle")
    return indexes


def _path(href: str, base: str) -> str:
    # http://host/en/services/x/?h=term#id -> en/services/x/#id
    parts = urlsplit(href)
    return parts.path.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else "")


def _fact_rows(catalog, page: str, anchors: set) -> set[str]:
    # A typed fact stated by one of the wanted bullets is the same answer, wherever
    # its row is (a comparison table, a platform page, the service's facts table).
    if not page.startswith("services/"):
        # The fact's own row on any page, and the bullets that state it.
        return {f.id for f in catalog.facts if f.id in anchors} | {
            src.bullet for f in catalog.facts if f.id in anchors for src in f.sources}
    service = page.split("/")[1]
    return {f.id for f in catalog.facts for src in f.sources if src.service == service and src.bullet in anchors}


@pytest.mark.browser
@pytest.mark.parametrize("lang, query, page, anchors", QUERIES, ids=[f"{q[0]}:{q[1]}" for q in QUERIES])
def test_a_query_finds_the_page_and_the_anchor_in_the_first_three_results(search_box, catalog, lang, query, page, anchors):
    results = search_box(lang, query)
    assert results, f"no result for {query!r}"
    wanted = {LANGS[lang] + page + (f"#{a}" if a else "") for a in anchors}
    facts = _fact_rows(catalog, page, anchors)
    wanted |= {LANGS[lang] + p for p in ALSO.get(query, ())}
    right = [r for r in results[:3] if r in wanted or r.partition("#")[2] in facts]
    assert right, f"{query!r} on the {lang} site: first results {results[:3]}, wanted one of {wanted} or a row of {facts}"
    other = [r for r in results if r.startswith("en/") != (lang == "en")]
    assert not other, f"{query!r} on the {lang} site shows results in the other language: {other}"


@pytest.mark.browser
@pytest.mark.parametrize("language, query, anchors", ANSWERS, ids=[f"{a[0]}:{a[1]}" for a in ANSWERS])
def test_a_platform_and_a_kind_of_limit_find_the_fact_first_showing_its_answer(search_box, catalog, language, query,
                                                                                anchors):
    from handbook.facttables import FactBook
    from handbook.strings import STRINGS

    results = search_box(language, query)
    assert results, f"no result for {query!r}"
    # Material heads each page's results with the page (and shows a page's best results
    # only): the first result that opens at an anchor is the row, among the first three.
    at = next((i for i, r in enumerate(results) if "#" in r), None)
    assert at is not None and at <= 2, \
        f"{query!r} on the {language} site: first results {results[:3]}, wanted a row of {anchors} first"
    first = results[at].partition("#")[2]
    assert first in anchors, f"{query!r} on the {language} site: first row {results[at]}, wanted one of {anchors}"
    row = FactBook(catalog).by_id[first]
    shown = search_box.texts[at]
    line = row.answer_lines(language)[0]
    # The answer's first figure, its plan and scope, and the review's status, as the row shows them.
    assert " ".join(line.text.split()) in shown, f"{query!r}: the result shows {shown!r}, not {line.text!r}"
    assert " ".join(line.detail.split()) in shown, f"{query!r}: the result shows {shown!r}, not {line.detail!r}"
    if row.review:
        assert STRINGS[language]["status_" + row.status] in shown, f"{query!r}: no status in {shown!r}"


@pytest.mark.parametrize("lang", ["he", "en"])
def test_a_fact_rows_entry_shows_its_answer_and_finds_its_kind_in_both_languages(site, catalog, lang):
    from handbook.facttables import FactBook
    from handbook.strings import STRINGS

    index = json.loads((site / LANGS[lang] / "search" / "search_index.json").read_text(encoding="utf-8"))
    entry = next(d for d in index["docs"] if d["location"] == "compare/rate-limits/#xero-rate-limit")
    row = FactBook(catalog).by_id["xero-rate-limit"]
    shown = re.sub(r"<[^>]+>", "", entry["text"])
    for line in row.answer_lines(lang):  # every figure with its scope, in order, then the status
        assert f"{line.text} {line.detail}" in shown
    assert shown.endswith(STRINGS[lang]["status_" + row.status])
    assert "85%" not in shown and "86400" in entry["keys"].split()  # a rate's normalized forms: found, not shown
    found = set(words(f"{entry['name']} {entry['keys']}"))
    assert {"rate", "limit", "מגבלת", "קצב", "quota"} <= found and entry["platform"] == "Xero"


@pytest.mark.parametrize("lang", ["he", "en"])
def test_glossary_terms_are_in_the_index_at_their_anchors_with_their_aliases(site, catalog, lang):
    index = json.loads((site / LANGS[lang] / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = {d["location"]: d for d in index["docs"]}
    for term in catalog.glossary.terms:
        entry = entries.get(f"glossary/#{term.id}")
        assert entry, f"glossary term {term.id} is not in the {lang} index"
        found = f"{entry['text']} {entry.get('keys', '')}".lower()
        for alias in (*term.aliases.he, *term.aliases.en):
            assert all(w in found for w in words(alias)), f"{term.id}: alias {alias!r} not in the {lang} index"
    # An entry that writes a term is found by its aliases too, in both languages.
    bullet = entries["services/int-crm-accounting/#quickbooks-oauth-token-expiry"]["keys"].split()
    assert {"טוקן", "אסימון", "lifetime"} <= set(bullet)


def test_every_query_expects_a_page_and_anchors_the_site_has(html):
    # The query list is written by hand: an expected anchor that no page has
    # would make a right answer look wrong (or a wrong one right).
    missing = []
    for lang, query, page, anchors in QUERIES:
        soup = html(LANGS[lang] + page)
        missing += [f"{lang}: {query!r}: {page}#{a}" for a in sorted(a for a in anchors if a) if not soup.find(id=a)]
    for query, paths in ALSO.items():
        for path in paths:
            page, _, anchor = path.partition("#")
            soup = html(page)
            missing += [f"ALSO {query!r}: {path}"] if anchor and not soup.find(id=anchor) else []
    assert not missing, "\n".join(missing)


def test_each_language_has_its_own_index_and_pages_load_it(site, html):
    for lang, prefix in LANGS.items():
        index = json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert not any(d["location"].startswith("en/") for d in index["docs"])
        titles = " ".join(d["title"] for d in index["docs"])
        assert ("מדריך" in titles) == (lang == "he") and ("Handbook" in titles) == (lang == "en")
        config = json.loads(html(f"{prefix}services/").select_one("#__config").get_text())
        assert config["base"] == ("../../en/" if lang == "en" else "..")  # the language's root


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["he", "en"])
def test_the_index_is_fetched_when_the_reader_starts_a_search_not_with_the_page(served, lang):
    # A phone opening a page does not download the index (2 MB at 1,000
    # services); the keyboard shortcut, with no mouse, still searches at once.
    prefix = LANGS[lang]
    base, browser = served
    with browser.new_context(viewport={"width": 1280, "height": 900}) as context:
        page = context.new_page()
        indexes = _open_recording_index_requests(page, base, f"{prefix}services/")
        assert indexes == []
        page.keyboard.press("/")
        page.keyboard.type("Freshdesk")
        page.wait_for_selector(".md-search-result__item")
        assert indexes == [f"{prefix}search/search_index.json"]
        assert page.evaluate("document.activeElement.matches('.md-search__input')")


@pytest.mark.browser
def test_a_link_from_a_search_result_highlights_the_words_at_once(served):
    # `?h=` needs the index's settings as the page opens, with no search typed.
    base, browser = served
    with browser.new_context(viewport={"width": 1280, "height": 900}) as context:
        page = context.new_page()
        page.goto(f"{base}/en/services/int-crm-support/?h=freshdesk")
        page.wait_for_selector("mark.md-search__highlight, mark[data-md-highlight]", timeout=10_000)
        assert "freshdesk" in page.locator("mark").first.text_content().lower()


# Typed as a reader types, at 40 ms a key, into a page just opened: the results
# must answer the whole query, whenever the index arrives.
RACE = [("he", "חשבונית"), ("he", "אזעקות"), ("en", "Zendesk timeout")]
RACE_ROUNDS = 20
_RESULTS = """() => ({meta: document.querySelector('.md-search-result__meta').textContent,
    links: [...document.querySelectorAll('.md-search-result__link')].slice(0, 10).map(a => a.getAttribute('href'))})"""


@pytest.mark.browser
def test_the_results_answer_the_query_in_the_box_whenever_the_index_arrives(served):
    # The index request is held by the test and let go before the typing (the
    # worker still builds while keys arrive), after the first letters, or after
    # the last key; each time the results must become those of the same query
    # opened as a `?q=` link once the index is ready. Hebrew letters arrive
    # without key events (an input method), as on a phone.
    base, browser = served
    with browser.new_context(viewport={"width": 1280, "height": 900}) as context:
        page = context.new_page()
        expected = {}
        for lang, query in RACE:
            page.goto(f"{base}/{LANGS[lang]}services/?q={query}")
            page.wait_for_selector(".md-search-result__link")
            expected[query] = page.evaluate(_RESULTS)
            # The reference highlights the whole query, not its first letters.
            marked = {parse_qs(urlsplit(link).query).get("h", [""])[0].lower() for link in expected[query]["links"]}
            assert query.lower() in marked, expected[query]
        held = []
        page.route("**/search/search_index.json", lambda route: held.append(route))
        for round_ in range(RACE_ROUNDS):
            for i, (lang, query) in enumerate(RACE):
                when = ("before", "during", "after")[(round_ + i) % 3]
                cut = {"before": 0, "during": 1 + round_ % (len(query) - 1), "after": len(query)}[when]
                held.clear()
                page.goto(f"{base}/{LANGS[lang]}services/", wait_until="domcontentloaded")
                with page.expect_request("**/search/search_index.json"):
                    page.locator(".md-search__input").click()
                while not held:  # the route's handler runs when Playwright next listens
                    page.evaluate("0")
                if when == "before":
                    held[0].continue_()
                page.keyboard.type(query[:cut], delay=40)
                if when == "during":
                    held[0].continue_()
                page.keyboard.type(query[cut:], delay=40)
                if when == "after":
                    held[0].continue_()
                try:
                    page.wait_for_function(f"want => JSON.stringify(({_RESULTS})()) === JSON.stringify(want)",
                                           arg=expected[query], timeout=5000)
                except Exception:
                    pytest.fail(f"round {round_ + 1}, {query!r}, index released {when} the typing (after "
                                f"{cut} letters): the box holds {page.input_value('.md-search__input')!r}, "
                                f"the results are {page.evaluate(_RESULTS)}, wanted {expected[query]}")


@pytest.mark.browser
def test_on_a_phone_the_search_button_fetches_the_index_and_searches(served):
    # The header's search icon is the way in on a phone: a tap, then typing.
    base, browser = served
    with browser.new_context(viewport={"width": 360, "height": 800}, is_mobile=True, has_touch=True) as context:
        page = context.new_page()
        indexes = _open_recording_index_requests(page, base, "services/")
        assert indexes == []
        page.locator("label.md-header__button[for=__search]").tap()
        page.locator(".md-search__input").type("HubSpot")
        page.wait_for_selector(".md-search-result__item")
        assert indexes == ["search/search_index.json"]
