"""detente: news in, event data out.

    import detente
    articles = detente.extract("page.html")          # Article objects; .to_dict() for JSON
    with detente.open("news.duckdb") as store:       # a store; every query a pandas DataFrame
        store.ingest(["news/"])
        store.events(source="RUS", target="UKR")

The API lives in detente.api and is loaded on first use, so that `import detente` stays
cheap for the command line and for spaCy, which imports the pipeline components by name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["extract", "open", "sample_corpus", "Store", "DetenteError", "__version__"]

from detente.errors import DetenteError

if TYPE_CHECKING:
    from detente.api import Store, extract, open, sample_corpus  # noqa: F401


def __getattr__(name: str) -> Any:
    if name in ("extract", "open", "sample_corpus", "Store"):
        from detente import api

        return getattr(api, name)
    raise AttributeError(f"module 'detente' has no attribute {name!r}")
