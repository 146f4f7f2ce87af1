"""Pages that list: one per speaker and per outlet, their indexes, the archive, the home page.

No page grows with the archive: a listing longer than `PAGE_SIZE` entries goes on in
numbered pages (`paths.page`), each linking to all the others, so a speaker who answered
100,000 questions has 200 pages of 500, not one page of 100,000. The archive lists years;
each year's page lists its transcripts.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from . import paths
from .cards import Card, Part, event
from .catalog import Catalog, Entry, Listing, Slice, pages, size
from .deferred import Deferred, digest
from .markdown import excerpt, front_matter, human_date, link, plain, plural, text
from .transcript_page import asker

LATEST = 10  # transcripts on the home page
PAGE_SIZE = 500  # entries on one page of a listing

T = TypeVar("T")
Pages = dict[str, "str | Deferred"]  # docs path -> page text, or how to make it


def paginate(items: Sequence[T]) -> list[Sequence[T]]:
    """`items` in pages of `PAGE_SIZE`; an empty listing is one empty page."""
    return [items[i : i + PAGE_SIZE] for i in range(0, len(items), PAGE_SIZE)] or [items]


def _pager(page: str, where: Callable[[int], str], number: int, names: list[str]) -> str:
    """"Pages: 1 · **2** · 3", each page named as `names` say (its dates, its first letters)."""
    if len(names) == 1:
        return ""
    links = [f"**{text(name)}**" if n == number else link(name, page, where(n)) for n, name in enumerate(names, start=1)]
    return f"Page {number} of {len(names)}: " + " · ".join(links) + "\n{: .pager }"


def speaker_pages(catalog: Catalog, person_id: str) -> Pages:
    person = catalog.people[person_id]
    counts = [_count(part, catalog.count(person_id, part)) for part in Part if catalog.count(person_id, part)]
    intro = [f"# {text(person.name)}"]
    if person.role:
        intro.append(text(person.role))
    summary = " · ".join(counts)
    intro.append(summary[:1].upper() + summary[1:])
    feed = (paths.speaker_feed(person), f"{person.name}: questions and answers")
    return _entry_pages(
        person.name, intro, catalog.by_person[person_id], lambda n: paths.speaker(person, n),
        ("All speakers", paths.SPEAKERS), person_id, feed, catalog,
    )


_COUNTED = {Part.ASKED: ("question", " asked"), Part.ANSWERED: ("answer", ""),
            Part.REMARKED: ("remark", " before a question"), Part.OPENED: ("opening statement", ""),
            Part.CLOSED: ("closing remark", "")}


def _count(part: Part, n: int) -> str:
    """"17 answers", "1 remark before a question", "gave the floor 12 times"."""
    if part is Part.GAVE_FLOOR:
        return "gave the floor " + ("once" if n == 1 else f"{n:,} times")
    noun, rest = _COUNTED[part]
    return plural(n, noun) + rest


def outlet_pages(catalog: Catalog, outlet_id: str) -> Pages:
    outlet = catalog.outlets[outlet_id]
    entries = catalog.by_outlet[outlet_id]
    intro = [f"# {text(outlet.name)}", f"{plural(size(entries), 'question')} asked"]
    people = catalog.journalists.get(outlet_id, ())
    if people:
        first = paths.outlet(outlet)
        intro.append("Journalists: " + ", ".join(link(p.name, first, paths.speaker(p)) for p in people))
    feed = (paths.outlet_feed(outlet), f"{outlet.name}: questions asked")
    return _entry_pages(
        outlet.name, intro, entries, lambda n: paths.outlet(outlet, n), ("All outlets", paths.OUTLETS),
        None, feed, catalog,
    )


def _entry_pages(
    title: str, intro: list[str], listing: Listing, where: Callable[[int], str],
    up: tuple[str, str], person_id: str | None, feed: tuple[str, str], catalog: Catalog,
) -> Pages:
    """A person's (`person_id`) or an outlet's exchanges, newest first, in pages named by
    their dates, each page naming the Atom `feed` (path, title) of the latest of them. With
    the catalog's versions of the transcripts, each page is `Deferred` under a key of what
    it shows, and its entries are read back from the transcripts only where it is made."""

    def dates(chunk: Sequence[Slice]) -> str:
        newest, oldest = chunk[0][0].card.meta.date, chunk[-1][0].card.meta.date
        return human_date(newest) if newest == oldest else f"{human_date(newest)} – {human_date(oldest)}"

    def blocks(page: str, number: int, chunk: Sequence[Slice], pager: str) -> list[str]:
        follow = f"Follow the latest: {link('Atom feed', page, feed[0])}\n{{: .feed-link }}"
        return [*(intro if number == 1 else intro[:1]), follow, pager, *_entries(page, catalog.entries(chunk), person_id),
                pager, f"{up[0]}: " + link("index", page, up[1])]

    def sign(chunk: Sequence[Slice]) -> str:
        # A page is its runs' versions and lengths, and where its first run starts: all of a
        # transcript's entries in a listing are as its version says.
        first = ""
        if chunk:
            anchor, parts = chunk[0][0].entry(chunk[0][1])
            first = f"{anchor}#{','.join(p.value for p in parts)}"
        runs = " ".join(f"{catalog.versions[run.card.id]}#{stop - start}" for run, start, stop in chunk)
        return digest(*intro, *feed, *up, person_id or "", first, runs)

    return _paged(pages(listing, PAGE_SIZE), where, dates, blocks, title,
                  {"feed": feed[0], "feed_title": html.escape(plain(feed[1]))}, sign if catalog.versions else None)


def _paged(
    chunks: list[Sequence[T]], where: Callable[[int], str], describe: Callable[[Sequence[T]], str],
    blocks: Callable[[str, int, Sequence[T], str], list[str]], title: str | None, fields: dict[str, str] | None = None,
    sign: Callable[[Sequence[T]], str] | None = None,
) -> Pages:
    """A listing in pages (`chunks`, each of at most `PAGE_SIZE` items) at `where(1)`,
    `where(2)`, ...: each page the `blocks` of its items, with a pager naming every page by
    `describe`; a front matter `title` ("... (page 2)") if one is given. With `sign` (a
    digest of all a chunk's blocks show of its items), each page is `Deferred`: made only
    where the docs lack it."""
    pages: Pages = {}
    names = [describe(chunk) for chunk in chunks] if len(chunks) > 1 else [""]
    named = digest(*names)  # what every page's pager says: its key, not the pager (a page for each of 200 pages)
    for number, chunk in enumerate(chunks, start=1):
        page = where(number)
        head = front_matter(title if number == 1 else f"{title} (page {number})", **(fields or {})) if title is not None else ""

        def made(page: str = page, number: int = number, chunk: Sequence[T] = chunk, head: str = head) -> str:
            pager = _pager(page, where, number, names)
            return head + "\n\n".join(b for b in blocks(page, number, chunk, pager) if b) + "\n"

        pages[page] = made() if sign is None else Deferred(digest("listing", page, head, named, sign(chunk)), made)
    return pages


def _entries(page: str, entries: Iterable[Entry], person_id: str | None) -> list[str]:
    """Entries grouped under one heading per transcript, newest first."""
    grouped: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        grouped[entry.transcript.id].append(entry)
    blocks = []
    for group in grouped.values():
        t = group[0].transcript
        blocks.append(f"## {human_date(t.meta.date)} · {link(t.meta.title, page, paths.transcript(t))} {{#t-{t.id}}}")
        if about := event(t):
            blocks.append(f"{text(about)}\n{{: .listing-event }}")
        blocks.append("\n".join(_entry(page, entry, person_id) for entry in group))
    return blocks


def _entry(page: str, entry: Entry, person_id: str | None) -> str:
    """What the person did in the exchange, in their words: for an answerer, the opening of
    their answer and whom it answers; for a journalist, their question; for whoever gave
    the floor, to whom. On an outlet's page (`person_id` None): who asked, and the question."""
    target = paths.transcript(entry.transcript)
    if entry.exchange is None:
        opened = Part.OPENED in entry.parts
        return f"- {link('Opening statement' if opened else 'Closing remarks', page, target, 'opening' if opened else 'closing')}"
    e = entry.exchange
    head = f"- {link(e.name, page, target, e.anchor)}"
    who = e.question.speaker
    asked_by = asker(page, who) if who.person or who.outlet else "an unnamed journalist"
    if person_id is None:
        return f"{head} · {asked_by}: “{text(excerpt(e.question.text))}”"
    if Part.ASKED in entry.parts:
        return f"{head} · question: “{text(excerpt(e.question.text))}”"
    for part, turns in ((Part.ANSWERED, e.replies), (Part.REMARKED, e.lead_in)):
        said = next((turn for turn in turns if turn.speaker.person and turn.speaker.person.id == person_id), None)
        if part in entry.parts and said is not None:
            what = "answer to" if part is Part.ANSWERED else "remark before the question of"
            return f"{head} · {what} {asked_by}: “{text(excerpt(said.text))}”"
    return f"{head} · gave the floor to {asked_by}"


def speakers_index(catalog: Catalog) -> Pages:
    """Everyone, by surname: "Siebold, Sabine", their outlet (a journalist) or role, and
    what they did. Three columns, which fit a phone."""
    outlets: dict[str, list[str]] = defaultdict(list)
    for outlet_id, people in catalog.journalists.items():
        for p in people:
            outlets[p.id].append(catalog.outlets[outlet_id].name)

    def row(page: str, person_id: str) -> str:
        person = catalog.people[person_id]
        where = ", ".join(sorted(outlets.get(person_id, ()), key=str.casefold)) or person.role or ""
        done = [_count(part, n) for part in (Part.ASKED, Part.ANSWERED, Part.GAVE_FLOOR)
                if (n := catalog.count(person_id, part))]
        return f"| {link(surname_first(person.name), page, paths.speaker(person))} | {text(where)} | {'; '.join(done)} |"

    people = plural(len(catalog.people), "person").replace("persons", "people")
    named = sorted(((surname_first(p.name), pid) for pid, p in catalog.people.items()),
                   key=lambda item: (item[0].casefold(), item[1]))
    return _table_pages(
        "Speakers", f"{people} asked, answered or gave the floor, by surname.", paths.SPEAKERS,
        ["| Speaker | Outlet or role | Took part |", "|---|---|---|"], named, row,
    )


def surname_first(name: str) -> str:
    """"Siebold, Sabine", to list by surname; a one-word name as it is."""
    given, _, surname = name.rpartition(" ")
    return f"{surname}, {given}" if given else name


def outlets_index(catalog: Catalog) -> Pages:
    def row(page: str, outlet_id: str) -> str:
        outlet = catalog.outlets[outlet_id]
        return (
            f"| {link(outlet.name, page, paths.outlet(outlet))} | {size(catalog.by_outlet[outlet_id])} | "
            f"{len(catalog.journalists.get(outlet_id, ()))} |"
        )

    return _table_pages(
        "Outlets", f"{plural(len(catalog.outlets), 'news organisation')} asked questions.", paths.OUTLETS,
        ["| Outlet | Questions | Journalists |", "|---|--:|--:|"],
        [(o.name, oid) for oid, o in catalog.outlets.items()], row,
    )


def _table_pages(
    title: str, summary: str, first: str, head: list[str], named: list[tuple[str, str]], row: Callable[[str, str], str]
) -> Pages:
    """An index table in pages of names in alphabetical order, each page named by its first and last names."""

    def names(chunk: Sequence[tuple[str, str]]) -> str:
        return f"{chunk[0][0]} – {chunk[-1][0]}" if chunk else title

    def blocks(page: str, number: int, chunk: Sequence[tuple[str, str]], pager: str) -> list[str]:
        return [f"# {title}", summary, pager, "\n".join([*head, *(row(page, key) for _, key in chunk)]), pager]

    return _paged(paginate(named), lambda n: paths.page(first, n), names, blocks, title)


def by_year(transcripts: Iterable[Card]) -> dict[int, list[Card]]:
    """Transcripts by year, newest year and newest transcript first."""
    years: dict[int, list[Card]] = defaultdict(list)
    for t in sorted(transcripts, key=lambda t: t.order, reverse=True):
        years[t.year].append(t)
    return dict(years)


def _listing(page: str, transcripts: Iterable[Card]) -> str:
    """"3 December 2024 · [Pre-ministerial press conference](...) · 12 questions", and
    under it what tells the event apart: its subtitle or who answered, and where."""
    return "\n".join(
        f"- {human_date(t.meta.date)} · {link(t.meta.title, page, paths.transcript(t))}"
        f"{' · ' + text(t.meta.kind) if t.meta.kind else ''} · {plural(t.questions, 'question')}"
        + (f"<br>\n  <span class=\"listing-event\">{text(t.event)}</span>" if t.event else "")
        for t in transcripts
    )


def archive(catalog: Catalog) -> str:
    """The years, each with its count: a year's page lists its transcripts."""
    page = paths.ARCHIVE
    years = by_year(catalog.transcripts)
    rows = ["| Year | Transcripts | Questions |", "|---|--:|--:|"]
    rows += [
        f"| {link(str(number), page, paths.year(number))} | {len(ts)} | {sum(t.questions for t in ts)} |"
        for number, ts in years.items()
    ]
    return "\n\n".join(["# Archive", f"{plural(len(catalog.transcripts), 'transcript')}, by year.", "\n".join(rows)]) + "\n"


def year_pages(number: int, transcripts: list[Card], versions: dict[str, str] | None = None) -> Pages:
    """A year's transcripts, newest first; `Deferred` with their `versions`, as `_entry_pages`."""

    def dates(chunk: Sequence[Card]) -> str:
        return f"{human_date(chunk[0].meta.date)} – {human_date(chunk[-1].meta.date)}"

    def blocks(page: str, index: int, chunk: Sequence[Card], pager: str) -> list[str]:
        return [f"# {number}", f"{plural(len(transcripts), 'transcript')}, newest first.", pager,
                _listing(page, chunk), pager, f"All years: {link('archive', page, paths.ARCHIVE)}"]

    def sign(chunk: Sequence[Card]) -> str:
        return digest(str(len(transcripts)), *(versions[t.id] for t in chunk))

    return _paged(paginate(transcripts), lambda n: paths.year(number, n), dates, blocks, None, sign=sign if versions else None)


def home(catalog: Catalog) -> str:
    page = paths.HOME
    questions = sum(t.questions for t in catalog.transcripts)
    latest = catalog.transcripts[::-1][:LATEST]
    totals = (
        f"{link(plural(len(catalog.transcripts), 'transcript'), page, paths.ARCHIVE)} · {plural(questions, 'question')} · "
        f"{link(plural(len(catalog.people), 'speaker'), page, paths.SPEAKERS)} · "
        f"{link(plural(len(catalog.outlets), 'outlet'), page, paths.OUTLETS)}"
    )
    return (
        "# Press conference transcripts\n\n"
        "Every question asked at the podium and every answer given, each with a permanent link.\n\n"
        f"{totals}\n\n## Latest transcripts {{#latest}}\n\n{_listing(page, latest)}\n\n"
        f"How to cite and reuse: {link('about this archive', page, paths.ABOUT)}\n"
    )
