"""What the pages and the API read from a store view that the analysis modules do not:
the store's overview, articles in the contract's shape, actors and their profiles.

Every query is parameterised; identifiers come from the schema, never from a request.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from detente.analysis.records import EventQuery, QuoteQuery, event_records, quote_records
from detente.errors import DetenteError
from detente.store.db import Store


class NotFound(DetenteError, LookupError):
    """The thing asked for is not in the store (an unknown article key or actor)."""


def _records(store: Store, sql: str, params: list[Any] | dict | None = None) -> list[dict]:
    cur = store.con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def overview(store: Store) -> dict:
    """Counts, sources with their date ranges, and the store's first and last dates."""
    counts = store.con.execute("""
        SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM documents),
               (SELECT count(DISTINCT event_key) FROM events WHERE dataset = 'detente'),
               (SELECT count(*) FROM events WHERE dataset <> 'detente'),
               (SELECT count(*) FROM quotes), (SELECT count(DISTINCT actor_id) FROM entities),
               (SELECT strftime(min(published), '%Y-%m-%d') FROM articles),
               (SELECT strftime(max(published), '%Y-%m-%d') FROM articles),
               (SELECT strftime(max(ingested_at), '%Y-%m-%dT%H:%M:%S') FROM documents)
    """).fetchone()
    names = ("articles", "documents", "events", "imported_events", "quotes", "actors", "first", "last", "ingested")
    out = dict(zip(names, counts))
    out["sources"] = _records(store, """
        SELECT coalesce(source, '(unknown)') AS source, count(*) AS articles,
               strftime(min(published), '%Y-%m-%d') AS first, strftime(max(published), '%Y-%m-%d') AS last
        FROM articles GROUP BY 1 ORDER BY articles DESC, source""")
    out["datasets"] = _records(store, """
        SELECT dataset, count(DISTINCT event_key) AS events, min(date)::VARCHAR AS first, max(date)::VARCHAR AS last
        FROM events GROUP BY dataset ORDER BY dataset""")
    return out


def article_list(store: Store, *, source: str | None = None, start: dt.date | None = None,
                 end: dt.date | None = None, limit: int = 20, offset: int = 0) -> tuple[int, list[dict]]:
    cond, params = [], []
    if source:
        cond.append("a.source = ?")
        params.append(source)
    if start:
        cond.append("a.published >= ?")
        params.append(dt.datetime.combine(start, dt.time()))
    if end:
        cond.append("a.published < ?")
        params.append(dt.datetime.combine(end + dt.timedelta(days=1), dt.time()))
    where = " AND ".join(cond) or "TRUE"
    total = store.con.execute(f"SELECT count(*) FROM articles a WHERE {where}", params).fetchone()[0]
    rows = _records(store, f"""
        SELECT a.article_key, a.article_id, a.source, strftime(a.published, '%Y-%m-%dT%H:%M:%S') AS published,
               a.headline, a.dek, a.url
        FROM articles a WHERE {where}
        ORDER BY a.published DESC NULLS LAST, a.article_key LIMIT ? OFFSET ?""", [*params, limit, offset])
    return total, rows


def _actor(row: dict, prefix: str = "") -> dict | None:
    if row.get(f"{prefix}actor_id") is None and row.get(f"{prefix}country") is None:
        return None
    return {k: row.get(f"{prefix}{c}") for k, c in
            (("id", "actor_id"), ("name", "actor_name"), ("country", "country"), ("sector", "sector"), ("org", "org"))}


def article(store: Store, key: str) -> dict:
    """One article in the extraction contract's shape (plus its store key)."""
    rows = _records(store, """
        SELECT a.article_key, a.article_id, d.doc_id, a.origin, a.source, a.url,
               strftime(a.published, '%Y-%m-%dT%H:%M:%S') AS published, a.headline, a.dek, a.credits, a.text
        FROM articles a JOIN documents d USING (doc_key) WHERE a.article_key = ?""", [key])
    if not rows:
        raise NotFound(f"no article {key!r} in the store")
    out = rows[0]
    out["credits"] = list(out["credits"] or [])
    out["entities"] = [
        {"start": r["start_char"], "end": r["end_char"], "text": r["text"], "label": r["label"], "actor": _actor(r)}
        for r in _records(store, "SELECT * FROM entities WHERE article_key = ? ORDER BY idx", [key])]
    _, quotes = quote_records(store, QuoteQuery(article_key=key), limit=10_000)
    out["quotes"] = sorted(quotes, key=lambda q: q["idx"])
    _, events = event_records(store, EventQuery(article_key=key), limit=10_000)
    out["events"] = sorted(events, key=lambda e: (e["trigger"] or {}).get("start", 0))
    out["figures"] = [
        {"start": r["start_char"], "end": r["end_char"], "text": r["text"], "value": r["value"], "unit": r["unit"],
         "kind": r["kind"], "about": r["about"]}
        for r in _records(store, "SELECT * FROM figures WHERE article_key = ? ORDER BY idx", [key])]
    return out


def actor_list(store: Store, *, q: str | None = None, limit: int = 50, offset: int = 0) -> tuple[int, list[dict]]:
    """Resolved actors by how often they are mentioned; `q` filters on name or id."""
    cond, params = "actor_id IS NOT NULL", []
    if q:
        cond += " AND (actor_name ILIKE ? OR actor_id ILIKE ?)"
        params += [f"%{q}%"] * 2
    total = store.con.execute(f"SELECT count(DISTINCT actor_id) FROM entities WHERE {cond}", params).fetchone()[0]
    rows = _records(store, f"""
        SELECT actor_id AS id, any_value(actor_name) AS name, mode(country) AS country, mode(sector) AS sector,
               count(*) AS mentions, count(DISTINCT article_key) AS articles
        FROM entities WHERE {cond} GROUP BY actor_id ORDER BY mentions DESC, id LIMIT ? OFFSET ?""",
        [*params, limit, offset])
    return total, rows


def is_country(code: str) -> bool:
    return len(code) == 3 and code.isalpha() and code.isupper()


def actor_profile(store: Store, actor: str, *, partners: int = 10) -> dict:
    """Who `actor` is (an actor id, or an ISO3 code for a whole country): names, roles as
    resolved on each date, mention counts, and its main partners with the balance of
    cooperation and conflict in the events between them."""
    # Read from the snapshot's per-actor tables (serve/layout.py), sorted and indexed by code.
    roles = _records(store, """
        SELECT name, country, sector, org, first, last, mentions FROM serve_actor_roles
        WHERE code = ? ORDER BY first NULLS LAST, mentions DESC, name, sector NULLS FIRST, org NULLS FIRST
        LIMIT 50""", [actor])
    row = store.con.execute("SELECT events FROM serve_actor_events WHERE code = ?", [actor]).fetchone()
    in_events = row[0] if row else 0
    if not roles and not in_events:
        raise NotFound(f"unknown actor {actor!r}: not mentioned in any article nor a side of any event")
    if is_country(actor):
        from detente.datasets.countries import iso3_to_names

        name = iso3_to_names([actor]).get(actor) or actor
    else:
        name = roles[0]["name"] if roles else actor
    # The other side of each event the actor is on, and how the two get on.
    partner_rows = _records(store, """
        SELECT partner, events, cooperation, conflict, goldstein FROM serve_actor_partners
        WHERE code = ? ORDER BY events DESC, partner LIMIT ?""", [actor, partners])
    return {"id": actor, "kind": "country" if is_country(actor) else "actor", "name": name,
            "roles": roles, "events": in_events, "partners": partner_rows}
