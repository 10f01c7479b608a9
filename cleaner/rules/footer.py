"""Footers: copyright notices, source lines, syndication and correction notes."""
from __future__ import annotations

import re

from ..segment import Line
from .base import ContextRule, Document, LineRule
from .phrases import NOT_REPORTED

COPYRIGHT = LineRule(
    id="footer.copyright",
    reason="copyright or rights notice",
    patterns=(
        rf"^{NOT_REPORTED}(?:©|\([cC]\)|Copyright|COPYRIGHT|Copr\.)\s?(?:©\s?|\([cC]\)\s?)?(?:\d{{4}}|by\b).{{0,200}}$",
        r"^(?:(?:©|\([cC]\))\s?)?(?:Copyright|COPYRIGHT|©)\s?(?:©\s?|\([cC]\)\s?)?(?:\d{4}\s?)?"
        r"[A-Z][\w.&'’ ,-]{0,60}(?:\s\d{4})?\.?$",
        # "All rights reserved" with a copyright sign or year before it, or opening a
        # sentence of its own; not "the studio said all rights reserved by the author ...".
        r"^.{0,120}(?:©|\([cC]\)|Copyright|COPYRIGHT|\b(?:19|20)\d\d\b).{0,120}"
        r"\b(?:all rights reserved(?! (?:to|by|for|under)\b)|All Rights Reserved|ALL RIGHTS RESERVED|(?i:todos os direitos reservados|"
        r"todos los derechos reservados|tous droits réservés|alle rechte vorbehalten|tüm hakları saklıdır|"
        r"все права защищены|hak cipta dilindungi))\b.{0,320}$",
        rf"^{NOT_REPORTED}(?:|.*[.|·•]\s?)(?:All rights reserved|All Rights Reserved|ALL RIGHTS RESERVED)\.?(?:\s.{{0,160}})?$",
        # The notice alone in other languages: "Todos os direitos reservados", "RIPRODUZIONE RISERVATA"
        r"^(?i:todos os direitos reservados|todos los derechos reservados|tous droits réservés|alle rechte vorbehalten|"
        r"tüm hakları saklıdır|все права защищены|hak cipta dilindungi(?: undang-undang)?|riproduzione riservata)"
        r"\s?(?:©\s?)?\.?$|^(?i:hak cipta|direitos autorais|derechos reservados)\s?©\s?.{0,80}$",
        # "La reproduction totale ou partielle d'un article ... est strictement interdite."
        r"^(?i:la reproduction (?:totale ou partielle|partielle ou totale|de cet article)|"
        r"(?:é|e) proibida a reprodução|queda prohibida la reproducción)\b.{0,300}$",
        # AP's "This material may not be published, broadcast, rewritten or redistributed." (verbs and
        # manners only: "The material may not be published until the trial ends, the judge ruled." is news)
        r"^(?i:this material|this article|the material) (?i:may not be (?:published|reproduced|copied|broadcast)"
        r"(?:(?:,\s?|\s(?:or|and)\s|,\s(?:or|and)\s)(?:published|reproduced|copied|broadcast|rewritten|redistributed|"
        r"distributed|used|transmitted))*(?: (?:in (?:whole|any form)|without)\b[^,]{0,120})?)\.?$",
        r"^(?i:no part of this (?:publication|article|website|site|material|content|newspaper|page)s? may|"
        r"reproduction (?:in whole or in part )?(?:is )?(?:prohibited|forbidden))\b.{0,200}$",
    ),
    max_chars=420,
    pattern_max_words=60,
    flags=0,
)

SOURCE = LineRule(
    id="footer.source",
    reason="source or attribution line ('Source:', 'Kaynak:')",
    exact=("kaynak", "source", "sources", "kaynak/source", "source/kaynak", "quelle", "fuente",
           "fonte", "источник", "sumber", "出典", "출처", "via", "credits"),
    patterns=(
        # "Source: Reuters", "Kaynak: AA"; not "Source: the ministry said the figures were provisional."
        r"^(?:source|sources|kaynak|kaynak\s?/\s?source|quelle|fuente|fonte|источник|sumber|via|出典|출처)\s?[:：]"
        r"(?!\s*\S+(?:\s+\S+){4,}[.!?]$)\s?.{0,120}$",
        # "With files from The Canadian Press", not "With input from teachers and parents, the plan ..."
        r"^(?:with|additional) (?:files|input|agency reports?) from (?-i:[A-Z])[^,;.]{0,60}"
        r"(?:(?:,| and) (?:the )?(?-i:[A-Z])[^,;.]{0,60})*\.?$",
        r"^(?:this (?:article|story) (?:has been|was) (?:updated|corrected))\b.{0,200}$",
        # "Got a tip?", "Have a news tip? Email ..."; not "Got a tip from a neighbour, police said, ..."
        rf"^{NOT_REPORTED}(?:(?:have|got) a (?:news |story )?tip(?:\?|\s(?:for us|to share)\b)|"
        r"(?:contact (?:the|this) (?:author|reporter|writer)|send us your)\b).{0,160}$",
        r"^(?:report (?:a|an) (?:typo|error|correction)|spotted an error|suggest a correction)\b.{0,100}$",
        r"^(?:source link|view source|go to source)$",
        # PR Newswire "SOURCE Acme Corp", obituaries "Published by Dayton Daily News on Nov. 19, 2019."
        r"^(?-i:SOURCE) (?-i:[A-Z])[\w.&'’ ,-]{1,60}$",
        # "Published by Dayton Daily News on Nov. 19, 2019."; not "Published in Nature on Wednesday, the study ..."
        r"^(?:published|posted) (?:by|in) (?-i:[A-Z])[\w.&'’ -]{1,60} (?:on|from) [\w./ -]{3,40}(?:,\s?\d{4})?\.?$",
        r"^news provided by$",
        # Medium and blogs: "Written by Carlos Mendes" under the story
        r"^written by (?-i:[A-Z])[\w'’.-]*(?: (?-i:[A-Z])[\w'’.-]*){0,3}$",
    ),
    max_chars=220,
)

CONTACT = LineRule(
    id="footer.contact",
    reason="author contact line (an address to write to, an e-mail, a profile link)",
    patterns=(
        # "Write to Al Root at allen.root@dowjones.com", "Reach the reporters on Twitter at http://..."
        # (an address must follow: "Contact Smith at the hospital" is a sentence).
        r"^(?:write to|e-?mail|contact|reach)\s+(?:the (?:author|reporter|writer)s?|him|her|them|us|"
        r"[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3})\s+(?:at|on|via)\s(?=.{0,160}(?:@|https?://|www\.)).{1,240}$",
        r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$",
        r"^(?:https?://)?(?:www\.)?(?:twitter|x|facebook|instagram|linkedin)\.com/[\w./@-]+$",
        # Press-release contact boxes: "Media Contact:", "Investors:", a phone number alone
        r"^(?:media|press|investor|investors|news media|company) (?:contacts?|inquiries|relations)\s?:?$|"
        r"^(?:contacts?|media|investors|press)\s?:$|^contacts$",
    ),
    max_chars=300,
)

DISCLAIMER = LineRule(
    id="footer.disclaimer",
    reason="publisher's disclaimer or citation note",
    patterns=(
        rf"^{NOT_REPORTED}opinions expressed (?:by|in) .{{1,80}} (?:are|is) (?:their|the author'?s?|his|her) own\b.{{0,80}}$",
        r"^(?:the )?views expressed (?:here |in this (?:article|column|piece|post) )?are (?:those of the "
        r"authors?|the authors?'?s? own)\b.{0,160}$",
        r"^citation:\s.{0,300}\bretrieved\b.{0,200}$",
        r"^this (?:document|article|story|post) is subject to copyright\b.{0,200}$",
        r"^(?:editor'?s note|disclosure):\s.{0,40}\b(?:affiliate|sponsored|paid|commission)\b.{0,200}$",
        r"^(?:the )?views expressed in this (?:commentary|op-ed|essay|column|article|piece|post|opinion)\b.{0,40}"
        r"\b(?:are|is) (?:solely )?(?:those of the authors?|(?:his|her|their|the author'?s|the writer'?s) own)\b.{0,120}$",
        # Syndication and editorial-standards notes
        r"^\(?(?:except for the headline, )?this (?:story|article) has not been edited by\b.{0,200}$",
        r"^(?:our standards:|why you can trust|se adhiere a los criterios de)\s?.{0,80}$",
        r"^a version of this (?:article|story|review) (?:appears|appeared) in print\b.{0,400}$",
    ),
    max_chars=520,
)

_BIO = re.compile(
    r"^((?:[A-Z][\w'’.\-]*\s){1,4})(?:is|was|has been|covers|writes|reports)\b"
    r"(?=.{0,200}\b(?:reporter|writer|editor|correspondent|journalist|columnist|contributor|author|"
    r"producer|fellow|professor|intern|photographer|blogger)s?\b)"
)
# Under "About the author" the writer needs no job title: "Jane Doe covers city hall."
_BIO_UNDER_ABOUT = re.compile(r"^((?:[A-Z][\w'’.\-]*\s){1,4})(?:is|was|has|covers|writes|reports|joined|works)\b")
_ABOUT = re.compile(r"^about (?:the (?:author|writer|reporter)s?|[A-Z][\w'’.\-]*(?:\s[A-Z][\w'’.\-]*){0,3})$", re.I)
_ABOUT_AUTHOR = re.compile(r"^about (?:the )?(?:author|writer|reporter|columnist)s?$", re.I)
_PERSONAL = re.compile(r"\b(?:he|she|his|her|him)\b", re.I)
_BIO_TAIL_LINES = 4


def _author_bio(doc: Document, rule: ContextRule) -> None:
    """The writer's bio at the end: "Phil Helsel is a reporter for NBC News."

    Only among the last kept lines, and only when something ties the sentence to the
    writer rather than to someone in the story: the byline names the same person, or
    the line sits under "About the author" / "About <Name>" or under the name alone.
    """
    kept: list[Line] = []
    for ln in reversed(doc.lines):  # from the end: the last few kept lines, not a list of all
        if ln.label != "clutter":
            kept.insert(0, ln)
            if len(kept) == _BIO_TAIL_LINES:
                break
    byline = (doc.meta.get("byline") or "").lower().split()
    for pos, line in enumerate(kept):
        above = kept[pos - 1] if pos > 0 else None
        under_about = above is not None and bool(_ABOUT.match(above.norm))
        m = (_BIO_UNDER_ABOUT if under_about else _BIO).match(line.norm) if line.words <= 90 else None
        if not m:
            continue
        if under_about and above is not None and not _ABOUT_AUTHOR.match(above.norm) and not (
            _BIO.match(line.norm) or _PERSONAL.search(line.norm)
        ):
            continue  # "About Acme Robotics": a company's boilerplate, part of the release
        name = m.group(1).split()
        under_name = above is not None and above.norm.split() == name
        if under_about or under_name or (byline and name[-1].lower() in byline):
            doc.mark(line, rule)
            if (under_about or under_name) and above is not None:
                doc.mark(above, rule)


AUTHOR_BIO = ContextRule(
    id="footer.author_bio",
    reason="the writer's biography at the end of the article",
    apply=_author_bio,
)

LINE_RULES = (COPYRIGHT, SOURCE, CONTACT, DISCLAIMER)
