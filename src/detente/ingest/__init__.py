"""Readers: files, folders and standard input -> Documents.

Public API: `read(paths, input_format="auto", limits=None) -> Iterator[Document | ReadError]`.

- `-` reads standard input (text unless its content says otherwise).
- Folders are read recursively, in sorted order, skipping hidden files and folders; symbolic
  links that lead out of the folder are not followed (files.py).
- Named pipes, devices and sockets are never opened: each gives a ReadError.
- Formats (detect.py): text pages (text.py), HTML (html.py), WARC and WARC.gz (warc.py),
  JSON Lines (jsonl.py); any of them may be gzipped, even twice. `input_format` forces one.
- Cost is bounded (limits.py): decompression is streamed and stops at a per-file limit; a
  document over the per-document limit is refused with its size before any work.
- Text is normalised once here (normalize.py): every later stage sees the same clean text,
  and origins and ids are printable (undecodable file-name bytes shown as `\\xNN`).
- Nothing here raises for bad input: a file or record that cannot be read becomes a
  ReadError with a message for the user, and the stream goes on.
"""

from __future__ import annotations

import io
import logging
import os
import stat
import sys
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from detente.ingest.decode import binary_reason, decode
from detente.ingest.detect import FORMATS, detect
from detente.ingest.files import special_kind, walk
from detente.ingest.html import html_document
from detente.ingest.jsonl import count_records, read_jsonl
from detente.ingest.limits import DOCUMENT_ENV, Limits, over_limit, size_text, too_large
from detente.ingest.normalize import normalize_field, normalize_text, printable
from detente.ingest.streams import GZIP_MAGIC, BoundedGunzip, TooLarge, expansion_error, gunzip, read_at_most, sniff
from detente.ingest.text import text_document
from detente.ingest.warc import count_pages, read_warc
from detente.model import Document, ReadError

__all__ = ["read", "input_files", "record_count", "FORMATS", "Limits"]

log = logging.getLogger(__name__)
STDIN = "-"
_SNIFF = 64 * 1024
_MAX_GZIP_LAYERS = 3  # a .warc.gz gzipped again is plausible; deeper nesting is not news


def read(paths: Sequence[str], input_format: str = "auto", limits: Limits | None = None,
         records: slice = slice(None)) -> Iterator[Document | ReadError]:
    """Documents from files, folders and `-` (standard input), one at a time.

    `records` keeps, of each file, the documents records.start .. records.stop - 1 (what
    `islice` would keep): a cluster job's share of one large WARC or JSON Lines file. The
    records before the range are passed over without being parsed."""
    if input_format != "auto" and input_format not in FORMATS:
        raise ValueError(f"unknown input format {input_format!r}; expected auto or one of {FORMATS}")
    limits = limits or Limits.from_env()
    for given in paths:
        for item in _read_given(given, input_format, limits, records):
            yield _normalised(item)


def input_files(paths: Sequence[str]) -> Iterator[str]:
    """The files `read(paths)` reads, in its order (folders expanded as `read` walks them): how a
    cluster job is split. Links out of a folder's tree are left out here as `read` leaves them."""
    for given in paths:
        path = Path(given)
        if given != STDIN and path.is_dir():
            yield from (str(entry) for entry in walk(path) if isinstance(entry, Path))
        else:
            yield given


def record_count(path: str, input_format: str = "auto", limits: Limits | None = None) -> int | None:
    """How many documents a WARC or JSON Lines file holds (`read`'s records), counted without
    parsing one; None for a file of one document or one that cannot be read (the reader says why)."""
    limits = limits or Limits.from_env()
    try:
        with open(path, "rb") as raw:
            head, stream = sniff(raw, _SNIFF)
            for _ in range(_MAX_GZIP_LAYERS):
                if not head.startswith(GZIP_MAGIC):
                    break
                head, stream = sniff(gunzip(stream, limits.file_bytes), _SNIFF)
            fmt = input_format if input_format != "auto" else detect(head, Path(path).name)
            if fmt == "warc":
                return count_pages(stream)
            if fmt == "jsonl":
                return count_records(stream, limits)
    except Exception:  # noqa: BLE001 - reading it will report what is wrong, once
        log.debug("counting the records of %s failed", path, exc_info=True)
    return None


def _read_given(given: str, input_format: str, limits: Limits,
                records: slice) -> Iterator[Document | ReadError]:
    if given == STDIN:
        yield from _read_source(sys.stdin.buffer, "", "stdin", STDIN, input_format, limits, records)
        return
    path = Path(given)
    origin = printable(given)
    try:
        is_dir = path.is_dir()
    except OSError as exc:
        yield ReadError(_stem(path.name), origin, f"cannot read: {exc.strerror or exc}")
        return
    if is_dir:
        for entry in walk(path):
            if isinstance(entry, ReadError):
                yield entry
            else:
                yield from _read_file(entry, input_format, limits, records)
    elif path.exists():
        yield from _read_file(path, input_format, limits, records)
    elif path.is_symlink():
        yield ReadError(_stem(path.name), origin, "symbolic link to a file that does not exist")
    else:
        yield ReadError(_stem(path.name), origin, "no such file or folder")


def _read_file(path: Path, input_format: str, limits: Limits,
               records: slice = slice(None)) -> Iterator[Document | ReadError]:
    origin, stem = printable(str(path)), _stem(path.name)
    kind = special_kind(path)
    if kind:  # opening a FIFO blocks until a writer comes; a device may never end
        yield ReadError(stem, origin, f"{kind}, not a regular file: skipped without reading it")
        return
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield ReadError(stem, origin, f"cannot open: {exc.strerror or exc}")
        return
    with handle:
        yield from _read_source(handle, path.name, stem, origin, input_format, limits, records)


def _stem(name: str) -> str:
    """The file name without its suffix(es), printable: `crawl.warc.gz` -> `crawl`."""
    if name.lower().endswith(".gz"):
        name = name[:-3]
    return printable(Path(name).stem or name)


def _read_source(raw: BinaryIO, name: str, stem: str, origin: str, input_format: str,
                 limits: Limits, records: slice = slice(None)) -> Iterator[Document | ReadError]:
    """Everything in one open file or stream, read once, front to back (stdin cannot rewind)."""
    layers: list[BoundedGunzip] = []

    def truncated() -> ReadError | None:
        if any(layer.trailing for layer in layers):
            log.warning("%s: ignored bytes after the end of the compressed data", origin)
        if any(layer.truncated for layer in layers):
            return ReadError(stem, origin, "compressed file is truncated (it ends in the middle of a gzip "
                                           "member); what came before the cut was read")
        return None

    try:
        head, stream = sniff(raw, _SNIFF)
        if not head:
            yield ReadError(stem, origin, "empty file (0 bytes): nothing to read")
            return
        while head.startswith(GZIP_MAGIC):
            if len(layers) == _MAX_GZIP_LAYERS:
                yield ReadError(stem, origin, f"compressed more than {_MAX_GZIP_LAYERS} times over: not read")
                return
            unpacked = gunzip(stream, limits.file_bytes)
            layers.append(unpacked.raw)
            head, stream = sniff(unpacked, _SNIFF)
            if not head:
                yield truncated() or ReadError(stem, origin, "compressed file holds nothing (0 bytes once "
                                                             "decompressed)")
                return
        fmt = input_format if input_format != "auto" else detect(head, name)
        if fmt in ("warc", "jsonl"):
            reader = read_warc if fmt == "warc" else read_jsonl
            last = None
            for last in reader(stream, stem, origin, limits, records):
                yield last
            # A range that stops before the end leaves the file's damage to the range that reads it.
            cut = truncated() if records.stop is None else None
            if cut and not (isinstance(last, ReadError) and "truncated" in last.error):
                yield cut
            elif last is None and not records.start and records.stop is None:
                yield ReadError(stem, origin, "JSON Lines file holds only blank lines: nothing to read")
        elif records.start or records.stop == 0:  # a one-document file has no record after the first
            return
        else:
            data = _single_bytes(stream, raw, bool(layers), stem, origin, limits)
            yield truncated() or _single(data, fmt, stem, origin) if isinstance(data, bytes) else data
    except TooLarge as exc:
        yield ReadError(stem, origin, expansion_error(exc))
    except (EOFError, zlib.error) as exc:
        yield ReadError(stem, origin, f"compressed file is damaged ({exc})")
    except OSError as exc:
        yield ReadError(stem, origin, f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # a reader's bug must cost one file, not the run
        log.debug("reading %s failed", origin, exc_info=True)
        yield ReadError(stem, origin, f"could not be read ({type(exc).__name__}: {exc})")


def _single_bytes(stream: BinaryIO, raw: BinaryIO, compressed: bool, stem: str, origin: str,
                  limits: Limits) -> bytes | ReadError:
    """The bytes of a one-document file, or a ReadError if they pass the per-document limit
    (an uncompressed file is refused from its size on disk, unread)."""
    on_disk = _size_on_disk(raw)
    if not compressed and on_disk is not None and on_disk > limits.document_bytes:
        return ReadError(stem, origin, "document is " + too_large(size_text(on_disk), limits.document_bytes,
                                                                  DOCUMENT_ENV))
    data = read_at_most(stream, limits.document_bytes)
    if len(data) > limits.document_bytes:
        return ReadError(stem, origin, over_limit("document" + (" once decompressed" if compressed else ""),
                                                  limits.document_bytes))
    return data


def _single(data: bytes, fmt: str, stem: str, origin: str) -> Document | ReadError:
    """A file that holds one document (text page or HTML page)."""
    if not data.strip():
        return ReadError(stem, origin, "file holds only whitespace: nothing to read")
    reason = binary_reason(data)
    if reason:
        return ReadError(stem, origin, reason)
    decoded = decode(data)
    if decoded.note:
        log.warning("%s: %s", origin, decoded.note)
    if fmt == "html":
        return html_document(decoded.text, stem, origin)
    return text_document(decoded.text, stem, origin)


def _size_on_disk(raw: BinaryIO) -> int | None:
    try:
        info = os.fstat(raw.fileno())
        return info.st_size if stat.S_ISREG(info.st_mode) else None
    except (OSError, AttributeError, io.UnsupportedOperation):
        return None


def _normalised(item: Document | ReadError) -> Document | ReadError:
    """The one place text is normalised: every Document and ReadError leaves read() clean."""
    if isinstance(item, ReadError):
        item.doc_id, item.origin, item.error = printable(item.doc_id), printable(item.origin), printable(item.error)
        return item
    item.doc_id = printable(normalize_text(item.doc_id)) or "document"
    item.origin = printable(item.origin)
    item.text = normalize_text(item.text)
    item.source = normalize_field(item.source)
    item.url = normalize_field(item.url)
    item.title = normalize_field(item.title)
    return item
