"""MkDocs + Material against Zensical on the same generated docs, at growing N.

    python benchmarks/engines.py [--sizes 250 1000] [--workdir DIR] [--repeat 2]

For each N: a synthetic corpus (`synth.py`), the docs generated once (`podium generate`),
then each engine alone (`generator.engine.run`, as `podium build` calls it, without the
search index, which is Pagefind's whichever engine built the pages) into a fresh folder,
in alternating order, `--repeat` times; the best time of each. Prints a Markdown table
and the ratio Zensical / MkDocs.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator import engine  # noqa: E402


def project(root: Path, n: int) -> Path:
    folder = root / f"n{n}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "synth.py"), str(n), str(folder / "transcripts")], check=True)
    for name in ("mkdocs.yml", "overrides"):
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy)(REPO / name, folder / name)
    shutil.copytree(REPO / "docs", folder / "docs", ignore=shutil.ignore_patterns(
        "index.md", "transcripts", "speakers", "outlets", "api", "feeds"))
    subprocess.run([sys.executable, "-m", "generator", "-q", "generate"], cwd=folder, check=True, stdout=subprocess.DEVNULL)
    return folder


def timed(name: str, folder: Path) -> float:
    out = folder / f".site-{name}"
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    engine.run(name, folder / "mkdocs.yml", folder / "docs", out)
    took = time.perf_counter() - start
    shutil.rmtree(out, ignore_errors=True)
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000])
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    root = args.workdir or Path(tempfile.mkdtemp(prefix="podium-engines-"))
    rows = []
    for n in args.sizes:
        folder = project(root, n)
        best = {name: float("inf") for name in engine.ENGINES}
        for turn in range(args.repeat):
            for name in (engine.ENGINES if turn % 2 == 0 else tuple(reversed(engine.ENGINES))):
                best[name] = min(best[name], timed(name, folder))
        rows.append((n, best["mkdocs"], best["zensical"]))
        print(f"n={n}: mkdocs {best['mkdocs']:.1f} s, zensical {best['zensical']:.1f} s", file=sys.stderr, flush=True)
    print("| transcripts | MkDocs + Material | Zensical 0.0.73 | Zensical / MkDocs |")
    print("|---|---|---|---|")
    for n, mk, zen in rows:
        print(f"| {n:,} | {mk:.1f} s | {zen:.1f} s | {zen / mk:.2f}x |")


if __name__ == "__main__":
    main()
