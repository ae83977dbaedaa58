"""Web archives (WARC, WARC.gz): every HTML response record is one document.

Records are streamed from the file, never loaded all at once; the caller has already
undone any gzip layer with a bounded decompressor (streams.py), so warcio reads plain WARC
and a truncated or oversized .warc.gz is reported from there. A record's payload is read up
to the per-document limit only. A damaged archive gives the records read so far and then
one ReadError for the rest.

A cluster job cuts one archive into ranges of HTML records (`records`): the records before a
range are recognised from their headers and passed over unread (their pages are neither
decoded nor extracted), and reading stops at the range's end. `count_pages` gives the number
of HTML records to cut, from the headers alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator

from detente.ingest.decode import decode
from detente.ingest.html import html_document, page_date
from detente.ingest.limits import Limits, over_limit
from detente.ingest.streams import TooLarge, expansion_error, read_at_most
from detente.model import Document, ReadError

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(stream: BinaryIO, stem: str, origin: str, limits: Limits | None = None,
              records: slice = slice(None)) -> Iterator[Document | ReadError]:
    """Documents for the HTML records of a WARC stream; the N-th one is `<stem>-N`, `origin#N`.
    With `records`, only HTML records records.start .. records.stop - 1 (counted from 0)."""
    limits = limits or Limits()
    first, stop = records.start or 0, records.stop
    count = 0

    def damaged(why: str) -> ReadError:
        return ReadError(f"{stem}-{count + 1}", f"{origin}#{count + 1}",
                         f"WARC archive is truncated or damaged after {count} HTML record(s); "
                         f"the rest could not be read ({why})")

    try:
        for record in ArchiveIterator(stream):
            if not _is_html_page(record):
                continue
            if stop is not None and count >= stop:
                return
            if count < first:  # before the range: counted, not read (warcio skips the payload)
                count += 1
                continue
            payload = read_at_most(record.content_stream(), limits.document_bytes)
            count += 1
            doc_id, where = f"{stem}-{count}", f"{origin}#{count}"
            if len(payload) > limits.document_bytes:
                yield ReadError(doc_id, where, over_limit("WARC record's page", limits.document_bytes))
                continue
            if getattr(record.raw_stream, "limit", 0) > 0:  # fewer bytes than Content-Length
                count -= 1
                yield damaged("the last record is cut short")
                return
            url = record.rec_headers.get_header("WARC-Target-URI")
            fetched = page_date(record.rec_headers.get_header("WARC-Date"))
            yield html_document(decode(payload).text, doc_id, where, url=url, fetched=fetched, format="warc")
    except TooLarge as exc:
        yield ReadError(f"{stem}-{count + 1}", f"{origin}#{count + 1}",
                        f"WARC archive: {expansion_error(exc)} (stopped after {count} HTML record(s))")
        return
    except Exception as exc:  # warcio fails in many ways on a damaged archive
        yield damaged(f"{type(exc).__name__}: {exc}")
        return
    if count == 0 and first == 0 and stop != 0:
        yield ReadError(stem, origin, "WARC archive has no HTML response records")


def count_pages(stream: BinaryIO) -> int:
    """How many HTML records `read_warc` would read from the stream (headers only; a damaged
    archive counts the records before the damage)."""
    count = 0
    try:
        for record in ArchiveIterator(stream):
            count += _is_html_page(record)
    except Exception:  # noqa: BLE001 - the reader reports the damage; here the count so far is the answer
        pass
    return count


def _is_html_page(record) -> bool:  # warcio's ArcWarcRecord
    if record.rec_type not in ("response", "resource"):
        return False
    if record.rec_type == "response":
        if record.http_headers is None:
            return False
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return False
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    return content_type.split(";")[0].strip().lower() in _HTML_TYPES
