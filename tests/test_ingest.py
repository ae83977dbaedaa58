"""Readers: every format, folders, stdin, and bad input that must give a clear per-document result."""

from __future__ import annotations

import gzip
import io
import json
import logging
import sys
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from detente.clean import articles_from, verbatim_article
from detente.ingest import read
from detente.ingest.limits import Limits
from detente.ingest.detect import detect
from detente.model import Document, ReadError

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"


def read_all(*paths: Path | str, **options) -> list[Document | ReadError]:
    return list(read([str(p) for p in paths], **options))


def only(items: list[Document | ReadError]) -> Document | ReadError:
    assert len(items) == 1, items
    return items[0]


# --- text pages ---------------------------------------------------------------------------

def test_text_page_header_gives_source_and_published():
    doc = only(read_all(FIXTURES / "two_stories.txt"))
    assert isinstance(doc, Document)
    assert doc.doc_id == "two_stories"
    assert doc.origin == str(FIXTURES / "two_stories.txt")
    assert doc.format == "text"
    assert doc.source == "The Daily Ledger"
    assert doc.published == datetime(2024, 11, 5, 8, 30, 0)
    assert "The Daily Ledger" not in doc.text
    assert doc.text.lstrip().startswith("Baltic Ministers Agree")


def test_text_page_without_header_is_kept_exactly(tmp_path):
    raw = "Officials met in Vienna.\r\n\r\nThey   talked for hours.\n"
    path = tmp_path / "vienna.txt"
    path.write_bytes(raw.encode("utf-8"))
    doc = only(read_all(path))
    assert isinstance(doc, Document)
    assert doc.source is None and doc.published is None
    # verbatim means verbatim: no newline translation, no whitespace changes
    assert doc.text == raw
    assert verbatim_article(doc).text == raw


def test_seed_page_header(tmp_path):
    seed = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "000_0560086720b66d24.txt"
    if not seed.exists():
        pytest.skip("../shared/seeds is not present")
    doc = only(read_all(seed))
    assert isinstance(doc, Document)
    assert doc.doc_id == "000_0560086720b66d24"
    assert doc.source == "The New York Times"
    assert doc.published == datetime(2025, 2, 19, 0, 11, 8)


def test_a_date_that_does_not_exist_is_not_a_header(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_text("Wire Desk 2025-02-30 10:00:00\nBody text here.\n", encoding="utf-8")
    doc = only(read_all(path))
    assert doc.source is None and doc.published is None
    assert doc.text.startswith("Wire Desk 2025-02-30")


# --- folders and stdin --------------------------------------------------------------------

def test_folders_are_read_recursively_sorted_without_hidden_files(tmp_path):
    for name in ["b.txt", "a.txt", "sub/c.txt", ".hidden.txt", ".git/config.txt", "sub/.draft.txt"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"A short story named {path.stem}.\n", encoding="utf-8")
    docs = read_all(tmp_path)
    assert [d.doc_id for d in docs] == ["a", "b", "c"]
    assert all(isinstance(d, Document) for d in docs)


def test_missing_path_is_a_read_error_and_the_rest_goes_on(tmp_path):
    items = read_all(tmp_path / "nowhere.txt", FIXTURES / "plain_story.txt")
    assert isinstance(items[0], ReadError)
    assert "no such file" in items[0].error
    assert isinstance(items[1], Document)


def _fake_stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_is_read_as_text_by_default(monkeypatch):
    _fake_stdin(monkeypatch, b"The Daily Ledger 2024-01-02 03:04:05\nTalks resumed in Doha.\n")
    doc = only(read_all("-"))
    assert isinstance(doc, Document)
    assert (doc.doc_id, doc.origin, doc.format) == ("stdin", "-", "text")
    assert doc.source == "The Daily Ledger"
    assert doc.text == "Talks resumed in Doha.\n"


def test_stdin_format_is_detected_from_content(monkeypatch):
    lines = [json.dumps({"text": "Talks resumed in Doha."}), json.dumps({"id": "x", "text": "Then ended."})]
    _fake_stdin(monkeypatch, ("\n".join(lines) + "\n").encode("utf-8"))
    docs = read_all("-")
    assert [(d.doc_id, d.origin) for d in docs] == [("stdin-1", "-#1"), ("x", "-#2")]


# --- detection ----------------------------------------------------------------------------

@pytest.mark.parametrize(("head", "name", "expected"), [
    (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "crawl.bin", "warc"),
    (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "page.txt", "html"),
    (b"  <html lang='en'><head>", "", "html"),
    (b'{"id": 1, "text": "Talks."}\n{"id": 2, "text": "More."}\n', "data.txt", "jsonl"),
    (b"The Daily Ledger 2024-01-02 03:04:05\nTalks.\n", "page.html", "text"),  # content wins
    (b"{broken\n", "records.jsonl", "jsonl"),  # suffix decides when content cannot
    (b"Just a sentence about talks.\n", "", "text"),
])
def test_format_is_detected_by_content_then_suffix(head, name, expected):
    assert detect(head, name) == expected


def test_input_format_forces_a_reader():
    doc = only(read_all(FIXTURES / "article.html", input_format="text"))
    assert isinstance(doc, Document)
    assert doc.format == "text"
    assert "<article>" in doc.text


def test_forcing_the_wrong_format_is_a_clear_error():
    item = only(read_all(FIXTURES / "plain_story.txt", input_format="warc"))
    assert isinstance(item, ReadError)
    assert "WARC" in item.error


# --- HTML ---------------------------------------------------------------------------------

def test_html_page_main_text_and_metadata():
    doc = only(read_all(FIXTURES / "article.html"))
    assert isinstance(doc, Document)
    assert doc.format == "html"
    assert doc.title == "Nordic Leaders Pledge New Funds for Ukraine’s Air Defense"
    assert doc.source == "Harbor Post"
    assert doc.published == datetime(2024, 6, 12, 9, 15)  # the page's own timestamp
    assert "Leaders of five Nordic countries promised on Wednesday" in doc.text
    assert "\n\nThe prime ministers said in a joint statement" in doc.text  # paragraphs kept
    assert "Home" not in doc.text.split("\n\n")  # navigation is not main text


def test_html_without_body_is_a_clear_error():
    item = only(read_all(FIXTURES / "no_body.html"))
    assert isinstance(item, ReadError)
    assert item.doc_id == "no_body"
    assert "no main text" in item.error


def test_gzipped_html_is_read(tmp_path):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress((FIXTURES / "article.html").read_bytes()))
    doc = only(read_all(path))
    assert isinstance(doc, Document) and doc.doc_id == "page"
    assert doc.title == "Nordic Leaders Pledge New Funds for Ukraine’s Air Defense"


# --- WARC ---------------------------------------------------------------------------------

def _page(title: str, body: str, date: str | None = None) -> bytes:
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    return (f"<html><head><title>{title}</title>{meta}</head><body><article>"
            f"<p>{body}</p><p>{body} The statement was read out on state television in the evening.</p>"
            f"</article></body></html>").encode("utf-8")


def _write_warc(path: Path, *, compress: bool = True) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=compress)
        writer.write_record(writer.create_warc_record("", "warcinfo", payload=io.BytesIO(b"software: test\r\n"),
                                                      warc_content_type="application/warc-fields"))
        pages = [
            ("https://example.org/a", _page("Envoys Meet in Riyadh", "Envoys from two countries met in Riyadh on "
                                            "Tuesday for talks on prisoner exchanges that lasted most of the day.")),
            ("https://example.org/logo.png", None),
            ("https://example.org/b", _page("Ministers Approve Budget", "Ministers approved a larger budget for air "
                                            "defense on Friday after a debate that lasted into the night.",
                                            date="2024-03-01")),
        ]
        for url, html in pages:
            ctype = "text/html; charset=utf-8" if html else "image/png"
            payload = html or b"\x89PNG\r\n\x1a\n\x00\x00"
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(payload), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2025-02-18T21:04:05Z"}))


def test_warc_gz_html_records_are_documents(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    _write_warc(path)
    docs = read_all(path)
    assert all(isinstance(d, Document) for d in docs), docs
    assert [(d.doc_id, d.origin, d.url) for d in docs] == [
        ("crawl-1", f"{path}#1", "https://example.org/a"),
        ("crawl-2", f"{path}#2", "https://example.org/b"),
    ]
    assert docs[0].format == "warc"
    assert docs[0].published == datetime(2025, 2, 18, 21, 4, 5)  # the record's date
    assert docs[1].published == datetime(2024, 3, 1)  # the page's own date wins
    assert docs[0].text.startswith("Envoys from two countries met in Riyadh")


def test_uncompressed_warc_is_read(tmp_path):
    path = tmp_path / "crawl.warc"
    _write_warc(path, compress=False)
    assert [d.doc_id for d in read_all(path)] == ["crawl-1", "crawl-2"]


def test_truncated_warc_gz_gives_records_so_far_then_one_error(tmp_path):
    whole = tmp_path / "whole.warc.gz"
    _write_warc(whole)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 200])  # inside the last record
    items = read_all(cut)
    assert [type(i) for i in items] == [Document, ReadError]
    assert items[0].doc_id == "cut-1"
    assert items[1].doc_id == "cut-2" and items[1].origin == f"{cut}#2"
    assert "truncated" in items[1].error


def test_warc_without_html_records_says_so(tmp_path):
    path = tmp_path / "empty.warc"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        writer.write_record(writer.create_warc_record("", "warcinfo", payload=io.BytesIO(b"software: test\r\n"),
                                                      warc_content_type="application/warc-fields"))
    item = only(read_all(path))
    assert isinstance(item, ReadError) and "no HTML" in item.error


def _summary(items) -> list[tuple]:
    return [(type(i).__name__, i.doc_id, i.origin, getattr(i, "text", None) or getattr(i, "error", None))
            for i in items]


@pytest.mark.parametrize("compress", [True, False])
def test_a_warc_record_range_reads_what_islice_keeps_and_extracts_nothing_before_it(tmp_path, monkeypatch,
                                                                                     compress):
    from itertools import islice

    import detente.ingest.warc as warc
    from detente.ingest import record_count

    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    _write_warc(path, compress=compress)
    whole = read_all(path)
    assert record_count(str(path)) == len(whole) == 2
    extracted = []
    real = warc.html_document
    monkeypatch.setattr(warc, "html_document", lambda html, doc_id, *a, **k: extracted.append(doc_id)
                        or real(html, doc_id, *a, **k))
    for start in range(4):
        for stop in [None, *range(4)]:
            extracted.clear()
            window = read_all(path, records=slice(start, stop))
            assert _summary(window) == _summary(islice(whole, start, stop)), (start, stop)
            # Pages before the range are counted from their headers, never extracted.
            assert extracted == [d.doc_id for d in window]


def test_a_damaged_warc_cut_into_ranges_reports_its_damage_in_the_range_that_reaches_it(tmp_path):
    whole = tmp_path / "whole.warc.gz"
    _write_warc(whole)
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole.read_bytes()[:-200])
    assert [type(i) for i in read_all(cut, records=slice(0, 1))] == [Document]
    tail = read_all(cut, records=slice(1, None))
    assert [(type(i), i.doc_id) for i in tail] == [(ReadError, "cut-2")] and "truncated" in tail[0].error


def test_a_one_document_file_has_no_record_after_its_first(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Envoys Meet in Riyadh\n\nEnvoys from two countries met in Riyadh on Tuesday.\n")
    from detente.ingest import record_count

    assert record_count(str(page)) is None
    assert len(read_all(page, records=slice(0, 1))) == 1
    assert read_all(page, records=slice(1, None)) == []


# --- JSON Lines ---------------------------------------------------------------------------

def test_jsonl_records_with_broken_lines_in_between():
    items = read_all(FIXTURES / "records.jsonl")
    origin = str(FIXTURES / "records.jsonl")
    summary = [(type(i).__name__, i.doc_id, i.origin) for i in items]
    assert summary == [
        ("Document", "kyiv-talks-01", f"{origin}#1"),
        ("Document", "records-2", f"{origin}#2"),
        ("ReadError", "records-3", f"{origin}#3"),  # broken JSON: that line only
        ("ReadError", "no-text", f"{origin}#4"),
        ("Document", "page-03", f"{origin}#5"),
        ("ReadError", "records-6", f"{origin}#6"),
        ("Document", "bad-date", f"{origin}#7"),
    ]
    first, second, broken, no_text, html, not_object, bad_date = items
    assert first.source == "Wire Desk" and first.url == "https://example.org/istanbul-grain"
    assert first.published == datetime(2023, 7, 21, 14, 0)
    assert first.format == "jsonl"
    assert second.published == datetime(2023, 7, 23)
    assert "line 3 is not valid JSON" in broken.error
    assert '"text" or "html"' in no_text.error
    assert "not a JSON object" in not_object.error
    assert html.format == "html" and html.title == "Parliament Approves Defense Budget"
    assert html.published == datetime(2024, 3, 5, 18, 0)  # the record's own date
    assert html.text.startswith("Parliament approved a larger defense budget")
    assert bad_date.published is None


def test_a_jsonl_record_range_reads_what_islice_keeps(tmp_path):
    from itertools import islice

    from detente.ingest import record_count

    path = tmp_path / "mixed.jsonl"
    # Blank lines are no records; a broken line and an over-long line are records (errors).
    path.write_bytes((FIXTURES / "records.jsonl").read_bytes() + b"\n\n" + b'{"text": "' + b"x" * 5000
                     + b'"}\n' + b'{"id": "last", "text": "Envoys met in Oslo on Monday."}\n')
    whole = read_all(path, limits=Limits(document_bytes=4000))
    assert record_count(str(path), limits=Limits(document_bytes=4000)) == len(whole) == 9
    for start in range(11):
        for stop in [None, *range(11)]:
            window = read_all(path, records=slice(start, stop), limits=Limits(document_bytes=4000))
            assert _summary(window) == _summary(islice(whole, start, stop)), (start, stop)


def test_jsonl_verbatim_text_is_the_record_text():
    first = read_all(FIXTURES / "records.jsonl")[0]
    article = verbatim_article(first)
    assert article.doc_id == "kyiv-talks-01"
    assert article.text == json.loads((FIXTURES / "records.jsonl").read_text().splitlines()[0])["text"]


# --- bad input ----------------------------------------------------------------------------

def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    item = only(read_all(path))
    assert isinstance(item, ReadError)
    assert (item.doc_id, item.origin) == ("empty", str(path))
    assert "empty file" in item.error


def test_whitespace_only_file(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_bytes(b"\n \n\t\n")
    item = only(read_all(path))
    assert isinstance(item, ReadError) and "only whitespace" in item.error


def test_binary_file_is_rejected_and_the_batch_goes_on(tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 20)
    items = read_all(path, FIXTURES / "plain_story.txt")
    assert isinstance(items[0], ReadError)
    assert "binary file" in items[0].error
    assert isinstance(items[1], Document)


def test_invalid_utf8_falls_back_to_cp1252_and_says_so(tmp_path, caplog):
    path = tmp_path / "legacy.txt"
    path.write_bytes("The minister’s “final offer” was rejected in Zürich.\n".encode("cp1252"))
    with caplog.at_level(logging.WARNING, logger="detente.ingest"):
        doc = only(read_all(path))
    assert isinstance(doc, Document)
    assert doc.text == "The minister’s “final offer” was rejected in Zürich.\n"
    assert any("not valid UTF-8" in r.getMessage() and "Windows-1252" in r.getMessage() for r in caplog.records)


def test_stray_bad_byte_in_utf8_keeps_the_rest(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("Talks in Kyiv — “long”.".encode("utf-8") + b" \x81 \x93ok\x94\n")
    doc = only(read_all(path))
    assert doc.text == "Talks in Kyiv — “long”. \x81 “ok”\n"


def test_truncated_gzip_text_is_a_clear_error(tmp_path):
    path = tmp_path / "page.txt.gz"
    path.write_bytes(gzip.compress(b"Talks resumed in Doha on Monday. " * 200)[:-30])
    item = only(read_all(path))
    assert isinstance(item, ReadError) and "truncated" in item.error


def test_fifty_megabyte_text_file_is_one_document(tmp_path):
    paragraph = ("Officials from both delegations met again on Thursday to discuss the exchange of "
                 "prisoners, the reopening of embassies and the schedule for further talks. ") * 3
    block = (paragraph.strip() + "\n\n").encode("utf-8")
    path = tmp_path / "huge.txt"
    size = 50 * 1024 * 1024
    with path.open("wb") as out:
        for _ in range(size // len(block) + 1):
            out.write(block)
    doc = only(read_all(path))
    assert isinstance(doc, Document)
    assert len(doc.text) >= size
    articles = articles_from(doc)
    assert len(articles) == 1
    assert articles[0].text.startswith("Officials from both delegations")


def test_doc_ids_are_stable_across_runs():
    first = [i.doc_id for i in read_all(FIXTURES)]
    second = [i.doc_id for i in read_all(FIXTURES)]
    assert first == second
    assert "two_stories" in first and "records-2" in first


# --- inputs nobody thought of -------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".html", ".jsonl", ".warc", ".warc.gz", ""]))
def test_any_bytes_give_documents_or_read_errors_never_an_exception(tmp_path, data, suffix):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    for item in read([str(path)]):
        assert isinstance(item, (Document, ReadError))
        if isinstance(item, ReadError):
            assert item.error and item.origin.startswith(str(path))
        else:
            for article in articles_from(item):
                assert article.text.strip()
