"""Synthetic data of realistic shape, for measuring the build at any catalog size.

`synthetic(n)` makes a catalog of `n` services that looks like the real one to
the build: all five sections with as many bullets as real services have, bullet
lengths like the research's, Hebrew mixed with Latin names and numbers (so the
bidi isolation has work to do), systems tied to platforms, integrations between
systems, typed facts stated in bullets (about as many per comparison page and
service as the research has), the takeaways with the bullets that state them (about as many links
per service as the research has), and a glossary of the Latin terms the
bullets use, so every page explains terms as real pages do. Everything is built as the models of `models.py`
and written through them, so the data always passes validation and follows the
models when they change. Deterministic: the same `n` and `seed` give the same
files. Nothing here is real content; `make bench` writes it into a temporary
copy of the project only.

To add a kind of data (facts, glossary, comparisons...): build its model in a
`_kind` function, add a field to `SyntheticData`, and name its file in `files()`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from . import yamlio
from .facts import Fact, FactFile
from .models import (
    Glossary, GlossaryTerm, Integration, Bullet, Platform, Platforms, Service, System, Takeaway, TakeawayGroup,
    TakeawayLink, TakeawayLinks, Takeaways, Text,
)

# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------

# Bullets per section (least, most) and bullet length in characters, as in the
# research for services 31-40.
SECTION_SIZES = {
    "technical_requirements": (7, 10),
    "systems": (3, 7),
    "integrations": (2, 7),
    "prerequisites": (6, 10),
    "notes": (8, 21),
}
BULLET_LENGTH = (22, 110)

_HEBREW_WORDS = (
    "צריך", "גישה", "למערכת", "הלקוח", "חשבון", "עם", "הרשאות", "מנהל", "לכל", "סנכרון", "נתונים",
    "בין", "המערכות", "בזמן", "אמת", "חובה", "לוודא", "שה", "מוגדר", "נכון", "לפני", "ההתחלה", "כל",
    "שינוי", "נשמר", "ביומן", "אחרי", "כשלון", "מומלץ", "לשמור", "עותק", "של", "המפתחות", "בסביבה",
    "מאובטחת", "התראה", "כאשר", "המגבלה", "מתקרבת", "לקוחות", "הזמנות", "אנשי", "קשר", "חשבוניות",
)
_LATIN_TERMS = (
    "OAuth 2.0", "API key", "webhook", "rate limit", "refresh token", "HMAC-SHA256", "REST API",
    "GraphQL", "n8n", "JSON", "HTTPS", "retry logic", "exponential backoff (1s, 2s, 4s...)",
    "sandbox", "Admin access", "pagination", "idempotency key", "UTC", "SDK", "batch API",
)
_NUMBERS = ("100 requests/10s", "10,000 requests ליום", "24-48 שעות", "$0.005-0.05", "60 דקות", "5MB", "99.9%")
_ENGLISH_WORDS = (
    "the", "client", "needs", "access", "to", "an", "account", "with", "admin", "permissions", "for",
    "every", "sync", "of", "data", "between", "systems", "in", "real", "time", "must", "be", "checked",
    "before", "starting", "each", "change", "is", "logged", "after", "a", "failure", "keep", "copy",
    "keys", "secure", "environment", "alert", "when", "limit", "approaches", "orders", "contacts",
    "invoices",
)
_CATEGORIES = ("crm", "marketing", "accounting", "support", "calendar", "ecommerce", "messaging",
               "automation", "database", "queue", "monitoring")


@dataclass(frozen=True)
class SyntheticData:
    """A whole `data/` folder as models; `files()` says where each one goes."""

    services: list[Service]
    platforms: Platforms
    takeaways: Takeaways
    takeaway_links: TakeawayLinks
    glossary: Glossary
    facts: list[FactFile]

    def files(self) -> list[tuple[str, BaseModel, str]]:
        """(path under data/, model, schema path relative to the file)."""
        return (
            [("platforms.yaml", self.platforms, "schema/platforms.schema.json"),
             ("takeaways.yaml", self.takeaways, "schema/takeaways.schema.json"),
             ("takeaway-links.yaml", self.takeaway_links, "schema/takeaway-links.schema.json"),
             ("glossary.yaml", self.glossary, "schema/glossary.schema.json")]
            + [(f"facts/{f.platform}.yaml", f, "../schema/facts.schema.json") for f in self.facts]
            + [(f"services/{s.id}.yaml", s, "../schema/service.schema.json") for s in self.services]
        )


# ---------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------


def synthetic(n: int, seed: int = 0) -> SyntheticData:
    """A catalog of `n` services (numbers 1..n), the same for the same seed."""
    rng = random.Random(seed)
    platforms = _platforms(rng, 30 + n // 4)
    ids = [p.id for p in platforms.platforms]
    services = [_service(rng, number, ids) for number in range(1, n + 1)]
    facts = _facts(rng, services, platforms)
    takeaways = _takeaways(rng)
    return SyntheticData(
        services=services,
        platforms=platforms,
        takeaways=takeaways,
        takeaway_links=_takeaway_links(rng, takeaways, services),
        glossary=_glossary(),
        facts=facts,
    )


def write(data: SyntheticData, data_dir: Path) -> int:
    """Write every file under `data_dir` as authors keep them; return the count."""
    for path, model, schema in data.files():
        target = data_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        # Raw fields only, under the names authors write (`from`, `to`).
        raw = model.model_dump(mode="json", by_alias=True, exclude_computed_fields=True)
        yamlio.write(target, raw, schema)
    return len(data.files())


def _platforms(rng: random.Random, count: int) -> Platforms:
    out = []
    for i in range(1, count + 1):
        name = f"Platform {i:03d}"
        out.append(Platform(id=f"platform-{i:03d}", name=Text(he=name, en=name),
                            category=rng.choice(_CATEGORIES), url=f"https://example.com/platform-{i:03d}/docs"))
    # Each with a Hebrew spelling, as the real platforms (data/platforms.yaml `spellings`).
    return Platforms(platforms=out, spellings={p.id: [f"פלטפורמה {p.id[-3:]}"] for p in out})


def _service(rng: random.Random, number: int, platform_ids: list[str]) -> Service:
    count = {key: rng.randint(*size) for key, size in SECTION_SIZES.items()}
    systems = [
        System(id=f"system-{i}", he=f"System {i} - {_hebrew(rng, 15, 70)}", en=f"System {i} - {_english(rng, 15, 70)}",
               platforms=rng.sample(platform_ids, rng.choice((0, 1, 1, 2))))
        for i in range(1, count["systems"] + 1)
    ]
    integrations = []
    for i in range(1, count["integrations"] + 1):
        source, target = rng.sample(systems, 2)
        integrations.append(Integration(
            id=f"flow-{i}", he=f"{source.name} → {target.name}: {_hebrew(rng)}", en=f"{source.name} → {target.name}: {_english(rng)}",
            source=[source.id], target=[target.id], direction=rng.choice(("one-way", "two-way"))))
    return Service(
        number=number,
        id=f"synthetic-{number:04d}",
        title=Text(he=f"שירות סינתטי {number}", en=f"Synthetic service {number}"),
        summary=Text(he=_hebrew(rng, 60, 110), en=_english(rng, 60, 110)),
        technical_requirements=_items(rng, "requirement", count["technical_requirements"]),
        systems=systems,
        integrations=integrations,
        prerequisites=_items(rng, "prerequisite", count["prerequisites"]),
        notes=_items(rng, "note", count["notes"]),
    )


# Facts per service, and how each is stated: (kind, words with {v}, value range, fact fields).
FACTS_PER_SERVICE = 3
_FACT_SHAPES = (
    ("rate-limit", "{v} requests/10s", (50, 500), {"unit": "request", "per": {"amount": 10, "unit": "second"}}),
    ("rate-limit", "{v} requests/day", (1000, 50000), {"unit": "request", "per": "day"}),
    ("size-limit", "{v}MB", (1, 100), {"unit": "MB"}),
)


def _facts(rng: random.Random, services: list[Service], platforms: Platforms) -> list[FactFile]:
    # The first notes of each service state a limit of one of its platforms; a
    # fact per note cites it, filed under the platform as authors file them.
    names = {p.id: p.name.en for p in platforms.platforms}
    by_platform: dict[str, list[Fact]] = {}
    for service in services:
        used = [p for system in service.systems for p in system.platforms] or [rng.choice(list(names))]
        for k, (kind, words, (least, most), fields) in enumerate(_FACT_SHAPES[:FACTS_PER_SERVICE]):
            note, platform, value = service.notes[k], rng.choice(used), rng.randint(least, most)
            stated = words.format(v=value)
            service.notes[k] = note.model_copy(update={  # frozen: the list holds a new bullet
                "he": f"{names[platform]}: {stated} {_hebrew(rng, 20, 60)}",
                "en": f"{names[platform]}: {stated} {_english(rng, 20, 60)}"})
            by_platform.setdefault(platform, []).append(Fact.model_validate({
                "id": f"{service.id}-{platform}-{k + 1}", "kind": kind,
                "subject": {"he": "בקשות API" if kind == "rate-limit" else "קבצים",
                            "en": "API requests" if kind == "rate-limit" else "Files"},
                "value": value, **fields,
                "sources": [{"service": service.id, "bullet": note.id, "stated": stated}],
            }))
    return [FactFile(platform=p, facts=facts) for p, facts in sorted(by_platform.items())]


def _takeaways(rng: random.Random) -> Takeaways:
    groups = [
        TakeawayGroup(id=f"group-{g}", heading=f"Group {g}", title=Text(he=f"קבוצה {g}", en=f"Group {g}"),
                      takeaways=[Takeaway(id=f"takeaway-{g}-{t}", he=_hebrew(rng), en=_english(rng))
                                 for t in range(1, rng.randint(4, 5) + 1)])
        for g in range(1, 6)
    ]
    return Takeaways(heading="Summary: Key Takeaways", groups=groups)


# Links from takeaways to bullets per service, as in the research (138 for 10 services).
LINKS_PER_SERVICE = (10, 18)


def _takeaway_links(rng: random.Random, takeaways: Takeaways, services: list[Service]) -> TakeawayLinks:
    ids = [t.id for g in takeaways.groups for t in g.takeaways]
    applies: dict[str, list[str]] = {t: [] for t in ids}
    for s in services:
        bullets = [item.id for _, item in s.bullets()]
        for item_id in rng.sample(bullets, min(len(bullets), rng.randint(*LINKS_PER_SERVICE))):
            applies[rng.choice(ids)].append(f"{s.id}#{item_id}")
    links = []
    for g in takeaways.groups:
        for t in g.takeaways:
            name = Text(he=f"נוהג {t.id.removeprefix('takeaway-')}", en=f"Practice {t.id.removeprefix('takeaway-')}")
            if applies[t.id]:
                links.append(TakeawayLink(takeaway=t.id, name=name, applies_to=applies[t.id]))
            else:  # a small catalog may leave one without a bullet: said so, as the data requires
                links.append(TakeawayLink(takeaway=t.id, name=name, applies_to=[],
                                          unmatched=Text(he="אף פריט אינו מציין אותו", en="No bullet states it")))
    return TakeawayLinks(links=links)


def _glossary() -> Glossary:
    # One term per Latin term the bullets use (without its examples in brackets).
    terms = []
    for latin in dict.fromkeys(t.split(" (")[0] for t in _LATIN_TERMS):
        slug = "".join(c if c.isalnum() else "-" for c in latin.lower()).strip("-")
        terms.append(GlossaryTerm(id=slug, term=latin, forms=[latin],
                                  definition=Text(he=f"הגדרה קצרה של {latin} בעברית.",
                                                  en=f"A short definition of {latin}.")))
    return Glossary(terms=terms)


def _items(rng: random.Random, kind: str, count: int) -> list[Bullet]:
    return [Bullet(id=f"{kind}-{i}", he=_hebrew(rng), en=_english(rng)) for i in range(1, count + 1)]


def _hebrew(rng: random.Random, least: int = BULLET_LENGTH[0], most: int = BULLET_LENGTH[1]) -> str:
    # Hebrew words with a Latin term or a number run now and then, as in the research.
    target, words = rng.randint(least, most), [rng.choice(_HEBREW_WORDS)]
    while len(" ".join(words)) < target:
        roll = rng.random()
        words.append(rng.choice(_LATIN_TERMS) if roll < 0.2 else rng.choice(_NUMBERS) if roll < 0.27
                     else rng.choice(_HEBREW_WORDS))
    return " ".join(words)


def _english(rng: random.Random, least: int = BULLET_LENGTH[0], most: int = BULLET_LENGTH[1]) -> str:
    # English runs a little longer than the Hebrew it translates.
    target, words = int(rng.randint(least, most) * 1.12), []
    while len(" ".join(words)) < target:
        words.append(rng.choice(_LATIN_TERMS) if rng.random() < 0.2 else rng.choice(_ENGLISH_WORDS))
    text = " ".join(words)
    return text[0].upper() + text[1:]
