"""Stage 2, `clean`: strip the publisher's page chrome, normalise whitespace, keep the words.

What the chrome says (the date, "Last updated", "(As delivered)") is kept as metadata.
Every line that survives keeps its line number in the raw file, for error messages.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .model import Line

# Zero-width characters, soft hyphens and control characters: not words, never shown.
_INVISIBLE = dict.fromkeys(
    [*map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), *range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# A zero-width space between a word and a capitalised one stands where copying lost a
# space: "Mark\u200bRutte:" is "Mark Rutte:". Inside a word ("Ru\u200btte") it is nothing.
_WORD_BREAK = re.compile(r"(?<=\w)\u200b+(?=\w)")

# "(As delivered)", "(Check against delivery)": a status of the text, not a paragraph.
_STATUS = re.compile(
    r"(?:[\w ,.]{0,40}\s)?\(?(as delivered|check against delivery|as prepared for delivery|seul le texte prononcé fait foi"
    r"|seul le prononcé fait foi|transcript of the speech, exactly as it was delivered)\)?!?",
    re.I,
)
HEADER_LINE_WORDS = 25
# Web-page bullets copied with the text: "• 13 Feb. 2025 -", "• |", "• Last updated: ...".
_BULLET = re.compile(r"[•·▪]\s*(?P<rest>.*)")
_LAST_UPDATED = re.compile(r"(last updated|dernière mise à jour|mis à jour le)\s*:\s*(?P<when>.+)", re.I)

# Whole lines that are the page's, not anyone's words, wherever they stand: a time code,
# an end mark, a separator, a sharing button, a breadcrumb trail.
_NOISE = re.compile(
    r"[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?"
    r"|-*\s*(?:ENDS?|FIN|-30-|###)\s*-*"
    r"|(?:subjects|topics|sujets)\s*:.*"  # the publisher's list of topics, not anyone's words

    r"|(?:\*\s*){3,}|[-_=–—]{3,}"
    r"|(?:(?:print|share|e-?mail|tweet|facebook|twitter|linkedin|imprimer|partager)(?:\s+this\s+page)?\s*[|•·]?\s*)+"
    r"|page\s+\d+(?:\s+of\s+\d+)?|-\s*\d+\s*-|back to top|top of page|retour en haut de page|q\s?&\s?a|questions? and answers?|questions et réponses"
    r"|\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?\s?m\.?(?:\s+[A-Z]{2,4})?"  # "1:17 p.m. EDT", when it began or ended
    r"|\((?:the\s+)?(?:press\s+)?(?:briefing|conference|press conference|meeting|availability|event|call)"
    r"\s+(?:was\s+)?(?:concluded|ended|adjourned)\b[^)]*\)"
    r"|(?:home|accueil)(?:\s*[>›»/|]\s*[^>›»|]{1,80})+",
    re.I,
)
# A date alone on a line at the top, a dateline: "12.01.2024.", "Thursday 24 August 2023".
# (Lower down, "July 9, 2025." may be an answer.)
_DATELINE = re.compile(
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:\d{1,2}[./]\d{1,2}[./]\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+"
    r"[A-Za-zéû]{3,10}\.?,?\s+\d{4}|[A-Za-z]{3,10}\.?\s+\d{1,2},?\s+\d{4})\.?",
    re.I,
)
TOP_LINES = 12  # how far down a dateline or a status line still belongs to the page's header
CHROME_LENGTH = 300  # characters: no line of chrome is longer
# A time code in front of what was said then: "10:04:11 MODERATOR: ...", "[00:12:31] Thank you."
_TIME_CODE_STARTS = frozenset("[0123456789")
_SAID = re.compile(r"[.?!…][\"”’')\]]*$")  # a line that ends as said words end
_TIME_CODE = re.compile(r"(?P<code>\[\d{1,2}:\d{2}(?::\d{2})?\]|\d{1,2}:\d{2}:\d{2})\s+(?P<rest>\S.*)")

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january", "janv", "janvier"),
            ("feb", "february", "févr", "fevr", "février"),
            ("mar", "march", "mars"),
            ("apr", "april", "avr", "avril"),
            ("may", "mai"),
            ("jun", "june", "juin"),
            ("jul", "july", "juil", "juillet"),
            ("aug", "august", "août", "aout"),
            ("sep", "sept", "september", "septembre"),
            ("oct", "october", "octobre"),
            ("nov", "november", "novembre"),
            ("dec", "december", "déc", "décembre"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[^\W\d_]{3,10})\.?"
_DATES = (
    re.compile(r"\b(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})\b"),
    re.compile(r"\b(?P<day>\d{1,2})\.(?P<mon>\d{1,2})\.(?P<year>\d{4})\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:er)?\s+{_MONTH}\s+(?P<year>\d{{4}})\b"),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})\b"),
)


@dataclass(frozen=True)
class Cleaned:
    """A transcript's text with the chrome taken out, and what the chrome told."""

    title: Line | None
    subtitle: Line | None
    body: tuple[Line, ...]
    date: datetime.date | None = None
    status: str | None = None
    last_updated: str | None = None
    chrome: tuple[Line, ...] = ()  # the lines taken out, so that every raw line is accounted for


def normalise(text: str) -> str:
    """One line's whitespace made plain: invisible characters out, runs of spaces to one."""
    if not text.isprintable():  # every invisible character and odd space is unprintable
        if "\u200b" in text:
            text = _WORD_BREAK.sub(lambda m: " " if m.string[m.end()].isupper() else "", text)
        text = _SPACES.sub(" ", text.translate(_INVISIBLE))
    elif "  " in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


HEADER_LINES = 2  # title and subtitle: the page's dated bullets stand among or right after them


def clean(text: str, title: str | None = None) -> Cleaned:
    """Clean `text`. With a `title` from elsewhere (the sidecar), the first line is still
    the text's own title when it reads as one (see `_has_header`); otherwise it is speech."""
    # Word's line breaks (VT), form feeds and Unicode line separators split lines too, but
    # the line numbers stay those an editor sees, counted in LFs.
    raw_lines = [Line(n, part.rstrip()) for n, raw in enumerate(text.split("\n"), start=1) for part in (raw.splitlines() or [""])]
    front, raw_lines = _front_matter(raw_lines)
    raw_lines, running = _running_heads(raw_lines)
    lines = [Line(line.number, normalise(line.text)) for line in _unwrap(raw_lines)]
    lines = [line for line in lines if line.text]
    date = status = last_updated = None
    header_end = 0  # a status line near the top ends the page's header: what is above it is not speech
    kept: list[Line] = []
    chrome: list[Line] = []
    for line in lines:
        if line.text[:1] in _TIME_CODE_STARTS and (timed := _TIME_CODE.fullmatch(line.text)):
            chrome.append(Line(line.number, timed.group("code")))
            line = Line(line.number, timed.group("rest"))
        bullet = _BULLET.fullmatch(line.text) if len(kept) <= HEADER_LINES else None
        rest = bullet.group("rest") if bullet else ""
        short = len(line.text) <= CHROME_LENGTH  # page chrome is short: most lines are spared the patterns
        status_match = _STATUS.fullmatch(line.text) if short else None
        at_top = len(kept) <= TOP_LINES
        if short and _NOISE.fullmatch(line.text):
            pass
        elif short and at_top and not any(_SAID.search(k.text) for k in kept[1:]) and _DATELINE.fullmatch(line.text):
            date = date or find_date(line.text)
        elif status_match:
            status = status or status_match.group(1).capitalize()
            above = kept[1:]
            if at_top and all(len(k.text.split(maxsplit=HEADER_LINE_WORDS)) <= HEADER_LINE_WORDS for k in above):
                header_end = line.number  # above it, a dateline, a byline
        elif bullet and (updated := _LAST_UPDATED.fullmatch(rest)):
            last_updated = last_updated or updated.group("when")
        elif bullet and _is_date_or_separator(rest):
            date = date or find_date(rest)
        else:
            kept.append(line)
            continue
        chrome.append(line)
    if sum(k.number > header_end for k in kept) <= sum(k.number < header_end for k in kept):
        header_end = 0  # "(Check against delivery)" closing a short statement: what is above is speech
    chrome += [line for line in (*front, *running) if line.text.strip()]
    title_line, subtitle, body = _split_header(kept, chrome)
    dateline = [line for line in body if line.number < header_end]
    chrome += dateline
    body = [line for line in body if line.number > header_end]
    if date is None:
        date = next((found for line in dateline if (found := find_date(line.text))), None)
    if title is not None and not _has_header(title_line, subtitle, title):
        title_line, subtitle, body = None, None, kept
    if date is None:
        date = find_date(" ".join(line.text for line in (title_line, subtitle) if line))
    chrome.sort(key=lambda line: line.number)
    return Cleaned(title_line, subtitle, tuple(body), date, status, last_updated, tuple(chrome))


RUNNING_HEAD = 3  # times the same dated line recurs: a page's running head ("September 21, 2022   Chair Powell's Press Conference  FINAL")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_PAGE_NUMBER = re.compile(r"(?i:page\s+\d+(?:\s+of\s+\d+)?|-\s*\d+\s*-)")  # "Page 5 of 21", "- 2 -"


def _running_heads(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """A printed page's head or foot that recurs on every page, with its date: the page's, not
    anyone's words, and taken out before the paragraphs it splits are joined."""
    counts: dict[str, int] = {}
    for line in lines:
        text = " ".join(line.text.split())
        if text and len(text) <= CHROME_LENGTH and _YEAR.search(text):
            counts[text] = counts.get(text, 0) + 1
    heads = {text for text, n in counts.items() if n >= RUNNING_HEAD}
    keep, running = [], []
    for line in lines:
        text = " ".join(line.text.split())
        (running if text in heads or _PAGE_NUMBER.fullmatch(text) else keep).append(line)
    return keep, running


FRONT_MATTER_LINES = 100  # a Markdown archive's front matter ends within this many lines
_FRONT_KEY = re.compile(r"[\w-]+:(?:\s.*)?|\s+.*|-\s.*|")


def _front_matter(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """The YAML front matter a Markdown archive puts at the top of a page ("---", "title: …",
    "layout: post", "---"): the archive's, not anyone's words."""
    if not lines or lines[0].text.strip() != "---":
        return [], lines
    for i, line in enumerate(lines[1:FRONT_MATTER_LINES], start=1):
        if line.text.strip() == "---":
            return lines[: i + 1], lines[i + 1 :]
        if not _FRONT_KEY.fullmatch(line.text):
            break
    return [], lines


WRAPPED_SHARE = 0.5  # of the lines followed by another, this many broken where a word would not fit: hard-wrapped
WRAPPED_LINES = 20  # at least this many such breaks
WRAP_WIDTHS = (50, 110)  # characters: the widths texts are wrapped at
PROPORTIONAL = 0.7  # of the width: a line this long that ends no sentence was wrapped
_ENDS = (".", "?", "!", ":", "\"", "”", ")")


def _unwrap(lines: list[Line]) -> list[Line]:
    """A text hard-wrapped at a fixed width (archives in Markdown keep ~72 characters a
    line) with its paragraphs one line each again, numbered by their first line; blank
    lines stay the paragraph breaks. A line broken short of the width (a label alone, a
    heading) is left alone, and so is a text that is not wrapped."""
    widths = sorted(len(line.text) for line in lines if line.text.strip())
    if len(widths) < WRAPPED_LINES:
        return lines
    width = widths[int(len(widths) * 0.95)]
    if not WRAP_WIDTHS[0] <= width <= WRAP_WIDTHS[1]:
        return lines

    def broken(line: Line, after: Line) -> bool:  # the next line's first word did not fit on this one
        first = after.text.split(maxsplit=1)[0] if after.text.strip() else ""
        if line.text.rstrip().endswith(_ENDS) and first[:1].isupper():
            return False  # a sentence ends and another begins: perhaps a label, never glued
        if not (line.text.strip() and first):
            return False
        # A fixed-width wrap: the next word did not fit. A PDF's text wraps by the glyphs' width:
        # a long line that stops short of a sentence's end goes on.
        return len(line.text) + 1 + len(first) > width - 2 or (
            len(line.text.rstrip()) >= PROPORTIONAL * width and not line.text.rstrip().endswith(_ENDS)
        )

    pairs = [(a, b) for a, b in zip(lines, lines[1:]) if a.text.strip() and b.text.strip()]
    breaks = [broken(a, b) for a, b in pairs]
    if sum(breaks) < WRAPPED_LINES or sum(breaks) < WRAPPED_SHARE * len(pairs):
        return lines
    joined: list[Line] = []
    glued = False
    for line, after in zip(lines, [*lines[1:], Line(0, "")]):
        if glued:
            joined[-1] = Line(joined[-1].number, f"{joined[-1].text} {line.text}")
        else:
            joined.append(line)
        glued = broken(line, after)
    return joined


def _has_header(first: Line | None, subtitle: Line | None, title: str) -> bool:
    """Whether the text opens with a title of its own although the sidecar gives one: the
    same title, a title with its subtitle, or a line that ends like no sentence does."""
    if first is None:
        return False
    same = normalise(title).casefold() == first.text.casefold()
    return same or subtitle is not None or not first.text.endswith((".", "?", "!", ":", ","))


def _split_header(kept: list[Line], chrome: list[Line]) -> tuple[Line | None, Line | None, list[Line]]:
    """Title is the first line; the second is a subtitle when chrome follows it or it reads
    as one ("by NATO Secretary General ...", starting in lower case)."""
    if not kept:
        return None, None, []
    title, rest = kept[0], kept[1:]
    if not rest:
        return title, None, []
    second = rest[0]
    chrome_after = any(second.number < c.number < (rest[1].number if len(rest) > 1 else 10**9) for c in chrome)
    if (chrome_after or second.text[:1].islower()) and not _LABEL_START.match(second.text):
        return title, second, rest[1:]
    return title, None, rest


_LABEL_START = re.compile(r"[A-Z][A-Z .'’-]{1,60}[:.]\s")  # "CHAIR POWELL.  Good afternoon.": a speaker, no subtitle


def _is_date_or_separator(text: str) -> bool:
    """What a page's bullet line holds when it is chrome: "13 Feb. 2025 -", "|", nothing.
    A bullet in front of anything else is kept: it may be a list in someone's speech."""
    rest = text.strip(" -|–")
    return not rest or (find_date(rest) is not None and len(rest.split()) <= 5)


def find_date(text: str) -> datetime.date | None:
    """The first date written in `text` in a way publishers write them, or None."""
    for pattern in _DATES:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            month = int(parts["mon"]) if parts.get("mon") else _MONTHS.get(parts["month"].lower())
            if month is None:
                continue
            try:
                return datetime.date(int(parts["year"]), month, int(parts["day"]))
            except ValueError:
                continue
    return None
