"""`render.markdown.text()`: transcript text is text. Whatever a string holds, its Markdown
renders — with the extensions the site uses — to one paragraph reading exactly that string."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.markdown import text

EXTENSIONS = ["attr_list", "toc", "tables"]


class _Reading(HTMLParser):
    """The elements an HTML fragment holds, and the text a reader sees in it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.elements.append(tag)

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.elements.append("<!-- -->")

    def handle_pi(self, data):
        self.elements.append("<? ?>")


def rendered(value: str) -> tuple[set[str], str]:
    """The kinds of element and the text of `text(value)` rendered to HTML."""
    reading = _Reading()
    reading.feed(markdown.markdown(text(value), extensions=EXTENSIONS))
    reading.close()
    return set(reading.elements), "".join(reading.text)


def plain(value: str) -> str:
    """What `text()` promises to keep: the words, with every whitespace run one space.
    Control characters are not text and are dropped (Python-Markdown would eat \\x02 and
    \\x03, its own placeholder markers, anyway)."""
    return " ".join(re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", value).split())


HOSTILE = [
    "*bold*", "**bold**", "_x_", "__init__", "a*b*c", "***", "* * *", "---", "- - -", "_ _ _",
    "# heading", "#", "a #", "Title {#id}", "{#id}", "x {: .cls}", "[TOC]",
    "<script>alert(1)</script>", "<div>x</div>", "a<b>c", "<!-- c -->", "<http://example.org>", "<", "&",
    "[x](y)", "![i](j)", "[x][1]", "[^1]", "![", "!",
    "1. item", "12. item", "1986. A good year.", "1.", "- item", "-", "-1", "+ item", "+", "+1", "* item",
    "> quote", "  > quote", "a | b", "| a | b |", "|",
    "`code`", "``code``", "\\`",
    "&amp;", "&copy;", "&#124;", "&#x26;",
    "\\*", "\\", "a\\", "\\\\",
    "--8<-- 'x'", "{% raw %}", "{{ page.title }}",
    "x\n===", "x\n---", "a\n|-|-|\nb", "    indented code", "\t- x",
    "Sabine Siebold, Retuers", "Mr Rutte, [inaudible] response to the recent Russian missile threats?",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_text_renders_literally(value):
    elements, seen = rendered(value)
    assert seen == plain(value)
    assert elements <= {"p"}


def test_text_is_one_line():
    assert "\n" not in text("Question:\nDo you think\r\nthat\u2028this is fine?")


def test_empty_text_renders_to_nothing():
    assert rendered("") == (set(), "")
    assert rendered(" \t\n") == (set(), "")


@pytest.mark.parametrize("value", ["a\x02b", "a\x03b", "a\x00b\x7f"])
def test_control_characters_are_dropped_not_left_to_markdown(value):
    assert text(value) == "ab"
    assert rendered(value)[1] == "ab"


def _any_text():
    from hypothesis import strategies as st

    markup = st.sampled_from(list("*_#<>[](){}!|`&\\-+.:=~%'\"^@/;,0123456789 \t\naZ\x02\x03"))
    anything = st.characters()
    return st.text(alphabet=st.one_of(markup, anything), max_size=60)


def test_any_text_renders_literally():
    hypothesis = pytest.importorskip("hypothesis")

    @hypothesis.settings(max_examples=500, deadline=None)
    @hypothesis.given(_any_text())
    def check(value: str) -> None:
        elements, seen = rendered(value)
        assert seen == plain(value)
        assert elements <= {"p"}

    check()


@settings(max_examples=300, deadline=None)
@given(title=st.text(), names=st.lists(st.text(), max_size=4))
def test_front_matter_reads_back_as_the_values_written(title, names):
    import html

    import yaml

    from generator.render.markdown import front_matter, plain

    written = front_matter(title, record={"speakers": [plain(n) for n in names], "year": 2024})
    assert written.startswith("---\n") and written.endswith("---\n\n")
    data = yaml.safe_load(written.removeprefix("---\n").removesuffix("---\n\n"))
    assert data == {"title": html.escape(plain(title)), "record": {"speakers": [plain(n) for n in names], "year": 2024}}
