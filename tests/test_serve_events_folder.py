"""`detente serve --events DIR`: a folder of hive-partitioned Parquet events, shown apart from
the store's own events on the dyad page and in the API."""

from __future__ import annotations

import warnings

import duckdb
import pytest

pytest.importorskip("fastapi")
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")

from click.testing import CliRunner  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from detente.cli import cli  # noqa: E402
from detente.serve.app import create_app  # noqa: E402
from tests.serve_store import build_store  # noqa: E402


@pytest.fixture(scope="module")
def store_and_folder(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("folder")
    store = build_store(tmp / "web.duckdb")
    folder = tmp / "gdelt"
    # The folder holds events of its own: the store's US-Russia months as another dataset
    # would code them (each row twice as hostile, and a second pair, Ukraine-Poland, the
    # store never saw), partitioned by year and month as users keep GDELT.
    con = duckdb.connect(str(store), read_only=True)
    con.execute(f"""COPY (
        SELECT * REPLACE ('gdelt' AS dataset, 'g-' || event_key AS event_key, 'g-' || row_id AS row_id,
                          NULL AS article_key, goldstein - 4 AS goldstein),
               year(date) AS year, month(date) AS month
        FROM events WHERE dataset = 'detente'
        UNION ALL
        SELECT * REPLACE ('gdelt' AS dataset, 'p-' || event_key AS event_key, 'p-' || row_id AS row_id,
                          NULL AS article_key, 'UKR' AS source_country, 'POL' AS target_country,
                          NULL AS source_id, NULL AS target_id),
               year(date), month(date)
        FROM events WHERE dataset = 'detente'
    ) TO '{folder}' (FORMAT parquet, PARTITION_BY (year, month))""")
    ours = con.execute("SELECT count(DISTINCT event_key) FILTER (WHERE source_country = 'USA' AND "
                       "target_country = 'RUS'), count(DISTINCT event_key) FROM events WHERE dataset = 'detente'"
                       ).fetchone()
    con.close()
    assert any(folder.glob("year=*/month=*/*.parquet"))
    return store, folder, ours


@pytest.fixture(scope="module")
def client(store_and_folder, tmp_path_factory):
    store, folder, _ = store_and_folder
    tmp = tmp_path_factory.mktemp("client")
    app = create_app(store, state_path=tmp / "s.json", poll=0, workdir=tmp / "w", events_dir=folder)
    with TestClient(app) as c:
        c.headers["accept"] = "text/html"
        yield c


def test_dyad_api_reads_the_folder_apart_from_the_store(client, store_and_folder):
    _, _, (ours, all_ours) = store_and_folder
    store_series = client.get("/api/dyads/USA/RUS").json()
    folder_series = client.get("/api/dyads/USA/RUS", params={"events": "folder"}).json()
    assert sum(p["events"] for p in folder_series["periods"]) == ours
    # The same months, coded more hostile in the folder (the store's also hold its imported events).
    store_means = {p["start"]: p["goldstein"] for p in store_series["periods"]}
    assert all(p["goldstein"] < store_means[p["start"]] - 2 for p in folder_series["periods"])
    assert not any(p["start"] not in store_means for p in folder_series["periods"])
    events = client.get("/api/events", params={"events": "folder", "actor": "UKR", "partner": "POL"}).json()
    assert events["total"] == all_ours and all(e["dataset"] == "gdelt" for e in events["items"])
    # The store never saw Ukraine-Poland.
    assert client.get("/api/events", params={"actor": "UKR", "partner": "POL"}).json()["total"] == 0
    shifts = client.get("/api/shifts", params={"a": "USA", "b": "RUS", "events": "folder"}).json()["shifts"]
    assert [s["date"][:7] for s in shifts] == ["2024-07"]


def test_dyad_page_shows_the_folder_events_in_their_own_section(client):
    page = client.get("/dyad/USA/RUS").text
    ours, folder = page[:page.index('id="folder-events"')], page[page.index('id="folder-events"'):]
    assert "Events from the folder gdelt" in folder and "chart.svg?by=month&amp;events=folder" in folder
    assert "gdelt" not in ours.split("Our events")[1]           # none of the folder's events among ours
    assert "Shifts in the folder" in folder and "2024-07" in folder
    chart = client.get("/dyad/USA/RUS/chart.svg", params={"events": "folder"})
    assert chart.status_code == 200 and b"level between shifts" in chart.content
    # A pair only the folder knows: the store has nothing, the folder section does.
    ukr = client.get("/dyad/UKR/POL")
    assert "Events from the folder gdelt" in ukr.text


def test_folder_events_need_the_option(store_and_folder, tmp_path):
    store, _, _ = store_and_folder
    app = create_app(store, state_path=tmp_path / "s.json", poll=0, workdir=tmp_path / "w")
    with TestClient(app) as c:
        r = c.get("/api/dyads/USA/RUS", params={"events": "folder"})
        assert r.status_code == 400 and "--events" in r.json()["detail"]
        assert c.get("/api/dyads/USA/RUS", params={"events": "elsewhere"}).status_code == 422
        assert "Events from the folder" not in c.get("/dyad/USA/RUS").text


def test_serve_refuses_a_folder_without_parquet_files(store_and_folder, tmp_path):
    store, _, _ = store_and_folder
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(cli, ["serve", "--db", str(store), "--events", str(tmp_path / "empty"),
                                      "--port", "1"])
    assert result.exit_code != 0 and "no Parquet files" in result.output
