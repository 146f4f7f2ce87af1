"""What the site search indexes of a transcript: its speech under the same headings and
ids as its page, with the filters and metadata a result shows.

Pagefind reads these plain pages, not the theme's: they are written at the URLs of the
transcripts' pages, from the same model, while MkDocs builds the site on the other core
(see `site.build_site`). So the index costs no build time beyond MkDocs' own, and far less
memory than Pagefind parsing every page's theme around the speech. Every value is
HTML-escaped: transcript text is text here too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from html import escape

from .. import versions
from ..model import Exchange, Role, Transcript, Turn
from .markdown import human_date, plain
from .transcript_page import LEAD_IN, REPLY, STATEMENT, asker_name


def path(t: Transcript) -> str:
    """Where the page goes, relative to the site root: where MkDocs puts the transcript's."""
    return f"{t.url}index.html"


def render(t: Transcript) -> str:
    body = [f"<h1>{_text(t.meta.title)}</h1>"]
    if t.meta.subtitle:
        body.append(f"<p>{_text(t.meta.subtitle)}</p>")
    if t.opening:
        body.append('<h2 id="opening">Opening statement</h2>')
        body.extend(_speech(t.opening))
    if t.exchanges:
        body.append('<h2 id="exchanges">Questions and answers</h2>')
        for e in t.exchanges:
            body.append(f'<h3 id="{e.anchor}">{_text(heading(e))}</h3>')
            body.extend(_speech(e.turns))
    if t.closing:
        body.append('<h2 id="closing">Closing</h2>')
        body.extend(_speech(t.closing))
    return (
        f'<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>{_text(t.meta.title)}</title></head>\n'
        f"<body>\n<main data-pagefind-body>\n" + "\n".join(body) + "\n</main>\n"
        f"<div hidden>\n{_record(t)}\n</div>\n</body>\n</html>\n"
    )


def heading(e: Exchange) -> str:
    """"Q1 · Sabine Siebold, Reuters", as the exchange's heading on its page reads."""
    return f"{e.name} · {asker_name(e.question.speaker)}"


def _record(t: Transcript) -> str:
    """The filters (speaker, outlet, topic, year, kind), the date sort and the metadata of a
    result: `sections` says who speaks in each part of the page, so that a search narrowed
    to a speaker or an outlet shows only the exchanges they took part in."""
    parts = {"opening": t.opening, **{e.anchor: e.turns for e in t.exchanges}, "closing": t.closing}
    lead_ins = {e.anchor: len(e.lead_in) for e in t.exchanges}
    sections = {anchor: {**_who(turns), "turns": _said(turns, lead_ins.get(anchor))}
                for anchor, turns in parts.items() if turns}
    everyone = _who(turn for turns in parts.values() for turn in turns)
    spans = [
        f'<span data-pagefind-meta="title">{_text(t.meta.title)}</span>',
        f'<span data-pagefind-meta="date">{human_date(t.meta.date)}</span>',
        f'<span data-pagefind-sort="date">{t.meta.date.isoformat()}</span>',
        f'<span data-pagefind-filter="year">{t.year}</span>',
    ]
    if t.meta.kind:
        spans.append(f'<span data-pagefind-filter="kind">{_text(t.meta.kind)}</span>')
    spans.append(f'<span data-pagefind-filter="language">{versions.name(versions.language(t))}</span>')
    spans += [f'<span data-pagefind-filter="topic">{_text(name)}</span>' for name in t.meta.topics]
    spans += [f'<span data-pagefind-filter="speaker">{_text(name)}</span>' for name in everyone.get("speakers", ())]
    spans += [f'<span data-pagefind-filter="outlet">{_text(name)}</span>' for name in everyone.get("outlets", ())]
    sections_json = escape(json.dumps(sections, ensure_ascii=False, separators=(",", ":")), quote=True)
    spans.append(f'<span data-pagefind-meta="sections[data-sections]" data-sections="{sections_json}"></span>')
    return "\n".join(spans)


def _said(turns: tuple[Turn, ...], lead_in: int | None) -> list[list[str | int]]:
    """Each turn of a section as [who, what part, how many words]: the search counts a
    found word's place from the section's heading to say who said it. `lead_in`: how many
    turns lead in to the question of an exchange; None for a statement."""

    def part(i: int, turn: Turn) -> str:
        parts = STATEMENT if lead_in is None else LEAD_IN if i < lead_in else REPLY
        return parts[turn.speaker.role]

    def who(turn: Turn) -> str:
        if turn.speaker.role is Role.QUESTIONER:
            return asker_name(turn.speaker)
        return plain(turn.speaker.person.name) if turn.speaker.person else "Unnamed speaker"

    return [[who(turn), part(i, turn), sum(len(plain(p).split()) for p in turn.paragraphs)]
            for i, turn in enumerate(turns)]


def _speech(turns: Iterable[Turn]) -> list[str]:
    return [f"<p>{_text(p)}</p>" for turn in turns for p in turn.paragraphs]




def _who(turns: Iterable[Turn]) -> dict[str, list[str]]:
    """The people and the outlets speaking in `turns`, each once, in order of appearance."""
    turns = tuple(turns)
    people = dict.fromkeys(plain(turn.speaker.person.name) for turn in turns if turn.speaker.person)
    outlets = dict.fromkeys(plain(turn.speaker.outlet.name) for turn in turns if turn.speaker.outlet)
    return {key: list(names) for key, names in (("speakers", people), ("outlets", outlets)) if names}


def _text(value: str) -> str:
    return escape(plain(value), quote=True)
