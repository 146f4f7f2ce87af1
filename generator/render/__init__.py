"""Stage 6, `render`: the model to files (docs-relative path → text). Nothing is written here."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import partial
from typing import TypeVar

from ..model import Transcript
from . import export, index_pages, paths, search_page, transcript_page
from .catalog import build_catalog

T = TypeVar("T")


Memo = Callable[[Transcript, str, Hashable, Callable[[], T]], T]


def _no_memo(t: Transcript, kind: str, inputs: Hashable, make: Callable[[], T]) -> T:
    return make()


def render_site(transcripts: tuple[Transcript, ...], memo: Memo = _no_memo) -> dict[str, str]:
    """Every generated page and JSON file of the site, keyed by path under the docs folder.
    `memo` may give back a transcript's page and JSON from an earlier run (see `cache`):
    they depend on the transcript and on its neighbours' titles, dates and URLs."""
    catalog = build_catalog(transcripts)
    ordered = catalog.transcripts
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
        page, data = memo(
            t, "page", (_neighbour(previous), _neighbour(following)), partial(_outputs, t, previous, following)
        )
        put(paths.transcript(t), page)
        put(paths.api(t), data)
    for number, in_year in index_pages.by_year(ordered).items():
        put_all(index_pages.year_pages(number, in_year))
    for person_id in catalog.people:
        put_all(index_pages.speaker_pages(catalog, person_id))
    for outlet_id in catalog.outlets:
        put_all(index_pages.outlet_pages(catalog, outlet_id))
    return dict(sorted(files.items()))


def search_pages(transcripts: tuple[Transcript, ...], memo: Memo = _no_memo) -> dict[str, str]:
    """The pages the site search indexes, keyed by path under the site root."""
    return {search_page.path(t): memo(t, "search", (), partial(search_page.render, t)) for t in transcripts}


def _outputs(t: Transcript, previous: Transcript | None, following: Transcript | None) -> tuple[str, str]:
    """A transcript's page and its JSON."""
    return transcript_page.render(t, previous, following), export.dumps(export.transcript(t))


def _neighbour(t: Transcript | None) -> tuple[str, str, str, str] | None:
    """What a transcript's page shows of the one before or after it."""
    return (t.id, t.meta.title, t.meta.date.isoformat(), t.url) if t else None
