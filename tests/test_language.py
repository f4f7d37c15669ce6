"""Each language reads as its own (issue 18), over every built page.

English pages carry no Hebrew letter outside the language switcher (a bullet
not yet translated shows its Hebrew marked `lang="he"` with a notice, the only
place an English page offers the Hebrew). Hebrew pages carry no interface word
left in English: the site's own words, headings, table headings, labels,
buttons, captions, summaries and the titles and labels read by assistive
technology have Hebrew in them, unless they are a product's name or the
research's own words (a glossary entry is headed by its term, the research's
own Latin). No browser: the built HTML is read as it is served.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT
from handbook.strings import STRINGS

HEBREW = re.compile(r"[\u0590-\u05FF]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
ISOLATES = "\u2066\u2067\u2068\u2069\u200e\u200f"

# The Hebrew words of the interface (strings.py) that stay Latin, and why.
LATIN_STRINGS = {
    "category_crm": "CRM is the research's own term for the category (its services are named for it), "
                    "and readers know it so; a Hebrew gloss would be longer than the platforms it heads",
    "unlimited_units": "a pattern ('{units} {amount}'), no word: where Hebrew puts 'unlimited'",
    **{f"unit_{form}_{unit}": why for unit, why in (
        ("webhook", "the research keeps webhooks in Latin on its Hebrew pages"),
        ("credit", "HubSpot's 'API credits' are the vendor's name for them, kept in Latin by the research"),
        ("multiple", "'×' is a sign, in every language"),
    ) for form in ("one", "other", "exactly_one")},
}
# The takeaway markers' Hebrew names (data/takeaway-links.yaml) that stay Latin, and why.
LATIN_TAKEAWAY_NAMES = {
    "oauth-2-1-new-standard": "OAuth 2.1 is a standard's name, which has no Hebrew",
}

# Where a Hebrew page shows words that are not the interface's: the research's
# text (a bullet, a quoted bullet in a link's title), product and plan names,
# glossary terms in running text, code. Each is taken out before the check.
NOT_INTERFACE = ", ".join([
    "script", "style", "code", "pre",
    ".md-select",  # the language switcher names each language in its own
    '[lang="en"]',  # the 404 page's English part
    'fieldset[data-filter="platform"] label.hb-chip, fieldset[data-filter="plan"] label.hb-chip',  # the finder's
    # chips for platforms and plans name products and the vendors' plans, as the plan filter does
    ".headerlink", ".hb-anchor",  # "#"
    ".hb-text",  # a bullet's text: the research, verbatim
    "abbr",  # a glossary term inside the research's text
    ".hb-platform", ".hb-node",  # product names (tags, flow diagrams)
    ".md-nav__link",  # the navigation repeats the pages' titles, checked on their pages
    "select option[value]:not([value=''])",  # a vendor's plan names
])
INTERFACE = ("h1, h2, h3, h4, h5, h6, th, caption, label, button, legend, summary, dt, .hb-label, .hb-mark,"
             " .md-button, output")
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")


def _pages(site: Path, english: bool) -> list[Path]:
    pages = sorted(site.rglob("*.html"))
    return [p for p in pages if (p.relative_to(site).parts[0] == "en") == english]


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def _clean(text: str) -> str:
    return " ".join(text.translate({ord(c): None for c in ISOLATES}).split())


@pytest.fixture(scope="module")
def known(catalog) -> dict[str, set[str]]:
    return _known(catalog)


def _known(catalog) -> dict[str, set[str]]:
    """Latin that a Hebrew page may show alone: anywhere, a product's name or the
    research's own words; in a glossary entry's heading (`dt`), its term."""
    names = {p.name["he"] for p in catalog.platforms.values()} | {p.name["en"] for p in catalog.platforms.values()}
    research = {item.he for s in catalog.services for _, item in s.bullets()}
    research |= {t.he for g in catalog.takeaways.groups for t in g.takeaways}
    glossary = yaml.safe_load((ROOT / "data" / "glossary.yaml").read_text(encoding="utf-8"))["terms"]
    terms = {t["term"] for t in glossary} | {f"{t['term']} ({t['expansion']})" for t in glossary if t.get("expansion")}
    anywhere = {_clean(x) for x in names | research}
    return {"*": anywhere, "dt": anywhere | {_clean(x) for x in terms}}


# ---------------------------------------------------------------------------
# The words in the data
# ---------------------------------------------------------------------------


def test_every_hebrew_interface_word_is_hebrew():
    latin = {k: v for k, v in STRINGS["he"].items() if not HEBREW.search(v)}
    assert set(latin) <= set(LATIN_STRINGS), {k: v for k, v in latin.items() if k not in LATIN_STRINGS}
    assert all(k in STRINGS["he"] and not HEBREW.search(STRINGS["he"][k]) for k in LATIN_STRINGS), \
        "an allowed Latin word that is no longer Latin (or gone) leaves the list"


def test_every_takeaway_marker_has_a_hebrew_name(catalog):
    names = {lt.id: lt.name.he for lt in catalog.takeaway_links.takeaways}
    latin = {k: v for k, v in names.items() if not HEBREW.search(v)}
    assert set(latin) <= set(LATIN_TAKEAWAY_NAMES), latin
    # Where a Latin term is kept beside the Hebrew, the Hebrew comes first, the term after it.
    for tid, name in names.items():
        if HEBREW.search(name) and "(" in name:
            assert re.fullmatch(r"[^()]*[\u0590-\u05FF][^()]* \([^()\u0590-\u05FF]+\)", name), (tid, name)


# ---------------------------------------------------------------------------
# The built pages
# ---------------------------------------------------------------------------


def _hebrew_on_english(site: Path, pages: list[Path]) -> list[str]:
    found = []
    for path in pages:
        soup = _soup(path)
        where = path.relative_to(site).as_posix()
        for e in soup.select(".md-select, script, style"):
            e.decompose()
        # The Hebrew of a bullet not translated yet, marked and with its notice beside it.
        for e in soup.select('[lang="he"]'):
            if not ("hb-hebrew" in (e.get("class") or []) and e.find_next_sibling(class_="hb-untranslated")):
                found.append(f"{where}: <{e.name} lang=he>: {e.get_text()[:60]}")
            e.decompose()
        for text in soup.find_all(string=HEBREW):
            found.append(f"{where}: <{text.parent.name}>: {text.strip()[:60]}")
        for e in soup.find_all(True):
            for attr in (*ATTRIBUTES, "content"):
                if HEBREW.search(e.get(attr) or ""):
                    found.append(f"{where}: <{e.name} {attr}>: {e[attr][:60]}")
    return found


def _latin_on_hebrew(site: Path, pages: list[Path], known: dict[str, set[str]]) -> list[str]:
    found = []
    for path in pages:
        soup = _soup(path)
        where = path.relative_to(site).as_posix()
        # Attributes first (a bullet's quoted text in a link's title is the research's).
        for e in soup.select(", ".join(f"[{a}]" for a in ATTRIBUTES)):
            if e.find_parent(attrs={"lang": "en"}) or e.name == "abbr" or "md-select__link" in (e.get("class") or []):
                continue
            for attr in ATTRIBUTES:
                value = _clean(e.get(attr) or "")
                if LATIN_WORD.search(value) and not HEBREW.search(value) and value not in known["*"]:
                    found.append(f"{where}: <{e.name} {attr}>: {value[:70]}")
        for e in soup.select(NOT_INTERFACE):
            e.decompose()
        texts = [("title", soup.title.get_text())] if soup.title else []
        texts += [(e.name, e.get_text(" ")) for e in soup.select(INTERFACE)]
        for name, text in texts:
            text = _clean(text)
            if LATIN_WORD.search(text) and not HEBREW.search(text) and text not in known.get(name, known["*"]):
                found.append(f"{where}: <{name}>: {text[:70]}")
    return found


def test_english_pages_have_no_hebrew(site):
    pages = _pages(site, english=True)
    assert len(pages) > 50
    found = _hebrew_on_english(site, pages)
    assert not found, f"{len(found)} Hebrew runs on English pages:\n" + "\n".join(found[:40])


def test_hebrew_pages_have_no_untranslated_interface_word(site, known):
    pages = _pages(site, english=False)
    assert len(pages) > 50
    found = sorted(set(_latin_on_hebrew(site, pages, known)))
    assert not found, f"{len(found)} Latin-only interface words on Hebrew pages:\n" + "\n".join(found[:60])


def test_the_checks_find_a_latin_heading_and_a_hebrew_letter(tmp_path, known):
    # Both checks over pages made to fail them, so that neither passes by reading nothing.
    (tmp_path / "en").mkdir()
    (tmp_path / "x.html").write_text(
        '<html lang="he"><head><title>מדריך</title></head><body><h2>Rate limits</h2>'
        '<h2>מגבלות קצב (Rate limits)</h2><h3>HubSpot</h3><button aria-label="Close">x</button>'
        '<h3>Idempotency key</h3><dl><dt>Idempotency key</dt></dl>'
        '<label><input type="checkbox"> <span class="hb-text">Field mapping: OpenAPI</span></label></body></html>',
        encoding="utf-8")
    (tmp_path / "en" / "x.html").write_text(
        '<html lang="en"><body><p>Limits <b>מגבלות</b></p><a title="קישור">x</a>'
        '<span lang="he">עברית</span></body></html>', encoding="utf-8")
    assert _latin_on_hebrew(tmp_path, _pages(tmp_path, False), known) == [
        "x.html: <button aria-label>: Close", "x.html: <h2>: Rate limits", "x.html: <h3>: Idempotency key"]
    assert _hebrew_on_english(tmp_path, _pages(tmp_path, True)) == [
        "en/x.html: <span lang=he>: עברית", "en/x.html: <b>: מגבלות", "en/x.html: <a title>: קישור"]
