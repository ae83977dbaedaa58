"""Streamed, bounded reading: gzip decompression that stops at a limit, bounded reads and lines.

`gzip.decompress` and `GzipFile.read()` hold the whole output in memory: a few KB of crafted
input can expand to gigabytes before anything looks at it. `BoundedGunzip` decompresses
chunk by chunk (never more than the caller asked for at once), counts the bytes it has
produced, and raises `TooLarge` as soon as they pass the limit, or as soon as the output
(past BOMB_FLOOR) has grown more than BOMB_RATIO times the compressed bytes it came from:
news, HTML and WARC compress 3 to 10 times, so only crafted input (a file of zeros, or of
one line repeated) gets there, and it is stopped after a MB, before a million one-line
records of it each cost an error line. Such a file can still be read uncompressed. It reads every gzip member
of a multi-member file (.warc.gz is one member per record). Input that ends inside a member
ends the stream there and sets `truncated`: readers buffer ahead, so raising would lose the
whole records decompressed before the cut; the caller checks the flag when the stream ends.
"""

from __future__ import annotations

import io
import zlib
from typing import BinaryIO

from detente.errors import DetenteError

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 64 * 1024
BOMB_RATIO = 200
BOMB_FLOOR = 1 << 20


class TooLarge(DetenteError):
    """Decompression produced more bytes than the limit allowed (or a bomb's ratio)."""

    def __init__(self, limit: int, consumed: int | None = None) -> None:
        super().__init__(f"more than {limit} bytes once decompressed")
        self.limit = limit
        self.consumed = consumed  # set when stopped for the ratio: compressed bytes read


class BoundedGunzip(io.RawIOBase):
    """The decompressed bytes of a gzip stream, never more than `limit` of them."""

    def __init__(self, raw: BinaryIO, limit: int) -> None:
        super().__init__()
        self._raw = raw
        self.limit = limit
        self.produced = 0
        self.consumed = 0
        self._member = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._input = b""  # compressed bytes read but not yet given to the decompressor
        self._inside = False  # whether a member has started and not ended
        self.truncated = False  # the input ended inside a member
        self.trailing = False  # bytes after the last member that are not gzip were ignored

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        wanted = len(buffer)
        if wanted == 0:
            return 0
        while True:
            if not self._input:
                self._input = self._raw.read(_CHUNK)
                self.consumed += len(self._input)
                if not self._input:
                    self.truncated = self._inside
                    return 0
            if not self._inside and self.produced and not self._input.startswith(GZIP_MAGIC[:len(self._input)]):
                # Bytes after a whole member that do not start another: padding or junk appended
                # to a file, which gzip(1) ignores with a warning too; the content before is whole.
                self.trailing = True
                self._input = b""
                return 0
            self._inside = True
            out = self._member.decompress(self._input, wanted)
            if self._member.eof:
                self._input = self._member.unused_data
                self._member = zlib.decompressobj(16 + zlib.MAX_WBITS)
                self._inside = False
            else:
                self._input = self._member.unconsumed_tail
            if out:
                self.produced += len(out)
                if self.produced > self.limit:
                    raise TooLarge(self.limit)
                if self.produced > BOMB_FLOOR:
                    used = self.consumed - len(self._input)  # compressed bytes behind the output
                    if self.produced > BOMB_RATIO * used:
                        raise TooLarge(self.produced, used)
                buffer[:len(out)] = out
                return len(out)


class _Prefixed(io.RawIOBase):
    """`prefix`, then the rest of `rest`: a stream whose head was read to look at it."""

    def __init__(self, prefix: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self._prefix = memoryview(prefix)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self._prefix:
            n = min(len(buffer), len(self._prefix))
            buffer[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def sniff(stream: BinaryIO, size: int) -> tuple[bytes, io.BufferedReader]:
    """The first `size` bytes of `stream` (fewer only at its end) and a stream that still
    starts with them. `peek` gives what one read returns, which a pipe may cut short."""
    head = read_at_most(stream, size - 1)
    return head, io.BufferedReader(_Prefixed(head, stream), buffer_size=_CHUNK)


def gunzip(raw: BinaryIO, limit: int) -> io.BufferedReader:
    """A buffered, bounded reader of the decompressed content of `raw`."""
    return io.BufferedReader(BoundedGunzip(raw, limit), buffer_size=_CHUNK)


def read_at_most(stream: BinaryIO, limit: int) -> bytes:
    """Up to `limit + 1` bytes: one more than the limit says the stream holds more."""
    parts, left = [], limit + 1
    while left > 0:
        chunk = stream.read(min(left, _CHUNK * 16))
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def bounded_lines(stream: BinaryIO, limit: int):
    """Lines of `stream` as (line, length); a line longer than `limit` comes back empty with its
    length so far (more than the limit), read through to its end without being kept."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line, len(line)
            continue
        length = len(line)
        while True:  # skip the rest of an over-long line, a chunk at a time
            rest = stream.readline(_CHUNK)
            length += len(rest)
            if not rest or rest.endswith(b"\n"):
                break
        yield b"", length


def expansion_error(exc: TooLarge) -> str:
    """Why decompression stopped, for the user: which limit, and how to raise it."""
    from detente.ingest.limits import FILE_ENV, size_text

    if exc.consumed is not None:
        return (f"compressed data expands more than {BOMB_RATIO} times ({size_text(exc.consumed)} gave "
                f"more than {size_text(exc.limit)}), like a decompression bomb: not read further "
                "(decompress it first to read it anyway)")
    return (f"compressed data expands past the per-file limit of {size_text(exc.limit)} "
            f"(set {FILE_ENV} to raise it): not read further")
