"""A transcript saved as the publisher's HTML page, read as the text a reader sees.

Only the article is read where the page marks one (`itemprop="articleBody"`, `<article>`,
`<main>`), and never what is not speech (scripts, styles, navigation, forms, asides,
`role="complementary"` boxes). Each block (a paragraph, a heading, a list item, a line
break) becomes a line of its own, and the line numbers stay the HTML file's: blocks that
start on one line of the file are split by line separators (U+2028), which `clean` reads as
lines of that number.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr td th blockquote section article header footer dt dd pre table hr figcaption".split()
)
_SKIPPED = frozenset("script style noscript template svg nav form button select aside iframe video audio object head".split())
_VOID = frozenset("br hr img input meta link source track wbr area base col embed param".split())
_HTML = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)


def is_html(text: str) -> bool:
    return bool(_HTML.match(text[:2000]))


class _Text(HTMLParser):
    def __init__(self, main_only: bool):
        super().__init__(convert_charrefs=True)
        self.main_only = main_only
        self.stack: list[tuple[str, bool, bool]] = []  # tag, skipped, main
        self.blocks: list[tuple[int, list[str]]] = []  # (line, words) per block
        self.current: list[str] = []
        self.start = 1

    def _skipping(self) -> bool:
        """Inside something that is not speech, below the article if there is one (a page
        may wrap its whole article in a box marked complementary)."""
        mains = [i for i, (_, _, main) in enumerate(self.stack) if main]
        below = self.stack[mains[-1] + 1 :] if mains else self.stack
        return any(skipped for _, skipped, _ in below)

    def _in_main(self) -> bool:
        return not self.main_only or any(main for _, _, main in self.stack)

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append((self.start, [text]))
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._flush()
        if tag in _VOID:
            return
        values = dict(attrs)
        skipped = tag in _SKIPPED or values.get("role") in ("complementary", "navigation", "banner", "contentinfo")
        skipped = skipped or values.get("hidden") is not None or "display:none" in (values.get("style") or "").replace(" ", "")
        self.stack.append((tag, skipped, _is_main(tag, values)))

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._flush()
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if self._skipping() or not self._in_main():
            return
        if not self.current or not "".join(self.current).strip():
            self.start = self.getpos()[0] + len(data[: len(data) - len(data.lstrip())].split("\n")) - 1
        self.current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def _is_main(tag: str, attrs: dict[str, str | None]) -> bool:
    return tag in ("article", "main") or attrs.get("itemprop") == "articleBody" or attrs.get("role") == "main"


def page_text(html: str) -> str:
    """The text of an HTML page, line for line with the file: see the module's docstring."""
    main_only = bool(re.search(r"itemprop=[\"']articleBody[\"']|<article\b|<main\b|role=[\"']main[\"']", html, re.I))
    parser = _Text(main_only)
    parser.feed(html)
    parser.close()
    if main_only and not parser.blocks:  # an empty <main>: the whole page then
        parser = _Text(False)
        parser.feed(html)
        parser.close()
    lines: dict[int, list[str]] = {}
    for line, words in parser.blocks:
        lines.setdefault(line, []).extend(words)
    count = html.count("\n") + 1
    return "\n".join("\u2028".join(lines.get(n, ())) for n in range(1, count + 1))
