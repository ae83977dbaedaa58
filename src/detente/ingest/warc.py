"""Web archives (WARC, WARC.gz): every HTML response record is one document.

Records are streamed from the file, never loaded all at once. A damaged archive gives the
records read so far and then one ReadError for the rest.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator

from detente.ingest.decode import decode
from detente.ingest.html import html_document, page_date
from detente.model import Document, ReadError

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 1 << 20


def read_warc(stream: BinaryIO, stem: str, origin: str) -> Iterator[Document | ReadError]:
    """Documents for the HTML records of a WARC stream; the N-th one is `<stem>-N`, `origin#N`."""
    count = 0
    gzipped = stream.read(2) == b"\x1f\x8b"
    stream.seek(0)

    def damaged(why: str) -> ReadError:
        return ReadError(f"{stem}-{count + 1}", f"{origin}#{count + 1}",
                         f"WARC archive is truncated or damaged after {count} HTML record(s); "
                         f"the rest could not be read ({why})")

    try:
        for record in ArchiveIterator(stream):
            if not _is_html_page(record):
                continue
            payload = record.content_stream().read()
            if getattr(record.raw_stream, "limit", 0) > 0:  # fewer bytes than Content-Length
                yield damaged("the last record is cut short")
                return
            count += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            fetched = page_date(record.rec_headers.get_header("WARC-Date"))
            yield html_document(decode(payload).text, f"{stem}-{count}", f"{origin}#{count}",
                                url=url, fetched=fetched, format="warc")
    except Exception as exc:  # warcio fails in many ways on a damaged archive
        yield damaged(f"{type(exc).__name__}: {exc}")
        return
    if gzipped and stream.seekable() and not _gzip_complete(stream):
        yield damaged("the gzip stream ends in the middle of a record")
        return
    if count == 0:
        yield ReadError(stem, origin, "WARC archive has no HTML response records")


def _gzip_complete(stream: BinaryIO) -> bool:
    """Whether every gzip member of the stream is whole (warcio stops quietly at a cut one)."""
    stream.seek(0)
    member = zlib.decompressobj(16 + zlib.MAX_WBITS)
    started = False
    while chunk := stream.read(_CHUNK):
        while chunk:
            started = True
            member.decompress(chunk)
            if not member.eof:
                break
            chunk = member.unused_data
            member = zlib.decompressobj(16 + zlib.MAX_WBITS)
            started = False
    return not started


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


