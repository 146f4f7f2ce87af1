"""`structure`: resolved turns to an opening, numbered exchanges and a close.

Each case is a script of roles, one letter per turn — P principal, Q questioner,
M moderator — and turn n stands on line n, so the expected parts are lists of line numbers.
"""

from __future__ import annotations

import pytest

from generator.model import Person, Role, Speaker, Turn
from generator.structure import Structure, structure

ROLES = {"P": Role.PRINCIPAL, "Q": Role.QUESTIONER, "M": Role.MODERATOR}


def script(roles: str) -> list[Turn]:
    """"P M Q P" as turns on lines 1, 2, 3, 4."""
    return [
        Turn(Speaker(ROLES[letter]), (f"{ROLES[letter].value} on line {n}",), n)
        for n, letter in enumerate(roles.split(), start=1)
    ]


def lines(turns) -> list[int]:
    return [turn.line for turn in turns]


def outline(parts: Structure) -> tuple:
    """(opening, [(number, lead_in, question, replies), ...], closing), as line numbers."""
    exchanges = [
        (e.number, lines(e.lead_in), e.question.line, lines(e.replies)) for e in parts.exchanges
    ]
    return lines(parts.opening), exchanges, lines(parts.closing)


CASES = {
    "opening-then-a-question": ("P Q P", ([1], [(1, [], 2, [3])], [])),
    "moderator-gives-the-floor": ("P M Q P", ([1], [(1, [2], 3, [4])], [])),
    "moderator-is-never-a-question": (
        "P M Q P M Q P M Q P",
        ([1], [(1, [2], 3, [4]), (2, [5], 6, [7]), (3, [8], 9, [10])], []),
    ),
    # The press conference, line 98-106: "Okay, we'll go to Moldovan Jurnal TV" /
    # Rutte: "Hello. Good morning." / the question. The greeting answers nothing.
    "principal-greets-before-the-question": (
        "P M Q P M P Q P",
        ([1], [(1, [2], 3, [4]), (2, [5, 6], 7, [8])], []),
    ),
    # A joint press conference: "Minister, would you like to add?" and the second answer.
    "second-principal-answers-the-same-question": (
        "Q P M P", ([], [(1, [], 1, [2, 3, 4])], []),
    ),
    "second-principal-then-next-question": (
        "P Q P M P M Q P",
        ([1], [(1, [], 2, [3, 4, 5]), (2, [6], 7, [8])], []),
    ),
    "two-answers-in-a-row": ("Q P P", ([], [(1, [], 1, [2, 3])], [])),
    "text-before-any-question-is-opening": ("P P Q P", ([1, 2], [(1, [], 3, [4])], [])),
    "moderator-before-the-opening-belongs-to-it": ("M P M Q P", ([1, 2], [(1, [3], 4, [5])], [])),
    "no-opening": ("M Q P", ([], [(1, [1], 2, [3])], [])),
    "trailing-moderator-is-closing": ("P Q P M", ([1], [(1, [], 2, [3])], [4])),
    "trailing-moderators-are-closing": ("Q P M M", ([], [(1, [], 1, [2])], [3, 4])),
    "no-question-at-all": ("P M", ([1], [], [2])),
    "moderator-alone": ("M", ([], [], [1])),
    "nothing": ("", ([], [], [])),
}


@pytest.mark.parametrize("roles, expected", CASES.values(), ids=CASES.keys())
def test_structure(roles, expected):
    assert outline(structure(script(roles))) == expected


def test_second_opening_statement_of_a_joint_press_conference_is_opening():
    # Rutte's statement, "Prime Minister, the floor is yours", her statement, "Questions?", ...
    assert outline(structure(script("P M P M Q P"))) == ([1, 2, 3], [(1, [4], 5, [6])], [])


@pytest.mark.parametrize("roles", [roles for roles, _ in CASES.values()], ids=CASES.keys())
def test_every_turn_is_kept_once_in_order(roles):
    turns = script(roles)
    parts = structure(turns)
    placed = [*parts.opening]
    for exchange in parts.exchanges:
        placed += [*exchange.lead_in, exchange.question, *exchange.replies]
    placed += parts.closing
    assert placed == turns


@pytest.mark.parametrize("roles", [roles for roles, _ in CASES.values()], ids=CASES.keys())
def test_only_a_journalist_asks(roles):
    for exchange in structure(script(roles)).exchanges:
        assert exchange.question.speaker.role is Role.QUESTIONER


def test_exchanges_are_numbered_q1_to_qn():
    parts = structure(script("P M Q P M Q P M P Q P Q P M"))
    assert [(e.number, e.anchor) for e in parts.exchanges] == [(1, "q1"), (2, "q2"), (3, "q3"), (4, "q4")]


def test_a_moderator_interjection_answers_nothing():
    turns = script("Q P M P")
    (exchange,) = structure(turns).exchanges
    assert exchange.replies == tuple(turns[1:])
    assert exchange.answers == (turns[1], turns[3])


def test_the_speakers_are_passed_on_untouched():
    rutte = Speaker(Role.PRINCIPAL, Person("mark-rutte", "Mark Rutte", "NATO Secretary General"))
    siebold = Speaker(Role.QUESTIONER, Person("sabine-siebold", "Sabine Siebold"))
    turns = [Turn(rutte, ("Good morning.",), 4), Turn(siebold, ("Thank you.",), 32), Turn(rutte, ("Well,",), 34)]
    parts = structure(turns)
    assert parts.opening == (turns[0],)
    assert parts.exchanges[0].question == turns[1]
    assert parts.exchanges[0].answers == (turns[2],)


LONG = ("Do you expect the allies to agree on the new spending target before the summit, and what will "
        "happen to those that do not reach it by the end of the decade?")


def said(*turns: tuple[str, str]) -> list[Turn]:
    """Turns of the given roles and texts, on lines 1, 2, …"""
    return [Turn(Speaker(ROLES[letter]), (text,), n) for n, (letter, text) in enumerate(turns, start=1)]


def test_questions_back_to_back_are_two_exchanges():
    parts = structure(said(("Q", LONG), ("Q", LONG), ("P", "We will see at the summit.")))
    assert outline(parts) == ([], [(1, [], 1, []), (2, [], 2, [3])], [])


@pytest.mark.parametrize("aside", ["Karine?", "Ms. Karine?", "Mr President?", "To the back?", "Why not?", "Can we come back to the back?"])
def test_a_short_question_no_one_answers_leads_in_to_the_next(aside):
    parts = structure(said(("Q", LONG), ("P", "Yes."), ("Q", aside), ("Q", LONG), ("P", "No.")))
    assert outline(parts) == ([], [(1, [], 1, [2]), (2, [3], 4, [5])], [])


def test_a_short_question_put_to_the_principal_stays_a_question():
    parts = structure(said(("Q", "Are you saying, Mr Whitlam, that he misled you?"), ("Q", LONG), ("P", "No.")))
    assert [e.question.line for e in parts.exchanges] == [1, 2]


def test_a_hand_over_under_a_journalists_label_leads_in():
    host = "Thank you very much. The next question comes from Coco Lim, a program associate at Freedom House."
    parts = structure(said(("Q", LONG), ("P", "Yes."), ("Q", host), ("Q", LONG), ("P", "No.")))
    assert outline(parts) == ([], [(1, [], 1, [2]), (2, [3], 4, [5])], [])


def test_the_interviewers_goodbye_closes_the_event():
    bye = "All right, Secretary Blinken, we're out of time. Thank you so much for being with us. Stay with us."
    parts = structure(said(("Q", LONG), ("P", "Yes."), ("Q", bye)))
    assert outline(parts) == ([], [(1, [], 1, [2])], [3])


def test_a_last_question_left_unanswered_stays_a_question():
    parts = structure(said(("Q", LONG), ("P", "Yes."), ("Q", "That IVF bill, critics say it violates religious freedom. Can you address that?")))
    assert [e.question.line for e in parts.exchanges] == [1, 3]


def test_a_broken_off_turn_over_an_unanswered_question_shares_its_answer():
    parts = structure(said(("Q", "So you're still studying them?"), ("Q", "Does that mean —"), ("P", "We are still studying them.")))
    assert outline(parts) == ([], [(1, [], 1, [2, 3])], [])
