"""What valid data still lacks before it may be published.

An import brings Hebrew without English, and a revised research marks English
as stale; an imported integration has no flow (from, to, direction) yet. Such
data is valid (the pages render: the English page shows the Hebrew with a
notice), but unfinished: `make check` lists it, and the site build logs each
entry as a warning, so `mkdocs build --strict` (CI, `make site`, `make test`)
fails until it is done. Entries read like data problems: `file: place: message`.
"""

from __future__ import annotations

from .catalog import Catalog
from .models import SECTIONS, STALE_KEY, Integration, Bullet, Service, Text

NOT_TRANSLATED = "not translated yet (the English page shows the Hebrew)"
OUT_OF_DATE = (f"translation out of date: the Hebrew changed (the English translates {STALE_KEY}); "
               f"update en, then delete {STALE_KEY}")
NO_FLOW = "no flow yet: set from, to and direction (the page draws no arrow)"


def unfinished(catalog: Catalog, data: str = "data") -> list[str]:
    """Every missing or stale English and every undrawn flow, `file: place: message`."""
    found: list[str] = []
    for service in catalog.services:
        found += _service(service, f"{data}/services/{service.id}.yaml")
    name = f"{data}/takeaways.yaml"
    for g, group in enumerate(catalog.takeaways.groups):
        found += _english(group.title, f"{name}: groups[{g}].title")
        for t, takeaway in enumerate(group.takeaways):
            found += _english(takeaway, f"{name}: groups[{g}].takeaways[{t}]")
    return found


def _service(service: Service, name: str) -> list[str]:
    found = _english(service.title, f"{name}: title") + _english(service.summary, f"{name}: summary")
    for key in SECTIONS:
        for i, item in enumerate(service.section(key)):
            found += _english(item, f"{name}: {key}[{i}]")
            if isinstance(item, Integration) and not item.drawn:
                found.append(f"{name}: {key}[{i}]: {NO_FLOW}")
    return found


def _english(value: Text | Bullet, place: str) -> list[str]:
    if value.en is None:
        return [f"{place}.en: {NOT_TRANSLATED}"]
    if not value.translated:
        return [f"{place}.en: {OUT_OF_DATE}"]
    return []
