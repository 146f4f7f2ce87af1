"""The style corpus: transcripts in every common label style, each with a hand reading.

`tests/corpus/*.txt` are raw transcripts as publishers print them (US government, NATO
in English and French, joint press conferences, Q/A keywords, ...; `tests/corpus/README.md`
says which file has which style), read with one shared registry and no per-file setting
beyond metadata. `tests/corpus/expected/<name>.yml` is what a careful human reads in each:
who asked, for which outlet, the first words of the question, who answered, which
questions follow up, which lines are page chrome. The JSON export of each is checked in
under `tests/corpus/golden/` too: `UPDATE_GOLDEN=1` rewrites it, for a reviewed diff.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.pipeline import load_corpus
from generator.render import export

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = sorted((CORPUS / "expected").glob("*.yml"))


@pytest.fixture(scope="module")
def readings():
    return {r.transcript.source.stem: r for r in load_corpus(CORPUS).readings}


def _name(ref):
    return ref.name if ref else None


def _distinct(names):
    """Names in order, each once: "answered by Kirby, then Jean-Pierre"."""
    return list(dict.fromkeys(n for n in names if n))


def _reading_of(reading):
    t = reading.transcript
    return {
        "opening": [_name(turn.speaker.person) for turn in t.opening if turn.speaker.person and not turn.interpreted
                    and turn.speaker.role.value == "principal"],
        "exchanges": [
            {
                "questioner": _name(e.question.speaker.person),
                "outlet": _name(e.question.speaker.outlet),
                "answers": _distinct(_name(turn.speaker.person) for turn in e.answers),
                "follow_up": e.follow_up_of is not None,
            }
            for e in t.exchanges
        ],
    }


def test_the_corpus_is_large_enough_and_every_file_has_a_reading():
    sources = sorted(p.stem for p in CORPUS.glob("*.txt"))
    assert len(sources) >= 15
    assert sources == [p.stem for p in EXPECTED]


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.stem)
def test_reading_matches_the_hand_reading(readings, path):
    expected = yaml.safe_load(path.read_text(encoding="utf-8"))
    reading = readings[path.stem]
    found = _reading_of(reading)
    wanted = {
        "opening": _distinct(expected["opening"]),
        "exchanges": [
            {k: q[k] if k != "answers" else _distinct(q[k]) for k in ("questioner", "outlet", "answers", "follow_up")}
            for q in expected["exchanges"]
        ],
    }
    assert found["exchanges"] == wanted["exchanges"]
    assert _distinct(found["opening"]) == wanted["opening"]
    questions = [e.question.text for e in reading.transcript.exchanges]
    for question, q in zip(questions, expected["exchanges"]):
        assert question.startswith(q["question"]), (q["question"], question[:80])


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.stem)
def test_chrome_is_out_of_the_speech_and_editorial_marks_stay_in(readings, path):
    expected = yaml.safe_load(path.read_text(encoding="utf-8"))
    t = readings[path.stem].transcript
    turns = [*t.opening, *(x for e in t.exchanges for x in (*e.lead_in, e.question, *e.replies)), *t.closing]
    speech = "\n".join(p for turn in turns for p in turn.paragraphs)
    for line in expected.get("removed", ()):
        assert line not in speech
    for mark in expected.get("kept", ()):
        assert mark in speech


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.stem)
def test_no_warnings_on_the_corpus(readings, path):
    assert [str(w) for w in readings[path.stem].warnings] == []


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.stem)
def test_export_matches_golden_json(readings, path):
    produced = export.dumps(export.transcript(readings[path.stem].transcript))
    golden = CORPUS / "golden" / f"{path.stem}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(json.dumps(json.loads(produced), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert json.loads(produced) == json.loads(golden.read_text(encoding="utf-8"))


def _forking(*lines: str) -> str:
    """What a script printing "done" at its end prints, run apart with the corpus read in
    one process (`serial`) and `p.PARALLEL_FROM` set to 2: pytest's own threads rule out forking."""
    script = "\n".join(("from pathlib import Path", "import generator.pipeline as p", "from generator.cache import Cache",
                        f"folder = Path({str(CORPUS)!r})", "serial = p.load_corpus(folder)", "assert len(serial.readings) > 10",
                        "p.PARALLEL_FROM = 2", *lines, "print('done')"))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    return result.stdout + result.stderr


def test_reading_in_several_processes_gives_the_same_corpus():
    """From `PARALLEL_FROM` transcripts, forked workers read them: the readings are the same,
    in the same order, as one process's."""
    assert _forking("parallel = p.load_corpus(folder)",
                    "assert parallel.readings == serial.readings and parallel.failed == serial.failed") == "done\n"


def test_reading_workers_write_the_cache_files_of_their_readings(tmp_path):
    """Forked workers write each reading's cache file as they make it: the run keeps them as
    they are (no reading pickled again at its end), and the next run reads none again."""
    assert _forking(
        f"cache_dir = Path({str(tmp_path / 'cache')!r})",
        "cache = Cache(cache_dir)",
        "parallel = p.load_corpus(folder, cache=cache)",
        "assert parallel.readings == serial.readings",
        "written = {f.name: f.stat().st_ino for f in cache_dir.glob('*.pickle')}",
        "assert len(written) == len(serial.readings), written",
        "cache.save({r.transcript.source.stem for r in parallel.readings})",
        "assert {f.name: f.stat().st_ino for f in cache_dir.glob('*.pickle')} == written",
        "p._read_one = None  # a second run that reads anything fails",
        "assert p.load_corpus(folder, cache=Cache(cache_dir)).readings == serial.readings",
    ) == "done\n"
