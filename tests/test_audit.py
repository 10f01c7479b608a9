"""`cleaner audit`: passes on good output, names the file/record/byte of any change."""
from __future__ import annotations

import gzip
import subprocess
from pathlib import Path

import pytest

from cleaner.audit import audit_output
from cleaner.manifest import shard_files as archive_files
from cleaner.warc import iter_records
from conftest import REPO, clean_into, run_cleaner
from test_warc import WARCIO_CHECK

SMALL = ("Ferry service resumes\n\nThe island ferry ran again on Monday after a week of storms kept it in port, "
         "the operator said.\n\nRead more: Storm damage on the coast\n")


def members(warc: Path) -> list[tuple[int, int]]:
    """(start, end) of every gzip member (one per record) in a WARC file."""
    starts = [rec.offset for rec in iter_records(warc)]
    return list(zip(starts, starts[1:] + [warc.stat().st_size]))


def rewrite_member(warc: Path, index: int, change) -> None:  # change: bytes -> bytes
    data = warc.read_bytes()
    start, end = members(warc)[index]
    record = change(gzip.decompress(data[start:end]))
    warc.write_bytes(data[:start] + gzip.compress(record, mtime=0) + data[end:])


def problems(out: Path) -> list[str]:
    return [str(p) for p in audit_output(out).problems]


def test_clean_output_and_committed_archive_pass(seeds_out: Path) -> None:
    result = audit_output(seeds_out)
    assert result.ok and result.articles == 5 and result.records == 16
    assert result.removed_chars["gallery.run"] > 0
    cli = run_cleaner("audit", "archive", cwd=REPO)
    assert cli.returncode == 0, cli.stderr
    assert b"passed: 5 articles in 1 shard, 16 records, 0 problems" in cli.stdout and b"gallery.run" in cli.stdout


def test_changed_byte_in_a_cleaned_file(seeds_out: Path) -> None:
    path = seeds_out / "articles" / "002_0a4b351bbc493375.txt"
    data = bytearray(path.read_bytes())
    data[40] ^= 0x01
    path.write_bytes(bytes(data))
    assert problems(seeds_out) == [f"{path}: byte 40: differs from the archived conversion record "
                                   + problems_conversion_id(seeds_out, "002_0a4b351bbc493375.txt")]
    cli = run_cleaner("audit", str(seeds_out))
    assert cli.returncode == 1 and b"002_0a4b351bbc493375.txt: byte 40" in cli.stderr


def problems_conversion_id(out: Path, source: str) -> str:
    [warc] = archive_files(out)
    records = list(iter_records(warc))
    uri = f"file:///{source}"
    [conv] = [r for r in records if r.rec_type == "conversion" and r.headers["WARC-Target-URI"] == uri]
    return f"{conv.id} in {warc.name}"


def test_changed_byte_in_a_warc_payload(seeds_out: Path) -> None:
    [warc] = archive_files(seeds_out)
    conversion = list(iter_records(warc))[5]
    assert conversion.rec_type == "conversion"
    rewrite_member(warc, 5, lambda rec: rec.replace(b"Syria", b"Syrie", 1))
    found = problems(seeds_out)
    assert any(warc.name in p and conversion.id in p and "block digest mismatch" in p for p in found), found
    check = subprocess.run(WARCIO_CHECK + [str(warc)], capture_output=True)
    assert check.returncode != 0  # warcio's validator sees it too


def test_changed_payload_with_a_recomputed_digest_is_still_caught(seeds_out: Path) -> None:
    """A forger who fixes WARC-Block-Digest is caught by the raw/cleaned hashes and the ledger."""
    import base64
    import hashlib

    [warc] = archive_files(seeds_out)
    resource = list(iter_records(warc))[4]

    def forge(rec: bytes) -> bytes:
        head, _, block = rec.partition(b"\r\n\r\n")
        block = block[:-4].replace(b"Syria", b"Syrie", 1) + block[-4:]
        digest = base64.b32encode(hashlib.sha1(block[:-4]).digest())
        head = head.replace(resource.headers["WARC-Block-Digest"].encode(), b"sha1:" + digest)
        return head + b"\r\n\r\n" + block

    rewrite_member(warc, 4, forge)
    found = problems(seeds_out)
    assert any(resource.id in p and "raw bytes do not match raw_sha256" in p for p in found), found
    assert any(resource.id in p and "raw text differs" in p for p in found), found


def test_changed_byte_in_articles_jsonl(seeds_out: Path) -> None:
    path = seeds_out / "articles.jsonl"
    lines = path.read_bytes().splitlines(keepends=True)
    line = bytearray(lines[2])
    line[300] = ord("#") if line[300] != ord("#") else ord("%")
    lines[2] = bytes(line)
    path.write_bytes(b"".join(lines))
    assert problems(seeds_out) == [f"{path}: line 3 (article '002_0a4b351bbc493375.txt'): byte 300 of the line "
                                   "differs from the archived record"]


def test_missing_extra_and_orphan_files(seeds_out: Path) -> None:
    (seeds_out / "articles" / "000_1de2ce12cdf259bd.txt").unlink()
    (seeds_out / "articles" / "stray.txt").write_text("not archived\n")
    with (seeds_out / "articles.jsonl").open("ab") as f:
        f.write(b'{"id": "extra"}\n')
    found = "\n".join(problems(seeds_out))
    assert "000_1de2ce12cdf259bd.txt: file: missing" in found
    assert "stray.txt: file: no archive holds this article" in found
    assert "articles.jsonl: line 6: 1 line(s) that no archive holds" in found


@pytest.fixture
def small_out(tmp_path: Path) -> Path:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ferry.txt").write_text(SMALL)
    clean_into([tmp_path / "in"], tmp_path / "out")
    assert audit_output(tmp_path / "out").ok
    return tmp_path / "out"


def test_every_byte_of_the_archive_is_covered(small_out: Path) -> None:
    """Change one byte at a time, at positions spread over every record (headers and
    blocks alike): the audit must fail every time."""
    [warc] = archive_files(small_out)
    original = warc.read_bytes()
    for index in range(len(members(warc))):
        record = gzip.decompress(original[slice(*members(warc)[index])])
        for pos in range(0, len(record) - 4, max(1, len(record) // 12)):
            def flip(rec: bytes, pos: int = pos) -> bytes:
                return rec[:pos] + bytes([rec[pos] ^ 0x01]) + rec[pos + 1 :]
            rewrite_member(warc, index, flip)
            assert problems(small_out), f"undetected change in record {index} at byte {pos}: {record[pos:pos+20]!r}"
            warc.write_bytes(original)
    assert audit_output(small_out).ok


def test_jsonl_texts_holding_a_bom_a_nul_or_control_characters_pass_their_audit(tmp_path: Path) -> None:
    """A JSONL `text` is cleaned as the string it is; the audit reads its archived UTF-8 the
    same way (before, it decoded it as a file: BOM stripped, NUL taken for a binary file)."""
    import json

    story = "The council met on Tuesday to discuss the harbour quotas for the coming season."
    texts = {"bom": "\ufeff" + story, "nul": story.replace("met", "met\x00"), "ctl": story.replace(" to", "\x07 to")}
    (tmp_path / "c.jsonl").write_text("".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in texts.items()))
    stats = clean_into([tmp_path / "c.jsonl"], tmp_path / "out")
    assert stats.documents == 3 and stats.failures == 0
    result = audit_output(tmp_path / "out")
    assert result.ok, result.problems


def test_a_crawl_with_two_records_of_one_id_passes_its_audit(tmp_path: Path) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    story = "The council voted on Tuesday night to keep the old library open for at least another five years."
    with (tmp_path / "c.warc.gz").open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for number in (1, 2):
            page = f"<html><body><article><h1>Library {number}</h1><p>{story} Vote {number}.</p></article></body></html>"
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            record = writer.create_warc_record(f"https://news.example/{number}", "response",
                                               payload=io.BytesIO(page.encode()), http_headers=http)
            record.rec_headers.replace_header("WARC-Record-ID", "<urn:uuid:00000000-0000-0000-0000-000000000001>")
            writer.write_record(record)
    assert clean_into([tmp_path / "c.warc.gz"], tmp_path / "out").documents == 2
    result = audit_output(tmp_path / "out")
    assert result.ok, result.problems


def test_what_a_killed_run_wrote_beyond_the_manifest_is_named_not_failed(tmp_path: Path) -> None:
    """A run killed between renaming a shard into place and writing its manifest line
    leaves that shard, its articles and their articles.jsonl lines: with the run's
    `.running` marker they are its leftovers (warnings), without it they are problems."""
    import json

    from conftest import SEEDS

    out, first = tmp_path / "out", tmp_path / "first"
    first.mkdir()
    for seed in sorted(SEEDS.iterdir())[:3]:
        (first / seed.name).write_bytes(seed.read_bytes())
    clean_into([first], out)
    clean_into([SEEDS], out)  # a second shard: the one whose commit is undone below
    manifest = (out / "manifest.jsonl").read_text().splitlines()
    assert len(manifest) == 2 and json.loads(manifest[1])["articles"] == 2
    (out / "manifest.jsonl").write_text(manifest[0] + "\n")
    (out / ".running").touch()
    interrupted = audit_output(out)
    assert interrupted.ok, interrupted.problems
    assert any("left by the run that did not end" in w for w in interrupted.warnings)
    (out / ".running").unlink()
    assert not audit_output(out).ok


def test_an_interrupt_waits_for_the_commit_in_progress() -> None:
    import os
    import signal

    from cleaner.pipeline import signals_deferred

    done = []
    with pytest.raises(KeyboardInterrupt):
        with signals_deferred():
            os.kill(os.getpid(), signal.SIGINT)
            done.append("commit")  # still runs: the signal is held until the block ends
    assert done == ["commit"]
