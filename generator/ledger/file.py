"""The ledger's file, `anchors.yml`: what it holds (a `Mark` per published anchor, an
`Entry` per transcript, a `Page` per speaker and outlet page) and how it is read and
written. `dumps` writes it by hand-readable rules, and `load` reads those lines back
quickly (`_read_as_written`), or a hand-edited file through YAML after checking it
against its schema (`ledger.schema`)."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import InputError, Problem
from . import schema

LEDGER = "anchors.yml"


@dataclass(frozen=True)
class Mark:
    """One published anchor and the fingerprint of its exchange."""

    anchor: str
    asker: str | None = None  # ids, as on the speaker and outlet pages
    outlet: str | None = None
    answers: tuple[str, ...] = ()
    digest: str = ""  # of the whole question, normalised: equal digests, same question
    text: str = ""  # its opening words, normalised
    removed: datetime.date | None = None  # the day a correction took it out
    into: str | None = None  # the anchor of the exchange a correction merged it into

    @property
    def live(self) -> bool:
        return self.removed is None and self.into is None


@dataclass(frozen=True)
class Entry:
    """A published transcript."""

    source: str  # its file name, as last read
    url: str
    title: str
    marks: tuple[Mark, ...] = ()  # in the order of the page
    withdrawn: datetime.date | None = None  # its file is gone


@dataclass(frozen=True)
class Page:
    """A published speaker or outlet page."""

    name: str
    moved: str | None = None  # the id of the page its name was corrected to


@dataclass(frozen=True)
class Ledger:
    transcripts: dict[str, Entry] = field(default_factory=dict)  # by published id
    speakers: dict[str, Page] = field(default_factory=dict)  # by id
    outlets: dict[str, Page] = field(default_factory=dict)



def load(folder: Path) -> Ledger:
    """The ledger of the input folder; an empty one where there is none yet."""
    path = folder / LEDGER
    if not path.is_file():
        return Ledger()
    try:
        text = path.read_text(encoding="utf-8")
        data = _read_as_written(text)
        if data is None:  # edited by hand, or by a merge: checked, then read by YAML, slowly
            schema.check(path, text)
            data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
        ledger = Ledger(
            {key: _entry(value) for key, value in (data.get("transcripts") or {}).items()},
            {key: _page(value) for key, value in (data.get("speakers") or {}).items()},
            {key: _page(value) for key, value in (data.get("outlets") or {}).items()},
        )
        unsafe = list(_unsafe(ledger))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        what = getattr(error, "problem", None) or " ".join(str(error).split())  # one line, at its line
        raise InputError.at(path, mark.line + 1 if mark else 0, f"not a readable ledger: {what}; "
                            "restore it from version control") from None
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise InputError.at(path, 0, f"not a ledger as `generate` writes it ({error!r}); "
                            "restore it from version control") from None
    problems = [Problem(path, _line_of(text, value), f"'{value}' is not {what}: restore the ledger from version control")
                for value, what in unsafe]
    if problems:
        raise InputError(problems)
    return ledger


# The lines `dumps` writes: a section, a transcript's key, one of its fields, an anchor or
# a page, each value a JSON text (which YAML reads as the same value).
_LINE = re.compile(
    r'(?P<section>[a-z]+):(?P<empty> \{\})?'
    r'|  (?P<key>"[^"\\]*(?:\\.[^"\\]*)*"):(?: (?P<page>.+))?'
    r'|    (?P<field>source|url|title|withdrawn|anchors):(?: (?P<value>.+))?'
    r'|      (?P<anchor>q\d+[a-z]*): (?P<mark>\{.*\})'
)


def _read_as_written(text: str) -> dict | None:
    """The ledger read line by line, as `dumps` writes it: fifty times quicker than YAML at
    ten thousand transcripts. None where a line is not one `dumps` writes."""
    data: dict[str, dict] = {}
    section = entry = None
    try:
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            m = _LINE.fullmatch(line)
            if m is None:
                return None
            if m["section"]:
                if m["section"] not in schema.SECTIONS:
                    return None  # for the schema to say where
                section = data.setdefault(m["section"], {})
            elif m["key"] is not None and section is not None:
                key = json.loads(m["key"])
                if m["page"] is not None:
                    section[key] = json.loads(m["page"])
                    if not schema.written(section[key], schema.PAGE):
                        return None
                else:
                    entry = section[key] = {}
            elif m["field"] and entry is not None:
                if m["field"] == "anchors":
                    entry["anchors"] = {}
                elif m["field"] == "withdrawn":
                    entry["withdrawn"] = m["value"]
                elif not isinstance(value := json.loads(m["value"]), str):
                    return None
                else:
                    entry[m["field"]] = value
            elif m["anchor"] and entry is not None and "anchors" in entry:
                entry["anchors"][m["anchor"]] = mark = json.loads(m["mark"])
                if not schema.written(mark, schema.MARK):
                    return None
            else:
                return None
    except (json.JSONDecodeError, TypeError):
        return None
    return data


_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_URL = re.compile(r"transcripts/\d{4}/[a-z0-9][a-z0-9-]*/")


def _unsafe(ledger: Ledger) -> Iterable[tuple[str, str]]:
    """Values of a ledger edited by hand that would put a file outside the generated folders
    or markup in a page: ids and URLs only ever have the shapes `generate` gives them."""
    for id_, entry in ledger.transcripts.items():
        if not _ID.fullmatch(str(id_)):
            yield str(id_), "a transcript id"
        if not _URL.fullmatch(entry.url):
            yield entry.url, "a transcript URL (transcripts/<year>/<id>/)"
        anchors = {m.anchor for m in entry.marks}
        for mark in entry.marks:
            if mark.into is not None and mark.into not in anchors:
                yield str(mark.into), f"an anchor of {id_}"
    for pages in (ledger.speakers, ledger.outlets):
        for id_, page in pages.items():
            for value in (id_, page.moved):
                if value is not None and not _ID.fullmatch(str(value)):
                    yield str(value), "a page id"


def _line_of(text: str, value: str) -> int:
    """The line of the ledger where `value` first stands, to point the editor at it."""
    needle = json.dumps(value)
    return next((n for n, line in enumerate(text.splitlines(), 1) if needle in line), 0)


def _entry(value: dict) -> Entry:
    marks = tuple(_mark(anchor, fields) for anchor, fields in (value.get("anchors") or {}).items())
    return Entry(str(value["source"]), str(value["url"]), str(value.get("title", "")), marks, _day(value.get("withdrawn")))


def _mark(anchor: str, value: dict) -> Mark:
    if not re.fullmatch(r"q\d+[a-z]*", anchor):
        raise ValueError(f"'{anchor}' is not an anchor")
    return Mark(
        anchor, value.get("asker"), value.get("outlet"), tuple(value.get("answers", ())),
        str(value.get("digest", "")), str(value.get("text", "")), _day(value.get("removed")), value.get("into"),
    )


def _page(value: str | dict) -> Page:
    return Page(value) if isinstance(value, str) else Page(str(value["name"]), value.get("moved"))


def _day(value: object) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


_HEADER = """\
# The anchor ledger: the id, URL and #qN anchors of every published transcript, with a
# fingerprint of each exchange, and every published speaker and outlet page. Written by
# `python -m generator generate` (and `build`); commit it with the transcripts. It is what
# keeps every published link landing on the same exchange through corrections.
"""


def dumps(ledger: Ledger) -> str:
    """The ledger as YAML, one line per anchor and per page, sorted: the same ledger, the
    same bytes. Values are written as JSON, which YAML reads as the same values."""
    lines = [_HEADER, "transcripts:"]
    for id_, entry in sorted(ledger.transcripts.items()):
        lines.extend(entry_lines(id_, entry))
    lines.extend(page_lines(ledger.speakers, ledger.outlets))
    return "\n".join(lines) + "\n"


def entry_lines(id_: str, entry: Entry) -> list[str]:
    """A transcript's lines of the ledger, as `dumps` writes them."""
    lines = [f"  {_scalar(id_)}:", f"    source: {_scalar(entry.source)}", f"    url: {_scalar(entry.url)}",
             f"    title: {_scalar(entry.title)}"]
    if entry.withdrawn:
        lines.append(f"    withdrawn: {entry.withdrawn.isoformat()}")
    lines.append("    anchors:" + ("" if entry.marks else " {}"))
    lines.extend(f"      {m.anchor}: {_scalar(_fields(m))}" for m in entry.marks)
    return lines


def page_lines(speakers: dict[str, Page], outlets: dict[str, Page]) -> list[str]:
    """The speaker and outlet pages' sections of the ledger, as `dumps` writes them."""
    lines = []
    for section, pages in (("speakers", speakers), ("outlets", outlets)):
        lines.append(f"{section}:" + ("" if pages else " {}"))
        lines.extend(
            f"  {_scalar(id_)}: {_scalar(page.name if page.moved is None else {'name': page.name, 'moved': page.moved})}"
            for id_, page in sorted(pages.items())
        )
    return lines


def entry_key(id_: str) -> str:
    """The line a transcript's entry starts with, as `dumps` writes it."""
    return f"  {_scalar(id_)}:"


def read_entry(id_: str, block: str) -> Entry:
    """The entry of `block`, its lines as `dumps` writes them (`entry_lines`)."""
    data = _read_as_written("transcripts:\n" + block)
    if data is None or id_ not in data.get("transcripts", {}):
        raise ValueError(f"not an entry of the ledger as written: {id_}")
    return _entry(data["transcripts"][id_])


def _fields(m: Mark) -> dict[str, object]:
    values = {"asker": m.asker, "outlet": m.outlet, "answers": list(m.answers), "digest": m.digest, "text": m.text,
              "removed": m.removed.isoformat() if m.removed else None, "into": m.into}
    return {key: value for key, value in values.items() if value not in (None, [], "")}


def _scalar(value: object) -> str:
    # ASCII escapes: YAML's reader refuses some characters JSON writes as they are.
    return json.dumps(value, ensure_ascii=True)
