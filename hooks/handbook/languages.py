"""The site's languages: one record per language, the one place that knows them.

Hebrew is the research's language and the site's default: its pages are at the
site's root, right to left; English pages are under `en/`. Every module, hook,
template context and test takes a language's code, direction, URL prefix and
names from here; mkdocs.yml's i18n list must agree (a test holds it).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # the docs folder, the `lang` attribute, the key of every bilingual field
    direction: str  # "rtl" or "ltr"
    prefix: str  # the URL from the site's root to its pages: "" for the default language, else "en/"
    locale: str  # Open Graph's locale
    name: str  # its name in itself, as the language switcher and llms.txt show it
    default: bool = False
    date_locale: str = ""  # Babel's locale for its dates (dates.py): day month year in both
    # Its plural forms (CLDR's names, as Intl.PluralRules gives them): a counted word of
    # strings.py has a key per form, `<key>_<form>` (Hebrew says one and two in words).
    plural_forms: tuple[str, ...] = ("one", "other")
    # Its letters beyond Latin, as a regular expression's character range (search-query.html
    # reads a word of them), and the letters that join a word's front as words of their own
    # ("and", "the", "in": ו ה ב ל מ ש כ), which a search also looks past.
    letters: str = ""
    prefix_letters: str = ""

    @property
    def site_name(self) -> str:
        # A string like the site's others (strings.py, key `site_name`); mkdocs.yml repeats it.
        from .strings import STRINGS

        return STRINGS[self.code]["site_name"]

    @property
    def changes_feed(self) -> tuple[str, str]:
        """(the vendor-changes Atom feed's path from the site's root, its title): every
        page's head links it for feed readers (overrides/main.html)."""
        from .changes import ATOM_NAME
        from .strings import STRINGS
        from .urls import CHANGES, from_root

        return from_root(CHANGES, None, self.code) + ATOM_NAME, STRINGS[self.code]["changes"] + " · " + self.site_name


HEBREW = Language("he", "rtl", "", "he_IL", "עברית", default=True, date_locale="he_IL",
                  plural_forms=("one", "two", "other"), letters="\u05d0-\u05ea", prefix_letters="והבלמשכ")
# British English writes the day first ("27 November 2026"), as the Hebrew does.
ENGLISH = Language("en", "ltr", "en/", "en_US", "English", date_locale="en_GB")

# In build order, the default first.
LANGUAGES: tuple[Language, ...] = (HEBREW, ENGLISH)
CODES: tuple[str, ...] = tuple(lang.code for lang in LANGUAGES)
DEFAULT = HEBREW
BY_CODE = {lang.code: lang for lang in LANGUAGES}
# The direction of each language's text, by code: what `bidi` and the templates need.
DIRECTION = {lang.code: lang.direction for lang in LANGUAGES}
PREFIX = {lang.code: lang.prefix for lang in LANGUAGES}
# Every language's own letters and prefix letters, for the search as readers type it.
LETTERS = "".join(lang.letters for lang in LANGUAGES)
PREFIX_LETTERS = "".join(lang.prefix_letters for lang in LANGUAGES)


def of_direction(direction: str) -> Language:
    """The site's language written in `direction` (each direction has one)."""
    return next(lang for lang in LANGUAGES if lang.direction == direction)


def of_source(path: str) -> Language | None:
    """The language of a page's source (`en/services/x.md`); None outside the language folders."""
    first = path.split("/", 1)[0]
    return BY_CODE.get(first)


def of_url(url: str) -> Language:
    """The language of a URL from the site's root (`en/services/x/`; the root is the default's)."""
    first = url.split("/", 1)[0]
    lang = BY_CODE.get(first)
    return lang if lang is not None and lang.prefix else DEFAULT
