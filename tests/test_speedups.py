"""The fast paths agree with the slow, obvious ones they replace.

Each speed-up (word counting without a regex, the cached phrase key, the dispatch
of anchored patterns, needle gates before regexes) must give exactly what the plain
computation gives: on the lines of the development benchmark and the seeds, and on
generated lines built from awkward characters.
"""
from __future__ import annotations

import gzip
import json
import random
import re
from pathlib import Path

import pytest

from cleaner.segment import WORDS_EXACT_UP_TO, _count_words, phrase_key, segment

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO.parent / "shared" / "bench" / "data" / "scrapinghub.jsonl.gz"
_WORD = re.compile(r"\w+")

# Characters that trip naive fast paths: non-ASCII punctuation and letters, case
# pairs that fold oddly (Kelvin sign, long s, dotted I), digits of other scripts.
_ALPHABET = (
    "aAbBkKsSiIzZ09_ .,;:-/()'\"!?" "’”“—–‘…«»·•©®" "éÉßıİſ\u212aµΣσς" "٣日本語Жж" "\u00a0\u2009\t"
)


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    if BENCH.is_file():
        with gzip.open(BENCH, "rt", encoding="utf-8") as f:
            texts += [json.loads(line)["extracted"] for line in f if line.strip()]
    return texts


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


def test_key_and_lower_are_the_plain_ones(lines):
    for line in lines:
        assert line.lower == line.norm.lower()
        assert line.key == phrase_key(line.norm)
    for text in _generated(2000):
        for line in segment(text):
            assert line.norm == " ".join(line.text.split())
            assert line.key == phrase_key(line.text)


def test_any_of_finds_what_a_plain_alternation_finds(lines):
    from cleaner.classify import _line_rules
    from cleaner.config import Config
    from cleaner.rules.base import any_of

    rules = _line_rules(Config())
    hints = [h for r in rules.rules for h in r.hints]
    plain = re.compile("|".join(re.escape(h) for h in hints))
    fast = any_of(hints)
    for line in lines:
        assert (fast.search(line.lower) is None) == (plain.search(line.lower) is None), line.norm
    rng = random.Random(3)
    for _ in range(300):
        needles = [t for t in _generated(rng.randint(1, 6), seed=rng.random()) if t]
        needles = [n[: rng.randint(1, 5)] for n in needles]
        fast, plain = any_of(needles), re.compile("|".join(map(re.escape, needles)))
        for text in _generated(20, seed=rng.random()) + needles + ["x" + n + "y" for n in needles]:
            assert (fast.search(text) is None) == (plain.search(text) is None), (needles, text)
