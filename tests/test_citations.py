"""The answer first, and citations that carry it: over every bullet and every fact
row of the built site (service, takeaway, comparison, platform and finder pages,
both languages), from the citation payloads the pages hold (what cite.js copies:
each line's plain text and the HTML), not a sample.

- A bullet whose review is not verified copies the review's official statement
  and figures first, where they come from, then the research's words labelled
  as the research's, with the verdict.
- A row copies its answer; a research figure no vendor confirmed is copied as
  the research's, not in bold (on the page neither).
- No line that holds an official figure carries a "wrong" or "outdated" badge:
  the verdict belongs to the research's words.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import LANGS
from handbook import answers
from handbook.dates import written
from handbook.facttables import FactBook
from handbook.strings import STRINGS

# Direction marks and isolates a plain-text citation may carry (bidi.py): not what a reader reads.
_MARKS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
CORRECTION = ("wrong", "outdated")


def _norm(text: str) -> str:
    return " ".join(_MARKS.sub("", text).split())


@pytest.fixture(scope="module")
def book(catalog):
    return FactBook(catalog)


def _pages(site, lang) -> list[str]:
    """Every built page with bullets or fact rows, as URL paths."""
    root = site / LANGS[lang].rstrip("/") if LANGS[lang] else site
    found = []
    for section in ("services", "platforms", "compare", "takeaways", "finder"):
        for page in sorted((root / section).rglob("index.html")):
            found.append(str(page.parent.relative_to(site)).replace("\\", "/") + "/")
    return found


def _payload(holder):
    """The citation a copy control copies: its lines' plain texts and the HTML of each line."""
    template = holder.select_one("button.hb-cite").find_next_sibling("template")
    lines = template.select(".hb-cite-line")
    return [_norm(line["data-text"]) for line in lines], lines


def _text(tag) -> str:
    # What a mail client shows of a line (BeautifulSoup leaves a <template>'s strings out of get_text).
    return BeautifulSoup(str(tag), "html.parser").get_text()


def _holders(html, site, lang, selector):
    for path in _pages(site, lang):
        for holder in html(path).select(selector):
            yield path, holder


def _bullet(catalog, ref):
    if ref.service == "takeaways":
        return next(tk for g in catalog.takeaways.groups for tk in g.takeaways if tk.id == ref.bullet)
    return next(i for _, i in catalog.service(ref.service).bullets() if i.id == ref.bullet)


# ---------------------------------------------------------------------------
# Bullets
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_bullet_not_verified_copies_the_official_answer_first(catalog, html, lang):
    t = STRINGS[lang]
    checked = 0
    for review in catalog.reviews:
        if not answers.leads(review):
            continue
        for ref in review.bullets:
            url = LANGS[lang] + ("takeaways/" if ref.service == "takeaways" else f"services/{ref.service}/")
            where = f"/{url}#{ref.bullet} ({review.id})"
            text, lines = _payload(html(url).find("li", id=ref.bullet))
            official = _norm(review.official[lang])
            assert official in text, f"{where}: the official statement is not copied"
            at = text.index(official)
            # The vendor's figures, a line each, bold in the HTML, before the statement.
            for figure in answers.Answers(catalog).figure_lines(review, lang):
                line = _norm(f"{figure.text} ({figure.detail})" if figure.detail else figure.text)
                assert line in text[:at], f"{where}: figure {line!r} not copied before the statement"
                assert lines[text.index(line)].find("strong"), f"{where}: {line!r} not bold"
            # Where it comes from, in words, with the day of the check.
            origin = text[at + 1]
            assert origin.startswith(f"{t[answers.origin(review)]}, ") and written(review.checked, lang) in origin, where
            # The research's words come after, labelled as the research's, with the verdict.
            words = _norm(_bullet(catalog, ref)[lang])
            said = [i for i, line in enumerate(text) if words in line]
            assert len(said) == 1, f"{where}: the research's words copied {len(said)} times"
            research = text[said[0]]
            assert said[0] > at and research.startswith(f"{t['research_says']}: «{words}»"), where
            assert t["status_" + review.status] in research.split("»")[-1], where
            # The HTML holds the same answer.
            assert official in _norm(" ".join(_text(line) for line in lines)), where
            checked += 1
    assert checked == sum(len(r.bullets) for r in catalog.reviews if answers.leads(r)) >= 70


# ---------------------------------------------------------------------------
# Fact rows
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_fact_row_copies_its_answer_and_never_a_research_figure_as_official(book, html, site, lang):
    t = STRINGS[lang]
    checked = set()
    for path, tr in _holders(html, site, lang, "table.hb-fact-table tbody tr[id]"):
        row = book.by_id[tr["id"]]
        platform = path.removeprefix("en/").split("/")
        if platform[0] == "platforms" and len(platform) > 2 and platform[1]:
            # A platform's page shows a general fact with that vendor's figures only.
            row = {r.id: r for r in book.for_platform(platform[1]).rows}[tr["id"]]
        where = f"/{path}#{row.id}"
        text, lines = _payload(tr)
        research = [i for i, line in enumerate(text) if line.startswith(f"{t['research_says']}: «")]
        assert len(research) == 1, where
        assert text[research[0]] == _norm(f"{t['research_says']}: «{row.fact.stated[lang]}» · {t['status_' + row.status]}")
        answer = lines[1:1 + len(row.answer_lines(lang))]
        for line, html_line in zip(row.answer_lines(lang), answer):
            copied = _norm(html_line["data-text"])
            expected = _norm(f"{line.text} ({line.detail})" if line.detail else line.text)
            assert copied.startswith(expected), (where, copied, expected)
            assert html_line.has_attr("data-answer"), where  # narrowed with the plan filter (cite.js)
            if line.statement:
                continue
            if row.confirmed:
                assert _norm(_text(html_line.find("strong"))) == _norm(line.text), where
            else:
                # The research's figure, which no vendor confirmed: said so, and not bold.
                assert copied.endswith(f"({t['research_unconfirmed']})"), where
                assert html_line.find("strong") is None, where
        assert research[0] > len(answer), f"{where}: the research's words before the answer"
        if row.review:
            assert any(line.startswith(f"{t[answers.origin(row.review)]}, ") for line in text), where
            if row.restated:
                assert _norm(row.review.official[lang]) in text, where
        if row.status != "verified":
            checked.add(row.id)
    not_verified = {r.id for r in book.rows if r.status != "verified"}
    assert checked == not_verified and len(checked) >= 30


@pytest.mark.parametrize("lang", LANGS)
def test_a_research_figure_no_vendor_confirmed_is_not_bold_on_the_page(book, html, site, lang):
    t = STRINGS[lang]
    seen = {True: 0, False: 0}
    for path, tr in _holders(html, site, lang, "table.hb-fact-table tbody tr[id]"):
        row = book.by_id[tr["id"]]
        for line in tr.select("td.hb-col-answer .hb-line"):
            figure = line.select_one(".hb-figure")
            if figure is None:
                continue  # an official statement in words
            assert (figure.name == "strong") == row.confirmed, f"/{path}#{row.id}"
            unconfirmed = line.select_one(".hb-unconfirmed")
            assert (unconfirmed is not None) == (not row.confirmed), f"/{path}#{row.id}"
            if unconfirmed is not None:
                assert unconfirmed.get_text() == f"({t['research_unconfirmed']})"
            seen[row.confirmed] += 1
    assert seen[True] and seen[False]


# ---------------------------------------------------------------------------
# Badges
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_no_line_with_an_official_figure_carries_a_wrong_or_outdated_badge(html, site, lang):
    badges = ", ".join(f".hb-review-{s}" for s in CORRECTION)
    rows = bullets = 0
    for path, tr in _holders(html, site, lang, "table.hb-fact-table tbody tr[id]"):
        if tr.select(".hb-line-official"):
            assert not tr.select(badges), f"/{path}#{tr['id']}: a verdict badge beside the official answer"
            rows += 1
    for path, li in _holders(html, site, lang, "li[data-search=item]"):
        if not li.select(".hb-answer"):
            continue
        assert not li.select(f".hb-answer .hb-review, .hb-answer :is({badges})"), f"/{path}#{li['id']}"
        for badge in li.select(badges):
            # The verdict follows the research's words, which are labelled as the research's.
            words = badge.find_previous(class_="hb-text")
            assert words is not None and words.find_parent("li") is li, f"/{path}#{li['id']}"
            assert words.find_previous_sibling(class_="hb-research-label"), f"/{path}#{li['id']}"
        bullets += 1
    assert rows >= 40 and bullets >= 60


# ---------------------------------------------------------------------------
# Search results
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_search_result_shows_the_answer_before_the_research(catalog, site, lang):
    # The result of a bullet a review answers: the vendor's figures and where they come
    # from, then the research's words, labelled, with the verdict.
    import json

    t = STRINGS[lang]
    index = json.loads((site / LANGS[lang] / "search/search_index.json").read_text(encoding="utf-8"))
    docs = {d["location"]: d for d in index["docs"]}
    shown = 0
    for review in catalog.reviews:
        if not answers.leads(review):
            continue
        for ref in review.bullets:
            if ref.service == "takeaways":
                continue
            text = _norm(BeautifulSoup(docs[f"services/{ref.service}/#{ref.bullet}"]["text"], "html.parser").get_text())
            words = _norm(_bullet(catalog, ref)[lang])
            origin = text.index(f"{t[answers.origin(review)]}, ")
            said = text.index(f"{t['research_says']}: {words}")
            assert origin < said, (ref.bullet, text)
            for figure in answers.Answers(catalog).figure_lines(review, lang):
                assert text.index(_norm(figure.text)) < said, (ref.bullet, figure.text)
            shown += 1
    assert shown >= 60


# ---------------------------------------------------------------------------
# Plain text
# ---------------------------------------------------------------------------


def _read(html: str, direction: str, simple: bool) -> list[str] | None:
    # What answers.plain_line's reader gets from `html`: by its own reading of tags as
    # the templates write them (None where it declines), or by Python's HTML parser.
    reader = answers._PlainText(direction)
    if simple:
        return reader.out if answers._read_simple(html, reader) else None
    parser = answers._Parser(reader)
    parser.feed(html)
    parser.close()
    return reader.out


def test_a_citation_line_is_read_as_the_html_parser_reads_it(catalog, monkeypatch):
    # Every line of every citation of the real site, both languages: plain_line reads the
    # templates' HTML itself (the parser took a fifth of the time of making a page), and
    # reads it as Python's HTML parser does.
    from handbook.generate import Generator

    lines = set()
    plain_line = answers.plain_line
    monkeypatch.setattr(answers, "plain_line", lambda html, lang: lines.add((str(html), lang)) or plain_line(html, lang))
    generator = Generator(catalog)
    for document in generator.documents():
        generator.page(document.path, document.lang)
    assert len(lines) > 1000
    for html, lang in lines:
        direction = "rtl" if lang == "he" else "ltr"
        assert _read(html, direction, simple=True) == _read(html, direction, simple=False), html


@pytest.mark.parametrize("html", [
    'a <b>x</b> &amp; <!-- c --> d', '<SPAN DIR="ltr">x</SPAN>', "<span dir='rtl'>y</span> z", "<br/>x",
    "<script>a<b</script>", "a < b", "</span a>", '<span dir=ltr>x</span>',
])
def test_html_not_written_as_the_templates_write_it_goes_to_the_html_parser(html):
    assert _read(html, "rtl", simple=True) is None
    text = re.sub(r"[ \t\n\r\f\v]+", " ", "".join(_read(html, "rtl", simple=False))).strip(" ")
    assert answers.plain_line(html, "he") == (answers.MARK["rtl"] + text if text else "")
