"""The one reader of mkdocs-static-i18n's state: which languages a build makes, which one it is making.

The plugin keeps its state in attributes of its instance (`default_language`,
`build_languages`, `current_language`, `building`), none of them a documented
interface (internals.py, `i18n_state`). Every hook reads them here, so that an
upgrade that moves them is mended in one place. Not a hook module: it handles
no event.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig


class I18nState:
    """The i18n plugin's state in one build, as the hooks read (and `parallel.py` sets) it."""

    def __init__(self, plugin):
        self._plugin = plugin

    @property
    def default_language(self) -> str:
        return self._plugin.default_language

    @property
    def build_languages(self) -> list[str]:
        """The languages built, the default first, in the build's order."""
        return list(self._plugin.build_languages)

    @property
    def current_language(self) -> str:
        """The language being built."""
        return self._plugin.current_language

    @current_language.setter
    def current_language(self, lang: str) -> None:
        # A process that builds one further language by itself (parallel.py) sets it up as i18n would.
        self._plugin.current_language = lang

    @property
    def building(self) -> bool:
        """True inside the plugin's inner builds of the further languages."""
        return bool(getattr(self._plugin, "building", False))

    @property
    def last_language(self) -> bool:
        """Whether the language being built is the last of the build."""
        return self.current_language == self.build_languages[-1]


def i18n(config: MkDocsConfig) -> I18nState | None:
    """The i18n plugin's state in this build; None when the plugin is not configured."""
    plugin = config.plugins.get("i18n")
    return None if plugin is None else I18nState(plugin)


def building(config: MkDocsConfig) -> bool:
    """Inside one of the plugin's inner, per-language builds (the outer build does the once-a-build work)."""
    state = i18n(config)
    return state is not None and state.building
