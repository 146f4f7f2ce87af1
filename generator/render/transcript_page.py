"""The page of one transcript: metadata, a jump list, the opening, then every exchange
under a heading whose id (`q1`, `q2`, ...) is the permanent link to it."""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from .. import versions
from ..model import Exchange, Related, Removal, Role, Speaker, Transcript, Turn, Version
from . import paths
from ..timecodes import clock, exchange_offset, watch_url
from .citation import absolute, answer_citation_text, answerers, citation_text, json_ld
from .markdown import excerpt, external, front_matter, human_date, link, plain, text

# What a turn is, by who speaks and where: a principal's turn is an answer only after a question.
STATEMENT = {Role.QUESTIONER: "question", Role.PRINCIPAL: "statement", Role.MODERATOR: "moderator"}
REPLY = {**STATEMENT, Role.PRINCIPAL: "answer"}
LEAD_IN = {**STATEMENT, Role.PRINCIPAL: "remark"}


def render(t: Transcript, previous: Transcript | None, following: Transcript | None, site_url: str = "") -> str:
    return with_neighbours(t, body(t, site_url), previous, following)


def with_neighbours(t: Transcript, body: str, previous: Transcript | None, following: Transcript | None) -> str:
    """The page: its `body`, then links to the transcripts before and after it."""
    return f"{body}\n\n{_neighbours(paths.transcript(t), previous, following)}\n"


def body(t: Transcript, site_url: str = "") -> str:
    """All of the page but the links to its neighbours: it depends on the transcript alone
    (and on where the site is published, which its citations give)."""
    page = paths.transcript(t)
    blocks = [f"# {text(t.meta.title)}"]
    if t.meta.subtitle:
        blocks.append(f"*{text(t.meta.subtitle)}*")
    if t.version:
        v = t.version
        blocks.append(f"In {versions.name(v.language)}: {_version_link(page, v, v.title)}\n{{: .transcript-version }}")
    blocks.append(_facts(t, page))
    if t.exchanges:
        blocks.append("## Questions {#questions}")
        blocks.append("\n".join(_jump(page, e) for e in t.exchanges))
    if t.opening:
        blocks.append("## Opening statement {#opening}")
        blocks.extend(_turn(page, turn, STATEMENT) for turn in t.opening)
    if t.exchanges or t.removed:
        blocks.append("## Questions and answers {#exchanges}")
        removed = {}
        for r in t.removed:
            removed.setdefault(r.after, []).append(r)
        blocks.extend(_removed(r) for r in removed.get(0, ()))
        for position, e in enumerate(t.exchanges, 1):
            blocks.append(_exchange(t, page, e, site_url))
            blocks.extend(_removed(r) for r in removed.get(position, ()))
    if t.closing:
        blocks.append("## Closing {#closing}")
        blocks.extend(_turn(page, turn, STATEMENT) for turn in t.closing)
    description = plain(t.meta.subtitle or excerpt(t.opening[0].text, 40) if t.opening or t.meta.subtitle else t.meta.title)
    languages = {}
    if t.meta.language or t.version:
        languages["language"] = versions.language(t)
    if t.version:
        languages["alternates"] = [{"hreflang": versions.language(t), "url": t.url},
                                   {"hreflang": t.version.language, "url": t.version.url}]
    matter = front_matter(t.meta.title, description=html.escape(description), jsonld=json_ld(t, site_url),
                          feed=paths.FEED_ALL, **languages)
    return matter + "\n\n".join(blocks)


def _facts(t: Transcript, page: str) -> str:
    meta = t.meta
    facts = [("Date", link(human_date(meta.date), page, paths.year(t.year)))]
    facts += [(name, text(value)) for name, value in (
        ("Kind", meta.kind), ("Location", meta.location), ("Status", meta.status),
        ("Last updated", meta.last_updated), ("Corrected", meta.corrected and human_date(meta.corrected)),
    ) if value]
    if meta.topics:
        facts.append(("Topics", _topic_links(page, meta.topics)))
    if meta.video_url and (video := external(meta.video_url)):
        facts.append(("Recording", f"[{text(urlsplit(meta.video_url).netloc)}]({video})"))
    source = external(meta.source_url) if meta.source_url else None
    if source:
        facts.append(("Publisher’s page", f"[{text(urlsplit(meta.source_url).netloc)}]({source})"))
    facts.append(("Questions", str(len(t.exchanges))))
    facts.append(("Raw text", link(t.source.name, page, paths.raw(t)) if t.raw else text(t.source.name)))
    facts.append(("Data", link("JSON", page, paths.api(t))))
    return "\n".join(f"- **{name}:** {value}" for name, value in facts)


def _topic_links(page: str, topics: tuple[str, ...]) -> str:
    return ", ".join(link(name, page, paths.topic(name)) for name in topics)


def asker(page: str, speaker: Speaker) -> str:
    """"Sabine Siebold, Reuters" with both linked; "Unnamed journalist" when the text names nobody."""
    who = link(speaker.person.name, page, paths.speaker(speaker.person)) if speaker.person else "Unnamed journalist"
    if speaker.outlet:
        who += ", " + link(speaker.outlet.name, page, paths.outlet(speaker.outlet))
    return who


def asker_name(speaker: Speaker) -> str:
    """"Sabine Siebold, Reuters" as plain text; "Unnamed journalist" when the text names nobody."""
    return ", ".join(x.name for x in (speaker.person, speaker.outlet) if x) or "Unnamed journalist"


def _jump(page: str, e: Exchange) -> str:
    name = asker_name(e.question.speaker)
    return f"{e.number}. {link(f'{e.name} · {name}', page, page, e.anchor)}: “{text(excerpt(e.question.text))}”"


def _exchange(t: Transcript, page: str, e: Exchange, site_url: str) -> str:
    blocks = [f"### {e.name} · {asker(page, e.question.speaker)} {{#{e.anchor}}}", _tools(t, e, site_url)]
    if about := _about(t, page, e):
        blocks.append(about)
    blocks.extend(
        f'<p id="{anchor}" class="exchange-merged">Q{anchor[1:]}, once an exchange of its own, was merged into '
        f"this one in a correction of the transcript.</p>"
        for anchor in e.merged
    )
    if e.follow_up_of is not None:
        earlier = t.exchange(e.follow_up_of)
        blocks.append(f"Follow-up to {link(earlier.name, page, page, earlier.anchor)}\n{{: .exchange-follow-up }}")
    blocks.extend(_turn(page, turn, LEAD_IN) for turn in e.lead_in)
    blocks.append(_turn(page, e.question, REPLY))
    blocks.extend(_turn(page, turn, REPLY) for turn in e.replies)
    if t.related and t.related[e.number - 1]:
        blocks.append(_asked_before(page, t.related[e.number - 1]))
    return "\n\n".join(blocks)


def _asked_before(page: str, related: tuple[Related, ...]) -> str:
    """After the answers, the earlier exchanges on the same subject (`related`): each
    linked by its transcript's date and title, with who asked and how the answer opened."""
    blocks = ["**Asked before** · earlier questions on the same subject\n{: .asked-before-title }"]
    for r in related:
        heading = f"{human_date(r.date)} · {r.title}, Q{r.anchor[1:]}"
        answer = f"{r.answerer.name} answered: “{excerpt(r.opening, 24)}”" if r.answerer else "no answer in the transcript"
        blocks.append(f"{link(heading, page, paths.at_url(r.url), r.anchor)}  \n"
                      f"{text(asker_name(r.asker))} asked; {text(answer)}\n{{: .asked-before }}")
    return "\n\n".join(blocks)


def _about(t: Transcript, page: str, e: Exchange) -> str:
    """Under the tools, where the exchange leads on: the same exchange in the other
    language, the recording at its moment, the topics of its transcript."""
    parts = []
    v = t.version
    if v and v.anchors:
        other = v.anchors[e.number - 1]
        parts.append(f"In {versions.name(v.language)}: {_version_link(page, v, 'Q' + other[1:], other)}")
    offset = exchange_offset(e)
    if t.meta.video_url and offset is not None and (watch := external(watch_url(t.meta.video_url, offset))):
        parts.append(f"[Watch from {clock(offset)}]({watch}){{: .exchange-watch aria-label=\"Watch {e.name} on the "
                      f"recording from {clock(offset)}\" }}")
    if t.meta.topics:
        parts.append(f"Topics: {_topic_links(page, t.meta.topics)}")
    return " · ".join(parts) + "\n{: .exchange-about }" if parts else ""


def _version_link(page: str, v: Version, label: str, anchor: str | None = None) -> str:
    """A link to the other language's page (or one of its exchanges), saying its language.
    Its `target` keeps Material's language switch off it: the theme takes a page's
    `<link rel="alternate" hreflang>` for a whole site's other language, and would send a
    click on any link into it to the alternate's top, dropping the `#qN`."""
    attributes = f'hreflang="{v.language}" lang="{v.language}" target="_self"'
    return f"{link(label, page, paths.at_url(v.url), anchor)}{{: {attributes} }}"


def _tools(t: Transcript, e: Exchange, site_url: str) -> str:
    """Under the question's heading: its permanent link in full, "Copy link", and "Cite",
    which opens the citations of the exchange and of each answerer's answer, to select or
    copy. One line of HTML, every value escaped. The buttons need the page's script
    (`cite.js`), which shows them; where the site's address is unknown (a local build), it
    also puts the address the reader is at in place of the relative link."""
    url = html.escape(absolute(site_url, f"{t.url}#{e.anchor}"))
    citations = [("the exchange", citation_text(t, e))]
    citations += [(f"{p.name}’s answer", answer_citation_text(t, e, p)) for p in answerers(e)]
    items = "".join(
        f'<div class="citation-item"><p class="citation" data-anchor="{e.anchor}">'
        f'<span class="citation-text">{html.escape(value)},</span> <span class="citation-url">{url}</span></p>'
        f'<button type="button" class="citation-copy" aria-label="Copy the citation of {html.escape(what)}" hidden>'
        f"Copy</button></div>"
        for what, value in citations
    )
    return (
        f'<div class="exchange-tools" data-anchor="{e.anchor}"><a class="exchange-url" href="#{e.anchor}">{url}</a> '
        f'<button type="button" class="exchange-copy-link" aria-label="Copy link to {e.name}" hidden>Copy link</button> '
        f'<details class="exchange-cite"><summary>Cite<span class="visually-hidden"> {e.name}</span></summary>'
        f"{items}</details></div>"
    )


def _removed(r: Removal) -> str:
    return (f'<p id="{r.anchor}" class="exchange-removed">Q{r.anchor[1:]} was removed from this transcript '
            f"in a correction on {human_date(r.on)}.</p>")


def _turn(page: str, turn: Turn, parts: dict[Role, str]) -> str:
    """The speaker's name (linked), what they do in the room, and what their turn is:
    "**Mark Rutte**, NATO Secretary General · Answer"."""
    speaker = turn.speaker
    if speaker.role is Role.QUESTIONER:
        who = asker(page, speaker)
    elif speaker.person:
        who = link(speaker.person.name, page, paths.speaker(speaker.person))
    else:
        who = "Unnamed speaker"
    has_role = speaker.role is not Role.QUESTIONER and speaker.person and speaker.person.role
    role = f", {text(speaker.person.role)}" if has_role else ""
    part = parts[speaker.role]
    through = " (through an interpreter)" if turn.interpreted else ""
    label = f"**{who}**{role} · *{part.capitalize()}{through}*{{: .turn-part }}\n{{: .turn-speaker .turn-{part} }}"
    return "\n\n".join([label, *(text(p) for p in turn.paragraphs)])


def _neighbours(page: str, previous: Transcript | None, following: Transcript | None) -> str:
    parts = []
    if previous:
        parts.append("← Previous: " + link(f"{previous.meta.title} ({human_date(previous.meta.date)})", page, paths.transcript(previous)))
    if following:
        parts.append("Next: " + link(f"{following.meta.title} ({human_date(following.meta.date)})", page, paths.transcript(following)) + " →")
    parts.append("All transcripts: " + link("archive", page, paths.ARCHIVE))
    return "---\n\n" + " · ".join(parts) + "\n{: .transcript-neighbours }"
