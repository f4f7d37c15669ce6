"""Link previews: every page's Open Graph image is in the site, a PNG of the
size its tags declare, named in the page's head with its description; the card
is drawn in the page's language (Hebrew right to left, in order) and drawn once."""

from __future__ import annotations

import functools
import io
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import LOCAL_SITE_URL, ROOT
from handbook import cards
from handbook.languages import LANGUAGES
from handbook.strings import STRINGS


@functools.cache
def _pages(site: Path) -> dict[str, BeautifulSoup]:
    # The head of every page the theme rendered (what a link preview reads), by the page's path
    # in the site, read once; a 404 page (each language's) is no link anyone shares.
    pages = {}
    for file in sorted(site.rglob("*.html")):
        path = file.relative_to(site).as_posix()
        head = file.read_text(encoding="utf-8").partition("</head>")[0]
        soup = BeautifulSoup(head, "html.parser")
        if not path.endswith("404.html") and soup.find("meta", property="og:title"):
            pages[path] = soup
    return pages


def _meta(soup: BeautifulSoup, key: str) -> str | None:
    tag = soup.find("meta", property=key) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def _white_columns(png: bytes, top: int, bottom: int) -> tuple[int, int]:
    # The leftmost and rightmost columns where the title's white letters are.
    image = Image.open(io.BytesIO(png)).convert("RGB").crop((0, top, cards.WIDTH, bottom))
    mask = image.point(lambda v: 255 if v > 240 else 0).convert("L")
    left, _, right, _ = mask.getbbox()
    return left, right


# ----------------------------------------------------------------------------
# The built site
# ----------------------------------------------------------------------------


def test_every_pages_og_image_is_in_the_site_and_of_the_declared_size(site):
    pages = _pages(site)
    assert len(pages) > 100, sorted(pages)  # both languages' pages, not a handful
    problems = []
    for path, soup in pages.items():
        url = _meta(soup, "og:image")
        if not url or not url.startswith(LOCAL_SITE_URL):
            problems.append(f"{path}: og:image {url!r} is not an absolute address of the site")
            continue
        file = site / url[len(LOCAL_SITE_URL):]
        if not file.is_file():
            problems.append(f"{path}: og:image {url}: no such file in the site")
            continue
        with Image.open(file) as image:
            declared = (int(_meta(soup, "og:image:width")), int(_meta(soup, "og:image:height")))
            if image.format != "PNG" or image.size != declared or declared != (1200, 630):
                problems.append(f"{path}: {file.name} is {image.format} {image.size}, the page says {declared}")
        if _meta(soup, "twitter:card") != "summary_large_image" or _meta(soup, "twitter:image") != url:
            problems.append(f"{path}: twitter:card {_meta(soup, 'twitter:card')!r}, twitter:image "
                            f"{_meta(soup, 'twitter:image')!r}")
        if not (_meta(soup, "og:image:alt") or "").strip():
            problems.append(f"{path}: no og:image:alt")
    assert not problems, "\n".join(problems)


def test_each_language_has_its_own_cards(site):
    # The same page in two languages: two images, each with the language's words.
    he = BeautifulSoup((site / "services/index.html").read_text(encoding="utf-8"), "html.parser")
    en = BeautifulSoup((site / "en/services/index.html").read_text(encoding="utf-8"), "html.parser")
    assert _meta(he, "og:image") == LOCAL_SITE_URL + "services/card.png"
    assert _meta(en, "og:image") == LOCAL_SITE_URL + "en/services/card.png"
    assert (site / "services/card.png").read_bytes() != (site / "en/services/card.png").read_bytes()
    assert _meta(he, "og:image:alt") == "קטלוג השירותים במדריך שירותי האינטגרציה: שירותים"
    assert _meta(en, "og:image:alt") == "Service catalog in the Integration Services Handbook: Services"


def test_no_page_without_its_own_description(site):
    # The site's description (mkdocs.yml, per language) is the theme's fallback: a page that
    # shows it says nothing of itself.
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    fallback = set(re.findall(r"^ *site_description: (.+)$", config, re.MULTILINE))
    assert len(fallback) == len(LANGUAGES), fallback
    problems = []
    for path, soup in _pages(site).items():
        description = _meta(soup, "description")
        if not description or not description.strip() or description in fallback:
            problems.append(f"{path}: description {description!r}")
        elif _meta(soup, "og:description") != description:
            problems.append(f"{path}: og:description {_meta(soup, 'og:description')!r}")
    assert not problems, "\n".join(problems)


def test_every_cards_title_is_in_the_sites_typeface(site):
    # A letter Heebo lacks is drawn as a box: a title that needs one is seen here, not in a chat.
    boxes = {path: cards.missing(_meta(soup, "og:title")) for path, soup in _pages(site).items()}
    assert not {path: letters for path, letters in boxes.items() if letters}


# ----------------------------------------------------------------------------
# The drawing
# ----------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "kind"), [
    ("", "home"), ("en/", "home"),
    ("services/", "services"), ("en/services/int-calendar/", "service"),
    ("platforms/hubspot/", "platform"), ("en/platforms/", "platforms"),
    ("compare/", "comparisons"), ("en/compare/rate-limits/", "comparison"),
    ("glossary/", "glossary"), ("en/finder/", "finder"), ("brief/", "brief"), ("en/changes/", "changes"),
    ("a-page-added-later/", "page"), ("en/guides/setup/", "page"), ("404.html", "page"),
])
def test_a_pages_kind_comes_from_its_address(url, kind):
    assert cards.kind(url) == kind


def test_every_kind_is_named_in_both_languages():
    for language in LANGUAGES:
        for kind in cards.KINDS:
            assert STRINGS[language.code].get(f"card_kind_{kind}"), (language.code, kind)


def test_hebrew_is_set_right_to_left_and_in_order():
    # The visual order: the first Hebrew word on the right, its letters from right to left; a
    # product's Latin name keeps its own order.
    assert cards._visual("סנכרון HubSpot עם Xero", rtl=True) == "Xero םע HubSpot ןורכנס"
    assert cards._visual("HubSpot to Xero", rtl=False) == "HubSpot to Xero"
    # A bracket in a right-to-left run is its mirror image: it opens on the right.
    assert cards._visual("מגבלות קצב (Rate limits)", rtl=True) == "(Rate limits) בצק תולבגמ"
    # A product's name on a Hebrew page keeps its brackets where they are (the bracket pairs rule).
    assert cards._visual("Microsoft Graph (Outlook / Microsoft 365)", rtl=True) == \
        "Microsoft Graph (Outlook / Microsoft 365)"
    assert cards._visual("שירות (HubSpot (CRM))", rtl=True) == "(HubSpot (CRM)) תוריש"


def test_a_short_part_in_brackets_stays_on_one_line():
    lines = cards._wrap("32. אינטגרציה מורכבת (3+ מערכות) " + "מילה " * 12, 72, 700, 1040, rtl=True)
    assert any("(3+ מערכות)" in line for line in lines), lines


def test_a_hebrew_title_starts_at_the_right_an_english_one_at_the_left():
    he = cards.card("סנכרון", "שירות", "מדריך שירותי האינטגרציה", "he")
    en = cards.card("Sync", "Service", "Integration Services Handbook", "en")
    top, bottom = 200, cards.HEIGHT - 100  # the title's band, below the mark, above the footer
    left, right = _white_columns(he, top, bottom)
    assert right > cards.WIDTH - 100 and left > cards.WIDTH / 2, (left, right)
    left, right = _white_columns(en, top, bottom)
    assert left < 100 and right < cards.WIDTH / 2, (left, right)


def test_a_long_title_fits_the_card():
    title = " ".join(["אינטגרציה"] * 40)
    png = cards.card(title, "שירות", "מדריך שירותי האינטגרציה", "he")
    left, right = _white_columns(png, 200, cards.HEIGHT - 100)
    assert left >= 60 and right <= cards.WIDTH - 60, (left, right)
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (cards.WIDTH, cards.HEIGHT) and image.format == "PNG"


def test_a_card_is_drawn_once_then_copied(tmp_path, monkeypatch):
    first = cards.cached("Xero", "Platform", "Integration Services Handbook", "en", tmp_path)
    assert [p.suffix for p in tmp_path.iterdir()] == [".png"]

    def no_drawing(*args):
        raise AssertionError("drawn again")

    monkeypatch.setattr(cards, "card", no_drawing)
    assert cards.cached("Xero", "Platform", "Integration Services Handbook", "en", tmp_path) == first
    # Another title, language or drawing is another card.
    keys = {cards.key("Xero", "Platform", "s", "en"), cards.key("Xero ", "Platform", "s", "en"),
            cards.key("Xero", "Platform", "s", "he")}
    monkeypatch.setattr(cards, "VERSION", cards.VERSION + "-next")
    keys.add(cards.key("Xero", "Platform", "s", "en"))
    assert len(keys) == 4


def test_the_cache_is_the_users_own_under_the_temporary_folder():
    import os
    import tempfile

    folder = cards.cache_folder()
    assert folder is not None and folder.parent == Path(tempfile.gettempdir())
    assert folder.stat().st_uid == os.getuid()
