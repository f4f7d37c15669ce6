"""Read a research document (Markdown, Hebrew with English terms) into plain records.

The format: `## NN. id - title` per service, a bold `**label**: text` summary line,
bold section labels followed by `- ` bullets, and a closing `## Summary: ...`
with `### Group:` headings, and the last line, `**End of ...**`. The fidelity
test and the importer both stand on this parser, so it reports every problem
with its line number instead of guessing. A document cut off (a copy stopped
half-way, a message truncated) reads as a valid shorter one until its end is
looked for: without its closing summary and last line it is refused, at the
line where it stops, so that no half bullet is imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .models import MAX_ID_LENGTH
from .yamlio import NotUtf8, decode

# The research's section labels, as written, mapped to the data's section keys.
SECTION_LABELS = {
    "דרישות טכניות": "technical_requirements",
    "מערכות שצריך גישה אליהן": "systems",
    "אינטגרציות נדרשות": "integrations",
    "Prerequisites (מה צריך להיות מוכן מראש)": "prerequisites",
    "הערות חשובות": "notes",
}
SUMMARY_LABEL = "מה השירות עושה"

_SERVICE = re.compile(r"^## (\d+)\. ([a-z0-9-]+) - (.+)$")
_SUMMARY_HEADING = re.compile(r"^## (Summary: .+)$")
_GROUP = re.compile(r"^### (.+?):?$")
_LABEL = re.compile(r"^\*\*(.+?)\*\*:\s*(.*)$")
_BULLET = re.compile(r"^- (.+)$")
_END = re.compile(r"^\*\*End of .+\*\*$")


class ResearchError(Exception):
    """A malformed research document: every problem with its line."""

    def __init__(self, path: str, problems: list[str]):
        self.path, self.problems = path, problems
        super().__init__("\n".join(f"{path}:{p}" for p in problems))


@dataclass
class ResearchBullet:
    text: str
    line: int


@dataclass
class ResearchService:
    number: int
    id: str
    title: str
    line: int
    summary: str = ""
    sections: dict[str, list[ResearchBullet]] = field(default_factory=dict)


@dataclass
class ResearchGroup:
    heading: str
    line: int
    bullets: list[ResearchBullet] = field(default_factory=list)


@dataclass
class ResearchDocument:
    services: list[ResearchService]
    summary_heading: str | None
    groups: list[ResearchGroup]


def strip_bold(text: str) -> str:
    # The data keeps the words, not the Markdown emphasis.
    return re.sub(r"\*\*(.+?)\*\*", r"\1", text)


def _cut_off(services, summary_heading, groups, section, ended: int, last: int) -> list[str]:
    # A document that stops before its end: where it stops, and inside what.
    if summary_heading and groups and ended and ended == last:
        return []
    if summary_heading is None and services:
        inside = f"service {services[-1].id}" + (", in a section" if section is not None else "")
        missing = "its closing summary ('## Summary: ...' with '### Group:' headings) and its last line '**End of ...**'"
    elif not groups:
        inside, missing = "the closing summary, before its first group", "its '### Group:' headings and its last line '**End of ...**'"
    elif not ended:
        inside, missing = f"summary group '{groups[-1].heading}'", "its last line '**End of ...**'"
    else:
        return [f"{last}: text after the last line '**End of ...**' (at line {ended})"]
    return [f"{last}: the document ends inside {inside}, without {missing}: is it cut off?"]


def parse(path: str | Path, text: str | None = None) -> ResearchDocument:
    """Parse a research document; raise ResearchError listing every problem."""
    path = str(path)
    if text is None:
        try:
            text = decode(Path(path).read_bytes())
        except NotUtf8 as e:
            raise ResearchError(path, [f"{e.line}: {e.problem}"]) from None
    problems: list[str] = []
    services: list[ResearchService] = []
    groups: list[ResearchGroup] = []
    summary_heading = None
    service: ResearchService | None = None
    section: list[ResearchBullet] | None = None
    group: ResearchGroup | None = None
    ended = last = 0  # the line of `**End of ...**`, and the last line with content

    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if line:
            last = n
        if _END.match(line):
            ended = n
            continue
        if not line or line == "---" or line.startswith("# "):
            continue
        if not services and summary_heading is None and not line.startswith("## "):
            continue  # the preamble before the first service is not content
        if m := _SERVICE.match(line):
            service = ResearchService(int(m[1]), m[2], m[3].strip(), n)
            if len(m[2]) > MAX_ID_LENGTH:  # it becomes a file name and a URL
                problems.append(f"{n}: service id is {len(m[2])} characters long (at most {MAX_ID_LENGTH})")
            services.append(service)
            section, group = None, None
        elif m := _SUMMARY_HEADING.match(line):
            summary_heading, service, section = m[1], None, None
        elif summary_heading and (m := _GROUP.match(line)):
            group = ResearchGroup(m[1].strip(), n)
            groups.append(group)
        elif m := _LABEL.match(line):
            label, rest = m[1].strip(), m[2].strip()
            if service is None:
                problems.append(f"{n}: section label '{label}' outside a service (expected '## NN. id - title' before it)")
            elif label == SUMMARY_LABEL:
                if not rest:
                    problems.append(f"{n}: '{SUMMARY_LABEL}' has no text after the colon")
                service.summary = strip_bold(rest)
            elif label in SECTION_LABELS:
                key = SECTION_LABELS[label]
                if key in service.sections:
                    problems.append(f"{n}: section '{label}' appears twice in service {service.id}")
                section = service.sections.setdefault(key, [])
                if rest:
                    problems.append(f"{n}: unexpected text after section label '{label}' (expected bullets on the next lines)")
            else:
                known = ", ".join([SUMMARY_LABEL, *SECTION_LABELS])
                problems.append(f"{n}: unknown section label '{label}' (expected one of: {known})")
                section = []  # its bullets belong to it: one problem, not one per bullet
        elif m := _BULLET.match(line):
            if group is not None and summary_heading:
                group.bullets.append(ResearchBullet(strip_bold(m[1].strip()), n))
            elif section is not None:
                section.append(ResearchBullet(strip_bold(m[1].strip()), n))
            else:
                problems.append(f"{n}: bullet outside a section (expected a bold section label before it)")
        elif line.startswith("## "):
            problems.append(f"{n}: malformed service heading (expected '## NN. id - title', id in a-z, 0-9 and '-')")
        else:
            problems.append(f"{n}: unexpected line (expected a heading, a bold label or a '- ' bullet)")

    if not services and summary_heading is None and not problems:
        problems.append("1: no service found (expected '## NN. id - title' headings)")
    first: dict[object, ResearchService] = {}
    for s in services:
        for key, what in ((s.id, f"id {s.id}"), (("number", s.number), f"number {s.number}")):
            if key in first:
                problems.append(f"{s.line}: service {what} appears twice (first at line {first[key].line})")
            first.setdefault(key, s)
    seen_groups: dict[str, ResearchGroup] = {}
    for g in groups:
        if g.heading in seen_groups:
            problems.append(f"{g.line}: summary group '{g.heading}' appears twice (first at line {seen_groups[g.heading].line})")
        seen_groups.setdefault(g.heading, g)
        if not g.bullets:
            problems.append(f"{g.line}: summary group '{g.heading}' has no bullets")
    for s in services:
        if not s.summary:
            problems.append(f"{s.line}: service {s.id} has no '{SUMMARY_LABEL}' line")
        missing = [label for label, key in SECTION_LABELS.items() if not s.sections.get(key)]
        for label in missing:
            problems.append(f"{s.line}: service {s.id} has no bullets under '{label}'")
    if not problems:
        problems += _cut_off(services, summary_heading, groups, section, ended, last)
    if problems:
        problems.sort(key=lambda p: int(p.split(":", 1)[0]))
        raise ResearchError(path, problems)
    return ResearchDocument(services, summary_heading, groups)
