"""The ledger: rebuilds the raw text exactly; removals never overlap; nothing unaccounted."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner import Article, Ledger, Removal

# Lines drawn from clutter and story, so that generated texts exercise the rules.
LINES = [
    "Council approves new budget", "By Jane Smith", "November 19, 2019 5:52 AM EST", "12 PHOTOS",
    "See Gallery", "HIDE CAPTION", "of", "RELATED: Markets rally", "Read Full Story",
    "Sign up for our newsletter", "You may unsubscribe at any time.", "Share this article",
    "Facebook Twitter Email", "Advertisement", "go to top", "Kaynak/Source:", "© 2019 Reuters",
    "Leave a Reply", "12 Comments", "Tags: budget, council", "5 min read",
    "Police officers stand guard. REUTERS/Tyrone Siu",
    "The council approved the budget on Tuesday after months of debate over spending.",
    "“We have made hard choices,” she said.", "- Bus fares rise", "WHAT HAPPENS NEXT",
]
SPACES = st.sampled_from(["\n", "\n\n", "\r\n", "\r", "\r\n\r\n", "\n \n", "\t\n", "\u00a0\n", "\n\n\n"])


def check_ledger(raw: str, article: Article) -> None:
    assert article.rebuild_raw() == raw
    removals = article.removals
    for prev, nxt in zip(removals, removals[1:]):
        assert prev.end <= nxt.start, "removals overlap or are out of order"
    for r in removals:
        assert raw[r.start : r.end] == r.text
    kept_chars = sum(e - s for s, e, _ in article.ledger.kept)
    removed_chars = sum(r.end - r.start for r in removals)
    ws_chars = sum(len(w) for _, w in article.ledger.whitespace)
    assert kept_chars + removed_chars + ws_chars == len(raw)
    for _, w in article.ledger.whitespace:
        assert not w.strip()
    # Every non-whitespace character of the text comes from a kept piece.
    covered = [False] * len(article.text)
    for s, e, t in article.ledger.kept:
        assert article.text[t : t + (e - s)] == raw[s:e]
        covered[t : t + (e - s)] = [True] * (e - s)
    stray = "".join(ch for ch, ok in zip(article.text, covered) if not ok)
    assert not stray.strip(), f"text characters from nowhere: {stray!r}"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_arbitrary_text_is_accounted_for(raw: str) -> None:
    check_ledger(raw, cleaner.clean_text(raw))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(LINES), SPACES), max_size=30), st.sampled_from(["", " ", "\n", "\ufeff"]))
def test_articles_made_of_clutter_and_story_are_accounted_for(parts: list[tuple[str, str]], lead: str) -> None:
    raw = lead + "".join(line + space for line, space in parts)
    check_ledger(raw, cleaner.clean_text(raw))


def test_whitespace_is_normalised_and_recorded() -> None:
    raw = "Title here\r\n\r\n\r\nFirst  paragraph\u00a0with\tspaces.  \rSecond paragraph.\n"
    article = cleaner.clean_text(raw)
    assert article.text == "Title here\n\nFirst paragraph with spaces.\n\nSecond paragraph."
    check_ledger(raw, article)


def test_consecutive_lines_of_one_rule_make_one_removal() -> None:
    raw = "A story opens here with a sentence of some length.\n\nFacebook Twitter\nShare this article\n"
    article = cleaner.clean_text(raw)
    assert [(r.rule, r.text) for r in article.removals] == [("social.share", "Facebook Twitter\nShare this article")]


def test_rebuild_refuses_a_ledger_with_a_gap() -> None:
    ledger = Ledger(removals=[Removal(5, 8, "x.y", "test", "abc")], kept=[(0, 4, 0)], whitespace=[])
    with pytest.raises(ValueError, match="gap or overlap"):
        ledger.rebuild("text")


def test_empty_and_blank_texts() -> None:
    for raw in ["", "   ", "\n\n\r\n"]:
        article = cleaner.clean_text(raw)
        assert article.text == ""
        check_ledger(raw, article)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \t\r\n\u00a0\u2028\x0b\x85")), max_size=60))
def test_segment_lines_are_the_stripped_non_blank_lines(raw: str) -> None:
    import re as _re

    from cleaner.segment import segment

    expected = [piece.strip() for piece in _re.split(r"\r\n|\r|\n", raw) if piece.strip()]
    lines = segment(raw)
    assert [ln.text for ln in lines] == expected
    for ln in lines:
        assert raw[ln.start : ln.end] == ln.text
