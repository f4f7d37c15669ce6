"""One home per kind of word: the site's words are in the string table
(hooks/handbook/strings.py) and its language facts in hooks/handbook/languages.py.

The scripts (docs/assets/javascripts/*.js) and the theme's overrides
(overrides/**/*.html) hold no Hebrew letter and no interface word of their own:
they read the table from the page (`<script id="hb-words">`) or from the
template context (`config.extra.hb_words`). Python outside languages.py names
no language by a literal: no ("he", "en") list and no `lang == "en"` branch.
Every problem is named by file and line. The rules are tried on bad input
first, so that a check that finds nothing cannot pass by accident.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from conftest import ROOT
from handbook.languages import CODES, LANGUAGES
from handbook.strings import STRINGS, script_words

SCRIPTS = sorted((ROOT / "docs" / "assets" / "javascripts").glob("*.js"))
OVERRIDES = sorted((ROOT / "overrides").rglob("*.html"))
PYTHON = sorted((ROOT / "hooks").rglob("*.py"))

# Hebrew letters, and the escapes that write them (\u05d0 in a script is a Hebrew letter too).
HEBREW = re.compile(r"(?:[\u0590-\u05FF\uFB1D-\uFB4F]|\\u05[0-9a-fA-F]{2}|\\u\{5[0-9a-fA-F]{2}\})+")
# A phrase for a reader: two words or more of letters ("Link copied"), perhaps ending a sentence.
PHRASE = re.compile(r"[A-Za-z][a-z']*(?: [A-Za-z][a-z']*)+[.!?:]?")
# Every word of the table with a letter in it, in any language, as a script might write it.
TABLE_WORDS = {v.casefold() for words in STRINGS.values() for v in words.values() if re.search(r"[^\W\d_]", v)}
# Attributes whose value a reader hears or sees.
READ_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder", "label")

# Python this branch may not change (the bullet-reference code is being reworked elsewhere):
# each known line, exactly; a new one anywhere fails.
KNOWN_PYTHON = {
    ("hooks/handbook/models.py", 'return self.en if lang == "en" and self.translated else self.he'),
}


# ---------------------------------------------------------------------------
# The rules
# ---------------------------------------------------------------------------


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _without_comments(js: str) -> str:
    # Comments blanked, their lines kept, so that a literal's line is still its own.
    blank = lambda m: re.sub(r"[^\n]", " ", m[0])  # noqa: E731
    js = re.sub(r"/\*.*?\*/", blank, js, flags=re.S)
    return re.sub(r"(?m)(?:^|(?<=[\s;{}()]))//.*$", blank, js)


def script_problems(name: str, js: str) -> list[str]:
    """A script's Hebrew letters and interface words, as `file:line: ...`."""
    problems = [f"{name}:{_line(js, m.start())}: Hebrew letters ({m[0]!r}): its word belongs in the string table"
                for m in HEBREW.finditer(js)]
    code = _without_comments(js)
    for m in re.finditer(r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'', code):
        literal = m[1] if m[1] is not None else m[2]
        if re.search(r"\bError\(\s*$", code[:m.start()]):
            continue  # a reason for the console, never shown
        if literal == "use strict":
            continue  # a directive
        # A phrase anywhere; a word of the table where it is shown (a fallback, a text, a message):
        # elsewhere a lone word is a key (a query's `plan`, a field's `client`).
        shown = re.search(r"(?:\|\||\?|textContent\s*=|createTextNode\(|announce\(|title\s*=)\s*$", code[:m.start()])
        if PHRASE.fullmatch(literal) or shown and literal.casefold() in TABLE_WORDS:
            problems.append(f"{name}:{_line(js, m.start())}: the interface word {literal!r}: "
                            "read it from the page's <script id=\"hb-words\"> (strings.py, SCRIPT_WORDS)")
    return problems


def override_problems(name: str, html: str) -> list[str]:
    """A theme override's Hebrew letters and literal words (text, read attributes, inline scripts)."""
    problems = [f"{name}:{_line(html, m.start())}: Hebrew letters ({m[0]!r}): its word belongs in the string table"
                for m in HEBREW.finditer(html)]
    blank = lambda m: re.sub(r"[^\n]", " ", m[0])  # noqa: E731
    markup = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", blank, html, flags=re.S)
    for m in re.finditer(r"(<script\b[^>]*>)(.*?)</script>", markup, flags=re.S):
        inline = re.sub(r"[^\n]", " ", markup[:m.start(2)]) + m[2]  # its lines counted from the file's start
        problems += [p for p in script_problems(name, inline) if "Hebrew letters" not in p]
    markup = re.sub(r"<script\b.*?</script>|<style\b.*?</style>", blank, markup, flags=re.S)
    for m in re.finditer(r"\b(" + "|".join(READ_ATTRIBUTES) + r')="([^"]*)"', markup):
        if re.search(r"[^\W\d_]", m[2]):
            problems.append(f"{name}:{_line(html, m.start())}: the literal {m[1]} {m[2]!r}: "
                            "take it from the string table (config.extra.hb_words)")
    for m in re.finditer(r">([^<>]+)<", markup):
        if re.search(r"[^\W\d_]", m[1]):
            problems.append(f"{name}:{_line(html, m.start(1))}: the literal text {m[1].strip()!r}: "
                            "take it from the string table (config.extra.hb_words)")
    return problems


def python_problems(name: str, source: str) -> list[str]:
    """A module's literal lists of the languages' codes and comparisons with one code."""
    problems = []
    lines = source.splitlines()
    for node in ast.walk(ast.parse(source, name)):
        what = None
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and len(node.elts) > 1 and \
                all(isinstance(e, ast.Constant) and e.value in CODES for e in node.elts):
            what = f"the literal {ast.unparse(node)}: use languages.CODES (or LANGUAGES)"
        elif isinstance(node, ast.Compare) and any(isinstance(op, (ast.Eq, ast.NotEq)) for op in node.ops) and \
                any(isinstance(side, ast.Constant) and side.value in CODES for side in [node.left, *node.comparators]):
            what = f"the comparison {ast.unparse(node)}: a language's fact belongs in languages.py, its words in strings.py"
        if what and (name, lines[node.lineno - 1].strip()) not in KNOWN_PYTHON:
            problems.append((node.lineno, f"{name}:{node.lineno}: {what}"))
    return [problem for _, problem in sorted(problems)]


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


# ---------------------------------------------------------------------------
# The rules find what they are for
# ---------------------------------------------------------------------------


def test_the_rules_find_words_and_languages_written_in_place():
    js = 'var a = 1;\n/* a comment may say "Link copied" */\nsay("Link copied");\nvar w = "\u05e9\u05d5\u05e8\u05d5\u05ea";\n' \
         'var rows = label || "rows";\nvar p = /^[\\u05d0-\\u05ea]/;\nthrow new Error("copy refused");\n'
    assert script_problems("x.js", js) == [
        "x.js:4: Hebrew letters ('\u05e9\u05d5\u05e8\u05d5\u05ea'): its word belongs in the string table",
        "x.js:6: Hebrew letters ('\\\\u05d0'): its word belongs in the string table",
        "x.js:6: Hebrew letters ('\\\\u05ea'): its word belongs in the string table",
        "x.js:3: the interface word 'Link copied': read it from the page's <script id=\"hb-words\"> "
        "(strings.py, SCRIPT_WORDS)",
        "x.js:5: the interface word 'rows': read it from the page's <script id=\"hb-words\"> (strings.py, SCRIPT_WORDS)",
    ]
    html = ('{#- a comment: Page not found -#}\n{% block content %}\n<h1>Page not found (404)</h1>\n'
            '<p>{{ words.text }}</p>\n<button aria-label="Close" title="{{ t.close }}"></button>\n'
            '<script>say("Link copied")</script>\n{% endblock %}\n')
    assert override_problems("o.html", html) == [
        "o.html:6: the interface word 'Link copied': read it from the page's <script id=\"hb-words\"> "
        "(strings.py, SCRIPT_WORDS)",
        "o.html:5: the literal aria-label 'Close': take it from the string table (config.extra.hb_words)",
        "o.html:3: the literal text 'Page not found (404)': take it from the string table (config.extra.hb_words)",
    ]
    py = 'for lang in ("he", "en"):\n    pass\nx = "a" if lang == "en" else "b"\ny = ["en", "he"]\nz = lang in CODES\n'
    assert python_problems("m.py", py) == [
        "m.py:1: the literal ('he', 'en'): use languages.CODES (or LANGUAGES)",
        "m.py:3: the comparison lang == 'en': a language's fact belongs in languages.py, its words in strings.py",
        "m.py:4: the literal ['en', 'he']: use languages.CODES (or LANGUAGES)",
    ]


# ---------------------------------------------------------------------------
# The site keeps them
# ---------------------------------------------------------------------------


def test_scripts_hold_no_hebrew_letter_and_no_interface_word():
    problems = [p for path in SCRIPTS for p in script_problems(_relative(path), path.read_text(encoding="utf-8"))]
    assert SCRIPTS and not problems, "\n".join(problems)


def test_theme_overrides_hold_no_hebrew_letter_and_no_literal_word():
    problems = [p for path in OVERRIDES for p in override_problems(_relative(path), path.read_text(encoding="utf-8"))]
    assert OVERRIDES and not problems, "\n".join(problems)


def test_python_names_no_language_by_a_literal_outside_languages_py():
    problems = [p for path in PYTHON if path.name != "languages.py"
                for p in python_problems(_relative(path), path.read_text(encoding="utf-8"))]
    assert PYTHON and not problems, "\n".join(problems)


def test_the_known_exceptions_are_still_there():
    # An exception that has gone (its line mended) leaves the list, so that it cannot hide a new one.
    for name, line in KNOWN_PYTHON:
        assert line in (ROOT / name).read_text(encoding="utf-8"), f"{name}: '{line}' is gone: drop it from KNOWN_PYTHON"


def test_every_word_a_script_says_is_in_the_table_in_every_language():
    for lang in LANGUAGES:
        words = script_words(lang.code)
        assert words["lang"] == lang.code
        for key, value in words.items():
            assert value, f"{lang.code}: {key}: empty"
    # What the scripts read from the page's words (`words.x`, `said.x`; a local list of typed
    # words is asked for its length and its like).
    read = {(path.name, key) for path in SCRIPTS
            for key in re.findall(r"\b(?:words|said)\.(\w+)", path.read_text(encoding="utf-8"))}
    missing = {f"{name}: {key}" for name, key in read
               if key not in script_words(LANGUAGES[0].code) and key not in {"length", "some", "split", "filter"}}
    assert read and not missing, f"words the scripts read that the page does not give them: {sorted(missing)}"


# ---------------------------------------------------------------------------
# What a reader gets
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_each_page_gives_its_scripts_the_words_of_its_language(html, lang):
    for page in ("", "changes/", "finder/"):
        blob = html(lang.prefix + page).select_one("script#hb-words[type='application/json']")
        assert blob is not None, f"{lang.prefix + page}: no <script id=hb-words>"
        assert json.loads(blob.get_text()) == script_words(lang.code)


def test_the_404_page_says_the_table_s_words_in_every_language(site):
    from bs4 import BeautifulSoup

    root = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    said = {box["lang"]: box for box in root.select(".hb-not-found")}
    assert list(said) == list(CODES), "the root 404 page speaks every language, the default first"
    for lang in LANGUAGES:
        words, box = STRINGS[lang.code], said[lang.code]
        assert box["dir"] == lang.direction
        assert box.h1.get_text() == words["not_found_title"]
        assert box.p.get_text() == words["not_found_text"].replace("{home}", words["not_found_home"])
        assert box.a["href"] == "/" + lang.prefix
    for lang in LANGUAGES[1:]:
        own = BeautifulSoup((site / lang.prefix / "404.html").read_text(encoding="utf-8"), "html.parser")
        assert [box["lang"] for box in own.select(".hb-not-found")] == [lang.code]
