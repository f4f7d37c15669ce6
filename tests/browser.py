"""Helpers for browser tests and screenshots: serve a built site on loopback and
drive Debian's Chromium through Playwright (no browser is ever downloaded)."""

from __future__ import annotations

import atexit
import contextlib
import functools
import gzip
import http.server
import os
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


_COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv")


@functools.lru_cache(maxsize=512)
def _gzipped(path: Path, mtime_ns: int, size: int) -> bytes:
    # Compressed once per version of a file: a page load asks for about a megabyte of
    # text (the theme's bundle, its CSS, the page), and the tests load pages by the hundred.
    return gzip.compress(path.read_bytes(), 6)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped like GitHub Pages serves them (page weight and
    Lighthouse figures depend on it)."""

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if (path.is_file() and path.suffix in _COMPRESSIBLE
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            stat = path.stat()
            body = _gzipped(path, stat.st_mtime_ns, stat.st_size)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def send_error(self, code, message=None, explain=None):
        # A missing address gets the site's root 404.html, as GitHub Pages serves it.
        page = Path(self.directory, "404.html")
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def end_headers(self):
        # Cached for ten minutes, as GitHub Pages serves every file: the theme's bundle, its
        # CSS and the fonts come from the browser's cache on the next page, as a reader's do.
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, *args):  # keep test output readable
        pass


@contextlib.contextmanager
def serve(site: Path):
    """Serve `site` on a free loopback port; yields the base URL."""
    handler = functools.partial(_Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# The tests marked `browser` (conftest.py fills it as pytest collects them).
# `make quick` leaves them out by that marker, so an unmarked test that starts
# Chromium would slip into it: launch() refuses to, naming the test.
MARKED: set[str] | None = None


def _refuse_unmarked() -> None:
    current = os.environ.get("PYTEST_CURRENT_TEST")  # "tests/test_x.py::test_y[p] (setup)"
    if MARKED is not None and current is not None:
        test = current.rsplit(" (", 1)[0]
        if test not in MARKED:
            raise RuntimeError(f"{test} starts a browser: mark it @pytest.mark.browser")


# One Chromium for the whole test session (started by the first `launch()`, closed
# by `shutdown()` when pytest finishes: conftest.py): each launch was a second or two,
# eleven times a run. A scripts' run (screenshots, bench) shuts it down on exit.
_shared: dict[str, object] = {}


class _Session:
    """The shared browser, as one `launch()` sees it: what it opens (contexts,
    pages) is closed when its `with` ends, so no test sees another's pages."""

    def __init__(self, browser):
        self._browser = browser
        self._contexts: list = []

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        self._contexts.append(context)
        return context

    def new_page(self, **options):
        # Like Browser.new_page: a page in a context of its own.
        return self.new_context(**options).new_page()

    def close(self) -> None:
        for context in self._contexts:
            with contextlib.suppress(Exception):  # already closed by the test
                context.close()
        self._contexts.clear()

    def __getattr__(self, name):  # version, is_connected, ...
        return getattr(self._browser, name)


@contextlib.contextmanager
def launch():
    """A headless Debian Chromium driven by Playwright (one per session, see above)."""
    _refuse_unmarked()
    if "browser" not in _shared:
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        _shared["playwright"] = playwright
        _shared["browser"] = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                                        headless=True)
        atexit.register(shutdown)
    session = _Session(_shared["browser"])
    try:
        yield session
    finally:
        session.close()


def shutdown() -> None:
    """Close the shared browser, if one was started."""
    browser, playwright = _shared.pop("browser", None), _shared.pop("playwright", None)
    with contextlib.suppress(Exception):
        if browser is not None:
            browser.close()
        if playwright is not None:
            playwright.stop()


def tab_to(page, selector: str, what: str, presses: int = 60) -> None:
    """Press Tab until the focused element matches `selector`, as a keyboard user would."""
    import pytest

    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{what} is not reachable with Tab ({presses} presses)")
