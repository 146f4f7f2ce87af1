"""A ledger with a few entries changed, spliced into the file as the last run wrote it: the
bytes `dumps` gives the whole ledger, and each entry read back from the text as it was."""

from __future__ import annotations

import datetime
import random
from pathlib import Path

from generator.ledger import Entry, Ledger, Mark, Page, dumps
from generator.ledger.spliced import Known, Spliced, known


def _entry(rng: random.Random, id_: str, n: int) -> Entry:
    marks = tuple(Mark(f"q{k}", rng.choice([None, "jane-roe"]), None, ("mark-rutte",), f"{rng.getrandbits(48):012x}",
                       f"question {k} of {id_}", datetime.date(2025, 1, k) if rng.random() < 0.1 else None)
                  for k in range(1, n + 1))
    return Entry(f"{id_}.txt", f"transcripts/2025/{id_}/", f"Title of {id_} “quoted”", marks,
                 datetime.date(2025, 6, 1) if rng.random() < 0.1 else None)


def test_a_spliced_ledger_is_the_whole_ledger_dumped(tmp_path: Path):
    rng = random.Random(3)
    ids = sorted(f"2025-01-{n:02d}-event-{rng.randint(0, 99)}" for n in range(1, 29))
    entries = {id_: _entry(rng, id_, rng.randint(0, 6)) for id_ in ids}
    pages = {"mark-rutte": Page("Mark Rutte"), "jane-roe": Page("Jane Roe")}
    ledger = Ledger(entries, pages, {"reuters": Page("Reuters")})
    path = tmp_path / "anchors.yml"
    path.write_text(dumps(ledger), encoding="utf-8")
    base = known(path, ledger)
    assert isinstance(base, Known) and base.holds(path)
    for trial in range(20):
        changed = {id_: _entry(rng, id_, rng.randint(0, 5)) for id_ in rng.sample(ids, rng.randint(0, 4))}
        changed |= {f"2025-{rng.randint(1, 12):02d}-{rng.randint(10, 28)}-new-{trial}": _entry(rng, "new", 2)
                    for _ in range(rng.randint(0, 3))}
        speakers = {**pages, "new-one": Page("New One", "mark-rutte")} if trial % 2 else pages
        spliced = Spliced(path.read_text(encoding="utf-8"), base, changed, speakers, {"reuters": Page("Reuters")})
        assert spliced.dumps() == dumps(Ledger({**entries, **changed}, speakers, {"reuters": Page("Reuters")}))
        assert all(spliced.entry(id_) == entries[id_] for id_ in ids if id_ not in changed)
    assert Spliced(path.read_text(encoding="utf-8"), base, {}, pages, {"reuters": Page("Reuters")}).unchanged
