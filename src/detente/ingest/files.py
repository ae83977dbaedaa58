"""What a path is before it is opened: folder walks that stay in the tree, special files.

A folder scan reads regular files only. A symbolic link is followed when it stays inside
the folder being read; one that leads out of it (to /etc, to a home folder) is reported and
not followed, so a folder of downloaded files cannot make detente read elsewhere. Links to
folders are never followed (inside the tree they would read files twice; they may loop).
Named pipes, devices and sockets are reported without being opened: opening a FIFO blocks
until someone writes to it, and a device may never end.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from detente.ingest.normalize import printable
from detente.model import ReadError

_KINDS = ((stat.S_ISFIFO, "named pipe (FIFO)"), (stat.S_ISCHR, "character device"),
          (stat.S_ISBLK, "block device"), (stat.S_ISSOCK, "socket"))


def special_kind(path: Path) -> str | None:
    """What `path` is when it is not a regular file or folder (following links), else None."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # the open that follows says what is wrong
    for test, kind in _KINDS:
        if test(mode):
            return kind
    return None


def walk(folder: Path) -> Iterator[Path | ReadError]:
    """Files under `folder`, sorted, without hidden files or folders, not leaving the tree.

    Yields a ReadError (with the link's own name) for each link that leads out of it.
    """
    root = os.path.realpath(folder)
    for current, dirs, files in os.walk(folder, onerror=None, followlinks=False):
        kept = []
        for name in sorted(dirs):
            if name.startswith("."):
                continue
            full = os.path.join(current, name)
            if os.path.islink(full):
                if not _inside(os.path.realpath(full), root):
                    yield _outside(full, folder)
                continue  # links to folders are never walked
            kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            if name.startswith("."):
                continue
            full = os.path.join(current, name)
            if os.path.islink(full) and not _inside(os.path.realpath(full), root):
                yield _outside(full, folder)
                continue
            yield Path(full)


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def _outside(link: str, folder: Path) -> ReadError:
    name = os.path.basename(link)
    return ReadError(printable(Path(name).stem or name), printable(link),
                     f"symbolic link that leads out of {printable(str(folder))}: not followed")
