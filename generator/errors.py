"""Problems a person can act on: `path:line: message`, like a compiler."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    path: Path
    line: int  # 1-based; 0 when the problem is about the file or folder as a whole
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"


class InputError(Exception):
    """Bad input: one or more problems, none of them a bug in the generator."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(map(str, self.problems)))

    @classmethod
    def at(cls, path: Path, line: int, message: str) -> InputError:
        return cls(Problem(path, line, message))
