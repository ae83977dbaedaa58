"""Every core and a cluster give the store one process gives; batched writes stay per-document.

Also the hostile-input cases of ingest: the same file or folder named twice is stored once,
failures are not added again on a re-run.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from detente.cli import sample_corpus_paths
from detente.ingest import read
from detente.model import Document, ReadError
from detente.parallel import PipelineSpec, extract_parallel
from detente.pipeline import extract
from detente.store import Store
from detente.store.ingest import ingest_documents

SAMPLE = [str(p) for p in sample_corpus_paths()]
# Tables and the columns that say when, not what (they differ between any two runs).
TABLES = ("documents", "articles", "entities", "quotes", "figures", "events", "failures")
CLOCK = {"ingested_at", "failed_at"}


def dump(store: Store) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without the clock columns."""
    out = {}
    for table in TABLES:
        columns = [r[0] for r in store.con.execute(f"DESCRIBE {table}").fetchall() if r[0] not in CLOCK]
        rows = store.con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
        out[table] = sorted(rows, key=repr)
    return out


@pytest.fixture(scope="module")
def serial_store(tmp_path_factory, nlp) -> dict[str, list[tuple]]:
    """The sample corpus ingested in this process, one document per write: the reference."""
    path = tmp_path_factory.mktemp("serial") / "s.duckdb"
    with Store(path) as store:
        ingest_documents(read(SAMPLE), store, nlp=nlp, batch_size=1)
        return dump(store)


def test_batched_writes_store_what_single_writes_store(tmp_path, nlp, serial_store):
    with Store(tmp_path / "b.duckdb") as store:
        report = ingest_documents(read(SAMPLE), store, nlp=nlp)
        assert report.documents > 20
        assert dump(store) == serial_store


def test_a_batch_with_a_bad_document_writes_the_others(tmp_path, nlp):
    from detente.store.rows import StoredDocument

    good = Document("a", "a.txt", "Officials from Norway met in Oslo.", "text")
    bad = Document("b", "b.txt", "Something else entirely.", "text")
    [article] = [a for a in extract([good], nlp=nlp)]
    [other] = [a for a in extract([bad], nlp=nlp)]
    other.entities = [None]  # not an entity: this document cannot be written
    with Store(tmp_path / "s.duckdb") as store:
        bad_item = StoredDocument(bad, "kb", [other])
        failed = store.write_documents([StoredDocument(good, "ka", [article]), bad_item])
        assert [item for item, _ in failed] == [bad_item]
        assert store.query("SELECT doc_key FROM documents") == [("ka",)]
        assert store.count("articles") == 1


def test_extract_with_two_workers_gives_what_one_gives(nlp):
    one = [item.to_dict() for item in extract(read(SAMPLE), nlp=nlp)]
    two = [item.to_dict() for item in extract_parallel(read(SAMPLE), PipelineSpec(), workers=2, chunk_size=3)]
    assert len(one) > 20
    assert two == one


def test_ingest_with_two_workers_stores_what_one_stores(tmp_path, serial_store):
    memory: dict[str, float] = {}
    with Store(tmp_path / "w.duckdb") as store:
        ticks = []
        report = ingest_documents(
            read(SAMPLE), store, on_document=lambda: ticks.append(1),
            extractor=lambda docs: extract_parallel(docs, workers=2, on_memory=memory.__setitem__))
        assert dump(store) == serial_store
    assert len(ticks) == report.documents + report.skipped + len(report.failures) + report.repeated
    assert len(memory) == 2 and all(mb > 100 for mb in memory.values())


def _copy_texts(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    texts = sorted(Path(SAMPLE[0]).iterdir())[:n]
    return [Path(shutil.copy(t, folder / t.name)) for t in texts]


def test_the_same_file_or_folder_named_twice_is_stored_once(tmp_path, nlp):
    files = _copy_texts(tmp_path / "news", 3)
    (tmp_path / "news" / "broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    paths = [str(files[0]), str(tmp_path / "news"), str(tmp_path / "news"), str(files[0])]
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest_documents(read(paths), store, nlp=nlp)
        assert report.documents == 3 and store.count("documents") == 3
        assert report.repeated == 5  # files[0] three more times, the two other files once more
        assert len(report.failures) == 1 and store.count("failures") == 1
        again = ingest_documents(read(paths), store, nlp=nlp)
        assert again.documents == 0 and again.skipped == 3
        assert store.count("failures") == 1  # the same failure is not recorded on every run


def test_cli_ingest_takes_workers_and_reports_them(tmp_path):
    from click.testing import CliRunner

    from detente.cli import cli

    _copy_texts(tmp_path / "news", 6)
    db = str(tmp_path / "s.duckdb")
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "news"), "--db", db, "--no-progress",
                                      "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "6 new documents" in result.output
    with Store(db, read_only=True) as store:
        assert store.count("documents") == 6


# -- Dask ------------------------------------------------------------------------------------


def test_local_cluster_stores_what_one_process_stores(tmp_path, serial_store):
    from detente.cluster import ingest_on_cluster

    with Store(tmp_path / "c.duckdb") as store:
        report = ingest_on_cluster(SAMPLE, store, "local", workers=2)
        assert dump(store) == serial_store
        again = ingest_on_cluster(SAMPLE, store, "local", workers=2)
        assert again.documents == 0 and again.skipped == report.documents
        assert dump(store) == serial_store
    assert not any((tmp_path / "c.duckdb.parts").glob("part-*"))


def die_once_then_work(part, spec, input_format, parts_dir, known_keys):
    """A task whose worker process dies the first time it meets the second partition: after
    writing its part, before answering, as a worker killed mid-job would."""
    from detente.cluster import run_partition

    marker = Path(parts_dir) / "died-once"
    result = run_partition(part, spec, input_format, parts_dir, known_keys)
    if part.index == 1 and not marker.exists():
        marker.touch()
        os._exit(1)
    return result


def test_a_killed_worker_has_its_documents_redone_without_duplicates(tmp_path, nlp):
    from detente.cluster import ingest_on_cluster

    files = _copy_texts(tmp_path / "news", 4)
    with Store(tmp_path / "ref.duckdb") as store:
        ingest_documents(read([str(f) for f in files]), store, nlp=nlp)
        reference = dump(store)
    with Store(tmp_path / "c.duckdb") as store:
        report = ingest_on_cluster([str(tmp_path / "news")], store, "local", workers=2, task=die_once_then_work)
        assert (tmp_path / "c.duckdb.parts" / "died-once").exists()  # the worker did die
        assert report.documents == 4
        assert dump(store) == reference


def test_merging_a_part_twice_adds_nothing(tmp_path, nlp):
    from detente.cluster import Partition, Segment, merge_part, run_partition

    [file] = _copy_texts(tmp_path / "news", 1)
    spec = PipelineSpec()
    result = run_partition(Partition(0, (Segment(str(file)),)), spec, "auto", str(tmp_path / "parts"), None)
    with Store(tmp_path / "c.duckdb") as store:
        assert merge_part(store, result["folder"])[0] == 1
        before = dump(store)
        assert merge_part(store, result["folder"])[0] == 0
        assert dump(store) == before


def test_a_jsonl_file_is_cut_into_record_ranges(tmp_path):
    from detente.cluster import partitions

    lines = [f'{{"id": "r{i}", "text": "Officials met in Oslo on day {i}."}}' for i in range(5)]
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n\n")
    for i in range(3):
        (tmp_path / f"small{i}.txt").write_text(f"Officials met in Oslo on day {i}.\n")
    paths = [str(tmp_path / "small0.txt"), str(tmp_path / "a.jsonl"), str(tmp_path / "small1.txt"),
             str(tmp_path / "small2.txt"), str(tmp_path / "small2.txt")]
    parts = partitions(paths, parts_wanted=1, records_per_part=2)
    # Small files go together, each record range is a part of its own, a file named twice is read once.
    assert [[(Path(s.path).name, s.start, s.stop) for s in p.segments] for p in parts] == [
        [("small0.txt", 0, None)], [("a.jsonl", 0, 2)], [("a.jsonl", 2, 4)], [("a.jsonl", 4, None)],
        [("small1.txt", 0, None), ("small2.txt", 0, None)]]
    ids = [d.doc_id for p in parts for s in p.segments for d in read([s.path], records=slice(s.start, s.stop))]
    assert ids == ["small0", *(f"r{i}" for i in range(5)), "small1", "small2"]


def test_a_warc_file_is_cut_into_record_ranges_that_read_each_page_once(tmp_path):
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from detente.cluster import partitions

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for i in range(5):
            html = (f"<html><head><title>Envoys Meet in Oslo, Day {i}</title></head><body><article><p>Envoys "
                    f"from two countries met in Oslo on day {i} for talks on a prisoner exchange.</p>"
                    "</article></body></html>").encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://example.org/{i}", "response",
                                                          payload=io.BytesIO(html), http_headers=headers))
    parts = partitions([str(path)], parts_wanted=1, records_per_part=2)
    assert [[(s.start, s.stop) for s in p.segments] for p in parts] == [[(0, 2)], [(2, 4)], [(4, None)]]
    ids = [d.doc_id for p in parts for s in p.segments for d in read([s.path], records=slice(s.start, s.stop))]
    assert ids == [f"crawl-{i}" for i in range(1, 6)]


def test_reader_errors_pass_through_workers_in_order():
    docs = [ReadError(f"bad{i}", f"bad{i}.bin", "binary file") for i in range(9)]
    assert list(extract_parallel(docs, workers=2, chunk_size=2)) == docs
