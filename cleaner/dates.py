"""Find dates and times in short header lines and turn them into ISO 8601.

Only what a timestamp line holds: a date in one of the common news forms, an
optional time and time zone, and filler words ("Updated", "Published on", "|").
`split_timestamp` says what is left of the line once those are taken out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import datetime, timedelta, timezone

from dateutil import parser as dateparser

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
_FOREIGN_RE = re.compile(rf"\b(?:{_FOREIGN})\b\.?", re.IGNORECASE)
_ENGLISH_MONTHS = ["", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|\.)?,?"
_TIME = (
    r"\d{1,2}:\d{2}(?::\d{2})?\s?(?:[ap]\.?\s?m\.?)?(?:\s?(?:[A-Z]{2,4}(?!\w)|GMT[+-]\d{1,2}|UTC[+-]\d{1,2}))?|"
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
_DATE_RE = re.compile(rf"\b(?:{_DATE})\b", re.IGNORECASE)
# What may stand between a date and its time: "Nov 17, 2017 | 05:57 pm", "à 14h05", "um 14:05".
_DATE_TIME_GAP = re.compile(r"(?:[\s,|/\-–—@·]|\b(?:at|à|às|um|alle|a las|ore|saat)\b)*", re.IGNORECASE)
_HAS_DIGIT = re.compile(r"\d")
_PARENS = re.compile(r"\([^()]{0,24}\)")
_TIME_RE = re.compile(rf"(?<![\d:])(?:{_TIME})(?![\d:])", re.IGNORECASE)
_FILLER_RE = re.compile(
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
    r"\d{1,3}|[\s|/•·,;:()\[\]\-–—+.]",
    re.IGNORECASE,
)

# Zone abbreviations news sites print; ambiguous US zones take standard time.
_ZONES = {
    "ET": -5, "EST": -5, "EDT": -4, "CT": -6, "CST": -6, "CDT": -5, "MT": -7, "MST": -7,
    "MDT": -6, "PT": -8, "PST": -8, "PDT": -7, "GMT": 0, "UTC": 0, "BST": 1, "CET": 1,
    "CEST": 2, "IST": 5.5, "HKT": 8, "SGT": 8, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11,
    "WIB": 7, "MSK": 3,
}
_TZINFOS = {k: timezone(timedelta(hours=v)) for k, v in _ZONES.items()}


@dataclass(frozen=True)
class Timestamp:
    iso: str | None  # ISO 8601 when the date had a year
    start: int
    end: int


def find_timestamp(text: str) -> Timestamp | None:
    """The first date in `text` (with a time right after it, if any)."""
    if len(text) > 300 or not _HAS_DIGIT.search(text):
        return None  # every date form has a digit; most lines do not
    m = _DATE_RE.search(text)
    if not m:
        return None
    end = m.end()
    t = _TIME_RE.search(text, end)
    if t and _DATE_TIME_GAP.fullmatch(text[end : t.start()]):
        end = t.end()
    # A time before the date ("05:57 pm, Nov 17, 2017", CNN's "0339 GMT (1139 HKT)
    # November 19, 2019") belongs to it too.
    start = m.start()
    before = _TIME_RE.search(text[:start])
    if before and not _PARENS.sub("", text[before.end() : start]).strip(" ,|/-–—"):
        start = before.start()
    return Timestamp(iso=_to_iso(text[start:end]), start=start, end=end)


@lru_cache(maxsize=4096)
def _to_iso(text: str) -> str | None:
    """ISO 8601 of a timestamp's text (cached: dateutil is slow and heads repeat dates)."""
    text = _PARENS.sub(" ", text)  # a second clock in brackets: "(1139 HKT)"
    if not re.search(r"\d{4}|\d{1,2}[./]\d{1,2}[./]\d{2}", text):
        return None  # no year: "Nov 9" cannot be placed in time
    dayfirst = bool(re.search(r"\d{1,2}\.\d{1,2}\.\d{2,4}", text)) or bool(
        re.match(r"\s*(\d{1,2})/\d{1,2}/", text) and int(re.match(r"\s*(\d{1,2})", text).group(1)) > 12
    )
    cleaned = _FOREIGN_RE.sub(lambda m: _ENGLISH_MONTHS[_FOREIGN_MONTH_NUMBER[m.group().rstrip(".").lower()]], text)
    cleaned = re.sub(r"\bde\b|\bà\b|\bás\b|\buhr\b", " ", cleaned, flags=re.IGNORECASE)
    cleaned = re.sub(r"\b([0-2]?\d)[hH]([0-5]\d)\b", r"\1:\2", cleaned)
    cleaned = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", cleaned)
    cleaned = re.sub(r"\b([ap])\.\s?m\.", r"\1m", cleaned, flags=re.IGNORECASE)
    cleaned = re.sub(r"\b(\d{2})(\d{2})\s?(GMT|UTC)\b", r"\1:\2 \3", cleaned)
    try:
        parsed = dateparser.parse(cleaned, fuzzy=True, dayfirst=dayfirst, tzinfos=_TZINFOS)
    except (ValueError, OverflowError, TypeError):
        return None
    has_time = bool(_TIME_RE.search(text))
    if not has_time:
        return parsed.date().isoformat()
    return parsed.isoformat()


def is_timestamp_only(text: str) -> bool:
    """A line that holds a date and nothing but times and filler words."""
    ts = find_timestamp(text)
    if ts is None:
        return False
    rest = text[: ts.start] + " " + text[ts.end :]
    # "Published 19 Nov 2019 - Updated 19 Nov 2019": a second date is filler too.
    second = find_timestamp(rest)
    if second is not None:
        rest = rest[: second.start] + " " + rest[second.end :]
    rest = _TIME_RE.sub(" ", rest)
    return not _FILLER_RE.sub("", rest).strip()


def remainder(text: str, ts: Timestamp) -> str:
    """`text` without the timestamp, its times and its filler words, trimmed."""
    rest = text[: ts.start] + " " + text[ts.end :]
    rest = _TIME_RE.sub(" ", rest)
    words = [w for w in re.split(r"[\s|•·,;()\[\]]+", rest) if w and not _FILLER_RE.fullmatch(w.rstrip(":") or w)]
    return " ".join(words).strip(" -–—/")
