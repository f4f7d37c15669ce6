"""The site without MkDocs' plugins: the exported Markdown, built by Zensical.

Material reaches end of life on 2027-05-05; its makers' successor, Zensical, reads
an mkdocs.yml but runs no hooks and no mkdocs-static-i18n. So each language is a
site of its own: `stage` lays the export (export.py) out as one docs folder per
language with the site's assets in it, and writes one Zensical config per language
(Hebrew into `zensical/`, English into `zensical/en/`) with what the plugins and
hooks give the MkDocs site: the language and its direction, the navigation in the
language's words and order (hooks/pages.py orders it there), the site's scripts
and stylesheets (taken from mkdocs.yml, their one home) and links between the
languages; a link the generator writes from a page's address is rewritten from its
source, as Zensical reads links. After Zensical has built them, `finish` adds the
fact exports, as hooks/exports.py does, and replaces each language's `search.json`
with the handbook's own entries (searchindex.py: a result per
bullet and fact row, Hebrew words found without their prefix letters) in the
format Zensical's search reads. It knows nothing of MkDocs; it runs no Zensical.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
from pathlib import Path

import yaml

from . import urls
from .catalog import Catalog
from .factexport import exports
from .facttables import COMPARISONS
from .languages import LANGUAGES, Language
from .searchindex import SEPARATOR, pages_index
from .searchwords import vocabulary

# The config files and folders, under the build folder (Zensical wants both the docs
# and the site inside the config's folder).
SOURCES = "zensical-docs"  # one docs folder per language: <lang>/
SITE = "zensical"  # the built site: Hebrew at its root, English under en/


def config_path(build: Path, lang: Language) -> Path:
    """The Zensical config of `lang` (`build/zensical-he.yml`)."""
    return build / f"zensical-{lang.code}.yml"


def site_dir(build: Path, lang: Language) -> Path:
    return build / SITE / lang.prefix


# ----------------------------------------------------------------------------
# Configs
# ----------------------------------------------------------------------------


def stage(catalog: Catalog, markdown: Path, build: Path, mkdocs_yml: Path) -> list[Path]:
    """Lay out each language's docs from the export in `markdown` and write its config;
    returns the configs, the default language's first (its build must run first:
    Zensical empties its site folder, and English is inside Hebrew's)."""
    site = _site_settings(mkdocs_yml)
    written = []
    for lang in LANGUAGES:
        docs = build / SOURCES / lang.code
        if docs.exists():
            shutil.rmtree(docs)
        shutil.copytree(markdown / lang.code, docs)
        shutil.copytree(markdown / "assets", docs / "assets")
        _links_from_sources(docs)
        config = settings(catalog, lang, docs, site)
        target = config_path(build, lang)
        target.write_text(_HEADER + yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        written.append(target)
    return written


_HEADER = "# Written by `python -m handbook zensical-config` (hooks/handbook/zensical.py): edit that, not this.\n"


def settings(catalog: Catalog, lang: Language, docs: Path, site: dict) -> dict:
    """The Zensical config of one language, its docs laid out in `docs`."""
    other = [o for o in LANGUAGES if o is not lang]
    theme = dict(site["theme"])
    theme.update(language=lang.code, direction=lang.direction)
    if lang.code in site["palettes"]:
        theme["palette"] = site["palettes"][lang.code]
    return {
        "site_name": lang.site_name,
        "site_description": site["descriptions"].get(lang.code, ""),
        # Canonical addresses and the sitemap: the published address (SITE_URL) and the language's folder.
        "site_url": site["site_url"].rstrip("/") + "/" + lang.prefix,
        "docs_dir": f"{SOURCES}/{lang.code}",
        "site_dir": f"{SITE}/{lang.prefix}".rstrip("/"),
        "use_directory_urls": True,
        "theme": theme,
        "extra": {
            "generator": False,
            # The language switcher: each language's home, from this language's root.
            "alternate": [
                {"name": each.name, "lang": each.code, "link": _root_to(lang, each)}
                for each in (lang, *other)
            ],
        },
        "extra_javascript": site["extra_javascript"],
        "extra_css": site["extra_css"],
        "markdown_extensions": site["markdown_extensions"],
        "nav": nav(catalog, docs),
    }


def nav(catalog: Catalog, docs: Path) -> list:
    """The navigation of one language's docs, as the MkDocs site orders and names it (hooks/pages.py):
    the home page, the pages at the root by file name, the sections (named by their index
    page, services by number, comparisons in the generator's order), the glossary last."""
    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    titles = {path: _title(docs / path) for path in pages}
    numbers = {urls.service(s.id): s.number for s in catalog.services}
    compare_order = {path: i for i, path in enumerate(_comparisons())}

    def entry(path: str) -> dict:
        return {titles[path]: path}

    items: list = [entry("index.md")]
    root = [p for p in pages if "/" not in p and p not in ("index.md", urls.GLOSSARY)]
    items += [entry(p) for p in root]
    sections = sorted({p.split("/", 1)[0] for p in pages if "/" in p})
    for folder in sections:
        index = f"{folder}/index.md"
        children = [p for p in pages if p.startswith(folder + "/") and p != index]
        if folder == "services":
            children.sort(key=lambda p: numbers.get(p, 0))
        elif folder == "compare":
            children.sort(key=lambda p: compare_order.get(p, len(compare_order)))
        heading = titles.get(index, folder)
        listed = ([index] if index in titles else []) + children
        items.append({heading: [entry(p) for p in listed]})
    if urls.GLOSSARY in titles:
        items.append(entry(urls.GLOSSARY))
    return items


def _comparisons() -> list[str]:
    # The comparisons in the order the generator lists them (rate limits first).
    return [urls.comparison(c.id) for c in COMPARISONS]


def _title(page: Path) -> str:
    # A page's title is its front matter's (every exported page has one).
    text = page.read_text(encoding="utf-8")
    match = _FRONT_MATTER.match(text)
    meta = yaml.safe_load(match[1]) if match else None
    if not isinstance(meta, dict) or not isinstance(meta.get("title"), str):
        raise ValueError(f"{page}: no title in its front matter")
    return meta["title"]


_FRONT_MATTER = re.compile(r"^---\n(.*?)\n---\n", re.S)


def _root_to(lang: Language, target: Language) -> str:
    # From `lang`'s root to `target`'s: "en/" from the root, "../" from en/, "./" to itself.
    up = "../" * lang.prefix.count("/")
    return (up + target.prefix) or "./"


# ----------------------------------------------------------------------------
# Links
# ----------------------------------------------------------------------------


def _links_from_sources(docs: Path) -> None:
    # The generator writes a link as the browser follows it, from the page's address
    # (`../takeaways/#x` on finder/); MkDocs passes it on as written. Zensical reads a
    # relative link from the page's source file instead (finder.md, in the docs' root) and
    # adds the `../` a directory address needs, so every such link would miss by a folder:
    # each becomes the page's source path (`takeaways.md#x`), which Zensical turns back into
    # the address and checks, or a path from the source's folder for any other file.
    pages = {_address(p.relative_to(docs).as_posix()): p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    for page in docs.rglob("*.md"):
        source = page.relative_to(docs).as_posix()
        text = page.read_text(encoding="utf-8")
        # Zensical leaves what is inside <noscript> as it is (the brief's list of links): so do we.
        parts = _NOSCRIPT.split(text)
        fixed = "".join(part if part.startswith("<noscript") else
                        _LINK.sub(lambda m: m[1] + _from_source(m[2], source, pages) + m[3], part)
                        for part in parts)
        fixed = _mark_wide(fixed)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


def _mark_wide(text: str) -> str:
    # A page of wide tables (front matter `wide: true`) is marked for handbook.css as
    # overrides/main.html marks it in the MkDocs site (Zensical uses no overrides).
    match = _FRONT_MATTER.match(text)
    meta = yaml.safe_load(match[1]) if match else None
    if not (isinstance(meta, dict) and meta.get("wide")):
        return text
    return text[:match.end()] + '\n<div class="hb-wide" hidden></div>\n' + text[match.end():]


# A link in HTML (href, src: what Zensical rewrites) or in Markdown: `](x)`.
_LINK = re.compile(r'((?:\b(?:href|src)=")|(?:\]\())([^"()\s]*)(["\)])')
_NOSCRIPT = re.compile(r"(<noscript\b.*?</noscript>)", re.S)
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/|#|$)", re.I)


def _address(source: str) -> str:
    # A page's directory address from its source: `finder.md` -> `finder/`, `services/index.md` -> `services/`.
    stem = source[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def _from_source(link: str, source: str, pages: dict[str, str]) -> str:
    if _EXTERNAL.match(link):
        return link
    path, mark, rest = link.partition("#")
    if not mark:
        path, mark, rest = link.partition("?")
    if path.endswith(".md"):
        return link  # a hand-written page's link, already from its source
    target = posixpath.normpath(posixpath.join(_address(source), path)) + ("/" if path.endswith("/") else "")
    if target in (".", "./"):
        target = ""
    folder = posixpath.dirname(source)
    if target in pages:
        new = posixpath.relpath(pages[target], folder or ".")
    else:
        new = posixpath.relpath(target or ".", folder or ".") + ("/" if target.endswith("/") else "")
    return new + mark + rest


# ----------------------------------------------------------------------------
# What mkdocs.yml says, read once
# ----------------------------------------------------------------------------


class _Tolerant(yaml.SafeLoader):
    """mkdocs.yml's own tags: `!ENV` read as its default, a Python object as its name and arguments."""


def _env(loader, node):
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_object(node.value[-1]) if len(node.value) > 1 else None
    return None


def _python(loader, suffix, node):
    # `!!python/object/apply:pymdownx.slugs.slugify {kwds: ...}`: Zensical takes it as {object, kwds}.
    value = loader.construct_mapping(node, deep=True) if isinstance(node, yaml.MappingNode) else {}
    return {"object": suffix, "kwds": value.get("kwds", {})}


_Tolerant.add_constructor("!ENV", _env)
_Tolerant.add_multi_constructor("tag:yaml.org,2002:python/object/apply:", _python)


def _site_settings(mkdocs_yml: Path) -> dict:
    # The theme, scripts, stylesheets and Markdown of the MkDocs site, with no MkDocs: one home.
    config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_Tolerant)  # noqa: S506 (safe, with two tags)
    theme = {k: v for k, v in config["theme"].items() if k not in ("custom_dir", "language")}
    theme["name"] = "material"  # Zensical's own theme answers to the name
    theme["variant"] = "classic"  # Material's look, which handbook.css is written for (Zensical's default is "modern")
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    palettes = {lang["locale"]: lang["theme"]["palette"] for lang in i18n["languages"] if "palette" in lang.get("theme", {})}
    descriptions = {lang["locale"]: lang.get("site_description", config.get("site_description", ""))
                    for lang in i18n["languages"]}
    return {
        "site_url": os.environ.get("SITE_URL") or config.get("site_url") or "",
        "theme": theme,
        "palettes": palettes,
        "descriptions": descriptions,
        "extra_javascript": config.get("extra_javascript", []),
        "extra_css": config.get("extra_css", []),
        "markdown_extensions": config.get("markdown_extensions", []),
    }


# ----------------------------------------------------------------------------
# Search
# ----------------------------------------------------------------------------


def finish(catalog: Catalog, build: Path, site_url: str) -> dict[str, int]:
    """What the hooks add to a built site, added to Zensical's: the fact exports
    (`api/v1/`, the vendor changes' feeds and calendar) and each language's search;
    returns the number of search entries by language."""
    for lang in LANGUAGES:  # before writing anything
        _built_site(build, lang)
    for path, content in exports(catalog, site_url).items():
        target = build / SITE / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    return write_search(catalog, build)


def write_search(catalog: Catalog, build: Path) -> dict[str, int]:
    """Each language's `search.json` in Zensical's format from the handbook's entries,
    read from the pages Zensical built; returns the number of entries by language."""
    counts = {}
    words = vocabulary(catalog)
    for lang in LANGUAGES:
        root = _built_site(build, lang)
        pages = sorted(_articles(root, lang))
        index = pages_index(pages, catalog.glossary.aliases_in, words)
        converted = zensical_index(index, lang)
        (root / "search.json").write_text(json.dumps(converted, ensure_ascii=False, separators=(",", ":")),
                                          encoding="utf-8")
        counts[lang.code] = len(converted["items"])
    return counts


def _built_site(build: Path, lang: Language) -> Path:
    root = site_dir(build, lang)
    if not (root / "index.html").is_file():
        raise FileNotFoundError(f"{root}: no built site (run Zensical with {config_path(build, lang).name} first)")
    return root


def zensical_index(index: dict, lang: Language) -> dict:
    """Material's index (searchindex.index) in Zensical's shape: `items` of location, level,
    title, text and path (the page's title above a section's result). Zensical searches title,
    text and path only: the other forms a reader may type (keys, the platform and what a fact
    row is about) go first into the text, in an element results do not show."""
    items = []
    pages: dict[str, str] = {}
    for doc in index["docs"]:
        page, _, anchor = doc["location"].partition("#")
        if not anchor:
            pages[page] = doc["title"]
        hidden = " ".join(doc.get(k, "") for k in ("keys", "platform", "about")).strip()
        text = (f'<span hidden="hidden">{_escape(hidden)}</span>' if hidden else "") + doc["text"]
        item = {"location": doc["location"], "level": 2 if anchor else 1, "title": doc["title"], "text": text,
                "path": [pages[page]] if anchor and page in pages else []}
        items.append(item)
    return {"config": {"lang": [lang.code], "separator": unicode_separator(SEPARATOR)}, "items": items}


def unicode_separator(pattern: str) -> str:
    """`pattern` as a JavaScript RegExp with the `u` flag accepts it (Zensical's): no escaped quotes."""
    return pattern.replace('\\"', '"').replace("\\'", "'")


def _articles(root: Path, lang: Language):
    # Every page of one language's built site (not the other language's inside it): (location, article HTML).
    others = [root / o.prefix for o in LANGUAGES if o.prefix and o is not lang and o.prefix != lang.prefix]
    for page in root.rglob("index.html"):
        if any(page.is_relative_to(o) for o in others):
            continue
        html = page.read_text(encoding="utf-8")
        match = _ARTICLE.search(html)
        if not match:
            continue  # a redirect or a page of no content
        location = page.parent.relative_to(root).as_posix()
        yield ("" if location == "." else location + "/"), match[1]


# Zensical's page body: `<article class="md-content__inner md-typeset">…</article>`.
_ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
