"""Shared fixtures: the project's own sample input, and a scratch project to run the CLI in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "transcripts"


@pytest.fixture(scope="session")
def corpus():
    from generator.pipeline import load_corpus

    return load_corpus(SAMPLES)


def make_project(folder: Path) -> Path:
    """A copy of the project's inputs (transcripts, mkdocs.yml, hand-written docs) to build in."""
    shutil.copytree(SAMPLES, folder / "transcripts")
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", folder / "docs", ignore=_generated)
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def _generated(folder: str, names: list[str]) -> set[str]:
    from generator.render.paths import GENERATED

    return set(names) & set(GENERATED) if Path(folder) == ROOT / "docs" else set()
