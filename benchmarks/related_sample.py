"""Suggestions of "Asked before?" to check by hand: N exchanges drawn at random (seeded)
from those that have at least one earlier exchange listed, each with its first suggestion.

    python benchmarks/related_sample.py ../shared/real/pmc ../shared/real/state ../shared/real/wh --count 50

Each of the folders is read as an archive of its own (a publisher's), as the site would be
built from it. Prints, for each pick, the question (its opening words), the suggested
earlier question and the start of its answer, and the score: a reader judges whether the
two are on the same subject.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator import related  # noqa: E402
from generator.pipeline import load_corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--words", type=int, default=60, help="of each question and answer shown")
    args = parser.parse_args()
    picks = []
    for folder in args.folders:
        transcripts = related.link(load_corpus(folder).transcripts)
        _exchanges.update({(t.id, e.anchor): e for t in transcripts for e in t.exchanges})
        picks += [(folder.name, t, e, t.related[i][0]) for t in transcripts if t.related
                  for i, e in enumerate(t.exchanges) if t.related[i]]
    total = len(picks)
    chosen = sorted(random.Random(args.seed).sample(picks, min(args.count, total)), key=lambda p: (p[0], p[1].order))
    cut = lambda text: " ".join(text.split()[:args.words])  # noqa: E731
    print(f"{len(chosen)} of {total} exchanges with a suggestion, seed {args.seed}\n")
    for n, (where, t, e, r) in enumerate(chosen, 1):
        print(f"## {n}. {where} {t.id} {e.anchor}  →  {r.transcript} {r.anchor}  (score {r.score:.2f})")
        print(f"Q:  {cut(e.question.text)}")
        print(f"Q': {cut(_exchanges[(r.transcript, r.anchor)].question.text)}")
        print(f"A': {cut(r.opening)}\n")


_exchanges: dict = {}  # every exchange read, by (transcript id, anchor): a suggestion's own question


if __name__ == "__main__":
    main()
