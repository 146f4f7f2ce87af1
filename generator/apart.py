"""`build`'s reading and rendering, apart: in a forked child where the system can fork one,
so that the memory they take is given back before MkDocs and Pagefind run."""

from __future__ import annotations

import multiprocessing
import signal
import sys
from collections.abc import Callable


def _quietly_interrupted(work: Callable[[Callable[[tuple[int, int]], None]], None],
                         docs_written: Callable[[tuple[int, int]], None]) -> None:
    """The child's work; Ctrl-C reaches it too, and the parent says what stopped."""
    try:
        work(docs_written)
    except KeyboardInterrupt:
        sys.exit(130)


class Apart:
    """Reading and rendering in a child process, where the system can fork one: the memory
    they take (half a gigabyte at 1,000 transcripts) is given back when it ends, instead of
    staying with this process while MkDocs and Pagefind need it. The child says when the
    docs are written, so that MkDocs starts while it goes on with the rest."""

    def __init__(self, work: Callable[[Callable[[tuple[int, int]], None]], None]):
        self.process = None
        self.failed = (0, 0)  # transcripts that could not be read; of them, published as last read
        if "fork" not in multiprocessing.get_all_start_methods():
            work(self._note)
            return
        context = multiprocessing.get_context("fork")
        self.said, tell = context.Pipe(duplex=False)
        self.process = context.Process(target=_quietly_interrupted, args=(work, tell.send))
        self.process.start()
        tell.close()  # the child's end only: the pipe closes when the child ends

    def stop(self) -> None:
        """End the child now, if it is still working."""
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
            self.process.join()

    def _note(self, failed: tuple[int, int]) -> None:
        self.failed = failed

    def docs_written(self) -> tuple[int, int]:
        """Wait until the docs are staged; how many transcripts could not be read, and how
        many of them are published with their last good reading."""
        if self.process is not None:
            try:
                self.failed = self.said.recv()
            except EOFError:  # it ended before writing them: it has said why, unless killed
                sys.exit(self.finished() or 1)
        return self.failed

    def finished(self) -> int:
        """Wait for the child; its exit status (0: the search pages and cache are written)."""
        if self.process is None:
            return 0
        self.process.join()
        code = self.process.exitcode or 0
        if code < 0:  # killed by a signal, with no word of its own
            print(f"stopped: reading and rendering were killed by signal {-code}"
                  f"{' (out of memory?)' if -code == signal.SIGKILL else ''}; the site was left as it was", file=sys.stderr)
            return 1
        return code
