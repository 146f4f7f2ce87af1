"""What "Asked before?" (`generator/related.py`) costs, against the full build it is part of.

    nice python benchmarks/related.py --sizes 1000 10000 --workdir /tmp/related-bench
    nice python benchmarks/related.py --sizes 1000 10000 --workdir /tmp/related-real --source /tmp/bench-real

For each N: the synthetic corpus (`synth.py N DIR --seed 1`), then

1. the full build, `python -m generator build --no-cache`, in a fresh process: its wall time
   and its peak memory (the process tree's, from `RUSAGE_CHILDREN`);
2. in a second process, on the same transcripts as read: the time to weigh every
   transcript's words (`related.weigh`, which the build does in its reading workers) and
   to link the whole archive with nothing kept (`related.link`, in the rendering process),
   the peak memory `link` adds, and, with the store of that run, the time to link the
   archive with one new transcript and with nothing changed.

`weigh` + `link` (cold), as if run one after the other on one core, is an upper bound of
what the feature adds to the build; the report gives it as a share of the build's wall time.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))


def project(root: Path, n: int, source: Path | None = None) -> Path:
    """A project to build in `root`: the synthetic corpus of N, or a copy of `source`/nN/transcripts."""
    import synth

    if not (root / "transcripts").is_dir():
        if source:
            shutil.copytree(source / f"n{n}" / "transcripts", root / "transcripts")
        else:
            synth.make_corpus(n, root / "transcripts", 1)
    for name in ("mkdocs.yml",):
        shutil.copy(REPO / name, root / name)
    for folder in ("overrides",):
        shutil.rmtree(root / folder, ignore_errors=True)
        shutil.copytree(REPO / folder, root / folder)
    shutil.rmtree(root / "docs", ignore_errors=True)
    from generator.render.paths import GENERATED

    shutil.copytree(REPO / "docs", root / "docs", ignore=lambda folder, names: set(names) & set(GENERATED)
                    if Path(folder) == REPO / "docs" else set())
    return root


def build(root: Path) -> tuple[float, float]:
    """Wall seconds and peak MB of a full build with nothing cached."""
    shutil.rmtree(root / "site", ignore_errors=True)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "generator", "-q", "build", "--no-cache"], cwd=root,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"build failed:\n{done.stderr[-2000:]}")
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def measure_related(input_dir: Path) -> dict:
    """Run in a process of its own (`--child`): the costs of weigh and link."""
    from generator import related
    from generator.pipeline import load_corpus

    transcripts = load_corpus(input_dir).transcripts
    bare = tuple(dataclasses.replace(t, words=None) for t in transcripts)
    started = time.perf_counter()
    weighed = tuple(dataclasses.replace(t, words=related.weigh(t)) for t in bare)
    weigh = time.perf_counter() - started
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    store: dict = {}
    started = time.perf_counter()
    linked = related.link(weighed, store)
    cold = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    last = max(weighed, key=lambda t: t.order)
    new = dataclasses.replace(last, id=last.id + "-new", source=last.source.with_name(last.source.stem + "-new.txt"))
    started = time.perf_counter()
    related.link((*weighed, new), store)
    one_new = time.perf_counter() - started
    started = time.perf_counter()
    related.link((*weighed, new), store)
    unchanged = time.perf_counter() - started
    return {"transcripts": len(weighed), "exchanges": sum(len(t.exchanges) for t in weighed),
            "listed": sum(bool(r) for t in linked for r in t.related), "weigh": weigh, "link": cold,
            "one_new": one_new, "unchanged": unchanged, "link_mb": peak - before, "process_mb": peak}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/related-bench"))
    parser.add_argument("--source", type=Path, help="a folder of corpora nN/transcripts to copy instead of "
                        "synthesising (the real-text corpora of `bench.py --corpus real`)")
    parser.add_argument("--no-build", action="store_true", help="measure weigh and link only (no full build)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_related(args.child)))
        return
    rows = []
    for n in args.sizes:
        root = project(args.workdir / str(n), n, args.source)
        seconds, peak = build(root) if not args.no_build else (float("nan"), float("nan"))
        child = subprocess.run([sys.executable, __file__, "--child", str(root / "transcripts")],
                               capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": "0"})
        r = json.loads(child.stdout.splitlines()[-1])
        share = (r["weigh"] + r["link"]) / seconds
        rows.append(f"| {n:,} | {r['exchanges']:,} | {r['listed']:,} | {seconds:.1f} | {peak:,.0f} | {r['weigh']:.2f} | "
                    f"{r['link']:.2f} | **{share:.1%}** | {r['link_mb']:,.0f} | {r['one_new']:.2f} | {r['unchanged']:.2f} |")
        print(rows[-1], file=sys.stderr)
    print("| N | exchanges | with a list | full build (s) | build peak (MB) | weigh (s) | link, cold (s) | "
          "weigh + link / build | link adds (MB) | one new transcript (s) | nothing changed (s) |")
    print("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
