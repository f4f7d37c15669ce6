"""MkDocs adapter for search: one index per language, each page pointed at its own.

mkdocs-static-i18n writes ONE index for both languages at `search/`, and Material
loads `search/search_index.json` from the page's `base` (the site's root on every
page). Here, after the whole build (i18n included), the index of each language is
written from its pages' content by `handbook.searchindex` (Hebrew at
`search/search_index.json`, English at `en/search/search_index.json`), and the
pages of a language under a prefix get `base` = their language's root, so that a
query typed on an English page searches the English site. Material also resolves
result links against `base`, so locations in each index are relative to its root.
The settings script it rewrites is Material's markup (listed and checked in internals.py);
an English page where the rewrite matches nothing stops the build, naming the page.

An index larger than `SPLIT_AT` as written (2 MB of gzip at 1,000 services) is
written in two files: `search_index.json` is its first part (names and fact rows,
`searchindex.first_part`), which Material's bundle fetches, with `"full"` naming
the whole index beside it (`search_index.full.json`), which
`overrides/partials/search-on-demand.html` fetches next and hands to Material's
search worker in place of the first part.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from handbook.catalog import cached_catalog
from i18nstate import building
from order import priority
from searchplugin import material_search

from handbook.languages import LANGUAGES, of_url
from handbook.searchindex import pages_indexes
from handbook.searchwords import vocabulary

_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)

# ----------------------------------------------------------------------------
# Hooks
# ----------------------------------------------------------------------------


@event_priority(priority("search.on_post_page"))
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # English pages (`en/...`): "base": "../.." -> "../../en/", their own index.
    prefix = _prefix(page.url)
    if not prefix:
        return output

    def rebase(m: re.Match) -> str:
        settings = json.loads(m[2])
        settings["base"] = f"{settings['base'].rstrip('/')}/{prefix}"
        return m[1] + json.dumps(settings, ensure_ascii=False) + m[3]

    output, count = _CONFIG.subn(rebase, output, count=1)
    if not count:  # the page would search the Hebrew index: stop, naming the rewrite and the page
        raise PluginError(f"hooks/search.py: the rewrite 'search_base' matched nothing on {page.file.src_uri}: "
                          "the theme's markup changed (hooks/internals.py, 'material_config_script'); "
                          "mend the pattern")
    return output


@event_priority(priority("search._exclude"))
def _exclude(context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
    # Before Material's search plugin: it need not parse every page for an index
    # that is replaced below (a fifth of a large build's time went there).
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    # All it would do then is strip the page's `data-search-*` attributes, with a pattern it
    # tries at every character of the page (3% of a build): it is off for its own step, and
    # `_strip_search_attributes` strips them, as it would.
    for plugin in material_search(config):
        if plugin.config.enabled:
            plugin.config.enabled = False
            _switched_off.append(plugin)
    return context


@event_priority(priority("search._strip_search_attributes"))
def _strip_search_attributes(context: TemplateContext, page: Page, config: MkDocsConfig,
                             nav: Navigation) -> TemplateContext:
    # Where Material's search plugin would have, right after its step.
    if not _switched_off:
        return context
    while _switched_off:
        _switched_off.pop().config.enabled = True
    page.content = unsearchable(page.content)
    return context


on_page_context = CombinedEvent(_exclude, _strip_search_attributes)


@event_priority(priority("search.on_page_content"))
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Remember every page's content, by language, for the indexes.
    prefix = _prefix(page.url)
    _pages[prefix][page.url[len(prefix):]] = html
    return html


@event_priority(priority("search.on_post_build"))
def on_post_build(config: MkDocsConfig) -> None:
    # After i18n has built every language and written its combined index; before
    # a build of languages side by side waits for the others (parallel.py), so
    # that this language's index is written while they still work.
    if building(config):
        return  # an inner, per-language build: the outer one writes the indexes
    # The glossary's aliases: an entry is also found by the other words for its terms.
    catalog = cached_catalog(Path(config.config_file_path).parent / "data")
    glossary = catalog.glossary
    # And what readers type: platforms' Hebrew spellings, a fact's window and kind in everyday words.
    words = vocabulary(catalog)
    for prefix, pages in _pages.items():
        if not pages:
            continue  # a language built by another process (hooks/parallel.py)
        folder = Path(config.site_dir) / prefix / "search"
        folder.mkdir(parents=True, exist_ok=True)
        whole, first = pages_indexes(sorted(pages.items()), glossary.aliases_in, words)
        _write(folder, whole, first)
        pages.clear()  # `mkdocs serve` starts afresh on its next build


# ----------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------


# An index larger than this (bytes as written: about 350 KB of gzip) comes in two parts.
SPLIT_AT = 4 * 1024 * 1024
INDEX, WHOLE = "search_index.json", "search_index.full.json"


def _write(folder: Path, whole: dict, first: dict) -> None:
    # The index a page fetches (`INDEX`), and the whole index beside it when that is large.
    text = _json(whole)
    (folder / WHOLE).unlink(missing_ok=True)  # a dirty build's earlier large index
    if len(text.encode("utf-8")) <= SPLIT_AT:
        (folder / INDEX).write_text(text, encoding="utf-8")
        return
    (folder / WHOLE).write_text(text, encoding="utf-8")
    (folder / INDEX).write_text(_json({**first, "full": WHOLE}), encoding="utf-8")


def _json(content: dict) -> str:
    return json.dumps(content, ensure_ascii=False, separators=(",", ":"))


# The search plugins this build's page turned off for their own step (`_exclude`).
_switched_off: list = []
# Material's search plugin strips `\s?data-search-\w+="[^"]+"` from a page's content (hooks/internals.py).
_SEARCH_ATTRIBUTE = re.compile(r'data-search-\w+="[^"]+"')


def unsearchable(html: str) -> str:
    """`html` without its `data-search-*="..."` attributes, each with the whitespace before it,
    as Material's search plugin strips them; its pattern starts with a class (`\\s?`), this one
    with a literal, which the regular expression engine looks for as a string."""
    out, pos = [], 0
    for m in _SEARCH_ATTRIBUTE.finditer(html):
        start = m.start()
        if start > pos and html[start - 1].isspace():
            start -= 1
        out.append(html[pos:start])
        pos = m.end()
    out.append(html[pos:])
    return "".join(out)


def _prefix(url: str) -> str:
    # `en/services/x/` -> `en/`; the default language (Hebrew, first) is the root.
    return of_url(url).prefix


# Page content by language prefix ("" for Hebrew, "en/") and URL within it.
_pages: dict[str, dict[str, str]] = {lang.prefix: {} for lang in LANGUAGES}
