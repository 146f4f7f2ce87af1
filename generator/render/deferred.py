"""Files made only when the docs do not already hold them: `write.stage` asks each for its
`key` and makes it (`make`) only where the docs folder's manifest has another."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Deferred:
    """A file made only if the docs do not already hold it under `key` (`manifest.Later`)."""

    key: str
    made: Callable[[], str]

    def make(self) -> str:
        return self.made()


@dataclass(frozen=True)
class Joined:
    """A file made of one part per transcript, in order (`manifest.Parts`): the parts whose keys
    the file already holds are taken from it, the others made."""

    parts: tuple[tuple[str, Callable[[], str]], ...]
    head: str = ""

    @property
    def key(self) -> str:
        return digest("joined", self.head, *(key for key, _ in self.parts))

    def make(self) -> str:
        return self.head + "".join(made() for _, made in self.parts)


def digest(*parts: str) -> str:
    """A digest of strings, each length-prefixed: no two lists of parts give the same bytes."""
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()
