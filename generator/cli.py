"""The command line: `python -m generator build|generate|check`.

Bad input is reported as `path:line: message` lines on stderr with exit status 1, and
nothing already generated or built is touched. Warnings are shown together at the end;
`--strict` makes them errors, as in MkDocs.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import shutil
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import click

from . import render
from .cache import Cache
from .errors import InputError, Problem
from .pipeline import Corpus, load_corpus
from .progress import progress
from .render.markdown import plural
from .render.paths import GENERATED
from .report import findings_json, summary
from .serve import preview, watch
from .site import build_site, check_site, search_folder
from .suggest import registry_suggestion
from .write import write_tree

_INPUT = click.option("--input", "input_dir", type=click.Path(path_type=Path), default=Path("transcripts"),
                      show_default=True, help="Folder of raw .txt transcripts, sidecars and speakers.yml.")
_DOCS = click.option("--docs", "docs_dir", type=click.Path(path_type=Path), default=Path("docs"),
                     show_default=True, help="MkDocs docs folder; generated pages go in its subfolders.")
_STRICT = click.option("--strict", is_flag=True, help="Treat warnings as errors.")
_CACHE = click.option("--cache", "cache_dir", type=click.Path(path_type=Path), default=Path(".podium-cache"),
                      show_default=True, help="Where readings and pages of unchanged transcripts are kept between runs.")
_NO_CACHE = click.option("--no-cache", is_flag=True, help="Read and render every transcript again.")
_CONFIG = click.option("--config", "config", type=click.Path(path_type=Path), default=Path("mkdocs.yml"),
                       show_default=True, help="The MkDocs configuration.")


@click.group()
def main() -> None:
    """Press-conference transcripts to a searchable site with a permanent link per question."""


@main.command()
@_INPUT
@_DOCS
@_STRICT
@_CACHE
@_NO_CACHE
def generate(input_dir: Path, docs_dir: Path, strict: bool, cache_dir: Path, no_cache: bool) -> None:
    """Write the Markdown pages and the JSON export under the docs folder."""
    cache = None if no_cache else Cache(cache_dir)
    _save(cache, _generate(input_dir, docs_dir, strict, cache))


@main.command()
@_INPUT
@_DOCS
@click.option("--site", "site_dir", type=click.Path(path_type=Path), default=Path("site"), show_default=True,
              help="Where the built site goes.")
@_CONFIG
@_STRICT
@_CACHE
@_NO_CACHE
def build(input_dir: Path, docs_dir: Path, site_dir: Path, config: Path, strict: bool, cache_dir: Path, no_cache: bool) -> None:
    """Generate, then build the site with MkDocs in strict mode, and its search index."""
    _run(lambda: check_site(config, docs_dir, site_dir, keep=(input_dir, cache_dir)))
    # A cancelled CI job sends SIGTERM: leave as after Ctrl-C, with the last good site in place.
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))
    pages = search_folder(site_dir)
    cache = None if no_cache else Cache(cache_dir)

    def generate(docs_written: Callable[[], None]) -> None:
        corpus = _generate(input_dir, docs_dir, strict, cache)
        docs_written()  # MkDocs may start: the search pages and the cache are written meanwhile
        shutil.rmtree(pages, ignore_errors=True)
        with _no_cycle_collection():
            write_tree(pages, render.search_pages(corpus.transcripts, cache or render.NoMemo()), ("transcripts",))
        _save(cache, corpus)

    child = _Apart(generate)
    child.docs_written()
    _run(lambda: build_site(config, docs_dir, site_dir, pages, child.finished), f"{site_dir} was left as it was")
    click.echo(f"build: site written to {site_dir}")


def _quietly_interrupted(work: Callable[[Callable[[], None]], None], docs_written: Callable[[], None]) -> None:
    """The child's work; Ctrl-C reaches it too, and the parent says what stopped."""
    try:
        work(docs_written)
    except KeyboardInterrupt:
        sys.exit(130)


class _Apart:
    """Reading and rendering in a child process, where the system can fork one: the memory
    they take (half a gigabyte at 1,000 transcripts) is given back when it ends, instead of
    staying with this process while MkDocs and Pagefind need it. The child says when the
    docs are written, so that MkDocs starts while it goes on with the rest."""

    def __init__(self, work: Callable[[Callable[[], None]], None]):
        self.process = None
        if "fork" not in multiprocessing.get_all_start_methods():
            work(lambda: None)
            return
        context = multiprocessing.get_context("fork")
        self.said, tell = context.Pipe(duplex=False)
        self.process = context.Process(target=_quietly_interrupted, args=(work, lambda: tell.send("docs written")))
        self.process.start()
        tell.close()  # the child's end only: the pipe closes when the child ends

    def docs_written(self) -> None:
        if self.process is not None:
            try:
                self.said.recv()
            except EOFError:  # it ended before writing them: it has said why, unless killed
                sys.exit(self.finished() or 1)

    def finished(self) -> int:
        """Wait for the child; its exit status (0: the search pages and cache are written)."""
        if self.process is None:
            return 0
        self.process.join()
        code = self.process.exitcode or 0
        if code < 0:  # killed by a signal, with no word of its own
            click.echo(f"stopped: reading and rendering were killed by signal {-code}"
                       f"{' (out of memory?)' if -code == signal.SIGKILL else ''}; {NOTHING_CHANGED_SITE}", err=True)
            return 1
        return code


@main.command()
@_INPUT
@_STRICT
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.option("--suggest-registry", is_flag=True,
              help="Print the people and outlets not in speakers.yml, with their spellings, as YAML to add there.")
def check(input_dir: Path, strict: bool, as_json: bool, suggest_registry: bool) -> None:
    """Read every transcript and say what was found, writing nothing."""
    corpus = _run(lambda: load_corpus(input_dir))
    if suggest_registry:
        click.echo(registry_suggestion(corpus.transcripts, corpus.registry), nl=False)
    elif as_json:
        click.echo(findings_json(corpus))
    else:
        for reading in corpus.readings:
            click.echo(summary(reading))
    _finish(corpus, strict)


@main.command()
@_INPUT
@_DOCS
@_CONFIG
@_CACHE
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address and port to serve on.")
def serve(input_dir: Path, docs_dir: Path, config: Path, cache_dir: Path, dev_addr: str) -> None:
    """Preview the site, regenerating and reloading it when a transcript changes."""
    cache = Cache(cache_dir)
    _save(cache, _generate(input_dir, docs_dir, False, cache))
    if not config.is_file():
        _fail_with(Problem(config, 0, "MkDocs configuration not found (set it with --config)"))
    watcher = watch(input_dir, lambda: _regenerate(input_dir, docs_dir, cache))
    try:
        preview(config, docs_dir, dev_addr)
    finally:
        watcher.stop()


def _regenerate(input_dir: Path, docs_dir: Path, cache: Cache) -> None:
    """After an edit, while serving: the new pages, or the problems and the last good pages kept."""
    try:
        corpus = load_corpus(input_dir, cache=cache)
        report = write_tree(docs_dir, render.render_site(corpus.transcripts, cache), GENERATED)
        _save(cache, corpus)
    except InputError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        click.echo("serve: the last good pages are still shown; fix the input and save again", err=True)
        return
    for warning in corpus.warnings:
        click.echo(_warning(warning), err=True)
    click.echo(f"serve: regenerated: {report}")




def _save(cache: Cache | None, corpus: Corpus) -> None:
    if cache:
        cache.save({t.source.stem for t in corpus.transcripts})


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Reading and rendering make millions of small objects and no reference cycles: the
    cycle collector's passes over them would be a third of a cached run."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _generate(input_dir: Path, docs_dir: Path, strict: bool, cache: Cache | None) -> Corpus:
    """Read, render and write the docs (the cache is the caller's to save)."""
    with _no_cycle_collection():
        corpus = _run(lambda: load_corpus(input_dir, progress, cache))
        _finish(corpus, strict)
        files = render.render_site(corpus.transcripts, cache or render.NoMemo())
        report = _run(lambda: write_tree(docs_dir, files, GENERATED))
    questions = sum(len(t.exchanges) for t in corpus.transcripts)
    click.echo(
        f"generate: {plural(len(corpus.readings), 'transcript')}, {plural(questions, 'question')}; {report} in {docs_dir}"
    )
    return corpus


def _finish(corpus: Corpus, strict: bool) -> None:
    """Show the warnings together; under --strict they stop the run."""
    for warning in corpus.warnings:
        click.echo(_warning(warning), err=True)
    if strict and corpus.warnings:
        _fail(len(corpus.warnings), "warning", " in strict mode")


def _warning(problem: Problem) -> str:
    return str(Problem(problem.path, problem.line, f"warning: {problem.message}"))


NOTHING_CHANGED = "nothing was written or changed"
NOTHING_CHANGED_SITE = "the site was left as it was"


def _run(step, consequence: str = NOTHING_CHANGED):
    try:
        return step()
    except InputError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        _fail(len(error.problems), "problem", consequence=consequence)


def _fail_with(problem: Problem) -> None:
    click.echo(str(problem), err=True)
    _fail(1, "problem")


def _fail(count: int, noun: str, why: str = "", consequence: str = NOTHING_CHANGED) -> None:
    click.echo(f"stopped: {plural(count, noun)}{why}; {consequence}", err=True)
    sys.exit(1)
