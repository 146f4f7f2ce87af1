"""The command line: `python -m generator build|generate|check`.

Bad input is reported as `path:line: message` lines on stderr with exit status 1, and
nothing already generated or built is touched. Warnings are shown together at the end;
`--strict` makes them errors, as in MkDocs.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path

import click

from . import engine as engines
from . import generate as flow
from . import ledger, verbosity
from .apart import Apart
from .cache import Cache
from .errors import InputError, Problem
from .lock import one_at_a_time, waiting
from .pipeline import Corpus, load_corpus
from .progress import progress
from .render.markdown import plural
from .report import findings_json, summary
from .suggest import registry_suggestion
from .write import discard, staging


def _input_folder(context: click.Context, parameter: click.Parameter, given: Path) -> Path:
    """The input folder as the run names it: relative to the working directory where it is
    under it, however it was given (`transcripts`, `./transcripts/`, its absolute path),
    else absolute. Messages name its files so, and the cache keys each reading by its
    file's path as named (messages carry it): two spellings of one folder would have every
    transcript read again (five minutes at 10,000)."""
    try:
        folder, here = Path(os.path.abspath(given)), Path.cwd()
    except OSError:  # the working directory is gone: the folder as given
        return given
    return folder.relative_to(here) if folder.is_relative_to(here) else folder


_INPUT = click.option("--input", "input_dir", type=click.Path(path_type=Path), default=Path("transcripts"),
                      show_default=True, callback=_input_folder,
                      help="Folder of raw .txt transcripts, sidecars and speakers.yml.")
_DOCS = click.option("--docs", "docs_dir", type=click.Path(path_type=Path), default=Path("docs"),
                     show_default=True, help="MkDocs docs folder; generated pages go in its subfolders.")
_STRICT = click.option("--strict", is_flag=True, help="Treat warnings as errors.")
_CACHE = click.option("--cache", "cache_dir", type=click.Path(path_type=Path), default=Path(".podium-cache"),
                      show_default=True, help="Where readings and pages of unchanged transcripts are kept between runs.")
_NO_CACHE = click.option("--no-cache", is_flag=True, help="Read and render every transcript again.")
_CONFIG = click.option("--config", "config", type=click.Path(path_type=Path), default=Path("mkdocs.yml"),
                       show_default=True, help="The MkDocs configuration (its site_url makes citations and feeds absolute).")
_FROZEN = click.option("--frozen", is_flag=True,
                       help="Never change the anchor ledger: stop where a correction would add, move or remove a "
                            "published anchor (what CI runs).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="podium-transcripts", prog_name="podium", message="%(prog)s %(version)s")
@click.option("-q", "--quiet", is_flag=True, help="Say only warnings and errors.")
@click.option("-v", "--verbose", is_flag=True, help="Also show progress on short runs and MkDocs' own lines.")
def main(quiet: bool, verbose: bool) -> None:
    """Press-conference transcripts to a searchable site with a permanent link per question.

    Exit status: 0 done; 1 bad input, reported as `path:line: message` (nothing written
    is touched); 2 a wrong command line; 130 stopped by Ctrl-C, 143 by SIGTERM, with the
    last good output in place."""
    verbosity.set_level(verbosity.QUIET if quiet else verbosity.VERBOSE if verbose else verbosity.NORMAL)


def _say(text: str) -> None:
    """What a run did ("build: site written to site"): not under -q."""
    if verbosity.level() > verbosity.QUIET:
        click.echo(text)


@main.command()
@_INPUT
@_DOCS
@_CONFIG
@_STRICT
@_FROZEN
@_CACHE
@_NO_CACHE
@one_at_a_time("input_dir", "docs_dir", command="generate")
def generate(input_dir: Path, docs_dir: Path, config: Path, strict: bool, frozen: bool, cache_dir: Path, no_cache: bool) -> None:
    """Write the Markdown pages, feeds and JSON export under the docs folder, and update the
    anchor ledger."""
    site_url = _site_url(config)
    cache = None if no_cache else Cache(cache_dir, site_url)
    generated = _generate(input_dir, docs_dir, strict, frozen, cache, site_url)
    _run(lambda: flow.finish(generated, input_dir, docs_dir, frozen, cache))
    _left_out(generated.corpus, "the others were read and written")


@main.command()
@_INPUT
@_DOCS
@click.option("--site", "site_dir", type=click.Path(path_type=Path), default=Path("site"), show_default=True,
              help="Where the built site goes.")
@_CONFIG
@click.option("--engine", type=click.Choice(engines.ENGINES), default=None,
              help="What builds the pages: MkDocs with Material, or Zensical [default: mkdocs.yml's extra.engine, else mkdocs].")
@_STRICT
@_FROZEN
@_CACHE
@_NO_CACHE
@one_at_a_time("input_dir", "docs_dir", "site_dir", command="build")
def build(input_dir: Path, docs_dir: Path, site_dir: Path, config: Path, engine: str | None, strict: bool, frozen: bool,
          cache_dir: Path, no_cache: bool) -> None:
    """Generate, then build the site with MkDocs in strict mode, and its search index.

    The new docs are staged beside the docs folder and the site is built from them; the
    docs, the site and the anchor ledger are all replaced only once both MkDocs and
    Pagefind have succeeded."""
    from .site import build_site, check_site, search_folder  # MkDocs: only `build` runs it

    _run(lambda: check_site(config, docs_dir, site_dir, keep=(input_dir, cache_dir)))
    engine = engine or _run(lambda: engines.configured(config))
    # A cancelled CI job sends SIGTERM: leave as after Ctrl-C, with the last good site in place.
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))
    pages = search_folder(site_dir)
    part_pages = _run(flow.part_pages)
    site_url = _site_url(config)
    cache = None if no_cache else Cache(cache_dir, site_url)
    pending = flow.pending(input_dir)
    pending.unlink(missing_ok=True)  # left by a build that was killed: never to be taken for this one's

    def generate(docs_written: Callable[[tuple[int, int]], None]) -> None:
        generated = _generate(input_dir, docs_dir, strict, frozen, cache, site_url)
        if not frozen:
            _run(lambda: flow.write_ledger(pending, generated.published, input_dir / ledger.LEDGER))
        written = pending if pending.is_file() else input_dir / ledger.LEDGER  # what the ledger will hold once built
        flow.note_ledger(cache, written, generated.published, written=written == pending)
        corpus = generated.corpus  # MkDocs may start: the search pages and the cache are written meanwhile
        docs_written((len(corpus.failed_sources), len(corpus.kept)))
        flow.stage_search(generated, pages, cache, part_pages)

    child = None
    try:
        child = Apart(generate)
        failed, kept = child.docs_written()
        docs = staging(docs_dir) if staging(docs_dir).is_dir() else docs_dir
        _run(lambda: build_site(config, docs, site_dir, pages, child.finished, engine), f"{site_dir} was left as it was")
    except BaseException:
        if child is not None:
            child.stop()  # before clearing up: it might write the pending ledger after
        discard(docs_dir)
        pending.unlink(missing_ok=True)
        raise
    flow.commit_built(input_dir, docs_dir, frozen, None if no_cache else cache_dir)
    _say(f"build: site written to {site_dir}")
    _left_out_counts(failed, kept, "the site was built" if kept else "the site was built without them")


@main.command()
@_INPUT
@_STRICT
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.option("--suggest-registry", is_flag=True,
              help="Print the people and outlets not in speakers.yml, with their spellings, as YAML to add there.")
def check(input_dir: Path, strict: bool, as_json: bool, suggest_registry: bool) -> None:
    """Read every transcript and say what was found, writing nothing."""
    corpus = _run(lambda: load_corpus(input_dir))
    published = _run(lambda: flow.publish(corpus, input_dir, frozen=False))
    if suggest_registry:
        click.echo(registry_suggestion(corpus.transcripts, corpus.registry), nl=False)
    elif as_json:
        click.echo(findings_json(corpus, published.changes))
    else:
        for reading in corpus.readings:
            click.echo(summary(reading))
        _say_changes(published.changes, "anchor ledger (not written by check)", most=None)
    _finish(corpus, strict)
    _left_out(corpus, "the others were read")


@main.command()
@click.option("--site", "site_dir", type=click.Path(path_type=Path), default=Path("site"), show_default=True,
              help="The built site to check.")
def links(site_dir: Path) -> None:
    """Check a built site: every internal link and #fragment resolves, and every URL of the
    JSON export lands on a page and an anchor."""
    from .links import check_links

    if not site_dir.is_dir():
        _fail_with(Problem(site_dir, 0, "no built site here: run `python -m generator build` first"))
    problems = check_links(site_dir)
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        _fail(len(problems), "broken link", consequence=f"{site_dir} has links that lead nowhere")
    _say(f"links: every link and anchor of {site_dir} resolves")


@main.command()
@_INPUT
@_DOCS
@_CONFIG
@_CACHE
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address and port to serve on.")
def serve(input_dir: Path, docs_dir: Path, config: Path, cache_dir: Path, dev_addr: str) -> None:
    """Preview the site, regenerating and reloading it when a transcript changes."""
    from .serve import preview, watch  # MkDocs' server: only `serve` runs it

    if not config.is_file():
        _fail_with(Problem(config, 0, "MkDocs configuration not found (set it with --config)"))
    site_url = _site_url(config)
    cache = Cache(cache_dir, site_url)
    regenerate = waiting((input_dir, docs_dir), "serve", lambda: _regenerate(input_dir, docs_dir, cache, site_url))
    regenerate()
    watcher = watch(input_dir, regenerate)
    try:
        preview(config, docs_dir, dev_addr)
    finally:
        watcher.stop()


def _regenerate(input_dir: Path, docs_dir: Path, cache: Cache, site_url: str) -> None:
    """While serving, after an edit: the new pages, or the problems and the last good pages
    kept (`generate.regenerate`)."""
    try:
        generated = flow.regenerate(input_dir, docs_dir, cache, site_url)
    except InputError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        click.echo("serve: the last good pages are still shown; fix the input and save again", err=True)
        return
    _finish(generated.corpus, strict=False)
    _say(f"serve: regenerated: {generated.report}")
    if generated.corpus.failed:
        click.echo("serve: the last good pages are still shown for what could not be read; fix the input and save again",
                   err=True)


def _site_url(config: Path) -> str:
    """Where the site is published, from the MkDocs configuration (`!ENV` and all); empty
    where it does not say or there is none."""
    from mkdocs.utils.yaml import yaml_load

    if not config.is_file():
        return ""
    try:
        with open(config, encoding="utf-8") as handle:
            return str((yaml_load(handle) or {}).get("site_url") or "")
    except Exception as error:  # MkDocs says what is wrong with its configuration when it reads it
        mark = getattr(error, "problem_mark", None)
        _fail_with(Problem(config, mark.line + 1 if mark else 0, f"not a readable MkDocs configuration: {error}"))
        raise


def _generate(input_dir: Path, docs_dir: Path, strict: bool, frozen: bool, cache: Cache | None,
              site_url: str) -> flow.Generated:
    """The docs staged (`generate.stage_docs`), saying as it goes what was found and what
    the ledger records anew, then what was written."""
    generated = _run(lambda: flow.stage_docs(input_dir, docs_dir, frozen, cache, site_url, _Saying(input_dir, strict)))
    _say(f"generate: {plural(generated.transcripts, 'transcript')}, {plural(generated.questions, 'question')}; "
         f"{generated.report} in {docs_dir}")
    return generated


class _Saying:
    """What `generate` and `build` say while the docs are made: progress, the problems and
    warnings of the reading (a stop under --strict), then the ledger's changes."""

    def __init__(self, input_dir: Path, strict: bool):
        self.input_dir, self.strict = input_dir, strict

    def progress(self, items, total: int, what: str):
        return progress(items, total, what)

    def read(self, corpus: Corpus) -> None:
        _finish(corpus, self.strict)

    def published(self, published: ledger.Published) -> None:
        if verbosity.level() > verbosity.QUIET:  # what the ledger records anew: said, not under -q
            _say_changes(published.changes, f"{self.input_dir / ledger.LEDGER}")


def _say_changes(changes: tuple[ledger.Change, ...], where: str, most: int | None = 30) -> None:
    """The ledger's changes, one line each; past `most`, how many more (`check` lists all)."""
    if changes:
        click.echo(f"{where}: {plural(len(changes), 'change')} to the published anchors:")
        for change in changes[:most]:
            click.echo(f"  {change.problem}")
        if most is not None and len(changes) > most:
            click.echo(f"  ... and {len(changes) - most:,} more: `python -m generator check` lists them all")


def _left_out(corpus: Corpus, consequence: str) -> None:
    """Transcripts that could not be read were reported; the run went on without them. Say
    so last, and fail: their problems are the editor's to fix."""
    if corpus.failed:
        _left_out_counts(len(corpus.failed_sources), len(corpus.kept), consequence)


def _left_out_counts(failed: int, kept: int, consequence: str) -> None:
    if failed:
        published = f", {kept} published as last read" if kept else ""
        _fail(failed, "transcript", f" that could not be read{published}", consequence)


def _finish(corpus: Corpus, strict: bool) -> None:
    """Show what stopped a transcript's reading, then the warnings; under --strict either
    stops the run, with nothing written."""
    for problem in corpus.failed:
        click.echo(str(problem), err=True)
    for warning in corpus.warnings:
        click.echo(_warning(warning), err=True)
    if strict and corpus.failed:
        _fail(len(corpus.failed), "problem", " in strict mode")
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
    except OSError as error:  # a folder that cannot be written: a full disk, no permission
        click.echo(f"{error.filename or ''}: {error.strerror or error}", err=True)
        _fail(1, "problem", consequence=consequence)


def _fail_with(problem: Problem) -> None:
    click.echo(str(problem), err=True)
    _fail(1, "problem")


def _fail(count: int, noun: str, why: str = "", consequence: str = NOTHING_CHANGED) -> None:
    click.echo(f"stopped: {plural(count, noun)}{why}; {consequence}", err=True)
    sys.exit(1)
