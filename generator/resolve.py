"""Stage 4, `resolve`: labels to people and outlets, through the registry.

"Retuers" reads as Reuters and "NATO Secretary General Rutte" as Mark Rutte. Besides the
registry, a transcript names its principals in its own subtitle ("by NATO Secretary
General Mark Rutte ahead of ..."): they speak the unlabelled opening statement, and a label
giving only their title or surname is theirs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from . import labels
from .model import Label, LabelledTurn, Outlet, Person, Role, Speaker, Turn
from .registry import Registry, key, make_id

_CAPITALISED = r"[A-Z][\w.'’-]*"
_BY = re.compile(
    rf"\bby\s+(?:the\s+)?(?P<who>{_CAPITALISED}(?:(?:,?\s+)(?:{_CAPITALISED}|and|of|the|with|de|van|von|der))*)"
)
_JOINS = re.compile(r",\s+|\s+and\s+|\s+with\s+")
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

    def __init__(self, registry: Registry, subtitle: str | None, overrides: Mapping[str, Override] | None = None):
        self.registry = registry
        self.overrides = {key(label): override for label, override in (overrides or {}).items()}
        self.written = {key(label): label for label in overrides or {}}  # as the editor wrote them
        self.used: set[str] = set()  # the overrides some label matched
        self.principals: list[Person] = []
        self.guesses: list[tuple[int, str]] = []  # (line, what an editor should check)
        self.inferred: dict[str, Role] = {}  # roles the turn structure gave role-less labels
        for label in subtitle_speakers(subtitle):
            person = self._person(label)
            if person is not None and person not in self.principals:
                self.principals.append(person)

    def knows(self, label: Label) -> bool:
        """Whether the registry, the subtitle or the sidecar knows the label's person or outlet."""
        outlet = label.outlet and self.registry.outlet(label.outlet)
        return bool(outlet or key(label.text) in self.overrides or self._find(label))

    def turns(self, turns: Sequence[LabelledTurn]) -> tuple[Turn, ...]:
        """Resolved turns; two turns in a row by the same named speaker are one, and an
        interpreter's turn is the words of the speaker before it."""
        self.inferred = self._infer_roles(turns)
        resolved: list[Turn] = []
        for t in turns:
            written = (t.label.text,) if t.label else ()
            if t.label is not None and t.label.role is Role.INTERPRETER:
                rendered = resolved[-1].speaker if resolved else Speaker(Role.PRINCIPAL, self._principal())
                resolved.append(Turn(rendered, t.paragraphs, t.line, written, interpreted=True))
                continue
            speaker = self.speaker(t.label, t.line)
            last = resolved[-1] if resolved else None
            if last and speaker.person and last.speaker == speaker and not last.interpreted:
                resolved[-1] = Turn(speaker, last.paragraphs + t.paragraphs, last.line, last.labels + written)
            else:
                resolved.append(Turn(speaker, t.paragraphs, t.line, written))
        return tuple(resolved)

    def speaker(self, label: Label | None, line: int = 0) -> Speaker:
        """Who speaks under `label`; None is the unlabelled opening, the subtitle's first principal."""
        if label is None:
            return Speaker(Role.PRINCIPAL, self._principal())
        override = self.overrides.get(key(label.text))
        if override is not None:
            self.used.add(key(label.text))
            return self._overridden(label, override)
        if label.role is Role.QUESTIONER:
            person = self._known(label.name) or _new_person(label)
            return Speaker(Role.QUESTIONER, person, self._outlet(label.outlet))
        found = self._find(label)
        if label.role is Role.PRINCIPAL and found is None and label.name is None and label.title is None:
            found = self._principal()  # "Answer:", "A:": the event's principal
        inferred = self.inferred.get(label.text)
        if label.role is None and found is None and inferred is None:
            self.guesses.append((line, f"'{label.text}' is not in speakers.yml: read as a journalist's name"))
        person = found or _new_person(label)
        if person is not None and person in self.principals:
            return Speaker(Role.PRINCIPAL, person)  # the subtitle says who the event is by
        return Speaker(label.role or inferred or self._role_of(person), person)

    def handover(self, text: str) -> tuple[Person | None, Outlet | None]:
        """Who a moderator gives the floor to: "We'll go to Reuters, Sabine" gives Reuters,
        and Sabine if the registry knows one journalist of that first name."""
        name, outlet_name = handed_to(text, self._is_outlet)
        outlet = self._outlet(outlet_name)
        if name is None:
            return None, outlet
        person = self._known(name)
        if person is None and " " not in name:
            fits = [p for p in self.registry.canonical_people() if key(p.name).startswith(key(name) + " ")]
            person = fits[0] if len(fits) == 1 else None
        elif person is None:
            person = Person(make_id(name), name)
        return person, outlet

    def _is_outlet(self, words: str) -> bool:
        return self.registry.outlet(words) is not None or looks_like_outlet(words)

    def _overridden(self, label: Label, override: Override) -> Speaker:
        name = override.name or label.name
        person = None
        if name:
            person = self._known(name) or Person(make_id(name), name, label.title)
        role = override.role or label.role or self._role_of(person)
        return Speaker(role, person, self._outlet(override.outlet or label.outlet) if role is Role.QUESTIONER else None)

    def _principal(self) -> Person | None:
        return self.principals[0] if self.principals else None

    def _infer_roles(self, turns: Sequence[LabelledTurn]) -> dict[str, Role]:
        """Roles for the labels that name someone nobody knows ("MS. JEAN-PIERRE:"), from
        where their turns stand: one who keeps answering questions is a principal; one
        who speaks once, asking, is a journalist."""
        roleless = [t.label.text for t in turns if t.label and t.label.role is None and self._find(t.label) is None]
        seen = Counter(roleless)
        answering: Counter[str] = Counter()
        for before, turn in zip(turns, turns[1:]):
            if turn.label and turn.label.text in seen and before.label and before.label.role is Role.QUESTIONER:
                answering[turn.label.text] += 1
        inferred = {}
        for text, count in seen.items():
            asks = any(t.label and t.label.text == text and "?" in " ".join(t.paragraphs) for t in turns)
            if answering[text] and (count >= 2 or not asks):
                inferred[text] = Role.PRINCIPAL
            elif count == 1 and asks:
                inferred[text] = Role.QUESTIONER
        return inferred

    def _person(self, label: Label) -> Person | None:
        return self._find(label) or _new_person(label)

    def _find(self, label: Label) -> Person | None:
        return self._known(label.name) or self._known(label.text) or self._by_surname_or_title(label)

    def _known(self, name: str | None) -> Person | None:
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

    def _outlet(self, name: str | None) -> Outlet | None:
        if not name:
            return None
        return self.registry.outlet(name) or Outlet(make_id(name), name)


_HONORIFIC = re.compile(r"^(?:mr|ms|mrs|dr|prof)\.?\s+", re.I)


def _same_title(role: str, title: str) -> bool:
    """"NATO Secretary General" and "Secretary General:" hold the same office; so do
    "Prime Minister of Sweden" and "PRIME MINISTER" (but not "Deputy Secretary General")."""
    mine, theirs = labels.title_words(role), labels.title_words(title)
    return key(role) == key(title) or (mine is not None and mine == theirs)


# Words that make a name an outlet's: "Ukraine News Agency", "Al Mamlaka TV", "AFP".
_OUTLET_WORDS = frozenset(
    """news agency agence press presse tv television télévision radio times post journal daily
    herald tribune gazette zeitung broadcasting broadcast channel network service media wire
    reuters bloomberg politico telegraph guardian monde figaro observer economist magazine
    dpa ap afp ansa efe bbc cnn nhk ard zdf rai tass pap""".split()
)


def looks_like_outlet(words: str) -> bool:
    tokens = words.split()
    return any(t.casefold() in _OUTLET_WORDS for t in tokens) or (len(tokens) == 1 and tokens[0].isupper() and len(tokens[0]) >= 2)


# How a moderator gives the floor: "We'll go to Reuters, Sabine", "Next question from
# Lorne Cook of AP", "La parole est à Jean Dupont (Le Monde)".
_HANDOVER = re.compile(
    r"(?:\b(?:go(?:ing)?|come|turn|over|move)\s+(?:back\s+|now\s+)?to|\b(?:floor|microphone|mic)\s+to|"
    r"\b(?:start|begin)\s+with|\b(?:question|questions)\s+(?:from|goes\s+to)|\bnext(?:\s+is)?|"
    r"\bfollowed\s+by|\blet'?s\s+(?:take|have)|\bparole\s+(?:est\s+)?à|\bpassons\s+à)\s+(?P<who>[^.;!?]+)",
    re.I,
)
_CAPITALS = re.compile(r"(?:the\s+)?(?P<words>[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|of|de|al|el|la|and|&))*)")


def handed_to(text: str, is_outlet) -> tuple[str | None, str | None]:
    """The name and outlet a moderator's hand-over gives, as written; either may be None."""
    name = outlet = None
    for match in _HANDOVER.finditer(text):
        who = re.sub(r"\s+\((?P<o>[^)]+)\)", r", \g<o>", match.group("who"))
        parts = re.split(r",\s+|\s+(?:from|of|with)\s+", who)
        for index, part in enumerate(parts):
            capitals = _CAPITALS.match(part.strip())
            if not capitals:
                continue
            words = capitals.group("words").rstrip(".")
            after_from = index > 0 and re.search(rf"\s+(?:from|of|with)\s+{re.escape(part)}", who)
            if outlet is None and (after_from or is_outlet(words)):
                outlet = words
            elif name is None and not is_outlet(words) and len(words.split()) <= 3:
                name = words
        if name or outlet:
            break
    return name, outlet


def _new_person(label: Label) -> Person | None:
    """Someone neither the registry nor the subtitle knows, as the label names them."""
    return Person(make_id(label.name), label.name, label.title) if label.name else None


def subtitle_speakers(subtitle: str | None) -> list[Label]:
    """The people a subtitle says the event is "by": "by NATO Secretary General Mark Rutte
    and Prime Minister Jonas Gahr Støre of Norway" gives two labels."""
    match = _BY.search(subtitle or "")
    if not match:
        return []
    found = []
    for words in _JOINS.split(match.group("who")):
        words = re.sub(r"^the\s+", "", words.strip())
        # "Prime Minister Jonas Gahr Støre of Norway", but "Secretary of State Antony Blinken".
        described = (labels.describe(w, "subtitle") for w in (_OF_PLACE.sub("", words), words))
        label = next((d for d in described if d is not None and d.role is not Role.QUESTIONER and d.name), None)
        if label is not None:
            found.append(label)
    return found
