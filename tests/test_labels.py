"""Label detection: one table per label style, the lines that must stay text, and every
line of the two sample transcripts."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.clean import clean
from generator.labels import detect, detect_known, longest_first, misspelling_of
from generator.model import Label, Role

SAMPLES = Path(__file__).resolve().parent.parent / "transcripts"
DOORSTEP = SAMPLES / "2025-02-13-doorstep-statement.txt"  # seed 000
PRESS_CONFERENCE = SAMPLES / "2024-12-03-pre-ministerial-press-conference.txt"  # seed 003

SECRETARY_GENERAL = "NATO Secretary General Mark Rutte"
SPOKESPERSON = "NATO Spokesperson Farah Dakhlallah"
# The one line of the press conference where a label runs into its text.
RUNS_INTO_TEXT = (
    "NATO Spokesperson Farah Dakhlallah Thank you all. We have one more question, "
    "time for one more question from Swedish TV."
)


def shape(hit: tuple[Label, str]) -> tuple:
    """What the tables check of a detected label: who, in which style, and the text after it."""
    label, rest = hit
    return label.role, label.style, label.name, label.title, label.outlet, rest


# --- "Question:", "Q:" -----------------------------------------------------------------

@pytest.mark.parametrize(
    "line, words, rest",
    [
        ("Question:", "Question", ""),
        ("QUESTION:", "QUESTION", ""),
        ("Q:", "Q", ""),
        ("question:", "question", ""),
        ("Question :", "Question", ""),
        ("Question: Do you think that Secretary Hegseth’s rhetoric was harmful?", "Question",
         "Do you think that Secretary Hegseth’s rhetoric was harmful?"),
        ("QUESTION: Things have changed here.", "QUESTION", "Things have changed here."),
        ("Q: Thanks for doing this.", "Q", "Thanks for doing this."),
    ],
)
def test_question_keyword(line, words, rest):
    assert detect(line) == (Label(words, Role.QUESTIONER, "question-keyword", 1.0), rest)


# --- "Title Name:", "Title:", "Name:" ----------------------------------------------------

@pytest.mark.parametrize(
    "line, expected",
    [
        ("NATO Secretary General Rutte:",
         (Role.PRINCIPAL, "colon", "Rutte", "NATO Secretary General", None, "")),
        ("NATO Secretary General Rutte: Thank you.",
         (Role.PRINCIPAL, "colon", "Rutte", "NATO Secretary General", None, "Thank you.")),
        ("NATO Secretary General:",
         (Role.PRINCIPAL, "colon", None, "NATO Secretary General", None, "")),
        ("NATO Deputy Secretary General:",
         (Role.PRINCIPAL, "colon", None, "NATO Deputy Secretary General", None, "")),
        ("Prime Minister: Thank you, Mark.",
         (Role.PRINCIPAL, "colon", None, "Prime Minister", None, "Thank you, Mark.")),
        ("Moderator: Welcome, everyone.",
         (Role.MODERATOR, "colon", None, "Moderator", None, "Welcome, everyone.")),
        ("NATO Spokesperson Farah Dakhlallah:",
         (Role.MODERATOR, "colon", "Farah Dakhlallah", "NATO Spokesperson", None, "")),
        ("Sabine Siebold (Reuters): Thank you.",
         (Role.QUESTIONER, "colon", "Sabine Siebold", None, "Reuters", "Thank you.")),
    ],
)
def test_colon_label_with_a_title_or_outlet(line, expected):
    assert shape(detect(line)) == expected


@pytest.mark.parametrize(
    "line, name, rest",
    [
        ("Mark Rutte: Hello", "Mark Rutte", "Hello"),
        ("Mark Rutte:", "Mark Rutte", ""),
        ("Sabine Siebold: Thank you, Sec Gen.", "Sabine Siebold", "Thank you, Sec Gen."),
    ],
)
def test_bare_name_before_a_colon_leaves_the_role_open(line, name, rest):
    label, after = detect(line)
    assert (label.role, label.style, label.name, label.title, after) == (None, "colon", name, None, rest)
    assert label.confidence < detect("NATO Secretary General Rutte:")[0].confidence


# --- labels alone on their line, no colon ------------------------------------------------

@pytest.mark.parametrize(
    "line, expected",
    [
        (SECRETARY_GENERAL,
         (Role.PRINCIPAL, "standalone", "Mark Rutte", "NATO Secretary General", None, "")),
        ("NATO Deputy Secretary General Mircea Geoană",
         (Role.PRINCIPAL, "standalone", "Mircea Geoană", "NATO Deputy Secretary General", None, "")),
        (SPOKESPERSON,
         (Role.MODERATOR, "standalone", "Farah Dakhlallah", "NATO Spokesperson", None, "")),
        ("Sabine Siebold, Retuers",
         (Role.QUESTIONER, "standalone", "Sabine Siebold", None, "Retuers", "")),
        ("Dymtro Shkurko, Ukrinform Natinoal News Agency of Ukraine",
         (Role.QUESTIONER, "standalone", "Dymtro Shkurko", None,
          "Ukrinform Natinoal News Agency of Ukraine", "")),
        ("Mohammad Omar Alloubani, Al Mamlaka TV",
         (Role.QUESTIONER, "standalone", "Mohammad Omar Alloubani", None, "Al Mamlaka TV", "")),
        ("Ina Tsartsidze, PIRVELI",
         (Role.QUESTIONER, "standalone", "Ina Tsartsidze", None, "PIRVELI", "")),
        ("Sabine Siebold (Reuters)",
         (Role.QUESTIONER, "standalone", "Sabine Siebold", None, "Reuters", "")),
        ("Sabine Siebold – Reuters",
         (Role.QUESTIONER, "standalone", "Sabine Siebold", None, "Reuters", "")),
        ("Sabine Siebold — Reuters",
         (Role.QUESTIONER, "standalone", "Sabine Siebold", None, "Reuters", "")),
        ("Sabine Siebold - Reuters",
         (Role.QUESTIONER, "standalone", "Sabine Siebold", None, "Reuters", "")),
    ],
)
def test_standalone_label(line, expected):
    assert shape(detect(line)) == expected


def test_a_style_is_as_sure_as_its_shape():
    question = detect("Question:")[0].confidence
    colon = detect("NATO Secretary General Rutte:")[0].confidence
    standalone = detect(SECRETARY_GENERAL)[0].confidence
    assert question > colon > standalone


# --- a label seen elsewhere, running into its text ---------------------------------------

KNOWN_BY_TEXT = {SPOKESPERSON: detect(SPOKESPERSON)[0], SECRETARY_GENERAL: detect(SECRETARY_GENERAL)[0]}
KNOWN = longest_first(KNOWN_BY_TEXT)


def test_known_label_running_into_its_text():
    assert detect(RUNS_INTO_TEXT) is None
    label, rest = detect_known(RUNS_INTO_TEXT, KNOWN)
    assert (label.role, label.style, label.name, label.title) == (
        Role.MODERATOR, "runs-into-text", "Farah Dakhlallah", "NATO Spokesperson",
    )
    assert rest == "Thank you all. We have one more question, time for one more question from Swedish TV."


def test_the_longest_known_label_wins():
    known = longest_first({"Farah": Label("Farah", None, "colon", 0.7, name="Farah"), **KNOWN_BY_TEXT})
    label, rest = detect_known(f"{SPOKESPERSON} Thank you.", known)
    assert (label.text, rest) == (SPOKESPERSON, "Thank you.")


@pytest.mark.parametrize(
    "line",
    [
        SPOKESPERSON,  # the label alone: detect's business, not detect_known's
        f"{SPOKESPERSON} said so yesterday.",  # a sentence about her, not her speaking
        f"{SPOKESPERSON}Thank you all.",
        "Farah Dakhlallah Thank you all.",  # not a label seen in the transcript
        "NATO Spokesperson Thank you all.",
        "Thank you all. NATO Spokesperson Farah Dakhlallah Thank you.",
    ],
)
def test_not_a_known_label_running_into_text(line):
    assert detect_known(line, KNOWN) is None


def test_no_known_labels_finds_nothing():
    assert detect_known(RUNS_INTO_TEXT, []) is None


# --- transcript text that must stay text --------------------------------------------------

@pytest.mark.parametrize(
    "line",
    [
        "Ukraine has a right to defend itself.",
        "Hello. Good morning.",
        "Okay, FAZ. At the end there. Thank you, Thomas.",
        "Especially now.",
        "NATO Allies",
        "And I very much welcome recent announcements of more military aid by the US, Germany, "
        "Sweden, Estonia, Lithuania, Norway.",
        "Maybe a few questions.",
        "10:22",
        "Last updated: 13 Feb. 2025 10:22",
        "Thank you. We'll start with Reuters over there. Sabine,",
        "Yes, good morning. Good to see you.",
        "To intimidate us.",
        "This is great news.",
        "And with that I am ready to take your questions.",
        "Okay, we'll go to NHK, please.",
        "Final question, and then we'll meet again at the post ministerial press conference.",
        "Thank you so much. We'll meet again later today.",
        "Good morning, Secretary General.",
        "Thank you, Thomas.",
        "Two questions, please.",
        "Secretary Hegseth said, but also what later came out of Washington clearly were big announcements.",
        "Mark Rutte",  # a bare name needs a colon to be taken for a label
        "Question",  # the keyword needs its colon
        "Questions remain.",
        "He said: we must act.",
        "",
    ],
)
def test_ordinary_text_is_not_a_label(line):
    assert detect(line) is None


# --- every line of the sample transcripts -------------------------------------------------

DOORSTEP_LABELS = {
    25: "Question:", 28: "NATO Secretary General Rutte:",
    31: "Question:", 34: "NATO Secretary General Rutte:",
    37: "Question:", 40: "NATO Secretary General Rutte:",
    43: "Question:", 46: "NATO Secretary General Rutte:",
    51: "Question:", 54: "NATO Secretary General Rutte:",
}
PRESS_CONFERENCE_LABELS = {
    30: SPOKESPERSON, 32: "Sabine Siebold, Retuers", 34: SECRETARY_GENERAL,
    37: SPOKESPERSON, 39: "Dymtro Shkurko, Ukrinform Natinoal News Agency of Ukraine", 41: SECRETARY_GENERAL,
    45: SPOKESPERSON, 47: "Thomas Gutschker, Frankfurter Allgemeine Zeitung", 49: SECRETARY_GENERAL,
    57: SPOKESPERSON, 59: "Essa Hassan Nahari, Independent Arabia", 61: SECRETARY_GENERAL,
    66: SPOKESPERSON, 68: "Mohammad Omar Alloubani, Al Mamlaka TV", 70: SECRETARY_GENERAL,
    73: SPOKESPERSON, 75: "Sergey Goryashko, BBC News Russian", 77: SECRETARY_GENERAL,
    80: SPOKESPERSON, 82: "Ina Tsartsidze, PIRVELI", 85: SECRETARY_GENERAL,
    88: SPOKESPERSON, 90: "Adam Parsons, Sky News", 93: SECRETARY_GENERAL,
    98: SPOKESPERSON, 100: SECRETARY_GENERAL,  # Rutte greets the next questioner first
    102: "Iulia Sarivan, Jurnal TV", 106: SECRETARY_GENERAL,
    111: SPOKESPERSON, 113: "Sachiyo Sugita, NHK", 115: SECRETARY_GENERAL,
    120: SPOKESPERSON, 122: "Hadley Gamble, Al Arabiya", 124: SECRETARY_GENERAL,
    # 128: the spokesperson's label runs into her text; detect alone must not take it.
    129: "Christoffer Wendick, SVT", 131: SECRETARY_GENERAL,
}


@pytest.mark.parametrize(
    "path, expected",
    [(DOORSTEP, DOORSTEP_LABELS), (PRESS_CONFERENCE, PRESS_CONFERENCE_LABELS)],
    ids=["doorstep", "press-conference"],
)
def test_labels_of_a_whole_sample(path, expected):
    body = clean(path.read_text(encoding="utf-8")).body
    assert {line.number: line.text for line in body if detect(line.text)} == expected


def test_the_label_running_into_text_is_found_once_the_labels_are_known():
    body = clean(PRESS_CONFERENCE.read_text(encoding="utf-8")).body
    hits = {line.number: detect(line.text) for line in body}
    known = longest_first({hit[0].text: hit[0] for hit in hits.values() if hit and hit[0].name})
    found = {
        line.number: detect_known(line.text, known)
        for line in body
        if hits[line.number] is None and detect_known(line.text, known)
    }
    assert list(found) == [128]
    label, rest = found[128]
    assert (label.role, label.name, rest) == (
        Role.MODERATOR, "Farah Dakhlallah",
        "Thank you all. We have one more question, time for one more question from Swedish TV.",
    )


def test_the_labels_of_the_press_conference_say_who_speaks():
    roles = {text: detect(text)[0].role for text in set(PRESS_CONFERENCE_LABELS.values())}
    assert roles.pop(SECRETARY_GENERAL) is Role.PRINCIPAL
    assert roles.pop(SPOKESPERSON) is Role.MODERATOR
    assert set(roles.values()) == {Role.QUESTIONER}  # every "Name, Outlet" line


def test_a_numbered_official_is_no_misspelling_of_another():
    # State, 2021-08-02: SENIOR STATE DEPARTMENT OFFICIAL ONE, TWO and THREE are three people
    officials = ["SENIOR STATE DEPARTMENT OFFICIAL ONE", "SENIOR STATE DEPARTMENT OFFICIAL TWO"]
    assert misspelling_of("SENIOR STATE DEPARTMENT OFFICIAL THREE", officials) is None
    assert misspelling_of("SENIOR STATE DEPARTMENT OFICIAL TWO", officials) == "SENIOR STATE DEPARTMENT OFFICIAL TWO"


def test_an_ordinal_question_inside_a_journalist_s_turn_is_no_label():
    # State, 2022-02-08: "Second question: It is reported that …" goes on Janne's turn
    assert detect("Second question: It is reported that the North Korea is operating on ICBM bases.") is None
    assert detect("SECOND QUESTIONER: Thank you.")[0].role is Role.QUESTIONER
