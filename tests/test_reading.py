"""Whole transcripts read end to end (read → structure): the cases that decide who said what."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.errors import InputError
from generator.pipeline import load_corpus, load_transcript
from generator.registry import load_registry
from tests.conftest import SAMPLES

HEAD = "Press point\nby NATO Secretary General Mark Rutte\n\n"


def read(folder: Path, text: str, sidecar: str | None = None, registry: str | None = None):
    path = folder / "2025-01-01-press-point.txt"
    path.write_text(text, encoding="utf-8")
    if sidecar is not None:
        path.with_suffix(".yml").write_text(sidecar, encoding="utf-8")
    if registry is not None:
        (folder / "speakers.yml").write_text(registry, encoding="utf-8")
    return load_transcript(path, load_registry(folder))


def names(turns):
    return [t.speaker.person.name if t.speaker.person else None for t in turns]


def test_a_moderator_opening_the_event_belongs_to_the_opening(tmp_path):
    t = read(tmp_path, HEAD + "NATO Spokesperson Farah Dakhlallah:\nWelcome.\n\nNATO Secretary General Mark Rutte:\n"
             "The whole opening statement.\n\nQuestion:\nFirst?\n\nNATO Secretary General Mark Rutte:\nAnswer.\n").transcript
    assert names(t.opening) == ["Farah Dakhlallah", "Mark Rutte"]
    assert t.exchanges[0].lead_in == ()
    assert names(t.exchanges[0].answers) == ["Mark Rutte"]


def test_an_answer_after_a_moderator_is_still_an_answer(tmp_path):
    t = read(tmp_path, HEAD + "Opening.\n\nSabine Siebold, Reuters\nFirst?\n\nNATO Spokesperson Farah Dakhlallah\n"
             "Secretary General, over to you.\n\nNATO Secretary General Mark Rutte\nA long answer to the first.\n\n"
             "Adam Parsons, Sky News\nSecond?\n\nNATO Secretary General Mark Rutte\nSecond answer.\n").transcript
    first, second = t.exchanges
    assert names(first.answers) == ["Mark Rutte"] and first.answers[0].text == "A long answer to the first."
    assert second.lead_in == ()


def test_speech_shaped_like_a_label_stays_speech_and_is_flagged(tmp_path):
    reading = read(tmp_path, HEAD + "Dear Prime Minister\nWelcome to NATO.\nFinland, Sweden and Norway\n"
                   "are our neighbours.\n\nQuestion:\nWhy?\n\nNATO Secretary General Rutte:\nBecause.\n")
    t = reading.transcript
    assert t.opening[0].paragraphs[:3] == ("Dear Prime Minister", "Welcome to NATO.", "Finland, Sweden and Norway")
    assert names(t.opening) == ["Mark Rutte"] and len(t.exchanges) == 1
    assert [str(w) for w in reading.warnings] == [
        f"{tmp_path}/2025-01-01-press-point.txt:4: 'Dear Prime Minister' looks like a speaker label but was "
        "read as text (confidence 0.60): if it is one, add the name to speakers.yml"
    ]


def test_a_title_in_brackets_is_a_title_not_an_outlet(tmp_path):
    t = read(tmp_path, "Press point\n\nQuestion:\nWhy?\n\nJens Stoltenberg (NATO Secretary General):\nBecause.\n").transcript
    answer = t.exchanges[0].answers[0].speaker
    assert answer.person.name == "Jens Stoltenberg" and answer.outlet is None


def test_a_sidecar_title_keeps_the_first_line_when_it_is_speech(tmp_path):
    t = read(tmp_path, "Good morning everyone.\nWe meet at a crucial time.\n\nQuestion:\nWhat?\n\n"
             "NATO Secretary General Mark Rutte:\nAnswer.\n", sidecar="title: Press point\n").transcript
    assert t.meta.title == "Press point"
    assert t.opening[0].paragraphs == ("Good morning everyone.", "We meet at a crucial time.")


def test_word_line_breaks_split_lines(tmp_path):
    t = read(tmp_path, HEAD + "Hello\x0bworld.\n\nQuestion:\x0bWhat?\n\nNATO Secretary General Rutte:\nAnswer.\n").transcript
    assert t.opening[0].paragraphs == ("Hello", "world.")
    assert t.exchanges[0].question.text == "What?"


def test_a_title_only_label_is_the_subtitles_principal_before_the_registrys(tmp_path):
    registry = ("people:\n  - name: Mark Rutte\n    role: NATO Secretary General\n"
                "  - name: Jens Stoltenberg\n    role: NATO Secretary General\n")
    t = read(tmp_path, HEAD + "Opening.\n\nQuestion:\nWhat?\n\nNATO Secretary General:\nAnswer.\n", registry=registry).transcript
    assert names(t.exchanges[0].answers) == ["Mark Rutte"]


def test_a_joint_press_conference_attributes_each_answer(tmp_path):
    t = read(tmp_path, "Joint press conference\nby NATO Secretary General Mark Rutte and Prime Minister Jonas Gahr Støre "
             "of Norway in Oslo\n\nNATO Secretary General Rutte:\nWelcome.\n\nPrime Minister Støre:\nThank you.\n\n"
             "Question:\nTo both of you?\n\nNATO Secretary General Rutte:\nFirst.\n\nPrime Minister Støre:\nSecond.\n").transcript
    assert names(t.opening) == ["Mark Rutte", "Jonas Gahr Støre"]
    assert names(t.exchanges[0].answers) == ["Mark Rutte", "Jonas Gahr Støre"]


def test_an_unknown_name_that_asks_once_is_a_journalist(tmp_path):
    reading = read(tmp_path, HEAD + "Opening.\n\nFoo Bar:\nWhy?\n\nNATO Secretary General Rutte:\nBecause.\n")
    assert reading.transcript.exchanges[0].question.speaker.person.name == "Foo Bar"
    assert reading.warnings == ()


def test_an_unknown_name_the_turns_do_not_place_is_a_guess_an_editor_is_told_of(tmp_path):
    reading = read(tmp_path, HEAD + "Opening.\n\nFoo Bar:\nYes.\n\nFoo Bar:\nNo.\n")
    guess = ("'Foo Bar' is not in speakers.yml, and its turns neither ask nor answer: read as a speaker of the event; "
             "if not, give its role in speakers.yml")
    assert [(w.line, w.message) for w in reading.warnings if w.message == guess] == [(6, guess)]


def test_the_same_journalist_twice_in_a_row_is_one_question(tmp_path):
    t = read(tmp_path, HEAD + "Opening.\n\nSabine Siebold, Reuters\nFirst part?\n\nSabine Siebold, Reuters\n"
             "Second part?\n\nNATO Secretary General Mark Rutte\nAnswer.\n").transcript
    assert len(t.exchanges) == 1
    assert t.exchanges[0].question.paragraphs == ("First part?", "Second part?")


def test_an_outlet_called_index_gets_a_page_of_its_own(tmp_path):
    t = read(tmp_path, HEAD + "Opening.\n\nGabor Kiss, Index\nWhy?\n\nNATO Secretary General Mark Rutte\nBecause.\n").transcript
    assert t.exchanges[0].question.speaker.outlet.id == "index-1"


def test_the_samples_read_the_same_without_a_registry(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(SAMPLES, folder, ignore=shutil.ignore_patterns("speakers.yml"))
    with_registry = {t.id: t for t in load_corpus(SAMPLES).transcripts}
    for t in load_corpus(folder).transcripts:
        expected = with_registry[t.id]
        assert [e.question.line for e in t.exchanges] == [e.question.line for e in expected.exchanges]
        assert [names(e.answers) for e in t.exchanges] == [names(e.answers) for e in expected.exchanges]
        assert [bool(e.question.speaker.outlet) for e in t.exchanges] == [
            bool(e.question.speaker.outlet) for e in expected.exchanges
        ]


@pytest.mark.parametrize(
    "sidecar, message",
    [
        ("title: a\x01b\n", "1: not valid YAML: character #x0001 is not allowed"),
        ("title: " + "[" * 5000 + "\n", "0: not valid YAML: nested too deeply"),
        ("source_url: javascript:alert(1)\n", "1: 'source_url' must be a web address starting with http:// or https://"),
    ],
    ids=["control-character", "deep-nesting", "javascript-url"],
)
def test_bad_sidecars_are_errors_not_tracebacks(tmp_path, sidecar, message):
    with pytest.raises(InputError) as caught:
        read(tmp_path, HEAD + "Opening.\n", sidecar=sidecar)
    where = f"{tmp_path}/2025-01-01-press-point.yml"
    assert str(caught.value) == (f"{where}:{message}" if not message.startswith("0:") else f"{where}{message[1:]}")


def test_build_refuses_to_replace_the_working_folder(project):
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--site", "."], cwd=project,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "refusing to build over this folder: --site must be a folder of its own" in result.stderr
    assert (project / "transcripts").is_dir() and (project / "mkdocs.yml").is_file()


def test_a_capitalised_phrase_before_a_colon_inside_an_answer_stays_speech(tmp_path):
    t = read(tmp_path, HEAD + "Opening.\n\nQuestion:\nWhy?\n\nNATO Secretary General Rutte:\nFirst, the money.\n"
             "Industry Production: how do we get more shifts.\nAnd more.\n\nQuestion:\nAnd then?\n\n"
             "NATO Secretary General Rutte:\nThen we see.\n").transcript
    assert len(t.exchanges) == 2
    assert "Industry Production: how do we get more shifts." in t.exchanges[0].answers[0].paragraphs


def test_bulleted_speech_with_dates_is_speech_not_page_chrome(tmp_path):
    path = tmp_path / "2025-02-13-x.txt"
    path.write_text("T\nGood morning.\nWe met three times:\n• 3 December 2024 in Brussels\n• 4 December 2024 "
                    "with Ukraine\nQuestion:\nWhy?\n", encoding="utf-8")
    t = load_transcript(path, load_registry(tmp_path)).transcript
    assert t.meta.date.isoformat() == "2025-02-13"
    assert "• 3 December 2024 in Brussels" in t.opening[0].paragraphs


def test_a_sidecar_title_replaces_the_texts_own_title(tmp_path):
    source = (SAMPLES / "2024-12-03-pre-ministerial-press-conference.txt").read_text(encoding="utf-8")
    t = read(tmp_path, source, sidecar="date: 2024-12-03\ntitle: Press conference ahead of the Foreign Ministers meeting\n").transcript
    assert t.meta.title == "Press conference ahead of the Foreign Ministers meeting"
    assert t.meta.subtitle.startswith("by NATO Secretary General Mark Rutte")
    assert t.opening[0].paragraphs[0] == "Yes, good morning. Good to see you."
    assert names(t.opening) == ["Mark Rutte"]


def test_a_title_that_looks_like_a_label_is_flagged(tmp_path):
    reading = read(tmp_path, "Question:\nWhy?\n")
    assert [w.message for w in reading.warnings] == [
        "the first line, read as the title, looks like the speaker label 'Question': give the title in "
        "2025-01-01-press-point.yml"
    ]
