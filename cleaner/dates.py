"""Find dates and times in short header lines and turn them into ISO 8601.

Only what a timestamp line holds: a date in one of the common news forms, an
optional time and time zone, and filler words ("Updated", "Published on", "|").
`split_timestamp` says what is left of the line once those are taken out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from datetime import datetime, timedelta, timezone, tzinfo

_MONTHS = (
    r"jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|"
    r"sep(?:t|tember|\.|t\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?"
)
# Month names of other languages, by month number. Only dates with a year use them
# ("20 novembre 2019", "20 de novembro de 2019"): "mai 5" or "set 3" alone are words.
_FOREIGN_MONTHS = {
    1: "januar janvier janv enero ene janeiro gennaio января ocak januari",
    2: "februar février févr febrero febr fevereiro fev febbraio февраля şubat februari",
    3: "märz mär mars marzo março марта mart maret maart",
    4: "avril avr abril aprile апреля nisan",
    5: "mai mayo maio maggio мая mayıs mei",
    6: "juni juin junio junho giugno июня haziran",
    7: "juli juillet juil julio julho luglio июля temmuz",
    8: "august août agosto августа ağustos agustus augustus ago agu",
    9: "septembre septiembre setiembre setembro settembre сентября eylül set",
    10: "oktober octobre octubre outubro ottobre октября ekim okt out",
    11: "novembre noviembre novembro ноября kasım",
    12: "dezember dez décembre déc diciembre dic dezembro dicembre декабря aralık desember des",
}
_FOREIGN_MONTH_NUMBER = {name: num for num, names in _FOREIGN_MONTHS.items() for name in names.split()}
_FOREIGN = "|".join(sorted(_FOREIGN_MONTH_NUMBER, key=len, reverse=True))


@lru_cache(maxsize=1)
def _foreign_months() -> re.Pattern[str]:
    """The other languages' month names (compiled when a text first holds one)."""
    return re.compile(rf"\b(?:{_FOREIGN})\b\.?", re.IGNORECASE)


# The words `_foreign_months` can match in ASCII text, lower-cased: "ı" matches "i" and "I"
# case-insensitively, other non-ASCII letters match no ASCII one. A word lookup tells
# whether an ASCII text needs the (slow) substitution at all.
_FOREIGN_ASCII = frozenset(
    folded for folded in (name.replace("ı", "i") for name in _FOREIGN_MONTH_NUMBER) if folded.isascii()
)
_WORD = re.compile(r"\w+")
_ENGLISH_MONTHS = ["", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|\.)?,?"
_TIME = (
    # a zone, or Spanish sites' "h" (horas): "10:14 h"
    r"\d{1,2}:\d{2}(?::\d{2})?\s?(?:[ap]\.?\s?m\.?)?(?:\s?(?:[A-Z]{2,4}(?!\w)|GMT[+-]\d{1,2}|UTC[+-]\d{1,2}|h(?!\w)))?|"
    r"\d{1,2}\.\d{2}\s?[ap]\.?\s?m\.?(?:\s?[A-Z]{2,4}(?!\w))?|"
    r"\d{1,2}\s?[ap]\.?m\.?(?:\s?[A-Z]{2,4}(?!\w))?|[0-2]\d[0-5]\d\s?(?:GMT|UTC)|"
    r"[0-2]?\d[hH][0-5]\d"  # French and Portuguese "14h05"
)
_DATE = (
    rf"(?:{_WEEKDAY}\s*)?(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
    rf"(?:{_WEEKDAY}\s*)?\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}|"
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?|"
    r"\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})|"
    rf"(?:{_WEEKDAY}\s*)?(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?|"
    rf"(?:{_MONTHS})\.?\s?(?:{_MONTHS})\s+\d{{1,2}},?\s+\d{{4}}|"
    rf"\d{{1,2}}\.?\s+(?:de\s+)?(?:{_FOREIGN})\.?,?\s+(?:de\s+)?\d{{4}}|"
    rf"\d{{1,2}}\.(?:{_MONTHS}|{_FOREIGN})\.?\d{{4}}"  # Folha: "19.nov.2019"
)
_DATE_SOURCE = rf"\b(?:{_DATE})\b"
# What may stand between a date and its time: "Nov 17, 2017 | 05:57 pm", "à 14h05", "um 14:05".
_DATE_TIME_GAP = re.compile(r"(?:[\s,|/\-–—@·]|\b(?:at|à|às|um|alle|a las|ore|saat)\b)*", re.IGNORECASE)
_HAS_DIGIT = re.compile(r"\d")
_PARENS = re.compile(r"\([^()]{0,24}\)")
_HAS_YEAR = re.compile(r"\d{4}|\d{1,2}[./]\d{1,2}[./]\d{2}")
_TIME_SOURCE = rf"(?<![\d:])(?:{_TIME})(?![\d:])"
_FILLER_SOURCE = (
    r"\b(?:updated|last updated|published|first published|posted|last modified|modified|created|"
    r"on|at|am|um|le|el|em|il|de|del|et|est|edt|pt|pst|pdt|ct|cst|cdt|mt|gmt|utc|ist|hkt|bst|cet|cest|"
    r"aest|jst|kst|wib|msk|date|time|today|yesterday|ago|hours?|hrs?|mins?|minutes?|seconds?|"
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?|"
    r"days?|weeks?|months?|years?|just now|aktualisiert|veröffentlicht|publié|mis à jour|"
    r"publicado|actualizado|atualizado|pubblicato|aggiornato|diperbarui|опубликовано|обновлено|"
    r"uhr|à|às|a las|alle|ore|há|hace|horas?|saat|назад|час\w*|mis|jour|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|"
    r"samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo|segunda|terça|quarta|quinta|"
    r"sexta|feira|senin|selasa|rabu|kamis|jumat|sabtu|minggu|pazartesi|salı|çarşamba|perşembe|cuma|"
    r"cumartesi|pazar|giriş|güncelleme|yayınlanma|yayın|tarihi|eastern|central|pacific|mountain|"
    r"standard|daylight)\b|"
    r"\d{1,3}|[\s|/•·,;:()\[\]\-–—+.]"
)


class AsciiCaseless:
    """A case-insensitive regex that searches ASCII text several times faster.

    `re` cannot skip ahead on a case-insensitive pattern: a search tries it at every
    position. On ASCII text the same pattern lower-cased, compiled with case, finds
    the same spans in the lower-cased text and skips ahead: ASCII letters pair only
    with each other, and a non-ASCII letter of the pattern that pairs with ASCII ones
    ("ı" with "i" and "I") becomes a class of them. Other text takes the pattern itself.
    Only spans mean the same on both paths: a match's text is lower-cased on one.
    """

    def __init__(self, source: str) -> None:
        if re.search(r"\\[xuUN]|\(\?P", source):
            raise ValueError("named groups and character escapes are not lower-cased safely")
        self.source = source

    # Both forms compile on first use: a process meets mostly one kind of text, and the
    # date pattern alone takes 10-15 ms to compile, a tenth of a fresh run's start-up.
    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The pattern itself, case-insensitive, for text that is not all ASCII."""
        return re.compile(self.source, re.IGNORECASE)

    @cached_property
    def ascii(self) -> re.Pattern[str]:
        """The lower-cased twin, compiled with case, for lower-cased ASCII text."""
        return re.compile(_ascii_lowered(self.source))

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        if text.isascii():
            return self.ascii.search(text.lower(), pos)
        return self.pattern.search(text, pos)


def _ascii_lowered(source: str) -> str:
    """`source` with ASCII letters lower-cased (escapes kept), for lower-cased ASCII text."""
    out, i, in_class = [], 0, False
    while i < len(source):
        ch = source[i]
        if ch == "\\":  # an escape ("\d", "\b", "\."): as it is
            out.append(source[i : i + 2])
            i += 2
            continue
        in_class = (in_class and ch != "]") or (not in_class and ch == "[")
        twins = "" if ch.isascii() else _ascii_twins(ch)
        if ch.isascii():
            out.append(ch.lower())
        elif twins:
            out.append(ch + twins if in_class else f"[{ch}{twins}]")
        else:
            out.append(ch)
        i += 1
    return "".join(out)


@lru_cache(maxsize=None)
def _ascii_twins(ch: str) -> str:
    """The ASCII letters `ch` matches case-insensitively ("ı": "i"), lower-cased.

    Cached: the patterns repeat their non-ASCII letters, and each test compiles."""
    pattern = re.compile(re.escape(ch), re.IGNORECASE)
    return "".join(c for c in "abcdefghijklmnopqrstuvwxyz" if pattern.fullmatch(c))


_DATE_SEARCH = AsciiCaseless(_DATE_SOURCE)
_TIME_SEARCH = AsciiCaseless(_TIME_SOURCE)
_FILLER_SEARCH = AsciiCaseless(_FILLER_SOURCE)

# Zone abbreviations news sites print; ambiguous US zones take standard time.
_ZONES = {
    "ET": -5, "EST": -5, "EDT": -4, "CT": -6, "CST": -6, "CDT": -5, "MT": -7, "MST": -7,
    "MDT": -6, "PT": -8, "PST": -8, "PDT": -7, "GMT": 0, "UTC": 0, "BST": 1, "CET": 1,
    "CEST": 2, "IST": 5.5, "HKT": 8, "SGT": 8, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11,
    "WIB": 7, "MSK": 3,
}
_TZINFOS = {k: timezone(timedelta(hours=v)) for k, v in _ZONES.items()}


def _zone(name: str | None, offset: int | None) -> tzinfo | None:
    """dateutil's `tzinfos` hook: a known abbreviation, else the offset printed, else none.

    A callable answers every zone name dateutil finds, so an unknown one ("HST") gives a
    naive time, as before, without dateutil's UnknownTimezoneWarning on stderr.
    """
    if name in _TZINFOS:
        return _TZINFOS[name]
    if offset is None:
        return None
    return timezone(timedelta(seconds=offset), name) if name else timezone(timedelta(seconds=offset))


@dataclass(frozen=True)
class Timestamp:
    iso: str | None  # ISO 8601 when the date had a year
    start: int
    end: int


@lru_cache(maxsize=4096)
def find_timestamp(text: str) -> Timestamp | None:
    """The first date in `text` (with a time right after it, if any).

    Cached: the head rules ask about the same lines more than once, and heads repeat.
    """
    if len(text) > 300 or not _HAS_DIGIT.search(text):
        return None  # every date form has a digit; most lines do not
    m = _DATE_SEARCH.search(text)
    if not m:
        return None
    end = m.end()
    t = _TIME_SEARCH.search(text, end)
    if t and _DATE_TIME_GAP.fullmatch(text[end : t.start()]):
        end = t.end()
    # A time before the date ("05:57 pm, Nov 17, 2017", CNN's "0339 GMT (1139 HKT)
    # November 19, 2019") belongs to it too.
    start = m.start()
    before = _TIME_SEARCH.search(text[:start])
    if before and not _PARENS.sub("", text[before.end() : start]).strip(" ,|/-–—"):
        start = before.start()
    return Timestamp(iso=_to_iso(text[start:end]), start=start, end=end)


def clear_caches() -> None:
    """Forget cached dates (for benchmarks: each pass pays for its own parsing)."""
    for cached in (find_timestamp, is_timestamp_only, _to_iso):
        cached.cache_clear()


@lru_cache(maxsize=4096)
def _to_iso(text: str) -> str | None:
    """ISO 8601 of a timestamp's text (cached: heads repeat dates)."""
    text = _PARENS.sub(" ", text)  # a second clock in brackets: "(1139 HKT)"
    if not _HAS_YEAR.search(text):
        return None  # no year: "Nov 9" cannot be placed in time
    cleaned, dayfirst = _for_parser(text)
    parsed = _fast_parse(cleaned, dayfirst)
    if parsed is None:  # not one of the common forms: let dateutil decide
        parsed = _dateutil_parse(cleaned, dayfirst)
        if parsed is None:
            return None
    has_time = bool(_TIME_SEARCH.search(text))
    if not has_time:
        return parsed.date().isoformat()
    return parsed.isoformat()


_DOTTED_DAY_FIRST = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}")
_SLASHED_DAY = re.compile(r"\s*(\d{1,2})/\d{1,2}/")
# Rewrites into dateutil's words, each with the strings (in the lower-cased text) one of
# which it needs to change anything: most timestamps need two or three of the five.
_PARSER_REWRITES = tuple(
    (re.compile(pattern, flags), replacement, needles)
    for pattern, flags, replacement, needles in (
        (r"\bde\b|\bà\b|\bás\b|\buhr\b", re.IGNORECASE, " ", ("de", "à", "ás", "uhr")),
        (r"\b([0-2]?\d)[hH]([0-5]\d)\b", 0, r"\1:\2", ("h",)),
        (r"(?<=\d)(?:st|nd|rd|th)\b", 0, "", ("st", "nd", "rd", "th")),
        (r"\b([ap])\.\s?m\.", re.IGNORECASE, r"\1m", ("m.",)),
        (r"\b(\d{2})(\d{2})\s?(GMT|UTC)\b", 0, r"\1:\2 \3", ("gmt", "utc")),
    )
)


def _for_parser(text: str) -> tuple[str, bool]:
    """`text` in the words dateutil knows (English months, "14:05", no ordinals), and dayfirst."""
    slashed = _SLASHED_DAY.match(text)
    dayfirst = bool(_DOTTED_DAY_FIRST.search(text)) or bool(slashed and int(slashed.group(1)) > 12)
    cleaned = text
    if not text.isascii() or any(word.lower() in _FOREIGN_ASCII for word in _WORD.findall(text)):
        cleaned = _foreign_months().sub(_english_month, text)
    # Case-insensitive matching pairs a few non-ASCII letters with ASCII ones ("ſ", "K"):
    # the needles are only trusted on ASCII text.
    lower = cleaned.lower() if cleaned.isascii() else None
    for pattern, replacement, needles in _PARSER_REWRITES:
        if lower is None or any(needle in lower for needle in needles):
            cleaned = pattern.sub(replacement, cleaned)
            lower = cleaned.lower() if cleaned.isascii() else None
    return cleaned, dayfirst


def _english_month(m: re.Match[str]) -> str:
    name = m.group().rstrip(".").lower()
    return _ENGLISH_MONTHS[_FOREIGN_MONTH_NUMBER.get(name) or _FOREIGN_MONTH_NUMBER[name.replace("i", "ı")]]


# dateutil fills a field the text lacks from its `default` (today's date unless given: an
# archive rebuilt on another day would differ). Parsed with two defaults that differ in
# every field of a date, a text that names its year, month and day gives one date.
_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))


def _dateutil_parse(cleaned: str, dayfirst: bool) -> datetime | None:
    """The reference parse (≈0.2 ms a call); `_fast_parse` must agree with it. None when the
    text lacks the year, the month or the day ("10:30 2019", "March 2019")."""
    from dateutil import parser as dateparser  # imported when a date needs it (a tenth of a start-up)

    try:
        first, second = (dateparser.parse(cleaned, fuzzy=True, dayfirst=dayfirst, tzinfos=_zone, default=default)
                         for default in _DEFAULTS)
    except (ValueError, OverflowError, TypeError):
        return None
    return first if first.date() == second.date() else None


# --- Fast path: the few forms news heads print, parsed exactly as dateutil would. ---
# dateutil's own month words (`parserinfo.MONTHS`, "Sept" included), written out so that
# the common forms parse without importing dateutil; tests/test_dates_fast.py checks them.
DATEUTIL_MONTHS = (
    ("Jan", "January"), ("Feb", "February"), ("Mar", "March"), ("Apr", "April"), ("May", "May"), ("Jun", "June"),
    ("Jul", "July"), ("Aug", "August"), ("Sep", "Sept", "September"), ("Oct", "October"), ("Nov", "November"),
    ("Dec", "December"),
)
_DU_MONTHS = {name.lower(): num for num, names in enumerate(DATEUTIL_MONTHS, 1) for name in names}
# Weekday words the date regex lets through; dateutil ignores a weekday when the day is known.
_WEEKDAY_WORDS = frozenset(
    a + b for a in ("mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun")
    for b in ("", "day", "nesday", "sday", "urday")
)
_ZONE_NAMES = "|".join(sorted(_TZINFOS, key=len, reverse=True))
# Zones are case-sensitive on purpose: dateutil only takes all-capital words as zones.
_F_TIME = (
    r"(?P<{p}h>\d{{1,2}}):(?P<{p}mi>\d{{2}})(?::(?P<{p}s>\d{{2}}))?"
    r"(?:\s?(?P<{p}ap>(?i:[ap]m)))?(?:\s(?P<{p}z>(?-i:" + _ZONE_NAMES + r")))?"
)
_F_DATE = (
    r"(?:(?P<wd>[A-Za-z]{3,9})\.?,?\s+)?"
    r"(?:(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<md>\d{1,2}),?\s+(?P<my>\d{4})"
    r"|(?P<dd>\d{1,2})\.?\s+(?P<dmon>[A-Za-z]{3,9})\.?,?\s+(?P<dy>\d{4})"
    r"|(?P<na>\d{1,2})(?P<nsep>[./])(?P<nb>\d{1,2})(?P=nsep)(?P<nc>\d{4}|\d{2})"
    r"|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})"
    r"(?:[T ](?P<ih>\d{2}):(?P<imi>\d{2})(?::(?P<is>\d{2})(?:\.(?P<ifr>\d+))?)?(?P<itz>Z|[+-]\d{2}:?\d{2})?)?)"
)
_F_GAP = r"(?:\s+|,\s*|\s+[|/\-–—·@]\s+|,?\s+at\s+)"
_FAST_RE = re.compile(
    r"\s*(?:" + _F_TIME.format(p="p") + r"(?:,\s*|\s+))?" + _F_DATE
    + r"(?:" + _F_GAP + _F_TIME.format(p="t") + r")?\s*"
)


def _fast_parse(cleaned: str, dayfirst: bool) -> datetime | None:
    """What dateutil makes of `cleaned`, for the common forms; None for anything else."""
    m = _FAST_RE.fullmatch(cleaned)
    if m is None:
        return None
    g = m.groupdict()
    clocks = (g["ph"] is not None) + (g["th"] is not None) + (g["ih"] is not None)
    if clocks > 1 or (g["ph"] is not None and g["wd"] is not None):
        return None  # two clocks, or a weekday after a clock: unusual, leave it to dateutil
    if g["wd"] is not None and g["wd"].lower() not in _WEEKDAY_WORDS:
        return None
    ymd = _fast_ymd(g, dayfirst)
    if ymd is None or ymd[0] < 1000:
        return None  # dateutil reads "0099" as the two-digit year 99: leave such years to it
    try:
        return datetime(*ymd, *_fast_clock(g), tzinfo=_fast_zone(g))
    except (ValueError, KeyError):  # out of range: dateutil's own error handling decides
        return None


def _fast_ymd(g: dict[str, str | None], dayfirst: bool) -> tuple[int, int, int] | None:
    """(year, month, day) as dateutil's `_ymd.resolve_ymd` settles them."""
    if g["mon"] is not None or g["dmon"] is not None:
        month = _DU_MONTHS.get((g["mon"] or g["dmon"] or "").lower())
        if month is None:
            return None
        return int(g["my"] or g["dy"] or 0), month, int(g["md"] or g["dd"] or 0)
    if g["iy"] is not None:
        return int(g["iy"]), int(g["im"] or 0), int(g["id"] or 0)
    a, b, c = int(g["na"] or 0), int(g["nb"] or 0), g["nc"] or ""
    if a > 31:
        return None
    year = int(c) if len(c) > 2 else _two_digit_year(int(c))
    if a > 12 or (dayfirst and b <= 12):
        return year, b, a
    return year, a, b


def _two_digit_year(year: int) -> int:
    """The year dateutil reads "19" as (its window around the current year)."""
    from dateutil import parser as dateparser

    return int(dateparser.DEFAULTPARSER.info.convertyear(year, False))


def _fast_clock(g: dict[str, str | None]) -> tuple[int, int, int, int]:
    """(hour, minute, second, microsecond); am/pm as dateutil applies it (not past 12)."""
    if g["ih"] is not None:
        frac = g["ifr"] or ""
        return int(g["ih"]), int(g["imi"] or 0), int(g["is"] or 0), int(frac.ljust(6, "0")[:6] or 0)
    p = "p" if g["ph"] is not None else "t"
    if g[p + "h"] is None:
        return 0, 0, 0, 0
    hour, ampm = int(g[p + "h"] or 0), (g[p + "ap"] or "").lower()
    if ampm and hour <= 12:
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
    return hour, int(g[p + "mi"] or 0), int(g[p + "s"] or 0), 0


def _fast_zone(g: dict[str, str | None]) -> timezone | None:
    """The clock's zone: an abbreviation of `_TZINFOS`, or an ISO offset."""
    zone = g["pz"] or g["tz"]
    if zone is not None:
        return _TZINFOS[zone]
    off = g["itz"]
    if off is None:
        return None
    if off == "Z":
        return _TZINFOS["UTC"]
    digits = off[1:].replace(":", "")
    delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return timezone(-delta if off[0] == "-" else delta)


@lru_cache(maxsize=4096)
def is_timestamp_only(text: str) -> bool:
    """A line that holds a date and nothing but times and filler words (cached)."""
    ts = find_timestamp(text)
    if ts is None:
        return False
    rest = text[: ts.start] + " " + text[ts.end :]
    # "Published 19 Nov 2019 - Updated 19 Nov 2019": a second date is filler too.
    second = find_timestamp(rest)
    if second is not None:
        rest = rest[: second.start] + " " + rest[second.end :]
    return _only_filler(rest)


def _only_filler(text: str) -> bool:
    """Whether `text` is nothing but times and filler words (see `AsciiCaseless`)."""
    if text.isascii():
        text = _TIME_SEARCH.ascii.sub(" ", text.lower())
        return not _FILLER_SEARCH.ascii.sub("", text).strip()
    text = _TIME_SEARCH.pattern.sub(" ", text)
    return not _FILLER_SEARCH.pattern.sub("", text).strip()


def remainder(text: str, ts: Timestamp) -> str:
    """`text` without the timestamp, its times and its filler words, trimmed."""
    rest = text[: ts.start] + " " + text[ts.end :]
    rest = _TIME_SEARCH.pattern.sub(" ", rest)
    filler = _FILLER_SEARCH.pattern
    words = [w for w in re.split(r"[\s|•·,;()\[\]]+", rest) if w and not filler.fullmatch(w.rstrip(":") or w)]
    return " ".join(words).strip(" -–—/")
