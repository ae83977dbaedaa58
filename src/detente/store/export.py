"""Exports: every table of the store out as Parquet or JSON Lines files.

Parquet events go out as a folder partitioned by year, the way users keep GDELT and the way
`--events DIR` reads it: `events/year=2024/data_0.parquet` (`year=__HIVE_DEFAULT_PARTITION__`
for undated rows), each file sorted by the dyad key, then date. Sorted, a file's row groups
each hold a few dyads, and their min/max statistics let a dyad query skip the others. The
other tables are one file each.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from detente.store.db import Store
from detente.store.schema import DERIVED_COLUMNS, TABLES

EXPORTED_TABLES = tuple(t for t in TABLES if t != "meta")
SUFFIX = {"parquet": "parquet", "jsonl": "jsonl"}
PARQUET = "FORMAT parquet, COMPRESSION zstd"
# Hive's name for the partition of rows whose value is NULL (DuckDB and Arrow read it so).
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"
# Within a year: by dyad, so that a dyad's rows share few row groups; then by date and id, so
# that the same store always gives the same files.
EVENTS_ORDER = "dyad, date, row_id"


def export_tables(store: Store, out_dir: str | Path, fmt: str) -> list[Path]:
    """Write each table to `out_dir/<table>.<suffix>`, Parquet events to the folder
    `out_dir/events/`; returns the files and folders written."""
    if fmt not in SUFFIX:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(SUFFIX)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    options = PARQUET if fmt == "parquet" else "FORMAT json"
    written = []
    for table in EXPORTED_TABLES:
        source = table_sql(store.con, table)
        if fmt == "parquet" and table == "events":
            written.append(write_events_folder(store.con, source, out / "events"))
            continue
        path = out / f"{table}.{SUFFIX[fmt]}"
        # DuckDB writes the file itself: no rows pass through Python.
        store.con.execute(f"COPY ({source}) TO '{_quote(path)}' ({options})")
        written.append(path)
    return written


def table_sql(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """SELECT of every row of `table` with its derived columns: a store opened read-only may
    predate one (it is added when a store is opened for writing), so it is computed here."""
    present = {r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()}
    missing = [f"{expr} AS {column}" for column, (_, expr) in DERIVED_COLUMNS.get(table, {}).items()
               if column not in present]
    return f"SELECT *{''.join(', ' + m for m in missing)} FROM {table}"


def write_events_folder(con: duckdb.DuckDBPyConnection, source: str, folder: Path,
                        row_group_size: int | None = None) -> Path:
    """Write the events rows of the query `source` (with the store's events columns, `dyad`
    among them) as `folder/year=YYYY/data_0.parquet`, each file sorted by EVENTS_ORDER.

    One COPY per year: DuckDB's PARTITION_BY writes a partition's row groups from several
    threads in no set order, which would undo the sort; a year at a time also bounds the sort.
    `row_group_size`: rows per row group (DuckDB's default, 122,880, when None)."""
    options = PARQUET + (f", ROW_GROUP_SIZE {int(row_group_size)}" if row_group_size else "")
    folder.mkdir(parents=True, exist_ok=True)
    # A previous export into the same place is replaced, not mixed in: its files (and the
    # single events.parquet of older versions, which `--events` would read first) go.
    for old in [*folder.glob("year=*/data_*.parquet"), *folder.glob("data_*.parquet"),
                folder.with_name(folder.name + ".parquet")]:
        old.unlink(missing_ok=True)
    years = [r[0] for r in con.execute(f"SELECT DISTINCT year(date) FROM ({source}) ORDER BY 1 NULLS LAST").fetchall()]
    if not years:  # no events: one empty file keeps the columns for whoever reads the folder
        con.execute(f"COPY ({source}) TO '{_quote(folder / 'data_0.parquet')}' ({options})")
    for year in years:
        part = folder / f"year={NULL_PARTITION if year is None else year}"
        part.mkdir(exist_ok=True)
        where = "date IS NULL" if year is None else f"year(date) = {int(year)}"
        con.execute(f"COPY (SELECT * FROM ({source}) WHERE {where} ORDER BY {EVENTS_ORDER}) "
                    f"TO '{_quote(part / 'data_0.parquet')}' ({options})")
    return folder


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")
