"""Decoding raw bytes: encodings are detected and recorded, bad input is refused clearly."""
from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.readers import read_path
from cleaner.sources import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    TooLargeInputError,
    decode,
    decode_mostly_utf8,
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
    assert article.provenance.encoding == "utf-8"
    assert article.provenance.decode_errors == 3  # three bytes that can never be UTF-8
    assert "Z\ufffd\ufffd\ufffdrich" in article.text
    assert "council voted 31 to 20" in article.text and "Ms Müller" in article.text


# Realistic sentences of a few hundred bytes, each in a language whose legacy
# encoding must be told apart from windows-1252 and from its neighbours.
NEWS = {
    "fr": "Le maire a annoncé mardi que le café de la place serait fermé pendant trois mois. "
    "« C’est une décision difficile », a-t-il déclaré devant les élus réunis à l’hôtel de ville. "
    "Les commerçants du quartier craignent une perte de 20 000 € par mois — certains parlent de fermer.\n",
    "de": "Die Bürgermeisterin erklärte am Dienstag, dass die Straßenbahnlinie über die Brücke ab März "
    "für sechs Wochen gesperrt wird. „Wir bedauern die Unannehmlichkeiten“, sagte eine Sprecherin. "
    "Fahrgäste müssen auf Busse ausweichen; die Fahrzeit verlängert sich um etwa zwölf Minuten.\n",
    "ru": "Мэр города заявил во вторник, что центральная библиотека будет закрыта на ремонт до конца года. "
    "«Это трудное, но необходимое решение», — сказал он журналистам. Жители района провели "
    "мирную акцию протеста у здания мэрии.\n",
    "pl": "Prezydent miasta ogłosił we wtorek, że biblioteka miejska zostanie zamknięta do końca roku. "
    "Mieszkańcy dzielnicy, którzy od lat proszą o więcej przestrzeni publicznych, skrytykowali tę "
    "decyzję i zorganizowali pokojowy protest. Remont będzie kosztował 2,3 mln zł, prace ruszą jesienią.\n",
    "cs": "Primátor města v úterý oznámil, že městská knihovna bude až do konce roku zavřená kvůli opravě. "
    "„Je to těžké, ale nutné rozhodnutí,“ řekl novinářům. Obyvatelé čtvrti rozhodnutí kritizovali "
    "a uspořádali před radnicí pokojný protest. Oprava bude stát 2,3 milionu korun.\n",
    "el": "Ο δήμαρχος της πόλης ανακοίνωσε την Τρίτη ότι η δημοτική βιβλιοθήκη θα παραμείνει κλειστή "
    "μέχρι το τέλος του έτους. «Είναι μια δύσκολη αλλά αναγκαία απόφαση», δήλωσε στους δημοσιογράφους. "
    "Οι κάτοικοι της γειτονιάς οργάνωσαν ειρηνική διαμαρτυρία.\n",
    "tr": "Belediye başkanı salı günü şehir kütüphanesinin yıl sonuna kadar kapalı kalacağını açıkladı. "
    "“Zor ama gerekli bir karar” dedi gazetecilere. Yıllardır daha fazla kamusal alan isteyen mahalle "
    "sakinleri kararı eleştirdi ve belediye binası önünde barışçıl bir protesto düzenledi.\n",
    "ja": "市長は火曜日、市立図書館を年末まで改修のため閉鎖すると発表した。「難しいが必要な決断だ」と記者団に語った。"
    "長年にわたり公共空間の拡充を求めてきた地域の住民はこの決定を批判し、市役所の前で抗議活動を行った。\n",
    "zh": "市长周二宣布，市立图书馆将关闭至年底进行翻修。“这是一个困难但必要的决定，”他对记者说。"
    "多年来一直要求增加公共空间的社区居民批评了这一决定，并在市政厅前举行了和平抗议。\n",
    "zh-hant": "市長週二宣布，市立圖書館將關閉至年底進行翻修。「這是一個困難但必要的決定，」他對記者說。"
    "多年來一直要求增加公共空間的社區居民批評了這一決定，並在市政廳前舉行了和平抗議。\n",
    "ko": "시장은 화요일 시립 도서관이 연말까지 보수 공사를 위해 문을 닫는다고 발표했다. \"어렵지만 필요한 "
    "결정\"이라고 그는 기자들에게 말했다. 주민들은 이 결정을 비판하며 시청 앞에서 평화 시위를 벌였다.\n",
    "he": "ראש העיר הודיע ביום שלישי כי הספרייה העירונית תיסגר עד סוף השנה לצורך שיפוצים. "
    "\"זו החלטה קשה אך הכרחית\", אמר לעיתונאים. תושבי השכונה קיימו הפגנה שקטה מול בניין העירייה.\n",
}


_PLAIN = {"„": '"', "“": '"', "”": '"', "«": '"', "»": '"', "—": "-", "’": "'"}


def _encodes(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.parametrize(
    "lang, encoding",
    [
        ("fr", "cp1252"), ("de", "cp1252"), ("ru", "cp1251"), ("ru", "koi8-r"),
        ("pl", "cp1250"), ("pl", "iso8859-2"), ("cs", "cp1250"), ("el", "cp1253"), ("el", "iso8859-7"),
        ("tr", "cp1254"), ("ja", "shift_jis"), ("ja", "euc_jp"), ("zh", "gb18030"), ("zh", "gbk"),
        ("zh-hant", "big5"), ("ko", "euc_kr"), ("he", "cp1255"),
    ],
)
def test_legacy_encodings_of_a_paragraph_are_detected(lang, encoding):
    text = NEWS[lang]
    for typographic, plain in _PLAIN.items():  # Latin-2, KOI8-R, ... lack some punctuation
        if typographic in text and not _encodes(typographic, encoding):
            text = text.replace(typographic, plain)
    data = text.encode(encoding)
    assert 150 < len(data) < 450
    decoded = decode(data, f"{lang}.txt")
    # Equivalent encodings may be named (koi8-u for koi8-r, cp932 for shift_jis): the text is what counts.
    assert decoded.text == text, decoded.encoding
    assert decoded.encoding != "utf-8" and decoded.errors == 0


@pytest.mark.parametrize(
    "sentence",
    [
        "Le café était fermé.",
        "A naïve café owner said “no” and charged €5 — twice.",
        "The café’s naïve owner – “Zoë” – paid €40.",
        "Ça coûte 5 €.",
        "He said “yes” — then left.",
        "It’s €100.",
        "Señor Muñoz’s café.",
        "Straße und Größe — „gut“.",
    ],
)
def test_short_cp1252_text_is_cp1252(sentence):
    data = sentence.encode("cp1252")
    decoded = decode(data, "short.txt")
    assert (decoded.encoding, decoded.text, decoded.errors) == ("cp1252", sentence, 0)
    assert cleaner.clean_bytes(data, source="short.txt").provenance.encoding == "cp1252"


def _spoil(text: str, bad: bytes, at: float = 0.5) -> bytes:
    """UTF-8 bytes of `text` with `bad` inserted after the character at fraction `at`."""
    cut = int(len(text) * at)
    return text[:cut].encode("utf-8") + bad + text[cut:].encode("utf-8")


@pytest.mark.parametrize("lang", ["fr", "de", "ru", "pl", "el", "ja", "zh", "ko"])
@pytest.mark.parametrize("bad", [b"\xff", b"\x92", b"\xe9", b"\xc3", b"\xe2\x80"])
def test_utf8_with_a_stray_byte_stays_utf8_and_counts_it(lang, bad):
    text = NEWS[lang]
    decoded = decode(_spoil(text, bad), f"{lang}.txt")
    assert decoded.encoding == "utf-8"
    assert decoded.errors == 1  # one maximal invalid sequence, one U+FFFD
    assert decoded.text.replace("\ufffd", "", 1) == text


def test_utf8_with_several_bad_bytes_and_a_cut_last_character_stays_utf8():
    text = NEWS["fr"] + NEWS["de"]
    # windows-1252 quotes and a dash pasted in, then a download cut inside "é"
    data = b"\x93" + _spoil(text, b"\x96", 0.7).replace(b" ", b" \x85 ", 1) + b"\x94 " + "é".encode("utf-8")[:1]
    decoded = decode(data, "mixed.txt")
    assert decoded.encoding == "utf-8" and decoded.errors == 5
    assert decoded.text.startswith("\ufffdLe \ufffd maire") and decoded.text.endswith("\ufffd \ufffd")
    article = cleaner.clean_bytes(data, source="mixed.txt")
    assert article.provenance.decode_errors == 5
    assert "décision difficile" in article.text and "Straßenbahnlinie über die Brücke" in article.text


def test_utf8_that_writes_a_replacement_character_is_not_an_error():
    text = "The file said \ufffd where a café’s name was lost."
    assert decode(text.encode("utf-8"), "x.txt").errors == 0
    decoded = decode(text.encode("utf-8") + b"\xff", "x.txt")
    assert (decoded.encoding, decoded.errors) == ("utf-8", 1)


def test_ascii_with_one_high_byte_is_legacy_not_a_decode_error():
    # No valid multi-byte sequence at all: the byte is a windows-1252 character.
    decoded = decode(b"Smith\x92s report is due on Monday.", "x.txt")
    assert (decoded.encoding, decoded.text, decoded.errors) == ("cp1252", "Smith’s report is due on Monday.", 0)


def test_cp1252_with_an_accidental_utf8_pair_is_still_cp1252():
    # "ß" + closing quote is the valid UTF-8 pair DF 94; the other accents are not.
    text = "Er sagte „Fuß“ und ging. Später kam er zurück, müde und hungrig, und aß Käse.\n"
    data = text.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode(data, "x.txt").text == text


def test_html_with_a_stray_byte_stays_utf8_even_when_labelled_legacy():
    from cleaner.html import decode_html

    body = f"<html><head><meta charset=\"windows-1252\"></head><body><p>{NEWS['fr']}</p></body></html>"
    for data in (_spoil(body, b"\xff", 0.6), _spoil(body.replace("windows-1252", "utf-8"), b"\xff", 0.6)):
        text, encoding, errors = decode_html(data, "p.html")
        assert (encoding, errors) == ("utf-8", 1)
        assert "décision difficile" in text
    text, encoding, errors = decode_html(body.encode("cp1252"), "p.html")
    assert (encoding, errors) == ("cp1252", 0) and "décision difficile" in text
    text, encoding, errors = decode_html(NEWS["ru"].encode("cp1251"), "r.html")
    assert encoding == "cp1251" and text == NEWS["ru"]


def test_decoding_a_large_file_is_linear():
    import time

    text = NEWS["fr"] * 20_000  # about 8 MB
    data = _spoil(text, b"\xff")
    started = time.perf_counter()
    decoded = decode(data, "big.txt")
    assert (decoded.encoding, decoded.errors) == ("utf-8", 1)
    legacy = decode(text.encode("cp1252"), "big.txt")
    assert legacy.encoding == "cp1252" and legacy.text == text
    assert time.perf_counter() - started < 5  # ~0.3 s here; a per-byte Python loop takes far longer


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


def _fragments() -> st.SearchStrategy[bytes]:
    """UTF-8 text, random bytes and legacy-encoded words, to be concatenated."""
    legacy = st.sampled_from([w.encode(e) for w, e in [("café", "cp1252"), ("Привет", "cp1251"), ("“ok”", "cp1252"),
                                                       ("東京", "shift_jis"), ("αβγ", "cp1253"), ("Łódź", "cp1250")]])
    return st.one_of(st.text(max_size=8).map(str.encode), st.binary(max_size=4), legacy)


@settings(max_examples=400, deadline=None)
@given(st.lists(_fragments(), max_size=12))
def test_mostly_utf8_means_at_least_as_many_valid_as_invalid_sequences(parts):
    # The byte-count shortcut in decode_mostly_utf8 must never change the answer
    # of the definition, computed here the slow way.
    data = b"".join(parts)
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    valid = sum(1 for c in text if ord(c) >= 0x80) - bad
    expected = (text, bad) if valid >= bad else None
    assert decode_mostly_utf8(data) == expected


class _GrowingFile:
    """An unbuffered handle whose file holds more than its size said (it grew after the
    stat): reads return at most `step` bytes; the sizes asked for are recorded."""

    def __init__(self, data: bytes, step: int) -> None:
        self.data, self.step, self.asked = data, step, []

    def read(self, size: int) -> bytes:
        self.asked.append(size)
        chunk, self.data = self.data[: min(size, self.step)], self.data[min(size, self.step):]
        return chunk


def test_a_file_is_read_whole_asking_for_its_size_not_the_limit():
    """A read allocates what it asks for: a small file must not ask for --max-bytes."""
    from cleaner.documents import GROWN_CHUNK, _read_upto

    small = _GrowingFile(b"x" * 5000, step=1 << 30)
    assert _read_upto(small, 64 << 20, expected=5000) == b"x" * 5000
    assert small.asked == [5001, 1]  # its size and one byte more, then the end
    grown = _GrowingFile(b"y" * (3 * GROWN_CHUNK), step=GROWN_CHUNK)
    assert _read_upto(grown, 64 << 20, expected=10) == b"y" * (3 * GROWN_CHUNK)
    assert max(grown.asked) == GROWN_CHUNK and len(grown.asked) < 10  # grown: big steps, not bytes
    capped = _GrowingFile(b"z" * 500, step=1 << 30)
    assert _read_upto(capped, 100, expected=500) == b"z" * 100  # never past the limit
