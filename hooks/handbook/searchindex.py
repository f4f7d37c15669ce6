"""The search index of one language: built pages in, Material's index JSON out.

Material for MkDocs searches with lunr in the browser, which has no Hebrew
stemmer and splits `10,000` as one word; mkdocs-static-i18n writes ONE index for
both languages. This module writes one index per language from the built HTML,
with an entry per page, per section (`h2[id]`) and per element that declares
itself searchable with `data-search="<kind>"` and an id (bullets, the summary,
later fact rows), so results land on the anchor. Each entry carries, beside its
displayed text, a hidden `keys` field with the forms a reader may type: Hebrew
words without their prefix letters (`בסנכרון` is found by `סנכרון`), numbers
without thousands separators (`10,000` by `10000`), numbers apart from their
unit (`16MB` by `16 MB`), and the aliases of the glossary terms it contains
(`טוקן`, `token lifetime` where it says `access token`; `data/glossary.yaml`).
A `Vocabulary` (searchwords.py) adds what readers type for what the site writes:
a platform's Hebrew spellings where its name is written (and in a fact row's
platform field), a fact row's window and kind in everyday words (`daily`, `יומי`).
Glossary entries (`data-search="term"`) weigh less than the facts they explain.
A large index is also written in a first part (`first_part`): every page's and
section's name and every fact row, which a page fetches first; the whole index
follows (search-on-demand.html). It knows nothing of MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache, partial
from dataclasses import dataclass, field
from typing import Protocol

from html import unescape

from lxml import etree
from lxml.etree import _Element

from . import languages
from .processes import map_in_two

# Word separators for lunr (a JavaScript RegExp, also applied to queries):
# spaces, dashes, slashes, brackets, quotes and punctuation, but not the comma
# or the point inside a number (`10,000`, `2.1`).
SEPARATOR = (
    r"[\s\-\u05be\u2010-\u2015/\\|()\[\]{}<>\"'\u05f3\u05f4\u201c\u201d\u2018\u2019;!?+=*&~^@#$%\u2190-\u21ff\u27f5-\u27ff]+"
    r"|[,:.](?!\d)|(?<!\d)[,:.]"
)
_SEPARATOR = re.compile(SEPARATOR)

# Hebrew one-letter prefixes: and, the, in, to, from, that, as (languages.py).
HEBREW_PREFIXES = languages.PREFIX_LETTERS
_HEBREW_WORD = re.compile(r"^[\u05d0-\u05ea]+$")
_PREFIXED_LATIN = re.compile(r"^([\u05d0-\u05ea]{1,3})([a-z0-9].*)$")
_NUMBER_WITH_UNIT = re.compile(r"^(\d+(?:[.,]\d+)*)([a-z]+)$")
_GROUPED_NUMBER = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")

# lunr field weights: a page or section name counts more than body text; the
# hidden keys count like the text they stand for.
# A fact row's platform is a field of its own: a query that names the platform and
# a kind of limit ranks that platform's row above another platform's row of the kind.
# What a fact row is about in a reader's words (its windows and kind: daily, יומי, timeout,
# וובהוק) weighs more than a word its text merely holds.
FIELDS = {"name": {"boost": 2.0}, "text": {"boost": 1.0}, "keys": {"boost": 1.0}, "platform": {"boost": 2.0},
          "about": {"boost": 1.5}}
# Material ranks a page's own entry above its sections (it adds one to the share
# of query words found); a lower weight lets the section or bullet that holds
# the words come first, so that results open at the anchor.
PAGE_BOOST = 0.5
# A glossary entry explains a word; the bullets and facts that use it come first.
TERM_BOOST = 0.5
# Entries that explain or date a fact rank below the fact and its bullet: a glossary
# term, a vendor change.
SECONDARY_BOOST = {"term": TERM_BOOST, "change": TERM_BOOST}


# The aliases of the glossary terms found in a text (`Explainer.aliases_in`).
Aliases = Callable[[str], list[str]]


class Vocabulary(Protocol):
    """The other words for what an entry holds (`searchwords.Vocabulary`)."""

    facts: Mapping[str, str]  # a fact row's id -> the words for its windows and kind

    def spellings_in(self, text: str) -> list[str]: ...

    def platform(self, name: str) -> str: ...


@dataclass
class Entry:
    """One search result: a page, a section or an anchored element."""

    location: str  # relative to the language's root: `services/x/#id`
    title: str  # shown as the result's heading (not searched); text, escaped in the index
    text: str = ""  # shown and searched; HTML (escaped text, may hold <span dir>)
    name: str = ""  # searched with a higher weight: page and section names; text
    keys: list[str] = field(default_factory=list)
    boost: float = 1.0
    platform: str = ""  # a fact row's platform name
    about: list[str] = field(default_factory=list)  # a fact row's windows and kind, in readers' words
    kind: str = "page"  # page, section or the element's `data-search`: which part it goes in (not written)

    def as_json(self) -> dict:
        # Material inserts `title` and `text` as HTML: the title is escaped here.
        doc = {"location": self.location, "title": _escape(self.title), "text": self.text}
        if self.boost != 1.0:
            doc["boost"] = self.boost
        if self.name:
            doc["name"] = self.name
        if self.keys:
            doc["keys"] = " ".join(self.keys)
        if self.platform:
            doc["platform"] = self.platform
        if self.about:
            doc["about"] = " ".join(self.about)
        return doc


# ---------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------


def words(text: str) -> list[str]:
    """The words lunr makes of `text` (lower case, split like the browser does)."""
    return [w for w in _SEPARATOR.split(text.lower()) if w]


@lru_cache(maxsize=1 << 16)  # a catalog repeats its words: each is worked out once
def variants(word: str) -> frozenset[str]:
    """Other forms under which a reader may look for `word`."""
    found: set[str] = set()
    unquoted = re.sub("['\"\u05f3\u05f4]", "", word)  # מע"מ -> מעמ (queries lose quotes)
    if unquoted != word:
        found |= {unquoted} | variants(unquoted)
    if _HEBREW_WORD.match(word):
        # Every split after one to three prefix letters, if a word of two
        # letters or more remains: ולהסנכרון -> להסנכרון, הסנכרון, סנכרון.
        for i in range(1, min(3, len(word) - 2) + 1):
            if word[i - 1] not in HEBREW_PREFIXES:
                break
            found.add(word[i:])
    original = word
    m = _PREFIXED_LATIN.match(word)
    if m and all(c in HEBREW_PREFIXES for c in m[1]):
        found.add(m[2])  # לrate -> rate
        word = m[2]
    if _GROUPED_NUMBER.match(word):
        found.add(word.replace(",", ""))  # 10,000 -> 10000
    m = _NUMBER_WITH_UNIT.match(word)
    if m:
        found.update({m[1], m[2], m[1].replace(",", "") + m[2]})  # 16mb -> 16, mb
    found.discard(original)
    return frozenset(found)


@lru_cache(maxsize=1 << 16)
def _is_word(v: str) -> bool:
    return words(v) == [v]


def keys_for(text: str, shown: str = "") -> list[str]:
    """The words of `text`, and their other forms, that `shown` does not already hold."""
    if not text:
        return []  # most entries have nothing `about` them: `shown` need not be split
    return _new_keys(text, set(words(shown)))


def _new_keys(text: str, seen: set[str]) -> list[str]:
    # `keys_for`, given the words held already (`seen`, which gets what is added).
    # Split only at spaces first, so that quotes inside words (מע"מ) survive.
    extra: list[str] = []
    for token in _SPACES.split(text.lower()):
        for v in _token_keys(token):
            if v not in seen:
                seen.add(v)
                extra.append(v)
    return extra


_SPACES = re.compile(r"[\s/]+")


@lru_cache(maxsize=1 << 16)  # a catalog repeats its words: each is worked out once
def _token_keys(token: str) -> tuple[str, ...]:
    # A space-separated token's words and their other forms, in order, once each.
    stripped = token.strip("()[]{}<>,.:;!?\"'\u201c\u201d")
    if not stripped:
        return ()
    found = dict.fromkeys(v for w in [stripped, *words(stripped)] for v in [w, *sorted(variants(w))] if _is_word(v))
    return tuple(found)


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------


def page_entries(article_html: str, location: str, aliases: Aliases | None = None,
                 vocabulary: Vocabulary | None = None) -> list[Entry]:
    """The entries of one page, from its `<article>` content."""
    # lxml's HTML parser: a page's tree in about 1 ms (BeautifulSoup took 35). The citations
    # to copy, their buttons and the bullets' permalinks (half a page's HTML, never searched)
    # are cut out first.
    root = etree.fromstring(f"<div>{_UNSEARCHED.sub('', article_html)}</div>", _PARSER).find("body/div")
    skipped, searchable = _scan(root)
    for node in skipped:
        _drop(node)  # the element goes, the text after it stays
    h1 = root.find(".//h1")
    title = _text(h1) if h1 is not None else ""
    page = _Page(location, title, vocabulary)
    # The elements that hold a section or a searchable element, at any depth
    # (not one that went with a skipped element).
    containers: set[_Element] = set()
    for node in searchable:
        ancestors = list(node.iterancestors())
        if root in ancestors:
            containers.update(ancestors)
    _collect(root, page, containers)
    for entry in page.entries:
        shown = f"{entry.name} {_strip(entry.text)}"
        also = aliases(shown) if aliases else []
        also += vocabulary.spellings_in(shown) if vocabulary else []
        # The words it shows are split once: `keys_for(..., f"{shown} {about}")` holds them and the about's.
        held = set(words(shown))
        about = " ".join(entry.about)
        entry.about = _new_keys(about, set(held)) if about else []
        held.update(words(" ".join(entry.about)))
        entry.keys = _new_keys(f"{shown} {' '.join(entry.keys)} {' '.join(also)}", held)
    return page.entries


def pages_index(pages: list[tuple[str, str]], aliases: Aliases | None = None,
                vocabulary: Vocabulary | None = None) -> dict:
    """The index of a language's pages, each `(location, article HTML)`, in order."""
    return pages_indexes(pages, aliases, vocabulary)[0]


def pages_indexes(pages: list[tuple[str, str]], aliases: Aliases | None = None,
                  vocabulary: Vocabulary | None = None) -> tuple[dict, dict]:
    """The whole index of a language's pages and its first part (`first_part`).
    A large site's pages are indexed by two processes (about 8 ms a page)."""
    docs = map_in_two(partial(_page_docs, aliases=aliases, vocabulary=vocabulary), pages)
    return (index([doc for page in docs for doc, _ in page]),
            index([first for page in docs for _, first in page if first is not None]))


def _page_docs(page: tuple[str, str], aliases: Aliases | None = None,
               vocabulary: Vocabulary | None = None) -> list[tuple[dict, dict | None]]:
    location, html = page
    return [(e.as_json(), first_part(e)) for e in page_entries(html, location, aliases, vocabulary)]


# The first part of a large index: what a reader most often looks for, a page or a
# section by its name and a fact row by its platform and kind, in a tenth of the
# bytes (at 1,000 services: bullets and page text are most of the index). A fact
# row goes in once, on the comparison page of its kind (`compare/rate-limits/`):
# its copies on the list of comparisons, its platform's and its services' pages
# (three quarters of the fact rows) wait for the whole.
FIRST_PART_WHOLE = frozenset({"fact"})  # entries that go in whole, where FIRST_PART_AT says
FIRST_PART_AT = re.compile(r"^compare/[^/#]+/#")
FIRST_PART_NAMED = frozenset({"page", "section"})  # entries that go in by their names only


def first_part(entry: Entry) -> dict | None:
    """`entry` as the first part of the index holds it, or None when it waits for the whole."""
    if entry.kind in FIRST_PART_WHOLE:
        return entry.as_json() if FIRST_PART_AT.match(entry.location) else None
    if entry.kind not in FIRST_PART_NAMED:
        return None
    named = Entry(location=entry.location, title=entry.title, name=entry.name, boost=entry.boost,
                  keys=keys_for(entry.name, entry.name))
    return named.as_json()


def index(docs: list[dict]) -> dict:
    """Material's search index of entries (`Entry.as_json`): our separator, no
    stemming, our fields."""
    return {
        "config": {
            "lang": ["en"],
            "separator": SEPARATOR,
            # An empty pipeline: no stemmer, stop words or trimmer, which would
            # mangle Hebrew and numbers (Material removes those not listed).
            "pipeline": [],
            "fields": FIELDS,
        },
        "docs": docs,
    }


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


class _Page:
    # The entries found so far; text goes to the latest page or section entry.
    def __init__(self, location: str, title: str, vocabulary: Vocabulary | None = None):
        self.location, self.title, self.heading = location, title, title
        self.vocabulary = vocabulary
        self.current = Entry(location=location, title=title, name=title, boost=PAGE_BOOST)
        self.entries = [self.current]

    def add_text(self, text: str) -> None:
        text = " ".join(text.split())
        if text:
            self.current.text = f"{self.current.text} {_escape(text)}".strip()

    def section(self, h2: _Element) -> None:
        self.heading = _text(h2)
        self.current = Entry(location=f"{self.location}#{h2.get('id')}", title=self.heading, name=self.heading,
                             kind="section")
        self.entries.append(self.current)

    def element(self, node: _Element) -> None:
        # A summary is headed by the page's title, anything else by its section's.
        heading = self.title if node.get("data-search") == "summary" else self.heading
        self.entries.append(_element_entry(node, self.location, heading, self.vocabulary))


# Not searched: permalinks, copy buttons, scripts, and what a page marks `data-search-skip`.
# A citation's body, its copy button and a bullet's permalink (macros.html.j2: `cite_body`,
# `cite_button`, `anchor`) go before the page is parsed: what is left is the page `_drop`
# would leave, each one's tail joined to the text before it. A body holds no `<template>` of
# its own, and every value in them is escaped: a body's first `</template>` ends it, and no
# `>` is inside a tag.
_UNSEARCHED = re.compile(r'<template class="hb-cite-body" data-search-skip>.*?</template>'
                         r'|<button type="button" class="hb-cite"[^>]*></button>'
                         r'|<a class="hb-anchor"[^>]*>#</a>', re.S)
_SKIPPED_CLASSES = frozenset({"headerlink", "hb-anchor", "hb-copy"})
_PARSER = etree.HTMLParser()


def _scan(root: _Element) -> tuple[list[_Element], list[_Element]]:
    # One walk through the page (an XPath query per kind took three times as long):
    # the elements not searched, and the sections and searchable elements.
    skipped, searchable = [], []
    for node in root.iter("*"):
        css = node.get("class")
        if (node.tag in ("script", "style") or node.get("data-search-skip") is not None
                or (css and not _SKIPPED_CLASSES.isdisjoint(css.split()))):
            skipped.append(node)
        elif node.get("id") and (node.tag == "h2" or node.get("data-search")):
            searchable.append(node)
    return skipped, searchable


def _drop(node: _Element) -> None:
    # As lxml.html's drop_tree: the element and its content go, its tail stays.
    parent, tail = node.getparent(), node.tail
    if tail:
        previous = node.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + tail
        else:
            previous.tail = (previous.tail or "") + tail
    parent.remove(node)


def _collect(node: _Element, page: _Page, containers: set[_Element]) -> None:
    if node.text:
        page.add_text(node.text)
    for child in node:
        if not isinstance(child.tag, str):
            pass  # a comment: its text is not content (what follows it is, below)
        elif child.tag == "h1":
            pass
        elif child.tag == "h2" and child.get("id"):
            page.section(child)
        elif child.get("data-search") and child.get("id"):
            page.element(child)
        elif child in containers:
            _collect(child, page, containers)  # a container of searchable elements
        else:
            page.add_text(_spaced(child))
        if child.tail:
            page.add_text(child.tail)


def _element_entry(node: _Element, location: str, heading: str, vocabulary: Vocabulary | None = None) -> Entry:
    # The research text (`.hb-text`) is what the result shows; the rest of the
    # element (platform names, flow diagrams) is searchable but not shown. A fact
    # row shows its answer, a line per figure, and the research's line; inside
    # them, what is marked `data-search-unshown` (a rate's normalized forms) is
    # searched and not shown.
    shown = [e for e in node.iterdescendants("*") if _shown(e.get("class"))]
    if shown:
        # One block element: Material then shows the whole text, not a fragment.
        between = " · " if node.get("data-search") == "fact" or len(shown) > 1 else " "
        text = "<p>" + _joined([_inner_html(s).strip() for s in shown], between) + "</p>"
        unshown = " ".join(_text(e) for s in shown for e in s.iterdescendants("*")
                           if e.get("data-search-unshown") is not None)
        for s in shown:
            _drop(s)
        rest = f"{_text(node)} {unshown}"
    else:
        text, rest = _escape(_text(node)), ""
    # A fact row's kind in the other language is found and not shown (its own is in its name).
    rest = f"{rest} {node.get('data-search-keys', '')}"
    platform = node.get("data-search-platform", "")
    if vocabulary and node.get("data-search") == "fact":
        # The words readers use for the row's windows and kind (daily, יומי, תוקף), and the
        # platform's spellings in its field: "שופיפיי קצב" ranks Shopify's rows first.
        about = vocabulary.facts.get(node.get("id"), "")
        platform = vocabulary.platform(platform) if platform else platform
    else:
        about = ""
    boost = float(node.get("data-search-boost") or SECONDARY_BOOST.get(node.get("data-search"), 1.0))
    # A fact row names itself (platform, kind, the research's words): a query for
    # "HubSpot rate limit" or "160" lands on the row, headed by what it is about.
    return Entry(location=f"{location}#{node.get('id')}", title=node.get("data-search-title") or heading,
                 text=text, name=node.get("data-search-name", ""), keys=words(rest), boost=boost,
                 platform=platform, about=[about] if about else [], kind=node.get("data-search"))


# What a result shows: the research's words (`hb-text`) and, before them, the
# answer a review gives (`hb-answer-text`: figures, where they come from, the
# label and verdict of the research's words).
SHOWN = frozenset({"hb-text", "hb-answer-text"})


def _shown(css: str | None) -> bool:
    # A class list with one of SHOWN (looked for as text first: most elements have none).
    return bool(css) and "hb-" in css and "-text" in css and not SHOWN.isdisjoint(css.split())


def _joined(pieces: list[str], between: str) -> str:
    # A label ("The research says:") runs into what it labels.
    out = ""
    for i, piece in enumerate(pieces):
        out += piece if i == 0 else (" " if out.endswith(":") else between) + piece
    return out


def _spaced(node: _Element) -> str:
    # Every piece of text, a space between pieces (`<b>a</b>b` reads `a b`).
    return " ".join(node.itertext())


def _text(node: _Element) -> str:
    return " ".join(_spaced(node).split())


def _inner_html(node: _Element) -> str:
    # Keep <span dir> (bidi isolation in the results); drop every other tag.
    out = [_escape(node.text or "")]
    for child in node:
        if isinstance(child.tag, str) and child.get("data-search-unshown") is None:
            inner = _inner_html(child)
            if child.tag == "span":
                attr = f' dir="{child.get("dir")}"' if child.get("dir") else ""
                inner = f"<span{attr}>{inner}</span>"
            out.append(inner)
        out.append(_escape(child.tail or ""))
    return "".join(out)


_TAG = re.compile(r"<[^>]*>")


def _strip(html: str) -> str:
    return unescape(_TAG.sub(" ", html))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
