"""Golden tests: the sample transcripts' JSON export and Markdown pages, compared exactly.

A change of output is a reviewed diff of the files in tests/golden/. To regenerate them
after an intended change: `UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`, then
read the diff before committing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from generator.render import render_site

GOLDEN = Path(__file__).parent / "golden"
SEEDS = {  # seed file name in expected.yml -> the sample's name in transcripts/
    "000_5b4f7228db40aa13.txt": "2025-02-13-doorstep-statement",
    "003_82b95103ea447c36.txt": "2024-12-03-pre-ministerial-press-conference",
}


@pytest.fixture(scope="module")
def files(corpus):
    return render_site(corpus.transcripts)


@pytest.mark.parametrize("stem", sorted(SEEDS.values()))
@pytest.mark.parametrize("kind", ["json", "md"])
def test_output_matches_golden_file(files, stem, kind):
    year = stem[:4]
    produced = files[f"api/transcripts/{stem}.json" if kind == "json" else f"transcripts/{year}/{stem}.md"]
    golden = GOLDEN / f"{stem}.{kind}"
    if kind == "json":  # kept indented, for a readable diff; compared as data
        if os.environ.get("UPDATE_GOLDEN"):
            golden.write_text(json.dumps(json.loads(produced), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        assert json.loads(produced) == json.loads(golden.read_text(encoding="utf-8"))
        return
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(produced, encoding="utf-8")
    assert produced == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_export_matches_the_hand_reading(files, seed):
    expected = yaml.safe_load((GOLDEN / "expected.yml").read_text(encoding="utf-8"))[seed]
    data = json.loads(files[f"api/transcripts/{SEEDS[seed]}.json"])
    assert data["title"] == expected["title"]
    assert data["subtitle"] == expected["subtitle"]
    assert data["date"] == expected["date"].isoformat()
    assert [turn["speaker"]["name"] for turn in data["opening"]] == [expected["opening_by"]]
    found = [
        {
            "questioner": q["questioner"] and q["questioner"]["name"],
            "outlet": q["outlet"] and q["outlet"]["name"],
            "answered_by": [a["speaker"]["name"] for a in q["answers"]],
        }
        for q in data["questions"]
    ]
    wanted = [{k: q[k] for k in ("questioner", "outlet", "answered_by")} for q in expected["questions"]]
    assert found == wanted
    assert [q["anchor"] for q in data["questions"]] == [f"q{n}" for n in range(1, len(wanted) + 1)]


def test_moderator_turns_are_lead_ins_never_questions(files):
    data = json.loads(files["api/transcripts/2024-12-03-pre-ministerial-press-conference.json"])
    assert all(q["lead_in"][0]["speaker"]["name"] == "Farah Dakhlallah" for q in data["questions"])
    assert all(q["questioner"]["name"] != "Farah Dakhlallah" for q in data["questions"])
    # "Hello. Good morning." greets the 9th questioner: it answers nothing.
    ninth, eighth = data["questions"][8], data["questions"][7]
    assert [t["text"] for t in ninth["lead_in"]][-1] == "Hello. Good morning."
    assert all("Hello. Good morning." not in a["text"] for a in eighth["answers"])
    # The spokesperson's label running into its text is still her turn, before q12.
    assert data["questions"][11]["lead_in"][0]["text"].startswith("Thank you all. We have one more question")


def test_doorstep_keeps_chrome_out_and_the_fourth_answer_whole(files):
    data = json.loads(files["api/transcripts/2025-02-13-doorstep-statement.json"])
    everything = json.dumps(data, ensure_ascii=False)
    assert "•" not in everything and "(As delivered)" not in everything
    assert data["status"] == "As delivered"
    assert data["last_updated"] == "13 Feb. 2025 10:22"
    assert data["questions"][3]["answers"][0]["text"].endswith(
        "Final question, and then we'll meet again at the post ministerial press conference."
    )


def test_index_lists_every_transcript(files):
    index = json.loads(files["api/transcripts.json"])
    conference = "2024-12-03-pre-ministerial-press-conference"
    assert index == {
        "transcripts": [
            {
                "id": conference,
                "title": "Pre-ministerial press conference",
                "date": "2024-12-03",
                "url": f"transcripts/2024/{conference}/",
                "questions": 12,
                "link": f"../transcripts/2024/{conference}/",
                "subtitle": "by NATO Secretary General Mark Rutte ahead of the meeting of NATO Ministers of "
                            "Foreign Affairs in Brussels on 3 and 4 December",
                "kind": "Press conference",
                "location": "Brussels",
                "file": {"url": f"api/transcripts/{conference}.json", "link": f"../api/transcripts/{conference}.json"},
                "raw": {"url": f"transcripts/2024/{conference}/{conference}.txt",
                        "link": f"../transcripts/2024/{conference}/{conference}.txt"},
            },
            {
                "id": "2025-02-13-doorstep-statement",
                "title": "Doorstep statement",
                "date": "2025-02-13",
                "url": "transcripts/2025/2025-02-13-doorstep-statement/",
                "questions": 5,
                "link": "../transcripts/2025/2025-02-13-doorstep-statement/",
                "subtitle": "by NATO Secretary General Mark Rutte ahead of the meetings of NATO Ministers of "
                            "Defence in Brussels",
                "kind": "Doorstep",
                "location": "Brussels",
                "file": {"url": "api/transcripts/2025-02-13-doorstep-statement.json",
                         "link": "../api/transcripts/2025-02-13-doorstep-statement.json"},
                "raw": {"url": "transcripts/2025/2025-02-13-doorstep-statement/2025-02-13-doorstep-statement.txt",
                        "link": "../transcripts/2025/2025-02-13-doorstep-statement/2025-02-13-doorstep-statement.txt"},
            },
        ],
        "schema_version": 4,
        "base": "../",
        "files": {
            "people": {"url": "api/people.json", "link": "../api/people.json"},
            "outlets": {"url": "api/outlets.json", "link": "../api/outlets.json"},
            "topics": {"url": "api/topics.json", "link": "../api/topics.json"},
            "exchanges_csv": {"url": "api/exchanges.csv", "link": "../api/exchanges.csv"},
            "exchanges_jsonl": {"url": "api/exchanges.jsonl", "link": "../api/exchanges.jsonl"},
        },
    }


def test_every_exchange_is_linked_from_its_speakers_and_outlets_pages(corpus, files):
    for t in corpus.transcripts:
        page = f"transcripts/{t.year}/{t.id}.md"
        for e in t.exchanges:
            target = f"{page.split('/', 1)[1]}#{e.anchor}"  # as linked from speakers/ and outlets/
            people = [e.question.speaker.person, *(a.speaker.person for a in e.answers)]
            for person in filter(None, people):
                assert f"../transcripts/{target})" in files[f"speakers/{person.id}.md"], (person, e.anchor)
            if e.question.speaker.outlet:
                assert f"../transcripts/{target})" in files[f"outlets/{e.question.speaker.outlet.id}.md"]
