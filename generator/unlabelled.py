"""Answers the text gives no label of their own, found once `cast` knows who is who.

Publishers' pages lose labels. A PDF read by OCR drops "PM:", and the Prime Minister's
answer runs on under the journalist's label ("JOURNALIST: … go through your mind? / I'll
tell you. …"); a web page puts "Q" before the press secretary's answer ("Q Well, first
and foremost, unquestionably, our best approach here is through diplomacy."). Both show
in the same way: a journalist's turn that no principal answers before the next
journalist speaks. Where such a turn reads as an answer, it is given to the principal
who answers around it, with a warning at its line for the editor to check.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from .floor import ROUTES, acknowledges, addresses, gives_floor, principal_names
from .model import Role, Turn

RUN_ON_WORDS = 12  # words after a question's last paragraph in an unanswered turn: an answer run on
RUN_ON_INLINE_WORDS = 40  # the same where the answer starts within the question's paragraph ("… discipline? Well I, …")
RUN_ON_ASKING_WORDS = 80  # the same where a later paragraph of the answer would end asking
HAND_OVER_WORDS = 25  # what follows a question this short, giving the floor, is a moderator's hand-over, no answer
MISLABELLED_WORDS = 30  # a journalist's turn this long with no question mark, after an unanswered question: the answer
# How an answer run into its question's line starts: "… discipline? Well I, as you know, …",
# "… strategy? No, not setting down, …", "… higher? PH-. I said, …" (a label the scan broke).
_OPENS_ANSWER = re.compile(r"(?:well|no|yes|yeah|look|oh|sure|certainly|absolutely|of course|not|thank you|thanks)\b"
                           r"|[A-Z]{2,}\W*[;:.,-]\s", re.I)
_ASKS = re.compile(r"\?[\"'”’)\]]*(?=\s|$)")
_ADDRESSED = re.compile(r"^\W*(?:Mr|Ms|Mrs|Dr)?\.?\s*([A-Z][\w'’-]+)\s*[,?]")  # "John, how many …", "Mr Hawke, …"
# "And last, I have a question to Minister Hayashi.": the journalist goes on asking
_GOES_ON = re.compile(r"^\W*(?:and|also|second(?:ly)?|third(?:ly)?|finally|lastly|last|plus|or)\b"
                      r"|^[^.?!]*\b(?:I|we)\s+(?:have|had)\s+(?:a|one|another|two|three)\b[^.?!]*\bquestion"
                      r"|^[^.?!]*\bmy\s+(?:\w+\s+)?question\b", re.I)


def mend(turns: Sequence[Turn]) -> tuple[tuple[Turn, ...], tuple[tuple[int, str], ...]]:
    """`turns` with the answers found under journalists' labels given to their principals,
    and a warning for each."""
    principals = [t for t in turns if t.speaker.role is Role.PRINCIPAL]
    if not principals:
        return tuple(turns), ()
    out: list[Turn] = []
    warnings: list[tuple[int, str]] = []
    chairs = {t.speaker.person for t in turns if t.speaker.role is Role.MODERATOR and t.speaker.person  # who chairs: "We'll go to Zolan."
              and len(t.text.split(maxsplit=HAND_OVER_WORDS)) <= HAND_OVER_WORDS and gives_floor(t.text)}
    for i, turn in enumerate(turns):
        if (turn.speaker.role is Role.MODERATOR and turn.speaker.person in chairs and i > 0 and _put_to(turns, i - 1)
                and (said := _moderator_answers(turn, turns[i + 1] if i + 1 < len(turns) else None))):
            answer, rest = said  # "Q … send us all a list?" / "MODERATOR: Yep, we will have that to you all today."
            out.append(replace(turn, speaker=replace(turn.speaker, role=Role.PRINCIPAL), paragraphs=answer))
            if rest:
                out.append(replace(turn, paragraphs=rest))
            continue
        if turn.speaker.role is not Role.QUESTIONER or turn.interpreted or _answered(turns, i):
            out.append(turn)
            continue
        if _mislabelled(turns, i, out):
            answerer = _answerer(turns, i - 1, principals)
            out.append(replace(turn, speaker=answerer.speaker))
            warnings.append((turn.line, f"the turn labelled '{_label(turn)}' reads as the answer to the question before "
                                        f"it: given to '{_name(answerer)}'; if it is not, give the line its label"))
            continue
        asked, answer = _run_on(turn.paragraphs)
        out.append(replace(turn, paragraphs=asked) if answer else turn)
        if answer:
            answerer = _answerer(turns, i, principals)
            out.append(Turn(answerer.speaker, answer, turn.line))
            warnings.append((turn.line, f"the text after the question of '{_label(turn)}' reads as an answer with no "
                                        f"label: given to '{_name(answerer)}'; if it is not, give its line a label"))
    return tuple(out), tuple(warnings)


def _answered(turns: Sequence[Turn], index: int) -> bool:
    """Whether a principal speaks after the turn at `index`, before the next journalist."""
    for turn in turns[index + 1:]:
        if turn.speaker.role is Role.PRINCIPAL:
            return True
        if turn.speaker.role is Role.QUESTIONER and not turn.interpreted:
            return False
    return False


MODERATOR_ANSWER_WORDS = 3  # a moderator's words this many, before the hand-over, answer the question


ASKING_WORDS = 8  # a journalist's turn this long, with a question mark or twice as long, asks in full


PASSING_WORDS = 20  # a principal's question this short, before a moderator speaks, passes the question to them


def _put_to(turns: Sequence[Turn], index: int) -> bool:
    """Whether the turn at `index` puts a question a moderator may answer: a journalist's, in
    full, or a principal's passing one on right after it ("Do you want to address any of the
    logistics?")."""
    turn = turns[index]
    if turn.speaker.role is Role.PRINCIPAL:
        text = turn.text.strip()
        return (text.endswith("?") and len(text.split(maxsplit=PASSING_WORDS)) <= PASSING_WORDS
                and index > 0 and _put_to(turns, index - 1) and turns[index - 1].speaker.role is Role.QUESTIONER)
    return turn.speaker.role is Role.QUESTIONER and _asks_in_full(turn)


def _asks_in_full(turn: Turn) -> bool:
    """A question put in full, not a bid, a thank-you or words broken off ("Can you hear me?",
    "But in terms of —")."""
    text = turn.text.strip()
    words = len(text.split(maxsplit=2 * ASKING_WORDS))
    return (words >= ASKING_WORDS and ("?" in text or words >= 2 * ASKING_WORDS)
            and not text.endswith(("—", "–", "-", "…")) and not _SOUND_CHECK.search(text))


_SOUND_CHECK = re.compile(r"\b(?:hear|unmute\w*|muted)\b", re.I)
# "Liz, we're just going to move around, and if we have time we'll come back.", "We will
# listen to the reply from the Secretary of State.": a moderator managing the floor, no answer.
_MANAGES = re.compile(r"\b(?:come back|move (?:on|around)|out of time|no more time|time for|repl(?:y|ies)|answers?|respond|listen"
                      r"|remind\w*|background|embargo\w*|on the record|off the record|attributable|ground rules|ask|questions?)\b", re.I)


def _moderator_answers(turn: Turn, after: Turn | None) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """What a moderator says to a question no one else answers, before giving the floor:
    its answer and the hand-over after it ("Yep, we will have that to you all today." /
    "Okay, our next question will come from Rachel."). None where it only gives the floor,
    thanks, apologises or asks ("Sorry, could you repeat your question?"), or names the
    principal who speaks `after` it ("Dr. Walensky on holiday and modifying the definition.")."""
    answer: list[str] = []
    rest = list(turn.paragraphs)
    while rest:
        sentences = re.split(r"(?<=[.!?])\s+", rest[0].strip())
        handing = next((k for k, sentence in enumerate(sentences) if gives_floor(sentence) or ROUTES.search(sentence)), None)
        if handing is None:
            answer.append(rest.pop(0))
            continue
        if handing:
            answer.append(" ".join(sentences[:handing]))
        rest[0] = " ".join(sentences[handing:])
        break
    sentences = [s for paragraph in answer for s in re.split(r"(?<=[.!?])\s+", paragraph.strip())]
    text = " ".join(s for s in sentences if not acknowledges(s) and not _MANAGES.search(s))  # "I'll start with your first question."
    if "?" in text or len(text.split(maxsplit=MODERATOR_ANSWER_WORDS)) < MODERATOR_ANSWER_WORDS or _SOUND_CHECK.search(text):
        return None
    if after is not None and any(re.search(rf"\b{re.escape(w)}\b", text) for w in principal_names([after]) if len(w) > 2):
        return None
    return tuple(answer), tuple(rest)


def _mislabelled(turns: Sequence[Turn], index: int, read: Sequence[Turn]) -> bool:
    """A long turn with no question mark and no hand-over, right after a journalist's
    question that nobody answered: the answer, labelled as a question."""
    text = turns[index].text
    before = read[-1] if read else None
    return (
        before is not None
        and before.speaker.role is Role.QUESTIONER
        and "?" in before.text
        and "?" not in text
        and len(text.split(maxsplit=MISLABELLED_WORDS)) >= MISLABELLED_WORDS
        and not gives_floor(text)
        and not addresses(text, principal_names(turns))
    )


def _run_on(paragraphs: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The question and the answer that runs on under a journalist's label: what follows a
    question mark of the turn, when it is long enough to answer and does not go on asking.
    Where the mark ends a paragraph, RUN_ON_WORDS will do; within one (an OCR'd page that
    lost the label's line break: "… the risk of discipline? Well I, as you know, …"), it
    takes RUN_ON_INLINE_WORDS and an answer's first word. The last mark is tried first, then
    the ones before: an answer may ask within its lines ("… do you realise that in extremis
    you invoked the Almighty? …"), but one with a paragraph that ends asking must be as long
    as RUN_ON_ASKING_WORDS. The answer is empty where there is none."""
    marks = [(k, m.end()) for k, paragraph in enumerate(paragraphs) for m in _ASKS.finditer(paragraph)]
    asks_on = False  # a question mark after this one ends a paragraph: the answer would ask
    for k, at in reversed(marks):
        head, tail = paragraphs[k][:at].rstrip(), paragraphs[k][at:].strip()
        answer = ((tail,) if tail else ()) + paragraphs[k + 1:]
        rest = " ".join(answer)
        least = RUN_ON_ASKING_WORDS if asks_on else RUN_ON_INLINE_WORDS if tail else RUN_ON_WORDS
        asks_on = asks_on or not tail
        words = len(rest.split(maxsplit=max(least, HAND_OVER_WORDS)))
        if not answer or rest.startswith(("(", "[")) or _GOES_ON.match(rest) or words < least or (
            words < HAND_OVER_WORDS and gives_floor(rest)
        ) or (tail and not _OPENS_ANSWER.match(tail)):
            continue
        return (*paragraphs[:k], head), answer
    if not marks:
        return _unmarked_run_on(paragraphs)
    return paragraphs, ()


def _unmarked_run_on(paragraphs: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Where the scan lost the question mark too ("… by those members. / Well, like so much
    of their contribution …"): the answer starts at the first line that opens as answers do,
    after a line that ends a sentence, when what follows is as long as RUN_ON_INLINE_WORDS."""
    for k in range(1, len(paragraphs)):
        if not re.search(r"[.!][\"'”’)]*$", paragraphs[k - 1]) or not _OPENS_ANSWER.match(paragraphs[k]):
            continue
        if len(" ".join(paragraphs[k:]).split(maxsplit=RUN_ON_INLINE_WORDS)) >= RUN_ON_INLINE_WORDS:
            return paragraphs[:k], paragraphs[k:]
    return paragraphs, ()


def _answerer(turns: Sequence[Turn], index: int, principals: Sequence[Turn]) -> Turn:
    """A turn of the principal who answers the question at `index`: the one it opens by
    addressing ("John, how many …"), else the one who last answered, else the first to
    answer after it."""
    addressed = _ADDRESSED.match(turns[index].text)
    if addressed:
        word = addressed.group(1)
        for turn in principals:
            if turn.speaker.person and word in re.findall(r"[\w'’-]+", turn.speaker.person.name):
                return turn
    earlier = [t for t in turns[:index] if t.speaker.role is Role.PRINCIPAL]
    return earlier[-1] if earlier else principals[0]


def _label(turn: Turn) -> str:
    return turn.labels[0] if turn.labels else turn.speaker.role.value


def _name(turn: Turn) -> str:
    return turn.speaker.person.name if turn.speaker.person else _label(turn)
