"""Escaping for the places a value from `data/` lands that HTML escaping alone does not cover.

Data is input from outside (research documents are imported, reviews and
platforms typed by hand), so every value is escaped where it lands, for that
context. HTML text and attributes are escaped by Jinja's autoescape (the
generator's templates) and markupsafe; what is left is here, one function per
context: a Markdown line that Python-Markdown still parses (headings, the
glossary's terms in hand-written prose), a front matter string (YAML), a CSV
cell (a spreadsheet runs a cell that starts with `=` as a formula).
"""

from __future__ import annotations

import json
import re

from markupsafe import Markup

# ---------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------

# What Python-Markdown's inline patterns and attr_list act on inside a heading:
# code spans, backslash escapes, links and images, emphasis, attribute lists
# (`{: onclick=... }`, `{#id}`), a closing `#` sequence. Each has a backslash
# escape that Markdown turns back into the character itself, so ordinary text
# comes out unchanged.
_MARKDOWN_TEXT = re.compile(r"([\\`*_{}\[\]()#!])")
# Inside a tag (the `title` of a glossary term), links and code spans are still
# found before the tag is set aside: there, the characters become entities,
# which the browser reads back in the attribute.
_MARKDOWN_ATTRIBUTE = {"\\": "&#92;", "`": "&#96;", "[": "&#91;", "]": "&#93;"}
_TAG = re.compile(r"(<[^>]*>)")
# A line break would end the heading and start a paragraph of Markdown.
_LINE_BREAKS = {"\n": "&#10;", "\r": "&#13;"}


def markdown_inline(html: str) -> Markup:
    """HTML (escaped text and our own tags) made safe on one line of Markdown:
    Markdown renders it to the same HTML, never to a link, an attribute or code."""
    out = []
    for k, piece in enumerate(_TAG.split(str(html))):
        if k % 2:
            piece = "".join(_MARKDOWN_ATTRIBUTE.get(c, c) for c in piece)
        else:
            piece = _MARKDOWN_TEXT.sub(r"\\\1", piece)
        out.append("".join(_LINE_BREAKS.get(c, c) for c in piece))
    return Markup("".join(out))


# ---------------------------------------------------------------------------
# Front matter
# ---------------------------------------------------------------------------

# What YAML does not accept unescaped (PyYAML's printable set, inverted), and
# what it reads as a line break (folded into a space). A front matter that does
# not parse is not an error for MkDocs: it becomes the page's Markdown, its
# title included, so it must always parse, to the very string.
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|\ufeff")


def yaml_str(value) -> Markup:
    """A front matter string: JSON (which YAML reads), Hebrew kept readable."""
    dumped = json.dumps(str(value), ensure_ascii=False)
    return Markup(_NOT_PRINTABLE.sub(lambda m: "\\u%04x" % ord(m[0]), dumped))


# ---------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------

# OWASP's CSV injection rule: a cell that starts with one of these is a formula
# to a spreadsheet (or becomes one once the tab or CR is stripped).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A plain signed number (`-5`, `+1,000`, `-2.5`) is read as a number, never as
# a formula, and stays one for a reader who sorts or sums the column.
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)*$")


def csv_cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading quote before a formula."""
    value = str(value)
    if value.startswith(_FORMULA_START) and not _NUMBER.match(value):
        return "'" + value
    return value
