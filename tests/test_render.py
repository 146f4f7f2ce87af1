"""Rendering: every link a generated page makes points at a generated or hand-written page."""

from __future__ import annotations

import posixpath
import re

from generator.pipeline import load_corpus
from generator.render import render_site
from tests.conftest import ROOT
from tests.test_reading import HEAD

LINK = re.compile(r"\]\(([^)#\s]*)(?:#([^)\s]*))?\)")


def test_every_link_in_every_generated_page_has_a_target(tmp_path):
    # Speakers who only close an event or only greet a journalist still get their page.
    (tmp_path / "2025-01-01-press-point.txt").write_text(
        HEAD + "Opening.\n\nSabine Siebold, Reuters\nFirst?\n\nNATO Secretary General Mark Rutte\nAnswer.\n\n"
        "NATO Spokesperson Jane Doe:\nNext, Sky News.\n\nPrime Minister Jonas Støre:\nHello.\n\n"
        "Adam Parsons, Sky News\nSecond?\n\nNATO Secretary General Mark Rutte\nAnswer.\n\n"
        "NATO Spokesperson Jane Doe:\nThank you, that's all.\n",
        encoding="utf-8",
    )
    files = render_site(load_corpus(tmp_path).transcripts)
    hand_written = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").glob("*.md")}
    assert "speakers/jane-doe.md" in files and "speakers/jonas-store.md" in files
    for page, content in files.items():
        if not page.endswith(".md"):
            continue
        for target, _ in LINK.findall(content):
            if target:
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
                assert resolved in files or resolved in hand_written, f"{page} links to missing {target}"
    assert "(closing remarks)" not in files["speakers/jane-doe.md"]
    assert "Closing remarks" in files["speakers/jane-doe.md"]
