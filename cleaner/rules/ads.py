"""Advertisement markers and sponsored-content notices."""
from __future__ import annotations

from .base import LineRule
from .phrases import NOT_REPORTED

MARKER = LineRule(
    id="ads.marker",
    reason="advertisement marker",
    exact=(
        "advertisement", "advertisements", "advert", "advertising", "ad", "ads", "sponsored",
        "sponsored content", "paid content", "paid post", "promoted", "promoted content",
        "story continues below advertisement", "article continues below advertisement",
        "continue reading below", "story continues below", "article continues below",
        "scroll to continue with content", "scroll to continue", "skip advertisement", "passer la publicité",
        "advertisement - scroll to continue", "content continues below", "ad feedback",
        "report this ad", "remove ads", "ad choices", "adchoices", "loaded: 0%", "loading...",
        "loading", "iklan", "anzeige", "werbung", "publicité", "publicidad", "publicidade",
        "pubblicità", "реклама", "reklam", "広告", "スポンサードリンク", "スポンサーリンク", "광고", "annonce", "advertentie", "reklama",
        "the story continues below", "this content is sponsored", "partner content",
        "supported by", "ad blocker detected", "advertisement:", "ad:", "story continues",
        "article continues", "continues below", "promoted", "sponsored links",
        "ads by google", "advertorial", "gesponsert", "contenido patrocinado", "conteúdo patrocinado",
        "contenu sponsorisé", "contenuto sponsorizzato", "konten bersponsor", "sponsorlu içerik",
        "спонсорский материал", "partnerinhalt", "contenido de marca", "publireportage",
    ),
    patterns=(
        r"^(?:advertisement|advert|ad)\s*[-–—|:]\s*(?:scroll|continue|story|article).{0,40}$",
        r"^advertisement\s*[-–—|]\s*[^.!?]{1,60}$",  # "ADVERTISEMENT – Star Tours"
        # "The article continues after the ad", "Artikel wird unter der Anzeige fortgesetzt", "La suite après cette publicité"
        r"^(?:the )?(?:story|article|text|report) continues (?:below|after|under) (?:the |this )?(?:ad|ads|advert|advertisement)\.?$",
        r"^(?:der )?(?:artikel|text|beitrag) (?:wird )?(?:unter|nach) der (?:anzeige|werbung) (?:fortgesetzt|weiter)\.?$|"
        r"^la suite (?:après|sous) (?:cette|la) publicité\.?$|"
        r"^(?:continua|continúa) (?:depois|después|dopo|tras|abaixo|debajo) (?:da |de la |la |del |de )?(?:publicidade|publicidad|pubblicità|anuncio)\.?$",
        # "In partnership with Acme Bank" (a brand's name, not "In partnership with the city, ...")
        r"^in (?:partnership|association|collaboration) with (?-i:[A-Z])[^.,;!?]{1,60}$",
        rf"^{NOT_REPORTED}(?:this (?:article|post|story|content) (?:is|was) (?:sponsored|paid for|produced) by)\b.{{0,120}}$",
        r"^(?:if you (?:buy|purchase|click) (?:something|a product|through))\b.{0,200}\b(?:commission|share of the sale|earn|affiliate)\b.{0,120}$",
        r"^(?:we (?:may )?(?:earn|receive) (?:a )?(?:commission|affiliate))\b.{0,200}$",
        # "Microsoft may earn an Affiliate Commission if you purchase something through ..."
        rf"^{NOT_REPORTED}[\w.&'’ ]{{1,40}} (?:may|might|will|can) (?:earn|receive|get) (?:an? )?(?:small )?(?:affiliate )?"
        r"commission\b(?=.{0,200}\b(?:if you|when you|through|via|purchases?|links?)\b).{0,240}$",
        r"^(?:this (?:post|article|page|story|content) (?:may )?contains? (?:affiliate|sponsored)|"
        r"[\w.&'’ ]{1,40} (?:has|have) affiliate partnerships)\b.{0,250}$",
        rf"^{NOT_REPORTED}(?:please )?(?:disable|turn off|whitelist us in) your ad ?blocker\b.{{0,120}}$",
        r"^(?:loaded|progress):\s*\d{1,3}(?:\.\d+)?%$",
        # "Sponsored by Routsong Funeral Home." (not "Sponsored by the city, the festival ...")
        r"^(?:sponsored|presented|brought to you) by (?-i:[A-Z])[^.,;!?]{1,60}\.?$",
    ),
    max_chars=320,
)

# A shop's name after a lower-case "at" (a headline in title case writes "At"): opens with
# a capital ("REI", "Best Buy", "B&H Photo", "Walmart.com"), is no month, weekday or
# holiday ("Check prices at Christmas"), and ends without sentence punctuation.
_SHOP = (r"(?!(?:january|february|march|april|may|june|july|august|september|october|november|december|"
         r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|"
         r"sunday|mon|tues?|wed|thu|thurs|fri|sat|sun|christmas|easter|thanksgiving|halloween|hanukkah|"
         r"diwali|ramadan|eid|new year|black friday|cyber monday|prime day|the (?:pump|door|end|time|moment))\b)"
         r"(?-i:[A-Z])[\w&'’. -]{0,28}\w")

SHOP_BUTTON = LineRule(
    id="ads.shop_button",
    reason="affiliate shop button (\"Check price at Amazon\")",
    patterns=(
        rf"^(?:check|compare|see|view) (?:the )?(?:latest |current |today['’]s )?"
        rf"(?:(?:price|prices) (?-i:at|on)|(?:deal|deals|offer|offers|availability) (?-i:at)) {_SHOP}$",
        rf"^(?:buy|shop|order) (?:it )?now (?-i:at) {_SHOP}$",
        rf"^[$£€]\s?\d[\d,]*(?:\.\d\d)? (?-i:at) {_SHOP}$",  # "$129.99 at Amazon"
    ),
    pattern_max_words=8,
    max_chars=60,
)

LINE_RULES = (MARKER, SHOP_BUTTON)
