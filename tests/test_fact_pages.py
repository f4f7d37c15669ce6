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
from handbook.strings import STRINGS
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


def _lines(td) -> list[str]:
    return [" ".join(l.select_one(".hb-figure, .hb-statement").get_text().split()) for l in td.select(".hb-line")]


def test_the_official_figure_leads_with_the_research_beside_it(catalog, html):
    # HubSpot's burst limit: the research says 160 per 10 s (wrong); the vendor gives a figure per tier.
    for lang, words, research in (("en", "The research says", "Wrong"), ("he", "במחקר", "שגוי")):
        page = html(f"{LANGS[lang]}compare/rate-limits/")
        for fact in catalog.facts:
            if fact.kind == "rate-limit":
                row = page.find("tr", id=fact.id)
                said = row.select_one("td.hb-col-answer .hb-research").get_text()
                assert said.startswith(f"{words}: «{fact.stated[lang]}»"), fact.id  # visible, labelled
        burst = page.find("tr", id="hubspot-burst-requests").select_one("td.hb-col-answer")
        lines = burst.select(".hb-line")
        assert [l["data-plan"] for l in lines][:2] == ["hubspot.free hubspot.starter",
                                                       "hubspot.professional hubspot.enterprise"]
        assert research in burst.select_one(".hb-research").get_text()
        per_10s = {"en": "100 requests per 10 seconds", "he": "100 בקשות לכל 10 שניות"}[lang]
        assert _lines(burst)[0] == per_10s
        assert lines[0].select_one(".hb-plan").get_text() == "HubSpot · Free, Starter"  # the plan with its vendor
        # Per minute, per day and the 85% safe rate come from the answer, never from 160 per 10 s.
        rate = " ".join(lines[0].select_one(".hb-rate").get_text().split())
        assert "600" in rate and "864,000" in rate and "510" in rate
        assert "960" not in burst.get_text() and "1,382,400" not in burst.get_text() and "816" not in burst.get_text()
        assert "1,140" in lines[1].select_one(".hb-rate").get_text()


def test_no_figure_is_computed_from_a_claim_known_to_be_wrong(catalog, html):
    from handbook.facttables import FactBook
    book = FactBook(catalog)
    for lang in LANGS:
        for c in COMPARISONS:
            page = html(f"{LANGS[lang]}compare/{c.id}/")
            for row in book.comparison(c.id).rows:
                if not row.discredited:
                    continue
                td = page.find("tr", id=row.id).select_one("td.hb-col-answer")
                # Every line is the vendor's (a figure or the statement), each computed value from it.
                assert td.select(".hb-line") and all("hb-line-official" in l["class"] for l in td.select(".hb-line"))
                for q in (row.fact.per_minute, row.fact.per_day, row.fact.safe_per_minute):
                    if q is not None:
                        from handbook.figures import span
                        for l in td.select(".hb-rate"):
                            assert span(q) not in l.get_text().split(), (row.id, span(q))


def test_every_wrong_outdated_or_imprecise_fact_shows_the_official_answer_in_its_row(catalog, html):
    from handbook.facttables import FactBook
    book = FactBook(catalog)
    rows = [r for r in book.rows if r.status in ("wrong", "outdated", "imprecise")]
    assert len(rows) >= 30
    pages = [f"compare/{c.id}/" for c in COMPARISONS] + [f"platforms/{p}/" for p in catalog.platforms]
    for lang in LANGS:
        for url in pages:
            page = html(LANGS[lang] + url)
            for row in rows:
                tr = page.find("tr", id=row.id)
                if tr is None:
                    continue
                lines = tr.select("td.hb-col-answer .hb-line")
                assert lines and all("hb-line-official" in l["class"] for l in lines), (url, row.id)
                # Visible without opening anything: not inside a <details>.
                assert not any(l.find_parent("details") for l in lines)


def test_kinds_are_shown_as_they_are(html):
    page = html("en/compare/rate-limits/")
    quota = _lines(page.find("tr", id="quickbooks-monthly-calls").select_one("td.hb-col-answer"))
    assert quota[0] == "500,000 calls per month"  # a monthly quota, not ≈ 11.6 a minute
    tiers = page.find("tr", id="whatsapp-tier-1-messages").select_one("td.hb-col-answer")
    assert _lines(tiers)[0] == "250 unique recipients per 24 hours" and not tiers.select(".hb-rate")
    mailchimp = _lines(page.find("tr", id="mailchimp-rate-limit").select_one("td.hb-col-answer"))
    assert "10 simultaneous connections" in mailchimp
    tokens = html("en/compare/auth/")
    qb = _lines(tokens.find("tr", id="quickbooks-access-token-lifetime").select_one("td.hb-col-answer"))
    assert qb[0] == "1 hour" and "100 days" in qb and "15,552,000" not in tokens.get_text()
    sizes = _lines(html("en/compare/limits/").find("tr", id="whatsapp-image-size").select_one("td.hb-col-answer"))
    assert sizes == ["5 MB"]


def test_headers_are_in_the_page_language(html):
    for lang in LANGS:
        headers = [th.get_text().strip() for th in html(f"{LANGS[lang]}compare/auth/").select("table.hb-fact-table th")]
        expected = [COLUMNS[k].label[lang] for k in next(c for c in COMPARISONS if c.id == "auth").columns]
        assert headers == expected
    assert "פלטפורמה" in [th.get_text() for th in html("compare/auth/").select("th")]


def test_a_range_does_not_conflict_with_its_endpoints(html):
    for lang in LANGS:
        page = html(f"{LANGS[lang]}compare/rate-limits/")
        assert page.find("tr", id="zoho-crm-calls-per-minute").select(".hb-conflict") == []
        assert html(f"{LANGS[lang]}compare/").select("#conflicts ~ .hb-table-wrap tbody tr") == []


def test_platform_pages_hold_the_platform_facts_services_and_link(catalog, html):
    for lang in LANGS:
        page = html(f"{LANGS[lang]}platforms/zendesk/")
        rows = [tr["id"] for tr in page.select("table.hb-fact-table tbody tr")]
        # Its own facts, and the general fact whose review gives Zendesk's API limits per plan.
        general = "typical-requests-per-minute"
        assert rows and set(rows) == {f.id for f in catalog.facts if f.platform == "zendesk"} | {general}
        plans = [l.get_text() for l in page.select(f"#{general} .hb-plan")]
        assert plans[0] == "Zendesk · Suite Team" and all(p.startswith("Zendesk · ") for p in plans), plans
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
            rows = list(csv.reader(io.StringIO((site / csv_path).read_text(encoding="utf-8-sig"))))
            table = page.select_one("table.hb-fact-table")
            t = STRINGS[lang]
            extra = [COLUMNS[k].label[lang] for k in ("stated", "per_minute", "per_day", "safe_per_minute")]
            assert rows[0] == [t["csv_id"], *[th.get_text().strip() for th in table.select("thead th")],
                               COLUMNS["plan"].label[lang], t["csv_scope"], t["csv_note"], *extra, t["csv_status"]]
            body = table.select("tbody tr")
            # A row per figure of the answer: the page's rows, in order, each once or more.
            assert list(dict.fromkeys(r[0] for r in rows[1:])) == [tr["id"] for tr in body]
            by_id = {tr["id"]: tr for tr in body}
            for fact_id in by_id:
                tr, mine = by_id[fact_id], [r for r in rows[1:] if r[0] == fact_id]
                tds = tr.select("td")
                for i, key in enumerate(c.columns):
                    values = [r[1 + i] for r in mine]
                    td = tds[i]
                    if key == "sources":
                        hrefs = [urlparse(urljoin(BASE + url, a["href"])) for a in td.select("a")]
                        assert all(v.split() == [f"{h.path.lstrip('/')}#{h.fragment}" for h in hrefs] for v in values)
                    elif key == "answer":
                        # One figure per cell, every line of the page's cell, in its order.
                        assert [" ".join(v.split()) for v in values] == _lines(td) or not _lines(td), (c.id, lang, fact_id)
                    elif key != "review":
                        assert set(values) == {_cell_text(td)}, (c.id, lang, fact_id, key)


def test_json_export_has_its_documented_shape_and_matches_the_pages(catalog, site, html):
    data = json.loads((site / "api" / "v1" / "facts.json").read_text(encoding="utf-8"))
    export = FactsExport.model_validate(data)  # the documented shape, strictly
    assert export.version == 3 and "3 (2026-12)" in json.loads(
        (site / "api" / "v1" / "facts.schema.json").read_text(encoding="utf-8"))["description"]
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
    # The research's 160 per 10 s is wrong: it feeds nothing; the answer is the vendor's, per tier.
    assert burst.normalized.per_minute is None and burst.platform.id == "hubspot"
    assert burst.answer.official and burst.answer.figures[0].normalized.per_minute.min == 600
    assert [p.id for p in burst.answer.figures[0].plans] == ["free", "starter"]
    assert burst.answer.figures[0].platform == "hubspot" and burst.answer.figures[0].measure == "rate"
    assert burst.sources[0].url.en == "en/services/int-crm-marketing/#platform-rate-limits"
    quota = next(f for f in export.facts if f.id == "quickbooks-monthly-calls")
    assert quota.answer.figures[0].measure == "quota" and quota.answer.figures[0].normalized.per_minute is None
    assert next(f for f in export.facts if f.id == "zoho-crm-calls-per-minute").conflicts_with == []
    assert export.changes and any(c.coming for c in export.changes) and any(not c.coming for c in export.changes)


def test_exports_are_written_once_into_the_site_never_into_docs(site):
    assert (site / "api" / "v1" / "facts.json").exists()
    assert not (site / "en" / "api").exists()
    assert not (ROOT / "docs" / "api").exists() and not list((ROOT / "docs").rglob("*.csv"))
