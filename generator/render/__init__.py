"""Stage 6, `render`: the model to files (docs-relative path → text). Nothing is written here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from ..model import Transcript
from . import export, index_pages, paths, search_page, transcript_page
from .catalog import build_catalog

T = TypeVar("T")


class Memo(Protocol):
    """Where renderings of a transcript's current reading are kept between runs (`cache`)."""

    def get(self, t: Transcript, kind: str) -> Any | None: ...

    def put(self, t: Transcript, kind: str, value: Any) -> None: ...


class NoMemo:
    def get(self, t: Transcript, kind: str) -> None:
        return None

    def put(self, t: Transcript, kind: str, value: Any) -> None:
        pass


def render_site(transcripts: tuple[Transcript, ...], memo: Memo = NoMemo()) -> dict[str, str]:
    """Every generated page and JSON file of the site, keyed by path under the docs folder.
    What each transcript renders to on its own (its page but for the links to its
    neighbours, and its JSON) may come from `memo`."""
    catalog = build_catalog(transcripts)
    ordered = catalog.transcripts
    own = {t.id: _remembered(memo, t, OWN, _own) for t in ordered}
    files = {
        paths.HOME: index_pages.home(catalog),
        paths.ARCHIVE: index_pages.archive(catalog),
        paths.API_INDEX: export.dumps(export.index(ordered)),
    }

    def put(path: str, content: str) -> None:
        if path in files:  # ids are unique and never "index" or "page-N": this would be a bug
            raise RuntimeError(f"two generated files at {path}")
        files[path] = content

    def put_all(pages: dict[str, str]) -> None:
        for path, content in pages.items():
            put(path, content)

    put_all(index_pages.speakers_index(catalog))
    put_all(index_pages.outlets_index(catalog))
    for i, t in enumerate(ordered):
        previous = ordered[i - 1] if i else None
        following = ordered[i + 1] if i + 1 < len(ordered) else None
        body, data = own[t.id]
        put(paths.transcript(t), transcript_page.with_neighbours(t, body, previous, following))
        put(paths.api(t), data)
    for number, in_year in index_pages.by_year(ordered).items():
        put_all(index_pages.year_pages(number, in_year))
    for person_id in catalog.people:
        put_all(index_pages.speaker_pages(catalog, person_id))
    for outlet_id in catalog.outlets:
        put_all(index_pages.outlet_pages(catalog, outlet_id))
    return dict(sorted(files.items()))


def search_pages(transcripts: tuple[Transcript, ...], memo: Memo = NoMemo()) -> dict[str, str]:
    """The pages the site search indexes, keyed by path under the site root."""
    return {search_page.path(t): _remembered(memo, t, SEARCH, search_page.render) for t in transcripts}


OWN, SEARCH = "page and JSON", "search page"


def _remembered(memo: Memo, t: Transcript, kind: str, make: Callable[[Transcript], T]) -> T:
    value = memo.get(t, kind)
    if value is None:
        value = make(t)
        memo.put(t, kind, value)
    return value


def _own(t: Transcript) -> tuple[str, str]:
    """What a transcript renders to on its own: its page's body and its JSON."""
    return transcript_page.body(t), export.dumps(export.transcript(t))
