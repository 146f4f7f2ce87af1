"""A page per topic (the sidecars' `topics`, named as the registry names them), listing
its exchanges newest first in pages as the other listings, and an index of topics."""

from __future__ import annotations

from .catalog import Catalog, Listing, size
from . import paths
from .index_pages import Pages, _entry_pages, _table_pages
from .markdown import link, plural, text


def topic_pages(catalog: Catalog, topic_id: str) -> Pages:
    name = catalog.topics[topic_id]
    entries = catalog.by_topic[topic_id]
    intro = [f"# {_heading(name)} {{#topic}}", f"{plural(size(entries), 'exchange')} in "
             f"{plural(_transcripts(entries), 'transcript')} whose sidecar names this topic, newest first."]
    feed = (paths.topic_feed(name), f"{name}: questions and answers")
    return _entry_pages(name, intro, entries, lambda n: paths.topic(name, n), ("All topics", paths.TOPICS),
                        None, feed, catalog)


def _transcripts(entries: Listing) -> int:
    """How many transcripts a topic's exchanges are of (one with no question counts none)."""
    return sum(1 for run in entries if run.count)


def _heading(name: str) -> str:
    return text(_capital(name))


def _capital(name: str) -> str:
    """"Hybrid threats" for a sidecar's "hybrid threats": as a heading or a table's first column."""
    return name[:1].upper() + name[1:]


def topics_index(catalog: Catalog) -> Pages:
    def row(page: str, topic_id: str) -> str:
        name, entries = catalog.topics[topic_id], catalog.by_topic[topic_id]
        return f"| {link(_capital(name), page, paths.topic(name))} | {size(entries)} | {_transcripts(entries)} |"

    return _table_pages(
        "Topics", f"{plural(len(catalog.topics), 'topic')}, as the transcripts' sidecars name them.", paths.TOPICS,
        ["| Topic | Exchanges | Transcripts |", "|---|--:|--:|"],
        [(name, topic_id) for topic_id, name in catalog.topics.items()], row,
    )
