"""The web pages and the JSON API, through FastAPI's test client, over a small known store."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import threading
import time
import warnings

import duckdb
import pytest

pytest.importorskip("fastapi")
# Starlette's test client prefers httpx2 now; httpx (locked) still works.
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")

from fastapi.testclient import TestClient  # noqa: E402

from detente.serve.app import create_app  # noqa: E402
from detente.serve.snapshot import writer_active  # noqa: E402
from detente.store import Store  # noqa: E402
from tests.serve_store import XSS_HEADLINE, build_store, ukraine_article, write_articles  # noqa: E402


@pytest.fixture(scope="module")
def built_store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("store") / "web.duckdb")


@pytest.fixture()
def store_path(built_store, tmp_path):
    """A fresh copy of the test store, for tests that write to it."""
    path = tmp_path / "web.duckdb"
    shutil.copyfile(built_store, path)
    return path


@pytest.fixture(scope="module")
def client(built_store, tmp_path_factory):
    """One server over the test store for the tests that only read it."""
    tmp = tmp_path_factory.mktemp("client")
    app = create_app(built_store, state_path=tmp / "state" / "places.json", poll=0, workdir=tmp / "work")
    with TestClient(app) as c:
        c.headers["accept"] = "text/html"
        yield c


def key_of(client: TestClient, headline_part: str) -> str:
    items = client.get("/api/articles", params={"limit": 200}).json()["items"]
    return next(i["article_key"] for i in items if headline_part in (i["headline"] or ""))


def test_every_page_loads(client):
    key = key_of(client, "agreement number 1 of July")
    for url in ("/", "/search", "/search?q=Lavrov", f"/article/{key}", "/actor/sergey-lavrov", "/actor/RUS",
                "/dyad/USA/RUS", "/places", "/docs", "/openapi.json"):
        r = client.get(url)
        assert r.status_code == 200, (url, r.text[:300])


def test_home_shows_counts_latest_articles_and_shifts(client):
    page = client.get("/").text
    assert "<b>26</b> articles" in page
    assert "Test Wire" in page and "Other Daily" in page
    assert "USA–RUS" in page or "RUS–USA" in page          # the mid-2024 turn
    assert "2024-07-03" in page


def test_search_ranks_highlights_filters_and_pages(client):
    r = client.get("/api/search", params={"q": "agreement July"}).json()
    assert r["total"] == 2 and all("July" in h["headline"] for h in r["items"])
    page = client.get("/search", params={"q": "Geneva"}).text
    assert "<mark>Geneva</mark>" in page
    # Stemming: "attack" finds "attacked".
    assert client.get("/api/search", params={"q": "attack"}).json()["total"] == 1
    # Filters: source, dates, actor, event type.
    assert client.get("/api/search", params={"q": "Russia", "source": "Other Daily"}).json()["total"] == 1
    assert client.get("/api/search", params={"q": "Russia", "since": "2024-12-01"}).json()["total"] == 3
    assert client.get("/api/search", params={"q": "Russia", "until": "2024-01-31"}).json()["total"] == 2
    assert client.get("/api/search", params={"q": "Russia", "type": "ASSAULT"}).json()["total"] == 1
    assert client.get("/api/search", params={"actor": "UKR", "type": "AGREE"}).json()["total"] == 12
    # Paging.
    first = client.get("/api/search", params={"q": "Russia", "limit": 10}).json()
    second = client.get("/api/search", params={"q": "Russia", "limit": 10, "offset": 10}).json()
    assert first["total"] == 25 and first["next_offset"] == 10
    assert not {h["article_key"] for h in first["items"]} & {h["article_key"] for h in second["items"]}
    assert 'rel="next"' in client.get("/search", params={"q": "Russia", "limit": 10}).text


def test_search_input_is_never_a_syntax_error(client):
    for q in ('"', "NEAR(", "a AND OR", "*", "-x", "^"):
        r = client.get("/api/search", params={"q": q})
        assert r.status_code in (200, 400), q
    assert client.get("/search", params={"q": '"'}).status_code == 400
    assert "nothing to search for" in client.get("/search", params={"q": '"'}).text


def test_article_page_marks_entities_quotes_speakers_and_events(client):
    key = key_of(client, "agreement number 1 of July")
    page = client.get(f"/article/{key}").text
    assert re.search(r'class="mark quote[^"]*" data-ref="q0" title="direct quote; speaker: Sergey Lavrov \(RUS, GOV\)"', page)
    assert re.search(r'class="mark speaker[^"]*" data-ref="q0"', page)
    assert re.search(r'class="mark event[^"]*" data-ref="e0" title="AGREE \(057\): United States -&gt; Russia, '
                     r'2024-07-03; rule test.agree"', page)
    assert re.search(r'class="mark entity[^"]*" data-ref="n\d" title="GPE: Ukraine \(UKR, GOV\)"', page)
    assert 'href="https://example.org/7/0"' in page           # the original
    api = client.get(f"/api/articles/{key}").json()
    assert api["quotes"][0]["speaker"]["actor"]["id"] == "sergey-lavrov"
    assert api["events"][0]["source"][0]["country"] == "USA"
    assert api["text"][api["events"][0]["trigger"]["start"]:api["events"][0]["trigger"]["end"]] == "agreed with"


def test_untrusted_text_is_escaped_everywhere(client):
    key = key_of(client, "Envoys meet")
    for url in (f"/article/{key}", "/search?q=Envoys", "/", "/search?q=%3Cscript%3E"):
        page = client.get(url).text
        assert "<script>alert" not in page and "<img src=x" not in page, url
        assert "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "") or "&lt;img" in page
    page = client.get(f"/article/{key}").text
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in page
    assert "&lt;b&gt;Nothing&lt;/b&gt;" in page
    assert 'href="javascript' not in page                      # an untrusted URL is not a link
    assert client.get(f"/api/articles/{key}").json()["headline"] == XSS_HEADLINE


def test_actor_page_roles_events_both_ways_and_partners(client):
    page = client.get("/actor/RUS").text
    assert "Events as source (1)" in page and "Events as target (25)" in page   # 24 + 1 imported
    profile = client.get("/api/actors/RUS").json()
    partners = {p["partner"]: p for p in profile["partners"]}
    assert partners["USA"]["cooperation"] == 13 and partners["USA"]["conflict"] == 12
    assert partners["UKR"]["conflict"] == 1
    lavrov = client.get("/api/actors/sergey-lavrov").json()
    assert lavrov["roles"][0]["country"] == "RUS" and lavrov["roles"][0]["sector"] == "GOV"
    assert "Ukraine will not be discussed" in client.get("/actor/sergey-lavrov").text


def test_dyad_page_chart_shifts_drivers_and_imported_events_apart(client):
    page = client.get("/dyad/USA/RUS").text
    assert 'src="/dyad/USA/RUS/chart.svg?by=month"' in page
    assert 'id="shift-2024-07-03"' in page
    assert re.search(r"2024-07-03: mean Goldstein -5\.\d → \+[45]\.\d", page)   # conflict to cooperation
    drivers = page[page.index('id="shift-2024-07-03"'):page.index("<h2>Periods")]
    assert "/article/" in drivers and "agreed with Russia on July 3" in drivers
    imported = page[page.index("Imported events"):]
    assert "Imported: officials met." in imported and "icews" in imported
    own = page[page.index("Our events"):page.index("Imported events")]
    assert "Imported: officials met." not in own
    svg = client.get("/dyad/USA/RUS/chart.svg")
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    assert svg.content.lstrip().startswith(b"<?xml") and b"<svg" in svg.content
    # Drawn by pygal, standalone: the shift is marked, both panels are there, no script is fetched.
    assert b"level between shifts" in svg.content and b"material conflict" in svg.content
    assert b"dasharray" in svg.content and b"<script" not in svg.content and b"http://kozea" not in svg.content
    # The two panels line up: the same plot box and the same dates along the same axis.
    boxes = [re.search(r'translate\(([\d.]+), [\d.]+\)" class="plot">\s*<rect x="0" y="0" width="([\d.]+)"', p)
             .groups() for p in svg.content.decode().split("<svg")[2:]]
    assert len(boxes) == 2 and boxes[0] == boxes[1]
    dates = [re.findall(r">(\d{4}-\d\d-\d\d)</text>", p) for p in svg.content.decode().split("<svg")[2:]]
    assert dates[0] and dates[0] == dates[1]


def test_api_lists_are_paged_and_shaped_like_the_contract(client):
    events = client.get("/api/events", params={"actor": "RUS", "limit": 5}).json()
    assert events["total"] == 26 and len(events["items"]) == 5 and events["next_offset"] == 5
    e = events["items"][0]
    for name in ("type", "mode", "context", "source", "target", "date", "location", "sentence", "trigger",
                 "negated", "hypothetical", "cameo", "quad_class", "goldstein", "plover_score", "confidence"):
        assert name in e
    assert set(e["source"][0]) == {"id", "name", "country", "sector", "org"}
    assert client.get("/api/events", params={"dataset": "imported"}).json()["total"] == 1
    assert client.get("/api/events", params={"actor": "USA", "partner": "RUS", "since": "2024-07-01"}).json()["total"] == 13
    quotes = client.get("/api/quotes", params={"actor": "UKR", "relation": "about", "limit": 1}).json()
    assert quotes["total"] == 24 and quotes["items"][0]["relation"] == "about"
    assert client.get("/api/quotes", params={"actor": "UKR", "relation": "by"}).json()["total"] == 0
    actors = client.get("/api/actors", params={"q": "lavrov"}).json()
    assert actors["items"][0]["id"] == "sergey-lavrov"
    dyad = client.get("/api/dyads/USA/RUS", params={"by": "month"}).json()
    assert len(dyad["periods"]) == 12
    shifts = client.get("/api/shifts", params={"a": "USA", "b": "RUS"}).json()["shifts"]
    assert [s["date"] for s in shifts] == ["2024-07-03"]
    spec = client.get("/openapi.json").json()
    assert {"/api/search", "/api/events", "/api/digest", "/api/dyads/{a}/{b}"} <= set(spec["paths"])


@pytest.mark.parametrize("url, status", [
    ("/api/events?since=2024-13-01", 422),            # bad date
    ("/api/articles?limit=100000", 422),              # absurd page size
    ("/api/articles?offset=-1", 422),
    ("/api/actors/nobody-known", 404),                # unknown actor
    ("/api/dyads/USA/XYZ", 404),
    ("/api/dyads/USA/USA", 400),
    ("/api/articles/no-such-key", 404),
    ("/api/digest?places=Atlantis", 404),
    ("/api/shifts?a=USA", 400),
    ("/api/dyads/USA/RUS?by=year", 422),
    ("/static/../app.py", 404),                       # nothing outside the static folder
    ("/static/%2e%2e/app.py", 404),
    ("/static/..%2fapp.py", 404),
])
def test_bad_input_is_a_clear_4xx(client, url, status):
    r = client.get(url, headers={"accept": "application/json"})
    assert r.status_code == status, r.text
    if url.startswith("/api/"):
        assert r.json()["detail"]


def test_error_pages_are_html_for_browsers(client):
    r = client.get("/actor/nobody-known")
    assert r.status_code == 404 and "<h1>404</h1>" in r.text and "unknown actor" in r.text
    r = client.get("/search", params={"since": "not-a-date"})
    assert r.status_code == 400 and "not a date" in r.text


def test_docs_page_uses_local_assets_only(client):
    page = client.get("/docs").text
    assert "swagger-ui-bundle.js" in page
    for url in re.findall(r'(?:src|href)="([^"]+)"', page):
        assert url.startswith("/"), url
        assert client.get(url).status_code == 200, url
    for page_url in ("/", "/search?q=x", "/dyad/USA/RUS", "/places"):
        for url in re.findall(r'(?:src|href)="(https?://[^"]+)"', client.get(page_url).text):
            assert url.startswith("https://example.org/"), (page_url, url)   # links to originals only


def test_places_follow_survives_a_restart_and_shows_new_items(store_path, tmp_path):
    state = tmp_path / "state.json"
    app = create_app(store_path, state_path=state, poll=0, workdir=tmp_path / "w1")
    with TestClient(app) as c:
        r = c.post("/places/follow", data={"place": "UKR"}, follow_redirects=False)
        assert r.status_code == 303
        assert c.post("/places/follow", data={"place": "Atlantis"}).status_code == 200  # back to the page ...
        assert "unknown place" in c.get("/places", params={"error": "unknown place 'Atlantis'"}).text
        page = c.get("/places").text
        assert "Ukraine" in page and "attacked" in page
        c.post("/places/read")
    # A new server over the same store and state: still following, nothing new yet.
    app = create_app(store_path, state_path=state, poll=0, workdir=tmp_path / "w2")
    with TestClient(app) as c:
        assert c.get("/api/places").json()["places"] == ["UKR"]
        assert "Nothing new." in c.get("/places").text
        with Store(store_path) as store:
            write_articles(store, [ukraine_article(dt.date(2025, 1, 5), "ukr-new", "Russia attacked Kharkiv in Ukraine")])
        assert c.app.state.ctx.snapshots.refresh()
        page = c.get("/places").text
        assert "Nothing new." not in page and "Russia attacked Kharkiv in Ukraine" in page
        assert "Ukraine will not be discussed" not in page   # read before


def test_cross_site_posts_are_refused(client):
    r = client.post("/places/follow", data={"place": "UKR"}, headers={"origin": "https://evil.example"})
    assert r.status_code == 403
    assert client.get("/api/places").json()["places"] == []
    assert client.post("/api/places", json={"place": "UKR"}).status_code == 201


def test_new_articles_appear_without_restart_and_a_writer_never_shows_a_lock_error(store_path, tmp_path):
    app = create_app(store_path, state_path=tmp_path / "s.json", poll=0, workdir=tmp_path / "w")
    with TestClient(app) as c:
        before = c.get("/api/overview").json()["articles"]
        # Another process holds the store open for writing, as `detente ingest` does.
        holder = subprocess.Popen(
            [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
             "print('open', flush=True); time.sleep(30)", str(store_path)],
            stdout=subprocess.PIPE, text=True)
        try:
            assert holder.stdout.readline().strip() == "open"
            assert writer_active(store_path)
            with pytest.raises(duckdb.Error):         # what any reader would hit ...
                duckdb.connect(str(store_path), read_only=True)
            assert not c.app.state.ctx.snapshots.refresh()
            for url in ("/", "/search?q=Russia", "/api/overview", "/dyad/USA/RUS"):
                r = c.get(url)
                assert r.status_code == 200, url        # ... the server answers from its snapshot
            assert "An ingest is running" in c.get("/").text
        finally:
            holder.kill()
            holder.wait()
        with Store(store_path) as store:
            write_articles(store, [ukraine_article(dt.date(2025, 2, 1), "later", "Russia attacked Odesa in Ukraine")])
        assert c.app.state.ctx.snapshots.refresh()
        assert c.get("/api/overview").json()["articles"] == before + 1
        hits = c.get("/api/search", params={"q": "Odesa"}).json()
        assert hits["total"] == 1


def test_polling_picks_up_new_articles(store_path, tmp_path):
    app = create_app(store_path, state_path=tmp_path / "s.json", poll=0.2, workdir=tmp_path / "w")
    with TestClient(app) as c:
        with Store(store_path) as store:
            write_articles(store, [ukraine_article(dt.date(2025, 3, 1), "polled", "Russia attacked Lviv in Ukraine")])
        deadline = time.time() + 10
        while c.get("/api/search", params={"q": "Lviv"}).json()["total"] == 0:
            assert time.time() < deadline, "the new article never appeared"
            time.sleep(0.1)


def test_closing_waits_for_warming_and_a_late_snapshot_starts_none(store_path, tmp_path):
    from detente.serve.context import build_context

    started, release = threading.Event(), threading.Event()
    ran: list[int] = []

    def slow_task(ctx) -> None:
        started.set()
        release.wait(5)
        ran.append(ctx.snapshots.generation)

    ctx = build_context(store_path, state_path=tmp_path / "s.json", workdir=tmp_path / "w", background=[slow_task])
    ctx.warm_behind(ctx.snapshots.generation)
    assert started.wait(5)
    closer = threading.Thread(target=ctx.close)
    closer.start()
    time.sleep(0.2)
    assert closer.is_alive()            # close() waits for the task under way
    release.set()
    closer.join(10)
    assert not closer.is_alive() and len(ran) >= 1
    # A snapshot published while the server closes starts no warming thread.
    before = threading.active_count()
    ctx.warm_behind(ctx.snapshots.generation + 1)
    assert threading.active_count() == before and len(ran) >= 1


def test_concurrent_requests_during_refreshes(store_path, tmp_path):
    """Snapshots are swapped under running requests: none fails."""
    app = create_app(store_path, state_path=tmp_path / "s.json", poll=0, workdir=tmp_path / "w")
    errors: list[str] = []
    with TestClient(app) as c:
        def reader() -> None:
            for _ in range(15):
                for url in ("/api/overview", "/api/events?actor=RUS&limit=5", "/search?q=Russia"):
                    r = c.get(url)
                    if r.status_code != 200:
                        errors.append(f"{url}: {r.status_code}")

        threads = [threading.Thread(target=reader) for _ in range(4)]
        for t in threads:
            t.start()
        for i in range(3):
            with Store(store_path) as store:
                write_articles(store, [ukraine_article(dt.date(2025, 4, 1 + i), f"swap-{i}")])
            c.app.state.ctx.snapshots.refresh()
        for t in threads:
            t.join()
    assert errors == []
    assert list((tmp_path / "w").glob("snapshot-*.duckdb")) == []   # closed with the app


def test_overlapping_marks_nest_and_text_is_escaped():
    from detente.serve.marks import Mark, render_marked

    text = "“A <b> & C,” Ann said.\n\nNext."
    html = str(render_marked(text, [Mark(1, 10, "quote", "q0", "quote by Ann"), Mark(3, 6, "entity", "n0", "x"),
                                    Mark(13, 16, "speaker", "q0", "Ann"), Mark(40, 50, "event", "e0", "out of range")]))
    assert "&lt;b&gt;" in html and "<b>" not in html and "&amp;" in html
    assert html.count('<span class="mark quote') == 3            # cut around the entity inside it
    assert '<span class="mark quote" data-ref="q0" title="quote by Ann" tabindex="0"><span class="mark entity first"' in html
    assert "</p><p>" in html and "e0" not in html                # paragraphs kept; bad spans dropped


def test_fts_query_quotes_user_words():
    from detente.serve.search import SearchError, fts_query

    assert fts_query('talks "Black Sea" sanction*') == '"talks" "Black Sea" "sanction"*'
    assert fts_query("NEAR(a b) OR c") == '"NEAR a" "b" "OR" "c"'   # operators are words
    with pytest.raises(SearchError):
        fts_query('" * "')


def test_serve_command_needs_a_store(tmp_path):
    from click.testing import CliRunner

    from detente.cli import cli

    out = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert out.exit_code == 1 and "no store at" in out.output
    (tmp_path / "not-a-store.duckdb").write_bytes(b"hello")
    out = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "not-a-store.duckdb")])
    assert out.exit_code == 1 and "not a detente store" in out.output
