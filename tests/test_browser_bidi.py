"""Hebrew that reads in order, measured where the reader sees it: every Hebrew
page, the citation HTML of every bullet and fact row, and the plain-text
citation as mail, WhatsApp or Slack lays it out (a line's direction from its
first strong character). Glyph positions come from Chromium (a Range over each
character, getClientRects), all pages in one browser:

- a sentence-final "." or "!" after a Latin word or a number sits at the end of
  its sentence in reading order: to the LEFT of the word in right-to-left text
  (never ".50" for "50."), to its right in a left-to-right element (an English
  bullet, an English quotation);
- a number sits beside its unit (on the same line, on the unit's reading side:
  "3 שניות" with the unit on the left, "160 requests" on the right) and beside
  the number across a sign ("50,000 + 250" never breaks).

The rules themselves, and what the built HTML carries for them, are held by
tests/test_direction.py.
"""

from __future__ import annotations

import time

import pytest

from browser import launch, serve
from conftest import LANGS
from handbook.figures import UNIT_WORDS

# The words that follow a number as its unit, in both languages (figures.py's unit names).
UNITS = sorted({w.split()[0] for words in UNIT_WORDS.values() for w in words if w[0].isalpha()}, key=len,
               reverse=True)

# Measures one element's text: the problems found, and how many places were checked.
# `expect` is the reading direction of plain-text lines (data-reading-dir); elsewhere
# a sentence's direction is its block's, or that of an element in another language.
MEASURE = r"""
(args) => {
  const [rootSelector, units] = args;
  const roots = Array.from(document.querySelectorAll(rootSelector));
  // What a reader can open is measured open (a review's statement under its badge).
  for (const root of roots) for (const d of root.querySelectorAll("details")) d.open = true;
  const problems = [];
  let checked = 0;
  const SKIP = "script, style, template, code, pre, kbd, .hb-visually-hidden, [hidden], [aria-hidden=true]";
  const blockCache = new Map();
  function block(el) {
    for (let e = el; e; e = e.parentElement) {
      if (blockCache.has(e)) return blockCache.get(e);
      const d = getComputedStyle(e).display;
      if (!d.startsWith("inline") && d !== "contents") { blockCache.set(e, e); return e; }
    }
    return document.body;
  }
  function sentenceDir(el) {
    // The sentence a mark ends: its block's, or an element's in another language (a quotation).
    for (let e = el; e; e = e.parentElement) {
      if (e.hasAttribute("data-reading-dir")) return e.getAttribute("data-reading-dir");
      if (e.hasAttribute("lang") || e === block(e)) return getComputedStyle(e).direction;
    }
    return "ltr";
  }
  function rect(node, offset) {
    const r = document.createRange();
    r.setStart(node, offset);
    r.setEnd(node, offset + 1);
    const rs = r.getClientRects();
    return rs.length ? rs[rs.length - 1] : null;
  }
  const sameLine = (a, b) => Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > Math.min(a.height, b.height) / 2;
  const say = (text, i) => text.slice(Math.max(0, i - 40), i + 25).replace(/\s+/g, " ");
  // Sentence-final: the block ends, or no Latin text follows (a quotation mark before it aside).
  const MARK = /([A-Za-z0-9])([.!])(?![.!])(?=\s*$|\s+[^A-Za-z0-9\s"'“‘(])/g;
  // A number ends with a digit: "2027," before a word is a date's year and its comma.
  const NUMBER = "(?<![\\d,.])\\d(?:[\\d,.]*\\d)?(?:[–-]\\d(?:[\\d,.]*\\d)?)?";
  const UNIT = new RegExp("(" + NUMBER + ")[ \\u00a0](" + units.join("|") + ")(?![A-Za-z\\u0590-\\u05FF])", "g");
  const SIGN = new RegExp("(" + NUMBER + ")[ \\u00a0][+×][ \\u00a0](\\d)", "g");
  for (const root of roots) {
    // The text of each block, and where each character of it is.
    const blocks = new Map();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest(SKIP) || !n.data.length) continue;
      const b = block(el);
      if (!blocks.has(b)) blocks.set(b, { text: "", at: [] });
      const entry = blocks.get(b);
      for (let i = 0; i < n.data.length; i++) {
        if (/[\u200e\u200f\u2066-\u2069]/.test(n.data[i])) continue;  // direction marks take no place
        entry.at.push([n, i]);
        entry.text += n.data[i];
      }
    }
    for (const [b, { text, at }] of blocks) {
      if (!b.getClientRects().length) continue;  // not shown (a closed <details>, another tab)
      for (const m of text.matchAll(MARK)) {
        const i = m.index;
        const [wn, wo] = at[i], [pn, po] = at[i + 1];
        const word = rect(wn, wo), mark = rect(pn, po);
        if (!word || !mark || !word.width) continue;
        checked++;
        const dir = sentenceDir(pn.parentElement);
        const ok = sameLine(word, mark) && (dir === "rtl" ? mark.right <= word.left + 0.5 : mark.left >= word.right - 0.5);
        if (!ok) problems.push(`"${m[2]}" after "${m[1]}" on the wrong side (${dir}): …${say(text, i)}…`);
      }
      for (const re of [UNIT, SIGN]) {
        for (const m of text.matchAll(re)) {
          const i = m.index, n = m[1].length;
          const [un, uo] = at[i + n + 1 + (re === SIGN ? 2 : 0)];
          // A Hebrew unit reads after the number, to the left of its first digit;
          // a Latin unit (or the number after a sign) to the right of its last.
          const left = /[\u0590-\u05FF]/.test(un.data[uo]) && sentenceDir(un.parentElement) === "rtl";
          const [nn, no] = at[left ? i : i + n - 1];
          const num = rect(nn, no), unit = rect(un, uo);
          if (!num || !unit || !num.width) continue;
          checked++;
          const gap = left ? num.left - unit.right : unit.left - num.right;
          const em = parseFloat(getComputedStyle(nn.parentElement).fontSize);
          if (!sameLine(num, unit) || gap < -0.5 || gap > 1.2 * em)
            problems.push(`"${m[0]}" apart (gap ${gap.toFixed(1)}px): …${say(text, i)}…`);
        }
      }
    }
  }
  return { problems, checked };
}
"""

# Every citation's HTML shown in the page's content column, as a mail client shows it.
SHOW_CITATIONS = """() => {
  const box = document.createElement("div");
  box.className = "hb-measured-citations";
  for (const t of document.querySelectorAll("template.hb-cite-body")) box.appendChild(t.content.cloneNode(true));
  document.querySelector("article").appendChild(box);
  return box.children.length;
}"""

# The plain text each copy button puts on the clipboard, caught at navigator.clipboard.write.
COPY_ALL = """async () => {
  const texts = [];
  navigator.clipboard.write = async (items) => {
    texts.push(await (await items[0].getType("text/plain")).text());
  };
  for (const b of document.querySelectorAll("button.hb-cite")) b.click();
  await new Promise((r) => setTimeout(r, 50));
  return texts;
}"""

# Plain text laid out as a chat or a plain-text mail does: each line on its own,
# its direction from its first strong character (unicode-bidi: plaintext).
SHOW_PLAIN = """([texts, dir]) => {
  const box = document.createElement("div");
  box.className = "hb-measured-plain";
  box.style.cssText = "font: 16px sans-serif; width: 40em";
  for (const text of texts) for (const line of text.split("\\n")) {
    const p = document.createElement("p");
    p.style.unicodeBidi = "plaintext";
    p.setAttribute("data-reading-dir", dir);
    p.textContent = line;
    box.appendChild(p);
  }
  document.body.appendChild(box);
  return box.children.length;
}"""


def hebrew_pages(site) -> list[str]:
    """Every Hebrew page of the built site (redirect stubs aside)."""
    pages = []
    for file in sorted(site.rglob("index.html")):
        rel = file.parent.relative_to(site).as_posix()
        if any(prefix and (rel + "/").startswith(prefix) for prefix in LANGS.values()):
            continue  # another language's page
        if "md-content" not in file.read_text(encoding="utf-8"):
            continue
        pages.append("" if rel == "." else rel + "/")
    return pages


@pytest.fixture(scope="module")
def measured(site):
    """Every Hebrew page measured in one browser: {page: (problems, places checked)}."""
    pages = hebrew_pages(site)
    out = {}
    started = time.monotonic()
    with serve(site) as base, launch() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900},
                                      permissions=["clipboard-read", "clipboard-write"])
        page = context.new_page()
        for path in pages:
            page.goto(f"{base}/{path}", wait_until="domcontentloaded")
            page.evaluate("document.fonts.ready.then(() => true)")  # glyph positions in the site's fonts
            found = {"page": page.evaluate(MEASURE, ["article", UNITS])}
            if page.evaluate(SHOW_CITATIONS):
                found["citation"] = page.evaluate(MEASURE, [".hb-measured-citations", UNITS])
            texts = page.evaluate(COPY_ALL)
            if texts and page.evaluate(SHOW_PLAIN, [texts, "rtl"]):
                found["plain"] = page.evaluate(MEASURE, [".hb-measured-plain", UNITS])
                found["plain"]["texts"] = texts
            out[path] = found
        context.close()
    return out, time.monotonic() - started


@pytest.mark.browser
def test_every_hebrew_page_reads_in_order(measured):
    pages, seconds = measured
    assert len(pages) > 40, f"only {len(pages)} Hebrew pages found"
    problems = [f"/{path} ({where}): {p}" for path, found in pages.items() for where in ("page",)
                for p in found[where]["problems"]]
    checked = sum(found["page"]["checked"] for found in pages.values())
    assert checked > 500, f"only {checked} places measured: the measurement misses the text"
    assert not problems, f"{len(problems)} of {checked} places:\n" + "\n".join(problems[:40])
    # 50 to 100 s measured on a 2-core machine shared by eight builds; the bound leaves room for one busier still.
    assert seconds < 240, f"measuring took {seconds:.0f} s"


@pytest.mark.browser
def test_citation_html_reads_in_order(measured):
    pages, _ = measured
    found = [(path, f["citation"]) for path, f in pages.items() if "citation" in f]
    checked = sum(c["checked"] for _, c in found)
    problems = [f"/{path}: {p}" for path, c in found for p in c["problems"]]
    assert checked > 300, f"only {checked} places measured in citations"
    assert not problems, f"{len(problems)} of {checked} places:\n" + "\n".join(problems[:40])


@pytest.mark.browser
def test_plain_text_citation_reads_in_order(measured):
    # Mail, WhatsApp and Slack have no <span dir>: direction marks hold the order.
    pages, _ = measured
    found = [(path, f["plain"]) for path, f in pages.items() if "plain" in f]
    checked = sum(c["checked"] for _, c in found)
    problems = [f"/{path}: {p}" for path, c in found for p in c["problems"]]
    assert checked > 300, f"only {checked} places measured in plain-text citations"
    assert not problems, f"{len(problems)} of {checked} places:\n" + "\n".join(problems[:40])
    # Every line starts right to left, whatever its first word.
    lines = [line for _, c in found for text in c["texts"] for line in text.split("\n")]
    assert all(line.startswith("\u200f") for line in lines), [l for l in lines if not l.startswith("\u200f")][:5]

