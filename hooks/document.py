"""MkDocs adapter: fixes to the theme's HTML document that templates cannot reach.

Material puts `dir` on <body> only; the root element carries it too, so that the
whole document, <head> included, has the language's direction.
"""

from __future__ import annotations

import re

from handbook.strings import DIRECTION

_HTML = re.compile(r'<html lang="([a-z-]+)"')


def on_post_page(output: str, page, config) -> str:
    # <html lang="he"> -> <html lang="he" dir="rtl">
    return _HTML.sub(lambda m: f'{m[0]} dir="{DIRECTION.get(m[1], "ltr")}"', output, count=1)
