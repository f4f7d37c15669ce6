"""An import killed at any moment leaves `data/` whole: as it was, or fully updated.

The importer writes a batch through `yamlio.write_batch` (temporary files, a
journal, renames; the next reader finishes or undoes it). Here an import is
stopped at each of its steps in turn (HANDBOOK_TEST_PAUSE_AT_STEP makes it
pause there; the test then kills it with SIGKILL, as `kill -9` would), and the
next `handbook check` (what `make check` runs) must pass on a `data/` equal,
byte for byte, to the state before the import or to the state after it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT
from handbook.catalog import DataError, load_catalog
from handbook.yamlio import JOURNAL, PAUSE_ENV
from test_import import ADMIN_NEW, ADMIN_OLD, revised

# One batch that rewrites three files: two services and the summary.
EDITS = (
    (ADMIN_OLD, ADMIN_NEW),
    ("- Campaign tracking: לשמור Campaign ID ב-CRM לניתוח ROI\n",
     "- Campaign tracking: לשמור Campaign ID ו-UTM ב-CRM לניתוח ROI\n"),
    ("- OAuth 2.1 הוא הסטנדרט החדש (2025)\n", "- OAuth 2.1 הוא הסטנדרט החדש (2025-2026)\n"),
)
WRITTEN = ["services/int-calendar.yaml", "services/int-crm-marketing.yaml", "takeaways.yaml"]
ENV = {"PYTHONPATH": str(ROOT / "hooks")}


def snapshot(data: Path) -> dict[str, bytes]:
    return {p.relative_to(data).as_posix(): p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()}


def handbook(data: Path, *args: str, **kwargs):
    return [sys.executable, "-m", "handbook", "--data", str(data), *args]


def test_an_import_killed_at_any_step_leaves_data_as_it_was_or_fully_updated(tmp_path):
    document = revised(tmp_path, *EDITS)
    before_dir = tmp_path / "before" / "data"
    shutil.copytree(ROOT / "data", before_dir)
    before = snapshot(before_dir)

    after_dir = tmp_path / "after" / "data"
    shutil.copytree(before_dir, after_dir)
    done = subprocess.run(handbook(after_dir, "import", str(document)), capture_output=True, text=True, env=ENV)
    assert done.returncode == 0, done.stderr
    after = snapshot(after_dir)
    check = subprocess.run(handbook(after_dir, "check"), capture_output=True, text=True, env=ENV)
    assert check.returncode == 0, check.stderr
    assert sorted(k for k in after if after[k] != before[k]) == WRITTEN

    outcomes = []
    step = 0
    while True:
        step += 1
        assert step < 50, "the import never finished"
        data = tmp_path / f"step-{step}" / "data"
        shutil.copytree(before_dir, data)
        proc = subprocess.Popen(handbook(data, "import", str(document)), stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True, env={**ENV, PAUSE_ENV: str(step)})
        paused = None
        for line in proc.stderr:
            if line.startswith(f"paused at step {step}: "):
                paused = line.split(": ", 1)[1].strip()
                break
        if paused is None:  # past the last step: the import ran to its end
            assert proc.wait(timeout=60) == 0
            assert snapshot(data) == after
            break
        proc.kill()  # SIGKILL: no handler, no cleanup
        proc.wait(timeout=60)
        proc.stderr.close()

        # Killed: each data file is whole, the old text or the new, never half of it.
        for name, content in snapshot(data).items():
            if name.endswith(".yaml") and not Path(name).name.startswith("."):
                assert content in (before[name], after[name]), f"step {step} ({paused}): {name} is neither"
                yaml.safe_load(content)

        # The next run finishes or undoes the batch, and `make check` passes (its
        # load_catalog, here in this process: a second interpreter per step doubled the time).
        try:
            load_catalog(data)
        except DataError as e:
            raise AssertionError(f"step {step} ({paused}):\n{e.report()}") from None
        state = snapshot(data)
        assert state in (before, after), f"step {step} ({paused}): data/ is neither as it was nor updated: " + \
            ", ".join(k for k in sorted(set(state) | set(after)) if state.get(k) not in (before.get(k), after.get(k)))
        outcomes.append((paused, "after" if state == after else "before"))

    # Every step was tried: writing each temporary file (and half of it), the journal,
    # each rename, the journal's removal. Before the journal the import did not
    # happen; from the journal on, it did.
    kinds = [p.split(" ")[0] for p, _ in outcomes]
    assert kinds.count("writing") == len(WRITTEN) + 1 and kinds.count("half") == len(WRITTEN)
    assert kinds.count("renaming") == len(WRITTEN) and kinds[-1] == "deleting"
    journal = [p for p, _ in outcomes].index("writing the journal")
    assert all(o == "before" for _, o in outcomes[:journal + 1])
    assert all(o == "after" for _, o in outcomes[journal + 1:])


def test_an_unreadable_journal_is_reported_not_guessed(data_copy):
    (data_copy / JOURNAL).write_text("{not json", encoding="utf-8")
    result = subprocess.run(handbook(data_copy, "check"), capture_output=True, text=True, env=ENV)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"data/{JOURNAL}: unreadable" in result.stderr


def test_files_of_an_import_that_did_not_reach_its_journal_are_removed(data_copy):
    stray = data_copy / "services" / ".int-calendar.yaml.tmp"
    stray.write_text("number: [half", encoding="utf-8")
    result = subprocess.run(handbook(data_copy, "check"), capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, result.stderr
    assert not stray.exists()
    assert os.listdir(data_copy / "services") == os.listdir(ROOT / "data" / "services")
