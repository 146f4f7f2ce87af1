"""The engine that turns the generated docs into HTML: MkDocs with Material (the default),
or Zensical, Material's named successor, which reads the same `mkdocs.yml`.

Either builds into the staging folder `build_site` gives it; the search index is Pagefind's
over the search pages `generate` writes, whichever engine built the pages, so a site built
by either has the same search, the same `#qN` ids, cite blocks, JSON-LD and feed links.
Zensical writes a `search.json` of every page's text (46.6 MB at 1,000 transcripts)
whatever the configuration says: it is removed, as the pages never load it.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import verbosity
from .errors import InputError

# MkDocs is imported where it is used: `generate` never runs it, and it is a sixth of its start.

ENGINES = ("mkdocs", "zensical")
ZENSICAL_SEARCH = ("search.json", "search")  # what Zensical writes for its own search, unused here


class _Warnings(logging.Handler):
    """Shows MkDocs' warnings as they come, like `mkdocs build` does."""

    def emit(self, record: logging.LogRecord) -> None:
        print(f"mkdocs: {record.levelname.lower()}: {record.getMessage()}", file=sys.stderr)


def run(engine: str, config: Path, docs: Path, staging: Path) -> None:
    """Build `docs` with `config` into `staging`, strictly. Raise InputError on failure."""
    if engine == "zensical":
        _zensical(config, docs, staging)
    else:
        _mkdocs(config, docs, staging)


def _mkdocs(config: Path, docs: Path, staging: Path) -> None:
    logger = logging.getLogger("mkdocs")
    level = logging.INFO if verbosity.level() >= verbosity.VERBOSE else logging.WARNING  # -v: MkDocs' own lines too
    handler = _Warnings(level)
    logger.addHandler(handler)
    was = logger.level
    logger.setLevel(min(level, was or logging.WARNING))
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from . import mkdocs_pages

    try:
        loaded = load_config(str(config), docs_dir=str(docs), site_dir=str(staging), strict=True)
        loaded.plugins[_DROPPED] = _source_dropped()()
        count = mkdocs_pages.workers()
        if os.environ.get("PODIUM_PAGES_APART", "1") != "0" and mkdocs_pages.can_split(loaded, (_DROPPED,), count):
            mkdocs_pages.build(loaded, count)
        else:
            build(loaded)
    except MkDocsException as error:
        raise InputError.at(config, 0, f"MkDocs build failed, the site was left as it was: {error}") from None
    finally:
        logger.removeHandler(handler)
        logger.setLevel(was)


_DROPPED = "podium-source-dropped"


@lru_cache(maxsize=None)
def _source_dropped() -> type:
    from mkdocs.plugins import BasePlugin

    class SourceDropped(BasePlugin):
        """MkDocs reads and converts every page before it writes the first, keeping each page's
        Markdown beside its HTML until the end (a gigabyte at 10,000 transcripts). Once the HTML
        is made, the Markdown is not read again: it is dropped. Empty, not None, so that the
        page's title is still the one MkDocs took from the front matter or the first heading."""

        def on_page_content(self, html: str, /, *, page: Any, config: Any, files: Any) -> str:
            page.markdown = ""
            return html

    return SourceDropped


def _zensical(config: Path, docs: Path, staging: Path) -> None:
    """`zensical build --strict` on a copy of the configuration that points at the staged
    docs and the staging folder, written beside it so that its relative paths (the theme's
    `custom_dir`, `extra_css`) mean what they mean in the original. Zensical 0.0.73's
    stylesheet has none of Material's search-box rules, on which the header's search is
    built: they are taken from the installed Material's and linked (SEARCH_CSS)."""
    command = _zensical_command()
    copy = config.with_name(f".{config.stem}.zensical{config.suffix}")
    text = _with_css(config.read_text(encoding="utf-8"), SEARCH_CSS)
    copy.write_text(_pointed(text, docs, staging, config.resolve().parent), encoding="utf-8")
    try:
        done = subprocess.run([*command, "build", "--strict", "--config-file", str(copy)],
                              capture_output=True, text=True, check=False)
    finally:
        copy.unlink(missing_ok=True)
    said = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    if verbosity.level() >= verbosity.VERBOSE or done.returncode:
        for line in said:
            print(f"zensical: {line}", file=sys.stderr)
    if done.returncode or not (staging / "index.html").is_file():
        raise InputError.at(config, 0, f"Zensical build failed (exit status {done.returncode}), the site was left as it was")
    for name in ZENSICAL_SEARCH:
        target = staging / name
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink(missing_ok=True)
    (staging / SEARCH_CSS).parent.mkdir(parents=True, exist_ok=True)
    (staging / SEARCH_CSS).write_text(material_search_css(), encoding="utf-8")


SEARCH_CSS = "assets/stylesheets/material-search.css"


def material_search_css() -> str:
    """The rules of the installed Material's main stylesheet whose selectors name
    `.md-search` (the search box, its overlay and result list), `@media` blocks and all."""
    import material

    sheet = min((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css"))
    text = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.S)
    # Zensical's stylesheet hides `.md-search` on small screens, where its own search is a dialog.
    return ("/* Material for MkDocs' search rules (MIT licence), for the Zensical build. */\n"
            + _rules_naming(text, "md-search") + "\n.md-search.transcript-search{display:block}\n")


def _rules_naming(css: str, word: str) -> str:
    kept = []
    for head, body in _blocks(css):
        if head.startswith(("@media", "@supports")):
            inner = _rules_naming(body, word)
            if inner:
                kept.append(f"{head}{{{inner}}}")
        elif not head.startswith("@") and word in head and ".no-js" not in head:  # Zensical leaves "no-js" on <html>
            kept.append(f"{head}{{{body}}}")
    return "".join(kept)


def _blocks(css: str):
    """The top-level `head{body}` blocks of a stylesheet, quoted strings skipped."""
    i = 0
    while (j := css.find("{", i)) >= 0:
        depth, k = 1, j + 1
        while depth and k < len(css):
            if css[k] in "\"'":
                k = css.index(css[k], k + 1)
            elif css[k] == "{":
                depth += 1
            elif css[k] == "}":
                depth -= 1
            k += 1
        yield css[i:j].strip(), css[j + 1:k - 1]
        i = k


def _with_css(text: str, sheet: str) -> str:
    """The configuration's text with `sheet` first in its `extra_css` list."""
    if re.search(r"^extra_css:\s*$", text, re.M):
        return re.sub(r"^extra_css:\s*$", f"extra_css:\n  - {sheet}", text, count=1, flags=re.M)
    return text + f"\nextra_css:\n  - {sheet}\n"


def _zensical_command() -> list[str]:
    installed = Path(sys.executable).with_name("zensical")
    if installed.is_file():
        return [str(installed)]
    found = shutil.which("zensical")
    if found:
        return [found]
    raise InputError.at(Path("zensical"), 0, "the zensical engine is not installed: "
                        "pip install 'podium-transcripts[zensical]', or build with --engine mkdocs")


_DIR_KEY = re.compile(r"^(docs_dir|site_dir)\s*:.*$", re.M)


def _pointed(text: str, docs: Path, staging: Path, here: Path) -> str:
    """The configuration's text with `docs_dir` and `site_dir` set to the staged folders,
    relative to `here`, the configuration's folder (Zensical 0.0.73 panics on absolute
    ones), every other line (and `!ENV` tag) as written."""
    values = {"docs_dir": _relative(docs, here), "site_dir": _relative(staging, here)}
    text = _DIR_KEY.sub(lambda m: f"{m.group(1)}: {_quoted(values.pop(m.group(1)))}", text)
    return text + "".join(f"\n{key}: {_quoted(value)}\n" for key, value in values.items())


def _relative(path: Path, here: Path) -> str:
    return Path(os.path.relpath(path.resolve(), here)).as_posix()


def _quoted(path: str) -> str:
    return '"' + path.replace("\\", "\\\\").replace('"', '\\"') + '"'


def configured(config: Path) -> str:
    """The engine `mkdocs.yml` names under `extra: {engine: …}`, else MkDocs."""
    from mkdocs.utils.yaml import yaml_load

    try:
        with open(config, encoding="utf-8") as handle:
            extra = (yaml_load(handle) or {}).get("extra") or {}
    except (OSError, Exception):  # an unreadable configuration is reported by the build itself
        return ENGINES[0]
    engine = str(extra.get("engine") or ENGINES[0]) if isinstance(extra, dict) else ENGINES[0]
    if engine not in ENGINES:
        raise InputError.at(config, 0, f"extra.engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    return engine
