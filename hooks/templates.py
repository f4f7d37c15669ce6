"""MkDocs adapter: the theme's compiled templates are kept between builds, and
the theme's overrides get the site's languages (`hb_languages`, the module
handbook.languages) instead of a copy of their codes and locales.

Every build (each language's, and every `mkdocs serve` rebuild) starts a new
Jinja environment that compiles the theme's ninety-odd templates again: a third
of the real site's build time, and so of the delay before an edited page
reloads. Jinja's bytecode cache keeps them compiled, keyed by each template's
source, so an edited template is compiled afresh. The cache lives in Jinja's
per-user folder under the system's temporary directory, never in the project.
"""

from __future__ import annotations

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from handbook import languages
from order import priority

try:
    _cache: FileSystemBytecodeCache | None = FileSystemBytecodeCache()
except (OSError, RuntimeError):  # no usable temporary folder: compile every time
    _cache = None

# ----------------------------------------------------------------------------
# Hooks
# ----------------------------------------------------------------------------


@event_priority(priority("templates.on_env"))
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    if _cache is not None:
        env.bytecode_cache = _cache
    env.globals["hb_languages"] = languages
    return env
