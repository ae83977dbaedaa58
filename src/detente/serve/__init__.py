"""`detente serve`: web pages and a JSON API over a store, on the reader's own machine."""

from detente.serve.app import create_app, run

__all__ = ["create_app", "run"]
