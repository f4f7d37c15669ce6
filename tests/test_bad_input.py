"""Every kind of bad input ends in a located error, never a traceback: what a
user gets from `python -m handbook check` (or import, or the build) is the file
and the place, and a non-zero exit.

The cases of issue 19: bytes that are not UTF-8 (data and research), impossible
and future dates, over-long ids, duplicate YAML keys, ids that are the site's
own paths, data files with another extension, a malformed build date, redirects
outside the site, a fact's window that its words do not state.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import RESEARCH, ROOT, research_file, run_mkdocs
from handbook.facts import stated_windows
from handbook.models import MAX_ID_LENGTH, RESERVED_IDS

CAL = "services/int-calendar.yaml"


def handbook(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "handbook", *args], capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(ROOT / "hooks"), **(env or {})})


def check(data: Path, env: dict[str, str] | None = None) -> str:
    """`handbook check`'s stderr; it must fail, without a traceback."""
    result = handbook("--data", str(data), "check", env=env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return result.stderr


def replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


# ---------------------------------------------------------------------------
# Text that is not UTF-8
# ---------------------------------------------------------------------------


def test_a_data_file_that_is_not_utf8_is_named_with_its_line(data_copy):
    path = data_copy / CAL
    line = line_of(path, "Calendars.ReadWrite")
    path.write_bytes(path.read_bytes().replace(b"Calendars.ReadWrite", b"Calendars.Read\xffWrite", 1))
    err = check(data_copy)
    assert f"data/services/int-calendar.yaml: line {line}, column " in err
    assert "not UTF-8 text (byte 0xff" in err


def test_a_research_document_that_is_not_utf8_is_named_with_its_line(tmp_path, data_copy):
    text = research_file(RESEARCH).read_bytes()
    document = tmp_path / "batch.md"
    line = text[:text.index(b"Calendars.ReadWrite")].count(b"\n") + 1
    document.write_bytes(text.replace(b"Calendars.ReadWrite", b"Calendars.\xe9ReadWrite", 1))
    result = handbook("--data", str(data_copy), "import", str(document))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"{document}:{line}: not UTF-8 text (byte 0xe9" in result.stderr


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------


def test_an_impossible_date_is_reported_at_its_place(data_copy):
    replace(data_copy / "reviews.yaml", "checked: 2026-11-27", "checked: 2026-02-30")
    err = check(data_copy)
    assert re.search(r"data/reviews\.yaml: reviews\[\d+\]\.checked: .*day value is outside expected range", err), err


def test_a_review_checked_after_the_build_date_is_an_error_not_fresh(data_copy):
    replace(data_copy / "reviews.yaml", "checked: 2026-11-27", "checked: 2026-03-02")
    err = check(data_copy, env={"HANDBOOK_BUILD_DATE": "2026-03-01"})
    assert re.search(r"data/reviews\.yaml: reviews\[\d+\]\.checked: 2026-03-02 is after the build date 2026-03-01",
                     err), err
    # The same data, built the day after, is fine.
    result = handbook("--data", str(data_copy), "check", env={"HANDBOOK_BUILD_DATE": "2026-12-07"})
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("value", ["2026-13-01", "2026-02-30", "yesterday", "20260301"])
def test_a_malformed_build_date_names_the_variable(data_copy, value):
    err = check(data_copy, env={"HANDBOOK_BUILD_DATE": value})
    assert f"HANDBOOK_BUILD_DATE: '{value}' is not a date" in err, err


# ---------------------------------------------------------------------------
# Ids
# ---------------------------------------------------------------------------


def test_an_over_long_id_is_reported_with_the_limit(data_copy):
    long_id = "a" + "-b" * MAX_ID_LENGTH
    replace(data_copy / CAL, "- id: google-calendar-auth", f"- id: {long_id}")
    err = check(data_copy)
    assert (f"data/services/int-calendar.yaml: technical_requirements[0].id: '{long_id[:30]}...' "
            f"is {len(long_id)} characters long (at most {MAX_ID_LENGTH})") in err, err


def test_an_over_long_service_id_in_a_research_document_is_reported_at_its_line(tmp_path, data_copy):
    text = research_file(RESEARCH).read_text(encoding="utf-8")
    heading = next(line for line in text.splitlines() if line.startswith("## ") and " int-calendar " in line)
    long_id = "int-calendar" + "-x" * 200
    document = tmp_path / "batch.md"
    document.write_text(text.replace(heading, heading.replace(" int-calendar ", f" {long_id} ")), encoding="utf-8")
    line = text.splitlines().index(heading) + 1
    result = handbook("--data", str(data_copy), "import", str(document))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"{document}:{line}: service id is {len(long_id)} characters long (at most {MAX_ID_LENGTH})" in result.stderr


def test_the_reserved_ids_are_the_sites_own_paths():
    # Every top-level page or folder of the site (hand-written, generated, exports) is in the one list.
    generated = {"services", "platforms", "compare", "takeaways", "glossary", "review", "api", "search", "assets"}
    docs = {p.stem if p.suffix == ".md" else p.name for lang in ("he", "en") for p in (ROOT / "docs" / lang).iterdir()}
    docs |= {p.name for p in (ROOT / "docs").iterdir() if p.is_dir()} - {"he", "en"}
    assert {"he", "en", "404", *generated, *docs} <= RESERVED_IDS


def test_a_service_id_that_is_one_of_the_sites_paths_is_refused(data_copy):
    path = data_copy / "services" / "index.yaml"
    shutil.move(data_copy / CAL, path)
    replace(path, "id: int-calendar", "id: index")
    err = check(data_copy)
    assert "data/services/index.yaml: id: 'index' is one of the site's own paths" in err, err


def test_a_platform_id_that_is_one_of_the_sites_paths_is_refused(data_copy):
    with (data_copy / "platforms.yaml").open("a", encoding="utf-8") as f:
        f.write("- {id: search, name: {he: Search, en: Search}, category: other, url: https://example.com/}\n")
    err = check(data_copy)
    assert re.search(r"data/platforms\.yaml: platforms\[\d+\]\.id: 'search' is one of the site's own paths", err), err


# ---------------------------------------------------------------------------
# YAML and files
# ---------------------------------------------------------------------------


def test_a_duplicate_yaml_key_is_reported_with_its_line(data_copy):
    path = data_copy / CAL
    replace(path, "\nsummary:", "\ntitle:\n  he: שוב\nsummary:")
    line = line_of(path, "  he: שוב") - 1
    err = check(data_copy)
    assert (f"data/services/int-calendar.yaml: line {line}, column 1: duplicate key 'title' (also at line "
            f"{line_of(path, 'title:')}") in err, err


def test_a_duplicate_key_in_a_flow_mapping_is_reported_too(data_copy):
    path = data_copy / "facts" / "hubspot.yaml"
    replace(path, "stated: 160 requests/10s}", "stated: 160 requests/10s, bullet: x}")
    err = check(data_copy)
    assert re.search(r"data/facts/hubspot\.yaml: line \d+, column \d+: duplicate key 'bullet'", err), err


@pytest.mark.parametrize("name", ["services/int-calendar-2.yml", "facts/hubspot.yaml.bak", "platform.yaml",
                                  "notes.txt"])
def test_a_data_file_with_another_name_is_reported_not_ignored(data_copy, name):
    shutil.copy(data_copy / CAL, data_copy / name)
    err = check(data_copy)
    assert f"data/{name}: not" in err, err


def test_hidden_files_are_left_alone(data_copy):
    (data_copy / "services" / ".int-calendar.yaml.swp").write_bytes(b"\x00editor")
    assert handbook("--data", str(data_copy), "check").returncode == 0


# ---------------------------------------------------------------------------
# Facts' windows
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("text, seconds", [
    ("160 requests/10s", [10]), ("160 requests לכל 10 שניות", [10]), ("10,000/day free", [86400]),
    ("10,000 requests ליום (free)", [86400]), ("100 calls/דקה", [60]), ("1,000 הודעות/24h", [86400]),
    ("calls/month", [30 * 86400]), ("10 requests per 5 minutes", [300]), ("Tier 2 = 10,000", []),
    ("16 MB", []), ("admin domain", []),
])
def test_the_windows_a_text_names(text, seconds):
    assert stated_windows(text) == seconds


def test_a_window_its_words_do_not_state_is_an_error(data_copy):
    replace(data_copy / "facts" / "hubspot.yaml", "per: {amount: 10, unit: second}", "per: minute")
    err = check(data_copy)
    assert ("data/facts/hubspot.yaml: facts[1].per: 1 minute, but sources[0] states '160 requests/10s' (he): "
            "a window of 10 seconds") in err, err
    assert "data/facts/hubspot.yaml: facts[1].per: 1 minute, but sources[1] states '160 requests לכל 10 שניות' (he)" in err


def test_a_window_said_once_for_a_list_is_read_from_the_bullet(data_copy):
    # `Tier 2 = 10,000` says no window; its bullet says /24h: a window of a day is not.
    path = data_copy / "facts" / "whatsapp-business-api.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("id: whatsapp-tier-2-messages")
    end = text.index("- id:", start)
    block = text[start:end]
    assert "per: {amount: 24, unit: hour}" in block
    path.write_text(text[:start] + block.replace("per: {amount: 24, unit: hour}", "per: month") + text[end:],
                    encoding="utf-8")
    err = check(data_copy)
    assert re.search(r"data/facts/whatsapp-business-api\.yaml: facts\[\d+\]\.per: 1 month, but neither "
                     r"sources\[0\]\.stated 'Tier 2 = 10,000' nor its bullet names that window \(he\)", err), err


# ---------------------------------------------------------------------------
# Redirects
# ---------------------------------------------------------------------------


def test_a_redirect_outside_the_site_stops_the_build(tmp_path, project):
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.count("      redirect_maps: {}\n") == 1
    maps = ("        he/../../escaped.md: he/services/int-calendar.md\n"
            "        en/../../escaped.md: en/services/int-calendar.md\n"
            f"        {tmp_path}/abs.md: he/services/int-calendar.md\n"
            "        he/services/old.md: ../outside.md\n"
            "        en/services/old.md: en/services/int-calendar.md\n")
    (project / "mkdocs.yml").write_text(config.replace("      redirect_maps: {}\n", "      redirect_maps:\n" + maps),
                                        encoding="utf-8")
    site = tmp_path / "out" / "site"
    result = run_mkdocs(project, site)
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    place = "mkdocs.yml: plugins.redirects.redirect_maps"
    for line in [
        f"{place}['he/../../escaped.md']: 'he/../../escaped.md' goes up a folder ('..'): a redirect may not write "
        "outside the site",
        f"{place}['en/../../escaped.md']: 'en/../../escaped.md' goes up a folder",
        f"{place}['{tmp_path}/abs.md']: '{tmp_path}/abs.md' is an absolute path",
        f"{place}['he/services/old.md']: '../outside.md' goes up a folder",
    ]:
        assert line in result.stderr, result.stderr
    written = [p for p in (tmp_path / "out").rglob("*") if site not in p.parents and p != site]
    assert not written and not (tmp_path / "escaped").exists() and not (tmp_path / "abs").exists()


# ---------------------------------------------------------------------------
# Invisible characters (issue 25)
# ---------------------------------------------------------------------------

CHANGES = "vendor-changes.yaml"


def problems_in(err: str) -> list[str]:
    """The listed problems of `check`'s report, one per line."""
    return [line.strip() for line in err.splitlines() if line.startswith("  ")]


@pytest.mark.parametrize("escape, name", [
    ("\\0", "U+0000 NULL"), ("\\e", "U+001B ESCAPE"), ("\\v", "U+000B LINE TABULATION"), ("\\x7f", "U+007F DELETE"),
    ("\\x85", "U+0085 a C1 control character"), ("\\u202E", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("\\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"), ("\\u200F", "U+200F RIGHT-TO-LEFT MARK"),
    ("\\ud800", "U+D800 a lone surrogate"), ("\\uffff", "U+FFFF a noncharacter"),
])
def test_a_control_or_bidi_character_is_named_at_its_place(data_copy, escape, name):
    # In a vendor change's title: it lands in the Atom feeds (XML), the iCalendar file and the pages.
    title = "Freshdesk introduces new plan names (Free, Growth, Pro, Enterprise) for new sign-ups"
    replace(data_copy / CHANGES, f"en: {title}", f'en: "Freshdesk {escape}introduces"')
    err = check(data_copy)
    assert f"data/vendor-changes.yaml: changes[0].title.en: {name} at character 11" in err, err
    assert len(problems_in(err)) == 1, err


def test_a_bidi_override_in_a_platform_name_is_one_problem_not_a_cascade(data_copy):
    replace(data_copy / "platforms.yaml", "name: {he: HubSpot, en: HubSpot}", 'name: {he: HubSpot, en: "Hub\\u202eSpot"}')
    err = check(data_copy)
    assert ("data/platforms.yaml: platforms[2].name.en: U+202E RIGHT-TO-LEFT OVERRIDE at character 4 "
            "(a bidirectional formatting character") in err, err
    # Services, facts and changes name hubspot: none of them is "unknown platform 'hubspot'".
    assert problems_in(err) == [p for p in problems_in(err) if "platforms[2]" in p] and len(problems_in(err)) == 1, err


def test_a_control_character_in_a_key_is_named_too(data_copy):
    replace(data_copy / CAL, "number:", '"num\\ber":')
    assert "U+0008 BACKSPACE" in check(data_copy)


def test_one_bad_fact_is_one_problem_and_its_reviews_are_not_told_it_is_unknown(data_copy):
    replace(data_copy / "facts/hubspot.yaml", "value: 10000", "value: -10000")
    err = check(data_copy)
    assert "data/facts/hubspot.yaml: facts[0].value: -10,000 is negative (a figure is never below zero)" in err \
        or "data/facts/hubspot.yaml: facts[0].value: -10000 is negative (a figure is never below zero)" in err, err
    assert len(problems_in(err)) == 1, err


# ---------------------------------------------------------------------------
# YAML beyond what a data file is (issue 25)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("text, where", [
    ("terms: " + "[" * 100_000 + "]" * 100_000 + "\n", "line 1: '[' opened inside 64 others"),
    ("terms:\n" + "- " * 100_000 + "x\n", "line 2: indented 200000 columns"),
    ("terms: " + "{a: " * 100_000 + "1" + "}" * 100_000 + "\n", "line 1: '{' opened inside 64 others"),
])
def test_nesting_beyond_the_limit_is_a_located_error_not_a_crash(data_copy, text, where):
    (data_copy / "glossary.yaml").write_text(text, encoding="utf-8")
    err = check(data_copy)
    assert f"data/glossary.yaml: {where}: nested deeper than a data file may be (64 levels at most)" in err, err


def test_a_data_file_beyond_the_size_limit_is_refused_before_it_is_read(data_copy):
    (data_copy / "glossary.yaml").write_text("terms: []\n" + "#" * 6_000_000 + "\n", encoding="utf-8")
    err = check(data_copy)
    assert "data/glossary.yaml: 6,000,011 bytes: larger than a data file may be (5,000,000 bytes at most)" in err, err


# ---------------------------------------------------------------------------
# Types, signs and dates (issue 25)
# ---------------------------------------------------------------------------


def test_a_boolean_is_not_a_number(data_copy):
    text = (data_copy / CAL).read_text(encoding="utf-8")
    number = re.search(r"^number: \d+$", text, re.M)[0]
    replace(data_copy / CAL, number, "number: true")
    err = check(data_copy)
    assert "data/services/int-calendar.yaml: number: Input should be a valid integer" in err, err


def test_a_negative_official_figure_is_refused(data_copy):
    replace(data_copy / "reviews.yaml", "  figures:\n  - value: 100\n", "  figures:\n  - value: -100\n")
    err = check(data_copy)
    assert re.search(r"data/reviews.yaml: reviews\[\d+\]\.figures\[0\]\.value: -100 is negative", err), err


@pytest.mark.parametrize("date, shown", [("9999-12-31", "9999-12-31"), ("9999-12", "9999-12"), ("1970-01-01", "1970-01-01")])
def test_a_vendor_change_dated_outside_the_window_is_refused_by_check(data_copy, date, shown):
    replace(data_copy / CHANGES, "date: 2021-08-09", f"date: {date}")
    err = check(data_copy, env={"HANDBOOK_BUILD_DATE": "2026-12-07"})
    assert f"data/vendor-changes.yaml: changes[0].date: {shown} is outside 2000-01-01..2036-12-07 (a typo?)" in err, err


def test_a_recheck_in_the_future_is_refused(data_copy):
    replace(data_copy / "source-checks.yaml", "sources: []", "sources:\n- {url: 'https://example.com/', checked: 2026-12-08, "
            "result: changed, status: 200, changed_on: 2026-12-08, closest: x}")
    err = check(data_copy, env={"HANDBOOK_BUILD_DATE": "2026-12-07"})
    assert ("data/source-checks.yaml: sources[0].checked: 2026-12-08 is after the build date 2026-12-07 "
            "(a re-check cannot be in the future)") in err, err


# ---------------------------------------------------------------------------
# Ids that are the pages' own element ids (issue 25)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("file, old, place", [
    ("reviews.yaml", "- id: ", "reviews[0].id"),
    (CHANGES, "- id: freshdesk-plans-renamed", "changes[0].id"),
    ("facts/hubspot.yaml", "- id: hubspot-daily-requests", "facts[0].id"),
    (CAL, "- id: google-calendar-auth", "technical_requirements[0].id"),
])
@pytest.mark.parametrize("new", ["todo", "coming", "every-fact", "hb-tooltip"])
def test_an_id_that_is_one_of_its_pages_own_is_refused(data_copy, file, old, place, new):
    from handbook.anchors import page_ids

    kind = {"reviews.yaml": "review", CHANGES: "change", "facts/hubspot.yaml": "fact", CAL: "bullet"}[file]
    text = (data_copy / file).read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith(old) or x.startswith(f"  {old}"))
    replace(data_copy / file, line, line.split("id: ")[0] + f"id: {new}")
    result = handbook("--data", str(data_copy), "check")
    assert "Traceback" not in result.stderr, result.stderr
    message = f"data/{file}: {place}: id '{new}' is one of its page's own element ids"
    # Refused exactly where the page has that id (hb-tooltip, made by terms.js, is on every page).
    assert (message in result.stderr) == (new in page_ids(kind)), result.stderr


def test_the_pages_own_ids_are_read_from_the_templates_and_scripts():
    from handbook.anchors import page_ids

    assert {"todo", "stale", "table-review-todo", "hb-tooltip"} <= page_ids("review")
    assert {"coming", "past"} <= page_ids("change") and "every-fact" in page_ids("fact")
    assert "every-fact" not in page_ids("review") and "prerequisites" not in page_ids("takeaway")


# ---------------------------------------------------------------------------
# Imports that cannot half-land (issue 25)
# ---------------------------------------------------------------------------


def _data_bytes(data: Path) -> dict[str, bytes]:
    return {p.relative_to(data).as_posix(): p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()}


def _cut(tmp_path: Path, keep) -> tuple[Path, int]:
    """The research document cut by `keep` (its lines -> the lines kept), and its last line with content."""
    lines = research_file(RESEARCH).read_text(encoding="utf-8").splitlines()
    kept = keep(lines)
    document = tmp_path / "batch.md"
    document.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return document, max(n for n, line in enumerate(kept, 1) if line.strip())


@pytest.mark.parametrize("where, keep, message", [
    # Cut in the middle of a bullet, inside a service's section.
    ("a section", lambda lines: lines[:300] + [lines[300][:len(lines[300]) // 2]],
     "the document ends inside service int-crm-accounting, in a section, without its closing summary"),
    # Everything from the closing summary on is missing.
    ("the summary", lambda lines: lines[:next(i for i, x in enumerate(lines) if x.startswith("## Summary"))],
     "without its closing summary ('## Summary: ...' with '### Group:' headings)"),
    # The summary's last group cut short: its last line is missing.
    ("the last line", lambda lines: lines[:next(i for i, x in enumerate(lines) if x.startswith("**End of"))] [:-3],
     "the document ends inside summary group 'Common Prerequisites', without its last line '**End of ...**'"),
])
def test_a_cut_off_research_document_is_refused_at_the_line_it_stops(tmp_path, data_copy, where, keep, message):
    document, last = _cut(tmp_path, keep)
    before = _data_bytes(data_copy)
    result = handbook("--data", str(data_copy), "import", str(document))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stdout + result.stderr
    assert f"{document}:{last}: " in result.stderr and message in result.stderr, result.stderr
    assert _data_bytes(data_copy) == before  # nothing written, not even the half bullet


def test_a_revised_import_leaves_check_passing_with_the_stale_english_listed(tmp_path, data_copy):
    # The Hebrew of a bullet that facts and a review cite changes; its English is now stale.
    text = research_file(RESEARCH).read_text(encoding="utf-8")
    old = "- HubSpot rate limit: 10,000 requests ליום (free), 160 requests לכל 10 שניות\n"
    assert old in text
    document = tmp_path / "batch.md"
    document.write_text(text.replace(old, old.rstrip("\n") + " (עדכני)\n"), encoding="utf-8")
    imported = handbook("--data", str(data_copy), "import", str(document))
    assert imported.returncode == 0, imported.stderr
    result = handbook("--data", str(data_copy), "check")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "1 unfinished" in result.stdout, result.stdout
    assert ("data/services/int-crm-marketing.yaml: notes[1].en: translation out of date: the Hebrew changed"
            in result.stdout), result.stdout
