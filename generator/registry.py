"""The speaker registry, `speakers.yml`: people and outlets, and how the texts misspell them.

```yaml
people:
  - name: Mark Rutte
    role: NATO Secretary General
    aliases: [Rutte]
outlets:
  - name: Reuters
    aliases: [Retuers]
```

Names are looked up by a loose key (case, spacing and punctuation ignored), so an alias is
only needed for a real misspelling. Ids are slugs of the canonical name.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from slugify import slugify

from . import schema
from .errors import InputError, Problem
from .model import Outlet, Person
from .read import LINKED_OUT, decode, inside
from .schema import TEXT, Field, ListOf

_PERSON = {
    "name": Field(TEXT, "the canonical name readers see, 'Mark Rutte'", required=True),
    "role": Field(TEXT, "what they are, 'NATO Secretary General'; a spokesperson or moderator gives the floor"),
    "aliases": Field(ListOf(TEXT), "other spellings in the texts, typos included: 'Dymtro Shkurko'"),
}
_OUTLET = {
    "name": Field(TEXT, "the canonical name readers see, 'Reuters'", required=True),
    "aliases": Field(ListOf(TEXT), "other spellings in the texts, typos and short forms: 'Retuers', 'FAZ'"),
}
_TOPIC = {
    "name": Field(TEXT, "the topic's name readers see, 'Ukraine'", required=True),
    "aliases": Field(ListOf(TEXT), "other names sidecars give it: 'the war in Ukraine', 'defense spending'"),
}
REGISTRY = {
    "people": Field(ListOf(_PERSON), "people who speak: officials, moderators, journalists"),
    "outlets": Field(ListOf(_OUTLET), "news organisations journalists ask for"),
    "topics": Field(ListOf(_TOPIC), "the subjects of sidecars' `topics`, with the other names they are given"),
}


@functools.lru_cache(maxsize=65536)
def key(name: str) -> str:
    """The loose form names are compared in: 'Dymtro  Shkurko.' and 'dymtro shkurko' meet."""
    return " ".join(re.sub(r"[^\w\s]", " ", name.casefold()).split())


# A folder's own page is `index.md`: no transcript, person or outlet may take that name;
# nor may one take a name Windows reserves for a device whatever its extension ("con.md",
# "aux/"), or the docs and the site could not be copied to or built on Windows.
RESERVED_IDS = frozenset({"index", "con", "prn", "aux", "nul", *(f"{d}{n}" for d in ("com", "lpt") for n in range(10))})
# An id names a file (`<id>.json`) and a folder: far below the 255 bytes a file name may
# have, with room for the temporary name a file is written under.
MAX_ID_LENGTH = 200


def make_id(name: str) -> str:
    """The id (and page name) for a name: a slug of [a-z0-9-], never a reserved one
    ("Index", the Hungarian outlet, gets "index-1"; "CON" gets "con-1"; "Page 2" gets
    "page-2-1", as listings' later pages are named so), and never longer than
    `MAX_ID_LENGTH`: a longer slug is cut and ends with a hash of the whole, so that
    two names that differ only after the cut keep different ids."""
    slug = slugify(name) or "unnamed"
    if len(slug) > MAX_ID_LENGTH:
        digest = hashlib.sha256(slug.encode("ascii")).hexdigest()[:8]
        slug = f"{slug[: MAX_ID_LENGTH - len(digest) - 1].rstrip('-')}-{digest}"
    return f"{slug}-1" if slug in RESERVED_IDS or re.fullmatch(r"page-\d+", slug) else slug


@dataclass
class Registry:
    """Canonical people and outlets, found by any of their spellings."""

    people: dict[str, Person] = field(default_factory=dict)
    outlets: dict[str, Outlet] = field(default_factory=dict)
    topics: dict[str, str] = field(default_factory=dict)  # loose key of any of its names -> the topic's name
    _canonical: tuple[dict, list[Person]] | None = field(default=None, repr=False, compare=False)

    def person(self, name: str) -> Person | None:
        return self.people.get(key(name))

    def outlet(self, name: str) -> Outlet | None:
        return self.outlets.get(key(name))

    def topic(self, name: str) -> str:
        """The name a topic is listed under: the registry's, or as the sidecar gives it."""
        return self.topics.get(key(name), name)

    def canonical_people(self) -> list[Person]:
        """Each person once, by id; worked out once (the registry is not changed after loading)."""
        if self._canonical is None or len(self._canonical[0]) != len(self.people):
            self._canonical = (dict(self.people), sorted(set(self.people.values()), key=lambda p: p.id))
        return self._canonical[1]


def load_registry(folder: Path) -> Registry:
    """Read `speakers.yml` from the input folder; a folder without one has an empty registry."""
    path = folder / "speakers.yml"
    if not path.is_file():
        return Registry()
    if not inside(folder, path):
        raise InputError.at(path, 0, LINKED_OUT)
    entry = schema.load(path, decode(path, path.read_bytes()), REGISTRY)
    problems: list[Problem] = []
    registry = Registry()
    for item in entry.get("people", ()):
        person = Person(make_id(item.get("name")), item.get("name"), item.get("role"))
        _add(registry.people, person, item, path, problems)
    for item in entry.get("outlets", ()):
        outlet = Outlet(make_id(item.get("name")), item.get("name"))
        _add(registry.outlets, outlet, item, path, problems)
    for item in entry.get("topics", ()):
        _add(registry.topics, item.get("name"), item, path, problems)
    if problems:
        raise InputError(problems)
    return registry


def _id_of(value: Person | Outlet | str) -> str:
    return make_id(value) if isinstance(value, str) else value.id


def _name_of(value: Person | Outlet | str) -> str:
    return value if isinstance(value, str) else value.name


def _add(table: dict, value: Person | Outlet | str, item: schema.Entry, path: Path, problems: list[Problem]) -> None:
    """Enter `value` (a person, an outlet, or a topic's name) under its name and aliases."""
    ids = {_id_of(other): other for other in table.values()}
    name = _name_of(value)
    if _id_of(value) in ids:
        other = _name_of(ids[_id_of(value)])
        message = (
            f"'{name}' is listed twice: keep one entry and put every spelling in its aliases"
            if other == name
            else f"'{name}' and '{other}' have the same id '{_id_of(value)}'"
        )
        problems.append(Problem(path, item.line, message))
        return
    for spelling in (name, *item.get("aliases", ())):
        existing = table.get(key(spelling))
        if existing is not None and existing != value:
            problems.append(
                Problem(path, item.line, f"'{spelling}' already names '{_name_of(existing)}': one spelling, one entry")
            )
            continue
        table[key(spelling)] = value
