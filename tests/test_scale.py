"""A catalog larger than today's: the synthetic data `make bench` builds from is
valid, and on a site of many services the navigation stays short while every
service stays reachable."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, run_mkdocs
from handbook import bidi
from handbook.catalog import load_catalog
from handbook.models import SECTIONS
from handbook.synthetic import SECTION_SIZES, synthetic, write

SERVICES = 23  # three groups of the navigation, the last one short


def test_synthetic_data_passes_validation_with_the_shape_of_the_research(tmp_path):
    write(synthetic(12), tmp_path / "data")
    catalog = load_catalog(tmp_path / "data")
    assert [s.number for s in catalog.services] == list(range(1, 13))
    assert len(catalog.platforms) >= 30 and catalog.takeaways.groups
    for service in catalog.services:
        for key in SECTIONS:
            least, most = SECTION_SIZES[key]
            assert least <= len(service.section(key)) <= most, (service.id, key)
        for _, item in service.bullets():
            assert bidi.has_hebrew(item.he) and not bidi.has_hebrew(item.en), item
        assert any(system.platforms for system in service.systems), service.id
    # takeaways point at bullets of most services, and the bullets' terms are in the glossary
    linked = {a.service.id for lt in catalog.takeaway_links.takeaways for a in lt.applications}
    assert len(linked) == 12
    assert all(lt.applications or lt.unmatched for lt in catalog.takeaway_links.takeaways)
    assert {"oauth-2-0", "webhook", "hmac-sha256"} <= {t.id for t in catalog.glossary.terms}
    # each service states limits of its platforms, as typed facts that cite them
    assert len(catalog.facts) == 3 * 12
    assert {f.kind for f in catalog.facts} == {"rate-limit", "size-limit"}
    # The same seed gives the same catalog, so runs of the benchmark compare.
    assert synthetic(3) == synthetic(3) and synthetic(3, seed=1) != synthetic(3)


@pytest.fixture(scope="module")
def large_site(tmp_path_factory) -> Path:
    """The project with a synthetic catalog of SERVICES services, built strictly."""
    work = tmp_path_factory.mktemp("large")
    project = copy_project(work / "project", data=False)
    write(synthetic(SERVICES), project / "data")
    result = run_mkdocs(project, work / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return work / "site"


def _page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def _nav_services(page: BeautifulSoup) -> list[int]:
    # Numbers of the services the navigation links to ("13. Synthetic service 13").
    links = page.select("nav.md-nav--primary a.md-nav__link")
    return [int(m[1]) for a in links if (m := re.match(r"\s*(\d+)\.", a.get_text()))]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_a_long_section_lists_its_index_and_the_full_list_the_same_on_every_page(large_site, prefix):
    # A window of ten around the current service changed from page to page and hid the
    # rest: every page lists no service, and one way to all of them, the index.
    from handbook.languages import of_url
    from handbook.strings import STRINGS

    label = STRINGS[of_url(prefix).code]["nav_full_list"].format(n=SERVICES)
    for service in ("synthetic-0013", "synthetic-0001", "synthetic-0023"):
        page = _page(large_site, f"{prefix}services/{service}/")
        nav = page.select_one("nav.md-nav--primary")
        assert _nav_services(page) == []
        full = [a for a in nav.select("a.md-nav__link") if " ".join(a.get_text().split()) == label]
        assert [a["href"] for a in full] == ["../"], service  # the services index


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_service_is_reachable_from_the_index_the_home_table_and_the_footer(large_site, prefix):
    expected = [f"synthetic-{n:04d}" for n in range(1, SERVICES + 1)]
    home = _page(large_site, prefix)
    assert _nav_services(home) == []  # the home page's navigation names no service...
    assert any(a["href"] == "services/" for a in home.select("nav.md-nav--primary a.md-nav__link"))
    # ... its table and the services index list them all,
    assert [a["href"] for a in home.select("table.hb-services a")] == [f"services/{s}/" for s in expected]
    index = _page(large_site, f"{prefix}services/")
    assert [a["href"] for a in index.select("table.hb-services a")] == [f"{s}/" for s in expected]
    # ... and the footer's next link walks the whole catalog in order.
    walked, url = [], f"{prefix}services/synthetic-0001/"
    while url.rstrip("/").endswith(tuple(expected)):
        walked.append(url.rstrip("/").rsplit("/", 1)[-1])
        nxt = _page(large_site, url).select_one("a.md-footer__link--next")
        url = posixpath.normpath(posixpath.join(url, nxt["href"])) + "/" if nxt else ""
    assert walked == expected


def test_the_brief_finds_the_platforms_a_bullet_names_by_its_words_as_by_every_pattern(tmp_path):
    # The brief tries only the platforms a bullet's words may name (brief.Words): the same
    # answer as trying every platform's pattern, on the real data and on a synthetic catalog.
    from handbook.brief import Words, name_pattern, named_platforms

    write(synthetic(40), tmp_path / "data")
    for catalog in (load_catalog(ROOT / "data"), load_catalog(tmp_path / "data")):
        platforms = list(catalog.platforms.values())
        patterns = {p.id: name_pattern(p) for p in platforms}
        words = Words(platforms)
        texts = [t for s in catalog.services for _, item in s.bullets() for t in (item.he, item.en or "")]
        texts += ["Microsoft: Azure AD app registration", "Google: enable the API"]
        named = 0
        for text in texts:
            every = named_platforms(text, patterns)
            assert named_platforms(text, patterns, words) == every, text
            named += bool(every)
        assert named > 100  # the check compares names found, not only empty lists
