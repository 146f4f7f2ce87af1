"""How well the reader reads real transcripts: measured against hand readings.

    python benchmarks/reading.py [--real DIR] [--all DIR ...] [--details] [--output FILE]

The hand-read set is `tests/real/` (texts per publisher, readings in `tests/real/expected/`;
the format is in `tests/real/README.md`). Per publisher and overall it gives:

- **count in range**: the share of files whose number of exchanges lies between the
  reading's real questions and all its journalist turns;
- **questioners**: of the journalists the text names, the share the reader puts on the
  right exchange (the exchange opened at the line the reading gives);
- **outlets**: the same for outlets;
- **answers**: of the exchanges with an answer, the share whose answerers are exactly the
  people the reading names;
- **non-journalists as questioners**: exchanges whose question is a moderator's,
  operator's, official's or principal's turn.

Over every transcript of the `--all` folders (by default the 300 of `../shared/real/`) it
counts the warnings `check` would give, by kind, so that a change that helps the hand-read
set but hurts the rest shows. `--details` lists every miss, file by file.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from generator.errors import InputError  # noqa: E402
from generator.model import Exchange, Transcript, Turn  # noqa: E402
from generator.pipeline import load_corpus  # noqa: E402

TARGETS = {"count": 0.95, "questioners": 0.90, "outlets": 0.90, "answers": 0.98, "non_journalists": 0}
WARNING_TARGET = 0.1  # "no answer" and "read as a journalist" warnings per transcript, each


# -- names ---------------------------------------------------------------------------------

_HONORIFICS = frozenset("mr mr. ms ms. mrs mrs. dr dr. prof prof. the hon sir dame".split())


def _tokens(name: str) -> list[str]:
    words = re.sub(r"[^\w\s'-]", " ", name.casefold().replace("’", "'")).split()
    return [w for w in words if w not in _HONORIFICS]


def same_name(expected: str | None, found: str | None) -> bool:
    """Whether two spellings name one person: "Jen Psaki" and "Ms. Psaki", "Paul" and
    "Paul Smith", "SENIOR ADMINISTRATION OFFICIAL" and "Senior Administration Official"."""
    if not expected or not found:
        return False
    a, b = _tokens(expected), _tokens(found)
    if not a or not b:
        return False
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        one, other = (a, b) if len(a) == 1 else (b, a)
        return one[0] in (other[0], other[-1])
    return a[-1] == b[-1] and (a[0] == b[0] or a[0][:1] == b[0][:1] or len(a[0]) <= 2 or len(b[0]) <= 2)


def _outlet_key(name: str) -> str:
    words = re.sub(r"[^\w\s]", " ", name.casefold()).split()
    return " ".join(w for w in words if w not in ("the", "news", "newspaper", "magazine"))


def same_outlet(expected: str | None, found: str | None) -> bool:
    """"The New York Times" and "New York Times", "AP" and "Associated Press"."""
    if not expected or not found:
        return False
    a, b = _outlet_key(expected), _outlet_key(found)
    if not a or not b:
        return False
    if a == b or fuzz.token_set_ratio(a, b) >= 90:
        return True
    initials = lambda s: "".join(w[0] for w in s.split())  # noqa: E731
    return a.replace(" ", "") in (initials(b),) or b.replace(" ", "") in (initials(a),)


# -- the hand readings -----------------------------------------------------------------------


@dataclass
class Entry:
    line: int
    questioner: str | None
    outlet: str | None
    answerers: list[str]
    question: bool


@dataclass
class HandReading:
    path: Path  # the reading's file
    source: Path  # the transcript
    people: list[dict]
    entries: list[Entry]

    @property
    def range(self) -> tuple[int, int]:
        return sum(e.question for e in self.entries), len(self.entries)

    def person_of(self, name: str | None, turn_labels: tuple[str, ...] = ()) -> int | None:
        """Which of `people` a turn's labels or a name are, as an index."""
        labels = {label.casefold().strip() for label in turn_labels}
        for i, person in enumerate(self.people):
            if labels & {str(l).casefold().strip() for l in person.get("labels") or ()}:
                return i
        for i, person in enumerate(self.people):
            if name and person.get("name") and same_name(person["name"], name):
                return i
        for i, person in enumerate(self.people):  # an answerer written by its label
            if name and any(str(l).casefold() == name.casefold() for l in person.get("labels") or ()):
                return i
        return None


def load_readings(real: Path) -> dict[str, list[HandReading]]:
    by_publisher: dict[str, list[HandReading]] = defaultdict(list)
    for path in sorted((real / "expected").glob("*/*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        publisher = path.parent.name
        source = real / publisher / f"{path.stem}.txt"
        entries = [
            Entry(int(e["line"]), e.get("questioner"), e.get("outlet"), list(e.get("answerers") or ()), bool(e.get("question", True)))
            for e in data.get("exchanges") or ()
        ]
        by_publisher[publisher].append(HandReading(path, source, list(data.get("people") or ()), entries))
    return by_publisher


# -- comparing ---------------------------------------------------------------------------------


@dataclass
class Score:
    files: int = 0
    in_range: int = 0
    named: int = 0
    named_right: int = 0
    named_wrongly: int = 0  # a journalist the text does not name, given a name
    outlets: int = 0
    outlets_right: int = 0
    answered: int = 0
    answered_right: int = 0
    non_journalists: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("files", "in_range", "named", "named_right", "named_wrongly", "outlets", "outlets_right", "answered",
                     "answered_right", "non_journalists"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses

    def shares(self) -> dict[str, float]:
        share = lambda right, total: right / total if total else 1.0  # noqa: E731
        return {
            "count": share(self.in_range, self.files),
            "questioners": share(self.named_right, self.named),
            "outlets": share(self.outlets_right, self.outlets),
            "answers": share(self.answered_right, self.answered),
        }


def _speaker_name(turn: Turn) -> str | None:
    return turn.speaker.person.name if turn.speaker.person else None


def compare(reading: HandReading, transcript: Transcript | None) -> Score:
    score = Score(files=1)
    where = reading.source.name
    if transcript is None:
        score.misses.append(f"{where}: could not be read")
        return score
    by_line: dict[int, list[Exchange]] = defaultdict(list)  # a line may hold several turns (a page's HTML)
    for x in transcript.exchanges:
        by_line[x.question.line].append(x)
    lo, hi = reading.range
    count = len(transcript.exchanges)
    if lo <= count <= hi:
        score.in_range = 1
    else:
        score.misses.append(f"{where}: {count} exchanges, read by hand [{lo}..{hi}]")
    journalist_lines = {e.line for e in reading.entries}
    for exchange in transcript.exchanges:
        q = exchange.question
        if q.line in journalist_lines:
            continue
        who = reading.person_of(_speaker_name(q), q.labels)
        if who is not None:
            score.non_journalists += 1
            score.misses.append(f"{where}:{q.line}: {q.labels or _speaker_name(q)} read as a questioner")
    taken: Counter[int] = Counter()
    for entry in reading.entries:
        on_line = by_line.get(entry.line, [])
        exchange = on_line[taken[entry.line]] if taken[entry.line] < len(on_line) else None
        taken[entry.line] += exchange is not None
        if exchange is None and not entry.question:
            continue
        _score_entry(score, reading, entry, exchange, where)
    return score


def _tally(score: Score, counter: str, at: str, what: str, expected: str, found: str | None, same) -> None:
    """One name the reading gives, against the one read: `counter` and `counter`_right."""
    setattr(score, counter, getattr(score, counter) + 1)
    if same(expected, found):
        setattr(score, f"{counter}_right", getattr(score, f"{counter}_right") + 1)
    else:
        score.misses.append(f"{at}: {what} {expected!r}, read {found!r}")


def _score_entry(score: Score, reading: HandReading, entry: Entry, exchange: Exchange | None, where: str) -> None:
    at = f"{where}:{entry.line}"
    speaker = exchange.question.speaker if exchange else None
    person = speaker.person.name if speaker and speaker.person else None
    if entry.questioner:
        _tally(score, "named", at, "questioner", entry.questioner, person, same_name)
    elif person and entry.question:
        score.named_wrongly += 1
        score.misses.append(f"{at}: no questioner named, read {person!r}")
    if entry.outlet:
        outlet = speaker.outlet.name if speaker and speaker.outlet else None
        _tally(score, "outlets", at, "outlet", entry.outlet, outlet, same_outlet)
    if entry.answerers:
        score.answered += 1
        expected = {reading.person_of(name) for name in entry.answerers}
        found_turns = exchange.answers if exchange else ()
        found = {reading.person_of(_speaker_name(t), t.labels) for t in found_turns}
        if expected == found and None not in expected:
            score.answered_right += 1
        else:
            names = sorted({f"{_speaker_name(t)}" for t in found_turns})
            score.misses.append(f"{at}: answered by {entry.answerers}, read {names}")


# -- warnings over the whole real corpus --------------------------------------------------------------


def warning_kind(message: str) -> str:
    """A warning with its particulars taken out: "question q7 has no answer" is "question … has no answer"."""
    kind = re.sub(r"'[^']*'", "'…'", message)
    kind = re.sub(r"\bq\d+[a-z]?\b", "…", kind)
    kind = re.sub(r"\d+(?:\.\d+)?", "N", kind)
    return kind


def warnings_by_kind(folders: list[Path]) -> tuple[int, Counter]:
    kinds: Counter[str] = Counter()
    files = 0
    for folder in folders:
        try:
            corpus = load_corpus(folder)
        except InputError as error:
            kinds.update(f"(the folder) {warning_kind(p.message)}" for p in error.problems)
            continue
        files += len(corpus.readings) + len(corpus.failed)
        kinds.update(f"(unreadable) {warning_kind(p.message)}" for p in corpus.failed)
        kinds.update(warning_kind(w.message) for w in corpus.warnings)
    return files, kinds


# -- the report ------------------------------------------------------------------------------------------


def measure(real: Path) -> dict[str, Score]:
    scores: dict[str, Score] = {}
    for publisher, readings in load_readings(real).items():
        corpus = load_corpus(real / publisher)
        by_source = {t.source.name: t for t in corpus.transcripts}
        score = Score()
        for reading in readings:
            score.add(compare(reading, by_source.get(reading.source.name)))
        scores[publisher] = score
    return scores


def _pct(value: float) -> str:
    return f"{100 * value:.1f}%"


def report(scores: dict[str, Score], files: int, kinds: Counter, details: bool) -> tuple[str, bool]:
    total = Score()
    for score in scores.values():
        total.add(score)
    rows = [
        "| publisher | files | count in range | questioners | outlets | answers | non-journalists as questioners | named where the text names no one |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, score in [*sorted(scores.items()), ("**all**", total)]:
        s = score.shares()
        rows.append(
            f"| {name} | {score.files} | {_pct(s['count'])} ({score.in_range}) | {_pct(s['questioners'])} "
            f"({score.named_right}/{score.named}) | {_pct(s['outlets'])} ({score.outlets_right}/{score.outlets}) | "
            f"{_pct(s['answers'])} ({score.answered_right}/{score.answered}) | {score.non_journalists} | {score.named_wrongly} |"
        )
    shares = total.shares()
    met = all(shares[k] >= TARGETS[k] for k in ("count", "questioners", "outlets", "answers"))
    met = met and total.non_journalists <= TARGETS["non_journalists"]
    lines = ["## Hand-read set", "", *rows, ""]
    lines += [f"## Warnings over {files} transcripts", "", "| warnings | kind |", "|---|---|"]
    lines += [f"| {count} | {kind} |" for kind, count in kinds.most_common()]
    for needle in ("has no answer", "read as a journalist"):
        count = sum(c for k, c in kinds.items() if needle in k)
        per = count / files if files else 0.0
        met = met and per < WARNING_TARGET
        lines.append(f"\n'{needle}': {count} ({per:.3f} per transcript, target < {WARNING_TARGET})")
    lines.append(f"\nTargets {'met' if met else 'NOT met'}.")
    if details:
        lines += ["", "## Misses", "", *(f"- {m}" for m in total.misses)]
    return "\n".join(lines), met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--real", type=Path, default=REPO / "tests" / "real", help="the hand-read set")
    parser.add_argument("--all", type=Path, nargs="*", help="folders whose warnings are counted (default: ../shared/real/*)")
    parser.add_argument("--details", action="store_true", help="list every miss")
    parser.add_argument("--output", type=Path, help="also append the report to this file")
    args = parser.parse_args()
    shared = REPO.parent / "shared" / "real"
    folders = args.all if args.all is not None else sorted(p for p in shared.iterdir() if p.is_dir()) if shared.is_dir() else []
    scores = measure(args.real)
    files, kinds = warnings_by_kind(folders)
    text, met = report(scores, files, kinds, args.details)
    print(text)
    if args.output:
        with args.output.open("a", encoding="utf-8") as out:
            out.write(f"\n`python benchmarks/reading.py`\n\n{text}\n")
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
