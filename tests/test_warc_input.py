"""Reading crawls: document records in, everything else skipped, damage reported."""
from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import cleaner
from cleaner.config import Config
from cleaner.readers import read_path
from cleaner.warc_input import WarcDamage, WarcStats, iter_documents, sniff_warc

STORY = (
    "The council voted on Tuesday night to keep the old library open for at least another five years. "
    "Campaigners had gathered more than four thousand signatures in a petition against the closure plan."
)
PAGE = (
    "<html><head><title>Library saved</title></head><body><article>"
    f"<p>{STORY}</p><p>The building, which dates from 1904, will get a new roof and step-free access.</p>"
    "<div class='social-share'>Share this story on Facebook</div></article></body></html>"
)
TEXT = "Ferry service resumes\n\nThe island ferry ran again on Monday after a week of storms kept it in port."


def _chunked(body: bytes) -> bytes:
    return b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (body[:50], body[50:])) + b"0\r\n\r\n"


def _response(writer: WARCWriter, uri: str, body: bytes, headers: list[tuple[str, str]], status: str = "200 OK"):
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http))


def write_crawl(path: Path, gzipped: bool = True) -> None:
    """A small crawl: 3 documents (plain, chunked+gzip, resource), 4 records to skip."""
    with path.open("wb") as f:
        w = WARCWriter(f, gzip=gzipped)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test"}))
        req = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "news.example")], is_http_request=True)
        w.write_record(w.create_warc_record("https://news.example/a", "request", payload=io.BytesIO(b""), http_headers=req))
        _response(w, "https://news.example/a", PAGE.encode(), [("Content-Type", "text/html; charset=utf-8")])
        _response(w, "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n....", [("Content-Type", "image/png")])
        _response(w, "https://news.example/gone", b"<html>gone</html>", [("Content-Type", "text/html")], "404 Not Found")
        encoded = _chunked(gzip.compress(PAGE.replace("Library saved", "Library kept").encode("cp1252")))
        _response(w, "https://news.example/b", encoded, [
            ("Content-Type", "text/html; charset=windows-1252"), ("Content-Encoding", "gzip"),
            ("Transfer-Encoding", "chunked"),
        ])
        w.write_record(w.create_warc_record(
            "urn:text:ferry", "resource", payload=io.BytesIO(TEXT.encode()), warc_content_type="text/plain"))
        w.write_record(w.create_warc_record("urn:bin", "resource", payload=io.BytesIO(b"\x00\x01"), warc_content_type="application/octet-stream"))


@pytest.fixture()
def crawl(tmp_path: Path) -> Path:
    path = tmp_path / "crawl.warc.gz"
    write_crawl(path)
    return path


def test_documents_and_skipped_records_are_counted(crawl):
    stats = WarcStats()
    docs = list(iter_documents(crawl, stats=stats))
    assert [d.target_uri for d in docs] == ["https://news.example/a", "https://news.example/b", "urn:text:ferry"]
    assert stats.documents == 3
    assert stats.skipped == {"warcinfo": 1, "request": 1, "not HTML or text (image/png)": 1, "HTTP status 404": 1,
                             "not HTML or text (application/octet-stream)": 1}
    assert docs[1].payload.startswith(b"<html>")  # chunked and gzip undone
    assert len({d.offset for d in docs}) == 3 and docs[0].offset > 0


def test_iter_warc_is_lazy_and_cleans_each_document(crawl):
    articles = cleaner.iter_warc(crawl)
    first = next(articles)
    assert first.title == "Library saved" and STORY in first.text and "Share this story" not in first.text
    rest = list(articles)
    assert rest[0].title == "Library kept"
    assert rest[1].text.endswith("a week of storms kept it in port.")
    assert rest[1].url == "urn:text:ferry"


def test_read_path_gives_items_with_origin_and_stable_sources(crawl, tmp_path):
    items = list(read_path(crawl, "in/crawl.warc.gz", Config(), 10_000_000))
    assert [i.ok for i in items] == [True, True, True]
    first = items[0]
    assert first.source == f"in/crawl.warc.gz#{first.origin['offset']}"
    assert set(first.origin) == {"warc_file", "record_id", "target_uri", "date", "offset"}
    assert first.origin["warc_file"] == str(crawl)
    assert first.origin["record_id"].startswith("<urn:uuid:")
    assert first.origin["target_uri"] == "https://news.example/a"
    assert first.raw == PAGE.encode() and first.content_type.startswith("text/html")
    assert [i.source for i in read_path(crawl, "in/crawl.warc.gz", Config(), 10_000_000)] == [i.source for i in items]


def test_uncompressed_crawl_is_read_too(tmp_path):
    path = tmp_path / "plain.warc"
    write_crawl(path, gzipped=False)
    assert sniff_warc(path.read_bytes()[:64])
    assert len(list(cleaner.iter_warc(path))) == 3


def test_truncated_crawl_keeps_records_before_the_damage_and_reports_its_offset(crawl, tmp_path):
    data = crawl.read_bytes()
    docs = [d for d in iter_documents(crawl)]
    cut = docs[1].offset + 40  # inside the second document's gzip member
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(data[:cut])
    items = list(read_path(broken, "broken.warc.gz", Config(), 10_000_000))
    assert items[0].ok and items[0].origin["target_uri"] == "https://news.example/a"
    assert not items[-1].ok and f"damaged crawl at offset {docs[1].offset}" in items[-1].error
    assert items[-1].source == f"broken.warc.gz#{docs[1].offset}"
    with pytest.raises(cleaner.InputError, match="damaged crawl"):
        list(cleaner.iter_warc(broken))


def test_garbage_after_records_is_damage_not_a_crash(crawl, tmp_path):
    broken = tmp_path / "garbage.warc.gz"
    broken.write_bytes(crawl.read_bytes() + b"this is not a warc record\r\n" * 3)
    results = list(iter_documents(broken))
    assert len([r for r in results if not isinstance(r, WarcDamage)]) == 3
    assert isinstance(results[-1], WarcDamage)


def test_record_without_main_text_is_an_error_item(tmp_path):
    path = tmp_path / "empty.warc"
    with path.open("wb") as f:
        w = WARCWriter(f, gzip=False)
        _response(w, "https://news.example/nav", b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
                  [("Content-Type", "text/html")])
    (item,) = read_path(path, "empty.warc", Config(), 10_000_000)
    assert not item.ok and item.error.startswith(f"empty.warc#{item.origin['offset']}: no main text found")
