"""Writing Markdown safely: transcript text is text, and links are relative and checked.

Every string that comes from a transcript, a sidecar or the registry goes through `text()`
before it reaches a page, so `*`, `_`, `#`, `<script>` or `[x](y)` in it render literally.
"""

from __future__ import annotations

import datetime
import functools
import html
import json
import posixpath
import re
from urllib.parse import quote, urlsplit

# Characters that are markup wherever they stand. Python-Markdown unescapes a backslash
# before each of these (its ESCAPED_CHARS); the rest become character references.
_ANYWHERE = re.compile(r"[\\`*_\[\]{}#!]")
_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;"})
# Control characters are not text, and Python-Markdown uses \x02 and \x03 as its own markers.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Markup only at the start of a line: a list item ("- ", "+ ", "1. ").
_LIST_START = re.compile(r"^([-+])|^(\d+)\.")

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


@functools.lru_cache(maxsize=1 << 17)  # names, titles and excerpts recur on many pages
def text(value: str) -> str:
    """`value` as Markdown that renders exactly to `value`, on one line."""
    value = _ANYWHERE.sub(r"\\\g<0>", plain(value).translate(_ENTITIES))
    return _LIST_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\.", value)


def front_matter(title: str, **fields: object) -> str:
    """The page's title for MkDocs and the theme, which put `page.meta.title` into <title>
    and the header unescaped: so it is HTML-escaped here, and YAML-quoted by a serialiser.
    (Without it the theme would take the H1 and `striptags` would unescape it.)
    Other `fields` are plain data for the theme's templates, which escape what they print."""
    data = {"title": html.escape(plain(title)), **fields}
    lines = "".join(f"{key}: {_yaml_json(value)}\n" for key, value in data.items())
    return f"---\n{lines}---\n\n"


# What YAML's reader refuses though JSON writes it as it is: C1 controls, surrogates, non-characters.
_NOT_YAML = re.compile("[\x80-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def _yaml_json(value: object) -> str:
    """`value` as JSON, which YAML reads as the same value: one line, and far quicker to
    write than YAML's own dumper (front matter is written for every page)."""
    dumped = json.dumps(value, ensure_ascii=False, sort_keys=False)
    return _NOT_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def plain(value: str) -> str:
    """`value` on one line, without control characters: text for an attribute or metadata."""
    if not value.isprintable():  # control characters are unprintable: most text has none
        value = _CONTROL.sub("", value)
    return " ".join(value.split())


def link(label: str, from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A Markdown link from one docs-relative page to another, which MkDocs then checks."""
    target = "" if to_page == from_page else relative(from_page, to_page)
    fragment = f"#{anchor}" if anchor else ""
    return f"[{text(label)}]({target}{fragment})"


@functools.lru_cache(maxsize=65536)
def relative(from_page: str, to_page: str) -> str:
    """The path from one docs-relative page to another, worked out without the filesystem
    (posixpath.relpath asks for the working directory on every call)."""
    start, target = posixpath.dirname(from_page).split("/"), to_page.split("/")
    start = [] if start == [""] else start
    common = 0
    while common < min(len(start), len(target) - 1) and start[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:])


def external(url: str) -> str | None:
    """An http(s) URL made safe to put in a Markdown link target, or None for anything else."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=":/?#@!$&*+,;=%~-._")


def plural(count: int, noun: str) -> str:
    """"1 question", "2 questions": English plurals of the nouns the pages count."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def human_date(day: datetime.date) -> str:
    """"3 December 2024", the same in every locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def excerpt(value: str, words: int = 14) -> str:
    """The first words of a text, to recognise a question by."""
    tokens = value.split()
    if not tokens:
        return "(no text)"
    if len(tokens) <= words:
        return value
    return " ".join(tokens[:words]).rstrip(".,;:") + "…"
