"""The sink: cleaned articles into shards, Common Crawl style.

A shard is three files under `OUT/shards/`: `NAME.warc.gz` (the records, gzip per
record), `NAME.jsonl` (one line per article, the lines `articles.jsonl` gathers) and
`NAME.cdxj` (its index). A shard holds at most `SHARD_DOCUMENTS` articles and is
closed once its records pass `SHARD_BYTES` (before gzip), so a killed run loses at
most the open shards' work. Each task of a run writes its own shards, named
`<run id>-<task>-<part>`; what a shard holds depends only on the task's inputs, so the
output does not depend on how many workers ran.

An article is stored in two steps: `prepare` makes its bytes (records, JSONL line,
article file) and picks its shard, touching no file; `write` puts them in the files.
Preparing is Python work that holds the GIL; writing is mostly gzip and file I/O,
which release it, so a sink thread can write while the next document is cleaned
(`sink_thread.py`).

Closing a shard stages it: its files are written under hidden temp names and
fsynced; its article files (`articles/<id>`) were staged the same way as they came.
The caller commits a staged shard (`publish`, then its manifest entry,
`manifest.py`): until then nothing of it is visible under a final name, and
`manifest.recover` deletes what a killed run staged.
"""
from __future__ import annotations

import errno
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from .cdxj import IndexedRecord, cdxj_text
from .cleaning import resource_content_type
from .documents import SourceDoc
from .manifest import ARTICLES, SHARDS
from .model import Article
from .warc import ArchiveWriter, RunInfo, jsonl_line, serialise, warcinfo_id
from .write import TEMP_SUFFIX, fsync_dir

SHARD_DOCUMENTS = 500
SHARD_BYTES = 32 * 1024 * 1024


class ArticleNotWritten(Exception):
    """An article its records could not be made for; the shard is as it was before it."""


@dataclass
class ShardLimits:
    documents: int = SHARD_DOCUMENTS
    bytes: int = SHARD_BYTES


STAGED = "staged"  # an entry's (temp, final) file pairs until `publish` renames them


def file_entry(path: Path, name: Path) -> dict[str, Any]:
    """The manifest's record of one shard file: its path in OUT, sha256 and size."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return {"path": name.as_posix(), "sha256": digest.hexdigest(), "size": path.stat().st_size}


@dataclass
class _Part:
    """One open shard."""

    name: str
    number: int
    warc: ArchiveWriter
    jsonl_tmp: Path
    jsonl: BinaryIO
    inputs: list[list[Any]] = field(default_factory=list)
    articles: list[list[str]] = field(default_factory=list)  # [staged, final] of its article files


@dataclass
class PreparedArticle:
    """One article's bytes for its shard, made without touching a file (`ShardWriter.prepare`)."""

    key: str
    raw_sha256: str
    origin: dict[str, Any]
    part: int  # the shard part it goes to
    last_in_part: bool  # the part is full with it: it closes once this article is written
    records: list[tuple[bytes, IndexedRecord]]  # serialised, before gzip
    line: bytes  # its line of articles.jsonl
    document: bytes  # its article file
    target: str  # the article file's path
    staged: str  # where the file is staged until its shard is committed


class ShardWriter:
    """Writes one task's articles into rotating shards; `close` returns the manifest entries."""

    def __init__(self, out_dir: Path, run: RunInfo, task: int, limits: ShardLimits | None = None) -> None:
        self.out_dir, self.run, self.task = out_dir, run, task
        self.limits = limits or ShardLimits()
        self.folder = out_dir / SHARDS
        self.folder.mkdir(parents=True, exist_ok=True)
        self.entries: list[dict[str, Any]] = []
        self._part: _Part | None = None
        # What `prepare` has given the part it fills now: the part's number, its articles
        # and their record bytes.
        self._next_part = 0
        self._planned_articles = 0
        self._planned_bytes = 0
        # The ids whose article files this task prepared, and the folders above them (their
        # "/" prefixes): a later id that names one as a folder, or one of those folders as a
        # file, could not be renamed into place when the shard is committed. Refused when
        # prepared, so that the shard parts are planned without it (a name the file system
        # itself refuses, which only writing finds, still leaves its part one short).
        self._files: set[str] = set()
        self._folders: set[str] = set()

    def add(self, doc: SourceDoc, article: Article) -> None:
        """Archive one article: `prepare`, then `write`."""
        self.write(self.prepare(doc, article))

    def prepare(self, doc: SourceDoc, article: Article) -> PreparedArticle:
        """One article's bytes, for the shard part it goes to; ArticleNotWritten (and
        nothing changed) when it cannot be serialised or its id clashes with another's file.

        The part is picked here, by the articles and record bytes prepared so far (not
        by the gzipped size, which only writing knows), so the records can name their
        part's warcinfo before any of them is written."""
        number = self._next_part
        name = self._part_name(number)
        try:
            warcinfo = warcinfo_id(self.run, f"{name}.warc.gz")
            records = serialise(self.run, warcinfo, doc.key, doc.raw or b"", doc.origin,
                                resource_content_type(doc, article), article)
            line = jsonl_line(doc.key, article)
            document = article.document().encode("utf-8")
        except Exception as exc:  # noqa: BLE001 - one odd article must not stop the batch
            raise ArticleNotWritten(f"{doc.key}: cannot be archived ({type(exc).__name__}: {exc})") from exc
        folders = _folders_of(doc.key)
        if doc.key in self._folders or not self._files.isdisjoint(folders):
            raise ArticleNotWritten(f"{doc.key}: its article file would be a folder of another article's, "
                                    "or hold one (an id and a path under it)")
        self._files.add(doc.key)
        self._folders.update(folders)
        self._planned_articles += 1
        self._planned_bytes += sum(len(data) for data, _ in records)
        full = self._planned_articles >= self.limits.documents or self._planned_bytes >= self.limits.bytes
        if full:
            self._next_part, self._planned_articles, self._planned_bytes = number + 1, 0, 0
        target = self.out_dir / ARTICLES / doc.key
        staged = target.with_name(f".{target.name}.{name}{TEMP_SUFFIX}")
        return PreparedArticle(doc.key, article.provenance.sha256, doc.origin, number, full, records, line, document,
                               str(target), str(staged))

    def write(self, prepared: PreparedArticle) -> None:
        """Store a prepared article in its shard; ArticleNotWritten (and the shard as it
        was) when the file system refuses its article file's name, OSError when the output
        cannot be written."""
        if self._part is not None and self._part.number != prepared.part:
            self._finish_part()  # the last article prepared for it could not be written
        part = self._part or self._open(prepared.part)
        # Staged first (a name the file system refuses leaves the shard as it was), and now,
        # not when the shard closes: on the sink thread, beside the cleaning.
        stage_file(prepared.target, prepared.staged, prepared.document)
        part.warc.append(prepared.records, prepared.origin)
        part.jsonl.write(prepared.line)
        part.inputs.append([prepared.key, prepared.raw_sha256])
        part.articles.append([prepared.staged, prepared.target])
        if prepared.last_in_part:
            self._close_part()

    def close(self) -> list[dict[str, Any]]:
        """Close the open shard; the entries of every shard this task wrote, in order."""
        self._finish_part()
        return self.entries

    def abort(self) -> None:
        """Drop this task's staged shards and the open one's temp files (a failed write, an interrupt)."""
        for entry in self.entries:
            discard(entry)
        self._drop_open_part()

    def _drop_open_part(self) -> None:
        if self._part is not None:
            self._part.warc.abort()
            self._part.jsonl.close()
            self._part.jsonl_tmp.unlink(missing_ok=True)
            for staged, _final in self._part.articles:
                Path(staged).unlink(missing_ok=True)
            self._part = None

    def _part_name(self, number: int) -> str:
        return f"{self.run.run_id}-{self.task:05d}-{number:02d}"

    def _open(self, number: int) -> _Part:
        name = self._part_name(number)
        warc = ArchiveWriter(self.folder / f"{name}.warc.gz", self.run)
        jsonl_tmp = self.folder / f".{name}.jsonl.tmp"
        self._part = _Part(name, number, warc, jsonl_tmp, jsonl_tmp.open("wb"))
        return self._part

    def _finish_part(self) -> None:
        """Close the open part, or drop it when none of its articles could be written."""
        if self._part is not None and not self._part.inputs:
            self._drop_open_part()
        if self._part is not None:
            self._close_part()

    def _close_part(self) -> None:
        part = self._part
        assert part is not None
        records = part.warc.records
        staged_warc = part.warc.stage()
        assert staged_warc is not None
        final = {"warc": part.warc.final_path, "cdxj": self.folder / f"{part.name}.cdxj",
                 "jsonl": self.folder / f"{part.name}.jsonl"}
        staged_cdxj = final["cdxj"].with_name(f".{final['cdxj'].name}.tmp")
        with staged_cdxj.open("wb") as handle:
            handle.write(cdxj_text(part.warc.index, final["warc"].name).encode("utf-8"))
            _sync(handle)
        _sync(part.jsonl)
        part.jsonl.close()
        staged = {"warc": staged_warc, "cdxj": staged_cdxj, "jsonl": part.jsonl_tmp}
        renames = [[str(staged[kind]), str(final[kind])] for kind in ("warc", "cdxj", "jsonl")] + part.articles
        self.entries.append({
            "shard": part.name, "run": self.run.run_id, "task": self.task, "part": part.number,
            "files": {kind: file_entry(staged[kind], final[kind].relative_to(self.out_dir)) for kind in final},
            "articles": len(part.inputs), "records": records + 1, "inputs": part.inputs, STAGED: renames,
        })
        self._part = None


def _folders_of(key: str) -> list[str]:
    """The folders an id's article file sits in under articles/: "a/b/c" -> ["a", "a/b"]."""
    parts = key.split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts))]


def _sync(handle: BinaryIO) -> None:
    handle.flush()
    os.fsync(handle.fileno())


# What a file system says of a name it cannot hold (too long, a file where a folder must
# be, or the other way round): the article's failure, not the batch's.
_BAD_NAME = frozenset({errno.ENAMETOOLONG, errno.ENOTDIR, errno.EISDIR, errno.EEXIST, errno.EILSEQ, errno.EINVAL})


def stage_file(target: str, staged: str, data: bytes) -> None:
    """Write `data` to `staged`, the hidden temp name beside `target` that `publish` renames.

    One file per article: plain `os` calls, and the folder is made only when the
    first write into it fails (a mkdir less per article; a stat looks for a folder of
    the same name, which the rename would meet). ArticleNotWritten when the file
    system cannot hold the name; OSError when the output cannot be written."""
    try:
        if os.path.isdir(target):  # an earlier article's folder: the rename would fail at commit
            raise IsADirectoryError(errno.EISDIR, "a folder of other articles has this name", target)
        try:
            fd = os.open(staged, _NEW_FILE, 0o666)
        except FileNotFoundError:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            fd = os.open(staged, _NEW_FILE, 0o666)
    except OSError as exc:
        if exc.errno not in _BAD_NAME:
            raise
        raise ArticleNotWritten(f"{target}: cannot be written as a file there "
                                f"({exc.strerror or exc})") from exc
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)


def publish(entry: dict[str, Any]) -> dict[str, Any]:
    """Move a staged shard's files and articles into place; returns the entry to record.

    The article files are not fsynced (a rerun can write them again); the shard
    files were, and the directory entries are made durable here.
    """
    renames = entry.pop(STAGED)
    for staged, final in renames:
        os.replace(staged, final)
    fsync_dir(Path(renames[0][1]).parent)
    return entry


def discard(entry: dict[str, Any]) -> None:
    """Delete a staged shard that will not be committed."""
    for staged, _final in entry.pop(STAGED, []):
        Path(staged).unlink(missing_ok=True)


def write_cdxj(warc_path: Path, out: BinaryIO, root: Path, filename: str | None = None) -> None:
    """The sorted CDXJ index of one WARC file (cdxj-indexer, pywb's format).

    `filename` is the name the index gives the WARC (its final name when indexing a
    staged file); by default its path relative to `root`."""
    import io

    from cdxj_indexer.main import CDXJIndexer

    buffer = io.StringIO()
    indexer = CDXJIndexer(output=buffer, inputs=[str(warc_path)], sort=True, records="all", dir_root=str(root),
                          filename=filename)
    indexer.process_all()
    out.write(buffer.getvalue().encode("utf-8"))
