"""Search as the index reaches the page: fetched when the reader starts a search, not with
the page; the results answer the query in the box whenever the index arrives (typed at
40 ms a key, the index held back before, during or after the typing); a large index in two
parts; a phone's search button; a result's link highlighting its words. Apart from
test_search.py's queries so that the two run side by side (`make test`, pytest-xdist)."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import LANGS
from test_search import _open_recording_index_requests, _path


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
# Each query is released before, during and after its typing twice (the letters typed before
# the index arrives differ from round to round).
RACE_ROUNDS = 6
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
def test_a_large_index_answers_from_its_first_part_then_as_the_whole_once_that_arrives(served, site):
    # A large index is written as a first part naming the whole (hooks/search.py); the real
    # site's English index is served so here: its pages by name first, the whole held back.
    base, browser = served
    whole = (site / "en" / "search" / "search_index.json").read_text(encoding="utf-8")
    docs = json.loads(whole)
    first = {**docs, "docs": [{**d, "text": ""} for d in docs["docs"] if "#" not in d["location"]],
             "full": "search_index.full.json"}
    query = "Freshdesk"
    with browser.new_context(viewport={"width": 1280, "height": 900}) as context:
        page = context.new_page()
        page.goto(f"{base}/en/services/?q={query}")
        page.wait_for_selector(".md-search-result__link")
        expected = page.evaluate(_RESULTS)  # the whole index, fetched alone as today
        held, requested = [], []
        page.on("request", lambda r: "search_index" in r.url and requested.append(_path(r.url, base)))
        page.route("**/en/search/search_index.json", lambda route: route.fulfill(
            status=200, content_type="application/json", body=json.dumps(first)))
        page.route("**/en/search/search_index.full.json", lambda route: held.append(route))
        page.goto(f"{base}/en/services/", wait_until="domcontentloaded")
        page.locator(".md-search__input").click()
        page.keyboard.type(query, delay=40)
        page.wait_for_selector(".md-search-result__link")
        for _ in range(100):  # the route's handler runs when Playwright next listens
            if held:
                break
            page.wait_for_timeout(100)
        assert held, f"the whole index was not fetched after its first part: {requested}"
        partial = page.evaluate(_RESULTS)
        assert partial["links"] and partial != expected, partial  # the first part answers: pages only
        assert requested == ["en/search/search_index.json", "en/search/search_index.full.json"]
        held[0].fulfill(status=200, content_type="application/json", body=whole)
        try:
            page.wait_for_function(f"want => JSON.stringify(({_RESULTS})()) === JSON.stringify(want)",
                                   arg=expected, timeout=10_000)
        except Exception:
            pytest.fail(f"once the whole index arrived, the results are {page.evaluate(_RESULTS)}, wanted {expected}")


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
