"""MkDocs' pages made in forked workers (`mkdocs_pages`): the same site, byte for byte, as
MkDocs' own build, and the same refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config

from generator import engine, mkdocs_pages
from generator.errors import InputError
from tests.test_cli import run


def _files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def _built(config: Path, docs: Path, site: Path, apart: bool, monkeypatch) -> None:
    monkeypatch.setenv("PODIUM_PAGES_APART", "1" if apart else "0")
    monkeypatch.setattr(mkdocs_pages, "workers", lambda: 2)  # split even on one core
    engine.run("mkdocs", config, docs, site)


def test_the_sample_site_made_apart_is_mkdocs_own_build_byte_for_byte(project, monkeypatch):
    assert run(project, "generate").returncode == 0
    monkeypatch.chdir(project)
    _built(Path("mkdocs.yml"), Path("docs"), project / "own", False, monkeypatch)
    _built(Path("mkdocs.yml"), Path("docs"), project / "apart", True, monkeypatch)
    own, apart = _files(project / "own"), _files(project / "apart")
    assert len(own) > 40
    assert apart == own


def _small_site(folder: Path, pages: dict[str, str], plugins: str = "[]") -> Path:
    (folder / "docs").mkdir()
    for name, text in pages.items():
        (folder / "docs" / name).write_text(text, encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(f"site_name: T\ntheme:\n  name: material\nplugins: {plugins}\nnav:\n  - Home: index.md\n"
                      "markdown_extensions: [attr_list]\nvalidation:\n  anchors: warn\n", encoding="utf-8")
    return config


PAGES = {"index.md": "# Home\n", **{f"p{n}.md": f"# Page {n}\n\n## Part {{#part}}\n\n[next](p{n + 1}.md#part)\n"
                                    for n in range(30)}}


def test_a_link_to_an_anchor_no_page_has_stops_the_strict_build_as_mkdocs_does(tmp_path, monkeypatch, capsys):
    config = _small_site(tmp_path, {**PAGES, "p30.md": "# Last {#part}\n\n[back](p3.md#nowhere)\n"})
    for apart in (False, True):
        with pytest.raises(InputError, match="Aborted with 1 warnings in strict mode"):
            _built(config, tmp_path / "docs", tmp_path / f"site{apart}", apart, monkeypatch)
        assert "Doc file 'p30.md' contains a link 'p3.md#nowhere', but the doc 'p3.md' does not contain an anchor" \
               in capsys.readouterr().err


def test_a_page_that_cannot_be_made_stops_the_build_naming_it(tmp_path, monkeypatch):
    config = _small_site(tmp_path, {**PAGES, "p30.md": "---\ntemplate: missing.html\n---\n# Last\n"})
    with pytest.raises(InputError, match="MkDocs build failed, the site was left as it was: Error building page 'p30.md'"):
        _built(config, tmp_path / "docs", tmp_path / "site", True, monkeypatch)


def test_pages_are_made_together_where_a_plugin_might_gather_them(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    gathering = load_config(str(_small_site(tmp_path / "a", PAGES, plugins="[search]")))
    plain = load_config(str(_small_site(tmp_path / "b", PAGES)))
    assert not mkdocs_pages.can_split(gathering, (), 2)
    assert mkdocs_pages.can_split(gathering, tuple(gathering.plugins), 2)  # ours only
    assert mkdocs_pages.can_split(plain, (), 2)
    assert not mkdocs_pages.can_split(plain, (), 1)
