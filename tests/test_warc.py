"""The run archive: standards checks with independent readers, links, reproducibility."""
from __future__ import annotations

import gzip
import importlib.util
import io
import json
import subprocess
import sys
import zlib
from pathlib import Path

from fastwarc.warc import ArchiveIterator as FastIterator
from fastwarc.warc import WarcRecordType
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleaner.audit import audit_output
from cleaner.manifest import shard_files as archive_files
from cleaner.warc import GZIP_LEVEL, gzip_member, iter_records, make_run_info
from conftest import SEEDS, clean_into

# warcio's own validator (the `warcio check` command; warcio has no __main__ module)
WARCIO_CHECK = [sys.executable, "-c", "import sys; from warcio.cli import main; main(sys.argv[1:])", "check", "-v"]
STORY = ("Ferry service resumes\n\nThe island ferry ran again on Monday after a week of storms kept it in port, "
         "the operator said in a statement.\n\nShare on Facebook\n")


def _fast_records(path: Path) -> list:
    with path.open("rb") as stream:
        return [(r, r.verify_block_digest(), bytes(r.reader.read())) for r in
                FastIterator(stream, record_types=WarcRecordType.any_type, parse_http=False)]


def test_fastwarc_reads_every_record_with_valid_digests(seeds_out: Path) -> None:
    [warc] = archive_files(seeds_out)
    records = _fast_records(warc)
    types = [r.headers["WARC-Type"] for r, _, _ in records]
    assert types == ["warcinfo"] + ["resource", "conversion", "metadata"] * 5
    assert all(ok for _, ok, _ in records)
    warcinfo_id = records[0][0].headers["WARC-Record-ID"]
    for record, _, _ in records[1:]:
        assert record.headers["WARC-Warcinfo-ID"] == warcinfo_id
        assert "WARC-Payload-Digest" not in record.headers
        assert record.headers["WARC-Block-Digest"].startswith("sha1:")
    info = records[0][2].decode()
    assert "format: WARC File Format 1.1" in info and "conformsTo: " in info and "config-digest: sha256:" in info
    assert records[0][0].headers["WARC-Filename"] == warc.name


def test_records_are_linked(seeds_out: Path) -> None:
    [warc] = archive_files(seeds_out)
    records = list(iter_records(warc))[1:]
    for resource, conversion, metadata in zip(records[0::3], records[1::3], records[2::3]):
        assert conversion.headers["WARC-Refers-To"] == resource.id
        assert metadata.headers["WARC-Refers-To"] == conversion.id
        assert resource.headers["WARC-Target-URI"] == conversion.headers["WARC-Target-URI"]
        assert resource.headers["WARC-Target-URI"].startswith("file:///0")
        assert conversion.headers["Content-Type"] == "text/plain; charset=utf-8"
        meta = json.loads(metadata.block)
        assert meta["raw_sha256"] and meta["ledger"]["kept"] and meta["config_digest"]
        assert str(SEEDS) not in metadata.block.decode()  # no absolute paths leak


def test_warcio_check_passes(seeds_out: Path) -> None:
    [warc] = archive_files(seeds_out)
    result = subprocess.run(WARCIO_CHECK + [str(warc)], capture_output=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(b"digest pass") == 16


def test_two_runs_are_byte_identical_with_source_date_epoch(tmp_path: Path) -> None:
    clean_into([SEEDS], tmp_path / "a")
    clean_into([SEEDS], tmp_path / "b")
    [a], [b] = archive_files(tmp_path / "a"), archive_files(tmp_path / "b")
    assert a.name == b.name and a.read_bytes() == b.read_bytes()
    for name in ("manifest.jsonl", "articles.jsonl", f"shards/{a.name.replace('.warc.gz', '.cdxj')}"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    clean_into([SEEDS], tmp_path / "c", epoch="1700000001")
    assert archive_files(tmp_path / "c")[0].read_bytes() != a.read_bytes()


def test_a_run_without_source_date_epoch_writes_members_every_reader_takes(tmp_path: Path) -> None:
    """Without SOURCE_DATE_EPOCH the members come from ISA-L, not zlib: the same checks hold."""
    clean_into([SEEDS], tmp_path / "out", epoch=None)
    [warc] = archive_files(tmp_path / "out")
    assert [ok for _, ok, _ in _fast_records(warc)] == [True] * 16
    result = subprocess.run(WARCIO_CHECK + [str(warc)], capture_output=True)
    assert result.returncode == 0 and result.stdout.count(b"digest pass") == 16, result.stdout + result.stderr
    assert audit_output(tmp_path / "out").ok
    reference = tmp_path / "reference"
    clean_into([SEEDS], reference)
    assert (tmp_path / "out" / "articles.jsonl").read_bytes() == (reference / "articles.jsonl").read_bytes()
    if importlib.util.find_spec("isal") is not None:  # the members are ISA-L's, the reproducible run's zlib's
        assert not _zlib_members(warc) and _zlib_members(archive_files(reference)[0])


def _zlib_members(warc: Path) -> bool:
    """Whether the file's first record (after the warcinfo) is zlib's level-1 member of its bytes."""
    data = warc.read_bytes()
    first = zlib.decompressobj(wbits=31)
    first.decompress(data)
    second = zlib.decompressobj(wbits=31)
    record = second.decompress(first.unused_data)
    member = first.unused_data[: len(first.unused_data) - len(second.unused_data)]
    return member == zlib.compress(record, GZIP_LEVEL, wbits=31)


def test_gzip_members_are_zlib_when_reproducible_and_plain_gzip_either_way() -> None:
    record = STORY.encode() * 20
    for reproducible in (True, False):
        member = gzip_member(record, reproducible)
        assert member[:4] == b"\x1f\x8b\x08\x00" and member[4:8] == bytes(4)  # no name, mtime 0
        assert gzip.decompress(member + member) == record * 2  # members concatenate, as in a WARC file
    assert gzip_member(record, True) == zlib.compress(record, GZIP_LEVEL, wbits=31)
    if importlib.util.find_spec("isal") is not None:
        assert gzip_member(record, False) != gzip_member(record, True)
    assert make_run_info(0, "", "d", "1", "1700000000").reproducible
    assert not make_run_info(0, "", "d", "1", None).reproducible


def test_target_uri_is_relative_and_percent_encoded(tmp_path: Path) -> None:
    (tmp_path / "in" / "sub dir").mkdir(parents=True)
    (tmp_path / "in" / "sub dir" / "my story#1.txt").write_text(STORY)
    clean_into([tmp_path / "in"], tmp_path / "out")
    uris = {r.headers.get("WARC-Target-URI") for r in iter_records(archive_files(tmp_path / "out")[0])}
    assert uris == {None, "file:///sub%20dir/my%20story%231.txt"}
    assert (tmp_path / "out" / "articles" / "sub dir" / "my story#1.txt").exists()


def _crawl(path: Path) -> str:
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/plain; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record("https://news.example/ferry", "response",
                                           payload=io.BytesIO(STORY.encode()), http_headers=http)
        writer.write_record(record)
    return record.rec_headers.get_header("WARC-Record-ID")


def test_warc_input_refers_to_the_crawl_record(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.warc.gz"
    original_id = _crawl(crawl)
    clean_into([crawl], tmp_path / "out")
    [warc] = archive_files(tmp_path / "out")
    records = list(iter_records(warc))
    assert [r.rec_type for r in records] == ["warcinfo", "conversion", "metadata"]
    assert f"source-warc: {crawl}" in records[0].block.decode()
    conversion = records[1]
    assert conversion.headers["WARC-Refers-To"] == original_id
    assert conversion.headers["WARC-Target-URI"] == "https://news.example/ferry"
    assert conversion.block.decode().startswith("Ferry service resumes")
    assert json.loads(records[2].block)["origin"]["record_id"] == original_id
    result = audit_output(tmp_path / "out")
    assert result.ok and not result.warnings, result.problems


def test_audit_names_a_changed_or_missing_crawl(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.warc.gz"
    _crawl(crawl)
    clean_into([crawl], tmp_path / "out")
    crawl.rename(tmp_path / "moved.warc.gz")
    gone = audit_output(tmp_path / "out")
    assert gone.ok and len(gone.warnings) == 1 and "is gone" in gone.warnings[0] and str(crawl) in gone.warnings[0]
    _crawl(crawl)  # a new crawl under the old name: new record id
    changed = audit_output(tmp_path / "out")
    assert any("not found in the original crawl" in str(p) for p in changed.problems)


def test_jsonl_line_and_metadata_block_are_the_plain_dicts_as_compact_json():
    """The sink serialises dataclasses directly (jsonbytes): the bytes must equal what the
    plain `to_dict` form gives through the standard library, and read back the same."""
    from cleaner import clean_text
    from cleaner.warc import jsonl_line

    article = clean_text("Héllo wörld, the council said on Tuesday.\n\nPhoto: Reuters\n\nRead more: x\n")
    assert article.removals  # removals and ledger entries are present to serialise
    line = jsonl_line("a/b.txt", article)
    plain = {"id": "a/b.txt", **article.to_dict()}
    assert line == (json.dumps(plain, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    assert json.loads(line) == plain


def test_jsonbytes_writes_a_lone_surrogate_as_an_escape():
    from cleaner.jsonbytes import dumps

    data = dumps({"text": "a\ud800b"})
    assert json.loads(data) == {"text": "a\ud800b"}


def test_record_ids_and_block_digests_are_the_standard_ones():
    """Spelled out for speed: they must equal uuid.uuid5 and warcio's base32 SHA-1."""
    import base64
    import hashlib
    import uuid

    from cleaner.warc import _RECORD_NAMESPACE, block_digest, record_id

    for name in ("", "run/a.txt/resource", "ünïcode/x", "x" * 500):
        namespace = uuid.UUID(bytes=_RECORD_NAMESPACE)
        assert str(namespace) == "6f1d3c2e-7d8b-5e0a-9c41-2b6f0e4d9a11"
        assert record_id("r1", name) == f"<urn:uuid:{uuid.uuid5(namespace, 'r1/' + name)}>"
    for block in (b"", b"a", bytes(range(256)) * 40):
        assert block_digest(block) == "sha1:" + base64.b32encode(hashlib.sha1(block).digest()).decode()


def test_cdxj_keys_are_surts_without_importing_tldextract() -> None:
    """surt's own keys (the ones cdxj-indexer writes), in a process that never loads
    tldextract or requests; the stand-in still forwards to tldextract when it is used."""
    code = (
        "import sys\n"
        "from cleaner.cdxj import url_key\n"
        "keys = [url_key(u) for u in ('http://www.Example.com/a?b=1', 'urn:x', 'https://bbc.co.uk/')]\n"
        "print(keys, 'requests' in sys.modules, type(sys.modules['tldextract']).__name__)\n"
        "import tldextract\n"
        "print(callable(tldextract.TLDExtract), type(sys.modules['tldextract']).__name__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert out[0] == "['com,example)/a?b=1', 'urn:x', 'uk,co,bbc)/'] False _OnFirstUse"
    assert out[1] == "True module"


def test_the_tldextract_stand_in_has_the_real_spec() -> None:
    """Libraries that look for tldextract (`importlib.util.find_spec`) still find it."""
    code = ("import importlib.util, sys\nfrom cleaner.cdxj import url_key\nurl_key('http://a.com/')\n"
            "print(importlib.util.find_spec('tldextract').name, 'requests' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "tldextract False"
