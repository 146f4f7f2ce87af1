"""The search index: Pagefind over the search pages, one run per part of the archive.

`render.search_page.in_parts` splits the search pages into parts of whole years, newest
first, and lists them in `parts.json` beside the pages. Each part is indexed by a Pagefind
run of its own, one after another, so that Pagefind holds one part's pages (about 1 MB a
page while it indexes), not the archive's. The newest part's bundle is the index folder
itself (`pagefind/`), each older one a bundle under `pagefind/part/FIRST-LAST/`, and
`parts.json` goes in with them: the site's search reads the newest part first and the
older ones as the reader asks for them, merging each with Pagefind's `mergeIndex`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from . import cores
from .render.search_page import PARTS

RUN_SECONDS = 3600  # one part's run at most


class SearchIndexError(Exception):
    """Pagefind could not index the built site, or is not installed."""


class Indexing:
    """Pagefind's runs, one after another in a thread of their own; `wait` for them, then
    `check` what they said. `finish`, once they all succeeded, puts the list of parts in."""

    def __init__(self, runs: list[list[str]], log: Path | None, env: dict[str, str] | None = None,
                 finish: Callable[[], None] | None = None, failure: str | None = None):
        self.runs, self.log, self.env, self.finish, self.failure = runs, log, env, finish, failure
        self.said: list[str] = []
        self._process: subprocess.Popen | None = None
        self._stopped = False
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run_all, daemon=True) if runs and failure is None else None
        if self._thread is not None:
            self._thread.start()

    def _run_all(self) -> None:
        for command in self.runs:
            if not self._run(command):
                return
        if self.finish is not None:
            try:
                self.finish()
            except OSError as error:
                self.failure = f"{error.filename or ''}: {error.strerror or error}"

    def _run(self, command: list[str]) -> bool:
        with self._lock:
            if self._stopped:
                return False
            try:
                with open(self.log, "w", encoding="utf-8") as out:
                    self._process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=self.env)
            except OSError as error:
                self.failure = str(error)
                return False
        process = self._process
        try:
            process.wait(timeout=RUN_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            self.failure = "it did not finish within an hour"
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.is_file() else ""
        said = [line.strip() for line in text.splitlines() if line.strip()]
        self.said += said
        if self.failure is None and process.returncode != 0:
            self.failure = "stopped" if self._stopped else _reason(said) or f"exit status {process.returncode}"
        return self.failure is None

    def wait(self) -> Indexing:
        if self._thread is not None:
            self._thread.join()
        if self.log is not None:
            self.log.unlink(missing_ok=True)
        return self

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            if self._process is not None and self._process.poll() is None:
                self._process.kill()
        self.wait()

    def check(self) -> None:
        if self.failure is not None:
            raise SearchIndexError(self.failure)
        for line in self.said:  # with --quiet, Pagefind says only what it warns about
            print(f"pagefind: {line}", file=sys.stderr)


def not_started(reason: str) -> Indexing:
    return Indexing([], None, failure=reason)


def start_index(pages: Path, output: Path, yielding: bool = False) -> Indexing:
    """Start indexing the folder of search `pages` into `output`, part by part (as
    `parts.json` there lists them), with the binary the `pagefind[extended]` package
    installs (or PAGEFIND_BINARY_PATH); `yielding` a core and the first claim on the others
    to an engine building meanwhile in one thread. (At 1,000 transcripts, with MkDocs'
    pages in two workers, Pagefind yielding was done 7.4 s after MkDocs, and 0.03 s as an
    equal: 46.5 s against 39.3 s in all.)"""
    binary = _pagefind_binary()
    if binary is None or not binary.is_file():
        return not_started("its binary was not found (install the project again: pip install -e .)")
    listed = pages / PARTS
    parts = json.loads(listed.read_text(encoding="utf-8"))["parts"] if listed.is_file() else []
    command = [str(binary), "--site", str(pages), "--quiet", "--output-path"]
    runs = [[*command, str(output)]]
    if len(parts) > 1:
        runs = [[*command, str(output / part["path"]), "--glob", _glob(part["folders"])] for part in parts]

    def finish() -> None:
        if listed.is_file():
            shutil.copyfile(listed, output / PARTS)

    log = output.with_name(output.name + ".log")  # beside the index: removed with it
    return Indexing([_yielding(run) for run in runs] if yielding else runs, log,
                    _one_core_less() if yielding else None, finish)


def _glob(folders: list[str]) -> str:
    """The search pages of a part's year folders, for Pagefind's `--glob`."""
    return f"transcripts/{folders[0]}/**/*.html" if len(folders) == 1 else f"transcripts/{{{','.join(folders)}}}/**/*.html"


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
