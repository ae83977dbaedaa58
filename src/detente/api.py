"""The Python front door: `detente.extract(...)` and `detente.open(...)`.

The same code the command line runs, for a notebook or a script: `extract` gives the
contract's Article objects (`to_dict()` for JSON), and a store opened with `open` answers
with pandas DataFrames whose columns are the store's own (store/schema.py documents them).

    import detente
    articles = detente.extract("Russia and Ukraine agreed on Monday to exchange prisoners.")
    with detente.open("news.duckdb") as store:
        store.ingest(["news/"])
        store.events(source="RUS", target="UKR")
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from importlib.resources import files
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Union

import pandas as pd
import pyarrow as pa

from detente.analysis.digest import place_digest, resolve_places
from detente.analysis.dyads import check_actor, dyad_series
from detente.analysis.shifts import dyad_shifts, top_shifts
from detente.errors import DetenteError
from detente.ingest import read
from detente.ingest.html import html_document
from detente.ingest.normalize import normalize_text
from detente.ingest.text import text_document
from detente.model import Article, Document, ReadError
from detente.store.db import Store as StoreFile
from detente.store.ingest import IngestReport, ingest_documents

if TYPE_CHECKING:
    import polars

# What a query answers with: a pandas DataFrame unless the store was opened with other `frames`.
Frame = Union[pd.DataFrame, pa.Table, "polars.DataFrame"]

# A string longer than this, or with a line break, is text, never a file name.
_LONGEST_PATH = 4096
_MARKUP_OPENINGS = ("<!doctype", "<html", "<head", "<body", "<article", "<div", "<p>", "<p ")


def extract(text_or_path_or_html: str | os.PathLike | bytes, *, published: dt.datetime | str | None = None,
            source: str | None = None, verbatim: bool = False, language: str | None = None,
            kb: Sequence[str | os.PathLike] = ()) -> list[Article]:
    """Articles, with their entities, quotes, events and figures, from one input.

    The input is a path (a file or a folder, in any format `detente extract` reads), an HTML
    page, or plain text (a scraped text page, fused stories and all). `published` and `source`
    set the date and the publisher when the input does not give them (relative dates such as
    "on Monday" are read against `published`); `verbatim` keeps the text exactly as given, in
    one article; `language` (ISO 639-1) forces the language instead of identifying it; `kb`
    names extra knowledge-base files (YAML) of actors, as `--kb` does on the command line.

    Raises DetenteError when nothing could be read (the reasons are in the message).
    """
    from detente.nlp import load_pipeline
    from detente.pipeline import extract as run

    when = _as_datetime(published)
    documents = [_with_defaults(d, when, source) if isinstance(d, Document) else d
                 for d in _documents(text_or_path_or_html)]
    nlp = load_pipeline(kb_paths=tuple(str(p) for p in kb))
    items = list(run(documents, verbatim=verbatim, nlp=nlp, language=language))
    articles = [item for item in items if isinstance(item, Article)]
    errors = [item for item in items if isinstance(item, ReadError)]
    if errors and not articles:
        raise DetenteError("; ".join(f"{e.origin}: {e.error}" for e in errors))
    return articles


def sample_corpus() -> list[Path]:
    """The sample corpus that ships inside the package (written for detente): a folder of text
    pages, one of HTML pages and a web archive, to try `Store.ingest` or `extract` on."""
    root = Path(str(files("detente") / "resources" / "sample"))
    return [root / "text", root / "html", root / "warc"]


def open(db_path: str | os.PathLike, *, read_only: bool = False,  # noqa: A001 - the API's name
         frames: str = "pandas") -> Store:
    """A store (a DuckDB file, created when missing unless `read_only`) to ingest into and query.

    `frames` is what its queries answer with: "pandas" DataFrames, "arrow" (pyarrow Tables) or
    "polars" DataFrames (polars is not a dependency of detente: install it to ask for it)."""
    return Store(db_path, read_only=read_only, frames=frames)


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What `Store.ingest` did: documents stored, already there, articles made, failures."""

    documents: int
    skipped: int
    articles: int
    failures: list[ReadError]

    @classmethod
    def of(cls, report: IngestReport) -> IngestSummary:
        return cls(report.documents, report.skipped + report.repeated, report.articles, list(report.failures))


FRAMES = ("pandas", "arrow", "polars")


class Store:
    """A detente store, each query a pandas DataFrame (or an Arrow table or a polars
    DataFrame, as `frames` asks; the columns are the same).

    Actors are given as ISO3 country codes (every actor of that country) or actor ids
    ("sergey-lavrov"); dates as `datetime.date` or "YYYY-MM-DD". Event rows are the store's:
    one row per (source, target) pair of an event, `event_key` shared by the pairs.
    """

    def __init__(self, db_path: str | os.PathLike, *, read_only: bool = False, frames: str = "pandas") -> None:
        self.path = str(db_path)
        if frames not in FRAMES:
            raise DetenteError(f"frames must be one of {', '.join(FRAMES)}, not {frames!r}")
        if frames == "polars" and find_spec("polars") is None:
            raise DetenteError("frames='polars' needs polars, which is not installed (pip install polars)")
        self.frames = frames
        if read_only and not Path(self.path).exists():
            raise DetenteError(f"no store at {self.path}")
        self._store = StoreFile(self.path, read_only=read_only)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._store.close()

    def ingest(self, paths: str | os.PathLike | Sequence[str | os.PathLike], *, language: str | None = None,
               workers: int | None = None, kb: Sequence[str | os.PathLike] = ()) -> IngestSummary:
        """Read, analyse and store `paths` (files or folders); documents already stored are skipped.

        `workers` processes share the analysis (default: every core); `kb` names extra
        knowledge-base files of actors. A document that cannot be read is listed in the
        summary's `failures` (and the store's `failures` table) and the rest go on."""
        from detente.parallel import PipelineSpec, extract_parallel

        given = [str(paths)] if isinstance(paths, (str, os.PathLike)) else [str(p) for p in paths]
        spec = PipelineSpec(kb_paths=tuple(str(p) for p in kb), language=language)
        report = ingest_documents(read(given), self._store, language=language,
                                  extractor=lambda docs: extract_parallel(docs, spec, workers=workers))
        return IngestSummary.of(report)

    def articles(self, *, source: str | None = None, since: dt.date | str | None = None,
                 until: dt.date | str | None = None, language: str | None = None,
                 limit: int | None = None) -> Frame:
        """Articles (headline, dek, text, source, published, language...), newest first."""
        where, params = _Where(), []
        where.add("source = ?", source, params)
        where.add("language = ?", language, params)
        where.add("published >= ?", _as_day(since), params)
        where.add("published < ? + INTERVAL 1 DAY", _as_day(until), params)
        sql = f"SELECT * FROM articles WHERE {where} ORDER BY published DESC NULLS LAST, article_key"
        return self._frame(sql + _limit(limit), params)

    def events(self, *, source: str | None = None, target: str | None = None, type: str | None = None,  # noqa: A002
               since: dt.date | str | None = None, until: dt.date | str | None = None,
               dataset: str | None = None, limit: int | None = None) -> Frame:
        """Event rows with both sides' actor columns, CAMEO code, quad class, Goldstein score,
        PLOVER type and mode, the sentence and the rule; oldest first. `dataset` is "detente"
        for our own events or the name of an imported dataset (icews, gdelt, polecat).
        An actor no event has (a typo, most often) raises DetenteError."""
        where, params = _Where(), []
        for side, actor in (("source", source), ("target", target)):
            if actor is not None:
                check_actor(self._store, actor)  # a typo must not read as "no events"
                where.add(f"({side}_country = ? OR {side}_id = ?)", actor, params, repeat=2)
        where.add("type = ?", type.upper() if type else None, params)
        where.add("dataset = ?", dataset, params)
        where.add("date >= ?", _as_day(since), params)
        where.add("date <= ?", _as_day(until), params)
        sql = f"SELECT * FROM events WHERE {where} ORDER BY date NULLS LAST, row_id"
        return self._frame(sql + _limit(limit), params)

    def quotes(self, *, speaker: str | None = None, since: dt.date | str | None = None,
               until: dt.date | str | None = None, kind: str | None = None,
               limit: int | None = None) -> Frame:
        """Quotes with their speaker (mention and actor columns), kind and the article's date."""
        where, params = _Where(), []
        where.add("(q.country = ? OR q.actor_id = ?)", speaker, params, repeat=2)
        where.add("q.kind = ?", kind, params)
        where.add("a.published >= ?", _as_day(since), params)
        where.add("a.published < ? + INTERVAL 1 DAY", _as_day(until), params)
        sql = (f"SELECT q.*, a.published, a.headline, a.source FROM quotes q JOIN articles a USING (article_key) "
               f"WHERE {where} ORDER BY a.published NULLS LAST, q.article_key, q.idx")
        return self._frame(sql + _limit(limit), params)

    def dyad(self, a: str, b: str, *, by: str = "month", since: dt.date | str | None = None,
             until: dt.date | str | None = None, directed: bool = False) -> Frame:
        """The relation between `a` and `b` per period: events, events by quad class, mean
        Goldstein and PLOVER score, share of cooperation, mentions (as `detente dyad`)."""
        series = dyad_series(self._store, a, b, since, until, by=by, directed=directed)
        rows = [{"period": p.start, "events": p.events, **{f"quad{q}": p.quad.get(q, 0) for q in "1234"},
                 "goldstein": p.goldstein, "plover_score": p.plover_score, "cooperation": p.cooperation,
                 "mentions": p.mentions} for p in series.periods]
        columns = ["period", "events", "quad1", "quad2", "quad3", "quad4", "goldstein", "plover_score",
                   "cooperation", "mentions"]
        return self._answer(pd.DataFrame(rows, columns=columns))

    def dyad_chart(self, a: str, b: str, out_path: str | os.PathLike, *, by: str = "month",
                   since: dt.date | str | None = None, until: dt.date | str | None = None) -> Path:
        """Draw the relation between `a` and `b` (mean Goldstein per period, events by quad
        class, the detected shifts marked) into `out_path`, a .png or .svg file, as
        `detente dyad --plot` does. Returns the path written."""
        from detente.analysis.plot import plot_dyad

        start, end = _as_day(since), _as_day(until)
        series = dyad_series(self._store, a, b, start, end, by=by)
        return plot_dyad(series, dyad_shifts(self._store, a, b, by=by, start=start, end=end), out_path)

    def shifts(self, a: str | None = None, b: str | None = None, *, top: int = 10,
               since: dt.date | str | None = None, by: str | None = None) -> Frame:
        """Shifts in one relation (`a` and `b`) or the `top` largest across all country pairs:
        the date, the level before and after (mean Goldstein) and their size."""
        if (a is None) != (b is None):
            raise DetenteError("name both actors of a relation, or neither for the largest shifts")
        found = (dyad_shifts(self._store, a, b, by=by or "auto", since=since) if a is not None
                 else top_shifts(self._store, top, since, by=by or "month"))
        rows = [{"a": s.dyad[0], "b": s.dyad[1], "date": s.date, "period": s.period, "before": s.before,
                 "after": s.after, "magnitude": s.magnitude, "z": s.z, "events": len(s.events)} for s in found]
        columns = ["a", "b", "date", "period", "before", "after", "magnitude", "z", "events"]
        return self._answer(pd.DataFrame(rows, columns=columns))

    def digest(self, places: Iterable[str], *, since: dt.date | str | None = None) -> Frame:
        """What is new in the places followed (ISO3 codes, regions, actor ids): one row per
        event, quote or shift since `since`, with the place it belongs to (as `detente digest`)."""
        digest = place_digest(self._store, resolve_places(self._store, list(places)), since=_as_day(since))
        rows = []
        for place in digest.to_dict()["places"]:
            code = place["place"]["code"]
            rows += [{"place": code, "kind": "event", "date": e.get("date"), "item": e} for e in place["events"]]
            rows += [{"place": code, "kind": "quote", "date": (q.get("published") or "")[:10] or None, "item": q}
                     for q in place["quotes"]]
            rows += [{"place": code, "kind": "shift", "date": s.get("date"), "item": s} for s in place["shifts"]]
        return self._answer(pd.DataFrame(rows, columns=["place", "kind", "date", "item"]))

    def _frame(self, sql: str, params: list) -> Frame:
        if self.frames == "pandas":
            return self._store.con.execute(sql, params).df()
        relation = self._store.con.sql(sql, params=params)  # a relation converts without a copy
        return relation.to_arrow_table() if self.frames == "arrow" else relation.pl()

    def _answer(self, frame: pd.DataFrame) -> Frame:
        """A table computed in Python (dyads, shifts, digests), in the kind of frame asked for."""
        if self.frames == "arrow":
            return pa.Table.from_pandas(frame, preserve_index=False)
        if self.frames == "polars":
            import polars

            return polars.from_pandas(frame)
        return frame


class _Where:
    """AND-joined conditions, each added only when its value is given."""

    def __init__(self) -> None:
        self.conditions: list[str] = []

    def add(self, condition: str, value: object, params: list, *, repeat: int = 1) -> None:
        if value is not None:
            self.conditions.append(condition)
            params.extend([value] * repeat)

    def __str__(self) -> str:
        return " AND ".join(self.conditions) or "TRUE"


def _limit(limit: int | None) -> str:
    if limit is None:
        return ""
    if not isinstance(limit, int) or limit < 0:
        raise DetenteError(f"limit must be a whole number from 0 up, not {limit!r}")
    return f" LIMIT {limit}"


def _documents(given: str | os.PathLike | bytes) -> list[Document | ReadError]:
    if isinstance(given, bytes):
        given = given.decode("utf-8", errors="replace")
    if isinstance(given, os.PathLike) or (
            isinstance(given, str) and len(given) < _LONGEST_PATH and "\n" not in given and _exists(given)):
        return list(read([str(given)]))
    if not isinstance(given, str):
        raise DetenteError(f"extract takes text, HTML, a path or bytes, not {type(given).__name__}")
    text = normalize_text(given)
    doc_id = "text-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    if text.lstrip()[:20].lower().startswith(_MARKUP_OPENINGS):
        return [html_document(text, doc_id, "<string>")]
    return [text_document(text, doc_id, "<string>")]


def _exists(name: str) -> bool:
    try:
        return Path(name).exists()
    except (OSError, ValueError):
        return False


def _with_defaults(document: Document, published: dt.datetime | None, source: str | None) -> Document:
    return replace(document, published=document.published or published, source=document.source or source)


def _as_datetime(value: dt.datetime | dt.date | str | None) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    try:
        return dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise DetenteError(f"published must be a date or an ISO date string, not {value!r}") from None


def _as_day(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise DetenteError(f"{value!r} is not a date (use YYYY-MM-DD)") from None
