"""The line matcher: which line rule, if any, claims each line (the first in order wins).

`LineRule.matches` is the one definition of a match; this module only picks, for each
line, the few rules worth asking, for all rules of a document in a few passes:

- exact phrases: one dict lookup of the line's phrase key;
- prefixes and labels: one `str.startswith` with all of them;
- patterns: one RE2 `Set` match (google-re2, linear time) per line names every pattern
  that may match it. The set holds a *loosened* copy of each pattern (`loosen`): what RE2
  lacks or reads differently (look-arounds, `\\b`) is dropped, counted repeats become
  `*` or `+`, and `\\w`, `\\d`, `\\s` become supersets, so a loosened pattern
  matches whatever its pattern matches, and sometimes more. The rule then decides.
  A loosened pattern can only cost time, never a match.
- shape rules (a test in code) are asked on every line within their limit.

Fallbacks, each exact: a pattern that cannot be loosened (a back-reference) makes its
rule a candidate on every line; a line holding a letter that Python's case-insensitive
matching pairs with an ASCII letter and RE2's does not (`PY_ONLY_FOLDS`: "İ", "ı"), or
a lone surrogate, makes every pattern rule a candidate; such a letter in a pattern is
loosened to all four of "iIİı".
"""
from __future__ import annotations

import logging
import re
from bisect import bisect_right
from itertools import accumulate
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

import re2

from .rules.base import EXACT_MAX_CHARS
from .segment import _DECOR, Line

if TYPE_CHECKING:  # pragma: no cover
    from .rules.base import LineRule, Rule

log = logging.getLogger(__name__)

# Letters Python's re.IGNORECASE matches with an ASCII letter and RE2's case folding does
# not ("İ" with "i", ...); tests/test_matcher.py derives the list again.
PY_ONLY_FOLDS = "\u0130\u0131"
_RISKY = re.compile(f"[{PY_ONLY_FOLDS}\ud800-\udfff]")
# ... and the other way: "ı" in a pattern matches "I" in Python (case-insensitive), so
# RE2 is given all four wherever a pattern has one of them.
_DOTTED_I = "iI\u0130\u0131"

# Supersets of Python's classes (RE2's \w, \d, \s are ASCII); none takes "\n", which
# joins the lines of a scan (negated ones: every non-ASCII character, but "\n"). \w and
# \d take any non-ASCII character and \s the exact list of Python's (`PY_SPACES`):
# RE2 compiles Unicode categories (\p{L}) into large automata, which made compiling the
# set cost more than cleaning a text, while ASCII text (most lines) is scanned as exactly.
PY_SPACES = r"\t\x{0b}\f\r \x{1c}-\x{1f}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
_ANY_NON_ASCII = r"\x{80}-\x{10FFFF}"
_CLASS_ESCAPES = {
    "w": rf"0-9A-Za-z_{_ANY_NON_ASCII}", "d": rf"0-9{_ANY_NON_ASCII}", "s": PY_SPACES,
    "W": r"^0-9A-Za-z_\n", "D": r"^0-9\n", "S": r"^\t\n\f\r ",
}
# The same escapes inside a class: supersets there, subsets (ASCII) inside a negated class.
_IN_CLASS = {
    "w": rf"0-9A-Za-z_{_ANY_NON_ASCII}", "d": rf"0-9{_ANY_NON_ASCII}", "s": PY_SPACES,
    "W": r"\x{0}-\x{9}\x{b}-\x{10FFFF}", "D": r"\x{0}-\x{9}\x{b}-\x{10FFFF}", "S": r"\x{0}-\x{9}\x{b}-\x{10FFFF}",
}
_IN_NEGATED = {
    "w": r"0-9A-Za-z_", "d": r"0-9", "s": r"\t\x{0b}\f\r ",
    "W": r"\x{0}-/:-@\[-\^`{-\x{7f}", "D": r"\x{0}-/:-\x{7f}", "S": r"!-~",
}
_ZERO_WIDTH = {"b": "", "B": "", "A": "^", "Z": "$"}  # word boundaries dropped: RE2's are ASCII-only
_REPEAT = re.compile(r"\{(\d*)(,?)(\d*)\}")
_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # a refused pattern is an exception here, not a line on stderr
_OPTIONS.max_mem = 64 << 20  # room for the DFA of a set of patterns (below): it only grows as lines need

# Patterns per RE2 set. The DFA of one set of all the line patterns has states that
# combine every pattern's progress along a line, and a corpus of new texts keeps
# building new ones: on 1,000 new texts, building states cost ten times the matching.
# Sets of a few dozen patterns run out of new states far sooner (a scan of new texts
# takes a third of the time; texts seen before take a little longer, one scan a set).
# Each set is one more scan of every line: with 186 line patterns, four sets of 48 took
# 0.72 s on 600 new WCXB texts against 0.75-1.04 s for five of 40, and 48 ms against
# 53-80 ms on texts seen before (three alternating runs each).
SET_PATTERNS = 48


class Untranslatable(ValueError):
    """A pattern with a construct its loosened RE2 form cannot hold (a back-reference)."""


def loosen(pattern: str) -> str:
    """An RE2 pattern matching, within one line, every string `pattern` (Python syntax) matches."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            piece, i = _escape(pattern, i, in_class=False)
        elif ch == "[":
            piece, i = _char_class(pattern, i)
        elif ch == "(" and pattern.startswith("(?", i):
            piece, i = _group_open(pattern, i)
        elif ch == "{" and (m := _REPEAT.match(pattern, i)) and (m.group(1) or m.group(3)):
            piece, i = ("+" if m.group(1) and int(m.group(1)) > 0 else "*"), m.end()
        elif ch in "{}":
            piece, i = "\\" + ch, i + 1  # a literal brace in Python
        elif ch in PY_ONLY_FOLDS:
            piece, i = f"[{_DOTTED_I}]", i + 1
        else:
            piece, i = ch, i + 1
        out.append(piece)
    return "".join(out)


def _escape(pattern: str, i: int, in_class: bool) -> tuple[str, int]:
    """The loosened form of the escape at `pattern[i]` ("\\"), and where it ends."""
    ch = pattern[i + 1 : i + 2]
    if ch in _CLASS_ESCAPES:
        return f"[{_CLASS_ESCAPES[ch]}]", i + 2  # (inside a class, `_char_class` handles these)
    if ch in _ZERO_WIDTH and not in_class:
        return _ZERO_WIDTH[ch], i + 2
    if ch in ("u", "U"):
        width = 4 if ch == "u" else 8
        return f"\\x{{{pattern[i + 2 : i + 2 + width]}}}", i + 2 + width
    if ch == "x":
        return pattern[i : i + 4], i + 4
    if ch in ("n", "t", "r", "f", "v") or (ch and not ch.isalnum()):
        return ("\\" + ch if ch.isascii() else ch), i + 2
    raise Untranslatable(f"escape \\{ch} in {pattern!r}")


def _char_class(pattern: str, i: int) -> tuple[str, int]:
    """The loosened form of the class opening at `pattern[i]` ("["), and where it ends."""
    negated = pattern.startswith("^", i + 1)
    items: list[str] = ["\\n"] if negated else []  # a negated class never takes the joining "\n"
    j = i + 2 if negated else i + 1
    first = True
    while j < len(pattern):
        ch = pattern[j]
        if ch == "]" and not first:
            return f"[{'^' if negated else ''}{''.join(items)}]", j + 1
        if ch == "\\" and pattern[j + 1 : j + 2] in _CLASS_ESCAPES:
            # In a class that is negated, what it lists must shrink for the class to widen.
            items.append((_IN_NEGATED if negated else _IN_CLASS)[pattern[j + 1]])
            j += 2
            first = False
            continue
        if ch == "\\":
            piece, j = _escape(pattern, j, in_class=True)
        elif ch in PY_ONLY_FOLDS and not negated:
            piece, j = _DOTTED_I, j + 1
        else:
            piece, j = ("\\" + ch if ch in "[]" else ch), j + 1
        items.append(piece)
        first = False
    raise Untranslatable(f"unclosed class in {pattern!r}")


def _group_open(pattern: str, i: int) -> tuple[str, int]:
    """A "(?" opening: look-arounds and comments are dropped whole, other openings kept."""
    rest = pattern[i + 2 :]
    if rest.startswith(("=", "!", "<=", "<!", "#")):
        return "", _group_end(pattern, i)
    if rest.startswith(("P=", ">", "(")):
        raise Untranslatable(f"back-reference, atomic or conditional group in {pattern!r}")
    return "(?", i + 2


def _group_end(pattern: str, i: int) -> int:
    """Just past the ")" that closes the group opening at `pattern[i]`."""
    depth, j = 0, i
    while j < len(pattern):
        ch = pattern[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "[":
            _, j = _char_class(pattern, j)
            continue
        depth += {"(": 1, ")": -1}.get(ch, 0)
        j += 1
        if depth == 0:
            return j
    raise Untranslatable(f"unbalanced group in {pattern!r}")


class LinearPattern:
    """A pattern run by RE2: linear time whatever the input (users' own rules)."""

    def __init__(self, pattern: str, ignore_case: bool) -> None:
        """Raises re2.error when RE2 refuses `pattern` (back-references and
        look-arounds cannot run in linear time)."""
        self.pattern = pattern
        self._re = re2.compile(("(?i)" if ignore_case else "") + pattern, _OPTIONS)

    def search(self, text: str) -> Any:
        try:
            return self._re.search(text)
        except UnicodeEncodeError:  # a lone surrogate has no UTF-8: it stands for no character RE2 knows
            return self._re.search(_RISKY.sub("\ufffd", text))


def compile_linear(pattern: str, ignore_case: bool) -> LinearPattern:
    """`pattern` compiled by RE2 (see `LinearPattern`)."""
    return LinearPattern(pattern, ignore_case)


def _exact_utf8(text: str) -> bytes | None:
    """`text` in UTF-8, or None when RE2 cannot read it as Python does (`_RISKY`: a lone
    surrogate has no UTF-8, and two letters fold differently). Without a regex scan,
    which cost a tenth of the matching: str.isascii is one flag, and `in` runs in C."""
    if text.isascii():
        return text.encode("ascii")
    if any(letter in text for letter in PY_ONLY_FOLDS):
        return None
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return None


class PatternScan:
    """Which of several patterns may match each of many lines, in a few RE2 calls.

    The lines are joined by "\\n" and scanned once by each of a few RE2 `Set`s (of
    `SET_PATTERNS` patterns each) in multi-line mode, which name the patterns that match
    anywhere (a loosened pattern never matches across a line break: none of its parts
    takes a "\\n"). Each of those few patterns then finds its lines by itself. A call
    per line cost more than the scan itself.
    """

    def __init__(self, patterns: Iterable[tuple[str, bool]]) -> None:
        """`patterns`: (Python pattern, ignore case). Those that cannot be loosened are
        in `untranslated`: the caller must treat them as possible on every line."""
        self.untranslated: list[int] = []
        self._index: list[int] = []  # set index (over all sets) -> pattern index
        self._loose: list[str] = []  # set index -> its loosened pattern
        self._alone: dict[int, Any] = {}  # set index -> that pattern compiled alone (when first needed)
        self._sets: list[Any] = []  # RE2 sets of SET_PATTERNS patterns each (the last: the rest)
        self._offsets: list[int] = []  # set index of each set's first pattern
        for k, (pattern, icase) in enumerate(patterns):
            if not self._sets or len(self._loose) - self._offsets[-1] >= SET_PATTERNS:
                self._sets.append(re2.Set.SearchSet(_OPTIONS))
                self._offsets.append(len(self._loose))
            try:
                loose = f"(?{'i' if icase else ''}m:{loosen(pattern)})"  # m: "^", "$" at line breaks
                self._sets[-1].Add(loose)
            except (Untranslatable, re2.error) as exc:
                log.info("pattern asked on every line: %s", exc)
                self.untranslated.append(k)
                continue
            self._index.append(k)
            self._loose.append(loose)
        for patterns_set in self._sets:
            patterns_set.Compile()

    def candidates(self, texts: Sequence[str]) -> Mapping[int, list[int] | None]:
        """For each text (by position) that some pattern may match, the patterns that may
        (None: any may, the text could not be read exactly). No text holds a line break."""
        if not self._index or not texts:
            return {}
        joined = "\n".join(texts)
        data = _exact_utf8(joined)
        if data is None:  # mostly not: one test for all
            return self._each(texts)
        found = self._match(data)
        if not found:
            return {}
        # The byte offset of each text: its "\n"-joined pieces again, split in C.
        sizes = map(len, texts) if len(data) == len(joined) else map(len, data.split(b"\n"))
        starts = list(accumulate((size + 1 for size in sizes), initial=0))
        out: dict[int, list[int]] = {}
        for i in found:
            for k in self._texts_matched(i, data, starts):
                out.setdefault(k, []).append(self._index[i])
        return out

    def _match(self, data: bytes) -> list[int]:
        """The set indices (over all sets) of the loosened patterns that match in `data`."""
        return [offset + i for offset, patterns in zip(self._offsets, self._sets)
                for i in patterns.Match(data) or ()]  # None: no match

    def _texts_matched(self, i: int, data: bytes, starts: list[int]) -> list[int]:
        """The texts (by position) in which set pattern `i` matches: one search per text it
        matches, each from the start of the text after the last one found."""
        pattern = self._alone.get(i) or self._alone.setdefault(i, re2.compile(self._loose[i], _OPTIONS))
        matched, pos = [], 0
        while pos <= len(data):
            m = pattern.search(data, pos)
            if m is None:
                break
            k = bisect_right(starts, m.start()) - 1
            matched.append(k)
            pos = starts[k + 1]
        return matched

    def _each(self, texts: Sequence[str]) -> dict[int, list[int] | None]:
        """`candidates`, one `Set` match a text: texts that UTF-8 cannot hold, or a letter
        that RE2 folds differently from Python (`_RISKY`), make their own answer None."""
        out: dict[int, list[int] | None] = {}
        for k, text in enumerate(texts):
            if _RISKY.search(text):
                out[k] = None
                continue
            found = self._match(text.encode("utf-8"))
            if found:
                out[k] = [self._index[i] for i in found]
        return out


class LineMatcher:
    """The configured line rules in order, and the passes that pick candidates for each line."""

    def __init__(self, rules: Iterable["LineRule"], others: Iterable["Rule"] = ()) -> None:
        """`rules` in the order they are asked; `others`: the rest of the rules a
        document's lines may be labelled by, for `by_id`."""
        self.rules = tuple(rules)
        self.by_id: dict[str, Rule] = {rule.id: rule for rule in reversed((*self.rules, *others))}  # first wins
        self._exact: dict[str, list[int]] = {}
        for i, rule in enumerate(self.rules):
            for key in rule._exact:
                self._exact.setdefault(key, []).append(i)
        self._starts = tuple(s for r in self.rules for s in r._prefixes + r._labels)
        self._start_rules = [i for i, r in enumerate(self.rules) if r._prefixes or r._labels]
        self._shapes = [(i, r.shape) for i, r in enumerate(self.rules) if r.shape is not None]
        owners = [(i, p, bool(r.flags & re.IGNORECASE)) for i, r in enumerate(self.rules) for p in r.patterns]
        self._scan = PatternScan((p, icase) for _, p, icase in owners)
        self._pattern_rule = [i for i, _, _ in owners]
        self._always = sorted({self._pattern_rule[k] for k in self._scan.untranslated})
        self._pattern_rules = sorted(set(self._pattern_rule))
        self._max_chars = max((r.max_chars for r in self.rules), default=0)

    def first_matches(self, lines: Sequence[Line]) -> list["LineRule | None"]:
        """The first rule that matches each line (None: no rule does)."""
        get = self.claimed(lines).get
        return [get(line.text) for line in lines]

    def claimed(self, lines: Sequence[Line]) -> dict[str, "LineRule"]:
        """The first rule that matches each distinct line text some rule matches.

        Line rules are context-free, so each distinct line text is matched once: pages
        repeat lines ("Share", "Reply", "Photo: Reuters"), and a repeat costs a lookup.
        """
        limit = self._max_chars
        distinct = {line.text: line for line in lines if len(line.norm) <= limit}  # longer: no rule
        short = list(distinct.values())
        found = self._scan.candidates([line.norm for line in short])
        firsts = ((line.text, self._first(line, found.get(k, ()), None)) for k, line in enumerate(short))
        return {text: rule for text, rule in firsts if rule is not None}

    def first_match(self, line: Line, skip: str | None = None) -> "LineRule | None":
        """The first rule (other than `skip`) that matches `line`."""
        if len(line.norm) > self._max_chars:
            return None
        found = self._scan.candidates([line.norm])
        return self._first(line, found.get(0, ()), skip)

    def _first(self, line: Line, patterns: list[int] | None | tuple[()], skip: str | None) -> "LineRule | None":
        """Ask the candidate rules of `line` in order; `patterns`: what the scan found."""
        rules = self.rules
        picked = self._always.copy()  # mostly empty
        for i, shape in self._shapes:
            if shape(line):
                picked.append(i)
        if len(line.norm) <= EXACT_MAX_CHARS and line.key in self._exact:
            picked += self._exact[line.key]
        if self._starts and line.lower.lstrip(_DECOR).startswith(self._starts):
            picked += self._start_rules
        if patterns is None:
            picked += self._pattern_rules
        elif patterns:
            picked += [self._pattern_rule[k] for k in patterns]
        if not picked:  # most lines
            return None
        for i in sorted(set(picked)):
            if rules[i].id != skip and rules[i].matches(line):
                return rules[i]
        return None
