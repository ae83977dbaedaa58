"""What the server reads: a private, read-only snapshot of the store, refreshed when it changes.

DuckDB lets one process write a file or several processes read it, never both: a reader
holding the store open makes `detente ingest` fail with a lock error, and a running ingest
makes every reader fail. So the server never keeps the user's store open. It copies the
file (and its write-ahead log, if a writer crashed) into a folder of its own when nobody is
writing it, checks that the copy opens, and answers every request from the last good copy.
A running ingest is seen as a lock held on the store and simply postpones the next copy: a
page never shows a lock error, and new articles appear within a poll interval of the
ingest's end (bench/serve.py measures the copy against opening the store per request).

Whether somebody writes is asked of the operating system without taking DuckDB's lock for
longer than a test (`fcntl` record locks, which DuckDB uses on POSIX), and the copy is
kept only if the store's size and modification time did not move while it was made, so a
checkpoint that lands during the copy never yields a torn snapshot.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from detente.errors import DetenteError
from detente.serve.layout import QUOTE_CODES_TABLE, lay_out
from detente.store.db import Store, StoreError
from detente.store.schema import SCHEMA_VERSION

log = logging.getLogger(__name__)

# DuckDB threads per snapshot: the machine is shared, and requests already run side by side.
DUCKDB_THREADS = 2

class ReadView(Store):
    """A `Store` over a cursor of a snapshot, so the analysis functions run on it unchanged.
    `quote_codes` names the snapshot's table of actors named in each quote (serve/layout.py),
    which `analysis.records` uses instead of joining entities when it is there."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, generation: int = 0,
                 quote_codes: str | None = None) -> None:
        # No Store.__init__: the snapshot is already open; this view only borrows a cursor.
        self.path = path
        self.con = con
        self.generation = generation
        self.quote_codes = quote_codes

    def close(self) -> None:
        self.con.close()


def _signature(path: Path) -> tuple:
    """What tells that the store changed: size and modification time of the file and its WAL."""
    out = []
    for p in (path, Path(str(path) + ".wal")):
        try:
            st = p.stat()
            out.append((st.st_size, st.st_mtime_ns))
        except FileNotFoundError:
            out.append(None)
    return tuple(out)


def writer_active(path: Path) -> bool:
    """True if another process holds a write lock on the store (a `detente ingest` runs).

    A shared record lock is taken and dropped at once: it conflicts only with a writer's
    exclusive lock, and is held for microseconds, so it never stands in a writer's way.
    """
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


@dataclass
class Snapshot:
    """One immutable copy of the store, open read-only; `generation` grows with each copy."""

    generation: int
    path: Path
    con: duckdb.DuckDBPyConnection
    signature: tuple
    users: int = 0
    retired: bool = False

    def view(self) -> ReadView:
        return ReadView(self.con.cursor(), str(self.path), self.generation, quote_codes=QUOTE_CODES_TABLE)


class SnapshotError(DetenteError):
    """No usable snapshot could be made (not a detente store, newer schema)."""


class Snapshots:
    """The current snapshot of a store, replaced by a fresh copy when the store changes.

    `on_new` is called with each new snapshot's view before it is published (the search
    index catches up there), so a request never sees a snapshot without its index;
    `on_published` after, for work that can wait (answers computed ahead of readers).
    """

    def __init__(self, store_path: str | Path, *, workdir: str | Path | None = None,
                 on_new: Callable[[ReadView, int], None] | None = None,
                 on_published: Callable[[int], None] | None = None) -> None:
        self.store_path = Path(store_path)
        if not self.store_path.exists():
            raise SnapshotError(f"no store at {self.store_path}: run `detente ingest PATH --db {self.store_path}` first")
        self._own_dir = workdir is None
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="detente-serve-"))
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.on_new = on_new
        self.on_published = on_published      # called with the generation once it is served
        self._current: Snapshot | None = None
        self._lock = threading.Lock()           # guards _current and users counts
        self._refreshing = threading.Lock()     # one copy at a time
        self._generation = 0
        self.writer_seen = False                # the last check found an ingest running
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- reading ----------------------------------------------------------------------------

    @property
    def generation(self) -> int:
        return self._current.generation if self._current else 0

    @contextmanager
    def view(self) -> Iterator[ReadView]:
        """A read-only view of the current snapshot for one request."""
        with self._lock:
            snap = self._current
            if snap is None:
                raise SnapshotError("an ingest was writing the store when the server started: pages will "
                                    "answer as soon as it ends" if self.writer_seen else
                                    "the store has not been read yet")
            snap.users += 1
        view = snap.view()
        try:
            yield view
        finally:
            view.close()
            with self._lock:
                snap.users -= 1
                done = snap.retired and snap.users == 0
            if done:
                self._drop(snap)

    # -- refreshing -------------------------------------------------------------------------

    def refresh(self, *, wait: bool = False) -> bool:
        """Copy the store if it changed and nobody writes it; True if a new snapshot is served.
        A poll skips a refresh already under way; `wait` waits for it and then checks again
        (an upload that has just written wants its own articles served)."""
        if not self._refreshing.acquire(blocking=wait):
            return False
        try:
            return self._refresh()
        finally:
            self._refreshing.release()

    def _refresh(self) -> bool:
        # The lock test costs microseconds: done at every poll, so pages can say that an
        # ingest is running even before it has changed the file.
        self.writer_seen = writer_active(self.store_path)
        if self.writer_seen:
            return False
        before = _signature(self.store_path)
        if self._current is not None and before == self._current.signature:
            return False
        self._generation += 1
        target = self.workdir / f"snapshot-{self._generation}.duckdb"
        shutil.copyfile(self.store_path, target)
        wal = Path(str(self.store_path) + ".wal")
        if wal.exists():
            shutil.copyfile(wal, Path(str(target) + ".wal"))
        if _signature(self.store_path) != before or writer_active(self.store_path):
            # A writer came and went (or came) during the copy: try again at the next poll.
            self._remove_files(target)
            self.writer_seen = True
            return False
        self.writer_seen = False
        try:
            lay_out(target, DUCKDB_THREADS)
            con = duckdb.connect(str(target), read_only=True, config={"threads": DUCKDB_THREADS})
            con.execute("SET enable_progress_bar = false")    # a long query must not draw on the server's output
            ReadView(con, str(target)).count("articles")
            row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except (duckdb.Error, StoreError) as exc:
            self._remove_files(target)
            if self._current is None:
                raise SnapshotError(f"{self.store_path} is not a detente store: {exc}") from exc
            log.warning("store copy unreadable, keeping the last snapshot: %s", exc)
            return False
        if row and int(row[0]) > SCHEMA_VERSION:
            con.close()
            self._remove_files(target)
            raise SnapshotError(f"{self.store_path} was written by a newer detente (schema {row[0]})")
        snap = Snapshot(self._generation, target, con, before)
        if self.on_new is not None:
            view = snap.view()
            try:
                self.on_new(view, snap.generation)
            finally:
                view.close()
        with self._lock:
            old, self._current = self._current, snap
            if old is not None:
                old.retired = True
                done = old.users == 0
            else:
                done = False
        if done:
            self._drop(old)
        if self.on_published is not None:
            self.on_published(snap.generation)
        return True

    def _drop(self, snap: Snapshot) -> None:
        snap.con.close()
        self._remove_files(snap.path)

    @staticmethod
    def _remove_files(path: Path) -> None:
        for p in (path, Path(str(path) + ".wal")):
            p.unlink(missing_ok=True)

    # -- polling ----------------------------------------------------------------------------

    def start(self, interval: float = 1.0) -> None:
        """Check the store every `interval` seconds in a background thread."""
        def loop() -> None:
            while not self._stop.wait(interval):
                try:
                    self.refresh()
                except Exception:  # a poll must never kill the server; the last snapshot stays
                    log.exception("snapshot refresh failed")

        self._thread = threading.Thread(target=loop, name="detente-snapshots", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        with self._lock:
            snap, self._current = self._current, None
            # A request or a background task still reading it drops it when done.
            done = snap is not None and snap.users == 0
            if snap is not None:
                snap.retired = True
        if done:
            self._drop(snap)
        if self._own_dir:
            shutil.rmtree(self.workdir, ignore_errors=True)
