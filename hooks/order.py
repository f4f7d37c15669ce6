"""The hooks' order: every event priority of the hooks, in one table.

MkDocs runs an event's handlers from the highest priority to the lowest (a
handler without `@event_priority` has 0; plugins and hooks mix in one order).
The hooks depend on running before or after mkdocs-static-i18n (which builds
the further languages inside its own `on_post_build`), Material's search plugin
and each other. Each event below lists, in running order, who acts and why
there; the hooks take their priority from here (`priority("pages.on_nav")`),
never from a number of their own.

Every handler of every hook module has its row, and no two rows of an event
share a priority: among equal priorities MkDocs runs plugins before hooks and
hooks in the order of `hooks:` in mkdocs.yml, an order this table would not
show. Rows named `i18n.*` and `search.plugin.*` are the plugins' own
priorities, for reading the order; `tests/test_internals.py` checks them
against the installed plugins, checks that every hook's priority is the one
here, and that MkDocs runs each event's handlers in the table's order.
"""

from __future__ import annotations

# event -> [(who, priority, why there)], in running order (highest first).
ORDER: dict[str, list[tuple[str, int, str]]] = {
    "on_config": [
        ("templates.on_config", 20, "gives the theme's templates the string table (config.extra) before "
                                    "Material's search plugin renders partials/language.html for its words"),
        ("publishing.on_config", 10, "stops a strict build whose site address is this machine's, before "
                                     "anything is read"),
        ("pages.on_config", 0, "reads and validates the data, once"),
        ("parallel.on_config", -50, "forks once per further language: after the data is read (so the "
                                    "children share it), before i18n sets a language up"),
        ("i18n.on_config", -100, "sets the current language's configuration up"),
    ],
    "on_files": [
        ("pages.on_files", 0, "announces the generated pages, before i18n sorts them by language"),
        ("i18n.on_files", -100, "re-creates every file from its path, per language (in-memory content lost)"),
        ("redirects.on_files", -150, "hands mkdocs-redirects this language's entries and the files "
                                     "as i18n placed them"),
    ],
    "on_env": [
        ("i18n.on_env", 0, "sets the language's theme up"),
        ("templates.on_env", -10, "keeps the theme's compiled templates and gives the overrides the languages"),
        ("parallel.on_env", -20, "replaces this build's copy of the static files (one process copies the "
                                 "theme's assets)"),
    ],
    "on_nav": [
        ("i18n.on_nav", -100, "builds the language's navigation"),
        ("pages.on_nav", -110, "gives the generated pages their content, once i18n has re-created them"),
    ],
    "on_page_context": [
        ("search._exclude", 100, "excludes every page from Material's index before its plugin "
                                 "parses it (search.py writes each language's own), and turns the plugin off "
                                 "for its step"),
        ("i18n.on_page_context", 50, "sets the page's language up"),
        ("search.plugin.on_page_context", 0, "Material's search plugin parses the page, unless excluded, and "
                                             "strips its data-search-* attributes: turned off by search.py "
                                             "for this step"),
        ("search._strip_search_attributes", -5, "turns Material's search plugin back on and strips the "
                                                "attributes, as it would have"),
        ("navigation.on_page_context", -10, "swaps in the page's own view of the navigation"),
        ("cards.on_page_context", -20, "writes the page's link preview image and gives the head its tags: "
                                     "any time before the page is rendered"),
    ],
    "on_page_markdown": [
        ("i18n.on_page_markdown", 50, "sets the page's language up"),
        ("pages.on_page_markdown", 0, "sets a generated page's HTML blocks aside, fills a hand-written page's "
                                      "markers, writes the Markdown twin"),
    ],
    "on_page_content": [
        ("pages.on_page_content", 10, "puts the HTML blocks set aside back (and their ids), so that the "
                                      "page is whole for what follows"),
        ("search.on_page_content", 0, "keeps the page's whole content for its language's search index"),
    ],
    "on_post_page": [
        ("document.on_post_page", 0, "fixes the theme's markup"),
        ("search.on_post_page", -10, "points an English page at its own search index"),
        ("i18n.on_post_page", -100, "the plugin's own step after a page is written"),
    ],
    "on_post_template": [
        ("document.on_post_template", 0, "fixes the theme's markup"),
        ("publishing.on_post_template", -200, "keeps the default language's 404 page, fixed"),
        ("parallel.on_post_template", -210, "keeps this process's sitemap, as rendered"),
    ],
    "on_post_build": [
        ("parallel._child_writes_no_root_index", 10, "in a child, turns Material's search plugin off "
                                                     "before it writes the root index"),
        ("search.plugin.on_post_build", 0, "Material's search plugin writes the root index"),
        ("exports.on_post_build", -10, "writes the fact exports, in the last language's build"),
        ("i18n.on_post_build", -100, "builds the further languages, one after the other (skipped when "
                                     "parallel.py builds them side by side)"),
        ("search.on_post_build", -120, "writes this language's search index, while the other process works"),
        ("parallel._join_children", -150, "in the parent, waits for the other languages and writes the sitemap"),
        ("publishing.on_post_build", -200, "once every language is written: robots.txt and the root 404 page"),
        ("parallel._end_child", -250, "in a child, reports to the parent and exits"),
    ],
    "on_build_error": [
        ("parallel.on_build_error", 0, "stops the other processes, or reports a child's failure to the parent"),
    ],
    "on_startup": [
        ("lifetime.on_startup", 0, "sets the garbage collector's pace for the build, before anything is read"),
    ],
    "on_shutdown": [
        ("lifetime.on_shutdown", -1000, "after every plugin's own, ends a `mkdocs build` that succeeded "
                                        "without taking the interpreter down piece by piece"),
    ],
}

_PRIORITY = {who: value for rows in ORDER.values() for who, value, _ in rows}


def priority(who: str) -> int:
    """The priority of a hook's handler (`module.function`), as the table sets it."""
    return _PRIORITY[who]
