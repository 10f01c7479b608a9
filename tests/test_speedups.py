"""The fast paths agree with the slow, obvious ones they replace.

Each speed-up (word counting without a regex, the cached phrase key, the dispatch
of anchored patterns, needle gates before regexes) must give exactly what the plain
computation gives: on the lines of the seeds and the generalisation texts, on every
exact phrase of the line rules (in a few decorations), and on generated lines built
from awkward characters. The same checks on the development benchmark's lines, which
a clone may not have, are in tests/bench/check_speedups.py.
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


_CREDIT_WORDS = ("REUTERS", "Reuters", "AP", "AFP", "Getty Images", "Photo", "PHOTO", "Foto", "Image", "Credit",
                 "Picture", "File photo", "via", "Via", "by", "John Smith", "Jane", "van", "de", "Handout", "EPA-EFE",
                 "/", " / ", " ", " ", ". ", ".", "(", ")", ":", "©", "…", "...", "-", " – ", "\"", "”", "[", "]", "2019")


def _credit_like(n: int, seed: int = 11) -> list[str]:
    """Lines assembled from credit words and punctuation: near misses and hits."""
    rng = random.Random(seed)
    return ["".join(rng.choice(_CREDIT_WORDS) for _ in range(rng.randint(1, 12))) for _ in range(n)]


# Words of the gated patterns (affiliate disclosures, "via Getty Images" credits, related
# links), in other cases and with letters that match ASCII ones only case-insensitively.
_GATE_WORDS = ("This post ", "may ", "MAY ", "earn ", "an ", "affiliate ", "AFFILIATE ", "aﬀiliate ", "commission",
               "COMMISSION", "commiſſion", "Commİssion", "sponsored", "ſponsored", "SPONSORED", "contains ", "We ",
               "has ", "partnerships", "if you buy", " through links", "Related", "RELATED", "related:", " | ",
               ": ", " » ", "Photo ", "A man ", "via ", "for ", "Getty Images", "GETTY IMAGES", "AP", "AP)", "Reuters",
               "Michael Conroy, ", "ASSOCIATED PRESS", "/", "@", "x" * 80, " ")


def _gate_like(n: int, seed: int = 13) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_GATE_WORDS) for _ in range(rng.randint(1, 14))) for _ in range(n)]


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
    found = 0
    for line in lines:
        assert bool(fast.found(line.lower)) == (plain.search(line.lower) is not None), line.norm
        found += bool(fast.found(line.lower))
    assert found > 0
    rng = random.Random(3)
    for _ in range(300):
        needles = [t for t in _generated(rng.randint(1, 6), seed=rng.random()) if t]
        needles = [n[: rng.randint(1, 5)] for n in needles]
        fast, plain = any_of(needles), re.compile("|".join(map(re.escape, needles)))
        for text in _generated(20, seed=rng.random()) + needles + ["x" + n + "y" for n in needles]:
            assert bool(fast.found(text)) == (plain.search(text) is not None), (needles, text)
    assert any_of([]) is None
    assert any_of(["", "x"]).found("") == {"", "x"} and not any_of(["é"]).found("e") and any_of(["é"]).found("café")


def test_needles_found_in_one_scan_are_those_found_in_each_text():
    from cleaner.rules.base import Needles

    rng = random.Random(8)
    for _ in range(200):
        needles = [n[: rng.randint(1, 4)] for n in _generated(rng.randint(1, 6), seed=rng.random())]
        needles += rng.sample(["\n", "a\nb", "ſ", "é"], 2)  # a needle across the joints is never found
        finder = Needles(needles)
        texts = _generated(rng.randint(0, 30), seed=rng.random()) + ["", "a", "b\nab"]
        rng.shuffle(texts)
        each = finder.found_each(texts)
        for k, text in enumerate(texts):
            expected = frozenset(n for n in needles if n in text)
            assert finder.found(text) == expected, (needles, text)
            assert each.get(k, frozenset()) == expected, (needles, texts, k)
    assert Needles(["", "x"]).found_each(["a", "b"]) == {0: {"", "x"}, 1: {"", "x"}}
    # Lone surrogates have no UTF-8: the automaton gets a stand-in, the answers stay the same.
    finder = Needles(["ab", "\ufffd", "b c"])
    texts = ["a\ud800b", "xab\udcff", "\ud800", "b c\udfff\ufffd"]
    assert [finder.found(t) for t in texts] == [set(), {"ab"}, set(), {"b c", "\ufffd"}]
    assert finder.found_each(texts) == {1: {"ab"}, 3: {"b c", "\ufffd"}}


def _all_patterns() -> list[tuple[str, int]]:
    from cleaner.rules import LINE_RULES
    from cleaner.rules import captions

    return [(p, r.flags) for r in LINE_RULES for p in r.patterns] + [(p, 0) for p in captions._TAIL_CREDITS]


def test_pattern_analyses_never_deny_a_match(lines):
    """Needles, suffixes, last characters and widths hold for every match on the sample lines."""
    from cleaner.rules.base import (
        OPENING_CHARS, end_width, first_chars, folds_to_ascii, opening_strings, required_needles, required_suffixes,
    )

    texts = [line.norm for line in lines] + _generated(500) + _credit_like(3000) + _gate_like(3000)
    for pattern, flags in _all_patterns():
        rx = re.compile(pattern, flags)
        needles, lasts, width = required_needles(pattern, flags), first_chars(pattern, flags, last=True), end_width(pattern, flags)
        suffixes = tuple(required_suffixes(pattern, flags) or ()) or None
        folded_needles = required_needles(pattern, flags, fold=True)
        folded_suffixes = tuple(required_suffixes(pattern, flags, fold=True) or ()) or None
        openings = opening_strings(pattern, flags)
        for text in texts:
            m = rx.search(text)
            if m is None:
                continue
            found, lower = m.group(), m.group().lower()
            assert needles is None or any(n in found for n in needles), (pattern, text)
            assert suffixes is None or found.endswith(suffixes), (pattern, text)
            if not folds_to_ascii(found):
                assert folded_needles is None or any(n in lower for n in folded_needles), (pattern, text)
                assert folded_suffixes is None or lower.endswith(folded_suffixes), (pattern, text)
            if found and found[-1].isascii():
                assert lasts is None or found[-1] in lasts, (pattern, text)
            assert width is None or (m.end() == len(text) and len(found) <= width), (pattern, text)
            opening = found[:OPENING_CHARS]
            if opening.isascii():
                assert openings is None or any(opening.lower().startswith(o) for o in openings), (pattern, text)


def test_pattern_analyses_find_what_they_should():
    """The analyses are not vacuous: they give the strings a reader sees in the pattern."""
    from cleaner.rules.base import required_needles, required_suffixes

    assert required_needles(r"^\w+ may earn (?:an? )?commission\b", re.I, fold=True) == {
        " may earn commission", " may earn a commission", " may earn an commission"}
    # Too many spellings to list: the one word they all hold.
    many = r"^[\w ]{1,40} (?:may|can|will) (?:earn|get) (?:an? )?(?:small )?(?:affiliate )?commission\b.{0,9}$"
    assert required_needles(many, re.I, fold=True) == {"commission"}
    assert required_needles(r"^Photo\w+", re.I) is None  # case-insensitive letters: not as written
    assert required_needles(r"^Photo\w+", re.I, fold=True) == {"photo"}
    assert required_suffixes(r"^[A-Z].{0,60}\s(?:via|for) (?:Getty|AP)\)?$") == {
        "via Getty", "via AP", "for Getty", "for AP", "via Getty)", "via AP)", "for Getty)", "for AP)"}
    assert required_suffixes(r"^(?:Getty|AP)\b.{0,20}$") is None  # the end is any text
    assert required_suffixes(r"^(?:via|for) AP", 0) is None  # not tied to the end


def test_openings_are_what_a_reader_sees():
    from cleaner.rules.base import opening_strings

    assert opening_strings(r"^(?:Follow|folgen) us$", re.I) == {"fo"}
    assert opening_strings(r"^(?:Follow|folgen) us$", 0) == {"fo"}  # lower-cased: lines are looked up so
    assert opening_strings(r"^ab$", 0, size=3) == {"ab"}  # a shorter match is its own opening
    assert opening_strings(r"^x?$", 0) == {"", "x"}
    assert opening_strings(r"^(?:ab)*c", 0, size=3) == {"aba", "abc", "c"}
    assert opening_strings(r"^\(?AP\b", 0) == {"(a", "ap"}
    assert opening_strings(r"^\d{1,4}\s+photos", re.I) >= {"1 ", "12", "9\t"}
    assert opening_strings(r"^\d{2}", 0) == {str(n).zfill(2) for n in range(100)}
    assert opening_strings("^İx", re.I) == {"ix"}  # case folding pairs "İ" with "i"
    assert opening_strings("^ſo", re.I) == {"so"}
    # Not tracked: back-references, atomic groups, negated literals, too many openings.
    assert opening_strings(r"^(a)\1", 0) is None
    assert opening_strings(r"^(?>ab)", 0) is None
    assert opening_strings(r"^[^k]x", 0) is None
    assert opening_strings(r"^\w\w\w", 0, size=3) is None


def test_tail_credit_gates_skip_no_credit(lines):
    from cleaner.rules import captions

    def slow(text: str) -> bool:
        tail = text[-captions.CREDIT_TAIL_CHARS :]
        return any(p.search(tail) for p in captions._TAIL_CREDIT_RES)

    credits = ["Mourners gather outside the church. REUTERS/Jane Doe", "The scene (AP Photo/John Smith).",
               "A man walks by. Photo: Anna Lee, AP", "Smoke rises (Reuters)", "The hall © Getty Images",
               "Crowds in the square. Chip Somodevilla/Getty Images", "x" * 250 + " REUTERS/Name"]
    for text in [line.norm for line in lines] + _generated(3000) + _credit_like(20000) + credits:
        assert captions.has_tail_credit(text) == slow(text), text


def test_gated_precheck_finds_every_line_rule_match(lines):
    """The pre-check with broad patterns behind `in` gates misses no line a rule matches."""
    from cleaner.classify import _line_rules
    from cleaner.config import Config
    from cleaner.segment import segment as seg

    rules = _line_rules(Config())
    assert rules._gated, "the broad anchored patterns ('/', '@', separators) are gated"
    extra = [ln for text in _generated(2000) + _credit_like(3000) + _gate_like(6000) for ln in seg(text)]
    assert sum(rules.first_match(ln) is not None for ln in extra) > 500  # the gates are tried, and let through
    together = rules.first_matches(list(lines) + extra)  # needles found in one scan of all lines
    for line, first in zip(list(lines) + extra, together, strict=True):
        linear = next((r for r in rules.rules if r.matches(line)), None)
        assert rules.first_match(line) is linear, line.norm
        assert first is linear, line.norm


def test_openings_pick_every_pattern_a_line_may_match(lines):
    """Lines that rules match, in other cases and after odd openings, still find their rule."""
    from cleaner.classify import _line_rules
    from cleaner.config import Config
    from cleaner.segment import segment as seg

    rules = _line_rules(Config())
    hits = [ln.norm for ln in lines if rules.first_match(ln) is not None]
    assert len(hits) > 200
    rng = random.Random(21)
    variants = []
    for norm in hits:
        variants += [norm.upper(), norm.lower(), norm.title(), norm.swapcase(), norm[1:], norm[2:]]
        variants += [rng.choice(["(", "1 ", "• ", "- ", "@", "12 ", "a", "I", "ſ", "K"]) + norm]
    checked = matched = 0
    for line in [ln for text in variants for ln in seg(text)]:
        linear = next((r for r in rules.rules if r.matches(line)), None)
        assert rules.first_match(line) is linear, line.norm
        checked += 1
        matched += linear is not None
    assert checked > 1000 and matched > 500


def test_non_ascii_openings_try_every_pattern_that_may_match(lines):
    """Lines opening with a non-ASCII character ('•', '“', Cyrillic, 'İ', 'ſ', Kelvin sign)
    try only the anchored patterns that may open so, and still find every match."""
    from cleaner.classify import _line_rules
    from cleaner.config import Config
    from cleaner.segment import segment as seg

    rules = _line_rules(Config())
    rng = random.Random(5)
    openers = "•“—–«»·ПКАЭФжéÉßıİſ\u212aµΣσς٣日"
    bodies = [ln.norm for ln in lines if ln.norm[:1].isascii()][:3000] + _generated(20000) + _credit_like(3000)
    texts = [rng.choice(openers) + rng.choice(["", " ", ""]) + body for body in bodies]
    extra = [ln for text in texts for ln in seg(text)]
    for line in [ln for ln in lines if not ln.norm[:1].isascii()] + extra:
        linear = next((r for r in rules.rules if r.matches(line)), None)
        assert rules.first_match(line) is linear, line.norm


def test_precheck_bound_is_a_lower_bound_and_tight(lines):
    """The pre-check's bound never passes the first rule that matches, and mostly names it."""
    from cleaner.classify import _line_rules
    from cleaner.config import Config
    from cleaner.segment import segment as seg

    rules = _line_rules(Config())
    extra = [ln for text in _credit_like(3000) + _gate_like(3000) for ln in seg(text)]
    exact = matched = 0
    for line in list(lines) + extra:
        linear = next((i for i, r in enumerate(rules.rules) if r.matches(line)), len(rules.rules))
        bound = rules._first_candidate(line)
        assert bound <= linear, line.norm
        if linear < len(rules.rules):
            matched += 1
            exact += bound == linear
    assert matched > 300 and exact >= 0.9 * matched


def test_opening_unions_stay_few_however_many_lines():
    """Unions are looked up by ASCII opening or by first character: a process cleaning text
    in any script keeps a bounded table, not one entry per pair of characters."""
    from cleaner.rules import LINE_RULES
    from cleaner.rules.base import LineRuleSet

    dispatch = LineRuleSet(LINE_RULES)._anchored
    rng = random.Random(2)
    for _ in range(5000):  # 16 first characters, thousands of second ones
        dispatch.for_line(chr(rng.randint(0x4E00, 0x4E0F)) + chr(rng.randint(0x4E00, 0x9FFF)) + " 2019")
        dispatch.for_line("T" + chr(rng.randint(0x4E00, 0x9FFF)))
    assert len(dispatch._by_first) == 17 and not dispatch._by_opening
    assert len(dispatch._unions) <= 3
