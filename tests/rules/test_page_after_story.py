"""page.after_story: what the clutter closing a story leaves below it.

An extractor's output ends in boxes the line rules only half recognise: a related
box's teasers and dates stay when its heading and "Read more" links go, a sign-up
box leaves its call to action. The story above must come out whole: its own
paragraphs after a box (two prose lines together), its last paragraph under an
inline "Read more" box, a tail longer than the story.
"""
from __future__ import annotations

import time

import cleaner

from .util import HEAD, MIDDLE, TAIL, TITLE, clean

STORY = [TITLE, *HEAD, *MIDDLE, *TAIL]
TEASERS = [
    "Related Articles",
    "City opens three new libraries in the north",
    "March 1, 2024",
    "The new branches will open on weekends and offer evening classes for adults and children alike.",
    "Read More",
    "Transport plan promises more buses by summer",
    "February 27, 2024",
    "Officials say the extra routes will cut waiting times on the busiest lines in the city centre.",
    "Read More",
]
SIGN_UP = [
    "Newsletter",
    "Get our daily politics newsletter",
    "Ready to get started?",
    "Book a free demo today",
]


def text(*blocks: list[str]) -> str:
    return "\n\n".join(line for block in blocks for line in block) + "\n"


def removed_by_rule(article: cleaner.Article) -> str:
    return "\n".join(r.text for r in article.removals if r.rule == "page.after_story")


def test_teasers_and_dates_of_a_related_box_go() -> None:
    raw = text(STORY, TEASERS)
    article = clean(raw)
    for para in STORY[1:]:
        assert para in article.text
    gone = removed_by_rule(article)
    for leftover in ("City opens three new libraries", "March 1, 2024", "The new branches will open",
                     "Officials say the extra routes"):
        assert leftover not in article.text, leftover
    assert "February 27, 2024" in gone
    assert article.rebuild_raw() == raw


def test_call_to_action_below_a_sign_up_box_goes() -> None:
    article = clean(text(STORY, SIGN_UP))
    assert "Ready to get started?" not in article.text
    assert "Book a free demo today" not in article.text
    assert TAIL[-1] in article.text


def test_removals_carry_the_rule_and_its_reason() -> None:
    article = clean(text(STORY, TEASERS))
    ours = [r for r in article.removals if r.rule == "page.after_story"]
    assert ours and all("teasers" in r.reason for r in ours)


def test_the_story_s_own_paragraphs_below_a_box_stay() -> None:
    # A related box in the middle of the story: the prose below it runs on, two lines together.
    raw = text([TITLE, *HEAD], TEASERS[:2], ["Read More"], MIDDLE, TAIL)
    article = clean(raw)
    for para in [*MIDDLE, *TAIL]:
        assert para in article.text
    assert not removed_by_rule(article)


def test_last_paragraph_under_an_inline_read_more_box_stays() -> None:
    last = "No date has yet been set for the vote, which officials expect to hold within four months."
    raw = text([TITLE, *HEAD, *MIDDLE], ["READ MORE", "Budget talks stall again"], [last], ["Source: News agencies"])
    article = clean(raw)
    assert last in article.text


def test_a_long_link_in_the_story_does_not_close_it() -> None:
    link = "READ MORE: Will the new budget cut spending on schools across the city next year?"
    raw = text([TITLE, *HEAD], [link], ["Budget at a glance"], [MIDDLE[0]], ["Spending by department", "Schools"])
    article = clean(raw)
    assert not removed_by_rule(article)
    for kept in ("Budget at a glance", MIDDLE[0], "Spending by department", "Schools"):
        assert kept in article.text, kept


def test_a_tail_that_outweighs_the_story_stays() -> None:
    short_story = [TITLE, HEAD[0]]
    article = clean(text(short_story, TEASERS))
    assert "The new branches will open" in article.text
    assert not removed_by_rule(article)


def test_article_without_closing_clutter_is_untouched() -> None:
    article = clean(text(STORY))
    assert not article.removals


def test_the_rule_can_be_disabled() -> None:
    article = cleaner.clean_text(text(STORY, TEASERS), config=cleaner.Config(disable=["page.after_story"]))
    assert not removed_by_rule(article)
    assert "March 1, 2024" in article.text


def test_time_is_linear() -> None:
    page = text(STORY, TEASERS)
    t0 = time.perf_counter()
    cleaner.clean_text(page * 20)
    t1 = time.perf_counter()
    cleaner.clean_text(page * 200)
    t2 = time.perf_counter()
    assert t2 - t1 < 30 * (t1 - t0) + 0.5  # 10x the input, well under 100x the time
