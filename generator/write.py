"""Stage 7, `write`: put the rendered files in the docs folder, touching only what changed.

Only the generated folders (`render.paths.GENERATED`) are ours: a file there that the
render did not produce is stale and removed; hand-written pages elsewhere are never
touched. Each file is written to a temporary name and renamed into place, so a reader
(or MkDocs' live reload) never sees half a file.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


@dataclass(frozen=True)
class WriteReport:
    written: int
    removed: int
    unchanged: int

    def __str__(self) -> str:
        return f"{self.written:,} written, {self.removed:,} removed, {self.unchanged:,} unchanged"


def write_tree(root: Path, files: dict[str, str], owned: tuple[str, ...]) -> WriteReport:
    """Make the owned part of `root` hold exactly `files` (root-relative POSIX paths)."""
    for name in files:
        relative = PurePosixPath(name)
        if relative.is_absolute() or ".." in relative.parts or relative.parts[0] not in owned:
            raise ValueError(f"refusing to write {name!r} outside the generated folders")
    written = unchanged = 0
    for name, content in files.items():
        target = root / name
        data = content.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        replace_atomically(target, data)
        written += 1
    removed = _remove_stale(root, set(files), owned)
    return WriteReport(written, removed, unchanged)


def replace_atomically(target: Path, data: bytes) -> None:
    """Put `data` in `target` in one step: a reader sees the old file or the new, never half."""
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _remove_stale(root: Path, keep: set[str], owned: tuple[str, ...]) -> int:
    removed = 0
    for top in owned:
        base = root / top
        candidates = [base] if base.is_file() else sorted(base.rglob("*"), reverse=True) if base.is_dir() else []
        for path in candidates:
            name = path.relative_to(root).as_posix()
            if path.is_dir() and not path.is_symlink():
                if not any(path.iterdir()):
                    path.rmdir()
            elif name not in keep:
                path.unlink()
                removed += 1
        if base.is_dir() and not any(base.iterdir()):
            base.rmdir()
    return removed
