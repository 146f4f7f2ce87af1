"""How much a run says, as `-q` and `-v` set it: one level for the whole process.

0 is the default: what was done ("generate: 2 transcripts, 17 questions; …"), warnings,
errors, and progress on long runs. -1 (`-q`) keeps only warnings and errors. 1 (`-v`) adds
progress on every run and MkDocs' own information lines. Errors and warnings are never
silenced: they are what an editor must read.
"""

from __future__ import annotations

QUIET, NORMAL, VERBOSE = -1, 0, 1
_level = NORMAL


def set_level(level: int) -> None:
    global _level
    _level = max(QUIET, min(VERBOSE, level))


def level() -> int:
    return _level
