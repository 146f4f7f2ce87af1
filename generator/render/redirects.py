"""What stays at the addresses of a speaker or outlet page whose name was corrected
(`ledger.Published.moved`): a page at each of its URLs, its later pages' too, sending the
reader on to the page of the corrected name, and its feed at the old address as well."""

from __future__ import annotations

import html
import json
import posixpath
from collections.abc import Iterator

from . import paths


def redirects(moved: dict[str, str], files: dict[str, str]) -> dict[str, str]:
    """The redirect pages and the feeds at old addresses, keyed by path under the docs
    folder. `moved` maps the pages of names since corrected ("speakers/old-id") to where
    they went ("speakers/new-id", or the index, "speakers"); `files` are the site's other
    files, which say how many pages the new listing has and whether it has a feed."""
    made: dict[str, str] = {}
    for old, new in sorted(moved.items()):
        first_old, first_new = paths.listing(old), paths.listing(new)
        for number in (1, *_later_pages(first_new, files)):
            old_url, new_url = paths.page_url(paths.page(first_old, number)), paths.page_url(paths.page(first_new, number))
            made[paths.folder_file(old_url)] = redirect(old_url, new_url)
        if paths.feed(new) in files:  # a feed reader keeps the old address: the same feed is there too
            made[paths.feed(old)] = files[paths.feed(new)]
    return made


def _later_pages(first: str, files: dict[str, str]) -> Iterator[int]:
    """The numbers of the pages after the first of the listing whose first page is `first`."""
    number = 2
    while paths.page(first, number) in files:
        yield number
        number += 1


def redirect(old: str, new: str) -> str:
    """A static page at the URL `old` that sends the reader on to `new` (both site-relative
    folders), keeping the `#fragment` of the link they followed, as mkdocs-redirects does."""
    relative = posixpath.relpath(new.rstrip("/"), old.rstrip("/")) + "/"
    target, script = html.escape(relative), json.dumps(relative).replace("<", "\\u003c")
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Moved</title>\n'
        f'<link rel="canonical" href="{target}">\n<meta name="robots" content="noindex">\n'
        f'<script>location.replace({script} + location.hash)</script>\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n</head>\n'
        f'<body>\n<p>This page has moved to <a href="{target}">{target}</a>.</p>\n</body>\n</html>\n'
    )
