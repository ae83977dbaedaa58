"""Which reader a file needs: decided from its first bytes, then from its name.

Content wins over the suffix (a `.txt` that is really HTML is read as HTML); the suffix
decides only when the content could be several things. `--input-format` skips all this.
"""

from __future__ import annotations

import json
import re

FORMATS = ("text", "html", "warc", "jsonl")
GZIP_MAGIC = b"\x1f\x8b"

_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAGS = re.compile(rb"<(?:html|head|body|title|meta|div|p|article)\b[^>]*>", re.I)
_ANY_TAG = re.compile(rb"<[a-zA-Z!/][^>]*>")
_SUFFIXES = {
    ".warc": "warc", ".arc": "warc",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text", ".rst": "text",
}


def suffix_of(name: str) -> str:
    """The meaningful suffix of a file name: `.warc` for `crawl.warc.gz`."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    dot = lower.rfind(".")
    return lower[dot:] if dot > 0 else ""


def detect(head: bytes, name: str = "") -> str:
    """The format of a document whose (decompressed) first bytes are `head`."""
    head = head.lstrip(b"\xef\xbb\xbf")
    if head.startswith(b"WARC/"):
        return "warc"
    if _HTML_START.match(head[:4096]):
        return "html"
    if _looks_like_jsonl(head):
        return "jsonl"
    by_suffix = _SUFFIXES.get(suffix_of(name))
    if by_suffix == "html" and not _ANY_TAG.search(head[:4096]):
        return "text"  # named .html but holds no markup at all
    if by_suffix:
        return by_suffix
    if len(_HTML_TAGS.findall(head[:4096])) >= 3:
        return "html"
    return "text"


def _looks_like_jsonl(head: bytes) -> bool:
    first = head.lstrip().split(b"\n", 1)[0].strip()
    if not first.startswith(b"{"):
        return False
    try:
        record = json.loads(first)
    except RecursionError:
        return True  # an object nested too deeply to decode: JSON all the same; the reader says why
    except ValueError:
        # The line may be cut off by the sniff window; a JSON object start is evidence enough.
        return len(first) >= 1000 and (b'"text"' in first or b'"html"' in first)
    return isinstance(record, dict) and ("text" in record or "html" in record)
