"""Stage 3, `parse`: cleaned lines to labelled turns.

Two passes over the body. The first finds the lines that are labels by their shape
(`labels.detect`); the second finds the same labels running into their text on one line
("NATO Spokesperson Farah Dakhlallah Thank you all."), which only a label already seen
in the transcript can be told apart by. Every line that is not a label is a paragraph of
the turn above it; none is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import labels
from .model import Label, LabelledTurn, Line


def parse(body: Sequence[Line]) -> tuple[LabelledTurn, ...]:
    found = {line.number: labels.detect(line.text) for line in body}
    known = {hit[0].text: hit[0] for hit in found.values() if hit and hit[0].name}
    turns: list[LabelledTurn] = []
    label: Label | None = None
    start = body[0].number if body else 1
    paragraphs: list[str] = []
    for line in body:
        hit = found[line.number] or labels.detect_known(line.text, known)
        if hit is None:
            paragraphs.append(line.text)
            continue
        if label is not None or paragraphs:
            turns.append(LabelledTurn(label, tuple(paragraphs), start))
        label, rest = hit
        start, paragraphs = line.number, [rest] if rest else []
    if label is not None or paragraphs:
        turns.append(LabelledTurn(label, tuple(paragraphs), start))
    return tuple(turns)
