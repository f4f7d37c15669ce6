"""Page types are registered once (hooks/handbook/pagetypes.py): the generator, the MkDocs hooks and
the export take every generated page from the registry, so that a new kind of page is one renderer and
one template. The last test proves it: it adds a page type that exists only inside the test (a
template in a temporary folder, an entry added to the registry in the build's own process) and finds
the page built in both languages, in the navigation and in the export, with nothing else edited."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from handbook import urls
from handbook.generate import TEMPLATES, Generator
from handbook.pagetypes import PAGE_TYPES, DuplicatePage, PageType, one


def test_every_generated_page_is_of_one_registered_type_with_its_template(catalog):
    generator = Generator(catalog)
    claimed = [path for kind in PAGE_TYPES for path, _ in kind.pages(catalog)]
    assert generator.paths() == claimed  # the registry's order is the pages' (and the menu's) order
    assert len(claimed) == len(set(claimed))
    assert len({kind.name for kind in PAGE_TYPES}) == len(PAGE_TYPES)
    missing = [kind.template for kind in PAGE_TYPES if not (TEMPLATES / kind.template).is_file()]
    assert not missing, f"page types without their template: {missing}"
    # Each page in each language, once: its source is the language's folder and its path.
    assert [d.source for d in generator.documents()] == [f"{lang}/{p}" for lang in ("he", "en") for p in claimed]
    assert generator.document("en/services/int-calendar.md").subject.id == "int-calendar"
    assert generator.document("en/compare/rate-limits.md").subject == "rate-limits"
    assert generator.document("he/platforms/hubspot.md").subject.id == "hubspot"
    assert generator.document("en/index.md") is None  # hand-written


def test_each_type_renders_its_own_pages(catalog):
    generator = Generator(catalog)
    assert "title:" in generator.page(urls.service("int-calendar"), "en").split("---")[1]
    platform = generator.page(urls.platform("hubspot"), "en")
    assert platform.startswith("---") and "HubSpot" in platform.split("---")[1]
    with pytest.raises(KeyError):
        generator.page("nowhere.md", "en")


def test_a_path_claimed_by_two_types_stops_naming_both(catalog):
    clash = PageType("takeover", "glossary.md.j2", one(urls.service(catalog.services[0].id)))
    with pytest.raises(DuplicatePage, match=rf"^services/{catalog.services[0].id}\.md: a page of both 'service' "
                                           r"and 'takeover'"):
        Generator(catalog, page_types=[*PAGE_TYPES, clash])


_THROWAWAY = textwrap.dedent("""\
    ---
    title: {{ ("Throwaway page" if lang == "en" else "דף לרגע") | yaml_str }}
    ---

    # {{ "Throwaway page" if lang == "en" else "דף לרגע" }}

    <p class="hb-throwaway" data-lang="{{ lang }}">{{ services | length }}</p>
    """)

_BUILD = textwrap.dedent("""\
    import sys
    from pathlib import Path

    from handbook import generate, pagetypes

    # One template, in a folder of the test's own, and one renderer: nothing else.
    generate.TEMPLATES = [Path(sys.argv[1]), generate.TEMPLATES]
    pagetypes.PAGE_TYPES.append(pagetypes.PageType(
        "throwaway", "throwaway.md.j2", pagetypes.one("throwaway.md"),
        lambda book, subject, lang: {"services": book.catalog.services}))

    from handbook.catalog import load_catalog
    from handbook.export import export
    export(load_catalog(Path("data")), Path("docs"), Path(sys.argv[3]))

    from mkdocs.__main__ import cli
    sys.argv = ["mkdocs", "build", "--strict", "--site-dir", sys.argv[2]]
    cli()
    """)


def _tracked_state() -> str:
    return subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout


def test_a_new_page_type_is_one_renderer_and_one_template(tmp_path, catalog):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "throwaway.md.j2").write_text(_THROWAWAY, encoding="utf-8")
    before = _tracked_state()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_LOCAL": "1"}
    env.pop("SITE_URL", None)
    result = subprocess.run([sys.executable, "-c", _BUILD, str(templates), str(tmp_path / "site"),
                             str(tmp_path / "markdown")], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING" not in result.stderr, result.stderr[-3000:]
    count = str(len(catalog.services))
    for prefix, lang, title in (("", "he", "דף לרגע"), ("en/", "en", "Throwaway page")):
        page = BeautifulSoup((tmp_path / "site" / prefix / "throwaway" / "index.html").read_text(encoding="utf-8"),
                             "html.parser")
        assert page.select_one(".hb-throwaway").get_text() == count
        assert page.select_one(".hb-throwaway")["data-lang"] == lang
        assert page.html["lang"] == lang and page.title.get_text().startswith(title)
        # In the menu of every page of its language: the home page's, a service's.
        for other in ("", "services/int-calendar/"):
            html = (tmp_path / "site" / prefix / other / "index.html").read_text(encoding="utf-8")
            menu = BeautifulSoup(html, "html.parser").select("nav.md-nav--primary a.md-nav__link")
            assert title in [a.get_text(" ", strip=True) for a in menu], f"/{prefix}{other}: not in the menu"
        # Its Markdown twin, and the export, without MkDocs.
        assert count in (tmp_path / "site" / prefix / "throwaway" / "index.md").read_text(encoding="utf-8")
        assert count in (tmp_path / "markdown" / lang / "throwaway.md").read_text(encoding="utf-8")
    # And nothing of it stays in the repository.
    assert _tracked_state() == before
    assert not [p for folder in ("hooks", "docs", "data", "overrides") for p in (ROOT / folder).rglob("throwaway*")]
