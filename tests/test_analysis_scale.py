"""Analysis at scale: the vectorised PELT, event folders read in place, literal import names."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import ruptures as rpt
from click.testing import CliRunner

from detente.analysis.dyads import dyad_series
from detente.analysis.events_source import EventsFolderError, open_events_folder
from detente.datasets.imports import import_events
from detente.analysis.shifts import WeightedMeanCost, dyad_shifts, pelt, pelt_many, top_shifts
from detente.cli import cli
from detente.store import Store
from tests.test_analysis import relations_store

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
    store.con.execute(f"COPY (SELECT *, year(date) AS year, month(date) AS month FROM events) TO '{folder}' "
                      "(FORMAT parquet, PARTITION_BY (year, month))")


def test_a_parquet_folder_answers_what_the_store_answers(relations, tmp_path):
    folder = tmp_path / "events"
    _export_by_month(relations, folder)
    assert len(list(folder.rglob("*.parquet"))) > 10
    with open_events_folder(folder) as in_place:
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
