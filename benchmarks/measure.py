"""One build (or generate) of the real command line, timed stage by stage.

    python benchmarks/measure.py build|generate --input DIR --docs DIR [--site DIR --config FILE] --result FILE

`bench.py` runs this in a fresh process for every measurement. It runs
`python -m generator build|generate` itself (click's `main`, in this process) with the
generator's stage functions wrapped in timers, so it measures exactly what the command
does, in the order the command does it, whatever steps the command gains later:

| stage      | function timed                                                        |
|------------|-----------------------------------------------------------------------|
| read/parse | `generator.pipeline.load_corpus`                                      |
| render     | `generator.render.site` (the files planned, and those to write made)  |
| ledger     | `generator.generate._publish`, `publish` (aligning the readings to the anchor ledger) |
| write      | `generator.write.stage`, `commit` (the docs), `write_in_place` (search) |

`build` reads, renders and writes in a forked child process (`generator.apart.Apart`) and
starts MkDocs as soon as the docs are written: the child's timers are written to a file
as it ends and merged here. The child's search pages and cache are written while MkDocs
runs, so the stages add up to more than the wall time.
| mkdocs     | `generator.engine._mkdocs`                                            |
| search     | `generator.indexing.Indexing.wait`: Pagefind runs beside MkDocs, so what it adds is the wait once MkDocs is done |

Peak memory is also sampled for the whole process tree (this process and Pagefind) from
/proc every 50 ms: `tree_peak_mb` is the most the build held at once by the sum of RSS,
which counts each page a forked worker shares with its parent in both; `tree_pss_peak_mb`
is the most by proportional set size (a shared page counted once), with each process's
share at that moment in `at_pss_peak`.

Each timer counts its function's own time (a timed function called inside another is
taken out of the outer one) and notes the process's peak RSS (`ru_maxrss`) when it
returns. Time in the command outside these functions (argument parsing, a ledger, ...)
is reported as `other`. The result is a JSON file; `bench.py` measures the output sizes.
"""

from __future__ import annotations

import argparse
import functools
import inspect
import json
import os
import re
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

STAGES = (
    ("read/parse", "generator.pipeline", "load_corpus"),
    ("ledger", "generator.generate", "_publish"),  # the spliced ledger's, or `publish` (all of it)
    ("ledger", "generator.generate", "publish"),
    ("render", "generator.render", "site"),
    ("write", "generator.write", "stage"),
    ("write", "generator.write", "commit"),
    ("write", "generator.write", "write_in_place"),
    ("mkdocs", "generator.engine", "_mkdocs"),
)
# Pagefind runs beside MkDocs (generator/site.py): what it adds to the build is the wait
# for it once MkDocs is done, timed here as the search stage.
WAIT = ("search", "generator.indexing", "Indexing", "wait")
# The search index: a function of generator/site.py (or of a module of its own) named so.
SEARCH_MODULE = re.compile(r"^generator\.(site|search|pagefind|index)\b")
SEARCH_FUNCTION = re.compile(r"pagefind|search|index", re.IGNORECASE)


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: kilobytes


class Timers:
    """Wraps functions so each call adds its own time to a stage."""

    def __init__(self) -> None:
        self.stages: dict[str, dict] = {}
        self._nested: list[float] = []  # time spent in timed calls inside the current one

    def wrap(self, stage: str, fn):
        @functools.wraps(fn)
        def timed(*args, **kwargs):
            self._nested.append(0.0)
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - start
                nested = self._nested.pop()
                if self._nested:
                    self._nested[-1] += elapsed
                record = self.stages.setdefault(stage, {"seconds": 0.0, "calls": 0, "function": ""})
                names = [n for n in record["function"].split(", ") if n]
                record["function"] = ", ".join(dict.fromkeys([*names, _name(fn)]))
                record["seconds"] += elapsed - nested
                record["calls"] += 1
                record["peak_rss_mb"] = peak_mb()
                record["children_peak_rss_mb"] = peak_mb(resource.RUSAGE_CHILDREN)

        timed.__wrapped_by_bench__ = True
        return timed


def _name(fn) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


def _generator_modules():
    return [m for name, m in list(sys.modules.items()) if m and (name == "generator" or name.startswith("generator."))]


def install(timers: Timers) -> None:
    """Replace every reference to a stage function, in every generator module, by its timer."""
    import generator.cli  # noqa: F401  (loads the modules the command uses)
    import generator.site  # noqa: F401  (and those `build` and `serve` import as they start)
    import generator.serve  # noqa: F401

    originals = {}
    for stage, module, name in STAGES:
        originals[id(getattr(sys.modules[module], name))] = stage
    for module in _generator_modules():
        for name, value in vars(module).items():
            if (SEARCH_MODULE.match(module.__name__) and inspect.isfunction(value) and value.__module__ == module.__name__
                    and SEARCH_FUNCTION.search(name) and id(value) not in originals):
                originals[id(value)] = "search"
    stage, module, cls, method = WAIT
    owner = getattr(sys.modules[module], cls)
    setattr(owner, method, timers.wrap(stage, getattr(owner, method)))
    wrapped = {}
    for module in _generator_modules():
        for name, value in list(vars(module).items()):
            stage = originals.get(id(value))
            if stage is not None:
                wrapped.setdefault(id(value), timers.wrap(stage, value))
                setattr(module, name, wrapped[id(value)])


class TreeSampler(threading.Thread):
    """The most memory this process and its children held at once, sampled from /proc."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_mb = 0.0
        self.pagefind_peak_mb = 0.0  # the most one Pagefind process held (a run of one part)
        self.pss_peak_mb = 0.0  # the same tree's proportional memory: a fork's shared pages counted once
        self.at_pss_peak: dict[str, float] = {}  # each process's share then, by name
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.05):
            by_name: dict[str, float] = {}
            self.peak_mb = max(self.peak_mb, _tree_rss_mb(os.getpid(), by_name))
            self.pagefind_peak_mb = max(self.pagefind_peak_mb, by_name.get("pagefind", 0.0))
            shares: dict[str, float] = {}
            pss = _tree_pss_mb(os.getpid(), shares)
            if pss > self.pss_peak_mb:
                self.pss_peak_mb, self.at_pss_peak = pss, shares

    def stop(self) -> float:
        self.done.set()
        self.join()
        return self.peak_mb


def _tree_rss_mb(pid: int, by_name: dict[str, float] | None = None) -> float:
    """The resident memory of `pid` and its descendants; `by_name` gets the most one process
    of each name held (a name as /proc gives it, "pagefind_extended" counted as "pagefind")."""
    total, pending = 0.0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/status") as status:
                fields = dict(line.split(":", 1) for line in status if line.startswith(("Name:", "VmRSS:")))
            rss = int(fields.get("VmRSS", "0 kB").split()[0]) / 1024
            total += rss
            if by_name is not None:
                name = "pagefind" if fields.get("Name", "").strip().startswith("pagefind") else fields.get("Name", "").strip()
                by_name[name] = max(by_name.get(name, 0.0), rss)
            pending += _children(current)
        except (OSError, ValueError):
            continue
    return total


def _tree_pss_mb(pid: int, shares: dict[str, float]) -> float:
    """The proportional set size of `pid` and its descendants (/proc/PID/smaps_rollup): a
    page shared by forked processes counts once in all, where RSS counts it in each.
    `shares` gets each process's, under its name and pid."""
    total, pending = 0.0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup") as rollup:
                pss = next((int(line.split()[1]) for line in rollup if line.startswith("Pss:")), 0) / 1024
            with open(f"/proc/{current}/comm") as comm:
                shares[f"{comm.read().strip()} {current}"] = round(pss)
            total += pss
            pending += _children(current)
        except (OSError, ValueError):
            continue
    return total


def _children(pid: int) -> list[int]:
    """The children of every thread of `pid`: a child started from a thread (Pagefind's runs
    are) is listed under that thread, not under the process's main one."""
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/children") as children:
                found += [int(child) for child in children.read().split()]
        except OSError:
            continue
    return found


def _time_the_child(timers: Timers, where: Path) -> None:
    """`build` runs reading, rendering and writing in a forked child (`apart.Apart`), whose
    timers die with it: it writes them to `where` as it ends."""
    import generator.cli

    apart = getattr(sys.modules.get("generator.apart"), "Apart", None) or getattr(generator.cli, "_Apart", None)
    if apart is None:
        raise SystemExit("measure: generator.apart.Apart not found: the child's stages would not be timed")
    original = apart.__init__

    def init(self, work):
        def timed(docs_written):
            try:
                work(docs_written)
            finally:
                where.write_text(json.dumps(timers.stages))

        original(self, timed)

    apart.__init__ = init


def run_pagefind(site: Path) -> dict:
    """The search index as a separate step: Pagefind's CLI on the built site."""
    start = time.perf_counter()
    with open(site.parent / "pagefind.log", "wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "pagefind", "--site", str(site)], stdout=log, stderr=log)
        _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return {
        "seconds": time.perf_counter() - start, "calls": 1, "function": "python -m pagefind --site SITE (subprocess)",
        "peak_rss_mb": peak_mb(), "children_peak_rss_mb": usage.ru_maxrss / 1024, "returncode": process.returncode,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=("build", "generate"))
    parser.add_argument("--input", type=Path, required=True)
    parser.add_argument("--docs", type=Path, required=True)
    parser.add_argument("--site", type=Path)
    parser.add_argument("--config", type=Path)
    parser.add_argument("--result", type=Path, required=True)
    parser.add_argument("--code", type=Path, default=REPO, help="the folder holding generator/ (default: this repository)")
    args = parser.parse_args()
    sys.path.insert(0, str(args.code))
    timers = Timers()
    install(timers)
    import generator.cli

    argv = [args.command, "--input", str(args.input), "--docs", str(args.docs)]
    if args.command == "build":
        argv += ["--site", str(args.site), "--config", str(args.config)]
    _time_the_child(timers, args.result.with_suffix(".child.json"))
    sampler = TreeSampler()
    sampler.start()
    start = time.perf_counter()
    try:
        generator.cli.main.main(args=argv, prog_name="generator", standalone_mode=False)
        status = 0
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else 1
    command_seconds = time.perf_counter() - start
    tree_peak_mb = sampler.stop()
    pagefind_peak_mb = sampler.pagefind_peak_mb
    sys.stdout.flush()
    stages = timers.stages
    child = args.result.with_suffix(".child.json")
    if child.is_file():  # `build` reads and renders in a forked child: its stages are there
        for stage, record in json.loads(child.read_text()).items():
            if stage in stages:  # timed on both sides (the docs are committed by the parent)
                mine = stages[stage]
                mine["seconds"] += record["seconds"]
                mine["calls"] += record["calls"]
                mine["function"] = ", ".join(dict.fromkeys([*mine["function"].split(", "), *record["function"].split(", ")]))
                for peak in ("peak_rss_mb", "children_peak_rss_mb"):
                    mine[peak] = max(mine.get(peak) or 0, record.get(peak) or 0)
            else:
                stages[stage] = record
        child.unlink()
    if args.command == "build" and status == 0 and "search" not in stages:
        if (args.site / "pagefind").is_dir():
            stages["search"] = {"seconds": None, "function": "inside the MkDocs stage (not separable)"}
        else:
            stages["search"] = run_pagefind(args.site)
    result = {
        "status": status,
        "command_seconds": command_seconds,
        "other_seconds": command_seconds - sum(s["seconds"] for k, s in stages.items() if s.get("seconds") and
                                               not s["function"].endswith("(subprocess)")),
        "stages": stages,
        "peak_rss_mb": peak_mb(),
        "children_peak_rss_mb": peak_mb(resource.RUSAGE_CHILDREN),
        "tree_peak_mb": tree_peak_mb,
        "tree_pss_peak_mb": sampler.pss_peak_mb,
        "at_pss_peak": sampler.at_pss_peak,
        "pagefind_peak_mb": pagefind_peak_mb,
    }
    args.result.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
