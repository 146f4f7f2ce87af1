"""What the last run wrote in the docs folder (`Manifest`), and the contents `write.stage`
is given: a file's text, or how to make it under a key (`Later`, `Parts`)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, Union


class Later(Protocol):
    """A file's content not made yet (`render`): `key` is a digest of everything it is made
    from, so that a file the docs already hold under that key need not be made again."""

    key: str

    def make(self) -> str: ...


class Parts(Later, Protocol):
    """A file made of keyed parts in order after a `head` (one per transcript): the parts a
    file written last already holds are taken from it, not made again."""

    head: str
    parts: tuple[tuple[str, Callable[[], str]], ...]


Content = Union[str, Later, Parts]


@dataclass
class Tree:
    """What an owned part of the docs held when `write.stage` left it, so that the next run
    knows it without walking its 30,000 files: each top folder's inode (which tells this
    tree from another: renames keep it), each file's inode, and each folder's modification
    time (a file added or taken away by hand changes its folder's; None: changed too
    recently to tell, looked into next time)."""

    tops: dict[str, int]
    files: dict[str, int]  # name -> inode
    folders: dict[str, int | None]  # relative path -> st_mtime_ns

    def holds(self, root: str, owned: tuple[str, ...]) -> bool:
        """Whether the `owned` folders under `root` are this tree's (by their inodes)."""
        return all(_inode(os.path.join(root, top)) == self.tops.get(top) for top in owned
                   if top in self.tops or os.path.isdir(os.path.join(root, top)))

    def changed(self, root: str) -> Iterator[str]:
        """The folders under `root` whose entries may not be those recorded."""
        for folder, recorded in self.folders.items():
            try:
                found = os.stat(os.path.join(root, folder)).st_mtime_ns
            except OSError:
                found = None
            if recorded is None or found != recorded:
                yield folder

    def differences(self, root: str) -> tuple[list[str], list[str], set[str], list[str]]:
        """What the folders under `root` hold that this record does not say, looking only
        into those changed since: files not recorded, folders not recorded, recorded files
        gone, and the folders looked into."""
        looked = list(self.changed(root))
        strays: list[str] = []
        folders: list[str] = []
        gone: set[str] = set()
        if not looked:
            return strays, folders, gone, looked
        inside: dict[str, list[str]] = {}
        for name in self.files:
            inside.setdefault(name.rpartition("/")[0], []).append(name)
        for folder in looked:
            try:
                with os.scandir(os.path.join(root, folder)) as entries:
                    found = {f"{folder}/{entry.name}": entry.is_dir(follow_symlinks=False) for entry in entries}
            except OSError:
                found = {}
            folders += [name for name, is_folder in found.items() if is_folder and name not in self.folders]
            strays += [name for name, is_folder in found.items() if not is_folder and name not in self.files]
            gone.update(name for name in inside.get(folder, ()) if found.get(name) is not False)
        return strays, folders, gone, looked


def folders_of(names: Iterable[str]) -> set[str]:
    """Every folder that holds one of `names` (docs-relative files), however deep."""
    found: set[str] = set()
    for name in names:
        folder = name.rpartition("/")[0]
        while folder and folder not in found:
            found.add(folder)
            folder = folder.rpartition("/")[0]
    return found


def settled_times(root: str, folders: Iterable[str], known: dict[str, int | None]) -> dict[str, int | None]:
    """Each folder's modification time under `root`, where `known` lacks it; None for one
    changed too recently to tell a change in the same tick of the file system's clock:
    within `SETTLED` where its times are whole seconds, `SETTLED_FINE` where they are finer."""
    times = dict(known)
    now = time.time_ns()
    for folder in folders:
        if folder not in times:
            try:
                found = os.stat(os.path.join(root, folder)).st_mtime_ns
            except OSError:
                found = None
            window = SETTLED if found is None or found % 1_000_000_000 == 0 else SETTLED_FINE
            times[folder] = found if found is not None and found < now - window else None
    return times


SETTLED = 2_000_000_000  # ns: a file system that keeps whole seconds (FAT keeps two)
SETTLED_FINE = 100_000_000  # ns: one that keeps finer times ticks at most every few milliseconds


def _inode(path: str) -> int | None:
    try:
        return os.lstat(path).st_ino
    except OSError:
        return None


class Manifest:
    """What the last run wrote in the owned part of a docs folder: per file, the key of its
    content and the file's inode, size and modification time as written. A file whose entry
    matches both is that content without reading it back; any other is compared or written.
    With it, the `tree` the docs hold and the `spare` one (the part moved out last, see
    `write`), so that staging the next run touches only what changed. Derived data, kept
    with the cache: a missing or foreign manifest only costs the reads and a walk."""

    def __init__(self, root: Path, files: dict[str, tuple[str, int, int, int]] | None = None,
                 layouts: dict[str, dict[str, tuple[int, int]]] | None = None,
                 tree: Tree | None = None, spare: Tree | None = None,
                 spare_parts: dict[str, tuple[tuple[int, int, int], dict[str, tuple[int, int]]]] | None = None):
        self.root = str(root.resolve())
        self.files = files or {}
        self.layouts = layouts or {}  # a file of `Parts`: each part's key -> its offset and length
        self.tree, self.spare = tree, spare
        # A file of `Parts` in the spare part: its inode, size and time, and its layout, as the
        # docs held it before the last commit (`write.stage` rewrites it in place where it can).
        self.spare_parts = spare_parts or {}

    @classmethod
    def load(cls, path: Path, root: Path) -> Manifest:
        try:
            value = pickle.loads(path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return cls(root)
        ok = isinstance(value, dict) and value.get("root") == str(root.resolve()) and isinstance(value.get("files"), dict)
        if not ok:
            return cls(root)
        trees = [Tree(*found) if isinstance(found, tuple) and len(found) == 3 else None
                 for found in (value.get("tree"), value.get("spare"))]
        return cls(root, value["files"], value.get("layouts"), *trees, value.get("spare_parts"))

    def dumps(self) -> bytes:
        trees = [(t.tops, t.files, t.folders) if t else None for t in (self.tree, self.spare)]
        return pickle.dumps({"root": self.root, "files": self.files, "layouts": self.layouts,
                             "tree": trees[0], "spare": trees[1], "spare_parts": self.spare_parts}, pickle.HIGHEST_PROTOCOL)

    def parts_now(self) -> dict[str, tuple[tuple[int, int, int], dict[str, tuple[int, int]]]]:
        """The files of `Parts` the docs hold, as `spare_parts` will say of them once moved out."""
        return {name: (tuple(self.files[name][1:]), layout) for name, layout in self.layouts.items() if name in self.files}

    def kept_prefix(self, name: str, content: Parts, where: str) -> tuple[int, int] | None:
        """Where the spare's copy of `name` at `where` (the staging folder, made from the
        spare) stops being `content`: (its parts kept, their bytes), the head included; None
        where that copy is not known as written, or is linked to another (the docs' own)."""
        kept = self.spare_parts.get(name)
        try:
            found = os.lstat(os.path.join(where, name))
        except OSError:
            return None
        if kept is None or found.st_nlink != 1 or kept[0] != (found.st_ino, found.st_size, found.st_mtime_ns):
            return None
        layout, head = kept[1], content.head.encode("utf-8")
        with open(os.path.join(where, name), "rb") as handle:
            if handle.read(len(head)) != head:
                return None
        count, at = 0, len(head)
        for key, _ in content.parts:
            old = layout.get(key)
            if old is None or old[0] != at:
                break
            count, at = count + 1, at + old[1]
        return count, at

    def holds(self, root: Path, name: str, key: str) -> bool:
        """Whether `root/name` is, untouched, the file written last under `key`."""
        known = self.files.get(name)
        if known is None or known[0] != key:
            return False
        try:
            found = os.stat(os.path.join(root, name))  # a string, not a path object: asked of every file
        except OSError:
            return False
        return known[1:] == (found.st_ino, found.st_size, found.st_mtime_ns)

    def spliced(self, root: Path, name: str, content: Parts, kept: tuple[int, int] | None = None
                ) -> Iterator[bytes | Span]:
        """The bytes of a file of parts, chunk by chunk (a bulk file of 10,000 transcripts is
        300 MB): those `root/name` holds as written last given as spans of it (`Span`, the
        kernel copies them), the others made; but for the head and the first `kept` (parts,
        bytes), which the file written to holds already (`kept_prefix`). Its new layout is
        noted once the last chunk is given."""
        known, layout = self.files.get(name), self.layouts.get(name)
        spare = self.spare_parts.get(name, ((), {}))[1]
        with contextlib.ExitStack() as opened:
            old = None
            if known is not None and layout is not None and self.holds(root, name, known[0]):
                old = opened.enter_context(open(root / name, "rb")).fileno()
            head = content.head.encode("utf-8")
            offsets, at, span = {}, len(head), None
            if kept is None:
                yield head
            for n, (key, made) in enumerate(content.parts):
                if kept is not None and n < kept[0]:
                    offsets[key] = spare[key]
                    at += spare[key][1]
                    continue
                start, length = layout.get(key, (0, -1)) if old is not None else (0, -1)
                if length >= 0:
                    if span is not None and span.start + span.length == start:
                        span = Span(old, span.start, span.length + length)
                    else:
                        if span is not None:
                            yield span
                        span = Span(old, start, length)
                else:
                    if span is not None:
                        yield span
                        span = None
                    data = made().encode("utf-8")
                    yield data
                    length = len(data)
                offsets[key] = (at, length)
                at += length
            if span is not None:
                yield span
        self.layouts[name] = offsets


@dataclass(frozen=True)
class Span:
    """`length` bytes of the open file `fd` from `start`: a run of parts a bulk file keeps."""

    fd: int
    start: int
    length: int


def stamp(path: Path | int) -> tuple[int, int, int]:
    """A file's inode, size and time, by its path or an open descriptor of it."""
    found = os.stat(path)
    return found.st_ino, found.st_size, found.st_mtime_ns


def content_key(data: bytes) -> str:
    return "=" + hashlib.blake2b(data, digest_size=20).hexdigest()
