"""Text as every later stage sees it: normalised once, when it is read.

- Lone surrogates (from JSON `\\ud800` escapes or undecodable file names) cannot be encoded
  and would fail deep in the analysis or the store: each becomes U+FFFD.
- Control characters other than tab, newline and carriage return become a space (form feed,
  vertical tab and NEL a newline), and non-characters (U+FFFE, U+FFFF) U+FFFD: one character for
  one, so offsets do not move. Line endings are kept as they were (verbatim means verbatim).
- A letter followed by combining marks (a decomposed accent, "e" + U+0301) is composed (NFC).
  Only such sequences: NFC's singleton mappings (CJK compatibility ideographs, the Ohm and
  Angstrom signs) would change characters that are not decomposed accents, so they are left.

`content_key` is a document's identity after a further, whitespace-blind normalisation, so a
copy that differs only in encoding, line endings, trailing spaces, NBSPs, decomposed accents
or blank lines is the same document.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 controls and DEL; of the C1 controls only those that open a terminal command string
# (DCS, CSI, OSC, PM, APC): the others are how decode.py keeps a stray byte it cannot map,
# losing nothing, and no terminal acts on them.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\x90\x9b\x9d-\x9f\ufffe\uffff]")
_LINE_CONTROL = re.compile("[\x0b\x0c\x85]")
# A base character and the combining marks after it (the blocks of combining diacritics).
_COMBINING = re.compile("(?s).[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_DISPLAY_ESCAPES = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def normalize_text(text: str) -> str:
    """The text with surrogates and stray control characters replaced and accents composed."""
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    if _CONTROL.search(text):
        text = _CONTROL.sub(lambda m: "\ufffd" if m.group() in "\ufffe\uffff" else " ", text)
    if _LINE_CONTROL.search(text):
        text = _LINE_CONTROL.sub("\n", text)
    if not unicodedata.is_normalized("NFC", text):
        text = _COMBINING.sub(lambda m: unicodedata.normalize("NFC", m.group()), text)
    return text


def normalize_field(value: str | None) -> str | None:
    """A one-line metadata field (source, title, url, id): normalised, white space collapsed."""
    if value is None:
        return None
    return " ".join(normalize_text(value).split()) or None


def content_key(fmt: str, text: str) -> str:
    """The identity of a document's content: the same words in the same lines, whatever the
    encoding, line endings, trailing or non-breaking spaces, blank lines or accent form."""
    digest = hashlib.sha256()
    digest.update(fmt.encode())
    digest.update(b"\0")
    digest.update(canonical_text(text).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def canonical_text(text: str) -> str:
    """Non-empty lines, each with its white space (any Unicode space) collapsed to one space."""
    text = unicodedata.normalize("NFC", normalize_text(text))
    return "\n".join(joined for line in text.splitlines() if (joined := " ".join(line.split())))


def printable(text: str) -> str:
    """`text` safe to print on one terminal line: control characters, line breaks, bidi
    overrides and undecodable bytes (surrogate escapes) shown as escapes, never sent raw."""
    if text.isprintable():  # everything escaped below is non-printable: the common case is free
        return text
    return _DISPLAY_ESCAPES.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
