"""The archive records: WARC 1.1 files (one per shard), written with warcio.

Per input, three linked records (gzip per record):

    resource   the raw bytes exactly as read           (skipped for WARC input:
    conversion the cleaned text, WARC-Refers-To ->      the crawl's own record is
    metadata   the audit (JSON), WARC-Refers-To ->       the one referred to)

Every record carries WARC-Warcinfo-ID and WARC-Block-Digest, and no payload digest
(these records have no HTTP payload). Record ids are UUIDv5 of the run id and the
content, dates come from SOURCE_DATE_EPOCH when it is set, and gzip members carry
mtime 0, so equal inputs give byte-identical archives.

The body is streamed to a hidden temp file; `ArchiveWriter.commit` prepends the
warcinfo (which names the crawl files seen) and renames the result into place.
Which files make up an output folder is the manifest's business (`manifest.py`).
"""
from __future__ import annotations

import hashlib
import importlib
import json
import logging
import os
import shutil
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path
from types import ModuleType
from typing import Any, BinaryIO, Iterator
from urllib.parse import quote

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

from . import jsonbytes
from .cdxj import IndexedRecord, url_key
from .model import Article, Ledger, Provenance, Removal
from .write import fsync_dir

log = logging.getLogger(__name__)

WARC_FORMAT = "WARC File Format 1.1"
WARC_CONFORMS_TO = "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"
# The UUID namespace of record ids, 6f1d3c2e-7d8b-5e0a-9c41-2b6f0e4d9a11, as the 16 bytes
# `record_id` hashes.
_RECORD_NAMESPACE = bytes.fromhex("6f1d3c2e7d8b5e0a9c412b6f0e4d9a11")


class _NoPayloadDigestWriter(WARCWriter):
    """warcio adds WARC-Payload-Digest to resource records; validators reject it
    on records without an HTTP payload, so list our record types as digest-free."""

    NO_PAYLOAD_DIGEST_TYPES = ("warcinfo", "revisit", "resource", "conversion", "metadata")


# Level 1: zlib's is 2.4x faster than warcio's level 9 on article text for files about
# 6% larger (the dev set's texts: ratio 0.466 against 0.438). ISA-L's level 1 (`isal`)
# is 3.2x faster again and smaller (ScrapingHub's `extracted` texts: ratio 0.451 against
# zlib's 0.463), and gzip was the largest part of the sink's cost per article. Every
# reader takes either: both write plain gzip members.
GZIP_LEVEL = 1
WARC_PROTOCOL = "WARC/1.1"


def block_digest(block: bytes) -> str:
    """WARC-Block-Digest as warcio writes it: SHA-1, base32 (RFC 4648).

    A SHA-1 is 160 bits, 32 base32 digits without padding: 16 lookups of 10 bits
    each, where `base64.b32encode` (pure Python before 3.13) loops byte by byte."""
    bits = int.from_bytes(hashlib.sha1(block).digest(), "big")
    return "sha1:" + "".join(_B32_PAIRS[(bits >> shift) & 1023] for shift in range(150, -1, -10))


_B32_PAIRS = [a + b for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"]


_ISAL: ModuleType | None
try:
    _ISAL = importlib.import_module("isal.isal_zlib")
except ImportError:  # pragma: no cover - a platform without isal's wheel keeps zlib
    _ISAL = None


def gzip_member(record: bytes, reproducible: bool = True) -> bytes:
    """One record as one gzip member (WARC's per-record compression), header mtime 0.

    A reproducible run (SOURCE_DATE_EPOCH) deflates with zlib, whose output is the same
    on every machine that links the reference zlib. Other runs use ISA-L where its
    wheel is installed: its hand-written kernels differ by CPU, so its bytes may too
    (zlib-ng turns its hardware deflate off under SOURCE_DATE_EPOCH for the same reason).
    """
    if reproducible or _ISAL is None:
        return zlib.compress(record, GZIP_LEVEL, wbits=31)
    return _ISAL.compress(record, GZIP_LEVEL, wbits=31)


@dataclass(frozen=True)
class RunInfo:
    """Identity of one cleaning run: its id, WARC date and configuration hash."""

    run_id: str
    warc_date: str
    config_digest: str
    version: str
    # Made under SOURCE_DATE_EPOCH: the same bytes on every machine. True unless said
    # otherwise (`make_run_info`), so that no writer picks the CPU-dependent gzip by default.
    reproducible: bool = True



def make_run_info(run_number: int, state: str, config_digest: str, version: str,
                  source_date_epoch: str | None) -> RunInfo:
    """A run id that sorts after the runs already in the output folder.

    `run_number` counts the runs already committed and `state` digests what they
    wrote; with SOURCE_DATE_EPOCH the id is a function of these, the epoch, version
    and configuration, so re-running on the same state reproduces it.
    """
    if source_date_epoch is not None:
        when = datetime.fromtimestamp(int(source_date_epoch), tz=timezone.utc)
        seed = json.dumps([source_date_epoch, version, config_digest, state])
        tag = hashlib.sha256(seed.encode()).hexdigest()[:8]
    else:
        when = datetime.now(timezone.utc).replace(microsecond=0)
        tag = os.urandom(4).hex()
    run_id = f"{run_number:05d}-{when:%Y%m%dT%H%M%SZ}-{tag}"
    warc_date = datetime_to_iso_date(when.replace(tzinfo=None), use_micros=False)
    return RunInfo(run_id=run_id, warc_date=warc_date, config_digest=config_digest, version=version,
                   reproducible=source_date_epoch is not None)


def record_id(run_id: str, *parts: str) -> str:
    """A WARC-Record-ID derived from the run and the record's content: a name-based
    UUID (version 5, RFC 4122), spelled out because `uuid.uuid5` costs several times
    more in Python objects than the hash, three times per article."""
    name = "/".join((run_id, *parts)).encode("utf-8")
    digest = bytearray(hashlib.sha1(_RECORD_NAMESPACE + name).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"<urn:uuid:{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}>"


def target_uri(source: str, url: str | None, origin: dict[str, Any]) -> str:
    """The original URL when known, else a file: URI relative to the input root."""
    uri = origin.get("target_uri") or url
    if uri:
        return quote(uri, safe=":/?#[]@!$&'()*+,;=%~")
    return "file:///" + quote(source.lstrip("/"), safe="/")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def metadata_document(key: str, origin: dict[str, Any], content_type: str, article: Article,
                      run: RunInfo) -> dict[str, Any]:
    """The audit of one article: everything needed to rebuild raw from cleaned text."""
    return {
        "id": key,
        "run_id": run.run_id,
        "cleaner_version": run.version,
        "config_digest": run.config_digest,
        "raw_sha256": article.provenance.sha256,
        "text_sha256": article.text_sha256,
        "document_sha256": sha256_hex(article.document().encode("utf-8")),
        "origin": origin or None,
        "content_type": content_type,
        "metadata": {
            "title": article.title, "byline": article.byline, "published": article.published,
            "publisher": article.publisher, "language": article.language, "url": article.url,
        },
        "provenance": article.provenance.to_dict(),
        # Dataclasses and tuples as they are: `jsonbytes.dumps` writes the fields of
        # each (Removal.to_dict's keys) without copying them into dicts first.
        "removals": article.removals,
        "ledger": {"kept": article.ledger.kept, "whitespace": article.ledger.whitespace},
        "extraction": article.extraction,
    }


def metadata_block(key: str, origin: dict[str, Any], content_type: str, article: Article, run: RunInfo) -> bytes:
    """The metadata record's block, exactly (audit re-derives and compares it)."""
    return jsonbytes.dumps(metadata_document(key, origin, content_type, article, run))


def article_from_metadata(meta: dict[str, Any], text: str) -> Article:
    """The `Article` as archived: metadata record plus conversion record text."""
    removals = [Removal(**r) for r in meta["removals"]]
    info = meta["metadata"]
    return Article(
        text=text, title=info["title"], byline=info["byline"], published=info["published"],
        publisher=info["publisher"], removals=removals, provenance=Provenance(**meta["provenance"]),
        ledger=Ledger.from_dict(meta["ledger"], removals), url=info["url"], language=info["language"],
        extraction=meta["extraction"],
    )


def jsonl_line(source: str, article: Article) -> bytes:
    """One line of articles.jsonl: the article's dict with its source id (compact JSON)."""
    return jsonbytes.dumps({"id": source, **article.fields()}) + b"\n"


def warcinfo_block(run: RunInfo, records: int, crawl_files: set[str]) -> bytes:
    """The warcinfo's fields (application/warc-fields)."""
    fields = [
        ("software", f"cleaner/{run.version} (warcio)"), ("format", WARC_FORMAT),
        ("conformsTo", WARC_CONFORMS_TO), ("run-id", run.run_id),
        ("config-digest", f"sha256:{run.config_digest}"), ("records", str(records)),
    ]
    fields += [("source-warc", name) for name in sorted(crawl_files)]
    return "".join(f"{k}: {v}\r\n" for k, v in fields).encode("utf-8")


def chain_headers(run: RunInfo, warcinfo_id: str, source: str, raw_sha256: str, uri: str,
                  origin: dict[str, Any], content_type: str) -> dict[str, dict[str, str]]:
    """The WARC headers of one input's records, by record type (audit re-derives them).

    WARC input has no resource record: the conversion refers to the crawl's record
    and carries its date, as Common Crawl's WET files do.
    """
    def headers(rec_type: str, date: str, ctype: str, **extra: str) -> dict[str, str]:
        return {"WARC-Type": rec_type, "WARC-Record-ID": record_id(run.run_id, source, raw_sha256, rec_type),
                "WARC-Date": date, "WARC-Warcinfo-ID": warcinfo_id, "WARC-Target-URI": uri,
                "Content-Type": ctype, **extra}

    chain: dict[str, dict[str, str]] = {}
    if origin.get("record_id"):
        raw_id, date = str(origin["record_id"]), str(origin.get("date") or run.warc_date)
    else:
        chain["resource"] = headers("resource", run.warc_date, content_type)
        raw_id, date = chain["resource"]["WARC-Record-ID"], run.warc_date
    chain["conversion"] = headers("conversion", date, "text/plain; charset=utf-8", **{"WARC-Refers-To": raw_id})
    conversion_id = chain["conversion"]["WARC-Record-ID"]
    chain["metadata"] = headers("metadata", run.warc_date, "application/json", **{"WARC-Refers-To": conversion_id})
    return chain


def warcinfo_id(run: RunInfo, filename: str) -> str:
    """The WARC-Record-ID of the warcinfo of the WARC file `filename`, which its records name."""
    return record_id(run.run_id, "warcinfo", filename)


def serialise(run: RunInfo, warcinfo: str, key: str, raw: bytes, origin: dict[str, Any], content_type: str,
              article: Article) -> list[tuple[bytes, IndexedRecord]]:
    """One input's records, serialised for the WARC file whose warcinfo id is `warcinfo`
    (each with its index entry, offset still 0).

    Writes nothing: whatever an odd article makes fail here leaves every file as it was."""
    uri = target_uri(key, article.url, origin)
    headers = chain_headers(run, warcinfo, key, article.provenance.sha256, uri, origin, content_type)
    blocks = {"resource": raw, "conversion": article.text.encode("utf-8"),
              "metadata": metadata_block(key, origin, content_type, article, run)}
    surt = url_key(uri)
    return [_record(rec_type, rec_headers, blocks[rec_type], surt) for rec_type, rec_headers in headers.items()]


def _record(rec_type: str, headers: dict[str, str], block: bytes, surt: str) -> tuple[bytes, IndexedRecord]:
    """One record: warcio's header block (`StatusAndHeaders.to_bytes`), the block and
    the record's closing CRLF CRLF, as warcio's writer lays them out. The headers
    come complete, in the order the writer gives them (target URI, block digest,
    content type and length last): its own header edits and stream copying cost more
    per record than the rest of writing it."""
    uri, content_type = headers["WARC-Target-URI"], headers["Content-Type"]
    digest = block_digest(block)
    fields = [(k, v) for k, v in headers.items() if k not in ("WARC-Target-URI", "Content-Type")]
    if uri:
        fields.append(("WARC-Target-URI", uri))
    fields += [("WARC-Block-Digest", digest), ("Content-Type", content_type), ("Content-Length", str(len(block)))]
    head = StatusAndHeaders("", fields, protocol=WARC_PROTOCOL).to_bytes(encoding="utf-8")
    entry = IndexedRecord(uri, headers["WARC-Date"], content_type, digest, 0, 0, surt)
    return b"".join((head, block, b"\r\n\r\n")), entry


@dataclass
class ArchiveWriter:
    """Streams the records of one WARC file into a temp file; `commit` publishes it."""

    final_path: Path
    run: RunInfo
    records: int = 0
    crawl_files: set[str] = field(default_factory=set)
    # Each record's place in the finished file (body offsets until `stage` adds the warcinfo's length).
    index: list[IndexedRecord] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.body_path = self.final_path.with_name(f".{self.final_path.name}.body.tmp")
        self._body: BinaryIO = self.body_path.open("wb")
        self.warcinfo_id = warcinfo_id(self.run, self.final_path.name)

    @property
    def bytes_written(self) -> int:
        return self._body.tell()

    def add(self, key: str, raw: bytes, origin: dict[str, Any], content_type: str, article: Article) -> None:
        """Write the resource (unless WARC input), conversion and metadata records."""
        self.append(serialise(self.run, self.warcinfo_id, key, raw, origin, content_type, article), origin)

    def append(self, records: list[tuple[bytes, IndexedRecord]], origin: dict[str, Any]) -> None:
        """Write serialised records, one gzip member each."""
        for data, entry in records:
            member = gzip_member(data, self.run.reproducible)
            entry.offset, entry.length = self._body.tell(), len(member)
            self._body.write(member)
            self.index.append(entry)
            self.records += 1
        if origin.get("record_id") and origin.get("warc_file"):
            self.crawl_files.add(str(origin["warc_file"]))

    def _warcinfo(self, out: BinaryIO) -> IndexedRecord:
        block = warcinfo_block(self.run, self.records, self.crawl_files)
        headers = {"WARC-Record-ID": self.warcinfo_id, "WARC-Date": self.run.warc_date,
                   "WARC-Filename": self.final_path.name}
        buffer = BytesIO()
        writer = _NoPayloadDigestWriter(buffer, gzip=False, warc_version="1.1")
        record = writer.create_warc_record("", "warcinfo", payload=BytesIO(block), length=len(block),
                                           warc_content_type="application/warc-fields",
                                           warc_headers_dict=headers)
        writer.write_record(record)
        member = gzip_member(buffer.getvalue(), self.run.reproducible)
        out.write(member)
        return IndexedRecord("", self.run.warc_date, "application/warc-fields", None, 0, len(member))

    def commit(self) -> Path | None:
        """Publish the archive (warcinfo + body) under its final name; None if empty."""
        staged = self.stage()
        if staged is None:
            return None
        os.replace(staged, self.final_path)
        fsync_dir(self.final_path.parent)
        return self.final_path

    def stage(self) -> Path | None:
        """The complete archive (warcinfo + body), fsynced under a hidden temp name; None if empty.

        Renaming it to `final_path` publishes it (a shard's commit does that)."""
        self._body.close()
        if self.records == 0:
            self.body_path.unlink(missing_ok=True)
            return None
        part = self.final_path.with_name(f".{self.final_path.name}.tmp")
        with part.open("wb") as out, self.body_path.open("rb") as body:
            warcinfo = self._warcinfo(out)
            shutil.copyfileobj(body, out)
            out.flush()
            os.fsync(out.fileno())
        self.body_path.unlink(missing_ok=True)
        shift = warcinfo.length
        for record in self.index:  # body offsets become file offsets
            record.offset += shift
        self.index.insert(0, warcinfo)
        return part

    def abort(self) -> None:
        self._body.close()
        self.body_path.unlink(missing_ok=True)


@dataclass
class StoredRecord:
    """One record as read back from an archive: where it is, its headers and block."""

    archive: Path
    offset: int
    rec_type: str
    headers: dict[str, str]
    block: bytes
    protocol: str = "WARC/1.1"

    @property
    def id(self) -> str:
        return self.headers.get("WARC-Record-ID", "")

    def describe(self) -> str:
        return f"{self.archive.name} @{self.offset} {self.rec_type} {self.id}"


def iter_records(path: Path) -> Iterator[StoredRecord]:
    """Every record of one WARC file, with its block read in full."""
    with path.open("rb") as stream:
        records = ArchiveIterator(stream, no_record_parse=True)
        for record in records:
            block = record.raw_stream.read()
            headers = dict(record.rec_headers.headers)
            yield StoredRecord(path, records.get_record_offset(), record.rec_type, headers, block,
                               record.rec_headers.protocol)


@dataclass
class ArchivedArticle:
    """An article read back from its conversion and metadata records."""

    source: str
    archive: Path
    meta: dict[str, Any]
    text: str
    conversion: StoredRecord
    metadata: StoredRecord

    @property
    def raw_sha256(self) -> str:
        return str(self.meta["raw_sha256"])

    def article(self) -> Article:
        return article_from_metadata(self.meta, self.text)


def iter_archived(out_dir: Path) -> Iterator[ArchivedArticle]:
    """Archived articles of every committed shard in `out_dir`, in manifest order.

    Assumes well-formed archives; `cleaner audit` is the place that checks them.
    """
    from .manifest import shard_files

    for path in shard_files(out_dir):
        conversions: dict[str, StoredRecord] = {}
        for rec in iter_records(path):
            if rec.rec_type == "conversion":
                conversions = {rec.id: rec}  # the metadata follows its conversion
            elif rec.rec_type == "metadata":
                conversion = conversions.get(rec.headers.get("WARC-Refers-To", ""))
                if conversion is None:
                    log.warning("%s: metadata without its conversion record", rec.describe())
                    continue
                meta = json.loads(rec.block)
                yield ArchivedArticle(meta["id"], path, meta, conversion.block.decode("utf-8"), conversion, rec)
