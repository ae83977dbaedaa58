"""Readers: files, folders and standard input -> Documents.

Public API: `read(paths, input_format="auto") -> Iterator[Document | ReadError]`.
(First cut: plain text pages only; the other formats follow.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

from detente.model import Document, ReadError

_HEADER = re.compile(r"^(?P<source>.+?)\s+(?P<ts>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})\s*$")


def read(paths: Sequence[str], input_format: str = "auto") -> Iterator[Document | ReadError]:
    for p in paths:
        path = Path(p)
        files = sorted(f for f in path.rglob("*") if f.is_file()) if path.is_dir() else [path]
        for f in files:
            try:
                text = f.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                yield ReadError(doc_id=f.stem, origin=str(f), error=str(exc))
                continue
            yield text_document(text, doc_id=f.stem, origin=str(f))


def text_document(text: str, doc_id: str, origin: str) -> Document:
    first, _, rest = text.partition("\n")
    m = _HEADER.match(first)
    if m:
        return Document(doc_id=doc_id, origin=origin, text=rest, format="text",
                        source=m["source"], published=datetime.fromisoformat(m["ts"]))
    return Document(doc_id=doc_id, origin=origin, text=text, format="text")
