"""Linear work on pathological inputs, checked by structure, not by the clock.

Timing belongs to tests/bench/bench_linear.py. Here: each pathological shape (runs of
one clutter line, whitespace and CRLF mixes, one huge line, bullets, blank-line runs)
is cleaned at a moderate size and its ledger must give the raw text back exactly; and
the passes that used to redo work per line are counted: a merged removal is built
once, a gallery block is scanned once.
"""
from __future__ import annotations

import pytest

import cleaner
from cleaner import article as article_module
from cleaner.rules import gallery
from linear_shapes import SHAPES

SIZE = 40_000


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_pathological_shapes_rebuild_exactly(shape: str) -> None:
    raw = SHAPES[shape] * (SIZE // len(SHAPES[shape]))
    article = cleaner.clean_text(raw)
    assert article.rebuild_raw() == raw
    pos = 0
    for removal in article.removals:  # in order, not overlapping, each its own raw text
        assert pos <= removal.start < removal.end <= len(raw)
        assert raw[removal.start : removal.end] == removal.text
        pos = removal.end
    assert sum(len(r.text) for r in article.removals) + len(article.text.replace("\n\n", "")) <= len(raw)


def test_a_run_of_clutter_lines_builds_its_removal_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Growing a merged removal line by line re-slices the run each time (quadratic)."""
    built = []

    class CountingRemoval(article_module.Removal):  # type: ignore[misc,valid-type]
        def __init__(self, *args: object, **kwargs: object) -> None:
            built.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(article_module, "Removal", CountingRemoval)
    raw = "Officials said the vote would take place on Thursday, weeks after the debate.\n\n" + "Photo: Reuters\n" * 3000
    article = cleaner.clean_text(raw)
    assert [r.rule for r in article.removals] == ["captions.credit"]
    assert len(built) == len(article.removals) == 1
    assert article.rebuild_raw() == raw


def test_a_gallery_block_is_scanned_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each opening marker used to rescan the rest of its block: quadratic on "1 of 20" pages."""
    scanned = []
    original = gallery._Blocks._scan

    def counting_scan(self: gallery._Blocks, index: int) -> None:
        original(self, index)
        scanned.append(self.end - index + 1)

    monkeypatch.setattr(gallery._Blocks, "_scan", counting_scan)
    lines = 5000
    raw = "1 of 20\n" * lines
    article = cleaner.clean_text(raw)
    assert 0 < sum(scanned) <= lines
    assert article.rebuild_raw() == raw


def test_a_gallery_marker_run_still_ends_at_its_last_control() -> None:
    """The block scan is shared between markers; each run still takes its block's controls."""
    story = ("The council approved the budget on Tuesday after a long debate, officials said in a statement.\n\n"
             "See Gallery\nThe mayor at the vote.\nNext\nThe council chamber.\nPrevious\n\n"
             "The budget takes effect in April, and the council will review it again in the autumn.\n")
    article = cleaner.clean_text(story)
    assert "The mayor at the vote." not in article.text and "The council chamber." not in article.text
    assert article.text.endswith("review it again in the autumn.")
    assert "gallery.run" in {r.rule for r in article.removals}


def test_a_repeated_line_is_matched_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Line rules are context-free: each distinct line text is asked once per document,
    however often the page repeats it (a pattern scan per line made such pages slow)."""
    from cleaner.matcher import LineMatcher

    asked: list[str] = []
    original = LineMatcher._first

    def counting_first(self: LineMatcher, line, patterns, skip):  # type: ignore[no-untyped-def]
        asked.append(line.text)
        return original(self, line, patterns, skip)

    monkeypatch.setattr(LineMatcher, "_first", counting_first)
    raw = "Officials said the vote would take place on Thursday, weeks after the debate.\n\n" + (
        "Photo: Reuters\nShare\n  Photo: Reuters \n" * 2000
    )
    article = cleaner.clean_text(raw)
    assert sorted(asked) == sorted(set(asked)) and len(asked) <= 3
    assert {r.rule for r in article.removals} == {"captions.credit", "social.share"}
    assert article.rebuild_raw() == raw


def test_repeated_lines_keep_their_own_context() -> None:
    """Matching once per text must not carry one line's context verdict to its copies:
    a list the story introduces keeps its names, the same names elsewhere still go."""
    story = ("The council approved the budget on Tuesday after a long debate, officials said.\n\n"
             "The companies fined were:\nFacebook\nTwitter\nGoogle\n\n"
             "The fines take effect in April, and the council will review them in the autumn.\n\n"
             "Facebook\nTwitter\n")
    article = cleaner.clean_text(story)
    assert "Facebook\n\nTwitter\n\nGoogle" in article.text
    assert article.text.endswith("review them in the autumn.")
    assert article.rebuild_raw() == story
