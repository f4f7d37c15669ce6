"""Split mixed Hebrew/Latin text into runs, so that markup can isolate each run.

Browsers guess the order of Latin and number runs inside right-to-left text
(`1s, 2s, 4s...`, `+972501234567`, `System A → System B`) and often guess wrong.
`runs(text, "rtl")` returns [(direction or None, text)] where each Latin/number
run is marked "ltr" so templates wrap it in an isolating element; on a
left-to-right page Hebrew runs are marked "rtl". The rules, each for what a
Hebrew reader sees:

- Punctuation that ends a sentence or clause (`. ! ? , ; : …`) after a Latin
  word or a number stays outside the run, in the Hebrew sentence, unless Latin
  text follows it (`כל טריאל 50.` ends with the period on the left, never `.50`).
- A run ends at ": " and "; ": a label and the clause after it are two runs, so a
  number stays with its own words (`ב-HubSpot: 3 שניות`).
- A leading "/" or "." belongs to its word (`/v4/`, `.Shared`, `.../auth`).
- A number that ends a Latin run and is read with the Hebrew unit after it is a
  run of its own, so it sits beside its unit (`Free/Starter 100 בקשות`).
- Parentheses stay inside a run only when balanced there, so a Hebrew `(...)`
  around Latin text stays Hebrew.
- A neutral that ends a Latin word (`Blossom+`, `3+`, `edition+`) stays in its run
  unless a Hebrew letter follows at once: outside the isolate, right-to-left text
  would move it to the run's other side (`+Blossom`). Joining punctuation such as
  `calls/דקה` stays Hebrew.

`display(text, direction)` adds what only the page shows (the text stays as
written): no-break spaces between a number and its unit or sign, a Hebrew word
joined by a hyphen to a Latin word kept on one line (`CRM-חשבונאות`, `ב-HubSpot`), as is
a short parenthesis in the other script (`(Rate limit)`),
and arrows in right-to-left text marked for display in reading direction.
`isolated` and `marked` are the plain-text twins (a `title` attribute, a page title).
"""

from __future__ import annotations

import re
from functools import lru_cache

_HEBREW = re.compile(r"[\u0590-\u05FF\uFB1D-\uFB4F]")
_NON_HEBREW_SEGMENT = re.compile(r"[^\u0590-\u05FF\uFB1D-\uFB4F]+")
_HEBREW_RUN = re.compile(r"[\u0590-\u05FF\uFB1D-\uFB4F](?:[\u0590-\u05FF\uFB1D-\uFB4F\s\"'׳״.\-]*[\u0590-\u05FF\uFB1D-\uFB4F])?")
# A run starts at a letter, a digit, a sign, a quote or an opening parenthesis, or at a
# "/" or "." that leads into a word (`/v4/`, `.Shared`, `.../auth`).
_START = re.compile(r"[A-Za-z0-9+$\"(#@]|[./]+(?=[A-Za-z0-9])")
# ... and ends at a letter, a digit, a closing parenthesis, a percent sign or a quote:
# sentence and clause punctuation (`. ! ? , ; : …`) is left to the sentence around it.
_END = re.compile(r"[A-Za-z0-9)%\"]")
_TRAILING = "+/"  # neutrals that belong to the word before them
_CLAUSE_BREAK = re.compile(r"[:;](?=\s)")  # a label's colon, a clause's semicolon: a run ends there
_ISOLATE = {"ltr": ("\u2066", "\u2069"), "rtl": ("\u2067", "\u2069")}  # LRI/RLI ... PDI
MARK = {"ltr": "\u200e", "rtl": "\u200f"}  # LRM, RLM: the marks every plain-text reader knows
NBSP = "\u00a0"
# Arrows drawn in right-to-left text point the way it reads (display only).
MIRRORED_ARROWS = {"→": "←", "←": "→", "⇒": "⇐", "⇐": "⇒", "⟶": "⟵", "⟵": "⟶"}
_ARROW = re.compile("[" + "".join(MIRRORED_ARROWS) + "]")
# No-break spaces: a number and the unit or sign after it, a sign and the number after it.
_NUMBER_SPACE = re.compile(r"(?<=\d) (?=[A-Za-z%+×])|(?<=[+×]) (?=\d)")
_SHORT_ASIDE = re.compile(r"\([^()]{1,20}\)")  # a short parenthesis in the other script: one line
_HYPHEN_BEFORE = re.compile(r"\S*[\u0590-\u05FF]-$")  # `ב-` before a Latin word
_HYPHEN_AFTER = re.compile(r"^-[\u0590-\u05FF\uFB1D-\uFB4F]+")  # `-חשבונאות` after one


def isolated(text: str, direction: str) -> str:
    """`text` for a plain-text context (a `title` attribute, which cannot hold
    markup) with opposite-direction runs in Unicode isolates, the twin of `<span dir>`."""
    return "".join(f"{_ISOLATE[d][0]}{part}{_ISOLATE[d][1]}" if d else part for d, part in runs(text, direction))


def marked(text: str, direction: str) -> str:
    """`text` for plain text read anywhere (a page's title in the browser's tab and
    the navigation): a run the browser would reorder on its own (`3+`, `Blossom+`)
    is held by direction marks, older and more widely understood than isolates.
    A run from a letter to a letter or digit (`CRM-Marketing`, `OAuth 2.0`), or a
    number alone, keeps its order without them, and gets none."""
    own, other = MARK[direction], MARK["ltr" if direction == "rtl" else "rtl"]
    out = []
    for d, part in runs(text, direction):
        if d and not (part[0].isalpha() and part[-1].isalnum() or re.fullmatch(r"[\d,.]+", part)):
            part = f"{other}{part}{other}{own}"
        out.append(part)
    return "".join(out)


def keep_units(text: str) -> str:
    """`text` in either direction with a no-break space between a number and the unit or sign
    after it (an English quotation on a Hebrew page: "10\u00a0seconds" never parts at a line end)."""
    return _NUMBER_SPACE.sub(NBSP, text)


def has_hebrew(text: str) -> bool:
    return bool(_HEBREW.search(text))


def own_direction(text: str, direction: str) -> str | None:
    """The direction `text` sets for itself on a page of `direction`, when it is
    written wholly in the other one (an English bullet on a Hebrew page); else None."""
    if direction == "rtl":
        return "ltr" if not has_hebrew(text) and re.search("[A-Za-z]", text) else None
    return "rtl" if has_hebrew(text) and not re.search("[A-Za-z]", text) else None


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


@lru_cache(maxsize=1 << 15)
def display(text: str, direction: str) -> tuple[tuple[str | None, str], ...]:
    """`runs` as the page shows them: pieces (kind, text), where kind is None (the
    page's direction), "ltr"/"rtl" (an isolated run), "arrow" (one arrow, drawn in
    reading direction), or "join"/"end" (around pieces kept on one line)."""
    split = runs(text, direction)
    # No-break spaces where right-to-left reordering would part a number from its unit
    # (left-to-right text keeps its own line breaks: English tables stay narrow).
    parts = [(d, _no_break(part, split[i - 1][1] if i else "") if direction == "rtl" else part)
             for i, (d, part) in enumerate(split)]
    out: list[tuple[str | None, str]] = []
    i = 0
    while i < len(parts):
        d, part = parts[i]
        if d and _SHORT_ASIDE.fullmatch(part):  # "(Rate limit)" never splits at a narrow cell's edge
            out.extend([("join", ""), (d, part), ("end", "")])
            i += 1
            continue
        if d is None or direction != "rtl" or re.search(r"\s", part) or len(part) > 16:  # a long word may wrap
            out.extend(_arrows(part, direction) if d is None else [(d, part)])
            i += 1
            continue
        # A Latin word hyphened to a Hebrew one (`ב-HubSpot`, `CRM-חשבונאות`): one line.
        before = _HYPHEN_BEFORE.search(out[-1][1]) if out and out[-1][0] is None else None
        after = _HYPHEN_AFTER.match(parts[i + 1][1]) if i + 1 < len(parts) and parts[i + 1][0] is None else None
        if not (before or after):
            out.append((d, part))
            i += 1
            continue
        if before:
            head = out.pop()[1]
            out.extend(_arrows(head[:before.start()], direction))
            out.append(("join", ""))
            out.append((None, before[0]))
        else:
            out.append(("join", ""))
        out.append((d, part))
        if after:
            out.append((None, after[0]))
            parts[i + 1] = (None, parts[i + 1][1][after.end():])
        out.append(("end", ""))
        i += 1
    return tuple((k, p) for k, p in out if p or k in ("join", "end"))


def _no_break(part: str, before: str) -> str:
    # A number keeps its unit and sign: inside a run ("160 requests", "50,000 + 250"),
    # and across a run's edge ("3" + " שניות").
    part = _NUMBER_SPACE.sub(NBSP, part)
    if part[:1] == " " and re.search(r"\d[+%]?$", before) and part[1:2].isalpha():
        part = NBSP + part[1:]
    return part


def _arrows(part: str, direction: str) -> list[tuple[str | None, str]]:
    if direction != "rtl" or not _ARROW.search(part):
        return [(None, part)]
    out: list[tuple[str | None, str]] = []
    pos = 0
    for m in _ARROW.finditer(part):
        out.append((None, part[pos:m.start()]))
        out.append(("arrow", m[0]))
        pos = m.end()
    out.append((None, part[pos:]))
    return out


def _ltr_spans(text: str) -> list[tuple[int, int]]:
    if not has_hebrew(text):
        return [(0, len(text))] if text.strip() else []
    spans = []
    for seg in _NON_HEBREW_SEGMENT.finditer(text):
        for start, end in _split_unbalanced(text, seg.start(), seg.end()):
            for s, e in _split_clauses(text, start, end):
                span = _trim(text, s, e)
                if span:
                    spans.extend(_number_apart(text, span))
    return spans


def _split_unbalanced(text: str, start: int, end: int) -> list[tuple[int, int]]:
    # Cut the segment at parentheses that do not close inside it.
    if text.find("(", start, end) < 0 and text.find(")", start, end) < 0:
        return [(start, end)]  # most segments: nothing to look at, character by character
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


def _split_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    # Cut at ": " and "; ", except inside a quotation or parentheses (one quoted sentence, one aside).
    if text.find(":", start, end) < 0 and text.find(";", start, end) < 0:
        return [(start, end)]
    pieces, pos, depth, quoted = [], start, 0, False
    for i in range(start, end):
        c = text[i]
        depth += (c == "(") - (c == ")")
        quoted ^= c == '"'
        if not depth and not quoted and _CLAUSE_BREAK.match(text, i) and i + 1 < end:
            pieces.append((pos, i))
            pos = i + 1
    pieces.append((pos, end))
    return pieces


@lru_cache(maxsize=1)
def _hebrew_unit() -> re.Pattern:
    # A Hebrew unit word after a number ("100 בקשות"): figures.py gathers the units' words
    # (imported here, late: the models below it may come to use this module).
    from .figures import UNIT_WORDS

    words = sorted({w.split()[0] for unit in UNIT_WORDS.values() for w in unit if has_hebrew(w)},
                   key=len, reverse=True)
    return re.compile(r"\s+(?:" + "|".join(map(re.escape, words)) + r")(?![\u0590-\u05FF])")


def _number_apart(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    # A Latin run that ends with a number read with the Hebrew unit after it ("Free/Starter 100
    # בקשות"): the number is a run of its own, beside its unit, not at the run's far end.
    start, end = span
    m = re.search(r"\s(\d[\d,.]*)$", text[start:end])
    if not m or not _hebrew_unit().match(text, end):
        return [span]
    head = _trim(text, start, start + m.start())
    return ([head] if head else []) + [(start + m.start(1), end)]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and not _START.match(text, start):
        start += 1
    while end > start and not _END.match(text[end - 1]):
        end -= 1
    if start >= end or not re.search(r"[A-Za-z0-9]", text[start:end]):
        return None
    while end < len(text) and text[end] in _TRAILING and not _HEBREW.match(text[end + 1:end + 2]):
        end += 1
    return start, end
