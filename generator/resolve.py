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

_BY = re.compile(r"\bby\s+(?P<who>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|of|the|de|van|von))*)")


class Resolver:
    """Resolves the labels of one transcript."""

    def __init__(self, registry: Registry, subtitle: str | None):
        self.registry = registry
        self.principals: list[Person] = []
        for label in subtitle_speakers(subtitle):
            person = self._person(label)
            if person is not None and person not in self.principals:
                self.principals.append(person)

    def turns(self, turns: Iterable[LabelledTurn]) -> tuple[Turn, ...]:
        return tuple(Turn(self.speaker(t.label), t.paragraphs, t.line) for t in turns)

    def speaker(self, label: Label | None) -> Speaker:
        """Who speaks under `label`; None is the unlabelled opening, the subtitle's first principal."""
        if label is None:
            return Speaker(Role.PRINCIPAL, self.principals[0] if self.principals else None)
        if label.role is Role.QUESTIONER:
            person = self._known(label.name) or (Person(make_id(label.name), label.name) if label.name else None)
            return Speaker(Role.QUESTIONER, person, self._outlet(label.outlet))
        person = self._person(label)
        role = label.role or self._role_of(person)
        return Speaker(role, person)

    def _person(self, label: Label) -> Person | None:
        found = self._known(label.name) or self._known(label.text) or self._by_surname_or_title(label)
        if found:
            return found
        if label.name:
            return Person(make_id(label.name), label.name, label.title)
        return None

    def _known(self, name: str | None) -> Person | None:
        if not name:
            return None
        return self.registry.person(name) or next(
            (p for p in self.principals if key(p.name) == key(name)), None
        )

    def _by_surname_or_title(self, label: Label) -> Person | None:
        """"Rutte" or "NATO Secretary General" alone: the one principal it fits, if just one."""
        candidates = {*self.principals, *self.registry.canonical_people()}
        if label.name:
            wanted = key(label.name)
            fits = [p for p in candidates if key(p.name).endswith(" " + wanted)]
        elif label.title:
            fits = [p for p in candidates if p.role and key(p.role) == key(label.title)]
        else:
            fits = []
        return fits[0] if len(fits) == 1 else None

    def _role_of(self, person: Person | None) -> Role:
        """A label that gives only a name: the registry's role for the person decides."""
        if person is None:
            return Role.QUESTIONER
        if person.role:
            described = labels.describe(person.role, "registry", 1.0)
            if described and described.role:
                return described.role
        if person in self.principals:
            return Role.PRINCIPAL
        return Role.QUESTIONER

    def _outlet(self, name: str | None) -> Outlet | None:
        if not name:
            return None
        return self.registry.outlet(name) or Outlet(make_id(name), name)


def subtitle_speakers(subtitle: str | None) -> list[Label]:
    """The people a subtitle says the event is "by", as labels: "by NATO Secretary General
    Mark Rutte and ..." gives one label per person joined by "and"."""
    match = _BY.search(subtitle or "")
    if not match:
        return []
    found = []
    for words in match.group("who").split(" and "):
        label = labels.describe(words.strip(), "subtitle", 0.9)
        if label is not None and label.role is not Role.QUESTIONER and label.name:
            found.append(label)
    return found
