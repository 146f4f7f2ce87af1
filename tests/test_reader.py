"""A reporter on the built sample site in Chromium: the exchange's link and citations, what
a speaker's page shows, and axe-core finding no serious accessibility violation on any kind
of page, light or dark, wide or phone-sized."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.test_citable import page  # noqa: F401 (a fixture: a page that may use the clipboard)
from tests.test_search import CHROMIUM, DOORSTEP, PRESS_CONFERENCE, browser, served  # noqa: F401 (fixtures)

# axe-core from the npm registry: .ci/run installs it here, as it installs Chromium.
AXE = Path(os.environ.get("AXE_CORE_JS") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
           / "podium-axe/node_modules/axe-core/axe.min.js")
PAGES = {
    "home": "", "archive": "transcripts/", "year": "transcripts/2024/", "transcript": PRESS_CONFERENCE,
    "doorstep": DOORSTEP, "speakers": "speakers/", "principal": "speakers/mark-rutte/",
    "journalist": "speakers/sabine-siebold/", "outlets": "outlets/", "outlet": "outlets/reuters/",
    "topics": "topics/", "topic": "topics/ukraine/",
    "about": "about/", "not found": "404.html",
}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def today() -> str:
    now = datetime.date.today()
    return f"{now.day} {MONTHS[now.month - 1]} {now.year}"


def test_copy_link_on_a_question_copies_its_full_permanent_link(page, served):
    page.goto(f"{served}{PRESS_CONFERENCE}")
    tools = page.locator("#q3 + .exchange-tools")
    expect(tools.locator(".exchange-url")).to_have_text(f"{served}{PRESS_CONFERENCE}#q3")
    button = tools.get_by_role("button", name="Copy link to Q3")
    expect(button).to_be_visible()
    expect(button).to_have_text("Copy link")
    button.click()
    expect(tools.locator(".exchange-copy-link")).to_have_text("Copied")
    assert clipboard(page) == f"{served}{PRESS_CONFERENCE}#q3"


def test_cite_gives_the_exchange_and_each_answer_with_the_day_it_was_copied(page, served):
    page.goto(f"{served}{PRESS_CONFERENCE}#q3")
    tools = page.locator("#q3 + .exchange-tools")
    cite = tools.locator("summary", has_text="Cite")
    expect(cite).to_be_visible()
    cite.click()
    where = f"“Pre-ministerial press conference”, Brussels, 3 December 2024, Q3, {served}{PRESS_CONFERENCE}#q3"
    tools.get_by_role("button", name="Copy the citation of Mark Rutte’s answer").click()
    assert clipboard(page) == (
        f"Mark Rutte, answer to Thomas Gutschker (Frankfurter Allgemeine Zeitung), {where}, accessed {today()}"
    )
    tools.get_by_role("button", name="Copy the citation of the exchange").click()
    assert clipboard(page) == (
        f"Thomas Gutschker (Frankfurter Allgemeine Zeitung), question to Mark Rutte, {where}, accessed {today()}"
    )


def test_every_turn_says_who_speaks_in_what_role_and_what_the_turn_is(page, served):
    page.goto(f"{served}{PRESS_CONFERENCE}")
    labels = page.locator("h3#q1 ~ .turn-speaker")
    expect(labels.nth(0)).to_have_text("Farah Dakhlallah, NATO Spokesperson · Moderator")
    expect(labels.nth(1)).to_have_text("Sabine Siebold, Reuters · Question")
    expect(labels.nth(2)).to_have_text("Mark Rutte, NATO Secretary General · Answer")


def axe_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is: one line each."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]
    return [f"{v['id']} ({v['impact']}): {', '.join(str(n['target']) for n in v['nodes'][:5])}"
            for v in found if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_no_page_has_a_serious_accessibility_violation(browser, served, scheme, width):  # noqa: F811
    assert AXE.is_file(), f"{AXE}: axe-core is missing: npm install --prefix {AXE.parents[2]} axe-core"
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    found = {}
    for name, url in PAGES.items():
        page.goto(f"{served}{url}")
        found[name] = axe_violations(page)
    page.goto(f"{served}{PRESS_CONFERENCE}#q1")
    page.locator("#q1 + .exchange-tools summary").click()
    found["citations open"] = axe_violations(page)
    page.goto(served)
    page.keyboard.press("/")
    page.keyboard.type("Ukraine")
    expect(page.locator(".md-search-result__link").first).to_be_visible()
    found["search results"] = axe_violations(page)
    context.close()
    bad = {name: v for name, v in found.items() if v}
    assert not bad, "\n".join(f"{name}: {v}" for name, v in bad.items())


def test_a_principals_page_shows_the_opening_words_of_each_answer_and_whom_it_answers(page, served):
    page.goto(f"{served}speakers/mark-rutte/")
    expect(page.locator("article")).to_contain_text("17 answers · 1 remark before a question · 2 opening statements")
    entry = page.locator("li", has=page.locator(f"a[href$='{PRESS_CONFERENCE}#q3']"))
    expect(entry).to_have_text("Q3 · answer to Thomas Gutschker, Frankfurter Allgemeine Zeitung: “On the second "
                               "question, as you know, China is active in sanction circumvention, is…”")
    for apparatus in ("(answered)", "Remark before the question:", "Answered:"):
        expect(page.locator("article")).not_to_contain_text(apparatus)
    event = page.locator(f"h2#t-{PRESS_CONFERENCE.split('/')[2]} + .listing-event")
    expect(event).to_have_text("by NATO Secretary General Mark Rutte ahead of the meeting of NATO Ministers of "
                               "Foreign Affairs in Brussels on 3 and 4 December")


def test_a_journalists_page_shows_their_questions_and_a_moderators_whom_they_gave_the_floor(page, served):
    page.goto(f"{served}speakers/sabine-siebold/")
    expect(page.locator("article li").first).to_have_text(
        "Q1 · question: “Thank you. Sec Gen, Ukraine has been asking for a quick invitation to NATO…”")
    page.goto(f"{served}speakers/farah-dakhlallah/")
    expect(page.locator("article li").first).to_have_text("Q1 · gave the floor to Sabine Siebold, Reuters")


def test_listings_tell_events_apart_by_their_subtitle_and_place(page, served):
    page.goto(f"{served}transcripts/2025/")
    expect(page.locator("article li .listing-event")).to_have_text(
        "by NATO Secretary General Mark Rutte ahead of the meetings of NATO Ministers of Defence in Brussels")
    page.goto(served)
    expect(page.locator("article li .listing-event")).to_have_count(2)


def test_the_speakers_index_lists_by_surname_with_the_outlet_and_fits_a_phone(browser, served):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(f"{served}speakers/")
    names = page.locator("article table tbody tr td:first-child").all_inner_texts()
    assert names == sorted(names, key=str.casefold) and names[0] == "Alloubani, Mohammad Omar"
    expect(page.locator("tr", has_text="Siebold, Sabine")).to_contain_text("Reuters")
    expect(page.locator("tr", has_text="Rutte, Mark")).to_contain_text("NATO Secretary General")
    table = page.locator("article table")
    assert table.evaluate("t => t.getBoundingClientRect().right") <= 390
    assert table.evaluate("t => t.closest('.md-typeset__scrollwrap, article').scrollWidth") <= 390
    context.close()


def test_the_page_head_links_the_raw_text_as_read(page, served):
    page.goto(f"{served}{PRESS_CONFERENCE}")
    raw = page.locator("article li", has_text="Raw text:").get_by_role("link")
    expect(raw).to_have_text("2024-12-03-pre-ministerial-press-conference.txt")
    response = page.request.get(raw.evaluate("a => a.href"))
    source = Path(__file__).parent.parent / "transcripts/2024-12-03-pre-ministerial-press-conference.txt"
    assert response.ok and response.body() == source.read_bytes()


def test_the_page_head_links_the_publishers_page(corpus):
    from dataclasses import replace

    from generator.render.transcript_page import body

    t = corpus.transcripts[0]
    t = replace(t, meta=replace(t.meta, source_url="https://www.nato.int/cps/en/natohq/opinions_1.htm?a=1&b=2"))
    assert "- **Publisher’s page:** [www.nato.int](https://www.nato.int/cps/en/natohq/opinions_1.htm?a=1&b=2)" in body(t)
