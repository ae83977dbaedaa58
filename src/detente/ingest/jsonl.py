"""JSON Lines: one document a line, `{"id", "text" | "html", "published", "source", "url"}`.

A line that is not a usable record gives a ReadError for that line only; the rest go on.
The N-th line's origin is `path#N` and, without an `id`, its doc_id is `<stem>-N`.
Lines are read one at a time and never more than the per-document limit of one is kept.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import datetime
from typing import BinaryIO

from detente.ingest.decode import decode
from detente.ingest.html import html_document, page_date
from detente.ingest.limits import DOCUMENT_ENV, Limits, size_text, too_large
from detente.ingest.streams import bounded_lines
from detente.model import Document, ReadError

log = logging.getLogger(__name__)


def read_jsonl(stream: BinaryIO, stem: str, origin: str, limits: Limits | None = None,
               records: slice = slice(None)) -> Iterator[Document | ReadError]:
    """Documents for the records (non-blank lines) of a JSON Lines stream; with `records`, only
    records records.start .. records.stop - 1 (counted from 0; the lines before are not parsed)."""
    limit = (limits or Limits()).document_bytes
    first, stop = records.start or 0, records.stop
    index = 0
    for number, (raw, length) in enumerate(bounded_lines(stream, limit), start=1):
        if length <= limit and not raw.strip():
            continue
        index += 1
        if index <= first:
            continue
        if stop is not None and index > stop:
            return
        if length > limit:
            yield ReadError(f"{stem}-{number}", f"{origin}#{number}",
                            f"line {number} is " + too_large(size_text(length), limit, DOCUMENT_ENV))
            continue
        yield record_document(raw, number, stem, origin)


def count_records(stream: BinaryIO, limits: Limits | None = None) -> int:
    """How many records `read_jsonl` gives for the stream (its non-blank lines), none parsed."""
    limit = (limits or Limits()).document_bytes
    return sum(1 for raw, length in bounded_lines(stream, limit) if length > limit or raw.strip())


def record_document(raw: bytes, number: int, stem: str, origin: str) -> Document | ReadError:
    """One line as a Document, or a ReadError saying what is wrong with it (never raises)."""
    try:
        return _record_document(raw, number, stem, origin)
    except Exception as exc:  # whatever a record holds, it costs that record only
        return ReadError(f"{stem}-{number}", f"{origin}#{number}",
                         f"line {number} could not be read ({type(exc).__name__}: {exc})")


def _record_document(raw: bytes, number: int, stem: str, origin: str) -> Document | ReadError:
    doc_id, where = f"{stem}-{number}", f"{origin}#{number}"
    try:
        record = json.loads(raw.decode("ascii") if raw.isascii() else decode(raw).text)
    except ValueError as exc:
        reason = f"{exc.msg}, column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else str(exc)
        return ReadError(doc_id, where, f"line {number} is not valid JSON ({reason})")
    except RecursionError:
        return ReadError(doc_id, where, f"line {number} is JSON nested too deeply to read")
    if not isinstance(record, dict):
        return ReadError(doc_id, where, f"line {number} is not a JSON object")
    if record.get("id") not in (None, ""):
        doc_id = str(record["id"])
    text, html = record.get("text"), record.get("html")
    url = _string(record.get("url"))
    published = _published(record.get("published"), where)
    if isinstance(text, str) and text.strip():
        return Document(doc_id=doc_id, origin=where, text=text, format="jsonl",
                        source=_string(record.get("source")), url=url, published=published,
                        title=_string(record.get("title") or record.get("headline")))
    if isinstance(html, str) and html.strip():
        document = html_document(html, doc_id, where, url=url, fetched=published)
        if isinstance(document, Document):
            # What the record states beats what was guessed from the page.
            document.source = _string(record.get("source")) or document.source
            document.published = published or document.published
        return document
    return ReadError(doc_id, where, f'line {number} has no "text" or "html" string to read')


def _string(value: object) -> str | None:
    return str(value).strip() or None if value not in (None, "") else None


def _published(value: object, where: str) -> datetime | None:
    if value in (None, ""):
        return None
    parsed = page_date(str(value))
    if parsed is None:
        log.warning("%s: ignoring unreadable published date %r", where, value)
    return parsed
