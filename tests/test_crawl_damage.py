"""Cut and corrupt crawls: every complete record before the damage, no partial record, real offsets.

Each crawl is cut at every byte offset. For a cut at c the documents must be
exactly those of the records that end at or before c, and a fatal WarcDamage
must name the start of the record (or gzip member) that c falls in, unless c is
a record boundary.
"""
from __future__ import annotations

import gzip
import zlib
import io
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleaner.crawl.records import FIRST
from cleaner.warc_input import WarcDamage, WarcDocument, WarcStats, iter_documents, iter_file_documents

PAGE = b"<html><head><title>T</title></head><body><p>The ferry ran again on Monday after the storms.</p></body></html>"


def _response(w: WARCWriter, uri: str, body: bytes, headers: list[tuple[str, str]], status: str = "200 OK") -> None:
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http))


def build_warc(gzipped: bool, version: str = "WARC/1.0") -> bytes:
    """Nine records of seven types; five are documents (html, chunked+gzip html, text resource, WET text, 1.1)."""
    out = io.BytesIO()
    w = WARCWriter(out, gzip=gzipped, warc_version=version)
    w.write_record(w.create_warcinfo_record("t.warc", {"software": "test"}))
    req = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "x.example")], is_http_request=True)
    w.write_record(w.create_warc_record("https://x.example/a", "request", payload=io.BytesIO(b""), http_headers=req))
    _response(w, "https://x.example/a", PAGE, [("Content-Type", "text/html")])
    body = gzip.compress(PAGE.replace(b"Monday", b"Tuesday"))
    chunked = b"%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n" % (20, body[:20], len(body) - 20, body[20:])
    _response(w, "https://x.example/b", chunked, [("Content-Type", "text/html"), ("Content-Encoding", "gzip"),
                                                  ("Transfer-Encoding", "chunked")])
    _response(w, "https://x.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(40)), [("Content-Type", "image/png")])
    w.write_record(w.create_warc_record("urn:x:text", "resource", payload=io.BytesIO(b"Plain text.\r\n\r\n"),
                                        warc_content_type="text/plain"))
    w.write_record(w.create_warc_record("https://x.example/a", "metadata", payload=io.BytesIO(b"fetchTimeMs: 12\r\n"),
                                        warc_content_type="application/warc-fields"))
    w.write_record(w.create_warc_record("https://x.example/c", "conversion", payload=io.BytesIO(b"WET text\nline two\n"),
                                        warc_content_type="text/plain"))
    _response(w, "https://x.example/d", b"", [("Content-Type", "text/plain")])  # empty body: a document too
    return out.getvalue()


def record_starts(data: bytes) -> list[int]:
    """Record offsets as warcio finds them in the intact file."""
    it = ArchiveIterator(io.BytesIO(data))
    return [it.get_record_offset() for _ in it]


def walk(path: Path | None, data: bytes) -> list[WarcDocument | WarcDamage]:
    """Read `data` as a crawl: through a file at `path`, or from memory when path is None (fast)."""
    if path is None:
        return list(iter_file_documents(io.BytesIO(data)))
    path.write_bytes(data)
    return list(iter_documents(path))


def cut_offsets(size: int, boundaries: set[int], every: int) -> list[int]:
    """Every offset within 16 bytes of a boundary (record and member ends), every `every`-th elsewhere."""
    near = {c for b in boundaries for c in range(b - 16, b + 17)}
    return sorted(c for c in range(size + 1) if c in near or c % every == 0)


def check_every_cut(tmp_path: Path, data: bytes, starts: list[int], ends: list[int] | None = None,
                    every: int = 1) -> int:
    """Cut `data` at each offset (see cut_offsets); `ends[i]`: where record i is complete (default: next start).

    Returns the number of cuts checked."""
    path = tmp_path / "cut"
    intact = walk(path, data)
    assert not any(isinstance(d, WarcDamage) for d in intact)
    bounds = starts + [len(data)]
    ends = ends or bounds[1:]
    end_of = {d.offset: ends[starts.index(d.offset)] for d in intact}
    boundaries = set(bounds) | set(ends)
    cuts = cut_offsets(len(data), boundaries, every)
    for cut in cuts:
        items = walk(path if cut % 97 == 0 else None, data[:cut])  # some through real files
        docs = [i for i in items if isinstance(i, WarcDocument)]
        assert [(d.offset, d.payload) for d in docs] == \
            [(d.offset, d.payload) for d in intact if end_of[d.offset] <= cut], cut
        damage = [i for i in items if isinstance(i, WarcDamage)]
        if cut in boundaries:
            assert not damage, (cut, damage)
            continue
        assert len(damage) == 1 and damage[0].fatal and items[-1] is damage[0], (cut, items)
        assert damage[0].offset == max(s for s in starts if s <= cut), (cut, damage[0])
    return len(cuts)


@pytest.mark.parametrize("gzipped", [True, False], ids=["gzip", "plain"])
def test_warc_cut_at_every_offset(tmp_path, gzipped):
    data = build_warc(gzipped)
    starts = record_starts(data)
    assert len(starts) == 9 and len([d for d in walk(tmp_path / "w", data) if isinstance(d, WarcDocument)]) == 5
    assert check_every_cut(tmp_path, data, starts, every=3) > len(data) // 3


def test_warc_1_1_cut_at_every_offset(tmp_path):
    data = build_warc(True, "WARC/1.1")
    assert data[:20].startswith(b"\x1f\x8b") and gzip.decompress(data).startswith(b"WARC/1.1\r\n")
    check_every_cut(tmp_path, data, record_starts(data), every=7)


ARC_RECORDS = [
    (b"http://x.example/a", "text/html", b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + PAGE),
    (b"dns:x.example", "text/dns", b"20090101000000\nx.example. 600 IN A 10.0.0.1\n"),
    (b"http://x.example/b c", "text/plain", b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nA text page."),
]


def build_arc(gzipped: bool, newline_after: bool = True) -> tuple[bytes, list[int], list[int]]:
    """An ARC v1 file (filedesc + 3 records; a URL with a space), with record starts and complete ends."""
    version = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    records = [(b"filedesc://t.arc", "text/plain", version)] + ARC_RECORDS
    out, starts, ends = b"", [], []
    for url, ctype, content in records:
        record = b"%s 10.0.0.1 20090917193309 %s %d\n%s" % (url, ctype.encode(), len(content), content)
        starts.append(len(out))
        if gzipped:
            record = gzip.compress(record + b"\n", mtime=0)
            out += record
            ends.append(len(out))
        else:
            out += record
            ends.append(len(out))
            out += b"\n" if newline_after else b""
    return out, starts, ends


@pytest.mark.parametrize("gzipped", [True, False], ids=["gzip", "plain"])
def test_arc_cut_at_every_offset(tmp_path, gzipped):
    data, starts, ends = build_arc(gzipped)
    docs = [d for d in walk(tmp_path / "a", data) if isinstance(d, WarcDocument)]
    assert [(d.target_uri, d.rec_type, d.date) for d in docs] == [
        ("http://x.example/a", "response", "2009-09-17T19:33:09Z"),
        ("http://x.example/b c", "response", "2009-09-17T19:33:09Z"),
    ]
    assert docs[0].payload == PAGE and docs[1].payload == b"A text page."
    check_every_cut(tmp_path, data, starts, ends)


def test_arc_warcio_reads_the_same_records(tmp_path):
    """Cross-check the hand-built ARC against warcio's own ARC reader."""
    data, starts, _ = build_arc(True)
    it = ArchiveIterator(io.BytesIO(data), arc2warc=True)
    assert [it.get_record_offset() for _ in it] == starts


GARBAGE = [b"this is not a warc record\r\n" * 3, b"\x1f\x8b\x08\x00garbage after a magic", b"X", b"\x00" * 600]


@pytest.mark.parametrize("gzipped", [True, False], ids=["gzip", "plain"])
@pytest.mark.parametrize("garbage", GARBAGE, ids=["text", "fake-gzip", "short", "zeros"])
def test_garbage_between_records_stops_there(tmp_path, gzipped, garbage):
    data = build_warc(gzipped)
    starts = record_starts(data)
    intact = [d for d in walk(tmp_path / "w", data)]
    for k in (2, 5, len(starts)):  # inserted after record 2 and 5, and appended at the end
        at = starts[k] if k < len(starts) else len(data)
        items = walk(tmp_path / "g", data[:at] + garbage + data[at:])
        assert items[:-1] == [d for d in intact if d.offset < at]
        assert isinstance(items[-1], WarcDamage) and items[-1].fatal and items[-1].offset == at, items[-1]


def test_blank_lines_between_plain_records_are_tolerated(tmp_path):
    data = build_warc(False)
    starts = record_starts(data)
    spaced = data[: starts[3]] + b"\r\n\r\n" + data[starts[3] :] + b"\r\n"
    docs = walk(None, spaced)
    assert [d.payload for d in docs] == [d.payload for d in walk(None, data)]
    assert all(isinstance(d, WarcDocument) for d in docs)


def test_newlines_between_or_after_gzip_members_are_tolerated(tmp_path):
    data = build_warc(True)
    starts = record_starts(data)
    spaced = data[: starts[3]] + b"\n" + data[starts[3] :] + b"\r\n\n"
    docs = walk(tmp_path / "s", spaced)
    assert [d.payload for d in docs] == [d.payload for d in walk(tmp_path / "d", data)]
    assert all(isinstance(d, WarcDocument) for d in docs)
    items = walk(tmp_path / "t", data + b"\n\nnot a member")  # text after the newlines is still damage
    assert isinstance(items[-1], WarcDamage) and items[-1].offset == len(data) + 2


def test_corrupt_gzip_member_is_fatal_at_its_offset(tmp_path):
    data = bytearray(build_warc(True))
    starts = record_starts(bytes(data))
    data[starts[2] + 30] ^= 0xFF  # inside the deflate stream of the first html response
    items = walk(tmp_path / "c", bytes(data))
    assert items[-1] == WarcDamage(starts[2], items[-1].reason) and "gzip" in items[-1].reason
    assert not [i for i in items if isinstance(i, WarcDocument)]


def _tamper(data: bytes, old: bytes, new: bytes) -> bytes:
    assert data.count(old) == 1 and len(old) == len(new)
    return data.replace(old, new)


def test_block_digest_mismatch_is_a_record_error_and_reading_goes_on(tmp_path):
    data = _tamper(build_warc(False), b"ferry ran again on Monday", b"ferry ran again on Sunday")
    stats = WarcStats()
    (tmp_path / "d").write_bytes(data)
    items = list(iter_documents(tmp_path / "d", stats=stats))
    bad = [i for i in items if isinstance(i, WarcDamage)]
    assert len(bad) == 1 and not bad[0].fatal and bad[0].target_uri == "https://x.example/a"
    assert bad[0].offset == record_starts(data)[2] and bad[0].record_id.startswith("<urn:uuid:")
    assert "WARC-Block-Digest" in bad[0].reason
    assert len([i for i in items if isinstance(i, WarcDocument)]) == 4 and stats.damaged == 1
    assert items.index(bad[0]) == 0  # in file order: the damaged record is the first document record


def _raw_record(headers: list[tuple[str, str]], block: bytes) -> bytes:
    lines = "".join(f"{k}: {v}\r\n" for k, v in headers + [("Content-Length", str(len(block)))])
    return b"WARC/1.0\r\n" + lines.encode() + b"\r\n" + block + b"\r\n\r\n"


def _resource(digest_header: str, digest: str, body: bytes = b"Some text.") -> bytes:
    return _raw_record([("WARC-Type", "resource"), ("WARC-Target-URI", "urn:t"), ("Content-Type", "text/plain"),
                        (digest_header, digest)], body)


@pytest.mark.parametrize("digest", [
    "sha1:{b32}", "SHA-1:{b32lower}", "sha1:{hex}", "sha256:{b32_256}", "sha256:{hex_256}", "sha-256:{b64_256}",
])
def test_digest_forms_are_understood(tmp_path, digest):
    import base64
    import hashlib

    body = b"Some text."
    s1, s256 = hashlib.sha1(body).digest(), hashlib.sha256(body).digest()
    forms = {"b32": base64.b32encode(s1).decode(), "b32lower": base64.b32encode(s1).decode().lower(),
             "hex": s1.hex(), "b32_256": base64.b32encode(s256).decode(), "hex_256": s256.hex().upper(),
             "b64_256": base64.b64encode(s256).decode()}
    good = digest.format(**forms)
    for header in ("WARC-Block-Digest", "WARC-Payload-Digest"):
        (items,) = [walk(tmp_path / "g", _resource(header, good))]
        assert [type(i) for i in items] == [WarcDocument], (header, good, items)
        (bad,) = walk(tmp_path / "b", _resource(header, good, b"Some test."))
        assert isinstance(bad, WarcDamage) and not bad.fatal and header in bad.reason


def test_payload_digest_of_dechunked_body_is_accepted(tmp_path):
    import base64
    import hashlib

    entity = b"Hello chunked world"
    chunked = b"5\r\nHello\r\ne\r\n chunked world\r\n0\r\n\r\n"
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
    sha = base64.b32encode(hashlib.sha1(entity).digest()).decode()
    record = _raw_record([("WARC-Type", "response"), ("WARC-Target-URI", "https://x.example/"),
                          ("Content-Type", "application/http; msgtype=response"),
                          ("WARC-Payload-Digest", f"sha1:{sha}")], http + chunked)
    (doc,) = walk(tmp_path / "p", record)
    assert isinstance(doc, WarcDocument) and doc.payload == entity
    (bad,) = walk(tmp_path / "q", record.replace(b"chunked world", b"chunked w0rld"))
    assert isinstance(bad, WarcDamage) and "WARC-Payload-Digest" in bad.reason


def test_payload_digest_disagreement_is_not_damage_when_the_block_digest_holds(tmp_path):
    import base64
    import hashlib

    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nDecoded body"
    record = _raw_record([
        ("WARC-Type", "response"), ("WARC-Target-URI", "https://x.example/"),
        ("Content-Type", "application/http; msgtype=response"),
        ("WARC-Payload-Digest", "sha1:" + base64.b32encode(hashlib.sha1(b"what was sent").digest()).decode()),
        ("WARC-Block-Digest", "sha1:" + base64.b32encode(hashlib.sha1(block).digest()).decode()),
    ], block)
    stats = WarcStats()
    (tmp_path / "cc").write_bytes(record)
    (doc,) = iter_documents(tmp_path / "cc", stats=stats)
    assert doc.payload == b"Decoded body" and stats.damaged == 0


def test_revisit_digests_describe_the_original_and_are_not_checked(tmp_path):
    record = _raw_record([("WARC-Type", "revisit"), ("WARC-Target-URI", "https://x.example/"),
                          ("WARC-Payload-Digest", "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")], b"")
    stats = WarcStats()
    (tmp_path / "r").write_bytes(record)
    assert list(iter_documents(tmp_path / "r", stats=stats)) == [] and stats.skipped == {"revisit": 1}


def test_wrong_length_inside_a_gzip_member_skips_that_member_only(tmp_path):
    good = _resource("WARC-Type-Note", "x")
    bad = good.replace(b"Content-Length: 10", b"Content-Length: 12")
    data = gzip.compress(good) + gzip.compress(bad) + gzip.compress(good)
    items = walk(tmp_path / "m", data)
    assert [type(i) for i in items] == [WarcDocument, WarcDamage, WarcDocument]
    assert not items[1].fatal and items[1].offset == len(gzip.compress(good))
    plain = walk(tmp_path / "n", good + bad + good)  # the same in a plain file: framing lost, fatal
    assert [type(i) for i in plain] == [WarcDocument, WarcDamage] and plain[1].fatal
    assert plain[1].offset == len(good)


def test_records_sharing_one_gzip_member_are_read_with_distinct_positions(tmp_path):
    data = build_warc(False)
    items = walk(tmp_path / "one", gzip.compress(data))
    docs = [i for i in items if isinstance(i, WarcDocument)]
    assert len(docs) == 5 and {d.offset for d in docs} == {0}
    assert len({d.offset_in_member for d in docs}) == 5
    assert [d.payload for d in docs] == [d.payload for d in walk(tmp_path / "plain", data)]


def test_arc_without_newlines_between_records_reads_the_same(tmp_path):
    data, starts, ends = build_arc(False, newline_after=False)
    docs = walk(None, data)
    assert [d.payload for d in docs] == [d.payload for d in walk(None, build_arc(False)[0])]
    check_every_cut(tmp_path, data, starts, ends, every=1)


def test_arc_record_with_a_short_archive_length_is_damage_not_a_cut_document(tmp_path):
    """Common Crawl's 2012 ARCs have records whose Archive-length misses their last bytes."""
    data, starts, _ = build_arc(True)
    member = gzip.decompress(data[starts[1] : starts[2]])
    wrong = member.replace(b" %d\n" % len(ARC_RECORDS[0][2]), b" %d\n" % (len(ARC_RECORDS[0][2]) - 3), 1)
    bad = data[: starts[1]] + gzip.compress(wrong) + data[starts[2] :]
    items = walk(None, bad)
    assert [type(i) for i in items] == [WarcDamage, WarcDocument]
    assert not items[0].fatal and items[0].offset == starts[1] and "Archive-length" in items[0].reason
    plain = walk(None, gzip.decompress(bad))  # plain: the framing is lost there, so it is fatal
    assert [type(i) for i in plain] == [WarcDamage] and plain[0].fatal
    assert plain[0].offset == len(gzip.decompress(data[: starts[1]]))


def test_large_records_are_streamed_digested_and_limited(tmp_path):
    """Blocks larger than the read chunks: digests still hold, the size limit applies, later records follow."""
    big_page = b"<html><body><article>" + b"<p>A sentence of the long story goes here.</p>" * 25000 + b"</article></body></html>"
    out = io.BytesIO()
    w = WARCWriter(out, gzip=True)
    _response(w, "https://x.example/big.png", bytes(range(256)) * 5000, [("Content-Type", "image/png")])
    _response(w, "https://x.example/big", big_page, [("Content-Type", "text/html")])
    _response(w, "https://x.example/a", PAGE, [("Content-Type", "text/html")])
    data = out.getvalue()
    assert len(big_page) > FIRST
    docs = list(iter_file_documents(io.BytesIO(data)))
    assert [d.payload for d in docs] == [big_page, PAGE]
    limited = list(iter_file_documents(io.BytesIO(data), max_bytes=10_000))
    assert limited[0].payload is None and "10000-byte limit" in limited[0].size_error and limited[1].payload == PAGE
    # one byte changed past the first MiB, member recompressed: only the block digest can tell
    tail = big_page[-200:-100]
    bad = list(iter_file_documents(io.BytesIO(_rewrite_gzip_members(data, tail, tail.upper()))))
    assert [type(i) for i in bad] == [WarcDamage, WarcDocument] and not bad[0].fatal
    assert bad[0].target_uri == "https://x.example/big" and "WARC-Block-Digest" in bad[0].reason


def _rewrite_gzip_members(data: bytes, old: bytes, new: bytes) -> bytes:
    """Each member decompressed, changed once (first occurrence overall), recompressed."""
    out, pos, done = b"", 0, False
    while pos < len(data):
        d = zlib.decompressobj(31)
        member = d.decompress(data[pos:])
        pos = len(data) - len(d.unused_data)
        if not done and old in member:
            member, done = member.replace(old, new, 1), True
        out += gzip.compress(member)
    return out


def test_a_file_that_is_no_crawl_is_fatal_at_offset_zero(tmp_path):
    for data, fatal in ((b"just some text\n", True), (gzip.compress(b"just some text\n"), False)):
        (damage,) = walk(None, data)  # an intact gzip member holding no record: that member is the damage
        assert damage.fatal is fatal and damage.offset == 0 and "not a WARC or ARC record" in damage.reason
    (missing,) = iter_documents(tmp_path / "missing.warc")
    assert missing.fatal and "cannot read" in missing.reason


def test_a_crawl_cut_inside_its_first_gzip_header_is_a_damaged_crawl_not_a_binary_file(tmp_path):
    from cleaner.documents import read_documents, sniff
    from cleaner.inputs import input_file

    data = build_warc(gzipped=True)
    for cut in (2, 5, 9):  # inside the first member's 10-byte header
        path = tmp_path / f"cut{cut}.warc.gz"
        path.write_bytes(data[:cut])
        assert sniff(data[:cut], path.name) == "warc"
        [doc] = list(read_documents(input_file(path, path.name), 1 << 20))
        assert doc.error is not None and "damaged crawl at offset 0" in doc.error, doc.error
    assert sniff(data[:5], "photo.gz") == "text"  # only a crawl's name says it is a crawl cut short
