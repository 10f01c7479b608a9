"""The fast date parser agrees with dateutil wherever it answers.

`cleaner.dates._fast_parse` handles the common head forms itself and returns None
for anything else (dateutil then decides). Wherever it answers, the answer must be
exactly dateutil's: same fields, same zone offset, same ISO text.
"""
from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.dates import _dateutil_parse, _fast_parse, _for_parser, _TZINFOS

WEEKDAYS = ["", "Monday ", "Monday, ", "Tue., ", "Tues ", "Thurs. ", "WEDNESDAY, ", "Sunday,", "Sun "]
DATES = [
    "Nov 19, 2019", "Nov. 19, 2019", "November 19 2019", "NOVEMBER 9, 2019", "Sept. 3, 2018", "Sep 30, 2018",
    "June 1, 1999", "Feb 29, 2020", "Feb 29, 2019", "Feb 30, 2020", "Jan 00, 2019", "Dec 31, 2019",
    "19 Nov 2019", "19 Nov, 2019", "19. November 2019", "1 Sept. 2018", "31 Apr 2019", "03 JUL 2017",
    "11/19/2019", "19/11/2019", "05/10/2018", "5/1/2018", "11/19/19", "19/11/19", "12/13/99", "13/12/01",
    "45/10/2019", "10/45/2019", "00/10/19", "19.11.2019", "05.10.2018", "5.1.19", "12.13.2018",
    "2019-11-19", "2019-13-01", "2019-11-19 10:05", "2019-11-19T10:05:07", "2019-11-19T10:05:07.25",
    "2019-11-19T10:05:07.1234567Z", "2019-11-19T10:05Z", "2019-11-19T10:05:07+05:30", "2019-11-19T10:05-0800",
    "2019-11-19T25:05", "2019-11-19T10:05:07+00:00", "0000-01-01",
]
GAPS = ["", " ", ", ", " | ", " / ", " - ", " – ", " at ", ", at ", " @ ", "  "]
TIMES = [
    "", "10:31", "10:31 pm", "10:31pm", "10:31 PM", "12:05 am", "12:05 pm", "0:05 am", "13:42pm", "07:47:12 AM",
    "24:00", "9:60", "4:10 pm PT", "11:04 am EST", "08:05 GMT", "19:09 UTC", "7:45 am IST", "7:45 am ist",
    "2:26 PM HST", "5:45 AM AEST", "10:18am ET", "10:00 Z",
]
TIME_FIRST = ["", "5:45 AM PST ", "03:39 GMT   ", "8:31 PM, ", "19:09 ", "11:11 PM EST, "]


def _agree(text: str) -> bool:
    """True when the fast path answered (and it agreed with dateutil); fails otherwise."""
    cleaned, dayfirst = _for_parser(text)
    fast = _fast_parse(cleaned, dayfirst)
    if fast is None:
        return False
    slow = _dateutil_parse(cleaned, dayfirst)
    assert slow is not None, text
    assert (fast.isoformat(), fast.tzinfo is None) == (slow.isoformat(), slow.tzinfo is None), text
    return True


def _generated() -> list[str]:
    out = [w + d + g + t for w, d, g, t in itertools.product(WEEKDAYS, DATES, GAPS, TIMES) if bool(g) == bool(t)]
    out += [f + w + d for f, w, d in itertools.product(TIME_FIRST, WEEKDAYS[:4], DATES)]
    return out


@pytest.mark.filterwarnings("ignore::dateutil.parser.UnknownTimezoneWarning")
def test_fast_path_agrees_on_generated_forms() -> None:
    texts = _generated()
    answered = sum(_agree(t) for t in texts)
    assert answered > len(texts) // 3  # the fast path does cover the common forms


@pytest.mark.filterwarnings("ignore::dateutil.parser.UnknownTimezoneWarning")
@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(WEEKDAYS), st.integers(0, 40), st.sampled_from(["Jan", "March", "Sept.", "dec", "May"]),
    st.integers(0, 2100), st.sampled_from(GAPS[1:]), st.integers(0, 25), st.integers(0, 61),
    st.sampled_from(["", " am", "pm", " PM"]), st.sampled_from([""] + [" " + z for z in _TZINFOS]),
    st.booleans(),
)
def test_fast_path_agrees_on_random_stamps(wd, day, month, year, gap, hour, minute, ampm, zone, day_first) -> None:
    date = f"{day} {month} {year:04d}" if day_first else f"{month} {day}, {year:04d}"
    _agree(f"{wd}{date}{gap}{hour}:{minute:02d}{ampm}{zone}")
    _agree(f"{day}/{hour}/{year % 100:02d}{gap}{hour}:{minute:02d}{ampm}{zone}")
    _agree(f"{day}.{hour}.{year:04d}")


# --- AsciiCaseless: lower-cased patterns on lower-cased ASCII text find the same spans. ---
_PIECES = [
    "Nov", "NOV", "nOv", "November", "19", "2019", "Sept.", "KASIM", "Kasim", "kasım", "MAYIS", "Aralik", "Ekim",
    "de", "DE", "Updated", "UPDATED", "at", "AT", "10:31", "pm", "PM", "p.m.", "GMT", "gmt", "EST", "14h05", "14H05",
    "0339 GMT", "(1139 HKT)", "Mon", "MONDAY", "ago", "hours", "Hours", "|", "/", ",", " ", " ", " ", ".", "-",
    "2019-11-19", "T10:05", "19.11.2019", "19.nov.2019", "ſept", "İ", "\u212a", "é", "’", "Posted by Jane",
]


def _caseless_texts(n: int, seed: int) -> list[str]:
    import random

    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 12))) for _ in range(n)]


def test_ascii_caseless_finds_the_spans_of_the_pattern() -> None:
    from cleaner.dates import _DATE_SEARCH, _FILLER_SEARCH, _TIME_SEARCH

    texts = _caseless_texts(20000, seed=4) + [d + g + t for d, g, t in itertools.product(DATES, GAPS, TIMES)]
    found = 0
    for search in (_DATE_SEARCH, _TIME_SEARCH, _FILLER_SEARCH):
        for text in texts:
            for pos in (0, 3):
                fast, slow = search.search(text, pos), search.pattern.search(text, pos)
                assert (fast and fast.span()) == (slow and slow.span()), (search.pattern.pattern[:40], text, pos)
                found += slow is not None
    assert found > 20000  # the texts do hold dates, times and filler
    assert sum(t.isascii() for t in texts) > 10000  # and most take the lower-cased path


def test_ascii_caseless_pairs_dotless_i_with_ascii_letters() -> None:
    from cleaner.dates import AsciiCaseless

    search = AsciiCaseless(r"\bkasım\b")
    assert search.ascii.pattern == r"\bkas[ıi]m\b"
    for text in ("19 KASIM 2019", "19 Kasim", "19 kasım 2019"):
        assert search.search(text) is not None, text
    with pytest.raises(ValueError):
        AsciiCaseless(r"(?P<month>nov)")
    with pytest.raises(ValueError):
        AsciiCaseless(r"\x41")


def test_only_filler_is_the_plain_substitution() -> None:
    from cleaner.dates import _FILLER_SEARCH, _TIME_SEARCH, _only_filler

    texts = _caseless_texts(20000, seed=9)
    only = 0
    for text in texts:
        plain = not _FILLER_SEARCH.pattern.sub("", _TIME_SEARCH.pattern.sub(" ", text)).strip()
        assert _only_filler(text) == plain, text
        only += plain
    assert 100 < only < len(texts) - 100


def test_the_month_words_written_out_are_dateutils() -> None:
    from dateutil import parser

    from cleaner.dates import DATEUTIL_MONTHS

    assert [tuple(names) for names in parser.parserinfo.MONTHS] == list(DATEUTIL_MONTHS)


def test_a_plain_date_parses_without_importing_dateutil() -> None:
    """The common forms take the fast path; dateutil loads only for the others."""
    import subprocess
    import sys

    code = ("import sys\nfrom cleaner.dates import find_timestamp\n"
            "print(find_timestamp('Nov 19, 2019 10:31 pm EST').iso, 'dateutil' in sys.modules)\n"
            "print(find_timestamp('Posted 19/11/19 at 10:31').iso, 'dateutil' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[0].endswith(" False")
    assert out.splitlines()[1].endswith(" True")
