"""One word for one thing: the site's own text (review statements, scopes and notes, the
string table, the glossary's definitions, vendor changes, takeaway names) uses the word
that data/glossary.yaml's `words` table prefers, never a variant it rejects. The
research's verbatim words (claims, bullets, plan names as the vendors write them, quotes)
are out of scope: they are the research. And how a claim was checked (a review's
`editors` field) is for editors: no page shows it."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from conftest import LANGS, strip_isolates
from handbook.generate import Generator
from handbook.models import Glossary
from handbook.strings import STRINGS

DATA = Path(__file__).resolve().parent.parent / "data"
HEBREW_PREFIXES = "והבלמשכ"

# Where each data file keeps the site's own words ({he, en} texts, or a string meant for both).
OWN_TEXT = {
    "reviews.yaml": ("official", "scope", "note"),  # not claim, quote, plan (the vendors' plan names)
    "vendor-changes.yaml": ("title", "detail"),
    "glossary.yaml": ("definition",),
    "takeaway-links.yaml": ("name", "unmatched"),
}


def _words() -> dict[str, list]:
    glossary = Glossary.model_validate(yaml.safe_load((DATA / "glossary.yaml").read_text(encoding="utf-8")))
    return {lang: getattr(glossary.words, lang) for lang in LANGS}


def _pattern(variant: str) -> re.Pattern:
    """A variant as a whole word; a Hebrew one also behind its prefix letters (הסוכן, ובטריאל)."""
    prefix = f"[{HEBREW_PREFIXES}]{{0,3}}" if re.match("[\u05d0-\u05ea]", variant) else ""
    return re.compile(rf"(?<![\w/.-]){prefix}{re.escape(variant)}(?![\w/-])", re.IGNORECASE)


def _texts(node, keys: tuple[str, ...], where: str):
    """(place, language, text) for every text under one of `keys`, found anywhere in the YAML."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for k, v in items:
        place = f"{where}.{k}" if isinstance(node, dict) else f"{where}[{k}]"
        if k in keys and isinstance(v, str):
            yield from ((place, lang, v) for lang in LANGS)
        elif k in keys and isinstance(v, dict):
            yield from ((f"{place}.{lang}", lang, v[lang]) for lang in LANGS if isinstance(v.get(lang), str))
        else:
            yield from _texts(v, keys, place)


def _site_text():
    for name, keys in OWN_TEXT.items():
        data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
        data.pop("words", None)  # the table itself names the variants
        yield from _texts(data, keys, name)
    for lang in LANGS:
        for key, text in STRINGS[lang].items():
            yield f"strings.py: {key}", lang, text


def _offences(texts, words) -> list[str]:
    found = []
    for place, lang, text in texts:
        for word in words[lang]:
            # The preferred word may contain a variant ("נקודות עלות" holds "נקודות"): it is not one.
            rest = re.sub(re.escape(word.use), " ", text, flags=re.IGNORECASE)
            for variant in word.not_:
                if _pattern(variant).search(rest):
                    found.append(f"{place} ({lang}): '{variant}', use '{word.use}'")
    return found


def test_the_site_says_one_word_for_one_thing():
    words = _words()
    texts = list(_site_text())
    # The walk reaches every kind of text it is meant to (a wrong key would check nothing).
    for source in (*OWN_TEXT, "strings.py"):
        for lang in LANGS:
            assert any(p.startswith(source) and l == lang for p, l, _ in texts), (source, lang)
    assert _offences(texts, words) == []


def test_the_terms_test_catches_a_variant_in_every_form_it_takes():
    words = _words()
    caught = _offences([
        ("a", "he", "ה-API key האישי של הסוכן."),
        ("b", "he", "כל חשבון טריאל מוגבל ל-50."),
        ("c", "he", "בחלון נע של 24 שעות"),
        ("d", "en", "Per organisation and app."),
        ("e", "en", "No service bullet states it."),
    ], words)
    assert [c.split(":")[0] for c in caught] == ["a (he)", "b (he)", "c (he)", "d (en)", "e (en)"]
    # The preferred words, a variant inside the preferred word, and literals pass.
    assert _offences([
        ("f", "he", "ה-API key האישי של הנציג, בחשבון ניסיון, 100 נקודות עלות לשנייה, בחלון מתגלגל."),
        ("g", "he", "API tokens (email/token:{token} שנשלח כ-Basic auth)"),
        ("h", "en", "Google Cloud project; Meta's review of a template; per organization."),
    ], words) == []


def test_a_table_row_without_variants_is_refused():
    data = yaml.safe_load((DATA / "glossary.yaml").read_text(encoding="utf-8"))
    data["words"]["he"].append({"use": "נציג", "not": []})
    with pytest.raises(ValidationError, match="not"):
        Glossary.model_validate(data)


def _plain(page: str) -> str:
    """A generated page as a reader reads it: no tags, no entities, no isolates, single spaces."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    return " ".join(strip_isolates(text).split())


def test_how_a_claim_was_checked_is_never_published(catalog):
    notes = {r.id: r.editors for r in catalog.reviews if r.editors}
    assert len(notes) >= 20
    generator = Generator(catalog)
    pages = {(path, lang): _plain(generator.page(path, lang)) for path in generator.paths() for lang in LANGS}
    shown = " ".join(pages.values())
    # The check can see English review words where a page shows them (the notes are English): the official
    # statements, most of them verbatim (a glossary term or a no-break space changes a few)...
    seen = [" ".join(r.official["en"].split()[:6]) in shown for r in catalog.reviews]
    assert sum(seen) > 0.9 * len(seen)
    # ... and no page shows the editors' note.
    for review_id, note in notes.items():
        assert " ".join(note.split()[:6]) not in shown, review_id
    # The statements that replaced the log speak to the reader, not of the pages read.
    for review in catalog.reviews:
        for lang in LANGS:
            text = " ".join(review.official[lang].split())
            for log in ("pages read", "stored cop", "read again", "was not read", "שנקרא", "עותק השמור",
                        "עותקים השמורים", "גרסה שמורה", "בסקירה"):
                assert log not in text, (review.id, lang, log)


def test_the_fact_tables_name_their_columns_and_sources_in_words(catalog):
    from handbook.facttables import COLUMNS
    assert COLUMNS["answer"].label["en"] == "Figure to use" and COLUMNS["answer"].label["he"] == "הנתון לשימוש"
    book = Generator(catalog).facts
    for lang in LANGS:
        labels = {link.label for row in book.rows for link in book.sources(row, lang)}
        # "Service 36", "שירות 36", or the takeaways page: never a bare service number.
        assert labels and not [label for label in labels if label.isdigit()], labels
        assert any(label == STRINGS[lang]["source_service"].format(n=36) for label in labels)


def test_one_of_a_unit_is_said_in_words_on_hebrew_pages(catalog):
    generator = Generator(catalog)
    shown = " ".join(_plain(generator.page(path, "he")) for path in generator.paths())
    # "פרמטר אחד", "שנייה אחת" (a bare "שנייה" beside "the first wait" reads as "second"), never "1 פרמטר".
    assert "פרמטר אחד" in shown and "שנייה אחת" in shown
    assert not re.search(r"(?<![\d,.])1 (פרמטר|משתנה|תו|משתמש|חיבור|מיקום|מטבע)\b", shown)
