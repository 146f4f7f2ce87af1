"""Where `generate` spends its time: cProfile over read/parse, render and write.

    python benchmarks/profile_generate.py [N] [--input DIR] [--top K] [--stats FILE]

Synthesises N transcripts (default 250) into a temporary folder, or reads `--input`, then
runs the generator's own stages (`load_corpus` → `render_site` → `write_tree`) once
without the profiler (each stage's plain time) and once under it, into an empty docs
folder both times, and prints the top K functions by own time and by cumulative time.
MkDocs and Pagefind are not profiled: `bench.py` times them.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))

import synth

from generator import render
from generator.pipeline import load_corpus
from generator.render.paths import GENERATED
from generator.write import write_tree


def stages(input_dir: Path, docs: Path) -> dict[str, float]:
    """One generate, into an empty `docs`; the seconds of each stage."""
    shutil.rmtree(docs, ignore_errors=True)
    docs.mkdir(parents=True)
    times = {}
    start = time.perf_counter()
    corpus = load_corpus(input_dir)
    times["read/parse"] = time.perf_counter() - start
    files = render.render_site(corpus.transcripts)
    times["render"] = time.perf_counter() - start - sum(times.values())
    write_tree(docs, files, GENERATED)
    times["write"] = time.perf_counter() - start - sum(times.values())
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="?", default=250, help="transcripts to synthesise (default 250)")
    parser.add_argument("--input", type=Path, help="profile this transcript folder instead")
    parser.add_argument("--top", type=int, default=25, help="functions to list (default 25)")
    parser.add_argument("--stats", type=Path, help="also save the raw profile here (for snakeviz, pstats)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="transcripts-profile-") as tmp:
        input_dir = args.input or Path(tmp) / "transcripts"
        if args.input is None:
            synth.make_corpus(args.n, input_dir)
        plain = stages(input_dir, Path(tmp) / "docs")
        profiler = cProfile.Profile()
        profiler.enable()
        stages(input_dir, Path(tmp) / "docs")
        profiler.disable()
    print("Without the profiler: " + ", ".join(f"{k} {v:.2f} s" for k, v in plain.items())
          + f", total {sum(plain.values()):.2f} s")
    if args.stats:
        profiler.dump_stats(args.stats)
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order).print_stats(args.top)
        print(f"\n--- by {order} ---")
        print(out.getvalue().split("\n\n", 1)[-1].strip())


if __name__ == "__main__":
    main()
