"""Column lists agree with the store's schema (store/schema.py), the one source of them."""

from __future__ import annotations

import duckdb
import pytest

from detente.store.rows import SCHEMAS
from detente.store.schema import COLUMNS_ADDED, DERIVED_COLUMNS, TABLES


def _table_columns() -> dict[str, list[str]]:
    con = duckdb.connect()
    for ddl in (*TABLES.values(), *COLUMNS_ADDED):
        con.execute(ddl)
    return {t: [r[0] for r in con.execute(f"DESCRIBE {t}").fetchall()] for t in TABLES}


@pytest.mark.parametrize("table", sorted(SCHEMAS))
def test_the_arrow_batches_have_the_tables_columns_in_order(table):
    # Columns the store fills itself (a default, a timestamp, a key computed on insert) may be
    # left out of the batches.
    filled_by_store = {"ingested_at", "failed_at", "num_mentions", "num_articles", *DERIVED_COLUMNS.get(table, {})}
    expected = [c for c in _table_columns()[table] if c not in filled_by_store]
    assert list(SCHEMAS[table].names) == expected
