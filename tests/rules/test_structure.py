"""structure.*: repeats, short lines between clutter, the tail after the story, orphan headings."""
from __future__ import annotations

import pytest

from cleaner.rules import structure

from .util import MIDDLE, assert_kept, assert_story_kept, clean, story

QUOTE = "“We will not be silenced,” the protesters chanted outside the town hall."


def test_repeated_paragraph_is_kept_once() -> None:
    article = clean(story(QUOTE, "Officials said the meeting would resume on Thursday morning.", QUOTE))
    assert article.text.count(QUOTE) == 1
    assert [r.rule for r in article.removals] == ["structure.repeat"]
    assert_story_kept(article)


def test_short_repeated_lines_are_kept() -> None:
    article = assert_kept("Yes.", "No.", "Yes.")
    assert article.text.count("Yes.") == 2


def test_short_line_between_two_lines_of_one_family_is_removed() -> None:
    article = clean(story("Share this article\nBuffer\nFacebook Twitter"))
    assert "structure.sandwich" in {r.rule for r in article.removals}
    assert "Buffer" not in article.text
    assert_story_kept(article)


def test_short_lines_in_the_clutter_after_the_story_are_removed() -> None:
    article = clean(story("Copyright 2019 Reuters", "Contact us", "Terms", where="tail"))
    assert "structure.tail" in {r.rule for r in article.removals}
    assert "Contact us" not in article.text
    assert_story_kept(article)


def test_heading_over_only_clutter_is_removed() -> None:
    block = "\n".join(["Our picks", "RELATED: Fed holds rates steady", "RELATED: Oil falls to two-month low"])
    article = clean(story(block, "Reaction"))
    assert "structure.orphan_heading" in {r.rule for r in article.removals}
    assert "Our picks" not in article.text
    assert_story_kept(article)


def test_heading_over_a_single_caption_is_kept() -> None:
    article = clean(story("Paris attacks", "Mourners gather outside a restaurant in Paris. Benoit Tessier/Reuters"))
    assert "Paris attacks" in article.text
    assert [r.rule for r in article.removals] == ["captions.caption"]


def test_headings_bullets_numbered_lists_and_short_quotes_are_kept() -> None:
    assert_kept(
        "WHAT HAPPENS NEXT",
        "- Bus fares rise by 10 pence",
        "- Parking permits cost more",
        "1. The council tax rises by 2 percent.",
        "2. Libraries open on Sundays.",
        "“No.”",
        "Why it matters",
        MIDDLE[0].replace("Council leader", "Deputy leader"),
    )


def test_a_long_run_of_short_lines_after_the_story_is_kept() -> None:
    """structure.tail judges runs: a fact box of short lines is story, not footer."""
    box = ["Ticketing", "VIP : 60,000 won", "R : 50,000 won", "S : 40,000 won", "Inquiry", "02-751-1500"]
    article = clean(story(*box, "Copyright 2019 Reuters", where="tail"))
    for line in box:
        assert line in article.text
    assert [r.rule for r in article.removals] == ["footer.copyright"]


def test_a_repeated_short_question_is_the_story_s_structure() -> None:
    """structure.repeat: questions put to each interviewee repeat, and stay."""
    question = "What inspired you to start cooking for a living?"
    article = assert_kept(question, "My grandmother, who ran a bakery for forty years.", question,
                          "A trip to Japan when I was nineteen.")
    assert article.text.count(question) == 2


def test_a_name_under_the_story_above_footer_lines_goes_with_them() -> None:
    raw = story("Isabelle Rey-Lefebvre", "Copyright 2019 Le Monde", where="tail")
    article = clean(raw)
    assert "Isabelle Rey-Lefebvre" not in article.text
    assert_story_kept(article)


# structure.introduced_list: a list the story introduces with a colon is story.
FINED = "The companies fined were:"


def assert_list_kept(*lines: str, sep: str = "\n", where: str = "middle") -> None:
    article = clean(story(sep.join(lines), where=where))
    assert article.removals == [], [(r.rule, r.text) for r in article.removals]
    assert "\n\n".join(lines) in article.text


def test_list_introduced_by_a_sentence_keeps_its_one_word_items() -> None:
    for sep in ("\n", "\n\n"):  # items in one block, or one paragraph each
        for where in ("middle", "tail"):
            assert_list_kept(FINED, "Facebook", "Twitter", "Google", sep=sep, where=where)


def test_introduced_list_with_bullets_or_numbers() -> None:
    assert_list_kept(FINED, "• Facebook", "• Twitter", "• Google")
    assert_list_kept(FINED, "- Facebook", "- Twitter", "- Google", sep="\n\n")
    assert_list_kept(FINED, "1. Facebook", "2. Twitter", "3. Google")


def test_introduced_list_of_names_that_look_like_credits_and_controls() -> None:
    assert_list_kept("The agencies that filed the complaint were:", "Reuters", "AFP", "Getty Images")
    assert_list_kept("Investors in the round included:", "Google", "Instagram", "Tumblr", sep="\n\n")


def test_a_form_or_prompt_under_a_colon_is_not_a_list() -> None:
    """A colon line that speaks to the reader is no list intro: its items stay clutter."""
    article = clean(story("Enter your details to share this page:\nEmail\nFacebook\nTwitter", where="tail"))
    assert "Facebook" not in article.text and "Twitter" not in article.text
    assert_story_kept(article)


def test_share_bar_without_an_introducing_sentence_still_goes() -> None:
    article = clean(story("Share on Facebook / Twitter", "Facebook\nTwitter\nGoogle", where="tail"))
    assert "Share on Facebook" not in article.text
    assert "Twitter" not in article.text
    assert_story_kept(article)


def test_a_share_prompt_ending_in_a_colon_is_not_a_list_intro() -> None:
    for prompt in ("Share this story with your friends on:", "Follow our coverage on:"):
        article = clean(story(prompt + "\nFacebook\nTwitter", where="tail"))
        assert "Twitter" not in article.text, prompt
        assert_story_kept(article)


def test_a_list_ends_at_the_first_long_line() -> None:
    """The run of items stops at prose: a share bar after it is not an item."""
    raw = story("\n".join([FINED, "Facebook", "Google"]),
                "Each company must pay the fine within thirty days, the regulator said in a statement.\n"
                "Share\nFacebook\nTwitter", where="tail")
    article = clean(raw)
    assert f"{FINED}\n\nFacebook\n\nGoogle" in article.text
    assert "Share" not in article.text and "Twitter" not in article.text
    assert "structure.introduced_list" not in {r.rule for r in article.removals}


@pytest.mark.parametrize(
    "lines",
    [
        ["The group has three divisions:", "Search", "Cloud", "Hardware"],  # "Search" alone is a menu link
        ["Voters could choose between:", "Accept", "Reject", "Abstain"],  # "Accept" alone is a cookie button
        ["The most downloaded apps of the year were:", "Zoom", "TikTok", "WhatsApp"],  # "Zoom": a caption control
        ["Основные разделы сайта компании:", "Новости", "Видео", "Аналитика"],  # capitals of another script
    ],
)
@pytest.mark.parametrize("where", ["head", "middle", "tail"])
def test_items_of_an_announced_list_are_story_whatever_rule_claims_them(lines: list[str], where: str) -> None:
    article = clean(story(*lines, where=where))
    for line in lines:
        assert line in article.text
    assert_story_kept(article)


def test_an_introduction_in_capitals_announces_a_list_too() -> None:
    lines = ["THE COMPANIES FINED WERE:", "Facebook", "Twitter", "Google"]
    article = clean(story(*lines, where="middle"))
    for line in lines:
        assert line in article.text


def test_an_ad_marker_inside_an_announced_list_is_still_an_ad() -> None:
    lines = ["The company's products fall into four groups:", "Search", "Advertisement", "Cloud", "Hardware"]
    article = clean(story(*lines, where="middle"))
    assert "Advertisement" not in article.text.split("\n")
    for line in ("The company's products fall into four groups:", "Search"):
        assert line in article.text
    assert_story_kept(article)


@pytest.mark.parametrize(
    ("text", "name"),
    [("Getty Images", True), ("Зарплаты", True), ("2. Google", True), ("Bank of England", True),
     ("зарплаты", False), ("the European Space Agency", False), ("more buses", False)],
)
def test_a_list_item_is_a_capitalised_name_in_any_script(text: str, name: bool) -> None:
    assert structure._is_name(text) is name


@pytest.mark.parametrize("sep", ["\n", "\n\n"])
@pytest.mark.parametrize("where", ["head", "middle", "tail"])
def test_an_introduction_that_says_you_announces_a_list_too(sep: str, where: str) -> None:
    """"you" alone is no call to act: the story speaks of its readers too."""
    assert_list_kept("The apps you use most were fined:", "Facebook", "Twitter", "Google", sep=sep, where=where)


@pytest.mark.parametrize("where", ["head", "tail"])
def test_a_long_announced_list_at_the_head_or_tail_is_no_menu(where: str) -> None:
    """Five short items in a row look like a menu to the page zones and like a stray tail
    to the tail pass; announced, they are story, and so are the lines around them."""
    lines = ["The five busiest stations were:", "Waterloo", "Victoria", "Liverpool Street", "London Bridge",
             "King's Cross"]
    for sep in ("\n", "\n\n"):
        article = clean(story(sep.join(lines), where=where))
        assert article.removals == [], [(r.rule, r.text) for r in article.removals]
        assert_story_kept(article)


@pytest.mark.parametrize(
    "lines",
    [
        ["The hearings are scheduled for:", "March 12", "April 2", "May 7"],  # dates
        ["The accounts suspended included:", "@jensen_m", "@cityhall_news", "@budget_watch"],  # handles
        ["Monthly users, in millions:", "Facebook 2,900", "YouTube 2,500", "WhatsApp 2,000"],  # figures
        ["The partners are:", "NASA", "the European Space Agency", "Japan's JAXA"],
        ["The headliners are:", "AC/DC", "Metallica", "Green Day"],
        ["A typical school day now includes:", "20 minutes reading", "30 minutes exercise", "15 minutes music"],
    ],
)
@pytest.mark.parametrize("where", ["head", "middle", "tail"])
def test_items_of_an_announced_list_need_not_be_names(lines: list[str], where: str) -> None:
    article = clean(story("\n".join(lines), where=where))
    assert article.removals == [], [(r.rule, r.text) for r in article.removals]
    assert_story_kept(article)


@pytest.mark.parametrize(
    "lines",
    [
        ["jbaxt says:", "Facebook", "Twitter"],  # a comment's head, then a share bar
        ["Explore All Categories:", "Facebook", "Twitter", "Instagram"],  # a label in title case
        ["You might also like:", "Facebook", "Twitter", "Instagram"],
    ],
)
def test_a_prompt_a_label_or_reported_speech_announces_no_list(lines: list[str]) -> None:
    article = clean(story("\n".join(lines), where="tail"))
    assert "Twitter" not in article.text.split("\n")
    assert_story_kept(article)


def test_a_menu_under_a_title_case_label_still_goes_on_a_whole_page() -> None:
    """The page zones keep a list a sentence announces; a label over a menu announces none."""
    menu = ["Explore All Categories:", "* News", "* World", "* Business", "* Technology", "* Science", "* Health"]
    article = clean("\n".join(menu) + "\n\n" + story())
    assert "Technology" not in article.text and "Explore All Categories" not in article.text
    assert_story_kept(article)


@pytest.mark.parametrize(
    "intro",
    [
        "The European Commission fined:",  # names throughout, a verb last
        "US states that sued the company on Tuesday are:",  # "US", not "us"
        "Countries that share a border with Ukraine are:",  # "share" as a verb of the story
        "Our reporters compared the privacy settings of:",
        "The rate of fake accounts was highest on:",
        "Click fraud was most common on:",
        "The agencies whose photographers were detained follow:",
        "被罚款的平台包括：",  # no spaces: a sentence by its length
    ],
)
def test_introductions_that_use_a_prompts_words_as_a_story_does(intro: str) -> None:
    for where in ("head", "middle", "tail"):
        article = clean(story("\n".join([intro, "Facebook", "Google", "Instagram", "Reuters"]), where=where))
        assert article.removals == [], (where, [(r.rule, r.text) for r in article.removals])
        assert_story_kept(article)


@pytest.mark.parametrize("intro", ["Follow BBC on:", "Share this story on:", "Rate this article:",
                                   "Click here to share on:"])
def test_prompts_announce_no_list(intro: str) -> None:
    article = clean(story("\n".join([intro, "Facebook", "Twitter", "Instagram"]), where="tail"))
    assert "Twitter" not in article.text.split("\n")
    assert_story_kept(article)


@pytest.mark.parametrize(
    "intro",
    [
        "Choose a network below:",  # a prompt's verb first
        "Popular Destinations In Europe:",  # a label in title case, its last word too
        "NEW ADD ONS:",  # capitals, three words
        "Подробнее:",  # one long word of a script written with spaces
        "* I need help with:",  # a menu's own item
    ],
)
def test_each_kind_of_label_announces_no_list(intro: str) -> None:
    article = clean(story("\n".join([intro, "Facebook", "Twitter", "Instagram"]), where="tail"))
    assert "Twitter" not in article.text.split("\n"), intro
    assert_story_kept(article)


def test_a_claimed_line_longer_than_a_name_ends_the_list() -> None:
    article = clean(story("\n".join(["The apps fined last year were:", "Facebook", "Twitter", "Log in with Facebook"]),
                          where="middle"))
    assert "Twitter" in article.text.split("\n") and "Log in with Facebook" not in article.text
    assert [r.rule for r in article.removals] == ["social.login"]


@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_a_list_ends_where_its_layout_does_or_at_a_box_heading(sep: str) -> None:
    """Items stand in one block, or one paragraph each: what follows in another layout, or
    a related box's heading, is no item."""
    lines = [FINED, "Facebook", "Twitter", "Google"]
    raw = story(sep.join(lines), "Read more", "Related stories", "Councils face a funding gap",
                "Mayor resigns over expenses", where="tail")
    article = clean(raw)
    for line in lines:
        assert line in article.text
    for junk in ("Read more", "Related stories", "Councils face a funding gap", "Mayor resigns over expenses"):
        assert junk not in article.text, junk


def test_the_introduction_of_a_list_is_kept_from_later_passes() -> None:
    """`Document.keep`: the introduction and the items are story, and no pass marks them."""
    from cleaner.classify import classify
    from cleaner.engine import DEFAULT_CONFIG
    from cleaner.rules.base import Document

    doc: Document = classify(story("\n".join([FINED, "Facebook", "Twitter", "Google"]), where="tail"), DEFAULT_CONFIG)
    kept = [line for line in doc.lines if line.story]
    assert [line.norm for line in kept] == [FINED, "Facebook", "Twitter", "Google"]
    doc.mark_all(kept, structure.TAIL)
    assert not doc.mark(kept[0], structure.TAIL)
    assert all(line.label == "content" and line.rule is None for line in kept)


@pytest.mark.parametrize(
    "intro",
    [
        "Nations that did not sign up to the treaty include:",  # a prompt's verb, not opening the line
        "Companies that pledged to follow the new rules are:",
        "Countries that subscribe to the convention include:",
        "Pupils said they download homework apps from:",
    ],
)
def test_a_prompts_verb_inside_a_sentence_is_the_story_s(intro: str) -> None:
    article = clean(story("\n".join([intro, "Facebook", "Google", "Instagram"]), where="tail"))
    assert article.removals == [], [(r.rule, r.text) for r in article.removals]


def test_a_one_word_item_in_lower_case_is_an_item() -> None:
    lines = ["The wire services that carried the false report were:", "Reuters", "AFP", "AP", "dpa", "ANSA"]
    article = clean(story("\n".join(lines), where="middle"))
    assert article.removals == [], [(r.rule, r.text) for r in article.removals]


@pytest.mark.parametrize("intro", ["Stay connected, follow us on:", "Or jump to search for:"])
def test_prompts_further_in_the_line_announce_no_list(intro: str) -> None:
    article = clean(story("\n".join([intro, "Facebook", "Twitter", "Instagram"]), where="tail"))
    assert "Twitter" not in article.text.split("\n")


@pytest.mark.parametrize("closing", ["He was 47.", "She declined.", "Nobody answered.", "Nadie respondió.",
                                     "Nikt nie odpowiedział."])
def test_a_short_sentence_that_closes_the_story_is_kept_above_the_page_end(closing: str) -> None:
    """structure.tail takes short lines next to clutter after the story's last prose; a
    short sentence (a word first, a lower-case word after, a full stop) is the story's."""
    article = clean(story(closing, "RELATED: Council approves new bus routes", "© 2025 The Daily Planet",
                          where="tail"))
    assert closing in article.text
    assert_story_kept(article)
    assert "RELATED: Council approves new bus routes" not in article.text


def test_short_lines_after_the_story_are_still_tail_clutter() -> None:
    """Names, labels and figures in the footer ("Staff writer", "101 lbs.") stay tail clutter."""
    article = clean(story("Jane Doe", "Staff writer", "RELATED: Council approves new bus routes", where="tail"))
    assert "Staff writer" not in article.text and "Jane Doe" not in article.text
    assert_story_kept(article)


@pytest.mark.parametrize("result", [
    "Yes: 54%\nNo: 41%\nUndecided: 5%", "CDU/CSU 30 %, AfD 20 %, SPD 16 %", "Arsenal 2, Chelsea 1",
    "Real Madrid 2 - Barcelona 1", "PSG - OM : 3-0", "Pour : 52 %\nContre : 44 %",
])
def test_results_the_story_ends_on_are_kept_above_the_page_end(result: str) -> None:
    """A poll's shares or a match's score after the last sentence are the story's, not
    tail clutter, nor the title of the links box below them."""
    article = clean(story(result, "RELATED: Council approves new bus routes", "© 2025 The Daily Planet",
                          where="tail"))
    assert "\n\n".join(result.split("\n")) in article.text, [(r.rule, r.text) for r in article.removals]
    assert "RELATED: Council approves new bus routes" not in article.text
    assert_story_kept(article)


def test_a_result_in_a_fact_box_leaves_the_box_one_run() -> None:
    """A result is never marked, but stays in its run: a box of four short lines is no stray tail."""
    box = ["Key figures", "Turnout: 61%", "Seats: 650", "Majority needed: 326"]
    article = clean(story(*box, "RELATED: Council approves new bus routes", where="tail"))
    assert "structure.tail" not in {r.rule for r in article.removals}
    assert all(line in article.text for line in box[:3])


@pytest.mark.parametrize("promo", ["Save 20%", "49% OFF", "Hours: 9-5"])
def test_a_promotion_s_share_or_opening_hours_after_the_story_are_no_result(promo: str) -> None:
    article = clean(story(promo, "RELATED: Council approves new bus routes", "© 2025 The Daily Planet",
                          where="tail"))
    assert promo not in article.text
    assert_story_kept(article)


@pytest.mark.parametrize("footer", ["March 3, 2025", "Page 1 of 3", "02-751-1500", "12 comments", "101 lbs."])
def test_dates_counts_and_numbers_after_the_story_are_still_tail_clutter(footer: str) -> None:
    article = clean(story("Jane Doe", footer, "RELATED: Council approves new bus routes", where="tail"))
    assert footer not in article.text and "Jane Doe" not in article.text, [(r.rule, r.text) for r in article.removals]
    assert_story_kept(article)


@pytest.mark.parametrize("text, closing", [
    ("He was 47.", True), ("She declined.", True), ("Nobody answered.", True), ("Yes.", False),
    ("101 lbs.", False), ("42 in.", False), ("Jane Doe.", False), ("Staff Writer", False),
])
def test_what_reads_as_a_short_closing_sentence(text: str, closing: bool) -> None:
    """A word first and a lower-case word after it: "101 lbs." in a fact box must not
    split the box into short runs that the tail pass would take."""
    from cleaner.segment import segment

    line = segment(text)[0]
    assert structure._short_sentence(line) is closing


def test_a_japanese_sentence_is_not_taken_for_a_heading_over_an_ad() -> None:
    """A sentence written without spaces has few "words": its full stop (。) and length
    make it a sentence, not a heading whose section is an ad marker."""
    sentence = "市内では昨年、水道管の破裂による断水が１２件発生し、延べ３万世帯に影響が出た。"
    text = ("市の水道局は１日、老朽化した水道管の更新計画を発表した。総事業費は約３００億円で、２０３５年までに完了する予定だという。\n\n"
            f"{sentence}\n\n広告\n\n関係者によると、計画は来月の市議会で審議される見通しだ。")
    article = clean(text)
    assert sentence in article.text and "広告" not in article.text


@pytest.mark.parametrize("block", [
    "Zutaten für 4 Personen:\n\n500 g Mehl\n\n250 ml Milch\n\n3 Eier\n\n1 Prise Salz",
    "Results from Saturday:\n\nLiverpool 3, Everton 0\n\nManchester City 1, Tottenham 1",
])
def test_a_title_case_introduction_announces_a_list_of_figures(block: str) -> None:
    """German capitalises its nouns and English its days: an introduction in title case
    may be a label, but a list of quantities or results under it is the story's."""
    article = clean(story(block, "RELATED: Council approves new bus routes", where="tail"))
    for line in block.split("\n\n"):
        assert line in article.text
    assert_story_kept(article)


def test_a_title_case_label_over_names_or_fields_announces_no_list() -> None:
    """A box's items are names ("Politics", "Sport") or fields ("Phone: 316-831-6143")."""
    for block in ("Popular Sections At The Star:\nPolitics\nSport\nWeather",
                  "Station Contact Info:\nPhone: 316-831-6143\nFax: 316-831-6187"):
        doc = structure_document(story(block, "RELATED: Council approves new bus routes", where="tail"))
        assert not any(line.story for line in doc.lines)


def structure_document(raw: str):  # type: ignore[no-untyped-def]
    from cleaner.classify import classify
    from cleaner.config import Config

    return classify(raw, Config())
