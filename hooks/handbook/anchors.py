"""The element ids the site's own pages use, read from where they are written.

Every id in `data/` (a bullet, fact, review, change, takeaway, glossary term) is
an anchor on some page, beside the pages' own: a section heading's `{#todo}`, a
table's `id="table-conflicts"`, the tooltip that `terms.js` creates as
`hb-tooltip`. An item that took one of them would give its page two elements
with one id, and a link to it would land on the wrong one. The list is read from
the page templates (with the templates they use), the theme's overrides and the
site's scripts, so a new section or script adds its ids by itself; `catalog.py`
refuses an item whose id is one of its pages' own.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

HOOKS = Path(__file__).resolve().parent
ROOT = HOOKS.parent.parent
TEMPLATES = HOOKS / "templates"
# On every page: the theme's overrides and the site's scripts.
EVERY_PAGE = ((ROOT / "overrides", "*.html"), (ROOT / "docs" / "assets" / "javascripts", "*.js"))

# The page templates where each kind of data item is an anchor.
PAGES = {
    "bullet": ("service.md.j2",),
    "takeaway": ("takeaways.md.j2",),
    "fact": ("service.md.j2", "platform.md.j2", "compare_index.md.j2", "compare_page.md.j2", "finder.md.j2"),
    "review": ("review.md.j2",),
    "change": ("changes.md.j2",),
    "term": ("glossary.md.j2",),
}

_ID = re.compile(
    r"""\bid=["']([a-z][a-z0-9-]*)["']"""  # HTML: id="summary"
    r"""|\{\#([a-z][a-z0-9-]*)\}"""  # Markdown's attribute list: ## ... {#todo}
    r"""|\b(?:ID|\.id)\s*=\s*["']([a-z][a-z0-9-]*)["']"""  # a script's element: ID = "hb-tooltip"
    r"""|getElementById\(\s*["']([a-z][a-z0-9-]*)["']\s*\)"""
)
# A template's parts: `{% from "macros.html.j2" import ... %}`, `{% include "x.md.j2" %}`.
_USES = re.compile(r"""\{%-?\s*(?:from|include|import|extends)\s+["']([^"']+)["']""")


def _ids(text: str) -> set[str]:
    return {next(g for g in m.groups() if g) for m in _ID.finditer(text)}


@lru_cache(maxsize=None)
def _template_ids(name: str) -> frozenset[str]:
    # A template's literal ids and those of every template it uses (templates may use each
    # other: each is read once).
    found: set[str] = set()
    todo, seen = [name], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        text = (TEMPLATES / current).read_text(encoding="utf-8")
        found |= _ids(text)
        todo += _USES.findall(text)
    return frozenset(found)


@lru_cache(maxsize=1)
def _every_page_ids() -> frozenset[str]:
    return frozenset(i for folder, pattern in EVERY_PAGE for path in sorted(folder.rglob(pattern))
                     for i in _ids(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=None)
def page_ids(kind: str) -> frozenset[str]:
    """The literal element ids of the pages where an item of `kind` is an anchor
    (ids made from data, `{{ x.id }}`, are not literal)."""
    return _every_page_ids().union(*(_template_ids(t) for t in PAGES[kind]))


def clash(kind: str, value: str) -> str | None:
    """Why `value` may not be the id of an item of `kind` (one of its pages' own ids), or None."""
    if value in page_ids(kind):
        return (f"id '{value}' is one of its page's own element ids (a section, table or script uses it): "
                "choose another id")
    return None
