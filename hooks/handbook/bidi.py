"""Split mixed Hebrew/Latin text into runs, so that markup can isolate each run.

Browsers guess the order of Latin and number runs inside right-to-left text
(`1s, 2s, 4s...`, `+972501234567`, `System A → System B`) and often guess wrong.
`runs(text, "rtl")` returns [(direction or None, text)] where each Latin/number
run is marked "ltr" so templates wrap it in an isolating element; on a
left-to-right page Hebrew runs are marked "rtl". Parentheses are kept inside a
run only when balanced there, so a Hebrew `(...)` around Latin text stays Hebrew.
A neutral that ends a Latin word (`Blossom+`, `3+`, `edition+`) stays in its run
unless a Hebrew letter follows at once: outside the isolate, right-to-left text
would move it to the run's other side (`+Blossom`). Joining punctuation such as
`calls/דקה` and sentence punctuation (`:`, `?`) stay Hebrew.
"""

from __future__ import annotations

import re
from functools import lru_cache

_HEBREW = re.compile(r"[\u0590-\u05FF\uFB1D-\uFB4F]")
_NON_HEBREW_SEGMENT = re.compile(r"[^\u0590-\u05FF\uFB1D-\uFB4F]+")
_HEBREW_RUN = re.compile(r"[\u0590-\u05FF\uFB1D-\uFB4F](?:[\u0590-\u05FF\uFB1D-\uFB4F\s\"'׳״.\-]*[\u0590-\u05FF\uFB1D-\uFB4F])?")
_START = re.compile(r"[A-Za-z0-9+$\"(#@]")
_END = re.compile(r"[A-Za-z0-9)%!.\"…]")
_TRAILING = "+/"  # neutrals that belong to the word before them
_ISOLATE = {"ltr": ("\u2066", "\u2069"), "rtl": ("\u2067", "\u2069")}  # LRI/RLI ... PDI


def isolated(text: str, direction: str) -> str:
    """`text` for a plain-text context (a `title` attribute, which cannot hold
    markup) with opposite-direction runs in Unicode isolates, the twin of `<span dir>`."""
    return "".join(f"{_ISOLATE[d][0]}{part}{_ISOLATE[d][1]}" if d else part for d, part in runs(text, direction))


def has_hebrew(text: str) -> bool:
    return bool(_HEBREW.search(text))


@lru_cache(maxsize=1 << 15)  # a fact's text is shown on several pages: split once
def runs(text: str, direction: str) -> tuple[tuple[str | None, str], ...]:
    """Runs of `text` for a page of `direction`; opposite-direction runs are marked."""
    spans = _ltr_spans(text) if direction == "rtl" else [(m.start(), m.end()) for m in _HEBREW_RUN.finditer(text)]
    mark = "ltr" if direction == "rtl" else "rtl"
    out: list[tuple[str | None, str]] = []
    pos = 0
    for start, end in spans:
        if start > pos:
            out.append((None, text[pos:start]))
        out.append((mark, text[start:end]))
        pos = end
    if pos < len(text):
        out.append((None, text[pos:]))
    return tuple(out)


def _ltr_spans(text: str) -> list[tuple[int, int]]:
    if not has_hebrew(text):
        return [(0, len(text))] if text.strip() else []
    spans = []
    for seg in _NON_HEBREW_SEGMENT.finditer(text):
        for start, end in _split_unbalanced(text, seg.start(), seg.end()):
            span = _trim(text, start, end)
            if span:
                spans.append(span)
    return spans


def _split_unbalanced(text: str, start: int, end: int) -> list[tuple[int, int]]:
    # Cut the segment at parentheses that do not close inside it.
    stack, breaks = [], []
    for i in range(start, end):
        if text[i] == "(":
            stack.append(i)
        elif text[i] == ")":
            if stack:
                stack.pop()
            else:
                breaks.append(i)
    breaks = sorted(breaks + stack)
    pieces, pos = [], start
    for b in breaks:
        pieces.append((pos, b))
        pos = b + 1
    pieces.append((pos, end))
    return pieces


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and not _START.match(text[start]):
        start += 1
    while end > start and not _END.match(text[end - 1]):
        end -= 1
    if start >= end or not re.search(r"[A-Za-z0-9]", text[start:end]):
        return None
    while end < len(text) and text[end] in _TRAILING and not _HEBREW.match(text[end + 1:end + 2]):
        end += 1
    return start, end
