"""Link previews: the Open Graph image of a page, drawn with Pillow.

A link pasted into WhatsApp, Slack, Teams or a mail client shows a card: the
page's title, its kind (service, platform, comparison, ...) and the handbook's
mark, in the page's language, in the site's own typeface (Heebo, served from
`docs/assets/fonts`). Title, kind and language in, PNG bytes out; no MkDocs
here (`hooks/cards.py` writes the files and the meta tags).

Hebrew is set right to left, in order: each line is put in its visual order by
python-bidi (the Unicode bidirectional algorithm, its bracket pairs rule
included), and a bracket pair that lands right to left is mirrored, which
python-bidi leaves out. Hebrew letters do not join, so the order is all the
shaping they need: Pillow's own layout draws the letters one after another,
never libraqm's (where the system has it, it would reorder the line again), so
the card is the same on every machine. Heebo comes in two files, one for Hebrew
letters and one for Latin ones; each run of a line is drawn with the file that
has its letters.

A card is the same for the same (title, kind, language, VERSION): `cached`
keeps each one in a per-user folder under the system's temporary directory, so
that a rebuild copies files instead of drawing them again.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
from functools import cache
from pathlib import Path

from bidi import get_display
from PIL import Image, ImageDraw, ImageFont

from .languages import BY_CODE, of_url

# Part of every card's cache key: raise it whenever the drawing changes.
VERSION = "3"
WIDTH, HEIGHT = 1200, 630

FONTS = Path(__file__).resolve().parents[2] / "docs" / "assets" / "fonts"
_HEBREW_FONT = FONTS / "heebo-hebrew-wght-normal.woff2"
_LATIN_FONT = FONTS / "heebo-latin-wght-normal.woff2"

# The brand (handbook.css, "A designed look"): white on the header's teal.
_BRAND = (11, 93, 102)
_BRAND_DARK = (9, 74, 82)
_ACCENT = (245, 158, 11)
_WHITE = (255, 255, 255)
_PALE = (207, 232, 235)

_MARGIN = 80
_TITLE_SIZES = (72, 62, 54, 46)  # the largest whose lines fit, at most _TITLE_LINES of them
_TITLE_LINES = 3
_HEBREW = re.compile("[\u0590-\u05ff\ufb1d-\ufb4f]")

# ----------------------------------------------------------------------------
# A page's kind and its card's address
# ----------------------------------------------------------------------------

# A page's kind, by the first folder of its address (after the language's
# prefix) and whether it is that folder's index; `card_kind_<kind>` in strings.py
# names it. An address of no kind here (a page added later) is a plain `page`.
_KINDS = {
    "services": ("services", "service"),
    "platforms": ("platforms", "platform"),
    "compare": ("comparisons", "comparison"),
}
_PAGES = ("takeaways", "glossary", "review", "changes", "finder", "brief")
KINDS = ("home", "page", *_PAGES, *(kind for pair in _KINDS.values() for kind in pair))


def kind(url: str) -> str:
    """The kind of the page at `url`, from the site's root (`en/services/x/` is a service)."""
    lang = of_url(url)
    parts = [part for part in url[len(lang.prefix):].split("/") if part]
    if not parts:
        return "home"
    if parts[0] in _KINDS:
        index, item = _KINDS[parts[0]]
        return index if len(parts) == 1 else item
    if len(parts) == 1 and parts[0] in _PAGES:
        return parts[0]
    return "page"


def file_name(html: str) -> str:
    """The card's file, beside the page's HTML file `html`: `card.png` beside an `index.html`."""
    stem = html.rsplit(".", 1)[0]
    return "card.png" if stem == "index" else f"{stem}-card.png"


# ----------------------------------------------------------------------------
# The card
# ----------------------------------------------------------------------------


def card(title: str, kind: str, site_name: str, lang: str) -> bytes:
    """The card of a page, as PNG bytes: 1200 by 630 pixels."""
    rtl = BY_CODE[lang].direction == "rtl"
    image = Image.new("RGB", (WIDTH, HEIGHT), _BRAND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, HEIGHT - 90, WIDTH, HEIGHT), fill=_BRAND_DARK)
    draw.rectangle((0, 0, WIDTH, 12), fill=_ACCENT)

    # The mark (docs/assets/logo.svg: two linked systems) at the start of the line.
    mark = 96
    mark_x = WIDTH - _MARGIN - mark if rtl else _MARGIN
    _mark(draw, mark_x, 64, mark)

    # The kind, beside the mark.
    kind_size = 40
    kind_width = _width(kind, kind_size, 500, rtl)
    kind_x = mark_x - 28 - kind_width if rtl else mark_x + mark + 28
    _line(draw, kind, kind_x, 64 + (mark - kind_size) // 2 - 6, kind_size, 500, _PALE, rtl)

    # The title: the largest size at which it fits in three lines.
    width = WIDTH - 2 * _MARGIN
    for size in _TITLE_SIZES:
        lines = _wrap(title, size, 700, width, rtl)
        if len(lines) <= _TITLE_LINES:
            break
    else:
        lines = lines[:_TITLE_LINES]
        lines[-1] = _shorten(lines[-1], size, width, rtl)
    leading = int(size * 1.3)
    top = 200 + (3 * int(_TITLE_SIZES[0] * 1.3) - len(lines) * leading) // 2
    for n, text in enumerate(lines):
        x = WIDTH - _MARGIN - _width(text, size, 700, rtl) if rtl else _MARGIN
        _line(draw, text, x, top + n * leading, size, 700, _WHITE, rtl)

    # The handbook's name, in the footer.
    name_size = 32
    name_x = WIDTH - _MARGIN - _width(site_name, name_size, 400, rtl) if rtl else _MARGIN
    _line(draw, site_name, name_x, HEIGHT - 90 + (90 - name_size) // 2 - 6, name_size, 400, _WHITE, rtl)

    # Few colours: a palette image is less than half the size (10 KB), and looks the same.
    # Octree, without `optimize`: 50 ms a card, against 350 ms for median cut and optimize.
    out = io.BytesIO()
    image.quantize(colors=32, method=Image.Quantize.FASTOCTREE).save(out, "PNG")
    return out.getvalue()


def _mark(draw: ImageDraw.ImageDraw, x: int, y: int, size: int) -> None:
    # logo.svg on its 24-unit grid: a line from (8.2, 13.6) to (15.8, 10.4), a ring
    # at (6, 14.5) and a disc at (18, 9.5), radius 3.5, strokes 2 units wide.
    unit = size / 24
    stroke = max(2, round(2 * unit))

    def at(px: float, py: float) -> tuple[float, float]:
        return x + px * unit, y + py * unit

    draw.line((*at(8.2, 13.6), *at(15.8, 10.4)), fill=_WHITE, width=stroke)
    r = 3.5 * unit + stroke / 2
    cx, cy = at(6, 14.5)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=_WHITE, width=stroke)
    cx, cy = at(18, 9.5)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=_WHITE)


# ----------------------------------------------------------------------------
# Text: lines in visual order, runs by script
# ----------------------------------------------------------------------------


@cache
def _font(path: Path, size: int, weight: int) -> ImageFont.FreeTypeFont:
    # Pillow's own layout, always: with libraqm (when the system has it) Pillow would
    # reorder the line that python-bidi has already put in visual order.
    font = ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)
    font.set_variation_by_axes([weight])  # Heebo is a variable font: one axis, its weight
    return font


def _runs(visual: str) -> list[tuple[str, Path]]:
    # A line in visual order, cut where its letters change from Hebrew to others.
    runs: list[tuple[str, Path]] = []
    for char in visual:
        path = _HEBREW_FONT if _HEBREW.match(char) else _LATIN_FONT
        if not _has(path, char):
            path = _LATIN_FONT if path == _HEBREW_FONT else _HEBREW_FONT  # a sign only the other file has
        if runs and runs[-1][1] == path:
            runs[-1] = (runs[-1][0] + char, path)
        else:
            runs.append((char, path))
    return runs


@cache
def _has(path: Path, char: str) -> bool:
    # A letter the file lacks is drawn as its "missing" box, the same as a code point no font has.
    return char.isspace() or _glyph(path, char) != _glyph(path, "\U0010fffd")


def _glyph(path: Path, char: str) -> bytes:
    image = Image.new("L", (48, 48))
    ImageDraw.Draw(image).text((8, 4), char, font=_font(path, 32, 400), fill=255)
    return image.tobytes()


def missing(text: str) -> str:
    """The letters of `text` that neither of Heebo's files has (drawn as a box on a card)."""
    return "".join(sorted({char for char in text if not (_has(_HEBREW_FONT, char) or _has(_LATIN_FONT, char))}))


# Bracket pairs of Unicode's BidiBrackets.txt, all of class ON like "(" and ")": one stands in
# for each pair of a line, so that where its two halves land tells the pair's direction.
_OPENING = {"(": ")", "[": "]", "{": "}"}
_CLOSING = {close: open_ for open_, close in _OPENING.items()}
_STAND_INS = ["⁅⁆", "⁽⁾", "₍₎", "⌈⌉", "⌊⌋", "❨❩", "❪❫", "❬❭", "❮❯", "❰❱", "❲❳", "❴❵", "⟅⟆", "⟦⟧", "⟨⟩", "⟪⟫"]


def _visual(text: str, rtl: bool) -> str:
    # The Unicode bidirectional algorithm (python-bidi's, with its bracket pairs rule) orders the
    # line but leaves brackets unmirrored: "(Rate limits)" in a Hebrew line came out ")Rate limits(".
    # Each pair is drawn with a stand-in pair: one that lands closing before opening is right to left,
    # and is drawn mirrored.
    chars, pairs, open_at = list(text), {}, []
    for i, char in enumerate(chars):
        if char in _OPENING:
            open_at.append(i)
        elif char in _CLOSING:
            for depth in range(len(open_at) - 1, -1, -1):
                if chars[open_at[depth]] == _CLOSING[char]:
                    start = open_at[depth]
                    del open_at[depth:]
                    if len(pairs) < len(_STAND_INS):
                        stand_in = _STAND_INS[len(pairs)]
                        pairs[stand_in] = chars[start] + char
                        chars[start], chars[i] = stand_in
                    break
    visual = get_display("".join(chars), base_dir="R" if rtl else "L")
    for stand_in, (open_, close) in pairs.items():
        if visual.index(stand_in[0]) > visual.index(stand_in[1]):
            open_, close = close, open_  # right to left: the opening bracket faces left
        visual = visual.replace(stand_in[0], open_).replace(stand_in[1], close)
    return visual


def _width(text: str, size: int, weight: int, rtl: bool) -> float:
    return sum(_font(path, size, weight).getlength(run) for run, path in _runs(_visual(text, rtl)))


def _line(draw: ImageDraw.ImageDraw, text: str, x: float, y: int, size: int, weight: int,
          fill: tuple[int, int, int], rtl: bool) -> None:
    # Drawn left to right, run after run, in the order the eye reads them on the screen.
    for run, path in _runs(_visual(text, rtl)):
        font = _font(path, size, weight)
        draw.text((x, y), run, font=font, fill=fill)
        x += font.getlength(run)


def _wrap(text: str, size: int, weight: int, width: float, rtl: bool) -> list[str]:
    # Lines in reading (logical) order; each is put in visual order when drawn.
    lines: list[str] = []
    for word in _words(text):
        if lines and _width(lines[-1] + " " + word, size, weight, rtl) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _words(text: str) -> list[str]:
    # The units a title is wrapped at: a short part in brackets ("(3+ systems)") stays on one line.
    words: list[str] = []
    for word in text.split():
        group = words and words[-1].count("(") > words[-1].count(")") and len(words[-1]) < 24
        if group:
            words[-1] += " " + word
        else:
            words.append(word)
    return words


def _shorten(text: str, size: int, width: float, rtl: bool) -> str:
    # The last line of a title too long for the card ends with an ellipsis.
    words = text.split()
    while len(words) > 1 and _width(" ".join(words) + "…", size, 700, rtl) > width:
        words.pop()
    return " ".join(words) + "…"


# ----------------------------------------------------------------------------
# The cache: a card drawn once per (title, kind, language, VERSION)
# ----------------------------------------------------------------------------


def key(title: str, kind: str, site_name: str, lang: str) -> str:
    parts = "\x00".join((VERSION, lang, kind, site_name, title))
    return hashlib.sha256(parts.encode("utf-8")).hexdigest()[:32]


def cache_folder() -> Path | None:
    """A folder of this user's own under the system's temporary one (as Jinja's bytecode cache)."""
    folder = Path(tempfile.gettempdir()) / f"handbook-cards-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        if hasattr(os, "getuid") and folder.stat().st_uid != os.getuid():
            return None  # someone else's: draw every time
    except OSError:
        return None
    return folder


def cached(title: str, kind: str, site_name: str, lang: str, folder: Path | None) -> bytes:
    """The card's bytes, from the cache when it holds them, else drawn and kept there."""
    if folder is None:
        return card(title, kind, site_name, lang)
    path = folder / f"{key(title, kind, site_name, lang)}.png"
    try:
        return path.read_bytes()
    except OSError:
        pass
    data = card(title, kind, site_name, lang)
    try:
        write_bytes(path, data)
    except OSError:
        pass  # a cache that cannot be written: the card is drawn again next time
    return data


def write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file beside it: never half written (not synced:
    the site's files and the cache are made again by the next build)."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
