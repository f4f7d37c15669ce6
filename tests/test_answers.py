"""What the answers and the computed figures ARE (issue 23 items 3 and 5, answers-audit-3):
a derived figure never exceeds a limit the vendor states for the same platform and plan, a
safe (85%) rate only for a rate a client paces against, every audit item settled in the data,
`facts.json` with an answer for every fact and no editors' fields, and CSVs a spreadsheet opens
with one value per cell. Plain Python over the data and the exports: no build, no browser."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from conftest import LANGS
from handbook.catalog import load_catalog
from handbook.factexport import exports
from handbook.facttables import COMPARISONS, FactBook
from handbook.strings import STRINGS


@pytest.fixture(scope="module")
def book(catalog):
    return FactBook(catalog)


@pytest.fixture(scope="module")
def files(catalog):
    return exports(catalog)


@pytest.fixture(scope="module")
def facts_json(files):
    return json.loads(files["api/v1/facts.json"])


def _plans(figure: dict, platforms) -> set[str] | None:
    # A figure's plans by id, or the tier it is limited to; empty: every plan of a vendor that has plans;
    # None: no plan named.
    named = {p["id"] for p in figure["plans"]} | ({"tier:" + figure["tier"]["en"]} if figure["tier"] else set())
    if named:
        return named
    vendor = platforms.get(figure["platform"] or "")
    return set() if vendor is not None and vendor.plans and not figure["state"] else None


def _per_day(figure: dict) -> float | None:
    # A cap over a day or longer, per day (a month is 30 days), read from the export.
    per, value = figure["per"], figure["value"]
    if per is None or value is None or value["max"] is None or figure["measure"] not in ("rate", "quota"):
        return None
    seconds = per["amount"] * {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "month": 30 * 86400}[per["unit"]]
    return value["max"] * 86400 / seconds if seconds >= 86400 else None


# ---------------------------------------------------------------------------
# Figures that do not overstate
# ---------------------------------------------------------------------------


def test_no_derived_figure_exceeds_a_stated_limit_of_the_same_platform_and_plan(facts_json, book):
    """Over every row: a per-day figure derived from a rate is never above a daily or monthly cap the
    vendor states for the same platform and plan; a cap on another plan is named beside the rate."""
    caps: dict[str, list[dict]] = {}
    for fact in facts_json["facts"]:
        if fact["platform"]:
            for f in fact["answer"]["figures"]:
                is_threshold = "before charges" in ((f["note"] or {}).get("en") or "")  # a billing threshold
                if _per_day(f) is not None and f["unit"] in ("request", "call") and not is_threshold:
                    caps.setdefault(fact["platform"]["id"], []).append(f)
    checked = 0
    for fact in facts_json["facts"]:
        if not fact["platform"]:
            continue
        row = book.by_id[fact["id"]]
        for i, f in enumerate(fact["answer"]["figures"]):
            day = f["normalized"]["per_day"]
            if day is None or f["unit"] not in ("request", "call"):  # a batch request is counted apart
                continue
            mine = _plans(f, book.catalog.platforms)
            for cap in caps.get(fact["platform"]["id"], []):
                theirs = _plans(cap, book.catalog.platforms)
                same_plan = not theirs or (mine is not None and mine and mine <= theirs)
                wider = "across all" in ((f["scope"] or {}).get("en") or "")  # Xero's 10,000 per app, all tenants
                if cap is f or wider:
                    continue
                if same_plan:
                    assert day["max"] <= _per_day(cap) + 1e-6, (fact["id"], f["words"]["en"], cap["words"]["en"])
                    checked += 1
                elif (mine is None or mine & theirs) and day["max"] > _per_day(cap):
                    # A cap on one of its plans, or on a plan where this figure names none: said beside it.
                    for lang in LANGS:
                        assert cap["words"][lang] in row.answer_lines(lang)[i].rate, (fact["id"], lang)
                    checked += 1
    assert checked >= 4


@pytest.mark.parametrize("lang", LANGS)
def test_the_audits_overstated_figures_show_which_limit_binds(book, lang):
    burst = book.by_id["hubspot-burst-requests"]
    lines = burst.answer_lines(lang)
    assert "864,000" in lines[0].rate and "250,000" in lines[0].rate  # at this rate; the daily cap binds
    assert burst.computed("per_day")[0].text == "250,000"
    assert "625,000" in lines[1].rate and "1,000,000" in lines[1].rate
    assert burst.computed("per_day")[1].text == "625,000–1,000,000"
    xero = book.by_id["xero-rate-limit"]
    sixty = next(i for i, a in enumerate(xero.answer) if a.quantity.value.max == 60)
    assert "5,000" in xero.answer_lines(lang)[sixty].rate and xero.computed("per_day")[sixty].text == "5,000"
    quickbooks = book.by_id["quickbooks-monthly-calls"]
    assert "Builder" in quickbooks.answer_lines(lang)[1].rate and "500,000" in quickbooks.answer_lines(lang)[1].rate


def test_no_safe_rate_on_anything_but_a_rate_a_client_paces_against(facts_json, book):
    figures = [f for fact in facts_json["facts"] for f in fact["answer"]["figures"]]
    figures += [f for review in facts_json["reviews"] for f in review["figures"]]
    assert len(figures) > 100
    for f in figures:
        n = f["normalized"]
        if n["safe_per_minute"] or n["per_minute"] or n["per_day"]:
            assert f["measure"] == "rate" and f["value"]["max"] > 0, f["words"]["en"]
            assert _per_day(f) is None, f["words"]["en"]  # not a quota over a day or longer
    for row in book.rows:
        for lang in LANGS:
            for line, a in zip(row.answer_lines(lang), row.answer):
                if line.rate:
                    assert a.quantity.paced, (row.id, line.text)
    # The audit's cases: a billing threshold, daily quotas, no API access.
    google = book.by_id["google-calendar-rate-limit"].answer_lines("en")
    assert next(l for l in google if l.text.startswith("1,000,000")).rate == ""
    assert all(l.rate == "" for l in book.by_id["hubspot-daily-requests"].answer_lines("en"))
    for lang in LANGS:
        free = book.by_id["freshdesk-rate-limit"].answer_lines(lang)[0]
        assert free.text == STRINGS[lang]["no_api_access"] and free.rate == ""


@pytest.mark.parametrize("lang", LANGS)
def test_the_85_percent_is_labelled_the_researchs_rule_of_thumb_with_the_headers_to_pace_by(book, lang):
    rate = book.by_id["freshdesk-rate-limit"].answer_lines(lang)[1].rate
    said = STRINGS[lang]["normalized_safe"].format(safe="170")
    assert said in rate and ("headers" if lang == "en" else "כותרות") in said and "85%" in said


@pytest.mark.parametrize("lang", LANGS)
def test_zoho_credits_are_the_vendors_formula_with_its_maximum(book, lang):
    for fact_id in ("zoho-crm-calls-per-minute", "zoho-crm-accounting-edition"):
        lines = {l.plan_label.split(" · ")[-1]: l.text for l in book.by_id[fact_id].answer_lines(lang)}
        standard = lines["Standard"]
        assert standard.startswith("50,000 + 250") and "100,000" in standard
        ultimate = next(v for k, v in lines.items() if k.startswith("Ultimate"))
        assert ultimate.startswith("50,000 + 2,000") and STRINGS[lang]["formula_no_cap"] in ultimate


# ---------------------------------------------------------------------------
# Every audit item settled in the data
# ---------------------------------------------------------------------------


def _review(catalog, review_id):
    return next(r for r in catalog.reviews if r.id == review_id)


def test_the_audit_items_are_settled_in_the_reviews(catalog, book):
    # §1: no figure for the rule of thumb; the answer is the guidance, in words, with the headers to pace by.
    headroom = book.by_id["rate-limit-capacity-headroom"]
    assert not headroom.review.figures and headroom.restated
    assert "headers" in headroom.answer_lines("en")[0].text
    # §2: the reviewers' own statuses; no sentence the reviewer did not write.
    assert book.by_id["whatsapp-messaging-window"].status == "verified"
    assert "wait for the lead" not in _review(catalog, "whatsapp-24-hour-window").official.en
    assert book.by_id["zendesk-trial-webhooks"].status == "verified"
    assert book.by_id["zendesk-paid-webhooks"].status == "unverified"
    # §3: the reviewer's answers, not the research's figures.
    partner = book.by_id["mailchimp-partner-program-users"]
    assert partner.restated and "25+" not in partner.answer_lines("en")[0].text
    approval = book.by_id["whatsapp-template-approval-time"].answer[0]
    assert approval.official and (approval.quantity.value.min, approval.quantity.value.max) == (None, 24)
    # §4: the qualifiers.
    temporary = book.by_id["whatsapp-temporary-token-lifetime"].answer[0].quantity.value
    assert (temporary.min, temporary.max) == (None, 24)
    for lang in LANGS:
        daily = book.by_id["hubspot-daily-requests"].answer_lines(lang)
        assert all(("privately distributed" if lang == "en" else "בהפצה פרטית") in l.detail for l in daily)
        calendar = book.by_id["google-calendar-rate-limit"].answer_lines(lang)
        assert all("2026" in l.detail for l in calendar[:2])
        for tier in ("whatsapp-tier-1-messages", "whatsapp-tier-2-messages", "whatsapp-tier-3-messages"):
            assert all(("business-initiated" if lang == "en" else "ביוזמת העסק") in l.detail
                       for l in book.by_id[tier].answer_lines(lang))
    assert any((a.vendor and a.vendor.id == "mailchimp" or "Mailchimp" in (a.scope.en if a.scope else ""))
               and a.quantity.unlimited for a in book.by_id["typical-access-token-lifetime"].answer)
    assert book.by_id["typical-access-token-lifetime"].fact.refresh  # the research says yes; the row says it varies
    for fact_id, words in (("support-webhook-signature-formula", "Freshdesk documents no request signature"),
                           ("freshdesk-api-key-auth", "not available on the Free plan (formerly Sprout)"),
                           ("microsoft-graph-oauth", "Microsoft Entra admin center"),
                           ("whatsapp-permanent-token", "informal name"),
                           ("freshdesk-api-plan", "Growth (formerly Blossom) or higher")):
        assert words in book.by_id[fact_id].answer_lines("en")[0].text, fact_id
    # §5: answers to a different question are answered in words.
    for fact_id in ("woocommerce-max-payload-size", "freshdesk-webhook-rate-limit", "alert-error-rate"):
        assert book.by_id[fact_id].restated, fact_id
    # §7: the vendors' current pages.
    hubspot = _review(catalog, "hubspot-rate-limits")
    assert "650,000" in hubspot.official.en and "650,000" in hubspot.official.he
    assert any(f.note and "650,000" in f.note.en for f in hubspot.figures if f.value and f.value.max == 625000)
    graph = _review(catalog, "microsoft-graph-rate-limit")
    assert all("mailbox" in f.scope.en for f in graph.figures if f.unit == "concurrent request")
    for review_id in ("mailchimp-rate-limit", "typical-requests-per-minute"):
        assert all("per user" not in (f.scope.en if f.scope else "") for f in _review(catalog, review_id).figures
                   if f.unit == "concurrent connection")
    assert "per user" not in _review(catalog, "mailchimp-rate-limit").official.en.split("batch")[0]
    assert "stricter" in _review(catalog, "alert-latency").official.en


# ---------------------------------------------------------------------------
# facts.json
# ---------------------------------------------------------------------------


EDITORS = ("translator_note", "en_translated_from")


def _keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_facts_json_never_publishes_editors_fields(data_copy):
    # An editor's note and a stale translation's source, in a fact and a review: present in data/, never published.
    facts = data_copy / "facts" / "hubspot.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("subject: {he: בקשות API, en: API requests}",
                                  "subject: {he: בקשות API, en: API requests, translator_note: for editors only}", 1),
                     encoding="utf-8")
    reviews = data_copy / "reviews.yaml"
    reviews.write_text(reviews.read_text(encoding="utf-8").replace(
        "    scope: {he: לכל אפליקציה בהפצה פרטית, en: per privately distributed app}",
        "    scope: {he: לכל אפליקציה בהפצה פרטית, en: per privately distributed app, en_translated_from: ישן}", 1),
        encoding="utf-8")
    catalog = load_catalog(data_copy)
    assert any(f.subject.translator_note for f in catalog.facts)  # the note is in the data
    data = json.loads(exports(catalog)["api/v1/facts.json"])
    assert not _keys(data) & set(EDITORS)
    assert "for editors only" not in json.dumps(data, ensure_ascii=False)


def test_every_fact_has_an_answer_and_the_words_answers_are_official(facts_json):
    for fact in facts_json["facts"]:
        a = fact["answer"]
        assert a["figures"] or a["names"] or (a["statement"] and a["statement"]["he"]), fact["id"]
    facts = {f["id"]: f for f in facts_json["facts"]}
    # answers-audit-3 §5: answered in words, `official: false` and an empty answer before.
    for fact_id in ("shopify-admin-token-auth", "xero-oauth", "zendesk-auth-methods",
                    "zoho-crm-quickbooks-extension-edition", "whatsapp-conversation-cost",
                    "whatsapp-webhook-signature-formula", "mailchimp-webhook-signature", "webhook-hmac-sha256"):
        answer = facts[fact_id]["answer"]
        assert answer["official"] and answer["statement"]["en"] == facts[fact_id]["review"]["official"]["en"], fact_id
    # zendesk-paid-webhooks, the ninth, is unverified now (the reviewers' status): the research's words, said so.
    paid = facts["zendesk-paid-webhooks"]
    assert not paid["answer"]["official"] and paid["answer"]["statement"] and paid["review_status"] == "unverified"
    assert paid["answer"]["statement"]["en"].startswith("unlimited on paid plans")  # never an empty answer


def test_no_answer_line_is_empty(book):
    for row in book.rows:
        for lang in LANGS:
            assert all(line.text.strip() for line in row.answer_lines(lang)), (row.id, lang)


def test_normalized_is_computed_from_the_answer_only(facts_json):
    facts = {f["id"]: f for f in facts_json["facts"]}
    # The audit's cases: an 85–850 "safe" range and 3,600 s from the research, where the answer differs.
    assert facts["typical-requests-per-minute"]["normalized"]["safe_per_minute"] is None
    assert facts["microsoft-graph-access-token-lifetime"]["normalized"]["seconds"] is None
    assert facts["microsoft-graph-access-token-lifetime"]["answer"]["figures"][0]["normalized"]["seconds"] == {
        "min": 3600.0, "max": 5400.0}
    for fact in facts_json["facts"]:
        if fact["answer"]["official"]:
            assert not any(fact["normalized"].values()), fact["id"]


def test_facts_json_version_and_changelog(files):
    data = json.loads(files["api/v1/facts.json"])
    schema = json.loads(files["api/v1/facts.schema.json"])
    assert data["version"] == 3 and "3 (2026-12)" in schema["description"]
    assert schema["description"].index("3 (2026-12)") < schema["description"].index("2 (2026-12)")


# ---------------------------------------------------------------------------
# CSVs
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_csvs_open_in_a_spreadsheet_with_one_value_per_cell(files, lang):
    for c in COMPARISONS:
        raw = files[f"api/v1/{c.id}.{lang}.csv"].encode("utf-8")
        assert raw.startswith(b"\xef\xbb\xbf"), c.id  # the byte-order mark Excel needs for UTF-8
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        header, body = rows[0], rows[1:]
        assert len({len(r) for r in rows}) == 1, c.id
        if lang == "he":
            # Every header in Hebrew, "status" and "id" included (a Latin term the research keeps may stay).
            assert all(re.search("[\u0590-\u05ff]", h) for h in header), header
        numeric = [i for i, h in enumerate(header) if h in {STRINGS[lang]["per_minute_unit"]} or i >= len(header) - 4]
        for r in body:
            for i in numeric[:-1]:
                assert ";" not in r[i], (c.id, r[0], header[i], r[i])
            review = r[header.index("בדיקה" if lang == "he" else "Check")]
            assert not re.search(r"- \d{4}-\d{2}-\d{2}", review), review  # "נבדק ב-2026-12-02", no stray space
    xero = [r for r in csv.reader(io.StringIO(files[f"api/v1/rate-limits.{lang}.csv"].lstrip("\ufeff")))
            if r[0] == "xero-rate-limit"]
    assert len(xero) == 6  # a row per figure line
