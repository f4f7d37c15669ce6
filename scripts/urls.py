"""The public URLs of the built site: every page and every anchor, both languages.

Usage: python scripts/urls.py SITE_DIR            print the list
       python scripts/urls.py SITE_DIR --write    rewrite public-urls.txt

People paste these addresses into emails; `tests/test_urls.py` fails when one
of `public-urls.txt` disappears. An anchor is any element with an id in a page's
content, except the page title (its id is a slug of the title's wording).
"""

from __future__ import annotations

import sys
from pathlib import Path

from bs4 import BeautifulSoup

MANIFEST = Path(__file__).resolve().parents[1] / "public-urls.txt"
HEADER = (
    "# Every public URL and anchor of the site, both languages (generated: make urls).\n"
    "# A line may disappear only with a redirect; see tests/test_urls.py.\n"
)


def public_urls(site: Path) -> list[str]:
    urls: list[str] = []
    for file in sorted(site.rglob("index.html")):
        url = file.parent.relative_to(site).as_posix()
        url = "/" if url == "." else f"/{url}/"
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article.md-content__inner")
        if article is None:
            continue
        urls.append(url)
        urls += [f"{url}#{e['id']}" for e in article.select("[id]") if e.name != "h1"]
    return urls


def read_manifest(path: Path = MANIFEST) -> list[str]:
    return [l for l in path.read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]


def main(argv: list[str]) -> int:
    urls = public_urls(Path(argv[0]))
    if "--write" in argv:
        MANIFEST.write_text(HEADER + "\n".join(urls) + "\n", encoding="utf-8")
        print(f"{MANIFEST.name}: {len(urls)} URLs")
    else:
        print("\n".join(urls))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
