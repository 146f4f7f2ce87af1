"""Stage 3, `parse`: cleaned lines to labelled turns.

Three steps over the body. `labels.detect` finds the lines shaped like a label; each
candidate is then weighed with what surrounds it (`labels.EVIDENCE`: does it recur, does
the registry know it, does a question mark follow, ...) and kept from `labels.ACCEPT` up;
last, the kept labels are found again running into their text on one line ("NATO
Spokesperson Farah Dakhlallah Thank you all."). Every line that is not a label is a
paragraph of the turn above it: none is dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from . import labels
from .model import Label, LabelledTurn, Line, Role

NEAR = 4  # lines: how close "another label follows" and "the lines before name it" look

LineRef = int | str  # a line number in the raw file, or the words a line starts with


@dataclass(frozen=True)
class Forced:
    """An editor's reading of lines, from the sidecar: these are labels, these are text."""

    labels: tuple[LineRef, ...] = ()
    text: tuple[LineRef, ...] = ()

    def matches(self, refs: tuple[LineRef, ...], line: Line) -> LineRef | None:
        return next((ref for ref in refs if _refers_to(ref, line)), None)


def _refers_to(ref: LineRef, line: Line) -> bool:
    return line.number == ref if isinstance(ref, int) else line.text.startswith(ref)


@dataclass(frozen=True)
class Parsed:
    turns: tuple[LabelledTurn, ...]
    doubtful: tuple[tuple[Line, Label], ...]  # shaped like labels, but read as text
    unused: tuple[LineRef, ...] = ()  # forced lines that match no line of the text
    header: tuple[Line, ...] = ()  # the page's lines at the top: byline, place, date, time


def parse(body: Sequence[Line], knows: Callable[[Label], bool] = lambda label: False, forced: Forced = Forced()) -> Parsed:
    header = _header(body)
    body = _split_run_on(body[len(header):])
    candidates = {i: hit for i, line in enumerate(body) if (hit := labels.detect(line.text))}
    as_text = {i for i, line in enumerate(body) if forced.matches(forced.text, line) is not None}
    as_label = {i: ref for i, line in enumerate(body) if (ref := forced.matches(forced.labels, line)) is not None}
    for i in as_text:
        candidates.pop(i, None)
    for i, (label, rest) in list(candidates.items()):
        if label.style == "standalone" and not rest and i + 1 in candidates and candidates[i + 1][1] and i not in as_label:
            del candidates[i]  # "The Kremlin, Moscow" over "Lionel Barber: Mr President, …": a place, no label
    accepted: dict[int, tuple[Label, str]] = {}
    doubtful = []
    recurring = Counter(label.text for label, _ in candidates.values())
    frequent = [text for text, n in recurring.items() if n >= 2]
    for i, (label, rest) in candidates.items():
        evidence = {
            "recurs": recurring[label.text] >= 2 or _misspells(label.text, frequent),
            "known": knows(label),
            "asks": label.role in (Role.QUESTIONER, None) and "?" in " ".join([rest, *_text_after(body, candidates, i)]),
            "answered": any(j in candidates for j in range(i + 1, i + 1 + NEAR)),
            "announced": _announced(label, body[max(0, i - NEAR) : i]),
            "runs-on": rest[:1].islower(),
            "self-named": _names_itself(label, rest, _text_after(body, candidates, i)),
        }
        score = min(1.0, label.confidence + sum(labels.EVIDENCE[k] for k, seen in evidence.items() if seen))
        label = replace(label, confidence=round(score, 2))
        if score >= labels.ACCEPT or i in as_label:
            accepted[i] = (label, rest)
        elif score >= labels.DOUBT:
            doubtful.append((body[i], label))
    for i, ref in as_label.items():
        if i not in accepted:
            accepted[i] = _forced_label(body[i], ref)
    standing = {label.text: label for label, rest in accepted.values() if label.name and not rest}
    said = Counter(label.text for label, _ in accepted.values() if label.text.isupper() and len(label.text) >= 2)
    standing.update((label.text, label) for label, _ in accepted.values() if said[label.text] >= RUN_ON_LABELS)
    known = labels.longest_first(standing)
    used = {ref for line in body for ref in (*forced.labels, *forced.text) if _refers_to(ref, line)}
    unused = tuple(ref for ref in (*forced.labels, *forced.text) if ref not in used)
    return Parsed(_turns(body, accepted, known), tuple(doubtful), unused, header)


RUN_ON_LABELS = 2  # an upper-case label at this many line starts is found again inside lines


def _split_run_on(body: Sequence[Line]) -> list[Line]:
    """Lines where a scanned page ran two turns together, "… in Tasmania? PM: Well, …": split
    before an upper-case label that also starts lines of its own, after a sentence's end or
    where a capital follows its colon ("… an inducement to PM: I categorically deny …")."""
    starts = Counter(
        hit[0].text for line in body[:5000] if (hit := labels.detect(line.text)) and hit[0].text.isupper() and hit[0].style != "standalone"
    )
    keywords = {text for text in starts if labels.detect(f"{text}: x") and labels.detect(f"{text}: x")[0].role is Role.QUESTIONER}
    known = sorted((t for t, n in starts.items() if (n >= RUN_ON_LABELS or t in keywords) and len(t) >= 2), key=len, reverse=True)
    if not known:
        return list(body)
    either = "|".join(map(re.escape, known))
    # after a sentence's end, or after a word in lower case where a capital follows the colon ("inducement to PM: I")
    run_on = re.compile(rf"(?<=[.?!…\"”')\]-])\s+(?=(?:{either}):)|(?<=[a-z])\s+(?=(?:{either}):\s+[A-Z])")
    out: list[Line] = []
    for line in body:
        parts = run_on.split(line.text) if ":" in line.text[3:] else [line.text]
        out.extend(Line(line.number, part) for part in parts if part)
    return out


# A line that ends as said words end: "Thank you.", "Why?", "Good. (Laughter)"
_SAID = re.compile(r".*[.?!…:;][\"”’')\]]*(?:\s*[(\[][^)\]]*[)\]])?")
HEADER_WORDS = 12  # a line at the top this short, not ending as said words do, is the page's


def _header(body: Sequence[Line]) -> tuple[Line, ...]:
    """The lines at the top that are the page's, not anyone's: a byline, a place, a
    date, a time ("Ned Price, Department Spokesperson", "Washington, DC", "1:17 p.m.
    EDT") up to the first label, when a label comes before any said words. A label
    stands over said words: a label-shaped line followed by another such line, or by a
    label with its words on the same line ("The Kremlin, Moscow" over "Lionel Barber: Mr
    President, …"), is a byline or a place."""
    for i, line in enumerate(body):
        hit = labels.detect(line.text)
        after = body[i + 1].text if i + 1 < len(body) else None
        labelled = after is not None and (found := labels.detect(after)) is not None and bool(found[1])
        if hit and (hit[1] or hit[0].style != "standalone" or (after is not None and not _page_line(after) and not labelled)):
            return tuple(body[:i])
        if not _page_line(line.text):
            break
    return ()


def _page_line(text: str) -> bool:
    """A byline, a place, a date, a time: short, not ending as said words do, and every
    word but a few capitalised, or a number in it ("James S. Brady Press Briefing Room",
    "1:17 p.m. EDT", "Press conference – Parliament House, Canberra"), where "Good morning
    everyone" is speech."""
    words = text.split(maxsplit=HEADER_WORDS)  # no more: a line may be megabytes long
    if len(words) > HEADER_WORDS or _SAID.fullmatch(text):
        return False
    alpha = [w for w in words if w[:1].isalpha() and w not in _LINKING]
    capitalised = sum(w[:1].isupper() for w in alpha)
    return any(c.isdigit() for c in text) or capitalised > CAPITALISED_SHARE * len(alpha)


CAPITALISED_SHARE = 0.6
_LINKING = frozenset("of the and for de du des la le of and & in at on".split())


def _forced_label(line: Line, ref: LineRef) -> tuple[Label, str]:
    """A line the editor says is a label, though it has no label's shape: the words the
    editor gave (or the whole line), the rest of the line its text."""
    words = line.text if isinstance(ref, int) else ref
    rest = line.text[len(words):].lstrip(" :")
    label = labels.describe(words.rstrip(" :"), "colon") or Label(words.rstrip(" :"), None, "editor", 1.0, name=words.rstrip(" :"))
    return replace(label, style="editor", confidence=1.0), rest


def _turns(
    body: Sequence[Line], accepted: dict[int, tuple[Label, str]], known: list[tuple[str, Label]]
) -> tuple[LabelledTurn, ...]:
    turns: list[LabelledTurn] = []
    label: Label | None = None
    start = body[0].number if body else 1
    paragraphs: list[str] = []
    for i, line in enumerate(body):
        hit = accepted.get(i) or labels.detect_known(line.text, known)
        if hit is None:
            paragraphs.append(line.text)
            continue
        if label is not None or paragraphs:
            turns.append(LabelledTurn(label, tuple(paragraphs), start))
        label, rest = hit
        start, paragraphs = line.number, [rest] if rest else []
    if label is not None or paragraphs:
        turns.append(LabelledTurn(label, tuple(paragraphs), start))
    return tuple(turns)


def _misspells(text: str, frequent: list[str]) -> bool:
    """"CHAIRIMAN POWELL" once, where "CHAIRMAN POWELL" recurs: it recurs too, misspelt."""
    return len(text) >= 8 and labels.misspelling_of(text, frequent) is not None


def _names_itself(label: Label, rest: str, after: Sequence[str]) -> bool:
    """"JEANNA SMIALEK.  Hi, Chair Powell. … Jeanna Smialek from the New York Times.": the
    words under a name say that name."""
    return label.role is None and labels.says_own_name(label, " ".join([rest, *after])[:300])


def _text_after(body: Sequence[Line], candidates: dict, i: int) -> list[str]:
    """The few lines under candidate `i`, up to the next candidate."""
    lines = []
    for j in range(i + 1, min(len(body), i + 1 + NEAR)):
        if j in candidates:
            break
        lines.append(body[j].text)
    return lines


def _announced(label: Label, before: Sequence[Line]) -> bool:
    """Whether the lines just before name the label's outlet or the speaker's first name:
    "We'll go to Moldovan Jurnal TV" before "Iulia Sarivan, Jurnal TV"."""
    names = [label.outlet, label.name.split()[0] if label.name else None]
    text = " ".join(line.text for line in before)
    folded = text.casefold()
    return any(
        name and len(name) > 2 and name.casefold() in folded and re.search(rf"\b{re.escape(name)}\b", text, re.I)
        for name in names
    )
