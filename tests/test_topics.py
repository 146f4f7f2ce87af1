"""Topics: the sidecars' `topics`, named by the registry, each with a page of its exchanges
newest first, a feed, an index with counts, a search filter and links from every
transcript and exchange; `check --suggest-registry` suggests topics, the page never does."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from playwright.sync_api import expect

from generator.pipeline import load_corpus
from generator.render import index_pages, paths, render_site, topic_pages
from generator.render.catalog import build_catalog
from tests.test_cli import run
from tests.test_search import DOORSTEP, PRESS_CONFERENCE, browser, fragments, page, search, served  # noqa: F401


@pytest.fixture(scope="module")
def files(corpus):
    return render_site(corpus.transcripts)


def test_the_registry_names_a_topic_a_sidecar_gives_by_an_alias(corpus):
    doorstep = next(t for t in corpus.transcripts if t.id == "2025-02-13-doorstep-statement")
    # The sidecar says "war in Ukraine" and "defense spending": the registry's aliases.
    assert doorstep.meta.topics == ("Ukraine", "Defence spending", "United States")


def test_a_topic_page_lists_its_exchanges_newest_first_with_its_feed(files):
    page = files["topics/ukraine.md"]
    assert "# Ukraine" in page and "17 exchanges in 2 transcripts" in page
    assert page.index("Doorstep statement") < page.index("Pre-ministerial press conference")
    assert "(../transcripts/2024/2024-12-03-pre-ministerial-press-conference.md#q12)" in page
    assert 'feed: "feeds/topics/ukraine.xml"' in page
    feed = feedparser.parse(files["feeds/topics/ukraine.xml"])
    assert feed.feed.title == "Ukraine: questions and answers"
    assert len(feed.entries) == 17 and feed.entries[0].link.endswith("2025-02-13-doorstep-statement/#q5")


def test_the_topics_index_counts_exchanges_and_transcripts(files):
    index = files[paths.TOPICS]
    assert "| [Ukraine](ukraine.md) | 17 | 2 |" in index
    assert "| [Hybrid threats](hybrid-threats.md) | 12 | 1 |" in index  # the sidecar's "hybrid threats"
    data = json.loads(files[paths.API_TOPICS])
    ukraine = next(t for t in data["topics"] if t["id"] == "ukraine")
    assert ukraine == {"id": "ukraine", "name": "Ukraine", "url": "topics/ukraine/", "link": "../topics/ukraine/",
                       "feed": {"url": "feeds/topics/ukraine.xml", "link": "../feeds/topics/ukraine.xml"},
                       "questions": 17, "transcripts": 2}


def test_a_long_topic_goes_on_in_pages(corpus, monkeypatch):
    monkeypatch.setattr(index_pages, "PAGE_SIZE", 5)
    pages = topic_pages.topic_pages(build_catalog(corpus.transcripts), "ukraine")
    assert sorted(pages) == ["topics/ukraine.md", "topics/ukraine/page-2.md", "topics/ukraine/page-3.md",
                             "topics/ukraine/page-4.md"]
    assert "Page 2 of 4" in pages["topics/ukraine/page-2.md"]


def test_every_transcript_and_exchange_links_its_topics(files):
    page = files[f"{DOORSTEP.rstrip('/')}.md"]
    links = ("[Ukraine](../../topics/ukraine.md), [Defence spending](../../topics/defence-spending.md), "
             "[United States](../../topics/united-states.md)")
    assert f"- **Topics:** {links}" in page
    assert page.count(f"Topics: {links}") == 5  # under each of its five exchanges


def test_no_topics_no_links_and_nothing_invented(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("2025-02-13-doorstep-statement.txt", "speakers.yml",
                 "2024-12-03-pre-ministerial-press-conference.txt", "2024-12-03-pre-ministerial-press-conference.yml"):
        (folder / name).write_bytes((Path("transcripts") / name).read_bytes())
    corpus = load_corpus(folder)
    doorstep = next(t for t in corpus.transcripts if t.id == "2025-02-13-doorstep-statement")
    assert doorstep.meta.topics == ()
    page = render_site(corpus.transcripts)[paths.transcript(doorstep)]
    assert "Topics" not in page
    result = run(tmp_path, "check", "--input", "in", "--suggest-registry")
    assert "# 2025-02-13-doorstep-statement.yml: topics: [Ukraine, Defence spending]\n" in result.stdout
    assert "2024-12-03-pre-ministerial-press-conference.yml: topics" not in result.stdout  # it has its own


def test_search_filters_by_topic(built):
    project, _ = built
    records = fragments(project / "site")
    assert records[DOORSTEP]["filters"]["topic"] == ["Ukraine", "Defence spending", "United States"]
    assert "Georgia" in records[PRESS_CONFERENCE]["filters"]["topic"]


def test_a_reader_goes_from_an_exchange_to_its_topic_and_filters_search_by_it(page, served):  # noqa: F811
    page.goto(f"{served}{PRESS_CONFERENCE}#q7")
    page.locator("#q7 ~ .exchange-about").first.get_by_role("link", name="Georgia").click()
    expect(page.locator("h1")).to_have_text("Georgia")
    expect(page.get_by_role("link", name="Q7", exact=True)).to_be_visible()
    page.goto(f"{served}topics/")
    expect(page.get_by_role("link", name="Ukraine")).to_be_visible()
    search(page, served, "Ukraine")
    page.select_option("select[data-filter=topic]", "Defence spending")
    expect(page.locator(".md-search-result__meta")).to_contain_text("in 1 transcript")
    assert DOORSTEP in page.locator(".md-search-result__link").first.get_attribute("href")
