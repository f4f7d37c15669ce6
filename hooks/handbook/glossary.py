"""The glossary at work: find its terms in any text, and say what they mean.

`Explainer` splits a text into pieces, each either plain or one spelling of a
glossary term (whole words, longest spelling first, so `HMAC-SHA256` wins over
`HMAC`), never inside an identifier, an HTTP header name, a URL, a code span
or a placeholder (`X-Zendesk-Webhook-Signature`, `webhook-id`,
`msg_id.timestamp.payload`, `https://.../webhooks/`, `<base64>`), unless the
whole of it is the term (`HMAC-SHA256`, `last-write-wins`). The generator turns
term pieces into `<abbr>` elements through the `term` macro; this module holds
no HTML. `tooltip` is the plain text a reader sees on hover or focus: Latin runs
inside Hebrew (and Hebrew inside English) are wrapped in Unicode isolates
(`bidi.isolated`), because a `title` attribute cannot hold markup.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from . import bidi
from .languages import CODES, DIRECTION
from .models import Glossary, GlossaryTerm
from .unique import duplicates



# Where a term is part of something else: a URL, a code span, a `<placeholder>`,
# or Latin words joined by `-`, `.` or `_` (identifiers and header names; a
# Hebrew prefix such as `ה-webhook` is not Latin, so it joins nothing).
_NOT_PROSE = re.compile(
    r"(?<![A-Za-z])[A-Za-z][A-Za-z0-9+.-]*://[^\s<>\"'()]+|www\.[^\s<>\"'()]+"
    r"|`[^`]*`"
    r"|<[^<>\s]+>"
    # Only from a word's start (the look-behind): tried at every letter of a long word,
    # the pattern would make the scan quadratic in the word's length.
    r"|(?<![A-Za-z0-9_])[A-Za-z0-9_]+(?:[-._][A-Za-z0-9_]+)+"
)


def spellings(form: str) -> list[str]:
    """A form as written, and with its first letter's case swapped (sentence starts)."""
    swapped = form[0].swapcase() + form[1:]
    return [form] if swapped == form else [form, swapped]


def isolated(text: str, lang: str) -> str:
    """`text` for a plain-text context (a tooltip) with opposite-direction runs isolated."""
    return bidi.isolated(text, DIRECTION[lang])


class Explainer:
    """Finds glossary terms in text; every form belongs to exactly one term."""

    def __init__(self, glossary: Glossary):
        self.terms = glossary.terms
        self._tooltips: dict[tuple[str, str], str] = {}
        self._pieces: dict[str, tuple[tuple[GlossaryTerm | None, str], ...]] = {}
        self._term_of: dict[str, GlossaryTerm] = {}
        # Each term's aliases in both languages, by id (`aliases_in`, for every search entry).
        self._aliases = {t.id: (*t.aliases.he, *t.aliases.en) for t in glossary.terms}
        for term in glossary.terms:
            for form in term.forms:
                for spelling in spellings(form):
                    self._term_of.setdefault(spelling, term)
        alternatives = "|".join(re.escape(s) for s in sorted(self._term_of, key=len, reverse=True))
        # No glossary (data without glossary.yaml): a pattern that never matches.
        self._pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)" if alternatives else r"(?!x)x")

    def split(self, text: str) -> tuple[tuple[GlossaryTerm | None, str], ...]:
        """Pieces of `text`: (term, spelling) where a term occurs, (None, text) between."""
        if text not in self._pieces:  # a fact's text is shown on several pages: split once
            self._pieces[text] = self._split(text)
        return self._pieces[text]

    def _split(self, text: str) -> tuple[tuple[GlossaryTerm | None, str], ...]:
        matches = list(self._pattern.finditer(text))
        if not matches:  # most texts name no term: no need to find what guards one
            return ((None, text),) if text else ()
        out: list[tuple[GlossaryTerm | None, str]] = []
        pos = 0
        # Guarded spans do not overlap and come in order: the one that could hold a
        # match is the first that ends after its start (a search, not a scan: linear
        # in the text's size, however many spans and matches a long text has).
        guarded = [(g.start(), g.end()) for g in _NOT_PROSE.finditer(text)]
        ends = [e for _, e in guarded]
        for m in matches:
            i = bisect_right(ends, m.start())
            if i < len(guarded) and guarded[i][0] < m.end() and guarded[i] != m.span():
                continue  # inside an identifier, a URL or code
            if m.start() > pos:
                out.append((None, text[pos:m.start()]))
            out.append((self._term_of[m[0]], m[0]))
            pos = m.end()
        if pos < len(text):
            out.append((None, text[pos:]))
        return tuple(out)

    def aliases_in(self, text: str) -> list[str]:
        """The aliases (both languages) of every term that occurs in `text`: the search
        finds an entry by them too (טוקן, token lifetime where `access token` is written)."""
        terms = dict.fromkeys(t.id for t, _ in self.split(text) if t is not None)
        return [a for i in terms for a in self._aliases[i]]

    def tooltip(self, term: GlossaryTerm, lang: str) -> str:
        """What a reader sees on hover or focus, in the page's language."""
        key = (term.id, lang)
        if key not in self._tooltips:  # asked for at every occurrence: made once
            head = term.expansion or term.term
            self._tooltips[key] = isolated(f"{head}: {term.definition[lang]}", lang)
        return self._tooltips[key]


def check_glossary(glossary: Glossary, name: str, problems: list[str]) -> None:
    """Ids unique (they are anchors); each spelling explained by one term only."""
    problems += duplicates([(name, f"terms[{i}].id", term.id) for i, term in enumerate(glossary.terms)],
                           "glossary term id")
    owner: dict[str, str] = {}
    for i, term in enumerate(glossary.terms):
        for j, form in enumerate(term.forms):
            for spelling in spellings(form):
                if owner.get(spelling, term.id) != term.id:
                    problems.append(f"{name}: terms[{i}].forms[{j}]: '{form}' is already a form of '{owner[spelling]}'")
                    break
                owner.setdefault(spelling, term.id)
        forms = {f.casefold() for f in term.forms}
        for lang in CODES:
            for j, alias in enumerate(getattr(term.aliases, lang)):
                if alias.casefold() in forms:
                    problems.append(f"{name}: terms[{i}].aliases.{lang}[{j}]: '{alias}' is already a form of "
                                    f"'{term.id}' (forms are found as they are; aliases are what else a reader types)")
