"""A run that reads only what changed (`generate`'s spliced path: the index of the last run,
the ledger's entries spliced, the unchanged transcripts' readings left unloaded) gives the
docs and the ledger a run from nothing gives, whatever changed: a text edited, a question
added or taken out, a title, a date, a new transcript, a removed one, a ledger edited by
hand, the cache spoiled."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from generator import generate as flow
from generator import ledger
from generator.cache import Cache
from generator.render.paths import GENERATED
from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "corpus"
SITE = "https://example.org/"


def _docs(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for top in GENERATED
            for p in ((root / top).rglob("*") if (root / top).is_dir() else [root / top]) if p.is_file()}


def _generate(folder: Path, docs: Path, cache: Cache | None, frozen: bool = False) -> flow.Generated:
    generated = flow.stage_docs(folder, docs, frozen, cache, SITE)
    flow.finish(generated, folder, docs, frozen, cache)
    return generated


def _same_as_from_nothing(folder: Path, tmp: Path, warm: Path) -> None:
    cold = tmp / "cold"
    shutil.rmtree(cold, ignore_errors=True)
    _generate(folder, cold, None, frozen=True)  # the ledger the warm run wrote: a cold run changes nothing in it
    assert _docs(warm) == _docs(cold)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copytree(CORPUS, tmp_path / "in", ignore=shutil.ignore_patterns("expected", "golden", "README.md"))
    return tmp_path / "in"


def _edit(path: Path, rng: random.Random) -> None:
    lines = path.read_text(encoding="latin-1").split("\n")
    long = [n for n, line in enumerate(lines) if len(line) > 80]
    n = rng.choice(long)
    lines[n] = lines[n].replace(".", ". That much is clear.", 1)
    path.write_text("\n".join(lines), encoding="latin-1")


def _retitle(path: Path, rng: random.Random) -> None:
    sidecar = path.with_suffix(".yml")
    text = sidecar.read_text(encoding="utf-8") if sidecar.is_file() else ""
    text = re.sub(r"(?m)^title:.*\n?", "", text)
    sidecar.write_text(text + f"title: Retitled {rng.randint(0, 999)}\n", encoding="utf-8")


def _copy(path: Path, rng: random.Random) -> None:
    year = rng.randint(2019, 2026)
    shutil.copy(path, path.with_name(f"{year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}-copy-{rng.randint(0, 999)}.txt"))


def _question(path: Path, rng: random.Random) -> None:
    text = path.read_text(encoding="latin-1")
    cut = text.rfind("\n\n", 0, len(text) * 2 // 3)
    path.write_text(text[:cut] + "\n\nQuestion: And on the budget, Secretary General, what comes next?\n" + text[cut:],
                    encoding="latin-1")


CHANGES = [_edit, _retitle, _copy, _question]


@pytest.mark.parametrize("seed", [1, 2])
def test_runs_after_edits_and_new_transcripts_give_the_docs_of_a_run_from_nothing(folder, tmp_path, seed, monkeypatch):
    rng = random.Random(seed)
    cache, docs = tmp_path / "cache", tmp_path / "docs"
    _generate(folder, docs, Cache(cache, SITE))
    read_back = []
    real = Cache.read_back
    monkeypatch.setattr(Cache, "read_back", lambda self, stem: read_back.append(stem) or real(self, stem))
    for step in range(4):
        for _ in range(rng.randint(1, 2)):
            rng.choice(CHANGES)(rng.choice(sorted(folder.glob("*.txt"))), rng)
        read_back.clear()
        generated = _generate(folder, docs, Cache(cache, SITE))
        assert generated.published.spliced, step  # only what changed was aligned
        assert len(read_back) < len(list(folder.glob("*.txt"))), step
        _same_as_from_nothing(folder, tmp_path, docs)


@pytest.mark.parametrize("what", ["removed", "ledger edited", "cache spoiled", "frozen"])
def test_what_the_splice_does_not_make_is_made_from_every_reading(folder, tmp_path, what):
    cache, docs = tmp_path / "cache", tmp_path / "docs"
    _generate(folder, docs, Cache(cache, SITE))
    sources = sorted(folder.glob("*.txt"))
    _edit(sources[3], random.Random(0))
    if what == "removed":
        sources[5].unlink()
        sources[5].with_suffix(".yml").unlink(missing_ok=True)
    elif what == "ledger edited":
        path = folder / ledger.LEDGER
        path.write_text(path.read_text(encoding="latin-1").replace("title:", "title: ", 1), encoding="utf-8")
    elif what == "cache spoiled":
        for path in cache.glob("*.pickle"):
            path.write_bytes(b"\0")
    if what == "frozen":  # a new title moves no anchor: --frozen publishes it, and leaves the ledger as it was
        _retitle(sources[7], random.Random(0))
        _generate(folder, docs, Cache(cache, SITE), frozen=True)
        assert "retitled" not in (folder / ledger.LEDGER).read_text(encoding="utf-8").lower()
    generated = _generate(folder, docs, Cache(cache, SITE))
    assert generated.published.spliced == (what == "frozen")
    _same_as_from_nothing(folder, tmp_path, docs)


def test_a_preview_leaves_the_next_run_to_align_what_it_did_not_write(folder, tmp_path):
    """`serve` aligns an edit but writes no ledger: the next `generate` writes it."""
    cache, docs = tmp_path / "cache", tmp_path / "docs"
    _generate(folder, docs, Cache(cache, SITE))
    source = sorted(folder.glob("*.txt"))[2]
    _question(source, random.Random(1))
    before = (folder / ledger.LEDGER).read_text(encoding="utf-8")
    flow.regenerate(folder, docs, Cache(cache, SITE), SITE)
    assert (folder / ledger.LEDGER).read_text(encoding="utf-8") == before
    _generate(folder, docs, Cache(cache, SITE))
    assert (folder / ledger.LEDGER).read_text(encoding="utf-8") != before
    _same_as_from_nothing(folder, tmp_path, docs)


def test_after_a_first_run_the_next_stages_only_what_it_changes(folder, tmp_path, monkeypatch):
    """The first run leaves the spare part beside the docs holding them (hard links; the
    bulk files copied), and recorded: the run after an edit links no file of the docs
    again, and rewrites the bulk files' spare copies in place."""
    from generator import linking
    from generator.cache import MANIFEST
    from generator.manifest import Manifest
    from generator.write import _spare

    cache, docs = tmp_path / "cache", tmp_path / "docs"
    _generate(folder, docs, Cache(cache, SITE))
    manifest = Manifest.load(cache / MANIFEST, docs)
    assert manifest.spare is not None and manifest.layouts and set(manifest.spare_parts) == set(manifest.layouts)
    for name in manifest.layouts:
        assert (_spare(docs) / name).stat().st_nlink == 1 and (docs / name).stat().st_nlink == 1
    linked, kept = [], []
    real, prefix = linking._put, Manifest.kept_prefix
    monkeypatch.setattr(linking, "_put", lambda *args: linked.append(args[2]) or real(*args))
    monkeypatch.setattr(Manifest, "kept_prefix", lambda *args: kept.append(prefix(*args)) or kept[-1])
    _edit(sorted(folder.glob("*.txt"))[4], random.Random(3))
    generated = _generate(folder, docs, Cache(cache, SITE))
    assert generated.published.spliced and generated.report.written and linked == []
    assert len(kept) == len(manifest.layouts) and None not in kept
    _same_as_from_nothing(folder, tmp_path, docs)
