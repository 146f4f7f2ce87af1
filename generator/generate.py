"""The generate flow, for the commands of `cli`: read the input folder (`pipeline`), align
it to the anchor ledger (`ledger`), render the site's files (`render`) and write them
(`write`), then the ledger and the cache.

Nothing here prints or exits. Each step returns what it did, and bad input raises
`InputError` (a folder that cannot be written, `OSError`); saying so is `cli`'s. A
`Listener` is told each stage's result as soon as it is known, so that the warnings and
the ledger's changes are said before what follows them (or stops the run).
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import os
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from . import ledger, render
from .cache import ALIGNED, FINGERPRINTS, MANIFEST, Cache
from .errors import InputError, Problem
from .model import Exchange, Transcript
from .kept import Kept
from .pipeline import Corpus, load_all, load_corpus
from .render.library import MissingReading
from .render.catalog import page_names
from .render.paths import GENERATED
from .manifest import Manifest
from .write import WriteReport, commit, ready_spare, replace_atomically, stage, write_in_place, write_tree



@dataclass(frozen=True)
class Generated:
    """What a run generated: the corpus read, its transcripts as published (permanent ids
    and anchors, the ledger updated, its changes) and what writing the docs did."""

    corpus: Corpus
    published: ledger.Published
    report: WriteReport  # files written, removed and unchanged in the docs
    site: render.Site | None = None  # every transcript's card, and each one's transcript as published

    @property
    def transcripts(self) -> int:
        return self.corpus.size

    @property
    def questions(self) -> int:
        return self.corpus.questions

    @property
    def changes(self) -> tuple[ledger.Change, ...]:
        return self.published.changes


class Listener(Protocol):
    """Who is told how the run goes, to say it (`cli`)."""

    def progress(self, items: Iterable[Path], total: int, what: str) -> Iterable[Path]:
        """The files, as they are read: to show how far the run has got."""

    def read(self, corpus: Corpus) -> None:
        """The corpus is read: what stopped a transcript's reading, and the warnings."""

    def published(self, published: ledger.Published) -> None:
        """The corpus is aligned to the ledger: what that changes in it."""


class Silent:
    """A listener told nothing worth saying."""

    def progress(self, items: Iterable[Path], total: int, what: str) -> Iterable[Path]:
        return items

    def read(self, corpus: Corpus) -> None:
        pass

    def published(self, published: ledger.Published) -> None:
        pass


def publish(corpus: Corpus, input_dir: Path, frozen: bool, memo: render.Memo = render.NoMemo()) -> ledger.Published:
    """The transcripts with their permanent ids and anchors, aligned to the ledger. Under
    `frozen`, a change to a published anchor raises `InputError`, saying where and what to do."""
    people, outlets = page_names(corpus.transcripts)
    published = ledger.publish(
        corpus.transcripts, ledger.load(input_dir), input_dir, ledger.today(), people, outlets,
        unread={p.name for p in corpus.failed_sources},
        prints=lambda t: render.remembered(memo, t, FINGERPRINTS, ledger.fingerprints), aligns=_aligner(memo),
    )
    _refuse_moves(published, input_dir, frozen)
    return published


def _refuse_moves(published: ledger.Published, input_dir: Path, frozen: bool) -> None:
    moving = [c for c in published.changes if c.moves]
    if frozen and moving:
        raise InputError([
            *(Problem(c.path, c.line, f"{c.message} (--frozen leaves {ledger.LEDGER} as it is)") for c in moving),
            Problem(input_dir / ledger.LEDGER, 0, "not current for these transcripts: run `python -m generator "
                    "generate` without --frozen, check the changes it lists, and commit the ledger with them"),
        ])


def _aligner(memo: render.Memo) -> ledger.Aligner:
    """`ledger.align`, remembered with each reading: an entry and a reading aligned before
    are aligned the same way (the day counts only where it is written, in a removal)."""
    def aligns(entry: ledger.Entry, t: Transcript, day: datetime.date, fresh: bool, prints: list[ledger.Mark]
               ) -> tuple[Transcript, ledger.Entry, list[ledger.Change]]:
        kept = memo.get(t, ALIGNED)
        if kept is not None and kept[0] == (entry, fresh) and kept[1] in (None, day):
            ids, removed, aligned, changes = kept[2]
            exchanges = tuple(map(Exchange.with_ids, t.exchanges, ids))
            return replace(t, exchanges=exchanges, removed=removed), entry if aligned is None else aligned, list(changes)
        made, aligned, changes = ledger.align(entry, t, day, fresh, prints)
        dated = any(m.removed == day for m in aligned.marks)
        # The entry aligned is most often the entry as it was: then it is not kept twice.
        memo.put(t, ALIGNED, ((entry, fresh), day if dated else None,
                              (tuple(e.ids for e in made.exchanges), made.removed, None if aligned == entry else aligned,
                               tuple(changes))))
        return made, aligned, changes
    return aligns


def stage_docs(input_dir: Path, docs_dir: Path, frozen: bool, cache: Cache | None, site_url: str,
               listener: Listener = Silent()) -> Generated:
    """Read, align to the ledger, render, and stage the docs (`write.stage`): committing
    them, the ledger and the cache is `finish`'s (or `build`'s). With a cache, the sources
    unchanged since the last run are not loaded, nor aligned, where that run's index and
    ledger allow (`spliced`): only the files the changes touch are made."""
    with no_cycle_collection():
        corpus = load_corpus(input_dir, listener.progress, cache, lazy=cache is not None)
        listener.read(corpus)
        corpus, published = _publish(corpus, input_dir, frozen, cache)
        listener.published(published)
        corpus, published, made = _site(corpus, published, input_dir, frozen, cache, site_url)
        report = stage(docs_dir, made.files, GENERATED, cache.manifest(docs_dir) if cache else None)
    return Generated(corpus, published, report, made)


def _publish(corpus: Corpus, input_dir: Path, frozen: bool, cache: Cache | None) -> tuple[Corpus, ledger.Published]:
    """The corpus aligned to the ledger: only the transcripts read again (`ledger.spliced`)
    where the ledger and the index are as the last run left them and nothing but edits and
    new files changed since; else all of them, every reading loaded."""
    if cache is not None and corpus.unloaded:
        try:
            return corpus, _publish_changed(corpus, input_dir, frozen, cache)
        except ledger.NotSimple:
            corpus = load_all(corpus, cache)
    return corpus, publish(corpus, input_dir, frozen, cache or render.NoMemo())


def _publish_changed(corpus: Corpus, input_dir: Path, frozen: bool, cache: Cache) -> ledger.Published:
    index, path = cache.index(), input_dir / ledger.LEDGER
    present = {item.source.stem if isinstance(item, Kept) else item.transcript.source.stem for item in corpus.sources}
    if index.ledger is None or not index.ledger.holds(path) or corpus.failed or set(index.entries) - present:
        raise ledger.NotSimple(path)  # edited by hand, or a source gone or unreadable: the whole corpus is bound again
    people, outlets = page_names(item.card if isinstance(item, Kept) else item.transcript for item in corpus.sources)
    published = ledger.publish_changed(
        list(corpus.transcripts), path.read_text(encoding="utf-8"), index.ledger, input_dir, ledger.today(), people,
        outlets, lambda t: render.remembered(cache, t, FINGERPRINTS, ledger.fingerprints), _aligner(cache),
    )
    _refuse_moves(published, input_dir, frozen)
    return published


def finish(generated: Generated, input_dir: Path, docs_dir: Path, frozen: bool, cache: Cache | None) -> None:
    """`generate`'s end: the staged docs moved in, the ledger written (never under
    `frozen`) and the cache saved."""
    commit(docs_dir, GENERATED)
    if not frozen:
        write_ledger(input_dir / ledger.LEDGER, generated.published)
    note_ledger(cache, input_dir / ledger.LEDGER, generated.published, written=not frozen)
    if cache is not None:
        ready_spare(docs_dir, GENERATED, cache.manifest(docs_dir))
    save(cache, generated.corpus)


def note_ledger(cache: Cache | None, path: Path, published: ledger.Published, written: bool) -> None:
    """What the ledger file at `path` now holds, for the next run to know it without reading
    it (`ledger.Known`); where the file does not hold what was published (under `--frozen`,
    or a preview's), the cards of the transcripts whose entries differ are not kept, so that
    the next run aligns them to the file again."""
    if cache is None:
        return
    index = cache.index()
    if written or published.unchanged:
        index.ledger = ledger.known(path, published.ledger)
        return
    if published.spliced:
        index.ledger, differ = ledger.known(path, published.ledger.base), set(published.ledger.changed)
    else:
        index.ledger = ledger.known(path, published.given)
        given = published.given.transcripts if published.given else {}
        differ = {id_ for id_, entry in published.ledger.transcripts.items() if given.get(id_) != entry}
    for t in published.transcripts:
        if t.id in differ:
            index.forget(t.source.stem)


def stage_search(generated: Generated, pages: Path, cache: Cache | None,
                 part_pages: int = render.search_page.PART_PAGES) -> None:
    """`build`'s search pages, written while MkDocs builds the staged docs, in parts of at
    most `part_pages` (`part_pages()`), and the cache."""
    shutil.rmtree(pages, ignore_errors=True)
    with no_cycle_collection():
        made = generated.site
        transcripts = tuple(map(made.library, made.cards)) if made else generated.published.transcripts
        searched = render.search_pages(transcripts, cache or render.NoMemo(), part_pages)
        write_in_place(pages, searched, ("transcripts", render.search_page.PARTS))
    save(cache, generated.corpus)


PART_PAGES_VARIABLE = "PODIUM_SEARCH_PART_PAGES"


def part_pages() -> int:
    """The most pages one part of the search index holds: `PODIUM_SEARCH_PART_PAGES` where
    set (Pagefind holds about 1 MB a page of the part it indexes), else 1,000."""
    given = os.environ.get(PART_PAGES_VARIABLE)
    if given is None:
        return render.search_page.PART_PAGES
    if not (given.isascii() and given.isdigit() and 1 <= int(given) <= 1_000_000):
        raise InputError.at(Path(PART_PAGES_VARIABLE), 0, f"{given!r} is not a number of pages from 1 to 1,000,000")
    return int(given)


def commit_built(input_dir: Path, docs_dir: Path, frozen: bool, cache_dir: Path | None = None) -> None:
    """`build`'s end, once the site is built: the staged docs and the pending ledger moved
    in, and the spare part made ready for the next run (`write.ready_spare`; the cache's
    manifest is the reading child's, saved already: it is read and written here)."""
    commit(docs_dir, GENERATED)
    if not frozen and pending(input_dir).is_file():
        pending(input_dir).replace(input_dir / ledger.LEDGER)
    if cache_dir is not None:
        path = cache_dir / MANIFEST
        manifest = Manifest.load(path, docs_dir)
        if manifest.spare is None and manifest.tree is not None:
            ready_spare(docs_dir, GENERATED, manifest)
            replace_atomically(path, manifest.dumps())


def regenerate(input_dir: Path, docs_dir: Path, cache: Cache, site_url: str) -> Generated:
    """`serve`'s, after an edit: the docs written at once, the cache saved. The anchor
    ledger is read, never written: a preview publishes nothing, and a question half typed
    must not take an anchor. The cache holds the readings between edits, so that an edit
    reads one transcript and unpickles nothing."""
    with no_cycle_collection():  # as `stage_docs`: the collector would walk every reading the cache holds
        corpus = load_corpus(input_dir, cache=cache, lazy=True)
        corpus, published = _publish(corpus, input_dir, False, cache)
        corpus, published, made = _site(corpus, published, input_dir, False, cache, site_url)
        report = write_tree(docs_dir, made.files, GENERATED, cache.manifest(docs_dir))
    note_ledger(cache, input_dir / ledger.LEDGER, published, written=False)
    save(cache, corpus)
    return Generated(corpus, published, report, made)


def _site(corpus: Corpus, published: ledger.Published, input_dir: Path, frozen: bool, cache: Cache | None,
          site_url: str) -> tuple[Corpus, ledger.Published, render.Site]:
    """Every file of the docs (`render.site`), from the transcripts read and the cards of
    those the run left unloaded; should the cache have lost a reading one of them needs,
    from every reading, all aligned again (what that says was said already)."""
    memo = cache or render.NoMemo()
    if published.spliced and cache is not None:
        kept = tuple(item.card for item in corpus.unloaded)
        try:
            return corpus, published, render.site(published.transcripts, memo, site_url, published.moved,
                                                  published.withdrawn, kept)
        except MissingReading:
            corpus = load_all(corpus, cache)
            published = publish(corpus, input_dir, frozen, memo)
    return corpus, published, render.site(published.transcripts, memo, site_url, published.moved, published.withdrawn)


def pending(input_dir: Path) -> Path:
    """Where `build` keeps the new ledger until the site is built."""
    return input_dir / f".{ledger.LEDGER}.next"


def write_ledger(path: Path, published: ledger.Published, current: Path | None = None) -> None:
    """Write the published ledger to `path` where it differs from the `current` one (by
    default, `path`). A ledger the alignment left as it was read is not written out again:
    the file says it already (in its editor's layout, if it was edited by hand)."""
    current = current or path
    if published.unchanged and current.is_file():
        return
    spliced = published.spliced
    data = (published.ledger.dumps() if spliced else ledger.dumps(published.ledger)).encode("utf-8")
    if spliced and path == current:  # its entries changed: the file (47 MB at 10,000) is not read again to compare
        replace_atomically(path, data)
    elif not (current.is_file() and current.read_bytes() == data):
        replace_atomically(path, data)


def save(cache: Cache | None, corpus: Corpus) -> None:
    if cache:
        cache.save({t.source.stem for t in corpus.transcripts} | {k.source.stem for k in corpus.unloaded})


@contextlib.contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Reading and rendering make millions of small objects and no reference cycles: the
    cycle collector's passes over them would be a third of a cached run. What was made is
    then frozen (left out of its passes), or its first pass after would walk all of it: a
    command's run keeps it to its end, and `serve` the readings between its regenerations."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()

