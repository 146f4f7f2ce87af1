"""Where each generated page lives, relative to the docs folder. One place, so links agree."""

from __future__ import annotations

from ..model import Outlet, Person, Transcript

HOME = "index.md"
ARCHIVE = "transcripts/index.md"
SPEAKERS = "speakers/index.md"
OUTLETS = "outlets/index.md"
ABOUT = "about.md"  # hand-written
API_INDEX = "api/transcripts.json"

# Folders (and the one file) that `generate` owns and may rewrite or clear; the rest of
# the docs folder is hand-written and never touched.
GENERATED = ("index.md", "transcripts", "speakers", "outlets", "api")


def transcript(t: Transcript) -> str:
    """The page whose URL is the transcript's: `transcripts/2024/<id>/` from `<id>.md`."""
    return t.url.rstrip("/") + ".md"


def year(number: int) -> str:
    return f"transcripts/{number}/index.md"


def speaker(person: Person) -> str:
    return f"speakers/{person.id}.md"


def outlet(o: Outlet) -> str:
    return f"outlets/{o.id}.md"


def api(t: Transcript) -> str:
    return f"api/transcripts/{t.id}.json"
