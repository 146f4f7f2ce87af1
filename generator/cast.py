"""Stage 4, `cast`: who is who in one transcript, decided over all of its turns at once.

`parse` reads each label on its own shape. Here the transcript is looked at whole, in
order: who the title and subtitle say it is by; which speakers keep giving the floor
(short turns naming a journalist or an outlet, "We'll go to…", "Next question", "your
line is open": moderators, operators, a spokesperson chairing, whatever their label) and
which answer the journalists (principals); in a transcript with no question keyword,
which names ask and which answer; which labels are one person (a full titled label, then
a short one; a label misspelt). `cast` returns the resolved turns with the warnings of
what it could not place.

Who asks each question is `askers`' job, once `structure` has grouped the turns.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from . import labels, titles, unlabelled
from .floor import ANSWER_WORDS, FLOOR_WORDS, GIVES_FLOOR, HONORIFIC, NOT_NAMES, asks, gives_floor
from .model import Label, LabelledTurn, Person, Role, Speaker, Turn
from .moderating import routed
from .registry import key, make_id
from .resolve import Resolver

ASKS_SHARE = 3  # a name that asks in one turn of this many, answered by a principal, is a journalist's
ASKER_TURNS = 3  # a name that asks in no more turns than this, answering none, is a journalist's
QUESTION_KEYWORDS = ("QUESTION", "JOURNALIST", "REPORTER", "QUESTIONER")


@dataclass(frozen=True)
class Cast:
    turns: tuple[Turn, ...]
    warnings: tuple[tuple[int, str], ...] = ()  # (line of the transcript, what an editor should check)
    unused: tuple[tuple[str, int], ...] = ()  # the sidecar's speaker overrides no label matched: (label, sidecar line)


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
    turns = _journalists_again(_spelled(turns, warnings), resolver)
    roles = _roles(turns, resolver, warnings)
    people = _people(turns, roles, resolver)
    labelled = {key(text) for text in written if text}
    unused = tuple((label, o.line) for label, o in resolver.written_overrides() if key(label) not in labelled)
    mended, unlabelled_answers = unlabelled.mend(routed(_resolved(turns, written, roles, people, resolver)))
    return Cast(mended, (*warnings, *unlabelled_answers), unused)


def _spelled(turns: Sequence[LabelledTurn], warnings: list) -> list[LabelledTurn]:
    """Labels that misspell a question keyword ("JOUTRNALIST") read as it, and a rare label
    that misspells a frequent one ("Acting Adminstrator Slavitt") as that one."""
    counts = Counter(t.label.text for t in turns if t.label)
    frequent = [text for text, n in counts.items() if n >= 2]
    first = _first_labels(turns)
    fixed: dict[str, Label] = {}
    for text, n in counts.items():
        label = first[text]
        if label.role is Role.QUESTIONER:
            continue
        word = text.upper()
        if " " not in word and word not in QUESTION_KEYWORDS and label.title is None:
            near = labels.misspelling_of(word, QUESTION_KEYWORDS, labels.MISSPELT - 8)
            if near:
                fixed[text] = Label(near, Role.QUESTIONER, "misspelt-keyword", label.confidence)
                continue
        if n <= 2 and len(text) >= 8:
            others = [f for f in frequent if f != text and counts[f] > n]
            near = labels.misspelling_of(text, others)
            if near:
                fixed[text] = first[near]
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


def _first_labels(turns: Sequence[LabelledTurn]) -> dict[str, Label]:
    """Each label of the transcript, as it first stands, by its text."""
    first: dict[str, Label] = {}
    for t in turns:
        if t.label:
            first.setdefault(t.label.text, t.label)
    return first


def _journalists_again(turns: list[LabelledTurn], resolver: Resolver) -> list[LabelledTurn]:
    """A journalist labelled in full once and by surname after ("Rose Novenario (Hataw):",
    then "Ms. Novenario:"): the short label is that journalist's, outlet and all."""
    named: dict[str, set[Label]] = {}
    for t in turns:
        if t.label and t.label.role is Role.QUESTIONER and t.label.name and len(t.label.name.split()) >= 2:
            named.setdefault(str(_surname(t.label.name)), set()).add(t.label)
    if not named:
        return turns
    out = []
    for t in turns:
        label = t.label
        if label and label.role is None and label.name and len(HONORIFIC.sub("", label.name).split()) == 1:
            full = named.get(str(_surname(label.name)), set())
            if len(full) == 1 and not resolver.is_principal(label):
                t = replace(t, label=next(iter(full)))
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
        if asks(text):
            s.asks += 1
        if not asked:
            s.before_questions += words
        if before is not None and before.text in asking and words >= ANSWER_WORDS and not gives_floor(text):
            s.answers += 1
        elif words <= FLOOR_WORDS and gives_floor(text) and not labels.says_own_name(t.label, text) and (  # an introduction, no hand-over
            after is None or after.text in asking or i + 2 < len(turns)
        ):
            s.gives += 1
    return stats


def _introduces_self(label: Label, text: str) -> bool:
    """"Jeanna Smialek from the New York Times", "Steve Liesman, CNBC": the label's own name and an outlet."""
    if not label.name or " " not in label.name:
        return False
    name = re.escape(" ".join(label.name.split()))
    return bool(re.search(rf"{name}(?:,\s+|\s+(?:from|with|of|at|for)\s+(?:the\s+)?)[A-Z]", " ".join(text.split()[:80]), re.I))


def _roles(turns: Sequence[LabelledTurn], resolver: Resolver, warnings: list) -> dict[str, Role]:
    """Each label's role. A question keyword asks; an interpreter renders; anyone else is
    judged by what their turns do: answering the journalists makes a principal, giving
    the floor and answering nothing a moderator, whatever the label's title says."""
    first = _first_labels(turns)
    asking = {text for text, label in first.items() if label.role is Role.QUESTIONER}
    keyworded = bool(asking)
    asking |= _askers_by_turns(turns, first, resolver)
    stats = _stats(turns, asking)
    together = _by_person(first, stats, asking)
    roles: dict[str, Role] = {}
    for text, label in first.items():
        s = together.get(text, stats[text])
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
            # "Presidential Press Secretary Dmitry Peskov": titled, but giving the floor far more than answering
            roles[text] = Role.MODERATOR if s.gives >= 2 and s.answers * 3 <= s.gives and _others_answer(stats, text) else Role.PRINCIPAL
        else:
            roles[text] = _unlabelled_role(label, s, resolver, stats, keyworded, warnings)
            if roles[text] is Role.QUESTIONER and not s.asks:
                warnings.append((s.lines[0], f"'{text}' is not in speakers.yml: read as a journalist's name"))
    return roles


def _by_person(first: dict[str, Label], stats: dict[str, _Stats], asking: set[str]) -> dict[str, _Stats]:
    """The turns of the labels one person speaks under, counted together ("Presidential Press
    Secretary Dmitry Peskov:" once, "Dmitry Peskov:" after): the role is the person's."""
    groups: dict[str, list[str]] = {}
    for text, label in first.items():
        if text not in asking and label.name and (surname := _surname(label.name)):
            groups.setdefault(surname, []).append(text)
    together: dict[str, _Stats] = {}
    for texts in groups.values():
        if len(texts) < 2:
            continue
        total = _Stats()
        for text in texts:
            one = stats[text]
            total.turns += one.turns
            total.words += one.words
            total.answers += one.answers
            total.gives += one.gives
            total.asks += one.asks
            total.before_questions += one.before_questions
            total.lines += one.lines
        total.lines.sort()
        together.update(dict.fromkeys(texts, total))
    return together


def _others_answer(stats: dict[str, _Stats], text: str) -> bool:
    return any(s.answers for other, s in stats.items() if other != text)


def _unlabelled_role(label: Label, s: _Stats, resolver: Resolver, stats: dict[str, _Stats], keyworded: bool,
                     warnings: list) -> Role:
    """The role of a label that gives a name only ("MR PRICE:", "DR. FAUCI:", "HEWITT:")."""
    registered = resolver.registered_role(label)
    if registered is not None:
        return registered
    if s.gives and _others_answer(stats, label.text) and (
        not s.answers and s.gives * 3 >= s.turns or s.gives >= 2 and s.answers * 3 <= s.gives
    ):
        return Role.MODERATOR  # gives the floor, answers (next to) nothing: "Dmitry Peskov:"
    if s.answers or s.before_questions >= ANSWER_WORDS:
        return Role.PRINCIPAL
    if s.asks and not s.gives and s.turns <= ASKER_TURNS:
        return Role.QUESTIONER  # a name that speaks once or twice, asking: a journalist
    if not s.asks:
        warnings.append((s.lines[0], f"'{label.text}' is not in speakers.yml, and its turns neither ask nor answer: "
                                     f"read as a speaker of the event; if not, give its role in speakers.yml"))
        return Role.PRINCIPAL
    # Where questions have a keyword, a name that asks is a journalist's only if it never answers one
    # and says nothing before the questions: "Kseniya Golovanova:" among "QUESTION:" turns.
    return Role.PRINCIPAL if keyworded and (s.answers or s.before_questions) else Role.QUESTIONER


def _askers_by_turns(turns: Sequence[LabelledTurn], first: dict[str, Label], resolver: Resolver) -> set[str]:
    """The names that ask ("HEWITT:", "Lionel Barber:", "Yelena Yeskina:"): labels that give a
    name only, whose turns often hold a question, are mostly answered by a principal (one a
    title, the subtitle or the registry makes so, the same person under a short label, or
    else the one who speaks most) and are shorter than that principal's."""
    candidates = {text for text, label in first.items() if label.role is None and not resolver.is_principal(label)}
    if not candidates:
        return set()
    words: Counter[str] = Counter()
    asking: Counter[str] = Counter()
    count: Counter[str] = Counter()
    floor: Counter[str] = Counter()  # turns that give the floor: a moderator's, not a journalist's
    introduces: Counter[str] = Counter()  # "Jeanna Smialek from the New York Times": a journalist's byline
    for t in turns:
        if t.label:
            text = " ".join(t.paragraphs)
            words[t.label.text] += len(text.split(maxsplit=FLOOR_WORDS * 10))
            count[t.label.text] += 1
            asking[t.label.text] += asks(text)
            floor[t.label.text] += len(text.split(maxsplit=FLOOR_WORDS)) < FLOOR_WORDS and bool(GIVES_FLOOR.search(text))
            introduces[t.label.text] += _introduces_self(t.label, text)
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
        if (asking[text] * ASKS_SHARE >= count[text] and answered[text] * 2 >= count[text] and words[text] / count[text] < longest
            or introduces[text] and answered[text])
        and floor[text] * 2 < count[text]
    }


def _people(turns: Sequence[LabelledTurn], roles: dict[str, Role], resolver: Resolver) -> dict[str, Person | None]:
    """The person of each non-journalist label: the registry's or the subtitle's, else one
    person for the labels that share a surname ("MR PRICE", "PRICE", "Ned Price")."""
    people: dict[str, Person | None] = {}
    for text, label in _first_labels(turns).items():
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
    return _full_names(_addressed_as(people, turns, roles), turns, resolver)


ADDRESSED_TIMES = 2  # a surname the journalists address the principal by this often, and most, names them


def _addressed_as(people: dict[str, Person | None], turns: Sequence[LabelledTurn], roles: dict[str, Role]) -> dict[str, Person | None]:
    """The one principal a label gives no name ("PM:", "PRIME MINISTER:") is who the
    journalists address by name ("Mr Hawke, on uranium, …"), where they do so again and again."""
    unnamed = [text for text, person in people.items() if person is None and roles[text] is Role.PRINCIPAL]
    if len(unnamed) != 1:
        return people
    said: Counter[str] = Counter()
    for t in turns:
        if t.label and roles.get(t.label.text) is Role.QUESTIONER:
            said.update(m.group(1) for p in t.paragraphs[:2] for m in _VOCATIVE_SURNAME.finditer(p))
    ranked = said.most_common(2) + [("", 0), ("", 0)]
    (surname, times), (_, runner_up) = ranked[0], ranked[1]
    if times < ADDRESSED_TIMES or times < 2 * runner_up:
        return people
    return {**people, unnamed[0]: Person(make_id(surname), surname, titles.title_words(unnamed[0]))}


_VOCATIVE_SURNAME = re.compile(r"(?:^|,\s*)(?:Mr|Mrs|Ms|Dr)\.?\s+([A-Z][\w'’-]+)\s*[,?]")


FULL_NAME_TEXT = 200_000  # characters of the transcript searched for a speaker's first name


def _full_names(people: dict[str, Person | None], turns: Sequence[LabelledTurn], resolver: Resolver) -> dict[str, Person | None]:
    """"MS. JOHNSON" is Carole Johnson where the transcript names her so ("She will then
    introduce Carole Johnson, the White House Testing Coordinator"), and no other Johnson."""
    text = "\n".join(p for t in turns for p in t.paragraphs)[:FULL_NAME_TEXT]
    named: dict[Person, Person] = {}
    for person in {p for p in people.values() if p is not None}:
        bare = HONORIFIC.sub("", person.name).split()
        if len(bare) != 1 or resolver.registry.person(person.name) is not None or not bare[0][:1].isupper():
            continue
        firsts = {m.group(1) for m in re.finditer(rf"\b([A-Z][a-z'’-]+(?:\s+[A-Z]\.)?)\s+{re.escape(bare[0])}\b", text)}
        firsts = {f for f in firsts if f.casefold() not in NOT_NAMES and not titles.title_words(f) and not titles.title_words(f.removesuffix("s"))
                  and not HONORIFIC.match(f + " ")}  # "Foreign Ministers Hayashi and Chung": a title, no first name
        if len(firsts) == 1:
            full = f"{firsts.pop()} {bare[0]}"
            named[person] = Person(make_id(full), full, person.role)
    return {text: named.get(p, p) if p is not None else None for text, p in people.items()}


def _surname(name: str) -> str | None:
    words = HONORIFIC.sub("", name).split()
    if len(words) < 1 or titles.title_words(name):
        return None
    return key(words[-1])


# An interpreter speaking for themselves: "the sound feed … the interpretation booth", "one
# correction from Japanese-to-English interpreter", "My apologies, the audio feed is cut off.".
_OWN_VOICE = re.compile(r"\binterpret(?:er|ers|ation|ing)\b|\btranslat(?:or|ors|ion)\b|\b(?:audio|sound)\s+(?:feed|is)\b|\bmy apologies\b", re.I)
OWN_VOICE_TEXT = 300  # characters of an interpreter's turn searched for them speaking of their work


def _resolved(turns: Sequence[LabelledTurn], written_as: Sequence[str | None], roles: dict[str, Role],
              people: dict[str, Person | None], resolver: Resolver) -> tuple[Turn, ...]:
    """Resolved turns; two turns in a row by the same named speaker are one, and an
    interpreter's turn is the words of the speaker before it."""
    resolved: list[Turn] = []
    for t, as_written in zip(turns, written_as):
        written = (as_written,) if as_written else ()
        role = roles.get(t.label.text) if t.label else None
        if role is Role.INTERPRETER and _OWN_VOICE.search(" ".join(t.paragraphs)[:OWN_VOICE_TEXT]):
            role = Role.MODERATOR  # "One correction from the Japanese-to-English interpreter": their own words, no answer
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
