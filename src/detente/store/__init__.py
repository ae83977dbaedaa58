"""The embedded DuckDB store: schema, idempotent writes, exports."""

from detente.store.db import DEFAULT_DB, Store, StoreError, document_key

__all__ = ["DEFAULT_DB", "Store", "StoreError", "document_key"]
