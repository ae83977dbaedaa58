"""The `detente` command: a thin layer over the Python API, one command per job.

The click code lives in this package only: the main group and its core commands here, the
dataset and relation commands in `analysis`, the web commands in `serve`, shared options in
`options` and how a failing command ends in `errors`.
"""

from __future__ import annotations

import json
import sys

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.markup import escape

from detente import __version__
from detente.cli.analysis import dyad_command, import_command, shifts_command
from detente.cli.errors import GuardedGroup, one_line
from detente.cli.options import db_option, json_option, kb_option, language_option, open_store, workers_option
from detente.cli.serve import digest_command, serve_command
from detente.model import Article
from detente.store import Store

if TYPE_CHECKING:  # store.ingest loads spaCy: imported where articles are ingested, not at start
    from detente.store.ingest import IngestReport

INPUT_FORMATS = ["auto", "text", "html", "warc", "jsonl"]


@click.group(cls=GuardedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="detente")
@click.option("--debug", is_flag=True, help="Show the full traceback when a command fails.")
def cli(debug: bool) -> None:
    """detente turns news into event data: clean articles, resolved actors, quotes,
    PLOVER events, figures, and relations between actors over time.

    Start with `detente demo`, which ingests the bundled sample corpus into a fresh
    store and shows what it found.
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--format", "output_format", type=click.Choice(["jsonl"]), default="jsonl",
              show_default=True, help="Output format (JSON Lines, one article per line).")
@click.option("--verbatim", is_flag=True,
              help="No cleaning or splitting: each input is one article with its text unchanged, "
                   "so offsets match gold annotations.")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True,
              help="Force an input format instead of detecting it from content and suffix.")
@kb_option
@language_option
@workers_option
def extract(paths: tuple[str, ...], output_format: str, verbatim: bool, input_format: str,
            kb_paths: tuple[str, ...], language: str | None, workers: int | None) -> None:
    """Extract articles, entities, quotes, events and figures from PATHS as JSON Lines.

    PATHS are files or folders (read recursively); `-` or nothing reads standard input.
    A document that cannot be read gives a line {"doc_id": ..., "error": ...} and the
    run goes on.

        detente extract page.txt > page.jsonl
    """
    from detente.ingest import read
    from detente.model import ReadError
    from detente.parallel import PipelineSpec, extract_parallel

    read_any, failed = False, 0
    out, err = sys.stdout, sys.stderr  # no flush per line: a million bad lines must not cost a million
    note = _language_notes(lambda line: click.echo(line, err=True))
    spec = PipelineSpec(kb_paths=tuple(kb_paths), verbatim=verbatim, language=language)
    for item in extract_parallel(read(list(paths) or ["-"], input_format=input_format), spec, workers=workers):
        if isinstance(item, ReadError):
            failed += 1
            err.write(f"detente: {one_line(item.origin)}: {one_line(item.error)}\n")
        else:
            read_any = True
            note(item)
        out.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
    out.flush()
    err.flush()
    if not read_any:
        # Exit status 1 says nothing was read; the line says why, for whoever reads stderr.
        click.echo("detente: no article was read " + (f"({failed} error(s), see above)" if failed else
                   "(what was read held nothing that reads as an article once page furniture was removed)"),
                   err=True)
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@db_option
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True,
              help="Force an input format instead of detecting it.")
@click.option("--progress/--no-progress", default=True, show_default=True, help="Show a progress bar.")
@kb_option
@language_option
@workers_option
@click.option("--cluster", metavar="ADDRESS",
              help="Run on a Dask cluster: its scheduler's address (tcp://host:8786), or `local` for a "
                   "LocalCluster of --workers processes on this machine. See the README.")
def ingest(paths: tuple[str, ...], db_path: str, input_format: str, progress: bool,
           kb_paths: tuple[str, ...], language: str | None, workers: int | None, cluster: str | None) -> None:
    """Process PATHS and store the results in a DuckDB file.

    Documents already in the store (same content) are skipped, so running it twice
    changes nothing, and an interrupted run continues where it stopped.

        detente ingest news/ --db news.duckdb
    """
    with open_store(db_path) as store:
        report = _ingest(list(paths), store, input_format, progress, tuple(kb_paths), language, workers, cluster)
    _print_ingest_report(report, db_path)
    if report.documents + report.skipped == 0:
        sys.exit(1)  # nothing was read: say so to scripts too


def _ingest(paths: list[str], store: Store, input_format: str, progress: bool,
            kb_paths: tuple[str, ...] = (), language: str | None = None, workers: int | None = None,
            cluster: str | None = None) -> IngestReport:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TimeElapsedColumn

    from detente.ingest import read
    from detente.parallel import PipelineSpec, extract_parallel
    from detente.store.ingest import ingest_documents

    spec = PipelineSpec(kb_paths=kb_paths, language=language)

    def run(on_document, on_article):
        if cluster:
            from detente.cluster import ClusterError, ingest_on_cluster

            try:
                return ingest_on_cluster(paths, store, cluster, spec=spec, input_format=input_format,
                                         workers=workers, on_document=on_document)
            except ClusterError as exc:
                raise click.ClickException(str(exc)) from exc
        memory: dict[str, float] = {}
        report = ingest_documents(
            read(paths, input_format=input_format), store, on_document=on_document, on_article=on_article,
            extractor=lambda docs: extract_parallel(docs, spec, workers=workers, on_memory=memory.__setitem__))
        report.worker_memory_mb = memory
        return report

    if not progress:
        return run(None, _language_notes(lambda line: click.echo(line, err=True)))
    columns = (SpinnerColumn(), "[progress.description]{task.description}", BarColumn(),
               MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task("documents", total=None)
        return run(lambda: bar.advance(task),
                   _language_notes(lambda line: bar.console.print(line, markup=False, highlight=False)))


def _language_notes(write: Callable[[str], None]) -> Callable[[Article], None]:
    """A callback that writes an article's language note ("not analysed: language pt") once per
    document: the stories of one fused page share it."""
    last: tuple[str, str, str] | None = None

    def note(article: Article) -> None:
        nonlocal last
        key = (article.doc_id, article.origin, article.language_note)
        if article.language_note and key != last:
            last = key
            write(f"detente: {article.origin}: {article.language_note}")
    return note


# Failures listed after an ingest; the failures table has them all.
_SHOWN_FAILURES = 50


def _print_ingest_report(report: IngestReport, db_path: str) -> None:
    err = Console(stderr=True)
    err.print(f"[bold]{report.documents}[/] new documents ({report.articles} articles) stored in "
              f"{escape(one_line(db_path))}; {report.skipped} already there; {len(report.failures)} failed."
              + (f" {report.repeated} given twice, stored once." if report.repeated else ""))
    if len(report.worker_memory_mb) > 1:
        err.print("peak memory per worker: " + ", ".join(
            f"{mb:.0f} MB" for _, mb in sorted(report.worker_memory_mb.items())))
    # Origins and errors quote the input: escaped for the terminal and for rich's markup.
    for failure in report.failures[:_SHOWN_FAILURES]:
        err.print(f"  [red]failed[/] {escape(one_line(failure.origin))}: {escape(one_line(failure.error))}")
    if len(report.failures) > _SHOWN_FAILURES:
        err.print(f"  ... and {len(report.failures) - _SHOWN_FAILURES:,} more, in the store's failures table")


@cli.command()
@db_option
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 10_000), help="Rows per section.")
@json_option
def show(db_path: str, limit: int, as_json: bool) -> None:
    """Summarise a store: articles by source, date and language (and how many were analysed),
    top actors, quotes, figures, events.

        detente show --db news.duckdb
    """
    from detente.store.summary import summarize

    with open_store(db_path, read_only=True) as store:
        summary = summarize(store, limit=limit)
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, default=str, indent=2))
    else:
        _print_summary(summary)


# What fits a terminal; `--json` has every field.
_TABLE_COLUMNS = {"events": ["date", "type", "source", "target", "arguments", "rule"]}
_PROSE_COLUMNS = {"headline", "text", "sentence", "about", "source", "target", "actor", "speaker", "arguments"}


def _print_summary(summary: dict) -> None:
    from rich.table import Table

    console = Console()
    console.print(", ".join(f"[bold]{v}[/] {k.replace('_', ' ')}" for k, v in summary["counts"].items()))
    for section, title in (("sources", "Sources"), ("languages", "Languages"), ("articles", "Articles"),
                           ("actors", "Top actors"), ("quotes", "Quotes"), ("figures", "Figures"),
                           ("events", "Events")):
        rows = summary[section]
        if not rows:
            continue
        table = Table(title=title, title_justify="left", expand=True)
        shown = _TABLE_COLUMNS.get(section, list(rows[0]))
        for name in shown:
            if name in _PROSE_COLUMNS:  # prose takes the room that is left, cut with an ellipsis
                table.add_column(name, ratio=3, overflow="ellipsis", no_wrap=section != "quotes")
            else:
                table.add_column(name, no_wrap=True)
        for row in rows:
            table.add_row(*("" if row[name] is None else escape(one_line(" ".join(str(row[name]).split())))
                            for name in shown))
        console.print(table)


@cli.command()
@click.argument("out", type=click.Path(file_okay=False))
@click.option("--format", "fmt", type=click.Choice(["parquet", "jsonl", "gdelt"]), default="parquet",
              show_default=True,
              help="parquet or jsonl: every table, one file each (parquet events: a folder OUT/events/ of "
                   "one file per year, year=YYYY/data_0.parquet, sorted by dyad); gdelt: detente's events "
                   "as GDELT 2.0 event rows (61 tab-separated columns) in OUT/events.gdelt.tsv.")
@db_option
def export(out: str, fmt: str, db_path: str) -> None:
    """Write the store's tables into the folder OUT.

        detente export --format parquet out/
        detente export --format gdelt out/
    """
    with open_store(db_path, read_only=True) as store:
        if fmt == "gdelt":
            from detente.datasets.gdelt_export import export_gdelt

            Path(out).mkdir(parents=True, exist_ok=True)
            written = [Path(out) / "events.gdelt.tsv"]
            export_gdelt(store, written[0])
        else:
            from detente.store.export import export_tables

            written = export_tables(store, out, fmt)
    for path in written:
        click.echo(str(path))


@cli.command()
@click.option("--db", "db_path", default="detente-demo.duckdb", show_default=True,
              type=click.Path(dir_okay=False), help="Where to build the demo store (replaced if present).")
@click.option("--progress/--no-progress", default=True, show_default=True, help="Show a progress bar.")
def demo(db_path: str, progress: bool) -> None:
    """Ingest the bundled sample corpus into a fresh store, show what was found, and chart
    how US-Russia relations moved (with the shifts detected) next to the store."""
    for suffix in ("", ".wal"):
        Path(db_path + suffix).unlink(missing_ok=True)
    with open_store(db_path) as store:
        report = _ingest([str(p) for p in sample_corpus_paths()], store, "auto", progress)
    _print_ingest_report(report, db_path)
    with open_store(db_path, read_only=True) as store:
        from detente.analysis.dyads import dyad_series
        from detente.analysis.plot import plot_dyad
        from detente.analysis.shifts import dyad_shifts
        from detente.store.summary import summarize

        _print_summary(summarize(store))
        # The seed's headline question, answered from the sample: how US-Russia relations moved.
        shifts = dyad_shifts(store, "USA", "RUS", by="month")
        chart = plot_dyad(dyad_series(store, "USA", "RUS", by="month"), shifts,
                          Path(db_path).with_name(Path(db_path).stem + "-usa-rus.png"))
    console = Console()
    for shift in shifts:
        console.print(f"US-Russia shift on {shift.date}: mean Goldstein {shift.before:+.1f} -> {shift.after:+.1f}")
    console.print(f"Chart of US-Russia relations: {chart}")
    console.print(f"\nExplore further: detente show --db {db_path}  |  detente shifts --dyad USA RUS --db {db_path}"
                  f"  |  detente export --db {db_path} out/")
    console.print(f"Browse it: detente serve --db {db_path}  (then open http://127.0.0.1:8000/)")


def sample_corpus_paths() -> list[Path]:
    """The bundled sample corpus (written for detente; ships in the package): its text pages,
    HTML pages and web archive (not its README nor the pages the archive was built from)."""
    from detente.api import sample_corpus

    return sample_corpus()


cli.add_command(import_command)
cli.add_command(dyad_command)
cli.add_command(shifts_command)
cli.add_command(serve_command)
cli.add_command(digest_command)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
