"""Documents posted to a running server, ingested into its store as `detente ingest` does.

Off unless the server was started with `--allow-upload`: it is the one way a request can
write the user's store. A posted document takes the same road as a file given to `detente
ingest`: read by `detente.ingest.read` (format detected, size limits, decoding), turned into
articles by the pipeline, stored by `ingest_documents`, so a duplicate is skipped and a
document that cannot be read is a clear error, not a half-stored one.

The server never keeps the store open (serve/snapshot.py); an upload opens it for writing
only while it ingests. Readers go on answering from the last snapshot meanwhile (the
writer's lock only postpones the next copy), and the new articles are served as soon as
the ingest ends, from a fresh snapshot made before the answer is sent.
"""

from __future__ import annotations

import dataclasses
import re
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from detente.errors import DetenteError
from detente.model import Document, ReadError
from detente.serve.snapshot import Snapshots
from detente.store.db import Store, StoreError, document_key

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# How long an upload waits for another writer (a `detente ingest`, another worker's upload)
# to release the store before it answers 409.
WAIT_FOR_WRITER = 20.0
FORMATS = ("auto", "text", "html")
_UNSAFE_NAME = re.compile(r"[^\w.\-]+")


class UploadError(DetenteError):
    """An upload refused; `status` is the HTTP status that says why (400, 409, 413)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(slots=True)
class UploadResult:
    documents: int                   # newly stored
    skipped: int                     # already in the store
    articles: list[dict] = field(default_factory=list)     # article_key and headline of each
    failures: list[dict] = field(default_factory=list)     # documents that could not be read
    served: bool = False             # the articles are in the snapshot the server answers from

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


def upload_name(filename: str | None, fmt: str) -> str:
    """A safe file name for the posted document: its own name's last part, stripped of
    anything a path could hide in; its suffix decides the format when it is `auto`."""
    base = _UNSAFE_NAME.sub("_", Path(filename or "").name).strip("._")[:100]
    suffix = {"html": ".html", "text": ".txt"}.get(fmt, "")
    if not base:
        base = "upload" + (suffix or ".txt")
    elif suffix and not base.lower().endswith(suffix):
        base += suffix
    return base


class Uploader:
    """Ingests posted documents into the store behind `snapshots`, one at a time."""

    def __init__(self, snapshots: Snapshots, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 wait_for_writer: float = WAIT_FOR_WRITER) -> None:
        self.snapshots = snapshots
        self.max_bytes = max_bytes
        self.wait_for_writer = wait_for_writer
        self._lock = threading.Lock()

    def ingest(self, data: bytes, *, filename: str | None = None, fmt: str = "auto") -> UploadResult:
        if fmt not in FORMATS:
            raise UploadError(400, f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
        if len(data) > self.max_bytes:
            raise UploadError(413, f"the document is {len(data):,} bytes; this server takes at most "
                                   f"{self.max_bytes:,} (detente serve --max-upload)")
        if not data.strip():
            raise UploadError(400, "the document is empty: post a text, an HTML page or a file")
        name = upload_name(filename, fmt)
        with self._lock, tempfile.TemporaryDirectory(prefix="detente-upload-") as tmp:
            path = Path(tmp) / name
            path.write_bytes(data)
            from detente.ingest import read

            # The temporary path means nothing to the reader: the store records the upload.
            documents = [_origin(item, f"upload:{name}") for item in
                         read([str(path)], input_format="auto" if fmt == "auto" else fmt)]
            keys = [document_key(d) for d in documents if isinstance(d, Document)]
            failures = [d.to_dict() for d in documents if isinstance(d, ReadError)]
            if not keys:
                raise UploadError(400, "; ".join(f["error"] for f in failures) or "nothing to read in the document")
            report = self._write(documents)
        served = self.snapshots.refresh(wait=True) or self._served(keys)
        articles = self._articles(keys) if served else []
        return UploadResult(report.documents, report.skipped, articles,
                            failures + [f.to_dict() for f in report.failures if f.to_dict() not in failures], served)

    def _write(self, documents: list[Document | ReadError]):
        from detente.store.ingest import ingest_documents

        deadline = time.monotonic() + self.wait_for_writer
        while True:
            try:
                store = Store(self.snapshots.store_path)
                break
            except StoreError as exc:
                # Another writer holds the store: wait for it a while, then say so.
                if time.monotonic() >= deadline:
                    raise UploadError(409, f"the store is being written by another process (a `detente "
                                           f"ingest`?); try again when it ends ({exc})") from exc
                time.sleep(0.25)
        try:
            return ingest_documents(iter(documents), store)
        finally:
            store.close()

    def _served(self, keys: list[str]) -> bool:
        try:
            with self.snapshots.view() as view:
                return view.con.execute("SELECT count(*) FROM documents WHERE list_contains(?, doc_key)",
                                        [keys]).fetchone()[0] == len(keys)
        except Exception:   # no snapshot yet: the answer says the articles are not served yet
            return False

    def _articles(self, keys: list[str]) -> list[dict]:
        with self.snapshots.view() as view:
            cur = view.con.execute("SELECT article_key, headline FROM articles WHERE list_contains(?, doc_key) "
                                   "ORDER BY doc_key, position", [keys])
            return [{"article_key": k, "headline": h} for k, h in cur.fetchall()]


def _origin(item: Document | ReadError, origin: str) -> Document | ReadError:
    return dataclasses.replace(item, origin=origin)
