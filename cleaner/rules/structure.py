"""Context revisions on the shape of the text, after the family rules have run.

jusText's second stage: lines the first stage left uncertain take the label of
their neighbours. Each pass here is conservative; a line that reads as a sentence
is never revised to clutter.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..segment import SENTENCE_END, Line, wide_sentence
from . import ads, footer, links, newsletter
from .base import ContextRule, Document, family_of
from .page import title_case


def _sentence_like(line: Line) -> bool:
    norm = line.norm
    return line.label == "content" or (line.words >= 4 and norm[-1] in SENTENCE_END) or wide_sentence(norm)


def _short_sentence(line: Line) -> bool:
    """A short sentence of the kind that closes a story ("He was 47.", "She declined."):
    a word first, a full stop after a word in lower case, which names, labels and
    figures ("101 lbs.") rarely have. (Between two clutter lines of one family, the same
    shape is a caption: "The council chamber.")"""
    norm = line.norm
    words = norm.split()
    return (line.words >= 2 and norm[-1] in ".!?…" and words[0][:1].isalpha()
            and any(word[:1].islower() for word in words[1:]))


def _sandwich(doc: Document, rule: ContextRule) -> None:
    """A short non-sentence line between two clutter lines of one family is clutter too."""
    lines = doc.lines
    # Short lines kept so far first: that spares most lines the other tests. (A line is
    # marked before the pass looks at the next one, so the line and the one below are as
    # they were.)
    short = [line.index for line in lines if line.words <= 10 and line.label != "clutter"]
    for idx in short:
        if idx == 0 or idx == len(lines) - 1:
            continue
        prev, nxt, line = lines[idx - 1], lines[idx + 1], lines[idx]
        if prev.label != "clutter" or nxt.label != "clutter" or not prev.rule or not nxt.rule:
            continue
        if _sentence_like(line):
            continue
        family = family_of(prev.rule)
        if family == family_of(nxt.rule) and family != "head":
            doc.mark(line, rule)


SANDWICH = ContextRule(
    id="structure.sandwich",
    reason="short line between two clutter lines of the same kind",
    apply=_sandwich,
)


TAIL_MAX_RUN = 3


def _tail(doc: Document, rule: ContextRule) -> None:
    """After the story's last prose line, short lines next to clutter are clutter.

    Runs of short lines are judged as runs: a run that touches clutter goes, if it
    is short. A long run of short lines (a fact box: prices, dates, a phone number)
    is more likely story than footer, and recall wins a tie.
    """
    content = doc.content_indices()
    if not content:
        return
    lines = doc.lines
    first = content[-1] + 1
    idx = first
    while idx < len(lines):
        if not _short_loose(lines[idx]):
            idx += 1
            continue
        end = idx
        while end + 1 < len(lines) and _short_loose(lines[end + 1]):
            end += 1
        before = idx > first and lines[idx - 1].label == "clutter"
        after = end + 1 < len(lines) and lines[end + 1].label == "clutter"
        if (before or after) and end - idx + 1 <= TAIL_MAX_RUN:
            for line in lines[idx : end + 1]:
                if not is_result(line.norm):  # in the run (a fact box stays whole), never marked
                    doc.mark(line, rule)
        idx = end + 1


def _short_loose(line: Line) -> bool:
    return line.label != "clutter" and not _sentence_like(line) and not _short_sentence(line) and line.words <= 12


# What a story may end on in short lines: a vote's or a poll's shares ("Yes: 54%", "CDU/CSU
# 30 %, AfD 20 %"), a match's score ("Arsenal 2, Chelsea 1", "PSG - OM : 3-0"). Footers
# hold dates, times, counts and phone numbers; a promotion's one share ("Save 20%",
# "49% OFF") and opening hours ("Hours: 9-5") are no result.
_RESULT = re.compile(
    r":\s?\d{1,3}(?:[.,]\d{1,2})?\s?%$"  # a labelled share closing the line
    r"|[^\W\d_]\s\d{1,3}\s?[,–-]\s?[^\W\d_][^\d]*\s\d{1,3}$"  # Team 2, Team 1
    r"|[^\W\d_]\s[-–]\s[^\W\d_][^:]*:\s?\d{1,2}\s?[-–]\s?\d{1,2}$"  # Team - Team : 3-0
)


def is_result(norm: str) -> bool:
    """A poll's shares or a match's score (see `_RESULT`): two shares or more, or one shape."""
    return norm.count("%") >= 2 or _RESULT.search(norm) is not None


TAIL = ContextRule(
    id="structure.tail",
    reason="short line in the clutter after the story's end",
    apply=_tail,
)


# Families whose clutter comes in titled boxes: a gallery, a links box, a sign-up box.
_BOX_FAMILIES = frozenset({"gallery", "links", "newsletter", "social", "ads"})


def _orphan_heading(doc: Document, rule: ContextRule) -> None:
    """A heading whose whole section was removed and held a box (gallery, links, sign-up).

    A section that held only image captions keeps its heading: "Paris attacks" over
    a photo is as likely the story's subheading as the image's title, and recall
    wins a tie. So does a result ("Arsenal 2, Chelsea 1"): no box is titled with one.
    """
    lines = doc.lines
    headings = [line.index for line in lines if line.label == "heading"]
    # Only a heading with clutter right below it can head a section of clutter.
    over_clutter = [idx for idx in headings if idx + 1 < len(lines) and lines[idx + 1].label == "clutter"]
    # From the end: the section of a heading runs to the next heading, whose own label
    # (clutter, once marked) is not part of it.
    for idx in reversed(over_clutter):
        k = bisect_right(headings, idx)
        section = lines[idx + 1 : headings[k] if k < len(headings) else len(lines)]
        if idx > 0 and _box_section(section) and not is_result(lines[idx].norm):
            doc.mark(lines[idx], rule)


def _box_section(section: list[Line]) -> bool:
    """All clutter, a box among it, and no byline or dateline: a heading over a byline is
    the headline, not a box title; one over a footer line alone ("02-751-1500" over a
    copyright) may be the story's last line."""
    if any(line.label != "clutter" for line in section):
        return False
    families = {family_of(rule) for rule in {line.rule for line in section}}
    return bool(families & _BOX_FAMILIES) and "head" not in families


ORPHAN_HEADING = ContextRule(
    id="structure.orphan_heading",
    reason="heading whose section holds only clutter",
    apply=_orphan_heading,
)


# A pull quote repeats a paragraph; a repeated short line (a question put to each
# interviewee, a step in a recipe) is the story's own structure.
REPEAT_MIN_WORDS = 12


def _repeat(doc: Document, rule: ContextRule) -> None:
    """A long line repeated verbatim later (pull quotes, sticky headers) is kept once."""
    seen: set[str] = set()
    for line in doc.lines:
        if line.label == "clutter" or line.words < REPEAT_MIN_WORDS:
            continue
        if line.norm in seen:
            doc.mark(line, rule)
        else:
            seen.add(line.norm)


REPEAT = ContextRule(
    id="structure.repeat",
    reason="verbatim repeat of an earlier paragraph (pull quote)",
    apply=_repeat,
)

LIST_MAX_ITEMS = 40
# An item is a short line: a name ("Facebook"), a figure ("$129.99 at Walmart"), a date, a
# clause ("(a) cut emissions by half;"). A longer line is prose and ends the list.
LIST_ITEM_MAX_WORDS = 8
# A line a rule claimed is an item when it is a name or one word ("dpa"), or a figure, a
# handle or a pair of up to three words ("Facebook 2,900", "@cityhall", "AC/DC"): "Log in
# with Facebook" ends the list.
CLAIMED_ITEM_MAX_WORDS = 3
_FIGURE = re.compile(r"[\d@/]")
# A line with a figure in it that is no field of a form or a contact box (no colon, no "@").
_QUANTITY = re.compile(r"^(?=[^:@]*\d)[^:@]*$")
ADS = ads.MARKER.family
# A line of these families heads or closes a box ("Read more", "Related Stories",
# "Newsletter", "About us"): it ends a list, whatever its shape.
_LIST_ENDING_FAMILIES = frozenset({links.READ_MORE.family, newsletter.BLOCK.family, footer.AUTHOR_BIO.family})

# A colon line that speaks to the reader heads a share box or a form, not a list:
# "Share this story on:", "Enter your e-mail and password:", "Reach us at:". A prompt's
# verb opens the line; further in, the story uses it ("Nations that did not sign up to
# the treaty include:", "Companies that pledged to follow the new rules are:"). Nor are
# "you", "US", "our reporters", "share a border", "the rate of" or "click fraud" calls.
_CALL_TO_ACT = re.compile(
    r"^(?:please |now |then )?(?:share (?:this|on|with|via|it|your|our)|follow\b(?!\s?[:：]$)|connect|subscribe|"
    r"sign up|tweet|download|available (?:on|at)|listen (?:on|to)|watch (?:on|it)|read (?:more|on)|"
    r"(?:click|tap)(?:ing)? (?:here|to|on|below|the|this)|rate (?:this|us|the)|sign in|log in|login)\b"
    r"|\b(?:follow (?:us|me|our|along|@)|(?:click|tap)(?:ing)? here|your|(?-i:us)|please|me|my|rating|jump to|search for|"
    r"(?:may|might|would) (?:also )?(?:like|enjoy)|you are here|more (?:stories|news|from|on|in|videos))\b"
    # reported speech heads a quote or a comment ("jbaxt says:"), not a list
    r"|\b(?:says|said|writes|wrote|asks|asked|replied|replies|adds|added|tweeted|posted):$",
    re.IGNORECASE,
)
# Opening words of a page's prompts and controls ("Explore all categories:", "Select an amount:").
_UI_OPENING = re.compile(
    r"(?:explore|show|jump|search|browse|select|choose|find|get|see|view|shop|discover|visit|go|check|learn|"
    r"try|start|join|enter|log|contact|call|email|send|buy|order|book|compare|filter|sort|switch|change|"
    r"skip|back|continue|open|save|add|print|copy|upload|register|apply|request|submit|claim|donate|give|"
    r"manage|accept|reject|allow|customi[sz]e)\b",
    re.IGNORECASE,
)


# What a line ending in a colon says of the lines below it.
NO_LIST, LIST, FIGURES = 0, 1, 2  # FIGURES: a list only if every item holds a figure


def _list_intro(line: Line, said: dict[str, int]) -> int:
    """Whether a prose line introduces a list: "The companies fined were:" (LIST), or a
    title-case line that may be a label ("Zutaten für 4 Personen:", "Results from
    Saturday:": German nouns and names are capitalised) whose items are figures (FIGURES).

    `said` remembers the answer for each text (only the label is not the text's own)."""
    if line.label == "clutter":
        return NO_LIST
    intro = said.get(line.norm)
    if intro is None:
        norm = line.norm
        intro = NO_LIST
        if norm[-1] in ":：" and _long_enough(line) and _CALL_TO_ACT.search(norm) is None:
            intro = LIST if _written_as_sentence(norm) else FIGURES if _label_in_title_case(norm) else NO_LIST
        said[norm] = intro
    return intro


# Scripts written without spaces between words: Thai, kana, CJK ideographs.
_UNSPACED_SCRIPT = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def _long_enough(line: Line) -> bool:
    """Three words, or in a script written without spaces eight characters ("被罚款的平台包括：");
    not one long word of another script ("Подробнее:")."""
    return line.words >= 3 or (len(line.norm) >= 8 and _UNSPACED_SCRIPT.search(line.norm) is not None)


def _written_as_sentence(norm: str) -> bool:
    """Not a label in title case ("Explore All Categories:"), unless all in capitals, nor a
    prompt or a menu's own item: on whole pages those head menus, not lists."""
    if norm[0] in "•·*-–—+":  # "* I need help with:"
        return False
    if norm.isupper():
        return len(norm.split()) >= 4  # "THE COMPANIES FINED WERE:", not "NEW ADD ONS:"
    if _UI_OPENING.match(norm) is not None:
        return False
    # A label capitalises its last word too; a sentence full of names ends in its verb or
    # a preposition: "The European Commission fined:", "Die Kommission verhängte Strafen gegen:".
    return not _label_in_title_case(norm)


def _label_in_title_case(norm: str) -> bool:
    return title_case(norm) and norm.rstrip(":： ").rsplit(" ", 1)[-1][:1].isupper()


# A name of up to four words ("Facebook", "Getty Images", "Alphabet Inc."), after a bullet
# or a number if the list has them ("• Facebook", "- Twitter", "2. Google"). Capitals of
# any script: "Зарплаты", "Économie" (`[^\W\d_]` is a letter; its case is asked apart).
_NAME_ITEM = re.compile(
    r"^(?:[•·*\-–—]\s?|\d{1,2}[.)]\s)?(?:\d|[^\W\d_])[\w'’.&+-]*(?: (?:[\w&][\w'’.&+-]*|of|and|the|de|for)){0,3}$"
)
_PARTICLES = frozenset({"of", "and", "the", "de", "for"})


def _is_name(text: str) -> bool:
    """Up to four words, each capitalised (or a digit, "&", a particle): a name alone."""
    if _NAME_ITEM.match(text) is None:
        return False
    words = text.lstrip("•·*-–— ").split()
    if words[0][:1].isdigit() and words[0][-1:] in ".)" and len(words) > 1:  # "2. Google"
        words = words[1:]
    first, rest = words[0], words[1:]
    return (not first[0].isalpha() or first[0].isupper()) and all(
        w in _PARTICLES or not w[0].isalpha() or w[0].isupper() for w in rest)


def _list_item(line: Line, claimable: frozenset[str]) -> bool:
    """A short line under the introduction: kept, or claimed by a rule of `claimable` for its name alone."""
    if line.label == "clutter":
        return line.rule in claimable and (_is_name(line.norm) or line.words == 1 or (
            line.words <= CLAIMED_ITEM_MAX_WORDS and _FIGURE.search(line.norm) is not None))
    return line.words <= LIST_ITEM_MAX_WORDS


def _list_items(lines: list[Line], idx: int, claimable: frozenset[str]) -> tuple[list[Line], int]:
    """The items under the introduction at `idx`, and the index just past them.

    Items stand in one block (the introduction's or the next), or one paragraph each, as
    the first item shows; the list ends where that layout does, or at a line that is no
    item. An ad marker among them is no item, and the list goes on past it.
    """
    first = idx + 1
    one_each = first < len(lines) and lines[first].blank_before and lines[first].blank_after
    end, items = first, []
    while end < len(lines) and end - idx <= LIST_MAX_ITEMS:
        line = lines[end]
        if end > first and (not (line.blank_before and line.blank_after) if one_each else line.blank_before):
            break
        if _list_item(line, claimable):
            items.append(line)
        elif family_of(line.rule) != ADS:
            break
        end += 1
    return items, end


def _introduced_lists(doc: Document, rule: ContextRule) -> None:
    """A list the story announces is story, whatever the line rules claim of its items.

    "The companies fined were:" then "Facebook", "Twitter", "Google": the items are
    names the share and credit rules claim, but a sentence ending in a colon says a
    list follows. The sentence and its items are kept (`Document.keep`), so that no
    later pass takes them: not the caption pass ("Getty Images" as an item), nor the
    tail and sandwich passes, nor the page zones, which take a run of short lines at
    a text's head or tail for a menu. A share bar that no such sentence introduces
    ("Share on Facebook / Twitter") still goes.
    """
    lines = doc.lines
    # Only a line ending in a colon may introduce a list: one sweep finds them all.
    colons = [line for line in lines if line.norm[-1] in ":："]
    if not colons:
        return
    said: dict[str, int] = {}
    # A line rule judges a line alone: under a sentence that announces a list, "Search",
    # "Accept" or "Zoom" are items ("The group has three divisions: / Search / ..."). An ad
    # marker is not: an ad slot lands between any two lines, a list's too, and the list
    # goes on past it.
    line_rules = doc.line_rules.rules if doc.line_rules is not None else ()
    claimable = frozenset(r.id for r in line_rules if r.family != ADS and r.family not in _LIST_ENDING_FAMILIES)
    resume = 0  # lines before it belong to a list already judged
    for intro in colons:
        idx = intro.index
        kind = _list_intro(intro, said) if idx >= resume else NO_LIST
        if kind == NO_LIST:
            continue
        items, end = _list_items(lines, idx, claimable)
        # Two items at least: one name under a colon may be a credit. Under a label, figures
        # only (ingredients, results): a menu's or a box's items are names, a contact box's
        # are fields ("Phone: 316-831-6143", "E-Mail: ...").
        if len(items) >= 2 and (kind == LIST or all(_QUANTITY.match(item.norm) for item in items)):
            for line in (intro, *items):
                doc.keep(line)
        resume = end


INTRODUCED_LIST = ContextRule(
    id="structure.introduced_list",
    reason="keeps a list a sentence introduces, the sentence and its items ('The companies fined were:')",
    apply=_introduced_lists,
)

LINE_RULES = ()
