"""The staging folder (`write.stage`) filled with hard links to the docs' unchanged files.

Where the manifest records what the folder held (`manifest.Tree`: it is the part the last
commit moved out), only what differs is touched: the files linked anew, those gone removed,
and the folders whose modification time says someone changed them looked into. Otherwise
each file is looked at and the folder walked, as for a docs folder never staged before.
At 10,000 transcripts that is 30,000 files: the walks were most of an edit's staging.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from .manifest import Content, Tree, _inode, folders_of, settled_times


def present(root: Path, owned: tuple[str, ...], tree: Tree | None) -> set[str]:
    """The files of the owned part of `root`: as `tree` records them where it is that
    part's, looking only into the folders changed since; else found by a walk."""
    where = str(root.resolve())
    if tree is None or not tree.holds(where, owned):
        return set(owned_files(root, owned))
    strays, folders, gone, _ = tree.differences(where)
    found = {name for name in tree.files if name not in gone and ("/" in name or os.path.isfile(os.path.join(where, name)))}
    found.update(strays)
    for folder in folders:
        found.update(_walk_files(where, folder))
    return found


def fill(root: Path, folder: Path, owned: tuple[str, ...], files: dict[str, Content],
         same: dict[str, tuple[int, int, int]], spare: Tree | None) -> Tree:
    """The staging `folder` made to hold `files`: those of `root` left as they are linked
    in (the others are written already), anything else removed. Where `spare` records what
    the folder held, only what differs is touched; else each file is looked at and the
    folder walked. Returns what it holds (its files' inodes are the caller's to note)."""
    where = str(folder)
    wanted = folders_of(files)
    if spare is None or not spare.holds(where, owned):
        for name, held in same.items():  # by strings, not path objects: this is every file of the docs
            _put(root, where, name, held[0], _inode(os.path.join(where, name)))
        _prune(folder, owned, set(files))
        return Tree(_tops(where, owned), {}, settled_times(where, wanted, {}))
    held, touched = _cleared(where, spare, files, wanted)
    for name, (inode, *_) in same.items():
        if held.get(name) != inode:
            _put(root, where, name, inode, held.get(name))
            touched.add(name.rpartition("/")[0])
    gone = [name for name in held if name not in files]
    for name in gone:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(os.path.join(where, name))
    touched |= _remove_empty(where, folders_of(gone) - wanted)
    touched |= {name.rpartition("/")[0] for name in files.keys() - same.keys()}  # written anew
    kept = {name: time for name, time in spare.folders.items() if name in wanted and name not in touched}
    return Tree(_tops(where, owned), {}, settled_times(where, wanted, kept))


def _cleared(where: str, spare: Tree, files: dict[str, Content], wanted: set[str]) -> tuple[dict[str, int], set[str]]:
    """The staging folder `where` rid of what its `spare` record does not know (added by
    hand since it was the docs' part), but for `files` and the `wanted` folders holding
    them (some are written already): the files it holds by the record, and the folders
    looked into."""
    strays, folders, gone, looked = spare.differences(where)
    for name in strays:
        if name not in files:
            os.unlink(os.path.join(where, name))
    for name in folders:
        _keep_only(where, name, files, wanted)
    held = {name: inode for name, inode in spare.files.items() if name not in gone} if gone else spare.files
    return held, set(looked)


def _put(root: Path, where: str, name: str, inode: int, found: int | None) -> None:
    """Link `root`'s file `name` (of `inode`) into the staging folder `where`, unless the one there is it."""
    if found == inode:
        return
    target = os.path.join(where, name)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(target)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    link(os.path.join(root, name), target)


def _keep_only(where: str, folder: str, files: dict[str, Content], wanted: set[str]) -> None:
    """Leave in `folder` (under `where`, new to the record) only `files` and the `wanted`
    folders that hold them: it may hold some written already."""
    if folder not in wanted:
        shutil.rmtree(os.path.join(where, folder))
        return
    with os.scandir(os.path.join(where, folder)) as entries:
        found = [(entry.name, entry.is_dir(follow_symlinks=False)) for entry in entries]
    for name, is_folder in found:
        inside = f"{folder}/{name}"
        if is_folder:
            _keep_only(where, inside, files, wanted)
        elif inside not in files:
            os.unlink(os.path.join(where, inside))


def _remove_empty(where: str, folders: set[str]) -> set[str]:
    """Remove those of `folders` (under `where`) left empty, deepest first; the folders touched."""
    touched = set()
    for folder in sorted(folders, key=lambda name: name.count("/"), reverse=True):
        path = os.path.join(where, folder)
        with contextlib.suppress(FileNotFoundError):
            if not os.listdir(path):
                os.rmdir(path)
                touched.add(folder.rpartition("/")[0])
    return touched


def _tops(where: str, owned: tuple[str, ...]) -> dict[str, int]:
    """The inode of each owned folder under `where`: what tells one staged tree from another."""
    return {top: inode for top in owned if os.path.isdir(os.path.join(where, top))
            and (inode := _inode(os.path.join(where, top))) is not None}


def _prune(folder: Path, owned: tuple[str, ...], keep: set[str]) -> None:
    """Remove from the owned part of `folder` the files not in `keep`, and the folders left empty."""
    for top in owned:
        base = folder / top
        if not base.is_dir() or base.is_symlink():
            if (base.exists() or base.is_symlink()) and top not in keep:
                base.unlink()
            continue
        for where, dirs, names in os.walk(base, topdown=False):
            relative = Path(where).relative_to(folder).as_posix()
            for name in names:
                if f"{relative}/{name}" not in keep:
                    os.unlink(os.path.join(where, name))
            for name in dirs:
                path = os.path.join(where, name)
                if os.path.islink(path):
                    os.unlink(path)
                elif not os.listdir(path):
                    os.rmdir(path)


def owned_files(root: Path, owned: tuple[str, ...]) -> Iterator[str]:
    for top in owned:
        base = root / top
        if base.is_file():
            yield top
        elif base.is_dir():
            yield from _walk_files(str(root), top)


def _walk_files(root: str, folder: str) -> Iterator[str]:
    """The files under `folder` (relative to `root`), however deep."""
    for where, dirs, names in os.walk(os.path.join(root, folder)):
        relative = os.path.relpath(where, root).replace(os.sep, "/")
        yield from (f"{relative}/{name}" for name in names)


def link(source: Path | str, target: Path | str) -> None:
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links
        shutil.copy2(source, target)


def link_copy(source: Path, target: Path) -> None:
    if source.is_dir() and not source.is_symlink():
        shutil.copytree(source, target, copy_function=link, symlinks=True)
    elif source.is_symlink():
        target.symlink_to(os.readlink(source))
    else:
        link(source, target)
