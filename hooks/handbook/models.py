"""The handbook's data shapes: the single source of truth.

Every YAML file under `data/` is validated by these models, and the editor JSON
Schema in `data/schema/` is generated from them (`python -m handbook schema`).
Raw fields are what authors write; computed fields (`@computed_field` and plain
properties) are derived here and never typed by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Literal, get_args

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints, computed_field,
                      field_validator, model_validator)

from .languages import CODES

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# Ids are file names and anchors in URLs that people paste into emails: short.
MAX_ID_LENGTH = 80

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=MAX_ID_LENGTH)]

# The site's own paths. A service is `services/<id>/` and a platform `platforms/<id>/`,
# and both ids are also used as bare names (a fact cites the closing summary as
# the service `takeaways`); an id that is one of these would lose its page to
# the site's own (`services/index/`) or be taken for it. One list, checked by
# the models of both.
RESERVED_IDS = frozenset(CODES) | frozenset({
    "index", "assets", "search", "api", "compare", "platforms", "services", "review",
    "glossary", "takeaways", "changes", "finder", "brief", "general", "404", "sitemap", "robots", "overrides",
})


def _not_reserved(value: str) -> str:
    if value in RESERVED_IDS:
        raise ValueError(f"'{value}' is one of the site's own paths ({', '.join(sorted(RESERVED_IDS))}): "
                         "choose another id")
    return value


PageId = Annotated[Slug, AfterValidator(_not_reserved)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=False, min_length=1, pattern=r"\S")]


class Strict(BaseModel):
    """The base of every data shape (here and in facts, figures, reviews, changes, recheck).

    An unknown field is a typo until proven otherwise; a loaded value is never changed.
    """

    # Strict: a value of another type is refused, never converted (`number: true` is not 1).
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    @model_validator(mode="before")
    @classmethod
    def _dates_from_text(cls, data):
        # YAML gives dates as dates; code and tests may write them as ISO text, which strict
        # mode would refuse. An impossible one (2026-02-30) stays text, for the model to tell.
        fields = _date_fields(cls)
        if fields and isinstance(data, dict):
            for name in fields:
                if isinstance(data.get(name), str):
                    try:
                        data = {**data, name: dt.date.fromisoformat(data[name])}
                    except ValueError:
                        pass
        return data


_DATE_FIELDS: dict[type, tuple[str, ...]] = {}


def _date_fields(cls) -> tuple[str, ...]:
    # The fields of `cls` typed as a date (or an optional one), found once per model.
    if cls not in _DATE_FIELDS:
        _DATE_FIELDS[cls] = tuple(name for name, f in cls.model_fields.items()
                                  if f.annotation is dt.date or dt.date in get_args(f.annotation))
    return _DATE_FIELDS[cls]


STALE_KEY = "en_translated_from"


class _Translated(Strict):
    # Hebrew always; English may be missing (imported, not translated yet) or
    # stale (the Hebrew changed after it was translated). Either way the English
    # page shows the Hebrew with a notice, and the strict build fails.
    he: NonEmpty = Field(description="The research text, verbatim (bold markers removed).")
    en: NonEmpty | None = Field(
        default=None,
        description="A faithful English translation: same numbers, names, terms. "
        "Absent until translated (the English page then shows the Hebrew with a notice).")
    en_translated_from: NonEmpty | None = Field(
        default=None,
        description="Set by the importer when the Hebrew changed: the Hebrew that `en` translates. "
        "Update `en`, then delete this key.")
    translator_note: NonEmpty | None = Field(
        default=None,
        description="Why the English says what it says where the Hebrew is unclear (a typo translated by "
        "its meaning): for editors, never published. The importer keeps it.")

    @property
    def translated(self) -> bool:
        return self.en is not None and self.en_translated_from is None

    def __getitem__(self, lang: str) -> str:
        # An unfinished English falls back to the Hebrew (templates add the notice).
        return self.en if lang == "en" and self.translated else self.he


class Text(_Translated):
    """A phrase in both languages."""


class Bullet(_Translated):
    """One research bullet: Hebrew verbatim, English translation, stable anchor id."""

    id: Slug = Field(description="Stable anchor id on the service page; public URL, never change it.")


class System(Bullet):
    """A system the agency needs access to, with the platforms it may be."""

    platforms: list[Slug] = Field(default=[], description="Ids from data/platforms.yaml.")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def name(self) -> str:
        # Every system bullet opens with its (Latin) name, before " (" or " - ".
        return re.split(r" \(| - ", self.he, maxsplit=1)[0].strip()


class Integration(Bullet):
    """A data flow between systems of the same service."""

    # `from` and `to` are Python keywords: code builds one with `source=` and `target=`.
    model_config = ConfigDict(populate_by_name=True)

    # Empty only for a freshly imported bullet: the flow is not drawn, and the
    # strict build fails until someone fills in from/to/direction.
    source: list[Slug] = Field(default=[], alias="from", description="Ids of this service's systems.")
    target: list[Slug] = Field(default=[], alias="to", description="Ids of this service's systems.")
    via: list[Slug] = Field(default=[], description="Systems in between, in order.")
    direction: Literal["one-way", "two-way"] | None = None

    @property
    def drawn(self) -> bool:
        return bool(self.source and self.target and self.direction)


SECTIONS = ("technical_requirements", "systems", "integrations", "prerequisites", "notes")


class Service(Strict):
    """One service of the catalog: a page per language."""

    number: int = Field(ge=1, le=9999, description="The service's number in the catalog.")
    id: PageId = Field(description="Equals the file name; the page's URL. Public: never change it.")
    title: Text
    summary: Text = Field(description='"What the service does".')
    technical_requirements: list[Bullet] = Field(min_length=1)
    systems: list[System] = Field(min_length=1)
    integrations: list[Integration] = Field(min_length=1)
    prerequisites: list[Bullet] = Field(min_length=1)
    notes: list[Bullet] = Field(min_length=1)

    def section(self, key: str) -> list[Bullet]:
        return getattr(self, key)

    def bullets(self) -> list[tuple[str, Bullet]]:
        return [(key, bullet) for key in SECTIONS for bullet in self.section(key)]

    def section_of(self, bullet_id: str) -> str | None:
        """The section (a key of SECTIONS) a bullet is in."""
        return next((key for key, bullet in self.bullets() if bullet.id == bullet_id), None)

    @property
    def direction(self) -> str:
        return "two-way" if any(i.direction == "two-way" for i in self.integrations) else "one-way"

    def system(self, system_id: str) -> System:
        return next(s for s in self.systems if s.id == system_id)


class Takeaway(Bullet):
    """One bullet of the research's closing summary."""


class TakeawayGroup(Strict):
    id: Slug
    heading: NonEmpty = Field(description="The research's heading, verbatim (without '### ' and ':').")
    title: Text
    takeaways: list[Takeaway] = Field(min_length=1)


class Takeaways(Strict):
    """The research's closing summary: groups of common takeaways."""

    heading: NonEmpty = Field(description="The summary's heading in the research, verbatim.")
    groups: list[TakeawayGroup] = Field(min_length=1)


PlatformCategory = Literal[
    "crm", "marketing", "accounting", "support", "calendar", "ecommerce", "messaging",
    "automation", "database", "cache", "queue", "monitoring", "api-gateway", "cloud",
    "standard", "regulation", "other",
]


class Plan(Strict):
    """A plan of a vendor, as the vendor names it: what the customer buys (not an app's pricing tier,
    a partner tier or an account state, which figures name as what they are)."""

    id: Slug = Field(description="Stable: figures name the plan by it (`plan: [professional]`), and the plan "
                     "filter's addresses (`?plan=hubspot.professional`).")
    name: Text | NonEmpty = Field(description="The vendor's name for it: one string when the same in both "
                                  "languages, else {he, en}.")
    legacy: bool = Field(default=False, description="No longer sold; accounts from before keep it.")
    research_names: list[NonEmpty] = Field(
        default=[], description="How the research writes it, when not as its name (`Free tier`).")

    @property
    def names(self) -> Text:
        return Text(he=self.name, en=self.name) if isinstance(self.name, str) else self.name


class Platform(Strict):
    """A product, platform or tool the research names."""

    id: PageId
    name: Text
    category: PlatformCategory
    url: Annotated[str, StringConstraints(pattern=r"^https://[^\s]+$")] = Field(
        description="Official site or developer documentation."
    )
    research_names: list[NonEmpty] = Field(
        default=[], description="How the research writes the name, when not as `name.en` (Outlook, Azure AD).")
    plans: list[Plan] = Field(default=[], description="The vendor's plans, in the vendor's order, legacy ones "
                              "too; official figures name theirs by id.")

    @model_validator(mode="after")
    def _plans_once(self):
        ids = [p.id for p in self.plans]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"plans: plan id given twice: {', '.join(twice)}")
        return self

    def plan(self, plan_id: str) -> Plan | None:
        return next((p for p in self.plans if p.id == plan_id), None)

    def research_plan(self, words: str) -> Plan | None:
        """The plan the research means by its words ('Blossom', 'Free tier'), if it is one of the vendor's."""
        wanted = words.strip().lower()
        return next((p for p in self.plans if wanted in {p.id, p.names.en.lower(), p.names.he.lower(),
                                                          *(n.lower() for n in p.research_names)}), None)

    # How readers type the name (data/platforms.yaml `spellings`), set by `spelled`.
    _spellings: tuple[str, ...] = PrivateAttr(default=())

    @property
    def spellings(self) -> tuple[str, ...]:
        return self._spellings

    def spelled(self, spellings: list[str]) -> "Platform":
        """This platform, with the spellings readers type for it."""
        copy = self.model_copy()
        copy._spellings = tuple(spellings)
        return copy


class Platforms(Strict):
    platforms: list[Platform]
    spellings: dict[PageId, list[NonEmpty]] = Field(
        default={}, description="platform id: how readers type its name, beside `name` and `research_names`: "
        "Hebrew spellings (with and without the ה of a sounded H), common misspellings. Search finds the "
        "platform's pages, bullets and fact rows by them. Every platform has at least one Hebrew spelling "
        "(checked in catalog.py, with the other cross-references).")


# ---------------------------------------------------------------------------
# Bullet references: how every file names a research bullet
# ---------------------------------------------------------------------------

# The closing summary's bullets are cited as the bullets of this "service".
TAKEAWAYS = "takeaways"
BULLET_REF_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*#[a-z0-9]+(-[a-z0-9]+)*$"


class BulletRef(Strict):
    """A research bullet: its service's id (or 'takeaways', the closing summary) and its own id, written
    `{service: int-calendar, bullet: token-refresh}` or `int-calendar#token-refresh`."""

    # The one shape of a reference to a bullet, in every file; `str()` gives the short form.
    # Whether it names a bullet that exists is for `refs.Bullets` to say.

    service: Slug = Field(description=f"A service id, or '{TAKEAWAYS}' for the closing summary.")
    bullet: Slug = Field(description="The bullet's id (its anchor on the service page).")

    @model_validator(mode="before")
    @classmethod
    def _from_short_form(cls, value):
        if isinstance(value, str):
            if not re.fullmatch(BULLET_REF_PATTERN, value):
                raise ValueError(f"'{value}' is not a bullet reference (service-id#bullet-id)")
            service, bullet = value.split("#")
            return {"service": service, "bullet": bullet}
        if not isinstance(value, (dict, BulletRef)):
            raise ValueError("not a bullet reference: expected service-id#bullet-id or {service: ..., bullet: ...}, "
                             f"found {type(value).__name__}")
        return value

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema, handler):
        # Editors may write either form; a subclass (a fact's source, with its words) is a mapping only.
        schema = handler(core_schema)
        if cls is not BulletRef:
            return schema
        shape = handler.resolve_ref_schema(schema)
        mapping = {k: shape.pop(k) for k in list(shape) if k not in ("title", "description")}
        shape["anyOf"] = [mapping, {"type": "string", "pattern": BULLET_REF_PATTERN}]
        return schema

    def __str__(self) -> str:
        return f"{self.service}#{self.bullet}"

    @property
    def key(self) -> tuple[str, str]:
        return self.service, self.bullet


@dataclass(frozen=True)
class Cites:
    """A field's mark: its value is the id of one of `service`'s bullets (a takeaway link's takeaway),
    a citation like a `BulletRef`'s (`refs.citations` finds both)."""

    service: str


# ---------------------------------------------------------------------------
# Takeaway links: from each common takeaway to the bullets that state it
# ---------------------------------------------------------------------------


class TakeawayLink(Strict):
    """The service bullets that state one takeaway's practice."""

    takeaway: Annotated[Slug, Cites(TAKEAWAYS)] = Field(description="A takeaway id from data/takeaways.yaml.")
    name: Text = Field(description="Short label for markers and a service page's box.")
    applies_to: list[BulletRef] = Field(
        description="`service-id#bullet-id` of every bullet that states this practice.")
    unmatched: Text | None = Field(
        default=None, description="Why no bullet states it; required when applies_to is empty, and only then.")

    @model_validator(mode="after")
    def _matched_or_said_why(self) -> "TakeawayLink":
        # An empty list is a decision to be explained, never an omission.
        if not self.applies_to and self.unmatched is None:
            raise ValueError("applies_to is empty: list the bullets, or say why none applies in `unmatched`")
        if self.applies_to and self.unmatched is not None:
            raise ValueError("`unmatched` is only for a takeaway with an empty applies_to")
        return self


class TakeawayLinks(Strict):
    links: list[TakeawayLink]


# ---------------------------------------------------------------------------
# Glossary
# ---------------------------------------------------------------------------


def _hebrew_alias(alias: str) -> str:
    if not re.search("[\u05d0-\u05ea]", alias):
        raise ValueError(f"'{alias}' has no Hebrew letter (a Latin spelling goes under `en`)")
    return alias


def _english_alias(alias: str) -> str:
    if re.search("[\u0590-\u05ff]", alias):
        raise ValueError(f"'{alias}' has Hebrew letters (a Hebrew spelling goes under `he`)")
    return alias


class Aliases(Strict):
    """Other words a reader types for a term: what the search also finds it by."""

    he: list[Annotated[NonEmpty, AfterValidator(_hebrew_alias)]] = Field(
        default_factory=list,
        description="Hebrew spellings and words for the term (טוקן for token): a search in either language "
                    "finds every entry that contains the term by these too.")
    en: list[Annotated[NonEmpty, AfterValidator(_english_alias)]] = Field(
        default_factory=list,
        description="English synonyms (expiry, lifetime): a search in either language finds every entry "
                    "that contains the term by these too.")

    @field_validator("he", "en")
    @classmethod
    def _once_each(cls, aliases: list[str]) -> list[str]:
        seen: set[str] = set()
        for alias in aliases:
            if alias.casefold() in seen:
                raise ValueError(f"'{alias}' is listed twice")
            seen.add(alias.casefold())
        return aliases


class GlossaryTerm(Strict):
    """An abbreviation or technical term, explained in both languages."""

    id: Slug = Field(description="Anchor on the glossary page; public URL, never change it.")
    term: NonEmpty = Field(description="The term as the research writes it.")
    expansion: NonEmpty | None = Field(default=None, description="What an abbreviation stands for.")
    forms: list[NonEmpty] = Field(
        min_length=1,
        description="Spellings explained wherever they occur (whole words, case-sensitive; "
                    "a capitalised first letter also matches).")
    definition: Text
    aliases: Aliases = Field(
        default_factory=Aliases,
        description="Words a reader may search for instead of the term (not explained on the page).")


class PreferredWord(Strict):
    """One word for one thing: the word the site uses, and the variants it never shows."""

    use: NonEmpty = Field(description="The word the site uses for the thing.")
    not_: list[NonEmpty] = Field(alias="not", min_length=1,
                                 description="Variants rejected wherever the site shows its own text (reviews, the "
                                             "string table, the glossary, vendor changes; never the research's "
                                             "verbatim text). Matched as words, case-insensitively.")

    model_config = ConfigDict(populate_by_name=True)


class PreferredWords(Strict):
    """The house vocabulary, per language (tests/test_terms.py holds the site to it)."""

    he: list[PreferredWord] = Field(default_factory=list)
    en: list[PreferredWord] = Field(default_factory=list)


class Glossary(Strict):
    terms: list[GlossaryTerm] = Field(min_length=1)
    words: PreferredWords = Field(default_factory=PreferredWords,
                                  description="One word for one thing: the words the site uses and their rejected "
                                              "variants, per language.")
