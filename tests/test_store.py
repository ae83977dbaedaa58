"""The store: idempotent re-ingest, interrupted runs, failures kept apart, exports."""

from __future__ import annotations

import json
from datetime import datetime

import duckdb
import pytest
from click.testing import CliRunner

from detente.cli import cli
from detente.model import Document, ReadError
from detente.store import Store, document_key
from detente.store.export import EXPORTED_TABLES, export_tables
from detente.store.ingest import ingest_documents

STORIES = [
    "Officials from Norway and Finland met in Oslo on Monday to discuss fishing quotas.",
    "The foreign minister of Chile said on Tuesday that talks with Peru would resume next month.",
    "Kenya sent 400 police officers to Haiti, the government said on Wednesday.",
    "Protesters gathered outside parliament in Lisbon on Thursday to oppose a new tax.",
]


def _documents(texts=STORIES) -> list[Document]:
    return [Document(doc_id=f"story-{i}", origin=f"story-{i}.txt", text=t, format="text",
                     source="Detente Wire", published=datetime(2024, 5, 1 + i, 9, 0))
            for i, t in enumerate(texts)]


def _counts(store: Store) -> dict[str, int]:
    return {t: store.count(t) for t in ("documents", "articles", "entities", "quotes", "figures", "events")}


def test_reingesting_the_same_content_adds_nothing(tmp_path, nlp):
    with Store(tmp_path / "s.duckdb") as store:
        first = ingest_documents(_documents(), store, nlp=nlp)
        before = _counts(store)
        second = ingest_documents(_documents(), store, nlp=nlp)
        assert first.documents == 4 and second.documents == 0 and second.skipped == 4
        assert _counts(store) == before
        assert before["documents"] == 4 and before["articles"] == 4 and before["entities"] > 0


def test_same_content_under_another_path_is_the_same_document(tmp_path, nlp):
    moved = [Document(doc_id=d.doc_id + "-copy", origin="elsewhere/" + d.origin, text=d.text, format=d.format)
             for d in _documents()]
    with Store(tmp_path / "s.duckdb") as store:
        ingest_documents(_documents(), store, nlp=nlp)
        report = ingest_documents(moved, store, nlp=nlp)
        assert report.skipped == 4 and store.count("documents") == 4


class Interrupted(Exception):
    pass


def test_an_interrupted_ingest_leaves_a_consistent_store_and_resumes(tmp_path, nlp):
    def stream_that_dies():
        docs = _documents()
        yield from docs[:2]
        raise Interrupted("power cut")

    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        with pytest.raises(Interrupted):
            ingest_documents(stream_that_dies(), store, nlp=nlp)
    with Store(path) as store:
        # Whatever was written is whole: every stored document has its articles.
        stored = store.query("SELECT doc_key, n_articles FROM documents")
        for doc_key, n_articles in stored:
            assert store.query("SELECT count(*) FROM articles WHERE doc_key = ?", [doc_key])[0][0] == n_articles
        assert len(stored) <= 2
        report = ingest_documents(_documents(), store, nlp=nlp)
        assert report.skipped == len(stored)
        assert report.documents == 4 - len(stored)
        assert store.count("documents") == 4 and store.count("articles") == 4


def test_a_failed_document_is_recorded_and_the_others_are_stored(tmp_path, nlp):
    docs = _documents()
    stream = [docs[0], ReadError("broken", "broken.bin", "binary file: not text"), *docs[1:]]
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest_documents(stream, store, nlp=nlp)
        assert report.documents == 4
        assert [f.origin for f in report.failures] == ["broken.bin"]
        assert store.query("SELECT origin, error FROM failures") == [("broken.bin", "binary file: not text")]
        assert store.count("documents") == 4


def test_a_document_that_breaks_the_analysis_does_not_stop_the_run(tmp_path):
    import spacy
    from spacy.language import Language

    @Language.component("test_explode_on_marker")
    def explode(doc):
        if "EXPLODE" in doc.text:
            raise RuntimeError("component failed")
        return doc

    nlp = spacy.blank("en")
    nlp.add_pipe("test_explode_on_marker")
    docs = _documents([STORIES[0], "EXPLODE here.", STORIES[1]])
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest_documents(docs, store, nlp=nlp)
        assert report.documents == 2
        assert len(report.failures) == 1 and "component failed" in report.failures[0].error
        assert store.count("documents") == 2


def test_document_key_depends_on_content_not_name():
    a, b = _documents()[:2]
    assert document_key(a) != document_key(b)
    renamed = Document(doc_id="x", origin="y", text=a.text, format=a.format)
    assert document_key(renamed) == document_key(a)


def test_export_writes_every_table_with_its_rows(tmp_path, nlp):
    with Store(tmp_path / "s.duckdb") as store:
        ingest_documents(_documents(), store, nlp=nlp)
        parquet = export_tables(store, tmp_path / "pq", "parquet")
        jsonl = export_tables(store, tmp_path / "js", "jsonl")
        expected = {t: store.count(t) for t in EXPORTED_TABLES}
    assert {p.stem for p in parquet} == set(EXPORTED_TABLES)
    for path in parquet:
        # Events are a folder partitioned by year (events/year=2024/data_0.parquet), the others files.
        assert path.is_dir() == (path.stem == "events")
        files = f"{path}/year=*/*.parquet" if path.is_dir() else str(path)
        assert duckdb.connect().execute(f"SELECT count(*) FROM read_parquet('{files}')").fetchone()[0] == expected[path.stem]
    assert expected["events"] > 0 and not (tmp_path / "pq" / "events.parquet").exists()
    articles = [json.loads(line) for line in (tmp_path / "js" / "articles.jsonl").read_text().splitlines()]
    assert len(articles) == 4 and {a["source"] for a in articles} == {"Detente Wire"}


def test_cli_ingest_show_and_errors(tmp_path):
    (tmp_path / "a.txt").write_text("Detente Wire 2024-05-01 09:00:00\n" + STORIES[0] + "\n", encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(tmp_path / "a.txt"), "--db", db, "--no-progress"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["show", "--db", db, "--json"])
    summary = json.loads(result.output)
    assert summary["counts"]["documents"] == 1
    assert summary["sources"][0]["source"] == "Detente Wire"
    missing = runner.invoke(cli, ["show", "--db", str(tmp_path / "nope.duckdb")])
    assert missing.exit_code != 0 and "detente ingest" in missing.output


def test_an_article_too_long_to_analyse_fails_alone_with_a_clear_message(tmp_path, nlp):
    long_text = "Officials met again. " * 60_000  # 1.26 million characters, over spaCy's limit
    docs = _documents([STORIES[0], long_text, STORIES[1]])
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest_documents(docs, store, nlp=nlp)
        assert report.documents == 2
        (failure,) = report.failures
        assert "split the document" in failure.error and "characters" in failure.error
