"""The embedded store: a DuckDB file holding what the stages made.

Writes are per document and transactional: a document's rows land together or not at all,
so an interrupted ingest leaves the store consistent and the next run picks up the
documents that are missing. Documents are keyed by the hash of their content, so
re-ingesting the same content adds nothing.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import duckdb

from detente.model import ActorRef, Article, Document, Event, ReadError, Span
from detente.store.schema import ARTICLE_TABLES, COLUMNS_ADDED, SCHEMA_VERSION, TABLES, VIEWS

DEFAULT_DB = "detente.duckdb"


class StoreError(Exception):
    """The store cannot be opened or written (wrong file, newer schema, locked)."""


def document_key(document: Document) -> str:
    """The identity of a document: its content (and format), not its path."""
    digest = hashlib.sha256()
    digest.update(document.format.encode())
    digest.update(b"\0")
    digest.update(document.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


class Store:
    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc
        if not read_only:
            self._create()
        self._check_version()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def _create(self) -> None:
        for ddl in TABLES.values():
            self.con.execute(ddl)
        for ddl in COLUMNS_ADDED:
            self.con.execute(ddl)
        for ddl in VIEWS.values():
            self.con.execute(ddl)
        self.con.execute(
            "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT DO NOTHING", [str(SCHEMA_VERSION)]
        )

    def _check_version(self) -> None:
        try:
            row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except duckdb.CatalogException as exc:
            raise StoreError(f"{self.path} is not a detente store (run `detente ingest` to create one)") from exc
        if row and int(row[0]) > SCHEMA_VERSION:
            raise StoreError(f"{self.path} was written by a newer detente (schema {row[0]}); upgrade detente")

    # -- reading -------------------------------------------------------------------------

    def has_document(self, doc_key: str) -> bool:
        return self.con.execute("SELECT 1 FROM documents WHERE doc_key = ?", [doc_key]).fetchone() is not None

    def count(self, table: str) -> int:
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}")
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self.con.execute(sql, list(params)).fetchall()

    # -- writing -------------------------------------------------------------------------

    def write_document(self, document: Document, doc_key: str, articles: Sequence[Article]) -> None:
        """Store one document with all its articles and their annotations, atomically."""
        con = self.con
        con.begin()
        try:
            keys = [f"{doc_key}:{i}" for i in range(len(articles))]
            # A half-written document cannot exist (transactions), but the same content can
            # arrive twice in one run under two paths: the second write replaces the first.
            self._delete_document(doc_key)
            con.execute(
                "INSERT INTO documents (doc_key, doc_id, origin, format, source, url, published, title,"
                " n_chars, n_articles) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [doc_key, document.doc_id, document.origin, document.format, document.source, document.url,
                 document.published, document.title, len(document.text), len(articles)],
            )
            for position, (key, article) in enumerate(zip(keys, articles)):
                self._write_article(key, doc_key, position, article)
            con.commit()
        except Exception:
            con.rollback()
            raise

    def record_failure(self, failure: ReadError) -> None:
        self.con.execute("INSERT INTO failures (doc_id, origin, error) VALUES (?, ?, ?)",
                         [failure.doc_id, failure.origin, failure.error])

    def _delete_document(self, doc_key: str) -> None:
        pattern = f"{doc_key}:%"
        for table in ARTICLE_TABLES:
            self.con.execute(f"DELETE FROM {table} WHERE article_key LIKE ?", [pattern])
        self.con.execute("DELETE FROM articles WHERE doc_key = ?", [doc_key])
        self.con.execute("DELETE FROM documents WHERE doc_key = ?", [doc_key])

    def _write_article(self, key: str, doc_key: str, position: int, a: Article) -> None:
        con = self.con
        con.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [key, doc_key, a.article_id, position, a.origin, a.source, a.url, a.published,
             a.headline, a.dek, list(a.credits), a.text, a.language, a.analysed],
        )
        if a.entities:
            con.executemany(
                "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [[key, i, e.start, e.end, e.text, e.label, *_actor_columns(e.actor)]
                 for i, e in enumerate(a.entities)],
            )
        if a.quotes:
            con.executemany(
                "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [[key, i, q.start, q.end, q.text, q.kind,
                  *_span_columns(q.speaker), *_actor_columns(q.speaker.actor if q.speaker else None),
                  *_span_columns(q.cue)]
                 for i, q in enumerate(a.quotes)],
            )
        if a.figures:
            con.executemany(
                "INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [[key, i, f.start, f.end, f.text, f.value, f.unit, f.kind, f.about]
                 for i, f in enumerate(a.figures)],
            )
        rows = [row for i, ev in enumerate(a.events) for row in event_rows(key, i, a, ev)]
        if rows:
            columns = ", ".join(EVENT_COLUMNS)
            marks = ", ".join("?" for _ in EVENT_COLUMNS)
            con.executemany(f"INSERT INTO events ({columns}) VALUES ({marks})", rows)


def _span_columns(span: Span | None) -> tuple:
    return (span.start, span.end, span.text) if span else (None, None, None)


def _actor_columns(actor: ActorRef | None) -> tuple:
    if actor is None:
        return (None, None, None, None, None)
    return (actor.id, actor.name, actor.country, actor.sector, actor.org)


EVENT_COLUMNS = (
    "row_id", "event_key", "dataset", "article_key", "date", "published", "type", "mode", "context",
    "cameo", "quad_class", "goldstein", "plover_score",
    "source_id", "source_name", "source_country", "source_sector", "source_org",
    "target_id", "target_name", "target_country", "target_sector", "target_org",
    "location_name", "location_country", "lat", "lon",
    "negated", "hypothetical", "confidence", "rule",
    "sentence_start", "sentence_end", "sentence_text", "trigger_start", "trigger_end", "trigger_text", "url",
    "source_arguments", "target_arguments",
)


def dyads(event: Event) -> list[tuple[ActorRef | None, ActorRef | None]]:
    """The (source, target) pairs an event stands for, as GDELT rows do.

    "American and Russian officials agreed" has two sources and no target: the event is
    between them, so it is one row per pair of sources.
    """
    if not event.target and len(event.source) > 1:
        return list(itertools.combinations(event.source, 2))
    return list(itertools.product(event.source or [None], event.target or [None]))


def event_rows(article_key: str, index: int, article: Article, event: Event) -> Iterable[list]:
    event_key = f"{article_key}:e{index}"
    sentence = article.text[event.sentence.start:event.sentence.end]
    loc = event.location
    # Like GDELT, an event whose text gives no date is dated by its report.
    date = event.date or (article.published.date().isoformat() if article.published else None)
    for n, (source, target) in enumerate(dyads(event)):
        yield [
            f"{event_key}:{n}", event_key, "detente", article_key, date, article.published,
            event.type, event.mode, list(event.context),
            event.cameo, event.quad_class, event.goldstein, event.plover_score,
            *_actor_columns(source), *_actor_columns(target),
            loc.name if loc else None, loc.country if loc else None,
            loc.lat if loc else None, loc.lon if loc else None,
            event.negated, event.hypothetical, event.confidence, event.rule,
            event.sentence.start, event.sentence.end, sentence,
            event.trigger.start, event.trigger.end, event.trigger.text, article.url,
            _spans(event.arguments.source), _spans(event.arguments.target),
        ]


def _spans(spans: list) -> list[dict]:
    return [{"start": s.start, "end": s.end, "text": s.text} for s in spans]
