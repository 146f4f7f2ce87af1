"""The one model every stage passes on: plain, frozen, typed.

`read` and `clean` produce `Line`s; `parse` turns them into `Turn`s grouped into a
`Transcript`; `resolve` replaces raw labels by `Person`s and `Outlet`s; `render` only reads.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import Any

from .packing import unpack


@dataclass(frozen=True)
class Line:
    """One non-empty line of cleaned text, with its 1-based line number in the raw file."""

    number: int
    text: str


class Role(Enum):
    """What a speaker does in the room; it decides how their turns are grouped."""

    PRINCIPAL = "principal"  # answers questions: the Secretary General, a minister
    QUESTIONER = "questioner"  # asks them: a journalist, named or not
    MODERATOR = "moderator"  # gives the floor: a spokesperson, a host
    # Renders someone else's words: a label's role only; `resolve` gives the turn to
    # the speaker rendered, so no `Speaker` has it.
    INTERPRETER = "interpreter"


@dataclass(frozen=True)
class Label:
    """A speaker label as the text writes it, taken apart but not yet resolved.

    "NATO Secretary General Rutte:" has title "NATO Secretary General" and name "Rutte";
    "Sabine Siebold, Retuers" has name "Sabine Siebold" and outlet "Retuers".
    """

    text: str
    role: Role | None  # None: the shape alone does not tell (a bare name)
    style: str  # the name of the label pattern that matched
    confidence: float  # 0..1, how sure the shape makes us
    name: str | None = None
    title: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class LabelledTurn:
    """A label and the paragraphs under it, as `parse` finds them. `label` is None for
    text before the first label (an opening statement whose speaker the subtitle names)."""

    label: Label | None
    paragraphs: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    role: str | None = None  # free text, "NATO Secretary General"


@dataclass(frozen=True)
class Outlet:
    id: str
    name: str


@dataclass(frozen=True)
class Speaker:
    """Who a label names, before or after resolution through the registry."""

    role: Role
    person: Person | None = None  # None: an unnamed journalist ("Question:")
    outlet: Outlet | None = None


@dataclass(frozen=True)
class Turn:
    """One speaker's uninterrupted speech: the paragraphs under one label."""

    speaker: Speaker
    paragraphs: tuple[str, ...]
    line: int  # where the label (or the first paragraph) stands in the raw file
    labels: tuple[str, ...] = ()  # the labels as the text writes them (two turns merged: both)
    interpreted: bool = False  # an interpreter's rendering of the speaker's words
    offset: int | None = None  # seconds into the recording where it begins, from a time code (`timecodes`)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class Exchange:
    """A question and what answers it.

    `lead_in` holds the turns that give the floor before the question (a moderator's
    hand-over, a principal's greeting): they are part of the exchange but answer nothing.
    """

    number: int
    question: Turn
    replies: tuple[Turn, ...]  # everything said after the question, in order
    lead_in: tuple[Turn, ...] = ()
    follow_up_of: int | None = None  # the number of the exchange this one follows up
    # Its permanent ids, as the anchor ledger keeps them (`ledger`): its own first, then
    # those of exchanges merged into it by a correction. Empty: not yet published, `q<number>`.
    ids: tuple[str, ...] = ()

    @property
    def anchor(self) -> str:
        """The id of its heading, `#q3`: the permanent link to it."""
        return self.ids[0] if self.ids else f"q{self.number}"

    @property
    def name(self) -> str:
        """How a page names it, after its anchor: "Q3", "Q2a"."""
        return "Q" + self.anchor[1:]

    @property
    def turns(self) -> tuple[Turn, ...]:
        """All its turns, in order: lead-in, question, replies."""
        return (*self.lead_in, self.question, *self.replies)

    def with_ids(self, ids: tuple[str, ...]) -> Exchange:
        """The same exchange under the ledger's `ids`: `dataclasses.replace` without its call
        of `__init__`, as the ledger gives every exchange of the archive its ids on each run
        (135,000 at 10,000 transcripts: a third of the ledger's time)."""
        made = object.__new__(Exchange)
        made.__dict__.update(self.__dict__, ids=ids)
        return made

    @property
    def merged(self) -> tuple[str, ...]:
        """The anchors of exchanges a correction merged into this one: they land here too."""
        return self.ids[1:]

    @property
    def answers(self) -> tuple[Turn, ...]:
        """The replies by principals: a moderator's interjection answers nothing."""
        return tuple(t for t in self.replies if t.speaker.role is Role.PRINCIPAL)


@dataclass(frozen=True)
class Removal:
    """Where an exchange stood that a correction of the transcript removed: its anchor
    still lands there, on a note saying so."""

    anchor: str
    after: int  # how many of the exchanges now read stand before it
    on: datetime.date  # the day of the correction


@dataclass(frozen=True)
class Metadata:
    title: str
    date: datetime.date
    subtitle: str | None = None
    location: str | None = None
    source_url: str | None = None
    kind: str | None = None
    topics: tuple[str, ...] = ()
    status: str | None = None  # "As delivered"
    last_updated: str | None = None  # as the publisher printed it
    corrected: datetime.date | None = None  # the publisher's last correction, as the sidecar gives it
    video_url: str | None = None  # the recording of the event
    video_start: int | None = None  # the clock time the recording begins, in seconds after midnight
    language: str | None = None  # of the text, "fr"; None: the site's (English)
    translation_of: str | None = None  # the id of the transcript this is another language's version of


@dataclass(frozen=True)
class Version:
    """The same event's transcript in another language (`versions`), as a page links it."""

    id: str
    url: str
    language: str  # "fr"
    title: str
    anchors: tuple[str, ...]  # its exchanges' anchors in order, the counterparts of this one's; () if not aligned
    aligned: bool  # as many exchanges in both: the exchanges are linked by their order


@dataclass(frozen=True)
class Related:
    """An earlier exchange on the same subject (`related`), as "Asked before?" lists it."""

    transcript: str  # its transcript's id
    url: str  # its transcript's page
    anchor: str
    title: str  # its transcript's
    date: datetime.date
    asker: Speaker
    answerer: Person | None  # who answered first; None: no answer
    opening: str  # the first answer's opening words (`related.OPENING_WORDS`), or the question's where none answered
    score: float  # the cosine of the two exchanges' keywords (`related`)


@dataclass(frozen=True)
class Transcript:
    id: str
    source: Path  # the raw .txt file
    meta: Metadata
    opening: tuple[Turn, ...]
    exchanges: tuple[Exchange, ...]
    closing: tuple[Turn, ...] = field(default=())
    removed: tuple[Removal, ...] = ()  # exchanges corrections took out, where they stood
    published_url: str | None = None  # the URL the ledger keeps, whatever the date now says
    raw: bytes = field(default=b"", repr=False, compare=False)  # `text`, packed (`packing`): held by every reading
    version: Version | None = None  # the other language's, linked at render time (`versions.link`)
    # Per exchange, in order, the earlier ones on the same subject, linked at render time (`related.link`).
    related: tuple[tuple[Related, ...], ...] = ()
    # Its exchanges' weighed words (`related.weigh`), made as it is read: what "Asked before?" compares.
    words: Any = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        """The raw text as read, published beside the page."""
        return unpack(self.raw) if self.raw else ""

    @property
    def order(self) -> tuple[datetime.date, str]:
        """Where it stands in the archive: by date, then by id for the same day."""
        return (self.meta.date, self.id)

    @property
    def year(self) -> int:
        return self.meta.date.year

    @property
    def url(self) -> str:
        """Site-relative URL of the transcript's page, as in the contract: the one it was
        first published at, once the ledger has it."""
        return self.published_url or f"transcripts/{self.year}/{self.id}/"

    @property
    def turns(self) -> tuple[Turn, ...]:
        """Every turn of the transcript, in order: opening, each exchange's, closing."""
        return (*self.opening, *(turn for e in self.exchanges for turn in e.turns), *self.closing)

    def map_turns(self, change: Callable[[Turn], Turn]) -> Transcript:
        """The transcript with each of its turns as `change` gives it back (an exchange is
        made again only where one of its turns changed)."""
        def exchange(e: Exchange) -> Exchange:
            question, replies, lead_in = change(e.question), tuple(map(change, e.replies)), tuple(map(change, e.lead_in))
            if question is e.question and all(a is b for a, b in zip((*replies, *lead_in), (*e.replies, *e.lead_in))):
                return e
            return replace(e, question=question, replies=replies, lead_in=lead_in)

        return replace(self, opening=tuple(map(change, self.opening)), exchanges=tuple(map(exchange, self.exchanges)),
                       closing=tuple(map(change, self.closing)))

    def exchange(self, number: int) -> Exchange:
        """The exchange that is `number`th in the order asked."""
        return self.exchanges[number - 1]
