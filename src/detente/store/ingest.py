"""Ingest: documents through the pipeline into the store, one document transaction at a time.

Documents already in the store (same content hash) are skipped before any NLP, which makes
re-ingesting idempotent and lets an interrupted run pick up where it stopped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language

from detente.model import Article, Document, ReadError
from detente.pipeline import extract
from detente.store.db import Store, document_key


@dataclass
class IngestReport:
    documents: int = 0  # newly stored
    skipped: int = 0  # already in the store
    articles: int = 0
    failures: list[ReadError] = field(default_factory=list)


def ingest_documents(
    documents: Iterable[Document | ReadError],
    store: Store,
    *,
    nlp: Language | None = None,
    on_document: Callable[[], None] | None = None,
    language: str | None = None,
    on_article: Callable[[Article], None] | None = None,
) -> IngestReport:
    """Process and store every new document; `on_document` is called once per input document,
    `on_article` once per article made. `language` (ISO 639-1) forces every article's language."""
    report = IngestReport()
    # Every input document in reading order, until it is stored or has failed. The pipeline
    # keeps that order, so when an item of document X comes out, all documents before X
    # are complete (those that produced no article simply have none).
    pending: dict[tuple[str, str], tuple[Document, str] | None] = {}
    tick = on_document or (lambda: None)

    def fresh() -> Iterator[Document | ReadError]:
        for document in documents:
            ident = (document.doc_id, document.origin)
            if isinstance(document, Document):
                key = document_key(document)
                if store.has_document(key):
                    report.skipped += 1
                    tick()
                    continue
                pending[ident] = (document, key)
            else:
                pending[ident] = None
            yield document

    group: list[Article] = []

    def finish_before(ident: tuple[str, str] | None) -> None:
        while pending and (first := next(iter(pending))) != ident:
            entry = pending.pop(first)
            if entry is not None:
                document, key = entry
                articles = [a for a in group if (a.doc_id, a.origin) == first]
                store.write_document(document, key, articles)
                report.documents += 1
                report.articles += len(articles)
                tick()
        group[:] = [a for a in group if (a.doc_id, a.origin) == ident]

    for item in extract(fresh(), nlp=nlp, language=language):
        ident = (item.doc_id, item.origin)
        if ident not in pending:
            continue  # the rest of a document that already failed
        finish_before(ident)
        if isinstance(item, ReadError):
            pending.pop(ident)
            group.clear()
            store.record_failure(item)
            report.failures.append(item)
            tick()
        else:
            group.append(item)
            if on_article:
                on_article(item)
    finish_before(None)
    return report
