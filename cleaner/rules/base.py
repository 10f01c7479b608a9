"""What a rule is, and the document the rules label.

Two kinds of rule, as in jusText's staged classifier:

- `LineRule`: context-free. It looks at one line and says "clutter" or nothing.
  Most are data: exact phrases, line prefixes and bounded regexes. Users add
  phrases to any of them through `Config.phrases`.
- `ContextRule`: a pass over the whole document that revises labels with context
  (runs between gallery markers, the head and tail zones, neighbours).

Every rule has an id (`family.name`) and a one-line reason, kept in the ledger.
Each regex runs only on lines up to `max_chars` long, or on a bounded tail of a
long line, so a rule costs time linear in the input.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import accumulate
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from ahocorasick_rs import AhoCorasick

from ..segment import _DECOR, Line, phrase_key

if TYPE_CHECKING:  # pragma: no cover
    from ..config import Config

@dataclass(frozen=True)
class Rule:
    id: str
    reason: str

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]


# Exact phrases are short; a longer line is never one, whatever decoration it carries.
EXACT_MAX_CHARS = 160


@dataclass(frozen=True)
class LineRule(Rule):
    """A context-free rule on one line.

    exact:    the whole line, decoration stripped, equals one of these (case-insensitive).
    prefixes: the line starts with one of these and has at most `max_words` words.
    patterns: a regex matches (re.search) a line of at most `max_chars` characters.
    hints:    lower-case substrings; a pattern that is not anchored at the line's start
              (no leading "^", or "^." ) is only tried when the line holds one of them.
              Floating patterns scan the whole line, so they are kept off prose.
    suffixes: like hints, for patterns that need the line to end so ("… more").
    """

    exact: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    max_words: int = 25
    max_chars: int = 400
    pattern_max_words: int | None = None  # when set, patterns only see lines this short
    flags: int = re.IGNORECASE
    hints: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    _anchored: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    _floating: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    _exact: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    _prefixes: tuple[str, ...] = field(default=(), compare=False, repr=False)
    _hints: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        hints = "|".join(re.escape(h) for h in self.hints)
        object.__setattr__(self, "_hints", re.compile(hints) if hints else None)
        anchored = [p for p in self.patterns if is_anchored(p)]
        floating = [p for p in self.patterns if not is_anchored(p)]
        object.__setattr__(self, "_anchored", _union(anchored, self.flags))
        object.__setattr__(self, "_floating", _union(floating, self.flags))
        object.__setattr__(self, "_exact", frozenset(phrase_key(p) for p in self.exact))
        object.__setattr__(self, "_prefixes", tuple(p.lower() for p in self.prefixes))

    def with_phrases(self, phrases: Iterable[str]) -> "LineRule":
        """A copy of this rule that also matches lines starting with `phrases`."""
        extra = tuple(p for p in phrases if p.strip())
        return replace(self, exact=self.exact + extra, prefixes=self.prefixes + extra)

    def matches(self, line: Line) -> bool:
        if len(line.norm) > self.max_chars:
            return False
        if self._exact and len(line.norm) <= EXACT_MAX_CHARS and line.key in self._exact:
            return True
        if self._prefixes and line.words <= self.max_words:
            if line.lower.lstrip(_DECOR).startswith(self._prefixes):
                return True
        if self.pattern_max_words is not None and line.words > self.pattern_max_words:
            return False
        if self._anchored is not None and self._anchored.match(line.norm):
            return True
        if self._floating is not None and self._hinted(line):
            return self._floating.search(line.norm) is not None
        return False

    def _hinted(self, line: Line) -> bool:
        if self._hints is None and not self.suffixes:
            return True
        if self.suffixes and line.lower.endswith(self.suffixes):
            return True
        return self._hints is not None and self._hints.search(line.lower) is not None

    def might_match(self, line: Line) -> bool:
        """Cheap test beyond the rule's data (exact, prefixes, anchored patterns).

        `LineRuleSet` checks the data of all rules at once; rules whose `matches`
        does more than its data override this to say when it might.
        """
        return self._floating is not None and self._hinted(line)


def is_anchored(pattern: str) -> bool:
    """A pattern tied to the line's start by a literal opening: cheap to try anywhere."""
    return pattern.startswith("^") and not pattern.startswith("^.")


NONE_FOUND: frozenset[str] = frozenset()  # what `Needles.found` gives for a text without needles


class Needles:
    """Which of several literal strings (case-sensitive) a text holds.

    One Aho-Corasick scan (ahocorasick-rs) finds them all at once. A regex
    alternation stops at every occurrence of each needle's first letter, most of
    a line, and costs about three times as much on prose.
    """

    def __init__(self, needles: Iterable[str]) -> None:
        unique = sorted(set(needles))
        self._needles = unique
        self._always = "" in unique  # the empty needle is in every text
        self._everything = frozenset(unique)
        self._automaton = AhoCorasick(unique) if unique and not self._always else None
        # Stands in for lone surrogates, which have no UTF-8 for the automaton: no needle
        # holds one, nor this character, so the same needles are found at the same places.
        self._stand_in = next(c for c in map(chr, range(0xFFFD, 0, -1)) if not any(c in n for n in unique))

    def __reduce__(self) -> tuple[type, tuple[list[str]]]:
        return Needles, (self._needles,)  # the automaton itself does not pickle

    def found(self, text: str) -> frozenset[str]:
        """The needles that `text` holds."""
        if self._automaton is None:
            return self._everything if self._always else NONE_FOUND
        matches = self._scan(text)
        return frozenset([self._needles[i] for i, _, _ in matches]) if matches else NONE_FOUND

    def found_each(self, texts: Sequence[str]) -> dict[int, frozenset[str]]:
        """`found` for each of `texts` that holds a needle, by its position: one scan.

        One call on the joined texts instead of one per text: a call costs about as much
        as scanning a short line.
        """
        if self._automaton is None:
            return dict.fromkeys(range(len(texts)), self._everything) if self._always else {}
        matches = self._scan("\n".join(texts))
        if not matches:
            return {}
        ends = list(accumulate(len(text) + 1 for text in texts))  # just past each text's "\n"
        each: dict[int, set[str]] = {}
        for i, start, end in matches:
            k = bisect_right(ends, start)
            if end < ends[k]:  # not across a separator
                each.setdefault(k, set()).add(self._needles[i])
        return {k: frozenset(v) for k, v in each.items()}


    def _scan(self, text: str) -> list[tuple[int, int, int]]:
        """(needle index, start, end) of every occurrence, overlapping ones too."""
        assert self._automaton is not None
        try:
            return self._automaton.find_matches_as_indexes(text, overlapping=True)
        except UnicodeEncodeError:  # a lone surrogate ("\ud800")
            return self._automaton.find_matches_as_indexes(_SURROGATE.sub(self._stand_in, text), overlapping=True)


_SURROGATE = re.compile("[\ud800-\udfff]")


def any_of(needles: Iterable[str]) -> Needles | None:
    """A `Needles` for `needles`; None when there are none."""
    unique = set(needles)
    return Needles(unique) if unique else None


def _union(patterns: list[str], flags: int) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


# First-character analysis of anchored patterns (uses the regex parser of `re`).
_ASCII = [chr(c) for c in range(128)]
_ASCII_CATEGORIES = {
    category: frozenset(ch for ch in _ASCII if re.match(regex, ch))
    for category, regex in (
        (C.CATEGORY_DIGIT, r"\d"), (C.CATEGORY_NOT_DIGIT, r"\D"), (C.CATEGORY_WORD, r"\w"),
        (C.CATEGORY_NOT_WORD, r"\W"), (C.CATEGORY_SPACE, r"\s"), (C.CATEGORY_NOT_SPACE, r"\S"),
    )
}


# In a first-character set: "and non-ASCII characters not listed" (classes, negations).
NON_ASCII = "<non-ascii>"
# Non-ASCII characters that case-insensitive matching pairs with ASCII letters ("İ", "ſ",
# Kelvin sign): a line opening with one may match a pattern opening with "i", "s" or "k".
_FOLDS_TO_ASCII = frozenset(
    ch for ch in map(chr, range(128, 0x10000)) if ch.isalpha() and re.match("[a-z]", ch, re.IGNORECASE)
)


def _first(items: list, icase: bool, reverse: bool = False) -> tuple[set[str] | None, bool]:
    """(first characters or None for any, whether the sequence can match empty).

    With `reverse`, the last characters instead: the same walk from the other end.
    """
    out = set()
    for op, av in reversed(items) if reverse else items:
        if op is C.AT:
            continue
        s, nullable = _first_op(op, av, icase, reverse)
        if s is None:
            return None, False
        out |= s
        if not nullable:
            return out, False
    return out, True


def _first_op(op: object, av: object, icase: bool, reverse: bool) -> tuple[set[str] | None, bool]:  # noqa: C901
    if op is C.LITERAL:
        ch = chr(av)
        return ({ch, ch.lower(), ch.upper()} if icase else {ch}), False
    if op is C.IN and av and av[0][0] is C.NEGATE:
        s = _negated_ascii(av[1:], icase)
        return (None if s is None else s | {NON_ASCII}), False
    if op is C.IN:
        s = set()
        for iop, iav in av:
            if iop is C.LITERAL:
                ch = chr(iav); s |= {ch, ch.lower(), ch.upper()} if icase else {ch}
            elif iop is C.CATEGORY and iav in _ASCII_CATEGORIES:
                s |= _ASCII_CATEGORIES[iav] | {NON_ASCII}  # its non-ASCII members are not listed
            elif iop is C.RANGE and iav[1] - iav[0] < 64:
                for c in range(iav[0], iav[1] + 1):
                    ch = chr(c); s |= {ch, ch.lower(), ch.upper()} if icase else {ch}
            else:
                return None, False
        return s, False
    if op is C.SUBPATTERN:  # (group, add_flags, del_flags, items): "(?i:...)" scopes its flags
        _, add_flags, del_flags, items = av
        scoped = (icase or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
        return _first(list(items), scoped, reverse)
    if op is C.BRANCH:
        s, nullable = set(), False
        for branch in av[1]:
            bs, bn = _first(list(branch), icase, reverse)
            if bs is None:
                return None, False
            s |= bs; nullable |= bn
        return s, nullable
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, hi, item = av
        s, n = _first(list(item), icase, reverse)
        if s is None:
            return None, False
        return s, (lo == 0 or n)
    if op in (C.ASSERT, C.ASSERT_NOT):
        return set(), True
    return None, False


_CATEGORY_CLASSES = {
    C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_WORD: r"\w",
    C.CATEGORY_NOT_WORD: r"\W", C.CATEGORY_SPACE: r"\s", C.CATEGORY_NOT_SPACE: r"\S",
}


def _negated_ascii(items: list, icase: bool) -> set[str] | None:
    """The ASCII characters a negated class ("[^.!?]") matches, asked of `re` itself.

    ASCII only, like the categories: a line with another character there tries every pattern.
    """
    parts = []
    for iop, iav in items:
        if iop is C.LITERAL:
            parts.append(f"\\U{iav:08x}")
        elif iop is C.RANGE:
            parts.append(f"\\U{iav[0]:08x}-\\U{iav[1]:08x}")
        elif iop is C.CATEGORY and iav in _CATEGORY_CLASSES:
            parts.append(_CATEGORY_CLASSES[iav])
        else:
            return None
    negated = re.compile("[^" + "".join(parts) + "]", re.IGNORECASE if icase else 0)
    return {ch for ch in _ASCII if negated.fullmatch(ch)}


def first_chars(pattern: str, flags: int, *, last: bool = False) -> frozenset[str] | None:
    """The characters a match of `pattern` can start (or with `last`, end) with; None when any may."""
    try:
        parsed = P.parse(pattern, flags)
    except Exception:  # a private parser: when in doubt, any character
        return None
    icase = bool(parsed.state.flags & re.IGNORECASE)
    s, nullable = _first(list(parsed), icase, last)
    return None if s is None or nullable else frozenset(s)


# Openings: what the first characters of a match can be, so a line is tried only
# against the anchored patterns that may open as it does ("Fo" for "Follow us").
OPENING_CHARS = 2  # characters of a line's opening that choose its patterns
_MAX_OPENINGS = 400  # more distinct openings than this: not tracked


class _Untracked(Exception):
    """A piece of a pattern whose openings are not tracked (a back-reference, too many)."""


def opening_strings(pattern: str, flags: int, size: int = OPENING_CHARS) -> frozenset[str] | None:
    """What a match of `pattern` can open with, lower-cased: its first `size` characters,
    or the whole match when shorter. None when not tracked.

    Only ASCII openings are listed: a line whose first `size` characters are ASCII can
    match only if its opening, lower-cased, starts with one of them.
    """
    try:
        parsed = P.parse(pattern, flags)
        icase = bool(parsed.state.flags & re.IGNORECASE)
        states = _open_sequence(list(parsed), {("", False)}, size, icase)
    except (_Untracked, re.error, RecursionError):
        return None
    return frozenset(text for text, _ in states)


# A state is (the opening so far, whether it is closed: `size` long, or the match ended).
_States = set[tuple[str, bool]]


def _open_sequence(items: list, states: _States, size: int, icase: bool) -> _States:
    for op, av in items:
        states = _open_op(op, av, states, size, icase)
        if len(states) > _MAX_OPENINGS:
            raise _Untracked
    return states


def _open_op(op: object, av: Any, states: _States, size: int, icase: bool) -> _States:  # noqa: C901
    """The states after one item of a pattern; closed states pass through unchanged."""
    done = {state for state in states if state[1]}
    live = states - done
    if not live:
        return states
    if op is C.LITERAL or op is C.IN:
        chars = _ascii_matches(op, av, icase)
        return done | {(text + ch, len(text) + 1 == size) for text, _ in live for ch in chars}
    if op is C.SUBPATTERN:  # (group, add_flags, del_flags, items): "(?i:...)" scopes its flags
        _, add_flags, del_flags, items = av
        scoped = (icase or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
        return done | _open_sequence(list(items), live, size, scoped)
    if op is C.BRANCH:
        out = set(done)
        for branch in av[1]:
            out |= _open_sequence(list(branch), live, size, icase)
        return out
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, hi, items = av
        return done | _open_repeat(list(items), lo, hi, live, size, icase)
    if op is C.AT:
        if av in (C.AT_END, C.AT_END_STRING):  # "$": the match ends here (lines hold no newline)
            return done | {(text, True) for text, _ in live}
        return states  # "^", "\b": no character
    if op in (C.ASSERT, C.ASSERT_NOT):
        return states  # look-arounds only narrow what matches
    raise _Untracked


def _open_repeat(items: list, lo: int, hi: int, live: _States, size: int, icase: bool) -> _States:
    """The states after `items` repeated lo to hi times."""
    out: _States = set()
    states, count = live, 0
    while True:
        if count >= lo:
            out |= states
        if count == hi:
            return out
        after = _open_sequence(items, states, size, icase)
        if all(closed for _, closed in after) or (count < lo and after == states):
            return out | after  # nothing changes with more repeats
        if count >= lo and after <= out:
            return out  # more repeats only reach states already seen
        states, count = after, count + 1


def _ascii_matches(op: object, av: Any, icase: bool) -> set[str]:
    """The ASCII characters (lower-cased) that one character of a pattern matches."""
    chars, _ = _first_op(op, av, icase, False)
    if chars is None:
        raise _Untracked
    out = set()
    for ch in chars:
        if ch == NON_ASCII:
            continue
        if ch.isascii():
            out.add(ch.lower())
        elif icase and ch in _FOLDS_TO_ASCII:  # "ſ" matches "s", "İ" matches "i"
            out |= {c for c in "abcdefghijklmnopqrstuvwxyz" if re.match(re.escape(ch), c, re.IGNORECASE)}
    return out


# Required literals: strings one of which every match of a pattern contains, so a
# line holding none of them cannot match and is spared the regex. Only characters
# that match themselves alone count (case-sensitive, or without case): a search for
# the needle as written is then exact. With `fold`, ASCII letters count too, in lower
# case (case-insensitive ones included): the needles are then searched in the
# lower-cased line, exact unless it holds a non-ASCII letter that case-insensitive
# matching pairs with an ASCII one ("ſ" with "s", see `folds_to_ascii`).
_EXACT_LIMIT = 24  # most alternative strings tracked for a piece of a pattern
_Info = tuple["frozenset[str] | None", "frozenset[str] | None"]  # (all it can match, needles)


def _needs(info: _Info) -> frozenset[str] | None:
    """What a piece requires: its exact strings when known, else its needles."""
    return _better(info[0], info[1])


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The cheaper, more selective needle set.

    Needles of three characters or more are rare in prose whatever their number; among
    shorter ones, fewer needles make a faster search (one "/" before twenty agencies).
    """
    a = None if a is None or "" in a else a
    b = None if b is None or "" in b else b
    if a is None or b is None:
        return a if b is None else b
    return min(a, b, key=lambda s: (min(map(len, s)) < 3, len(s), -min(map(len, s))))


def _seq_info(items: list, icase: bool, fold: bool = False) -> _Info:
    exact: set[str] | None = {""}
    whole = True  # every piece so far was exact and the product stayed small
    best: frozenset[str] | None = None
    for op, av in items:
        ex, needles = _node_info(op, av, icase, fold)
        if exact is not None and ex is not None and len(exact) * len(ex) <= _EXACT_LIMIT:
            exact = {a + b for a in exact for b in ex}
            continue
        whole = False  # the run of exact pieces ends: it is one requirement, the piece another
        best = _better(_better(best, frozenset(exact) if exact is not None else None), needles)
        exact = set(ex) if ex is not None else {""}
    best = _better(best, frozenset(exact))
    return (frozenset(exact) if whole else None), best


def _chars(op: object, av: object, icase: bool, fold: bool = False) -> frozenset[str] | None:
    """The characters a one-character node matches, when few and case cannot widen them.

    With `fold`, ASCII letters are given in lower case, case-insensitive or not.
    """
    items = [(op, av)] if op is C.LITERAL else av if op is C.IN else None
    chars: set[str] = set()
    for iop, iav in items or [(None, None)]:
        if iop is C.LITERAL:
            chars.add(chr(iav))
        elif iop is C.RANGE and iav[1] - iav[0] < 8:
            chars.update(map(chr, range(iav[0], iav[1] + 1)))
        else:
            return None  # negation, categories, wide ranges: any of many characters
    cased = [ch for ch in chars if ch.lower() != ch or ch.upper() != ch]
    if fold:  # ASCII letters in lower case, with or without `icase`; others may lower oddly ("Σ")
        if not all(ch.isascii() for ch in cased):
            return None
        chars = {ch.lower() for ch in chars}
    elif icase and cased:
        return None  # case-insensitive letters match other characters too
    return frozenset(chars) if len(chars) <= 8 else None


def _node_info(op: object, av: object, icase: bool, fold: bool = False) -> _Info:  # noqa: C901
    if op is C.AT or op in (C.ASSERT, C.ASSERT_NOT):
        return frozenset({""}), None  # zero-width: requires nothing
    if op is C.SUBPATTERN:
        _, add_flags, del_flags, items = av  # type: ignore[misc]
        scoped = (icase or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
        return _seq_info(list(items), scoped, fold)
    if op is C.ATOMIC_GROUP:
        return _seq_info(list(av), icase, fold)  # type: ignore[arg-type]
    if op is C.BRANCH:
        infos = [_seq_info(list(branch), icase, fold) for branch in av[1]]  # type: ignore[index]
        exacts = [i[0] for i in infos]
        union = frozenset().union(*exacts) if all(e is not None for e in exacts) else None
        needs = [_needs(i) for i in infos]
        needles = frozenset().union(*needs) if all(n is not None for n in needs) else None
        return (union if union is not None and len(union) <= _EXACT_LIMIT else None), needles
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, hi, item = av  # type: ignore[misc]
        info = _seq_info(list(item), icase, fold)
        if lo == 0:
            optional = hi == 1 and info[0] is not None
            return (info[0] | {""} if optional else None), None  # type: ignore[operator]
        return (info[0] if lo == hi == 1 else None), _needs(info)
    chars = _chars(op, av, icase, fold)
    return chars, None


def _tail_exact(items: list, icase: bool, fold: bool) -> frozenset[str] | None:
    """The exact strings every match of the sequence ends with, as far back as they are known."""
    tails = {""}
    for op, av in reversed(items):
        if op is C.AT:
            continue
        ex = _node_info(op, av, icase, fold)[0]
        if ex is None or len(tails) * len(ex) > _EXACT_LIMIT:
            break
        tails = {a + b for a in ex for b in tails}
    return None if "" in tails else frozenset(tails)


def _ends_at_end(items: list) -> bool:
    """Whether every match of the sequence ends with "$" (the end of a line)."""
    if not items:
        return False
    op, av = items[-1]
    if op is C.AT:
        return av is C.AT_END or av is C.AT_END_STRING
    if op is C.BRANCH:
        return all(_ends_at_end(list(branch)) for branch in av[1])
    if op is C.SUBPATTERN:
        return _ends_at_end(list(av[3]))
    return False


def end_width(pattern: str, flags: int = 0) -> int | None:
    """The longest match of a pattern whose matches all end at the line's end; None otherwise.

    A search need then start no earlier than that many characters before the end.
    """
    try:
        parsed = P.parse(pattern, flags)
    except Exception:  # a private parser: when in doubt, search everywhere
        return None
    width = parsed.getwidth()[1]
    return width if _ends_at_end(list(parsed)) and width < C.MAXREPEAT else None


def required_needles(pattern: str, flags: int = 0, *, fold: bool = False) -> frozenset[str] | None:
    """Strings, one of which every match of `pattern` contains as written; None if unknown.

    With `fold`, ASCII letters are in lower case: for a search in the lower-cased line
    (not exact on a line where `folds_to_ascii`).
    """
    try:
        parsed = P.parse(pattern, flags)
    except Exception:  # a private parser: when in doubt, no requirement
        return None
    return _minimal(_needs(_seq_info(list(parsed), bool(parsed.state.flags & re.IGNORECASE), fold)))


def _minimal(needles: frozenset[str] | None) -> frozenset[str] | None:
    """`needles` without those holding another one: wherever they are, the shorter one is."""
    if needles is None:
        return None
    return frozenset(n for n in needles if not any(m != n and m in n for m in needles))


def required_suffixes(pattern: str, flags: int = 0, *, fold: bool = False) -> frozenset[str] | None:
    """Strings, one of which ends every match of a pattern that matches up to "$"; None if unknown."""
    try:
        parsed = P.parse(pattern, flags)
    except Exception:  # a private parser: when in doubt, no requirement
        return None
    if not _ends_at_end(list(parsed)):
        return None
    return _tail_exact(list(parsed), bool(parsed.state.flags & re.IGNORECASE), fold)


def folds_to_ascii(text: str) -> bool:
    """Whether `text` holds a character that case-insensitive matching pairs with an ASCII
    letter while lower-casing does not make it that letter ("ſ" is "s", "İ" is "i")."""
    if text.isascii():
        return False
    for ch in _FOLDS_TO_ASCII:  # four characters: a loop, not a generator, on every non-ASCII line
        if ch in text:
            return True
    return False


class LineRuleSet:
    """The line rules in order, with one combined pre-check for lines no rule claims.

    Most lines are prose that no line rule matches; asking every rule in turn costs
    a dozen regex calls per line. The pre-check looks up all exact phrases in one
    dict, all prefixes in one `startswith`, all anchored patterns in one regex (plus
    string tests for the gated ones) and the rules' own hints in one search. Each
    of these knows the earliest rule it fired for, so the rules are asked in order
    from there: the first match still wins, and the rules before it, which cannot
    match, are not asked.
    """

    def __init__(self, rules: Iterable[LineRule]) -> None:
        self.rules = tuple(rules)
        none = len(self.rules)  # "no rule": past the last index
        self._exact: dict[str, int] = {}
        for i, rule in enumerate(self.rules):
            for key in rule._exact:
                self._exact.setdefault(key, i)
        self._prefixes = tuple(p for r in self.rules for p in r._prefixes)
        self._prefix_first = next((i for i, r in enumerate(self.rules) if r._prefixes), none)
        self._gated = _gated_patterns(self.rules)
        self._gated_first = min((g.rule for g in self._gated), default=none)
        self._index_gates()
        self._anchored = AnchoredDispatch(self.rules, {g.pattern for g in self._gated})
        self._group_rule = self._anchored.rule_of_group
        self._max_chars = max((r.max_chars for r in self.rules), default=0)
        # Rules that can match beyond their data: their own code (`might_match`), or
        # floating patterns, which are gated by hints and suffixes (one search for all).
        self._custom = tuple(
            (i, r) for i, r in enumerate(self.rules) if type(r).might_match is not LineRule.might_match
        )
        custom = {i for i, _ in self._custom}
        floating = [(i, r) for i, r in enumerate(self.rules) if r._floating is not None and i not in custom]
        self._unhinted_first = min((i for i, r in floating if r._hints is None and not r.suffixes), default=none)
        self._hinted_first = min((i for i, r in floating if r._hints is not None or r.suffixes), default=none)
        self._hint_needles = frozenset(h for _, r in floating if r._hints is not None for h in r.hints)
        # The hints and the folded gates' needles are both looked for in `lower`: one scan.
        self._lower_needles = any_of(self._hint_needles | set(self._gate_folded_needles))
        self._any_suffix = tuple(s for _, r in floating for s in r.suffixes)

    def first_match(self, line: Line, skip: str | None = None) -> LineRule | None:
        """The first rule (other than `skip`) that matches `line`."""
        for rule in self.rules[self._first_candidate(line) :]:
            if rule.id != skip and rule.matches(line):
                return rule
        return None

    def first_matches(self, lines: Sequence[Line]) -> list[LineRule | None]:
        """`first_match` of each line; the needles of all lines are found in one scan."""
        rules = self.rules
        short = [pos for pos, line in enumerate(lines) if len(line.norm) <= self._max_chars]  # longer: no rule
        found = self._lower_needles.found_each([lines[pos].lower for pos in short]) if self._lower_needles else {}
        by_pos = {short[k]: needles for k, needles in found.items()}
        out: list[LineRule | None] = []
        for pos, line in enumerate(lines):
            first = None
            for rule in rules[self._first_candidate(line, by_pos.get(pos, NONE_FOUND)) :]:
                if rule.matches(line):
                    first = rule
                    break
            out.append(first)
        return out

    def _first_candidate(self, line: Line, found: frozenset[str] | None = None) -> int:
        """A lower bound on the index of the first rule that matches `line`.

        Every way a rule can match has its test here, each giving the earliest rule it
        fired for; the least of them is the bound. Past the last rule: none can match.
        `found`: the needles of `_lower_needles` in `line.lower`, when already known.
        """
        norm = line.norm
        bound = len(self.rules)
        if len(norm) > self._max_chars:
            return bound  # every rule refuses lines this long
        if len(norm) <= EXACT_MAX_CHARS:
            bound = self._exact.get(line.key, bound)
        if self._prefix_first < bound and line.lower.lstrip(_DECOR).startswith(self._prefixes):
            bound = self._prefix_first
        anchored = self._anchored.for_line(norm)
        if anchored is not None:
            m = anchored.match(norm)
            if m is not None and self._group_rule[m.lastgroup] < bound:  # type: ignore[index]
                bound = self._group_rule[m.lastgroup]  # type: ignore[index]
        if found is None:
            found = NONE_FOUND
            if self._lower_needles is not None and min(self._gated_first, self._hinted_first) < bound:
                found = self._lower_needles.found(line.lower)
        if self._gated_first < bound:
            bound = self._first_gated(line, bound, found)
        for i, rule in self._custom:
            if i >= bound:
                break
            if rule.might_match(line):
                bound = i
                break
        if self._unhinted_first < bound:
            bound = self._unhinted_first
        if self._hinted_first < bound:
            lower = line.lower
            if (self._any_suffix and lower.endswith(self._any_suffix)) or not found.isdisjoint(self._hint_needles):
                bound = self._hinted_first
        return bound

    def _index_gates(self) -> None:
        """The gates' strings in one place each, to test a line against all of them at once."""
        self._suffix_gates = tuple(g for g in self._gated if g.suffixes is not None)
        self._gate_suffixes = tuple(x for g in self._suffix_gates if not g.folded for x in g.suffixes or ())
        self._gate_folded_suffixes = tuple(x for g in self._suffix_gates if g.folded for x in g.suffixes or ())
        # The characters they can end with in `norm`: most lines end with none ("." of prose).
        ends = {x[-1] for x in self._gate_suffixes}
        ends |= {c for x in self._gate_folded_suffixes for c in (x[-1], x[-1].upper())}
        self._gate_suffix_ends = frozenset(ends | (_FOLDS_TO_ASCII if self._gate_folded_suffixes else set()))
        by_needle: dict[tuple[str, bool], list[PatternGate]] = {}
        for gate in self._gated:
            if gate.suffixes is None:  # a gate with suffixes is reached through them
                for needle in gate.needles or ():
                    by_needle.setdefault((needle, gate.folded), []).append(gate)
        self._gates_by_needle = {key: tuple(gates) for key, gates in by_needle.items()}
        self._gate_needles = tuple(n for n, folded in by_needle if not folded)
        self._gate_folded_needles = frozenset(n for n, folded in by_needle if folded)
        self._folded_gates = tuple(g for g in self._gated if g.folded)
        self._gate_folds = bool(self._folded_gates)

    def _first_gated(self, line: Line, bound: int, found: frozenset[str]) -> int:
        """`bound`, or the earliest rule below it with a gated pattern that matches `line`.

        `found` holds the needles of `_lower_needles` that `line.lower` holds. Most lines
        end with none of the gates' suffixes and hold none of their needles: one
        `endswith` and a few set and `in` tests, and no gate is asked.
        """
        norm, lower = line.norm, line.lower
        if norm[-1:] in self._gate_suffix_ends and (
            norm.endswith(self._gate_suffixes) or lower.endswith(self._gate_folded_suffixes)
        ):
            bound = _earliest(line, self._suffix_gates, bound)
        for needle in self._gate_needles:
            if needle in norm:
                bound = _through_needle(self._gates_by_needle[needle, False], norm, bound)
        if found:
            for needle in found & self._gate_folded_needles:
                bound = _through_needle(self._gates_by_needle[needle, True], norm, bound)
        # A letter that lower-casing keeps apart from the ASCII one it matches ("ſ"):
        # the folded gates cannot tell, so their patterns are tried.
        if self._gate_folds and folds_to_ascii(norm):
            bound = _earliest(line, self._folded_gates, bound)
        return bound


def _through_needle(gates: tuple["PatternGate", ...], norm: str, bound: int) -> int:
    """`_earliest` for gates whose needle the line holds: they admit it when it is short enough."""
    for gate in gates:
        if gate.rule < bound and (gate.max_len is None or len(norm) <= gate.max_len) and gate.pattern.match(norm):
            bound = gate.rule
    return bound


def _earliest(line: Line, gates: tuple["PatternGate", ...], bound: int) -> int:
    """`bound`, or the earliest rule below it among `gates` whose gate and pattern match."""
    for gate in gates:
        if gate.rule < bound and gate.admits(line) and gate.pattern.match(line.norm):
            bound = gate.rule
    return bound


# A broad anchored pattern (a name, "[\W_]{0,3}") opens on most lines and costs a
# regex attempt on each; when every match needs a rare literal ("/", "@", a separator,
# "commission"), ends with one of a few strings ("via Getty Images") or is short, plain
# string tests skip it on nearly all lines for much less.
_BROAD_FIRST_CHARS = 20  # patterns that may open with more characters than this
_MAX_GATE_NEEDLES = 6  # more `in` tests per line than this cost as much as the regex


@dataclass(frozen=True)
class PatternGate:
    """What a line must have for an anchored pattern to match it; tried before the regex.

    max_len:  the longest line it can match (it matches up to "$"), or None.
    suffixes: the line (lower-cased when `folded`) ends with one of these, when given.
    needles:  the line (lower-cased when `folded`) holds one of these, when given.
    A folded gate is not trusted on a line with a letter that lower-casing keeps apart
    from the ASCII letter it matches ("ſ", "ı"): the pattern is then tried.
    """

    pattern: re.Pattern[str]
    max_len: int | None
    suffixes: tuple[str, ...] | None
    needles: tuple[str, ...] | None
    folded: bool
    rule: int = 0  # index of its rule in the rule set

    def admits(self, line: Line) -> bool:
        """Whether the pattern may match `line` (False: it cannot)."""
        if self.max_len is not None and len(line.norm) > self.max_len:
            return False
        text = line.lower if self.folded else line.norm
        if self.suffixes is not None and not text.endswith(self.suffixes):
            return self.folded and folds_to_ascii(line.norm)
        if self.needles is not None:
            for needle in self.needles:
                if needle in text:
                    return True
            return self.folded and folds_to_ascii(line.norm)
        return True


def pattern_gate(pattern: str, flags: int) -> PatternGate | None:
    """The gate of an anchored pattern that opens too broadly to dispatch well; None when
    it opens narrowly or no gate is known (the regex is then the only test)."""
    compiled = re.compile(pattern, flags)
    chars = first_chars(pattern, flags)
    if chars is not None and len(chars) <= _BROAD_FIRST_CHARS:
        return None
    folded = bool(compiled.flags & re.IGNORECASE)
    suffixes = required_suffixes(pattern, flags, fold=folded)
    needles = required_needles(pattern, flags, fold=folded)
    if needles is not None and (len(needles) > _MAX_GATE_NEEDLES or not all(n.strip() for n in needles)):
        needles = None
    if suffixes is None and needles is None:
        return None
    return PatternGate(
        compiled, end_width(pattern, flags),
        None if suffixes is None else tuple(sorted(suffixes)),
        None if needles is None else tuple(sorted(needles, key=lambda n: (-len(n), n))),
        folded,
    )


def _gated_patterns(rules: tuple[LineRule, ...]) -> tuple[PatternGate, ...]:
    """The broad anchored patterns tried only on lines their gate admits.

    The gates come from `required_needles`, `required_suffixes` and `end_width`
    (what every match holds, ends with, and how long it can be), so a line a gate
    refuses cannot match: the gate changes no answer.
    """
    gates = ((i, pattern_gate(p, rule.flags)) for i, rule in enumerate(rules) for p in rule.patterns if is_anchored(p))
    return tuple(replace(g, rule=i) for i, g in gates if g is not None)


_UNSEEN = re.compile("")  # an opening not yet given its union


class AnchoredDispatch:
    """The anchored patterns (but the gated ones), one union regex per line opening.

    A line can only match the patterns that may open as it does (`opening_strings`,
    else `first_chars`), so each line tries a few, not a hundred. Each pattern sits in
    a group named after its rule ("r3_0": rule 3, pattern 0), in rule order: the group
    of a match names the earliest rule whose pattern matches. Unions are compiled when
    an opening is first seen, and shared by the openings that pick the same patterns.
    """

    def __init__(self, rules: tuple[LineRule, ...], gated: set[re.Pattern[str]]) -> None:
        skip = {(p.pattern, p.flags) for p in gated}
        # (group, first characters, openings) of each anchored pattern, in rule order.
        self._keyed: list[tuple[str, frozenset[str] | None, frozenset[str] | None]] = []
        for i, rule in enumerate(rules):
            for j, p in enumerate(rule.patterns):
                if is_anchored(p) and (p, re.compile(p, rule.flags).flags) not in skip:
                    scoped = f"(?{'i' if rule.flags & re.IGNORECASE else '-i'}:{p})"
                    group = f"(?P<r{i}_{j}>{scoped})"
                    self._keyed.append((group, first_chars(p, rule.flags), opening_strings(p, rule.flags)))
        self.rule_of_group = {f"r{i}_{j}": i for i, rule in enumerate(rules) for j in range(len(rule.patterns))}
        self._unions: dict[frozenset[int], re.Pattern[str] | None] = {}
        # Looked-up unions: by ASCII opening (at most 128 * 128), else by first character,
        # so they stay few however many texts a process cleans.
        self._by_opening: dict[str, re.Pattern[str] | None] = {}
        self._by_first: dict[str, re.Pattern[str] | None] = {}

    def for_line(self, norm: str) -> re.Pattern[str] | None:
        """The union of the patterns `norm` may match (None: none may)."""
        opening = norm[:OPENING_CHARS]
        if opening.isascii():
            union = self._by_opening.get(opening, _UNSEEN)
            if union is _UNSEEN:
                union = self._by_opening[opening] = self._union(self._picked_by_opening(opening))
            return union
        first = norm[:1]
        union = self._by_first.get(first, _UNSEEN)
        if union is _UNSEEN:
            union = self._by_first[first] = self._union(self._picked_by_first(first))
        return union

    def _picked_by_opening(self, opening: str) -> frozenset[int]:
        """The patterns a line with this ASCII opening may match: by their openings
        (lower-cased), or by their first characters when the openings are not tracked."""
        key, first = opening.lower(), opening[:1]
        return frozenset(
            i for i, (_, chars, openings) in enumerate(self._keyed)
            if (openings is not None and any(key.startswith(o) for o in openings))
            or (openings is None and (chars is None or first in chars))
        )

    def _picked_by_first(self, first: str) -> frozenset[int]:
        """The patterns a line opening with `first` (and a non-ASCII character) may match.

        An ASCII first character picks the patterns that may open with it. A non-ASCII one
        picks those that may open with one (classes, negations, non-ASCII literals), or all
        when case folding pairs it with an ASCII letter ("İ" with "i").
        """
        if first.isascii():
            return frozenset(i for i, (_, chars, _) in enumerate(self._keyed) if chars is None or first in chars)
        if first in _FOLDS_TO_ASCII:
            return frozenset(range(len(self._keyed)))
        return frozenset(
            i for i, (_, chars, _) in enumerate(self._keyed)
            if chars is None or any(not c.isascii() or c == NON_ASCII for c in chars)
        )

    def _union(self, picked: frozenset[int]) -> re.Pattern[str] | None:
        if picked not in self._unions:
            groups = [self._keyed[i][0] for i in sorted(picked)]
            self._unions[picked] = re.compile("|".join(groups)) if groups else None
        return self._unions[picked]


@dataclass
class Document:
    """The lines of one raw text, their labels, and what the rules learnt."""

    raw: str
    lines: list[Line]
    config: "Config"
    meta: dict[str, str | None] = field(default_factory=dict)
    counters: Counter[str] = field(default_factory=Counter)
    line_rules: LineRuleSet | None = None  # the configured line rules, for context rules that relabel

    def enabled(self, rule: Rule) -> bool:
        return self.config.enabled(rule.id)

    def mark(self, line: Line, rule: Rule) -> bool:
        """Label `line` clutter by `rule`; False when the rule is disabled."""
        if not self.enabled(rule):
            return False
        line.label = "clutter"
        line.rule = rule.id
        self.counters[rule.id] += 1
        return True

    def unmark(self, line: Line) -> None:
        """Take back a line rule's verdict: the next line rule that matches, else uncertain."""
        dropped = line.rule
        self.counters[dropped or ""] -= 1
        line.label, line.rule = "uncertain", None
        other = self.line_rules.first_match(line, skip=dropped) if self.line_rules else None
        if other is not None:
            self.mark(line, other)

    def content_indices(self) -> list[int]:
        return [ln.index for ln in self.lines if ln.label == "content"]


@dataclass(frozen=True)
class ContextRule(Rule):
    """A pass over the document that relabels lines using their context."""

    apply: Callable[[Document, "ContextRule"], None] = field(default=lambda doc, rule: None, compare=False)

    def run(self, doc: Document) -> None:
        if doc.enabled(self):
            self.apply(doc, self)
