"""Footers: copyright notices, source lines, syndication and correction notes."""
from __future__ import annotations

from .base import LineRule

COPYRIGHT = LineRule(
    id="footer.copyright",
    reason="copyright or rights notice",
    patterns=(
        r"^(?:©|\([cC]\)|Copyright|COPYRIGHT|Copr\.)\s?(?:©\s?|\([cC]\)\s?)?(?:\d{4}|by\b).{0,200}$",
        r"^(?:(?:©|\([cC]\))\s?)?(?:Copyright|COPYRIGHT|©)\s?(?:©\s?|\([cC]\)\s?)?(?:\d{4}\s?)?"
        r"[A-Z][\w.&'’ ,-]{0,60}(?:\s\d{4})?\.?$",
        # "All rights reserved" with a copyright sign or year before it, or opening a
        # sentence of its own; not "the studio said all rights reserved by the author ...".
        r"^.{0,120}(?:©|\([cC]\)|Copyright|COPYRIGHT|\b(?:19|20)\d\d\b).{0,120}"
        r"\b(?:all rights reserved|All Rights Reserved|ALL RIGHTS RESERVED)\b.{0,120}$",
        r"(?:^|[.|·•]\s?)(?:All rights reserved|All Rights Reserved|ALL RIGHTS RESERVED)\b.{0,160}$",
        r"^(?i:this material|this article|the material) (?i:may not be (?:published|reproduced|copied|broadcast))\b.{0,200}$",
        r"^(?i:no part of this|reproduction (?:in whole or in part )?(?:is )?(?:prohibited|forbidden))\b.{0,200}$",
    ),
    max_chars=320,
    pattern_max_words=30,
    flags=0,
    hints=("all rights reserved",),
)

SOURCE = LineRule(
    id="footer.source",
    reason="source or attribution line ('Source:', 'Kaynak:')",
    exact=("kaynak", "source", "sources", "kaynak/source", "source/kaynak", "quelle", "fuente",
           "fonte", "источник", "sumber", "出典", "출처", "via", "credits"),
    patterns=(
        r"^(?:source|sources|kaynak|kaynak\s?/\s?source|quelle|fuente|fonte|источник|sumber|via|出典|출처)\s?[:：]\s?.{0,120}$",
        r"^(?:with|additional) (?:files|input|agency reports?) from\b.{0,100}$",
        r"^(?:this (?:article|story) (?:has been|was) (?:updated|corrected))\b.{0,200}$",
        r"^(?:have a (?:news )?tip|got a (?:news )?tip|contact (?:the|this) (?:author|reporter|writer)|send us your)\b.{0,160}$",
        r"^(?:report (?:a|an) (?:typo|error|correction)|spotted an error|suggest a correction)\b.{0,100}$",
        r"^(?:source link|view source|go to source)$",
    ),
    max_chars=220,
)

LINE_RULES = (COPYRIGHT, SOURCE)
CONTEXT_RULES = ()
