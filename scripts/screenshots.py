"""Render the main page types to PNG for review: both languages, light and dark,
desktop and phone. Usage: python scripts/screenshots.py SITE_DIR OUT_DIR

Uses Debian's Chromium (/usr/bin/chromium) through Playwright; the site is served
from SITE_DIR on a free loopback port.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))
from browser import launch, serve  # noqa: E402
from handbook.languages import PREFIX  # noqa: E402

PAGES = {
    "home": "",
    "service": "services/int-crm-marketing/",
    "services": "services/",
    "takeaways": "takeaways/",
    "glossary": "glossary/",
    "compares": "compare/",
    "compare": "compare/rate-limits/",
    "platform": "platforms/zoho-crm/",
    "review": "review/",
    "changes": "changes/",
}
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


def main(site: str, out: str) -> int:
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    with serve(Path(site)) as base, launch() as browser:
        for scheme in ("light", "dark"):
            for vp, (w, h) in VIEWPORTS.items():
                ctx = browser.new_context(viewport={"width": w, "height": h}, color_scheme=scheme)
                page = ctx.new_page()
                for lang, prefix in PREFIX.items():
                    for name, path in PAGES.items():
                        page.goto(f"{base}/{prefix}{path}")
                        page.evaluate("document.fonts.ready")
                        target = out_dir / f"{name}-{lang}-{scheme}-{vp}.png"
                        page.screenshot(path=str(target), full_page=(vp == "desktop"))
                        print(target)
                ctx.close()
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n\n")[0])
    sys.exit(main(*sys.argv[1:3]))
