"""A reader reaches every page, in either language, and keeps their place: the
language switch keeps the address's anchor and query string, the sidebar leads to
every platform the same way on every page, and a missing English address answers
with an English page (navigation, search box, the theme's labels)."""

from __future__ import annotations

import posixpath
import re

import pytest

from conftest import LANGS
from handbook.strings import STRINGS

# ---------------------------------------------------------------------------
# The sidebar (hooks/navigation.py)
# ---------------------------------------------------------------------------

# Pages of every kind: the sidebar is the same on each.
PAGES = ["", "services/int-crm-marketing/", "platforms/", "platforms/hubspot/", "platforms/zoom/", "compare/auth/",
         "glossary/"]


def _platforms_section(soup, here: str):
    # The navigation's platforms section: the item whose link opens the platforms index.
    nav = soup.select_one("nav.md-nav--primary")
    for item in nav.select("li.md-nav__item--nested"):
        link = item.select_one(":scope > .md-nav__container > a, :scope > a")
        if link is not None and posixpath.normpath(here + link["href"]).endswith("platforms"):
            return item
    raise AssertionError("no platforms section in the navigation")


@pytest.mark.parametrize("lang", ["he", "en"])
def test_the_sidebar_leads_to_every_platform_the_same_way_on_every_page(catalog, html, lang):
    prefix = LANGS[lang]
    label = STRINGS[lang]["nav_full_list"].format(n=len(catalog.platforms))
    seen = set()
    for path in PAGES:
        section = _platforms_section(html(prefix + path), prefix + path)
        links = [(" ".join(a.get_text().split()), a["href"]) for a in section.select(":scope > nav ul a.md-nav__link")]
        # One entry, named for what it opens, to the index, which lists every platform.
        assert [text for text, _ in links] == [label], f"{prefix + path}: the platforms section lists {links}"
        href = links[0][1]
        target = posixpath.normpath(f"{prefix}{path}{href}") + "/"
        assert target == f"{prefix}platforms/", f"{prefix + path}: {href} leads to {target}"
        seen.add(tuple(text for text, _ in links))
    assert len(seen) == 1
    index = html(f"{prefix}platforms/")
    listed = {a["href"].strip("./").split("/")[0] for a in index.select("article a[href]")}
    missing = sorted(set(catalog.platforms) - listed)
    assert not missing, f"the {lang} platforms index does not link to {missing}"


# ---------------------------------------------------------------------------
# In a browser: the language switch, the English 404
# ---------------------------------------------------------------------------


def _switch(page, to: str) -> None:
    # As a reader does: the pointer on the language button, then a click on the language.
    page.locator(".md-select").first.hover()
    page.locator(f'a.md-select__link[hreflang="{to}"]').click()


@pytest.mark.browser
@pytest.mark.parametrize("start, to, wanted", [
    ("platforms/hubspot/#hubspot-burst-requests", "en", "en/platforms/hubspot/#hubspot-burst-requests"),
    ("en/platforms/hubspot/#hubspot-burst-requests", "he", "platforms/hubspot/#hubspot-burst-requests"),
    ("finder/?platform=hubspot&kind=rate-limit", "en", "en/finder/?platform=hubspot&kind=rate-limit"),
])
def test_the_language_switch_keeps_the_anchor_and_the_query_string(served, start, to, wanted):
    base, browser = served
    with browser.new_context(viewport={"width": 1280, "height": 900}) as context:
        page = context.new_page()
        page.goto(f"{base}/{start}")
        _switch(page, to)
        page.wait_for_url(f"{base}/{wanted}")
        assert page.evaluate("document.documentElement.lang") == to


@pytest.mark.browser
def test_the_language_switch_keeps_filters_chosen_on_the_page(served):
    # The finder writes its filters into the address as they change (history.replaceState).
    base, browser = served
    with browser.new_context(viewport={"width": 1280, "height": 900}) as context:
        page = context.new_page()
        page.goto(f"{base}/finder/")
        page.evaluate("history.replaceState(null, '', '?platform=xero#finder')")
        _switch(page, "en")
        page.wait_for_url(f"{base}/en/finder/?platform=xero#finder")


@pytest.mark.browser
def test_a_missing_english_address_answers_wholly_in_english(served):
    base, browser = served
    with browser.new_context(viewport={"width": 1280, "height": 900}) as context:
        page = context.new_page()
        # The Hebrew document stops as it starts (its `load` never comes): waited for by its content.
        response = page.goto(f"{base}/en/services/no-such-service/", wait_until="commit")
        assert response.status == 404
        page.wait_for_function("document.documentElement.lang === 'en' && document.querySelector('.md-nav--primary')"
                               " && document.documentElement.classList.contains('js')")
        assert page.url == f"{base}/en/services/no-such-service/"  # the reader still sees what was typed
        assert page.evaluate("document.documentElement.dir") == "ltr"
        assert page.locator("h1").first.text_content().strip() == "Page not found (404)"
        # No Hebrew letter anywhere the reader sees or hears: text, labels, placeholders, titles.
        shown = page.evaluate("""() => [document.title, document.body.innerText,
            ...[...document.querySelectorAll('[aria-label], [title], [placeholder]')].flatMap(e =>
                [e.getAttribute('aria-label'), e.getAttribute('title'), e.getAttribute('placeholder')])]
            .filter(Boolean).join(' ')""")
        hebrew = re.findall(r"\\S*[\u0590-\u05ff]+\\S*", shown)
        # The language switch names Hebrew in Hebrew ("עברית"), as on every English page.
        assert [w for w in hebrew if w != "עברית"] == [], hebrew
        # The search box searches the English site.
        page.locator(".md-search__input").click()
        page.keyboard.type("Zendesk timeout", delay=40)
        page.wait_for_selector(".md-search-result__link")
        links = page.evaluate("[...document.querySelectorAll('.md-search-result__link')].map(a => a.href)")
        assert links and all("/en/" in link for link in links), links
    with browser.new_context(viewport={"width": 1280, "height": 900}) as context:
        page = context.new_page()
        page.goto(f"{base}/services/no-such-service/")
        assert page.evaluate("document.documentElement.lang") == "he"
        assert page.locator('.hb-not-found[lang="he"] h1').text_content().strip() == STRINGS["he"]["not_found_title"]
