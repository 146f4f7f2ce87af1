""""Asked before?" kept between runs as arrays (`related.link`): a run computes only what
the transcripts that changed touch, and loads nothing of the others.

The store holds, in the archive's order, each transcript's id, exchange count and what its
vector was made from; every exchange's keyword vector (one sparse matrix); the words each
exchange says (to count how many exchanges of the archive say each word, and to find the
transcripts whose keywords a changed count moves); and each exchange's list, as arrays of
(score, transcript, exchange). A run with new or changed transcripts:

1. takes their words out of the counts and adds the new ones; a word whose count crosses a
   power of two weighs otherwise (`related.ARCHIVE_COMMON`): the transcripts saying it get
   their vectors again (their words read back from their readings, `words_of`);
2. computes again the lists of the changed transcripts' exchanges and of those whose list
   named one of them, against every earlier exchange;
3. slots the changed exchanges into the lists of the later ones.

The lists are those a run from nothing gives (`tests/test_related.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy

FEATURES = 2**20  # words are hashed (crc32) into this many dimensions (`related.weigh`)
SHOWN = 3  # exchanges listed under one, at most
SHARED = 3  # keywords two exchanges must share: one name or one word in common is not a subject
THRESHOLD = 0.2  # the least cosine listed
CHUNK = 512  # exchanges compared with the archive at once: bounds the memory of a run


@dataclass(frozen=True)
class Item:
    """A transcript as the lists see it; `words` its weighed words (`related.Words`), where
    its reading is at hand (None: as the store has them)."""

    id: str
    day: int  # its date, as an ordinal
    language: str
    other: str  # the id of its other-language version, or ""
    size: int  # exchanges
    words: Any = None

    @property
    def key(self) -> tuple:
        return (self.day, self.language, self.other)


@dataclass
class State:
    """The arrays kept, in the archive's order (see the module's docstring)."""

    ids: list[str]
    sizes: Any  # int64 per transcript
    made: list[tuple]  # per transcript: its words' digest and `Item.key`
    said: Any  # int32: each exchange's words, once each, transcript after transcript
    said_starts: Any  # int64 per transcript, and the end
    counts: Any  # int32 per feature: how many exchanges say it
    rows: Any  # csr_matrix: each exchange's keyword vector
    score: Any  # float64 (exchanges, SHOWN): each exchange's list, best first
    ref_t: Any  # int64 (exchanges, SHOWN): the listed exchange's transcript (index into `ids`); -1: none
    ref_i: Any  # int64 (exchanges, SHOWN): its index in that transcript

    @classmethod
    def empty(cls) -> State:
        from scipy.sparse import csr_matrix

        none = numpy.zeros(0, dtype=numpy.int64)
        return cls([], none, [], numpy.zeros(0, dtype=numpy.int32), numpy.zeros(1, dtype=numpy.int64),
                   numpy.zeros(FEATURES, dtype=numpy.int32), csr_matrix((0, FEATURES)),
                   numpy.zeros((0, SHOWN)), numpy.zeros((0, SHOWN), dtype=numpy.int64), numpy.zeros((0, SHOWN), dtype=numpy.int64))

    def starts(self) -> Any:
        """Each transcript's first exchange, and the end."""
        return numpy.concatenate([[0], numpy.cumsum(self.sizes)]).astype(numpy.int64)

    def lists_of(self) -> Callable[[str], list[list[tuple[float, str, int]]]]:
        """A transcript's exchanges' lists, by its id: (score, the listed exchange's
        transcript's id, its index there), best first."""
        position = {id_: n for n, id_ in enumerate(self.ids)}
        starts = self.starts()

        def of(id_: str) -> list[list[tuple[float, str, int]]]:
            at = position[id_]
            return [[(float(s), self.ids[t], int(i)) for s, t, i in zip(self.score[row].tolist(), self.ref_t[row].tolist(),
                                                                         self.ref_i[row].tolist()) if t >= 0]
                    for row in range(int(starts[at]), int(starts[at + 1]))]
        return of


def load(store: dict) -> State:
    found = store.get("state")
    return found if isinstance(found, State) else State.empty()


Words = Callable[[str], Any]  # a transcript's weighed words, by id, read back from its reading
Keywords = Callable[[Any, Any], Any]  # (words, each feature's archive weight) -> its exchanges' vectors


def update(old: State, items: Sequence[Item], words_of: Words, keywords: Keywords, common: Callable[[Any], Any]
           ) -> tuple[State, set[str], Any]:
    """The state of the archive of `items` (in the archive's order) from `old`, its lists
    carried over but not yet computed again; the ids of the transcripts whose vectors were
    made again (changed, or moved by a word's count); and which exchanges had no list or
    lost a listed exchange (a boolean per exchange)."""
    position = {id_: n for n, id_ in enumerate(old.ids)}
    new_words = {item.id: item.words for item in items
                 if item.words is not None and (item.id not in position or old.made[position[item.id]][0] != item.words.digest)}
    counts, moved = _counted(old, items, position, new_words)
    again = set(new_words) | {item.id for item in items if item.id in position and old.made[position[item.id]][1:] != item.key}
    again |= _saying(old, moved) & {item.id for item in items}
    weights = common(counts)
    vectors = {}
    for item in items:
        if item.id in again or item.id not in position:
            words = new_words.get(item.id) or item.words or words_of(item.id)
            vectors[item.id] = (words, keywords(words, weights))
    state, unlisted = _arranged(old, items, position, counts, vectors)
    return state, set(vectors) | (set(old.ids) - {item.id for item in items}), unlisted


def _counted(old: State, items: Sequence[Item], position: dict[str, int], new_words: dict[str, Any]) -> tuple[Any, Any]:
    """The counts with the changed transcripts' words taken out and their new ones added,
    and the features whose weight in the archive that moves."""
    present = {item.id for item in items}
    out = [old.said[old.said_starts[n]:old.said_starts[n + 1]] for id_, n in position.items()
           if id_ not in present or id_ in new_words]
    added = [w.said for w in new_words.values()]
    counts = old.counts.copy()
    taken = numpy.concatenate([*out, numpy.zeros(0, dtype=numpy.int32)])
    given = numpy.concatenate([*added, numpy.zeros(0, dtype=numpy.int32)])
    counts -= numpy.bincount(taken, minlength=FEATURES).astype(numpy.int32)
    counts += numpy.bincount(given, minlength=FEATURES).astype(numpy.int32)
    features = numpy.unique(numpy.concatenate([taken, given]))
    moved = features[_spread(old.counts[features]) != _spread(counts[features])]
    return counts, moved


def _spread(counts: Any) -> Any:
    return numpy.floor(numpy.log2(numpy.maximum(counts, 1))).astype(numpy.int8)


def _saying(old: State, features: Any) -> set[str]:
    """The transcripts of `old` that say any of `features`."""
    if not len(features) or not len(old.said):
        return set()
    hits = numpy.flatnonzero(numpy.isin(old.said, features))
    owners = numpy.unique(numpy.searchsorted(old.said_starts, hits, side="right") - 1)
    return {old.ids[n] for n in owners.tolist()}


def _arranged(old: State, items: Sequence[Item], position: dict[str, int], counts: Any,
              vectors: dict[str, tuple[Any, Any]]) -> tuple[State, Any]:
    """The arrays in the order of `items`: each transcript's taken from `old` where kept, or
    made from its new vectors; the lists not computed yet (each mapped from `old`)."""
    from scipy.sparse import csr_matrix, vstack

    starts = old.starts()
    blocks, said, made, remap = [], [], [], numpy.full(len(old.ids) + 1, -1, dtype=numpy.int64)
    for n, item in enumerate(items):
        if item.id in vectors:
            words, vector = vectors[item.id]
            blocks.append(("new", vector))
            said.append(words.said)
            made.append((words.digest, *item.key))
        else:
            at = position[item.id]
            blocks.append(("old", (int(starts[at]), int(starts[at + 1]))))
            said.append(old.said[old.said_starts[at]:old.said_starts[at + 1]])
            made.append(old.made[at])
            remap[at] = n
    rows = vstack(_runs(old.rows, blocks) or [csr_matrix((0, FEATURES))], format="csr")
    rows.sort_indices()
    sizes = numpy.array([item.size for item in items], dtype=numpy.int64)
    state = State([item.id for item in items], sizes, made, numpy.concatenate([*said, numpy.zeros(0, dtype=numpy.int32)]),
                  numpy.concatenate([[0], numpy.cumsum([len(s) for s in said])]).astype(numpy.int64), counts, rows,
                  numpy.zeros((int(sizes.sum()), SHOWN)), numpy.full((int(sizes.sum()), SHOWN), -1, dtype=numpy.int64),
                  numpy.full((int(sizes.sum()), SHOWN), -1, dtype=numpy.int64))
    return state, _carry_lists(old, state, items, position, remap)


def _runs(rows: Any, blocks: list[tuple[str, Any]]) -> list[Any]:
    """The blocks of rows, consecutive kept ones taken from `rows` as one slice."""
    found, pending = [], None
    for kind, value in blocks:
        if kind == "old" and pending is not None and pending[1] == value[0]:
            pending = (pending[0], value[1])
            continue
        if pending is not None:
            found.append(rows[pending[0]:pending[1]])
            pending = None
        if kind == "old":
            pending = value
        else:
            found.append(value)
    if pending is not None:
        found.append(rows[pending[0]:pending[1]])
    return found


def _carry_lists(old: State, state: State, items: Sequence[Item], position: dict[str, int], remap: Any) -> Any:
    """Each kept exchange's list from `old`, its references mapped to the new order; which
    exchanges have none to carry, or lost a listed exchange (its transcript gone, or that
    exchange no longer there): those lists are to be computed again."""
    kept = [(n, position[item.id]) for n, item in enumerate(items) if item.id in position]
    unlisted = numpy.ones(len(state.score), dtype=bool)
    if kept:
        new, at = (numpy.array(column, dtype=numpy.int64) for column in zip(*kept))
        sizes = numpy.minimum(state.sizes[new], old.sizes[at])
        new_rows, old_rows = _rows(state.starts()[new], sizes), _rows(old.starts()[at], sizes)
        state.score[new_rows] = old.score[old_rows]
        state.ref_t[new_rows] = old.ref_t[old_rows]  # the old order's, mapped below
        state.ref_i[new_rows] = old.ref_i[old_rows]
        unlisted[new_rows] = False
    had = state.ref_t >= 0
    mapped = numpy.where(had, remap[state.ref_t], -1)  # remap[-1] is -1
    sizes = numpy.append(state.sizes, 0)
    kept_refs = (mapped >= 0) & (state.ref_i < sizes[mapped])
    state.ref_t[:] = numpy.where(kept_refs, mapped, -1)
    state.ref_i[:] = numpy.where(kept_refs, state.ref_i, -1)
    state.score[:] = numpy.where(kept_refs, state.score, 0.0)
    return unlisted | (had & ~kept_refs).any(axis=1)


def _rows(starts: Any, sizes: Any) -> Any:
    """The rows `starts[k]` to `starts[k] + sizes[k]`, for each k, one after the other."""
    total = int(sizes.sum())
    if not total:
        return numpy.zeros(0, dtype=numpy.int64)
    before = numpy.cumsum(sizes) - sizes
    return numpy.repeat(starts - before, sizes) + numpy.arange(total, dtype=numpy.int64)


def owners(state: State, items: list[Item], rows: Any) -> set[str]:
    """The ids of the transcripts the exchanges at `rows` are of."""
    import numpy

    owners = numpy.unique(numpy.searchsorted(state.starts(), rows, side="right") - 1)
    return {items[n].id for n in owners.tolist()}


def relist(state: State, items: list[Item], changed: set[str], unlisted: Any) -> set[str]:
    """The lists the changes may touch computed again, in `state`: those of the changed
    transcripts' exchanges, of those whose list named one of them or lost an entry, and of
    those with none yet; then the changed exchanges slotted into the later ones' lists.
    Returns the ids of the transcripts whose lists were computed or slotted into."""
    import numpy

    codes = numpy.array([n for n, found in enumerate(items) if found.id in changed], dtype=numpy.int64)
    whose = numpy.repeat(numpy.arange(len(items), dtype=numpy.int64), state.sizes)
    in_changed = numpy.isin(whose, codes)
    again = numpy.flatnonzero(unlisted | in_changed | numpy.isin(state.ref_t, codes).any(axis=1))
    if not len(again):
        return set()
    starts = state.starts()
    archive = _Archive(items, whose, state.rows)
    state.score[again], state.ref_t[again], state.ref_i[again] = 0.0, -1, -1
    for row, best in archive.best(*archive.pairs(again.tolist())):
        _set(state, row, best, whose, starts)
    slotted = []
    fresh = numpy.flatnonzero(in_changed)
    if len(fresh):
        earlier, later, score = archive.pairs(fresh.tolist(), later=True)
        open_ = ~numpy.isin(later, again)  # those computed again have them
        for row, candidates in archive.best(later[open_], earlier[open_], score[open_]):
            listed = [(float(s), int(starts[t] + i)) for s, t, i in zip(state.score[row], state.ref_t[row], state.ref_i[row])
                      if t >= 0]
            _set(state, row, sorted({*listed, *candidates}, key=lambda x: (-x[0], x[1]))[:SHOWN], whose, starts)
            slotted.append(row)
    return owners(state, items, numpy.concatenate([again, numpy.array(slotted, dtype=numpy.int64)]))


def _set(state: State, row: int, best: list[tuple[float, int]], whose: Any, starts: Any) -> None:
    """Row `row`'s list: each (score, position in the archive) as (score, transcript, index)."""
    for k, (score, position) in enumerate(best):
        transcript = int(whose[position])
        state.score[row, k], state.ref_t[row, k], state.ref_i[row, k] = score, transcript, position - int(starts[transcript])


class _Archive:
    """The exchanges in the archive's order, their vectors (`rows`), and, as arrays to
    compare many at once, what decides whether one may be listed under another."""

    def __init__(self, items: list[Item], whose: Any, rows: Any):
        import numpy

        self.rows = rows
        self.marks = rows.copy()
        self.marks.data[:] = 1.0  # the keywords alone: their products count those two exchanges share
        position = {found.id: n for n, found in enumerate(items)}
        languages: dict[str, int] = {}
        language = numpy.array([languages.setdefault(found.language, len(languages)) for found in items], dtype=numpy.int64)
        other = numpy.array([position.get(found.other, -1) if found.other else -1 for found in items], dtype=numpy.int64)
        day = numpy.array([found.day for found in items], dtype=numpy.int64)
        self.count = len(whose)
        self.day, self.language, self.transcript, self.other = day[whose], language[whose], whose, other[whose]

    def pairs(self, chosen: list[int], later: bool = False) -> tuple[Any, Any, Any]:
        """(row, column, cosine) of the pairs that may be listed, as three arrays of
        positions in `items` and scores: each chosen exchange with those before it (with
        those after it, `later`), at most `SHOWN` for each exchange listed under another.
        Chunk by chunk: the pairs that share `SHARED` keywords, then their cosines."""
        import numpy

        found = [numpy.zeros(0, dtype=numpy.int64), numpy.zeros(0, dtype=numpy.int64), numpy.zeros(0)]
        for start in range(0, len(chosen), CHUNK):
            part = numpy.array(chosen[start:start + CHUNK], dtype=numpy.int64)
            first = int(part.min()) if later else 0
            last = self.count if later else int(part.max())
            shared = (self.marks[part] @ self.marks[first:last].T).tocoo()
            keep = shared.data >= SHARED
            row, column = part[shared.row[keep]], shared.col[keep].astype(numpy.int64) + first
            after, before = (column, row) if later else (row, column)
            ok = ((self.day[before] < self.day[after]) & (self.language[before] == self.language[after])
                  & (self.transcript[before] != self.transcript[after]) & (self.transcript[before] != self.other[after]))
            row, column = row[ok], column[ok]
            score = numpy.round(numpy.asarray(self.rows[row].multiply(self.rows[column]).sum(axis=1)).ravel(), 6)
            close = score >= THRESHOLD
            group, other = (column, row) if later else (row, column)
            group, other, score = _at_most(group[close], other[close], score[close])
            row, column = (other, group) if later else (group, other)
            for k, values in enumerate((row, column, score)):
                found[k] = numpy.concatenate([found[k], values])
        return found[0], found[1], found[2]

    def best(self, group: Any, other: Any, score: Any) -> Iterator[tuple[int, list[tuple[float, int]]]]:
        """For each exchange of `group`, the `SHOWN` best `other`s by score, then by order:
        (score, position in the archive)."""
        import numpy

        group, other, score = _at_most(group, other, score)
        starts = numpy.flatnonzero(numpy.r_[True, group[1:] != group[:-1]]).tolist() if len(group) else []
        for begin, end in zip(starts, [*starts[1:], len(group)]):
            yield int(group[begin]), list(zip(score[begin:end].tolist(), other[begin:end].tolist()))


def _at_most(group: Any, other: Any, score: Any) -> tuple[Any, Any, Any]:
    """The `SHOWN` best `other`s of each `group` (by score, then by the archive's order),
    ordered by group."""
    import numpy

    order = numpy.lexsort((other, -score, group))
    group, other, score = group[order], other[order], score[order]
    starts = numpy.r_[True, group[1:] != group[:-1]] if len(group) else numpy.zeros(0, dtype=bool)
    rank = numpy.arange(len(group)) - numpy.maximum.accumulate(numpy.where(starts, numpy.arange(len(group)), 0))
    kept = rank < SHOWN
    return group[kept], other[kept], score[kept]
