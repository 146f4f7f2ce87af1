"""The official titles labels carry ("Secretary General", "Porte-parole", "Moderator"),
what a holder of each does in the room (`Role`), and the same office under its other
names. `labels` reads titles in labels with them; `cast`, `askers`, `floor` and `resolve`
ask whether words are a title (`title_words`) and which office it is (`office`)."""

from __future__ import annotations

import functools
import re

from .model import Role

# Official titles, longest first so "Deputy Secretary General" wins over "Secretary General".
# The role says what a holder of the title does in the room.
TITLES: tuple[tuple[str, Role], ...] = tuple(
    sorted(
        (
            ("Deputy Secretary General", Role.PRINCIPAL),
            ("Secretary General", Role.PRINCIPAL),
            ("Secretary-General", Role.PRINCIPAL),
            ("Prime Minister", Role.PRINCIPAL),
            ("PM", Role.PRINCIPAL),
            ("DPM", Role.PRINCIPAL),
            ("Deputy Prime Minister", Role.PRINCIPAL),
            ("Foreign Minister", Role.PRINCIPAL),
            ("Defence Minister", Role.PRINCIPAL),
            ("Defense Minister", Role.PRINCIPAL),
            ("Minister", Role.PRINCIPAL),
            ("Vice President", Role.PRINCIPAL),
            ("President", Role.PRINCIPAL),
            ("Chancellor", Role.PRINCIPAL),
            ("Treasurer", Role.PRINCIPAL),
            ("Premier", Role.PRINCIPAL),
            ("Governor", Role.PRINCIPAL),
            ("Mayor", Role.PRINCIPAL),
            ("Ambassador", Role.PRINCIPAL),
            ("High Representative", Role.PRINCIPAL),
            ("High Representative/Vice-President", Role.PRINCIPAL),
            ("HR/VP", Role.PRINCIPAL),
            ("Commissioner", Role.PRINCIPAL),
            ("Chair", Role.PRINCIPAL),
            ("Chairman", Role.PRINCIPAL),
            ("Admiral", Role.PRINCIPAL),
            ("Secretary", Role.PRINCIPAL),
            ("Press Secretary", Role.PRINCIPAL),
            ("Spokesperson", Role.MODERATOR),
            ("Spokesman", Role.MODERATOR),
            ("Spokeswoman", Role.MODERATOR),
            ("Moderator", Role.MODERATOR),
            ("Operator", Role.MODERATOR),
            ("Host", Role.MODERATOR),
            ("Presenter", Role.MODERATOR),
            ("Aide", Role.MODERATOR),
            ("Administrator", Role.PRINCIPAL),
            ("Chief Executive", Role.PRINCIPAL),
            ("CEO", Role.PRINCIPAL),
            ("Co-CEO", Role.PRINCIPAL),
            ("Master of Ceremonies", Role.MODERATOR),
            ("Interpreter", Role.INTERPRETER),
            # As NATO's French pages write them.
            ("Secrétaire général", Role.PRINCIPAL),
            ("Secrétaire générale", Role.PRINCIPAL),
            ("Secrétaire général adjoint", Role.PRINCIPAL),
            ("Secrétaire générale adjointe", Role.PRINCIPAL),
            ("Premier ministre", Role.PRINCIPAL),
            ("Première ministre", Role.PRINCIPAL),
            ("Ministre", Role.PRINCIPAL),
            ("Président", Role.PRINCIPAL),
            ("Présidente", Role.PRINCIPAL),
            ("Porte-parole", Role.MODERATOR),
            ("Modérateur", Role.MODERATOR),
            ("Modératrice", Role.MODERATOR),
            ("Interprète", Role.INTERPRETER),
            # As Mexico's presidency writes them.
            ("Presidente", Role.PRINCIPAL),
            ("Presidenta", Role.PRINCIPAL),
            ("Secretario", Role.PRINCIPAL),
            ("Secretaria", Role.PRINCIPAL),
            ("Subsecretario", Role.PRINCIPAL),
            ("Subsecretaria", Role.PRINCIPAL),
            ("Gobernador", Role.PRINCIPAL),
            ("Gobernadora", Role.PRINCIPAL),
            ("Canciller", Role.PRINCIPAL),
            ("Director", Role.PRINCIPAL),
            ("Directora", Role.PRINCIPAL),
            ("Moderador", Role.MODERATOR),
            ("Moderadora", Role.MODERATOR),
            ("Intérprete", Role.INTERPRETER),
        ),
        key=lambda row: -len(row[0]),
    )
)
_ROLE_OF_TITLE = {title.casefold(): role for title, role in TITLES}
# The same office under another name: NATO's French pages, EU and US variants.
SAME_OFFICE = {
    "secretary-general": "Secretary General",
    "secrétaire général": "Secretary General",
    "secrétaire générale": "Secretary General",
    "secrétaire général adjoint": "Deputy Secretary General",
    "secrétaire générale adjointe": "Deputy Secretary General",
    "premier ministre": "Prime Minister",
    "première ministre": "Prime Minister",
    "ministre": "Minister",
    "président": "President",
    "présidente": "President",
    "porte-parole": "Spokesperson",
    "spokesman": "Spokesperson",
    "spokeswoman": "Spokesperson",
    "modérateur": "Moderator",
    "modératrice": "Moderator",
    "interprète": "Interpreter",
    "hr/vp": "High Representative",
    "high representative/vice-president": "High Representative",
    "defense minister": "Defence Minister",
    "pm": "Prime Minister",
    "dpm": "Deputy Prime Minister",
}


# Each title as a whole word or words, in the order of `TITLES` (the longest first), compiled
# once: a title is looked for in every label and every would-be first name of a transcript.
_TITLE_PATTERNS = tuple((t, re.compile(rf"(?<!\w){re.escape(t.casefold())}(?!\w)")) for t, _ in TITLES)


@functools.lru_cache(maxsize=4096)
def title_words(title: str) -> str | None:
    """The official title within "NATO Secretary General", "Secretary of State": the longest known."""
    lowered = title.casefold()
    return next((t for t, pattern in _TITLE_PATTERNS if pattern.search(lowered)), None)


def office(title: str) -> str | None:
    """The office a title names, whatever the language: "Secrétaire général" is "Secretary General"."""
    words = title_words(title)
    return words and SAME_OFFICE.get(words.casefold(), words)


def role_of(title: str) -> Role:
    """The role of the holder of the official title within `title`, which must hold one."""
    return _ROLE_OF_TITLE[str(title_words(title)).casefold()]
