"""How a failing command ends: one line that says what went wrong, never a traceback.

Every `detente` command runs inside `GuardedGroup.invoke`. An error the user can act on
(a file that cannot be written, a bad `--kb` file, a limit set wrong) becomes one line on
standard error and exit status 1; anything else becomes one line naming the error, with a
hint to rerun with `--debug`, which shows the traceback instead. Text quoted from the input
or the file system is escaped, so no byte of it reaches the terminal raw.
"""

from __future__ import annotations

import os
import sys

import click

from detente.errors import DetenteError
from detente.ingest.normalize import printable

DEBUG_ENV = "DETENTE_DEBUG"


def one_line(text: object) -> str:
    """`text` as one printable line (line breaks, control characters and bad bytes escaped)."""
    return printable(str(text))


class GuardedGroup(click.Group):
    """A click group whose commands end with one line, not a traceback, when they fail."""

    def invoke(self, ctx: click.Context):
        debug = bool(ctx.params.get("debug")) or os.environ.get(DEBUG_ENV, "") not in ("", "0")
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            exc.message = one_line(exc.message)
            raise
        except (click.exceptions.Exit, click.exceptions.Abort, SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            # `detente extract ... | head`: the reader left. Point stdout at /dev/null so the
            # flush at exit does not fail again, and stop quietly.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise SystemExit(1) from None
        except Exception as exc:
            if debug:
                raise
            raise click.ClickException(describe(exc)) from exc


def describe(exc: BaseException) -> str:
    """What went wrong, in one line, for a user who did not write the code."""
    # detente's own errors are written for the user (a bad --kb file, a limit set wrong, ...).
    if isinstance(exc, DetenteError):
        return one_line(exc)
    if isinstance(exc, OSError) and exc.strerror:
        where = exc.filename if exc.filename is not None else ""
        return f"{one_line(os.fsdecode(where))}: {exc.strerror}" if where != "" else exc.strerror
    return (f"{type(exc).__name__}: {one_line(exc)} "
            f"(rerun with `detente --debug ...` to see where it failed)")
