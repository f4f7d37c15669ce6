"""MkDocs adapter for publishing: robots.txt, written once the site is built.

It names the sitemap by its absolute address, which depends on `site_url`
(the SITE_URL environment variable in deployments), so it cannot be a static
file in `docs/`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority


@event_priority(-200)
def on_post_build(config) -> None:
    # Every crawler may read everything; the sitemap lists both languages.
    site_url = config.site_url.rstrip("/") + "/"
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n"
    Path(config.site_dir, "robots.txt").write_text(robots, encoding="utf-8")
