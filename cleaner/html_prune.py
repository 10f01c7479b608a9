"""Stage 1 of the HTML path: prune what the markup marks as clutter from an lxml tree.

Figures and captions, `aside`, containers whose class/id says
gallery, newsletter, related, share, promo or ad, and link-only lists are removed,
so no text-level guess is needed for them. A guard keeps any container holding
most of the page's text: a class like "has-gallery" on the story wrapper must not
drop it. One walk over the tree; a pruned element's subtree is not visited.

Hidden elements are not pruned: tabs and accordions hide a product's description or
a page's details until clicked, and they are main content there (on a WCXB dev sample,
pruning them cost product pages 1.7 points of F1 and gained articles 0.1). The same walk
reveals the panels ARIA names as such (`role="tabpanel"`, `role="region"`), which
trafilatura would otherwise drop with the page's hidden menus and pop-ups: a documentation
page's other-language tabs, a product's "Details" accordion (WCXB dev: documentation +0.7
points F1, product +0.6, service +0.5, articles +0.1, other types within 0.03).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from lxml.etree import XPath
from lxml.html import HtmlElement

# Class/id words that name clutter, by reason. Exact tokens, then word prefixes.
_CLUTTER_WORDS: dict[str, tuple[str, ...]] = {
    "gallery": ("gallery", "slideshow", "carousel", "lightbox", "slider"),
    "caption": ("caption", "figcaption", "credit", "credits"),
    "newsletter": ("newsletter", "subscribe", "subscription", "signup", "optin"),
    "related": ("related", "recommended", "recommendations", "outbrain", "taboola", "trending",
                "popular", "readmore", "readnext", "morestories", "recirc", "recirculation"),
    "share": ("share", "sharing", "sharebar", "sharetools", "social", "socials", "sharethis", "addthis"),
    "promo": ("promo", "promoted", "promotion", "sponsor", "sponsored", "partner", "affiliate"),
    "ad": ("ad", "ads", "adv", "advert", "advertisement", "adslot", "adunit", "adcontainer", "dfp", "banner"),
}
_CLUTTER_PREFIXES: dict[str, tuple[str, ...]] = {
    "gallery": ("gallery", "slideshow", "carousel"),
    "newsletter": ("newsletter", "subscri"),
    "related": ("related", "recommend"),
    "share": ("share", "social"),
    "promo": ("promo", "sponsor"),
    "ad": ("advert",),
}
_FLAG_WORDS = frozenset({"has", "enable", "enabled", "with", "no", "is", "js", "show", "hide"})
_TAXONOMY_WORDS = frozenset({"category", "tag", "cat", "tags", "topic", "section", "format"})
_CSS_MODULE_HASH = re.compile(r"__([A-Za-z0-9_-]{5})$")
_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_MEDIA = frozenset({"img", "picture", "video", "iframe", "svg", "audio", "object", "embed"})
_NEVER_PRUNE = frozenset({"html", "body", "head", "title", "meta", "link"})
# A heading is the text's own: its class styles it and its id is an anchor made of its words
# ("what-share-of-adolescents-...", "h-4-select-times-for-social-media"), not a role.
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Words of prose: an id of four or more words holding one is a slug of the element's own
# title ("SQL-FOR-UPDATE-SHARE", "how-popular-are-ads"), which names no role either.
_SLUG_WORDS = frozenset({"a", "an", "the", "of", "for", "to", "and", "or", "in", "on", "at", "by", "is", "are",
                         "how", "what", "why", "when", "which", "who", "your", "you", "do", "does", "can"})
_SLUG_MIN_WORDS = 4
# A candidate holding more than this share of the page's text is the story, not clutter.
_MAX_SHARE = 0.4
_MAX_PROSE_SHARE = 0.3
_PROSE_WORDS = 8  # words of a paragraph that is a sentence, not a "Read more:" label
_HEADLINE_WORDS = 7  # mean words of a list's links from which they read as headlines, not terms
_FEATURE_PROSE = 150  # characters of one paragraph: a sentence or two, not a caption
_TEXT_LEN = XPath("string-length(normalize-space())")
# ARIA roles of panels a click reveals: their hidden state is the page's, not the reader's choice.
_PANEL_ROLES = frozenset({"tabpanel", "region"})
# Class words that hide an element (trafilatura drops elements so named: " hidden", "hide-", ...).
_HIDING_CLASSES = frozenset({"hidden", "hide", "is-hidden"})
# A style that hides (display:none, visibility/overflow:hidden on a collapsed accordion).
_HIDING_STYLE = re.compile(r"none|hidden", re.IGNORECASE)


def _names_role(words: list[str]) -> bool:
    """Whether a class name names the element's role, not a flag or a taxonomy term.

    "has-gallery", "enable-lightbox" (flags on the story wrapper) and WordPress's
    "category-slider", "tag-ads" (the post's topics) say nothing about the element.
    """
    return bool(words) and not _FLAG_WORDS.intersection(words) and words[0] not in _TAXONOMY_WORDS


_REASONS = tuple(_CLUTTER_WORDS)
_NONE = len(_REASONS)  # the rank of "no reason"
_ANY_EXACT = frozenset(w for words in _CLUTTER_WORDS.values() for w in words)
_ANY_PREFIX = tuple(p for prefixes in _CLUTTER_PREFIXES.values() for p in prefixes)


def _without_hash(name: str) -> str:
    """A CSS-modules class name ("table_root__adKqa") without its random suffix.

    css-loader names classes `[file]_[local]__[5-character base64 hash]`; read as words
    the hash gives "ad" or "Share" by chance. A lowercase suffix is kept: it is a BEM
    element name ("post__share").
    """
    m = _CSS_MODULE_HASH.search(name)
    return name[: m.start()] if m and not m.group(1).islower() else name


@lru_cache(maxsize=16384)
def _name_ranks(name: str) -> tuple[int, int]:
    """(rank of the first reason an exact word of one class name gives, same for a prefix).

    Cached per class name as well as per attribute: names repeat across elements and
    pages far more than whole attributes (which often carry a unique id or number).
    """
    words = [w for w in _TOKEN_SPLIT.split(_CAMEL.sub(" ", _without_hash(name)).lower()) if w]
    tokens = set(words)
    # Most names name no clutter at all: one set operation and one startswith each say so.
    if not (tokens & _ANY_EXACT or any(t.startswith(_ANY_PREFIX) for t in tokens)) or not _names_role(words):
        return _NONE, _NONE
    exact = next((i for i, r in enumerate(_REASONS) if tokens.intersection(_CLUTTER_WORDS[r])), _NONE)
    prefix = next((i for i, r in enumerate(_REASONS)
                   if r in _CLUTTER_PREFIXES and any(t.startswith(_CLUTTER_PREFIXES[r]) for t in tokens)), _NONE)
    return exact, prefix


@lru_cache(maxsize=8192)
def named_reason(names: str) -> str | None:
    """The clutter reason a class/id string names ("shareBar" -> "share"), or None.

    An exact word in any name wins over a prefix; among those, the reason listed first.
    The caches are bounded, so a long batch cannot grow them without limit.
    """
    exact = prefix = _NONE
    for name in names.split():
        e, p = _name_ranks(name)
        exact, prefix = min(exact, e), min(prefix, p)
    best = exact if exact < _NONE else prefix
    return _REASONS[best] if best < _NONE else None


def text_len(el: HtmlElement) -> int:
    """Characters of the element's text, whitespace runs counted as one (one call into libxml2)."""
    return int(_TEXT_LEN(el))


def _is_link_list(el: HtmlElement) -> bool:
    """A list whose items are all short links: related stories, tags, navigation.

    Not a list of terms a sentence leads into ("Clustering groups data by similarity:" over
    links to each method): a tutorial's or a guide's own list. Related-story lists follow a
    heading or a "Read more:" line, and where one follows prose, its links are headlines.
    """
    items = [li for li in el if li.tag == "li"]
    if len(items) < 3 or any(li.find(".//a") is None for li in items):
        return False
    text = text_len(el)
    linked = sum(text_len(a) for a in el.iter("a"))
    if not text or linked / text < 0.9:
        return False
    return not (_after_prose(el) and _words(el) < _HEADLINE_WORDS * len(items))


def _words(el: HtmlElement) -> int:
    return len(el.text_content().split())


def _after_prose(el: HtmlElement) -> bool:
    """Whether the element right before `el` is a paragraph of a sentence or more."""
    prev = el.getprevious()
    while prev is not None and not isinstance(prev.tag, str):  # comments, processing instructions
        prev = prev.getprevious()
    return prev is not None and prev.tag == "p" and _words(prev) >= _PROSE_WORDS


def reason(el: HtmlElement) -> str | None:
    """Why the markup says `el` is clutter, or None."""
    tag = el.tag
    if tag in _NEVER_PRUNE:
        return None
    if tag == "figcaption":
        return "caption"
    if tag == "figure" and any(d.tag in _MEDIA for d in el.iter()):
        return "figure"
    if tag == "aside" or el.get("role") == "complementary":
        return "aside"
    if tag in ("ul", "ol") and _is_link_list(el):
        return "link_list"
    if tag in _HEADINGS:
        return None
    names, id_ = el.get("class") or "", el.get("id") or ""
    why = named_reason(f"{names} {id_}") if names or id_ else None
    if why is not None and id_ and _is_slug(id_):  # asked only of the few ids that name clutter
        return named_reason(names) if names else None
    return why


def _is_slug(id_: str) -> bool:
    """Whether an id is a slug of a title ("SQL-FOR-UPDATE-SHARE") rather than a role name."""
    words = _TOKEN_SPLIT.split(_CAMEL.sub(" ", id_).lower())
    return len(words) >= _SLUG_MIN_WORDS and not _SLUG_WORDS.isdisjoint(words)


def _drop(el: HtmlElement) -> None:
    """Remove `el` but keep its tail text (which belongs to the parent)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail and el.tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _prose_len(el: HtmlElement) -> int:
    """Characters of paragraph text under `el`: the story lives in <p>s."""
    return sum(text_len(p) for p in el.iter("p"))


def _is_feature(el: HtmlElement) -> bool:
    """One picture beside a paragraph: a product's or service's feature block, not a gallery.

    Shops and landing pages call such blocks "feature-gallery" or "slider"; a gallery
    is several pictures with short captions.
    """
    pictures = sum(1 for d in el.iter(*_MEDIA))
    return pictures <= 1 and any(text_len(p) >= _FEATURE_PROSE for p in el.iter("p"))


class _Guard:
    """Refuses to prune a candidate that holds much of the page's text or prose."""

    def __init__(self, tree: HtmlElement) -> None:
        body = tree.find("body")
        root = body if body is not None else tree
        self.text = text_len(root)
        self.prose = _prose_len(root)

    def holds_story(self, el: HtmlElement, why: str) -> bool:
        if self.text > 500 and text_len(el) > _MAX_SHARE * self.text:
            return True
        if why == "gallery" and _is_feature(el):
            return True
        return self.prose > 300 and _prose_len(el) > _MAX_PROSE_SHARE * self.prose


def reveal(el: HtmlElement) -> None:
    """Unhide a tab or accordion panel (`hidden`, `aria-hidden`, display:none, a hiding class)."""
    attrib = el.attrib
    attrib.pop("hidden", None)
    attrib.pop("aria-hidden", None)
    if _HIDING_STYLE.search(attrib.get("style") or ""):
        del attrib["style"]  # layout only: no text lives in it
    names = attrib.get("class")
    if names:
        kept = (n for n in names.split() if n not in _HIDING_CLASSES and not n.startswith(("hide-", "hidden-")))
        attrib["class"] = " ".join(kept)


def prune(tree: HtmlElement) -> Counter[str]:
    """Remove structural clutter from `tree` in place, reveal hidden panels; counts by reason."""
    guard = _Guard(tree)
    pruned: Counter[str] = Counter()
    doomed: list[HtmlElement] = []
    stack = [tree]
    while stack:  # pre-order walk that does not enter what it prunes
        el = stack.pop()
        if el.get("role") in _PANEL_ROLES:  # checked here: a call per element costs more than the test
            reveal(el)
        why = reason(el)
        if why is not None:
            if not guard.holds_story(el, why):
                doomed.append(el)
                pruned[why] += 1
                continue
            pruned["kept_large_" + why] += 1
        stack.extend(child for child in reversed(el) if isinstance(child.tag, str))
    for el in doomed:
        _drop(el)
    return pruned
