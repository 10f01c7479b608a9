"""Helpers for the rule tests: put a line into a plain news story and clean it.

The story itself is clean (a title, a wire dateline, prose, a quote, a heading), so
any removal in a keep-test comes from the line under test, and a remove-test can
check that the line, and only the line, went.
"""
from __future__ import annotations

import cleaner
from cleaner import Article, Config

TITLE = "Council approves new budget after months of debate"
HEAD = [
    "LONDON, March 3 (Reuters) - The city council approved a new budget on Tuesday after "
    "months of debate over spending on schools, transport and housing.",
    "The vote was 31 to 12, with several members of the governing coalition abstaining, "
    "according to a statement released by the council after the session ended.",
]
MIDDLE = [
    "Council leader Maria Jensen said the budget would protect front-line services while "
    "cutting administrative costs by about five percent over the next two years.",
    '"We have made hard choices, but they are the right ones," she told reporters outside '
    "the chamber.",
    "Opposition members said the plan relied on optimistic forecasts for business rates and "
    "warned that further cuts could follow if the economy slowed.",
]
TAIL = [
    "The budget takes effect in April, and the council will review it again in the autumn "
    "when new revenue figures are available from the treasury.",
    "Residents can read the full document at libraries across the city, officials said.",
]


def story(*inserted: str, where: str = "middle") -> str:
    """The story with `inserted` lines (one paragraph each) at the head, middle or tail."""
    block = list(inserted)
    if where == "head":
        paras = [TITLE, *block, *HEAD, *MIDDLE, *TAIL]
    elif where == "middle":
        paras = [TITLE, *HEAD, MIDDLE[0], *block, *MIDDLE[1:], *TAIL]
    elif where == "tail":
        paras = [TITLE, *HEAD, *MIDDLE, *TAIL, *block]
    else:
        raise ValueError(where)
    return "\n\n".join(paras) + "\n"


def clean(raw: str, config: Config | None = None) -> Article:
    return cleaner.clean_text(raw, config=config)


def rules_that_removed(article: Article, text: str) -> set[str]:
    """Rules whose removals cover (a piece of) `text`."""
    return {r.rule for r in article.removals if text in r.text or r.text in text}


def assert_removed(line: str, rule: str, *, where: str = "middle", with_lines: tuple[str, ...] = ()) -> Article:
    """`line` (inserted with `with_lines` around it) is removed by `rule`; the story stays."""
    raw = story(*with_lines, line, where=where) if with_lines else story(line, where=where)
    article = clean(raw)
    by = rules_that_removed(article, " ".join(line.split()))
    assert rule in by, f"{line!r} removed by {sorted(by) or 'nothing'}, expected {rule}"
    assert " ".join(line.split()) not in article.text
    assert_story_kept(article)
    return article


def assert_story_kept(article: Article) -> None:
    for para in [TITLE, *HEAD, *MIDDLE, *TAIL]:
        assert para in article.text, f"story paragraph lost: {para[:60]!r}"


def assert_kept(*lines: str, where: str = "middle") -> Article:
    """Inserted into a clean story, `lines` cause no removal at all."""
    article = clean(story(*lines, where=where))
    assert article.removals == [], [(r.rule, r.text) for r in article.removals]
    for line in lines:
        assert " ".join(line.split()) in article.text
    return article


def assert_kept_anywhere(*lines: str) -> None:
    """`assert_kept` at the story's head, middle and tail: a line that quotes or describes a
    page's own words (with a clause of reported speech, or the rest of a sentence around
    them) is news wherever it stands."""
    for where in ("head", "middle", "tail"):
        assert_kept(*lines, where=where)
