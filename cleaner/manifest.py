"""The manifest: the append-only list of an output folder's committed shards.

`OUT/manifest.jsonl` has one JSON line per committed shard, in commit order:

    {"shard": NAME, "run": RUN_ID, "task": 3, "part": 0,
     "files": {"warc": {"path": "shards/NAME.warc.gz", "sha256": ..., "size": ...},
               "cdxj": {...}, "jsonl": {...}},
     "articles": 250, "records": 750,
     "inputs": [[KEY, RAW_SHA256], ...],
     "articles_jsonl": [START, END]}                     # its lines' byte range there

A shard exists once its line is here (the commit point): its files were renamed into
place and fsynced before. Resume reads the manifest, not the archives: the inputs
listed are done. Anything in `shards/` that no line lists was written by a killed run
and is deleted by `recover`, together with the article files it made, and
`articles.jsonl` is cut back to the end the last line records.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import orjson

from .write import fsync_dir, is_temp_name, remove_stale_temps

log = logging.getLogger(__name__)

MANIFEST = "manifest.jsonl"
ARTICLES_JSONL = "articles.jsonl"
SHARDS = "shards"
ARTICLES = "articles"
# Present from `recover` until a run ends: a run that never ended may have left temp
# files anywhere under OUT (staged articles), and walking all of OUT to find them costs
# a rerun time in proportion to the output, so it is done only then.
RUNNING = ".running"
LOCK = ".lock"
# What a run writes into OUT before its first shard is committed (besides hidden temp files).
_OWN_NAMES = frozenset({LOCK, RUNNING, "errors.jsonl", SHARDS, ARTICLES, ARTICLES_JSONL})
# A shard's files: `<run id>-<task>-<part>.<kind>` (see `ShardWriter._open`, `make_run_info`).
# The numbers are zero-padded to these widths and grow past them (a task's 100th part).
_SHARD_FILE = re.compile(r"^\d{5,}-\d{8}T\d{6}Z-[0-9a-f]{8}-\d{5,}-\d{2,}\.(?:warc\.gz|cdxj|jsonl)$")


class OutputFormatError(Exception):
    """An output folder this version cannot continue (an older layout, a broken manifest)."""


@dataclass(frozen=True)
class Done:
    """What the output already holds for one document key."""

    raw_sha256: str


@dataclass
class Manifest:
    """The committed shards of an output folder, read once at the start of a run."""

    out_dir: Path
    entries: int = 0
    runs: list[str] = field(default_factory=list)
    digest: str = ""  # of the manifest's bytes: the state a reproducible run id derives from
    jsonl_end: int = 0
    done: dict[str, Done] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)  # the committed shards' files, relative to OUT

    @property
    def path(self) -> Path:
        return self.out_dir / MANIFEST


def iter_entries(out_dir: Path) -> Iterator[dict[str, Any]]:
    """The manifest's complete lines (a last line cut by a crash is not one)."""
    for _line, entry in _iter_lines(out_dir):
        yield entry


def _iter_lines(out_dir: Path) -> Iterator[tuple[bytes, dict[str, Any]]]:
    path = out_dir / MANIFEST
    if not path.exists():
        return
    with path.open("rb") as handle:
        for line in handle:
            if not line.endswith(b"\n"):
                return
            yield line, orjson.loads(line)


def shard_files(out_dir: Path) -> list[Path]:
    """The WARC files of the committed shards, in commit order."""
    return [out_dir / e["files"]["warc"]["path"] for e in iter_entries(out_dir)]


def read_manifest(out_dir: Path) -> Manifest:
    """The manifest's state: runs, resume keys, and where articles.jsonl ends."""
    manifest = Manifest(out_dir)
    digest = hashlib.sha256()
    try:
        for line, entry in _iter_lines(out_dir):
            manifest.entries += 1
            digest.update(line)  # the committed bytes themselves: a run id derives from them
            if entry["run"] not in manifest.runs[-1:]:
                manifest.runs.append(entry["run"])
            manifest.jsonl_end = entry["articles_jsonl"][1]
            manifest.files.update(entry["files"][kind]["path"] for kind in entry["files"])
            for key, sha in entry["inputs"]:
                manifest.done[key] = Done(sha)
    except (ValueError, KeyError, TypeError) as exc:
        raise OutputFormatError(f"{out_dir / MANIFEST}: unreadable line {manifest.entries + 1} ({exc})") from exc
    manifest.digest = digest.hexdigest()
    return manifest


def check_layout(out_dir: Path) -> None:
    """Refuse a folder this version did not write: an earlier version's (archive-*.warc.gz,
    no manifest), or a user's folder with files of its own, which recovering would cut
    and delete. A folder with no manifest is taken only when it holds nothing but what
    a run writes before its first commit, or when a run was killed in it (`.running`)."""
    if (out_dir / MANIFEST).exists():
        return
    if any(out_dir.glob("archive-*.warc.gz")):
        raise OutputFormatError(
            f"{out_dir}: holds archives of an earlier cleaner version (no {MANIFEST}); clean into a new folder")
    if (out_dir / RUNNING).exists():
        return
    foreign = next(_foreign_files(out_dir), None)
    if foreign is not None:
        raise OutputFormatError(
            f"{out_dir}: is not a cleaner output folder (no {MANIFEST}) and holds {foreign}, which cleaner did "
            "not write; clean into an empty or a new folder")


def _foreign_files(out_dir: Path) -> Iterator[Path]:
    """Files in OUT that no run writes before its first commit (lazily: the first is enough).
    Hidden names at the top (`.DS_Store`, a run's own) and a file system's `lost+found` are not counted."""
    with os.scandir(out_dir) as listing:
        top = [Path(e.path) for e in listing if e.name not in _OWN_NAMES and not e.name.startswith(".")
               and e.name != "lost+found"]
    yield from top
    jsonl = out_dir / ARTICLES_JSONL
    if jsonl.is_file() and jsonl.stat().st_size > 0:
        yield jsonl
    for folder in (out_dir / SHARDS, out_dir / ARTICLES):
        if folder.is_dir() and not folder.is_symlink():
            for dirpath, _dirnames, filenames in os.walk(folder):
                yield from (Path(dirpath, name) for name in filenames if not is_temp_name(name))


def append_entry(out_dir: Path, entry: dict[str, Any]) -> None:
    """Commit a shard: one line appended and fsynced."""
    line = (json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
    fd = os.open(out_dir / MANIFEST, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def recover(out_dir: Path) -> Manifest:
    """Undo what a killed run left half-done; returns the committed state."""
    check_layout(out_dir)
    _truncate_partial_line(out_dir / MANIFEST)
    manifest = read_manifest(out_dir)
    _truncate(out_dir / ARTICLES_JSONL, manifest.jsonl_end)
    removed = _remove_uncommitted_shards(out_dir, manifest.files, manifest.done)
    if (out_dir / RUNNING).exists():  # only then can temp files be anywhere under OUT
        removed += remove_stale_temps(out_dir)
    if removed:
        log.info("removed %d files left by an interrupted run", removed)
    _mark_running(out_dir)
    return manifest


def end_run(out_dir: Path) -> None:
    """The run left nothing staged: the next `recover` need not walk OUT for temp files."""
    (out_dir / RUNNING).unlink(missing_ok=True)


def _mark_running(out_dir: Path) -> None:
    """Made durable before anything is staged, so a killed run is always recognised."""
    if not (out_dir / RUNNING).exists():
        (out_dir / RUNNING).touch()
        fsync_dir(out_dir)


def _truncate_partial_line(path: Path) -> None:
    if not path.exists():
        return
    data_end = path.stat().st_size
    with path.open("rb+") as handle:
        if data_end == 0:
            return
        handle.seek(max(0, data_end - 1))
        if handle.read(1) == b"\n":
            return
        handle.seek(0)
        content = handle.read()
        handle.truncate(content.rfind(b"\n") + 1)
        os.fsync(handle.fileno())


def _truncate(path: Path, end: int) -> None:
    """Cut a derived append-only file back to its committed length."""
    if not path.exists():
        return
    if path.stat().st_size != end:
        with path.open("rb+") as handle:
            handle.truncate(end)
            os.fsync(handle.fileno())


def _remove_uncommitted_shards(out_dir: Path, committed: set[str], done: dict[str, Done]) -> int:
    folder = out_dir / SHARDS
    if not folder.is_dir():
        return 0
    removed = 0
    for path in sorted(folder.iterdir()):
        rel = f"{SHARDS}/{path.name}"
        if rel in committed or path.name.startswith(".") or not _SHARD_FILE.match(path.name):
            continue  # committed, a temp file (removed below), or no file a run writes: kept
        if path.suffix == ".jsonl":
            removed += _remove_articles_of(out_dir, path, done)
        path.unlink(missing_ok=True)
        removed += 1
    if removed:  # a directory fsync costs 1-40 ms of a run that found nothing to undo
        fsync_dir(folder)
    return removed


def _names_an_article(key: str) -> bool:
    """A relative path with no step up and no NUL (the real path is checked too)."""
    return bool(key) and not key.startswith("/") and "\x00" not in key and ".." not in key.split("/")


def _remove_articles_of(out_dir: Path, jsonl: Path, done: dict[str, Done]) -> int:
    """Delete the article files an uncommitted shard wrote (unless a committed one holds the id)."""
    removed = 0
    inside = os.path.realpath(out_dir / ARTICLES) + os.sep
    with jsonl.open("rb") as handle:
        for line in handle:
            try:
                key = json.loads(line)["id"]
            except (ValueError, KeyError, TypeError):
                continue
            # Only a key that names a file under articles/ (a shard file is read here, and
            # a planted one must not make the run delete files elsewhere).
            if isinstance(key, str) and key not in done and _names_an_article(key):
                target = out_dir / ARTICLES / key
                if target.is_file() and not target.is_symlink() and os.path.realpath(target).startswith(inside):
                    target.unlink()
                    removed += 1
    return removed
