"""What the anchor ledger (`anchors.yml`) may hold, checked as the sidecars are (`schema.py`).

The ledger is written by `generate`, but it is committed and merged, so it can be edited
into anything. Before a hand-edited ledger is read, every key is checked against the shape
`ledger.file.dumps` writes, and every problem is a `path:line: message` at the key or value the
editor has to fix: an unknown key (a section, a transcript's field, a fingerprint's field)
is an error, under `--frozen` too, and never dropped without a word. YAML's aliases, anchors
and tags are refused outright: `dumps` never writes one, and an alias is how a small file
expands into a huge one.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import InputError, Problem


@dataclass(frozen=True)
class Shape:
    """A mapping of fixed keys (`fields`), or of free keys (ids, anchors) whose values all
    have one shape (`each`); `text` where a plain value is allowed in its place."""

    what: str
    fields: dict[str, Shape | str] | None = None  # key -> shape, or "a value" / "a list" for scalars
    each: Shape | str | None = None
    text: bool = False


VALUE, LIST = "a value", "a list"
MARK = Shape("an anchor's fingerprint", {
    "asker": VALUE, "outlet": VALUE, "answers": LIST, "digest": VALUE, "text": VALUE, "removed": VALUE, "into": VALUE,
})
TRANSCRIPT = Shape("a published transcript", {
    "source": VALUE, "url": VALUE, "title": VALUE, "withdrawn": VALUE, "anchors": Shape("its anchors", each=MARK),
})
PAGE = Shape("a published page", {"name": VALUE, "moved": VALUE}, text=True)
LEDGER = Shape("the ledger", {
    "transcripts": Shape("the transcripts", each=TRANSCRIPT),
    "speakers": Shape("the speaker pages", each=PAGE),
    "outlets": Shape("the outlet pages", each=PAGE),
})
SECTIONS = frozenset(LEDGER.fields or ())
_RESTORE = "restore the ledger from version control, or run `python -m generator generate` to write it again"


def check(path: Path, text: str) -> None:
    """Raise `InputError` with every problem of a ledger's text; return where it has none."""
    problems = list(_refused_events(path, text))
    if not problems:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        if node is not None:
            _check(path, node, LEDGER, problems)
    if problems:
        raise InputError(sorted(problems))


def written(value: object, shape: Shape) -> bool:
    """Whether a value read from one line of the ledger (a JSON text) has only the keys of
    `shape`: where not, the line goes to `check` to be said."""
    if shape.text and isinstance(value, str):
        return True
    return isinstance(value, dict) and set(value) <= set(shape.fields or ())


def _line(node: yaml.Node | yaml.Event) -> int:
    return node.start_mark.line + 1


def _refused_events(path: Path, text: str) -> list[Problem]:
    """Aliases, anchors and tags: what `dumps` never writes."""
    problems = []
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            problems.append(Problem(path, _line(event), f"an alias (*{event.anchor}) is refused in the ledger: {_RESTORE}"))
        elif isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            problems.append(Problem(path, _line(event), f"an anchor (&{event.anchor}) is refused in the ledger: {_RESTORE}"))
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)) and event.tag is not None:
            problems.append(Problem(path, _line(event), f"a tag ({event.tag}) is refused in the ledger: {_RESTORE}"))
    return problems


def _check(path: Path, node: yaml.Node, shape: Shape | str, problems: list[Problem]) -> None:
    if shape == VALUE:
        if not isinstance(node, yaml.ScalarNode):
            problems.append(Problem(path, _line(node), f"expected a single value here: {_RESTORE}"))
        return
    if shape == LIST:
        if not isinstance(node, yaml.SequenceNode) or any(not isinstance(n, yaml.ScalarNode) for n in node.value):
            problems.append(Problem(path, _line(node), f"expected a list of values here: {_RESTORE}"))
        return
    assert isinstance(shape, Shape)
    if isinstance(node, yaml.ScalarNode) and (shape.text or node.tag == "tag:yaml.org,2002:null"):
        return
    if not isinstance(node, yaml.MappingNode):
        problems.append(Problem(path, _line(node), f"expected {shape.what} (a mapping) here: {_RESTORE}"))
        return
    seen: set[str] = set()
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key is None or key in seen:
            what = "a key must be a plain value" if key is None else f"duplicate key '{key}'"
            problems.append(Problem(path, _line(key_node), f"{what}: {_RESTORE}"))
            continue
        seen.add(key)
        if shape.fields is not None and key not in shape.fields:
            problems.append(Problem(path, _line(key_node), _unknown(key, shape)))
            continue
        _check(path, value_node, shape.fields[key] if shape.fields is not None else shape.each, problems)


def _unknown(key: str, shape: Shape) -> str:
    fields = shape.fields or {}
    close = difflib.get_close_matches(key, fields, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"unknown key '{key}' in {shape.what} ({hint}known keys: {', '.join(sorted(fields))}): {_RESTORE}"
