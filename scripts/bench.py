"""How fast the site builds and how light its pages are: `make bench`.

For the real data and for synthetic catalogs of N services (`handbook.synthetic`),
the project is copied into a temporary folder and built with
`mkdocs build --strict`, as a user builds it, several times; the table gives the
medians. Then, on the real data: the live reload delay (`mkdocs serve` running,
a YAML file saved, seconds until the changed page is served) and the weight of
a service page's first view in Debian's Chromium (gzip sizes, as GitHub Pages
serves text). Timings depend on the machine and on what else runs on it; this is
a measuring tool, not a test.

Usage: python scripts/bench.py [--sizes 10,100,1000] [--runs 3] [--skip real,reload,weight]
                               [--project OTHER_CHECKOUT]
       python scripts/bench.py --profile 100     (cProfile of one build, top functions)
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import pstats
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tests"))

import yaml  # noqa: E402

from handbook import synthetic, yamlio  # noqa: E402

# What the project needs to build: copied, never touched in place.
PROJECT = ("mkdocs.yml", "docs", "hooks", "overrides")
TEXT_TYPES = ("text/", "javascript", "json", "svg", "xml")

# The targets on a 2-core machine.
TARGET_REAL_BUILD = 3.0  # seconds
TARGET_GROWTH = 11.0  # t(1000) / t(100)
TARGET_1000_WALL = 60.0  # seconds
TARGET_1000_MEMORY = 1024.0  # MB
TARGET_RELOAD = 3.0  # seconds
TARGET_FIRST_VIEW = 150.0  # KB, gzip


# ---------------------------------------------------------------------------
# Builds
# ---------------------------------------------------------------------------


@dataclass
class Build:
    label: str
    services: int
    pages: int
    wall: float  # medians over the runs
    cpu: float
    memory_mb: float  # the largest of the runs
    search: dict[str, int]  # bytes: "all" (the file a page loads), its "gzip", and per language


def _env(project: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(project / "hooks"), "NO_MKDOCS_2_WARNING": "1"}


def make_project(folder: Path, services: int | None, source_root: Path = ROOT) -> Path:
    """A copy of the project in `folder`; synthetic data when `services` is given."""
    project = folder / "project"
    for name in PROJECT:
        source = source_root / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            project.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, project / name)
    if services is None:
        shutil.copytree(source_root / "data", project / "data")
    else:
        synthetic.write(synthetic.synthetic(services), project / "data")
    return project


def build_once(project: Path, site: Path) -> tuple[float, float, float]:
    """One strict build in a child process: wall s, CPU s, peak memory MB."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=project, env=_env(project), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    stderr = child.stderr.read()
    if child.returncode != 0 or "WARNING" in stderr:
        raise SystemExit(f"the build failed ({project}):\n{stderr}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(label: str, services: int | None, runs: int, work: Path, source_root: Path = ROOT) -> Build:
    project = make_project(work / label, services, source_root)
    site = work / label / "site"
    results = [build_once(project, site) for _ in range(runs)]
    return Build(
        label=label,
        services=len(list((project / "data" / "services").glob("*.yaml"))),
        pages=sum(1 for _ in site.rglob("*.html")),
        wall=statistics.median(r[0] for r in results),
        cpu=statistics.median(r[1] for r in results),
        memory_mb=max(r[2] for r in results),
        search=search_index_sizes(site),
    )


def search_index_sizes(site: Path) -> dict[str, int]:
    # mkdocs-static-i18n writes one index for both languages; its share per
    # language is what a per-language index would weigh.
    path = site / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    sizes = {"all": path.stat().st_size, "gzip": len(gzip.compress(path.read_bytes(), 6))}
    for lang, keep in (("he", lambda loc: not loc.startswith("en/")), ("en", lambda loc: loc.startswith("en/"))):
        part = {**index, "docs": [d for d in index["docs"] if keep(d["location"])]}
        sizes[lang] = len(json.dumps(part, sort_keys=True, separators=(",", ":")).encode())
    return sizes


# ---------------------------------------------------------------------------
# Live reload
# ---------------------------------------------------------------------------


def live_reload(work: Path, source_root: Path = ROOT, trials: int = 3) -> list[float]:
    """Seconds from saving a service's YAML to its changed page being served."""
    project = make_project(work / "serve", None, source_root)
    port = _free_port()
    child = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=_env(project), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    file = project / "data" / "services" / "int-calendar.yaml"
    url = f"http://127.0.0.1:{port}/en/services/int-calendar/"
    try:
        _wait_for(url, lambda body: "int-calendar" in body, timeout=120)
        delays = []
        for trial in range(1, trials + 1):
            time.sleep(1.5)  # let the watcher settle
            token = f"reload-check-{trial}-{time.time_ns()}"
            raw = yaml.safe_load(file.read_text(encoding="utf-8"))
            raw["summary"]["en"] = f"{raw['summary']['en']} {token}"
            start = time.perf_counter()
            yamlio.write(file, raw, "../schema/service.schema.json")
            _wait_for(url, lambda body: token in body, timeout=60)
            delays.append(time.perf_counter() - start)
        return delays
    finally:
        child.terminate()
        child.wait(timeout=30)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, ready, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if ready(response.read().decode("utf-8", "replace")):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"timed out waiting for {url}")


# ---------------------------------------------------------------------------
# Page weight
# ---------------------------------------------------------------------------


def first_view(site: Path, paths: list[str]) -> dict[str, dict[str, int]]:
    """Per page: bytes transferred by its first view, by kind, gzip for text."""
    from browser import launch, serve

    out = {}
    with serve(site) as base, launch() as browser:
        for path in paths:
            context = browser.new_context(viewport={"width": 390, "height": 844})
            page = context.new_page()
            responses = []
            page.on("response", lambda response: responses.append(response))
            page.goto(f"{base}/{path}")
            page.wait_for_load_state("networkidle")
            page.evaluate("document.fonts.ready")
            sizes: dict[str, int] = {}
            for response in responses:
                if response.status != 200:
                    continue
                body = response.body()
                kind = response.headers.get("content-type", "")
                text = any(t in kind for t in TEXT_TYPES)
                name = response.url.rsplit("/", 1)[-1] or "index.html"
                key = "search index" if name == "search_index.json" else _kind(name)
                sizes[key] = sizes.get(key, 0) + (len(gzip.compress(body, 6)) if text else len(body))
            out[path] = sizes
            context.close()
    return out


def _kind(name: str) -> str:
    for suffix, kind in ((".html", "HTML"), (".css", "CSS"), (".js", "JavaScript"), (".woff2", "fonts")):
        if name.endswith(suffix):
            return kind
    return "other"


# ---------------------------------------------------------------------------
# Profile
# ---------------------------------------------------------------------------


def profile(services: int, work: Path, source_root: Path = ROOT, top: int = 25) -> None:
    project = make_project(work / "profile", services, source_root)
    out = work / "build.prof"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "mkdocs", "build", "--strict",
                    "--quiet", "--site-dir", str(work / "profile-site")], cwd=project, env=_env(project), check=True)
    stats = pstats.Stats(str(out))
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def _kb(n: float) -> str:
    return f"{n / 1024:.0f}"


def report(builds: list[Build], runs: int) -> None:
    print(f"\nStrict builds, both languages, median of {runs} runs (peak memory: largest run)\n")
    print("| data | services | pages | wall s | CPU s | peak MB | ms/page | search index KB: loaded, gzip (he part / en part) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for b in builds:
        print(f"| {b.label} | {b.services} | {b.pages} | {b.wall:.2f} | {b.cpu:.2f} | {b.memory_mb:.0f} | "
              f"{1000 * b.wall / b.pages:.1f} | {_kb(b.search['all'])}, {_kb(b.search['gzip'])} "
              f"({_kb(b.search['he'])} / {_kb(b.search['en'])}) |")
    by_n = {b.services: b for b in builds if b.label != "real"}
    if 100 in by_n and 1000 in by_n:
        print(f"\ngrowth t(1000)/t(100): wall {by_n[1000].wall / by_n[100].wall:.1f}, "
              f"CPU {by_n[1000].cpu / by_n[100].cpu:.1f} (linear: 10)")


def targets(builds: list[Build], reload: list[float] | None, weight: dict | None) -> None:
    print("\nTargets")
    by = {b.label: b for b in builds}
    checks = []
    if "real" in by:
        checks.append((f"real site's strict build {by['real'].wall:.2f} s", by["real"].wall <= TARGET_REAL_BUILD,
                       f"<= {TARGET_REAL_BUILD} s"))
    if "100" in by and "1000" in by:
        growth = by["1000"].wall / by["100"].wall
        checks.append((f"growth t(1000)/t(100) {growth:.1f}", growth <= TARGET_GROWTH, f"<= {TARGET_GROWTH}"))
    if "1000" in by:
        b = by["1000"]
        checks.append((f"1,000 services {b.wall:.1f} s, {b.memory_mb:.0f} MB",
                       b.wall <= TARGET_1000_WALL and b.memory_mb <= TARGET_1000_MEMORY,
                       f"<= {TARGET_1000_WALL:.0f} s and {TARGET_1000_MEMORY:.0f} MB"))
    if reload:
        median = statistics.median(reload)
        checks.append((f"live reload {median:.2f} s (trials: {', '.join(f'{d:.2f}' for d in reload)})",
                       median <= TARGET_RELOAD, f"<= {TARGET_RELOAD} s"))
    if weight:
        for path, sizes in weight.items():
            total = sum(v for k, v in sizes.items() if k != "search index")
            parts = ", ".join(f"{k} {_kb(v)}" for k, v in sorted(sizes.items()) if k != "search index")
            checks.append((f"/{path} first view {_kb(total)} KB ({parts})", total / 1024 <= TARGET_FIRST_VIEW,
                           f"<= {TARGET_FIRST_VIEW:.0f} KB"))
            if "search index" in sizes:
                lang_only = "real" in by and by["real"].search["all"] < max(by["real"].search["he"], by["real"].search["en"]) * 1.2
                checks.append((f"/{path} loads the search index: {_kb(sizes['search index'])} KB gzip, "
                               f"{'own language only' if lang_only else 'both languages'}", lang_only, "own language only"))
    for what, ok, target in checks:
        print(f"  [{'ok' if ok else 'MISSED'}] {what} (target {target})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000", help="synthetic catalog sizes (comma-separated)")
    parser.add_argument("--runs", type=int, default=3, help="builds per data set (the median is shown)")
    parser.add_argument("--skip", default="", help="comma-separated: real, reload, weight")
    parser.add_argument("--project", type=Path, default=ROOT,
                        help="measure another checkout of the project, e.g. the commit before a change")
    parser.add_argument("--profile", type=int, metavar="N", help="profile one build of N synthetic services")
    args = parser.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as tmp:
        work = Path(tmp)
        if args.profile:
            profile(args.profile, work, args.project.resolve())
            return 0
        builds = []
        for label, n in ([] if "real" in skip else [("real", None)]) + [
                (str(n), n) for n in map(int, filter(None, args.sizes.split(",")))]:
            print(f"building {label} ...", file=sys.stderr, flush=True)
            builds.append(measure(label, n, args.runs, work, args.project.resolve()))
        report(builds, args.runs)
        reload = None if "reload" in skip else live_reload(work, args.project.resolve())
        weight = None
        if "weight" not in skip and "real" not in skip:
            weight = first_view(work / "real" / "site", ["services/int-calendar/", "en/services/int-calendar/"])
        targets(builds, reload, weight)
    return 0


if __name__ == "__main__":
    sys.exit(main())
