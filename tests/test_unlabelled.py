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


HAWKE = Speaker(Role.PRINCIPAL, Person("bob-hawke", "Bob Hawke"))
LONG_ANSWER = ("Well I, as you know, am not a strict disciplinarian. I rather try and operate on the basis of getting "
               "co-operation. I want to say this though, that I would think that if the decision had gone the other way "
               "there would have been a multitude of motions passed against me.")


def test_an_answer_run_into_the_question_s_own_line_is_split_there():
    # 1984-07-13 (PM Transcripts, scanned): "… faces the risk of discipline? Well I, as you know, …"
    turns = [turn(HAWKE, "Thank you."), turn(Q, "Mr Hawke, does that mean he faces the risk of discipline? " + LONG_ANSWER),
             turn(Q, "Prime Minister, on immigration?"), turn(HAWKE, "No.")]
    mended, warnings = mend(turns)
    assert mended[1].paragraphs == ("Mr Hawke, does that mean he faces the risk of discipline?",)
    assert (mended[2].speaker, mended[2].paragraphs) == (HAWKE, (LONG_ANSWER,))
    assert len(warnings) == 1


def test_within_a_line_only_an_answer_s_opening_and_length_split():
    for rest in ("There are some people who are saying that there should be high-level intervention. " * 3,
                 "Well, that is all."):
        turns = [turn(HAWKE, "Thank you."), turn(Q, "Will you send a letter to North Korea? " + rest),
                 turn(Q, "And on Japan?"), turn(HAWKE, "No.")]
        assert mend(turns)[0] == tuple(turns)


def test_a_question_the_answer_asks_does_not_split_it():
    # "… do you realise that in extremis you invoked the Almighty? …": the answer quotes a question.
    answer = ("I'll tell you. I'll give you one observation that was made by my Deputy who was sitting on my right "
              "and he said Prime Minister, do you realise that in extremis you invoked the Almighty? That was all.")
    turns = [turn(HAWKE, "Thank you."), turn(Q, "What exactly did go through your mind?", answer),
             turn(Q, "On uranium?"), turn(HAWKE, "No.")]
    mended, _ = mend(turns)
    assert (mended[2].speaker, mended[2].paragraphs) == (HAWKE, (answer,))


MODERATOR = Speaker(Role.MODERATOR, Person("jose-fernandez", "José Fernández"))


def test_a_moderator_who_answers_before_handing_over_is_the_answerer():
    # 2024-07-11 background press call (White House): the moderator answers a request for a list.
    turns = [turn(PSAKI, "Hello."),
             turn(Q, "Could you send us all a list of the eleven manufacturing plants that are getting this funding?"),
             turn(MODERATOR, "Yep, we will have that to you all today.", "Okay, our next question will come from Rachel."),
             turn(Q, "Hi, what is the timeline?"), turn(PSAKI, "Soon.")]
    mended, _ = mend(turns)
    assert [(t.speaker.role, t.paragraphs) for t in mended[2:4]] == [
        (Role.PRINCIPAL, ("Yep, we will have that to you all today.",)),
        (Role.MODERATOR, ("Okay, our next question will come from Rachel.",))]


def test_a_moderator_managing_the_floor_answers_nothing():
    for says in ("Liz, we're just going to move around, and if we have time we'll come back. But we'll go to Ashley.",
                 "Thank you very much. Next question.", "Sorry, could you repeat your question?"):
        turns = [turn(PSAKI, "Hello."), turn(Q, "And on that point of his insight into Vladimir Putin, what is it?"),
                 turn(MODERATOR, says), turn(Q, "Hi, what is the timeline?"), turn(PSAKI, "Soon.")]
        assert [t.speaker.role for t in mend(turns)[0]] == [t.speaker.role for t in turns], says


def test_a_moderator_a_principal_passes_the_question_to_answers_it():
    # White House gaggle, 2023-04-12: "MS. SLOAT: Do you want to address any of the logistics?" / "MR. SAVETT: Sure. …"
    sloat = Speaker(Role.PRINCIPAL, Person("amanda-sloat", "Amanda Sloat"))
    turns = [turn(MODERATOR, "We'll go to Brendan Hughes."),
             turn(Q, "How is that engagement going to look, and when will he actually be leaving Northern Ireland?"),
             turn(sloat, "Do you want to address any of the logistics?"),
             turn(MODERATOR, "Sure. On the logistics, the President will head to the airport to fly to Dublin."),
             turn(sloat, "I think Sean is tracking better the timing and the broad logistics side.")]
    assert [t.speaker.role for t in mend(turns)[0]][2:] == [Role.PRINCIPAL, Role.PRINCIPAL, Role.PRINCIPAL]


def test_a_moderator_answers_the_first_question_and_routes_the_second():
    # State, 2022-07-29: "MR PRICE: Jenny, I'll start with your first question. We have no plans … I'll turn it over …"
    phee = Speaker(Role.PRINCIPAL, Person("molly-phee", "Molly Phee"))
    turns = [turn(MODERATOR, "We'll start with the line of Jennifer Hansler, please."),
             turn(Q, "Are there any plans for the Secretary to meet Lavrov in Cambodia? And on Rwanda, what will he say?"),
             turn(MODERATOR, "Jenny, I'll start with your first question. We have no plans to meet with Foreign Minister "
                             "Lavrov when they are in Cambodia. I'll turn it over to Assistant Secretary Phee on your second."),
             turn(phee, "Thanks, Ned. I don't want to get ahead of those discussions.")]
    mended = mend(turns)[0]
    assert [(t.speaker.role, t.text[:22]) for t in mended[2:4]] == [
        (Role.PRINCIPAL, "Jenny, I'll start with"), (Role.MODERATOR, "I'll turn it over to A")]


def test_an_answer_after_a_question_the_scan_lost_its_mark_is_split_where_it_opens():
    # PM Transcripts, 1984-07-13 (scanned): "… will you continue if necessary to interpret policy according to
    # changing circumstances. / Well you notice that the Party has re-affirmed …"
    answer = ("Well you notice that the Party has re-affirmed the overall resolution that there is the Platform and the "
              "rate of implementation is a matter for the Government. It's a very sensible decision that they have "
              "confirmed, and it has been there before.")
    turns = [turn(HAWKE, "Thank you."),
             turn(Q, "Prime Minister do you feel that you're totally bound", "by the Platform adopted by the Conference",
                  "or will you continue to interpret policy.", *answer.split(". ", 1)),
             turn(Q, "On uranium?"), turn(HAWKE, "No.")]
    mended, warnings = mend(turns)
    assert mended[1].paragraphs[-1] == "or will you continue to interpret policy."
    assert (mended[2].speaker, mended[2].paragraphs[0][:20]) == (HAWKE, "Well you notice that")
