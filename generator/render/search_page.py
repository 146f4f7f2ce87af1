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
from collections import Counter
from collections.abc import Callable, Iterable
from html import escape
from typing import Union

from .. import versions
from ..model import Exchange, Role, Transcript, Turn
from .markdown import human_date, plain
from .transcript_page import LEAD_IN, REPLY, STATEMENT, asker_name


PARTS = "parts.json"  # beside the pages: the index's parts and every filter's values
PART_PAGES = 1000  # pages of one part at most (Pagefind holds about 1 MB a page while it indexes)
Page = Union[str, Callable[[], str]]  # a search page, or how to make it as it is written


def path(t: Transcript) -> str:
    """Where the page goes, relative to the site root: where MkDocs puts the transcript's."""
    return f"{t.url}index.html"


def made(t: Transcript) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The transcript's search page, and the filters' values it is found under."""
    pairs = filters(t)
    return render(t, pairs), pairs


def render(t: Transcript, pairs: tuple[tuple[str, str], ...]) -> str:
    """The search page of `t`, found under the filter values `pairs`."""
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
        f"<div hidden>\n{_record(t, pairs)}\n</div>\n</body>\n</html>\n"
    )


def heading(e: Exchange) -> str:
    """"Q1 · Sabine Siebold, Reuters", as the exchange's heading on its page reads."""
    return f"{e.name} · {asker_name(e.question.speaker)}"


def filters(t: Transcript) -> tuple[tuple[str, str], ...]:
    """The (filter, value) pairs a search narrows to: year, kind, language, topics, and the
    speakers and outlets taking part."""
    everyone = _who(turn for turns in (t.opening, *(e.turns for e in t.exchanges), t.closing) for turn in turns)
    pairs = [("year", str(t.year))]
    if t.meta.kind:
        pairs.append(("kind", plain(t.meta.kind)))
    pairs.append(("language", versions.name(versions.language(t))))
    pairs += [("topic", plain(name)) for name in t.meta.topics]
    pairs += [("speaker", name) for name in everyone.get("speakers", ())]
    pairs += [("outlet", name) for name in everyone.get("outlets", ())]
    return tuple(pairs)


def _record(t: Transcript, pairs: tuple[tuple[str, str], ...]) -> str:
    """The filters, the date sort and the metadata of a result: `sections` says who speaks
    in each part of the page, so that a search narrowed to a speaker or an outlet shows
    only the exchanges they took part in."""
    parts = {"opening": t.opening, **{e.anchor: e.turns for e in t.exchanges}, "closing": t.closing}
    lead_ins = {e.anchor: len(e.lead_in) for e in t.exchanges}
    sections = {anchor: {**_who(turns), "turns": _said(turns, lead_ins.get(anchor))}
                for anchor, turns in parts.items() if turns}
    spans = [
        f'<span data-pagefind-meta="title">{_text(t.meta.title)}</span>',
        f'<span data-pagefind-meta="date">{human_date(t.meta.date)}</span>',
        f'<span data-pagefind-sort="date">{t.meta.date.isoformat()}</span>',
    ]
    spans += [_filter(name, value) for name, value in pairs]
    sections_json = escape(json.dumps(sections, ensure_ascii=False, separators=(",", ":")), quote=True)
    spans.append(f'<span data-pagefind-meta="sections[data-sections]" data-sections="{sections_json}"></span>')
    return "\n".join(spans)


def _filter(name: str, value: str) -> str:
    return f'<span data-pagefind-filter="{name}">{escape(value, quote=True)}</span>'


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


def in_parts(pages: dict[str, tuple[Page, tuple[tuple[str, str], ...]]], most: int = PART_PAGES) -> dict[str, Page]:
    """The search `pages` (path: page, or how to make it, and filter values), and `PARTS`: the index in
    parts of whole year folders of at most `most` pages (a larger year is a part alone),
    newest first. Each part is indexed by a Pagefind run of its own, so that Pagefind
    holds one part's pages, not the archive's, and a search reads the newest part first
    (narrowing to one part by the `part` filter its bundle is given when it is loaded).
    Each filter value is listed with the pages that have it over the whole archive and
    the parts that do (bit i for part i, in hex), so that a search passes the others."""
    folders = Counter(name.split("/")[1] for name in pages)
    parts: list[list[str]] = []
    sizes: list[int] = []  # each part's pages
    for folder in sorted(folders, reverse=True):
        if parts and sizes[-1] + folders[folder] <= most:
            parts[-1].append(folder)
            sizes[-1] += folders[folder]
        else:
            parts.append([folder])
            sizes.append(folders[folder])
    part_of = {folder: i for i, part in enumerate(parts) for folder in part}
    counts: dict[str, dict[str, list[int]]] = {}  # filter -> value -> [pages, the parts that have it as bits]
    years: list[set[int]] = [set() for _ in parts]
    files: dict[str, Page] = {}
    for name, (page, pairs) in pages.items():
        part = part_of[name.split("/")[1]]
        for key, value in pairs:
            seen = counts.setdefault(key, {}).setdefault(value, [0, 0])
            seen[0] += 1
            seen[1] |= 1 << part
        years[part].update(int(value) for key, value in pairs if key == "year")
        files[name] = page
    listed = [{"name": _part_name(part), "path": "" if i == 0 else f"part/{_part_name(part)}/",
               "folders": part, "years": sorted(years[i], reverse=True),
               "pages": sizes[i]} for i, part in enumerate(parts)]
    index = {"parts": listed, "filters": {key: {value: [n, format(bits, "x")] for value, (n, bits) in sorted(values.items())}
                                          for key, values in sorted(counts.items())}}
    files[PARTS] = json.dumps(index, ensure_ascii=False, separators=(",", ":")) + "\n"
    return files


def _part_name(folders: list[str]) -> str:
    """"2019-2021" for the folders 2021, 2020 and 2019; "2024" for one."""
    return folders[0] if len(folders) == 1 else f"{folders[-1]}-{folders[0]}"
