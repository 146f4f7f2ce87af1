"""Who took part in what, across the whole corpus: what speaker and outlet pages list.

Built once from the model; pages only read it. Everything is sorted, so two builds from
the same input list the same things in the same order.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from enum import Enum

from ..model import Exchange, Outlet, Person, Role, Transcript


class Part(Enum):
    """What someone did in an exchange, as a speaker page says it."""

    ASKED = "asked"
    ANSWERED = "answered"
    GAVE_FLOOR = "gave the floor"
    OPENED = "opening statement"


@dataclass(frozen=True)
class Entry:
    """One exchange (or an opening statement: `exchange` None) someone took part in."""

    transcript: Transcript
    exchange: Exchange | None
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Catalog:
    transcripts: tuple[Transcript, ...]  # oldest first
    people: dict[str, Person]  # by id, sorted by name
    outlets: dict[str, Outlet]
    by_person: dict[str, tuple[Entry, ...]]  # newest transcript first, then in order asked
    by_outlet: dict[str, tuple[Entry, ...]]
    journalists: dict[str, tuple[Person, ...]]  # outlet id -> people who asked for it

    def count(self, person_id: str, part: Part) -> int:
        return sum(part in entry.parts for entry in self.by_person[person_id])


def build_catalog(transcripts: tuple[Transcript, ...]) -> Catalog:
    people: dict[str, Person] = {}
    outlets: dict[str, Outlet] = {}
    by_person: dict[str, list[Entry]] = defaultdict(list)
    by_outlet: dict[str, list[Entry]] = defaultdict(list)
    journalists: dict[str, dict[str, Person]] = defaultdict(dict)

    def note(person: Person | None) -> str | None:
        if person is None:
            return None
        known = people.get(person.id)
        if known is None or (known.role is None and person.role):
            people[person.id] = person
        return person.id

    transcripts = tuple(sorted(transcripts, key=lambda t: t.order))
    for transcript in reversed(transcripts):
        openers = {note(turn.speaker.person) for turn in transcript.opening} - {None}
        for person_id in sorted(openers):
            by_person[person_id].append(Entry(transcript, None, (Part.OPENED,)))
        for exchange in transcript.exchanges:
            parts: dict[str, list[Part]] = defaultdict(list)
            asker = note(exchange.question.speaker.person)
            if asker:
                parts[asker].append(Part.ASKED)
            for turn in exchange.answers:
                parts[note(turn.speaker.person) or ""].append(Part.ANSWERED)
            for turn in (*exchange.lead_in, *exchange.replies):
                if turn.speaker.role is Role.MODERATOR:
                    parts[note(turn.speaker.person) or ""].append(Part.GAVE_FLOOR)
            for person_id, done in sorted(parts.items()):
                if person_id:
                    by_person[person_id].append(Entry(transcript, exchange, tuple(dict.fromkeys(done))))
            outlet = exchange.question.speaker.outlet
            if outlet is not None:
                outlets.setdefault(outlet.id, outlet)
                by_outlet[outlet.id].append(Entry(transcript, exchange, (Part.ASKED,)))
                if asker:
                    journalists[outlet.id][asker] = people[asker]
    return Catalog(
        transcripts=transcripts,
        people=dict(sorted(people.items(), key=lambda item: (item[1].name.casefold(), item[0]))),
        outlets=dict(sorted(outlets.items(), key=lambda item: (item[1].name.casefold(), item[0]))),
        by_person={k: tuple(v) for k, v in by_person.items()},
        by_outlet={k: tuple(v) for k, v in by_outlet.items()},
        journalists={k: tuple(sorted(v.values(), key=lambda p: p.name.casefold())) for k, v in journalists.items()},
    )
