"""Latency and load of `detente serve`, on the demo store and on a 10,000-article store.

    .venv/bin/python bench/serve.py [--demo detente-demo.duckdb] [--big /tmp/detente-10k.duckdb]
                                    [--copies 160] [--repeat 20] [--clients 50] [--seconds 30]

1. The 10,000-article store is made from the demo store (the sample corpus through the
   whole pipeline) by copying every article with all its rows (entities, quotes, figures,
   events) `--copies` times, each copy varied: dates moved by 9 days a copy, headlines and
   texts given another wording of their first word, sources rotated. Built once, reused.
2. How the server reads a store that `detente ingest` may be writing: the cost of opening
   the file read-only for each request against a cursor on the server's snapshot, and
   what a new snapshot (copy + search index) costs.
3. For each store, the server runs as `detente serve` in its own process; each page and
   API call is requested `--repeat` times in a row after a first (cold) request: median and
   95th percentile, in milliseconds.
4. On the big store, `--clients` clients on loopback, each in a loop bounded by
   `--seconds`, request a random page or API call from a mix (random articles from all
   over the store, searches, actors, dyads), pausing a random 0.5-1.5 x `--think` seconds
   after each answer as a reader does (then again with no pause at all, the server's
   capacity): requests, errors, and the median and 95th percentile of pages and of API
   calls (target: no error, pages under 200 ms).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import duckdb
import psutil

ROOT = Path(__file__).resolve().parents[1]
DETENTE = [sys.executable, "-m", "detente.cli"]
WORDING = ["Update:", "Analysis:", "Report:", "Briefing:", "Explainer:", "Live:", "Exclusive:", "Recap:"]
SEARCHES = ["sanctions", "prisoner swap", "ceasefire talks", "NATO summit", "Lavrov", "grain deal", "oil price cap",
            "\"Black Sea\"", "embassy", "Zelensky Washington", "frozen assets", "troops border", "Istanbul",
            "Putin Trump call", "nuclear treaty", "drone strikes", "Finland", "Riyadh", "aid package", "Kremlin said"]


# -- 1. the big store ------------------------------------------------------------------------

def grow_store(src: Path, dst: Path, copies: int) -> None:
    """`dst` = `src` plus `copies` - 1 varied copies of each of its articles and their rows."""
    shutil.copyfile(src, dst)
    con = duckdb.connect(str(dst))
    n = int(copies)
    con.execute("BEGIN")
    for table in ("documents", "articles", "entities", "quotes", "figures", "events"):
        con.execute(f"CREATE TEMP TABLE orig_{table} AS SELECT * FROM {table}")
    wording = "['" + "', '".join(WORDING) + "']"
    sources = "(SELECT list(DISTINCT source ORDER BY source) FROM orig_articles WHERE source IS NOT NULL)"
    # A copy's keys: the document key, which starts every article, event and row key, gets '-v<i>'.
    key = "regexp_replace(article_key, '^([^:]+)', '\\1-v' || i)"
    con.execute(f"""INSERT INTO documents SELECT doc_key || '-v' || i, doc_id || '-v' || i, origin, format,
        {sources}[1 + (i % len({sources}))], url, published + to_days(9 * i), title, n_chars, n_articles, ingested_at
        FROM orig_documents, range(1, {n}) t(i)""")
    con.execute(f"""INSERT INTO articles SELECT {key}, doc_key || '-v' || i, article_id || '-v' || i, position, origin,
        {sources}[1 + (i % len({sources}))], url || '?v=' || i, published + to_days(9 * i),
        {wording}[1 + (i % {len(WORDING)})] || ' ' || headline, dek, credits,
        {wording}[1 + (i % {len(WORDING)})] || ' ' || text
        FROM orig_articles, range(1, {n}) t(i)""")
    # Offsets index the text, which now starts with one more word: move them along.
    shift = f"(length({wording}[1 + (i % {len(WORDING)})]) + 1)"
    con.execute(f"""INSERT INTO entities SELECT {key}, idx, start_char + {shift}, end_char + {shift}, text, label,
        actor_id, actor_name, country, sector, org FROM orig_entities, range(1, {n}) t(i)""")
    con.execute(f"""INSERT INTO quotes SELECT {key}, idx, start_char + {shift}, end_char + {shift}, text, kind,
        speaker_start + {shift}, speaker_end + {shift}, speaker_text, actor_id, actor_name, country, sector, org,
        cue_start + {shift}, cue_end + {shift}, cue_text FROM orig_quotes, range(1, {n}) t(i)""")
    con.execute(f"""INSERT INTO figures SELECT {key}, idx, start_char + {shift}, end_char + {shift}, text, value,
        unit, kind, about FROM orig_figures, range(1, {n}) t(i)""")
    columns = [r[0] for r in con.execute("DESCRIBE orig_events").fetchall()]
    moved = {"row_id": key.replace("article_key", "row_id"), "event_key": key.replace("article_key", "event_key"),
             "article_key": key, "date": "date + CAST(9 * i AS INTEGER)", "published": "published + to_days(9 * i)",
             "sentence_start": f"sentence_start + {shift}", "sentence_end": f"sentence_end + {shift}",
             "trigger_start": f"trigger_start + {shift}", "trigger_end": f"trigger_end + {shift}"}
    select = ", ".join(moved.get(c, c) for c in columns)
    con.execute(f"INSERT INTO events SELECT {select} FROM orig_events, range(1, {n}) t(i)")
    con.execute("COMMIT")
    con.execute("CHECKPOINT")
    con.close()


# -- 2. reading strategies -------------------------------------------------------------------

def reading_costs(store: Path, rounds: int = 30) -> dict:
    """Open-per-request against a cursor on an open snapshot, and a new snapshot's cost."""
    from detente.serve.context import build_context

    query = "SELECT count(*) FROM articles WHERE published >= DATE '2024-01-01'"
    per_open = []
    for _ in range(rounds):
        t = time.perf_counter()
        con = duckdb.connect(str(store), read_only=True)
        con.execute(query).fetchall()
        con.close()
        per_open.append(time.perf_counter() - t)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        ctx = build_context(store, state_path=Path(tmp) / "s.json", workdir=Path(tmp) / "w")
        first = time.perf_counter() - t
        cursor = []
        for _ in range(rounds):
            t = time.perf_counter()
            with ctx.store() as view:
                view.con.execute(query).fetchall()
            cursor.append(time.perf_counter() - t)
        # A new snapshot after a small change: the copy, and the index adding one article.
        con = duckdb.connect(str(store))
        con.execute("INSERT INTO meta VALUES ('bench_touched', current_timestamp::VARCHAR) "
                    "ON CONFLICT DO UPDATE SET value = excluded.value")
        con.close()
        t = time.perf_counter()
        ctx.snapshots.refresh()
        again = time.perf_counter() - t
        ctx.close()
    return {"open_per_request_ms": 1000 * statistics.median(per_open),
            "snapshot_cursor_ms": 1000 * statistics.median(cursor),
            "first_snapshot_and_index_s": first, "refresh_s": again,
            "store_mb": store.stat().st_size / 1e6}


def chart_costs(store: Path, rounds: int = 5) -> dict:
    """The USA-RUS chart drawn by matplotlib (`detente dyad --plot`) and by pygal (the
    server's), in this process, one after the other: CPU seconds, median of `rounds`."""
    from detente.analysis.dyads import dyad_series
    from detente.analysis.plot import plot_dyad
    from detente.analysis.shifts import dyad_shifts
    from detente.serve.chart import dyad_chart_svg
    from detente.store import Store

    with Store(str(store), read_only=True) as db:
        series, shifts = dyad_series(db, "USA", "RUS", by="month"), dyad_shifts(db, "USA", "RUS", by="month")
    out: dict[str, float] = {"periods": len(series.periods)}
    with tempfile.TemporaryDirectory() as tmp:
        for name, draw in (("matplotlib", lambda: plot_dyad(series, shifts, Path(tmp) / "chart.svg")),
                           ("pygal", lambda: dyad_chart_svg(series, shifts))):
            draw()      # imports and font caches are paid once, not per chart
            times = []
            for _ in range(rounds):
                t = time.process_time()
                draw()
                times.append(time.process_time() - t)
            out[name] = statistics.median(times)
    return out


# What an actor's page asked of the store before the snapshot had its reading tables: the
# baseline of `profile_costs`, kept here only to be measured against.
PROFILE_BEFORE = ("""
    SELECT e.actor_name, e.country, e.sector, e.org, min(a.published), max(a.published), count(*)
    FROM entities e JOIN articles a USING (article_key) WHERE e.{column} = ? GROUP BY ALL""", """
    SELECT count(DISTINCT event_key) FROM events
    WHERE source_country = $a OR target_country = $a OR source_id = $a OR target_id = $a""", """
    WITH sides AS (
        SELECT event_key, quad_class, coalesce(goldstein, plover_score) AS tone,
               CASE WHEN source_country = $a OR source_id = $a THEN coalesce(target_country, target_id)
                    ELSE coalesce(source_country, source_id) END AS partner
        FROM events WHERE (source_country = $a OR source_id = $a OR target_country = $a OR target_id = $a))
    SELECT partner, count(DISTINCT event_key), avg(tone) FROM sides
    WHERE partner IS NOT NULL AND partner <> $a GROUP BY partner ORDER BY 2 DESC LIMIT 10""")


def profile_costs(store: Path, actors: tuple[str, ...] = ("RUS", "USA", "UKR", "sergey-lavrov")) -> dict:
    """An actor's profile read the old way (from events and entities) and from the snapshot's
    reading tables, on the same snapshot in this process: CPU ms per profile, median of 5."""
    from detente.serve import reads
    from detente.serve.snapshot import Snapshots

    with tempfile.TemporaryDirectory() as tmp:
        snaps = Snapshots(store, workdir=tmp)
        snaps.refresh()
        with snaps.view() as view:
            reads.actor_profile(view, "USA")      # the country-name table loads once, not per profile

            def before(actor: str) -> None:
                column = "country" if reads.is_country(actor) else "actor_id"
                view.con.execute(PROFILE_BEFORE[0].format(column=column), [actor]).fetchall()
                for sql in PROFILE_BEFORE[1:]:
                    view.con.execute(sql, {"a": actor}).fetchall()

            out = {}
            for name, read in (("before", before), ("after", lambda a: reads.actor_profile(view, a))):
                times = []
                for _ in range(5):
                    t = time.process_time()
                    for actor in actors:
                        read(actor)
                    times.append((time.process_time() - t) / len(actors))
                out[name] = statistics.median(times)
        snaps.close()
    return out


# -- 3, 4. the server ------------------------------------------------------------------------

class Server:
    def __init__(self, store: Path, state: Path, workers: int = 1) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        t = time.perf_counter()
        self.proc = subprocess.Popen([*DETENTE, "serve", "--db", str(store), "--port", str(self.port),
                                      "--state", str(state), "--workers", str(workers)],
                                     stderr=subprocess.DEVNULL)
        self.workers = workers
        while True:
            try:
                self.get("/api/places")
                break
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError("detente serve stopped")
                time.sleep(0.1)
        # A worker accepts connections only once its snapshot is built; the first answer may
        # come from one while another still builds: wait until the server's CPU goes quiet.
        while workers > 1:
            before = _cpu(self)
            time.sleep(1.0)
            if _cpu(self) - before < 0.1:
                break
        self.startup = time.perf_counter() - t

    def get(self, path: str, conn: http.client.HTTPConnection | None = None) -> tuple[int, float, bytes]:
        own = conn is None
        conn = conn or http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        t = time.perf_counter()
        conn.request("GET", path, headers={"accept": "text/html"})
        r = conn.getresponse()
        body = r.read()
        took = time.perf_counter() - t
        if own:
            conn.close()
        return r.status, took, body

    def post(self, path: str, form: dict) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.request("POST", path, body=urllib.parse.urlencode(form),
                     headers={"content-type": "application/x-www-form-urlencoded"})
        conn.getresponse().read()
        conn.close()

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=20)


def _json(server: Server, path: str) -> dict:
    status, _, body = server.get(path)
    assert status == 200, (path, status, body[:300])
    return json.loads(body)


def targets(server: Server) -> tuple[list[tuple[str, str]], dict[str, list[str]]]:
    """(name, path) of every page and API call measured, and the pools the load mix draws from."""
    total = _json(server, "/api/articles?limit=1")["total"]
    rng = random.Random(7)
    # Articles from all over the store (a thousand at most), so most are not cached.
    articles = [i["article_key"] for off in sorted(rng.sample(range(0, max(total - 200, 1), 200) or [0],
                                                             min(5, max(total // 200, 1))))
                for i in _json(server, f"/api/articles?limit=200&offset={off}")["items"]]
    actors = [i["id"] for i in _json(server, "/api/actors?limit=40")["items"]]
    key = urllib.parse.quote(articles[0], safe="")
    fixed = [
        ("page /", "/"), ("page /search", "/search?q=sanctions"),
        ("page /search filtered", "/search?q=talks&actor=RUS&type=CONSULT&since=2023-01-01"),
        ("page /article", f"/article/{key}"), ("page /actor (country)", "/actor/RUS"),
        ("page /actor (person)", f"/actor/{actors[2]}"), ("page /dyad", "/dyad/USA/RUS"),
        ("page /dyad chart.svg", "/dyad/USA/RUS/chart.svg"), ("page /places", "/places"),
        ("api /api/overview", "/api/overview"), ("api /api/search", "/api/search?q=prisoner%20swap"),
        ("api /api/articles", "/api/articles?limit=50"), ("api /api/articles/{key}", f"/api/articles/{key}"),
        ("api /api/events", "/api/events?actor=RUS&limit=50"), ("api /api/quotes", "/api/quotes?actor=USA&limit=50"),
        ("api /api/actors", "/api/actors?limit=50"), ("api /api/actors/{id}", "/api/actors/RUS"),
        ("api /api/dyads/USA/RUS", "/api/dyads/USA/RUS"), ("api /api/shifts", "/api/shifts?a=USA&b=RUS"),
        ("api /api/digest", "/api/digest?places=UKR,RUS"),
    ]
    return fixed, {"articles": articles, "actors": actors}


def _cpu(server: Server) -> float:
    """CPU seconds of the server: its process and, with --workers, every worker process."""
    total = 0.0
    parent = psutil.Process(server.proc.pid)
    for proc in [parent, *parent.children(recursive=True)]:
        try:
            t = proc.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += t.user + t.system
    return total


def latencies(server: Server, fixed: list[tuple[str, str]], repeat: int) -> list[tuple]:
    """Per request: status, first (cold) latency, median and p95 of the repeats, and the
    server's own CPU time per repeat (what a busy machine cannot distort)."""
    rows = []
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
    for name, path in fixed:
        status, cold, _ = server.get(path, conn)
        times = []
        cpu = _cpu(server)
        for _ in range(repeat):
            status, took, _ = server.get(path, conn)
            times.append(took)
        cpu = (_cpu(server) - cpu) / repeat
        times.sort()
        rows.append((name, status, 1000 * cold, 1000 * statistics.median(times),
                     1000 * times[min(len(times) - 1, int(0.95 * len(times)))], 1000 * cpu))
    conn.close()
    return rows


def random_request(rng: random.Random, pools: dict[str, list[str]]) -> tuple[str, str]:
    """A page or an API call, with the variety of real use (uncached articles, searches)."""
    article = urllib.parse.quote(rng.choice(pools["articles"]), safe="")
    actor = urllib.parse.quote(rng.choice(pools["actors"]), safe="")
    q = urllib.parse.quote(rng.choice(SEARCHES))
    page = rng.random() < 0.7
    if page:
        return "page", rng.choice([
            "/", f"/search?q={q}", f"/search?q={q}&offset=20", f"/article/{article}", f"/article/{article}",
            f"/actor/{actor}", "/dyad/USA/RUS", "/dyad/RUS/UKR", "/places", f"/search?actor={actor}"])
    return "api", rng.choice([
        f"/api/search?q={q}", f"/api/articles/{article}", f"/api/events?actor={actor}&limit=20",
        f"/api/quotes?actor={actor}&limit=20", "/api/overview", f"/api/actors/{actor}", "/api/dyads/USA/RUS"])


def load(server: Server, pools: dict[str, list[str]], clients: int, seconds: float, think: float) -> dict:
    results: dict[str, list[float]] = {"page": [], "api": []}
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client(n: int) -> None:
        rng = random.Random(n)
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        mine: dict[str, list[float]] = {"page": [], "api": []}
        while time.perf_counter() < stop_at:       # the loop is bounded by the clock
            kind, path = random_request(rng, pools)
            try:
                status, took, _ = server.get(path, conn)
            except (OSError, http.client.HTTPException) as exc:
                with lock:
                    errors.append(f"{path}: {exc}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
                continue
            if status != 200:
                with lock:
                    errors.append(f"{path}: HTTP {status}")
            mine[kind].append(took)
            if think:
                time.sleep(rng.uniform(0.5 * think, 1.5 * think))   # a reader looks at the page
        conn.close()
        with lock:
            for k, v in mine.items():
                results[k].extend(v)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t
    out = {"requests": sum(len(v) for v in results.values()) + len(errors), "errors": len(errors),
           "error_examples": errors[:5], "seconds": wall}
    for kind, times in results.items():
        times.sort()
        if times:
            out[kind] = {"n": len(times), "median_ms": 1000 * statistics.median(times),
                         "p95_ms": 1000 * times[int(0.95 * (len(times) - 1))]}
    return out


def report_store(label: str, store: Path, args: argparse.Namespace, with_load: bool, workers: int = 1) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        server = Server(store, Path(tmp) / "places.json", workers)
        try:
            server.post("/places/follow", {"place": "UKR"})
            server.post("/places/follow", {"place": "RUS"})
            fixed, pools = targets(server)
            overview = _json(server, "/api/overview")
            print(f"\n### {label}, {workers} worker process(es): {overview['articles']} articles, {overview['events']} events, "
                  f"{overview['quotes']} quotes ({store.stat().st_size / 1e6:.0f} MB); server ready in "
                  f"{server.startup:.1f} s\n")
            print("| request | status | first (ms) | median (ms) | p95 (ms) | server CPU (ms) |\n"
                  "| --- | --- | --- | --- | --- | --- |")
            for name, status, cold, median, p95, cpu in latencies(server, fixed, args.repeat):
                print(f"| {name} | {status} | {cold:.0f} | {median:.1f} | {p95:.1f} | {cpu:.1f} |")
            for think in (args.think if with_load else []):
                load_before = os.getloadavg()[0]
                cpu = _cpu(server)
                result = load(server, pools, args.clients, args.seconds, think)
                result["cpu_ms"] = 1000 * (_cpu(server) - cpu) / max(result["requests"], 1)
                rate = result["requests"] / result["seconds"]
                pause = f"pausing {0.5 * think:g}-{1.5 * think:g} s after each answer" if think else "no pause"
                print(f"\n{args.clients} clients ({pause}) for {result['seconds']:.0f} s: {result['requests']} "
                      f"requests ({rate:.0f}/s), {result['errors']} errors; server CPU {result['cpu_ms']:.1f} ms "
                      f"a request; load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, "
                      f"on {os.cpu_count()} cores")
                for kind in ("page", "api"):
                    if kind in result:
                        r = result[kind]
                        print(f"- {kind}s: {r['n']} requests, median {r['median_ms']:.0f} ms, p95 {r['p95_ms']:.0f} ms")
                if result["errors"]:
                    print("  errors: " + "; ".join(result["error_examples"]))
        finally:
            server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--demo", type=Path, default=ROOT / "detente-demo.duckdb")
    parser.add_argument("--big", type=Path, default=Path(tempfile.gettempdir()) / "detente-serve-10k.duckdb")
    parser.add_argument("--copies", type=int, default=160)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--think", type=float, nargs="+", default=[1.0, 0.0],
                        help="mean pause of a client after each answer, one load run per value (0: none)")
    parser.add_argument("--no-demo", action="store_true", help="measure the big store only")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2],
                        help="server worker processes (detente serve --workers), one big-store run per value")
    parser.add_argument("--no-costs", action="store_true", help="skip the reading-strategy costs (section 2)")
    args = parser.parse_args()
    if not args.demo.exists():
        print(f"building the demo store {args.demo} ...", file=sys.stderr)
        subprocess.run([*DETENTE, "demo", "--db", str(args.demo), "--no-progress"], check=True,
                       stdout=subprocess.DEVNULL)
    if not args.big.exists():
        t = time.perf_counter()
        grow_store(args.demo, args.big, args.copies)
        print(f"built {args.big} from {args.demo} x {args.copies} in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    if not args.no_costs:
        report_costs(args.big)
    if not args.no_demo:
        report_store("demo store", args.demo, args, with_load=False)
    for workers in args.workers:
        report_store("10,000-article store", args.big, args, with_load=True, workers=workers)


def report_costs(big: Path) -> None:
    charts = chart_costs(big)
    print(f"### The dyad chart (USA-RUS, {charts['periods']:.0f} months; CPU, median of 5, same process)\n")
    print(f"- matplotlib: {1000 * charts['matplotlib']:.0f} ms; pygal: {1000 * charts['pygal']:.0f} ms "
          f"({charts['matplotlib'] / charts['pygal']:.1f}x less)\n")
    profiles = profile_costs(big)
    print("### An actor's profile (RUS, USA, UKR, sergey-lavrov; CPU per profile, median of 5, same snapshot)\n")
    print(f"- from events and entities: {1000 * profiles['before']:.1f} ms; from the snapshot's reading tables: "
          f"{1000 * profiles['after']:.1f} ms ({profiles['before'] / profiles['after']:.1f}x less)\n")
    costs = reading_costs(big)
    print("### Reading a store that an ingest may be writing (10,000-article store)\n")
    print(f"- open read-only per request + one query + close: {costs['open_per_request_ms']:.1f} ms (median)")
    print(f"- the same query on a cursor of the server's snapshot: {costs['snapshot_cursor_ms']:.2f} ms (median)")
    print(f"- first snapshot (copy of {costs['store_mb']:.0f} MB) and full search index: "
          f"{costs['first_snapshot_and_index_s']:.1f} s; a new snapshot after a change: {costs['refresh_s']:.2f} s")


if __name__ == "__main__":
    main()
