"""Material's search plugin, found in one place: parallel.py turns it off in a child's build,
search.py for its page step. It is named `material/search` or `search` in mkdocs.yml. Not a
hook module: it handles no event.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig


def material_search(config: MkDocsConfig) -> list:
    """The build's search plugin, under whichever of its names it has (none: an empty list)."""
    return [plugin for name in ("material/search", "search") if (plugin := config.plugins.get(name)) is not None]
