"""MkDocs' build (`mkdocs.commands.build.build`, 1.6) with its pages made on every core.

MkDocs converts every page's Markdown, keeping each page's HTML, before it writes the first,
all in one thread: at 10,000 transcripts that is most of the build's time and gigabytes of
HTML held at once. A page of this site needs nothing of another page to be made (the
navigation lists the index pages only, under titles of their own), so here the steps before
the pages (configuration, files, navigation, theme, assets, static templates) are MkDocs'
own, in this process; then forked workers each convert and write one page after another,
dropping its HTML once written, and send back the anchors each page has and links to; the
anchors are checked here, as MkDocs checks them, once every page is made. The output is
byte-identical to MkDocs' own build (tests/test_engine_pages.py).

Used where nothing could depend on pages being made together: no plugin of the
configuration's own (a plugin may gather every page, as Material's search does), the system
can fork, and there are two cores or more; anywhere else MkDocs' own `build` runs.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import traceback
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler, clean_directory

from . import cores

log = logging.getLogger("mkdocs.commands.build")
CHUNK = 8  # pages a worker takes at a time: small enough that the workers end together


def workers() -> int:
    """How many processes make the pages: one per core this process may run on."""
    return cores.count()


# MkDocs' steps of its build used here (1.6): where a release lacks one, its own build runs.
_STEPS = ("get_files", "set_exclusions", "_populate_page", "_build_page", "_build_theme_template", "_build_extra_template")


def can_split(config: MkDocsConfig, own: Sequence[str], count: int) -> bool:
    """Whether the pages may be made in `count` forked workers: no plugin but ours (`own`),
    and the MkDocs these steps were written for."""
    return (count >= 2 and "fork" in multiprocessing.get_all_start_methods()
            and all(name in own for name in config.plugins) and all(hasattr(mkdocs_build, step) for step in _STEPS))


@dataclass(frozen=True)
class _Made:
    """What a worker sends back of a page it made: its index in the pages, the ids of its
    anchors, and the anchors it links to, by the linked page's source path."""

    index: int
    anchors: frozenset[str]
    links: dict[str, dict[str, str]]


def build(config: MkDocsConfig, count: int) -> None:
    """MkDocs' `build(config)` with the pages made by `count` forked workers (`can_split`)."""
    logger = logging.getLogger("mkdocs")
    warning_counter = CountHandler()
    warning_counter.setLevel(logging.WARNING)
    if config.strict:
        logger.addHandler(warning_counter)
    try:
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        clean_directory(config.site_dir)
        files = mkdocs_build.get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        mkdocs_build.set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        pages = [file.page or Page(None, file, config) for file in files.documentation_pages(inclusion=InclusionLevel.is_included)]
        for page in nav.pages:  # what every page shows of them is known before any is made
            _before_any(page, config, files)
        env = config.plugins.on_env(env, config=config, files=files)
        for template in config.theme.static_templates:
            mkdocs_build._build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            mkdocs_build._build_extra_template(template, files, config, nav)
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        made, warned = _in_workers(count, len(pages), lambda i: _make(pages[i], i, config, files, doc_files, nav, env),
                                   meanwhile=lambda: files.copy_static_files(inclusion=InclusionLevel.is_included))
        _check_anchors(pages, made, files, config.validation.links.anchors)
        config.plugins.on_post_build(config=config)
        counts = _added(warning_counter.get_counts(), warned)
        if config.strict and counts:
            raise Abort(f"Aborted with {', '.join(f'{v} {k.lower()}s' for k, v in counts)} in strict mode!")
    except Exception as error:
        config.plugins.on_build_error(error=error)
        if isinstance(error, BuildError):
            log.error(str(error))
            raise Abort("Aborted with a BuildError!")
        raise
    finally:
        logger.removeHandler(warning_counter)


def _before_any(page: Page, config: MkDocsConfig, files: Files) -> None:
    """What the other pages show of a navigation page, known before they are made: its title,
    which the navigation gives, and its front matter (the theme's icons and status), read
    here; it is converted by the worker that makes it, as the others are. A title the
    navigation does not give comes from the conversion: the page is converted here."""
    if "title" in vars(page):  # set by the navigation (`Page.title` is MkDocs' weak property)
        page.read_source(config)
    else:
        mkdocs_build._populate_page(page, config, files)


def _make(page: Page, index: int, config: MkDocsConfig, files: Files, doc_files, nav, env) -> _Made:
    """One page converted (unless it is a navigation page, converted already) and written;
    its HTML dropped."""
    if page.content is None:
        mkdocs_build._populate_page(page, config, files)
    mkdocs_build._build_page(page, config, doc_files, nav, env, excluded=page.file.inclusion.is_excluded())
    links = {to.src_uri: dict(anchors) for to, anchors in (page.links_to_anchors or {}).items()}
    made = _Made(index, frozenset(page.present_anchor_ids or ()), links)
    page.content = None
    page.toc = []  # type: ignore[assignment]
    return made


def _check_anchors(pages: list[Page], made: list[_Made], files: Files, level: int) -> None:
    """MkDocs' check of the links to anchors, on what the workers found of each page."""
    by_uri = {file.src_uri: file for file in files}
    for found in made:
        page = pages[found.index]
        page.present_anchor_ids = set(found.anchors)
        page.links_to_anchors = {by_uri[uri]: links for uri, links in found.links.items() if uri in by_uri}
    for page in pages:
        page.validate_anchor_links(files=files, log_level=level)


def _added(*counts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    total: dict[str, int] = {}
    for pairs in counts:
        for name, value in pairs:
            total[name] = total.get(name, 0) + value
    return sorted(total.items(), key=lambda pair: -logging.getLevelName(pair[0]))


def _in_workers(count: int, total: int, make: Callable[[int], _Made], meanwhile: Callable[[], None] = lambda: None
                ) -> tuple[list[_Made], list[tuple[str, int]]]:
    """`make(i)` for every i below `total`, in `count` forked workers taking `CHUNK` at a time,
    while this process does `meanwhile` (the theme's static files copied); what they made,
    and the warnings they logged, by level."""
    context = multiprocessing.get_context("fork")
    taken = context.Value("l", 0)
    ends, processes = [], []
    with warnings.catch_warnings():  # Python 3.12 warns of forking beside threads: `build`'s only other one waits on a pipe
        warnings.simplefilter("ignore", DeprecationWarning)
        for _ in range(count):
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_work, args=(make, total, taken, send))
            process.start()
            send.close()
            ends.append(receive)
            processes.append(process)
    made: list[_Made] = []
    warned: list[tuple[str, int]] = []
    failed = None
    ended = False  # every worker has said how it ended
    try:
        meanwhile()
        for end, process in zip(ends, processes):
            try:
                kind, value, counts = end.recv()
            except EOFError:
                kind, value, counts = "failed", f"a worker making the pages ended with status {process.exitcode}", []
            if kind == "failed":
                failed = failed or value
            else:
                made.extend(value)
            warned.extend(counts)
        ended = True
    finally:
        for process in processes:
            if failed or not ended:
                process.terminate()
            process.join()
    if failed:
        raise Abort(failed)
    return made, warned


def _work(make: Callable[[int], _Made], total: int, taken, send) -> None:
    """A worker: chunks of pages taken in turn with the others until none is left; then what
    was made, or what stopped it (MkDocs' error naming the page), sent back."""
    cores.as_worker()
    counter, errors = CountHandler(), _Errors()
    counter.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(counter)
    logging.getLogger("mkdocs").addHandler(errors)
    made = []
    try:
        while True:
            with taken.get_lock():
                start = taken.value
                taken.value = start + CHUNK
            if start >= total:
                break
            made.extend(make(i) for i in range(start, min(start + CHUNK, total)))
    except KeyboardInterrupt:
        _exit(130)
    except BaseException as error:
        said = "; ".join(errors.said) or "".join(traceback.format_exception_only(error)).strip()
        send.send(("failed", said, counter.get_counts()))
        _exit(1)
    send.send(("made", made, counter.get_counts()))
    _exit(0)


class _Errors(logging.Handler):
    """The errors MkDocs logs in a worker ("Error building page 'x.md': ..."), to be said by the build's failure."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.said: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.said.append(record.getMessage())


def _exit(status: int) -> None:
    """End a worker at once, as a fork must: none of its parent's clean-up runs twice."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
