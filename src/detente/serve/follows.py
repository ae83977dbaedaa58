"""The places a reader follows, kept in a small JSON file of theirs, not in the store.

The store stays read-only while the server runs (an ingest may need it at any moment), so
what the reader chooses lives in their state folder (`$XDG_STATE_HOME/detente/places.json`
by default, `--state FILE` to choose), one entry per store: the places followed, the
point up to which they have read (the store's newest ingestion time when they said so:
the store's own clock, so no two clocks need to agree) and the shifts already shown.
Writes replace the file atomically, so a crash never leaves half a file.
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path


def default_state_path() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "detente" / "places.json"


@dataclass(slots=True)
class Following:
    places: list[str] = field(default_factory=list)
    read_until: str | None = None          # ISO timestamp, store clock
    seen_shifts: list[str] = field(default_factory=list)


class Follows:
    """Follows of one store, read and written through one JSON file."""

    def __init__(self, path: str | Path, store_path: str | Path) -> None:
        self.path = Path(path)
        self.key = str(Path(store_path).resolve())
        self._lock = threading.Lock()

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        """One change at a time, across threads and across the server's worker processes
        (`--workers`), so that two follows at once do not lose one of them."""
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path.with_name(self.path.name + ".lock"), "a") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(lock, fcntl.LOCK_UN)

    def _load_all(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {"stores": {}}
        except (OSError, ValueError) as exc:
            raise OSError(f"cannot read the places file {self.path}: {exc}") from exc
        return data if isinstance(data, dict) and isinstance(data.get("stores"), dict) else {"stores": {}}

    def get(self) -> Following:
        entry = self._load_all()["stores"].get(self.key) or {}
        return Following(places=list(entry.get("places", [])), read_until=entry.get("read_until"),
                         seen_shifts=list(entry.get("seen_shifts", [])))

    def _save(self, following: Following) -> None:
        data = self._load_all()
        data["stores"][self.key] = {"places": following.places, "read_until": following.read_until,
                                    "seen_shifts": following.seen_shifts}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".places-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=2)
        os.replace(tmp, self.path)

    def follow(self, code: str) -> Following:
        with self._exclusive():
            f = self.get()
            if code not in f.places:
                f.places.append(code)
                self._save(f)
            return f

    def unfollow(self, code: str) -> Following:
        with self._exclusive():
            f = self.get()
            if code in f.places:
                f.places.remove(code)
                self._save(f)
            return f

    def mark_read(self, read_until: str | None, shift_ids: list[str]) -> Following:
        with self._exclusive():
            f = self.get()
            f.read_until = read_until
            f.seen_shifts = sorted(set(f.seen_shifts) | set(shift_ids))
            self._save(f)
            return f
