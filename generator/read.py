"""Stage 1, `read`: find the transcripts of a folder and turn their bytes into text.

The raw `.txt` file is the source of truth and is never written to. Its sidecar `.yml`
(same stem) holds what the text lacks; it is checked against `SIDECAR`.
"""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass
from pathlib import Path

import ftfy

from . import limits, schema
from .html_text import is_html, page_text
from .errors import InputError, Problem
from .schema import DATE, LANGUAGE, LINE, ROLE, TEXT, TIME, URL, Field, ListOf

# An editor's reading of one label of this text, when the parser gets it wrong.
_SPEAKER = {
    "label": Field(TEXT, "the label as the text writes it, without its colon: 'MR. PRICE'", required=True),
    "name": Field(TEXT, "who it is: 'Ned Price' (a registry name or alias resolves)"),
    "role": Field(ROLE, "what they do here: principal (answers), questioner (asks), moderator (gives the floor)"),
    "outlet": Field(TEXT, "a journalist's outlet: 'Reuters'"),
}

SIDECAR: dict[str, schema.Field] = {
    "title": Field(TEXT, "the transcript's title; wins over the first line of the text", most=limits.TITLE),
    "subtitle": Field(TEXT, "the line under the title, 'by NATO Secretary General ...'", most=limits.SUBTITLE),
    "date": Field(DATE, "the day it was said, YYYY-MM-DD; wins over a date in the text"),
    "location": Field(TEXT, "where it was said, 'Brussels'", most=limits.LOCATION),
    "source_url": Field(URL, "the publisher's page the text was copied from"),
    "kind": Field(TEXT, "press conference, doorstep, joint press point, ...", most=limits.KIND),
    "topics": Field(ListOf(TEXT), "subjects, for readers browsing by topic"),
    "video_url": Field(URL, "the recording of the event; each exchange with a time code gets a 'Watch' link"),
    "video_start": Field(TIME, "the clock time the recording begins, HH:MM:SS, for time codes that are clock times"),
    "language": Field(LANGUAGE, "the language of the text, 'fr' (a BCP 47 code); without it, English"),
    "translation_of": Field(TEXT, "the id of the same event's transcript in another language: its file name without .txt"),
    "corrected": Field(DATE, "the day the publisher last corrected the text, YYYY-MM-DD: removal notes give it"),
    "speakers": Field(ListOf(_SPEAKER), "labels of this text read as the editor says, not as the parser guesses"),
    "label_lines": Field(ListOf(LINE), "lines that are speaker labels though they do not look like one"),
    "text_lines": Field(ListOf(LINE), "lines that are speech though they look like a speaker label"),
}


@dataclass(frozen=True)
class Source:
    """A raw transcript as read from disk, with its checked sidecar values."""

    path: Path
    text: str
    sidecar: schema.Entry
    repaired: tuple[tuple[int, str, str], ...] = ()  # (line, as it was, as repaired): mojibake undone


def find_sources(folder: Path) -> list[Path]:
    """The folder's `.txt` transcripts, in a stable order."""
    if not folder.is_dir():
        raise InputError.at(folder, 0, "input folder not found (set it with --input)")
    with os.scandir(folder) as entries:  # the kind of each entry comes with it: no stat per file
        names = sorted((e.name, e.is_symlink()) for e in entries if e.name.endswith(".txt") and e.name != ".txt"
                       and e.is_file())  # by name, as strings: the order of their paths, without a Path each to sort
    found = [(folder / name, link) for name, link in names]
    sources = [path for path, _ in found]
    # A file of the folder that is no link is in it: only links are followed to see where they lead.
    outside = [Problem(p, 0, LINKED_OUT) for p, link in sorted(found) if link and not inside(folder, p)]
    if outside:
        raise InputError(outside)
    return sources


LINKED_OUT = "a link to a file outside the input folder, which is not read: copy the file in instead"


def inside(folder: Path, path: Path) -> bool:
    """Whether `path`, links followed, is in `folder`: links never lead the reader out of it."""
    return path.resolve().is_relative_to(folder.resolve())


def read_source(path: Path) -> Source:
    limits.check_size(path, limits.TRANSCRIPT_BYTES, "one transcript")
    text = decode(path, path.read_bytes())
    limits.check_lines(path, text)
    if is_html(text):  # the publisher's page saved whole: its text, line for line
        text = page_text(text)
    text, repaired = repair(text)
    sidecar_path = path.with_suffix(".yml")
    sidecar = schema.Entry({}, 0)
    if sidecar_path.is_file() and not inside(path.parent, sidecar_path):
        raise InputError.at(sidecar_path, 0, LINKED_OUT)
    if sidecar_path.is_file():
        limits.check_size(sidecar_path, limits.SIDECAR_BYTES, "a sidecar", limits.SHORTEN)
        sidecar = schema.load(sidecar_path, decode(sidecar_path, sidecar_path.read_bytes()), SIDECAR)
    return Source(path, text, sidecar, repaired)


# What UTF-8 read as Windows-1252 leaves: "Ã©" for "é", "â€™" for "’", "Â " for a no-break
# space. Only text with one of these goes to ftfy, which undoes it (and nothing else).
_MOJIBAKE = re.compile("[ÃÂâÅÐÑ][\u0080-\u00bf\u2018-\u203a\u20ac\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc\u2122]")


def repair(text: str) -> tuple[str, tuple[tuple[int, str, str], ...]]:
    """`text` with mojibake undone, and the lines it changed, for `check` to report."""
    if not _MOJIBAKE.search(text):
        return text, ()
    fixed = ftfy.fix_encoding(text)
    before, after = text.split("\n"), fixed.split("\n")
    if fixed == text or len(before) != len(after):
        return fixed, ()
    return fixed, tuple((n, old, new) for n, (old, new) in enumerate(zip(before, after), start=1) if old != new)


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(path: Path, data: bytes) -> str:
    """Bytes to text: a BOM decides; else UTF-8; else Windows-1252, which web copies use.

    Line endings of every kind (CRLF, CR, LF) become LF.
    """
    bom, encoding = next(((bom, name) for bom, name in _BOMS if data.startswith(bom)), (b"", None))
    if encoding is None and b"\x00" in data:
        offset = data.index(b"\x00")
        if _utf16_without_bom(data):
            raise InputError.at(path, 0, "UTF-16 text without a byte-order mark: save it as UTF-8 (or UTF-16 with one)")
        raise InputError.at(path, _line_at(data, offset), f"binary data (a NUL byte at offset {offset}), not a text transcript")
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError as utf8_error:
        if encoding:
            offset = utf8_error.start + (len(bom) if encoding == "utf-8-sig" else 0)
            line = _line_at(data, offset) if encoding == "utf-8-sig" else 0
            raise InputError.at(path, line, f"cannot decode as {encoding} at byte offset {offset}") from None
        if _mostly_utf8(data):  # UTF-8 with a damaged byte: as Windows-1252, all its accents would be garbled
            offset = utf8_error.start
            raise InputError.at(
                path, _line_at(data, offset),
                f"not valid UTF-8: undecodable byte 0x{data[offset]:02x} at offset {offset} (copy the text again, "
                "or save the file as UTF-8)",
            ) from None
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise InputError.at(
                path, _line_at(data, error.start),
                f"neither UTF-8 nor Windows-1252: undecodable byte at offset {error.start}",
            ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _utf16_without_bom(data: bytes) -> bool:
    """Text saved as UTF-16 with no BOM: every other byte of its opening is a NUL."""
    head = data[:2000]
    return len(head) >= 4 and any(head[side::2].count(0) >= 0.9 * len(head[side::2]) for side in (0, 1))


def _mostly_utf8(data: bytes) -> bool:
    """Whether bytes that are not UTF-8 still hold more of its multi-byte characters than
    bytes it cannot read. Windows-1252 text almost never holds one."""
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    return len(text) - len(text.encode("ascii", errors="ignore")) - damaged > damaged


def _line_at(data: bytes, offset: int) -> int:
    """The 1-based line of a byte offset, counted in LFs as an editor counts them."""
    return data.count(b"\n", 0, offset) + 1
