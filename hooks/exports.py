"""MkDocs adapter: the fact exports (`api/v1/...`) written into the built site.

The content comes from `handbook.factexport` (no MkDocs there). The files sit
at the site's root, once: by the build of the last language (mkdocs-static-i18n
builds the others first; with the languages built side by side, parallel.py,
that is not the default language's process, which still has the larger,
Hebrew, search index to write). Nothing is written into `docs/`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from i18nstate import i18n as i18n_state
from order import priority

from handbook.catalog import cached_catalog
from handbook.factexport import exports

# ----------------------------------------------------------------------------
# Hooks
# ----------------------------------------------------------------------------


@event_priority(priority("exports.on_post_build"))
def on_post_build(config: MkDocsConfig) -> None:
    i18n = i18n_state(config)
    if i18n is not None and not i18n.last_language:
        return
    # pages.py has read and validated the data in on_config: the same catalog, not read again.
    catalog = cached_catalog(Path(config.config_file_path).parent / "data")
    # The vendor-changes feeds need absolute addresses: the site's, as canonical links use.
    for path, content in exports(catalog, config.site_url or "").items():
        target = Path(config.site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
