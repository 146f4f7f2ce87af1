"""Who took part in what, across the whole corpus: what speaker and outlet pages list.

Built once from the model; pages only read it. Everything is sorted, so two builds from
the same input list the same things in the same order.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from ..model import Exchange, Outlet, Person, Role, Transcript, Turn
from ..registry import make_id


class Part(Enum):
    """What someone did in an exchange, as a speaker page says it."""

    ASKED = "asked"
    ANSWERED = "answered"
    GAVE_FLOOR = "gave the floor"
    REMARKED = "remark before the question"
    OPENED = "opening statement"
    CLOSED = "closing remarks"


# A turn's part by where it stands and who speaks: a principal's turn answers only after
# the question; a moderator's gives the floor wherever it stands.
_IN_EXCHANGE = {
    ("lead_in", Role.PRINCIPAL): Part.REMARKED,
    ("lead_in", Role.MODERATOR): Part.GAVE_FLOOR,
    ("replies", Role.PRINCIPAL): Part.ANSWERED,
    ("replies", Role.MODERATOR): Part.GAVE_FLOOR,
}


@dataclass(frozen=True)
class Entry:
    """One exchange (or, with `exchange` None, an opening statement or closing remarks,
    as `parts` says) someone took part in."""

    transcript: Transcript
    exchange: Exchange | None
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Catalog:
    transcripts: tuple[Transcript, ...]  # oldest first
    people: dict[str, Person]  # by id, sorted by name
    outlets: dict[str, Outlet]
    # Newest transcript first, then in order asked: a transcript's entries are one run, which
    # the feeds (`feeds._latest`) and the listings' keys count on.
    by_person: dict[str, tuple[Entry, ...]]
    by_outlet: dict[str, tuple[Entry, ...]]  # as `by_person`
    journalists: dict[str, tuple[Person, ...]]  # outlet id -> people who asked for it
    # Topic id -> its name, sorted by name, and the exchanges of the transcripts the
    # sidecars give that topic, newest first (a topic is a transcript's, so all of them).
    topics: dict[str, str] = field(default_factory=dict)
    by_topic: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    # Transcript id -> a digest of its reading as published (`Memo.version`), where every one
    # is known: a listing page whose entries' transcripts are all as before is not made again.
    versions: dict[str, str] = field(default_factory=dict)

    def count(self, person_id: str, part: Part) -> int:
        return self._counts[person_id][part]

    @functools.cached_property
    def _counts(self) -> dict[str, Counter[Part]]:
        return {pid: Counter(part for entry in entries for part in entry.parts) for pid, entries in self.by_person.items()}


def build_catalog(transcripts: tuple[Transcript, ...], versions: dict[str, str] | None = None) -> Catalog:
    people: dict[str, Person] = {}
    outlets: dict[str, Outlet] = {}
    by_person: dict[str, list[Entry]] = defaultdict(list)
    by_outlet: dict[str, list[Entry]] = defaultdict(list)
    journalists: dict[str, dict[str, Person]] = defaultdict(dict)
    topics: dict[str, str] = {}
    by_topic: dict[str, list[Entry]] = defaultdict(list)

    def note(person: Person | None) -> str | None:
        if person is None:
            return None
        known = people.get(person.id)
        if known is None or (known.role is None and person.role):
            people[person.id] = person
        return person.id

    def statement(transcript: Transcript, turns: tuple[Turn, ...], part: Part) -> None:
        for person_id in sorted({note(turn.speaker.person) for turn in turns} - {None}):
            by_person[person_id].append(Entry(transcript, None, (part,)))

    transcripts = tuple(sorted(transcripts, key=lambda t: t.order))
    for transcript in reversed(transcripts):
        statement(transcript, transcript.opening, Part.OPENED)
        for exchange in transcript.exchanges:
            asker = note(exchange.question.speaker.person)
            parts: dict[str, list[Part]] = defaultdict(list, {asker: [Part.ASKED]} if asker else {})
            for where in ("lead_in", "replies"):
                for turn in getattr(exchange, where):
                    person_id = note(turn.speaker.person)
                    part = _IN_EXCHANGE.get((where, turn.speaker.role))
                    if person_id and part:
                        parts[person_id].append(part)
            for person_id, done in sorted(parts.items()):
                by_person[person_id].append(Entry(transcript, exchange, tuple(dict.fromkeys(done))))
            outlet = exchange.question.speaker.outlet
            if outlet is not None:
                outlets.setdefault(outlet.id, outlet)
                by_outlet[outlet.id].append(Entry(transcript, exchange, (Part.ASKED,)))
                if asker:
                    journalists[outlet.id][asker] = people[asker]
        statement(transcript, transcript.closing, Part.CLOSED)
        for topic_id, name in dict((make_id(name), name) for name in reversed(transcript.meta.topics)).items():
            topics.setdefault(topic_id, name)
            by_topic[topic_id].extend(Entry(transcript, e, (Part.ASKED,)) for e in transcript.exchanges)
    return Catalog(
        transcripts=transcripts,
        people=dict(sorted(people.items(), key=lambda item: (item[1].name.casefold(), item[0]))),
        outlets=dict(sorted(outlets.items(), key=lambda item: (item[1].name.casefold(), item[0]))),
        by_person={k: tuple(v) for k, v in by_person.items()},
        by_outlet={k: tuple(v) for k, v in by_outlet.items()},
        journalists={k: tuple(sorted(v.values(), key=lambda p: p.name.casefold())) for k, v in journalists.items()},
        topics=dict(sorted(topics.items(), key=lambda item: (item[1].casefold(), item[0]))),
        by_topic={k: tuple(v) for k, v in by_topic.items()},
        versions=versions or {},
    )


def page_names(transcripts: Iterable[Transcript]) -> tuple[dict[str, str], dict[str, str]]:
    """The ids and names of the speaker and outlet pages `build_catalog` makes of these
    transcripts (everyone on a turn; the outlets questions are asked for), found without
    building the catalog."""
    people: dict[str, str] = {}
    outlets: dict[str, str] = {}
    for t in transcripts:
        turns = [*t.opening, *t.closing]
        for e in t.exchanges:
            turns += e.turns
            if (outlet := e.question.speaker.outlet) is not None:
                outlets.setdefault(outlet.id, outlet.name)
        for turn in turns:
            if (person := turn.speaker.person) is not None:
                people.setdefault(person.id, person.name)
    return people, outlets
