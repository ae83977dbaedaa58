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


_EVENT_COLUMNS = ("event_key", "dataset", "date", "type", "mode", "context", "cameo", "quad_class", "goldstein",
                  "plover_score", "source_id", "source_name", "source_country", "source_sector", "source_org",
                  "target_id", "target_name", "target_country", "target_sector", "target_org", "location_name",
                  "location_country", "lat", "lon", "negated", "hypothetical", "confidence", "rule", "article_key",
                  "sentence_start", "sentence_end", "sentence_text", "trigger_start", "trigger_end", "trigger_text",
                  "url", "num_mentions")


def event_records(store: Store, query: EventQuery, *, limit: int = 50, offset: int = 0) -> tuple[int, list[dict]]:
    """(number of matching events, one page of them newest first).

    SQL finds and pages the events; the few rows of one page are folded back into events
    here (a fold in SQL over list aggregates cost more than the scan that found them)."""
    where = query.where()
    params = list(query.params)
    con = store.con
    columns = ", ".join(f"e.{c}" for c in _EVENT_COLUMNS)
    if query.article_key is not None and not query.actors:
        # One article's events are a few rows: fetch them all at once and page here.
        rows = con.execute(f"SELECT {columns} FROM events e WHERE {where} ORDER BY e.row_id", params).fetchall()
        records = _folded(rows)
        return len(records), _with_headlines(con, records[offset:offset + limit])
    keys = [k for (k,) in con.execute(
        f"SELECT event_key FROM events e WHERE {where} GROUP BY event_key "
        f"ORDER BY max(date) DESC NULLS LAST, event_key LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()]
    if offset == 0 and len(keys) < limit:
        total = len(keys)      # the whole list fits in this page: no need to count
    else:
        total = con.execute(f"SELECT count(DISTINCT event_key) FROM events e WHERE {where}", params).fetchone()[0]
    if not keys:
        return total, []
    # All rows of the page's events: with an actor filter, the other sides of a matched
    # event (a second target, say) do not match it but belong to the record; without one,
    # every row of a matching event matches too, and the filter narrows the scan.
    scope = "TRUE" if query.actors else where
    rows = con.execute(f"SELECT {columns} FROM events e WHERE {scope} AND list_contains(?, e.event_key) "
                       f"ORDER BY e.row_id", [*([] if query.actors else params), keys]).fetchall()
    return total, _with_headlines(con, _folded(rows))


def _folded(rows: list[tuple]) -> list[dict]:
    """Event rows -> one record per event, newest first, undated last (as the SQL pages)."""
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        r = dict(zip(_EVENT_COLUMNS, row))
        grouped.setdefault(r["event_key"], []).append(r)
    records = [_fold(rs) for rs in grouped.values()]
    records.sort(key=lambda r: r["event_key"])
    records.sort(key=lambda r: r["date"] or "", reverse=True)     # stable: keys stay ascending
    records.sort(key=lambda r: r["date"] is None)
    return records


def _with_headlines(con, records: list[dict]) -> list[dict]:
    # Headlines in a second, small query: joining the articles table into the fold would
    # scan it whole for a page of twenty events.
    article_keys = sorted({r["article_key"] for r in records if r["article_key"]})
    heads = {k: (h, p) for k, h, p in con.execute(
        "SELECT article_key, headline, strftime(published, '%Y-%m-%dT%H:%M:%S') FROM articles "
        "WHERE list_contains(?, article_key)", [article_keys]).fetchall()} if article_keys else {}
    for r in records:
        r["headline"], r["published"] = heads.get(r["article_key"], (None, None))
    return records


def _side(rows: list[dict], side: str) -> list[dict]:
    out: list[dict] = []
    for r in rows:
        if r[f"{side}_id"] is None and r[f"{side}_country"] is None:
            continue
        actor = {k: r[f"{side}_{k}"] for k in ("id", "name", "country", "sector", "org")}
        if actor not in out:
            out.append(actor)
    return out


def _fold(rows: list[dict]) -> dict:
    """The rows of one event (one per source-target pair) as one contract-shaped record."""
    r = rows[0]
    first = next((x for x in rows if x["location_name"] or x["location_country"]), None)
    location = ({"name": first["location_name"], "country": first["location_country"], "lat": first["lat"],
                 "lon": first["lon"]} if first else None)
    trigger = ({"start": r["trigger_start"], "end": r["trigger_end"], "text": r["trigger_text"]}
               if r["trigger_start"] is not None else None)
    sentence = {"start": r["sentence_start"], "end": r["sentence_end"]} if r["sentence_start"] is not None else None
    dates = [x["date"] for x in rows if x["date"] is not None]
    golds = [x["goldstein"] for x in rows if x["goldstein"] is not None]
    plovers = [x["plover_score"] for x in rows if x["plover_score"] is not None]
    confidences = [x["confidence"] for x in rows if x["confidence"] is not None]
    mentions = [x["num_mentions"] for x in rows if x["num_mentions"] is not None]
    return {
        "event_key": r["event_key"], "dataset": r["dataset"],
        "type": r["type"], "mode": r["mode"], "context": list(r["context"] or []),
        "source": _side(rows, "source"), "target": _side(rows, "target"),
        "date": min(dates).isoformat() if dates else None, "location": location,
        "sentence": sentence, "sentence_text": r["sentence_text"], "trigger": trigger,
        "negated": any(x["negated"] for x in rows), "hypothetical": any(x["hypothetical"] for x in rows),
        "cameo": r["cameo"], "quad_class": r["quad_class"],
        "goldstein": sum(golds) / len(golds) if golds else None,
        "plover_score": sum(plovers) / len(plovers) if plovers else None,
        "confidence": max(confidences) if confidences else None, "rule": r["rule"],
        "mentions": max(mentions) if mentions else None,
        "article_key": r["article_key"], "url": r["url"],
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
    # A table of (article_key, idx, code): the actor codes named inside each quote, if the
    # store has one (the server's snapshot does, serve/layout.py); else entities are joined.
    quote_codes: str | None = None
    params: list[Any] = field(default_factory=list)

    def _by(self) -> str:
        return "(list_contains(?, q.country) OR list_contains(?, q.actor_id))"

    def _about(self) -> str:
        if self.quote_codes:
            # Two placeholders, as in the form below: `where` binds the actors twice.
            return (f"EXISTS (SELECT 1 FROM {self.quote_codes} n WHERE n.article_key = q.article_key "
                    "AND n.idx = q.idx AND (list_contains(?, n.code) OR list_contains(?, n.code)))")
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
    if query.quote_codes is None:
        query.quote_codes = getattr(store, "quote_codes", None)
    where = query.where()
    params = list(query.params)
    by_sql, by_params = query.by_marker()
    con = store.con
    base = f"FROM quotes q JOIN articles a USING (article_key) WHERE {where}"
    cur = con.execute(f"""
        SELECT q.*, a.headline, strftime(a.published, '%Y-%m-%dT%H:%M:%S') AS published, a.url, {by_sql} AS is_by
        {base} ORDER BY a.published DESC NULLS LAST, q.article_key, q.idx LIMIT ? OFFSET ?
    """, [*by_params, *params, limit, offset])
    names = [d[0] for d in cur.description]
    records = [_quote(dict(zip(names, row))) for row in cur.fetchall()]
    if offset == 0 and len(records) < limit:
        return len(records), records       # the whole list fits in this page: no need to count
    return con.execute(f"SELECT count(*) {base}", params).fetchone()[0], records


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
