"""The JSON export, as the contract gives it: an index and one file per transcript.

Keys the contract names come first and keep their meaning; what is added after them
(`kind`, `lead_in`, ...) only adds: `lead_in` holds the turns that gave the floor before a
question, `interjections` a moderator's turns between its answers, `follow_up_of` the
number of the question a follow-up follows, `interpreted` whether a turn is an
interpreter's rendering of its speaker's words. `url` values are relative to the site root.

`number` is the question's place in the order asked; `anchor` its permanent id, which a
correction never moves (`q2a` is an exchange inserted after `q2`). `merged_anchors` are the
anchors of exchanges a correction merged into this one, `removed` the anchors of exchanges
a correction took out (each still lands on a note on the page), and `citation` the
ready-made citation the page's "Cite" gives, with an absolute link where the site's
address is known.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import Exchange, Outlet, Person, Role, Transcript, Turn
from .citation import citation


def dumps(value: Any) -> str:
    """Stable JSON: same input, same bytes. Compact: Python's C encoder writes it, where an
    indent would need the pure-Python one (scripts read it; a browser shows it indented)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def index(transcripts: tuple[Transcript, ...]) -> dict[str, Any]:
    return {
        "transcripts": [
            {"id": t.id, "title": t.meta.title, "date": t.meta.date.isoformat(), "url": t.url, "questions": len(t.exchanges)}
            for t in transcripts
        ]
    }


def transcript(t: Transcript, site_url: str = "") -> dict[str, Any]:
    meta = t.meta
    return {
        "id": t.id,
        "title": meta.title,
        "subtitle": meta.subtitle,
        "date": meta.date.isoformat(),
        "source": t.source.name,
        "url": t.url,
        "opening": [_turn(turn) for turn in t.opening],
        "questions": [_exchange(t, e, site_url) for e in t.exchanges],
        "closing": [_turn(turn) for turn in t.closing],
        "kind": meta.kind,
        "location": meta.location,
        "source_url": meta.source_url,
        "topics": list(meta.topics),
        "status": meta.status,
        "last_updated": meta.last_updated,
        "corrected": meta.corrected.isoformat() if meta.corrected else None,
        "removed": [{"anchor": r.anchor, "url": f"{t.url}#{r.anchor}", "after": r.after, "date": r.on.isoformat()}
                    for r in t.removed],
    }


def _exchange(t: Transcript, e: Exchange, site_url: str) -> dict[str, Any]:
    who = e.question.speaker
    return {
        "number": e.number,
        "anchor": e.anchor,
        "url": f"{t.url}#{e.anchor}",
        "questioner": _ref(who.person),
        "outlet": _ref(who.outlet),
        "text": e.question.text,
        "answers": [_turn(turn) for turn in e.answers],
        "lead_in": [_turn(turn) for turn in e.lead_in],
        "interjections": [_turn(turn) for turn in e.replies if turn.speaker.role is not Role.PRINCIPAL],
        "follow_up_of": e.follow_up_of,
        "merged_anchors": list(e.merged),
        "citation": citation(t, e, site_url),
    }


def _turn(turn: Turn) -> dict[str, Any]:
    return {
        "speaker": _ref(turn.speaker.person),
        "role": turn.speaker.role.value,
        "text": turn.text,
        "interpreted": turn.interpreted,
    }


def _ref(value: Person | Outlet | None) -> dict[str, str] | None:
    return {"id": value.id, "name": value.name} if value else None
