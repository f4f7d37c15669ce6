"""The public URLs of the built site: every page and every anchor, both languages.

Usage: python scripts/urls.py SITE_DIR            print the list
       python scripts/urls.py SITE_DIR --write    rewrite public-urls.txt

People paste these addresses into emails; `tests/test_publishing.py` fails when
one of `public-urls.txt` is no longer served. An anchor is any element with an id
in a page's content, except the page title (its id is a slug of the title's
wording) and form controls (a table's filter box is no place to send anyone). A page that moved is still served: by a redirect page (mkdocs-redirects)
to a page that has the same anchors; `--write` keeps such lines, so the redirect
stays held to them.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urljoin

import lxml.html

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))
from handbook.yamlio import write_text  # noqa: E402

MANIFEST = Path(__file__).resolve().parents[1] / "public-urls.txt"
HEADER = (
    "# Every public URL and anchor of the site, both languages (generated: make urls).\n"
    "# A line may disappear only with a redirect; see tests/test_publishing.py.\n"
)
MOVED = "# Moved: served by a redirect (mkdocs.yml, plugins: redirects).\n"
# The page mkdocs-redirects writes at an old address.
_REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')


# The page's content (the theme's article), the first on the page.
_ARTICLE = "(//article[contains(concat(' ', normalize-space(@class), ' '), ' md-content__inner ')])[1]"
# Not an anchor to share: the title (a slug of its wording) and a form control (a filter's box).
_NOT_ANCHORS = ("h1", "input", "select", "output", "textarea")


def public_urls(site: Path) -> list[str]:
    # lxml, not BeautifulSoup's html.parser: the same ids in document order, 15 times faster
    # (the tests read a whole site's URLs several times).
    parser = lxml.html.HTMLParser(encoding="utf-8")
    urls: list[str] = []
    for file in sorted(site.rglob("index.html")):
        url = file.parent.relative_to(site).as_posix()
        url = "/" if url == "." else f"/{url}/"
        article = lxml.html.fromstring(file.read_bytes(), parser=parser).xpath(_ARTICLE)
        if not article:
            continue
        urls.append(url)
        urls += [f"{url}#{e.get('id')}" for e in article[0].iterdescendants()
                 if isinstance(e.tag, str) and e.get("id") is not None and e.tag not in _NOT_ANCHORS]
    return urls


def redirects(site: Path) -> dict[str, str]:
    """The redirect pages of the built site: old URL -> the URL it sends to."""
    found: dict[str, str] = {}
    for file in sorted(site.rglob("index.html")):
        match = _REFRESH.search(file.read_text(encoding="utf-8"))
        if match:
            url = file.parent.relative_to(site).as_posix()
            url = "/" if url == "." else f"/{url}/"
            found[url] = urljoin(url, match[1])
    return found


def unserved(urls: list[str], site: Path) -> list[str]:
    """The URLs (with anchors) that the built site neither has nor redirects to a
    page that has them (the redirect page carries the anchor over)."""
    current, moved = set(public_urls(site)), redirects(site)
    gone = []
    for url in urls:
        page, _, anchor = url.partition("#")
        if url in current:
            continue
        target = moved.get(page, "").split("#")[0]
        if target and (f"{target}#{anchor}" if anchor else target) in current:
            continue
        gone.append(url)
    return gone


def read_manifest(path: Path = MANIFEST) -> list[str]:
    return [l for l in path.read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]


def main(argv: list[str]) -> int:
    site = Path(argv[0])
    urls = public_urls(site)
    if "--write" in argv:
        # Lines of moved pages stay: the test then holds their redirects.
        built = set(urls)
        old = [u for u in read_manifest() if u not in built]
        gone = set(unserved(old, site))
        moved = [u for u in old if u not in gone]
        text = HEADER + "\n".join(urls) + "\n" + (MOVED + "\n".join(moved) + "\n" if moved else "")
        write_text(MANIFEST, text)  # a temporary file renamed over it: never half a manifest
        print(f"{MANIFEST.name}: {len(urls)} URLs, {len(moved)} moved")
    else:
        print("\n".join(urls))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
