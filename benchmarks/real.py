"""A corpus of real text for the benchmark: the transcripts of ../shared/real, repeated.

    python benchmarks/real.py N DIR [--source ../shared/real]

The source holds the 300 transcripts of three publishers (pmc/, state/, wh/), each a
`.txt` with a `.yml` sidecar (date, title, source_url). Copy k of a transcript (k = 0 for
the first 300, 1 for the next 300, ...) is dated k years before the original, in its file
name and in its sidecar, so that every copy is a transcript of its own, with its own page,
URL and anchors: a 29 February moved into a year that has none becomes the 28th. The
text is the original's, byte for byte. Transcripts are taken in the order of their paths,
so the same N gives the same bytes.
"""

from __future__ import annotations

import argparse
import datetime
import re
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent.parent / "shared" / "real"
DATED = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")
DATE_LINE = re.compile(r"^date: .*$", re.MULTILINE)


def sources(source: Path = SOURCE) -> list[Path]:
    """The transcripts (`.txt`) under `source`'s publisher folders, in order."""
    found = sorted(p for p in source.glob("*/*.txt") if DATED.match(p.stem))
    if not found:
        raise SystemExit(f"real: no dated transcripts (YYYY-MM-DD-slug.txt) under {source}")
    return found


def years_before(date: datetime.date, years: int) -> datetime.date:
    try:
        return date.replace(year=date.year - years)
    except ValueError:  # 29 February, into a year without one
        return date.replace(year=date.year - years, day=28)


def make_corpus(n: int, out: Path, source: Path = SOURCE) -> list[Path]:
    """Write `n` transcripts and their sidecars into `out`; the paths of the transcripts."""
    originals = sources(source)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(n):
        original = originals[i % len(originals)]
        copy = i // len(originals)
        year, month, day, slug = DATED.match(original.stem).groups()
        date = years_before(datetime.date(int(year), int(month), int(day)), copy)
        target = out / f"{date.isoformat()}-{slug}.txt"
        if target.exists():
            raise SystemExit(f"real: two transcripts would be {target.name}: {original} and one before it")
        shutil.copyfile(original, target)
        sidecar = original.with_suffix(".yml")
        if sidecar.is_file():
            text = sidecar.read_text(encoding="utf-8")
            text, found = DATE_LINE.subn(f"date: '{date.isoformat()}'", text, count=1)
            if not found:
                text = f"date: '{date.isoformat()}'\n" + text
            target.with_suffix(".yml").write_text(text, encoding="utf-8")
        written.append(target)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="how many transcripts")
    parser.add_argument("out", type=Path, help="the folder to write them into")
    parser.add_argument("--source", type=Path, default=SOURCE, help=f"the real transcripts (default {SOURCE})")
    args = parser.parse_args()
    written = make_corpus(args.n, args.out, args.source)
    size = sum(p.stat().st_size for p in written)
    print(f"real: {len(written):,} transcripts, {size / 1e6:.1f} MB, in {args.out}")


if __name__ == "__main__":
    main()
