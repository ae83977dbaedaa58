"""Build the bundled sample web archive from the HTML pages in resources/sample/warc_src/.

Each page becomes one HTTP response record whose target URI is the page's canonical link and
whose WARC-Date is the page's article:published_time (or meta date), so the reader can be tested
on URL and date. A warcinfo record and two request records are added so that readers have to skip
records that are not responses. Record ids and dates are derived from the pages, never from the
clock, so running the script twice gives a byte-identical file.

Usage: python scripts/build_sample_warc.py [--src DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import re
import sys
import uuid
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "src" / "detente" / "resources" / "sample"
DEFAULT_SRC = SAMPLE_DIR / "warc_src"
DEFAULT_OUT = SAMPLE_DIR / "warc" / "sample.warc.gz"

# Fixed namespace so record ids are stable across runs.
RECORD_NS = uuid.UUID("6f1d2c3e-8a4b-5c6d-9e0f-112233445566")
CANONICAL_RE = re.compile(r'<link\s+rel="canonical"\s+href="([^"]+)"', re.IGNORECASE)
DATE_RES = (
    re.compile(r'<meta\s+property="article:published_time"\s+content="([^"]+)"', re.IGNORECASE),
    # Some sites give only the day in <meta name="date"> but the full time on the byline.
    re.compile(r'<time\s+datetime="([^"]+)"', re.IGNORECASE),
    re.compile(r'<meta\s+name="date"\s+content="([^"]+)"', re.IGNORECASE),
)
FULL_TS_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Pages whose fetch also gets a request record in front of the response.
WITH_REQUEST = 2


@dataclass(frozen=True)
class Page:
    path: Path
    url: str
    warc_date: str
    body: bytes


def record_id(kind: str, url: str) -> str:
    """A stable WARC-Record-ID for one record kind and URL."""
    return f"<urn:uuid:{uuid.uuid5(RECORD_NS, kind + ' ' + url)}>"


def to_warc_date(value: str) -> str:
    """Normalise a page date to the WARC-Date form YYYY-MM-DDThh:mm:ssZ."""
    if FULL_TS_RE.match(value):
        return value
    if DAY_RE.match(value):
        return value + "T12:00:00Z"
    raise ValueError(f"unsupported date {value!r}")


def read_page(path: Path) -> Page:
    text = path.read_text(encoding="utf-8")
    url = CANONICAL_RE.search(text)
    if url is None:
        raise ValueError(f"{path.name}: no canonical link")
    for pattern in DATE_RES:
        found = pattern.search(text)
        if found:
            return Page(path, url.group(1), to_warc_date(found.group(1)), text.encode("utf-8"))
    raise ValueError(f"{path.name}: no published date")


def write_archive(pages: list[Page], out: Path) -> int:
    """Write warcinfo, then per page an optional request and a response; return records written."""
    out.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with out.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        # The archive was "made" when its last page was fetched; warcinfo carries that date.
        info_date = max(page.warc_date for page in pages)
        info = writer.create_warc_record(
            out.name,
            "warcinfo",
            payload=BytesIO(
                b"software: detente scripts/build_sample_warc.py\r\n"
                b"format: WARC File Format 1.1\r\n"
                b"description: sample corpus written for detente\r\n"
            ),
            warc_content_type="application/warc-fields",
            warc_headers_dict={
                "WARC-Record-ID": record_id("warcinfo", out.name),
                "WARC-Date": info_date,
                "WARC-Filename": out.name,
            },
        )
        writer.write_record(info)
        written += 1
        for index, page in enumerate(pages):
            host = page.url.split("/")[2]
            path = "/" + page.url.split("/", 3)[3]
            if index < WITH_REQUEST:
                request_headers = StatusAndHeaders(
                    f"GET {path} HTTP/1.1",
                    [("Host", host), ("User-Agent", "detente-sample/1.0"), ("Accept", "text/html")],
                    is_http_request=True,
                )
                request = writer.create_warc_record(
                    page.url,
                    "request",
                    payload=BytesIO(b""),
                    http_headers=request_headers,
                    warc_headers_dict={
                        "WARC-Record-ID": record_id("request", page.url),
                        "WARC-Date": page.warc_date,
                    },
                )
                writer.write_record(request)
                written += 1
            http_headers = StatusAndHeaders(
                "200 OK",
                [
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Content-Length", str(len(page.body))),
                ],
                protocol="HTTP/1.1",
            )
            response = writer.create_warc_record(
                page.url,
                "response",
                payload=BytesIO(page.body),
                http_headers=http_headers,
                warc_headers_dict={
                    "WARC-Record-ID": record_id("response", page.url),
                    "WARC-Date": page.warc_date,
                },
            )
            writer.write_record(response)
            written += 1
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=DEFAULT_SRC, help="folder of *.html pages")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the .warc.gz to write")
    args = parser.parse_args(argv)
    pages = [read_page(path) for path in sorted(args.src.glob("*.html"))]
    if not pages:
        print(f"no HTML pages in {args.src}", file=sys.stderr)
        return 1
    written = write_archive(pages, args.out)
    print(f"wrote {written} records ({len(pages)} responses) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
