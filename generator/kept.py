"""What a run keeps of each source for the next (`Kept`), so that a source unchanged since
is not loaded at all: the passes over the whole corpus (the warnings said, the near misses,
the ids that clash, the language versions, the ledger, the listings) take what they need of
it from here, and its reading is loaded only where one of its files is made again.

One file of the cache holds every source's (`Index`), under the code of the generator: it
loads in a fraction of a second at 10,000 transcripts, where their readings take seconds.
"""

from __future__ import annotations

import pickle
import zlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .errors import Problem
from .model import Metadata, Transcript
from .suggest import Named, named

INDEX = "corpus.index"


@dataclass(frozen=True)
class Kept:
    """A source as its reading was, without the reading: its key, the reading's id and
    metadata, how many questions, its own warnings, the names it writes, and the card it
    was last published with (`render.cards.Card`; None until it is)."""

    source: Path
    key: str  # the reading's (`Cache.reading_key`)
    id: str  # the reading's, before the ledger
    meta: Metadata
    questions: int
    notes: tuple[tuple[bool, int, str], ...]  # its reading's warnings: (of its sidecar, line, message)
    names: Named
    card: Any = None
    more: tuple[Problem, ...] = ()  # the warnings the passes over the corpus add this run (not kept)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        sidecar = self.source.with_suffix(".yml") if any(of_sidecar for of_sidecar, _, _ in self.notes) else self.source
        own = [Problem(sidecar if of_sidecar else self.source, line, message) for of_sidecar, line, message in self.notes]
        return tuple(sorted((*own, *self.more))) if self.more else tuple(own)


def kept(t: Transcript, key: str, warnings: tuple[Problem, ...]) -> Kept:
    """What is kept of a reading of `t`, under its `key`, with its own `warnings`."""
    notes = tuple((p.path != t.source, p.line, p.message) for p in warnings)
    return Kept(t.source, key, t.id, t.meta, len(t.exchanges), notes, named(t))


class Index:
    """Every source's `Kept`, by the stem of its file, as the last run left them, and what
    the anchor ledger's file held then (`ledger.Known`). Kept in `SHARDS` files by the stem's
    digest, so that a run which changed one source writes one of them again."""

    def __init__(self, code: str, entries: dict[str, Kept] | None = None, ledger: Any = None):
        self.code = code
        self.entries = entries or {}
        self._ledger = ledger
        self.dirty: set[int] = set()  # the shards to write again
        self.changed = False  # the head (the ledger's record) to write again

    @property
    def ledger(self) -> Any:
        return self._ledger

    @ledger.setter
    def ledger(self, value: Any) -> None:
        self.changed |= value != self._ledger
        self._ledger = value

    @classmethod
    def load(cls, folder: Path, code: str) -> Index:
        try:
            head = pickle.loads((folder / INDEX).read_bytes())
            if not (isinstance(head, tuple) and len(head) == 3 and head[0] == code):
                return cls(code)
            entries = {}
            for shard in head[2]:  # those holding any source
                found = pickle.loads((folder / f"{INDEX}.{shard}").read_bytes())
                if not (isinstance(found, tuple) and found[0] == code and isinstance(found[1], dict)):
                    return cls(code)
                entries.update(found[1])
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return cls(code)
        return cls(code, entries, head[1])

    def files(self) -> dict[str, bytes]:
        """The files to write again (by name in the cache's folder), as they are to be."""
        shards: dict[int, dict[str, Kept]] = {shard: {} for shard in self.dirty}
        for stem, value in self.entries.items():
            if (shard := _shard(stem)) in shards:
                shards[shard][stem] = value
        found = {f"{INDEX}.{shard}": pickle.dumps((self.code, value), pickle.HIGHEST_PROTOCOL)
                 for shard, value in sorted(shards.items())}
        if self.changed or self.dirty:
            held = tuple(sorted({_shard(stem) for stem in self.entries}))
            found[INDEX] = pickle.dumps((self.code, self._ledger, held), pickle.HIGHEST_PROTOCOL)
        return found

    def written(self) -> None:
        self.dirty.clear()
        self.changed = False

    def get(self, source: Path, key: str) -> Kept | None:
        found = self.entries.get(source.stem)
        return found if found is not None and found.key == key and found.source == source else None

    def put(self, value: Kept) -> None:
        self.entries[value.source.stem] = value
        self.dirty.add(_shard(value.source.stem))

    def published(self, stem: str, card: Any) -> None:
        """The card the source's transcript is published with this run."""
        found = self.entries.get(stem)
        if found is not None and found.card is not card and found.card != card:
            self.entries[stem] = replace(found, card=card)
            self.dirty.add(_shard(stem))

    def forget(self, stem: str) -> None:
        """Keep nothing of the source `stem`: the next run reads it (from the cache) and aligns it again."""
        if self.entries.pop(stem, None) is not None:
            self.dirty.add(_shard(stem))

    def keep_only(self, stems: set[str]) -> None:
        for stem in set(self.entries) - stems:
            del self.entries[stem]
            self.dirty.add(_shard(stem))


SHARDS = 32


def _shard(stem: str) -> int:
    return zlib.crc32(stem.encode("utf-8", "surrogatepass")) % SHARDS
