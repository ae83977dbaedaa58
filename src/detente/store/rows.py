"""Processed documents as columnar batches: one Arrow table per store table.

The same batches are appended to a DuckDB store in one statement per table (`Store.write_documents`)
and written as Parquet parts by cluster workers (`detente.cluster`), so there is one place that
says how a document's articles, entities, quotes, figures and events become rows.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyarrow as pa

from detente.model import ActorRef, Article, Document, Event, ReadError, Span


@dataclass(slots=True)
class StoredDocument:
    """A document with its key and the articles the pipeline made of it: what one write stores."""

    document: Document
    key: str
    articles: list[Article]


def _actor_types(prefix: str = "") -> list[tuple[str, pa.DataType]]:
    return [(f"{prefix}{name}", pa.string()) for name in
            (("id", "name", "country", "sector", "org") if prefix else
             ("actor_id", "actor_name", "country", "sector", "org"))]


_STR, _INT, _DBL, _BOOL = pa.string(), pa.int32(), pa.float64(), pa.bool_()
_TS = pa.timestamp("us")
_SPANS = pa.list_(pa.struct([("start", _INT), ("end", _INT), ("text", _STR)]))

# Column names and Arrow types, in the store's column order. DuckDB casts each to the
# table's own type on insert (strings to DATE, int32 to TINYINT).
SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("doc_key", _STR), ("doc_id", _STR), ("origin", _STR), ("format", _STR), ("source", _STR),
        ("url", _STR), ("published", _TS), ("title", _STR), ("n_chars", pa.int64()), ("n_articles", _INT)]),
    "articles": pa.schema([
        ("article_key", _STR), ("doc_key", _STR), ("article_id", _STR), ("position", _INT), ("origin", _STR),
        ("source", _STR), ("url", _STR), ("published", _TS), ("headline", _STR), ("dek", _STR),
        ("credits", pa.list_(_STR)), ("text", _STR), ("language", _STR), ("analysed", _BOOL)]),
    "entities": pa.schema([
        ("article_key", _STR), ("idx", _INT), ("start_char", _INT), ("end_char", _INT), ("text", _STR),
        ("label", _STR), *_actor_types()]),
    "quotes": pa.schema([
        ("article_key", _STR), ("idx", _INT), ("start_char", _INT), ("end_char", _INT), ("text", _STR),
        ("kind", _STR), ("speaker_start", _INT), ("speaker_end", _INT), ("speaker_text", _STR),
        *_actor_types(), ("cue_start", _INT), ("cue_end", _INT), ("cue_text", _STR)]),
    "figures": pa.schema([
        ("article_key", _STR), ("idx", _INT), ("start_char", _INT), ("end_char", _INT), ("text", _STR),
        ("value", _DBL), ("unit", _STR), ("kind", _STR), ("about", _STR)]),
    "events": pa.schema([
        ("row_id", _STR), ("event_key", _STR), ("dataset", _STR), ("article_key", _STR), ("date", _STR),
        ("published", _TS), ("type", _STR), ("mode", _STR), ("context", pa.list_(_STR)),
        ("cameo", _STR), ("quad_class", _INT), ("goldstein", _DBL), ("plover_score", _DBL),
        *_actor_types("source_"), *_actor_types("target_"),
        ("location_name", _STR), ("location_country", _STR), ("lat", _DBL), ("lon", _DBL),
        ("negated", _BOOL), ("hypothetical", _BOOL), ("confidence", _DBL), ("rule", _STR),
        ("sentence_start", _INT), ("sentence_end", _INT), ("sentence_text", _STR),
        ("trigger_start", _INT), ("trigger_end", _INT), ("trigger_text", _STR), ("url", _STR),
        ("source_arguments", _SPANS), ("target_arguments", _SPANS)]),
    "failures": pa.schema([("doc_id", _STR), ("origin", _STR), ("error", _STR)]),
}

# Tables filled from processed documents, in the order they are written.
DOCUMENT_TABLES = ("documents", "articles", "entities", "quotes", "figures", "events")
EVENT_COLUMNS = tuple(SCHEMAS["events"].names)


def document_tables(stored: Sequence[StoredDocument]) -> dict[str, pa.Table]:
    """Every row of `stored`, as one Arrow table per store table (DOCUMENT_TABLES)."""
    rows: dict[str, list[tuple]] = {t: [] for t in DOCUMENT_TABLES}
    for item in stored:
        d, articles = item.document, item.articles
        rows["documents"].append((item.key, d.doc_id, d.origin, d.format, d.source, d.url, d.published, d.title,
                                  len(d.text), len(articles)))
        for position, a in enumerate(articles):
            key = f"{item.key}:{position}"
            rows["articles"].append((key, item.key, a.article_id, position, a.origin, a.source, a.url,
                                     a.published, a.headline, a.dek, list(a.credits), a.text, a.language,
                                     a.analysed))
            rows["entities"].extend((key, i, e.start, e.end, e.text, e.label, *_actor_columns(e.actor))
                                    for i, e in enumerate(a.entities))
            rows["quotes"].extend(
                (key, i, q.start, q.end, q.text, q.kind, *_span_columns(q.speaker),
                 *_actor_columns(q.speaker.actor if q.speaker else None), *_span_columns(q.cue))
                for i, q in enumerate(a.quotes))
            rows["figures"].extend((key, i, f.start, f.end, f.text, f.value, f.unit, f.kind, f.about)
                                   for i, f in enumerate(a.figures))
            rows["events"].extend(row for i, ev in enumerate(a.events) for row in event_rows(key, i, a, ev))
    return {table: _table(table, table_rows) for table, table_rows in rows.items()}


def failure_table(failures: Iterable[ReadError]) -> pa.Table:
    return _table("failures", [(f.doc_id, f.origin, f.error) for f in failures])


def _table(name: str, rows: list[tuple]) -> pa.Table:
    schema = SCHEMAS[name]
    columns = list(zip(*rows)) if rows else [()] * len(schema)
    return pa.Table.from_arrays([pa.array(col, type=field.type) for col, field in zip(columns, schema)],
                                schema=schema)


def _span_columns(span: Span | None) -> tuple:
    return (span.start, span.end, span.text) if span else (None, None, None)


def _actor_columns(actor: ActorRef | None) -> tuple:
    if actor is None:
        return (None, None, None, None, None)
    return (actor.id, actor.name, actor.country, actor.sector, actor.org)


def dyads(event: Event) -> list[tuple[ActorRef | None, ActorRef | None]]:
    """The (source, target) pairs an event stands for, as GDELT rows do.

    "American and Russian officials agreed" has two sources and no target: the event is
    between them, so it is one row per pair of sources.
    """
    if not event.target and len(event.source) > 1:
        return list(itertools.combinations(event.source, 2))
    return list(itertools.product(event.source or [None], event.target or [None]))


def event_rows(article_key: str, index: int, article: Article, event: Event) -> Iterable[tuple]:
    event_key = f"{article_key}:e{index}"
    sentence = article.text[event.sentence.start:event.sentence.end]
    loc = event.location
    # Like GDELT, an event whose text gives no date is dated by its report.
    date = event.date or (article.published.date().isoformat() if article.published else None)
    for n, (source, target) in enumerate(dyads(event)):
        yield (
            f"{event_key}:{n}", event_key, "detente", article_key, date, article.published,
            event.type, event.mode, list(event.context),
            event.cameo, event.quad_class, event.goldstein, event.plover_score,
            *_actor_columns(source), *_actor_columns(target),
            loc.name if loc else None, loc.country if loc else None,
            loc.lat if loc else None, loc.lon if loc else None,
            event.negated, event.hypothetical, event.confidence, event.rule,
            event.sentence.start, event.sentence.end, sentence,
            event.trigger.start, event.trigger.end, event.trigger.text, article.url,
            _spans(event.arguments.source), _spans(event.arguments.target),
        )


def _spans(spans: Iterable[Span]) -> list[dict]:
    return [{"start": s.start, "end": s.end, "text": s.text} for s in spans]
