"""From each common takeaway to the service bullets that state it, and back.

`data/takeaway-links.yaml` is the raw mapping (`service-id#bullet-id` references);
`check_takeaway_links` reports every reference listed twice and every takeaway
without its entry, with its file and place (a reference to no bullet is
`refs.Bullets`' to report); `TakeawayIndex` is the computed, two-way view the generator uses: a
takeaway's bullets in catalog order, grouped by service, and a bullet's or a
service's takeaways in summary order.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Bullet, BulletRef, Service, Takeaway, TakeawayGroup, TakeawayLinks, Takeaways, Text
from .unique import duplicates


@dataclass(frozen=True)
class Application:
    """One bullet of one service where a takeaway applies."""

    service: Service
    section: str
    bullet: Bullet

    @property
    def key(self) -> tuple[str, str]:
        return self.service.id, self.bullet.id  # as a `BulletRef.key`

    @property
    def ref(self) -> str:
        return str(BulletRef.model_construct(service=self.service.id, bullet=self.bullet.id))


@dataclass(frozen=True)
class LinkedTakeaway:
    """A takeaway with its short name and every bullet that states it."""

    takeaway: Takeaway
    group: TakeawayGroup
    name: Text
    applications: tuple[Application, ...]  # catalog order: service number, then page order
    unmatched: Text | None

    @property
    def id(self) -> str:
        return self.takeaway.id

    def by_service(self) -> list[tuple[Service, list[Application]]]:
        out: list[tuple[Service, list[Application]]] = []
        for a in self.applications:
            if not out or out[-1][0].id != a.service.id:
                out.append((a.service, []))
            out[-1][1].append(a)
        return out


class TakeawayIndex:
    """Both directions of the mapping, built from validated data."""

    def __init__(self, takeaways: Takeaways, links: TakeawayLinks, services: list[Service]):
        positions = {}
        for s in sorted(services, key=lambda s: s.number):
            for n, (section, item) in enumerate(s.bullets()):
                positions[s.id, item.id] = (s.number, n, Application(s, section, item))
        entry = {link.takeaway: link for link in links.links}
        self.takeaways: list[LinkedTakeaway] = []
        for group in takeaways.groups:
            for t in group.takeaways:
                link = entry.get(t.id)
                if link is None:  # no mapping yet (data without takeaway-links.yaml): no links shown
                    name = Text.model_construct(he=t.he, en=t.en or t.he)
                    self.takeaways.append(LinkedTakeaway(t, group, name, (), None))
                    continue
                apps = sorted((positions[k] for k in {r.key for r in link.applies_to}), key=lambda p: p[:2])
                self.takeaways.append(LinkedTakeaway(t, group, link.name, tuple(p[2] for p in apps), link.unmatched))
        self._by_id = {lt.id: lt for lt in self.takeaways}
        # Both lookups by key, so that a page's cost does not grow with the catalog.
        self._by_bullet: dict[tuple[str, str], list[LinkedTakeaway]] = {}
        self._by_service: dict[str, dict[str, tuple[LinkedTakeaway, list[Application]]]] = {}
        for lt in self.takeaways:  # summary order
            for a in lt.applications:
                self._by_bullet.setdefault(a.key, []).append(lt)
                self._by_service.setdefault(a.service.id, {}).setdefault(lt.id, (lt, []))[1].append(a)

    def linked(self, takeaway_id: str) -> LinkedTakeaway:
        return self._by_id[takeaway_id]

    def of_bullet(self, service_id: str, item_id: str) -> list[LinkedTakeaway]:
        return self._by_bullet.get((service_id, item_id), [])

    def of_service(self, service_id: str) -> list[tuple[LinkedTakeaway, list[Application]]]:
        return list(self._by_service.get(service_id, {}).values())


def check_takeaway_links(links: TakeawayLinks, takeaways: Takeaways, name: str, problems: list[str]) -> None:
    """Every takeaway has one entry, each bullet is listed once in it. (That every takeaway and bullet
    named exists is checked with every file's references: `refs.Bullets.check`.)"""
    known = {t.id for g in takeaways.groups for t in g.takeaways}
    problems += duplicates([(name, f"links[{i}].takeaway", link.takeaway) for i, link in enumerate(links.links)
                            if link.takeaway in known], "takeaway")
    seen = {link.takeaway for link in links.links}
    for i, link in enumerate(links.links):
        listed: set[BulletRef] = set()
        for j, ref in enumerate(link.applies_to):
            if ref in listed:
                problems.append(f"{name}: links[{i}].applies_to[{j}]: '{ref}' is listed twice")
            listed.add(ref)
    for group in takeaways.groups:
        for t in group.takeaways:
            if t.id not in seen:
                problems.append(f"{name}: links: takeaway '{t.id}' has no entry "
                                "(list its bullets, or give an empty applies_to and say why in `unmatched`)")
