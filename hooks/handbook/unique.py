"""The one duplicate check: every id that must be unique (an anchor, a file's key) goes through it.

Each caller lists its entries as (file, place, value), `place` naming the field
(`reviews[3].id`); the message is the same everywhere:
`file: place: duplicate <kind> 'x' (also <first place>)`, the first place
prefixed with its file when it is in another one.
"""

from __future__ import annotations

from typing import Iterable


def duplicates(entries: Iterable[tuple[str, str, str]], kind: str) -> list[str]:
    """A problem for every entry whose value an earlier entry already has."""
    first: dict[str, tuple[str, str]] = {}
    problems: list[str] = []
    for file, place, value in entries:
        if value in first:
            other_file, other_place = first[value]
            # The field is the same in both places: name the entry, not its field.
            other = other_place.rpartition(".")[0] or other_place
            also = other if other_file == file else f"{other_file}: {other}"
            problems.append(f"{file}: {place}: duplicate {kind} '{value}' (also {also})")
        else:
            first[value] = (file, place)
    return problems
