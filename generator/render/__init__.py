"""Stage 6, `render`: the model to files (docs-relative path → text). Nothing is written here."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar, Union

from .. import related, versions
from ..model import Transcript
from ..packing import pack, unpack
from . import ahead, bulk, export, feeds, index_pages, paths, redirects, search_page, topic_pages, transcript_page
from .cards import Card, card_of
from .catalog import Catalog, Lookup, catalog_of
from .library import Library
from .deferred import Deferred, Joined, digest as _digest
from .markdown import front_matter, human_date, text

T = TypeVar("T")
Content = Union[str, "Deferred", "Joined"]  # a file's text, or how to make it


class Memo(Protocol):
    """Where renderings of a transcript's current reading are kept between runs (`cache`)."""

    def get(self, t: Transcript, kind: str) -> Any | None: ...

    def put(self, t: Transcript, kind: str, value: Any) -> None: ...

    def shared(self, name: str) -> dict: ...

    def version(self, t: Transcript) -> str | None:
        """A digest of all the transcript's own files are made from (its reading as published),
        if known: a file the docs hold under the same key need not be made again."""

    def unmade(self, t: Transcript) -> bool:
        """Whether nothing the transcript renders to is kept: all of it is made this run."""

    def read_back(self, stem: str) -> Transcript | None:
        """The transcript of the source `stem` as its kept reading has it, if kept."""

    def published(self, t: Transcript, card: Card) -> None:
        """The card `t` is published with this run: kept for the next."""


class NoMemo:
    def get(self, t: Transcript, kind: str) -> None:
        return None

    def put(self, t: Transcript, kind: str, value: Any) -> None:
        pass

    def shared(self, name: str) -> dict:
        return {}

    def version(self, t: Transcript) -> None:
        return None

    def unmade(self, t: Transcript) -> bool:
        return True

    def read_back(self, stem: str) -> None:
        return None

    def published(self, t: Transcript, card: Card) -> None:
        pass


def render_site(
    transcripts: tuple[Transcript, ...], memo: Memo = NoMemo(), site_url: str = "",
    moved: dict[str, str] | None = None, withdrawn: tuple[Withdrawn, ...] = (),
) -> dict[str, str]:
    """Every generated page, feed and JSON file of the site, keyed by path under the docs
    folder (`site_files`, every file made)."""
    files = site_files(transcripts, memo, site_url, moved, withdrawn)
    return {path: content if isinstance(content, str) else content.make() for path, content in files.items()}


def site_files(
    transcripts: tuple[Transcript, ...], memo: Memo = NoMemo(), site_url: str = "",
    moved: dict[str, str] | None = None, withdrawn: tuple[Withdrawn, ...] = (), kept: tuple[Card, ...] = (),
) -> dict[str, Content]:
    """Every generated page, feed and JSON file of the site, keyed by path under the docs
    folder. Where `memo` knows every transcript's version, a transcript's own files and the
    listings are `Deferred` and the bulk files `Joined`: made only where the docs lack them.
    What each transcript renders to on its own (its page but for the links to its
    neighbours, and its JSON) may come from `memo`. `site_url` is where the site is
    published (citations and feeds give absolute links); `moved` maps the pages of names
    since corrected ("speakers/old-id") to where they went, which gets a redirect; and
    `withdrawn` transcripts keep a page at their URL saying so. `transcripts` are those read
    this run, as published; `kept` the cards of the others, as the last run published them
    (unchanged since): their readings are read back from `memo` where a file needs them."""
    return site(transcripts, memo, site_url, moved, withdrawn, kept).files


@dataclass(frozen=True)
class Site:
    """What `site` makes: the docs' files (`site_files`), and every transcript's card, in the
    archive's order, with how to get its transcript as published."""

    files: dict[str, Content]
    cards: tuple[Card, ...]
    library: Lookup


def site(
    transcripts: tuple[Transcript, ...], memo: Memo = NoMemo(), site_url: str = "",
    moved: dict[str, str] | None = None, withdrawn: tuple[Withdrawn, ...] = (), kept: tuple[Card, ...] = (),
) -> Site:
    """`site_files`, with the cards and the transcripts they were made of."""
    made, untouched, library = _linked(transcripts, kept, memo)
    memo = ahead.made_ahead(made, memo, {OWN: lambda t: pack(_own(t, site_url)), BULK: lambda t: pack(_bulk(t, site_url))})
    cards = []
    for t in made:  # after every link: `Memo.version` covers them
        cards.append(card_of(t, memo.version(t), feeds.version(t)))
        memo.published(t, cards[-1])
    versioned = None not in (card.version for card in cards)
    catalog = catalog_of([*cards, *untouched], library, versioned, lambda card: library.shallow(card.id))
    return Site(planned(catalog, memo, site_url, moved or {}, withdrawn), catalog.transcripts, catalog.library)


def _linked(read: tuple[Transcript, ...], kept: tuple[Card, ...], memo: Memo) -> tuple[list[Transcript], list[Card], Library]:
    """The transcripts read, with their links (other language's version, "Asked before?"),
    and the kept ones those links changed, all as published; the kept ones unchanged, as
    their cards; and the library of all (`library.Library`)."""
    everything = [*read, *kept]
    others = versions.links(everything)
    ordered = sorted(everything, key=lambda t: t.order)
    words = {t.id: t.words if t.words is not None else related.weigh(t) for t in read}
    items = [related.item(t, others[t.id].id if others[t.id] else "", words.get(t.id)) for t in ordered]
    store = memo.shared("related")
    library = Library({t.id: t for t in read}, {card.id: card for card in kept}, memo, others, lambda id_: lists(id_))
    lists, touched = related.refresh(store, items, lambda id_: library.shallow(id_).words, {t.id for t in read})
    touched |= {card.id for card in kept if others[card.id] != card.other}
    made = [library.full(t.id) for t in read] + [library.full(card.id) for card in kept if card.id in touched]
    return made, [card for card in kept if card.id not in touched], library


def planned(catalog: Catalog, memo: Memo, site_url: str, moved: dict[str, str], withdrawn: tuple[Withdrawn, ...]
            ) -> dict[str, Content]:
    """Every file of the site, as `site_files` gives them, from the `catalog`: what is made
    of a transcript's reading is made (the reading loaded, `Catalog.library`) only where
    its file is to be written."""
    files = _archive_files(catalog, memo, site_url)

    def put_all(pages: dict[str, Content]) -> None:
        for path, content in pages.items():
            if path in files:  # ids are unique and never "index" or "page-N": this would be a bug
                raise RuntimeError(f"two generated files at {path}")
            files[path] = content

    put_all(index_pages.speakers_index(catalog))
    put_all(index_pages.outlets_index(catalog))
    put_all(topic_pages.topics_index(catalog))
    put_all(_transcript_files(catalog, memo, site_url))
    for number, in_year in index_pages.by_year(catalog.transcripts).items():
        put_all(index_pages.year_pages(number, in_year, catalog.versions))
    for person_id in catalog.people:
        put_all(index_pages.speaker_pages(catalog, person_id))
    for outlet_id in catalog.outlets:
        put_all(index_pages.outlet_pages(catalog, outlet_id))
    for topic_id in catalog.topics:
        put_all(topic_pages.topic_pages(catalog, topic_id))
    put_all(feeds.feeds(catalog, site_url))
    put_all(redirects.redirects(moved, files))
    put_all({paths.at_url(entry.url): withdrawn_page(entry) for entry in withdrawn})
    put_all(feeds.sitemaps(files))
    return dict(sorted(files.items()))


def _archive_files(catalog: Catalog, memo: Memo, site_url: str) -> dict[str, Content]:
    """The home page, the archive and the export's files of the whole archive."""
    return {
        paths.HOME: index_pages.home(catalog),
        paths.ARCHIVE: index_pages.archive(catalog),
        paths.API_INDEX: _index(catalog, site_url),
        paths.API_PEOPLE: export.dumps(export.people(catalog, site_url)),
        paths.API_OUTLETS: export.dumps(export.outlets(catalog, site_url)),
        paths.API_TOPICS: export.dumps(export.topics(catalog, site_url)),
        paths.API_EXCHANGES_CSV: _joined(catalog, memo, site_url, 0, bulk.csv_header()),
        paths.API_EXCHANGES_JSONL: _joined(catalog, memo, site_url, 1),
    }


def _index(catalog: Catalog, site_url: str) -> Content:
    """The export's index of every transcript: made where the versions of their cards, which
    cover all it says of each, differ from the docs'."""
    def made() -> str:
        return export.dumps(export.index(catalog.transcripts, site_url))

    if not catalog.versions:
        return made()
    return Deferred(_digest("index", site_url, *(card.version for card in catalog.transcripts)), made)


def _joined(catalog: Catalog, memo: Memo, site_url: str, which: int, head: str = "") -> Content:
    """A bulk file: each transcript's rows (CSV, `which` 0, or JSON Lines, 1), in order."""
    def rows(card: Card) -> Callable[[], str]:
        return lambda: remembered(memo, catalog.library(card), BULK, lambda t: _bulk(t, site_url))[which]

    ordered = catalog.transcripts
    if not catalog.versions:
        return head + "".join(rows(card)() for card in ordered)
    return Joined(tuple((f"bulk{which} {card.version}", rows(card)) for card in ordered), head)  # no digest of each


def _transcript_files(catalog: Catalog, memo: Memo, site_url: str) -> dict[str, Content]:
    """Each transcript's page (its own body, linking its neighbours in the archive's order),
    JSON and raw text; made later, as `Deferred`, where the catalog knows their versions."""
    files: dict[str, Content] = {}
    ordered = catalog.transcripts
    for i, card in enumerate(ordered):
        previous = ordered[i - 1] if i else None
        following = ordered[i + 1] if i + 1 < len(ordered) else None
        own = _Own(card, catalog.library, memo, site_url)
        if not catalog.versions:
            files[paths.transcript(card)] = own.page(previous, following)
            files[paths.api(card)] = own.json()
        else:  # keys as plain strings: no digest of each of 30,000 files (a neighbour's version covers its link)
            near = " ".join(n.version if n else "" for n in (previous, following))
            files[paths.transcript(card)] = Deferred(f"page {card.version} {near}",
                                                     lambda own=own, p=previous, f=following: own.page(p, f))
            files[paths.api(card)] = Deferred(f"json {card.version}", own.json)
        if card.has_raw:
            files[paths.raw(card)] = own.text() if not catalog.versions else Deferred(f"raw {card.version}", own.text)
        if card.has_version:  # what the theme fetches beside a page's other-language alternate
            files[f"{card.url}{feeds.SITEMAP}"] = feeds.EMPTY_SITEMAP
    return files


class _Own:
    """What a transcript renders to on its own, made (or taken from the memo) once asked for."""

    def __init__(self, card: Card, library: Lookup, memo: Memo, site_url: str):
        self.card, self.library, self.memo, self.site_url = card, library, memo, site_url

    def _made(self) -> tuple[str, str]:
        return remembered(self.memo, self.library(self.card), OWN, lambda t: _own(t, self.site_url))

    def page(self, previous: Card | None, following: Card | None) -> str:
        return transcript_page.with_neighbours(self.library(self.card), self._made()[0], previous, following)

    def json(self) -> str:
        return self._made()[1]

    def text(self) -> str:
        return self.library(self.card).text


def search_pages(transcripts: tuple[Transcript, ...], memo: Memo = NoMemo(),
                 part_pages: int = search_page.PART_PAGES) -> dict[str, str | Callable[[], str]]:
    """The pages the site search indexes, keyed by path under the site root, in parts of
    at most `part_pages`, with the list of parts and the filters' values (`search_page.in_parts`).
    Each page is a function that unpacks it, to be called as it is written: the run holds
    them packed, as the memo does."""
    pages = {}
    for t in transcripts:
        packed = _packed(memo, t, SEARCH, search_page.made)
        pages[search_page.path(t)] = (lambda packed=packed: unpack(packed)[0], unpack(packed)[1])
    return search_page.in_parts(pages, part_pages)


OWN, SEARCH, BULK = "page and JSON", "search page", "bulk rows"
PACKED = frozenset({OWN, SEARCH, BULK})  # the kinds a memo holds packed (`packing`): texts of every page


def remembered(memo: Memo, t: Transcript, kind: str, make: Callable[[Transcript], T]) -> T:
    """What `make` makes of `t`, taken from `memo` where it holds it. The `PACKED` kinds are
    held packed, and unpacked each time they are asked for."""
    if kind in PACKED:
        return unpack(_packed(memo, t, kind, make))
    value = memo.get(t, kind)
    if value is None:
        value = make(t)
        memo.put(t, kind, value)
    return value


def _packed(memo: Memo, t: Transcript, kind: str, make: Callable[[Transcript], Any]) -> bytes:
    """What `make` makes of `t`, packed, as `memo` holds it (made and put there where it does not)."""
    packed = memo.get(t, kind)
    if packed is None:
        packed = pack(make(t))
        memo.put(t, kind, packed)
    return packed


def _own(t: Transcript, site_url: str) -> tuple[str, str]:
    """What a transcript renders to on its own: its page's body and its JSON."""
    return transcript_page.body(t, site_url), export.dumps(export.transcript(t, site_url))


def _bulk(t: Transcript, site_url: str) -> tuple[str, str]:
    """A transcript's rows of the bulk download: as CSV lines and as JSON Lines."""
    rows = bulk.rows(t, site_url)
    return bulk.csv_rows(rows), bulk.jsonl(rows)


class Withdrawn(Protocol):
    """A published transcript whose file is gone (`ledger.Entry`)."""

    url: str
    title: str
    withdrawn: Any
    marks: tuple[Any, ...]


def withdrawn_page(entry: Withdrawn) -> str:
    """What stays at the URL of a withdrawn transcript: a note, and each of its anchors."""
    when = human_date(entry.withdrawn)
    blocks = [f"# {text(entry.title)}",
              f"This transcript was withdrawn from the archive on {when}. "
              f"Its questions and answers are no longer published here.",
              f"All transcripts: [archive]({posixpath.relpath(paths.ARCHIVE, posixpath.dirname(entry.url.rstrip('/')))})"]
    blocks += [f'<p id="{m.anchor}" class="exchange-removed">Q{m.anchor[1:]} was in this transcript, '
               f"withdrawn on {when}.</p>" for m in entry.marks]
    return front_matter(f"Withdrawn: {entry.title}") + "\n\n".join(blocks) + "\n"
