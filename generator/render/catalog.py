"""Who took part in what, across the whole corpus: what speaker, outlet and topic pages list.

Built from the transcripts' cards (`cards`), not their readings: a listing is a run of
entries per transcript (`Run`), and a page's entries are read back from the transcripts
(`Catalog.entries`) only where the page is made. Everything is sorted, so two builds from
the same input list the same things in the same order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from ..model import Exchange, Outlet, Person, Transcript
from .cards import PARTS, Card, Part, card_of, decode

Lookup = Callable[[Card], Transcript]  # a card's transcript as published


@dataclass(frozen=True)
class Entry:
    """One exchange (or, with `exchange` None, an opening statement or closing remarks,
    as `parts` says) someone took part in."""

    transcript: Transcript
    exchange: Exchange | None
    parts: tuple[Part, ...]


class Run(NamedTuple):
    """A transcript's entries in one listing, in the order asked; `code` spells them
    (`cards.encode`), or None for all its exchanges (a topic's). A tuple: a catalog of
    10,000 transcripts makes 100,000 of them on every run."""

    card: Card
    code: str | None
    count: int

    def entries(self) -> list[tuple[str, tuple[Part, ...]]]:
        if self.code is None:
            return [(anchor, (Part.ASKED,)) for anchor in self.card.anchor_list()]
        return decode(self.code)

    def entry(self, index: int) -> tuple[str, tuple[Part, ...]]:
        """Its `index`th entry, without reading the others past it (a run may be hundreds long)."""
        if self.code is None:
            return self.card.anchors.split(" ", index + 1)[index], (Part.ASKED,)
        return decode(self.code.split(" ", index + 1)[index])[0]

    def latest_anchors(self) -> Iterator[str]:
        """The anchors of its exchanges (not statements), the last asked first."""
        for word in reversed((self.card.anchors if self.code is None else self.code).split(" ")):
            anchor = word.partition(":")[0]
            if anchor:
                yield anchor


Listing = tuple[Run, ...]  # newest transcript first: a transcript's entries are one run
Slice = tuple[Run, int, int]  # a run's entries from .. to, on one page of a listing


@dataclass(frozen=True)
class Catalog:
    transcripts: tuple[Card, ...]  # oldest first
    people: dict[str, Person]  # by id, sorted by name
    outlets: dict[str, Outlet]
    # Newest transcript first, then in order asked: the feeds (`feeds.latest`) and the
    # listings' pages count on it.
    by_person: dict[str, Listing]
    by_outlet: dict[str, Listing]
    journalists: dict[str, tuple[Person, ...]]  # outlet id -> people who asked for it
    library: Lookup  # each card's transcript as published, for the pages that are made
    # ... without its links (other-language version, "Asked before?"): what a listing or a
    # feed shows of its exchanges (reading back fewer transcripts: those the links name).
    shallow: Lookup | None = None
    # Topic id -> its name, sorted by name, and the exchanges of the transcripts the
    # sidecars give that topic, newest first (a topic is a transcript's, so all of them).
    topics: dict[str, str] = field(default_factory=dict)
    by_topic: dict[str, Listing] = field(default_factory=dict)
    counts: dict[str, list[int]] = field(default_factory=dict)  # person id -> entries by part (`cards.PARTS`)
    # Transcript id -> a digest of its reading as published (`Memo.version`), where every one
    # is known: a listing page whose entries' transcripts are all as before is not made again.
    versions: dict[str, str] = field(default_factory=dict)

    def count(self, person_id: str, part: Part) -> int:
        return self.counts[person_id][PARTS.index(part)]

    def listed(self, card: Card) -> Transcript:
        """A card's transcript as a listing or a feed shows it: without its links where it can."""
        return (self.shallow or self.library)(card)

    def entries(self, runs: Iterable[Run | Slice]) -> list[Entry]:
        """The entries of runs (or slices of runs), each with its transcript and exchange."""
        found = []
        for item in runs:
            run, start, stop = (item, 0, item.count) if isinstance(item, Run) else item
            t = self.listed(run.card)
            exchanges = {e.anchor: e for e in t.exchanges}
            found += [Entry(t, exchanges.get(anchor) if anchor else None, parts)
                      for anchor, parts in run.entries()[start:stop]]
        return found


def size(listing: Listing) -> int:
    return sum(run.count for run in listing)


def pages(listing: Listing, page_size: int) -> list[tuple[Slice, ...]]:
    """The listing's entries in pages of `page_size`, each page the slices of runs it
    holds; an empty listing is one empty page."""
    found: list[tuple[Slice, ...]] = []
    page: list[Slice] = []
    room = page_size
    for run in listing:
        start = 0
        while start < run.count:
            stop = min(run.count, start + room)
            page.append((run, start, stop))
            room -= stop - start
            start = stop
            if room == 0:
                found.append(tuple(page))
                page, room = [], page_size
    if page or not found:
        found.append(tuple(page))
    return found


def build_catalog(transcripts: Sequence[Transcript], versions: dict[str, str] | None = None) -> Catalog:
    """The catalog of transcripts held in memory (their cards made here)."""
    from .feeds import version as feed_version

    by_id = {t.id: t for t in transcripts}
    made = [card_of(t, (versions or {}).get(t.id), feed_version(t)) for t in transcripts]
    return catalog_of(made, lambda card: by_id[card.id], versions is not None)


def catalog_of(cards: Iterable[Card], library: Lookup, versioned: bool = True, shallow: Lookup | None = None) -> Catalog:
    """The catalog of the transcripts of `cards`; `library` gives a card's transcript (and
    `shallow` without its links). Unless `versioned` (and every card's version known), its
    pages are made, not keyed."""
    ordered = tuple(sorted(cards, key=lambda c: c.order))
    people: dict[str, Person] = {}
    outlets: dict[str, Outlet] = {}
    by_person: dict[str, list[Run]] = {}
    by_outlet: dict[str, list[Run]] = {}
    journalists: dict[str, dict[str, None]] = {}
    topics: dict[str, str] = {}
    by_topic: dict[str, list[Run]] = {}
    counted: dict[str, list[tuple[int, ...]]] = {}
    for card in reversed(ordered):
        for pid, name, role in card.people:
            known = people.get(pid)
            if known is None or (known.role is None and role):
                people[pid] = Person(pid, name, role)
        for pid, code, done in card.speaking:
            by_person.setdefault(pid, []).append(Run(card, code, code.count(" ") + 1))
            counted.setdefault(pid, []).append(done)
        for oid, name, code in card.asking:
            outlets.setdefault(oid, Outlet(oid, name))
            by_outlet.setdefault(oid, []).append(Run(card, code, code.count(" ") + 1))
        for oid, pid in card.journalists:
            journalists.setdefault(oid, {})[pid] = None
        for tid, name in card.topics:
            topics.setdefault(tid, name)
            by_topic.setdefault(tid, []).append(Run(card, None, card.questions))
    known = {c.id: c.version for c in ordered}
    return Catalog(
        transcripts=ordered,
        people=dict(sorted(people.items(), key=lambda item: (item[1].name.casefold(), item[0]))),
        outlets=dict(sorted(outlets.items(), key=lambda item: (item[1].name.casefold(), item[0]))),
        by_person={k: tuple(v) for k, v in by_person.items()},
        by_outlet={k: tuple(v) for k, v in by_outlet.items()},
        journalists={k: tuple(sorted((people[p] for p in v), key=lambda p: p.name.casefold())) for k, v in journalists.items()},
        library=library,
        topics=dict(sorted(topics.items(), key=lambda item: (item[1].casefold(), item[0]))),
        by_topic={k: tuple(v) for k, v in by_topic.items()},
        counts={pid: [sum(column) for column in zip(*done)] for pid, done in counted.items()},
        versions=known if versioned and None not in known.values() else {},
        shallow=shallow,
    )


def page_names(items: Iterable[Card | Transcript]) -> tuple[dict[str, str], dict[str, str]]:
    """The ids and names of the speaker and outlet pages the catalog of these transcripts
    (or their cards) makes: everyone on a turn, the outlets questions are asked for; each
    as first spelt in their order (the input folder's: by file name)."""
    people: dict[str, str] = {}
    outlets: dict[str, str] = {}
    for item in items:
        if isinstance(item, Card):
            for oid, name, _ in item.asking:
                outlets.setdefault(oid, name)
            renamed = dict(item.renamed)
            for pid, name, _ in item.people:
                people.setdefault(pid, renamed.get(pid, name))
            continue
        turns = [*item.opening, *item.closing]
        for e in item.exchanges:
            turns += e.turns
            if (outlet := e.question.speaker.outlet) is not None:
                outlets.setdefault(outlet.id, outlet.name)
        for turn in turns:
            if (person := turn.speaker.person) is not None:
                people.setdefault(person.id, person.name)
    return people, outlets
