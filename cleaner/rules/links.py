"""Link lines that point away from the story: related, read more, recommended.

They are short lines that open with a label ("RELATED:", "Read more:", "See also")
or consist of one ("Read Full Story", "Continue reading"). A label needs its colon
or its line to itself, so "Read more books, the minister urged." stays.
"""
from __future__ import annotations

from .base import ContextRule, Document, LineRule
from .phrases import NOT_REPORTED

_LABELS = (
    r"related|related articles?|related stories|related story|related coverage|related content|"
    r"related links?|related news|related video|related reading|read more|read also|also read|"
    r"read next|read|more|more from [\w .'’&-]{1,40}|more on (?:this|that)(?: story| topic)?|see also|also see|"
    r"recommended|recommended for you|recommended reading|recommended stories|you may also like|"
    r"you might also like|you may be interested in|don'?t miss|must read|most read|most popular|"
    r"popular|trending|trending now|top stories|latest|latest news|editor'?s picks?|"
    r"further reading|related topics|watch|video|listen|more stories|more news|next|up next|"
    r"lesen sie auch|lesen sie mehr|mehr zum thema|auch interessant|lire aussi|à lire aussi|"
    r"voir aussi|lee también|lea también|leer más|te puede interesar|leia mais|leia também|"
    r"veja também|saiba mais|leggi anche|baca juga|baca selengkapnya|читайте также|"
    r"читайте также|материалы по теме|по теме|ayrıca bakınız|ilgili haberler|関連記事|관련기사|"
    r"more [\w .&'’-]{1,30}(?=:\s?https?://)|related article|lire aussi|haberle ilgili daha fazlası|"
    r"lees ook|lees meer|relacionado|relacionada|relacionados|zobacz też|zobacz także|czytaj też|czytaj także|"
    r"ilgili haber|あわせて読みたい|相关阅读|相關閱讀|延伸閱讀|potrebbe interessarti(?: anche)?|à lire également"
)

RELATED = LineRule(
    id="links.related",
    reason="related-article link line ('RELATED:', 'Read more:', 'See also')",
    # A headline, a link or a name after the label; a lower-case clause of three words or more is a
    # sentence ("Latest: police said two people were arrested.")
    patterns=(rf"^[\W_]{{0,3}}(?:{_LABELS})\s?[:：|»›>]\s?(?:https?://|www\.|(?!(?-i:[a-z])\S*(?:\s\S+){{2}}))\S.{{0,200}}$",),
    max_chars=260,
)

READ_MORE = LineRule(
    id="links.read_more",
    reason="link to the full story or more content ('Read Full Story', 'Continue reading')",
    exact=(
        "read full story", "read the full story", "read full article", "read the full article",
        "read the rest of the story", "continue reading", "continue reading below",
        "continue reading the main story", "read more", "read more »", "more »", "click here",
        "click here to read more", "click here for more", "read the original article",
        "read the original story", "view the full article", "full story", "full article",
        "read story", "read article", "see more", "show more", "load more", "view more",
        "read full review", "read the full review", "read the full report", "read all comments",
        "keep reading", "continue to article", "continue to full story", "view full article",
        "lesen sie mehr", "weiterlesen", "lire la suite", "leer más", "seguir leyendo",
        "continuar lendo", "leia mais", "continua a leggere", "baca selengkapnya", "читать далее",
        "читать полностью", "devamını oku", "もっと見る", "続きを読む", "더보기",
        "related", "related articles", "related stories", "related content", "related coverage",
        "recommended", "recommended for you", "recommended stories", "you may also like",
        "you might also like", "more stories", "more from this section", "more news",
        "most read", "most popular", "trending", "trending now", "trending news", "top stories",
        "editor's picks", "editors' picks", "don't miss", "also read", "see also", "more",
        "more:", "watch next", "related video", "related videos", "more videos",
        "you may be interested in", "around the web", "from our partners", "promoted stories",
        "sponsored stories", "more in this category", "latest stories", "latest news",
        "lesen sie auch", "mehr zum thema", "lire aussi", "leia também", "leia mais",
        "veja também", "leggi anche", "baca juga", "читайте также", "материалы по теме",
        "explore further", "ilgili haberler", "benzer haberler", "berita terkait", "artikel terkait",
        "похожие новости", "partner news", "sponsored links", "more on this story", "in other news",
        "keep reading", "recommended videos", "popular categories", "also on", "weitere artikel",
        "te puede interesar", "noticias relacionadas", "notícias relacionadas", "關連記事", "関連記事",
        "what to read next", "read next", "explore more on these topics", "explore more", "most viewed",
        "más información", "mais informações", "plus d'informations", "haberle ilgili daha fazlası",
        "i̇lgi̇li̇ haberler", "related links", "read more live coverage", "more in books", "also in the news",
        "view original content", "related posts", "similar posts", "you might be interested in",
        "más noticias", "plus d'articles", "notas relacionadas", "mais lidas", "más leídas", "les plus lus",
        "à lire aussi", "a lire aussi", "à lire également", "zobacz też", "zobacz także", "czytaj też",
        "czytaj także", "potrebbe interessarti", "potrebbe interessarti anche", "lees ook", "lees meer",
        "meistgelesen", "popular in the community", "mehr nachrichten", "altre notizie", "berita lainnya",
    ),
    patterns=(
        rf"^{NOT_REPORTED}(?:read|continue reading|see|view|watch|listen to|get) (?:the )?(?:full|whole|entire|original|complete) "
        r"(?:story|article|report|interview|review|list|piece|post|video|statement|text)\b.{0,80}$",
        # "Click here to ...", not "Click here, the fake message said, ..."
        rf"^{NOT_REPORTED}(?:click|tap) here (?:to|for)\b.{{0,100}}$",
        rf"^{NOT_REPORTED}(?:this (?:article|story) (?:was )?(?:originally|first) (?:appeared|published) (?:on|in|at))\b.{{0,120}}$",
        # "Originally published on Medium", not "First published in 1951, the novel has sold ..."
        # not a sentence's opening clause: "First appeared in the Beano in 1951, Dennis the Menace is ..."
        r"^(?:originally|first) (?:published|appeared) (?:on|in|at|by) (?!.*,\s(?!\d)\S+(?:\s\S+){2,}).{1,120}$",
        r"^(?:view|see|read) (?:all|more) (?:comments|stories|articles|news|photos|videos)\b.{0,40}$",
        # Headings of link boxes: "More Great WIRED Stories", "Our Latest Stories", "More from UK"
        r"^(?:more|other|our|the latest|latest|recent|popular|top|trending|related|recommended|"
        r"most (?:read|popular|viewed|shared))(?: [\w&'’.-]+){0,2} (?:stories|articles|news|posts|videos|"
        r"reads|headlines|categories|coverage)$",
        r"^more (?:from|in|on) [\w '’&-]{1,30}$",
        # PR Newswire: "View original content to download multimedia: http://..."
        r"^view original content\b.{0,300}$",
    ),
)


def _link_lists(doc: Document, rule: ContextRule) -> None:
    """Headline lists under a related-links heading: short lines without final punctuation.

    After a line such as "Related stories", "More from Business" or "Topics", the
    following lines of the same block that look like headlines (a few words, no
    sentence end) are links, not story.
    """
    lines = doc.lines
    # The pass marks only headline-like lines, never a heading: the headings found first stay.
    heading_rules = frozenset({READ_MORE.id, "navigation.tags"})
    headings = [line for line in lines if line.rule in heading_rules]
    for line in headings:
        if line.rule == "navigation.tags" and line.words > 3:
            continue
        idx = line.index
        key = line.key
        if key.startswith(("read", "continue", "click", "keep")) and key not in _LIST_READ_HEADINGS:
            continue
        j = idx + 1
        while j < len(lines) and not lines[j].blank_before and _headline_like(lines[j]):
            doc.mark(lines[j], rule)
            j += 1


# "Read more" heads a list of headlines (Al Jazeera's "READ MORE" box), "Read full story" does not.
_LIST_READ_HEADINGS = frozenset({"read more", "read next", "read also", "what to read next"})


def _headline_like(line) -> bool:
    """A linked headline: short, and not a sentence ("Plastic bag charge 'to be extended'")."""
    if line.words > 16:
        return False
    if line.label in ("heading", "uncertain"):
        return True
    return line.label == "content" and line.norm[-1] not in ".!?:;,"


LINK_LIST = ContextRule(
    id="links.list",
    reason="headline links listed under a related-links heading",
    apply=_link_lists,
)

LINE_RULES = (RELATED, READ_MORE)
