"""Scale: import, dyad series and shift detection over millions of synthetic event rows.

    .venv/bin/python bench/scale.py [--rows 10000000] [--dir /tmp/detente-scale] [--threads 2]

Steps, each timed, with the process's peak memory (DuckDB runs in-process, so it counts):
1. generate N GDELT 2.0 event rows in DuckDB from range() (no Python loop) and write them
   as a GDELT tab-separated file;
2. `import_events(..., "gdelt")`: the real importer, file -> staging -> mapped INSERT;
3. `dyad_series(USA, RUS, by=week)` over the whole store;
4. `dyad_shifts(USA, RUS)` (auto period: weeks here): the synthetic US-Russia series turns friendlier on
   2020-03-02, which must be found;
5. `top_shifts(10, by=month)` across every country dyad.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import shutil
import tempfile
import time
from pathlib import Path

from detente.analysis.dyads import dyad_series
from detente.analysis.gdelt_format import GDELT_COLUMNS
from detente.analysis.imports import import_events
from detente.analysis.shifts import dyad_shifts, top_shifts
from detente.store.db import Store

COUNTRIES = ["USA", "RUS", "CHN", "UKR", "GBR", "FRA", "DEU", "IRN", "ISR", "TUR", "IND", "PAK", "JPN", "KOR",
             "PRK", "SAU", "SYR", "EGY", "BRA", "MEX", "CAN", "AUS", "POL", "ITA", "ESP", "NGA", "ZAF", "ETH",
             "KEN", "IRQ", "AFG", "QAT", "ARE", "BLR", "GEO", "ARM", "AZE", "KAZ", "VNM", "PHL", "IDN", "THA",
             "MMR", "VEN", "COL", "ARG", "CUB", "SRB", "HUN", "SWE"]
# (CAMEO code, quad class, Goldstein) for a spread of event kinds.
CODES = [("040", 1, 1.0), ("036", 1, 4.0), ("051", 1, 3.4), ("061", 2, 6.4), ("070", 2, 7.0),
         ("112", 3, -2.0), ("130", 3, -4.4), ("163", 4, -8.0), ("173", 4, -5.0), ("190", 4, -10.0)]
TURN = dt.date(2020, 3, 2)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate(con, rows: int, out: Path) -> None:
    countries = "[" + ", ".join(f"'{c}'" for c in COUNTRIES) + "]"
    codes = "[" + ", ".join(f"'{c}'" for c, _, _ in CODES) + "]"
    quads = "[" + ", ".join(str(q) for _, q, _ in CODES) + "]"
    golds = "[" + ", ".join(str(g) for _, _, g in CODES) + "]"
    # Deterministic pseudo-random draws from hashes of the row number. Countries are
    # skewed (a few dyads hold most events, as in real data); the US-Russia dyad leans to
    # conflict before TURN and to cooperation after.
    base = f"""
        SELECT i,
               (hash(i, 1) % 1000000) / 1000000.0 AS u1, (hash(i, 2) % 1000000) / 1000000.0 AS u2,
               (hash(i, 3) % 1000000) / 1000000.0 AS u3, (hash(i, 4) % 1000000) / 1000000.0 AS u4,
               DATE '2015-01-01' + CAST(hash(i, 5) % 3650 AS INTEGER) AS day
        FROM range({rows}) t(i)
    """
    picked = f"""
        SELECT i, day,
               {countries}[1 + CAST(floor(50 * u1 * u1) AS INTEGER)] AS c1,
               {countries}[1 + CAST(floor(50 * u2 * u2) AS INTEGER)] AS c2,
               u3, u4
        FROM ({base})
    """
    kind = f"""
        SELECT *,
               1 + CASE WHEN c1 IN ('USA', 'RUS') AND c2 IN ('USA', 'RUS') AND c1 <> c2
                        THEN (CASE WHEN day >= DATE '{TURN}' THEN CAST(floor(u3 * 5) AS INTEGER)
                                   ELSE 5 + CAST(floor(u3 * 5) AS INTEGER) END)
                        ELSE CAST(floor(u3 * 10) AS INTEGER) END AS k
        FROM ({picked})
    """
    values = {c: "''" for c in GDELT_COLUMNS}
    values.update({
        "GlobalEventID": "CAST(1000000000 + i AS VARCHAR)",
        "Day": "strftime(day, '%Y%m%d')", "MonthYear": "strftime(day, '%Y%m')",
        "Year": "CAST(year(day) AS VARCHAR)", "FractionDate": "printf('%.4f', year(day) + dayofyear(day) / 365.0)",
        "Actor1Code": "c1 || 'GOV'", "Actor1Name": "c1", "Actor1CountryCode": "c1", "Actor1Type1Code": "'GOV'",
        "Actor2Code": "c2", "Actor2Name": "c2", "Actor2CountryCode": "c2",
        "IsRootEvent": "'1'", "EventCode": f"{codes}[k]", "EventBaseCode": f"{codes}[k]",
        "EventRootCode": f"left({codes}[k], 2)", "QuadClass": f"CAST({quads}[k] AS VARCHAR)",
        "GoldsteinScale": f"CAST({golds}[k] AS VARCHAR)",
        "NumMentions": "CAST(1 + CAST(floor(u4 * u4 * 40) AS INTEGER) AS VARCHAR)",
        "NumSources": "'1'", "NumArticles": "CAST(1 + CAST(floor(u4 * u4 * 20) AS INTEGER) AS VARCHAR)",
        "AvgTone": "'0'", "DATEADDED": "strftime(day, '%Y%m%d') || '120000'",
        "SOURCEURL": "'https://example.org/' || i",
    })
    select = ", ".join(f"{v} AS \"{c}\"" for c, v in values.items())
    con.execute(f"COPY (SELECT {select} FROM ({kind})) TO '{out}' (FORMAT csv, DELIMITER '\\t', HEADER false, QUOTE '')")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--dir", type=Path, default=None, help="working folder (default: a temporary one, removed)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--memory-limit", default="6GB", help="DuckDB's memory limit")
    args = ap.parse_args()
    work = args.dir or Path(tempfile.mkdtemp(prefix="detente-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    db, tsv = work / "scale.duckdb", work / "events.export.CSV"
    for path in (db, Path(str(db) + ".wal"), tsv):
        path.unlink(missing_ok=True)
    timings: list[tuple[str, float, float]] = []

    def step(name: str, fn):
        t0 = time.perf_counter()
        result = fn()
        timings.append((name, time.perf_counter() - t0, peak_mb()))
        print(f"{name:<40} {timings[-1][1]:8.1f} s   peak RSS {timings[-1][2]:8.0f} MB", flush=True)
        return result

    try:
        store = Store(db)
        store.con.execute(f"SET threads = {args.threads}")
        store.con.execute(f"SET memory_limit = '{args.memory_limit}'")
        step(f"generate {args.rows:,} GDELT rows (SQL)", lambda: generate(store.con, args.rows, tsv))
        size = tsv.stat().st_size / 1e9
        print(f"{'':<40} file {size:.2f} GB")
        report = step("import_events(gdelt)", lambda: import_events(store, tsv, "gdelt"))
        print(f"{'':<40} {report.rows_added:,} rows added")
        again = step("import again (idempotent: adds nothing)", lambda: import_events(store, tsv, "gdelt"))
        assert again.rows_added == 0
        series = step("dyad_series(USA, RUS, week)", lambda: dyad_series(store, "USA", "RUS", by="week"))
        print(f"{'':<40} {len(series.periods)} weeks, {sum(p.events for p in series.periods):,} events "
              f"from {sum(p.reports for p in series.periods):,} rows")
        shifts = step("dyad_shifts(USA, RUS, auto period)", lambda: dyad_shifts(store, "USA", "RUS"))
        for s in shifts:
            print(f"{'':<40} shift {s.date} {s.before:+.2f} -> {s.after:+.2f} ({s.magnitude:+.1f} sd); "
                  f"true turn {TURN}")
        top = step("top_shifts(10, month) over all dyads", lambda: top_shifts(store, 10, by="month"))
        for s in top[:3]:
            print(f"{'':<40} top {'-'.join(s.dyad)} {s.date} {s.before:+.2f} -> {s.after:+.2f}")
        store.close()
        print(f"\nrows {args.rows:,}; threads {args.threads}; DuckDB memory limit {args.memory_limit}; "
              f"peak RSS {peak_mb():.0f} MB; total {sum(t for _, t, _ in timings):.0f} s")
    finally:
        if args.dir is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
