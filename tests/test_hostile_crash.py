"""Crash safety: `detente ingest` killed (SIGKILL) at random points, ten times over.

After every kill the store opens, holds no partial document (each document has exactly the
articles it says it has) and no orphan row; the run that follows picks up where the killed
one stopped, and the last run completes the corpus. Kills are aimed at the writing phase:
each comes a random 0-KILL_WINDOW s after the store's write-ahead log first changes after the
model has loaded (the first document committed). Each ingest is a child forked from the test
process with the model already loaded (so the test does not pay the load twelve times);
the child runs the real command line and is killed with SIGKILL, as a user's would be.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sys
import time
from pathlib import Path

from detente.cli import sample_corpus_paths
from detente.store import Store
from detente.store.schema import ARTICLE_TABLES

KILLS = 10
DOCUMENTS = 30  # sample text pages: enough work left for ten interrupted runs
# Ingest writes a batch every WRITE_INTERVAL seconds; the children write more often, so that a
# run commits a few batches of a few documents before its kill, as a long real run does.
CHILD_WRITE_INTERVAL = 0.2
# A run writes for this long at most before its kill: short enough that ten runs leave work for
# the last ones on a fast machine (with a 1 s window, the wheel check on Python 3.13 stored the
# whole corpus in three runs, and the seven kills after came when their runs had finished).
KILL_WINDOW = 0.4


def _wal_size(db: Path) -> int | None:
    wal = Path(str(db) + ".wal")
    try:
        return wal.stat().st_size
    except OSError:
        return None


def _fork_ingest(folder: Path, db: Path) -> int:
    """`detente ingest FOLDER --db DB` in a forked child; its pid."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        return pid
    status = 70
    try:
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        from detente.cli import cli
        from detente.store import ingest

        ingest.WRITE_INTERVAL = CHILD_WRITE_INTERVAL
        cli.main(["ingest", str(folder), "--db", str(db), "--no-progress"], standalone_mode=True)
        status = 0
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else 1
    finally:
        os._exit(status)


def _ingest(folder: Path, db: Path, kill_after: float | None) -> str:
    """Run ingest; with `kill_after`, SIGKILL it that long after its first document write."""
    pid = _fork_ingest(folder, db)
    deadline = time.monotonic() + 600
    start_size = _wal_size(db)
    aimed = None
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            assert os.waitstatus_to_exitcode(status) == 0, "ingest failed"
            return "completed" if kill_after is None else "finished before the kill"
        if kill_after is not None:
            if aimed is None and _wal_size(db) != start_size:  # a document was committed
                aimed = time.monotonic() + kill_after
            if aimed is not None and time.monotonic() >= aimed:
                workers = _children(pid)
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                _assert_gone(workers)
                return "killed"
        time.sleep(0.02)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    raise AssertionError("ingest did not finish in 10 minutes")


def _children(pid: int) -> list[int]:
    """The processes `pid` started (its worker processes), from /proc."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(child) for child in task.read_text().split()]
        except OSError:
            pass
    return found


def _assert_gone(pids: list[int], wait: float = 10.0) -> None:
    """Workers die with the ingest that started them: none is left waiting for work."""
    deadline = time.monotonic() + wait
    while (alive := [p for p in pids if Path(f"/proc/{p}").exists()
                     and "Z" not in Path(f"/proc/{p}/stat").read_text().split(")")[-1][:3]]):
        if time.monotonic() > deadline:
            for p in alive:
                os.kill(p, signal.SIGKILL)
            raise AssertionError(f"workers {alive} outlived their killed ingest")
        time.sleep(0.05)


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
    from detente.nlp import DETENTE_COMPONENTS, load_pipeline

    load_pipeline(DETENTE_COMPONENTS, ())  # as the command asks for it: loaded once, before the forks
    folder = tmp_path / "corpus"
    folder.mkdir()
    for page in sorted((sample_corpus_paths()[0]).glob("*.txt"))[:DOCUMENTS]:
        shutil.copy(page, folder / page.name)
    db = tmp_path / "crash.duckdb"
    rng = random.Random(int(os.environ.get("DETENTE_CRASH_SEED", "13")))
    outcomes, stored = [], []
    for _ in range(KILLS):
        outcomes.append(_ingest(folder, db, kill_after=rng.uniform(0.0, KILL_WINDOW)))
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
