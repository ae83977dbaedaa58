"""The `serve` and `digest` commands: thin click layers, registered by the main CLI with
`cli.add_command(serve_command)` and `cli.add_command(digest_command)`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from detente.cli.options import NO_STORE, db_option, open_store, parse_date


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. The default answers this machine only; 0.0.0.0 opens it to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--state", "state_path", type=click.Path(dir_okay=False),
              help="Where the places you follow are kept (default: $XDG_STATE_HOME/detente/places.json).")
@click.option("--poll", default=1.0, show_default=True, type=click.FloatRange(0.1, 3600),
              help="Seconds between checks for new data in the store (e.g. from a running `detente ingest`).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 32),
              help="Server processes. Each keeps its own snapshot of the store (memory and start-up time "
                   "grow with it); 2 uses both cores of a small machine.")
@click.option("--allow-upload", is_flag=True,
              help="Allow POST /api/documents: documents sent to the server are ingested into the store, as "
                   "`detente ingest` does. Off by default: otherwise the server never writes the store.")
@click.option("--max-upload", default=5.0, show_default=True, type=click.FloatRange(0.001, 1024),
              help="Largest document accepted with --allow-upload, in MB.")
@click.option("--events", "events_dir", type=click.Path(exists=True, file_okay=False),
              help="A folder of Parquet event files (hive-partitioned, as `detente export` writes or as GDELT "
                   "is kept), shown apart from the store's own events on dyad pages and in the API.")
def serve_command(db_path: str, host: str, port: int, state_path: str | None, poll: float, workers: int,
                  allow_upload: bool, max_upload: float, events_dir: str | None) -> None:
    """Browse a store in a web browser: search, articles with their marks, actors,
    relations over time, Your Places; and the same data as a JSON API under /api/.

    The store is only read, and never kept open: `detente ingest` into the same file
    works while the server runs, and the new articles appear when it ends. With
    --allow-upload, documents can also be posted to the server (POST /api/documents).

        detente serve --db news.duckdb
    """
    from detente.analysis.events_source import EventsFolderError
    from detente.serve.app import run
    from detente.serve.snapshot import SnapshotError

    if not Path(db_path).exists():
        raise click.ClickException(NO_STORE.format(path=db_path))
    try:
        run(db_path, host=host, port=port, state_path=state_path, poll=poll, workers=workers,
            max_upload=int(max_upload * 1024 * 1024) if allow_upload else None, events_dir=events_dir,
            announce=lambda line: click.echo(line, err=True))
    except (SnapshotError, EventsFolderError) as exc:
        raise click.ClickException(str(exc)) from exc



@click.command("digest")
@click.option("--places", required=True,
              help="Comma-separated places: ISO3 country codes (UKR), regions (\"Eastern Europe\") or actor ids.")
@click.option("--since", callback=parse_date, help="Events and quotes from this date on (YYYY-MM-DD); "
              "default: the last 30 days of the store.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "html", "json"]), default="text",
              show_default=True, help="text for a terminal, markdown or html for an e-mail, json for scripts.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000),
              help="Events and quotes listed per place.")
@db_option
def digest_command(places: str, since: dt.date | None, fmt: str, limit: int, db_path: str) -> None:
    """The Your Places digest: events, quotes and shifts in relations of the places you
    follow, for a terminal, a cron job or an e-mail.

        detente digest --places UKR,RUS,ISR --since 2025-02-01 --format markdown
    """
    from detente.analysis.digest import default_since, place_digest, render_text, resolve_places
    from detente.analysis.dyads import AnalysisError

    with open_store(db_path, read_only=True) as store:
        try:
            resolved = resolve_places(store, places.split(","))
            digest = place_digest(store, resolved, since=since or default_since(store), limit=limit)
        except AnalysisError as exc:
            raise click.ClickException(str(exc)) from exc
    if fmt == "json":
        click.echo(json.dumps(digest.to_dict(), ensure_ascii=False, indent=2, default=str))
    elif fmt == "html":
        from detente.serve.pages import env

        click.echo(env.get_template("digest.html").render(digest=digest))
    else:
        click.echo(render_text(digest, markdown=fmt == "markdown"), nl=False)
