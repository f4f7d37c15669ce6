"""The fact pages and exports as a reader and a program get them: comparisons,
platform pages, service facts, `api/v1/facts.json` and the CSVs."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import urljoin, urlparse

import pytest

from conftest import LANGS, ROOT
from handbook.factexport import FactsExport
from handbook.facttables import COLUMNS, COMPARISONS

BASE = "http://site/"


def _resolve(html, page_url: str, href: str):
    """Follow a link from a page to (page, element with the anchor or None)."""
    target = urlparse(urljoin(BASE + page_url, href))
    path = target.path.lstrip("/")
    return html(path), target.fragment


def _cell_text(td) -> str:
    # What the cell says, without the conflict marks and the review's statement beside it
    # (the parsed page is shared: no edits).
    return "".join(s for s in td.strings if not s.find_parent(class_=("hb-conflict", "hb-official-text",
                                                                       "hb-official-meta", "hb-visually-hidden"))).strip()


@pytest.mark.parametrize("lang, direction", [("he", "rtl"), ("en", "ltr")])
def test_every_fact_page_exists_in_both_languages(catalog, html, lang, direction):
    urls = ["compare/", *[f"compare/{c.id}/" for c in COMPARISONS], "platforms/",
            *[f"platforms/{p}/" for p in catalog.platforms]]
    for url in urls:
        page = html(LANGS[lang] + url)
        assert page.html["lang"] == lang and page.html["dir"] == direction, url


def test_every_fact_is_in_a_comparison_with_the_same_anchors_in_both_languages(catalog, html):
    shown = set()
    for c in COMPARISONS:
        ids = {lang: [tr["id"] for tr in html(f"{LANGS[lang]}compare/{c.id}/").select("table.hb-fact-table tbody tr")]
               for lang in LANGS}
        assert ids["he"] == ids["en"], c.id
        assert ids["he"], c.id
        shown |= set(ids["he"])
    assert shown == {f.id for f in catalog.facts}


def test_rows_link_to_the_bullets_they_come_from(catalog, html):
    facts = {f.id: f for f in catalog.facts}
    for lang in LANGS:
        for c in COMPARISONS:
            url = f"{LANGS[lang]}compare/{c.id}/"
            for tr in html(url).select("table.hb-fact-table tbody tr"):
                links = tr.select("td.hb-col-sources a")
                assert len(links) == len(facts[tr["id"]].sources), tr["id"]
                for a, source in zip(links, facts[tr["id"]].sources):
                    page, anchor = _resolve(html, url, a["href"])
                    assert anchor == source.bullet
                    bullet = page.find(id=anchor)
                    assert bullet is not None, a["href"]
                    assert source.text[lang] in bullet.select_one(".hb-text").get_text()


def test_numbers_are_shown_as_stated_and_normalized(catalog, html):
    for lang in LANGS:
        page = html(f"{LANGS[lang]}compare/rate-limits/")
        for fact in catalog.facts:
            row = page.find("tr", id=fact.id)
            if fact.kind == "rate-limit":
                assert _cell_text(row.select_one("td.hb-col-stated")) == fact.stated[lang]
        burst = page.find("tr", id="hubspot-burst-requests")
        assert burst.select_one("td.hb-col-per_minute").get_text() == "960"
        assert burst.select_one("td.hb-col-safe_per_minute").get_text() == "816"
        daily = page.find("tr", id="hubspot-daily-requests")
        assert daily.select_one("td.hb-col-per_minute").get_text() == "≈ 6.94"
        assert daily.select_one("td.hb-col-per_day").get_text() == "10,000"
        zoho = page.find("tr", id="zoho-crm-calls-per-minute")
        assert zoho.select_one("td.hb-col-per_minute").get_text() == "100–150"


def test_headers_are_in_the_page_language(html):
    for lang in LANGS:
        headers = [th.get_text().strip() for th in html(f"{LANGS[lang]}compare/auth/").select("table.hb-fact-table th")]
        expected = [COLUMNS[k].label[lang] for k in next(c for c in COMPARISONS if c.id == "auth").columns]
        assert headers == expected
    assert "פלטפורמה" in [th.get_text() for th in html("compare/auth/").select("th")]


def test_conflicts_are_marked_and_listed(html):
    for lang in LANGS:
        page = html(f"{LANGS[lang]}compare/rate-limits/")
        marks = page.find("tr", id="zoho-crm-calls-per-minute").select(".hb-conflict")
        assert [m["href"] for m in marks] == ["#zoho-crm-calls-per-minute-free", "#zoho-crm-calls-per-minute-paid"]
        # Each names the other fact by the research's words, not by its id.
        others = [page.find("tr", id=m["href"][1:]).select_one("td.hb-col-stated") for m in marks]
        assert [m.q.get_text() for m in marks] == [_cell_text(td) for td in others]
        assert page.find("tr", id="hubspot-daily-requests").select(".hb-conflict") == []
        listed = [tr["id"] for tr in html(f"{LANGS[lang]}compare/").select("#conflicts ~ .hb-table-wrap tbody tr")]
        assert sorted(listed) == ["zoho-crm-calls-per-minute", "zoho-crm-calls-per-minute-free",
                                  "zoho-crm-calls-per-minute-paid"]


def test_platform_pages_hold_the_platform_facts_services_and_link(catalog, html):
    for lang in LANGS:
        page = html(f"{LANGS[lang]}platforms/zendesk/")
        rows = [tr["id"] for tr in page.select("table.hb-fact-table tbody tr")]
        assert rows and set(rows) == {f.id for f in catalog.facts if f.platform == "zendesk"}
        assert page.select_one("a.hb-official")["href"] == catalog.platforms["zendesk"].url
        services = [a["href"] for a in page.select(".hb-platform-services a")]
        assert services == ["../../services/int-crm-support/"]
        index = html(f"{LANGS[lang]}platforms/")
        assert len(index.select("table.hb-platforms-table tbody tr")) == len(catalog.platforms)


def test_service_pages_show_their_facts_and_link_platforms(catalog, html):
    for lang in LANGS:
        url = f"{LANGS[lang]}services/int-crm-marketing/"
        page = html(url)
        rows = [tr["id"] for tr in page.select("#facts ~ .hb-table-wrap tbody tr")]
        expected = {f.id for f in catalog.facts if any(s.service == "int-crm-marketing" for s in f.sources)}
        assert set(rows) == expected and len(rows) == len(expected)
        chip = page.select_one("#crm a.hb-platform")
        target, _ = _resolve(html, url, chip["href"])
        assert target.select_one("h1").get_text().strip().rstrip("#").strip() == catalog.platforms["zoho-crm"].name[lang]


# ---------------------------------------------------------------------------
# Exports
# ---------------------------------------------------------------------------


def test_csv_exports_match_the_pages(site, html):
    for c in COMPARISONS:
        for lang in LANGS:
            url = f"{LANGS[lang]}compare/{c.id}/"
            page = html(url)
            link = page.select_one(f'a[href$="api/v1/{c.id}.{lang}.csv"]')
            assert link is not None, f"{url} does not link its CSV"
            csv_path = urlparse(urljoin(BASE + url, link["href"])).path.lstrip("/")
            rows = list(csv.reader(io.StringIO((site / csv_path).read_text(encoding="utf-8"))))
            table = page.select_one("table.hb-fact-table")
            assert rows[0] == ["id", *[th.get_text().strip() for th in table.select("thead th")]]
            body = table.select("tbody tr")
            assert [r[0] for r in rows[1:]] == [tr["id"] for tr in body]
            for r, tr in zip(rows[1:], body):
                for key, value, td in zip(c.columns, r[1:], tr.select("td")):
                    if key == "sources":
                        hrefs = [urlparse(urljoin(BASE + url, a["href"])) for a in td.select("a")]
                        assert value.split() == [f"{h.path.lstrip('/')}#{h.fragment}" for h in hrefs]
                    else:
                        assert value == _cell_text(td), (c.id, lang, r[0], key)


def test_json_export_has_its_documented_shape_and_matches_the_pages(catalog, site, html):
    data = json.loads((site / "api" / "v1" / "facts.json").read_text(encoding="utf-8"))
    export = FactsExport.model_validate(data)  # the documented shape, strictly
    assert export.version == 1
    assert [f.id for f in export.facts] == [f.id for f in catalog.facts]
    schema = json.loads((site / "api" / "v1" / "facts.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "FactsExport" and "facts" in schema["required"]
    for table in export.comparisons:
        for lang in LANGS:
            assert table.page[lang] == f"{LANGS[lang]}compare/{table.id}/"
            rows = [tr["id"] for tr in html(table.page[lang]).select("table.hb-fact-table tbody tr")]
            assert table.facts == rows
            assert (site / table.csv[lang]).exists()
    burst = next(f for f in export.facts if f.id == "hubspot-burst-requests")
    assert burst.normalized.per_minute.min == 960 and burst.platform.id == "hubspot"
    assert burst.sources[0].url.en == "en/services/int-crm-marketing/#platform-rate-limits"
    zoho = next(f for f in export.facts if f.id == "zoho-crm-calls-per-minute")
    assert zoho.conflicts_with == ["zoho-crm-calls-per-minute-free", "zoho-crm-calls-per-minute-paid"]


def test_exports_are_written_once_into_the_site_never_into_docs(site):
    assert (site / "api" / "v1" / "facts.json").exists()
    assert not (site / "en" / "api").exists()
    assert not (ROOT / "docs" / "api").exists() and not list((ROOT / "docs").rglob("*.csv"))
