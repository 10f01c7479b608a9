"""What a rule is, and the document the rules label.

Two kinds of rule, as in jusText's staged classifier:

- `LineRule`: context-free. It looks at one line and says "clutter" or nothing. A
  line rule is data: exact phrases, line prefixes, phrase labels and regexes (and, for
  a shape no regex says well, a `shape` test in code). `LineRule.matches` is the one
  definition of a match; `cleaner.matcher` only picks which rules to ask, all rules at
  once. Users add phrases to line rules and rules of their own through `Config`.
- `ContextRule`: a pass over the whole document that revises labels with context
  (runs between gallery markers, the head and tail zones, neighbours).

Every rule has an id (`family.name`) and a one-line reason, kept in the ledger.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Iterable

from ..segment import _DECOR, Line, phrase_key

if TYPE_CHECKING:  # pragma: no cover
    from ..config import Config
    from ..matcher import LineMatcher


@lru_cache(maxsize=4096)
def family_of(rule_id: str | None) -> str:
    """The family of a rule id ("social.share" -> "social"; no rule -> ""), asked per line."""
    return (rule_id or "").split(".", 1)[0]


@dataclass(frozen=True)
class Rule:
    id: str
    reason: str

    @property
    def family(self) -> str:
        return family_of(self.id)


# Exact phrases are short; a longer line is never one, whatever decoration it carries.
EXACT_MAX_CHARS = 160
# A phrase label ("Anzeige:", "Shop the look | ...") opens a short line, not a sentence.
LABEL_MAX_WORDS = 12
# What may follow a phrase label in a line: a separator, not more words of a sentence.
LABEL_SEPARATORS = ":：|-–—»›>/•·"


@dataclass(frozen=True)
class LineRule(Rule):
    """A context-free rule on one line; it matches when any of its parts does.

    exact:    the whole line, decoration stripped, equals one of these (case-insensitive).
    prefixes: the line opens with one of these as whole words (case-insensitive, after
              decoration) and has at most `max_words` words.
    labels:   the line equals one of these as a whole phrase, or opens with it followed
              by a separator (`LABEL_SEPARATORS`) and has at most `LABEL_MAX_WORDS`
              words: "Anzeige" and "Anzeige: Neue Brillen" but not "Anzeigen gegen ...".
              This is how users' phrases match.
    patterns: a regex matches (re.search) a line of at most `max_chars` characters
              (and of at most `pattern_max_words` words, when set).
    shape:    a test in code for what no pattern says well (a share bar of network names).
              Like the rest of a line rule it reads the line's text alone (norm, lower,
              key, words), never its place or label: a document's repeated lines are
              matched once.
    linear:   patterns run with RE2 (linear time) instead of `re`: users' own rules.
    """

    exact: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    max_words: int = 25
    max_chars: int = 400
    pattern_max_words: int | None = None
    flags: int = re.IGNORECASE
    shape: Callable[[Line], bool] | None = field(default=None, compare=False)
    linear: bool = False
    _exact: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    _prefixes: tuple[str, ...] = field(default=(), compare=False, repr=False)
    _labels: tuple[str, ...] = field(default=(), compare=False, repr=False)
    _compiled: list[Any] = field(default_factory=list, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_exact", frozenset(phrase_key(p) for p in self.exact))
        object.__setattr__(self, "_prefixes", tuple(p.lower() for p in self.prefixes))
        object.__setattr__(self, "_labels", tuple(k for k in map(phrase_key, self.labels) if k))
        # Users' patterns are compiled (checked) when loaded; the built-in ones one by one,
        # when a line first needs each: the matcher's RE2 scan names the few a text needs,
        # and compiling all of `re`'s patterns up front was a third of a fresh process's
        # start-up (a rule's patterns all at its first line: 0.03 s for one rule of 14).
        compiled: list[Any] = [None] * len(self.patterns)
        object.__setattr__(self, "_compiled", compiled)
        if self.linear:
            self.regexes()

    def regexes(self) -> tuple[Any, ...]:
        """All the compiled patterns."""
        return tuple(self._regex(i) for i in range(len(self.patterns)))

    def _regex(self, i: int) -> Any:
        """Pattern `i`, compiled on first use."""
        compiled = self._compiled[i]
        if compiled is None:
            compiled = self._compiled[i] = self._compile(self.patterns[i])
        return compiled

    def _compile(self, pattern: str) -> Any:
        if not self.linear:
            return re.compile(pattern, self.flags)
        from ..matcher import compile_linear

        return compile_linear(pattern, bool(self.flags & re.IGNORECASE))

    def with_phrases(self, phrases: Iterable[str]) -> "LineRule":
        """A copy of this rule that also matches `phrases` as labels (see `labels`)."""
        extra = tuple(p for p in phrases if phrase_key(p))
        return replace(self, labels=self.labels + extra)

    def matches(self, line: Line) -> bool:
        norm = line.norm
        if len(norm) > self.max_chars:
            return False
        if self._exact and len(norm) <= EXACT_MAX_CHARS and line.key in self._exact:
            return True
        if self._prefixes and line.words <= self.max_words and self._opens_with_prefix(line):
            return True
        if self._labels and self._label_matches(line):
            return True
        if self.shape is not None and self.shape(line):
            return True
        if self.pattern_max_words is not None and line.words > self.pattern_max_words:
            return False
        for i in range(len(self.patterns)):
            if self._regex(i).search(norm):
                return True
        return False

    def _opens_with_prefix(self, line: Line) -> bool:
        """The line opens with a prefix as whole words ("Use code X", not "Use codes")."""
        opening = line.lower.lstrip(_DECOR)
        if not opening.startswith(self._prefixes):
            return False
        return any(opening.startswith(p) and not opening[len(p) : len(p) + 1].isalnum() for p in self._prefixes)

    def _label_matches(self, line: Line) -> bool:
        key = line.key
        if key in self._labels:
            return True
        if line.words > LABEL_MAX_WORDS or not key.startswith(self._labels):
            return False
        for label in self._labels:
            rest = key[len(label) :].lstrip() if key.startswith(label) else ""
            if rest and rest[0] in LABEL_SEPARATORS:
                return True
        return False


@dataclass
class Document:
    """The lines of one raw text, their labels, and what the rules learnt."""

    raw: str
    lines: list[Line]
    config: "Config"
    meta: dict[str, str | None] = field(default_factory=dict)
    counters: Counter[str] = field(default_factory=Counter)
    line_rules: "LineMatcher | None" = None  # the configured line rules, for context rules that relabel

    def enabled(self, rule: Rule) -> bool:
        return self.config.enabled(rule.id)

    def mark(self, line: Line, rule: Rule) -> bool:
        """Label `line` clutter by `rule`; False when the rule is disabled or the line is story (`keep`)."""
        if line.story or (self.config.disable and not self.config.enabled(rule.id)):  # (no rule is disabled mostly)
            return False
        line.label = "clutter"
        line.rule = rule.id
        self.counters[rule.id] += 1
        return True

    def mark_all(self, lines: Iterable[Line], rule: Rule) -> None:
        """`mark` each of `lines`: a long run of lines costs no method call per line."""
        if self.config.disable and not self.config.enabled(rule.id):
            return
        count = 0
        for line in lines:
            if not line.story:
                line.label, line.rule = "clutter", rule.id
                count += 1
        self.counters[rule.id] += count

    def keep(self, line: Line) -> None:
        """`line` is story, whatever rule claimed it: content, and no later pass marks it."""
        if line.label == "clutter":
            self.counters[line.rule or ""] -= 1
        line.label, line.rule, line.story = "content", None, True

    def unmark(self, line: Line) -> None:
        """Take back a line rule's verdict: the next line rule that matches, else uncertain."""
        dropped = line.rule
        self.counters[dropped or ""] -= 1
        line.label, line.rule = "uncertain", None
        other = self.line_rules.first_match(line, skip=dropped) if self.line_rules else None
        if other is not None:
            self.mark(line, other)

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id: a configured line rule (users' own too), else the registry's."""
        if self.line_rules is not None:
            return self.line_rules.by_id[rule_id]
        from . import rule_by_id  # the registry imports this module

        return rule_by_id(rule_id)

    def content_indices(self) -> list[int]:
        return [ln.index for ln in self.lines if ln.label == "content"]


@dataclass(frozen=True)
class ContextRule(Rule):
    """A pass over the document that relabels lines using their context."""

    apply: Callable[[Document, "ContextRule"], None] = field(default=lambda doc, rule: None, compare=False)

    def run(self, doc: Document) -> None:
        if doc.enabled(self):
            self.apply(doc, self)
