"""MkDocs adapter: a navigation whose size on a page does not grow with the catalog.

Material renders the navigation into every page. Listing every service there
makes each page's work grow with the catalog, and the whole build quadratic
(two languages, 500 services: most of the time in the navigation templates).
So each page gets its own view of the navigation, in which a long section
(more than `GROUP` pages) lists only the `GROUP` pages around the current one:
its group of ten in catalog order (services 1-10, 11-20, ...), and on pages
outside the section none, only its index page. Every service stays reachable:
the services index and the home page's table list them all, and the footer's
previous and next links walk the whole catalog. Short sections (the real
catalog's ten services) are listed in full, as before.
"""

from __future__ import annotations

import copy

from mkdocs.plugins import event_priority

from order import priority

GROUP = 10


class _Layout:
    """Where each page sits in one navigation (each language's build has its own)."""

    def __init__(self, nav):
        self.nav = nav  # held, so that its id is not reused by a later build's
        self.long: dict[int, tuple[list, list]] = {}  # id(section) -> (index pages, other pages)
        self.positions: dict[int, tuple[int, int]] = {}  # id(page) -> (id(section), position)
        for item in nav.items:
            children = getattr(item, "children", None) or []
            indexes = [c for c in children if getattr(c, "is_index", False)]
            pages = [c for c in children if not getattr(c, "is_index", False)]
            if len(pages) > GROUP:
                self.long[id(item)] = (indexes, pages)
                for position, page in enumerate(pages):
                    self.positions[id(page)] = (id(item), position)


_layout: _Layout | None = None

# ----------------------------------------------------------------------------
# Hooks
# ----------------------------------------------------------------------------


@event_priority(priority("navigation.on_page_context"))
def on_page_context(context, page, config, nav):
    # After i18n has set up the page (order.py): swap in this page's view.
    global _layout
    if _layout is None or _layout.nav is not nav:
        _layout = _Layout(nav)
    if _layout.long:
        context["nav"] = _view(_layout, page)
    return context


# ----------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------


def _view(layout: _Layout, page):
    # A shallow copy of the navigation; long sections hold their index and one group.
    view = copy.copy(layout.nav)
    view.items = [_section_view(layout, item, page) if id(item) in layout.long else item
                  for item in layout.nav.items]
    return view


def _section_view(layout: _Layout, section, page):
    indexes, pages = layout.long[id(section)]
    section_id, position = layout.positions.get(id(page), (None, 0))
    start = position - position % GROUP
    view = copy.copy(section)  # keeps title, parent and the active flag
    view.children = indexes + (pages[start:start + GROUP] if section_id == id(section) else [])
    return view
