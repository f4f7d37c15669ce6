"""Where every page is, and the links between pages: the one place that knows.

A page is named by its doc path, the same in every language (`services/<id>.md`,
`platforms/<id>.md`, `compare/<id>.md`); its URL is the directory URL
(`services/<id>/`) under its language's prefix (handbook.languages). The
functions here give a doc path (and anchor) for each thing a page links to, the
relative URL from one page to another, and the URL from the site's root as the
exports and feeds hold it. Templates get a `PageLinks` as `link`: called with a
doc path (`link(doc, anchor)`) or by kind (`link.service(id, anchor)`).
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

from .models import TAKEAWAYS as TAKEAWAYS_SERVICE  # a fact cites the closing summary as this "service"
from .languages import PREFIX

# ---------------------------------------------------------------------------
# Doc paths
# ---------------------------------------------------------------------------

SERVICES = "services/index.md"
TAKEAWAYS = "takeaways.md"
GLOSSARY = "glossary.md"
COMPARISONS = "compare/index.md"
PLATFORMS = "platforms/index.md"
REVIEW = "review.md"
CHANGES = "changes.md"
FINDER = "finder.md"
BRIEF = "brief.md"
API = "api/v1"  # the exports, at the site's root in every language


def service(service_id: str) -> str:
    return f"services/{service_id}.md"


def platform(platform_id: str) -> str:
    return f"platforms/{platform_id}.md"


def comparison(comparison_id: str) -> str:
    return f"compare/{comparison_id}.md"


def bullet(service_id: str) -> str:
    """The page of a bullet of `service_id` (the takeaways' page for `takeaways`); its anchor is its id."""
    return TAKEAWAYS if service_id == TAKEAWAYS_SERVICE else service(service_id)


def fact(book, fact_id: str) -> str:
    """The page of a fact's row (anchor: its id): its platform's page, else its first comparison."""
    row = book.by_id[fact_id]
    return platform(row.fact.platform) if row.fact.platform else fact_comparison(book, fact_id)


def fact_comparison(book, fact_id: str) -> str:
    """The first comparison with the fact's row (anchor: its id); the comparisons' list when none has it."""
    found = book.comparisons_of(fact_id)
    return comparison(found[0]) if found else COMPARISONS


def export(name: str) -> str:
    """An export file from the site's root (`api/v1/facts.json`)."""
    return f"{API}/{name}"


# ---------------------------------------------------------------------------
# URLs
# ---------------------------------------------------------------------------


def page_url(doc: str) -> str:
    """A page's directory URL within its language: `services/x.md` -> `services/x/`, `index.md` -> ``."""
    stem = doc[:-3] if doc.endswith(".md") else doc
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(from_doc: str, to_doc: str, anchor: str | None = None) -> str:
    """The link from one page to another of the same language (and an anchor on it)."""
    return _page_to_page(from_doc, to_doc) + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=1 << 16)  # a page links to the same pages again and again, at many anchors
def _page_to_page(from_doc: str, to_doc: str) -> str:
    here, there = page_url(from_doc), page_url(to_doc)
    rel = posixpath.relpath(there or ".", here.rstrip("/") or ".")
    return "./" if rel == "." else rel + "/"


def from_root(doc: str, anchor: str | None, lang: str) -> str:
    """A page's URL from the site's root in `lang` (`en/services/x/#id`), as exports and feeds hold it."""
    return PREFIX[lang] + page_url(doc) + (f"#{anchor}" if anchor else "")


def to_root(from_doc: str, lang: str, target: str) -> str:
    """From a page in `lang` to a file at the site's root (the exports live outside the language folders)."""
    depth = (PREFIX[lang] + page_url(from_doc)).count("/")
    return posixpath.join(*([".."] * depth), target) if depth else target


def across(from_doc: str, from_lang: str, to_doc: str, to_lang: str, anchor: str | None = None) -> str:
    """From a page in one language to a page in another (an English claim to its Hebrew original)."""
    here, there = PREFIX[from_lang] + page_url(from_doc), PREFIX[to_lang] + page_url(to_doc)
    rel = posixpath.relpath(there or ".", here.rstrip("/") or ".")
    return ("./" if rel == "." else rel + "/") + (f"#{anchor}" if anchor else "")


class PageLinks:
    """The links of one page in one language, as the templates' `link`."""

    def __init__(self, doc: str, lang: str, book=None):
        self.doc, self.lang, self.book = doc, lang, book

    def __call__(self, to_doc: str, anchor: str | None = None) -> str:
        return relative(self.doc, to_doc, anchor)

    def service(self, service_id: str, anchor: str | None = None) -> str:
        return self(service(service_id), anchor)

    def platform(self, platform_id: str, anchor: str | None = None) -> str:
        return self(platform(platform_id), anchor)

    def comparison(self, comparison_id: str, anchor: str | None = None) -> str:
        return self(comparison(comparison_id), anchor)

    def bullet(self, service_id: str, bullet_id: str) -> str:
        return self(bullet(service_id), bullet_id)

    def takeaway(self, takeaway_id: str) -> str:
        return self(TAKEAWAYS, takeaway_id)

    def fact(self, fact_id: str) -> str:
        return self(fact(self.book, fact_id), fact_id)

    def fact_in_comparison(self, fact_id: str) -> str:
        return self(fact_comparison(self.book, fact_id), fact_id)

    def fact_line(self, fact_id: str) -> str:
        """The fact's line in the comparisons' list of every fact."""
        return self(COMPARISONS, fact_id)

    def review(self, review_id: str) -> str:
        return self(REVIEW, review_id)

    def change(self, change_id: str) -> str:
        return self(CHANGES, change_id)

    def root(self, target: str) -> str:
        return to_root(self.doc, self.lang, target)

    def export(self, name: str) -> str:
        return self.root(export(name))

    def original(self, service_id: str, bullet_id: str, lang: str) -> str:
        """A bullet on the page of another language (`lang`)."""
        return across(self.doc, self.lang, bullet(service_id), lang, bullet_id)
