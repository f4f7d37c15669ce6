"""On the site: a review whose source changed after its check.

The templates ask `SourceWatch` whether one of a review's sources changed,
moved or went after the review's `checked` date (the records of
`data/source-checks.yaml`, `sourcechecks.py`), and which reviews come first in
the review page's to-do list. No network: this is what the generator imports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from .sourcechecks import NOTICES, SourceCheck, previous_checks, source_urls


@dataclass(frozen=True)
class SourceChange:
    kind: str  # changed, moved or gone
    on: dt.date
    url: str


class SourceWatch:
    """The recorded checks, asked by the templates: did a review's source change after it was checked?"""

    def __init__(self, checks: Iterable[SourceCheck]):
        self._by_url = previous_checks(checks)

    def change(self, review) -> SourceChange | None:
        """The latest change seen at one of the review's sources after its `checked` date."""
        found = [SourceChange(c.result if c.result in NOTICES else "changed", c.changed_on, c.url)
                 for url, _ in source_urls(review) if (c := self._by_url.get(url))
                 and c.changed_on and c.changed_on > review.checked]
        return max(found, key=lambda x: x.on) if found else None

    def todo(self, book) -> list:
        """The review page's to-do list: reviews whose source changed after their
        check first (latest change first), then the other reviews not verified."""
        changed = sorted((r for r in book.reviews if self.change(r)), key=lambda r: (-self.change(r).on.toordinal(), r.id))
        return changed + [r for r in book.not_verified() if r not in changed]
