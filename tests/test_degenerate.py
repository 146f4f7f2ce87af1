"""Degenerate transcripts: empty, blank, binary, undecodable, in any encoding or line ending,
with no questions, no answers, labels with nothing under them, 2,000 exchanges, 50 MB.
Each gives a page whose content is right, or a `path:line: message` error and exit status
1 with no traceback; the big ones in bounded time and memory, measured on the real command."""

from __future__ import annotations

import codecs
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator import limits
from generator.links import check_links
from generator.pipeline import Reading, load_corpus
from generator.render import render_site
from tests.conftest import SAMPLES, make_project
from tests.test_cli import run

HEADER = "Doorstep statement\nby NATO Secretary General Mark Rutte ahead of the meeting of NATO Ministers of Defence\n"
STEM = "2025-03-01-doorstep"


def reading(tmp_path: Path, text: str | bytes, sidecar: str | None = None) -> Reading:
    """The one transcript of a folder holding `text` (bytes as they are, text as UTF-8)."""
    folder = tmp_path / "transcripts"
    folder.mkdir(parents=True)
    (folder / f"{STEM}.txt").write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    if sidecar is not None:
        (folder / f"{STEM}.yml").write_text(sidecar, encoding="utf-8")
    corpus = load_corpus(folder)
    assert not getattr(corpus, "failed", ()), corpus.failed
    [found] = corpus.readings
    return found


def export(found: Reading) -> dict:
    """The transcript's JSON export, as `generate` writes it."""
    return json.loads(render_site((found.transcript,))[f"api/transcripts/{found.transcript.id}.json"])


def warnings(found: Reading) -> list[tuple[int, str]]:
    return [(w.line, w.message) for w in found.warnings]


def said(turns: list[dict]) -> list[tuple[str | None, str]]:
    return [(t["speaker"] and t["speaker"]["name"], t["text"]) for t in turns]


# --- unreadable input: one located error per file ----------------------------------------

CP1252 = "NATO’s “partners” – café\n".encode("cp1252")
UTF8 = "Doorstep\nNATO’s café – “défense”\n".encode("utf-8")
UNREADABLE = {
    "2025-03-01-empty.txt": (b"", "1: empty transcript: there is no text to read"),
    "2025-03-02-blank.txt": (" \t\r\n\r\n\u00a0\n\u200b\u3000\n\n".encode("utf-8"), "1: empty transcript: there is no text to read"),
    "2025-03-03-image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
                             "3: binary data (a NUL byte at offset 8), not a text transcript"),
    "2025-03-04-damaged.txt": (UTF8[:18] + b"\xff" + UTF8[18:],
                               "2: not valid UTF-8: undecodable byte 0xff at offset 18 (copy the text again, or save the file as UTF-8)"),
    "2025-03-05-neither.txt": (b"Doorstep\n" + CP1252 + b"Caf\xe9 \x81\n",
                               "3: neither UTF-8 nor Windows-1252: undecodable byte at offset 39"),
    "2025-03-06-utf16.txt": (codecs.BOM_UTF16_LE + "Doorstep\n".encode("utf-16-le") + b"\x00\xd8a\x00",
                             " cannot decode as utf-16 at byte offset 20"),
}


def test_unreadable_transcripts_are_each_one_located_error(tmp_path):
    folder = tmp_path / "transcripts"
    folder.mkdir()
    for name, (data, _) in UNREADABLE.items():
        (folder / name).write_bytes(data)
    result = run(tmp_path, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    for name, (_, message) in UNREADABLE.items():
        assert f"transcripts/{name}:{message}" in lines
    # Nothing else but located problems and the closing line that counts them.
    assert all(re.match(r"transcripts/[^:]+\.txt(:\d+)?: ", line) or line.startswith("stopped: ") for line in lines), lines


# --- what little there is makes a page ------------------------------------------------------

def test_a_statement_with_no_questions_is_a_page_with_no_questions(tmp_path):
    found = reading(tmp_path, HEADER + "Good morning.\n\nWe will discuss Ukraine today.\n")
    data = export(found)
    assert said(data["opening"]) == [("Mark Rutte", "Good morning.\n\nWe will discuss Ukraine today.")]
    assert data["questions"] == [] and data["closing"] == []
    assert warnings(found) == []
    page = render_site((found.transcript,))[f"transcripts/2025/{STEM}.md"]
    assert "We will discuss Ukraine today." in page
    assert "{#q1}" not in page


def test_questions_with_no_answers_are_each_warned(tmp_path):
    found = reading(tmp_path, HEADER + "Question:\nWhy now?\nQuestion:\nAnd Ukraine?\n\nQuestion:\nAnd China?\n")
    data = export(found)
    assert [(q["anchor"], q["text"], q["answers"]) for q in data["questions"]] == [
        ("q1", "Why now?", []), ("q2", "And Ukraine?", []), ("q3", "And China?", []),
    ]
    assert data["opening"] == []
    assert warnings(found) == [(3, "question q1 has no answer"), (5, "question q2 has no answer"),
                               (8, "question q3 has no answer")]


def test_a_label_with_no_text_under_it_is_warned(tmp_path):
    found = reading(tmp_path, HEADER + "Good morning.\nQuestion:\nNATO Secretary General Rutte:\n")
    data = export(found)
    assert said(data["opening"]) == [("Mark Rutte", "Good morning.")]
    assert [(q["anchor"], q["text"], said(q["answers"])) for q in data["questions"]] == [("q1", "", [("Mark Rutte", "")])]
    assert warnings(found) == [(4, "the label 'Question' has no text under it"),
                               (5, "the label 'NATO Secretary General Rutte' has no text under it")]


def test_a_label_alone_in_the_file_is_a_titled_page_with_a_warning(tmp_path):
    found = reading(tmp_path, "Question:\n", sidecar="date: 2025-03-01\n")
    assert export(found)["title"] == "Question:"
    assert warnings(found) == [(1, "the first line, read as the title, looks like the speaker label 'Question': "
                                   f"give the title in {STEM}.yml")]


# --- the same words in any encoding and line ending ----------------------------------------

WORDS = (HEADER + "Good morning. We’ll talk about “défense” – and Türkiye.\n"
         "Question:\nWhy now?\nNATO Secretary General Rutte:\nBecause it’s time.\nQuestion:\n")


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + WORDS.encode("utf-8"),
        WORDS.encode("utf-16"),  # with its BOM, little-endian here
        codecs.BOM_UTF16_BE + WORDS.encode("utf-16-be"),
        WORDS.encode("cp1252"),
        WORDS.replace("\n", "\r\n").encode("utf-8"),
        b"".join(line.encode() + ending for line, ending in zip(WORDS.split("\n"), [b"\r\n", b"\r", b"\n"] * 9)),
    ],
    ids=["utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "windows-1252", "crlf", "crlf-cr-lf-mixed"],
)
def test_every_encoding_and_line_ending_reads_as_utf8_with_lf(tmp_path, data):
    expected = reading(tmp_path / "utf-8", WORDS)
    found = reading(tmp_path / "other", data)
    assert export(found) == export(expected)
    # The empty journalist's turn at the end asks nothing: it is no question of its own.
    assert warnings(found) == warnings(expected) == [(8, "the label 'Question' has no text under it")]


def test_invisible_spaces_inside_labels_do_not_hide_them(tmp_path):
    found = reading(tmp_path, HEADER + "Hello.\n"
                    "Question\u00a0:\nWhy now?\nMark\u200bRutte:\nBecause.\n"
                    "QUESTION\u202f: And then?\nNATO\u00a0Secretary General\u200b Rutte\u200b:\nThen.\n")
    data = export(found)
    assert [(q["text"], said(q["answers"])) for q in data["questions"]] == [
        ("Why now?", [("Mark Rutte", "Because.")]), ("And then?", [("Mark Rutte", "Then.")]),
    ]
    assert warnings(found) == []


def test_smart_quotes_are_kept_as_written(tmp_path):
    found = reading(tmp_path, HEADER + "“Peace” is ‘near’, they say – «\u00a0bientôt\u00a0» „bald“.\n"
                    "Question:\n“Near”? Isn’t that ‘optimistic’?\nNATO Secretary General Rutte:\nIt’s “realistic”.\n")
    data = export(found)
    assert said(data["opening"]) == [("Mark Rutte", "“Peace” is ‘near’, they say – « bientôt » „bald“.")]
    assert [(q["text"], said(q["answers"])) for q in data["questions"]] == [
        ("“Near”? Isn’t that ‘optimistic’?", [("Mark Rutte", "It’s “realistic”.")]),
    ]


def test_a_byline_of_fifteen_thousand_names_names_no_one_and_reads_at_once(tmp_path):
    """Each name of a "by ... and ..." line was looked up among the names before it:
    quadratic, 5 s for 8,000 names and days for 50 MB. A line that long is no byline."""
    import itertools
    import time

    names = [f"{a}{b.lower()}{c.lower()} {c}{a.lower()}{b.lower()}son"
             for a, b, c in itertools.islice(itertools.product("ABCDEFGHIJKLMNOPQRSTUVWXYZ", repeat=3), 15_000)]
    start = time.monotonic()
    found = reading(tmp_path, "Doorstep statement\nby " + " and ".join(names) + "\nGood morning.\n", sidecar="date: 2025-03-01\n")
    assert time.monotonic() - start < 10
    assert [turn.speaker.person for turn in found.transcript.opening] == [None]


# --- big ones: the real command, timed and measured ------------------------------------------

# Runs a command and writes its wall time and the peak memory of its process tree to a file.
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.monotonic()
code = subprocess.call(sys.argv[2:])
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / (2**20 if sys.platform == "darwin" else 2**10)
with open(sys.argv[1], "w") as out:
    json.dump({"seconds": time.monotonic() - start, "peak_mb": peak}, out)
sys.exit(code)
"""


def measured(cwd: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """`python -m generator *args` in `cwd`: its run, seconds taken and peak memory in MB."""
    numbers = cwd / "measured.json"
    result = subprocess.run([sys.executable, "-c", _MEASURE, str(numbers), sys.executable, "-m", "generator", *args],
                            cwd=cwd, capture_output=True, text=True, timeout=600)
    figures = json.loads(numbers.read_text(encoding="utf-8"))
    return result, figures["seconds"], figures["peak_mb"]


FIFTY_MB = 50_000_000
SAMPLE = SAMPLES / "2024-12-03-pre-ministerial-press-conference.txt"


def _repeated_sample(folder: Path, size: int) -> int:
    """The sample press conference (12 questions), its body repeated to `size` bytes: how many times."""
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    header, body = "\n".join(lines[:3]) + "\n", "\n".join(lines[3:]) + "\n"
    copies = (size - len(header.encode("utf-8"))) // len(body.encode("utf-8"))
    folder.mkdir()
    (folder / "2024-12-03-big.txt").write_text(header + body * copies, encoding="utf-8")
    (folder / "speakers.yml").write_bytes((SAMPLES / "speakers.yml").read_bytes())
    return copies


def test_fifty_megabytes_of_press_conferences_are_refused_at_once_with_the_limit(tmp_path):
    """Past `limits.TRANSCRIPT_BYTES`, refused before it is read: it once took 15 to 18 s and
    1.2 GB to generate, and MkDocs minutes more for its one page."""
    _repeated_sample(tmp_path / "transcripts", FIFTY_MB)
    result, seconds, _ = measured(tmp_path, "generate")
    assert result.returncode == 1 and seconds < 5, seconds
    size = (tmp_path / "transcripts/2024-12-03-big.txt").stat().st_size
    assert result.stderr.startswith(f"transcripts/2024-12-03-big.txt: {size:,} bytes, over the limit of "
                                    f"{limits.TRANSCRIPT_BYTES:,} for one transcript: ")
    assert "Traceback" not in result.stderr


def test_press_conferences_up_to_the_size_limit_in_bounded_time_and_memory(tmp_path):
    """Just under the limit (4 MB, 1,600 questions): one page with every exchange, its anchors in
    order. Measured: 4 to 6 s, 300 MB."""
    copies = _repeated_sample(tmp_path / "transcripts", limits.TRANSCRIPT_BYTES)
    result, seconds, peak_mb = measured(tmp_path, "generate")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert seconds < 30 and peak_mb < 1000, (seconds, peak_mb)
    data = json.loads((tmp_path / "docs/api/transcripts/2024-12-03-big.json").read_text(encoding="utf-8"))
    assert [q["anchor"] for q in data["questions"]] == [f"q{n}" for n in range(1, 12 * copies + 1)]
    assert data["questions"][-1]["questioner"] == data["questions"][11]["questioner"]


def test_a_statement_on_one_line_up_to_the_turn_limit_and_past_it(tmp_path):
    """A statement pasted with no line break at all: one page, its one paragraph whole, up to
    `limits.TURN_CHARACTERS`; past it, refused at its line, asking for the missing label."""
    words = "Allies agree that the future of Ukraine is in NATO, and we will keep going. "
    text = (words * (limits.TURN_CHARACTERS // len(words))).rstrip()
    folder = tmp_path / "transcripts"
    folder.mkdir()
    (folder / "2024-12-03-one-line.txt").write_text(text, encoding="utf-8")
    (folder / "2024-12-03-one-line.yml").write_text("title: Statement\n", encoding="utf-8")
    result, seconds, peak_mb = measured(tmp_path, "generate")
    assert result.returncode == 0, result.stderr[-2000:]
    assert seconds < 15 and peak_mb < 1000, (seconds, peak_mb)
    data = json.loads((tmp_path / "docs/api/transcripts/2024-12-03-one-line.json").read_text(encoding="utf-8"))
    assert (data["title"], data["questions"]) == ("Statement", [])
    assert [turn["text"] for turn in data["opening"]] == [text]
    (folder / "2024-12-03-one-line.txt").write_text(text + " And more." * 100, encoding="utf-8")
    result = run(tmp_path, "generate")
    assert result.returncode == 1
    assert result.stderr.startswith(f"transcripts/2024-12-03-one-line.txt:1: this turn is {len(text) + 1000:,} "
                                    f"characters long, over the limit of {limits.TURN_CHARACTERS:,} for one turn")


FIRST = "Anna Boris Carla Dmytro Elena Farid Greta Hugo Ines Jonas Karin Lorne Marta Nils Olga Pavel Quinn Rosa Sven Tomas".split()
LAST = ("Abbott Brandt Costa Dahl Eriksen Fischer Garcia Hansen Ivanova Jensen Kowalski Larsen Moreau Nowak Olsen Petrov "
        "Quist Rossi Schmidt Tanaka Urban Vogel Weber Young Zimmer Adler Berg Claes Dubois Engel Falk Gruber Horn Iversen "
        "Janssen Keller Lund Maier Novak Ortiz Pohl Richter Stein Thal Ungar Voss Wolff Yilmaz Zeller Amann").split()
OUTLETS = ["Reuters", "AFP", "Deutsche Welle", "Polish Radio", "Kyiv Post", "Al Mamlaka TV", "BBC News", "Politico Europe"]


def two_thousand_exchanges() -> str:
    """A press conference of 2,000 questions, each by a journalist of their own, handed the floor."""
    lines = ["Press conference", "by NATO Secretary General Mark Rutte following the meeting of NATO Defence Ministers",
             "(As delivered)", "Good morning. I am ready to take your questions."]
    for i in range(2000):
        outlet = OUTLETS[i % len(OUTLETS)]
        lines += ["NATO Spokesperson Farah Dakhlallah", f"Thank you. We'll go to {outlet}.",
                  f"{FIRST[i % 20]} {LAST[i // 20 % 50]}, {outlet}", f"Secretary General, what about point {i + 1}?",
                  "NATO Secretary General Mark Rutte", f"On point {i + 1}, Allies agree."]
    return "\n".join(lines) + "\n"


def test_two_thousand_exchanges_build_in_bounded_time_and_memory(tmp_path):
    """Every one of them has its anchor on the built page, and every link of the site lands.
    Measured: 9 to 11 s, 150 MB."""
    project = make_project(tmp_path / "project")
    (project / "transcripts/2024-12-03-many.txt").write_text(two_thousand_exchanges(), encoding="utf-8")
    result, seconds, peak_mb = measured(project, "build")
    assert result.returncode == 0, result.stderr[-2000:]
    assert seconds < 35 and peak_mb < 500, (seconds, peak_mb)
    html = (project / "site/transcripts/2024/2024-12-03-many/index.html").read_text(encoding="utf-8")
    anchors = re.findall(r'<h3 id="(q\d+)"', html)
    assert anchors == [f"q{n}" for n in range(1, 2001)]
    data = json.loads((project / "site/api/transcripts/2024-12-03-many.json").read_text(encoding="utf-8"))
    assert len({q["questioner"]["id"] for q in data["questions"]}) == 1000
    assert check_links(project / "site") == []


def test_a_first_line_too_long_for_a_title_asks_for_one_in_the_sidecar(tmp_path):
    from generator.errors import InputError
    from generator.pipeline import load_transcript
    from generator.registry import Registry

    path = tmp_path / "2025-01-01-long.txt"
    path.write_text("word " * 200 + "\n\nQuestion:\nWhy?\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_transcript(path, Registry())
    assert str(raised.value) == (f"{path}:1: the first line, read as the title, is 999 characters long: "
                                 "give the title in 2025-01-01-long.yml")


def test_utf16_without_a_byte_order_mark_says_so(tmp_path):
    from generator.errors import InputError
    from generator.read import decode

    with pytest.raises(InputError) as raised:
        decode(tmp_path / "x.txt", "Question:\nWhy?\n".encode("utf-16-le"))
    assert str(raised.value).endswith("UTF-16 text without a byte-order mark: save it as UTF-8 (or UTF-16 with one)")
