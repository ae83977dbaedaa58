"""Events and quotes read back from the store as contract-shaped records, filtered and paged.

The web API, the Your Places digest and the pages all list events and quotes the same way:
one record per coded event (its GDELT-style rows folded back together, so an event with
two targets is one record with two targets), with `ActorRef` sides and spans as in the
extraction contract, plus where it came from (article, headline, dataset).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from detente.store.db import Store

MAX_PAGE = 500


def _actor_struct(side: str) -> str:
    return (f"struct_pack(id := {side}_id, name := {side}_name, country := {side}_country, "
            f"sector := {side}_sector, org := {side}_org)")


@dataclass(slots=True)
class EventQuery:
    """Which events: every field narrows the list; `actors` are ISO3 codes or actor ids
    (an event matches when either side is one of them)."""

    actors: Sequence[str] = ()
    side: str | None = None                  # "source" or "target": the actors on that side only
    partners: Sequence[str] = ()             # ... and one of these on the other side (a dyad)
    type: str | None = None
    dataset: str | None = None               # a dataset's name, or "imported" for all but detente's
    start: dt.date | None = None
    end: dt.date | None = None
    article_key: str | None = None
    added_since: dt.datetime | None = None   # only from documents ingested after this instant
    params: list[Any] = field(default_factory=list)

    @staticmethod
    def _on(side: str) -> str:
        return f"(list_contains(?, e.{side}_country) OR list_contains(?, e.{side}_id))"

    def where(self) -> str:
        cond, p = [], self.params
        p.clear()
        if self.actors and self.partners:
            mine, theirs = list(self.actors), list(self.partners)
            cond.append(f"(({self._on('source')} AND {self._on('target')}) OR "
                        f"({self._on('target')} AND {self._on('source')}))")
            p.extend([mine, mine, theirs, theirs, mine, mine, theirs, theirs])
        elif self.actors:
            sides = [self.side] if self.side in ("source", "target") else ["source", "target"]
            cond.append("(" + " OR ".join(self._on(s) for s in sides) + ")")
            p.extend([list(self.actors)] * (2 * len(sides)))
        if self.dataset == "imported":
            cond.append("e.dataset <> 'detente'")
        dataset = None if self.dataset == "imported" else self.dataset
        for column, value in (("type", self.type), ("dataset", dataset), ("article_key", self.article_key)):
            if value is not None:
                cond.append(f"e.{column} = ?")
                p.append(value)
        if self.start is not None:
            cond.append("e.date >= ?")
            p.append(self.start)
        if self.end is not None:
            cond.append("e.date <= ?")
            p.append(self.end)
        if self.added_since is not None:
            cond.append("e.article_key IN (SELECT a.article_key FROM articles a JOIN documents d USING (doc_key) "
                        "WHERE d.ingested_at > ?)")
            p.append(self.added_since)
        return " AND ".join(cond) or "TRUE"


def event_records(store: Store, query: EventQuery, *, limit: int = 50, offset: int = 0) -> tuple[int, list[dict]]:
    """(number of matching events, one page of them newest first)."""
    where = query.where()
    params = list(query.params)
    con = store.con
    total = con.execute(f"SELECT count(DISTINCT event_key) FROM events e WHERE {where}", params).fetchone()[0]
    rows = con.execute(f"""
        WITH hit AS (
            SELECT event_key, max(date) AS date FROM events e WHERE {where} GROUP BY event_key
            ORDER BY date DESC NULLS LAST, event_key LIMIT ? OFFSET ?
        ), folded AS (
            SELECT e.event_key, any_value(e.dataset) AS dataset, min(e.date) AS date, any_value(e.type) AS type,
                   any_value(e.mode) AS mode, any_value(e.context) AS context, any_value(e.cameo) AS cameo,
                   any_value(e.quad_class) AS quad_class, avg(e.goldstein) AS goldstein,
                   avg(e.plover_score) AS plover_score,
                   list(DISTINCT {_actor_struct('source')}) FILTER (WHERE e.source_id IS NOT NULL OR e.source_country IS NOT NULL) AS source,
                   list(DISTINCT {_actor_struct('target')}) FILTER (WHERE e.target_id IS NOT NULL OR e.target_country IS NOT NULL) AS target,
                   any_value(e.location_name) AS location_name, any_value(e.location_country) AS location_country,
                   any_value(e.lat) AS lat, any_value(e.lon) AS lon,
                   bool_or(e.negated) AS negated, bool_or(e.hypothetical) AS hypothetical,
                   max(e.confidence) AS confidence, any_value(e.rule) AS rule, any_value(e.article_key) AS article_key,
                   any_value(e.sentence_start) AS sentence_start, any_value(e.sentence_end) AS sentence_end,
                   any_value(e.sentence_text) AS sentence_text, any_value(e.trigger_start) AS trigger_start,
                   any_value(e.trigger_end) AS trigger_end, any_value(e.trigger_text) AS trigger_text,
                   any_value(e.url) AS url, max(e.num_mentions) AS num_mentions
            FROM events e JOIN hit USING (event_key)
            GROUP BY e.event_key
        )
        SELECT f.*, a.headline, strftime(a.published, '%Y-%m-%dT%H:%M:%S') AS published
        FROM folded f LEFT JOIN articles a USING (article_key)
        ORDER BY f.date DESC NULLS LAST, f.event_key
    """, [*params, limit, offset])
    names = [d[0] for d in rows.description]
    return total, [_event(dict(zip(names, row))) for row in rows.fetchall()]


def _event(r: dict) -> dict:
    location = None
    if r["location_name"] or r["location_country"]:
        location = {"name": r["location_name"], "country": r["location_country"], "lat": r["lat"], "lon": r["lon"]}
    trigger = None
    if r["trigger_start"] is not None:
        trigger = {"start": r["trigger_start"], "end": r["trigger_end"], "text": r["trigger_text"]}
    sentence = None
    if r["sentence_start"] is not None:
        sentence = {"start": r["sentence_start"], "end": r["sentence_end"]}
    return {
        "event_key": r["event_key"], "dataset": r["dataset"],
        "type": r["type"], "mode": r["mode"], "context": list(r["context"] or []),
        "source": list(r["source"] or []), "target": list(r["target"] or []),
        "date": r["date"].isoformat() if r["date"] else None, "location": location,
        "sentence": sentence, "sentence_text": r["sentence_text"], "trigger": trigger,
        "negated": bool(r["negated"]), "hypothetical": bool(r["hypothetical"]),
        "cameo": r["cameo"], "quad_class": r["quad_class"], "goldstein": r["goldstein"],
        "plover_score": r["plover_score"], "confidence": r["confidence"], "rule": r["rule"],
        "mentions": r["num_mentions"],
        "article_key": r["article_key"], "headline": r["headline"], "published": r["published"], "url": r["url"],
    }


@dataclass(slots=True)
class QuoteQuery:
    """Which quotes: `actors` (ISO3 codes or ids) said them (`relation="by"`), are named in
    them (`"about"`), or either (`"any"`)."""

    actors: Sequence[str] = ()
    relation: str = "any"
    start: dt.date | None = None
    end: dt.date | None = None
    article_key: str | None = None
    added_since: dt.datetime | None = None
    params: list[Any] = field(default_factory=list)

    def _by(self) -> str:
        return "(list_contains(?, q.country) OR list_contains(?, q.actor_id))"

    def _about(self) -> str:
        return ("EXISTS (SELECT 1 FROM entities n WHERE n.article_key = q.article_key "
                "AND n.start_char >= q.start_char AND n.end_char <= q.end_char "
                "AND (list_contains(?, n.country) OR list_contains(?, n.actor_id)))")

    def where(self) -> str:
        cond, p = [], self.params
        p.clear()
        if self.actors:
            actors = list(self.actors)
            if self.relation == "by":
                cond.append(self._by())
                p.extend([actors] * 2)
            elif self.relation == "about":
                cond.append(self._about())
                p.extend([actors] * 2)
            else:
                cond.append(f"({self._by()} OR {self._about()})")
                p.extend([actors] * 4)
        if self.start is not None:
            cond.append("a.published >= ?")
            p.append(dt.datetime.combine(self.start, dt.time()))
        if self.end is not None:
            cond.append("a.published < ?")
            p.append(dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time()))
        if self.article_key is not None:
            cond.append("q.article_key = ?")
            p.append(self.article_key)
        if self.added_since is not None:
            cond.append("a.doc_key IN (SELECT doc_key FROM documents WHERE ingested_at > ?)")
            p.append(self.added_since)
        return " AND ".join(cond) or "TRUE"

    def by_marker(self) -> tuple[str, list[Any]]:
        """A column telling whether the quote is by one of the actors (else about them)."""
        if not self.actors:
            return "NULL", []
        return self._by(), [list(self.actors)] * 2


def quote_records(store: Store, query: QuoteQuery, *, limit: int = 50, offset: int = 0) -> tuple[int, list[dict]]:
    """(number of matching quotes, one page of them newest first), speakers resolved."""
    where = query.where()
    params = list(query.params)
    by_sql, by_params = query.by_marker()
    con = store.con
    base = f"FROM quotes q JOIN articles a USING (article_key) WHERE {where}"
    total = con.execute(f"SELECT count(*) {base}", params).fetchone()[0]
    cur = con.execute(f"""
        SELECT q.*, a.headline, strftime(a.published, '%Y-%m-%dT%H:%M:%S') AS published, a.url, {by_sql} AS is_by
        {base} ORDER BY a.published DESC NULLS LAST, q.article_key, q.idx LIMIT ? OFFSET ?
    """, [*by_params, *params, limit, offset])
    names = [d[0] for d in cur.description]
    return total, [_quote(dict(zip(names, row))) for row in cur.fetchall()]


def _quote(r: dict) -> dict:
    speaker = None
    if r["speaker_start"] is not None or r["actor_id"] is not None:
        actor = None
        if r["actor_id"] is not None or r["country"] is not None:
            actor = {"id": r["actor_id"], "name": r["actor_name"], "country": r["country"],
                     "sector": r["sector"], "org": r["org"]}
        speaker = {"start": r["speaker_start"], "end": r["speaker_end"], "text": r["speaker_text"], "actor": actor}
    cue = {"start": r["cue_start"], "end": r["cue_end"], "text": r["cue_text"]} if r["cue_start"] is not None else None
    relation = None if r["is_by"] is None else ("by" if r["is_by"] else "about")
    return {"article_key": r["article_key"], "idx": r["idx"], "start": r["start_char"], "end": r["end_char"],
            "text": r["text"], "kind": r["kind"], "speaker": speaker, "cue": cue, "relation": relation,
            "headline": r["headline"], "published": r["published"], "url": r["url"]}
