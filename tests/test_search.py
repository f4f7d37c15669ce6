"""Search as a reader uses it: real queries typed at 40 ms a key into the search box
of a page just opened, or pasted into the same page's box after the reader's last search
and finished with a key, in Debian's Chromium; the right page and anchor must be among
the first three results, and every result in the page's language. The queries are what
consultants type: product names in Hebrew letters, typos, a platform and a window ("Xero
daily limit", "זירו יומי")."""

from __future__ import annotations

import json
import re
import time
from urllib.parse import urlsplit

import pytest

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
    # A platform and a window or kind in everyday words (hooks/handbook/searchwords.py).
    ("Xero daily limit", "compare/rate-limits/", {"xero-rate-limit"}),
    ("10 seconds", "compare/limits/", {"zendesk-webhook-response-timeout"}),
    ("HubSpot daily", "compare/rate-limits/", {"hubspot-daily-requests"}),
    ("QuickBooks monthly", "compare/rate-limits/", {"quickbooks-monthly-calls"}),
    ("Google Calendar daily quota", "compare/rate-limits/", {"google-calendar-rate-limit"}),
    ("Zoho per minute", "compare/rate-limits/",
     {"zoho-crm-calls-per-minute", "zoho-crm-calls-per-minute-free", "zoho-crm-calls-per-minute-paid"}),
    ("Freshdesk per minute", "compare/rate-limits/", {"freshdesk-rate-limit", "freshdesk-webhook-rate-limit"}),
    ("Mailchimp throttling", "compare/rate-limits/", {"mailchimp-rate-limit"}),
    ("Outlook token expiry", "compare/auth/", {"microsoft-graph-access-token-lifetime"}),
    ("WhatsApp video size", "compare/limits/", {"whatsapp-video-size"}),
    ("n8n payload size", "compare/limits/", {"n8n-webhook-payload-size"}),
    ("WooCommerce payload", "compare/limits/", {"woocommerce-max-payload-size"}),
    ("Zendesk unlimited webhooks", "compare/limits/", {"zendesk-paid-webhooks"}),
    # Typos: one letter wrong, missing, extra or swapped, in a word of five letters or more.
    ("hubspt rate limit", "compare/rate-limits/", {"hubspot-daily-requests", "hubspot-burst-requests"}),
    ("zendsk timeout", "compare/limits/", {"zendesk-webhook-response-timeout"}),
    ("shopfiy rate limit", "compare/rate-limits/", {"shopify-rate-limit"}),
    ("quickbook token expiry", "compare/auth/", {"quickbooks-access-token-lifetime"}),
    ("mailchmp webhook signature", "compare/webhooks/", {"mailchimp-webhook-signature"}),
    ("whatsap template approval", "compare/limits/", {"whatsapp-template-approval-time"}),
    ("freshdsk rate limit", "compare/rate-limits/", {"freshdesk-rate-limit", "freshdesk-webhook-rate-limit"}),
    # Hebrew product names typed on the English site.
    ("הובספוט rate limit", "compare/rate-limits/", {"hubspot-daily-requests", "hubspot-burst-requests"}),
    ("זירו daily", "compare/rate-limits/", {"xero-rate-limit"}),
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
    # בוטלה... לפגישה; a meeting's other forms (פגישת) are as good an answer: any bullet on meetings.
    ("פגישה", "services/int-calendar/", {"calendar-to-crm-meeting-update", "crm-to-calendar-cancellation",
                                         "crm-to-calendar-new-event", "invitation-strategy", "free-busy-sync"}),
    # Words as written, concepts.
    ("מלאי", "services/int-ecommerce/", {"inventory", "ecommerce-inventory-sync"}),
    ("תבניות הודעות", "services/whatsapp-api-setup/",
     {"message-templates-submitted", "summary", "approved-message-templates", "approved-templates-only",
      "message-template-categories"}),
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
    # Product names as Israelis type them (data/platforms.yaml `spellings`), with and without ה.
    ("מגבלת קצב של שופיפיי", "compare/rate-limits/", {"shopify-rate-limit"}),
    ("וובהוק זנדסק", "compare/webhooks/",
     {"zendesk-webhook-response-timeout", "zendesk-paid-webhooks", "zendesk-trial-webhooks"}),
    ("הובספוט", "platforms/hubspot/",
     {None, "hubspot-daily-requests", "hubspot-burst-requests", "hubspot-oauth", "hubspot-token-expiry"}),
    ("האבספוט מגבלת קצב", "compare/rate-limits/", {"hubspot-daily-requests", "hubspot-burst-requests"}),
    ("השופיפיי", "platforms/shopify/", {None, "shopify-rate-limit", "shopify-admin-token-auth"}),
    ("זנדסק טיימאוט", "compare/limits/", {"zendesk-webhook-response-timeout"}),
    ("זוהו מגבלת קצב", "compare/rate-limits/",
     {"zoho-crm-calls-per-minute", "zoho-crm-calls-per-minute-free", "zoho-crm-calls-per-minute-paid"}),
    ("וואטסאפ אישור תבנית", "compare/limits/", {"whatsapp-template-approval-time"}),
    ("ווטסאפ וידאו", "compare/limits/", {"whatsapp-video-size"}),
    ("גוגל קלנדר מכסה יומית", "compare/rate-limits/", {"google-calendar-rate-limit"}),
    ("קוויקבוקס תוקף טוקן", "compare/auth/", {"quickbooks-access-token-lifetime"}),
    ("מיילצ'ימפ חתימה", "compare/webhooks/", {"mailchimp-webhook-signature"}),
    ("מיילצימפ מגבלת קצב", "compare/rate-limits/", {"mailchimp-rate-limit"}),
    ("אאוטלוק תוקף", "compare/auth/", {"microsoft-graph-access-token-lifetime"}),
    ("ווקומרס גודל", "compare/limits/", {"woocommerce-max-payload-size"}),
    ("פרשדסק לדקה", "compare/rate-limits/", {"freshdesk-rate-limit", "freshdesk-webhook-rate-limit"}),
    # Windows and kinds in everyday Hebrew (hooks/handbook/searchwords.py).
    ("זירו יומי", "compare/rate-limits/", {"xero-rate-limit"}),
    ("קסרו מגבלה ליום", "compare/rate-limits/", {"xero-rate-limit"}),
    ("הובספוט ביום", "compare/rate-limits/", {"hubspot-daily-requests"}),
    ("10 שניות", "compare/limits/", {"zendesk-webhook-response-timeout"}),
    ("Xero daily limit", "compare/rate-limits/", {"xero-rate-limit"}),
    # Typos and prefix letters.
    ("hubspt rate limit", "compare/rate-limits/", {"hubspot-daily-requests", "hubspot-burst-requests"}),
    ("קוויקבקס טוקן", "compare/auth/", {"quickbooks-access-token-lifetime", "quickbooks-oauth"}),
    ("בזנדסק טיימאוט", "compare/limits/", {"zendesk-webhook-response-timeout"}),
]
QUERIES = [("en", *q) for q in ENGLISH] + [("he", *q) for q in HEBREW]
# Other right answers: the page of the platform or standard a query names, or
# another fact with the very number asked for (paths without the language prefix).
ALSO = {
    "16MB": {"compare/limits/#n8n-webhook-payload-size", "compare/limits/#whatsapp-video-size"},
    "OAuth 2.1": {"platforms/oauth-2-1/"},
    "HMAC-SHA256": {"platforms/hmac-sha256/", "compare/webhooks/#whatsapp-webhook-hmac"},
    "RRULE": {"platforms/icalendar/"},
    # A webhook's own facts answer "webhook" too (their rows are about webhooks, in readers' words).
    "וובהוקס": {"compare/webhooks/", "compare/limits/#n8n-webhook-payload-size",
                "compare/limits/#zendesk-webhook-response-timeout", "compare/limits/#zendesk-paid-webhooks",
                "compare/limits/#zendesk-trial-webhooks"},
    "וובהוק": {"compare/webhooks/", "compare/limits/#n8n-webhook-payload-size",
               "compare/limits/#zendesk-webhook-response-timeout", "compare/limits/#zendesk-paid-webhooks",
               "compare/limits/#zendesk-trial-webhooks"},
    # HubSpot's burst limit is per 10 seconds: its row answers "10 seconds" as Zendesk's
    # 10-second webhook timeout does (SHOWN_TOO: both are shown).
    "10 seconds": {"compare/rate-limits/#hubspot-burst-requests"},
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
    ("en", "Xero daily limit", {"xero-rate-limit"}),
    ("he", "זירו יומי", {"xero-rate-limit"}),
    ("en", "hubspt rate limit", {"hubspot-daily-requests", "hubspot-burst-requests"}),
    ("he", "מגבלת קצב של שופיפיי", {"shopify-rate-limit"}),
]


# Queries asked side by side: PAGES pages a language, opened once, each taking its share of
# the queries one after the other, as a reader searches again. The first query of each page
# is typed into a page just opened (the index fetched then): the keys of one round go to every
# page in turn, a round every 40 ms, so each page gets a key every 40 ms. The next ones are
# pasted and finished with their last key, as a reader pastes a figure from a client's mail:
# Material searches at each key-up, and a query typed key by key cost the suite half a minute
# of processor time for the same final results (typing while the index arrives, and the
# answers to a query's first keys, are held by test_search_loading.py).
PAGES = 2
KEY_INTERVAL = 0.040

# Counts what the page asks Material's search worker and what it answers (before the page's
# own scripts, which wrap the same two methods: hooks/internals.py).
_COUNT = """(() => {
    window.__hbAsked = 0; window.__hbAnswered = 0;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message, ...rest) {
        if (message && message.type === 2) window.__hbAsked += 1;
        return post.call(this, message, ...rest);
    };
    const listen = Worker.prototype.addEventListener;
    Worker.prototype.addEventListener = function (type, listener, ...rest) {
        if (type !== "message" || typeof listener !== "function") return listen.call(this, type, listener, ...rest);
        return listen.call(this, type, function (event) {
            const result = listener.call(this, event);
            if (event.data && event.data.type === 3) window.__hbAnswered += 1;
            return result;
        }, ...rest);
    };
})()"""


@pytest.fixture(scope="module")
def search_box(served, request):
    """Type a query, at 40 ms a key, into the search box of a page in a language; the result
    links as the reader sees them once the results answer the whole query. Every query this
    run's tests ask for is typed on the first call (one browser: the module's)."""
    base, browser = served
    specs = [item.callspec.params for item in request.session.items
             if item.module is request.module and hasattr(item, "callspec")]
    asked = sorted({(spec.get("lang") or spec["language"], spec["query"]) for spec in specs if "query" in spec})
    found: dict[tuple[str, str], tuple[list[str], list[str]] | str] = {}

    def typed(queries: list[tuple[str, str]]) -> None:
        # Each page's share: the queries of its language, dealt in turn.
        shares = [[q for q in queries if q[0] == lang][i::PAGES] for lang in LANGS for i in range(PAGES)]
        shares = [share for share in shares if share]
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(_COUNT)
        pages = []
        for share in shares:  # opened side by side: each load is waited for below
            page = context.new_page()
            pages.append(page)
            page.goto(f"{base}/{LANGS[share[0][0]]}services/", wait_until="commit")
        for page in pages:
            page.wait_for_load_state("domcontentloaded")
            page.locator(".md-search__input").click()
        try:
            for turn in range(max(len(share) for share in shares)):
                now = [(page, share[turn]) for page, share in zip(pages, shares) if turn < len(share)]
                for page, _ in now:
                    page.evaluate("window.__hbSeen = null")
                if turn:  # pasted over the last query's words, then the last key
                    for page, (_, query) in now:
                        page.locator(".md-search__input").fill(query[:-1])
                        page.keyboard.type(query[-1])
                else:  # typed into the empty box of a page just opened
                    start = time.monotonic()
                    for key in range(max(len(q) for _, (_, q) in now)):
                        for page, (_, query) in now:
                            if key < len(query):
                                page.keyboard.type(query[key])
                        time.sleep(max(0.0, start + (key + 1) * KEY_INTERVAL - time.monotonic()))
                for page, asked_for in now:
                    try:
                        # Material answers each key-up: the results answer the query when the worker
                        # has answered every question asked, and the list holds results (or says
                        # there is none) and no longer changes.
                        page.wait_for_function(_SETTLED, arg=[], polling=100, timeout=15_000)
                    except Exception as error:  # noqa: BLE001 - the query's test reports it
                        found[asked_for] = f"the results did not settle: {error}"
                        continue
                    shown = page.evaluate("""[...document.querySelectorAll('.md-search-result__link')]
                        .filter(a => !a.closest('details')).map(a => [a.href, a.textContent])""")
                    found[asked_for] = ([_path(h, base) for h, _ in shown], [" ".join(t.split()) for _, t in shown])
        finally:
            context.close()

    def search(lang: str, query: str) -> list[str]:
        if (lang, query) not in found:
            todo = [q for q in asked if q not in found]
            typed(todo if (lang, query) in todo else [(lang, query)])
        result = found[lang, query]
        if isinstance(result, str):
            pytest.fail(f"{query!r} on the {lang} site: {result}")
        search.texts = result[1]  # what each result shows, in order
        return result[0]

    yield search


# True once the result list has answered and stayed the same for 400 ms.
_SETTLED = """() => {
    const list = document.querySelector('.md-search-result__list');
    const meta = document.querySelector('.md-search-result__meta').textContent;
    const none = JSON.parse(document.getElementById('__config').textContent).translations['search.result.none'];
    const answered = list.children.length || meta.trim() === none;
    const now = answered ? list.innerHTML + meta : null, seen = window.__hbSeen;
    if (!seen || seen.value !== now) { window.__hbSeen = { value: now, since: Date.now() }; return false; }
    return now !== null && window.__hbAnswered >= window.__hbAsked && Date.now() - seen.since >= 400;
}"""


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


def _platform_rows(catalog) -> set[str]:
    # The facts of one platform: their row reads the same on every page that shows it.
    return {f.id for f in catalog.facts if f.platform is not None}


def _fact_rows(catalog, page: str, anchors: set) -> set[str]:
    # A typed fact stated by one of the wanted bullets is the same answer, wherever
    # its row is (a comparison table, a platform page, the service's facts table).
    if not page.startswith("services/"):
        # The fact's own row on any page, and the bullets that state it.
        return {f.id for f in catalog.facts if f.id in anchors} | {
            src.bullet for f in catalog.facts if f.id in anchors for src in f.sources}
    service = page.split("/")[1]
    return {f.id for f in catalog.facts for src in f.sources if src.service == service and src.bullet in anchors}


# A query with two right answers of which one ranks first: the other is shown too, among the
# first eight results a reader sees (a fact's row once, not on each of its pages).
SHOWN_TOO = {("en", "10 seconds"): "compare/limits/#zendesk-webhook-response-timeout"}


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
    if (lang, query) in SHOWN_TOO:
        assert LANGS[lang] + SHOWN_TOO[lang, query] in results[:8], f"{query!r}: {results[:8]}"
    # A platform's fact row is on three to five pages, the same each time: it is listed once.
    rows = [r.partition("#")[2] for r in results if r.partition("#")[2] in _platform_rows(catalog)]
    assert len(rows) == len(set(rows)), f"{query!r} lists a fact's row more than once: {results}"
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
    shown = re.sub(r"<[^>]+>", "", entry["text"]).replace("\xa0", " ")  # a no-break space reads as a space
    for line in row.answer_lines(lang):  # every figure with its scope, in order, then the status
        assert f"{line.text} {line.detail}" in shown
    assert shown.endswith(STRINGS[lang]["status_" + row.status])
    assert "85%" not in shown and "86400" in entry["keys"].split()  # a rate's normalized forms: found, not shown
    found = set(words(f"{entry['name']} {entry['keys']} {entry.get('about', '')}"))
    assert {"rate", "limit", "מגבלת", "קצב", "quota"} <= found and entry["platform"].startswith("Xero ")


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


# ---------------------------------------------------------------------------
# What readers type, in the index (no browser)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["he", "en"])
def test_fact_rows_are_found_by_hebrew_spellings_and_everyday_window_words(site, lang):
    index = json.loads((site / LANGS[lang] / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = {d["location"]: d for d in index["docs"]}
    xero = entries["compare/rate-limits/#xero-rate-limit"]
    assert set(words(xero["platform"])) >= {"xero", "זירו", "קסרו"}
    # What the row is about, in readers' words (its `about` field, or its text when that says it).
    assert {"daily", "יומי", "ביום", "לדקה"} <= set(words(f"{xero['about']} {re.sub('<[^>]+>', ' ', xero['text'])}"))
    assert {"daily", "יומי"} <= set(words(xero["about"]))
    timeout = entries["compare/limits/#zendesk-webhook-response-timeout"]
    assert {"timeout", "seconds", "שניות", "טיימאוט", "וובהוק"} <= set(
        words(f"{timeout['name']} {timeout['keys']} {timeout['about']}"))
    # A bullet that names a platform is found by its Hebrew spellings too.
    bullet = entries["services/int-crm-marketing/#hubspot-rate-limit"]
    assert {"הובספוט", "האבספוט"} <= set(words(bullet["keys"]))
    # A token's lifetime by "תוקף", not a rate limit.
    lifetime = entries["compare/auth/#quickbooks-access-token-lifetime"]
    assert "תוקף" in words(f"{lifetime['name']} {lifetime['keys']} {lifetime['about']}")
    assert "תוקף" not in words(f"{xero['keys']} {xero['about']}")


def test_every_platform_has_a_hebrew_spelling_and_each_spelling_one_platform(data_copy):
    from handbook.catalog import DataError, load_catalog

    path = data_copy / "platforms.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  xero: [זירו, קסרו, זרו, קסירו]\n", "  xero: [Xero]\n")
    text = text.replace("  zoom: [זום]\n", "  zoom: [זום, זנדסק]\n  no-such-platform: [משהו]\n")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_catalog(data_copy)
    problems = "\n".join(raised.value.problems)
    assert "data/platforms.yaml: platforms[7] (xero): no Hebrew spelling in spellings.xero" in problems
    assert "data/platforms.yaml: spellings.zoom[1]: duplicate spelling 'זנדסק'" in problems
    assert "spellings.no-such-platform" in problems


@pytest.mark.browser
@pytest.mark.parametrize("path, word", [("en/compare/limits/", "limit"), ("compare/limits/", "limit")])
def test_a_page_opened_from_a_result_highlights_words_only_where_they_start(served, path, word):
    # Material marks the words of `?h=` anywhere, "un<mark>limit</mark>ed" too; a mark
    # inside a word is undone (overrides/partials/search-query.html).
    base, browser = served
    with browser.new_context(viewport={"width": 1280, "height": 900}) as context:
        page = context.new_page()
        page.goto(f"{base}/{path}?h={word}")
        page.wait_for_selector("mark[data-md-highlight]", state="attached", timeout=10_000)
        page.wait_for_timeout(300)  # every text node is marked at once; the undoing follows at once
        marks = page.evaluate("""() => [...document.querySelectorAll('mark[data-md-highlight]')].map(m => {
            const before = m.previousSibling ? m.previousSibling.textContent : '';
            return [before.slice(-12), m.textContent, m.nextSibling ? m.nextSibling.textContent.slice(0, 6) : ''];
        })""")
        assert marks, f"nothing marked for {word!r} on {path}"
        inside = [m for m in marks if re.search(r"[A-Za-z0-9]$", m[0])]
        assert not inside, f"marks inside words on {path}: {inside[:5]}"
        # The words that start with it are marked, in both languages' pages.
        assert any(m[1].lower() == word for m in marks)
        # The page holds words that merely contain it ("unlimited"), which Material would mark.
        assert "unlimited" in page.evaluate("document.querySelector('article').innerText").lower()
