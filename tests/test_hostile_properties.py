"""Property tests (hypothesis) of every reader, the normaliser, the cleaner and the splitter.

Whatever the bytes or text: no exception escapes, what comes out is a Document or a
ReadError, text is clean (no surrogate, no terminal control), offsets stay within the text,
and running twice gives the same output.
"""

from __future__ import annotations

import gzip
import io
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.clean import articles_from
from detente.clean.split import clean_paragraphs, paragraphs, stories
from detente.ingest import Limits, read
from detente.ingest.decode import decode
from detente.ingest.detect import FORMATS, detect
from detente.ingest.html import html_document
from detente.ingest.jsonl import read_jsonl, record_document
from detente.ingest.normalize import canonical_text, content_key, normalize_text, printable
from detente.ingest.streams import bounded_lines, gunzip
from detente.ingest.text import text_document
from detente.ingest.warc import read_warc
from detente.model import Document, ReadError

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text with what real pages and crafted ones hold: line breaks of every kind, controls,
# surrogates, combining marks, NBSP, bidi overrides, and ordinary words.
_PIECES = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\t", " ", "\u00a0", "\u0301", "\u202e", "\x1b[31m",
                           "\x00", "\x0c", "\x85", "\x9b", "\ud800", "\udcff", "\ufeff", "\ufffe", "“", "”", ".",
                           "Talks resumed in Vienna", "THE MINISTER SAID", "subscribe now", "By Ada Quill",
                           "{", "}", "<p>", "</p>", "<", "&amp;", "WARC/1.0\r\n", '"text": '])
TEXT = st.one_of(st.text(), st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=60).map("".join))
BYTES = st.one_of(st.binary(max_size=4000), TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
                  TEXT.map(lambda t: t.encode("utf-16", "surrogatepass")))
_BAD = set("\x00\x1b\x7f\x9b") | {chr(c) for c in range(0xD800, 0xE000)}


def clean(text: str) -> bool:
    return not (_BAD & set(text))


def same(a, b) -> bool:
    return repr(a) == repr(b)


# -- normalisation -----------------------------------------------------------------------

@FAST
@given(TEXT)
def test_normalized_text_is_clean_idempotent_and_keeps_line_ends(text):
    out = normalize_text(text)
    assert clean(out)
    assert normalize_text(out) == out
    assert len(out) <= len(text)
    assert out.count("\n") >= text.count("\n") and out.count("\r") == text.count("\r")


@FAST
@given(TEXT)
def test_printable_is_one_safe_line(text):
    shown = printable(text)
    assert "\n" not in shown and "\r" not in shown and clean(shown)
    assert printable(shown) == shown
    shown.encode("utf-8")  # nothing that cannot be printed


@FAST
@given(TEXT)
def test_content_key_ignores_line_endings_spaces_blank_lines_and_accent_form(text):
    key = content_key("text", text)
    variants = [text.replace("\n", "\r\n"), text.replace("\n", " \n"), text.replace("\n", "\n\n") + "\n",
                text.replace(" ", "\u00a0"), unicodedata.normalize("NFD", text), "\n" + text + "  "]
    for variant in variants:
        assert content_key("text", variant) == key, repr(variant)
    assert canonical_text(canonical_text(text)) == canonical_text(text)


def test_content_key_tells_different_words_apart():
    assert content_key("text", "Talks resumed.") != content_key("text", "Talks ended.")
    assert content_key("text", "Talks resumed.") != content_key("html", "Talks resumed.")
    assert content_key("text", "One line.\nTwo lines.") != content_key("text", "One line. Two lines.")


# -- readers -----------------------------------------------------------------------------

@FAST
@given(BYTES)
def test_decode_always_gives_text(data):
    decoded = decode(data)
    assert isinstance(decoded.text, str)
    assert detect(data) in FORMATS


@FAST
@given(TEXT)
def test_text_reader_keeps_the_text_after_its_header(text):
    doc = text_document(text, "d", "o")
    assert isinstance(doc, Document) and text.endswith(doc.text)
    assert same(doc, text_document(text, "d", "o"))


@FAST
@given(BYTES)
def test_jsonl_record_never_raises(data):
    item = record_document(data, 1, "s", "o")
    assert isinstance(item, (Document, ReadError))
    assert same(item, record_document(data, 1, "s", "o"))


@FAST
@given(st.lists(st.one_of(BYTES, st.just(b'{"text": "Talks resumed in Vienna."}')), max_size=8))
def test_jsonl_reader_gives_one_item_per_non_blank_line(lines):
    data = b"\n".join(line.replace(b"\n", b" ") for line in lines)
    items = list(read_jsonl(io.BytesIO(data), "s", "o", Limits(document_bytes=2000)))
    assert len(items) == sum(1 for line in data.split(b"\n") if line.strip())
    assert all(isinstance(i, (Document, ReadError)) for i in items)


@SLOW
@given(TEXT)
def test_html_reader_never_raises(text):
    for markup in (text, f"<html><body><p>{text}</p></body></html>"):
        item = html_document(markup, "h", "o")
        assert isinstance(item, (Document, ReadError))
        assert same(item, html_document(markup, "h", "o"))


@SLOW
@given(BYTES)
def test_warc_reader_never_raises(data):
    for raw in (data, b"WARC/1.0\r\n" + data):
        items = list(read_warc(io.BytesIO(raw), "w", "o"))
        assert items and all(isinstance(i, (Document, ReadError)) for i in items)


@FAST
@given(st.binary(max_size=3000), st.integers(1, 500))
def test_bounded_lines_cover_the_stream(data, limit):
    lines = list(bounded_lines(io.BytesIO(data), limit))
    assert sum(length for _, length in lines) == len(data)
    assert all(len(line) <= limit + 1 for line, _ in lines)


@FAST
@given(st.binary(max_size=3000), st.integers(1, 4000))
def test_bounded_gunzip_never_gives_more_than_its_limit(data, limit):
    packed = gzip.compress(data)
    stream = gunzip(io.BytesIO(packed), limit)
    try:
        out = stream.read()
    except Exception as exc:  # the only way out: past the limit
        assert type(exc).__name__ == "TooLarge" and len(data) > limit
    else:
        assert out == data and len(data) <= limit


@SLOW
@given(BYTES, st.sampled_from(["x.txt", "x.html", "x.jsonl", "x.warc", "x.txt.gz", "x"]), st.booleans())
def test_read_any_file_never_raises_and_gives_clean_text(tmp_path_factory, data, name, gzipped):
    path = tmp_path_factory.mktemp("prop") / name
    path.write_bytes(gzip.compress(data) if gzipped else data)
    first = list(read([str(path)]))
    assert first and all(isinstance(i, (Document, ReadError)) for i in first)
    for item in first:
        if isinstance(item, Document):
            assert clean(item.text) and clean(item.doc_id) and clean(item.source or "")
        else:
            assert "\n" not in item.error and clean(item.error)
    assert same(first, list(read([str(path)])))


# -- cleaner and splitter ----------------------------------------------------------------

@SLOW
@given(TEXT, st.sampled_from(["text", "html", "jsonl"]))
def test_cleaner_never_raises_and_is_deterministic(text, fmt):
    document = Document(doc_id="d", origin="o", text=normalize_text(text), format=fmt, title="Talks")
    articles = articles_from(document)
    for article in articles:
        assert article.text.strip() and article.article_id.startswith("d:")
        for paragraph in article.text.split("\n\n"):
            # every paragraph of an article comes from the page (white space aside)
            assert " ".join(paragraph.split()) in " ".join(document.text.split())
    assert same(articles, articles_from(document))


@FAST
@given(TEXT)
def test_splitter_paragraphs_are_non_empty_single_lines_from_the_text(text):
    items = paragraphs(text)
    flat = " ".join(text.split())
    for item in items:
        assert item and "\n" not in item and item == item.strip()
        assert item in flat
    cleaned = clean_paragraphs(items)
    assert same(stories(cleaned), stories(list(cleaned)))
    assert same(items, paragraphs(text))


# -- the whole pipeline --------------------------------------------------------------------

_NEWS = st.lists(st.sampled_from([
    "Ministers Meet in Vienna", "Foreign ministers from Austria and Hungary met in Vienna on Monday.",
    "\u201cWe agreed to keep the ports open,\u201d the Austrian foreign minister said.",
    "The deal is worth $2.5 billion, officials said.", "Subscribe now to keep reading.", "By Ada Quill",
    "Russia and Ukraine exchanged 90 prisoners in Istanbul on Tuesday.", "", "\u00a0", "e\u0301t\u00e9 ",
    "\ud800", "\x1b[31m", "NATO troops attacked the village.", "\u201cNo,\u201d he said."]), max_size=12)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(_NEWS, st.sampled_from(["\n", "\n\n", "\r\n", " "]))
def test_pipeline_offsets_stay_within_the_text(nlp, lines, glue):
    from detente.pipeline import extract

    text = glue.join(lines) or "Talks."
    document = Document(doc_id="p", origin="p", text=normalize_text(text), format="text")
    first = [a.to_dict() for a in extract([document], nlp=nlp)]
    for article in first:
        if "error" in article:
            continue
        body = article["text"]
        spans = [*article["entities"], *article["quotes"], *article["figures"],
                 *(e["trigger"] for e in article["events"])]
        spans += [q["speaker"] for q in article["quotes"] if q["speaker"]]
        for span in spans:
            assert 0 <= span["start"] <= span["end"] <= len(body) and body[span["start"]:span["end"]] == span["text"]
        for event in article["events"]:
            assert 0 <= event["sentence"]["start"] <= event["sentence"]["end"] <= len(body)
    again = Document(doc_id="p", origin="p", text=normalize_text(text), format="text")
    assert [a.to_dict() for a in extract([again], nlp=nlp)] == first
