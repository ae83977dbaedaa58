"""The one base class of detente's errors.

Every exception the package raises on purpose derives from `DetenteError`, so a script can
catch them all with one `except detente.DetenteError`, and the command line can tell an
error whose message is meant for the user from a bug. Each module keeps its own subclass
(StoreError, AnalysisError, KBFileError, ...) for callers that want to tell them apart;
those that were ValueError or LookupError before still are.

A document that cannot be read is not an exception: it becomes a `ReadError` record
(detente.model) and the run goes on.
"""

from __future__ import annotations


class DetenteError(Exception):
    """Something detente was asked to do cannot be done; the message says why."""
