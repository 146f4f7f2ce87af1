"""The words that give the floor, shared by `cast` (who is who) and `askers` (who asks).

"We'll go to Reuters", "Next question", "Go ahead, Peter.", "Ms. Mitchell, your line is
open": patterns and predicates on what a turn says, no state.
"""

from __future__ import annotations

import re

from collections.abc import Iterable, Sequence

from . import titles
from .model import Role, Turn
from .resolve import handed_to, looks_like_outlet

FLOOR_WORDS = 60  # a turn giving the floor is no longer than this
ANSWER_WORDS = 12  # a turn after a journalist's this long answers; shorter ones may only give the floor


def asks(text: str) -> bool:
    """A question mark outside brackets: "[Magsukul?]" is the transcriber's doubt, not a question."""
    return "?" in re.sub(r"\[[^\]]*\]", "", text)


# What gives the floor, besides naming the next journalist: "Next question", "Go ahead",
# "your line is open", "we'll take questions", "Operator, …".
GIVES_FLOOR = re.compile(
    r"\b(?:(?<!your )(?:first|next|last|final|one more|another|a few more|two more)\s+(?:question|one|caller)s?|any\s+(?:other|more|further)\s+questions|any(?:body|one)\s+else\b|"
    r"go\s+ahead|(?:your\s+)?line\s+is\s+(?:now\s+)?open|line\s+of|(?:i|we)(?:'|’)?(?:ll| will)\s+go\s+(?:back\s+|now\s+)?to|"
    r"(?:take|taking|open\s+(?:it\s+)?up\s+(?:to|for)|turn\s+(?:it\s+)?(?:over\s+)?to)\s+(?:your\s+|some\s+|a\s+few\s+)?questions?|"
    r"question\s+(?:comes\s+)?from|press\s+(?:star|\*)?\s*(?:1|one)|queue|floor\s+(?:is\s+)?(?:now\s+)?open|"
    r"we(?:'|’)?ll\s+(?:go|move|turn|start|take)|let(?:'|’)?s\s+(?:go|move|take|turn)|please\s+go\s+ahead)\b",
    re.I,
)


def gives_floor(text: str) -> bool:
    """Whether a short turn gives the floor: "We'll go to Reuters", "Next question.",
    "Ms. Mitchell, your line is open.", "Go ahead, Shaun."."""
    if len(text.split(maxsplit=FLOOR_WORDS + 1)) > FLOOR_WORDS:
        return False
    return bool(GIVES_FLOOR.search(text)) or handed_to(text, looks_like_outlet) != (None, None)


# "Okay. Sure.", "Please.", "Yeah, go.": the floor given to one who asked for it ("Follow-up on Afghanistan.").
ACK = re.compile(r"(?:(?:okay|ok|sure|yes|yeah|please|go|all right|of course|absolutely)[.,!]?\s*){1,3}", re.I)


# Passing a question to a colleague: "I'll turn it over to Assistant Secretary Phee on your second.",
# "I'm going to defer to the deputy secretary on the …", "Let me ask Carole to take that."
ROUTES = re.compile(r"\bdefer\s+to\b|\b(?:turn|hand|pass)\s+(?:it|that|this)\s+(?:over\s+|back\s+)?to\b"
                    r"|\blet me (?:ask|bring in|turn to)\b", re.I)


# "Thank you, Maxine.", "Okay, thanks.", "Sorry about that.", "Thank you very much, Coordinator Smith.
# Appreciate it.": words that answer nothing.
_THANKS = re.compile(r"(?:(?:okay|ok|all right|great|good|yes|yeah|sorry),?\s*)?(?:thanks?(?: you)?|thank you(?: very much| all| so much)?"
                     r"|sorry(?: about that)?|excuse me|(?:I|we) (?:really )?appreciate (?:it|that|you(?: all)?)|appreciate (?:it|that))"
                     r"(?:,?\s+[A-Z][\w'’.-]+){0,3}[.!]?", re.I)


def acknowledges(sentence: str) -> bool:
    """"Okay.", "Thank you, Maxine.", "Sorry about that.": a sentence that answers nothing."""
    return bool(ACK.fullmatch(sentence) or _THANKS.fullmatch(sentence))


# "Mr.", "Ms", "Dr.", "Senator" before a surname.
HONORIFIC = re.compile(r"^(?:(?:mr|ms|mrs|dr|prof|sir|dame|senator|sen|rep)\.?\s+)+", re.I)


# "Go ahead, Peter.", "Yes, Paul.", "Kristen, go ahead.", "Dennis?", "With that, Colleen, welcome.",
# "— J.J." (after crosstalk): the principal calls on someone.
CALLS_ON = re.compile(
    r"[—–-]?\s*(?:(?i:yes|yeah|okay|ok|sure|please|all right|alright|and|then|so|with that|g['’]day|hey|morning)[,.]?\s+)*(?i:go ahead|you)?,?\s*"
    r"(?:(?P<name>(?:[A-Z][a-z'’-]+|(?:[A-Z]\.){2,3}(?![A-Za-z]))(?:\s+[A-Z][a-z'’-]+)?)(?:,?\s*(?:go ahead|please|yes|welcome|in the back|in the front))?\s*[.!]?"
    r"|(?P<asked>[A-Z][a-z'’-]+)\?)",
)


# Words that stand where a name would ("Thanks.", "Local.", "Empezamos.") and name no one.
NOT_NAMES = frozenset(
    """thank thanks yes yeah okay ok sure please next great good right sorry go all and so well no absolutely
    exactly correct nothing hello hi welcome look last final one two sir ma'am maam guys everyone everybody
    folks yep nope alright hey then what who why how where when let i you we they he she it that this there here
    question questions anybody anyone somebody someone again wait hold hang fine cool perfect mm-hm mm-hmm
    uh-huh senator congressman congresswoman madam mister president secretary minister governor mayor
    ambassador general admiral chairman chair doctor local nacional adelante bueno gracias empezamos vamos
    ahora aquí allá atrás señor señora merci oui voilà done period anyway none enough indeed precisely
    certainly definitely totally agreed understood dito diyan doon ha po opo oo sige ayan yan ito""".split()
)


def last_sentence(text: str) -> str:
    """"Go ahead, Peter." of "We will see. Go ahead, Peter."."""
    parts = re.split(r"(?<=[.!?])\s+", text.strip())
    return parts[-1] if parts else ""


_VOCATIVE = re.compile(r"^\W*([^,.?!]{1,40}),")  # "Prime Minister, on immigration …": someone addressed


def addresses(text: str, names: Iterable[str]) -> bool:
    """Whether a turn opens by addressing someone ("Prime Minister, …", "Mr Hawke, …",
    "Karine, …", one of `names`), as a journalist's question does and an answer seldom does."""
    opening = _VOCATIVE.match(text)
    words = opening.group(1) if opening and len(opening.group(1).split()) <= 4 else " ".join(text.split()[:3])
    if titles.title_words(words) or HONORIFIC.match(words.strip() + " "):
        return True
    return bool(opening) and bool(set(names) & set(words.split()))


def principal_names(turns: Sequence[Turn]) -> set[str]:
    """The words of the principals' names: "Karine", "Jean-Pierre"."""
    return {w for t in turns if t.speaker.role is Role.PRINCIPAL and t.speaker.person
            for w in re.findall(r"[\w'’-]+", t.speaker.person.name) if w[:1].isupper()}
