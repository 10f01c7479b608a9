"""The rule registry: every rule family, in the order the classifier runs them.

Line rules run first, context-free, in family order (the first match wins).
Context rules then run in `CONTEXT_ORDER`, each revising the labels before it.
"""
from __future__ import annotations

from . import ads, captions, footer, gallery, head, links, navigation, newsletter, page, social, structure
from .base import ContextRule, Document, LineRule, Rule, phrase_key

# Bump when rules change behaviour: it is part of the configuration digest.
RULESET_VERSION = "19"

FAMILIES = (gallery, captions, links, newsletter, social, ads, navigation, footer, head, structure, page)

LINE_RULES: tuple[LineRule, ...] = tuple(r for fam in FAMILIES for r in fam.LINE_RULES)

CONTEXT_ORDER: tuple[ContextRule, ...] = (
    head.HEAD,
    gallery.ORPHAN_CONTROLS,
    gallery.GALLERY,
    captions.CAPTION,
    links.LINK_LIST,
    newsletter.BLOCK,
    social.COMMENT_SECTION,
    footer.AUTHOR_BIO,
    head.TAIL_TIMESTAMP,
    head.DUPLICATE_TITLE,
    structure.REPEAT,
    structure.SANDWICH,
    structure.TAIL,
    structure.ORPHAN_HEADING,
    page.PAGE,
)

ALL_RULES: tuple[Rule, ...] = LINE_RULES + CONTEXT_ORDER + head.EXTRA_RULES + page.EXTRA_RULES


def all_rule_ids() -> list[str]:
    return sorted({r.id for r in ALL_RULES})


_BY_ID: dict[str, Rule] = {}
for _rule in reversed(ALL_RULES):  # the first rule with an id wins, as a linear search would
    _BY_ID[_rule.id] = _rule


def rule_by_id(rule_id: str) -> Rule:
    return _BY_ID[rule_id]


__all__ = [
    "ALL_RULES", "CONTEXT_ORDER", "ContextRule", "Document", "FAMILIES", "LINE_RULES",
    "LineRule", "RULESET_VERSION", "Rule", "all_rule_ids", "phrase_key", "rule_by_id",
]
