"""Ingest on a Dask cluster: the same per-document stages, mapped over partitions of the input.

The input is split by file, and WARC and JSON Lines files into ranges of records (a worker
passes over the records before its range unparsed: WARC pages before it are neither decoded nor
extracted). Each partition is one
Dask task: the worker loads the pipeline once (it is cached per process), runs the very code a
local ingest runs (`ingest_documents`) into a Parquet part instead of the store, and the client
merges the parts into the store in partition order, one transaction per part:

- a part is written to a fresh folder and renamed into place when complete, so a worker lost
  mid-task leaves nothing half-written; Dask runs the task again on another worker;
- a part is named by what it was made from (file, size, modification time, record range,
  pipeline), so a part that exists is reused, not recomputed;
- merging skips documents already in the store, so merging a part twice adds nothing.

Workers must see the input files and the parts folder at the same paths as the client (a
shared file system on a real cluster).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from detente.errors import DetenteError
from detente.ingest import input_files, read, record_count
from detente.model import ReadError
from detente.parallel import PipelineSpec, default_workers
from detente.store.db import Store
from detente.store.ingest import IngestReport, ingest_documents
from detente.store.rows import DOCUMENT_TABLES, SCHEMAS, StoredDocument, document_tables, failure_table
from detente.store.schema import insert_select

# JSON Lines records per partition: a few minutes of work for one worker.
RECORDS_PER_PART = 2000
PARTS_PER_WORKER = 4


class ClusterError(DetenteError):
    """The cluster job cannot run (no scheduler at that address, input workers cannot read)."""


@dataclass(frozen=True, slots=True)
class Segment:
    """The documents of one file, or its records start..stop-1 (a WARC or JSON Lines file)."""

    path: str
    start: int = 0
    stop: int | None = None


@dataclass(frozen=True, slots=True)
class Partition:
    """One task's share of the input: consecutive segments (small files go together)."""

    index: int
    segments: tuple[Segment, ...]

    def name(self, spec: PipelineSpec, input_format: str) -> str:
        ident = [spec, input_format]
        for seg in self.segments:
            stat = os.stat(seg.path)
            ident.append((os.path.abspath(seg.path), stat.st_size, stat.st_mtime_ns, seg.start, seg.stop))
        return "part-" + hashlib.sha256(repr(ident).encode()).hexdigest()[:24]


def partitions(paths: Sequence[str], parts_wanted: int = 1,
               records_per_part: int = RECORDS_PER_PART, input_format: str = "auto") -> list[Partition]:
    """The input cut into about `parts_wanted` partitions of similar size (more if files are
    large): WARC and JSON Lines files are cut into record ranges, small files go together in
    order. A file named twice is read once."""
    if any(p == "-" for p in paths):
        raise ClusterError("a cluster job cannot read standard input: give files or folders")
    segments: list[tuple[Segment, int]] = []  # with the bytes they hold, about
    seen: set[str] = set()
    for path in input_files(paths):
        if not os.path.isfile(path):
            raise ClusterError(f"{path}: no such file or folder")
        if os.path.abspath(path) in seen:
            continue
        seen.add(os.path.abspath(path))
        size = os.path.getsize(path)
        records = record_count(path, input_format)
        if records is not None:
            cuts = list(range(0, records, records_per_part)) or [0]
            # The last range is open: records are counted the way the reader counts them,
            # but an open end cannot lose one.
            share = size // len(cuts)
            segments.extend((Segment(path, lo, hi), share) for lo, hi in zip(cuts, [*cuts[1:], None]))
        else:
            segments.append((Segment(path), size))
    total = sum(size for _, size in segments)
    budget = max(1, total // max(1, parts_wanted))
    groups: list[list[Segment]] = []
    filled = budget
    for seg, size in segments:
        # A JSON Lines range is a partition of its own; small files fill one up to the budget.
        ranged = seg.stop is not None or seg.start > 0 or size < os.path.getsize(seg.path)
        if filled >= budget or ranged:
            groups.append([])
            filled = 0
        groups[-1].append(seg)
        filled = budget if ranged else filled + size
    return [Partition(i, tuple(group)) for i, group in enumerate(groups)]


# -- on the worker ------------------------------------------------------------------------


class PartWriter:
    """Stands in for the store on a worker: collects what `ingest_documents` writes."""

    def __init__(self, known: frozenset[str]) -> None:
        self.known = known
        self.tables: dict[str, list[pa.Table]] = {t: [] for t in (*DOCUMENT_TABLES, "failures")}

    def has_document(self, doc_key: str) -> bool:
        return doc_key in self.known

    def write_documents(self, batch: Sequence[StoredDocument]) -> list[tuple[StoredDocument, Exception]]:
        failed = []
        try:
            tables = [document_tables(batch)]
        except Exception:  # noqa: BLE001 - as the store does: find the document that cannot be written
            tables = []
            for item in batch:
                try:
                    tables.append(document_tables([item]))
                except Exception as exc:  # noqa: BLE001
                    failed.append((item, exc))
        for by_name in tables:
            for name, table in by_name.items():
                self.tables[name].append(table)
        return failed

    def record_failures(self, failures: Sequence[ReadError]) -> None:
        self.tables["failures"].append(failure_table(failures))

    def save(self, folder: Path) -> None:
        """Write every table to `folder` atomically: a new folder renamed into place."""
        tmp = folder.with_name(f".{folder.name}.{uuid.uuid4().hex}")
        tmp.mkdir(parents=True)
        for name, tables in self.tables.items():
            table = pa.concat_tables(tables) if tables else SCHEMAS[name].empty_table()
            pq.write_table(table, tmp / f"{name}.parquet", compression="zstd")
        try:
            os.rename(tmp, folder)
        except OSError:  # another attempt of the same task got there first: same content
            shutil.rmtree(tmp, ignore_errors=True)


@lru_cache(maxsize=4)
def _known_keys(path: str | None) -> frozenset[str]:
    if not path:
        return frozenset()
    return frozenset(pq.read_table(path, columns=["doc_key"]).column("doc_key").to_pylist())


def run_partition(part: Partition, spec: PipelineSpec, input_format: str, parts_dir: str,
                  known_keys: str | None) -> dict:
    """One task: the partition's documents through the pipeline into a Parquet part."""
    folder = Path(parts_dir) / part.name(spec, input_format)
    if not folder.exists():
        writer = PartWriter(_known_keys(known_keys))
        documents = chain.from_iterable(read([seg.path], input_format=input_format,
                                             records=slice(seg.start, seg.stop))
                                        for seg in part.segments)
        report = ingest_documents(documents, writer, nlp=spec.load(), language=spec.language)  # type: ignore[arg-type]
        writer.save(folder)
        return {"index": part.index, "folder": str(folder), "skipped": report.skipped, "repeated": report.repeated}
    return {"index": part.index, "folder": str(folder), "skipped": 0, "repeated": 0}


# -- on the client ------------------------------------------------------------------------


def merge_part(store: Store, folder: str | Path) -> tuple[int, int, list[ReadError]]:
    """Merge one part into the store in one transaction; documents already stored are skipped.

    Returns (documents added, articles added, failures of the part)."""
    folder = Path(folder)
    con = store.con
    source = {t: "read_parquet(" + _sql_str(str(folder / f"{t}.parquet")) + ")" for t in SCHEMAS}
    con.begin()
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE _new_docs AS SELECT DISTINCT doc_key FROM {source['documents']} "
                    "WHERE doc_key NOT IN (SELECT doc_key FROM documents)")
        for table in DOCUMENT_TABLES:
            columns, select = insert_select(table, SCHEMAS[table].names)
            key = "doc_key" if table in ("documents", "articles") else "split_part(article_key, ':', 1)"
            con.execute(f"INSERT INTO {table} ({columns}) SELECT {select} FROM {source[table]} "
                        f"WHERE {key} IN (SELECT doc_key FROM _new_docs)")
        added = con.execute("SELECT count(*) FROM _new_docs").fetchall()[0][0]
        articles = con.execute(f"SELECT count(*) FROM {source['articles']} "
                               "WHERE doc_key IN (SELECT doc_key FROM _new_docs)").fetchall()[0][0]
        failures = [ReadError(*row) for row in
                    con.execute(f"SELECT doc_id, origin, error FROM {source['failures']}").fetchall()]
        store.record_failures(failures)
        con.execute("DROP TABLE _new_docs")
        con.commit()
    except Exception:
        con.rollback()
        raise
    return added, articles, failures


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def ingest_on_cluster(paths: Sequence[str], store: Store, address: str, *, spec: PipelineSpec = PipelineSpec(),
                      input_format: str = "auto", workers: int | None = None, parts_dir: str | Path | None = None,
                      on_document: Callable[[], None] | None = None,
                      task: Callable[..., dict] = run_partition) -> IngestReport:
    """Ingest `paths` into `store` on the Dask cluster at `address` ("local": a LocalCluster of
    `workers` processes). `task` is the per-partition function (tests swap in a failing one)."""
    from distributed import Client, LocalCluster, as_completed

    out = Path(parts_dir) if parts_dir else Path(store.path + ".parts")
    out.mkdir(parents=True, exist_ok=True)
    known = out / f"known-{uuid.uuid4().hex}.parquet"
    store.con.execute(f"COPY (SELECT doc_key FROM documents) TO {_sql_str(str(known))} (FORMAT parquet)")
    report = IngestReport()
    tick = on_document or (lambda: None)
    cluster = None
    try:
        if address == "local":
            cluster = LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        else:
            try:
                client = Client(address, timeout="30s")
            except OSError as exc:
                raise ClusterError(f"no Dask scheduler answers at {address}: {exc}") from exc
        with client:
            # A few partitions per worker, so that a slow or lost one holds up little.
            n_workers = max(1, len(client.scheduler_info().get("workers", {})) or (workers or 1))
            parts = partitions(paths, parts_wanted=PARTS_PER_WORKER * n_workers, input_format=input_format)
            futures = [client.submit(task, p, spec, input_format, str(out.resolve()), str(known.resolve()),
                                     key=f"detente-{p.name(spec, input_format)}", pure=False)
                       for p in parts]
            # Parts are merged in input order, as a local run would store them.
            ready: dict[int, dict] = {}
            next_index = 0
            for future in as_completed(futures):
                result = future.result()
                ready[result["index"]] = result
                while next_index in ready:
                    done = ready.pop(next_index)
                    added, articles, failures = merge_part(store, done["folder"])
                    shutil.rmtree(done["folder"], ignore_errors=True)
                    report.documents += added
                    report.articles += articles
                    report.failures.extend(failures)
                    report.skipped += done["skipped"]
                    report.repeated += done["repeated"]
                    for _ in range(added + len(failures) + done["skipped"] + done["repeated"]):
                        tick()
                    next_index += 1
    finally:
        known.unlink(missing_ok=True)
        if cluster is not None:
            cluster.close()
    return report
