"""The moment on video: the time codes `clean` takes out of the text, kept as each turn's
offset into the recording, and the link that opens the recording there.

`clean` strips a time code as page chrome, on a line of its own ("[00:12:31]") or in
front of what was said then ("10:04:11 MODERATOR: ..."), and lists it with its line. Here
each code is given to the turn it opens: the first turn at or after its line, if no speech
stands between them (a code in the middle of an answer opens no turn). A bracketed code is
an offset into the recording; a bare one is a clock time, counted from the sidecar's
`video_start` (the clock time the recording begins), or else from the first bare code of
the text. Where both open a turn, the bracketed one is taken.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import replace
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .model import Exchange, Line, Transcript, Turn

_OFFSET = re.compile(r"\[(?:(?P<h>\d{1,2}):)?(?P<m>\d{1,2}):(?P<s>\d{2})\]")
_CLOCK = re.compile(r"(?P<h>\d{1,2}):(?P<m>\d{2}):(?P<s>\d{2})")
_YOUTUBE = ("youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtube-nocookie.com")


def seconds(code: str) -> int | None:
    """"01:02:03" as 3723 seconds; None if it is not a time."""
    match = _CLOCK.fullmatch(code) or re.fullmatch(r"(?P<m>\d{1,2}):(?P<s>\d{2})", code)
    if not match:
        return None
    parts = match.groupdict()
    return int(parts.get("h") or 0) * 3600 + int(parts["m"]) * 60 + int(parts["s"])


def clock(offset: int) -> str:
    """3723 as "1:02:03", 751 as "12:31": how a player shows a moment."""
    hours, rest = divmod(offset, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def codes(chrome: Iterable[Line], start: int | None) -> list[tuple[int, int, bool]]:
    """The time codes among the lines taken out: (line, offset in seconds, bracketed)."""
    found = []
    for line in chrome:
        if m := _OFFSET.fullmatch(line.text):
            found.append((line.number, int(m["h"] or 0) * 3600 + int(m["m"]) * 60 + int(m["s"]), True))
        elif _CLOCK.fullmatch(line.text):
            found.append((line.number, seconds(line.text), False))
    clocks = [offset for _, offset, bracketed in found if not bracketed]
    origin = start if start is not None else (clocks[0] if clocks else 0)
    return [(n, offset if bracketed else max(0, offset - origin), bracketed) for n, offset, bracketed in found]


def with_offsets(t: Transcript, chrome: Iterable[Line], body: Iterable[Line], start: int | None) -> Transcript:
    """`t` with each turn a time code opens given its offset into the recording."""
    found = codes(chrome, start)
    if not found:
        return t
    spoken = sorted(line.number for line in body)
    turns = sorted({turn.line for turn in _all_turns(t)})
    offsets: dict[int, tuple[bool, int]] = {}
    for number, offset, bracketed in found:
        at = bisect.bisect_left(turns, number)
        if at == len(turns):
            continue
        opened = turns[at]
        between = bisect.bisect_right(spoken, opened - 1) - bisect.bisect_right(spoken, number)
        if between == 0 and (opened not in offsets or (bracketed and not offsets[opened][0])):
            offsets[opened] = (bracketed, offset)

    def timed(turn: Turn) -> Turn:
        return replace(turn, offset=offsets[turn.line][1]) if turn.line in offsets else turn

    return t.map_turns(timed)


def _all_turns(t: Transcript) -> list[Turn]:
    return list(t.turns)


def exchange_offset(e: Exchange) -> int | None:
    """Where the exchange begins on the recording: its first turn with an offset, up to the question."""
    return next((turn.offset for turn in (*e.lead_in, e.question) if turn.offset is not None), None)


def watch_url(video_url: str, offset: int) -> str:
    """The recording opened at `offset` seconds, as its host expects: YouTube's `t=`
    query parameter (`?t=` or `&t=`), else a media fragment `#t=` (which browsers' own
    players and most hosts read)."""
    parts = urlsplit(video_url)
    if parts.hostname in _YOUTUBE:
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "t"] + [("t", f"{offset}s")]
        return urlunsplit(parts._replace(query=urlencode(query)))
    return urlunsplit(parts._replace(fragment=f"t={offset}"))
