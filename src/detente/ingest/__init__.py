"""Readers: files, folders and standard input -> Documents.

Public API: `read(paths, input_format="auto") -> Iterator[Document | ReadError]`.

- `-` reads standard input (text unless its content says otherwise).
- Folders are read recursively, in sorted order, skipping hidden files and folders.
- Formats (detect.py): text pages (text.py), HTML (html.py), WARC and WARC.gz (warc.py),
  JSON Lines (jsonl.py); any of them may be gzipped. `input_format` forces one.
- Nothing here raises for bad input: a file or record that cannot be read becomes a
  ReadError with a message for the user, and the stream goes on.
"""

from __future__ import annotations

import gzip
import io
import logging
import os
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from detente.ingest.decode import binary_reason, decode
from detente.ingest.detect import FORMATS, GZIP_MAGIC, detect
from detente.ingest.html import html_document
from detente.ingest.jsonl import read_jsonl
from detente.ingest.text import text_document
from detente.ingest.warc import read_warc
from detente.model import Document, ReadError

__all__ = ["read", "input_files", "FORMATS"]

log = logging.getLogger(__name__)
STDIN = "-"
_SNIFF = 64 * 1024


def read(paths: Sequence[str], input_format: str = "auto") -> Iterator[Document | ReadError]:
    """Documents from files, folders and `-` (standard input), one at a time."""
    if input_format != "auto" and input_format not in FORMATS:
        raise ValueError(f"unknown input format {input_format!r}; expected auto or one of {FORMATS}")
    for given in paths:
        if given == STDIN:
            data = sys.stdin.buffer.read()
            yield from _read_source(lambda: io.BytesIO(data), "", "stdin", STDIN, input_format)
            continue
        path = Path(given)
        if path.is_dir():
            for file in _walk(path):
                yield from _read_file(file, input_format)
        elif path.exists():
            yield from _read_file(path, input_format)
        else:
            yield ReadError(_stem(path.name), given, "no such file or folder")


def input_files(paths: Sequence[str]) -> Iterator[str]:
    """The files `read(paths)` reads, in its order (folders expanded): how a cluster job is split."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from (str(file) for file in _walk(path))
        else:
            yield given


def _walk(folder: Path) -> Iterator[Path]:
    """Files under `folder`, sorted, without hidden files or folders."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root, name)


def _read_file(path: Path, input_format: str) -> Iterator[Document | ReadError]:
    yield from _read_source(lambda: path.open("rb"), path.name, _stem(path.name), str(path), input_format)


def _stem(name: str) -> str:
    """The file name without its suffix(es): `crawl.warc.gz` -> `crawl`."""
    if name.lower().endswith(".gz"):
        name = name[:-3]
    return Path(name).stem or name


def _read_source(open_: Callable[[], BinaryIO], name: str, stem: str, origin: str,
                 input_format: str) -> Iterator[Document | ReadError]:
    """Everything in one file or stream; `open_` opens it afresh (binary) each time it is called."""
    try:
        with open_() as handle:
            head = handle.read(_SNIFF)
    except OSError as exc:
        yield ReadError(stem, origin, f"cannot open: {exc.strerror or exc}")
        return
    if not head:
        yield ReadError(stem, origin, "empty file (0 bytes): nothing to read")
        return
    gzipped = head.startswith(GZIP_MAGIC)
    inner = _gunzip_head(head) if gzipped else head
    fmt = input_format if input_format != "auto" else detect(inner, name)
    try:
        with open_() as handle:
            if fmt == "warc":  # warcio reads gzip members itself
                yield from read_warc(handle, stem, origin)
            elif fmt == "jsonl":
                yield from read_jsonl(gzip.GzipFile(fileobj=handle) if gzipped else handle, stem, origin)
            else:
                data = handle.read()
                yield _single(gzip.decompress(data) if gzipped else data, fmt, stem, origin)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield ReadError(stem, origin, f"compressed file is truncated or damaged ({exc})")
    except OSError as exc:
        yield ReadError(stem, origin, f"cannot read: {exc.strerror or exc}")


def _gunzip_head(head: bytes) -> bytes:
    """The first decompressed bytes of a gzip stream (as many as the compressed head gives)."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, _SNIFF)
    except zlib.error:
        return b""


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
