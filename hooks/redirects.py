"""MkDocs adapter: mkdocs-redirects under mkdocs-static-i18n's folder layout.

A page that moves keeps its old address as a redirect page, written by the
mkdocs-redirects plugin from `redirect_maps` in mkdocs.yml. Its paths are the
pages' sources, one entry per language: `he/services/OLD.md: he/services/NEW.md`
and `en/services/OLD.md: en/services/NEW.md` (a service page's source is
`<lang>/services/<id>.md`, generated, never in `docs/`).

The plugin alone gets both ends wrong here: it writes the old page at the path
as given (`/he/services/OLD/`, but Hebrew lives at the root), and it looks the
target up among the files as they were before i18n placed them and before the
generated pages were added (the target is missing, or sent to `/he/...`). So,
once i18n has laid out the language being built, this hook hands the
plugin that language's entries with their old paths as the language's URLs,
and the files as i18n placed them; the plugin then writes the pages itself.
An entry that cannot give a working redirect in every language stops the
strict build with `mkdocs.yml: plugins.redirects.redirect_maps['...']: ...`. The plugin's
attributes this relies on are listed, and checked, in internals.py.
"""

from __future__ import annotations

import logging
import re
from pathlib import PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from i18nstate import i18n as i18n_state
from order import priority

# Under `mkdocs.`: strict mode counts these warnings and fails the build.
log = logging.getLogger("mkdocs.hooks.redirects")

# ----------------------------------------------------------------------------
# Hooks
# ----------------------------------------------------------------------------


@event_priority(priority("redirects.on_files"))
def on_files(files: Files, config: MkDocsConfig) -> Files:
    # After i18n has made this build's files: only its language's pages.
    plugin, i18n = config.plugins.get("redirects"), i18n_state(config)
    if plugin is None or i18n is None:
        return files
    pages = {f.src_uri: f for f in files.documentation_pages()}
    current, default = i18n.current_language, i18n.default_language
    redirects, problems = {}, []
    for old, new in plugin.config["redirect_maps"].items():
        outside = _outside(old) or _outside(str(new))
        if outside:
            if current == default:  # reported once, not once per language
                problems.append((old, outside))
            continue
        lang = _language(old, i18n.build_languages)
        if lang is None:
            if current == default:  # reported once, not once per language
                problems.append((old, "the old path must start with a language folder "
                                 f"({', '.join(l + '/' for l in i18n.build_languages)}), as the page's source"))
            continue
        if lang != current:
            continue  # that language's build writes it
        problem = _problem(old, str(new), lang, pages, plugin.config["redirect_maps"], i18n.build_languages)
        if problem:
            problems.append((old, problem))
            continue
        redirects[_url_source(old, lang, default)] = new
    for old, problem in problems:
        log.warning(f"mkdocs.yml: plugins.redirects.redirect_maps[{old!r}]: {problem}")
    plugin.redirects = redirects
    plugin.doc_pages = pages  # targets resolve to where i18n put them
    return files


# ----------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------


def _language(path: str, languages: list[str]) -> str | None:
    # `en/services/x.md` -> "en"; a path outside the language folders -> None.
    first = PurePosixPath(path).parts[0] if path else ""
    return first if first in languages else None


def _outside(path: str) -> str | None:
    # The plugin writes the old path's page where the path says: `../` or an
    # absolute path would write outside the site folder (and a target so named
    # is no page of the site).
    if path.lower().startswith(("http://", "https://")):
        return None
    posix = path.replace("\\", "/")
    if posix.startswith("/") or PurePosixPath(posix).is_absolute() or re.match(r"^[A-Za-z]:", posix):
        return f"{path!r} is an absolute path: paths are pages' sources, relative to the language folders"
    if ".." in PurePosixPath(posix).parts:
        return f"{path!r} goes up a folder ('..'): a redirect may not write outside the site"
    return None


def _url_source(path: str, lang: str, default: str) -> str:
    # The source path whose page address is the language's URL: the default
    # language is served at the root (`he/services/x.md` -> `services/x.md`).
    return path.removeprefix(f"{lang}/") if lang == default else path


def _problem(old: str, new: str, lang: str, pages: dict, maps: dict, languages: list[str]) -> str | None:
    # Why the entry would not give a working redirect, or None.
    if not old.endswith(".md"):
        return "the old path must be a page's source (`.md`)"
    if old in pages:
        return "this page still exists: a redirect would replace it (remove the entry, or move the page)"
    rest = old.removeprefix(f"{lang}/")
    missing = [f"{other}/{rest}" for other in languages if other != lang and f"{other}/{rest}" not in maps]
    if missing:
        return f"moved in one language only: add {', '.join(missing)} too (every page exists in every language)"
    if new.lower().startswith(("http://", "https://")):
        return None
    target = new.split("#", 1)[0]
    if _language(target, languages) != lang:
        return f"the target {new!r} must be a page of the same language ({lang}/...)"
    if target not in pages:
        return f"the target {new!r} is not a page of the site"
    return None
