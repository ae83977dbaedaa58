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
