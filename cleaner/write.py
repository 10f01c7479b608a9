"""Crash-safe file writes: a temp file in the same folder, fsync, then os.replace.

A reader (or a crash) never sees a half-written file under its final name: until
the rename the data lives in a hidden ``.<name>.*.tmp`` file, which the next run
removes (`remove_stale_temps`).
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

TEMP_SUFFIX = ".tmp"
FILE_MODE = 0o644


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (the directory entry is data too)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some filesystems refuse fsync on directories
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_open(path: Path) -> Iterator[IO[bytes]]:
    """Open a temp file next to `path`; on clean exit it replaces `path` atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    os.fchmod(fd, FILE_MODE)  # mkstemp makes 0600; outputs are ordinary shared files
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that `path` is either the old file or the new one."""
    with atomic_open(path) as handle:
        handle.write(data)


def is_temp_name(name: str) -> bool:
    """A run's temp file: hidden, with the temp suffix."""
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


def remove_stale_temps(folder: Path, keep: Path | None = None) -> int:
    """Delete temp files left by a crashed run (or a dead worker) under `folder`, all
    but `keep`; returns how many."""
    removed = 0
    if not folder.is_dir():
        return 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            if is_temp_name(name) and (keep is None or Path(dirpath) / name != keep):
                (Path(dirpath) / name).unlink(missing_ok=True)
                removed += 1
    return removed

