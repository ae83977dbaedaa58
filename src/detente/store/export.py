"""Exports: every table of the store out as Parquet or JSON Lines files."""

from __future__ import annotations

from pathlib import Path

from detente.store.db import Store
from detente.store.schema import TABLES

EXPORTED_TABLES = tuple(t for t in TABLES if t != "meta")
SUFFIX = {"parquet": "parquet", "jsonl": "jsonl"}


def export_tables(store: Store, out_dir: str | Path, fmt: str) -> list[Path]:
    """Write each table to `out_dir/<table>.<suffix>`; returns the files written."""
    if fmt not in SUFFIX:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(SUFFIX)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    options = "FORMAT parquet, COMPRESSION zstd" if fmt == "parquet" else "FORMAT json"
    written = []
    for table in EXPORTED_TABLES:
        path = out / f"{table}.{SUFFIX[fmt]}"
        # DuckDB writes the file itself: no rows pass through Python.
        store.con.execute(f"COPY (SELECT * FROM {table}) TO '{_quote(path)}' ({options})")
        written.append(path)
    return written


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")
