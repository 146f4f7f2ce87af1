"""Both language versions: a sidecar's `language` and `translation_of`; each page declares
its language and links the other version at its top and at every exchange (q3 ↔ q3, by
order, checked by count); search filters by language; the JSON carries the links.

The French text is the invented sample of `tests/corpus/`, which has no English
counterpart there; `tests/versions/` holds one written for these tests."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.pipeline import load_corpus
from generator.render import render_site
from tests.conftest import SAMPLES, make_project, served_build
from tests.test_cli import run
from tests.test_search import browser, fragments, search  # noqa: F401

HERE = Path(__file__).parent
FRENCH = "2025-06-04-conference-de-presse-pre-ministerielle"
ENGLISH = "2025-06-04-pre-ministerial-press-conference"
FR_PAGE, EN_PAGE = f"transcripts/2025/{FRENCH}/", f"transcripts/2025/{ENGLISH}/"


def with_versions(folder: Path, sidecar: str = f"language: fr\ntranslation_of: {ENGLISH}\n") -> Path:
    shutil.copy(HERE / "corpus" / f"{FRENCH}.txt", folder / f"{FRENCH}.txt")
    shutil.copy(HERE / "versions" / f"{ENGLISH}.txt", folder / f"{ENGLISH}.txt")
    (folder / f"{FRENCH}.yml").write_text(sidecar, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pair") / "transcripts"
    shutil.copytree(SAMPLES, folder)
    corpus = load_corpus(with_versions(folder))
    return corpus, render_site(corpus.transcripts)


def test_each_page_declares_its_language_and_its_alternates(pair):
    _, files = pair
    french, english = files[FR_PAGE.rstrip("/") + ".md"], files[EN_PAGE.rstrip("/") + ".md"]
    assert 'language: "fr"' in french and 'language: "en"' in english
    alternates = (f'alternates: [{{"hreflang": "fr", "url": "{FR_PAGE}"}}, '
                  f'{{"hreflang": "en", "url": "{EN_PAGE}"}}]')
    assert alternates in french
    assert f"In English: [Press conference]({ENGLISH}.md){{: hreflang=\"en\" lang=\"en\" target=\"_self\" }}" in french
    assert f"In French: [Conférence de presse]({FRENCH}.md){{: hreflang=\"fr\" lang=\"fr\" target=\"_self\" }}" in english


def test_every_exchange_links_the_same_exchange_in_the_other_language(pair):
    _, files = pair
    french = files[FR_PAGE.rstrip("/") + ".md"]
    for n in range(1, 6):
        assert f"In English: [Q{n}]({ENGLISH}.md#q{n})" in french
    data = json.loads(files[f"api/transcripts/{FRENCH}.json"])
    assert data["language"] == "fr" and data["translation_of"] == ENGLISH
    assert data["versions"] == [{"id": ENGLISH, "language": "en", "title": "Press conference", "aligned": True,
                                 "url": EN_PAGE, "link": f"../../{EN_PAGE}"}]
    assert data["questions"][2]["versions"] == [{"language": "en", "anchor": "q3", "url": f"{EN_PAGE}#q3",
                                                 "link": f"../../{EN_PAGE}#q3"}]
    english = json.loads(files[f"api/transcripts/{ENGLISH}.json"])
    assert english["language"] == "en" and english["versions"][0]["id"] == FRENCH
    plain = json.loads(files["api/transcripts/2025-02-13-doorstep-statement.json"])
    assert plain["language"] == "en" and plain["versions"] == [] and plain["questions"][0]["versions"] == []


def test_versions_that_do_not_align_are_linked_as_pages_only_with_a_warning(tmp_path):
    folder = with_versions(tmp_path)
    english = folder / f"{ENGLISH}.txt"
    text = english.read_text(encoding="utf-8")
    cut = text.index("Moderator: And one last question")
    english.write_text(text[:cut] + "Moderator: Thank you all.\n", encoding="utf-8")
    corpus = load_corpus(folder)
    assert [str(w) for w in corpus.warnings if "version" in str(w)] == [
        f"{folder / FRENCH}.txt: 5 exchanges here, 4 in its English version '{ENGLISH}': the two pages are linked, "
        "but not their exchanges, until both read the same questions (check both readings)",
    ]  # said once, at the version whose sidecar makes the link
    french = render_site(corpus.transcripts)[FR_PAGE.rstrip("/") + ".md"]
    assert "In English: [Press conference]" in french and "In English: [Q" not in french


@pytest.mark.parametrize("sidecar, message", [
    ("language: fr\ntranslation_of: no-such-id\n", "translation_of: no transcript has the id 'no-such-id'"),
    (f"translation_of: {ENGLISH}\n", f"translation_of: '{ENGLISH}' is in English too"),
    ("language: français\n", "'language' must be a language code, like 'fr' or 'pt-BR'"),
])
def test_a_wrong_version_link_is_said_at_its_sidecar(tmp_path, sidecar, message):
    (tmp_path / "in").mkdir()
    with_versions(tmp_path / "in", sidecar)
    result = run(tmp_path, "check", "--input", "in")
    assert message in result.stdout + result.stderr


def test_search_filters_by_language(versions_site):
    project, _ = versions_site
    records = fragments(project / "site")
    assert records[FR_PAGE]["filters"]["language"] == ["French"]
    assert records[EN_PAGE]["filters"]["language"] == ["English"]


@pytest.fixture(scope="module")
def versions_site(tmp_path_factory):
    with served_build(tmp_path_factory.mktemp("versions"), with_versions) as built:
        yield built


def test_a_reader_goes_from_a_french_answer_to_the_english_one_and_back(browser, versions_site):  # noqa: F811
    _, base = versions_site
    page = browser.new_page()
    requests_failed: list[str] = []
    page.on("response", lambda r: requests_failed.append(r.url) if r.status >= 400 else None)
    page.goto(f"{base}{FR_PAGE}")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator('link[rel=alternate][hreflang=en]')).to_have_attribute("href", f"../{ENGLISH}/")
    expect(page.locator(".transcript-version a")).to_have_attribute("hreflang", "en")
    page.locator("#q3 ~ .exchange-about").first.get_by_role("link", name="Q3").click()
    expect(page).to_have_url(f"{base}{EN_PAGE}#q3")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#q3")).to_contain_text("Laura Jensen")
    page.locator("#q3 ~ .exchange-about").first.get_by_role("link", name="Q3").click()
    expect(page).to_have_url(f"{base}{FR_PAGE}#q3")
    search(page, f"{base}{FR_PAGE}", "Carney")  # from the French page, whose <html lang> is "fr": one index for both
    expect(page.locator(".md-search-result__meta")).to_contain_text("in 2 transcripts")
    page.select_option("select[data-filter=language]", "French")
    expect(page.locator(".md-search-result__meta")).to_contain_text("in 1 transcript")
    assert FRENCH in page.locator(".md-search-result__link").first.get_attribute("href")
    assert requests_failed == []
    page.close()


def test_a_cached_page_links_a_version_added_later(tmp_path):
    """The English page's own reading does not change when a French sidecar names it: its
    cached rendering must not be taken, or it would not link the French version."""
    project = make_project(tmp_path)
    with_versions(project / "transcripts", "language: fr\n")
    assert run(project, "generate").returncode == 0
    english = project / "docs" / f"{EN_PAGE.rstrip('/')}.md"
    assert "In French" not in english.read_text(encoding="utf-8")
    (project / "transcripts" / f"{FRENCH}.yml").write_text(f"language: fr\ntranslation_of: {ENGLISH}\n", encoding="utf-8")
    assert run(project, "generate").returncode == 0
    assert "In French: [Q3]" in english.read_text(encoding="utf-8")
