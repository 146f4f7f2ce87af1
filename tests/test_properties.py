"""Property tests: no input crashes the reader, and no words are lost on the way to the model."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.clean import clean, normalise
from generator.errors import InputError
from generator.parse import parse
from generator.pipeline import load_transcript
from generator.read import decode, repair
from generator.registry import Registry
from generator.resolve import Resolver

# Lines of the kinds transcripts are made of, and noise.
LINES = st.one_of(
    st.sampled_from([
        "Question:", "Q:", "QUESTION: Why?", "NATO Secretary General Rutte:", "NATO Secretary General Mark Rutte",
        "NATO Spokesperson Farah Dakhlallah", "NATO Spokesperson Farah Dakhlallah Thank you.", "Sabine Siebold, Reuters",
        "Jens Stoltenberg (NATO Secretary General):", "Dear Prime Minister", "• 13 Feb. 2025 -", "• |",
        "• Last updated: 13 Feb. 2025 10:22", "(As delivered)", "Hello. Good morning.", "Why now?", "", "   ",
        "Finland, Sweden and Norway", "10:22", "* * *", "<script>x</script>", "[x](y) {#q1}",
    ]),
    st.text(max_size=80),
)
TRANSCRIPTS = st.lists(LINES, max_size=40).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(TRANSCRIPTS)
def test_no_words_are_lost_between_the_clean_text_and_the_turns(text):
    body = clean(text).body
    parsed = parse(body)
    turns = parsed.turns
    kept = [p for turn in turns for p in turn.paragraphs] + [line.text for line in parsed.header]
    labels = [turn.label.text for turn in turns if turn.label]
    # Every body line is a paragraph, or a label line (with any text after the label).
    for line in body:
        assert line.text in kept or any(line.text.startswith(label) for label in labels), line
    assert len(kept) + len(labels) >= len(body)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(TRANSCRIPTS.map(lambda t: t.encode("utf-8")), st.binary(max_size=400)))
def test_any_input_reads_or_fails_with_a_located_problem(tmp_path: Path, data: bytes):
    path = tmp_path / "2025-01-01-anything.txt"
    path.write_bytes(data)
    try:
        reading = load_transcript(path, Registry())
    except InputError as error:
        assert all(str(p).startswith(str(path)) for p in error.problems)
        return
    t = reading.transcript
    turns = [*t.opening, *(x for e in t.exchanges for x in (*e.lead_in, e.question, *e.replies)), *t.closing]
    in_model = [p for turn in turns for p in turn.paragraphs]
    # What parse found, every paragraph of it, is in the model, once and in order.
    cleaned = clean(repair(decode(path, data))[0])  # mojibake undone, as the reader does
    resolver = Resolver(Registry(), cleaned.subtitle.text if cleaned.subtitle else None)
    assert in_model == [p for turn in parse(cleaned.body, resolver.knows).turns for p in turn.paragraphs]


def _words(*texts: str) -> Counter:
    return Counter(word for text in texts for word in re.findall(r"\w+", text))


def _model_words(reading) -> Counter:
    t = reading.transcript
    turns = [*t.opening, *(x for e in t.exchanges for x in (*e.lead_in, e.question, *e.replies)), *t.closing]
    return _words(
        t.meta.title, t.meta.subtitle or "",
        *(line.text for line in reading.removed),
        *(label for turn in turns for label in turn.labels),
        *(p for turn in turns for p in turn.paragraphs),
    )


# Lines in every label style the parser reads, and the noise around them.
STYLED_LINES = st.one_of(
    LINES,
    st.sampled_from([
        "Q", "Q Thank you, Karine.", "QUESTION: Sabine Siebold, Reuters. Thank you. Why?", "Q (Lorne Cook, AP): And?",
        "MR. PRICE: Well.", "MS. JEAN-PIERRE:", "SECRETARY BLINKEN: Thanks.", "THE PRESIDENT: Yes.", "INTERPRETER: He said.",
        "Secrétaire général : Merci.", "Question : Pourquoi ?", "A: Because.", "Answer:", "Sabine Siebold (Reuters) Thank you.",
        "Sabine Siebold – Reuters", "Ukraine: the way forward", "[inaudible]", "(Laughter)", "[00:12:31]",
        "10:04:11 MODERATOR: Next question.", "END", "Print", "Share", "Home > News > Transcripts",
        "We'll go to Reuters, Sabine.", "MODERATOR: Next, Lorne Cook of AP.", "Follow-up, please?",
        "Porte-parole de l'OTAN :", "Prime Minister:", "by NATO Secretary General Mark Rutte and Prime Minister Ulf Kristersson",
    ]),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(STYLED_LINES, min_size=1, max_size=40))
def test_every_word_ends_up_exactly_once_in_the_model(tmp_path: Path, lines):
    """Nothing lost, nothing duplicated: each word of the input is in a turn's text, in a
    label, in the title or subtitle, or in what the reader reports it removed."""
    text = "\n".join(lines)
    path = tmp_path / "2025-01-01-anything.txt"
    path.write_text(text, encoding="utf-8")
    try:
        reading = load_transcript(path, Registry())
    except InputError:
        return
    assert _model_words(reading) == _words(*(normalise(line) for line in repair(text)[0].splitlines()))


# --- a model written out as a transcript reads back as that model ------------------------

JOURNALISTS = [("Sabine Siebold", "Reuters"), ("Thomas Gutschker", "Frankfurter Allgemeine Zeitung"),
               ("Adam Parsons", "Sky News"), ("Sachiyo Sugita", "NHK")]
WORDS = st.sampled_from("alliance defence spending ukraine summit allies the a of on for will how what troops "
                        "industry sanctions budget meeting ministers support weapons".split())
SENTENCE = st.lists(WORDS, min_size=3, max_size=12).map(lambda w: " ".join(w).capitalize())
QUESTION = st.lists(SENTENCE, min_size=1, max_size=3).map(lambda s: "? ".join(s) + "?")
ANSWER = st.lists(SENTENCE, min_size=1, max_size=3).map(lambda s: ". ".join(s) + ".")
EXCHANGE = st.tuples(st.sampled_from(JOURNALISTS), QUESTION, st.lists(ANSWER, min_size=1, max_size=3))
STYLES = {  # how a publisher writes the journalist's label and the answerer's
    "nato": (lambda name, outlet: f"{name}, {outlet}", "NATO Secretary General Mark Rutte"),
    "colon": (lambda name, outlet: f"{name} ({outlet}):", "NATO Secretary General Rutte:"),
    "anonymous": (lambda name, outlet: "Question:", "NATO Secretary General Rutte:"),
}
REGISTRY = "people:\n" + "".join(f"  - name: {n}\n" for n, _ in JOURNALISTS) + \
    "  - name: Mark Rutte\n    role: NATO Secretary General\noutlets:\n" + "".join(f"  - name: {o}\n" for _, o in JOURNALISTS)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(opening=ANSWER, exchanges=st.lists(EXCHANGE, min_size=1, max_size=8), style=st.sampled_from(sorted(STYLES)))
def test_a_model_written_as_a_transcript_parses_back_to_it(tmp_path: Path, opening, exchanges, style):
    from generator.registry import load_registry

    asker, answerer = STYLES[style]
    blocks = ["Press conference", "by NATO Secretary General Mark Rutte in Brussels", answerer, opening]
    for (name, outlet), question, answers in exchanges:
        blocks += [asker(name, outlet), question, answerer, "\n".join(answers)]
    path = tmp_path / "2025-01-01-press-conference.txt"
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    (tmp_path / "speakers.yml").write_text(REGISTRY, encoding="utf-8")
    t = load_transcript(path, load_registry(tmp_path)).transcript
    assert [turn.text for turn in t.opening] == [opening]
    assert len(t.exchanges) == len(exchanges)
    for e, ((name, outlet), question, answers) in zip(t.exchanges, exchanges):
        assert e.question.text == question
        if style != "anonymous":
            assert (e.question.speaker.person.name, e.question.speaker.outlet.name) == (name, outlet)
        assert [turn.speaker.person.name for turn in e.answers] == ["Mark Rutte"]
        assert [p for turn in e.answers for p in turn.paragraphs] == answers
