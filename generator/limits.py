"""The limits of what one transcript may be, each refused with a `path:line: message`
naming it, before the work it would cost is done.

They are far above any real press conference (the sample transcripts are 30 kB; a
2,000-exchange annual news conference is 3 MB, 12,000 lines and 4,000 turns, and builds in
seconds), and low enough that the largest transcript they let through builds in well under
a minute: a pasted log, a file concatenated with itself many times over or a 50 MB title
is refused at once, instead of taking minutes and gigabytes of memory and a page no reader
could open. The README lists them under "Reliability".
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .errors import InputError, Problem
from .model import LabelledTurn

TRANSCRIPT_BYTES = 4_000_000  # one raw transcript file
TRANSCRIPT_LINES = 150_000  # its lines, counted before they are parsed
TURNS = 12_000  # labelled turns of one transcript (a 2,000-exchange conference has about 4,000)
TURN_CHARACTERS = 200_000  # one speaker's uninterrupted speech: about four hours of it
SIDECAR_BYTES = 100_000  # one sidecar file
TITLE = 500  # characters of a sidecar's title (and of a first line read as the title)
SUBTITLE = 1_000
LOCATION = 200
KIND = 200


SPLIT = "if it really is one event, split it into parts (one file per session)"
SHORTEN = "a sidecar holds a transcript's metadata only: shorten its values"


def check_size(path: Path, limit: int, what: str, advice: str = SPLIT) -> None:
    """Refuse a file over `limit` bytes before reading it."""
    size = path.stat().st_size
    if size > limit:
        raise InputError.at(path, 0, f"{size:,} bytes, over the limit of {limit:,} for {what}: {advice}")


def check_lines(path: Path, text: str) -> None:
    lines = text.count("\n") + 1
    if lines > TRANSCRIPT_LINES:
        raise InputError.at(path, TRANSCRIPT_LINES + 1, f"{lines:,} lines, over the limit of {TRANSCRIPT_LINES:,} "
                            f"for one transcript: {SPLIT}")


def check_turns(path: Path, turns: Iterable[LabelledTurn]) -> None:
    """Refuse a transcript of too many turns, or a turn too long, at the first turn past the limit."""
    problems = []
    for count, turn in enumerate(turns, start=1):
        if count > TURNS:
            problems.append(Problem(path, turn.line, f"turn {count:,} starts here, over the limit of {TURNS:,} turns "
                                    "for one transcript: if it really is one event, split it into parts"))
            break
        size = sum(len(p) for p in turn.paragraphs)
        if size > TURN_CHARACTERS:
            problems.append(Problem(path, turn.line, f"this turn is {size:,} characters long, over the limit of "
                                    f"{TURN_CHARACTERS:,} for one turn: is a speaker label missing?"))
    if problems:
        raise InputError(problems[:10])


def too_long(value: object, most: int | None) -> str | None:
    """What is wrong with a text field longer than `most` characters, or None."""
    if most is None or not isinstance(value, str) or len(value) <= most:
        return None
    return f"{len(value):,} characters long, over the limit of {most:,}: shorten it"
