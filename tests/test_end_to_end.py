"""The whole job on the bundled sample corpus: the README's main command and what it stores."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from detente.cli import cli, sample_corpus_paths
from detente.store import Store


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory, nlp):
    """The sample corpus ingested once through `detente demo` (the README's main job)."""
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    result = CliRunner().invoke(cli, ["demo", "--db", str(db), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "US-Russia shift on 2025-02" in result.output
    assert (db.parent / "demo-usa-rus.png").read_bytes()[:4] == b"\x89PNG"
    return db


def test_demo_stores_every_sample_document_without_failures(sample_store):
    with Store(sample_store, read_only=True) as store:
        assert store.count("failures") == 0, store.query("SELECT origin, error FROM failures")
        formats = dict(store.query("SELECT format, count(*) FROM documents GROUP BY format"))
        assert formats.get("text", 0) >= 24 and formats.get("html", 0) >= 12 and formats.get("warc", 0) >= 6
        assert store.count("articles") >= 40
        # Every article has a source, a date and a body.
        assert store.query("SELECT count(*) FROM articles WHERE source IS NULL OR published IS NULL"
                           " OR length(text) < 200") == [(0,)]


def test_demo_is_idempotent_over_the_same_store(sample_store, nlp):
    from detente.ingest import read
    from detente.store.ingest import ingest_documents

    with Store(sample_store) as store:
        before = {t: store.count(t) for t in ("documents", "articles", "entities", "events", "quotes")}
        report = ingest_documents(read([str(p) for p in sample_corpus_paths()]), store, nlp=nlp)
        assert report.documents == 0 and report.skipped == before["documents"]
        assert {t: store.count(t) for t in before} == before


def test_show_presents_events_with_their_provenance(sample_store):
    result = CliRunner().invoke(cli, ["show", "--db", str(sample_store), "--json"])
    summary = json.loads(result.output)
    assert summary["counts"]["events"] > 0
    for event in summary["events"]:
        assert event["rule"] and event["sentence"] and event["trigger"] in event["sentence"]


def test_shifts_find_the_early_2025_turn_toward_talks(sample_store):
    """The seed's headline question, answered from the sample corpus: US-Russia relations
    shift toward cooperation around the first US-Russia meeting of 2025 (Riyadh, 18 Feb)."""
    import datetime as dt

    result = CliRunner().invoke(cli, ["shifts", "--dyad", "USA", "RUS", "--json", "--db", str(sample_store)])
    assert result.exit_code == 0, result.output
    shifts = json.loads(result.output)["shifts"]
    riyadh = dt.date(2025, 2, 18)
    turns = [s for s in shifts if abs((dt.date.fromisoformat(s["date"]) - riyadh).days) <= 14]
    assert len(turns) == 1, shifts
    (turn,) = turns
    assert sorted(turn["dyad"]) == ["RUS", "USA"]
    assert turn["after"] > turn["before"] and turn["magnitude"] > 0
    assert turn["events"], "a shift must show the events that drove it"


def test_dyad_series_and_chart(sample_store, tmp_path):
    chart = tmp_path / "usa-rus.png"
    result = CliRunner().invoke(cli, ["dyad", "USA", "RUS", "--by", "month", "--json", "--plot", str(chart),
                                      "--db", str(sample_store)])
    assert result.exit_code == 0, result.output
    series = json.loads(result.output)
    periods = {p["start"][:7]: p for p in series["periods"]}
    assert periods["2025-02"]["goldstein"] > 0 > periods["2022-02"]["goldstein"]
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_gdelt_export_of_the_sample(sample_store, tmp_path):
    result = CliRunner().invoke(cli, ["export", "--format", "gdelt", str(tmp_path), "--db", str(sample_store)])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in (tmp_path / "events.gdelt.tsv").read_text(encoding="utf-8").splitlines()]
    assert rows and all(len(row) == 61 for row in rows)
    assert {row[29] for row in rows} <= {"1", "2", "3", "4"}  # QuadClass


def test_a_fused_page_of_two_days_dates_each_story_and_its_events_by_its_own_date(tmp_path):
    page = tmp_path / "two-days.txt"
    page.write_text(
        "Ferry operators and islanders meet in Mariehamn\n\nMonday, March 3, 2025\n\n"
        "MARIEHAMN — Ferry operators met islanders in Mariehamn on Sunday to discuss the winter "
        "timetable, officials said.\n\nThe two sides agreed to meet again in the summer, according to "
        "a statement from the regional government.\n\n"
        "Finland and Sweden resume ferry talks\n\nThursday, March 6, 2025\n\n"
        "STOCKHOLM — Finland and Sweden resumed talks on ferry subsidies in Stockholm on Wednesday, "
        "diplomats said, after a pause of three months.\n\nThe delegations will meet again next week, a "
        "spokesman for the Finnish foreign ministry said.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(page)])
    assert result.exit_code == 0, result.output
    articles = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [a["published"][:10] for a in articles] == ["2025-03-03", "2025-03-06"]
    assert all("2025" not in a["text"].split("\n\n")[0][:30] for a in articles)  # the date lines left the text
    dated = [e["date"] for e in articles[1]["events"] if e["date"]]
    assert dated and all(d.startswith("2025-03-05") for d in dated)  # "on Wednesday" read against March 6
