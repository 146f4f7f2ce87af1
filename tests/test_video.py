"""The moment on video: time codes kept as each turn's offset, a sidecar's `video_url`,
and a "Watch" link at each exchange opening the recording there, in the JSON too."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.model import Line
from generator.pipeline import load_transcript
from generator.registry import Registry
from generator.render import export
from generator.timecodes import clock, codes, watch_url
from tests.conftest import served_build
from tests.test_search import browser  # noqa: F401

CORPUS = Path(__file__).parent / "corpus"
LANDSBERGIS = "2024-07-08-press-conference-foreign-minister-landsbergis"
VIDEO = "https://www.youtube.com/watch?v=abcdefghijk"


def reading(folder: Path = CORPUS):
    return load_transcript(folder / f"{LANDSBERGIS}.txt", Registry())


def test_time_codes_are_taken_out_of_the_text_and_kept_as_the_turns_offsets():
    r = reading()
    t = r.transcript
    assert "[00:12:31]" in {line.text for line in r.removed} and "10:14:45" in {line.text for line in r.removed}
    assert not any("10:14:45" in turn.text or "[00:" in turn.text for e in t.exchanges for turn in (e.question, *e.replies))
    assert t.opening[0].offset == 0  # "[00:00:00]" above "10:02:14 Minister Landsbergis:"
    assert t.exchanges[0].lead_in[0].offset == 232  # "[00:03:52]" wins over the clock time
    assert t.exchanges[2].question.offset == 751  # "[00:12:31]" then "10:14:45 Q (Jonas Petrauskas, BNS):"
    assert t.exchanges[1].question.offset is None  # no code opens it
    assert t.closing[0].offset == 1187


def test_clock_times_count_from_the_recordings_start_or_the_first_of_them():
    lines = [Line(3, "10:02:14"), Line(9, "10:04:40"), Line(12, "[01:00:05]")]
    assert codes(lines, None) == [(3, 0, False), (9, 146, False), (12, 3605, True)]
    assert codes(lines, 10 * 3600) == [(3, 134, False), (9, 280, False), (12, 3605, True)]
    assert clock(751) == "12:31" and clock(3605) == "1:00:05"


@pytest.mark.parametrize("url, expected", [
    (VIDEO, "https://www.youtube.com/watch?v=abcdefghijk&t=751s"),
    ("https://youtu.be/abcdefghijk", "https://youtu.be/abcdefghijk?t=751s"),
    ("https://www.youtube.com/watch?v=abcdefghijk&t=10s", "https://www.youtube.com/watch?v=abcdefghijk&t=751s"),
    ("https://videos.example.org/event.mp4", "https://videos.example.org/event.mp4#t=751"),
    ("https://vimeo.com/123456", "https://vimeo.com/123456#t=751"),
])
def test_the_link_opens_the_recording_at_the_moment_as_its_host_expects(url, expected):
    assert watch_url(url, 751) == expected


def with_video(folder: Path) -> Path:
    shutil.copy(CORPUS / f"{LANDSBERGIS}.txt", folder / f"{LANDSBERGIS}.txt")
    (folder / f"{LANDSBERGIS}.yml").write_text(f"video_url: {VIDEO}\nvideo_start: '10:02:14'\n", encoding="utf-8")
    return folder


def test_the_json_gives_each_question_its_offset_and_watch_link(tmp_path):
    t = reading(with_video(tmp_path)).transcript
    data = export.transcript(t)
    assert data["video_url"] == VIDEO
    q3 = data["questions"][2]
    assert q3["offset"] == 751 and q3["watch"] == f"{VIDEO}&t=751s"
    assert q3["questioner"]["name"] == "Jonas Petrauskas" and q3["answers"][0]["offset"] is None
    assert data["questions"][1]["offset"] is None and data["questions"][1]["watch"] is None


@pytest.fixture(scope="module")
def video_site(tmp_path_factory):
    with served_build(tmp_path_factory.mktemp("video"), with_video) as (_, url):
        yield url


def test_a_reader_watches_an_exchange_at_its_moment(browser, video_site):  # noqa: F811
    page = browser.new_page()
    page.goto(f"{video_site}transcripts/2024/{LANDSBERGIS}/")
    watch = page.locator("#q3 ~ .exchange-about .exchange-watch").first
    expect(watch).to_have_text("Watch from 12:31")
    expect(watch).to_have_attribute("href", f"{VIDEO}&t=751s")
    expect(watch).to_have_accessible_name("Watch Q3 on the recording from 12:31")
    expect(page.locator("#q2 + .exchange-tools + .exchange-about")).to_have_count(0)  # no code: no Watch
    expect(page.get_by_role("link", name="www.youtube.com")).to_have_attribute("href", VIDEO)
    page.close()
