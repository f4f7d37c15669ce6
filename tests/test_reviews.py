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
from conftest import FACT_CHECK, FACT_CHECK_2, LANGS, research_file
from handbook import answers
from handbook.dates import written
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


# The first review's verdicts that the second corrected: "unlimited on paid plans" is on no page read
# (fact-check-2.yaml: "correct for the trial part ...; 'unlimited in paid plans' ... unverified"), so the
# Zendesk claim is recorded as two reviews, each with the reviewers' own status (answers-audit-3 §2).
RECHECKED = {"zendesk-paid-webhooks": "unverified"}
SPLIT = {"Zendesk webhooks מוגבלים ל-10 בטריאל, unlimited ב-paid plans": ("zendesk-trial-webhooks", "zendesk-paid-webhooks")}


def test_every_claim_of_the_first_review_is_recorded_with_its_verdict(catalog):
    checked = yaml.safe_load(research_file(FACT_CHECK).read_text(encoding="utf-8"))
    assert len(checked) == 21
    reviews = {r.id: r for r in catalog.reviews}
    for claim in checked:
        # Each claim is a review whose Hebrew is the claim's words (both services' claims when two).
        matches = [r for r in catalog.reviews if (r.claim.he == claim["claim"] or r.id in SPLIT.get(claim["claim"], ()))
                   and {b.service for b in r.bullets} >= set(claim["services"])]
        assert len(matches) == len(SPLIT.get(claim["claim"], "x")), claim["claim"]
        for review in matches:
            assert review.claim.he in claim["claim"]
            verdict = VERDICT.get(claim["verdict"], claim["verdict"])
            assert review.status == RECHECKED.get(review.id, verdict), review.id
            # Sources may be refined on a second reading (a page's newer address), never dropped.
            assert {u.split("/")[2] for u in claim["sources"]} <= {s.host for s in review.sources}, review.id
            assert review.checked == dt.date(2026, 11, 27) and reviews[review.id] is review


def test_every_entry_of_the_second_review_is_recorded_with_its_evidence(catalog):
    checked = yaml.safe_load(research_file(FACT_CHECK_2).read_text(encoding="utf-8"))
    assert len(checked) == 39
    by_fact = {f: r for r in catalog.reviews for f in r.facts}
    for entry in checked:
        review = by_fact[entry["fact"]]
        assert review.status == VERDICT.get(entry["verdict"], entry["verdict"]), entry["fact"]
        assert review.quote == entry.get("quote"), entry["fact"]
        assert set(entry["sources"]) <= {s.url for s in review.sources}, entry["fact"]
        assert review.changed == entry.get("changed"), entry["fact"]
        # The vendor's figures, typed: as many as the review gives (the first review's too).
        assert review.figures or not entry.get("values") or entry["verdict"] == "guidance", entry["fact"]


def test_every_fact_has_one_review(catalog):
    reviewed = Counter(f for r in catalog.reviews for f in r.facts)
    assert set(reviewed) == {f.id for f in catalog.facts} and set(reviewed.values()) == {1}
    assert len(catalog.facts) == 66


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
def test_every_reviewed_bullet_leads_with_its_answer_and_labels_the_research(catalog, html, lang):
    t = STRINGS[lang]
    shown = 0
    for review in catalog.reviews:
        for ref in review.bullets:
            url = "takeaways/" if ref.service == "takeaways" else f"services/{ref.service}/"
            where = f"/{LANGS[lang]}{url}#{ref.bullet}"
            li = html(LANGS[lang] + url).find("li", id=ref.bullet)
            assert li is not None, where
            # The research text is still there, verbatim.
            research = li.select_one(".hb-text")
            assert research.get_text() == _bullet(catalog, ref)[lang], where
            if not answers.leads(review):
                # Verified: the bullet's words are the answer; the check is one click away.
                notes = [n for n in li.select("details.hb-official")
                         if _norm(review.official[lang]) in _norm(n.select_one(".hb-official-text").get_text())]
                assert notes, f"{where}: no official statement of {review.id}"
                assert notes[0].select_one(".hb-review").get_text() == f"{t['review_status']}: {t['status_verified']}"
                assert notes[0].find("time")["datetime"] == review.checked.isoformat()
                shown += 1
                continue
            boxes = [b for b in li.select(".hb-answer")
                     if _norm(review.official[lang]) in _norm(b.select_one(".hb-official-text").get_text())]
            assert len(boxes) == 1, f"{where}: no answer from {review.id}"
            box = boxes[0]
            # The answer comes first: before the research's words, which are labelled as the research's.
            assert box in research.find_all_previous(class_="hb-answer"), where
            label = research.find_previous_sibling(class_="hb-research-label")
            assert label is not None and label.get_text() == f"{t['research_says']}:", where
            # The vendor's figures, bold, a line each; where the answer comes from, in words.
            figures = [_norm(line.get_text()) for line in box.select(".hb-line")]
            assert figures == [_norm(f"{l.text} {l.detail}") for l in answers.Answers(catalog).figure_lines(review, lang)], where
            assert all(line.select_one("strong.hb-figure") for line in box.select(".hb-line")), where
            source = _norm(box.select_one(".hb-answer-source").get_text())
            assert source.startswith(t[answers.origin(review)] + ", "), (where, source)
            assert written(review.checked, lang) in source, where
            assert (t["answer_corrected"] in source) == (review.status in ("wrong", "outdated", "imprecise")), where
            assert [a["href"] for a in box.select("a.hb-official-source")] == [s.url for s in review.sources]
            # The verdict is the research's: no badge in the answer, the status after the research's words.
            assert not box.select(".hb-review"), where
            verdicts = [b.get_text() for b in research.find_next_siblings() if b.select_one(".hb-review")]
            assert f"{t['review_status']}: {t['status_' + review.status]}" in verdicts, where
            shown += 1
    assert shown == sum(len(r.bullets) for r in catalog.reviews) >= 100


def _bullet(catalog, ref):
    if ref.service == "takeaways":
        return next(tk for g in catalog.takeaways.groups for tk in g.takeaways if tk.id == ref.bullet)
    return next(i for _, i in catalog.service(ref.service).bullets() if i.id == ref.bullet)


def test_a_bullet_nobody_reviewed_has_no_badge(catalog, html):
    reviewed = {(b.service, b.bullet) for r in catalog.reviews for b in r.bullets}
    bullet = next(i.id for _, i in catalog.service("int-crm-marketing").bullets()
                  if ("int-crm-marketing", i.id) not in reviewed)
    li = html("services/int-crm-marketing/").find("li", id=bullet)
    assert li is not None and li.select(".hb-review") == []


def test_a_correction_names_the_vendor_change_date(html):
    li = html("en/services/whatsapp-api-setup/").find("li", id="messaging-tier-rate-limits")
    assert "vendor changed it on 7 October 2025" in _norm(li.select_one(".hb-answer").get_text())
    li = html("services/whatsapp-api-setup/").find("li", id="messaging-tier-rate-limits")
    assert "שינוי אצל הספק: 7 באוקטובר 2025" in _norm(li.select_one(".hb-answer").get_text())


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
        review = by_fact[tr["id"]]
        status = review.status
        assert tr["data-review"] == status
        cell = tr.select_one("td.hb-col-review")
        # The research's words carry the verdict; beside a corrected answer, its origin.
        said = tr.select_one("td.hb-col-answer .hb-research-status").get_text()
        assert said == t["status_" + status]
        if status in ("wrong", "outdated", "imprecise"):
            assert not cell.select(".hb-review")
            assert cell.select_one(".hb-answer-origin").get_text() == f"{t['answer_vendor_short']} · {t['answer_corrected']}"
        else:
            assert cell.select_one(".hb-review").get_text().endswith(t["status_" + status])
        assert _norm(review.official[lang]) in _norm(cell.select_one(".hb-official-text").get_text())
        assert cell.find("time")["datetime"] == review.checked.isoformat()  # the date shows without a click
    assert {tr["data-review"] for tr in rows} >= {"wrong", "outdated", "imprecise", "verified"}


def test_every_reviewed_fact_is_in_a_comparison(catalog, html):
    seen = set()
    for c in ("rate-limits", "auth", "webhooks", "limits"):
        for tr in html(f"en/compare/{c}/").select("tbody tr[data-review]"):
            if tr["data-review"] != "unreviewed":
                seen.add(tr["id"])
    assert seen == {f for r in catalog.reviews for f in r.facts}


def test_the_json_export_carries_the_review_data(catalog, site):
    data = json.loads((site / "api/v1/facts.json").read_text(encoding="utf-8"))
    assert data["version"] == 3
    assert [r["id"] for r in data["reviews"]] == [r.id for r in catalog.reviews]
    facts = {f["id"]: f for f in data["facts"]}
    qb = facts["quickbooks-access-token-lifetime"]
    assert qb["review_status"] == "wrong"
    assert qb["review"]["official"]["en"].startswith("QuickBooks Online access tokens expire after 1 hour")
    assert qb["review"]["checked"] == "2026-11-27"
    assert facts["whatsapp-tier-1-messages"]["review"]["changed"] == "2025-10-07"
    assert facts["hubspot-oauth"]["review_status"] == "verified"
    freshdesk = facts["freshdesk-rate-limit"]["review"]
    assert freshdesk["quote"].startswith("The number of API calls you can make is based on your plan")
    growth = next(f for f in freshdesk["figures"] if [p["name"]["en"] for p in f["plans"]] == ["Growth"])
    assert growth["platform"] == "freshdesk" and growth["plans"][0]["id"] == "growth"
    assert growth["value"] == {"min": 200.0, "max": 200.0} and growth["measure"] == "rate"
    assert growth["normalized"]["per_minute"]["min"] == 200.0 and growth["words"]["en"] == "200 calls per minute"
    assert any(s["gated"] for r in data["reviews"] for s in r["sources"])
    schema = json.loads((site / "api/v1/facts.schema.json").read_text(encoding="utf-8"))
    assert "reviews" in schema["properties"] and "ReviewRecord" in schema["$defs"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_csv_has_the_status_column(site, lang):
    text = (site / f"api/v1/rate-limits.{lang}.csv").read_text(encoding="utf-8-sig")
    header, *rows = text.splitlines()
    assert ("בדיקה" if lang == "he" else "Check") in header.split(",")
    hubspot = next(r for r in rows if r.startswith("hubspot-burst-requests,"))
    assert STRINGS[lang]["status_wrong"] in hubspot


@pytest.mark.browser
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
    assert counts == {**_counts(catalog), "unreviewed": 0}
    todo = [tr for tr in page.select("#table-review-todo tbody tr") if tr.get("data-review")]
    order = ("wrong", "outdated", "imprecise", "unverified", "guidance")
    expected = sorted((r for r in catalog.reviews if r.status != "verified"), key=lambda r: order.index(r.status))
    assert [tr["id"] for tr in todo] == [r.id for r in expected]
    for tr, review in zip(todo, expected):
        assert _norm(review.official[lang]) in _norm(tr.get_text())
        # The claim in the page's language; where it appears, by service and section names.
        assert _norm(review.claim[lang]) in _norm(tr.select("td")[0].get_text())
        where = _norm(tr.select_one("td.hb-where").get_text())
        for b in review.bullets:
            if b.service != "takeaways":
                svc = catalog.service(b.service)
                assert svc.title[lang] in where and STRINGS[lang][svc.section_of(b.bullet)] in where
        assert "#" not in where
    # Each count links to its list.
    for a in page.select(".hb-review-counts a"):
        target = a["href"][1:]
        assert page.find(id=target) is not None, a["href"]
    # No note addressed to editors: the README is their place.
    assert "README" not in page.select_one("article").get_text()


def test_the_english_review_page_reads_in_english(html):
    article = html("en/review/").select_one("article")
    assert not re.search(r"[\u05d0-\u05ea]", article.get_text()), "Hebrew letters on the English review page"
    original = html("en/review/").select_one("a.hb-original")
    assert original["hreflang"] == "he" and original["href"].startswith("../../services/")


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
    later = BeautifulSoup(_review_page(mixed, dt.date(2026, 12, 2) + dt.timedelta(days=181)), "html.parser")
    assert len(later.select("#table-review-age tr.hb-stale")) == len(catalog.reviews)
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


def _index(data, review_id):
    doc = yaml.safe_load((data / "reviews.yaml").read_text(encoding="utf-8"))
    return next(i for i, r in enumerate(doc["reviews"]) if r["id"] == review_id)


def test_bad_shapes_are_reported_with_file_and_place(data_copy):
    i = {k: _index(data_copy, k) for k in ("zoho-crm-rate-limits", "freshdesk-rate-limit", "openapi-3-2",
                                          "zendesk-webhook-signature", "hubspot-rate-limits", "mailchimp-oauth")}

    def change(reviews):
        reviews[i["zoho-crm-rate-limits"]]["status"] = "correct"
        reviews[i["freshdesk-rate-limit"]]["checked"] = "2026-13-01"
        reviews[i["openapi-3-2"]]["sources"] = []
        reviews[i["zendesk-webhook-signature"]]["figures"] = [{"value": 1, "unlimited": True, "unit": "request"}]
        del reviews[i["hubspot-rate-limits"]]["official"]["he"]
        reviews[i["mailchimp-oauth"]]["sources"] = [{"url": "https://x.example/", "gated": "maybe"}]
    found = _problems(data_copy, change)
    at = lambda key: f"data/reviews.yaml: reviews[{i[key]}]"  # noqa: E731
    assert len(found) == 6, found
    assert any(p.startswith(at("zoho-crm-rate-limits") + ".status: ") and "'guidance'" in p for p in found)
    assert any(p.startswith(at("freshdesk-rate-limit") + ".checked: ") for p in found)
    assert any(p.startswith(at("openapi-3-2") + ": ") and "'verified' review needs its sources" in p for p in found)
    assert any(p.startswith(at("zendesk-webhook-signature") + ".figures[0]") and "exactly one of value" in p
               for p in found)
    assert at("hubspot-rate-limits") + ".official.he: missing (field required)" in found
    assert any(p.startswith(at("mailchimp-oauth") + ".sources[0].gated") for p in found)


def test_unknown_references_and_duplicates_are_all_listed(data_copy):
    a, b = _index(data_copy, "whatsapp-pricing"), _index(data_copy, "whatsapp-media-sizes")
    c = _index(data_copy, "openapi-3-2")

    def change(reviews):
        reviews[0]["facts"] = ["no-such-fact"]
        reviews[0]["figures"] = []
        reviews[1]["bullets"] = [{"service": reviews[1]["bullets"][0]["service"], "bullet": "no-such-bullet"}]
        reviews[2]["bullets"] = [{"service": "no-such-service", "bullet": "x"}]
        reviews[a + 1]["id"] = reviews[a]["id"]
        reviews[c]["facts"] = reviews[b]["facts"]
    found = _problems(data_copy, change)
    assert "data/reviews.yaml: reviews[0].facts[0]: unknown fact 'no-such-fact' (not in data/facts/)" in found
    assert ("data/reviews.yaml: reviews[1].bullets[0]: unknown bullet 'int-crm-marketing#no-such-bullet' (nearest: "
            "int-crm-marketing#n8n, int-crm-marketing#crm, int-crm-marketing#analytics)") in found
    assert ("data/reviews.yaml: reviews[2].bullets[0]: unknown bullet 'no-such-service#x' (no service "
            "'no-such-service'; nearest: int-ecommerce#tax-settings, int-ecommerce#woocommerce-permalinks, "
            "int-ecommerce#woocommerce-payload-size)") in found
    assert f"data/reviews.yaml: reviews[{a + 1}].id: duplicate review id 'whatsapp-pricing' (also reviews[{a}])" in found
    first, second = sorted((b, c))
    assert (f"data/reviews.yaml: reviews[{second}].facts[0]: fact 'whatsapp-image-size' is already reviewed in "
            f"reviews[{first}]") in found


def test_a_claim_must_be_the_research_words(data_copy):
    i = _index(data_copy, "hubspot-rate-limits")

    def change(reviews):
        reviews[i]["claim"]["he"] = "HubSpot מאפשר הכל"
    found = _problems(data_copy, change)
    assert any(p.startswith(f"data/reviews.yaml: reviews[{i}].claim: not a verbatim part of any of its bullets")
               for p in found), found


def test_a_dated_review_needs_its_vendor_change(data_copy):
    i = _index(data_copy, "hubspot-rate-limits")

    def change(reviews):
        reviews[i]["changed"] = "2026-11-01"
    found = _problems(data_copy, change)
    assert found == ["data/vendor-changes.yaml: no change dated 2026-11-01 names review 'hubspot-rate-limits' "
                     f"(data/reviews.yaml reviews[{i}].changed): add it to the vendor changes"]
