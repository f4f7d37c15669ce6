"""MkDocs adapter: the languages are built side by side, one process each.

mkdocs-static-i18n builds the default language, then, inside its own post-build
step, each further language one after the other, in one process: on a machine
with two cores, one core idles while the build takes twice as long. Here, once
the data is read (pages.py, `on_config`) and before i18n sets the build up for
its language, the process forks once per further language:

- each child builds its language, then reports to the parent through a pipe
  (its warnings and its part of the sitemap) and exits;
- the parent builds the default language, skips i18n's sequential builds of the
  others, waits for the children, and writes what the languages share: the
  sitemap lists every language's pages; search.py, publishing.py and exports.py
  then finish the site as after a sequential build.

The built site is the same, byte for byte, as i18n's sequential build
(tests/test_parallel.py). A child's warnings count in the parent, so a strict
build fails on them; a child that fails fails the build.

`HANDBOOK_BUILD_JOBS=1` builds the languages one after the other, as i18n does;
so does a system without `os.fork`, and so does a build beside other threads
or off the main thread (`mkdocs serve`'s rebuilds run beside its server and
file watcher: a fork there could copy a lock that another thread holds, and
hang). What this relies on in MkDocs and mkdocs-static-i18n is listed, and
checked, in internals.py.
"""

from __future__ import annotations

import gc
import gzip
import json
import logging
import os
import sys
import traceback
from datetime import UTC, datetime

import mkdocs_static_i18n.plugin as i18n_plugin
from jinja2 import Environment
from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files

from i18nstate import i18n as i18n_state
from order import priority
from searchplugin import material_search

from handbook.processes import can_fork, end_now

log = logging.getLogger("mkdocs.hooks.parallel")

# This process's part in the build: None (sequential), "parent", or a child's language.
_role: str | None = None
# The parent's children: language -> (process id, read end of its pipe).
_children: dict[str, tuple[int, int]] = {}
# This process's sitemap, as rendered for its own language.
_sitemap: str | None = None
# What was patched for the build, to put back after it.
_patched: dict[str, object] = {}
_URLSET_END = "</urlset>"

# ----------------------------------------------------------------------------
# Hooks
# ----------------------------------------------------------------------------


@event_priority(priority("parallel.on_config"))
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # After pages.py has read the data, before i18n sets up a language (order.py).
    global _role
    i18n = i18n_state(config)
    # Never beside other threads nor off the main thread (handbook.processes).
    if i18n is None or i18n.building or _role is not None or not can_fork():
        return config
    others = [lang for lang in i18n.build_languages if lang != i18n.default_language]
    if not others:
        return config
    # The folder is cleaned once, now; no process may clean it under another's feet.
    if not _dirty():
        utils.clean_directory(config.site_dir)
    _patch(utils, "clean_directory", lambda directory: None)
    sys.stdout.flush()
    sys.stderr.flush()
    # What is read by now (the catalog, the theme) lives for the whole build: the
    # garbage collector stops walking it in every process (a second of each
    # process's time at 1,000 services), and a child does not copy its memory by
    # touching it.
    gc.freeze()
    for lang in others:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: this language only
            os.close(read)
            for _, other_read in _children.values():
                os.close(other_read)
            _children.clear()
            _role = lang
            _children[lang] = (0, write)
            counter = _counter()
            if counter is not None:
                counter.counts.clear()  # the parent counts what was logged before the fork
            i18n.current_language = lang
            break
        os.close(write)
        _children[lang] = (pid, read)
    else:
        _role = "parent"
        log.info(f"Building {', '.join(others)} side by side with {i18n.default_language}, "
                 f"in process(es) {', '.join(str(pid) for pid, _ in _children.values())}")
    # i18n's post-build step would build the other languages again: it is skipped,
    # and the build's language is what it was.
    own = i18n.default_language if _role == "parent" else _role

    def skip(config, dirty=False):
        i18n.current_language = own

    _patch(i18n_plugin, "build", skip)
    return config


@event_priority(priority("parallel.on_env"))
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # A child copies only its language's static files: the parent copies the
    # shared ones (theme assets), which two processes must not write at once.
    if _role not in (None, "parent"):
        prefix = f"{_role}/"
        files.copy_static_files = lambda *args, **kwargs: Files(
            [f for f in files if f.dest_uri.startswith(prefix)]
        ).copy_static_files(*args, **kwargs)
    return env


@event_priority(priority("parallel.on_post_template"))
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    global _sitemap
    if template_name == "sitemap.xml" and _role is not None:
        _sitemap = output
    return output


@event_priority(priority("parallel._child_writes_no_root_index"))
def _child_writes_no_root_index(config: MkDocsConfig) -> None:
    # Material's search plugin writes `search/search_index.json` at the site's
    # root (i18n has it rewrite the index after the build), with no page in it:
    # search.py writes each language's own index. In a child, that write would
    # race with the parent's Hebrew index at the same path, and could win.
    if _role not in (None, "parent"):
        for plugin in material_search(config):
            plugin.config.enabled = False


@event_priority(priority("parallel._join_children"))
def _join_children(config: MkDocsConfig) -> None:
    # The parent, after i18n and after search.py has written its own language's
    # index, and before publishing.py, which finishes the site once every
    # language is written (order.py).
    if _role == "parent":
        _join(config)


@event_priority(priority("parallel._end_child"))
def _end_child(config: MkDocsConfig) -> None:
    # A child, once search.py has written its language's index (order.py).
    if _role not in (None, "parent"):
        _report({"warnings": _warnings(), "sitemap": _sitemap})
        # The child's work ends with its language: it must not go on as the parent
        # would (print a summary, serve the site).
        end_now(0)


on_post_build = CombinedEvent(_child_writes_no_root_index, _join_children, _end_child)


@event_priority(priority("parallel.on_build_error"))
def on_build_error(error: Exception) -> None:
    if _role == "parent":
        for pid, read in _children.values():
            os.close(read)
            try:
                os.kill(pid, 15)
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        _reset()
    elif _role is not None:
        # The parent reports that this language failed; its reason is printed here.
        if isinstance(error, PluginError) or type(error).__name__ in ("BuildError", "Abort"):
            log.error(str(error))
        else:
            traceback.print_exception(error)
        _report({"failed": True})
        end_now(1)


# ----------------------------------------------------------------------------
# The parent
# ----------------------------------------------------------------------------


def _join(config) -> None:
    own, reports = _sitemap, {}
    for lang, (pid, read) in _children.items():
        with os.fdopen(read, "rb") as pipe:
            raw = pipe.read()
        _, status = os.waitpid(pid, 0)
        try:
            reports[lang] = json.loads(raw or b"{}")
        except ValueError:
            reports[lang] = {}
        if status != 0 or reports[lang].get("failed") or "sitemap" not in reports[lang]:
            reports[lang]["failed"] = True
    _reset()
    failed = [lang for lang, report in reports.items() if report.get("failed")]
    if failed:
        raise PluginError(f"the build of {', '.join(failed)} failed: its messages are above")
    # The children's warnings count as this build's, for `--strict`.
    counter = _counter()
    for report in reports.values():
        for level, count in report["warnings"].items():
            if counter is not None:
                counter.counts[int(level)] += count
    _write_sitemap(config, [own] + [report["sitemap"] for report in reports.values()])


def _write_sitemap(config, parts: list[str | None]) -> None:
    # Each process rendered i18n's sitemap with its own language's pages only.
    parts = [p for p in parts if p]
    if not parts:
        return
    # Each part: `<urlset ...>`, its `<url>` entries each on a new line, `</urlset>`.
    first, rest = parts[0], parts[1:]
    end = first.rindex(_URLSET_END)
    body = [first[:end].rstrip("\n")]
    for part in rest:
        start = part.index(">", part.index("<urlset")) + 1
        body.append(part[start: part.rindex(_URLSET_END)].rstrip("\n"))
    text = "".join(body) + "\n" + first[end:]
    path = os.path.join(config.site_dir, "sitemap.xml")
    utils.write_file(text.encode("utf-8"), path)
    # As MkDocs gzips it: dated by the pages' update date (the build's date).
    date = datetime.fromisoformat(utils.get_build_date()).replace(tzinfo=UTC)
    with open(f"{path}.gz", "wb") as f:
        with gzip.GzipFile(fileobj=f, filename=f"{path}.gz", mode="wb", mtime=int(date.timestamp())) as gz:
            gz.write(text.encode("utf-8"))


# ----------------------------------------------------------------------------
# A child
# ----------------------------------------------------------------------------


def _warnings() -> dict[str, int]:
    counter = _counter()
    return {str(level): count for level, count in (counter.counts.items() if counter else ())}


def _report(message: dict) -> None:
    _, write = _children[_role]
    with os.fdopen(write, "wb") as pipe:
        pipe.write(json.dumps(message).encode("utf-8"))


# ----------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------


def _counter() -> utils.CountHandler | None:
    # The build's count of warnings, which `--strict` turns into a failure.
    return next((h for h in logging.getLogger("mkdocs").handlers if isinstance(h, utils.CountHandler)), None)


def _dirty() -> bool:
    # As mkdocs-static-i18n tells: the build function's argument is not passed to plugins.
    return "--dirty" in sys.argv or "--dirtyreload" in sys.argv


def _patch(module, name: str, value) -> None:
    _patched.setdefault(f"{module.__name__}.{name}", (module, name, getattr(module, name)))
    setattr(module, name, value)


def _reset() -> None:
    global _role, _sitemap
    gc.unfreeze()  # `mkdocs serve` goes on: what this build leaves behind may be collected
    for module, name, value in _patched.values():
        setattr(module, name, value)
    _patched.clear()
    _children.clear()
    _role, _sitemap = None, None
