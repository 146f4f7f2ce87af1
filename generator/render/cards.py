"""A card per published transcript: what the listings, the feeds, the archive and the export
index take of it, small enough that a run holds every transcript's without its reading.

The listings of a speaker, an outlet or a topic are made of runs: each transcript's entries
in that listing, one run per transcript (`Run`). A card keeps its runs as short codes
("q3:n q7:ng" is an answer to q3, and an answer and a hand-over in q7), read back only
where a page is made or its first entry keys it. With each card kept between runs (the
cache's index), one edited transcript is one card made again: the listings, their keys
and the feeds' come from the cards, and only the pages to make again load readings.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..model import Exchange, Metadata, Person, Removal, Role, Transcript, Turn, Version
from ..registry import make_id
from .citation import answerers


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
PARTS = tuple(Part)
_LETTER = {Part.ASKED: "a", Part.ANSWERED: "n", Part.GAVE_FLOOR: "g", Part.REMARKED: "r", Part.OPENED: "o",
           Part.CLOSED: "c"}
_PART = {letter: part for part, letter in _LETTER.items()}

Entry = tuple[str, tuple[Part, ...]]  # an exchange's anchor ("" for a statement) and the parts taken in it


def encode(entries: list[Entry]) -> str:
    """"q3:n q7:ng :c": each entry's anchor and the letters of its parts."""
    return " ".join(f"{anchor}:{''.join(_LETTER[p] for p in parts)}" for anchor, parts in entries)


def decode(code: str) -> list[Entry]:
    entries = []
    for word in code.split(" ") if code else ():
        anchor, _, letters = word.partition(":")
        entries.append((anchor, tuple(_PART[letter] for letter in letters)))
    return entries


@dataclass(frozen=True)
class Card:
    """A published transcript, as the listings see it."""

    id: str
    stem: str  # of its source file: where the cache keeps its reading
    url: str
    meta: Metadata
    questions: int
    anchors: str  # its exchanges' anchors in order, space-separated
    event: str  # what tells the event apart in a listing (`event`)
    has_raw: bool  # its raw text is published beside the page
    other: Version | None  # its other language's version, as linked (`versions.link`)
    version: str | None  # a digest of its reading as published (`Memo.version`); None: not known
    feed: str  # a digest of what a feed entry takes of it (`feeds.version`)
    # Everyone on a turn, each once in the order met, as (id, name, role): the first of
    # them to have a role, else the first (as the catalog notes people).
    people: tuple[tuple[str, str, str | None], ...]
    # Those whose first spelling met with the opening and closing statements first, as the
    # ledger names pages (`page_names`), is another: (id, that spelling).
    renamed: tuple[tuple[str, str], ...]
    speaking: tuple[tuple[str, str, tuple[int, ...]], ...]  # per person with entries: id, code, count by `PARTS`
    asking: tuple[tuple[str, str, str], ...]  # per outlet asked for: id, name, code of the questions asked
    journalists: tuple[tuple[str, str], ...]  # (outlet id, person id) of each question asked for an outlet
    topics: tuple[tuple[str, str], ...]  # (id, name), as `catalog` takes them
    # What the ledger gave its exchanges besides their anchors: the ids of exchanges merged
    # into one (by its index), and where exchanges were removed.
    merged: tuple[tuple[int, tuple[str, ...]], ...] = ()
    removed: tuple[Removal, ...] = ()

    @property
    def has_version(self) -> bool:
        return self.other is not None

    @property
    def other_id(self) -> str:
        return self.other.id if self.other else ""

    def ids(self) -> list[tuple[str, ...]]:
        """Each exchange's ids, as the ledger gave them (`Exchange.ids`)."""
        ids = [(anchor,) for anchor in self.anchor_list()]
        for index, more in self.merged:
            ids[index] = (ids[index][0], *more)
        return ids

    @property
    def order(self) -> tuple:
        return (self.meta.date, self.id)

    @property
    def year(self) -> int:
        return self.meta.date.year

    def anchor_list(self) -> list[str]:
        return self.anchors.split(" ") if self.anchors else []


def card_of(t: Transcript, version: str | None, feed: str) -> Card:
    """The card of a published transcript (`version`: `Memo.version`; `feed`: `feeds.version`)."""
    people: dict[str, Person] = {}
    entries: dict[str, list[Entry]] = {}
    asking: dict[str, tuple[str, list[str]]] = {}
    journalists: dict[tuple[str, str], None] = {}
    _statement(t.opening, Part.OPENED, people, entries)
    for e in t.exchanges:
        _exchange(e, people, entries)
        outlet = e.question.speaker.outlet
        if outlet is not None:
            asking.setdefault(outlet.id, (outlet.name, []))[1].append(e.anchor)
            if (asker := e.question.speaker.person) is not None:
                journalists[outlet.id, asker.id] = None
    _statement(t.closing, Part.CLOSED, people, entries)
    counts = {pid: tuple(sum(part in parts for _, parts in found) for part in PARTS) for pid, found in entries.items()}
    return Card(
        t.id, t.source.stem, t.url, t.meta, len(t.exchanges), " ".join(e.anchor for e in t.exchanges), event(t),
        bool(t.raw), t.version, version, feed,
        tuple((p.id, p.name, p.role) for p in people.values()), _renamed(t, people),
        tuple((pid, encode(found), counts[pid]) for pid, found in entries.items()),
        tuple((oid, name, encode([(a, (Part.ASKED,)) for a in anchors])) for oid, (name, anchors) in asking.items()),
        tuple(journalists), tuple(dict((make_id(name), name) for name in reversed(t.meta.topics)).items()),
        tuple((n, e.ids[1:]) for n, e in enumerate(t.exchanges) if len(e.ids) > 1), t.removed,
    )


def _renamed(t: Transcript, people: dict[str, Person]) -> tuple[tuple[str, str], ...]:
    """Where the first spelling of a name met in the order the ledger names pages in is not `people`'s."""
    first: dict[str, str] = {}
    for turn in (*t.opening, *t.closing, *(turn for e in t.exchanges for turn in e.turns)):
        if (person := turn.speaker.person) is not None:
            first.setdefault(person.id, person.name)
    return tuple((pid, name) for pid, name in first.items() if people[pid].name != name)


def _note(person: Person | None, people: dict[str, Person]) -> str | None:
    if person is None:
        return None
    known = people.get(person.id)
    if known is None or (known.role is None and person.role):
        people[person.id] = person
    return person.id


def _statement(turns: tuple[Turn, ...], part: Part, people: dict[str, Person], entries: dict[str, list[Entry]]) -> None:
    for person_id in sorted({_note(turn.speaker.person, people) for turn in turns} - {None}):
        entries.setdefault(person_id, []).append(("", (part,)))


def _exchange(e: Exchange, people: dict[str, Person], entries: dict[str, list[Entry]]) -> None:
    asker = _note(e.question.speaker.person, people)
    parts: dict[str, list[Part]] = {asker: [Part.ASKED]} if asker else {}
    for where in ("lead_in", "replies"):
        for turn in getattr(e, where):
            person_id = _note(turn.speaker.person, people)
            part = _IN_EXCHANGE.get((where, turn.speaker.role))
            if person_id and part:
                parts.setdefault(person_id, []).append(part)
    for person_id, done in sorted(parts.items()):
        entries.setdefault(person_id, []).append((e.anchor, tuple(dict.fromkeys(done))))


def event(t: Transcript) -> str:
    """What tells an event apart from the thousand others of its kind: its subtitle ("by
    NATO Secretary General Mark Rutte ahead of ..."), or else who answered; and where, if
    the subtitle does not say."""
    parts = [t.meta.subtitle] if t.meta.subtitle else [", ".join(p.name for p in principals(t))]
    if t.meta.location and t.meta.location not in (t.meta.subtitle or ""):
        parts.append(t.meta.location)
    return " · ".join(p for p in parts if p)


def principals(t: Transcript) -> tuple[Person, ...]:
    """Who made the opening statement or answered, each once, in the order they first spoke."""
    people = {turn.speaker.person.id: turn.speaker.person for turn in t.opening
              if turn.speaker.role is Role.PRINCIPAL and turn.speaker.person}
    for e in t.exchanges:
        people.update((p.id, p) for p in answerers(e) if p.id not in people)
    return tuple(people.values())
