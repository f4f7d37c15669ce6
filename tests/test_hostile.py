"""Hostile data: a site built from data with markup in every kind of field runs
none of it, shows all of it as text, and keeps every public anchor.

Data is input from outside (research documents are imported, reviews and
platforms typed by hand). The payloads below try each way out of where a value
lands: HTML text and attributes (`"><script>`, `<img onerror>`), the page head
(meta description, Open Graph), Markdown (`[x](javascript:...)`, attr_list's
`{: onmouseover=... }`, `{OAuth}` before a heading's `{#id}`, a blank line that
would end an HTML block), the search index (Material inserts results as HTML),
a spreadsheet (a CSV cell that starts with `=`).
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from browser import launch, serve
from conftest import LANGS, ROOT, copy_project, run_mkdocs
from handbook.catalog import load_catalog
from handbook.escaping import csv_cell, markdown_inline, yaml_str

sys.path.insert(0, str(ROOT / "scripts"))
from urls import public_urls  # noqa: E402

# Called by every payload that runs; the browser test defines it.
MARK = "hbXss"
# Attributes whose value a browser follows as a URL.
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "srcdoc", "poster", "background"}


def payload(field: str) -> str:
    """Markup for every context, named by `field` (letters only: the facts'
    number checks read digits). It ends like a heading's attribute list."""
    call = f"window.{MARK}('{field}')"
    return (f'{field} "><script>{call}</script> <img src=x onerror="{call}"> \'><svg onload={call}> '
            f"[link](javascript:{call}) ![pic](javascript:{call}) <javascript:{call}> `code` *em* _u_ "
            f"&amp; &#x3C;b&#x3E; C# {{OAuth}}\n\n[next](javascript:{call}) {{: onmouseover=\"{call}\" }}")


def shown(field: str) -> list[str]:
    """Pieces of `payload(field)` a reader must see, as text (whitespace collapsed)."""
    call = f"window.{MARK}('{field}')"
    return [f'"><script>{call}</script>', f'<img src=x onerror="{call}">', f"[link](javascript:{call})",
            "`code` *em* _u_ &amp; &#x3C;b&#x3E; C# {OAuth}", f'{{: onmouseover="{call}" }}']


# The payloads placed (field name -> the language of the pages that show it, or "both"): filled by `_hostile`.
FIELDS: dict[str, str] = {}


def _both(node: dict, key: str, name: str, prefix: str = "") -> None:
    # A text field in both languages gets a payload each (Hebrew and English pages),
    # after `prefix` (in which ORIGINAL stands for the field's value in the data).
    value = node[key] if isinstance(node[key], dict) else {"he": node[key], "en": node[key]}
    for lang in ("he", "en"):
        field = f"{name}{lang.title()}"
        FIELDS[field] = lang
        value[lang] = prefix.replace("ORIGINAL", value[lang]) + payload(field)
    node[key] = value


def _hostile(data: Path) -> None:
    """Payloads in every kind of field of the copy of data/ at `data`, with the
    cross-checks (a fact's words are in its bullet) still satisfied."""
    def load(name):
        return yaml.safe_load((data / name).read_text(encoding="utf-8"))

    def save(name, content):
        (data / name).write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")

    service = load("services/int-calendar.yaml")
    _both(service, "title", "serviceTitle")
    _both(service, "summary", "serviceSummary")
    for key in ("technical_requirements", "integrations", "prerequisites", "notes"):
        item = service[key][0]
        for lang in ("he", "en"):
            field = f"bullet{key.title().replace('_', '')}{lang.title()}"
            FIELDS[field] = lang
            item[lang] = f"{item[lang]} {payload(field)}"
    system = service["systems"][0]
    for lang in ("he", "en"):
        FIELDS[f"system{lang.title()}"] = lang
        system[lang] = f"{payload('system' + lang.title())} - {system[lang]}"
    save("services/int-calendar.yaml", service)

    platforms = load("platforms.yaml")
    hubspot = next(p for p in platforms["platforms"] if p["id"] == "hubspot")
    _both(hubspot, "name", "platformName")
    save("platforms.yaml", platforms)

    # A HubSpot fact: its subject, note and plan, and its words (in its bullet too).
    facts = load("facts/hubspot.yaml")
    fact = next(f for f in facts["facts"] if f["id"] == "hubspot-daily-requests")
    _both(fact, "subject", "factSubject", prefix="=HYPERLINK(\"http://127.0.0.1/\") ")
    # The research's own note and plan show where the research's figure is the answer
    # (a fact whose review gives no official figure).
    plain = next(f for f in facts["facts"] if f["id"] == "hubspot-oauth")
    plain["note"] = {"he": "הערה", "en": "note"}
    _both(plain, "note", "factNote")
    plain["plan"] = payload("factPlan")
    FIELDS["factPlan"] = "both"
    source = fact["sources"][0]  # the one the tables show as "As stated"
    _both(source, "stated", "factStated", prefix="@ ORIGINAL ")  # its numbers stay in its words
    save("facts/hubspot.yaml", facts)
    # The first review's claim: the research's words, so in its bullet too.
    reviews = load("reviews.yaml")
    review = reviews["reviews"][0]
    claimed = review["bullets"][0]
    assert claimed["service"] == "int-crm-marketing", claimed
    for lang in ("he", "en"):
        FIELDS[f"reviewClaim{lang.title()}"] = lang
        review["claim"][lang] = payload(f"reviewClaim{lang.title()}")
    _both(review, "official", "reviewOfficial")
    save("reviews.yaml", reviews)
    marketing = load("services/int-crm-marketing.yaml")
    for section in ("technical_requirements", "systems", "integrations", "prerequisites", "notes"):
        for item in marketing[section]:
            for lang in ("he", "en"):
                if item["id"] == source["bullet"]:
                    item[lang] = f"{item[lang]} {source['stated'][lang]}"
                if item["id"] == claimed["bullet"]:
                    item[lang] = f"{item[lang]} {review['claim'][lang]}"
    save("services/int-crm-marketing.yaml", marketing)

    glossary = load("glossary.yaml")
    term = next(t for t in glossary["terms"] if t["id"] == "api")  # explained on almost every page
    term["term"] = payload("glossaryTerm")
    FIELDS["glossaryTerm"] = "both"
    _both(term, "definition", "glossaryDefinition")
    save("glossary.yaml", glossary)

    takeaways = load("takeaways.yaml")
    _both(takeaways["groups"][0], "title", "takeawayGroup")
    first = takeaways["groups"][0]["takeaways"][0]
    for lang in ("he", "en"):
        FIELDS[f"takeaway{lang.title()}"] = lang
        first[lang] = f"{first[lang]} {payload('takeaway' + lang.title())}"
    save("takeaways.yaml", takeaways)

    links = load("takeaway-links.yaml")
    _both(links["links"][0], "name", "takeawayLink")
    save("takeaway-links.yaml", links)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The project with hostile data, built with `mkdocs build --strict`."""
    work = tmp_path_factory.mktemp("hostile")
    project = copy_project(work / "project")
    _hostile(project / "data")
    load_catalog(project / "data")  # valid data: a located error here would mean the test data is wrong
    result = run_mkdocs(project, work / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return work / "site"


def _pages(site: Path) -> dict[str, BeautifulSoup]:
    return {str(f.relative_to(site)): BeautifulSoup(f.read_text(encoding="utf-8"), "html.parser")
            for f in sorted(site.rglob("*.html"))}


@pytest.fixture(scope="module")
def hostile_pages(hostile_site) -> dict[str, BeautifulSoup]:
    return _pages(hostile_site)


# ---------------------------------------------------------------------------
# The built HTML
# ---------------------------------------------------------------------------


def test_no_handler_script_or_javascript_link_comes_from_data(hostile_pages):
    found = []
    for path, soup in hostile_pages.items():
        for el in soup.find_all(True):
            if el.name == "script" and MARK in (el.string or "") + el.get("src", ""):
                found.append(f"{path}: <script> {str(el)[:120]}")
            for name, value in el.attrs.items():
                value = " ".join(value) if isinstance(value, list) else value
                if MARK.lower() in name.lower():
                    found.append(f"{path}: <{el.name}> attribute named {name!r}")
                elif name.lower().startswith("on") and MARK in value:
                    found.append(f"{path}: <{el.name} {name}={value!r}>")
                elif name.lower() in _URL_ATTRIBUTES and value.strip().lower().startswith("javascript:"):
                    found.append(f"{path}: <{el.name} {name}={value!r}>")
    assert not found, f"{len(found)} live payloads:\n  " + "\n  ".join(found[:30])


def test_every_payload_is_shown_as_text(hostile_pages):
    text = {lang: " ".join(" ".join(soup.get_text(" ").split()) for path, soup in hostile_pages.items()
                           if path.startswith("en/") == (lang == "en"))
            for lang in LANGS}
    # The bidi isolation and the glossary's terms split the text into elements: compare without the spaces between them.
    flat = {lang: "".join(t.split()) for lang, t in text.items()}
    missing = [f"{field} ({lang}): {piece}" for field, where in FIELDS.items()
               for lang in (("he", "en") if where == "both" else (where,))
               for piece in shown(field) if "".join(piece.split()) not in flat[lang]]
    assert not missing, f"{len(missing)} payload pieces not shown:\n  " + "\n  ".join(missing[:30])


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_head_holds_the_title_and_summary_as_text(hostile_pages, lang):
    soup = hostile_pages[f"{LANGS[lang]}services/int-calendar/index.html"]
    title, summary = f"serviceTitle{lang.title()}", f"serviceSummary{lang.title()}"
    for piece in shown(title)[:3]:
        assert piece in soup.title.get_text(), piece
    for selector in ('meta[name="description"]', 'meta[property="og:description"]', 'meta[name="twitter:description"]'):
        assert soup.select_one(selector)["content"].endswith(payload(summary)), selector
    for selector in ('meta[property="og:title"]', 'meta[name="twitter:title"]'):
        assert payload(title) in soup.select_one(selector)["content"], selector
    # The navigation names the service by its title, as text.
    nav = " ".join(a.get_text(" ") for a in soup.select("nav.md-nav--primary a.md-nav__link"))
    assert shown(title)[0] in nav


def test_the_public_anchors_are_those_of_the_clean_data(site, hostile_site, hostile_pages):
    # As sets: rows are ordered by platform name, and HubSpot's name is a payload here.
    hostile, clean = set(public_urls(hostile_site)), set(public_urls(site))
    assert not clean - hostile and not hostile - clean, (sorted(clean - hostile)[:10], sorted(hostile - clean)[:10])
    # The takeaway group whose title ends in `{OAuth}` and an attribute list keeps its id.
    soup = hostile_pages["takeaways/index.html"]
    assert soup.select_one("h2#authentication") is not None
    assert shown("takeawayGroupHe")[0] in soup.select_one("h2#authentication").get_text()


def test_the_search_index_holds_the_payloads_as_text(hostile_site):
    import json

    for lang, prefix in LANGS.items():
        docs = json.loads((hostile_site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
        for doc in docs:
            for key in ("title", "text"):
                soup = BeautifulSoup(f"<div>{doc[key]}</div>", "html.parser")
                assert not soup.find(lambda el: el.name not in ("div", "p", "span", "mark")), (lang, key, doc[key][:200])


# ---------------------------------------------------------------------------
# Markdown and front matter, one value at a time
# ---------------------------------------------------------------------------

TRICKY = [payload("x"), "C# and F#", "a\\b `c` *d* _e_ [f](g) ![h](i) {j} {: #k } <l> &m; &#91;", "line\r\nbreak",
          'עברית "בע"מ" (2 מערכות)', "control \x00\x07\x1b\x7f\x80\x85\u2028\u2029\ufeff end"]


@pytest.mark.parametrize("value", TRICKY)
def test_a_heading_shows_its_value_as_text_with_the_id_it_is_given(value):
    import markdown
    from markupsafe import escape

    md = markdown.Markdown(extensions=["attr_list", "toc"])
    heading = BeautifulSoup(md.convert(f"## {markdown_inline(escape(value))} {{#given}}"), "html.parser").h2
    assert heading["id"] == "given" and list(heading.attrs) == ["id"]
    assert heading.find(True) is None, heading  # no link, image, code or emphasis
    assert heading.get_text() == value


@pytest.mark.parametrize("value", TRICKY)
def test_a_front_matter_string_reads_back_as_it_was(value):
    from mkdocs.utils.meta import get_data  # as MkDocs reads a page

    body, meta = get_data(f"---\ntitle: {yaml_str(value)}\n---\n\n# Body\n")
    assert meta == {"title": value} and body == "# Body\n"


# ---------------------------------------------------------------------------
# Exports
# ---------------------------------------------------------------------------


def test_the_json_export_holds_the_payloads_as_they_are(hostile_site):
    import json

    facts = json.loads((hostile_site / "api" / "v1" / "facts.json").read_text(encoding="utf-8"))
    fact = next(f for f in facts["facts"] if f["id"] == "hubspot-daily-requests")
    plain = next(f for f in facts["facts"] if f["id"] == "hubspot-oauth")
    assert fact["subject"]["en"].endswith(payload("factSubjectEn")) and plain["plan"] == payload("factPlan")


def test_csv_cells_that_start_like_a_formula_are_text(hostile_site):
    cells = []
    for file in sorted((hostile_site / "api" / "v1").glob("*.csv")):
        rows = list(csv.reader(io.StringIO(file.read_text(encoding="utf-8"))))
        assert len({len(r) for r in rows}) == 1, f"{file.name}: rows of different lengths"
        cells += [(file.name, c) for r in rows for c in r]
    formulas = [(name, c) for name, c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))
                and not c.lstrip("+-").replace(",", "").replace(".", "").isdigit()]
    assert not formulas, formulas[:5]
    # The subject and the words of the fact read back whole, after the quote.
    for field, start in (("factSubjectEn", '\'=HYPERLINK("http://127.0.0.1/") '), ("factStatedEn", "'@ ")):
        assert any(c.startswith(start) and payload(field) in c for name, c in cells if name.endswith(".en.csv")), field


@pytest.mark.parametrize("value, cell", [
    ("=1+1", "'=1+1"), ("+SUM(A1)", "'+SUM(A1)"), ("-2+3", "'-2+3"), ("@cmd", "'@cmd"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("-5", "-5"), ("+1,000", "+1,000"), ("-2.5", "-2.5"),  # a number stays a number
    ("10,000/day", "10,000/day"), ("", ""), ("a=b", "a=b"),
])
def test_a_csv_cell_is_neutralized_as_owasp_recommends(value, cell):
    assert csv_cell(value) == cell


# ---------------------------------------------------------------------------
# In the browser
# ---------------------------------------------------------------------------

# Pages where the payloads land (and the glossary's API term is explained).
BROWSER_PAGES = ["services/int-calendar/", "services/int-crm-marketing/", "platforms/hubspot/", "compare/",
                 "compare/rate-limits/", "takeaways/", "glossary/", "review/", "services/", ""]


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_nothing_runs_in_the_browser_and_search_results_show_the_payloads(hostile_site, lang):
    ran: list[str] = []
    with serve(hostile_site) as base, launch() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.add_init_script(f"window.{MARK} = (f) => {{ window.__hbRan = (window.__hbRan || []).concat([f]); }};")
        page.on("dialog", lambda d: (ran.append(f"dialog: {d.message}"), d.dismiss()))
        for path in BROWSER_PAGES:
            page.goto(f"{base}/{LANGS[lang]}{path}")  # its scripts (deferred) have run
            # Point at every glossary term and heading, as a reader's mouse would.
            for el in page.locator("article h1:visible, article h2:visible, article abbr.hb-term:visible").all()[:15]:
                el.hover(timeout=2000)
            ran += [f"{path}: {f}" for f in page.evaluate("window.__hbRan || []")]
        # A query that matches the payloads: the results render them (Material inserts them as HTML).
        page.goto(f"{base}/{LANGS[lang]}services/")
        page.locator(".md-search__input").click()
        page.locator(".md-search__input").press_sequentially("onerror")
        page.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0")
        results = page.locator(".md-search-result").inner_text()
        ran += [f"search: {f}" for f in page.evaluate("window.__hbRan || []")]
        page.close()
    assert not ran, ran
    assert "<script>" in results and f"{MARK}(" in results, results[:500]


# ---------------------------------------------------------------------------
# The Markdown outputs, as a CommonMark renderer reads them
# ---------------------------------------------------------------------------


def commonmark(text: str) -> str:
    """`text` rendered as assistants and previews render Markdown: CommonMark with
    raw HTML, and (as some renderers do) every link target followed."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True})
    md.validateLink = lambda url: True
    return md.render(text)


def _markdown_outputs(site: Path) -> dict[str, str]:
    # llms.txt and every Markdown twin that holds a payload.
    files = [site / "llms.txt"] + sorted(site.rglob("index.md"))
    texts = {str(f.relative_to(site)): f.read_text(encoding="utf-8") for f in files}
    return {name: text for name, text in texts.items() if MARK in text}


def live_payloads(html: str) -> list[str]:
    """What in rendered HTML would run or lead somewhere a payload chose."""
    found = []
    for el in BeautifulSoup(html, "html.parser").find_all(True):
        if el.name in ("script", "iframe", "object", "embed", "svg", "img", "math"):
            found.append(f"<{el.name}> {str(el)[:100]}")
        for name, value in el.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if name.lower().startswith("on") or MARK.lower() in name.lower():
                found.append(f"<{el.name} {name}={value!r}>")
            elif name.lower() in _URL_ATTRIBUTES and (MARK in value or value.strip().lower().startswith("javascript:")):
                found.append(f"<{el.name} {name}={value!r}>")
        if el.name in ("pre", "code") and MARK in el.get_text():
            found.append(f"<{el.name}> made of data: {el.get_text()[:100]!r}")  # Markdown read where HTML was
    return found


def test_llms_txt_holds_the_titles_as_text(hostile_site):
    llms = (hostile_site / "llms.txt").read_text(encoding="utf-8")
    html = commonmark(llms)
    assert not live_payloads(html), live_payloads(html)[:10]
    # The payload title reads back whole, as the link's text.
    texts = [a.get_text() for a in BeautifulSoup(html, "html.parser").find_all("a")]
    title = " ".join(payload("serviceTitleEn").split())
    assert any(title in text for text in texts), [t for t in texts if MARK in t][:3]


def test_the_markdown_twins_run_nothing_in_commonmark(hostile_site):
    outputs = _markdown_outputs(hostile_site)
    assert "en/services/int-calendar/index.md" in outputs and "llms.txt" in outputs, sorted(outputs)[:10]
    found = [f"{name}: {problem}" for name, text in outputs.items() for problem in live_payloads(commonmark(text))]
    assert not found, f"{len(found)} live payloads:\n  " + "\n  ".join(found[:30])


# NUL is U+FFFD to CommonMark (and refused in the data).
@pytest.mark.parametrize("value", TRICKY[:-1] + ["a\n\n## heading [next](http://example.com/) <img src=x onerror=x()>\n\n    code"])
def test_a_value_in_an_html_block_stays_in_it_for_commonmark(value):
    from handbook.escaping import html_text

    soup = BeautifulSoup(commonmark(f'<ul>\n<li title="{html_text(value)}">{html_text(value)}</li>\n</ul>\n'),
                         "html.parser")
    assert [el.name for el in soup.find_all(True)] == ["ul", "li"], soup
    assert " ".join(soup.li.get_text().split()) == " ".join(value.split())
    assert soup.li["title"] == value.replace("\r\n", "\n").replace("\r", "\n") or soup.li["title"] == value


@pytest.mark.parametrize("value", TRICKY)
def test_front_matter_shows_as_text_in_commonmark(value):
    soup = BeautifulSoup(commonmark(f"---\ntitle: {yaml_str(value)}\n---\n\n# Body\n"), "html.parser")
    # A rule, then the front matter as a heading (emphasis and code spans at most), then the body.
    assert [el.name for el in soup.find_all(True) if el.name not in ("em", "strong", "code")] == ["hr", "h2", "h1"], soup


@pytest.mark.browser
def test_nothing_runs_in_the_browser_from_the_markdown_outputs(hostile_site):
    # One browser for every output: each rendered document is opened in turn.
    outputs = _markdown_outputs(hostile_site)
    ran: list[str] = []
    with launch() as browser:
        page = browser.new_page()
        page.on("dialog", lambda d: (ran.append(f"dialog: {d.message}"), d.dismiss()))
        # set_content does not navigate (no init script): the page defines the flag itself.
        flag = f"<script>window.{MARK} = (f) => {{ window.__hbRan = (window.__hbRan || []).concat([f]); }};</script>"
        for name, text in outputs.items():
            page.set_content(f"<!doctype html><html><head>{flag}</head><body>{commonmark(text)}</body></html>",
                             wait_until="load")
            # Hover and focus every element, as a reader's mouse and keyboard would.
            page.evaluate("""() => { for (const el of document.body.querySelectorAll('*')) {
                for (const type of ['mouseover', 'focus', 'click']) {
                    if (type === 'click' && el.closest('a')) continue;
                    el.dispatchEvent(new Event(type, {bubbles: true}));
                } } }""")
            page.wait_for_timeout(50)
            ran += [f"{name}: {f}" for f in page.evaluate("window.__hbRan || []")]
            ran += [f"{name}: javascript: link {h}" for h in page.evaluate(
                "[...document.querySelectorAll('[href],[src]')].map(e => e.getAttribute('href') || e.getAttribute('src'))"
                ".filter(h => /^\\\\s*javascript:/i.test(h))")]
        page.close()
    assert len(outputs) > 4
    assert not ran, ran[:20]
