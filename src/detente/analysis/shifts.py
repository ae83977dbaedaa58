"""Shifts in relations: change points in a dyad's cooperation-conflict series.

The series is the mean tone (Goldstein scale) of the de-duplicated events of each period
that has events. Three things make the naive approach (ruptures on a zero-filled series)
wrong, and each is handled here:

- Sparse data: a period without events is missing, not a period of tone zero. Empty
  periods are left out, and each remaining period is weighted by how much it can be
  trusted: its mean of n events has variance tau^2 + sigma^2 / n, where sigma^2 is the
  spread of single events within a period and tau^2 the period-to-period drift that more
  events cannot remove.
- Volume bursts: a surge of coverage raises n, not the tone; the mean does not move, and
  tau^2 caps the weight a single crowded period can carry.
- Variance changes: a noisier stretch (a war, a dataset switch) invites spurious splits.
  Every change point ruptures proposes is re-tested against the spread actually seen in
  the segments on its two sides, and kept only if the jump stands out from it.

Change points come from PELT with a weighted least-squares cost (vectorised here, with the
breakpoints ruptures' own Pelt gives on the same cost); the penalty
and the test threshold were calibrated on synthetic series with known change points
(`detente.analysis.synthetic`, `bench/shifts.py`): for level changes of 2-4 standard units
(standard deviations of an ordinary period's mean), recall is about 0.95 within two
periods with events, with under 0.1 false shifts per 100 periods. Smaller changes are
found less often (see bench/shifts.py --shift).

Sparse dyads are read by month (`by="auto"`): a turn inside a month leaves that month
half old, half new, so two moves the same way around one short segment count as one
shift, dated by the first event at the new level.

A shift's magnitude is in those standard units, signed like `after - before`; `before`
and `after` are the levels (mean Goldstein, weighted) of the segments on either side.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np

from detente.analysis.dyads import (
    PERIODS,
    AnalysisError,
    EventSummary,
    _as_date,
    _round,
    check_store,
    dyad_params,
    dyad_rows_sql,
    happened,
    period_sql,
)
from detente.analysis.evidence import folded_events
from detente.store.db import Store

# Calibrated with bench/shifts.py (see the module docstring).
PENALTY_PER_LOG_PERIOD = 3.0   # PELT penalty = this * log(number of periods), in chi-square units
# A kept change must stand out by MIN_Z_OFFSET + sqrt(2 log T) standard errors: the
# largest of T chance jumps grows like sqrt(2 log T), so a short series (a small corpus)
# needs less than a long one for the same false-alarm rate (3.1 for 50 periods, 3.6 for 200).
MIN_Z_OFFSET = 0.3
MIN_Z_FLOOR = 3.0              # ... and never less: a handful of periods cannot vouch for their own noise
MIN_MAGNITUDE = 1.0            # a shift moves the level by a period's typical deviation at least
MIN_SIZE = 2                   # periods with events on each side of a change, at least
PRIOR_DF = 3.0                 # how strongly a local spread is shrunk toward the overall one
MIN_EVENTS = 5                 # events on each side of a change, at least: two events are an anecdote
# Relations never hold perfectly still from one period to the next: at least this much
# drift (variance, Goldstein points squared) is assumed, so that one period's hundreds of
# reports cannot claim a precision no news series has.
MIN_DRIFT = 0.25
LOCAL_WINDOW = 4               # periods on each side pooled for a period's event spread
DRIVERS = 5                    # events listed as the drivers of a shift


@dataclass(slots=True)
class ChangePoint:
    """A change in level between the series' points `index - 1` and `index`."""

    index: int
    before: float
    after: float
    magnitude: float   # (after - before) in standard deviations of a period around its level
    z: float           # the jump over its standard error
    start: int = -1    # where the move began, if it took a few periods (a ramp); else index


@dataclass(slots=True)
class Shift:
    dyad: tuple[str, str]
    date: dt.date            # first event of the first period at the new level
    period: dt.date          # that period's start
    before: float
    after: float
    magnitude: float
    z: float
    events: list[EventSummary] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"dyad": list(self.dyad), "date": self.date.isoformat(), "before": _round(self.before),
                "after": _round(self.after), "magnitude": _round(self.magnitude),
                "z": _round(self.z), "period": self.period.isoformat(),
                "events": [e.to_dict() for e in self.events]}


def pelt(values: np.ndarray, weights: np.ndarray, penalty: float, min_size: int = MIN_SIZE) -> list[int]:
    """PELT with the weighted least-squares cost, vectorised over the candidate last
    change points: the breakpoints ruptures' Pelt gives with the same cost (`Pelt(custom_cost=
    WeightedMeanCost(), min_size=min_size, jump=1)`; the cost class lives in the test that
    holds the two to each other, tests/test_analysis_scale.py), found the same way
    (same candidates, same pruning, same order of sums and ties), without its Python
    loop over every candidate of every end point. Ends with len(values), as ruptures does.
    """
    T = len(values)
    zero = np.zeros(1)
    cw = np.concatenate([zero, np.cumsum(weights)])
    cwx = np.concatenate([zero, np.cumsum(weights * values)])
    cwxx = np.concatenate([zero, np.cumsum(weights * values * values)])
    best = np.full(T + 1, np.nan)    # cost of the best partition of 0..end (NaN: none)
    best[0] = 0.0
    last = np.zeros(T + 1, dtype=np.int64)  # the best partition's last change point
    admissible = np.zeros(0, dtype=np.int64)
    ends = [k for k in range(T) if k >= min_size] + [T]
    for end in ends:
        admissible = np.append(admissible, end - min_size)
        starts = admissible[~np.isnan(best[admissible])]
        if len(starts) == 0:
            continue
        w = cw[end] - cw[starts]
        wx = cwx[end] - cwx[starts]
        with np.errstate(divide="ignore", invalid="ignore"):
            error = np.where(w > 0, cwxx[end] - cwxx[starts] - wx * wx / w, 0.0)
        criterion = best[starts] + (error + penalty)
        i = int(np.argmin(criterion))
        best[end], last[end] = criterion[i], starts[i]
        admissible = starts[criterion <= criterion[i] + penalty]
    bkps = [T]
    while (b := int(last[bkps[-1]])) > 0:
        bkps.append(b)
    return sorted(bkps)


def pelt_inputs(values: np.ndarray | list[float], counts: np.ndarray | list[int],
                within_var: np.ndarray | list[float] | None = None, *,
                penalty: float = PENALTY_PER_LOG_PERIOD) -> tuple[np.ndarray, np.ndarray, float] | None:
    """(values, weights, penalty) that `detect_changes` runs PELT on for this series, or None
    if it is too short to search."""
    x = np.asarray(values, dtype=float)
    n = np.asarray(counts, dtype=float)
    s2 = np.full_like(x, np.nan) if within_var is None else np.asarray(within_var, dtype=float)
    keep = np.isfinite(x) & (n > 0)
    x, n, s2 = x[keep], n[keep], s2[keep]
    if len(x) < 2 * MIN_SIZE + 1:
        return None
    sigma2, tau2 = _noise(x, n, s2)
    return x, 1.0 / (tau2 + sigma2 / n), penalty * math.log(len(x))


def pelt_many(series: list[tuple[np.ndarray, np.ndarray, float]], min_size: int = MIN_SIZE) -> list[list[int]]:
    """`pelt` over many series at once, (values, weights, penalty) each: one numpy step per
    end point for all series together, so that thousands of dyads cost about as much as one.
    The breakpoints are `pelt`'s (the same sums in the same order, the same first minimum)."""
    if not series:
        return []
    D = len(series)
    lengths = np.array([len(x) for x, _, _ in series])
    L = int(lengths.max())
    cw, cwx, cwxx = (np.zeros((D, L + 1)) for _ in range(3))
    for d, (x, w, _) in enumerate(series):
        cw[d, 1:len(x) + 1] = np.cumsum(w)
        cwx[d, 1:len(x) + 1] = np.cumsum(w * x)
        cwxx[d, 1:len(x) + 1] = np.cumsum(w * x * x)
    penalty = np.array([p for _, _, p in series])
    best = np.full((D, L + 1), np.nan)
    best[:, 0] = 0.0
    last = np.zeros((D, L + 1), dtype=np.int64)
    admissible = np.zeros((D, L + 1), dtype=bool)
    rows = np.arange(D)
    for end in range(min_size, L + 1):
        # A series takes part up to its own length; its last end point is its length.
        active = rows[lengths >= end]
        admissible[active, end - min_size] = True
        adm = admissible[active] & ~np.isnan(best[active])
        w = cw[active, end][:, None] - cw[active]
        wx = cwx[active, end][:, None] - cwx[active]
        with np.errstate(divide="ignore", invalid="ignore"):
            error = np.where(w > 0, cwxx[active, end][:, None] - cwxx[active] - wx * wx / w, 0.0)
        criterion = np.where(adm, best[active] + (error + penalty[active][:, None]), np.inf)
        first = np.argmin(criterion, axis=1)
        low = criterion[np.arange(len(active)), first]
        best[active, end] = low
        last[active, end] = first
        admissible[active] = adm & (criterion <= (low + penalty[active])[:, None])
    out = []
    for d, T in enumerate(lengths):
        bkps = [int(T)]
        while (b := int(last[d, bkps[-1]])) > 0:
            bkps.append(b)
        out.append(sorted(bkps))
    return out


def _moving_sum(x: np.ndarray, half_window: int) -> np.ndarray:
    """Sums of x over [t - half_window, t + half_window], clipped at the ends."""
    cum = np.concatenate([[0.0], np.cumsum(x)])
    idx = np.arange(len(x))
    return cum[np.minimum(idx + half_window + 1, len(x))] - cum[np.maximum(idx - half_window, 0)]


def _noise(values: np.ndarray, counts: np.ndarray, within_var: np.ndarray,
           half_window: int = LOCAL_WINDOW) -> tuple[np.ndarray, float]:
    """(sigma^2 per period, tau^2): the spread of single events around their period's
    mean, pooled over the neighbouring periods (spreads change: a war is noisier than a
    thaw, and a level shift does not touch them), and the period-to-period drift."""
    df = np.clip(counts - 1, 0, None).astype(float)
    s2 = np.where((df > 0) & np.isfinite(within_var), within_var, 0.0)
    if df.sum() >= 5:
        pooled = float((df * s2).sum() / df.sum())
    else:
        pooled = float(np.var(values)) if len(values) > 1 else 1.0
    pooled = max(pooled, 0.25)
    # Moving sums over +-half_window periods with events, shrunk toward the pooled value.
    local_df = _moving_sum(df, half_window)
    local_ss = _moving_sum(df * s2, half_window)
    sigma2 = np.maximum((local_ss + PRIOR_DF * pooled) / (local_df + PRIOR_DF), 0.25)
    if len(values) < 4:
        return sigma2, MIN_DRIFT
    # Successive differences are blind to a few level changes; their robust spread, less
    # what sampling alone explains, is the drift.
    diffs = np.diff(values)
    sd = 1.4826 * float(np.median(np.abs(diffs - np.median(diffs))))
    sampling = float(np.median(sigma2[:-1] / counts[:-1] + sigma2[1:] / counts[1:]))
    return sigma2, max(MIN_DRIFT, (sd * sd - sampling) / 2)


def _segment_stats(values: np.ndarray, weights: np.ndarray, lo: int, hi: int) -> tuple[float, float, float]:
    """(weighted mean, total weight, over-dispersion) of points lo..hi-1."""
    w, x = weights[lo:hi], values[lo:hi]
    total = float(w.sum())
    mean = float((w * x).sum() / total)
    k = hi - lo
    resid = float((w * (x - mean) ** 2).sum())
    # The segment's own spread, relative to the model, shrunk toward 1 when it is short,
    # and never below the model's: an unusually calm stretch does not make jumps bigger.
    phi = max(1.0, (resid + PRIOR_DF) / (k - 1 + PRIOR_DF))
    return mean, total, phi


def _unit(x: np.ndarray, w: np.ndarray, n: np.ndarray, sigma2: np.ndarray, tau2: float,
          edges: list[int]) -> float:
    """A period's typical deviation from its segment's level: the standard unit of magnitudes."""
    resid, dof = 0.0, 0
    for lo, hi in zip(edges, edges[1:]):
        mean = float((w[lo:hi] * x[lo:hi]).sum() / w[lo:hi].sum())
        resid += float((w[lo:hi] * (x[lo:hi] - mean) ** 2).sum())
        dof += hi - lo - 1
    phi = max(1.0, resid / dof) if dof > 0 else 1.0
    return math.sqrt(phi * (tau2 + float(np.median(sigma2 / n))))


def detect_changes(values: np.ndarray | list[float], counts: np.ndarray | list[int],
                   within_var: np.ndarray | list[float] | None = None, *,
                   penalty: float = PENALTY_PER_LOG_PERIOD, min_z: float | None = None,
                   min_size: int = MIN_SIZE, min_events: int = MIN_EVENTS,
                   breakpoints: list[int] | None = None) -> list[ChangePoint]:
    """Change points in a series of period means `values`, each the mean of `counts` events
    whose variance within the period is `within_var` (NaN where unknown). Only periods
    with events belong in the series. `min_z` overrides the length-dependent threshold.
    `breakpoints`, if given, are PELT's for this series (`pelt_inputs`, `pelt_many`)."""
    x = np.asarray(values, dtype=float)
    n = np.asarray(counts, dtype=float)
    s2 = np.full_like(x, np.nan) if within_var is None else np.asarray(within_var, dtype=float)
    keep = np.isfinite(x) & (n > 0)
    x, n, s2 = x[keep], n[keep], s2[keep]
    positions = np.flatnonzero(keep)
    T = len(x)
    if T < 2 * min_size + 1:
        return []
    if min_z is None:
        min_z = max(MIN_Z_FLOOR, MIN_Z_OFFSET + math.sqrt(2 * math.log(T)))
    sigma2, tau2 = _noise(x, n, s2)
    w = 1.0 / (tau2 + sigma2 / n)
    if breakpoints is None:
        breakpoints = pelt(x, w, penalty * math.log(T), min_size)
    return _retest(x, n, w, sigma2, tau2, positions, [b for b in breakpoints if b < T], min_z, min_size, min_events)


def _retest(x: np.ndarray, n: np.ndarray, w: np.ndarray, sigma2: np.ndarray, tau2: float, positions: np.ndarray,
            bkps: list[int], min_z: float, min_size: int, min_events: int) -> list[ChangePoint]:
    T = len(x)
    # Re-test each change against the spread seen on its two sides; drop the weakest
    # failing one and re-test its neighbours until all stand. Two moves the same way with
    # a shortest possible segment between them are one move that took a few periods (a
    # turn in mid-month leaves that month halfway): the weaker goes, the stronger keeps
    # the date the move began.
    began: dict[int, int] = {}
    while True:
        edges = [0, *bkps, T]
        scores = []
        for i in range(1, len(edges) - 1):
            m1, w1, p1 = _segment_stats(x, w, edges[i - 1], edges[i])
            m2, w2, p2 = _segment_stats(x, w, edges[i], edges[i + 1])
            scores.append((m2 - m1) / math.sqrt(p1 / w1 + p2 / w2))
        ramps = [i for i in range(len(scores) - 1)
                 if edges[i + 2] - edges[i + 1] <= min_size and scores[i] * scores[i + 1] > 0]
        if ramps:
            i = ramps[0]
            keep, drop = (i + 1, i) if abs(scores[i]) < abs(scores[i + 1]) else (i, i + 1)
            began[bkps[keep]] = began.get(bkps[i], bkps[i])
            del bkps[drop]
            continue
        unit = _unit(x, w, n, sigma2, tau2, edges)
        weak = [i for i, z in enumerate(scores)
                if abs(z) < min_z
                or min(n[edges[i]:edges[i + 1]].sum(), n[edges[i + 1]:edges[i + 2]].sum()) < min_events
                or abs(_segment_stats(x, w, edges[i + 1], edges[i + 2])[0]
                       - _segment_stats(x, w, edges[i], edges[i + 1])[0]) < MIN_MAGNITUDE * unit]
        if not weak:
            break
        del bkps[min(weak, key=lambda i: abs(scores[i]))]

    edges = [0, *bkps, T]
    unit = _unit(x, w, n, sigma2, tau2, edges)
    out = []
    for i, z in enumerate(scores):
        m1, _, _ = _segment_stats(x, w, edges[i], edges[i + 1])
        m2, _, _ = _segment_stats(x, w, edges[i + 1], edges[i + 2])
        out.append(ChangePoint(int(positions[edges[i + 1]]), m1, m2, (m2 - m1) / unit, z,
                               int(positions[began.get(edges[i + 1], edges[i + 1])])))
    return out


# -- over the store ------------------------------------------------------------------------


def _driver_events(store: Store, found: list["_Found"], directed: bool) -> list[list[EventSummary]]:
    """For each change found, the events that moved the series: those around the turn
    (its window) whose tone is past the midpoint between the old and the new level,
    earliest first (the first meeting after a freeze is the news), the most reported first
    on the same day. One query for all changes: each is a pass over the events otherwise.

    Each row is labelled with its change's number in the side names ('3:A'), so the
    folding of reports (`folded_events`) keeps the changes apart.
    """
    if not found:
        return []
    windows = ", ".join(
        f"({i}, {_sql_str(f.params['a'])}, {_sql_str(f.params['b'])}, DATE '{f.window[0]}', DATE '{f.window[1]}', "
        f"{(f.change.before + f.change.after) / 2!r}, {f.change.after > f.change.before})"
        for i, f in enumerate(found))
    actors = ", ".join(sorted({_sql_str(x) for f in found for x in (f.params["a"], f.params["b"])}))
    lo, hi = min(f.window[0] for f in found), max(f.window[1] for f in found)

    def side(column: str) -> str:
        return (f"CASE WHEN e.{column}_country = w.a OR e.{column}_id = w.a THEN w.i || ':A' "
                f"WHEN e.{column}_country = w.b OR e.{column}_id = w.b THEN w.i || ':B' END")

    pair = "src_side = split_part(src_side, ':', 1) || ':A' AND tgt_side = split_part(src_side, ':', 1) || ':B'" \
        if directed else "src_side <> tgt_side"
    rows_sql = f"""
        SELECT * FROM (
            SELECT e.*, {side('source')} AS src_side, {side('target')} AS tgt_side
            FROM (SELECT * FROM events h
                  WHERE date BETWEEN DATE '{lo}' AND DATE '{hi}' AND {happened("h")}
                    AND (source_country IN ({actors}) OR source_id IN ({actors}))
                    AND (target_country IN ({actors}) OR target_id IN ({actors}))) e
            JOIN (VALUES {windows}) w(i, a, b, first, last, mid, up) ON e.date BETWEEN w.first AND w.last
        ) WHERE {pair}
    """
    rows = store.con.execute(f"""
        WITH w(i, a, b, first, last, mid, up) AS (VALUES {windows})
        SELECT i, date, source_name, target_name, type, cameo, quad_class, goldstein, mentions, sentence, dataset
        FROM (
            SELECT f.*, w.i, row_number() OVER (PARTITION BY w.i
                ORDER BY f.date, f.mentions DESC, abs(f.tone - w.mid) DESC, f.row_id) AS rank
            FROM ({folded_events(rows_sql)}) f
            JOIN w ON w.i = CAST(split_part(f.a, ':', 1) AS INTEGER)
            WHERE f.tone IS NOT NULL AND CASE WHEN w.up THEN f.tone >= w.mid ELSE f.tone <= w.mid END
        ) WHERE rank <= {DRIVERS}
        ORDER BY i, rank
    """).fetchall()
    out: list[list[EventSummary]] = [[] for _ in found]
    for (i, d, src, tgt, ty, c, q, g, m, sent, ds) in rows:
        out[i].append(EventSummary(d.isoformat(), src, tgt, ty, c, q, _round(g), m, sent, ds))
    return out


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


_SPAN = {"day": dt.timedelta(days=1), "week": dt.timedelta(days=7), "month": dt.timedelta(days=31)}


def _period_end(start: dt.date, by: str) -> dt.date:
    if by == "day":
        return start
    if by == "week":
        return start + dt.timedelta(days=6)
    nxt = dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


@dataclass(slots=True)
class _Found:
    """A change found in a dyad's series, before its events are looked up."""

    dyad: tuple[str, str]
    params: dict
    change: ChangePoint
    period: dt.date
    first_date: dt.date
    window: tuple[dt.date, dt.date]


def _find(dyad: tuple[str, str], params: dict, rows: list[tuple], by: str,
          since: dt.date | None, breakpoints: list[int] | None = None) -> list[_Found]:
    # rows: (period, tone, tone_var, n_tone, first_date), ordered by period
    rows = [r for r in rows if r[1] is not None and r[3] > 0]
    if not rows:
        return []
    changes = detect_changes([r[1] for r in rows], [r[3] for r in rows],
                             [r[2] if r[2] is not None else math.nan for r in rows], breakpoints=breakpoints)
    found = []
    for cp in changes:
        period, first_date = rows[cp.index][0], rows[cp.index][4]
        if since and first_date < since:
            continue
        # Where to look for the events that drove it: from the period before the move
        # began (a turn rarely falls on a period boundary, and the period it falls in
        # is half old, half new) to two periods at the new level.
        last = _period_end(rows[min(cp.index + 1, len(rows) - 1)][0], by)
        began = rows[cp.start][0]
        lookback = max(rows[max(cp.start - 1, 0)][0], began - _SPAN[by])
        found.append(_Found(dyad, params, cp, period, first_date, (lookback, last)))
    return found


def _shifts(store: Store, found: list[_Found], directed: bool) -> list[Shift]:
    shifts = []
    for f, events in zip(found, _driver_events(store, found, directed)):
        cp = f.change
        # The shift is dated by the first event at the new level, if the turn began just
        # before the period the series changes in.
        date = min([f.first_date, *(dt.date.fromisoformat(e.date) for e in events)])
        shifts.append(Shift(f.dyad, date, f.period, cp.before, cp.after, cp.magnitude, cp.z, events))
    return shifts


# A week is fine enough to date a shift and, with this many events in an average week
# that has any, coarse enough to be measured; sparser dyads are read by month.
AUTO_WEEKLY_EVENTS = 3.0


def choose_period(store: Store, params: dict, directed: bool) -> str:
    """"week" for a dyad reported often enough, else "month"."""
    folded = folded_events(dyad_rows_sql(directed, keyed="dyad" in params), texts=False)
    per_week = store.con.execute(
        f"SELECT count(*) / greatest(count(DISTINCT date_trunc('week', date)), 1) FROM ({folded})",
        params).fetchone()[0]
    return "week" if per_week >= AUTO_WEEKLY_EVENTS else "month"


def dyad_shifts(store: Store, a: str, b: str, *, by: str = "auto", directed: bool = False,
                since: str | dt.date | None = None, start: str | dt.date | None = None,
                end: str | dt.date | None = None) -> list[Shift]:
    """Shifts in the relation between `a` and `b` (ISO3 countries or actor ids), oldest first.

    `by` is the period of the series searched: "week", "month", "day", or "auto" (weeks
    when the dyad has AUTO_WEEKLY_EVENTS events in an average active week, else months).
    """
    params = dyad_params(store, a, b, start, end, "week" if by == "auto" else by)
    if by == "auto":
        by = choose_period(store, params, directed)
    sql = period_sql(by, folded_events(dyad_rows_sql(directed, keyed="dyad" in params), texts=False))
    rows = store.con.execute(
        f"SELECT period, tone, tone_var, n_tone, first_date FROM ({sql}) ORDER BY period", params).fetchall()
    since_d = _as_date(since)
    shifts = _shifts(store, _find((params["a"], params["b"]), params, rows, by, since_d), directed)
    return [s for s in shifts if since_d is None or s.date >= since_d]


def _credible_magnitude(change: ChangePoint) -> float:
    size = abs(change.magnitude)
    return size - 2 * size / abs(change.z) if change.z else 0.0


def all_dyad_series_sql(by: str, min_events: int) -> str:
    """Every country dyad's per-period series in one grouped query: (da, db, points), the
    points a list of (period, tone, tone_var, n_tone, first_date) ordered by period."""
    rows_sql = f"""
        SELECT e.*, least(source_country, target_country) AS a_c, greatest(source_country, target_country) AS b_c,
               source_country AS src_side, target_country AS tgt_side
        FROM events e
        WHERE source_country IS NOT NULL AND target_country IS NOT NULL AND {happened("e")}
          AND source_country <> target_country AND source_country <> 'IGO' AND target_country <> 'IGO'
    """
    folded = folded_events(rows_sql, texts=False)
    keyed = f"SELECT f.*, least(a, b) AS da, greatest(a, b) AS db FROM ({folded}) f"
    sql = period_sql(by, keyed, keys="da, db")
    return f"""
        SELECT da, db, list(struct_pack(period, tone, tone_var, n_tone, first_date) ORDER BY period) AS points
        FROM ({sql})
        GROUP BY da, db
        HAVING sum(events) >= {int(min_events)} AND count(*) >= {2 * MIN_SIZE + 1}
    """


def top_shifts(store: Store, n: int = 10, since: str | dt.date | None = None, *, by: str = "month",
               min_events: int = 10) -> list[Shift]:
    """The `n` biggest shifts across all country dyads in the store: ranked by magnitude
    less two standard errors, so that certain shifts come before merely large ones.

    Every dyad's per-period series comes from one grouped query; the change-point search
    runs per dyad on numpy arrays (vectorised PELT), and the events that drove the shifts
    shown come from one more query.
    """
    by = "month" if by == "auto" else by
    if by not in PERIODS:
        raise AnalysisError(f"unknown period {by!r} (choose day, week or month)")
    check_store(store)
    since_d = _as_date(since)
    series = store.con.execute(all_dyad_series_sql(by, min_events)).fetchall()
    dyads = []
    for da, db, points in series:
        rows = [r for r in ((p["period"], p["tone"], p["tone_var"], p["n_tone"], p["first_date"]) for p in points)
                if r[1] is not None and r[3] > 0]
        dyads.append((da, db, rows, pelt_inputs([r[1] for r in rows], [r[3] for r in rows],
                                                 [r[2] if r[2] is not None else math.nan for r in rows])))
    # PELT for every dyad at once; the rest of the search is per dyad, over a few numbers.
    searched = iter(pelt_many([inputs for *_, inputs in dyads if inputs is not None]))
    found: list[_Found] = []
    for da, db, rows, inputs in dyads:
        if inputs is None:
            continue
        params = {"a": da, "b": db, "start": dt.date(1, 1, 1), "end": dt.date(9999, 12, 31)}
        found.extend(_find((da, db), params, rows, by, since_d, breakpoints=next(searched)))
    # Biggest first, counting what the data can vouch for: the magnitude less two of its
    # standard errors, so a huge jump between a handful of events in a rarely reported
    # dyad does not outrank a well-documented turn. Events are looked up for those shown.
    found.sort(key=lambda f: -_credible_magnitude(f.change))
    shifts = _shifts(store, found[:n], False)
    return [s for s in shifts if since_d is None or s.date >= since_d]
