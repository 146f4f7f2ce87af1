"""A synthetic corpus of press-conference transcripts, for benchmarks.

    python benchmarks/synth.py N OUT_DIR [--seed S]

writes N raw transcripts (`YYYY-MM-DD-slug.txt` + `.yml` sidecar) and a `speakers.yml`
into OUT_DIR, the same bytes for the same N and seed. They imitate the two sample styles
of `transcripts/`, alternating:

- "press conference" (2024-12-03): a title, a "by NATO Secretary General ..." subtitle,
  "(As delivered)", one paragraph a line, a spokesperson handing over ("NATO Spokesperson
  Farah Dakhlallah"), journalists labelled "Name, Outlet" on their own line, the principal
  labelled with title and full name; the date in the sidecar. One in six is a joint press
  conference with a visiting principal.
- "doorstep" (2025-02-13): blank lines between paragraphs, the page's bullets ("• 13 Feb.
  2025 -", "• Last updated: ..."), anonymous "Question:" labels and
  "NATO Secretary General Surname:"; the date from the bullets.

Each has 10-15 exchanges and about 30 KB of text. Journalists come from a long-tailed
(Zipf-like) population of ~300 people over ~80 outlets, each active for some years of the
20 the corpus spans; a handful of principals, the Secretary General answering most. The
prose is made from word lists and sentence templates with a seeded `random.Random`: no
external data.
"""

from __future__ import annotations

import argparse
import datetime
import random
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

FIRST_YEAR, LAST_YEAR = 2006, 2025
JOURNALISTS, OUTLETS = 300, 80
ZIPF = 1.1  # exponent of the journalists' and outlets' popularity
TARGET_BYTES = 30_000  # average size of a transcript

# --- the people -------------------------------------------------------------------------

FIRST = """Sabine Thomas Adam Iulia Sachiyo Hadley Christoffer Ina Sergey Essa Mohammad Dmytro Anna
Lorenzo Marta Pieter Jonas Ewa Nikos Ayse Henrik Claire Rafael Oksana Tomasz Lena Mehmet Ingrid
Pablo Katarzyna Luca Sofia Andrei Elif Johan Marie Karim Noor Viktor Agnieszka Bruno Helena Olaf
Daria Mateusz Ilse Georgios Camille Yusuf Aino Miguel Zsofia Leila Arturs Giulia Stefan Rasa
Hamid Emma Kristof Irina Jakub Nadia Ole Teresa Mihai Lucia Farid Astrid Dominik Vesna""".split()
LAST = """Siebold Gutschker Parsons Sarivan Sugita Gamble Wendick Tsartsidze Goryashko Nahari Alloubani
Shkurko Kowalski Moretti Lindqvist Haugen Novak Papadopoulos Yilmaz Jensen Dubois Santos Kovalenko
Wisniewski Becker Demir Larsen Garcia Nowak Romano Petrov Aydin Andersson Laurent Haddad Rahman
Horvath Schmidt Nielsen Costa Ivanova Zielinski Fischer Georgiou Martin Kaya Virtanen Fernandes
Szabo Mansour Ozols Ricci Weber Kazlauskas Karimi Berg Toth Popescu Herrera Amini Bakker Jovanovic
Ionescu Lehmann Hakimi Sorensen Vasquez Mikkelsen Marchetti Oztürk Dvořák Sæther Brennan Okafor
Whitfield Castellano Janssens Grabowski Lambrecht Halvorsen Aksoy Ferreira Kristensen""".split()
PARTICLES = ["van der", "de", "van", "von", "al"]

REGIONS = """Baltic Nordic Adriatic Danube Carpathian Alpine Atlantic Iberian Aegean Balkan Rhine
Vistula Pontic Celtic Levant Caspian Arctic Benelux Channel Dnipro Tatra Lusatian Pannonian
Scandic Ligurian Thracian Moravian Frisian""".split()
MEDIA = """Courier Herald Gazette Broadcasting Radio Television Tribune Observer Monitor Post
Telegraph Review Wire Journal Chronicle Dispatch""".split()
LANDS = """Norland Estmark Valdoria Carinthia Westmark Ostland Lusatia Galdor Rivania Sarmatia
Dalmia Istria""".split()

PRINCIPALS = [  # name, title as the label writes it, registry role, share of transcripts
    ("Maarten Lindqvist", "NATO Secretary General", "NATO Secretary General", 0.82),
    ("Ilaria Bassani", "NATO Deputy Secretary General", "NATO Deputy Secretary General", 0.18),
]
GUESTS = [  # visiting principals of joint press conferences: name, title, country
    ("Jonas Falk", "Prime Minister", "Norland"),
    ("Helena Marek", "President", "Valdoria"),
    ("Tomas Varga", "Foreign Minister", "Carinthia"),
    ("Ruth Okonkwo", "Prime Minister", "Estmark"),
]
SPOKESPERSONS = [("Mira Castellan", 2006), ("Oskar Brandtner", 2012), ("Lena Varro", 2019)]


@dataclass(frozen=True)
class Journalist:
    name: str
    outlet: str
    start: int  # first and last year they attend
    end: int
    alias: str | None = None  # a misspelling some transcripts use, fixed in speakers.yml


@dataclass(frozen=True)
class Population:
    journalists: tuple[Journalist, ...]  # most active first
    outlets: tuple[str, ...]
    outlet_aliases: dict[str, str]  # alias -> outlet

    def active(self, year: int) -> tuple[list[Journalist], list[float]]:
        """The journalists attending in `year` with their Zipf weights (by overall rank)."""
        people = [(j, 1 / (rank + 3) ** ZIPF) for rank, j in enumerate(self.journalists) if j.start <= year <= j.end]
        return [p for p, _ in people], [w for _, w in people]


def similarity(a: str, b: str) -> float:
    """0-100, as rapidfuzz's `fuzz.ratio` (2 × longest common subsequence / total length),
    which the generator's `check` uses to warn of a name that looks like another."""
    a, b = _loose(a), _loose(b)
    masks: dict[str, int] = {}
    for i, char in enumerate(a):
        masks[char] = masks.get(char, 0) | 1 << i
    full = (1 << len(a)) - 1
    row = full
    for char in b:  # bit-parallel LCS (Hyyrö)
        match = row & masks.get(char, 0)
        row = ((row + match) | (row - match)) & full
    common = len(a) - row.bit_count()
    return 200 * common / (len(a) + len(b)) if a or b else 100.0


def _loose(name: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", name.casefold()).split())


DISTINCT = 75  # no two names of the population are this alike: the generator would warn (from 85)


def _distinct(name: str, others: list[str]) -> bool:
    return all(similarity(name, other) < DISTINCT for other in others)


def fold(text: str) -> str:
    """An ASCII key, to keep names and outlets unique by the slug they get."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _names(rng: random.Random, count: int, taken: set[str], officials: list[str]) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        parts = [rng.choice(FIRST)]
        if rng.random() < 0.1:
            parts.append(rng.choice(FIRST))
        if rng.random() < 0.06:
            parts.append(rng.choice(PARTICLES))
        parts.append(rng.choice(LAST))
        name = " ".join(parts)
        if fold(name) not in taken and _distinct(name, officials + names):
            taken.add(fold(name))
            names.append(name)
    return names


def _outlet_names(rng: random.Random, count: int) -> list[str]:
    makers = (
        lambda: f"{rng.choice(REGIONS)} {rng.choice(MEDIA)}",
        lambda: f"Radio {rng.choice(REGIONS)}",
        lambda: f"{rng.choice(REGIONS)} TV",
        lambda: f"National News Agency of {rng.choice(LANDS)}",
        lambda: f"{rng.choice(LANDS)} Public Broadcasting",
        lambda: "".join(rng.choice("ABDEHKLMNPRSTVZ") for _ in range(rng.choice((3, 4)))),
        lambda: f"{rng.choice(REGIONS)} {rng.choice(MEDIA)} {rng.choice(('Daily', 'Weekly', 'Online'))}",
    )
    names: list[str] = []
    taken: set[str] = set()
    while len(names) < count:
        name = rng.choice(makers)()
        if fold(name) not in taken and _distinct(name, names):
            taken.add(fold(name))
            names.append(name)
    return names


def _misspell(rng: random.Random, text: str) -> str:
    """Two neighbouring letters of one word swapped, as in "Retuers" and "Dymtro"."""
    words = text.split(" ")
    k = max(range(len(words)), key=lambda w: len(words[w]))
    word = words[k]
    i = rng.randrange(1, len(word) - 2)
    words[k] = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return " ".join(words)


def population(rng: random.Random) -> Population:
    officials = [n for n, *_ in PRINCIPALS + GUESTS + SPOKESPERSONS]
    taken = {fold(n) for n in officials}
    outlets = _outlet_names(rng, OUTLETS)
    outlet_weights = [1 / (rank + 1) ** ZIPF for rank in range(OUTLETS)]
    journalists = []
    for i, name in enumerate(_names(rng, JOURNALISTS, taken, officials)):
        # Every outlet has someone; the rest go mostly to the big outlets.
        outlet = outlets[i] if i < OUTLETS else rng.choices(outlets, outlet_weights)[0]
        start = rng.randint(FIRST_YEAR - 8, LAST_YEAR)
        end = min(LAST_YEAR, start + rng.randint(4, 20))
        alias = _misspell(rng, name) if rng.random() < 0.05 and max(map(len, name.split())) > 4 else None
        journalists.append(Journalist(name, outlet, max(start, FIRST_YEAR), end, alias))
    rng.shuffle(journalists)  # popularity independent of outlet size
    aliases = {}
    for outlet in outlets:
        if rng.random() < 0.15 and max(map(len, outlet.split())) > 4:
            aliases[_misspell(rng, outlet)] = outlet
        short = "".join(w[0] for w in outlet.split() if w[0].isupper())
        if rng.random() < 0.1 and len(outlet.split()) >= 3 and _distinct(short, [*outlets, *aliases]):
            aliases[short] = outlet
    return Population(tuple(journalists), tuple(outlets), aliases)


def registry(pop: Population) -> str:
    """speakers.yml: the officials, the journalists with a known misspelling, two thirds of
    the outlets (the others are read from the labels as they stand)."""
    people = [{"name": n, "role": role} for n, _, role, _ in PRINCIPALS]
    people += [{"name": n, "role": f"{title} of {country}"} for n, title, country in GUESTS]
    people += [{"name": n, "role": "NATO Spokesperson"} for n, _ in SPOKESPERSONS]
    people += [{"name": j.name, "aliases": [j.alias]} for j in pop.journalists if j.alias]
    by_outlet: dict[str, list[str]] = {}
    for alias, outlet in pop.outlet_aliases.items():
        by_outlet.setdefault(outlet, []).append(alias)
    outlets = []
    for i, outlet in enumerate(pop.outlets):
        if i % 3 or outlet in by_outlet:
            outlets.append({"name": outlet, **({"aliases": by_outlet[outlet]} if outlet in by_outlet else {})})
    header = "# Synthetic speaker registry (benchmarks/synth.py).\n"
    return header + yaml.safe_dump({"people": people, "outlets": outlets}, allow_unicode=True, sort_keys=False)


# --- the prose --------------------------------------------------------------------------

SUBJECTS = ["we", "Allies", "NATO Allies", "the 32 Allies", "our nations", "ministers", "all Allies", "our partners",
            "our forces", "defence companies", "Europe and North America", "our armed forces", "the Allies"]
VERBS = ["need to step up", "will continue to support", "agreed on", "are working hard on", "must strengthen",
         "will discuss", "have to ramp up", "are investing in", "remain committed to", "will review",
         "welcome the progress on", "cannot take for granted", "are modernising", "will deliver on",
         "are stepping up", "have made real progress on", "will keep a close eye on", "must never neglect"]
OBJECTS = ["defence spending", "the defence industrial base", "air and missile defence", "our support to Ukraine",
           "the security of the Euro-Atlantic area", "critical undersea infrastructure", "the southern neighbourhood",
           "cyber resilience", "deterrence and defence", "the pledge we made at the summit", "our eastern flank",
           "the bilateral security agreements", "interoperability between our forces", "ammunition production",
           "the partnership with the European Union", "arms control", "military mobility", "space and cyberspace",
           "our capability targets", "the readiness of our forces", "the fight against terrorism",
           "energy security", "climate and security", "the training mission", "our forward presence",
           "innovation and new technologies", "the command structure", "burden sharing", "hybrid threats"]
QUALIFIERS = ["step by step", "over the coming months", "as a matter of urgency", "in close coordination with the European Union",
              "because that is crucial for our security", "so that we are ready for any threat", "and we will not be naive about it",
              "as we agreed last year", "together with our partners", "for the generations to come", "and that is what we will do",
              "in the years ahead", "across the whole Alliance", "without any delay", "as a collective effort"]
OPENERS = ["Well, ", "And ", "So ", "Let me be clear, ", "As you know, ", "First of all, ", "Obviously, ",
           "At the same time, ", "But ", "Clearly, ", "Now, ", "And again, ", "Of course, ", "", "", "", ""]
SHORT = ["Especially now.", "This is great news.", "But we will all need to do more.", "And we have a duty to help.",
         "To deter any aggression.", "None of this is easy.", "That is the reality.", "And that is crucial.",
         "We will not be intimidated.", "This is not a time for complacency."]
FIXED = [
    "In {year}, Allies agreed a pledge of {n} billion euros of security assistance and we remain committed to it.",
    "Defence spending across Europe and Canada has grown by {p}% this year, the {ord} consecutive year of increase.",
    "We now have {n} multinational battlegroups on the eastern flank, and {m} thousand troops at high readiness.",
    "It’s crucial that we keep the momentum, and that’s what ministers will discuss over the next {m} days.",
    "I spoke to the {title} of {land} only yesterday – and we very much agree on the way forward.",
    "As one minister put it to me this morning, “we cannot afford to wait”, and I think that is right.",
    "That means {obj}, but also {obj2}, because the two go hand in hand.",
]
QUESTIONS = ["Do you expect that ministers will agree on {obj} at this meeting",
             "How do you assess the progress on {obj}", "What is NATO doing about {obj}",
             "Will Allies {verb} {obj} before the summit", "Is it realistic to expect a decision on {obj} this year",
             "Are you concerned that some Allies are lagging behind on {obj}",
             "Could you tell us more about {obj} and what it means for {obj2}",
             "Have you seen conclusive evidence of hybrid attacks against {obj}",
             "What kind of security guarantees can NATO offer in view of {obj}",
             "Does the Alliance have a plan for {obj} if the situation deteriorates further"]
INTROS = ["Thank you. ", "Good morning, Secretary General. ", "Thanks a lot. ", "Two questions, please. The first one, ",
          "Thank you very much. ", "Hello. ", "Secretary General, ", ""]
CLOSING_REMARKS = [
    "Thank you, and thank you all for this morning. I will be back tomorrow with a doorstep and a press conference after the meetings.",
    "Thank you so much. We'll meet again later today.",
    "Thank you all very much, and see you at the next ministerial.",
]


class Prose:
    """Sentences and paragraphs from the word lists, drawn with the corpus's random."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def sentence(self) -> str:
        r = self.rng
        if r.random() < 0.12:
            return r.choice(FIXED).format(
                year=r.randint(FIRST_YEAR, LAST_YEAR), n=r.randint(2, 60), m=r.randint(2, 9), p=r.randint(2, 18),
                ord=r.choice(("third", "fifth", "tenth")), title=r.choice(("Prime Minister", "President")),
                land=r.choice(LANDS), obj=r.choice(OBJECTS), obj2=r.choice(OBJECTS),
            )
        opener, subject = r.choice(OPENERS), r.choice(SUBJECTS)
        words = f"{opener}{subject} {r.choice(VERBS)} {r.choice(OBJECTS)}"
        if r.random() < 0.6:
            words += f" {r.choice(QUALIFIERS)}"
        return words[0].upper() + words[1:] + "."

    def paragraph(self, sentences: tuple[int, int] = (2, 6)) -> str:
        if self.rng.random() < 0.08:
            return self.rng.choice(SHORT)
        return " ".join(self.sentence() for _ in range(self.rng.randint(*sentences)))

    def question(self, who: str | None) -> str:
        r = self.rng
        intro = r.choice(INTROS) + (f"{who}. " if who and r.random() < 0.5 else "")
        context = " ".join(self.sentence() for _ in range(r.randint(1, 3)))
        asks = [
            r.choice(QUESTIONS).format(obj=r.choice(OBJECTS), obj2=r.choice(OBJECTS), verb=r.choice(VERBS)) + "?"
            for _ in range(r.randint(1, 2))
        ]
        asks = " And ".join([asks[0], *(a[0].lower() + a[1:] for a in asks[1:])])
        # The question mark stays on the label's first line: it tells the parser a question is asked.
        return f"{intro}{asks} {context} Thank you."

    def answer(self, size: int) -> list[str]:
        paragraphs: list[str] = []
        while sum(len(p) for p in paragraphs) < size:
            paragraphs.append(self.paragraph())
        return paragraphs


# --- transcripts ------------------------------------------------------------------------

MONTHS = "Jan. Feb. Mar. Apr. May Jun. Jul. Aug. Sep. Oct. Nov. Dec.".split()
MONTH_NAMES = "January February March April May June July August September October November December".split()
PC_TITLES = ["Pre-ministerial press conference", "Press conference following the meeting of the North Atlantic Council",
             "Press conference at the end of the summit", "Pre-summit press conference",
             "Press conference following the meeting of Defence Ministers", "Monthly press conference"]
DOORSTEP_TITLES = ["Doorstep statement", "Doorstep interview", "Remarks to the press", "Doorstep statement at the summit"]
OCCASIONS = ["ahead of the meeting of NATO Ministers of Foreign Affairs in Brussels on {d} and {d2} {month}",
             "following the meeting of the North Atlantic Council", "at the NATO Summit",
             "ahead of the meetings of NATO Ministers of Defence in Brussels", "after talks on {obj}"]
HANDOVERS = ["We'll start with {outlet} over there. {first},", "Okay, I'll go to {outlet}, {first}, third row,",
             "Okay, we'll go to {outlet}, please.", "Thank you. We'll go to {outlet} over there.",
             "I'll take another question, this time from {outlet},", "Okay, {outlet}. At the end there. Thank you, {first}.",
             "Thank you. I'll go to {first} from {outlet} please. Second row."]
TOPICS = ["Ukraine", "defence spending", "industry", "partnerships", "cyber defence", "arms control",
          "deterrence", "the Middle East", "Arctic security", "climate and security"]


@dataclass(frozen=True)
class Event:
    date: datetime.date
    slug: str
    title: str
    doorstep: bool
    principal: tuple[str, str]  # name, label title
    guest: tuple[str, str, str] | None  # name, title, country: a joint press conference


def _principal(rng: random.Random) -> tuple[str, str]:
    name, title, _, _ = rng.choices(PRINCIPALS, [p[3] for p in PRINCIPALS])[0]
    return name, title


def events(rng: random.Random, n: int) -> list[Event]:
    """N dated events with unique file names, alternating the two styles."""
    span = (datetime.date(LAST_YEAR, 12, 31) - datetime.date(FIRST_YEAR, 1, 1)).days
    seen: set[str] = set()
    found = []
    for i in range(n):
        doorstep = i % 2 == 1
        day = datetime.date(FIRST_YEAR, 1, 1) + datetime.timedelta(days=rng.randrange(span + 1))
        guest = rng.choice(GUESTS) if not doorstep and rng.random() < 1 / 6 else None
        title = rng.choice(DOORSTEP_TITLES if doorstep else PC_TITLES)
        if guest:
            title = f"Joint press conference with the {guest[1]} of {guest[2]}"
        base = stem = f"{day.isoformat()}-{fold(title)}"
        k = 1
        while stem in seen:
            k += 1
            stem = f"{base}-{k}"
        seen.add(stem)
        principal = PRINCIPALS[0][:2] if guest else _principal(rng)
        found.append(Event(day, stem, title, doorstep, principal, guest))
    return found


def _exchanges(rng: random.Random) -> int:
    return rng.randint(10, 15)


def _askers(rng: random.Random, pop: Population, year: int, count: int) -> list[Journalist]:
    people, weights = pop.active(year)
    return rng.choices(people, weights, k=count)


def _spokesperson(year: int) -> str:
    return [name for name, since in SPOKESPERSONS if since <= year][-1]


def _label(rng: random.Random, pop: Population, j: Journalist) -> str:
    """"Name, Outlet", now and then with a misspelling the registry fixes."""
    name = j.alias if j.alias and rng.random() < 0.5 else j.name
    aliases = [a for a, o in pop.outlet_aliases.items() if o == j.outlet]
    outlet = rng.choice(aliases) if aliases and rng.random() < 0.3 else j.outlet
    return f"{name}, {outlet}"


def press_conference(rng: random.Random, pop: Population, e: Event) -> list[str]:
    prose = Prose(rng)
    name, title = e.principal
    principal = f"{title} {name}"
    by = f"by {principal}"
    if e.guest:
        by += f" and {e.guest[1]} {e.guest[0]} of {e.guest[2]}"
    occasion = rng.choice(OCCASIONS).format(
        d=e.date.day, d2=(e.date + datetime.timedelta(days=1)).day, month=MONTH_NAMES[e.date.month - 1], obj=rng.choice(OBJECTS))
    lines = [e.title, f"{by} {occasion}", "(As delivered)"]
    count = _exchanges(rng)
    per_answer = (TARGET_BYTES - 4_000) // count - 600
    lines += [prose.paragraph((1, 3)) for _ in range(rng.randint(8, 16))]
    lines.append("And with that I am ready to take your questions.")
    guest_label = f"{e.guest[1]} {e.guest[0]}" if e.guest else None
    if guest_label:
        lines += [guest_label, *prose.answer(1_500), "Thank you."]
    moderator = f"NATO Spokesperson {_spokesperson(e.date.year)}"
    for i, j in enumerate(_askers(rng, pop, e.date.year, count)):
        handover = rng.choice(HANDOVERS).format(outlet=j.outlet, first=j.name.split()[0])
        if i == count - 1 and rng.random() < 0.5:
            lines.append(f"{moderator} Thank you all. We have time for one more question, from {j.outlet}.")
        else:
            lines += [moderator, ("Thank you. " if i == 0 else "") + handover]
        if i and rng.random() < 0.05:
            lines += [principal, "Hello. Good morning."]
        lines += [_label(rng, pop, j), prose.question(f"{j.name}, {j.outlet}")]
        answers = [principal, guest_label] if guest_label and rng.random() < 0.4 else [principal]
        for who in answers:
            lines += [who, *prose.answer(per_answer // len(answers))]
    lines.append(rng.choice(CLOSING_REMARKS))
    return lines


def doorstep(rng: random.Random, e: Event) -> list[str]:
    prose = Prose(rng)
    name, title = e.principal
    stamp = f"{e.date.day} {MONTHS[e.date.month - 1]} {e.date.year}"
    occasion = rng.choice(OCCASIONS[1:4])
    lines = [e.title, "", f"{title.replace('NATO ', 'by NATO ', 1)} {name} {occasion}", "",
             f"  • {stamp} -", "  • |", f"  • Last updated: {stamp} {rng.randint(7, 19):02d}:{rng.randint(0, 59):02d}", "",
             "(As delivered)", ""]
    for _ in range(rng.randint(5, 9)):
        lines += [prose.paragraph((3, 7)) + " ", ""]
    lines += ["Maybe a few questions.", "", ""]
    count = _exchanges(rng)
    per_answer = (TARGET_BYTES - 4_000) // count - 500
    label = f"{title} {name.split()[-1]}:"
    for i in range(count):
        lines += ["Question:", prose.question(None) + " ", "", label]
        for paragraph in prose.answer(per_answer):
            lines += [paragraph, ""]
        if i == count - 2:
            lines += ["Final question, and then we'll meet again at the press conference. ", ""]
    lines.append(rng.choice(CLOSING_REMARKS))
    return lines


def sidecar(rng: random.Random, e: Event) -> str:
    values: dict[str, object] = {} if e.doorstep else {"date": e.date.isoformat()}
    values["kind"] = "Doorstep" if e.doorstep else "Joint press conference" if e.guest else "Press conference"
    values["location"] = rng.choice(["Brussels", "Brussels", "Brussels", "Vilnius", "Madrid", "Washington", "Riga"])
    if rng.random() < 0.5:
        values["source_url"] = f"https://www.example.org/transcripts/{e.slug}.htm"
    if rng.random() < 0.5:
        values["topics"] = rng.sample(TOPICS, rng.randint(1, 3))
    return yaml.safe_dump(values, allow_unicode=True, sort_keys=False)


def encode(rng: random.Random, lines: list[str]) -> bytes:
    """As pasted: mostly UTF-8 with LF, now and then a BOM or CRLF line ends."""
    newline = "\r\n" if rng.random() < 0.05 else "\n"
    data = newline.join(lines).encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if rng.random() < 0.05 else data


def make_corpus(n: int, out: Path, seed: int = 1) -> list[Path]:
    """Write N transcripts, their sidecars and speakers.yml into `out`; the .txt paths."""
    rng = random.Random(seed)
    pop = population(rng)
    out.mkdir(parents=True, exist_ok=True)
    (out / "speakers.yml").write_text(registry(pop), encoding="utf-8")
    written = []
    for e in events(rng, n):
        lines = doorstep(rng, e) if e.doorstep else press_conference(rng, pop, e)
        path = out / f"{e.slug}.txt"
        path.write_bytes(encode(rng, lines))
        path.with_suffix(".yml").write_text(sidecar(rng, e), encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="how many transcripts")
    parser.add_argument("out", type=Path, help="folder to write them into (created if missing)")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same corpus (default 1)")
    args = parser.parse_args()
    if any(args.out.glob("*.txt")):
        parser.error(f"{args.out} already holds transcripts: give an empty or new folder")
    paths = make_corpus(args.n, args.out, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"synth: {len(paths):,} transcripts, {size / 1e6:.1f} MB, in {args.out}")


if __name__ == "__main__":
    main()
