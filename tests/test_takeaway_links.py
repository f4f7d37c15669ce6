"""Takeaway links: every bullet that states a common takeaway is linked to it,
the takeaways page leads to those exact bullets, and every service page leads
back, in both languages, with every link landing on an existing anchor."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlparse

import pytest
import yaml

from conftest import LANGS
from handbook import yamlio
from handbook.catalog import DataError, load_catalog
from handbook.strings import STRINGS, plural

LINKS = "takeaway-links.yaml"
SITE = "http://site/"

# A reviewer's net against accidental gaps: a bullet whose text (Hebrew or
# English) matches a takeaway's words must be linked to that takeaway, unless
# NOT_STATED says why the words are there without the practice.
KEYWORDS = {
    "oauth-2-1-new-standard": r"OAuth 2\.(0/2\.)?1",
    "access-token-expiry": r"expir|refresh|פגים|פג ",
    "https-mandatory": r"HTTPS|SSL|TLS",
    "webhook-hmac-verification": r"HMAC|signature",
    "exponential-backoff": r"backoff",
    "token-bucket-over-fixed-window": r"(?i)token bucket|fixed window",
    "graphql-complexity-limits": r"(?i)complexity-based|depth and complexity",
    "capacity-headroom": r"headroom|85%",
    "conflict-resolution": r"(?i)conflict resolution|source of truth|last-write-wins",
    "field-level-resolution": r"(?i)field-level",
    "webhook-timeouts": r"(?i)timeout",
    "idempotency-keys": r"(?i)idempoten|duplicate|twice|replay",
    "audit-trail": r"(?i)audit|transaction log|\blogg|who (changed|created)",
    "circuit-breaker-pattern": r"(?i)circuit breaker",
    "dead-letter-queue": r"(?i)dead letter|DLQ",
    "monitoring-alert-thresholds": r"(?i)monitor|error rate|latency|\balert",
    "graceful-degradation": r"(?i)graceful|fallback",
    "api-credentials": r"(?i)credential|API key|app registration|OAuth 2\.0 |OAuth 2\.0$|OAuth 2\.0,",
    "detailed-field-mapping": r"(?i)field mapping|mapping|mapped",
    "testing-environments": r"(?i)testing|sandbox",
    "rollback-plan": r"(?i)rollback|recovery|backup",
    "workflow-documentation": r"(?i)documentation|\bdocs\b|developer portal|OpenAPI",
}

NOT_STATED = {
    # (bullet, takeaway): why the words appear without the practice
    ("int-crm-marketing#pre-sync-duplicate-cleanup", "idempotency-keys"): "cleans duplicate records already there, not duplicate operations",
    ("int-crm-support#escalation-notifications", "monitoring-alert-thresholds"): "a business alert about a ticket, not system monitoring",
    ("integration-simple#integration-documentation", "detailed-field-mapping"): "documents the mapping; the mapping itself is field-mapping",
    ("int-custom#jwt-required-claims", "access-token-expiry"): "lists the claims a JWT carries (exp among them), not expiry handling or refresh",
    ("integration-complex#logging", "audit-trail"): "a logging system named for monitoring and alerts; the audit record is all-systems-to-logging",
    ("int-complex#monitoring", "monitoring-alert-thresholds"): "names monitoring products, no alert or metric",
    ("int-custom#monitoring", "monitoring-alert-thresholds"): "names monitoring products, no alert or metric",
    ("int-custom#interactive-api-docs", "workflow-documentation"): "the form of the API docs (Swagger UI); that they must exist is openapi-documentation",
    ("int-custom#openapi-3-2-webhooks-security", "workflow-documentation"): "what OpenAPI 3.2 supports, not a practice of documenting",
}


def _bullets(catalog):
    for s in catalog.services:
        for _, item in s.bullets():
            yield s, item


def test_every_takeaway_is_linked_or_says_why(catalog):
    index = catalog.takeaway_links
    assert [lt.id for lt in index.takeaways] == [t.id for g in catalog.takeaways.groups for t in g.takeaways]
    for lt in index.takeaways:
        assert lt.applications or lt.unmatched, lt.id
    # The research repeats these practices in several services: the links say so.
    assert len(index.linked("exponential-backoff").by_service()) == 3
    assert len(index.linked("webhook-hmac-verification").by_service()) == 5
    assert {s.id for s, _ in index.linked("access-token-expiry").by_service()} >= {
        "integration-simple", "whatsapp-api-setup", "int-crm-marketing", "int-crm-accounting",
        "int-crm-support", "int-calendar", "int-custom"}


@pytest.mark.parametrize("takeaway", KEYWORDS)
def test_bullets_that_state_a_takeaway_are_linked_to_it(catalog, takeaway):
    pattern = re.compile(KEYWORDS[takeaway])
    linked = {a.ref for a in catalog.takeaway_links.linked(takeaway).applications}
    missing, stale = [], []
    for s, item in _bullets(catalog):
        ref = f"{s.id}#{item.id}"
        hit = bool(pattern.search(item.en) or pattern.search(item.he))
        excused = (ref, takeaway) in NOT_STATED
        if hit and ref not in linked and not excused:
            missing.append(f"{ref}: {item.en}")
        if excused and (not hit or ref in linked):
            stale.append(ref)
    assert not missing, f"not linked to {takeaway}:\n" + "\n".join(missing)
    assert not stale, f"NOT_STATED entries no longer apply: {stale}"


# ---------------------------------------------------------------------------
# Bad data
# ---------------------------------------------------------------------------


def _edit_links(data, change):
    path = data / LINKS
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc["links"])
    yamlio.write(path, doc, "schema/takeaway-links.schema.json")


def _problems(data):
    with pytest.raises(DataError) as err:
        load_catalog(data)
    return err.value.problems


def _set_ref(i, j, ref):
    def change(links):
        links[i]["applies_to"][j] = ref
    return change


BAD = {
    "unknown service": (_set_ref(4, 0, "int-calender#exponential-backoff"),
                        "data/takeaway-links.yaml: links[4].applies_to[0]: unknown bullet 'int-calender#exponential-backoff' "
                        "(no service 'int-calender'; nearest: integration-complex#exponential-backoff, "
                        "takeaways#exponential-backoff, integration-simple#exponential-backoff)"),
    "unknown bullet": (_set_ref(4, 0, "integration-simple#backoff"),
                       "data/takeaway-links.yaml: links[4].applies_to[0]: unknown bullet 'integration-simple#backoff' "
                       "(nearest: integration-simple#exponential-backoff, integration-simple#n8n, "
                       "integration-simple#sync-modes)"),
    "not a reference": (_set_ref(4, 0, "integration-simple/backoff"),
                        "data/takeaway-links.yaml: links[4].applies_to[0]: 'integration-simple/backoff' is not a bullet reference"),
    "listed twice": (_set_ref(4, 1, "integration-simple#exponential-backoff"),
                     "data/takeaway-links.yaml: links[4].applies_to[1]: 'integration-simple#exponential-backoff' is listed twice"),
    "unknown takeaway": (lambda links: links[4].update(takeaway="exponential-back-off"),
                         "data/takeaway-links.yaml: links[4].takeaway: unknown bullet 'takeaways#exponential-back-off' "
                         "(nearest: takeaways#exponential-backoff, integration-simple#exponential-backoff, "
                         "integration-complex#exponential-backoff)"),
    "takeaway twice": (lambda links: links[5].update(takeaway=links[4]["takeaway"]),
                       "data/takeaway-links.yaml: links[5].takeaway: duplicate takeaway 'exponential-backoff' (also links[4])"),
    "takeaway left out": (lambda links: links.pop(4),
                          "data/takeaway-links.yaml: links: takeaway 'exponential-backoff' has no entry"),
    "empty without a reason": (lambda links: links[4].update(applies_to=[]),
                               "data/takeaway-links.yaml: links[4]: applies_to is empty: list the bullets, or say why"),
    "a reason with bullets": (lambda links: links[4].update(unmatched={"he": "x", "en": "y"}),
                              "data/takeaway-links.yaml: links[4]: `unmatched` is only for a takeaway with an empty applies_to"),
    "missing name": (lambda links: links[4].pop("name"), "data/takeaway-links.yaml: links[4].name: missing"),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_links_are_reported_with_file_and_place(data_copy, case):
    change, expected = BAD[case]
    _edit_links(data_copy, change)
    found = _problems(data_copy)
    assert any(p.startswith(expected) for p in found), found


def test_an_unmatched_takeaway_is_accepted_when_it_says_why(data_copy):
    _edit_links(data_copy, lambda links: links[7].update(
        applies_to=[], unmatched={"he": "אף שירות לא מזכיר headroom", "en": "No service mentions headroom"}))
    lt = load_catalog(data_copy).takeaway_links.linked("capacity-headroom")
    assert lt.applications == () and lt.unmatched.en == "No service mentions headroom"


def test_a_broken_service_file_is_not_reported_twice(data_copy):
    path = data_copy / "services" / "int-custom.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n  bad: [", encoding="utf-8")
    found = _problems(data_copy)
    assert [p for p in found if "takeaway-links" in p] == [], found


# ---------------------------------------------------------------------------
# The built site
# ---------------------------------------------------------------------------


def _target(html, page_url, href):
    # (page url path, fragment) of a relative link on `page_url`.
    absolute = urljoin(SITE + page_url, href)
    parsed = urlparse(absolute)
    return parsed.path.lstrip("/"), parsed.fragment


def _lands(html, page_url, href) -> bool:
    path, fragment = _target(html, page_url, href)
    return html(path).find(id=fragment) is not None


@pytest.mark.parametrize("lang", LANGS)
def test_takeaways_page_links_every_bullet_that_states_each_takeaway(catalog, html, lang):
    url = LANGS[lang] + "takeaways/"
    page = html(url)
    for lt in catalog.takeaway_links.takeaways:
        li = page.find("li", id=lt.id)
        links = li.select(".hb-applies li li a")
        targets = [_target(html, url, a["href"]) for a in links]
        assert targets == [(f"{LANGS[lang]}services/{a.service.id}/", a.bullet.id) for a in lt.applications], lt.id
        for a, app in zip(links, lt.applications):
            assert _lands(html, url, a["href"]), a["href"]
            assert a.get_text() == app.bullet[lang]  # the bullet itself, in the page's language
        services = [a["href"] for a in li.select("a.hb-applies-service")]
        assert services == [f"../services/{s.id}/" for s, _ in lt.by_service()]
        count = li.select_one(".hb-applies-count").get_text()
        assert plural(lang, len(lt.applications), "in_items") in count, count  # "בשני פריטים", "12 items"


@pytest.mark.parametrize("lang", LANGS)
def test_service_pages_link_back_to_their_takeaways(catalog, html, lang):
    t = STRINGS[lang]
    for s in catalog.services:
        url = f"{LANGS[lang]}services/{s.id}/"
        page = html(url)
        expected = catalog.takeaway_links.of_service(s.id)
        box = page.select(".hb-practices li a")
        assert [_target(html, url, a["href"]) for a in box] == [(LANGS[lang] + "takeaways/", lt.id) for lt, _ in expected]
        assert all(_lands(html, url, a["href"]) for a in box)
        assert [a.get_text() for a in box] == [lt.name[lang] for lt, _ in expected]
        assert page.select_one(".hb-practices-title").get_text() == t["practices_title"]
        for _, item in s.bullets():
            marks = page.find("li", id=item.id).select("a.hb-mark")
            linked = catalog.takeaway_links.of_bullet(s.id, item.id)
            assert [_target(html, url, a["href"])[1] for a in marks] == [lt.id for lt in linked], f"{s.id}#{item.id}"
            for a, lt in zip(marks, linked):
                assert a["aria-label"] == f"{t['takeaway_mark']}: {lt.name[lang]}"
                assert _lands(html, url, a["href"])


def test_every_bullet_linked_from_a_takeaway_shows_a_marker(catalog, html):
    refs = {a.ref for lt in catalog.takeaway_links.takeaways for a in lt.applications}
    marked = set()
    for s in catalog.services:
        page = html(f"services/{s.id}/")
        marked |= {f"{s.id}#{li['id']}" for li in page.select("article li[id]") if li.select("a.hb-mark")}
    assert marked == refs
