"""Label detection: is this line a speaker label, and whose?

A small, table-driven classifier. `LINE_STYLES` are the shapes a label line takes (a
question keyword, a label ending in a colon, a label alone on its line); `describe`
takes the label's words apart (official title, name, outlet) using `titles.TITLES`, and
`SHAPES` says how much each kind of label is worth on its shape alone. What the line's
surroundings add (`EVIDENCE`: the label recurs, the registry knows it, a question mark
follows, ...) is weighed by `parse`; a candidate is a label from `ACCEPT` up. New styles
are new rows, not new code paths.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from .model import Label, Role
from .titles import TITLES, role_of, title_words

_TITLE = "|".join(re.escape(title) for title, _ in TITLES)
# Words that may stand before a title: an organisation ("NATO", "EU", "U.S.") or a place.
# After it, what it is of: "Secretary of State", "Porte-parole de l'OTAN".
_OF = r"(?:\s+(?i:of|for|de|du|des|del)\s+(?:(?i:the|la|el)\s+|l['’])?[A-Z][\w'’.-]*|\s+d['’][A-Z][\w'’.-]*)"
_TITLED = re.compile(rf"(?P<title>(?:[A-Z][\w.&'-]*\s+)*?(?i:{_TITLE}){_OF}?)(?:\s+(?P<name>.+))?")
_HONORIFIC = re.compile(r"(?i:mr|ms|mrs|dr|prof)\.?\s")

# Lower-case words that names and outlets may contain: "News Agency of Ukraine", "Ibn al".
_CONNECTORS = frozenset("of the de du des la le el al bin ibn van von der den da di and & für for y".split())
# An abbreviation of a title counts as a word too: "Mr.", "Dr.", "ASEC.", "Pres.", "Usec.".
_WORD = re.compile(r"[\w'’&/-]+|(?:[A-Z]\.)+|(?i:Mr|Ms|Mrs|Dr|Prof|St|Jr|Sr|Gen|Adm|Amb|Sen|Rep|Gov|Hon|Lt|Col|Maj|Capt|Sgt)\.|[A-Z][A-Za-z]{1,4}\.")


@dataclass(frozen=True)
class LineStyle:
    """One shape of label line. `pattern` captures `label` and, if text follows on the
    same line, `rest`; `bonus` is what the style adds to the label's shape score."""

    name: str
    pattern: re.Pattern[str]
    bonus: float
    role: Role | None = None  # set: the style alone says who speaks


# The words a journalist's label is made of: "Q", "QUESTION", "JOURNALIST", "REPORTER",
# "QUESTIONER", "UNIDENTIFIED REPORTER", "AUDIENCE MEMBER", "Journaliste".
# "Second question: It is reported that …" inside a journalist's turn is their own words, no
# label: an ordinal goes with a person ("SECOND QUESTIONER", "FIRST REPORTER"), not "question".
QUESTION_WORDS = (
    r"(?:(?:unidentified|unknown|another|female|male|foreign)\s+|(?:first|second|third)\s+(?!question\b))?"
    r"(?:question|questioner|q|journalist|journaliste|reporter|interviewer|audience member|participant|media"
    r"|remark|pregunta|interlocutora?|reportera?|periodista)"
)

LINE_STYLES: tuple[LineStyle, ...] = (
    # "Question:", "Q.", "QUESTION: Do you ...", "Q (Sabine Siebold, Reuters):", "Question :", "JOURNALIST:".
    LineStyle(
        "question-keyword",
        re.compile(
            rf"(?P<label>{QUESTION_WORDS}(?:\s?\d{{1,3}})?"
            r"(?:\s?\((?P<who>[^()]{2,90})\))?)\s?[:.](?:\s+(?P<rest>.*))?",
            re.I,
        ),
        1.0,
        Role.QUESTIONER,
    ),
    # "Q" or "QUESTION" alone, the question under it; "Q (Name, Outlet)"; "Q Thank you, Karine." as the White House writes it.
    LineStyle(
        "question-bare",
        re.compile(r"(?P<label>(?:Q|QUESTION|PREGUNTA|INTERLOCUTORA?)(?:\s?\((?P<who>[^()]{2,90})\))?)|(?P<label2>Q)\s+(?P<rest>\S.*)"),
        1.0,
        Role.QUESTIONER,
    ),
    # "Answer:", "A:", "Réponse :": the event's principal answers.
    LineStyle("answer-keyword", re.compile(r"(?P<label>answer|a|réponse)\s?:(?:\s+(?P<rest>.*))?", re.I), 1.0, Role.PRINCIPAL),
    # "NATO Secretary General Rutte:", "Sabine Siebold (Reuters): Thank you ...", "Secrétaire général :"
    LineStyle("colon", re.compile(r"(?P<label>[^:?!]{2,90}?)\s?:(?:\s+(?P<rest>.*))?"), 0.3),
    # "Sabine Siebold (Reuters) Thank you, ...": a bracketed outlet runs into the text.
    LineStyle("bracketed", re.compile(r"(?P<label>[A-Z][^():?!]{2,60}\([^()]{2,60}\))\s+(?P<rest>\S.*)"), 0.2),
    # "NATO Secretary General Mark Rutte", "Sabine Siebold, Retuers" alone on their line.
    # Not ending in a full stop: "Nancy Flores, de Contralínea." signs a question.
    LineStyle("standalone", re.compile(r"(?P<label>[^:.?!,\[(*#][^:?!]{1,90}?(?<![^.]\.)(?<!\w\.))"), 0.0),
)

# "QUESTION: Sabine Siebold, Reuters. Thank you ...": a journalist introduces themselves.
_INTRODUCED = re.compile(r"(?P<who>[^.:?!]{4,90}?)(?:[.:]\s+(?P<rest>\S.*)|\.?)")

# What a label's words are worth on their own: a title is rarely anything else; a
# "Name, Outlet" pair or a bare name could be a list or a dateline in someone's speech.
SHAPES = {"titled": 0.6, "name-outlet": 0.5, "honorific": 0.5, "bare-name": 0.3, "caps-name": 0.4, "title-only": 0.4}

# What the surroundings add, weighed by `parse`.
EVIDENCE = {
    "recurs": 0.3,  # the same label stands alone elsewhere in the transcript
    "known": 0.3,  # the registry or the subtitle knows the name or outlet
    "asks": 0.2,  # a journalist-shaped label whose text has a question mark
    "answered": 0.2,  # another label follows within a few lines: a turn, not a paragraph
    "announced": 0.2,  # the lines before it name its outlet or first name (a hand-over)
    "runs-on": -0.3,  # the text after it on its line goes on in lower case: "Industry: how we ..."
    "self-named": 0.3,  # the words under a name say it: "JEANNA SMIALEK. Hi. … Jeanna Smialek from the New York Times"
}
ACCEPT = 0.7  # from here a candidate is a label
DOUBT = 0.5  # from here a rejected candidate is worth a warning


# A line longer than any label, with no colon or bracket where a label's would be and no
# question or answer keyword at its start, is speech: most lines, rejected without a regex.
_LONGEST = 100


def _may_be_label(text: str) -> bool:
    head = text[:_LONGEST]
    return len(text) <= _LONGEST or ":" in head or "(" in head or text[:1] in "QqJjRrAaÉéPpIi" or bool(_DOTTED.match(head))


# A note in a label, not part of who speaks: "PRESIDENT ALVARADO (via interpreter):",
# "PM (cont):", "Q (Inaudible.)", "HAND cont:".
_NOTE = re.compile(
    r"\s*[(\[]\s*(?:interpret|traduc|translat)[^()\[\]]{0,60}[)\]]"
    r"|\s*[(\[]\s*(?:via |through |as |in )?(?:an? |the )?(?:interpret\w*|translat\w*|inaudible|unintelligible|"
    r"cont(?:inued|inuing|'d|d)?|retranslat\w*|off[- ]?mic\w*|crosstalk|laughs?|laughter|english|french|spanish|german|"
    r"russian|arabic|chinese|japanese|portuguese|italian|korean|ukrainian|polish|turkish)[.\s]*[)\]]"
    r"|\s+cont(?:inued|'d|\.)?(?=\s*:)",
    re.I,
)
# An upper-case label its colon sticks to: "PM:It's good", "PRIME MINISTER::", "HOWARD:, We", "PM:-Well".
_TIGHT = re.compile(r"(?P<label>(?:Mc|Mac)?[A-Z][A-Z0-9 .'’&/-]{0,80}?)\s?:+(?:[\s,.\-–—]+|(?=[^\s:])|$)(?P<rest>.*)")


# "MR. SULLIVAN.  Yeah, on Syria.", "CHAIR POWELL.  Good afternoon.": a full stop for the colon
# after an upper-case name of two to five words (one word, "SEP.", starts a sentence).
_DOTTED = re.compile(
    r"(?P<label>(?:MR|MS|MRS|DR)\.?\s+(?:Mc|Mac)?[A-Z][A-Z'’-]+|(?:(?:Mc|Mac)?[A-Z][A-Z'’-]+\s+){1,4}(?:Mc|Mac)?[A-Z][A-Z'’-]+)"
    r"\.\s+(?=[A-Z“\"(\[—])"
)


_COLON_LABEL = re.compile(r"[^:.?!]{1,40}(?:\.[^:.?!]{1,60})?:")


def tidy(text: str) -> str:
    """A label line as the styles read it: notes out of the label, one colon and a space
    after an upper-case label."""
    head = text[:_LONGEST]
    if "(" in head or "[" in head or " cont" in head:
        colon = head.find(":")
        if colon < 0 and len(text) <= _LONGEST and text.endswith((")", "]")):
            bare = _NOTE.sub("", text + ":")[:-1].rstrip()  # "JANET YELLEN (INTERPRETACIÓN DEL INGLÉS AL ESPAÑOL)" alone
            return bare if bare else text
        if colon > 0:
            label = _NOTE.sub("", head[: colon + 1])[:-1]
            if label != head[:colon] and label.strip():
                text = label.rstrip() + text[colon:]
    dotted = _DOTTED.match(text) if not _COLON_LABEL.match(text) else None  # "PRESS SEC. KAWAMURA:" has its colon
    if dotted:  # "MR. SULLIVAN.  Yeah, on Syria.": a full stop where the colon goes
        return f"{dotted.group('label')}: {text[dotted.end():]}".rstrip()
    tight = _TIGHT.fullmatch(text) if ":" in text[:_LONGEST] else None
    if tight and any(c.isalpha() for c in tight.group("label")):
        label, rest = tight.group("label").rstrip(), tight.group("rest")
        return f"{label}: {rest}" if rest else f"{label}:"
    return text


@functools.lru_cache(maxsize=4096)  # the parser asks again of most lines: before and after splitting run-on turns
def detect(text: str) -> tuple[Label, str] | None:
    """The label a line starts with and the text after it on the same line, or None."""
    if not _may_be_label(text):
        return None
    text = tidy(text)
    for style in LINE_STYLES:
        match = style.pattern.fullmatch(text)
        if not match:
            continue
        parts = match.groupdict()
        words = (parts["label"] or parts.get("label2") or "").strip()
        rest = (parts.get("rest") or "").strip()
        if style.role is Role.QUESTIONER:
            return _question(words, parts.get("who"), rest, style)
        if style.role is not None:
            return Label(words, style.role, style.name, style.bonus), rest
        label = describe(words, style.name, style.bonus)
        if label is not None:
            return label, rest
    return None


def _question(words: str, who: str | None, rest: str, style: LineStyle) -> tuple[Label, str]:
    """A question keyword, with the journalist it names in brackets ("Q (Name, Outlet):")
    or in the first words after it ("QUESTION: Name, Outlet. Text")."""
    label = Label(words, Role.QUESTIONER, style.name, style.bonus)
    if who:
        name, outlet = _split_outlet(who.strip())
        if _is_name(name, max_words=5) and (outlet is None or _is_name(outlet, max_words=10)):
            return replace(label, name=_display(name), outlet=outlet), rest
        return label, rest
    introduced = _INTRODUCED.fullmatch(rest) if rest else None
    if introduced:
        name, outlet = _split_outlet(introduced.group("who").strip())
        addressed = title_words(name) or (outlet and title_words(outlet))  # "QUESTION: Prime Minister X, Secretary General Y."
        if outlet and " " in name and not addressed and _is_name(name, max_words=5) and _is_name(outlet, max_words=10):
            said = rest[: len(rest) - len(introduced.group("rest") or "")].strip()
            label = replace(label, text=f"{words}: {said}", name=_display(name), outlet=outlet.rstrip("."))
            return label, (introduced.group("rest") or "").strip()
    return label, rest


def says_own_name(label: Label, text: str) -> bool:
    """"JEANNA SMIALEK. … Jeanna Smialek from the New York Times.": the words under a name say it."""
    if not label.name or " " not in label.name:
        return False
    return " ".join(label.name.split()).casefold() in " ".join(text.split()).casefold()


MISSPELT = 88  # rapidfuzz ratio from which one spelling of a label is a misspelling of another


def misspelling_of(text: str, candidates: list[str] | tuple[str, ...], cutoff: float = MISSPELT) -> str | None:
    """The candidate `text` misspells ("CHAIRIMAN POWELL" of "CHAIRMAN POWELL"), if one is that close."""
    numbered = _numbers(text)
    candidates = [c for c in candidates if _numbers(c) == numbered]  # "OFFICIAL TWO" is no misspelt "OFFICIAL ONE"
    found = process.extractOne(text, candidates, scorer=fuzz.ratio, score_cutoff=cutoff) if candidates else None
    return found[0] if found else None


_NUMBER = re.compile(r"\b(?:\d+|(?i:one|two|three|four|five|six|seven|eight|nine|ten|first|second|third|fourth|fifth)|II|III|IV)\b|#\d+")


def _numbers(text: str) -> list[str]:
    """The numbers that tell apart speakers of one title: "SENIOR OFFICIAL TWO", "Official #1"."""
    return [n.casefold() for n in _NUMBER.findall(text)]


def longest_first(known: dict[str, Label]) -> list[tuple[str, Label]]:
    """Labels seen standing alone, as `detect_known` tries them: "NATO Spokesperson Farah
    Dakhlallah" before "Farah"."""
    return sorted(known.items(), key=lambda item: (-len(item[0]), item[0]))


def detect_known(text: str, known: list[tuple[str, Label]]) -> tuple[Label, str] | None:
    """A label seen elsewhere in the transcript, running into its text on this line:
    "NATO Spokesperson Farah Dakhlallah Thank you all. ..."; `known` longest first. An
    upper-case label may have lost its colon to a scan ("HOWARD; No I haven't.",
    "JOURNALIST-. Did you", "BOLGER  We're", "JOURNALIST Mr Bolger what's")."""
    for words, label in known:
        if not text.startswith(words):
            continue
        gap = _DAMAGED_COLON.match(text, len(words)) if words.isupper() else None
        if gap and (gap.group().strip() or len(words) >= BARE_LABEL or len(gap.group()) > 1):
            return replace(label, style="runs-into-text"), text[gap.end():]
        if text[len(words) : len(words) + 1] == " " and text[len(words) + 1 : len(words) + 2].isupper():
            return replace(label, style="runs-into-text"), text[len(words) + 1 :]
    return None


BARE_LABEL = 4  # an upper-case label this long may run into its text after a bare space: "PM Keating" is speech
_DAMAGED_COLON = re.compile(r"\s*[;.,\-–]+\s*(?=[A-Z“\"'(\[])|\s+(?=[A-Z“\"'(\[])")


def describe(words: str, style: str, bonus: float = 0.0) -> Label | None:
    """Take a label's words apart; None when they do not read as a label at all.
    Its confidence is its shape's score plus the style's `bonus`."""
    name, outlet = _split_outlet(words)
    if outlet is not None and _TITLED.fullmatch(outlet) and _is_name(name, max_words=5):
        # "Jens Stoltenberg (NATO Secretary General)": a title in the outlet's place.
        role = role_of(outlet)
        return Label(words, role, style, SHAPES["titled"] + bonus, name=_display(name), title=outlet)
    if outlet is not None and _TITLED.fullmatch(name) and _is_name(outlet, max_words=5) and not title_words(outlet):
        # "PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO": the title first, then the name.
        role = role_of(name)
        return Label(words, role, style, SHAPES["titled"] + bonus, name=_display(outlet), title=name)
    if outlet is not None:
        # A journalist has a first and a last name: "Finland, Sweden and Norway" is a list.
        if _is_name(name, max_words=5) and " " in name and _is_name(outlet, max_words=10):
            return Label(words, Role.QUESTIONER, style, SHAPES["name-outlet"] + bonus, name=_display(name), outlet=outlet)
        return None
    titled = _TITLED.fullmatch(words)
    if titled:
        title, person = titled.group("title"), titled.group("name")
        if person is not None and not _is_name(person, max_words=5):
            return None
        role = role_of(title)
        shape = SHAPES["titled"] if person else SHAPES["title-only"]
        return Label(words, role, style, shape + bonus, name=person and _display(person), title=title)
    standalone_caps = style == "standalone" and _caps(words) and " " in words and _is_name(words, max_words=5)
    if standalone_caps or style in ("colon", "subtitle") and (_is_name(words, max_words=4) and (" " in words or _caps(words))
                                                              or _caps(words) and _is_name(words, max_words=UPPER_WORDS)):
        # "Mark Rutte:", "RUTTE:", "MS. PSAKI:"; "MARCELO EBRARD CASAUBON" alone on its line, as Mexico's
        # pages write labels.
        # A bare name before a colon, "Mark Rutte:", "RUTTE:": the registry or the turn
        # structure will say who it is. One capitalised word ("Qatar: ...") is too often
        # text; so, alone on a line with no colon, are a few ("NATO Allies").
        shape = SHAPES["honorific"] if _HONORIFIC.match(words) else SHAPES["caps-name"] if standalone_caps else SHAPES["bare-name"]
        return Label(words, None, style, shape + bonus, name=_display(words))
    return None


UPPER_WORDS = 7  # an upper-case label may be long: "SENIOR STATE DEPARTMENT OFFICIAL ONE:"


def _caps(words: str) -> bool:
    """Upper case, as government transcripts write labels: "RUTTE", "McGAURAN", "MR. PRICE"."""
    return re.sub(r"\b(?:Mc|Mac)(?=[A-Z])", "", words).isupper()


_STYLED = re.compile(r"^(?:(?:senator\s+)?the\s+)?(?:rt\.?\s+)?hon(?:ourable|\.)?\s+|\s+MP$", re.I)


def _display(name: str) -> str:
    """A name as readers see it: "MS. JEAN-PIERRE" as "Ms. Jean-Pierre", "THE HON. BARNABY
    JOYCE MP" as "Barnaby Joyce"."""
    name = _STYLED.sub("", name) or name
    if _caps(name) and len(name) > 3:
        return re.sub(r"\bMc(\w)", lambda m: "Mc" + m.group(1).upper(), name.title())
    return name


def _split_outlet(words: str) -> tuple[str, str | None]:
    """"Name, Outlet", "Name (Outlet)", "Name – Outlet" into name and outlet."""
    bracketed = re.fullmatch(r"(.+?)\s*\((.+)\)", words)
    if bracketed:
        return bracketed.group(1), bracketed.group(2)
    for separator in (", ", " – ", " — ", " - ", " from "):
        if separator in words:
            name, outlet = words.split(separator, 1)
            return name.strip(), outlet.strip()
    return words, None


def _is_name(words: str, max_words: int) -> bool:
    """Capitalised words, with the connectors names and outlets use: "Al Mamlaka TV"."""
    tokens = words.split()
    if not 1 <= len(tokens) <= max_words or not all(_WORD.fullmatch(t) for t in tokens):
        return False
    if not tokens[0][:1].isupper():
        return False
    return all(t[:1].isupper() or t[:1].isdigit() or t.casefold() in _CONNECTORS for t in tokens)
