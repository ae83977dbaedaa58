"""The embedded store: a DuckDB file holding what the stages made.

Writes are batched and transactional: a document's rows land together or not at all,
so an interrupted ingest leaves the store consistent and the next run picks up the
documents that are missing. Documents are keyed by the hash of their content, so
re-ingesting the same content adds nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from detente.errors import DetenteError
from detente.ingest.normalize import content_key
from detente.model import Article, Document, ReadError
from detente.store.rows import StoredDocument, document_tables, failure_table
from detente.store.schema import (
    ARTICLE_TABLES,
    COLUMNS_ADDED,
    DERIVED_COLUMNS,
    SCHEMA_VERSION,
    TABLES,
    VIEWS,
    insert_select,
)

DEFAULT_DB = "detente.duckdb"


class StoreError(DetenteError):
    """The store cannot be opened or written (wrong file, newer schema, locked)."""


def document_key(document: Document) -> str:
    """The identity of a document: its content (and format) after normalisation, not its path,
    its encoding, its line endings or its trailing white space."""
    return content_key(document.format, document.text)


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
        self._add_derived_columns()
        for ddl in VIEWS.values():
            self.con.execute(ddl)
        self.con.execute(
            "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT DO NOTHING", [str(SCHEMA_VERSION)]
        )

    def _add_derived_columns(self) -> None:
        """A store made before a derived column existed gains it, computed for every row it
        holds, in one transaction: a half-filled key would hide rows from the queries it prunes."""
        for table, derived in DERIVED_COLUMNS.items():
            present = {r[0] for r in self.con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' "
                "AND table_name = ?", [table]).fetchall()}
            for column, (kind, expr) in derived.items():
                if column in present:
                    continue
                self.con.begin()
                try:
                    self.con.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
                    self.con.execute(f"UPDATE {table} SET {column} = {expr}")
                    self.con.commit()
                except Exception:
                    self.con.rollback()
                    raise

    def _check_version(self) -> None:
        try:
            rows = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
            row = rows[0] if rows else None
        except duckdb.CatalogException as exc:
            raise StoreError(f"{self.path} is not a detente store (run `detente ingest` to create one)") from exc
        if row and int(row[0]) > SCHEMA_VERSION:
            raise StoreError(f"{self.path} was written by a newer detente (schema {row[0]}); upgrade detente")

    # -- reading -------------------------------------------------------------------------

    def has_document(self, doc_key: str) -> bool:
        # fetchall, not fetchone: a result left unfinished blocks registering Arrow batches.
        return bool(self.con.execute("SELECT 1 FROM documents WHERE doc_key = ?", [doc_key]).fetchall())

    def count(self, table: str) -> int:
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}")
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self.con.execute(sql, list(params)).fetchall()

    # -- writing -------------------------------------------------------------------------

    def write_document(self, document: Document, doc_key: str, articles: Sequence[Article]) -> None:
        """Store one document with all its articles and their annotations, atomically."""
        self._write_batch([StoredDocument(document, doc_key, list(articles))])

    def write_documents(self, batch: Sequence[StoredDocument]) -> list[tuple[StoredDocument, Exception]]:
        """Store a batch of documents, each with all its articles and annotations; returns
        the documents that could not be stored, with the reason (the others are stored).

        The batch is appended one Arrow table per store table, in one transaction: row-by-row
        inserts cost more than the analysis itself. Should the batch fail, each document is
        written on its own, so a bad one fails alone and every document stays all-or-nothing.
        """
        if not batch:
            return []
        try:
            self._write_batch(batch)
            return []
        except Exception as exc:  # noqa: BLE001 - any bad value in one document; retried one by one
            if len(batch) == 1:
                return [(batch[0], exc)]
        failed = []
        for item in batch:
            try:
                self._write_batch([item])
            except Exception as exc:  # noqa: BLE001
                failed.append((item, exc))
        return failed

    def _write_batch(self, batch: Sequence[StoredDocument]) -> None:
        con = self.con
        # The same content twice in one batch is one document: the first copy is kept.
        unique: dict[str, StoredDocument] = {}
        for item in batch:
            unique.setdefault(item.key, item)
        con.begin()
        try:
            # A half-written document cannot exist (transactions), but a document can be
            # written again on purpose: the new rows replace the old ones.
            self._delete_documents(list(unique))
            self.append_tables(document_tables(list(unique.values())))
            con.commit()
        except Exception:
            con.rollback()
            raise

    def append_tables(self, tables: dict[str, pa.Table]) -> None:
        """INSERT each Arrow table into the store table of its name (columns by name)."""
        for name, table in tables.items():
            if table.num_rows == 0:
                continue
            view = f"_append_{name}"
            self.con.register(view, table)
            try:
                columns, select = insert_select(name, table.column_names)
                self.con.execute(f"INSERT INTO {name} ({columns}) SELECT {select} FROM {view}")
            finally:
                self.con.unregister(view)

    def record_failure(self, failure: ReadError) -> None:
        self.record_failures([failure])

    def record_failures(self, failures: Sequence[ReadError]) -> None:
        """Keep failures apart; the same failure seen again (a re-run) is not added twice."""
        if not failures:
            return
        self.con.register("_new_failures", failure_table(failures))
        try:
            self.con.execute("""
                INSERT INTO failures (doc_id, origin, error)
                SELECT DISTINCT n.doc_id, n.origin, n.error FROM _new_failures n
                WHERE NOT EXISTS (SELECT 1 FROM failures f WHERE f.doc_id IS NOT DISTINCT FROM n.doc_id
                                  AND f.origin IS NOT DISTINCT FROM n.origin AND f.error = n.error)""")
        finally:
            self.con.unregister("_new_failures")

    def _delete_documents(self, doc_keys: list[str]) -> None:
        present = [r[0] for r in self.con.execute(
            "SELECT doc_key FROM documents WHERE doc_key IN (SELECT unnest(?::VARCHAR[]))", [doc_keys]).fetchall()]
        if not present:
            return  # the usual case: nothing to replace, and no table needs scanning
        articles = "(SELECT article_key FROM articles WHERE doc_key IN (SELECT unnest(?::VARCHAR[])))"
        for table in ARTICLE_TABLES:
            self.con.execute(f"DELETE FROM {table} WHERE article_key IN {articles}", [present])
        self.con.execute("DELETE FROM articles WHERE doc_key IN (SELECT unnest(?::VARCHAR[]))", [present])
        self.con.execute("DELETE FROM documents WHERE doc_key IN (SELECT unnest(?::VARCHAR[]))", [present])
