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

from .facttables import AnswerFigure, Line
from .reviews import Review

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


def figure_lines(review: Review, lang: str) -> tuple[Line, ...]:
    """The review's official figures, a line each, with plan, scope and note (as a table row shows them)."""
    lines = []
    for f in review.figures:
        a = AnswerFigure(f, f.plan_text, f.scope, f.note, True)
        lines.append(Line(a.words(lang), a.plan_key, a.detail(lang)))
    return tuple(lines)


_TAG = re.compile(r"<[^>]*>")


def plain_line(html: str, lang: str) -> str:
    """One line of a citation, from its HTML (written by the templates, every value escaped) to
    the text a plain-text field gets: tags dropped, entities read, spaces collapsed.
    `lang` is the citation's language: direction marks for Hebrew belong here."""
    return " ".join(unescape(_TAG.sub("", str(html))).split())
