"""Review data: every checked claim shows its status and the official statement
beside the research (service pages, comparison rows, exports, both languages);
the review page lists what is not verified and flags old checks; bad review data
stops with file and place."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter

import pytest
import yaml

from browser import launch, serve
from conftest import FACT_CHECK, LANGS, research_file
from handbook.catalog import DataError, load_catalog
from handbook.generate import Generator
from handbook.reviews import STATUSES
from handbook.strings import STRINGS

VERDICT = {"correct": "verified"}


def _norm(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------------------
# The data matches the fact-check it starts from
# ---------------------------------------------------------------------------


def test_every_claim_of_the_fact_check_is_recorded_with_its_verdict(catalog):
    checked = yaml.safe_load(research_file(FACT_CHECK).read_text(encoding="utf-8"))
    assert len(checked) == len(catalog.reviews) == 21
    for claim, review in zip(checked, catalog.reviews):
        assert review.claim == claim["claim"]
        assert review.status == VERDICT.get(claim["verdict"], claim["verdict"]), review.id
        assert _norm(review.official.en) == _norm(claim["official"]), review.id
        assert review.sources == claim["sources"], review.id
        assert review.changed == claim.get("changed_on"), review.id
        assert {b.service for b in review.bullets} >= set(claim["services"]), review.id
    assert {s: n for s, n in _counts(catalog).items()} == {
        "verified": 9, "imprecise": 1, "outdated": 3, "wrong": 6, "unverified": 2}


def _counts(catalog):
    return {s: sum(r.status == s for r in catalog.reviews) for s in STATUSES}


def test_the_hebrew_statement_keeps_every_number_of_the_english(catalog):
    def numbers(text):
        return Counter(re.findall(r"\d+(?:[.,]\d+)*", text))
    for r in catalog.reviews:
        he, en = numbers(r.official.he), numbers(r.official.en)
        assert not he - en, r.id
        # "1 hour" reads "שעה אחת": a one may be a word.
        assert set((en - he).elements()) <= {"1"}, r.id


# ---------------------------------------------------------------------------
# Service pages
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_reviewed_bullet_shows_its_status_and_the_official_statement(catalog, html, lang):
    t = STRINGS[lang]
    shown = 0
    for review in catalog.reviews:
        for ref in review.bullets:
            url = "takeaways/" if ref.service == "takeaways" else f"services/{ref.service}/"
            page = html(LANGS[lang] + url)
            li = page.find("li", id=ref.bullet)
            assert li is not None, f"{url}#{ref.bullet}"
            notes = [n for n in li.select(".hb-official")
                     if _norm(review.official[lang]) in _norm(n.select_one(".hb-official-text").get_text())]
            assert notes, f"/{LANGS[lang]}{url}#{ref.bullet}: no official statement of {review.id}"
            note = notes[0]
            assert note.select_one(".hb-review").get_text() == f"{t['review_status']}: {t['status_' + review.status]}"
            # The research text is still there, verbatim, and comes before the review.
            assert li.select_one(".hb-text").get_text() == _bullet(catalog, ref)[lang]
            assert [a["href"] for a in note.select("a.hb-official-source")] == review.sources
            assert note.find("time")["datetime"] == review.checked.isoformat()
            # Wrong and outdated: shown open; the others one click away.
            assert (note.name == "div") == (review.status in ("wrong", "outdated")), review.id
            shown += 1
    assert shown == sum(len(r.bullets) for r in catalog.reviews) == 31


def _bullet(catalog, ref):
    if ref.service == "takeaways":
        return next(tk for g in catalog.takeaways.groups for tk in g.takeaways if tk.id == ref.bullet)
    return next(i for _, i in catalog.service(ref.service).items() if i.id == ref.bullet)


def test_a_bullet_nobody_reviewed_has_no_badge(html):
    li = html("services/int-crm-marketing/").find("li", id="hubspot-oauth-token-management")
    assert li.select(".hb-review") == []


def test_a_correction_names_the_vendor_change_date(html):
    li = html("en/services/whatsapp-api-setup/").find("li", id="messaging-tier-rate-limits")
    assert "Vendor changed it on 2025-10-07" in _norm(li.select_one(".hb-correction").get_text())
    li = html("services/whatsapp-api-setup/").find("li", id="messaging-tier-rate-limits")
    assert "הספק שינה ב-2025-10-07" in _norm(li.select_one(".hb-correction").get_text())


# ---------------------------------------------------------------------------
# Tables and exports
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_fact_rows_show_their_review_status(catalog, html, lang):
    t = STRINGS[lang]
    page = html(LANGS[lang] + "compare/rate-limits/")
    by_fact = {f: r for r in catalog.reviews for f in r.facts}
    rows = page.select("#table-rate-limits tbody tr")
    assert rows
    for tr in rows:
        review = by_fact.get(tr["id"])
        status = review.status if review else "unreviewed"
        assert tr["data-review"] == status
        cell = tr.select_one("td.hb-col-review")
        assert cell.select_one(".hb-review").get_text().endswith(t["status_" + status])
        if review:
            assert _norm(review.official[lang]) in _norm(cell.select_one(".hb-official-text").get_text())
    assert {tr["data-review"] for tr in rows} >= {"wrong", "outdated", "unreviewed"}


def test_every_reviewed_fact_is_in_a_comparison(catalog, html):
    seen = set()
    for c in ("rate-limits", "auth", "webhooks", "limits"):
        for tr in html(f"en/compare/{c}/").select("tbody tr[data-review]"):
            if tr["data-review"] != "unreviewed":
                seen.add(tr["id"])
    assert seen == {f for r in catalog.reviews for f in r.facts}


def test_the_json_export_carries_the_review_data(catalog, site):
    data = json.loads((site / "api/v1/facts.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert [r["id"] for r in data["reviews"]] == [r.id for r in catalog.reviews]
    facts = {f["id"]: f for f in data["facts"]}
    qb = facts["quickbooks-access-token-lifetime"]
    assert qb["review_status"] == "wrong"
    assert qb["review"]["official"]["en"].startswith("QuickBooks Online access tokens expire after 1 hour")
    assert qb["review"]["checked"] == "2026-11-27"
    assert facts["whatsapp-tier-1-messages"]["review"]["changed"] == "2025-10-07"
    assert facts["hubspot-oauth"]["review_status"] == "unreviewed" and facts["hubspot-oauth"]["review"] is None
    schema = json.loads((site / "api/v1/facts.schema.json").read_text(encoding="utf-8"))
    assert "reviews" in schema["properties"] and "ReviewRecord" in schema["$defs"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_csv_has_the_status_column(site, lang):
    text = (site / f"api/v1/rate-limits.{lang}.csv").read_text(encoding="utf-8")
    header, *rows = text.splitlines()
    assert ("בדיקה" if lang == "he" else "Review") in header.split(",")
    hubspot = next(r for r in rows if r.startswith("hubspot-burst-requests,"))
    assert STRINGS[lang]["status_wrong"] in hubspot


def test_the_verified_only_filter_in_a_browser(site):
    with serve(site) as base, launch() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{base}/en/compare/limits/")
        box = page.get_by_label("Verified facts only")
        visible = "rows => rows.filter(r => !r.hidden).map(r => r.getAttribute('data-review'))"
        before = page.eval_on_selector_all("#table-limits tbody tr", visible)
        assert set(before) > {"verified"}
        box.check()
        after = page.eval_on_selector_all("#table-limits tbody tr", visible)
        assert after and set(after) == {"verified"}
        assert page.locator(".hb-filter output").first.text_content().startswith(f"{len(after)} / {len(before)}")
        box.uncheck()
        assert len(page.eval_on_selector_all("#table-limits tbody tr", visible)) == len(before)


# ---------------------------------------------------------------------------
# The review page
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_review_page_counts_and_lists_what_is_not_verified(catalog, html, lang):
    page = html(LANGS[lang] + "review/")
    counts = {s["data-status"]: int(s["data-count"]) for s in page.select(".hb-review-counts .hb-count")}
    assert counts == {**_counts(catalog), "unreviewed": sum(
        not any(f.id in r.facts for r in catalog.reviews) for f in catalog.facts)}
    todo = page.select("#table-review-todo tbody tr")
    assert [tr["id"] for tr in todo] == [r.id for r in catalog.reviews if r.status != "verified"]
    assert len(todo) == 12
    for tr, review in zip(todo, (r for r in catalog.reviews if r.status != "verified")):
        assert _norm(review.official[lang]) in _norm(tr.get_text())
    unreviewed = [li["data-fact"] for li in page.select(".hb-unreviewed li")]
    assert "hubspot-oauth" in unreviewed and "quickbooks-access-token-lifetime" not in unreviewed


def _review_page(catalog, today: dt.date, lang="en") -> str:
    return Generator(catalog, today=today).page("review.md", lang)


def test_old_checks_are_flagged_stale_oldest_first(catalog):
    from bs4 import BeautifulSoup
    import dataclasses
    older = catalog.reviews[5].model_copy(update={"checked": dt.date(2025, 1, 2)})
    mixed = dataclasses.replace(catalog, reviews=(older, *catalog.reviews[:5], *catalog.reviews[6:]))
    page = BeautifulSoup(_review_page(mixed, dt.date(2026, 11, 27)), "html.parser")
    rows = page.select("#table-review-age tbody tr")
    assert rows[0]["data-review-id"] == older.id and "hb-stale" in rows[0]["class"]
    assert rows[0].select_one(".hb-stale-flag").get_text() == "stale"
    assert rows[0].select("td")[1].get_text() == str((dt.date(2026, 11, 27) - dt.date(2025, 1, 2)).days)
    assert not any("hb-stale" in (r.get("class") or []) for r in rows[1:])
    # The same data, 181 days after the checks: every check is stale.
    later = BeautifulSoup(_review_page(mixed, dt.date(2026, 11, 27) + dt.timedelta(days=181)), "html.parser")
    assert len(later.select("#table-review-age tr.hb-stale")) == 21
    exactly = BeautifulSoup(_review_page(catalog, dt.date(2026, 11, 27) + dt.timedelta(days=180)), "html.parser")
    assert exactly.select("#table-review-age tr.hb-stale") == []


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------


def _problems(data, change) -> list[str]:
    path = data / "reviews.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc["reviews"])
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_catalog(data)
    return err.value.problems


def test_bad_shapes_are_reported_with_file_and_place(data_copy):
    def change(reviews):
        reviews[3]["status"] = "correct"
        reviews[4]["checked"] = "2026-13-01"
        reviews[5]["sources"] = []
        reviews[6]["changed"] = "2027-01-01"
        del reviews[7]["official"]["he"]
    found = _problems(data_copy, change)
    assert len(found) == 5, found
    assert found[0].startswith("data/reviews.yaml: reviews[3].status: ") and "'verified'" in found[0]
    assert found[1].startswith("data/reviews.yaml: reviews[4].checked: ")
    assert found[2].startswith("data/reviews.yaml: reviews[5]: ") and "'verified' review needs its sources" in found[2]
    assert found[3].startswith("data/reviews.yaml: reviews[6]: ") and "is after checked" in found[3]
    assert found[4] == "data/reviews.yaml: reviews[7].official.he: missing (field required)"


def test_unknown_references_and_duplicates_are_all_listed(data_copy):
    def change(reviews):
        reviews[0]["facts"] = ["no-such-fact"]
        reviews[1]["bullets"][0]["bullet"] = "no-such-bullet"
        reviews[2]["bullets"][0]["service"] = "no-such-service"
        reviews[6]["id"] = reviews[7]["id"]
        reviews[9]["facts"] = reviews[8]["facts"]
    assert _problems(data_copy, change) == [
        "data/reviews.yaml: reviews[0].facts[0]: unknown fact 'no-such-fact' (not in data/facts/)",
        "data/reviews.yaml: reviews[1].bullets[0]: no bullet 'no-such-bullet' in whatsapp-api-setup",
        "data/reviews.yaml: reviews[2].bullets[0]: unknown service 'no-such-service'",
        "data/reviews.yaml: reviews[7].id: duplicate review id 'whatsapp-pricing' (also reviews[6])",
        "data/reviews.yaml: reviews[9].facts[0]: fact 'hubspot-daily-requests' is already reviewed in reviews[8]",
        "data/reviews.yaml: reviews[9].facts[1]: fact 'hubspot-burst-requests' is already reviewed in reviews[8]",
    ]
