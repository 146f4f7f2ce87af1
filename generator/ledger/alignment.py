"""One reading aligned to its published entry: each exchange's fingerprint (`Mark`), how
alike two fingerprints are, the order-keeping pairing of the published marks with the new
exchanges, and what follows from it: the anchors kept, new, merged and removed, and the
changes said to the editor.

Two kinds of index run through it: a `MarkIndex` counts the entry's published marks (the
old), an `ExchangeIndex` the reading's exchanges (the new)."""

from __future__ import annotations

import datetime
import hashlib
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from pathlib import Path
from typing import NewType

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from ..errors import Problem
from ..model import Exchange, Removal, Transcript
from .file import Entry, Mark

_PREFIX = 100  # characters of the question a fingerprint keeps
_SAME = 0.6  # how alike a fingerprint and an exchange must be to be the same exchange
_INSIDE = 90  # how well (0-100) a removed question must be found in an exchange merged into
_OPENING_WORDS = 6  # a question's opening: with its words as a whole, what says it is the one
_CHANGED = 0.85  # an exchange kept less alike than this is listed for the editor to look at
_SPLIT_MINIMUM = 15  # characters the first part of a split must have to be recognised as it
_SPLIT_WORDS = 3  # and words
_DP_LIMIT = 250_000  # cells of the order-keeping alignment; past this, pairs go by position

MarkIndex = NewType("MarkIndex", int)  # a published mark's place in its entry's marks
ExchangeIndex = NewType("ExchangeIndex", int)  # an exchange's place in the new reading; -1: before the first


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


def paired(old: list[Mark], new: list[Mark]) -> list[tuple[int, int]]:
    """Which old fingerprints are which new ones (their places in `old` and `new`): the order-keeping pairing of greatest
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
    marks = list(entry.marks)
    prints = fingerprints(t) if prints is None else prints
    placing = _place(marks, prints, t.exchanges)
    anchors, changes = _anchors(t, marks, prints, placing, fresh)
    gone = _gone(t, marks, placing, anchors, day, changes)
    new_marks, removals, ids = _in_page_order(t.exchanges, prints, anchors, gone, placing.after)
    numbered = tuple(replace(e, ids=tuple(ids[j])) for j, e in enumerate(t.exchanges))
    return replace(t, exchanges=numbered, removed=tuple(removals)), replace(entry, marks=tuple(new_marks), withdrawn=None), changes


@dataclass(frozen=True)
class _Placing:
    """Where the published marks of an entry went in a new reading."""

    on: dict[ExchangeIndex, MarkIndex]  # an exchange -> the mark whose anchor it keeps
    at: dict[MarkIndex, ExchangeIndex]  # the same, the other way round
    revived: dict[ExchangeIndex, MarkIndex]  # removed marks whose exchange is back word for word
    hosts: dict[MarkIndex, ExchangeIndex]  # a mark -> the placed exchange it was merged into
    after: dict[MarkIndex, ExchangeIndex]  # a mark -> the exchange it now stands after (-1: before the first)
    live: list[MarkIndex]  # the marks not removed or merged before this reading


def _place(marks: list[Mark], prints: list[Mark], exchanges: tuple[Exchange, ...]) -> _Placing:
    """Pair the live marks with the new exchanges by similarity; bring back removed ones
    whose exchange returned as it was; then find those merged into an exchange nearby."""
    live = [MarkIndex(k) for k, m in enumerate(marks) if m.live]
    on = {ExchangeIndex(j): live[i] for i, j in paired([marks[k] for k in live], prints)}
    # An exchange a correction removed, back word for word (a deletion undone): its anchor again.
    removed = {(m.digest, m.asker, m.outlet): MarkIndex(k) for k, m in enumerate(marks) if m.removed is not None}
    revived = {ExchangeIndex(j): removed.pop(key) for j, p in enumerate(prints)
               if j not in on and (key := (p.digest, p.asker, p.outlet)) in removed}
    on.update(revived)
    at = {k: j for j, k in on.items()}
    # A published exchange not found as it was, whose question is in an exchange nearby:
    # a new one is it (split, then merged into what followed); one already placed took it in.
    hosts: dict[MarkIndex, ExchangeIndex] = {}
    for k in live:
        if k not in at and (j := _merged_into(marks[k], k, at, exchanges)) is not None:
            if j in on:
                hosts[k] = j
            else:
                on[j], at[k] = k, j
    after: dict[MarkIndex, ExchangeIndex] = {}
    last = ExchangeIndex(-1)
    for k in range(len(marks)):
        last = after[k] = at.get(k, last)
    return _Placing(on, at, revived, hosts, after, live)


def _anchors(t: Transcript, marks: list[Mark], prints: list[Mark], placing: _Placing, fresh: bool
             ) -> tuple[dict[ExchangeIndex, str], list[Change]]:
    """Each new exchange's anchor: its mark's where it has one, else one no link ever used;
    and the changes that says."""
    path, exchanges = t.source, t.exchanges
    anchors: dict[ExchangeIndex, str] = {}
    used = {m.anchor for m in marks}
    changes: list[Change] = []
    if not marks and exchanges and not fresh:
        changes.append(Change(path, exchanges[0].question.line, f"published without questions, it now has "
                              f"{len(exchanges)}: q1-q{len(exchanges)} recorded"))
    for j, e in enumerate(exchanges):
        if j in placing.on:
            anchors[j] = marks[placing.on[j]].anchor
            if j in placing.revived:
                changes.append(Change(path, e.question.line, f"{anchors[j]} is back in the text: its links land on it again"))
            elif (alike := _similarity(marks[placing.on[j]], prints[j])) < _CHANGED:
                changes.append(Change(path, e.question.line, f"{anchors[j]} keeps its anchor though its question reads "
                                      f"differently now (alike {alike:.2f}): check it is the same exchange", moves=False))
        elif not marks:  # first published: in the order asked
            anchors[j] = f"q{j + 1}"
        else:
            anchors[j] = _new_anchor(anchors.get(j - 1), used)
            used.add(anchors[j])
            where = f"after {anchors[j - 1]}" if j else "before the first"
            changes.append(Change(path, e.question.line, f"new exchange {where} is {anchors[j]}"))
    return anchors, changes


def _gone(t: Transcript, marks: list[Mark], placing: _Placing, anchors: dict[ExchangeIndex, str],
          day: datetime.date, changes: list[Change]) -> dict[MarkIndex, Mark]:
    """The new state of every mark not placed on an exchange: merged into one that holds
    its question, or removed (said in `changes`); and those merged by earlier corrections,
    following their exchange wherever it went."""
    path, exchanges = t.source, t.exchanges
    state: dict[MarkIndex, Mark] = {}
    for k in placing.live:
        if k in placing.at:
            continue
        j = placing.hosts.get(k)
        if j is not None:
            state[k] = replace(marks[k], into=anchors[j])
            changes.append(Change(path, exchanges[j].question.line, f"{marks[k].anchor} merged into "
                                  f"{anchors[j]} in a correction: its links land on {anchors[j]}"))
        else:
            state[k] = replace(marks[k], removed=day)
            line = exchanges[min(placing.after[k] + 1, len(exchanges) - 1)].question.line if exchanges else 1
            changes.append(Change(path, line, f"{marks[k].anchor} is no longer in the text: removed in a "
                                  "correction, its links land on a note saying so"))
    hosted = set(anchors.values())
    index = {m.anchor: MarkIndex(k) for k, m in enumerate(marks)}
    for k, m in enumerate(marks):
        if m.into is not None:
            host = state.get(index.get(m.into, -1))
            if m.into in hosted:
                state[k] = m
            elif host is not None and host.into:
                state[k] = replace(m, into=host.into)
            else:
                state[k] = replace(m, into=None, removed=host.removed if host is not None else day)
        elif m.removed is not None and k not in placing.at:
            state[k] = m
    return state


def _in_page_order(exchanges: tuple[Exchange, ...], prints: list[Mark], anchors: dict[ExchangeIndex, str],
                   gone: dict[MarkIndex, Mark], after: dict[MarkIndex, ExchangeIndex]
                   ) -> tuple[list[Mark], list[Removal], dict[ExchangeIndex, list[str]]]:
    """The ledger's marks, the page's removal notes and each exchange's ids (its anchor,
    then those merged into it), in the order of the page."""
    ids = {j: [anchor] for j, anchor in anchors.items()}
    host_of = {anchor: j for j, anchor in anchors.items()}
    standing: dict[ExchangeIndex, list[MarkIndex]] = {}
    for k in sorted(gone):
        standing.setdefault(after[k], []).append(k)
    new_marks: list[Mark] = []
    removals: list[Removal] = []
    for j in range(-1, len(exchanges)):
        if j >= 0:
            new_marks.append(replace(prints[j], anchor=anchors[j]))
        for k in standing.get(j, ()):
            m = gone[k]
            if m.into:
                ids[host_of[m.into]].append(m.anchor)
            else:
                removals.append(Removal(m.anchor, j + 1, m.removed))
            new_marks.append(m)
    return new_marks, removals, ids


def _merged_into(old: Mark, k: MarkIndex, at: dict[MarkIndex, ExchangeIndex], exchanges: tuple[Exchange, ...]
                 ) -> ExchangeIndex | None:
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

