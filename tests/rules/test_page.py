"""page.*: the navigation zones of a whole page around its story.

Whole pages (Common Crawl WET text, a page rendered to text) are built here from
parts: a menu and a cookie notice above the story, a "Most read" list, comments and
a footer below. The story must come out whole; the zones must go, with the page
rules' ids in the ledger. Article texts (a story with a fact box, a list, a short
tail) must keep everything.
"""
from __future__ import annotations

import time

import cleaner
from cleaner.rules import page
from cleaner.segment import segment

from .util import HEAD, MIDDLE, TAIL, TITLE, clean, story

MENU = [
    "* News", "+ World", "+ Business", "+ Technology", "+ Big Data", "+ Science", "+ Health",
    "* Sport", "* Culture", "* Opinion", "* Newsletters", "* Contact Us",
]
COOKIE = (
    "We use cookies to give you the best experience on our website. By continuing to browse "
    "you agree to our use of cookies and our privacy policy."
)
MOST_READ = [
    "Most Read",
    "* Brookings: AI will heavily affect tech and white-collar jobs",
    "* Qualcomm Says 5G Will Cover Major Metros",
    "* Why The Mandalorian Cites Fortnite",
    "* Clumio Raises Money For Cloud Backup",
    "* Ten Things We Learned This Week",
]
FOOTER = [
    "About Us", "Careers", "Advertise", "Privacy Policy", "Terms of Service", "Contact",
    "Great comments in this thread, everyone. The mayor should have listened to the residents sooner.",
    "© 2019 Example Media Group. All rights reserved.",
]
STORY = [TITLE, *HEAD, *MIDDLE, *TAIL]


def whole_page() -> str:
    """Zones one block each, as a page rendered to text has them."""
    zones = [MENU, [COOKIE, "Support our journalism"], STORY, MOST_READ, FOOTER]
    return "\n\n".join("\n".join(zone) for zone in zones) + "\n"


def test_whole_page_keeps_the_story_and_drops_the_zones() -> None:
    article = clean(whole_page())
    kept = article.text
    for para in [*HEAD, *MIDDLE, *TAIL]:
        assert para in kept
    for junk in [*MENU[1:], "Most Read", "Privacy Policy", "Ten Things We Learned This Week", "All rights reserved"]:
        assert junk not in kept, junk
    assert article.rebuild_raw() == whole_page()


def test_zone_removals_carry_their_rule_and_reason() -> None:
    article = clean(whole_page())
    rules = {r.rule for r in article.removals}
    assert {"page.top", "page.bottom"} <= rules
    for removal in article.removals:
        if removal.rule.startswith("page."):
            assert removal.reason
            assert removal.text in whole_page()


def test_headline_directly_above_the_story_is_kept() -> None:
    assert TITLE in clean(whole_page()).text


def test_page_rules_can_be_disabled() -> None:
    raw = whole_page()
    article = cleaner.clean_text(raw, config=cleaner.Config(disable=["page"]))
    assert not any(r.rule.startswith("page.") for r in article.removals)
    assert "Big Data" in article.text


def test_article_without_zones_is_untouched() -> None:
    article = clean(story())
    assert not [r for r in article.removals if r.rule.startswith("page.")]


def test_fact_box_and_list_in_an_article_are_kept() -> None:
    facts = ["Location: Boston, Massachusetts", "Median GMAT: 740", "Average GPA: 3.69", "Class Size: 930",
             "Acceptance Rate: 14%"]
    items = ["Extraordinary cleaning power", "Has its own internal heater", "Easy-to-read controls",
             "A few slow cycles", "Occasionally smelly gasket"]
    for block, where in ((facts, "head"), (items, "tail"), (facts, "middle")):
        article = clean(story(*block, where=where))
        assert not [r for r in article.removals if r.rule.startswith("page.")], (where, block)


def test_listing_with_little_prose_keeps_its_items() -> None:
    """A listing's items outweigh its one paragraph: not a menu around a story."""
    offers = []
    for n in range(30):
        offers += [f"GRAND HOTEL NUMBER {n}", "MAUI, HAWAII", f"Up to ${100 + n} in instant savings"]
    raw = "\n".join([*offers, HEAD[0], *MENU]) + "\n"
    article = clean(raw)
    assert "GRAND HOTEL NUMBER 3" in article.text


def test_shapes() -> None:
    good, short, bad = page.GOOD, page.SHORT, page.BAD
    cases = {
        HEAD[0]: good,
        "+ Big Data": bad,
        "Got a News Tip?": bad,
        "Press Releases": bad,
        "o Dezembro (111)": bad,
        "Class Size: 930": short,
        "pub fn is_ok(&self) -> bool": short,
        "Usable on many devices and browsers": short,
        "He said it was over.": short,
        "Politics | Business | Science | Tech": bad,
        " ".join(["tag"] * 30): bad,
    }
    for text, want in cases.items():
        assert page.shape(segment(text)[0]) == want, text


def test_time_is_linear_in_the_page() -> None:
    small = whole_page() * 20
    big = whole_page() * 200
    t0 = time.perf_counter()
    cleaner.clean_text(small)
    t1 = time.perf_counter()
    cleaner.clean_text(big)
    t2 = time.perf_counter()
    assert t2 - t1 < 30 * (t1 - t0) + 0.5  # 10x the input, well under 100x the time


def test_disabling_the_zone_pass_keeps_the_page() -> None:
    article = cleaner.clean_text(whole_page(), config=cleaner.Config(disable=["page.zones"]))
    assert not any(r.rule in ("page.top", "page.bottom") for r in article.removals)


# page.after_story: what the clutter closing a story leaves below it. An extractor's
# output ends in boxes the line rules only half recognise: a related box's teasers and
# dates stay when its heading and "Read more" links go, a sign-up box leaves its call
# to action. The story above must come out whole: its own paragraphs after a box (two
# prose lines together), its last paragraph under an inline "Read more" box, a tail
# longer than the story.
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


def blocks(*parts: list[str]) -> str:
    """Each line its own paragraph, as an extractor writes them."""
    return "\n\n".join(line for part in parts for line in part) + "\n"


def removed_by_rule(article: cleaner.Article) -> str:
    return "\n".join(r.text for r in article.removals if r.rule == "page.after_story")


def test_teasers_and_dates_of_a_related_box_go() -> None:
    raw = blocks(STORY, TEASERS)
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
    article = clean(blocks(STORY, SIGN_UP))
    assert "Ready to get started?" not in article.text
    assert "Book a free demo today" not in article.text
    assert TAIL[-1] in article.text


def test_after_story_removals_carry_the_rule_and_its_reason() -> None:
    article = clean(blocks(STORY, TEASERS))
    ours = [r for r in article.removals if r.rule == "page.after_story"]
    assert ours and all("teasers" in r.reason for r in ours)


def test_the_story_s_own_paragraphs_below_a_box_stay() -> None:
    # A related box in the middle of the story: the prose below it runs on, two lines together.
    raw = blocks([TITLE, *HEAD], TEASERS[:2], ["Read More"], MIDDLE, TAIL)
    article = clean(raw)
    for para in [*MIDDLE, *TAIL]:
        assert para in article.text
    assert not removed_by_rule(article)


def test_last_paragraph_under_an_inline_read_more_box_stays() -> None:
    last = "No date has yet been set for the vote, which officials expect to hold within four months."
    raw = blocks([TITLE, *HEAD, *MIDDLE], ["READ MORE", "Budget talks stall again"], [last], ["Source: News agencies"])
    article = clean(raw)
    assert last in article.text


def test_a_long_link_in_the_story_does_not_close_it() -> None:
    link = "READ MORE: Will the new budget cut spending on schools across the city next year?"
    raw = blocks([TITLE, *HEAD], [link], ["Budget at a glance"], [MIDDLE[0]], ["Spending by department", "Schools"])
    article = clean(raw)
    assert not removed_by_rule(article)
    for kept in ("Budget at a glance", MIDDLE[0], "Spending by department", "Schools"):
        assert kept in article.text, kept


def test_a_tail_that_outweighs_the_story_stays() -> None:
    short_story = [TITLE, HEAD[0]]
    article = clean(blocks(short_story, TEASERS))
    assert "The new branches will open" in article.text
    assert not removed_by_rule(article)


def test_article_without_closing_clutter_is_untouched() -> None:
    article = clean(blocks(STORY))
    assert not article.removals


def test_after_story_can_be_disabled() -> None:
    article = cleaner.clean_text(blocks(STORY, TEASERS), config=cleaner.Config(disable=["page.after_story"]))
    assert not removed_by_rule(article)
    assert "March 1, 2024" in article.text


def test_after_story_time_is_linear() -> None:
    page_text = blocks(STORY, TEASERS)
    t0 = time.perf_counter()
    cleaner.clean_text(page_text * 20)
    t1 = time.perf_counter()
    cleaner.clean_text(page_text * 200)
    t2 = time.perf_counter()
    assert t2 - t1 < 30 * (t1 - t0) + 0.5  # 10x the input, well under 100x the time


# page.author_box: the writer's name on its own line, then a bio opening with it,
# below the story; a profile among the story's paragraphs and a firm's blurb stay.
BIO_BOX = [
    "Rebecca Norris",
    "Contributing Writer",
    "Rebecca Norris is a freelance writer living in Washington. She covers city politics and budgets.",
]


def test_author_box_below_the_story_goes() -> None:
    article = clean(blocks(STORY, BIO_BOX))
    for line in BIO_BOX:
        assert line not in article.text, line
    assert {r.rule for r in article.removals} == {"page.author_box"}
    assert TAIL[-1] in article.text


def test_bio_opening_with_the_first_name_goes() -> None:
    box = ["By Kaavya Shah", "Kaavya is a content specialist at Acme, with a passion for writing and design."]
    article = clean(blocks(STORY, box))
    assert "Kaavya is a content specialist" not in article.text


def test_profile_among_the_story_s_paragraphs_stays() -> None:
    raw = blocks([TITLE, *HEAD], BIO_BOX, MIDDLE, TAIL)
    article = clean(raw)
    assert not any(r.rule == "page.author_box" for r in article.removals)
    assert BIO_BOX[0] in article.text and BIO_BOX[-1] in article.text


def test_bio_without_its_name_above_stays() -> None:
    # Who the sentence is about is not tied to the writer: no name line above it.
    bio = "Maria Jensen is a council leader who has served two terms. She grew up in the city."
    article = clean(blocks(STORY, ["Budget at a glance"], [bio]))
    assert bio in article.text


def test_a_firm_s_blurb_under_its_name_stays() -> None:
    blurb = ["Longevity Lab", "Longevity Lab is dedicated to helping you achieve a better quality of life."]
    article = clean(blocks(STORY, blurb))
    for line in blurb:
        assert line in article.text, line


def test_author_box_can_be_disabled() -> None:
    article = cleaner.clean_text(blocks(STORY, BIO_BOX), config=cleaner.Config(disable=["page.author_box"]))
    assert BIO_BOX[-1] in article.text
