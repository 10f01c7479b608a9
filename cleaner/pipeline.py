"""The batch: inputs -> readers -> (skip archived) -> article files + archive.

A pipeline of small steps over a stream of `Item`s, each with its own counters
(datatrove-style). Nothing holds more than one article at a time; the only
per-input state kept is the set of (source, raw sha256) keys already archived,
which is what makes a rerun resume instead of starting over.

Crash safety: article files are replaced atomically; the run's archive becomes
visible only by a final rename (its commit point); `articles.jsonl` and
`index.cdxj` are then rebuilt from the complete archives, so they can never
describe an article that is not archived. A killed run leaves only hidden temp
files, which the next run deletes before starting.
"""
from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Callable, Iterable, Iterator

from .config import Config
from .lock import OutputLock
from .readers import Item, read_data, read_path
from .sources import iter_files
from .warc import ArchiveWriter, RunInfo, archive_files, iter_archived, jsonl_line, make_run_info
from .write import atomic_open, fsync_dir, remove_stale_temps

log = logging.getLogger(__name__)

STDIN = "-"
STDIN_SOURCE = "stdin"


@dataclass(frozen=True)
class Source:
    """One input file (or stdin, path None) and its id relative to its input root."""

    path: Path | None
    source: str


@dataclass
class BatchStats:
    """Per-step counters of one run, plus what the summary needs."""

    steps: dict[str, Counter[str]] = field(default_factory=dict)
    removed_chars: Counter[str] = field(default_factory=Counter)
    archive: Path | None = None

    def step(self, name: str) -> Counter[str]:
        return self.steps.setdefault(name, Counter())

    @property
    def documents(self) -> int:
        return self.step("write_articles")["documents"]

    @property
    def failures(self) -> int:
        return self.step("failures")["failures"]


def iter_sources(inputs: Iterable[str]) -> Iterator[Source]:
    """Files under each input (folders recursively), with their source ids."""
    for spec in inputs:
        if spec == STDIN:
            yield Source(None, STDIN_SOURCE)
            continue
        root = Path(spec)
        if root.is_dir():
            for path in iter_files(root):
                yield Source(path, path.relative_to(root).as_posix())
        else:
            yield Source(root, root.name)


def count_sources(inputs: Iterable[str]) -> int:
    """How many inputs a batch has (one cheap directory walk; for the progress bar)."""
    return sum(1 for _ in iter_sources(inputs))


def read_step(sources: Iterable[Source], config: Config, max_bytes: int, stdin: BinaryIO,
              counters: Counter[str], on_input: Callable[[Source], None] | None = None) -> Iterator[Item]:
    for src in sources:
        counters["inputs"] += 1
        if on_input is not None:
            on_input(src)
        if src.path is None:
            items = read_data(stdin.read(), src.source, config)
        else:
            items = read_path(src.path, src.source, config, max_bytes)
        for item in items:
            counters["items"] += 1
            counters["bytes_in"] += item.article.provenance.size if item.article else len(item.raw or b"")
            yield item


def skip_archived_step(items: Iterable[Item], archived: set[tuple[str, str]],
                       counters: Counter[str]) -> Iterator[Item]:
    """Drop items whose (source, raw sha256) is archived already (or earlier in this run)."""
    for item in items:
        if item.ok:
            key = (item.source, item.article.provenance.sha256)  # type: ignore[union-attr]
            if key in archived:
                counters["skipped"] += 1
                continue
            archived.add(key)
        yield item


def failures_step(items: Iterable[Item], errors: BinaryIO, counters: Counter[str]) -> Iterator[Item]:
    """Record failed items in the errors journal; pass cleaned ones on."""
    for item in items:
        if item.ok:
            yield item
            continue
        counters["failures"] += 1
        log.warning("%s", item.error or f"{item.source}: no article")
        line = json.dumps({"source": item.source, "error": item.error or "no article"}, ensure_ascii=False)
        errors.write(line.encode("utf-8") + b"\n")


def article_path(articles_dir: Path, source: str) -> Path:
    """Where a source's cleaned file goes; refuses ids that would escape the folder."""
    parts = PurePosixPath(source).parts
    if not parts or source.startswith("/") or any(p in ("..", ".") for p in parts):
        raise ValueError(f"source id {source!r} cannot name a file under {articles_dir}")
    return articles_dir.joinpath(*parts)


def write_articles_step(items: Iterable[Item], articles_dir: Path, stats: BatchStats) -> Iterator[Item]:
    counters = stats.step("write_articles")
    for item in items:
        article = item.article
        assert article is not None
        data = article.document().encode("utf-8")
        with atomic_open(article_path(articles_dir, item.source)) as handle:
            handle.write(data)
        counters["documents"] += 1
        counters["bytes_out"] += len(data)
        stats.removed_chars.update(article.removed_chars_by_rule())
        yield item


def archive_step(items: Iterable[Item], writer: ArchiveWriter, counters: Counter[str]) -> Iterator[Item]:
    for item in items:
        writer.add(item)
        counters["articles"] += 1
        yield item
    counters["records"] = writer.records


def archived_keys(out_dir: Path) -> set[tuple[str, str]]:
    return {(a.source, a.raw_sha256) for a in iter_archived(out_dir)}


def rebuild_articles_jsonl(out_dir: Path) -> int:
    """articles.jsonl from the complete archives (one line per archived article)."""
    lines = 0
    with atomic_open(out_dir / "articles.jsonl") as handle:
        for archived in iter_archived(out_dir):
            handle.write(jsonl_line(archived.source, archived.article()))
            lines += 1
    return lines


def cdxj_index(out_dir: Path) -> str:
    """The CDXJ index of every record of every archive in `out_dir` (sorted)."""
    from cdxj_indexer.main import CDXJIndexer

    fd, tmp = tempfile.mkstemp(prefix="cleaner-index-", suffix=".cdxj")  # not in OUT: audit reads only
    os.close(fd)
    try:
        inputs = [str(p) for p in archive_files(out_dir)]
        if inputs:
            CDXJIndexer(output=tmp, inputs=inputs, sort=True, records="all", dir_root=str(out_dir)).process_all()
        return Path(tmp).read_text(encoding="utf-8")
    finally:
        Path(tmp).unlink(missing_ok=True)


def rebuild_index(out_dir: Path) -> None:
    with atomic_open(out_dir / "index.cdxj") as handle:
        handle.write(cdxj_index(out_dir).encode("utf-8"))


@dataclass
class BatchOptions:
    config: Config = field(default_factory=Config)
    max_bytes: int = 64 * 1024 * 1024
    version: str = "0"
    source_date_epoch: str | None = None
    stdin: BinaryIO | None = None
    on_input: Callable[[Source], None] | None = None  # e.g. a progress bar's update


def run_batch(inputs: list[str], out_dir: Path, options: BatchOptions) -> BatchStats:
    """Clean `inputs` into `out_dir` (articles/, articles.jsonl, archive, index, errors).

    Raises OutputLockedError when another run holds the folder.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    with OutputLock(out_dir):
        removed = remove_stale_temps(out_dir)
        if removed:
            log.info("removed %d temp files left by an interrupted run", removed)
        run = make_run_info(out_dir, options.config.digest(), options.version, options.source_date_epoch)
        return _run_locked(inputs, out_dir, run, options)


def _run_locked(inputs: list[str], out_dir: Path, run: RunInfo, options: BatchOptions) -> BatchStats:
    stats = BatchStats()
    writer = ArchiveWriter(out_dir, run)
    errors_tmp = out_dir / f".errors.jsonl.{run.run_id}.tmp"
    try:
        with errors_tmp.open("wb") as errors:
            items = read_step(iter_sources(inputs), options.config, options.max_bytes,
                              options.stdin or sys.stdin.buffer, stats.step("read"), options.on_input)
            items = skip_archived_step(items, archived_keys(out_dir), stats.step("skip_archived"))
            items = failures_step(items, errors, stats.step("failures"))
            items = write_articles_step(items, out_dir / "articles", stats)
            for _ in archive_step(items, writer, stats.step("archive")):
                pass
    except BaseException:
        writer.abort()
        errors_tmp.unlink(missing_ok=True)
        raise
    stats.archive = writer.commit()
    _publish_errors(errors_tmp, out_dir / "errors.jsonl", stats.failures)
    stats.step("finish")["jsonl_lines"] = rebuild_articles_jsonl(out_dir)
    rebuild_index(out_dir)
    return stats


def _publish_errors(journal: Path, final: Path, failures: int) -> None:
    """This run's errors.jsonl (removed when the run had none)."""
    if failures:
        with journal.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(journal, final)
        fsync_dir(final.parent)
    else:
        journal.unlink(missing_ok=True)
        final.unlink(missing_ok=True)


def clean_to_stream(inputs: list[str], out: BinaryIO, options: BatchOptions) -> BatchStats:
    """Write the cleaned documents to `out` only (no archive): `cleaner clean - -o -`."""
    stats = BatchStats()
    items = read_step(iter_sources(inputs), options.config, options.max_bytes,
                      options.stdin or sys.stdin.buffer, stats.step("read"), options.on_input)
    written = stats.step("write_articles")
    for item in items:
        if not item.ok:
            stats.step("failures")["failures"] += 1
            log.warning("%s", item.error or f"{item.source}: no article")
            continue
        data = item.article.document().encode("utf-8")  # type: ignore[union-attr]
        out.write(data)
        out.flush()
        written["documents"] += 1
        written["bytes_out"] += len(data)
        stats.removed_chars.update(item.article.removed_chars_by_rule())  # type: ignore[union-attr]
    return stats
