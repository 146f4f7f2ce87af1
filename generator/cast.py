"""Stage 4, `cast`: who is who in one transcript, decided over all of its turns at once.

`parse` reads each label on its own shape. Here the transcript is looked at whole, in
order: who the title and subtitle say it is by; which speakers keep giving the floor
(short turns naming a journalist or an outlet, "We'll go to…", "Next question", "your
line is open": moderators, operators, a spokesperson chairing, whatever their label) and
which answer the journalists (principals); in a transcript with no question keyword,
which names ask and which answer; which labels are one person (a full titled label, then
a short one; a label misspelt). `cast` returns the resolved turns with the warnings of
what it could not place.

Then, exchange by exchange, `Askers` names the journalist: from the label, from their own
introduction ("Hi, this is … with …"), from the moderator's hand-over before it, from the
principal calling on them ("Yes, Paul."), or from the title of an interview.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process

from . import labels
from .model import Exchange, Label, LabelledTurn, Outlet, Person, Role, Speaker, Turn
from .registry import key, make_id
from .resolve import Resolver, handed_to

ANSWER_WORDS = 12  # a turn after a journalist's this long answers; shorter ones may only give the floor
FLOOR_WORDS = 60  # a turn giving the floor is no longer than this
# What gives the floor, besides naming the next journalist: "Next question", "Go ahead",
# "your line is open", "we'll take questions", "Operator, …".
_GIVES_FLOOR = re.compile(
    r"\b(?:(?:first|next|last|final|one more|another|a few more|two more)\s+(?:question|one|caller)s?|"
    r"go\s+ahead|(?:your\s+)?line\s+is\s+(?:now\s+)?open|line\s+of|(?:i|we)(?:'|’)?(?:ll| will)\s+go\s+(?:back\s+|now\s+)?to|"
    r"(?:take|taking|open\s+(?:it\s+)?up\s+(?:to|for)|turn\s+(?:it\s+)?(?:over\s+)?to)\s+(?:your\s+|some\s+|a\s+few\s+)?questions?|"
    r"question\s+(?:comes\s+)?from|press\s+(?:star|\*)?\s*(?:1|one)|queue|floor\s+(?:is\s+)?(?:now\s+)?open|"
    r"we(?:'|’)?ll\s+(?:go|move|turn|start|take)|let(?:'|’)?s\s+(?:go|move|take|turn)|please\s+go\s+ahead)\b",
    re.I,
)
ASKS_SHARE = 3  # a name that asks in one turn of this many, answered by a principal, is a journalist's
ASKER_TURNS = 3  # a name that asks in no more turns than this, answering none, is a journalist's
MISSPELT = 88  # rapidfuzz ratio from which a rare label is a misspelling of a frequent one
QUESTION_KEYWORDS = ("QUESTION", "JOURNALIST", "REPORTER", "QUESTIONER")


@dataclass(frozen=True)
class Cast:
    turns: tuple[Turn, ...]
    warnings: tuple[tuple[int, str], ...] = ()


@dataclass
class _Stats:
    """How a label's turns stand in the transcript."""

    turns: int = 0
    words: int = 0
    answers: int = 0  # turns right after a journalist's, long enough to answer
    gives: int = 0  # short turns that give the floor
    asks: int = 0  # turns with a question mark
    before_questions: int = 0  # words said before the first journalist's turn
    lines: list[int] = field(default_factory=list)


def cast(turns: Sequence[LabelledTurn], resolver: Resolver) -> Cast:
    """The turns resolved to speakers, with each label's role decided over the whole
    transcript, and what the editor should check."""
    warnings: list[tuple[int, str]] = []
    written = [t.label.text if t.label else None for t in turns]  # as the text writes them, misspelt or not
    turns = _spelled(turns, warnings)
    roles = _roles(turns, resolver, warnings)
    people = _people(turns, roles, resolver, warnings)
    return Cast(_routed(_resolved(turns, written, roles, people, resolver)), tuple(warnings))


def _spelled(turns: Sequence[LabelledTurn], warnings: list) -> list[LabelledTurn]:
    """Labels that misspell a question keyword ("JOUTRNALIST") read as it, and a rare label
    that misspells a frequent one ("Acting Adminstrator Slavitt") as that one."""
    counts = Counter(t.label.text for t in turns if t.label)
    frequent = [text for text, n in counts.items() if n >= 2]
    fixed: dict[str, Label] = {}
    for text, n in counts.items():
        label = next(t.label for t in turns if t.label and t.label.text == text)
        if label.role is Role.QUESTIONER:
            continue
        word = text.upper()
        if " " not in word and word not in QUESTION_KEYWORDS and label.title is None:
            near = process.extractOne(word, QUESTION_KEYWORDS, scorer=fuzz.ratio, score_cutoff=MISSPELT - 8)
            if near:
                fixed[text] = Label(near[0], Role.QUESTIONER, "misspelt-keyword", label.confidence)
                continue
        if n <= 2 and len(text) >= 8:
            others = [f for f in frequent if f != text and counts[f] > n]
            near = process.extractOne(text, others, scorer=fuzz.ratio, score_cutoff=MISSPELT) if others else None
            if near:
                fixed[text] = next(t.label for t in turns if t.label and t.label.text == near[0])
    if not fixed:
        return list(turns)
    out = []
    for t in turns:
        if t.label and t.label.text in fixed:
            new = fixed[t.label.text]
            if key(t.label.text) != key(new.text):  # "MR PRICE" for "MR. PRICE" is no misspelling
                warnings.append((t.line, f"the label '{t.label.text}' read as '{new.text}', which it seems to misspell"))
            t = replace(t, label=new)
        out.append(t)
    return out


def _stats(turns: Sequence[LabelledTurn], asking: set[str]) -> dict[str, _Stats]:
    """Each label's turns, counted against the labels now taken to be journalists'."""
    stats: dict[str, _Stats] = {}
    asked = False
    for i, t in enumerate(turns):
        if t.label is None:
            continue
        s = stats.setdefault(t.label.text, _Stats())
        text = " ".join(t.paragraphs)
        words = len(text.split(maxsplit=FLOOR_WORDS + 1))
        s.turns += 1
        s.words += words
        s.lines.append(t.line)
        if t.label.text in asking:
            asked = True
            continue
        before = turns[i - 1].label if i else None
        after = turns[i + 1].label if i + 1 < len(turns) else None
        if "?" in text:
            s.asks += 1
        if not asked:
            s.before_questions += words
        if before is not None and before.text in asking and words >= ANSWER_WORDS and not gives_floor(text):
            s.answers += 1
        elif words <= FLOOR_WORDS and gives_floor(text) and (after is None or after.text in asking or i + 2 < len(turns)):
            s.gives += 1
    return stats


def gives_floor(text: str) -> bool:
    """Whether a short turn gives the floor: "We'll go to Reuters", "Next question.",
    "Ms. Mitchell, your line is open.", "Go ahead, Shaun."."""
    if len(text.split(maxsplit=FLOOR_WORDS + 1)) > FLOOR_WORDS:
        return False
    return bool(_GIVES_FLOOR.search(text)) or handed_to(text, _outlet_shaped) != (None, None)


def _outlet_shaped(words: str) -> bool:
    from .resolve import looks_like_outlet

    return looks_like_outlet(words)


def _roles(turns: Sequence[LabelledTurn], resolver: Resolver, warnings: list) -> dict[str, Role]:
    """Each label's role. A question keyword asks; an interpreter renders; anyone else is
    judged by what their turns do: answering the journalists makes a principal, giving
    the floor and answering nothing a moderator, whatever the label's title says."""
    first = {}
    for t in turns:
        if t.label:
            first.setdefault(t.label.text, t.label)
    asking = {text for text, label in first.items() if label.role is Role.QUESTIONER}
    keyworded = bool(asking)
    asking |= _askers_by_turns(turns, first, resolver)
    stats = _stats(turns, asking)
    roles: dict[str, Role] = {}
    for text, label in first.items():
        s = stats[text]
        if key(text) in resolver.overrides:  # the sidecar says who it is
            roles[text] = resolver.overrides[key(text)].role or label.role or Role.PRINCIPAL
        elif text in asking:
            roles[text] = Role.QUESTIONER
        elif label.role is Role.INTERPRETER:
            roles[text] = Role.INTERPRETER
        elif resolver.is_principal(label):
            roles[text] = Role.MODERATOR if s.gives >= 2 and s.answers == 0 and s.before_questions < 200 and _others_answer(stats, text) else Role.PRINCIPAL
        elif label.role is Role.MODERATOR:
            roles[text] = Role.PRINCIPAL if s.answers >= 2 and s.answers > s.gives else Role.MODERATOR
        elif label.role is Role.PRINCIPAL:
            roles[text] = Role.MODERATOR if s.gives >= 2 and s.answers == 0 and _others_answer(stats, text) else Role.PRINCIPAL
        else:
            roles[text] = _unlabelled_role(label, s, resolver, stats, keyworded, warnings)
            if roles[text] is Role.QUESTIONER and not s.asks:
                warnings.append((s.lines[0], f"'{text}' is not in speakers.yml: read as a journalist's name"))
    return roles


def _others_answer(stats: dict[str, _Stats], text: str) -> bool:
    return any(s.answers for other, s in stats.items() if other != text)


def _unlabelled_role(label: Label, s: _Stats, resolver: Resolver, stats: dict[str, _Stats], keyworded: bool,
                     warnings: list) -> Role:
    """The role of a label that gives a name only ("MR PRICE:", "DR. FAUCI:", "HEWITT:")."""
    registered = resolver.registered_role(label)
    if registered is not None:
        return registered
    if s.gives and not s.answers and s.gives * 3 >= s.turns and _others_answer(stats, label.text):
        return Role.MODERATOR
    if s.answers or s.before_questions >= ANSWER_WORDS:
        return Role.PRINCIPAL
    if s.asks and not s.gives and s.turns <= ASKER_TURNS:
        return Role.QUESTIONER  # a name that speaks once or twice, asking: a journalist
    if not s.asks:
        warnings.append((s.lines[0], f"'{label.text}' is not in speakers.yml, and its turns neither ask nor answer: "
                                     f"read as a speaker of the event; if not, give its role in speakers.yml"))
        return Role.PRINCIPAL
    return Role.PRINCIPAL if keyworded else Role.QUESTIONER


def _askers_by_turns(turns: Sequence[LabelledTurn], first: dict[str, Label], resolver: Resolver) -> set[str]:
    """The names that ask ("HEWITT:", "Lionel Barber:", "Yelena Yeskina:"): labels that give a
    name only, whose turns often hold a question, are mostly answered by a principal (one a
    title, the subtitle or the registry makes so, the same person under a short label, or
    else the one who speaks most) and are shorter than that principal's."""
    candidates = {text for text, label in first.items() if label.role is None and not resolver.is_principal(label)}
    if not candidates:
        return set()
    words: Counter[str] = Counter()
    asks: Counter[str] = Counter()
    count: Counter[str] = Counter()
    for t in turns:
        if t.label:
            text = " ".join(t.paragraphs)
            words[t.label.text] += len(text.split(maxsplit=FLOOR_WORDS * 10))
            count[t.label.text] += 1
            asks[t.label.text] += "?" in text
    answering = {text for text, label in first.items() if label.role is Role.PRINCIPAL or resolver.is_principal(label)}
    titled = {_surname(first[a].name) for a in answering if first[a].name}
    answering |= {c for c in candidates if first[c].name and _surname(first[c].name) in titled - {None}}  # "Vladimir Putin"
    if not answering:
        answering = {max(first, key=lambda text: (words[text], text))}
    answered: Counter[str] = Counter()
    for t, after in zip(turns, turns[1:]):
        if t.label and after.label and after.label.text in answering:
            answered[t.label.text] += 1
    longest = max(words[a] / count[a] for a in answering)
    return {
        text for text in candidates - answering
        if asks[text] * ASKS_SHARE >= count[text] and answered[text] * 2 >= count[text] and words[text] / count[text] < longest
    }


def _people(turns: Sequence[LabelledTurn], roles: dict[str, Role], resolver: Resolver, warnings: list) -> dict[str, Person | None]:
    """The person of each non-journalist label: the registry's or the subtitle's, else one
    person for the labels that share a surname ("MR PRICE", "PRICE", "Ned Price")."""
    people: dict[str, Person | None] = {}
    first = {}
    for t in turns:
        if t.label:
            first.setdefault(t.label.text, t.label)
    for text, label in first.items():
        if roles[text] in (Role.PRINCIPAL, Role.MODERATOR):
            people[text] = resolver.person(label)
    by_surname: dict[str, Person] = {}
    for text, person in sorted(people.items(), key=lambda item: -len(item[1].name if item[1] else "")):
        if person is None:
            continue
        surname = _surname(person.name)
        if surname:
            by_surname.setdefault(surname, person)
    for text, person in people.items():
        if person is not None and (surname := _surname(person.name)) and by_surname.get(surname) not in (None, person):
            if len(person.name.split()) < len(by_surname[surname].name.split()) or resolver.registry.person(person.name) is None:
                people[text] = by_surname[surname]
    return _full_names(people, turns, resolver)


FULL_NAME_TEXT = 200_000  # characters of the transcript searched for a speaker's first name


def _full_names(people: dict[str, Person | None], turns: Sequence[LabelledTurn], resolver: Resolver) -> dict[str, Person | None]:
    """"MS. JOHNSON" is Carole Johnson where the transcript names her so ("She will then
    introduce Carole Johnson, the White House Testing Coordinator"), and no other Johnson."""
    text = "\n".join(p for t in turns for p in t.paragraphs)[:FULL_NAME_TEXT]
    named: dict[Person, Person] = {}
    for person in {p for p in people.values() if p is not None}:
        bare = _HONORIFIC.sub("", person.name).split()
        if len(bare) != 1 or resolver.registry.person(person.name) is not None or not bare[0][:1].isupper():
            continue
        firsts = {m.group(1) for m in re.finditer(rf"\b([A-Z][a-z'’-]+(?:\s+[A-Z]\.)?)\s+{re.escape(bare[0])}\b", text)}
        firsts = {f for f in firsts if f.casefold() not in _NOT_NAMES and not labels.title_words(f) and not _HONORIFIC.match(f + " ")}
        if len(firsts) == 1:
            full = f"{firsts.pop()} {bare[0]}"
            named[person] = Person(make_id(full), full, person.role)
    return {text: named.get(p, p) if p is not None else None for text, p in people.items()}


_HONORIFIC = re.compile(r"^(?:(?:mr|ms|mrs|dr|prof|sir|dame|senator|sen|rep)\.?\s+)+", re.I)


def _surname(name: str) -> str | None:
    words = _HONORIFIC.sub("", name).split()
    if len(words) < 1 or labels.title_words(name):
        return None
    return key(words[-1])


def _resolved(turns: Sequence[LabelledTurn], written_as: Sequence[str | None], roles: dict[str, Role],
              people: dict[str, Person | None], resolver: Resolver) -> tuple[Turn, ...]:
    """Resolved turns; two turns in a row by the same named speaker are one, and an
    interpreter's turn is the words of the speaker before it."""
    resolved: list[Turn] = []
    for t, as_written in zip(turns, written_as):
        written = (as_written,) if as_written else ()
        role = roles.get(t.label.text) if t.label else None
        if role is Role.INTERPRETER:
            rendered = resolved[-1].speaker if resolved else Speaker(Role.PRINCIPAL, resolver.principal())
            resolved.append(Turn(rendered, t.paragraphs, t.line, written, interpreted=True))
            continue
        speaker = resolver.speaker(t.label, role, people.get(t.label.text) if t.label else None)
        last = resolved[-1] if resolved else None
        if last and speaker.person and last.speaker == speaker and not last.interpreted:
            resolved[-1] = Turn(speaker, last.paragraphs + t.paragraphs, last.line, last.labels + written)
        else:
            resolved.append(Turn(speaker, t.paragraphs, t.line, written))
    return tuple(resolved)


ROUTING_WORDS = 25  # a principal's turn this short that names the colleague who speaks next passes the question on


# "Okay. Sure.", "Please.", "Yeah, go.": the floor given to one who asked for it ("Follow-up on Afghanistan.").
_ACK = re.compile(r"(?:(?:okay|ok|sure|yes|yeah|please|go|all right|of course|absolutely)[.,!]?\s*){1,3}", re.I)
BID_WORDS = 6
CALL_TURN = 3  # words: "Matt.", "Yes, Said.", "Please."


def _bid(text: str) -> bool:
    """A journalist's few words that ask for the floor, not a question: "Follow-up on Afghanistan."."""
    return "?" not in text and len(text.split(maxsplit=BID_WORDS)) <= BID_WORDS


ASIDE_WORDS = 6  # "Yes, we can hear you, Ted." before "Go ahead.": no answer


def _only_gives_floor(text: str) -> bool:
    """"Next question, please.", "Yes, we can hear you. Go ahead.": a turn that says nothing but that."""
    if len(text.split(maxsplit=ANSWER_WORDS)) >= ANSWER_WORDS or not _GIVES_FLOOR.search(text):
        return False
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    return all(_GIVES_FLOOR.search(s) or len(s.split()) <= ASIDE_WORDS for s in sentences) and bool(
        _GIVES_FLOOR.search(sentences[-1])
    )


def _routed(turns: tuple[Turn, ...]) -> tuple[Turn, ...]:
    """A principal's short turn that only gives the floor ("Next question, please.") or passes
    the question to the colleague who speaks next ("Let me ask Carole to take that.", "Dr.
    Walensky, anything to add?") is that turn's moderating, not an answer."""
    out = list(turns)
    for i, turn in enumerate(turns):
        bid = i > 0 and turns[i - 1].speaker.role is Role.QUESTIONER and _bid(turns[i - 1].text)
        # "MR PRICE: Matt." after another's answer, before the next journalist: a call, no answer
        called = (0 < i < len(turns) - 1 and (turns[i - 1].speaker.role is not Role.QUESTIONER or _bid(turns[i - 1].text))
                  and turns[i + 1].speaker.role is Role.QUESTIONER and len(turn.text.split(maxsplit=CALL_TURN)) <= CALL_TURN)
        if turn.speaker.role is Role.PRINCIPAL and (_only_gives_floor(turn.text) or (bid or called) and _ACK.fullmatch(turn.text.strip())
                                                    or called and _CALLS_ON.fullmatch(turn.text.strip())):
            out[i] = replace(turn, speaker=replace(turn.speaker, role=Role.MODERATOR))  # "Next question, please."
    for i, (turn, after) in enumerate(zip(turns, turns[1:])):
        if turn.speaker.role is not Role.PRINCIPAL or after.speaker.role is not Role.PRINCIPAL:
            continue
        if after.speaker.person is None or after.speaker.person == turn.speaker.person:
            continue
        if len(turn.text.split(maxsplit=ROUTING_WORDS)) > ROUTING_WORDS:
            continue
        words = {w for w in re.findall(r"[\w'’-]+", after.speaker.person.name) if w[:1].isupper() and len(w) > 2}
        words -= {"Mr", "Ms", "Mrs", "Dr", "Acting", "Administrator", "Secretary", "Minister", "President"}
        if any(re.search(rf"\b{re.escape(w)}\b", turn.text) for w in words):
            out[i] = replace(turn, speaker=replace(turn.speaker, role=Role.MODERATOR))
    return tuple(out)


# -- who asks each question ------------------------------------------------------------------------------

_NAME = r"[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|[A-Z]\.|de|van|von|al|el|bin))*?"
_OUTLET = (
    r"(?:the\s+)?[A-Z0-9][\w'’&.-]*(?:\s+(?:[A-Z0-9][\w'’&.-]*|of|the|&|de|du|für|for|and"
    r"|news|agency|newspaper|channel|television|radio|company|magazine|tv|online|website|network|publication"
    r"|daily|service|station|programme|program|broadcasting))*"
)
# "Hi, this is Sarah with Bloomberg", "My name is … from …", "It's Tom from Reuters",
# "Louise Dodson from The Age.", "Yes, Jane Smith, ABC."
_INTRODUCES = re.compile(
    rf"^(?:(?i:hi|hello|hey|yes|yeah|okay|ok|sir|ma['’]am|thanks?|thank you|good (?:morning|afternoon|evening|day)|"
    rf"(?:muy\s+)?buen(?:os|as)\s+(?:días|tardes|noches)|gracias|hola|señora?|president[ae]|"
    rf"(?:mr\.?|madam|mister)\s+(?:president|secretary|prime minister|minister|chairman|chancellor))\b"
    rf"[\w\s,'’]{{0,30}}?[,.!—–-]+\s*)*"
    rf"(?:(?i:this is|it['’]s|it is|i['’]m|i am|my name is|name['’]s)\s*)?"
    rf"(?P<name>{_NAME})(?:,?\s+(?:with|from|of|at|for|de|del)\s+|[,.]\s*(?:(?i:(?:and\s+)?i\s+represent|(?:and\s+)?i(?:['’]m| am)\s+(?:from|with)|i\s+work\s+for|from)\s+)|,\s*|\s+\()"
    rf"(?P<outlet>{_OUTLET})\)?(?:[.,;:!]|\s+(?:in|from|based)\b)"
)
# A question signed at its end: "Nancy Flores, de Contralínea.", "Jane Smith from Reuters."
_SIGNED = re.compile(rf"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{1,3}}),?\s+(?:de|del|from|with)\s+(?:la\s+|el\s+|the\s+)?(?P<outlet>{_OUTLET})\.?")
_SELF = re.compile(r"(?:this is|it['’]s|it is|i['’]m|i am|my name is|name['’]s)\s*", re.I)
# "Go ahead, Peter.", "Yes, Paul.", "Kristen, go ahead.", "Dennis?", "With that, Colleen, welcome.":
# the principal calls on someone.
_CALLS_ON = re.compile(
    r"(?:(?i:yes|yeah|okay|ok|sure|please|all right|alright|and|then|so|with that)[,.]?\s+)*(?i:go ahead|you)?,?\s*"
    r"(?:(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?)(?:,?\s*(?:go ahead|please|yes|welcome|in the back|in the front))?\s*[.!]?"
    r"|(?P<asked>[A-Z][a-z'’-]+)\?)",
)
# A new journalist taking the floor greets or thanks: "Hi, …", "Thank you, Jen.", "Good morning".
_NEW_VOICE = re.compile(
    r"\W*(?:hi|hello|hey|good (?:morning|afternoon|evening)|thanks?|thank you|yes,? thank"
    r"|(?:muy\s+)?buen(?:os|as)\s+(?:días|tardes|noches)|hola|gracias|bonjour|merci)\b",
    re.I,
)
_NOT_NAMES = frozenset(
    """thank thanks yes yeah okay ok sure please next great good right sorry go all and so well no absolutely
    exactly correct nothing hello hi welcome look last final one two sir ma'am maam guys everyone everybody
    folks yep nope alright hey then what who why how where when let i you we they he she it that this there here
    question questions anybody anyone somebody someone again wait hold hang fine cool perfect mm-hm mm-hmm
    uh-huh senator congressman congresswoman madam mister president secretary minister governor mayor
    ambassador general admiral chairman chair doctor local nacional adelante bueno gracias empezamos vamos
    ahora aquí allá atrás señor señora merci oui voilà done period anyway none enough indeed precisely
    certainly definitely totally agreed understood""".split()
)
CALL_WORDS = 6
CALLS = 2  # from this many questions given the floor by name, a run with no call in it is one journalist's
SHORT_QUESTION = 8  # words: after a journalist's turn this short, their thanks are no new journalist's
BYLINE_TEXT = 400  # characters of a question searched for the journalist's own name and outlet
OUTLET_WORDS = 6  # a first sentence this short that names an outlet is the journalist's byline  # a principal's turn or last sentence calling on someone is this short


def _outlets_kept(exchanges: list[Exchange]) -> tuple[Exchange, ...]:
    """A journalist who named their outlet once asks for it in all their questions of the event."""
    outlets: dict[str, Outlet] = {}
    for e in exchanges:
        speaker = e.question.speaker
        if speaker.person and speaker.outlet:
            outlets.setdefault(speaker.person.id, speaker.outlet)
    out = []
    for e in exchanges:
        speaker = e.question.speaker
        if speaker.person and not speaker.outlet and speaker.person.id in outlets:
            e = replace(e, question=replace(e.question, speaker=replace(speaker, outlet=outlets[speaker.person.id])))
        out.append(e)
    return tuple(out)


class Askers:
    """Names the journalist of each question, as `structure` groups them."""

    def __init__(self, resolver: Resolver, interviewer: tuple[str | None, str | None] = (None, None)):
        self.resolver = resolver
        name, outlet = interviewer
        self.interviewer = (self._person(name) if name else None, resolver.outlet(outlet))
        self.calls = 0  # questions whose journalist was given the floor by name, or named themselves
        self.links: list[bool] = []  # per question asked: whether its journalist went on from the one before
        self.short = False  # whether the question before was a few words only

    def fill(self, exchanges: Sequence[Exchange]) -> tuple[Exchange, ...]:
        """Each run of questions no one else was given the floor in is one journalist's, named
        by whatever names one of them ("Well, let me, Matt, start at the beginning" answering
        the fourth): in a transcript where the floor is given by name, as briefings do."""
        out = list(exchanges)
        if len(self.links) != len(out) or self.calls < CALLS:
            return _outlets_kept(out)  # where the floor is not given by name, one asking after another may be anyone
        links = list(self.links)
        for k in range(1, len(out)):  # "Mouhamed." called, then "My name is Mouhamed Elahmed …": one run
            a, b = out[k - 1].question.speaker.person, out[k].question.speaker.person
            if a and b and a != b and (_full(a, b) or _full(b, a)) and not out[k].lead_in:
                links[k] = True
        i = 0
        while i < len(out):
            j = i + 1
            while j < len(out) and links[j]:
                j += 1
            run = out[i:j]
            named = {e.question.speaker.person for e in run if e.question.speaker.person}
            fullest = max(named, key=lambda p: (len(p.name.split()), p.name), default=None)
            if fullest is not None and all(p == fullest or _full(fullest, p) for p in named):
                person = fullest
                outlet = next((e.question.speaker.outlet for e in run if e.question.speaker.outlet), None)
                for k in range(i, j):
                    q = out[k].question
                    if q.speaker.person is None or q.speaker.person in named:
                        speaker = replace(q.speaker, person=person, outlet=q.speaker.outlet or outlet)
                        follows = out[k - 1].number if k > i else out[k].follow_up_of
                        out[k] = replace(out[k], question=replace(q, speaker=speaker), follow_up_of=follows)
            i = j
        return _outlets_kept(out)

    def __call__(self, question: Turn, lead_in: Sequence[Turn], before: Turn | None, after: Turn | None = None,
                 apart: bool = False) -> Turn:
        speaker = question.speaker
        if speaker.person and not speaker.outlet and (byline := self._own_byline(question)):
            speaker = replace(speaker, outlet=byline)
            question = replace(question, speaker=speaker)
        if speaker.person and speaker.outlet:  # "QUESTION: Talia Brenner, Bloomberg."
            self.links.append(False)
            self.calls += 1
            return question
        given = [  # the floor given to someone by name, or taken with one's own
            self._introduced(question.text),
            *(self._handed(t.text) for t in reversed(lead_in) if t.speaker.role is Role.MODERATOR),
            *(self._called_at_end(t, True) for t in reversed(lead_in) if t.speaker.role is not Role.QUESTIONER),
            self._called_at_end(before, apart) if before is not None and before.speaker.role is not Role.QUESTIONER else (None, None),
        ]
        found = [
            *given,
            self._addressed(after, question.text) if after is not None and after.speaker.role is Role.PRINCIPAL else (None, None),
            self.interviewer,
        ]
        # No one else was given the floor, and no one new greets: the journalist may be going on (see `fill`).
        new_voice = _NEW_VOICE.match(question.text) and not self.short  # "Yes, ma'am." then "Thank you. …": the same one
        neutral = all(t.speaker.role is Role.QUESTIONER or _ACK.fullmatch(t.text.strip()) for t in lead_in)  # "Can I just –" "Sure."
        goes_on = neutral and not _hands_on(before) and not new_voice and not any(n or w for n, w in given)
        self.links.append(goes_on and not (speaker.person or speaker.outlet))
        self.calls += any(n for n, _ in given)
        person, outlet = speaker.person, speaker.outlet
        for name, where in found:
            if person is None and name is not None and (outlet is None or where is None or where == outlet):
                person = name
            elif person is not None and name is not None and _full(name, person):
                person = name  # "Ms. Mitchell, your line is open" after "the line of Andrea Mitchell"
            if outlet is None and where is not None and (name is None or person is None or _same(name, person)):
                outlet = where
        self.short = len(question.text.split(maxsplit=SHORT_QUESTION)) < SHORT_QUESTION
        if person is speaker.person and outlet is speaker.outlet:
            return question
        return replace(question, speaker=replace(speaker, person=person, outlet=outlet))

    def _called_at_end(self, before: Turn, apart: bool = False) -> tuple[Person | None, Outlet | None]:
        """The journalist the turn before the question calls on at its end: "Go ahead,
        Peter.", "With that, I'd love to take your question, Zeke. Why don't you kick us off?"."""
        last = before.paragraphs[-1] if before.paragraphs else ""
        if len(last.split(maxsplit=CALL_PARAGRAPH + 1)) > CALL_PARAGRAPH:
            last = _last_sentence(last)
        elif (len(before.paragraphs) > 1 or apart) and _GIVES_FLOOR.search(last):
            handed = self.resolver.handover(last)  # "Let's go to Eunjong Cho, please." closing an answer
            if handed[0] is not None:
                return handed
        sentences = re.split(r"(?<=[.!?])\s+", last.strip())
        # "Said." as a paragraph of its own, or after the answer's last sentence: "Which is their prerogative. Janne."
        alone = (len(before.paragraphs) > 1 or apart) and len(sentences) == 1 or len(sentences) >= 2 and len(sentences[-1].split()) == 1
        for sentence in reversed(sentences):
            found = self._called(sentence, alone)
            if found[0] is None and _GIVES_FLOOR_SENTENCE.search(sentence):
                vocative = _VOCATIVE.search(sentence)
                if vocative and vocative.group("name").casefold() not in _NOT_NAMES and not labels.title_words(vocative.group("name")):
                    found = self._person(vocative.group("name")), None
            if found[0] is not None:
                return found
        return None, None

    def _addressed(self, answer: Turn, asked: str) -> tuple[Person | None, Outlet | None]:
        """The journalist the answer opens by addressing: "Thanks, Karen.", "Well, Matt, as you know"."""
        opening = " ".join(answer.text.split()[:ADDRESS_WORDS])
        match = _ADDRESSED.match(opening) or _SET_OFF.search(opening)
        if not match:
            return None, None
        name = match.group("name")
        if any(w.casefold().strip("'’") in _NOT_NAMES for w in name.split()) or labels.title_words(name):
            return None, None
        if re.search(rf"\b{re.escape(name)}\b", asked):
            return None, None  # "So, Russia, as you know": the question's own subject, no one addressed
        return self._person(name), None

    def _introduced(self, text: str) -> tuple[Person | None, Outlet | None]:
        found = self._introduced_at(text[:300])
        if found == (None, None):
            closing = _last_sentence(text[-200:])  # "Gracias. Nancy Flores, de Contralínea."
            match = _SIGNED.fullmatch(closing)
            if match and not labels.title_words(match.group("name")):
                return self._person(match.group("name")), self.resolver.outlet(match.group("outlet").rstrip("."))
        return found

    def _introduced_at(self, opening: str) -> tuple[Person | None, Outlet | None]:
        first = re.split(r"(?<=[.!?])\s+", opening, maxsplit=1)[0].rstrip(".")
        if len(first.split()) <= OUTLET_WORDS and self._named_outlet(first) and not labels.title_words(first):
            return None, self.resolver.outlet(first)  # "Rossiya TV channel." before the question
        match = _INTRODUCES.match(opening)
        if not match or labels.title_words(match.group("name")):
            return None, None
        name, outlet = match.group("name"), match.group("outlet").rstrip(".")
        self_named = bool(_SELF.search(opening[: match.start("name")]))
        joined = opening[match.end("name") : match.start("outlet")]
        ends = opening[match.end("outlet") : match.end("outlet") + 1] in (".", "")
        connected = re.search(r"\b(?:with|from|of|at|for|de|del|represent)\b", joined, re.I)
        if not self_named and (len(name.split()) < 2 or "," in joined and not connected and not (ends and self.resolver.is_outlet(outlet))):
            return None, None  # "On North Korea, South Korea ..." is no introduction
        return self._person(name), self.resolver.outlet(outlet)

    def _own_byline(self, question: Turn) -> Outlet | None:
        """The outlet a named journalist gives after their own name: "Artyom Artemenko, Crimea 24
        television network.", "Sergei Lisovsky, editor-in-chief of Society and the Environment newspaper."."""
        person = question.speaker.person
        if person is None or len(person.name.split()) < 2:
            return None
        match = re.search(rf"{re.escape(person.name)},?\s+(?:(?:[a-z-]+\s+){{0,3}}(?:of|for|at|with|from)\s+)?(?:the\s+)?(?P<outlet>{_OUTLET})",
                          question.text[:BYLINE_TEXT])
        if match and self._named_outlet(match.group("outlet")):
            return self.resolver.outlet(match.group("outlet").rstrip("."))
        return None

    def _named_outlet(self, words: str) -> bool:
        """An outlet by a word outlets have ("Rossiya TV channel", "ITAR-TASS"), not just shaped like one ("The Russian economy")."""
        from .resolve import _OUTLET_WORDS

        tokens = words.split()
        return (
            self.resolver.registry.outlet(words) is not None
            or any(t.casefold().strip(".,") in _OUTLET_WORDS for t in tokens)
            or (len(tokens) == 1 and tokens[0].isupper() and len(tokens[0]) >= 2)
        )

    def _handed(self, text: str) -> tuple[Person | None, Outlet | None]:
        return self.resolver.handover(text)

    def _called(self, text: str, alone: bool = False) -> tuple[Person | None, Outlet | None]:
        """A principal calling on someone: "Yes, Paul.", "Go ahead, Shaun."; a bare "Said." only
        `alone`, as the last paragraph of a longer answer."""
        if not text or len(text.split()) > CALL_WORDS:
            return None, None
        match = _CALLS_ON.fullmatch(text.strip())
        if not match:
            return None, None
        name = match.group("name") or match.group("asked")
        if any(word.casefold().strip("'’") in _NOT_NAMES for word in name.split()) or labels.title_words(name):
            return None, None
        if not re.search(r"go ahead|welcome|^(?:yes|yeah|okay|ok|sure|please|all right|alright|with that)\b|\?$", text.strip(), re.I):
            if not alone:
                return None, None  # "Because.": a bare name calls on someone only standing as a paragraph of its own
        return self._person(name), None

    def _person(self, name: str) -> Person:
        return self.resolver.known(name) or Person(make_id(name), name)


# "Thanks, Karen.", "Yes, Colleen.", "Well, Matt, as you know": the answer opens on the asker's name.
_ADDRESSED = re.compile(
    r"(?:(?i:thanks|thank you|yes|yeah|well|so|sure|great|okay|ok|hi|hey|good question|look|and)[,.!]?\s+)+"
    r"(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?)(?:[,.!?]|\s*$)"
)
# "Well, let me, Matt, start at the beginning": a name set off by commas early in the answer,
# between lower-case words (not "Population, Refugees, and Migration").
_SET_OFF = re.compile(r"(?:(?:^|\b[a-z][\w'’]*),|[—–])\s+(?P<name>[A-Z][a-z'’-]+),\s+(?!and\b|or\b)(?:[a-z]|I\b)")
ADDRESS_WORDS = 15  # how far into the answer a name set off by commas addresses the asker
CALL_PARAGRAPH = 30  # words: a last paragraph this short may call on the next journalist
_GIVES_FLOOR_SENTENCE = re.compile(r"\b(?:go ahead|question|kick (?:us|it) off|start|floor|take|turn|welcome|with that)\b", re.I)
_VOCATIVE = re.compile(r",\s+(?P<name>[A-Z][a-z'’-]+)(?:\s+[A-Z][a-z'’-]+)?(?:,\s|[.!?]*$)")


def _hands_on(turn: Turn | None) -> bool:
    """Whether a turn ends by giving the floor ("Go ahead."), to someone not named."""
    if turn is None or turn.speaker.role is Role.QUESTIONER or not turn.paragraphs:
        return False
    last = _last_sentence(turn.paragraphs[-1])
    return len(last.split(maxsplit=FLOOR_WORDS + 1)) <= FLOOR_WORDS and bool(_GIVES_FLOOR.search(last))


def _last_sentence(text: str) -> str:
    parts = re.split(r"(?<=[.!?])\s+", text.strip())
    return parts[-1] if parts else ""


def _same(a: Person, b: Person) -> bool:
    return a.id == b.id or a.name.split()[-1].casefold() == b.name.split()[-1].casefold()


def _full(longer: Person, shorter: Person) -> bool:
    """"Andrea Mitchell" is who "Ms. Mitchell" or "Andrea" names."""
    if longer.id == shorter.id or len(longer.name.split()) <= len(shorter.name.split()):
        return False
    short = _HONORIFIC.sub("", shorter.name).split()
    words = [w.casefold() for w in longer.name.split()]
    return bool(short) and all(w.casefold() in words for w in short)


# "Secretary Blinken With Lester Holt of NBC Nightly News", "on ABC's This Week with George
# Stephanopoulos", "Interview with John Hewitt, 2MM", "Television interview with Barrie Cassidy, Insiders".
_NAMED = r"[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|[A-Z]\.))+"  # two or more capitalised words
_WITH_OF = re.compile(rf"\bwith\s+(?P<name>{_NAMED}?)(?:,\s+|\s+[-–]\s+|\s+(?:of|on|from)\s+)(?P<outlet>{_OUTLET})", re.I)
_ON_WITH = re.compile(rf"\bon\s+(?P<outlet>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*?)(?:['’]s\b[^,]*?)?\s+with\s+(?P<name>{_NAMED})(?=\s*$|,|\s+[-–(])")


def interviewer(title: str | None) -> tuple[str | None, str | None]:
    """The interviewer and outlet an interview's title names, as written."""
    if not title or not re.search(r"\b(?:interview|with)\b", title, re.I) or _NOT_AN_INTERVIEW.search(title):
        return None, None
    for match in (_ON_WITH.search(title), _WITH_OF.search(title)):
        if match and _interviewer_name(match.group("name")):
            name = match.group("name")
            return (name.title() if name.isupper() else name), _CUT_OUTLET.split(match.group("outlet"))[0].strip()
    station = _STATION.search(title)
    if station:
        return None, station.group("outlet")
    paper = _INTERVIEW_WITH.search(title)
    if paper and _outlet_shaped(paper.group("outlet")):
        return None, paper.group("outlet")  # "Interview with the Financial Times"
    return None, None


_INTERVIEW_WITH = re.compile(rf"\binterview\s+(?:with|to|for)\s+(?:the\s+)?(?P<outlet>{_OUTLET})", re.I)
_CUT_OUTLET = re.compile(r"\s+[-–—]\s+|,\s*|\s+\d{1,2}\s+[A-Za-z]+\s+\d{4}")
# "Radio Interview, 2HD, Newcastle", "Radio interview 2GB": a station, no interviewer named.
_STATION = re.compile(r"\b(?:radio|television|tv)\s+interview,?\s+(?:on\s+|with\s+)?(?P<outlet>[A-Z0-9][\w&.-]*[A-Z0-9])\b", re.I)


_NOT_AN_INTERVIEW = re.compile(r"\b(?:press conference|news conference|press call|briefing|joint|doorstop|remarks|gaggle|availability)\b", re.I)


def _interviewer_name(name: str) -> bool:
    """A journalist's name, "Lester Holt": two to four capitalised words, no title, no "and"."""
    words = name.split()
    return (
        2 <= len(words) <= 4
        and not labels.title_words(name)
        and not any(w.casefold() in ("and", "hon", "hon.", "honourable", "rt", "journalists", "officials") for w in words)
    )
