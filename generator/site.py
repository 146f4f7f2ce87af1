"""Stage 8, `site`: MkDocs in strict mode, then the Pagefind search index, into a fresh
folder swapped in only on success.

A build that fails (a broken link, a missing anchor, an index Pagefind cannot write) or is
interrupted leaves the last good site where it was.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .errors import InputError

# What Pagefind leaves out of a transcript page (the theme marks its content with
# data-pagefind-body; no other page is indexed): everything around the speech. Pagefind's
# selector engine has no sibling combinators, hence classes and elements. Speech is never
# a list (markdown.text escapes list markers), so the lists are the facts and the jump list.
NOT_INDEXED = (
    ".headerlink",  # the ¶ after each heading
    "#questions",  # the jump list's heading
    "[data-pagefind-body] ul",
    "[data-pagefind-body] ol",
    ".turn-speaker",  # "Mark Rutte · answer": the filters and the exchange heading say who speaks
    ".exchange-permalink",
    ".exchange-follow-up",  # "Follow-up to Q3"
    ".transcript-neighbours",  # other transcripts' titles
)


class _Warnings(logging.Handler):
    """Shows MkDocs' warnings as they come, like `mkdocs build` does."""

    def emit(self, record: logging.LogRecord) -> None:
        print(f"mkdocs: {record.levelname.lower()}: {record.getMessage()}", file=sys.stderr)


def build_site(config: Path, docs: Path, site: Path) -> None:
    """Build `docs` with the MkDocs `config` into `site`, strictly; raise InputError on failure."""
    if not config.is_file():
        raise InputError.at(config, 0, "MkDocs configuration not found (set it with --config)")
    given, site = site, site.resolve()
    cwd, docs = Path.cwd(), docs.resolve()
    if site in (cwd, docs, *cwd.parents, *docs.parents):
        raise InputError.at(site, 0, "refusing to build over this folder: --site must be a folder of its own")
    staging = site.with_name(f".{site.name}.building")
    previous = site.with_name(f".{site.name}.previous")
    for leftover in (staging, previous):
        shutil.rmtree(leftover, ignore_errors=True)
    logger = logging.getLogger("mkdocs")
    handler = _Warnings(logging.WARNING)
    logger.addHandler(handler)
    try:
        cfg = load_config(str(config), docs_dir=str(docs), site_dir=str(staging), strict=True)
        build(cfg)
    except MkDocsException as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise InputError.at(config, 0, f"MkDocs build failed, the site was left as it was: {error}") from None
    finally:
        logger.removeHandler(handler)
    try:
        index_site(staging)
    except SearchIndexError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise InputError.at(given, 0, f"Pagefind could not index the site, the site was left as it was: {error}") from None
    if site.exists():
        site.rename(previous)
    staging.rename(site)
    shutil.rmtree(previous, ignore_errors=True)


class SearchIndexError(Exception):
    """Pagefind could not index the built site, or is not installed."""


def index_site(site: Path) -> None:
    """Write the Pagefind search index of the built `site` into `site/pagefind/`, with the
    binary that the `pagefind[extended]` package installs (or PAGEFIND_BINARY_PATH)."""
    binary = _pagefind_binary()
    if binary is None or not binary.is_file():
        raise SearchIndexError("its binary was not found (install the project again: pip install -e .)")
    command = [str(binary), "--site", str(site), "--output-subdir", "pagefind", "--quiet"]
    for selector in NOT_INDEXED:
        command += ["--exclude-selectors", selector]
    try:
        result = subprocess.run(command, check=False, capture_output=True, text=True, errors="replace", timeout=3600)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(str(error)) from None
    said = [line.strip() for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    if result.returncode != 0:
        raise SearchIndexError(_reason(said) or f"exit status {result.returncode}")
    for line in said:  # with --quiet, Pagefind says only what it warns about
        print(f"pagefind: {line}", file=sys.stderr)


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
