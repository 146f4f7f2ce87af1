"""Staging the docs from what the last runs recorded (`manifest.Tree`): the owned part ends
up holding exactly the files given, whatever was added, removed or edited by hand in the
docs or in the spare part in between, without walking either where nothing changed."""

from __future__ import annotations

import os
import random
import threading
import time
from pathlib import Path

import pytest

from generator import linking, manifest
from generator.manifest import Manifest
from generator.write import _spare, write_tree

OWNED = ("index.md", "transcripts", "speakers")


def _owned(root: Path) -> dict[str, str]:
    found = {}
    for top in OWNED:
        base = root / top
        paths = [base] if base.is_file() else sorted(base.rglob("*")) if base.is_dir() else []
        found.update((p.relative_to(root).as_posix(), p.read_text()) for p in paths if p.is_file())
    return found


def _run(root: Path, files: dict[str, str], kept: list[bytes]) -> tuple[int, int, int]:
    """One run with the manifest as the last run saved it (as the cache keeps it)."""
    known = Manifest.load(root.parent / "manifest", root) if kept else Manifest(root)
    report = write_tree(root, dict(files), OWNED, known)
    (root.parent / "manifest").write_bytes(known.dumps())
    kept.append(known.dumps())
    time.sleep(0.02)  # a change by hand after it shows in its folders' times
    return report.written, report.removed, report.unchanged


@pytest.fixture(autouse=True)
def settled_at_once(monkeypatch):
    """Folders' times recorded as soon as they are written, so that the record, not a look
    into each folder touched last, is what finds the changes below."""
    monkeypatch.setattr(manifest, "SETTLED", 0)


def _files(n: int, edition: int = 0) -> dict[str, str]:
    files = {"index.md": f"home {edition}\n", "speakers/index.md": "everyone\n"}
    for i in range(n):
        files[f"transcripts/{2000 + i % 3}/t{i}.md"] = f"page {i}\n"
        files[f"transcripts/{2000 + i % 3}/t{i}/t{i}.txt"] = f"raw {i}\n"
    return files


def test_a_stray_file_added_by_hand_is_removed_and_counted(tmp_path):
    root, kept = tmp_path / "docs", []
    for edition in range(3):  # the docs' part and the spare both recorded
        _run(root, _files(20, edition), kept)
    (root / "transcripts" / "2001" / "stray.md").write_text("by hand")
    (root / "transcripts" / "2002" / "t2").rename(root / "transcripts" / "2002" / "moved")
    assert _run(root, _files(20, 2), kept) == (1, 2, 41)  # t2's raw text written back; the two strays removed
    assert _owned(root) == _files(20, 2)


def test_a_file_taken_away_or_edited_by_hand_is_put_back(tmp_path):
    root, kept = tmp_path / "docs", []
    for edition in range(3):
        _run(root, _files(10, edition), kept)
    (root / "transcripts" / "2000" / "t0.md").unlink()
    os.utime(root / "speakers", ns=(0, 0))  # a folder's time is no proof: its files are still compared
    (root / "speakers" / "index.md").write_text("edited")
    assert _run(root, _files(10, 2), kept)[:2] == (2, 0)
    assert _owned(root) == _files(10, 2)


def test_what_is_added_to_the_spare_part_never_reaches_the_docs(tmp_path):
    root, kept = tmp_path / "docs", []
    for edition in range(3):
        _run(root, _files(10, edition), kept)
    spare = _spare(root)
    assert spare.is_dir()
    (spare / "transcripts" / "2000" / "left.md").write_text("left behind")
    (spare / "speakers" / "new").mkdir()
    (spare / "speakers" / "new" / "x.md").write_text("x")
    _run(root, _files(10, 3), kept)
    assert _owned(root) == _files(10, 3)


def test_a_tree_that_is_not_recorded_is_walked(tmp_path, monkeypatch):
    root, kept = tmp_path / "docs", []
    for edition in range(3):
        _run(root, _files(10, edition), kept)
    (root.parent / "manifest").write_bytes(b"not a pickle")  # no record: the docs and the spare are walked
    walked = []
    real = linking.owned_files
    monkeypatch.setattr(linking, "owned_files", lambda *args: walked.append(args) or real(*args))
    (root / "transcripts" / "2001" / "stray.md").write_text("by hand")
    assert _run(root, _files(10, 3), kept)[1] == 1
    assert walked and _owned(root) == _files(10, 3)


def _by_hand(rng: random.Random, root: Path, run: int) -> None:
    """Something an editor or a stray tool does to the docs, or to the spare part beside them."""
    base = rng.choice([root, _spare(root)])
    folder = base / "transcripts" / rng.choice(["2000", "2001", "2002"])
    if not folder.is_dir():
        return
    what = rng.random()
    if what < 0.4:
        (folder / f"hand{run}.md").write_text("by hand")
    elif what < 0.6:
        (folder / f"hand{run}").mkdir()
        (folder / f"hand{run}" / "deep.md").write_text("by hand")
    elif files := sorted(p for p in folder.iterdir() if p.is_file()):
        rng.choice(files).unlink()


@pytest.mark.parametrize("seed", [7, 11, 23])
def test_many_runs_of_random_changes_leave_exactly_the_files_given(tmp_path, seed):
    rng = random.Random(seed)
    root, kept = tmp_path / "docs", []
    files = _files(30)
    for run in range(25):
        for _ in range(rng.randint(0, 6)):
            name = rng.choice(sorted(files))
            what = rng.random()
            if what < 0.3 and name != "index.md":
                del files[name]
            elif what < 0.6:
                files[name] = f"changed in run {run}\n"
            else:
                files[f"transcripts/{rng.randint(1998, 2004)}/new{run}-{rng.randint(0, 99)}.md"] = "new\n"
        if rng.random() < 0.4:
            _by_hand(rng, root, run)
        _run(root, files, kept)
        assert _owned(root) == files, f"run {run}"


@pytest.mark.parametrize("kernel", [True, False], ids=["copy_file_range", "read and written"])
def test_a_bulk_file_is_rewritten_in_its_spare_copy_and_never_in_the_docs(tmp_path, monkeypatch, kernel):
    """A file of parts (the bulk export) is staged by rewriting the spare part's copy from
    its first changed part, where that copy is its own file: the docs' copy is never
    written into, whatever the runs change, and each run's file is its parts in order;
    the same where the kernel cannot copy between the files (the parts read and written)."""
    from generator.render.deferred import Joined
    from generator.write import commit, stage

    if not kernel:
        monkeypatch.setattr(os, "copy_file_range", _no_copy_file_range)
    rng = random.Random(5)
    root = tmp_path / "docs"
    parts = {f"t{n:03d}": f"rows of t{n} v0\n" * rng.randint(1, 4) for n in range(60)}
    known = Manifest(root)
    for run in range(30):
        for name in rng.sample(sorted(parts), rng.randint(0, 3)):
            parts[name] = f"rows of {name} v{run}\n" * rng.randint(1, 4)
        if rng.random() < 0.2:
            parts.pop(rng.choice(sorted(parts)))
        if rng.random() < 0.2:
            parts[f"t{rng.randint(0, 99):03d}x{run}"] = f"new in {run}\n"
        ordered = sorted(parts.items())
        joined = Joined(tuple((f"{name}:{text}", lambda text=text: text) for name, text in ordered), "head\n")
        files = {"speakers/index.md": f"run {run}\n" if rng.random() < 0.5 else "same\n", "api/exchanges.csv": joined}
        before = (root / "api" / "exchanges.csv").read_bytes() if (root / "api" / "exchanges.csv").is_file() else None
        stage(root, files, ("speakers", "api"), known)
        if before is not None:
            assert (root / "api" / "exchanges.csv").read_bytes() == before, f"run {run}: the docs' copy was written into"
        commit(root, ("speakers", "api"))
        assert (root / "api" / "exchanges.csv").read_text() == "head\n" + "".join(text for _, text in ordered), run


def _no_copy_file_range(*args):
    raise OSError(18, "Invalid cross-device link")


def test_a_bulk_file_whose_copy_fails_leaves_the_docs_as_they_were(tmp_path, monkeypatch):
    """The kept parts of a bulk file are copied by a thread while the run goes on: when that
    copy fails, staging fails with its error once the thread is done, and nothing staged
    is left to be committed."""
    from generator.render.deferred import Joined
    from generator.write import commit, stage, staging

    root, owned = tmp_path / "docs", ("speakers", "api")
    known = Manifest(root)
    for run in range(3):  # the third run splices the spare's own copy
        parts = tuple((f"t{n}:{run if n == 5 else 0}", lambda n=n, run=run: f"row {n} of run {run if n == 5 else 0}\n")
                      for n in range(10))
        stage(root, {"speakers/index.md": f"run {run}\n", "api/exchanges.csv": Joined(parts, "head\n")}, owned, known)
        commit(root, owned)
    before = _owned_files(root)
    monkeypatch.setattr(os, "copy_file_range", _no_copy_file_range)
    monkeypatch.setattr(os, "pread", lambda *args: (_ for _ in ()).throw(OSError(5, "Input/output error")))
    parts = tuple((f"t{n}:{9 if n == 2 else 0}", lambda n=n: f"row {n} again\n") for n in range(10))
    with pytest.raises(OSError, match="Input/output error"):
        stage(root, {"speakers/index.md": "run 9\n", "api/exchanges.csv": Joined(parts, "head\n")}, owned, known)
    assert not staging(root).exists() and _owned_files(root) == before
    assert not [thread for thread in threading.enumerate() if thread.name == "podium-copy"]


def _owned_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
