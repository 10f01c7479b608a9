"""Context revisions on the shape of the text, after the family rules have run.

jusText's second stage: lines the first stage left uncertain take the label of
their neighbours. Each pass here is conservative; a line that reads as a sentence
is never revised to clutter.
"""
from __future__ import annotations

from .base import ContextRule, Document
from ..segment import Line

_SENTENCE_END = ".!?\"”’'…)"


def _sentence_like(line: Line) -> bool:
    return line.label == "content" or (line.words >= 4 and line.norm[-1] in _SENTENCE_END)


def _sandwich(doc: Document, rule: ContextRule) -> None:
    """A short non-sentence line between two clutter lines of one family is clutter too."""
    lines = doc.lines
    for idx in range(1, len(lines) - 1):
        line, prev, nxt = lines[idx], lines[idx - 1], lines[idx + 1]
        if line.is_clutter or _sentence_like(line) or line.words > 10:
            continue
        if prev.is_clutter and nxt.is_clutter and prev.rule and nxt.rule:
            if prev.rule.split(".")[0] == nxt.rule.split(".")[0] and prev.rule.split(".")[0] != "head":
                doc.mark(line, rule)


SANDWICH = ContextRule(
    id="structure.sandwich",
    reason="short line between two clutter lines of the same kind",
    apply=_sandwich,
)


def _tail(doc: Document, rule: ContextRule) -> None:
    """After the story's last prose line, short lines next to clutter are clutter."""
    content = doc.content_indices()
    if not content:
        return
    lines = doc.lines
    tail = range(content[-1] + 1, len(lines))
    changed = True
    while changed:
        changed = False
        for idx in tail:
            line = lines[idx]
            if line.is_clutter or _sentence_like(line) or line.words > 12:
                continue
            near = [lines[k] for k in (idx - 1, idx + 1) if k in tail]
            if any(n.is_clutter for n in near):
                changed |= doc.mark(line, rule)


TAIL = ContextRule(
    id="structure.tail",
    reason="short line in the clutter after the story's end",
    apply=_tail,
)


def _orphan_heading(doc: Document, rule: ContextRule) -> None:
    """A heading whose whole section was removed (a gallery's or a link list's title).

    A section that held only image captions keeps its heading: "Paris attacks" over
    a photo is as likely the story's subheading as the image's title, and recall
    wins a tie.
    """
    lines = doc.lines
    for idx, line in enumerate(lines):
        if idx == 0 or line.label != "heading":
            continue
        section = []
        for later in lines[idx + 1 :]:
            if later.label == "heading":
                break
            section.append(later)
        if section and all(s.is_clutter for s in section) and not all(
            (s.rule or "").startswith("captions.") for s in section
        ) and not any((s.rule or "").startswith("head.") for s in section):
            # A heading over a byline or dateline is the headline, not a box title.
            doc.mark(line, rule)


ORPHAN_HEADING = ContextRule(
    id="structure.orphan_heading",
    reason="heading whose section holds only clutter",
    apply=_orphan_heading,
)


def _repeat(doc: Document, rule: ContextRule) -> None:
    """A long line repeated verbatim later (pull quotes, sticky headers) is kept once."""
    seen: set[str] = set()
    for line in doc.lines:
        if line.is_clutter or line.words < 6:
            continue
        if line.norm in seen:
            doc.mark(line, rule)
        else:
            seen.add(line.norm)


REPEAT = ContextRule(
    id="structure.repeat",
    reason="verbatim repeat of an earlier paragraph (pull quote)",
    apply=_repeat,
)

LINE_RULES = ()
CONTEXT_RULES = (REPEAT, SANDWICH, TAIL, ORPHAN_HEADING)
