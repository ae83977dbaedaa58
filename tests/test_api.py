"""The Python API (`detente.extract`, `detente.open`): the same results the command line gives,
as Article objects and pandas DataFrames. Texts here are written for these tests."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

import detente
from detente.cli import sample_corpus_paths

STORY = (
    "Russia and Ukraine Swap Prisoners After Talks in Istanbul\n\n"
    "ISTANBUL — Russia and Ukraine exchanged 300 prisoners on Tuesday after talks hosted by Turkey, "
    "officials in both countries said.\n\n"
    "\u201cThis is a first step,\u201d President Volodymyr Zelensky of Ukraine said in a video address.\n"
)


def test_extract_takes_text_and_gives_contract_articles():
    articles = detente.extract(STORY, published="2025-05-20", source="Test Wire")
    assert len(articles) == 1
    article = articles[0]
    assert article.headline.startswith("Russia and Ukraine Swap Prisoners")
    assert article.source == "Test Wire" and article.published == dt.datetime(2025, 5, 20)
    assert article.language == "en"
    record = json.loads(json.dumps(article.to_dict()))
    assert {"entities", "quotes", "events", "figures", "language"} <= record.keys()
    assert any(q["speaker"] and q["speaker"]["actor"] and q["speaker"]["actor"]["country"] == "UKR"
               for q in record["quotes"])
    assert record["events"] and all(e["source"] or e["target"] for e in record["events"])
    assert all(record["text"][f["start"]:f["end"]] == f["text"] for f in record["figures"])


def test_extract_reads_a_path_and_html(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(STORY, encoding="utf-8")
    from_path = detente.extract(page, published=dt.date(2025, 5, 20))
    from_name = detente.extract(str(page), published=dt.date(2025, 5, 20))
    assert [a.to_dict()["text"] for a in from_path] == [a.to_dict()["text"] for a in from_name]
    html = ("<!doctype html><html><head><title>Ministers meet in Vienna</title></head><body><article>"
            "<h1>Ministers meet in Vienna</h1><p>VIENNA — The foreign ministers of Austria and Hungary met on "
            "Monday to discuss border controls, the Austrian government said.</p><p>They agreed to meet again "
            "next month in Budapest.</p></article></body></html>")
    articles = detente.extract(html)
    assert articles and "Austria and Hungary" in articles[0].text and "<p>" not in articles[0].text


def test_extract_verbatim_keeps_the_text_exactly():
    text = "  Lines\r\nas   given.\n"
    (article,) = detente.extract(text, verbatim=True)
    assert article.text == text


def test_extract_refuses_what_it_cannot_read(tmp_path):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(detente.DetenteError, match="binary"):
        detente.extract(binary)
    with pytest.raises(detente.DetenteError, match="published"):
        detente.extract(STORY, published="next Tuesday")
    with pytest.raises(detente.DetenteError, match="extract takes"):
        detente.extract(12345)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "sample.duckdb"
    with detente.open(path) as store:
        summary = store.ingest([str(p) for p in sample_corpus_paths()], workers=1)
    assert summary.documents > 40 and summary.articles >= summary.documents and not summary.failures
    return path


def test_a_store_answers_with_dataframes(sample_store):
    with detente.open(sample_store, read_only=True) as store:
        articles = store.articles()
        assert isinstance(articles, pd.DataFrame) and {"headline", "text", "published", "language"} <= set(articles)
        assert articles["published"].is_monotonic_decreasing
        events = store.events()
        assert {"type", "cameo", "quad_class", "goldstein", "source_country", "target_country", "rule"} <= set(events)
        russian = store.events(source="RUS")
        assert 0 < len(russian) < len(events) and (russian["source_country"] == "RUS").all()
        pair = store.events(source="USA", target="RUS", since="2025-01-01")
        assert (pair["target_country"] == "RUS").all() and (pd.to_datetime(pair["date"]) >= "2025-01-01").all()
        assert len(store.events(type="consult")) == (events["type"] == "CONSULT").sum()
        quotes = store.quotes(speaker="USA")
        assert len(quotes) > 0 and (quotes["country"] == "USA").all() and "published" in quotes
        assert len(store.articles(limit=3)) == 3


def test_dyads_shifts_and_digests(sample_store):
    with detente.open(sample_store, read_only=True) as store:
        series = store.dyad("USA", "RUS", by="month")
        assert len(series) > 3 and series["events"].sum() >= series[["quad1", "quad2", "quad3", "quad4"]].sum().sum()
        shifts = store.shifts("USA", "RUS")
        assert len(shifts) >= 1 and {"date", "before", "after"} <= set(shifts)
        assert list(store.shifts(top=3).columns)[:2] == ["a", "b"]
        digest = store.digest(["UKR"], since="2025-01-01")
        assert len(digest) > 0 and set(digest["kind"]) <= {"event", "quote", "shift"}
        with pytest.raises(detente.DetenteError):
            store.dyad("USA", "no-such-actor")
        with pytest.raises(detente.DetenteError, match="both actors"):
            store.shifts("USA")


def test_ingesting_again_adds_nothing(sample_store):
    with detente.open(sample_store) as store:
        before = len(store.events())
        summary = store.ingest(sample_corpus_paths(), workers=1)
        assert summary.documents == 0 and summary.skipped > 40 and not summary.failures
        assert len(store.events()) == before


def test_an_empty_store(tmp_path):
    with detente.open(tmp_path / "empty.duckdb") as store:
        assert store.events().empty and store.articles().empty
        with pytest.raises(detente.DetenteError):
            store.dyad("USA", "RUS")
    with pytest.raises(detente.DetenteError, match="no store"):
        detente.open(tmp_path / "missing.duckdb", read_only=True)


def test_the_sample_corpus_ships_in_the_package():
    folders = detente.sample_corpus()
    assert [p.name for p in folders] == ["text", "html", "warc"] and all(p.is_dir() for p in folders)
    assert [str(p) for p in folders] == [str(p) for p in sample_corpus_paths()]


def test_filters_of_articles_and_quotes(sample_store):
    with detente.open(sample_store, read_only=True) as store:
        everything = store.articles()
        source = everything["source"].dropna().iloc[0]
        by_source = store.articles(source=source)
        assert 0 < len(by_source) <= len(everything) and (by_source["source"] == source).all()
        assert (store.articles(language="en")["language"] == "en").all()
        day = everything["published"].dropna().iloc[0].date()
        one_day = store.articles(since=day, until=day)
        assert len(one_day) >= 1 and (one_day["published"].dt.date == day).all()
        direct = store.quotes(kind="direct")
        assert len(direct) > 0 and (direct["kind"] == "direct").all()
        assert store.quotes(speaker="USA", until="1990-01-01").empty
        with pytest.raises(detente.DetenteError, match="limit"):
            store.articles(limit=-1)
        with pytest.raises(detente.DetenteError, match="not a date"):
            store.events(since="last spring")


def test_an_unknown_actor_is_an_error_not_an_empty_answer(sample_store):
    with detente.open(sample_store, read_only=True) as store:
        with pytest.raises(detente.DetenteError, match="unknown actor 'RUSS'"):
            store.events(source="RUSS")
        with pytest.raises(detente.DetenteError, match="unknown actor"):
            store.shifts("USA", "no-such-actor")
        with pytest.raises(detente.DetenteError):
            store.digest(["no-such-place"])


def test_a_dyad_chart(sample_store, tmp_path):
    with detente.open(sample_store, read_only=True) as store:
        chart = store.dyad_chart("USA", "RUS", tmp_path / "usa-rus.png")
        assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        svg = store.dyad_chart("USA", "RUS", tmp_path / "usa-rus.svg", by="week", since="2025-01-01")
        assert "<svg" in svg.read_text(encoding="utf-8")[:500]
        with pytest.raises(detente.DetenteError, match="png or .svg"):
            store.dyad_chart("USA", "RUS", tmp_path / "usa-rus.gif")


def test_ingesting_a_binary_file_records_a_failure_and_goes_on(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "photo.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "news" / "story.txt").write_text(STORY, encoding="utf-8")
    with detente.open(tmp_path / "s.duckdb") as store:
        summary = store.ingest(tmp_path / "news", workers=1)
        assert summary.documents == 1 and summary.articles == 1
        assert [f.origin.endswith("photo.txt") for f in summary.failures] == [True]
        assert "binary" in summary.failures[0].error
        assert len(store.articles()) == 1


def test_an_empty_store_answers_every_query(tmp_path):
    with detente.open(tmp_path / "empty.duckdb") as store:
        assert store.quotes().empty
        with pytest.raises(detente.DetenteError, match="no events yet"):
            store.shifts(top=5)
        with pytest.raises(detente.DetenteError, match="unknown actor"):
            store.events(source="USA")
        with pytest.raises(detente.DetenteError):
            store.dyad_chart("USA", "RUS", tmp_path / "c.png")


def test_extract_and_ingest_take_extra_actors(tmp_path):
    kb = tmp_path / "actors.yaml"
    kb.write_text("- id: ada-quill\n  name: Ada Quill\n  country: NOR\n  gender: f\n  roles:\n"
                  "    - {title: Minister of Fisheries, sector: GOV, from: 2020-01-01, to: null}\n", encoding="utf-8")
    text = ("Norway Opens Fishing Talks\n\nOSLO — Ada Quill met her Icelandic counterpart in Oslo on Monday, "
            "the Norwegian government said. \u201cWe need an agreement,\u201d Ms. Quill said.\n")
    actors = {e.actor.id: e.actor for a in detente.extract(text, published="2025-03-03", kb=[kb])
              for e in a.entities if e.actor}
    assert actors["ada-quill"].country == "NOR" and actors["ada-quill"].sector == "GOV"
    plain = {e.actor.id: e.actor for a in detente.extract(text, published="2025-03-03") for e in a.entities if e.actor}
    assert plain.get("ada-quill") is None or plain["ada-quill"].sector is None
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "story.txt").write_text(text, encoding="utf-8")
    with detente.open(tmp_path / "s.duckdb") as store:
        store.ingest(tmp_path / "news", kb=[kb], workers=1)
        assert "GOV" in set(store._frame("SELECT sector FROM entities WHERE actor_id = 'ada-quill'", [])["sector"])


def test_frames_on_request(sample_store):
    import pyarrow as pa

    with detente.open(sample_store, read_only=True, frames="arrow") as store:
        events = store.events(source="USA", limit=5)
        assert isinstance(events, pa.Table) and "event_key" in events.column_names and events.num_rows == 5
        series = store.dyad("USA", "RUS", by="month")
        assert isinstance(series, pa.Table) and series.column_names[:2] == ["period", "events"]
        digest = store.digest(["UKR"], since="2025-01-01")
        assert isinstance(digest, pa.Table) and digest.num_rows > 0
    with pytest.raises(detente.DetenteError, match="frames must be"):
        detente.open(sample_store, read_only=True, frames="excel")
    try:
        import polars
    except ImportError:
        with pytest.raises(detente.DetenteError, match="pip install polars"):
            detente.open(sample_store, read_only=True, frames="polars")
    else:
        with detente.open(sample_store, read_only=True, frames="polars") as store:
            assert isinstance(store.articles(limit=2), polars.DataFrame)
