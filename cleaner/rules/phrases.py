"""Phrase data more than one family's patterns share.

`NOT_REPORTED` opens a pattern (after its "^") whose line is the page speaking to its
reader ("Click here to ...", "By clicking accept, you agree ...", "Connect with us"):
the same words with a clause of reported speech are a news sentence that quotes or
describes such a line ("Click here to claim your refund, the fake message said.").
A look-ahead at the line's start reads the line once (a bounded subject per comma). The
matcher's RE2 scan drops look-arounds (`cleaner.matcher.loosen`), so it can only ask the
rule more often.
"""
from __future__ import annotations

REPORTING_VERBS = (
    "said", "says", "say", "told", "tells", "warned", "warns", "warn", "urged", "urges", "urge", "argued",
    "argues", "claimed", "claims", "demanded", "demands", "admitted", "admits", "ruled", "reported",
    "insisted", "insists", "wrote",
    # other languages' commonest: "..., rät die Verbraucherzentrale", "..., orientou a prefeitura"
    "gritaban", "dijo", "afirmó", "explicó", "señaló", "disse", "afirmou", "orientou", "explicou",
    "a déclaré", "a dit", "a lancé", "rappelle", "indique", "explique", "précise", "sagte", "sagt",
    "erklärte", "rät", "warnt", "betont", "ha detto", "dice", "diceva", "spiega", "kata", "ujar",
    "dedi", "açıkladı", "заявил", "заявила", "сказал", "сказала", "zegt", "zei", "aldus", "meldt",
    "powiedział", "powiedziała", "mówi", "warnte", "betonte", "schrieb", "riet", "advirtió", "alertou",
    "a averti", "a prévenu",
)
# ("found", "added" are below, at a sentence's end only; "according to" is not here: a page's
# own lines use it: "..., according to our Cookie Policy".)
# After a comma, a subject of up to five words, then the verb: ", the fake message said",
# ", doctors warn", ", gritaban los manifestantes". (A headline's own verb, "Mayor says
# budget is safe", has no comma before it: only the page-speaking rules take this guard.)
# Verbs that report only where they end the sentence: ", the study found.", ", the archive
# shows." (", which can be found in our privacy policy" goes on after the verb).
REPORTING_VERBS_AT_END = (
    "found", "finds", "shows", "showed", "added", "adds", "noted", "notes", "concluded", "revealed",
    "reveals", "suggests", "suggested", "estimated", "estimates", "heard",
)
# (A passive is no report: "..., more details can be found.", "..., as new data is added.")
_NOT_PASSIVE = "".join(rf"(?<!\b{aux} )" for aux in ("be", "is", "are", "was", "were", "been", "being"))
NOT_REPORTED = (r"(?!.*,\s(?:[^\s,]+\s){0,5}(?:" + "|".join(REPORTING_VERBS) + r")\b"
                r"|.*,\s(?:[^\s,]+\s){0,5}" + _NOT_PASSIVE + "(?:" + "|".join(REPORTING_VERBS_AT_END)
                + r")[.!?\"”’]*$)")
