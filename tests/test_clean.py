"""`clean`: page chrome out and kept as metadata, whitespace made plain, words and line
numbers untouched, title and subtitle told apart."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from generator.clean import clean, find_date, normalise
from generator.model import Line

SAMPLES = Path(__file__).resolve().parent.parent / "transcripts"
DOORSTEP = SAMPLES / "2025-02-13-doorstep-statement.txt"
PRESS_CONFERENCE = SAMPLES / "2024-12-03-pre-ministerial-press-conference.txt"

DOORSTEP_HEAD = """\
Doorstep statement

by NATO Secretary General Mark Rutte ahead of the meetings of NATO Ministers of Defence in Brussels

  • 13 Feb. 2025 -
  • |
  • Last updated: 13 Feb. 2025 10:22

(As delivered)

Good morning, good to see you all. Just a quick doorstep before we start with today's meetings. 
"""


def test_chrome_is_taken_out_and_read_as_metadata():
    cleaned = clean(DOORSTEP_HEAD)
    assert cleaned.title == Line(1, "Doorstep statement")
    assert cleaned.subtitle == Line(
        3, "by NATO Secretary General Mark Rutte ahead of the meetings of NATO Ministers of Defence in Brussels"
    )
    assert cleaned.date == datetime.date(2025, 2, 13)
    assert cleaned.last_updated == "13 Feb. 2025 10:22"
    assert cleaned.status == "As delivered"
    assert [line.number for line in cleaned.chrome] == [5, 6, 7, 9]
    assert cleaned.body == (
        Line(11, "Good morning, good to see you all. Just a quick doorstep before we start with today's meetings."),
    )


@pytest.mark.parametrize(
    "chrome, date, last_updated",
    [
        ("• 13 Feb. 2025 -", datetime.date(2025, 2, 13), None),
        ("  • 13 Feb. 2025 -", datetime.date(2025, 2, 13), None),
        ("• |", None, None),
        ("• Last updated: 13 Feb. 2025 10:22", None, "13 Feb. 2025 10:22"),
        ("• last updated : 3 December 2024", None, "3 December 2024"),
        ("• Dernière mise à jour : 3 décembre 2024", None, "3 décembre 2024"),
        ("· 3 December 2024", datetime.date(2024, 12, 3), None),
        ("▪ 3 December 2024", datetime.date(2024, 12, 3), None),
    ],
)
def test_a_bullet_line_is_chrome(chrome, date, last_updated):
    cleaned = clean(f"Doorstep statement\n{chrome}\nGood morning.")
    assert cleaned.chrome == (Line(2, chrome.strip()),)
    assert cleaned.body == (Line(3, "Good morning."),)
    assert (cleaned.date, cleaned.last_updated) == (date, last_updated)


@pytest.mark.parametrize(
    "line, status",
    [
        ("(As delivered)", "As delivered"),
        ("(as delivered)", "As delivered"),
        ("(Check against delivery)", "Check against delivery"),
        ("(As prepared for delivery)", "As prepared for delivery"),
    ],
)
def test_status_line_becomes_metadata(line, status):
    cleaned = clean(f"Doorstep statement\n{line}\nGood morning.")
    assert cleaned.status == status
    assert cleaned.chrome == (Line(2, line),)
    assert cleaned.body == (Line(3, "Good morning."),)


def test_a_status_inside_a_sentence_stays_text():
    sentence = "The speech (as delivered) differs from the text."
    cleaned = clean(f"Doorstep statement\nGood morning.\n{sentence}")
    assert cleaned.status is None
    assert cleaned.body[-1] == Line(3, sentence)


@pytest.mark.parametrize(
    "text, date",
    [
        ("13 Feb. 2025", datetime.date(2025, 2, 13)),
        ("3 December 2024", datetime.date(2024, 12, 3)),
        ("3 DECEMBER 2024", datetime.date(2024, 12, 3)),
        ("December 3, 2024", datetime.date(2024, 12, 3)),
        ("Dec. 3, 2024", datetime.date(2024, 12, 3)),
        ("Sept. 3, 2024", datetime.date(2024, 9, 3)),
        ("2024-12-03", datetime.date(2024, 12, 3)),
        ("3 décembre 2024", datetime.date(2024, 12, 3)),
        ("1er décembre 2024", datetime.date(2024, 12, 1)),
        ("13 févr. 2025", datetime.date(2025, 2, 13)),
        ("3 août 2024", datetime.date(2024, 8, 3)),
        ("Last updated: 13 Feb. 2025 10:22", datetime.date(2025, 2, 13)),
        ("Press conference, Brussels, 3 December 2024 (As delivered)", datetime.date(2024, 12, 3)),
        ("31 Feb. 2025", None),
        ("2024-13-01", None),
        ("3 Foo 2024", None),
        ("on 3 and 4 December", None),  # the press conference's subtitle: no year
        ("10:22", None),
        ("", None),
    ],
)
def test_find_date(text, date):
    assert find_date(text) == date


def test_an_impossible_date_gives_way_to_the_next_one():
    assert find_date("31 Feb. 2025, or rather 28 Feb. 2025") == datetime.date(2025, 2, 28)


def test_the_date_falls_back_to_the_title():
    assert clean("Press conference, 3 December 2024\nGood morning.").date == datetime.date(2024, 12, 3)


def test_the_chrome_date_wins_over_the_title():
    cleaned = clean("Statement of 1 January 2020\n• 13 Feb. 2025 -\nGood morning.")
    assert cleaned.date == datetime.date(2025, 2, 13)


def test_no_year_no_date():
    assert clean(PRESS_CONFERENCE.read_text(encoding="utf-8")).date is None


@pytest.mark.parametrize(
    "raw, plain",
    [
        ("Secretary\u00a0General", "Secretary General"),
        ("\u00a0Secretary General\u00a0", "Secretary General"),
        ("Ru\u200btte", "Rutte"),
        ("co\u00adoperation", "cooperation"),
        ("\ufeffDoorstep statement", "Doorstep statement"),
        ("Mark\u200c \u200dRutte\u2060", "Mark Rutte"),
        ("Well,\tas you know", "Well, as you know"),
        ("\t\tindented", "indented"),
        ("Well,   as you know  ", "Well, as you know"),
        ("a\u2009b\u202fc\u3000d", "a b c d"),
        # The words themselves are left exactly as written: accents, quotes, dashes, typos.
        ("Türkiye’s “Retuers” – Călin [inaudible]", "Türkiye’s “Retuers” – Călin [inaudible]"),
        ("Dymtro Shkurko, Ukrinform Natinoal", "Dymtro Shkurko, Ukrinform Natinoal"),
    ],
)
def test_normalise_makes_whitespace_plain(raw, plain):
    assert normalise(raw) == plain


def test_line_numbers_are_those_of_the_raw_file():
    cleaned = clean("Doorstep statement\n\n\nby the Secretary General\n\n\u00a0\n\t\nFirst.\n\u200b\nSecond.\n")
    assert cleaned.title == Line(1, "Doorstep statement")
    assert cleaned.subtitle == Line(4, "by the Secretary General")
    assert cleaned.body == (Line(8, "First."), Line(10, "Second."))


@pytest.mark.parametrize("path", [DOORSTEP, PRESS_CONFERENCE], ids=["doorstep", "press-conference"])
def test_no_line_is_lost(path):
    """Every non-blank raw line is the title, the subtitle, chrome or body, once, in order."""
    raw = path.read_text(encoding="utf-8").split("\n")
    cleaned = clean("\n".join(raw))
    parts = [cleaned.title, cleaned.subtitle, *cleaned.chrome, *cleaned.body]
    expected = [Line(n, normalise(text)) for n, text in enumerate(raw, start=1) if normalise(text)]
    assert sorted(parts, key=lambda line: line.number) == expected


@pytest.mark.parametrize(
    "text, title, subtitle, body",
    [
        ("Doorstep statement\nby NATO Secretary General Mark Rutte\nGood morning.",
         Line(1, "Doorstep statement"), Line(2, "by NATO Secretary General Mark Rutte"),
         (Line(3, "Good morning."),)),
        # A second line in capitals is a subtitle only when chrome follows it.
        ("Joint press conference\nNATO Secretary General and the Prime Minister of Iceland\n"
         "• 13 Feb. 2025 -\nGood morning.",
         Line(1, "Joint press conference"),
         Line(2, "NATO Secretary General and the Prime Minister of Iceland"),
         (Line(4, "Good morning."),)),
        ("Doorstep statement\nGood morning.\nThank you.",
         Line(1, "Doorstep statement"), None, (Line(2, "Good morning."), Line(3, "Thank you."))),
        ("Doorstep statement\n\n", Line(1, "Doorstep statement"), None, ()),
        ("", None, None, ()),
        ("\n \u00a0\n\t\n", None, None, ()),
    ],
    ids=["lower-case-subtitle", "subtitle-before-chrome", "no-subtitle", "title-only", "empty", "blank"],
)
def test_title_and_subtitle(text, title, subtitle, body):
    cleaned = clean(text)
    assert (cleaned.title, cleaned.subtitle, cleaned.body) == (title, subtitle, body)


def test_the_press_conference_header():
    cleaned = clean(PRESS_CONFERENCE.read_text(encoding="utf-8"))
    assert cleaned.title == Line(1, "Pre-ministerial press conference")
    assert cleaned.subtitle.number == 2
    assert cleaned.subtitle.text.startswith("by NATO Secretary General Mark Rutte ahead of")
    assert cleaned.status == "As delivered"
    assert cleaned.body[0] == Line(4, "Yes, good morning. Good to see you.")
