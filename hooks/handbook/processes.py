"""Long lists of independent work shared with a second process.

A large catalog's build spends seconds in pure Python on work item by item
(parsing data files, indexing pages for search), which one process does on one
core. `map_in_two` gives every other item to a forked copy of the process and
returns the results in order, as `[func(x) for x in items]` would.

The work stays in one process when the list is short (a fork costs more than
it saves), when the system cannot fork, off the main thread or when other
threads run (`mkdocs serve`: a forked copy of another thread's lock could
hang), and when `HANDBOOK_BUILD_JOBS=1`. If the second process fails, its
items are done here, so an error is raised as it would be in one process.
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
import threading
from typing import Callable, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items, one process: the real catalog's lists are shorter.
AT_LEAST = 200


def one_process_asked() -> bool:
    """`HANDBOOK_BUILD_JOBS=1`: the build stays in one process (also hooks/parallel.py)."""
    return os.environ.get("HANDBOOK_BUILD_JOBS", "") == "1"


def can_fork() -> bool:
    """A fork is safe here: the system has it, one process is not asked for, and
    this is the main thread with no other running (a lock that another thread
    holds at the fork stays held in the copy forever: `mkdocs serve` rebuilds
    with its server and file watcher running beside). Also hooks/parallel.py."""
    return (hasattr(os, "fork") and not one_process_asked()
            and threading.current_thread() is threading.main_thread() and threading.active_count() == 1)


def map_in_two(func: Callable[[T], R], items: list[T]) -> list[R]:
    """`[func(x) for x in items]`, half of it in a second process when worth it.

    The results travel back by pickle: `func` must return picklable values.
    """
    theirs = items[1::2]
    if len(items) < AT_LEAST or not theirs or not can_fork():
        return [func(x) for x in items]
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the second process: its half, handed over, and gone at once
        status = 1
        try:
            os.close(read)
            with os.fdopen(write, "wb") as out:
                pickle.dump([func(x) for x in theirs], out, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    try:
        mine = [func(x) for x in items[0::2]]
    finally:
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
    other = pickle.loads(data) if status == 0 and data else [func(x) for x in theirs]
    out: list[R] = [None] * len(items)  # type: ignore[list-item]
    out[0::2], out[1::2] = mine, other
    return out


def end_now(status: int) -> None:
    """End this process with `status` at once: its output and log flushed, no more Python run
    (no teardown, and no exit handlers: a caller that wants them runs them first), its memory
    given back by the system in one step. A language's process ends so (hooks/parallel.py),
    and a `mkdocs build` that succeeded (hooks/lifetime.py)."""
    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(status)
