"""The ledger of a run that aligns only the transcripts read again: the file as the last run
wrote it, known without parsing it (`Known`), and the entries that change spliced in.

At 10,000 transcripts `anchors.yml` is 47 MB, five seconds to parse. A run with one
transcript changed needs that transcript's entry only: it is found in the text, parsed, and
written back in its place (`Spliced.dumps`), which gives the bytes `dumps` gives the whole
ledger. Where the file is not as the last run left it (edited by hand, checked out again),
or a change is more than an edit or a new file, the whole ledger is read and every
transcript aligned (`publishing.publish`).
"""

from __future__ import annotations

import bisect
import datetime
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ..model import Transcript
from .alignment import Change, Mark
from .file import Entry, Ledger, Page, entry_key, entry_lines, page_lines, read_entry
from .publishing import Aligner, Published, _pages, _share


class NotSimple(Exception):
    """A change the splice does not make: the whole ledger is read instead."""


@dataclass(frozen=True)
class Known:
    """What the last run left in the ledger file: its stamp (inode, size, modification
    time), each entry's source and whether it is withdrawn, by id, and its pages."""

    stamp: tuple[int, int, int]
    sources: dict[str, tuple[str, bool]]
    speakers: dict[str, Page]
    outlets: dict[str, Page]

    def holds(self, path: Path) -> bool:
        return stamp(path) == self.stamp

    def withdrawn(self) -> list[str]:
        return sorted(id_ for id_, (_, gone) in self.sources.items() if gone)


def stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_ino, found.st_size, found.st_mtime_ns


def known(path: Path, ledger: Ledger | Spliced | Known | None) -> Known | None:
    """What the file at `path` holds, `ledger` being what it was read or written as."""
    found = stamp(path)
    if found is None or ledger is None:
        return None
    if isinstance(ledger, Known):
        return replace(ledger, stamp=found)
    if isinstance(ledger, Spliced):
        return ledger.known_after(found)
    return Known(found, {id_: (e.source, e.withdrawn is not None) for id_, e in ledger.transcripts.items()},
                 dict(ledger.speakers), dict(ledger.outlets))


class Spliced:
    """The ledger as the text `text` holds it (written by `dumps`), with `changed` entries
    and the pages given: read and written without parsing what did not change."""

    def __init__(self, text: str, base: Known, changed: dict[str, Entry], speakers: dict[str, Page],
                 outlets: dict[str, Page]):
        self.text, self.base, self.changed = text, base, changed
        self.speakers, self.outlets = speakers, outlets

    @property
    def unchanged(self) -> bool:
        return not self.changed and self.speakers == self.base.speakers and self.outlets == self.base.outlets

    def entry(self, id_: str) -> Entry:
        if id_ in self.changed:
            return self.changed[id_]
        start, end = self._block(id_)
        return read_entry(id_, self.text[start:end])

    def _block(self, id_: str) -> tuple[int, int]:
        key = f"\n{entry_key(id_)}\n"
        start = self.text.find(key)
        if start < 0:
            raise NotSimple(id_)
        start += 1
        end = self.text.find('\n  "', start + len(key) - 1)
        pages = self.text.find("\nspeakers:", start)
        end = pages if end < 0 or (0 <= pages < end) else end
        return start, end + 1

    def dumps(self) -> str:
        """The bytes `file.dumps` gives the ledger with the changes."""
        cut = self.text.find("\nspeakers:") + 1
        parts, at = [], 0
        ids = sorted(self.base.sources)
        for id_, entry in sorted(self.changed.items()):
            if id_ in self.base.sources:
                start, end = self._block(id_)
            else:  # new: before the first entry after it, or where the pages start
                following = ids[bisect.bisect_right(ids, id_):]
                start = end = self._block(following[0])[0] if following else cut
            parts += [self.text[at:start], "\n".join(entry_lines(id_, entry)) + "\n"]
            at = end
        parts += [self.text[at:cut], "\n".join(page_lines(self.speakers, self.outlets)) + "\n"]
        return "".join(parts)

    def known_after(self, found: tuple[int, int, int]) -> Known:
        sources = dict(self.base.sources)
        sources.update((id_, (e.source, e.withdrawn is not None)) for id_, e in self.changed.items())
        return Known(found, sources, dict(self.speakers), dict(self.outlets))


def publish_changed(read: list[Transcript], text: str, base: Known, folder: Path, day: datetime.date,
                    people: dict[str, str], outlets: dict[str, str], prints: Callable[[Transcript], list[Mark]],
                    aligns: Aligner) -> Published:
    """`publishing.publish` for a run where only `read` (in file-name order) were read
    again, every other transcript as published by the run that wrote `text` (`base`
    says what): new files get new ids, edited ones are aligned to their entries, nothing
    is withdrawn or renamed. Raises `NotSimple` where that is not all that changed."""
    ledger = Spliced(text, base, {}, {}, {})
    by_source = {source: id_ for id_, (source, gone) in base.sources.items()}
    changes: list[Change] = []
    result = []
    for t in read:
        id_ = by_source.get(t.source.name)
        marks = prints(t)
        fresh = id_ is None
        if fresh:
            id_ = t.id
            if id_ in base.sources or id_ in ledger.changed:  # a new file whose name makes a published id
                raise NotSimple(id_)
            entry = Entry(t.source.name, replace(t, id=id_).url, t.meta.title)
            changes.append(Change(t.source, 0, f"new transcript at {entry.url}"
                                  + (f": q1-q{len(t.exchanges)} recorded" if t.exchanges else "")))
        else:
            entry = ledger.entry(id_)
            if entry.withdrawn is not None or (sum(m.live for m in entry.marks) >= 2 and _share(entry, marks) < 0.5):
                raise NotSimple(id_)  # restored, or rewritten: the whole corpus is bound again
        t = replace(t, id=id_, published_url=entry.url)
        t, aligned, found = aligns(entry, t, t.meta.corrected or day, fresh, marks)
        aligned = replace(aligned, title=t.meta.title)
        if fresh or aligned != entry:
            ledger.changed[id_] = aligned
        changes.extend(found)
        result.append(t)
    ledger.speakers, moved_people = _pages(base.speakers, people)
    ledger.outlets, moved_outlets = _pages(base.outlets, outlets)
    moved = {f"speakers/{a}": f"speakers/{b}" if b else "speakers" for a, b in moved_people.items()}
    moved |= {f"outlets/{a}": f"outlets/{b}" if b else "outlets" for a, b in moved_outlets.items()}
    withdrawn = tuple(ledger.entry(id_) for id_ in base.withdrawn())
    return Published(tuple(result), ledger, tuple(sorted(changes)), moved, withdrawn)


