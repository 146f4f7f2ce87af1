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

from .floor import addresses, gives_floor, principal_names
from .model import Role, Turn

RUN_ON_WORDS = 12  # words after a question's last paragraph in an unanswered turn: an answer run on
HAND_OVER_WORDS = 25  # what follows a question this short, giving the floor, is a moderator's hand-over, no answer
MISLABELLED_WORDS = 30  # a journalist's turn this long with no question mark, after an unanswered question: the answer
_ENDS_ASKING = re.compile(r"\?[\s\"'”’)\]]*$")
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
    for i, turn in enumerate(turns):
        if turn.speaker.role is not Role.QUESTIONER or turn.interpreted or _answered(turns, i):
            out.append(turn)
            continue
        if _mislabelled(turns, i, out):
            answerer = _answerer(turns, i - 1, principals)
            out.append(replace(turn, speaker=answerer.speaker))
            warnings.append((turn.line, f"the turn labelled '{_label(turn)}' reads as the answer to the question before "
                                        f"it: given to '{_name(answerer)}'; if it is not, give the line its label"))
            continue
        split = _run_on(turn)
        out.append(replace(turn, paragraphs=turn.paragraphs[:split]) if split else turn)
        if split:
            answerer = _answerer(turns, i, principals)
            out.append(Turn(answerer.speaker, turn.paragraphs[split:], turn.line))
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


def _run_on(turn: Turn) -> int:
    """Where an answer starts that runs on under a journalist's label: after the turn's last
    paragraph ending with a question mark, when what follows asks nothing and is long
    enough to answer. 0: nowhere."""
    asking = [k for k, paragraph in enumerate(turn.paragraphs) if _ENDS_ASKING.search(paragraph)]
    if not asking or asking[-1] == len(turn.paragraphs) - 1:
        return 0
    rest = " ".join(turn.paragraphs[asking[-1] + 1:])
    words = len(rest.split(maxsplit=HAND_OVER_WORDS))
    if rest.lstrip().startswith(("(", "[")) or _GOES_ON.match(rest) or words < RUN_ON_WORDS or (
        words < HAND_OVER_WORDS and gives_floor(rest)
    ):
        return 0
    return asking[-1] + 1


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
