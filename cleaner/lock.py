"""One writer per output folder: an exclusive, non-blocking flock on OUT/.lock.
An audit holds a shared one, so it never reads a folder a run is writing, and no run
starts while it reads.

The kernel drops the lock when the process dies, so a killed run never leaves a
stale lock behind.
"""
from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType


class OutputLockedError(RuntimeError):
    """Another cleaner run is writing into the same output folder."""


class OutputLock:
    """Context manager holding OUT/.lock for the duration of a run."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / ".lock"
        self._fd: int | None = None

    def __enter__(self) -> "OutputLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise OutputLockedError(
                f"{self.path.parent}: another cleaner run is using this folder (a clean, or an audit; lock held "
                f"on {self.path}); wait for it to finish or choose another output folder"
            ) from None
        self._fd = fd
        return self

    @property
    def fd(self) -> int | None:
        """The descriptor holding the lock (forked workers close their copy)."""
        return self._fd

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


class AuditLock:
    """Context manager holding OUT/.lock shared while an audit reads OUT (a folder no
    run ever locked has no .lock, and none is made: an audit writes nothing)."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / ".lock"
        self._fd: int | None = None

    def __enter__(self) -> "AuditLock":
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except FileNotFoundError:
            return self
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise OutputLockedError(
                f"{self.path.parent}: a `cleaner clean` is writing here now; audit it when that run ends"
            ) from None
        self._fd = fd
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops its lock
            self._fd = None
