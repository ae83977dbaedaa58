"""Options and store opening shared by every `detente` command (main CLI and analysis commands)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from detente.store import DEFAULT_DB, Store, StoreError

NO_STORE = ("no store at {path}: run `detente ingest PATH --db {path}` or "
            "`detente import FILE --format icews --db {path}` first")


def db_option(f):
    return click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
                        help="The DuckDB store file.")(f)


def json_option(f):
    return click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead of tables.")(f)


def kb_option(f):
    return click.option("--kb", "kb_paths", multiple=True, type=click.Path(exists=True, dir_okay=False),
                        help="An extra knowledge-base file (YAML) of actors; may be repeated.")(f)


def _language_code(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from detente.language import check_language

    try:
        return None if value is None else check_language(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """A click callback: a YYYY-MM-DD option as a date, or a one-line usage error."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)") from None


def language_option(f):
    return click.option("--language", metavar="CODE", callback=_language_code,
                        help="The language of every input (ISO 639-1: en, pt, ...) instead of identifying it "
                             "per article; for short texts. Only English is analysed.")(f)


def workers_option(f):
    return click.option("--workers", type=click.IntRange(min=1), default=None,
                        help="Worker processes for the analysis (default: every core). The output is the "
                             "same whatever the number.")(f)


def open_store(db_path: str, *, read_only: bool = False) -> Store:
    """Open a store, or fail with a message that says what to do."""
    if read_only and not Path(db_path).exists():
        raise click.ClickException(NO_STORE.format(path=db_path))
    try:
        return Store(db_path, read_only=read_only)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
