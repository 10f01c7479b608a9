"""Image captions and photo credits.

A caption line is recognised by its credit: an agency or photographer credit at
the end of the line ("REUTERS/Name", "(AP Photo/Name)", "Photo: Name, AP",
"Photo by Name/Getty Images", "Credit...Name/The New York Times"), or a line that
is only a credit. Sentences that merely name an agency ("..., Reuters reported.")
do not end in a credit and are kept.
"""
from __future__ import annotations

import re
from functools import cache
from typing import Sequence

from ..matcher import PatternScan
from .base import ContextRule, Document, LineRule, phrase_key

# Wire agencies and picture desks whose names end credits.
# Wire agencies that put their name before the photographer ("REUTERS/Name").
WIRES = r"REUTERS|Reuters|AP|AFP|EPA|EPA-EFE|Getty Images|Xinhua|ANSA|dpa|DPA|Anadolu Agency|Sipa|SIPA|TASS|Sputnik|Kyodo|Yonhap|AAP|UPI|NurPhoto|ZUMA"
AGENCIES = (
    r"REUTERS|Reuters|AP|AFP|Getty Images|Getty|EPA|EPA-EFE|EFE|Shutterstock|"
    r"Bloomberg|Xinhua|ANSA|dpa|DPA|PA|PA Wire|PA Images|Alamy|Corbis|iStock|"
    r"iStockphoto|Sipa|SIPA|Anadolu Agency|Anadolu|NurPhoto|ZUMA|ZUMA Press|"
    r"Zuma Press|Wire ?Image|WireImage|Rex|Rex Features|TASS|Sputnik|Kyodo|Yonhap|"
    r"Associated Press|The Associated Press|Agence France-Presse|Imago|IMAGO|"
    r"Picture Alliance|picture alliance|AAP|Canadian Press|The Canadian Press|CP|"
    r"UPI|Pool|POOL|Handout|HANDOUT|Twitter|Instagram|Facebook|Wikimedia Commons|"
    r"Flickr|Unsplash|Pexels|NASA|File|FILE"
)
_NAME = r"[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|van|von|de|del|da|al|el|bin|der|la|le)){0,4}"

# "... on Aug. 31, 2019. (AP)": an agency in brackets ends a caption, unless the words
# before it spell it out (`_spells_out`).
_AGENCY_IN_BRACKETS = r"\((?:AP|AFP|Reuters|REUTERS|EPA|Getty Images|Xinhua|PTI|IANS|ANI)\)$"
# A photo with an article before it is a thing the sentence speaks of, not a credit: "the
# Photo by Man Ray", "a Photo by Annie Leibovitz", "Das Bild von Europa".
_NO_ARTICLE = "".join(rf"(?<!\b[{w[0]}{w[0].lower()}]{w[1:]} )"
                      for w in ("A", "An", "The", "This", "That", "His", "Her", "Its", "Das", "Ein", "Eine", "Le", "La",
                                "Un", "Una", "El", "Il"))

# Credits at the end of a caption line. Checked on the last CREDIT_TAIL_CHARS characters only.
_TAIL_CREDITS = (
    # REUTERS/Name, Reuters/Name, AFP/Name (agency first, slash, photographer)
    r"\b(?:" + WIRES + r")\s?/\s?(?!Ipsos|IPSOS|YouGov|Marist|NORC)(?:" + _NAME + r")?"
    r"(?:\s?/\s?(?:File Photo|FILE PHOTO|File|Pool|POOL))?\s*(?:\s*(?:TPX IMAGES OF THE DAY|SEARCH [“\"][^\"”]{1,40}[”\"] FOR (?:THIS STORY|ALL STORIES))[.\s]*)*$",
    # Name/Agency or Name / Agency at the end, after a sentence
    rf"[.!?”\"]\s+(?:Photo(?:graph)?:?\s+|Picture:?\s+|Image:?\s+)?{_NAME}\s?/\s?(?:{_NAME}|{AGENCIES})\.?$",
    # (AP Photo/Name), (Photo by Name/Getty Images), (Credit: ...), (Reed Saxon / Associated Press)
    # ("Credit" with its colon: "(Credit Agricole was unchanged)." names a bank)
    r"\((?:AP|AFP|Reuters|REUTERS|Getty|EPA)?\s*(?:(?:Photo|Photograph|Picture|Image|Foto|Fotó|Bild)s?\b|Credits?\s?:)"
    r"[^()]{0,120}\)\.?$",
    rf"\((?:{_NAME})\s?/\s?(?:{_NAME}|{AGENCIES})\)\.?$",
    # Photo: Name, AP / Photo by Name / Photograph: Name/Agency / Image: ... at the end
    _NO_ARTICLE + r"\b(?:Photo|Photos|Photograph|Picture|Image|Images|Credit|Foto|Fotos|Fotó|Fotoğraf|Fotografía|Fotografia|"
    r"Imagen|Imagem|Immagine|Gambar|Bild|Bildquelle|Фото|Φωτογραφία)"
    r"(?:\s+(?:by|credit|courtesy of|de|von|di|par)\s+|\s?[:：]\s?)(?:©\s?)?(?:[A-ZА-ЯЁ][^.!?]{1,80}|(?:dpa|epa)\b[^.!?]{0,80})$",
    # French and Dutch wire style: "Photo AFP", "Photo AFP / Name", "Foto ANP"
    r"\b(?:Photo|PHOTO|Foto|FOTO)\s+(?:AFP|AP|Reuters|REUTERS|EPA|dpa|ANP|Belga|BELGA|Keystone|ANSA)(?:\s?/\s?[^.!?]{1,60})?$",
    # "Photo by Name", "Photo illustration by Slate. Photo by Name." (a name may close with a full
    # stop; longer words may not: "... a Photo by Annie Leibovitz of the Queen, which drew crowds.")
    _NO_ARTICLE + r"\b(?:Photo|Picture|Image)(?: illustration)? by [A-Z][^.!?]{1,80}$",
    _NO_ARTICLE + rf"\b(?:Photo|Picture|Image)(?: illustration)? by {_NAME}\.$",
    # "Chip Somodevilla via Getty Images", "Handout via Reuters": a name, then the desk.
    # ("... her resignation via Twitter." has no capitalised name before "via".)
    r"(?:[A-Z][\w'’.\-]*|\))\s(?:via|Via|VIA) (?:Getty Images|AP|Reuters|REUTERS|AFP|Shutterstock|Instagram|Twitter|Facebook)\)?$",
    r"©\s?[\w][^.!?]{0,80}$",
    r"\bGetty Images(?: for [A-Z][\w ]{1,40})?\)?$",
    # "... on Aug. 31, 2019. (AP)", "Representative image. (AFP file photo)"; a sentence
    # citing an agency ends after the bracket: "... from the summit (AP)."
    _AGENCY_IN_BRACKETS,
    r"\((?:AP|AFP|Reuters|REUTERS|EPA|PTI|IANS|ANI)?\s?(?:[Ff]ile )?(?:[Pp]hoto|[Ii]mage|[Pp]icture)s?\)\.?$",
    # Italian and Spanish order: "(foto ANSA)", "(Foto: EFE)"
    r"\((?:[Ff]oto|[Ff]otografía):?\s(?:ANSA|Ansa|LaPresse|EFE|AP|AFP|EPA|Reuters|Imagoeconomica|Getty Images)\)\.?$",
    r"\bCredit\s?(?:\.\.\.|…|:)\s?[A-Z][^.!?]{1,80}$",
    # Al Jazeera: "... in La Paz [Marco Bello/Reuters]"; Folha: "... no Pará - Lalo de Almeida/Folhapress"
    rf"\[(?:File: |FILE: )?(?:{_NAME})\s?/\s?(?:{_NAME}|{AGENCIES})\]$",
    rf"\s[-–—]\s(?:{_NAME})/(?:{_NAME}|{AGENCIES})$",  # no spaces: "Curitiba / Alternativa" is no credit
    # "FOTO: EFE", "PHOTO: AFP" in capitals
    r"\b(?:FOTO|PHOTO|FOTOS|PHOTOS|IMAGEN|IMAGE)\s?:\s?[A-Z][^.!?]{1,60}$",
    # Kompas and others: "(SHUTTERSTOCK)", "(KOMPAS.com/Name)", "(ANTARA FOTO/Name)"
    r"\((?:SHUTTERSTOCK|ISTOCK|GETTY IMAGES|ANTARA FOTO/[^()]{1,40}|KOMPAS\.com/[^()]{1,40}|KOMPAS\.COM/[^()]{1,40}|"
    r"DOK\.[^()]{0,40}|DOKUMENTASI[^()]{0,40})\)$",
)


@cache
def _tail_credit_re(index: int) -> re.Pattern[str]:
    """Credit `index`, compiled when a tail first needs it: RE2 rules most tails out
    (`_TAIL_SCAN`), and a run that cleans one text should not compile all of them."""
    return re.compile(_TAIL_CREDITS[index])


# After "Credit:", "Copyright:" or BBC's "Image copyright", a phrase that opens in lower case
# and runs on for four words or more (parted by spaces) is a headline or a sentence
# ("Copyright: the legal fight over the monkey selfie", "Image copyright disputes are
# rising ..."), not a name ("iStock/Getty Images Plus", "dpa/picture alliance"). (After
# "Photo:" it is a credit: "Фото: личный архив Анны Меркуровой", "Photo: courtesy of the family".)
_NOT_LOWER_CASE_PHRASE = r"(?![a-zß-öø-ÿа-яё]\w*(?:\s+[\w,.'’-]+){3})"

# The end of a credit's label ("Photo by: ", "Foto: "), before a credit, not a sentence
# ("Photo: The minister said the picture was taken in 2015.").
_LABEL_END = (r"(?:\s+(?:by|credit|courtesy(?: of)?|de|von|di|par|source|photo|photos))?\s?(?::|：|\.\.\.|…)"
              r"(?!\s*\S+(?:\s+\S+){5,}[.!?]$)\s?")

# Lines that are nothing but a credit or a caption control.
_CREDIT_ONLY = (
    r"^(?:Photo|Photos|Photograph|Picture|Image|Images|Foto|Fotos|Fotó|Bild|Фото|Pic|Pics|Beeld|"
    r"Image copyright|Image caption|Picture caption|Media caption|Fotoğraf|"
    r"Fotografía|Fotografia|Imagen|Imagem|Immagine|Gambar|Bildquelle|Zdjęcie|Fot\.|写真|撮影|图片|图片来源|圖片|"
    r"圖片來源|사진)"
    + _LABEL_END + r"\S.{0,100}$",
    # The same label in brackets: "(Crédit photo : Ludovic Marin / AFP)", "（写真：共同通信）"
    r"^[(（](?:Photo|Photos|Foto|Fotos|Crédit photo|Crédits photo|Crédito|Credit|Credits|Zdjęcie|Fot\.|写真|撮影|"
    r"图片|사진)\s?[:：][^()（）]{1,80}[)）]$",
    # "Credit" and "Copyright" are topics too: "Copyright: the legal fight over the monkey selfie"
    r"^(?:Credit|Credits|Copyright|Crédit|Crédito)" + _LABEL_END + _NOT_LOWER_CASE_PHRASE + r"\S.{0,100}$",
    # BBC: "Image caption The minister ...", "Image copyright Getty Images", "Media caption ...";
    # since 2023 with a comma: "Image source, PA Media", "Image caption, The minister ..."
    r"^(?:Image|Picture|Media|Video) (?:caption|copyright|source),?\s+" + _NOT_LOWER_CASE_PHRASE + r"\S.{0,300}$",
    rf"^\(?(?:{_NAME})\s?/\s?(?:{_NAME}|{AGENCIES})(?:\s?/\s?(?:{_NAME}|{AGENCIES}))*\)?$",
    rf"^\(?(?:{AGENCIES})(?:\s?/\s?{_NAME})?\)?$",
    r"^\(?(?:AP|AFP|Reuters|Getty|EPA)?\s*(?:Photo|Photograph|Picture|Image|File photo)s?\s*(?:by|/)\s*[^.!?]{1,80}\)?$",
    # "Patrick Semansky, ASSOCIATED PRESS", "Michael Conroy, AP"
    rf"^(?!(?:By|Von|Por|Par)\s){_NAME},?\s(?:AP|ASSOCIATED PRESS|Associated Press|The Associated Press|AFP|Reuters|REUTERS|"
    r"Getty Images|EPA|USA TODAY|USA Today)$",
    r"^[A-Z][^.!?]{0,60}\s(?:via|for) (?:Getty Images|AP|Reuters|AFP|Shutterstock)\)?$",
    r"^\((?:(?:Photo|Image|Picture|Foto)\w*|Credits?\s?:)[^()]{0,100}\)$",
    r"^(?:Handout|File photo|FILE PHOTO|Supplied|Courtesy(?: of [^.!?]{1,60})?|Getty Images|Shutterstock)\.?$",
    # MSN: "© Reuters/MOHAMED AZAKIR FILE PHOTO: Demonstrators carry ...", "© РИА Новости / Name"
    rf"^©\s?(?:{AGENCIES}|[A-Z][\w.&'’ ]{{0,30}}|[А-ЯЁ][\w.&'’ ]{{0,30}})\s?/\s?\w.{{0,300}}$",
)

CREDIT_TAIL_CHARS = 200
_AGENCY_IN_BRACKETS_INDEX = _TAIL_CREDITS.index(_AGENCY_IN_BRACKETS)


# All tail credits at once: RE2 names the credits each tail may end with (see `cleaner.matcher`).
_TAIL_SCAN = PatternScan((p, False) for p in _TAIL_CREDITS)


def credited(texts: Sequence[str]) -> set[int]:
    """Positions of the texts that end with a photo credit (only their last characters are read).

    Each distinct text is read once: pages repeat lines.
    """
    distinct = list(dict.fromkeys(texts))
    tails = [text[-CREDIT_TAIL_CHARS:] for text in distinct]
    found = _TAIL_SCAN.candidates(tails)
    keys = range(len(tails)) if _TAIL_SCAN.untranslated else found
    with_credit = {distinct[k] for k in keys if _credit_in(tails[k], found.get(k, []))}
    return {k for k, text in enumerate(texts) if text in with_credit} if with_credit else set()


_ABBREVIATION_END = re.compile(r"\(([A-Z]{2,6})\)\.?$")
_SMALL_WORDS = frozenset({"of", "and", "the", "for", "de", "&"})


def _spells_out(tail: str) -> bool:
    """Ends in an abbreviation the words before it spell out: the story names the agency
    ("told Asian News International (ANI)", "Press Trust of India (PTI)"); a credit
    follows a caption ("Modi waves to supporters in Varanasi (ANI)")."""
    m = _ABBREVIATION_END.search(tail)
    if m is None:
        return False
    letters = m.group(1)
    words = [w for w in re.split(r"[\s-]+", tail[: m.start()]) if w and w.lower() not in _SMALL_WORDS]
    return len(words) >= len(letters) and "".join(w[0] for w in words[-len(letters):]).upper() == letters


def _credit_in(tail: str, picked: list[int] | None) -> bool:
    """Whether a credit among `picked` (None: any) or the untranslated ones ends `tail`."""
    indices = range(len(_TAIL_CREDITS)) if picked is None else [*picked, *_TAIL_SCAN.untranslated]
    return any(_tail_credit_re(i).search(tail) and not (i == _AGENCY_IN_BRACKETS_INDEX and _spells_out(tail))
               for i in indices)


def has_tail_credit(text: str) -> bool:
    """Whether a line ends with a photo credit (checks only its last characters)."""
    return bool(credited([text]))


CREDIT = LineRule(
    id="captions.credit",
    reason="line is a photo credit on its own",
    patterns=_CREDIT_ONLY,
    max_chars=320,
    flags=0,
)

CAPTION_CONTROLS = LineRule(
    id="captions.control",
    reason="caption widget text (expand/collapse a caption)",
    exact=("hide caption", "show caption", "toggle caption", "expand caption", "collapse caption", "caption",
           "image caption",
           "enlarge this image", "expand image", "enlarge", "view image", "click to enlarge",
           "image", "photo", "open image in gallery", "caption close", "close caption",
           "media playback is unsupported on your device", "media playback is not supported on this device",
           "view image in fullscreen", "view larger image", "zoom", "zoom in", "bild vergrößern",
           "main article image", "article image", "featured image", "lead image", "image source",
           "agrandir l'image", "ampliar imagen", "ampliar imagem", "lihat foto", "ver foto", "ver fotos",
           "voir la photo", "foto anzeigen", "view photo", "view photos", "see photo"),
    patterns=(r"^.{0,300}\s(?:\.\.\.|…)\s?more$", r"^.{20,400}[.!?]\s?less$"),
)


def _caption(doc: Document, rule: ContextRule) -> None:
    """Caption lines: a line of at most ~80 words ending in a photo credit.

    Long prose paragraphs rarely end in "REUTERS/Name" or "Photo: Name, AP"; captions
    do. The publisher's own name as the last words of a short line without final
    punctuation ("ISIS territory Business Insider") is a credit too.
    """
    publisher = (doc.meta.get("publisher") or "").strip()
    pub_re = re.compile(rf"\s{re.escape(publisher)}$") if len(publisher) > 2 else None
    lines = doc.lines
    candidates = [line for line in lines if line.label != "clutter" and line.words <= 120]
    with_credit = {candidates[k].index for k in credited([line.norm for line in candidates])}  # one scan
    # The lines worth a look: those with a credit, those above a credit line, and with a
    # publisher name to look for, those that may end in it; in order, since a caption
    # marked here lets the line below take the credit under it (`_credited_below`).
    credit = CREDIT.id
    above_credit = [lines[line.index - 1] for line in lines[1:] if line.rule == credit]
    below = {line.index for line in above_credit if line.label != "clutter" and line.words <= 120}
    named = {line.index for line in candidates if line.words <= 15} if pub_re else set()
    for idx in sorted(with_credit | below | named):
        line = lines[idx]
        if idx in with_credit and not _is_reporting_credit(line.lower):
            doc.mark(line, rule)
        elif pub_re and line.words <= 15 and pub_re.search(line.norm) and line.norm[-1:] not in ".!?\"”":
            doc.mark(line, rule)
        elif idx in below and _credited_below(doc, idx):
            doc.mark(line, rule)


def _credited_below(doc: Document, idx: int) -> bool:
    """A caption whose credit stands on the next line of the same block (NPR, Guardian).

    "Powell speaks in Washington on Wednesday." then "Chip Somodevilla/Getty Images":
    only when the caption opens its block or follows a caption control, so that a
    story paragraph that happens to sit above a stray credit is not taken with it.
    """
    lines = doc.lines
    line = lines[idx]
    if idx + 1 >= len(lines) or line.words > 60:
        return False
    below = lines[idx + 1]
    # The credit line below is rare: asked first, it spares most lines the text checks.
    if below.blank_before or below.rule != CREDIT.id:
        return False
    if _is_reporting_credit(line.lower) or line.norm == doc.meta.get("title"):  # headline over "AFP"
        return False
    above = lines[idx - 1] if idx > 0 else None
    # Above it, a caption control or the share bar / bookmark button the picture sits under.
    return line.blank_before or (above is not None and above.is_clutter and not (above.rule or "").startswith("head."))


def _is_reporting_credit(low: str) -> bool:
    """'(Reporting by ...; Editing by ...)' ends in names and slashes but is story text.

    Takes the lower-cased line (`Line.lower`), not lower-cased again per call.
    """
    return "reporting by" in low or "editing by" in low or "writing by" in low or "additional reporting" in low


CAPTION = ContextRule(
    id="captions.caption",
    reason="image caption ending in a photo credit",
    apply=_caption,
)

LINE_RULES = (CREDIT, CAPTION_CONTROLS)


# Every credit-only pattern opens with "^": one union, tried at the start of a line only
# (compiled on first use: only galleries ask it).
assert all(p.startswith("^") for p in _CREDIT_ONLY)


@cache
def _credit_only_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _CREDIT_ONLY))


def is_caption_like(text: str) -> bool:
    """Credit-bearing line, for other families (galleries) that grow runs of captions."""
    return has_tail_credit(text) or _credit_only_re().match(text) is not None or bool(
        phrase_key(text) in CAPTION_CONTROLS._exact
    )
