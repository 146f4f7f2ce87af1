"""Where each generated page lives, relative to the docs folder. One place, so links agree."""

from __future__ import annotations

from ..model import Outlet, Person, Transcript
from ..registry import make_id

HOME = "index.md"
ARCHIVE = "transcripts/index.md"
SPEAKERS = "speakers/index.md"
OUTLETS = "outlets/index.md"
TOPICS = "topics/index.md"
ABOUT = "about.md"  # hand-written
API_INDEX = "api/transcripts.json"
API_PEOPLE = "api/people.json"
API_OUTLETS = "api/outlets.json"
API_TOPICS = "api/topics.json"
API_EXCHANGES_CSV = "api/exchanges.csv"  # every exchange, one row each (`render.bulk`)
API_EXCHANGES_JSONL = "api/exchanges.jsonl"
# The export's files beside the transcripts', as the index names them.
API_FILES = {"people": API_PEOPLE, "outlets": API_OUTLETS, "topics": API_TOPICS,
             "exchanges_csv": API_EXCHANGES_CSV, "exchanges_jsonl": API_EXCHANGES_JSONL}

# Folders (and the one file) that `generate` owns and may rewrite or clear; the rest of
# the docs folder is hand-written and never touched.
GENERATED = ("index.md", "transcripts", "speakers", "outlets", "topics", "api", "feeds")


def transcript(t: Transcript) -> str:
    """The page whose URL is the transcript's: `transcripts/2024/<id>/` from `<id>.md`."""
    return at_url(t.url)


def at_url(url: str) -> str:
    """The page MkDocs serves at the folder URL `url` (not an index): "transcripts/2024/<id>/"
    from "transcripts/2024/<id>.md"."""
    return url.rstrip("/") + ".md"


# A listing longer than a page goes on in numbered pages beside its first: `page-2.md`, ...
# No id can take that name (see `registry.make_id`).


def page(first: str, number: int) -> str:
    """Page `number` of the listing whose first page is `first`: "speakers/index.md",
    "speakers/page-2.md"; "speakers/mark-rutte.md", "speakers/mark-rutte/page-2.md"."""
    if number == 1:
        return first
    folder = first.removesuffix("index.md") if first.endswith("index.md") else first.removesuffix(".md") + "/"
    return f"{folder}page-{number}.md"


def listing(name: str) -> str:
    """The first page of the listing named as the ledger names a page ("speakers/<id>",
    "outlets/<id>") or an index ("speakers", "outlets")."""
    return {"speakers": SPEAKERS, "outlets": OUTLETS}.get(name, f"{name}.md")


def year(number: int, page_number: int = 1) -> str:
    return page(f"transcripts/{number}/index.md", page_number)


def speaker(person: Person, page_number: int = 1) -> str:
    return page(f"speakers/{person.id}.md", page_number)


def outlet(o: Outlet, page_number: int = 1) -> str:
    return page(f"outlets/{o.id}.md", page_number)


def topic_id(name: str) -> str:
    """The id of a topic's page and feed: a slug of its name, as for people and outlets."""
    return make_id(name)


def topic(name: str, page_number: int = 1) -> str:
    return page(f"topics/{topic_id(name)}.md", page_number)


def raw(t: Transcript) -> str:
    """The raw text, as read, beside the page: `transcripts/2024/<id>/<id>.txt`, named by
    the transcript's id (which is safe in a URL), not by its file."""
    return f"{t.url.rstrip('/')}/{t.url.rstrip('/').rsplit('/', 1)[-1]}.txt"


def api(t: Transcript) -> str:
    return f"api/transcripts/{t.id}.json"


# Atom feeds (`render.feeds`): the whole archive's, and one per speaker and per outlet.
FEED_ALL = "feeds/all.xml"


def feed(name: str) -> str:
    """The feed of the listing `name` ("speakers/<id>"): "feeds/speakers/<id>.xml"."""
    return f"feeds/{name}.xml"


def speaker_feed(person: Person) -> str:
    return f"feeds/speakers/{person.id}.xml"


def outlet_feed(o: Outlet) -> str:
    return f"feeds/outlets/{o.id}.xml"


def topic_feed(name: str) -> str:
    return f"feeds/topics/{topic_id(name)}.xml"


def page_url(path: str) -> str:
    """The site-relative URL MkDocs serves a docs page at: "index.md" is "",
    "transcripts/index.md" is "transcripts/", "speakers/mark-rutte.md" is "speakers/mark-rutte/"."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def folder_file(url: str) -> str:
    """The file a static server answers with at the folder URL `url` ("speakers/x/"): a
    page written as HTML, not by MkDocs."""
    return f"{url}index.html"
