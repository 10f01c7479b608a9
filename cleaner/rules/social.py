"""Share bars, follow prompts, comment counters and the comment section.

Share bars are lines made only of network names and share verbs; a sentence that
mentions Facebook or Twitter has other words and is kept. The comment section is a
run: from its heading ("Leave a Reply", "12 Comments") in the last part of the
text, everything after it is readers' comments.
"""
from __future__ import annotations

import re

from ..segment import Line
from .base import ContextRule, Document, LineRule

_NETWORKS = (
    "facebook", "twitter", "x", "linkedin", "whatsapp", "telegram", "reddit", "pinterest", "pin",
    "pint", "email", "e-mail", "mail", "print", "share", "shares", "tweet", "sms", "copy link",
    "copy", "link", "flipboard", "tumblr", "messenger", "vk", "vkontakte", "ok", "line", "kakao",
    "weibo", "wechat", "xing", "instagram", "youtube", "tiktok", "threads", "bluesky", "mastodon",
    "google+", "google", "comment", "comments", "save", "bookmark", "gift", "gift article",
    "share this", "share this article", "share this story", "share on facebook", "share on twitter",
    "share on linkedin", "share via email", "share via", "baixar", "compartilhar", "compartir",
    "partager", "teilen", "condividi", "bagikan", "поделиться", "paylaş", "more", "close", "0",
)
_NETWORK_WORDS = sorted({w for n in _NETWORKS for w in re.split(r"[\s\-+]+", n) if w}, key=len, reverse=True)
# One token may run several names together: "FacebookTwitterEmail".
_NETWORK_RUN = re.compile(r"(?:" + "|".join(re.escape(w) for w in _NETWORK_WORDS) + r")+\+?", re.IGNORECASE)
# Words that join network names in a bar ("Share on Facebook", "Teilen auf Facebook")
# without making it a sentence.
_JOINERS = frozenset({
    "on", "via", "auf", "sur", "en", "em", "no", "na", "su", "per", "in", "ile", "this", "article",
    "story", "page", "post", "the", "to", "e", "with", "by", "de", "di", "a",
})
_SEPARATORS_CHARS = " \t|/•·,;:()[]-–—+"
_SEPARATORS = re.compile(r"[\s|/•·,;:()\[\]\-–—+]+")


def _is_share_bar(text: str) -> bool:
    """Every token is a network name, a share verb, a count or a joiner; one at least a network."""
    if len(text) > 200:
        return False
    parts = [p for p in _SEPARATORS.split(text) if p]
    if not parts or len(parts) > 14:
        return False
    networks = 0
    for part in parts:
        if part.lower() in _JOINERS or part.replace(",", "").isdigit():
            continue
        if not _NETWORK_RUN.fullmatch(part):
            return False
        networks += 1
    return networks > 0


_NETWORK_STARTS = tuple(sorted(_NETWORKS, key=len, reverse=True))


class _ShareBar(LineRule):
    """The share-bar shape is code, not data: a line made only of network names."""

    def matches(self, line: Line) -> bool:  # type: ignore[override]
        return self.might_match(line) and _is_share_bar(line.norm) or super().matches(line)

    def might_match(self, line: Line) -> bool:
        # A share bar's first token is a network name or a share verb.
        return line.words <= 14 and line.lower.lstrip(_SEPARATORS_CHARS).startswith(_NETWORK_STARTS)


SHARE = _ShareBar(
    id="social.share",
    reason="share bar (network names and share buttons)",
    exact=("share this article", "share this story", "share article", "share story", "share",
           "share this", "share on facebook", "share on twitter", "sharing is caring",
           "share this page", "share via", "share:", "print this article", "email this article",
           "share the story", "click to share", "opens in new window"),
    patterns=(
        r"^(?:share|tweet|email|pin) (?:this|on|via|to) (?:facebook|twitter|x|linkedin|whatsapp|email|pinterest|reddit)\b.{0,60}$",
        r"^click to (?:share|email|print)\b.{0,60}$",
        r"^\d[\d,.]*\s?[km]?\s*(?:shares?|likes?)$",
    ),
)

FOLLOW = LineRule(
    id="social.follow",
    reason="follow-us prompt",
    patterns=(
        r"^(?:follow|like|join) (?:us|@\w+|[\w.’' ]{1,40}) on (?:facebook|twitter|x|instagram|linkedin|"
        r"youtube|tiktok|telegram|threads|bluesky|google news)\b.{0,120}$",
        # "Follow us on ...", "Follow us:", not "Follow us, the protesters chanted ..."
        r"^(?:follow|find) us(?: (?:on|at|here|for|via|in|elsewhere)\b[^,;“”\"]{0,80}|\s?[:!].{0,80})?$",
        r"^(?:síguenos|siguenos|folgen sie uns|folge uns|suivez-nous|seguici|siga-nos|sigam-nos|"
        r"bizi takip edin|ikuti kami|подписывайтесь на нас|следите за нами)\b.{0,100}$",
        r"^like us on facebook\b.{0,100}$",
        r"^(?:connect|stay connected) with us\b.{0,80}$",
        r"^@\w{2,30}$",
    ),
    max_chars=260,
)

COMMENT_COUNT = LineRule(
    id="social.comment_count",
    reason="comment counter or comment-form control",
    exact=("comments", "comment", "view comments", "show comments", "hide comments", "add a comment",
           "post a comment", "leave a comment", "leave a reply", "add comment", "0 comments",
           "no comments", "join the conversation", "join the discussion", "comments (+)",
           "see comments", "read comments", "write a comment", "cancel reply", "reply", "report",
           "reader comments", "comment on this story", "commenti", "kommentare",
           "комментарии", "comentarios", "comentários", "yorumlar", "tinggalkan balasan"),
    patterns=(
        r"^\(?\d{1,6}\)?\s*(?:comments?|replies|reply|responses?|kommentare|commenti|comentarios|comentários|комментари\w*)\)?$",
        r"^(?:comments?|replies)\s*\(\d{1,6}\)$",
        r"^your email address will not be published\b.{0,80}$",
        r"^required fields are marked\b.{0,20}$",
        r"^this site uses akismet to reduce spam\b.{0,80}$",
        r"^you are commenting using your\b.{0,120}$",
        r"^(?:log in|sign in|register) to (?:comment|reply|post)\b.{0,60}$",
        r"^notify me of (?:new|follow-up) (?:comments|posts)\b.{0,80}$",
        r"^save my name, email\b.{0,160}$",
        r"^comments? (?:are|have been) (?:closed|disabled)\b.{0,60}$",
        r"^rating:\s*\d+\s*votes?$",
    ),
)

_SECTION_START = frozenset({
    "comments", "leave a reply", "leave a comment", "join the conversation", "join the discussion",
    "reader comments", "add a comment", "post a comment", "comments (+)",
    "show comments", "view comments", "tinggalkan balasan", "kommentare", "commenti", "comentarios",
    "comentários", "комментарии", "yorumlar", "responses", "replies", "lascia un commento",
    "deixe um comentário", "deja un comentario", "laisser un commentaire", "kommentar schreiben",
    "top rated comments", "most popular comments", "newest comments", "comments are closed",
})
_SECTION_COUNT = re.compile(r"^\(?\d{1,6}\)?\s*(?:comments?|responses?|replies)\)?\s*(?:on|to)?\b.{0,80}$", re.I)


def _comment_section(doc: Document, rule: ContextRule) -> None:
    """Everything after a comment-section heading in the last part of the text."""
    lines = doc.lines
    content = doc.content_indices()
    if len(content) < 3:
        return

    # The heading must come after most of the story: 60% of its content lines.
    earliest = content[int(len(content) * 0.6)]
    for idx in range(earliest, len(lines)):
        line = lines[idx]
        key = line.key
        if key in _SECTION_START or (line.words <= 12 and _SECTION_COUNT.match(line.norm)):
            for later in lines[idx:]:
                if later.label != "clutter" or later.rule == COMMENT_COUNT.id:
                    doc.mark(later, rule)
            return


COMMENT_SECTION = ContextRule(
    id="social.comment_section",
    reason="readers' comment section at the end of the page",
    apply=_comment_section,
)

# Comment counters first: "0 Comments" is a counter before it is a share bar.
LINE_RULES = (COMMENT_COUNT, SHARE, FOLLOW)
CONTEXT_RULES = (COMMENT_SECTION,)
