""""Asked before?" (`related`): what is listed under an exchange, that a run with the
cache gives what a run without it gives, and what a reader sees and follows."""

from __future__ import annotations

import dataclasses
import datetime
import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator import related
from generator.model import Metadata, Person, Role, Speaker, Transcript, Turn, Exchange
from generator.pipeline import load_corpus
from generator.render import render_site
from tests.test_search import browser, page, served  # noqa: F401 (fixtures)

REAL = Path(__file__).parent / "real" / "state"
DOORSTEP, PRESS_CONFERENCE = "2025-02-13-doorstep-statement", "2024-12-03-pre-ministerial-press-conference"
RUTTE = Speaker(Role.PRINCIPAL, Person("mark-rutte", "Mark Rutte"))
ASKER = Speaker(Role.QUESTIONER, Person("jane-roe", "Jane Roe"))
DRONES = ("Secretary General, the drone incursions over Polish airspace and the Baltic airports: will Allies "
          "deploy counter-drone systems along the eastern flank, and who pays for the interceptors?")
ANSWER = "We are deploying counter-drone systems and interceptors along the eastern flank, with Poland."


def transcript(id: str, day: datetime.date, *questions: str, language: str | None = None,
               translation_of: str | None = None) -> Transcript:
    exchanges = tuple(Exchange(n, Turn(ASKER, (q,), n * 10), (Turn(RUTTE, (ANSWER,), n * 10 + 1),))
                      for n, q in enumerate(questions, 1))
    meta = Metadata(f"Press conference {id}", day, language=language, translation_of=translation_of)
    t = Transcript(id, Path(f"{id}.txt"), meta, (), exchanges)
    return dataclasses.replace(t, words=related.weigh(t))


def listed(transcripts) -> dict[tuple[str, str], list[tuple[str, str]]]:
    return {(t.id, e.anchor): [(r.transcript, r.anchor) for r in t.related[i]]
            for t in related.link(tuple(transcripts)) for i, e in enumerate(t.exchanges) if t.related}


def test_an_exchange_lists_the_earlier_ones_on_its_subject_and_not_the_others():
    first = transcript("a", datetime.date(2025, 9, 1), DRONES, "Secretary General, is the summit in The Hague "
                       "going to agree the five percent target for defence investment by every Ally?")
    later = transcript("b", datetime.date(2025, 10, 1), "On the drone incursions over Polish airspace: are the "
                       "counter-drone systems on the eastern flank ready, and who pays for the interceptors?")
    found = listed([first, later])
    assert found == {("b", "q1"): [("a", "q1")]}  # the earlier drones question, not the summit; nothing under a


def test_the_same_day_the_same_transcript_and_another_language_are_never_listed():
    day = datetime.date(2025, 9, 1)
    twice = transcript("a", day, DRONES, DRONES)
    same_day = transcript("b", day, DRONES)
    french = transcript("c", datetime.date(2025, 10, 1), DRONES, language="fr")
    assert listed([twice, same_day, french]) == {}
    version = transcript("d", datetime.date(2025, 10, 1), DRONES, translation_of="a")
    version = dataclasses.replace(version, version=_version_of(twice))
    assert listed([twice, version]) == {}  # its own other-language version is the same event


def _version_of(t: Transcript):
    from generator.model import Version

    return Version(t.id, t.url, "en", t.meta.title, (), False)


def test_a_question_too_short_to_say_its_subject_neither_gets_nor_gives_a_list():
    short = "And on the drones?"
    assert related.weigh(transcript("a", datetime.date(2025, 9, 1), short)).asked[1].size < related.MIN_KEYWORDS
    assert listed([transcript("a", datetime.date(2025, 9, 1), DRONES),
                   transcript("b", datetime.date(2025, 10, 1), short)]) == {}


def test_names_of_the_people_in_the_room_and_the_transcribers_marks_are_no_subject():
    t = transcript("a", datetime.date(2025, 9, 1), "Mark, (inaudible) [crosstalk] you, Rutte.")
    assert related.weigh(t).asked[1].size == 0
    assert [w for w, _ in related.words("the moratorium on evictions, the moratorium")][:2] == ["evictions", "moratorium"]


@pytest.fixture(scope="module")
def archive():
    return load_corpus(REAL).transcripts


def test_what_the_cache_kept_gives_the_lists_of_a_run_without_it(archive):
    cold = related.link(archive)
    assert sum(bool(r) for t in cold for r in t.related) > 0
    middle = sorted(archive, key=lambda t: t.order)[len(archive) // 2]
    others = tuple(t for t in archive if t is not middle)
    store: dict = {}
    related.link(others, store)
    assert related.link(archive, store) == cold  # one transcript added, in the middle of the archive
    assert related.link(others, store) == related.link(others)  # and taken out again
    edited = dataclasses.replace(middle, exchanges=middle.exchanges[1:])
    edited = dataclasses.replace(edited, words=related.weigh(edited))
    changed = tuple(edited if t is middle else t for t in archive)
    related.link(archive, store)
    assert related.link(changed, store) == related.link(changed)  # and corrected


def test_the_page_lists_them_after_the_answers_and_the_json_carries_them(corpus):
    files = render_site(corpus.transcripts)
    page_text = files[f"transcripts/2025/{DOORSTEP}.md"]
    block = page_text[page_text.index("{#q5}"):]
    assert block.index("Answer") < block.index("{: .asked-before-title }") < block.index("{: .asked-before }")
    assert f"[3 December 2024 · Pre-ministerial press conference, Q1](../2024/{PRESS_CONFERENCE}.md#q1)" in block
    assert "Sabine Siebold, Reuters asked; Mark Rutte answered: “Well, as you know, Allies agree" in block
    data = json.loads(files[f"api/transcripts/{DOORSTEP}.json"])
    first = data["questions"][4]["related"][0]
    assert first["transcript"] == PRESS_CONFERENCE and first["anchor"] == "q1"
    assert first["url"] == f"transcripts/2024/{PRESS_CONFERENCE}/#q1"
    assert first["questioner"] == {"id": "sabine-siebold", "name": "Sabine Siebold"}
    assert first["outlet"] == {"id": "reuters", "name": "Reuters"}
    assert first["answerer"]["name"] == "Mark Rutte" and related.THRESHOLD <= first["score"] <= 1
    assert data["questions"][0]["related"] == []


def test_a_reader_follows_an_earlier_question_to_its_answer(page, served):  # noqa: F811
    page.goto(f"{served}transcripts/2025/{DOORSTEP}/#q5")
    expect(page.locator("#q5 ~ .asked-before-title")).to_contain_text("Asked before")
    page.locator("#q5 ~ .asked-before").first.get_by_role("link").click()
    expect(page).to_have_url(f"{served}transcripts/2024/{PRESS_CONFERENCE}/#q1")
    expect(page.locator("#q1")).to_be_in_viewport()


def test_the_sample_archive_copied_a_year_on_lists_each_exchange_under_its_copy(corpus):
    """Every exchange of the later copy that lists any lists its own earlier self first, in full."""
    moved = [dataclasses.replace(t, id=t.id + "-again", meta=dataclasses.replace(t.meta, date=t.meta.date.replace(year=2026)))
             for t in corpus.transcripts]
    linked = {t.id: t for t in related.link(corpus.transcripts + tuple(moved))}
    for t in moved:
        for e, found in zip(t.exchanges, linked[t.id].related or ()):
            if found:
                assert (found[0].transcript, found[0].anchor, found[0].score) == (t.id.removesuffix("-again"), e.anchor, 1.0)


@pytest.mark.parametrize("seed", [1, 2])
def test_runs_of_random_changes_keep_the_lists_of_a_run_from_nothing(archive, seed):
    """Transcripts added, taken out, corrected, moved to another day or another language, one
    run after another: each run's lists are those of a run from nothing, and a transcript
    the run does not name as touched keeps the lists it had."""
    import random

    rng = random.Random(seed)
    pool = sorted(archive, key=lambda t: t.id)
    current = {t.id: t for t in pool[: len(pool) // 2]}
    store: dict = {}
    before = {}
    for step in range(6):
        for _ in range(rng.randint(1, 4)):
            t = rng.choice(pool)
            what = rng.random()
            if t.id not in current:
                current[t.id] = t
            elif what < 0.3:
                del current[t.id]
            elif what < 0.6 and len(t.exchanges) > 1:
                cut = dataclasses.replace(t, exchanges=t.exchanges[:-1])
                current[t.id] = dataclasses.replace(cut, words=related.weigh(cut))
            else:
                day = t.meta.date + datetime.timedelta(days=rng.randint(-400, 400))
                current[t.id] = dataclasses.replace(t, meta=dataclasses.replace(t.meta, date=day))
        given = tuple(current.values())
        by_id = {t.id: t for t in given}
        ordered = sorted(given, key=lambda t: t.order)
        renewed = {i for i, t in by_id.items() if before.get(i, (None,))[0] is not t}
        lists, touched = related.refresh(store, [related.item(t, "", t.words) for t in ordered], lambda i: by_id[i].words,
                                         renewed)
        cold = {t.id: t.related for t in related.link(given)}
        assert {i: related.with_related(t, lists(i), by_id.__getitem__).related for i, t in by_id.items()} == cold, step
        for i in set(by_id) - touched:
            assert before[i][1] == cold[i], (step, i)
        before = {i: (by_id[i], cold[i]) for i in by_id}
