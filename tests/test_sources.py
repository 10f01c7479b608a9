"""Decoding raw bytes: encodings are detected and recorded, bad input is refused clearly."""
from __future__ import annotations

import codecs

import pytest

import cleaner
from cleaner.readers import read_path
from cleaner.sources import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    TooLargeInputError,
    decode,
    read_bytes,
)

STORY = (
    "Café owners in Zürich said on Tuesday that the new rules – which take effect in March – "
    "would force them to close earlier. “We are not happy,” said one owner, Ms Müller.\n\n"
    "The city council voted 31 to 20 in favour of the change after a long debate.\n"
)


@pytest.mark.parametrize(
    "data, encoding",
    [
        (STORY.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + STORY.encode("utf-8"), "utf-8-sig"),
        (STORY.encode("utf-16"), "utf-16"),  # with BOM
        (codecs.BOM_UTF16_BE + STORY.encode("utf-16-be"), "utf-16"),
        (STORY.encode("utf-16-le"), "utf-16-le"),  # no BOM: told by the NUL pattern
        (STORY.encode("utf-32"), "utf-32"),
        (STORY.encode("cp1252"), "cp1252"),
    ],
)
def test_encodings_are_detected_recorded_and_decoded_exactly(data, encoding):
    decoded = decode(data, "story.txt")
    assert decoded.encoding == encoding
    assert decoded.text.lstrip("\ufeff") == STORY
    assert decoded.errors == 0
    article = cleaner.clean_bytes(data, source="story.txt")
    assert article.provenance.encoding == encoding
    assert article.provenance.size == len(data)
    assert "Ms Müller" in article.text and "31 to 20" in article.text


def test_undecodable_bytes_are_replaced_counted_and_the_rest_kept():
    data = STORY.encode("utf-8").replace("Zürich".encode("utf-8"), b"Z\xff\xfe\xfdrich")
    article = cleaner.clean_bytes(data, source="broken.txt")
    assert "council voted 31 to 20" in article.text
    assert article.provenance.decode_errors >= 1 or article.provenance.encoding != "utf-8"


@pytest.mark.parametrize("data", [b"", b"   \n\n\t  \r\n"])
def test_empty_input_is_refused_naming_the_file(data):
    with pytest.raises(EmptyInputError, match="empty.txt: empty"):
        decode(data, "empty.txt")


@pytest.mark.parametrize("data", [bytes(range(256)) * 4, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64])
def test_binary_input_is_refused_naming_the_file(data):
    with pytest.raises(BinaryInputError, match="image.png: binary"):
        decode(data, "image.png")


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * 1000)
    with pytest.raises(TooLargeInputError, match="huge.txt.*over the 100-byte limit"):
        read_bytes(path, max_bytes=100)


def test_directory_given_as_file_is_an_error_naming_it(tmp_path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(InputError, match="folder.txt"):
        read_bytes(folder)


def test_bad_inputs_become_error_items_not_exceptions(tmp_path):
    cases = {
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 8,
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    config = cleaner.Config()
    for name in cases:
        items = list(read_path(tmp_path / name, name, config, max_bytes=1 << 20))
        assert len(items) == 1 and not items[0].ok
        assert name in (items[0].error or "")
    missing = list(read_path(tmp_path / "missing.txt", "missing.txt", config, max_bytes=1 << 20))
    assert not missing[0].ok and "missing.txt" in (missing[0].error or "")
