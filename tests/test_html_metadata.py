"""html_metadata: the page's title, author and date, read cheaply and checked both ways."""
from __future__ import annotations

import re

import pytest
from resiliparse.parse.html import HTMLTree

import cleaner
from cleaner.html_metadata import choose_title, page_metadata


def _meta(page: str, url: str | None = None) -> dict[str, str | None]:
    return page_metadata(page, HTMLTree.parse(page), url)


def test_title_is_the_h1_the_title_tag_repeats_without_the_site_name():
    assert choose_title("Seals return to the bay | Coastal Times", "", ["Seals return to the bay"]) == "Seals return to the bay"
    # an <h1> the <title> does not repeat is a logo or a section name: the title's first part wins
    assert choose_title("Seals return to the bay | Coastal Times", "", ["Coastal Times"]) == "Seals return to the bay"
    assert choose_title("Seals return - the long story", "", []) == "Seals return"
    assert choose_title("Nine-to-five jobs", "", []) == "Nine-to-five jobs"  # a hyphen without spaces is no separator
    assert choose_title("", "Og headline", []) == "Og headline"
    assert choose_title("", "", ["Only heading"]) == "Only heading"
    assert choose_title("", "", []) is None


def test_author_from_byline_markup_when_the_head_has_none():
    page = ("<html><head><title>A | B</title></head><body><h1>A</h1>"
            "<span class='post-author'>By Jane Roe</span><p>Text.</p></body></html>")
    assert _meta(page)["author"] == "Jane Roe"
    comments = page.replace("post-author", "comment-author")
    assert _meta(comments)["author"] is None  # a commenter is not the author
    sentence = page.replace("By Jane Roe", "The author of this long report thanks everyone who helped in the year 2020")
    assert _meta(sentence)["author"] is None  # long or numbered texts are no byline


def test_date_from_url_time_and_written_byline_but_not_from_other_numbers():
    body = "<html><head><title>T</title></head><body><h1>T</h1>{}<p>Text.</p></body></html>"
    assert _meta(body.format(""), "https://x.example/2021/03/14/story")["date"] == "2021-03-14"
    assert _meta(body.format("<time datetime='2020-01-02T08:00'>then</time>"))["date"] == "2020-01-02"
    assert _meta(body.format("<div class='meta'>Posted on September 4th, 2025</div>"))["date"] == "2025-09-04"
    assert _meta(body.format("<p>Le 4 mars 2024 à Paris</p>"))["date"] == "2024-03-04"
    assert _meta(body.format("<p>Call 555 2025 or read 10 tips for 2024</p>"))["date"] is None
    assert _meta(body.format(""), "https://x.example/2021/13/40/story")["date"] is None  # no month 13


def test_a_published_date_wins_over_the_modified_one():
    head = ("<meta property='article:modified_time' content='2024-05-01'>"
            "<meta property='article:published_time' content='2023-02-03T10:00:00Z'>")
    page = f"<html><head>{head}</head><body><p>x</p></body></html>"
    assert _meta(page)["date"] == "2023-02-03"
    only_modified = page.replace("article:published_time", "other")
    assert _meta(only_modified)["date"] == "2024-05-01"


def test_the_url_and_meta_dates_come_first_and_json_ld_after_the_shown_date():
    ld = """<script type="application/ld+json">{"datePublished": "2021-08-12T10:00:00Z"}</script>"""
    meta = "<meta property='article:published_time' content='2021-08-12T10:00:00Z'>"
    shown = "<h1>T</h1><p>Posted <time datetime='2025-02-22'>Feb 22, 2025</time></p><p>Text.</p>"

    def page(head: str, body: str = shown) -> str:
        return "<html><head>" + head + "</head><body>" + body + "</body></html>"

    assert _meta(page(ld))["date"] == "2025-02-22"  # the date the reader sees, not JSON-LD's alone
    assert _meta(page(ld + meta))["date"] == "2021-08-12"  # <meta> (and JSON-LD with it) wins
    assert _meta(page(ld + meta), "https://x.example/2021/08/11/story")["date"] == "2021-08-11"
    assert _meta(page(ld, "<h1>T</h1><p>Text.</p>"))["date"] == "2021-08-12"  # JSON-LD when no date is shown


def test_html_metadata_is_kept_in_the_provenance_and_plain_text_has_none():
    page = ("<html lang='en'><head><title>Seals return | Coastal Times</title>"
            "<link rel='canonical' href='https://coastal.example/seals'></head><body><h1>Seals return</h1>"
            + "".join(f"<p>{'The seals came back to the estuary this spring. ' * 3}{i}</p>" for i in range(5))
            + "</body></html>")
    article = cleaner.clean_html(page)
    meta = article.provenance.metadata
    assert meta is not None and meta["title"] == "Seals return" and meta["canonical_url"] == "https://coastal.example/seals"
    assert meta["language"] == "en" and "author" not in meta  # empty fields are left out
    assert article.provenance.to_dict()["metadata"] == meta
    assert cleaner.Provenance(**article.provenance.to_dict()) == article.provenance  # the archive's round trip
    text = cleaner.clean_text("A plain story.\n\nWith two paragraphs.")
    assert "metadata" not in text.provenance.to_dict()


def test_a_written_date_is_the_first_one_after_the_headline_and_never_part_of_a_longer_number() -> None:
    from cleaner.html_metadata import _written_date

    html = ("<html><head></head><body><p>Founded in 2001</p><h1>Title</h1>"
            "<span>ref 4 March 20190</span><span>By Ann, 4th of September,\n  2025</span>"
            "<p>Follow-up: 1 May 2026.</p></body></html>")
    assert _written_date(html, 0) == "2025-09-04"
    assert _written_date(html.replace("September,\n  2025", "Septembre 20251"), 0) == "2026-05-01"


def test_json_ld_blocks_are_found_by_their_type_in_any_case_and_nowhere_else() -> None:
    decoy = "<script>var t = 'application/x+json'; var s = '<b>+json</b>';</script>"
    upper = """<SCRIPT TYPE="APPLICATION/LD+JSON">{"author": {"name": "Ada Byron"}}</SCRIPT>"""
    lower = """<script type='application/ld+json'>{"headline": "Kept headline", "author": "Not first"}</script>"""
    page = f"<html><head>{decoy}{upper}{lower}</head><body><p>Text.</p></body></html>"
    meta = _meta(page)
    assert meta["author"] == "Ada Byron"  # the first block's, read although the tag is upper case
    assert meta["title"] == "Kept headline"  # the second block read too, after the first
    cut = page.replace("</SCRIPT>", "")  # an unclosed block runs into the next: neither parses
    assert _meta(f"<html><head>{decoy}</head><body>x</body></html>")["author"] is None
    assert _meta(cut)["author"] is None


def test_only_a_canonical_link_gives_the_url() -> None:
    head = ("<link rel='stylesheet' href='/main.css'><link rel='icon' href='/favicon.ico'>"
            "<LINK REL='Canonical' HREF='https://news.example/story'>")
    assert _meta(f"<html><head>{head}</head><body><p>x</p></body></html>")["url"] == "https://news.example/story"
    no_canonical = head.replace("REL='Canonical' ", "REL='alternate' ")
    assert _meta(f"<html><head>{no_canonical}</head><body><p>x</p></body></html>")["url"] is None


def test_json_ld_after_other_plus_json_text_and_attributes_is_found() -> None:
    from cleaner.html_metadata import _ld_blocks

    block = '<script type="application/ld+json">{"author": "Ada"}</script>'
    assert list(_ld_blocks("<p>served as application/x+json " + block)) == ['{"author": "Ada"}']
    assert list(_ld_blocks('<div data-type="a+json b+json">x</div>' + block)) == ['{"author": "Ada"}']
    assert list(_ld_blocks('<script>if (a < b) t = "x+json";</script>' + block)) == ['{"author": "Ada"}']


def test_json_ld_search_tries_each_tag_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many "+json" inside one long tag are one try, not one each (a tag read again per
    "+json" made a 170 kB page take 55 s)."""
    from cleaner import html_metadata

    tries = []

    class Counting:
        def match(self, text: str, pos: int) -> re.Match[str] | None:
            tries.append(pos)
            return html_metadata._LD_JSON_OPEN_PATTERN.match(text, pos)

    monkeypatch.setattr(html_metadata, "_LD_JSON_OPEN_PATTERN", html_metadata._LD_JSON_OPEN, raising=False)
    monkeypatch.setattr(html_metadata, "_LD_JSON_OPEN", Counting())
    page = '<script data-x="' + "a+json " * 5000 + '"></script><script type="application/ld+json">{}</script>'
    assert list(html_metadata._ld_blocks(page)) == ["{}"]
    assert len(tries) == 2
