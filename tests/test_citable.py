"""Citable for good, in a reader's browser: old links after corrections, and "Cite".

The sample site is built, then corrected as a publisher would (a question inserted before
others, a file renamed, a questioner's name fixed) and built again; a reader follows the
links published the first time.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import feedparser
import pytest

from tests.conftest import make_project, served_folder
from tests.test_cli import run
from tests.test_search import browser  # noqa: F401 (a fixture)

DOORSTEP = "transcripts/2025/2025-02-13-doorstep-statement/"
PRESS = "transcripts/2024/2024-12-03-pre-ministerial-press-conference/"


def _question_ids(html: str) -> dict[str, str]:
    """Each question id on the page, with the text from its element to the next id: the
    whole exchange under a heading, or a note."""

    class Ids(HTMLParser):
        def __init__(self):
            super().__init__()
            self.ids: dict[str, str] = {}
            self.current: str | None = None

        def handle_starttag(self, tag, attrs):
            found = dict(attrs).get("id")
            if found and re.fullmatch(r"q\d+[a-z]*", found):
                self.current = found
                self.ids[found] = ""
            elif found and tag in ("h2", "h3"):
                self.current = None

        def handle_data(self, data):
            if self.current:
                self.ids[self.current] += data

    parser = Ids()
    parser.feed(html)
    return {name: " ".join(text.split()) for name, text in parser.ids.items()}


@pytest.fixture(scope="module")
def corrected(tmp_path_factory):
    """The sample site built, corrected, built again: (project, ids of the first build's pages)."""
    project = make_project(tmp_path_factory.mktemp("citable"))
    assert run(project, "build").returncode == 0
    first = {page: _question_ids((project / "site" / page / "index.html").read_text(encoding="utf-8"))
             for page in (DOORSTEP, PRESS)}
    doorstep = project / "transcripts/2025-02-13-doorstep-statement.txt"
    text = doorstep.read_text(encoding="utf-8")
    missed = ("Question:\nA question missed in the first version: will Allies meet again before the summit?\n\n"
              "NATO Secretary General Rutte:\nYes, in June.\n\n")
    doorstep.write_text(text.replace("Question:\n", missed + "Question:\n", 1), encoding="utf-8")
    press = project / "transcripts/2024-12-03-pre-ministerial-press-conference"
    for suffix in (".txt", ".yml"):
        press.with_suffix(suffix).rename(project / f"transcripts/2024-12-03-press-conference-rutte{suffix}")
    renamed = project / "transcripts/2024-12-03-press-conference-rutte.txt"
    renamed.write_text(renamed.read_text(encoding="utf-8").replace("Adam Parsons, Sky News", "Adam Parson, Sky News"),
                       encoding="utf-8")
    result = run(project, "build")
    assert result.returncode == 0, result.stderr
    assert "new exchange before the first is q0a" in result.stdout
    frozen = run(project, "build", "--frozen")  # the ledger the first build wrote is current
    assert frozen.returncode == 0, frozen.stderr
    return project, first


@pytest.fixture(scope="module")
def served(corrected):
    project, _ = corrected

    with served_folder(project / "site") as url:
        yield url


@pytest.fixture
def page(browser):  # noqa: F811
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def test_every_first_published_anchor_shows_the_same_exchange_after_the_corrections(corrected):
    project, first = corrected
    for url, ids in first.items():
        now = _question_ids((project / "site" / url / "index.html").read_text(encoding="utf-8"))
        for anchor, heading in ids.items():
            corrected_name = heading.replace("Adam Parsons,", "Adam Parson,").replace("Adam Parsons (", "Adam Parson (")
            assert now[anchor] == corrected_name, f"{url}#{anchor} shows another exchange"
    doorstep = _question_ids((project / "site" / DOORSTEP / "index.html").read_text(encoding="utf-8"))
    assert "q0a" in doorstep and "q0a" not in first[DOORSTEP]


def test_an_old_link_scrolls_to_its_question_and_marks_it(page, served, corrected):
    project, first = corrected
    page.goto(f"{served}{DOORSTEP}#q2")
    target = page.locator(":target")
    assert target.get_attribute("id") == "q2"
    assert first[DOORSTEP]["q2"].startswith(target.inner_text())
    assert "Things have changed here." in first[DOORSTEP]["q2"]
    assert target.evaluate("e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")
    assert target.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"  # marked as the target
    # It is the second question asked no longer: a question was inserted before it.
    assert page.locator("h3").nth(2).get_attribute("id") == "q2"


def test_a_renamed_transcripts_url_with_its_fragment_lands_on_the_same_exchange(page, served, corrected):
    project, first = corrected
    page.goto(f"{served}{PRESS}#q3")
    assert first[PRESS]["q3"].startswith(page.locator(":target").inner_text())
    assert "Thomas Gutschker" in page.locator(":target").inner_text()


def test_a_corrected_names_old_page_redirects_keeping_the_fragment(page, served):
    page.goto(f"{served}speakers/adam-parsons/#latest")
    page.wait_for_url("**/speakers/adam-parson/#latest")
    assert page.locator("h1").inner_text() == "Adam Parson"


def test_cite_copies_a_ready_citation_with_the_absolute_link(page, served):
    page.goto(f"{served}{PRESS}#q3")
    page.locator("#q3 + .exchange-tools summary", has_text="Cite").click()
    button = page.locator("#q3 + .exchange-tools button.citation-copy").first
    button.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(
        "Thomas Gutschker (Frankfurter Allgemeine Zeitung), question to Mark Rutte, “Pre-ministerial press "
        f"conference”, Brussels, 3 December 2024, Q3, {served}{PRESS}#q3, accessed "
    )
    assert button.inner_text() == "Copied"


def test_the_pages_name_their_feeds_and_the_feeds_parse_back(corrected):
    project, _ = corrected
    site = project / "site"
    page = (site / "speakers/mark-rutte/index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml"' in page
    feed = feedparser.parse((site / "feeds/all.xml").read_bytes())
    assert not feed.bozo
    links = [entry.link for entry in feed.entries]
    assert len(links) == 18 and all("#q" in link for link in links)
    assert links[0].endswith(f"{DOORSTEP}#q5")  # the newest transcript's last question first
    reuters = feedparser.parse((site / "feeds/outlets/reuters.xml").read_bytes())
    assert [entry.link.rsplit("/", 1)[-1] for entry in reuters.entries] == ["#q1"]
