"""Stage 6, `askers`: who asks each question, exchange by exchange.

`Askers` names the journalist where the label leaves them out: from their own introduction
("My name is Mouhamed Elahmed with Al Jazeera Arabic", "Nancy Flores, de Contralínea."),
from the moderator's or operator's hand-over before the question, from the principal
calling on them ("Yes, Paul.", "Go ahead, Peter.", "Said."), from the answer addressing them
("Thanks, Karen."), or from an interview's title. `Askers.fill` then gives a run of
questions with no hand-over between them to the one journalist who is named in it, where
the transcript gives the floor by name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from . import titles
from .floor import ACK, CALLS_ON, FLOOR_WORDS, GIVES_FLOOR, HONORIFIC, NOT_NAMES, last_sentence
from .model import Exchange, Outlet, Person, Role, Turn
from .registry import make_id
from .resolve import INITIALS, OUTLET_WORDS, Resolver, looks_like_outlet

_NAME = r"[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|[A-Z]\.|de|van|von|al|el|bin))*?"
_OUTLET = (  # "the New York Times", "la revista Petróleo y Energía", "Grupo Radio Digital y de El Financiero"
    r"(?:the\s+|(?:la|el|los|las)\s+|(?:periódico|revista|diario|agencia|portal|medio|semanario|noticiero|programa|canal)\s+)*"
    r"[A-Z0-9][\w'’&.-]*(?:\s+(?:[A-Z0-9][\w'’&.-]*|of|the|&|de|du|für|for|and|y|la|el|del"
    r"|news|agency|newspaper|channel|television|radio|company|magazine|tv|online|website|network|publication"
    r"|daily|service|station|programme|program|broadcasting))*"
    r"(?:\s+\([A-Z][^()]{1,40}\)(?:\s+(?:news|agency|newspaper|channel|television|radio|magazine|tv|website|network))*)?"  # "Selskaya Zhisn (Rural Life) newspaper"
)
# "Hi, this is Sarah with Bloomberg", "My name is … from …", "It's Tom from Reuters",
# "Louise Dodson from The Age.", "Yes, Jane Smith, ABC."
_INTRODUCES = re.compile(
    rf"^(?:(?i:hi|hello|hey|yes|yeah|okay|ok|sir|ma['’]am|thanks?|thank you|welcome|good (?:morning|afternoon|evening|day)|"
    rf"(?:muy\s+)?buen(?:os|as)\s+(?:días|tardes|noches)|gracias|hola|señora?|president[ae]|"
    rf"(?:mr\.?|madam|mister)\s+(?:president|secretary|prime minister|minister|chairman|chancellor))\b"
    rf"[\w\s,'’]{{0,30}}?[,.!—–-]+\s*)*"
    rf"(?:(?i:this is|it['’]s|it is|i['’]m|i am|my name is|name['’]s)\s*)?"
    rf"(?P<name>{_NAME})(?:,?\s+(?:with|from|of|at|for|de|del)\s+|[,.;]\s*(?:(?i:(?:and\s+)?i\s+represent|(?:and\s+)?i(?:['’]m| am)\s+(?:(?:a|the)\s+(?:representative|correspondent|journalist|reporter)\s+(?:of|for|from|with)|from|with)|i\s+work\s+for|from)\s+)|,\s*|\s+\()"
    rf"(?P<outlet>{_OUTLET})\)?(?:[.,;:!]|\s+(?:in|from|based)\b)"
)
# "I'm [unclear] from the Manila Shimbun.": a name the transcriber did not catch, an outlet.
_UNHEARD = re.compile(rf"^\W*(?:(?i:sir|ma['’]am|hi|hello)[,.]?\s+)?(?i:this is|i['’]m|i am|my name is)\s*[\[(][^\])]{{1,20}}[\])]\s*,?\s+"
                      rf"(?i:with|from|of|at)\s+(?:the\s+)?(?P<outlet>{_OUTLET})[.,;!]")
# A question signed at its end: "Nancy Flores, de Contralínea.", "Jane Smith from Reuters."
_SIGNED = re.compile(rf"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{1,3}}),?\s+(?:de|del|from|with)\s+(?:la\s+|el\s+|the\s+)?(?P<outlet>{_OUTLET})\.?")
_SELF = re.compile(r"(?:this is|it['’]s|it is|i['’]m|i am|my name is|name['’]s)\s*", re.I)
# A new journalist taking the floor greets or thanks: "Hi, …", "Thank you, Jen.", "Good morning".
_NEW_VOICE = re.compile(
    r"\W*(?:hi|hello|hey|good (?:morning|afternoon|evening)|thanks?|thank you|yes,? thank"
    r"|(?:muy\s+)?buen(?:os|as)\s+(?:días|tardes|noches)|hola|gracias|bonjour|merci)\b",
    re.I,
)
CALL_WORDS = 6  # a principal's turn or last sentence calling on someone is this short
CALLS = 2  # from this many questions given the floor by name, a run with no call in it is one journalist's
SHORT_QUESTION = 8  # words: after a journalist's turn this short, their thanks are no new journalist's
BYLINE_TEXT = 400  # characters of a question searched for the journalist's own name and outlet
BYLINE_WORDS = 6  # a first sentence this short that names an outlet is the journalist's byline


def _outlet_text(words: str) -> str:
    """An outlet as far as its sentence goes: "New York Times" of "New York Times.  What about"."""
    return re.sub(r"^the\s+", "", re.split(r"(?<!\b[A-Z]\.[A-Z])\.\s+", words, maxsplit=1)[0].rstrip("."))  # "the New York Times": its name


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
            self._give_run(out, i, j)
            i = j
        return _outlets_kept(out)

    @staticmethod
    def _give_run(out: list[Exchange], i: int, j: int) -> None:
        """The questions `i` to `j` to the one journalist named among them, where one is."""
        run = out[i:j]
        named = {e.question.speaker.person for e in run if e.question.speaker.person}
        fullest = max(named, key=lambda p: (len(p.name.split()), p.name), default=None)
        if fullest is None or not all(p == fullest or _full(fullest, p) for p in named):
            return
        outlet = next((e.question.speaker.outlet for e in run if e.question.speaker.outlet), None)
        for k in range(i, j):
            q = out[k].question
            if q.speaker.person is None or q.speaker.person in named:
                speaker = replace(q.speaker, person=fullest, outlet=q.speaker.outlet or outlet)
                follows = out[k - 1].number if k > i else out[k].follow_up_of
                out[k] = replace(out[k], question=replace(q, speaker=speaker), follow_up_of=follows)

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
            *(self.resolver.handover(t.text) for t in reversed(lead_in) if t.speaker.role is Role.MODERATOR),
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
        neutral = all(t.speaker.role is Role.QUESTIONER or ACK.fullmatch(t.text.strip()) for t in lead_in)  # "Can I just –" "Sure."
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
            last = last_sentence(last)
        elif (len(before.paragraphs) > 1 or apart) and GIVES_FLOOR.search(last):
            handed = self.resolver.handover(last)  # "Let's go to Eunjong Cho, please." closing an answer
            if handed[0] is not None:
                return handed
        sentences = re.split(r"(?<=[.!?])\s+", last.strip())
        # "Said." as a paragraph of its own, or after the answer's last sentence: "Which is their prerogative. Janne."
        tail = sentences[-1].strip(".?! ")
        echoed = tail in " ".join(sentences[:-1])  # "He was Cebuano 'di ba? Cebuano?": a word said again, no call
        alone = (len(before.paragraphs) > 1 or apart) and len(sentences) == 1 or (
            len(sentences) >= 2 and len(sentences[-1].split()) == 1 and not echoed
        )
        for sentence in reversed(sentences):
            found = self._called(sentence, alone)
            if found[0] is None and _GIVES_FLOOR_SENTENCE.search(sentence):
                vocative = _VOCATIVE.search(sentence)
                if vocative and vocative.group("name").casefold() not in NOT_NAMES and not titles.title_words(vocative.group("name")):
                    found = self._person(vocative.group("name")), None
            if found[0] is not None:
                return found
        return None, None

    def _addressed(self, answer: Turn, asked: str) -> tuple[Person | None, Outlet | None]:
        """The journalist the answer opens by addressing: "Thanks, Karen.", "Well, Matt, as you know"."""
        opening = " ".join(answer.text.split()[:ADDRESS_WORDS])
        first = re.split(r"(?<=[.!?])\s+(?=[A-Z])", answer.text.strip(), maxsplit=1)[0]
        match = _ADDRESSED.match(opening) or _SET_OFF.search(opening) or _CLOSES_ON.search(first)
        if not match:
            return None, None
        name = match.group("name")
        if any(w.casefold().strip("'’") in NOT_NAMES for w in name.split()) or titles.title_words(name):
            return None, None
        if re.search(rf"\b{re.escape(name)}\b", asked):
            return None, None  # "So, Russia, as you know": the question's own subject, no one addressed
        return self._person(name), None

    def _introduced(self, text: str) -> tuple[Person | None, Outlet | None]:
        found = self._introduced_at(text[:300])
        if found == (None, None):
            closing = last_sentence(text[-200:])  # "Gracias. Nancy Flores, de Contralínea."
            match = _SIGNED.fullmatch(closing)
            if match and not titles.title_words(match.group("name")):
                return self._person(match.group("name")), self.resolver.outlet(_outlet_text(match.group("outlet")))
        return found

    def _introduced_at(self, opening: str) -> tuple[Person | None, Outlet | None]:
        first = re.split(r"(?<![A-Z]\.[A-Z]\.)(?<=[.!?])\s+", opening, maxsplit=1)[0].rstrip(".")  # "U.S. sanctions, …" goes on
        if greeted := _NEW_VOICE.match(first):  # "Good afternoon, Channel One."
            first = first[greeted.end():].lstrip(" ,.!")
        if signed := re.fullmatch(rf"{_NAME}\s+(?:from|with|at)\s+(?:the\s+)?(?P<outlet>{_OUTLET})", first):
            first = signed.group("outlet")  # "Nobira from Asahi Shimbun.": the hand-over gave the name
        if (len(first.split()) <= BYLINE_WORDS and self._named_outlet(first) and not titles.title_words(first)
                and not first.endswith("?") and not _SELF.search(first)):
            return None, self.resolver.outlet(first)  # "Rossiya TV channel." before the question
        if unheard := _UNHEARD.match(opening):  # "I'm [unclear] from the Manila Shimbun."
            return None, self.resolver.outlet(_outlet_text(unheard.group("outlet")))
        match = _INTRODUCES.match(opening)
        if not match or titles.title_words(match.group("name")):
            return None, None
        name, outlet = match.group("name"), _outlet_text(match.group("outlet"))
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
        name, opening = re.escape(person.name), question.text[:BYLINE_TEXT]
        # "Viktor Smirnov, 47news.ru", "Yelena Yeskina, and I am a journalist of the Dagestan State Television …"
        after = re.search(rf"{name},?\s+(?:(?:and\s+)?(?:I\s+am|I['’]m)\s+)?(?:(?:[a-z-]+\s+){{0,3}}(?:of|for|at|with|from)\s+)?"
                          rf"(?:the\s+)?(?P<outlet>{_OUTLET})", opening)
        # "AZG Daily, Armenia, Goar Botoyan.", "Gazeta.Ru, I am Rustam Falyakhov": the outlet first
        before = re.search(rf"(?P<outlet>{_OUTLET}),\s+(?:[A-Z][\w'’-]+,\s+)?(?:I\s+am\s+|I['’]m\s+)?{name}\b", opening)
        for match in (after, before):
            if match and self._named_outlet(_outlet_text(match.group("outlet"))):
                return self.resolver.outlet(_outlet_text(match.group("outlet")))
        return None

    def _named_outlet(self, words: str) -> bool:
        """An outlet by a word outlets have ("Rossiya TV channel", "ITAR-TASS"), not just shaped like one ("The Russian economy")."""
        tokens = words.split()
        return (
            self.resolver.registry.outlet(words) is not None
            or any(t.casefold().strip(".,") in OUTLET_WORDS for t in tokens)
            or (len(tokens) == 1 and tokens[0].isupper() and len(tokens[0]) >= 2 and not INITIALS.fullmatch(tokens[0]))
            or (len(tokens) == 1 and bool(_DOMAIN.search(tokens[0])))  # "47news.ru", "Gazeta.Ru"
        )

    def _called(self, text: str, alone: bool = False) -> tuple[Person | None, Outlet | None]:
        """A principal calling on someone: "Yes, Paul.", "Go ahead, Shaun."; a bare "Said." only
        `alone`, as the last paragraph of a longer answer."""
        if not text or len(text.split()) > CALL_WORDS:
            return None, None
        match = CALLS_ON.fullmatch(text.strip())
        if not match:
            return None, None
        if match.group("asked") and not alone:
            return None, None  # "Dennis?" calls on him standing alone; "… 'di ba? Cebuano?" asks
        name = match.group("name") or match.group("asked")
        if any(word.casefold().strip("'’") in NOT_NAMES for word in name.split()) or titles.title_words(name):
            return None, None
        if not re.search(r"go ahead|welcome|^(?:yes|yeah|okay|ok|sure|please|all right|alright|with that)\b|\?$", text.strip(), re.I):
            if not alone:
                return None, None  # "Because.": a bare name calls on someone only standing as a paragraph of its own
        return self._person(name), None

    def _person(self, name: str) -> Person:
        return self.resolver.known(name) or Person(make_id(name), name)


_FIRST_NAME = r"(?:[A-Z][a-z'’-]+|(?:[A-Z]\.){2,3})"  # "Matt", "J.J."
# "Thanks, Karen.", "Yes, Colleen.", "Well, Matt, as you know": the answer opens on the asker's name.
_ADDRESSED = re.compile(
    r"(?:(?i:thanks|thank you|yes|yeah|well|so|sure|great|okay|ok|hi|hey|good question|look|and)[,.!]?\s+)+"
    rf"(?P<name>{_FIRST_NAME}(?:\s+[A-Z][a-z'’-]+)?)(?:[,.!?]|\s*$)"
)
# "Well, we certainly don't want that to be the case, J.J.": the answer's first sentence ends on it.
_CLOSES_ON = re.compile(rf"[a-z],\s+(?P<name>{_FIRST_NAME})[.!]?$")
# "Well, let me, Matt, start at the beginning": a name set off by commas early in the answer,
# between lower-case words (not "Population, Refugees, and Migration").
_SET_OFF = re.compile(r"(?:(?:^|\b[a-z][\w'’]*),|[—–])\s+(?P<name>[A-Z][a-z'’-]+),\s+(?!and\b|or\b)(?:[a-z]|I\b)")
CALL_TURN = 4  # words: a last paragraph shorter than this after an answer calls on the next journalist
_DOMAIN = re.compile(r"\w\.(?:ru|com|net|org|ua|info|news|tv|fm|media|[a-z]{2})$", re.I)
ADDRESS_WORDS = 15  # how far into the answer a name set off by commas addresses the asker
CALL_PARAGRAPH = 30  # words: a last paragraph this short may call on the next journalist
_GIVES_FLOOR_SENTENCE = re.compile(r"\b(?:go ahead|question|kick (?:us|it) off|start|floor|take|turn|welcome|with that)\b", re.I)
_VOCATIVE = re.compile(r",\s+(?P<name>[A-Z][a-z'’-]+)(?:\s+[A-Z][a-z'’-]+)?(?:,\s|[.!?]*$)")


def _hands_on(turn: Turn | None) -> bool:
    """Whether a turn ends by giving the floor ("Go ahead."), to someone not named."""
    if turn is None or turn.speaker.role is Role.QUESTIONER or not turn.paragraphs:
        return False
    if len(turn.paragraphs) > 1 and len(turn.paragraphs[-1].split(maxsplit=CALL_TURN)) < CALL_TURN:
        return True  # "Local.", "A ver, tú.": a word or two on a line of their own after the answer call on the next
    last = last_sentence(turn.paragraphs[-1])
    return len(last.split(maxsplit=FLOOR_WORDS + 1)) <= FLOOR_WORDS and bool(GIVES_FLOOR.search(last))


def _same(a: Person, b: Person) -> bool:
    """"Ms. Mitchell" and "Andrea Mitchell"; "Olga" and "Olga Ivanova"; "Zykov Roman" and "Roman Zykov"."""
    x, y = a.name.casefold().split(), b.name.casefold().split()
    return a.id == b.id or x[-1] == y[-1] or (len(x) == 1 or len(y) == 1) and x[0] == y[0] or sorted(x) == sorted(y)


def _full(longer: Person, shorter: Person) -> bool:
    """"Andrea Mitchell" is who "Ms. Mitchell" or "Andrea" names."""
    if longer.id == shorter.id or len(longer.name.split()) <= len(shorter.name.split()):
        return False
    short = HONORIFIC.sub("", shorter.name).split()
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
    if paper and looks_like_outlet(paper.group("outlet")):
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
        and not titles.title_words(name)
        and not any(w.casefold() in ("and", "hon", "hon.", "honourable", "rt", "journalists", "officials") for w in words)
    )
