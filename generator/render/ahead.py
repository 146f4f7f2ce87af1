"""What each transcript renders to on its own (its page's body and JSON, its rows of the bulk
files), made ahead on every core where many transcripts are to be rendered: a first build,
or any build after the generator's code changed, renders every one of them, most of the
rendering's time, which the listings then only put together.

The workers are forked with the transcripts as linked (`render.site_files`), so nothing is
pickled to them; each sends back what `makers` make of its transcripts (the texts, packed
there: `packing`), which is put in the memo as if made here. The texts are those one
process makes: each depends on its transcript alone.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from typing import Any

from .. import cores
from ..model import Transcript

PARALLEL_FROM = 32  # transcripts to render: fewer are made in this process, as they are asked for
# Chunks of four transcripts a worker renders before another is forked in its place. A worker
# shares the parent's pages until it touches them (a reference counted is a page copied): one
# that rendered half of 10,000 transcripts had copied 1.4 GB of them, one renewed holds its last
# few hundred's.
RENEWED_AFTER = 64
Maker = Callable[[Transcript], Any]
_job: tuple[Sequence[Transcript], dict[str, Maker]] | None = None  # a worker's, set by its initializer


def made_ahead(transcripts: Sequence[Transcript], memo: Any, makers: dict[str, Maker]) -> Any:
    """`memo` (a `render.Memo`) holding, besides what it kept, what `makers` (kind → function
    of a transcript) make of each transcript it holds nothing of, made on every core. Where
    there are few, or no cores to share, `memo` as it is: they are made when asked for."""
    wanted = [i for i, t in enumerate(transcripts) if memo.unmade(t)]
    workers = cores.count()
    if len(wanted) < PARALLEL_FROM or workers < 2 or not cores.may_fork():
        return memo
    made: dict[tuple[int, str], Any] = {}
    with multiprocessing.get_context("fork").Pool(workers, initializer=_start, initargs=(transcripts, makers),
                                                  maxtasksperchild=RENEWED_AFTER) as pool:
        for i, values in zip(wanted, pool.imap(_make, wanted, chunksize=4)):  # in order: the memo is filled as in one process
            for kind, value in values.items():
                memo.put(transcripts[i], kind, value)
                made[id(transcripts[i]), kind] = value
    return Ahead(memo, made, transcripts)


class Ahead:
    """A memo with the renderings made ahead, by the identity of the transcript they were made
    of (the memo may keep nothing: `NoMemo`); the rest asked of the memo under it."""

    def __init__(self, memo: Any, made: dict[tuple[int, str], Any], transcripts: Sequence[Transcript]):
        self.memo, self.made = memo, made
        self.transcripts = transcripts  # alive while their ids key `made`

    def get(self, t: Transcript, kind: str) -> Any | None:
        value = self.made.get((id(t), kind))
        return value if value is not None else self.memo.get(t, kind)

    def put(self, t: Transcript, kind: str, value: Any) -> None:
        self.memo.put(t, kind, value)

    def shared(self, name: str) -> dict:
        return self.memo.shared(name)

    def version(self, t: Transcript) -> str | None:
        return self.memo.version(t)

    def unmade(self, t: Transcript) -> bool:
        return self.memo.unmade(t)

    def read_back(self, stem: str) -> Transcript | None:
        return self.memo.read_back(stem)

    def published(self, t: Transcript, card: Any) -> None:
        self.memo.published(t, card)


def _start(transcripts: Sequence[Transcript], makers: dict[str, Maker]) -> None:
    global _job
    cores.as_worker()
    _job = (transcripts, makers)  # forked: handed over, not copied through a pickle


def _make(i: int) -> dict[str, Any]:
    assert _job is not None, "a rendering worker starts with its transcripts"
    transcripts, makers = _job
    return {kind: make(transcripts[i]) for kind, make in makers.items()}
