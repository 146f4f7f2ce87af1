"""The data: every JSON file's schema version and base, links that resolve from the file's
own address (absolute where `site_url` is set), people and outlets with their pages, and the
bulk download of every exchange as CSV and JSON Lines."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from urllib.parse import urljoin

import pytest

from generator.render import bulk, export, paths, render_site
from generator.render.catalog import build_catalog

SITE = "https://example.org/archive/"
API = (paths.API_INDEX, paths.API_PEOPLE, paths.API_OUTLETS, paths.API_TOPICS)


@pytest.fixture(scope="module")
def local(corpus):
    return render_site(corpus.transcripts)


@pytest.fixture(scope="module")
def published(corpus):
    return render_site(corpus.transcripts, site_url=SITE.rstrip("/"))


def pairs(value):
    """Every object of a JSON value that has both a `url` and a `link`."""
    if isinstance(value, dict):
        if "url" in value and "link" in value:
            yield value
        for item in value.values():
            yield from pairs(item)
    elif isinstance(value, list):
        for item in value:
            yield from pairs(item)


def json_files(files):
    return {p: json.loads(c) for p, c in files.items() if p.startswith("api/") and p.endswith(".json")}


def test_every_json_file_says_its_schema_version_and_base(local, published):
    for files, site in ((local, None), (published, SITE)):
        data = json_files(files)
        assert set(API) <= set(data) and len(data) == len(API) + 2  # and one per transcript
        for path, value in data.items():
            assert value["schema_version"] == export.SCHEMA_VERSION == 4
            assert urljoin(SITE + path, value["base"]) == SITE  # the site root, from the file
            if site:
                assert value["base"] == SITE


@pytest.mark.parametrize("with_site_url", [False, True])
def test_every_link_resolved_from_its_file_is_its_url_on_the_site(local, published, with_site_url):
    files = published if with_site_url else local
    count = 0
    for path, value in json_files(files).items():
        for item in pairs(value):
            count += 1
            if with_site_url:
                assert item["link"] == SITE + item["url"]  # absolute, ready to use
            else:
                assert not item["link"].startswith(("/", "http"))
            assert urljoin(SITE + path, item["link"]) == urljoin(SITE, item["url"]) == SITE + item["url"]
            assert docs_path(files, item["url"]) in files
    assert count > 60


def docs_path(files, url: str) -> str:
    """The generated file a site-relative URL is served from."""
    path = url.split("#")[0]
    if path and not path.endswith("/"):
        return path
    return path + "index.md" if path + "index.md" in files else path.rstrip("/") + ".md"


def test_the_index_links_each_transcripts_file_and_gives_kind_location_and_subtitle(corpus, local):
    index = json.loads(local[paths.API_INDEX])
    by_id = {t.id: t for t in corpus.transcripts}
    for entry in index["transcripts"]:
        t = by_id[entry["id"]]
        assert (entry["subtitle"], entry["kind"], entry["location"]) == (t.meta.subtitle, t.meta.kind, t.meta.location)
        assert json.loads(local[entry["file"]["url"]])["id"] == t.id
    assert {name: f["url"] for name, f in index["files"].items()} == paths.API_FILES
    assert all(f["url"] in local for f in index["files"].values())


def test_people_and_outlets_with_their_pages_and_feeds(corpus, local):
    catalog = build_catalog(corpus.transcripts)
    people = {p["id"]: p for p in json.loads(local[paths.API_PEOPLE])["people"]}
    assert list(people) == list(catalog.people)
    for person in people.values():
        assert f"{person['url'].rstrip('/')}.md" in local and person["feed"]["url"] in local
    assert people["mark-rutte"] == {
        "id": "mark-rutte", "name": "Mark Rutte", "role": "NATO Secretary General", "url": "speakers/mark-rutte/",
        "link": "../speakers/mark-rutte/", "feed": {"url": "feeds/speakers/mark-rutte.xml",
                                                   "link": "../feeds/speakers/mark-rutte.xml"},
        "asked": 0, "answered": 17,
    }
    assert (people["sabine-siebold"]["asked"], people["sabine-siebold"]["answered"]) == (1, 0)
    outlets = {o["id"]: o for o in json.loads(local[paths.API_OUTLETS])["outlets"]}
    assert list(outlets) == list(catalog.outlets)
    assert outlets["reuters"] == {
        "id": "reuters", "name": "Reuters", "url": "outlets/reuters/", "link": "../outlets/reuters/",
        "feed": {"url": "feeds/outlets/reuters.xml", "link": "../feeds/outlets/reuters.xml"},
        "questions": 1, "journalists": [{"id": "sabine-siebold", "name": "Sabine Siebold"}],
    }
    for outlet in outlets.values():
        assert f"{outlet['url'].rstrip('/')}.md" in local and outlet["feed"]["url"] in local


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_every_exchange_is_one_row_of_the_csv_and_the_json_lines(corpus, published):
    ordered = sorted(corpus.transcripts, key=lambda t: t.order)
    exchanges = [(t, e) for t in ordered for e in t.exchanges]
    table = published[paths.API_EXCHANGES_CSV]
    assert table.startswith(",".join(bulk.COLUMNS) + "\r\n")
    rows = csv_rows(table)
    lines = [json.loads(line) for line in published[paths.API_EXCHANGES_JSONL].splitlines()]
    assert len(rows) == len(lines) == len(exchanges) == 17
    for (t, e), row, line in zip(exchanges, rows, lines, strict=True):
        assert list(line) == list(row) == list(bulk.COLUMNS)
        assert (line["transcript"], line["anchor"], line["date"]) == (t.id, e.anchor, t.meta.date.isoformat())
        assert line["url"] == f"{t.url}#{e.anchor}" and line["link"] == SITE + line["url"]
        assert line["question"] == row["question"] == e.question.text
        assert line["answers"] == [{"speaker": a.speaker.person.name, "text": a.text} for a in e.answers]
        assert row["answers"] == "\n\n".join(f"{a.speaker.person.name}: {a.text}" for a in e.answers)
        assert row["answerers"] == "; ".join(line["answerers"])
        for key in ("questioner", "outlet", "questioner_id", "outlet_id"):
            assert row[key] == (line[key] or "")
    assert rows[0]["questioner"] == "Sabine Siebold" and rows[0]["outlet"] == "Reuters"
    assert rows[0]["answerers"] == "Mark Rutte" and rows[0]["questioner_id"] == "sabine-siebold"
    doorstep = lines[-1]
    assert doorstep["questioner"] is None and doorstep["outlet"] is None and rows[-1]["questioner"] == ""


def test_the_bulk_files_are_the_same_bytes_on_every_build(corpus, published):
    again = render_site(tuple(reversed(corpus.transcripts)), site_url=SITE)
    for path in (*API, paths.API_EXCHANGES_CSV, paths.API_EXCHANGES_JSONL):
        assert again[path] == published[path], path


def test_hostile_text_round_trips_through_the_csv(corpus):
    t = min(corpus.transcripts, key=lambda t: t.order)
    q1 = t.exchanges[0]
    nasty = ('He said, "no"; then\r\nleft,', "=SUM(A1)\x00 \u2028 line", "")
    question = dataclasses.replace(q1.question, paragraphs=nasty)
    hostile = dataclasses.replace(t, exchanges=(dataclasses.replace(q1, question=question),))
    rows = bulk.rows(hostile)
    assert csv_rows(bulk.csv_header() + bulk.csv_rows(rows))[0]["question"] == question.text
    assert json.loads(bulk.jsonl(rows).splitlines()[0])["question"] == question.text
    assert bulk.jsonl(rows).count("\n") == 1  # a line separator inside the text stays escaped
