"""The reading pipeline for a whole folder: each transcript read (`reading.load_transcript`),
in forked workers where there are many, into a `Corpus`.

`load_corpus` reads a whole input folder into `Corpus`, collecting every problem of every
file before giving up, so an editor sees them all at once.
"""

from __future__ import annotations

import functools
import hashlib
import heapq
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Union

from . import cores, related, versions
from .cache import Cache, keep, reading_file, reading_in
from .errors import InputError, Problem
from .reading import Reading, load_transcript
from .kept import Kept
from .kept import kept as keeping
from .model import Transcript
from .read import find_sources
from .registry import Registry, load_registry
from .suggest import near_misses


@dataclass(frozen=True)
class Corpus:
    readings: tuple[Reading, ...]  # in file-name order; pages order them by date
    registry: Registry = field(default_factory=Registry)
    # Transcripts that could not be read, and why: the others are published without them
    # (with their last good reading, where the cache has one), unless --strict.
    failed: tuple[Problem, ...] = ()
    kept: tuple[Path, ...] = ()  # the failed sources published with their last good reading
    # Sources unchanged since the last run, whose readings were not loaded (`lazy`), in
    # file-name order: what the passes over the corpus take of them.
    unloaded: tuple[Kept, ...] = ()

    @property
    def failed_sources(self) -> set[Path]:
        return {p.path.with_suffix(".txt") for p in self.failed}

    @property
    def transcripts(self) -> tuple[Transcript, ...]:
        """Those of the readings loaded (all of them, unless `lazy`)."""
        return tuple(r.transcript for r in self.readings)

    @property
    def sources(self) -> list[Reading | Kept]:
        """Every source's reading or `Kept`, in file-name order."""
        return list(heapq.merge(self.readings, self.unloaded, key=_source_name))

    @property
    def size(self) -> int:
        return len(self.readings) + len(self.unloaded)

    @property
    def questions(self) -> int:
        return sum(len(r.transcript.exchanges) for r in self.readings) + sum(k.questions for k in self.unloaded)

    @functools.cached_property
    def warnings(self) -> list[Problem]:
        return [w for r in self.sources for w in r.warnings]


def _source_name(item: Reading | Kept) -> str:
    return (item.transcript.source if isinstance(item, Reading) else item.source).name


def _silently(items: Iterable[Path], total: int, what: str) -> Iterable[Path]:
    return items


def load_corpus(
    folder: Path,
    progress: Callable[[Iterable[Path], int, str], Iterable[Path]] = _silently,
    cache: Cache | None = None,
    lazy: bool = False,
) -> Corpus:
    """Read every transcript of `folder`. A transcript that cannot be read is in `failed`
    with all its problems, and the others are read; a problem of the whole folder (none,
    or its registry unreadable) raises `InputError`. `progress` wraps the files as they
    are read, to show how far the run has got; a `cache` gives back the readings of files
    unchanged since it stored them, and, where `lazy`, does not even load those it keeps a
    published card of (`Corpus.unloaded`)."""
    paths = find_sources(folder)
    if not paths:
        raise InputError.at(folder, 0, "no transcripts (.txt files) in the input folder")
    problems: list[Problem] = []
    try:
        registry = load_registry(folder)
    except InputError as error:  # fatal, but the transcripts' own problems are said with it
        registry, unreadable = Registry(), error.problems
    else:
        unreadable = []
    registry_bytes = _registry_bytes(folder)
    keys = {path: cache.reading_key(path, registry_bytes) for path in paths} if cache else {}
    index = cache.index() if cache else None
    unloaded = {path: found for path in paths if lazy and index is not None
                and (found := index.get(path, keys[path])) is not None and found.card is not None}
    cached = {path: cache.reading(path, key) for path, key in keys.items() if path not in unloaded} if cache else {}
    misses = [path for path in paths if path not in unloaded and cached.get(path) is None]
    if cache and misses:
        related.remembered_weights(cache.shared("word weights"))
    folder = cache.ready() if cache and misses else None
    fresh, written = {}, set()  # written: those whose cache files their worker wrote
    for path, outcome, kept in _read_all(misses, registry, progress, keys if folder else {}, folder):
        fresh[path] = outcome
        if kept:
            written.add(path)
    if cache and misses:
        related.kept_weights(cache.shared("word weights"))
    sources: list[Reading | Kept] = []
    kept = []
    for path in paths:
        result = unloaded.get(path) or cached.get(path) or fresh[path]
        if isinstance(result, tuple):  # the problems that stopped its reading
            problems.extend(result)
            last = cache.last_reading(path) if cache else None
            if last is not None:
                sources.append(last)
                kept.append(path)
            continue
        if cache and path in fresh:
            cache.store_reading(path, keys[path], result, kept=path in written)
        if index is not None and isinstance(result, Reading) and index.get(path, keys[path]) is None:
            index.put(keeping(result.transcript, keys[path], result.warnings))
        sources.append(result)
    if unreadable:
        raise InputError([*unreadable, *problems])
    return _checked(sources, registry, problems, tuple(kept), cache, hashlib.sha256(registry_bytes).hexdigest())


def _checked(sources: list[Reading | Kept], registry: Registry, problems: list[Problem], kept: tuple[Path, ...],
             cache: Cache | None, registry_key: str) -> Corpus:
    """The corpus of these sources, with what the passes over all of them find: ids that
    clash (their sources left out), language versions that do not pair, near misses."""
    clashes = _clashing_ids(sources)
    problems.extend(clashes)
    clashing = {p.path for p in clashes}
    sources = _with_version_warnings([r for r in sources if _source(r) not in clashing])
    near = near_misses(((r.transcript if isinstance(r, Reading) else (r.source, r.names)) for r in sources), registry,
                       cache.shared("near misses") if cache else None, registry_key)
    sources = _with_near_misses(sources, near)
    return Corpus(tuple(r for r in sources if isinstance(r, Reading)), registry, tuple(sorted(problems)), kept,
                  tuple(r for r in sources if isinstance(r, Kept)))


def load_all(corpus: Corpus, cache: Cache) -> Corpus:
    """The corpus with every source's reading loaded (from the cache, or read again where it
    lost one), each with the warnings this run found of it."""
    if not corpus.unloaded:
        return corpus
    readings = []
    for item in corpus.sources:
        if isinstance(item, Kept):
            reading = cache.reading(item.source, item.key)
            if reading is None:
                found = _read_one(item.source, corpus.registry)
                if isinstance(found, tuple):  # it was read with this key before: only a file that changed meanwhile
                    raise InputError(list(found))
                cache.store_reading(item.source, item.key, reading := found)
            item = replace(reading, warnings=item.warnings)
        readings.append(item)
    return replace(corpus, readings=tuple(readings), unloaded=())


def _source(item: Reading | Kept) -> Path:
    return item.transcript.source if isinstance(item, Reading) else item.source


def _with_version_warnings(sources: list[Reading | Kept]) -> list[Reading | Kept]:
    """Each reading with what is wrong with its link to its other language's version."""
    found = versions.problems(r.transcript if isinstance(r, Reading) else r for r in sources)
    if not found:
        return sources
    mine: dict[Path, list[Problem]] = {}
    for problem in found:
        mine.setdefault(problem.path.with_suffix(".txt"), []).append(problem)
    return [_warned(r, mine[_source(r)]) if _source(r) in mine else r for r in sources]


def _warned(item: Reading | Kept, more: list[Problem]) -> Reading | Kept:
    """`item` with `more` warnings (a reading's are sorted where it is made)."""
    if isinstance(item, Reading):
        return replace(item, warnings=tuple(sorted((*item.warnings, *more))))
    return replace(item, more=(*item.more, *more))


Outcome = Union[Reading, tuple[Problem, ...]]


# From this many transcripts to read, they are read by as many processes as there are
# cores (forked: the registry and the code are shared, not copied): while `build` reads,
# MkDocs has not started and the other core would wait. Not where other threads run (the
# preview's server), which a fork would copy mid-work.
PARALLEL_FROM = 64
MAX_WORKERS = 4  # each worker is a fork of the whole run: past this, more memory for little time
_worker: tuple[Registry, Path | None] | None = None  # a worker's registry and cache folder, set by its initializer


def _read_all(paths: list[Path], registry: Registry, progress, keys: dict[Path, str],
              folder: Path | None) -> Iterator[tuple[Path, Outcome, bool]]:
    """Each path with its reading, or the problems that stopped it, in order, and whether
    the reading's cache file was written (by the worker that read it, in the cache `folder`,
    under its key in `keys`)."""
    workers = min(cores.count(), MAX_WORKERS)
    if len(paths) < PARALLEL_FROM or workers < 2 or not cores.may_fork():
        for path in progress(paths, len(paths), "reading"):
            yield path, _read_one(path, registry), False
        return
    with multiprocessing.get_context("fork").Pool(workers, initializer=_start_worker, initargs=(registry, folder)) as pool:
        jobs = [(path, keys.get(path)) for path in paths]
        outcomes = pool.imap(_read_in_worker, jobs, chunksize=8)  # in order: the same output as one process
        for path, (outcome, kept, met) in zip(progress(paths, len(paths), "reading"), outcomes):
            related.weighed(met)
            yield path, reading_in(outcome) if isinstance(outcome, bytes) else outcome, kept


def _start_worker(registry: Registry, folder: Path | None) -> None:
    global _worker
    cores.as_worker()
    _worker = registry, folder  # forked: handed over, not copied through a pickle


def _read_in_worker(job: tuple[Path, str | None]) -> tuple[Outcome | bytes, bool, list[tuple[str, str, float]]]:
    """A reading made by a worker: sent back as its cache file (`reading_file`, which
    the worker writes where the run has a cache: the run need not pickle it again), or the
    problems that stopped it."""
    assert _worker is not None, "a reading worker starts with its registry"
    (path, key), (registry, folder) = job, _worker
    outcome = _read_one(path, registry)
    if key is None or not isinstance(outcome, Reading):
        return outcome, False, related.newly_weighed()
    data = reading_file(key, path.stem, outcome)
    return data, folder is not None and keep(folder, path.stem, data), related.newly_weighed()


def _read_one(path: Path, registry: Registry) -> Outcome:
    try:
        return load_transcript(path, registry)
    except InputError as error:
        return tuple(error.problems)


def _registry_bytes(folder: Path) -> bytes:
    path = folder / "speakers.yml"
    return path.read_bytes() if path.is_file() else b""


def _with_near_misses(sources: list[Reading | Kept], near: list[Problem]) -> list[Reading | Kept]:
    """Each reading with the spellings in it that look like a known name (`near`) added to its warnings."""
    mine: dict[Path, list[Problem]] = {}
    for problem in near:
        mine.setdefault(problem.path, []).append(problem)
    return [_warned(r, mine[_source(r)]) if _source(r) in mine else r for r in sources]


def _clashing_ids(sources: list[Reading | Kept]) -> list[Problem]:
    """Two files whose names make the same id would share one page: refuse, naming both."""
    first: dict[str, Path] = {}
    problems = []
    for item in sources:
        id_, source = (item.transcript.id, item.transcript.source) if isinstance(item, Reading) else (item.id, item.source)
        if id_ in first:
            problems.append(Problem(source, 0, f"its id '{id_}' is already that of {first[id_].name}: rename one of them"))
        first.setdefault(id_, source)
    return problems
