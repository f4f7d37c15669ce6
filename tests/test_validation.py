"""Bad data stops everything with the list of every problem, each with its file
and place, and never a traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_mkdocs
from handbook import yamlio
from handbook.catalog import DataError, load_catalog

CAL = "services/int-calendar.yaml"


def edit(data: Path, name: str, change) -> None:
    path = data / name
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    yamlio.write(path, doc, "../schema/service.schema.json")


def problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as err:
        load_catalog(data)
    return err.value.problems


def test_real_data_is_valid(catalog):
    assert len(catalog.services) == 10
    assert sum(len(s.bullets()) for s in catalog.services) == 400


def test_yaml_syntax_error_names_its_line(data_copy):
    path = data_copy / CAL
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[5] = "  en: [unclosed"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert any(p.startswith("data/services/int-calendar.yaml: line ") and "YAML syntax error" in p
               for p in problems(data_copy))
    line = int(problems(data_copy)[0].split("line ")[1].split(",")[0])
    assert 6 <= line <= 8


def _set(path: str, value):
    def change(doc):
        *parents, last = path.split(".")
        node = doc
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        if value is KeyError:
            del node[int(last) if last.isdigit() else last]
        else:
            node[int(last) if last.isdigit() else last] = value
    return change


CASES = {
    "unknown field": (_set("notes.3.note", "x"), "data/services/int-calendar.yaml: notes[3].note: unknown field"),
    "missing Hebrew": (_set("notes.3.he", KeyError), "data/services/int-calendar.yaml: notes[3].he: missing"),
    "empty translation": (_set("notes.3.en", ""), "data/services/int-calendar.yaml: notes[3].en: empty"),
    "blank translation": (_set("title.en", "   "), "data/services/int-calendar.yaml: title.en: empty"),
    "leftover TODO": (_set("summary.en", "TODO"), "data/services/int-calendar.yaml: summary.en: still 'TODO'"),
    "bad item id": (_set("notes.0.id", "Bad_Id"), "data/services/int-calendar.yaml: notes[0].id: 'Bad_Id' is not a valid id"),
    "id is not the file name": (_set("id", "calendar"), "data/services/int-calendar.yaml: id: 'calendar' must equal the file name"),
    "unknown platform": (_set("systems.0.platforms", ["google-calender"]),
                         "data/services/int-calendar.yaml: systems[0].platforms[0]: unknown platform 'google-calender'"),
    "unknown system in a flow": (_set("integrations.0.from", ["erp"]),
                                 "data/services/int-calendar.yaml: integrations[0].from[0]: unknown system 'erp'"),
    "bad direction": (_set("integrations.0.direction", "both"), "data/services/int-calendar.yaml: integrations[0].direction:"),
    "empty section": (_set("notes", []), "data/services/int-calendar.yaml: notes:"),
    "reserved anchor": (_set("notes.0.id", "systems"), "data/services/int-calendar.yaml: notes[0].id: id 'systems' is reserved"),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_data_is_reported_with_file_and_place(data_copy, case):
    change, expected = CASES[case]
    edit(data_copy, CAL, change)
    found = problems(data_copy)
    assert any(p.startswith(expected) for p in found), found


def test_duplicate_item_id_is_reported(data_copy):
    def change(doc):
        doc["notes"][2]["id"] = doc["technical_requirements"][0]["id"]
    edit(data_copy, CAL, change)
    assert any(p.startswith("data/services/int-calendar.yaml: notes[2].id: duplicate bullet id 'google-calendar-auth'")
               for p in problems(data_copy))


def test_duplicate_service_number_is_reported(data_copy):
    edit(data_copy, CAL, _set("number", 31))
    found = problems(data_copy)
    assert any("number: 31 is already used by data/services/int-calendar.yaml" in p
               or "number: 31 is already used by data/services/integration-simple.yaml" in p for p in found), found


def test_file_name_must_be_a_slug(data_copy):
    shutil.copy(data_copy / CAL, data_copy / "services" / "Int_Calendar.yaml")
    found = problems(data_copy)
    assert any(p.startswith("data/services/Int_Calendar.yaml: file name 'Int_Calendar' must match") for p in found)


def test_every_problem_is_listed_at_once(data_copy):
    edit(data_copy, CAL, _set("notes.3.en", ""))
    edit(data_copy, "services/int-ecommerce.yaml", _set("systems.0.platforms", ["magento"]))
    (data_copy / "takeaways.yaml").write_text("heading: [", encoding="utf-8")
    found = problems(data_copy)
    assert len(found) == 3, found
    assert found[0].startswith("data/takeaways.yaml: line 1, column")
    assert any(p.startswith("data/services/int-calendar.yaml: notes[3].en: empty") for p in found)
    assert any(p.startswith("data/services/int-ecommerce.yaml: systems[0].platforms[0]: unknown platform 'magento'") for p in found)


def test_takeaway_problems_are_reported(data_copy):
    path = data_copy / "takeaways.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["groups"][1]["takeaways"][0]["id"] = doc["groups"][0]["takeaways"][0]["id"]
    del doc["groups"][2]["takeaways"][1]["he"]
    yamlio.write(path, doc, "schema/takeaways.schema.json")
    found = problems(data_copy)
    assert any(p.startswith("data/takeaways.yaml: groups[2].takeaways[1].he: missing") for p in found), found


def test_a_takeaway_id_used_twice_is_reported_with_both_places(data_copy):
    path = data_copy / "takeaways.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    first = doc["groups"][0]["takeaways"][0]["id"]
    doc["groups"][1]["takeaways"][0]["id"] = first
    yamlio.write(path, doc, "schema/takeaways.schema.json")
    found = problems(data_copy)
    assert (f"data/takeaways.yaml: groups[1].takeaways[0].id: duplicate anchor id '{first}' "
            "(also groups[0].takeaways[0])") in found, found


def test_duplicate_platform_id_is_reported(data_copy):
    path = data_copy / "platforms.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["platforms"][3]["id"] = doc["platforms"][1]["id"]
    yamlio.write(path, doc, "schema/platforms.schema.json")
    found = problems(data_copy)
    assert (f"data/platforms.yaml: platforms[3].id: duplicate platform id '{doc['platforms'][1]['id']}' "
            "(also platforms[1])") in found, found


def test_command_line_reports_without_traceback(data_copy):
    edit(data_copy, CAL, _set("notes.3.en", ""))
    result = subprocess.run([sys.executable, "-m", "handbook", "--data", str(data_copy), "check"],
                            capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "hooks")})
    assert result.returncode == 1
    assert "1 problem in the handbook's data:" in result.stderr
    assert "data/services/int-calendar.yaml: notes[3].en: empty" in result.stderr
    assert "Traceback" not in result.stderr


def test_site_build_stops_on_bad_data_without_traceback(tmp_path, project):
    # A copy of the project with one broken file: `mkdocs build` names it and stops.
    edit(project / "data", CAL, _set("notes.3.he", KeyError))
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode != 0
    assert "data/services/int-calendar.yaml: notes[3].he: missing" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_large_catalog_read_by_two_processes_is_the_same_and_reports_the_same(data_copy, monkeypatch,
                                                                                 two_processes):
    # A large catalog's YAML is parsed half in a second process: the catalog and
    # the problems found are those of a read in one process, whichever process
    # parsed the broken files.
    forks = two_processes
    files = sorted(data_copy.rglob("*.yaml"))
    together = load_catalog(data_copy)
    assert forks, "the data was not read by two processes"
    monkeypatch.setenv("HANDBOOK_BUILD_JOBS", "1")
    alone = load_catalog(data_copy)
    assert [s.model_dump() for s in together.services] == [s.model_dump() for s in alone.services]
    assert together.facts == alone.facts and together.takeaways == alone.takeaways

    first, second = files[0], files[1]  # one parsed by each process
    for path in (first, second):
        path.write_text(path.read_text(encoding="utf-8") + "\nbroken: [unclosed\n", encoding="utf-8")
    one_process = problems(data_copy)
    monkeypatch.delenv("HANDBOOK_BUILD_JOBS")
    two_processes = problems(data_copy)
    assert len(forks) == 2
    assert two_processes == one_process
    for path in (first, second):
        name = path.relative_to(data_copy.parent).as_posix()
        assert any(p.startswith(f"{name}: line ") and "YAML syntax error" in p for p in two_processes), two_processes
