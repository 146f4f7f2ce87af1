"""Progress of long runs: a bar in a terminal (tqdm), a plain line every tenth in a log.

Short runs say nothing: a progress display on the two sample transcripts is noise (`-v`
shows it anyway; `-q` never does).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from tqdm import tqdm

from . import verbosity

T = TypeVar("T")
FROM = 200  # items: shorter runs show no progress


def progress(items: Iterable[T], total: int, what: str) -> Iterator[T]:
    """`items`, showing how far the run has got on stderr."""
    if verbosity.level() == verbosity.QUIET or total < FROM and verbosity.level() < verbosity.VERBOSE:
        yield from items
    elif sys.stderr.isatty():
        yield from tqdm(items, total=total, desc=what, unit="", leave=False, file=sys.stderr)
    else:
        step = max(1, total // 10)
        for done, item in enumerate(items, start=1):
            yield item
            if done % step == 0 or done == total:
                print(f"{what}: {done:,}/{total:,}", file=sys.stderr, flush=True)
