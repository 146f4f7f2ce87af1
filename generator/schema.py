"""Typed schemas for the YAML an editor writes (sidecars, the registry).

Modelled on MkDocs' `config_options`: each field has a type and a docstring, and an
unknown key, a missing key or a wrong type is a `path:line: message` error. The YAML is
composed into nodes first, so every error carries the line the editor has to fix.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from .errors import InputError, Problem

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Field:
    """One key of a mapping: what it holds, whether it must be there, what it is for."""

    kind: Text | Url | Date | TextList | ListOf
    doc: str
    required: bool = False


@dataclass(frozen=True)
class Text:
    """A single line of text."""

    name = "a text"


@dataclass(frozen=True)
class Url:
    """A web address: http or https, with a host."""

    name = "a web address starting with http:// or https://"


@dataclass(frozen=True)
class Date:
    """A calendar date written YYYY-MM-DD."""

    name = "a date (YYYY-MM-DD)"


@dataclass(frozen=True)
class TextList:
    """A list of texts."""

    name = "a list of texts"


@dataclass(frozen=True)
class ListOf:
    """A list of mappings, each checked against `fields`."""

    fields: dict[str, Field]
    name = "a list of entries"


@dataclass(frozen=True)
class Entry:
    """A checked mapping: its values by key, and the line where it starts."""

    values: dict[str, Any]
    line: int

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


def load(path: Path, text: str, fields: dict[str, Field]) -> Entry:
    """Parse `text` (the contents of `path`) and check it against `fields`.

    An empty document is an empty mapping. Raises `InputError` listing every problem.
    """
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        raise InputError.at(path, line, f"not valid YAML: {error.problem}") from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        raise InputError.at(path, line, f"not valid YAML: character #x{error.character:04x} is not allowed") from None
    except RecursionError:
        raise InputError.at(path, 0, "not valid YAML: nested too deeply") from None
    if node is None:
        return Entry({}, 1)
    problems: list[Problem] = []
    entry = _mapping(path, node, fields, problems)
    if problems:
        raise InputError(sorted(problems))
    return entry


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _mapping(
    path: Path, node: yaml.Node, fields: dict[str, Field], problems: list[Problem]
) -> Entry:
    if not isinstance(node, yaml.MappingNode):
        problems.append(Problem(path, _line(node), "expected a mapping of keys to values"))
        return Entry({}, _line(node))
    values: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = key_node.value
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(path, _line(key_node), "a key must be a plain word, like 'title'"))
        elif key not in fields:
            known = ", ".join(sorted(fields))
            problems.append(
                Problem(path, _line(key_node), f"unknown key '{key}' (known keys: {known})")
            )
        elif key in values:
            problems.append(Problem(path, _line(key_node), f"duplicate key '{key}'"))
        else:
            values[key] = _value(path, key, value_node, fields[key].kind, problems)
    for key, spec in fields.items():
        if spec.required and key not in values:
            problems.append(Problem(path, _line(node), f"missing key '{key}': {spec.doc}"))
    return Entry(values, _line(node))


def _value(path: Path, key: str, node: yaml.Node, kind: Any, problems: list[Problem]) -> Any:
    def wrong() -> None:
        what = key if key.startswith("each item") else f"'{key}'"
        problems.append(Problem(path, _line(node), f"{what} must be {kind.name}"))

    if isinstance(kind, (Text, Url, Date)):
        if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
            return wrong()
        text = node.value.strip()
        if isinstance(kind, Date):
            return _date(text) or wrong()
        if isinstance(kind, Url):
            parts = urlsplit(text)
            return text if parts.scheme in ("http", "https") and parts.netloc else wrong()
        return text if text else wrong()
    if not isinstance(node, yaml.SequenceNode):
        return wrong()
    if isinstance(kind, TextList):
        items = [_value(path, f"each item of '{key}'", item, Text(), problems) for item in node.value]
        return tuple(item for item in items if item is not None)
    return tuple(_mapping(path, item, kind.fields, problems) for item in node.value)


def _date(text: str) -> datetime.date | None:
    if not _DATE.fullmatch(text):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None
