"""Reading hostile input, unit by unit: limits, special files, links, names, normalisation, keys."""

from __future__ import annotations

import gzip
import io
import json
import os
import socket
import threading

import pytest

from detente.ingest import Limits, read
from detente.ingest.limits import LimitError, size_text
from detente.ingest.normalize import content_key, normalize_text
from detente.ingest.streams import BOMB_FLOOR, BoundedGunzip, TooLarge, gunzip
from detente.model import Document, ReadError

STORY = ("Ministers Meet in Vienna\n\nForeign ministers from Austria and Hungary met in Vienna on Monday "
         "to discuss grain exports.\n\nThe two governments will meet again in Budapest next month.\n")


def items(*paths, **options) -> list:
    return list(read([str(p) for p in paths], **options))


def only(found: list):
    assert len(found) == 1, found
    return found[0]


# -- limits ---------------------------------------------------------------------------------

def test_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("DETENTE_MAX_DOCUMENT_MB", "0.5")
    monkeypatch.setenv("DETENTE_MAX_FILE_MB", "3")
    assert Limits.from_env() == Limits(document_bytes=1 << 19, file_bytes=3 << 20)
    for bad in ("0", "-2", "lots", "inf", "nan"):
        monkeypatch.setenv("DETENTE_MAX_FILE_MB", bad)
        with pytest.raises(LimitError, match="DETENTE_MAX_FILE_MB"):
            Limits.from_env()


def test_a_document_over_the_limit_is_refused_unread_with_its_size(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(STORY.encode() * 2000)
    error = only(items(path, limits=Limits(document_bytes=100_000)))
    assert isinstance(error, ReadError)
    size = size_text(path.stat().st_size)
    assert f"document is {size}, more than the limit of 98 KB" in error.error and size.endswith(" KB")
    assert "DETENTE_MAX_DOCUMENT_MB" in error.error


def test_a_gzipped_document_over_the_limit_stops_decompressing_at_the_limit(tmp_path):
    path = tmp_path / "big.txt.gz"
    path.write_bytes(gzip.compress(STORY.encode() * 2000))
    error = only(items(path, limits=Limits(document_bytes=50_000)))
    assert isinstance(error, ReadError) and "document once decompressed is larger than the per-document limit of 49 KB" in error.error


def test_decompression_stops_at_the_file_limit(tmp_path):
    path = tmp_path / "many.jsonl.gz"
    record = json.dumps({"text": STORY}).encode() + b"\n"
    path.write_bytes(gzip.compress(record * 2000))
    found = items(path, limits=Limits(file_bytes=len(record) * 1000))
    assert all(isinstance(i, Document) for i in found[:-1]) and 900 <= len(found) - 1 <= 1000
    assert isinstance(found[-1], ReadError) and "per-file limit" in found[-1].error


def test_a_bomb_is_stopped_by_its_ratio_long_before_the_file_limit():
    member = gzip.compress(bytes(8 << 20))
    stream = BoundedGunzip(io.BytesIO(member * 16), limit=1 << 40)
    with pytest.raises(TooLarge) as caught:
        while stream.read(1 << 20):
            pass
    assert caught.value.consumed is not None and stream.produced <= BOMB_FLOOR + (1 << 20)


def test_bounded_gunzip_reads_every_member_and_flags_a_cut():
    data = gzip.compress(b"one\n") + gzip.compress(b"two\n")
    assert gunzip(io.BytesIO(data), 100).read() == b"one\ntwo\n"
    cut = gunzip(io.BytesIO(data[:-5]), 100)
    assert cut.read().startswith(b"one\n") and cut.raw.truncated


def test_an_over_long_jsonl_line_costs_that_line_only(tmp_path):
    path = tmp_path / "lines.jsonl"
    path.write_bytes(b'{"text": "' + b"x" * 5000 + b'"}\n' + json.dumps({"id": "ok", "text": STORY}).encode() + b"\n")
    first, second = items(path, limits=Limits(document_bytes=1000))
    assert isinstance(first, ReadError) and "line 1 is 5,013 bytes, more than the limit" in first.error
    assert isinstance(second, Document) and second.doc_id == "ok"


# -- special files, links, names ----------------------------------------------------------------

def test_a_fifo_is_reported_and_never_opened(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    found: list = []
    worker = threading.Thread(target=lambda: found.extend(items(fifo)), daemon=True)
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), "reading a FIFO blocked"
    assert isinstance(only(found), ReadError) and "named pipe (FIFO)" in found[0].error


def test_special_files_in_a_folder_are_skipped_and_the_rest_is_read(tmp_path):
    (tmp_path / "story.txt").write_text(STORY)
    os.mkfifo(tmp_path / "pipe.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock.txt"))
    try:
        found = items(tmp_path)
    finally:
        sock.close()
    assert sorted(type(i).__name__ for i in found) == ["Document", "ReadError", "ReadError"]
    assert {i.error.split(",")[0] for i in found if isinstance(i, ReadError)} == {"named pipe (FIFO)", "socket"}


def test_a_device_is_reported_not_read():
    error = only(items("/dev/zero"))
    assert isinstance(error, ReadError) and "character device" in error.error


def test_folder_scans_do_not_follow_links_out_of_the_tree(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret Talks\n\nSecret talks were held on Monday in Geneva.\n")
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "story.txt").write_text(STORY)
    os.symlink(outside / "secret.txt", tree / "leak.txt")
    os.symlink(outside, tree / "sub" / "leakdir")
    os.symlink(tree / "story.txt", tree / "sub" / "inside.txt")  # a link inside the tree is read
    os.symlink(tree, tree / "sub" / "loop")  # never walked: it would loop
    found = items(tree)
    documents = [i for i in found if isinstance(i, Document)]
    errors = [i for i in found if isinstance(i, ReadError)]
    assert sorted(d.origin.rsplit("/", 1)[1] for d in documents) == ["inside.txt", "story.txt"]
    assert all("Secret" not in d.text for d in documents)
    assert sorted(e.origin.rsplit("/", 1)[1] for e in errors) == ["leak.txt", "leakdir"]
    assert all("leads out of" in e.error for e in errors)


def test_file_names_that_are_not_utf8_are_read_and_shown_escaped(tmp_path):
    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9\x1b[2J.txt")
    with open(raw, "wb") as out:
        out.write(STORY.encode())
    document = only(items(tmp_path))
    assert isinstance(document, Document)
    assert document.doc_id == "caf\\xe9\\x1b[2J" and document.origin.endswith("/caf\\xe9\\x1b[2J.txt")
    document.origin.encode("utf-8")  # storable and printable


def test_a_missing_path_and_a_dangling_link_are_errors(tmp_path):
    os.symlink(tmp_path / "gone", tmp_path / "dangling.txt")
    missing, dangling = items(tmp_path / "nope.txt", tmp_path / "dangling.txt")
    assert "no such file" in missing.error and "does not exist" in dangling.error


# -- JSON Lines that broke the run ---------------------------------------------------------

def test_jsonl_records_that_crashed_the_run_cost_one_line_each(tmp_path):
    path = tmp_path / "bad.jsonl"
    good = json.dumps({"id": "ok", "text": STORY})
    path.write_text("\n".join([
        '{"text": "Talks went on.", "published": ' + "9" * 400 + "}",
        '{"text": "Talks went on.", "published": 1e999}',
        '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"id": "s", "text": "Talks\\ud800 went on.", "source": "\\udfffAgency\\u0007"}',
        good]) + "\n")
    found = items(path)
    assert [type(i).__name__ for i in found] == ["Document", "Document", "ReadError", "Document", "Document"]
    assert found[0].published is None and found[1].published is None
    assert "nested too deeply" in found[2].error
    assert found[3].text == "Talks\ufffd went on." and found[3].source == "\ufffdAgency"


def test_a_jsonl_file_of_blank_lines_says_so(tmp_path):
    path = tmp_path / "blank.jsonl"
    path.write_bytes(gzip.compress(b"\n\n\n"))
    assert "only blank lines" in only(items(path)).error


# -- normalisation and the content key ---------------------------------------------------------

def test_text_is_normalised_once_when_read(tmp_path):
    path = tmp_path / "dirty.txt"
    path.write_text("Vie\u0301nna talks\x1b[31m resumed\x08.\r\nNext\x0cpage \ufffe.\n", newline="")
    document = only(items(path))
    assert document.text == "Viénna talks [31m resumed .\r\nNext\npage \ufffd.\n"


def test_the_same_document_in_other_clothes_has_the_same_content_key(tmp_path):
    variants = {
        "plain.txt": STORY.encode(),
        "crlf.txt": STORY.replace("\n", "\r\n").encode(),
        "utf16.txt": STORY.encode("utf-16"),
        "cp1252.txt": STORY.replace("Vienna", "Viénna").encode("cp1252"),
        "nfd.txt": STORY.replace("Vienna", "Vie\u0301nna").encode(),
        "spaces.txt": STORY.replace("\n", "  \n").replace("Vienna", "Viénna\u00a0").encode(),
        "blank.txt": ("\n" + STORY.replace("\n\n", "\n\n\n") + "\n").encode(),
    }
    keys = {}
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
        document = only(items(tmp_path / name))
        keys[name] = content_key(document.format, document.text)
    with_accent = {k for n, k in keys.items() if n in ("cp1252.txt", "nfd.txt", "spaces.txt")}
    without = {k for n, k in keys.items() if n in ("plain.txt", "crlf.txt", "utf16.txt", "blank.txt")}
    assert len(with_accent) == 1 and len(without) == 1 and with_accent != without


def test_normalising_keeps_offsets_for_everything_but_composed_accents():
    text = "A\x00B\x1b\x7fC\r\nD\ud800E\x0bF"
    assert len(normalize_text(text)) == len(text)
    assert len(normalize_text("e\u0301")) == 1


def test_one_ingest_stores_a_page_and_its_crlf_copy_once(tmp_path, nlp):
    from detente.store import Store
    from detente.store.ingest import ingest_documents

    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.txt").write_bytes(STORY.replace("\n", "\r\n").encode("utf-16"))
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest_documents(read([str(tmp_path)]), store, nlp=nlp)
        assert store.count("documents") == 1 and report.documents == 1 and report.repeated == 1


# -- nothing reaches the network ----------------------------------------------------------------

def test_html_full_of_external_references_reaches_no_network(tmp_path, nlp, monkeypatch):
    from detente.pipeline import extract

    tried: list[str] = []

    def refuse(*args, **kwargs):
        tried.append(repr(args[:2]))
        raise OSError("network access refused by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    page = ('<!DOCTYPE html [<!ENTITY ext SYSTEM "http://198.51.100.7/e.xml">]><html><head>'
            '<title>Ministers Meet in Vienna</title><link rel="stylesheet" href="http://198.51.100.7/s.css">'
            '<script src="https://198.51.100.7/s.js"></script><base href="http://198.51.100.7/">'
            '<meta http-equiv="refresh" content="0; url=http://198.51.100.7/"></head><body>'
            '<img src="http://198.51.100.7/i.png" srcset="http://198.51.100.7/j.png 2x">'
            '<iframe src="//198.51.100.7/f"></iframe>&ext;<article>'
            + "".join(f"<p>{p}</p>" for p in STORY.split("\n\n")[1:])
            + '<p><a href="http://198.51.100.7/more">More</a></p></article></body></html>')
    path = tmp_path / "external.html"
    path.write_text(page)
    articles = list(extract(read([str(path)]), nlp=nlp))
    assert any(not isinstance(a, ReadError) for a in articles)
    assert tried == []


def test_standard_input_that_trickles_in_is_sniffed_whole(monkeypatch):
    record = json.dumps({"id": "t", "text": STORY}).encode() + b"\n"

    class Trickle(io.RawIOBase):  # a pipe that gives a few bytes per read
        def __init__(self, data: bytes) -> None:
            self.data = data

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            n = min(7, len(buffer), len(self.data))
            buffer[:n], self.data = self.data[:n], self.data[n:]
            return n

    class Stdin:
        buffer = Trickle(gzip.compress(record * 3))

    monkeypatch.setattr("sys.stdin", Stdin)
    found = items("-")
    assert [d.doc_id for d in found] == ["t", "t", "t"] and all(d.format == "jsonl" for d in found)
