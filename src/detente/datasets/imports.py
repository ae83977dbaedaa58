"""Importing existing event datasets (ICEWS, GDELT 2.0, POLECAT) into a detente store.

Every format is bulk-loaded streaming, by one INSERT ... SELECT that reads the file and maps
its columns onto the `events` table in SQL. ICEWS and POLECAT files (free-text country names,
small files) get a pass before it that counts the rows and collects the few distinct country
values, converted to ISO3 in Python; GDELT files (the billion-row case) are read once, their
place names converted inside the insert as they are met. Nothing is staged, so memory does
not grow with the file. Rows are keyed by dataset and the file's own event id, without an
index: stored ids are skipped by an anti-join and a file's repeated ids kept once, so
importing a file twice adds nothing. The file name is taken literally, never as a pattern:
`ev*.tab` imports that one file.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pycountry

from detente.datasets.cameo import (
    CAMEO_COUNTRY_EXCEPTIONS,
    CODE_TO_PLOVER,
    ICEWS_SECTOR_PATTERNS,
    PLOVER_TO_QUAD,
    ROOT_GOLDSTEIN,
    ROOT_TO_PLOVER,
    ROOT_TO_QUAD,
)
from detente.datasets.countries import cameo_to_iso3, names_to_iso3
from detente.datasets.gdelt_format import GDELT_COLUMNS
from detente.errors import DetenteError
from detente.store.db import Store
from detente.store.schema import insert_select

FORMATS = ("gdelt", "icews", "polecat")


class EventImportError(DetenteError):
    """A file cannot be imported (missing, unreadable, or not in the format named)."""


@dataclass(frozen=True, slots=True)
class ImportReport:
    path: str
    format: str
    rows_read: int      # data rows in the file
    rows_added: int     # new rows in the store
    rows_present: int   # rows already in the store (or repeated in the file): skipped
    rows_undated: int   # added rows whose date could not be read

    def to_dict(self) -> dict:
        return {"path": self.path, "format": self.format, "rows_read": self.rows_read,
                "rows_added": self.rows_added, "rows_present": self.rows_present,
                "rows_undated": self.rows_undated}


def import_events(store: Store, path: str | Path, fmt: str) -> ImportReport:
    """Load the event file at `path` (format "icews", "gdelt" or "polecat") into `store`."""
    if fmt not in FORMATS:
        raise EventImportError(f"unknown format {fmt!r} (choose one of {', '.join(FORMATS)})")
    path = Path(path)
    if not path.is_file():
        raise EventImportError(f"{path}: no such file")
    con = store.con
    _fact_tables(con)
    undated_sql = "SELECT count(*) FROM events WHERE dataset = ? AND date IS NULL"
    before = store.count("events")
    undated_before = con.execute(undated_sql, [fmt]).fetchone()[0]
    try:
        with _literal(path) as plain:
            read = {"icews": _import_icews, "gdelt": _import_gdelt, "polecat": _import_polecat}[fmt](con, plain)
    except (duckdb.Error, KeyError, ValueError) as exc:
        raise EventImportError(f"{path}: not a readable {fmt} event file ({exc})") from exc
    finally:
        con.execute("DROP VIEW IF EXISTS _stage")
    added = store.count("events") - before
    undated = con.execute(undated_sql, [fmt]).fetchone()[0] - undated_before
    return ImportReport(str(path), fmt, read, added, read - added, undated)


# -- shared SQL pieces -----------------------------------------------------------------------


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _fact_tables(con: duckdb.DuckDBPyConnection) -> None:
    """The CAMEO facts as small temp tables, so the mapping is a join, not a Python loop."""
    con.execute("CREATE OR REPLACE TEMP TABLE _cameo_root (root VARCHAR, plover VARCHAR, quad TINYINT, goldstein DOUBLE)")
    con.executemany("INSERT INTO _cameo_root VALUES (?, ?, ?, ?)",
                    [[r, ROOT_TO_PLOVER[r], ROOT_TO_QUAD[r], ROOT_GOLDSTEIN[r]] for r in ROOT_TO_QUAD])
    con.execute("CREATE OR REPLACE TEMP TABLE _cameo_code (code VARCHAR, plover VARCHAR)")
    con.executemany("INSERT INTO _cameo_code VALUES (?, ?)", list(CODE_TO_PLOVER.items()))
    con.execute("CREATE OR REPLACE TEMP TABLE _plover_quad (plover VARCHAR, quad TINYINT)")
    con.executemany("INSERT INTO _plover_quad VALUES (?, ?)", list(PLOVER_TO_QUAD.items()))


_GLOB = re.compile(r"[*?\[\]{}]")


@contextmanager
def _literal(path: Path) -> Iterator[Path]:
    """A name DuckDB reads as exactly this file: DuckDB expands * ? [ ] { } in file names as
    patterns, so such a file is read through a link with a plain name (its suffixes kept,
    as they tell DuckDB about compression)."""
    if not _GLOB.search(str(path)):
        yield path
        return
    folder = Path(tempfile.mkdtemp(prefix="detente-import-"))
    try:
        suffix = "".join(s for s in path.suffixes if not _GLOB.search(s))
        link = folder / ("events" + suffix)
        os.symlink(path.resolve(), link)
        yield link
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _scan(con: duckdb.DuckDBPyConnection, exprs: list[str]) -> tuple[int, list[set]]:
    """One pass over the file: its number of rows and the distinct values of each expression."""
    lists = "".join(f", list(DISTINCT {e})" for e in exprs)
    row = con.execute(f"SELECT count(*){lists} FROM _stage s").fetchone()
    return row[0], [{x for x in v or [] if x is not None} for v in row[1:]]


def _country_map(con: duckdb.DuckDBPyConnection, values: list, convert) -> None:
    """_country_map(value, iso3) for the distinct country `values` of the file."""
    con.execute("CREATE OR REPLACE TEMP TABLE _country_map (value VARCHAR PRIMARY KEY, iso3 VARCHAR)")
    mapping = convert(values)
    if mapping:
        con.executemany("INSERT INTO _country_map VALUES (?, ?)", [[k, v] for k, v in mapping.items()])


def _sector_case(column: str) -> str:
    whens = " ".join(f"WHEN regexp_matches({column}, {_sql_str(p)}) THEN '{code}'"
                     for p, code in ICEWS_SECTOR_PATTERNS)
    return f"CASE {whens} END"


def _insert(con: duckdb.DuckDBPyConnection, select: dict[str, str], source: str, dataset: str) -> int | None:
    """INSERT the mapped rows that are not in the store yet (keyed by dataset and row_id), in one
    transaction: the rows stream from the file into the table, then repeats are dropped.

    Returns the number of rows the file holds when the insert saw them all (the first import
    of a dataset into a store without the old row_id key), else None."""
    # A row without an id goes in under the empty id and out again at once: so the insert
    # counts every row of the file, and no pass before it is needed to count them.
    keys = ("row_id", "event_key")
    # The store's own `events` columns (made from store/schema.py), in its order, that the
    # format maps; the others keep their default. A mapping that names a column the table
    # lacks is a bug here, caught before any row is written.
    table = [r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' "
        "AND table_name = 'events' ORDER BY ordinal_position").fetchall()]
    unknown = sorted(set(select) - set(table))
    if unknown:
        raise RuntimeError(f"the events table has no column(s) {unknown}")
    # The derived columns (the dyad key) are computed from the mapped ones: every side's
    # columns are selected, NULL where the format has none.
    select = {**{f"{s}_{c}": "NULL" for s in ("source", "target") for c in ("id", "country")}, **select}
    columns = [c for c in table if c in select or c in keys]
    exprs = ", ".join(f"coalesce({select.get(c, 'NULL')}, '') AS {c}" if c in keys else f"{select[c]} AS {c}"
                      for c in columns)
    # Rows of the dataset already stored are skipped by an anti-join, not by an index: the
    # row_id primary key that did this was half the store file and filled memory at scale.
    # A first import of a dataset (the big case) has nothing to join against.
    stored = bool(con.execute("SELECT 1 FROM events WHERE dataset = ? LIMIT 1", [dataset]).fetchall())
    anti = (f" WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.dataset = {_sql_str(dataset)} "
            "AND e.row_id = m.row_id)") if stored else ""
    # A store made before the key was dropped still has it: a row repeated in the file
    # would break it, so there the key itself skips the repeat.
    keyed = _row_id_keyed(con)
    conflict = " ON CONFLICT DO NOTHING" if keyed else ""
    con.begin()
    try:
        names, derived = insert_select("events", columns)
        inserted = con.execute(
            f"INSERT INTO events ({names}) "
            f"SELECT {derived} FROM (SELECT {exprs} FROM {source}) m{anti}{conflict}"
        ).fetchall()[0][0]
        con.execute("DELETE FROM events WHERE dataset = ? AND row_id = ''", [dataset])
        _drop_repeats(con, dataset)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return None if stored or keyed else inserted


def _row_id_keyed(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(con.execute(
        "SELECT 1 FROM duckdb_constraints() WHERE schema_name = 'main' AND table_name = 'events' "
        "AND constraint_type = 'PRIMARY KEY'").fetchall())


def _drop_repeats(con: duckdb.DuckDBPyConnection, dataset: str) -> None:
    """Of rows of `dataset` sharing a row_id (a file listing an event twice), keep one: the
    latest added, then the most mentioned (GDELT lists an event again as reports come in),
    then the first by content, so the choice never depends on the order rows were written.

    Candidates are found by grouping a 64-bit hash of the key (a number per row, cheap to
    group at a billion rows); only rows whose hash repeats are compared by the key itself.
    Rows stored before this import were unique already and the anti-join kept their ids
    out, so every repeat is among the rows of this file.
    """
    con.execute("""
        DELETE FROM events WHERE rowid IN (
            SELECT rowid FROM (
                SELECT rowid, row_number() OVER (
                    PARTITION BY row_id
                    ORDER BY published DESC NULLS LAST, num_mentions DESC NULLS LAST, e) AS n
                FROM events e
                WHERE dataset = $d AND hash(row_id) IN (
                    SELECT hash(row_id) FROM events WHERE dataset = $d GROUP BY 1 HAVING count(*) > 1)
            ) WHERE n > 1)
    """, {"d": dataset})


def _stage(con: duckdb.DuckDBPyConnection, path: Path, options: str) -> None:
    """`_stage`: a view over the file, all text; every query over it streams the file."""
    con.execute(f"CREATE OR REPLACE TEMP VIEW _stage AS SELECT * FROM read_csv({_sql_str(str(path))}, "
                f"delim='\\t', all_varchar=true, quote='', escape='', {options})")


_CAMEO_JOINS = (
    "LEFT JOIN _cameo_root cr ON cr.root = left({code}, 2) "
    "LEFT JOIN _cameo_code cc ON cc.code = left({code}, 3) "
)

# -- ICEWS -----------------------------------------------------------------------------------

_ICEWS_REQUIRED = ("event_id", "event_date", "source_name", "source_country", "cameo_code",
                   "target_name", "target_country")


def _import_icews(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    # ICEWS writes NA for missing values; its headers have spaces ("Event ID" -> event_id).
    _stage(con, path, "header=true, normalize_names=true, nullstr='NA'")
    columns = {r[0] for r in con.execute("DESCRIBE _stage").fetchall()}
    missing = [c for c in _ICEWS_REQUIRED if c not in columns]
    if missing:
        raise ValueError(f"missing ICEWS columns {missing}")
    n, values = _scan(con, ["s.source_country", "s.target_country", *(["s.country"] if "country" in columns else [])])
    _country_map(con, sorted(set().union(*values)), names_to_iso3)
    opt = (lambda c, expr: expr if c in columns else "NULL")
    select = {
        "row_id": "'icews:' || s.event_id",
        "event_key": "'icews:' || s.event_id",
        "dataset": "'icews'",
        "date": "try_cast(s.event_date AS DATE)",
        "type": "coalesce(cc.plover, cr.plover)",
        "cameo": "s.cameo_code",
        "quad_class": "cr.quad",
        # ICEWS "Intensity" is its CAMEO-based Goldstein-style score (-10..10).
        "goldstein": opt("intensity", "coalesce(try_cast(s.intensity AS DOUBLE), cr.goldstein)"),
        "source_id": "s.source_name", "source_name": "s.source_name", "source_country": "sc.iso3",
        "source_sector": opt("source_sectors", _sector_case("s.source_sectors")),
        "target_id": "s.target_name", "target_name": "s.target_name", "target_country": "tc.iso3",
        "target_sector": opt("target_sectors", _sector_case("s.target_sectors")),
        "location_name": opt("city", "coalesce(s.city, s.district, s.province, s.country)"),
        "location_country": opt("country", "lc.iso3"),
        "lat": opt("latitude", "try_cast(s.latitude AS DOUBLE)"),
        "lon": opt("longitude", "try_cast(s.longitude AS DOUBLE)"),
        "trigger_text": opt("event_text", "s.event_text"),
        "rule": opt("story_id", "'icews story ' || s.story_id || coalesce(' sentence ' || s.sentence_number, '')"),
        "num_mentions": "1", "num_articles": "1",
    }
    source = ("_stage s " + _CAMEO_JOINS.format(code="s.cameo_code") +
              "LEFT JOIN _country_map sc ON sc.value = s.source_country "
              "LEFT JOIN _country_map tc ON tc.value = s.target_country " +
              ("LEFT JOIN _country_map lc ON lc.value = s.country" if "country" in columns else ""))
    _insert(con, select, source, "icews")
    return n


# -- GDELT 2.0 -------------------------------------------------------------------------------


def _import_gdelt(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    names = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in GDELT_COLUMNS) + "}"
    _stage(con, path, f"header=false, columns={names}")
    # GDELT files are the billion-row case: no pass over the whole file before the insert.
    # Actor country codes are CAMEO's, a closed list, mapped in full up front; place names are
    # converted as the insert meets them (`_PlaceCountries`); the insert counts the rows, or when
    # it skips stored ones, a one-column read does after it (a third of a full read).
    codes = cameo_to_iso3(_cameo_country_codes())
    con.execute("CREATE OR REPLACE TEMP TABLE _country_map (value VARCHAR PRIMARY KEY, iso3 VARCHAR)")
    con.executemany("INSERT INTO _country_map VALUES (?, ?)", [[k, v] for k, v in codes.items()])
    places = _PlaceCountries()
    con.create_function(_PLACE_FUNCTION, places, ["VARCHAR"], "VARCHAR", type="arrow", null_handling="special")

    def actor(n_: int, side: str, c: str) -> dict[str, str]:
        a = f"s.Actor{n_}"
        return {
            f"{side}_id": f"nullif({a}Code, '')",
            f"{side}_name": f"nullif({a}Name, '')",
            # International organisations have no country of their own: CONTRACT's "IGO".
            f"{side}_country": f"CASE WHEN {a}Code LIKE 'IGO%' THEN 'IGO' ELSE {c}.iso3 END",
            f"{side}_sector": f"nullif({a}Type1Code, '')",
            f"{side}_org": f"nullif({a}KnownGroupCode, '')",
        }

    select = {
        "row_id": "'gdelt:' || s.GlobalEventID",
        "event_key": "'gdelt:' || s.GlobalEventID",
        "dataset": "'gdelt'",
        "date": "try_strptime(s.Day, '%Y%m%d')::DATE",
        "published": "try_strptime(s.DATEADDED, '%Y%m%d%H%M%S')",
        "type": "coalesce(cc.plover, cr.plover)",
        "cameo": "s.EventCode",
        "quad_class": "coalesce(try_cast(s.QuadClass AS TINYINT), cr.quad)",
        "goldstein": "coalesce(try_cast(s.GoldsteinScale AS DOUBLE), cr.goldstein)",
        **actor(1, "source", "c1"), **actor(2, "target", "c2"),
        "location_name": "nullif(s.ActionGeo_FullName, '')",
        # Place names end with the country's name ("Moscow, Moskva, Russia"): GDELT's geo codes
        # are FIPS 10-4, which no installed library knows, but names convert.
        "location_country": f"{_PLACE_FUNCTION}(trim(list_last(string_split(s.ActionGeo_FullName, ','))))",
        "lat": "try_cast(s.ActionGeo_Lat AS DOUBLE)",
        "lon": "try_cast(s.ActionGeo_Long AS DOUBLE)",
        "url": "nullif(s.SOURCEURL, '')",
        "rule": "'gdelt'",
        "num_mentions": "coalesce(try_cast(s.NumMentions AS INTEGER), 1)",
        "num_articles": "coalesce(try_cast(s.NumArticles AS INTEGER), 1)",
    }
    source = ("_stage s " + _CAMEO_JOINS.format(code="s.EventCode") +
              "LEFT JOIN _country_map c1 ON c1.value = upper(s.Actor1CountryCode) "
              "LEFT JOIN _country_map c2 ON c2.value = upper(s.Actor2CountryCode)")
    try:
        rows = _insert(con, select, source, "gdelt")
    finally:
        con.remove_function(_PLACE_FUNCTION)
    return rows if rows is not None else _count_lines(con, path)


_PLACE_FUNCTION = "_detente_place_iso3"


def _cameo_country_codes() -> set[str]:
    """Every code CAMEO may give an actor's country: ISO3 codes and CAMEO's own exceptions
    (regional codes such as AFR map to no country, as codes missing from this list do)."""
    return {c.alpha_3 for c in pycountry.countries} | set(CAMEO_COUNTRY_EXCEPTIONS) | {"XKX"}


class _PlaceCountries:
    """A DuckDB function (over Arrow arrays) from country names to ISO3, converting each
    distinct name once, when first met: the names come from the file being inserted."""

    def __init__(self) -> None:
        self.known: dict[str, str | None] = {}
        self._names = pa.array([], pa.string())
        self._codes = pa.array([], pa.string())

    def __call__(self, names: pa.Array) -> pa.Array:
        new = [v for v in pc.unique(names).to_pylist() if v is not None and v not in self.known]
        if new:
            converted = names_to_iso3(new)
            self.known.update({v: converted.get(v) for v in new})
            self._names = pa.array(list(self.known), pa.string())
            self._codes = pa.array(list(self.known.values()), pa.string())
        return pc.take(self._codes, pc.index_in(names, self._names))


def _count_lines(con: duckdb.DuckDBPyConnection, path: Path, header: bool = False) -> int:
    """The data rows of a tab-separated file as read_csv reads them (blank lines skipped),
    read as one column: the delimiter given is one never found in text."""
    return con.execute(f"SELECT count(*) FROM read_csv({_sql_str(str(path))}, columns={{'line': 'VARCHAR'}}, "
                       f"delim='\\x01', quote='', escape='', header={str(header).lower()}, "
                       "strict_mode=false)").fetchall()[0][0]


# -- POLECAT ---------------------------------------------------------------------------------

# POLECAT's published headers ("Event ID", "Actor Country", "Wikipedia Actor ID", ...),
# normalised, with the PLOVER JSON field names as alternatives.
_POLECAT_FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("event_id", "id"),
    "date": ("event_date", "date"),
    "type": ("event_type", "event"),
    "mode": ("event_mode", "mode"),
    "context": ("contexts", "context"),
    "quad": ("quad_code", "quad_class"),
    "intensity": ("event_intensity", "event_scale"),
    "actor_id": ("wikipedia_actor_id", "actor_id"),
    "actor_name": ("actor_name",),
    "actor_country": ("actor_country",),
    "actor_sector": ("primary_actor_sector", "actor_sector", "actor_sectors"),
    "recipient_id": ("wikipedia_recipient_id", "recipient_id"),
    "recipient_name": ("recipient_name",),
    "recipient_country": ("recipient_country",),
    "recipient_sector": ("primary_recipient_sector", "recipient_sector", "recipient_sectors"),
    "place": ("placename", "city", "raw_placename"),
    "place_country": ("country", "location_country"),
    "lat": ("latitude", "lat"),
    "lon": ("longitude", "lon"),
    "published": ("publication_date", "published"),
    "text": ("event_text", "text", "sentence"),
    "url": ("url", "link"),
}

_NON_WORD = re.compile(r"[^a-z0-9]+")


def _first(col: str) -> str:
    """The first of a list value ("A; B"): one row stays one event row."""
    return f"nullif(trim(split_part({col}, ';', 1)), '')"


def _import_polecat(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    _stage(con, path, "header=true, nullstr=['', 'NA', 'None']")
    actual = [r[0] for r in con.execute("DESCRIBE _stage").fetchall()]
    normal = {_NON_WORD.sub("_", c.lower()).strip("_"): c for c in actual}
    col: dict[str, str] = {}
    for field, aliases in _POLECAT_FIELDS.items():
        for alias in aliases:
            if alias in normal:
                col[field] = 's."' + normal[alias].replace('"', '""') + '"'
                break
    missing = [f for f in ("id", "date", "type") if f not in col]
    if missing:
        raise ValueError(f"missing POLECAT columns {missing}")
    get = col.get
    country_cols = [c for c in (get("actor_country"), get("recipient_country"), get("place_country")) if c]
    if country_cols:
        n, values = _scan(con, [_first(c) for c in country_cols])
        _country_map(con, sorted(set().union(*values)), names_to_iso3)
    else:
        n, _ = _scan(con, [])
        con.execute("CREATE OR REPLACE TEMP TABLE _country_map (value VARCHAR PRIMARY KEY, iso3 VARCHAR)")
    type_ = f"upper(trim({col['type']}))"
    quad_text = f"upper(coalesce({get('quad') or 'NULL'}, ''))"
    # POLECAT writes quad codes as numbers or as words ("VERBAL COOPERATION").
    quad = (f"coalesce(try_cast({get('quad') or 'NULL'} AS TINYINT), "
            f"CASE WHEN {quad_text} LIKE '%VERBAL%COOP%' THEN 1 WHEN {quad_text} LIKE '%MATERIAL%COOP%' THEN 2 "
            f"WHEN {quad_text} LIKE '%VERBAL%CONF%' THEN 3 WHEN {quad_text} LIKE '%MATERIAL%CONF%' THEN 4 END, pq.quad)")
    select = {
        "row_id": f"'polecat:' || {col['id']}",
        "event_key": f"'polecat:' || {col['id']}",
        "dataset": "'polecat'",
        "date": f"try_cast(left({col['date']}, 10) AS DATE)",
        "published": f"try_cast({get('published')} AS TIMESTAMP)" if get("published") else "NULL",
        "type": type_,
        "mode": f"nullif(lower(trim({get('mode')})), '')" if get("mode") else "NULL",
        "context": (f"[lower(trim(x)) FOR x IN regexp_split_to_array({get('context')}, '[;,]') IF trim(x) <> '']"
                    if get("context") else "NULL"),
        "quad_class": quad,
        # POLECAT's intensity is its own PLOVER scale, not Goldstein: kept apart.
        "plover_score": f"try_cast({get('intensity')} AS DOUBLE)" if get("intensity") else "NULL",
        "source_id": _first(get("actor_id") or get("actor_name") or "NULL"),
        "source_name": _first(get("actor_name") or "NULL"),
        "source_country": "ac.iso3",
        "source_sector": f"upper({_first(get('actor_sector'))})" if get("actor_sector") else "NULL",
        "target_id": _first(get("recipient_id") or get("recipient_name") or "NULL"),
        "target_name": _first(get("recipient_name") or "NULL"),
        "target_country": "rc.iso3",
        "target_sector": f"upper({_first(get('recipient_sector'))})" if get("recipient_sector") else "NULL",
        "location_name": get("place") or "NULL",
        "location_country": "lc.iso3",
        "lat": f"try_cast({get('lat')} AS DOUBLE)" if get("lat") else "NULL",
        "lon": f"try_cast({get('lon')} AS DOUBLE)" if get("lon") else "NULL",
        "sentence_text": get("text") or "NULL",
        "url": get("url") or "NULL",
        "rule": "'polecat'",
        "num_mentions": "1", "num_articles": "1",
    }
    source = (f"_stage s LEFT JOIN _plover_quad pq ON pq.plover = {type_} "
              f"LEFT JOIN _country_map ac ON ac.value = {_first(get('actor_country') or 'NULL')} "
              f"LEFT JOIN _country_map rc ON rc.value = {_first(get('recipient_country') or 'NULL')} "
              f"LEFT JOIN _country_map lc ON lc.value = {_first(get('place_country') or 'NULL')}")
    _insert(con, select, source, "polecat")
    return n
