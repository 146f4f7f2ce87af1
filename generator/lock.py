"""One run at a time on a folder: `generate`, `build` and `serve`'s regenerations lock the
input, docs and site folders they write before they write anything.

Each folder's lock is a file beside it, `.<name>.lock` (where its `.<name>.next` staging
folder goes), held with `fcntl.flock` for the whole run and removed at its end. The kernel
lets go of the lock when the process that holds it ends, however it ends: the lock file a
killed run leaves is taken over by the next run as it is, with nothing to clear up. The
holder writes who it is into the file, so that the run that finds it taken can say what it
waits for. A run that waited checks that the file it got is still the one at the path (its
last holder removes it), or opens the new one: two runs never hold two files of one path.

A second run either refuses at once, saying who holds the folder (the default: CI and a
terminal should not queue up unseen), or, with `--wait`, waits for it, saying so; `serve`
always waits, as a save during a build is to be shown once the build is done. Locks are
taken in one order (by resolved path), so that two runs never hold one each and wait for
the other's.
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import functools
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import click

from .errors import Problem


def lock_file(folder: Path) -> Path:
    folder = folder.resolve()
    return folder.with_name(f".{folder.name}.lock")


class Busy(Exception):
    """A folder another run holds, and who that run is."""

    def __init__(self, folder: Path, holder: str):
        self.folder, self.holder = folder, holder
        super().__init__(f"{folder}: {holder}")


@contextlib.contextmanager
def held(folders: Iterable[Path], command: str, wait: bool, say: Callable[[str], None] = print) -> Iterator[None]:
    """Hold the locks of `folders` for `command`. Where another run holds one: raise `Busy`,
    or, if `wait`, say whom it waits for and wait."""
    with contextlib.ExitStack() as stack:
        for path, folder in sorted({lock_file(folder): folder for folder in folders}.items()):
            stack.enter_context(_one(path, folder, command, wait, say))
        yield


@contextlib.contextmanager
def _one(path: Path, folder: Path, command: str, wait: bool, say: Callable[[str], None]) -> Iterator[None]:
    fd = _locked(path, folder, wait, say)
    try:
        os.ftruncate(fd, 0)
        started = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
        os.pwrite(fd, f"{command} (process {os.getpid()}, started {started})\n".encode(), 0)
        yield
    finally:
        path.unlink(missing_ok=True)  # while still held: a run waiting on this file finds it gone and opens a new one
        os.close(fd)  # lets go of the lock


def _locked(path: Path, folder: Path, wait: bool, say: Callable[[str], None]) -> int:
    """A descriptor of the lock file `path`, locked: the file at `path` now, not one its
    last holder removed while this run was waiting for it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    said = False
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _holder(fd)
                if not wait:
                    raise Busy(folder, holder) from None
                if not said:
                    say(f"{folder}: waiting for {holder} to finish with this folder (Ctrl-C to stop waiting)")
                said = True
                fcntl.flock(fd, fcntl.LOCK_EX)
            if _same_file(fd, path):
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


def _holder(fd: int, tries: int = 20) -> str:
    """Who holds the lock, as the holder wrote it. A holder writes right after it has the
    lock: the file may be empty for that moment, so an empty one is read again a few times."""
    for _ in range(tries):
        said = os.pread(fd, 400, 0).decode("utf-8", errors="replace").strip()
        if said:
            return f"the run of {said}"
        time.sleep(0.025)
    return "another run"


def one_at_a_time(*folders: str, command: str) -> Callable:
    """A click command that holds the locks of the folders its parameters `folders` name,
    with a `--wait` option to wait for another run instead of stopping."""

    def decorate(function: Callable) -> Callable:
        @click.option("--wait", is_flag=True, help="If another run is using these folders, wait for it to finish "
                                                   "instead of stopping.")
        @functools.wraps(function)
        def locked(*args, wait: bool, **kwargs):
            try:
                with held([kwargs[name] for name in folders], command, wait, _say):
                    return function(*args, **kwargs)
            except Busy as busy:
                refuse(busy)

        return locked

    return decorate


def waiting(folders: Iterable[Path], command: str, work: Callable[[], None]) -> Callable[[], None]:
    """`work`, to be done whenever called, each time under the folders' locks, waiting for them."""
    folders = tuple(folders)

    def locked() -> None:
        with held(folders, command, True, _say):
            work()

    return locked


def refuse(busy: Busy) -> None:
    click.echo(str(Problem(busy.folder, 0, f"{busy.holder} is using this folder: let it finish, or run again "
                                         "with --wait to wait for it")), err=True)
    click.echo("stopped: another run holds the folder; nothing was written or changed", err=True)
    sys.exit(1)


def _say(message: str) -> None:
    click.echo(message, err=True)
