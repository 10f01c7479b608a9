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
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable

from ..segment import Line

if TYPE_CHECKING:  # pragma: no cover
    from ..config import Config

# Characters stripped from both ends of a line before phrase matching: bullets,
# punctuation and arrows that decorate link lines ("» Read more", "RELATED:").
_DECOR = " \t\u00a0•·*-–—|>»«›‹:;.,!?()[]{}\"'“”‘’…→←▶►✓#/\\"


def phrase_key(text: str) -> str:
    """Lower-case, decoration-stripped form used for phrase lookups."""
    return " ".join(text.lower().split()).strip(_DECOR)


@dataclass(frozen=True)
class Rule:
    id: str
    reason: str

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]


@dataclass(frozen=True)
class LineRule(Rule):
    """A context-free rule on one line.

    exact:    the whole line, decoration stripped, equals one of these (case-insensitive).
    prefixes: the line starts with one of these and has at most `max_words` words.
    patterns: a regex matches (re.search) a line of at most `max_chars` characters.
    """

    exact: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    max_words: int = 25
    max_chars: int = 400
    pattern_max_words: int | None = None  # when set, patterns only see lines this short
    flags: int = re.IGNORECASE
    _compiled: tuple[re.Pattern[str], ...] = field(default=(), compare=False, repr=False)
    _exact: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    _prefixes: tuple[str, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_compiled", tuple(re.compile(p, self.flags) for p in self.patterns))
        object.__setattr__(self, "_exact", frozenset(phrase_key(p) for p in self.exact))
        object.__setattr__(self, "_prefixes", tuple(p.lower() for p in self.prefixes))

    def with_phrases(self, phrases: Iterable[str]) -> "LineRule":
        """A copy of this rule that also matches lines starting with `phrases`."""
        extra = tuple(p for p in phrases if p.strip())
        return LineRule(
            id=self.id, reason=self.reason, exact=self.exact + extra,
            prefixes=self.prefixes + extra, patterns=self.patterns,
            max_words=self.max_words, max_chars=self.max_chars, flags=self.flags,
            pattern_max_words=self.pattern_max_words,
        )

    def matches(self, line: Line) -> bool:
        if len(line.norm) > self.max_chars:
            return False
        if self._exact and phrase_key(line.norm) in self._exact:
            return True
        if self._prefixes and line.words <= self.max_words:
            low = line.lower.lstrip(_DECOR)
            if any(low.startswith(p) for p in self._prefixes):
                return True
        if self.pattern_max_words is not None and line.words > self.pattern_max_words:
            return False
        return any(p.search(line.norm) for p in self._compiled)


@dataclass
class Document:
    """The lines of one raw text, their labels, and what the rules learnt."""

    raw: str
    lines: list[Line]
    config: "Config"
    meta: dict[str, str | None] = field(default_factory=dict)
    counters: Counter[str] = field(default_factory=Counter)

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

    def content_indices(self) -> list[int]:
        return [ln.index for ln in self.lines if ln.label == "content"]


@dataclass(frozen=True)
class ContextRule(Rule):
    """A pass over the document that relabels lines using their context."""

    apply: Callable[[Document, "ContextRule"], None] = field(default=lambda doc, rule: None, compare=False)

    def run(self, doc: Document) -> None:
        if doc.enabled(self):
            self.apply(doc, self)
