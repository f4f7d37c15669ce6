"""The generator's templates are read as markup is: short lines (a change to one
element is a one-line diff), no words of the site (they are in strings.py, in
both languages) and no branch on which language a page is in (a template asks
`lang is research_language`, or looks the words up in `t`)."""

from __future__ import annotations

import re

import pytest

from handbook.generate import TEMPLATES

LONGEST = 160
_HEBREW = re.compile(r"[\u0590-\u05ff\ufb1d-\ufb4f]")
# `lang == "en"`, `lang != 'he'`, `"en" == lang`: a page's language tested by its code.
_LANG_COMPARED = re.compile(r"""\blang\s*[!=]=|[!=]=\s*lang\b""")


def problems(name: str, text: str) -> list[str]:
    """What is wrong with one template, a line each, as `name:line: what`."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > LONGEST:
            found.append(f"{name}:{number}: {len(line)} characters (at most {LONGEST}: break it across lines)")
        if letter := _HEBREW.search(line):
            found.append(f"{name}:{number}: Hebrew letter {letter.group()!r} (a word of the site: strings.py)")
        if _LANG_COMPARED.search(line):
            found.append(f"{name}:{number}: compares `lang` (words: strings.py; the research's language: "
                         "`lang is research_language`)")
    return found


def test_templates_are_readable_and_wordless():
    names = sorted(p.name for p in TEMPLATES.glob("*.j2"))
    assert len(names) >= 19
    found = [p for name in names for p in problems(name, (TEMPLATES / name).read_text(encoding="utf-8"))]
    assert found == [], "\n".join(found)


@pytest.mark.parametrize(("line", "what"), [
    ("<p>" + "x" * 160 + "</p>", "167 characters (at most 160"),
    ('<span>{{ t.checked_on }}{% if lang == "en" %} {% endif %}</span>', "compares `lang`"),
    ("{% if 'he' != lang %}", "compares `lang`"),
    ("<q>נבדק</q>", "Hebrew letter 'נ'"),
])
def test_a_bad_line_is_named_by_file_and_line(line, what):
    text = "{## a comment ##}\n<div>\n" + line + "\n</div>\n"
    found = problems("page.md.j2", text)
    assert len(found) == 1 and found[0].startswith("page.md.j2:3: ") and what in found[0], found


def test_a_short_template_in_the_sites_words_passes():
    assert problems("page.md.j2", '{% if lang is research_language %}{{ t.checked_on }}{% endif %}\n'
                    '<a hreflang="he" lang="en">{{ language }}</a>\n') == []
