"""A folder of Parquet event files served beside the store (`detente serve --events DIR`).

Users keep large event sets (GDELT, ICEWS, an export of ours) as Parquet folders; the
server reads such a folder where it lies, through `analysis.events_source` as the
`dyad` and `shifts` commands do, and shows what it finds apart from the store's own
events. The folder is opened once; each request reads it through a cursor of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from detente.analysis.events_source import open_events_folder
from detente.serve.snapshot import ReadView


class EventsFolder:
    """The events of one Parquet folder, as a read-only store of events only."""

    def __init__(self, folder: str | Path) -> None:
        self.path = Path(folder)
        self.name = self.path.name or str(self.path)
        # Raises EventsFolderError (no such folder, no Parquet file) before the server starts.
        self._store = open_events_folder(self.path)
        # Asked now, so that a folder whose files do not read as events fails at start too.
        self.events = self._store.con.execute("SELECT count(*) FROM events").fetchone()[0]

    @contextmanager
    def view(self) -> Iterator[ReadView]:
        view = ReadView(self._store.con.cursor(), str(self.path))
        try:
            yield view
        finally:
            view.close()

    def close(self) -> None:
        self._store.close()
