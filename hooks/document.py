"""MkDocs adapter: fixes to the theme's HTML document that templates cannot reach.

Material puts `dir` on <body> only; the root element carries it too, so that the
whole document, <head> included, has the language's direction. And the theme's
own markup is made valid HTML where it is not. The patterns below match the
markup of the installed Material (internals.py lists them; a test checks them).
A rewrite that must apply to a page and matches nothing there stops the build,
naming the rewrite and the page: the theme's markup changed, and a silent
no-op would publish the old faults again.
"""

from __future__ import annotations

import re
from html import escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from order import priority

from handbook.languages import DIRECTION
from handbook.strings import STRINGS

_HTML = re.compile(r'<html lang="([a-z-]+)"')
# Material's toggles are checkboxes with autocomplete="off", which HTML does not
# allow on checkboxes (2 validator errors on every page).
# Each <input> tag is found by its literal start, then fixed alone: one pattern
# over the whole page tried every character (1 ms a page).
_INPUT = re.compile(r'<input\b[^>]*>')
_AUTOCOMPLETE_OFF = re.compile(r'\s+autocomplete="off"')


# The theme's bundle sits at the end of <body> without `defer`; deferring it lets
# the first paint happen before it is fetched and run (same order, same events).
_BUNDLE = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')


# On a section's index page with headings the theme labels a table-of-contents
# toggle (`for="__toc"`) that it never renders: the label loses its `for`.
_ORPHAN_TOC_LABEL = ' for="__toc"'


# A heading's permalink (Python-Markdown's toc, `permalink: "#"`) is titled with
# the extension's one `permalink_title`, English on every page: each page says it
# in its own language (tests/test_language.py finds any Latin title left on a
# Hebrew page).
_PERMALINK_TITLE = ' title="Permanent link">'
_HEADERLINK = 'class="headerlink"'


@event_priority(priority("document.on_post_page"))
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _fix(output, page.file.src_uri)


@event_priority(priority("document.on_post_template"))
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    # Theme pages that are not Markdown pages (404.html) get the same fixes.
    return _fix(output, template_name) if template_name.endswith(".html") else output


# ----------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------


def _fix(output: str, where: str) -> str:
    # <html lang="he"> -> <html lang="he" dir="rtl">
    output, count = _HTML.subn(lambda m: f'{m[0]} dir="{DIRECTION.get(m[1], "ltr")}"', output, count=1)
    _applied("html_dir", count, where, "material_html_lang")
    lang = _HTML.search(output)
    if lang and lang[1] in STRINGS and _HEADERLINK in output:  # Markdown's permalinks: the page's headings
        _applied("permalink_title", output.count(_PERMALINK_TITLE), where, "toc_permalink_title")
        output = output.replace(_PERMALINK_TITLE, f' title="{escape(STRINGS[lang[1]]["link_to_section"])}">')
    if _ORPHAN_TOC_LABEL in output and 'id="__toc"' not in output:
        output = output.replace(_ORPHAN_TOC_LABEL, "")
    output, count = _BUNDLE.subn(r'<script src="\1" defer></script>', output, count=1)
    _applied("bundle_defer", count, where, "material_bundle_script")
    fixed = 0

    def checkbox_without_autocomplete(m: re.Match) -> str:
        nonlocal fixed
        tag = m[0]
        if 'type="checkbox"' not in tag:
            return tag
        tag, n = _AUTOCOMPLETE_OFF.subn("", tag)
        fixed += n
        return tag

    output = _INPUT.sub(checkbox_without_autocomplete, output)
    # Every page has the theme's toggles (the drawer's, the search's).
    _applied("checkbox_autocomplete", fixed, where, "material_checkbox_autocomplete")
    return output


def _applied(rewrite: str, count: int, where: str, reliance: str) -> None:
    # A rewrite that must apply here and matched nothing: stop, naming it and the page.
    if not count:
        raise PluginError(f"hooks/document.py: the rewrite '{rewrite}' matched nothing on {where}: the "
                          f"theme's markup changed (hooks/internals.py, '{reliance}'); mend the pattern")
