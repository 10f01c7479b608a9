"""footer.*: copyright notices, source and attribution lines."""
from __future__ import annotations

import pytest

from .util import assert_kept, assert_kept_anywhere, assert_removed, assert_story_kept, clean, story


@pytest.mark.parametrize(
    "line",
    [
        "© 2019 The Associated Press. All rights reserved.",
        "Copyright 2019 Reuters",
        "All Rights Reserved.",
        "This material may not be published, broadcast, rewritten or redistributed.",
        "(c) Copyright Thomson Reuters 2019",
        "© Reuters",
        "Copyright © 2019 Hawaii News Now. All rights reserved.",
        "COPYRIGHT 2019 CREATORS.COM",
        "© 2019 Guardian News & Media Limited or its affiliated companies. All rights reserved.",
    ],
)
def test_copyright_notice_is_removed(line: str) -> None:
    assert_removed(line, "footer.copyright", where="tail")


@pytest.mark.parametrize(
    "line",
    [
        "Source: Reuters", "Kaynak: AA", "Kaynak/Source:", "Quelle: dpa", "Fuente: EFE", "Sumber: Antara",
        "Источник: ТАСС", "With files from The Canadian Press", "Have a news tip? Email us at tips@example.com",
        "Spotted an error? Let us know.",
    ],
)
def test_source_line_is_removed(line: str) -> None:
    assert_removed(line, "footer.source", where="tail")


@pytest.mark.parametrize(
    "sentence",
    [
        "The copyright lawsuit was filed in 2019 by the author's estate.",
        "Copyright holders will be paid under the new rules, the EU said.",
        "The studio said all rights reserved by the author would pass to her children.",
        "Sources said the deal could be announced as early as Monday.",
        "Source code for the app was leaked online, the company confirmed.",
        "Source: the ministry said the figures were provisional.",
        "Sources: two officials familiar with the matter.",
        "All rights reserved, the company said of its trademark, would be enforced.",
        "(Reporting by Tom Smith; Editing by Jane Doe)",
        "Additional reporting by Maria Silva in Lisbon.",
    ],
)
def test_sentences_about_copyright_and_sources_are_kept(sentence: str) -> None:
    assert_kept(sentence, where="tail")


@pytest.mark.parametrize(
    "line",
    [
        "Write to Al Root at allen.root@example.com",
        "Email Tariq Malik at tmalik@example.com or follow him @tariqjmalik.",
        "Reach the reporters on Twitter at http://twitter.com/janedoe and http://twitter.com/jsmith",
        "jane.doe@example.com",
        "twitter.com/janedoe",
    ],
)
def test_contact_line_is_removed(line: str) -> None:
    assert_removed(line, "footer.contact", where="tail")


@pytest.mark.parametrize(
    "line",
    [
        "Opinions expressed by Forbes Contributors are their own.",
        "The views expressed in this article are those of the author and do not reflect the paper's position.",
        "Citation: Astronauts would need smaller spacecraft (2019, November 18) retrieved 20 November 2019 "
        "from https://phys.org/news/2019-11-astronauts.html",
        "This document is subject to copyright. Apart from any fair dealing, no part may be reproduced.",
    ],
)
def test_disclaimer_is_removed(line: str) -> None:
    assert_removed(line, "footer.disclaimer", where="tail")


def test_author_bio_of_the_byline_is_removed() -> None:
    article = clean(story("By Phil Helsel", where="head").rstrip("\n") + "\n\nPhil Helsel is a reporter for NBC News.\n")
    assert [r.rule for r in article.removals] == ["head.byline", "footer.author_bio"]
    assert_story_kept(article)


def test_author_bio_under_about_heading_is_removed() -> None:
    bio = "Brigit Katz is a freelance writer based in Toronto. Her work has appeared in many publications."
    article = clean(story("About Brigit Katz", bio, where="tail"))
    assert [r.rule for r in article.removals] == ["footer.author_bio"]
    assert bio not in article.text and "About Brigit Katz" not in article.text


@pytest.mark.parametrize(
    "sentence",
    [
        "Contact Smith at the hospital, the nurse told the family.",
        "Email remains the main way staff reach each other at the council, the report found.",
        "Opinions expressed at the meeting were divided, the chairman said.",
        "Jensen is a former reporter who was elected to the council in 2015.",
        "Maria Jensen was a writer before she entered politics, and still writes a weekly column.",
    ],
)
def test_sentences_about_contacts_and_writers_are_kept(sentence: str) -> None:
    assert_kept(sentence, where="tail")


def test_bio_under_about_the_author_needs_no_job_title() -> None:
    bio = "Jane Doe covers city hall for the Gazette. Reach her at the newsroom."
    article = clean(story("About the Author", bio, where="tail"))
    assert [r.rule for r in article.removals] == ["footer.author_bio"]
    assert_story_kept(article)


def test_a_closing_sentence_about_a_person_in_the_story_is_kept() -> None:
    assert_kept("Jensen joined the council in 2015 and has led it since 2019.", where="tail")


@pytest.mark.parametrize(
    "line",
    [
        "Copyright Folha de S.Paulo. Todos os direitos reservados. É proibida a reprodução do conteúdo desta página.",
        "La reproduction totale ou partielle d’un article, sans l’autorisation écrite et préalable du Monde, est strictement interdite.",
        "SOURCE Acme Robotics",
        "Published by Dayton Daily News on Nov. 19, 2019.",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "The views expressed in this commentary are her own.",
        "(Except for the headline, this story has not been edited by NDTV staff and is published from a syndicated feed.)",
        "A version of this article appears in print on Nov. 20, 2019, Section B, Page 1 of the New York edition.",
        "Media Contact:",
        "Written by Carlos Mendes",
    ],
)
def test_other_publishers_footers_are_removed(line: str) -> None:
    article = clean(story(line, where="tail"))
    assert " ".join(line.split()) not in article.text
    assert_story_kept(article)


@pytest.mark.parametrize(
    "sentence",
    [
        "Source code for the app was published by the researchers on GitHub.",
        "Published by Penguin in 1998, the novel sold two million copies.",
        "Written by Shakespeare around 1600, the play is rarely staged.",
        "The views expressed in the survey were mixed, the pollster said.",
        "A version of the bill passed the House last year.",
    ],
)
def test_sentences_like_other_footers_are_kept(sentence: str) -> None:
    assert_kept(sentence, where="tail")


def test_an_organisation_s_about_section_is_not_an_author_bio() -> None:
    assert_kept("About Acme Robotics", "Acme Robotics builds robots for warehouses and is based in San Jose.",
                where="tail")
    assert_kept("About the Greenfield Library", "The Greenfield Library has served the town since 1880.",
                where="tail")


@pytest.mark.parametrize(
    "sentence",
    [
        'No part of this plan involves closing libraries, Jensen said.',
        'The material may not be published until the trial ends, the judge ruled.',
        'The 1976 contract left all rights reserved to the label, the court heard.',
        'With input from teachers and parents, the plan was redrawn twice.',
        'Published in Nature on Wednesday, the study tracked 400 bees.',
        'Got a tip from a neighbour, police said, and raided the house.',
        'Opinions expressed by the judge are his own, the court said in a statement.',
    ],
)
def test_footer_words_in_a_news_sentence_are_kept(sentence: str) -> None:
    assert_kept_anywhere(sentence)


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ('This material may not be published, broadcast, rewritten or redistributed.', 'footer.copyright'),
        ('No part of this publication may be reproduced without permission.', 'footer.copyright'),
        ('With files from The Canadian Press', 'footer.source'),
        ('Posted by EditorDavid from the time-to-go-outside dept.', 'footer.source'),
        ('Got a tip? Email us at tips@example.com', 'footer.source'),
    ],
)
def test_footer_lines_the_page_speaks_are_still_removed(line: str, rule: str) -> None:
    assert_removed(line, rule, where="tail")


@pytest.mark.parametrize(
    "line", ["Todos os direitos reservados", "RIPRODUZIONE RISERVATA", "Alle Rechte vorbehalten.",
             "Hak Cipta © 2020 Kompas.com", "Tüm hakları saklıdır."],
)
def test_rights_notices_alone_in_other_languages_are_removed(line: str) -> None:
    assert_removed(line, "footer.copyright", where="tail")


@pytest.mark.parametrize(
    "sentence",
    [
        "All rights reserved by the estate will revert to the family in 2030, the lawyer said.",
        "Send us your receipts, the tax office told small businesses.",
    ],
)
def test_footer_words_in_reported_speech_are_news(sentence: str) -> None:
    assert_kept_anywhere(sentence)


@pytest.mark.parametrize(
    ("line", "rule"),
    [("All rights reserved.", "footer.copyright"), ("Example Media Group. All rights reserved.", "footer.copyright"),
     ("Send us your tips at tips@example.com", "footer.source")],
)
def test_footer_lines_without_reported_speech_still_go(line: str, rule: str) -> None:
    assert_removed(line, rule, where="tail")


@pytest.mark.parametrize("sentence", [
    "Copyright 2023 was a record year for music royalties, the industry body said.",
    "All rights reserved was printed on every leaflet, the court heard.",
])
def test_copyright_words_opening_a_reported_sentence_are_news(sentence: str) -> None:
    assert_kept_anywhere(sentence)
