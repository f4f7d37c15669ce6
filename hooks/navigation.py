"""MkDocs adapter: a navigation whose size on a page does not grow with the catalog.

Material renders the navigation into every page. Listing every service there
makes each page's work grow with the catalog, and the whole build quadratic
(two languages, 500 services: most of the time in the navigation templates).
So a long section (more than `GROUP` pages: the 47 platforms) lists, on every
page alike, its index page and one link to it named for what it is, "The full
list (47)": the same way to every page of the section from anywhere, where a
window of ten pages around the current one left the rest out of sight and
changed from page to page. The index lists them all (platforms by category,
services in a table), and the footer's previous and next links walk the whole
section. Short sections (the real catalog's ten services) are listed in full.
"""

from __future__ import annotations

import copy

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Link, Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from handbook.languages import of_url
from handbook.strings import STRINGS
from order import priority

GROUP = 10


class _Layout:
    """Where each page sits in one navigation (each language's build has its own)."""

    def __init__(self, nav):
        self.nav = nav  # held, so that its id is not reused by a later build's
        self.long: dict[int, tuple[list, int]] = {}  # id(section) -> (index pages, number of other pages)
        for item in nav.items:
            children = getattr(item, "children", None) or []
            indexes = [c for c in children if getattr(c, "is_index", False)]
            pages = [c for c in children if not getattr(c, "is_index", False)]
            if len(pages) > GROUP and indexes:
                self.long[id(item)] = (indexes, len(pages))
        self.children: dict[tuple[int, str], list] = {}  # (id(section), language prefix) -> what it lists


_layout: _Layout | None = None

# ----------------------------------------------------------------------------
# Hooks
# ----------------------------------------------------------------------------


@event_priority(priority("navigation.on_page_context"))
def on_page_context(context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
    # After i18n has set up the page (order.py): swap in this page's view.
    global _layout
    if _layout is None or _layout.nav is not nav:
        _layout = _Layout(nav)
    if _layout.long:
        context["nav"] = _view(_layout, of_url(page.url))
    return context


# ----------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------


def _view(layout: _Layout, language):
    # A shallow copy of the navigation (each page's: sections carry the page's active flag);
    # long sections hold their index and a link to it, the same lists for every page.
    view = copy.copy(layout.nav)
    view.items = [_section_view(layout, item, language) if id(item) in layout.long else item
                  for item in layout.nav.items]
    return view


def _section_view(layout: _Layout, section, language):
    view = copy.copy(section)  # keeps title, parent and the active flag
    key = (id(section), language.prefix)
    if key not in layout.children:
        indexes, count = layout.long[id(section)]
        full = Link(STRINGS[language.code]["nav_full_list"].format(n=count), indexes[0].url)
        full.parent = section
        layout.children[key] = [*indexes, full]
    view.children = layout.children[key]
    return view
