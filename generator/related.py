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
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from . import related_store, versions
from .related_store import CHUNK, FEATURES, SHARED, SHOWN, THRESHOLD  # noqa: F401 (the lists' settings, named here)
from .model import Exchange, Related, Role, Transcript

KEYWORDS = 10  # the heaviest words of an exchange that stand for it
MIN_KEYWORDS = 6  # a question with fewer ("Okay. And on that?") neither gets nor gives a list
ANSWER_CHARACTERS = 800  # of the answers, their opening (some 130 words): where an answer says what it is about
ANSWER_WEIGHT = 0.5
COMMON = 5.5  # Zipf frequency from which a word says nothing of a subject: "think" 6.1, "president" 5.5
RAREST = 7.5  # a word weighs RAREST minus its Zipf frequency: a word the language's list lacks weighs 7.5
ARCHIVE_COMMON = 2**9  # exchanges: a word said in more is no keyword (and the work stays bounded)

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
            _MET.append((language, word, weights[word]))
    return [(word, weights[word] * _REPEATED[min(count, 99)]) for word, count in sorted(counts.items()) if weights[word]]


_WEIGHTS: dict[str, dict[str, float]] = {}  # language -> what each word met weighs in it
_MET: list[tuple[str, str, float]] = []  # the words weighed since `newly_weighed` was last asked


def newly_weighed() -> list[tuple[str, str, float]]:
    """The words weighed since the last call (language, word, weight): what a reading worker
    hands back, so that the words it met are remembered."""
    found = _MET[:]
    _MET.clear()
    return found


def weighed(found: list[tuple[str, str, float]]) -> None:
    """Words a worker weighed (`newly_weighed`), remembered here."""
    for language, word, weight in found:
        _weights(language)[word] = weight


def _weights(language: str) -> dict[str, float]:
    """What each word weighs in `language`, filled in as words are met."""
    return _WEIGHTS.setdefault(language, {})


def remembered_weights(store: dict) -> None:
    """What each word met weighs, as `kept_weights` left it in `store` (a cache's): a run
    whose transcripts say no word the archive has not said does not load wordfreq's table
    (a quarter of a second). Under wordfreq's version: another may weigh otherwise."""
    found = store.get("weights")
    if isinstance(found, tuple) and found[0] == _wordfreq_version():
        for language, weights in found[1].items():
            _weights(language).update(weights)


def kept_weights(store: dict) -> None:
    """Keep in `store` what each word met so far weighs (`remembered_weights`)."""
    _MET.clear()  # the words this process weighed are in `_WEIGHTS`: no worker hands them on
    if sum(map(len, _WEIGHTS.values())) != store.get("count"):
        store["weights"] = (_wordfreq_version(), {language: dict(weights) for language, weights in _WEIGHTS.items()})
        store["count"] = sum(map(len, _WEIGHTS.values()))


@lru_cache(maxsize=None)
def _wordfreq_version() -> str:
    from importlib.metadata import version

    return version("wordfreq")


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


def _related(t: Transcript, index: int, score: float) -> Related:
    e = t.exchanges[index]
    answers = e.answers
    opening = (answers[0] if answers else e.question).text
    cut = _FIRST_WORDS.match(opening)  # a listing shows at most OPENING_WORDS: the rest need not be kept
    return Related(t.id, t.url, e.anchor, t.meta.title, t.meta.date, e.question.speaker,
                   answers[0].speaker.person if answers else None, cut.group(0) if cut else opening, score)


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


def link(transcripts: tuple[Transcript, ...], store: dict | None = None) -> tuple[Transcript, ...]:
    """Each transcript with its exchanges' earlier related ones (`Transcript.related`).
    `store` holds what the last run computed (it is updated in place); {} or None:
    everything is computed."""
    by_id = {t.id: t for t in transcripts}
    ordered = sorted(transcripts, key=lambda t: t.order)
    items = [item(t, t.version.id if t.version else "", t.words if t.words is not None else weigh(t)) for t in ordered]
    lists, _ = refresh({} if store is None else store, items, lambda id_: by_id[id_].words)
    return tuple(with_related(t, lists(t.id), by_id.__getitem__) for t in transcripts)


def item(t: Any, other: str, words: Words | None = None) -> related_store.Item:
    """A transcript (or a card of one) as the lists see it, `other` the id of its other
    language's version ("": none); `words` where its reading is at hand."""
    return related_store.Item(t.id, t.meta.date.toordinal(), versions.language(t), other, versions.questions(t), words)


def with_related(t: Transcript, lists: list[list[tuple[float, str, int]]], transcript: Callable[[str], Transcript]
                 ) -> Transcript:
    """`t` with the earlier exchanges its `lists` name (`related.State.lists_of`), each taken
    from its transcript as published (`transcript`, by id)."""
    found = tuple(tuple(_related(transcript(tid), index, score) for score, tid, index in best) for best in lists)
    return replace(t, related=found) if any(found) else t


def refresh(store: dict, items: list[related_store.Item], words_of: Callable[[str], Words], renewed: set[str] = frozenset()
            ) -> tuple[Callable[[str], list[list[tuple[float, str, int]]]], set[str]]:
    """The lists of the archive of `items` (in the archive's order), computed again where the
    changes since `store`'s run may touch them; `store` is updated in place. `words_of`
    reads back a transcript's words where the store's are not enough; `renewed` are the
    transcripts read again (what an earlier exchange's entry shows of them may differ).
    Returns each transcript's lists, by id, and the ids of those whose lists, or what they
    show, may differ from the store's."""
    old = related_store.load(store)
    state, changed, unlisted = related_store.update(old, items, words_of, _keywords, _common)
    touched = related_store.relist(state, items, changed, unlisted)
    codes = [n for n, found in enumerate(items) if found.id in renewed]
    if codes:  # an entry shows its exchange's transcript's title, asker and answer: those listing them
        rows = numpy_module().flatnonzero(numpy_module().isin(state.ref_t, codes).any(axis=1))
        touched |= related_store.owners(state, items, rows)
    store["state"] = state
    present = {found.id for found in items}
    return state.lists_of(), touched | (changed & present) | (renewed & present)


def numpy_module() -> Any:
    import numpy

    return numpy


def _common(counts: Any) -> Any:
    """Each feature's weight in the archive (its IDF): the halvings from `ARCHIVE_COMMON` down
    to how many exchanges say it, to the power of two below."""
    import numpy

    # (Only leaving out the words said in more than ARCHIVE_COMMON, with no other weight, was
    # tried: four times the lists, and 19 of 50 checked by hand on the same subject, not 31.)
    spread = numpy.floor(numpy.log2(numpy.maximum(counts, 1))).astype(numpy.int8)
    return numpy.maximum(0, math.log2(ARCHIVE_COMMON) - spread).astype(numpy.float64)
