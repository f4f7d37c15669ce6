"""What the hooks and the theme overrides rely on that the plugins do not promise.

The hooks are thin, but in places they lean on a plugin's internals: a function
replaced at build time, an attribute set from outside, a regular expression
over the theme's markup, a browser API patched before the theme's bundle runs.
None of it is a documented interface, so an upgrade may break it without a
word. Each reliance is listed here with the plugin, the version it was written
for (the pin in requirements.txt), where it is used and what breaks; every one
has a quick check in `tests/test_internals.py` (no browser, no build of the
site), which fails naming the plugin and both versions when the installed
package no longer behaves so. The order of the hooks among the plugins' own
handlers is in `order.py`.

On an upgrade: run `make quick`; where a check fails, mend the hook, then
write the new version here.
"""

from __future__ import annotations

from dataclasses import dataclass

# The versions every reliance below was written for and checked against.
WRITTEN_FOR = {
    "mkdocs": "1.6.1",
    "mkdocs-material": "9.8.2",
    "mkdocs-static-i18n": "1.3.1",
    "mkdocs-redirects": "1.2.2",
    "Markdown": "3.11.3",
}


@dataclass(frozen=True)
class Reliance:
    id: str  # its check in tests/test_internals.py
    plugin: str  # a key of WRITTEN_FOR
    where: str  # the files that rely on it
    what: str  # what is relied on
    breaks: str  # what goes wrong when it no longer holds


RELIANCES: list[Reliance] = [
    # ---- mkdocs ----
    Reliance("clean_directory", "mkdocs", "hooks/parallel.py",
             "the build empties the site folder through `mkdocs.utils.clean_directory(directory)`, looked up "
             "on the module when it runs, so that replacing the module's attribute stops it",
             "with the languages built side by side, one process could empty the folder while another writes: "
             "pages missing from the site"),
    Reliance("count_handler", "mkdocs", "hooks/parallel.py",
             "`mkdocs.utils.CountHandler` on the `mkdocs` logger counts the build's messages per level in "
             "`counts`, which `--strict` reads at the end of the build",
             "an English warning no longer fails the strict build (the English process's counts are added to "
             "the parent's)"),
    Reliance("copy_static_files", "mkdocs", "hooks/parallel.py",
             "the build copies the static files by calling `copy_static_files(dirty=..., inclusion=...)` on "
             "the `Files` it passed to `on_env`, so that a replacement on that instance is used",
             "two processes write the theme's assets at once (torn files), or a child copies nothing"),
    Reliance("present_anchor_ids", "mkdocs", "hooks/pages.py",
             "`Page.present_anchor_ids` is the set of ids that link validation checks anchors against, filled "
             "when the page is rendered and read after `on_page_content`",
             "every link to a generated item's anchor is reported missing (the strict build fails), or the "
             "hook fails on a missing attribute"),
    Reliance("dirty_flags", "mkdocs", "hooks/parallel.py",
             "`mkdocs build --dirty` and `mkdocs serve --dirtyreload` are the flags that ask for a build that "
             "keeps the site folder (read from the command line, as mkdocs-static-i18n does)",
             "a dirty build empties the site folder, or a full build keeps stale files"),
    Reliance("shutdown_after_build", "mkdocs", "hooks/lifetime.py",
             "the command line's `build` command (click's `build`) calls `on_shutdown` in a `finally` right "
             "after the build, its last step, so that a failed build's exception is on its way out there",
             "a failed strict build would end with status 0, or a build would end before its last step"),
    Reliance("navigation_view", "mkdocs", "hooks/navigation.py",
             "a shallow copy of `Navigation` (and of a `Section`) with `items` (`children`) replaced iterates "
             "the new list: the theme walks `nav` from the page's context",
             "every page lists the whole catalog again (a build that grows with the square of the catalog), or "
             "the navigation is empty"),
    # ---- Markdown (Python-Markdown, MkDocs' converter) ----
    Reliance("markdown_raw_html_blocks", "Markdown", "hooks/pages.py (`_set_aside`)",
             "a block (lines between blank lines) made only of block-level elements "
             "(`markdown.util.BLOCK_LEVEL_ELEMENTS`), each closed within it, is raw HTML that Python-Markdown "
             "passes through as it is (only the whitespace between elements may differ), and a placeholder word "
             "alone between blank lines becomes `<p>word</p>`",
             "generated pages show placeholders (`hbblock3x`) where their tables and lists were, or lose or "
             "change markup that Markdown would have kept"),
    Reliance("toc_permalink_title", "Markdown", "hooks/document.py",
             "the toc extension titles each heading's permalink `<a class=\"headerlink\" ... "
             "title=\"Permanent link\">` (its default `permalink_title`), which document.py says in the page's "
             "language",
             "the strict build stops naming the rewrite 'permalink_title' (else Hebrew pages would title their "
             "permalinks in English again)"),
    # ---- mkdocs-static-i18n ----
    Reliance("i18n_build", "mkdocs-static-i18n", "hooks/parallel.py",
             "`mkdocs_static_i18n.plugin.build` is MkDocs' `build`, imported into the module, and "
             "`I18n.on_post_build` builds each further language by calling that name",
             "with the languages built side by side, each further language is built twice, the second time "
             "over the other process's files"),
    Reliance("i18n_state", "mkdocs-static-i18n",
             "hooks/i18nstate.py, the one reader (parallel.py, redirects.py, search.py, publishing.py, exports.py "
             "and pages.py read it there)",
             "the plugin's `default_language`, `build_languages` (the default first, the build's order), "
             "`current_language` (settable: the language being built) and `building` (true inside its inner, "
             "per-language builds)",
             "hooks fail on a missing attribute, or write the search indexes, exports, redirects and 404 page "
             "in the wrong language's build"),
    Reliance("i18n_priorities", "mkdocs-static-i18n", "hooks/order.py",
             "the priorities of the plugin's handlers, as `order.py` lists them (`i18n.*` rows)",
             "hooks run before the language is set up (generated pages lose their content, redirects and "
             "search indexes go to the wrong language)"),
    Reliance("i18n_sitemap", "mkdocs-static-i18n", "hooks/parallel.py",
             "the plugin's sitemap template is one `<urlset ...>` element holding a `<url>` per page",
             "the languages' sitemaps are spliced wrongly: a sitemap that is not XML, or one language missing"),
    # ---- mkdocs-redirects ----
    Reliance("redirects_state", "mkdocs-redirects", "hooks/redirects.py",
             "`RedirectPlugin.on_post_build` writes a page for each entry of the instance's `redirects` (old "
             "source -> new source), resolving the target among its `doc_pages` (source -> File), both set in "
             "its `on_files` and replaced by the hook after it",
             "moved pages lose their redirect, or redirect to an address that does not exist"),
    # ---- mkdocs-material ----
    Reliance("material_priorities", "mkdocs-material", "hooks/order.py",
             "the priorities of the search plugin's handlers, as `order.py` lists them (`search.plugin.*` rows)",
             "the search plugin parses every page for an index that is then replaced (a fifth of a large "
             "build), or a child process writes the root index over the Hebrew one"),
    Reliance("material_search_enabled", "mkdocs-material", "hooks/parallel.py",
             "the search plugin writes its index in `on_post_build` only while its `config.enabled` is true",
             "the English process writes an empty index at the root, over the Hebrew one: the Hebrew site "
             "searches nothing"),
    Reliance("material_search_page_context", "mkdocs-material", "hooks/search.py",
             "in `on_page_context` the search plugin does nothing while its `config.enabled` is false; else, for "
             "a page excluded from its index, it only strips `\\s?data-search-\\w+=\"[^\"]+\"` from the "
             "page's content, as `search.unsearchable` does in its place",
             "the pages keep attributes the theme's plugin would have removed, or lose others (the site is no "
             "longer the same)"),
    Reliance("material_html_lang", "mkdocs-material", "hooks/document.py",
             "every page starts `<html lang=\"..\"` (document.py adds `dir` there)",
             "the document's head is left to right on Hebrew pages"),
    Reliance("material_checkbox_autocomplete", "mkdocs-material", "hooks/document.py",
             "the theme's toggles are `<input ... type=\"checkbox\" ...>` tags whose invalid "
             "`autocomplete=\"off\"` document.py removes",
             "two HTML validator errors on every page (tests/test_quality.py)"),
    Reliance("material_bundle_script", "mkdocs-material", "hooks/document.py",
             "the theme's bundle is one `<script src=\".../assets/javascripts/bundle.<hash>.min.js\"></script>`, "
             "which document.py defers",
             "the bundle blocks the first paint again (slower pages on phones, Lighthouse)"),
    Reliance("material_toc_label", "mkdocs-material", "hooks/document.py",
             "the theme labels its table-of-contents toggle with ` for=\"__toc\"` (removed where no toggle is "
             "rendered)",
             "a label for a missing control on section index pages (validator and accessibility errors)"),
    Reliance("material_config_script", "mkdocs-material", "hooks/search.py",
             "the page's settings are JSON in `<script id=\"__config\" type=\"application/json\">`, with the "
             "`base` the bundle loads the search index from",
             "an English page searches the Hebrew index"),
    Reliance("material_template_blocks", "mkdocs-material", "overrides/",
             "the blocks that overrides/main.html fills exist in the theme's base.html, and each file in "
             "overrides/partials/ (but ours, search-on-demand.html and search-query.html) replaces a partial of the theme",
             "an override silently stops applying: the page head loses its language pairing and previews, "
             "the search box its markup"),
    Reliance("material_no_js", "mkdocs-material", "overrides/main.html",
             "the theme's root element carries the class `no-js`, which its bundle swaps for `js`",
             "the page moves when the bundle starts (layout shift on every Hebrew page)"),
    Reliance("material_bundle_requests", "mkdocs-material",
             "docs/assets/javascripts/alternates.js, overrides/partials/search-on-demand.html",
             "the bundle sends every request with `XMLHttpRequest` (never `fetch`): `sitemap.xml` beside each "
             "alternate link, and `search/search_index.json` as it starts; it opens a search for `?q=` and "
             "highlights for `?h=`",
             "a 404 per page and language for sitemaps again, or every page downloads the search index at once "
             "(2 MB at 1,000 services), or `?q=` / `?h=` links wait for an index never fetched"),
    Reliance("material_search_controls", "mkdocs-material", "overrides/partials/search-on-demand.html",
             "the search box is the checkbox `#__search`, toggled by `label[for=__search]` in the header, in "
             "an element `.md-search`",
             "the search index is never fetched: search answers nothing"),
    Reliance("material_search_worker_query", "mkdocs-material", "overrides/partials/search-query.html",
             "the bundle posts each query to its search worker as `{type: 2, data: <the box's text>}` (a "
             "`Worker`'s `postMessage`), and the worker keeps a term's `~1` (lunr's edit distance) through "
             "its own transformation",
             "typos and Hebrew prefix letters find nothing again (\"hubspt\", \"בשופיפיי\")"),
    Reliance("material_search_worker_results", "mkdocs-material", "overrides/partials/search-query.html",
             "the bundle reads its worker's answers with `addEventListener(\"message\")` (RxJS `fromEvent`, "
             "taking `event.data`); an answer is `{type: 3, data: {items}}`, a list per page of results "
             "each with its `score` and `terms` (every query term: whether the result matched it), and the "
             "bundle shows a page's results in that order, those below its first one's score folded",
             "results are ranked by Material's score alone again: an answer without a word typed can lead, "
             "and a fact's row is listed on each of its pages"),
    Reliance("material_search_index_parts", "mkdocs-material", "overrides/partials/search-on-demand.html",
             "the bundle requests `search/search_index.json` with an `XMLHttpRequest` whose `responseType` is "
             "`blob`, and its search worker builds a new index from every setup message (`{type: 0}`), "
             "a second one included, replacing the first",
             "at 1,000 services a search answers from the index's first part only (names and fact rows), "
             "never from the whole index"),
    Reliance("material_search_highlight", "mkdocs-material", "overrides/partials/search-query.html",
             "for `?h=` the bundle wraps the words in `<mark data-md-highlight>`, in place of the page's text "
             "nodes",
             "highlights fall inside words again (\"un<mark>limit</mark>ed\")"),
]
