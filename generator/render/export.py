"""The JSON export, as the contract gives it: an index and one file per transcript.

Keys the contract names come first and keep their meaning; what is added after them
(`kind`, `lead_in`, ...) only adds: `lead_in` holds the turns that gave the floor before a
question, `interjections` a moderator's turns between its answers, `follow_up_of` the
number of the question a follow-up follows, `interpreted` whether a turn is an
interpreter's rendering of its speaker's words. `url` values are relative to the site root.

Every file says its `schema_version` and its `base`: the site's address where `site_url` is
set, else the way from the file up to the site root ("../"). Beside each `url` is its
`link`, `base` + `url`: an absolute URL where `site_url` is set, else a URL relative to the
file itself. Either way, resolving `link` against the file's own address lands on the page.

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

from ..model import Exchange, Outlet, Person, Related, Role, Transcript, Turn
from . import paths
from .cards import Card, Part
from .catalog import Catalog, size
from .. import related, versions
from ..timecodes import exchange_offset, watch_url
from .citation import citation
from .markdown import excerpt, relative

# 1: the contract's fields. 2: `schema_version`, `base` and `link`s; the index's subtitle,
# kind, location, each transcript's `file` and the other `files`; people, outlets and the
# exchanges in bulk. 3: topics (`api/topics.json`, each transcript's `topic_pages`); the
# recording (`video_url`, each question's `offset` and `watch`, each turn's `offset`); the
# other language's version (`language`, `translation_of`, `versions`, each question's `versions`).
# 4: each question's `related`, the earlier exchanges on the same subject ("Asked before?").
SCHEMA_VERSION = 4


def dumps(value: Any) -> str:
    """Stable JSON: same input, same bytes. Compact: Python's C encoder writes it, where an
    indent would need the pure-Python one (scripts read it; a browser shows it indented)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def base(site_url: str, path: str) -> str:
    """What the site-relative URLs of the file at docs path `path` are relative to."""
    return site_url.rstrip("/") + "/" if site_url else relative(path, "")


def _versioned(site_url: str, path: str) -> tuple[dict[str, Any], str]:
    """The keys every file starts with, and its base."""
    here = base(site_url, path)
    return {"schema_version": SCHEMA_VERSION, "base": here}, here


def _file(here: str, url: str) -> dict[str, str]:
    return {"url": url, "link": here + url}


def index(transcripts: tuple[Card, ...], site_url: str = "") -> dict[str, Any]:
    head, here = _versioned(site_url, paths.API_INDEX)
    return {
        "transcripts": [
            {"id": t.id, "title": t.meta.title, "date": t.meta.date.isoformat(), "url": t.url, "questions": t.questions,
             "link": here + t.url, "subtitle": t.meta.subtitle, "kind": t.meta.kind, "location": t.meta.location,
             "file": _file(here, paths.api(t)), "raw": _file(here, paths.raw(t))}
            for t in transcripts
        ],
        **head,
        "files": {name: _file(here, path) for name, path in paths.API_FILES.items()},
    }


def people(catalog: Catalog, site_url: str = "") -> dict[str, Any]:
    """Everyone with a page: their page and feed, and how many questions they asked and answered."""
    head, here = _versioned(site_url, paths.API_PEOPLE)

    def count(person_id: str, part: Part) -> int:
        return catalog.count(person_id, part) if person_id in catalog.counts else 0

    return {**head, "people": [
        {"id": p.id, "name": p.name, "role": p.role, **_file(here, paths.page_url(paths.speaker(p))),
         "feed": _file(here, paths.speaker_feed(p)), "asked": count(p.id, Part.ASKED), "answered": count(p.id, Part.ANSWERED)}
        for p in catalog.people.values()
    ]}


def outlets(catalog: Catalog, site_url: str = "") -> dict[str, Any]:
    """Every outlet with a page: its page and feed, its questions and who asked them."""
    head, here = _versioned(site_url, paths.API_OUTLETS)
    return {**head, "outlets": [
        {"id": o.id, "name": o.name, **_file(here, paths.page_url(paths.outlet(o))), "feed": _file(here, paths.outlet_feed(o)),
         "questions": size(catalog.by_outlet.get(o.id, ())), "journalists": [_ref(p) for p in catalog.journalists.get(o.id, ())]}
        for o in catalog.outlets.values()
    ]}


def topics(catalog: Catalog, site_url: str = "") -> dict[str, Any]:
    """Every topic the sidecars name: its page and feed, and how many exchanges and transcripts it has."""
    head, here = _versioned(site_url, paths.API_TOPICS)
    return {**head, "topics": [
        {"id": topic_id, "name": name, **_file(here, paths.page_url(paths.topic(name))),
         "feed": _file(here, paths.topic_feed(name)), "questions": size(catalog.by_topic[topic_id]),
         "transcripts": sum(1 for run in catalog.by_topic[topic_id] if run.count)}
        for topic_id, name in catalog.topics.items()
    ]}


def _topic(here: str, name: str) -> dict[str, Any]:
    return {"id": paths.topic_id(name), "name": name, **_file(here, paths.page_url(paths.topic(name)))}


def transcript(t: Transcript, site_url: str = "") -> dict[str, Any]:
    meta = t.meta
    head, here = _versioned(site_url, paths.api(t))
    return {
        "id": t.id,
        "title": meta.title,
        "subtitle": meta.subtitle,
        "date": meta.date.isoformat(),
        "source": t.source.name,
        "raw": _file(here, paths.raw(t)),
        "url": t.url,
        "opening": [_turn(turn) for turn in t.opening],
        "questions": [_exchange(t, e, site_url, here) for e in t.exchanges],
        "closing": [_turn(turn) for turn in t.closing],
        "kind": meta.kind,
        "location": meta.location,
        "source_url": meta.source_url,
        "topics": list(meta.topics),
        "topic_pages": [_topic(here, name) for name in meta.topics],
        "video_url": meta.video_url,
        "language": versions.language(t),
        "translation_of": meta.translation_of,
        "versions": [{"id": v.id, "language": v.language, "title": v.title, "aligned": v.aligned,
                      **_file(here, v.url)} for v in (t.version,) if v],
        "status": meta.status,
        "last_updated": meta.last_updated,
        "corrected": meta.corrected.isoformat() if meta.corrected else None,
        "removed": [{"anchor": r.anchor, "url": f"{t.url}#{r.anchor}", "after": r.after, "date": r.on.isoformat(),
                     "link": f"{here}{t.url}#{r.anchor}"} for r in t.removed],
        **head,
        "link": here + t.url,
    }


def _exchange(t: Transcript, e: Exchange, site_url: str, here: str) -> dict[str, Any]:
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
        "offset": (offset := exchange_offset(e)),
        "watch": watch_url(t.meta.video_url, offset) if t.meta.video_url and offset is not None else None,
        "versions": [{"language": v.language, "anchor": (other := v.anchors[e.number - 1]),
                      **_file(here, f"{v.url}#{other}")} for v in (t.version,) if v and v.anchors],
        "related": [_related(r, here) for r in (t.related[e.number - 1] if t.related else ())],
        "link": f"{here}{t.url}#{e.anchor}",
    }


def _related(r: Related, here: str) -> dict[str, Any]:
    """An earlier exchange on the same subject, as "Asked before?" lists it."""
    return {
        "transcript": r.transcript,
        "anchor": r.anchor,
        "title": r.title,
        "date": r.date.isoformat(),
        "questioner": _ref(r.asker.person),
        "outlet": _ref(r.asker.outlet),
        "answerer": _ref(r.answerer),
        "opening": excerpt(r.opening, related.OPENING_WORDS),
        "score": r.score,
        **_file(here, f"{r.url}#{r.anchor}"),
    }


def _turn(turn: Turn) -> dict[str, Any]:
    return {
        "speaker": _ref(turn.speaker.person),
        "role": turn.speaker.role.value,
        "text": turn.text,
        "interpreted": turn.interpreted,
        "offset": turn.offset,
    }


def _ref(value: Person | Outlet | None) -> dict[str, str] | None:
    return {"id": value.id, "name": value.name} if value else None
