"""Texts held packed while a run needs them later: pickled (a text as UTF-8, not Python's
two bytes a character once one is not Latin-1) and compressed with LZ4, which packs and
unpacks a page's text in a tenth of a millisecond. At 10,000 transcripts the renderings a
run keeps are 4 GB held as text and 0.4 GB packed, and the raw texts 0.6 GB and 0.1 GB."""

from __future__ import annotations

import pickle
from typing import Any

import lz4.block


def pack(value: Any) -> bytes:
    return lz4.block.compress(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))


def unpack(packed: bytes) -> Any:
    return pickle.loads(lz4.block.decompress(packed))
