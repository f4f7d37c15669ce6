"""What a shared link, a search engine, a printer and the publishing pipeline get."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.utils.yaml import yaml_load

from browser import launch, serve
from conftest import LANGS, LOCAL_SITE_URL, RESEARCH, ROOT, copy_project, run_mkdocs
from handbook.strings import STRINGS
from quality import ACTIONLINT

sys.path.insert(0, str(ROOT / "scripts"))
from urls import public_urls, read_manifest, redirects, unserved  # noqa: E402

SITE_URL = LOCAL_SITE_URL  # the tests build for this machine (conftest.run_mkdocs)
LOCALES = {"he": "he_IL", "en": "en_US"}


# ---------------------------------------------------------------------------
# Stable URLs
# ---------------------------------------------------------------------------


def test_no_public_url_or_anchor_disappears(site):
    gone = unserved(read_manifest(), site)
    assert not gone, (
        f"{len(gone)} public URLs of public-urls.txt are no longer served (people have them in emails):\n  "
        + "\n  ".join(gone[:20])
        + "\nAn anchor is an id: keep the id in data/ (ids are public, never rename them)."
        "\nA page that moved needs a redirect in every language: in mkdocs.yml, plugins: - redirects:, put in"
        "\n`redirect_maps` the old and the new page's sources (README, \"Moving a page\"):"
        "\n      redirect_maps:\n        he/services/OLD.md: he/services/NEW.md\n        en/services/OLD.md: en/services/NEW.md"
        "\nand keep every anchor of the old page on the new one; then `make urls`."
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


def _project_with_redirects(tmp_path: Path, maps: str) -> Path:
    """A copy of the project whose mkdocs.yml has these redirect_maps lines."""
    project = copy_project(tmp_path / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.count("      redirect_maps: {}\n") == 1, "mkdocs.yml: the redirects plugin is not configured"
    (project / "mkdocs.yml").write_text(config.replace("      redirect_maps: {}\n", "      redirect_maps:\n" + maps))
    return project


# The calendar service's page, once at services/calendar-sync/, moved to its id.
MOVED = {"old": "services/calendar-sync/", "new": "services/int-calendar/"}


@pytest.fixture(scope="module")
def moved_site(tmp_path_factory) -> Path:
    """The site built with one page moved, in both languages, the way README says."""
    tmp = tmp_path_factory.mktemp("moved")
    project = _project_with_redirects(tmp, "".join(
        f"        {lang}/services/calendar-sync.md: {lang}/services/int-calendar.md\n" for lang in LANGS))
    result = run_mkdocs(project, tmp / "site")
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return tmp / "site"


@pytest.mark.parametrize("lang", LANGS)
def test_a_moved_page_redirects_to_its_new_address_in_its_language(moved_site, lang):
    old, new = f"/{LANGS[lang]}{MOVED['old']}", f"/{LANGS[lang]}{MOVED['new']}"
    page = BeautifulSoup((moved_site / old.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")
    refresh = page.select_one('meta[http-equiv="refresh"]')["content"]
    assert refresh.startswith("0; url=") and urljoin(old, refresh.removeprefix("0; url=")) == new
    assert urljoin(old, page.select_one('link[rel="canonical"]')["href"]) == new
    assert (moved_site / new.strip("/") / "index.html").exists()
    assert redirects(moved_site)[old] == new
    assert not (moved_site / "he").exists()  # Hebrew lives at the root, never under /he/


def test_the_url_check_counts_a_redirect_with_the_anchors_of_the_new_page(moved_site):
    # What test_no_public_url_or_anchor_disappears sees once a page has moved.
    kept = [f"/{prefix}{MOVED['old']}{anchor}" for prefix in LANGS.values()
            for anchor in ("", "#google-token-expiry", "#notes")]
    lost = ["/en/services/calendar-sync/#no-such-anchor", "/services/calendar-sync-2/", "/he/services/calendar-sync/"]
    assert unserved(kept + lost, moved_site) == lost


@pytest.mark.browser
def test_a_moved_link_with_an_anchor_opens_at_the_item(moved_site):
    with serve(moved_site) as base, launch() as browser:
        page = browser.new_page()
        for prefix in LANGS.values():
            page.goto(f"{base}/{prefix}{MOVED['old']}#google-token-expiry")
            page.wait_for_url(f"{base}/{prefix}{MOVED['new']}#google-token-expiry")
            assert page.evaluate("document.querySelector(':target').id") == "google-token-expiry"
        page.close()


def test_a_redirect_that_would_not_work_stops_the_build_with_each_problem(tmp_path):
    project = _project_with_redirects(tmp_path, (
        "        services/calendar-sync.md: he/services/int-calendar.md\n"  # no language folder
        "        he/services/calendar-old.md: he/services/int-calendar.md\n"  # Hebrew only
        "        he/services/int-calendar.md: he/services/int-crm-support.md\n"  # the page exists
        "        en/services/int-calendar.md: en/services/int-crm-support.md\n"
        "        he/services/calendar-2.md: en/services/int-calendar.md\n"  # across languages
        "        en/services/calendar-2.md: en/services/int-calendar-sync.md\n"  # no such page
    ))
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    place = "WARNING -  mkdocs.yml: plugins.redirects.redirect_maps"
    for line in [
        f"{place}['services/calendar-sync.md']: the old path must start with a language folder (he/, en/), as the page's source",
        f"{place}['he/services/calendar-old.md']: moved in one language only: add en/services/calendar-old.md too",
        f"{place}['he/services/int-calendar.md']: this page still exists: a redirect would replace it",
        f"{place}['he/services/calendar-2.md']: the target 'en/services/int-calendar.md' must be a page of the same language (he/...)",
        f"{place}['en/services/calendar-2.md']: the target 'en/services/int-calendar-sync.md' is not a page of the site",
    ]:
        assert line in result.stderr, result.stderr


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
        assert meta["og:title"] == meta["twitter:title"] and meta["twitter:card"] == "summary_large_image"
        assert meta["og:image"] == meta["twitter:image"] == here + "card.png"  # tests/test_cards.py opens it
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
    assert he["dir"] == "rtl" and STRINGS["he"]["not_found_title"] in he.get_text()
    assert en["dir"] == "ltr" and "Page not found" in en.get_text()
    assert he.a["href"] == "/" and en.a["href"] == "/en/"  # from the root, at any depth


def test_the_404_page_is_the_default_languages_document(html):
    # GitHub Pages serves only the root 404.html; i18n writes it once per
    # language, and the last one built must not decide its language.
    page = html("404.html")
    assert (page.html["lang"], page.html["dir"], page.body["dir"]) == ("he", "rtl", "rtl")
    assert page.title.get_text(strip=True) == "מדריך שירותי האינטגרציה"
    assert page.select_one(".md-header__topic").get_text(strip=True) == "מדריך שירותי האינטגרציה"
    english = page.select_one('.hb-not-found[lang="en"]')
    assert english is not None and english["dir"] == "ltr"


# ---------------------------------------------------------------------------
# The publishing workflow
# ---------------------------------------------------------------------------

WORKFLOWS = ROOT / ".github" / "workflows"


def _workflow() -> dict:
    return yaml.safe_load((WORKFLOWS / "publish.yml").read_text(encoding="utf-8"))


def _step(steps: list[dict], predicate) -> tuple[int, dict]:
    found = [(i, s) for i, s in enumerate(steps) if predicate(s)]
    assert len(found) == 1, f"expected one such step, found {len(found)}"
    return found[0]


def test_the_workflow_tests_builds_strictly_and_publishes():
    workflow = _workflow()
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    steps = build["steps"]
    tests, _ = _step(steps, lambda s: "make test" in s.get("run", ""))
    site, site_step = _step(steps, lambda s: "make site" in s.get("run", ""))
    upload, upload_step = _step(steps, lambda s: s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert tests < site < upload
    assert "SITE_URL" in site_step["env"]
    # A push publishes at the Pages address or stops; never a fallback to this machine's.
    assert "127.0.0.1" not in site_step["env"]["SITE_URL"] and "localhost" not in site_step["env"]["SITE_URL"]
    assert site_step["env"]["HANDBOOK_LOCAL"] == "${{ github.event_name == 'pull_request' && '1' || '0' }}"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^site:.*\n\t(.*)", makefile, re.M)[1]
    assert "--strict" in recipe
    # Pages publishes the folder `make site` (and a bare `mkdocs build`) builds into.
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        site_dir = yaml_load(f).get("site_dir", "site")  # MkDocs' default
    assert upload_step["with"]["path"] == re.search(r"--site-dir (\S+)", recipe)[1] == site_dir
    assert deploy["needs"] == "build" and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])
    assert workflow["permissions"] == {"contents": "read"}  # nothing else gets write access


def test_every_make_target_the_workflow_runs_exists():
    targets = set(re.findall(r"^([\w-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    runs = [s["run"] for job in _workflow()["jobs"].values() for s in job["steps"] if "run" in s]
    called = {t for r in runs for t in re.findall(r"\bmake\s+([\w-]+)", r)}
    assert called >= {"test", "site"} and called <= targets, called - targets


def test_the_workflow_needs_no_second_repository():
    # The research is in the repository: one checkout, and the tests read it there.
    steps = _workflow()["jobs"]["build"]["steps"]
    checkouts = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
    assert len(checkouts) == 1 and "repository" not in checkouts[0].get("with", {})
    assert "HANDBOOK_SHARED" not in (WORKFLOWS / "publish.yml").read_text(encoding="utf-8")


def test_a_fresh_clone_holds_the_research_it_is_tested_against(tmp_path):
    # What `git clone` gives a new user: the tracked files only, nothing beside them.
    tracked = subprocess.run(["git", "ls-files", "research"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    assert {"research/integration-services-31-40.md", "research/review/fact-check.yaml",
            "research/review/fact-check-2.yaml"} <= set(tracked)


def test_the_tests_read_another_research_document_where_HANDBOOK_RESEARCH_says(tmp_path):
    # A newer batch elsewhere, named by a path relative to the repository; and a
    # missing one, which must fail saying where it looked.
    shutil.copy(RESEARCH, tmp_path / "batch.md")
    test = "tests/test_fidelity.py::test_research_has_the_expected_shape"
    for name, code in (("batch.md", 0), ("missing.md", 1)):
        env = {**os.environ, "HANDBOOK_RESEARCH": os.path.relpath(tmp_path / name, ROOT)}
        result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test],
                                cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert result.returncode == code, result.stdout
    assert f"{tmp_path / 'missing.md'}" in result.stdout and "HANDBOOK_RESEARCH" in result.stdout


def test_actionlint_finds_nothing_in_the_workflows():
    files = sorted(WORKFLOWS.glob("*.yml"))
    result = subprocess.run([str(ACTIONLINT), str(WORKFLOWS / "*.yml")], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert f"Checking {len(files)} workflow file(s)" in result.stdout, result.stdout + result.stderr
    assert result.returncode == 0, result.stdout


def test_actionlint_catches_a_broken_workflow(tmp_path):
    # The checker is live: a job that needs a misspelt job and a step output
    # that does not exist are both reported.
    text = (WORKFLOWS / "publish.yml").read_text(encoding="utf-8")
    broken = text.replace("needs: build", "needs: biuld").replace("steps.pages.outputs.base_url", "steps.page.outputs.base_url")
    assert broken != text
    (tmp_path / "publish.yml").write_text(broken, encoding="utf-8")
    result = subprocess.run([str(ACTIONLINT), str(tmp_path / "*.yml")], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert 'job "deploy" needs job "biuld" which does not exist' in result.stdout
    assert 'property "page" is not defined' in result.stdout


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


@pytest.mark.browser
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


@pytest.mark.browser
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


@pytest.mark.browser
@pytest.mark.parametrize("address, lang, direction, first", [
    ("/en/services/no-such-service/", "en", "ltr", "Page not found"),
    ("/services/no-such-service/", "he", "rtl", STRINGS["he"]["not_found_title"]),
    ("/english/", "he", "rtl", STRINGS["he"]["not_found_title"]),  # only the en/ folder is English
])
def test_a_missing_address_reads_first_in_its_language(browser_context, address, lang, direction, first):
    base, context = browser_context
    page = context.new_page()
    # A missing English address: the root page stops as it starts and shows en/404.html in place.
    response = page.goto(base + address, wait_until="commit")
    assert response.status == 404
    page.wait_for_function("lang => document.documentElement.lang === lang && document.querySelector('article')"
                           " && document.documentElement.classList.contains('js')", arg=lang)
    document = page.evaluate("[document.documentElement.lang, document.documentElement.dir, document.body.dir,"
                             " getComputedStyle(document.querySelector('article')).direction]")
    assert document == [lang, direction, direction, direction]
    blocks = page.locator(".hb-not-found")
    assert blocks.first.get_attribute("lang") == lang and blocks.first.locator("h1").inner_text().startswith(first)
    # First on the screen too: above the other language, its heading starting on the reading side.
    # The English page is wholly English (tests/test_reach.py); the Hebrew one has both, Hebrew above.
    assert blocks.count() == (1 if lang == "en" else 2)
    top = [blocks.nth(i).bounding_box()["y"] for i in range(blocks.count())]
    assert top == sorted(top)
    heading = blocks.first.locator("h1").evaluate(
        "h => { const r = document.createRange(); r.selectNodeContents(h); const t = r.getClientRects()[0];"
        " const a = h.closest('article').getBoundingClientRect(); return [t.left - a.left, a.right - t.right]; }")
    assert (heading[0] < heading[1]) == (direction == "ltr"), heading
    if lang == "en":
        # What stays Hebrew (the navigation, the theme's words) is marked Hebrew; the language switcher aside.
        unmarked = page.evaluate("""() => { const out = [], w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            while (w.nextNode()) { const n = w.currentNode, e = n.parentElement;
                if (/[\\u0590-\\u05FF]/.test(n.data) && !e.closest('.md-select') && e.closest('[lang]').lang !== 'he')
                    out.push(n.data.trim()); }
            return out; }""")
        assert not unmarked, unmarked
        assert page.title() == "Integration Services Handbook"  # the English site's name, no Hebrew
        assert page.locator(".md-header__topic").first.inner_text().strip() == "Integration Services Handbook"
    page.close()


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_a_service_page_prints_its_content_with_link_addresses(browser_context, lang):
    base, context = browser_context
    page = context.new_page()
    page.goto(f"{base}/{LANGS[lang]}services/")
    # What a browser does when asked to print: `beforeprint`, then print media.
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"):
        assert not page.locator(hidden).first.is_visible(), hidden
    link = page.locator("table.hb-services a").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert f"{base}/{LANGS[lang]}services/integration-simple/" in after
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang, direction", [("he", "rtl"), ("en", "ltr")])
def test_the_client_checklist_prints_on_one_a4_page(browser_context, catalog, lang, direction):
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
        assert shown[1:] == ["hb-print-address", "hb-print-fields", "prerequisites", "hb-items hb-checklist"], \
            (s.id, shown)
        boxes = page.locator("ul.hb-checklist input[type=checkbox]")
        assert boxes.count() == len(s.prerequisites) and boxes.first.is_visible()
        assert page.locator("h1").inner_text().startswith(f"{s.number}.")
        address = page.locator(".hb-print-address .hb-url").inner_text()
        assert address == f"{base}/{LANGS[lang]}services/{s.id}/"
        assert page.evaluate("getComputedStyle(document.querySelector('article')).direction") == direction
        # No review boxes on paper; one A4 page, service 34 too (issue 26).
        assert not any(box.is_visible() for box in page.locator("ul.hb-checklist .hb-official").all()), s.id
        assert _pages(page.pdf(format="A4")) == 1, s.id
        page.emulate_media(media="screen")
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang, direction", [("he", "rtl"), ("en", "ltr")])
def test_the_printed_checklist_has_lines_to_fill_in_and_addresses_that_read_left_to_right(browser_context, lang,
                                                                                          direction):
    from handbook.strings import STRINGS

    base, context = browser_context
    page = context.new_page()
    page.goto(f"{base}/{LANGS[lang]}services/int-crm-support/")
    fields = page.locator(".hb-print-fields .hb-print-field")
    assert fields.count() == 3 and not fields.first.is_visible()  # on paper only
    page.evaluate("window.print = () => {}")
    page.locator("button.hb-print-checklist").click()
    page.emulate_media(media="print")
    labels = [fields.nth(i).locator(".hb-label").inner_text() for i in range(3)]
    assert labels == [STRINGS[lang][k] + ":" for k in ("print_client", "print_owner", "print_date")]
    for i in range(3):
        label, blank = (fields.nth(i).locator(sel).bounding_box() for sel in (".hb-label", ".hb-blank"))
        assert blank["width"] > 80 and blank["height"] > 10, blank  # a line to write on
        # The line follows its label in the reading direction.
        assert (blank["x"] > label["x"]) == (direction == "ltr")
    assert page.locator(".hb-print-fields").evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    # A takeaway tag prints its name only; a link in the text prints its address, isolated left to right.
    mark = page.locator("ul.hb-checklist a.hb-mark").first
    assert mark.evaluate("a => getComputedStyle(a, '::after').content") == "none"
    page.emulate_media(media="screen")
    page.evaluate("document.body.classList.remove('hb-checklist-mode')")
    page.emulate_media(media="print")
    link = page.locator(".md-content a[data-print-href]:not(.hb-mark):not(.hb-platform)").first
    after = link.evaluate("a => { const s = getComputedStyle(a, '::after'); return [s.content, s.direction, s.display]; }")
    assert after[0].startswith('"<http') and after[1:] == ["ltr", "inline-block"], after
    # The page's own address, glyph by glyph: its first character left of its last, in both languages.
    ends = page.locator(".hb-print-address .hb-url").evaluate("""e => {
        const r = document.createRange(), t = e.firstChild, n = t.length;
        r.setStart(t, 0); r.setEnd(t, 1); const first = r.getBoundingClientRect().left;
        r.setStart(t, n - 1); r.setEnd(t, n); const last = r.getBoundingClientRect().left;
        return [first, last, e.textContent]; }""")
    assert ends[0] < ends[1] and ends[2].startswith("http"), ends
    # A heading is kept with what follows it; a list item is not cut between pages.
    assert page.locator("h2#notes").evaluate("e => getComputedStyle(e).breakAfter") == "avoid"
    assert page.locator("#notes + ul > li").first.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    page.close()


# ---------------------------------------------------------------------------
# The published address: SITE_URL, or a site for this machine said so
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("site_url", [None, "", "http://localhost:8000/"], ids=["unset", "empty", "localhost"])
def test_a_strict_build_without_the_published_address_stops_naming_site_url(tmp_path, site_url):
    # mkdocs.yml's default is this machine's address: published, every canonical, hreflang,
    # Open Graph, sitemap and robots.txt address would point at the reader's own computer.
    result = run_mkdocs(ROOT, tmp_path / "site", env={"HANDBOOK_LOCAL": None, "SITE_URL": site_url})
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    error = next(line for line in result.stderr.splitlines() if "site_url" in line)
    assert "mkdocs.yml: site_url:" in error and "set SITE_URL to the address the site is published at" in error
    assert "HANDBOOK_LOCAL=1" in error
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_site_built_for_the_published_address_names_no_loopback_address(tmp_path):
    published = "https://agency.github.io/handbook/"
    site = tmp_path / "site"
    result = run_mkdocs(ROOT, site, env={"HANDBOOK_LOCAL": None, "SITE_URL": published})
    assert result.returncode == 0, result.stderr
    loopback = re.compile(r"(?:https?:)?//(?:127\.\d+\.\d+\.\d+|localhost|\[::1\])[:/]")
    found = [f"{p.relative_to(site)}: {m[0]}" for p in sorted(site.rglob("*"))
             if p.suffix in (".html", ".xml", ".txt", ".json", ".atom", ".ics", ".csv", ".md") and p.is_file()
             for m in loopback.finditer(p.read_text(encoding="utf-8", errors="replace"))]
    assert not found, "\n".join(found[:20])
    for lang, prefix in LANGS.items():
        page = BeautifulSoup((site / prefix / "finder" / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert page.select_one('link[rel="canonical"]')["href"] == f"{published}{prefix}finder/"
        assert page.select_one('meta[property="og:url"]')["content"] == f"{published}{prefix}finder/"
        assert {a["href"] for a in page.select('link[rel="alternate"][hreflang]')} >= {
            f"{published}finder/", f"{published}en/finder/"}
    assert f"Sitemap: {published}sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")
    assert f"<loc>{published}finder/</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("site_url, local", [("", "1"), ("https://agency.github.io/handbook/", "0")])
def test_make_site_builds_for_this_machine_unless_site_url_is_set(site_url, local):
    # `make site` on a fresh machine works (a site for this machine); with SITE_URL, as CI
    # runs it, HANDBOOK_LOCAL is 0 and a loopback address would stop the build.
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "HANDBOOK_LOCAL")}
    env["SITE_URL"] = site_url
    dry = subprocess.run(["make", "-n", "site"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert dry.returncode == 0, dry.stderr
    assert re.search(rf"^HANDBOOK_LOCAL={local} \S+/mkdocs build --strict", dry.stdout, re.M), dry.stdout
