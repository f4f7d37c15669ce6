"""MkDocs adapter: a `mkdocs build` that succeeded ends at once.

When `mkdocs build` returns, Python takes the interpreter down piece by piece:
every module's objects (the catalog, the generated pages, the theme's compiled
templates) are freed one by one, then collected. That took 0.15 s of the real
site's 1.9 s build (`make bench`, BENCHMARKS.md), with nothing written. The
operating system frees a process's memory in one step. So, once the build is
done and nothing failed, the exit handlers run as at any exit (logging's last
flush, temporary folders' removal), and the process ends with status 0 without
the teardown, as a language's process already does (parallel.py).

Only `mkdocs build` from the command line (click's `build` command), on the main
thread, and only with no exception on its way out: a failed or aborted strict
build raises through `on_shutdown` (`mkdocs build` calls it in a `finally`), and
goes on to print its reason and exit non-zero. `mkdocs serve` and a build called
from another program (`build()`: no `on_shutdown`) are left alone. What this
relies on in MkDocs is listed, and checked, in internals.py (`shutdown_after_build`).
"""

from __future__ import annotations

import atexit
import logging
import os
import sys
import threading

import click
from mkdocs.plugins import event_priority

from order import priority


@event_priority(priority("shutdown.on_shutdown"))
def on_shutdown() -> None:
    if sys.exc_info()[0] is not None or threading.current_thread() is not threading.main_thread():
        return  # the build failed (its error is on its way to the reader), or another thread runs it
    context = click.get_current_context(silent=True)
    if context is None or context.info_name != "build":
        return  # `mkdocs serve`, `mkdocs gh-deploy`, or no command line at all
    atexit._run_exitfuncs()  # every exit handler, as at a normal exit (logging's flush among them)
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
