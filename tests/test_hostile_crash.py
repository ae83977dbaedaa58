"""Crash safety: `detente ingest` killed (SIGKILL) at random points, ten times over.

After every kill the store opens, holds no partial document (each document has exactly the
articles it says it has) and no orphan row; the run that follows picks up where the killed
one stopped, and the last run completes the corpus. Kills are aimed at the writing phase:
each comes a random 0-2 s after the store's write-ahead log first changes after the model
has loaded (the first document committed).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from detente.cli import sample_corpus_paths
from detente.store import Store
from detente.store.schema import ARTICLE_TABLES

KILLS = 10
DOCUMENTS = 20  # sample text pages: enough work left for ten interrupted runs


def _wal_size(db: Path) -> int | None:
    wal = Path(str(db) + ".wal")
    try:
        return wal.stat().st_size
    except OSError:
        return None


def _ingest(folder: Path, db: Path, kill_after: float | None) -> str:
    """Run ingest; with `kill_after`, SIGKILL it that long after its first document write."""
    process = subprocess.Popen([sys.executable, "-m", "detente.cli", "ingest", str(folder), "--db", str(db),
                                "--no-progress"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if kill_after is None:
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, err.decode()
        return "completed"
    deadline = time.monotonic() + 300
    start_size = None
    while process.poll() is None and time.monotonic() < deadline:
        size = _wal_size(db)
        if start_size is None:
            start_size = size
        elif size != start_size:  # a commit after the schema: documents are being written
            time.sleep(kill_after)
            break
        time.sleep(0.02)
    if process.poll() is not None:
        process.communicate()
        return "finished before the kill"
    process.send_signal(signal.SIGKILL)
    process.communicate()
    return "killed"


def _check_consistent(db: Path) -> int:
    """No partial document, no orphan row; returns the number of documents stored."""
    with Store(db, read_only=True) as store:
        partial = store.query(
            "SELECT d.doc_key, d.n_articles, count(a.article_key) FROM documents d "
            "LEFT JOIN articles a ON a.doc_key = d.doc_key GROUP BY d.doc_key, d.n_articles "
            "HAVING count(a.article_key) != d.n_articles")
        assert partial == [], f"partial documents: {partial}"
        assert store.query("SELECT count(*) FROM articles WHERE doc_key NOT IN (SELECT doc_key FROM documents)") \
            == [(0,)]
        for table in ARTICLE_TABLES:
            orphans = store.query(f"SELECT count(*) FROM {table} WHERE article_key IS NOT NULL AND "
                                  "article_key NOT IN (SELECT article_key FROM articles)")
            assert orphans == [(0,)], f"orphan rows in {table}"
        return store.count("documents")


def test_ingest_killed_at_random_points_leaves_no_partial_document(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for page in sorted((sample_corpus_paths()[0]).glob("*.txt"))[:DOCUMENTS]:
        shutil.copy(page, folder / page.name)
    db = tmp_path / "crash.duckdb"
    rng = random.Random(int(os.environ.get("DETENTE_CRASH_SEED", "13")))
    outcomes, stored = [], []
    for _ in range(KILLS):
        outcomes.append(_ingest(folder, db, kill_after=rng.uniform(0.0, 2.0)))
        stored.append(_check_consistent(db))
    assert outcomes.count("killed") >= KILLS - 2, outcomes  # the kills did land while writing
    assert stored == sorted(stored), "a re-run lost documents"
    assert _ingest(folder, db, kill_after=None) == "completed"
    assert _check_consistent(db) == DOCUMENTS
    with Store(db, read_only=True) as store:
        before = {table: store.count(table) for table in ("articles", *ARTICLE_TABLES)}
    _ingest(folder, db, kill_after=None)  # and one more run adds nothing
    with Store(db, read_only=True) as store:
        assert {table: store.count(table) for table in ("articles", *ARTICLE_TABLES)} == before
