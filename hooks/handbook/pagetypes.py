"""The kinds of generated page, each registered once in `PAGE_TYPES`.

A page type is one renderer: its template (in `templates/`), its pages (a doc
path, the same in every language, with the subject the page is about), what its
template is given beyond what every page gets (`Generator.render`), and the
place of its folder in the navigation. The generator renders what is listed
here, in this order; the MkDocs hooks (`hooks/pages.py`) and the export take the
paths from it. Nothing here calls back into the generator: a renderer only
reads the catalog and the fact book. A new kind of page is an entry here and
its template (README, "Add a page type").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable

from . import urls
from .brief import brief_data, data_file
from .catalog import Catalog
from .facttables import COMPACT, COMPARISONS, FactBook

# ---------------------------------------------------------------------------
# Shapes
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """The navigation's folder that a page type's index page opens."""

    title: str  # its name: a key of strings.STRINGS, in the page's language
    ordered: bool = False  # its pages in the registry's order (else MkDocs' order, by file name)


def _nothing(book: FactBook, subject: Any, lang: str) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class PageType:
    """One kind of generated page."""

    name: str
    template: str  # in templates/; its front matter holds the page's title
    pages: Callable[[Catalog], Iterable[tuple[str, Any]]]  # (doc path, subject), in navigation order
    context: Callable[[FactBook, Any, str], dict[str, Any]] = _nothing  # the template's own variables
    section: Section | None = None  # set on the type of a folder's index page
    last: bool = False  # after the content in the menu (a reference)


def one(path: str) -> Callable[[Catalog], list[tuple[str, None]]]:
    """The pages of a type that has a single page, at `path`."""
    return lambda catalog: [(path, None)]


# ---------------------------------------------------------------------------
# Context of each type
# ---------------------------------------------------------------------------


def _takeaways(book: FactBook, subject: None, lang: str) -> dict[str, Any]:
    return {"takeaways": book.catalog.takeaways}


def _book(book: FactBook, subject: Any, lang: str) -> dict[str, Any]:
    return {"book": book}


def _fact_page(book: FactBook, subject: Any, lang: str) -> dict[str, Any]:
    return {"book": book, "comparisons": COMPARISONS}


def _compare_index(book: FactBook, subject: None, lang: str) -> dict[str, Any]:
    conflicted = {f.id for c in book.conflicts for f in (c.first, c.second)}
    return {**_fact_page(book, subject, lang),
            "conflicted": book.table("conflicts", lambda f: f.id in conflicted, COMPACT)}


def _comparison(book: FactBook, comparison: str, lang: str) -> dict[str, Any]:
    return {**_fact_page(book, comparison, lang), "comparison": comparison, "table": book.comparison(comparison)}


def _platforms_index(book: FactBook, subject: None, lang: str) -> dict[str, Any]:
    return {**_fact_page(book, subject, lang), "platforms": list(book.catalog.platforms.values())}


def _platform(book: FactBook, platform, lang: str) -> dict[str, Any]:
    return {**_fact_page(book, platform, lang), "platform": platform, "table": book.for_platform(platform.id),
            "services": book.services_of(platform.id)}


def _finder(book: FactBook, subject: None, lang: str) -> dict[str, Any]:
    return {"book": book, "table": book.finder(), "options": book.finder_options(lang)}


def _brief(book: FactBook, subject: None, lang: str) -> dict[str, Any]:
    # The pickers and the brief's place; the script (brief.js) assembles it from the data file.
    data = brief_data(book)
    involved = set().union(*data._services_of.values())
    return {"platforms": data.platforms, "services": [s for s in book.catalog.services if s.id in involved],
            "data_file": data_file(lang)}


# ---------------------------------------------------------------------------
# The registry
# ---------------------------------------------------------------------------

PAGE_TYPES: list[PageType] = [
    PageType("services-index", "services_index.md.j2", one(urls.SERVICES),
             section=Section("services", ordered=True)),
    PageType("service", "service.md.j2", lambda catalog: [(urls.service(s.id), s) for s in catalog.services],
             lambda book, service, lang: {"service": service}),
    PageType("takeaways", "takeaways.md.j2", one(urls.TAKEAWAYS), _takeaways),
    PageType("glossary", "glossary.md.j2", one(urls.GLOSSARY), last=True),
    PageType("compare-index", "compare_index.md.j2", one(urls.COMPARISONS), _compare_index,
             section=Section("compare", ordered=True)),
    PageType("comparison", "compare_page.md.j2",
             lambda catalog: [(urls.comparison(c.id), c.id) for c in COMPARISONS], _comparison),
    PageType("platforms-index", "platforms_index.md.j2", one(urls.PLATFORMS), _platforms_index,
             section=Section("platforms")),
    PageType("platform", "platform.md.j2",
             lambda catalog: [(urls.platform(p.id), p) for p in catalog.platforms.values()], _platform),
    PageType("review", "review.md.j2", one(urls.REVIEW), _book),
    PageType("changes", "changes.md.j2", one(urls.CHANGES), _book),
    PageType("finder", "finder.md.j2", one(urls.FINDER), _finder),
    PageType("brief", "brief.md.j2", one(urls.BRIEF), _brief),
]


# ---------------------------------------------------------------------------
# Pages of the registry
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """A generated page in one language."""

    kind: PageType
    path: str  # its doc path, the same in every language (`services/x.md`)
    lang: str
    subject: Any  # what the page is about (a service, a platform, a comparison's id), or None

    @property
    def source(self) -> str:
        """Its source under the docs folder: the language's folder, then the path (`en/services/x.md`)."""
        return f"{self.lang}/{self.path}"


class DuplicatePage(Exception):
    """Two page types claim one path."""
