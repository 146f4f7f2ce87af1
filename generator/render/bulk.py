"""Every exchange of the archive in one file, one row each: `api/exchanges.csv` (RFC 4180,
UTF-8, a header row) and `api/exchanges.jsonl` (JSON Lines, one object a line, the same
keys). Rows go oldest transcript first, then in the order asked, so the same archive
gives the same bytes.

`answerers` are the names of who answered, each once, in the order they spoke; `answers`
their answers (in the CSV one text: "Name: answer" per answer, a blank line between them;
in JSON Lines a list of `{"speaker", "text"}`). `url` is relative to the site root and
`link` is absolute where `site_url` is set, else relative to the file (as in the JSON
export). A name the transcript does not give is empty in the CSV and null in JSON Lines.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..model import Exchange, Transcript, Turn
from . import paths
from .citation import answerers
from .export import base

COLUMNS = ("transcript", "anchor", "date", "questioner", "outlet", "answerers", "question", "answers", "url",
           "link", "title", "questioner_id", "outlet_id")
UNNAMED = "Unnamed speaker"  # an answer's speaker where the text names nobody, in the CSV
# Characters that readers splitting on lines take for a line's end (Python's splitlines, a
# JavaScript line terminator), which json.dumps leaves as they are in a string: escaped.
_LINE_ENDS = tuple((c, f"\\u{ord(c):04x}") for c in "\x85\u2028\u2029")


def rows(t: Transcript, site_url: str = "") -> list[dict[str, Any]]:
    """The transcript's exchanges as JSON Lines rows (what the CSV flattens)."""
    here = base(site_url, paths.API_EXCHANGES_CSV)  # both files are in api/
    return [_row(t, e, here) for e in t.exchanges]


def _row(t: Transcript, e: Exchange, here: str) -> dict[str, Any]:
    who = e.question.speaker
    url = f"{t.url}#{e.anchor}"
    return {
        "transcript": t.id,
        "anchor": e.anchor,
        "date": t.meta.date.isoformat(),
        "questioner": who.person.name if who.person else None,
        "outlet": who.outlet.name if who.outlet else None,
        "answerers": [p.name for p in answerers(e)],
        "question": e.question.text,
        "answers": [_answer(turn) for turn in e.answers],
        "url": url,
        "link": here + url,
        "title": t.meta.title,
        "questioner_id": who.person.id if who.person else None,
        "outlet_id": who.outlet.id if who.outlet else None,
    }


def _answer(turn: Turn) -> dict[str, str | None]:
    return {"speaker": turn.speaker.person.name if turn.speaker.person else None, "text": turn.text}


def jsonl(rows: list[dict[str, Any]]) -> str:
    """Rows as JSON Lines: compact, keys in `COLUMNS` order, one row to a line by any count."""
    return "".join(_escaped(json.dumps(row, ensure_ascii=False, separators=(",", ":"))) + "\n" for row in rows)


def _escaped(line: str) -> str:
    """`line` with the line ends of `_LINE_ENDS` escaped (`str.replace`: `str.translate`
    looks up every character of a text that is not ASCII, a tenth of the bulk files' time)."""
    for end, escape in _LINE_ENDS:
        if end in line:
            line = line.replace(end, escape)
    return line


def csv_rows(rows: list[dict[str, Any]]) -> str:
    """Rows as CSV lines, without the header."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_cell(key, row[key]) for key in COLUMNS])
    return out.getvalue()


def csv_header() -> str:
    return ",".join(COLUMNS) + "\r\n"


def _cell(key: str, value: Any) -> str:
    if key == "answerers":
        return "; ".join(value)
    if key == "answers":
        return "\n\n".join(f"{a['speaker'] or UNNAMED}: {a['text']}" for a in value)
    return "" if value is None else str(value)
