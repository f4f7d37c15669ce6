"""The fact pages: comparisons (`compare/`) and one page per platform (`platforms/`).

The generator lists these paths and asks this module for their Markdown; the
tables come from `facttables` (one list of rows, each table a filter of it).
Exports live at the site's root (`api/v1/`), outside the language trees, so
links to them climb out of the page's language folder (`link.export`).
"""

from __future__ import annotations

from . import urls
from .facttables import COMPACT, COMPARISONS, FactBook


class FactPages:
    def __init__(self, generator, book: FactBook):
        self.generator = generator
        self.book = book
        self.catalog = book.catalog
        self._paths = (
            [urls.COMPARISONS] + [urls.comparison(c.id) for c in COMPARISONS]
            + [urls.PLATFORMS] + [urls.platform(p) for p in self.catalog.platforms]
        )

    def paths(self) -> list[str]:
        return list(self._paths)

    def __contains__(self, path: str) -> bool:
        return path in self._paths

    def page(self, path: str, lang: str) -> str:
        render = self.generator.render
        context = {"book": self.book, "comparisons": COMPARISONS}
        if path == urls.COMPARISONS:
            conflicted_ids = self._conflicted()
            conflicted = self.book.table("conflicts", lambda f: f.id in conflicted_ids, COMPACT)
            return render("compare_index.md.j2", path, lang, conflicted=conflicted, **context)
        if path.startswith("compare/"):
            comparison = path[len("compare/"):-3]
            return render("compare_page.md.j2", path, lang, comparison=comparison,
                          table=self.book.comparison(comparison), **context)
        if path == urls.PLATFORMS:
            return render("platforms_index.md.j2", path, lang, platforms=list(self.catalog.platforms.values()),
                          **context)
        platform = self.catalog.platforms[path[len("platforms/"):-3]]
        return render("platform.md.j2", path, lang, platform=platform, table=self.book.for_platform(platform.id),
                      services=self.book.services_of(platform.id), **context)

    def _conflicted(self) -> set[str]:
        return {f.id for c in self.book.conflicts for f in (c.first, c.second)}
