"""One run at a time per folder (`generator/lock.py`): a second run refuses at once saying
who holds the folder, or waits with `--wait` saying for whom; a killed run's lock is taken
over; two runs started together always leave a ledger, docs, site and JSON that agree."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from generator import ledger
from generator.lock import Busy, held, lock_file
from tests.test_cli import run

DOORSTEP = "2025-02-13-doorstep-statement"

# Holds the locks of the folders given, says so on stdout, then sleeps until killed.
_HOLDER = """
import sys, time
from pathlib import Path
from generator.lock import held
with held([Path(p) for p in sys.argv[1:]], "a test's holder", wait=False):
    print("holding", flush=True)
    time.sleep(600)
"""


def test_a_second_holder_is_refused_naming_the_first_or_waits_for_it(tmp_path):
    said: list[str] = []
    with held([tmp_path / "docs", tmp_path / "site"], "build", wait=False):
        with pytest.raises(Busy) as busy:
            with held([tmp_path / "site"], "generate", wait=False):
                pass
        assert busy.value.folder == tmp_path / "site"
        assert re.fullmatch(rf"the run of build \(process {os.getpid()}, started \S+\)", busy.value.holder)
        waiting = held([tmp_path / "docs"], "serve", True, said.append)  # kept: it holds the lock until closed
        waiter = threading.Thread(target=waiting.__enter__)
        waiter.start()
        time.sleep(0.3)
        assert waiter.is_alive() and said == [f"{tmp_path / 'docs'}: waiting for {busy.value.holder} to finish with "
                                              "this folder (Ctrl-C to stop waiting)"]
    waiter.join(5)
    assert not waiter.is_alive()
    # The first holder removed its file as it ended: the waiter holds a new one at the same path.
    with pytest.raises(Busy, match="the run of serve"):
        with held([tmp_path / "docs"], "generate", wait=False):
            pass
    assert not lock_file(tmp_path / "site").exists()
    waiting.__exit__(None, None, None)
    assert not lock_file(tmp_path / "docs").exists()


def _holder(*folders: Path) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, *map(str, folders)], stdout=subprocess.PIPE, text=True,
                              cwd=Path(__file__).parent.parent)
    assert holder.stdout.readline() == "holding\n"
    return holder


def test_generate_refuses_while_another_run_holds_the_docs_and_takes_over_a_killed_runs_lock(project):
    holder = _holder(project / "docs")
    try:
        result = run(project, "generate")
        assert result.returncode == 1
        assert re.fullmatch(rf"docs: the run of a test's holder \(process {holder.pid}, started \S+\) is using this "
                            r"folder: let it finish, or run again with --wait to wait for it\n"
                            r"stopped: another run holds the folder; nothing was written or changed\n", result.stderr)
        assert not (project / "docs/transcripts").exists() and not (project / ".docs.next").exists()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert lock_file(project / "docs").is_file()  # left by the killed run: taken over as it is
    assert run(project, "generate").returncode == 0
    assert not lock_file(project / "docs").exists()  # removed by the run that took it over, at its end


def test_generate_with_wait_says_for_whom_and_goes_on_when_it_ends(project):
    holder = _holder(project / "transcripts")
    waiting = subprocess.Popen([sys.executable, "-m", "generator", "generate", "--wait"], cwd=project,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = waiting.stderr.readline()
    assert line.startswith(f"transcripts: waiting for the run of a test's holder (process {holder.pid}, started ")
    time.sleep(0.5)
    assert waiting.poll() is None and not (project / "docs/transcripts").exists()
    holder.kill()
    holder.wait()
    assert waiting.wait(60) == 0, waiting.stderr.read()
    assert (project / f"docs/transcripts/2025/{DOORSTEP}.md").is_file()


def _add_exchange(project: Path, n: int) -> None:
    with (project / f"transcripts/{DOORSTEP}.txt").open("a", encoding="utf-8") as text:
        text.write(f"\n\nQuestion:\nAnd on point {n}, what happens next?\n\n"
                   f"NATO Secretary General Rutte:\nOn point {n}, we keep going.\n")


def _anchors(project: Path, built: bool) -> dict[str, list[str]]:
    """The doorstep's live anchors as the ledger, the docs (page and JSON) and the site (page and JSON) have them."""
    entry = ledger.load(project / "transcripts").transcripts[DOORSTEP]
    page = (project / f"docs/transcripts/2025/{DOORSTEP}.md").read_text(encoding="utf-8")
    found = {
        "ledger": [m.anchor for m in entry.marks if m.live],
        "docs": re.findall(r"\{#(q\d+[a-z]*)", page),
        "docs json": _json_anchors(project / f"docs/api/transcripts/{DOORSTEP}.json"),
    }
    if built:
        html = (project / f"site/transcripts/2025/{DOORSTEP}/index.html").read_text(encoding="utf-8")
        found["site"] = re.findall(r'<h3 id="(q\d+[a-z]*)"', html)
        found["site json"] = _json_anchors(project / f"site/api/transcripts/{DOORSTEP}.json")
    return found


def _json_anchors(path: Path) -> list[str]:
    return [q["anchor"] for q in json.loads(path.read_text(encoding="utf-8"))["questions"]]


def _together(project: Path, *commands: list[str]) -> list[subprocess.CompletedProcess]:
    started = [subprocess.Popen([sys.executable, "-m", "generator", *c], cwd=project, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for c in commands]
    return [subprocess.CompletedProcess(p.args, p.wait(300), *p.communicate()) for p in started]


REFUSED = re.compile(r"(docs|site|transcripts): the run of (build|generate) \(process \d+, started \S+\) is using "
                     r"this folder: let it finish, or run again with --wait to wait for it\n"
                     r"stopped: another run holds the folder; nothing was written or changed\n")


def _agree(project: Path, results: list[subprocess.CompletedProcess], built: bool, questions: int) -> None:
    """Each run succeeded or was refused with its message; the ledger, the docs, the site and
    the JSON have one same list of `questions` distinct anchors."""
    for result in results:
        assert "Traceback" not in result.stderr
        assert result.returncode == 0 or REFUSED.fullmatch(result.stderr), result.stderr
    assert any(r.returncode == 0 for r in results)
    found = _anchors(project, built)
    first = found["ledger"]
    assert len(set(first)) == questions and all(anchors == first for anchors in found.values()), found


def test_two_builds_at_once_always_leave_ledger_docs_site_and_json_agreeing(project):
    for n in range(4):
        _add_exchange(project, n)
        wait = ["--wait"] if n % 2 == 0 else []  # both wait, or the one that comes second refuses
        results = _together(project, ["build", "--wait"], ["build", *wait])
        _agree(project, results, True, 6 + n)
        if wait:
            assert all(r.returncode == 0 for r in results), [r.stderr for r in results]


def test_generates_and_a_build_at_once_always_agree(project):
    for n in range(8):
        _add_exchange(project, n)
        results = _together(project, ["generate"], ["generate", "--wait"], ["generate", "--no-cache"])
        _agree(project, results, False, 6 + n)
    _add_exchange(project, 8)
    _agree(project, _together(project, ["build", "--wait"], ["generate", "--wait"]), True, 14)


def test_serve_waits_for_a_build_before_it_regenerates(project):
    from tests.test_serve import PAGE, _free_port, _get, _wait_for

    holder = _holder(project / "docs")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = server.stdout.readline()
        assert line.startswith(f"docs: waiting for the run of a test's holder (process {holder.pid}, started ")
        time.sleep(1)
        assert not (project / "docs/transcripts").exists() and _get(f"http://127.0.0.1:{port}/") is None
        holder.kill()
        holder.wait()
        assert "Sabine Siebold" in (_wait_for(f"http://127.0.0.1:{port}/{PAGE}", "Sabine Siebold", 120) or "")
    finally:
        holder.kill()
        server.terminate()
        server.communicate(timeout=30)


def test_a_holder_that_has_not_yet_written_who_it_is_is_still_named(tmp_path):
    """Between taking the lock and writing who it is, a holder's file is empty for a moment:
    the run refused reads it again rather than name nobody."""
    import os
    import threading

    from generator.lock import _holder

    path = tmp_path / "lock"
    path.write_text("", encoding="utf-8")
    fd = os.open(path, os.O_RDWR)
    try:
        later = threading.Timer(0.1, lambda: path.write_text("build (process 1, started now)\n", encoding="utf-8"))
        later.start()
        assert _holder(fd) == "the run of build (process 1, started now)"
        later.join()
        path.write_text("", encoding="utf-8")
        assert _holder(fd, tries=2) == "another run"
    finally:
        os.close(fd)
