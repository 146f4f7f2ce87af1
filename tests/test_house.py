"""The house kept in order: no module of the generator over 400 lines, no function over 60
(STYLE.md: a module over ~400 lines or a function over ~50 is to be split by job)."""

from __future__ import annotations

import ast
from pathlib import Path

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
MODULE_LINES = 400
FUNCTION_LINES = 60  # from its `def` to its last line, docstring included, decorators not


def _modules() -> list[Path]:
    return sorted(GENERATOR.rglob("*.py"))


def test_no_module_is_over_400_lines():
    long = {path.relative_to(GENERATOR.parent).as_posix(): lines for path in _modules()
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MODULE_LINES}
    assert not long, f"split these by job: {long}"


def test_no_function_is_over_60_lines():
    long = {}
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > FUNCTION_LINES:
                    long[f"{path.relative_to(GENERATOR.parent).as_posix()}:{node.lineno} {node.name}"] = lines
    assert not long, f"break these into steps: {long}"


def test_the_house_test_sees_the_whole_generator():
    names = {path.relative_to(GENERATOR).as_posix() for path in _modules()}
    assert {"cli.py", "generate.py", "ledger/alignment.py", "render/redirects.py"} <= names
