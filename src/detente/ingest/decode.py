"""Bytes -> str for text-like input: UTF-8 first, a stated fallback for bytes that are not.

Scraped pages are mostly UTF-8 with the odd Windows-1252 byte (a curly quote pasted from a
word processor) or wholly Windows-1252. Decoding each invalid byte as Windows-1252 (Latin-1
for the five bytes it leaves undefined) keeps the valid UTF-8 intact and loses nothing, and
the caller is told that the fallback was used so it can say so.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

FALLBACK = "detente-cp1252"
_UTF8_BOM = codecs.BOM_UTF8
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Control characters other than tab, newline, carriage return, form feed: text never has many.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
_SNIFF = 8192


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start:error.end]
    return bad.decode("cp1252", errors="strict") if _all_cp1252(bad) else _mixed(bad), error.end


def _all_cp1252(data: bytes) -> bool:
    return not any(b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) for b in data)


def _mixed(data: bytes) -> str:
    return "".join(bytes([b]).decode("cp1252", errors="strict") if _all_cp1252(bytes([b]))
                   else bytes([b]).decode("latin-1") for b in data)


codecs.register_error(FALLBACK, _cp1252_fallback)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # "utf-8", "utf-16", or "utf-8 with cp1252 fallback"
    replaced: int  # bytes that were not valid UTF-8 and went through the fallback

    @property
    def note(self) -> str | None:
        if not self.replaced:
            return None
        return (f"not valid UTF-8 ({self.replaced} invalid byte{'s' if self.replaced != 1 else ''}); "
                f"decoded those bytes as Windows-1252")


def binary_reason(data: bytes) -> str | None:
    """Why `data` is not text (None if it looks like text). Looks at the first few KB only."""
    head = data[:_SNIFF]
    if head.startswith(_UTF16_BOMS):
        return None
    if b"\x00" in head:
        return "binary file (contains NUL bytes), not a text, HTML, WARC or JSON Lines document"
    if head and len(head.translate(None, delete=_CONTROL)) < 0.9 * len(head):
        return "binary file (mostly control characters), not a text, HTML, WARC or JSON Lines document"
    return None


def decode(data: bytes) -> Decoded:
    """Decode text bytes: UTF-8 (BOM dropped), UTF-16 when it has a BOM, else the fallback."""
    if data.startswith(_UTF16_BOMS):
        return Decoded(data.decode("utf-16", errors="replace"), "utf-16", 0)
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM):]
    try:
        return Decoded(data.decode("utf-8"), "utf-8", 0)
    except UnicodeDecodeError:
        pass
    bad = _count_invalid(data)
    return Decoded(data.decode("utf-8", errors=FALLBACK), "utf-8 with cp1252 fallback", bad)


def _count_invalid(data: bytes) -> int:
    # The bytes "ignore" drops are exactly the invalid ones.
    return len(data) - len(data.decode("utf-8", errors="ignore").encode("utf-8"))
