"""The fast HTML path (`extractor="fast"`): resiliparse's main content, checked and retried."""
from __future__ import annotations

import pytest
from resiliparse.parse.html import HTMLTree

import cleaner
from cleaner.html_fast import covers, extract_fast, find_story, unmark_ancestors

STORY = [
    "The county council voted on Tuesday to reopen the old ferry crossing, closed since the storm of 2019 "
    "washed away its landing stage and left the two villages a forty-minute drive apart.",
    "Engineers expect the new landing stage to take eighteen months to build, and the council has set aside "
    "money for a second boat so that the crossing can run every half hour in the summer.",
    "Residents who spoke at the meeting said the closure had cut them off from the only doctor's surgery on "
    "the far bank, and several asked whether a temporary service could start before the works.",
]
NAV = ["Home", "World", "Politics", "Business", "Sport", "Culture"]
FOOTER = "Copyright 2024 Valley Gazette. All rights reserved."


def _page(body: str, title: str = "Ferry crossing to reopen") -> str:
    menu = "".join(f'<li><a href="/{w.lower()}">{w}</a></li>' for w in NAV)
    return (f"<html><head><title>{title}</title></head><body><header><nav><ul>{menu}</ul></nav></header>"
            f'<div class="wrap"><div class="inner">{body}</div></div>'
            f'<footer class="site-footer"><p>{FOOTER}</p></footer></body></html>')


def _paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def test_a_story_in_a_wrapper_named_like_clutter_is_found_again():
    # "newsletter-post" reads as a sign-up box to resiliparse, which drops the whole story with it.
    page = _page(f'<article class="newsletter-post post"><div class="body markup">{_paragraphs(STORY)}</div></article>')
    article = cleaner.clean_html(page, extractor="fast")
    assert all(p in article.text for p in STORY)
    assert not any(word in article.text.split() for word in NAV) and FOOTER not in article.text
    assert article.extraction["path"] == "resiliparse" and "missed the densest paragraphs" in article.extraction["reason"]


def test_forum_posts_marked_as_comments_are_kept():
    posts = "".join(f'<div class="comment"><div class="comment-body"><p>{p}</p></div></div>' for p in STORY)
    article = cleaner.clean_html(_page(f'<div class="comments">{posts}</div>'), extractor="fast")
    assert all(p in article.text for p in STORY) and FOOTER not in article.text
    assert article.extraction["path"] == "resiliparse" and article.extraction["settings"]["comments"] is True


def test_comments_below_a_long_story_stay_out():
    comment = "What a waste of money, they should have built a bridge instead of another ferry landing stage."
    story = STORY * 3  # over the length below which the text is checked for a missed story
    body = (f"<article><h1>Ferry crossing to reopen</h1>{_paragraphs(story)}</article>"
            f'<div class="comments" id="comments"><div class="comment"><p>{comment}</p></div></div>')
    article = cleaner.clean_html(_page(body), extractor="fast")
    assert all(p in article.text for p in STORY) and comment not in article.text
    assert article.extraction["reason"] == ""


def test_a_short_story_above_a_longer_thread_is_not_swapped_for_it():
    thread = "".join(f'<div class="comment"><p>{p} I disagree with the council.</p></div>' for p in STORY[:2])
    body = f'<article><div class="entry">{_paragraphs(STORY[2:])}</div></article><div class="comments">{thread}</div>'
    article = cleaner.clean_html(_page(body), extractor="fast")
    assert STORY[2] in article.text and "I disagree" not in article.text


def test_a_listing_the_main_content_drops_comes_from_the_whole_page():
    roles = ("backend", "frontend", "data", "platform", "security", "mobile", "site reliability", "embedded",
             "machine learning", "infrastructure", "search", "payments")
    jobs = [f"Senior {role} engineer at {company}, remote, full time" for role in roles
            for company in ("Northwind Labs", "Bluefin Systems")]
    items = "".join(f'<li><a href="/jobs/{i}">{job}</a></li>' for i, job in enumerate(jobs))
    body = f"<main><h1>Remote jobs</h1><p>The latest openings.</p><ul class='jobs'>{items}</ul></main>"
    article = cleaner.clean_html(_page(body, "Remote jobs"), extractor="fast")
    assert sum(job in article.text for job in jobs) >= len(jobs) - 2
    assert article.extraction["path"] == "page" and article.extraction["tried"] == ["resiliparse"]
    assert "the main content kept" in article.extraction["reason"]


def test_a_plain_article_takes_one_extraction_and_keeps_its_settings():
    article = cleaner.clean_html(_page(f"<article>{_paragraphs(STORY)}</article>"), extractor="fast")
    assert all(p in article.text for p in STORY) and FOOTER not in article.text
    assert article.extraction["reason"] == "" and article.extraction["settings"]["comments"] is False


# ---------------------------------------------------------------- the pre-pass


def test_find_story_picks_the_container_with_the_most_paragraph_text():
    tree = HTMLTree.parse(f'<body><div id="side"><p>{STORY[0]}</p></div><div id="main">{_paragraphs(STORY)}</div>'
                          "<div><p>Too short.</p></div></body>")
    story = find_story(tree)
    assert story is not None and story.node.getattr("id") == "main" and len(story.snippets) == 3
    assert covers(" ".join(STORY), story) and not covers(STORY[0], story)
    assert find_story(HTMLTree.parse("<body><p>Short.</p><div>No paragraphs here at all.</div></body>")) is None


def test_covers_ignores_how_the_text_is_wrapped():
    story = find_story(HTMLTree.parse(f"<body><div>{_paragraphs(STORY)}</div></body>"))
    assert story is not None
    assert covers("\n".join(" \n ".join(p.split(" ")) for p in STORY), story)


def test_unmark_ancestors_clears_the_wrappers_not_the_story_element():
    tree = HTMLTree.parse('<body><div class="newsletter-post" id="x" role="dialog"><section role="main" '
                          f'class="comments"><div class="post-meta">{_paragraphs(STORY)}</div></section></div></body>')
    node = tree.body.query_selector(".post-meta")
    unmark_ancestors(node)
    assert node.getattr("class") == "post-meta"
    section = tree.body.query_selector("section")
    assert section.getattr("class") is None and section.getattr("role") == "main"
    outer = tree.body.query_selector("div")
    assert outer.attrs == ()


@pytest.mark.parametrize("html", ["<body></body>", "<body><p>Just one short line.</p></body>"])
def test_extract_fast_on_pages_without_prose(html):
    found = extract_fast(HTMLTree.parse(html), {})
    assert found is None or found.text == "Just one short line."


@pytest.mark.parametrize("extractor", ["fast", "trafilatura"])
def test_a_page_as_text_or_as_utf8_bytes_gives_one_article_and_digest(extractor):
    """The parser reads the page from the UTF-8 bytes the digest was taken of; a text
    page, its UTF-8 bytes, and a text holding a lone surrogate all still clean."""
    import hashlib

    page = _page(_paragraphs([s.replace("old", "öld") for s in STORY]), title="Fähre: Überfahrt")
    as_text = cleaner.clean_html(page, extractor=extractor)
    as_bytes = cleaner.clean_html(page.encode("utf-8"), extractor=extractor)
    assert as_text.text == as_bytes.text and "öld ferry crossing" in as_text.text
    assert as_text.provenance.sha256 == as_bytes.provenance.sha256 == hashlib.sha256(page.encode()).hexdigest()
    odd = page.replace("Engineers", "Engineers\udc80")  # a lone surrogate: no UTF-8 bytes exist for it
    article = cleaner.clean_html(odd, extractor=extractor)
    assert "forty-minute drive" in article.text
    assert article.provenance.sha256 == hashlib.sha256(odd.encode("utf-8", "surrogatepass")).hexdigest()
