"""`cleaner audit OUT`: verify an output folder against its manifest and shards.

Checks the manifest against the files (a shard missing, changed or not listed is
named), then for every shard's WARC: each record's block digest, that every record
names the warcinfo, the resource -> conversion -> metadata chain of every input,
that the raw text is rebuilt exactly from the cleaned text plus the ledger, and (for
WARC input) the original crawl record when its file is still there. Then that the
shard's JSONL and CDXJ, the inputs its manifest entry lists, articles/ and
articles.jsonl equal what the archives say, and that no id names two articles.
Every difference is a `Problem` naming the file, the record or line, and the byte.
"""
from __future__ import annotations

import base64
import hashlib
import json
import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from .manifest import ARTICLES, ARTICLES_JSONL, MANIFEST, RUNNING, SHARDS, iter_entries
from .sources import InputError, decode
from .warc import (
    RunInfo, StoredRecord, article_from_metadata, chain_headers, iter_records, jsonl_line, metadata_block,
    sha256_hex, target_uri, warcinfo_block,
)

log = logging.getLogger(__name__)

MAX_PROBLEMS_PER_FILE = 20


@dataclass(frozen=True)
class Problem:
    """One difference: which file, where in it, and what is wrong."""

    path: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.where}: {self.message}"


@dataclass
class AuditResult:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    archives: int = 0
    records: int = 0
    articles: int = 0
    removed_chars: Counter[str] = field(default_factory=Counter)
    removals: Counter[str] = field(default_factory=Counter)
    # A run stopped here (`.running`): what it wrote beyond the manifest is its leftover,
    # which the next clean removes, not damage to what is committed.
    interrupted: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def fail(self, path: Path | str, where: str, message: str) -> None:
        self.problems.append(Problem(str(path), where, _short(message)))

    def uncommitted(self, path: Path | str, where: str, message: str) -> None:
        """Something beyond what the manifest lists: a leftover of a run that stopped here
        (a warning), else a problem."""
        if self.interrupted:
            self.warnings.append(f"{path}: {where}: {_short(message)} (left by the run that did not end)")
        else:
            self.fail(path, where, message)


MESSAGE_MAX = 300


def _short(message: str) -> str:
    """A problem stays one readable line: a reader's error may quote kilobytes of what
    it failed on (gzip bytes of a damaged record)."""
    message = " ".join(message.split())
    return message if len(message) <= MESSAGE_MAX else message[: MESSAGE_MAX - 1] + "…"


def _same_json(actual: bytes, expected: bytes) -> bool:
    """Two lines holding equal JSON values (the same article, however spaced)."""
    try:
        return bool(json.loads(actual) == json.loads(expected))
    except ValueError:
        return False


def first_difference(actual: bytes | str, expected: bytes | str) -> int:
    """Index of the first differing byte (or character); the shorter length if one is a prefix."""
    for i, (a, b) in enumerate(zip(actual, expected)):
        if a != b:
            return i
    return min(len(actual), len(expected))


def block_digest_ok(record: StoredRecord) -> bool | None:
    """Whether WARC-Block-Digest matches the block; None when the header is missing."""
    header = record.headers.get("WARC-Block-Digest")
    if not header or ":" not in header:
        return None
    algo, _, value = header.partition(":")
    try:
        digest = hashlib.new(algo.lower().replace("-", ""), record.block).digest()
    except ValueError:
        return False
    return value in (base64.b32encode(digest).decode(), digest.hex())


class JsonlCheck:
    """Compares articles.jsonl, line by line, with the lines the archives imply."""

    def __init__(self, path: Path, result: AuditResult) -> None:
        self.path, self.result = path, result
        self.line_no = 0
        self.reported = 0
        self._file: BinaryIO | None = path.open("rb") if path.exists() else None
        if self._file is None:
            result.fail(path, "file", "missing (the archives hold articles)")

    def expect(self, line: bytes, source: str) -> None:
        self.line_no += 1
        if self._file is None:
            return
        actual = self._file.readline()
        if actual != line and not _same_json(actual, line):  # earlier versions spaced their JSON
            col = first_difference(actual, line)
            what = "missing" if not actual else f"byte {col} of the line differs"
            self._report(f"line {self.line_no} (article {source!r})", f"{what} from the archived record")

    def finish(self) -> None:
        if self._file is None:
            return
        extra = sum(1 for _ in self._file)
        if extra:
            self.result.uncommitted(self.path, f"line {self.line_no + 1}", f"{extra} line(s) that no archive holds")
        self._file.close()

    def _report(self, where: str, message: str) -> None:
        self.reported += 1
        if self.reported <= MAX_PROBLEMS_PER_FILE:
            self.result.fail(self.path, where, message)
        elif self.reported == MAX_PROBLEMS_PER_FILE + 1:
            self.result.fail(self.path, "...", "more differing lines not listed")


class ArticleFilesCheck:
    """Compares articles/<id> with the archived document of each id (an id names one article)."""

    def __init__(self, folder: Path, result: AuditResult) -> None:
        self.folder, self.result = folder, result
        self.pending: dict[str, Problem] = {}  # id -> difference
        self.seen: set[str] = set()

    def expect(self, source: str, document: bytes, origin: str) -> None:
        if source in self.seen:
            self.result.fail(self.folder, f"id {source!r}",
                             f"two archived articles have this id ({origin} is the second)")
            return
        self.seen.add(source)
        path = self.folder.joinpath(*source.split("/"))
        try:
            actual = path.read_bytes()
        except OSError:
            self.pending[source] = Problem(str(path), "file", f"missing (archived as {origin})")
            return
        if actual != document:
            byte = first_difference(actual, document)
            self.pending[source] = Problem(str(path), f"byte {byte}", f"differs from the archived {origin}")

    def finish(self) -> None:
        self.result.problems.extend(self.pending.values())
        if not self.folder.is_dir():
            return
        for path in sorted(self.folder.rglob("*")):
            rel = path.relative_to(self.folder).as_posix()
            if path.is_file() and not path.name.startswith(".") and rel not in self.seen:
                self.result.uncommitted(path, "file", "no archive holds this article")


def parse_warc_fields(block: bytes) -> list[tuple[str, str]]:
    fields = []
    for line in block.decode("utf-8", errors="replace").splitlines():
        name, sep, value = line.partition(":")
        if sep:
            fields.append((name.strip(), value.strip()))
    return fields


@dataclass
class _Chain:
    """The records of the input being checked: resource (optional), then conversion."""

    resource: StoredRecord | None = None
    conversion: StoredRecord | None = None


class ArchiveAudit:
    """Checks one archive file record by record, feeding the output checks."""

    def __init__(self, path: Path, result: AuditResult, outputs: "OutputChecks") -> None:
        self.path, self.result, self.outputs = path, result, outputs
        self.warcinfo: StoredRecord | None = None
        self.fields: list[tuple[str, str]] = []
        self.chain = _Chain()
        self.run_info: RunInfo | None = None
        self.records = 0
        self.crawl_files: set[str] = set()
        self.keys: list[tuple[str, str]] = []  # (id, raw sha256) of each article, in order

    def run(self) -> None:
        offset = 0
        try:
            for record in iter_records(self.path):
                offset = record.offset
                self.result.records += 1
                self.records += 1
                self.check_record(record)
        except Exception as exc:  # a corrupt gzip member or header: name where it happened
            self.result.fail(self.path, f"after offset {offset}", f"unreadable archive: {exc!r}")
            return
        self._dangling("at end of file")
        self._check_warcinfo_block()

    def _check_warcinfo_block(self) -> None:
        """The warcinfo's fields are re-derived from what the file holds."""
        if self.warcinfo is None or self.run_info is None:
            return
        expected = warcinfo_block(self.run_info, self.records - 1, self.crawl_files)
        if self.warcinfo.block != expected:
            at = first_difference(self.warcinfo.block, expected)
            self.result.fail(self.path, f"record {self.warcinfo.id} (warcinfo) block byte {at}",
                             "warcinfo fields differ from the run's records")

    def check_record(self, rec: StoredRecord) -> None:
        where = f"record {rec.id} ({rec.rec_type}) at offset {rec.offset}"
        digest = block_digest_ok(rec)
        if digest is None:
            self.result.fail(self.path, where, "no WARC-Block-Digest")
        elif not digest:
            self.result.fail(self.path, where, f"block digest mismatch ({rec.headers['WARC-Block-Digest']})")
        if "WARC-Payload-Digest" in rec.headers:
            self.result.fail(self.path, where, "WARC-Payload-Digest on a record without HTTP payload")
        if rec.protocol != "WARC/1.1":
            self.result.fail(self.path, where, f"version line {rec.protocol!r}, not WARC/1.1")
        if self.warcinfo is None:
            self._check_warcinfo(rec, where)
            return
        if rec.headers.get("WARC-Warcinfo-ID") != self.warcinfo.id:
            self.result.fail(self.path, where, "WARC-Warcinfo-ID does not name this file's warcinfo")
        handler = {"resource": self._resource, "conversion": self._conversion, "metadata": self._metadata}
        if rec.rec_type not in handler:
            self.result.fail(self.path, where, f"unexpected record type {rec.rec_type!r}")
            return
        handler[rec.rec_type](rec, where)

    def _check_warcinfo(self, rec: StoredRecord, where: str) -> None:
        if rec.rec_type != "warcinfo":
            self.result.fail(self.path, where, "the first record is not a warcinfo")
        self.warcinfo = rec
        self.fields = parse_warc_fields(rec.block)
        run_id, digest = self.field_values("run-id"), self.field_values("config-digest")
        software = self.field_values("software")
        if run_id and digest and software:
            version = software[0].removeprefix("cleaner/").split(" ", 1)[0]
            self.run_info = RunInfo(run_id[0], rec.headers.get("WARC-Date", ""),
                                    digest[0].removeprefix("sha256:"), version)
        else:
            self.result.fail(self.path, where, "warcinfo lacks software, run-id or config-digest")
        expected = {"WARC-Type": "warcinfo", "WARC-Record-ID": rec.id, "WARC-Date": rec.headers.get("WARC-Date"),
                    "WARC-Filename": self.path.name, "Content-Type": "application/warc-fields"}
        self._check_headers(rec, expected)

    def _check_headers(self, rec: StoredRecord, expected: dict[str, Any]) -> None:
        """Every header but the digest and length (checked by parsing) is re-derived."""
        actual = {k: v for k, v in rec.headers.items() if k not in ("WARC-Block-Digest", "Content-Length")}
        differing = sorted(k for k in actual.keys() | expected.keys() if actual.get(k) != expected.get(k))
        if differing:
            self.result.fail(self.path, f"record {rec.id} ({rec.rec_type}) at offset {rec.offset}",
                             f"headers differ from those derived from the archive: {', '.join(differing)}")

    def field_values(self, name: str) -> list[str]:
        return [value for key, value in self.fields if key == name]

    def _resource(self, rec: StoredRecord, where: str) -> None:
        self._dangling(f"before {where}")
        self.chain = _Chain(resource=rec)

    def _conversion(self, rec: StoredRecord, where: str) -> None:
        resource = self.chain.resource
        if self.chain.conversion is not None:
            self._dangling(f"before {where}")
            resource = None
        if resource is not None:
            if rec.headers.get("WARC-Refers-To") != resource.id:
                self.result.fail(self.path, where, f"WARC-Refers-To does not name resource {resource.id}")
            if rec.headers.get("WARC-Target-URI") != resource.headers.get("WARC-Target-URI"):
                self.result.fail(self.path, where, "WARC-Target-URI differs from its resource record")
        self.chain = _Chain(resource=resource, conversion=rec)

    def _dangling(self, when: str) -> None:
        if self.chain.resource is not None or self.chain.conversion is not None:
            rec = self.chain.conversion or self.chain.resource
            assert rec is not None
            self.result.fail(self.path, f"record {rec.id} ({rec.rec_type})", f"chain not completed {when}")
        self.chain = _Chain()

    def _metadata(self, rec: StoredRecord, where: str) -> None:
        conversion, resource = self.chain.conversion, self.chain.resource
        self.chain = _Chain()
        if conversion is None or rec.headers.get("WARC-Refers-To") != conversion.id:
            self.result.fail(self.path, where, "WARC-Refers-To does not name the conversion record before it")
            return
        try:
            meta = json.loads(rec.block)
            text = conversion.block.decode("utf-8")
            article = article_from_metadata(meta, text)
        except (ValueError, KeyError, TypeError) as exc:
            self.result.fail(self.path, where, f"unreadable audit metadata: {exc!r}")
            return
        if meta.get("config_digest") and f"sha256:{meta['config_digest']}" not in self.field_values("config-digest"):
            self.result.fail(self.path, where, "configuration hash differs from the warcinfo's")
        if sha256_hex(conversion.block) != meta.get("text_sha256"):
            self.result.fail(self.path, f"record {conversion.id} (conversion)",
                             "cleaned text does not match text_sha256 in its metadata")
        self._check_raw(meta, article, resource, where)
        self._check_chain_headers(meta, article, [r for r in (resource, conversion, rec) if r is not None])
        self.result.articles += 1
        self.keys.append((str(meta["id"]), str(meta.get("raw_sha256"))))
        for removal in article.removals:
            self.result.removed_chars[removal.rule] += removal.end - removal.start
            self.result.removals[removal.rule] += 1
        origin = f"conversion record {conversion.id} in {self.path.name}"
        document = article.document().encode("utf-8")
        if sha256_hex(document) != meta.get("document_sha256"):
            self.result.fail(self.path, where, "document_sha256 does not match the archived text and title")
        self.outputs.articles.expect(meta["id"], document, origin)
        self.outputs.jsonl.expect(jsonl_line(meta["id"], article), meta["id"])

    def _check_chain_headers(self, meta: dict[str, Any], article: Any, records: list[StoredRecord]) -> None:
        if self.run_info is None or self.warcinfo is None:
            return
        origin = meta.get("origin") or {}
        if origin.get("record_id") and origin.get("warc_file"):
            self.crawl_files.add(str(origin["warc_file"]))
        uri = target_uri(meta["id"], article.url, origin)
        expected = chain_headers(self.run_info, self.warcinfo.id, meta["id"], meta.get("raw_sha256", ""), uri,
                                 origin, meta.get("content_type", ""))
        for record in records:
            self._check_headers(record, expected.get(record.rec_type, {}))
        expected_block = metadata_block(meta["id"], origin, meta.get("content_type", ""), article, self.run_info)
        if records[-1].block != expected_block:
            at = first_difference(records[-1].block, expected_block)
            self.result.fail(self.path, f"record {records[-1].id} (metadata) block byte {at}",
                             "audit metadata is not what this archive's run would have written")

    def _check_raw(self, meta: dict[str, Any], article: Any, resource: StoredRecord | None, where: str) -> None:
        """The raw text rebuilt from cleaned text + ledger equals the archived raw input."""
        try:
            rebuilt = article.rebuild_raw()
        except ValueError as exc:
            self.result.fail(self.path, where, f"ledger does not rebuild the raw text: {exc}")
            return
        origin = meta.get("origin") or {}
        if origin.get("record_id"):
            if resource is not None:
                self.result.fail(self.path, where, "WARC input should not have a resource record")
            self.outputs.crawls.verify(self, origin, meta, where)
            return
        if resource is None:
            self.result.fail(self.path, where, "no resource record (and no original crawl record) for this input")
            return
        label = f"record {resource.id} (resource)"
        if sha256_hex(resource.block) != meta.get("raw_sha256"):
            self.result.fail(self.path, label, "raw bytes do not match raw_sha256 in the metadata")
        if meta.get("extraction"):
            return  # the ledger covers the extracted text; the raw bytes are checked by digest above
        try:
            raw_text = _raw_text(resource.block, origin, label)
        except (InputError, UnicodeDecodeError) as exc:
            self.result.fail(self.path, label, f"raw bytes no longer decode: {exc}")
            return
        if raw_text != rebuilt:
            at = first_difference(raw_text, rebuilt)
            self.result.fail(self.path, f"{label} character {at}",
                             "raw text differs from the one rebuilt from cleaned text + ledger")


def _raw_text(block: bytes, origin: dict[str, Any], label: str) -> str:
    """The raw text as `clean` read it: a JSONL line's `text` was a JSON string, archived as
    its UTF-8 bytes and cleaned as it is (a BOM or a NUL in it is text, not a sign of a
    file's encoding or of a binary file); a file's bytes were decoded."""
    if origin.get("jsonl_file"):
        return block.decode("utf-8")
    return decode(block, label).text


class CrawlCheck:
    """Verifies WARC-input articles against the original crawl records (cached per file)."""

    def __init__(self, result: AuditResult) -> None:
        self.result = result
        # crawl file -> ((offset, record id) -> payload sha256, why reading stopped early or None);
        # None: no file. By offset too: a crawl may hold two records with one WARC-Record-ID.
        self.digests: dict[str, tuple[dict[tuple[int, str], str], str | None] | None] = {}

    def verify(self, audit: ArchiveAudit, origin: dict[str, Any], meta: dict[str, Any], where: str) -> None:
        crawl = str(origin.get("warc_file") or "")
        if crawl and crawl not in audit.field_values("source-warc"):
            self.result.fail(audit.path, where, f"warcinfo does not name the crawl file {crawl}")
        read = self._digests(crawl)
        if read is None:
            self.result.warnings.append(
                f"{audit.path}: {where}: original crawl file {crawl or '(unnamed)'} is gone; "
                f"article {meta.get('id')!r} verified against the archive only")
            return
        digests, damage = read
        found = digests.get((origin.get("offset", -1), origin["record_id"]))
        if found is None and damage is not None:  # past the damage: the archive's own checks stand
            self.result.warnings.append(
                f"{audit.path}: {where}: original crawl file {crawl} {damage}; "
                f"article {meta.get('id')!r} verified against the archive only")
        elif found is None:
            self.result.fail(crawl, f"record {origin['record_id']}", "not found in the original crawl")
        elif found != meta.get("raw_sha256"):
            self.result.fail(crawl, f"record {origin['record_id']}",
                             f"payload differs from the raw text archived for {meta.get('id')!r}")

    def _digests(self, crawl: str) -> tuple[dict[tuple[int, str], str], str | None] | None:
        if crawl not in self.digests:
            try:
                self.digests[crawl] = _crawl_payload_digests(Path(crawl)) if crawl and Path(crawl).is_file() else None
            except OSError as exc:  # there, but unreadable: named once, its articles checked as if it were gone
                self.result.fail(crawl, "file", f"original crawl file cannot be read ({exc.strerror or exc})")
                self.digests[crawl] = None
        return self.digests[crawl]


def _crawl_payload_digests(path: Path) -> tuple[dict[tuple[int, str], str], str | None]:
    """sha256 of every record's payload (HTTP body for responses) in a crawl file, and why
    reading stopped before its end (a cut or corrupt crawl: `clean` archived the records
    before the damage and reported the rest), or None."""
    from warcio.archiveiterator import ArchiveIterator

    digests: dict[tuple[int, str], str] = {}
    with path.open("rb") as stream:  # OSError (EACCES, EIO): the caller fails the audit
        try:
            records = ArchiveIterator(stream)
            for record in records:
                rec_id = record.rec_headers.get_header("WARC-Record-ID")
                if rec_id:
                    payload = sha256_hex(record.content_stream().read())
                    digests[(records.get_record_offset(), rec_id)] = payload
        except OSError:
            raise
        except Exception as exc:  # noqa: BLE001 - warcio raises several kinds on damaged input
            return digests, f"cannot be read past its record {len(digests)} ({type(exc).__name__})"
    return digests, None


class BothJsonl:
    """Feeds each expected line to the shard's JSONL check and to articles.jsonl's."""

    def __init__(self, *checks: JsonlCheck) -> None:
        self.checks = checks

    def expect(self, line: bytes, source: str) -> None:
        for check in self.checks:
            check.expect(line, source)


@dataclass
class OutputChecks:
    articles: ArticleFilesCheck
    jsonl: BothJsonl
    crawls: CrawlCheck


def audit_output(out_dir: Path) -> AuditResult:
    """Verify everything in `out_dir`; the result lists every difference found."""
    result = AuditResult()
    try:
        entries = list(iter_entries(out_dir))
    except ValueError as exc:
        result.fail(out_dir / MANIFEST, "file", f"unreadable: {exc}")
        return result
    result.interrupted = (out_dir / RUNNING).exists()
    if not entries and _holds_articles(out_dir):
        result.uncommitted(out_dir / MANIFEST, "file", "missing or empty, yet articles are here")
    elif not entries:  # every input failed, or none was given: an empty output is a consistent one
        result.warnings.append(f"{out_dir}: nothing is archived here (inputs that failed are in errors.jsonl)")
    if result.interrupted:  # what is committed is checked; the run's leftovers are named, not failed
        result.warnings.append(f"{out_dir}: a run did not end here (killed, or still running): what it wrote "
                               "beyond the manifest is not checked, and the next `cleaner clean` into this "
                               "folder removes it")
    _check_listing(out_dir, entries, result)
    articles, crawls = ArticleFilesCheck(out_dir / ARTICLES, result), CrawlCheck(result)
    all_lines = JsonlCheck(out_dir / ARTICLES_JSONL, result) if entries else None
    for entry in entries:
        if _check_entry_files(out_dir, entry, result):
            shard_lines = JsonlCheck(out_dir / entry["files"]["jsonl"]["path"], result)
            checks = (shard_lines, all_lines) if all_lines is not None else (shard_lines,)
            _audit_shard(out_dir, entry, OutputChecks(articles, BothJsonl(*checks), crawls), result)
            shard_lines.finish()
    if all_lines is not None:
        all_lines.finish()
    articles.finish()
    return result


def _holds_articles(out_dir: Path) -> bool:
    jsonl = out_dir / ARTICLES_JSONL
    if jsonl.is_file() and jsonl.stat().st_size:
        return True
    return (out_dir / ARTICLES).is_dir() and any((out_dir / ARTICLES).iterdir())


def _check_listing(out_dir: Path, entries: list[dict[str, Any]], result: AuditResult) -> None:
    """Every file in shards/ is listed by the manifest (a shard nobody committed is named)."""
    listed = {f["path"] for e in entries for f in e["files"].values()}
    folder = out_dir / SHARDS
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if f"{SHARDS}/{path.name}" not in listed and not path.name.startswith("."):  # hidden: a run's temp file
            result.uncommitted(path, "file", "not listed in the manifest (left by an interrupted run, or added)")


def _check_entry_files(out_dir: Path, entry: dict[str, Any], result: AuditResult) -> bool:
    """The shard's files are there with the size and sha256 the manifest recorded.

    Returns whether its WARC is there to audit record by record (a changed one is
    audited too, so the problem names the record).
    """
    for info in entry["files"].values():
        path = out_dir / info["path"]
        if not path.is_file():
            result.fail(path, "file", f"missing (manifest shard {entry['shard']})")
        elif path.stat().st_size != info["size"] or _file_sha256(path) != info["sha256"]:
            result.fail(path, "file", f"changed since it was committed (manifest shard {entry['shard']})")
    return (out_dir / entry["files"]["warc"]["path"]).is_file()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _audit_shard(out_dir: Path, entry: dict[str, Any], outputs: OutputChecks, result: AuditResult) -> None:
    warc = out_dir / entry["files"]["warc"]["path"]
    result.archives += 1
    audit = ArchiveAudit(warc, result, outputs)
    audit.run()
    listed = [(key, sha) for key, sha, *_ in entry["inputs"]]
    if listed != audit.keys:
        result.fail(out_dir / MANIFEST, f"shard {entry['shard']}",
                    f"lists {len(listed)} inputs that differ from the {len(audit.keys)} articles its archive holds")
    _check_cdxj(out_dir / entry["files"]["cdxj"]["path"], warc, result)


def _check_cdxj(path: Path, warc: Path, result: AuditResult) -> None:
    import io

    from .shards import write_cdxj

    expected = io.BytesIO()
    try:
        write_cdxj(warc, expected, warc.parent)
    except Exception as exc:  # noqa: BLE001 - the archive's own problems are reported above
        result.fail(path, "file", f"cannot index its archive: {exc!r}")
        return
    actual = path.read_bytes() if path.is_file() else b""
    if actual != expected.getvalue():
        line = actual[: first_difference(actual, expected.getvalue())].count(b"\n") + 1
        result.fail(path, f"line {line}", "differs from an index of its archive")
