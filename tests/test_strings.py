"""The site's own words: the same keys in both languages, every count in each
language's plural forms, American English, and Hebrew words on Hebrew pages."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT
from handbook.strings import PLURAL_FORMS, STRINGS, plural

HEBREW = re.compile(r"[\u0590-\u05FF]")
ALL_FORMS = {f for forms in PLURAL_FORMS.values() for f in forms}
# British spellings the interface once had, and their kin (US: -ize, -or, -er, one l).
BRITISH = re.compile(
    r"\b\w*(?:authoris|organis|recognis|centralis|capitalis|parameteris|normalis|prioritis|optimis|minimis"
    r"|summaris|customis|synchronis|initialis|serialis|standardis|categoris|utilis|realis|visualis)\w*"
    r"|\b(?:behaviour|colour|favour|honour|labour|centre|catalogue|cancelled|cancelling|labelled|modelling"
    r"|travelling|judgement|licence|defence|analyse)\w*")


# A counted word: a key `<base>_one` or `<base>_two` in either language (a key
# merely ending in `_other`, like `category_other`, is not one).
COUNTED = {k.rpartition("_")[0] for words in STRINGS.values() for k in words if k.endswith(("_one", "_two"))}


def _plural_bases(words: dict[str, str]) -> dict[str, set[str]]:
    bases: dict[str, set[str]] = {b: set() for b in COUNTED}
    for key in words:
        base, _, form = key.rpartition("_")
        if base in COUNTED:
            bases[base].add(form)
    return bases


def _plain_keys(words: dict[str, str]) -> set[str]:
    return {k for k in words if k.rpartition("_")[0] not in COUNTED}


def test_both_languages_have_the_same_words():
    assert _plain_keys(STRINGS["he"]) == _plain_keys(STRINGS["en"])


@pytest.mark.parametrize("lang", PLURAL_FORMS)
def test_every_counted_word_has_all_its_forms(lang):
    bases = _plural_bases(STRINGS[lang])
    assert {"items", "in_items", "in_services", "review_claims", "review_unreviewed_count", "row_count"} <= set(bases)
    for base, forms in bases.items():
        assert forms == set(PLURAL_FORMS[lang]), f"{lang}: {base}: forms {sorted(forms)}"
        assert "{n}" in STRINGS[lang][f"{base}_other"], f"{lang}: {base}_other has no {{n}}"


@pytest.mark.parametrize("lang, n, said", [
    ("en", 1, "1 claim"), ("en", 2, "2 claims"), ("en", 0, "0 claims"), ("en", 21, "21 claims"),
    ("he", 1, "טענה אחת"), ("he", 2, "שתי טענות"), ("he", 3, "3 טענות"), ("he", 0, "0 טענות"),
])
def test_counts_take_the_right_form(lang, n, said):
    assert plural(lang, n, "review_claims") == said


def test_the_review_page_counts_in_words_that_agree(catalog):
    from handbook.generate import Generator

    for lang in ("en", "he"):
        md = Generator(catalog).page("review.md", lang)
        said = re.findall(r'data-count="(\d+)">(.*?)</span>(?:</a>)?</li>', md)
        assert said, "the review page shows its counts"
        for n, words in said:
            assert re.sub(r"<[^>]+>", "", words).replace("\xa0", " ") in (plural(lang, int(n), "review_claims"),
                                                    plural(lang, int(n), "review_unreviewed_count"))


def test_english_is_american():
    words = [f"strings: {k}: {v}" for k, v in STRINGS["en"].items()]
    glossary = yaml.safe_load((ROOT / "data" / "glossary.yaml").read_text(encoding="utf-8"))
    words += [f"glossary.yaml: {t['id']}: {t['definition']['en']}" for t in glossary["terms"]]
    words += [f"glossary.yaml: {t['id']}: {t.get('expansion') or ''}" for t in glossary["terms"]]
    british = [(w, m[0]) for w in words for m in BRITISH.finditer(w.split(": ", 2)[2])]
    assert not british, british


def test_hebrew_words_are_hebrew_with_the_english_term_after():
    # Every Hebrew interface word has Hebrew in it (CRM is a name readers know, and the
    # research keeps webhooks and API credits in Latin; a bare pattern, "{units} {amount}", has no word);
    # where an English term follows, it is in parentheses after the Hebrew.
    latin_kept = {"category_crm"} | {f"unit_{form}_{unit}" for unit in ("webhook", "credit")
                                     for form in ("one", "other", "exactly_one")}
    latin_only = [k for k, v in STRINGS["he"].items()
                  if not HEBREW.search(v) and k not in latin_kept and re.search("[A-Za-z]", re.sub(r"\{\w+\}", "", v))]
    assert not latin_only, latin_only
    for key in ("prerequisites", "compare_rate-limits", "compare_webhooks", "kind_timeout", "category_cache",
                "category_api-gateway"):
        assert re.fullmatch(r"[^A-Za-z]*[\u0590-\u05FF][^()]* \([A-Za-z][^()]*\)", STRINGS["he"][key]), key


@pytest.mark.parametrize("lang, prefix", [("he", ""), ("en", "en/")])
def test_the_home_page_is_titled_once_and_search_counts_read_right(html, lang, prefix):
    page = html(prefix)
    assert page.title.get_text() == STRINGS[lang]["site_name"]
    assert html(prefix + "review/").title.get_text() == f"{STRINGS[lang]['review']} - {STRINGS[lang]['site_name']}"
    import json
    words = json.loads(page.select_one("#__config").get_text())["translations"]
    if lang == "he":
        assert words["search.result.one"] == "מסמך תואם אחד"
        assert words["search.result.other"] == "# מסמכים תואמים"
    else:
        assert words["search.result.one"] == "1 matching document"
