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


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's inputs (transcripts, mkdocs.yml, hand-written docs) to build in."""
    shutil.copytree(SAMPLES, tmp_path / "transcripts")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=_generated)
    return tmp_path


def _generated(folder: str, names: list[str]) -> set[str]:
    from generator.render.paths import GENERATED

    return set(names) & set(GENERATED) if Path(folder) == ROOT / "docs" else set()
