"""`detente serve`: web pages and a JSON API over a store, on the reader's own machine."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from detente.serve.app import create_app, run

__all__ = ["create_app", "run"]


def __getattr__(name: str) -> Any:
    # FastAPI is loaded on first use, not with the package: the CLI imports serve.commands at start.
    if name in __all__:
        from detente.serve import app

        return getattr(app, name)
    raise AttributeError(f"module 'detente.serve' has no attribute {name!r}")
