"""Shared fixtures: the real data, the parsed research, and one real build."""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from handbook.catalog import load_catalog
from handbook.languages import PREFIX
from handbook.research import parse

ROOT = Path(__file__).resolve().parents[1]
# The research and the reviews it is checked against are part of the repository
# (research/). HANDBOOK_RESEARCH names another research document (a newer batch;
# a relative path is taken from the repository) for the fidelity tests.
RESEARCH_DIR = ROOT / "research"
RESEARCH = (ROOT / os.environ["HANDBOOK_RESEARCH"]).resolve() if os.environ.get("HANDBOOK_RESEARCH") \
    else RESEARCH_DIR / "integration-services-31-40.md"
FACT_CHECK = RESEARCH_DIR / "review" / "fact-check.yaml"
FACT_CHECK_2 = RESEARCH_DIR / "review" / "fact-check-2.yaml"
LANGS = PREFIX  # language -> URL prefix


def strip_isolates(text: str) -> str:
    """`text` without bidi isolates (U+2066..U+2069): what a reader sees of a tooltip."""
    return re.sub("[\u2066-\u2069]", "", text)


# The address of a site built for this machine (mkdocs.yml's default when SITE_URL is not set):
# the tests' builds say HANDBOOK_LOCAL=1, as `make serve` does (hooks/publishing.py).
LOCAL_SITE_URL = "http://127.0.0.1:8000/"


def run_mkdocs(config_dir: Path, site_dir: Path, *extra: str, env: dict[str, str | None] | None = None
               ) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` as a user runs it (a subprocess, its own output); a site for this
    machine unless `env` says otherwise (a variable given as None is unset)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_LOCAL": "1",
           "SITE_URL": None, **(env or {})}
    env = {k: v for k, v in env.items() if v is not None}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir), *extra],
        cwd=config_dir, env=env, capture_output=True, text=True, timeout=300,
    )


def research_file(path: Path) -> Path:
    """`path` (RESEARCH, FACT_CHECK) when it is there; else the test fails, saying
    where it looked. Fidelity tests never skip."""
    if not path.is_file():
        pytest.fail(f"{path}: missing: the fidelity tests need the research document "
                    "(research/ in the repository, or HANDBOOK_RESEARCH naming another one)", pytrace=False)
    return path


# The modules that take longest (a minute or more of `make test`), first: pytest-xdist hands a
# module to a process as the last one ends, in this order, so that no long one ends the run
# alone on one core while the other waits.
LONGEST = ("test_quality", "test_publishing", "test_search", "test_hostile", "test_browser_tables",
           "test_lighthouse", "test_parallel", "test_search_loading", "test_cite", "test_browser")


def pytest_collection_modifyitems(config, items):
    # Which tests may start Chromium (tests/browser.py checks it).
    import browser

    browser.MARKED = {item.nodeid for item in items if item.get_closest_marker("browser")}
    rank = {name: i for i, name in enumerate(LONGEST)}
    items.sort(key=lambda item: rank.get(item.module.__name__, len(LONGEST)))  # stable: else as collected


def pytest_sessionfinish(session, exitstatus):
    # The one Chromium of the session (tests/browser.py), if a test started it.
    import browser

    browser.shutdown()


@pytest.fixture(scope="session")
def catalog():
    return load_catalog(ROOT / "data")


@pytest.fixture(scope="session")
def research():
    return parse(research_file(RESEARCH))


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once with --strict into a temporary folder: once for the whole
    run, when pytest-xdist runs the tests in several processes too (the first builds it, the
    others wait for it)."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # every worker's temporary folder is in the run's
    out, done = shared / "site", shared / "site.built"
    with open(shared / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(out, ignore_errors=True)
            result = run_mkdocs(ROOT, out)
            assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
            warnings = [l for l in result.stderr.splitlines() if l.startswith("WARNING")]
            assert not warnings, "\n".join(warnings)
            done.write_text(result.stderr, encoding="utf-8")  # the build's log (site_log)
    return out


@pytest.fixture(scope="session")
def site_log(site) -> str:
    """What the build of `site` wrote to its standard error (MkDocs's log)."""
    return (site.parent / "site.built").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def served(site):
    """The built site served on loopback, and the session's browser as this module sees it
    (what the module opens is closed when it ends): (base URL, browser)."""
    from browser import launch, serve

    with serve(site) as base, launch() as browser:
        yield base, browser


@pytest.fixture(scope="session")
def html(site):
    """Parsed HTML of a built page by URL path (`en/services/x/`)."""
    cache: dict[str, BeautifulSoup] = {}

    def get(url_path: str) -> BeautifulSoup:
        if url_path not in cache:
            file = site / url_path / "index.html" if not url_path.endswith(".html") else site / url_path
            assert file.exists(), f"page not built: /{url_path}"
            # A no-break space (a number kept with its unit, bidi.py) reads as a space.
            cache[url_path] = BeautifulSoup(file.read_text(encoding="utf-8").replace("\u00a0", " "), "html.parser")
        return cache[url_path]

    return get


# What builds the site, and the research an import reads: a test's copy of the project.
PROJECT = ("mkdocs.yml", "hooks", "docs", "overrides", "data", "research")


def copy_project(target: Path, *, data: bool = True) -> Path:
    """A copy of the project at `target` to change and build (without data/ when the test
    writes its own)."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT if data else tuple(p for p in PROJECT if p != "data"):
        if (ROOT / part).is_dir():
            shutil.copytree(ROOT / part, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / part, target / part)
    return target


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project, to change and build."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of data/ for bad-data scenarios."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


@pytest.fixture
def two_processes(monkeypatch) -> list[int]:
    """Long lists go to a second process even when short (handbook/processes.py);
    the list returned counts the forks, so a test can tell that one happened."""
    from handbook import processes

    monkeypatch.setattr(processes, "AT_LEAST", 2)
    # pytest may run other threads (a test server): the fork is wanted here anyway.
    monkeypatch.setattr(processes.threading, "active_count", lambda: 1)
    forks: list[int] = []
    fork = processes.os.fork
    monkeypatch.setattr(processes.os, "fork", lambda: forks.append(1) or fork())
    return forks
