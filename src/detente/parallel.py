"""Every core: the pipeline in worker processes, with the output of a single process.

Each worker loads the spaCy pipeline (and the knowledge base) once, then takes chunks of
documents and returns plain records (Articles and ReadErrors, the data model's dataclasses),
never spaCy objects: a Doc's extensions hold live objects that cannot cross a process
boundary (spaCy's own `n_process` fails on them, error E871). Chunks are handed out in
order and their results given back in that same order, so the stream is exactly what
`pipeline.extract` gives in one process; only a few chunks are in flight at once, so memory
stays bounded whatever the size of the input.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import resource
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import chain, islice

from spacy.language import Language

from detente.model import Article, Document, ReadError
from detente.language import load_identifier
from detente.nlp import DETENTE_COMPONENTS, load_pipeline
from detente.pipeline import extract

# Documents per task: enough to fill a spaCy batch, few enough that the two workers of a
# small corpus share it evenly.
CHUNK = 4
# Tasks queued per worker beyond the one it is running, so no worker waits for the reader.
AHEAD = 2
_PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies
# Items of any kind in one task, so that a long run of read errors is cut into bounded tasks.
MAX_ITEMS_PER_CHUNK = 4096


@dataclass(frozen=True, slots=True)
class PipelineSpec:
    """What a worker needs to build the same pipeline as the parent: plain, picklable."""

    components: tuple[str, ...] = DETENTE_COMPONENTS
    kb_paths: tuple[str, ...] = ()
    verbatim: bool = False
    language: str | None = None  # ISO 639-1 forced for every article; None identifies it

    def load(self) -> Language:
        return load_pipeline(self.components, self.kb_paths)


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def peak_memory_mb() -> float:
    """This process's peak resident memory (MB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


_spec: PipelineSpec | None = None


def _start_worker(spec: PipelineSpec) -> None:
    global _spec
    _spec = spec
    spec.load()  # once per worker, before its first chunk
    if spec.language is None:
        load_identifier()  # the language model too, shared with forked workers


def _start_child(spec: PipelineSpec, parent: int) -> None:
    """A worker's start: it dies with its parent, then loads what it needs."""
    _die_with(parent)
    _start_worker(spec)


def _die_with(parent: int) -> None:
    """A worker must not outlive its parent: an ingest killed with SIGKILL would otherwise leave
    its workers waiting for work for ever, each holding the pipeline's memory and the
    parent's output pipes."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def _run_chunk(chunk: list[Document | ReadError]) -> tuple[list[Article | ReadError], str, float]:
    assert _spec is not None, "worker not initialised"
    items = list(extract(chunk, verbatim=_spec.verbatim, nlp=_spec.load(), language=_spec.language))
    return items, f"worker {os.getpid()}", peak_memory_mb()


def extract_parallel(documents: Iterable[Document | ReadError], spec: PipelineSpec = PipelineSpec(), *,
                     workers: int | None = None, chunk_size: int = CHUNK,
                     on_memory: Callable[[str, float], None] | None = None) -> Iterator[Article | ReadError]:
    """`pipeline.extract` over `documents` on `workers` processes (all cores by default).

    The items come out in the order one process gives them. `on_memory(worker, peak_mb)` is
    called after each chunk with that worker's peak resident memory. An input that fits in
    one chunk is processed here: starting a worker costs more than it saves.
    """
    workers = workers or default_workers()
    stream = iter(documents)
    head = list(islice(stream, chunk_size + 1))
    if workers <= 1 or len(head) <= chunk_size:
        nlp = spec.load()
        yield from extract(chain(head, stream), verbatim=spec.verbatim, nlp=nlp, language=spec.language)
        if on_memory:
            on_memory("main", peak_memory_mb())
        return

    def chunks() -> Iterator[list[Document | ReadError]]:
        # A chunk is counted in documents: read errors ride along in their place, so that a file
        # of a million bad lines makes a few hundred tasks, not a quarter of a million.
        chunk: list[Document | ReadError] = []
        documents = 0
        for item in chain(head, stream):
            chunk.append(item)
            documents += isinstance(item, Document)
            if documents >= chunk_size or len(chunk) >= MAX_ITEMS_PER_CHUNK:
                yield chunk
                chunk, documents = [], 0
        if chunk:
            yield chunk

    # Where processes can be forked, the workers are forked from this process with the pipeline
    # already loaded: they share its memory and start at once, where loading it again takes
    # seconds per worker. They touch nothing else of the parent (no store, no console).
    # Elsewhere they are spawned and load it themselves.
    if "fork" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("fork")
        _start_worker(spec)
        # The loaded pipeline's objects are never collected: kept out of the collector's
        # reach, they stay shared, where its first pass in a worker would copy every page.
        gc.freeze()
    else:
        context = multiprocessing.get_context("spawn")
    in_flight: deque[Future] = deque()
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_child,
                             initargs=(spec, os.getpid())) as pool:
        try:
            todo = chunks()
            for chunk in todo:
                in_flight.append(pool.submit(_run_chunk, chunk) if any(isinstance(i, Document) for i in chunk)
                                 else _passed_through(chunk))
                if len(in_flight) >= workers * AHEAD:
                    yield from _collect(in_flight.popleft(), on_memory)
            while in_flight:
                yield from _collect(in_flight.popleft(), on_memory)
        finally:
            for future in in_flight:
                future.cancel()


def _passed_through(errors: list[Document | ReadError]) -> Future:
    """A chunk of read errors only: nothing for a worker to do, its result is the chunk itself."""
    done: Future = Future()
    done.set_result((errors, None, 0.0))
    return done


def _collect(future: Future, on_memory: Callable[[str, float], None] | None) -> list[Article | ReadError]:
    items, worker, peak = future.result()
    if on_memory and worker is not None:
        on_memory(worker, peak)
    return items
