"""What `detente show` reports: a summary of a store, as plain data."""

from __future__ import annotations

from typing import Any

from detente.store.db import Store


def _records(store: Store, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cur = store.con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def summarize(store: Store, limit: int = 10) -> dict[str, Any]:
    """Counts, articles by source and date, articles by language (and how many were analysed),
    top actors, quotes, figures and events (with provenance)."""
    counts = {t: store.count(t) for t in ("documents", "articles", "entities", "quotes", "figures", "failures")}
    counts["events"] = store.con.execute(
        "SELECT count(DISTINCT event_key) FROM events WHERE dataset = 'detente'").fetchone()[0]
    counts["imported_events"] = store.con.execute(
        "SELECT count(*) FROM events WHERE dataset <> 'detente'").fetchone()[0]
    return {
        "counts": counts,
        "sources": _records(store, """
            SELECT coalesce(source, '(unknown)') AS source, count(*) AS articles,
                   CAST(min(published) AS DATE)::VARCHAR AS first, CAST(max(published) AS DATE)::VARCHAR AS last
            FROM articles GROUP BY 1 ORDER BY articles DESC, source LIMIT ?""", [limit]),
        # Articles stored before languages were identified (NULL) were all analysed.
        "languages": _records(store, """
            SELECT coalesce(language, '(not identified)') AS language, count(*) AS articles,
                   count(*) FILTER (WHERE analysed IS NOT false) AS analysed
            FROM articles GROUP BY 1 ORDER BY articles DESC, language"""),
        "articles": _records(store, """
            SELECT CAST(published AS DATE)::VARCHAR AS date, headline, n_entities AS ents,
                   n_quotes AS quotes, n_events AS events, n_figures AS figs
            FROM article_summary ORDER BY published DESC NULLS LAST, headline LIMIT ?""", [limit]),
        "actors": _records(store, """
            SELECT actor_name AS actor, country, sector, org, count(*) AS mentions,
                   count(DISTINCT article_key) AS articles
            FROM entities WHERE actor_id IS NOT NULL
            GROUP BY actor_id, actor_name, country, sector, org
            ORDER BY mentions DESC, actor LIMIT ?""", [limit]),
        "quotes": _records(store, """
            SELECT coalesce(actor_name, speaker_text) AS speaker, kind, text
            FROM quotes ORDER BY article_key, idx LIMIT ?""", [limit]),
        "figures": _records(store, """
            SELECT text, value, unit, kind, about FROM figures
            WHERE value IS NOT NULL ORDER BY article_key, idx LIMIT ?""", [limit]),
        "events": _records(store, """
            SELECT CAST(date AS VARCHAR) AS date, type, mode, string_agg(DISTINCT source_name, ', ') AS source,
                   string_agg(DISTINCT target_name, ', ') AS target, any_value(cameo) AS cameo,
                   any_value(goldstein) AS goldstein, bool_or(hypothetical) AS hypothetical,
                   bool_or(negated) AS negated, any_value(rule) AS rule,
                   any_value(trigger_text) AS trigger, any_value(sentence_text) AS sentence""" + _arguments(store) + """
            FROM events WHERE dataset = 'detente'
            GROUP BY event_key, date, type, mode ORDER BY date DESC NULLS LAST, event_key LIMIT ?""", [limit]),
    }


def _arguments(store: Store) -> str:
    """The words each side was read from ("Egypt's president -> Khartoum"); a store written
    before they were kept, opened read-only, has no such columns and shows none."""
    have = {r[0] for r in store.con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = 'events'").fetchall()}
    if not {"source_arguments", "target_arguments"} <= have:
        return ", NULL AS arguments"
    return """, any_value(array_to_string(list_transform(source_arguments, lambda s: s.text), '; ') || ' -> ' ||
                          array_to_string(list_transform(target_arguments, lambda s: s.text), '; ')) AS arguments"""
