"""Each transcript's own renderings made ahead on every core (`render.ahead`): the files of
one process, the memo filled as one process fills it, and no fork where it is not safe."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from generator import cores
from generator.cache import Cache
from generator.pipeline import load_corpus
from generator.packing import unpack
from generator.render import BULK, OWN, NoMemo, _own, ahead, render_site

REAL = Path(__file__).parent / "real" / "state"


@pytest.fixture(scope="module")
def transcripts():
    return load_corpus(REAL).transcripts


@pytest.fixture
def forked(monkeypatch) -> list[object]:
    """What `made_ahead` returned in each call, from two transcripts on, on two cores."""
    returned: list[object] = []
    real = ahead.made_ahead

    def spied(*args):
        returned.append(real(*args))
        return returned[-1]

    monkeypatch.setattr(ahead, "PARALLEL_FROM", 2)
    monkeypatch.setattr(cores, "count", lambda: 2)
    monkeypatch.setattr(ahead, "made_ahead", spied)
    return returned


def _one_process(transcripts, memo=NoMemo()) -> dict[str, str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cores, "count", lambda: 1)
        return render_site(transcripts, memo)


def test_made_on_every_core_the_files_are_those_of_one_process(transcripts, forked):
    assert len(transcripts) > 2
    assert render_site(transcripts) == _one_process(transcripts)
    assert isinstance(forked[0], ahead.Ahead) and isinstance(forked[1], NoMemo)  # forked, then not


def test_workers_renewed_after_every_chunk_make_the_files_of_one_process(transcripts, forked, monkeypatch):
    """A worker is replaced after `RENEWED_AFTER` chunks (its copied pages given back): the
    renderings still come back in order, whoever made them."""
    monkeypatch.setattr(ahead, "RENEWED_AFTER", 1)
    assert len(transcripts) > 2 * 4  # more chunks of four than workers: each is renewed
    assert render_site(transcripts) == _one_process(transcripts)
    assert isinstance(forked[0], ahead.Ahead)


def test_what_is_made_ahead_is_kept_in_the_cache_and_not_made_again(transcripts, forked, tmp_path):
    cache = Cache(tmp_path / "cache")
    corpus = load_corpus(REAL, cache=cache)
    files = render_site(corpus.transcripts, cache)
    assert isinstance(forked[-1], ahead.Ahead)
    assert all(cache.get(t, OWN) is not None and cache.get(t, BULK) is not None for t in forked[-1].transcripts)
    first = forked[-1].transcripts[0]
    assert unpack(cache.get(first, OWN)) == _own(first, "")  # held packed, as one process makes it
    cache.save({t.source.stem for t in corpus.transcripts})
    assert files == _one_process(load_corpus(REAL).transcripts)
    again = Cache(tmp_path / "cache")
    assert render_site(load_corpus(REAL, cache=again).transcripts, again) == files
    assert forked[-1] is again  # every rendering kept: nothing made ahead


def test_no_fork_beside_another_thread(transcripts, forked):
    done = threading.Event()
    waiting = threading.Thread(target=done.wait)
    waiting.start()
    try:
        memo = NoMemo()
        assert ahead.made_ahead(transcripts, memo, {OWN: lambda t: t.id}) is memo
    finally:
        done.set()
        waiting.join()
