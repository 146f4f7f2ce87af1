"""How many cores this process may run on, and whether its work may be forked onto them."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading


def count() -> int:
    """The cores this process may run on (its affinity, where the system says it)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def may_fork() -> bool:
    """Whether workers may be forked from this process: the system can fork, and no other
    thread runs (the preview's server, a thread waiting on Pagefind), which a fork would
    copy mid-work."""
    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def as_worker() -> None:
    """What a forked worker does first: end at once when its parent terminates it. The
    command's SIGTERM handler (`cli.build`: exit as after Ctrl-C) is inherited, and Python
    runs a handler only between steps of its code: a worker waiting on its pool's lock when
    the signal came would wait there for ever, and its parent with it."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
