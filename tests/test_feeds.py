"""Atom feeds: what each one holds, in what order, where its links land, and that the same
archive always gives the same bytes."""

from __future__ import annotations

import dataclasses
import datetime
from urllib.parse import urljoin

import feedparser
import pytest

from generator.model import Transcript
from generator.render import paths
from generator.render.catalog import Catalog, build_catalog
from generator.render.feeds import LIMIT, feeds

SITE = "https://example.org/archive/"
DAY = datetime.timedelta(days=1)


@pytest.fixture(scope="module")
def catalog(corpus) -> Catalog:
    return build_catalog(corpus.transcripts)


@pytest.fixture(scope="module")
def published(catalog):
    return feeds(catalog, SITE)


def parse(xml: str) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(xml.encode("utf-8"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def exchange_urls(transcripts) -> list[str]:
    """Every exchange's absolute URL, newest transcript first and its last exchange first
    (of transcripts, or of a catalog's cards)."""
    ordered = sorted(transcripts, key=lambda t: (t.meta.date, t.id), reverse=True)
    return [f"{SITE}{t.url}#{anchor}" for t in ordered for anchor in reversed(_anchors(t))]


def _anchors(t) -> list[str]:
    return [e.anchor for e in t.exchanges] if isinstance(t, Transcript) else t.anchor_list()


def links(parsed) -> list[str]:
    return [entry.link for entry in parsed.entries]


def test_one_feed_for_the_archive_and_each_speaker_outlet_and_topic(catalog, published):
    expected = {paths.FEED_ALL}
    expected |= {paths.speaker_feed(p) for p in catalog.people.values()}
    expected |= {paths.outlet_feed(o) for o in catalog.outlets.values()}
    expected |= {paths.topic_feed(name) for name in catalog.topics.values()}
    assert set(published) == expected
    assert paths.speaker_feed(catalog.people["mark-rutte"]) == "feeds/speakers/mark-rutte.xml"
    assert paths.outlet_feed(catalog.outlets["reuters"]) == "feeds/outlets/reuters.xml"


def test_the_archive_feed_lists_every_exchange_newest_first(catalog, published):
    parsed = parse(published[paths.FEED_ALL])
    assert parsed.feed.title == "Press conference transcripts: all questions"
    assert parsed.feed.id == SITE + paths.FEED_ALL
    assert links(parsed) == exchange_urls(catalog.transcripts)[:LIMIT]
    assert [entry.id for entry in parsed.entries] == links(parsed)
    newest = catalog.transcripts[-1].meta.date
    assert parsed.feed.updated == f"{newest.isoformat()}T00:00:00+00:00"


def test_entries_name_the_exchange_and_carry_its_question_answer_and_asker(catalog, published):
    first = catalog.library(catalog.transcripts[0])
    q1 = first.exchanges[0]
    entry = next(e for e in parse(published[paths.FEED_ALL]).entries if e.link == f"{SITE}{first.url}#q1")
    assert entry.title == "Q1 · Sabine Siebold, Reuters: Pre-ministerial press conference"
    assert entry.content[0].type == "text/plain"
    assert entry.content[0].value == (
        q1.question.text + "\n\nMark Rutte: Well, as you know, Allies agree that the future of Ukraine is in NATO, and "
        "during the Washington Summit, we agreed on the irreversible path towards NATO, and before and after the "
        "Washington Summit, Allies have been working on building the bridge.\n\nAnswered by: Mark Rutte"
    )
    assert entry.published == entry.updated == "2024-12-03T00:00:00+00:00"
    assert entry.author_detail == {"name": "Sabine Siebold, Reuters", "href": SITE + "speakers/sabine-siebold/"}
    assert parse(published[paths.FEED_ALL]).feed.author == "Press conference transcripts"


def test_an_entry_gives_the_opening_words_of_a_long_answer_and_an_unnamed_asker(corpus):
    t = min(corpus.transcripts, key=lambda t: t.order)
    q1 = t.exchanges[0]
    answer = dataclasses.replace(q1.answers[0], paragraphs=(" ".join(f"w{n}" for n in range(100)), "Second."))
    unnamed = dataclasses.replace(q1.question, speaker=dataclasses.replace(q1.question.speaker, person=None, outlet=None))
    changed = dataclasses.replace(q1, question=unnamed, replies=(answer,))
    local = feeds(build_catalog((dataclasses.replace(t, exchanges=(changed,)),)), "")
    entry = parse(local[paths.FEED_ALL]).entries[0]
    opening = " ".join(f"w{n}" for n in range(60)) + "…"
    assert entry.content[0].value == f"{unnamed.text}\n\nMark Rutte: {opening}\n\nAnswered by: Mark Rutte"
    assert entry.author_detail == {"name": "Unnamed journalist"}
    rutte = parse(local["feeds/speakers/mark-rutte.xml"]).entries[0]
    assert rutte.author_detail == {"name": "Unnamed journalist"}


def test_without_a_site_url_an_askers_page_is_relative_to_the_feed(catalog):
    entry = parse(feeds(catalog, "")["feeds/outlets/reuters.xml"]).entries[0]
    assert urljoin(SITE + "feeds/outlets/reuters.xml", entry.author_detail.href) == SITE + "speakers/sabine-siebold/"


def test_every_link_lands_on_an_exchange_of_the_model(catalog, published):
    exchanges = set(exchange_urls(catalog.transcripts))
    for path, xml in published.items():
        for link in links(parse(xml)):
            assert link in exchanges, f"{path}: {link}"


def test_a_speaker_feed_holds_every_exchange_they_took_part_in(catalog, published):
    for person_id, person in catalog.people.items():
        parsed = parse(published[paths.speaker_feed(person)])
        assert parsed.feed.title == f"{person.name}: questions and answers"
        took_part = [e for e in catalog.entries(catalog.by_person[person_id]) if e.exchange is not None]
        expected = [url for url in exchange_urls(catalog.transcripts)
                    if url in {f"{SITE}{e.transcript.url}#{e.exchange.anchor}" for e in took_part}]
        assert links(parsed) == expected[:LIMIT]
    rutte = parse(published["feeds/speakers/mark-rutte.xml"]).feed
    assert rutte.id == SITE + "feeds/speakers/mark-rutte.xml"
    assert {(link.rel, link.href) for link in rutte.links} == {
        ("self", SITE + "feeds/speakers/mark-rutte.xml"), ("alternate", SITE + "speakers/mark-rutte/"),
    }


def test_an_outlet_feed_holds_every_question_it_asked(catalog, published):
    for outlet_id, outlet in catalog.outlets.items():
        parsed = parse(published[paths.outlet_feed(outlet)])
        assert parsed.feed.title == f"{outlet.name}: questions asked"
        asked = {f"{SITE}{e.transcript.url}#{e.exchange.anchor}" for e in catalog.entries(catalog.by_outlet[outlet_id])}
        assert set(links(parsed)) == asked
    reuters = parse(published["feeds/outlets/reuters.xml"])
    assert [e.title for e in reuters.entries] == ["Q1 · Sabine Siebold, Reuters: Pre-ministerial press conference"]


def copies(t: Transcript, count: int) -> tuple[Transcript, ...]:
    """`count` copies of `t` on successive days, with their own ids."""
    return tuple(
        dataclasses.replace(t, id=f"{t.id}-{n}", meta=dataclasses.replace(t.meta, date=t.meta.date + DAY * n))
        for n in range(count)
    )


def test_no_feed_holds_more_than_the_latest_entries(corpus):
    first = min(corpus.transcripts, key=lambda t: t.order)  # one Reuters question, twelve answers by Mark Rutte
    many = copies(first, LIMIT + 10)
    published = feeds(build_catalog(many), SITE)
    everything = exchange_urls(many)
    assert links(parse(published[paths.FEED_ALL])) == everything[:LIMIT]
    assert links(parse(published["feeds/speakers/mark-rutte.xml"])) == everything[:LIMIT]
    reuters = links(parse(published["feeds/outlets/reuters.xml"]))
    assert reuters == [f"{SITE}{t.url}#q1" for t in reversed(many)][:LIMIT]
    assert parse(published[paths.FEED_ALL]).feed.updated == f"{many[-1].meta.date.isoformat()}T00:00:00+00:00"


def test_the_same_archive_gives_the_same_bytes(corpus, catalog, published):
    assert feeds(catalog, SITE) == published
    assert feeds(build_catalog(tuple(reversed(corpus.transcripts))), SITE) == published
    for xml in published.values():
        for line in xml.splitlines():
            if "<updated>" in line or "<published>" in line:
                assert "T00:00:00+00:00<" in line  # a transcript's date, never the time of the build
        assert "version=" not in xml.split("?>", 1)[1]  # no feedgen version in the output


def test_hostile_text_is_kept_as_text(corpus):
    t = min(corpus.transcripts, key=lambda t: t.order)
    q1 = t.exchanges[0]
    question = dataclasses.replace(q1.question, paragraphs=("<script>alert(1)</script>\x00 & \x0b\ud800more", "Next."))
    hostile = dataclasses.replace(t, meta=dataclasses.replace(t.meta, title="</title>\x01 <b>Bold</b>"),
                                  exchanges=(dataclasses.replace(q1, question=question), *t.exchanges[1:]))
    xml = feeds(build_catalog((hostile,)), SITE)[paths.FEED_ALL]
    assert "<script>" not in xml and "<b>" not in xml
    entry = parse(xml).entries[-1]
    assert entry.title == "Q1 · Sabine Siebold, Reuters: </title> <b>Bold</b>"
    assert entry.content[0].value.startswith("<script>alert(1)</script> & more\n\nNext.")


def test_without_a_site_url_links_are_relative_to_the_feed(catalog):
    local = feeds(catalog, "")
    assert set(local) == set(feeds(catalog, SITE))
    for path, xml in local.items():
        parsed = parse(xml)
        here = SITE + path
        assert [urljoin(here, link.href) for link in parsed.feed.links if link.rel == "self"] == [here]
        assert [urljoin(here, entry.link) for entry in parsed.entries] == links(parse(feeds(catalog, SITE)[path]))
        assert all(entry.id.startswith("urn:uuid:") for entry in parsed.entries)
        assert parsed.feed.id.startswith("urn:uuid:")
    rutte = parse(local["feeds/speakers/mark-rutte.xml"]).feed
    alternate = next(link.href for link in rutte.links if link.rel == "alternate")
    assert urljoin(SITE + "feeds/speakers/mark-rutte.xml", alternate) == SITE + "speakers/mark-rutte/"


def test_someone_in_no_exchange_has_an_empty_feed(corpus):
    t = min(corpus.transcripts, key=lambda t: t.order)
    catalog = build_catalog((dataclasses.replace(t, exchanges=()),))  # the opening statement alone
    parsed = parse(feeds(catalog, SITE)["feeds/speakers/mark-rutte.xml"])
    assert parsed.entries == []
    assert parsed.feed.updated == "1970-01-01T00:00:00+00:00"


def test_a_site_url_without_a_trailing_slash_is_the_same_site(catalog, published):
    assert feeds(catalog, SITE.rstrip("/")) == published


def test_page_urls():
    assert paths.page_url(paths.HOME) == ""
    assert paths.page_url(paths.SPEAKERS) == "speakers/"
    assert paths.page_url("speakers/mark-rutte.md") == "speakers/mark-rutte/"
    assert paths.page_url("speakers/mark-rutte/page-2.md") == "speakers/mark-rutte/page-2/"


def test_a_feed_is_keyed_by_what_its_entries_take_of_their_transcripts(corpus):
    """Where the transcripts' versions are known, a feed is made only where its key is new:
    a new title changes the feeds that list that transcript, and no other."""
    versions = {t.id: "first" for t in corpus.transcripts}
    first = feeds(build_catalog(corpus.transcripts, versions), SITE)
    doorstep = corpus.transcripts[1]  # the 2025 doorstep: no question of Reuters
    retitled = dataclasses.replace(doorstep, meta=dataclasses.replace(doorstep.meta, title="New"))
    changed = (corpus.transcripts[0], retitled)
    second = feeds(build_catalog(changed, {**versions, retitled.id: "second"}), SITE)
    assert {path for path in first if first[path].key != second[path].key} >= {"feeds/all.xml"}
    assert first["feeds/outlets/reuters.xml"].key == second["feeds/outlets/reuters.xml"].key
    made = feeds(build_catalog(changed), SITE)
    assert {path: feed.make() for path, feed in second.items()} == made
