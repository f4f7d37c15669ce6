"""Import a research document into `data/`, keeping everything people added.

The research is the source of the Hebrew; the data adds what the research does
not have: ids (public anchors), English, flows, platforms, and whatever other
keys later features hang on a bullet (facts, takeaway links, reviews). So the
importer reads the YAML as plain data and owns only the Hebrew: for each section
it lines up the data's bullets with the document's (difflib on the texts, then
the most similar of the leftovers), and

- an unchanged bullet keeps every key, byte for byte;
- a changed bullet gets the new `he`, keeps its id and every other key, and its
  English is marked stale (`en_translated_from`: the Hebrew it translates);
- a new bullet gets `id` and `he` only: an id made from its Latin words
  (`<section>-<n>` when it has none), never one already on the page, and never
  changed afterwards;
- a bullet gone from the document is reported, and deleted only on request.

Services and summary groups not in the document are left alone (other batches).
Nothing is written unless the whole batch validates: every file it writes, and,
with --delete-removed, nothing in the data cites a bullet it would delete (any
data file's reference, found as the catalog finds them: `refs.citations`); each
problem is reported at its place.

Only files whose text changes are written, all or nothing: `yamlio.write_batch`
writes each to a temporary file beside it, then a journal (the commit point),
then renames them over the old ones. Killed (kill -9, a power cut) at any
moment, the next reader of `data/` (an import, `make check`, a build) finds the
journal and finishes the renames, or finds no journal and deletes the temporary
files: `data/` is either as it was or fully updated, never half a batch or half
a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import yaml
from pydantic import ValidationError

from . import yamlio
from .catalog import RESERVED_ANCHORS, _message, data_files
from .models import SECTIONS, STALE_KEY, TAKEAWAYS, Service, Takeaways
from .refs import can_cite, citations, place
from .research import ResearchDocument, ResearchError, parse

SERVICE_SCHEMA = "../schema/service.schema.json"
TAKEAWAYS_SCHEMA = "schema/takeaways.schema.json"
# Below this similarity a "changed" bullet is rather a removed one plus a new one.
SAME_BULLET = 0.5
_SLUG_WORDS = 4
_SLUG_LENGTH = 40


class ImportFailure(Exception):
    """The import cannot proceed: every problem, each `file: place: message`."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


@dataclass
class Report:
    """What an import did (or would do), service by service and bullet by bullet."""

    services_added: list[str] = field(default_factory=list)
    services_changed: list[str] = field(default_factory=list)
    services_unchanged: list[str] = field(default_factory=list)
    services_elsewhere: list[str] = field(default_factory=list)  # in the data, not in this document
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    deleted: list[tuple[str, str]] = field(default_factory=list)  # (service or 'takeaways', bullet id)
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)

    def text(self, deleted: bool, dry_run: bool = False) -> str:
        def names(ids: list[str]) -> str:
            return f" ({', '.join(ids)})" if ids else ""

        lines = [
            f"services: {len(self.services_added)} added{names(self.services_added)}, "
            f"{len(self.services_changed)} changed{names(self.services_changed)}, "
            f"{len(self.services_unchanged)} unchanged"
            + (f"; {len(self.services_elsewhere)} not in this document, left as they are" if self.services_elsewhere else ""),
            f"bullets: {len(self.added)} added, {len(self.changed)} changed, {len(self.removed)} removed, "
            f"{self.unchanged} unchanged",
        ]
        lines += [f"  added    {a}" for a in self.added]
        lines += [f"  changed  {c} (English marked stale)" for c in self.changed]
        kept = "deleted" if deleted else "kept in the data; run again with --delete-removed to delete"
        lines += [f"  removed  {r} ({kept})" for r in self.removed]
        lines += [f"  note     {n}" for n in self.notes]
        if dry_run:
            lines.append("dry run: nothing written")
        else:
            lines.append(f"wrote {len(self.written)} file{'s' if len(self.written) != 1 else ''}"
                         + (f": {', '.join(self.written)}" if self.written else " (the data already says this)"))
        return "\n".join(lines)


# ---------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------


def import_research(document: str | Path, data_dir: str | Path, delete_removed: bool = False,
                    dry_run: bool = False) -> Report:
    """Merge `document` into `data_dir`; raise ResearchError or ImportFailure before writing anything."""
    doc = parse(document)
    data_dir = Path(data_dir)
    if not dry_run:
        yamlio.recover(data_dir)  # a batch interrupted earlier: finished or undone before reading
    report = Report()
    problems: list[str] = []
    name = data_dir.name
    services_dir = data_dir / "services"

    existing: dict[str, dict] = {}
    for path in sorted(services_dir.glob("*.yaml")) if services_dir.exists() else []:
        existing[path.stem] = _read(path, f"{name}/services/{path.name}", problems)
    takeaways_path = data_dir / "takeaways.yaml"
    takeaways = _read(takeaways_path, f"{name}/takeaways.yaml", problems) if takeaways_path.exists() else None
    if problems:
        raise ImportFailure(problems)

    outputs: dict[Path, str] = {}
    numbers = {raw.get("number"): sid for sid, raw in existing.items() if raw is not None}
    for rs in doc.services:
        file = f"{name}/services/{rs.id}.yaml"
        old = existing.get(rs.id)
        owner = numbers.get(rs.number)
        if owner is not None and owner != rs.id and owner not in {s.id for s in doc.services}:
            problems.append(f"{document}:{rs.line}: service number {rs.number} is already used by "
                            f"{name}/services/{owner}.yaml (expected a new number or that service's id)")
        merged = _merge_service(old, rs, delete_removed, report)
        _validate(merged, Service, file, problems)
        path = services_dir / f"{rs.id}.yaml"
        outputs[path] = yamlio.dump(merged, _schema_line(path) or SERVICE_SCHEMA)
    report.services_elsewhere = sorted(set(existing) - {s.id for s in doc.services})

    if doc.summary_heading is not None:
        merged = _merge_takeaways(takeaways, doc, delete_removed, report)
        _validate(merged, Takeaways, f"{name}/takeaways.yaml", problems)
        outputs[takeaways_path] = yamlio.dump(merged, _schema_line(takeaways_path) or TAKEAWAYS_SCHEMA)

    if delete_removed and report.deleted:
        problems += _citing(data_dir, set(report.deleted))
    if problems:
        raise ImportFailure(problems)
    changed = {path: text for path, text in outputs.items()
               if not (path.exists() and path.read_bytes() == text.encode("utf-8"))}
    report.written = [f"{name}/{path.relative_to(data_dir).as_posix()}" for path in changed]
    if changed and not dry_run:
        yamlio.write_batch(data_dir, changed)
    return report


def _citing(data_dir: Path, deleted: set[tuple[str, str]]) -> list[str]:
    """Where any data file cites a bullet that the import would delete, each as a problem at its place."""
    problems: list[str] = []
    for path, model in data_files(data_dir):
        if not can_cite(model):
            continue
        name = f"{data_dir.name}/{path.relative_to(data_dir).as_posix()}"
        for loc, ref in citations(model, _read(path, name, problems)):
            if ref.key in deleted:
                problems.append(f"{name}: {place(loc)}: cites {ref}, which --delete-removed would delete (it is no "
                                "longer in the document): cite another bullet there, or remove the citation, first")
    return problems


# ---------------------------------------------------------------------------
# Merging
# ---------------------------------------------------------------------------


def _merge_service(old: dict | None, rs, delete_removed: bool, report: Report) -> dict:
    service = dict(old) if old else {}
    before = _changes(report)
    if old is None:
        report.services_added.append(rs.id)
    elif service.get("number") != rs.number:
        report.notes.append(f"{rs.id}: number {service.get('number')} -> {rs.number}")
    service["number"] = rs.number
    service["id"] = rs.id
    for key, he in (("title", rs.title), ("summary", rs.summary)):
        service[key], changed = _set_hebrew(dict(service.get(key) or {}), he)
        if changed == "changed":
            report.changed.append(f"{rs.id}: {key}")
    taken = {b.get("id") for key in SECTIONS for b in service.get(key) or []}
    for key in SECTIONS:
        old_bullets = [dict(b) for b in service.get(key) or []]
        texts = [b.text for b in rs.sections.get(key, [])]
        service[key] = _merge_bullets(old_bullets, texts, f"{rs.id}: {key}", key.replace("_", "-"),
                                      taken, delete_removed, report, rs.id)
    if old is None:
        service = _ordered(service, ["number", "id", "title", "summary", *SECTIONS])
    else:
        (report.services_changed if _changes(report) != before else report.services_unchanged).append(rs.id)
    return service


def _merge_takeaways(old: dict | None, doc: ResearchDocument, delete_removed: bool, report: Report) -> dict:
    takeaways = dict(old) if old else {}
    if takeaways.get("heading") not in (None, doc.summary_heading):
        report.notes.append(f"takeaways: heading '{takeaways['heading']}' -> '{doc.summary_heading}'")
    takeaways["heading"] = doc.summary_heading
    groups = [dict(g) for g in takeaways.get("groups") or []]
    taken = {g.get("id") for g in groups} | {t.get("id") for g in groups for t in g.get("takeaways") or []}
    by_heading = {g.get("heading"): g for g in groups}
    for rg in doc.groups:
        texts = [b.text for b in rg.bullets]
        group = by_heading.get(rg.heading)
        if group is None:
            gid = _new_id(rg.heading, "group", taken)
            group = {"id": gid, "heading": rg.heading, "title": {"he": rg.heading, "en": rg.heading}}
            groups.append(group)
            report.notes.append(f"takeaways: new group {gid}: its Hebrew title is the research's heading; "
                                f"translate title.he if it should read in Hebrew")
        group["takeaways"] = _merge_bullets([dict(t) for t in group.get("takeaways") or []], texts,
                                            f"takeaways: {group['id']}", group["id"], taken, delete_removed, report,
                                            TAKEAWAYS)
    in_document = {rg.heading for rg in doc.groups}
    for g in groups:
        if g.get("heading") not in in_document:
            report.notes.append(f"takeaways: group {g.get('id')} is not in this document (left as it is)")
    takeaways["groups"] = groups
    return takeaways


def _merge_bullets(old: list[dict], texts: list[str], where: str, prefix: str, taken: set,
                   delete_removed: bool, report: Report, owner: str) -> list[dict]:
    """One section: the document's bullets in its order, each with its data kept."""
    pairs = _line_up([b.get("he") for b in old], texts)  # new index -> old index
    paired_old = set(pairs.values())
    out: list[tuple[tuple, dict]] = []
    for j, text in enumerate(texts):
        if j in pairs:
            bullet, change = _set_hebrew(old[pairs[j]], text)
            if change == "changed":
                report.changed.append(f"{where}[{j}] {bullet.get('id')}")
            else:
                report.unchanged += 1
        else:
            bullet = {"id": _new_id(text, prefix, taken), "he": text}
            report.added.append(f"{where}[{j}] {bullet['id']}: {text}")
        out.append(((j, 0), bullet))
    # A removed bullet stays (unless asked) right after its former predecessor.
    for i, bullet in enumerate(old):
        if i in paired_old:
            continue
        report.removed.append(f"{where}: {bullet.get('id')}: {bullet.get('he')}")
        if delete_removed:
            report.deleted.append((owner, bullet.get("id")))
        else:
            before = [j for j, k in pairs.items() if k < i]
            out.append(((max(before) if before else -1, 1, i), bullet))
    return [b for _, b in sorted(out, key=lambda e: e[0])]


def _line_up(old: list[str], new: list[str]) -> dict[int, int]:
    # Equal runs first (difflib), then equal texts that moved, then each
    # replaced block's most similar pairs: a changed bullet, not a new one.
    pairs: dict[int, int] = {}
    blocks = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            pairs.update({j1 + k: i1 + k for k in range(i2 - i1)})
        else:
            blocks.append((range(i1, i2), range(j1, j2)))
    free_old = [i for i in range(len(old)) if i not in pairs.values()]
    for j in range(len(new)):
        if j not in pairs:
            match = next((i for i in free_old if old[i] == new[j]), None)
            if match is not None:
                pairs[j] = match
                free_old.remove(match)
    for olds, news in blocks:
        candidates = sorted(
            ((SequenceMatcher(None, old[i], new[j], autojunk=False).ratio(), i, j)
             for i in olds if i in free_old for j in news if j not in pairs),
            reverse=True)
        for ratio, i, j in candidates:
            if ratio >= SAME_BULLET and i in free_old and j not in pairs:
                pairs[j] = i
                free_old.remove(i)
    return pairs


def _set_hebrew(node: dict, he: str) -> tuple[dict, str]:
    """The node with Hebrew `he`; its English marked stale when the Hebrew changed."""
    if node.get("he") == he:
        return node, "unchanged"
    if "he" not in node:
        node["he"] = he
        return _ordered(node, ["id", "he"]), "added"
    if "en" in node:
        if node.get(STALE_KEY) == he:
            del node[STALE_KEY]  # back to the Hebrew the English translates
        elif STALE_KEY not in node:
            # Right after `en`, where a translator looks; other keys keep their place.
            items = list(node.items())
            at = [k for k, _ in items].index("en") + 1
            node = dict(items[:at] + [(STALE_KEY, node["he"])] + items[at:])
    node["he"] = he
    return node, "changed"


def _new_id(text: str, prefix: str, taken: set) -> str:
    # From the Latin words (`Google Calendar: OAuth 2.0` -> google-calendar-oauth-2);
    # Hebrew-only text gets `<prefix>-<n>`. Never an id already on the page.
    words = [w.lower() for w in re.findall(r"[A-Za-z0-9]+", text)]
    base = ""
    for word in words[:_SLUG_WORDS]:
        if base and len(base) + 1 + len(word) > _SLUG_LENGTH:
            break
        base = f"{base}-{word}" if base else word[:_SLUG_LENGTH]
    if not re.search(r"[a-z]{3}", base):  # `a-b` or `2025` says nothing: use the position
        base, n = prefix, 1
        while f"{base}-{n}" in taken or f"{base}-{n}" in RESERVED_ANCHORS:
            n += 1
        candidate = f"{base}-{n}"
    else:
        candidate, n = base, 1
        while candidate in taken or candidate in RESERVED_ANCHORS:
            n += 1
            candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _changes(report: Report) -> int:
    return len(report.added) + len(report.changed) + len(report.removed) + len(report.notes)


def _ordered(node: dict, first: list[str]) -> dict:
    # A new node's keys in the usual order (existing nodes keep theirs).
    return {**{k: node[k] for k in first if k in node}, **{k: v for k, v in node.items() if k not in first}}


def _read(path: Path, name: str, problems: list[str]) -> dict | None:
    try:
        raw = yamlio.load(yamlio.read_text(path))
    except yamlio.NotUtf8 as e:
        problems.append(f"{name}: {e}; fix it before importing")
        return None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problems.append(f"{name}: {where}{e.problem or e.context}; fix it before importing")
        return None
    except yaml.YAMLError as e:
        problems.append(f"{name}: YAML error, fix it before importing: {e}".replace("\n", " "))
        return None
    if not isinstance(raw, dict):
        problems.append(f"{name}: expected a mapping at the top level, found {type(raw).__name__}")
        return None
    return raw


def _schema_line(path: Path) -> str | None:
    # Keep the schema path a file already names.
    if not path.exists():
        return None
    first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8", "replace")
    return first.split("$schema=", 1)[1] if "$schema=" in first else None


def _validate(data: dict, model, name: str, problems: list[str]) -> None:
    try:
        model.model_validate(data)
    except ValidationError as e:
        problems += [f"{name}: {place(err['loc'])}: {_message(err)}" for err in e.errors()]


__all__ = ["ImportFailure", "Report", "ResearchError", "import_research"]
