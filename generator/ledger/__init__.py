"""The anchor ledger: what was published, so that no correction ever breaks a link to it.

`anchors.yml`, in the input folder and committed with the transcripts, lists per
transcript the id and URL it was first published at and, per anchor, a fingerprint of
its exchange: who asked, for which outlet, who answered, and the opening words of the
question. Each new reading is aligned to it by text similarity (rapidfuzz), in order:

- an exchange whose text or names were corrected keeps its anchor;
- an inserted one gets an anchor no link ever used, named after the one before it
  (`q2a` between `q2` and `q3`);
- a deleted one keeps its anchor in the ledger, marked removed: the page keeps an element
  with that id saying so;
- the first part of a split keeps the anchor; a merged exchange keeps both;
- a renamed file is recognised by its exchanges and keeps its id and URL;
- a transcript whose file is gone keeps a page at its URL saying it was withdrawn.

It also lists every speaker and outlet page ever published: a page whose name was
corrected leaves a redirect behind (`moved`).

The file is written by hand-readable rules: sorted by id, one line per anchor in the
order of the page, so that a correction shows as one diff line per change.

In modules by job: `file` (what the ledger holds, `anchors.yml` read and written),
`alignment` (one reading against its published entry: fingerprints, similarity, the
anchors kept, added, merged and removed), `publishing` (the whole corpus bound to the
ledger: which file is which published transcript, withdrawn ones, moved pages) and
`spliced` (a run that read only a few transcripts again: their entries found in the file
and written back in place, the rest of it neither parsed nor aligned).
"""

from .alignment import Change, align, fingerprint, fingerprints
from .file import LEDGER, Entry, Ledger, Mark, Page, dumps, load
from .publishing import Aligner, Published, publish, today
from .spliced import Known, NotSimple, Spliced, known, publish_changed

__all__ = [
    "LEDGER", "Aligner", "Change", "Entry", "Known", "Ledger", "Mark", "NotSimple", "Page", "Published", "Spliced",
    "align", "dumps", "fingerprint", "fingerprints", "known", "load", "publish", "publish_changed", "today",
]
