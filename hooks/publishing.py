"""MkDocs adapter for publishing: robots.txt and the one 404 page, once the site
is built.

robots.txt names the sitemap by its absolute address, which depends on
`site_url` (the SITE_URL environment variable in deployments), so it cannot be
a static file in `docs/`.

GitHub Pages serves only the root `404.html`. mkdocs-static-i18n builds it once
per language into that same file, so the last language built would win (i18n
issue 284): an English document, `<html lang="en" dir="ltr">`, around a page
that is Hebrew first. The default language's 404 page is kept and written back
after every language is built.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from order import priority

# The default language's 404.html, as rendered in this build.
_not_found: str | None = None

# ----------------------------------------------------------------------------
# Hooks
# ----------------------------------------------------------------------------


@event_priority(priority("publishing.on_post_template"))
def on_post_template(output: str, template_name: str, config) -> str:
    # After document.py's fixes: the page exactly as written.
    global _not_found
    i18n = config.plugins.get("i18n")
    if template_name == "404.html" and (i18n is None or i18n.current_language == i18n.default_language):
        _not_found = output
    return output


@event_priority(priority("publishing.on_post_build"))
def on_post_build(config) -> None:
    # After i18n has built every language.
    global _not_found
    if getattr(config.plugins.get("i18n"), "building", False):
        return  # an inner, per-language build: the outer one finishes the site
    # Every crawler may read everything; the sitemap lists both languages.
    site_url = config.site_url.rstrip("/") + "/"
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n"
    Path(config.site_dir, "robots.txt").write_text(robots, encoding="utf-8")
    if _not_found is not None:
        Path(config.site_dir, "404.html").write_text(_not_found, encoding="utf-8")
        _not_found = None  # `mkdocs serve` renders it afresh on its next build
