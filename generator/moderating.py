"""Turns that moderate, whoever speaks them: what `cast` makes of a principal's turn that
answers nothing.

A spokesperson who answers most questions also gives the floor ("Next question, please.",
"Matt."), passes a question to a colleague ("Let me ask Carole to take that.", "think we'd
defer to you to address this first"), declines to add to a colleague's answer ("No, that's
it. Thank you.") or thanks them by name ("Thank you very much, Coordinator Smith."). Such a
turn stays in its exchange, as a moderator's: it is no answer on the principal's page.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .floor import ACK, ANSWER_WORDS, CALLS_ON, GIVES_FLOOR, ROUTES, acknowledges, asks
from .model import Role, Turn

BID_WORDS = 6
CALL_TURN = 3  # words: "Matt.", "Yes, Said.", "Please."


def _bid(text: str) -> bool:
    """A journalist's few words that ask for the floor, not a question: "Follow-up on Afghanistan."."""
    return "?" not in text and len(text.split(maxsplit=BID_WORDS)) <= BID_WORDS


ASIDE_WORDS = 6  # words besides the hand-over: "Yes, we can hear you, Ted." before "Go ahead." is no answer


def _only_gives_floor(text: str, after_question: bool = False) -> bool:
    """"Next question, please.", "Yes, we can hear you. Go ahead.": a turn that says nothing
    but that. Right after a journalist's question, a short sentence before the hand-over
    that is more than a thank-you answers it: "I would not. Go ahead."."""
    if len(text.split(maxsplit=ANSWER_WORDS)) >= ANSWER_WORDS or not GIVES_FLOOR.search(text):
        return False
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    aside = [s for s in sentences if not GIVES_FLOOR.search(s)]
    if after_question and not all(acknowledges(s) for s in aside):
        return False
    last = sentences[-1]  # "Any other questions? Shaun.": the floor given, then the one it goes to
    return sum(len(s.split()) for s in aside) <= ASIDE_WORDS and bool(GIVES_FLOOR.search(last) or len(sentences) > 1 and CALLS_ON.fullmatch(last))


def _asked(turn: Turn) -> bool:
    """A journalist's question, not a bid for the floor ("Can you hear me?")."""
    return (turn.speaker.role is Role.QUESTIONER and asks(turn.text)
            and len(turn.text.split(maxsplit=BID_WORDS)) > BID_WORDS and not re.search(r"\bhear (?:me|us)\b", turn.text, re.I))


ROUTING_WORDS = 25  # a principal's turn this short that names the colleague who speaks next passes the question on


def routed(turns: tuple[Turn, ...]) -> tuple[Turn, ...]:
    """A principal's short turn that only gives the floor ("Next question, please.") or passes
    the question to the colleague who speaks next ("Let me ask Carole to take that.", "Dr.
    Walensky, anything to add?") is that turn's moderating, not an answer."""
    out = list(turns)
    for i, turn in enumerate(turns):
        bid = i > 0 and turns[i - 1].speaker.role is Role.QUESTIONER and _bid(turns[i - 1].text)
        # "MR PRICE: Matt." after another's answer, before the next journalist: a call, no answer
        called = (0 < i < len(turns) - 1 and (turns[i - 1].speaker.role is not Role.QUESTIONER or _bid(turns[i - 1].text))
                  and turns[i + 1].speaker.role is Role.QUESTIONER and len(turn.text.split(maxsplit=CALL_TURN)) <= CALL_TURN)
        if turn.speaker.role is Role.PRINCIPAL and (_only_gives_floor(turn.text, i > 0 and _asked(turns[i - 1])) or (bid or called) and ACK.fullmatch(turn.text.strip())
                                                    or called and CALLS_ON.fullmatch(turn.text.strip())):
            out[i] = replace(turn, speaker=replace(turn.speaker, role=Role.MODERATOR))  # "Next question, please."
    for i, (turn, after) in enumerate(zip(turns, turns[1:])):
        if turn.speaker.role is Role.PRINCIPAL and i > 0 and _thanks_by_name(turn, turns[i - 1]):
            out[i] = replace(turn, speaker=replace(turn.speaker, role=Role.MODERATOR))  # "Thank you very much, Coordinator Smith."
            continue
        if turn.speaker.role is Role.PRINCIPAL and i > 0 and turns[i - 1].speaker.role is Role.PRINCIPAL and _declines(turn.text):
            out[i] = replace(turn, speaker=replace(turn.speaker, role=Role.MODERATOR))  # "No, that's it. Thank you."
            continue
        if turn.speaker.role is not Role.PRINCIPAL or after.speaker.role is not Role.PRINCIPAL:
            continue
        if after.speaker.person is None or after.speaker.person == turn.speaker.person:
            continue
        if len(turn.text.split(maxsplit=DEFERRING_WORDS)) > DEFERRING_WORDS:
            continue
        first = re.split(r"(?<=[.!?])\s+", turn.text.strip(), maxsplit=1)[0]
        words = {w for w in re.findall(r"[\w'’-]+", after.speaker.person.name) if w[:1].isupper() and len(w) > 2}
        words -= {"Mr", "Ms", "Mrs", "Dr", "Acting", "Administrator", "Secretary", "Minister", "President"}
        short = len(turn.text.split(maxsplit=ROUTING_WORDS)) <= ROUTING_WORDS
        if short and any(re.search(rf"\b{re.escape(w)}\b", turn.text) for w in words) or ROUTES.search(first):
            out[i] = replace(turn, speaker=replace(turn.speaker, role=Role.MODERATOR))
    return tuple(out)


DEFERRING_WORDS = 45  # a principal's turn this short that opens by deferring to colleagues passes the question on
# "No, that's it. Thank you.", "Nothing to add.", "Nothing further from me."
_DECLINE = re.compile(r"(?:no[,.]?\s*)?(?:that['’]s (?:it|all)|nothing (?:to add|further|more|else)(?: from me)?|"
                      r"i (?:have|['’]ve got) nothing (?:to add|further|more)|(?:i['’]m|i am) good)[.!]?", re.I)


def _thanks_by_name(turn: Turn, before: Turn) -> bool:
    """"Thank you very much, Coordinator Smith. Appreciate it.": a principal's thanks, by name,
    to the colleague who has just answered, which answers nothing."""
    if before.speaker.role is not Role.PRINCIPAL or before.speaker.person in (None, turn.speaker.person):
        return False
    sentences = re.split(r"(?<=[.!?])\s+", turn.text.strip())
    surname = before.speaker.person.name.split()[-1]
    return (len(turn.text.split(maxsplit=ANSWER_WORDS)) < ANSWER_WORDS and all(acknowledges(s) for s in sentences)
            and re.search(rf"\b{re.escape(surname)}\b", turn.text) is not None)


def _declines(text: str) -> bool:
    """A colleague's few words that add nothing: "No, that's it. Thank you."."""
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    return len(text.split(maxsplit=ANSWER_WORDS)) < ANSWER_WORDS and bool(_DECLINE.fullmatch(sentences[0])) \
        and all(_DECLINE.fullmatch(s) or acknowledges(s) for s in sentences)
