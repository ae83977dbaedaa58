"""HTML pages: main text, title, date and site name through trafilatura.

Used for .html files, WARC response records and JSON Lines records that carry `html`.
The main text keeps trafilatura's blocks as paragraphs (a blank line between them).
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

import trafilatura
from trafilatura.settings import set_date_params

from detente.model import Document, ReadError

# Extraction settings, fixed here so the benchmark and the reader use the same ones
# (see bench/wcxb.py for how they were chosen).
EXTRACT_OPTIONS: dict[str, bool] = {
    "include_comments": False,
    "include_tables": True,
    "favor_recall": False,
    "favor_precision": False,
}

# trafilatura's own date settings, but keeping the time of day when the page gives one.
_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S"
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•]\s+")
NO_TEXT = "HTML page has no main text (no <body>, or nothing readable in it)"
# A tag whose attributes run past this many characters holds no text worth reading (an SVG
# path, a data-URI, inline JSON) and costs quadratic time: libxml2 checks each attribute
# against every other of its tag for duplicates, and trafilatura's helpers scan them again.
_MAX_TAG_ATTRIBUTES = 2048
_HUGE_TAG = re.compile(r"<([a-zA-Z][\w:.-]*)\s[^<>]{%d,}>" % _MAX_TAG_ATTRIBUTES)


def html_document(html: str | bytes, doc_id: str, origin: str, *, url: str | None = None,
                  fetched: datetime | None = None, format: str = "html") -> Document | ReadError:
    """One HTML page as a Document, or a ReadError saying why it has nothing to read.

    `published` is the page's own date when it states one, else `fetched` (a WARC record's date).
    """
    if isinstance(html, str):
        html = _HUGE_TAG.sub(r"<\1>", html)  # the tag kept, its attributes dropped
    try:
        result = trafilatura.bare_extraction(html, url=url, with_metadata=True, **EXTRACT_OPTIONS,
                                             date_extraction_params=_date_params())
    except Exception as exc:  # lxml and trafilatura raise many kinds on broken markup
        return ReadError(doc_id, origin, f"HTML could not be parsed: {exc}")
    text = paragraphs(result.text if result is not None else None)
    if not text:
        return ReadError(doc_id, origin, NO_TEXT)
    source = result.sitename or result.hostname or None
    return Document(doc_id=doc_id, origin=origin, text=text, format=format,
                    source=source, url=url or result.url or None,
                    published=page_date(result.date) or fetched,
                    title=clean_title(result.title, source))


def _date_params() -> dict:
    return {**set_date_params(extensive=True), "outputformat": _DATE_FORMAT}


def paragraphs(extracted: str | None) -> str:
    """trafilatura's text (one block a line) with a blank line between blocks."""
    if not extracted:
        return ""
    return "\n\n".join(line.strip() for line in extracted.splitlines() if line.strip())


def page_date(value: str | None) -> datetime | None:
    """An ISO date or datetime; one with a UTC offset becomes naive UTC, like every date we keep."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed


def clean_title(title: str | None, site: str | None) -> str | None:
    """The page title without the site name that pages append ("Headline | Site")."""
    if not title:
        return None
    title = " ".join(title.split())
    if site:
        parts = _TITLE_SEPARATORS.split(title)
        if len(parts) > 1 and parts[-1].casefold() == site.casefold():
            title = title[: title.rfind(parts[-1])].rstrip(" |-–—:·•")
        elif len(parts) > 1 and parts[0].casefold() == site.casefold():
            title = title[len(parts[0]):].lstrip(" |-–—:·•")
    return title or None
