"""Pages that list: one per speaker and per outlet, their indexes, the archive, the home page."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..model import Transcript
from . import paths
from .catalog import Catalog, Entry, Part
from .markdown import excerpt, front_matter, human_date, link, plural, text
from .transcript_page import asker

LATEST = 10  # transcripts on the home page


def speaker_page(catalog: Catalog, person_id: str) -> str:
    person = catalog.people[person_id]
    page = paths.speaker(person)
    blocks = [f"# {text(person.name)}"]
    if person.role:
        blocks.append(text(person.role))
    counts = [(part, catalog.count(person_id, part)) for part in Part]
    blocks.append(" · ".join(f"{part.value.capitalize()}: {n}" for part, n in counts if n))
    blocks.extend(_entries(page, catalog.by_person[person_id], show_parts=True))
    blocks.append("All speakers: " + link("index", page, paths.SPEAKERS))
    return front_matter(person.name) + "\n\n".join(blocks) + "\n"


def outlet_page(catalog: Catalog, outlet_id: str) -> str:
    outlet = catalog.outlets[outlet_id]
    page = paths.outlet(outlet)
    entries = catalog.by_outlet[outlet_id]
    blocks = [f"# {text(outlet.name)}", f"Questions asked: {len(entries)}"]
    people = catalog.journalists.get(outlet_id, ())
    if people:
        blocks.append("Journalists: " + ", ".join(link(p.name, page, paths.speaker(p)) for p in people))
    blocks.extend(_entries(page, entries, show_parts=False))
    blocks.append("All outlets: " + link("index", page, paths.OUTLETS))
    return front_matter(outlet.name) + "\n\n".join(blocks) + "\n"


def _entries(page: str, entries: Iterable[Entry], show_parts: bool) -> list[str]:
    """Entries grouped under one heading per transcript, newest first."""
    grouped: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        grouped[entry.transcript.id].append(entry)
    blocks = []
    for group in grouped.values():
        t = group[0].transcript
        blocks.append(
            f"## {human_date(t.meta.date)} · {link(t.meta.title, page, paths.transcript(t))} {{#t-{t.id}}}"
        )
        blocks.append("\n".join(_entry(page, entry, show_parts) for entry in group))
    return blocks


def _entry(page: str, entry: Entry, show_parts: bool) -> str:
    target = paths.transcript(entry.transcript)
    if entry.exchange is None:
        opened = Part.OPENED in entry.parts
        return f"- {link('Opening statement' if opened else 'Closing remarks', page, target, 'opening' if opened else 'closing')}"
    e = entry.exchange
    done = f" ({', '.join(p.value for p in entry.parts)})" if show_parts else ""
    return f"- {link(f'Q{e.number}', page, target, e.anchor)}{done} · {asker(page, e.question.speaker)}: “{text(excerpt(e.question.text))}”"


def speakers_index(catalog: Catalog) -> str:
    page = paths.SPEAKERS
    rows = ["| Speaker | Role | Asked | Answered | Gave the floor |", "|---|---|--:|--:|--:|"]
    for person_id, person in catalog.people.items():
        counts = [catalog.count(person_id, part) for part in (Part.ASKED, Part.ANSWERED, Part.GAVE_FLOOR)]
        role = text(person.role) if person.role else ""
        rows.append(f"| {link(person.name, page, paths.speaker(person))} | {role} | " + " | ".join(map(str, counts)) + " |")
    people = plural(len(catalog.people), "person").replace("persons", "people")
    return f"# Speakers\n\n{people} asked, answered or gave the floor.\n\n" + "\n".join(rows) + "\n"


def outlets_index(catalog: Catalog) -> str:
    page = paths.OUTLETS
    rows = ["| Outlet | Questions | Journalists |", "|---|--:|--:|"]
    for outlet_id, outlet in catalog.outlets.items():
        rows.append(
            f"| {link(outlet.name, page, paths.outlet(outlet))} | {len(catalog.by_outlet[outlet_id])} | "
            f"{len(catalog.journalists.get(outlet_id, ()))} |"
        )
    return f"# Outlets\n\n{plural(len(catalog.outlets), 'news organisation')} asked questions.\n\n" + "\n".join(rows) + "\n"


def by_year(transcripts: Iterable[Transcript]) -> dict[int, list[Transcript]]:
    """Transcripts by year, newest year and newest transcript first."""
    years: dict[int, list[Transcript]] = defaultdict(list)
    for t in sorted(transcripts, key=lambda t: t.order, reverse=True):
        years[t.year].append(t)
    return dict(years)


def _listing(page: str, transcripts: Iterable[Transcript]) -> str:
    return "\n".join(
        f"- {human_date(t.meta.date)} · {link(t.meta.title, page, paths.transcript(t))}"
        f"{' · ' + text(t.meta.kind) if t.meta.kind else ''} · {plural(len(t.exchanges), 'question')}"
        for t in transcripts
    )


def archive(catalog: Catalog) -> str:
    page = paths.ARCHIVE
    blocks = ["# Archive", f"{plural(len(catalog.transcripts), 'transcript')}, newest first."]
    for number, transcripts in by_year(catalog.transcripts).items():
        blocks.append(f"## {link(str(number), page, paths.year(number))} {{#y{number}}}")
        blocks.append(_listing(page, transcripts))
    return "\n\n".join(blocks) + "\n"


def year_page(number: int, transcripts: list[Transcript]) -> str:
    page = paths.year(number)
    return (
        f"# {number}\n\n{plural(len(transcripts), 'transcript')}, newest first.\n\n{_listing(page, transcripts)}\n\n"
        f"All years: {link('archive', page, paths.ARCHIVE)}\n"
    )


def home(catalog: Catalog) -> str:
    page = paths.HOME
    questions = sum(len(t.exchanges) for t in catalog.transcripts)
    latest = catalog.transcripts[::-1][:LATEST]
    totals = (
        f"{link(plural(len(catalog.transcripts), 'transcript'), page, paths.ARCHIVE)} · {plural(questions, 'question')} · "
        f"{link(plural(len(catalog.people), 'speaker'), page, paths.SPEAKERS)} · "
        f"{link(plural(len(catalog.outlets), 'outlet'), page, paths.OUTLETS)}"
    )
    return (
        "# Press conference transcripts\n\n"
        "Every question asked at the podium and every answer given, each with a permanent link.\n\n"
        f"{totals}\n\n## Latest transcripts {{#latest}}\n\n{_listing(page, latest)}\n\n"
        f"How to cite and reuse: {link('about this archive', page, paths.ABOUT)}\n"
    )
