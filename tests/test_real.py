"""The reader on real transcripts, against their hand readings (`tests/real/`).

`benchmarks/reading.py` gives the figures; this test holds the reader to the figures it
has reached, so that a change that reads real text worse fails. The issue's targets are
in `benchmarks/reading.py` (TARGETS); raise FLOOR as the reader gets there.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

import reading  # noqa: E402

REAL = REPO / "tests" / "real"
SHARED = REPO.parent / "shared" / "real"

# What the reader reaches on the hand-read set, per publisher (shares, a point under the
# measured figure, so that noise in a rule's edge cases does not fail the suite), and how
# many exchanges it may give a non-journalist or a name the text does not give, all told.
FLOOR = {  # a little under the figures of 2026-12-04 (benchmarks/reading.py), so a regression shows
    "wh": {"count": 0.99, "questioners": 0.79, "outlets": 0.91, "answers": 0.98},
    "state": {"count": 0.95, "questioners": 0.88, "outlets": 0.90, "answers": 0.97},
    "pmc": {"count": 0.95, "questioners": 0.70, "outlets": 0.88, "answers": 0.97},
    "kremlin": {"count": 0.99, "questioners": 0.97, "outlets": 0.88, "answers": 0.98},
    "mx": {"count": 0.87, "questioners": 0.68, "outlets": 0.58, "answers": 0.95},
    "pcoo": {"count": 0.99, "questioners": 0.98, "outlets": 0.98, "answers": 0.97},
    "fomc": {"count": 0.99, "questioners": 0.99, "outlets": 0.97, "answers": 0.99},
}
CEILING = {"non_journalists": 0, "named_wrongly": 25}
# Over the 300 transcripts of ../shared/real, per transcript.
WARNINGS = {"has no answer": 0.09, "read as a journalist": 0.01}


@pytest.fixture(scope="module")
def scores():
    return reading.measure(REAL)


def test_the_reader_keeps_what_it_reads_right_on_real_transcripts(scores):
    below = {
        (publisher, k): round(v, 3)
        for publisher, score in scores.items()
        for k, v in score.shares().items()
        if v < FLOOR.get(publisher, {}).get(k, 0.0)
    }
    assert below == {}
    total = reading.Score()
    for score in scores.values():
        total.add(score)
    assert total.non_journalists <= CEILING["non_journalists"]
    assert total.named_wrongly <= CEILING["named_wrongly"]


def test_every_publisher_has_twenty_hand_read_files_or_is_a_widening(scores):
    counts = {publisher: score.files for publisher, score in scores.items()}
    assert all(counts[p] >= 20 for p in ("wh", "state", "pmc"))
    assert len([p for p in counts if p not in ("wh", "state", "pmc")]) >= 4


@pytest.mark.parametrize("path", sorted((REAL / "expected").glob("*/*.yml")), ids=lambda p: f"{p.parent.name}/{p.stem[:40]}")
def test_a_hand_reading_is_whole_and_points_at_its_text(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    source = REAL / path.parent.name / f"{path.stem}.txt"
    assert source.is_file() and source.with_suffix(".yml").is_file()
    assert data["read"] == "twice"
    lines = source.read_bytes().count(b"\n") + 1
    names = {str(p.get("name")) for p in data["people"]} | {str(l) for p in data["people"] for l in p.get("labels") or ()}
    for entry in data["exchanges"]:
        assert 1 <= entry["line"] <= lines
        assert set(entry.get("answerers") or ()) <= names, entry


@pytest.mark.skipif(not SHARED.is_dir(), reason="no ../shared/real beside the repository")
def test_warnings_over_the_300_real_transcripts_stay_few():
    files, kinds = reading.warnings_by_kind(sorted(p for p in SHARED.iterdir() if p.is_dir()))
    assert files == 300
    per = {needle: sum(c for k, c in kinds.items() if needle in k) / files for needle in WARNINGS}
    assert {k: v for k, v in per.items() if v >= WARNINGS[k]} == {}
