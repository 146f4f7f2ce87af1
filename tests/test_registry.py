"""The speaker registry, `speakers.yml`: loose lookups, one entry per spelling, and errors
that name the file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import InputError
from generator.model import Outlet, Person
from generator.registry import Registry, key, load_registry

RUTTE = Person("mark-rutte", "Mark Rutte", "NATO Secretary General")
REUTERS = Outlet("reuters", "Reuters")

SPEAKERS = """\
people:
  - name: Mark Rutte
    role: NATO Secretary General
    aliases: [Rutte]
  - name: Dmytro Shkurko
    aliases: [Dymtro Shkurko]
outlets:
  - name: Reuters
    aliases: [Retuers]
  - name: Frankfurter Allgemeine Zeitung
    aliases: [FAZ]
"""


def registry_of(folder: Path, text: str) -> Registry:
    (folder / "speakers.yml").write_text(text, encoding="utf-8")
    return load_registry(folder)


def problem(folder: Path, text: str) -> str:
    with pytest.raises(InputError) as caught:
        registry_of(folder, text)
    return str(caught.value)


def test_a_folder_without_speakers_yml_has_an_empty_registry(tmp_path):
    registry = load_registry(tmp_path)
    assert registry == Registry()
    assert registry.person("Mark Rutte") is None
    assert registry.outlet("Reuters") is None
    assert registry.canonical_people() == []


def test_an_empty_speakers_yml_is_an_empty_registry(tmp_path):
    assert registry_of(tmp_path, "# nobody yet\n") == Registry()


@pytest.mark.parametrize(
    "spelling",
    ["Mark Rutte", "mark rutte", "MARK RUTTE", "  Mark   Rutte ", "Mark Rutte.", "Mark-Rutte",
     "Rutte", "rutte", "RUTTE:"],
)
def test_a_person_is_found_by_any_loose_spelling(tmp_path, spelling):
    assert registry_of(tmp_path, SPEAKERS).person(spelling) == RUTTE


@pytest.mark.parametrize("spelling", ["Reuters", "reuters", "Retuers", "RETUERS!", " retuers "])
def test_an_outlet_is_found_by_any_loose_spelling(tmp_path, spelling):
    assert registry_of(tmp_path, SPEAKERS).outlet(spelling) == REUTERS


@pytest.mark.parametrize("spelling", ["Mark Rute", "Rutte Mark", "Dmytro", "Reuters News"])
def test_a_different_spelling_is_not_guessed(tmp_path, spelling):
    registry = registry_of(tmp_path, SPEAKERS)
    assert registry.person(spelling) is None
    assert registry.outlet(spelling) is None


def test_an_alias_resolves_to_the_canonical_entry(tmp_path):
    registry = registry_of(tmp_path, SPEAKERS)
    assert registry.person("Dymtro Shkurko") == Person("dmytro-shkurko", "Dmytro Shkurko")
    assert registry.outlet("FAZ") == Outlet("frankfurter-allgemeine-zeitung", "Frankfurter Allgemeine Zeitung")


def test_canonical_people_lists_each_person_once(tmp_path):
    people = registry_of(tmp_path, SPEAKERS).canonical_people()
    assert [p.id for p in people] == ["dmytro-shkurko", "mark-rutte"]


@pytest.mark.parametrize(
    "name, loose",
    [
        ("Dymtro  Shkurko.", "dymtro shkurko"),
        ("Al-Mamlaka TV", "al mamlaka tv"),
        ("  Mark\tRutte ", "mark rutte"),
        ("Călin Georgescu", "călin georgescu"),
        ("", ""),
    ],
)
def test_key(name, loose):
    assert key(name) == loose


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("people:\n  - name: Ann Lee\n    aliases: [A. Lee]\n  - name: Adam Lee\n    aliases: [a lee]\n",
         4, "'a lee' already names 'Ann Lee': one spelling, one entry"),
        ("outlets:\n  - name: Reuters\n  - name: Retuers\n    aliases: [Reuters]\n",
         3, "'Reuters' already names 'Reuters': one spelling, one entry"),
        ("people:\n  - name: Mark Rutte\n    role: Secretary General\n"
         "  - name: Mark Rutte\n    role: Prime Minister\n",
         4, "'Mark Rutte' is listed twice: keep one entry and put every spelling in its aliases"),
        ("people:\n  - name: Mark Rutte\n  - name: Mark Rütte\n",
         3, "'Mark Rütte' and 'Mark Rutte' have the same id 'mark-rutte'"),
        ("people:\n  - name: Mark Rutte\n  - name: MARK RUTTE\n",
         3, "'MARK RUTTE' and 'Mark Rutte' have the same id 'mark-rutte'"),
        ("people:\n  - name: Ann Lee\n    nickname: Annie\n",
         3, "unknown key 'nickname' (did you mean 'name'? known keys: aliases, name, role)"),
        ("outlets:\n  - name: Reuters\n    role: news agency\n",
         3, "unknown key 'role' (known keys: aliases, name)"),
        ("speakers:\n  - name: Mark Rutte\n",
         1, "unknown key 'speakers' (known keys: outlets, people, topics)"),
        ("people:\n  - role: NATO Spokesperson\n",
         2, "missing key 'name': the canonical name readers see, 'Mark Rutte'"),
        ("people:\n  - name: Mark Rutte\n    aliases: Rutte\n",
         3, "'aliases' must be a list of texts"),
        ("people: Mark Rutte\n", 1, "'people' must be a list of entries"),
    ],
    ids=["alias-twice", "alias-is-another-name", "same-name-twice", "same-slug-accent",
         "same-slug-case", "unknown-person-key", "unknown-outlet-key", "unknown-top-key",
         "missing-name", "aliases-not-a-list", "people-not-a-list"],
)
def test_a_wrong_registry_is_an_error_at_its_line(tmp_path, text, line, message):
    assert problem(tmp_path, text) == f"{tmp_path / 'speakers.yml'}:{line}: {message}"


def test_every_problem_of_the_registry_is_reported_at_once(tmp_path):
    where = tmp_path / "speakers.yml"
    text = (
        "people:\n"
        "  - name: Mark Rutte\n"
        "  - name: Mark Rütte\n"
        "outlets:\n"
        "  - name: Reuters\n"
        "  - name: Thomson Reuters\n"
        "    aliases: [reuters]\n"
    )
    assert problem(tmp_path, text) == "\n".join([
        f"{where}:3: 'Mark Rütte' and 'Mark Rutte' have the same id 'mark-rutte'",
        f"{where}:6: 'reuters' already names 'Reuters': one spelling, one entry",
    ])


def test_the_same_entry_twice_is_an_error(tmp_path):
    assert problem(tmp_path, "people:\n  - name: Mark Rutte\n  - name: Mark Rutte\n").startswith(
        f"{tmp_path / 'speakers.yml'}:3: "
    )
