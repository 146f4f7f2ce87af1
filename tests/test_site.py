"""The real site: built by MkDocs in strict mode, every internal link and #qN anchor resolves."""

from __future__ import annotations

import json
import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.test_cli import run


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])


def _pages(site: Path) -> dict[str, _Page]:
    pages = {}
    for path in site.rglob("*.html"):
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(site).as_posix()] = page
    return pages


def test_strict_build_succeeds_without_warnings(built):
    project, result = built
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.endswith("build: site written to site\n")


def test_every_internal_link_and_anchor_resolves(built):
    project, _ = built
    site = project / "site"
    pages = _pages(site)
    checked_questions = 0
    for name, page in pages.items():
        if name == "404.html":  # served for any missing URL, so MkDocs links it from the root
            continue
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("mailto:"):
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path))) if parts.path else name
            if parts.path.endswith("/") or not parts.path:
                target = posixpath.join(target, "index.html") if parts.path else name
            assert (site / target).exists(), f"{name}: broken link {href}"
            if parts.fragment and target.endswith(".html"):
                assert parts.fragment in pages[target].ids, f"{name}: {href} has no #{parts.fragment}"
                checked_questions += parts.fragment.startswith("q")
    assert checked_questions >= 17 * 3  # each question: the jump list, its speakers' and outlet's pages


def test_every_question_has_its_anchor_heading(built):
    project, _ = built
    for stem, count in (("2024/2024-12-03-pre-ministerial-press-conference", 12), ("2025/2025-02-13-doorstep-statement", 5)):
        page = _Page()
        page.feed((project / "site/transcripts" / stem / "index.html").read_text(encoding="utf-8"))
        assert {f"q{n}" for n in range(1, count + 1)} <= page.ids
        assert f"q{count + 1}" not in page.ids


def test_json_export_is_published_in_the_site(built):
    project, _ = built
    index = json.loads((project / "site/api/transcripts.json").read_text(encoding="utf-8"))
    for entry in index["transcripts"]:
        one = json.loads((project / f"site/api/transcripts/{entry['id']}.json").read_text(encoding="utf-8"))
        assert (project / "site" / one["url"] / "index.html").is_file()
        assert len(one["questions"]) == entry["questions"]


def test_transcript_text_renders_literally(project):
    hostile = "Question:\nIs *this* _safe_ # here <script>alert(1)</script> [x](y) {#q1}?\n"
    (project / "transcripts/2025-03-01-hostile.txt").write_text(
        "Hostile </title><script>alert(2)</script> <b>title</b>\nby NATO Secretary General Mark Rutte\nHello.\n" + hostile + "NATO Secretary General Rutte:\nYes.\n",
        encoding="utf-8",
    )
    result = run(project, "build")
    assert result.returncode == 0, result.stderr
    html = (project / "site/transcripts/2025/2025-03-01-hostile/index.html").read_text(encoding="utf-8")
    for injected in ("<script>alert(1)", "<script>alert(2)", "<b>title</b>", "</title><"):
        assert injected not in html
    assert "Is *this* _safe_ # here &lt;script&gt;alert(1)&lt;/script&gt; [x](y) {#q1}?" in html
    assert html.count('id="q1"') == 1


def test_failed_build_leaves_the_last_good_site(project):
    assert run(project, "build").returncode == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    (project / "docs/about.md").write_text("# About\n\n[broken](missing.md#q1)\n", encoding="utf-8")
    result = run(project, "build")
    assert result.returncode == 1
    assert "missing.md" in result.stderr
    assert {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()} == before
