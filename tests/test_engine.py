"""The engine end to end: rule registry, metadata, linear time on pathological input."""
from __future__ import annotations

import signal
from pathlib import Path
from typing import Callable, Iterator

import pytest

import cleaner
from cleaner.rules import ALL_RULES, FAMILIES, all_rule_ids, rule_by_id

RULE_TESTS = Path(__file__).resolve().parent / "rules"


def test_every_rule_has_an_id_in_its_family_and_a_reason() -> None:
    families = {f.__name__.rsplit(".", 1)[-1] for f in FAMILIES}
    for rule in ALL_RULES:
        assert rule.family in families, rule.id
        assert rule.reason and "\n" not in rule.reason
    assert len(all_rule_ids()) == len({r.id for r in ALL_RULES})


def test_every_rule_is_tested_in_its_family_module() -> None:
    for rule_id in all_rule_ids():
        module = RULE_TESTS / f"test_{rule_id.split('.')[0]}.py"
        assert module.is_file(), module
        assert rule_id in module.read_text(encoding="utf-8"), f"{rule_id} not named in {module.name}"


def test_rule_by_id() -> None:
    assert rule_by_id("links.related").id == "links.related"
    with pytest.raises(KeyError):
        rule_by_id("links.nope")


def test_clean_text_refuses_bytes() -> None:
    with pytest.raises(TypeError):
        cleaner.clean_text(b"raw bytes")  # type: ignore[arg-type]


def test_provenance_and_removed_chars() -> None:
    raw = "A title\n\nThe council met on Tuesday to approve the budget for next year.\n\nAdvertisement\n"
    article = cleaner.clean_text(raw, source="x.txt")
    assert article.provenance.source == "x.txt"
    assert article.provenance.size == len(raw.encode())
    assert article.removed_chars_by_rule() == {"ads.marker": len("Advertisement")}


def test_lone_surrogates_are_cleaned_and_rebuilt() -> None:
    """A str may hold lone surrogates (JSON "\\ud800", surrogateescape): cleaned like any text."""
    raw = (
        "A title \ud800\n\nThe council met on Tuesday \udcff to approve the budget for next year.\n\n"
        "Advertisement\n\nSubscribe to our newsletter \udc80\n"
    )
    article = cleaner.clean_text(raw)
    assert "\udcff to approve the budget" in article.text
    assert {r.rule for r in article.removals} == {"ads.marker", "newsletter.signup"}
    assert article.ledger.rebuild(article.text) == raw


@pytest.fixture
def alarm() -> Iterator[Callable[[int], None]]:
    """Fail instead of hanging when a regex goes catastrophic (generous limit, not a timing test)."""

    def timeout(signum: int, frame: object) -> None:
        raise TimeoutError("clean_text did not finish: a rule is not linear on this input")

    previous = signal.signal(signal.SIGALRM, timeout)
    yield lambda seconds: signal.alarm(seconds)
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


PATHOLOGICAL = {
    "one 1 MB line": "word " * 200_000,
    "1 MB of lines": ("The council met on Tuesday. REUTERS/Name Surname\n" * 20_000),
    "a-space": "a " * 500_000,
    "slashes": "/" * 10**6,
    "REUTERS/ repeated": "REUTERS/" * 125_000,
    "photo credit stem": ("Photo: " * 100_000) + "x",
    "dates": "November 19, 2019 " * 50_000,
    "dots": "." * 10**6,
    "short lines": "a\n" * 500_000,
    "caption-ish lines": ("Photo by A B/Getty Images (AP Photo/X) © " * 5 + "\n") * 4_000,
    "comment tail": "Story. " * 50 + "\n\n" + "Leave a Reply\n" + "x says:\n" * 100_000,
    "comment headers": "Story goes on and on here. " * 50 + "\n\n" + "Comments\n" + "x on May 1, 2019 said:\n" * 20_000,
    "short lines before tail clutter": "A sentence of the story here, long enough.\n\n" * 3 + "a b\n" * 100_000 + "Advertisement\n",
    "glued share words": ("email" * 39 + "x\n" + "Share" + "emailmail" * 20 + "y\n") * 2_000,
    "label then many words": ("Source: " + "ab " * 35 + "\n" + "Photo: " + "cd " * 30 + "\n") * 2_000,
    "headings over clutter": "A sentence of the story here, long enough.\n\n" * 3 + "Heading\nAdvertisement\n" * 50_000,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_input_is_cleaned_in_linear_time(name: str, alarm: Callable[[int], None]) -> None:
    raw = PATHOLOGICAL[name]
    # A hang detector, not a timing test: 1 MB of one-character lines takes ~10 s here
    # (per-line cost), a catastrophic regex or a quadratic pass would take hours.
    alarm(60)
    article = cleaner.clean_text(raw)
    alarm(0)
    assert article.rebuild_raw() == raw


# The line matcher must never hide a rule that matches.
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from cleaner.classify import _line_rules  # noqa: E402
from cleaner.segment import segment  # noqa: E402

_SAMPLE_LINES = [
    "This material may not be published, broadcast, rewritten or redistributed.", "© 2019 Reuters",
    "RELATED: Markets rally", "12 PHOTOS", "Image 3 of 9", "Share on Facebook", "Advertisement",
    "Sign up for our newsletter", "Emails may offer personalized content or ads.", "5 min read",
    "Tags: a, b", "Kaynak/Source:", "Follow us on Twitter", "12 Comments", "« Previous", "go to top",
    "We use cookies to improve your experience.", "jane@example.com", "Citation: X (2019) retrieved from y",
    "Commuters wait for a delayed train at the station … more", "The council met on Tuesday.",
    "1 / 15", "2,345 shares", "(AP Photo/Evan Vucci)", "1 2 3 Next", "34 Comments", "4 minute read",
    "Microsoft may earn an Affiliate Commission if you purchase something through links.",
    "» Related: Inside the race", "_Read more: x", "9 photos", "jane.doe@example.com",
]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_SAMPLE_LINES), st.sampled_from([str, str.upper, str.lower, str.title]),
       st.text(alphabet="•» (\u00a0", max_size=3))
def test_rule_set_pre_check_agrees_with_asking_every_rule(line: str, case, lead: str) -> None:
    rules = _line_rules(cleaner.Config())
    for seg in segment(lead + case(line)):
        naive = next((r for r in rules.rules if r.matches(seg)), None)
        assert rules.first_match(seg) is naive


@pytest.mark.parametrize("line", ["İlgili haberler: Faiz kararı", "ＲＥＬＡＴＥＤ: x", "Ｓhare on Facebook", "Şubat 2019"])
def test_rule_set_pre_check_with_non_ascii_first_letters(line: str) -> None:
    rules = _line_rules(cleaner.Config())
    for seg in segment(line):
        naive = next((r for r in rules.rules if r.matches(seg)), None)
        assert rules.first_match(seg) is naive


# A clean article full of sentences that look like clutter to a careless rule.
CLEAN_ARTICLE = [
    "Apple unveils new MacBook Pro with redesigned keyboard",
    "By the time the sun rose, the protesters had gone home.",
    "WASHINGTON (AP) — The House voted on Tuesday to approve the spending bill, sending it to the Senate.",
    "BEIRUT, Nov 9 (Reuters) - Syria's army declared victory over Islamic State on Thursday.",
    "Read more books and watch less television, the report advised parents.",
    "Sign up for the draft closes Friday, officials said.",
    "Support for the bill has grown since the summer, polls show.",
    "Subscribers to the service will see prices rise in January.",
    "Facebook said it had removed 3.2 billion fake accounts between April and September.",
    "Twitter users reacted with anger.",
    "The newsletter, which has 2 million subscribers, was sold to a media group.",
    "Cookies and other tracking tools are at the centre of the EU's new privacy rules.",
    "Advertising revenue rose 12 percent.",
    "Photos released by the ministry show the damage to the bridge.",
    "The gallery will reopen in March after a two-year renovation.",
    "The show, titled Photo: A Retrospective, opens Friday at the Tate.",
    "Share prices in Tokyo fell sharply on Monday.",
    "Comments made by the minister on Sunday caused an uproar.",
    "KEY FINDINGS",
    "- Unemployment fell to 3.5 percent",
    "- Wages rose 3.1 percent",
    "1. Cut taxes for small firms.",
    "2. Raise the minimum wage.",
    "“No.”",
    "“I don’t know,” he said.",
    "Copyright law has not kept pace with technology, the judge wrote.",
    "The source of the leak has not been identified.",
    "Next year, the government plans to cut spending further.",
    "Top of the agenda is the trade deal with China.",
    "More than 100 people attended the funeral on Saturday.",
    "Video footage showed the suspect fleeing the scene.",
    "Like many cities, Paris has struggled with rising rents.",
    "Email records obtained by the newspaper show the deal was agreed in May.",
    "Updated figures will be published next month.",
    "Published in 1851, the novel was initially a commercial failure.",
    "Credit Suisse shares fell 4 percent in Zurich.",
    "The Reuters/Ipsos poll was conducted online.",
    "Q: What did the minister say?",
    "A: He said the plan was on track.",
    "Don't miss the fireworks on New Year's Eve, the mayor urged residents.",
    "Tweet by tweet, the president escalated the dispute.",
    "Twitter, Facebook and Google executives testified before Congress.",
    "(Reporting by Sarah Dadouch; Editing by Angus MacSwan)",
]


def test_a_clean_article_full_of_traps_loses_nothing() -> None:
    raw = "\n\n".join(CLEAN_ARTICLE) + "\n"
    article = cleaner.clean_text(raw)
    assert [(r.rule, r.text) for r in article.removals] == []
    assert article.text == "\n\n".join(CLEAN_ARTICLE)
    assert article.title == CLEAN_ARTICLE[0]
