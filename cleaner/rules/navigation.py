"""Navigation leftovers: back-to-top links, breadcrumbs, tag lists, reading times,
cookie notices, pagination and print/skip links."""
from __future__ import annotations

from .base import LineRule
from .phrases import NOT_REPORTED

TOP = LineRule(
    id="navigation.top",
    reason="navigation link ('go to top', 'skip to content', menus)",
    exact=(
        "go to top", "back to top", "to top", "top", "return to top", "scroll to top", "pagetop",
        "page top", "top of page", "skip to content", "skip to main content", "skip to navigation",
        "skip navigation", "jump to", "menu", "main menu", "close menu", "open menu", "search",
        "home", "sections", "navigation", "toggle navigation", "log in", "login", "sign in",
        "log out", "logout", "sign out", "register", "my account", "subscribe", "print", "print this",
        "print article", "back", "go back", "back to home", "back to homepage", "next article",
        "previous article", "next story", "previous story", "next post", "previous post",
        "older post", "newer post", "older posts", "newer posts", "permalink", "edit", "zum seitenanfang",
        "nach oben", "haut de page", "volver arriba", "voltar ao topo", "torna su", "kembali ke atas",
        "retour en haut", "retour en haut de page", "terug naar boven", "naar boven", "powrót do góry",
        "anmelden", "einloggen", "se connecter", "connexion", "iniciar sesión", "inloggen", "zaloguj się",
        "наверх", "başa dön", "ページトップへ", "맨 위로", "epaper", "e-paper", "feedback",
        "accessibility", "text size", "font size", "a a a", "aa", "listen", "listen to this article",
        "audio", "play audio", "dark mode", "light mode", "reuse this content", "get short url",
        "order reprints", "reprints", "reprints & permissions", "jump directly to the content",
        "accessibility links", "make msn my homepage", "print this page", "email this page",
        "jump to recipe", "print recipe", "skip to recipe", "save recipe", "rate this recipe", "text to speech",
        "zur merkliste hinzufügen", "merken", "diskutieren sie mit", "search cnn", "search cnn...",
        # video players
        "video", "videos", "watch video", "play video", "watch now", "now playing", "loading video",
        "video player is loading", "this video can not be played", "this video cannot be played",
        "your browser does not support the video tag", "video ansehen", "regarder la vidéo", "ver vídeo",
        "ver video", "assista ao vídeo", "guarda il video", "tonton video", "видео", "смотреть видео",
        # "click here" and print buttons in other languages
        "hier klicken", "cliquez ici", "haz clic aquí", "clique aqui", "clicca qui", "klik di sini",
        "buraya tıklayın", "нажмите здесь", "drucken", "imprimer", "imprimir", "stampa", "cetak", "yazdır",
        "распечатать", "печать", "save for later", "save article", "save story",
    ),
    patterns=(
        r"^(?:page|seite|página|pagina|страница)\s+\d{1,4}\s*(?:of|/|von|de|di|из)\s*\d{1,4}$",
        r"^(?:[«‹<]\s*)?(?:previous|prev|next|older|newer)(?:\s+(?:page|article|story|post))?(?:\s*[»›>])?$",
        r"^(?:\d{1,3}\s+){2,}(?:next|»|›|>|…)?$",
        r"^(?:home|startseite|accueil|inicio|início)\s*(?:[>›»/|]\s*[\w ,.&'’-]{1,40}\s*){1,6}$",
        # "Listen to this article · 4 min", not "Listen to the story she tells."
        r"^listen to (?:this|the) (?:article|story)(?:\s?[:·•|(\-–—].{0,40})?\.?$",
        # "Track Latest News Live on NDTV.com and get news updates from India ..."
        r"^(?:track|get|catch) (?:the )?latest news (?:live )?on [\w.-]{2,30}\.(?:com|in|net|org)\b.{0,120}$",
        r"^(?:font|text) size(?:\s?[:+\-–]\s?.{0,20})?$",
        # Feedback widgets: "Was this article helpful?", "Thanks for your feedback!"
        r"^(?:was this (?:article|story|page|information) (?:helpful|useful)\??|"
        r"thanks? (?:you )?for your (?:feedback|rating)[.!]?|did you (?:like|enjoy|find) this (?:article|story)\b.{0,30}|"
        r"please wait\.*|loading\.\.\.)$",
        # Video player leftovers: "Current Time 0:00", "Stream Type LIVE", "This is a modal window."
        r"^(?:current time|remaining time|duration(?: time)?)\s?-?\d{1,2}:\d{2}(?::\d{2})?$",
        r"^(?:stream type live|this is a modal window\.?|beginning of dialog window\.?|end of dialog window\.?|"
        r"(?:captions|subtitles|descriptions) (?:off|settings)(?:, (?:selected|opens [\w ]{1,40}))?|chapters|"
        r"playback rate|this (?:slideshow|video|content) requires javascript\.?|"
        r"(?:please )?enable javascript\b.{0,80})$",
        # Podcast prompts: "Listen to our podcast", "Listen on Spotify", "Podcast: The Daily", "Écoutez notre podcast"
        r"^(?:listen to|subscribe to|follow) (?:our|the|this) podcasts?(?:[.!:]?|\s(?:on|at|in|wherever|here|now|today|via)\b.{0,60})$|"
        r"^listen (?:on|in|with) (?:spotify|apple podcasts|google podcasts|deezer|amazon music|the [\w ]{1,20} app)\b.{0,40}$|"
        r"^podcasts?\s?[:|]\s?[^.!?]{1,80}$|^(?:jetzt )?(?:den |unseren )?podcast (?:hören|abonnieren)\b.{0,40}$|"
        r"^(?:écoutez|escucha|escuche|ouça|ascolta|dengarkan) (?:notre |nuestro |el |o |il |nosso )?podcast\b.{0,40}$",
        # An icon's SVG title and description as the Sketch app exports them: "Fill 2 Copy 11 Created with Sketch."
        r"^(?:(?:fill|copy|group|path|rectangle|oval|shape|combined shape|icon|layer|artboard|page|symbol|\d{1,3})\s)*"
        r"created with sketch\.?$",
    ),
)

TAGS = LineRule(
    id="navigation.tags",
    reason="tag or topic list",
    exact=("tags", "topics", "tagged", "filed under", "categories", "related topics", "keywords",
           "schlagworte", "schlagwörter", "etiquetas", "tags:", "temas", "argomenti", "теги", "etiketler", "label",
           "mots-clés", "trefwoorden", "tagi"),
    patterns=(
        r"^(?:tags?|topics?|tagged(?: with)?|filed under|categories|category|keywords|related topics|"
        r"schlagworte|schlagwörter|themen|etiquetas|temas|argomenti|теги|метки|etiketler|tag terkait|mots-clés|"
        r"trefwoorden|tagi)\s?[:：]\s?.{0,300}"
        r"(?<![.!?])$",  # a list of topics, not a sentence ("Topics: Inflation, jobs and housing dominated ...")
        # WordPress post meta: "Posted in Politics | Tagged budget, council | Leave a comment",
        # "This entry was posted in Politics and tagged budget. Bookmark the permalink."
        r"^posted in [^|]{1,80}\|\s?(?:tagged|tags:?) .{1,200}$",
        r"^this entry was posted in\b.{0,200}\b(?:bookmark the permalink|tagged)\b.{0,120}$",
    ),
    max_chars=340,
)

READING_TIME = LineRule(
    id="navigation.reading_time",
    reason="reading-time, listening-time or view-count label",
    patterns=(
        r"^(?:estimated )?(?:reading time|read time|lesezeit|temps de lecture|lecture|tiempo de lectura|tempo de leitura|tempo di lettura|okuma süresi|waktu baca|время чтения)\s?[:：]?\s?(?:about |approx\.? |ca\.? )?\d{1,3}\s?"
        r"(?:min(?:ute)?s?|minuten|minutos?|minuti|dakika|menit|мин\w*|m)\.?$",
        r"^(?:about |approx\.? )?\d{1,3}\s?(?:-|–)?\s?(?:min(?:ute)?s?|minute)\.? (?:read|reading|lesen|de lecture|de leitura|di lettura)$",
        r"^(?:\d{1,3}\s?min(?:ute)?s? read\s*[|•·]\s*)?\d[\d,.]*\s?(?:k\s)?(?:views|reads|visualizações|просмотр\w*)$",
        # An audio player's label: "Listen · 4:32", "Listen to this article · 5 min", "Artikel anhören • 4 Min"
        r"^(?:listen(?: to (?:this|the) (?:article|story))?|artikel anhören|écouter (?:cet |l['’])article|"
        r"escuchar (?:este |el )?artículo|ascolta l['’]articolo|ouvir (?:este |o )?artigo)"
        r"(?:\s?[·•|:-]\s?\d{1,2}(?::\d{2})?\s?(?:min(?:ute)?s?|minuten|minutos|minuti)?\.?)?$",
        r"^video duration \d{1,2} minutes? \d{1,2} seconds?$",
    ),
    max_chars=80,
)

COOKIES = LineRule(
    id="navigation.cookies",
    reason="cookie or consent notice",
    patterns=(
        # "We use cookies to ...", not "We use cookies sparingly, the company said."
        rf"^{NOT_REPORTED}(?:we use cookies|we and our partners use cookies|this (?:web)?site uses cookies)"
        r"(?: and (?:other |similar )?[\w ]{1,40})?(?: (?:to|on|so|for|that|in order)\b|\.).*$",  # max_chars bounds it
        rf"^{NOT_REPORTED}by (?:continuing to (?:use|browse)|using) (?:this|our) (?:web)?site\b.{{0,300}}$",
        r"^(?:cookie (?:settings|policy|preferences|consent)|manage cookies|accept(?: all)? cookies|i accept|accept|reject all|got it|ok, got it)\.?$",
        r"^by choosing i accept\b.{0,300}$",
        # Other languages: "Wir verwenden Cookies, um ...", "Nous utilisons des cookies ...", "Utilizamos cookies ..."
        rf"^{NOT_REPORTED}(?:wir (?:verwenden|nutzen) cookies|diese (?:web)?(?:seite|site) (?:verwendet|nutzt) cookies|"
        r"(?:wij|we) gebruiken cookies|deze (?:web)?site gebruikt cookies|"
        r"nous utilisons (?:des )?cookies|ce site (?:web )?utilise (?:des )?cookies|utilizamos cookies|usamos cookies|"
        r"este (?:sitio|site)(?: web)? (?:utiliza|usa) cookies|questo sito (?:web )?(?:utilizza|usa) (?:i )?cookie|"
        r"utilizziamo (?:i )?cookie|(?:bu )?sitemiz(?:de)? çerez\w*|мы используем (?:файлы )?cookie|"
        r"situs ini menggunakan cookie|kami menggunakan cookie)\b.*$",
        r"^(?:alle akzeptieren|alle ablehnen|tout accepter|tout refuser|aceptar todo|aceptar todas|rechazar todo|"
        r"alles accepteren|alles weigeren|akkoord|"
        r"aceitar todos|accetta tutti|rifiuta tutti|tümünü kabul et|принять все|manage (?:cookie )?preferences|"
        r"cookie preferences|privacy settings|manage consent|accept all|customi[sz]e|aceptar y continuar|"
        r"continuer sans accepter|your privacy choices|do not sell (?:or share )?my personal information)\.?$",
        r"^to (?:view|see|watch|display|load) this (?:content|video|embed|post)\b.{0,80}\bcookies?\b.{0,40}$",
        r"^to simplify subscriber access\b.{0,200}$",
    ),
    max_chars=420,
)

LINE_RULES = (TOP, TAGS, READING_TIME, COOKIES)
