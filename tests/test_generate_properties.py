"""Property test of the whole `generate` command: random bytes as a transcript, random
sidecars and random edits of a published transcript and of the anchor ledger. Whatever it is given, it exits 0 or
says what is wrong as `path:line: message` lines, never with a traceback, and the last good
pages stay: a run that stops changes nothing at all, and whatever is done to a transcript or
its sidecar, every published transcript keeps its page and every published anchor."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.read import SIDECAR
from tests.conftest import SAMPLES

DOORSTEP = "2025-02-13-doorstep-statement"
PRE = "2024-12-03-pre-ministerial-press-conference"
PAGES = {DOORSTEP: f"transcripts/2025/{DOORSTEP}.md", PRE: f"transcripts/2024/{PRE}.md"}
ANCHORS = {DOORSTEP: 5, PRE: 12}

# A problem as the command says it: a path, maybe a line, a message; or its closing summary.
PROBLEM_LINE = r"(?:stopped: .+|[^\n:]+(?::\d+)?: .+)"

VALUES = st.one_of(st.text(max_size=30), st.integers(), st.none(), st.booleans(), st.dates().map(str),
                   st.lists(st.text(max_size=10), max_size=3), st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2))
SIDECARS = st.one_of(
    st.dictionaries(st.sampled_from([*SIDECAR, "bogus", "date"]), VALUES, max_size=4).map(
        lambda d: yaml.safe_dump(d, allow_unicode=True)),
    st.text(max_size=200),
    st.sampled_from(["title: &a x\nsubtitle: *a\n", "title: !!python/object:os.system x\n", "[unclosed\n", "- a\n"]),
)


@st.composite
def edits(draw, name: str, typical: list[str]) -> str:
    """An edit of the published file `name`: a span of its lines replaced by random lines."""
    lines = (SAMPLES / name).read_text(encoding="utf-8").split("\n")
    start = draw(st.integers(0, len(lines)))
    end = draw(st.integers(start, min(len(lines), start + 12)))
    new = draw(st.lists(st.one_of(st.text(max_size=60), st.sampled_from(typical)), max_size=4))
    return "\n".join(lines[:start] + new + lines[end:])


CHANGES = st.one_of(
    st.tuples(st.just("2025-03-01-random.txt"), st.binary(max_size=300).map(bytes)),
    st.tuples(st.just(f"{DOORSTEP}.yml"), SIDECARS.map(str.encode)),
    st.tuples(st.just(f"{DOORSTEP}.txt"), edits(f"{DOORSTEP}.txt", ["Question:", "NATO Secretary General Rutte:", ""]
                                                ).map(str.encode)),
    st.tuples(st.just("anchors.yml"), edits("anchors.yml", ["notes: {}", "  q9: {}", '    title: "x"', "- [a]"]
                                            ).map(str.encode)),
)


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The sample transcripts, generated once: the last good pages and their cache, which
    every example starts from."""
    root = tmp_path_factory.mktemp("published")
    shutil.copytree(SAMPLES, root / "base/in")
    result = _generate(root / "base")
    assert result.exit_code == 0, result.output
    return root


def _generate(root: Path):
    args = ["generate", "--input", str(root / "in"), "--docs", str(root / "docs"), "--cache", str(root / "cache"),
            "--config", str(root / "none.yml")]
    return CliRunner().invoke(main, args, catch_exceptions=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(change=CHANGES)
def test_generate_exits_0_or_says_where_and_keeps_the_last_good_pages(published: Path, change):
    root = published / "run"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(published / "base", root)
    folder = root / "in"
    name, value = change
    (folder / name).write_bytes(value)
    before = _tree(root / "docs")
    result = _generate(root)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1), result.output
    if result.exit_code:
        problems = [line for line in result.stderr.splitlines() if not line.startswith("  ")]
        assert problems and all(re.fullmatch(PROBLEM_LINE, line) for line in problems), result.stderr
        assert any(":" in line and not line.startswith("stopped:") for line in problems), result.stderr
    if "nothing was written or changed" in result.stderr:
        assert _tree(root / "docs") == before
    if name == "anchors.yml":
        return  # an accepted hand edit of the ledger is what is published: `--frozen` is what refuses one in CI
    for stem, page in PAGES.items():
        text = (root / "docs" / page).read_text(encoding="utf-8")
        for n in range(1, ANCHORS[stem] + 1):  # an exchange, or the note saying it was removed
            assert re.search(rf'\{{#q{n}[ }}]|id="q{n}"', text), (stem, n, result.stderr)
