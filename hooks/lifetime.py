"""MkDocs adapter: the build process's start and end.

At the start, the garbage collector looks for cycles after every 20,000 new
objects instead of Python's 700. A build makes millions of short-lived objects
(the data's models, each page's Markdown, tree and HTML) and almost no cycles:
at 700, the collector walked the young objects 360 times a process for nothing,
and the real site's build took 0.06 s longer (median of 8 builds each).

At the end, a `mkdocs build` that succeeded ends at once. When `mkdocs build`
returns, Python takes the interpreter down piece by piece: every module's
objects (the catalog, the generated pages, the theme's compiled templates) are
freed one by one, then collected. That took 0.15 s of the real site's 1.9 s
build (BENCHMARKS.md), with nothing written. The operating system frees a
process's memory in one step. So, once the build is done and nothing failed,
the exit handlers run as at any exit (logging's last flush, temporary folders'
removal), and the process ends with status 0 without the teardown, as a
language's process already does (parallel.py).

Only `mkdocs build` from the command line (click's `build` command), on the main
thread, and only with no exception on its way out: a failed or aborted strict
build raises through `on_shutdown` (`mkdocs build` calls it in a `finally`), and
goes on to print its reason and exit non-zero. `mkdocs serve` and a build called
from another program (`build()`: no `on_shutdown`) are left alone. What this
relies on in MkDocs is listed, and checked, in internals.py (`shutdown_after_build`).
"""

from __future__ import annotations

import atexit
import gc
import sys
import threading

import click
from mkdocs.plugins import event_priority

from order import priority

from handbook.processes import end_now


# Young objects made between two looks for cycles (Python's default: 700).
YOUNG = 20_000


@event_priority(priority("lifetime.on_startup"))
def on_startup(command: str, dirty: bool) -> None:
    gc.set_threshold(YOUNG, *gc.get_threshold()[1:])


@event_priority(priority("lifetime.on_shutdown"))
def on_shutdown() -> None:
    if sys.exc_info()[0] is not None or threading.current_thread() is not threading.main_thread():
        return  # the build failed (its error is on its way to the reader), or another thread runs it
    context = click.get_current_context(silent=True)
    if context is None or context.info_name != "build":
        return  # `mkdocs serve`, `mkdocs gh-deploy`, or no command line at all
    # Every exit handler, as at a normal exit (logging's flush among them): CPython's own call for
    # it (`atexit._run_exitfuncs`, there since Python 3.0; the tests' end-of-build check sees it run).
    atexit._run_exitfuncs()
    end_now(0)
