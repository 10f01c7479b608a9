"""footer.*: copyright notices, source and attribution lines."""
from __future__ import annotations

import pytest

from .util import assert_kept, assert_removed


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
        "(Reporting by Tom Smith; Editing by Jane Doe)",
        "Additional reporting by Maria Silva in Lisbon.",
    ],
)
def test_sentences_about_copyright_and_sources_are_kept(sentence: str) -> None:
    assert_kept(sentence, where="tail")
