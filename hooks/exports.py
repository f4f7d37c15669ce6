"""MkDocs adapter: the fact exports (`api/v1/...`) written into the built site.

The content comes from `handbook.factexport` (no MkDocs there). The files sit
at the site's root, once: they are written after the default language's build
only (mkdocs-static-i18n runs the other languages' builds inside its own
post-build step). Nothing is written into `docs/`.
"""

from __future__ import annotations

from pathlib import Path

from handbook.catalog import cached_catalog
from handbook.factexport import exports

# ----------------------------------------------------------------------------
# Hooks
# ----------------------------------------------------------------------------


def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None and not i18n.is_default_language_build:
        return
    # pages.py has read and validated the data in on_config: the same catalog, not read again.
    catalog = cached_catalog(Path(config.config_file_path).parent / "data")
    for path, content in exports(catalog).items():
        target = Path(config.site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
