"""Who is who, decided over the whole transcript (`generator.cast`): one rule a test.

The texts are written for these tests, each in one publisher's way, to pin one rule; they
are not the measure of the reader. That is `tests/test_real.py`, on real transcripts.
"""

from __future__ import annotations

import textwrap

import pytest

from generator.askers import Askers
from generator.clean import clean
from generator.floor import CALLS_ON
from generator.html_text import page_text
from generator.labels import detect
from generator.model import Role
from generator.registry import Registry
from generator.resolve import Resolver, handed_to, looks_like_outlet
from tests.test_reading import HEAD, names, read
from tests.test_styles import askers


def roles(t):
    return [(turn.labels[0] if turn.labels else None, turn.speaker.role) for e in t.exchanges for turn in (*e.lead_in, *e.replies)]


def warnings(reading):
    return [(w.line, w.message) for w in reading.warnings]


# --- roles from what the turns do ------------------------------------------------------------


def test_a_spokesperson_who_only_gives_the_floor_is_a_moderator_whatever_the_label(tmp_path):
    t = read(tmp_path, "Briefing with Senior State Department Officials\n\n"
             "MR PRICE: Good afternoon, and thanks for joining this call. I will turn it over to our officials.\n\n"
             "SENIOR STATE DEPARTMENT OFFICIAL: Thank you, Ned. We have worked on this for months and the plan is ready.\n\n"
             "MR PRICE: We'll go to the line of Kylie Atwood.\n\n"
             "QUESTION: How many people are on the flights?\n\n"
             "SENIOR STATE DEPARTMENT OFFICIAL: About two thousand so far, and more will follow in the coming weeks.\n\n"
             "MR PRICE: Next we'll go to Nick Schifrin.\n\n"
             "QUESTION: Where will they stay?\n\n"
             "SENIOR STATE DEPARTMENT OFFICIAL: At a base in Virginia, for about a week, while their papers are checked.\n").transcript
    assert askers(t) == [("Kylie Atwood", None), ("Nick Schifrin", None)]
    lead_ins = {turn.labels[0]: turn.speaker.role for e in t.exchanges for turn in e.lead_in}
    assert lead_ins == {"MR PRICE": Role.MODERATOR}
    assert [names(e.answers) for e in t.exchanges] == [["Senior State Department Official"]] * 2


def test_a_moderator_label_that_answers_the_journalists_is_a_principal(tmp_path):
    t = read(tmp_path, "Noon briefing\n\nSPOKESPERSON: Good afternoon. I have two notes for you today.\n\n"
             "QUESTION: Is the convoy moving?\n\n"
             "SPOKESPERSON: The convoy left this morning with food for twenty thousand people, and it should arrive tonight.\n\n"
             "QUESTION: And the talks?\n\n"
             "SPOKESPERSON: The envoy is meeting both sides tomorrow, and we hope for a first agreement on access.\n").transcript
    assert [e.answers[0].speaker.role for e in t.exchanges] == [Role.PRINCIPAL, Role.PRINCIPAL]


def test_an_operator_opening_the_line_keeps_the_full_name_the_moderator_gave(tmp_path):
    t = read(tmp_path, "Background call\n\nMODERATOR: Thanks, everyone. We'll start with questions now.\n\n"
             "SENIOR OFFICIAL: Thank you. I am glad to take your questions on the visit today.\n\n"
             "MODERATOR: We will go to the line of Andrea Mitchell, please.\n\n"
             "OPERATOR: Thank you. Ms. Mitchell, your line is open.\n\n"
             "QUESTION: What will the President say?\n\n"
             "SENIOR OFFICIAL: He will speak about the alliance and about what comes next for the region.\n").transcript
    assert askers(t) == [("Andrea Mitchell", None)]


def test_in_an_interview_the_name_that_asks_is_the_journalist(tmp_path):
    t = read(tmp_path, "Transcript of interview with John Hewitt, 2MM\n\n"
             "HEWITT: Prime Minister, thank you for joining us. Will rates go up?\n\n"
             "PM: I do not think they will, and the figures we have seen this week support that.\n\n"
             "HEWITT: And the budget?\n\nPM: The budget will be in surplus, as we said it would be.\n").transcript
    assert askers(t) == [("John Hewitt", "2MM"), ("John Hewitt", "2MM")]
    assert [e.answers[0].speaker.role for e in t.exchanges] == [Role.PRINCIPAL, Role.PRINCIPAL]


def test_an_interview_title_names_the_journalist_a_question_label_leaves_out(tmp_path):
    t = read(tmp_path, "Secretary Blinken With Lester Holt of NBC Nightly News\n\n"
             "QUESTION: Mr. Secretary, is an invasion coming?\n\n"
             "SECRETARY BLINKEN: Everything suggests that it is, and we are ready for it with our allies.\n").transcript
    assert askers(t) == [("Lester Holt", "NBC Nightly News")]


def test_names_that_ask_once_among_question_keywords_are_journalists(tmp_path):
    t = read(tmp_path, "Annual news conference\n\nVladimir Putin: Good afternoon. Let us begin.\n\n"
             "Question: What about the economy?\n\nVladimir Putin: It grew by two percent this year, more than expected.\n\n"
             "Pavel Zarubin: Rossiya TV channel. And the pensions?\n\n"
             "Vladimir Putin: They will rise next year, by more than prices do.\n").transcript
    assert askers(t) == [(None, None), ("Pavel Zarubin", "Rossiya TV channel")]


def test_a_name_whose_turns_neither_ask_nor_answer_is_told_to_the_editor(tmp_path):
    reading = read(tmp_path, HEAD + "Opening.\n\nFoo Bar:\nYes.\n\nFoo Bar:\nNo.\n")
    assert [line for line, m in warnings(reading) if m.startswith("'Foo Bar' is not in speakers.yml, and its turns neither")] == [6]


# --- one person under several labels -----------------------------------------------------------------


def test_a_misspelt_question_keyword_is_read_as_it_with_a_warning(tmp_path):
    reading = read(tmp_path, HEAD + "Opening.\n\nJOURNALIST: Why?\n\nPM: Because.\n\nJOUTRNALIST: When?\n\nPM: Soon.\n")
    assert len(reading.transcript.exchanges) == 2
    assert (10, "the label 'JOUTRNALIST' read as 'JOURNALIST', which it seems to misspell") in warnings(reading)


def test_a_misspelt_label_of_a_principal_is_that_principal_with_a_warning(tmp_path):
    text = ("Briefing\n\nACTING ADMINISTRATOR SLAVITT: Welcome, everyone, to the briefing today.\n\nQ Why?\n\n"
            "ACTING ADMINISTRATOR SLAVITT: Because of the numbers we see this week in every state of the country.\n\n"
            "Q When?\n\nACTING ADMINSTRATOR SLAVITT: Soon, within the next two weeks at the latest, we expect.\n")
    reading = read(tmp_path, text)
    assert [names(e.answers) for e in reading.transcript.exchanges] == [["Slavitt"]] * 2
    assert reading.transcript.exchanges[1].answers[0].labels == ("ACTING ADMINSTRATOR SLAVITT",)  # as written
    assert any("'ACTING ADMINSTRATOR SLAVITT' read as 'ACTING ADMINISTRATOR SLAVITT'" in m for _, m in warnings(reading))


def test_a_short_label_and_a_full_one_with_one_surname_are_one_person(tmp_path):
    t = read(tmp_path, "Briefing\n\nMR. NED PRICE: Good afternoon. Two things at the top today.\n\nQUESTION: Why?\n\n"
             "PRICE: Because we said so, and we will say it again tomorrow.\n").transcript
    assert names(t.opening) == names(t.exchanges[0].answers) == ["Mr. Ned Price"]


# --- who asks: hand-overs, introductions, call-ons ------------------------------------------------------


def test_a_journalist_who_introduces_themselves_is_named_with_their_outlet(tmp_path):
    t = read(tmp_path, HEAD + "Opening.\n\nQuestion:\nHi, thank you for doing this. My name is Mouhamed Elahmed with "
             "Al Jazeera Arabic. What vaccines?\n\nNATO Secretary General Mark Rutte:\nAll of them.\n\n"
             "Question:\nHi. It's Sebastian Fest from Infobae, Argentina. And the debate?\n\n"
             "NATO Secretary General Mark Rutte:\nThere was none.\n").transcript
    assert askers(t) == [("Mouhamed Elahmed", "Al Jazeera Arabic"), ("Sebastian Fest", "Infobae")]


def test_the_principal_calling_on_someone_names_the_next_journalist(tmp_path):
    t = read(tmp_path, "Press Briefing\n\nMS. PSAKI: Good afternoon. With that, Zeke, why don't you kick us off?\n\n"
             "Q Thanks, Jen. What is the plan?\n\nMS. PSAKI: We will have more to say on it soon, I expect.\n\n"
             "Go ahead, Peter.\n\nQ On the vaccines, when?\n\nMS. PSAKI: By the summer, we hope, for every adult.\n").transcript
    assert askers(t) == [("Zeke", None), ("Peter", None)]


def test_an_answer_that_opens_on_a_name_names_the_journalist(tmp_path):
    t = read(tmp_path, "Press call\n\nMR. SULLIVAN: Hello, everyone, and thanks for joining us today.\n\n"
             "Q Will the President meet him?\n\nMR. SULLIVAN: Thanks, Karen. He will, on Tuesday, in Geneva.\n").transcript
    assert askers(t) == [("Karen", None)]


def test_a_run_of_one_journalists_questions_is_named_by_a_late_call(tmp_path):
    t = read(tmp_path, "Department Press Briefing\n\nMR PRICE: Good afternoon. Go ahead, Shaun.\n\n"
             "QUESTION: On Iran, the talks?\n\nMR PRICE: They go on in Vienna this week, as planned.\n\nGo ahead.\n\n"
             "QUESTION: Two on Russia. First, the troops?\n\nMR PRICE: They are still at the border, as far as we know.\n\n"
             "QUESTION: And the sanctions announced today?\n\n"
             "MR PRICE: Well, let me, Matt, start at the beginning. They target the oil trade.\n\nGo ahead, Lara.\n\n"
             "QUESTION: On China?\n\nMR PRICE: Nothing new today on that, I am afraid.\n").transcript
    assert askers(t) == [("Shaun", None), ("Matt", None), ("Matt", None), ("Lara", None)]
    assert [e.follow_up_of for e in t.exchanges] == [None, None, 2, None]


def test_thanks_from_someone_new_after_a_full_question_is_no_follow_up(tmp_path):
    t = read(tmp_path, "Press Briefing\n\nMS. PSAKI: Good afternoon.\n\nQ Hi, this is Sarah Smith with Bloomberg. "
             "Will the bill pass this week, in your view?\n\nMS. PSAKI: We think so, yes.\n\n"
             "Q Thank you. On another topic entirely, the border?\n\nMS. PSAKI: We have more to say tomorrow.\n").transcript
    assert askers(t) == [("Sarah Smith", "Bloomberg"), (None, None)]


def test_a_journalists_thanks_no_one_answers_is_no_question(tmp_path):
    reading = read(tmp_path, "Department Press Briefing\n\nMR PRICE: Good afternoon.\n\nQUESTION: Is it over?\n\n"
                   "MR PRICE: It is over, yes, as of this morning.\n\nQUESTION: Thank you.\n\nQUESTION: And Iran?\n\n"
                   "MR PRICE: Nothing new.\n")
    assert len(reading.transcript.exchanges) == 2
    assert not [m for _, m in warnings(reading) if "has no answer" in m]


# --- label lines as real pages write them ------------------------------------------------------------------


def test_labels_with_their_colon_stuck_or_doubled_and_notes_in_them(tmp_path):
    found = {line: detect(line) for line in ("PM:It's good to be back.", "PRIME MINISTER::", "HOWARD:, We discussed",
                                               "PRESIDENT ALVARADO (via interpreter): Thank you.", "PM ( cont): and so",
                                               "SENIOR STATE DEPARTMENT OFFICIAL ONE: So working backward.", "McGAURAN:")}
    assert {line: hit[0].text for line, hit in found.items()} == {
        "PM:It's good to be back.": "PM", "PRIME MINISTER::": "PRIME MINISTER", "HOWARD:, We discussed": "HOWARD",
        "PRESIDENT ALVARADO (via interpreter): Thank you.": "PRESIDENT ALVARADO", "PM ( cont): and so": "PM",
        "SENIOR STATE DEPARTMENT OFFICIAL ONE: So working backward.": "SENIOR STATE DEPARTMENT OFFICIAL ONE",
        "McGAURAN:": "McGAURAN",
    }
    assert found["PM:It's good to be back."][1] == "It's good to be back."
    assert detect("THE HON. BARNABY JOYCE MP, DEPUTY PRIME MINISTER: Thanks")[0].name == "Barnaby Joyce"
    assert detect("10:30: the time") is None


def test_a_hard_wrapped_text_gets_its_paragraphs_back():
    words = " ".join(f"word{i:03d} is here" for i in range(150))
    answer = textwrap.wrap("MS. PSAKI:  " + words, 70)
    text = "Title\n\n" + "\n".join(answer) + "\n\nQ    Short one?\n\n" + "\n".join(textwrap.wrap(words, 70)) + "\n"
    body = clean(text, "Title").body
    assert [line.text[:12] for line in body] == ["MS. PSAKI: w", "Q Short one?", "word000 is h"]
    assert body[0].text == "MS. PSAKI: " + words and body[2].number == len(answer) + 6


def test_a_text_with_short_lines_of_its_own_is_not_unwrapped():
    text = "Title\n" + "".join(f"NATO Secretary General Mark Rutte\nAnswer number {i}.\n" for i in range(30))
    assert len(clean(text, "Title").body) == 60


def test_an_html_page_is_read_as_its_article_line_for_line():
    html = ("<!doctype html>\n<html><head><title>x</title><script>var a = 1;</script></head>\n<body><nav>Menu Home</nav>\n"
            "<div role=\"complementary\"><article><p><b>Question:</b> Why?</p><p><b>Vladimir Putin:</b>\nBecause.</p>\n"
            "<aside>See also</aside><p>Thank &amp; bye.</p></article></div>\n<footer>Copyright</footer></body></html>\n")
    lines = page_text(html).split("\n")
    assert len(lines) == html.count("\n") + 1
    assert lines[3].split("\u2028") == ["Question: Why?", "Vladimir Putin: Because."]
    assert lines[5] == "Thank & bye."
    assert "Menu" not in page_text(html) and "See also" not in page_text(html) and "Copyright" not in page_text(html)


def test_a_scanned_page_that_ran_two_turns_together_is_split_before_the_label(tmp_path):
    t = read(tmp_path, "Press conference\n\nPM: Good morning to you all.\n\nJOURNALIST: What about Tasmania? PM: Well, "
             "that is a question for my colleagues.\n\nJOURNALIST: And the budget?\n\nPM: In surplus.\n").transcript
    assert [e.question.text for e in t.exchanges] == ["What about Tasmania?", "And the budget?"]
    assert t.exchanges[0].answers[0].text == "Well, that is a question for my colleagues."


def test_a_lone_name_between_an_answer_and_a_question_calls_on_and_answers_nothing(tmp_path):
    t = read(tmp_path, "Department Press Briefing\n\nMR PRICE: Good afternoon, and welcome to the briefing today.\n\n"
             "QUESTION: Is the deal done?\n\nMS SMITH: Not yet, but we are close to it, and we expect news within a week.\n\n"
             "MR PRICE: Matt.\n\nQUESTION: And the vaccines?\n\nMS SMITH: They ship on Monday, to every country that asked.\n").transcript
    assert names(t.exchanges[0].answers) == ["Ms Smith"]
    assert askers(t)[1] == ("Matt", None)


def test_a_floor_bid_given_the_floor_opens_no_exchange(tmp_path):
    reading = read(tmp_path, "Press Briefing\n\nMS. PSAKI: Good afternoon, everyone, and welcome.\n\nQ Jen?\n\n"
                   "MS. PSAKI: Go ahead.\n\nQ Thank you. What is the plan?\n\nMS. PSAKI: We will say more tomorrow.\n")
    (exchange,) = reading.transcript.exchanges
    assert [turn.text for turn in exchange.lead_in] == ["Jen?", "Go ahead."]
    assert not [m for _, m in warnings(reading) if "has no answer" in m]


def test_a_full_stop_after_an_upper_case_name_is_a_label():
    assert detect("MR. SULLIVAN.  Yeah, on Syria.  So, they did have a discussion.")[0].text == "MR. SULLIVAN"


def test_a_surname_label_takes_the_first_name_the_transcript_gives(tmp_path):
    t = read(tmp_path, "Briefing\n\nMODERATOR: Today you will hear from Carole Johnson, our testing coordinator.\n\n"
             "MS. JOHNSON: Thank you. We have shipped ten million tests this week, to every state that asked.\n\n"
             "Q When will schools get them?\n\nMS. JOHNSON: Next week, as soon as the orders come in from the states.\n").transcript
    assert names(t.exchanges[0].answers) == ["Carole Johnson"]


def test_a_journalist_labelled_in_full_then_by_surname_is_one_journalist(tmp_path):
    t = read(tmp_path, "Press briefing\n\nABELLA: Good afternoon, and welcome to the briefing today.\n\n"
             "Rose Novenario (Hataw): Good afternoon, sir. What about the budget?\n\n"
             "ABELLA: It will pass this week, we expect, in both houses.\n\n"
             "Ms. Novenario: And the vote?\n\nABELLA: On Tuesday, in the Senate first.\n").transcript
    assert askers(t) == [("Rose Novenario", "Hataw"), ("Rose Novenario", "Hataw")]


def test_a_printed_pages_labels_heads_and_page_numbers(tmp_path):
    head = "September 21, 2022   Chair Powell's Press Conference  FINAL\nPage {} of 9\n"
    text = ("Transcript of Chair Powell's Press Conference\n\nCHAIR POWELL.  Good afternoon.  We raised rates today.\n"
            + head.format(1) + "Thank you, and I look forward to your questions.\n"
            "JEANNA SMIALEK.  Hi, Chair Powell.  Jeanna Smialek from the New York Times.  What about the\n"
            + head.format(2) + "path of rates next year?\nCHAIR POWELL.  We will see, as the data come in this year, and we will\n"
            "be ready to act as appropriate, if the outlook changes in ways that matter for our goals.\n"
            + head.format(3))
    t = read(tmp_path, text, sidecar="title: Chair Powell's Press Conference\n").transcript
    assert askers(t) == [("Jeanna Smialek", "New York Times")]
    assert "FINAL" not in t.exchanges[0].question.text and "Page" not in t.exchanges[0].question.text
    assert detect("ASEC. BANAAG: Thank you.")[0].text == "ASEC. BANAAG"


def test_a_markdown_archives_front_matter_is_no_ones_words():
    text = "---\ntitle: Press Briefing\nlayout: post\ntags: [a, b]\n---\nPress Briefing\n\nABELLA: Good afternoon.\n"
    cleaned = clean(text, "Press Briefing")
    assert [line.text for line in cleaned.body] == ["ABELLA: Good afternoon."]
    assert [line.number for line in cleaned.chrome][:2] == [1, 2]


def test_a_titled_press_secretary_who_mostly_gives_the_floor_is_a_moderator(tmp_path):
    t = read(tmp_path, "Annual news conference\n\nPresidential Press Secretary Dmitry Peskov: Let us begin. ITAR-TASS, please.\n\n"
             "Question: What about the economy this year, and next year?\n\n"
             "Vladimir Putin: It grew by two percent this year, more than many expected, and it will grow next year.\n\n"
             "Dmitry Peskov: Rossiya TV channel, please go ahead.\n\nQuestion: And the pensions?\n\n"
             "Vladimir Putin: They will rise next year, by more than prices do, as the law says they must.\n\n"
             "Dmitry Peskov: Next, Interfax, please.\n\nQuestion: And the budget?\n\n"
             "Vladimir Putin: In surplus, for the second year running, which few countries can say of theirs.\n").transcript
    assert [names(e.answers) for e in t.exchanges] == [["Vladimir Putin"]] * 3
    assert [e.question.speaker.outlet.name for e in t.exchanges] == ["ITAR-TASS", "Rossiya TV", "Interfax"]


def test_an_interview_named_on_its_own_page_wins_over_the_listings_title(tmp_path):
    t = read(tmp_path, "E 0 E PROOF ONLY\n\nTRANSCRIPT OF INTERVIEW WITH JOHN HEWITT, 2MMM 12 JUNE 1986.\n\n"
             "JOURNALIST: How are you this morning?\n\nPM: Very well, thank you, and glad to be on the programme.\n",
             sidecar="title: Transcript of interview with Jonh Hewitt, 2MM\n").transcript
    assert askers(t) == [("John Hewitt", "2MMM")]


def test_a_short_answer_before_the_hand_over_answers_the_question(tmp_path):
    # White House, 2022-03-10: "MS. PSAKI:  I would not.  Go ahead."
    t = read(tmp_path, "Press briefing\n\nMS. PSAKI: Good afternoon. I have two things for you at the top today.\n\n"
             "Q Would the White House like to comment on what the Representative said about Ukraine's government?\n\n"
             "MS. PSAKI: I would not. Go ahead.\n\n"
             "Q Can you hear me? Okay.\n\n"
             "MS. PSAKI: Yes, we can hear you. Go ahead.\n\n"
             "Q What is the President doing tomorrow?\n\n"
             "MS. PSAKI: He is travelling to Ohio to talk about jobs, and he will be back in the evening.\n").transcript
    assert [(e.question.text[:10], names(e.answers)) for e in t.exchanges] == [
        ("Would the ", ["Ms. Psaki"]), ("What is th", ["Ms. Psaki"])]


def test_an_upper_case_label_that_lost_its_colon_to_a_scan_is_still_a_label(tmp_path):
    # PM Transcripts, 1996-03-20 (scanned): "HOWARD; No I haven't.", "JOURNALIST-. Did you", "BOLGER  We're", "JOURNALIST Mr Bolger"
    t = read(tmp_path, "Joint press conference\n\nHOWARD: Welcome to Jim Bolger.\n\nBOLGER: Thank you John.\n\n"
             "JOURNALIST: Mr Howard have you spoken to Mr McLachlan?\n\nHOWARD; No I haven't.\n\n"
             "JOURNALIST-. Did you discuss the option?\n\nHOWARD: No we didn't.\n\n"
             "JOURNALIST: Mr Bolger, and you?\n\nBOLGER: The same.\n\nJOURNALIST Mr Bolger do you have any tips?\n\nBOLGER  We're working on it.\n\n"
             "JOURNALIST: And the runway?\n\nHOWARD: Well, we are faithful to our commitments.\n").transcript
    assert [names(e.answers) for e in t.exchanges] == [["Howard"], ["Howard"], ["Jim Bolger"], ["Jim Bolger"], ["Howard"]]
    assert t.exchanges[3].answers[0].text == "We're working on it."


def test_a_label_a_scan_ran_into_the_question_s_line_starts_a_turn(tmp_path):
    # PM Transcripts, 1989-11-22: "JOURNALIST: Prime Minister, did you offer an inducement / to PM: I categorically deny …"
    t = read(tmp_path, "News conference\n\nPM: Good morning.\n\nJOURNALIST: Prime Minister, did you offer an inducement\n"
             "to PM: I categorically deny these totally bizarre allegations.\n\nJOURNALIST: What now?\n\nPM: We go on.\n").transcript
    assert [(e.question.text, [a.text for a in e.answers]) for e in t.exchanges][0] == (
        "Prime Minister, did you offer an inducement\n\nto", ["I categorically deny these totally bizarre allegations."])


@pytest.mark.parametrize("text, expected", [
    # Kremlin, 2018-12-20: a representative of an outlet, an outlet with its gloss, a name given surname first
    ("My name is Valeria Pavlyuchenko; I am a representative of Rossiya TV channel. I believe …",
     ("Valeria Pavlyuchenko", "Rossiya TV channel")),
    ("Good afternoon. My name is Olga, I represent the Selskaya Zhisn (Rural Life) newspaper. It marked …",
     ("Olga", "Selskaya Zhisn (Rural Life) newspaper")),
    ("Hi, it's Don Lee from the L.A. Times. I just wanted to follow up …", ("Don Lee", "L.A. Times")),
    ("U.S. sanctions, but those are American. And you said …", (None, None)),
])
def test_journalists_introduce_themselves(text, expected):
    person, outlet = Askers(Resolver(Registry(), None))._introduced(text)
    assert (person and person.name, outlet and outlet.name) == expected


def test_initials_called_after_crosstalk_name_the_journalist(tmp_path):
    # White House gaggle, 2024-01-18, lines 464-481: "MS. DALTON:  — J.J." over crosstalk
    t = read(tmp_path, "Press gaggle\n\nMS. DALTON: Good morning. Two things at the top today before questions.\n\n"
             "Q Is the President travelling this week, and where to?\n\nMS. DALTON: He is going to Ohio on Friday, to talk about jobs.\n\n"
             "Q I just didn't want to start asking —\n\nMS. DALTON: (Inaudible) —\n\nQ — domestic questions if (inaudible).\n\n"
             "MS. DALTON: — J.J.\n\n"
             "Q Okay. On electric vehicles, do you have any thoughts on charging them in the cold?\n\n"
             "MS. DALTON: Cold weather affects every car, electric or not, and we are looking into it.\n").transcript
    assert askers(t)[-1] == ("J.J.", None)


@pytest.mark.parametrize("text, expected", [
    ("We’ll turn to Lalit Jha, Press Trust of India.", ("Lalit Jha", "Press Trust of India")),  # State, 2022-04-12
    ("Great.  We’ll go back to Zoom for Amy Gibbons.", ("Amy Gibbons", None)),  # White House, 2023-04-12
    ("And your line is open. Please, go ahead.", (None, None)),  # State, 2021-07-27: "And" is no one
])
def test_hand_overs_name_the_journalist_not_the_words_around_them(text, expected):
    assert handed_to(text, looks_like_outlet) == expected


@pytest.mark.parametrize("text, expected", [
    ("And press conferences?", None),  # FOMC, 2018-03-21: a question, no byline
    ("Good afternoon, Channel One. Thank you for the opportunity.", "Channel One"),  # Kremlin, 2018-12-20
    ("I'm [unclear] from the Manila Shimbun. I'd like to ask you", "Manila Shimbun"),  # PCOO, 2017-01-12
    ("Thanks.  Welcome, Mr. Chairman.  Edward Lawrence with Fox Business.  So, if you", "Fox Business"),  # FOMC
    ("Nobira from Asahi Shimbun.  I have a question to the three ministers.", "Asahi Shimbun"),  # State, 2022-02-13
])
def test_an_outlet_given_at_the_question_s_start(text, expected):
    _, outlet = Askers(Resolver(Registry(), None))._introduced(text)
    assert (outlet and outlet.name) == expected


def test_an_interpreter_speaking_for_themselves_answers_nothing_and_a_plural_title_is_no_first_name(tmp_path):
    # State, 2022-02-13: "INTERPRETER:  Yes, one correction from Japanese-to-English interpreter. …";
    # "my colleagues, Foreign Ministers Hayashi and Chung"
    t = read(tmp_path, "Joint press availability\n\nSECRETARY BLINKEN: I am grateful to my colleagues, Foreign Ministers "
             "Hayashi and Chung, for a productive day.\n\nFOREIGN MINISTER HAYASHI: Thank you very much.\n\n"
             "QUESTION: Will you meet again this year, and where?\n\nFOREIGN MINISTER HAYASHI: Yes, in Tokyo, in the autumn.\n\n"
             "INTERPRETER: Yes, one correction from the Japanese-to-English interpreter. The minister said the summer.\n\n"
             "QUESTION: And on North Korea?\n\nSECRETARY BLINKEN: We remain ready to meet without preconditions.\n").transcript
    assert [names(e.answers) for e in t.exchanges] == [["Hayashi"], ["Blinken"]]
    interpreter = [turn for e in t.exchanges for turn in (*e.lead_in, *e.replies) if turn.labels == ("INTERPRETER",)]
    assert [turn.speaker.role for turn in interpreter] == [Role.MODERATOR]


def test_a_greeting_before_the_name_calls_on_the_journalist():
    # PM Transcripts, 2004-03-05: "G'day Laurie."
    assert CALLS_ON.fullmatch("G'day Laurie.").group("name") == "Laurie"


def test_a_colleague_who_defers_or_declines_answers_nothing(tmp_path):
    # State, 2021-05-28: "USAID, this – think we'd defer to you to address this first."; "No, that's it. Thank you."
    t = read(tmp_path, "Special briefing\n\nMR ICE: We'll go to the line of Matt Lee.\n\n"
             "QUESTION: What share of the request is for USAID's own staff?\n\n"
             "MR FEIERSTEIN: About a third of it, for the people we hire in the field and for their training.\n\n"
             "MR ICE: We'll go to the line of Pearl Matibe.\n\n"
             "QUESTION: How much of the Africa request goes to local partners, and how will you measure it?\n\n"
             "DEPUTY SECRETARY MCKEON: USAID, this – think we'd defer to you to address this first.\n\n"
             "MR FEIERSTEIN: Happy to take this. Everything we do around the world is designed to support local actors.\n\n"
             "MR FEIERSTEIN: Tricia, do you want to – have anything?\n\nMS SCHMITT: No, that's it. Thank you.\n\n"
             "MR ICE: Let's go to the line of David Wainer.\n\nQUESTION: And the embassy budget?\n\n"
             "DEPUTY SECRETARY MCKEON: It grows by four percent next year, mostly for security and for staff.\n").transcript
    assert [names(e.answers) for e in t.exchanges] == [["Mr Feierstein"], ["Mr Feierstein"], ["McKeon"]]


def test_handing_on_and_thanking_a_colleague_by_name_answer_nothing(tmp_path):
    # State, 2021-07-12: "MR PRICE:  Any other questions?  Shaun."; 2021-06-10: "Thank you very much, Coordinator Smith."
    t = read(tmp_path, "Department press briefing\n\nMR PRICE: Good afternoon. Coordinator Smith is with us today.\n\n"
             "QUESTION: How many doses will go to Africa this month, and through which partners?\n\n"
             "AMBASSADOR SMITH: About twenty million, through COVAX and through the African Union's own program.\n\n"
             "MR PRICE: Thank you very much, Coordinator Smith. Appreciate it.\n\n"
             "QUESTION: And Latin America, how many doses will go there?\n\n"
             "AMBASSADOR SMITH: Some six million, mostly to Brazil, Colombia and Argentina, starting next week.\n\n"
             "MR PRICE: Any other questions? Shaun.\n\n"
             "QUESTION: On Tigray, what is your assessment of the situation right now?\n\n"
             "MR PRICE: It remains grave, and we are calling for unhindered access for humanitarian workers.\n").transcript
    assert [names(e.answers) for e in t.exchanges] == [["Coordinator Smith"], ["Coordinator Smith"], ["Mr Price"]]
