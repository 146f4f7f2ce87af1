"""Stage 8, `site`: MkDocs in strict mode, into a fresh folder swapped in only on success.

A build that fails (a broken link, a missing anchor) or is interrupted leaves the last
good site where it was.
"""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .errors import InputError


class _Warnings(logging.Handler):
    """Shows MkDocs' warnings as they come, like `mkdocs build` does."""

    def emit(self, record: logging.LogRecord) -> None:
        print(f"mkdocs: {record.levelname.lower()}: {record.getMessage()}", file=sys.stderr)


def build_site(config: Path, docs: Path, site: Path) -> None:
    """Build `docs` with the MkDocs `config` into `site`, strictly; raise InputError on failure."""
    if not config.is_file():
        raise InputError.at(config, 0, "MkDocs configuration not found (set it with --config)")
    site = site.resolve()
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
    if site.exists():
        site.rename(previous)
    staging.rename(site)
    shutil.rmtree(previous, ignore_errors=True)
