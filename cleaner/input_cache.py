"""Remembered digests of input files, so that a rerun need not read what it cleaned before.

Resume compares each input's raw sha256 with the manifest's; reading every input to
hash it costs a rerun more than everything else it does when little is new. So each
run leaves a cache of the single-document input files it read, one JSON line each:
`[id, size, mtime_ns, ctime_ns, inode, sha256, stat_ns]`, and the next run into the
same output folder takes the digest from there when the file's stat is unchanged.

A line is trusted only when the file had not been modified for `SETTLE_NS` before its
stat was taken (git's "racy clean" rule): a write landing in the same timestamp tick
as that stat cannot hide behind an equal mtime. The ctime changes on every write and
cannot be set back by `touch`. The cache is this machine's state, so it lives in the
user's cache folder (`$XDG_CACHE_HOME/cleaner/inputs/`, one file per output folder),
not in OUT, whose files stay the same bytes on every machine; deleting it only makes
the next run read its inputs, and where it cannot be written runs go on without it.
"""
from __future__ import annotations

import hashlib
import logging
import os
import time
from pathlib import Path
from typing import BinaryIO, NamedTuple

import orjson

from .write import TEMP_SUFFIX

log = logging.getLogger(__name__)

SETTLE_NS = 2_000_000_000


def cache_path(out_dir: Path) -> Path:
    """This output folder's cache file (by its real path)."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    name = hashlib.sha256(os.fsencode(os.path.realpath(out_dir))).hexdigest()[:24]
    return base / "cleaner" / "inputs" / f"{name}.jsonl"


class FileStat(NamedTuple):
    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int

    @classmethod
    def of(cls, info: os.stat_result) -> "FileStat":
        return cls(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


class CacheLine(NamedTuple):
    """What one input file held (`sha256`) when it had `stat`, seen at `stat_ns`."""

    id: str
    stat: FileStat
    sha256: str
    stat_ns: int

    @property
    def settled(self) -> bool:
        return self.stat.mtime_ns <= self.stat_ns - SETTLE_NS and self.stat.ctime_ns <= self.stat_ns - SETTLE_NS


def now_ns() -> int:
    return time.time_ns()


class InputCache:
    """The last run's lines (read once) and this run's (streamed to a temp file)."""

    def __init__(self, out_dir: Path) -> None:
        self.path = cache_path(out_dir)
        self.old = _load(self.path)
        # One name per output folder (its lock allows one run): a killed run's is reused.
        self._tmp = self.path.with_name(f".{self.path.name}{TEMP_SUFFIX}")
        self._new: BinaryIO | None = None
        self._broken = False  # the cache folder cannot be written: go on without

    def lookup(self, item_id: str, stat: FileStat) -> CacheLine | None:
        """The last run's line for this input, when it saw the same stat, settled."""
        line = self.old.get(item_id)
        if line is None or line.stat != stat or not line.settled:
            return None
        return line

    def record(self, line: CacheLine) -> None:
        if self._broken:
            return
        try:
            if self._new is None:
                self._tmp.parent.mkdir(parents=True, exist_ok=True)
                self._new = self._tmp.open("wb")
            self._new.write(orjson.dumps([line.id, *line.stat, line.sha256, line.stat_ns]) + b"\n")
        except OSError as exc:
            log.info("input cache %s not written (%s): the next run reads its inputs", self._tmp, exc)
            self._broken = True

    def commit(self) -> None:
        """This run's lines replace the last run's (inputs no longer walked drop out)."""
        try:
            if self._new is None:
                if not self._broken:
                    self.path.unlink(missing_ok=True)
                return
            self._new.close()
            if self._broken:
                self._tmp.unlink(missing_ok=True)
            else:
                os.replace(self._tmp, self.path)  # no fsync: a cache lost in a crash is only a slower run
        except OSError as exc:
            log.info("input cache %s not written (%s)", self.path, exc)

    def abort(self) -> None:
        if self._new is not None:
            self._new.close()
            self._tmp.unlink(missing_ok=True)


def _load(path: Path) -> dict[str, CacheLine]:
    lines: dict[str, CacheLine] = {}
    try:
        with path.open("rb") as handle:
            for raw in handle:
                try:
                    item_id, size, mtime, ctime, inode, sha, seen = orjson.loads(raw)
                    lines[item_id] = CacheLine(item_id, FileStat(size, mtime, ctime, inode), sha, seen)
                except (ValueError, TypeError):  # orjson.JSONDecodeError is a ValueError
                    log.debug("%s: unreadable line skipped", path)
    except OSError:
        pass
    return lines
