"""Stage 7, `write`: put the rendered files in the docs folder, touching only what changed.

Only the generated folders (`render.paths.GENERATED`) are ours: a file there that the
render did not produce is stale and removed; hand-written pages elsewhere are never
touched. The new generated part is built beside the docs folder and moved in by renames
(`stage`, then `commit`), so a run that fails or is killed leaves the last good pages,
and `build` can make the site from the staged folder before anything is moved.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .copying import Copying
from .linking import fill, link_copy, present
from .manifest import Content, Manifest, Parts, content_key, stamp


@dataclass(frozen=True)
class WriteReport:
    written: int
    removed: int
    unchanged: int

    def __str__(self) -> str:
        return f"{self.written:,} written, {self.removed:,} removed, {self.unchanged:,} unchanged"


def write_tree(root: Path, files: dict[str, Content], owned: tuple[str, ...], manifest: Manifest | None = None
               ) -> WriteReport:
    """Make the owned part of `root` hold exactly `files` (root-relative POSIX paths), all
    at once: see `stage` and `commit`."""
    report = stage(root, files, owned, manifest)
    commit(root, owned)
    return report


def _check_owned(files: dict[str, str], owned: tuple[str, ...]) -> None:
    """Every path to write is relative and inside a generated folder: anything else is a bug."""
    for name in files:  # as strings: a path object per file of 10,000 transcripts' docs costs a third of a second
        parts = name.split("/")
        if name.startswith("/") or ".." in parts or parts[0] not in owned:
            raise ValueError(f"refusing to write {name!r} outside the generated folders")


def staging(root: Path) -> Path:
    """Where `stage` builds the next `root`, beside it (so that renames move it in)."""
    root = root.resolve()
    return root.with_name(f".{root.name}.next")


def _previous(root: Path) -> Path:
    root = root.resolve()
    return root.with_name(f".{root.name}.previous")


def stage(root: Path, files: dict[str, Content], owned: tuple[str, ...], manifest: Manifest | None = None) -> WriteReport:
    """Build, beside `root`, the whole folder as it is to be: its own files as they are (hard
    links), the owned part holding exactly `files`. Unchanged files keep their modification
    times, so that MkDocs' live reload rebuilds only what changed. Nothing in `root` is
    touched: `commit` moves the owned part in, or `discard` drops it. Where nothing would
    change, nothing is staged. A `manifest` of the last run spares making and reading back
    what it wrote, and walking the docs and the spare part (`manifest.Tree`); it is updated
    to what is staged. Each new file is written as soon as it is made, so that only one is
    held at a time (a first build of 10,000 makes 2 GB of them)."""
    _check_owned(files, owned)
    recover(root, owned)
    discard(root)
    manifest = manifest or Manifest(root)
    removed = len(present(root, owned, manifest.tree) - files.keys())
    spare_parts = manifest.parts_now()  # what the spare will hold once this is committed
    staged = _Staging(root, owned)
    try:
        same, known = _unchanged(root, files, manifest, staged)
        unchanged, written = len(same), len(files) - len(same)
        if staged.folder is None and not removed:
            manifest.files = known
            return WriteReport(0, 0, unchanged)
        folder = staged.made()
        tree = fill(root, folder, owned, files, same, manifest.spare if staged.from_spare else None)
        for name, found in staged.settled().items():  # the bulk files' copies, made meanwhile
            known[name] = (*known[name], *found)
    except BaseException:
        with contextlib.suppress(BaseException):
            staged.settled()  # no thread left writing into what is removed
        discard(root)  # half staged: never to be committed
        raise
    manifest.files = known
    tree.files = {name: value[1] for name, value in known.items()}
    manifest.tree, manifest.spare = tree, manifest.tree  # once committed, the docs' part is the spare
    manifest.spare_parts = spare_parts
    return WriteReport(written, removed, unchanged)


class _Staging:
    """The staging folder of `root`, made (with `root`'s other entries linked in) when the
    first file is written to it."""

    def __init__(self, root: Path, owned: tuple[str, ...]):
        self.root, self.owned = root, owned
        self.folder: Path | None = None
        self.from_spare = False  # made from the part the last commit moved out
        self._parents: set[str] = set()
        self._copying: dict[str, Copying] = {}  # the files `splice` writes, by name

    def made(self) -> Path:
        if self.folder is None:
            self.from_spare = _spare(self.root).is_dir()
            self.folder = _staging_folder(self.root, self.owned)
            if self.root.is_dir():
                for entry in sorted(self.root.iterdir()):
                    if entry.name not in self.owned and not entry.name.startswith("."):
                        link_copy(entry, self.folder / entry.name)
        return self.folder

    def parent(self, target: Path | str) -> None:
        folder = os.path.dirname(target)
        if folder not in self._parents:
            os.makedirs(folder, exist_ok=True)
            self._parents.add(folder)

    def splice(self, name: str, content: Parts, manifest: Manifest, root: Path) -> None:
        """Write the file of parts `name` (a bulk file): where the staging folder's copy of it
        (the spare's, two runs old) is known and no other's, rewritten in place from its
        first part that differs; else whole (`Manifest.spliced`). What it keeps of the docs'
        copy (300 MB at 10,000 when the middle transcript changed) is copied by a thread of
        its own while the run goes on: `settled` waits for it and gives the file's stamp."""
        folder = self.made()
        kept = manifest.kept_prefix(name, content, str(folder))
        target = folder / name
        if kept is None:
            self.parent(target)
            target.unlink(missing_ok=True)  # never written through: it may be a link to a published file
        copying = Copying(open(target, "wb" if kept is None else "r+b"))
        self._copying[name] = copying
        copying.put(manifest.spliced(root, name, content, kept), kept[1] if kept else 0)

    def settled(self) -> dict[str, tuple[int, int, int]]:
        """The stamps of the files `splice` wrote, once their copying threads are done: the
        first error of one is raised once every one is done."""
        copying, self._copying = self._copying, {}
        stamps, errors = {}, []
        for name, one in copying.items():
            try:
                stamps[name] = one.done()
            except BaseException as error:
                errors.append(error)
        if errors:
            raise errors[0]
        return stamps

    def write(self, name: str, data: bytes) -> tuple[int, int, int]:
        """Write `data` to the staged file `name`."""
        target = self.made() / name
        self.parent(target)
        target.unlink(missing_ok=True)  # never written through: it may be a link to a published file
        with open(target, "wb") as handle:
            handle.write(data)
        return stamp(target)


def _unchanged(root: Path, files: dict[str, Content], manifest: Manifest, staged: _Staging
               ) -> tuple[dict[str, tuple[int, int, int]], dict[str, tuple[str, int, int, int]]]:
    """The files `root` already holds as they are to be (with their inode, size and time),
    and every file's manifest entry; the others are written to `staged` as they are made."""
    same: dict[str, tuple[int, int, int]] = {}
    known: dict[str, tuple[str, int, int, int]] = {}
    for name, content in files.items():
        key = None
        if not isinstance(content, str):
            key = content.key
            if manifest.holds(root, name, key):
                same[name] = manifest.files[name][1:]
                known[name] = (key, *same[name])
                continue
            if hasattr(content, "parts"):
                staged.splice(name, content, manifest, root)
                known[name] = (key,)  # its stamp once copied (`_Staging.settled`)
                continue
            content = content.make()
        data = content.encode("utf-8")
        key = key or content_key(data)
        if manifest.holds(root, name, key):
            same[name] = manifest.files[name][1:]
        elif (root / name).is_file() and (root / name).read_bytes() == data:
            same[name] = stamp(root / name)
        else:
            known[name] = (key, *staged.write(name, data))
            continue
        known[name] = (key, *same[name])
    return same, known


def ready_spare(root: Path, owned: tuple[str, ...], manifest: Manifest) -> None:
    """After a `commit` with no record of the spare part (a first run, or one that walked):
    make the spare hold the docs' owned part as hard links, and record it, so that the next
    run stages only what it changes rather than linking every file (30,000 at 10,000)."""
    spare = _spare(root)
    if manifest.spare is not None or not spare.is_dir() or not manifest.files or manifest.tree is None:
        return
    held = {name: value[1:] for name, value in manifest.files.items()}
    tree = fill(root, spare, owned, dict.fromkeys(held, ""), held, None)
    tree.files = {name: value[0] for name, value in held.items()}
    manifest.spare, manifest.spare_parts = tree, {}
    for name, layout in manifest.layouts.items():
        if name in held:
            _copied_part(root, spare, name, layout, manifest)


def _copied_part(root: Path, spare: Path, name: str, layout: dict[str, tuple[int, int]], manifest: Manifest) -> None:
    """The spare's link to the docs' bulk file `name` made a copy of it, recorded with its
    `layout`, so that the run after an edit rewrites it in place from its first changed part
    (`_Staging.splice`) rather than writing it whole (670 MB at 10,000)."""
    target = spare / name
    copying = target.with_name(f"{target.name}.copying")
    try:
        shutil.copyfile(root / name, copying)  # by the kernel (copy_file_range or sendfile)
        os.replace(copying, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(copying)
        return  # the spare keeps its link: that run writes the file whole
    found = stamp(target)
    manifest.spare.files[name] = found[0]
    if "/" in name:
        manifest.spare.folders[name.rpartition("/")[0]] = None  # changed just now: looked into next run
    manifest.spare_parts[name] = (found, layout)


def _spare(root: Path) -> Path:
    """The owned part the last `commit` moved out, kept to stage the next in (its folders and
    most of its files are those of the next: making them all again costs more than the rest)."""
    root = root.resolve()
    return root.with_name(f".{root.name}.spare")


def _staging_folder(root: Path, owned: tuple[str, ...]) -> Path:
    """The staging folder, made from the spare where there is one, holding its owned part only."""
    folder, spare = staging(root), _spare(root)
    if spare.is_dir():
        spare.rename(folder)
        for entry in folder.iterdir():
            if entry.name not in owned:
                shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    else:
        folder.mkdir(parents=True)
    return folder


def commit(root: Path, owned: tuple[str, ...]) -> None:
    """Move the staged owned part into `root`, each owned entry by one rename, and drop the
    old; with nothing staged, nothing changes. Should the renames be interrupted, the next
    `stage` or `commit` finds the old part beside `root` and puts it back first."""
    folder = staging(root)
    if not folder.is_dir():
        return
    root.mkdir(parents=True, exist_ok=True)
    previous = _previous(root)
    shutil.rmtree(previous, ignore_errors=True)
    previous.mkdir()
    for name in owned:
        if (root / name).exists():
            (root / name).rename(previous / name)
    (previous / _SWAPPING).touch()  # from here on, the staged part is the one to keep
    for name in owned:
        if (folder / name).exists():
            (folder / name).rename(root / name)
    shutil.rmtree(_spare(root), ignore_errors=True)
    previous.rename(_spare(root))  # kept for the next `stage`, not deleted: see `_spare`
    (_spare(root) / _SWAPPING).unlink()
    shutil.rmtree(folder, ignore_errors=True)


_SWAPPING = ".swapping"


def recover(root: Path, owned: tuple[str, ...]) -> None:
    """Finish or undo a `commit` that was interrupted between its renames."""
    previous = _previous(root)
    if not previous.is_dir():
        return
    if (previous / _SWAPPING).exists():  # the old part was all moved out: finish moving the new in
        commit_from = staging(root)
        for name in owned:
            if (commit_from / name).exists() and not (root / name).exists():
                (commit_from / name).rename(root / name)
    else:  # put back what had been moved out
        for name in owned:
            if (previous / name).exists() and not (root / name).exists():
                (previous / name).rename(root / name)
    shutil.rmtree(previous, ignore_errors=True)


def discard(root: Path) -> None:
    """Drop what `stage` built."""
    shutil.rmtree(staging(root), ignore_errors=True)


def write_in_place(root: Path, files: dict[str, str | Callable[[], str]], owned: tuple[str, ...]) -> WriteReport:
    """Make the owned part of `root` hold exactly `files` (each a text, or how to make it
    as it is written), file by file: for a folder that is only ever read once complete
    (the search pages)."""
    _check_owned(files, owned)
    written = unchanged = 0
    for name, content in files.items():
        target = root / name
        data = (content if isinstance(content, str) else content()).encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        replace_atomically(target, data)
        written += 1
    removed = _remove_stale(root, set(files), owned)
    return WriteReport(written, removed, unchanged)


def replace_atomically(target: Path, data: bytes | Callable[[BinaryIO], None]) -> None:
    """Put `data` in `target` in one step: a reader sees the old file or the new, never half.
    `data` may be a function that writes it to the file it is given, as it makes it."""
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            data(handle) if callable(data) else handle.write(data)
        # mkstemp makes the file private (0600): give it the mode a plain write would.
        os.chmod(temporary, target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
