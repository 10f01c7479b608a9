"""links.*: related-article lines, read-more links, headline lists under a links heading."""
from __future__ import annotations

import pytest

from .util import assert_kept, assert_kept_anywhere, assert_removed, assert_story_kept, clean, story


@pytest.mark.parametrize(
    "line",
    [
        "RELATED: Trump says trade deal is close",
        "Read more: How the new budget affects your taxes",
        "READ MORE: Brexit talks stall again as deadline looms",
        "See also: The ten best hiking trails in Europe",
        "» Related: Inside the race to build a vaccine",
        "Lesen Sie auch: Was die Reform für Mieter bedeutet",
        "Leia também: Governo anuncia novo pacote de medidas",
        "Lee también: Las claves del acuerdo comercial",
        "Baca juga: Harga minyak turun tajam",
        "Читайте также: Что изменится в новом году",
        "Lire aussi : La réforme des retraites en cinq questions",
        "Leggi anche: Il governo approva la manovra",
        "İlgili haberler: Merkez Bankası faizi sabit tuttu",
        "Most read: Ten things we learned this week",
    ],
)
def test_related_link_line_is_removed(line: str) -> None:
    assert_removed(line, "links.related")


@pytest.mark.parametrize(
    "line",
    [
        "Read Full Story", "Continue reading", "Continue reading the main story", "Click here to read more",
        "Read the full article on our website", "This article originally appeared on The Conversation.",
        "Originally published on Live Science.", "Weiterlesen", "Lire la suite", "Leia mais", "Devamını oku",
        "View all comments", "Click here for more information about the event.",
        "More Great WIRED Stories", "Our Latest Stories", "More from UK", "More From the Los Angeles Times",
        "Explore further", "Top stories", "Most Read Articles", "More Coverage",
    ],
)
def test_read_more_line_is_removed(line: str) -> None:
    assert_removed(line, "links.read_more", where="tail")


def test_headlines_under_a_related_heading_are_a_link_list() -> None:
    block = "\n".join(["Related stories", "Fed holds rates steady", "Markets rally on trade hopes",
                       "Oil falls to two-month low"])
    article = clean(story(block))
    assert "links.list" in {r.rule for r in article.removals}
    for headline in ("Fed holds rates steady", "Markets rally on trade hopes", "Oil falls to two-month low"):
        assert headline not in article.text
    assert_story_kept(article)


@pytest.mark.parametrize(
    "sentence",
    [
        "Read more books, the minister urged parents at the launch of the literacy campaign.",
        "See also the section on pensions, which explains the new rules for early retirement.",
        "Continue reading the letter aloud, the judge told the defendant.",
        "Click here, the fake message said, and the malware installed itself on the phone.",
        "Related companies in the group were not affected by the sanctions, the ministry said.",
        "More than 200 people were evacuated from the building on Monday.",
        "Recommended doses vary by age, and children should take half the adult amount.",
        "Latest figures show unemployment fell to 3.9 percent in October.",
        "Trending downwards for a third month, prices are now at a two-year low.",
        "More on Friday.",
        "Top officials told reporters the news",
        "Our reporters spent a year on these stories",
    ],
)
def test_sentences_starting_with_link_words_are_kept(sentence: str) -> None:
    assert_kept(sentence)


def test_a_list_of_points_under_a_heading_is_not_a_link_list() -> None:
    assert_kept("What changes", "- Bus fares rise by 10 pence", "- Parking permits cost more",
                "- Libraries open on Sundays")


def test_topic_links_under_a_topics_heading_are_a_link_list() -> None:
    block = "\n".join(["Topics", "Boris Johnson", "Conservatives", "Scottish independence"])
    article = clean(story(block, where="tail"))
    assert "links.list" in {r.rule for r in article.removals}
    assert "Conservatives" not in article.text
    assert_story_kept(article)


@pytest.mark.parametrize("line", ["What to Read Next", "Explore more on these topics", "Most viewed", "Más información",
                                  "View original content to download multimedia: https://example.com/x.html",
                                  "More AP NBA: https://apnews.com/NBA"])
def test_more_link_headings_are_removed(line: str) -> None:
    article = clean(story(line))
    assert line not in article.text
    assert_story_kept(article)


def test_headlines_under_read_more_are_a_link_list() -> None:
    article = clean(story("READ MORE\nBolivia: Morales supporters block roads into La Paz\nMexico says asylum 'an act of humanity'"))
    assert "Morales supporters" not in article.text and "act of humanity" not in article.text
    assert {r.rule for r in article.removals} == {"links.read_more", "links.list"}


@pytest.mark.parametrize("heading", ["UP NEXT", "Up next"])
def test_an_up_next_section_heading_is_kept(heading: str) -> None:
    assert_kept(heading, "Knicks: At Denver on Wednesday.")


def test_sentences_under_read_more_are_kept() -> None:
    article = clean(story("Read more\nThe council will publish its report on Friday."))
    assert "The council will publish its report on Friday." in article.text


@pytest.mark.parametrize(
    "sentence",
    [
        'First published in 1951, the novel has sold 65 million copies.',
        'Click here to claim your refund, the fake message said.',
        'Latest: police said two people were arrested.',
        'Next: the council votes on the housing plan in May.',
        'Baca juga: laporan lengkap tersedia di situs kementerian.',
        'Originally published in Italian in 1980, The Name of the Rose became a global bestseller.',
        'First appeared in the Beano in 1951, Dennis the Menace is still drawn every week.',
    ],
)
def test_links_words_in_a_news_sentence_are_kept(sentence: str) -> None:
    assert_kept_anywhere(sentence)


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ('First published on November 19, 2019 / 8:16 AM', 'links.read_more'),
        ('Click here to read the full report', 'links.read_more'),
    ],
)
def test_links_lines_the_page_speaks_are_still_removed(line: str, rule: str) -> None:
    assert_removed(line, rule, where="tail")


@pytest.mark.parametrize("line", ["Más noticias", "Plus d'articles", "Notas relacionadas", "Popular in the Community"])
def test_other_publishers_link_box_headings_are_removed(line: str) -> None:
    assert_removed(line, "links.read_more", where="tail")


@pytest.mark.parametrize(
    "sentence",
    [
        "Read the full statement and it becomes clear the council had no choice, critics say.",
        "Listen to the whole interview and a different picture emerges, his lawyer argued.",
        "This article first appeared in the party's newsletter in 1978, the archive shows.",
    ],
)
def test_a_link_prompt_with_reported_speech_is_news(sentence: str) -> None:
    assert_kept_anywhere(sentence)


@pytest.mark.parametrize("line", ["Read the full story", "Read the full statement here",
                                  "This article first appeared in The Conversation."])
def test_link_prompts_without_reported_speech_still_go(line: str) -> None:
    assert_removed(line, "links.read_more", where="tail")


@pytest.mark.parametrize("line", ["Lees ook: Kabinet valt over stikstof", "Relacionado: El Gobierno aprueba el presupuesto",
                                  "Zobacz też: Sejm przyjął ustawę", "İlgili haber: Meclis bütçeyi kabul etti",
                                  "あわせて読みたい：新しい予算案"])
def test_related_labels_of_other_languages(line: str) -> None:
    assert_removed(line, "links.related")


def test_a_sentence_opening_with_a_related_label_word_is_kept() -> None:
    assert_kept_anywhere("Relacionado con el caso, el juez citó a tres testigos para el lunes.")


@pytest.mark.parametrize("line", ["À lire aussi", "Zobacz też", "Czytaj także", "Potrebbe interessarti anche",
                                  "Lees ook", "Potrebbe interessarti: Il governo approva la manovra"])
def test_related_labels_of_other_languages_are_removed(line: str) -> None:
    assert_removed(line, "links.read_more" if ":" not in line else "links.related", where="tail")


@pytest.mark.parametrize("sentence", [
    "À lire aussi les rapports de la Cour des comptes, on comprend que la dette inquiète.",
    "Zobacz też, jak zmieniły się ceny mieszkań w Warszawie w ostatnim roku.",
    "Potrebbe interessarti sapere che il museo resterà aperto fino a mezzanotte, ha detto il direttore.",
])
def test_sentences_opening_with_those_labels_are_kept(sentence: str) -> None:
    assert_kept_anywhere(sentence)
