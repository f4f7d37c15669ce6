"""The Zensical path (make site-zensical): the export built by Zensical 0.1.1, both
languages, as a user runs it (subprocesses), then read back as a reader gets it.

Every exported page is served, every comparison table with all its rows, every citation
control; each language's navigation is in its words and order; the site's scripts and
stylesheets are on every page; each language's search holds the handbook's entries, each
landing on an anchor that is there. No browser: the files themselves.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from conftest import ROOT
from handbook.languages import ENGLISH, HEBREW, LANGUAGES
from handbook.strings import STRINGS
from handbook.zensical import config_path, site_dir

ZENSICAL = Path(sys.executable).with_name("zensical")
_HEBREW_LETTER = re.compile("[\u05d0-\u05ea]")
_CITE = re.compile(r'<button\b[^>]*\bclass="hb-cite"')
_FACT_TABLE = re.compile(r'<table class="hb-fact-table" id="([^"]+)"')


def _run(*args: str) -> subprocess.CompletedProcess:
    done = subprocess.run(args, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> Path:
    """The steps of `make site-zensical`, into a folder of the test's own."""
    if not ZENSICAL.is_file():
        pytest.fail(f"{ZENSICAL}: missing: requirements.txt pins zensical (make installs it)", pytrace=False)
    build = tmp_path_factory.mktemp("zensical-build")
    _run(sys.executable, "-m", "handbook", "zensical-config", str(build))
    for lang in LANGUAGES:  # the default language first: its site holds the others
        _run(str(ZENSICAL), "build", "--strict", "-f", str(config_path(build, lang)))
    _run(sys.executable, "-m", "handbook", "zensical-finish", str(build))
    return build


def _exported(build: Path, lang) -> dict[str, str]:
    """Each exported page of `lang` by its URL within the language: its Markdown."""
    docs = build / "markdown" / lang.code
    pages = {}
    for source in sorted(docs.rglob("*.md")):
        rel = source.relative_to(docs).with_suffix("")
        url = "" if rel.as_posix() == "index" else (rel.parent if rel.name == "index" else rel).as_posix() + "/"
        pages[url] = source.read_text(encoding="utf-8")
    return pages


def _built(build: Path, lang, url: str) -> Path:
    return site_dir(build, lang) / url / "index.html"


@functools.lru_cache(maxsize=None)
def _tree(path: Path):
    # lxml, not BeautifulSoup: every page of both languages in a quarter of a second.
    return lxml.html.fromstring(path.read_bytes())


@functools.lru_cache(maxsize=None)
def _ids(path: Path) -> frozenset[str]:
    return frozenset(_tree(path).xpath("//@id"))


def _text(node) -> str:
    return " ".join(node.text_content().split())


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_every_exported_page_is_served_in_its_language(build, lang):
    pages = _exported(build, lang)
    assert len(pages) > 60
    missing = [url for url in pages if not _built(build, lang, url).is_file()]
    assert not missing, f"exported but not built ({lang.code}): {missing}"
    for url in ("", "services/", "compare/rate-limits/"):
        html = _tree(_built(build, lang, url))
        assert html.get("lang") == lang.code
        assert html.find("body").get("dir") == lang.direction, f"{lang.code}/{url}: the page's direction"


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_every_table_and_citation_control_is_there(build, lang):
    tables = cites = 0
    for url, markdown in _exported(build, lang).items():
        page = _tree(_built(build, lang, url))
        for table_id in _FACT_TABLE.findall(markdown):
            table = page.xpath(f'//article//table[@id="{table_id}"]')
            assert table, f"{lang.code}/{url}: the table #{table_id} is missing"
            section = markdown.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
            rows = len(re.findall(r"<tr\b[^>]*\bid=", section))
            assert len(table[0].xpath("./tbody/tr[@id]")) == rows > 0, f"{lang.code}/{url}: #{table_id}'s rows"
            tables += 1
        # A page of wide tables is marked wide for handbook.css, as the MkDocs site marks it.
        wide = bool(re.search(r"^wide: true$", markdown.split("\n---\n", 1)[0], re.M))
        assert bool(page.xpath('//article//*[@class="hb-wide"]')) == wide, f"{lang.code}/{url}: wide is {wide}"
        expected = len(_CITE.findall(markdown))
        controls = page.xpath('//article//button[@class="hb-cite"]')
        assert len(controls) == expected, f"{lang.code}/{url}: {len(controls)} citation controls, exported {expected}"
        # Each copies what its template holds (cite.js): the lines came through too.
        for button in controls:
            template = button.getnext()
            assert template is not None and template.tag == "template", f"{lang.code}/{url}: a control without its lines"
            assert 'class="hb-cite-line' in lxml.html.tostring(template, encoding="unicode"), f"{lang.code}/{url}"
        cites += expected
    assert tables >= 5 and cites > 100, (tables, cites)


def _nav(build: Path, lang) -> list[tuple[int, str, str]]:
    """The primary navigation of the language's home: (depth, label, address) in order."""
    nav = _tree(_built(build, lang, "")).xpath('//nav[contains(@class, "md-nav--primary")]/ul')[0]
    found = []

    def walk(ul, depth):
        for li in ul.xpath("./li"):
            label = li.xpath(".//a|.//label")[0]
            found.append((depth, _text(label), label.get("href", "")))
            sub = li.xpath(".//ul")
            if sub:
                walk(sub[0], depth + 1)
    walk(nav, 0)
    return found


def test_each_languages_navigation_is_in_its_words_and_order(build, catalog):
    for lang in LANGUAGES:
        nav = _nav(build, lang)
        labels = [label for _, label, _ in nav]
        top = [label for depth, label, _ in nav if depth == 0]
        words = STRINGS[lang.code]
        assert top[0] == words["site_name"] and top[-1] == words["glossary"], top
        for section in ("compare", "platforms", "services"):
            assert words[section] in top, f"{lang.code}: the section {words[section]!r} in {top}"
        services = [label for label in labels if re.match(r"\d+\. ", label)]
        assert [int(s.split(".")[0]) for s in services] == sorted(s.number for s in catalog.services)
        hebrew = [label for label in top if _HEBREW_LETTER.search(label)]
        if lang is HEBREW:
            assert hebrew == top, f"Hebrew navigation items not in Hebrew: {set(top) - set(hebrew)}"
        else:
            assert not hebrew, f"English navigation items in Hebrew: {hebrew}"
        # Every page in it is a page of this language's site.
        root = site_dir(build, lang)
        for _, label, href in nav:
            if href and not href.startswith("#"):
                assert (root / href / "index.html").resolve().is_file(), f"{lang.code}: {label} -> {href}"


def test_the_language_switch_leads_to_the_other_language(build):
    for lang, other in ((HEBREW, ENGLISH), (ENGLISH, HEBREW)):
        page = _built(build, lang, "compare/")
        links = {a.get("hreflang"): a.get("href") for a in _tree(page).xpath("//a[@hreflang]")}
        target = (page.parent / links[other.code]).resolve()
        assert target == site_dir(build, other).resolve() or target / "index.html" == \
            (site_dir(build, other) / "index.html").resolve(), (lang.code, links)


def test_the_sites_scripts_and_stylesheets_are_on_every_page(build):
    import yaml

    config = yaml.safe_load(config_path(build, HEBREW).read_text(encoding="utf-8"))
    scripts = [s["path"] for s in config["extra_javascript"]]
    styles = config["extra_css"]
    assert "assets/javascripts/cite.js" in scripts and "assets/handbook.css" in styles
    for lang in LANGUAGES:
        root = site_dir(build, lang)
        for path in scripts + styles:
            assert (root / path).is_file(), f"{lang.code}: {path} not copied"
        for url in ("", "compare/auth/", "services/int-calendar/"):
            html = _tree(_built(build, lang, url))
            loaded = {src.split("assets/", 1)[-1] for src in html.xpath("//script/@src")}
            linked = {href.split("assets/", 1)[-1] for href in html.xpath('//link[@rel="stylesheet"]/@href')}
            assert {p.split("assets/", 1)[1] for p in scripts} <= loaded, f"{lang.code}/{url}: scripts"
            assert {p.split("assets/", 1)[1] for p in styles} <= linked, f"{lang.code}/{url}: stylesheets"


def test_each_languages_search_holds_the_handbooks_entries(build):
    for lang in LANGUAGES:
        root = site_dir(build, lang)
        index = json.loads((root / "search.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [lang.code]
        items = index["items"]
        # An entry per bullet and fact row (`data-search`), each on an anchor its page has.
        anchored = [i for i in items if "#" in i["location"]]
        assert len(anchored) > 500
        ids: dict[str, set[str]] = {}
        for item in anchored:
            page, anchor = item["location"].split("#", 1)
            if page not in ids:
                ids[page] = set(_tree(root / page / "index.html").xpath("//article//@id"))
            assert anchor in ids[page], f"{lang.code}: {item['location']} has no such anchor"
        # No entry is in the other language's site, and its titles are in its language.
        other = [o for o in LANGUAGES if o is not lang][0]
        assert not any(i["location"].startswith(other.prefix) for i in items if other.prefix)
        pages = {i["title"] for i in items if "#" not in i["location"]}
        assert STRINGS[lang.code]["glossary"] in pages


def test_hebrew_search_finds_a_word_without_its_prefix_letters(build):
    # "סנכרון" finds the bullet that says "לסנכרון": the prefixless form is in the entry's
    # hidden words (Zensical matches words by their start), hidden from the result it shows.
    items = json.loads((site_dir(build, HEBREW) / "search.json").read_text(encoding="utf-8"))["items"]
    hidden = re.compile(r'^<span hidden="hidden">([^<]*)</span>')
    found = []
    for item in items:
        m = hidden.match(item["text"])
        shown = item["text"][m.end():] if m else item["text"]
        if m and "לסנכרון" in shown and "סנכרון" in m[1].split() and not re.search(r"(^|\s)סנכרון", shown):
            found.append(item["location"])
    assert found, "no entry says לסנכרון and is found by סנכרון"


def test_the_search_separator_is_a_valid_unicode_regexp(build):
    # Zensical's search compiles the index's separator with the `u` flag, which refuses
    # what a plain RegExp allows (an escaped quote): a bad one stops the search.
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to compile the separator as the browser does", pytrace=False)
    index = json.loads((site_dir(build, HEBREW) / "search.json").read_text(encoding="utf-8"))
    script = "const s = process.argv[1]; console.log('a,b 10,000 ב-API'.split(new RegExp(s, 'gu')).join('|'))"
    done = subprocess.run([node, "-e", script, index["config"]["separator"]], capture_output=True, text=True,
                          timeout=30)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "a|b|10,000|ב|API"


def test_every_link_between_pages_lands(build):
    # Zensical reads a relative link from the page's source, not its address: a link written
    # for the address missed by a folder (1,581 of them did). Every page, file and anchor is there.
    from urllib.parse import unquote, urlsplit

    site = (build / "zensical").resolve()
    broken, checked = [], 0
    for page in sorted(site.rglob("index.html")):
        for link in _tree(page).xpath("//a/@href|//script/@src|//link/@href|//img/@src"):
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            checked += 1
            target = (page.parent / unquote(parts.path)).resolve()
            target = target / "index.html" if target.is_dir() else target
            if not target.is_file():
                broken.append(f"{page.parent.relative_to(site)}/: {link}")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _ids(target):
                broken.append(f"{page.parent.relative_to(site)}/: {link} (no such anchor)")
    assert checked > 5000
    assert not broken, f"{len(broken)} of {checked} links lead nowhere, e.g. {broken[:5]}"


def test_finishing_before_a_build_says_what_to_run(tmp_path):
    done = subprocess.run([sys.executable, "-m", "handbook", "zensical-finish", str(tmp_path)], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")}, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "no built site" in done.stderr and "zensical-he.yml" in done.stderr, done.stderr


# Zensical's own search worker (zensical-ui's), run in node over the index written here:
# (language, query, where its first three results must include).
SEARCHES = [
    ("he", "משתתפים", "services/int-calendar/#attendees-sync"),  # the research says המשתתפים
    ("he", "אזעקות", "services/integration-complex/#logging"),  # ואזעקות
    ("he", "מגבלת קצב של שופיפיי", "compare/rate-limits/#shopify-rate-limit"),  # a platform's Hebrew spelling
    ("he", "זירו יומי", "compare/rate-limits/#xero-rate-limit"),  # a window in everyday Hebrew
    ("he", "500000", "services/int-crm-accounting/#quickbooks-rate-limit"),  # written 500,000
    ("en", "Xero daily limit", "compare/rate-limits/#xero-rate-limit"),
    ("en", "16MB", "services/int-ecommerce/#webhook-payload-size"),  # written 16 MB
]
_WORKER_RUN = """
const fs = require('fs'), vm = require('vm');
const [worker, index, queries] = process.argv.slice(1);
const messages = [], self = {postMessage: m => messages.push(m)};
const context = {self, Intl, console, URL, TextEncoder};
vm.createContext(context);
vm.runInContext(fs.readFileSync(worker, 'utf8'), context);
const data = JSON.parse(fs.readFileSync(index, 'utf8'));
const until = async type => { while (!messages.some(m => m.type === type || m.type === 4)) await new Promise(r => setTimeout(r, 5)); };
(async () => {
  self.onmessage({data: {type: 0, data}}); await until(1);
  const found = {};
  for (const input of JSON.parse(queries)) {
    messages.length = 0;
    const filter = {input: {type: 'operator', data: {operator: 'and', operands: []}},
                    aggregation: {input: [{type: 'term', data: {field: 'tags'}}]}};
    self.onmessage({data: {type: 2, data: {input, filter}}});
    await until(3);
    const result = messages.find(m => m.type === 3);
    found[input] = result ? result.data.items.slice(0, 3).map(i => data.items[i.id].location) : null;
  }
  console.log(JSON.stringify(found));
})();
"""


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_zensicals_search_finds_what_readers_type(build, lang):
    import zensical_ui

    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to run Zensical's search worker", pytrace=False)
    worker = next((Path(zensical_ui.__file__).parent / "templates" / "assets" / "javascripts" / "workers")
                  .glob("search.*.js"))
    queries = [(q, where) for code, q, where in SEARCHES if code == lang.code]
    done = subprocess.run([node, "-e", _WORKER_RUN, str(worker), str(site_dir(build, lang) / "search.json"),
                           json.dumps([q for q, _ in queries])], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    missed = {q: found[q] for q, where in queries if where not in (found[q] or [])}
    assert not missed, f"{lang.code}: not among the first three: {missed}"
