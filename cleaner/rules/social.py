"""Share bars, follow prompts, comment counters and the comment section.

Share bars are lines made only of network names and share verbs; a sentence that
mentions Facebook or Twitter has other words and is kept. The comment section is a
run: from its heading ("Leave a Reply", "12 Comments") in the last part of the
text, everything after it is readers' comments.
"""
from __future__ import annotations

import re
from collections import Counter

from ..dates import find_timestamp, is_timestamp_only
from ..segment import Line
from .base import ContextRule, Document, LineRule
from .phrases import NOT_REPORTED

_NETWORKS = (
    "facebook", "twitter", "x", "linkedin", "whatsapp", "telegram", "reddit", "pinterest", "pin",
    "pint", "email", "e-mail", "mail", "print", "share", "shares", "tweet", "sms", "copy link",
    "copy", "link", "flipboard", "tumblr", "messenger", "vk", "vkontakte", "ok", "line", "kakao",
    "weibo", "wechat", "xing", "instagram", "youtube", "tiktok", "threads", "bluesky", "mastodon",
    "google+", "google", "comment", "comments", "save", "bookmark", "gift", "gift article",
    "share this", "share this article", "share this story", "share on facebook", "share on twitter",
    "share on linkedin", "share via email", "share via", "baixar", "compartilhar", "compartir",
    "partager", "teilen", "condividi", "bagikan", "поделиться", "paylaş", "more", "close", "0",
    "compartilhe", "compartir en", "copiar enlace", "copiar", "enlace", "copier le lien", "link kopieren", "copiar link", "artikel teilen",
)
# Single words of the names; one-letter pieces ("e" of "e-mail") would let "email" split
# two ways and a long run of them backtrack exponentially, so only "x" keeps one letter.
_NETWORK_WORDS = sorted(
    {w for n in _NETWORKS for w in re.split(r"[\s\-+]+", n) if len(w) > 1 or w == "x"}, key=len, reverse=True
)
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


def _share_bar_shape(line: Line) -> bool:
    """The share-bar shape is code, not data: a line made only of network names."""
    # A share bar's first token is a network name or a share verb: most lines fail here.
    if line.words > 14 or not line.lower.lstrip(_SEPARATORS_CHARS).startswith(_NETWORK_STARTS):
        return False
    return _is_share_bar(line.norm)


SHARE = LineRule(
    id="social.share",
    reason="share bar (network names and share buttons)",
    exact=("share this article", "share this story", "share article", "share story", "share",
           "teilen sie diesen artikel", "artikel teilen", "partagez cet article", "partager cet article",
           "comparte esta noticia", "compartir esta noticia", "compartilhe esta notícia",
           "compartilhe esta matéria", "condividi questo articolo", "deel dit artikel",
           "udostępnij artykuł", "この記事をシェアする",
           "share this", "share on facebook", "share on twitter", "sharing is caring",
           "share this page", "share via", "share:", "print this article", "email this article",
           "share the story", "click to share", "opens in new window", "give this article", "gift this article",
           "send any friend a story", "share full article", "share obituary", "sign guest book", "send flowers",
           "guest book", "view guest book", "like this", "like loading", "like loading...", "listen share",
           "link copied", "copied to clipboard", "spread the word", "シェア", "공유하기", "공유", "分享"),
    patterns=(
        r"^(?:share|tweet|email|pin) (?:this|on|via|to) (?:facebook|twitter|x|linkedin|whatsapp|email|pinterest|reddit)\b.{0,60}$",
        r"^click to (?:share|email|print)\b.{0,60}$",
        r"^\d[\d,.]*\s?[km]?\s*(?:shares?|likes?|followers|claps|reactions)$|^share\s+\d[\d,.]*\s?[km]?$",
        r"^share this with (?:email|facebook|messenger|twitter|whatsapp|linkedin|pinterest|reddit|sms)$",
        # "Auf Facebook teilen", "Per E-Mail teilen", "Partager sur Facebook", "Compartir en WhatsApp", "Delen op X"
        r"^(?:auf|per|via|bei) (?:facebook|twitter|x|linkedin|whatsapp|e-?mail|pinterest|reddit|telegram|xing|threads|"
        r"bluesky) teilen$|^(?:partager|compartir|compartilhar|condividi|delen|udostępnij|paylaş) (?:sur|par|en|no|na|"
        r"su|per|op|via|w|on|por) (?:facebook|twitter|x|linkedin|whatsapp|e-?mail|pinterest|reddit|telegram|threads|"
        r"bluesky|messenger)$",
        # Le Monde: "Vous pouvez partager un article en cliquant sur les icônes de partage ..."
        r"^vous pouvez partager un article\b.{0,160}$",
        # Recipe blogs: "Did you make this recipe? Tag @name on Instagram ..."
        r"^did you (?:make|try|cook|bake) this(?: recipe)?\?.{0,200}$",
    ),
    shape=_share_bar_shape,
)

FOLLOW = LineRule(
    id="social.follow",
    reason="follow-us prompt",
    patterns=(
        # "Follow us on X", "Join Jane on Instagram", "Like us on Facebook"; not "Like many teenagers on TikTok, ..."
        rf"^{NOT_REPORTED}(?:(?:follow|join) (?:us|@\w+|[\w.’' ]{{1,40}})|like us) on (?:facebook|twitter|x|instagram|linkedin|"
        r"youtube|tiktok|telegram|whatsapp|threads|bluesky|google news)\b.{0,120}$",
        # "Follow us on ...", "Follow us:", not "Follow us, the protesters chanted ..."
        r"^(?:follow|find) us(?: (?:on|at|here|for|via|in|elsewhere)\b[^,;“”\"]{0,80}|\s?[:!].{0,80})?$",
        # ... naming a network: "Síguenos en la calle, gritaban los manifestantes" is no prompt
        r"^(?:síguenos|siguenos|folgen sie uns|folge uns|suivez-nous|seguici|siga-nos|sigam-nos|"
        r"bizi takip edin|ikuti kami|подписывайтесь на нас|следите за нами)\b"
        r"(?=[\s:!.]*$|.{0,80}\b(?:facebook|twitter|x|instagram|linkedin|youtube|tiktok|telegram|whatsapp|threads|"
        r"google news|redes|réseaux|sozialen|social|vk|вконтакте|дзен|dzen)\b).{0,100}$",
        r"^like us on facebook\b.{0,100}$",
        # "For the latest news, follow us on Google News", "Stay updated – follow us on LinkedIn"
        rf"^{NOT_REPORTED}(?:for (?:the )?(?:latest|more) (?:news|updates|stories)[\w ]{{0,20}},\s?|"
        r"stay (?:updated|tuned|informed|connected)\W{1,4})follow us\b.{0,80}$",
        r"^(?:get|receive) (?:the )?latest (?:news|updates)\b.{0,40}\bon (?:our )?(?:telegram|whatsapp|google news)\b.{0,30}$",
        r"^bizi \w+['’]?\w* takip edin\b.{0,20}$",
        r"^(?:follow|takip et|folgen|suivre|seguir|ikuti)$",
        r"^chat with us (?:in|on) (?:facebook messenger|messenger|whatsapp)\b.{0,120}$",
        r"^(?:join|find) us on (?:twitter|facebook|instagram)(?: and (?:twitter|facebook|instagram))?\.?$",
        # RIA: "Подписывайтесь на РИА Новости в Telegram", "Добавьте РИА Новости в свои источники"
        r"^подписывайтесь на .{1,60}\b(?:telegram|дзен|дзене|vk|вконтакте|youtube|max)\b.{0,40}$",
        r"^добавьте .{1,40} в (?:свои источники|избранное)\b.{0,40}$",
        # Kompas: "Simak breaking news dan berita pilihan kami langsung di ponselmu ..."
        r"^(?:simak|dapatkan) (?:breaking news|berita|update berita|informasi)\b"
        r"(?=.{0,200}\b(?:ponsel\w*|whatsapp|telegram|google news|saluran|channel|aplikasi)\b).{0,300}$",
        rf"^{NOT_REPORTED}(?:connect|stay connected) with us\b.{{0,80}}$",
        r"^@\w{2,30}$",
    ),
    max_chars=400,
)

APP = LineRule(
    id="social.app",
    reason="prompt to download the publisher's app",
    exact=("download the app", "get the app", "download our app", "open in app", "open app", "open the app",
           "get it on google play", "download on the app store", "available on the app store",
           "app herunterladen", "télécharger l'application", "descargar la app", "baixe o app", "scarica l'app",
           "unduh aplikasi", "uygulamayı indir", "скачать приложение"),
    patterns=(
        # "Download the BBC News app", "Get the CNN app for iOS and Android", "Download our app for the latest news"
        # ... and what may follow the app: not a sentence ("Install the app on an older phone and it crashes ...")
        r"^(?:download|get|install|try) (?:the|our) (?:free )?(?:[\w.'’&-]+ ){0,4}app(?:\s(?:now|today|here|"
        r"for (?:free|ios|android|iphone|ipad|your (?:phone|device)|the latest|more|breaking|all)|on (?:ios|android|the app store|"
        r"google play)|(?:from|on|in) (?:the )?(?:apple |google )?(?:app store|play store|google play)|"
        r"to (?:get|read|stay|receive|follow|listen|watch))\b[^.!?]{0,80}|:\s[^.!?]{1,100})?[.!:]?$",
        r"^(?:available|download(?:able)?|get it) (?:on|from|in) (?:the )?(?:app store|google play|play store)\b.{0,60}$",
        # Other languages: "Jetzt die App herunterladen", "Téléchargez l'application", "Descarga la app", ...
        r"^(?:jetzt )?(?:die |unsere )?(?:[\w.-]+[- ])?app (?:jetzt )?(?:herunterladen|laden)\b.{0,60}$|"
        r"^(?:téléchargez|télécharger|descarga|descargue|baixe|scarica|unduh|скачайте|скачать) "
        r"(?:l['’]|la |a |o |el |nossa |nosso |nuestra |notre |la nostra |)(?:app|application|aplicación|aplicativo|"
        r"applicazione|aplikasi|приложение)\b.{0,60}$|^uygulama\w* indir\w*\b.{0,40}$",
    ),
    max_chars=200,
)

# The accounts a site lets a reader sign in with: a button each.
_LOGIN_ACCOUNTS = (r"(?:(?:o |a )?(?:google|facebook|apple|twitter|x|vk|vk id|vkontakte|linkedin|github|microsoft|yahoo|"
                   r"amazon|e-?mail|your e-?mail|phone)|яндекс(?: id)?|вконтакте|одноклассники|госуслуги)")
LOGIN = LineRule(
    id="social.login",
    reason="button to sign in with a social account",
    patterns=(
        # "Sign in with Google", "Log in with Facebook", "Continue with Apple", "Sign up with email"
        rf"^(?:(?:sign|log)[- ]?(?:in|on|up)|continue|register|connect) (?:with|via|using|through) {_LOGIN_ACCOUNTS}$",
        # "Mit Google anmelden", "Se connecter avec Google", "Iniciar sesión con Google", "Accedi con Google",
        # "Entrar com Google", "Masuk dengan Google", "Войти через Google"
        rf"^mit {_LOGIN_ACCOUNTS} (?:anmelden|einloggen|registrieren|fortfahren)$|"
        rf"^(?:se connecter|s['’]inscrire|continuer) avec {_LOGIN_ACCOUNTS}$|"
        rf"^(?:iniciar sesión|inicia sesión|regístrate|continuar|entrar|accedi|continua) (?:con|com) {_LOGIN_ACCOUNTS}$|"
        rf"^(?:inloggen|aanmelden|doorgaan) met {_LOGIN_ACCOUNTS}$|^zaloguj się (?:przez|z|za pomocą) {_LOGIN_ACCOUNTS}$|"
        rf"^masuk (?:dengan|lewat|via) {_LOGIN_ACCOUNTS}$|^войти (?:через|с помощью) {_LOGIN_ACCOUNTS}$",
        # "Already have an account? Sign in", "Already a subscriber? Log in", "Déjà abonné ? Se connecter"
        r"^(?:already (?:have an account|a subscriber|registered|a member)|have an account|"
        r"déjà abonnée?|déjà inscrite?|schon registriert|bereits abonnent(?:in)?)\s?\?\s?"
        r"(?:sign in|log in|login|se connecter|connectez-vous|anmelden|einloggen)(?: here)?\.?$",
    ),
    max_chars=60,
)

COMMENT_COUNT = LineRule(
    id="social.comment_count",
    reason="comment counter or comment-form control",
    exact=("comments", "comment", "view comments", "show comments", "hide comments", "add a comment",
           "post a comment", "leave a comment", "leave a reply", "add comment", "0 comments",
           "no comments", "join the conversation", "join the discussion", "comments (+)",
           "see comments", "read comments", "write a comment", "cancel reply", "reply", "report",
           "reader comments", "comment on this story", "commenti", "kommentare",
           "комментарии", "comentarios", "comentários", "yorumlar", "tinggalkan balasan",
           "leave a reply cancel reply", "post comment", "submit comment", "loading comments",
           "comente", "comentar", "kommentieren", "commenter", "commenta", "be the first to comment",
           "load more comments", "show more comments", "view more comments", "commentaires", "komentar",
           "コメント", "댓글", "yorum yap", "kommentar", "comentários (0)", "réagir", "reageer",
           "kommentar verfassen", "skomentuj"),
    patterns=(
        # "12 Comments", "(3) replies", Vox Media's "New, 15 comments", "2 comentários , ," (empty share slots)
        r"^(?:new,?\s)?\(?\d{1,6}\)?\s*(?:comments?|replies|reply|responses?|kommentare|commenti|comentarios|"
        r"comentários|комментари\w*)\)?[\s,]*$",
        r"^(?:comments?|replies|kommentare|commentaires|comentarios|comentários|commenti|reacties|komentarze|"
        r"komentarz|コメント)\s*[(（]\d{1,6}[)）]$",
        r"^read \d[\d,]{0,8} comments?$",
        r"^join (?:our|the) comment(?:ing|s)? (?:forum|section)[.!]?$",
        r"^the comments below have not been moderated\.?$",
        r"^your email address will not be published\b.{0,80}$",
        r"^required fields are marked\b.{0,20}$",
        r"^this site uses akismet to reduce spam\b.{0,80}$",
        r"^you are commenting using your\b.{0,120}$",
        r"^(?:log in|sign in|register) to (?:comment|reply|post)\b.{0,60}$",
        r"^you must be (?:logged|signed) in to (?:post|leave|write|add) a (?:comment|reply)\b.{0,40}$",
        # Comment policies: "As you comment, please be respectful ...", "When submitting content, ..."
        r"^(?:when (?:submitting|posting) (?:content|comments?|a comment)|as you comment|"
        r"please (?:keep|be) (?:respectful|civil|comments)|our goal with (?:article )?comments)\b.{0,400}$",
        # The comment form's e-mail notice in other languages
        r"^(?:o seu endereço de (?:e-?mail|email)|seu endereço de e-?mail|tu dirección de correo(?: electrónico)?|"
        r"votre adresse (?:e-?mail|de messagerie)|ihre e-mail-adresse|il tuo indirizzo email|"
        r"alamat email anda|e-posta (?:hesabınız|adresiniz)|ваш адрес email)\b.{0,160}$",
        r"^notify me of (?:new|follow-up) (?:comments|posts)\b.{0,80}$",
        r"^save my name, email\b.{0,160}$",
        rf"^{NOT_REPORTED}comments? (?:are|have been) (?:closed|disabled)\b.{{0,60}}$",
        r"^rating:\s*\d+\s*votes?$",
        r"^sort by\s?:?\s?(?:newest|oldest|best|top|popular|most recent|most liked)$",
    ),
)

# Headings that can only open a comment section: they may stand after a third of the story.
_SECTION_SURE = frozenset({
    "leave a reply", "leave a comment", "join the conversation", "join the discussion",
    "reader comments", "add a comment", "post a comment", "tinggalkan balasan", "lascia un commento",
    "deixe um comentário", "deixe seu comentário", "deja un comentario", "deja tu comentario",
    "laisser un commentaire", "kommentar schreiben", "добавить комментарий", "yorum yap", "top rated comments",
    "most popular comments", "newest comments", "comments are closed", "comments are closed.",
    "what readers are saying", "reader reactions", "leave a reply cancel reply",
})
# Headings that also name other things: only after most of the story.
_SECTION_MAYBE = frozenset({
    "comments", "comments (+)", "show comments", "view comments", "kommentare", "commenti", "comentarios",
    "comentários", "комментарии", "yorumlar", "responses", "replies",
})
# "34 responses to “Title”", "12 comments on “Title”": a count naming the post.
# Not a sentence: "312 comments on the draft plan were submitted by residents." is story.
_SECTION_COUNT_SURE = re.compile(
    r"^\d{1,6} (?:comments?|responses?|replies|thoughts) (?:on|to) "
    r"(?:[“\"‘'«].{1,120}[”\"’'»]|\S.{0,120}(?<![.!?])(?<![.!?][\"”’'»)]))$", re.I)
_SECTION_COUNT = re.compile(
    # "12 Comments", "34 responses to X", Substack's "2 replies by Name and others": the count alone,
    # naming the post or the repliers, never a sentence about comments
    r"^\(?\d{1,6}\)?\s*(?:comments?|responses?|replies)\)?(?:\s*(?:on|to)\b.{0,80}(?<![.!?])(?<![.!?][\"”’'»)])|\s*(?:on|to) [“\"‘'«].{1,80}[”\"’'»]|\sby\s[^.!?]{1,80}|\s*[:»›>↓]?)$|"
    r"^(?:[\w-]+ ){0,3}\d{1,6} (?:comments|responses)\b[^.!?]{0,60}$",  # "Permalink 34 Comments Feed ..."
    re.I,
)
# A reader's comment header: "Jane on November 19, 2019 at 7:52 am said:", "20. jdoe says:":
# a name of up to four words with no comma (not opening with an article), then a date after
# "on" if any. A sentence that introduces a quote is no header: "On March 2, the opposition
# leader said:", "The mayor on March 5, 2019 wrote:".
_COMMENT_HEADER = re.compile(
    r"^[\W_]{0,3}(?:\d{1,4}\.\s)?(?!(?:the|a|an) )[^\s,]+(?: [^\s,]+){0,3}(?: (?:on|am|le|el|em|il)\b.{1,60})? "
    r"(?:says|said|wrote|sagt|dice|disse|dit):?$",
    re.I,
)


_HEADER_ENDS = ("says", "said", "wrote", "sagt", "dice", "disse", "dit")
# A heading met this many times on the page, to the letter, is a control under every
# post ("Add a comment" below a question and each answer on Q&A sites), not the heading
# of a section. (The same text: a control repeats itself exactly, while "Comments" may
# also stand in a menu in other cases.) Readers' comment headers are not counted: a
# blog's author answering ("admin says:") repeats one.
_PER_POST = 3


def _is_comment_header(doc: Document, idx: int, heads: dict[str, bool | None]) -> bool:
    line = doc.lines[idx]
    header = heads[line.norm] if line.norm in heads else _header_text(line, heads)
    if header is not None:
        return header
    nxt = doc.lines[idx + 1] if idx + 1 < len(doc.lines) else None
    return nxt is not None and nxt.words <= 12 and is_timestamp_only(nxt.norm)


def _header_text(line: Line, heads: dict[str, bool | None]) -> bool | None:
    """What a line's text says of a comment header: True (with its date), False (none),
    None (one if the next line is a date); remembered in `heads` by text."""
    if line.words > 18 or not line.lower.rstrip(":").endswith(_HEADER_ENDS) or not _COMMENT_HEADER.match(line.norm):
        header: bool | None = False
    else:
        header = True if find_timestamp(line.norm) is not None else None
    heads[line.norm] = header
    return header


def _start_kind(line: Line) -> tuple[bool, bool]:
    """(sure, maybe): the line's text surely opens a comment section, or may."""
    heading = line.key if line.words <= 6 else ""  # section headings are short
    maybe = heading in _SECTION_MAYBE or (line.words <= 12 and _SECTION_COUNT.match(line.norm) is not None)
    sure = heading in _SECTION_SURE or (line.words <= 25 and _SECTION_COUNT_SURE.match(line.norm) is not None)
    return sure, maybe


def _section_start(doc: Document, content: list[int]) -> int | None:
    """Index of the comment section's first line, or None."""
    lines = doc.lines
    # Comments may outweigh the story, so "sure" starts need only three story lines before them.
    first, most = content[2] + 1, content[int(len(content) * 0.6)]
    # (Word counts first: they spare most lines the calls. Every start below is a line
    # of at most 25 words, every comment header one of at most 18. What a line's text
    # says is worked out once per text: pages repeat lines.)
    heads: dict[str, bool | None] = {}
    headers = [i for i in range(first, len(lines)) if lines[i].words <= 18 and _is_comment_header(doc, i, heads)]
    header_set = set(headers)
    kinds: dict[str, tuple[bool, bool]] = {}
    seen = Counter(line.norm for line in lines if line.words <= 6)  # how often each heading is on the page
    for idx in range(first, len(lines)):
        line = lines[idx]
        if line.words > 25:
            continue
        if len(headers) >= 2 and idx == headers[0]:
            return idx
        kind = kinds.get(line.norm)
        if kind is None:
            kind = kinds[line.norm] = _start_kind(line)
        sure, maybe = kind
        heading = sure or (maybe and (idx >= most or any(h in header_set for h in range(idx + 1, idx + 4))))
        if heading and seen[line.norm] < _PER_POST:
            return idx
    return None


def _comment_section(doc: Document, rule: ContextRule) -> None:
    """Everything after a comment-section heading (or the first of several comment headers).

    Everything after the start is removed, so the start must be sure: a heading that
    can only open comments ("Leave a Reply") after the first third of the story; one
    that may name other things ("Comments", "34 Comments") after 60% of it or right
    above a comment header; or the first of at least two readers' comment headers
    ("Jane on Nov 19, 2019 at 4:47 pm said:").
    """
    content = doc.content_indices()
    if len(content) < 3:
        return
    start = _section_start(doc, content)
    if start is None:
        return
    for later in doc.lines[start:]:
        if later.label != "clutter" or later.rule == COMMENT_COUNT.id:
            doc.mark(later, rule)


COMMENT_SECTION = ContextRule(
    id="social.comment_section",
    reason="readers' comment section at the end of the page",
    apply=_comment_section,
)

# Comment counters first: "0 Comments" is a counter before it is a share bar.
LINE_RULES = (COMMENT_COUNT, SHARE, FOLLOW, APP, LOGIN)
