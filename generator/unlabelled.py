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

from .floor import acknowledges, addresses, gives_floor, principal_names
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
    skip: set[int] = set()
    for i, turn in enumerate(turns):
        if i in skip:
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
        if i + 1 < len(turns) and _asks_in_full(turn) and (said := _moderator_answers(turns[i + 1])):
            out.append(turn)  # "Q … send us all a list?" / "MODERATOR: Yep, we will have that to you all today."
            answer, rest = said
            moderator = turns[i + 1]
            skip.add(i + 1)
            out.append(replace(moderator, speaker=replace(moderator.speaker, role=Role.PRINCIPAL), paragraphs=answer))
            if rest:
                out.append(replace(moderator, paragraphs=rest))
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
_MANAGES = re.compile(r"\b(?:come back|move (?:on|around)|out of time|no more time|time for|repl(?:y|ies)|answers?|respond|listen)\b", re.I)


def _moderator_answers(turn: Turn) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """What a moderator says to a question no one else answers, before giving the floor:
    its answer and the hand-over after it ("Yep, we will have that to you all today." /
    "Okay, our next question will come from Rachel."). None where it only gives the floor,
    thanks, apologises or asks ("Sorry, could you repeat your question?")."""
    if turn.speaker.role is not Role.MODERATOR:
        return None
    answer: list[str] = []
    rest = list(turn.paragraphs)
    while rest:
        sentences = re.split(r"(?<=[.!?])\s+", rest[0].strip())
        handing = next((k for k, sentence in enumerate(sentences) if gives_floor(sentence)), None)
        if handing is None:
            answer.append(rest.pop(0))
            continue
        if handing:
            answer.append(" ".join(sentences[:handing]))
        rest[0] = " ".join(sentences[handing:])
        break
    said = [s for paragraph in answer for s in re.split(r"(?<=[.!?])\s+", paragraph.strip()) if not acknowledges(s)]
    text = " ".join(said)
    if "?" in text or len(text.split(maxsplit=MODERATOR_ANSWER_WORDS)) < MODERATOR_ANSWER_WORDS or _SOUND_CHECK.search(text) or _MANAGES.search(text):
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
