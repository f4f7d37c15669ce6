"""The built pages' parts of the look that need no browser: the glossary's
letter index, the flows' direction, the pages given the screen's width."""

from __future__ import annotations

import pytest

from conftest import strip_isolates


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_glossary_has_a_letter_index_to_each_letters_first_term(html, catalog, prefix):
    page = html(f"{prefix}glossary/")
    links = page.select("nav.hb-letters a")
    entries = page.select(".hb-glossary-entry")
    first = {}
    for entry in entries:  # the page lists the terms in order: a letter's first entry is its target
        first.setdefault(strip_isolates(entry.select_one(".hb-term-name").get_text()).strip()[0].upper(), entry["id"])
    assert {a.get_text(): a["href"] for a in links} == {letter: f"#{id_}" for letter, id_ in first.items()}
    assert [a.get_text() for a in links] == sorted(first)
    assert len(entries) == len(catalog.glossary.terms)


@pytest.mark.parametrize("prefix, arrow", [("", "⟵"), ("en/", "⟶")])
def test_a_flow_diagram_points_the_way_its_page_reads(html, prefix, arrow):
    flows = html(f"{prefix}services/int-crm-marketing/").select(".hb-flow.hb-one-way")
    assert flows
    for flow in flows:
        assert flow.get("dir") is None  # the page's own direction, not left to right everywhere
        assert {a.get_text() for a in flow.select(".hb-arrow")} == {arrow}
        assert all(a.parent.get("class") == ["hb-step"] and a.find_next_sibling(class_="hb-node") for a in flow.select(".hb-arrow"))


@pytest.mark.parametrize("path, wide", [("compare/auth/", True), ("en/review/", True), ("changes/", True),
                                        ("en/services/int-calendar/", False), ("glossary/", False)])
def test_pages_of_wide_tables_are_marked_wide(html, path, wide):
    assert bool(html(path).select(".hb-wide")) == wide
