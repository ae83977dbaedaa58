"""A corpus of hostile inputs for `detente extract` and `detente ingest`, generated, never committed.

    python scripts/hostile_corpus.py OUT_DIR        # writes the files, prints one line per case

Each case is one input (a file, a folder or a special file) and what a user must get from
it: articles, or one error line per bad document, within the time and memory budget that
tests/test_hostile.py and bench/hostile.py check. The inputs are crafted, all written here:
broken encodings, control bytes in text and file names, decompression bombs, huge or
degenerate JSON, pathological HTML, damaged web archives, special files and symbolic links.
Large inputs are made at run time (a few KB of code, up to 50 MB on disk while a test runs).
"""

from __future__ import annotations

import gzip
import json
import os
import random
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# A plain news story (written for these tests) that the pipeline turns into one article.
STORY = ("Ministers Meet in Vienna to Discuss Grain Exports\n\n"
         "Foreign ministers from Austria and Hungary met in Vienna on Monday to discuss grain exports "
         "through the Danube ports.\n\n"
         "\u201cWe agreed to keep the ports open,\u201d the Austrian foreign minister said after the talks.\n\n"
         "The two governments will meet again in Budapest next month, officials said.\n")
HTML = ("<!doctype html><html><head><title>Ministers Meet in Vienna</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in STORY.split("\n\n")[1:]) + "</article></body></html>")
@dataclass
class Case:
    name: str
    make: Callable[[Path], Path]  # writes the input under the given folder, returns its path
    expect: str  # "articles" | "error" | "either": what a user must get
    command: str = "extract"  # or "ingest"
    says: str | None = None  # words the error line must contain
    xfail: str | None = None  # the reason, when another branch fixes it
    env: dict[str, str] = field(default_factory=dict)


def _write(name: str, data: bytes | str) -> Callable[[Path], Path]:
    def make(root: Path) -> Path:
        path = root / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path
    return make


def _lazy(name: str, build: Callable[[], bytes]) -> Callable[[Path], Path]:
    def make(root: Path) -> Path:
        path = root / name
        path.write_bytes(build())
        return path
    return make


def _stream(name: str, chunks: Callable[[], object]) -> Callable[[Path], Path]:
    """A large file written chunk by chunk (the generator never holds it whole)."""
    def make(root: Path) -> Path:
        path = root / name
        with path.open("wb") as out:
            for chunk in chunks():
                out.write(chunk)
        return path
    return make


def _bomb(unit: bytes, total: int) -> bytes:
    """gzip of `unit` repeated to `total` bytes, quick to make: one 64 MB member, repeated
    (a multi-member gzip is one stream to every reader)."""
    member_size = min(total, 64 << 20)
    member = gzip.compress(unit * (member_size // len(unit)), compresslevel=9)
    return member * max(1, total // member_size)


def _warc_record(payload: bytes, *, uri: str = "http://example.test/page", content_type: str = "text/html",
                 extra_http: str = "", length: int | None = None) -> bytes:
    http = (f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n{extra_http}"
            f"Content-Length: {len(payload)}\r\n\r\n").encode() + payload
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Date: 2024-05-06T07:08:09Z\r\nWARC-Record-ID: <urn:uuid:{random.Random(len(payload)).getrandbits(64):016x}>\r\n"
            f"Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {length if length is not None else len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def _double_gzip_warc_bomb() -> bytes:
    """A WARC record that claims 8 GB of HTML and holds 8 GB of zeros, gzipped twice over."""
    head = _warc_record(b"", length=8 << 30)[:-4]
    return gzip.compress(gzip.compress(head) + _bomb(bytes(1 << 20), 8 << 30), compresslevel=9)


def _gzip_bomb_in_record() -> bytes:
    """A WARC whose HTML response is Content-Encoding: gzip and expands to 256 MB."""
    return _warc_record(gzip.compress(bytes(256 << 20), compresslevel=9), extra_http="Content-Encoding: gzip\r\n")


def _ragged_lines() -> bytes:
    rng = random.Random(13)
    words = ["talks", "grain", "ports", "ministers", "vienna", "exports", "river", "ships", "and", "the"]
    lines = (" ".join(rng.choice(words) for _ in range(rng.randint(1, 6))) for _ in range(100_000))
    return ("\n".join(lines) + "\n").encode()


def _big_text(megabytes: int) -> Callable[[], object]:
    paragraph = STORY.split("\n\n")[1].encode() + b"\n\n"

    def chunks():
        block = paragraph * ((1 << 20) // len(paragraph))
        for _ in range(megabytes):
            yield block
    return chunks


def _many_attributes() -> bytes:
    attributes = " ".join(f'data-a{i}="{i}"' for i in range(200_000))
    return (f"<html><head><title>Attributes</title></head><body><div {attributes}><p>"
            + STORY.split("\n\n")[1] + "</p></div></body></html>").encode()


def _deep_html() -> bytes:
    return ("<html><body>" + "<div>" * 100_000 + "<p>" + STORY.split("\n\n")[1] + "</p>"
            + "</div>" * 100_000 + "</body></html>").encode()


def _external_html() -> bytes:
    """HTML that would fetch from the network if anything followed its references."""
    return ('<!DOCTYPE html [<!ENTITY ext SYSTEM "http://198.51.100.7/entity.xml">]>'
            '<html><head><title>Ministers Meet in Vienna</title>'
            '<link rel="stylesheet" href="http://198.51.100.7/s.css">'
            '<script src="http://198.51.100.7/s.js"></script>'
            '<meta http-equiv="refresh" content="0; url=http://198.51.100.7/">'
            '<base href="http://198.51.100.7/"></head><body>'
            '<img src="http://198.51.100.7/i.png"><iframe src="http://198.51.100.7/f"></iframe>'
            '<object data="http://198.51.100.7/o"></object>&ext;<article>'
            + "".join(f"<p>{p}</p>" for p in STORY.split("\n\n")[1:])
            + '<p><a href="http://198.51.100.7/more">More</a></p></article></body></html>').encode()


def _laughs_html() -> bytes:
    entities = '<!ENTITY a "ha">' + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">'
                                            for i in range(9))
    return (f"<!DOCTYPE html [{entities}]><html><body><p>&j;</p><p>" + STORY.split("\n\n")[1]
            + "</p></body></html>").encode()


def _jsonl(records: list[object]) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records)


def _text_record(**extra: object) -> dict:
    return {"id": "r1", "text": STORY, **extra}


def _fifo(name: str) -> Callable[[Path], Path]:
    def make(root: Path) -> Path:
        path = root / name
        os.mkfifo(path)
        return path
    return make


def _folder_with_fifo(root: Path) -> Path:
    folder = root / "with-fifo"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY)
    os.mkfifo(folder / "pipe.txt")
    return folder


def _folder_with_socket(root: Path) -> Path:
    folder = root / "with-socket"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY)
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "sock.txt"))  # left bound: the file stays a socket
    sock.close()
    return folder


def _folder_with_links(root: Path) -> Path:
    outside = root / "outside-secret"
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_text("Secret Plans Revealed\n\nThe secret ministers met in secret on Monday.\n")
    folder = root / "with-links"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY)
    os.symlink(outside / "secret.txt", folder / "leak.txt")
    os.symlink(outside, folder / "leakdir")
    os.symlink(folder, folder / "loop")
    os.symlink(root / "does-not-exist", folder / "dangling.txt")
    return folder


def _folder_with_bad_names(root: Path) -> Path:
    folder = root / "bad-names"
    folder.mkdir()
    for raw in (b"caf\xe9.txt", b"\x1b[31mred\x1b[0m.txt", b"new\nline.txt", b"\xff\xfe.txt", b"[bold red]rich.txt"):
        with open(os.path.join(os.fsencode(folder), raw), "wb") as out:
            out.write(STORY.encode())
    return folder


def _same_file_twice(root: Path) -> Path:
    folder = root / "twice"
    folder.mkdir()
    (folder / "a.txt").write_text(STORY)
    (folder / "b.txt").write_bytes(STORY.replace("\n", "\r\n").replace("Vienna", "Vienna\u00a0").encode("utf-16"))
    return folder


def cases() -> list[Case]:
    story = STORY.encode()
    return [
        # -- text pages ---------------------------------------------------------------------
        Case("plain-story", _write("plain.txt", STORY), "articles"),
        Case("empty", _write("empty.txt", b""), "error", says="empty"),
        Case("whitespace-only", _write("blank.txt", b" \n\t\n" * 1000), "error", says="whitespace"),
        Case("random-bytes", _lazy("random.bin", lambda: random.Random(1).randbytes(200_000)), "error"),
        Case("nul-bytes", _write("nul.txt", bytes(100_000)), "error", says="binary"),
        Case("utf16-bom", _write("utf16.txt", STORY.encode("utf-16")), "articles"),
        Case("utf16-no-bom", _write("utf16le.txt", STORY.encode("utf-16-le")), "either"),
        Case("cp1252", _write("cp1252.txt", STORY.encode("cp1252")), "articles"),
        Case("encoded-surrogates", _write("cesu.txt", story + b"\xed\xa0\x80\xed\xb0\x80 end.\n"), "articles"),
        Case("control-bytes", _write("controls.txt", b"\x1b[2J\x1b]0;pwned\x07" + story.replace(b" ", b" \x08\x00 ", 3)),
             "either"),
        Case("terminal-escapes-in-text", _write("esc.txt", story.replace(b"Vienna", b"Vienna\x1b[31m\x9b2J")), "articles"),
        Case("bidi-and-zero-width", _write("bidi.txt", STORY.replace("Vienna", "Vie\u202enna\u200b\ufeff")), "articles"),
        Case("decomposed-accents-nbsp", _write("nfd.txt", STORY.replace("Vienna", "Vie\u0301nna\u00a0")), "articles"),
        Case("crlf-and-lone-cr", _write("crlf.txt", STORY.replace("\n", "\r\n").replace("Monday", "Mon\rday")), "articles"),
        Case("header-huge-year", _write("year.txt", "Daily Ledger 99999-01-01 00:00:00\n" + STORY), "articles"),
        Case("header-bad-date", _write("baddate.txt", "Daily Ledger 2024-02-30 25:61:61\n" + STORY), "articles"),
        Case("one-long-line", _lazy("longline.txt", lambda: b"word" * 1_000_000), "either"),
        Case("long-line-of-stops", _lazy("stops.txt", lambda: b". " * 1_000_000), "either"),
        Case("million-empty-lines", _lazy("empty-lines.txt", lambda: b"\n" * 1_000_000 + story), "articles"),
        Case("ragged-lowercase-lines", _lazy("ragged.txt", _ragged_lines), "either"),
        Case("text-50mb", _stream("big50.txt", _big_text(50)), "either"),
        Case("text-over-document-limit", _stream("big12.txt", _big_text(12)), "error", says="limit",
             env={"DETENTE_MAX_DOCUMENT_MB": "5"}),
        Case("gzip-text-bomb", _lazy("bomb.txt.gz", lambda: _bomb(bytes(1 << 20), 1 << 30)), "error", says="expands"),
        Case("gzip-text-1mb-to-1gb", _lazy("lines.txt.gz", lambda: _bomb(b"The talks went on.\n", 1 << 30)),
             "error", says="expands"),
        Case("gzip-truncated", _lazy("cut.txt.gz", lambda: gzip.compress(story * 100)[:-40]), "error", says="truncated"),
        Case("gzip-four-layers", _lazy("layers.txt.gz", lambda: gzip.compress(gzip.compress(gzip.compress(
            gzip.compress(story))))), "error", says="compressed"),
        Case("gzip-double-story", _lazy("double.txt.gz", lambda: gzip.compress(gzip.compress(story))), "articles"),
        Case("gzip-trailing-garbage", _lazy("garbage.txt.gz", lambda: gzip.compress(story) + b"garbage!"), "articles"),
        # -- HTML ---------------------------------------------------------------------------
        Case("html-story", _write("story.html", HTML), "articles"),
        Case("html-external-references", _lazy("external.html", _external_html), "articles"),
        Case("html-many-attributes", _lazy("attributes.html", _many_attributes), "either"),
        Case("html-deep-nesting", _lazy("deep.html", _deep_html), "either"),
        Case("html-billion-laughs", _lazy("laughs.html", _laughs_html), "either"),
        Case("html-no-body", _write("nobody.html", "<html><head><title>x</title></head></html>"), "error"),
        Case("html-broken-markup", _write("broken.html", "<html><body><p>" + "<b><i><<>>&&&;<" * 20_000 + "</p>"),
             "either"),
        Case("html-over-document-limit", _stream("big.html", lambda: iter(
            [b"<html><body>"] + [b"<p>" + b"The talks went on. " * 50 + b"</p>\n"] * 12_000 + [b"</body></html>"])),
             "error", says="limit", env={"DETENTE_MAX_DOCUMENT_MB": "5"}),
        # -- web archives ---------------------------------------------------------------------
        Case("warc-story", _lazy("story.warc.gz", lambda: gzip.compress(_warc_record(HTML.encode()))), "articles"),
        Case("warc-double-gzip-bomb", _lazy("bomb.warc.gz", _double_gzip_warc_bomb), "error", says="decompress"),
        Case("warc-content-encoding-bomb", _lazy("encbomb.warc", _gzip_bomb_in_record), "error", says="limit",
             env={"DETENTE_MAX_DOCUMENT_MB": "5"}),
        Case("warc-content-encoding-bomb-default", _lazy("encbomb2.warc", _gzip_bomb_in_record), "either"),
        Case("warc-broken", _write("broken.warc", b"WARC/1.0\r\nWARC-Type: response\r\n" + random.Random(2).randbytes(5000)),
             "error"),
        Case("warc-truncated-gz", _lazy("cut.warc.gz", lambda: b"".join(
            gzip.compress(_warc_record(HTML.replace("Vienna", f"Vienna {n}").encode(), uri=f"http://example.test/{n}"))
            for n in range(3))[:-30]), "articles", says="truncated"),
        Case("warc-lying-length", _lazy("liar.warc", lambda: _warc_record(HTML.encode(), length=10 << 30)), "error"),
        Case("warc-no-html", _lazy("images.warc", lambda: b"".join(
            _warc_record(b"\x89PNG" + bytes(100), content_type="image/png") for _ in range(10_000))), "error",
             says="no HTML"),
        # -- JSON Lines -------------------------------------------------------------------------
        Case("jsonl-story", _lazy("story.jsonl", lambda: _jsonl([_text_record()])), "articles"),
        Case("jsonl-huge-published", _lazy("published.jsonl", lambda: _jsonl([
            _text_record(published=10 ** 300), _text_record(id="r2", published=1e308),
            _text_record(id="r3", published="99999-12-31"), _text_record(id="r4", published=-(10 ** 30))])),
             "articles"),
        Case("jsonl-deep-nesting", _lazy("deep.jsonl", lambda: b'{"id": "d", "text": ' + b"[" * 200_000
                                         + b"]" * 200_000 + b"}\n" + _jsonl([_text_record()])), "articles"),
        Case("jsonl-lone-surrogate", _write("surrogate.jsonl", '{"id": "s\\udc80", "text": '
                                            + json.dumps(STORY)[:-1] + '\\ud800", "source": "\\ud800x",'
                                            ' "title": "\\udfff"}\n'), "articles"),
        Case("jsonl-bad-lines", _write("bad.jsonl", b'{"text": \n[1, 2]\n"text"\n{"id": 5}\n{"text": 7}\n'
                                       + _jsonl([_text_record()])), "articles"),
        Case("jsonl-million-empty-objects", _lazy("empty-objects.jsonl", lambda: b"{}\n" * 1_000_000), "error",
             says="no \"text\""),
        Case("jsonl-huge-line", _stream("hugeline.jsonl", lambda: iter(
            [b'{"text": "'] + [b"The talks went on. " * 55_000] * 12 + [b'"}\n', _jsonl([_text_record()])])),
             "articles"),
        Case("jsonl-gzip-bomb", _lazy("bomb.jsonl.gz", lambda: b"".join(
            [gzip.compress(_jsonl([_text_record()])), _bomb(b"{}\n", 1 << 30)])), "articles"),
        Case("jsonl-big-numbers-and-ids", _lazy("numbers.jsonl", lambda: b'{"id": ' + b"9" * 5000 + b', "text": '
                                                + json.dumps(STORY).encode() + b"}\n"), "either"),
        # -- special files and folders -----------------------------------------------------------------
        Case("fifo-path", _fifo("pipe.txt"), "error", says="FIFO"),
        Case("fifo-in-folder", _folder_with_fifo, "articles", says="FIFO"),
        Case("socket-in-folder", _folder_with_socket, "articles", says="socket"),
        Case("symlinks-out-of-tree", _folder_with_links, "articles", says="leads out"),
        Case("non-utf8-file-names", _folder_with_bad_names, "articles"),
        Case("device-path", lambda root: Path("/dev/zero"), "error", says="device"),
        Case("same-content-twice", _same_file_twice, "articles", command="ingest"),
        Case("ingest-bad-and-good", _folder_with_bad_names, "articles", command="ingest"),
    ]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    for case in cases():
        root = out / case.name
        root.mkdir(exist_ok=True)
        path = case.make(root)
        print(f"{case.name}\t{case.expect}\t{path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
