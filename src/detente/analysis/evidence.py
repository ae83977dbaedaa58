"""Weighting by evidence: one happening reported many times is one event with many mentions.

The `events` table keeps one row per coded report (our own coder writes one row per
article sentence; ICEWS one per story sentence; GDELT has already merged its reports and
says how many with NumMentions/NumArticles). Before anything is counted, rows of the same
dataset with the same date, source side, target side and event type are folded into one
event that keeps the number of reports, mentions and articles. Fifty outlets repeating a
wire story are then one event with fifty mentions, not fifty events.

A meeting has no direction: ICEWS codes "A met B" and "B met A" as two rows, so for
consultations the two sides are put in a fixed order before folding.
"""

from __future__ import annotations

# The tone of an event on the Goldstein scale; events coded with a PLOVER score only
# (POLECAT) fall back on it, so every dataset yields a cooperation-conflict value.
TONE = "coalesce(goldstein, plover_score)"

# A mean that does not depend on the order rows are read in (sums of doubles do, in their
# last bits): the same events in a store and in Parquet give the same figures.
EXACT_MEAN = "CAST(avg(CAST({} AS DECIMAL(18, 9))) AS DOUBLE)"

# What "the same type" means: the PLOVER type, or the CAMEO root for statements that
# have no PLOVER type.
KIND = "coalesce(type, 'CAMEO' || left(cameo, 2))"


def sided_rows(rows_sql: str) -> str:
    """The dated rows of `rows_sql` with the keys they fold by: `a`, `b` (the sides, ordered
    for meetings) and `kind`, and their `tone`."""
    return f"""
            SELECT r.*, {TONE} AS tone, {KIND} AS kind,
                   CASE WHEN r.type = 'CONSULT' OR r.cameo LIKE '04%' THEN least(r.src_side, r.tgt_side)
                        ELSE r.src_side END AS a,
                   CASE WHEN r.type = 'CONSULT' OR r.cameo LIKE '04%' THEN greatest(r.src_side, r.tgt_side)
                        ELSE r.tgt_side END AS b
            FROM ({rows_sql}) r
            WHERE r.date IS NOT NULL
    """


# The first row of a folded event and its usual CAMEO code: what ranks and names it, no text.
FIRST_ROW = "mode(cameo) AS cameo, min(row_id) AS row_id"

# Ties in the number of mentions go to the first row (by row_id): a choice left to the
# order rows are read in would differ between a store and the same events in Parquet.
SENTENCE = "arg_min(sentence_text, (-(coalesce(num_mentions, 1) * 100000 + coalesce(length(sentence_text), 0)), row_id))"


def best_reported(column: str) -> str:
    """The value of `column` in the most mentioned row of a folded event (first row on ties)."""
    return f"arg_min({column}, (-coalesce(num_mentions, 1), row_id))"


def folded_events(rows_sql: str, *, texts: bool = True, first_row: bool = False) -> str:
    """SQL folding the event rows of `rows_sql` into de-duplicated events.

    `rows_sql` selects rows of `events` plus two columns, `src_side` and `tgt_side`, naming
    the sides of the comparison each row's source and target belong to (a country code, an
    actor id). The result has one row per (dataset, date, src_side, tgt_side, kind) with
    the counts of evidence and, unless `texts` is false (series only need numbers), the
    best-reported sentence, names and URL. `first_row` adds the first row_id without the
    texts: enough to rank events (their CAMEO code and texts can be read for the few kept;
    over every event of a dyad, `mode(cameo)` cost a fifth of a series).
    """
    identity = f",\n               {FIRST_ROW}" if texts else ",\n               min(row_id) AS row_id" if first_row else ""
    text_columns = f""",
               {SENTENCE} AS sentence,
               {best_reported("trigger_text")} AS trigger,
               {best_reported("source_name")} AS source_name,
               {best_reported("target_name")} AS target_name,
               {best_reported("url")} AS url""" if texts else ""
    return f"""
        SELECT dataset, date, a, b, kind,
               any_value(type) AS type,
               min(quad_class) AS quad_class,
               {EXACT_MEAN.format("goldstein")} AS goldstein,
               {EXACT_MEAN.format("plover_score")} AS plover_score,
               {EXACT_MEAN.format("tone")} AS tone,
               count(*)::INTEGER AS reports,
               sum(coalesce(num_mentions, 1))::INTEGER AS mentions,
               sum(coalesce(num_articles, 1))::INTEGER AS articles{identity}{text_columns}
        FROM ({sided_rows(rows_sql)})
        GROUP BY dataset, date, a, b, kind
    """
