"""Every table and column of the store is described in store/schema.py, and nothing else is."""

from __future__ import annotations

import duckdb
import pytest

from detente.store.schema import COLUMN_DOCS, COLUMNS_ADDED, TABLE_DOCS, TABLES


def _columns(table: str) -> list[str]:
    con = duckdb.connect()
    for ddl in (*TABLES.values(), *COLUMNS_ADDED):
        con.execute(ddl)
    return [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_column_is_described(table):
    assert TABLE_DOCS.get(table), f"table {table} has no description"
    assert sorted(COLUMN_DOCS.get(table, {})) == sorted(_columns(table))
    assert all(text.strip() for text in COLUMN_DOCS[table].values())


def test_no_description_of_a_table_that_does_not_exist():
    assert set(TABLE_DOCS) == set(TABLES) and set(COLUMN_DOCS) == set(TABLES)
