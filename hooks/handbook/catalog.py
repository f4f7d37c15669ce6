"""Load `data/` into typed models, collecting every problem before stopping.

Nothing downstream reads YAML: the generator, the hooks and the tests all get a
`Catalog`. A problem is reported as `file: place: message` (place like
`notes[3].en`), all of them at once, so one run of `make site` shows the whole
list; callers print `DataError` and exit, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from . import inputcheck, yamlio
from .anchors import clash, page_ids
from .facts import GENERAL, Fact, FactFile, check_facts, check_windows
from .glossary import Explainer, check_glossary
from .models import (SECTIONS, SLUG_PATTERN, Bullet, BulletRef, Glossary, Platform, Platforms, Service, TakeawayLinks,
                     Takeaways)
from .processes import map_in_two
from .changes import VendorChange, VendorChangeFile, check_changes
from .refs import Bullets, place as _place
from .sourcechecks import FILE_NAME as SOURCE_CHECKS, SourceCheck, SourceCheckFile, check_source_checks
from .reviews import BUILD_DATE_ENV, Review, ReviewFile, build_date, check_plans, check_review_dates, check_reviews
from .takeaway_links import TakeawayIndex, check_takeaway_links
from .unique import duplicates

# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Catalog:
    services: list[Service]  # in catalog order (by number)
    platforms: dict[str, Platform]
    takeaways: Takeaways
    takeaway_links: TakeawayIndex  # computed from data/takeaway-links.yaml
    glossary: Explainer  # from data/glossary.yaml
    facts: tuple[Fact, ...] = ()  # in file order: platforms by file name, general last
    reviews: tuple[Review, ...] = ()  # data/reviews.yaml, in file order
    changes: tuple[VendorChange, ...] = ()  # data/vendor-changes.yaml, in file order
    source_checks: tuple[SourceCheck, ...] = ()  # data/source-checks.yaml: the last re-check of each source

    def service(self, service_id: str) -> Service:
        return self._services_by_id[service_id]

    def bullet(self, ref: BulletRef) -> Bullet:
        """The bullet a (checked) reference names: a service's, or a takeaway."""
        return self._bullets[ref]

    @cached_property
    def _services_by_id(self) -> dict[str, Service]:
        # Looked up for every fact's source: a scan of the list per lookup grew with the catalog's square.
        return {s.id: s for s in self.services}

    @cached_property
    def _bullets(self) -> Bullets:
        return Bullets(self.services, self.takeaways)


class DataError(Exception):
    """Bad data: every problem found, each `file: place: message`."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(self.report())

    def report(self) -> str:
        n = len(self.problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        return f"{n} problem{'s' if n != 1 else ''} in the handbook's data:\n{lines}"


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------


_cached: tuple[tuple, Catalog] | None = None


def data_stamp(data_dir: Path) -> tuple:
    """Names, sizes and modification times of the data files: changes on any edit
    (any file: one saved as `.yml` is reported, so it must be noticed too)."""
    return tuple((p.as_posix(), st.st_size, st.st_mtime_ns)
                 for p in sorted(Path(data_dir).rglob("*")) for st in [p.stat()] if p.is_file())


def cached_catalog(data_dir: str | Path) -> Catalog:
    """`load_catalog`, read again only when a data file has changed.

    A build asks for the catalog several times (each language, the exports),
    and `mkdocs serve` on every rebuild: unchanged files are not read twice.
    """
    global _cached
    stamp = data_stamp(Path(data_dir))
    if _cached is None or _cached[0] != stamp:
        _cached = (stamp, load_catalog(data_dir))
    return _cached[1]


def load_catalog(data_dir: str | Path) -> Catalog:
    """Read and validate every data file; raise DataError listing all problems."""
    data_dir = Path(data_dir)
    try:
        yamlio.recover(data_dir)  # an import killed half-way: finish it, or undo it
    except yamlio.JournalError as e:
        raise DataError([f"{data_dir.name}/{e}"]) from None
    with yamlio.locked(data_dir, shared=True):  # never half an import that is being written
        return _load_catalog(data_dir)


def _load_catalog(data_dir: Path) -> Catalog:
    problems: list[str] = []
    root = data_dir.parent

    def rel(path: Path) -> str:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            return path.as_posix()

    parsed = _parse_all(sorted(data_dir.rglob("*.yaml")))
    problems += _stray_files(data_dir, rel)
    try:
        today = build_date()
    except ValueError as e:
        problems.append(f"{BUILD_DATE_ENV}: {e}")
        today = None

    platforms_file = data_dir / "platforms.yaml"
    dropped_platforms: dict[str, dict] = {}
    platforms_model = _load(platforms_file, Platforms, problems, rel, parsed, dropped_platforms)
    platforms: dict[str, Platform] = {}
    if platforms_model:
        problems += duplicates([(rel(platforms_file), f"platforms[{i}].id", p.id)
                                for i, p in enumerate(platforms_model.platforms)], "platform id")
        platforms = {p.id: p.spelled(platforms_model.spellings.get(p.id, [])) for p in platforms_model.platforms}
        problems += _spelling_problems(platforms_model, rel(platforms_file), set(dropped_platforms))
    # What other files may name: an entry left out for its own problem is not unknown.
    known_platforms = set(platforms) | set(dropped_platforms) if platforms_model else None

    takeaways = _load(data_dir / "takeaways.yaml", Takeaways, problems, rel, parsed)
    if takeaways:
        # Groups and takeaways are anchors on one page: one namespace.
        name = rel(data_dir / "takeaways.yaml")
        problems += duplicates(
            [(name, f"groups[{g}].id", grp.id) for g, grp in enumerate(takeaways.groups)]
            + [(name, f"groups[{g}].takeaways[{t}].id", tk.id) for g, grp in enumerate(takeaways.groups)
               for t, tk in enumerate(grp.takeaways)],
            "anchor id")
        problems += _page_id_clashes(name, "takeaway", [(f"groups[{g}].id", grp.id) for g, grp in enumerate(takeaways.groups)]
                                     + [(f"groups[{g}].takeaways[{t}].id", tk.id) for g, grp in enumerate(takeaways.groups)
                                        for t, tk in enumerate(grp.takeaways)])

    services: list[Service] = []
    numbers: dict[int, str] = {}
    service_files = sorted((data_dir / "services").glob("*.yaml"))
    if not service_files:
        problems.append(f"{rel(data_dir / 'services')}: no service files (*.yaml)")
    for path in service_files:
        name = rel(path)
        if not re.match(SLUG_PATTERN, path.stem):
            problems.append(f"{name}: file name '{path.stem}' must match {SLUG_PATTERN} (it is the page's URL)")
        service = _load(path, Service, problems, rel, parsed)
        if service is None:
            continue
        if service.id != path.stem:
            problems.append(f"{name}: id: '{service.id}' must equal the file name '{path.stem}'")
        if service.number in numbers:
            problems.append(f"{name}: number: {service.number} is already used by {numbers[service.number]}")
        numbers.setdefault(service.number, name)
        _check_service_refs(service, name, known_platforms, problems)
        services.append(service)
    # Every file's references to bullets resolve here; those to a file that did not load are that file's problem.
    bullets = Bullets(services, takeaways, unloaded={p.stem for p in service_files} - {s.id for s in services})

    # The mapping and the glossary are added by people after an import: a data
    # folder without them (a new batch, synthetic data) has none yet.
    links_file = data_dir / "takeaway-links.yaml"
    links = _load(links_file, TakeawayLinks, problems, rel, parsed, {}) if links_file.exists() else None
    if links:
        problems += bullets.check(rel(links_file), TakeawayLinks, links)
    if links and takeaways:
        check_takeaway_links(links, takeaways, rel(links_file), problems)

    glossary_file = data_dir / "glossary.yaml"
    glossary = _load(glossary_file, Glossary, problems, rel, parsed, {}) if glossary_file.exists() else None
    if glossary:
        check_glossary(glossary, rel(glossary_file), problems)
        problems += _page_id_clashes(rel(glossary_file), "term", [(f"terms[{i}].id", t.id) for i, t in enumerate(glossary.terms)])

    dropped_facts: dict[str, dict] = {}
    dropped_reviews: dict[str, dict] = {}
    facts = _load_facts(data_dir, bullets, known_platforms, problems, rel, parsed, dropped_facts)
    fact_ids = {f.id for f in facts} | set(dropped_facts)
    reviews = _load_reviews(data_dir, bullets, fact_ids, problems, rel, parsed, today, dropped_reviews)
    if reviews and platforms_model:
        # A figure's plans are its vendor's (data/platforms.yaml): a misspelt plan is a located error.
        problems.extend(check_plans(rel(data_dir / "reviews.yaml"), reviews, {f.id: f.platform for f in facts},
                                    platforms, set(dropped_platforms) | set(dropped_facts)))
    changes = _load_changes(data_dir, bullets, fact_ids, reviews, dropped_reviews, known_platforms,
                            problems, rel, parsed, today)
    # Written by `make recheck`; a catalog never re-checked has none.
    checks_file = data_dir / SOURCE_CHECKS
    checks = _load(checks_file, SourceCheckFile, problems, rel, parsed, {}) if checks_file.exists() else None
    if checks:
        problems.extend(check_source_checks(rel(checks_file), checks.sources))
        if today is not None:
            problems.extend(_future_rechecks(rel(checks_file), checks.sources, today))

    if problems:
        raise DataError(problems)
    assert takeaways is not None
    links = links if links_file.exists() else TakeawayLinks(links=[])
    glossary = glossary if glossary_file.exists() else Glossary.model_construct(terms=[])
    services.sort(key=lambda s: s.number)
    return Catalog(services, platforms, takeaways, TakeawayIndex(takeaways, links, services), Explainer(glossary),
                   tuple(facts), tuple(reviews or ()), tuple(changes), tuple(checks.sources) if checks else ())


def _load_reviews(data_dir: Path, bullets: Bullets, fact_ids: set[str], problems: list[str], rel, parsed,
                  today, dropped: dict[str, dict]) -> list[Review] | None:
    # data/reviews.yaml is optional: a catalog nobody has checked yet has none.
    path = data_dir / "reviews.yaml"
    if not path.exists():
        return []
    model = _load(path, ReviewFile, problems, rel, parsed, dropped)
    if model is None:
        return None  # reported; what cites a review is not checked against a file that did not load
    problems.extend(bullets.check(rel(path), ReviewFile, model))
    problems.extend(check_reviews(rel(path), model.reviews, fact_ids, bullets))
    problems.extend(_page_id_clashes(rel(path), "review", [(f"reviews[{i}].id", r.id) for i, r in enumerate(model.reviews)]))
    if today is not None:
        problems.extend(check_review_dates(rel(path), model.reviews, today))
    return list(model.reviews)


def _load_changes(data_dir: Path, bullets: Bullets, fact_ids: set[str], reviews, dropped_reviews: dict[str, dict],
                  platforms: set[str] | None, problems: list[str], rel, parsed, today=None) -> list[VendorChange]:
    # data/vendor-changes.yaml is optional, like the reviews it dates.
    path = data_dir / "vendor-changes.yaml"
    if not path.exists():
        return []
    dropped: dict[str, dict] = {}
    model = _load(path, VendorChangeFile, problems, rel, parsed, dropped)
    if model is None or platforms is None:
        return []  # reported; nothing is checked against a file that did not load
    if reviews is not None:
        # A review left out for its own problem is not unknown; one that a change left out
        # for its own problem names is not missing its change.
        named = {r for e in dropped.values() for r in (e.get("reviews") or []) if isinstance(r, str)}
        reviews = [_Named(r.id) if r.id in named else r for r in reviews] + [_Named(r) for r in sorted(dropped_reviews)]
    problems.extend(bullets.check(rel(path), VendorChangeFile, model))
    problems.extend(check_changes(rel(path), model.changes, fact_ids, reviews, platforms, today))
    problems.extend(_page_id_clashes(rel(path), "change", [(f"changes[{i}].id", c.id) for i, c in enumerate(model.changes)]))
    return list(model.changes)


@dataclass(frozen=True)
class _Named:
    id: str  # an entry left out of its file for its own problem, still known by its id
    changed: None = None  # what check_changes asks of a review: nothing to check against


def _future_rechecks(name: str, checks, today) -> list[str]:
    # A re-check is a day that has happened: one after the build date is a typo or a wrong clock.
    return [f"{name}: sources[{i}].{field}: {day} is after the build date {today} (a re-check cannot be in the future)"
            for i, c in enumerate(checks) for field, day in (("checked", c.checked), ("changed_on", c.changed_on))
            if day is not None and day > today]


def _load_facts(data_dir: Path, bullets: Bullets, platforms: set[str] | None, problems: list[str], rel, parsed,
                dropped: dict[str, dict]) -> list[Fact]:
    # data/facts/<platform>.yaml (general.yaml last), then checks across files.
    files = sorted((data_dir / "facts").glob("*.yaml"), key=lambda p: (p.stem == GENERAL, p.stem))
    located: list[tuple[str, str, Fact]] = []
    for path in files:
        name = rel(path)
        model = _load(path, FactFile, problems, rel, parsed, dropped)
        if model is None:
            continue
        expected = None if path.stem == GENERAL else path.stem
        if model.platform != expected:
            want = "null (general.yaml holds facts about no single platform)" if expected is None else f"'{expected}' (the file name)"
            problems.append(f"{name}: platform: '{model.platform}' must be {want}")
        elif expected is not None and platforms is not None and expected not in platforms:
            problems.append(f"{name}: platform: unknown platform '{expected}' (not in data/platforms.yaml)")
        problems.extend(bullets.check(name, FactFile, model))
        for i, fact in enumerate(model.facts):
            located.append((name, f"facts[{i}]", fact.placed(model.platform)))
    reserved = bullets.ids() | SECTION_ANCHORS
    problems.extend(check_facts(located, bullets, reserved))
    problems.extend(f"{name}: {place}.id: {problem}" for name, place, fact in located
                    if fact.id not in reserved and (problem := clash("fact", fact.id)))
    problems.extend(check_windows(located, bullets))
    return [fact for _, _, fact in located]


# The files `load_catalog` reads, each with the model it is read as (a folder's: each of
# its files'); anything else in data/ is a mistake to report, not to ignore (a service
# saved as `.yml` would silently vanish from the site).
MODELS: dict[str, type[BaseModel]] = {
    "platforms.yaml": Platforms, "takeaways.yaml": Takeaways, "takeaway-links.yaml": TakeawayLinks,
    "glossary.yaml": Glossary, "reviews.yaml": ReviewFile, "vendor-changes.yaml": VendorChangeFile,
    SOURCE_CHECKS: SourceCheckFile, "services": Service, "facts": FactFile,
}
DATA_FOLDERS = {"services": ".yaml", "facts": ".yaml", "schema": ".json"}
DATA_FILES = tuple(name for name in MODELS if name not in DATA_FOLDERS)


def data_files(data_dir: Path) -> list[tuple[Path, type[BaseModel]]]:
    """Every data file there is, with the model it is read as (for what walks them all: `refs.citations`)."""
    out = []
    for name, model in MODELS.items():
        if name in DATA_FOLDERS:
            out += [(path, model) for path in sorted((data_dir / name).glob(f"*{DATA_FOLDERS[name]}"))]
        elif (data_dir / name).is_file():
            out.append((data_dir / name, model))
    return out


def _stray_files(data_dir: Path, rel) -> list[str]:
    problems = []
    for path in sorted(data_dir.rglob("*")):
        parts = path.relative_to(data_dir).parts
        if any(part.startswith(".") for part in parts):
            continue  # hidden: editors' and version control's own files
        if len(parts) == 1:
            if path.is_dir() and parts[0] not in DATA_FOLDERS:
                problems.append(f"{rel(path)}: unknown folder (data/ holds {', '.join(f'{f}/' for f in DATA_FOLDERS)})")
            elif path.is_file() and parts[0] not in DATA_FILES:
                hint = f"; rename it to {path.stem}.yaml?" if path.suffix in (".yml", ".YAML", ".YML") else ""
                problems.append(f"{rel(path)}: not a data file the handbook reads "
                                f"(expected one of {', '.join(DATA_FILES)}){hint}")
        elif parts[0] in DATA_FOLDERS and path.is_file():
            suffix = DATA_FOLDERS[parts[0]]
            if len(parts) > 2:
                problems.append(f"{rel(path)}: not read (no subfolders in {parts[0]}/)")
            elif path.suffix != suffix:
                problems.append(f"{rel(path)}: not read: files in {parts[0]}/ end in {suffix} "
                                f"(rename it to {path.stem}{suffix})")
    return problems


def _parse_all(paths: list[Path]) -> dict[Path, object]:
    """The YAML of every file that parses, by path; with many files, a second
    process parses every other one (the YAML is most of the time it takes to
    read a large catalog). The others are left to `_load`, which reports them."""
    parsed = map_in_two(_parse_file, paths)
    return {path: raw for path, (ok, raw) in zip(paths, parsed) if ok}


def _parse_file(path: Path) -> tuple[bool, object]:
    try:
        text = yamlio.read_data(path)
        yamlio.check_limits(text)
        return True, yaml.load(text, Loader=yamlio.Loader)
    except (OSError, ValueError, yaml.YAMLError, RecursionError):
        return False, None


def _load(path: Path, model: type[BaseModel], problems: list[str], rel,
          parsed: dict[Path, object] | None = None, dropped: dict[str, dict] | None = None) -> BaseModel | None:
    # One file: its size and depth, YAML syntax (with its line), the characters and
    # dates of every value, then the model's shape. With `dropped` (a file of entries:
    # platforms, facts, reviews...), a bad entry is reported and left out, its id
    # added to `dropped`, and the good ones are kept for the checks across files: one
    # bad entry is one problem, not one more for everything that names it.
    name = rel(path)
    try:
        raw = parsed[path] if parsed and path in parsed else yamlio.load(yamlio.read_data(path))
    except FileNotFoundError:
        problems.append(f"{name}: file is missing")
        return None
    except (yamlio.NotUtf8, yamlio.TooDeep) as e:
        problems.append(f"{name}: {e}")
        return None
    except yamlio.TooLarge as e:
        problems.append(f"{name}: {e.problem}")
        return None
    except RecursionError:  # below the depth limit, PyYAML's parser should never get here
        problems.append(f"{name}: nested too deeply to read")
        return None
    except yamlio.DuplicateKey as e:
        mark = e.problem_mark
        problems.append(f"{name}: line {mark.line + 1}, column {mark.column + 1}: {e.problem}")
        return None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "?"
        problems.append(f"{name}: {where}: YAML syntax error: {e.problem or e.context}")
        return None
    except yaml.YAMLError as e:
        problems.append(f"{name}: YAML error: {e}")
        return None
    if not isinstance(raw, dict):
        problems.append(f"{name}: expected a mapping at the top level, found {type(raw).__name__}")
        return None
    found = inputcheck.raw_problems(raw, _today())
    try:
        result = None if found else model.model_validate(raw)
        if found:
            model.model_validate(raw)  # its problems too, in one run
    except ValidationError as e:
        told = {tuple(loc) for loc, _ in found}  # a place whose characters are told is not told again
        found += [(err["loc"], _message(err)) for err in e.errors() if tuple(err["loc"]) not in told]
        result = None
    for loc, message in found:
        problems.append(f"{name}: {_place(loc)}: {message}")
    for place in _placeholders(raw):
        problems.append(f"{name}: {place}: still 'TODO' (write the text)")
    if found and dropped is not None:
        result = _good_entries(raw, model, found, dropped)
    return result


def _today():
    try:
        return build_date()
    except ValueError:
        return None  # reported once, as the build date's problem


def _good_entries(raw: dict, model: type[BaseModel], found: list, dropped: dict[str, dict]) -> BaseModel | None:
    # The file without the entries that have a problem, when every problem is inside
    # one entry (`reviews[3]...`); None when one is not (a top-level field). `dropped`
    # gets the entries left out, by id.
    if any(len(loc) < 2 or not isinstance(loc[1], int) for loc, _ in found):
        return None
    bad = {(loc[0], loc[1]) for loc, _ in found}
    kept = {}
    for key, value in raw.items():
        if isinstance(value, list) and any((key, i) in bad for i in range(len(value))):
            dropped.update((str(e["id"]), e) for i, e in enumerate(value)
                           if (key, i) in bad and isinstance(e, dict) and "id" in e)
            value = [e for i, e in enumerate(value) if (key, i) not in bad]
        kept[key] = value
    try:
        return model.model_validate(kept)
    except ValidationError:
        return None


def _placeholders(value, loc: tuple = ()) -> list[str]:
    # A 'TODO' left by a skeleton is not a translation.
    if isinstance(value, str):
        return [_place(loc)] if value.strip() == "TODO" else []
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _placeholders(v, (*loc, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _placeholders(v, (*loc, i))]
    return []


def _message(err: dict) -> str:
    kind, msg = err["type"], err["msg"]
    if kind == "missing":
        return "missing (field required)"
    if kind == "extra_forbidden":
        return "unknown field (not in the schema; a typo?)"
    if kind == "string_pattern_mismatch" and str(err["loc"][-1]) in ("id", "from", "to", "via", "platforms") or (
        kind == "string_pattern_mismatch" and isinstance(err["loc"][-1], int)):
        return f"'{err['input']}' is not a valid id ({SLUG_PATTERN})"
    if kind == "string_too_long" and isinstance(err.get("input"), str):
        return f"'{err['input'][:30]}...' is {len(err['input'])} characters long (at most {err['ctx']['max_length']})"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    if kind == "date_type" and isinstance(err.get("input"), str):
        # Models are strict (no `true` as a number); a date YAML could not read is still
        # told by what is wrong with it (`2026-02-30`: the day).
        try:
            TypeAdapter(dt.date).validate_python(err["input"])
        except ValidationError as e:
            return e.errors()[0]["msg"]
        return "a date is written unquoted, YYYY-MM-DD"
    if kind in ("string_too_short", "string_pattern_mismatch") and isinstance(err.get("input"), str) and not err["input"].strip():
        return "empty (a translation or text is required)"
    return msg


# Anchors the page already uses: an item may not take one of them (read from the
# templates and scripts: anchors.py).
SECTION_ANCHORS = {s.replace("_", "-") for s in SECTIONS} | {"systems", "summary", "facts"}
RESERVED_ANCHORS = SECTION_ANCHORS | page_ids("bullet")


def _page_id_clashes(name: str, kind: str, entries) -> list[str]:
    # (place, id) of a file's items of `kind`: an id that is one of their pages' own is refused.
    return [f"{name}: {place}: {problem}" for place, value in entries if (problem := clash(kind, value))]


# A Hebrew spelling: Hebrew letters, and no Latin one (צ'ימפ, אוטה 2.1).
_HEBREW_SPELLING = re.compile(r"^[^A-Za-z]*[\u05d0-\u05ea][^A-Za-z]*$")


def _spelling_problems(model: Platforms, name: str, left_out: set[str] = frozenset()) -> list[str]:
    # Each spelling names a known platform, once; a platform with no Hebrew spelling
    # is not found by a reader who types its name in Hebrew. A platform left out for its
    # own problem is not unknown.
    ids = [p.id for p in model.platforms]
    problems = [f"{name}: spellings.{key}: unknown platform (not in platforms)" for key in model.spellings
                if key not in ids and key not in left_out]
    problems += [f"{name}: platforms[{i}] ({pid}): no Hebrew spelling in spellings.{pid}" for i, pid in enumerate(ids)
                 if not any(_HEBREW_SPELLING.match(s) for s in model.spellings.get(pid, []))]
    problems += duplicates([(name, f"spellings.{pid}[{j}]", " ".join(s.lower().split()))
                            for pid, spellings in model.spellings.items() for j, s in enumerate(spellings)],
                           "spelling")
    return problems


def _check_service_refs(service: Service, name: str, platforms: set[str] | None, problems: list[str]) -> None:
    entries = [(f"{key}[{i}].id", item.id) for key in SECTIONS for i, item in enumerate(service.section(key))]
    problems += duplicates([(name, place, i) for place, i in entries], "bullet id")
    for place, i in entries:
        if i in RESERVED_ANCHORS:
            problems.append(f"{name}: {place}: id '{i}' is reserved for a section anchor" if i in SECTION_ANCHORS
                            else f"{name}: {place}: {clash('bullet', i)}")
    system_ids = {s.id for s in service.systems}
    if platforms is not None:
        for i, system in enumerate(service.systems):
            for j, ref in enumerate(system.platforms):
                if ref not in platforms:
                    problems.append(f"{name}: systems[{i}].platforms[{j}]: unknown platform '{ref}' (not in data/platforms.yaml)")
    for i, integ in enumerate(service.integrations):
        for field, refs in (("from", integ.source), ("to", integ.target), ("via", integ.via)):
            for j, ref in enumerate(refs):
                if ref not in system_ids:
                    problems.append(f"{name}: integrations[{i}].{field}[{j}]: unknown system '{ref}' (not an id under systems)")
