"""MkDocs adapter: the theme's compiled templates are kept between builds, and
the theme's overrides get the site's languages and words instead of copies:
`hb_languages` (the module handbook.languages, a Jinja global) and, in
`config.extra`, `hb_words` (the string table by language) and `hb_script_words`
(by language, what the scripts say, as JSON: overrides/main.html writes it into
every page as `<script id="hb-words">`). The words go in `config.extra`, not a global,
because Material's search plugin renders partials/language.html with the config
alone, in its `on_config`, before any Jinja environment of the build exists.

Every build (each language's, and every `mkdocs serve` rebuild) starts a new
Jinja environment that compiles the theme's ninety-odd templates again: a third
of the real site's build time, and so of the delay before an edited page
reloads. Jinja's bytecode cache keeps them compiled, keyed by each template's
source, so an edited template is compiled afresh. The cache lives in Jinja's
per-user folder under the system's temporary directory, never in the project.
"""

from __future__ import annotations

from jinja2 import Environment, FileSystemBytecodeCache
from jinja2.utils import htmlsafe_json_dumps
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from handbook import languages
from handbook.strings import STRINGS, script_words
from order import priority

try:
    _cache: FileSystemBytecodeCache | None = FileSystemBytecodeCache()
except (OSError, RuntimeError):  # no usable temporary folder: compile every time
    _cache = None

# ----------------------------------------------------------------------------
# Hooks
# ----------------------------------------------------------------------------


@event_priority(priority("templates.on_config"))
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra["hb_words"] = STRINGS
    # As the page's JSON, safe inside <script> (no `<`, `>`, `&` or `'`), its letters as they are: a
    # Hebrew page's words weigh half what \u escapes would.
    config.extra["hb_script_words"] = {lang.code: htmlsafe_json_dumps(script_words(lang.code), ensure_ascii=False,
                                                                       separators=(",", ":"))
                                       for lang in languages.LANGUAGES}
    return config


@event_priority(priority("templates.on_env"))
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    if _cache is not None:
        env.bytecode_cache = _cache
    env.globals["hb_languages"] = languages
    return env
