"""The `detente` command: a thin layer over the Python API, one command per job."""

from __future__ import annotations

import json
import sys

import click

from detente import __version__

INPUT_FORMATS = ["auto", "text", "html", "warc", "jsonl"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="detente")
def cli() -> None:
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
def extract(paths: tuple[str, ...], output_format: str, verbatim: bool, input_format: str) -> None:
    """Extract articles, entities, quotes, events and figures from PATHS as JSON Lines.

    PATHS are files or folders (read recursively); `-` or nothing reads standard input.
    A document that cannot be read gives a line {"doc_id": ..., "error": ...} and the
    run goes on.

        detente extract page.txt > page.jsonl
    """
    from detente.ingest import read
    from detente.model import ReadError
    from detente.pipeline import extract as run

    read_any = False
    out = sys.stdout
    for item in run(read(list(paths) or ["-"], input_format=input_format), verbatim=verbatim):
        if isinstance(item, ReadError):
            click.echo(f"detente: {item.origin}: {item.error}", err=True)
        else:
            read_any = True
        out.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
    out.flush()
    if not read_any:
        sys.exit(1)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
