"""Stage 8, `site`: the engine (MkDocs, or Zensical: `engine.py`) in strict mode into a
fresh folder, and the Pagefind search index beside it, swapped in only when both succeed.

The index is made from the plain search pages `render.search_pages` gives (the speech of
each transcript at its page's URL), so Pagefind runs while MkDocs builds, which
makes its pages on every core (`mkdocs_pages`). A build that fails (a broken link, a missing anchor, an index
Pagefind cannot write) or is interrupted leaves the last good site where it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path


from . import cores
from . import engine as engines
from . import mkdocs_pages
from .errors import InputError

INDEX = "pagefind"  # the index's folder in the site


def check_site(config: Path, docs: Path, site: Path, keep: tuple[Path, ...] = ()) -> None:
    """Refuse, before anything is written, a build that cannot be made or would overwrite
    what is not its own: the working folder, the docs, and whatever `keep` names (the
    input folder, the cache, the configuration), or a folder holding any of them."""
    if not config.is_file():
        raise InputError.at(config, 0, "MkDocs configuration not found (set it with --config)")
    resolved = site.resolve()
    for other in (Path.cwd(), docs, config, *keep):
        other = other.resolve()
        if resolved == other or resolved in other.parents:
            raise InputError.at(site, 0, "refusing to build over this folder: --site must be a folder of its own")


def search_folder(site: Path) -> Path:
    """Where `build` puts the search pages for Pagefind to index, beside the site."""
    return site.resolve().with_name(f".{site.resolve().name}.search")


def build_site(config: Path, docs: Path, site: Path, pages: Path, pages_written: Callable[[], int],
               engine: str = "mkdocs") -> None:
    """Build `docs` with the MkDocs `config` into `site`, strictly, with the search index of
    the search pages in the folder `pages` (removed once indexed), which may still be being
    written: `pages_written` waits for them (0: they are; else an exit status to stop
    with, their writer having said why). Raise InputError on failure."""
    check_site(config, docs, site)
    given, site, docs = site, site.resolve(), docs.resolve()
    staging, previous = site.with_name(f".{site.name}.building"), site.with_name(f".{site.name}.previous")
    index = site.with_name(f".{site.name}.index")
    for leftover in (staging, previous, index):
        shutil.rmtree(leftover, ignore_errors=True)
    # Where MkDocs makes its pages on every core (`mkdocs_pages`), Pagefind shares them as an
    # equal; where the engine builds in one thread, Pagefind yields it a core.
    starting = _Starter(pages_written, pages, index, yielding=engine != "mkdocs" or mkdocs_pages.workers() < 2)
    starting.start()
    try:
        try:
            engines.run(engine, config, docs, staging)
        except BaseException:
            starting.join()
            starting.indexing.stop()  # MkDocs failed or was interrupted: the index is not wanted
            raise
        starting.join()
        if starting.status:
            sys.exit(starting.status)
        indexing = starting.indexing
        indexing.wait()
        if (staging / INDEX).exists():
            raise InputError.at(docs / INDEX, 0, f"'{INDEX}' in the docs folder would be overwritten by the "
                                f"search index: rename it")
    except BaseException:
        starting.join()
        starting.indexing.stop()
        for leftover in (staging, index):
            shutil.rmtree(leftover, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(pages, ignore_errors=True)
    try:
        indexing.check()
    except SearchIndexError as error:
        for leftover in (staging, index):
            shutil.rmtree(leftover, ignore_errors=True)
        raise InputError.at(given, 0, f"Pagefind could not index the site, the site was left as it was: {error}") from None
    index.rename(staging / INDEX)
    if site.exists():
        site.rename(previous)
    staging.rename(site)
    shutil.rmtree(previous, ignore_errors=True)


class _Starter(threading.Thread):
    """Starts Pagefind once the search pages are written, while MkDocs builds."""

    def __init__(self, pages_written: Callable[[], int], pages: Path, index: Path, yielding: bool):
        super().__init__(daemon=True)
        self.pages_written, self.pages, self.index, self.yielding = pages_written, pages, index, yielding
        self.status = 0
        self.indexing = Indexing(None, None, "not started")

    def run(self) -> None:
        self.status = self.pages_written()
        if not self.status:
            self.indexing = start_index(self.pages, self.index, self.yielding)


class SearchIndexError(Exception):
    """Pagefind could not index the built site, or is not installed."""


class Indexing:
    """A Pagefind run in the background; `wait` for it, then `check` what it said."""

    def __init__(self, process: subprocess.Popen | None, log: Path | None, failure: str | None = None):
        self.process, self.log, self.failure = process, log, failure
        self.said: list[str] = []

    def wait(self) -> Indexing:
        if self.process is not None:
            try:
                self.process.wait(timeout=3600)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                self.failure = "it did not finish within an hour"
            if self.log is not None:  # read once: a second wait finds what the first did
                text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.is_file() else ""
                self.said = [line.strip() for line in text.splitlines() if line.strip()]
                self.log.unlink(missing_ok=True)
                self.log = None
            if self.failure is None and self.process.returncode != 0:
                self.failure = _reason(self.said) or f"exit status {self.process.returncode}"
        return self

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
        self.wait()

    def check(self) -> None:
        if self.failure is not None:
            raise SearchIndexError(self.failure)
        for line in self.said:  # with --quiet, Pagefind says only what it warns about
            print(f"pagefind: {line}", file=sys.stderr)


def start_index(pages: Path, output: Path, yielding: bool = False) -> Indexing:
    """Start Pagefind on the folder of search `pages`, writing the index into `output`,
    with the binary the `pagefind[extended]` package installs (or PAGEFIND_BINARY_PATH);
    `yielding` a core and the first claim on the others to an engine building meanwhile in
    one thread. (At 1,000 transcripts, with MkDocs' pages in two workers, Pagefind yielding
    was done 7.4 s after MkDocs, and 0.03 s as an equal: 46.5 s against 39.3 s in all.)"""
    binary = _pagefind_binary()
    if binary is None or not binary.is_file():
        return Indexing(None, None, "its binary was not found (install the project again: pip install -e .)")
    log = output.with_name(output.name + ".log")  # beside the index: removed with it
    command = [str(binary), "--site", str(pages), "--output-path", str(output), "--quiet"]
    try:
        with open(log, "w", encoding="utf-8") as out:
            process = subprocess.Popen(_yielding(command) if yielding else command, stdout=out, stderr=subprocess.STDOUT,
                                       env=_one_core_less() if yielding else None)
    except OSError as error:
        log.unlink(missing_ok=True)
        return Indexing(None, None, str(error))
    return Indexing(process, log)


def _one_core_less() -> dict[str, str]:
    """Pagefind's threads (Rayon's pool) leave MkDocs a core of its own."""
    return {**os.environ, "RAYON_NUM_THREADS": str(max(1, cores.count() - 1))}


def _yielding(command: list[str]) -> list[str]:
    """Pagefind at a lower priority, where `nice` is there: MkDocs, building meanwhile in
    one thread, keeps a core, and Pagefind's threads have whatever else is free."""
    nice = shutil.which("nice")
    return [nice, "-n", "10", *command] if nice else command


def _pagefind_binary() -> Path | None:
    try:
        from pagefind.service import get_executable
    except ImportError:
        return None
    return get_executable()


def _reason(said: list[str]) -> str:
    """The line of Pagefind's output that says why it failed: its error, or what it panicked on."""
    for i, line in enumerate(said):
        if line.startswith("Error:"):
            return line.removeprefix("Error:").strip()
        if "panicked at" in line and i + 1 < len(said):
            return said[i + 1]
    return said[-1] if said else ""
