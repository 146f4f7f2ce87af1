"""Check a built site: every internal link lands on a file of the site, every `#fragment`
on an element of the page it points into, and every JSON file of the export reads.

Nothing is fetched: a link with a scheme or a host (`https://...`, `mailto:`, `tel:`) is
left alone, but for `javascript:`, which is reported. Each page is parsed once and the ids
of each are kept, so that a site of thousands of pages is checked in seconds.

`python -m generator links` is one line: print `str(problem)` for each of `check_links(site)`.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import Problem

# The attribute of each element that holds a link the browser follows or loads.
LINK_ATTRIBUTES = {"a": "href", "area": "href", "link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src"}
# Served for any missing URL, so MkDocs links it from the root: its links hold only at the root.
SKIPPED = frozenset({"404.html"})
API = "api"
# `<meta http-equiv="refresh" content="0; url=../new/">`: a redirect, which keeps the fragment.
_REFRESH = re.compile(r"\s*\d*(?:\.\d*)?\s*[;,]\s*(?:url\s*=\s*)?(?P<url>.*)", re.I | re.S)
REDIRECTS = 5  # how many redirects in a row a fragment is followed through


@dataclass
class Page:
    """What a built page holds for the check: its element ids and its links, with their
    lines, and where it redirects to, if it does."""

    ids: set[str] = field(default_factory=set)
    links: list[tuple[int, str]] = field(default_factory=list)
    redirect: str | None = None


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = LINK_ATTRIBUTES.get(tag)
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):  # a fragment lands on either
                self.page.ids.add(value)
            elif name == wanted:
                self.page.links.append((self.getpos()[0], value))
        if tag == "meta" and (refresh := _refresh(dict(attrs))) is not None:
            self.page.redirect = self.page.redirect or refresh
            self.page.links.append((self.getpos()[0], refresh))


def _refresh(attributes: dict[str, str | None]) -> str | None:
    """The URL a `<meta http-equiv="refresh">` sends the reader on to, if any."""
    if (attributes.get("http-equiv") or "").lower() != "refresh":
        return None
    match = _REFRESH.fullmatch(attributes.get("content") or "")
    url = match.group("url").strip().strip("'\"") if match else ""
    return url or None


def read_page(text: str) -> Page:
    reader = _Reader()
    reader.feed(text)
    reader.close()
    return reader.page


@dataclass(frozen=True)
class Site:
    """A built site's files, by path relative to its root ("transcripts/index.html")."""

    root: Path
    files: frozenset[str]
    folders: frozenset[str]
    pages: dict[str, Page]

    @classmethod
    def read(cls, root: Path) -> Site:
        files = frozenset(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
        folders = {""}
        for name in files:
            folder = posixpath.dirname(name)
            while folder not in folders:
                folders.add(folder)
                folder = posixpath.dirname(folder)
        pages = {name: read_page((root / name).read_text(encoding="utf-8", errors="replace"))
                 for name in sorted(files) if name.endswith(".html")}
        return cls(root, files, frozenset(folders), pages)

    def wanted(self, name: str, folder: bool) -> str:
        """The file a browser asks for at site path `name` ("" is the root): a folder's index.html."""
        if folder or (name in self.folders and name not in self.files):
            return posixpath.join(name, "index.html")
        return name


def check_links(site: Path) -> list[Problem]:
    """Every broken internal link and anchor of the built `site`, and every unreadable
    JSON file or dead `url` of its export, sorted by file and line."""
    if not site.is_dir():
        return [Problem(site, 0, "no built site here (build it with `python -m generator build`)")]
    built = Site.read(site)
    faults: dict[tuple[str, str], str | None] = {}  # a page's nav links are its folder's: checked once
    problems = []
    for name, page in built.pages.items():
        if name in SKIPPED:
            continue
        folder = posixpath.dirname(name)
        for line, url in page.links:
            url = url.strip()
            key = (name if url[:1] in ("", "#", "?") else folder, url)
            if key not in faults:
                faults[key] = _fault(built, name, url)
            if faults[key]:
                problems.append(Problem(site / name, line, faults[key]))
    problems += _check_api(built)
    return sorted(problems)


def _fault(site: Site, page: str, url: str) -> str | None:
    """What is wrong with the link `url` of `page` (a path relative to the site root), if anything."""
    parts = urlsplit(url)
    if parts.scheme == "javascript":
        return f"a javascript: link ('{_short(url)}'): use a button, or a link to a page"
    if parts.scheme or parts.netloc:
        return None  # external: never fetched
    target = _target(site, page, parts.path)
    if target is None:
        return f"the link '{url}' leads out of the site"
    if target not in site.files:
        return f"broken link '{url}': there is no {target} in the site"
    fragment = unquote(parts.fragment)
    if not fragment or fragment.lower() == "top":  # "#top" is the page's top
        return None
    landing = target
    for _ in range(REDIRECTS):  # a redirect keeps the fragment: it must land where it leads
        if landing not in site.pages or fragment in site.pages[landing].ids:
            return None  # fragments into other files than pages are not checked
        onward = urlsplit(site.pages[landing].redirect or "")
        if onward.scheme or onward.netloc:
            return None  # on to another site: not fetched
        landing = _target(site, landing, onward.path) if site.pages[landing].redirect else None
        if landing is None:
            break
    return f"broken anchor '{url}': {target} has no element with id '{fragment}'"


def _target(site: Site, page: str, path: str) -> str | None:
    """The site file a link's (percent-encoded) `path` asks for from `page`; None if out of the site."""
    path = unquote(path)
    if not path:
        return page  # "#q3", "?x": this very page
    joined = posixpath.normpath(posixpath.join("" if path.startswith("/") else posixpath.dirname(page), path.lstrip("/")))
    if joined == ".." or joined.startswith("../"):
        return None
    return site.wanted("" if joined == "." else joined, folder=path.endswith("/"))


def _short(url: str, length: int = 60) -> str:
    return url if len(url) <= length else url[: length - 1] + "…"


def _check_api(site: Site) -> list[Problem]:
    """Each JSON (and JSON Lines) file under api/ reads, and each `url` in it (relative to
    the site root, "transcripts/2024/<id>/#q3") and each `link` (relative to the file, where
    it is not absolute) lands on a page and its anchor."""
    problems = []
    for name in sorted(f for f in site.files if f.startswith(f"{API}/") and f.endswith((".json", ".jsonl"))):
        text = (site.root / name).read_text(encoding="utf-8", errors="replace")
        lines = text.splitlines() if name.endswith(".jsonl") else [text]
        values = []
        for number, line in enumerate(lines, start=1):
            try:
                values.append(json.loads(line))
            except json.JSONDecodeError as error:
                at = number if name.endswith(".jsonl") else error.lineno
                problems.append(Problem(site.root / name, at, f"not valid JSON: {error.msg} (column {error.colno})"))
        for key, url in dict.fromkeys(pair for value in values for pair in _urls(value)):  # each once, in order
            if (message := _fault(site, "index.html" if key == "url" else name, url.strip())) is not None:
                problems.append(Problem(site.root / name, _line_of(text, key, url), message))
    return problems


def _urls(value: object) -> Iterator[tuple[str, str]]:
    """Every string under a `url` or `link` key, however deep, with its key."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("url", "link") and isinstance(item, str):
                yield key, item
            else:
                yield from _urls(item)
    elif isinstance(value, list):
        for item in value:
            yield from _urls(item)


def _line_of(text: str, key: str, url: str) -> int:
    """The line where `url` is first written under `key` in a JSON text, or 0 if it is
    written escaped."""
    for written in (json.dumps(url, ensure_ascii=False), json.dumps(url)):
        found = re.search(f'"{key}"\\s*:\\s*{re.escape(written)}', text)
        if found:
            return text.count("\n", 0, found.start()) + 1
    return 0
