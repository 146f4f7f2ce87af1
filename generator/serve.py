"""`serve`: a live preview. A changed transcript, sidecar or registry regenerates the
Markdown (only the files whose content changed are written); MkDocs' own server sees
those files change, rebuilds only them (a "dirty" build) and reloads the browser.

Pagefind's index is not built here: search works on `build` output.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from mkdocs.commands.serve import serve as mkdocs_serve
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

SETTLE = 0.3  # seconds: an editor's save is several events; regenerate once they settle
WATCHED = (".txt", ".yml", ".yaml")
CHANGES = frozenset({"created", "modified", "moved", "deleted", "closed"})


class _Changes(FileSystemEventHandler):
    """Calls `on_change` once a burst of changes to input files has settled."""

    def __init__(self, on_change: Callable[[], None]):
        self.on_change = on_change
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()
        self.running = threading.Lock()  # one regeneration at a time; a save meanwhile runs after it

    def _run(self) -> None:
        with self.running:
            self.on_change()

    def on_any_event(self, event: FileSystemEvent) -> None:
        paths = [event.src_path, getattr(event, "dest_path", "")]
        if event.is_directory or event.event_type not in CHANGES or not any(str(p).endswith(WATCHED) for p in paths):
            return  # reading the files (opened, closed unwritten) is no change
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
            self.timer = threading.Timer(SETTLE, self._run)
            self.timer.daemon = True
            self.timer.start()


def watch(folder: Path, on_change: Callable[[], None]) -> Observer:
    """Start watching `folder` (not its subfolders) for changed input files."""
    observer = Observer()
    observer.schedule(_Changes(on_change), str(folder), recursive=False)
    observer.daemon = True
    observer.start()
    return observer


def preview(config: Path, docs: Path, dev_addr: str) -> None:
    """MkDocs' development server on `docs`, rebuilding only changed pages, until Ctrl-C.
    Not strict: a preview shows a broken link's page rather than nothing."""
    mkdocs_serve(
        config_file=str(config), docs_dir=str(docs.resolve()), dev_addr=dev_addr,
        build_type="dirty", livereload=True, strict=False,
    )
