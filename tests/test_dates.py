"""Dates: timestamps found in head lines, turned into ISO 8601."""
from __future__ import annotations

from datetime import datetime

import pytest

from cleaner.dates import find_timestamp, is_timestamp_only, remainder


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("November 17, 2017 | 05:57 pm PT", "2017-11-17T17:57:00-08:00"),
        ("Nov. 20, 2019 5:52 AM EST", "2019-11-20T05:52:00-05:00"),
        ("21 Nov 2017", "2017-11-21"),
        ("22.11.2017", "2017-11-22"),
        ("2019-11-19T10:00:00Z", "2019-11-19T10:00:00+00:00"),
        ("Updated 0339 GMT (1139 HKT) November 19, 2019", "2019-11-19T03:39:00+00:00"),
        ("Monday, November 18, 2019, 04:05 pm PT", "2019-11-18T16:05:00-08:00"),
        ("05:57 pm, Nov 17, 2017", "2017-11-17T17:57:00"),
        ("Published: 19 November 2019", "2019-11-19"),
        ("11/19/2019", "2019-11-19"),
        ("19/11/2019", "2019-11-19"),
        # Foreign months in any case: "KASIM" is "kasım" to case-insensitive matching.
        ("20 novembre 2019 à 14h05", "2019-11-20T14:05"),
        ("19 KASIM 2019", "2019-11-19"),
        ("19 Kasım 2019", "2019-11-19"),
        ("20 de Novembro de 2019", "2019-11-20"),
        ("Aktualisiert am 19. NOVEMBER 2019, 14:05 Uhr", "2019-11-19T14:05"),
    ],
)
def test_timestamp_to_iso(text: str, iso: str) -> None:
    ts = find_timestamp(text)
    assert ts is not None and ts.iso is not None
    assert ts.iso.startswith(iso)


def test_a_date_without_a_year_has_no_iso() -> None:
    ts = find_timestamp("BEIRUT, Nov 9 (Reuters) - Syria's army declared victory")
    assert ts is not None and ts.iso is None


@pytest.mark.parametrize(
    "text", ["Updated November 20, 2019", "Nov. 20, 2019 5:52 AM EST", "- 22.11.2017", "Posted: Nov 18, 2019 at 7:45 am"]
)
def test_timestamp_only_lines(text: str) -> None:
    assert is_timestamp_only(text)


@pytest.mark.parametrize(
    "text",
    ["November 19, 2019 was the day everything changed.", "Business Insider, 21 Nov 2017", "The vote on Nov 20, 2019"],
)
def test_lines_with_more_than_a_timestamp(text: str) -> None:
    assert not is_timestamp_only(text)


def test_remainder_is_the_publisher() -> None:
    text = "Business Insider, 21 Nov 2017"
    ts = find_timestamp(text)
    assert ts is not None
    assert remainder(text, ts) == "Business Insider"


def test_no_date_and_overlong_text() -> None:
    assert find_timestamp("No date in this line at all") is None
    assert find_timestamp("November 19, 2019 " + "x" * 400) is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("20 ноября 2019, 14:05", "2019-11-20T14:05"),
        ("Publié le 20 novembre 2019 à 14h05", "2019-11-20T14:05"),
        ("20 de novembro de 2019", "2019-11-20"),
        ("20. November 2019, 14:05 Uhr", "2019-11-20T14:05"),
        ("Mittwoch, 20. März 2019", "2019-03-20"),
        ("20 Kasım 2019", "2019-11-20"),
        ("Rabu, 20 Desember 2019 14:05 WIB", "2019-12-20T14:05"),
        ("20 dicembre 2019", "2019-12-20"),
    ],
)
def test_dates_in_other_languages(text: str, iso: str) -> None:
    ts = find_timestamp(text)
    assert ts is not None and ts.iso is not None and ts.iso.startswith(iso)
    assert is_timestamp_only(text)


def test_foreign_month_words_without_a_year_are_not_dates() -> None:
    assert find_timestamp("The set 3 went to the champion") is None


@pytest.mark.parametrize("text", ["November 19, 2019 10:05 AM HST", "Posted Nov. 19, 2019 at 10:05 a.m. HST",
                                  "19 Nov 2019 10:05 XYZ"])
def test_unknown_zone_names_give_a_local_time_and_no_warning(text: str) -> None:
    """dateutil warns (UnknownTimezoneWarning, on stderr) about zones it does not know;
    the library asks it through a tzinfos hook, so nothing is printed."""
    import warnings

    from cleaner.dates import clear_caches

    clear_caches()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ts = find_timestamp(text)
    assert ts is not None and ts.iso == "2019-11-19T10:05:00"
    assert [str(w.message) for w in caught] == []


def test_numeric_offsets_still_parse() -> None:
    from cleaner.dates import _dateutil_parse

    assert _dateutil_parse("Nov 19 2019 10:05 +0300", False).isoformat() == "2019-11-19T10:05:00+03:00"
    assert _dateutil_parse("Nov 19 2019 10:05 UTC+2", False) is not None


def test_a_field_the_text_lacks_never_comes_from_today() -> None:
    """dateutil fills what a text lacks from today by default: a rebuild on another day
    would archive another date. A text without its month or day gives no date at all."""
    from cleaner.dates import _dateutil_parse

    assert _dateutil_parse("10:30 2019", False) is None
    assert _dateutil_parse("March 2019", False) is None
    assert _dateutil_parse("19 March 2019 10:30", False) == datetime(2019, 3, 19, 10, 30)
