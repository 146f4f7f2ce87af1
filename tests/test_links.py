"""`links.check_links`: every internal link and #anchor of a built site lands, on hand-made
sites with one fault each, and on the real sample site, which has none."""

from __future__ import annotations

import json
from pathlib import Path

from generator.errors import Problem
from generator.links import check_links

PAGE = """<!doctype html>
<html>
<head>
<link rel="stylesheet" href="{root}assets/style.css">
<script src="{root}assets/app.js"></script>
</head>
<body>
<h1 id="top-heading">Title</h1>
{body}
</body>
</html>
"""


def site_of(folder: Path, pages: dict[str, str]) -> Path:
    """A built site: `pages` (path → body), each in the page template, beside its assets."""
    site = folder / "site"
    for name, text in {"assets/style.css": "", "assets/app.js": "", **pages}.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(".html"):
            root = "../" * name.count("/")
            text = PAGE.format(root=root, body=text)
        path.write_text(text, encoding="utf-8")
    return site


def line_of(site: Path, name: str, needle: str) -> int:
    lines = (site / name).read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, start=1) if needle in text)


def test_good_links_of_every_kind_give_no_problem(tmp_path):
    site = site_of(tmp_path, {
        "index.html": '<a href="transcripts/">Archive</a> <a href="transcripts/2024/x/#q1">Q1</a>'
                      '<a href="transcripts/2024/x/index.html#q2">Q2</a> <a href="/transcripts/2024/x/">root-relative</a>'
                      '<a href="#top-heading">up</a> <a href="#top">top</a> <a href="#">nowhere</a> <a href="">here</a>'
                      '<a href="./">this folder</a> <a href="?q=1#top-heading">query</a> <a href="api/x.json#anything">data</a>',
        "transcripts/index.html": '<a href="..">Home</a> <a href="../">Home</a> <a href="2024/x">no slash</a>',
        "transcripts/2024/x/index.html": '<h3 id="q1">Q1</h3><h3 id="q2">Q2</h3><a name="old">old</a>'
                                         '<a href="../../../#top-heading">Home</a> <a href="#old">old anchor</a>'
                                         '<img src="../../../assets/style.css" alt="">',
        "api/x.json": "{}",
    })
    assert check_links(site) == []


def test_external_links_are_not_fetched(tmp_path):
    site = site_of(tmp_path, {"index.html": (
        '<a href="https://www.nato.int/cps/en/natohq/opinions.htm">NATO</a> <a href="http://example.org/x#y">x</a>'
        '<a href="//cdn.example.org/lib.js">cdn</a> <a href="mailto:press@example.org">mail</a> <a href="tel:+3227074111">call</a>'
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="">'
    )})
    assert check_links(site) == []


def test_broken_link_names_the_page_line_and_missing_file(tmp_path):
    site = site_of(tmp_path, {"index.html": 'Intro\n<p>See <a href="speakers/mark-rutte/">Mark Rutte</a></p>'})
    assert check_links(site) == [Problem(
        site / "index.html", line_of(site, "index.html", "mark-rutte"),
        "broken link 'speakers/mark-rutte/': there is no speakers/mark-rutte/index.html in the site",
    )]


def test_broken_anchor_names_the_page_it_points_into(tmp_path):
    site = site_of(tmp_path, {
        "index.html": '<a href="transcripts/x/#q3">Q3</a>\n<a href="#q1">Q1</a>',
        "transcripts/x/index.html": '<h3 id="q1">Q1</h3><h3 id="q2">Q2</h3>',
    })
    problems = check_links(site)
    assert [str(p) for p in problems] == [
        f"{site / 'index.html'}:{line_of(site, 'index.html', 'x/#q3')}: broken anchor 'transcripts/x/#q3': "
        "transcripts/x/index.html has no element with id 'q3'",
        f"{site / 'index.html'}:{line_of(site, 'index.html', '#q1')}: broken anchor '#q1': "
        "index.html has no element with id 'q1'",
    ]


def test_a_folder_link_needs_its_index_page(tmp_path):
    site = site_of(tmp_path, {"index.html": '<a href="speakers/">Speakers</a> <a href="outlets">Outlets</a>',
                              "speakers/mark-rutte.html": "", "outlets/reuters.html": ""})
    assert [p.message for p in check_links(site)] == [
        "broken link 'outlets': there is no outlets/index.html in the site",
        "broken link 'speakers/': there is no speakers/index.html in the site",
    ]


def test_percent_encoded_paths_and_fragments_are_decoded(tmp_path):
    site = site_of(tmp_path, {
        "index.html": '<a href="press%20points/caf%C3%A9.html#d%C3%A9fense">ok</a>'
                      '<a href="press%20points/caf%C3%A9.html#defense">wrong anchor</a>'
                      '<a href="press%2520points/">double-encoded</a>',
        "press points/café.html": '<h2 id="défense">Défense</h2>',
    })
    assert [p.message for p in check_links(site)] == [
        "broken anchor 'press%20points/caf%C3%A9.html#defense': press points/café.html has no element with id 'defense'",
        "broken link 'press%2520points/': there is no press%20points/index.html in the site",
    ]


def test_a_javascript_link_is_a_problem(tmp_path):
    site = site_of(tmp_path, {"index.html": '<a href="JavaScript:alert(1)">click</a>\n<a href=" javascript:void(0)">x</a>'})
    assert [(p.line, p.message) for p in check_links(site)] == [
        (line_of(site, "index.html", "alert"), "a javascript: link ('JavaScript:alert(1)'): use a button, or a link to a page"),
        (line_of(site, "index.html", "void"), "a javascript: link ('javascript:void(0)'): use a button, or a link to a page"),
    ]


def test_scripts_stylesheets_and_images_must_be_there(tmp_path):
    site = site_of(tmp_path, {"sub/index.html": '<img src="logo.png" alt="">'})
    (site / "assets/app.js").unlink()
    assert [p.message for p in check_links(site)] == [
        "broken link '../assets/app.js': there is no assets/app.js in the site",
        "broken link 'logo.png': there is no sub/logo.png in the site",
    ]


def test_a_link_out_of_the_site_is_a_problem(tmp_path):
    site = site_of(tmp_path, {"index.html": '<a href="../elsewhere/">out</a>'})
    assert [p.message for p in check_links(site)] == ["the link '../elsewhere/' leads out of the site"]


def test_the_404_page_is_not_checked(tmp_path):
    site = site_of(tmp_path, {"404.html": '<a href="/nowhere/">root-relative, served anywhere</a>',
                              "index.html": '<a href="404.html#top-heading">404</a>'})
    assert check_links(site) == []


REDIRECT = """<!doctype html>
<html><head><link rel="canonical" href="{to}">
<meta http-equiv="refresh" content="0; url={to}">
</head><body><a href="{to}">moved</a></body></html>
"""


def test_a_fragment_is_followed_through_a_redirect(tmp_path):
    site = site_of(tmp_path, {
        "index.html": '<a href="speakers/old/#q1">kept</a>\n<a href="speakers/old/#q2">lost</a>',
        "speakers/new/index.html": '<p id="q1">Q1</p>',
    })
    (site / "speakers/old").mkdir()
    (site / "speakers/old/index.html").write_text(REDIRECT.format(to="../new/"), encoding="utf-8")
    (site / "speakers/gone").mkdir()
    (site / "speakers/gone/index.html").write_text(REDIRECT.format(to="../nowhere/"), encoding="utf-8")
    assert [(p.path.relative_to(site).as_posix(), p.line, p.message) for p in check_links(site)] == [
        ("index.html", line_of(site, "index.html", "#q2"),
         "broken anchor 'speakers/old/#q2': speakers/old/index.html has no element with id 'q2'"),
        *(("speakers/gone/index.html", line, "broken link '../nowhere/': there is no speakers/nowhere/index.html in the site")
          for line in (2, 3, 4)),
    ]


def test_the_export_is_valid_json_and_its_urls_land(tmp_path):
    site = site_of(tmp_path, {"transcripts/2024/x/index.html": '<h3 id="q1">Q1</h3>'})
    transcript = {"id": "x", "url": "transcripts/2024/x/", "questions": [
        {"anchor": "q1", "url": "transcripts/2024/x/#q1"}, {"anchor": "q2", "url": "transcripts/2024/x/#q2"}]}
    (site / "api/transcripts").mkdir(parents=True)
    (site / "api/transcripts/x.json").write_text(json.dumps(transcript, indent=1), encoding="utf-8")
    (site / "api/transcripts.json").write_text('{"transcripts": [{"id": "x", "url": "transcripts/2023/x/"}]}\n', encoding="utf-8")
    (site / "api/broken.json").write_text('{"transcripts": [\n  {"id": "x",}\n]}\n', encoding="utf-8")
    assert check_links(site) == [
        Problem(site / "api/broken.json", 2, "not valid JSON: Expecting property name enclosed in double quotes (column 14)"),
        Problem(site / "api/transcripts/x.json", 11, "broken anchor 'transcripts/2024/x/#q2': transcripts/2024/x/index.html "
                "has no element with id 'q2'"),
        Problem(site / "api/transcripts.json", 1, "broken link 'transcripts/2023/x/': there is no transcripts/2023/x/index.html in the site"),
    ]


def test_links_land_from_their_file_and_json_lines_are_checked_line_by_line(tmp_path):
    site = site_of(tmp_path, {"transcripts/2024/x/index.html": '<h3 id="q1">Q1</h3>'})
    (site / "api").mkdir()
    (site / "api/people.json").write_text(json.dumps({"people": [
        {"url": "transcripts/2024/x/", "link": "../transcripts/2024/x/"},
        {"url": "transcripts/2024/x/", "link": "transcripts/2024/x/"},  # from the site root: wrong here
        {"url": "transcripts/2024/x/", "link": "https://example.org/transcripts/2024/x/"}]}, indent=1), encoding="utf-8")
    (site / "api/exchanges.jsonl").write_text(
        '{"url": "transcripts/2024/x/#q1", "link": "../transcripts/2024/x/#q1"}\n'
        '{"url": "transcripts/2024/x/#q9", "link": "../transcripts/2024/x/#q1"}\n{"url": \n', encoding="utf-8")
    assert check_links(site) == [
        Problem(site / "api/exchanges.jsonl", 2, "broken anchor 'transcripts/2024/x/#q9': transcripts/2024/x/index.html "
                "has no element with id 'q9'"),
        Problem(site / "api/exchanges.jsonl", 3, "not valid JSON: Expecting value (column 9)"),
        Problem(site / "api/people.json", 9, "broken link 'transcripts/2024/x/': there is no "
                "api/transcripts/2024/x/index.html in the site"),
    ]


def test_no_site_is_one_problem(tmp_path):
    assert [str(p) for p in check_links(tmp_path / "site")] == [
        f"{tmp_path / 'site'}: no built site here (build it with `python -m generator build`)"
    ]


def test_the_sample_site_has_no_broken_link_or_anchor(built):
    project, result = built
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert check_links(site) == []
    # It did look: the export and the pages' question anchors are there to be checked.
    assert (site / "api/transcripts/2025-02-13-doorstep-statement.json").is_file()


def test_a_missing_question_anchor_is_caught_on_the_real_site(built, tmp_path):
    import shutil

    project, _ = built
    site = tmp_path / "site"
    shutil.copytree(project / "site", site)
    page = site / "about/index.html"
    link = '<a href="../transcripts/2025/2025-02-13-doorstep-statement/#q6">Q6</a>'
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", f"{link}</article>", 1), encoding="utf-8")
    assert [p.message for p in check_links(site)] == [
        "broken anchor '../transcripts/2025/2025-02-13-doorstep-statement/#q6': "
        "transcripts/2025/2025-02-13-doorstep-statement/index.html has no element with id 'q6'"
    ]
