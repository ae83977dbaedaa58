"""Our events as GDELT 2.0 event rows, so tools written for GDELT can read them.

GDELT keeps one row per event with the evidence counted (NumMentions, NumSources,
NumArticles), so reports of the same event (same date, source actor, target actor, CAMEO
code) are folded into one row first. Written by DuckDB's COPY: tab-separated, no header,
no quoting (GDELT has none; tabs and line breaks inside text become spaces).

What cannot be filled: AvgTone (document tone, which detente does not measure) is 0, and
the geo country codes (FIPS 10-4) are left empty; the place's name ends with its
country's name, as in GDELT.
"""

from __future__ import annotations

from pathlib import Path

from detente.datasets.cameo import PLOVER_TO_ROOT, ROOT_GOLDSTEIN
from detente.datasets.countries import iso3_to_names
from detente.datasets.gdelt_format import GDELT_COLUMNS
from detente.store.db import Store

# International organisations as GDELT's known-group codes (CAMEO), for Actor*KnownGroupCode.
KNOWN_GROUPS = {"NATO": "NAT", "UN": "UNO", "EU": "EEC", "AU": "AFU", "OPEC": "OPC", "ASEAN": "ASN",
                "WHO": "WHO", "IAEA": "IAE", "IMF": "IMF", "WORLD BANK": "WBK", "OSCE": "OSC",
                "ARAB LEAGUE": "ARL", "ICC": "ICC", "RED CROSS": "IRC"}


def _text(expr: str) -> str:
    return f"coalesce(regexp_replace({expr}, '[\\t\\r\\n]+', ' ', 'g'), '')"


def export_gdelt(store: Store, out_path: str | Path, dataset: str = "detente") -> int:
    """Write the events of `dataset` as GDELT 2.0 rows to `out_path`; returns the row count."""
    con = store.con
    out = Path(out_path)
    con.execute("CREATE OR REPLACE TEMP TABLE _plover_root (plover VARCHAR, root VARCHAR, goldstein DOUBLE)")
    con.executemany("INSERT INTO _plover_root VALUES (?, ?, ?)",
                    [[p, r, ROOT_GOLDSTEIN[r]] for p, r in PLOVER_TO_ROOT.items()])
    con.execute("CREATE OR REPLACE TEMP TABLE _known_group (org VARCHAR, code VARCHAR)")
    con.executemany("INSERT INTO _known_group VALUES (?, ?)", list(KNOWN_GROUPS.items()))
    codes = [r[0] for r in con.execute(
        "SELECT DISTINCT location_country FROM events WHERE dataset = ? AND location_country IS NOT NULL",
        [dataset]).fetchall()]
    con.execute("CREATE OR REPLACE TEMP TABLE _country_name (iso3 VARCHAR, name VARCHAR)")
    names = [[c, n] for c, n in iso3_to_names(codes).items()]
    if names:
        con.executemany("INSERT INTO _country_name VALUES (?, ?)", names)

    def actor(side: str) -> list[str]:
        s = side
        return [
            # The CAMEO actor code: country (or IGO) followed by the role.
            f"concat(CASE WHEN {s}_country = 'IGO' THEN 'IGO' || coalesce({s}_group, '') ELSE coalesce({s}_country, '') END, "
            f"coalesce({s}_sector, ''))",
            _text(f"upper({s}_name)"),
            f"CASE WHEN {s}_country = 'IGO' THEN '' ELSE coalesce({s}_country, '') END",
            f"coalesce({s}_group, '')", "''", "''", "''",
            f"coalesce({s}_sector, '')", "''", "''",
        ]

    geo_empty = ["''"] * 8
    action_geo = [
        "CASE WHEN lat IS NOT NULL THEN '4' WHEN location_country IS NOT NULL THEN '1' ELSE '' END",
        _text("concat_ws(', ', location_name, country_name)"),
        "''", "''", "''",
        "coalesce(CAST(lat AS VARCHAR), '')", "coalesce(CAST(lon AS VARCHAR), '')", "''",
    ]
    values = [
        "event_id", "strftime(date, '%Y%m%d')", "strftime(date, '%Y%m')", "CAST(year(date) AS VARCHAR)",
        "printf('%.4f', year(date) + (dayofyear(date) - 1) / 365.0)",
        *actor("source"), *actor("target"),
        "'1'", "coalesce(event_code, '')", "coalesce(left(event_code, 3), '')", "coalesce(left(event_code, 2), '')", "CAST(quad_class AS VARCHAR)",
        "printf('%.1f', goldstein)",
        "CAST(mentions AS VARCHAR)", "CAST(sources AS VARCHAR)", "CAST(articles AS VARCHAR)", "'0'",
        *geo_empty, *geo_empty, *action_geo,
        "strftime(added, '%Y%m%d%H%M%S')", _text("url"),
    ]
    assert len(values) == len(GDELT_COLUMNS)
    select = ", ".join(f"{v} AS \"{c}\"" for v, c in zip(values, GDELT_COLUMNS))
    folded = """
        SELECT e.date,
               coalesce(e.cameo, pr.root || '0') AS event_code,
               coalesce(e.source_id, e.source_name, e.source_country) AS src_key,
               coalesce(e.target_id, e.target_name, e.target_country) AS tgt_key,
               any_value(e.source_name) AS source_name, any_value(e.source_country) AS source_country,
               any_value(e.source_sector) AS source_sector, any_value(sg.code) AS source_group,
               any_value(e.target_name) AS target_name, any_value(e.target_country) AS target_country,
               any_value(e.target_sector) AS target_sector, any_value(tg.code) AS target_group,
               coalesce(min(e.quad_class), 1) AS quad_class,
               coalesce(avg(e.goldstein), any_value(pr.goldstein), 0.0) AS goldstein,
               sum(coalesce(e.num_mentions, 1)) AS mentions,
               count(DISTINCT coalesce(a.source, e.article_key, e.row_id)) AS sources,
               count(DISTINCT coalesce(e.article_key, e.row_id)) AS articles,
               any_value(e.location_name) AS location_name, any_value(e.location_country) AS location_country,
               any_value(cn.name) AS country_name, any_value(e.lat) AS lat, any_value(e.lon) AS lon,
               coalesce(min(e.published), CAST(e.date AS TIMESTAMP)) AS added,
               arg_min(e.url, e.published) AS url,
               min(e.row_id) AS first_row
        FROM events e
        LEFT JOIN articles a ON a.article_key = e.article_key
        LEFT JOIN _plover_root pr ON pr.plover = e.type
        LEFT JOIN _known_group sg ON sg.org = upper(e.source_org)
        LEFT JOIN _known_group tg ON tg.org = upper(e.target_org)
        LEFT JOIN _country_name cn ON cn.iso3 = e.location_country
        WHERE e.dataset = $dataset AND e.date IS NOT NULL
        GROUP BY e.date, event_code, src_key, tgt_key
    """
    # A stable numeric id from the event's first row (GDELT ids are integers).
    query = (f"SELECT {select} FROM (SELECT f.*, CAST(('0x' || left(md5(first_row), 13)) AS BIGINT) AS event_id "
             f"FROM ({folded}) f) ORDER BY \"Day\", \"GlobalEventID\"")
    count = con.execute(f"SELECT count(*) FROM ({query})", {"dataset": dataset}).fetchone()[0]
    target = str(out).replace("'", "''")
    con.execute(f"COPY ({query}) TO '{target}' (FORMAT csv, DELIMITER '\\t', HEADER false, QUOTE '')",
                {"dataset": dataset})
    for table in ("_plover_root", "_known_group", "_country_name"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    return count
