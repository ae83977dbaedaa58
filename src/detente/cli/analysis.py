"""The `import`, `dyad` and `shifts` commands: thin click layers over the analysis API.

The main CLI registers them with `cli.add_command(import_command)` etc.; each opens the
store, calls one function of `detente.analysis`, and prints a rich table or, with
`--json`, one JSON document.
"""

from __future__ import annotations

import datetime as dt
import json

import click
import duckdb
from rich.console import Console
from rich.table import Table

from detente.analysis.dyads import PERIODS, AnalysisError, DyadSeries, dyad_series
from detente.datasets.imports import FORMATS, EventImportError, import_events
from detente.analysis.shifts import Shift, dyad_shifts, top_shifts
from detente.cli.options import db_option, json_option, open_store, parse_date



def events_option(f):
    return click.option("--events", "events_dir", type=click.Path(exists=True, file_okay=False),
                        help="Read the events from this folder of Parquet files (hive-partitioned by year "
                             "or month, as `detente export` writes them), in place, instead of --db.")(f)


def _open_events(db_path: str, events_dir: str | None):
    """The store to analyse: the --db file, or the Parquet folder given with --events."""
    if events_dir:
        from detente.analysis.events_source import EventsFolderError, open_events_folder

        try:
            return open_events_folder(events_dir)
        except (EventsFolderError, duckdb.Error) as exc:
            raise click.ClickException(str(exc)) from exc
    return open_store(db_path, read_only=True)


def _echo_json(document: dict) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="The file's format: gdelt (GDELT 2.0 events, 61 columns, no header), "
                   "icews (ICEWS .tab with header) or polecat (POLECAT .txt with header).")
@db_option
@json_option
def import_command(file: str, fmt: str, db_path: str, as_json: bool) -> None:
    """Load an existing event dataset FILE into the store, next to detente's own events.

    Rows are mapped onto one schema (PLOVER type, CAMEO code, quad class, Goldstein,
    source/target country and sector, date, place) and keep the name of their dataset.
    Importing the same file again adds nothing.

        detente import events.2018.tab --format icews --db relations.duckdb
    """
    with open_store(db_path, read_only=False) as store:
        try:
            report = import_events(store, file, fmt)
        except EventImportError as exc:
            raise click.ClickException(str(exc)) from exc
    if as_json:
        _echo_json(report.to_dict())
        return
    Console(stderr=True).print(
        f"[bold]{report.rows_added}[/] {fmt} events added to {db_path} from {report.rows_read} rows; "
        f"{report.rows_present} already there" + (f"; {report.rows_undated} without a date" if report.rows_undated else "")
    )


def _clip(text: str, limit: int) -> str:
    """A sentence on one line (reports keep their paragraph breaks), cut at `limit`."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _fmt(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{value:+.{digits}f}"


def _print_dyad(series: DyadSeries) -> None:
    a, b = series.dyad
    table = Table(title=f"{a} {'->' if series.directed else '-'} {b} by {series.by}", title_justify="left")
    # Quad classes 1-4: verbal/material cooperation, verbal/material conflict.
    for name in ("period", "events", "vc", "mc", "vx", "mx", "goldstein", "coop", "top event"):
        last = name == "top event"
        table.add_column(name, justify="left" if last or name == "period" else "right",
                         no_wrap=not last, overflow="fold", ratio=1 if last else None)
    for p in series.periods:
        top = p.top[0] if p.top else None
        what = ""
        if top:
            what = f"{top.source or '?'} {top.type or top.cameo or '?'} {top.target or '?'}"
            if top.sentence:
                what += f": {_clip(top.sentence, 160)}"
        table.add_row(p.start.isoformat(), str(p.events), *(str(p.quad[q]) for q in "1234"),
                      _fmt(p.goldstein), f"{p.cooperation:.0%}" if p.cooperation is not None else "", what)
    Console().print(table)
    Console().print("vc/mc: verbal/material cooperation, vx/mx: verbal/material conflict; "
                    "goldstein: mean per event (-10 conflict .. +10 cooperation)", style="dim")


@click.command("dyad")
@click.argument("a")
@click.argument("b")
@click.option("--from", "start", callback=parse_date, help="First day (YYYY-MM-DD).")
@click.option("--to", "end", callback=parse_date, help="Last day (YYYY-MM-DD).")
@click.option("--by", type=click.Choice(PERIODS), default="week", show_default=True, help="Period length.")
@click.option("--directed", is_flag=True, help="Only events from A to B (default: both directions).")
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False),
              help="Also draw the series, with its shifts marked, to this .png or .svg file.")
@db_option
@events_option
@json_option
def dyad_command(a: str, b: str, start: dt.date | None, end: dt.date | None, by: str, directed: bool,
                 plot_path: str | None, db_path: str, events_dir: str | None, as_json: bool) -> None:
    """The relation between actors A and B over time: events per period by quad class,
    mean Goldstein score, share of cooperation, and the top events with their sentences.

    A and B are ISO3 country codes (every actor of the country counts) or actor ids.
    Periods without events are left out. Reports of the same event are counted once.

        detente dyad USA RUS --from 2024-01-01 --by month --plot usa-rus.png
    """
    with _open_events(db_path, events_dir) as store:
        try:
            series = dyad_series(store, a, b, start, end, by=by, directed=directed)
            if plot_path:
                from detente.analysis.plot import plot_dyad

                shifts = dyad_shifts(store, a, b, by=by, directed=directed, start=start, end=end)
                plot_dyad(series, shifts, plot_path)
        except AnalysisError as exc:
            raise click.ClickException(str(exc)) from exc
    if as_json:
        _echo_json(series.to_dict())
        return
    if not series.periods:
        Console(stderr=True).print(f"no events between {a} and {b} in that time")
    else:
        _print_dyad(series)
    if plot_path:
        Console(stderr=True).print(f"chart written to {plot_path}")


def _print_shifts(shifts: list[Shift], title: str) -> None:
    table = Table(title=title, title_justify="left")
    for name in ("dyad", "date", "before", "after", "magnitude", "driving events"):
        last = name == "driving events"
        table.add_column(name, justify="right" if name in ("before", "after", "magnitude") else "left",
                         no_wrap=not last, overflow="fold", ratio=1 if last else None)
    for s in shifts:
        drivers = "\n".join(
            f"{e.date} {e.source or '?'} {e.type or e.cameo or '?'} {e.target or '?'}"
            + (f": {_clip(e.sentence, 140)}" if e.sentence else "") for e in s.events[:3])
        table.add_row(" - ".join(s.dyad), s.date.isoformat(), _fmt(s.before), _fmt(s.after),
                      _fmt(s.magnitude, 1), drivers)
    Console().print(table)


@click.command("shifts")
@click.option("--dyad", nargs=2, metavar="A B", help="The shifts of one dyad (ISO3 codes or actor ids).")
@click.option("--top", "top_n", type=click.IntRange(min=1), help="The N biggest shifts across all country dyads.")
@click.option("--since", callback=parse_date, help="Only shifts on or after this day (YYYY-MM-DD).")
@click.option("--by", type=click.Choice(["auto", *PERIODS]), default="auto", show_default=True,
              help="Period length of the series searched: auto takes weeks for a dyad with about three "
                   "events in an active week or more, else months (and months for --top).")
@db_option
@events_option
@json_option
def shifts_command(dyad: tuple[str, str] | None, top_n: int | None, since: dt.date | None, by: str,
                   db_path: str, events_dir: str | None, as_json: bool) -> None:
    """Detected shifts in relations: where a dyad's cooperation-conflict level changed,
    with the level before and after (Goldstein scale), the magnitude in standard units,
    and the events that drove it.

    Quiet periods count as missing, not as neutral, and a burst of coverage of one story
    is not a shift. Without --dyad, ranks the biggest shifts across all country dyads
    (--top, 10 by default).

        detente shifts --dyad USA RUS --since 2024-06-01

        detente shifts --top 5 --json
    """
    if dyad and top_n:
        raise click.UsageError("give either --dyad A B or --top N, not both")
    with _open_events(db_path, events_dir) as store:
        try:
            if dyad:
                found = dyad_shifts(store, dyad[0], dyad[1], by=by, since=since)
            else:
                found = top_shifts(store, top_n or 10, since, by=by)
        except AnalysisError as exc:
            raise click.ClickException(str(exc)) from exc
    if as_json:
        _echo_json({"shifts": [s.to_dict() for s in found]})
        return
    if not found:
        Console(stderr=True).print("no shifts found" + (f" between {dyad[0]} and {dyad[1]}" if dyad else ""))
        return
    _print_shifts(found, f"Shifts {' - '.join(dyad)}" if dyad else "Biggest shifts across all dyads")
