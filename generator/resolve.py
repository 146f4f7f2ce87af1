"""Stage 4, `resolve`: labels to people and outlets, through the registry.

"Retuers" reads as Reuters and "NATO Secretary General Rutte" as Mark Rutte. Besides the
registry, a transcript names its principals in its own subtitle ("by NATO Secretary
General Mark Rutte ahead of ..."): they speak the unlabelled opening statement, and a label
giving only their title or surname is theirs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from . import labels, titles
from .model import Label, Outlet, Person, Role, Speaker
from .registry import Registry, key, make_id

_CAPITALISED = r"[A-Z][\w.'’/-]*"
# Capitalised words that end who an event is by, in Title Case titles: "Remarks by President
# Biden Before Marine One Departure", "... Stoltenberg Following the Meeting of ...".
_AFTER_WHO = r"(?!(?:Before|After|Following|Ahead|At|On|During|In|To|From|Upon|Prior|Regarding|About|Via)\b)"
_BY = re.compile(
    rf"\bby\s+(?:the\s+)?(?P<who>{_AFTER_WHO}{_CAPITALISED}(?:(?:,?\s+)(?:{_AFTER_WHO}{_CAPITALISED}|and|of|for|the|with|de|van|von|der))*)"
)
_JOINS = re.compile(r"(,\s+|\s+and\s+|\s+with\s+)")  # kept: a part may be read with the next
_OF_PLACE = re.compile(rf"\s+of\s+(?:the\s+)?{_CAPITALISED}(?:\s+{_CAPITALISED})*$")  # "Jonas Gahr Støre of Norway"


@dataclass(frozen=True)
class Override:
    """An editor's reading of one label, from the sidecar's `speakers`: who it is."""

    name: str | None = None
    role: Role | None = None
    outlet: str | None = None
    line: int = 0  # where the sidecar says it


class Resolver:
    """Resolves the labels of one transcript, and notes the guesses it had to make."""

    def __init__(
        self, registry: Registry, subtitle: str | None, overrides: Mapping[str, Override] | None = None,
        title: str | None = None,
    ):
        self.registry = registry
        self.overrides = {key(label): override for label, override in (overrides or {}).items()}
        self.written = dict(overrides or {})  # as the editor wrote them
        self.principals: list[Person] = []
        # The title may say who it is by, when the subtitle does not: "Press Briefing by ...".
        for label in subtitle_speakers(subtitle) or subtitle_speakers(title):
            person = self._person(label)
            if person is not None and person not in self.principals:
                self.principals.append(person)

    def knows(self, label: Label) -> bool:
        """Whether the registry, the subtitle or the sidecar knows the label's person or outlet."""
        outlet = label.outlet and self.registry.outlet(label.outlet)
        return bool(outlet or key(label.text) in self.overrides or self._find(label))

    def written_overrides(self) -> list[tuple[str, Override]]:
        """The sidecar's speaker overrides, each with its label as the editor wrote it."""
        return sorted(self.written.items(), key=lambda item: item[1].line)

    def is_principal(self, label: Label) -> bool:
        """Whether the title, the subtitle or the registry makes the label's speaker one the
        event is by."""
        found = self._find(label)
        if found is not None and found in self.principals:
            return True
        return found is not None and self.registered_role(label) is Role.PRINCIPAL

    def registered_role(self, label: Label) -> Role | None:
        """The role the registry gives the label's person ("NATO Spokesperson": a moderator)."""
        person = self.registry.person(label.name or label.text) if (label.name or label.text) else None
        if person is None or not person.role:
            return None
        described = labels.describe(person.role, "registry")
        return described.role if described else None

    def person(self, label: Label) -> Person | None:
        """Who a non-journalist's label names: the registry's or the subtitle's person, or
        the label's own name."""
        override = self.overrides.get(key(label.text))
        if override is not None and override.name:
            return self.known(override.name) or Person(make_id(override.name), override.name, label.title)
        found = self._find(label)
        if found is None and label.role is Role.PRINCIPAL and label.name is None and label.title is None:
            found = self.principal()  # "Answer:", "A:": the event's principal
        return found or _new_person(label)

    def speaker(self, label: Label | None, role: Role | None = None, person: Person | None = None) -> Speaker:
        """Who speaks under `label` in the `role` the transcript gives it; None is the
        unlabelled opening, the subtitle's first principal."""
        if label is None:
            return Speaker(Role.PRINCIPAL, self.principal())
        override = self.overrides.get(key(label.text))
        if override is not None:
            return self._overridden(label, override)
        role = role or label.role or Role.QUESTIONER
        if role is Role.QUESTIONER:
            person = self.known(label.name) or _new_person(label)
            return Speaker(Role.QUESTIONER, person, self.outlet(label.outlet))
        return Speaker(role, person or self.person(label))

    def handover(self, text: str) -> tuple[Person | None, Outlet | None]:
        """Who a moderator gives the floor to: "We'll go to Reuters, Sabine" gives Reuters,
        and Sabine: the registry's one journalist of that first name, or just "Sabine"."""
        name, outlet_name = handed_to(text, self.is_outlet)
        outlet = self.outlet(outlet_name)
        if name is None:
            return None, outlet
        person = self.known(name)
        if person is None and " " not in name:
            fits = [p for p in self.registry.canonical_people() if key(p.name).startswith(key(name) + " ")]
            person = fits[0] if len(fits) == 1 else None
        return person or Person(make_id(name), name), outlet  # "Alex, your line is open.": Alex, as the text has it

    def is_outlet(self, words: str) -> bool:
        return self.registry.outlet(words) is not None or looks_like_outlet(words)

    def _overridden(self, label: Label, override: Override) -> Speaker:
        name = override.name or label.name
        person = None
        if name:
            person = self.known(name) or Person(make_id(name), name, label.title)
        role = override.role or label.role or self._role_of(person)
        return Speaker(role, person, self.outlet(override.outlet or label.outlet) if role is Role.QUESTIONER else None)

    def principal(self) -> Person | None:
        """The event's first principal, as the subtitle or title gives them."""
        return self.principals[0] if self.principals else None

    def _person(self, label: Label) -> Person | None:
        return self._find(label) or _new_person(label)

    def _find(self, label: Label) -> Person | None:
        return self.known(label.name) or self.known(label.text) or self._by_surname_or_title(label)

    def known(self, name: str | None) -> Person | None:
        if not name:
            return None
        return self.registry.person(name) or next(
            (p for p in self.principals if key(p.name) == key(name)), None
        )

    def _by_surname_or_title(self, label: Label) -> Person | None:
        """"Rutte", "Mr. Price" or "NATO Secretary General" alone: the one person it fits,
        looked for among the transcript's own principals first, then in the registry."""
        surname = _HONORIFIC.sub("", label.name) if label.name else None
        for candidates in (self.principals, self.registry.canonical_people()):
            if surname:
                fits = [p for p in candidates if key(p.name).endswith(" " + key(surname)) or key(p.name) == key(surname)]
            elif label.title:
                fits = [p for p in candidates if p.role and _same_title(p.role, label.title)]
            else:
                fits = []
            if len(fits) == 1:
                return fits[0]
        return None

    def _role_of(self, person: Person | None) -> Role:
        """A label that gives only a name: the registry's role for the person decides."""
        if person is None:
            return Role.QUESTIONER
        described = labels.describe(person.role, "registry") if person.role else None
        if described and described.role:
            return described.role
        return Role.PRINCIPAL if person in self.principals else Role.QUESTIONER

    def outlet(self, name: str | None) -> Outlet | None:
        if not name:
            return None
        return self.registry.outlet(name) or Outlet(make_id(name), name)


_HONORIFIC = re.compile(r"^(?:mr|ms|mrs|dr|prof)\.?\s+", re.I)


def _same_title(role: str, title: str) -> bool:
    """"NATO Secretary General" and "Secretary General:" hold the same office; so do
    "Prime Minister of Sweden" and "PRIME MINISTER" (but not "Deputy Secretary General")."""
    mine, theirs = titles.office(role), titles.office(title)
    return key(role) == key(title) or (mine is not None and mine == theirs)


# Words that make a name an outlet's: "Ukraine News Agency", "Al Mamlaka TV", "AFP".
OUTLET_WORDS = frozenset(
    """news agency agence press presse tv television télévision radio times post journal daily
    herald tribune gazette zeitung broadcasting broadcast channel network service media wire
    reuters bloomberg politico telegraph guardian monde figaro observer economist magazine welle
    dpa ap afp ansa efe bbc cnn nhk ard zdf rai tass pap newspaper newspapers agency company online portal
    gazeta pravda izvestia novosti tsushin shimbun kyodo xinhua interfax ria itar-tass periódico diario
    noticias televisión televisa milenio excélsior""".split()
)


INITIALS = re.compile(r"(?:[A-Z]\.){1,3}[A-Z]?\.?")  # "M.J.", "J.J.": a journalist's initials, "U.S.": a country, no outlet


def looks_like_outlet(words: str) -> bool:
    """"Ukraine News Agency", "AFP", "Voice of America", "The Kyiv Independent": no person's name."""
    tokens = words.split()
    return (
        any(t.casefold() in OUTLET_WORDS for t in tokens)
        or (len(tokens) == 1 and tokens[0].isupper() and len(tokens[0]) >= 2 and not INITIALS.fullmatch(tokens[0]))
        or (tokens[:1] == ["The"] and len(tokens) >= 2)
        or " of " in f" {words} "
    )


# How a moderator gives the floor: "We'll go to Reuters, Sabine", "Next question from
# Lorne Cook of AP", "La parole est à Jean Dupont (Le Monde)".
_HANDOVER = re.compile(
    r"(?:\bline\s+of|\b(?:go(?:ing)?|come|turn|over|move)\s+(?:back\s+|now\s+)?to(?!\s+the\s+line)|\b(?:floor|microphone|mic)\s+to|"
    r"\b(?:start|begin)\s+with|\bquestions?,?\s+(?:is\s+|will\s+be\s+|comes\s+)?(?:from|goes\s+to)|"
    r"\bnext(?:\s+is)?(?!\s+question)|\bfollowed\s+by|\blet'?s\s+(?:take|have)|"
    r"\bparole\s+(?:est\s+)?(?:maintenant\s+)?à|\bpassons\s+à|\bcommencer\s+par)[\s,:]+(?P<who>.+)",
    re.I,
)
_CAPITALS = re.compile(r"(?:the\s+)?(?P<words>[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|of|de|al|el|la|and|&))*)")
# "Marina Cavalcanti of TV Globo", "Thomas Girard, de La Libre Belgique", "Jean Dupont (Le Monde)".
_NAME_AND_OUTLET = re.compile(
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})(?:,?\s+(?:from|of|with|at|de)\s+|,?\s+d['’]|\s+\(|,?\s+(?P<du>du)\s+)"
    r"(?:l['’]|la\s+|le\s+|the\s+)?(?:(?:digital|online|media|newspaper|radio|television|tv|channel|magazine|news|agency)\s+)*"
    r"(?P<outlet>[A-Z][\w'’&.-]*(?:\s+(?:[A-Z0-9][\w'’&.-]*|de|of|the|&))*)"
)
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+")
_THANKS = re.compile(r"\s*(?:thank|thanks|merci)\b", re.I)
# "Ms. Mitchell, your line is open.", "Alex, your line is open."
_LINE_OPEN = re.compile(r"(?:\b(?:And|So|Now|Okay|Ok|Next|Then),?\s+)?(?P<who>(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?),?\s+(?:your|the)\s+line\s+is\s+(?:now\s+)?open")
_NOT_A_NAME = frozenset("Let Lets Let’s Next First Last Now We Then And Okay So Go".split())
VERBLESS_WORDS = 8  # a hand-over with no verb is short: "Okay, FAZ.", "Polish Radio, in the second row."


def handed_to(text: str, is_outlet) -> tuple[str | None, str | None]:
    """The name and outlet a moderator's hand-over gives, as written; either may be None.
    The last sentence that names anyone is the hand-over: "Thank you, Farah. We'll go to
    Reuters." """
    sentences = [s for s in _SENTENCE_END.split(text) if not _THANKS.match(s)]  # thanks go to the last one
    for sentence in reversed(sentences):
        explicit = _NAME_AND_OUTLET.search(sentence)
        if explicit and " " not in explicit.group("name") and not is_outlet(explicit.group("outlet").rstrip(".")):
            explicit = None  # "Ricardo at the AP", not "Kylie at the back"
        if explicit and is_outlet(explicit.group("name")):
            explicit = None  # "Lalit Jha, Press Trust of India": no one called "Press Trust"
        if explicit and not titles.title_words(explicit.group("name")) and explicit.group("name") not in _NOT_A_NAME:
            outlet = explicit.group("outlet").rstrip(".")
            return explicit.group("name"), f"Le {outlet}" if explicit.group("du") else outlet  # "du Figaro"
        match = _HANDOVER.search(sentence)
        while match:  # "Next we'll go to Nick Schifrin": the verb after "Next" names him
            found = _who(match.group("who"), is_outlet)
            if found != (None, None):
                return found
            match = _HANDOVER.search(sentence, match.start() + 1)
        opened = _LINE_OPEN.search(sentence)
        if opened and opened.group("who") not in _NOT_A_NAME:  # "And your line is open" names no one
            return opened.group("who"), None
    # No verb gives the floor: "Okay, FAZ.", "Une relance de la RTBF, Marc Dubreuil."
    for sentence in reversed(sentences):
        if len(sentence.split()) > VERBLESS_WORDS:
            continue
        runs = [m.group("words").rstrip(".") for m in _CAPITALS.finditer(sentence)]
        outlet = next((run for run in runs if is_outlet(run)), None)
        if outlet:
            names = (r for r in runs if r != outlet and 2 <= len(r.split()) <= 3 and not titles.title_words(r) and not is_outlet(r))
            return next(names, None), outlet
    return None, None


_BY_WAY_OF = re.compile(r"^(?:the\s+)?(?:zoom|phones?|lines?|room|back|front|online|webex|teams|virtual\s+\w+)\s+(?:for|with)\s+", re.I)


def _who(words: str, is_outlet) -> tuple[str | None, str | None]:
    """"Reuters, Sabine", "Ukraine News Agency, Dimitri, third row": a name and an outlet."""
    name = outlet = None
    for part in re.split(r",\s+", words.rstrip(".;!? ")):
        part = _BY_WAY_OF.sub("", part.strip())  # "Zoom for Amy Gibbons": her, not the room she is in
        capitals = _CAPITALS.match(part)
        if not capitals:
            continue
        found = capitals.group("words").rstrip(".")
        if outlet is None and is_outlet(found):
            outlet = found
        elif name is None and not is_outlet(found) and len(found.split()) <= 3 and not titles.title_words(found):
            name = found
    return name, outlet


def _new_person(label: Label) -> Person | None:
    """Someone neither the registry nor the subtitle knows, as the label names them."""
    return Person(make_id(label.name), label.name, label.title) if label.name else None


_INITIAL = re.compile(r"[A-Z]\.")
# Lower-case words a person's name may hold; any other in a "name" means a title ran on.
_PARTICLES = frozenset("de van von der den da di du le la al el bin ibn".split())


def _titled_by_unknown(words: str) -> Label | None:
    """"NSC Coordinator for Strategic Communications John Kirby": a title we do not know,
    then a name, taken as the last two capitalised words (three with a middle initial)."""
    tokens = words.split()
    size = 3 if len(tokens) >= 4 and _INITIAL.fullmatch(tokens[-2]) else 2
    name, title = tokens[-size:], tokens[:-size]
    if titles.title_words(" ".join(name)) or any(t in ("Council", "Committee", "Commission") for t in name):
        return None  # "... of NATO Defence Ministers", "the North Atlantic Council": not a person
    if len(title) < 1 or not all(re.fullmatch(r"[A-Z][\w'’-]*", t) or _INITIAL.fullmatch(t) for t in name):
        return None
    office = titles.title_words(" ".join(title))
    role = labels.describe(office, "subtitle").role if office else Role.PRINCIPAL
    return Label(words, role, "subtitle", 0.6, name=" ".join(name), title=" ".join(title))


def _person_described(words: str) -> Label | None:
    """One person of a subtitle: "Prime Minister Jonas Gahr Støre of Norway", "Secretary of
    State Antony J. Blinken", "Minister for Foreign Affairs of Latvia Krišjānis Kariņš"."""
    words = re.sub(r"^the\s+", "", words.strip())
    for candidate in (_OF_PLACE.sub("", words), words):
        label = labels.describe(candidate, "subtitle")
        if label is None or label.role in (None, Role.QUESTIONER) or not label.name:
            continue
        name = label.name.split()
        if len(name) >= 2 and all(t[:1].isupper() or t in _PARTICLES for t in name):
            return label
    return _titled_by_unknown(words)


# "par le secrétaire général de l'OTAN, Jens Stoltenberg, à l'issue ...": title, then name.
_BY_TITLE_THEN_NAME = re.compile(
    rf"\b(?:by|par)\s+(?:the\s+|le\s+|la\s+)?(?P<title>[^,]{{3,80}}),\s+(?P<name>{_CAPITALISED}(?:\s+{_CAPITALISED}){{1,3}})"
)


SUBTITLE_LENGTH = 1_000  # characters: a longer line is speech, and names no one the event is by


def subtitle_speakers(subtitle: str | None) -> list[Label]:
    """The people a subtitle says the event is "by": "by NATO Secretary General Mark Rutte
    and Prime Minister Jonas Gahr Støre of Norway" gives two labels. A part that names
    nobody is read with the next: "Assistant Secretary for European and Eurasian Affairs
    James O'Brien" is one person."""
    if subtitle is None or len(subtitle) > SUBTITLE_LENGTH:
        return []
    appositive = _BY_TITLE_THEN_NAME.search(subtitle or "")
    if appositive and titles.title_words(appositive.group("title")):
        title, name = appositive.group("title", "name")
        role = labels.describe(title, "subtitle")
        if role is not None and role.role not in (None, Role.QUESTIONER) and role.name is None:
            return [Label(f"{title}, {name}", role.role, "subtitle", 0.6, name=name, title=title)]
    match = _BY.search(subtitle or "")
    if not match:
        return []
    found, pending = [], ""
    for part in _JOINS.split(match.group("who")):
        if not pending and _JOINS.fullmatch(part):
            continue
        pending += part
        label = _person_described(pending)
        if label is not None:
            found.append(label)
            pending = ""
    return found
