"""The anchor ledger: what was published, so that no correction ever breaks a link to it.

`anchors.yml`, in the input folder and committed with the transcripts, lists per
transcript the id and URL it was first published at and, per anchor, a fingerprint of
its exchange: who asked, for which outlet, who answered, and the opening words of the
question. Each new reading is aligned to it by text similarity (rapidfuzz), in order:

- an exchange whose text or names were corrected keeps its anchor;
- an inserted one gets an anchor no link ever used, named after the one before it
  (`q2a` between `q2` and `q3`);
- a deleted one keeps its anchor in the ledger, marked removed: the page keeps an element
  with that id saying so;
- the first part of a split keeps the anchor; a merged exchange keeps both;
- a renamed file is recognised by its exchanges and keeps its id and URL;
- a transcript whose file is gone keeps a page at its URL saying it was withdrawn.

It also lists every speaker and outlet page ever published: a page whose name was
corrected leaves a redirect behind (`moved`).

The file is written by hand-readable rules: sorted by id, one line per anchor in the
order of the page, so that a correction shows as one diff line per change.
"""

from __future__ import annotations

import datetime
import hashlib
import itertools
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from pathlib import Path

import yaml
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel
from rapidfuzz.utils import default_process

from . import ledger_schema
from .errors import InputError, Problem
from .model import Exchange, Removal, Transcript

LEDGER = "anchors.yml"
_PREFIX = 100  # characters of the question a fingerprint keeps
_SAME = 0.6  # how alike a fingerprint and an exchange must be to be the same exchange
_INSIDE = 90  # how well (0-100) a removed question must be found in an exchange merged into
_SAME_NAME = 85  # how alike (0-100) two names must be for one to be a corrected spelling
_OPENING_WORDS = 6  # a question's opening: with its words as a whole, what says it is the one
_CHANGED = 0.85  # an exchange kept less alike than this is listed for the editor to look at
_SPLIT_MINIMUM = 15  # characters the first part of a split must have to be recognised as it
_SPLIT_WORDS = 3  # and words
_DP_LIMIT = 250_000  # cells of the order-keeping alignment; past this, pairs go by position


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


@dataclass(frozen=True, order=True)
class Change:
    """What a reading changes in the ledger, said for the editor at the place it concerns."""

    path: Path
    line: int
    message: str
    moves: bool = True  # adds, moves or removes a published anchor or URL: `--frozen` refuses it

    @property
    def problem(self) -> Problem:
        return Problem(self.path, self.line, self.message)


@dataclass(frozen=True)
class Published:
    """The transcripts with their permanent ids, and what that changed."""

    transcripts: tuple[Transcript, ...]
    ledger: Ledger
    changes: tuple[Change, ...]
    moved: dict[str, str]  # "speakers/old-id" -> "speakers/new-id" (or the index, "speakers")
    withdrawn: tuple[Entry, ...]


def today() -> datetime.date:
    """The day a correction is recorded: `SOURCE_DATE_EPOCH` where set, as reproducible builds do."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    return datetime.date.today()


# --- reading and writing the file --------------------------------------------------------


def load(folder: Path) -> Ledger:
    """The ledger of the input folder; an empty one where there is none yet."""
    path = folder / LEDGER
    if not path.is_file():
        return Ledger()
    try:
        text = path.read_text(encoding="utf-8")
        data = _read_as_written(text)
        if data is None:  # edited by hand, or by a merge: checked, then read by YAML, slowly
            ledger_schema.check(path, text)
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
                if m["section"] not in ledger_schema.SECTIONS:
                    return None  # for the schema to say where
                section = data.setdefault(m["section"], {})
            elif m["key"] is not None and section is not None:
                key = json.loads(m["key"])
                if m["page"] is not None:
                    section[key] = json.loads(m["page"])
                    if not ledger_schema.written(section[key], ledger_schema.PAGE):
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
                if not ledger_schema.written(mark, ledger_schema.MARK):
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
        lines.append(f"  {_scalar(id_)}:")
        lines.append(f"    source: {_scalar(entry.source)}")
        lines.append(f"    url: {_scalar(entry.url)}")
        lines.append(f"    title: {_scalar(entry.title)}")
        if entry.withdrawn:
            lines.append(f"    withdrawn: {entry.withdrawn.isoformat()}")
        lines.append("    anchors:" + ("" if entry.marks else " {}"))
        lines.extend(f"      {m.anchor}: {_scalar(_fields(m))}" for m in entry.marks)
    for section, pages in (("speakers", ledger.speakers), ("outlets", ledger.outlets)):
        lines.append(f"{section}:" + ("" if pages else " {}"))
        lines.extend(
            f"  {_scalar(id_)}: {_scalar(page.name if page.moved is None else {'name': page.name, 'moved': page.moved})}"
            for id_, page in sorted(pages.items())
        )
    return "\n".join(lines) + "\n"


def _fields(m: Mark) -> dict[str, object]:
    values = {"asker": m.asker, "outlet": m.outlet, "answers": list(m.answers), "digest": m.digest, "text": m.text,
              "removed": m.removed.isoformat() if m.removed else None, "into": m.into}
    return {key: value for key, value in values.items() if value not in (None, [], "")}


def _scalar(value: object) -> str:
    # ASCII escapes: YAML's reader refuses some characters JSON writes as they are.
    return json.dumps(value, ensure_ascii=True)


# --- fingerprints and alignment ----------------------------------------------------------


def _words(value: str) -> str:
    return " ".join(re.findall(r"\w+", value.casefold()))


def fingerprint(e: Exchange, anchor: str) -> Mark:
    who = e.question.speaker
    words = _words(e.question.text)
    answers = sorted({t.speaker.person.id for t in e.answers if t.speaker.person})
    return Mark(
        anchor, who.person.id if who.person else None, who.outlet.id if who.outlet else None, tuple(answers),
        hashlib.sha256(words.encode()).hexdigest()[:12], words[:_PREFIX],
    )


def fingerprints(t: Transcript) -> list[Mark]:
    """The fingerprint of each exchange of a reading, in order (not yet named)."""
    return [fingerprint(e, "") for e in t.exchanges]


def _similarity(old: Mark, new: Mark) -> float:
    """How sure (0-1) it is that `new` is the exchange `old` was: its question's opening
    words and its words as a whole must both be alike (a question that only shares a stock
    opening, "Thank you, Secretary General, on ...", is another; a split's later part, which
    shares the words but not the opening, too). Who asked, and for whom, counts only where
    the text names them."""
    if old.digest == new.digest:
        text = 1.0
    else:
        o, n = _tokens(old.text), _tokens(new.text)
        opening = min(_OPENING_WORDS, len(o), len(n))
        text = min(Indel.normalized_similarity(o[:opening], n[:opening]) if opening else 0.0,
                   Indel.normalized_similarity(o, n))
        if _SPLIT_WORDS <= len(n) < len(o) and len(new.text) >= _SPLIT_MINIMUM:  # the first part of a split?
            text = max(text, 0.8 * Indel.normalized_similarity(o[: len(n)], n))
    known = [a == b for a, b in ((old.asker, new.asker), (old.outlet, new.outlet)) if a or b]
    return 0.8 * text + 0.2 * sum(known) / len(known) if known else text


def _tokens(text: str) -> list[str]:
    """A fingerprint's words; the last one may be cut where the fingerprint is."""
    words = text.split()
    return words[:-1] if len(text) >= _PREFIX and len(words) > 1 else words


def _pairs(old: list[Mark], new: list[Mark]) -> list[tuple[int, int]]:
    """Which old fingerprints are which new ones: the order-keeping pairing of greatest
    total similarity, among pairs alike enough. Equal questions pair first."""
    if [m.digest for m in old] == [m.digest for m in new]:  # nothing corrected: the usual case
        return [(k, k) for k in range(len(old))]
    pairs: list[tuple[int, int]] = []
    matcher = SequenceMatcher(None, [m.digest for m in old], [m.digest for m in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.extend((i1 + k, j1 + k) for k in range(i2 - i1))
        elif tag == "replace":
            pairs.extend((i1 + i, j1 + j) for i, j in _best_pairs(old[i1:i2], new[j1:j2]))
    return pairs


def _best_pairs(old: list[Mark], new: list[Mark]) -> list[tuple[int, int]]:
    n, m = len(old), len(new)
    if n * m > _DP_LIMIT:  # a text rewritten throughout: pair by position where alike
        return [(k, k) for k in range(min(n, m)) if _similarity(old[k], new[k]) >= _SAME]
    score = [[_similarity(o, p) for p in new] for o in old]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            both = score[i][j] + best[i + 1][j + 1] if score[i][j] >= _SAME else 0.0
            best[i][j] = max(best[i + 1][j], best[i][j + 1], both)
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if score[i][j] >= _SAME and best[i][j] == score[i][j] + best[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _suffixes() -> Iterable[str]:
    for size in itertools.count(1):
        for letters in itertools.product("abcdefghijklmnopqrstuvwxyz", repeat=size):
            yield "".join(letters)


def _new_anchor(before: str | None, used: set[str]) -> str:
    """An anchor no link ever used, named after the exchange it follows: `q2a`, `q2b`, ...;
    `q0a` before the first."""
    number = re.match(r"q(\d+)", before).group(1) if before else "0"
    return next(a for a in (f"q{number}{s}" for s in _suffixes()) if a not in used)


def align(entry: Entry, t: Transcript, day: datetime.date, fresh: bool = False, prints: list[Mark] | None = None
          ) -> tuple[Transcript, Entry, list[Change]]:
    """`t` with the anchors `entry` published, and the entry updated to it (`fresh`: an
    entry made for `t` in this run; `prints`: its exchanges' fingerprints, if known)."""
    path, exchanges, marks = t.source, t.exchanges, list(entry.marks)
    live = [k for k, m in enumerate(marks) if m.live]
    prints = fingerprints(t) if prints is None else prints
    placed = {j: live[i] for i, j in _pairs([marks[k] for k in live], prints)}  # exchange -> its mark
    # An exchange a correction removed, back word for word (a deletion undone): its anchor again.
    removed = {(m.digest, m.asker, m.outlet): k for k, m in enumerate(marks) if m.removed is not None}
    revived = {j: removed.pop(key) for j, p in enumerate(prints)
               if j not in placed and (key := (p.digest, p.asker, p.outlet)) in removed}
    placed.update(revived)
    at = {k: j for j, k in placed.items()}
    # A published exchange not found as it was, whose question is in an exchange nearby:
    # a new one is it (split, then merged into what followed); one already placed took it in.
    hosts: dict[int, int] = {}  # mark -> the placed exchange it was merged into
    for k in live:
        if k not in at and (j := _merged_into(marks[k], k, at, exchanges)) is not None:
            if j in placed:
                hosts[k] = j
            else:
                placed[j], at[k] = k, j
    after, last = {}, -1  # mark -> the exchange it now stands after (-1: before the first)
    for k in range(len(marks)):
        last = after[k] = at.get(k, last)

    anchors: dict[int, str] = {}
    used = {m.anchor for m in marks}
    changes: list[Change] = []
    if not marks and exchanges and not fresh:
        changes.append(Change(path, exchanges[0].question.line, f"published without questions, it now has "
                              f"{len(exchanges)}: q1-q{len(exchanges)} recorded"))
    for j, e in enumerate(exchanges):
        if j in placed:
            anchors[j] = marks[placed[j]].anchor
            if j in revived:
                changes.append(Change(path, e.question.line, f"{anchors[j]} is back in the text: its links land on it again"))
            elif (alike := _similarity(marks[placed[j]], prints[j])) < _CHANGED:
                changes.append(Change(path, e.question.line, f"{anchors[j]} keeps its anchor though its question reads "
                                      f"differently now (alike {alike:.2f}): check it is the same exchange", moves=False))
        elif not marks:  # first published: in the order asked
            anchors[j] = f"q{j + 1}"
        else:
            anchors[j] = _new_anchor(anchors.get(j - 1), used)
            used.add(anchors[j])
            where = f"after {anchors[j - 1]}" if j else "before the first"
            changes.append(Change(path, e.question.line, f"new exchange {where} is {anchors[j]}"))
    host_of = {anchor: j for j, anchor in anchors.items()}

    # A published exchange no longer found: merged into one that holds its question, or removed.
    state: dict[int, Mark] = {}  # the new state of every mark not placed on an exchange
    for k in live:
        if k in at:
            continue
        j = hosts.get(k)
        if j is not None:
            state[k] = replace(marks[k], into=anchors[j])
            changes.append(Change(path, exchanges[j].question.line, f"{marks[k].anchor} merged into "
                                  f"{anchors[j]} in a correction: its links land on {anchors[j]}"))
        else:
            state[k] = replace(marks[k], removed=day)
            line = exchanges[min(after[k] + 1, len(exchanges) - 1)].question.line if exchanges else 1
            changes.append(Change(path, line, f"{marks[k].anchor} is no longer in the text: removed in a "
                                  "correction, its links land on a note saying so"))
    # Anchors merged by earlier corrections follow their exchange, wherever it went.
    index = {m.anchor: k for k, m in enumerate(marks)}
    for k, m in enumerate(marks):
        if m.into is not None:
            host = state.get(index.get(m.into, -1))
            if m.into in host_of:
                state[k] = m
            elif host is not None and host.into:
                state[k] = replace(m, into=host.into)
            else:
                state[k] = replace(m, into=None, removed=host.removed if host is not None else day)
        elif m.removed is not None and k not in at:
            state[k] = m

    # The ledger's marks and the page's ids and removal notes, in the order of the page.
    ids = {j: [anchor] for j, anchor in anchors.items()}
    standing: dict[int, list[int]] = {}
    for k in sorted(state):
        standing.setdefault(after[k], []).append(k)
    new_marks: list[Mark] = []
    removals: list[Removal] = []
    for j in range(-1, len(exchanges)):
        if j >= 0:
            new_marks.append(replace(prints[j], anchor=anchors[j]))
        for k in standing.get(j, ()):
            m = state[k]
            if m.into:
                ids[host_of[m.into]].append(m.anchor)
            else:
                removals.append(Removal(m.anchor, j + 1, m.removed))
            new_marks.append(m)

    numbered = tuple(replace(e, ids=tuple(ids[j])) for j, e in enumerate(exchanges))
    return replace(t, exchanges=numbered, removed=tuple(removals)), replace(entry, marks=tuple(new_marks), withdrawn=None), changes


def _merged_into(old: Mark, k: int, at: dict[int, int], exchanges: tuple[Exchange, ...]) -> int | None:
    """The exchange, where `old` stood, whose question holds its question, if any: one of
    those between the exchanges the marks around it went to, or those two."""
    before = max((at[i] for i in at if i < k), default=-1)
    following = min((at[i] for i in at if i > k), default=len(exchanges))
    between = [j for j in range(before + 1, following) if j not in at.values()]
    for j in (*between, before, following):
        if not 0 <= j < len(exchanges) or not old.text:
            continue
        question = _words(exchanges[j].question.text)
        holds = len(question) >= len(old.text) and fuzz.partial_ratio(old.text, question) >= _INSIDE
        if holds or _ends_with_opening(question, old.text):
            return j
    return None


def _ends_with_opening(question: str, old: str) -> bool:
    """Whether `question` ends with the opening words of `old`, typos aside (as many words as
    the first part of a split must have): the first part of a split, merged into the
    exchange before it."""
    words, ending = _tokens(old), question.split()
    for count in range(min(len(words), len(ending)), _SPLIT_WORDS - 1, -1):
        if len(" ".join(words[:count])) < _SPLIT_MINIMUM:
            return False
        if Indel.normalized_similarity(ending[-count:], words[:count]) >= _CHANGED:
            return True
    return False


# --- the whole corpus ---------------------------------------------------------------------


def publish(transcripts: Iterable[Transcript], ledger: Ledger, folder: Path, day: datetime.date,
            people: dict[str, str], outlets: dict[str, str], unread: set[str] = frozenset(),
            prints: Callable[[Transcript], list[Mark]] = fingerprints) -> Published:
    """Align every transcript to the ledger: their permanent ids and anchors, the ledger
    updated, and the changes to it. `people` and `outlets` are the ids and names of the
    speaker and outlet pages the transcripts now make; `unread` the names of files there
    that could not be read, whose entries stay as they are; `prints` gives a reading's
    fingerprints (from a cache, where there is one)."""
    transcripts = sorted(transcripts, key=lambda t: t.source.name)
    entries = dict(ledger.transcripts)
    marks_of = {t.source.name: prints(t) for t in transcripts}
    bound, changes = _bind(transcripts, entries, {t.source.name for t in transcripts} | set(unread), marks_of)
    result = []
    for t in transcripts:
        id_ = bound.get(t.source.name)
        fresh = id_ is None
        if id_ is None:
            id_ = t.id
            if id_ in entries:  # a new file whose name makes the id of another published one
                id_ = _free_id(t.id, entries)
                changes.append(Change(t.source, 0, f"its id '{t.id}' was published for {entries[t.id].source}: "
                                      f"published as '{id_}'"))
            t = replace(t, id=id_)
            entries[id_] = Entry(t.source.name, t.url, t.meta.title)
            recorded = f": q1-q{len(t.exchanges)} recorded" if t.exchanges else ""
            changes.append(Change(t.source, 0, f"new transcript at {t.url}{recorded}"))
        elif entries[id_].source != t.source.name:
            old = entries[id_]
            changes.append(Change(t.source, 0, f"renamed from {old.source}: keeps its id and URL {old.url}"))
            entries[id_] = replace(old, source=t.source.name)
        entry = entries[id_]
        t = replace(t, id=id_, published_url=entry.url)
        t, entry, found = align(entry, t, t.meta.corrected or day, fresh, marks_of[t.source.name])
        entries[id_] = replace(entry, title=t.meta.title)
        changes.extend(found)
        result.append(t)
    claimed = set(bound.values()) | {id_ for id_, e in entries.items() if e.source in unread}
    orphans = {id_: e for id_, e in entries.items() if id_ in ledger.transcripts and id_ not in claimed}
    withdrawn = []
    for id_, entry in sorted(orphans.items()):
        if entry.withdrawn is None:
            entry = entries[id_] = replace(entry, withdrawn=day)
            changes.append(Change(folder / entry.source, 0, f"withdrawn: its file is gone; its URL {entry.url} "
                                  f"keeps a page saying so"))
        withdrawn.append(entry)
    speakers, moved_people = _pages(ledger.speakers, people, settled=not unread)
    outlet_pages, moved_outlets = _pages(ledger.outlets, outlets, settled=not unread)
    moved = {f"speakers/{a}": f"speakers/{b}" if b else "speakers" for a, b in moved_people.items()}
    moved |= {f"outlets/{a}": f"outlets/{b}" if b else "outlets" for a, b in moved_outlets.items()}
    return Published(
        tuple(result), Ledger(entries, speakers, outlet_pages),  # in file-name order, as read
        tuple(sorted(changes)), moved, tuple(withdrawn),
    )


def _free_id(id_: str, entries: dict[str, Entry]) -> str:
    return next(f"{id_}-{n}" for n in itertools.count(2) if f"{id_}-{n}" not in entries)


def _bind(transcripts: list[Transcript], entries: dict[str, Entry], present: set[str], marks_of: dict[str, list[Mark]]
          ) -> tuple[dict[str, str], list[Change]]:
    """Which published transcript each file is: the one of its name, unless most of that
    one's exchanges are not in it (the name was given to another text); else, for a new
    name, a published one whose file is gone and whose exchanges it mostly holds
    (renamed). File name -> published id."""
    by_source = {e.source: id_ for id_, e in entries.items() if e.withdrawn is None or e.source in present}
    bound: dict[str, str] = {}
    loose: list[Transcript] = []
    candidates = {id_: e for id_, e in entries.items() if e.source not in present and e.withdrawn is None}
    for t in transcripts:
        id_ = by_source.get(t.source.name)
        mostly_gone = id_ is not None and sum(m.live for m in entries[id_].marks) >= 2 \
            and _share(entries[id_], marks_of[t.source.name]) < 0.5
        if mostly_gone:
            candidates[id_] = entries[id_]  # its text may have gone to another file: look there first
            loose.append(t)
        elif id_ is not None:
            bound[t.source.name] = id_
        else:
            loose.append(t)
    changes = []
    for t in loose:
        best, best_share = None, 0.5
        for id_, entry in sorted(candidates.items()):
            if any(m.live for m in entry.marks) and (share := _share(entry, marks_of[t.source.name])) > best_share:
                best, best_share = id_, share
        own = by_source.get(t.source.name)
        if best is None and own in candidates:  # rewritten, not renamed: its anchors become notes
            best = own
            changes.append(Change(t.source, 0, "most of the published exchanges are no longer in this file: if it "
                                  "now holds another transcript, give it a name of its own"))
        if best is not None:
            bound[t.source.name] = best
            del candidates[best]
    return bound, changes


def _share(entry: Entry, prints: list[Mark]) -> float:
    """How much of a published transcript's live exchanges a reading holds (by their
    fingerprints `prints`), and of its exchanges the published."""
    live = [m for m in entry.marks if m.live]
    return len(_pairs(live, prints)) / max(len(live), len(prints)) if live or prints else 0.0


def _pages(published: dict[str, Page], current: dict[str, str], settled: bool = True
           ) -> tuple[dict[str, Page], dict[str, str | None]]:
    """Every page ever published, and where those gone now lead: the page of the corrected
    spelling of their name, or (None) the index. Unless `settled` (a transcript could not be
    read, and its people may come back), gone pages are kept as they were, leading nowhere yet."""
    pages = {id_: Page(name) for id_, name in current.items()}
    moved: dict[str, str | None] = {}
    names = {id_: default_process(name) for id_, name in sorted(current.items())}
    for id_, page in sorted(published.items()):
        if id_ in current:
            continue
        if not settled:
            pages[id_] = page
            continue
        target = page.moved
        seen = {id_}
        while target is not None and target not in current and target in published and target not in seen:
            seen.add(target)
            target = published[target].moved
        if target not in current:
            name = default_process(page.name)
            scored = [(fuzz.ratio(name, other_name), other) for other, other_name in names.items()]
            target = max((s for s in scored if s[0] >= _SAME_NAME), default=(0, None))[1]
        pages[id_] = Page(page.name, target)
        moved[id_] = target
    return pages, moved
