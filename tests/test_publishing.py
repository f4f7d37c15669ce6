"""What a shared link, a search engine, a printer and the publishing pipeline get."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

from browser import launch, serve
from conftest import LANGS, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from urls import public_urls, read_manifest  # noqa: E402

SITE_URL = "http://127.0.0.1:8000/"
LOCALES = {"he": "he_IL", "en": "en_US"}


# ---------------------------------------------------------------------------
# Stable URLs
# ---------------------------------------------------------------------------


def _redirects() -> dict[str, str]:
    # mkdocs-redirects' `redirect_maps`, if the plugin is configured.
    from mkdocs.utils.yaml import yaml_load

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "redirects" in plugin:
            return plugin["redirects"].get("redirect_maps", {})
    return {}


def test_no_public_url_or_anchor_disappears(site):
    current = set(public_urls(site))
    redirected = {"/" + re.sub(r"(index)?\.md$", "", old).removeprefix("he/") for old in _redirects()}
    gone = [u for u in read_manifest() if u not in current and u.split("#")[0] not in redirected]
    assert not gone, (
        f"{len(gone)} public URLs of public-urls.txt are gone (people have them in emails):\n  "
        + "\n  ".join(gone[:20])
        + "\nAn anchor is an id: keep the id in data/ (ids are public, never rename them)."
        "\nA page that moves needs a redirect: add mkdocs-redirects (pinned) to requirements.txt and, in"
        "\nmkdocs.yml, plugins: - redirects: {redirect_maps: {'he/services/OLD.md': 'he/services/NEW.md',"
        "\n'en/services/OLD.md': 'en/services/NEW.md'}}; then run `make urls`."
    )


def test_the_manifest_lists_every_public_url(site):
    new = sorted(set(public_urls(site)) - set(read_manifest()))
    assert not new, "new public URLs, not yet in public-urls.txt (run `make urls` and commit it):\n  " + "\n  ".join(new[:20])


def test_the_manifest_holds_both_languages_with_the_same_anchors():
    urls = read_manifest()
    english = {u.removeprefix("/en") for u in urls if u.startswith("/en/")}
    hebrew = {u for u in urls if not u.startswith("/en/")}
    assert "/services/int-crm-marketing/#hubspot-rate-limit" in hebrew
    # Hand-written headings differ by language (#השירותים / #services); generated ones do not.
    assert {u for u in hebrew if "/services/" in u} == {u for u in english if "/services/" in u}


# ---------------------------------------------------------------------------
# Previews and search engines
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_a_preview_in_its_language(catalog, html, lang):
    other = "en" if lang == "he" else "he"
    for url in ["", "services/", "takeaways/"] + [f"services/{s.id}/" for s in catalog.services]:
        page = html(LANGS[lang] + url)
        meta = {m.get("property") or m.get("name"): m["content"] for m in page.select("meta[content]")}
        here = SITE_URL + LANGS[lang] + url
        assert page.select_one('link[rel="canonical"]')["href"] == here
        assert meta["og:url"] == here and meta["og:locale"] == LOCALES[lang]
        assert meta["og:locale:alternate"] == LOCALES[other]
        assert meta["og:description"] == meta["description"] == meta["twitter:description"]
        assert meta["og:title"] == meta["twitter:title"] and meta["twitter:card"] == "summary"
        assert meta["og:site_name"] == ("מדריך שירותי האינטגרציה" if lang == "he" else "Integration Services Handbook")
    s = catalog.services[0]
    page = html(f"{LANGS[lang]}services/{s.id}/")
    assert page.select_one('meta[property="og:title"]')["content"] == f"{s.number}. {s.title[lang]}"
    assert page.select_one('meta[property="og:description"]')["content"] == s.summary[lang]


def test_sitemap_pairs_languages_with_absolute_addresses(catalog, site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for s in catalog.services:
        he, en = f"{SITE_URL}services/{s.id}/", f"{SITE_URL}en/services/{s.id}/"
        block = re.search(rf"<url>\s*<loc>{re.escape(he)}</loc>.*?</url>", sitemap, re.S)[0]
        assert f'hreflang="he" href="{he}"' in block and f'hreflang="en" href="{en}"' in block
    assert not re.search(r'<loc>(?!https?://)', sitemap) and not re.search(r'href="(?!https?://)', sitemap)


def test_robots_names_the_sitemap(site):
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots and f"Sitemap: {SITE_URL}sitemap.xml" in robots


def test_the_404_page_speaks_both_languages(html):
    page = html("404.html")
    he, en = page.select_one('.hb-not-found[lang="he"]'), page.select_one('.hb-not-found[lang="en"]')
    assert he["dir"] == "rtl" and "העמוד לא נמצא" in he.get_text()
    assert en["dir"] == "ltr" and "Page not found" in en.get_text()
    assert he.a["href"] == "/" and en.a["href"] == "/en/"  # from the root, at any depth


def test_the_workflow_tests_builds_strictly_and_publishes():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    runs = [step.get("run", "") for step in build["steps"]]
    uses = [step.get("uses", "") for step in build["steps"] + deploy["steps"]]
    assert any("make test" in r for r in runs) and any("make site" in r for r in runs)
    assert runs.index(next(r for r in runs if "make test" in r)) < runs.index(next(r for r in runs if "make site" in r))
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert deploy["needs"] == "build" and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    site_step = next(s for s in build["steps"] if "make site" in s.get("run", ""))
    assert "SITE_URL" in site_step["env"]
    assert "--strict" in (ROOT / "Makefile").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------
# In a browser: deep links, copy-link, print
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser_context(site):
    with serve(site) as base, launch() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900},
                                      permissions=["clipboard-read", "clipboard-write"])
        yield base, context
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_a_deep_link_opens_at_the_highlighted_item(browser_context, lang):
    base, context = browser_context
    page = context.new_page()
    page.goto(f"{base}/{LANGS[lang]}services/int-crm-support/#zendesk-webhook-timeout")
    item = page.locator("#zendesk-webhook-timeout")
    assert page.evaluate("document.querySelector(':target').id") == "zendesk-webhook-timeout"
    assert 0 <= item.bounding_box()["y"] < 300
    style = item.evaluate("e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth, s.backgroundColor]; }")
    plain = page.locator("#zendesk-webhook-limit").evaluate("e => getComputedStyle(e).outlineStyle")
    assert style[0] == "solid" and style[1] == "2px" and plain == "none"
    assert style[2] not in ("rgba(0, 0, 0, 0)", "transparent")
    page.close()


@pytest.mark.parametrize("lang, message", [("he", "הקישור הועתק"), ("en", "Link copied")])
def test_the_anchor_copies_the_link_and_says_so(browser_context, lang, message):
    base, context = browser_context
    page = context.new_page()
    page.goto(f"{base}/{LANGS[lang]}services/int-calendar/")
    page.locator("#google-token-expiry .hb-anchor").click()
    expected = f"{base}/{LANGS[lang]}services/int-calendar/#google-token-expiry"
    page.wait_for_function("m => document.querySelector('.hb-status')?.textContent === m", arg=message)
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert page.locator(".hb-status").get_attribute("role") == "status"
    assert page.url == expected  # and the link still leads to the item
    # With the keyboard: a section's permalink, focused and activated with Enter.
    page.locator("#notes .headerlink").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("u => location.href === u", arg=expected.replace("#google-token-expiry", "#notes"))
    assert page.evaluate("navigator.clipboard.readText()").endswith("/int-calendar/#notes")
    page.close()


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("lang", LANGS)
def test_a_service_page_prints_its_content_with_link_addresses(browser_context, lang):
    base, context = browser_context
    page = context.new_page()
    page.goto(f"{base}/{LANGS[lang]}services/")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"):
        assert not page.locator(hidden).first.is_visible(), hidden
    link = page.locator("table.hb-services a").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert f"{base}/{LANGS[lang]}services/integration-simple/" in after
    page.close()


@pytest.mark.parametrize("lang, direction", [("he", "rtl"), ("en", "ltr")])
def test_the_client_checklist_prints_on_one_or_two_a4_pages(browser_context, catalog, lang, direction):
    base, context = browser_context
    page = context.new_page()
    for s in catalog.services:
        page.goto(f"{base}/{LANGS[lang]}services/{s.id}/")
        page.evaluate("window.print = () => { window.printed = true; }")
        page.locator("button.hb-print-checklist").click()
        assert page.evaluate("window.printed")
        page.emulate_media(media="print")
        shown = page.evaluate("""[...document.querySelectorAll('article > *')]
            .filter(e => getComputedStyle(e).display !== 'none').map(e => e.id || e.className || e.tagName)""")
        assert shown[1:] == ["hb-print-address", "prerequisites", "hb-items hb-checklist"], (s.id, shown)
        boxes = page.locator("ul.hb-checklist input[type=checkbox]")
        assert boxes.count() == len(s.prerequisites) and boxes.first.is_visible()
        assert page.locator("h1").inner_text().startswith(f"{s.number}.")
        address = page.locator(".hb-print-address .hb-url").inner_text()
        assert address == f"{base}/{LANGS[lang]}services/{s.id}/"
        assert page.evaluate("getComputedStyle(document.querySelector('article')).direction") == direction
        assert 1 <= _pages(page.pdf(format="A4")) <= 2, s.id
        page.emulate_media(media="screen")
    page.close()
