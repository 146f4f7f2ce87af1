"""What `generate` keeps between runs, so that one edited transcript costs one transcript.

Per raw transcript, one file in the cache folder holds its reading, under the key of
everything it was made from (the code of the generator, the raw text, its sidecar and the
registry); beside it, one holds what that reading renders to on its own (`render.render_all`)
and one the small renderings every run needs (`_LIGHT`). A key that differs is a miss, which
drops the renderings too: nothing stale is ever used, and a cache that cannot be read is
simply rebuilt.

A reading worker writes the file of each reading it makes as it makes it (`reading_file`, `keep`):
the run that holds every reading never pickles them all at its end, which would cost a
UTF-8 copy of every text it holds (CPython keeps one in each str it encodes).

Each file is named by a digest of its transcript's file name (`_file_name`): short and safe
whatever that name is. One entry that cannot be written is reported and skipped; the others
are still written.

The cache is derived data: delete it at any time (`--no-cache` ignores it).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .kept import Index
from .manifest import Manifest
from .write import replace_atomically

_PACKAGE = Path(__file__).parent
KEYS = "keys.index"  # each source's reading key, by the stamps of its files
_SETTLED = 2_000_000_000  # ns: a file older than this when hashed is not changed in the same tick
MANIFEST = "docs.manifest"  # what the last run wrote in the docs (`manifest.Manifest`)


def _code_version() -> str:
    """A digest of the generator's own source: new code, new keys."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _published(t: Any) -> tuple:
    """What the anchor ledger adds to a reading (`ledger.align`), the other language's
    version linked to it (`versions.link`) and the earlier exchanges on the same subjects
    (`related.link`): renderings depend on them."""
    return t.id, t.url, tuple(e.ids for e in t.exchanges), t.removed, t.version, t.related


@dataclass
class _Entry:
    key: str  # of the reading
    reading: Any
    # kind -> what the reading renders to; None: not loaded yet from its own file (`_RENDERED`),
    # kept apart so that a run which renders a transcript's files from nothing else but its
    # reading does not load them.
    rendered: dict[str, Any] | None = field(default_factory=dict)
    stem: str = ""  # the source's, which the file name is a digest of
    light: dict[str, Any] | None = field(default_factory=dict)  # the small renderings every run needs (`_LIGHT`)


def _signature(path: Path | str) -> tuple[int, int, int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns


def _file_name(stem: str) -> str:
    """The cache file of a source: 32 hex digits whatever its name's length or characters."""
    return f"{digest('entry', stem)[:32]}.pickle"


FINGERPRINTS = "ledger fingerprints"  # what the ledger needs of every reading on every run
ALIGNED = "aligned to the ledger"  # ... and how the reading was aligned to its entry
_LIGHT_KINDS = frozenset({FINGERPRINTS, ALIGNED})  # kinds kept in a file of their own (`_LIGHT`)
_RENDERED = ".rendered"  # the suffix of the file of an entry's renderings, beside its reading's
_LIGHT = ".light"  # ... and of its light renderings: not worth a load of the others


def reading_file(key: str, stem: str, reading: Any) -> bytes:
    """The file of a new reading of the source `stem` (`keep`, `Cache.store_reading`)."""
    return pickle.dumps(_Entry(key, reading, None, stem, None), pickle.HIGHEST_PROTOCOL)


def reading_in(data: bytes) -> Any:
    """The reading a `reading_file` holds."""
    return pickle.loads(data).reading


def keep(folder: Path, stem: str, data: bytes) -> bool:
    """Write the `reading_file` of a source's reading in the cache `folder`, as a reading worker
    makes it; False where it cannot (the run that stores it then writes it, or says why not)."""
    try:
        replace_atomically(folder / _file_name(stem), data)
    except OSError:
        return False
    return True


class Cache:
    """A folder of cached readings and renderings, one file per source."""

    def __init__(self, folder: Path, site_url: str = ""):
        self.folder = folder
        self.code = digest(_code_version(), site_url)  # renderings hold absolute links
        self._entries: dict[str, _Entry] = {}  # by source stem, as read or stored this run
        self._changed: set[str] = set()
        self._read: set[str] = set()  # sources read this run: their reading files are written
        self._shared: dict[str, dict] = {}  # renderings of several transcripts (feeds), by name
        self._manifest: Manifest | None = None  # of the docs folder written
        self._known_keys: dict[str, tuple[Any, str]] | None = None  # source -> (its files' stamps, reading key)
        self._keys_changed = False
        self._asked: set[str] = set()  # the sources whose keys were asked for this run
        self._registry: tuple[bytes | None, str] = (None, "")
        self._versions: dict[str, tuple[Any, str, str]] = {}  # stem -> (transcript asked of, reading key, version)
        self._index: Index | None = None  # what is kept of every source (`kept`)

    def reading_key(self, source: Path, registry: bytes) -> str:
        """The key of a reading of `source`: a digest of the code, the text, its sidecar and
        the `registry`. Taken from the last run where the two files are, by inode, size and
        times, those it hashed, and were already older than that then (a file changed within
        the same tick of the clock as it was hashed is hashed again)."""
        name = str(source)  # as strings: asked of every source of the folder on every run
        sidecar = name[:-4] + ".yml" if name.endswith(".txt") else str(source.with_suffix(".yml"))
        if self._registry[0] != registry:
            self._registry = (registry, digest(registry))
        stamp = (_signature(name), _signature(sidecar), self._registry[1])
        self._asked.add(name)
        known = self._keys().get(name)
        if known is not None and known[0] == stamp and stamp[0] is not None:
            return known[1]
        sidecar = Path(sidecar)
        checked = time.time_ns()
        key = digest(
            self.code, str(source), source.read_bytes(), sidecar.read_bytes() if sidecar.is_file() else b"\0", registry
        )
        settled = all(sig is None or max(sig[2:]) < checked - _SETTLED for sig in stamp[:2])
        self._keys()[str(source)] = (stamp if settled else None, key)
        self._keys_changed = True
        return key

    def _keys(self) -> dict[str, tuple[Any, str]]:
        if self._known_keys is None:
            try:
                loaded = pickle.loads((self.folder / KEYS).read_bytes())
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
                loaded = None
            ok = isinstance(loaded, dict) and loaded.get("code") == self.code and isinstance(loaded.get("keys"), dict)
            self._known_keys = loaded["keys"] if ok else {}
        return self._known_keys

    def index(self) -> Index:
        """What the last run kept of every source (`kept.Index`): saved with the cache."""
        if self._index is None:
            self._index = Index.load(self.folder, self.code)
        return self._index

    def reading(self, source: Path, key: str) -> Any | None:
        entry = self._load(source.stem)
        return entry.reading if entry is not None and entry.key == key else None

    def reading_of(self, stem: str) -> Any | None:
        """The reading of the source `stem` the cache keeps, whatever its key (the index says it is current)."""
        entry = self._load(stem)
        return entry.reading if entry is not None else None

    def last_reading(self, source: Path) -> Any | None:
        """The last reading stored for `source`, whatever it has become since: what is
        published of a transcript whose latest text cannot be read."""
        entry = self._load(source.stem)
        return entry.reading if entry is not None else None

    def ready(self) -> Path | None:
        """The cache's folder, made where it is not yet: None where it cannot be (`save` says why)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        return self.folder

    def store_reading(self, source: Path, key: str, reading: Any, kept: bool = False) -> None:
        """A new reading of `source`, its file written already where `kept` (`keep`), else by `save`."""
        self._entries[source.stem] = _Entry(key, reading, stem=source.stem)  # renderings of an older reading go
        self._changed.add(source.stem)
        if not kept:
            self._read.add(source.stem)

    def get(self, t: Any, kind: str) -> Any | None:
        """A `kind` of rendering of the transcript's current reading, if kept, and made
        with the ids and anchors it is now published with."""
        entry = self._entries.get(t.source.stem)
        stamp, value = self._kept(entry, kind).get(kind, (None, None)) if entry is not None else (None, None)
        return value if stamp == _published(t) else None

    def put(self, t: Any, kind: str, value: Any) -> None:
        entry = self._entries.get(t.source.stem)
        if entry is not None:  # else no reading of it this run: nothing to key on
            self._kept(entry, kind)[kind] = (_published(t), value)
            self._changed.add(t.source.stem)

    def read_back(self, stem: str) -> Any | None:
        """The transcript of the source `stem`, as its kept reading has it (`render.Memo`)."""
        found = self.reading_of(stem)
        return found.transcript if found is not None else None

    def published(self, t: Any, card: Any) -> None:
        """The card `t` is published with this run (`render.Memo`): kept in the index."""
        self.index().published(t.source.stem, card)

    def unmade(self, t: Any) -> bool:
        """Whether no rendering of the transcript's current reading is kept: it was read this
        run (a rendering kept on disk, not loaded yet, counts as kept)."""
        entry = self._entries.get(t.source.stem)
        return entry is None or entry.rendered == {}

    def version(self, t: Any) -> str | None:
        """A digest of the reading `t` is and of how it is published: what its own files are made of."""
        entry = self._entries.get(t.source.stem)
        if entry is None:
            return None
        known = self._versions.get(entry.stem)
        if known is None or known[0] is not t or known[1] != entry.key:  # asked of each of its files: its repr is long
            known = self._versions[entry.stem] = (t, entry.key, digest(self.code, entry.key, repr(_published(t))))
        return known[2]

    def manifest(self, root: Path) -> Manifest:
        """What the last run wrote in the docs folder `root` (`manifest.Manifest`), saved with the cache."""
        if self._manifest is None or self._manifest.root != str(root.resolve()):
            self._manifest = Manifest.load(self.folder / MANIFEST, root)
        return self._manifest

    def shared(self, name: str) -> dict:
        """What renders from several transcripts at once (`name`: "feeds"), kept between
        runs: a dict the renderer keys by a digest of what each value was made from."""
        if name not in self._shared:
            try:
                loaded = pickle.loads((self.folder / f"{name}.shared").read_bytes())
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
                loaded = None
            self._shared[name] = loaded if isinstance(loaded, dict) and loaded.get("code") == self.code else {"code": self.code}
        return self._shared[name]

    def save(self, stems: set[str]) -> None:
        """Write what changed this run, and drop the entries of sources that are gone. The
        cache is derived data: an entry that cannot be written is a warning, not a failure,
        and the others are written all the same."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            print(f"{self.folder}: warning: the cache could not be written ({error.strerror or error}); "
                  "the next run reads every transcript again", file=sys.stderr)
            return
        for stem in sorted(self._changed & stems):
            entry, path = self._entries[stem], self.folder / _file_name(stem)
            if stem in self._read:
                self._write(path, None, f"the next run reads {stem} again", reading_file(entry.key, stem, entry.reading))
            for suffix, rendered in ((_RENDERED, entry.rendered), (_LIGHT, entry.light)):
                if rendered is not None:
                    self._write(path.with_suffix(suffix), (stem, entry.key, rendered), f"the next run renders {stem} again")
        self._drop_others({_file_name(stem)[:-len(".pickle")] for stem in stems})
        if self._index is not None:
            self._index.keep_only(stems)
            for name, data in self._index.files().items():
                self._write(self.folder / name, None, "the next run loads every reading", data)
            self._index.written()
        for name, values in sorted(self._shared.items()):
            self._write(self.folder / f"{name}.shared", values, f"the next run renders the {name} again")
        if self._known_keys is not None and (self._keys_changed or set(self._known_keys) != self._asked):
            keys = {name: value for name, value in self._known_keys.items() if name in self._asked}
            self._write(self.folder / KEYS, {"code": self.code, "keys": keys}, "the next run hashes the texts again")
            self._known_keys, self._keys_changed = keys, False
        if self._manifest is not None:
            try:
                replace_atomically(self.folder / MANIFEST, self._manifest.dumps())
            except OSError as error:
                self._warn(self.folder / MANIFEST, error, "the next run reads the docs back")
        self._changed.clear()
        self._read.clear()

    def _drop_others(self, kept: set[str]) -> None:
        """Remove the entries of sources not in `kept` (by their files' names without
        suffix), in one look at the folder (20,000 files at 10,000 transcripts); and a
        parsed ledger an older version kept (`.parsed`)."""
        with os.scandir(self.folder) as found:
            names = [entry.name for entry in found]
        for name in names:
            stem, dot, suffix = name.rpartition(".")
            if (dot and suffix in ("pickle", _RENDERED[1:], _LIGHT[1:]) and stem not in kept) or suffix == "parsed":
                (self.folder / name).unlink(missing_ok=True)

    def _write(self, path: Path, value: Any, consequence: str, data: bytes | None = None) -> None:
        """Write `data`, or `value` pickled straight into the file (never whole in memory:
        Asked before?'s arrays are 60 MB at 10,000)."""
        try:
            replace_atomically(path, data if data is not None else lambda handle: pickle.dump(value, handle, pickle.HIGHEST_PROTOCOL))
        except OSError as error:
            self._warn(path, error, consequence)

    @staticmethod
    def _warn(path: Path, error: OSError, consequence: str) -> None:
        print(f"{path}: warning: not cached ({error.strerror or error}); {consequence}", file=sys.stderr)

    def _kept(self, entry: _Entry, kind: str) -> dict[str, Any]:
        """The entry's renderings of `kind`'s file, loaded from it the first time they are asked for."""
        light = kind in _LIGHT_KINDS
        found = entry.light if light else entry.rendered
        if found is None:
            try:
                stem, key, found = pickle.loads((self.folder / _file_name(entry.stem)).with_suffix(
                    _LIGHT if light else _RENDERED).read_bytes())
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
                stem = key = found = None  # missing or unreadable: made again
            found = found if (stem, key) == (entry.stem, entry.key) and isinstance(found, dict) else {}
            if light:
                entry.light = found
            else:
                entry.rendered = found
        return found

    def _load(self, stem: str) -> _Entry | None:
        if stem not in self._entries:
            try:
                entry = pickle.loads((self.folder / _file_name(stem)).read_bytes())
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
                return None  # missing or unreadable: a miss
            if not isinstance(entry, _Entry) or entry.stem != stem:
                return None
            self._entries[stem] = entry
        return self._entries[stem]
