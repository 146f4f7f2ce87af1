"""The reading pipeline, one transcript at a time: read → clean → parse → resolve → structure.

`load_corpus` reads a whole input folder into `Corpus`, collecting every problem of every
file before giving up, so an editor sees them all at once.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import heapq
import multiprocessing
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Union

from . import cores, labels, limits, related, versions
from .cache import Cache
from .askers import Askers, interviewer
from .cast import Cast
from .cast import cast as who_is_who
from .clean import Cleaned, clean, find_date
from .errors import InputError, Problem
from .kept import Kept
from .kept import kept as keeping
from .model import Line, Metadata, Transcript
from .packing import pack
from .parse import Forced, Parsed, parse
from .read import find_sources, read_source
from .registry import Registry, load_registry, make_id
from .resolve import Override, Resolver
from .structure import structure
from .suggest import near_misses
from .timecodes import with_offsets


@dataclass(frozen=True)
class Reading:
    """A transcript, what the editor should look at in it, and what was taken out of the
    text as the page's and not anyone's words (title and subtitle lines a sidecar
    replaced, dates, "Print", time codes)."""

    transcript: Transcript
    warnings: tuple[Problem, ...]
    removed: tuple[Line, ...] = ()


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
    fresh = dict(_read_all(misses, registry, progress))
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
            cache.store_reading(path, keys[path], result)
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
_registry_of_worker: Registry | None = None  # a worker's, set by its initializer


def _read_all(paths: list[Path], registry: Registry, progress) -> Iterator[tuple[Path, Outcome]]:
    """Each path with its reading, or the problems that stopped it, in order."""
    workers = min(cores.count(), MAX_WORKERS)
    if len(paths) < PARALLEL_FROM or workers < 2 or not cores.may_fork():
        for path in progress(paths, len(paths), "reading"):
            yield path, _read_one(path, registry)
        return
    with multiprocessing.get_context("fork").Pool(workers, initializer=_start_worker, initargs=(registry,)) as pool:
        outcomes = pool.imap(_read_in_worker, paths, chunksize=8)  # in order: the same output as one process
        for path, (outcome, met) in zip(progress(paths, len(paths), "reading"), outcomes):
            related.weighed(met)
            yield path, outcome


def _start_worker(registry: Registry) -> None:
    global _registry_of_worker
    _registry_of_worker = registry  # forked: handed over, not copied through a pickle


def _read_in_worker(path: Path) -> tuple[Outcome, list[tuple[str, str, float]]]:
    assert _registry_of_worker is not None, "a reading worker starts with its registry"
    return _read_one(path, _registry_of_worker), related.newly_weighed()


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


TITLE_LENGTH = limits.TITLE  # characters: a first line longer than this is no title


def load_transcript(path: Path, registry: Registry) -> Reading:
    source = read_source(path)
    sidecar = source.sidecar.values
    cleaned = clean(source.text, sidecar.get("title"))
    if cleaned.title is None and not cleaned.body:
        raise InputError.at(path, 1, "empty transcript: there is no text to read")
    if "title" not in sidecar and len(cleaned.title.text) > TITLE_LENGTH:
        raise InputError.at(path, cleaned.title.number, f"the first line, read as the title, is "
                            f"{len(cleaned.title.text):,} characters long: give the title in {path.with_suffix('.yml').name}")
    # The sidecar wins; then a date in the text; then one leading the file name.
    date = sidecar.get("date") or cleaned.date or _date_in_name(path)
    if date is None:
        raise InputError.at(
            path, 1,
            f"no date in the text or file name: add 'date: YYYY-MM-DD' to {path.with_suffix('.yml').name}",
        )
    subtitle = sidecar.get("subtitle") or (cleaned.subtitle.text if cleaned.subtitle else None)
    meta = Metadata(
        title=sidecar.get("title") or cleaned.title.text,  # one of them is there: see clean()
        date=date,
        subtitle=subtitle,
        location=sidecar.get("location"),
        source_url=sidecar.get("source_url"),
        kind=sidecar.get("kind"),
        topics=tuple(dict.fromkeys(registry.topic(name) for name in sidecar.get("topics", ()))),
        status=cleaned.status,
        last_updated=cleaned.last_updated,
        corrected=sidecar.get("corrected"),
        video_url=sidecar.get("video_url"),
        video_start=sidecar.get("video_start"),
        language=sidecar.get("language"),
        translation_of=sidecar.get("translation_of"),
    )
    overrides = {
        entry.get("label"): Override(entry.get("name"), entry.get("role"), entry.get("outlet"), entry.line)
        for entry in sidecar.get("speakers", ())
    }
    resolver = Resolver(registry, subtitle, overrides, title=meta.title)
    forced = Forced(tuple(sidecar.get("label_lines", ())), tuple(sidecar.get("text_lines", ())))
    parsed = parse(cleaned.body, resolver.knows, forced)
    limits.check_turns(path, parsed.turns)
    cast = who_is_who(parsed.turns, resolver)
    askers = Askers(resolver, _interviewer(meta.title, cleaned, parsed))
    parts = structure(cast.turns, askers)
    transcript = Transcript(make_id(path.stem), path, meta, parts.opening, askers.fill(parts.exchanges), parts.closing,
                            raw=pack(source.text) if source.text else b"")
    transcript = with_offsets(transcript, cleaned.chrome, cleaned.body, meta.video_start)
    transcript = replace(transcript, words=related.weigh(transcript))
    replaced = [line for line, value in ((cleaned.title, "title"), (cleaned.subtitle, "subtitle")) if line and value in sidecar]
    removed = tuple(sorted((*cleaned.chrome, *replaced, *parsed.header), key=lambda line: line.number))
    warnings = _warnings(path, cleaned, parsed, cast, transcript)
    warnings += tuple(_repairs(path, source.repaired))
    return Reading(transcript, tuple(sorted(warnings)), removed)


def _warnings(path: Path, cleaned: Cleaned, parsed: Parsed, cast: Cast, t: Transcript) -> tuple[Problem, ...]:
    """What an editor should check in a transcript that was read, sorted by line."""
    sidecar = path.with_suffix(".yml").name
    warnings = [
        Problem(path, line.number, f"'{label.text}' looks like a speaker label but was read as text "
                f"(confidence {label.confidence:.2f}): if it is one, add the name to speakers.yml")
        for line, label in parsed.doubtful
    ]
    warnings += [Problem(path, line, message) for line, message in cast.warnings]
    warnings += [
        Problem(path.with_suffix(".yml"), 0, f"'{ref}' matches no line of {path.name}: correct or remove it")
        for ref in parsed.unused
    ]
    warnings += [
        Problem(path.with_suffix(".yml"), line, f"the speaker label '{label}' is not in {path.name}: correct or remove it")
        for label, line in cast.unused
    ]
    if cleaned.title and (hit := labels.detect(cleaned.title.text)) and hit[0].confidence >= labels.ACCEPT:
        warnings.append(Problem(path, cleaned.title.number, f"the first line, read as the title, looks like the "
                                f"speaker label '{hit[0].text}': give the title in {sidecar}"))
    warnings += [
        Problem(path, turn.line, f"the label '{turn.label.text}' has no text under it")
        for turn in parsed.turns
        if turn.label is not None and not turn.paragraphs
    ]
    warnings += [
        Problem(path, exchange.question.line, f"question {exchange.anchor} has no answer")
        for exchange in t.exchanges
        if not exchange.answers
    ]
    return tuple(sorted(warnings))


def _interviewer(title: str, cleaned: Cleaned, parsed: Parsed) -> tuple[str | None, str | None]:
    """The interviewer an interview's own page names ("TRANSCRIPT OF INTERVIEW WITH JOHN HEWITT,
    2MMM"), or else its title does."""
    top = (cleaned.title, cleaned.subtitle, *cleaned.chrome[:HEADER_SEARCH], *parsed.header, *cleaned.body[:2])
    own = [line.text for line in top if line and "interview" in line.text.casefold()]
    return next((found for text in own if (found := interviewer(text)) != (None, None)), interviewer(title))


HEADER_SEARCH = 8  # lines of the page's chrome at the top searched for an interview's byline


def _repairs(path: Path, repaired: tuple[tuple[int, str, str], ...]) -> list[Problem]:
    """Mojibake undone, said once per line so that an editor can check it."""
    problems = []
    for line, old, new in repaired:
        changed = next(((a, b) for a, b in zip(old.split(), new.split()) if a != b), (old[:40], new[:40]))
        problems.append(Problem(path, line, f"repaired mojibake (text decoded twice): '{changed[0]}' read as '{changed[1]}'"))
    return problems


def _date_in_name(path: Path) -> datetime.date | None:
    match = re.match(r"(\d{4}-\d{2}-\d{2})(?!\d)", path.stem)
    return find_date(match.group(1)) if match else None
