"""`read`: bytes to text whatever the encoding and line endings, and the sidecar checked
against its schema with `path:line: message` errors."""

from __future__ import annotations

import codecs
import datetime
from pathlib import Path

import pytest

from generator import schema
from generator.errors import InputError
from generator.read import SIDECAR, decode, read_source

PATH = Path("talk.txt")
KNOWN_KEYS = "corrected, date, kind, label_lines, language, location, source_url, speakers, subtitle, text_lines, title, topics, translation_of, video_start, video_url"


@pytest.mark.parametrize(
    "data, text",
    [
        ("Türkiye’s café".encode("utf-8"), "Türkiye’s café"),
        (codecs.BOM_UTF8 + "Türkiye’s café".encode("utf-8"), "Türkiye’s café"),
        (codecs.BOM_UTF16_LE + "Türkiye’s café".encode("utf-16-le"), "Türkiye’s café"),
        (codecs.BOM_UTF16_BE + "Türkiye’s café".encode("utf-16-be"), "Türkiye’s café"),
        (b"NATO\x92s \x93partners\x94 \x96 caf\xe9", "NATO’s “partners” – café"),
        (b"\xe2\x80\x99", "’"),  # valid UTF-8 is read as UTF-8, not as Windows-1252
        (b"", ""),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "windows-1252", "utf-8-first", "empty"],
)
def test_decode(data, text):
    assert decode(PATH, data) == text


@pytest.mark.parametrize(
    "data, text",
    [
        (b"Question:\r\nThank you.\r\n", "Question:\nThank you.\n"),
        (b"Question:\rThank you.\r", "Question:\nThank you.\n"),
        (b"a\r\nb\rc\n\rd", "a\nb\nc\n\nd"),
        (b"a\r\r\nb", "a\n\nb"),
        (codecs.BOM_UTF16_LE + "a\r\nb\rc".encode("utf-16-le"), "a\nb\nc"),
        (b"caf\xe9\r\n", "café\n"),
    ],
    ids=["crlf", "lone-cr", "mixed", "cr-crlf", "utf-16", "windows-1252"],
)
def test_every_line_ending_becomes_lf(data, text):
    assert decode(PATH, data) == text


@pytest.mark.parametrize(
    "data, message",
    [
        (b"ab\x00c", "talk.txt:1: binary data (a NUL byte at offset 2), not a text transcript"),
        (b"\x00", "talk.txt:1: binary data (a NUL byte at offset 0), not a text transcript"),
        (b"a\nb\n\x00", "talk.txt:3: binary data (a NUL byte at offset 4), not a text transcript"),
        (b"ab\xffcd\x81", "talk.txt:1: neither UTF-8 nor Windows-1252: undecodable byte at offset 5"),
        (codecs.BOM_UTF16_LE + b"a\x00\x00\xd8b\x00", "talk.txt: cannot decode as utf-16 at byte offset 4"),
    ],
    ids=["nul", "nul-first", "nul-third-line", "undecodable", "utf-16-lone-surrogate"],
)
def test_undecodable_bytes(data, message):
    with pytest.raises(InputError) as caught:
        decode(PATH, data)
    assert str(caught.value) == message
    assert "offset" in message


def test_undecodable_byte_after_a_utf8_bom_gives_its_offset_in_the_file():
    with pytest.raises(InputError) as caught:
        decode(PATH, codecs.BOM_UTF8 + b"ab\xff")
    assert str(caught.value) == "talk.txt:1: cannot decode as utf-8-sig at byte offset 5"


# --- the sidecar --------------------------------------------------------------------------

def write(folder: Path, sidecar: str | bytes | None) -> Path:
    """A transcript in `folder`, with `sidecar` beside it unless None."""
    transcript = folder / "talk.txt"
    transcript.write_text("Doorstep statement\nGood morning.\n", encoding="utf-8")
    if sidecar is not None:
        data = sidecar.encode("utf-8") if isinstance(sidecar, str) else sidecar
        (folder / "talk.yml").write_bytes(data)
    return transcript


def problem(folder: Path, sidecar: str) -> str:
    with pytest.raises(InputError) as caught:
        read_source(write(folder, sidecar))
    return str(caught.value)


def test_a_sidecar_gives_typed_values(tmp_path):
    source = read_source(write(tmp_path, (
        "# The text gives no year.\n"
        "date: 2024-12-03\n"
        "kind: Press conference\n"
        "topics:\n"
        "  - Ukraine\n"
        "  - China\n"
    )))
    assert source.text == "Doorstep statement\nGood morning.\n"
    assert source.path.name == "talk.txt"
    assert source.sidecar.values == {
        "date": datetime.date(2024, 12, 3),
        "kind": "Press conference",
        "topics": ("Ukraine", "China"),
    }


@pytest.mark.parametrize(
    "sidecar",
    [None, "", "\n\n", "# nothing to say yet\n", codecs.BOM_UTF8],
    ids=["none", "empty", "blank", "comment-only", "bom-only"],
)
def test_no_sidecar_or_an_empty_one_is_fine(tmp_path, sidecar):
    assert read_source(write(tmp_path, sidecar)).sidecar.values == {}


def test_a_sidecar_is_decoded_like_a_transcript(tmp_path):
    data = codecs.BOM_UTF16_LE + "location: Brussels\r\nkind: Pressekonferenz – Brüssel\r\n".encode("utf-16-le")
    assert read_source(write(tmp_path, data)).sidecar.values == {
        "location": "Brussels", "kind": "Pressekonferenz – Brüssel",
    }


@pytest.mark.parametrize(
    "sidecar, line, message",
    [
        ("kind: Doorstep\ntitel: Doorstep\n", 2, f"unknown key 'titel' (did you mean 'title'? known keys: {KNOWN_KEYS})"),
        ("date: tomorrow\n", 1, "'date' must be a date (YYYY-MM-DD)"),
        ("kind: Doorstep\ndate: 2024-02-30\n", 2, "'date' must be a date (YYYY-MM-DD)"),
        ("date: 3 December 2024\n", 1, "'date' must be a date (YYYY-MM-DD)"),
        ("date: 2024-12-03T10:00:00\n", 1, "'date' must be a date (YYYY-MM-DD)"),
        ("topics: x\n", 1, "'topics' must be a list of texts"),
        ("title:\n", 1, "'title' must be a text"),
        ('title: ""\n', 1, "'title' must be a text"),
        ("kind: {press: conference}\n", 1, "'kind' must be a text"),
        ("topics:\n  - Ukraine\n  - [China, Iran]\n", 3, "each item of 'topics' must be a text"),
        ("title: Doorstep\ntitle: Press point\n", 2, "duplicate key 'title'"),
        ("- Doorstep\n", 1, "expected a mapping of keys to values"),
        ("Doorstep statement\n", 1, "expected a mapping of keys to values"),
    ],
)
def test_a_wrong_sidecar_is_an_error_at_its_line(tmp_path, sidecar, line, message):
    assert problem(tmp_path, sidecar) == f"{tmp_path / 'talk.yml'}:{line}: {message}"


@pytest.mark.parametrize(
    "sidecar, line, message",
    [
        ("title: Doorstep\n  kind: press\n", 2, "mapping values are not allowed here"),
        ("kind: Doorstep\ntitle: *name\n", 2, "found undefined alias 'name'"),
        ("kind: Doorstep\n\ttitle: Doorstep\n", 2, "found character '\\t' that cannot start any token"),
        ("title: a\n---\ntitle: b\n", 2, "but found another document"),
    ],
)
def test_invalid_yaml_is_an_error_at_its_line(tmp_path, sidecar, line, message):
    assert problem(tmp_path, sidecar) == f"{tmp_path / 'talk.yml'}:{line}: not valid YAML: {message}"


def test_every_problem_of_a_sidecar_is_reported_at_once(tmp_path):
    where = tmp_path / "talk.yml"
    assert problem(tmp_path, "topics: Ukraine\ndate: tomorrow\nplace: Brussels\n") == "\n".join([
        f"{where}:1: 'topics' must be a list of texts",
        f"{where}:2: 'date' must be a date (YYYY-MM-DD)",
        f"{where}:3: unknown key 'place' (known keys: {KNOWN_KEYS})",
    ])


def test_schema_load_names_a_missing_key():
    fields = {
        "name": schema.Field(schema.TEXT, "the canonical name", required=True),
        "role": schema.Field(schema.TEXT, "what they are"),
    }
    with pytest.raises(InputError) as caught:
        schema.load(Path("speakers.yml"), "role: Spokesperson\n", fields)
    assert str(caught.value) == "speakers.yml:1: missing key 'name': the canonical name"


def test_schema_load_of_the_sidecar_schema():
    entry = schema.load(Path("talk.yml"), "location: Brussels\n", SIDECAR)
    assert (entry.values, entry.line, entry.get("kind")) == ({"location": "Brussels"}, 1, None)


def test_a_key_that_is_not_a_text_is_an_error(tmp_path):
    assert problem(tmp_path, "kind: Doorstep\n[title]: Doorstep\n").startswith(f"{tmp_path / 'talk.yml'}:2: ")


def test_mojibake_is_repaired_and_said(tmp_path):
    from generator.pipeline import load_transcript
    from generator.registry import Registry

    path = tmp_path / "2025-01-01-doorstep.txt"
    path.write_text("Doorstep\nby NATO Secretary General Mark Rutte\n\nNATOâ€™s Allies met in Brussels. CafÃ© talk.\n",
                    encoding="utf-8")
    reading = load_transcript(path, Registry())
    assert reading.transcript.opening[0].paragraphs == ("NATO’s Allies met in Brussels. Café talk.",)
    assert [(w.line, w.message) for w in reading.warnings] == [
        (4, "repaired mojibake (text decoded twice): 'NATOâ€™s' read as 'NATO’s'")
    ]


def test_text_without_mojibake_is_left_as_it_is():
    from generator.read import repair

    text = "Plain “quotes”, an en dash – and é, ü, ø: NATO’s.\n"
    assert repair(text) == (text, ())


def test_links_do_not_lead_the_reader_out_of_the_input_folder(tmp_path):
    from generator.errors import InputError
    from generator.pipeline import load_corpus

    folder, secret = tmp_path / "in", tmp_path / "secret.txt"
    folder.mkdir()
    secret.write_text("Not a transcript\n\nPrivate words.\n", encoding="utf-8")
    (folder / "2025-01-01-fine.txt").write_text("Fine\n\nSpeech.\n", encoding="utf-8")
    (folder / "2025-01-02-linked.txt").symlink_to(secret)
    (folder / "2025-01-03-inner.txt").symlink_to(folder / "2025-01-01-fine.txt")  # inside: read
    with pytest.raises(InputError) as raised:
        load_corpus(folder)
    assert [str(p) for p in raised.value.problems] == [
        f"{folder / '2025-01-02-linked.txt'}: a link to a file outside the input folder, which is not read: "
        "copy the file in instead"
    ]
    (folder / "2025-01-02-linked.txt").unlink()
    (folder / "speakers.yml").symlink_to(secret)
    with pytest.raises(InputError, match="speakers.yml: a link to a file outside"):
        load_corpus(folder)
