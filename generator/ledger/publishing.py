"""The whole corpus bound to the ledger: which published transcript each file is (its
name, or its exchanges where it was renamed), new ids for new files, the withdrawn, each
reading aligned (`alignment.align`), and the speaker and outlet pages whose names were
corrected leading to their new pages."""

from __future__ import annotations

import datetime
import itertools
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from ..model import Transcript
from .alignment import Change, align, fingerprints, paired
from .file import Entry, Ledger, Mark, Page

# `alignment.align`: (entry, reading, day, fresh, fingerprints) -> (aligned reading, entry, changes)
Aligner = Callable[[Entry, Transcript, datetime.date, bool, list[Mark]], tuple[Transcript, Entry, list[Change]]]

_SAME_NAME = 85  # how alike (0-100) two names must be for one to be a corrected spelling


@dataclass(frozen=True)
class Published:
    """The transcripts with their permanent ids, and what that changed."""

    transcripts: tuple[Transcript, ...]  # all of them; or those read again, where `ledger` is `Spliced`
    ledger: Ledger | Any  # or `spliced.Spliced`: the file's text with a few entries changed
    changes: tuple[Change, ...]
    moved: dict[str, str]  # "speakers/old-id" -> "speakers/new-id" (or the index, "speakers")
    withdrawn: tuple[Entry, ...]
    given: Ledger | None = None  # the ledger aligned to: where `ledger` equals it, nothing changed

    @property
    def unchanged(self) -> bool:
        return self.ledger == self.given if isinstance(self.ledger, Ledger) else self.ledger.unchanged

    @property
    def spliced(self) -> bool:
        """Whether only the transcripts read again were aligned (`spliced.publish_changed`)."""
        return not isinstance(self.ledger, Ledger)


def today() -> datetime.date:
    """The day a correction is recorded: `SOURCE_DATE_EPOCH` where set, as reproducible builds do."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    return datetime.date.today()


def publish(transcripts: Iterable[Transcript], ledger: Ledger, folder: Path, day: datetime.date,
            people: dict[str, str], outlets: dict[str, str], unread: set[str] = frozenset(),
            prints: Callable[[Transcript], list[Mark]] = fingerprints, aligns: Aligner = align) -> Published:
    """Align every transcript to the ledger: their permanent ids and anchors, the ledger
    updated, and the changes to it. `people` and `outlets` are the ids and names of the
    speaker and outlet pages the transcripts now make; `unread` the names of files there
    that could not be read, whose entries stay as they are; `prints` gives a reading's
    fingerprints and `aligns` aligns it (`alignment.align`; both from a cache, where there is one)."""
    transcripts = sorted(transcripts, key=lambda t: t.source.name)
    entries = dict(ledger.transcripts)
    marks_of = {t.source.name: prints(t) for t in transcripts}
    bound, changes = _bind(transcripts, entries, {t.source.name for t in transcripts} | set(unread), marks_of)
    result = []
    for t in transcripts:
        id_ = bound.get(t.source.name)
        fresh = id_ is None
        if id_ is None:
            id_ = t.id
            if id_ in entries:  # a new file whose name makes the id of another published one
                id_ = _free_id(t.id, entries)
                changes.append(Change(t.source, 0, f"its id '{t.id}' was published for {entries[t.id].source}: "
                                      f"published as '{id_}'"))
            t = replace(t, id=id_)
            entries[id_] = Entry(t.source.name, t.url, t.meta.title)
            recorded = f": q1-q{len(t.exchanges)} recorded" if t.exchanges else ""
            changes.append(Change(t.source, 0, f"new transcript at {t.url}{recorded}"))
        elif entries[id_].source != t.source.name:
            old = entries[id_]
            changes.append(Change(t.source, 0, f"renamed from {old.source}: keeps its id and URL {old.url}"))
            entries[id_] = replace(old, source=t.source.name)
        entry = entries[id_]
        t = replace(t, id=id_, published_url=entry.url)
        t, entry, found = aligns(entry, t, t.meta.corrected or day, fresh, marks_of[t.source.name])
        entries[id_] = replace(entry, title=t.meta.title)
        changes.extend(found)
        result.append(t)
    claimed = set(bound.values()) | {id_ for id_, e in entries.items() if e.source in unread}
    orphans = {id_: e for id_, e in entries.items() if id_ in ledger.transcripts and id_ not in claimed}
    withdrawn = []
    for id_, entry in sorted(orphans.items()):
        if entry.withdrawn is None:
            entry = entries[id_] = replace(entry, withdrawn=day)
            changes.append(Change(folder / entry.source, 0, f"withdrawn: its file is gone; its URL {entry.url} "
                                  f"keeps a page saying so"))
        withdrawn.append(entry)
    speakers, moved_people = _pages(ledger.speakers, people, settled=not unread)
    outlet_pages, moved_outlets = _pages(ledger.outlets, outlets, settled=not unread)
    moved = {f"speakers/{a}": f"speakers/{b}" if b else "speakers" for a, b in moved_people.items()}
    moved |= {f"outlets/{a}": f"outlets/{b}" if b else "outlets" for a, b in moved_outlets.items()}
    return Published(
        tuple(result), Ledger(entries, speakers, outlet_pages),  # in file-name order, as read
        tuple(sorted(changes)), moved, tuple(withdrawn), ledger,
    )


def _free_id(id_: str, entries: dict[str, Entry]) -> str:
    return next(f"{id_}-{n}" for n in itertools.count(2) if f"{id_}-{n}" not in entries)


def _bind(transcripts: list[Transcript], entries: dict[str, Entry], present: set[str], marks_of: dict[str, list[Mark]]
          ) -> tuple[dict[str, str], list[Change]]:
    """Which published transcript each file is: the one of its name, unless most of that
    one's exchanges are not in it (the name was given to another text); else, for a new
    name, a published one whose file is gone and whose exchanges it mostly holds
    (renamed). File name -> published id."""
    by_source = {e.source: id_ for id_, e in entries.items() if e.withdrawn is None or e.source in present}
    bound: dict[str, str] = {}
    loose: list[Transcript] = []
    candidates = {id_: e for id_, e in entries.items() if e.source not in present and e.withdrawn is None}
    for t in transcripts:
        id_ = by_source.get(t.source.name)
        mostly_gone = id_ is not None and sum(m.live for m in entries[id_].marks) >= 2 \
            and _share(entries[id_], marks_of[t.source.name]) < 0.5
        if mostly_gone:
            candidates[id_] = entries[id_]  # its text may have gone to another file: look there first
            loose.append(t)
        elif id_ is not None:
            bound[t.source.name] = id_
        else:
            loose.append(t)
    changes = []
    for t in loose:
        best, best_share = None, 0.5
        for id_, entry in sorted(candidates.items()):
            if any(m.live for m in entry.marks) and (share := _share(entry, marks_of[t.source.name])) > best_share:
                best, best_share = id_, share
        own = by_source.get(t.source.name)
        if best is None and own in candidates:  # rewritten, not renamed: its anchors become notes
            best = own
            changes.append(Change(t.source, 0, "most of the published exchanges are no longer in this file: if it "
                                  "now holds another transcript, give it a name of its own"))
        if best is not None:
            bound[t.source.name] = best
            del candidates[best]
    return bound, changes


def _share(entry: Entry, prints: list[Mark]) -> float:
    """How much of a published transcript's live exchanges a reading holds (by their
    fingerprints `prints`), and of its exchanges the published."""
    live = [m for m in entry.marks if m.live]
    return len(paired(live, prints)) / max(len(live), len(prints)) if live or prints else 0.0


def _pages(published: dict[str, Page], current: dict[str, str], settled: bool = True
           ) -> tuple[dict[str, Page], dict[str, str | None]]:
    """Every page ever published, and where those gone now lead: the page of the corrected
    spelling of their name, or (None) the index. Unless `settled` (a transcript could not be
    read, and its people may come back), gone pages are kept as they were, leading nowhere yet."""
    pages = {id_: Page(name) for id_, name in current.items()}
    moved: dict[str, str | None] = {}
    names = {id_: default_process(name) for id_, name in sorted(current.items())}
    for id_, page in sorted(published.items()):
        if id_ in current:
            continue
        if not settled:
            pages[id_] = page
            continue
        target = page.moved
        seen = {id_}
        while target is not None and target not in current and target in published and target not in seen:
            seen.add(target)
            target = published[target].moved
        if target not in current:
            name = default_process(page.name)
            scored = [(fuzz.ratio(name, other_name), other) for other, other_name in names.items()]
            target = max((s for s in scored if s[0] >= _SAME_NAME), default=(0, None))[1]
        pages[id_] = Page(page.name, target)
        moved[id_] = target
    return pages, moved
