"""One transcript read, in the stages' order: read → clean → time codes → parse → cast →
structure → askers (`load_transcript`), into a `Reading`: the transcript, what the editor
should look at in it, and what was taken out of the text as the page's. `pipeline` reads a
whole folder with it.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace
from pathlib import Path

from . import labels, limits, related
from .askers import Askers, interviewer
from .cast import Cast
from .cast import cast as who_is_who
from .clean import Cleaned, clean, find_date
from .errors import InputError, Problem
from .model import Line, Metadata, Speaker, Transcript, Turn
from .packing import pack
from .parse import Forced, Parsed, parse
from .read import read_source
from .registry import Registry, make_id
from .resolve import Override, Resolver
from .structure import structure
from .timecodes import with_offsets


@dataclass(frozen=True)
class Reading:
    """A transcript, what the editor should look at in it, and what was taken out of the
    text as the page's and not anyone's words (title and subtitle lines a sidecar
    replaced, dates, "Print", time codes)."""

    transcript: Transcript
    warnings: tuple[Problem, ...]
    removed: tuple[Line, ...] = ()



TITLE_LENGTH = limits.TITLE  # characters: a first line longer than this is no title


def load_transcript(path: Path, registry: Registry) -> Reading:
    source = read_source(path)
    sidecar = source.sidecar.values
    cleaned = clean(source.text, sidecar.get("title"))
    if cleaned.title is None and not cleaned.body:
        raise InputError.at(path, 1, "empty transcript: there is no text to read")
    if "title" not in sidecar and len(cleaned.title.text) > TITLE_LENGTH:
        raise InputError.at(path, cleaned.title.number, f"the first line, read as the title, is "
                            f"{len(cleaned.title.text):,} characters long: give the title in {path.with_suffix('.yml').name}")
    # The sidecar wins; then a date in the text; then one leading the file name.
    date = sidecar.get("date") or cleaned.date or _date_in_name(path)
    if date is None:
        raise InputError.at(
            path, 1,
            f"no date in the text or file name: add 'date: YYYY-MM-DD' to {path.with_suffix('.yml').name}",
        )
    subtitle = sidecar.get("subtitle") or (cleaned.subtitle.text if cleaned.subtitle else None)
    meta = Metadata(
        title=sidecar.get("title") or cleaned.title.text,  # one of them is there: see clean()
        date=date,
        subtitle=subtitle,
        location=sidecar.get("location"),
        source_url=sidecar.get("source_url"),
        kind=sidecar.get("kind"),
        topics=tuple(dict.fromkeys(registry.topic(name) for name in sidecar.get("topics", ()))),
        status=cleaned.status,
        last_updated=cleaned.last_updated,
        corrected=sidecar.get("corrected"),
        video_url=sidecar.get("video_url"),
        video_start=sidecar.get("video_start"),
        language=sidecar.get("language"),
        translation_of=sidecar.get("translation_of"),
    )
    overrides = {
        entry.get("label"): Override(entry.get("name"), entry.get("role"), entry.get("outlet"), entry.line)
        for entry in sidecar.get("speakers", ())
    }
    resolver = Resolver(registry, subtitle, overrides, title=meta.title)
    forced = Forced(tuple(sidecar.get("label_lines", ())), tuple(sidecar.get("text_lines", ())))
    parsed = parse(cleaned.body, resolver.knows, forced)
    limits.check_turns(path, parsed.turns)
    cast = who_is_who(parsed.turns, resolver)
    askers = Askers(resolver, _interviewer(meta.title, cleaned, parsed))
    parts = structure(cast.turns, askers)
    transcript = Transcript(make_id(path.stem), path, meta, parts.opening, askers.fill(parts.exchanges), parts.closing,
                            raw=pack(source.text) if source.text else b"")
    transcript = _shared(with_offsets(transcript, cleaned.chrome, cleaned.body, meta.video_start))
    transcript = replace(transcript, words=related.weigh(transcript))
    replaced = [line for line, value in ((cleaned.title, "title"), (cleaned.subtitle, "subtitle")) if line and value in sidecar]
    removed = tuple(sorted((*cleaned.chrome, *replaced, *parsed.header), key=lambda line: line.number))
    warnings = _warnings(path, cleaned, parsed, cast, transcript)
    warnings += tuple(_repairs(path, source.repaired))
    return Reading(transcript, tuple(sorted(warnings)), removed)


def _shared(t: Transcript) -> Transcript:
    """`t` with one object for each speaker, however many turns name them: a reading is
    held, pickled and read back with ten times fewer (50 turns of a transcript, 5 speakers)."""
    speakers: dict[Speaker, Speaker] = {}

    def shared(turn: Turn) -> Turn:
        found = speakers.setdefault(turn.speaker, turn.speaker)
        return turn if found is turn.speaker else replace(turn, speaker=found)

    return t.map_turns(shared)


def _warnings(path: Path, cleaned: Cleaned, parsed: Parsed, cast: Cast, t: Transcript) -> tuple[Problem, ...]:
    """What an editor should check in a transcript that was read, sorted by line."""
    sidecar = path.with_suffix(".yml").name
    warnings = [
        Problem(path, line.number, f"'{label.text}' looks like a speaker label but was read as text "
                f"(confidence {label.confidence:.2f}): if it is one, add the name to speakers.yml")
        for line, label in parsed.doubtful
    ]
    warnings += [Problem(path, line, message) for line, message in cast.warnings]
    warnings += [
        Problem(path.with_suffix(".yml"), 0, f"'{ref}' matches no line of {path.name}: correct or remove it")
        for ref in parsed.unused
    ]
    warnings += [
        Problem(path.with_suffix(".yml"), line, f"the speaker label '{label}' is not in {path.name}: correct or remove it")
        for label, line in cast.unused
    ]
    if cleaned.title and (hit := labels.detect(cleaned.title.text)) and hit[0].confidence >= labels.ACCEPT:
        warnings.append(Problem(path, cleaned.title.number, f"the first line, read as the title, looks like the "
                                f"speaker label '{hit[0].text}': give the title in {sidecar}"))
    warnings += [
        Problem(path, turn.line, f"the label '{turn.label.text}' has no text under it")
        for turn in parsed.turns
        if turn.label is not None and not turn.paragraphs
    ]
    warnings += [
        Problem(path, exchange.question.line, f"question {exchange.anchor} has no answer")
        for exchange in t.exchanges
        if not exchange.answers
    ]
    return tuple(sorted(warnings))


def _interviewer(title: str, cleaned: Cleaned, parsed: Parsed) -> tuple[str | None, str | None]:
    """The interviewer an interview's own page names ("TRANSCRIPT OF INTERVIEW WITH JOHN HEWITT,
    2MMM"), or else its title does."""
    top = (cleaned.title, cleaned.subtitle, *cleaned.chrome[:HEADER_SEARCH], *parsed.header, *cleaned.body[:2])
    own = [line.text for line in top if line and "interview" in line.text.casefold()]
    return next((found for text in own if (found := interviewer(text)) != (None, None)), interviewer(title))


HEADER_SEARCH = 8  # lines of the page's chrome at the top searched for an interview's byline


def _repairs(path: Path, repaired: tuple[tuple[int, str, str], ...]) -> list[Problem]:
    """Mojibake undone, said once per line so that an editor can check it."""
    problems = []
    for line, old, new in repaired:
        changed = next(((a, b) for a, b in zip(old.split(), new.split()) if a != b), (old[:40], new[:40]))
        problems.append(Problem(path, line, f"repaired mojibake (text decoded twice): '{changed[0]}' read as '{changed[1]}'"))
    return problems


def _date_in_name(path: Path) -> datetime.date | None:
    match = re.match(r"(\d{4}-\d{2}-\d{2})(?!\d)", path.stem)
    return find_date(match.group(1)) if match else None
