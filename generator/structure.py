"""Stage 5, `structure`: resolved turns to an opening statement, exchanges and a close.

A journalist's turn opens an exchange; a principal's turns after it answer it. A
moderator's turn gives the floor: it is the lead-in of the next exchange, never a
question. Before the first question, principals (and moderators between them) make the
opening statement. Once a question has been answered, a few words from a principal
after a moderator and right before a journalist greet the journalist ("Hello. Good
morning."): that turn is a lead-in too, and answers nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .model import Exchange, Role, Turn

GREETING_WORDS = 25  # a principal's turn this short, between hand-over and question, greets


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


def structure(turns: Sequence[Turn]) -> Structure:
    opening: list[Turn] = []
    exchanges: list[Exchange] = []
    pending: list[Turn] = []  # lead-in turns waiting for the next question
    current: _Open | None = None

    def close() -> None:
        if current is not None:
            number = len(exchanges) + 1
            exchanges.append(Exchange(number, current.question, tuple(current.replies), tuple(current.lead_in)))

    for index, turn in enumerate(turns):
        role = turn.speaker.role
        if role is Role.QUESTIONER:
            close()
            current, pending = _Open(turn, pending), []
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
    close()
    return Structure(tuple(opening), tuple(exchanges), tuple(pending))


def _greets(current: _Open, turn: Turn, next_role: Role | None) -> bool:
    answered = any(reply.speaker.role is Role.PRINCIPAL for reply in current.replies)
    return answered and next_role is Role.QUESTIONER and len(turn.text.split()) <= GREETING_WORDS


def _next_role(turns: Sequence[Turn], index: int) -> Role | None:
    return turns[index + 1].speaker.role if index + 1 < len(turns) else None
