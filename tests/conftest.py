"""Shared fixtures: the project's own sample input, and a scratch project to run the CLI in."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "transcripts"


@pytest.fixture(scope="session")
def corpus():
    from generator.pipeline import load_corpus

    return load_corpus(SAMPLES)


def make_project(folder: Path) -> Path:
    """A copy of the project's inputs (transcripts, mkdocs.yml, theme overrides, hand-written
    docs) to build in."""
    shutil.copytree(SAMPLES, folder / "transcripts")
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    shutil.copytree(ROOT / "docs", folder / "docs", ignore=_generated)
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The sample site, built once by the real command: (project folder, its run). Read only."""
    from tests.test_cli import run

    project = make_project(tmp_path_factory.mktemp("site"))
    return project, run(project, "build")


def _generated(folder: str, names: list[str]) -> set[str]:
    from generator.render.paths import GENERATED

    return set(names) & set(GENERATED) if Path(folder) == ROOT / "docs" else set()


@contextlib.contextmanager
def served_build(folder: Path, prepare: Callable[[Path], None]) -> Iterator[tuple[Path, str]]:
    """The sample project in `folder`, its transcripts folder given to `prepare`, built by
    the real command and served over HTTP: (project, root URL)."""
    from tests.test_cli import run

    project = make_project(folder)
    prepare(project / "transcripts")
    result = run(project, "build")
    assert result.returncode == 0, result.stderr
    with served_folder(project / "site") as url:
        yield project, url


@contextlib.contextmanager
def served_folder(folder: Path) -> Iterator[str]:
    """A built site served over HTTP on a free port, as a reader's browser needs it: its root
    URL. A missing URL gets the site's 404.html with status 404, as on GitHub Pages."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send_error(self, code, message=None, explain=None):
            page = folder / "404.html"
            if code != 404 or not page.is_file():
                return super().send_error(code, message, explain)
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
