""""Asked before?": for each exchange, up to three earlier exchanges of the archive on the
same subject, from any transcript and any year (`Transcript.related`).

An exchange stands for its keywords. Its words are those of its question, and of the
opening of its answers (`ANSWER_CHARACTERS`) at half weight, each weighed by how rare it
is in the language at large (`wordfreq`'s Zipf frequency: "moratorium" weighs 4.4,
"nato" 3.5, and a word as common as "think" or "president" nothing) and by how often the
exchange says it; the transcriber's marks ("(inaudible)", "[crosstalk]") are no words.
`weigh` does that as a transcript is read. Its keywords are then its `KEYWORDS` heaviest
words, each weighed by the archive too: by how many exchanges say it, rounded down to a
power of two (its IDF is the number of halvings from `ARCHIVE_COMMON` down to that count,
so a word said in more, as "Ukraine" would be in NATO's, is no keyword); as a normalised
sparse vector (scipy); two exchanges are as related as the cosine of their vectors.

An exchange is listed under another when it is earlier (a strictly earlier day: two events
of one day are not known to be in order), in the same language, not of the same transcript
or its other-language version, both questions have `MIN_KEYWORDS` keywords of their own,
the two share `SHARED` keywords, and the cosine is `THRESHOLD` or more: the three best, by
score and then by the order of the archive.

The score of two exchanges depends on the two alone (and on how often the archive says
their words, to the power of two, which changes seldom), not on a fit over the whole archive as
TF-IDF's would: one new transcript is compared with the others, and nothing else is
computed again. `link` keeps what it computed in the cache's shared store: each
transcript's vectors, under what they were made from, and each exchange's list. A run
makes the vectors of the transcripts that changed, the lists of their exchanges and of
those whose list named one of them, and compares the changed exchanges with the later ones
to slot them into their lists. The same input gives the same lists whatever was cached.
"""

from __future__ import annotations

import hashlib
import math
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from . import versions
from .model import Exchange, Related, Role, Transcript

KEYWORDS = 10  # the heaviest words of an exchange that stand for it
MIN_KEYWORDS = 6  # a question with fewer ("Okay. And on that?") neither gets nor gives a list
SHARED = 3  # keywords two exchanges must share: one name or one word in common is not a subject
THRESHOLD = 0.2  # the least cosine listed
SHOWN = 3
ANSWER_CHARACTERS = 800  # of the answers, their opening (some 130 words): where an answer says what it is about
ANSWER_WEIGHT = 0.5
COMMON = 5.5  # Zipf frequency from which a word says nothing of a subject: "think" 6.1, "president" 5.5
RAREST = 7.5  # a word weighs RAREST minus its Zipf frequency: a word the language's list lacks weighs 7.5
ARCHIVE_COMMON = 2**9  # exchanges: a word said in more is no keyword (and the work stays bounded)
FEATURES = 2**20  # words are hashed (crc32) into this many dimensions
CHUNK = 512  # exchanges compared with the archive at once: bounds the memory of a run

_MARK = re.compile(r"[\[(][^\])\n]{0,40}[\])]")  # "(inaudible)", "[crosstalk]", "(Laughs.)"
_WORD = re.compile(r"[^\W\d_][\w'-]+[^\W\d_]")  # of three letters or more
OPENING_WORDS = 40  # of the answer, the most a listing shows (`Related.opening` keeps one word more)
_FIRST_WORDS = re.compile(r"\s*(?:\S+\s+){%d}\S+" % OPENING_WORDS)
_REPEATED = [0.0, *(1 + math.log(n) for n in range(1, 100))]


@dataclass(frozen=True)
class Words:
    """A transcript's weighed words, hashed, as compact arrays (a row per exchange, in the
    CSR layout): what `link` needs of its text."""

    asked: tuple[Any, Any, Any]  # the questions' (row starts, features, weights)
    answered: tuple[Any, Any, Any]  # the answers' openings'
    digest: bytes  # of both
    said: Any  # each exchange's words (features) once, all exchanges one after the other


def _said(asked: tuple[Any, Any, Any], answered: tuple[Any, Any, Any]) -> Any:
    import numpy

    rows = numpy.concatenate([numpy.repeat(numpy.arange(len(starts) - 1), numpy.diff(starts)) for starts, _, _ in (asked, answered)])
    features = numpy.concatenate([asked[1], answered[1]]).astype(numpy.int64)
    return (numpy.unique(rows * FEATURES + features) % FEATURES).astype(numpy.int32)


def weigh(t: Transcript) -> Words:
    """The weighed words of each exchange of `t`: its question's, its answers' opening's."""
    import numpy

    language = versions.language(t)
    names = _names(t)
    parts = []
    for texts in ([e.question.text for e in t.exchanges], [_opening(e) for e in t.exchanges]):
        starts, features, weights = [0], [], []
        for text in texts:
            row: dict[int, float] = {}
            for word, weight in words(names.sub(" ", text) if names else text, language):
                feature = zlib.crc32(word.encode("utf-8", "surrogatepass")) & (FEATURES - 1)
                row[feature] = row.get(feature, 0.0) + weight
            for feature in sorted(row):
                features.append(feature)
                weights.append(row[feature])
            starts.append(len(features))
        parts.append((numpy.array(starts, dtype=numpy.int64), numpy.array(features, dtype=numpy.int32),
                      numpy.array(weights, dtype=numpy.float64)))
    digest = hashlib.blake2b(b"".join(a.tobytes() for part in parts for a in part), digest_size=16).digest()
    return Words(parts[0], parts[1], digest, _said(parts[0], parts[1]))


def _names(t: Transcript) -> re.Pattern | None:
    """The names of the people who speak in the transcript, as the text writes them
    (capitalised): "Thanks, Karine" or "Ned, on Iran" says nothing of a subject."""
    parts = {part for turn in t.turns if turn.speaker.person
             for part in re.split(r"[\s.,]+", turn.speaker.person.name) if len(part) > 2 and part[0].isupper()}
    return re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(parts))) + r")\b") if parts else None


def words(text: str, language: str = versions.SITE_LANGUAGE) -> list[tuple[str, float]]:
    """The text's words that say something of its subject, in order, each with its weight:
    its rarity in the language times (1 + the log of how often the text says it)."""
    weights = _weights(language)
    counts = Counter(_WORD.findall(_MARK.sub(" ", text).casefold().replace("’", "'")))
    for word in counts:
        if word not in weights:
            weights[word] = _rarity(word, language)
    return [(word, weights[word] * _REPEATED[min(count, 99)]) for word, count in sorted(counts.items()) if weights[word]]


@lru_cache(maxsize=None)
def _weights(language: str) -> dict[str, float]:
    """What each word weighs in `language`, filled in as words are met."""
    return {}


@lru_cache(maxsize=None)
def _frequencies(language: str) -> dict[str, float]:
    from wordfreq import available_languages, get_frequency_dict

    base = language.partition("-")[0].lower()
    return get_frequency_dict(base) if base in available_languages() else {}


def _rarity(word: str, language: str) -> float:
    frequency = _frequencies(language).get(word)
    zipf = math.log10(frequency) + 9 if frequency else 0.0
    return 0.0 if zipf >= COMMON else RAREST - zipf


def _opening(e: Exchange) -> str:
    """The first `ANSWER_CHARACTERS` of the exchange's answers."""
    taken, size = [], 0
    for turn in e.replies:
        if turn.speaker.role is Role.PRINCIPAL:
            for paragraph in turn.paragraphs:
                taken.append(paragraph[:ANSWER_CHARACTERS - size])
                size += len(taken[-1]) + 1
                if size >= ANSWER_CHARACTERS:
                    return "\n".join(taken)
    return "\n".join(taken)


Order = tuple[int, str, int]  # an exchange's place in the archive: day, transcript id, index in it
Best = tuple[tuple[float, Order], ...]  # an exchange's list: (score, the earlier one's place)


@dataclass(frozen=True)
class _Item:
    """An exchange as `link` compares it: where it stands and what it may be listed under."""

    transcript: str
    index: int  # in its transcript, from 0
    day: int  # its transcript's date, as an ordinal
    language: str
    other: str | None  # the id of its transcript's other-language version

    @property
    def order(self) -> Order:
        return self.day, self.transcript, self.index


def link(transcripts: tuple[Transcript, ...], store: dict | None = None) -> tuple[Transcript, ...]:
    """Each transcript with its exchanges' earlier related ones (`Transcript.related`).
    `store` holds what the last run computed (it is updated in place); {} or None:
    everything is computed."""
    store = {} if store is None else store
    items, rows, changed = _vectors(transcripts, store)
    lists = _lists(items, rows, changed, store)
    by_id = {t.id: t for t in transcripts}
    linked = []
    for t in transcripts:
        found = tuple(tuple(_related(by_id[order[1]], order[2], score) for score, order in lists[(t.id, i)])
                      for i in range(len(t.exchanges)))
        linked.append(replace(t, related=found) if any(found) else t)
    return tuple(linked)


def _related(t: Transcript, index: int, score: float) -> Related:
    e = t.exchanges[index]
    answers = e.answers
    opening = (answers[0] if answers else e.question).text
    cut = _FIRST_WORDS.match(opening)  # a listing shows at most OPENING_WORDS: the rest need not be kept
    return Related(t.id, t.url, e.anchor, t.meta.title, t.meta.date, e.question.speaker,
                   answers[0].speaker.person if answers else None, cut.group(0) if cut else opening, score)


def _vectors(transcripts: tuple[Transcript, ...], store: dict) -> tuple[list[_Item], Any, set[str]]:
    """Every exchange in the order of the archive, its vector (a row of a sparse matrix),
    and the ids of the transcripts that are new or changed since the store's run."""
    import numpy
    from scipy.sparse import csr_matrix, vstack

    weighed = {t.id: t.words if t.words is not None else weigh(t) for t in transcripts}
    features = {tid: w.said for tid, w in weighed.items()}
    counts = numpy.bincount(numpy.concatenate([*features.values(), numpy.zeros(0, dtype=numpy.int32)]),
                            minlength=FEATURES)
    # How many exchanges of the archive say each word, to the power of two below: the word's
    # weight in the archive (its IDF) is the number of halvings from ARCHIVE_COMMON down to it.
    # (Only leaving out the words said in more than ARCHIVE_COMMON, with no other weight, was
    # tried: four times the lists, and 19 of 50 checked by hand on the same subject, not 31.)
    spread = numpy.floor(numpy.log2(numpy.maximum(counts, 1))).astype(numpy.int8)
    common = numpy.maximum(0, math.log2(ARCHIVE_COMMON) - spread).astype(numpy.float64)
    kept, vectors, changed = store.get("vectors", {}), {}, set()
    for t in transcripts:
        w, other = weighed[t.id], t.version.id if t.version else ""
        said = features[t.id]
        key = (w.digest, spread[said].tobytes(), t.meta.date, versions.language(t), other)
        if t.id in kept and kept[t.id][0] == key:
            vectors[t.id] = kept[t.id]
        else:  # new, changed, or one of its words has become common in the archive (or ceased to be)
            vectors[t.id] = (key, _keywords(w, common))
            changed.add(t.id)
    changed |= set(kept) - set(vectors)  # gone: the lists that named them are made again
    store["vectors"] = vectors
    ordered = sorted(transcripts, key=lambda t: t.order)
    items = [_Item(t.id, i, t.meta.date.toordinal(), versions.language(t), t.version.id if t.version else None)
             for t in ordered for i in range(len(t.exchanges))]
    blocks = [vectors[t.id][1] for t in ordered if t.exchanges]
    rows = vstack(blocks, format="csr") if blocks else csr_matrix((0, FEATURES))
    rows.sort_indices()
    return items, rows, changed


def _keywords(w: Words, common: Any) -> Any:
    """A row per exchange: its `KEYWORDS` heaviest words that are not common in the
    archive, normalised; empty where its question has fewer than `MIN_KEYWORDS` of them."""
    import numpy
    from scipy.sparse import csr_matrix

    asked, answered = (csr_matrix((data, features, starts), shape=(len(starts) - 1, FEATURES))
                       for starts, features, data in (w.asked, w.answered))
    weighed = (asked + answered * ANSWER_WEIGHT).tocsr()
    weighed.sort_indices()
    starts, indices, data = [0], [], []
    for n in range(weighed.shape[0]):
        own = asked.indices[asked.indptr[n]:asked.indptr[n + 1]]
        if numpy.count_nonzero(common[own]) >= MIN_KEYWORDS:
            features = weighed.indices[weighed.indptr[n]:weighed.indptr[n + 1]]
            weights = weighed.data[weighed.indptr[n]:weighed.indptr[n + 1]] * common[features]
            rare = weights > 0
            features, weights = features[rare], weights[rare]
            chosen = numpy.sort(numpy.lexsort((features, -weights))[:KEYWORDS])
            indices.extend(features[chosen].tolist())
            data.extend((weights[chosen] / numpy.sqrt(numpy.sum(weights[chosen] ** 2))).tolist())
        starts.append(len(indices))
    return csr_matrix((numpy.array(data, dtype=numpy.float64), numpy.array(indices, dtype=numpy.int32),
                       numpy.array(starts, dtype=numpy.int64)), shape=(weighed.shape[0], FEATURES))


def _lists(items: list[_Item], rows: Any, changed: set[str], store: dict) -> dict[tuple[str, int], Best]:
    """Each exchange's list, by (transcript id, index): those the changes may touch
    computed again, the others kept, with the changed exchanges slotted in."""
    import numpy

    kept: dict[tuple[str, int], Best] = store.get("lists", {})
    whose = {item.order: item.transcript for item in items}
    moved = changed | {None}  # a transcript changed or gone, or an exchange no longer where it was

    def affected(item: _Item) -> bool:
        best = kept.get((item.transcript, item.index))
        return best is None or item.transcript in changed or any(whose.get(o) in moved for _, o in best)

    again = [n for n, item in enumerate(items) if affected(item)]
    lists = {(item.transcript, item.index): kept.get((item.transcript, item.index), ()) for item in items}
    fresh = [n for n, item in enumerate(items) if item.transcript in changed]
    store["lists"] = lists
    if not again and not fresh:  # nothing changed: the kept lists are the lists
        return lists
    archive = _Archive(items, rows)
    for n in again:
        lists[(items[n].transcript, items[n].index)] = ()
    for n, best in archive.best(*archive.pairs(again)):
        lists[(items[n].transcript, items[n].index)] = best
    if fresh:
        earlier, later, score = archive.pairs(fresh, later=True)
        open_ = ~numpy.isin(later, numpy.array(again, dtype=numpy.int64))  # those computed again have them
        for n, candidates in archive.best(later[open_], earlier[open_], score[open_]):
            key = (items[n].transcript, items[n].index)
            lists[key] = tuple(sorted({*lists[key], *candidates}, key=lambda x: (-x[0], x[1]))[:SHOWN])
    return lists


class _Archive:
    """The exchanges in the archive's order, their vectors (`rows`), and, as arrays to
    compare many at once, what decides whether one may be listed under another."""

    def __init__(self, items: list[_Item], rows: Any):
        import numpy

        self.items, self.rows = items, rows
        self.marks = rows.copy()
        self.marks.data[:] = 1.0  # the keywords alone: their products count those two exchanges share
        codes: dict[str, int] = {}
        self.day = numpy.array([item.day for item in items], dtype=numpy.int64)
        self.language = numpy.array([codes.setdefault("=" + item.language, len(codes)) for item in items],
                                    dtype=numpy.int64)
        self.transcript = numpy.array([codes.setdefault(item.transcript, len(codes)) for item in items],
                                      dtype=numpy.int64)
        self.other = numpy.array([codes.setdefault(item.other, len(codes)) if item.other else -1 for item in items],
                                 dtype=numpy.int64)

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
            last = len(self.items) if later else int(part.max())
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

    def best(self, group: Any, other: Any, score: Any) -> Iterator[tuple[int, Best]]:
        """For each exchange of `group`, the `SHOWN` best `other`s by score, then by order."""
        import numpy

        group, other, score = _at_most(group, other, score)
        starts = numpy.flatnonzero(numpy.r_[True, group[1:] != group[:-1]]).tolist() if len(group) else []
        for begin, end in zip(starts, [*starts[1:], len(group)]):
            yield int(group[begin]), tuple((s, self.items[o].order)
                                           for s, o in zip(score[begin:end].tolist(), other[begin:end].tolist()))


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
