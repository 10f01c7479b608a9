"""Newsletter and subscription blocks and their fine print.

A sign-up line is an imperative call ("Sign up for ...", "Subscribe to ...", "Get
... delivered to your inbox") that also names what is sold (newsletter, inbox,
alerts, updates). A news sentence that reports on newsletters or subscriptions is
not imperative ("The paper said 2 million people subscribe ...") and is kept.
"""
from __future__ import annotations

from .base import ContextRule, Document, LineRule
from .phrases import NOT_REPORTED

_CUE = (
    r"(?:newsletters?|inbox|e-?mails?|alerts?|updates|digest|briefings?|bulletin|"
    r"breaking news|headlines|our (?:daily|weekly|free)|daily|weekly|for free|free trial|"
    r"subscription|subscribers?|premium|unlimited (?:access|digital)|notifications)"
)

SIGNUP = LineRule(
    id="newsletter.signup",
    reason="newsletter or subscription call to action",
    patterns=(
        rf"^{NOT_REPORTED}(?:sign up|signup|sign-up|subscribe|register (?:now|today|for (?:free|our))|enter your e-?mail)\b.{{0,200}}\b{_CUE}\b.{{0,200}}$",
        # "Like this story? Get ...", "Enjoyed this article? ..."; not "Like most of us, she checks the news alerts ..."
        rf"^{NOT_REPORTED}(?:get|receive|join|start|want|try|(?:enjoy(?:ed)?|love[ds]?|liked?) (?=this|what|reading|our|it\b|(?-i:[A-Z]))|don'?t miss|never miss|"
        rf"stay (?:up to date|informed|in the know|connected|on top)|be the first|become a (?:member|subscriber))\b"
        rf"(?=.{{0,300}}\b(?:you|your|our|us)\b)(?=.{{0,300}}\b{_CUE}\b).{{0,400}}$",
        r"^(?:sign up|subscribe)(?: now| today| here)?[.!]?$",
        r"^skip past newsletter promotion$",  # The Guardian's link over its sign-up box
        # "Sign up to Down to Earth" (a named newsletter, no sentence), "Sign up now and get 10% off"
        r"^sign up (?:to|for) (?-i:[A-Z])[\w'’&-]*(?: [\w'’&-]+){0,4}$",
        rf"^{NOT_REPORTED}(?:sign up|subscribe|register) (?:now|today)(?:[.!:]|\s(?:and|to|for|at|with)\b).{{0,200}}$",
        r"^(?:free |our )?(?:daily|weekly|monthly|free) (?:e-?mail )?newsletter$|^after newsletter promotion$",
        # "Thanks for reading The Margin! Subscribe for free to receive new posts ..."
        r"^thanks for reading\b.{0,80}\bsubscribe\b.{0,200}$",
        # paywall labels: "Article réservé aux abonnés", "Subscriber only", "Suscríbete para seguir leyendo"
        r"^(?:article|contenu) réservé aux abonnés$|^(?:for )?subscribers? (?:only|exclusive)$|"
        r"^(?:lee|lea) sin límites$|^assine a [\w .]{1,30}$|^(?:ativar|activar|activer|activate|enable) (?:newsletters?|notifications|alerts)$",
        r"^(?:newsletter|newsletters|daily newsletter|newsletter sign[- ]?up|email newsletter|"
        r"subscribe to our newsletter|sign up for our newsletter|get our newsletter|"
        r"free newsletter|subscribe now|already a subscriber\??|subscriber exclusive)(?:\s?[:|\-–—]\s?.{0,80})?$",
        rf"^{NOT_REPORTED}.{{0,120}}\b(?:delivered|sent|straight|direct(?:ly)?) (?:straight |directly |right )?to your inbox\b.{{0,120}}$",
        # The same promise in other languages: "Recibe cada mañana las noticias ... en tu correo",
        # "Receba as principais notícias no seu e-mail", "Recevez l'actualité dans votre boîte mail"
        rf"^{NOT_REPORTED}(?:recibe|reciba|receba|recevez|erhalten sie|ricevi)\b.{{0,120}}\b(?:en tu (?:correo|e-?mail|"
        r"bandeja de entrada)|no seu (?:e-?mail|correio)|dans votre boîte(?: mail| de réception)?|in ihr postfach|"
        r"nella tua (?:casella|email|inbox))\b.{0,40}$",
        # "Want more stories like this? Subscribe to The Morning Brief."
        rf"^{NOT_REPORTED}(?:want|like|enjoy(?:ed)?|love) (?:more )?(?:stories|articles|news|reporting)(?: like this)?\?\s"
        r".{0,120}\b(?:subscribe|sign up)\b.{0,120}$",
        # "The news and stories that matter, delivered weekday mornings."
        r"^.{0,120}\b(?:news|stories|headlines|briefing|newsletters?|e-?mails?)\b.{0,120}"
        r"\bdelivered (?:to you )?(?:weekday|every|each) (?:mornings?|evenings?|weekdays?|day|week)\b.{0,40}$",
        r"^(?:breaking news|daily|morning|evening|weekly|news) (?:e-?mails?|alerts|newsletters?|briefing)$",
        r"^(?:please |and )?subscribe to [\w.’'&\- ]{1,60}(?:newsletter|newsletters|channel|podcast)s?\b.{0,80}$",
        # Other languages' imperatives: "Jetzt Newsletter abonnieren", "Abonnez-vous à la
        # newsletter", "Suscríbete a nuestro boletín", "Assine nossa newsletter", ...
        # (a quoted imperative is a news sentence: « Inscrivez-vous sur les listes électorales », a lancé ...)
        rf"^{NOT_REPORTED}(?!.*[«»“”„\"]).{{0,60}}\b(?:newsletter abonnieren|abonnieren sie|abonnez-vous|inscrivez-vous|"
        r"suscr[ií]bete|suscr[ií]base|assine (?:a|o|nossa|nosso)|inscreva-se|iscriviti (?:alla|alle|al|ai) (?:nostr[aoei] )?(?:newsletter|canale|notifiche)|abone olun|"
        r"подпишитесь|berlangganan|cadastre-se|receba (?:notícias|as notícias|nossa newsletter|a newsletter)|"
        # "Jetzt für den Newsletter anmelden", "Schrijf je in voor onze nieuwsbrief", "Zapisz się do newslettera"
        r"(?:für den|zum|unseren) newsletter (?:an)?melden|newsletter bestellen|"
        r"melden sie sich (?:jetzt )?(?:für|zu) (?:unseren|den|unserem) newsletter an|"
        r"(?:schrijf je (?:nu )?in|meld je (?:nu )?aan) voor (?:onze|de) nieuwsbrief|abonneer je op (?:onze|de) nieuwsbrief|"
        r"zapisz się do (?:naszego )?newslettera)\b.{0,120}$",
    ),
    max_chars=420,
)

FINE_PRINT = LineRule(
    id="newsletter.fine_print",
    reason="subscription or sign-up fine print",
    patterns=(
        # "You can unsubscribe at any time"; an opt-out about mail ("Under the new law, you can opt out of
        # data sharing." is news)
        rf"^{NOT_REPORTED}.*(?:\bunsubscribe (?:at )?any ?time\b|\byou (?:may|can) (?:opt out|unsubscribe)\b(?=.{{0,80}}\b(?:e-?mails?|"
        r"newsletters?|messages|communications|marketing|any ?time)\b))",
        # said to the reader ("you agree"), not of others ("By registering as donors, residents consent ...")
        rf"^{NOT_REPORTED}(?:by (?:signing up|subscribing|clicking|submitting|registering|entering|continuing)|"
        r"by providing your e-?mail)\b(?=.{0,300}\b(?:you|your|i|my|me)\b).{0,300}\b(?:agree|consent|accept|acknowledge)",
        r"\b(?:emails?|newsletters?) (?:may|will) (?:offer|contain|include) (?:personali[sz]ed|promotional)",
        r"^this site is protected by recaptcha\b",
        rf"^{NOT_REPORTED}(?:thank you|thanks) for (?:signing up|subscribing|registering)\b.{{0,120}}$",
        r"^(?:invalid|please enter a valid) e-?mail(?: address)?\b.{0,80}$",
        r"^(?:your e-?mail address|e-?mail address|enter your e-?mail(?: address)?)[.:*]?$",
        r"^(?:privacy policy|terms of (?:use|service)|terms and conditions|privacy notice)"
        r"(?:\s*(?:[|&,·•]|and)\s*(?:privacy policy|terms of (?:use|service)|cookie policy|terms and conditions))*\.?$",
        r"^(?:see|read|view) our (?:privacy policy|terms)\b.{0,120}$",
        r"^(?:learn more|more information)[.!]?$",
        rf"^{NOT_REPORTED}privacy notice:\s.{{0,400}}$",
        r"^(?:type|enter) your e-?mail(?: address)?(?:…|\.\.\.|\.)?$",
        # NYT gift articles: "As a subscriber, you have 10 gift articles to give each month."
        r"^as a subscriber, you have\b.{0,200}$",
        r"^(?:pour plus d['’]informations, )?consultez nos conditions générales\b.{0,80}$",
    ),
    max_chars=420,
)


PAYWALL = LineRule(
    id="newsletter.paywall",
    reason="paywall or subscriber-only prompt ('Subscribe to continue reading')",
    exact=("subscriber only", "subscribers only", "exclusive to subscribers", "for subscribers",
           "unlock this article", "unlock article", "cancel anytime", "cancel any time",
           "get unlimited digital access", "get unlimited access", "already a subscriber? log in",
           "already a subscriber? sign in", "exklusiv für abonnenten",
           "réservé aux abonnés", "exclusivo para suscriptores", "exclusivo para assinantes",
           "riservato agli abbonati", "khusus pelanggan", "только для подписчиков"),
    patterns=(
        # "Subscribe to continue reading", "Sign in to read the full article", "Log in or subscribe to read more"
        # ... to read on, not to do something else ("Log in to access your tax account and check ...")
        rf"^{NOT_REPORTED}(?:subscribe|sign in|log in|register(?: for free)?|create (?:a|an) (?:free )?account|"
        r"start (?:a|your) (?:free )?trial)(?: (?:or|and) (?:subscribe|sign in|log in|register))?"
        r" (?:now )?to (?:continue$|(?:continue|keep) reading|read (?:the (?:full|rest|whole)|this|more|on|the article|the story)|"
        r"unlock (?:this|the|full|unlimited)|access (?:this|the full|all|premium|unlimited|full)|get (?:unlimited|full) access)"
        r"\b[^.!?]{0,40}[.!]?$",
        r"^(?:continue|keep) reading (?:with|for) (?:a |your )?(?:subscription|free account|\$|£|€)\S{0,12}.{0,60}$",
        # "This article is for subscribers only", "This content is exclusive to subscribers"
        r"^this (?:article|story|content|piece|post) is (?:only )?(?:for|available to|exclusive to|reserved for) "
        r"(?:paying |premium |digital )?(?:subscribers|members)(?: only)?\.?$",
        r"^you(?:['’]ve| have) (?:reached|read|used) (?:your|all (?:of )?your|the) (?:(?:free|monthly) "
        r"(?:article|story|articles|stories)|(?:article|story) limit|limit of free)\b.{0,80}$",
        r"^you have \d{1,2} free (?:articles?|stories|reads) (?:left|remaining)\b.{0,40}$",
        # "You've read 3 of 5 free articles this month.", "This is a premium article."
        r"^you(?:['’]ve| have) read \d{1,3} (?:of|out of) (?:your )?\d{1,3} free (?:articles?|stories)\b.{0,40}$",
        r"^this (?:is|was) an? (?:premium|subscriber(?:-only)?|members?(?:-only)?|exclusive) (?:article|story)\.?$",
        # An offer, alone on its line: "Only €1 for the first month. Cancel anytime.", "$2 a week.
        # Cancel anytime." (a price alone is a story's too: "$15.49 a month for Standard")
        r"^(?:only |just )?[$£€]\s?\d{1,3}(?:[.,]\d{2})? (?:for (?:the |your )?first (?:month|week|year|"
        r"\d{1,2} (?:months|weeks))\b[^.!?]{0,30}[.!]?(?: cancel any ?time\.?)?|"
        r"(?:a|per) (?:month|week|year)\.? cancel any ?time\.?)$",
        # "Il vous reste 72.31% de cet article à lire. La suite est réservée aux abonnés."
        r"^il vous reste \d{1,3}(?:[.,]\d{1,2})?\s?% de cet article à lire\b.{0,100}$",
        r"^この記事は有料(?:会員限定)?記事です.{0,60}$",
        r"^(?:get|try) (?:unlimited|full|digital) access\b.{0,60}\b(?:for|from|only|just)\b.{0,40}$",
        r"^already (?:a )?(?:subscriber|member)\?\s?(?:log in|sign in|login)\.?$",
        # Other languages: "Dieser Artikel ist nur für Abonnenten", "Cet article est réservé aux abonnés",
        # "Este contenido es exclusivo para suscriptores", "Conteúdo exclusivo para assinantes", ...
        r"^(?:dieser (?:artikel|beitrag|inhalt) ist (?:nur )?für abonnenten|jetzt weiterlesen mit\b|"
        r"(?:cet article|ce contenu|cet article est) (?:est )?réservé aux abonnés|"
        r"(?:este )?(?:contenido|artículo) (?:es )?exclusivo para suscriptores|"
        r"(?:este )?(?:conteúdo|artigo) (?:é )?exclusivo para assinantes|contenuto riservato agli abbonati|"
        r"artikel ini khusus untuk pelanggan|эта статья доступна только подписчикам).{0,60}$",
    ),
    max_chars=200,
)

APPEAL = LineRule(
    id="newsletter.appeal",
    reason="appeal for donations or membership ('Support independent journalism')",
    exact=("donate", "donate now", "donate today", "support us", "support our journalism", "support our work",
           "become a member", "become a member today", "become a supporter", "make a contribution",
           "make a one-time contribution", "contribute", "contribute now", "give now", "chip in",
           "support independent journalism", "support local journalism", "support quality journalism",
           "spenden", "jetzt spenden", "faire un don", "soutenez-nous", "donar", "dona ahora", "doe agora",
           "apoie", "dona ora", "sostienici", "dukung kami", "поддержать", "bağış yap"),
    patterns=(
        # "Support the Guardian", "Support independent journalism", "Support our reporting today"
        r"^(?:please )?support (?:the (?-i:[A-Z])[\w.'’&-]*(?: (?-i:[A-Z])[\w.'’&-]*){0,2}|"
        r"(?:our|independent|local|quality|nonprofit|non-profit|public[- ]service|free|fearless) "
        r"(?:journalism|reporting|newsroom|work|mission|news))(?: today| now)?[.!]?$",
        # "If you value our reporting, please consider making a donation."
        rf"^{NOT_REPORTED}(?:if you (?:value|like|enjoy(?:ed)?|appreciate|rely on)|please consider|"
        r"help us|your support|with your support|we rely on|we depend on)\b"
        r"(?=.{0,200}\b(?:donat\w*|contribut\w*|support (?:us|our|the|independent|local)|your support|(?:become|becoming) a "
        r"(?:member|supporter|subscriber)|membership|our (?:journalism|reporting|work|newsroom)|independent journalism)\b)"
        r".{0,240}$",
        # "Choose an amount: $5 $10 $25 Other", "Make a one-time contribution"; not "Make a donation of shares ..."
        r"^(?:make|choose) (?:a|an|your) (?:one-time |monthly |annual |recurring )?(?:contribution|donation|gift|amount)"
        r"(?:\s?[:\-–]\s?[$£€\d].{0,60}|[.!]?)$",
        r"^(?:our|this) (?:journalism|reporting|work) is (?:free|open) (?:for|to) (?:everyone|all)\b.{0,120}$",
        r"^will you (?:chip in|support us|help|donate|make a contribution)\b.{0,60}$",
        # Other languages: "Unterstützen Sie unabhängigen Journalismus", "Soutenez notre rédaction", ...
        r"^(?:unterstützen sie|unterstütze|soutenez|apoya|apoye|apoie|sostieni|sostenete|dukung|"
        r"поддержите|destek ol(?:un)?)\b.{0,20}\b(?:journalismus|journalisme|rédaction|periodismo|jornalismo|"
        r"giornalismo|jurnalisme|журналистику|журналистов|gazetecili\w*|redaktion|uns|nous|nosotros|nós|noi|kami)\b.{0,60}$",
    ),
    max_chars=300,
)


def _block(doc: Document, rule: ContextRule) -> None:
    """A sign-up block: short lines adjacent to sign-up lines are part of it.

    Newsletter boxes arrive as a few lines ("Sign up for ...", "Subscribe to our
    other newsletters", "Emails may offer ..."): short, non-sentence lines between
    or right after such lines go with them.
    """
    lines = doc.lines
    family = frozenset({SIGNUP.id, FINE_PRINT.id, PAYWALL.id, APPEAL.id, rule.id})
    # A sign-up line below first: that spares nearly every line the other tests. (A line is
    # marked before the pass looks at the next one, so the line and the one below are as they were.)
    above = [line.index - 1 for line in lines if line.rule in family and line.index >= 2]
    for idx in above:
        line = lines[idx]
        if line.label == "clutter" or line.words > 40 or lines[idx - 1].rule not in family:
            continue
        # A short non-sentence line, or the box's blurb when the box is one tight block
        # (no blank line on either side): "The planet's most important stories. Get ..."
        tight = not line.blank_before and not lines[idx + 1].blank_before
        if (line.label in ("uncertain", "heading") and line.words <= 14) or tight:
            doc.mark(line, rule)


BLOCK = ContextRule(
    id="newsletter.block",
    reason="short line inside a newsletter sign-up block",
    apply=_block,
)

LINE_RULES = (SIGNUP, FINE_PRINT, PAYWALL, APPEAL)
