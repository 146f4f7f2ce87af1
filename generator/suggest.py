"""What `check` suggests for the registry: spellings that look like a known name, and the
new names and outlets of a corpus, with their spellings, for an editor to accept.

Fuzzy matching is rapidfuzz's, on the registry's loose keys, so "Retuers" meets "Reuters"
and "Dymtro Shkurko" meets "Dmytro Shkurko". Nothing here changes how a text is read: an
editor accepts a suggestion by adding it to `speakers.yml`.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, MutableMapping
from dataclasses import dataclass
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from .errors import Problem
from .model import Outlet, Person, Transcript, Turn
from .registry import Registry, key

LOOKS_LIKE = 85  # rapidfuzz ratio from which a spelling "looks like" another
SAME_NAME = 88  # ... and from which two new spellings are taken for one name


@dataclass(frozen=True)
class Spelling:
    """One way a name is written, where it is first written so, and how often."""

    kind: str  # "person" or "outlet"
    name: str
    path: Path
    line: int
    count: int


Named = tuple[tuple[str, str, int, int], ...]  # a transcript's spellings: kind, name, first line, how often


def named(t: Transcript) -> Named:
    """Every person and outlet name the transcript writes on a turn: where first, how often."""
    found: dict[tuple[str, str], list[int]] = {}
    for kind, name, line in _names(t):
        place = found.setdefault((kind, name), [line, 0])
        place[0], place[1] = min(place[0], line), place[1] + 1
    return tuple((kind, name, line, count) for (kind, name), (line, count) in found.items())


def spellings(transcripts: Iterable[Transcript | tuple[Path, Named]], registry: Registry) -> list[Spelling]:
    """Every person and outlet name the texts write, neither in the registry, once each
    (of transcripts, or of their sources' spellings as `named` gives them)."""
    # Each place as its file's parts and the line: tuples, which compare without a call
    # of Path's `<` (where a name is first written is a minimum over every transcript naming it).
    first: dict[tuple[str, str], tuple[tuple[str, ...], int]] = {}
    count: Counter[tuple[str, str]] = Counter()
    sources: dict[tuple[str, ...], Path] = {}
    for item in transcripts:
        source, names = (item.source, named(item)) if isinstance(item, Transcript) else item
        parts = source.parts
        sources[parts] = source
        for kind, name, line, n in names:
            place = (parts, line)
            if (kind, name) not in first or place < first[kind, name]:
                first[kind, name] = place
            count[kind, name] += n
    firsts = {spelled: place for spelled, place in first.items() if _lookup(registry, *spelled) is None}
    return sorted(
        (Spelling(kind, name, sources[place[0]], place[1], count[kind, name]) for (kind, name), place in firsts.items()),
        key=lambda s: (s.kind, key(s.name), s.name),
    )


def near_misses(transcripts: Iterable[Transcript | tuple[Path, Named]], registry: Registry, kept: MutableMapping[str, object] | None = None,
                registry_key: str = "") -> list[Problem]:
    """'Retuers' looks like outlet 'Reuters': a warning where a new spelling is close to a
    registry name or alias, or to a more frequent new spelling of the corpus. `kept` holds
    the last run's verdicts under a digest of the registry (`registry_key`, a digest of its
    file) and of the new spellings with their counts: where neither changed (a correction of
    the text, not of a name), no name is matched again."""
    new = spellings(transcripts, registry)
    made_of = hashlib.sha256(repr([registry_key, *((s.kind, s.name, s.count) for s in new)]).encode()).hexdigest()
    verdicts = kept.get("verdicts") if kept is not None and kept.get("key") == made_of else None
    if verdicts is None:
        verdicts = [_verdict(s, new, registry) for s in new]
        if kept is not None:
            kept.update(key=made_of, verdicts=verdicts)
    return [Problem(s.path, s.line, verdict) for s, verdict in zip(new, verdicts) if verdict]


def _verdict(s: Spelling, new: list[Spelling], registry: Registry) -> str | None:
    """What a new spelling looks like, if anything: a registry name, or a more frequent new spelling."""
    known = {k: value.name for k, value in _table(registry, s.kind).items()}
    match = process.extractOne(key(s.name), known.keys(), scorer=fuzz.ratio, score_cutoff=LOOKS_LIKE)
    if match:
        return f"'{s.name}' looks like {s.kind} '{known[match[0]]}': add it as an alias in speakers.yml"
    rivals = [o for o in new if o.kind == s.kind and o.count > s.count and _close(o.name, s.name)]
    if not rivals:
        return None
    best = max(rivals, key=lambda o: (o.count, o.name))
    return (f"'{s.name}' looks like {s.kind} '{best.name}' (written so {best.count} times): "
            "if they are one, list both in speakers.yml")


def registry_suggestion(transcripts: Iterable[Transcript], registry: Registry) -> str:
    """YAML to paste into `speakers.yml`: the new people and outlets, the most frequent
    spelling as the name and the others close to it as aliases."""
    transcripts = tuple(transcripts)
    new = spellings(transcripts, registry)
    roles = _principal_roles(transcripts)
    people = [
        {"name": names[0], **({"role": roles[names[0]]} if names[0] in roles else {}),
         **({"aliases": names[1:]} if names[1:] else {})}
        for names in _grouped(s for s in new if s.kind == "person")
    ]
    outlets = [
        {"name": names[0], **({"aliases": names[1:]} if names[1:] else {})}
        for names in _grouped(s for s in new if s.kind == "outlet")
    ]
    head = "# New in the transcripts, not yet in speakers.yml: check each, then add it there.\n"
    topics = topic_suggestion(transcripts, registry)
    if not people and not outlets:
        return "# Nothing new: every person and outlet of the transcripts is in speakers.yml.\n" + topics
    return head + yaml.safe_dump({"people": people, "outlets": outlets}, allow_unicode=True, sort_keys=False) + topics


TOPICS_SUGGESTED = 5  # at most, per transcript


def topic_suggestion(transcripts: Iterable[Transcript], registry: Registry) -> str:
    """For each transcript whose sidecar gives no `topics`: the topics of the archive (the
    registry's, with their aliases, and the other sidecars') its speech names most often,
    as a comment to review and copy into that sidecar. Only a suggestion: a page shows
    the topics a sidecar gives, never these."""
    transcripts = tuple(transcripts)
    known = {key(name): registry.topic(name) for name in registry.topics.values()}
    known.update((spelling, name) for spelling, name in registry.topics.items())
    known.update((key(name), name) for t in transcripts for name in t.meta.topics)
    lines = []
    for t in transcripts:
        if t.meta.topics:
            continue
        words = f" {key(' '.join(turn.text for turn in _turns(t)))} "
        counts = Counter()
        for spelling, name in known.items():
            if spelling and (n := words.count(f" {spelling} ")):
                counts[name] += n
        chosen = [name for name, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:TOPICS_SUGGESTED]]
        if chosen:
            lines.append(f"# {t.source.with_suffix('.yml').name}: topics: [{', '.join(chosen)}]\n")
    if not lines:
        return ""
    return ("# Topics the archive already has, named in transcripts whose sidecar gives none "
            "(check, then add to that sidecar):\n" + "".join(lines))


def _grouped(found: Iterable[Spelling]) -> Iterator[list[str]]:
    """Spellings close to one another, most frequent first; groups in name order."""
    pending = sorted(found, key=lambda s: (-s.count, s.name))
    groups = []
    while pending:
        first, *rest = pending
        group = [first] + [s for s in rest if _close(s.name, first.name)]
        pending = [s for s in rest if s not in group]
        groups.append([s.name for s in group])
    return iter(sorted(groups, key=lambda names: key(names[0])))


def _close(a: str, b: str) -> bool:
    return fuzz.ratio(key(a), key(b)) >= SAME_NAME


def _names(t: Transcript) -> Iterator[tuple[str, str, int]]:
    for turn in _turns(t):
        speaker = turn.speaker
        if speaker.person:
            yield "person", speaker.person.name, turn.line
        if speaker.outlet:
            yield "outlet", speaker.outlet.name, turn.line


def _turns(t: Transcript) -> list[Turn]:
    return [*t.opening, *t.closing, *(x for e in t.exchanges for x in e.turns)]


def _principal_roles(transcripts: Iterable[Transcript]) -> dict[str, str]:
    """The titles people are given (by the subtitle or their labels), for their entries."""
    roles: dict[str, Counter[str]] = defaultdict(Counter)
    for t in transcripts:
        for turn in _turns(t):
            person = turn.speaker.person
            if person and person.role:
                roles[person.name][person.role] += 1
    return {name: counts.most_common(1)[0][0] for name, counts in roles.items()}


def _table(registry: Registry, kind: str) -> dict[str, Person | Outlet]:
    return registry.people if kind == "person" else registry.outlets


def _lookup(registry: Registry, kind: str, name: str) -> Person | Outlet | None:
    return registry.person(name) if kind == "person" else registry.outlet(name)
