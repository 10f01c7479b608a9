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


@dataclass(slots=True)
class Line:
    """One non-blank line of the raw text and its labels."""

    index: int
    start: int  # raw offset of the first non-whitespace character
    end: int  # raw offset just past the last non-whitespace character
    text: str  # raw[start:end]
    norm: str  # text with whitespace runs collapsed to one space
    words: int  # \w+ runs; exact up to WORDS_EXACT_UP_TO, a lower bound past it
    blank_before: bool  # a blank line or the start of the text precedes it
    blank_after: bool = False
    label: str = "uncertain"  # content | heading | uncertain | clutter
    rule: str | None = None  # id of the rule that made it clutter
    cuts: list[tuple[int, int, str]] = field(default_factory=list)  # partial removals (raw offsets)
    _lower: str | None = field(default=None, repr=False, compare=False)
    _key: str | None = field(default=None, repr=False, compare=False)

    @property
    def lower(self) -> str:
        if self._lower is None:
            self._lower = self.norm.lower()
        return self._lower

    @property
    def key(self) -> str:
        """`phrase_key` of the line: lower-cased, decoration stripped (cached)."""
        if self._key is None:
            self._key = phrase_key(self.norm)
        return self._key

    @property
    def is_clutter(self) -> bool:
        return self.label == "clutter"


# Rules compare word counts with thresholds far below this; past it a count is a floor.
WORDS_EXACT_UP_TO = 200


def _count_words(norm: str) -> int:
    """\\w+ runs in `norm`: exact up to WORDS_EXACT_UP_TO, a lower bound beyond."""
    words = len(_WORD.findall(norm, 0, 2000))
    if words < WORDS_EXACT_UP_TO and len(norm) > 2000:
        words = len(_WORD.findall(norm))
    return words


def segment(raw: str) -> list[Line]:
    """Split `raw` into non-blank lines with exact raw offsets."""
    lines: list[Line] = []
    prev_end = 0
    for m in _CONTENT.finditer(raw):
        stripped = m.group()
        start, end = m.span()
        gap = raw[prev_end:start]
        blank_before = not lines or gap.count("\n") + gap.count("\r") - gap.count("\r\n") >= 2
        if lines:
            lines[-1].blank_after = blank_before
        norm = " ".join(stripped.split())
        words = _count_words(norm)
        lines.append(Line(len(lines), start, end, stripped, norm, words, blank_before))
        prev_end = end
    if lines:
        lines[-1].blank_after = True
    return lines
