"""Event datasets queried in place: a folder of Parquet files standing in for a store's events.

Users keep large event sets (GDELT, an export of ours) as Parquet folders, often
hive-partitioned by year or month (`events/year=2024/month=3/part-0.parquet`). Importing a
billion rows to ask about one dyad is waste: the analysis reads such a folder where it lies,
through one relation with the columns of the store's `events` table (a column the files lack
is NULL; partition columns and other extra columns are left out).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from detente.errors import DetenteError
from detente.store.db import Store
from detente.store.schema import TABLES


class EventsFolderError(DetenteError):
    """The folder holds no Parquet event files."""


def _files(folder: Path) -> str:
    """The Parquet files of the folder's events: an export's `events.parquet` or `events/`
    folder if there is one (an export holds every table), else every Parquet file under it."""
    if (folder / "events.parquet").is_file():
        return str(folder / "events.parquet")
    if (folder / "events").is_dir():
        folder = folder / "events"
    if not any(folder.rglob("*.parquet")):
        raise EventsFolderError(f"{folder}: no Parquet files (*.parquet) in this folder or below it")
    return str(folder / "**" / "*.parquet")


def _columns() -> list[tuple[str, str]]:
    """The store's events columns and their types, from the schema itself."""
    scratch = duckdb.connect()
    try:
        scratch.execute(TABLES["events"])
        return [(r[0], r[1]) for r in scratch.execute("DESCRIBE events").fetchall()]
    finally:
        scratch.close()


def events_relation(con: duckdb.DuckDBPyConnection, folder: str | Path) -> duckdb.DuckDBPyRelation:
    """The events of a Parquet folder as a relation on `con`, with the store's event columns."""
    folder = Path(folder)
    if not folder.is_dir():
        raise EventsFolderError(f"{folder}: no such folder")
    pattern = _files(folder).replace("'", "''")
    scan = f"read_parquet('{pattern}', hive_partitioning = true, union_by_name = true)"
    present = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {scan}").fetchall()}
    # A column the files lack is NULL: for the dyad key that means "read this row", so files
    # of other origins and older exports answer in full, only without skipping row groups.
    select = ", ".join(f'"{name}"' if name in present else f'CAST(NULL AS {kind}) AS "{name}"'
                       for name, kind in _columns())
    return con.sql(f"SELECT {select} FROM {scan}")


def open_events_folder(folder: str | Path) -> Store:
    """An in-memory store whose `events` are the Parquet folder's, read in place: every
    analysis function (dyad series, shifts) works on it unchanged."""
    store = Store(":memory:")
    try:
        relation = events_relation(store.con, folder)
        store.con.execute("DROP TABLE events")
        relation.create_view("events", replace=True)
    except Exception:
        store.close()
        raise
    return store
