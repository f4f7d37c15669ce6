"""The glossary: it covers the research's abbreviations and key terms, its page
has an anchor per term, and every page explains each term where it occurs, in
the page's language, reachable by hover and by keyboard."""

from __future__ import annotations

import re

import pytest
import yaml
from bs4 import NavigableString

from conftest import LANGS, strip_isolates
from handbook import yamlio
from handbook.catalog import DataError, load_catalog
from handbook.strings import STRINGS

# Upper-case words in the research that are names, not terms a reader needs
# explained (products, vendors, HTTP verbs, permission names), with why.
NOT_TERMS = {
    "AWS": "vendor (Amazon Web Services), named with its product",
    "SQS": "a product name (AWS SQS), explained by the queue system term",
    "AD": "part of the product name Azure AD",
    "ID": "an identifier; plain English",
    "UI": "part of Swagger UI, which is a term",
    "URL": "a web address; plain English",
    "IP": "part of IP whitelisting, which is a term",
    "POST": "HTTP method, explained under REST",
    "PUT": "HTTP method, explained under REST",
    "DELETE": "HTTP method, explained under REST",
    "CorePlus": "QuickBooks' name for a class of API calls",
    "ReadWrite": "part of a permission name (Calendars.ReadWrite)",
}
NAME_LIKE = re.compile(r"[A-Z][a-z]+[A-Z]")  # HubSpot, WooCommerce: product names
ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*(?:-[A-Z0-9]+)*(?![\w])")

PAGES = ["", "services/", "takeaways/"]  # plus every service page


def _texts(catalog):
    for s in catalog.services:
        yield s.title.en
        yield s.summary.en
        for _, item in s.bullets():
            yield item.en
            yield item.he
    for g in catalog.takeaways.groups:
        for t in g.takeaways:
            yield t.en


def test_every_abbreviation_of_the_research_is_in_the_glossary(catalog):
    forms = {f for term in catalog.glossary.terms for f in term.forms}
    missing = set()
    for text in _texts(catalog):
        for word in ACRONYM.findall(text):
            if word in forms or word in NOT_TERMS or NAME_LIKE.match(word) or any(word in f.split() for f in forms):
                continue
            if any(w in forms or w in NOT_TERMS for w in word.split("-")) or word.startswith("CRM-"):
                continue
            missing.add(word)
    assert not missing, sorted(missing)


def test_key_terms_of_the_issue_are_explained(catalog):
    ids = {t.id for t in catalog.glossary.terms}
    for needed in ("oauth", "hmac-sha256", "jwt", "dead-letter-queue", "sla", "rrule", "sku", "cors", "gdpr",
                   "can-spam", "token-bucket", "idempotency-key", "circuit-breaker", "webhook", "rate-limit",
                   "exponential-backoff"):
        assert needed in ids, needed


def test_longest_spelling_wins_and_words_stay_whole(catalog):
    split = catalog.glossary.split
    assert [(t.id if t else None, p) for t, p in split("HMAC-SHA256 signature")] == [
        ("hmac-sha256", "HMAC-SHA256"), (None, " signature")]
    assert [t.id for t, _ in split("API Keys or an API") if t] == ["api-key", "api"]
    assert [t.id for t, _ in split("RESTful or rest") if t] == []  # not inside words, case-sensitive
    assert [t.id for t, _ in split("Webhooks and webhook") if t] == ["webhook", "webhook"]


def test_hand_written_prose_is_explained_but_not_its_links_code_or_headings(catalog):
    from handbook.generate import Generator
    md = ("---\ntitle: OAuth\n---\n# OAuth\n\nUse OAuth, see [OAuth](https://oauth.net/) "
          "and `OAuth`; then OAuth again.\n<p>OAuth</p>\n")
    out = Generator(catalog).expand_markers(md, "en", "x.md", "docs/en/x.md")
    lines = out.split("\n")
    assert lines[:4] == ["---", "title: OAuth", "---", "# OAuth"]
    assert lines[5].count("<abbr") == 2  # the prose twice, not the link, its URL or the code
    assert lines[5].count('tabindex="0"') == 1  # one keyboard stop per term and page
    assert "[OAuth](https://oauth.net/)" in lines[5] and "`OAuth`" in lines[5]
    assert lines[6] == "<p>OAuth</p>"


# ---------------------------------------------------------------------------
# Bad data
# ---------------------------------------------------------------------------


def _edit(data, change):
    path = data / "glossary.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc["terms"])
    yamlio.write(path, doc, "schema/glossary.schema.json")


@pytest.mark.parametrize("change, expected", [
    (lambda terms: terms[1].update(id=terms[0]["id"]), "data/glossary.yaml: terms[1].id: duplicate glossary term id 'api' (also terms[0])"),
    (lambda terms: terms[1]["forms"].append("API"), "data/glossary.yaml: terms[1].forms[4]: 'API' is already a form of 'api'"),
    (lambda terms: terms[2]["definition"].pop("he"), "data/glossary.yaml: terms[2].definition.he: missing"),
    (lambda terms: terms[2].update(forms=[]), "data/glossary.yaml: terms[2].forms:"),
])
def test_bad_glossary_is_reported_with_file_and_place(data_copy, change, expected):
    _edit(data_copy, change)
    with pytest.raises(DataError) as err:
        load_catalog(data_copy)
    assert any(p.startswith(expected) for p in err.value.problems), err.value.problems


# ---------------------------------------------------------------------------
# The built site
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_page_has_an_anchor_and_a_definition_per_term(catalog, html, lang):
    page = html(LANGS[lang] + "glossary/")
    assert page.select_one("article h1").get_text().strip().rstrip("#") == STRINGS[lang]["glossary"]
    # each term and its definition are one group, whose id is the link target (so both highlight)
    entries = page.select("dl.hb-glossary > div.hb-glossary-entry")
    assert sorted(e["id"] for e in entries) == sorted(t.id for t in catalog.glossary.terms)
    for entry in entries:
        term = next(t for t in catalog.glossary.terms if t.id == entry["id"])
        assert entry.select_one("dt .hb-term-name").get_text() == term.term
        assert entry.select_one("dt + dd").get_text() == term.definition[lang]
        assert entry.select_one(f'dt a[href="#{term.id}"]') is not None
    # the glossary is in the menu of every page, in the page's language
    nav = [a.get_text().strip() for a in html(LANGS[lang]).select("nav.md-nav--primary a.md-nav__link")]
    assert STRINGS[lang]["glossary"] in nav


def _unexplained(article, glossary):
    # Text outside an explanation, where a term would still be plain: not in
    # headings, links, checklist labels or drawn flows (their terms are
    # explained in the text), nor inside identifiers, URLs or code. A vendor's
    # sentence quoted as evidence (`q`) stays as the vendor wrote it; a list's
    # options hold text only.
    skip = ("abbr", "a", "h1", "h2", "h3", "code", "script", "style", "label", "q", "select",
            "template")  # a citation to copy (template.hb-cite-body) is plain text for an email
    for node in article.find_all(string=True):
        if not isinstance(node, NavigableString) or node.find_parent(skip):
            continue
        if node.find_parent(class_=["hb-flow", "hb-platforms"]):
            continue
        for _, piece in ((t, p) for t, p in glossary.split(str(node)) if t is not None):
            yield piece, str(node)


def _site_pages(catalog):
    return PAGES + [f"services/{s.id}/" for s in catalog.services]


@pytest.mark.parametrize("lang", LANGS)
def test_terms_are_explained_wherever_they_occur(catalog, html, lang):
    glossary = catalog.glossary
    by_tooltip = {strip_isolates(glossary.tooltip(t, lang)): t for t in glossary.terms}
    total = 0
    for url in _site_pages(catalog):
        article = html(LANGS[lang] + url).select_one("article")
        left = list(_unexplained(article, glossary))
        assert not left, f"{LANGS[lang]}{url}: unexplained {left[:5]}"
        focusable: dict[str, int] = {}
        for abbr in article.select("abbr.hb-term"):
            term = by_tooltip.get(strip_isolates(abbr["title"]))
            assert term is not None, f"{url}: {abbr['title']!r} is not a definition in {lang}"
            assert abbr.get_text() in [s for f in term.forms for s in (f, f[0].swapcase() + f[1:])]
            if abbr.get("tabindex") == "0":
                focusable[term.id] = focusable.get(term.id, 0) + 1
            total += 1
        # one stop per term and page for the keyboard: the first occurrence
        terms_here = {by_tooltip[strip_isolates(a["title"])].id for a in article.select("abbr.hb-term")}
        assert focusable == {t: 1 for t in terms_here}, url
        first = {}
        for abbr in article.select("abbr.hb-term"):
            first.setdefault(by_tooltip[strip_isolates(abbr["title"])].id, abbr)
        assert all(a.get("tabindex") == "0" for a in first.values()), url
    assert total > 400


def test_terms_stay_whole_words_of_prose(catalog):
    words = lambda text: [p for _, p in ((t, p) for t, p in catalog.glossary.split(text) if t is not None)]
    # never inside an HTTP header name, an identifier, a URL, code or a placeholder
    assert words("Zendesk signs webhooks with X-Zendesk-Webhook-Signature = base64(HMAC-SHA256(timestamp + body))") \
        == ["webhooks", "base64", "HMAC-SHA256"]
    assert words("הכותרות webhook-id ו-webhook-timestamp מאפשרות מניעת כפילויות") == []
    assert words('the signed content is "msg_id.timestamp.payload", header webhook-signature "v1,<base64>"') == []
    assert words("see https://developer.zendesk.com/documentation/webhooks/ or `OAuth` or www.oauth.net/api") == []
    # a term that is itself joined (HMAC-SHA256, last-write-wins), or after a Hebrew prefix, still counts
    assert words("ה-webhook: last-write-wins, source-of-truth; HTTPS/TLS; OAuth.") == [
        "webhook", "last-write-wins", "source-of-truth", "HTTPS", "TLS", "OAuth"]


# Where a marked term must never be: headings, checklist labels, links (platform
# names among them), code, a table's caption and headings, a box's summary.
NO_TERMS_INSIDE = ["h1", "h2", "h3", "h4", "h5", "h6", "label", "a", "code", "pre", "caption", "th", "summary"]
_JOINED_BEFORE = re.compile(r"(?:[A-Za-z0-9_][-._]|[A-Za-z0-9_]|<|://\S*)$")
_JOINED_AFTER = re.compile(r"^(?:[-._][A-Za-z0-9_]|[A-Za-z0-9_]|>)")


def _around(abbr):
    # The text just before and just after a marked term, within its text (a
    # bullet's words, not the flow diagram or the markers beside them).
    block = abbr.find_parent(class_="hb-text") or abbr.find_parent(["p", "td", "dd", "dt", "li", "div", "article"])
    before, after, seen = [], [], False
    for s in block.find_all(string=True):
        if s.parent is abbr:
            seen = True
        elif not seen:
            before.append(str(s))
        else:
            after.append(str(s))
    return "".join(before)[-80:], "".join(after)[:80]


@pytest.mark.parametrize("lang", LANGS)
def test_no_term_is_marked_inside_identifiers_headings_or_labels(site, html, lang):
    pages = sorted(str(p.parent.relative_to(site / LANGS[lang])) for p in (site / LANGS[lang]).rglob("index.html"))
    pages = [p for p in pages if not p.startswith(("en", "search", "assets"))] if lang == "he" else pages
    marked = wrong = 0
    for page in pages:
        url = LANGS[lang] + ("" if page == "." else page + "/")
        article = html(url).select_one("article")
        if article is None:
            continue
        inside = [a for a in article.select("abbr.hb-term") if a.find_parent(NO_TERMS_INSIDE)]
        assert not inside, f"/{url}: terms marked in headings, labels or links: {[a.get_text() for a in inside][:5]}"
        for abbr in article.select("abbr.hb-term"):
            before, after = _around(abbr)
            if _JOINED_BEFORE.search(before) or _JOINED_AFTER.search(after):
                wrong += 1
                print(f"/{url}: {before[-30:]}[{abbr.get_text()}]{after[:30]}")
            marked += 1
    assert wrong == 0, f"{wrong} terms marked inside identifiers, header names, URLs or code (printed above)"
    # ordinary occurrences are still marked, on every kind of page
    assert marked > 1000, marked
    zendesk = html(LANGS[lang] + "services/int-crm-support/").select_one("article")
    headers = [s for s in zendesk.find_all(string=re.compile("X-Zendesk-Webhook-Signature"))]
    assert headers, "the Zendesk review names its signature header"
    webhooks = [a for a in zendesk.select("abbr.hb-term") if a.get_text().lower().startswith("webhook")]
    assert len(webhooks) >= 5, [a.get_text() for a in webhooks]
    checklist = zendesk.select(".hb-checklist label")
    assert checklist and not any(l.select("abbr") for l in checklist)
    assert any(l.find(string=re.compile("API")) for l in checklist)  # the words are there, unmarked


def test_explanations_keep_latin_runs_isolated_in_hebrew(html):
    page = html("services/int-custom/")
    abbrs = page.select("article abbr.hb-term")
    # inside a Hebrew page every Latin term sits in its isolated run
    assert abbrs and all(a.find_parent("span", attrs={"dir": "ltr"}) for a in abbrs)
    # and the tooltip text isolates Latin runs with Unicode isolates
    jwt = next(a for a in abbrs if a.get_text() == "JWT")
    assert jwt["title"].startswith("\u2066JSON Web Token\u2069: \u2066token\u2069 חתום")  # a run ends at ": "


@pytest.mark.parametrize("lang, form", [("he", "rate limits"), ("en", "rate limits")])
def test_hand_written_pages_explain_their_terms(html, catalog, lang, form):
    page = html(LANGS[lang])
    abbr = next(a for a in page.select("article abbr.hb-term") if a.get_text() == form)
    assert strip_isolates(abbr["title"]) == strip_isolates(catalog.glossary.tooltip(
        next(t for t in catalog.glossary.terms if t.id == "rate-limit"), lang))
    assert abbr.get("dir") == ("ltr" if lang == "he" else None)
