"""The client brief (`brief/`): what a client must prepare, which limits bind, what is about to change.

The reader picks the client's systems (platforms), a plan per system and the
services in scope; the browser assembles the brief (assets/javascripts/brief.js)
from one compact file per language, `api/v1/brief.<lang>.json`, written here
with the other exports. Everything in it comes from the same typed rows as the
comparison tables (facttables.FactBook): an answer reads as the tables read it.
`assemble` is the brief as the script builds it, in Python: the tests hold both
to the catalog. Plain Python, no MkDocs, no HTML.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from . import answers, bidi, urls
from .facttables import FactBook, FactRow
from .languages import CODES, DIRECTION
from .models import Platform
from .strings import STRINGS

VERSION = 1
# The answers that matter before a call: limits and quotas, auth and token lifetimes, plans, webhooks.
KINDS = ("rate-limit", "auth-method", "token-lifetime", "plan-requirement", "webhook-signature")


def data_file(lang: str) -> str:
    """The brief's data file, from the site's root."""
    return urls.export(f"brief.{lang}.json")


# ---------------------------------------------------------------------------
# Plans: read in one place (the plan dimensions are being reworked)
# ---------------------------------------------------------------------------


def plans_of(row: FactRow, lang: str) -> list[tuple[str, str]]:
    """The plans a row's answer names: (plan id, name in `lang`), each plan once (the address says
    `hubspot:professional`); a figure for every plan names none."""
    found = []
    for a in row.answer:
        if a.vendor is None:
            continue
        found.extend((p.id, p.names[lang]) for p in a.plans)
    return found


def _line_plans(plan_key: str) -> list[str]:
    """The plans one line of an answer is for, by id (the system is the brief's); none: for every plan."""
    return [key.split(".", 1)[1] for key in plan_key.split()]


# ---------------------------------------------------------------------------
# Names: which platforms a prerequisite names, and what a reader may type for one
# ---------------------------------------------------------------------------


def _spellings(platform: Platform) -> list[str]:
    """How a text may name a platform: its names, the research's names, the name before a bracket."""
    names = {platform.name.en, platform.name.he, *platform.research_names}
    names |= {n.split(" (")[0] for n in list(names)}
    return sorted(names, key=len, reverse=True)


def search_names(platform: Platform, catalog) -> list[str]:
    """Everything the picker finds a platform by: its names in both languages, the research's spellings,
    Hebrew spellings where the data has them, and the aliases of a glossary term named like it."""
    names = list(dict.fromkeys([platform.name.he, platform.name.en, *platform.research_names]))
    aliases = getattr(platform, "aliases", None)  # Hebrew spellings of names, where the data has them
    for lang in CODES:
        names.extend(getattr(aliases, lang, None) or [])
    for term in catalog.glossary.terms:
        if any(form in names for form in (term.term, *term.forms)):
            names.extend([*term.aliases.he, *term.aliases.en])
    return list(dict.fromkeys(names))


def name_pattern(platform: Platform) -> re.Pattern:
    """How a bullet names a platform: a spelling as a whole word, or its vendor's name opening the
    bullet ("Microsoft: Azure AD app registration", "Google: enable ...")."""
    spellings = "|".join(re.escape(s) for s in _spellings(platform))
    vendor = re.escape(platform.name.en.split()[0])
    return re.compile(rf"(?<!\w)(?:{spellings})(?!\w)|^{vendor}:")


def named_platforms(text: str, patterns: dict[str, re.Pattern], words: Words | None = None) -> list[str]:
    """Ids of the platforms a bullet names (`patterns`: name_pattern of each); with `words`,
    only the platforms a word of the text may start a name of are tried (the same answer)."""
    if words is None:
        return [pid for pid, pattern in patterns.items() if pattern.search(text)]
    maybe = words.candidates(text)
    return [pid for pid, pattern in patterns.items() if pid in maybe and pattern.search(text)]


_WORD = re.compile(r"\w+")


class Words:
    """Which platforms a text may name, by its words: a spelling found as a whole word
    (`name_pattern`) has its first word among the text's words, and a vendor's name
    opens the text. Trying each platform's pattern on every prerequisite took a
    ninth of a 1,000-service build (300 platforms by 48,000 bullets)."""

    def __init__(self, platforms: list[Platform]):
        self.by_word: dict[str, set[str]] = {}
        self.by_vendor: dict[str, set[str]] = {}
        self.always: set[str] = set()  # a spelling with no word in it: always tried
        for platform in platforms:
            for spelling in _spellings(platform):
                first = _WORD.search(spelling)
                if first is None:
                    self.always.add(platform.id)
                else:
                    self.by_word.setdefault(first[0], set()).add(platform.id)
            self.by_vendor.setdefault(platform.name.en.split()[0] + ":", set()).add(platform.id)

    def candidates(self, text: str) -> set[str]:
        found = set(self.always)
        for word in set(_WORD.findall(text)):
            found |= self.by_word.get(word, set())
        for vendor, ids in self.by_vendor.items():
            if text.startswith(vendor):
                found |= ids
        return found


# ---------------------------------------------------------------------------
# The data file
# ---------------------------------------------------------------------------


def _text(text: str, lang: str) -> str | list[list[str]]:
    """A text as the script shows it: a string, or its runs ([direction or "", part]) where a run of
    the other direction must be isolated (bidi.runs: Latin and numbers inside Hebrew)."""
    parts = bidi.runs(text, DIRECTION[lang])
    if all(mark is None for mark, _ in parts):
        return text
    return [[mark or "", part] for mark, part in parts]



class BriefData:
    """The brief's compact data, per language, from the fact book's rows."""

    def __init__(self, book: FactBook):
        self.book = book
        self.catalog = book.catalog
        # The systems a client runs: every platform that is a system of a service.
        ids = {p for s in self.catalog.services for system in s.systems for p in system.platforms}
        self.platforms = sorted((self.catalog.platforms[p] for p in ids), key=lambda p: p.name.en.lower())
        self._services_of = {p.id: {s.id for s in book.services_of(p.id)} for p in self.platforms}
        # Which systems each prerequisite names, in English (else Hebrew): the same in both files.
        patterns = {p.id: name_pattern(p) for p in self.platforms}
        words = Words(self.platforms)
        self._named = {(s.id, item.id): named_platforms(item.en or "", patterns, words)
                       or named_platforms(item.he, patterns, words)
                       for s in self.catalog.services for item in s.prerequisites}

    def data(self, lang: str) -> dict:
        t, catalog, book = STRINGS[lang], self.catalog, self.book
        picked = {p.id: p for p in self.platforms}
        services = set().union(*self._services_of.values())
        return {
            "version": VERSION,
            "lang": lang,
            "today": book.changes.today.isoformat(),
            "platforms": [self._platform(p, lang) for p in self.platforms],
            "services": [{
                "id": s.id, "number": s.number, "title": _text(s.title[lang], lang),
                "url": urls.from_root(urls.service(s.id), None, lang),
                "platforms": [p.id for p in self.platforms if s.id in self._services_of[p.id]],
                # Each system a slot of alternatives (a CRM: Zoho CRM or HubSpot): an item naming one
                # alternative is not for a client who picked another.
                "systems": [system.platforms for system in s.systems if system.platforms],
            } for s in catalog.services if s.id in services],
            # A prerequisite whose claim a review corrected reads as the review's answer (as on the
            # printed checklist), never as the superseded claim.
            "prerequisites": [{
                "service": s.id, "id": item.id, "text": _text(self._answer_of(s.id, item, lang), lang),
                "url": urls.from_root(urls.service(s.id), item.id, lang),
                "platforms": self._named[(s.id, item.id)],
            } for s in catalog.services if s.id in services for item in s.prerequisites],
            "answers": [self._answer(row, lang, p.id) for p in self.platforms for row in self.rows(p.id)],
            "changes": [{
                "id": c.id, "date": c.date, "platforms": c.platforms, "title": _text(c.title[lang], lang),
                "url": urls.from_root(urls.CHANGES, c.id, lang),
            } for c in book.changes.coming() if set(c.platforms) & picked.keys()],
            "takeaways": [{
                "id": lt.id, "name": _text(lt.name[lang], lang), "url": urls.from_root(urls.TAKEAWAYS, lt.id, lang),
                "services": list(dict.fromkeys(a.service.id for a in lt.applications)),
            } for lt in catalog.takeaway_links.takeaways if lt.applications],
            "words": {k: t[k] for k in WORDS},
        }

    def _answer_of(self, service_id: str, item, lang: str) -> str:
        corrections = [r for r in self.book.reviews.for_service(service_id).get(item.id, []) if r.correction]
        return " ".join(r.official[lang] for r in corrections) if corrections else item[lang]

    def rows(self, platform_id: str) -> tuple[FactRow, ...]:
        """A platform's rows that a brief shows, in its table's order."""
        return tuple(r for r in self.book.for_platform(platform_id).rows
                     if r.fact.kind in KINDS or r.fact.webhooks)

    def _platform(self, p: Platform, lang: str) -> dict:
        plans: dict[str, str] = {}
        for row in self.rows(p.id):
            for key, label in plans_of(row, lang):
                plans.setdefault(key, label)
        return {
            "id": p.id, "name": p.name[lang], "names": search_names(p, self.catalog),
            "url": urls.from_root(urls.platform(p.id), None, lang),
            "plans": sorted(([k, v] for k, v in plans.items()), key=lambda kv: kv[1].lower()),
        }

    def _answer(self, row: FactRow, lang: str, platform: str) -> dict:
        # `platform`: the system it is shown under (a general fact's figures show under each vendor's).
        t = STRINGS[lang]
        return {
            "platform": platform, "id": row.id, "kind": t["kind_" + row.fact.kind],
            "subject": _text(row.fact.subject[lang], lang), "official": row.official, "status": row.status,
            # Where the answer comes from, in a client's words, as its citation says it (the research's
            # words are not in the brief: a verdict on them, "Wrong", would read as the answer's).
            "review": answers.origin_words(row.review, lang) if row.review else t["research_unconfirmed"],
            "url": urls.from_root(urls.fact(self.book, row.id), row.id, lang),
            "lines": [{"text": _text(line.text + (f" ({line.detail})" if line.detail else ""), lang), "plans": _line_plans(line.plan)}
                      for line in row.answer_lines(lang)],
        }


# The words the script writes (its headings, notes and controls' states); the page's own are in the template.
WORDS = (
    "brief_services", "brief_checklist", "brief_every_system", "brief_answers", "brief_changes",
    "brief_takeaways", "brief_unknown", "brief_left_out", "brief_no_answers", "brief_no_changes",
    "brief_in_days", "brief_today", "brief_days_ago", "brief_other_plans", "brief_copied", "brief_asked_by",
    "brief_plan_any", "brief_client", "brief_consultant", "brief_date", "brief_empty",
)


# ---------------------------------------------------------------------------
# The brief, as the script assembles it
# ---------------------------------------------------------------------------


def assemble(data: dict, systems: list[str], plans: dict[str, str] | None = None,
             services: list[str] | None = None) -> dict:
    """The brief of `systems` (platform ids, in the reader's order), from one language's data: what
    brief.js shows, by id. `plans`: a plan key per system; `services`: a narrowing of the services."""
    plans = plans or {}
    known = {p["id"] for p in data["platforms"]}
    unknown = [s for s in systems if s not in known]
    systems = [s for s in dict.fromkeys(systems) if s in known]
    involved = [s["id"] for s in data["services"] if set(s["platforms"]) & set(systems)]
    unknown += [s for s in services or () if s not in involved]
    scope = [s for s in involved if not services or s in services]
    offered = {p["id"]: [key for key, _ in p["plans"]] for p in data["platforms"]}
    unknown += [f"{s}:{key}" for s, key in plans.items() if s in systems and key not in offered[s]]
    plans = {s: key for s, key in plans.items() if s in systems and key in offered[s]}
    # One item per prerequisite id, with every service that asks for it, grouped by the first picked
    # system it names, else the first system it names, else for every system. An item naming only
    # systems the client replaces by a pick (Zoho CRM, when the client runs HubSpot) is left out.
    slots = {s["id"]: s["systems"] for s in data["services"]}
    items: dict[str, dict] = {}
    left_out: list[str] = []
    for p in data["prerequisites"]:
        if p["service"] not in scope:
            continue
        mine = [s for s in systems if s in p["platforms"]]
        replaced = p["platforms"] and all(
            any(x in slot and set(slot) & set(systems) for slot in slots[p["service"]]) for x in p["platforms"])
        if not mine and replaced:
            left_out.append(f"{p['service']}#{p['id']}")
            continue
        group = (mine or p["platforms"] or [""])[0]
        item = items.setdefault(p["id"], {"id": p["id"], "group": group, "services": []})
        item["services"].append(p["service"])
    order = ["", *systems, *dict.fromkeys(i["group"] for i in items.values())]
    groups = {g: [i["id"] for i in items.values() if i["group"] == g] for g in dict.fromkeys(order)}
    answers = {}
    for s in systems:
        chosen = plans.get(s, "")
        rows = []
        for a in data["answers"]:
            if a["platform"] != s:
                continue
            lines = [n for n, line in enumerate(a["lines"]) if not chosen or not line["plans"]
                     or chosen in line["plans"]]
            rows.append((a["id"], lines))
        answers[s] = rows
    return {
        "systems": systems,
        "unknown": unknown,
        "services": scope,
        "checklist": {g: ids for g, ids in groups.items() if ids},
        "merged": {i["id"]: i["services"] for i in items.values()},
        "left_out": left_out,
        "answers": answers,
        "changes": [c["id"] for c in data["changes"] if set(c["platforms"]) & set(systems)],
        "takeaways": [t["id"] for t in data["takeaways"] if set(t["services"]) & set(scope)],
    }


# ---------------------------------------------------------------------------
# The page and the files
# ---------------------------------------------------------------------------


@lru_cache(maxsize=1)  # the page of each language and the files read the same book's data: worked out once
def brief_data(book: FactBook) -> BriefData:
    return BriefData(book)


def brief_files(book: FactBook) -> dict[str, str]:
    """{path under the site root: content}: the brief's data, a compact file per language."""
    data = brief_data(book)
    return {data_file(lang): json.dumps(data.data(lang), ensure_ascii=False, separators=(",", ":")) + "\n"
            for lang in CODES}
