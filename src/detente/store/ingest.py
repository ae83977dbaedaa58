"""Ingest: documents through the pipeline into the store, written in batches.

Documents already in the store (same content hash), or already met earlier in the same run
(the same file named twice, a folder given twice), are skipped before any NLP, which makes
re-ingesting idempotent and lets an interrupted run pick up where it stopped. Finished
documents are written in batches, each document still all-or-nothing (`Store.write_documents`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language

from detente.model import Article, Document, ReadError
from detente.pipeline import extract
from detente.store.db import Store, document_key
from detente.store.rows import StoredDocument

# Documents per write, and the longest a finished document waits for its batch (so that a
# slow stream still shows progress and an interruption loses little).
WRITE_BATCH = 64
WRITE_INTERVAL = 2.0

Extractor = Callable[[Iterable[Document | ReadError]], Iterator[Article | ReadError]]


@dataclass
class IngestReport:
    documents: int = 0  # newly stored
    skipped: int = 0  # already in the store
    articles: int = 0
    failures: list[ReadError] = field(default_factory=list)
    repeated: int = 0  # the same content met again in this run (same file or folder given twice)
    worker_memory_mb: dict[str, float] = field(default_factory=dict)  # peak resident memory per worker


def ingest_documents(
    documents: Iterable[Document | ReadError],
    store: Store,
    *,
    nlp: Language | None = None,
    on_document: Callable[[], None] | None = None,
    language: str | None = None,
    on_article: Callable[[Article], None] | None = None,
    extractor: Extractor | None = None,
    batch_size: int = WRITE_BATCH,
) -> IngestReport:
    """Process and store every new document; `on_document` is called once per input document,
    `on_article` once per article made. `language` (ISO 639-1) forces every article's language.

    `extractor` turns documents into articles and errors in input order (by default
    `pipeline.extract` with `nlp` and `language`; `detente.parallel` gives one that uses worker
    processes, built with the same language).
    """
    report = IngestReport()
    run = extractor or (lambda docs: extract(docs, nlp=nlp, language=language))
    # Every input document in reading order, until it is stored or has failed. The pipeline
    # keeps that order, so when an item of document X comes out, all documents before X
    # are complete (those that produced no article simply have none).
    pending: dict[tuple[str, str], tuple[Document, str] | None] = {}
    seen: set[str] = set()
    seen_errors: set[tuple[tuple[str, str], str]] = set()
    tick = on_document or (lambda: None)
    done: list[StoredDocument] = []
    failed: list[ReadError] = []
    last_write = time.monotonic()

    def fresh() -> Iterator[Document | ReadError]:
        for document in documents:
            ident = (document.doc_id, document.origin)
            if isinstance(document, Document):
                key = document_key(document)
                if key in seen:
                    report.repeated += 1
                    tick()
                    continue
                seen.add(key)
                if store.has_document(key):
                    report.skipped += 1
                    tick()
                    continue
                pending[ident] = (document, key)
            elif (ident, document.error) in seen_errors:
                continue  # the same unreadable file named twice: one failure
            else:
                seen_errors.add((ident, document.error))
                pending[ident] = None
            yield document

    def write(force: bool = False) -> None:
        nonlocal last_write
        if not force and len(done) + len(failed) < batch_size and time.monotonic() - last_write < WRITE_INTERVAL:
            return
        for item, exc in store.write_documents(done):
            done[:] = [d for d in done if d is not item]
            document = item.document
            failed.append(ReadError(document.doc_id, document.origin, f"could not be stored: {exc!r}"))
        store.record_failures(failed)
        for item in done:
            report.documents += 1
            report.articles += len(item.articles)
            tick()
        for failure in failed:
            report.failures.append(failure)
            tick()
        done.clear()
        failed.clear()
        last_write = time.monotonic()

    group: list[Article] = []

    def finish_before(ident: tuple[str, str] | None) -> None:
        while pending and (first := next(iter(pending))) != ident:
            entry = pending.pop(first)
            if entry is not None:
                document, key = entry
                done.append(StoredDocument(document, key, [a for a in group if (a.doc_id, a.origin) == first]))
        group[:] = [a for a in group if (a.doc_id, a.origin) == ident]

    try:
        for item in run(fresh()):
            ident = (item.doc_id, item.origin)
            if ident not in pending:
                continue  # the rest of a document that already failed
            finish_before(ident)
            if isinstance(item, ReadError):
                pending.pop(ident)
                group.clear()
                failed.append(item)
            else:
                group.append(item)
                if on_article:
                    on_article(item)
            write()
        finish_before(None)
    finally:
        # Whatever finished before an interruption is stored: the next run skips it.
        write(force=True)
    return report
