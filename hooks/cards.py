"""MkDocs adapter for link previews: each page's Open Graph image, written beside
the page, and the values of the tags that name it (`hb_card`, read by
overrides/main.html's head).

The drawing is `handbook.cards` (no MkDocs there): the page's title, its kind
(by its address: any page gets one, a page type added later included) and its
language in, PNG bytes out, kept between builds in a per-user cache, so a
rebuild copies files. Each language's process writes its own pages' cards.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from order import priority

from handbook import cards
from handbook.languages import of_url
from handbook.strings import STRINGS

_folder = cards.cache_folder()

# ----------------------------------------------------------------------------
# Hooks
# ----------------------------------------------------------------------------


@event_priority(priority("cards.on_page_context"))
def on_page_context(context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
    if not page.canonical_url:
        return context  # no site address to make the image's absolute one from
    lang = of_url(page.url)
    words = STRINGS[lang.code]
    kind = words["card_kind_" + cards.kind(page.url)]
    title = _title(page, config)
    site = lang.site_name
    data = cards.cached(title, kind, site, lang.code, _folder)
    html = Path(page.file.abs_dest_path)
    name = cards.file_name(html.name)
    html.parent.mkdir(parents=True, exist_ok=True)
    cards.write_bytes(html.parent / name, data)
    context["hb_card"] = {
        "url": urljoin(page.canonical_url, name),
        "width": cards.WIDTH,
        "height": cards.HEIGHT,
        "alt": words["card_alt"].format(kind=kind, title=title, site=site),
    }
    return context


# ----------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------


def _title(page, config) -> str:
    # The title the preview's text shows (overrides/main.html's og:title), as plain text.
    if page.meta.get("title"):
        return str(page.meta["title"])  # front matter: text
    if page.title and not page.is_homepage:
        return Markup(str(page.title)).striptags()
    return config.site_name
