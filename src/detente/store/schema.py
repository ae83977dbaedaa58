"""The DuckDB schema of a detente store.

One row per thing the stages made, each with its offsets into its article's text.
Events are stored GDELT-style, one row per (event, source actor, target actor) pair, so
dyad analysis is a plain GROUP BY; `event_key` ties the rows of one coded event together.
Imported datasets (ICEWS, GDELT, POLECAT) land in the same `events` table with their
`dataset` named, so our own events and theirs are queried the same way.
"""

import re

SCHEMA_VERSION = 1

TABLES: dict[str, str] = {
    "meta": """
        CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)
    """,
    # A document is known by the hash of its content: re-ingesting it adds nothing.
    "documents": """
        CREATE TABLE IF NOT EXISTS documents (
            doc_key VARCHAR PRIMARY KEY,
            doc_id VARCHAR NOT NULL,
            origin VARCHAR,
            format VARCHAR,
            source VARCHAR,
            url VARCHAR,
            published TIMESTAMP,
            title VARCHAR,
            n_chars BIGINT,
            n_articles INTEGER,
            ingested_at TIMESTAMP DEFAULT current_timestamp
        )
    """,
    "failures": """
        CREATE TABLE IF NOT EXISTS failures (
            doc_id VARCHAR,
            origin VARCHAR,
            error VARCHAR,
            failed_at TIMESTAMP DEFAULT current_timestamp
        )
    """,
    "articles": """
        CREATE TABLE IF NOT EXISTS articles (
            article_key VARCHAR PRIMARY KEY,
            doc_key VARCHAR NOT NULL,
            article_id VARCHAR NOT NULL,
            position INTEGER NOT NULL,
            origin VARCHAR,
            source VARCHAR,
            url VARCHAR,
            published TIMESTAMP,
            headline VARCHAR,
            dek VARCHAR,
            credits VARCHAR[],
            text VARCHAR,
            language VARCHAR,                  -- ISO 639-1 (detente.language)
            analysed BOOLEAN                   -- false: not in a language detente analyses
        )
    """,
    "entities": """
        CREATE TABLE IF NOT EXISTS entities (
            article_key VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            start_char INTEGER, end_char INTEGER, text VARCHAR, label VARCHAR,
            actor_id VARCHAR, actor_name VARCHAR, country VARCHAR, sector VARCHAR, org VARCHAR,
            PRIMARY KEY (article_key, idx)
        )
    """,
    "quotes": """
        CREATE TABLE IF NOT EXISTS quotes (
            article_key VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            start_char INTEGER, end_char INTEGER, text VARCHAR, kind VARCHAR,
            speaker_start INTEGER, speaker_end INTEGER, speaker_text VARCHAR,
            actor_id VARCHAR, actor_name VARCHAR, country VARCHAR, sector VARCHAR, org VARCHAR,
            cue_start INTEGER, cue_end INTEGER, cue_text VARCHAR,
            PRIMARY KEY (article_key, idx)
        )
    """,
    "figures": """
        CREATE TABLE IF NOT EXISTS figures (
            article_key VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            start_char INTEGER, end_char INTEGER, text VARCHAR,
            value DOUBLE, unit VARCHAR, kind VARCHAR, about VARCHAR,
            PRIMARY KEY (article_key, idx)
        )
    """,
    "events": """
        CREATE TABLE IF NOT EXISTS events (
            -- unique per dataset, but no PRIMARY KEY: its index was half the store file and
            -- filled memory on a large import; imports skip stored ids by an anti-join instead
            row_id VARCHAR NOT NULL,
            event_key VARCHAR NOT NULL,
            dataset VARCHAR NOT NULL,          -- detente | icews | gdelt | polecat
            article_key VARCHAR,               -- null for imported rows
            date DATE,
            published TIMESTAMP,
            type VARCHAR, mode VARCHAR, context VARCHAR[],
            cameo VARCHAR, quad_class TINYINT, goldstein DOUBLE, plover_score DOUBLE,
            source_id VARCHAR, source_name VARCHAR, source_country VARCHAR, source_sector VARCHAR, source_org VARCHAR,
            target_id VARCHAR, target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR, target_org VARCHAR,
            location_name VARCHAR, location_country VARCHAR, lat DOUBLE, lon DOUBLE,
            negated BOOLEAN, hypothetical BOOLEAN, confidence DOUBLE, rule VARCHAR,
            sentence_start INTEGER, sentence_end INTEGER, sentence_text VARCHAR,
            trigger_start INTEGER, trigger_end INTEGER, trigger_text VARCHAR,
            url VARCHAR,
            num_mentions INTEGER DEFAULT 1,
            num_articles INTEGER DEFAULT 1,
            -- the words each side was read from (Event.arguments), offsets into the article text
            source_arguments STRUCT(start INTEGER, "end" INTEGER, text VARCHAR)[],
            target_arguments STRUCT(start INTEGER, "end" INTEGER, text VARCHAR)[],
            -- the two sides' countries as one sortable value ('RUS|USA'): see dyad_key_sql
            dyad VARCHAR
        )
    """,
}

# Columns added after a table first shipped: an older store gains them when opened for writing.
COLUMNS_ADDED: tuple[str, ...] = (
    "ALTER TABLE articles ADD COLUMN IF NOT EXISTS language VARCHAR",
    "ALTER TABLE articles ADD COLUMN IF NOT EXISTS analysed BOOLEAN",
    'ALTER TABLE events ADD COLUMN IF NOT EXISTS source_arguments STRUCT(start INTEGER, "end" INTEGER, text VARCHAR)[]',
    'ALTER TABLE events ADD COLUMN IF NOT EXISTS target_arguments STRUCT(start INTEGER, "end" INTEGER, text VARCHAR)[]',
)

# The dyad key. A dyad's rows are found by a filter across four columns (each side's country
# or actor id is one of the two actors), an OR that no Parquet reader or zone map can skip
# row groups by. `dyad` holds the unordered pair of the two sides' countries as one value,
# so that a dyad of two country codes adds `(dyad = 'RUS|USA' OR dyad IS NULL)` to that
# filter: one column, which row-group min/max statistics answer when rows are sorted by it.
# The key only prunes, the four-column filter stays; so every row that filter can match
# must have that key or none (NULL: always read).
# A side counts by its country, or by its id when it has no country. A side whose id could
# be a country code but differs from its country (an organisation such as IMF, country IGO;
# GDELT's ROM for Romania) would be matched by a query naming either value, so such a row has
# no key: an id of three bytes, which every code of [A-Z]{3} is (a byte count costs a tenth
# of a pattern match per row, and the few other three-byte ids lose only the pruning). So
# has a row written by plain SQL that left the column out. Queries by an actor that is no
# [A-Z]{3} code (a person, NATO) use no key and read every row.
_COUNTRY_CODE = "[A-Z]{3}"


def dyad_key_sql(alias: str = "") -> str:
    """The SQL value of an events row's dyad key (`alias`: the row's table alias, if any)."""
    p = f"{alias}." if alias else ""

    def side(s: str) -> str:
        return f"coalesce({p}{s}_country, {p}{s}_id, '')"

    def ambiguous(s: str) -> str:
        return f"coalesce(strlen({p}{s}_id) = 3 AND {p}{s}_id <> {p}{s}_country, false)"

    return (f"CASE WHEN NOT ({ambiguous('source')} OR {ambiguous('target')}) "
            f"THEN least({side('source')}, {side('target')}) || '|' || greatest({side('source')}, {side('target')}) END")


def dyad_key(a: str, b: str) -> str | None:
    """The key of the dyad (a, b) when both are country codes, else None (not keyed)."""
    if a == b or not all(re.fullmatch(_COUNTRY_CODE, x) for x in (a, b)):
        return None
    return "|".join(sorted((a, b)))  # byte order, as DuckDB's least/greatest on VARCHAR


# Columns computed from others when rows are written, so that no writer can leave them out:
# the INSERT of every writer (document batches, cluster parts, imports) selects them, and a
# store made before one existed gains it, filled, when opened for writing.
DERIVED_COLUMNS: dict[str, dict[str, tuple[str, str]]] = {
    "events": {"dyad": ("VARCHAR", dyad_key_sql())},
}


def insert_select(table: str, columns: list[str] | tuple[str, ...]) -> tuple[str, str]:
    """(the column list, the SELECT list) of an INSERT into `table` of rows that have
    `columns`: the table's derived columns are computed, never taken from the rows."""
    derived = DERIVED_COLUMNS.get(table, {})
    plain = [c for c in columns if c not in derived]
    names = [*plain, *derived]
    exprs = [*plain, *(expr for _, expr in derived.values())]
    return ", ".join(names), ", ".join(exprs)


# Derived, never stored twice: a plain view of the articles with their document.
VIEWS: dict[str, str] = {
    "article_summary": """
        CREATE OR REPLACE VIEW article_summary AS
        SELECT a.article_key, a.article_id, a.source, a.published, a.headline,
               (SELECT count(*) FROM entities e WHERE e.article_key = a.article_key) AS n_entities,
               (SELECT count(*) FROM quotes q WHERE q.article_key = a.article_key) AS n_quotes,
               (SELECT count(DISTINCT event_key) FROM events v WHERE v.article_key = a.article_key) AS n_events,
               (SELECT count(*) FROM figures f WHERE f.article_key = a.article_key) AS n_figures
        FROM articles a
    """,
}

# Tables that hold per-article rows, in the order they are deleted and written.
ARTICLE_TABLES = ("entities", "quotes", "figures", "events")

# What each table and column holds, for the documentation (docs/schema.md is generated from
# these and the DDL above) and for SQL and Parquet users. A test checks that every column of
# every table is described here.
TABLE_DOCS: dict[str, str] = {
    "meta": "Facts about the store itself.",
    "documents": "One row per input document (a page, a WARC record, a JSON line), known by its content.",
    "failures": "One row per document that could not be read; the run went on without it.",
    "articles": "One row per article: a document holds one or more (a fused page is split into its stories).",
    "entities": "Named mentions in an article's text, each resolved to an actor where detente knows one.",
    "quotes": "Who said what: direct, indirect and mixed quotes with their speaker and the verb that cues them.",
    "figures": "Numbers given in an article: money, percentages, counts, durations.",
    "events": ("Who did what to whom: one row per (event, source actor, target actor) pair, GDELT-style, so "
               "an event with two targets is two rows sharing its `event_key`. Our own events "
               "(`dataset` = detente) and imported ones (icews, gdelt, polecat) share the table."),
}

_SPAN = "offsets into the article's `text` (Python string indices, end exclusive)"
_ACTOR = {
    "actor_id": "the resolved actor: an ISO3 code (RUS), an ISO3-SECTOR group (RUS-GOV), an organisation (NATO) "
                "or a person's slug (sergey-lavrov); null when unresolved",
    "actor_name": "the actor's canonical name",
    "country": "the actor's ISO 3166-1 alpha-3 country, IGO for international organisations, or a CAMEO region code",
    "sector": "the actor's CAMEO/PLOVER sector code (GOV, MIL, JRN ...; the list is detente.sectors.SECTORS)",
    "org": "the organisation the actor belongs to or is (NATO, Hamas), if any",
}


def _side(side: str) -> dict[str, str]:
    return {f"{side}_{k.removeprefix('actor_')}": f"{side} actor: {v}" for k, v in _ACTOR.items()}


COLUMN_DOCS: dict[str, dict[str, str]] = {
    "meta": {"key": "the fact's name (schema_version)", "value": "its value"},
    "documents": {
        "doc_key": "hash of the normalised content and format: the same content read twice is one document",
        "doc_id": "the document's own id (file name, WARC record id, JSON line id)",
        "origin": "where it was read from (a path, a path and WARC offset, <stdin>)",
        "format": "text, html, warc or jsonl",
        "source": "the publisher, when the input says",
        "url": "the page's address, when known",
        "published": "publication time given by the input",
        "title": "the page title, for HTML",
        "n_chars": "length of the document's text",
        "n_articles": "how many articles it was split into",
        "ingested_at": "when it was stored",
    },
    "failures": {
        "doc_id": "the document's id", "origin": "where it was read from",
        "error": "why it could not be read", "failed_at": "when",
    },
    "articles": {
        "article_key": "doc_key and position: the article's key in every other table",
        "doc_key": "the document it came from (documents.doc_key)",
        "article_id": "the contract's article_id (doc_id and position)",
        "position": "0 for the first story of the document, 1 for the next ...",
        "origin": "where the document was read from",
        "source": "the publisher",
        "url": "the article's address, when known",
        "published": "publication time",
        "headline": "the headline",
        "dek": "the summary line under the headline",
        "credits": "bylines and photo credits, moved out of the text",
        "text": "the cleaned text; every offset in entities, quotes, figures and events indexes it",
        "language": "ISO 639-1 code identified from the text (or given with --language)",
        "analysed": "false when the language is not one detente analyses (its entities, quotes, events and figures are empty)",
    },
    "entities": {
        "article_key": "the article", "idx": "order in the article",
        "start_char": f"start, {_SPAN}", "end_char": f"end, {_SPAN}", "text": "the words as written",
        "label": "spaCy's entity label (PERSON, ORG, GPE, NORP ...)", **_ACTOR,
    },
    "quotes": {
        "article_key": "the article", "idx": "order in the article",
        "start_char": f"start of the quoted words, {_SPAN}", "end_char": f"end of the quoted words, {_SPAN}",
        "text": "what was said", "kind": "direct (in quotation marks), indirect (reported) or mixed",
        "speaker_start": f"start of the speaker's mention, {_SPAN}", "speaker_end": f"end of the speaker's mention, {_SPAN}",
        "speaker_text": "the speaker's mention as written (a name, a title, a pronoun)",
        **{k: f"speaker: {v}" for k, v in _ACTOR.items()},
        "cue_start": f"start of the cue verb, {_SPAN}", "cue_end": f"end of the cue verb, {_SPAN}",
        "cue_text": "the verb that reports the speech (said, warned, told)",
    },
    "figures": {
        "article_key": "the article", "idx": "order in the article",
        "start_char": f"start, {_SPAN}", "end_char": f"end, {_SPAN}", "text": "the figure as written",
        "value": "its value as a number (null for vague amounts such as 'tens of thousands')",
        "unit": "currency code, %, or the counted noun", "kind": "money, percent, count, duration or other",
        "about": "what the figure counts or measures, when the sentence says",
    },
    "events": {
        "row_id": "this row's key: event_key and the pair of actors",
        "event_key": "the event's key, shared by its rows (dataset:id for imported rows)",
        "dataset": "detente for our own events, else the dataset imported (icews, gdelt, polecat)",
        "article_key": "the article it was coded from; null for imported rows",
        "date": "when the event happened (read from the text against the publication date), else the publication day",
        "published": "when the article was published",
        "type": "PLOVER event type (CONSULT, AGREE, ACCUSE, ASSAULT ...)",
        "mode": "PLOVER mode, refining the type (visit, phone, arrest ...)",
        "context": "PLOVER contexts (the domain of the event), when coded",
        "cameo": "CAMEO event code (3 or 4 digits), for GDELT/ICEWS compatibility",
        "quad_class": "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict (0: statement)",
        "goldstein": "Goldstein score of the CAMEO code, -10 (conflict) to +10 (cooperation)",
        "plover_score": "PLOVER's cooperation-conflict score of the type and mode",
        **_side("source"), **_side("target"),
        "location_name": "where it happened, when the text says",
        "location_country": "ISO3 country of the location",
        "lat": "latitude of the location, for known places", "lon": "longitude of the location",
        "negated": "the text says it did not happen ('did not meet')",
        "hypothetical": "the text says it may, would or will happen, not that it did",
        "confidence": "the coder's confidence, 0 to 1",
        "rule": "the rule that made the event and what re-coded it (for imported rows: where in the dataset)",
        "sentence_start": f"start of the sentence, {_SPAN}", "sentence_end": f"end of the sentence, {_SPAN}",
        "sentence_text": "the sentence the event was coded from",
        "trigger_start": f"start of the trigger word, {_SPAN}", "trigger_end": f"end of the trigger word, {_SPAN}",
        "trigger_text": "the word(s) that name the action",
        "url": "the article's or the imported row's source address",
        "num_mentions": "reports of the event this row stands for (GDELT's NumMentions; 1 for a row of ours)",
        "num_articles": "articles reporting it (GDELT's NumArticles; 1 for a row of ours)",
        "source_arguments": "the words each source actor was read from: a list of {start, end, text}",
        "target_arguments": "the words each target actor was read from: a list of {start, end, text}",
        "dyad": ("the two sides' countries as one value, in byte order ('RUS|USA'; a side without a "
                 "country counts by its actor id; null when a side's id has three letters and is not its country): "
                 "computed when rows are written; `detente export` sorts events by it, so that one "
                 "dyad's rows are read without reading the others"),
    },
}
