"""head.*: title, byline, timestamps and publisher at the head; repeated titles; dates after the story."""
from __future__ import annotations

import pytest

from .util import HEAD, TITLE, assert_kept, assert_kept_anywhere, assert_removed, assert_story_kept, clean, story


def test_zone_reads_the_title_and_keeps_it_in_the_text() -> None:
    """head.zone: a first line that is not a sentence is the title."""
    article = clean(story())
    assert article.title == TITLE
    assert article.text.startswith(TITLE + "\n\n")


def test_zone_finds_no_title_when_the_text_opens_with_a_sentence() -> None:
    article = clean("\n\n".join(HEAD) + "\n")
    assert article.title is None
    assert article.removals == []


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("By Jane Smith", "Jane Smith"),
        ("By Jane Smith, Reuters", "Jane Smith, Reuters"),
        ("By JANE SMITH | Nov. 19, 2019", "JANE SMITH"),
        ("Von Anna Müller", "Anna Müller"),
        ("Por María López", "María López"),
        ("Par Jean Dupont", "Jean Dupont"),
        ("Written by Tom Jones", "Tom Jones"),
        ("Analysis by Chris Cillizza, CNN Editor-at-large", "Chris Cillizza, CNN Editor-at-large"),
        ("| by Olivia Larsen", "Olivia Larsen"),
        ("11/19/2019 by Lars Brandle", "Lars Brandle"),
        ("Monday November 18, 2019 7:45 am PST by Joe Rossignol", "Joe Rossignol"),
        ("Tom Gillespie, news reporter", "Tom Gillespie"),
        ("March 3, 2025 | By John H Smith", "John H Smith"),  # "h" after a time is "horas", not an initial
    ],
)
def test_byline_at_the_head_becomes_metadata(line: str, name: str) -> None:
    article = assert_removed(line, "head.byline", where="head")
    assert article.byline == name


@pytest.mark.parametrize("label", ["Opinion Columnist", "Senior Contributor", "CBS Sports Writer", "Staff writer"])
def test_role_label_at_the_head_is_removed(label: str) -> None:
    assert_removed(label, "head.byline", where="head")


def test_timestamp_first_line_is_not_the_title() -> None:
    article = clean("Nov. 20, 2019 5:52 AM EST\n\n" + story())
    assert article.title == TITLE
    assert article.published == "2019-11-20T05:52:00-05:00"


def test_byline_with_date_sets_both() -> None:
    article = assert_removed("By Phil Helsel November 19, 2019, 7:47 PM EST", "head.byline", where="head")
    assert article.byline == "Phil Helsel"
    assert article.published == "2019-11-19T19:47:00-05:00"


def test_by_on_its_own_line_takes_the_name_below() -> None:
    article = clean(story("By\nJane Smith", where="head"))
    assert article.byline == "Jane Smith"
    assert "Jane Smith" not in article.text
    assert_story_kept(article)


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Updated 0339 GMT (1139 HKT) November 19, 2019", "2019-11-19T03:39:00+00:00"),
        ("November 19, 2019 5:52 AM EST", "2019-11-19T05:52:00-05:00"),
        ("Published: 19 November 2019", "2019-11-19"),
        ("2019-11-19T10:00:00Z", "2019-11-19T10:00:00+00:00"),
        ("Mon 18 Nov 2019 12.00 GMT", "2019-11-18"),
        ("- 22.11.2017", "2017-11-22"),
        ("Updated: Sat 8:31 PM, Feb 17, 2018", "2018-02-17T20:31"),
        ("Wednesday 20 November 2019 9:22 am", "2019-11-20T09:22"),
    ],
)
def test_timestamp_at_the_head_becomes_metadata(line: str, iso: str) -> None:
    article = assert_removed(line, "head.timestamp", where="head")
    assert article.published is not None and article.published.startswith(iso)


def test_publisher_and_date_line() -> None:
    article = assert_removed("Business Insider, 21 Nov 2017", "head.timestamp", where="head")
    assert article.publisher == "Business Insider"
    assert article.published == "2017-11-21"


def test_wire_dateline_names_the_publisher_and_stays() -> None:
    article = assert_kept()
    assert article.publisher == "Reuters"
    assert article.text.split("\n\n")[1].startswith("LONDON, March 3 (Reuters) -")


def test_duplicate_title_below_the_byline_is_removed() -> None:
    article = clean(story("By Jane Smith", TITLE, where="head"))
    assert [r.rule for r in article.removals] == ["head.byline", "head.duplicate_title"]
    assert article.text.count(TITLE) == 1
    assert_story_kept(article)


def test_timestamp_after_the_story_is_removed() -> None:
    assert_removed("Updated November 20, 2019", "head.tail_timestamp", where="tail")


@pytest.mark.parametrize(
    "sentence",
    [
        "By the end of the year, the company expects profits to double.",
        "By Tuesday, officials said, the storm will have passed.",
        "By 2030 the city aims to be carbon neutral.",
        "November 19, 2019 was the day everything changed for the team.",
        "On Monday, November 18, the council met for six hours.",
        "The Reporter",
        "Reporters",
    ],
)
def test_head_sentences_that_start_like_metadata_are_kept(sentence: str) -> None:
    article = assert_kept(sentence, where="head")
    assert article.byline is None


def test_a_byline_deep_in_the_story_is_story_text() -> None:
    article = assert_kept("By Jane Smith", where="middle")
    assert article.byline is None


def test_a_name_alone_beside_a_timestamp_is_the_byline() -> None:
    article = clean(story("LISA MASCARO", "Updated November 19, 2019, 3:42 PM", where="head"))
    assert article.byline == "LISA MASCARO"
    assert "LISA MASCARO" not in article.text
    assert_story_kept(article)


def test_a_name_heading_without_head_metadata_is_kept() -> None:
    assert_kept("Early Years", where="middle")
    assert_kept("Maria Jensen", where="head")


def test_section_label_above_the_headline_is_removed() -> None:
    article = clean("Opinion\n\n" + story())
    assert [r.rule for r in article.removals] == ["head.kicker"]
    assert article.title == TITLE


def test_counts_among_the_head_metadata_are_removed() -> None:
    article = clean(story("Jane Whitfield", "Nov 19, 2019", "48", "12", where="head"))
    assert {r.rule for r in article.removals} == {"head.byline", "head.timestamp", "head.counter"}
    assert_story_kept(article)


def test_a_number_alone_in_the_story_is_kept() -> None:
    assert_kept("48", where="middle")


@pytest.mark.parametrize("line", ["Publié le 19 novembre 2019 à 14h05 - Mis à jour le 19 novembre 2019 à 15h10",
                                  "Giriş Tarihi: 19.11.2019 14:05", "19.nov.2019 às 14h05",
                                  "November 19, 2019 04:05 PM Eastern Standard Time",
                                  "India News | Press Trust of India | Updated: November 19, 2019 2:05 pm IST"])
def test_more_timestamp_forms_at_the_head_are_removed(line: str) -> None:
    article = clean(story(line, where="head"))
    assert line not in article.text
    assert article.published and article.published.startswith("2019-11-19")


def test_kompas_penulis_is_a_byline() -> None:
    article = clean(story("Penulis Mutia Fauzia", where="head"))
    assert article.byline == "Mutia Fauzia"


def test_publisher_and_updated_colon_timestamp_at_the_head_is_removed() -> None:
    line = "New Delhi, News Nation Bureau | Updated : 19 November 2019, 09:01 AM"
    article = clean(story(line, where="head"))
    assert line not in article.text


@pytest.mark.parametrize(
    "sentence",
    [
        'By Friday, she said, "it will all be over."',
        'Di Maio called the result "a disaster."',
        'Von Trier called it "my best film."',
        "June 23, 2016: Brexit Referendum",
        "March 8: International Women's Day",
    ],
)
def test_sentences_and_timeline_entries_at_the_head_are_no_byline_or_dateline(sentence: str) -> None:
    assert_kept(sentence, where="head")


@pytest.mark.parametrize(("line", "rule"), [("By Jane Doe, Reuters", "head.byline"),
                                            ('By James "Jim" Smith', "head.byline"),
                                            ("By Dwayne “The Rock” Johnson, Reuters", "head.byline"),
                                            ("Business Insider, 21 Nov 2017", "head.timestamp")])
def test_bylines_and_publisher_datelines_are_still_read(line: str, rule: str) -> None:
    assert_removed(line, rule, where="head")


@pytest.mark.parametrize(
    "line",
    ["Published 2 hours ago", "5 min ago", "Posted 3h ago", "Yesterday at 10:00", "Updated 3:04 PM ET",
     "Updated at 1:23 p.m.", "Just now", "Atualizado há 2 horas", "2 saat önce", "2 часа назад", "2 jam yang lalu"],
)
def test_a_time_with_no_date_is_removed(line: str) -> None:
    assert_removed(line, "head.relative_time", where="middle")


def test_a_time_with_no_date_is_removed_at_the_head_and_tail_too() -> None:
    for where in ("head", "tail"):
        for line in ("Published 2 hours ago", "Updated 3:04 PM ET", "2 saat önce"):
            article = clean(story(line, where=where))
            assert "head.relative_time" in {r.rule for r in article.removals if line in r.text}


@pytest.mark.parametrize(
    "sentence",
    ["Two hours ago, the river burst its banks.", "5 minutes ago the fire was out, a witness said.",
     "Updated 2 hours ago by the council, the map shows the flood zones."],
)
def test_sentences_about_a_while_ago_are_kept(sentence: str) -> None:
    assert_kept_anywhere(sentence)


@pytest.mark.parametrize("line", [
    "Last updated: March 3, 2025 at 10:14 a.m. ET", "Aktualisiert am 03.03.2025, 10:14 Uhr",
    "Mis à jour le 3 mars 2025 à 10h14", "Published: Monday, March 3, 2025 10:14 AM", "Atualizado em 03/03/2025 à 10h14",
    "Actualizado: 03/03/2025 10:14 h",
])
def test_a_labelled_publication_or_update_time_is_removed_anywhere(line: str) -> None:
    assert_removed(line, "head.stamp")


@pytest.mark.parametrize("sentence", [
    "Updated figures released on March 3, 2025 showed the deficit had narrowed, the treasury said.",
    "Published in March 2025, the report found that rents had doubled in a decade.",
    "Aktualisiert am 3. März 2025 wurde auch der Fahrplan der Straßenbahn, teilte die Stadt mit.",
])
def test_a_sentence_opening_with_those_labels_is_kept(sentence: str) -> None:
    assert_kept_anywhere(sentence)
