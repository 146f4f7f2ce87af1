"""What readers, reference managers and search engines take from a page to cite it: a
ready citation per exchange, and schema.org data (JSON-LD) for the event and its
questions and answers.

Both are made from the model's plain text with serialisers, never by pasting text into
markup: the citation goes through `markdown.text` (or the JSON export), the JSON-LD
through `json.dumps` with every character that could close its `<script>` escaped.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import Exchange, Person, Transcript
from .markdown import human_date, plain


def absolute(site_url: str, url: str) -> str:
    """A site-relative URL as readers outside the site need it: on `site_url` where the
    site says where it is published, else as it is (the page makes it absolute)."""
    return f"{site_url.rstrip('/')}/{url}" if site_url else url


def answerers(e: Exchange) -> tuple[Person, ...]:
    """Who answered, each once, in the order they spoke."""
    people = {t.speaker.person.id: t.speaker.person for t in e.answers if t.speaker.person}
    return tuple(people.values())


def _names(people: tuple[Person, ...]) -> str:
    names = [p.name for p in people]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _asker(e: Exchange, unnamed: str = "Unnamed journalist") -> str:
    """"Sabine Siebold (Reuters)", "Unnamed journalist (Reuters)", "Unnamed journalist"."""
    who = e.question.speaker
    asker = who.person.name if who.person else unnamed
    return f"{asker} ({who.outlet.name})" if who.outlet else asker


def _where(t: Transcript, e: Exchange) -> list[str]:
    """"“Pre-ministerial press conference”, Brussels, 3 December 2024, Q1", in parts."""
    return [f"“{t.meta.title}”", *([t.meta.location] if t.meta.location else []), human_date(t.meta.date), e.name]


def citation_text(t: Transcript, e: Exchange) -> str:
    """The citation but for its URL: "Sabine Siebold (Reuters), question to Mark Rutte,
    “Pre-ministerial press conference”, Brussels, 3 December 2024, Q1"."""
    answered = answerers(e)
    asked = f"{_asker(e)}, question to {_names(answered)}" if answered else f"{_asker(e)}, question"
    return plain(", ".join([asked, *_where(t, e)]))


def answer_citation_text(t: Transcript, e: Exchange, person: Person) -> str:
    """The citation of one person's answer but for its URL: "Mark Rutte, answer to Sabine
    Siebold (Reuters), “Pre-ministerial press conference”, Brussels, 3 December 2024, Q1"."""
    return plain(", ".join([f"{person.name}, answer to {_asker(e, 'an unnamed journalist')}", *_where(t, e)]))


def citation(t: Transcript, e: Exchange, site_url: str) -> str:
    """The whole citation, ending with the permanent link to the exchange."""
    return f"{citation_text(t, e)}, {absolute(site_url, f'{t.url}#{e.anchor}')}"


# Inside <script>, "</script" or "<!--" would end or change it: JSON may write "<" as \u003c.
_SCRIPT_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))
_ANSWER_CHARACTERS = 200  # of each answer's text in the JSON-LD: its opening; the page has it all


def json_ld(t: Transcript, site_url: str) -> str:
    """schema.org data for the page: the event, and each question with its answers."""
    page = absolute(site_url, t.url)
    event: dict[str, Any] = {
        "@type": "Event",
        "@id": f"{page}#event",
        "name": plain(t.meta.title),
        "startDate": t.meta.date.isoformat(),
        "url": page,
    }
    if t.meta.location:
        event["location"] = {"@type": "Place", "name": plain(t.meta.location)}
    if t.meta.subtitle:
        event["description"] = plain(t.meta.subtitle)
    principals = {p.id: p for turn in t.opening if (p := turn.speaker.person)}
    for e in t.exchanges:
        principals.update((p.id, p) for p in answerers(e))
    if principals:
        event["performer"] = [_person(p) for p in principals.values()]
    questions = [_question(t, e, page) for e in t.exchanges]
    data = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "@id": page, "url": page, "name": plain(t.meta.title), "about": {"@id": f"{page}#event"},
             "hasPart": [{"@id": q["@id"]} for q in questions]},
            event,
            *questions,
        ],
    }
    dumped = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for character, escaped in _SCRIPT_SAFE:  # str.replace: far quicker than translate here
        dumped = dumped.replace(character, escaped)
    return dumped


def _question(t: Transcript, e: Exchange, page: str) -> dict[str, Any]:
    who = e.question.speaker
    question: dict[str, Any] = {
        "@type": "Question",
        "@id": f"{page}#{e.anchor}",
        "url": f"{page}#{e.anchor}",
        "name": f"{e.name} · " + ", ".join(plain(x.name) for x in (who.person, who.outlet) if x) if who.person or who.outlet
        else e.name,
        "text": plain(e.question.text),
        "dateCreated": t.meta.date.isoformat(),
        "isPartOf": {"@id": page},
        "answerCount": len(e.answers),
    }
    if who.person or who.outlet:
        author = _person(who.person) if who.person else {"@type": "Person", "name": "Unnamed journalist"}
        if who.outlet:
            author["affiliation"] = {"@type": "Organization", "name": plain(who.outlet.name)}
        question["author"] = author
    answers = [
        {"@type": "Answer", "text": _shortened(turn.text), "dateCreated": t.meta.date.isoformat(),
         **({"author": _person(turn.speaker.person)} if turn.speaker.person else {})}
        for turn in e.answers
    ]
    if answers:
        question["suggestedAnswer"] = answers
    return question


def _person(p: Person) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Person", "name": plain(p.name)}
    if p.role:
        data["jobTitle"] = plain(p.role)
    return data


def _shortened(value: str) -> str:
    """The opening of a text, on one line, cut at a word: only what is cut is made plain."""
    if len(value) <= _ANSWER_CHARACTERS:
        return plain(value)
    return plain(value[: _ANSWER_CHARACTERS + 1]).rsplit(" ", 1)[0] + " …"
