"""Checks on every value of a data file as YAML gives it, before the models see it.

Data is input from outside, and some of it is invisible: a control character
(NUL, ESC, VT, DEL, ...) makes the Atom feeds ill-formed XML and lands raw in
the pages; a bidirectional formatting character (U+202E RIGHT-TO-LEFT OVERRIDE,
the isolates U+2066-2069, the marks U+200E and U+200F) reverses a title on the
page, in the tab and in llms.txt (the site isolates directions itself, in
`bidi.py`). Both are refused in every string of every file, keys included,
each named with its code point and name. Every date is held to a sane window
(from 2000 to ten years after the build date): a typo such as 9999-12-31 is
refused where it is written instead of breaking an export.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# Tab and line feed are text (a block scalar's lines); everything else below is not.
# (Lone surrogates, which YAML's `\\ud800` makes, are no text either: UTF-8 cannot write them.)
_REFUSED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff"
                      "\ud800-\udfff]")
_BIDI = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# The C0 controls' names (Unicode's aliases: `unicodedata.name` has none for them).
_C0 = ("NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY",
       "ACKNOWLEDGE", "BELL", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION", "FORM FEED",
       "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN", "DATA LINK ESCAPE", "DEVICE CONTROL ONE", "DEVICE CONTROL TWO",
       "DEVICE CONTROL THREE", "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE",
       "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE", "ESCAPE", "INFORMATION SEPARATOR FOUR",
       "INFORMATION SEPARATOR THREE", "INFORMATION SEPARATOR TWO", "INFORMATION SEPARATOR ONE")

EARLIEST = dt.date(2000, 1, 1)
YEARS_AHEAD = 10
# A vendor change known only by its month (`2027-09`) is a string to YAML.
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def character_name(c: str) -> str:
    """`U+202E RIGHT-TO-LEFT OVERRIDE`, `U+001B ESCAPE`, `U+007F DELETE`."""
    code = ord(c)
    if code < 0x20:
        name = _C0[code]
    elif code == 0x7F:
        name = "DELETE"
    else:
        name = unicodedata.name(c, "a C1 control character" if code <= 0x9F
                                else "a lone surrogate" if 0xD800 <= code <= 0xDFFF else "a noncharacter")
    return f"U+{code:04X} {name}"


def text_problem(value: str) -> str | None:
    """Why `value` may not be data text, or None."""
    m = _REFUSED.search(value)
    if not m:
        return None
    c = m[0]
    kind = ("a bidirectional formatting character: the site sets directions itself" if c in _BIDI
            else "an invisible character that is not text")
    return f"{character_name(c)} at character {m.start() + 1} ({kind}): remove it"


def latest(today: dt.date) -> dt.date:
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def date_problem(day: dt.date, today: dt.date | None) -> str | None:
    """Why `day` is no date of this handbook's data (outside 2000 .. build date + 10 years), or None."""
    last = latest(today) if today is not None else None
    if day < EARLIEST or (last is not None and day > last):
        end = last.isoformat() if last else "the build date"
        return f"{day.isoformat()} is outside {EARLIEST.isoformat()}..{end} (a typo?)"
    return None


def raw_problems(value, today: dt.date | None, loc: tuple = ()) -> list[tuple[tuple, str]]:
    """(place, message) for every refused character and out-of-window date in `value` (parsed YAML)."""
    out: list[tuple[tuple, str]] = []
    stack = [(loc, value)]
    while stack:  # no recursion: the nesting depth is checked before parsing, but stay flat anyway
        place, v = stack.pop()
        if isinstance(v, str):
            problem = text_problem(v)
            if problem:
                out.append((place, problem))
            elif place and place[-1] == "date" and (m := _MONTH.match(v)):
                problem = date_problem(dt.date(int(m[1]), int(m[2]), 1), today)
                if problem:
                    out.append((place, problem.replace("-01 is", " is", 1)))
        elif isinstance(v, dt.date):
            problem = date_problem(v if not isinstance(v, dt.datetime) else v.date(), today)
            if problem:
                out.append((place, problem))
        elif isinstance(v, dict):
            for k, item in reversed(list(v.items())):
                if isinstance(k, str) and (problem := text_problem(k)):
                    out.append(((*place, k), f"in the key: {problem}"))
                stack.append(((*place, k), item))
        elif isinstance(v, list):
            stack.extend(((*place, i), item) for i, item in reversed(list(enumerate(v))))
    return out
