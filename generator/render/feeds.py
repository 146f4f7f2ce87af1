"""Atom feeds: every question in the archive, and each speaker's, outlet's and topic's.

One entry per exchange, linking to its permanent anchor on the transcript's page. A feed
holds the latest `LIMIT` exchanges only, so none grows with the archive. Nothing in a feed
depends on when it is built (dates are the transcripts' own, at 00:00 UTC), so the same
archive gives the same bytes.

With a `site_url`, ids and links are absolute URLs. Without one (a local build), links are
relative to the feed file, so they resolve wherever the site is served, and ids are
`urn:uuid:`s derived from the site-relative URL: Atom allows relative links but not
relative ids (RFC 4287, 4.2.6).

Each folder of feeds also holds an empty `sitemap.xml` (`sitemaps`): Material for MkDocs
fetches one beside every `<link rel="alternate">` of a page (for its language selector),
and the feed links of every page would otherwise each cost a request that gets a 404.
"""

from __future__ import annotations

import datetime
import hashlib
import posixpath
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from ..model import Exchange, Transcript, Turn
from . import paths
from .cards import Card
from .catalog import Catalog, Run
from .deferred import Deferred, digest
from .markdown import excerpt, relative
from .transcript_page import asker_name

LIMIT = 50  # entries in one feed
OPENING_WORDS = 60  # of the first answer, in an entry
SITE_NAME = "Press conference transcripts"
_EPOCH = datetime.date(1970, 1, 1)  # `updated` of a feed with no entries
# What XML 1.0 cannot hold at all, not even as a character reference: lxml refuses it.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

Item = tuple[Transcript, Exchange]
Latest = list[tuple[Card, str]]  # a feed's entries: each exchange's transcript and anchor, newest first


@dataclass(frozen=True)
class _Feed:
    path: str  # docs-relative, like the pages
    title: str
    page: str  # docs path of the HTML page the feed is an alternate of


def feeds(catalog: Catalog, site_url: str) -> dict[str, str | Deferred]:
    """Every feed, keyed by path under the docs folder: the whole archive's, and one per
    person, outlet and topic in the catalog (empty if they took part in no exchange).
    Where the catalog knows each transcript's version, a feed is `Deferred` under a digest
    of everything it is made from (each entry's transcript's `version` and anchor), and
    made, its transcripts read back, only where the docs hold another."""

    def made(feed: _Feed, items: Latest) -> str | Deferred:
        def atom() -> str:
            return _atom(feed, _entries(catalog, items), site_url)

        if not catalog.versions:
            return atom()
        return Deferred(digest("feed", site_url, repr(feed), *(f"{card.feed}#{anchor}" for card, anchor in items)), atom)

    archive = _Feed(paths.FEED_ALL, f"{SITE_NAME}: all questions", paths.HOME)
    files = {archive.path: made(archive, latest(Run(card, None, card.questions) for card in reversed(catalog.transcripts)))}
    for person_id, person in catalog.people.items():
        feed = _Feed(paths.speaker_feed(person), f"{person.name}: questions and answers", paths.speaker(person))
        files[feed.path] = made(feed, latest(catalog.by_person.get(person_id, ())))
    for outlet_id, outlet in catalog.outlets.items():
        feed = _Feed(paths.outlet_feed(outlet), f"{outlet.name}: questions asked", paths.outlet(outlet))
        files[feed.path] = made(feed, latest(catalog.by_outlet.get(outlet_id, ())))
    for topic_id, name in catalog.topics.items():
        feed = _Feed(paths.topic_feed(name), f"{name}: questions and answers", paths.topic(name))
        files[feed.path] = made(feed, latest(catalog.by_topic.get(topic_id, ())))
    return dict(sorted(files.items()))


def latest(listing: Iterable[Run]) -> Latest:
    """The `LIMIT` newest exchanges of a listing, whose runs come newest transcript first
    (`Catalog`), each in the order asked: its last exchanges are its newest."""
    items: Latest = []
    for run in listing:
        for anchor in run.latest_anchors():
            items.append((run.card, anchor))
            if len(items) == LIMIT:
                return items
    return items


def _entries(catalog: Catalog, items: Latest) -> list[Item]:
    """Each entry's transcript and exchange, read back."""
    found = []
    for card, anchor in items:
        t = catalog.listed(card)
        found.append((t, next(e for e in t.exchanges if e.anchor == anchor)))
    return found


SITEMAP = "sitemap.xml"
EMPTY_SITEMAP = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n'


def sitemaps(files: dict[str, str]) -> dict[str, str]:
    """An empty sitemap in each folder of feeds among `files` (docs paths) that has none:
    what Material asks for beside each feed a page links to. A feed at that name (someone
    whose id is "sitemap") is left as it is: Material reads it as a sitemap of nothing."""
    folders = {posixpath.dirname(path) for path in files if path.startswith("feeds/") and path.endswith(".xml")}
    return {name: EMPTY_SITEMAP for folder in sorted(folders) if (name := f"{folder}/{SITEMAP}") not in files}


def version(t: Transcript) -> str:
    """A digest of what a feed entry takes from a transcript: its URL, title, date and each
    exchange's anchor, asker, question and answerers."""
    parts = [t.url, t.meta.title, t.meta.date.isoformat()]
    for e in t.exchanges:
        asker = e.question.speaker.person
        parts += [e.anchor, asker_name(e.question.speaker), asker.id if asker else "", _summary(e)]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _atom(feed: _Feed, items: Sequence[Item], site_url: str) -> str:
    """The feed of `items` (newest first) as Atom XML."""
    fg = FeedGenerator()
    fg.id(_id(site_url, feed.path))
    fg.title(_line(feed.title))
    fg.author(name=SITE_NAME)
    fg.link(href=_href(site_url, feed.path, feed.path), rel="self", type="application/atom+xml")
    fg.link(href=_href(site_url, feed.path, paths.page_url(feed.page)), rel="alternate", type="text/html")
    fg.language("en")
    # feedgen's default names its version: then an upgrade alone would change every feed.
    fg.generator("python-feedgen", uri="https://lkiesow.github.io/python-feedgen")
    fg.updated(_midnight(items[0][0].meta.date if items else _EPOCH))
    for t, e in items:
        entry = fg.add_entry(order="append")
        entry.id(_id(site_url, f"{t.url}#{e.anchor}"))
        entry.title(_line(f"{e.name} · {asker_name(e.question.speaker)}: {t.meta.title}"))
        entry.link(href=_href(site_url, feed.path, t.url) + f"#{e.anchor}", rel="alternate", type="text/html")
        asker = e.question.speaker.person
        page = {"uri": _href(site_url, feed.path, paths.page_url(paths.speaker(asker)))} if asker else {}
        entry.author(name=_line(asker_name(e.question.speaker)), **page)
        entry.content(_summary(e), type="text")
        entry.published(_midnight(t.meta.date))
        entry.updated(_midnight(t.meta.date))
    return fg.atom_str(pretty=True, encoding="UTF-8").decode("utf-8")


def _summary(e: Exchange) -> str:
    """The question's text, the opening words of its first answer, then who answered it."""
    names = dict.fromkeys(_name(turn) for turn in e.answers)
    if not names:
        return _xml(e.question.text)
    first = e.answers[0]
    opening = excerpt(first.paragraphs[0] if first.paragraphs else "", OPENING_WORDS)
    return _xml(f"{e.question.text}\n\n{_name(first)}: {opening}\n\nAnswered by: {', '.join(names)}")


def _name(turn: Turn) -> str:
    return turn.speaker.person.name if turn.speaker.person else "Unnamed speaker"


def _id(site_url: str, target: str) -> str:
    """The permanent id of a site-relative URL: the absolute URL, or without a site URL a
    UUID derived from the relative one."""
    return _absolute(site_url, target) if site_url else uuid.uuid5(uuid.NAMESPACE_URL, target).urn


def _href(site_url: str, feed_path: str, target: str) -> str:
    """A link to a site-relative URL: absolute, or without a site URL relative to the feed."""
    return _absolute(site_url, target) if site_url else relative(feed_path, target)


def _absolute(site_url: str, target: str) -> str:
    return site_url.rstrip("/") + "/" + target


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)


def _xml(value: str) -> str:
    """`value` without the characters XML cannot hold (NUL, most C0 controls, surrogates)."""
    return _NOT_XML.sub("", value)


def _line(value: str) -> str:
    """`value` as XML text on one line: for titles."""
    return " ".join(_xml(value).split())
