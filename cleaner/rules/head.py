"""The head of the article: title, byline, timestamps, publisher, duplicated titles.

Bylines, datelines and timestamps standing on their own lines at the head are
removed from the body and kept as metadata. The head zone is the first lines up to
the third prose paragraph: a "By ..." line deep in the story is story text. The
title (a first line that is not a sentence) is kept in the text and recorded as
metadata; later copies of it are removed.
"""
from __future__ import annotations

import re

from ..dates import find_timestamp, is_timestamp_only, remainder
from ..segment import SENTENCE_END
from .base import ContextRule, Document, LineRule, phrase_key

HEAD_MAX_LINES = 12
_BY = re.compile(
    r"^[|•·\-–—\s]*(?:(?:written|words|story|reported|posted|text|analysis|opinion|commentary|review|"
    r"interview|photos|video) by|by|von|por|par|di|oleh|door|av|автор|текст|penulis|reporter|editor|redaktur|"
    r"penyunting|yazar|muhabir)\s*[:：]?\s+(?=\S)",
    re.IGNORECASE,
)
# A role label under or beside the byline: "Opinion Columnist", "Tom Gillespie, news reporter".
# It needs a qualifier or a name and comma: "The Reporter" alone may be a film.
_ROLE = re.compile(
    r"^(?:(?:[A-Z][\w'’.\-]*,? ){0,4}(?:(?:senior|chief|staff|contributing|opinion|sports|news|political|"
    r"investigative|guest|special|foreign|business|health|science|tech|freelance)\s)+|"
    r"(?:[A-Z][\w'’.\-]* ){0,3}[A-Z][\w'’.\-]*, (?:[\w-]+ ){0,3})"
    r"(?:columnists?|contributors?|writers?|reporters?|correspondents?|editor(?:-at-large)?s?|producers?|"
    r"analysts?|critics?)$",
    re.IGNORECASE,
)
# "11/19/2019 by Lars Brandle", "Posted on March 30, 2015 by Admin": a date and a byline.
_BY_AFTER_DATE = re.compile(r"^(?:by|von|por|par)\s+([A-Z][^|•·]{1,60})$", re.IGNORECASE)
_BY_ALONE = re.compile(r"^(?:by|von|por|par|di|oleh|автор)[:：]?$", re.IGNORECASE)
_NAME_LINE = re.compile(r"^[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,4}(?:,\s?[\w ]{1,40})?$")
_AGENCY_IN_DATELINE = re.compile(r"\((Reuters|AP|AFP|Bloomberg|dpa|UPI|Xinhua|CNN|AAP|PA|EFE|ANSA)\)")
# "By AFP/Sarah Benhaida", "By Reuters Staff": the wire is the publisher.
_WIRE_IN_BYLINE = re.compile(r"^(Reuters|AP|AFP|Bloomberg|dpa|UPI|Xinhua|AAP|PA|EFE|ANSA)\b(?:\s?/|\s+Staff\b|$)")
_PUBLISHER = re.compile(r"^[A-Z][\w.&'’]*(?:\s+(?:[A-Z&][\w.&'’]*|of|the|and|de|du|des|da|do|der|die)){0,7}$")
# A byline without "By": a name alone ("LISA MASCARO", "Patrick Barkham") beside head clutter.
_NAME_ONLY = re.compile(
    r"^(?:[A-Z][\w'’\-]*\.?|[A-Z]\.)(?:\s(?:[A-Z][\w'’\-]*\.?|van|von|de|da|del|der|la|le|bin|al|el)){1,3}$"
)
# Section labels above the headline: "Opinion", "Commentary", "Analysis".
_KICKERS = frozenset({
    "opinion", "opinions", "commentary", "analysis", "editorial", "op-ed", "op-ed contributor", "column",
    "exclusive", "breaking", "breaking news", "live", "news analysis", "perspective", "review", "guest essay",
    "meinung", "kommentar", "opinión", "tribune", "éditorial", "análise", "opinião", "analiz", "opini",
})


def head_zone(doc: Document) -> range:
    """Indices of the head: before the third sentence, at most HEAD_MAX_LINES lines.

    Sentences, not any long line: a menu run into one line is long but ends in no
    full stop, and must not close the head before the byline.
    """
    # Only the first HEAD_MAX_LINES lines can be in the head: the scan stops there,
    # not at the end of a long document (the zone is asked three times per document).
    limit = min(HEAD_MAX_LINES, len(doc.lines))
    seen = 0
    for ln in doc.lines[:limit]:
        if ln.label == "content" and ln.norm[-1] in SENTENCE_END:
            seen += 1
            if seen == 3:
                return range(ln.index)
    return range(limit)


def _set(doc: Document, key: str, value: str | None, *, override: bool = False) -> None:
    if value and (override or not doc.meta.get(key)):
        doc.meta[key] = value.strip(" ,|-–—/:")


def _title(doc: Document) -> int | None:
    """Index of the title: the first line, or the first after datelines and bylines."""
    if len(doc.lines) < 2:
        return None
    for first in doc.lines[:4]:
        if first.label != "clutter" and not _BY.match(first.norm) and not is_timestamp_only(first.norm):
            break
    else:
        return None
    if first.label in ("heading", "uncertain") and first.words <= 30 and first.norm[-1] not in ".:;,":
        _set(doc, "title", first.norm)
        return first.index
    return None


def _byline(doc: Document, rule: ContextRule, idx: int) -> bool:
    line = doc.lines[idx]
    if line.words > 20:
        return False
    if _BY_ALONE.match(line.norm) and idx + 1 < len(doc.lines):
        name = doc.lines[idx + 1]
        if name.words <= 8 and _NAME_LINE.match(name.norm):
            if doc.mark(line, rule):
                doc.mark(name, rule)
                _set(doc, "byline", name.norm)
            return True
        return False
    m = _BY.match(line.norm)
    if not m:
        return False
    rest = line.norm[m.end() :]
    ts = find_timestamp(rest)
    written = rest[: ts.start] if ts else rest
    written = re.split(r"\s[|•·]\s|\s{2,}|\s[-–—]\s(?=\S)", written)[0].strip(" ,|-–—")
    # A name ('By James "Jim" Smith'), not a sentence: 'By Friday, she said, "it will all be over."'
    sentence = written.rstrip("\"”’'»)")[-1:] in ".!?"
    if not written or not written[0].isupper() or len(written.split()) > 10 or sentence:
        return False
    if doc.mark(line, rule):
        _set(doc, "byline", written)
        wire = _WIRE_IN_BYLINE.match(written)
        if wire:
            _set(doc, "publisher", wire.group(1))
        if ts:
            _set(doc, "published", ts.iso)
    return True


def _timestamp(doc: Document, rule: ContextRule, idx: int) -> bool:
    line = doc.lines[idx]
    if line.words > 16 or line.label == "clutter":
        return False
    ts = find_timestamp(line.norm)
    if ts is None:
        return False
    if is_timestamp_only(line.norm):
        if doc.mark(line, rule):
            _set(doc, "published", ts.iso)
        return True
    rest = remainder(line.norm, ts)
    by = _BY_AFTER_DATE.match(rest)
    if by:
        if doc.mark(line, BYLINE):
            _set(doc, "byline", by.group(1))
            _set(doc, "published", ts.iso)
        return True
    # "Business Insider, 21 Nov 2017": a publisher name and a date.
    # Its date is the publisher's own and wins over a bare date (often a reposting date).
    # A date then a colon is a timeline's entry: "June 23, 2016: Brexit Referendum".
    timeline = line.norm[ts.end :].lstrip().startswith(":")
    if rest and not timeline and len(rest.split()) <= 8 and _PUBLISHER.match(rest):
        if doc.mark(line, rule):
            _set(doc, "publisher", rest)
            _set(doc, "published", ts.iso, override=bool(ts.iso))
        return True
    return False


def _role(doc: Document, rule: ContextRule, idx: int) -> bool:
    line = doc.lines[idx]
    if line.words > 8 or not _ROLE.match(line.norm):
        return False
    if doc.mark(line, rule):
        name = re.split(r",\s", line.norm)[0]
        if "," in line.norm and _NAME_LINE.match(name):
            _set(doc, "byline", name)
    return True


def _kickers(doc: Document) -> None:
    """Section labels standing above the headline ("Opinion", "Commentary")."""
    for line in doc.lines[:3]:
        if line.is_clutter:
            continue
        if line.key not in _KICKERS or line.index + 1 >= len(doc.lines):
            return
        doc.mark(line, KICKER)


def _name_bylines(doc: Document, zone: range, title: int | None) -> None:
    """A name alone on its line beside a byline, dateline or agency line of the head."""
    lines = doc.lines
    # Only metadata found before this pass counts: one name must not pull in the next.
    # (Only the zone's lines and their neighbours are asked about, not the whole document.)
    near = range(max(zone.start - 1, 0), min(zone.stop + 1, len(lines)))
    meta = {i for i in near if (lines[i].rule or "").startswith(("head.", "social."))}
    for idx in zone:
        line = lines[idx]
        if line.is_clutter or idx == title or line.words > 5 or not _NAME_ONLY.match(line.norm):
            continue
        if idx - 1 in meta or idx + 1 in meta:
            if doc.mark(line, BYLINE):
                _set(doc, "byline", line.norm)


_COUNT_ONLY = re.compile(r"^\d{1,3}(?:[.,]\d{1,3})?[KkMm]?$")


def _counters(doc: Document, zone: range) -> None:
    """Like, comment and share counts alone on their lines ("48", "1.2K") among head clutter."""
    lines = doc.lines
    for idx in zone:
        line = lines[idx]
        if line.is_clutter or not _COUNT_ONLY.match(line.norm):
            continue
        near = [lines[k] for k in range(idx - 2, idx + 3) if k != idx and 0 <= k < len(lines)]
        if any(n.is_clutter and n.rule != COUNTER.id for n in near) or any(
            _COUNT_ONLY.match(n.norm) for n in near
        ):
            doc.mark(line, COUNTER)


def _head(doc: Document, rule: ContextRule) -> None:
    _kickers(doc)
    title = _title(doc)
    for idx in head_zone(doc):
        line = doc.lines[idx]
        if line.rule == "footer.source" and _BY.match(line.norm):
            # "Written by Tom Jones" is a footer credit under the story, a byline at the head.
            doc.counters[line.rule] -= 1
            line.label, line.rule = "uncertain", None
        if line.label == "clutter" or idx == title:
            continue
        if not _byline(doc, BYLINE, idx) and not _timestamp(doc, TIMESTAMP, idx):
            _role(doc, BYLINE, idx)
    _name_bylines(doc, head_zone(doc), title)
    _counters(doc, head_zone(doc))
    for line in doc.lines[:HEAD_MAX_LINES * 2]:
        if line.norm.find("(", 0, 120) < 0:  # the agency stands in brackets: most lines have none
            continue
        m = _AGENCY_IN_DATELINE.search(line.norm[:120])
        if m and line.label != "clutter":
            _set(doc, "publisher", m.group(1))
            break


HEAD = ContextRule(
    id="head.zone",
    reason="reads title, byline, timestamps and publisher from the head of the text",
    apply=_head,
)
BYLINE = ContextRule(id="head.byline", reason="byline at the head (kept as metadata)")
COUNTER = ContextRule(id="head.counter", reason="like, comment or share count among the head's metadata")
KICKER = ContextRule(id="head.kicker", reason="section label above the headline ('Opinion', 'Analysis')")
TIMESTAMP = ContextRule(
    id="head.timestamp", reason="date, time or publisher-and-date line at the head (kept as metadata)"
)


def _tail_timestamps(doc: Document, rule: ContextRule) -> None:
    """Timestamp-only lines after the story's last prose line ("Updated 11/19/19")."""
    content = doc.content_indices()
    if not content:
        return
    for line in doc.lines[content[-1] + 1 :]:
        if line.label != "clutter" and line.words <= 16 and is_timestamp_only(line.norm):
            doc.mark(line, rule)


TAIL_TIMESTAMP = ContextRule(
    id="head.tail_timestamp",
    reason="date or time line after the story",
    apply=_tail_timestamps,
)


def _duplicate_title(doc: Document, rule: ContextRule) -> None:
    title = doc.meta.get("title")
    if not title:
        return
    key = phrase_key(title)
    longest = 2 * len(title) + 20  # a copy with its decoration is not much longer
    copies = [line for line in doc.lines if line.key == key and line.label != "clutter" and len(line.norm) <= longest]
    doc.mark_all(copies[1:], rule)  # the first copy is the title itself (not always the first line)


DUPLICATE_TITLE = ContextRule(
    id="head.duplicate_title",
    reason="repeated copy of the title",
    apply=_duplicate_title,
)

# A time with no date: "Updated 2 hours ago", "Posted 3h ago", "Updated 3:04 PM ET". It places
# nothing in time (no metadata to read), and on its own line it is never the story's.
_AGO_UNITS = r"(?:seconds?|secs?|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w|months?)"
RELATIVE_TIME = LineRule(
    id="head.relative_time",
    reason="time stamp with no date ('Updated 2 hours ago', 'Posted 3h ago')",
    exact=("just now", "moments ago", "a moment ago"),
    patterns=(
        rf"^(?:(?:published|updated|posted|last updated|modified|edited)\s?:?\s?)?(?:about |over |less than )?"
        rf"(?:\d{{1,3}}|an?|one|a few)\s?{_AGO_UNITS}\.? ago\.?$",
        r"^(?:(?:published|updated|posted)\s)?(?:today|yesterday)(?:,|\sat)?\s\d{1,2}[:.]\d{2}(?:\s?[ap]\.?\s?m\.?)?$",
        r"^(?:published|updated|posted|last updated)(?:\s(?:at|on))?:?\s\d{1,2}[:.]\d{2}(?:\s?[ap]\.?\s?m\.?)?"
        r"(?:\s?(?-i:[A-Z]{2,4}))?\.?$",
        # "Atualizado há 2 horas", "hace 3 horas", "il y a 2 heures", "vor 2 Stunden", "2 saat önce", "2 часа назад"
        r"^(?:(?:atualizado|publicado|actualizado|mis à jour|publié|aktualisiert|veröffentlicht)\s)?(?:há|hace|il y a|vor)\s"
        r"\d{1,3}\s(?:horas?|minutos?|heures?|minutes?|stunden?|minuten?|dias?|días?|jours?|tagen?)$|"
        r"^\d{1,3}\s(?:saat|dakika|gün) önce$|^\d{1,3}\s(?:час\w*|минут\w*|дн\w*|день) назад$|"
        r"^\d{1,3}\s(?:jam|menit|hari) (?:yang )?lalu$",
    ),
    max_chars=60,
)

# "Last updated: March 3, 2025 at 10:14 a.m. ET", "Aktualisiert am 03.03.2025, 10:14 Uhr": a
# label of the page's own dates, then a date and nothing else. The head pass reads such a
# line at the head into metadata, the tail pass takes it after the story; this one takes
# it wherever else it stands (a box of related stories in the middle).
_STAMP_LABEL = re.compile(
    r"^(?:last updated|last modified|updated|published|first published|posted|actualizado|publicado|"
    r"aktualisiert(?: am)?|veröffentlicht(?: am)?|zuletzt aktualisiert(?: am)?|mis à jour(?: le)?|publié(?: le)?|"
    r"atualizado(?: em)?|aggiornato(?: il)?|pubblicato(?: il)?|bijgewerkt(?: op)?|gepubliceerd(?: op)?|"
    r"zaktualizowano|opublikowano)\s?[:：]?\s", re.IGNORECASE)


def _labelled_stamps(doc: Document, rule: ContextRule) -> None:
    for line in doc.lines:
        if line.label != "clutter" and line.words <= 16 and (label := _STAMP_LABEL.match(line.norm)) \
                and is_timestamp_only(line.norm[label.end():]):
            doc.mark(line, rule)


STAMP = ContextRule(
    id="head.stamp",
    reason="labelled publication or update time ('Last updated: March 3, 2025 at 10:14 a.m. ET')",
    apply=_labelled_stamps,
)

LINE_RULES = (RELATIVE_TIME,)
