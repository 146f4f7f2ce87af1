"""Rendering: every link a generated page makes points at a generated or hand-written page."""

from __future__ import annotations

import posixpath
import re

from generator.pipeline import load_corpus
from generator.render import render_site
from generator.render.catalog import build_catalog
from tests.conftest import ROOT
from tests.test_reading import HEAD

LINK = re.compile(r"\]\(([^)#\s]*)(?:#([^)\s]*))?\)")


def test_every_link_in_every_generated_page_has_a_target(tmp_path):
    # Speakers who only close an event or only greet a journalist still get their page.
    (tmp_path / "2025-01-01-press-point.txt").write_text(
        HEAD + "Opening.\n\nSabine Siebold, Reuters\nFirst?\n\nNATO Secretary General Mark Rutte\nAnswer.\n\n"
        "NATO Spokesperson Jane Doe:\nNext, Sky News.\n\nPrime Minister Jonas Støre:\nHello.\n\n"
        "Adam Parsons, Sky News\nSecond?\n\nNATO Secretary General Mark Rutte\nAnswer.\n\n"
        "NATO Spokesperson Jane Doe:\nThank you, that's all.\n",
        encoding="utf-8",
    )
    files = render_site(load_corpus(tmp_path).transcripts)
    hand_written = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").glob("*.md")}
    assert "speakers/jane-doe.md" in files and "speakers/jonas-store.md" in files
    for page, content in files.items():
        if not page.endswith(".md"):
            continue
        for target, _ in LINK.findall(content):
            if target:
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
                assert resolved in files or resolved in hand_written, f"{page} links to missing {target}"
    assert "(closing remarks)" not in files["speakers/jane-doe.md"]
    assert "Closing remarks" in files["speakers/jane-doe.md"]


def _links(page: str, content: str) -> set[tuple[str, str]]:
    return {
        (posixpath.normpath(posixpath.join(posixpath.dirname(page), target)), anchor)
        for target, anchor in LINK.findall(content)
        if target
    }


def test_long_listings_are_split_into_pages_that_still_link_every_exchange(corpus, monkeypatch):
    from generator.render import index_pages

    monkeypatch.setattr(index_pages, "PAGE_SIZE", 4)
    files = render_site(corpus.transcripts)
    rutte = sorted(p for p in files if p == "speakers/mark-rutte.md" or p.startswith("speakers/mark-rutte/"))
    # 17 answered exchanges and 2 opening statements: 19 entries, 5 pages of at most 4.
    assert rutte == ["speakers/mark-rutte.md", *(f"speakers/mark-rutte/page-{n}.md" for n in range(2, 6))]
    linked = set().union(*(_links(p, files[p]) for p in rutte))
    for t in corpus.transcripts:
        target = t.url.rstrip("/") + ".md"
        assert {(target, e.anchor) for e in t.exchanges} <= linked
    for page in rutte:
        assert files[page].count("\n- [Q") + files[page].count("\n- [Opening") <= 4
        # Every page links to every other page of the listing.
        assert set(rutte) - {page} <= {target for target, _ in _links(page, files[page])}
    speakers = [p for p in files if p == "speakers/index.md" or re.fullmatch(r"speakers/page-\d+\.md", p)]
    people = len(build_catalog(corpus.transcripts).people)
    assert len(speakers) == -(-people // 4)  # pages of 4 rows


def test_an_id_never_takes_the_name_of_a_listings_later_page():
    from generator.registry import make_id

    assert make_id("Page 2") == "page-2-1"
    assert make_id("Page Two") == "page-two"


class _Versions:
    """A memo that knows every transcript's version (`Memo.version`) and keeps nothing else:
    a listing page is then `Deferred` under a key of what it shows."""

    def __init__(self, changed: str = ""):
        self.changed = changed

    def get(self, t, kind):
        return None

    def put(self, t, kind, value):
        pass

    def shared(self, name):
        return {}

    def version(self, t):
        return f"{t.id}-{'edited' if t.id == self.changed else 'as before'}"

    def unmade(self, t):
        return True

    def read_back(self, stem):
        return None

    def published(self, t, card):
        pass


def test_a_listing_page_is_made_again_exactly_where_it_shows_the_changed_transcript():
    """A speaker's, outlet's or topic's page is keyed by its transcripts' versions and how many
    of each one's entries it shows: a transcript read anew changes the key of every page that
    lists it (its heading `{#t-id}` is there), and of no other."""
    from generator.render import site_files

    transcripts = load_corpus(ROOT / "tests" / "corpus").transcripts
    changed = max(transcripts, key=lambda t: len(t.exchanges)).id
    before, after = site_files(transcripts, _Versions()), site_files(transcripts, _Versions(changed))
    listings = [path for path in before if path.startswith(("speakers/", "outlets/", "topics/")) and
                path.endswith(".md") and not path.endswith("index.md")]
    showing = [path for path in listings if f"{{#t-{changed}}}" in before[path].make()]
    assert showing and len(showing) < len(listings)
    for path in listings:
        assert (before[path].key != after[path].key) == (path in showing), path
