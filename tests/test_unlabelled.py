"""`unlabelled`: answers the text gives under a journalist's label, or under none."""

from __future__ import annotations

from generator.model import Person, Role, Speaker, Turn
from generator.unlabelled import mend

PSAKI = Speaker(Role.PRINCIPAL, Person("jen-psaki", "Jen Psaki"))
KIRBY = Speaker(Role.PRINCIPAL, Person("john-kirby", "John Kirby"))
Q = Speaker(Role.QUESTIONER)


def turn(speaker: Speaker, *paragraphs: str, line: int = 1) -> Turn:
    return Turn(speaker, paragraphs, line, ("Q",) if speaker is Q else ("MS. PSAKI",))


ANSWER = ("Well, first and foremost, unquestionably, our best approach here is through diplomacy. That is the "
          "preferable approach, and we are going to continue to press forward on it with our European partners.")


def test_an_answer_labelled_as_a_question_goes_to_the_principal():
    turns = [turn(PSAKI, "Good afternoon."), turn(Q, "How much time is Iran given?", line=5), turn(Q, ANSWER, line=9),
             turn(Q, "Two questions on Omicron. How dangerous is it?", line=14), turn(PSAKI, "We will see.")]
    mended, warnings = mend(turns)
    assert [t.speaker for t in mended] == [PSAKI, Q, PSAKI, Q, PSAKI]
    assert warnings == ((9, "the turn labelled 'Q' reads as the answer to the question before it: given to "
                            "'Jen Psaki'; if it is not, give the line its label"),)


def test_a_question_put_to_the_principal_is_no_answer():
    turns = [turn(PSAKI, "Good afternoon."), turn(Q, "How much time is Iran given?"),
             turn(Q, "Prime Minister, on immigration yesterday you told the Conference that Mr Peacock broke an "
                     "agreement he had reached with you, and today we hear that he says you are lying to all of us."),
             turn(PSAKI, "No.")]
    assert [t.speaker for t in mend(turns)[0]] == [PSAKI, Q, Q, PSAKI]


def test_an_answer_run_on_under_the_question_is_split_off_to_the_one_addressed():
    turns = [turn(PSAKI, "Hello."), turn(KIRBY, "Hi."),
             turn(Q, "John, how many Americans are still being held hostage?",
                  "We think the number is less than ten, probably in the neighborhood of about eight to nine."),
             turn(Q, "And why have the two women not been released?"), turn(PSAKI, "We do not know.")]
    mended, warnings = mend(turns)
    assert [(t.speaker, t.paragraphs[0][:8]) for t in mended[2:4]] == [(Q, "John, ho"), (KIRBY, "We think")]
    assert "given to 'John Kirby'" in warnings[0][1]


def test_a_journalist_going_on_asking_is_not_split():
    turns = [turn(PSAKI, "Hello."),
             turn(Q, "First, have you discussed realistic measures?", "And last, I have a question to Minister "
                     "Hayashi about the bilateral meeting between Japan and Korea on this."),
             turn(Q, "Next one?"), turn(PSAKI, "Yes.")]
    assert mend(turns)[0] == tuple(turns)


def test_an_answered_question_is_left_alone():
    turns = [turn(PSAKI, "Hello."), turn(Q, "Is it true?", "Because the report says that it is, and many think so too."),
             turn(PSAKI, "No.")]
    assert mend(turns) == (tuple(turns), ())


def test_no_principal_nothing_to_give():
    turns = [turn(Q, "Is it true?"), turn(Q, ANSWER)]
    assert mend(turns) == (tuple(turns), ())
