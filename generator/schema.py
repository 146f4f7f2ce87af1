"""Typed schemas for the YAML an editor writes (sidecars, the registry).

Modelled on MkDocs' `config_options`: each field has a type and a docstring, and an
unknown key, a missing key or a wrong type is a `path:line: message` error. The YAML is
composed into nodes first, so every error carries the line the editor has to fix.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from . import limits
from .errors import InputError, Problem
from .model import Role

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _text(value: str) -> str | None:
    """A text value, without the control characters no editor means (as the cleaner drops
    them from transcripts): a NUL in a title reaches no page, feed or export."""
    return _CONTROL.sub("", value) or None


def _url(value: str) -> str | None:
    parts = urlsplit(value)
    return value if parts.scheme in ("http", "https") and parts.netloc else None


def _date(value: str) -> datetime.date | None:
    if not _DATE.fullmatch(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


@dataclass(frozen=True)
class Scalar:
    """One value on one line, turned into its type by `convert` (None: not valid)."""

    name: str  # as an error message says what was expected
    convert: Callable[[str], Any]


def _line_ref(value: str) -> int | str | None:
    return int(value) if value.isdigit() and int(value) > 0 else (value or None)


def _role(value: str) -> Role | None:
    return Role(value) if value in ("principal", "questioner", "moderator") else None


TEXT = Scalar("a text", _text)
LINE = Scalar("a line number, or the words a line starts with", _line_ref)
ROLE = Scalar("one of principal, questioner, moderator", _role)
URL = Scalar("a web address starting with http:// or https://", _url)
DATE = Scalar("a date (YYYY-MM-DD)", _date)


def _time(value: str) -> int | None:
    """"10:02:14" as seconds after midnight."""
    match = re.fullmatch(r"(\d{1,2}):([0-5]\d):([0-5]\d)", value)
    return int(match[1]) * 3600 + int(match[2]) * 60 + int(match[3]) if match and int(match[1]) < 24 else None


TIME = Scalar("a time of day (HH:MM:SS)", _time)
LANGUAGE = Scalar("a language code, like 'fr' or 'pt-BR'",
                  lambda value: value if re.fullmatch(r"[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*", value) else None)


@dataclass(frozen=True)
class ListOf:
    """A list of scalars, or of mappings each checked against a dict of fields."""

    item: Scalar | dict[str, Field]

    @property
    def name(self) -> str:
        return "a list of texts" if self.item == TEXT else "a list of entries"


@dataclass(frozen=True)
class Field:
    """One key of a mapping: what it holds, whether it must be there, what it is for."""

    kind: Scalar | ListOf
    doc: str
    required: bool = False
    most: int | None = None  # characters of a text, at most (`limits.py`)


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
            close = difflib.get_close_matches(key, fields, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.append(
                Problem(path, _line(key_node), f"unknown key '{key}' ({hint}known keys: {known})")
            )
        elif key in values:
            problems.append(Problem(path, _line(key_node), f"duplicate key '{key}'"))
        else:
            values[key] = _value(path, key, value_node, fields[key].kind, problems)
            if wrong := limits.too_long(values[key], fields[key].most):
                problems.append(Problem(path, _line(value_node), f"'{key}' is {wrong}"))
    for key, spec in fields.items():
        if spec.required and key not in values:
            problems.append(Problem(path, _line(node), f"missing key '{key}': {spec.doc}"))
    return Entry(values, _line(node))


def _value(path: Path, key: str, node: yaml.Node, kind: Scalar | ListOf, problems: list[Problem]) -> Any:
    def wrong() -> None:
        what = key if key.startswith("each item") else f"'{key}'"
        problems.append(Problem(path, _line(node), f"{what} must be {kind.name}"))

    if isinstance(kind, Scalar):
        if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
            return wrong()
        value = kind.convert(node.value.strip())
        return wrong() if value is None else value
    if not isinstance(node, yaml.SequenceNode):
        return wrong()
    if isinstance(kind.item, Scalar):
        items = [_value(path, f"each item of '{key}'", item, kind.item, problems) for item in node.value]
        return tuple(item for item in items if item is not None)
    return tuple(_mapping(path, item, kind.item, problems) for item in node.value)
