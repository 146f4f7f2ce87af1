"""What a reader downloads for their first search, measured in a real browser.

    python benchmarks/search_download.py SITE [--query TEXT ...] [--material-docs DOCS [--config FILE]] [--json]

SITE is a folder built by `python -m generator build`. The script serves it on a local
port, and for each query opens its home page in a fresh Chromium context (Debian's
/usr/bin/chromium, driven by Playwright: an empty cache) and only then starts counting: it
opens the search, types the query as a reader would, and waits until the results are
shown and nothing more is fetched. The server counts every
byte it sends, by file, compressing text files (HTML, JS, CSS, JSON) with gzip as GitHub
Pages and most hosts do; Pagefind's index files are compressed already and sent as they
are. Files are grouped as:

| category     | files under pagefind/ (or an older part's pagefind/part/*/)    |
|--------------|----------------------------------------------------------------|
| entry/js     | pagefind.js, pagefind-worker.js, pagefind-entry.json, parts.json |
| wasm         | wasm.<language>.pagefind                                       |
| index chunks | pagefind.*.pf_meta (the page list), index/*.pf_index (words)   |
| filters      | filter/*.pf_filter (loaded when a filter is chosen)            |
| fragments    | fragment/*.pf_fragment (one per transcript whose results show)  |

The search's own script and stylesheet load with every page, before the count starts;
their sizes are printed apart.

With `--material-docs DOCS`, it also builds the same docs folder with the same MkDocs
configuration but Material's `search` plugin on (into a temporary folder, not touching
SITE), and prints the size of the `search/search_index.json` that Material's search
downloads whole on a reader's first search, raw and gzipped, next to Pagefind's figures.
("file size" is a file as stored: Pagefind's index files are compressed already.)

    python -m generator build --input corpus --docs /tmp/d --site /tmp/s
    python benchmarks/search_download.py /tmp/s --material-docs /tmp/d
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import mimetypes
import posixpath
import re
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
COMPRESSED = (".html", ".js", ".css", ".json", ".svg", ".xml", ".txt")
_PART = r"^pagefind/(?:part/[^/]+/)?"  # the newest part's bundle, or an older part's
CATEGORIES = (
    ("entry/js", re.compile(_PART + r"(pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|parts\.json)$")),
    ("wasm", re.compile(_PART + r"wasm\.[^/]+\.pagefind$")),
    ("index chunks", re.compile(_PART + r"(pagefind\.[^/]+\.pf_meta|index/[^/]+\.pf_index)$")),
    ("filters", re.compile(_PART + r"filter/[^/]+\.pf_filter$")),
    ("fragments", re.compile(_PART + r"fragment/[^/]+\.pf_fragment$")),
)
# A word in nearly every transcript, two such words, a name, a phrase: index chunks grow
# with how many pages a word is on, so common words cost the most.
QUERIES = ("Ukraine", "defence spending", "Hegseth", "strengthen the membership language")
UI_FILES = ("assets/javascripts/transcript-search.js", "assets/stylesheets/transcript-search.css")


class _Counter:
    """Bytes sent per file, and when the last request came."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sent: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # path -> [bytes sent, raw bytes]
        self.last = time.monotonic()

    def add(self, path: str, sent: int, raw: int) -> None:
        with self.lock:
            self.sent[path][0] += sent
            self.sent[path][1] += raw
            self.last = time.monotonic()

    def reset(self) -> None:
        with self.lock:
            self.sent.clear()


def _handler(site: Path, counter: _Counter):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = unquote(urlsplit(self.path).path).lstrip("/")
            file = (site / path).resolve()
            if file.is_dir():
                file, path = file / "index.html", posixpath.join(path, "index.html")
            if site not in file.parents or not file.is_file():
                self.send_error(404)
                return
            body = raw = file.read_bytes()
            compress = file.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")
            if compress:
                body = gzip.compress(raw, compresslevel=6, mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", mimetypes.guess_type(file.name)[0] or "application/octet-stream")
            self.send_header("Content-Length", str(len(body)))
            if compress:
                self.send_header("Content-Encoding", "gzip")
            self.end_headers()
            self.wfile.write(body)
            counter.add(path, len(body), len(raw))

        def log_message(self, *args) -> None:
            pass

    return Handler


def category(path: str) -> str:
    return next((name for name, pattern in CATEGORIES if pattern.match(path)), "other")


@dataclass
class Search:
    """One first search: what the search said, and the bytes sent for it by category and file."""

    query: str
    status: str = ""
    files: dict[str, dict[str, tuple[int, int]]] = field(default_factory=lambda: defaultdict(dict))

    def total(self, which: int = 0) -> int:
        return sum(sizes[which] for files in self.files.values() for sizes in files.values())


def first_searches(site: Path, queries: list[str], timeout_s: float = 60) -> list[Search]:
    """Serve `site` and search it once per query in Chromium, each time from an empty cache."""
    from playwright.sync_api import sync_playwright

    counter = _Counter()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(site.resolve(), counter))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    searches = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for query in queries:
                context = browser.new_context()  # a reader who has not searched yet
                page = context.new_page()
                page.goto(f"http://127.0.0.1:{server.server_port}/", wait_until="networkidle")
                counter.reset()
                page.keyboard.press("/")
                page.keyboard.type(query, delay=120)  # a fast typist: the search waits for a pause
                page.wait_for_function(
                    """() => {
                        const status = document.querySelector('[data-transcript-search] .md-search-result__meta');
                        return status && /results? (in|from)|No exchange/.test(status.textContent);
                    }""",
                    timeout=timeout_s * 1000,
                )
                _quiet(counter, seconds=1.0, timeout_s=timeout_s)
                search = Search(query, page.locator("[data-transcript-search] .md-search-result__meta").inner_text())
                for path, sizes in counter.sent.items():
                    search.files[category(path)][path] = tuple(sizes)
                searches.append(search)
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return searches


def _quiet(counter: _Counter, seconds: float, timeout_s: float) -> None:
    """Wait until the server has had no request for `seconds`."""
    end = time.monotonic() + timeout_s
    while time.monotonic() < end and time.monotonic() - counter.last < seconds:
        time.sleep(0.1)


def material_index(docs: Path, config: Path) -> tuple[int, int]:
    """Build `docs` with Material's search plugin on; the size of its index, raw and gzipped."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory() as out:
        cfg = load_config(str(config), docs_dir=str(docs.resolve()), site_dir=out, plugins=["search"], strict=False)
        build(cfg)
        raw = (Path(out) / "search" / "search_index.json").read_bytes()
    return len(raw), len(gzip.compress(raw, compresslevel=6, mtime=0))


def ui_sizes(site: Path) -> tuple[int, int]:
    raw = b"".join((site / name).read_bytes() for name in UI_FILES if (site / name).is_file())
    return len(raw), len(gzip.compress(raw, compresslevel=6, mtime=0))


def kb(n: int) -> str:
    return f"{n / 1024:,.1f} KB"


def report(site: Path, searches: list[Search], material: tuple[int, int] | None) -> str:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    indexed = sum(language["page_count"] for language in entry["languages"].values())
    lines = [f"First search on {site} ({indexed:,} pages indexed): bytes sent (files), total (file sizes)", ""]
    names = [name for name, _ in CATEGORIES] + ["other"]
    lines.append("| query | " + " | ".join(names) + " | total | the search said |")
    lines.append("|---|" + "---:|" * (len(names) + 1) + "---|")
    for search in searches:
        cells = []
        for name in names:
            files = search.files.get(name, {})
            sent = sum(s for s, _ in files.values())
            cells.append(f"{kb(sent)} ({len(files)})" if files else "-")
        lines.append(f"| {search.query} | " + " | ".join(cells) + f" | **{kb(search.total())}** ({kb(search.total(1))}) | {search.status} |")
    ui_raw, ui_gzip = ui_sizes(site)
    lines += ["", f"The search's script and stylesheet, loaded with every page: {kb(ui_gzip)} sent ({kb(ui_raw)})."]
    if material:
        raw, zipped = material
        lines.append(
            f"Material's search_index.json for the same docs, downloaded whole on the first search: "
            f"{kb(zipped)} gzipped ({kb(raw)} uncompressed)."
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a site built by `python -m generator build`")
    parser.add_argument("--query", action="append", help="what the reader types; repeat for several searches, each "
                        f"from an empty cache (default: {' / '.join(QUERIES)})")
    parser.add_argument("--material-docs", type=Path, help="the docs folder SITE was built from: also measure Material's index")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs configuration (default: %(default)s)")
    parser.add_argument("--json", action="store_true", help="print the bytes per file as JSON instead")
    args = parser.parse_args()
    if not (args.site / "pagefind" / "pagefind-entry.json").is_file():
        sys.exit(f"{args.site}: no pagefind/ index here: build it with `python -m generator build`")
    searches = first_searches(args.site, args.query or list(QUERIES))
    material = material_index(args.material_docs, args.config) if args.material_docs else None
    if args.json:
        print(json.dumps({"searches": [vars(s) for s in searches], "material_search_index": material}, indent=1))
    else:
        print(report(args.site, searches, material))


if __name__ == "__main__":
    main()
