"""The documented limits of one transcript (`generator/limits.py`): each refused at once,
at its line, naming the limit; everything up to it read."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator import limits
from generator.errors import InputError
from generator.pipeline import load_transcript
from generator.registry import Registry

QA = "QUESTION:\nWhat now?\nNATO Secretary General Mark Rutte:\nWe go on.\n"


def _problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as raised:
        load_transcript(path, Registry())
    return [str(p) for p in raised.value.problems]


def _transcript(tmp_path: Path, text: str = "Press conference\n" + QA, sidecar: str | None = None) -> Path:
    path = tmp_path / "2025-01-01-press-conference.txt"
    path.write_text(text, encoding="utf-8")
    if sidecar is not None:
        path.with_suffix(".yml").write_text(sidecar, encoding="utf-8")
    return path


@pytest.mark.parametrize(("key", "most"), [("title", limits.TITLE), ("subtitle", limits.SUBTITLE),
                                           ("location", limits.LOCATION), ("kind", limits.KIND)])
def test_a_sidecar_field_up_to_its_limit_is_read_and_past_it_refused_at_its_line(tmp_path, key, most):
    path = _transcript(tmp_path, sidecar=f"date: 2025-01-01\n{key}: {'x' * most}\n")
    assert getattr(load_transcript(path, Registry()).transcript.meta, key) == "x" * most
    path.with_suffix(".yml").write_text(f"date: 2025-01-01\n{key}: {'x' * (most + 1)}\n", encoding="utf-8")
    assert _problems(path) == [f"{path.with_suffix('.yml')}:2: '{key}' is {most + 1:,} characters long, "
                               f"over the limit of {most:,}: shorten it"]


def test_a_fifty_megabyte_title_is_refused_at_once(tmp_path):
    path = _transcript(tmp_path, sidecar="title: " + "x" * 50_000_000 + "\n")
    start = time.monotonic()
    assert _problems(path) == [f"{path.with_suffix('.yml')}: 50,000,008 bytes, over the limit of "
                               f"{limits.SIDECAR_BYTES:,} for a sidecar: a sidecar holds a transcript's metadata "
                               "only: shorten its values"]
    assert time.monotonic() - start < 1


def test_a_transcript_file_past_its_size_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = _transcript(tmp_path, "Press conference\n" + QA * (limits.TRANSCRIPT_BYTES // len(QA) + 1))
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read"))
    [problem] = _problems(path)
    assert problem.startswith(f"{path}: {path.stat().st_size:,} bytes, over the limit of {limits.TRANSCRIPT_BYTES:,} "
                              "for one transcript")


def test_a_transcript_of_too_many_lines_is_refused_before_it_is_parsed(tmp_path):
    path = _transcript(tmp_path, "Press conference\n" + "\n" * limits.TRANSCRIPT_LINES)
    assert _problems(path) == [f"{path}:{limits.TRANSCRIPT_LINES + 1}: {limits.TRANSCRIPT_LINES + 2:,} lines, over the "
                               f"limit of {limits.TRANSCRIPT_LINES:,} for one transcript: if it really is one event, "
                               "split it into parts (one file per session)"]


def test_too_many_turns_are_refused_at_the_first_past_the_limit(tmp_path):
    exchanges = limits.TURNS // 2
    path = _transcript(tmp_path, "Press conference\nGood morning.\n" + QA * exchanges)
    first_past = 3 + 4 * (exchanges - 1) + 2  # the last answer: the opening and 6,000 questions before it
    assert _problems(path) == [f"{path}:{first_past}: turn {limits.TURNS + 1:,} starts here, over the limit of "
                               f"{limits.TURNS:,} turns for one transcript: if it really is one event, split it into parts"]
    path.write_text("Press conference\nGood morning.\n" + QA * (exchanges - 1), encoding="utf-8")
    assert len(load_transcript(path, Registry()).transcript.exchanges) == exchanges - 1


@pytest.mark.parametrize(("words", "limit"), [(20, "bytes, over the limit of 4,000,000 for one transcript"),
                                              (1, "lines, over the limit of 150,000 for one transcript")])
def test_a_hundred_thousand_turns_are_refused_at_once_naming_the_limit(tmp_path, words, limit):
    """The 100,000-turn transcript of the issue (12 MB: it generated in 13.5 s into an 86 MB
    page MkDocs had not built after 480 s), and the same turns squeezed into 2.5 MB."""
    from tests.test_cli import run

    said = " ".join(["word"] * words)
    lines = ["Annual news conference", "(As delivered)"]
    for n in range(50_000):
        lines += ["QUESTION:", f"{said} {n}?"] + [""] * (words > 1) + ["PRESIDENT:", f"{said} {n}."] + [""] * (words > 1)
    (tmp_path / "transcripts").mkdir()
    (tmp_path / "transcripts/2024-12-19-annual.txt").write_text("\n".join(lines), encoding="utf-8")
    start = time.monotonic()
    result = run(tmp_path, "generate")
    assert time.monotonic() - start < 10
    assert result.returncode == 1 and result.stderr.startswith("transcripts/2024-12-19-annual.txt:"), result.stderr
    assert limit in result.stderr.splitlines()[0] and "Traceback" not in result.stderr
