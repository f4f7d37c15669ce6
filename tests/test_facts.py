"""Facts as data: the research's numbers typed, sourced, normalized, and complete."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import RESEARCH, research_file
from handbook import yamlio
from handbook.catalog import DataError, load_catalog
from handbook.facts import Fact, conflicts, stated_numbers

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")

# Names and versions with digits in them are not quantities.
NAMES = ["n8n", "OAuth 2.0/2.1", "OAuth 2.0", "OAuth 2.1", "OAuth 2", "OpenAPI 3.2", "HMAC-SHA256", "HMACSHA256",
         "base64", "Microsoft 365", "Customer 360", "p50", "p95", "p99", "/v1/", "/v2/"]

# Numbers of the research that are deliberately not facts: (where, number, why).
NOT_FACTS = [
    ("integration-simple: title", "2", "the service's scope (2 systems), not a limit"),
    ("integration-simple: summary", "2", "the service's scope (2 tools), not a limit"),
    ("integration-complex: title", "3", "the service's scope (3+ systems), not a limit"),
    ("integration-complex: summary", "3", "the service's scope (3+ systems), not a limit"),
    ("integration-complex: api-credentials", "3", "the service's scope (3+ systems), not a limit"),
    ("integration-simple: oauth-2-1-standard", "2025", "the year a standard became current, not a limit"),
    ("takeaways: oauth-2-1-new-standard", "2025", "the year a standard became current, not a limit"),
    ("whatsapp-api-setup: international-phone-format", "972501234567", "an example phone number"),
    ("whatsapp-api-setup: international-phone-format", "050", "an example phone number"),
    ("whatsapp-api-setup: international-phone-format", "123", "an example phone number"),
    ("whatsapp-api-setup: international-phone-format", "4567", "an example phone number"),
    ("int-calendar: event-reminders-sync", "15", "an example reminder time, not a limit"),
]


def _load_facts_file(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _fact(catalog, fact_id: str) -> Fact:
    return next(f for f in catalog.facts if f.id == fact_id)


# ---------------------------------------------------------------------------
# Normalization
# ---------------------------------------------------------------------------


def test_160_per_10_seconds_is_960_per_minute(catalog):
    fact = _fact(catalog, "hubspot-burst-requests")
    assert (fact.value.min, fact.per.amount, fact.per.unit) == (160, 10, "second")
    assert fact.per_minute.min == fact.per_minute.max == 960
    assert fact.per_day.min == 1_382_400
    assert fact.safe_per_minute.min == pytest.approx(816)  # 85% of capacity


def test_a_daily_quota_is_not_spread_over_minutes(catalog):
    # 10,000 per day is a quota, not a rate a client paces against: no per minute, no per day, no safe rate
    # (a "≈ 6.9 per minute" would read as a pace); comparisons still see it on one scale.
    fact = _fact(catalog, "hubspot-daily-requests")
    assert fact.per_day is None and fact.per_minute is None and fact.safe_per_minute is None
    assert fact.normalized()[1] == pytest.approx(6.944, abs=0.001)


def test_ranges_and_other_units_are_normalized(catalog):
    zoho = _fact(catalog, "zoho-crm-calls-per-minute")
    assert (zoho.per_minute.min, zoho.per_minute.max) == (100, 150)
    assert (zoho.per_day.min, zoho.per_day.max) == (144_000, 216_000)
    # A monthly quota is a kind of its own: shown as stated, never spread over minutes.
    quickbooks = _fact(catalog, "quickbooks-monthly-calls")
    assert quickbooks.measure == "quota" and quickbooks.per_day is None and quickbooks.per_minute is None
    whatsapp = _fact(catalog, "whatsapp-tier-1-messages")  # per 24 hours: a quota, not a pace
    assert whatsapp.per_day is None and whatsapp.per_minute is None
    assert _fact(catalog, "zoho-crm-access-token-lifetime").seconds.min == 3600
    assert _fact(catalog, "quickbooks-access-token-lifetime").seconds.min == 6 * 30 * 86400
    approval = _fact(catalog, "whatsapp-template-approval-time").seconds
    assert (approval.min, approval.max) == (24 * 3600, 48 * 3600)
    assert _fact(catalog, "whatsapp-temporary-token-lifetime").seconds.min is None  # "< 24h": only a max
    assert _fact(catalog, "n8n-webhook-payload-size").bytes.min == 16 * 1024 * 1024
    cost = _fact(catalog, "whatsapp-conversation-cost").usd
    assert (cost.min, cost.max) == (0.005, 0.05)
    assert _fact(catalog, "exponential-backoff-schedule").step_seconds == [1, 2, 4]


@pytest.mark.parametrize("text, numbers", [
    ("10,000/day free", {10000}), ("$0.005-0.05", {0.005, 0.05}), ("160 requests/10s", {160, 10}),
    ("Tier 1 = 1,000 הודעות/24h", {1, 1000, 24}), ("1s, 2s, 4s", {1, 2, 4}),
])
def test_numbers_are_read_as_stated(text, numbers):
    assert stated_numbers(text) == numbers


# ---------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------


def test_every_fact_cites_bullets_that_state_it(catalog):
    # Validation enforces it; this says what it means for the real data.
    bullets = {(s.id, i.id): i for s in catalog.services for _, i in s.bullets()}
    bullets |= {("takeaways", t.id): t for g in catalog.takeaways.groups for t in g.takeaways}
    assert len(catalog.facts) >= 60
    for fact in catalog.facts:
        for source in fact.sources:
            bullet = bullets[(source.service, source.bullet)]
            assert source.text.he in bullet.he and source.text.en in bullet.en, fact.id
            for n in fact.numbers():
                assert n in stated_numbers(source.text.he) or (n == 1 and not re.search(r"\d", source.text.he)), fact.id


BAD_FACTS = {
    "unknown bullet": (lambda d: d["facts"][0]["sources"][0].update(bullet="hubspot-rate"),
                       "data/facts/hubspot.yaml: facts[0].sources[0]: unknown bullet 'int-crm-marketing#hubspot-rate' "
                       "(nearest: int-crm-marketing#hubspot-rate-limit, int-crm-marketing#hubspot-token-refresh, "
                       "int-crm-marketing#crm)"),
    "unknown service": (lambda d: d["facts"][0]["sources"][0].update(service="int-crm"),
                        "data/facts/hubspot.yaml: facts[0].sources[0]: unknown bullet 'int-crm#platform-rate-limits' "
                        "(no service 'int-crm'; nearest: int-ecommerce#platform-rate-limits, "
                        "int-crm-marketing#platform-rate-limits, int-crm-marketing#zoho-crm-rate-limit)"),
    "number not in the bullet": (lambda d: d["facts"][1].update(value=170),
                                 "data/facts/hubspot.yaml: facts[1].sources[0].stated: '160 requests/10s' does not state 170 (he)"),
    "stated words not in the bullet": (lambda d: d["facts"][1]["sources"][0].update(stated="160 requests/10 sec"),
                                       "data/facts/hubspot.yaml: facts[1].sources[0].stated: '160 requests/10 sec' is not in the bullet's he text"),
    "rate without a window": (lambda d: d["facts"][1].pop("per"),
                              "data/facts/hubspot.yaml: facts[1]: a rate limit with a value needs 'per'"),
    "unknown unit": (lambda d: d["facts"][1].update(unit="req"), "data/facts/hubspot.yaml: facts[1].unit:"),
    "id taken by a bullet": (lambda d: d["facts"][1].update(id="hubspot-rate-limit"),
                             "data/facts/hubspot.yaml: facts[1].id: 'hubspot-rate-limit' is already a bullet's anchor"),
    "duplicate id": (lambda d: d["facts"][1].update(id="hubspot-daily-requests"),
                     "data/facts/hubspot.yaml: facts[1].id: duplicate fact id 'hubspot-daily-requests'"),
    "platform is not the file name": (lambda d: d.update(platform="zoho-crm"),
                                      "data/facts/hubspot.yaml: platform: 'zoho-crm' must be 'hubspot' (the file name)"),
}


@pytest.mark.parametrize("case", BAD_FACTS)
def test_bad_facts_are_reported_with_file_and_place(data_copy, case):
    change, expected = BAD_FACTS[case]
    path = data_copy / "facts" / "hubspot.yaml"
    doc = _load_facts_file(path)
    change(doc)
    yamlio.write(path, doc, "../schema/facts.schema.json")
    with pytest.raises(DataError) as err:
        load_catalog(data_copy)
    assert any(p.startswith(expected) for p in err.value.problems), err.value.problems


def test_a_platform_without_a_platform_entry_is_reported(data_copy):
    (data_copy / "facts" / "magento.yaml").write_text(
        (data_copy / "facts" / "n8n.yaml").read_text(encoding="utf-8").replace("platform: n8n", "platform: magento")
        .replace("id: n8n-", "id: magento-"), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_catalog(data_copy)
    assert err.value.problems == ["data/facts/magento.yaml: platform: unknown platform 'magento' (not in data/platforms.yaml)"]


# ---------------------------------------------------------------------------
# Conflicts and completeness
# ---------------------------------------------------------------------------


def test_conflicts_are_the_research_disagreeing_with_itself(catalog):
    # Zoho CRM: "100-150 calls/min" holds "100 calls/min (free tier), 150 (paid)": a range
    # does not disagree with its own endpoints, so the research has no conflict left.
    # HubSpot is stated twice with the same numbers: one fact, two sources, no conflict.
    assert conflicts(list(catalog.facts)) == []
    zoho = [f for f in catalog.facts if f.id.startswith("zoho-crm-calls-per-minute")]
    assert len(zoho) == 3 and conflicts(zoho) == []
    # The same range against a number outside it is a conflict.
    outside = zoho[1].model_copy(update={"value": zoho[1].value.model_copy(update={"min": 200, "max": 200}),
                                         "plan": None}).placed("zoho-crm")
    assert [(c.first.id, c.second.id) for c in conflicts([zoho[0], outside])] == [(zoho[0].id, outside.id)]
    hubspot = [f for f in catalog.facts if f.platform == "hubspot" and f.kind == "rate-limit"]
    assert [len(f.sources) for f in hubspot] == [2, 2]


def _research_texts(research):
    for s in research.services:
        yield f"{s.id}: title", s.title
        yield f"{s.id}: summary", s.summary
    for s in research.services:
        for bullets in s.sections.values():
            for b in bullets:
                yield s.id, b.text
    for g in research.groups:
        for b in g.bullets:
            yield "takeaways", b.text


def test_every_number_in_the_research_is_a_fact_or_deliberately_not(catalog, research):
    # Each number must lie inside the words a fact quotes from that very bullet.
    by_text = {}
    for s in catalog.services:
        for _, item in s.bullets():
            by_text[(s.id, item.he)] = item.id
    for g in catalog.takeaways.groups:
        for t in g.takeaways:
            by_text[("takeaways", t.he)] = t.id
    quoted: dict[tuple[str, str], list[str]] = {}
    for fact in catalog.facts:
        for source in fact.sources:
            quoted.setdefault((source.service, source.bullet), []).append(source.text.he)

    names = re.compile("|".join(re.escape(n) for n in sorted(NAMES, key=len, reverse=True)))
    uncovered = []
    for where, text in _research_texts(research):
        bullet_id = by_text.get((where, text))
        place = f"{where}: {bullet_id}" if bullet_id else where
        covered = [(m.start(), m.end()) for q in quoted.get((where, bullet_id), []) for m in re.finditer(re.escape(q), text)]
        masked = names.sub(lambda m: "#" * len(m[0]), text)
        for m in NUMBER.finditer(masked):
            if not any(a <= m.start() and m.end() <= b for a, b in covered):
                uncovered.append((place, m[0]))
    deliberate = [(w, n) for w, n, _ in NOT_FACTS]
    assert sorted(uncovered) == sorted(deliberate), "\n".join(
        [f"not a fact and not listed: {u}" for u in uncovered if u not in deliberate]
        + [f"listed but now covered or gone: {d}" for d in deliberate if d not in uncovered])


def test_every_platform_is_named_in_the_research(catalog):
    text = research_file(RESEARCH).read_text(encoding="utf-8")
    missing = [p.id for p in catalog.platforms.values()
               if not any(n in text for n in [p.name.en, *p.research_names])]
    assert not missing, missing
