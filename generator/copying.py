"""A file written from chunks, for `write`'s bulk files: the bytes made written at their
place, the runs of another file it keeps (`manifest.Span`) copied by a thread of their own,
by the kernel where it can (`copy_file_range`, which lets the run go on meanwhile: 300 MB
of a bulk file at 10,000 when the middle transcript changed)."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterable
from typing import BinaryIO

from .manifest import Span, stamp


class Copying:
    """A file written from `at` on from chunks: bytes written at once, at their place, and
    spans of another file (`Span`) copied by a thread, by the kernel where it can."""

    def __init__(self, handle: BinaryIO):
        self.handle = handle
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._source: int | None = None  # the spans' file, held open for the thread

    def put(self, chunks: Iterable[bytes | Span], at: int) -> None:
        spans, target = [], self.handle.fileno()
        try:
            for chunk in chunks:
                if isinstance(chunk, Span):
                    if self._source is None:
                        self._source = os.dup(chunk.fd)  # the chunks' maker closes its own once done
                    spans.append((chunk.start, chunk.length, at))
                    at += chunk.length
                else:
                    write_at(target, chunk, at)
                    at += len(chunk)
            os.ftruncate(target, at)
        except BaseException:
            self.done_quietly()
            raise
        if spans:
            self._thread = threading.Thread(target=self._copy, args=(spans,), name="podium-copy", daemon=True)
            self._thread.start()

    def _copy(self, spans: list[tuple[int, int, int]]) -> None:
        try:
            for start, length, at in spans:
                copy_span(self._source, self.handle.fileno(), start, length, at)
        except Exception as error:  # noqa: BLE001 - raised by `done`, in the run's own thread
            self._error = error

    def done(self) -> tuple[int, int, int]:
        """The file's stamp, its spans copied; the copy's error raised."""
        try:
            if self._thread is not None:
                self._thread.join()
            if self._error is not None:
                raise self._error
            return stamp(self.handle.fileno())
        finally:
            self.handle.close()
            if self._source is not None:
                os.close(self._source)
                self._source = None  # closed once: its number may be another file's next

    def done_quietly(self) -> None:
        with contextlib.suppress(BaseException):
            self.done()


def copy_span(source: int, target: int, start: int, length: int, at: int) -> None:
    """`length` bytes of `source` from `start` put in `target` at `at`: copied by the kernel
    where it can, else read and written."""
    done = 0
    try:
        while done < length:
            copied = os.copy_file_range(source, target, length - done, start + done, at + done)
            if not copied:
                raise OSError("copy_file_range copied nothing")
            done += copied
    except (AttributeError, OSError):  # no such call, or not between these files
        while done < length:
            chunk = os.pread(source, min(length - done, 1 << 24), start + done)
            if not chunk:
                raise OSError(f"{source}: the file is shorter than its layout") from None
            write_at(target, chunk, at + done)
            done += len(chunk)


def write_at(target: int, data: bytes, at: int) -> None:
    view = memoryview(data)
    while view:
        written = os.pwrite(target, view, at)
        view, at = view[written:], at + written
