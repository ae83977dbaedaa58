"""How much one input may cost: the size limits applied while reading, before any analysis.

Two limits, both on bytes as read or as produced by decompression (never on what the file
says about itself):

- per document (`DETENTE_MAX_DOCUMENT_MB`, default 64): one text or HTML page, one WARC
  record's payload, one JSON Lines line. A larger document is refused with its size and
  the limit before any work is done on it. News pages are a few hundred KB; a scraped dump
  of fused pages may reach tens of MB and still splits into articles the analysis takes.
- per file (`DETENTE_MAX_FILE_MB`, default 2048): everything decompression may produce from
  one compressed file (all members and layers of a .gz, a .warc.gz crawl). It stops
  decompression bombs (7 KB that expand to gigabytes) while a real crawl file of a few
  hundred MB compressed still reads.

Set the environment variables (in MB, decimals allowed) to raise or lower them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from detente.errors import DetenteError

MB = 1 << 20
DOCUMENT_ENV = "DETENTE_MAX_DOCUMENT_MB"
FILE_ENV = "DETENTE_MAX_FILE_MB"
DEFAULT_DOCUMENT_MB = 64
DEFAULT_FILE_MB = 2048


class LimitError(DetenteError, ValueError):
    """A limit variable that is not a positive number."""


@dataclass(frozen=True, slots=True)
class Limits:
    document_bytes: int = DEFAULT_DOCUMENT_MB * MB
    file_bytes: int = DEFAULT_FILE_MB * MB

    @classmethod
    def from_env(cls) -> Limits:
        return cls(_env_bytes(DOCUMENT_ENV, DEFAULT_DOCUMENT_MB), _env_bytes(FILE_ENV, DEFAULT_FILE_MB))


def _env_bytes(name: str, default_mb: float) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return int(default_mb * MB)
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value > 0 or value == float("inf"):
        raise LimitError(f"{name} must be a positive number of MB, not {raw!r}")
    return max(1, int(value * MB))


def size_text(n: int) -> str:
    """A byte count for people: `512 bytes`, `310 KB`, `64.0 MB`."""
    if n < 10_000:
        return f"{n:,} bytes"
    if n < MB:
        return f"{n / 1024:,.0f} KB"
    return f"{n / MB:,.1f} MB"


def too_large(size: str, limit: int, env: str) -> str:
    """The message for a document or file over a limit: its size, the limit, how to raise it."""
    return (f"{size}, more than the limit of {size_text(limit)}; refused before any work "
            f"(set {env} to raise the limit)")


def over_limit(what: str, limit: int) -> str:
    """The message for a document whose size is unknown past the limit (it was not read further)."""
    return (f"{what} is larger than the per-document limit of {size_text(limit)}; refused, not read "
            f"further (set {DOCUMENT_ENV} to raise the limit)")
