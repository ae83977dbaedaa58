"""Scale: import, dyad series and shift detection over millions of synthetic event rows.

    .venv/bin/python bench/scale.py [--rows 10000000] [--dir /tmp/detente-scale] [--threads 2]

Steps, each timed, with the resident memory it peaked at (sampled; DuckDB runs in-process, so
it counts), and each beside the plain DuckDB statement doing the same work in the same run:
1. generate N GDELT 2.0 event rows in DuckDB from range() (no Python loop) and write them
   as a GDELT tab-separated file;
2. `import_events(..., "gdelt")`: the real importer (streamed: a one-column counting read, then one
   mapped INSERT, then repeated ids dropped), beside DuckDB reading the file and storing the same
   columns (CREATE TABLE AS);
3. `dyad_series(USA, RUS, by=week)` over the whole store, beside the plain query of its
   per-week figures;
4. `dyad_shifts(USA, RUS)` (auto period: weeks here): the synthetic US-Russia series turns friendlier on
   2020-03-02, which must be found;
5. `top_shifts(10, by=month)` across every country dyad, beside the plain query of every
   dyad's monthly series;
6. the events exported in `detente export`'s layout (a file per year, sorted by the dyad key),
   and `dyad_series` read in place from the folder (`--events DIR`), beside the plain query
   over the folder with the same key filter and without it, each run `--repeat` times,
   interleaved, with the row groups DuckDB read.

`--in-place-only` runs step 6 alone on events generated straight into that layout with DuckDB
(`events_sql`: the rows `import_events` makes of the GDELT file of step 1, checked on 20,000
rows first), so that 100 million events take minutes, not the hours of a text import:

    .venv/bin/python bench/scale.py --in-place-only --rows 100000000 --dir /tmp/scale-100m
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import statistics
import resource
import shutil
import tempfile
import threading
import time
from pathlib import Path

import duckdb
import psutil

from detente.analysis.dyads import dyad_params, dyad_rows_sql, dyad_series, period_sql
from detente.analysis.events_source import _columns, open_events_folder
from detente.datasets.cameo import CODE_TO_PLOVER, ROOT_TO_PLOVER
from detente.analysis.evidence import folded_events
from detente.datasets.gdelt_format import GDELT_COLUMNS
from detente.datasets.imports import import_events
from detente.analysis.shifts import all_dyad_series_sql, dyad_shifts, top_shifts
from detente.store.db import Store
from detente.store.export import table_sql, write_events_folder
from detente.store.schema import dyad_key_sql

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


def _lists() -> tuple[str, str, str, str]:
    countries = "[" + ", ".join(f"'{c}'" for c in COUNTRIES) + "]"
    codes = "[" + ", ".join(f"'{c}'" for c, _, _ in CODES) + "]"
    quads = "[" + ", ".join(str(q) for _, q, _ in CODES) + "]"
    golds = "[" + ", ".join(str(g) for _, _, g in CODES) + "]"
    return countries, codes, quads, golds


def drawn_sql(rows: int) -> str:
    """(i, day, c1, c2, u3, u4, k) of every generated event: its draws, before any format."""
    countries, codes, quads, golds = _lists()
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
    return kind


def generate(con, rows: int, out: Path) -> None:
    """The events as a GDELT 2.0 tab-separated file."""
    _, codes, quads, golds = _lists()
    kind = drawn_sql(rows)
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


def events_sql(rows: int) -> str:
    """The same events as rows of the store's `events` table, exactly as `import_events` maps
    the GDELT file `generate` writes (checked by `check_events_sql`): for the in-place steps
    at sizes where the text file and its import would take hours."""
    countries, codes, quads, golds = _lists()
    plover = "[" + ", ".join(f"'{CODE_TO_PLOVER.get(c[:3]) or ROOT_TO_PLOVER.get(c[:2])}'" for c, _, _ in CODES) + "]"
    values = {
        "row_id": "'gdelt:' || CAST(1000000000 + i AS VARCHAR)", "event_key": "'gdelt:' || CAST(1000000000 + i AS VARCHAR)",
        "dataset": "'gdelt'", "date": "day", "published": "CAST(day AS TIMESTAMP) + INTERVAL 12 HOUR",
        "type": f"{plover}[k]", "cameo": f"{codes}[k]", "quad_class": f"{quads}[k]", "goldstein": f"{golds}[k]",
        "source_id": "c1 || 'GOV'", "source_name": "c1", "source_country": "c1", "source_sector": "'GOV'",
        "target_id": "c2", "target_name": "c2", "target_country": "c2",
        "url": "'https://example.org/' || i", "rule": "'gdelt'",
        "num_mentions": "1 + CAST(floor(u4 * u4 * 40) AS INTEGER)",
        "num_articles": "1 + CAST(floor(u4 * u4 * 20) AS INTEGER)",
        "dyad": dyad_key_sql(),
    }
    columns = _columns()
    # The key is computed from the typed columns, as every writer computes it.
    inner = ", ".join(f"CAST({values[n]} AS {k}) AS {n}" for n, k in columns if n in values and n != "dyad")
    outer = ", ".join(f"{values[n]} AS {n}" if n == "dyad" else n if n in values else f"CAST(NULL AS {k}) AS {n}"
                      for n, k in columns)
    return f"SELECT {outer} FROM (SELECT {inner} FROM ({drawn_sql(rows)}))"


def check_events_sql(work: Path, rows: int = 20_000) -> None:
    """`events_sql` gives the very rows `import_events` makes of `generate`'s file."""
    db, tsv = work / "check.duckdb", work / "check.tsv"
    for path in (db, Path(str(db) + ".wal"), tsv):
        path.unlink(missing_ok=True)
    with Store(db) as store:
        generate(store.con, rows, tsv)
        import_events(store, tsv, "gdelt")
        store.con.execute(f"CREATE TABLE direct AS {events_sql(rows)}")
        for a, b in (("events", "direct"), ("direct", "events")):
            extra = store.con.execute(f"SELECT count(*) FROM (SELECT * FROM {a} EXCEPT ALL SELECT * FROM {b})").fetchone()[0]
            assert extra == 0, f"{extra} rows of {a} are not in {b}"
        assert store.count("events") == rows
    for path in (db, Path(str(db) + ".wal"), tsv):
        path.unlink(missing_ok=True)


def row_groups(con, sql: str, params: dict) -> str:
    """'read / total' row groups of the Parquet scan of `sql`, from DuckDB's profile."""
    plan = con.execute("EXPLAIN ANALYZE " + sql, params).fetchall()[0][1]
    found = re.findall(r"Row Groups Scanned: (\d+) / (\d+)", plan)
    return ", ".join(f"{a} / {b}" for a, b in found) or "?"


class PeakMemory:
    """The highest resident memory of this process while a step runs (sampled every 50 ms)."""

    def __init__(self) -> None:
        self.process = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()

    def __enter__(self) -> "PeakMemory":
        self.peak = self.process.memory_info().rss
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()
        return self

    def _watch(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, self.process.memory_info().rss)

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def plain_import_sql(tsv: Path) -> str:
    """DuckDB reading the GDELT file and storing the columns the importer keeps, typed, with
    nothing else: no country mapping, no CAMEO join, no key."""
    names = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in GDELT_COLUMNS) + "}"
    return f"""
        CREATE OR REPLACE TABLE plain_events AS
        SELECT 'gdelt:' || GlobalEventID AS row_id, try_strptime(Day, '%Y%m%d')::DATE AS date,
               try_strptime(DATEADDED, '%Y%m%d%H%M%S') AS published, EventCode AS cameo,
               try_cast(QuadClass AS TINYINT) AS quad_class, try_cast(GoldsteinScale AS DOUBLE) AS goldstein,
               Actor1Code, Actor1Name, Actor1CountryCode, Actor1Type1Code, Actor1KnownGroupCode,
               Actor2Code, Actor2Name, Actor2CountryCode, Actor2Type1Code, Actor2KnownGroupCode,
               ActionGeo_FullName, try_cast(ActionGeo_Lat AS DOUBLE) AS lat, try_cast(ActionGeo_Long AS DOUBLE) AS lon,
               SOURCEURL, try_cast(NumMentions AS INTEGER) AS num_mentions, try_cast(NumArticles AS INTEGER) AS num_articles
        FROM read_csv('{tsv}', delim='\\t', all_varchar=true, quote='', escape='', header=false, columns={names})
    """


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--dir", type=Path, default=None, help="working folder (default: a temporary one, removed)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--memory-limit", default="6GB", help="DuckDB's memory limit")
    ap.add_argument("--import-only", action="store_true", help="stop after steps 1 and 2 (the import)")
    ap.add_argument("--in-place-only", action="store_true",
                    help="only step 6, the events generated straight into the export's Parquet layout (no text "
                         "file, no import: checked to be the rows the import makes), for 100 million events")
    ap.add_argument("--repeat", type=int, default=3, help="times each in-place query runs (interleaved)")
    ap.add_argument("--reuse-folder", action="store_true",
                    help="with --in-place-only: keep the folder a previous run of the same --rows generated")
    args = ap.parse_args()
    work = args.dir or Path(tempfile.mkdtemp(prefix="detente-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    db, tsv = work / "scale.duckdb", work / "events.export.CSV"
    for path in (db, Path(str(db) + ".wal"), tsv):
        path.unlink(missing_ok=True)
    timings: list[tuple[str, float, float]] = []
    seconds: dict[str, float] = {}

    def step(name: str, fn):
        with PeakMemory() as memory:
            t0 = time.perf_counter()
            result = fn()
            took = time.perf_counter() - t0
        seconds[name] = took
        timings.append((name, took, memory.peak / 2**20))
        print(f"{name:<44} {took:8.1f} s   RSS peak in step {memory.peak / 2**20:7.0f} MB", flush=True)
        return result

    def ratio(ours: str, plain: str, target: str) -> None:
        print(f"{'':<44} ratio {seconds[ours] / seconds[plain]:.2f} of the plain statement ({target})")

    def in_place(folder: Path, expected: dict | None) -> None:
        """One dyad over the Parquet folder, beside the plain query with the same key filter
        (what DuckDB alone does with this layout) and the plain query as it was before the key."""
        with open_events_folder(folder) as in_place:
            con = in_place.con
            con.execute(f"SET threads = {args.threads}")
            con.execute(f"SET memory_limit = '{args.memory_limit}'")
            params = dyad_params(in_place, "USA", "RUS", None, None, "week")
            unkeyed = {k: v for k, v in params.items() if k != "dyad"}
            keyed_sql = period_sql("week", folded_events(dyad_rows_sql(False, keyed=True), texts=False)) + " ORDER BY period"
            plain_sql = period_sql("week", folded_events(dyad_rows_sql(False), texts=False)) + " ORDER BY period"
            print(f"{'':<44} row groups read: keyed {row_groups(con, keyed_sql, params)}, "
                  f"unkeyed {row_groups(con, plain_sql, unkeyed)}")
            keyed_name, plain_name = "plain: one dyad's weekly figures, Parquet, keyed", "plain: the same without the key"
            ours_name = "dyad_series(USA, RUS) on Parquet in place"
            runs: dict[str, list[float]] = {}
            series = None
            for n in range(args.repeat):
                for name, fn in ((keyed_name, lambda: con.execute(keyed_sql, params).fetchall()),
                                 (plain_name, lambda: con.execute(plain_sql, unkeyed).fetchall()),
                                 (ours_name, lambda: dyad_series(in_place, "USA", "RUS", by="week"))):
                    result = step(f"{name} #{n + 1}", fn)
                    runs.setdefault(name, []).append(seconds[f"{name} #{n + 1}"])
                    if name == ours_name:
                        series = result
            median = {name: statistics.median(t) for name, t in runs.items()}
            for name, m in median.items():
                print(f"{name:<52} median {m:7.2f} s of {len(runs[name])}")
            ours = median[ours_name]
            print(f"{'':<44} ratio {ours / median[keyed_name]:.2f} of the keyed plain query, "
                  f"{ours / median[plain_name]:.2f} of the unkeyed one (target <= 2, and < 3 s)")
            print(f"{'':<40} {len(series.periods)} weeks, {sum(p.events for p in series.periods):,} events "
                  f"from {sum(p.reports for p in series.periods):,} rows")
            if expected is not None:
                assert series.to_dict() == expected, "the folder must answer what the store answers"
            shifts = step("dyad_shifts(USA, RUS) on Parquet in place", lambda: dyad_shifts(in_place, "USA", "RUS"))
            for s in shifts:
                print(f"{'':<40} shift {s.date} {s.before:+.2f} -> {s.after:+.2f}; true turn {TURN}")

    def folder_size(folder: Path) -> None:
        files = list(folder.rglob("*.parquet"))
        print(f"{'':<44} {len(files)} files, {sum(f.stat().st_size for f in files) / 1e9:.2f} GB")

    def load() -> str:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())

    print(f"load average {load()} (1, 5, 15 min)")
    if args.in_place_only:
        try:
            check_events_sql(work)
            print("generator checked: the same rows as import_events of the GDELT file (20,000 rows)")
            folder = work / "events-parquet"
            made = folder / f"rows-{args.rows}"  # written last: the folder is whole
            if args.reuse_folder and made.exists():
                print(f"reusing {folder}, generated by an earlier run for {args.rows:,} rows")
            else:
                shutil.rmtree(folder, ignore_errors=True)
                scratch = work / "scratch.duckdb"
                scratch.unlink(missing_ok=True)
                con = duckdb.connect(str(scratch))  # a file, so that the sorts can spill beside it
                con.execute(f"SET threads = {args.threads}")
                con.execute(f"SET memory_limit = '{args.memory_limit}'")
                step(f"generate {args.rows:,} events into the export layout",
                     lambda: write_events_folder(con, events_sql(args.rows), folder / "events"))
                con.close()
                scratch.unlink(missing_ok=True)
                made.touch()
            folder_size(folder)
            print(f"load average {load()}")
            in_place(folder, None)
            print(f"\nrows {args.rows:,}; threads {args.threads}; DuckDB memory limit {args.memory_limit}; "
                  f"peak RSS {peak_mb():.0f} MB; total {sum(t for _, t, _ in timings):.0f} s; load average {load()}")
        finally:
            if args.dir is None:
                shutil.rmtree(work, ignore_errors=True)
        return

    try:
        store = Store(db)
        store.con.execute(f"SET threads = {args.threads}")
        store.con.execute(f"SET memory_limit = '{args.memory_limit}'")
        step(f"generate {args.rows:,} GDELT rows (SQL)", lambda: generate(store.con, args.rows, tsv))
        size = tsv.stat().st_size / 1e9
        print(f"{'':<40} file {size:.2f} GB")
        step("plain: DuckDB reads and stores the columns", lambda: store.con.execute(plain_import_sql(tsv)))
        store.con.execute("DROP TABLE plain_events")
        store.con.execute("CHECKPOINT")
        report = step("import_events(gdelt)", lambda: import_events(store, tsv, "gdelt"))
        print(f"{'':<44} {report.rows_added:,} rows added")
        print(f"{'':<44} rate {seconds['plain: DuckDB reads and stores the columns'] / seconds['import_events(gdelt)']:.2f} "
              "of DuckDB's own (target >= 0.7)")
        again = step("import again (idempotent: adds nothing)", lambda: import_events(store, tsv, "gdelt"))
        assert again.rows_added == 0
        if args.import_only:
            store.close()
            print(f"\nrows {args.rows:,}; threads {args.threads}; DuckDB memory limit {args.memory_limit}; "
                  f"peak RSS {peak_mb():.0f} MB; total {sum(t for _, t, _ in timings):.0f} s")
            return
        params = dyad_params(store, "USA", "RUS", None, None, "week")
        # The same filter as dyad_series, the dyad key included (the store has it; its rows
        # are in file order, so its zone maps skip little).
        plain_dyad = (period_sql("week", folded_events(dyad_rows_sql(False, keyed="dyad" in params), texts=False))
                      + " ORDER BY period")
        step("plain: one dyad's weekly figures (SQL)", lambda: store.con.execute(plain_dyad, params).fetchall())
        series = step("dyad_series(USA, RUS, week)", lambda: dyad_series(store, "USA", "RUS", by="week"))
        ratio("dyad_series(USA, RUS, week)", "plain: one dyad's weekly figures (SQL)", "target <= 2")
        print(f"{'':<40} {len(series.periods)} weeks, {sum(p.events for p in series.periods):,} events "
              f"from {sum(p.reports for p in series.periods):,} rows")
        shifts = step("dyad_shifts(USA, RUS, auto period)", lambda: dyad_shifts(store, "USA", "RUS"))
        for s in shifts:
            print(f"{'':<40} shift {s.date} {s.before:+.2f} -> {s.after:+.2f} ({s.magnitude:+.1f} sd); "
                  f"true turn {TURN}")
        step("plain: every dyad's monthly series (SQL)",
             lambda: store.con.execute(all_dyad_series_sql("month", 10)).fetchall())
        top = step("top_shifts(10, month) over all dyads", lambda: top_shifts(store, 10, by="month"))
        for s in top[:3]:
            print(f"{'':<44} top {'-'.join(s.dyad)} {s.date} {s.before:+.2f} -> {s.after:+.2f}")
        ratio("top_shifts(10, month) over all dyads", "plain: every dyad's monthly series (SQL)", "target <= 3")

        folder = work / "events-parquet"
        shutil.rmtree(folder, ignore_errors=True)
        step("export events (detente export's layout)",
             lambda: write_events_folder(store.con, table_sql(store.con, "events"), folder / "events"))
        store.close()
        folder_size(folder)
        in_place(folder, series.to_dict())
        print(f"\nrows {args.rows:,}; threads {args.threads}; DuckDB memory limit {args.memory_limit}; "
              f"peak RSS {peak_mb():.0f} MB; total {sum(t for _, t, _ in timings):.0f} s")
    finally:
        if args.dir is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
