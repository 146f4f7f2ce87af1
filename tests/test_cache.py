"""The cache between runs: the same output as without it, and nothing stale ever used."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import pipeline
from generator.cache import Cache, _file_name
from generator.pipeline import load_corpus
from generator.registry import Registry
from generator.render import render_site
from tests.conftest import SAMPLES

DOORSTEP = "2025-02-13-doorstep-statement"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLES, tmp_path / "in")
    return tmp_path / "in"


def _generate(folder: Path, cache: Cache | None) -> dict[str, str]:
    corpus = load_corpus(folder, cache=cache)
    files = render_site(corpus.transcripts, cache) if cache else render_site(corpus.transcripts)
    if cache:
        cache.save({t.source.stem for t in corpus.transcripts})
    return files


def _counting_reads(monkeypatch) -> list[str]:
    read: list[str] = []
    real = pipeline.load_transcript

    def counted(path: Path, registry: Registry):
        read.append(path.stem)
        return real(path, registry)

    monkeypatch.setattr(pipeline, "load_transcript", counted)
    return read


def test_cached_output_is_the_output_without_a_cache(folder, tmp_path):
    fresh = _generate(folder, None)
    assert _generate(folder, Cache(tmp_path / "cache")) == fresh
    assert _generate(folder, Cache(tmp_path / "cache")) == fresh  # now from the cache


def test_only_the_edited_transcript_is_read_again(folder, tmp_path, monkeypatch):
    _generate(folder, Cache(tmp_path / "cache"))
    source = folder / f"{DOORSTEP}.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("Good morning", "Good afternoon"), encoding="utf-8")
    read = _counting_reads(monkeypatch)
    files = _generate(folder, Cache(tmp_path / "cache"))
    assert read == [DOORSTEP]
    assert "Good afternoon" in files[f"transcripts/2025/{DOORSTEP}.md"]


@pytest.mark.parametrize("change", ["sidecar", "registry", "code"])
def test_what_a_reading_depends_on_invalidates_it(folder, tmp_path, monkeypatch, change):
    _generate(folder, Cache(tmp_path / "cache"))
    cache = Cache(tmp_path / "cache")
    if change == "sidecar":
        (folder / f"{DOORSTEP}.yml").write_text("kind: Doorstep\nlocation: Mons\n", encoding="utf-8")
    elif change == "registry":
        with (folder / "speakers.yml").open("a", encoding="utf-8") as registry:
            registry.write("  - name: Sky News\n")
    else:
        cache.code = "another version of the generator"
    read = _counting_reads(monkeypatch)
    files = _generate(folder, cache)
    assert sorted(read) == ([DOORSTEP] if change == "sidecar" else sorted(p.stem for p in folder.glob("*.txt")))
    assert files == _generate(folder, None)


def test_a_neighbours_new_title_renders_the_page_again(folder, tmp_path):
    _generate(folder, Cache(tmp_path / "cache"))
    (folder / f"{DOORSTEP}.yml").write_text("title: A corrected title\nkind: Doorstep\n", encoding="utf-8")
    files = _generate(folder, Cache(tmp_path / "cache"))
    assert "A corrected title" in files["transcripts/2024/2024-12-03-pre-ministerial-press-conference.md"]


def test_an_unreadable_cache_is_a_miss_and_a_gone_source_leaves_it(folder, tmp_path):
    cache_dir = tmp_path / "cache"
    _generate(folder, Cache(cache_dir))
    (cache_dir / _file_name(DOORSTEP)).write_bytes(b"not a pickle")
    assert _generate(folder, Cache(cache_dir)) == _generate(folder, None)
    (folder / f"{DOORSTEP}.txt").unlink()
    (folder / f"{DOORSTEP}.yml").unlink()
    (cache_dir / "0123456789abcdef0123456789abcdef.parsed").write_bytes(b"an older version's parsed ledger")
    _generate(folder, Cache(cache_dir))
    kept = _file_name("2024-12-03-pre-ministerial-press-conference")
    assert [p.name for p in cache_dir.glob("*.pickle")] == [kept]
    assert [p.name for p in cache_dir.glob("*.rendered")] == [kept.replace(".pickle", ".rendered")]
    assert not list(cache_dir.glob("*.parsed"))



def test_a_cache_file_name_is_short_whatever_the_transcript_is_called(folder, tmp_path):
    long = folder / ("2025-02-13-" + "a-very-long-name-" * 14 + "é.txt")  # 250 bytes: too long with a suffix added
    (folder / f"{DOORSTEP}.txt").rename(long)
    (folder / f"{DOORSTEP}.yml").rename(long.with_suffix(".yml"))
    assert len(long.name.encode()) >= 250
    cache_dir = tmp_path / "cache"
    files = _generate(folder, Cache(cache_dir))
    assert sorted(len(p.name) for p in cache_dir.glob("*.pickle")) == [39, 39]  # 32 hex digits and .pickle
    assert _generate(folder, Cache(cache_dir)) == files


def test_one_entry_that_cannot_be_written_is_reported_and_the_rest_are_written(folder, tmp_path, capsys):
    first = "2024-12-03-pre-ministerial-press-conference"  # written first: the others sort after it
    cache_dir = tmp_path / "cache"
    (cache_dir / _file_name(first)).mkdir(parents=True)  # a folder where its file goes: it cannot be replaced
    (cache_dir / _file_name(first) / "in-the-way").write_text("x")
    _generate(folder, Cache(cache_dir))
    warning = capsys.readouterr().err
    assert f"{cache_dir / _file_name(first)}: warning: not cached" in warning
    assert f"the next run reads {first} again" in warning
    assert (cache_dir / _file_name(DOORSTEP)).is_file()
    assert (cache_dir / "related.shared").is_file()


def _docs(root: Path) -> dict[str, bytes]:
    from generator.render.paths import GENERATED

    return {p.relative_to(root).as_posix(): p.read_bytes() for top in GENERATED
            for p in ((root / top).rglob("*") if (root / top).is_dir() else [root / top]) if p.is_file()}


def _edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("spoil", ["nothing", "manifest", "docs", "cache"])
def test_a_warm_generate_after_an_edit_gives_the_docs_of_a_cold_one(project, spoil):
    """The docs manifest and the cache spare the work of files unchanged since the last run;
    the docs are still those of a cold run, whatever was done to the manifest, the docs or
    the cache in between."""
    from generator.cache import MANIFEST
    from tests.test_cli import run

    assert run(project, "generate").returncode == 0
    _edit(project / "transcripts" / f"{DOORSTEP}.txt", "Good morning", "Good afternoon")
    cache = project / ".podium-cache"
    page = project / "docs" / "transcripts" / "2025" / f"{DOORSTEP}.md"
    if spoil == "manifest":
        (cache / MANIFEST).write_bytes(b"not a pickle")
    elif spoil == "docs":  # a generated file edited by hand, and one taken away: both put back
        (project / "docs" / "api" / "exchanges.csv").write_text("edited", encoding="utf-8")
        (project / "docs" / "speakers" / "index.md").unlink()
    elif spoil == "cache":
        for path in cache.glob("*.pickle"):
            path.write_bytes(b"\0")
    result = run(project, "generate")
    assert result.returncode == 0, result.stderr
    assert "Good afternoon" in page.read_text(encoding="utf-8")
    warm = _docs(project / "docs")
    result = run(project, "generate", "--no-cache", "--frozen", "--docs", "cold")
    assert result.returncode == 0, result.stderr
    assert warm == _docs(project / "cold")


def test_a_reading_key_is_taken_from_the_files_stamps_only_while_they_are_unchanged(folder, tmp_path):
    """An unchanged text is not hashed again; one changed is, even with its size and
    modification time put back as they were (its inode's change time tells)."""
    import os
    import time

    source = folder / f"{DOORSTEP}.txt"
    time.sleep(2.1)  # older than a tick of the clock when first hashed: its stamps are kept
    first = Cache(tmp_path / "cache")
    key = first.reading_key(source, b"registry")
    first.save({DOORSTEP})
    again = Cache(tmp_path / "cache")
    assert again.reading_key(source, b"registry") == key
    assert again._keys()[str(source)][0] is not None
    assert again.reading_key(source, b"another registry") != key
    before = os.stat(source)
    text = source.read_bytes()
    source.write_bytes(text.replace(b"Good morning", b"Good mornine", 1))
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(source).st_size == before.st_size and os.stat(source).st_mtime_ns == before.st_mtime_ns
    assert Cache(tmp_path / "cache").reading_key(source, b"registry") != key


def _ledger_run(project: Path, day: str, *options: str) -> bytes:
    import os
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "generator", "generate", *options], cwd=project, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "SOURCE_DATE_EPOCH": day})
    assert done.returncode == 0, done.stderr
    return (project / "transcripts" / "anchors.yml").read_bytes()


def test_an_alignment_remembered_with_the_reading_is_the_alignment_made_again(project, tmp_path):
    """The cache keeps how each reading was aligned to its ledger entry: a warm run gives
    the ledger and the docs of a cold one, also where a question was removed (the day of the
    removal is written in the ledger) and on a later day."""
    first, later = "1739404800", "1739577600"  # 13 and 15 February 2025
    _ledger_run(project, first)
    source = project / "transcripts" / f"{DOORSTEP}.txt"
    text = source.read_text(encoding="utf-8")
    asked = text.index("Question:\nThings have changed here.")
    source.write_text(text[:asked] + text[text.index("This Alliance is a family,"):], encoding="utf-8")  # q2 taken out
    cold = tmp_path / "cold"
    shutil.copytree(project, cold, ignore=shutil.ignore_patterns(".podium-cache"))
    for day in (first, first, later):  # the removal aligned, then remembered, then on another day
        assert _ledger_run(project, day) == _ledger_run(cold, day, "--no-cache")
        assert _docs(project / "docs") == _docs(cold / "docs")
    assert b"removed" in (project / "transcripts" / "anchors.yml").read_bytes()


def test_a_ledger_the_run_leaves_as_it_was_is_not_written_again(project):
    """Nothing changed: the ledger keeps its bytes and its time, even laid out by hand."""
    ledger_file = project / "transcripts" / "anchors.yml"
    _ledger_run(project, "1739404800")
    ledger_file.write_bytes(b"# laid out by hand\n" + ledger_file.read_bytes())
    stamp = ledger_file.stat().st_mtime_ns
    _ledger_run(project, "1739404800")
    assert ledger_file.read_bytes().startswith(b"# laid out by hand\n")
    assert ledger_file.stat().st_mtime_ns == stamp


def test_a_remembered_removal_is_dated_on_the_day_of_the_run(folder):
    """A question taken out is removed on the run's day: a reading aligned the same way on
    another day (the ledger not written since, as in a preview) is aligned again, not
    remembered with the first day's date."""
    import dataclasses
    import datetime

    from generator import ledger
    from generator.generate import _aligner

    class Kept:
        def __init__(self):
            self.values = {}

        def get(self, t, kind):
            return self.values.get(kind)

        def put(self, t, kind, value):
            self.values[kind] = value

    t = next(t for t in load_corpus(folder).transcripts if t.source.stem == DOORSTEP)
    fresh = ledger.Entry(t.source.name, t.url, t.meta.title)
    _, entry, _ = ledger.align(fresh, t, datetime.date(2025, 2, 13), True)
    shorter = dataclasses.replace(t, exchanges=t.exchanges[:1] + t.exchanges[2:])
    aligns, prints = _aligner(Kept()), ledger.fingerprints(shorter)
    for day in (datetime.date(2025, 2, 13), datetime.date(2025, 2, 13), datetime.date(2025, 2, 15)):
        made = aligns(entry, shorter, day, False, prints)
        assert made == ledger.align(entry, shorter, day, False, prints)
        assert day in {m.removed for m in made[1].marks}


def test_near_misses_remembered_until_the_registry_or_a_name_changes(folder, tmp_path):
    """The verdicts on new spellings are kept between runs: the same warnings while neither
    the registry nor the names written change; matched again once one of them does."""
    from generator.suggest import near_misses

    registry = folder / "speakers.yml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("aliases: [Retuers]", "aliases: []"), encoding="utf-8")

    def warned() -> list[str]:
        corpus = load_corpus(folder, cache=(cache := Cache(tmp_path / "cache")))
        cache.save({t.source.stem for t in corpus.transcripts})
        return [w.message for w in corpus.warnings if "looks like" in w.message]

    expected = ["'Retuers' looks like outlet 'Reuters': add it as an alias in speakers.yml"]
    assert warned() == expected and warned() == expected  # made, then remembered
    assert near_misses(load_corpus(folder).transcripts, load_corpus(folder).registry, {"key": "another", "verdicts": []})
    registry.write_text(registry.read_text(encoding="utf-8").replace("aliases: []", "aliases: [Retuers]", 1), encoding="utf-8")
    assert warned() == []
    source = folder / "2024-12-03-pre-ministerial-press-conference.txt"
    _edit(source, "Retuers", "Reutrs")
    assert warned() == ["'Reutrs' looks like outlet 'Reuters': add it as an alias in speakers.yml"]  # a new name


@pytest.mark.parametrize("first", ["in", "absolute"])
def test_the_input_folder_however_spelt_is_read_once(folder, tmp_path, monkeypatch, first):
    """`--input` given as `in`, `./in/`, `../<here>/in` or its absolute path is one folder to
    the cache (the run names it relative to the working directory where it is under it):
    switching between them reads nothing again."""
    from click.testing import CliRunner

    from generator.cli import main
    from tests.conftest import ROOT

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def generate(spelt: str) -> None:
        result = runner.invoke(main, ["generate", "--input", spelt, "--docs", "docs", "--cache", "cache",
                                      "--config", str(ROOT / "mkdocs.yml")])
        assert result.exit_code == 0, result.output

    generate(str(folder) if first == "absolute" else "in")
    read = _counting_reads(monkeypatch)
    for spelt in ("in", "./in/", f"../{tmp_path.name}/in", str(folder)):
        generate(spelt)
    assert read == []


def test_an_input_folder_outside_the_working_directory_is_named_by_its_absolute_path(tmp_path, monkeypatch):
    from generator.cli import _input_folder

    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    assert _input_folder(None, None, Path("transcripts")) == Path("transcripts")
    assert _input_folder(None, None, tmp_path / "here" / "transcripts") == Path("transcripts")
    assert _input_folder(None, None, Path("../elsewhere/transcripts")) == tmp_path / "elsewhere" / "transcripts"
    assert _input_folder(None, None, tmp_path / "here") == Path(".")
