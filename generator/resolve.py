"""Stage 4, `resolve`: labels to people and outlets, through the registry.

"Retuers" reads as Reuters and "NATO Secretary General Rutte" as Mark Rutte. Besides the
registry, a transcript names its principals in its own subtitle ("by NATO Secretary
General Mark Rutte ahead of ..."): they speak the unlabelled opening statement, and a label
giving only their title or surname is theirs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import labels
from .model import Label, LabelledTurn, Outlet, Person, Role, Speaker, Turn
from .registry import Registry, key, make_id

_CAPITALISED = r"[A-Z][\w.'’-]*"
_BY = re.compile(
    rf"\bby\s+(?:the\s+)?(?P<who>{_CAPITALISED}(?:(?:,?\s+)(?:{_CAPITALISED}|and|of|the|with|de|van|von|der))*)"
)
_JOINS = re.compile(r",\s+|\s+and\s+|\s+with\s+")
_OF_PLACE = re.compile(rf"\s+of\s+(?:the\s+)?{_CAPITALISED}(?:\s+{_CAPITALISED})*$")  # "Jonas Gahr Støre of Norway"


class Resolver:
    """Resolves the labels of one transcript, and notes the guesses it had to make."""

    def __init__(self, registry: Registry, subtitle: str | None):
        self.registry = registry
        self.principals: list[Person] = []
        self.guesses: list[tuple[int, str]] = []  # (line, what an editor should check)
        for label in subtitle_speakers(subtitle):
            person = self._person(label)
            if person is not None and person not in self.principals:
                self.principals.append(person)

    def knows(self, label: Label) -> bool:
        """Whether the registry or the subtitle knows the label's person or outlet."""
        outlet = label.outlet and self.registry.outlet(label.outlet)
        return bool(outlet or self._find(label))

    def turns(self, turns: Iterable[LabelledTurn]) -> tuple[Turn, ...]:
        """Resolved turns; two turns in a row by the same named speaker are one."""
        resolved: list[Turn] = []
        for t in turns:
            speaker = self.speaker(t.label, t.line)
            if resolved and speaker.person and resolved[-1].speaker == speaker:
                last = resolved.pop()
                resolved.append(Turn(speaker, last.paragraphs + t.paragraphs, last.line))
            else:
                resolved.append(Turn(speaker, t.paragraphs, t.line))
        return tuple(resolved)

    def speaker(self, label: Label | None, line: int = 0) -> Speaker:
        """Who speaks under `label`; None is the unlabelled opening, the subtitle's first principal."""
        if label is None:
            return Speaker(Role.PRINCIPAL, self.principals[0] if self.principals else None)
        if label.role is Role.QUESTIONER:
            person = self._known(label.name) or _new_person(label)
            return Speaker(Role.QUESTIONER, person, self._outlet(label.outlet))
        found = self._find(label)
        if label.role is None and found is None:
            self.guesses.append((line, f"'{label.text}' is not in speakers.yml: read as a journalist's name"))
        person = found or _new_person(label)
        return Speaker(label.role or self._role_of(person), person)

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
        """"Rutte" or "NATO Secretary General" alone: the one person it fits, looked for
        among the transcript's own principals first, then in the registry."""
        for candidates in (self.principals, self.registry.canonical_people()):
            if label.name:
                fits = [p for p in candidates if key(p.name).endswith(" " + key(label.name))]
            elif label.title:
                fits = [p for p in candidates if key(p.role or "") == key(label.title)]
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
        words = _OF_PLACE.sub("", re.sub(r"^the\s+", "", words.strip()))
        label = labels.describe(words, "subtitle")
        if label is not None and label.role is not Role.QUESTIONER and label.name:
            found.append(label)
    return found
