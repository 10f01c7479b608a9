"""The fast paths agree with the slow, obvious ones they replace.

Each speed-up (word counting without a regex, splitting at newlines, the cached
phrase key) must give exactly what the plain computation gives (the line matcher's
own checks are in test_matcher.py): on the lines of the seeds and the generalisation
texts, on every exact phrase of the line rules (in a few decorations), and on
generated lines built from awkward characters. The same checks on the development
benchmark's lines, which a clone may not have, are in tests/bench/check_speedups.py.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from cleaner.segment import WORDS_EXACT_UP_TO, _count_words, phrase_key, segment

REPO = Path(__file__).resolve().parents[1]
_WORD = re.compile(r"\w+")

# Characters that trip naive fast paths: non-ASCII punctuation and letters, case
# pairs that fold oddly (Kelvin sign, long s, dotted I), digits of other scripts.
_ALPHABET = (
    "aAbBkKsSiIzZ09_ .,;:-/()'\"!?" "’”“—–‘…«»·•©®" "éÉßıİſ\u212aµΣσς" "٣日本語Жж" "\u00a0\u2009\t"
)


def _texts() -> list[str]:
    """The repository's own texts: seeds, generalisation texts, and the rules' phrases."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((REPO / "tests" / "generalisation").rglob("*.txt"))]
    return texts + [_phrase_text()]


def _phrase_text() -> str:
    """Every exact phrase of the line rules, plain and decorated, one per line: lines that
    rules match, so the dispatch checks below see hundreds of hits without any corpus."""
    from cleaner.rules import LINE_RULES

    phrases = sorted({p for rule in LINE_RULES for p in rule.exact})
    decorated = [f"{d}{p.upper() if i % 3 == 0 else p.title() if i % 3 == 1 else p}{e}"
                 for i, p in enumerate(phrases) for d, e in (("", ""), ("» ", ":"), ("• ", " »"))]
    return "\n".join(decorated) + "\n"


def _generated(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(1, 60))) for _ in range(n)]


@pytest.fixture(scope="module")
def lines():
    return [line for text in _texts() for line in segment(text)]


def _slow_words(norm: str) -> int:
    words = len(_WORD.findall(norm, 0, 2000))
    if words < WORDS_EXACT_UP_TO and len(norm) > 2000:
        words = len(_WORD.findall(norm))
    return words


def test_word_counts_are_the_regex_counts(lines):
    for line in lines:
        assert line.words == _slow_words(line.norm), line.norm
    for text in _generated(3000):
        assert _count_words(text) == _slow_words(text), text
    long = "word " * 500 + "x’y " * 300
    assert _count_words(long) == _slow_words(long)


def test_splitting_at_newlines_finds_what_the_scan_finds():
    """Texts without CRs are split at "\\n" and stripped; the regex scan is the reference."""
    from cleaner.segment import _segment_scan

    odd = "\n\n\n \t\u00a0\u2009\u2028\x85\x0b\x0c\x1c\u3000ab.’"
    rng = random.Random(17)
    texts = _texts() + _generated(3000) + ["".join(rng.choice(odd) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    for text in texts:
        text = text.replace("\r", "\n")
        assert segment(text) == _segment_scan(text), repr(text[:200])
    assert segment("\n a \n\n b\n") == _segment_scan("\n a \n\n b\n") != []


def test_splitting_at_any_line_break_finds_what_the_scan_finds():
    """Texts with CRs are split at CRLF, CR and LF; the regex scan is the reference."""
    from cleaner.segment import _segment_scan

    odd = "\r\n\r\n\r\n \t\u00a0\u2028\x85\x0b\x1c\u3000ab.’"
    rng = random.Random(19)
    texts = [t.replace("\n", rng.choice(("\r\n", "\r", "\n"))) for t in _texts()[:200]]
    texts += ["".join(rng.choice(odd) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    for text in texts:
        assert segment(text) == _segment_scan(text), repr(text[:200])
    assert segment("\r\n a \r\r b\r") == _segment_scan("\r\n a \r\r b\r") != []


def test_key_and_lower_are_the_plain_ones(lines):
    for line in lines:
        assert line.lower == line.norm.lower()
        assert line.key == phrase_key(line.norm)
    for text in _generated(2000):
        for line in segment(text):
            assert line.norm == " ".join(line.text.split())
            assert line.key == phrase_key(line.text)
