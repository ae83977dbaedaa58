"""What every request of one server shares: the store's snapshots, the search index, the
reader's follows, and a cache of answers that lives as long as a snapshot does."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from detente.serve.folder_events import EventsFolder
from detente.serve.follows import Follows
from detente.serve.search import SearchIndex
from detente.serve.snapshot import ReadView, Snapshots
from detente.serve.upload import Uploader

T = TypeVar("T")
log = logging.getLogger(__name__)
CACHE_ENTRIES = 512


@dataclass
class ServeContext:
    store_path: Path
    snapshots: Snapshots
    index: SearchIndex
    follows: Follows
    # (key, compute) pairs computed for each new snapshot before it is served, so that the
    # first reader after an ingest does not pay for the home page's shifts.
    warmers: list[tuple[tuple, Callable[[ReadView], Any]]] = field(default_factory=list)
    # Tasks run after a snapshot is served, in the background (serve.pages.BACKGROUND).
    background: list[Callable[["ServeContext"], None]] = field(default_factory=list)
    uploader: Uploader | None = None                       # set only when uploads are allowed
    folder: EventsFolder | None = None                     # --events DIR, shown apart from the store's
    _cache: OrderedDict = field(default_factory=OrderedDict)
    _cache_lock: threading.Lock = field(default_factory=threading.Lock)
    _flights: dict = field(default_factory=dict)           # key -> lock held while it is computed
    _warmers: list = field(default_factory=list)           # background threads (warm_behind)
    _closing: threading.Event = field(default_factory=threading.Event)
    _warmers_lock: threading.Lock = field(default_factory=threading.Lock)

    @contextmanager
    def store(self) -> Iterator[ReadView]:
        with self.snapshots.view() as view:
            yield view

    def cached(self, key: tuple, compute: Callable[[ReadView], T]) -> T:
        """`compute(view)` once per snapshot for `key`: a snapshot never changes, so neither
        does anything computed from it (charts, shifts, profiles); a new snapshot starts
        afresh. Requests that arrive while the same answer is being computed wait for it
        rather than compute it again. Least recently used answers are dropped past
        CACHE_ENTRIES."""
        with self.store() as view:
            full = (view.generation, *key)
            with self._cache_lock:
                if full in self._cache:
                    self._cache.move_to_end(full)
                    return self._cache[full]
                flight = self._flights.setdefault(full, threading.Lock())
            with flight:
                with self._cache_lock:
                    if full in self._cache:
                        return self._cache[full]
                try:
                    value = compute(view)
                    with self._cache_lock:
                        self._cache[full] = value
                        while len(self._cache) > CACHE_ENTRIES:
                            self._cache.popitem(last=False)
                finally:
                    with self._cache_lock:
                        self._flights.pop(full, None)
        return value

    def cached_from(self, events: str, key: tuple, compute: Callable[[ReadView], T]) -> T:
        """`cached`, over the store's events (`events="store"`) or over the --events folder's
        ("folder"; the caller has checked that there is one)."""
        if events == "store":
            return self.cached(key, compute)
        assert self.folder is not None

        def on_folder(_snapshot: ReadView) -> T:
            with self.folder.view() as view:
                return compute(view)

        return self.cached(("folder", *key), on_folder)

    def warm_behind(self, generation: int) -> None:
        """Compute the `background` answers of a newly served snapshot in a thread of their
        own: readers are served meanwhile, and those who ask for one of these answers
        before it is ready wait for that one computation rather than start another."""
        def run() -> None:
            for task in self.background:
                if self.snapshots.generation != generation or self._closing.is_set():
                    return          # a newer snapshot came (its own thread warms it), or the end
                try:
                    task(self)
                except Exception:   # warming is an optimisation: a reader meets the error, if any
                    log.debug("background warming failed", exc_info=True)

        thread = threading.Thread(target=run, name=f"detente-warm-{generation}", daemon=True)
        # Started before it is listed, under the lock close() takes: close() never meets a
        # thread that cannot be joined yet, and starts none after it began.
        with self._warmers_lock:
            if self._closing.is_set():
                return
            thread.start()
            self._warmers = [t for t in self._warmers if t.is_alive()] + [thread]

    def warm(self, view: ReadView) -> None:
        for key, compute in self.warmers:
            value = compute(view)
            with self._cache_lock:
                self._cache[(view.generation, *key)] = value

    def close(self) -> None:
        with self._warmers_lock:
            self._closing.set()
            warmers = list(self._warmers)
        for thread in warmers:
            thread.join(timeout=30)     # a task under way ends before its snapshot is closed
        self.snapshots.close()
        if self.folder is not None:
            self.folder.close()


def build_context(store_path: str | Path, *, state_path: str | Path, workdir: str | Path | None = None,
                  warmers: list[tuple[tuple, Callable[[ReadView], Any]]] = (),
                  max_upload: int | None = None, events_dir: str | Path | None = None,
                  background: list[Callable[[ServeContext], None]] = ()) -> ServeContext:
    """Read the store once (failing early if it is not one) and index it for search.
    `max_upload` (bytes) allows posting documents into the store, up to that size;
    `events_dir` is a Parquet folder of events served apart from the store's own."""
    folder = EventsFolder(events_dir) if events_dir else None
    snapshots = Snapshots(store_path, workdir=workdir)
    index = SearchIndex(snapshots.workdir / "search.sqlite")
    ctx = ServeContext(Path(store_path), snapshots, index, Follows(state_path, store_path), list(warmers),
                       uploader=Uploader(snapshots, max_bytes=max_upload) if max_upload else None, folder=folder,
                       background=list(background))

    def on_new(view: ReadView, generation: int) -> None:
        index.sync(view)
        ctx.warm(view)

    snapshots.on_new = on_new
    snapshots.on_published = ctx.warm_behind
    snapshots.refresh()
    return ctx
