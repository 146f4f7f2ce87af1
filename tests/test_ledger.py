"""The anchor ledger: every published #qN keeps landing on its exchange through corrections.

A transcript is written from a small model (a list of exchanges, each knowing which
original exchanges it holds), corrected the ways publishers correct (a typo, an exchange
inserted, deleted, split, merged; the file renamed; the date fixed), and read again: every
anchor ever published must land on the exchange holding its original, or on the note
saying it was removed, and no new exchange may take an old anchor.
"""

from __future__ import annotations

import datetime
import itertools
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import ledger
from generator.generate import publish
from generator.pipeline import load_corpus
from tests.test_cli import run

HEADER = """Doorstep statement

by NATO Secretary General Mark Rutte ahead of the meetings of NATO Ministers of Defence in Brussels

Good morning, good to see you all. Just a quick doorstep before we start with today's meetings.
"""

QUESTIONS = [
    "Do you think that the rhetoric we heard yesterday was in any way harmful to NATO? Should Allies worry about it?",
    "Things have changed here. What direction is this Alliance now going, and who decides it?",
    "You have said no decisions about Ukraine without Ukraine. Yet yesterday we saw a phone call without them. Is that acceptable?",
    "How much should European Allies spend on defence by the end of the decade? Is five percent realistic?",
    "What is your message to the people of Georgia who are protesting tonight? Will NATO do anything for them?",
    "Is the Alliance ready for sabotage on undersea cables in the Baltic Sea? What has changed since last year?",
    "Could you tell us whether North Korean troops are now fighting inside Ukraine? How many are there?",
    "Will the Secretary General attend the summit in The Hague in person? And who else is invited?",
    "Are you worried that China supplies drones to Russia? Have you seen the evidence yourself?",
    "Has the defence industry increased its production enough this year? Where are the bottlenecks?",
    "What do you expect from the new government in Berlin on defence spending? Will it keep its promises?",
    "Should Ukraine be invited to join the Alliance this year, or only after the war ends?",
]
ANSWERS = [
    "Let me be very clear on this: the Alliance stands together, and we will keep working on it every day.",
    "We discussed this at length this morning, and Allies agree that more has to be done, and quickly.",
    "I will not comment on national debates, but what matters is that we deliver what we promised.",
]


Piece = tuple[int, int, str]  # (the original exchange, which of its sentences, the sentence)


@dataclass
class Exchange:
    """An exchange as a list of sentences, each knowing where it came from."""

    sentences: list[Piece]
    answer: str

    @property
    def question(self) -> str:
        return " ".join(text for _, _, text in self.sentences)

    @property
    def holds(self) -> list[int]:
        """The original exchanges whose question's opening it holds: its own, then any merged in."""
        return [origin for origin, index, _ in self.sentences if index == 0]

    @property
    def pieces(self) -> list[int]:
        """Those of which it holds only a later sentence (the second part of a split)."""
        return [origin for origin, index, _ in self.sentences if index > 0 and origin not in self.holds]


def _sentences(origin: int, question: str) -> list[Piece]:
    return [(origin, i, text) for i, text in enumerate(re.split(r"(?<=[?.]) ", question))]


@dataclass
class Text:
    """A transcript as a list of exchanges, written out in the doorstep style."""

    exchanges: list[Exchange]
    fresh: itertools.count = field(default_factory=lambda: itertools.count(100))

    def write(self, path: Path) -> None:
        blocks = [HEADER]
        for e in self.exchanges:
            blocks.append(f"Question:\n{e.question}\n\nNATO Secretary General Rutte:\n{e.answer}\n")
        path.write_text("\n".join(blocks), encoding="utf-8")

    # The corrections, as a publisher makes them.

    def typo(self, k: int) -> None:
        e = self.exchanges[k]
        n, (origin, index, sentence) = max(enumerate(e.sentences), key=lambda s: len(s[1][2]))
        words = sentence.split()
        i = max(range(len(words)), key=lambda w: (len(words[w].strip("?,.")), -w))
        word = words[i]
        words[i] = word[0] + word[2] + word[1] + word[3:] if len(word) > 3 else word + "s"
        e.sentences[n] = (origin, index, " ".join(words))

    def insert(self, k: int, question: str) -> None:
        self.exchanges.insert(k, Exchange(_sentences(next(self.fresh), question), ANSWERS[k % len(ANSWERS)]))

    def delete(self, k: int) -> None:
        del self.exchanges[k]

    def split(self, k: int) -> bool:
        e = self.exchanges[k]
        if len(e.sentences) < 2:
            return False
        self.exchanges[k:k + 1] = [
            Exchange(e.sentences[:1], "On the first part: yes, we are looking at it."),
            Exchange(e.sentences[1:], e.answer),
        ]
        return True

    def merge(self, k: int) -> bool:
        if k + 1 >= len(self.exchanges):
            return False
        a, b = self.exchanges[k], self.exchanges[k + 1]
        self.exchanges[k:k + 2] = [Exchange(a.sentences + b.sentences, b.answer)]
        return True


def _original(count: int = 6) -> Text:
    return Text([Exchange(_sentences(i, QUESTIONS[i]), ANSWERS[i % len(ANSWERS)]) for i in range(count)])


class Archive:
    """An input folder read as `generate` reads it. What was published is the reading before:
    each exchange under its anchor, and the anchors merged into it or removed."""

    def __init__(self, folder: Path, day: str = "2025-02-13"):
        self.folder = folder
        folder.mkdir(exist_ok=True)
        self.stem = f"{day}-doorstep-statement"
        (folder / f"{self.stem}.yml").write_text(f"date: {day}\n", encoding="utf-8")
        self.used: set[str] = set()  # every anchor ever published
        self.merged: dict[str, str] = {}  # an anchor merged into another -> that one
        self.removed: set[str] = set()
        self.texts: dict[str, str] = {}  # each anchor's question as last published
        self.url: str | None = None

    def read(self, text: Text):
        """Write `text`, read it against the ledger and update the ledger, as `generate` does;
        check every published link; then take this reading as what is published."""
        text.write(self.folder / f"{self.stem}.txt")
        corpus = load_corpus(self.folder)
        published = publish(corpus, self.folder, frozen=False)
        (self.folder / ledger.LEDGER).write_text(ledger.dumps(published.ledger), encoding="utf-8")
        (t,) = published.transcripts
        self.check(text, t)
        for e, mine in zip(t.exchanges, text.exchanges):
            self.texts[e.anchor] = mine.question
            mine.sentences = [(e.anchor, i, sentence) for i, (_, _, sentence) in enumerate(mine.sentences)]
            self.merged.update((m, e.anchor) for m in e.merged)
        self.used |= {a for e in t.exchanges for a in e.ids}
        self.removed = {r.anchor for r in t.removed}
        return t

    def check(self, text: Text, t) -> None:
        self.url = self.url or t.url
        assert t.url == self.url, "the transcript's URL moved"
        lands = {a: n for n, e in enumerate(t.exchanges) for a in e.ids}
        removed = {r.anchor for r in t.removed}
        assert len(lands) == sum(len(e.ids) for e in t.exchanges) and not set(lands) & removed
        revived = {e.anchor: mine for e, mine in zip(t.exchanges, text.exchanges) if e.anchor in self.removed}
        for anchor, mine in revived.items():  # a deletion undone: the same question, word for word
            assert mine.question == self.texts[anchor], f"#{anchor}, removed, came back on another question"
        assert self.removed - set(revived) <= removed, "a removed exchange's note is gone"
        opening = {origin: n for n, e in enumerate(text.exchanges) for origin in e.holds}
        pieces: dict[object, list[int]] = {}
        for n, e in enumerate(text.exchanges):
            for origin in e.pieces:
                pieces.setdefault(origin, []).append(n)
        for anchor in self.used - self.removed - set(self.merged):
            if anchor in opening:  # on the exchange that holds its question's opening
                assert lands.get(anchor) == opening[anchor], f"#{anchor} no longer lands on its exchange"
            else:  # a later piece is left, or nothing: on it, or on a note saying it was removed
                assert lands.get(anchor) in pieces.get(anchor, ()) or anchor in removed, \
                    f"#{anchor} of a deleted exchange lands on no removal note"
        for anchor, into in self.merged.items():
            if into not in self.removed:
                assert lands.get(anchor) == lands.get(into) or anchor in removed and into in removed, \
                    f"#{anchor}, merged into #{into}, no longer lands with it"
        for n, (e, mine) in enumerate(zip(t.exchanges, text.exchanges)):
            if e.anchor in self.used and e.anchor not in revived:  # an old anchor names only an exchange holding it
                assert e.anchor in mine.holds + mine.pieces, f"#{e.anchor} was given to another exchange"


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    return Archive(tmp_path / "transcripts")


def test_a_new_transcript_records_q1_to_qn(archive):
    t = archive.read(_original())
    assert [e.anchor for e in t.exchanges] == ["q1", "q2", "q3", "q4", "q5", "q6"]
    text = (archive.folder / ledger.LEDGER).read_text(encoding="utf-8")
    assert text.count("\n      q") == 6
    assert '"2025-02-13-doorstep-statement":' in text


def test_a_typo_fixed_keeps_every_anchor(archive):
    text = _original()
    archive.read(text)
    text.typo(2)
    t = archive.read(text)
    assert [e.anchor for e in t.exchanges] == ["q1", "q2", "q3", "q4", "q5", "q6"]


@pytest.mark.parametrize(("position", "anchor"), [(0, "q0a"), (3, "q3a"), (6, "q6a")])
def test_an_inserted_exchange_gets_an_anchor_never_used_where_it_stands(archive, position, anchor):
    text = _original()
    archive.read(text)
    text.insert(position, QUESTIONS[10])
    t = archive.read(text)
    anchors = [e.anchor for e in t.exchanges]
    assert anchors[position] == anchor
    assert [a for a in anchors if a != anchor] == ["q1", "q2", "q3", "q4", "q5", "q6"]


def test_a_second_insertion_at_the_same_place_takes_the_next_letter(archive):
    text = _original()
    archive.read(text)
    text.insert(3, QUESTIONS[10])
    archive.read(text)
    text.insert(4, QUESTIONS[11])
    t = archive.read(text)
    assert [e.anchor for e in t.exchanges] == ["q1", "q2", "q3", "q3a", "q3b", "q4", "q5", "q6"]


def test_a_deleted_exchange_leaves_a_dated_note_and_its_anchor_is_never_reused(archive, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime.datetime(2026, 1, 5, tzinfo=datetime.timezone.utc).timestamp())))
    text = _original()
    archive.read(text)
    text.delete(2)
    t = archive.read(text)
    assert [e.anchor for e in t.exchanges] == ["q1", "q2", "q4", "q5", "q6"]
    assert [(r.anchor, r.after, r.on) for r in t.removed] == [("q3", 2, datetime.date(2026, 1, 5))]
    text.insert(2, QUESTIONS[10])  # a new exchange where q3 stood gets a new anchor
    t = archive.read(text)
    assert [e.anchor for e in t.exchanges] == ["q1", "q2", "q2a", "q4", "q5", "q6"]
    assert "q3" in {r.anchor for r in t.removed}
    assert '"removed": "2026-01-05"' in (archive.folder / ledger.LEDGER).read_text(encoding="utf-8")


def test_a_split_keeps_the_anchor_on_the_first_part(archive):
    text = _original()
    archive.read(text)
    assert text.split(1)
    t = archive.read(text)
    assert [e.anchor for e in t.exchanges] == ["q1", "q2", "q2a", "q3", "q4", "q5", "q6"]


def test_a_merge_keeps_both_anchors_on_the_merged_exchange(archive):
    text = _original()
    archive.read(text)
    assert text.merge(3)
    t = archive.read(text)
    assert [e.ids for e in t.exchanges] == [("q1",), ("q2",), ("q3",), ("q4", "q5"), ("q6",)]
    assert not t.removed
    t = archive.read(text)  # and it stays so
    assert [e.ids for e in t.exchanges][3] == ("q4", "q5")


def test_a_renamed_file_keeps_its_id_and_url(archive):
    text = _original()
    first = archive.read(text)
    folder = archive.folder
    for suffix in (".txt", ".yml"):
        (folder / f"{archive.stem}{suffix}").rename(folder / f"2025-02-13-doorstep-rutte{suffix}")
    archive.stem = "2025-02-13-doorstep-rutte"
    t = archive.read(text)
    assert (t.id, t.url) == (first.id, first.url)
    assert '"source": "2025-02-13-doorstep-rutte.txt"' not in (folder / ledger.LEDGER).read_text(encoding="utf-8")
    assert 'source: "2025-02-13-doorstep-rutte.txt"' in (folder / ledger.LEDGER).read_text(encoding="utf-8")


def test_a_corrected_date_keeps_the_url(archive):
    text = _original()
    first = archive.read(text)
    (archive.folder / f"{archive.stem}.yml").write_text("date: 2024-02-13\n", encoding="utf-8")
    t = archive.read(text)
    assert t.meta.date == datetime.date(2024, 2, 13)
    assert t.url == first.url == "transcripts/2025/2025-02-13-doorstep-statement/"


def test_the_ledger_is_the_same_bytes_on_a_second_run(archive):
    text = _original()
    archive.read(text)
    text.delete(1)
    text.insert(3, QUESTIONS[9])
    archive.read(text)
    before = (archive.folder / ledger.LEDGER).read_bytes()
    archive.read(text)
    assert (archive.folder / ledger.LEDGER).read_bytes() == before


_EDITS = st.sampled_from(["typo", "insert", "delete", "split", "merge"])


@settings(max_examples=int(os.environ.get("LEDGER_EXAMPLES", "40")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_corrections_never_break_a_published_link(tmp_path_factory, data):
    archive = Archive(tmp_path_factory.mktemp("transcripts"))
    text = _original(data.draw(st.integers(2, 6), label="exchanges"))
    archive.read(text)
    unused = iter(QUESTIONS[6:] + [f"{q[:-1]}, again?" for q in QUESTIONS])
    for _ in range(data.draw(st.integers(1, 5), label="corrections")):
        for _ in range(data.draw(st.integers(1, 2), label="edits in one correction")):
            edit = data.draw(_EDITS, label="edit")
            size = len(text.exchanges)
            if edit == "insert":
                text.insert(data.draw(st.integers(0, size), label="at"), next(unused))
            elif size > 1:
                k = data.draw(st.integers(0, size - 1), label="exchange")
                getattr(text, edit)(k)
        if text.exchanges:
            archive.read(text)


# --- the real command, on the sample corpus ---------------------------------------------


def _landing(project: Path) -> dict[str, str]:
    """Every exchange of the export, by its URL with #anchor: its question's opening words."""
    links = {}
    for path in sorted((project / "docs/api/transcripts").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for q in data["questions"]:
            for anchor in (q["anchor"], *q["merged_anchors"]):
                links[f"{data['url']}#{anchor}"] = q["text"]
        for r in data["removed"]:
            links[r["url"]] = "removed"
    return links


PRESS = "transcripts/2024-12-03-pre-ministerial-press-conference"
DOORSTEP = "transcripts/2025-02-13-doorstep-statement"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_frozen_passes_on_a_current_ledger_and_fails_after_a_correction(project):
    assert run(project, "generate", "--frozen").returncode == 0  # the sample's ledger is committed, current
    ledger_before = (project / "transcripts/anchors.yml").read_bytes()
    docs_before = {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}
    _edit(project / f"{DOORSTEP}.txt", "Question:\nThings have changed here.",
          "Question:\nA question missed in the first version?\n\nNATO Secretary General Rutte:\nAn answer.\n\n"
          "Question:\nThings have changed here.")
    result = run(project, "generate", "--frozen")
    assert result.returncode == 1
    assert f"{DOORSTEP}.txt:31: new exchange after q1 is q1a (--frozen leaves anchors.yml as it is)" in result.stderr
    assert "transcripts/anchors.yml: not current for these transcripts: run `python -m generator generate`" in result.stderr
    assert (project / "transcripts/anchors.yml").read_bytes() == ledger_before
    assert {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()} == docs_before
    checked = run(project, "check")
    assert f"  {DOORSTEP}.txt:31: new exchange after q1 is q1a" in checked.stdout
    assert (project / "transcripts/anchors.yml").read_bytes() == ledger_before
    updated = run(project, "generate")
    assert updated.returncode == 0, updated.stderr
    assert f"{DOORSTEP}.txt:31: new exchange after q1 is q1a" in updated.stdout
    assert run(project, "generate", "--frozen").returncode == 0
    after = (project / "transcripts/anchors.yml").read_bytes()
    assert run(project, "generate").returncode == 0
    assert (project / "transcripts/anchors.yml").read_bytes() == after


def test_every_old_link_lands_after_every_kind_of_correction(project):
    assert run(project, "generate").returncode == 0
    before = _landing(project)
    press, doorstep = project / f"{PRESS}.txt", project / f"{DOORSTEP}.txt"
    # A typo fixed inside a question; a questioner's name corrected (the registry does not know it).
    _edit(press, "Will you give issue, such an invitation", "Will you issue such an invitation")
    _edit(press, "Adam Parsons, Sky News\n", "Adam Parson, Sky News\n")
    # Inserted at the start, in the middle and at the end; one deleted; two merged; one split.
    _edit(doorstep, "Question:\nDo you think", "Question:\nA first question, missed in the first version?\n\n"
          "NATO Secretary General Rutte:\nYes.\n\nQuestion:\nDo you think")
    _edit(doorstep, "Question:\nThings have changed here.",
          "Question:\nAnother missed question about the Baltic Sea?\n\nNATO Secretary General Rutte:\nNo.\n\n"
          "Question:\nThings have changed here.")
    text = doorstep.read_text(encoding="utf-8").rstrip("\n") + "\n\nQuestion:\nA last question, about Georgia?\n\n" \
        "NATO Secretary General Rutte:\nThank you.\n"
    doorstep.write_text(text, encoding="utf-8")
    press_text = press.read_text(encoding="utf-8")
    start = press_text.index("Sergey Goryashko")  # q6, deleted with its answer
    end = press_text.index("NATO Spokesperson Farah Dakhlallah", start)
    press_text = press_text[:start] + press_text[end:]
    # q10 and q11 merged: what stood between the two questions (answer, hand-over, label) goes.
    start = press_text.index("Does NATO also consider the same situations?") + len("Does NATO also consider the same situations?")
    end = press_text.index("\n", press_text.index("Hadley Gamble, Al Arabiya"))
    press.write_text(press_text[:start] + press_text[end:], encoding="utf-8")
    # q3 of the doorstep split after its first sentence, with an answer to that part.
    _edit(doorstep, "no decisions about Ukraine without Ukraine. Yet Yesterday",
          "no decisions about Ukraine without Ukraine.\n\nNATO Secretary General Rutte:\nThat stands.\n\n"
          "Question:\nYet Yesterday")
    # The file renamed, and its date corrected.
    for suffix in (".txt", ".yml"):
        (project / f"{DOORSTEP}{suffix}").rename(project / f"transcripts/2025-02-12-doorstep-rutte{suffix}")
    sidecar = project / "transcripts/2025-02-12-doorstep-rutte.yml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8") + "date: 2025-02-12\n", encoding="utf-8")
    result = run(project, "generate")
    assert result.returncode == 0, result.stderr
    after = _landing(project)
    for link, question in before.items():
        assert link in after, f"{link} no longer lands"
        if after[link] == "removed":
            assert link.endswith("pre-ministerial-press-conference/#q6")
        else:
            assert _same(question, after[link]), f"{link} lands on another exchange"
    new = set(after) - set(before)
    assert {link.rsplit("#", 1)[1] for link in new} == {"q0a", "q1a", "q3a", "q5a"}
    merged = json.loads((project / "docs/api/transcripts/2024-12-03-pre-ministerial-press-conference.json")
                        .read_text(encoding="utf-8"))["questions"]
    assert [q["merged_anchors"] for q in merged if q["anchor"] == "q10"] == [["q11"]]
    # And in the built site: every old link's page has its id, on the same exchange or its note.
    built = run(project, "build")
    assert built.returncode == 0, built.stderr
    for link, question in before.items():
        url, anchor = link.split("#")
        page = (project / "site" / url / "index.html").read_text(encoding="utf-8")
        element = re.search(rf'<(\w+)[^>]* id="{anchor}"[^>]*>(.*?)</\1>', page, re.S)
        assert element, f"{link}: no element with that id in the built page"
        if after[link] == "removed":
            assert "was removed from this transcript in a correction" in element.group(2)
        elif anchor in ("q11",):
            assert "was merged into this one" in element.group(2)
        else:
            assert element.group(1) == "h3"
    # The questioner's old page leads to the corrected one.
    assert (project / "docs/speakers/adam-parsons/index.html").is_file()
    assert "../adam-parson/" in (project / "docs/speakers/adam-parsons/index.html").read_text(encoding="utf-8")
    lines = result.stdout.splitlines()
    assert any("q6 is no longer in the text: removed in a correction" in line for line in lines)
    assert any("renamed from 2025-02-13-doorstep-statement.txt: keeps its id and URL" in line for line in lines)


def _same(old: str, new: str) -> bool:
    from rapidfuzz import fuzz

    return fuzz.ratio(old, new) >= 80 or old in new or new in old


def test_a_withdrawn_transcripts_links_land_on_a_note_in_the_built_site(tmp_path):
    from tests.conftest import make_project

    project = make_project(tmp_path)
    (project / f"{DOORSTEP}.txt").unlink()
    (project / f"{DOORSTEP}.yml").unlink()
    result = run(project, "build")
    assert result.returncode == 0, result.stderr
    page = (project / "site/transcripts/2025/2025-02-13-doorstep-statement/index.html").read_text(encoding="utf-8")
    assert "This transcript was withdrawn from the archive" in page
    assert all(f'id="q{n}"' in page for n in range(1, 6))
    shutil.rmtree(project / "site")


@pytest.mark.parametrize(("ledger_text", "message"), [
    ("transcripts: [unclosed\n", "transcripts/anchors.yml:2: not a readable ledger"),
    ('transcripts:\n  "x":\n    source: "x.txt"\n    url: "../../evil/"\n    anchors: {}\n',
     "transcripts/anchors.yml:4: '../../evil/' is not a transcript URL (transcripts/<year>/<id>/)"),
    ('transcripts:\n  "x\\"><script>":\n    source: "x.txt"\n    url: "transcripts/2024/x/"\n    anchors: {}\n',
     "transcripts/anchors.yml:2: 'x\"><script>' is not a transcript id"),
    ('transcripts: {}\nspeakers:\n  "a": {"name": "A", "moved": "../b"}\n',
     "transcripts/anchors.yml:3: '../b' is not a page id"),
    ("transcripts:\n  x:\n    anchors: {}\n", "transcripts/anchors.yml: not a ledger as `generate` writes it"),
])
def test_a_ledger_edited_into_nonsense_is_refused_with_where(project, ledger_text, message):
    (project / "transcripts/anchors.yml").write_text(ledger_text, encoding="utf-8")
    result = run(project, "generate")
    assert result.returncode == 1
    assert result.stderr.startswith(message), result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "docs/transcripts").exists()


def test_a_removal_note_gives_the_day_of_the_correction_from_the_sidecar(archive):
    text = _original()
    archive.read(text)
    (archive.folder / f"{archive.stem}.yml").write_text("date: 2025-02-13\ncorrected: 2025-03-01\n", encoding="utf-8")
    text.delete(0)
    t = archive.read(text)
    assert [(r.anchor, r.on) for r in t.removed] == [("q1", datetime.date(2025, 3, 1))]
    assert t.meta.corrected == datetime.date(2025, 3, 1)


def test_the_ledger_is_written_with_the_mode_a_plain_write_gives(project):
    (project / "transcripts/anchors.yml").unlink()
    assert run(project, "generate").returncode == 0
    umask = os.umask(0)
    os.umask(umask)
    assert (project / "transcripts/anchors.yml").stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_removed_exchange_put_back_word_for_word_gets_its_anchor_back(archive):
    text = _original()
    archive.read(text)
    removed = text.exchanges[2]
    text.delete(2)
    t = archive.read(text)
    assert "q3" in {r.anchor for r in t.removed}
    text.exchanges.insert(2, removed)
    archive.removed.discard("q3")  # the model: its note gives way to the exchange itself
    t = archive.read(text)
    assert [e.anchor for e in t.exchanges] == ["q1", "q2", "q3", "q4", "q5", "q6"] and not t.removed


def test_the_ledger_reads_back_the_same_line_by_line_as_through_yaml(tmp_path):
    import yaml as pyyaml

    written = ledger.Ledger(
        {"2024-01-02-x": ledger.Entry("2024-01-02-x.txt", "transcripts/2024/2024-01-02-x/", 'A "title": ü\u2028',
                                      (ledger.Mark("q1", "a-b", None, ("c",), "abc", "some words"),
                                       ledger.Mark("q2", removed=datetime.date(2025, 1, 2)),
                                       ledger.Mark("q3", into="q1")), withdrawn=datetime.date(2025, 3, 4))},
        {"a-b": ledger.Page("A B"), "old": ledger.Page("Old", moved="a-b")},
        {},
    )
    text = ledger.dumps(written)
    (tmp_path / ledger.LEDGER).write_text(text, encoding="utf-8")
    assert ledger.file._read_as_written(text) is not None
    assert ledger.load(tmp_path) == written
    by_hand = text.replace('    url: "transcripts/2024/2024-01-02-x/"', "    url: transcripts/2024/2024-01-02-x/  # checked")
    assert ledger.file._read_as_written(by_hand) is None  # not as written: YAML reads it
    (tmp_path / ledger.LEDGER).write_text(by_hand, encoding="utf-8")
    assert ledger.load(tmp_path) == written
    assert pyyaml.safe_load(text)["transcripts"]["2024-01-02-x"]["anchors"]["q3"] == {"into": "q1"}


# --- what a second reading of the alignment found -----------------------------------------

STOCK = [
    "Thank you, Secretary General, on China: are you worried about its drones in Russia's hands?",
    "Thank you, Secretary General, on Georgia: what is your message to the protesters in Tbilisi tonight?",
    "Thank you, Secretary General, on the budget: will the Allies agree on five percent in The Hague?",
]


def _stock(questions: list[str]) -> Text:
    return Text([Exchange(_sentences(i, q), ANSWERS[i % len(ANSWERS)]) for i, q in enumerate(questions)])


def test_another_question_behind_the_same_stock_opening_takes_a_new_anchor(archive):
    text = _stock(STOCK[:2])
    archive.read(text)
    text.exchanges[1] = Exchange(_sentences(50, STOCK[2]), ANSWERS[1])  # q2 replaced by another question
    t = archive.read(text)
    assert [e.anchor for e in t.exchanges] == ["q1", "q1a"]
    assert [r.anchor for r in t.removed] == ["q2"]


def test_a_deleted_question_is_not_taken_for_merged_into_one_with_the_same_opening(archive):
    text = _stock(STOCK)
    archive.read(text)
    text.delete(1)
    t = archive.read(text)
    assert [e.ids for e in t.exchanges] == [("q1",), ("q3",)]
    assert [r.anchor for r in t.removed] == ["q2"]


def test_a_short_question_inserted_before_an_unchanged_one_never_takes_its_anchor(archive):
    text = _stock(STOCK)
    archive.read(text)
    text.insert(1, "Thank you, Secretary General.")
    t = archive.read(text)
    assert [e.anchor for e in t.exchanges] == ["q1", "q1a", "q2", "q3"]


def test_a_file_name_given_to_another_transcript_leaves_the_first_its_url(archive):
    text = _original()
    first = archive.read(text)
    folder, stem = archive.folder, archive.stem
    for suffix in (".txt", ".yml"):
        (folder / f"{stem}{suffix}").rename(folder / f"2025-02-13-doorstep-rutte{suffix}")
    Text([Exchange(_sentences(70 + i, q), ANSWERS[0]) for i, q in enumerate(QUESTIONS[6:10])]).write(folder / f"{stem}.txt")
    (folder / f"{stem}.yml").write_text("date: 2025-02-13\n", encoding="utf-8")
    corpus = load_corpus(folder)
    published = publish(corpus, folder, frozen=False)
    by_source = {t.source.name: t for t in published.transcripts}
    moved, newcomer = by_source["2025-02-13-doorstep-rutte.txt"], by_source[f"{stem}.txt"]
    assert (moved.id, moved.url) == (first.id, first.url)
    assert [e.anchor for e in moved.exchanges] == ["q1", "q2", "q3", "q4", "q5", "q6"]
    assert newcomer.id == f"{first.id}-2" and newcomer.url != first.url


def test_anchors_of_a_transcript_first_published_without_questions_are_a_change_frozen_refuses(project):
    statement = project / "transcripts/2025-03-01-statement.txt"
    statement.write_text("Statement\n\nGood morning. Just a statement today.\n", encoding="utf-8")
    assert run(project, "generate").returncode == 0
    assert '"2025-03-01-statement"' in (project / "transcripts/anchors.yml").read_text(encoding="utf-8")
    statement.write_text("Statement\n\nGood morning.\n\nQuestion:\nWhy?\n\nNATO Secretary General Rutte:\nBecause.\n",
                         encoding="utf-8")
    result = run(project, "generate", "--frozen")
    assert result.returncode == 1
    assert "2025-03-01-statement.txt:5: published without questions, it now has 1: q1-q1 recorded" in result.stderr


def test_a_pending_ledger_left_by_a_killed_build_is_never_committed(project):
    (project / "transcripts/.anchors.yml.next").write_text("transcripts: {}\n", encoding="utf-8")
    before = (project / "transcripts/anchors.yml").read_bytes()
    result = run(project, "build", "--frozen")
    assert result.returncode == 0, result.stderr
    assert (project / "transcripts/anchors.yml").read_bytes() == before
    assert not (project / "transcripts/.anchors.yml.next").exists()


def test_a_moved_name_leaves_redirects_for_its_later_pages_and_its_feed_at_the_old_address():
    from generator.render import render_site

    corpus = load_corpus(Path(__file__).parent.parent / "transcripts")
    files = render_site(corpus.transcripts, moved={"speakers/mark-rute": "speakers/mark-rutte"})
    assert "../mark-rutte/" in files["speakers/mark-rute/index.html"]
    assert files["feeds/speakers/mark-rute.xml"] == files["feeds/speakers/mark-rutte.xml"]
    from generator.render import index_pages

    original = index_pages.PAGE_SIZE
    try:
        index_pages.PAGE_SIZE = 4
        files = render_site(corpus.transcripts, moved={"speakers/mark-rute": "speakers/mark-rutte"})
    finally:
        index_pages.PAGE_SIZE = original
    assert "../../mark-rutte/page-2/" in files["speakers/mark-rute/page-2/index.html"]


def test_an_exchange_given_its_ids_is_the_exchange_replace_makes(corpus):
    """`Exchange.with_ids`, which the remembered alignments use for speed, makes what
    `dataclasses.replace` makes: equal, same hash, same anchors, the reading left as it was."""
    import dataclasses

    for e in corpus.transcripts[0].exchanges:
        ids = (f"q{e.number}", "q99")
        made = e.with_ids(ids)
        assert made == dataclasses.replace(e, ids=ids) and hash(made) == hash(dataclasses.replace(e, ids=ids))
        assert (made.anchor, made.merged, e.ids) == (f"q{e.number}", ("q99",), ())
