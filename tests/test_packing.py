"""What a run holds packed until it writes it (`packing`): given back exactly as it was."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, strategies as st

from generator.packing import pack, unpack
from generator.pipeline import load_corpus
from generator.read import read_source

HOSTILE = Path(__file__).parent / "hostile"


@given(st.text())
def test_any_text_is_unpacked_as_it_was_packed(text):
    assert unpack(pack(text)) == text and unpack(pack((text, text))) == (text, text)


def test_a_lone_surrogate_and_the_empty_text_are_unpacked_as_they_were():
    for text in ("", "\udc80 half a pair", "emoji 🛰️ and “quotes”"):
        assert unpack(pack(text)) == text


def test_each_reading_holds_its_raw_text_packed_and_gives_it_back_as_read():
    for t in load_corpus(HOSTILE).transcripts:
        assert isinstance(t.raw, bytes) and t.text == read_source(t.source).text
        assert len(t.raw) < len(t.text.encode("utf-8", "surrogatepass")) + 64
