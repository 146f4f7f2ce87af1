"""The site search: Pagefind's index of the transcripts, and a reader searching it in Chromium."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.conftest import served_folder
from tests.test_cli import run

CHROMIUM = "/usr/bin/chromium"  # Debian's; .ci/run installs it where it is missing
expect.set_options(timeout=15_000)  # a loaded two-core CI machine
PRESS_CONFERENCE = "transcripts/2024/2024-12-03-pre-ministerial-press-conference/"
DOORSTEP = "transcripts/2025/2025-02-13-doorstep-statement/"


def fragments(site: Path, index: str = "pagefind") -> dict[str, dict]:
    """Pagefind's record of each page the `index` of the site holds, by URL: its text,
    anchors, filters and metadata."""
    records = {}
    for path in (site / index / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        record = json.loads(data.removeprefix(b"pagefind_dcd"))
        records[record["url"].strip("/") + "/"] = record
    return records


def test_site_ships_pagefind_not_materials_search_index(built):
    project, result = built
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert not (site / "search").exists()  # no search/search_index.json: Material's search is off
    assert b"search_index.json" not in (site / "index.html").read_bytes()


def test_only_transcripts_are_indexed_with_their_filters_and_date(built):
    project, _ = built
    records = fragments(project / "site")
    assert sorted(records) == [PRESS_CONFERENCE, DOORSTEP]
    record = records[PRESS_CONFERENCE]
    assert record["meta"]["title"] == "Pre-ministerial press conference"
    assert record["meta"]["date"] == "3 December 2024"
    assert record["filters"]["year"] == ["2024"]
    assert record["filters"]["kind"] == ["Press conference"]
    assert "Sabine Siebold" in record["filters"]["speaker"] and "Mark Rutte" in record["filters"]["speaker"]
    assert "Reuters" in record["filters"]["outlet"]
    sections = json.loads(record["meta"]["sections"])
    assert sections["q1"] == {
        "speakers": ["Farah Dakhlallah", "Sabine Siebold", "Mark Rutte"], "outlets": ["Reuters"],
        "turns": [["Farah Dakhlallah", "moderator", 9], ["Sabine Siebold, Reuters", "question", 40], ["Mark Rutte", "answer", 149]],
    }
    assert records[DOORSTEP]["filters"]["kind"] == ["Doorstep"]
    assert "outlet" not in records[DOORSTEP]["filters"]


def test_every_result_lands_on_a_page_and_an_id_of_the_built_site(built):
    """The index is made from the search pages, beside the build: each of its URLs and
    anchors must be the built site's, and each exchange of a built page must be in it."""
    project, _ = built
    site = project / "site"
    records = fragments(site)
    assert not list(site.glob("**/.site*")) and not (project / ".site.search").exists()
    for url, record in records.items():
        built_ids = set(re.findall(r'\bid="([^"]+)"', (site / url / "index.html").read_text(encoding="utf-8")))
        anchors = {a["id"] for a in record["anchors"] if a.get("id")}
        assert anchors <= built_ids
        assert {i for i in built_ids if re.fullmatch(r"q\d+", i)} <= anchors
        assert (site / url / "index.html").read_text(encoding="utf-8").count(record["meta"]["title"]) >= 1


def test_index_holds_the_speech_and_exchange_headings_not_the_page_around_them(built):
    project, _ = built
    record = fragments(project / "site")[PRESS_CONFERENCE]
    content = record["content"]
    assert "will you at least strengthen the membership language on Ukraine's path to membership?" in content
    for apparatus in ("Raw text", "Permalink", "¶", "· answer", "· question", "Previous", "Next:", "Q1 ·  Sabine"):
        assert apparatus not in content
    headings = {a["id"]: a["text"] for a in record["anchors"] if a["element"] == "h3"}
    assert headings["q1"] == "Q1 · Sabine Siebold, Reuters"
    assert sorted(headings, key=lambda anchor: int(anchor[1:])) == [f"q{n}" for n in range(1, 13)]


def test_values_in_search_attributes_are_escaped(project):
    kind = 'Joint "press" point </span><script>alert(3)</script> & more'
    sidecar = project / "transcripts/2025-02-13-doorstep-statement.yml"
    sidecar.write_text(f"kind: '{kind}'\n", encoding="utf-8")
    result = run(project, "build")
    assert result.returncode == 0, result.stderr
    html = (project / "site" / DOORSTEP / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(3)" not in html
    assert fragments(project / "site")[DOORSTEP]["filters"]["kind"] == [kind]


def test_failed_index_leaves_the_last_good_site(project, tmp_path, monkeypatch):
    assert run(project, "build").returncode == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'Error: no space left on device'\nexit 1\n", encoding="utf-8")
    failing.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(failing))
    result = run(project, "build")
    assert result.returncode == 1
    assert result.stderr == (
        "site: Pagefind could not index the site, the site was left as it was: no space left on device\n"
        "stopped: 1 problem; site was left as it was\n"
    )
    assert {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()} == before
    assert not (project / ".site.building").exists()


def test_missing_pagefind_is_one_line_not_a_traceback(project, tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "nowhere" / "pagefind"))
    result = run(project, "build")
    assert result.returncode == 1
    assert result.stderr == (
        "site: Pagefind could not index the site, the site was left as it was: "
        "its binary was not found (install the project again: pip install -e .)\n"
        "stopped: 1 problem; site was left as it was\n"
    )
    assert not (project / "site").exists() and not (project / ".site.building").exists()


# A reader in a browser


@pytest.fixture(scope="module")
def served(built):
    """The built sample site over HTTP on a free port: its root URL."""
    project, _ = built

    with served_folder(project / "site") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    page.close()
    assert errors == []


def search(page, base: str, text: str) -> None:
    page.goto(base)
    page.keyboard.press("/")  # Material's key for search
    page.keyboard.type(text)


def test_reader_finds_a_question_and_lands_on_its_exchange(page, served):
    search(page, served, "strengthen the membership language")
    first = page.locator(".md-search-result__link").first
    expect(first).to_contain_text("Q1 · Sabine Siebold, Reuters")
    expect(first).to_contain_text("Pre-ministerial press conference · 3 December 2024")
    expect(first.locator("mark").first).to_have_text("strengthen")
    expect(first.locator("mark", has_text=re.compile(r"^the$"))).to_have_count(0)  # too common to search for
    expect(page.locator(".md-search-result__link")).to_have_count(1)  # the only exchange with all the words
    first.click()
    page.wait_for_url(f"{served}{PRESS_CONFERENCE}#q1")
    expect(page.locator("h3#q1")).to_be_in_viewport()
    expect(page.locator("#__search")).not_to_be_checked()


def test_keyboard_only_search(page, served):
    search(page, served, "Hegseth")
    expect(page.locator(".md-search-result__meta")).to_contain_text("in 1 transcript")
    page.keyboard.press("ArrowDown")
    expect(page.locator(".md-search-result__link").first).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{served}{DOORSTEP}#*")
    page.goto(served)
    page.keyboard.press("/")
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()


def test_filters_narrow_to_exchanges_and_sort_by_date(page, served):
    search(page, served, "Ukraine")
    links = page.locator(".md-search-result__link")
    expect(page.locator(".md-search-result__meta")).to_contain_text("in 2 transcripts")
    page.select_option("select[data-filter=outlet]", "Reuters")
    expect(page.locator(".md-search-result__meta")).to_contain_text("1 result in 1 transcript")
    expect(links).to_have_count(1)
    assert links.first.get_attribute("href").endswith(f"{PRESS_CONFERENCE}#q1")
    page.select_option("select[data-filter=outlet]", "")
    page.select_option("select[data-sort]", "desc")
    expect(page.locator(".md-search-result__meta")).to_contain_text("in 2 transcripts")
    assert DOORSTEP in links.first.get_attribute("href")
    page.select_option("select[data-sort]", "asc")
    expect(links.first).to_have_attribute("href", f"/{PRESS_CONFERENCE}#opening")


def test_a_result_says_who_said_the_matched_words_and_shows_their_turn_alone(page, served):
    search(page, served, "bridge consists")
    result = page.locator(".md-search-result__link").first
    expect(result.locator(".transcript-search__heading")).to_have_text("Q1 · Sabine Siebold, Reuters")
    expect(result.locator(".transcript-search__speaker")).to_have_text("Mark Rutte · answer")
    expect(result.locator(".transcript-search__excerpt mark")).to_have_text(["bridge.", "bridge", "consists,"])
    search(page, served, "strengthen the membership language")
    result = page.locator(".md-search-result__link").first
    expect(result.locator(".transcript-search__speaker")).to_have_text("Sabine Siebold, Reuters · question")
    excerpt = result.locator(".transcript-search__excerpt")
    expect(excerpt).to_contain_text("strengthen the membership language on Ukraine's path to membership?")
    for elsewhere in ("Reuters over there", "Q1 ·", "Well, as you know"):  # the moderator, heading, answer
        expect(excerpt).not_to_contain_text(elsewhere)


def test_matched_words_are_highlighted_not_styled_as_links(page, served):
    search(page, served, "membership")
    mark = page.locator(".transcript-search__excerpt mark").first
    expect(mark).to_be_visible()
    style = mark.evaluate("m => { const s = getComputedStyle(m); return [s.textDecorationLine, s.backgroundColor, s.color]; }")
    link = page.locator("article a").first.evaluate("a => getComputedStyle(a).color")
    assert style[0] == "none" and style[1] not in ("rgba(0, 0, 0, 0)", "transparent") and style[2] != link


def test_tab_keeps_the_focus_in_the_open_search_and_escape_gives_it_back(page, served):
    page.goto(served)
    opener = page.locator("article a").first
    opener.focus()
    page.keyboard.press("/")
    page.keyboard.type("membership")
    expect(page.locator(".md-search-result__link")).to_have_count(3)
    inside = "() => document.querySelector('[data-transcript-search]').contains(document.activeElement)"
    stops = page.evaluate("() => [...document.querySelectorAll('[data-transcript-search] a[href], "
                          "[data-transcript-search] select')].filter(e => e.getClientRects().length).length")
    for _ in range(stops + 1):  # round past the last result, back to the box
        page.keyboard.press("Tab")
        assert page.evaluate(inside)
    expect(page.locator(".md-search__input")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(page.locator(".md-search-result__link").last).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    expect(opener).to_be_focused()
    page.goto(served)
    page.keyboard.press("/")
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    assert page.evaluate("() => document.activeElement !== document.body")
