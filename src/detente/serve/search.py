"""Full-text search over headlines and texts: an SQLite FTS5 index kept beside the snapshot.

DuckDB's own full-text extension is not bundled with the wheel and is fetched from the
network on first use, which detente never does; SQLite's FTS5 ships inside Python, is a
real inverted index with BM25 ranking, a Porter stemmer and highlighted snippets, and
answers a query over 10,000 articles in milliseconds. The index is a cache the server
builds from the store (never a second source of truth): it is brought up to date with each
new snapshot by adding the articles it lacks and dropping those gone from the store.

Filters (source, dates, actor, event type) are kept in the same SQLite file, so one query
ranks, filters, counts and pages without a round trip per hit.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from detente.errors import DetenteError
from detente.store.db import Store

# Snippet highlight markers: control characters never found in clean text, replaced by
# <mark> only after the snippet is HTML-escaped.
HIT_START, HIT_END = "\x02", "\x03"
SNIPPET_TOKENS = 24
BATCH = 500

_SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(headline, text, tokenize = 'porter unicode61 remove_diacritics 2');
CREATE TABLE IF NOT EXISTS docs (rowid INTEGER PRIMARY KEY, article_key TEXT UNIQUE NOT NULL,
                                 source TEXT, published TEXT);
CREATE TABLE IF NOT EXISTS facets (rowid INTEGER NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS facets_by_value ON facets (kind, value, rowid);
CREATE INDEX IF NOT EXISTS docs_by_published ON docs (published);
"""

# What an article can be filtered by: the actors (ids and countries) it mentions or whose
# events it reports, and the types of its events.
_FACETS_SQL = """
    SELECT article_key, 'actor' AS kind, actor_id AS value FROM entities WHERE actor_id IS NOT NULL AND article_key IN ({keys})
    UNION SELECT article_key, 'actor', country FROM entities WHERE country IS NOT NULL AND article_key IN ({keys})
    UNION SELECT article_key, 'actor', source_id FROM events WHERE source_id IS NOT NULL AND article_key IN ({keys})
    UNION SELECT article_key, 'actor', target_id FROM events WHERE target_id IS NOT NULL AND article_key IN ({keys})
    UNION SELECT article_key, 'actor', source_country FROM events WHERE source_country IS NOT NULL AND article_key IN ({keys})
    UNION SELECT article_key, 'actor', target_country FROM events WHERE target_country IS NOT NULL AND article_key IN ({keys})
    UNION SELECT article_key, 'type', type FROM events WHERE type IS NOT NULL AND article_key IN ({keys})
"""


class SearchError(DetenteError, ValueError):
    """The query cannot be run as given (nothing searchable in it)."""


@dataclass(slots=True)
class Hit:
    article_key: str
    headline: str | None
    source: str | None
    published: str | None
    snippet: str          # plain text with HIT_START/HIT_END around matched words
    headline_marked: str  # the headline, same markers


@dataclass(slots=True)
class SearchResult:
    total: int
    hits: list[Hit]


_TERM = re.compile(r'"([^"]*)"|(\S+)')


def fts_query(words: str) -> str:
    """User words -> an FTS5 query: every word or "quoted phrase" must occur; a trailing *
    searches a prefix. FTS5 operators typed by the user are taken as words, so no input
    can be a syntax error."""
    parts = []
    for phrase, word in _TERM.findall(words):
        text = phrase if phrase else word
        prefix = not phrase and text.endswith("*") and len(text) > 1
        text = text.rstrip("*") if prefix else text
        tokens = re.findall(r"\w+", text)
        if not tokens:
            continue
        parts.append('"' + " ".join(tokens) + '"' + ("*" if prefix else ""))
    if not parts:
        raise SearchError(f"nothing to search for in {words!r}")
    return " ".join(parts)


class SearchIndex:
    """The FTS5 index of one server. Built from store views; read by many threads."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._write_lock = threading.Lock()
        self._local = threading.local()
        con = sqlite3.connect(self.path)
        con.execute("PRAGMA journal_mode = WAL")
        con.executescript(_SCHEMA)
        con.commit()
        con.close()

    def _reader(self) -> sqlite3.Connection:
        # One connection per thread: sqlite3 connections are not shared across threads.
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=True)
            self._local.con = con
        return con

    def sync(self, store: Store) -> tuple[int, int]:
        """Add the store's articles missing from the index and drop those gone; returns
        (added, removed)."""
        with self._write_lock:
            con = sqlite3.connect(self.path)
            try:
                return self._sync(store, con)
            finally:
                con.close()

    def _sync(self, store: Store, con: sqlite3.Connection) -> tuple[int, int]:
        indexed = {k for (k,) in con.execute("SELECT article_key FROM docs")}
        present = {k for (k,) in store.con.execute("SELECT article_key FROM articles").fetchall()}
        gone = indexed - present
        new = sorted(present - indexed)
        with con:
            for key in gone:
                row = con.execute("SELECT rowid FROM docs WHERE article_key = ?", [key]).fetchone()
                con.execute("DELETE FROM fts WHERE rowid = ?", [row[0]])
                con.execute("DELETE FROM facets WHERE rowid = ?", [row[0]])
                con.execute("DELETE FROM docs WHERE rowid = ?", [row[0]])
            for i in range(0, len(new), BATCH):
                self._add(store, con, new[i:i + BATCH])
        return len(new), len(gone)

    def _add(self, store: Store, con: sqlite3.Connection, keys: list[str]) -> None:
        marks = ", ".join("?" for _ in keys)
        rows = store.con.execute(
            f"SELECT article_key, source, strftime(published, '%Y-%m-%dT%H:%M:%S'), headline, text "
            f"FROM articles WHERE article_key IN ({marks})", keys).fetchall()
        rowids: dict[str, int] = {}
        for key, source, published, headline, text in rows:
            cur = con.execute("INSERT INTO docs (article_key, source, published) VALUES (?, ?, ?)",
                              [key, source, published])
            rowids[key] = cur.lastrowid
            con.execute("INSERT INTO fts (rowid, headline, text) VALUES (?, ?, ?)",
                        [cur.lastrowid, headline or "", text or ""])
        facets = store.con.execute(_FACETS_SQL.format(keys=marks), keys * 7).fetchall()
        con.executemany("INSERT INTO facets (rowid, kind, value) VALUES (?, ?, ?)",
                        [(rowids[k], kind, value) for k, kind, value in facets if k in rowids])

    def search(self, words: str | None, *, source: str | None = None, start: dt.date | None = None,
               end: dt.date | None = None, actor: str | None = None, event_type: str | None = None,
               limit: int = 20, offset: int = 0) -> SearchResult:
        """Articles matching `words` (best first) and every filter given; with no words,
        the filtered articles, newest first."""
        where, params = [], []
        if source:
            where.append("d.source = ?")
            params.append(source)
        if start:
            where.append("d.published >= ?")
            params.append(start.isoformat())
        if end:
            where.append("d.published < ?")
            params.append((end + dt.timedelta(days=1)).isoformat())
        for kind, value in (("actor", actor), ("type", event_type)):
            if value:
                where.append("d.rowid IN (SELECT rowid FROM facets WHERE kind = ? AND value = ?)")
                params.extend([kind, value])
        con = self._reader()
        if words and words.strip():
            match = fts_query(words)
            cond = " AND ".join(["fts MATCH ?", *where])
            base = f"FROM fts JOIN docs d ON d.rowid = fts.rowid WHERE {cond}"
            total = con.execute(f"SELECT count(*) {base}", [match, *params]).fetchone()[0]
            rows = con.execute(
                f"SELECT d.article_key, d.source, d.published, "
                f"highlight(fts, 0, ?, ?), snippet(fts, 1, ?, ?, '…', {SNIPPET_TOKENS}) "
                f"{base} ORDER BY bm25(fts, 5.0, 1.0) LIMIT ? OFFSET ?",
                [HIT_START, HIT_END, HIT_START, HIT_END, match, *params, limit, offset]).fetchall()
        else:
            cond = " AND ".join(where) or "1"
            base = f"FROM docs d JOIN fts ON fts.rowid = d.rowid WHERE {cond}"
            total = con.execute(f"SELECT count(*) FROM docs d WHERE {cond}", params).fetchone()[0]
            rows = con.execute(
                f"SELECT d.article_key, d.source, d.published, fts.headline, substr(fts.text, 1, 200) "
                f"{base} ORDER BY d.published DESC, d.article_key LIMIT ? OFFSET ?",
                [*params, limit, offset]).fetchall()
        hits = [Hit(key, _plain(head), source, published, snippet, head or "")
                for key, source, published, head, snippet in rows]
        return SearchResult(total, hits)


def _plain(marked: str | None) -> str | None:
    return None if marked is None else marked.replace(HIT_START, "").replace(HIT_END, "")
