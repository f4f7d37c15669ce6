"""The search index builder, without a build: what a typed word will find."""

from __future__ import annotations

import re

from handbook.searchindex import SEPARATOR, index, keys_for, page_entries, pages_index, variants, words


def test_hebrew_words_are_findable_without_their_prefix_letters():
    assert {"סנכרון", "הסנכרון"} <= variants("והסנכרון")
    assert "טריאל" in variants("בטריאל") and "מעמ" in variants('במע"מ')
    assert variants("סנכרון") == set()  # ס is no prefix letter
    assert "rate" in variants("לrate")


def test_numbers_are_findable_without_separators_and_apart_from_their_unit():
    text = "HubSpot (10,000/day free)"
    assert "10000" in keys_for(text, text) and "10,000" not in keys_for(text, text)
    assert {"16", "mb"} <= set(keys_for("usually 16MB", "usually 16MB"))
    assert words("OAuth 2.1, HMAC-SHA256 (10,000)") == ["oauth", "2.1", "hmac", "sha256", "10,000"]


def test_the_separator_is_the_same_in_python_and_in_the_browser():
    # lunr gets SEPARATOR as a JavaScript RegExp: only syntax both engines share.
    assert "(?<!" in SEPARATOR and "\\p" not in SEPARATOR
    assert re.split(SEPARATOR, "a,b 1,000") == ["a", "b", "1,000"]


def test_a_page_gives_an_entry_per_section_and_searchable_element():
    html = """<h1 id="t">Title<a class="headerlink" href="#t">#</a></h1>
    <div id="summary" data-search="summary"><p>What it does</p></div>
    <h2 id="notes">Notes<a class="headerlink" href="#notes">#</a></h2>
    <p class="hb-hint">A hint <button data-search-skip>Print</button></p>
    <ul><li id="b1" data-search="item"><span class="hb-text">Zendesk <span dir="ltr">10</span> בטריאל</span>
    <span class="hb-platform">Zendesk Suite</span> <a class="hb-anchor" href="#b1">#</a></li></ul>"""
    entries = {e.location: e for e in page_entries(html, "services/x/")}
    assert list(entries) == ["services/x/", "services/x/#summary", "services/x/#notes", "services/x/#b1"]
    assert entries["services/x/"].name == "Title" and entries["services/x/"].boost < 1
    assert entries["services/x/#summary"].title == "Title"
    assert entries["services/x/#notes"].text == "A hint"
    bullet = entries["services/x/#b1"]
    assert bullet.title == "Notes" and bullet.text == '<p>Zendesk <span dir="ltr">10</span> בטריאל</p>'
    assert {"suite", "טריאל"} <= set(bullet.keys)


def test_a_large_site_indexed_by_two_processes_gives_the_same_index_in_page_order(request):
    pages = [(f"services/s{i}/", f'<h1 id="t">Service {i}</h1><h2 id="n">Notes {i}</h2>'
              f'<ul><li id="b" data-search="item">בסנכרון {i},000 requests</li></ul>') for i in range(7)]
    alone = index([e.as_json() for location, html in pages for e in page_entries(html, location)])
    forks = request.getfixturevalue("two_processes")
    together = pages_index(pages)
    assert forks, "the pages were not indexed by two processes"
    assert together == alone
    assert [d["location"] for d in together["docs"]][:4] == ["services/s0/", "services/s0/#n", "services/s0/#b", "services/s1/"]
    assert "סנכרון" in together["docs"][2]["keys"] and "3000" in together["docs"][11]["keys"]


def test_an_entry_is_found_by_the_aliases_of_the_glossary_terms_it_contains():
    from handbook.glossary import Explainer
    from handbook.models import Glossary

    glossary = Explainer(Glossary.model_validate({"terms": [{
        "id": "access-token", "term": "Access token", "forms": ["access token", "access tokens"],
        "definition": {"he": "אסימון", "en": "A credential"},
        "aliases": {"he": ["טוקן", "אסימון"], "en": ["token lifetime"]}}]}))
    html = '<h1 id="t">T</h1><ul><li id="b" data-search="item">QuickBooks access tokens expire</li>' \
           '<li id="c" data-search="item">Xero</li></ul>'
    entries = {e.location: e for e in page_entries(html, "x/", glossary.aliases_in)}
    assert {"טוקן", "אסימון", "lifetime"} <= set(entries["x/#b"].keys)
    assert "טוקן" not in entries["x/#c"].keys


def test_aliases_are_validated_with_their_place():
    import pytest
    from pydantic import ValidationError

    from handbook.models import GlossaryTerm

    term = {"id": "t", "term": "Token", "forms": ["token"], "definition": {"he": "א", "en": "a"}}
    for aliases, place, message in [({"he": ["token"]}, ("aliases", "he", 0), "no Hebrew letter"),
                                    ({"en": ["טוקן"]}, ("aliases", "en", 0), "Hebrew letters"),
                                    ({"he": ["טוקן", "טוקן"]}, ("aliases", "he"), "listed twice"),
                                    ({"fr": ["jeton"]}, ("aliases", "fr"), "Extra inputs")]:
        with pytest.raises(ValidationError) as error:
            GlossaryTerm.model_validate({**term, "aliases": aliases})
        assert error.value.errors()[0]["loc"] == place and message in str(error.value), aliases


def test_an_alias_that_is_already_a_form_is_reported():
    from handbook.glossary import check_glossary
    from handbook.models import Glossary

    problems: list[str] = []
    check_glossary(Glossary.model_validate({"terms": [{
        "id": "webhook", "term": "Webhook", "forms": ["webhook"], "definition": {"he": "א", "en": "a"},
        "aliases": {"en": ["Webhook"]}}]}), "data/glossary.yaml", problems)
    assert problems == ["data/glossary.yaml: terms[0].aliases.en[0]: 'Webhook' is already a form of 'webhook' "
                        "(forms are found as they are; aliases are what else a reader types)"]


def test_the_first_part_of_a_large_index_holds_names_and_fact_rows_and_waits_for_bullets():
    from handbook.searchindex import pages_indexes

    html = """<h1 id="t">Zendesk limits</h1><p>Page text that waits</p>
    <h2 id="notes">הערות בסנכרון</h2><p>Section text that waits</p>
    <ul><li id="b1" data-search="item"><span class="hb-text">A bullet that waits</span></li></ul>
    <table><tr id="f1" data-search="fact" data-search-name="Zendesk rate limit" data-search-platform="Zendesk">
    <td><span class="hb-answer-text">700 requests per minute</span></td></tr></table>"""
    whole, first = pages_indexes([("compare/x/", html), ("platforms/zendesk/", html)])
    assert first["config"] == whole["config"]
    docs = {d["location"]: d for d in first["docs"]}
    # The fact row once, on its comparison page; its copy on the platform's page waits.
    assert list(docs) == ["compare/x/", "compare/x/#notes", "compare/x/#f1",
                          "platforms/zendesk/", "platforms/zendesk/#notes"]
    assert "platforms/zendesk/#f1" in {d["location"] for d in whole["docs"]}
    # A page and a section by their names (and the names' other forms), not their text.
    assert docs["compare/x/"]["name"] == "Zendesk limits" and docs["compare/x/"]["text"] == ""
    assert docs["compare/x/#notes"]["text"] == "" and "סנכרון" in docs["compare/x/#notes"]["keys"]
    # A fact row whole: its answer shows as it will once the whole index is there.
    assert docs["compare/x/#f1"] == next(d for d in whole["docs"] if d["location"] == "compare/x/#f1")
    assert "700 requests per minute" in docs["compare/x/#f1"]["text"]
    assert "A bullet that waits" in " ".join(d["text"] for d in whole["docs"])


def test_a_large_index_is_written_as_its_first_part_naming_the_whole(tmp_path, monkeypatch):
    import json

    import search

    whole = index([{"location": f"p{i}/", "title": "t", "text": "x" * 100} for i in range(20)])
    first = index(whole["docs"][:2])
    search._write(tmp_path, whole, first)  # small: one file, the whole index
    assert json.loads((tmp_path / "search_index.json").read_text(encoding="utf-8")) == whole
    assert not (tmp_path / "search_index.full.json").exists()
    monkeypatch.setattr(search, "SPLIT_AT", 1000)
    search._write(tmp_path, whole, first)
    fetched = json.loads((tmp_path / "search_index.json").read_text(encoding="utf-8"))
    assert fetched == {**first, "full": "search_index.full.json"}
    assert json.loads((tmp_path / "search_index.full.json").read_text(encoding="utf-8")) == whole
    monkeypatch.setattr(search, "SPLIT_AT", 10**9)
    search._write(tmp_path, whole, first)  # a later build of a smaller site leaves no stale whole index
    assert not (tmp_path / "search_index.full.json").exists()
