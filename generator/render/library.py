"""The archive's transcripts as published, for the files a run makes (`Catalog.library`):
those read this run as the ledger gave them their ids; the others read back from the cache
(`Memo.read_back`) with what their cards say the ledger gave them. Either way with their
other language's version and their "Asked before?" lists, as this run links them.

A run that read one transcript of 10,000 again reads back only the transcripts whose files
it makes again: the pages and feeds that list the changed one, and those the links touch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from .. import related
from ..model import Exchange, Transcript, Version
from .cards import Card


class MissingReading(Exception):
    """A card's reading is no longer in the cache: the run reads every transcript instead."""


class Library:
    """Each transcript of the archive, as published, by id: `shallow` with the ledger's ids
    only (what an entry of another's "Asked before?" shows of it), `full` with its links."""

    def __init__(self, read: dict[str, Transcript], cards: dict[str, Card], memo: Any,
                 others: dict[str, Version | None], lists: Callable[[str], list[list[tuple[float, str, int]]]]):
        self._shallow = dict(read)
        self._full: dict[str, Transcript] = {}
        self.cards, self.memo, self.others, self.lists = cards, memo, others, lists

    def __call__(self, card: Card) -> Transcript:
        return self.full(card.id)

    def shallow(self, id_: str) -> Transcript:
        found = self._shallow.get(id_)
        if found is None:
            found = self._shallow[id_] = self._read_back(self.cards[id_])
        return found

    def full(self, id_: str) -> Transcript:
        found = self._full.get(id_)
        if found is None:
            t = self.shallow(id_)
            if (version := self.others.get(id_)) is not None:
                t = replace(t, version=version)
            found = self._full[id_] = related.with_related(t, self.lists(id_), self.shallow)
        return found

    def _read_back(self, card: Card) -> Transcript:
        """A kept transcript's reading, given the id, URL and anchors its card was published with."""
        t = self.memo.read_back(card.stem)
        if t is None or len(t.exchanges) != card.questions:
            raise MissingReading(card.stem)
        exchanges = tuple(map(Exchange.with_ids, t.exchanges, card.ids()))
        return replace(t, id=card.id, published_url=card.url, exchanges=exchanges, removed=card.removed)
