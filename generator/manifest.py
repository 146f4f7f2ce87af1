"""What the last run wrote in the docs folder (`Manifest`), and the contents `write.stage`
is given: a file's text, or how to make it under a key (`Later`, `Parts`)."""

from __future__ import annotations

import contextlib
import hashlib
import mmap
import os
import pickle
from collections.abc import Callable, Iterator
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


class Manifest:
    """What the last run wrote in the owned part of a docs folder: per file, the key of its
    content and the file's inode, size and modification time as written. A file whose entry
    matches both is that content without reading it back; any other is compared or written.
    Derived data, kept with the cache: a missing or foreign manifest only costs the reads."""

    def __init__(self, root: Path, files: dict[str, tuple[str, int, int, int]] | None = None,
                 layouts: dict[str, dict[str, tuple[int, int]]] | None = None):
        self.root = str(root.resolve())
        self.files = files or {}
        self.layouts = layouts or {}  # a file of `Parts`: each part's key -> its offset and length

    @classmethod
    def load(cls, path: Path, root: Path) -> Manifest:
        try:
            value = pickle.loads(path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return cls(root)
        ok = isinstance(value, dict) and value.get("root") == str(root.resolve()) and isinstance(value.get("files"), dict)
        return cls(root, value["files"], value.get("layouts")) if ok else cls(root)

    def dumps(self) -> bytes:
        return pickle.dumps({"root": self.root, "files": self.files, "layouts": self.layouts}, pickle.HIGHEST_PROTOCOL)

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

    def spliced(self, root: Path, name: str, content: Parts) -> Iterator[bytes]:
        """The bytes of a file of parts, chunk by chunk (a bulk file of 10,000 transcripts is
        300 MB): those `root/name` holds as written last, taken from it; the others made.
        Its new layout is noted once the last chunk is given."""
        known, layout = self.files.get(name), self.layouts.get(name)
        with contextlib.ExitStack() as opened:
            old = None
            if known is not None and layout is not None and self.holds(root, name, known[0]):
                handle = opened.enter_context(open(root / name, "rb"))
                if os.fstat(handle.fileno()).st_size:  # an empty file cannot be mapped
                    old = opened.enter_context(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
            head = content.head.encode("utf-8")
            offsets, at = {}, len(head)
            yield head
            for key, made in content.parts:
                start, length = layout.get(key, (0, -1)) if old is not None else (0, -1)
                data = old[start:start + length] if length >= 0 else made().encode("utf-8")
                yield data
                offsets[key] = (at, len(data))
                at += len(data)
        self.layouts[name] = offsets


def stamp(path: Path) -> tuple[int, int, int]:
    found = path.stat()
    return found.st_ino, found.st_size, found.st_mtime_ns


def content_key(data: bytes) -> str:
    return "=" + hashlib.blake2b(data, digest_size=20).hexdigest()
