"""Hostile input: transcript text, labels, sidecar values and registry names are text
wherever they appear, and ids are slugs that never lead a file out of docs/ or site/.

`tests/hostile/` is an input folder whose every field holds markup: HTML, Markdown links
and images, `javascript:` URLs, comments, Jinja braces, attr_list `{#id}` and `{: ... }`,
front-matter lookalikes, snippet syntax, a 200,000-character line, NUL characters. It is
built once by the real command; every page is then read by an HTML parser and held to
what the tool and the theme put in the clean sample site (`built`, in conftest).
"""

from __future__ import annotations

import gzip
import json
import posixpath
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import markdown
import pytest
import yaml

from generator import render
from generator.pipeline import load_corpus
from generator.registry import MAX_ID_LENGTH, make_id
from generator.render import index_pages
from tests.conftest import ROOT, _generated
from tests.test_cli import run

HOSTILE = Path(__file__).parent / "hostile"
MARKUP = "transcripts/2025/2025-03-01-hostile-markup"
FRONT_MATTER = "transcripts/2025/2025-03-02-front-matter"
SAFE_ID = re.compile(r"[a-z0-9][a-z0-9-]*")

# Each appears, whole, in the raw text of 2025-03-01-hostile-markup.txt.
IN_TEXT = [
    "<script>alert(1)</script>", "</script><script>alert(2)</script>", "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))", "![x](javascript:alert(1))", '<a href="javascript:alert(1)">a link</a>',
    "Before <!-- comment --> after.", "{% raw %}{{ config }}{% endraw %}", "{{ 7*7 }}", "{# jinja comment #}",
    "A heading lookalike {#evil}", 'An attribute lookalike {: onclick="x" }', '--8<-- "/etc/passwd"',
    "&lt;script&gt;alert(3)&lt;/script&gt; stays entity text.", '"><svg onload=alert(1)> is a broken attribute.',
]
TITLE = '<script>alert(1)</script> Hostile <b>markup</b> briefing <img src=x onerror=alert(1)> {: onclick="alert(1)" }'
JOURNALIST, OUTLET = "<img src=x onerror=alert(1)> Journalist {#evil}", '"><svg onload=alert(1)>'
JOURNALIST_ID = "img-src-x-onerror-alert-1-journalist-evil"


class Page(HTMLParser):
    """What an HTML page is made of: its elements and attributes, its scripts, and the
    text a reader sees (scripts and styles left out)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.pairs: set[tuple[str, str]] = set()  # (tag, attribute name or "")
        self.attributes: list[tuple[str, str, str]] = []
        self.scripts: set[tuple[str | None, str | None, str]] = set()  # (src, type, content)
        self.metas: list[dict[str, str | None]] = []
        self.other: set[str] = set()  # comments, processing instructions, declarations
        self.ids: list[str] = []
        self.chunks: list[str] = []
        self.title = ""
        self._in: str | None = None  # "script", "style" or "title" while inside one
        self._script: tuple[str | None, str | None, list[str]] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.pairs.add((tag, ""))
        for name, value in attrs:
            self.pairs.add((tag, name))
            self.attributes.append((tag, name, value or ""))
        found = dict(attrs)
        self.ids += [found["id"]] if "id" in found else []
        if tag == "meta":
            self.metas.append(found)
        if tag in ("script", "style", "title"):
            self._in = tag
            self._script = (found.get("src"), found.get("type"), []) if tag == "script" else None

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.add((*self._script[:2], "".join(self._script[2])))
            self._script = None
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._script is not None:
            self._script[2].append(data)
        elif self._in == "title":
            self.title += data
        elif self._in != "style":
            self.chunks.append(data)

    def handle_comment(self, data):
        self.other.add(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.other.add(f"<!{decl}>")

    def handle_pi(self, data):
        self.other.add(f"<?{data}>")

    def unknown_decl(self, data):
        self.other.add(f"<![{data}]>")

    @property
    def text(self) -> str:
        return " ".join("".join(self.chunks).split())


def read_site(site: Path) -> dict[str, Page]:
    return {p.relative_to(site).as_posix(): Page(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))}


def files_under(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """tests/hostile built by the real command, in a project two folders below a scratch
    folder, so that a file written above the project would still be seen."""
    base = tmp_path_factory.mktemp("hostile")
    project = base / "outer" / "project"
    shutil.copytree(HOSTILE, project / "transcripts")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copytree(ROOT / "docs", project / "docs", ignore=_generated)
    before = files_under(base)
    result = run(project, "build")
    return project, result, before, files_under(base)


@pytest.fixture(scope="module")
def pages(hostile):
    project, result, _, _ = hostile
    assert result.returncode == 0, result.stderr
    return read_site(project / "site")


@pytest.fixture(scope="module")
def allowed(built):
    """What the tool and the theme themselves put in pages: read from the clean sample site."""
    project, result = built
    assert result.returncode == 0, result.stderr
    sample = read_site(project / "site").values()
    values = lambda attribute: {v for page in sample for _, name, v in page.attributes if name == attribute}  # noqa: E731
    metas: dict[tuple, set[str | None]] = {}
    for meta in (meta for page in sample for meta in page.metas):
        metas.setdefault(meta_kind(meta), set()).add(meta.get("content"))
    return {
        "pairs": set().union(*(page.pairs for page in sample)),
        "other": set().union(*(page.other for page in sample)),
        "scripts": set().union(*(page.scripts for page in sample)),
        "classes": {c for value in values("class") for c in value.split()},
        "sources": values("src"),
        "outside": {href for href in values("href") if urlsplit(href).scheme},
        "metas": metas,
    }


def meta_kind(meta: dict[str, str | None]) -> tuple[tuple[str, str | None], ...]:
    """A <meta> but for its content: ("name", "description"), ("charset", "utf-8"), ..."""
    return tuple(sorted((key, value) for key, value in meta.items() if key != "content"))


def test_the_hostile_folder_builds_strictly_without_warnings(hostile):
    _, result, _, _ = hostile
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "generate: 6 transcripts, 8 questions; " in result.stdout


def test_every_element_and_attribute_is_one_the_tool_or_theme_emits(pages, allowed):
    for name, page in pages.items():
        assert page.pairs <= allowed["pairs"], f"{name}: {page.pairs - allowed['pairs']}"
        assert page.other <= allowed["other"], f"{name}: {page.other - allowed['other']}"
        classes = {c for _, attribute, value in page.attributes if attribute == "class" for c in value.split()}
        assert classes <= allowed["classes"], f"{name}: {classes - allowed['classes']}"


def test_no_event_handler_and_no_script_url_anywhere(pages, allowed):
    for name, page in pages.items():
        for tag, attribute, value in page.attributes:
            assert not attribute.startswith("on"), f"{name}: <{tag} {attribute}>"
            scheme = re.sub(r"[\x00-\x20]", "", value).casefold().split(":", 1)[0]
            if attribute in ("href", "src", "action", "formaction", "xlink:href", "data"):
                assert scheme not in ("javascript", "vbscript", "data"), f"{name}: <{tag} {attribute}={value!r}>"
            if attribute == "src":
                assert value in allowed["sources"], f"{name}: <{tag} src={value!r}>"
            if attribute == "id":
                assert value != "evil", f"{name}: the text's {{#evil}} made an id"


def test_every_script_and_meta_is_the_tools_own(pages, allowed):
    """Scripts are the theme's and the tool's, or JSON-LD data that is JSON through and
    through; a <meta> is one the sample site has, with its content or with the page's own text."""
    for name, page in pages.items():
        for script in page.scripts - allowed["scripts"]:
            assert script[:2] == (None, "application/ld+json"), f"{name}: {script}"
            json.loads(script[2])
        for meta in page.metas:
            contents = allowed["metas"].get(meta_kind(meta))
            assert contents is not None, f"{name}: {meta}"
            content = meta.get("content")
            assert content in contents or " ".join(content.split()).removesuffix("…") in page.text, f"{name}: {meta}"


def test_json_ld_holds_the_values_as_text(pages):
    data = [json.loads(content) for _, kind, content in pages[f"{MARKUP}/index.html"].scripts if kind == "application/ld+json"]
    found = strings(data)
    assert not data or {TITLE, JOURNALIST, OUTLET} <= set(found)


def test_the_only_outside_link_is_the_sidecars_source_url(pages, allowed):
    outside = {href for page in pages.values() for _, name, href in page.attributes if name == "href" and urlsplit(href).scheme}
    source = "https://example.org/a%22%3E%3Cscript%3Ealert%281%29%3C/script%3E?q=%3Cb%3E&x=%5By%5D%28javascript:alert%281%29%29"
    assert outside - allowed["outside"] == {source}


def test_every_internal_link_resolves_and_ids_are_unique(hostile, pages):
    project, _, _, _ = hostile
    for name, page in pages.items():
        assert len(page.ids) == len(set(page.ids)), f"{name}: duplicate ids"
        for tag, attribute, href in page.attributes:
            parts = urlsplit(href)
            if tag != "a" or attribute != "href" or parts.scheme or not parts.path or name == "404.html":
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path)))
            target = posixpath.join(target, "index.html") if parts.path.endswith("/") else target
            assert (project / "site" / target).exists(), f"{name}: broken link {href}"
            if parts.fragment and target in pages:
                assert parts.fragment in pages[target].ids, f"{name}: {href}"


def test_hostile_text_is_shown_as_text(pages):
    page = pages[f"{MARKUP}/index.html"].text
    for value in IN_TEXT:
        assert value in page
    assert TITLE in page
    assert 'by NATO Secretary General Mark Rutte "><svg onload=alert(1)> {#evil} {: onclick="x" }' in page
    assert f"Q2 · {JOURNALIST}, Reuters" in page and f"Q3 · Evil Journalist, {OUTLET}" in page
    assert "Kind: <script>alert(1)</script> press conference" in page
    assert "Location: <img src=x onerror=alert(1)> Brussels {#evil}" in page
    assert "Topics: [click](javascript:alert(1)), <!-- comment -->, {{ 7*7 }}" in page
    front = pages[f"{FRONT_MATTER}/index.html"].text
    assert "template: ../../../../etc/passwd" in front and "</script><script>alert(2)</script> by NATO" in front
    assert 'Topics: {#evil}, {: onclick="x" }, &lt;script&gt;' in front
    assert "Raw text: 2025-03-05 .. Ünïcödé {#evil} [x](y) & CON.txt" in pages[
        "transcripts/2025/2025-03-05-unicode-evil-x-y-con/index.html"].text
    assert "Is ab one word? <img src=x onerror=alert(1)>" in pages["transcripts/2025/2025-03-04-utf16-nul/index.html"].text


def test_names_from_labels_and_the_registry_are_text_on_their_pages(pages):
    assert f"{JOURNALIST} [click](javascript:alert(1))" in pages[f"speakers/{JOURNALIST_ID}/index.html"].text
    assert f"{OUTLET} 1 question asked Journalists: Evil Journalist" in pages["outlets/svg-onload-alert-1/index.html"].text
    speakers = pages["speakers/index.html"].text
    listed = "{#evil}, <img src=x onerror=alert(1)> Journalist"  # by surname, as the index lists people
    assert 'Rutte, Mark <script>alert(1)</script> Secretary General {: onclick="alert(1)" }' in speakers and listed in speakers
    assert OUTLET in pages["outlets/index.html"].text
    assert TITLE in pages["transcripts/2025/index.html"].text and TITLE in pages["index.html"].text


def test_titles_go_into_the_title_element_as_text(pages):
    site = " - Press conference transcripts"
    assert pages[f"{MARKUP}/index.html"].title == TITLE + site
    # A title's newlines and "---" do not open front matter of its own: no template, no hidden toc.
    front = pages[f"{FRONT_MATTER}/index.html"]
    assert front.title == "../../etc/passwd --- template: ../../../../etc/passwd hide: [navigation, toc] ---" + site
    assert ("nav", "aria-label") in front.pairs and "Table of contents" in {v for _, _, v in front.attributes}
    assert pages[f"speakers/{JOURNALIST_ID}/index.html"].title == JOURNALIST + site
    assert pages["outlets/svg-onload-alert-1/index.html"].title == OUTLET + site


def test_a_title_never_takes_a_questions_anchor(pages):
    for stem, title in (("2025-03-05-unicode-evil-x-y-con", "Q1"), ("2025-03-06-questions", "Questions")):
        page = pages[f"transcripts/2025/{stem}/index.html"]
        assert page.title.startswith(f"{title} - ")
        assert page.ids.count("q1") == page.ids.count("questions") == 1


def test_the_long_line_is_kept_whole(pages):
    unit = "<img src=x onerror=alert(1)> [x](javascript:alert(1)) *a* _b_ `c` <script>alert(1)</script> "
    line = (unit * (200_000 // len(unit) + 1))[:200_000].strip()
    assert line in pages["transcripts/2025/2025-03-03-long-line/index.html"].text


def strings(value: object) -> list[str]:
    """Every string in a JSON value."""
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return [string for item in items for string in strings(item)]


def test_the_json_export_holds_the_values_verbatim(hostile):
    project, _, _, _ = hostile
    api = project / "site/api"
    index = json.loads((api / "transcripts.json").read_text(encoding="utf-8"))
    assert {t["id"]: t["title"] for t in index["transcripts"]}["2025-03-01-hostile-markup"] == TITLE
    markup = json.loads((api / "transcripts/2025-03-01-hostile-markup.json").read_text(encoding="utf-8"))
    assert all(any(value in string for string in strings(markup)) for value in IN_TEXT)
    assert markup["questions"][1]["questioner"] == {"id": JOURNALIST_ID, "name": JOURNALIST}
    assert markup["questions"][2]["outlet"] == {"id": "svg-onload-alert-1", "name": OUTLET}
    # The label '<a href="javascript:alert(1)">Rutte</a>' is an alias in speakers.yml.
    last = markup["questions"][2]["answers"][-1]
    assert last["speaker"]["id"] == "mark-rutte" and last["text"].endswith("an alias in speakers.yml.")
    sidecar = yaml.safe_load((HOSTILE / "2025-03-02-front-matter.yml").read_text(encoding="utf-8"))
    front = json.loads((api / "transcripts/2025-03-02-front-matter.json").read_text(encoding="utf-8"))
    for key in ("kind", "topics", "source_url"):
        assert front[key] == sidecar[key]
    assert front["title"] == sidecar["title"].strip()
    for key in ("subtitle", "location"):  # a NUL in them may be kept or dropped, never more
        assert front[key].replace("\0", "") == sidecar[key].strip().replace("\0", "")
    for path in api.rglob("*.json"):
        assert SAFE_ID.fullmatch(path.stem) or path.stem == "transcripts"


def test_the_search_pages_hold_only_their_own_markup():
    allowed = {("html", ""), ("html", "lang"), ("head", ""), ("meta", ""), ("meta", "charset"), ("title", ""),
               ("body", ""), ("main", ""), ("main", "data-pagefind-body"), ("h1", ""), ("h2", ""), ("h2", "id"),
               ("h3", ""), ("h3", "id"), ("p", ""), ("div", ""), ("div", "hidden"), ("span", ""),
               ("span", "data-pagefind-meta"), ("span", "data-pagefind-filter"), ("span", "data-pagefind-sort"),
               ("span", "data-sections")}
    searched = {name: page if isinstance(page, str) else page()
                for name, page in render.search_pages(load_corpus(HOSTILE).transcripts).items()}
    assert OUTLET in json.loads(searched.pop(render.search_page.PARTS))["filters"]["outlet"]  # JSON, read as text
    for name, html in searched.items():
        page = Page(html)
        assert page.pairs <= allowed, f"{name}: {page.pairs - allowed}"
        assert not page.scripts and page.other == {"<!doctype html>"}
    page = Page(searched[f"{MARKUP}/index.html"])
    assert all(value in page.text for value in IN_TEXT) and page.title == TITLE
    spans = {(name, value) for tag, name, value in page.attributes if tag == "span"}
    assert {("data-pagefind-filter", "outlet"), ("data-pagefind-filter", "kind")} <= spans
    assert f"{OUTLET} " in page.text and "<script>alert(1)</script> press conference" in page.text
    sections = json.loads(next(value for _, name, value in page.attributes if name == "data-sections"))
    assert sections["q2"] == {"speakers": [JOURNALIST, "Mark Rutte"], "outlets": ["Reuters"],
                              "turns": [[f"{JOURNALIST}, Reuters", "question", 9], ["Mark Rutte", "answer", 10]]}


def test_the_search_index_holds_the_values_as_text(hostile):
    """Pagefind's fragments (gzip, after its signature) hold the text as text: its script
    escapes `<` and `>` of an excerpt before it goes in as HTML."""
    project, _, _, _ = hostile
    fragments = {}
    for path in (project / "site/pagefind/fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        fragment = json.loads(data)
        fragments[fragment["url"]] = fragment
    markup = fragments[f"/{MARKUP}/"]
    assert markup["meta"]["title"] == TITLE
    assert markup["filters"]["outlet"] == ["Reuters", OUTLET]
    assert JOURNALIST in markup["filters"]["speaker"]
    assert all(value in markup["content"] for value in IN_TEXT)


def markdown_pages(transcripts) -> dict[str, Page]:
    """Every generated Markdown page, front matter left out, as Python-Markdown renders it
    with the extensions of mkdocs.yml."""
    pages = {}
    for name, content in render.render_site(transcripts).items():
        if name.endswith(".md"):
            body = re.sub(r"\A---\n.*?\n---\n", "", content, flags=re.S)
            pages[name] = Page(markdown.markdown(body, extensions=["toc", "attr_list", "tables"]))
    return pages


def test_every_page_of_a_paged_listing_is_text_too(corpus, monkeypatch):
    """Listings in pages of one entry: each page's pager names the pages by their first and
    last names, the hostile ones included."""
    monkeypatch.setattr(index_pages, "PAGE_SIZE", 1)
    allowed = set().union(*(page.pairs for page in markdown_pages(corpus.transcripts).values()))
    hostile = markdown_pages(load_corpus(HOSTILE).transcripts)
    for name, page in hostile.items():
        assert page.pairs <= allowed, f"{name}: {page.pairs - allowed}"
        assert "evil" not in page.ids and not page.scripts
    listed = "{#evil}, <img src=x onerror=alert(1)> Journalist"  # by surname
    assert f"Page 1 of 3: Journalist, Evil – Journalist, Evil · Rutte, Mark – Rutte, Mark · {listed} – {listed}" in (
        hostile["speakers/index.md"].text)
    assert f"Page 1 of 2: {OUTLET} – {OUTLET} · Reuters – Reuters" in hostile["outlets/index.md"].text


def test_feeds_hold_the_values_as_text(hostile):
    """Atom feeds, where the site has them: well-formed XML whose titles and contents are text."""
    project, _, _, _ = hostile
    titles = []
    for path in sorted((project / "site").glob("feeds/**/*.xml")):
        for element in ElementTree.parse(path).getroot().iter():  # well-formed, or this raises
            if element.tag.rsplit("}", 1)[-1] in ("title", "subtitle", "content", "summary"):
                assert element.get("type", "text") == "text", f"{path.name}: {element.tag} {element.attrib}"
                titles.append(element.text or "")
    assert not titles or any(TITLE in title for title in titles)


def test_nothing_is_written_outside_the_docs_and_site_folders(hostile):
    """New files are the docs (with their spare part beside them, `.docs.spare`), the site,
    the cache, and the anchor ledger the contract keeps in the input folder; no file there
    or anywhere else is changed or removed."""
    project, _, before, after = hostile
    inside = project.relative_to(project.parent.parent).as_posix()
    outputs = tuple(f"{inside}/{folder}/" for folder in ("docs", ".docs.spare", "site", ".podium-cache"))
    changed = {name for name, data in after.items() if before.get(name) != data and not name.startswith(outputs)}
    assert {name for name in changed if name in before or posixpath.dirname(name) != f"{inside}/transcripts"} == set()
    assert set(before) <= set(after)
    for name in after:
        assert ".." not in name.split("/") and "\0" not in name
    for folder in ("docs", "site"):
        for path in (project / folder).rglob("*"):
            assert path.resolve().is_relative_to((project / folder).resolve())


def test_ids_in_page_paths_are_slugs(hostile):
    project, _, _, _ = hostile
    for folder in ("docs", "site"):
        for top in ("speakers", "outlets", "transcripts", "api/transcripts", "feeds"):
            for path in (project / folder / top).rglob("*"):
                for part in path.relative_to(project / folder / top).with_suffix("").parts:
                    assert SAFE_ID.fullmatch(part), f"{folder}/{top}: {path}"


# Ids, slugs and paths, from small input folders.

BRIEFING = "Briefing\nby NATO Secretary General Mark Rutte\nHello.\n{label}\nWhy?\nNATO Secretary General Mark Rutte:\nBecause.\n"


def folder_with(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    folder = tmp_path / "transcripts"
    folder.mkdir()
    for name, content in files.items():
        (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return folder


@pytest.mark.parametrize("name, expected", [
    ("../../etc/passwd", "etc-passwd"), ("/etc/passwd", "etc-passwd"), ("C:\\Windows\\System32", "c-windows-system32"),
    ("..\\..\\windows", "windows"), ("../../x", "x"), ("..foo", "foo"), ("2024-01-01-Ünïcödé title", "2024-01-01-unicode-title"),
    ("A b", "a-b"), ("a-b", "a-b"), ("<script>alert(1)</script>", "script-alert-1-script"), ("日本語", "ri-ben-yu"),
    ("CON", "con-1"), ("aux", "aux-1"), ("Nul", "nul-1"), ("PRN", "prn-1"), ("COM1", "com1-1"), ("lpt9", "lpt9-1"),
    ("con.txt", "con-txt"), ("Console", "console"), ("Index", "index-1"), ("Page 2", "page-2-1"),
    ("", "unnamed"), ("!!!", "unnamed"), ("\0", "unnamed"),
])
def test_ids_are_slugs_of_a_safe_alphabet_and_never_a_reserved_name(name, expected):
    assert make_id(name) == expected


def test_a_long_name_gets_a_cut_id_that_ends_in_a_hash_of_the_whole():
    long, longer = "Zed " * 100, "Zed " * 100 + "Two"
    assert make_id(long) == make_id(long) != make_id(longer)
    for id_ in (make_id(long), make_id(longer), make_id("日本語" * 80)):
        assert len(id_) <= MAX_ID_LENGTH and SAFE_ID.fullmatch(id_) and re.search(r"-[0-9a-f]{8}$", id_)
    assert make_id("a" * MAX_ID_LENGTH) == "a" * MAX_ID_LENGTH  # ids that fit are not changed


def test_odd_file_names_and_a_path_as_title_give_safe_ids(tmp_path):
    dated = "date: 2025-01-01\n"
    folder = folder_with(tmp_path, {
        "CON.txt": BRIEFING.format(label="Question:"), "CON.yml": dated + "title: ../../etc/passwd\n",
        "aux.txt": BRIEFING.format(label="Question:"), "aux.yml": dated + "title: C:\\Windows\\win.ini\n",
        "..foo.txt": BRIEFING.format(label="Question:"), "..foo.yml": dated + "title: /etc/passwd\n",
        "2024-01-01-Ünïcödé title.txt": BRIEFING.format(label="Question:"),
    })
    ids = {t.id: t.meta.title for t in load_corpus(folder).transcripts}
    assert ids == {"con-1": "../../etc/passwd", "aux-1": "C:\\Windows\\win.ini", "foo": "/etc/passwd",
                   "2024-01-01-unicode-title": "Briefing"}
    result = run(tmp_path, "generate", "--no-cache")
    assert result.returncode == 0, result.stderr
    written = set(files_under(tmp_path)) - {f"transcripts/{name}" for name in files_under(folder)}
    assert {"docs/transcripts/2025/con-1.md", "docs/transcripts/2025/aux-1.md", "docs/transcripts/2025/foo.md",
            "docs/transcripts/2024/2024-01-01-unicode-title.md", "docs/api/transcripts/con-1.json"} <= written
    assert all(name.startswith("docs/") for name in written)


def test_two_files_whose_names_make_one_id_are_refused(tmp_path):
    folder_with(tmp_path, {"A b.txt": BRIEFING.format(label="Question:"), "A b.yml": "date: 2025-01-01\n",
                           "a-b.txt": BRIEFING.format(label="Question:"), "a-b.yml": "date: 2025-01-01\n"})
    for command in ("check", "generate"):
        result = run(tmp_path, command, "--no-cache") if command == "generate" else run(tmp_path, command)
        assert result.returncode == 1
        assert result.stderr.splitlines()[0] == (
            "transcripts/a-b.txt: its id 'a-b' is already that of A b.txt: rename one of them")
    written = [p.relative_to(tmp_path).as_posix() for p in (tmp_path / "docs").rglob("*.md")] if (tmp_path / "docs").exists() else []
    assert not [name for name in written if "a-b" in name and not name.endswith("transcripts/2025/a-b.md")]


def test_registry_names_and_labels_that_are_paths_give_safe_ids(tmp_path):
    folder_with(tmp_path, {
        "2025-01-01-paths.txt": BRIEFING.format(label="Jane Doe, The X") + "..\\..\\windows:\nThank you all.\n",
        "2025-01-01-paths.yml": "label_lines: ['..\\..\\windows']\n",
        "speakers.yml": "people:\n  - name: CON\n    aliases: [NATO Secretary General Mark Rutte]\n"
                        "outlets:\n  - name: ../../x\n    aliases: [The X]\n  - name: '" + "Zed " * 100 + "'\n",
    })
    result = run(tmp_path, "generate", "--no-cache")
    assert result.returncode == 0, result.stderr
    docs = tmp_path / "docs"
    assert {p.name for p in (docs / "speakers").iterdir()} == {"index.md", "con-1.md", "jane-doe.md", "windows.md"}
    assert {p.name for p in (docs / "outlets").iterdir()} == {"index.md", "x.md"}
    page = (docs / "outlets/x.md").read_text(encoding="utf-8")
    assert page.startswith('---\ntitle: "../../x"\nfeed: "feeds/outlets/x.xml"\n') and "\n---\n\n# ../../x\n" in page
    assert "# ..\\\\..\\\\windows\n" in (docs / "speakers/windows.md").read_text(encoding="utf-8")


def test_a_long_registry_name_does_not_stop_the_build(tmp_path):
    folder_with(tmp_path, {
        "2025-01-01-long.txt": BRIEFING.format(label="Jane Doe, The Zed"),
        "speakers.yml": "outlets:\n  - name: '" + "Zed " * 100 + "'\n    aliases: [The Zed]\n",
    })
    result = run(tmp_path, "generate", "--no-cache")
    assert result.returncode == 0, result.stderr
    outlet = next(p for p in (tmp_path / "docs/outlets").iterdir() if p.name != "index.md")
    assert outlet.name == make_id("Zed " * 100) + ".md" and len(outlet.name) <= MAX_ID_LENGTH + 3


def check_problems(tmp_path: Path) -> list[str]:
    """What `check` says is wrong with the input folder in `tmp_path`: it must stop."""
    result = run(tmp_path, "check")
    assert result.returncode == 1
    return [line for line in result.stderr.splitlines() if not line.startswith("stopped: ")]


def test_registry_names_with_one_id_are_refused(tmp_path):
    folder_with(tmp_path, {"2025-01-01-a.txt": BRIEFING.format(label="Question:"),
                           "speakers.yml": "people:\n  - name: José Pérez\n  - name: Jose Perez\n"})
    assert check_problems(tmp_path) == [
        "transcripts/speakers.yml:3: 'Jose Perez' and 'José Pérez' have the same id 'jose-perez'"]


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JavaScript:alert(1)", "  javascript:alert(1)", "jav\tascript:alert(1)",
    "data:text/html,<script>alert(1)</script>", "file:///etc/passwd", "//evil.example/x", "https:javascript:alert(1)",
])
def test_a_source_url_must_be_a_web_address(tmp_path, url):
    folder_with(tmp_path, {"2025-01-01-a.txt": BRIEFING.format(label="Question:"),
                           "2025-01-01-a.yml": f"source_url: {json.dumps(url)}\n"})
    assert check_problems(tmp_path) == [
        "transcripts/2025-01-01-a.yml:1: 'source_url' must be a web address starting with http:// or https://"]


def test_a_nul_byte_in_a_utf8_transcript_is_refused(tmp_path):
    folder_with(tmp_path, {"2025-01-01-a.txt": b"Briefing\nHello\x00 there.\n"})
    assert check_problems(tmp_path) == [
        "transcripts/2025-01-01-a.txt:2: binary data (a NUL byte at offset 14), not a text transcript"]
