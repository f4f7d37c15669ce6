"""Quality gates on every page type, both languages: valid HTML, accessibility
(WCAG 2.1 AA, light and dark, desktop and phone), links that resolve, keyboard use."""

from __future__ import annotations

import json
import subprocess
from urllib.parse import unquote, urljoin, urlparse

import lxml.html
import pytest

from browser import tab_to
from quality import AXE, VNU, page_types, page_urls

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def _require(path):
    if not path.exists():
        pytest.fail(f"{path.name} is missing: run `npm ci` (make test does it)")


def test_every_page_is_valid_html(site):
    _require(VNU)
    pages = [str(p) for p in sorted(site.rglob("*.html"))]
    # The client compiler only (-XX:TieredStopAtLevel=1, with the deeper stack it needs): half
    # the processor time of a run this short, the same messages.
    java = ["java", "-Xss16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(VNU)]
    result = subprocess.run([*java, "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [f"{m['url'].split(str(site))[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages
              if m.get("type") == "error"]
    assert not errors, "\n".join(errors[:40])
    assert len(pages) >= 20


# Each viewport's pages are checked against every rule in one scheme: the desktop's in light,
# the phone's in dark. The desktop's are then switched to dark with the header's toggle, as a
# reader switches it, and checked again against the rules that a scheme changes: its colours
# (the markup and the layout are the scheme's same). So each scheme's colours are checked on
# every page type, and the dark ones at both widths; the phone's light colours are the
# desktop's palette, and checking them again cost a quarter of the phone's time.
FIRST_SCHEME = {"desktop": "light", "phone": "dark"}
SWITCHED = {"desktop"}
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
_AXE_RUN = """async rules => {
    const r = await axe.run(document, {runOnly: rules ? {type: 'rule', values: rules}
        : {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
    return r.violations.map(v => `${v.id} (${v.impact}): ${v.nodes.length} node(s), e.g. ${v.nodes[0].target}`);
}"""


@pytest.mark.browser
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_accessibility_violations(site, served, viewport):
    _require(AXE)
    base, browser = served
    axe = AXE.read_text(encoding="utf-8")
    first = FIRST_SCHEME[viewport]
    other = "dark" if first == "light" else "light"
    ctx = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=first)
    page = ctx.new_page()
    found = []
    try:
        for url in page_types(site):
            page.goto(f"{base}/{url}")
            page.evaluate("document.fonts.ready")
            page.add_script_tag(content=axe)
            found += [f"/{url} [{first}, {viewport}]: {v}" for v in page.evaluate(_AXE_RUN, None)]
            if viewport not in SWITCHED:
                continue
            scheme = page.evaluate("document.body.dataset.mdColorScheme")
            page.locator("form[data-md-component=palette] label:not([hidden])").click()
            # Switched, and the theme's switching (transitions off meanwhile) over.
            page.wait_for_function("""s => document.body.dataset.mdColorScheme !== s
                && !document.body.hasAttribute('data-md-color-switching')""", arg=scheme)
            found += [f"/{url} [{other}, {viewport}]: {v}" for v in page.evaluate(_AXE_RUN, COLOUR_RULES)]
            page.evaluate("localStorage.clear()")  # the next page opens in the first scheme again
    finally:
        ctx.close()
    assert not found, "\n".join(found)


def test_every_internal_link_and_anchor_resolves(site):
    # lxml: the ids and links BeautifulSoup's html.parser read from this valid HTML
    # (test_every_page_is_valid_html), a dozen times faster.
    parser = lxml.html.HTMLParser(encoding="utf-8")
    ids: dict[str, set[str]] = {}
    links: dict[str, list[str]] = {}
    for url in page_urls(site):
        file = site / (url + "index.html" if url == "" or url.endswith("/") else url)
        root = lxml.html.fromstring(file.read_bytes(), parser=parser)
        ids[url] = set(root.xpath("//@id"))
        links[url] = root.xpath("//a/@href")
    broken = []
    for url, hrefs in links.items():
        for href in hrefs:
            parsed = urlparse(href)
            if parsed.scheme in ("http", "https", "mailto"):
                if parsed.scheme != "mailto" and not parsed.netloc:
                    broken.append(f"/{url}: malformed external link {href}")
                continue
            target = urlparse(urljoin("http://site/" + url, href))
            path = unquote(target.path.lstrip("/"))
            if path.endswith("index.html"):
                path = path[: -len("index.html")]
            if path not in ids:
                file = site / path
                if not (file.is_file() or (file / "index.html").is_file()):
                    broken.append(f"/{url}: {href} -> /{path} does not exist")
                continue
            if target.fragment and unquote(target.fragment) not in ids[path]:
                broken.append(f"/{url}: {href} -> no #{target.fragment} on /{path}")
    assert not broken, "\n".join(broken[:50])


@pytest.mark.browser
def test_search_and_language_switcher_work_from_the_keyboard(served):
    base, browser = served
    page = browser.new_page(viewport=VIEWPORTS["desktop"])
    page.goto(f"{base}/en/services/int-calendar/")
    # Search: the theme's shortcut opens it, typing searches.
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.getAttribute('name')") == "query"
    page.keyboard.type("Zendesk")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.keyboard.press("Escape")
    page.goto(f"{base}/en/services/int-calendar/")
    # Language switcher: reachable with Tab, has a visible focus ring, and opens.
    tab_to(page, ".md-select__link", "the language switcher", presses=40)
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), "no visible focus on the language switcher"
    href = page.evaluate("document.activeElement.getAttribute('href')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == urljoin(f"{base}/en/services/int-calendar/", href) == f"{base}/services/int-calendar/"
    page.close()
