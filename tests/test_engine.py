"""The other engine: the sample site built by Zensical, with the same ids, cite blocks,
JSON-LD, feed links and search as the MkDocs build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.engine import _pointed, configured
from generator.errors import InputError
from tests.conftest import make_project, served_folder
from tests.test_cli import run
from tests.test_search import PRESS_CONFERENCE, browser, page, search  # noqa: F401  (fixtures)


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("zensical"))
    result = run(project, "build", "--engine", "zensical")
    assert result.returncode == 0, result.stderr
    return project


def test_zensical_builds_the_sample_site_every_link_of_which_lands(zensical_site):
    site = zensical_site / "site"
    checked = run(zensical_site, "links", "--site", "site")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert not (site / "search.json").exists()  # Zensical's own index of every page's text: never loaded here
    assert (site / "pagefind" / "pagefind.js").is_file()
    page_html = (site / PRESS_CONFERENCE / "index.html").read_text(encoding="utf-8")
    assert [f"q{n}" for n in range(1, 13)] == re.findall(r'<h3 id="(q\d+)"', page_html)
    assert page_html.count('class="exchange-cite"') == 12
    assert '<script type="application/ld+json">' in page_html
    assert 'type="application/atom+xml"' in page_html


def test_zensical_and_mkdocs_give_the_same_question_ids_and_citations(zensical_site, built):
    mkdocs_project, _ = built

    def marks(project: Path) -> list[str]:
        html = (project / "site" / PRESS_CONFERENCE / "index.html").read_text(encoding="utf-8")
        return re.findall(r'<h3 id="(q\d+)"|class="citation"[^>]*>([^<]*)', html)

    assert marks(zensical_site) == marks(mkdocs_project)


def test_a_reader_finds_the_reuters_question_on_the_zensical_site(page, zensical_site):  # noqa: F811
    with served_folder(zensical_site / "site") as served:
        search(page, served, "strengthen the membership language")
        first = page.locator(".md-search-result__link").first
        expect(first).to_contain_text("Q1 · Sabine Siebold, Reuters")
        first.click()
        page.wait_for_url(f"{served}{PRESS_CONFERENCE}#q1")


def test_the_configuration_copy_points_at_the_staged_folders_and_keeps_the_rest(tmp_path):
    text = "site_name: X\nsite_url: !ENV [SITE_URL, \"\"]\ndocs_dir: docs\nsite_dir: site\ntheme:\n  name: material\n"
    pointed = _pointed(text, tmp_path / ".docs.next", tmp_path / ".site.building", tmp_path)
    assert pointed == ('site_name: X\nsite_url: !ENV [SITE_URL, ""]\ndocs_dir: ".docs.next"\n'
                       'site_dir: ".site.building"\ntheme:\n  name: material\n')
    assert _pointed("site_name: X\n", tmp_path / "d", tmp_path / "s", tmp_path).endswith('docs_dir: "d"\n\nsite_dir: "s"\n')


def test_the_engine_may_be_named_in_the_configuration(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: X\nextra:\n  engine: zensical\n", encoding="utf-8")
    assert configured(config) == "zensical"
    config.write_text("site_name: X\n", encoding="utf-8")
    assert configured(config) == "mkdocs"
    config.write_text("site_name: X\nextra:\n  engine: hugo\n", encoding="utf-8")
    with pytest.raises(InputError, match="extra.engine must be one of mkdocs, zensical"):
        configured(config)


def test_on_a_phone_the_zensical_site_opens_the_search_from_the_header(browser, zensical_site):  # noqa: F811
    # Zensical 0.0.73's stylesheet has no Material search rules and hides .md-search on small
    # screens: the build links Material's own (engine.SEARCH_CSS).
    assert (zensical_site / "site" / "assets/stylesheets/material-search.css").is_file()
    with served_folder(zensical_site / "site") as served:
        phone = browser.new_page(viewport={"width": 390, "height": 844})
        phone.goto(served)
        phone.locator("label[for=__search]").first.click()
        expect(phone.locator(".md-search__input")).to_be_visible()
        phone.keyboard.type("strengthen the membership language")
        expect(phone.locator(".md-search-result__link").first).to_contain_text("Sabine Siebold, Reuters")
        phone.close()
