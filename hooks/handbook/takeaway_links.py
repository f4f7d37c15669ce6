"""From each common takeaway to the service bullets that state it, and back.

`data/takeaway-links.yaml` is the raw mapping (`service-id#bullet-id` strings);
`check_takeaway_links` reports every dangling or missing reference with its file
and place; `TakeawayIndex` is the computed, two-way view the generator uses: a
takeaway's bullets in catalog order, grouped by service, and a bullet's or a
service's takeaways in summary order.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Bullet, Service, Takeaway, TakeawayGroup, TakeawayLinks, Takeaways, Text
from .unique import duplicates


@dataclass(frozen=True)
class Application:
    """One bullet of one service where a takeaway applies."""

    service: Service
    section: str
    bullet: Bullet

    @property
    def ref(self) -> str:
        return f"{self.service.id}#{self.bullet.id}"


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
                positions[f"{s.id}#{item.id}"] = (s.number, n, Application(s, section, item))
        entry = {link.takeaway: link for link in links.links}
        self.takeaways: list[LinkedTakeaway] = []
        for group in takeaways.groups:
            for t in group.takeaways:
                link = entry.get(t.id)
                if link is None:  # no mapping yet (data without takeaway-links.yaml): no links shown
                    name = Text.model_construct(he=t.he, en=t.en or t.he)
                    self.takeaways.append(LinkedTakeaway(t, group, name, (), None))
                    continue
                apps = sorted((positions[r] for r in set(link.applies_to)), key=lambda p: p[:2])
                self.takeaways.append(LinkedTakeaway(t, group, link.name, tuple(p[2] for p in apps), link.unmatched))
        self._by_id = {lt.id: lt for lt in self.takeaways}
        # Both lookups by key, so that a page's cost does not grow with the catalog.
        self._by_bullet: dict[str, list[LinkedTakeaway]] = {}
        self._by_service: dict[str, dict[str, tuple[LinkedTakeaway, list[Application]]]] = {}
        for lt in self.takeaways:  # summary order
            for a in lt.applications:
                self._by_bullet.setdefault(a.ref, []).append(lt)
                self._by_service.setdefault(a.service.id, {}).setdefault(lt.id, (lt, []))[1].append(a)

    def linked(self, takeaway_id: str) -> LinkedTakeaway:
        return self._by_id[takeaway_id]

    def of_bullet(self, service_id: str, item_id: str) -> list[LinkedTakeaway]:
        return self._by_bullet.get(f"{service_id}#{item_id}", [])

    def of_service(self, service_id: str) -> list[tuple[LinkedTakeaway, list[Application]]]:
        return list(self._by_service.get(service_id, {}).values())


def check_takeaway_links(links: TakeawayLinks, takeaways: Takeaways, services: list[Service],
                         unloaded: set[str], name: str, problems: list[str]) -> None:
    """Every takeaway has one entry; every reference names an existing bullet.

    References to a service whose own file failed to load (`unloaded`) are not
    reported again: that file's problems are already listed.
    """
    known = {t.id for g in takeaways.groups for t in g.takeaways}
    bullets = {s.id: {item.id for _, item in s.bullets()} for s in services}
    problems += duplicates([(name, f"links[{i}].takeaway", link.takeaway) for i, link in enumerate(links.links)
                            if link.takeaway in known], "takeaway")
    seen = {link.takeaway for link in links.links}
    for i, link in enumerate(links.links):
        if link.takeaway not in known:
            problems.append(f"{name}: links[{i}].takeaway: unknown takeaway '{link.takeaway}' (not in data/takeaways.yaml)")
        refs: set[str] = set()
        for j, ref in enumerate(link.applies_to):
            service_id, _, item_id = ref.partition("#")
            place = f"{name}: links[{i}].applies_to[{j}]"
            if ref in refs:
                problems.append(f"{place}: '{ref}' is listed twice")
            refs.add(ref)
            if service_id in unloaded:
                continue
            if service_id not in bullets:
                problems.append(f"{place}: unknown service '{service_id}' (no data/services/{service_id}.yaml)")
            elif item_id not in bullets[service_id]:
                problems.append(f"{place}: '{service_id}' has no bullet '{item_id}'")
    for group in takeaways.groups:
        for t in group.takeaways:
            if t.id not in seen:
                problems.append(f"{name}: links: takeaway '{t.id}' has no entry "
                                "(list its bullets, or give an empty applies_to and say why in `unmatched`)")
