"""The fact pages: comparisons (`compare/`) and one page per platform (`platforms/`).

The generator lists these paths and asks this module for their Markdown; the
tables come from `facttables` (one list of rows, each table a filter of it).
Exports live at the site's root (`api/v1/`), outside the language trees, so
links to them climb out of the page's language folder (`site_link`).
"""

from __future__ import annotations

import posixpath

from .facttables import COMPACT, COMPARISONS, FactBook
from .generate import page_url


class FactPages:
    def __init__(self, generator, book: FactBook):
        self.generator = generator
        self.book = book
        self.catalog = book.catalog
        self._paths = (
            ["compare/index.md"] + [f"compare/{c.id}.md" for c in COMPARISONS]
            + ["platforms/index.md"] + [f"platforms/{p}.md" for p in self.catalog.platforms]
        )

    def paths(self) -> list[str]:
        return list(self._paths)

    def __contains__(self, path: str) -> bool:
        return path in self._paths

    def page(self, path: str, lang: str) -> str:
        context = {"book": self.book, "comparisons": COMPARISONS, "site_link": _site_link(path, lang)}
        if path == "compare/index.md":
            conflicted_ids = self._conflicted()
            conflicted = self.book.table("conflicts", lambda f: f.id in conflicted_ids, COMPACT)
            return self._render("compare_index.md.j2", path, lang, conflicted=conflicted, **context)
        if path.startswith("compare/"):
            comparison = path[len("compare/"):-3]
            return self._render("compare_page.md.j2", path, lang, comparison=comparison,
                                table=self.book.comparison(comparison), **context)
        if path == "platforms/index.md":
            return self._render("platforms_index.md.j2", path, lang, platforms=list(self.catalog.platforms.values()),
                                **context)
        platform = self.catalog.platforms[path[len("platforms/"):-3]]
        return self._render("platform.md.j2", path, lang, platform=platform, table=self.book.for_platform(platform.id),
                            services=self.book.services_of(platform.id), **context)

    def _conflicted(self) -> set[str]:
        return {f.id for c in self.book.conflicts for f in (c.first, c.second)}

    def _render(self, template: str, path: str, lang: str, **context) -> str:
        return self.generator._render(template, path, lang, **context)


def _site_link(doc_path: str, lang: str):
    # From the page `doc_path` in `lang` to a file at the site's root.
    depth = page_url(doc_path).count("/") + (0 if lang == "he" else 1)

    def link(target: str) -> str:
        return posixpath.join(*([".."] * depth), target) if depth else target

    return link
