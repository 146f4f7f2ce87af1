"""`serve`: the preview regenerates and rebuilds when an editor saves a transcript."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PAGE = "transcripts/2024/2024-12-03-pre-ministerial-press-conference/"
SOURCE = "transcripts/2024-12-03-pre-ministerial-press-conference.txt"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, wanted: str, seconds: float) -> str | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = _get(url)
        if page is not None and wanted in page:
            return page
        time.sleep(0.25)
    return _get(url)


def test_a_saved_transcript_edit_shows_in_the_preview(project: Path):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/{PAGE}"
        assert "Sabine Siebold" in (_wait_for(url, "Sabine Siebold", 120) or "")
        source = project / SOURCE
        source.write_text(source.read_text(encoding="utf-8").replace(
            "Ukraine has been asking for a quick invitation", "Ukraine has been asking for a swift invitation"),
            encoding="utf-8")
        started = time.monotonic()
        page = _wait_for(url, "swift invitation", 30)
        assert page is not None and "swift invitation" in page, "the edit did not show"
        assert time.monotonic() - started < 30
        # A broken edit keeps the last good page and says what is wrong.
        (project / SOURCE.replace(".txt", ".yml")).write_text("date: not-a-date\n", encoding="utf-8")
        time.sleep(2)
        assert "swift invitation" in (_get(url) or "")
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    # The edit rewrote the transcript's page, its raw text, its JSON, the pages and feeds that
    # show the question (its four topics' pages and feeds too) and the bulk download (CSV and
    # JSON Lines), and the JSON of the doorstep statement, whose "Asked before?" lists that
    # question with its score, once; the broken edit kept the last good reading, so nothing.
    assert re.findall(r"serve: regenerated: (\d+) written, 0 removed, \d+ unchanged", output)[1:] == ["21", "0"]
    assert output.count("pre-ministerial-press-conference.yml:1: 'date' must be a date (YYYY-MM-DD)") == 1
    assert "serve: the last good pages are still shown" in output
