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


def findings_json(corpus: Corpus) -> str:
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
            ]
        },
        ensure_ascii=False,
        indent=2,
    )
