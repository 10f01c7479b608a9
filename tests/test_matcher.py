"""The line matcher picks candidates; it must never lose a match nor change the winner.

The lines: every must-remove example of the rule tests (tests/rules), their variants
(case, decoration, a prose tail), the clean-article traps and generated lines. On each,
the matcher's answer must be what asking every rule in order gives, and the RE2 scan
must name every pattern that Python's `re` finds.
"""
from __future__ import annotations

import importlib
import inspect
import pkgutil
import random
import re

import pytest
import re2

import cleaner
from cleaner.matcher import PY_ONLY_FOLDS, LineMatcher, PatternScan, loosen
from cleaner.rules import ALL_RULES, FAMILIES, LINE_RULES, LineRule, declared
from cleaner.rules.captions import _TAIL_CREDITS
from cleaner.segment import segment

import rules as rule_tests
from test_engine import CLEAN_ARTICLE, _SAMPLE_LINES


_CALL = re.compile(r'assert_removed\(\s*\w+\s*,\s*"([\w.]+)"\s*(?:,\s*where="(\w+)"\s*)?\)')


def must_remove_examples() -> list[tuple[str, str, str]]:
    """(rule id, line, where) of every parametrized `assert_removed(line, "<id>")` test in tests/rules."""
    out = []
    for info in pkgutil.iter_modules(rule_tests.__path__):
        module = importlib.import_module(f"{rule_tests.__name__}.{info.name}")
        for name, fn in vars(module).items():
            if not name.startswith("test_") or not callable(fn):
                continue
            calls = _CALL.findall(inspect.getsource(fn))
            marks = [m for m in getattr(fn, "pytestmark", []) if m.name == "parametrize"]
            if len(calls) != 1 or len(marks) != 1 or "," in marks[0].args[0]:
                continue
            rule_id, where = calls[0]
            out += [(rule_id, line, where or "middle") for line in marks[0].args[1] if isinstance(line, str)]
    return out


EXAMPLES = must_remove_examples()
# A gallery marker in a story opens a run that `gallery.run` takes over: the gallery
# tests check them in their runs; their lines are here for the matcher tests.
GALLERY_LINES = ["12 PHOTOS", "Image 3 of 9", "See Gallery", "Slide 3/10", "HIDE CAPTION", "BACK TO SLIDE", "1 / 15"]
_ALPHABET = "aAbBkKsSiIzZ09_ .,;:-/()'\"!?’”“—–‘…«»·•©®éÉßıİſ\u212aµΣσς٣日本語Жж\u00a0"


def _variants(line: str) -> list[str]:
    return [line, line.upper(), line.lower(), line.title(), f"» {line}", f"{line}:", f"{line} and more words follow.",
            line.replace("s", "ſ"), line.replace("i", "İ"), f"* {line} |"]


def _lines() -> list[str]:
    rng = random.Random(5)
    generated = ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(1, 50))) for _ in range(400)]
    base = [line for _, line, _ in EXAMPLES] + _SAMPLE_LINES + CLEAN_ARTICLE + GALLERY_LINES
    return [v for line in base for v in _variants(line)] + generated


LINES = [seg for text in _lines() for seg in segment(text)]


def test_the_examples_cover_every_line_rule() -> None:
    covered = {rule_id for rule_id, _, _ in EXAMPLES} | {"gallery.marker", "gallery.controls"}
    assert {r.id for r in LINE_RULES} <= covered


@pytest.mark.parametrize(("rule_id", "line", "where"), EXAMPLES)
def test_every_must_remove_example_is_removed_by_its_rule(rule_id: str, line: str, where: str) -> None:
    """Through the whole engine: each example in a story, removed by the rule that claims it."""
    from rules.util import assert_removed

    assert_removed(line, rule_id, where=where)


def test_the_scan_names_every_pattern_that_matches() -> None:
    patterns = [(p, bool(r.flags & re.IGNORECASE)) for r in LINE_RULES for p in r.patterns]
    patterns += [(p, False) for p in _TAIL_CREDITS]
    scan = PatternScan(patterns)
    compiled = [re.compile(p, re.IGNORECASE if icase else 0) for p, icase in patterns]
    norms = [line.norm for line in LINES]
    found = scan.candidates(norms)
    for k, norm in enumerate(norms):
        named = found.get(k, [])
        for i, pattern in enumerate(compiled):
            if pattern.search(norm) and named is not None and i not in named and i not in scan.untranslated:
                raise AssertionError(f"pattern {patterns[i][0]!r} matches {norm!r} but the scan missed it")


def test_the_matcher_agrees_with_asking_every_rule_in_order() -> None:
    matcher = LineMatcher(LINE_RULES)
    together = matcher.first_matches(LINES)
    for line, got in zip(LINES, together):
        naive = next((r for r in LINE_RULES if r.matches(line)), None)
        assert got is naive, line.norm
        assert matcher.first_match(line) is naive, line.norm
        if naive is not None:  # the next rule when the first is taken back (Document.unmark)
            after = next((r for r in LINE_RULES if r is not naive and r.matches(line)), None)
            assert matcher.first_match(line, skip=naive.id) is after, line.norm


def test_every_built_in_pattern_is_loosened_into_re2() -> None:
    """No built-in pattern needs the every-line fallback, and none matches an empty line
    (the scan would stop at every line)."""
    scan = PatternScan([(p, True) for r in LINE_RULES for p in r.patterns] + [(p, False) for p in _TAIL_CREDITS])
    assert scan.untranslated == []
    empty = [p for r in LINE_RULES for p in r.patterns if re2.search(loosen(p), "")]
    assert empty == []


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"\bfoo\b", "xfoox"), (r"(?!bar)\w+", "bar"), (r"\d{2,3}", "٣٣"), (r"[^\W\d]+", "é"),
        (r"a\s+b", "a\u2009b"), (r"[\w'’.\-]*x", "éx"), (r"(?<=a)b", "cb"), (r"\{x\}", "{x}"), (r"a{,2}b", "aab"),
    ],
)
def test_a_loosened_pattern_matches_at_least_what_the_pattern_matches(pattern: str, text: str) -> None:
    loose = re2.compile(loosen(pattern))
    assert loose.search(text) is not None or re.search(pattern, text) is None
    if re.search(pattern, text):
        assert loose.search(text) is not None


def test_a_pattern_re2_cannot_hold_is_asked_on_every_line() -> None:
    rule = LineRule(id="custom.twice", reason="a doubled word", patterns=(r"\b(\w+) \1\b",))
    matcher = LineMatcher([rule])
    lines = segment("the the end\n\nno double here\n")
    assert [r and r.id for r in matcher.first_matches(lines)] == ["custom.twice", None]


def test_letters_python_folds_to_ascii_and_re2_does_not_are_listed() -> None:
    ascii_letter = re.compile("[a-z]", re.IGNORECASE)
    re2_letter = re2.compile("(?i)[a-z]")
    differ = {
        chr(c) for c in range(128, 0x10000)
        if not 0xD800 <= c <= 0xDFFF and bool(ascii_letter.match(chr(c))) != bool(re2_letter.match(chr(c)))
    }
    assert differ <= set(PY_ONLY_FOLDS)


def test_lines_with_such_letters_or_surrogates_still_match() -> None:
    matcher = LineMatcher(LINE_RULES)
    for text in ("İlgili haberler: Faiz kararı", "Relatİd: x", "Advertisement \ud800", "© 2019 Reuters\udcff",
                 "© 2019 Anadolu Ajansı. TÜM HAKLARI SAKLIDIR.", "2019 TÜM HAKLARI SAKLIDIR"):
        for line in segment(text):
            naive = next((r for r in LINE_RULES if r.matches(line)), None)
            assert matcher.first_matches([line])[0] is naive


def test_the_registry_reads_every_rule_a_family_declares() -> None:
    for family in FAMILIES:
        for rule in declared(family):
            assert rule in ALL_RULES
            if isinstance(rule, LineRule):
                assert rule in family.LINE_RULES, f"{rule.id} is declared but not in {family.__name__}.LINE_RULES"
    assert not any(hasattr(family, "CONTEXT_RULES") for family in FAMILIES)


def test_no_private_regex_modules() -> None:
    import cleaner.matcher
    import cleaner.rules.base

    for module in (cleaner.matcher, cleaner.rules.base):
        source = inspect.getsource(module)
        assert "_parser" not in source and "_constants" not in source


def test_clean_text_uses_the_matcher() -> None:
    article = cleaner.clean_text("Sign up for our newsletter\n\nThe council met on Tuesday and voted for the budget.")
    assert [r.rule for r in article.removals] == ["newsletter.signup"]


def test_every_built_in_pattern_compiles():
    """Built-in patterns compile when a line first needs them (start-up stays short):
    this is where a broken one would show."""
    from cleaner.rules import LINE_RULES

    assert sum(len(rule.regexes()) for rule in LINE_RULES) == sum(len(rule.patterns) for rule in LINE_RULES) > 50


def test_py_spaces_are_the_characters_python_calls_whitespace() -> None:
    """The loosened `\\s` lists Python's whitespace exactly (but the joining "\\n")."""
    import re as std_re

    import re2 as google_re2

    from cleaner.matcher import PY_SPACES

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    python = set(std_re.findall(r"\s", every)) - {"\n"}
    assert set(google_re2.findall(f"[{PY_SPACES}]", every)) == python


def test_a_scan_of_many_patterns_spreads_them_over_sets_and_finds_each() -> None:
    """More patterns than one RE2 set holds: each set's matches come back under the
    pattern's own index, a refused pattern stays untranslated, and lines match alone."""
    from cleaner.matcher import SET_PATTERNS

    count = 2 * SET_PATTERNS + 3
    patterns = [(rf"^item{n}x$", False) for n in range(count)]
    patterns.insert(SET_PATTERNS, (r"^(a)\1$", False))  # a back-reference: not loosened
    scan = PatternScan(patterns)
    assert scan.untranslated == [SET_PATTERNS]
    texts = ["nothing here", *(f"item{n}x" for n in range(count))]
    found = scan.candidates(texts)
    assert 0 not in found
    for n in range(count):
        index = n if n < SET_PATTERNS else n + 1  # after the inserted pattern
        assert found[n + 1] == [index]
