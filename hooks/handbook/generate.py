"""The generator: models in, Markdown out, one page per path and language.

It knows nothing of MkDocs. It renders every page of every type registered in
`pagetypes.py`: Markdown files (front matter, headings with explicit ids) whose
bodies come from the Jinja templates in `templates/` beside it; links between
pages are relative directory URLs
(`../int-calendar/`), so the output moves to any engine that serves
`services/<id>/`. Hand-written pages in `docs/` may hold markers
(`<!-- handbook:services-table -->`) that `expand_markers` fills in; an unknown
marker is an error, never silently left in.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from markupsafe import Markup
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape

from . import answers, bidi
from .bidi import has_hebrew
from .dates import written
from .escaping import finalize, html_text, markdown_inline, yaml_str
from .catalog import Catalog
from .facttables import FactBook
from .models import SECTIONS
from .sourcewatch import SourceWatch
from .changes import month_words
from .reviews import ReviewBook, build_date
from .languages import CODES, DEFAULT, DIRECTION, of_direction
from .strings import STRINGS, plural
from . import pagetypes
from .pagetypes import Document, DuplicatePage, PageType
from .urls import PageLinks

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Compiling the templates took 0.8 s of every build (each language's process, each
# `mkdocs serve` rebuild): Jinja's bytecode cache keeps them compiled, keyed by each
# template's source, in its per-user folder under the system's temporary directory.
try:
    _BYTECODE: FileSystemBytecodeCache | None = FileSystemBytecodeCache()
except (OSError, RuntimeError):  # no usable temporary folder: compile every time
    _BYTECODE = None
MARKER = re.compile(r"<!--\s*handbook:([a-z0-9-]+)\s*-->")
# Inline spans of hand-written Markdown that are never explained: code, links
# (text and URL), raw HTML tags, bare URLs.
_PROTECTED = re.compile(r"(`[^`]*`|!?\[[^\]]*\]\([^)]*\)|<[^>]+>|https?://\S+)")


class MarkerError(Exception):
    """A hand-written page names a marker no producer knows."""


# ---------------------------------------------------------------------------
# Generator
# ---------------------------------------------------------------------------


def term_html(piece: str, tooltip: str, focusable: bool, isolate: str | None = None) -> str:
    """A glossary term, explained on hover (its title) and, when `focusable`, on focus."""
    attrs = ' tabindex="0"' if focusable else ""
    attrs += f' dir="{isolate}"' if isolate else ""
    return f'<abbr class="hb-term" title="{html_text(tooltip)}"{attrs}>{html_text(piece)}</abbr>'


class Generator:
    """Every generated page, and the markers of hand-written ones, per language."""

    def __init__(self, catalog: Catalog, templates: Path | None = None, today=None,
                 page_types: list[PageType] | None = None):
        self.catalog = catalog
        # Staleness of reviews is relative to the build date (tests pass their own).
        self.reviews = ReviewBook(catalog.reviews, today or build_date())
        self.env = Environment(
            loader=FileSystemLoader(templates or TEMPLATES),
            bytecode_cache=_BYTECODE,
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            # Every value on one line, escaped (escaping.html_text): the Markdown is also read by CommonMark.
            finalize=finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # `{#id}` is Markdown's attribute syntax for heading ids, not a comment.
            comment_start_string="{##",
            comment_end_string="##}",
        )
        # `text` is called for every bullet, name and cell: Python, not a Jinja macro
        # (macros cost about ten times more, and a page has thousands of runs).
        self.env.globals["text"] = self._text
        # A piece that is the same on every page that shows it (a fact row's citation: on its
        # comparison, its platform's and its services' pages and the finder) is made once.
        self.env.globals["once"] = self._once
        # A citation's line, `{% filter cite_line(lang) %}...{% endfilter %}` (macros.html.j2).
        self.env.filters["cite_line"] = self._cite_line
        # A review whose source changed after its check says so wherever its statement shows.
        self.source_watch = SourceWatch(catalog.source_checks)
        self.env.globals["source_watch"] = self.source_watch
        # Front matter strings; HTML on a line Markdown parses (headings).
        self.env.filters["yaml_str"] = yaml_str
        self.env.filters["md"] = markdown_inline
        self.env.filters["keep_units"] = bidi.keep_units  # a number beside its unit, in any direction
        # Every date a page shows, in the page's language (`{{ review.checked | date(lang) }}`).
        self.env.filters["date"] = written
        # A plain-text title keeps its runs' order with direction marks ("3+" in the tab and the navigation).
        self.env.filters["marked"] = bidi.marked
        # The direction a text wholly in the other script sets for its own element (an English bullet).
        self.env.globals["own_dir"] = bidi.own_direction
        self.env.globals["plural"] = plural
        self.env.globals["month_words"] = month_words
        self.env.globals["strings"] = STRINGS  # a row names its kind in the other language too (search)
        self._answers = answers.Answers(catalog)
        self.env.globals["answers"] = self._answers  # an answer's origin, a review's figure lines, a citation's plain text
        # A template asks whether its page is in the research's language (`lang is research_language`:
        # English links to the Hebrew original, shows it where untranslated), never which language it is.
        self.env.tests["research_language"] = lambda code: code == DEFAULT.code
        self.producers = {
            "services-table": self._services_table,
        }
        self.facts = FactBook(catalog, self.reviews)
        self._explained: set[str] = set()  # glossary ids explained so far on the page being made
        self._displayed: dict[tuple[str, str, bool], Markup | tuple] = {}  # `_text`'s HTML, by its arguments
        self._made: dict[tuple, Markup] = {}  # `once`'s pieces, by their keys
        # Every page of every registered type, listed once: every page asks whether it is generated.
        self._pages: dict[str, tuple[PageType, Any]] = {}
        for kind in page_types if page_types is not None else pagetypes.PAGE_TYPES:
            for path, subject in kind.pages(catalog):
                if path in self._pages:
                    raise DuplicatePage(f"{path}: a page of both '{self._pages[path][0].name}' and '{kind.name}' "
                                        "(pagetypes.py): an id may not take another page's path")
                self._pages[path] = (kind, subject)
        self._documents = {d.source: d for d in (Document(kind, path, lang, subject) for lang in CODES
                                                 for path, (kind, subject) in self._pages.items())}

    def paths(self) -> list[str]:
        """Doc paths of the generated pages (the same in every language), in the registry's order."""
        return list(self._pages)

    def documents(self) -> list[Document]:
        """Every generated page in every language: each language's, in the registry's order."""
        return list(self._documents.values())

    def document(self, source: str) -> Document | None:
        """The generated page whose source is `source` (`en/services/x.md`); None for any other."""
        return self._documents.get(source)

    def is_generated(self, path: str | None) -> bool:
        return path in self._pages

    def page(self, path: str, lang: str) -> str:
        """The Markdown of generated page `path` in `lang`."""
        kind, subject = self._pages[path]
        self._explained = set()
        return self.render(kind.template, path, lang, **kind.context(self.facts, subject, lang))

    def forget(self) -> None:
        """Let go of what making the pages kept (`text`'s HTML, `once`'s pieces, citations'
        plain text): a large catalog's build needs the memory for what follows."""
        self._displayed.clear()
        self._made.clear()
        self._answers.forget()

    def expand_markers(self, markdown: str, lang: str, path: str, source: str) -> str:
        """Fill the `<!-- handbook:NAME -->` markers of a hand-written page."""
        unknown = [m[1] for m in MARKER.finditer(markdown) if m[1] not in self.producers]
        if unknown:
            known = ", ".join(sorted(self.producers))
            raise MarkerError(f"{source}: unknown marker 'handbook:{unknown[0]}' (known: {known})")
        if not self.is_generated(path):  # generated pages explain their terms in their templates
            self._explained = set()
            markdown = self._explain_prose(markdown, lang)
        return MARKER.sub(lambda m: self.producers[m[1]](lang, path), markdown)

    # -- producers ---------------------------------------------------------

    def _services_table(self, lang: str, path: str) -> str:
        return self.render("services_table.html.j2", path, lang).strip()

    # -- glossary ----------------------------------------------------------

    def _text(self, value: str, direction: str, explain: bool = True) -> Markup:
        """`value` as HTML for a page of `direction`.

        Runs of the other direction (Latin and numbers in Hebrew, Hebrew in
        English) are isolated in `<span dir>`, so that the browser never has to
        guess their order (`bidi.display`: with no-break spaces, hyphened pairs
        kept on one line, arrows drawn in reading direction), and the glossary's terms inside each run are
        explained (`explain=False` where the text is itself a link or a
        heading: no interactive element inside another). A term is focusable
        at its first explanation on the page only.
        """
        # The same value is shown several times on a page and on several pages (a bullet, its
        # citation; a fact's row on four pages): its HTML is made once (`_displayed`), and only
        # which of its terms are the page's first is decided at each call.
        key = (str(value), direction, explain)
        parts = self._displayed.get(key)
        if parts is None:
            parts = self._displayed[key] = self._display(*key)
        if isinstance(parts, Markup):  # no glossary term in it
            return parts
        out = []
        for part in parts:
            if isinstance(part, str):
                out.append(part)
            elif part[0] in self._explained:
                out.append(part[2])
            else:
                self._explained.add(part[0])
                out.append(part[1])
        return Markup("".join(out))

    def _display(self, value: str, direction: str, explain: bool) -> Markup | tuple:
        # `_text`'s HTML, as Markup when it explains no term; else its pieces: HTML, and for each
        # term (its id, its HTML where it is the page's first, its HTML elsewhere).
        out: list = []
        text: list[str] = []  # HTML since the last term
        for kind, part in bidi.display(value, direction):
            if kind == "join":  # a hyphened Hebrew-Latin pair (`ב-HubSpot`) is not broken across lines
                text.append('<span class="hb-nobr">')
            elif kind == "end":
                text.append("</span>")
            elif kind == "arrow":  # drawn pointing the way right-to-left text reads (handbook.css)
                text.append(f'<span class="hb-mirrored" data-mirror="{bidi.MIRRORED_ARROWS[part]}">{part}</span>')
            else:
                if kind:
                    text.append(f'<span dir="{kind}">')
                if explain:
                    for term, piece in self.catalog.glossary.split(part):
                        if term is None:
                            text.append(html_text(piece))
                            continue
                        tooltip = self.catalog.glossary.tooltip(term, of_direction(direction).code)
                        out.append("".join(text))
                        text = []
                        out.append((term.id, term_html(piece, tooltip, True), term_html(piece, tooltip, False)))
                else:
                    text.append(html_text(part))
                if kind:
                    text.append("</span>")
        out.append("".join(text))
        if len(out) == 1:
            return Markup(out[0])
        return tuple(p for p in out if p)

    def _cite_line(self, html: Markup, lang: str, answer: bool = False) -> Markup:
        """One line of a citation: its HTML, ended by <br>, with its plain text in `data-text`
        (macros.html.j2 says how it is used)."""
        plain = finalize(self._answers.plain_line(html, lang))
        mark = " data-answer" if answer else ""
        return Markup(f'<span class="hb-cite-line"{mark} data-text="{plain}">{html}</span><br>')

    def _once(self, key: tuple, macro, *args) -> Markup:
        """`macro(*args)`, made for the first page that asks for `key` and kept for the others:
        `key` names everything the piece depends on, and the piece explains no glossary term
        (that depends on the page)."""
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = macro(*args)
        return made

    def _explain(self, text: str, direction: str) -> list[tuple[str | None, str, bool]]:
        # Pieces of a hand-written page's prose (`_explain_prose`): (tooltip, spelling, focusable)
        # or (None, text, False); a term is focusable at its first explanation on the page.
        lang = of_direction(direction).code
        out = []
        for term, piece in self.catalog.glossary.split(text):
            if term is None:
                out.append((None, piece, False))
            else:
                out.append((self.catalog.glossary.tooltip(term, lang), piece, term.id not in self._explained))
                self._explained.add(term.id)
        return out

    def _explain_prose(self, markdown: str, lang: str) -> str:
        # Hand-written pages: terms in paragraphs and list items, never in front
        # matter, headings, code, raw HTML, link text or URLs.
        lines, out, fenced = markdown.split("\n"), [], False
        front = len(lines) > 1 and lines[0].strip() == "---"
        for n, line in enumerate(lines):
            if front:
                front = not (n > 0 and line.strip() == "---")
                out.append(line)
                continue
            if line.lstrip().startswith(("```", "~~~")):
                fenced = not fenced
            if fenced or line.lstrip().startswith(("#", "<", "```", "~~~", "*[", "[")):
                out.append(line)
                continue
            pieces = []
            for k, chunk in enumerate(_PROTECTED.split(line)):
                if k % 2:
                    pieces.append(chunk)
                    continue
                for tooltip, piece, focusable in self._explain(chunk, DIRECTION[lang]):
                    if tooltip is None:
                        pieces.append(piece)
                    else:
                        # Prose of hand-written pages has no isolated runs: the term isolates itself.
                        own = "rtl" if has_hebrew(piece) else "ltr"
                        isolate = own if own != DIRECTION[lang] else None
                        # The tooltip comes from data: nothing in it may act as Markdown.
                        pieces.append(markdown_inline(term_html(piece, tooltip, focusable, isolate)))
            out.append("".join(pieces))
        return "\n".join(out)

    def render(self, template: str, path: str, lang: str, **context) -> str:
        """A template as the page `path` in `lang`: its links (`link`) are relative to that page."""
        return self.env.get_template(template).render(
            lang=lang,
            dir=DIRECTION[lang],
            t=STRINGS[lang],
            catalog=self.catalog,
            sections=SECTIONS,
            link=PageLinks(path, lang, self.facts),
            facts=self.facts,
            reviews=self.reviews,
            links=self.catalog.takeaway_links,
            glossary=self.catalog.glossary,
            **context,
        )
