"""The relation between two actors over time: one row of figures per period.

Actors are ISO3 country codes (every actor of that country counts) or actor ids. All
aggregation runs in DuckDB over de-duplicated events (see `evidence`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import pyarrow as pa

from detente.analysis.evidence import EXACT_MEAN, SENTENCE, best_reported, folded_events, sided_rows
from detente.errors import DetenteError
from detente.store.db import Store
from detente.store.schema import dyad_key

PERIODS = ("day", "week", "month")
TOP_EVENTS = 3


class AnalysisError(DetenteError):
    """The question cannot be answered from this store (empty store, unknown actor, bad period)."""


@dataclass(slots=True)
class EventSummary:
    date: str
    source: str | None
    target: str | None
    type: str | None
    cameo: str | None
    quad_class: int | None
    goldstein: float | None
    mentions: int
    sentence: str | None
    dataset: str

    def to_dict(self) -> dict:
        return {"date": self.date, "source": self.source, "target": self.target, "type": self.type,
                "cameo": self.cameo, "quad_class": self.quad_class, "goldstein": self.goldstein,
                "mentions": self.mentions, "sentence": self.sentence, "dataset": self.dataset}


@dataclass(slots=True)
class Period:
    start: dt.date
    events: int                      # de-duplicated events
    quad: dict[str, int]             # "1".."4" -> events
    goldstein: float | None          # mean over events (imported POLECAT rows: PLOVER score)
    plover_score: float | None
    cooperation: float | None        # share of events in quad classes 1-2
    mentions: int
    reports: int                     # rows before de-duplication
    tone_var: float | None           # variance of event tones within the period
    top: list[EventSummary] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"start": self.start.isoformat(), "events": self.events, "quad": dict(self.quad),
                "goldstein": _round(self.goldstein), "plover_score": _round(self.plover_score),
                "cooperation": _round(self.cooperation), "mentions": self.mentions,
                "reports": self.reports, "top_events": [e.to_dict() for e in self.top]}


@dataclass(slots=True)
class DyadSeries:
    dyad: tuple[str, str]
    by: str
    directed: bool
    start: dt.date | None
    end: dt.date | None
    periods: list[Period]

    def to_dict(self) -> dict:
        return {"dyad": list(self.dyad), "by": self.by, "directed": self.directed,
                "from": self.start.isoformat() if self.start else None,
                "to": self.end.isoformat() if self.end else None,
                "periods": [p.to_dict() for p in self.periods]}


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(float(value), digits)


def _as_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise AnalysisError(f"not a date: {value!r} (use YYYY-MM-DD)") from exc


def check_store(store: Store) -> None:
    if not store.con.execute("SELECT 1 FROM events LIMIT 1").fetchall():  # fetchall: leaves no result open
        raise AnalysisError("the store has no events yet: run `detente ingest FILES` or "
                            "`detente import FILE --format icews|gdelt|polecat` first")


def check_actor(store: Store, actor: str) -> None:
    found = store.con.execute(
        "SELECT 1 FROM events WHERE source_country = $a OR target_country = $a "
        "OR source_id = $a OR target_id = $a LIMIT 1", {"a": actor}).fetchall()
    if not found:
        raise AnalysisError(f"unknown actor {actor!r}: no event in the store has it as a source or target "
                            "(use an ISO3 country code such as USA or an actor id)")


def _side(column: str) -> str:
    """Which side of the dyad a row's actor is on: 'A', 'B' or NULL."""
    return (f"CASE WHEN {column}_country = $a OR {column}_id = $a THEN 'A' "
            f"WHEN {column}_country = $b OR {column}_id = $b THEN 'B' END")


def happened(alias: str = "e") -> str:
    """The SQL condition of an event the text reports as having happened.

    An act the text says did not happen ("did not meet") or only may, would or will
    ("talks are set for Tuesday", "would help") stays in the store, flagged, but moves no
    relation: counted, it would move a level on what nobody did. Imported datasets carry no
    such flags (NULL) and count in full."""
    return f"coalesce(NOT {alias}.negated, true) AND coalesce(NOT {alias}.hypothetical, true)"


def dyad_rows_sql(directed: bool, located: bool = False, keyed: bool = False) -> str:
    """The event rows between $a and $b (dated $start..$end), labelled by side; `located` adds
    each row's position in the `events` table (`event_rowid`; a table's, not a view's).

    `keyed` (the parameters carry $dyad, see `dyad_params`): the rows are also picked by the
    dyad key, one column that Parquet row-group statistics and zone maps can skip by. It
    adds no row: every row the four-column filter matches has that key or none (store/schema.py).
    """
    pair = "src_side = 'A' AND tgt_side = 'B'" if directed else "src_side <> tgt_side"
    position = "e.rowid AS event_rowid, " if located else ""
    key = "AND (e.dyad = $dyad OR e.dyad IS NULL)" if keyed else ""
    return f"""
        SELECT * FROM (
            SELECT {position}e.*, {_side('source')} AS src_side, {_side('target')} AS tgt_side
            FROM events e
            WHERE e.date BETWEEN $start AND $end AND {happened("e")} {key}
              AND (e.source_country IN ($a, $b) OR e.source_id IN ($a, $b))
              AND (e.target_country IN ($a, $b) OR e.target_id IN ($a, $b))
        ) WHERE {pair}
    """


def has_dyad_key(store: Store) -> bool:
    """Whether the store's events (a table or a folder's view) carry the dyad key: a store
    made before it and opened read-only does not. (The catalog answers without binding a
    folder's view, which lists its files.)"""
    return bool(store.con.execute("SELECT 1 FROM duckdb_columns() WHERE table_name = 'events' "
                                  "AND column_name = 'dyad'").fetchall())


def period_sql(by: str, folded: str, keys: str = "") -> str:
    """Per-period figures over folded events (grouped additionally by `keys`, e.g. a dyad)."""
    group = f"{keys}, " if keys else ""
    return f"""
        SELECT {group}date_trunc('{by}', date)::DATE AS period,
               count(*)::INTEGER AS events,
               count(*) FILTER (WHERE quad_class = 1)::INTEGER AS q1,
               count(*) FILTER (WHERE quad_class = 2)::INTEGER AS q2,
               count(*) FILTER (WHERE quad_class = 3)::INTEGER AS q3,
               count(*) FILTER (WHERE quad_class = 4)::INTEGER AS q4,
               {EXACT_MEAN.format("tone")} AS tone, {EXACT_MEAN.format("plover_score")} AS plover_score,
               var_samp(tone) AS tone_var, count(tone)::INTEGER AS n_tone,
               sum(mentions)::INTEGER AS mentions, sum(reports)::INTEGER AS reports,
               min(date) AS first_date
        FROM ({folded}) f
        GROUP BY {group}period
    """


def check_actors(store: Store, a: str, b: str) -> None:
    """The store has events, and events of both actors (else an AnalysisError saying which)."""
    check_store(store)
    for actor in (a, b):
        check_actor(store, actor)


def dyad_params(store: Store, a: str, b: str, start: str | dt.date | None, end: str | dt.date | None,
                by: str, checked: bool = True) -> dict:
    """The query parameters of a dyad question, once it is known to make sense (`checked`
    false: the actors are not looked for yet; the caller runs `check_actors` when the dyad
    has no events, as a dyad with events has both actors)."""
    if by not in PERIODS:
        raise AnalysisError(f"unknown period {by!r} (choose day, week or month)")
    a, b = a.strip(), b.strip()
    if a == b:
        raise AnalysisError("a dyad needs two different actors")
    if checked:
        check_actors(store, a, b)
    params = {"a": a, "b": b, "start": _as_date(start) or dt.date(1, 1, 1), "end": _as_date(end) or dt.date(9999, 12, 31)}
    key = dyad_key(a, b)
    if key is not None and has_dyad_key(store):
        params["dyad"] = key  # the query filters by it too: `dyad_rows_sql(keyed="dyad" in params)`
    return params


def dyad_series(store: Store, a: str, b: str, start: str | dt.date | None = None,
                end: str | dt.date | None = None, by: str = "week", directed: bool = False,
                top: int = TOP_EVENTS) -> DyadSeries:
    """Per-period event counts by quad class, mean Goldstein and PLOVER score, share of
    cooperation and the top events (most mentioned) of each period, for actors `a` and `b`.

    Periods without events are left out: a quiet week is missing data, not a week of zero
    cooperation.
    """
    # Each actor is looked for only if the dyad turns out to have no events (a scan each).
    params = dyad_params(store, a, b, start, end, by, checked=False)
    a, b = params["a"], params["b"]
    start_d, end_d = _as_date(start), _as_date(end)
    con = store.con
    keyed = "dyad" in params
    verify = lambda: check_actors(store, a, b)  # noqa: E731
    # The figures and the ranking of every period's events are computed from the folded
    # events, without texts; texts are read only for the few events kept (`_top_events`).
    located = bool(con.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = 'events' "
                               "AND schema_name = 'main' AND NOT temporary").fetchall())
    if not located:
        # A folder of Parquet files in place: the events are folded straight from the scan,
        # and the kept events' rows read again with their texts. Keyed, each of the two
        # scans reads only the row groups of the dyad; unkeyed (an actor id, files without
        # the key) it reads every file twice, which costs less than carrying the texts of
        # every row of the dyad through the fold.
        return _series_from(con, dyad_rows_sql(directed, False, keyed), params, (a, b), by, directed,
                            start_d, end_d, top, False, verify)
    # In a store, one pass picks the dyad's rows (a small share of a large store) with their
    # positions, which fetch the kept events' texts later without a scan.
    picked = con.sql(f"SELECT {', '.join(('event_rowid', *_DYAD_COLUMNS))} "
                     f"FROM ({dyad_rows_sql(directed, True, keyed)})", params=params).to_arrow_table()
    view = f"_dyad_rows_{id(picked)}"
    con.register(view, picked)
    try:
        return _series_from(con, f"SELECT * FROM {view}", None, (a, b), by, directed, start_d, end_d, top, True,
                            verify)
    finally:
        con.unregister(view)


# The columns of a dyad's rows that its figures and the ranking of its events read.
_DYAD_COLUMNS = ("row_id", "dataset", "date", "type", "cameo", "quad_class", "goldstein", "plover_score",
                 "num_mentions", "num_articles", "src_side", "tgt_side")
# The columns the top events show.
_TEXT_COLUMNS = ("sentence_text", "source_name", "target_name")


def _series_from(con, rows_sql: str, params: dict | None, dyad: tuple[str, str], by: str, directed: bool,
                 start_d: dt.date | None, end_d: dt.date | None, top: int, located: bool,
                 verify: Callable[[], None]) -> DyadSeries:
    """The series of the dyad's rows `rows_sql` (with `params`, if it has any); `verify`
    raises when the dyad has no events because an actor is unknown."""
    # The events are folded once; the figures and the ranking both read the folded events.
    folded = con.sql(folded_events(rows_sql, texts=False, first_row=True), params=params).to_arrow_table()
    if folded.num_rows == 0:
        verify()
    folded_view = f"_dyad_folded_{id(folded)}"
    con.register(folded_view, folded)
    try:
        rows = con.execute(period_sql(by, f"SELECT * FROM {folded_view}") + " ORDER BY period").fetchall()
        ranked = con.sql(f"""
            SELECT * FROM (
                SELECT f.*, date_trunc('{by}', date)::DATE AS period,
                       row_number() OVER (PARTITION BY date_trunc('{by}', date)
                                          ORDER BY mentions DESC, abs(coalesce(tone, 0)) DESC, row_id) AS rank
                FROM {folded_view} f
            ) WHERE rank <= {int(top)}
        """).to_arrow_table()
    finally:
        con.unregister(folded_view)
    tops = _top_events(con, rows_sql, params, ranked, located)
    by_period: dict[dt.date, list[EventSummary]] = {}
    for (period, date, src, tgt, type_, cameo, quad, gold, mentions, sentence, dataset) in tops:
        by_period.setdefault(period, []).append(EventSummary(
            date.isoformat(), src, tgt, type_, cameo, quad, _round(gold), mentions, sentence, dataset))
    periods = [
        Period(start=period, events=n, quad={"1": q1, "2": q2, "3": q3, "4": q4}, goldstein=tone,
               plover_score=plover, cooperation=(q1 + q2) / n if n else None, mentions=mentions,
               reports=reports, tone_var=var, top=by_period.get(period, []))
        for (period, n, q1, q2, q3, q4, tone, plover, var, _n_tone, mentions, reports, _first) in rows
    ]
    return DyadSeries(dyad, by, directed, start_d, end_d, periods)


def _top_events(con, rows_sql: str, params: dict | None, ranked: pa.Table, located: bool) -> list[tuple]:
    """(period, date, source name, target name, type, cameo, quad class, Goldstein, mentions,
    sentence, dataset) of the `ranked` events, by period and rank.

    The texts (sentence, names) are read from `events` for the rows folded into these
    events only: reading them for every row of the dyad was most of a series' time, and on
    a Parquet folder it decoded the URLs and sentences of every row. `located`: the rows
    carry their position in the `events` table (`event_rowid`); else they are read again
    (`rows_sql` with `params`) with their texts, for the kept events only.
    """
    kept, members, texts = (f"_top_{name}_{id(ranked)}" for name in ("kept", "members", "texts"))
    registered = [kept]
    con.register(kept, ranked)
    try:
        carried = "r.event_rowid, " if located else "".join(f"r.{c}, " for c in _TEXT_COLUMNS)
        member_rows = con.sql(f"""
            SELECT {carried}r.row_id, r.cameo, r.num_mentions, k.period, k.rank
            FROM ({sided_rows(rows_sql)}) r
            JOIN {kept} k ON r.dataset = k.dataset AND r.date = k.date AND r.a = k.a AND r.b = k.b
                         AND r.kind IS NOT DISTINCT FROM k.kind
        """, params=params).to_arrow_table()
        con.register(members, member_rows)
        registered.append(members)
        if located:
            # A filter on rowid reads only the row groups and vectors holding those rows.
            text_rows = con.sql(f"SELECT rowid AS event_rowid, {', '.join(_TEXT_COLUMNS)} FROM events "
                                f"WHERE rowid IN (SELECT event_rowid FROM {members})").to_arrow_table()
            con.register(texts, text_rows)
            registered.append(texts)
            with_texts = f"{members} JOIN {texts} USING (event_rowid)"
        else:
            with_texts = members
        return con.execute(f"""
            SELECT k.period, k.date, t.source_name, t.target_name, k.type, t.cameo, k.quad_class,
                   k.goldstein, k.mentions, t.sentence, k.dataset
            FROM {kept} k LEFT JOIN (
                SELECT period, rank, mode(cameo) AS cameo, {SENTENCE} AS sentence,
                       {best_reported("source_name")} AS source_name,
                       {best_reported("target_name")} AS target_name
                FROM {with_texts}
                GROUP BY period, rank
            ) t USING (period, rank)
            ORDER BY k.period, k.rank
        """).fetchall()
    finally:
        for name in registered:
            con.unregister(name)
