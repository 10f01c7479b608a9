"""Inputs on a Hadoop file system (`s3a://`, `hdfs://`, `file://`), like cc-pyspark.

The driver lists them through the JVM's Hadoop `FileSystem` API (so the cluster's
credentials and settings apply); each executor copies a file to a local temp file
(pyarrow's file systems) and reads that with the ordinary readers, since the
readers take local paths. Ids follow `inputs.iter_inputs`: a path relative to the
root folder, or the file name for a file, `~N` for repeats; the walk is sorted.
"""
from __future__ import annotations

import hashlib
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Iterator

from ..inputs import IdRegistry, InputFile

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

# pyarrow names S3 `s3`; Hadoop's connectors are `s3a` / `s3n`.
_ARROW_SCHEMES = {"s3a": "s3", "s3n": "s3"}


def is_remote(spec: str) -> bool:
    """A Hadoop file system URI (`scheme://...`) rather than a local path."""
    scheme, sep, _rest = spec.partition("://")
    return bool(sep) and scheme.isalnum() and len(scheme) > 1


@dataclass(frozen=True)
class RemoteInput(InputFile):
    """An input file on a Hadoop file system; `location` is only its name, `uri` says where it is."""

    uri: str = ""

    @property
    def local(self) -> bool:
        return False  # only an executor's copy is read


def list_remote(spark: "SparkSession", spec: str, ids: IdRegistry) -> Iterator[InputFile]:
    """The files under a Hadoop URI (recursive, hidden names skipped), sorted, with batch-unique ids."""
    jvm = spark.sparkContext._jvm
    assert jvm is not None, "a SparkContext without a JVM gateway (Spark Connect) cannot list Hadoop files"
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    root = jvm.org.apache.hadoop.fs.Path(spec)
    fs = root.getFileSystem(conf)
    if not fs.exists(root):
        yield InputFile(PurePosixPath(spec).name, ids.claim(PurePosixPath(spec).name or spec),
                        error=f"{spec}: not found")
        return
    status = fs.getFileStatus(root)
    if not status.isDirectory():
        yield _remote(status, ids.claim(root.getName()))
        return
    found = []
    listing = fs.listFiles(root, True)
    prefix = status.getPath().toString().rstrip("/") + "/"
    while listing.hasNext():
        item = listing.next()
        rel = item.getPath().toString()[len(prefix):]
        if not any(part.startswith((".", "_")) for part in rel.split("/")):  # hidden, _SUCCESS
            found.append((rel, item))
    for rel, item in sorted(found, key=lambda pair: pair[0]):
        yield _remote(item, ids.claim(rel))


def _remote(status, source_id: str) -> RemoteInput:  # status: org.apache.hadoop.fs.FileStatus
    uri = status.getPath().toString()
    return RemoteInput(PurePosixPath(uri).name, source_id, size=int(status.getLen()),
                       mtime_ns=int(status.getModificationTime()) * 1_000_000, uri=uri)


def arrow_uri(uri: str) -> str:
    """Hadoop's URI (`s3a://b/k`, `file:/p`) as pyarrow names it (`s3://b/k`, `file:///p`)."""
    scheme, _sep, rest = uri.partition(":")
    if scheme == "file" and not rest.startswith("//"):
        rest = "//" + rest  # Hadoop writes file:/p, pyarrow wants file:///p
    return f"{_ARROW_SCHEMES.get(scheme, scheme)}:{rest}"


def localize(item: InputFile, folder: Path) -> InputFile:
    """The input as a local file: a remote one is copied into `folder` (its error, if any, kept)."""
    if not isinstance(item, RemoteInput) or item.error:
        return item
    from pyarrow import fs as arrow_fs

    digest = hashlib.sha256(item.uri.encode("utf-8")).hexdigest()[:16]  # unique per file within the task
    target = folder / f"{digest}-{item.path.name if item.path else 'input'}"
    try:
        filesystem, path = arrow_fs.FileSystem.from_uri(arrow_uri(item.uri))
        # compression=None: the bytes as stored (pyarrow would otherwise gunzip a .gz)
        with filesystem.open_input_stream(path, compression=None) as source, target.open("wb") as sink:
            shutil.copyfileobj(source, sink, 1 << 20)
    except (OSError, ValueError) as exc:  # pyarrow raises OSError subclasses for I/O and access
        return InputFile(item.location, item.id, error=f"{item.uri}: cannot copy to the executor ({exc})")
    # The signature stays the remote file's, so a rerun compares it with what the manifest holds.
    return InputFile(str(target), item.id, size=item.size, mtime_ns=item.mtime_ns)


def local_folder() -> tempfile.TemporaryDirectory:
    """Where an executor's task keeps its copies (deleted with the task)."""
    return tempfile.TemporaryDirectory(prefix="cleaner-spark-")
