"""read_path picks the reader by content; every bad input becomes an error Item."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import cleaner
from cleaner.config import Config
from cleaner.documents import sniff
from cleaner.readers import read_data, read_path

DATA = Path(__file__).parent / "data" / "html"
STORY = "For the first time in forty years, a colony of harbour seals has been counted"
LONG = (
    "The council voted on Tuesday night to keep the old library open for at least another five years. "
    "Campaigners had gathered more than four thousand signatures in a petition against the closure plan."
)
PAGE = f"<html><head><title>Library saved</title></head><body><article><p>{LONG}</p></article></body></html>"


def _items(path: Path, source: str = "x") -> list:
    return list(read_path(path, source, Config(), 10_000_000))


@pytest.mark.parametrize(
    "head, name, kind",
    [
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "a.bin", "warc"),
        (b'{"id": 1, "text": "hello"}\n{"id": 2', "corpus.txt", "jsonl"),
        (b'\n{"url": "u", "html": "<p>' + b"x" * 2000, "c.data", "jsonl"),  # a cut first line
        (b"\xef\xbb\xbf  <!DOCTYPE html><html>", "page.txt", "html"),
        (b"<HTML><BODY>hi", "noext", "html"),
        (b"Just a headline\n\nAnd a story.", "page.html", "html"),  # extension as a fallback
        (b"Just a headline\n\nAnd a story with <b>tags</b> in it.", "notes.txt", "text"),
        (b'{"a": 1}\n', "data.json", "text"),
        (b'\xef\xbb\xbf{"id": 1, "text": "hello"}\n', "corpus.txt", "jsonl"),  # a BOM before the first line
        (b"notes from the meeting\n", "corpus.jsonl", "jsonl"),  # the name says so: line 1 is its error
        (b"notes from the meeting\n", "corpus.NDJSON", "jsonl"),
    ],
)
def test_sniff_by_content(head, name, kind):
    assert sniff(head, name) == kind


def test_html_file_without_html_extension_is_read_as_html(tmp_path):
    path = tmp_path / "saved_page"
    path.write_bytes((DATA / "article.html").read_bytes())
    (item,) = _items(path, "saved_page")
    assert item.ok and STORY in item.article.text and item.article.title == "Harbour seals return to the estuary"
    assert item.content_type == "text/html; charset=utf-8" and item.raw == path.read_bytes()
    assert "Share on Facebook" not in item.article.text


def test_text_file_still_goes_through_the_text_engine(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Ferry service resumes\n\nThe island ferry ran again on Monday after a week of storms.\n")
    (item,) = _items(path, "a.txt")
    assert item.ok and item.content_type.startswith("text/plain") and item.article.extraction is None


def test_jsonl_corpus_gives_one_item_per_line_and_bad_lines_become_errors(tmp_path):
    lines = [
        json.dumps({"id": "p1", "html": PAGE, "url": "https://x.example/p1"}),
        json.dumps({"text": "Ferry service resumes\n\nThe island ferry ran again on Monday after a storm week."}),
        "{not json",
        json.dumps({"id": "p4", "title": "no body"}),
        "",
        json.dumps({"id": "p6", "html": "<html><body></body></html>"}),
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n")
    items = _items(path, "corpus.jsonl")
    assert [i.source for i in items] == [
        "corpus.jsonl#p1", "corpus.jsonl#2", "corpus.jsonl#3", "corpus.jsonl#p4", "corpus.jsonl#p6"]
    assert [i.ok for i in items] == [True, True, False, False, False]
    assert LONG in items[0].article.text and items[0].article.url == "https://x.example/p1"
    assert items[0].origin == {"jsonl_file": "corpus.jsonl", "line": 1, "id": "p1", "url": "https://x.example/p1"}
    assert "island ferry" in items[1].article.text
    assert "line 3 is not JSON" in items[2].error
    assert "no string `text` or `html`" in items[3].error
    assert items[4].error.startswith("corpus.jsonl#p6: ")


def test_a_jsonl_file_with_a_bom_or_a_bad_first_line_keeps_its_other_lines(tmp_path):
    second = json.dumps({"id": "b", "text": "Ferry service resumes\n\nThe island ferry ran again on Monday."})
    first = json.dumps({"id": "a", "text": "Library saved\n\n" + LONG})
    (tmp_path / "bom.jsonl").write_bytes(b"\xef\xbb\xbf" + f"{first}\n{second}\n".encode())
    assert [(i.source, i.ok) for i in _items(tmp_path / "bom.jsonl", "bom.jsonl")] == [
        ("bom.jsonl#a", True), ("bom.jsonl#b", True)]
    (tmp_path / "bad.jsonl").write_text(f"# exported 2026-11-30\n{second}\n")
    bad, good = _items(tmp_path / "bad.jsonl", "bad.jsonl")
    assert not bad.ok and "line 1 is not JSON" in bad.error
    assert good.ok and good.source == "bad.jsonl#b" and "island ferry" in good.article.text


@pytest.mark.parametrize(
    "content, fragment",
    [(b"", "empty"), (b"<html><body></body></html>", "no main text found"), (b"\x00\x01\x02" * 100, "binary")],
)
def test_bad_files_become_error_items(tmp_path, content, fragment):
    path = tmp_path / "bad.html"
    path.write_bytes(content)
    (item,) = _items(path, "bad.html")
    assert not item.ok and fragment in item.error


def test_missing_file_and_directory_are_error_items(tmp_path):
    (missing,) = _items(tmp_path / "nope.html", "nope.html")
    assert not missing.ok and "cannot read" in missing.error
    (folder,) = _items(tmp_path, "dir")
    assert not folder.ok and "is a directory" in folder.error


def test_read_data_sniffs_html_from_bytes():
    (item,) = read_data(PAGE.encode("utf-8"), "stdin", Config())
    assert item.ok and item.article.title == "Library saved" and LONG in item.article.text


def test_clean_file_returns_the_article_or_raises(tmp_path):
    article = cleaner.clean_file(DATA / "article.html")
    assert STORY in article.text
    bad = tmp_path / "bad.html"
    bad.write_bytes(b"<html><body></body></html>")
    with pytest.raises(cleaner.InputError, match="no main text found"):
        cleaner.clean_file(bad)
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"html": PAGE}) + "\n")
    with pytest.raises(cleaner.InputError, match="many documents"):
        cleaner.clean_file(corpus)
