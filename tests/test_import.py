"""Importing research documents: the round trip, the edit cases, and bad documents.

The importer owns only the Hebrew. These tests edit the real research the way a
revision would, import it over a copy of the committed data, and check what an
author gets: the YAML files, the report, the English page, the strict build.
Scenario folders under `import_cases/` hold input documents and expected results.
"""

from __future__ import annotations

import difflib
import filecmp
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import RESEARCH, ROOT, run_mkdocs, research_file
from handbook import yamlio
from handbook.catalog import load_catalog
from handbook.generate import Generator
from handbook.importer import ImportFailure, import_research
from handbook.models import SECTIONS
from handbook.unfinished import unfinished

CASES = Path(__file__).parent / "import_cases"
CAL = "services/int-calendar.yaml"


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def revised(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    """The real research with each `old` text replaced by `new` (each must occur once)."""
    text = research_file(RESEARCH).read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, f"edit target not unique: {old!r}"
        text = text.replace(old, new)
    path = tmp_path / "revised.md"
    path.write_text(text, encoding="utf-8")
    return path


def raw(data: Path, name: str) -> dict:
    return yaml.safe_load((data / name).read_text(encoding="utf-8"))


def bullet(doc: dict, section: str, bullet_id: str) -> dict:
    return next(b for b in doc[section] if b["id"] == bullet_id)


def changed_files(data: Path) -> list[str]:
    """Data files that differ from the committed ones, or are new."""
    out = []
    for path in sorted(data.rglob("*.yaml")):
        original = ROOT / "data" / path.relative_to(data)
        if not original.exists() or not filecmp.cmp(path, original, shallow=False):
            out.append(path.relative_to(data).as_posix())
    return out


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "handbook", *args], capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT / "hooks")}, timeout=120)


def english_item(catalog, service_id: str, item_id: str) -> str:
    """The English page's list item for one bullet, as Markdown/HTML."""
    page = Generator(catalog).page(f"services/{service_id}.md", "en")
    return next(line for line in page.splitlines() if line.startswith(f'<li id="{item_id}"'))


# ---------------------------------------------------------------------------
# Round trip
# ---------------------------------------------------------------------------


def test_import_into_an_empty_folder_gives_the_committed_hebrew(tmp_path, catalog):
    data = tmp_path / "data"
    data.mkdir()
    report = import_research(research_file(RESEARCH), data)
    assert (len(report.services_added), len(report.added)) == (10, 422)
    shutil.copy(ROOT / "data" / "platforms.yaml", data)  # not the importer's: platforms are authored
    imported = load_catalog(data)  # valid: unique ids, schema-clean

    def hebrew(c):
        return ([(s.number, s.id, s.title.he, s.summary.he, [[i.he for i in s.section(k)] for k in SECTIONS])
                 for s in c.services],
                c.takeaways.heading, [(g.heading, [t.he for t in g.takeaways]) for g in c.takeaways.groups])

    assert hebrew(imported) == hebrew(catalog)
    # Nothing is English yet: every title, summary and bullet says so.
    missing = [u for u in unfinished(imported) if u.endswith("not translated yet (the English page shows the Hebrew)")]
    assert len(missing) == 422 + 2 * 10


def test_reimport_over_the_committed_data_changes_no_byte(data_copy):
    result = cli("--data", str(data_copy), "import", str(research_file(RESEARCH)))
    assert result.returncode == 0, result.stderr
    assert "services: 0 added, 0 changed, 10 unchanged" in result.stdout
    assert "bullets: 0 added, 0 changed, 0 removed, 422 unchanged" in result.stdout
    assert "wrote 0 files" in result.stdout
    assert changed_files(data_copy) == []


def test_new_service_scenario(tmp_path):
    # A new batch into an empty folder: the YAML an author gets, byte for byte.
    case = CASES / "new-service"
    data = tmp_path / "data"
    data.mkdir()
    import_research(case / "document.md", data)
    expected = sorted(p.relative_to(case / "expected").as_posix() for p in (case / "expected").rglob("*.yaml"))
    written = sorted(p.relative_to(data).as_posix() for p in data.rglob("*.yaml"))
    assert written == expected
    for name in expected:
        assert (data / name).read_text(encoding="utf-8") == (case / "expected" / name).read_text(encoding="utf-8"), name


# ---------------------------------------------------------------------------
# Edits
# ---------------------------------------------------------------------------

ADMIN_OLD = "- Microsoft: Admin approval נדרש לרוב ההרשאות בארגונים\n"
ADMIN_NEW = "- Microsoft: Admin approval נדרש לרוב ההרשאות בארגונים גדולים (Entra ID)\n"


def test_changed_bullet_keeps_id_and_english_marked_stale(tmp_path, data_copy):
    before = raw(data_copy, CAL)
    report = import_research(revised(tmp_path, (ADMIN_OLD, ADMIN_NEW)), data_copy)
    assert report.changed == ["int-calendar: notes[2] microsoft-admin-approval"] and not report.added
    assert changed_files(data_copy) == [CAL]
    after = raw(data_copy, CAL)
    note = bullet(after, "notes", "microsoft-admin-approval")
    old_note = bullet(before, "notes", "microsoft-admin-approval")
    assert note == {"id": "microsoft-admin-approval", "he": ADMIN_NEW[2:-1], "en": old_note["en"],
                    "en_translated_from": old_note["he"]}
    assert [b["id"] for b in after["notes"]] == [b["id"] for b in before["notes"]]
    # Only the changed bullet's lines moved in the file: the rest is byte for byte.
    old_lines = (ROOT / "data" / CAL).read_text(encoding="utf-8").splitlines()
    new_lines = (data_copy / CAL).read_text(encoding="utf-8").splitlines()
    diff = [d for d in difflib.ndiff(old_lines, new_lines) if d[:1] in "+-"]
    assert diff == ["-   he: 'Microsoft: Admin approval נדרש לרוב ההרשאות בארגונים'",
                    "+   he: 'Microsoft: Admin approval נדרש לרוב ההרשאות בארגונים גדולים (Entra ID)'",
                    "+   en_translated_from: 'Microsoft: Admin approval נדרש לרוב ההרשאות בארגונים'"]


def test_changed_integration_keeps_its_flow(tmp_path, data_copy):
    before = bullet(raw(data_copy, CAL), "integrations", "crm-to-calendar-cancellation")
    import_research(revised(tmp_path, ("- CRM → Calendar: ביטול פגישה בלוח השנה אם בוטלה ב-CRM\n",
                                       "- CRM → Calendar: ביטול פגישה בלוח השנה אם בוטלה או נמחקה ב-CRM\n")), data_copy)
    after = bullet(raw(data_copy, CAL), "integrations", "crm-to-calendar-cancellation")
    assert {k: v for k, v in after.items() if k not in ("he", "en_translated_from")} == \
           {k: v for k, v in before.items() if k != "he"}
    assert list(after) == ["id", "he", "en", "en_translated_from", "from", "to", "direction"]


def test_stale_english_shows_the_hebrew_with_a_notice(tmp_path, data_copy):
    import_research(revised(tmp_path, (ADMIN_OLD, ADMIN_NEW)), data_copy)
    catalog = load_catalog(data_copy)
    li = english_item(catalog, "int-calendar", "microsoft-admin-approval")
    assert "Translation out of date" in li and "גדולים" in li and 'lang="he" dir="rtl"' in li
    assert "Admin approval is required" not in li  # the old English is not passed off as current
    assert unfinished(catalog) == [
        "data/services/int-calendar.yaml: notes[2].en: translation out of date: the Hebrew changed "
        "(the English translates en_translated_from); update en, then delete en_translated_from"]
    # The Hebrew page shows the new Hebrew, with no notice.
    he = Generator(catalog).page("services/int-calendar.md", "he")
    assert "גדולים" in he and "Translation out of date" not in he and "התרגום אינו מעודכן" not in he


def test_changing_back_restores_the_file_and_a_second_change_keeps_the_first_source(tmp_path, data_copy):
    third = "- Microsoft: Admin approval נדרש לכל ההרשאות בארגונים גדולים\n"
    import_research(revised(tmp_path, (ADMIN_OLD, ADMIN_NEW)), data_copy)
    import_research(revised(tmp_path, (ADMIN_OLD, third)), data_copy)
    note = bullet(raw(data_copy, CAL), "notes", "microsoft-admin-approval")
    assert note["he"] == third[2:-1] and note["en_translated_from"] == ADMIN_OLD[2:-1]
    import_research(research_file(RESEARCH), data_copy)
    assert changed_files(data_copy) == []


def test_added_bullet_gets_a_lasting_id_and_no_english(tmp_path, data_copy):
    new = "- Out-of-office sync: לסנכרן חופשות כאירועי all-day\n"
    doc = revised(tmp_path, (ADMIN_OLD, ADMIN_OLD + new))
    report = import_research(doc, data_copy)
    assert report.added == [f"int-calendar: notes[3] out-of-office-sync: {new[2:-1]}"]
    after = raw(data_copy, CAL)
    assert after["notes"][3] == {"id": "out-of-office-sync", "he": new[2:-1]}
    assert [b["id"] for b in after["notes"] if b["id"] != "out-of-office-sync"] == \
           [b["id"] for b in raw(ROOT / "data", CAL)["notes"]]
    li = english_item(load_catalog(data_copy), "int-calendar", "out-of-office-sync")
    assert "Not translated yet" in li and "לסנכרן חופשות" in li
    # Importing the same document again keeps the id and writes nothing.
    assert import_research(doc, data_copy).written == []


def test_new_ids_never_collide(tmp_path, data_copy):
    # Two new Hebrew-only bullets and one whose Latin words make an existing id.
    new = "- לבדוק הרשאות\n- לבדוק הרשאות שוב\n- Recurring events: לשמור recurrence rule\n"
    import_research(revised(tmp_path, (ADMIN_OLD, ADMIN_OLD + new)), data_copy)
    ids = [b["id"] for b in raw(data_copy, CAL)["notes"]]
    assert ids[3:6] == ["notes-1", "notes-2", "recurring-events-recurrence-rule"]
    catalog = load_catalog(data_copy)  # unique and valid
    assert len(catalog.service("int-calendar").notes) == len(ids)


def test_added_integration_is_unfinished_until_its_flow_is_drawn(tmp_path, data_copy):
    new = "- Calendar → CRM: סנכרון תזכורות\n"
    anchor = "- CRM → Calendar: ביטול פגישה בלוח השנה אם בוטלה ב-CRM\n"
    import_research(revised(tmp_path, (anchor, anchor + new)), data_copy)
    catalog = load_catalog(data_copy)
    assert "data/services/int-calendar.yaml: integrations[4]: no flow yet: set from, to and direction " \
           "(the page draws no arrow)" in unfinished(catalog)
    li = english_item(catalog, "int-calendar", "calendar-crm")
    assert "hb-flow" not in li and "Not translated yet" in li


ALL_DAY = "- All-day events: לטפל בהם נכון (ללא שעה ספציפית)\n"  # a bullet nothing else cites


def test_removed_bullet_is_reported_and_deleted_only_on_request(tmp_path, data_copy):
    doc = revised(tmp_path, (ALL_DAY, ""))
    result = cli("--data", str(data_copy), "import", str(doc))
    assert result.returncode == 0, result.stderr
    assert "bullets: 0 added, 0 changed, 1 removed, 421 unchanged" in result.stdout
    assert ("removed  int-calendar: notes: all-day-events: " + ALL_DAY[2:-1] +
            " (kept in the data; run again with --delete-removed to delete)") in result.stdout
    assert changed_files(data_copy) == []  # kept, in its place

    result = cli("--data", str(data_copy), "import", str(doc), "--delete-removed", "--dry-run")
    assert "(deleted)" in result.stdout and "dry run: nothing written" in result.stdout
    assert changed_files(data_copy) == []

    result = cli("--data", str(data_copy), "import", str(doc), "--delete-removed")
    assert result.returncode == 0, result.stderr
    assert "wrote 1 file: data/services/int-calendar.yaml" in result.stdout
    assert changed_files(data_copy) == [CAL]
    ids = [b["id"] for b in raw(data_copy, CAL)["notes"]]
    assert ids == [b["id"] for b in raw(ROOT / "data", CAL)["notes"] if b["id"] != "all-day-events"]


def test_moved_bullet_and_reordered_sections(tmp_path, data_copy):
    text = research_file(RESEARCH).read_text(encoding="utf-8")
    start, end = text.index("## 38. int-calendar"), text.index("## 39. int-ecommerce")
    service = text[start:end]
    # Sections in another order (notes first), and two notes swapped.
    tech = service.index("**דרישות טכניות**")
    notes = service.index("**הערות חשובות**")
    tail = service.index("\n---", notes)
    publisher = '- Publisher verification נדרש ל-multi-tenant apps (למניעת "unverified" warning)\n'
    swapped = service[notes:tail].replace(ADMIN_OLD + publisher, publisher + ADMIN_OLD)
    assert swapped != service[notes:tail]
    service = service[:tech] + swapped.rstrip("\n") + "\n\n" + service[tech:notes] + service[tail:]
    doc = tmp_path / "moved.md"
    doc.write_text(text[:start] + service + text[end:], encoding="utf-8")
    report = import_research(doc, data_copy)
    assert (report.added, report.changed, report.removed, report.unchanged) == ([], [], [], 422)
    assert changed_files(data_copy) == [CAL]
    ids = [b["id"] for b in raw(data_copy, CAL)["notes"]][:4]
    assert ids == ["google-token-expiry", "microsoft-token-expiry", "publisher-verification", "microsoft-admin-approval"]
    assert "en_translated_from" not in (data_copy / CAL).read_text(encoding="utf-8")


def test_added_service_leaves_the_others_alone(tmp_path, data_copy):
    document = (CASES / "new-service" / "document.md").read_text(encoding="utf-8")
    new_service = document[document.index("## 41."):document.index("## Summary")]
    text = research_file(RESEARCH).read_text(encoding="utf-8")
    doc = tmp_path / "with-41.md"
    doc.write_text(text.replace("## Summary:", new_service + "## Summary:"), encoding="utf-8")
    report = import_research(doc, data_copy)
    assert report.services_added == ["int-erp"] and len(report.services_unchanged) == 10
    assert changed_files(data_copy) == ["services/int-erp.yaml"]
    expected = CASES / "new-service" / "expected" / "services" / "int-erp.yaml"
    assert (data_copy / "services" / "int-erp.yaml").read_text(encoding="utf-8") == expected.read_text(encoding="utf-8")
    assert [s.id for s in load_catalog(data_copy).services][-1] == "int-erp"


def test_takeaway_edits_keep_ids(tmp_path, data_copy):
    old = "- Dead letter queue לטיפול בכשלונות קריטיים\n"
    new = "- Dead letter queue (DLQ) לטיפול בכשלונות קריטיים\n"
    import_research(revised(tmp_path, (old, new)), data_copy)
    assert changed_files(data_copy) == ["takeaways.yaml"]
    groups = raw(data_copy, "takeaways.yaml")["groups"]
    before = raw(ROOT / "data", "takeaways.yaml")["groups"]
    assert [[t["id"] for t in g["takeaways"]] for g in groups] == [[t["id"] for t in g["takeaways"]] for g in before]
    dlq = next(t for g in groups for t in g["takeaways"] if t["he"] == new[2:-1])
    assert dlq["en_translated_from"] == old[2:-1]


def test_strict_build_fails_on_unfinished_data_and_lists_it(tmp_path, project):
    new = "- Out-of-office sync: לסנכרן חופשות כאירועי all-day\n"
    import_research(revised(tmp_path, (ADMIN_OLD, ADMIN_NEW + new)), project / "data")
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode != 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert warnings == [
        "WARNING -  data/services/int-calendar.yaml: notes[2].en: translation out of date: the Hebrew changed "
        "(the English translates en_translated_from); update en, then delete en_translated_from",
        "WARNING -  data/services/int-calendar.yaml: notes[3].en: not translated yet (the English page shows the Hebrew)",
    ]
    assert "Aborted with 2 warnings in strict mode" in result.stdout + result.stderr
    # `make check` lists the same, and does not fail: the data is valid.
    check = cli("--data", str(project / "data"), "check")
    assert check.returncode == 0
    assert "2 unfinished (the strict build fails until they are done):" in check.stdout


# ---------------------------------------------------------------------------
# Bad documents
# ---------------------------------------------------------------------------

MALFORMED = sorted(p.stem for p in (CASES / "malformed").glob("*.md"))


@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_document_is_reported_by_line_and_nothing_written(data_copy, case):
    document = CASES / "malformed" / f"{case}.md"
    expected = (CASES / "malformed" / f"{case}.expected").read_text(encoding="utf-8").splitlines()
    result = cli("--data", str(data_copy), "import", str(document))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    listed = [line.strip() for line in result.stderr.splitlines()[1:]]
    assert listed == [f"{document}:{line}" for line in expected]
    assert changed_files(data_copy) == []


def test_number_taken_by_another_service_stops_the_import(tmp_path, data_copy):
    document = (CASES / "new-service" / "document.md").read_text(encoding="utf-8")
    doc = tmp_path / "clash.md"
    doc.write_text(document.replace("## 41. int-erp", "## 38. int-erp"), encoding="utf-8")
    with pytest.raises(ImportFailure) as err:
        import_research(doc, data_copy)
    assert err.value.problems == [
        f"{doc}:7: service number 38 is already used by data/services/int-calendar.yaml "
        "(expected a new number or that service's id)"]
    assert changed_files(data_copy) == []


def test_deleting_a_cited_bullet_is_refused_at_each_citation_and_nothing_written(tmp_path, data_copy):
    # The document no longer has a bullet that facts and a review cite, another that a takeaway
    # link applies to, and a summary takeaway that the takeaway links map: deleting them
    # would leave data/ failing `make check`.
    doc = revised(tmp_path,
                  ("- HubSpot rate limit: 10,000 requests ליום (free), 160 requests לכל 10 שניות\n", ""),
                  ("- Token management: Access tokens פגים אחרי שעה (Google), refresh token logic\n", ""),
                  ("- OAuth 2.1 הוא הסטנדרט החדש (2025)\n", ""))
    before = {p: p.read_bytes() for p in data_copy.rglob("*") if p.is_file()}
    result = cli("--data", str(data_copy), "import", str(doc), "--delete-removed")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "importing" in result.stderr and "nothing written" in result.stderr
    why = "which --delete-removed would delete (it is no longer in the document)"
    for place, ref in [
        ("data/facts/hubspot.yaml: facts[0].sources[1]", "int-crm-marketing#hubspot-rate-limit"),
        ("data/facts/hubspot.yaml: facts[1].sources[1]", "int-crm-marketing#hubspot-rate-limit"),
        ("data/reviews.yaml: reviews[0].bullets[0]", "int-crm-marketing#hubspot-rate-limit"),
        ("data/takeaway-links.yaml: links[1].applies_to[11]", "int-calendar#token-management"),
        ("data/takeaway-links.yaml: links[0].takeaway", "takeaways#oauth-2-1-new-standard"),
    ]:
        assert f"  {place}: cites {ref}, {why}" in result.stderr, result.stderr
    assert {p: p.read_bytes() for p in data_copy.rglob("*") if p.is_file()} == before

    # Without --delete-removed the bullets are kept, and the import goes through.
    result = cli("--data", str(data_copy), "import", str(doc))
    assert result.returncode == 0, result.stderr
    assert "3 removed" in result.stdout and changed_files(data_copy) == []


def test_deleting_a_bullet_only_a_vendor_change_cites_is_refused_at_the_change(tmp_path, data_copy):
    # Every data file's citations count, the vendor changes' too: deleting the bullet would leave
    # data/ failing `make check` at the change.
    doc = raw(data_copy, "vendor-changes.yaml")
    doc["changes"][0]["bullets"].append({"service": "int-calendar", "bullet": "all-day-events"})
    assert len(doc["changes"][0]["bullets"]) == 4
    yamlio.write(data_copy / "vendor-changes.yaml", doc, "schema/vendor-changes.schema.json")
    load_catalog(data_copy)  # valid data: the change may cite it
    before = {p: p.read_bytes() for p in data_copy.rglob("*") if p.is_file()}
    result = cli("--data", str(data_copy), "import", str(revised(tmp_path, (ALL_DAY, ""))), "--delete-removed")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert [line.strip() for line in result.stderr.splitlines() if "cites" in line] == [
        "data/vendor-changes.yaml: changes[0].bullets[3]: cites int-calendar#all-day-events, which --delete-removed "
        "would delete (it is no longer in the document): cite another bullet there, or remove the citation, first"]
    assert {p: p.read_bytes() for p in data_copy.rglob("*") if p.is_file()} == before


def test_a_data_file_with_a_duplicate_key_stops_the_import_at_its_line(tmp_path, data_copy):
    path = data_copy / CAL
    path.write_text(path.read_text(encoding="utf-8").replace("\nsummary:", "\nnumber: 38\nsummary:", 1),
                    encoding="utf-8")
    result = cli("--data", str(data_copy), "import", str(revised(tmp_path, (ADMIN_OLD, ADMIN_NEW))))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "data/services/int-calendar.yaml: line 7, column 1: duplicate key 'number' (also at line 2" \
        in result.stderr, result.stderr
