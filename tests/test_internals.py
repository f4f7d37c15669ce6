"""The plugins' internals that the hooks rely on (hooks/internals.py) still hold
in the installed packages, and the hooks run in the order hooks/order.py
declares. Quick: no browser, no build of the site (the theme's markup comes
from a one-page site built with the installed Material and the overrides).

A failure names the plugin, the version each reliance was written for and the
installed one, and what breaks."""

from __future__ import annotations

import importlib.util
import inspect
import json
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from internals import RELIANCES, WRITTEN_FOR
from order import ORDER

MATERIAL = Path(importlib.util.find_spec("material").origin).parent / "templates"
OURS = {"partials/search-on-demand.html", "partials/search-query.html"}  # overrides that replace nothing of the theme's


def _hook(name: str):
    """A hook module (hooks/<name>.py), loaded by its path as MkDocs loads it."""
    key = f"_hook_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, ROOT / "hooks" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module  # before it runs, as MkDocs does (a dataclass looks its module up)
        spec.loader.exec_module(module)
    return sys.modules[key]


def _bundle() -> str:
    return next((MATERIAL / "assets" / "javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def theme_page(tmp_path_factory) -> str:
    """A page as the installed Material renders it with the site's overrides (no i18n, and of the hooks
    only hooks/templates.py, which gives the overrides the site's languages)."""
    project = tmp_path_factory.mktemp("theme")
    (project / "docs" / "section").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Home\n\n## A heading\n\ntext\n", encoding="utf-8")
    (project / "docs" / "section" / "index.md").write_text("# Section\n\n## Part\n", encoding="utf-8")
    (project / "docs" / "section" / "page.md").write_text("# Page\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(json.dumps({
        "site_name": "t", "site_url": "http://127.0.0.1:8000/",
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides"), "language": "he", "font": False,
                  "features": ["navigation.indexes", "navigation.top", "search.highlight", "toc.follow"]},
        "plugins": ["search"],
        "hooks": [str(ROOT / "hooks" / "templates.py")],
    }), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(project / "site")],
                            cwd=project, capture_output=True, text=True, timeout=120,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "hooks")})
    assert result.returncode == 0, result.stderr
    return (project / "site" / "index.html").read_text(encoding="utf-8")


# ----------------------------------------------------------------------------
# One check per reliance: an assertion that holds while the reliance does
# ----------------------------------------------------------------------------


def _clean_directory(request):
    from mkdocs import utils
    from mkdocs.commands import build

    assert list(inspect.signature(utils.clean_directory).parameters) == ["directory"]
    assert build.utils is utils, "mkdocs.commands.build no longer imports mkdocs.utils as `utils`"
    assert "utils.clean_directory(config.site_dir)" in inspect.getsource(build.build), \
        "the build no longer empties the folder through utils.clean_directory"


def _count_handler(request):
    from mkdocs import utils
    from mkdocs.commands import build

    handler = utils.CountHandler()
    handler.counts[30] += 2  # as parallel.py adds a child's warnings
    assert handler.get_counts() == [("WARNING", 2)]
    source = inspect.getsource(build.build)
    assert "utils.CountHandler()" in source and "warning_counter.get_counts()" in source


def _copy_static_files(request):
    from mkdocs.commands import build
    from mkdocs.structure.files import Files

    assert {"dirty", "inclusion"} <= set(inspect.signature(Files.copy_static_files).parameters)
    source = inspect.getsource(build.build)
    assert "files.copy_static_files(dirty=dirty, inclusion=inclusion)" in source
    assert source.index("on_env(") < source.index("files.copy_static_files("), "static files copied before on_env"


def _present_anchor_ids(request):
    from mkdocs.structure.pages import Page

    assert "self.present_anchor_ids" in inspect.getsource(Page.render)
    assert "page.present_anchor_ids" in inspect.getsource(Page.validate_anchor_links)


def _dirty_flags(request):
    from mkdocs.__main__ import cli

    def flags(command):
        return {o for p in cli.commands[command].params for o in (*p.opts, *p.secondary_opts)}

    assert "--dirty" in flags("build")
    assert {"--dirty", "--dirtyreload"} <= flags("serve")


def _shutdown_after_build(request):
    from mkdocs.__main__ import cli

    command = cli.commands["build"]
    assert command.name == "build"
    source = inspect.getsource(command.callback)
    body = source[source.index("try:"):]
    assert re.match(r"try:\s+build\.build\(cfg, dirty=not clean\)\s+finally:\s+cfg\.plugins\.on_shutdown\(\)\s*$",
                    body), "`mkdocs build` no longer ends with on_shutdown in a finally after the build"


def _navigation_view(request):
    from mkdocs.structure.nav import Link, Navigation, Section

    from handbook.languages import DEFAULT

    navigation = _hook("navigation")
    index = Link("S", "/s/")
    index.is_index = True  # as a section's index page is
    pages = [index, *(Link(f"p{i}", f"/p{i}/") for i in range(navigation.GROUP + 2))]
    section = Section("S", list(pages))
    nav = Navigation([section], [])
    view = navigation._view(navigation._Layout(nav), DEFAULT)
    (shown,) = list(view)  # the theme iterates `nav`
    assert shown.title == "S" and [c.url for c in shown.children] == ["/s/", "/s/"]  # the index, the full list
    assert list(nav)[0].children == pages, "the site's own navigation was changed"


def _i18n_build(request):
    import mkdocs_static_i18n.plugin as i18n
    from mkdocs.commands.build import build

    assert i18n.build is build, "mkdocs_static_i18n.plugin.build is not MkDocs' build any more"
    assert re.search(r"\n\s+build\(config\b", inspect.getsource(i18n.I18n.on_post_build)), \
        "I18n.on_post_build no longer builds the other languages through the module's `build`"


def _i18n_state(request):
    from mkdocs_static_i18n.plugin import I18n

    plugin = I18n()
    errors, _ = plugin.load_config({"docs_structure": "folder", "languages": [
        {"locale": "he", "default": True, "name": "עברית", "build": True},
        {"locale": "en", "name": "English", "build": True},
    ]})
    assert not errors, errors
    assert plugin.building is False and plugin.current_language is None
    assert plugin.default_language == "he" and plugin.build_languages == ["he", "en"]
    plugin.current_language = "en"
    assert plugin.current_language == "en" and not plugin.is_default_language_build
    source = inspect.getsource(I18n.on_post_build)
    assert "self.building = True" in source and "self.building = False" in source
    # The hooks read it through i18nstate.py: the adapter reads and sets the same state.
    from i18nstate import building, i18n

    state = i18n(SimpleNamespace(plugins={"i18n": plugin}))
    assert (state.default_language, state.build_languages, state.current_language) == ("he", ["he", "en"], "en")
    assert state.last_language and not state.building and not building(SimpleNamespace(plugins={"i18n": plugin}))
    state.current_language = "he"
    assert plugin.current_language == "he" and not state.last_language
    plugin.building = True
    assert state.building and building(SimpleNamespace(plugins={"i18n": plugin}))


def _plugin_priorities(cls, prefix: str) -> list[str]:
    wrong = []
    for rows in ORDER.values():
        for who, value, _ in rows:
            if who.startswith(prefix):
                handler = getattr(cls, who[len(prefix):], None)
                actual = getattr(handler, "mkdocs_priority", 0) if handler else "no such handler"
                if actual != value:
                    wrong.append(f"{who}: {actual}, hooks/order.py says {value}")
    return wrong


def _i18n_priorities(request):
    from mkdocs_static_i18n.plugin import I18n

    wrong = _plugin_priorities(I18n, "i18n.")
    assert not wrong, wrong


def _i18n_sitemap(request):
    import mkdocs_static_i18n

    template = (Path(mkdocs_static_i18n.__file__).parent / "custom_i18n_sitemap" / "sitemap.xml").read_text()
    assert template.count("<urlset") == 1 and template.rstrip().endswith(_hook("parallel")._URLSET_END)
    assert template.index("<urlset") < template.index("<url>") < template.index("</urlset>")


def _redirects_state(request):
    from mkdocs.structure.files import File
    from mkdocs_redirects.plugin import RedirectPlugin

    site = request.getfixturevalue("tmp_path")
    plugin = RedirectPlugin()
    plugin.redirects = {"services/old.md": "he/services/new.md#item"}
    plugin.doc_pages = {"he/services/new.md": File("services/new.md", "docs", str(site), True)}
    plugin.on_post_build({"site_dir": str(site), "use_directory_urls": True})
    page = site / "services" / "old" / "index.html"
    assert page.is_file(), "no redirect page written from the instance's `redirects` and `doc_pages`"
    assert "../new/#item" in page.read_text(encoding="utf-8")


def _material_priorities(request):
    from material.plugins.search.plugin import SearchPlugin

    wrong = _plugin_priorities(SearchPlugin, "search.plugin.")
    assert not wrong, wrong


def _material_search_enabled(request):
    from material.plugins.search.plugin import SearchPlugin

    site = request.getfixturevalue("tmp_path")
    plugin = SearchPlugin()
    errors, _ = plugin.load_config({"enabled": False})
    assert not errors, errors
    plugin.on_post_build(config={"site_dir": str(site)})  # not set up: it must not get that far
    assert not list(site.iterdir()), "the disabled search plugin wrote files"


def _material_search_page_context(request):
    from material.plugins.search.plugin import SearchIndex, SearchPlugin

    html = ('<li id="a" data-search="item" data-search-title="A: b" data-search-boost="0.5">x</li>\n'
            '<tr data-search-name="n"\tdata-search-keys="k &amp; j" data-search-skip>y data-search-z="1"</tr>'
            '<p>data-search-q="" data-search-r="s"data-search-t="u"</p>')
    for enabled, expected in ((False, html), (True, _hook("search").unsearchable(html))):
        plugin = SearchPlugin()
        errors, _ = plugin.load_config({"enabled": enabled})
        assert not errors, errors
        plugin.search_index = SearchIndex(**plugin.config)  # as its on_config sets it up
        page = SimpleNamespace(content=html, meta={"search": {"exclude": True}})
        plugin.on_page_context({}, page=page, config={}, nav=None)
        assert page.content == expected, (enabled, page.content)
        assert plugin.search_index.entries == []
    assert expected == re.sub(r"\s?data-search-\w+=\"[^\"]+\"", "", html)


def _material_html_lang(request):
    page = request.getfixturevalue("theme_page")
    assert len(_hook("document")._HTML.findall(page)) == 1
    root = BeautifulSoup(_hook("document")._fix(page, "index.md"), "html.parser").html
    assert (root["lang"], root.get("dir")) == ("he", "rtl")


def _material_checkbox_autocomplete(request):
    page = request.getfixturevalue("theme_page")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.select("input[type=checkbox]"), "the theme's toggles are no longer checkboxes"
    fixed = BeautifulSoup(_hook("document")._fix(page, "index.md"), "html.parser")
    left = [str(i) for i in fixed.select("input[type=checkbox][autocomplete]")]
    assert not left, f"checkboxes keep autocomplete: {left}"


def _material_bundle_script(request):
    page = request.getfixturevalue("theme_page")
    assert len(_hook("document")._BUNDLE.findall(page)) == 1, "the bundle's <script> is not found as expected"
    fixed = BeautifulSoup(_hook("document")._fix(page, "index.md"), "html.parser")
    (bundle,) = [s for s in fixed.select("script[src]") if "/bundle." in s["src"]]
    assert bundle.has_attr("defer")


def _material_toc_label(request):
    label = _hook("document")._ORPHAN_TOC_LABEL
    assert label in (MATERIAL / "partials" / "toc.html").read_text(encoding="utf-8")
    assert 'id="__toc"' in (MATERIAL / "partials" / "nav-item.html").read_text(encoding="utf-8")


def _material_config_script(request):
    page = request.getfixturevalue("theme_page")
    match = _hook("search")._CONFIG.search(page)
    assert match, "no <script id=\"__config\" type=\"application/json\">"
    assert "base" in json.loads(match[2])
    assert '"search/search_index.json",' in _bundle().replace("`", '"') or \
        'new URL("search/search_index.json",' in _bundle()


def _blocks(path: Path) -> set[str]:
    import jinja2
    from jinja2 import nodes

    return {b.name for b in jinja2.Environment().parse(path.read_text(encoding="utf-8")).find_all(nodes.Block)}


def _material_template_blocks(request):
    missing = _blocks(ROOT / "overrides" / "main.html") - _blocks(MATERIAL / "base.html")
    assert not missing, f"overrides/main.html fills blocks that base.html does not have: {sorted(missing)}"
    for path in sorted((ROOT / "overrides").rglob("*.html")):
        name = path.relative_to(ROOT / "overrides").as_posix()
        if name not in OURS:
            assert (MATERIAL / name).is_file(), f"overrides/{name} replaces nothing of the theme's"


def _material_no_js(request):
    page = request.getfixturevalue("theme_page")
    assert BeautifulSoup(page, "html.parser").html.get("class") == ["no-js"]
    assert 'classList.remove("no-js")' in _bundle()


def _material_bundle_requests(request):
    bundle = _bundle()
    assert "new XMLHttpRequest" in bundle
    assert not re.search(r"\bfetch\(", bundle), "the bundle now uses fetch(): the XMLHttpRequest patches miss it"
    assert 'new URL("sitemap.xml",' in bundle, "the bundle no longer requests sitemap.xml"
    assert 'new URL("search/search_index.json",' in bundle, "the bundle no longer requests the search index so"
    assert 'has("q")' in bundle and 'get("q")' in bundle and 'searchParams.get("h")' in bundle


def _material_search_controls(request):
    soup = BeautifulSoup(request.getfixturevalue("theme_page"), "html.parser")
    assert soup.select_one("input#__search[type=checkbox]"), "no checkbox #__search"
    assert soup.select_one("header label[for=__search]"), "no label[for=__search] in the header"
    assert soup.select_one(".md-search .md-search__input"), "no search box in .md-search"


def _material_search_worker_query(request):
    assert ".subscribe(({value:i})=>t.next({type:2,data:i}))" in _bundle() or re.search(
        r"\.next\(\{type:2,data:\w+\}\)", _bundle()), "the bundle no longer posts queries as {type: 2, data}"
    worker = next((MATERIAL / "assets" / "javascripts" / "workers").glob("search.*.min.js")).read_text(
        encoding="utf-8")
    assert re.search(r"case 2:let \w+=\w+\.data;try\{return\{type:3", worker), "the worker reads queries otherwise"
    # Its transformation keeps an edit distance: a term ending in ~<digits> gets no wildcard.
    assert "[~^]\\d+$" in worker, "the worker's query transformation no longer keeps `~1`"


def _material_search_worker_results(request):
    assert re.search(r'function \w+\(\w+\)\{return \w+\(\w+,"message",\w+=>\w+\.data\)\}', _bundle()), \
        "the bundle no longer reads its worker's messages with fromEvent(worker, \"message\", e => e.data)"
    worker = next((MATERIAL / "assets" / "javascripts" / "workers").glob("search.*.min.js")).read_text(
        encoding="utf-8")
    assert re.search(r"return\{type:3,data:\w+\.search\(\w+\)\}", worker), "the worker answers otherwise"
    assert re.search(r"score:\w+\*\(1\+\w+\(\w+,2\)\),terms:\w+", worker), \
        "the worker's results no longer carry their score and matched terms"
    # A page's results: those below its first one's score are folded ("N more on this page").
    assert re.search(r"let \w+=\w+\[0\]\.score,", _bundle()) and "md-search-result__more" in _bundle()


def _material_search_index_parts(request):
    assert re.search(r'\w+\.open\("GET",`\$\{\w+\}`\),\w+\.responseType="blob"', _bundle()), \
        "the bundle no longer requests its files as a blob through XMLHttpRequest"
    worker = next((MATERIAL / "assets" / "javascripts" / "workers").glob("search.*.min.js")).read_text(
        encoding="utf-8")
    assert re.search(r"case 0:return yield \w+\(\w+\.data\.config\),\w+=new \w+\(\w+\.data\),\{type:1\}",
                     worker), "the worker no longer builds a new index from each setup message"


def _markdown_raw_html_blocks(request):
    # Real generated pages (a service with its coming changes, the brief's form, a comparison's table),
    # converted whole and with their blocks set aside, as MkDocs converts them.
    import markdown
    from mkdocs.utils.meta import get_data
    from pymdownx.slugs import slugify

    from handbook.generate import Generator

    pages = _hook("pages")
    generator = Generator(request.getfixturevalue("catalog"))
    options = {"extensions": ["attr_list", "admonition", "tables", "toc"],
               "extension_configs": {"toc": {"permalink": "#", "slugify": slugify(case="lower")}}}
    between = re.compile(r">\s+<")
    for path in ("services/integration-simple.md", "brief.md", "compare/rate-limits.md"):
        for lang in ("he", "en"):
            text = get_data(generator.page(path, lang))[0]
            aside, blocks = pages._set_aside(text)
            assert blocks, f"{path}: no block set aside"
            converted = markdown.markdown(aside, **options)
            assert converted.count("<p>hbblock") == len(blocks), f"{path}: a placeholder is not its own paragraph"
            restored = pages._PLACEHOLDER_P.sub(lambda m: blocks[int(m[1])], converted)
            whole = markdown.markdown(text, **options)
            assert between.sub("><", restored).strip() == between.sub("><", whole).strip(), \
                f"{path} ({lang}): not passed through"


def _toc_permalink_title(request):
    import markdown

    html = markdown.markdown("## A heading", extensions=["toc"], extension_configs={"toc": {"permalink": "#"}})
    assert _hook("document")._HEADERLINK in html and _hook("document")._PERMALINK_TITLE in html, html


def _material_search_highlight(request):
    assert "<mark data-md-highlight>" in _bundle(), "the bundle highlights `?h=` otherwise"


CHECKS = {
    "clean_directory": _clean_directory,
    "count_handler": _count_handler,
    "copy_static_files": _copy_static_files,
    "present_anchor_ids": _present_anchor_ids,
    "dirty_flags": _dirty_flags,
    "shutdown_after_build": _shutdown_after_build,
    "navigation_view": _navigation_view,
    "markdown_raw_html_blocks": _markdown_raw_html_blocks,
    "toc_permalink_title": _toc_permalink_title,
    "i18n_build": _i18n_build,
    "i18n_state": _i18n_state,
    "i18n_priorities": _i18n_priorities,
    "i18n_sitemap": _i18n_sitemap,
    "redirects_state": _redirects_state,
    "material_priorities": _material_priorities,
    "material_search_enabled": _material_search_enabled,
    "material_search_page_context": _material_search_page_context,
    "material_html_lang": _material_html_lang,
    "material_checkbox_autocomplete": _material_checkbox_autocomplete,
    "material_bundle_script": _material_bundle_script,
    "material_toc_label": _material_toc_label,
    "material_config_script": _material_config_script,
    "material_template_blocks": _material_template_blocks,
    "material_no_js": _material_no_js,
    "material_bundle_requests": _material_bundle_requests,
    "material_search_controls": _material_search_controls,
    "material_search_worker_query": _material_search_worker_query,
    "material_search_worker_results": _material_search_worker_results,
    "material_search_index_parts": _material_search_index_parts,
    "material_search_highlight": _material_search_highlight,
}

# ----------------------------------------------------------------------------
# Tests
# ----------------------------------------------------------------------------


@pytest.mark.parametrize("reliance", RELIANCES, ids=[r.id for r in RELIANCES])
def test_each_reliance_on_a_plugins_internals_still_holds(request, reliance):
    try:
        CHECKS[reliance.id](request)
    except (AssertionError, AttributeError, TypeError, KeyError, ValueError, StopIteration, ImportError) as e:
        _fail(reliance, e)


def _fail(reliance, e: Exception):
    # The plugin, both versions, what is relied on, what breaks, and the first line of what was found.
    found = str(e).split("\n")[0][:300]
    pytest.fail(f"{reliance.plugin} {version(reliance.plugin)} (hooks/internals.py was written for "
                f"{WRITTEN_FOR[reliance.plugin]}): no longer holds: {reliance.what}.\n"
                f"What breaks: {reliance.breaks}.\nWhere: {reliance.where}.\n"
                f"Found: {type(e).__name__}: {found}", pytrace=False)


def test_an_upgrade_that_breaks_a_reliance_fails_naming_the_plugin(request, monkeypatch):
    # As if mkdocs-static-i18n stopped calling MkDocs' build through its module.
    import mkdocs_static_i18n.plugin as i18n

    monkeypatch.setattr(i18n, "build", lambda config, dirty=False: None)
    (reliance,) = [r for r in RELIANCES if r.id == "i18n_build"]
    with pytest.raises(pytest.fail.Exception) as failure:
        test_each_reliance_on_a_plugins_internals_still_holds(request, reliance)
    pinned = WRITTEN_FOR["mkdocs-static-i18n"]
    assert str(failure.value).startswith(f"mkdocs-static-i18n {pinned} (hooks/internals.py was written for {pinned})")
    assert "each further language is built twice" in str(failure.value)


def test_every_reliance_has_its_check():
    assert [r.id for r in RELIANCES] == list(CHECKS)


def test_the_reliances_name_the_versions_requirements_pins():
    pins = dict(line.split("==") for line in (ROOT / "requirements.txt").read_text().splitlines()
                if "==" in line and not line.startswith("#"))
    stale = {name: (written, pins.get(name)) for name, written in WRITTEN_FOR.items() if pins.get(name) != written}
    assert not stale, (f"requirements.txt pins another version than hooks/internals.py was written for "
                       f"(name: (written for, pinned)): {stale}; once its checks pass, write the pinned version "
                       "in WRITTEN_FOR")
    assert {r.plugin for r in RELIANCES} <= set(WRITTEN_FOR)


def _hook_handlers() -> dict[tuple[str, str], int]:
    """Every event handler of every module in hooks/, (`module.function`, event) -> its priority."""
    from mkdocs.plugins import EVENTS, CombinedEvent

    handlers = {}
    for path in sorted((ROOT / "hooks").glob("*.py")):
        module = _hook(path.stem)
        for event in EVENTS:
            handler = getattr(module, f"on_{event}", None)
            for method in handler.methods if isinstance(handler, CombinedEvent) else [handler] if handler else []:
                handlers[f"{path.stem}.{method.__name__}", event] = getattr(method, "mkdocs_priority", 0)
    return handlers


def test_every_hook_module_with_a_handler_is_listed_in_mkdocs_yml():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = set(re.findall(r"- hooks/(\w+)\.py", re.search(r"^hooks:\n((?:  - .*\n)+)", config, re.M)[1]))
    modules = {who.split(".")[0] for who, _ in _hook_handlers()}
    assert modules - listed == set(), f"hooks/ modules that handle events but MkDocs never loads: {modules - listed}"


def test_every_hooks_priority_is_the_one_in_the_order_table():
    handlers = _hook_handlers()
    table = {(who, event.removeprefix("on_")): value for event, rows in ORDER.items() for who, value, _ in rows}
    hooks = {key: value for key, value in table.items() if not key[0].startswith(("i18n.", "search.plugin."))}
    different = {key: (value, handlers.get(key)) for key, value in hooks.items() if handlers.get(key) != value}
    assert not different, f"hooks/order.py (table, hook): {different}"
    # Every handler of every hook module has its row, whatever its event and priority.
    unlisted = {key: value for key, value in handlers.items() if key not in hooks}
    assert not unlisted, f"hook handlers missing from hooks/order.py: {unlisted}"


def test_the_order_table_lists_each_event_in_running_order():
    for event, rows in ORDER.items():
        values = [value for _, value, _ in rows]
        assert values == sorted(values, reverse=True), f"{event}: {[who for who, _, _ in rows]}"
        # Equal priorities would run in an order the table does not say (plugins first, then mkdocs.yml's).
        tied = {v for v in values if values.count(v) > 1}
        assert not tied, f"{event}: rows share a priority {tied}: {[w for w, v, _ in rows if v in tied]}"


def test_mkdocs_runs_each_event_in_the_order_of_the_table():
    # The site's own configuration, loaded as a build loads it: each event's handlers as MkDocs will call them.
    from mkdocs.config import load_config

    owners = {"mkdocs_static_i18n.plugin": "i18n", "material.plugins.search.plugin": "search.plugin"}
    config = load_config(str(ROOT / "mkdocs.yml"))
    for event, rows in ORDER.items():
        running = []
        for handler in config.plugins.events[event.removeprefix("on_")]:
            owner = handler.__module__
            owner = owners.get(owner, owner.removeprefix("hooks/").removesuffix(".py"))
            running.append(f"{owner}.{handler.__name__}")
        table = [who for who, _, _ in rows]
        assert [who for who in running if who in table] == table, f"{event}: MkDocs runs {running}"


def test_a_changed_priority_is_caught(monkeypatch):
    # The check above can fail: a hook whose priority drifts from the table.
    module = _hook("redirects")
    monkeypatch.setattr(module.on_files, "mkdocs_priority", -90)
    with pytest.raises(AssertionError, match="redirects.on_files"):
        test_every_hooks_priority_is_the_one_in_the_order_table()


def test_a_handler_without_its_row_is_caught(monkeypatch):
    # The table must name every handler: one dropped from it is reported by name.
    import order

    rows = [row for row in ORDER["on_page_content"] if row[0] != "search.on_page_content"]
    monkeypatch.setitem(order.ORDER, "on_page_content", rows)
    with pytest.raises(AssertionError, match=r"missing from hooks/order.py: \{\('search.on_page_content'"):
        test_every_hooks_priority_is_the_one_in_the_order_table()


def test_handlers_that_mkdocs_would_run_out_of_the_tables_order_are_caught(monkeypatch):
    # search.py must keep each page's content only once pages.py has put its blocks back.
    test_mkdocs_runs_each_event_in_the_order_of_the_table()  # MkDocs has loaded the hooks (once a process)
    monkeypatch.setattr(sys.modules["hooks/search.py"].on_page_content, "mkdocs_priority", 20)
    with pytest.raises(AssertionError, match="on_page_content: MkDocs runs.*search.on_page_content.*pages.on_page_content"):
        test_mkdocs_runs_each_event_in_the_order_of_the_table()


# ----------------------------------------------------------------------------
# A rewrite of the theme's markup that matches nothing stops the build
# ----------------------------------------------------------------------------


@pytest.mark.parametrize("rewrite, change", [
    ("html_dir", lambda page: page.replace("<html lang=", "<html data-x lang=", 1)),
    ("bundle_defer", lambda page: re.sub(r'(<script src="[^"]*bundle\.[0-9a-f]+\.min\.js")', r"\1 async", page)),
    ("checkbox_autocomplete", lambda page: page.replace('autocomplete="off"', "")),
    ("permalink_title", lambda page: page.replace("</body>", '<a class="headerlink" href="#x" title="Link">#</a></body>')),
])
def test_a_theme_rewrite_that_matches_nothing_stops_the_build_naming_it_and_the_page(theme_page, rewrite, change):
    from mkdocs.exceptions import PluginError

    document = _hook("document")
    document.on_post_page(theme_page, SimpleNamespace(file=SimpleNamespace(src_uri="he/x.md")), None)  # as it is: fine
    changed = change(theme_page)
    assert changed != theme_page
    with pytest.raises(PluginError, match=rf"the rewrite '{rewrite}' matched nothing on en/services/x\.md"):
        document.on_post_page(changed, SimpleNamespace(file=SimpleNamespace(src_uri="en/services/x.md")), None)
    with pytest.raises(PluginError, match=rf"the rewrite '{rewrite}' matched nothing on 404\.html"):
        document.on_post_template(changed, "404.html", None)


def test_an_english_page_whose_search_settings_are_not_found_stops_the_build(theme_page):
    from mkdocs.exceptions import PluginError

    search = _hook("search")
    page = SimpleNamespace(url="en/services/x/", file=SimpleNamespace(src_uri="en/services/x.md"))
    rebased = json.loads(search._CONFIG.search(search.on_post_page(theme_page, page, None))[2])
    assert rebased["base"].endswith("/en/"), rebased["base"]
    with pytest.raises(PluginError, match="the rewrite 'search_base' matched nothing on en/services/x.md"):
        search.on_post_page(theme_page.replace('id="__config"', 'id="__settings"'), page, None)
    hebrew = SimpleNamespace(url="services/x/", file=SimpleNamespace(src_uri="he/services/x.md"))
    assert search.on_post_page("<html></html>", hebrew, None) == "<html></html>"  # the root's own index: nothing to do


def test_the_hooks_read_the_i18n_plugins_state_only_through_i18nstate():
    # One reader (hooks/i18nstate.py): an upgrade that moves the plugin's state is mended there alone.
    readers = {path.name for path in (ROOT / "hooks").glob("*.py")
               if re.search(r"""plugins(\.get\(|\[)\s*["']i18n["']""", path.read_text(encoding="utf-8"))}
    assert readers == {"i18nstate.py"}, f"the i18n plugin's state read outside hooks/i18nstate.py: {readers}"
