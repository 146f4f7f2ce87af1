"""Both language versions of one event: a sidecar's `language` and `translation_of`.

NATO publishes each transcript in English and in French, as two pages. A sidecar names
the language of its text (`language: fr`; without it, the site's, English) and the id of
the transcript it is a version of (`translation_of: 2025-06-04-pre-ministerial-press-conference`).
The two are then linked both ways: at the top of each page, and exchange by exchange, by
their order (`q3` in English is `q3` in French), using the anchors each keeps in the
ledger. Where the two versions do not have as many exchanges, the order is not trusted:
the pages are linked but not their exchanges, and `check` warns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from .errors import Problem
from .model import Transcript, Version

SITE_LANGUAGE = "en"
# English names of the languages a filter and a link name: any other code is shown as it is.
NAMES = {"en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
         "nl": "Dutch", "pl": "Polish", "uk": "Ukrainian", "ru": "Russian", "ar": "Arabic", "zh": "Chinese"}


def language(t: Transcript) -> str:
    return t.meta.language or SITE_LANGUAGE


def name(code: str) -> str:
    """"French" for "fr", "French (Canada)" for "fr-CA"."""
    base, _, region = code.partition("-")
    known = NAMES.get(base.lower(), code)
    return f"{known} ({region})" if region and known != code else known


def questions(t: Transcript | Any) -> int:
    """How many exchanges a transcript has (or the card or kept reading standing for it says)."""
    return len(t.exchanges) if isinstance(t, Transcript) else t.questions


def pairs(transcripts: Iterable[Transcript]) -> dict[str, str]:
    """Each transcript's other version, by id, both ways: from the sidecars' `translation_of`
    that name a transcript of the archive in another language. The first claim on a
    transcript wins, in id order."""
    by_id = {t.id: t for t in transcripts}
    found: dict[str, str] = {}
    for t in sorted(by_id.values(), key=lambda t: t.id):
        other = by_id.get(t.meta.translation_of or "")
        if other is None or other.id == t.id or language(other) == language(t):
            continue
        if t.id not in found and other.id not in found:
            found[t.id], found[other.id] = other.id, t.id
    return found


def problems(transcripts: Iterable[Transcript]) -> list[Problem]:
    """What an editor should fix: a `translation_of` naming no transcript, or one in the
    same language, or claimed twice; two versions whose exchanges do not align by count."""
    transcripts = tuple(transcripts)
    by_id = {t.id: t for t in transcripts}
    linked = pairs(transcripts)
    found = []
    for t in sorted(transcripts, key=lambda t: t.id):
        wanted = t.meta.translation_of
        if wanted is None:
            continue
        sidecar = t.source.with_suffix(".yml")
        other = by_id.get(wanted)
        if other is None:
            found.append(Problem(sidecar, 0, f"translation_of: no transcript has the id '{wanted}': "
                                 "give the id (the file name without .txt) of the other version"))
        elif language(other) == language(t):
            found.append(Problem(sidecar, 0, f"translation_of: '{wanted}' is in {name(language(t))} too: give "
                                 "this transcript's own `language`"))
        elif linked.get(t.id) != other.id:
            found.append(Problem(sidecar, 0, f"translation_of: '{wanted}' is already linked to "
                                 f"'{linked.get(other.id)}': a transcript has one other version"))
        elif questions(t) != questions(other):
            found.append(Problem(t.source, 0, f"{questions(t)} exchanges here, {questions(other)} in its "
                                 f"{name(language(other))} version '{other.id}': the two pages are linked, but not "
                                 "their exchanges, until both read the same questions (check both readings)"))
    return found


def link(transcripts: tuple[Transcript, ...]) -> tuple[Transcript, ...]:
    """Each transcript with its other version, if it has one (`Transcript.version`)."""
    found = links(transcripts)
    return tuple(replace(t, version=v) if (v := found[t.id]) else t for t in transcripts)


def links(transcripts: Iterable[Transcript | Any]) -> dict[str, Version | None]:
    """Each transcript's other version, by id (of transcripts, or of their cards)."""
    by_id = {t.id: t for t in transcripts}
    linked = pairs(by_id.values())

    def version(t: Transcript | Any) -> Version | None:
        other = by_id[linked[t.id]] if t.id in linked else None
        if other is None:
            return None
        aligned = questions(t) == questions(other)
        anchors = tuple(e.anchor for e in other.exchanges) if isinstance(other, Transcript) else tuple(other.anchor_list())
        return Version(other.id, other.url, language(other), other.meta.title, anchors if aligned else (), aligned)

    return {id_: version(t) for id_, t in by_id.items()}
