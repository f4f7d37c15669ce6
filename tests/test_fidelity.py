"""The data says what the research says: every bullet once, in its own section,
in research order, Hebrew verbatim; English keeps every number."""

from __future__ import annotations

import re
from collections import Counter

from handbook.models import SECTIONS

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def test_research_has_the_expected_shape(research):
    # If the research changes shape, this says so before the other tests confuse.
    assert [s.number for s in research.services] == list(range(31, 41))
    assert sum(len(b) for s in research.services for b in s.sections.values()) == 400
    assert [len(g.bullets) for g in research.groups] == [4, 4, 5, 4, 5]


def test_every_service_bullet_once_in_its_section_in_order(catalog, research):
    assert [(s.number, s.id) for s in catalog.services] == [(s.number, s.id) for s in research.services]
    for rs in research.services:
        service = catalog.service(rs.id)
        assert service.title.he == rs.title, f"{rs.id}: title"
        assert service.summary.he == rs.summary, f"{rs.id}: summary"
        for key in SECTIONS:
            expected = [b.text for b in rs.sections[key]]
            actual = [item.he for item in service.section(key)]
            assert actual == expected, f"{rs.id}: {key} differs from the research (lines {rs.sections[key][0].line}-)"


def test_all_422_bullets_present_exactly_once(catalog, research):
    in_data = Counter(item.he for s in catalog.services for _, item in s.bullets())
    in_data += Counter(t.he for g in catalog.takeaways.groups for t in g.takeaways)
    in_research = Counter(b.text for s in research.services for bs in s.sections.values() for b in bs)
    in_research += Counter(b.text for g in research.groups for b in g.bullets)
    assert sum(in_research.values()) == 422
    assert in_data == in_research


def test_takeaways_follow_the_summary(catalog, research):
    assert catalog.takeaways.heading == research.summary_heading
    assert [g.heading for g in catalog.takeaways.groups] == [g.heading for g in research.groups]
    for group, rg in zip(catalog.takeaways.groups, research.groups):
        assert [t.he for t in group.takeaways] == [b.text for b in rg.bullets]


def _texts(catalog):
    for s in catalog.services:
        yield f"{s.id}: title", s.title.he, s.title.en
        yield f"{s.id}: summary", s.summary.he, s.summary.en
        for key, item in s.bullets():
            yield f"{s.id}: {key}.{item.id}", item.he, item.en
    for g in catalog.takeaways.groups:
        for t in g.takeaways:
            yield f"takeaways: {t.id}", t.he, t.en


def test_english_keeps_every_number(catalog):
    missing = []
    for where, he, en in _texts(catalog):
        he_numbers, en_numbers = Counter(NUMBER.findall(he)), Counter(NUMBER.findall(en))
        lost = he_numbers - en_numbers
        if lost:
            missing.append(f"{where}: {sorted(lost)} not in {en!r}")
    assert not missing, "\n".join(missing)


def test_english_keeps_formulas_and_symbols(catalog):
    # Exact technical strings survive translation character for character.
    keep = ["base64(HMACSHA256(timestamp + body))", "+972501234567", "050-123-4567", "→", "↔",
            "100-150 calls/min", "$0.005-0.05", "1s, 2s, 4s", "/v1/, /v2/", "HMAC-SHA256", "OAuth 2.1"]
    problems = []
    for where, he, en in _texts(catalog):
        for token in keep:
            if he.count(token) > en.count(token):
                problems.append(f"{where}: {token!r} lost in {en!r}")
    assert not problems, "\n".join(problems)


def test_english_is_english(catalog):
    # A translation with Hebrew letters left in it is not finished.
    hebrew = re.compile(r"[\u0590-\u05FF]")
    leftovers = [where for where, _, en in _texts(catalog) if hebrew.search(en)]
    assert not leftovers, leftovers
