"""The languages are built side by side (hooks/parallel.py): the same site as a
build of one language after the other, and a failure in any language fails
the build."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_mkdocs

SIDE_BY_SIDE = "Building en side by side with he"


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_side_by_side_build_writes_the_same_site_as_one_language_after_the_other(site, site_log, tmp_path):
    # The tests' site (conftest.py) is built side by side, as every build is by default.
    sequential = run_mkdocs(ROOT, tmp_path / "sequential", env={"HANDBOOK_BUILD_JOBS": "1"})
    assert sequential.returncode == 0, sequential.stderr
    assert SIDE_BY_SIDE in site_log
    assert SIDE_BY_SIDE not in sequential.stderr
    built, expected = _files(site), _files(tmp_path / "sequential")
    assert sorted(built) == sorted(expected)
    different = [path for path in expected if built[path] != expected[path]]
    assert not different, f"differ from the sequential build: {different[:10]}"
    # What the languages share: the sitemap lists the pages of both.
    sitemap = built["sitemap.xml"].decode("utf-8")
    assert "/en/services/int-calendar/</loc>" in sitemap
    assert "/services/int-calendar/</loc>" in sitemap.replace("/en/services/int-calendar/</loc>", "")
    assert "en/search/search_index.json" in built and "search/search_index.json" in built


def _project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_a_warning_in_the_english_build_fails_the_strict_build(tmp_path):
    project = _project(tmp_path)
    page = project / "docs" / "en" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[gone](no-such-page.md)\n", encoding="utf-8")
    result = run_mkdocs(project, tmp_path / "site")
    assert SIDE_BY_SIDE in result.stderr
    assert result.returncode == 1
    assert "'en/index.md' contains a link 'no-such-page.md'" in result.stderr
    assert "Aborted with 1 warnings in strict mode!" in result.stdout + result.stderr


def test_an_error_in_the_english_build_fails_the_build_with_its_message(tmp_path):
    project = _project(tmp_path)
    (project / "hooks" / "failing.py").write_text(
        "from mkdocs.exceptions import PluginError\n\n"
        "def on_page_markdown(markdown, page, config, files):\n"
        "    if page.file.src_uri == 'en/takeaways.md':\n"
        "        raise PluginError('the English takeaways cannot be read')\n"
        "    return markdown\n", encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("hooks:\n", "hooks:\n  - hooks/failing.py\n", 1))
    result = run_mkdocs(project, tmp_path / "site")
    assert SIDE_BY_SIDE in result.stderr
    assert result.returncode == 1
    assert "ERROR   -  the English takeaways cannot be read" in result.stderr
    assert "the build of en failed: its messages are above" in result.stderr


def test_only_the_process_of_the_default_language_writes_at_the_search_index_path_of_the_root(tmp_path):
    # Material's search plugin writes an index (with no page: search.py writes
    # each language's) at `search/search_index.json`. Written by the English
    # process too, it raced with the Hebrew index there and sometimes won: the
    # Hebrew site then searched nothing. Every write at that path is recorded.
    project = _project(tmp_path)
    record = tmp_path / "writes.txt"
    (project / "hooks" / "record_writes.py").write_text(
        "import os\n"
        "from mkdocs import utils\n"
        "import material.plugins.search.plugin as search\n\n"
        "_write = utils.write_file\n\n"
        "def write_file(content, path):\n"
        f"    with open({str(record)!r}, 'a') as f:\n"
        "        f.write(f'{os.getpid()} {path}\\n')\n"
        "    return _write(content, path)\n\n"
        "search.utils.write_file = write_file\n", encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("hooks:\n", "hooks:\n  - hooks/record_writes.py\n", 1))
    site = tmp_path / "site"
    result = run_mkdocs(project, site)
    assert result.returncode == 0, result.stderr
    child = result.stderr.split(SIDE_BY_SIDE + ", in process(es) ")[1].split()[0]
    root_index = str(site / "search" / "search_index.json")
    writers = [line.split(" ", 1)[0] for line in record.read_text().splitlines() if line.split(" ", 1)[1] == root_index]
    assert writers and child not in writers, writers
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert any(d["location"] == "services/int-calendar/" for d in docs)


class _I18n:
    building, build_languages, default_language = False, ["he", "en"], "he"


class _Config:
    site_dir = "/nonexistent/site"
    plugins = {"i18n": _I18n()}


def _parallel():
    spec = importlib.util.spec_from_file_location("_hook_parallel_threads", ROOT / "hooks" / "parallel.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("where", ["off the main thread", "beside another thread"])
def test_no_fork_beside_other_threads(monkeypatch, where):
    # `mkdocs serve` rebuilds while its server and file watcher run: a fork then
    # could copy a lock another thread holds, and hang. The build stays in one process.
    parallel = _parallel()
    forks = []
    monkeypatch.setattr(parallel.os, "fork", lambda: forks.append(where) or 0)
    config, result = _Config(), []
    if where == "off the main thread":
        thread = threading.Thread(target=lambda: result.append(parallel.on_config(config)))
        thread.start()
        thread.join(10)
    else:
        stop = threading.Event()
        other = threading.Thread(target=stop.wait)
        other.start()
        try:
            result.append(parallel.on_config(config))
        finally:
            stop.set()
            other.join(10)
    assert result == [config] and forks == []
    assert parallel._role is None and not parallel._patched


def test_a_build_alone_on_the_main_thread_may_fork(monkeypatch):
    # The other side of the rule above: with no other thread, the languages are built side by side.
    from handbook import processes

    monkeypatch.setattr(processes.threading, "active_count", lambda: 1)
    monkeypatch.delenv("HANDBOOK_BUILD_JOBS", raising=False)
    assert processes.can_fork()
    monkeypatch.setattr(processes.threading, "active_count", lambda: 2)
    assert not processes.can_fork()


# ----------------------------------------------------------------------------
# The end of a build (hooks/lifetime.py)
# ----------------------------------------------------------------------------

# `mkdocs build` of a one-page site with the lifetime hook, run as a user runs it, beside an exit
# handler (it writes "exit handler ran") and an object whose finalizer only the interpreter's
# teardown calls (it writes "torn down").
_END = """
import atexit, sys
from pathlib import Path
out = Path(sys.argv[1])
def note(line):
    out.write_text((out.read_text() if out.exists() else "") + line + "\\n")
atexit.register(note, "exit handler ran")
class Kept:
    def __del__(self):
        note("torn down")
kept = Kept()
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build", "--strict", "--site-dir", sys.argv[2]]
cli()
"""


def _end_of_build(tmp_path: Path, page: str) -> tuple[subprocess.CompletedProcess, str]:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(page, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(json.dumps({
        "site_name": "t", "theme": {"name": "mkdocs"}, "hooks": [str(ROOT / "hooks" / "lifetime.py")]}),
        encoding="utf-8")
    out = tmp_path / "out.txt"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-c", _END, str(out), str(tmp_path / "site")], cwd=tmp_path,
                            env=env, capture_output=True, text=True, timeout=120)
    return result, out.read_text(encoding="utf-8") if out.exists() else ""


def test_a_build_that_succeeded_ends_after_its_exit_handlers_without_the_teardown(tmp_path):
    result, out = _end_of_build(tmp_path, "# Page\n")
    assert result.returncode == 0, result.stderr
    assert "Documentation built in" in result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert out == "exit handler ran\n"  # and not "torn down": the memory went back in one piece


def test_a_build_that_failed_exits_as_before_with_its_reason_and_status(tmp_path):
    result, out = _end_of_build(tmp_path, "# Page\n\n[gone](no-such-page.md)\n")
    assert result.returncode == 1
    assert "Aborted with 1 warnings in strict mode!" in result.stdout + result.stderr
    assert out.splitlines() == ["exit handler ran", "torn down"]  # the whole interpreter's usual end
