"""No page of the built site asks for anything that is not there: every page type of the
sample site, loaded in Chromium, with and without a `site_url`, records no response of 400
or more and no failed request (a reader's search included)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.links import check_links
from tests.conftest import make_project, served_folder
from tests.test_cli import run
from tests.test_search import browser  # noqa: F401  (the fixture: Chromium, headless)

# Every page the site builds is one of these, by its path in the site.
TYPES = {
    "home": r"index\.html",
    "not found": r"404\.html",
    "about": r"about/index\.html",
    "archive": r"transcripts/index\.html",
    "year": r"transcripts/\d{4}/index\.html",
    "transcript": r"transcripts/\d{4}/[^/]+/index\.html",
    "speakers": r"speakers/index\.html",
    "speaker": r"speakers/[^/]+/index\.html",
    "outlets": r"outlets/index\.html",
    "outlet": r"outlets/[^/]+/index\.html",
    "topics": r"topics/index\.html",
    "topic": r"topics/[^/]+/index\.html",
}


def page_types(site: Path) -> dict[str, str]:
    """One URL path of each page type the built `site` holds, the first in sorted order;
    the 404 page at a URL that is not in the site, as a reader reaches it."""
    found: dict[str, str] = {}
    for path in sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")):
        kind = next((k for k, pattern in TYPES.items() if re.fullmatch(pattern, path)), None)
        assert kind is not None, f"{path}: a page of no known type; add its type to TYPES"
        found.setdefault(kind, path.removesuffix("index.html"))
    found["not found"] = "no/such/page/"
    return found


def bad_requests(browser, url: str, search: str | None = None) -> list[str]:  # noqa: F811
    """What loading `url` (and typing `search` into the site search) asked for and did
    not get, but for the page itself where it is deliberately missing."""
    page = browser.new_page()
    bad: list[str] = []
    page.on("response", lambda r: r.status >= 400 and not (r.request.is_navigation_request() and r.url == url)
            and bad.append(f"{r.status} {r.url}"))
    page.on("requestfailed", lambda r: bad.append(f"failed {r.url}: {r.failure}"))
    try:
        response = page.goto(url, wait_until="networkidle")
        assert response is not None
        expect(page.locator(".md-header")).to_be_visible()  # the theme's page, styles and all
        if search:
            page.keyboard.press("/")
            page.keyboard.type(search)
            expect(page.locator(".md-search-result__link").first).to_be_visible()
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(300)  # the last chunks of the results
    finally:
        page.close()
    return bad


def check_every_page_type(browser, site: Path, base: str) -> None:  # noqa: F811
    types = page_types(site)
    assert set(types) == set(TYPES)  # the sample site has a page of every type
    for kind, path in types.items():
        assert bad_requests(browser, base + path, "Ukraine" if kind == "home" else None) == [], kind


@pytest.mark.parametrize("site_url", [False, True], ids=["no site_url", "site_url"])
def test_no_page_requests_anything_that_is_not_there(browser, tmp_path, monkeypatch, site_url):  # noqa: F811
    project = make_project(tmp_path)
    (project / "site").mkdir()
    with served_folder(project / "site") as base:
        monkeypatch.setenv("SITE_URL", base if site_url else "")
        result = run(project, "build")
        assert result.returncode == 0, result.stderr
        check_every_page_type(browser, project / "site", base)
        assert check_links(project / "site") == []  # and every url and link of the data lands
        for name in ("transcripts.json", "people.json", "outlets.json", "topics.json"):
            data = json.loads((project / "site/api" / name).read_text(encoding="utf-8"))
            assert data["base"] == (base if site_url else "../")
        assert (project / "site/api/exchanges.csv").is_file() and (project / "site/api/exchanges.jsonl").is_file()


def test_each_folder_of_feeds_has_the_sitemap_the_theme_asks_for(corpus):
    from generator.render import render_site
    from generator.render.feeds import EMPTY_SITEMAP, sitemaps

    files = render_site(corpus.transcripts)
    assert {p: c for p, c in files.items() if p.endswith("sitemap.xml")} == {
        f"feeds/{folder}sitemap.xml": EMPTY_SITEMAP for folder in ("", "outlets/", "speakers/", "topics/")
    }
    assert sitemaps({"feeds/speakers/sitemap.xml": "<feed/>", "feeds/speakers/a.xml": ""}) == {}
