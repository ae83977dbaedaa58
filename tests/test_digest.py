"""Your Places digests over a small known store: places, windows, shifts and renderings."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from detente.analysis.digest import place_digest, render_text, resolve_places
from detente.analysis.dyads import AnalysisError
from detente.cli import cli
from detente.store import Store
from tests.serve_store import build_store, ukraine_article, write_articles


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("digest") / "digest.duckdb")


@pytest.fixture()
def store(store_path):
    with Store(store_path, read_only=True) as s:
        yield s


def test_places_are_countries_regions_or_actors(store):
    ukr, europe, lavrov = resolve_places(store, ["UKR", "eastern europe", "sergey-lavrov"])
    assert (ukr.kind, ukr.name, ukr.members) == ("country", "Ukraine", ("UKR",))
    assert europe.kind == "region" and {"UKR", "RUS", "POL"} <= set(europe.members) and "USA" not in europe.members
    assert (lavrov.kind, lavrov.name) == ("actor", "Sergey Lavrov")
    with pytest.raises(AnalysisError, match="unknown place 'Atlantis'"):
        resolve_places(store, ["Atlantis"])
    with pytest.raises(AnalysisError, match="no place"):
        resolve_places(store, [" ", ""])


def test_digest_lists_events_quotes_and_shifts_in_the_window(store):
    digest = place_digest(store, resolve_places(store, ["UKR", "RUS"]), since=dt.date(2024, 6, 1))
    ukr, rus = digest.places
    # Ukraine: one assault on it; the quotes that name it (by Lavrov) from June on.
    assert [e["type"] for e in ukr.events] == ["ASSAULT"]
    assert ukr.quotes_total == 14 and all(q["relation"] == "about" for q in ukr.quotes)
    # Russia: every event with it on either side from June on, its minister's quotes, the turn.
    assert rus.events_total == 1 + 14 + 1       # the assault, 14 US-Russia events, the imported one
    assert rus.quotes_total == 14 and all(q["relation"] == "by" for q in rus.quotes)
    assert [(s.dyad, s.date.isoformat()) for s in rus.shifts] == [(("RUS", "USA"), "2024-07-03")]
    assert all(e["date"] >= "2024-06-01" for p in digest.places for e in p.events)
    later = place_digest(store, resolve_places(store, ["RUS"]), since=dt.date(2024, 8, 1))
    assert later.places[0].shifts == []


def test_digest_of_an_actor_and_a_limit(store):
    digest = place_digest(store, resolve_places(store, ["sergey-lavrov"]), limit=3)
    lavrov = digest.places[0]
    assert lavrov.quotes_total == 24 and len(lavrov.quotes) == 3
    assert lavrov.quotes[0]["published"].startswith("2024-12")    # newest first


def test_added_since_shows_only_what_was_ingested_later(store_path, tmp_path):
    path = tmp_path / "copy.duckdb"
    path.write_bytes(store_path.read_bytes())
    with Store(path) as s:
        cut = s.con.execute("SELECT max(ingested_at) FROM documents").fetchone()[0]
        write_articles(s, [ukraine_article(dt.date(2024, 3, 3), "late", "Russia attacked Sumy in Ukraine")])
        digest = place_digest(s, resolve_places(s, ["UKR"]), added_since=cut)
    ukr = digest.places[0]
    # Dated March, ingested last: new to the reader all the same.
    assert [e["sentence_text"] for e in ukr.events] == ["Russia attacked Sumy in Ukraine on March 3, officials said."]
    assert ukr.quotes == []


def test_renderings(store):
    digest = place_digest(store, resolve_places(store, ["RUS", "sergey-lavrov"]), since=dt.date(2024, 12, 1), limit=2)
    text = render_text(digest)
    assert text.startswith("Your Places: Russia, Sergey Lavrov (since 2024-12-01)")
    assert "Events (3)" in text and "Sergey Lavrov: “Ukraine will not be discussed without us”" in text
    md = render_text(digest, markdown=True)
    assert md.startswith("# Your Places") and "## Russia [RUS]" in md and "\n- 2024-12-" in md
    data = digest.to_dict()
    assert data["places"][0]["place"]["code"] == "RUS" and data["since"] == "2024-12-01"


def test_digest_command(store_path):
    runner = CliRunner()
    args = ["digest", "--places", "UKR,RUS", "--since", "2024-12-01", "--db", str(store_path)]
    out = runner.invoke(cli, args)
    assert out.exit_code == 0, out.output
    assert "Ukraine [UKR]" in out.output and "ASSAULT: Russia -> Ukraine" in out.output
    as_json = json.loads(runner.invoke(cli, [*args, "--format", "json"]).output)
    assert [p["place"]["code"] for p in as_json["places"]] == ["UKR", "RUS"]
    html = runner.invoke(cli, [*args, "--format", "html"]).output
    assert html.startswith("<!doctype html>") and "<h2>Ukraine" in html
    bad = runner.invoke(cli, ["digest", "--places", "UKR", "--since", "2024-02-30", "--db", str(store_path)])
    assert bad.exit_code == 2 and "not a date" in bad.output
    unknown = runner.invoke(cli, ["digest", "--places", "Atlantis", "--db", str(store_path)])
    assert unknown.exit_code == 1 and "unknown place" in unknown.output
    missing = runner.invoke(cli, ["digest", "--places", "UKR", "--db", str(store_path.with_name("none.duckdb"))])
    assert missing.exit_code == 1 and "no store" in missing.output
