"""Stage 8, `site`: the engine (MkDocs, or Zensical: `engine.py`) in strict mode into a
fresh folder, and the Pagefind search index beside it, swapped in only when both succeed.

The index is made from the plain search pages `render.search_pages` gives (the speech of
each transcript at its page's URL), in parts (`indexing`), so Pagefind runs while MkDocs
builds, which makes its pages on every core (`mkdocs_pages`). A build that fails (a broken link, a missing anchor, an index
Pagefind cannot write) or is interrupted leaves the last good site where it was.
"""

from __future__ import annotations

import shutil
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from . import engine as engines
from . import mkdocs_pages
from .errors import InputError
from .indexing import SearchIndexError, not_started, start_index

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
        self.indexing = not_started("not started")

    def run(self) -> None:
        self.status = self.pages_written()
        if not self.status:
            self.indexing = start_index(self.pages, self.index, self.yielding)
