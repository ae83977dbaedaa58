"""The DuckDB schema of a detente store.

One row per thing the stages made, each with its offsets into its article's text.
Events are stored GDELT-style, one row per (event, source actor, target actor) pair, so
dyad analysis is a plain GROUP BY; `event_key` ties the rows of one coded event together.
Imported datasets (ICEWS, GDELT, POLECAT) land in the same `events` table with their
`dataset` named, so our own events and theirs are queried the same way.
"""

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
            target_arguments STRUCT(start INTEGER, "end" INTEGER, text VARCHAR)[]
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
