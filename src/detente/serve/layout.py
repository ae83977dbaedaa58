"""The snapshot laid out for reading: indexes and per-actor tables built once per copy.

The snapshot is the server's own file, made fresh from the store after each change and
never written again, so it can hold what the pages would otherwise compute on every view.
An actor's profile asked the 100,000-row events table for every event with the actor on
either side (four OR-ed columns, which no index serves), grouped them by partner, and
grouped 400,000 entity rows joined to articles for its roles: 48 ms of CPU a profile on
10,000 articles. Here all of it is folded once into small tables keyed by actor code (an
ISO3 country or an actor id) and sorted by it, so a profile reads a few dozen rows
(13 ms, most of it Python; bench/serve.py). Quotes get the actor codes named inside them.

Nothing here is a second truth: every table is derived from the snapshot's own rows by
one statement, in the same transaction that makes the copy readable.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

# Point lookups the pages make (an article's rows, an event by key): ART indexes on the copy.
INDEXES = (("events", "event_key"), ("events", "article_key"), ("entities", "article_key"),
           ("quotes", "article_key"), ("figures", "article_key"), ("articles", "doc_key"))

# One row per event row and actor code on one of its sides: who the other side is, and the
# event's tone. A code is kept once per event row even when it is both the side's country
# and its id, as the profile's former OR-query counted it.
EVENT_SIDES = """
CREATE TABLE serve_event_sides AS
WITH sides AS (
    SELECT row_id, event_key, dataset, quad_class, coalesce(goldstein, plover_score) AS tone, 'out' AS direction,
           coalesce(target_country, target_id) AS partner, unnest(list_distinct([source_country, source_id])) AS code
    FROM events
    UNION ALL
    SELECT row_id, event_key, dataset, quad_class, coalesce(goldstein, plover_score), 'in',
           coalesce(source_country, source_id), unnest(list_distinct([target_country, target_id]))
    FROM events
)
-- An event row with the code on both sides counts as 'out', as the profile always read it.
SELECT code, row_id, any_value(event_key) AS event_key, any_value(dataset) AS dataset,
       any_value(quad_class) AS quad_class, any_value(tone) AS tone,
       arg_min(partner, direction = 'in') AS partner, min(direction = 'in') AS inbound
FROM sides WHERE code IS NOT NULL GROUP BY code, row_id ORDER BY code
"""

# An actor's names and roles as resolved on each date: a country's page groups by the
# entities' country, a person's or organisation's by their actor id.
ACTOR_ROLES = """
CREATE TABLE serve_actor_roles AS
WITH mentions AS (
    -- list_distinct: an entity whose actor id is its country code is one mention, not two.
    SELECT unnest(list_distinct([e.country, e.actor_id])) AS code, e.actor_name AS name, e.country, e.sector,
           e.org, a.published
    FROM entities e JOIN articles a USING (article_key)
)
SELECT code, name, country, sector, org, strftime(min(published), '%Y-%m-%d') AS first,
       strftime(max(published), '%Y-%m-%d') AS last, count(*) AS mentions
FROM mentions GROUP BY ALL ORDER BY code
"""

# Who each quote names: the actor codes of the entities inside its span. Asking "quotes
# about X" of the entities themselves is a range join per request (600 ms on 10,000
# articles); here it is done once, and a request joins on the quote's key.
QUOTE_CODES = """
CREATE TABLE serve_quote_codes AS
SELECT DISTINCT q.article_key, q.idx, unnest(list_distinct([n.country, n.actor_id])) AS code
FROM quotes q JOIN entities n ON n.article_key = q.article_key
     AND n.start_char >= q.start_char AND n.end_char <= q.end_char
ORDER BY code
"""

# Each actor's partners with the balance of cooperation and conflict, and its event count:
# the actor page's aggregates, counted once (a country's 36,000 event sides took 18 ms of
# CPU to group on every view of its page, bench/serve.py).
ACTOR_PARTNERS = """
CREATE TABLE serve_actor_partners AS
SELECT code, partner, count(DISTINCT event_key) AS events,
       count(DISTINCT event_key) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
       count(DISTINCT event_key) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
       round(avg(tone), 2) AS goldstein
FROM serve_event_sides WHERE partner IS NOT NULL AND partner <> code
GROUP BY code, partner ORDER BY code, events DESC, partner
"""
ACTOR_EVENTS = """
CREATE TABLE serve_actor_events AS
SELECT code, count(DISTINCT event_key) AS events FROM serve_event_sides GROUP BY code ORDER BY code
"""

QUOTE_CODES_TABLE = "serve_quote_codes"
# In the order they are built (the aggregates read the sides).
TABLES = {"serve_event_sides": EVENT_SIDES, "serve_actor_roles": ACTOR_ROLES, QUOTE_CODES_TABLE: QUOTE_CODES,
          "serve_actor_partners": ACTOR_PARTNERS, "serve_actor_events": ACTOR_EVENTS}
# The tables are sorted by code and have no index: DuckDB's zone maps find a code's rows, and
# an ART index scan, which fetches row by row, was slower for an actor with thousands of rows.


def lay_out(path: Path, threads: int) -> None:
    """Add the indexes and reading tables to the snapshot file at `path` (not yet served)."""
    con = duckdb.connect(str(path), config={"threads": threads})
    try:
        # No progress bar: building these tables takes seconds, and a server's output is for its address.
        con.execute("SET enable_progress_bar = false")
        present = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        con.execute("BEGIN")
        for table, column in INDEXES:
            if table in present:
                con.execute(f"CREATE INDEX IF NOT EXISTS snapshot_{table}_{column} ON {table} ({column})")
        if {"events", "entities", "articles", "quotes"} <= present:
            for table, sql in TABLES.items():
                con.execute(f"DROP TABLE IF EXISTS {table}")
                con.execute(sql)
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    finally:
        con.close()
