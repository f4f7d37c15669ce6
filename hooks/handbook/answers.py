"""How an answer presents itself to a client: where it comes from, and its citation's plain text.

A review's official statement and figures are the answer a bullet, a row, a card,
a search result and a citation lead with; the research's words follow, labelled
as the research's, with the review's verdict. This module names the words for an
answer's origin ("Vendor documentation, checked ... · corrected") by review
status, lists a review's figures as lines (facttables.Line, as a table row shows
them), and turns one line of a citation's HTML into its plain text: the one
function every plain-text citation goes through (`plain_line`), so that what a
plain-text field needs (direction marks for Hebrew, bidi.py) is added in one place.
Plain Python: no MkDocs, no HTML written here.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from .bidi import MARK
from .dates import written
from .facttables import Line, official_figure
from .languages import DIRECTION
from .reviews import Review
from .strings import STRINGS

# Where the answer comes from, by review status (a key of strings.py): the vendor's
# documentation, or words that say it is not the vendor's.
ORIGIN = {
    "verified": "answer_vendor",
    "imprecise": "answer_vendor",
    "wrong": "answer_vendor",
    "outdated": "answer_vendor",
    "unverified": "answer_unconfirmed",
    "guidance": "answer_guidance",
}
# What the answer does to the research's words (a key of strings.py), by status.
VERDICT = {
    "verified": "answer_confirms",
    "imprecise": "answer_corrected",
    "wrong": "answer_corrected",
    "outdated": "answer_corrected",
}


def leads(review: Review) -> bool:
    """The review's statement leads, before the research's words: every status but verified
    (a verified bullet's own words are the answer)."""
    return review.status != "verified"


def leading(reviews: list[Review]) -> list[Review]:
    """The reviews whose answer comes before a bullet's own words."""
    return [r for r in reviews if leads(r)]


def origin(review: Review) -> str:
    return ORIGIN[review.status]


def verdict(review: Review) -> str | None:
    return VERDICT.get(review.status)


def origin_words(review: Review, lang: str) -> str:
    """Where the review's answer comes from, as plain text in `lang`: "Vendor documentation,
    checked 27 November 2026 · corrected", as a citation's line says it (macros.html.j2, `origin`,
    writes the same words with the day marked up)."""
    t = STRINGS[lang]
    words = f"{t[origin(review)]}, {t['answer_checked'].replace('{date}', written(review.checked, lang))}"
    return f"{words} · {t[verdict(review)]}" if verdict(review) else words


def figure_lines(review: Review, lang: str, platforms: dict, fact_platforms: dict[str, str | None]
                 ) -> tuple[Line, ...]:
    """The review's official figures, a line each, with vendor and plan, scope and note (as a table
    row shows them); `platforms` and `fact_platforms` (fact id -> platform id) are the catalog's."""
    of_facts = {fact_platforms.get(f) for f in review.facts}
    shared = of_facts.pop() if len(of_facts) == 1 else None
    lines = []
    for f in review.figures:
        a = official_figure(f, fact_platforms.get(f.fact) if f.fact else shared, platforms)
        label = a.plan_label(lang, None)
        detail = " · ".join(q for q in (label, a.detail(lang)) if q)
        lines.append(Line(a.words(lang), a.plan_key, detail, vendor=a.vendor_key, plan_label=label,
                          all_plans=a.all_plans))
    return tuple(lines)


class Answers:
    """This module for the templates, bound to a catalog (whose plans a figure names)."""

    leads = staticmethod(leads)
    leading = staticmethod(leading)
    origin = staticmethod(origin)
    verdict = staticmethod(verdict)

    def __init__(self, catalog):
        self._platforms = catalog.platforms
        self._fact_platforms = {f.id: f.platform for f in catalog.facts}
        # A fact row's citation is on four pages, and a page's heading in each of its bullets'
        # citations: each line's plain text is read from its HTML once.
        self._plain: dict[tuple[str, str], str] = {}

    def figure_lines(self, review: Review, lang: str) -> tuple[Line, ...]:
        return figure_lines(review, lang, self._platforms, self._fact_platforms)

    def forget(self) -> None:
        self._plain.clear()

    def plain_line(self, html: str, lang: str) -> str:
        key = (str(html), lang)
        text = self._plain.get(key)
        if text is None:
            text = self._plain[key] = plain_line(*key)
        return text


def plain_line(html: str, lang: str) -> str:
    """One line of a citation, from its HTML (written by the templates, every value escaped) to
    the text a plain-text field gets: tags dropped, entities read, spaces collapsed. Plain text
    has no <span dir>: on a right-to-left page each run of the other direction is held by
    direction marks (a mark of the run's direction on both sides, then one of the text's) and
    the line starts with the text's own mark, so that mail, WhatsApp and Slack keep its order;
    an arrow drawn mirrored on the page (bidi.py) is written mirrored."""
    direction = DIRECTION[lang]
    html = str(html)
    reader = _PlainText(direction)
    if not _read_simple(html, reader):  # not as the templates write it: the full HTML parser
        reader = _PlainText(direction)
        parser = _Parser(reader)
        parser.feed(html)
        parser.close()
    # Spaces collapsed, but a no-break space (a number kept with its unit, bidi.py) stays one.
    text = _SPACES.sub(" ", "".join(reader.out)).strip(" ")
    return f"{MARK[direction]}{text}" if direction == "rtl" and text else text


_SPACES = re.compile(r"[ \t\n\r\f\v]+")
# A citation line as the templates write it: lower-case tags, each attribute bare or in
# double quotes, no comment, no `<` in text (values are escaped), no script or style.
_TAG = re.compile(r'<(/?)([a-z][a-z0-9]*)((?:\s+[a-z][a-z0-9-]*(?:="[^"]*")?)*)\s*>')
_ATTRIBUTE = re.compile(r'\s+([a-z][a-z0-9-]*)(?:="([^"]*)")?')
_RAW_TEXT = frozenset(("script", "style"))


def _read_simple(html: str, reader: "_PlainText") -> bool:
    """Hand `html` to `reader` as HTMLParser would (tags, attributes and text with their
    references read), when it is written as the templates write it; else False, and
    the reader is left half fed. HTMLParser took a fifth of the time of making a page."""
    pos = 0
    while True:
        start = html.find("<", pos)
        text = html[pos:] if start < 0 else html[pos:start]
        if text:
            reader.handle_data(unescape(text) if "&" in text else text)
        if start < 0:
            return True
        m = _TAG.match(html, start)
        if not m or m[2] in _RAW_TEXT:
            return False
        if m[1]:
            if m[3]:
                return False  # an end tag with attributes
            reader.handle_endtag(m[2])
        else:
            reader.handle_starttag(m[2], [(a[1], None if a[2] is None else unescape(a[2]))
                                          for a in _ATTRIBUTE.finditer(m[3])])
        pos = m.end()


class _Parser(HTMLParser):
    # HTMLParser, handing what it reads to a `_PlainText`.
    def __init__(self, reader: "_PlainText"):
        super().__init__(convert_charrefs=True)
        self.handle_starttag = reader.handle_starttag
        self.handle_endtag = reader.handle_endtag
        self.handle_data = reader.handle_data


class _PlainText:
    # The text of a line's HTML, with direction marks where a `dir` changes the direction.
    _VOID = frozenset(("br", "img", "input", "wbr", "hr", "meta", "link"))

    def __init__(self, direction: str):
        self.direction = direction
        self.open: list[tuple[str, str, str, bool]] = []  # tag, direction inside, closing marks, skipped
        self.out: list[str] = []

    def _inside(self) -> str:
        return self.open[-1][1] if self.open else self.direction

    def handle_starttag(self, tag, attrs):
        if tag in self._VOID:
            return
        a = dict(attrs)
        outer = self._inside()
        own = a.get("dir") if a.get("dir") in MARK else outer
        closing = ""
        if self.direction == "rtl" and own != outer:
            self.out.append(MARK[own])
            closing = MARK[own] + MARK[outer]
        mirrored = "hb-mirrored" in (a.get("class") or "").split() and a.get("data-mirror")
        if mirrored:
            self.out.append(a["data-mirror"])
        self.open.append((tag, own, closing, bool(mirrored) or any(s for *_, s in self.open)))

    def handle_endtag(self, tag):
        while self.open:
            name, _, closing, _ = self.open.pop()
            self.out.append(closing)
            if name == tag:
                break

    def handle_data(self, data):
        if not (self.open and self.open[-1][3]):
            self.out.append(data)
