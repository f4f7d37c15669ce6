"""The built site, as a reader and a search engine get it."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlparse

import pytest

from conftest import LANGS, LOCAL_SITE_URL

SECTION_IDS = ["technical-requirements", "systems", "integrations", "prerequisites", "notes"]
SITE_URL = LOCAL_SITE_URL  # the tests build for this machine (conftest.run_mkdocs)


def service_urls(catalog, lang):
    return [f"{LANGS[lang]}services/{s.id}/" for s in catalog.services]


@pytest.mark.parametrize("lang, direction", [("he", "rtl"), ("en", "ltr")])
def test_every_service_page_exists_with_language_and_direction(catalog, html, lang, direction):
    for url in service_urls(catalog, lang):
        page = html(url)
        assert page.html["lang"] == lang and page.html["dir"] == direction, url
        assert page.body["dir"] == direction, url


def test_sections_and_bullets_have_the_same_anchors_in_both_languages(catalog, html):
    for s in catalog.services:
        ids = {}
        for lang in LANGS:
            content = html(f"{LANGS[lang]}services/{s.id}/").select_one("article")
            ids[lang] = [e["id"] for e in content.select("h2[id]:not(#facts), li[id]")]  # facts: test_fact_pages
        assert ids["he"] == ids["en"], s.id
        expected = [i.id for key, items in zip(SECTION_IDS, [s.section(k) for k in
                    ("technical_requirements", "systems", "integrations", "prerequisites", "notes")]) for i in items]
        assert [i for i in ids["he"] if i not in SECTION_IDS] == expected
        assert [i for i in ids["he"] if i in SECTION_IDS] == SECTION_IDS


def test_hebrew_bullets_read_verbatim_on_the_page(catalog, html):
    for s in catalog.services:
        page = html(f"services/{s.id}/")
        for _, item in s.bullets():
            li = page.find("li", id=item.id)
            assert li.select_one(".hb-text").get_text() == item.he, f"{s.id}#{item.id}"


def test_english_bullets_on_the_page(catalog, html):
    for s in catalog.services:
        page = html(f"en/services/{s.id}/")
        for _, item in s.bullets():
            assert page.find("li", id=item.id).select_one(".hb-text").get_text() == item.en


def test_latin_runs_in_hebrew_are_isolated(html):
    page = html("services/whatsapp-api-setup/")
    isolated = [span.get_text() for span in page.select('article span[dir="ltr"]')]
    for run in ["+972501234567", "050-123-4567", "base64(HMACSHA256(timestamp + body))", "24-48",
                # a run ends at ": ", and a number read with its Hebrew unit stands beside it (bidi.py)
                "Rate limits", "Tier 1", "1,000", "Cost", "$0.005-0.05"]:
        assert run in isolated, run
    simple = html("services/integration-simple/")
    runs = [span.get_text() for span in simple.select('article span[dir="ltr"]')]
    assert "System A → System B" in runs and "exponential backoff (1s, 2s, 4s...)" in runs
    marketing = html("services/int-crm-marketing/")
    assert "160 requests/10s" in " ".join(s.get_text() for s in marketing.select('article span[dir="ltr"]'))


def test_headings_have_explicit_ids_not_numbered_slugs(site):
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'<h[1-6] id="_\d*"', text), page


@pytest.mark.parametrize("lang, other", [("he", "en"), ("en", "he")])
def test_switcher_and_hreflang_lead_to_the_same_page(catalog, html, lang, other):
    urls = [""] + ["services/", "takeaways/"] + [f"services/{s.id}/" for s in catalog.services]
    for url in urls:
        page = html(LANGS[lang] + url)
        here = SITE_URL + LANGS[lang] + url
        alternates = {l["hreflang"]: l["href"] for l in page.select('link[rel="alternate"][hreflang]')}
        assert alternates == {lang: here, other: SITE_URL + LANGS[other] + url, "x-default": SITE_URL + url}, url
        switch = {a["hreflang"]: a["href"] for a in page.select("a.md-select__link[hreflang]")}
        assert urljoin(here, switch[other]) == SITE_URL + LANGS[other] + url, url


def test_integrations_are_drawn_with_their_direction(catalog, html):
    page = html("en/services/int-crm-marketing/")
    flows = page.select("#integrations ~ ul .hb-flow")
    service = next(s for s in catalog.services if s.id == "int-crm-marketing")
    assert len(flows) == sum(1 for i in service.integrations if i.drawn) > 1  # every flow the data draws
    first = flows[0]
    assert [n.get_text() for n in first.select(".hb-node")] == ["CRM Platform", "Marketing Automation Platform"]
    assert "One-way" in first.get_text()
    assert "Two-way" in flows[-1].get_text()


def test_prerequisites_are_a_checklist(catalog, html):
    s = catalog.service("int-crm-support")
    page = html("services/int-crm-support/")
    boxes = page.select('#prerequisites ~ ul.hb-checklist input[type="checkbox"]')
    assert len(boxes) == len(s.prerequisites)
    # Each box is labelled by its prerequisite.
    assert boxes[0].find_parent("label").select_one(".hb-text").get_text() == s.prerequisites[0].he


def test_home_lists_every_service(catalog, html):
    for lang in LANGS:
        rows = html(LANGS[lang]).select("table.hb-services tbody tr")
        assert len(rows) == len(catalog.services)
        for row, s in zip(rows, catalog.services):
            cells = [c.get_text() for c in row.select("td")]
            assert cells[0] == str(s.number) and cells[1] == s.title[lang] and cells[2] == s.summary[lang]
            assert cells[4] == str(len(s.systems))
            assert row.select_one("a")["href"] == f"services/{s.id}/"


def test_takeaways_page_has_every_takeaway_with_an_anchor(catalog, html):
    for lang in LANGS:
        page = html(LANGS[lang] + "takeaways/")
        for group in catalog.takeaways.groups:
            assert page.find("h2", id=group.id).get_text().strip().rstrip("#").strip() == group.title[lang]
            for t in group.takeaways:
                assert page.find("li", id=t.id).select_one(".hb-text").get_text() == t[lang]


def test_generated_pages_are_in_nav_search_and_sitemap(catalog, site, html):
    # Every service is linked from the services index, and its page is the
    # active entry of its own navigation (tests/test_scale.py: long catalogs).
    for lang in LANGS:
        index = [a["href"] for a in html(f"{LANGS[lang]}services/").select("table.hb-services a")]
        assert index == [f"{s.id}/" for s in catalog.services], lang
        for s in catalog.services:
            nav = html(f"{LANGS[lang]}services/{s.id}/").select_one("nav.md-nav--primary")
            assert nav.select_one("a.md-nav__link--active")["href"] == "./", (lang, s.id)
    for prefix in LANGS.values():  # one index per language, locations relative to its root
        index = json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
        locations = {d["location"] for d in index["docs"]}
        for s in catalog.services:
            assert f"services/{s.id}/" in locations
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for s in catalog.services:
        assert f"<loc>{SITE_URL}services/{s.id}/</loc>" in sitemap
        assert f"{SITE_URL}en/services/{s.id}/" in sitemap


def test_nothing_loads_from_another_host(site):
    css_url = re.compile(r"url\(\s*['\"]?([^'\")]+)")
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for tag, attr in (("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"), ("iframe", "src")):
            for m in re.finditer(rf"<{tag}\b[^>]*\b{attr}=\"([^\"]+)\"", text):
                url = m[1]
                if tag == "link" and re.search(r'rel="(alternate|canonical)"', m[0]):
                    continue  # addresses of this site, not loaded
                assert not urlparse(url).netloc, f"{page}: {m[0]}"
    for css in site.rglob("*.css"):
        for url in css_url.findall(css.read_text(encoding="utf-8")):
            assert not urlparse(url).netloc or url.startswith("data:"), f"{css}: {url}"
    assert not list(site.rglob("*fonts.googleapis*"))


def test_the_site_serves_a_font_with_hebrew_glyphs(site, html):
    css = (site / "assets" / "fonts.css").read_text(encoding="utf-8")
    assert "U+0590-05FF" in css and "heebo-hebrew" in css
    assert (site / "assets" / "fonts" / "heebo-hebrew-wght-normal.woff2").stat().st_size > 5000
    for lang in LANGS:
        links = [l["href"] for l in html(LANGS[lang]).select('link[rel="stylesheet"]')]
        assert any(h.endswith("assets/fonts.css") for h in links)


def test_the_site_publishes_no_build_sources(site):
    # What a reader can fetch is the pages, their assets and the exports; the
    # generator's templates, Python and the data's YAML stay in the repository.
    leaked = [p.relative_to(site).as_posix() for p in site.rglob("*")
              if p.is_file() and p.suffix in {".j2", ".py", ".pyc", ".yaml", ".yml"}]
    assert not leaked, leaked
