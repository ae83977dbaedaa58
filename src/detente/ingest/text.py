"""Plain text pages, as scraped: an optional first line `PUBLISHER YYYY-MM-DD HH:MM:SS`."""

from __future__ import annotations

import re
from datetime import datetime

from detente.model import Document

# "The New York Times 2025-02-19 00:11:08": the publisher, then when the page was published.
_HEADER = re.compile(
    r"^(?P<source>\S.{0,99}?)\s+(?P<date>\d{4}-\d{2}-\d{2})(?:[ T](?P<time>\d{2}:\d{2}(?::\d{2})?))?\s*$")


def text_document(text: str, doc_id: str, origin: str) -> Document:
    """A text page as one Document; the header line, when present, becomes source and published.

    The rest of the text is kept exactly as it was (no newline or whitespace changes), so a
    verbatim article's offsets match the file after its header line.
    """
    first, newline, rest = text.partition("\n")
    match = _HEADER.match(first.rstrip("\r"))
    if match and newline:
        published = _parse(match["date"], match["time"])
        if published is not None:
            return Document(doc_id=doc_id, origin=origin, text=rest, format="text",
                            source=match["source"].strip(), published=published)
    return Document(doc_id=doc_id, origin=origin, text=text, format="text")


def _parse(date: str, time: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(f"{date}T{time}" if time else date)
    except ValueError:  # 2025-02-30 and the like: not a header after all
        return None
