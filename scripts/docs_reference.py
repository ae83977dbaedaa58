"""Reference sections of the documentation, generated from the code when `make docs` builds the site.

An mkdocs hook (mkdocs.yml `hooks:`): a page that holds a marker such as
`<!-- reference: cli -->` gets the marker replaced by a section made from the code, so the
reference cannot drift from what the program does:

- `cli`: every command's `--help`, as click prints it;
- `schema`: every store table, column by column, from store/schema.py (its DDL and the
  descriptions next to it);
- `contract`: the fields of the contract's records, from the dataclasses of detente.model.

The tests import this file to check the generated text (tests/test_docs_site.py).
"""

from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Callable

MARKER = re.compile(r"<!-- reference: (\w+) -->")


def cli_reference() -> str:
    """`detente --help` and every command's `--help`, each under its own heading."""
    import click

    from detente.cli import cli

    def help_of(command: click.Command, name: str, parent: click.Context | None) -> str:
        ctx = click.Context(command, info_name=name, parent=parent, terminal_width=100, max_content_width=100)
        return command.get_help(ctx)

    root = click.Context(cli, info_name="detente", terminal_width=100, max_content_width=100)
    parts = ["## detente\n", "```text\n" + help_of(cli, "detente", None) + "\n```\n"]
    for name in sorted(cli.commands):
        parts += [f"## detente {name}\n", "```text\n" + help_of(cli.commands[name], name, root) + "\n```\n"]
    return "\n".join(parts)


def schema_reference() -> str:
    """Each table of the store: what it holds, then its columns with type and meaning."""
    import duckdb

    from detente.store.schema import COLUMN_DOCS, COLUMNS_ADDED, TABLE_DOCS, TABLES

    con = duckdb.connect()
    for ddl in (*TABLES.values(), *COLUMNS_ADDED):
        con.execute(ddl)
    parts = []
    for table in TABLES:
        parts += [f"### {table}\n", TABLE_DOCS[table] + "\n", "| column | type | meaning |", "| --- | --- | --- |"]
        for name, kind, *_ in con.execute(f"DESCRIBE {table}").fetchall():
            parts.append(f"| `{name}` | {_cell(kind)} | {_cell(COLUMN_DOCS[table][name])} |")
        parts.append("")
    return "\n".join(parts)


def contract_reference() -> str:
    """The fields of each record of the contract (detente.model), with their types."""
    from detente import model

    records = (model.Article, model.Entity, model.ActorRef, model.Quote, model.Speaker, model.Span,
               model.Event, model.EventArguments, model.Offsets, model.Location, model.Figure, model.ReadError)
    parts = []
    for cls in records:
        hints = typing.get_type_hints(cls)
        parts += [f"### {cls.__name__}\n"]
        if cls.__doc__ and not cls.__doc__.startswith(f"{cls.__name__}("):
            parts.append(" ".join(cls.__doc__.split()) + "\n")
        parts += ["| field | type | default |", "| --- | --- | --- |"]
        for f in dataclasses.fields(cls):
            if f.name == "language_note":  # written to standard error, not part of the contract's JSON
                continue
            default = ("" if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
                       else "[]" if f.default_factory is list else repr(f.default) if f.default_factory
                       is dataclasses.MISSING else "empty")
            parts.append(f"| `{f.name}` | {_cell(_type_name(hints[f.name]))} | {_cell(default)} |")
        parts.append("")
    return "\n".join(parts)


GENERATORS: dict[str, Callable[[], str]] = {
    "cli": cli_reference, "schema": schema_reference, "contract": contract_reference}


def expand(markdown: str) -> str:
    """The page with each reference marker replaced by its generated section."""
    return MARKER.sub(lambda m: GENERATORS[m.group(1)](), markdown)


def on_page_markdown(markdown: str, **_: object) -> str:
    """mkdocs hook: runs on every page's Markdown before it is rendered."""
    return expand(markdown)


def _type_name(hint: object) -> str:
    text = str(hint).replace("typing.", "").replace("detente.model.", "").replace("datetime.", "")
    return re.sub(r"<class '([\w.]+)'>", lambda m: m.group(1).rsplit(".", 1)[-1], text)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")
