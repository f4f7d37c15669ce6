"""Escaping for the places a value from `data/` lands that HTML escaping alone does not cover.

Data is input from outside (research documents are imported, reviews and
platforms typed by hand), so every value is escaped where it lands, for that
context. HTML text and attributes are escaped by Jinja's autoescape (the
generator's templates) and markupsafe; what is left is here, one function per
context: a Markdown line that Python-Markdown still parses (headings, the
glossary's terms in hand-written prose), HTML inside a Markdown document (one
line per value: a blank line ends CommonMark's HTML block), a front matter
string (YAML, read as Markdown by a CommonMark renderer), Markdown text for a
CommonMark renderer (llms.txt), a CSV cell (a spreadsheet runs a cell that
starts with `=` as a formula).

The Markdown the generator writes is read twice: by Python-Markdown for the
site, and as it is by assistants and previews (the Markdown twin beside each
page, llms.txt), with a CommonMark renderer. Each function here is safe for both.
"""

from __future__ import annotations

import json
import re

from markupsafe import Markup, escape

# ---------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------

# What Python-Markdown's inline patterns and attr_list act on inside a heading:
# code spans, backslash escapes, links and images, emphasis, attribute lists
# (`{: onclick=... }`, `{#id}`), a closing `#` sequence. Each has a backslash
# escape that Markdown turns back into the character itself, so ordinary text
# comes out unchanged.
_MARKDOWN_TEXT = re.compile(r"([\\`*_{}\[\]()#!])")
# A numeric character reference written by `html_text` (a line break) is ours,
# never text: its `#` stays as it is.
_REFERENCE = re.compile(r"(&#[0-9]+;)")
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
            piece = "".join(p if j % 2 else _MARKDOWN_TEXT.sub(r"\\\1", p)
                            for j, p in enumerate(_REFERENCE.split(piece)))
        out.append("".join(_LINE_BREAKS.get(c, c) for c in piece))
    return Markup("".join(out))


# ---------------------------------------------------------------------------
# HTML in a Markdown document
# ---------------------------------------------------------------------------


def html_text(value) -> Markup:
    """A value as HTML text or attribute in a Markdown document: escaped, and on
    one line. A CommonMark renderer ends an HTML block at a blank line and reads
    what follows as Markdown (links, headings); a line break written as a
    character reference is the same whitespace to a browser."""
    html = escape(value)
    if "\n" in html or "\r" in html:  # rare: most values are one line (and this runs for every value)
        html = Markup(str(html).replace("\r", "&#13;").replace("\n", "&#10;"))
    return html


def finalize(value):
    """Jinja's `finalize` for the generator: every value a template writes that
    is not already markup (a macro's or `text`'s output) is written by `html_text`."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return html_text(value)
    return value


# ---------------------------------------------------------------------------
# Markdown text for a CommonMark renderer
# ---------------------------------------------------------------------------

# CommonMark lets any ASCII punctuation be backslash-escaped, and it then stands
# for itself. Escaped here: what starts a link or image, raw HTML or an autolink,
# an entity, a code span, emphasis or strikethrough (inside a line, nothing else acts).
_PUNCTUATION = re.compile(r"([\\`*_\[\]<>&!~])")


def commonmark_text(value) -> str:
    """Text on one line of CommonMark (a link's text in llms.txt), read back as the text."""
    one_line = " ".join(str(value).split())
    return _PUNCTUATION.sub(r"\\\1", one_line)


# ---------------------------------------------------------------------------
# Front matter
# ---------------------------------------------------------------------------

# What YAML does not accept unescaped (PyYAML's printable set, inverted), and
# what it reads as a line break (folded into a space). A front matter that does
# not parse is not an error for MkDocs: it becomes the page's Markdown, its
# title included, so it must always parse, to the very string.
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|\ufeff"
                            # A CommonMark renderer reads front matter as Markdown (a rule and a
                            # heading): no raw HTML, autolink or link may start in it.
                            "|[<>\\[\\]]")


def yaml_str(value) -> Markup:
    """A front matter string: JSON (which YAML reads), Hebrew kept readable;
    `<`, `>`, `[` and `]` as `\\u` escapes, which YAML reads back."""
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
