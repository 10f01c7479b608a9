"""The rule registry: every rule family, in the order the classifier runs them.

Each family module declares its rules as module-level names, and its line rules, in
the order they are asked, as `LINE_RULES`. The registry reads them from there:
`ALL_RULES` is every rule a family declares. Line rules run first, context-free, in
family order (the first match wins); context rules then run in `CONTEXT_ORDER`, each
revising the labels before it (the one list that spans families: its order matters).
"""
from __future__ import annotations

from types import ModuleType

from . import ads, captions, footer, gallery, head, links, navigation, newsletter, page, social, structure
from .base import ContextRule, Document, LineRule, Rule, phrase_key

# Bump when rules change behaviour: it is part of the configuration digest.
RULESET_VERSION = "49"

FAMILIES = (gallery, captions, links, newsletter, social, ads, navigation, footer, head, structure, page)

LINE_RULES: tuple[LineRule, ...] = tuple(r for fam in FAMILIES for r in getattr(fam, "LINE_RULES", ()))

CONTEXT_ORDER: tuple[ContextRule, ...] = (
    structure.INTRODUCED_LIST,
    head.HEAD,
    gallery.ORPHAN_CONTROLS,
    gallery.GALLERY,
    captions.CAPTION,
    links.LINK_LIST,
    newsletter.BLOCK,
    social.COMMENT_SECTION,
    footer.AUTHOR_BIO,
    head.TAIL_TIMESTAMP,
    head.STAMP,
    head.DUPLICATE_TITLE,
    structure.REPEAT,
    structure.SANDWICH,
    structure.TAIL,
    structure.ORPHAN_HEADING,
    page.PAGE,  # whole-page zones around the story, judged on what the passes above left
    page.AFTER_STORY,  # what the closing clutter leaves below the story
    page.AUTHOR_BOX,  # last: the writer's box below the story
)


def declared(family: ModuleType) -> tuple[Rule, ...]:
    """The rules a family module declares: its module-level rules of its own family."""
    name = family.__name__.rsplit(".", 1)[-1]
    return tuple(v for v in vars(family).values() if isinstance(v, Rule) and v.family == name)


ALL_RULES: tuple[Rule, ...] = tuple(r for fam in FAMILIES for r in declared(fam))
_BY_ID: dict[str, Rule] = {r.id: r for r in reversed(ALL_RULES)}  # the first of an id wins
BUILTIN_FAMILIES = frozenset(r.family for r in ALL_RULES)


def all_rule_ids() -> list[str]:
    return sorted(_BY_ID)


def rule_by_id(rule_id: str) -> Rule:
    return _BY_ID[rule_id]


__all__ = [
    "ALL_RULES", "BUILTIN_FAMILIES", "CONTEXT_ORDER", "ContextRule", "Document", "FAMILIES", "LINE_RULES",
    "LineRule", "RULESET_VERSION", "Rule", "all_rule_ids", "declared", "phrase_key", "rule_by_id",
]
