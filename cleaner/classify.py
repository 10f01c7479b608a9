"""The staged classifier: context-free labels first, then context revises them.

Stage 1 gives each line the first line rule that matches (clutter), or a base
label from its shape: `content` (prose), `heading` (short, no sentence end) or
`uncertain`. Stage 2 runs the context rules in order. Lines that end up anything
but `clutter` are kept: when in doubt, keep.
"""
from __future__ import annotations

import logging
from functools import lru_cache

from .config import Config
from .matcher import LineMatcher
from .rules import ALL_RULES, CONTEXT_ORDER, LINE_RULES, Document
from .segment import segment, shape_label

log = logging.getLogger(__name__)

# The shape label of a line no line rule claimed (kept under its old name).
base_label = shape_label


@lru_cache(maxsize=32)
def _line_rules(config: Config) -> LineMatcher:
    """Line rules with the configured phrases added, minus disabled ones, then the
    users' own rules (after the built-in ones: those win a line both match)."""
    rules = []
    for rule in LINE_RULES + config.rules:
        if not config.enabled(rule.id):
            continue
        extra = config.phrases.get(rule.id)
        rules.append(rule.with_phrases(extra) if extra else rule)
    return LineMatcher(rules, others=ALL_RULES)


def classify(raw: str, config: Config) -> Document:
    """Segment `raw` and label every line; returns the labelled document."""
    rules = _line_rules(config)
    doc = Document(raw=raw, lines=segment(raw), config=config, line_rules=rules)
    # Line rules and shapes are context-free, and pages repeat lines: both are worked out
    # once per distinct line text.
    claimed = rules.claimed(doc.lines)
    shapes: dict[str, str] = {}
    for line in doc.lines:
        rule = claimed.get(line.text)
        if rule is not None:
            doc.mark(line, rule)
        else:
            label = shapes.get(line.text)
            if label is None:
                label = shapes[line.text] = base_label(line)
            line.label = label
    for context_rule in CONTEXT_ORDER:
        context_rule.run(doc)
    if log.isEnabledFor(logging.DEBUG):  # the counters are copied only when logged
        log.debug("classified %d lines: %s", len(doc.lines), dict(doc.counters))
    return doc
