"""Segment a raw text into lines with offsets: the units the rules label.

A line here is a run of non-newline characters with its surrounding whitespace
stripped. Whitespace means Unicode whitespace (so non-breaking spaces count), and
line breaks are \\n, \\r\\n or a lone \\r. Blank lines are not units; each unit
records whether a blank line (or the start of the text) precedes it, which is how
paragraph blocks and runs are told apart.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import chain, repeat
from typing import Iterable

# Characters stripped from both ends of a line before phrase matching: bullets,
# punctuation and arrows that decorate link lines ("» Read more", "RELATED:").
_DECOR = " \t\u00a0•·*-–—|>»«›‹:;.,!?()[]{}\"'“”‘’…→←▶►✓#/\\"


def phrase_key(text: str) -> str:
    """Lower-case, decoration-stripped form used for phrase lookups."""
    return " ".join(text.lower().split()).strip(_DECOR)


# A line's content: from its first to its last non-whitespace character ("\S" is
# whitespace as str.strip sees it, and never a line break).
_CONTENT = re.compile(r"\S(?:[^\r\n]*\S)?")
_WORD = re.compile(r"\w+")
# Word counting without the regex: on ASCII text `\w` is [A-Za-z0-9_], so mapping every
# other byte to a space and splitting counts the \w+ runs. Common non-ASCII punctuation
# (never \w) becomes a space first, so most lines of English news take this path.
_ASCII_WORD_BYTES = bytes(c if re.match(r"\w", chr(c)) else 0x20 for c in range(128)) + b" " * 128
_NON_WORD_PUNCT = "’”“—•–‘…«»·"
assert not any(re.match(r"\w", ch) for ch in _NON_WORD_PUNCT)
# A text whose non-ASCII characters are all word characters (Cyrillic, accented names)
# counts the same in UTF-8 with every non-ASCII byte taken as a word byte.
_NON_ASCII_NON_WORD = re.compile(r"[^\x00-\x7f\w]")
_UTF8_WORD_BYTES = _ASCII_WORD_BYTES[:128] + b"a" * 128


@dataclass(slots=True)
class Line:
    """One non-blank line of the raw text and its labels."""

    index: int
    start: int  # raw offset of the first non-whitespace character
    end: int  # raw offset just past the last non-whitespace character
    text: str  # raw[start:end]
    norm: str  # text with whitespace runs collapsed to one space
    words: int  # \w+ runs; exact up to WORDS_EXACT_UP_TO, a lower bound past it
    lower: str = field(repr=False, compare=False)  # norm.lower()
    # `phrase_key` of the line: lower-cased, decoration stripped. `norm` has single
    # spaces only and lower-casing never makes whitespace, so it is lower.strip(_DECOR).
    key: str = field(repr=False, compare=False)
    blank_before: bool = True  # a blank line or the start of the text precedes it
    blank_after: bool = False
    label: str = "uncertain"  # content | heading | uncertain | clutter
    rule: str | None = None  # id of the rule that made it clutter
    # A pass found it story (an item of a list the story announces): no later pass marks it.
    story: bool = False

    @property
    def is_clutter(self) -> bool:
        return self.label == "clutter"


# What ends a sentence (every rule family asks this one list), and the full stops of
# scripts written without spaces, whose lines have few "words" however long they are.
SENTENCE_END = ".!?\"”’'…)»。！？"
WIDE_STOPS = "。！？"
WIDE_SENTENCE_CHARS = 15  # a Chinese or Japanese sentence this long: "市は配管の更新を急いでいる。" is 14


def shape_label(line: Line) -> str:
    """Context-free shape of a line that no line rule claimed: content, heading or uncertain."""
    last = line.norm[-1]
    if line.words >= 12 or (line.words >= 5 and last in SENTENCE_END) or wide_sentence(line.norm):
        return "content"
    if line.words <= 20 and last not in ".,;:":
        return "heading"
    return "uncertain"


def wide_sentence(norm: str) -> bool:
    """A sentence of a script written without spaces: long, and closed by its full stop."""
    return norm[-1] in WIDE_STOPS and len(norm) >= WIDE_SENTENCE_CHARS


# Rules compare word counts with thresholds far below this; past it a count is a floor.
WORDS_EXACT_UP_TO = 200


def _count_words(norm: str) -> int:
    """\\w+ runs in `norm`: exact up to WORDS_EXACT_UP_TO, a lower bound beyond."""
    words = _word_runs(norm[:2000])
    if words < WORDS_EXACT_UP_TO and len(norm) > 2000:
        words = _word_runs(norm)
    return words


def _word_runs(text: str) -> int:
    """The number of \\w+ runs in `text` (what len(_WORD.findall(text)) says, faster)."""
    if not text.isascii():
        for ch in _NON_WORD_PUNCT:
            text = text.replace(ch, " ")
        if not text.isascii():
            if _NON_ASCII_NON_WORD.search(text) is None:
                return len(text.encode("utf-8", "surrogatepass").translate(_UTF8_WORD_BYTES).split())
            return len(_WORD.findall(text))
    return len(text.encode("ascii").translate(_ASCII_WORD_BYTES).split())


def segment(raw: str) -> list[Line]:
    """Split `raw` into non-blank lines with exact raw offsets."""
    if "\r" not in raw:  # "\n" the only line break: one split in C
        return _lines(raw.split("\n"), repeat(1))
    parts = _BREAK.split(raw)  # pieces and the breaks between them, in turn
    return _lines(parts[0::2], map(len, parts[1::2]))


# Line breaks: CRLF, lone CR and LF.
_BREAK = re.compile(r"(\r\n|\r|\n)")


def _lines(pieces: Iterable[str], breaks: Iterable[int]) -> list[Line]:
    """The `Line`s of the physical lines `pieces`, each followed by a break of `breaks` characters.

    Stripping (in C) finds what `_CONTENT` finds: str.strip and "\\S" agree on what
    whitespace is. A piece with nothing left is a blank line.
    """
    lines: list[Line] = []
    append = lines.append
    pos = 0  # raw offset of the current physical line
    blank_before = True  # the start of the text counts as a blank line
    shapes: dict[str, _Shape] = {}
    for piece, size in zip(pieces, chain(breaks, (0,))):
        stripped = piece.strip()
        if not stripped:
            if lines and not blank_before:
                lines[-1].blank_after = True
            blank_before = True
            pos += len(piece) + size
            continue
        # The first non-whitespace character: nothing before it in the piece is the same.
        start = pos if len(stripped) == len(piece) else pos + piece.index(stripped[0])
        norm, words, lower, key = shapes.get(stripped) or _shape(stripped, shapes)
        append(Line(len(lines), start, start + len(stripped), stripped, norm, words, lower, key, blank_before))
        blank_before = False
        pos += len(piece) + size
    if lines:
        lines[-1].blank_after = True
    return lines


# A line's normal form, word count, lower case and phrase key, by its stripped text.
_Shape = tuple[str, int, str, str]


def _shape(stripped: str, shapes: dict[str, _Shape]) -> _Shape:
    """The forms of a stripped line, remembered in `shapes`.

    `shapes` holds the lines seen in this text: pages repeat lines ("Share", "Reply",
    "Photo: Reuters"), and a repeat then costs one lookup.
    """
    # The ASCII space is the only printable whitespace: a printable line without a
    # double space is already collapsed, and the split-and-join would copy it.
    norm = stripped if stripped.isprintable() and "  " not in stripped else " ".join(stripped.split())
    if norm.isascii() and len(norm) <= 2000:  # most lines: `_word_runs`, inlined
        words = len(norm.encode("ascii").translate(_ASCII_WORD_BYTES).split())
    else:
        words = _count_words(norm)
    lower = norm.lower()
    shape = shapes[stripped] = (norm, words, lower, lower.strip(_DECOR))
    return shape


def _segment_scan(raw: str) -> list[Line]:
    """`segment` by a regex scan for line contents: the definition `segment` must agree
    with (tests compare the two), for any line breaks (\\n, \\r\\n, lone \\r)."""
    lines: list[Line] = []
    prev_end = 0
    prev: Line | None = None
    shapes: dict[str, _Shape] = {}
    for m in _CONTENT.finditer(raw):
        start, end = m.span()
        if prev is None:
            blank_before = True
        else:
            gap = raw[prev_end:start]
            blank_before = gap.count("\n") + gap.count("\r") - gap.count("\r\n") >= 2
            prev.blank_after = blank_before
        stripped = m.group()
        prev = Line(len(lines), start, end, stripped, *(shapes.get(stripped) or _shape(stripped, shapes)), blank_before)
        lines.append(prev)
        prev_end = end
    if prev is not None:
        prev.blank_after = True
    return lines
