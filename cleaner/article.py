"""Build the cleaned article and its ledger from a labelled document.

Whitespace normalisation (applied only to whitespace, all of it recorded in the
ledger so the raw text can be rebuilt):

- every line is stripped; inside a line, any run of whitespace (tabs, non-breaking
  spaces, double spaces) becomes one space;
- each kept line is a paragraph; paragraphs are separated by one blank line, so
  CRLF, lone CR and runs of blank lines all become "\\n\\n";
- the text has no leading or trailing whitespace.

Consecutive clutter lines removed by the same rule make one `Removal`.
"""
from __future__ import annotations

import re

from .model import Ledger, Removal
from .rules import Document

_RUN = re.compile(r"\S+(?: \S+)*")


def _removals(doc: Document) -> list[Removal]:
    """One `Removal` per run of clutter lines of one rule with only whitespace between.

    Every non-whitespace character belongs to a line, so two clutter lines have only
    whitespace between them exactly when they are neighbours: the runs are found by
    line index, and each removal's text is sliced once at the end.
    """
    starts: list[int] = []
    ends: list[int] = []  # grown in place while a run goes on
    rule_ids: list[str] = []
    last_index, last_rule = -2, ""  # the previous clutter line
    for line in doc.lines:
        if line.label != "clutter":  # not `is_clutter`: a property call per line adds up
            continue
        rule_id = line.rule or ""
        if line.index == last_index + 1 and rule_id == last_rule:
            ends[-1] = line.end
        else:
            starts.append(line.start)
            ends.append(line.end)
            rule_ids.append(rule_id)
        last_index, last_rule = line.index, rule_id
    raw = doc.raw
    rules = {rule_id: doc.rule(rule_id) for rule_id in set(rule_ids)}
    return [
        Removal(start, end, rules[rule_id].id, rules[rule_id].reason, raw[start:end])
        for start, end, rule_id in zip(starts, ends, rule_ids)
    ]


def build_text(doc: Document) -> tuple[str, Ledger]:
    """The cleaned text and the ledger that accounts for every raw character."""
    parts: list[str] = []
    kept: list[tuple[int, int, int]] = []
    add_part, add_kept = parts.append, kept.append  # hoisted: called once or more per line
    runs: dict[str, list[tuple[int, int, int]]] = {}  # `_runs` by line text: pages repeat lines
    pos = 0
    for line in doc.lines:
        if line.label == "clutter":
            continue
        if parts:
            add_part("\n\n")
            pos += 2
        add_part(line.norm)  # the line's runs of words joined by single spaces
        if line.text == line.norm:  # no whitespace to rewrite inside the line: one piece
            add_kept((line.start, line.end, pos))
        else:
            spans = runs.get(line.text) or runs.setdefault(line.text, _runs(line.text))
            for start, end, at in spans:
                add_kept((line.start + start, line.start + end, pos + at))
        pos += len(line.norm)
    text = "".join(parts)
    removals = _removals(doc)
    ledger = Ledger(removals=removals, kept=kept, whitespace=_whitespace(doc.raw, removals, kept))
    return text, ledger


def _runs(text: str) -> list[tuple[int, int, int]]:
    """(start, end, offset in the normal form) of each run of words in `text` that single
    spaces join: the pieces the line keeps, the whitespace between them rewritten."""
    spans, at = [], 0
    for m in _RUN.finditer(text):
        start, end = m.span()
        spans.append((start, end, at))
        at += end - start + 1
    return spans


def _whitespace(raw: str, removals: list[Removal], kept: list[tuple[int, int, int]]) -> list[tuple[int, str]]:
    """The raw whitespace between removals and kept pieces, with its offsets.

    Removals and kept pieces never overlap, so sorted by start they are sorted by end
    too: each gap runs from one piece's end to the next piece's start.
    """
    starts = sorted([r.start for r in removals] + [start for start, _, _ in kept])
    ends = sorted([r.end for r in removals] + [end for _, end, _ in kept])
    starts.append(len(raw))
    ends.insert(0, 0)
    gaps = [(end, raw[end:start]) for end, start in zip(ends, starts) if start > end]
    if "".join([gap for _, gap in gaps]).strip():  # (one test for all: a gap per line adds up)
        start, gap = next((start, gap) for start, gap in gaps if gap.strip())
        raise AssertionError(f"non-whitespace left unaccounted at raw offset {start}: {gap[:40]!r}")
    return gaps
