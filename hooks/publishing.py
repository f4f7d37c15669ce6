"""MkDocs adapter for publishing: the site's address, robots.txt and the one 404
page, once the site is built.

The published address is `site_url`, read from the SITE_URL environment
variable (mkdocs.yml); without it, it is this machine's (http://127.0.0.1:8000/),
right for `make serve` and the tests and wrong in every canonical, hreflang,
Open Graph, sitemap and robots.txt address of a published site. So a strict
build whose address is a loopback one stops, naming SITE_URL, unless
HANDBOOK_LOCAL=1 says the site is for this machine (`make serve`, `make site`
without SITE_URL, the tests' builds).

robots.txt names the sitemap by its absolute address, which depends on
`site_url` (the SITE_URL environment variable in deployments), so it cannot be
a static file in `docs/`.

GitHub Pages serves only the root `404.html`. mkdocs-static-i18n builds it once
per language into that same file, so the last language built would win (i18n
issue 284): an English document, `<html lang="en" dir="ltr">`, around a page
that is Hebrew first. The default language's 404 page is kept and written back
after every language is built. Each other language's 404 page, wholly in that
language (navigation, search box, the theme's labels), is written under its
prefix (`en/404.html`), where GitHub Pages never serves it by itself: the root
page shows it in place, at the missing address, for a missing address under the
prefix (overrides/404.html).
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from handbook.languages import BY_CODE, DEFAULT
from handbook.strings import LLMS_HEAD, LLMS_PAGES
from handbook.yamlio import write_text
from i18nstate import building, i18n as i18n_state
from order import priority

# The default language's 404.html, as rendered in this build.
_not_found: str | None = None
# The other languages' 404 pages, by prefix (`en/`), as rendered in this build.
_not_found_under: dict[str, str] = {}
# The theme's settings script (internals.py: material_config_script).
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)

# ----------------------------------------------------------------------------
# Hooks
# ----------------------------------------------------------------------------


@event_priority(priority("publishing.on_config"))
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    problem = address_problem(config.site_url, strict=bool(config.strict), local=os.environ.get("HANDBOOK_LOCAL") == "1")
    if problem:
        raise PluginError(problem)
    return config


def address_problem(site_url: str | None, strict: bool, local: bool) -> str | None:
    """Why a build must not publish at `site_url` (None: it may)."""
    if local or not strict:
        return None
    if not site_url:
        where = "missing"
    elif is_loopback(site_url):
        where = f"{site_url}, this machine's address"
    else:
        return None
    return (f"mkdocs.yml: site_url: {where}: set SITE_URL to the address the site is published at "
            "(SITE_URL=https://<owner>.github.io/<repository>/ make site), or HANDBOOK_LOCAL=1 for a site "
            "read on this machine only; canonical, hreflang, Open Graph, sitemap and robots.txt addresses "
            "are made from it")


def is_loopback(url: str) -> bool:
    """A URL on this machine: localhost, 127.0.0.0/8, ::1 (or 0.0.0.0)."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_unspecified


@event_priority(priority("publishing.on_post_template"))
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    # After document.py's fixes: the page exactly as written.
    global _not_found
    i18n = i18n_state(config)
    if template_name == "404.html" and (i18n is None or i18n.current_language == i18n.default_language):
        _not_found = output
    elif template_name == "404.html" and i18n.current_language in BY_CODE:
        prefix = BY_CODE[i18n.current_language].prefix
        page = _CONFIG.sub(lambda m: _rebased(m, prefix), output, count=1)
        _not_found_under[prefix] = _ALTERNATE.sub(lambda m: _to_home(m, config), page)
    return output


@event_priority(priority("publishing.on_post_build"))
def on_post_build(config: MkDocsConfig) -> None:
    # After i18n has built every language.
    global _not_found
    if building(config):
        return  # an inner, per-language build: the outer one finishes the site
    # Every crawler may read everything; the sitemap lists both languages.
    site_url = config.site_url.rstrip("/") + "/"
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n"
    Path(config.site_dir, "robots.txt").write_text(robots, encoding="utf-8")
    _write_markdown_twins(config)
    if _not_found is not None:
        Path(config.site_dir, "404.html").write_text(_not_found, encoding="utf-8")
        _not_found = None  # `mkdocs serve` renders it afresh on its next build
    for prefix, page in _not_found_under.items():
        write_text(Path(config.site_dir, prefix, "404.html"), page)
    _not_found_under.clear()


# A language switch's link (in <head> and in the header), whose address comes before or after its language.
_ALTERNATE = re.compile(r'(<(?:link|a)\b[^>]*?)\bhref="[^"]*"([^>]*?\bhreflang="([a-z-]+)")'
                        r'|(<(?:link|a)\b[^>]*?\bhreflang="([a-z-]+)"[^>]*?)\bhref="[^"]*"')


def _to_home(m: re.Match, config) -> str:
    # A 404 page is no page's translation: its language links lead to each language's home
    # (i18n sets them per page, and a 404 page rendered after a page kept that page's links).
    lang = BY_CODE.get(m[3] or m[5]) or (DEFAULT if (m[3] or m[5]) == "x-default" else None)
    if lang is None:
        return m[0]
    absolute = m[0].startswith("<link")
    root = config.site_url.rstrip("/") + "/" if absolute else urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    href = f'href="{root}{lang.prefix}"'
    return f"{m[1]}{href}{m[2]}" if m[1] is not None else f"{m[4]}{href}"


def _rebased(m: re.Match, prefix: str) -> str:
    # A language's 404 page searches that language's index and opens its results under its
    # prefix, like its other pages (hooks/search.py), at any depth: `base` from the root.
    settings = json.loads(m[2])
    settings["base"] = f"{settings['base'].rstrip('/')}/{prefix}"
    return m[1] + json.dumps(settings, ensure_ascii=False) + m[3]


# ----------------------------------------------------------------------------
# For assistants: /llms.txt and a Markdown twin beside every page
# ----------------------------------------------------------------------------


def _write_markdown_twins(config) -> None:
    # Each page's Markdown twin is written beside it as the page is built (pages.py,
    # in the process that builds its language): llms.txt lists them, per language.
    from handbook.languages import LANGUAGES

    site = Path(config.site_dir)
    others = {language.prefix.strip("/") for language in LANGUAGES if language.prefix}
    sections = []
    for language in LANGUAGES:
        root = site / language.prefix
        lines = []
        for twin in sorted(root.rglob("index.md")):
            folder = twin.parent.relative_to(root)
            if not language.prefix and folder.parts and folder.parts[0] in others:
                continue  # another language's page, under its own prefix
            target = Path(language.prefix, folder, "index.md").as_posix()
            lines.append(f"- [{_title(twin.read_text(encoding='utf-8'), folder.as_posix())}]({target})")
        sections.append(LLMS_PAGES.format(language=language.name) + "\n\n" + "\n".join(lines) + "\n")
    (site / "llms.txt").write_text(LLMS_HEAD + "\n" + "\n".join(sections), encoding="utf-8")


def _title(markdown: str, fallback: str) -> str:
    # The page's title as the text of a Markdown link (data: escaped for CommonMark).
    import yaml

    from handbook.escaping import commonmark_text

    for line in markdown.splitlines():
        if line.startswith("title:"):
            return commonmark_text(yaml.safe_load(line[6:]) or fallback)
        if line.startswith("# "):
            return commonmark_text(line[2:].strip())
    return commonmark_text(fallback or "/")
