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
from cleaner.warc_input import WarcDamage, WarcStats, iter_documents, sniff_crawl, sniff_warc

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
    # A head as readers pass it: 64 bytes of a gzip member can end inside its Huffman
    # tables (they vary with the random record ids), before any text comes out.
    assert sniff_warc(path.read_bytes()[:4096])
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


def test_a_record_holding_part_of_its_page_is_an_error_never_an_article(tmp_path):
    """A crawler's WARC-Truncated, or an HTTP body shorter than its Content-Length:
    the page is not whole, so no article is made of it; its neighbours are cleaned."""
    path = tmp_path / "cut.warc.gz"
    body = PAGE.encode()
    with path.open("wb") as f:
        w = WARCWriter(f, gzip=True)
        _response(w, "https://news.example/whole", body, [("Content-Type", "text/html"),
                                                          ("Content-Length", str(len(body)))])
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("https://news.example/marked", "response", payload=io.BytesIO(body),
                                            http_headers=http, warc_headers_dict={"WARC-Truncated": "length"}))
        _response(w, "https://news.example/short", body[:200], [("Content-Type", "text/html"),
                                                                 ("Content-Length", str(len(body)))])
        _response(w, "https://news.example/chunked", _chunked(body), [  # chunked: Content-Length is not the body's
            ("Content-Type", "text/html"), ("Transfer-Encoding", "chunked"), ("Content-Length", "99999")])
        _response(w, "https://news.example/cut-chunks", _chunked(body)[:-5], [  # no zero-size chunk
            ("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")])
        _response(w, "https://news.example/cut-gzip", gzip.compress(body)[:-30], [
            ("Content-Type", "text/html"), ("Content-Encoding", "gzip")])
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("https://news.example/segment", "response", payload=io.BytesIO(body),
                                            http_headers=http, warc_headers_dict={"WARC-Segment-Number": "1"}))
        _response(w, "https://news.example/gzip", gzip.compress(body), [
            ("Content-Type", "text/html"), ("Content-Encoding", "gzip")])
    items = list(read_path(path, "cut.warc.gz", Config(), 10_000_000))
    assert [i.ok for i in items] == [True, False, False, True, False, False, False, True]
    assert "WARC-Truncated: length" in items[1].error and "not archived" in items[1].error
    assert f"200 bytes of the {len(body)}" in items[2].error
    assert "ends before its last chunk" in items[4].error
    assert "compressed HTTP body ends before" in items[5].error
    assert "segment 1" in items[6].error
    assert all(STORY in i.article.text for i in (items[0], items[3], items[7]))


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


WET_PAGES = [
    ("https://news.example/library", "eng", STORY + "\n\nThe building, which dates from 1904, will get a new roof."),
    ("https://news.example/ferry", "eng,fra", TEXT),
]


def write_wet(path: Path) -> list[str]:
    """A small WET file as Common Crawl writes it: warcinfo, then one conversion record per page."""
    refers = []
    with path.open("wb") as f:
        w = WARCWriter(f, gzip=True)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test", "description": "WET"}))
        for n, (uri, lang, text) in enumerate(WET_PAGES):
            refers.append(f"<urn:uuid:00000000-0000-0000-0000-00000000000{n}>")
            w.write_record(w.create_warc_record(uri, "conversion", payload=io.BytesIO(text.encode()),
                                                warc_content_type="text/plain", warc_headers_dict={
                                                    "WARC-Refers-To": refers[-1],
                                                    "WARC-Identified-Content-Language": lang,
                                                    "WARC-Date": "2026-01-02T03:04:05Z"}))
    return refers


def test_wet_conversion_records_are_documents_with_their_metadata(tmp_path):
    path = tmp_path / "crawl.warc.wet.gz"
    refers = write_wet(path)
    # A head as readers pass it: 64 bytes of a gzip member can end inside its Huffman
    # tables (they vary with the random record ids), before any text comes out.
    assert sniff_warc(path.read_bytes()[:4096])
    stats = WarcStats()
    docs = list(iter_documents(path, stats=stats))
    assert [(d.rec_type, d.target_uri, d.language, d.refers_to, d.date) for d in docs] == [
        ("conversion", uri, lang, ref, "2026-01-02T03:04:05Z") for (uri, lang, _), ref in zip(WET_PAGES, refers)]
    assert docs[1].payload == TEXT.encode() and docs[0].record_id.startswith("<urn:uuid:")
    assert stats.skipped == {"warcinfo": 1} and stats.documents == 2


def test_iter_warc_cleans_wet_pages(tmp_path):
    path = tmp_path / "crawl.warc.wet.gz"
    write_wet(path)
    articles = list(cleaner.iter_warc(path))
    assert [a.url for a in articles] == [uri for uri, _, _ in WET_PAGES]
    assert STORY in articles[0].text and articles[1].text.endswith("kept it in port.")


def test_iter_warc_reports_a_damaged_record_after_the_others(tmp_path):
    path = tmp_path / "crawl.warc.wet"
    with path.open("wb") as f:
        w = WARCWriter(f, gzip=False)
        for uri, _, text in WET_PAGES:
            w.write_record(w.create_warc_record(uri, "conversion", payload=io.BytesIO(text.encode()),
                                                warc_content_type="text/plain"))
    path.write_bytes(path.read_bytes().replace(b"five years", b"nine years"))  # the first block's digest fails
    articles = cleaner.iter_warc(path)
    assert next(articles).url == WET_PAGES[1][0]
    with pytest.raises(cleaner.InputError, match="1 damaged record"):
        next(articles)


def _arc_file(path: Path, gzipped: bool) -> None:
    records = [
        (b"filedesc://t.arc 0.0.0.0 20090917193309 text/plain", b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"),
        (b"https://news.example/a 10.0.0.1 20090917193310 text/html",
         b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + PAGE.encode()),
    ]
    out = b""
    for line, content in records:
        record = b"%s %d\n%s\n" % (line, len(content), content)
        out += gzip.compress(record) if gzipped else record
    path.write_bytes(out)


@pytest.mark.parametrize("gzipped", [True, False], ids=["arc.gz", "arc"])
def test_arc_crawls_are_sniffed_and_cleaned(tmp_path, gzipped):
    path = tmp_path / ("crawl.arc.gz" if gzipped else "crawl.arc")
    _arc_file(path, gzipped)
    head = path.read_bytes()[:64 * 1024]
    assert sniff_warc(head) and sniff_crawl(head) == ("arc.gz" if gzipped else "arc")
    (article,) = cleaner.iter_warc(path)
    assert article.title == "Library saved" and article.url == "https://news.example/a"
    (item,) = read_path(path, path.name, Config(), 10_000_000)
    assert item.ok and item.origin["date"] == "2009-09-17T19:33:10Z"


def test_sniffing_tells_crawls_from_other_files(tmp_path):
    plain = tmp_path / "p.warc"
    write_crawl(plain, gzipped=False)
    gz = tmp_path / "g.warc.gz"
    write_crawl(gz)
    assert sniff_crawl(plain.read_bytes()[:4096]) == "warc" and sniff_crawl(gz.read_bytes()[:4096]) == "warc.gz"
    assert sniff_crawl(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n") == "warc"
    for other in (b"WARC is a format", b"", b"<html>", gzip.compress(b"just text"), b"\x1f\x8bnot gzip",
                  b"filedesc: no"):
        assert not sniff_warc(other), other
