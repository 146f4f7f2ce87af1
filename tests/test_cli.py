"""The real command, run as users run it: exit status and exact messages."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

DOORSTEP = "transcripts/2025-02-13-doorstep-statement"


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def test_check_prints_what_it_found_per_transcript(project):
    result = run(project, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "transcripts/2024-12-03-pre-ministerial-press-conference.txt: 12 questions, 12 questioners, "
        "12 outlets, 1 answerer (Mark Rutte)\n"
        "transcripts/2025-02-13-doorstep-statement.txt: 5 questions, 0 questioners, 0 outlets, "
        "1 answerer (Mark Rutte)\n"
    )
    assert not (project / "docs" / "transcripts").exists()


def test_missing_input_folder(project):
    result = run(project, "generate", "--input", "nowhere")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "nowhere: input folder not found (set it with --input)\n"
        "stopped: 1 problem; nothing was written or changed\n"
    )


def test_unknown_sidecar_key_names_file_line_and_key(project):
    (project / f"{DOORSTEP}.yml").write_text("kind: Doorstep\nspeaker: Mark Rutte\n", encoding="utf-8")
    result = run(project, "generate")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"{DOORSTEP}.yml:2: unknown key 'speaker' "
        "(did you mean 'speakers'? known keys: corrected, date, kind, label_lines, language, location, source_url, speakers, "
            "subtitle, text_lines, title, topics, translation_of, video_start, video_url)"
    )


def test_wrong_type_in_sidecar(project):
    (project / f"{DOORSTEP}.yml").write_text("date: 13 February\n", encoding="utf-8")
    result = run(project, "check")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == f"{DOORSTEP}.yml:1: 'date' must be a date (YYYY-MM-DD)"


def test_a_transcript_that_cannot_be_read_is_reported_and_the_others_are_written(project):
    (project / "transcripts" / "2025-03-01-empty.txt").write_text(" \n\n", encoding="utf-8")
    result = run(project, "generate")
    assert result.returncode == 1
    assert result.stderr == (
        "transcripts/2025-03-01-empty.txt:1: empty transcript: there is no text to read\n"
        "stopped: 1 transcript that could not be read; the others were read and written\n"
    )
    assert (project / "docs/transcripts/2024/2024-12-03-pre-ministerial-press-conference.md").is_file()
    assert (project / "docs/transcripts/2025/2025-02-13-doorstep-statement.md").is_file()
    assert "2025-03-01-empty" not in (project / "transcripts/anchors.yml").read_text(encoding="utf-8")


def test_build_says_a_transcript_it_could_not_read_is_published_as_last_read(project):
    assert run(project, "build").returncode == 0
    (project / f"{DOORSTEP}.yml").write_text("date: not-a-date\n", encoding="utf-8")
    result = run(project, "build")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "stopped: 1 transcript that could not be read, 1 published as last read; the site was built")
    assert (project / "site/transcripts/2025/2025-02-13-doorstep-statement/index.html").is_file()


def test_strict_writes_nothing_when_a_transcript_cannot_be_read(project):
    (project / "transcripts" / "2025-03-01-empty.txt").write_text(" \n\n", encoding="utf-8")
    result = run(project, "generate", "--strict")
    assert result.returncode == 1
    assert result.stderr == (
        "transcripts/2025-03-01-empty.txt:1: empty transcript: there is no text to read\n"
        "stopped: 1 problem in strict mode; nothing was written or changed\n"
    )
    assert not (project / "docs/transcripts").exists()


def test_a_transcript_broken_after_publishing_keeps_its_last_good_pages(project):
    assert run(project, "generate").returncode == 0
    page = project / "docs/transcripts/2025/2025-02-13-doorstep-statement.md"
    before = page.read_bytes()
    (project / f"{DOORSTEP}.txt").write_bytes(b"\xff\xfe\x00")  # no longer text
    result = run(project, "generate")
    assert result.returncode == 1
    assert "1 published as last read" in result.stderr
    assert page.read_bytes() == before


def test_missing_date_says_where_to_put_it(project):
    sample = project / "transcripts" / "2024-12-03-pre-ministerial-press-conference"
    sample.with_suffix(".yml").unlink()
    sample.with_suffix(".txt").rename(project / "transcripts" / "pre-ministerial.txt")
    result = run(project, "check")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "transcripts/pre-ministerial.txt:1: no date in the text or file name: "
        "add 'date: YYYY-MM-DD' to pre-ministerial.yml"
    )


def test_every_problem_is_reported_at_once(project):
    (project / f"{DOORSTEP}.yml").write_text("colour: red\n", encoding="utf-8")
    (project / "transcripts" / "speakers.yml").write_text("people: [{nme: X}]\n", encoding="utf-8")
    result = run(project, "check")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[-1] == "stopped: 3 problems; nothing was written or changed"
    assert "transcripts/speakers.yml:1: unknown key 'nme' (did you mean 'name'? known keys: aliases, name, role)" in lines
    assert "transcripts/speakers.yml:1: missing key 'name': the canonical name readers see, 'Mark Rutte'" in lines


def test_bad_input_leaves_generated_pages_intact(project):
    assert run(project, "generate").returncode == 0
    before = {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}
    (project / f"{DOORSTEP}.yml").write_text("date: [oops\n", encoding="utf-8")
    result = run(project, "generate")
    assert result.returncode == 1
    assert result.stderr.startswith(f"{DOORSTEP}.yml:")
    after = {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}
    assert after == before


def test_generate_reports_what_it_wrote_and_is_deterministic(project):
    first = run(project, "generate")
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("generate: 2 transcripts, 17 questions; ")
    snapshot = {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}
    second = run(project, "generate")
    assert second.stdout.endswith("; 0 written, 0 removed, 88 unchanged in docs\n")
    assert {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()} == snapshot


def test_removed_transcript_leaves_a_withdrawn_note_and_no_stale_pages(project):
    assert run(project, "generate").returncode == 0
    (project / f"{DOORSTEP}.txt").unlink()
    (project / f"{DOORSTEP}.yml").unlink()
    result = run(project, "generate")
    assert result.returncode == 0, result.stderr
    assert "withdrawn: its file is gone" in result.stdout
    note = (project / "docs/transcripts/2025/2025-02-13-doorstep-statement.md").read_text(encoding="utf-8")
    assert "This transcript was withdrawn from the archive" in note
    assert all(f'id="q{n}"' in note for n in range(1, 6))  # its links land on the note
    assert [p.name for p in (project / "docs/transcripts/2025").iterdir()] == ["2025-02-13-doorstep-statement.md"]
    assert not (project / "docs/api/transcripts/2025-02-13-doorstep-statement.json").exists()
    assert (project / "docs/about.md").is_file()  # hand-written pages are never touched


def test_no_registry_still_reads_the_principal_from_the_subtitle(project):
    (project / "transcripts" / "speakers.yml").unlink()
    result = run(project, "check")
    assert result.returncode == 0, result.stderr
    assert "transcripts/2025-02-13-doorstep-statement.txt: 5 questions, 0 questioners, 0 outlets, 1 answerer (Mark Rutte)" in result.stdout


def test_two_files_with_the_same_id_are_refused(project):
    source = project / f"{DOORSTEP}.txt"
    (project / "transcripts" / "2025-02-13 Doorstep statement.txt").write_bytes(source.read_bytes())
    result = run(project, "check")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "transcripts/2025-02-13-doorstep-statement.txt: its id '2025-02-13-doorstep-statement' is already "
        "that of 2025-02-13 Doorstep statement.txt: rename one of them"
    )


def _drop_alias(project: Path, alias: str) -> None:
    registry = project / "transcripts" / "speakers.yml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(f"aliases: [{alias}]", "aliases: []"), encoding="utf-8")


def test_check_suggests_the_known_name_a_misspelling_looks_like(project):
    _drop_alias(project, "Retuers")
    result = run(project, "check")
    assert result.returncode == 0
    assert result.stderr == (
        "transcripts/2024-12-03-pre-ministerial-press-conference.txt:32: warning: 'Retuers' looks like outlet "
        "'Reuters': add it as an alias in speakers.yml\n"
    )
    strict = run(project, "check", "--strict")
    assert strict.returncode == 1
    assert strict.stderr.splitlines()[-1] == "stopped: 1 warning in strict mode; nothing was written or changed"


def test_check_json_gives_the_same_warnings(project):
    import json

    _drop_alias(project, "Retuers")
    found = json.loads(run(project, "check", "--json").stdout)["transcripts"][0]
    assert found["warnings"] == [{
        "path": "transcripts/2024-12-03-pre-ministerial-press-conference.txt", "line": 32,
        "message": "'Retuers' looks like outlet 'Reuters': add it as an alias in speakers.yml",
    }]
    assert found["removed"] == [{"line": 3, "text": "(As delivered)"}]


def test_suggest_registry_lists_new_names_with_their_spellings(project):
    (project / "transcripts" / "speakers.yml").unlink()
    result = run(project, "check", "--suggest-registry")
    assert result.returncode == 0
    import yaml

    suggested = yaml.safe_load(result.stdout)
    assert {"name": "Mark Rutte", "role": "NATO Secretary General"} in suggested["people"]
    assert {"name": "Retuers"} in suggested["outlets"]
    assert result.stdout.startswith("# New in the transcripts, not yet in speakers.yml")
    # Pasted into speakers.yml, the suggestion is a valid registry with nothing new left.
    (project / "transcripts" / "speakers.yml").write_text(result.stdout, encoding="utf-8")
    again = run(project, "check", "--suggest-registry")
    assert again.stdout == "# Nothing new: every person and outlet of the transcripts is in speakers.yml.\n"


def test_the_site_folder_may_not_be_the_input_or_hold_it(project):
    for site in ("transcripts", "."):
        result = run(project, "build", "--site", site)
        assert result.returncode == 1
        assert "refusing to build over this folder: --site must be a folder of its own" in result.stderr
    assert len(list((project / "transcripts").glob("*.txt"))) == 2


def test_a_cache_that_cannot_be_written_is_a_warning(project):
    (project / "blocked").write_text("a file where the cache folder would be", encoding="utf-8")
    result = run(project, "generate", "--cache", "blocked")
    assert result.returncode == 0
    assert "blocked: warning: the cache could not be written" in result.stderr


def test_links_passes_on_the_built_site_and_names_a_broken_link(built, tmp_path):
    import shutil

    project, _ = built
    site = tmp_path / "site"
    shutil.copytree(project / "site", site)
    passed = run(tmp_path, "links")
    assert passed.returncode == 0, passed.stderr
    page = site / "about/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", '<a href="../nowhere/#q3">x</a></article>', 1),
                    encoding="utf-8")
    failed = run(tmp_path, "links")
    assert failed.returncode == 1
    assert failed.stderr.startswith("site/about/index.html:")
    assert "nowhere" in failed.stderr and "Traceback" not in failed.stderr


def test_two_builds_in_other_folders_with_other_hash_seeds_give_the_same_bytes(tmp_path):
    """No timestamps, no dict, set or filesystem order in the output: docs, JSON, feeds and
    the ledger are byte-identical (the site but for Pagefind's own index, see test_atomic)."""
    import os

    from tests.conftest import make_project

    outputs = []
    for seed in ("1", "2"):
        project = make_project(tmp_path / f"seed-{seed}")
        (project / "transcripts/anchors.yml").unlink()  # recorded afresh by each
        result = subprocess.run([sys.executable, "-m", "generator", "generate", "--no-cache"], cwd=project,
                                capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        outputs.append({p.relative_to(project).as_posix(): p.read_bytes()
                        for folder in ("docs", "transcripts") for p in (project / folder).rglob("*") if p.is_file()})
    assert outputs[0] == outputs[1]


def test_version_help_and_quiet_are_as_command_line_tools_have_them(project):
    version = run(project, "--version")
    assert version.returncode == 0 and re.fullmatch(r"podium \d+\.\d+\.\d+\n", version.stdout)
    short, long = run(project, "-h"), run(project, "--help")
    assert short.returncode == 0 and short.stdout == long.stdout and "Exit status" in short.stdout
    quiet = run(project, "-q", "generate")
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stdout == ""  # what it did is not said; the pages are written all the same
    assert (project / "docs" / "api" / "transcripts.json").is_file()
    loud = run(project, "generate")
    assert loud.stdout.startswith("generate: 2 transcripts, 17 questions; 0 written")
    wrong = run(project, "--no-such-option")
    assert wrong.returncode == 2 and "No such option" in wrong.stderr


def test_the_podium_command_is_installed_beside_the_interpreter(project):
    podium = Path(sys.executable).parent / "podium"
    result = subprocess.run([str(podium), "check"], cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "12 questions, 12 questioners" in result.stdout


def test_verbose_shows_progress_on_a_short_run(project):
    result = run(project, "-v", "generate")
    assert result.returncode == 0, result.stderr
    assert "reading: 2/2" in result.stderr


def test_a_build_from_a_restored_cache_gives_the_bytes_of_a_cold_one(tmp_path):
    """What the Pages workflow does: `.podium-cache` restored into a fresh checkout, then
    `build --frozen`. The pages, feeds and JSON must be those of a build with no cache."""
    import shutil

    from tests.conftest import make_project

    def built(project: Path) -> dict[str, bytes]:
        result = subprocess.run([sys.executable, "-m", "generator", "build", "--frozen"], cwd=project,
                                capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr
        return {p.relative_to(project).as_posix(): p.read_bytes() for folder in ("docs", "site")
                for p in (project / folder).rglob("*") if p.is_file() and "pagefind" not in p.parts}

    cold = make_project(tmp_path / "cold")
    first = built(cold)
    assert (cold / ".podium-cache").is_dir()
    warm = make_project(tmp_path / "warm")
    shutil.copytree(cold / ".podium-cache", warm / ".podium-cache")
    assert built(warm) == first
