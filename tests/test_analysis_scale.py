"""Analysis at scale: the vectorised PELT, event folders read in place, literal import names."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pytest
import ruptures as rpt
from ruptures.base import BaseCost
from click.testing import CliRunner

from detente.analysis.dyads import dyad_series
from detente.analysis.events_source import EventsFolderError, open_events_folder
from detente.datasets.imports import import_events
from detente.analysis.shifts import MIN_SIZE, dyad_shifts, pelt, pelt_many, top_shifts
from detente.cli import cli
from detente.store import Store
from detente.store.export import export_tables
from detente.store.schema import dyad_key_sql
from tests.test_analysis import relations_store


class WeightedMeanCost(BaseCost):
    """Our weighted least-squares cost in ruptures' terms, so that ruptures' own Pelt is the
    oracle our numpy PELT is held to. The signal has two columns: value and weight."""

    model = "weighted_mean"
    min_size = MIN_SIZE

    def fit(self, signal: np.ndarray) -> "WeightedMeanCost":
        self.signal = signal
        values, weights = signal[:, 0], signal[:, 1]
        zero = np.zeros(1)
        self._w = np.concatenate([zero, np.cumsum(weights)])
        self._wx = np.concatenate([zero, np.cumsum(weights * values)])
        self._wxx = np.concatenate([zero, np.cumsum(weights * values * values)])
        return self

    def error(self, start: int, end: int) -> float:
        w = self._w[end] - self._w[start]
        wx = self._wx[end] - self._wx[start]
        return float(self._wxx[end] - self._wxx[start] - wx * wx / w) if w > 0 else 0.0


FIXTURES = Path(__file__).parent / "fixtures" / "analysis"


def _ruptures(x: np.ndarray, w: np.ndarray, penalty: float, min_size: int) -> list[int]:
    cost = WeightedMeanCost()
    cost.min_size = min_size
    return rpt.Pelt(custom_cost=cost, min_size=min_size, jump=1).fit(np.column_stack([x, w])).predict(pen=penalty)


@pytest.mark.parametrize("seed", range(40))
def test_numpy_pelt_gives_the_breakpoints_ruptures_gives(seed):
    rng = np.random.default_rng(seed)
    T = int(rng.integers(5, 160))
    levels = np.repeat(rng.normal(0, 3, 6), T // 6 + 1)[:T]
    x = levels + rng.normal(0, 1, T)
    if seed % 5 == 0:
        x = np.round(x)  # ties between equally good partitions
    w = rng.uniform(0.1, 5, T) if seed % 3 else np.ones(T)
    for penalty in (0.5, 3 * np.log(T), 30.0):
        for min_size in (1, 2, 3):
            if T < 2 * min_size + 1:
                continue
            assert pelt(x, w, penalty, min_size) == _ruptures(x, w, penalty, min_size), (T, penalty, min_size)


def test_pelt_over_many_series_at_once_gives_each_its_own_breakpoints():
    rng = np.random.default_rng(7)
    series = []
    for _ in range(60):
        T = int(rng.integers(5, 130))
        x = np.repeat(rng.normal(0, 3, 5), T // 5 + 1)[:T] + rng.normal(0, 1, T)
        if rng.random() < 0.3:
            x = np.round(x)
        series.append((x, rng.uniform(0.1, 5, T), float(rng.choice([0.5, 3 * np.log(T), 30.0]))))
    expected = [_ruptures(x, w, p, 2) for x, w, p in series]
    assert pelt_many(series) == expected
    assert any(len(b) > 2 for b in expected)


@pytest.fixture
def relations(tmp_path):
    with Store(tmp_path / "r.duckdb") as store:
        relations_store(store)
        yield store


def _export_by_month(store: Store, folder: Path) -> None:
    """The events as a hive-partitioned Parquet folder (year=/month=), as users keep them."""
    store.con.execute(f"COPY (SELECT * EXCLUDE (dyad), year(date) AS year, month(date) AS month FROM events) TO '{folder}' "
                      "(FORMAT parquet, PARTITION_BY (year, month))")


@pytest.mark.parametrize("layout", ["by month, no key", "detente export"])
def test_a_parquet_folder_answers_what_the_store_answers(relations, tmp_path, layout):
    if layout == "detente export":
        # The helper writes rows by plain SQL, without the key: keyed as ingest keys them.
        relations.con.execute(f"UPDATE events SET dyad = {dyad_key_sql()}")
        export_tables(relations, tmp_path / "out", "parquet")  # what `detente export` runs
        folder = tmp_path / "out"
        assert sorted(p.parent.name for p in (folder / "events").rglob("*.parquet")) == ["year=2024", "year=2025"]
    else:
        folder = tmp_path / "events"
        _export_by_month(relations, folder)
        assert len(list(folder.rglob("*.parquet"))) > 10
    with open_events_folder(folder) as in_place:
        # Files without the key (as users keep GDELT) read it as NULL: every row is read.
        assert in_place.query("SELECT count(dyad) > 0 FROM events") == [(layout == "detente export",)]
        for by in ("week", "month"):
            assert dyad_series(in_place, "USA", "RUS", by=by).to_dict() == \
                dyad_series(relations, "USA", "RUS", by=by).to_dict()
        shifts = [s.to_dict() for s in dyad_shifts(in_place, "USA", "RUS")]
        assert shifts and shifts == [s.to_dict() for s in dyad_shifts(relations, "USA", "RUS")]
        assert [s.to_dict() for s in top_shifts(in_place, 5, min_events=5)] == \
            [s.to_dict() for s in top_shifts(relations, 5, min_events=5)]


def test_cli_dyad_and_shifts_read_an_events_folder(relations, tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    relations.con.execute(f"COPY events TO '{folder / 'events.parquet'}' (FORMAT parquet)")
    runner = CliRunner()
    result = runner.invoke(cli, ["dyad", "USA", "RUS", "--by", "month", "--events", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == dyad_series(relations, "USA", "RUS", by="month").to_dict()
    result = runner.invoke(cli, ["shifts", "--dyad", "USA", "RUS", "--events", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["shifts"]
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(cli, ["dyad", "USA", "RUS", "--events", str(empty)])
    assert result.exit_code != 0 and "no Parquet files" in result.output
    with pytest.raises(EventsFolderError):
        open_events_folder(empty)


@pytest.mark.parametrize("name", ["ev*.tsv", "br[1].tsv", "x?.tsv", "a{b,c}.tsv"])
def test_import_takes_its_file_name_literally(tmp_path, name):
    lines = (FIXTURES / "gdelt_events.tsv").read_text().splitlines(keepends=True)
    # Neighbours that a pattern would also match.
    for other in ("ev1.tsv", "br1.tsv", "xy.tsv", "ab.tsv", "ac.tsv"):
        (tmp_path / other).write_text("".join(lines[:3]))
    shutil.copy(FIXTURES / "gdelt_events.tsv", tmp_path / name)
    with Store(tmp_path / "s.duckdb") as store:
        report = import_events(store, tmp_path / name, "gdelt")
        assert report.rows_read == len(lines)
        assert import_events(store, tmp_path / name, "gdelt").rows_added == 0


def test_import_streams_without_a_staging_table(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        import_events(store, FIXTURES / "gdelt_events.tsv", "gdelt")
        temp = store.query("SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name LIKE '%stage%'")
        assert temp == []


def _gdelt_lines() -> list[str]:
    return (FIXTURES / "gdelt_events.tsv").read_text().splitlines(keepends=True)


def test_imported_events_have_no_row_id_index_and_a_repeated_event_is_kept_once(tmp_path):
    lines = _gdelt_lines()
    # The second line again at the end, mentioned once more since: that later listing is kept.
    changed = lines[1].replace("\t30\t9\t25\t", "\t31\t9\t25\t").replace("/riyadh", "/riyadh-later")
    assert changed.count("\t31\t9\t25\t") == 1 and "riyadh-later" in changed
    (tmp_path / "a.tsv").write_text("".join(lines) + changed)
    with Store(tmp_path / "s.duckdb") as store:
        keys = store.query("SELECT constraint_type FROM duckdb_constraints() WHERE table_name = 'events' "
                           "AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')")
        assert keys == []
        report = import_events(store, tmp_path / "a.tsv", "gdelt")
        assert (report.rows_read, report.rows_added, report.rows_present) == (len(lines) + 1, 7, 2)
        assert store.query("SELECT url, num_mentions FROM events WHERE row_id = 'gdelt:1100000002'") == \
            [("https://example.org/riyadh-later", 31)]
        assert store.query("SELECT count(*), count(DISTINCT row_id) FROM events") == [(7, 7)]


def test_a_second_file_adds_only_its_new_rows(tmp_path):
    lines = _gdelt_lines()
    (tmp_path / "first.tsv").write_text("".join(lines[:4]))
    (tmp_path / "second.tsv").write_text("".join(lines[2:]))
    with Store(tmp_path / "s.duckdb") as store:
        assert import_events(store, tmp_path / "first.tsv", "gdelt").rows_added == 4
        before = store.query("SELECT * FROM events ORDER BY row_id")
        second = import_events(store, tmp_path / "second.tsv", "gdelt")
        # Lines 3 and 4 are stored already; the last line repeats the first.
        assert (second.rows_read, second.rows_added) == (len(lines) - 2, 3)
        assert store.query("SELECT count(*), count(DISTINCT row_id) FROM events") == [(7, 7)]
        assert [r for r in store.query("SELECT * FROM events ORDER BY row_id") if r[0] <= "gdelt:1100000004"] == before
        after = store.query("SELECT * FROM events ORDER BY row_id")
        assert import_events(store, tmp_path / "second.tsv", "gdelt").rows_added == 0
        assert store.query("SELECT * FROM events ORDER BY row_id") == after


def test_a_store_made_with_the_row_id_key_still_imports(tmp_path):
    import duckdb

    from detente.store.schema import TABLES

    path = tmp_path / "old.duckdb"
    old_events = TABLES["events"].replace("row_id VARCHAR NOT NULL", "row_id VARCHAR PRIMARY KEY")
    assert old_events != TABLES["events"]
    with duckdb.connect(str(path)) as con:
        con.execute(old_events)
    with Store(path) as store:
        report = import_events(store, FIXTURES / "gdelt_events.tsv", "gdelt")
        assert (report.rows_added, report.rows_present) == (7, 1)
        assert import_events(store, FIXTURES / "gdelt_events.tsv", "gdelt").rows_added == 0
        assert store.count("events") == 7


def test_a_row_without_an_id_is_counted_as_read_but_not_added(tmp_path):
    lines = _gdelt_lines()
    (tmp_path / "a.tsv").write_text("".join(lines) + "\t" + lines[0].split("\t", 1)[1])
    with Store(tmp_path / "s.duckdb") as store:
        report = import_events(store, tmp_path / "a.tsv", "gdelt")
        assert (report.rows_read, report.rows_added, report.rows_present) == (len(lines) + 1, 7, 2)
        assert store.query("SELECT count(*) FROM events WHERE row_id = '' OR row_id IS NULL") == [(0,)]
        again = import_events(store, tmp_path / "a.tsv", "gdelt")
        assert (again.rows_read, again.rows_added) == (len(lines) + 1, 0)


# -- the dyad key ----------------------------------------------------------------------------


def _reference_key(sc: str | None, sid: str | None, tc: str | None, tid: str | None) -> str | None:
    """The dyad key by its definition (store/schema.py), written out in Python."""
    def ambiguous(country, id_):
        return id_ is not None and country is not None and len(id_.encode()) == 3 and id_ != country

    if ambiguous(sc, sid) or ambiguous(tc, tid):
        return None
    s, t = sc if sc is not None else (sid or ""), tc if tc is not None else (tid or "")
    return "|".join(sorted((s, t)))


# (country, id) of the sides used below: countries, a group and a person of a country, an
# organisation whose id looks like a country code (IMF, country IGO), GDELT's CAMEO code
# for Romania beside its ISO3 country, an actor without a country, one without anything.
_SIDES = [("USA", "USA"), ("RUS", "RUS"), ("RUS", "RUS-GOV"), ("RUS", "sergey-lavrov"), ("USA", "marco-rubio"),
          ("IGO", "IMF"), ("IGO", "NATO"), ("ROU", "ROM"), (None, "ROM"), (None, "UAF"), ("CHN", "CHN"), (None, None)]


def _sided_events(n: int = 400, seed: int = 5, sides: list = _SIDES) -> pa.Table:
    """Event rows between random pairs of `sides`, as ingest would append them."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        (sc, sid), (tc, tid) = (sides[int(k)] for k in rng.integers(0, len(sides), 2))
        rows.append({"row_id": f"r{i}", "event_key": f"e{i}", "dataset": "detente",
                     "date": dt.date(2023, 1, 1) + dt.timedelta(days=int(rng.integers(0, 700))),
                     "type": "CONSULT", "quad_class": 1, "goldstein": 1.0, "num_mentions": 1, "num_articles": 1,
                     "source_id": sid, "source_name": sid, "source_country": sc,
                     "target_id": tid, "target_name": tid, "target_country": tc})
    return pa.Table.from_pylist(rows)


def test_every_insert_path_writes_the_dyad_key_by_its_definition(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.append_tables({"events": _sided_events()})  # ingest's path
        import_events(store, FIXTURES / "gdelt_events.tsv", "gdelt")
        rows = store.query("SELECT source_country, source_id, target_country, target_id, dyad FROM events")
        assert len(rows) == 407
        assert [r[4] for r in rows] == [_reference_key(*r[:4]) for r in rows]
        keys = {r[4] for r in rows}
        assert {"RUS|USA", "CHN|RUS", "UAF|USA", None} <= keys  # persons count by country, IMF has none
        assert store.query("SELECT count(*) FROM events WHERE dataset = 'gdelt' AND dyad IS NULL") == [(0,)]


def test_the_keyed_dyad_filter_finds_exactly_the_rows_of_the_plain_one(tmp_path):
    """For every pair of actors (country codes, ids that look like them, persons), the dyad
    query with the key picks the very rows the four-column filter picks; only pairs of
    country-shaped values are keyed."""
    from detente.analysis.dyads import dyad_params, dyad_rows_sql

    with Store(tmp_path / "s.duckdb") as store:
        store.append_tables({"events": _sided_events(1500)})
        actors = sorted({x for side in _SIDES for x in side if x is not None})
        keyed = 0
        for a in actors:
            for b in actors:
                if a == b:
                    continue
                params = dyad_params(store, a, b, None, None, "week")
                for directed in (False, True):
                    plain = store.con.execute(f"SELECT row_id FROM ({dyad_rows_sql(directed)}) ORDER BY 1",
                                              {k: v for k, v in params.items() if k != "dyad"}).fetchall()
                    picked = store.con.execute(f"SELECT row_id FROM ({dyad_rows_sql(directed, keyed='dyad' in params)}) "
                                               "ORDER BY 1", params).fetchall()
                    assert picked == plain, (a, b, directed)
                keyed += "dyad" in params
        assert keyed == 8 * 7  # the ordered pairs of the country-shaped values: USA RUS CHN IGO ROU ROM IMF UAF


def _explain(con, sql: str, params: dict) -> tuple[int, int]:
    """(row groups read, row groups in the files) of the Parquet scan of `sql`, from DuckDB's
    own profile: what the query read, not how long it took."""
    plan = con.execute("EXPLAIN ANALYZE " + sql, params).fetchall()[0][1]
    found = re.findall(r"Row Groups Scanned: (\d+) / (\d+)", plan)
    assert len(found) == 1, plan
    return int(found[0][0]), int(found[0][1])


def test_an_exported_folder_skips_the_row_groups_of_other_dyads(tmp_path):
    from detente.analysis.dyads import dyad_params, dyad_rows_sql
    from detente.store.export import write_events_folder

    with Store(tmp_path / "s.duckdb") as store:
        # Thirty countries and one organisation with a country-shaped id (its rows have no key).
        sides = [(c, c) for c in ("USA", "RUS", "CHN", "UKR", "GBR", "FRA", "DEU", "IRN", "ISR", "TUR", "IND", "PAK",
                                  "JPN", "KOR", "PRK", "SAU", "SYR", "EGY", "BRA", "MEX", "CAN", "AUS", "POL", "ITA",
                                  "ESP", "NGA", "ZAF", "ETH", "KEN", "IRQ")] + [("IGO", "IMF")]
        store.append_tables({"events": _sided_events(50_000, sides=sides)})
        folder = write_events_folder(store.con, "SELECT * FROM events", tmp_path / "out" / "events",
                                     row_group_size=2048)
        series = dyad_series(store, "USA", "RUS", by="month").to_dict()
        imf = dyad_series(store, "IMF", "USA", by="month").to_dict()
    files = sorted(folder.glob("year=*/data_0.parquet"))
    assert [f.parent.name for f in files] == ["year=2023", "year=2024"]
    con = duckdb.connect()
    # Each file is sorted by the key, so each row group holds a narrow range of dyads.
    for f in files:
        keys = [r[0] for r in con.execute(f"SELECT dyad FROM read_parquet('{f}')").fetchall()]
        assert keys == sorted(keys, key=lambda k: (k is None, k))
        assert con.execute(f"SELECT count(DISTINCT row_group_id) FROM parquet_metadata('{f}')").fetchone()[0] >= 10
    with open_events_folder(folder) as in_place:
        params = dyad_params(in_place, "USA", "RUS", None, None, "month")
        assert params["dyad"] == "RUS|USA"
        plain = {k: v for k, v in params.items() if k != "dyad"}
        read, total = _explain(in_place.con, f"SELECT count(*) FROM ({dyad_rows_sql(False, keyed=True)})", params)
        everything = _explain(in_place.con, f"SELECT count(*) FROM ({dyad_rows_sql(False)})", plain)
        # The key's row groups and those of the rows without one (IMF's): under a third.
        assert everything == (total, total) and total >= 20
        assert read * 3 < total, (read, total)
        # And the answer is the store's.
        assert dyad_series(in_place, "USA", "RUS", by="month").to_dict() == series
        # IMF's rows have no key (its id looks like a country code): they are read all the same.
        assert imf["periods"] and dyad_series(in_place, "IMF", "USA", by="month").to_dict() == imf


def test_a_store_without_the_dyad_key_answers_and_gains_it_when_opened_for_writing(tmp_path):
    from detente.analysis.dyads import dyad_params

    new = tmp_path / "new.duckdb"
    with Store(new) as store:
        store.append_tables({"events": _sided_events(800)})
        expected = dyad_series(store, "USA", "RUS", by="month").to_dict()
        assert expected["periods"]
    old = tmp_path / "old.duckdb"
    Store(old).close()
    with duckdb.connect(str(old)) as con:  # a store as made before the key existed
        con.execute("ALTER TABLE events DROP COLUMN dyad")
        con.execute(f"ATTACH '{new}' AS new (READ_ONLY)")
        con.execute("INSERT INTO events SELECT * EXCLUDE (dyad) FROM new.events")
    with Store(old, read_only=True) as store:  # as `detente dyad` opens it: nothing is changed
        assert "dyad" not in dyad_params(store, "USA", "RUS", None, None, "month")
        assert dyad_series(store, "USA", "RUS", by="month").to_dict() == expected
    with Store(old) as store:  # opened for writing: the key is added and filled
        rows = store.query("SELECT source_country, source_id, target_country, target_id, dyad FROM events")
        assert [r[4] for r in rows] == [_reference_key(*r[:4]) for r in rows]
        assert dyad_params(store, "USA", "RUS", None, None, "month")["dyad"] == "RUS|USA"
        assert dyad_series(store, "USA", "RUS", by="month").to_dict() == expected
