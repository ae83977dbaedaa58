"""Every core and a cluster: words per second of extract and ingest, 1 and N workers, in one run.

    .venv/bin/python bench/parallel.py [--copies 6] [--workers 2]

The corpus is the bundled sample's text pages, `--copies` times, each copy made a distinct
document by a last line naming the copy (the store keeps one document per content). Every
configuration processes the same files, from a cold start (pipelines loaded, workers and
clusters started inside the timing: what a user waits for), in this order:

1. `extract`, one process (the baseline);
2. `ingest`, one process, into a fresh store (target: at least 0.9 of extract's words/s);
3. `ingest --workers N` into a fresh store;
4. `ingest --cluster local --workers N` (a Dask LocalCluster of N processes) into a fresh store.

Stores 3 and 4 must hold exactly what store 2 holds (checked, clock columns aside). Ratios are
to 1 (extract) and to 2 (ingest, one process); the target for N=2 workers is 1.7.

On a shared Linux machine the wall-clock ratio says little: with autogroup scheduling
(/proc/sys/kernel/sched_autogroup_enabled) a session's processes share one slice of the CPU
together, so N workers in one session get no more CPU than one process while others are busy.
The CPU each process used is therefore also measured (this process, and its worker processes
together), and the wall time the job would take with a core per process is bounded from above
by this process's CPU time plus the workers' shared out: own + workers / N (as if none of this
process's work, loading the pipeline, reading and writing, overlapped the workers').
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from detente.cli import sample_corpus_paths
from detente.cluster import ingest_on_cluster
from detente.ingest import read
from detente.nlp import load_pipeline
from detente.parallel import PipelineSpec, extract_parallel
from detente.pipeline import extract
from detente.store import Store
from detente.store.ingest import ingest_documents

TABLES = ("documents", "articles", "entities", "quotes", "figures", "events", "failures")
CLOCK = {"ingested_at", "failed_at"}


def corpus(folder: Path, copies: int) -> int:
    """Write the copies; returns the number of words in them."""
    words = 0
    texts = sorted((Path(str(sample_corpus_paths()[0]))).glob("*.txt"))
    for n in range(copies):
        for text in texts:
            body = text.read_text(encoding="utf-8").rstrip("\n") + f"\n\nThis is copy {n} of the page.\n"
            (folder / f"{text.stem}-{n}.txt").write_text(body, encoding="utf-8")
            words += len(body.split())
    return words


def dump(path: Path) -> dict[str, list]:
    with Store(path, read_only=True) as store:
        out = {}
        for table in TABLES:
            columns = [r[0] for r in store.con.execute(f"DESCRIBE {table}").fetchall() if r[0] not in CLOCK]
            out[table] = sorted(store.con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall(), key=repr)
        return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=6)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="detente-parallel-"))
    try:
        (work / "news").mkdir()
        words = corpus(work / "news", args.copies)
        paths = [str(work / "news")]
        timings: dict[str, float] = {}
        estimated: dict[str, float] = {}

        def cpu(who: int) -> float:
            usage = resource.getrusage(who)
            return usage.ru_utime + usage.ru_stime

        def timed(name: str, job, processes: int = 1) -> None:
            load_pipeline.cache_clear()  # each configuration loads its pipeline(s) itself
            start, own, children = time.perf_counter(), cpu(resource.RUSAGE_SELF), cpu(resource.RUSAGE_CHILDREN)
            job()
            timings[name] = time.perf_counter() - start
            own, children = cpu(resource.RUSAGE_SELF) - own, cpu(resource.RUSAGE_CHILDREN) - children
            estimated[name] = own + children / processes
            print(f"{name:<30}{timings[name]:7.1f} s wall{words / timings[name]:7.0f} words/s   "
                  f"CPU: this process {own:6.1f} s, workers {children:6.1f} s -> "
                  f"{words / estimated[name]:6.0f} words/s with a core each", flush=True)

        def ingest_into(name: str, extractor=None):
            with Store(work / f"{name}.duckdb") as store:
                if extractor is None:
                    ingest_documents(read(paths), store, nlp=load_pipeline())
                else:
                    ingest_documents(read(paths), store, extractor=extractor)

        def cluster_into(name: str):
            with Store(work / f"{name}.duckdb") as store:
                ingest_on_cluster(paths, store, "local", workers=args.workers)

        n = args.workers
        print(f"{args.copies} copies of the sample's text pages: {words:,} words")
        # What the wall clock means depends on what else runs: the machine's load, before and after.
        print("load average (1, 5, 15 min) before: " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))
        timed("extract, 1 process", lambda: sum(1 for _ in extract(read(paths), nlp=load_pipeline())))
        timed("ingest, 1 process", lambda: ingest_into("one"))
        timed(f"ingest, {n} workers", lambda: ingest_into(
            "workers", lambda docs: extract_parallel(docs, PipelineSpec(), workers=n)), n)
        timed(f"ingest, LocalCluster of {n}", lambda: cluster_into("cluster"), n)

        reference = dump(work / "one.duckdb")
        same_workers = dump(work / "workers.duckdb") == reference
        same_cluster = dump(work / "cluster.duckdb") == reference
        for label, table in (("wall clock", timings), ("a core per process (CPU time, upper bound on wall)", estimated)):
            base_extract, base_ingest = table["extract, 1 process"], table["ingest, 1 process"]
            print(f"\n{label}:")
            print(f"  ingest / extract (1 process): {base_extract / base_ingest:.2f} (target >= 0.9)")
            print(f"  {n} workers / 1 process (ingest): {base_ingest / table[f'ingest, {n} workers']:.2f} "
                  "(target >= 1.7 for 2)")
            print(f"  LocalCluster of {n} / 1 process (ingest): {base_ingest / table[f'ingest, LocalCluster of {n}']:.2f}")
        print("load average (1, 5, 15 min) after: " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))
        print(f"\nsame store with {n} workers: {same_workers}; on the LocalCluster: {same_cluster}")
        return 0 if same_workers and same_cluster else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
