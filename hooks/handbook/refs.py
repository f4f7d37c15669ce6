"""References to research bullets: which bullet a reference names, and where a bullet is cited.

Every data file names a bullet the same way: a `models.BulletRef` (a fact's
source, a review's or a vendor change's bullets, a takeaway link's
`applies_to`), or a field marked `models.Cites` (a takeaway link's takeaway).
`Bullets` is the one resolver: the bullet a reference names, or the one
problem, located, with the nearest ids that exist (`data/reviews.yaml:
reviews[3].bullets[0]: unknown bullet 'int-crm-marketing#hubspot-rate-limt'
(nearest: int-crm-marketing#hubspot-rate-limit, ...)`). `citations` finds every reference
in a file, loaded or as YAML read, by the file's model: the catalog's check and
the importer's "who cites this bullet" read the same places of every file.
"""

from __future__ import annotations

import types
from difflib import get_close_matches
from functools import lru_cache
from typing import Annotated, Iterable, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .models import TAKEAWAYS, Bullet, BulletRef, Cites, Service, Takeaways

# How many existing ids a problem suggests.
NEAREST = 3

Place = tuple  # keys and indexes from a file's top, as pydantic locates an error: ('reviews', 3, 'bullets', 0)


class Bullets:
    """Every bullet of the catalog, by reference; `unloaded`: services whose file did not load
    (their references are not checked: that file's problems are reported)."""

    def __init__(self, services: Iterable[Service], takeaways: Takeaways | None, unloaded: Iterable[str] = ()):
        self._by_service: dict[str, dict[str, Bullet]] = {s.id: {b.id: b for _, b in s.bullets()} for s in services}
        if takeaways is not None:
            self._by_service[TAKEAWAYS] = {t.id: t for g in takeaways.groups for t in g.takeaways}
        self._unloaded = frozenset(unloaded) | (frozenset() if takeaways is not None else {TAKEAWAYS})

    def get(self, ref: BulletRef) -> Bullet | None:
        """The bullet `ref` names; None when there is none (or its service did not load)."""
        return self._by_service.get(ref.service, {}).get(ref.bullet)

    def __getitem__(self, ref: BulletRef) -> Bullet:
        """The bullet of a checked reference (KeyError otherwise)."""
        return self._by_service[ref.service][ref.bullet]

    def ids(self) -> set[str]:
        """Every bullet's id (its anchor), across services."""
        return {i for bullets in self._by_service.values() for i in bullets}

    def problem(self, name: str, place: str, ref: BulletRef) -> str | None:
        """The one message for a reference to no bullet, at its file and place; None when the bullet
        exists, or when its service did not load."""
        if ref.service in self._unloaded or self.get(ref) is not None:
            return None
        why = "" if ref.service in self._by_service else f"no service '{ref.service}'; "
        return f"{name}: {place}: unknown bullet '{ref}' ({why}nearest: {', '.join(self._nearest(ref)) or 'none'})"

    def _nearest(self, ref: BulletRef) -> list[str]:
        # The same id under another service (a bullet cited with the wrong service) first, then the
        # references spelt most alike; else the service's (or the likeliest service's) closest ids.
        # Most alike first, ties by name: the same list whatever order the files were read in.
        every = [f"{s}#{i}" for s, bullets in self._by_service.items() for i in bullets]
        same_id = [r for r in every if r.endswith(f"#{ref.bullet}")]
        found = get_close_matches(str(ref), same_id, NEAREST, 0) + get_close_matches(str(ref), every, NEAREST, 0.6)
        if not found:
            service = ref.service if ref.service in self._by_service else \
                next(iter(get_close_matches(ref.service, list(self._by_service), 1, 0)), None)
            found = [f"{service}#{i}" for i in get_close_matches(ref.bullet, list(self._by_service.get(service, ())),
                                                                  NEAREST, 0)]
        return list(dict.fromkeys(found))[:NEAREST]

    def check(self, name: str, model: type[BaseModel], data) -> list[str]:
        """Every reference of a file to no bullet, each at its place (`data`: the file's loaded model)."""
        return [p for loc, ref in citations(model, data)
                if self.get(ref) is None and (p := self.problem(name, place(loc), ref))]


def place(loc: Place) -> str:
    """('notes', 3, 'en') -> notes[3].en"""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


# ---------------------------------------------------------------------------
# Where a file cites bullets
# ---------------------------------------------------------------------------


def citations(model: type[BaseModel], data) -> list[tuple[Place, BulletRef]]:
    """Every bullet that `data` cites, with its place, in file order. `data` is a file's loaded
    `model`, or its YAML as read (a reference written wrongly there is left out: the model tells)."""
    out: list[tuple[Place, BulletRef]] = []
    _walk(model, (), data, (), out)
    return out


def can_cite(model: type[BaseModel]) -> bool:
    """Whether a file of `model` can cite a bullet at all (the others need no reading)."""
    return any(_field_cites(model, name) for name in model.model_fields)


def _walk(annotation, marks: tuple, value, loc: Place, out: list) -> None:
    for mark in marks:
        if isinstance(mark, Cites) and isinstance(value, str) and (ref := _read({"service": mark.service,
                                                                                  "bullet": value})):
            out.append((loc, ref))
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *more = get_args(annotation)
        _walk(base, tuple(more), value, loc, out)
    elif origin in (Union, types.UnionType):
        for member in get_args(annotation):
            if _can_cite(member):
                _walk(member, (), value, loc, out)
                break  # the data is one of them: a union's citing members are its only model
    elif origin is list:
        if isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                if isinstance(item, BulletRef):  # a loaded one: nothing to look into (a catalog has thousands)
                    out.append(((*loc, i), item))
                else:
                    _walk(get_args(annotation)[0], (), item, (*loc, i), out)
    elif isinstance(annotation, type) and issubclass(annotation, BulletRef):
        ref = value if isinstance(value, BulletRef) else _read(value)
        if ref is not None:
            out.append((loc, ref))
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for name, field in annotation.model_fields.items():
            if not _field_cites(annotation, name):
                continue
            key = field.alias or name
            if isinstance(value, BaseModel):
                item = getattr(value, name, None)
            elif isinstance(value, dict):
                item = value.get(key)
            else:
                continue
            if item is not None:
                _walk(field.annotation, tuple(field.metadata), item, (*loc, key), out)


def _read(value) -> BulletRef | None:
    # A reference as written in YAML (`svc#id`, or a mapping with more keys: a fact's source's words).
    if isinstance(value, dict):
        value = {"service": value.get("service"), "bullet": value.get("bullet")}
    try:
        return BulletRef.model_validate(value)
    except ValidationError:
        return None


@lru_cache(maxsize=None)
def _field_cites(model: type[BaseModel], name: str) -> bool:
    # Asked once per field of a model: the walk skips what cannot cite (most of a file).
    field = model.model_fields[name]
    return any(isinstance(m, Cites) for m in field.metadata) or _can_cite(field.annotation)


def _can_cite(annotation) -> bool:
    # Not cached itself (an Annotated with a Field cannot be a key): its callers are.
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *more = get_args(annotation)
        return any(isinstance(m, Cites) for m in more) or _can_cite(base)
    if origin is not None:
        return any(_can_cite(a) for a in get_args(annotation) if a is not Ellipsis)
    if isinstance(annotation, type) and issubclass(annotation, BulletRef):
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return any(_field_cites(annotation, name) for name in annotation.model_fields)
    return False
