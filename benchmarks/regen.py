"""One transcript changed, then `generate` with the cache warm: the wall time of the command.

    python benchmarks/regen.py N [--workdir DIR] [--corpus DIR] [--edits K] [--no-check] [--profile FILE]

Makes the synthetic corpus of N transcripts (`synth.py N DIR --seed 1`, or copies `--corpus`,
a folder `synth.py` wrote) into DIR/transcripts, runs `python -m generator generate` once
from nothing (the cache filled), once again with nothing changed, then K times (default 3)
changes one sentence of one transcript's text (a different transcript each time, as
`bench.py` edits one) and times `generate`, each a fresh process. Then, unless
`--no-check`, a cold `generate --no-cache --frozen` of the same input into another docs
folder, whose generated files must be byte for byte those of the warm run. `--profile`
runs the last edit's `generate` under cProfile instead and writes its stats there.

`--serve` then edits K more transcripts the way `serve` regenerates after an edit: in one
process (this one) that keeps its cache between regenerations, each timed from the
regeneration's start to the docs written (the first, which loads the cache, is timed apart).

Prints one line per run, then the median of the edits. Run it under `nice` on a shared machine.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(REPO))

import synth

from generator.render.paths import GENERATED


def generate(root: Path, docs: Path, *options: str, profile: Path | None = None) -> tuple[float, str]:
    """One `python -m generator generate` on the workdir's input: its wall time and report."""
    head = [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "generator"] if profile else \
        [sys.executable, "-m", "generator"]
    argv = [*head, "generate", "--input", str(root / "transcripts"), "--docs", str(docs),
            "--config", str(root / "mkdocs.yml"), "--cache", str(root / ".podium-cache"), *options]
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=root, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"regen: generate failed ({done.returncode}):\n{done.stderr[-4000:]}")
    said = [line for line in done.stdout.splitlines() if "written" in line]
    return seconds, (said[-1].split(";", 1)[-1].split(" in /")[0].strip() if said else "(no report)")


def edit(input_dir: Path, k: int) -> Path:
    """Change a sentence in an answer of one transcript (the k-th after the middle one)."""
    sources = sorted(input_dir.glob("*.txt"))
    path = sources[(len(sources) // 2 + 7 * k) % len(sources)]
    lines = path.read_bytes().split(b"\n")
    target = max(range(len(lines) // 2, len(lines)), key=lambda i: len(lines[i]))
    lines[target] = lines[target].rstrip(b"\r ").replace(b".", b". That much is clear,", 1) + b" Indeed."
    path.write_bytes(b"\n".join(lines))
    return path


def prepare(root: Path, n: int, corpus: Path | None) -> None:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    if corpus:
        shutil.copytree(corpus, root / "transcripts")
    else:
        synth.make_corpus(n, root / "transcripts", 1)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs", ignore=lambda folder, names: set(names) & set(GENERATED)
                    if Path(folder) == REPO / "docs" else set())


def same_docs(a: Path, b: Path) -> list[str]:
    """The generated files that differ between two docs folders (or are in only one)."""
    def files(root: Path) -> set[str]:
        return {p.relative_to(root).as_posix() for top in GENERATED for p in ((root / top).rglob("*")
                if (root / top).is_dir() else [root / top]) if p.is_file()}

    left, right = files(a), files(b)
    differ = sorted(left ^ right)
    differ += [name for name in sorted(left & right) if not filecmp.cmp(a / name, b / name, shallow=False)]
    return differ


def serve_edits(root: Path, n: int, edits: range) -> list[float]:
    """Each of `edits` made, then regenerated as `serve` does (`generate.regenerate`, one
    process, one cache held between regenerations): the seconds of each. Run from the
    workdir, the input folder named as `serve` there names it (`cli._input_folder`): the
    cache keys readings by their paths as named, as the `generate` runs before named them."""
    from generator import generate as flow
    from generator.cache import Cache
    from generator.cli import _input_folder, _site_url

    os.chdir(root)
    site_url = _site_url(root / "mkdocs.yml")
    cache = Cache(root / ".podium-cache", site_url)
    folder = _input_folder(None, None, root / "transcripts")

    def regenerate() -> tuple[float, str]:
        start = time.perf_counter()
        said = str(flow.regenerate(folder, root / "docs", cache, site_url).report)
        return time.perf_counter() - start, said

    seconds, said = regenerate()
    print(f"regen: N={n:,}: serve's first regeneration (the cache loaded) {seconds:.2f} s ({said})", flush=True)
    times = []
    for k in edits:
        path = edit(root / "transcripts", k)
        seconds, said = regenerate()
        times.append(seconds)
        print(f"regen: N={n:,}: serve, {path.name} changed {seconds:.2f} s ({said})", flush=True)
    print(f"regen: N={n:,}: serve, one transcript changed, median of {len(times)}: {statistics.median(times):.2f} s "
          f"(load {os.getloadavg()[0]:.2f})", flush=True)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/regen-bench"))
    parser.add_argument("--corpus", type=Path, help="copy this synth.py folder instead of making one")
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--no-check", action="store_true", help="skip the cold build to compare with")
    parser.add_argument("--profile", type=Path, help="profile the last edit's generate into this file")
    parser.add_argument("--reuse", action="store_true", help="keep the workdir as it is (its cache warm)")
    parser.add_argument("--serve", action="store_true", help="also K edits regenerated as `serve` does, in one process")
    args = parser.parse_args()
    root = (args.workdir / f"n{args.n}").absolute()  # `--serve` runs from it
    if not args.reuse:
        prepare(root, args.n, args.corpus)
        seconds, said = generate(root, root / "docs")
        print(f"regen: N={args.n:,}: from nothing {seconds:.2f} s ({said})", flush=True)
    seconds, said = generate(root, root / "docs")
    print(f"regen: N={args.n:,}: nothing changed {seconds:.2f} s ({said})", flush=True)
    times = []
    for k in range(args.edits):
        path = edit(root / "transcripts", k)
        profile = args.profile if args.profile and k == args.edits - 1 else None
        seconds, said = generate(root, root / "docs", profile=profile)
        times.append(seconds)
        print(f"regen: N={args.n:,}: {path.name} changed {seconds:.2f} s ({said}){' (profiled)' if profile else ''}",
              flush=True)
    if times:
        print(f"regen: N={args.n:,}: one transcript changed, median of {len(times)}: {statistics.median(times):.2f} s "
              f"(load {os.getloadavg()[0]:.2f})", flush=True)
    if args.serve:
        serve_edits(root, args.n, range(args.edits, 2 * args.edits))
    if not args.no_check:
        cold = root / "docs-cold"
        shutil.rmtree(cold, ignore_errors=True)
        shutil.copytree(root / "docs", cold, ignore=lambda folder, names: set(names) & set(GENERATED)
                        if Path(folder) == root / "docs" else set())
        seconds, _ = generate(root, cold, "--no-cache", "--frozen")
        differ = same_docs(root / "docs", cold)
        print(f"regen: N={args.n:,}: cold --no-cache {seconds:.2f} s; "
              + (f"{len(differ)} files differ from the warm run: {differ[:5]}" if differ else
                 "the warm run's docs are byte-identical"), flush=True)
        if differ:
            sys.exit(1)


if __name__ == "__main__":
    main()
