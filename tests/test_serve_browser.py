"""The pages in a real browser: Playwright driving Debian's chromium against `detente serve`
running as its own process over a store of the sample corpus (and the seed page, when
../shared is present), while `detente ingest` writes into the same store.

Without chromium these tests skip, saying how to install it; under CI (CI=true) a missing
browser is a failure, since `.ci/run` installs it. (The README's screenshots are taken
over the sample corpus alone by scripts/serve_screenshots.py.)
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import SEED

CHROMIUM = os.environ.get("DETENTE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
DETENTE = [sys.executable, "-m", "detente.cli"]
NEW_PAGE = """Kyiv Courier 2025-09-01 08:30:00

Missiles Strike Kyiv as Ukraine Braces for Winter

Russia launched a missile attack on Kyiv, Ukraine, on Sunday, killing five people, Ukrainian officials said.

“We will rebuild every home,” President Volodymyr Zelensky said in a video address on Sunday evening.
"""


def _browser_or_skip() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    message = ("no chromium browser: install it with `apt-get install chromium` (Debian/Ubuntu), "
               "or point DETENTE_CHROMIUM at a Chromium binary")
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (.ci/run installs it under CI)")
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ingest(paths: list[str], db: Path) -> None:
    subprocess.run([*DETENTE, "ingest", *paths, "--db", str(db), "--no-progress"], check=True,
                   capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    executable = _browser_or_skip()
    playwright = pytest.importorskip("playwright.sync_api")
    from detente.cli import sample_corpus_paths

    tmp = tmp_path_factory.mktemp("browser")
    db = tmp / "browse.duckdb"
    _ingest([str(p) for p in sample_corpus_paths()] + ([str(SEED)] if SEED.exists() else []), db)
    port = _free_port()
    proc = subprocess.Popen([*DETENTE, "serve", "--db", str(db), "--port", str(port), "--state", str(tmp / "state.json"),
                             "--poll", "0.3"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while True:
        try:
            urllib.request.urlopen(base + "/api/overview", timeout=5).read()
            break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                pytest.fail(f"detente serve did not start: {proc.stdout.read()}")
            time.sleep(0.3)
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield {"base": base, "db": db, "tmp": tmp, "browser": browser}
        browser.close()
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture()
def page(server):
    context = server["browser"].new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requests = []
    page.errors = []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def api(server, path: str) -> dict:
    with urllib.request.urlopen(server["base"] + path, timeout=30) as r:
        return json.loads(r.read())


def seed_article(server) -> dict:
    if not SEED.exists():
        pytest.skip("../shared/seeds is not present")
    items = api(server, "/api/search?q=%22Head-Spinning%20Shift%22&limit=5")["items"]
    assert items, "the seed article is not found by its headline"
    return items[0]


def test_every_page_loads_from_the_server_alone(server, page):
    base = server["base"]
    key = api(server, "/api/articles?limit=1")["items"][0]["article_key"]
    for name, path, ready in [("home", "/", "h1"), ("search", "/search?q=sanctions", "ol.hits li"),
                              ("article", f"/article/{key}", ".article .text"), ("actor", "/actor/RUS", "h1"),
                              ("dyad", "/dyad/USA/RUS", "figure.chart img"), ("places", "/places", "h1"),
                              ("docs", "/docs", ".swagger-ui .info")]:
        response = page.goto(base + path)
        assert response.status == 200, path
        page.wait_for_selector(ready, timeout=15000)
    assert page.errors == []
    outside = [u for u in page.requests if not u.startswith(base) and not u.startswith("data:")]
    assert outside == [], "fetched from outside the server"


def test_search_finds_the_seed_article(server, page):
    seed = seed_article(server)
    page.goto(server["base"] + "/search")
    page.fill("form.filters input[name=q]", "partnership head-spinning relations")
    page.click("form.filters button[type=submit]")
    first = page.locator("ol.hits li").first
    assert "Head-Spinning" in first.locator("a.headline").inner_text()
    assert first.locator("mark").count() >= 2
    first.locator("a.headline").click()
    assert page.url.endswith(seed["article_key"].replace(":", "%3A")) or seed["article_key"] in page.url


def test_article_page_marks_the_seeds_quotes_and_events(server, page):
    seed = seed_article(server)
    data = api(server, f"/api/articles/{seed['article_key']}")
    page.goto(f"{server['base']}/article/{seed['article_key']}")
    quotes = page.locator(".text .mark.quote.first")
    events = page.locator(".text .mark.event.first")
    assert quotes.count() == len(data["quotes"]) > 0
    assert events.count() == sum(1 for e in data["events"] if e["trigger"]) > 0
    # Clicking a mark shows what it resolved to.
    speaker = next(q for q in data["quotes"] if q["speaker"] and q["speaker"]["actor"])
    events.first.click()
    assert data["events"][0]["type"] in page.inner_text("#detail")
    page.locator(".text .mark.speaker").first.click()
    assert "speaker" in page.inner_text("#detail")
    assert speaker["speaker"]["actor"]["name"] in page.inner_text("ol.details")
    assert page.locator(".text .mark.event").first.get_attribute("title").count(";") >= 1   # hover text


def test_dyad_page_shows_the_usa_rus_chart_with_its_shifts(server, page):
    shifts = api(server, "/api/shifts?a=USA&b=RUS&by=month")["shifts"]
    page.goto(server["base"] + "/dyad/USA/RUS")
    img = page.locator("figure.chart img")
    img.wait_for()
    page.wait_for_function("document.querySelector('figure.chart img').naturalWidth > 0", timeout=30000)
    assert page.locator(".shift-detail").count() == len(shifts) > 0
    first = page.locator(".shift-detail").first
    assert re.search(r"mean Goldstein [-+]\d\.\d → [-+]\d\.\d", first.locator("h3").inner_text())
    assert first.locator("a.more").count() > 0           # drivers link to their articles


def test_actor_and_home_pages(server, page):
    page.goto(server["base"] + "/")
    assert page.locator("ul.shifts li").count() > 0 and page.locator("ul.articles li").count() == 10
    page.goto(server["base"] + "/actor/RUS")
    assert page.locator("text=Main partners").count() == 1
    assert page.locator("table.events tr").count() > 5
    page.goto(server["base"] + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)


def test_a_followed_place_shows_new_items_after_an_ingest(server, page):
    base = server["base"]
    page.goto(base + "/places")
    page.fill("input[name=place]", "UKR")
    page.click("form[action='/places/follow'] button")
    page.wait_for_selector("#place-UKR")
    assert page.locator("#place-UKR table.events tr").count() > 1      # the last month of the store
    page.click("form[action='/places/read'] button")
    page.wait_for_selector("#place-UKR .nothing")
    new = server["tmp"] / "new-page.txt"
    new.write_text(NEW_PAGE, encoding="utf-8")
    _ingest([str(new)], server["db"])      # while the server runs, into the same file
    deadline = time.time() + 30
    while True:
        page.goto(base + "/places")
        if page.locator("#place-UKR .nothing").count() == 0:
            break
        assert time.time() < deadline, "the new article never showed in Your Places"
        time.sleep(0.5)
    section = page.inner_text("#place-UKR")
    assert "Missile" in section or "missile" in section
    # Kept across a restart: the state file holds it.
    state = json.loads((server["tmp"] / "state.json").read_text())
    assert any(entry["places"] == ["UKR"] for entry in state["stores"].values())
