"""Terminal views of one article: `explain` (line by line) and `show` (inline diff).

Both take the article's removals (offsets into the decoded raw text) and return
lines of text; colour is ANSI escapes, used only when the caller asks for it.
"""
from __future__ import annotations

import bisect
import os
from typing import Iterator, TextIO

from .model import Article, Removal

RED, GREEN, DIM, RESET = "\x1b[31m", "\x1b[32m", "\x1b[2m", "\x1b[0m"


def use_colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


def _paint(text: str, colour: str, enabled: bool) -> str:
    return f"{colour}{text}{RESET}" if enabled and text else text


def _line_spans(raw: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line of `raw`, without its line break."""
    pos = 0
    for line in raw.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        yield pos, pos + len(body)
        pos += len(line)


def _removals_overlapping(removals: list[Removal], starts: list[int], start: int, end: int) -> list[Removal]:
    i = max(bisect.bisect_right(starts, start) - 1, 0)
    found = []
    while i < len(removals) and removals[i].start < max(end, start + 1):
        if removals[i].end > start:
            found.append(removals[i])
        i += 1
    return found


def explain_lines(article: Article, colour: bool) -> Iterator[str]:
    """Every raw line marked `+` kept, `-` removed or `~` partly removed, with rule and reason."""
    raw = article.rebuild_raw()
    removals = sorted(article.removals, key=lambda r: r.start)
    starts = [r.start for r in removals]
    for start, end in _line_spans(raw):
        text = raw[start:end]
        if not text.strip():
            yield " "
            continue
        hits = _removals_overlapping(removals, starts, start, end)
        content = (start + len(text) - len(text.lstrip()), end - (len(text) - len(text.rstrip())))
        covered = any(r.start <= content[0] and r.end >= content[1] for r in hits)
        if not hits:
            yield _paint(f"+ {text}", GREEN, colour)
            continue
        mark = "-" if covered else "~"
        why = "; ".join(dict.fromkeys(f"{r.rule}: {r.reason}" for r in hits))
        yield _paint(f"{mark} {text}", RED, colour) + "  " + _paint(f"[{why}]", DIM, colour)


def diff_text(article: Article, colour: bool) -> str:
    """The raw text with removed spans marked: red with [rule] on a terminal,
    `[-text-]{rule}` otherwise."""
    raw = article.rebuild_raw()
    out: list[str] = []
    pos = 0
    for removal in sorted(article.removals, key=lambda r: r.start):
        out.append(raw[pos : removal.start])
        span = raw[removal.start : removal.end]
        if colour:
            out.append(f"{RED}{span}{RESET}{DIM}[{removal.rule}]{RESET}")
        else:
            out.append(f"[-{span}-]{{{removal.rule}}}")
        pos = removal.end
    out.append(raw[pos:])
    return "".join(out)
