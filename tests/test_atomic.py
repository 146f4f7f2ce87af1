"""A build killed at any point leaves the last good docs, site and ledger; the next one finishes.

The sample site is built; a transcript is corrected; the build is started again and
killed (the whole process group, as a cancelled CI job or a closed terminal does) at
points spread over its run. After each kill the docs folder, the site and the anchor
ledger are each exactly as before or exactly as a finished build makes them: never half.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import make_project
from tests.test_cli import run

DOORSTEP = "transcripts/2025-02-13-doorstep-statement.txt"


# Pagefind writes its filter and metadata indexes in no fixed order (Pagefind/pagefind#638:
# since 1.3 its fragments are stable, "other files will still change"): those are compared
# by how many there are. Everything else of the site, the docs and the ledger, by content.
_UNSTABLE = re.compile(r"pagefind/(filter/.*|pagefind\..*\.pf_meta|pagefind-entry\.json)")


def _tree(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            name = path.relative_to(folder).as_posix()
            if _UNSTABLE.fullmatch(name):  # named by a hash of their content: counted
                name = re.sub(r"_[0-9a-f]+\.", "_*.", name)
                files[name] = str(int(files.get(name, "0")) + 1)
            else:
                files[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def _state(project: Path) -> dict[str, dict[str, str]]:
    return {
        "docs": _tree(project / "docs"),
        "site": _tree(project / "site"),
        "ledger": {"anchors.yml": hashlib.sha256((project / "transcripts/anchors.yml").read_bytes()).hexdigest()},
    }


def _correct(project: Path) -> None:
    path = project / DOORSTEP
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Question:\n", "Question:\nA question missed at first?\n\n"
                                 "NATO Secretary General Rutte:\nYes.\n\nQuestion:\n", 1), encoding="utf-8")


@pytest.fixture(scope="module", autouse=True)
def one_day():
    """Every build of this module on one day (`SOURCE_DATE_EPOCH`, as `ledger.today` reads it):
    a correction is dated on its run's day, so a build after midnight would give another
    "after" than the reference's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(int(time.time())))
        yield


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    """The project's state before the correction and after a finished build of it, and how
    long that build took."""
    reference = make_project(tmp_path_factory.mktemp("reference"))
    assert run(reference, "build").returncode == 0
    before = _state(reference)
    _correct(reference)
    started = time.monotonic()
    assert run(reference, "build").returncode == 0
    return before, _state(reference), time.monotonic() - started


def _killed_build(project: Path, delay: float, how: signal.Signals) -> int:
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "build"], cwd=project, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    try:
        if how is signal.SIGKILL:
            os.killpg(process.pid, how)  # everything at once: the build, its child, Pagefind
        else:
            process.send_signal(how)  # what a cancelled CI job sends first
    except ProcessLookupError:
        pass
    try:
        code = process.wait(timeout=120)
    except subprocess.TimeoutExpired:
        hung = subprocess.run(["ps", "-o", "pid,ppid,stat,wchan:24,args", "-g", str(process.pid)],
                              capture_output=True, text=True).stdout
        os.killpg(process.pid, signal.SIGKILL)
        raise AssertionError(f"the build did not stop after {how.name} at {delay:.2f} s:\n{hung}") from None
    if how is not signal.SIGKILL:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return code


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_a_build_killed_at_any_point_leaves_the_last_good_output(tmp_path, states, how):
    before, after, duration = states
    project = make_project(tmp_path / "project")
    assert run(project, "build").returncode == 0
    assert _state(project) == before
    _correct(project)
    rng = random.Random(f"{how.name}-kills")
    delays = sorted(rng.uniform(0.05, duration * 1.1) for _ in range(6))
    for delay in delays:
        code = _killed_build(project, delay, how)
        state = _state(project)
        for part in ("docs", "site", "ledger"):
            assert state[part] in (before[part], after[part]), f"{part} half written after a kill at {delay:.2f} s"
        if code == 0:  # it had finished: start again from the state before the correction's build
            assert state == after
            shutil.rmtree(project)
            project = make_project(tmp_path / f"project-{delay}")
            assert run(project, "build").returncode == 0
            _correct(project)
    result = run(project, "build")  # and the next build, whatever was left behind, finishes
    assert result.returncode == 0, result.stderr
    assert _state(project) == after


def test_a_failed_build_leaves_docs_site_and_ledger_as_they_were(tmp_path):
    project = make_project(tmp_path)
    assert run(project, "build").returncode == 0
    before = _state(project)
    _correct(project)
    (project / "docs/about.md").write_text("# About\n\n[broken](nowhere.md)\n", encoding="utf-8")
    result = run(project, "build")
    assert result.returncode == 1
    assert "nowhere.md" in result.stderr
    state = _state(project)
    assert state["site"] == before["site"] and state["ledger"] == before["ledger"]
    assert {k: v for k, v in state["docs"].items() if k != "about.md"} == \
        {k: v for k, v in before["docs"].items() if k != "about.md"}
    leftovers = [p.name for p in (*tmp_path.glob(".*"), *(project / "transcripts").glob(".*"))]
    assert leftovers == [".podium-cache"]  # no staged docs, site or ledger
