"""The search index in parts of whole years: one Pagefind run each, read newest first."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.render.search_page import PARTS, in_parts
from tests.conftest import make_project, served_folder
from tests.test_cli import run
from tests.test_search import DOORSTEP, PRESS_CONFERENCE, browser, fragments, page, search  # noqa: F401 (fixtures)

MORE = ".transcript-search__more"
STATUS = ".md-search-result__meta"


def made(counts: dict[str, int]) -> dict[str, tuple[str, tuple[tuple[str, str], ...]]]:
    """Search pages of the years and numbers given, each found under its year and one speaker."""
    return {f"transcripts/{year}/t{i}/index.html": (f"<p>{year} {i}</p>", (("year", year), ("speaker", f"S{i % 2}")))
            for year, n in counts.items() for i in range(n)}


def test_parts_are_whole_years_newest_first_and_filters_count_the_archive():
    files = in_parts(made({"2022": 100, "2023": 1200, "2024": 200, "2025": 300, "2026": 600}), most=1000)
    index = json.loads(files[PARTS])
    assert [(p["name"], p["path"], p["folders"], p["pages"]) for p in index["parts"]] == [
        ("2025-2026", "", ["2026", "2025"], 900),
        ("2024", "part/2024/", ["2024"], 200),
        ("2023", "part/2023/", ["2023"], 1200),  # a year over the bound is a part of its own
        ("2022", "part/2022/", ["2022"], 100),
    ]
    assert index["parts"][0]["years"] == [2026, 2025]
    # pages with the value, and the parts that have them (bit i for part i)
    assert index["filters"]["year"] == {"2022": [100, "8"], "2023": [1200, "4"], "2024": [200, "2"], "2025": [300, "1"],
                                        "2026": [600, "1"]}
    assert index["filters"]["speaker"] == {"S0": [1200, "f"], "S1": [1200, "f"]}
    assert files["transcripts/2024/t3/index.html"] == "<p>2024 3</p>"  # the pages as made
    one = json.loads(in_parts(made({"2025": 3, "2024": 4}))[PARTS])["parts"]
    assert [(p["name"], p["path"]) for p in one] == [("2024-2025", "")]


def filter_counts(site: Path) -> dict[str, dict[str, int]]:
    """What Pagefind's own record of every indexed page says: how many pages have each filter's value."""
    counts: dict[str, Counter] = {}
    for record in fragments(site).values():
        for key, values in record["filters"].items():
            counts.setdefault(key, Counter()).update(values)
    return {key: dict(values) for key, values in counts.items()}


def test_one_part_lists_the_filters_pagefind_indexed(built):
    project, result = built
    assert result.returncode == 0, result.stderr
    index = json.loads((project / "site" / "pagefind" / PARTS).read_text(encoding="utf-8"))
    assert [(p["name"], p["path"]) for p in index["parts"]] == [("2024-2025", "")]
    counted = {key: {value: n for value, (n, _) in values.items()} for key, values in index["filters"].items()}
    assert counted == filter_counts(project / "site")
    assert not (project / "site" / "pagefind" / "part").exists()


@pytest.fixture(scope="module")
def in_two(tmp_path_factory):
    """The sample site built with parts of one page: 2025's index is pagefind/, 2024's pagefind/part/2024/."""
    project = make_project(tmp_path_factory.mktemp("parts"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PODIUM_SEARCH_PART_PAGES", "1")
        result = run(project, "build")
    assert result.returncode == 0, result.stderr
    with served_folder(project / "site") as url:
        yield project, url


def test_each_part_is_an_index_of_its_own_years(in_two):
    project, _ = in_two
    site = project / "site"
    index = json.loads((site / "pagefind" / PARTS).read_text(encoding="utf-8"))
    assert [(p["name"], p["path"], p["years"]) for p in index["parts"]] == [("2025", "", [2025]), ("2024", "part/2024/", [2024])]
    assert sorted(fragments(site)) == [DOORSTEP]
    assert sorted(fragments(site, "pagefind/part/2024")) == [PRESS_CONFERENCE]
    assert index["filters"]["year"] == {"2024": [1, "2"], "2025": [1, "1"]}
    assert index["filters"]["speaker"]["Mark Rutte"] == [2, "3"] and index["filters"]["outlet"]["Reuters"] == [1, "2"]


def test_first_search_reads_the_newest_part_and_older_ones_when_asked(page, in_two):
    _, url = in_two
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    search(page, url, "Ukraine")
    links = page.locator(".md-search-result__link")
    expect(page.locator(STATUS)).to_have_text("6 results in 1 transcript from 2025")
    expect(page.locator(MORE)).to_have_text("Search 2024")
    assert all(DOORSTEP in link.get_attribute("href") for link in links.all())
    assert not [u for u in fetched if "/pagefind/part/" in u]
    page.locator(MORE).click()
    expect(page.locator(STATUS)).to_have_text("15 results in 2 transcripts")
    expect(page.locator(MORE)).to_be_hidden()
    assert PRESS_CONFERENCE in links.last.get_attribute("href")
    expect(links.nth(6)).to_be_focused()  # the first of the older part's results


def test_nothing_found_in_the_newest_part_waits_for_the_reader_to_search_on(page, in_two):
    _, url = in_two
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    search(page, url, "Siebold")  # only in 2024
    expect(page.locator(STATUS)).to_have_text("No exchange matches in 2025")
    assert not [u for u in fetched if "/pagefind/part/" in u]
    page.locator(MORE).click()
    expect(page.locator(STATUS)).to_contain_text("in 1 transcript")
    expect(page.locator(".md-search-result__link").first).to_contain_text("Sabine Siebold")
    expect(page.locator(MORE)).to_be_hidden()


def test_filters_and_order_go_through_the_parts(page, in_two):
    _, url = in_two
    search(page, url, "Ukraine")
    links = page.locator(".md-search-result__link")
    expect(page.locator(STATUS)).to_contain_text("from 2025")
    page.select_option("select[data-filter=outlet]", "Reuters")  # none in 2025: only 2024 is searched
    expect(page.locator(STATUS)).to_have_text("1 result in 1 transcript")
    expect(links).to_have_count(1)
    page.select_option("select[data-filter=outlet]", "")
    page.select_option("select[data-sort]", "asc")  # oldest first: the oldest part first
    expect(page.locator(STATUS)).to_contain_text("in 1 transcript from 2024")
    expect(links.first).to_have_attribute("href", f"/{PRESS_CONFERENCE}#opening")
    expect(page.locator(MORE)).to_have_text("Search 2025")
    page.select_option("select[data-sort]", "")
    page.select_option("select[data-filter=year]", "2024")  # only the part holding it
    expect(page.locator(STATUS)).to_have_text("9 results in 1 transcript")
    expect(page.locator(MORE)).to_be_hidden()
    expect(page.locator("select[data-filter=speaker] option")).to_have_count(15)  # "Anyone" and all 14 of the archive


def test_a_part_that_cannot_be_indexed_leaves_the_last_good_site(project, tmp_path, monkeypatch):
    monkeypatch.setenv("PODIUM_SEARCH_PART_PAGES", "1")
    assert run(project, "build").returncode == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    from generator.indexing import _pagefind_binary

    failing = tmp_path / "pagefind"  # the real Pagefind for the newest part, then a full disk
    failing.write_text(f"#!/bin/sh\ncase \"$*\" in *part/2024*) echo 'Error: no space left on device'; exit 1;; esac\n"
                       f"exec {_pagefind_binary()} \"$@\"\n", encoding="utf-8")
    failing.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(failing))
    result = run(project, "build")
    assert result.returncode == 1
    assert "Pagefind could not index the site, the site was left as it was: no space left on device" in result.stderr
    assert {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("given", ["0", "many", "-5", "١٠"])
def test_a_part_size_that_is_not_a_number_of_pages_is_refused(project, monkeypatch, given):
    monkeypatch.setenv("PODIUM_SEARCH_PART_PAGES", given)
    result = run(project, "build")
    assert result.returncode == 1
    assert result.stderr.startswith(f"PODIUM_SEARCH_PART_PAGES: {given!r} is not a number of pages from 1 to 1,000,000\n")
    assert not (project / "site").exists()
