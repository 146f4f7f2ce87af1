"""What `check` says of each transcript: counts an editor can compare with the text."""

from __future__ import annotations

import json

from .pipeline import Corpus, Reading
from .render.markdown import plural


def counts(reading: Reading) -> dict[str, object]:
    t = reading.transcript
    askers = [e.question.speaker for e in t.exchanges]
    answerers = sorted({turn.speaker.person.name for e in t.exchanges for turn in e.answers if turn.speaker.person})
    return {
        "questions": len(t.exchanges),
        "questioners": len({s.person.id for s in askers if s.person}),
        "outlets": len({s.outlet.id for s in askers if s.outlet}),
        "answerers": answerers,
    }


def summary(reading: Reading) -> str:
    found = counts(reading)
    answerers = found["answerers"]
    return (
        f"{reading.transcript.source}: {plural(found['questions'], 'question')}, "
        f"{plural(found['questioners'], 'questioner')}, {plural(found['outlets'], 'outlet')}, "
        f"{plural(len(answerers), 'answerer')} ({', '.join(answerers) or 'none'})"
    )


def findings_json(corpus: Corpus, changes: tuple = ()) -> str:
    """What `check` found, for scripts: per transcript its counts, warnings and removed
    lines; the problems of those that could not be read; and the changes a run of
    `generate` would make to the anchor ledger."""
    return json.dumps(
        {
            "transcripts": [
                {
                    "source": str(r.transcript.source),
                    "id": r.transcript.id,
                    **counts(r),
                    "warnings": [
                        {"path": str(w.path), "line": w.line, "message": w.message} for w in r.warnings
                    ],
                    "removed": [{"line": line.number, "text": line.text} for line in r.removed],
                }
                for r in corpus.readings
            ],
            "failed": [{"path": str(p.path), "line": p.line, "message": p.message} for p in corpus.failed],
            "ledger_changes": [
                {"path": str(c.path), "line": c.line, "message": c.message, "moves_anchor": c.moves} for c in changes
            ],
        },
        ensure_ascii=False,
        indent=2,
    )
