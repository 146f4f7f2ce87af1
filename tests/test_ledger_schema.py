"""The anchor ledger read against its schema: unknown keys are errors at their line, under
--frozen too, and YAML's aliases, anchors and tags are refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import ledger
from generator.errors import InputError
from tests.conftest import SAMPLES
from tests.test_cli import run

WRITTEN = (SAMPLES / ledger.LEDGER).read_text(encoding="utf-8")


def _problems(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / ledger.LEDGER).write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        ledger.load(tmp_path)
    return [str(p).removeprefix(f"{tmp_path}/") for p in raised.value.problems]


def _line(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def test_the_ledger_as_written_is_read_as_before(tmp_path):
    (tmp_path / ledger.LEDGER).write_text(WRITTEN, encoding="utf-8")
    assert ledger.dumps(ledger.load(tmp_path)) == WRITTEN


def test_an_unknown_section_is_an_error_at_its_line(tmp_path):
    text = WRITTEN + 'notes:\n  "a": "remember to check q3"\n'
    assert _problems(tmp_path, text) == [
        f"anchors.yml:{_line(text, 'notes:')}: unknown key 'notes' in the ledger (did you mean 'outlets'? known keys: outlets, speakers, "
        "transcripts): restore the ledger from version control, or run `python -m generator generate` to write it again"
    ]


def test_an_unknown_field_of_a_transcript_is_an_error_at_its_line(tmp_path):
    text = WRITTEN.replace('    title: "Doorstep statement"\n', '    title: "Doorstep statement"\n    titel: "Doorstep"\n')
    [problem] = _problems(tmp_path, text)
    assert problem.startswith(f"anchors.yml:{_line(text, '    titel')}: unknown key 'titel' in a published transcript "
                              "(did you mean 'title'? ")


def test_an_unknown_field_of_a_fingerprint_or_a_page_is_an_error_at_its_line(tmp_path):
    text = WRITTEN.replace('q2: {"answers"', 'q2: {"colour": "red", "answers"', 1)
    text = text.replace('"adam-parsons": "Adam Parsons"', '"adam-parsons": {"name": "Adam Parsons", "mvoed": "x"}')
    problems = _problems(tmp_path, text)
    lines = _line(text, '      q2: {"colour'), _line(text, '  "adam-parsons"')
    assert [p.split(": unknown key ")[0] for p in problems] == [f"anchors.yml:{n}" for n in lines]
    assert "'colour' in an anchor's fingerprint" in problems[0] and "did you mean 'moved'?" in problems[1]


@pytest.mark.parametrize(("text", "message"), [
    ("transcripts: &all {}\nspeakers: *all\noutlets: {}\n", "anchors.yml:1: an anchor (&all) is refused in the ledger"),
    ('transcripts: {}\nspeakers:\n  "a": !!python/object:os.system "x"\n', "anchors.yml:3: a tag (tag:yaml.org,2002:python/object:os.system) is refused"),
    ("transcripts: {}\nspeakers: !!map {}\n", "anchors.yml:2: a tag (tag:yaml.org,2002:map) is refused"),
])
def test_aliases_anchors_and_tags_are_refused(tmp_path, text, message):
    assert _problems(tmp_path, text)[0].startswith(message)


def test_a_billion_laughs_is_refused_at_once(tmp_path):
    lines = ['a0: &a0 "lol"'] + [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    problems = _problems(tmp_path, "\n".join(lines) + "\n")
    assert problems[0].startswith("anchors.yml:1: an anchor (&a0) is refused")


def test_a_wrong_shape_is_an_error_at_its_line(tmp_path):
    text = 'transcripts:\n  "x":\n    source: ["x.txt"]\n    url: "transcripts/2024/x/"\n    anchors: {}\n'
    assert _problems(tmp_path, text)[0].startswith("anchors.yml:3: expected a single value here")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    from tests.conftest import make_project

    return make_project(tmp_path_factory.mktemp("ledger-schema"))


@pytest.mark.parametrize("frozen", [False, True])
def test_generate_refuses_an_unknown_key_under_frozen_too_and_leaves_the_ledger(project, frozen):
    text = WRITTEN + "extra: {}\n"
    (project / "transcripts" / ledger.LEDGER).write_text(text, encoding="utf-8")
    result = run(project, "generate", *(["--frozen"] if frozen else []))
    assert result.returncode == 1
    assert result.stderr.startswith(f"transcripts/anchors.yml:{_line(text, 'extra:')}: unknown key 'extra' in the ledger")
    assert "Traceback" not in result.stderr
    assert (project / "transcripts" / ledger.LEDGER).read_text(encoding="utf-8") == text
    shutil.copy(SAMPLES / ledger.LEDGER, project / "transcripts" / ledger.LEDGER)
