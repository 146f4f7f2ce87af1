"""Stage 5, `structure`: resolved turns to an opening statement, exchanges and a close.

A journalist's turn opens an exchange; a principal's turns after it answer it. A
moderator's turn gives the floor: it is the lead-in of the next exchange, never a
question. Before the first question, principals (and moderators between them) make the
opening statement. Once a question has been answered, a few words from a principal
after a moderator and right before a journalist greet the journalist ("Hello. Good
morning."): that turn is a lead-in too, and answers nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .floor import gives_floor, last_sentence
from .model import Exchange, Role, Turn

GREETING_WORDS = 25  # a principal's turn this short, between hand-over and question, greets
# "Follow-up:", "A quick follow-up, please", "Just to follow up on that": the journalist goes on.
_FOLLOWS_UP = re.compile(r"(?:\W*\w+\W+){0,3}?(?:a\s+|my\s+|one\s+|quick\s+|short\s+)*(?:follow[- ]?up|relance)\b", re.I)
CLOSING_WORDS = 12  # a principal's last turn this short, thanking, closes the event
_THANKS = re.compile(r"\bthank|\bmerci\b", re.I)

# Who asks a question: the question, the turns that led in to it, the turn before them
# (and whether it stands apart, after another's answer), and the one after the question
# give the named question (`askers.Askers`).
Namer = Callable[[Turn, Sequence[Turn], "Turn | None", "Turn | None", bool], Turn]


def _as_labelled(question: Turn, lead_in: Sequence[Turn], before: Turn | None, after: Turn | None, calls: bool) -> Turn:
    return question


@dataclass(frozen=True)
class Structure:
    opening: tuple[Turn, ...]
    exchanges: tuple[Exchange, ...]
    closing: tuple[Turn, ...]


@dataclass
class _Open:
    """The exchange being read: its question, what came after, what led in."""

    question: Turn
    lead_in: list[Turn]
    replies: list[Turn] = field(default_factory=list)


def structure(turns: Sequence[Turn], name: Namer = _as_labelled) -> Structure:
    """Group `turns`; `name` says who asks each question where the label leaves it out."""
    opening: list[Turn] = []
    exchanges: list[Exchange] = []
    pending: list[Turn] = []  # lead-in turns waiting for the next question
    current: _Open | None = None

    def close() -> None:
        if current is not None:
            number = len(exchanges) + 1
            previous = exchanges[-1] if exchanges else None
            follows = previous.number if previous and _follows_up(previous, current) else None
            exchanges.append(
                Exchange(number, current.question, tuple(current.replies), tuple(current.lead_in), follows)
            )

    for index, turn in enumerate(turns):
        role = turn.speaker.role
        if role is Role.QUESTIONER and current is not None and turn.interpreted:
            current.replies.append(turn)  # the interpreter's rendering of the question, not a new one
        elif role is Role.QUESTIONER and current is not None and not _answered(current) and _cuts_in(turn):
            current.replies.append(turn)  # "Does that mean —" over a question not yet answered: the answer is to both
        elif role is Role.QUESTIONER and _interjects(turn, _next_role(turns, index), current is None):
            # "Thank you.", "On the —": no question of its own, in its place among the turns
            (pending if pending else current.replies if current is not None else opening).append(turn)
        elif role is Role.QUESTIONER and (_SOUND_CHECK.search(turn.text) and len(turn.text.split(maxsplit=INTERJECTION_WORDS)) <= INTERJECTION_WORDS
                                          or _bids(turn, _next_role(turns, index), _next_role(turns, index + 1))
                                          or _passed_over(turn, turns, index)):
            # "Jen?" before "Go ahead.": asking for the floor, it leads in to the question; so do
            # "Karine?", "To the back?" that no one answers before the next journalist speaks
            pending.append(turn)
        elif role is Role.QUESTIONER:
            close()
            before = _before(turns, index - len(pending))
            after = turns[index + 1] if index + 1 < len(turns) else None
            # "MR PRICE: Said." after another's answer: a turn of its own that calls on the next journalist
            calls = before is not None and (
                current is not None and len(current.replies) >= 2 and before is current.replies[-1]
                or current is None and len(opening) >= 2 and before is opening[-1]
            )
            current, pending = _Open(name(turn, pending, before, after, calls), pending), []
        elif role is Role.MODERATOR:
            pending.append(turn)
        elif current is None:
            # Before any question, principals make the opening statements, and what a
            # moderator said between them belongs there too.
            opening.extend(pending)
            opening.append(turn)
            pending = []
        elif pending and _greets(current, turn, _next_role(turns, index)):
            pending.append(turn)
        else:
            current.replies.extend(pending)
            current.replies.append(turn)
            pending = []
    if current is not None and not pending and _thanks_all(current):
        pending = [current.replies.pop()]
    close()
    return Structure(tuple(opening), tuple(exchanges), tuple(pending))


GREETING_NOISE = 3  # words: a journalist's turn before any question this short is small talk
INTERJECTION_WORDS = 12  # a journalist's turn this short that nobody answers asks nothing of its own
_BROKEN_OFF = re.compile(r".*[—–-]\s*[)\]]?$|.*(?:\.\.\.|…)$", re.S)


def _interjects(turn: Turn, next_role: Role | None, first: bool = False) -> bool:
    """A journalist's turn that no one answers, since another journalist's turn (or the
    end) comes next, and that is short or broken off: thanks, crosstalk, a false start."""
    if next_role not in (Role.QUESTIONER, None):
        return False
    if first:  # before any question, only a word or two ("Good.", "Great.") is small talk
        return len(turn.text.split(maxsplit=GREETING_NOISE)) <= GREETING_NOISE and "?" not in turn.text
    return _no_question(turn.text.strip())


def _no_question(text: str) -> bool:
    """Few words and no question mark, or broken off: "Thank you.", "— for disabled journalists.", "On the —"."""
    short = len(text.split(maxsplit=INTERJECTION_WORDS)) <= INTERJECTION_WORDS
    return short and ("?" not in text or text[:1] in "—–-") or bool(_BROKEN_OFF.fullmatch(text))


# "Hi, can you hear me okay?": a line checked, no question asked.
_SOUND_CHECK = re.compile(r"\bcan (?:you|everyone|everybody|you all) hear me\b|\bam I (?:on|unmuted|audible)\b", re.I)
BID_WORDS = 25  # "Jen?", "Hello, can you hear me?": a journalist's turn this short that is given the floor bid for it


def _bids(turn: Turn, next_role: Role | None, then: Role | None) -> bool:
    """A journalist's few words that the next turn answers by giving the floor ("Go ahead.",
    "Yes, we can hear you, Ted. Go ahead."), not by answering."""
    text = turn.text.strip()
    if next_role is not Role.MODERATOR or then is not Role.QUESTIONER:
        return False  # "Secretary General, over to you." gives the question to the principal
    return (len(text.split(maxsplit=BID_WORDS)) <= BID_WORDS or _no_question(text))


ASIDE_WORDS = 25  # a journalist's turn this short that no one answers before the next journalist's is crosstalk


def _passed_over(turn: Turn, turns: Sequence[Turn], index: int) -> bool:
    """A journalist's turn that no principal answers before the next journalist speaks (or
    the event ends, for one that asks nothing or says goodbye), and that is short ("Karine?", "Why not?",
    "To the back?") or a host's hand-over under a journalist's label ("our next question
    comes from Austin Richey-Allen"): it leads in to the next question, asking none of its own."""
    for later in turns[index + 1:]:
        if later.speaker.role is Role.PRINCIPAL:
            return False
        if later.speaker.role is Role.QUESTIONER and not later.interpreted and not _cuts_in(later):
            break
    else:  # the event ends: the interviewer's goodbye closes it; a last question left unanswered stays one
        return "?" not in turn.text or bool(_SIGNS_OFF.search(last_sentence(turn.text)))
    if not any(later.speaker.role is Role.PRINCIPAL for later in turns[index + 1:]):
        return False  # no one answers any question from here on: each is a question of its own
    text = turn.text
    if "?" not in text and gives_floor(text):
        return True
    return len(text.split(maxsplit=ASIDE_WORDS)) <= ASIDE_WORDS and not _put_to_the_principal(text)


def _put_to_the_principal(text: str) -> bool:
    """A question put to the principal by name or office, with words of its own besides the
    name: "Ms. Karine?" alone bids for the floor."""
    named = _TO_THE_PRINCIPAL.search(text)
    return named is not None and len((text[: named.start()] + text[named.end():]).split(maxsplit=2)) >= 2


# "Are you saying, Mr Whitlam, that he misled you?", "Prime Minister, …?": a question put to
# the principal by name or office, which stays a question when it goes unanswered.
_TO_THE_PRINCIPAL = re.compile(
    r"(?:^|,)\s*(?:(?:Mr|Ms|Mrs|Dr|Madam|Mister)\.?\s+[A-Z][\w'’-]+|Prime Minister|(?:Mr\.?|Madam) President|Minister|"
    r"(?:Mr\.?|Madam) Secretary|Secretary|Senator|Sir)\s*[,?]"
)


# "Antony Blinken, Secretary of State, thank you so much for joining us.": an interviewer's goodbye
_SIGNS_OFF = re.compile(r"\bthank|\bout of time\b|\bleave it there\b|\bmerci\b|\bgracias\b", re.I)


def _cuts_in(turn: Turn) -> bool:
    """"Does that mean —": a few words broken off, over a question not yet answered."""
    return len(turn.text.split(maxsplit=INTERJECTION_WORDS)) <= INTERJECTION_WORDS and bool(_BROKEN_OFF.fullmatch(turn.text.strip()))


def _answered(current: _Open) -> bool:
    return any(reply.speaker.role is Role.PRINCIPAL for reply in current.replies)


def _before(turns: Sequence[Turn], index: int) -> Turn | None:
    """The turn before a question's lead-in: a principal's answer ending "Go ahead, Paul."."""
    return turns[index - 1] if index > 0 else None


def _follows_up(previous: Exchange, current: _Open) -> bool:
    """A journalist's turn right after the answer to their own question, or one that says
    it follows up, with no one given the floor in between but them."""
    asker, before = current.question.speaker.person, previous.question.speaker.person
    handed = any(t.speaker.role is Role.MODERATOR for t in current.lead_in)
    if asker is not None and asker == before and not handed:
        return True
    said = [current.question.text, *(t.text for t in current.lead_in if t.speaker.role is Role.MODERATOR)]
    announced = any(_FOLLOWS_UP.match(text) for text in said)  # "Follow-up:", "Thanks. A quick follow-up"
    return announced and (asker is None or asker == before or before is None)


def _thanks_all(current: _Open) -> bool:
    """The last words of the event are a principal's short thanks after someone else's
    answer ("Thanks very much, everyone."): they close the event, they answer nothing."""
    *before, last = current.replies or [None]
    return (
        last is not None
        and last.speaker.role is Role.PRINCIPAL
        and len(last.text.split(maxsplit=CLOSING_WORDS)) <= CLOSING_WORDS
        and bool(_THANKS.search(last.text))
        and any(t.speaker.role is Role.PRINCIPAL and t.speaker != last.speaker for t in before)
    )


def _greets(current: _Open, turn: Turn, next_role: Role | None) -> bool:
    return _answered(current) and next_role is Role.QUESTIONER and len(turn.text.split(maxsplit=GREETING_WORDS)) <= GREETING_WORDS


def _next_role(turns: Sequence[Turn], index: int) -> Role | None:
    return turns[index + 1].speaker.role if index + 1 < len(turns) else None
