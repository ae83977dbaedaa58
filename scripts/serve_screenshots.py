"""Screenshots of every page of `detente serve` for the README, over the sample corpus only.

    .venv/bin/detente demo --db detente-demo.duckdb
    .venv/bin/python scripts/serve_screenshots.py --db detente-demo.duckdb --out docs/screenshots

Starts the server on a free port with a throw-away places file, follows two places in the
browser (Debian's chromium through Playwright), and saves one PNG per page.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="detente-demo.duckdb")
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--article", default="Riyadh", help="a word of the headline of the article shown")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        server = subprocess.Popen([sys.executable, "-m", "detente.cli", "serve", "--db", args.db, "--port", str(port),
                                   "--state", str(Path(tmp) / "places.json")])
        try:
            for _ in range(200):
                try:
                    urllib.request.urlopen(base + "/api/overview", timeout=5)
                    break
                except OSError:
                    time.sleep(0.3)
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(base + "/search?" + urllib.parse.urlencode({"q": args.article}))
                article = page.locator("ol.hits a.headline").first.get_attribute("href")
                shots = [("home", "/"), ("search", "/search?q=prisoner+swap"), ("article", article),
                         ("actor", "/actor/sergey-lavrov"), ("dyad", "/dyad/USA/RUS")]
                for name, path in shots:
                    page.goto(base + path)
                    page.wait_for_load_state("networkidle")
                    if name == "article":   # show what a click on an event reveals
                        page.locator(".text .mark.event").first.click()
                    page.screenshot(path=str(out / f"{name}.png"))
                page.goto(base + "/places")
                for place in ("UKR", "Western Asia"):
                    page.fill("input[name=place]", place)
                    page.click("form[action='/places/follow'] button")
                page.screenshot(path=str(out / "places.png"))
                page.goto(base + "/docs")
                page.wait_for_selector(".swagger-ui .opblock")
                page.screenshot(path=str(out / "docs.png"))
                browser.close()
        finally:
            server.terminate()
            server.wait()
    print(f"screenshots in {out}/")


if __name__ == "__main__":
    main()
