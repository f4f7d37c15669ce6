"""MkDocs adapter for the generator: generated pages and filled markers.

Thin on purpose: the content comes from `handbook.generate` (no MkDocs there).
mkdocs-static-i18n 1.3.1 re-creates every file from its path under `docs_dir`,
losing in-memory content, so generated pages are added in `on_files` as paths
`docs/<lang>/...` without content (i18n then pairs languages, alternates,
sitemap and search), and their content is supplied after i18n has run (order.py).
Nothing is written into `docs/`.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from markdown.util import BLOCK_LEVEL_ELEMENTS
from markupsafe import Markup, escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data as get_markdown_and_meta

from i18nstate import building
from order import priority

from handbook.catalog import DataError, cached_catalog
from handbook.generate import Generator, MarkerError
from handbook.languages import of_source
from handbook.pagetypes import DuplicatePage
from handbook.strings import STRINGS
from handbook.unfinished import unfinished
from handbook.yamlio import write_text

# Under `mkdocs.`: strict mode counts these warnings and fails the build.
log = logging.getLogger("mkdocs.hooks.pages")
_generator: Generator | None = None

# ----------------------------------------------------------------------------
# Hooks
# ----------------------------------------------------------------------------


@event_priority(priority("pages.on_config"))
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # i18n runs `on_config` again for each further language: the catalog is read
    # once, and again only after a data file changes (`mkdocs serve`).
    global _generator
    try:
        catalog = cached_catalog(Path(config.config_file_path).parent / "data")
    except DataError as e:
        raise PluginError(e.report()) from None
    if _generator is not None and _generator.catalog is catalog:
        return config
    try:
        _generator = Generator(catalog)
    except DuplicatePage as e:  # an id that takes another page's path (a service called `index`)
        raise PluginError(str(e)) from None
    # Unfinished data renders (with notices) but must not be published unnoticed.
    # Once per build: i18n re-runs on_config for each other language (`building`).
    if not building(config):
        for entry in unfinished(_generator.catalog):
            log.warning(entry)
    return config


@event_priority(priority("pages.on_files"))
def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Announce every generated page, in every language, before i18n sorts them.
    for document in _generator.documents():
        files.append(File(document.source, config.docs_dir, config.site_dir, config.use_directory_urls))
    return files


@event_priority(priority("pages.on_nav"))
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    # After i18n has re-created the files: give them content.
    for file in files.documentation_pages():
        document = _generator.document(file.src_uri)
        if document is not None:
            file.content_string = _generator.page(document.path, document.lang)
    _generator.forget()
    _arrange_sections(nav)
    _references_last(nav)
    return nav


@event_priority(priority("pages.on_page_markdown"))
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    _title_as_html(page)
    if _generator.document(page.file.src_uri) is not None:
        if "title" not in page.meta:  # front matter that did not parse would be read as Markdown
            raise PluginError(f"{page.file.src_uri}: the generated page has no title in its front matter")
        # Generated pages are mostly HTML blocks, which Markdown passes through
        # unchanged after parsing them twice (half the build's time): set them
        # aside, and put them back once the page is converted.
        markdown, _stash[page.file.src_uri] = _set_aside(markdown)
        _write_twin(page, page.file.content_string)
        return markdown
    # Hand-written pages: fill their `<!-- handbook:NAME -->` markers (front matter
    # and all, for the twin; the page itself is converted without its front matter).
    lang, path = _source(page.file)
    try:
        expanded = _generator.expand_markers(page.file.content_string, lang, path, f"docs/{lang}/{path}")
    except MarkerError as e:
        raise PluginError(str(e)) from None
    _write_twin(page, expanded)
    return get_markdown_and_meta(expanded)[0]


@event_priority(priority("pages.on_page_content"))
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    blocks = _stash.pop(page.file.src_uri, None)
    if not blocks:
        return html
    # Ids inside the blocks are link targets, as MkDocs would have found them.
    page.present_anchor_ids.update(i for b in blocks for i in _ids(b))
    return _PLACEHOLDER_P.sub(lambda m: blocks[int(m[1])], html)


# ----------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------

# HTML blocks set aside during conversion, by page; a paragraph holds the place.
_stash: dict[str, list[str]] = {}
_PLACEHOLDER = "hbblock{}x"
_PLACEHOLDER_P = re.compile(r"<p>hbblock(\d+)x</p>")
_ID = re.compile(r'id="([^"]+)"')
_OPENING = re.compile(r"<([a-z][a-z0-9]*)\b")


def _ids(html: str):
    # Every `id="..."` after a space, as `\sid="([^"]+)"` finds them: a pattern that starts
    # with a literal is looked for as a string (a tenth of the time on a large page).
    pos = 0
    while (at := html.find('id="', pos)) >= 0:
        m = _ID.match(html, at) if at and html[at - 1].isspace() else None
        if m:
            yield m[1]
            pos = m.end()
        else:
            pos = at + 1


def _set_aside(markdown: str) -> tuple[str, list[str]]:
    # A block (lines between blank lines) made only of block-level elements,
    # each opened and closed within it, is raw HTML for Markdown, passed
    # through as it is. Anything else (headings, text, an element that spans a
    # blank line) is left to Markdown.
    blocks: list[str] = []
    out = []
    for chunk in re.split(r"(\n\s*\n)", markdown):
        if _only_elements(chunk):
            out.append(_PLACEHOLDER.format(len(blocks)))
            blocks.append(chunk)
        else:
            out.append(chunk)
    return "".join(out), blocks


def _only_elements(chunk: str) -> bool:
    # Element after element, each block-level and closed before the next one opens.
    pos, end = 0, len(chunk.rstrip())
    if not chunk.startswith("<"):
        return False
    while pos < end:
        m = _OPENING.match(chunk, pos)
        if not m or m[1] not in BLOCK_LEVEL_ELEMENTS:
            return False
        depth, closed = 0, None
        for t in re.compile(rf"<(/?){m[1]}\b[^>]*>").finditer(chunk, pos):
            depth += -1 if t[1] else 1
            if depth == 0:
                closed = t.end()
                break
        if closed is None:
            return False
        pos = closed
        while pos < end and chunk[pos] in " \t\n":
            pos += 1
    return True


def _write_twin(page, markdown: str) -> None:
    # For assistants: the page's Markdown, as generated once for this build, beside its
    # HTML (`services/x/index.md` next to `services/x/index.html`), so that a page's
    # address plus `index.md` is its Markdown on any host. Each process writes its own
    # language's (parallel.py); publishing.py lists them all in llms.txt.
    # The page's own scripts (the brief's, the vendor changes' clock) are for browsers, not readers
    # of the Markdown: left out. Data never makes a script (escaping.py), so nothing else is lost.
    write_text(Path(page.file.abs_dest_path).with_name("index.md"), _SCRIPT.sub("", markdown), durable=False)


_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>\n?", re.S)


def _title_as_html(page) -> None:
    # A front matter title is text (a service's title, from data); Material
    # prints a page's title as HTML (the <title>, the header, the navigation,
    # the footer), so it gets the title escaped, marked safe so that the one
    # place it escapes again (the footer's aria-label) does not do it twice.
    title = page.meta.get("title")
    if isinstance(title, str) and not isinstance(title, Markup):
        page.meta["title"] = escape(title)


def _source(file: File) -> tuple[str | None, str | None]:
    # A hand-written page's language and doc path: `en/x.md` -> ("en", "x.md"); (None, None) elsewhere.
    lang, _, path = file.src_uri.partition("/")
    return (lang, path) if of_source(file.src_uri) and path else (None, None)


def _documents(items: list) -> list:
    # The generated page of each navigation item (None for a section, a link or a hand-written page).
    return [_generator.document(i.file.src_uri) if getattr(i, "file", None) else None for i in items]


def _arrange_sections(nav: Navigation) -> None:
    # A folder whose index page's type opens a section (pagetypes.Section) is named by it, in the
    # page's language, and lists its pages in the registry's order where the type asks for it.
    order = {path: i for i, path in enumerate(_generator.paths())}
    for item in nav.items:
        children = getattr(item, "children", None) or []
        documents = [d for d in _documents(children) if d is not None]
        section = next((d.kind.section for d in documents if d.kind.section), None)
        if section is None:
            continue
        item.title = STRINGS[documents[0].lang][section.title]
        if section.ordered:
            rank = {id(c): order[d.path] if d else -1 for c, d in zip(children, _documents(children))}
            children.sort(key=lambda c: rank[id(c)])


def _references_last(nav: Navigation) -> None:
    # A reference (the glossary) is read after the content: last in the menu.
    items = nav.items
    for item, document in list(zip(items, _documents(items))):
        if document is not None and document.kind.last:
            items.remove(item)
            items.append(item)
