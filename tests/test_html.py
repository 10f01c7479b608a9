"""clean_html: DOM pruning, trafilatura extraction, text cleaning, metadata, ledger."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import cleaner
from cleaner.html import body_text, decode_html, prune
from cleaner.sources import EmptyInputError, InputError

DATA = Path(__file__).parent / "data" / "html"
STORY = [
    "For the first time in forty years, a colony of harbour seals has been counted",
    "The survey, carried out from small boats at low tide, found sixty-two animals",
    "Researchers believe cleaner water and a ban on net fishing in the lower river",
    "The trust now asks walkers to keep dogs on leads along the shore",
]
CLUTTER = [
    "Share on Facebook", "A young seal rests", "weekly nature briefing", "Otters spotted",
    "Gallery: twelve photos", "Storm damages pier", "All rights reserved", "Home",
]


@pytest.fixture(scope="module")
def article() -> cleaner.Article:
    return cleaner.clean_html((DATA / "article.html").read_bytes(), url="https://coastal.example/x?utm=1")


def test_keeps_every_story_paragraph_and_drops_structural_clutter(article):
    for sentence in STORY:
        assert sentence in article.text
    for clutter in CLUTTER:
        assert clutter not in article.text


def test_body_has_no_headline_and_metadata_comes_from_the_page(article):
    assert article.title == "Harbour seals return to the estuary"
    assert not article.text.startswith("Harbour seals")
    assert article.byline == "Mara Lindqvist"
    assert article.published == "2021-03-14"
    assert article.publisher == "Coastal Times"
    assert article.url == "https://coastal.example/news/seals-return"  # canonical wins over the fetch URL
    assert article.provenance.url == "https://coastal.example/x?utm=1"
    assert article.language == "en"


def test_extraction_record_counts_pruned_elements_and_hashes_the_extracted_text(article):
    extraction = article.extraction
    assert extraction["extractor"].startswith("trafilatura ")
    assert extraction["settings"]["include_comments"] is False
    for reason in ("figure", "share", "newsletter", "aside", "gallery", "link_list"):
        assert extraction["pruned"].get(reason, 0) >= 1, reason
    extracted = article.rebuild_raw()  # the ledger accounts for the extracted text
    assert hashlib.sha256(extracted.encode()).hexdigest() == extraction["text_sha256"]
    assert extracted.startswith("Harbour seals return to the estuary")
    assert [r.rule for r in article.removals] == ["head.duplicate_title"]
    assert article.provenance.sha256 == hashlib.sha256((DATA / "article.html").read_bytes()).hexdigest()


def _page(paragraphs: list[str], head: str = "<title>T</title>") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>"


LONG = [
    "The council voted on Tuesday night to keep the old library open for at least another five years.",
    "Campaigners had gathered more than four thousand signatures in a petition against the closure plan.",
    "The building, which dates from 1904, will get a new roof and step-free access paid for by a grant.",
]


def test_text_engine_removes_residual_clutter_the_dom_does_not_mark():
    page = _page(LONG[:2] + ["Follow us on Twitter and Facebook for more local news."] + LONG[2:])
    article = cleaner.clean_html(page)
    assert "Follow us on Twitter" not in article.text
    assert all(p in article.text for p in LONG)
    removed = [r for r in article.removals if "Follow us" in r.text]
    assert removed and removed[0].rule.split(".")[0] in ("social", "links", "newsletter")
    # offsets point into the extracted text, which the ledger rebuilds
    raw = article.rebuild_raw()
    assert raw[removed[0].start : removed[0].end] == removed[0].text


def test_story_wrapper_flagged_gallery_is_not_pruned():
    page = (
        "<html><head><title>Library saved</title></head><body>"
        '<div class="post category-slider has-gallery enable-lightbox">'
        + "".join(f"<p>{p}</p>" for p in LONG)
        + "</div></body></html>"
    )
    article = cleaner.clean_html(page)
    assert all(p in article.text for p in LONG)


def test_prune_keeps_tail_text_and_counts_reasons():
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(
        "<html><body><div><p>Kept one.</p><div class='adslot'>BUY NOW</div>tail stays"
        "<span hidden>secret</span><figure><img src=x><figcaption>cap</figcaption></figure></div></body></html>"
    )
    counts = prune(tree)
    text = tree.text_content()
    assert "tail stays" in text and "Kept one." in text
    assert "BUY NOW" not in text and "cap" not in text
    assert "secret" in text  # hidden is not clutter: tabs hide product descriptions
    assert counts == {"ad": 1, "figure": 1}


def test_body_text_undoes_source_line_wrapping_but_keeps_line_breaks():
    from lxml import etree

    body = etree.fromstring("<body><p>one\n  two<lb/>three</p><list><item>a</item><item>b</item></list></body>")
    assert body_text(body) == "one two\nthree\n\na\n\nb"


def test_body_text_keeps_inline_code_in_its_sentence_and_code_blocks_apart():
    from lxml import etree

    body = etree.fromstring("<body><p>If it is <code>Ok</code>, return it.</p><code><code>let x = 1;</code></code>"
                            "<list><item>Use <code>foo</code> here.</item></list><head>The <code>Result</code> type</head></body>")
    assert body_text(body) == "If it is Ok, return it.\n\nlet x = 1;\n\nUse foo here.\n\nThe Result type"


@pytest.mark.parametrize("encoding", ["cp1252", "iso-8859-1", "koi8-r", "shift_jis"])
def test_declared_encodings_are_honoured(encoding):
    word = {"koi8-r": "Привет", "shift_jis": "東京"}.get(encoding, "Café")
    page = f'<html><head><meta charset="{encoding}"></head><body><p>{word} x</p></body></html>'
    text, used, errors = decode_html(page.encode(encoding), "p.html")
    assert word in text and errors == 0


def test_undeclared_non_utf8_is_detected():
    page = "<html><body><p>" + "Le café était très animé ce soir-là, à côté de l'église. " * 5 + "</p></body></html>"
    text, _, _ = decode_html(page.encode("cp1252"), "p.html")
    assert "café était très" in text
    russian = "<html><body><p>" + "Вчера вечером в городе прошёл сильный дождь, улицы затопило. " * 5 + "</p></body></html>"
    text, _, _ = decode_html(russian.encode("cp1251"), "r.html")
    assert "сильный дождь" in text


def test_header_charset_beats_nothing_and_utf8_wins_over_wrong_label():
    assert decode_html("naïve".encode("utf-8"), "x", "text/html; charset=iso-8859-1")[0] == "naïve"
    assert decode_html("naïve".encode("cp1252"), "x", "text/html; charset=windows-1252")[0] == "naïve"


@pytest.mark.parametrize(
    "page, error",
    [
        ("", EmptyInputError),
        ("   \n ", EmptyInputError),
        ("<html><body><nav><a href='/'>Home</a></nav></body></html>", InputError),
        ("<html><body><div class='share'>Share</div></body></html>", InputError),
        ("<<<>>> <p unclosed <div", InputError),
    ],
)
def test_pages_without_main_text_raise_input_error_naming_the_page(page, error):
    with pytest.raises(error) as info:
        cleaner.clean_html(page, source="bad.html")
    assert "bad.html" in str(info.value)


def test_no_main_text_message():
    with pytest.raises(InputError, match=r"^empty.html: no main text found"):
        cleaner.clean_html("<html><body><nav><ul><li><a href='/'>Home</a></li></ul></nav></body></html>", source="empty.html")


def test_malformed_html_still_yields_its_text():
    page = "<html><body><div><p>" + LONG[0] + "<p>" + LONG[1] + "</div></span><p>" + LONG[2]
    article = cleaner.clean_html(page)
    assert all(p in article.text for p in LONG)


# ---------------------------------------------------------------- extractors and fallbacks


@pytest.fixture(scope="module")
def fast_article() -> cleaner.Article:
    return cleaner.clean_html((DATA / "article.html").read_bytes(), url="https://coastal.example/x?utm=1", extractor="fast")


def test_fast_extractor_keeps_the_story_and_drops_clutter(fast_article):
    for sentence in STORY:
        assert sentence in fast_article.text
    for clutter in CLUTTER:
        assert clutter not in fast_article.text
    record = fast_article.extraction
    assert record["path"] == "resiliparse" and record["tried"] == []
    assert record["extractor"].startswith("resiliparse ")
    extracted = fast_article.rebuild_raw()  # the ledger accounts for resiliparse's text
    assert hashlib.sha256(extracted.encode()).hexdigest() == record["text_sha256"]


def test_fast_extractor_reads_metadata_from_the_head(fast_article):
    assert fast_article.title == "Harbour seals return to the estuary"
    assert fast_article.byline == "Mara Lindqvist"
    assert fast_article.published == "2021-03-14"
    assert fast_article.publisher == "Coastal Times"
    assert fast_article.url == "https://coastal.example/news/seals-return"
    assert fast_article.language == "en"
    assert fast_article.extraction["canonical_url"] == "https://coastal.example/news/seals-return"


def head_metadata(page: str, url: str | None) -> dict[str, str | None]:
    from resiliparse.parse.html import HTMLTree

    from cleaner.html_metadata import page_metadata

    return page_metadata(page, HTMLTree.parse(page), url)


def test_head_metadata_falls_back_to_title_and_time_and_skips_profile_urls():
    page = ("<html><head><title> Plain  title </title><meta property='article:author' content='https://x.example/u/1'>"
            "</head><body><time datetime='2019-07-02T10:00'>2 July</time><p>Text.</p></body></html>")
    meta = head_metadata(page, "https://x.example/a")
    assert meta["title"] == "Plain title" and meta["author"] is None
    assert meta["date"] == "2019-07-02" and meta["url"] == "https://x.example/a" and meta["language"] is None


def test_unknown_extractor_is_refused():
    with pytest.raises(ValueError, match="extractor"):
        cleaner.clean_html(_page(LONG), extractor="magic")


def test_when_trafilatura_finds_nothing_resiliparse_gives_the_text(monkeypatch):
    monkeypatch.setattr("cleaner.html.extract_trafilatura", lambda html, metadata, url: None)
    article = cleaner.clean_html(_page(LONG))
    assert all(p in article.text for p in LONG)
    assert article.extraction["path"] == "resiliparse" and article.extraction["tried"] == []


def test_when_the_extraction_is_all_clutter_the_next_path_is_tried(monkeypatch):
    from cleaner.html_extract import Extraction

    clutter = Extraction("\n\n".join(["Share on Facebook", "Follow us on Twitter"] * 8), {}, "trafilatura", "t", {})
    monkeypatch.setattr("cleaner.html.extract_trafilatura", lambda html, metadata, url: clutter)
    article = cleaner.clean_html(_page(LONG))
    assert all(p in article.text for p in LONG)
    assert article.extraction["path"] == "resiliparse" and article.extraction["tried"] == ["trafilatura"]
    assert article.rebuild_raw() == "\n\n".join(LONG)  # the ledger is the fallback's text


def test_a_trafilatura_fragment_gives_way_to_resiliparse_whole_text(monkeypatch):
    from cleaner.html_extract import Extraction

    fragment = Extraction(LONG[0], {"title": "T"}, "trafilatura", "t", {})
    monkeypatch.setattr("cleaner.html.extract_trafilatura", lambda html, metadata, url: fragment)
    article = cleaner.clean_html(_page(LONG))
    assert all(p in article.text for p in LONG) and article.extraction["path"] == "resiliparse"
    assert "fragment" in article.extraction["reason"]
    whole = Extraction("\n\n".join(LONG[:2]), {"title": "T"}, "trafilatura", "t", {})
    monkeypatch.setattr("cleaner.html.extract_trafilatura", lambda html, metadata, url: whole)
    assert cleaner.clean_html(_page(LONG)).extraction["path"] == "trafilatura"  # not a fragment: kept


def test_whole_page_text_is_the_last_resort(monkeypatch):
    monkeypatch.setattr("cleaner.html.extract_trafilatura", lambda html, metadata, url: None)
    monkeypatch.setattr("cleaner.html.extract_resiliparse", lambda *args: None)
    monkeypatch.setattr("cleaner.html.extract_fast", lambda *args: None)
    page = "<html><body><div>" + "".join(f"<span>{p}</span><br>" for p in LONG) + "</div></body></html>"
    for extractor in ("trafilatura", "fast"):
        article = cleaner.clean_html(page, extractor=extractor)
        assert all(p in article.text for p in LONG)
        assert article.extraction["path"] == "page"


def test_prune_does_not_count_clutter_inside_pruned_clutter():
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(
        "<html><body><p>" + LONG[0] + "</p><div class='gallery'><div class='ad'>x</div>"
        "<figure><img src=a><figcaption>c</figcaption></figure></div></body></html>"
    )
    assert prune(tree) == {"gallery": 1}


def test_named_reason_reads_role_words_not_flags():
    from cleaner.html_prune import named_reason

    assert named_reason("shareBar") == "share"
    assert named_reason("post has-gallery") is None
    assert named_reason("category-slider") is None
    assert named_reason("newsletter-signup") == "newsletter"
    assert named_reason("headline") is None  # "ad" is a whole word, not a substring


def test_head_metadata_reads_json_ld_before_meta_tags_and_survives_bad_json():
    ld = ('{"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle", "headline": "H",'
          ' "datePublished": "2022-05-06T07:00:00+02:00", "author": [{"@type": "Person", "name": "Ada  Byron"},'
          ' {"name": "Bo Li"}], "publisher": {"name": "The Post"}}]}')
    page = (f"<html lang='de-AT'><head><meta name='author' content='Desk'><script type='application/ld+json'>{{oops"
            f"</script><script type=\"application/ld+json\">{ld}</script></head><body><p>x</p></body></html>")
    meta = head_metadata(page, None)
    assert meta["author"] == "Ada Byron; Bo Li" and meta["date"] == "2022-05-06"
    assert meta["sitename"] == "The Post" and meta["language"] == "de"
    assert head_metadata(page.replace("application/ld+json", "text/plain"), None)["author"] == "Desk"


def test_css_module_hashes_are_not_read_as_words_but_bem_elements_are():
    from cleaner.html_prune import named_reason

    assert named_reason("mdx-table_root__adKqa") is None  # css-loader's random suffix says "ad" by chance
    assert named_reason("card_wrap__Share") is None
    assert named_reason("post__share") == "share"  # a lowercase suffix is a BEM element's name
    assert named_reason("promo_box__x9Lq2") == "promo"  # the name before the hash still counts


def test_a_feature_block_named_gallery_is_kept_and_a_real_gallery_pruned():
    from lxml import html as lxml_html

    feature = ("<div class='feature-gallery'><img src=a><h3>Power unpacked</h3><p>" + LONG[1] + " " + LONG[2] + "</p></div>")
    gallery = ("<div class='gallery'>" + "".join(f"<img src={i}><p>Photo {i}: the harbour at dawn.</p>" for i in range(3))
               + "</div>")
    tree = lxml_html.fromstring("<html><body><p>" + LONG[0] + "</p>" + feature + gallery + "</body></html>")
    pruned = prune(tree)
    text = tree.text_content()
    assert LONG[1] in text and "the harbour at dawn" not in text
    assert pruned["gallery"] == 1


def test_extracted_main_text_is_cleaned_without_the_whole_page_rules(monkeypatch):
    from cleaner import html as html_module
    from cleaner.config import Config

    seen = []
    real = html_module.clean_text

    def spy(text, **kwargs):
        seen.append(kwargs["config"])
        return real(text, **kwargs)

    monkeypatch.setattr("cleaner.html.clean_text", spy)
    cleaner.clean_html(_page(LONG), config=Config(disable=["ads"]))
    assert seen[-1].disable == {"ads", "page"}
    monkeypatch.setattr("cleaner.html.extract_trafilatura", lambda html, metadata, url: None)
    monkeypatch.setattr("cleaner.html.extract_resiliparse", lambda *args: None)
    cleaner.clean_html(_page(LONG), config=Config(disable=["ads"]))
    assert seen[-1].disable == {"ads"}  # the whole page's text: the page rules find the story in it


def test_a_short_fast_mode_text_is_rechecked_with_trafilaturas_fallbacks(monkeypatch):
    from cleaner import html_extract

    calls = []

    def fake(tree, url, settings):
        calls.append(settings["fast"])
        return "Short teaser." if settings["fast"] else "\n\n".join(LONG)

    monkeypatch.setattr(html_extract, "_trafilatura_text", fake)
    found = html_extract.extract_trafilatura(_page(LONG), {})
    assert calls == [True, False] and found is not None
    assert found.text == "\n\n".join(LONG) and found.settings["fast"] is False and "fast mode kept" in found.reason
    calls.clear()
    monkeypatch.setattr(html_extract, "_trafilatura_text", lambda tree, url, settings: calls.append(1) or "\n\n".join(LONG * 3))
    long_found = html_extract.extract_trafilatura(_page(LONG), {})
    assert calls == [1] and long_found is not None and long_found.settings["fast"] is True  # long enough: one run


def test_resiliparse_longer_by_short_lines_does_not_unseat_trafilaturas_prose(monkeypatch):
    from cleaner.html_extract import Extraction

    specs = [f"Spec {i}: {v}" for i, v in enumerate(["XLR", "1.87 lbs", "Black", "48V", "Cardioid", "50Hz-20kHz"] * 6)]
    story = Extraction("\n\n".join(LONG), {"title": "T"}, "trafilatura", "t", {})
    shop = Extraction("\n".join(["$79.99", "In stock"] + LONG + specs), {"title": "T"}, "resiliparse", "r", {})
    monkeypatch.setattr("cleaner.html.extract_trafilatura", lambda html, metadata, url: story)
    monkeypatch.setattr("cleaner.html.extract_resiliparse", lambda *args: shop)
    assert len(story.text) < 0.5 * len(shop.text)  # what length alone took for a fragment
    article = cleaner.clean_html(_page(LONG))
    assert article.extraction["path"] == "trafilatura" and "Spec 3" not in article.text
    others = [f"{p[:-1]}, said speaker number {i} at the second meeting." for i, p in enumerate(LONG * 2)]
    more = Extraction("\n\n".join(LONG + others), {}, "resiliparse", "r", {})
    monkeypatch.setattr("cleaner.html.extract_resiliparse", lambda *args: more)
    assert cleaner.clean_html(_page(LONG)).extraction["path"] == "resiliparse"  # missed sentences: a fragment


def test_hidden_tab_and_accordion_panels_are_revealed_but_hidden_popups_stay_hidden():
    tabs = (
        "<div role='tablist'><button role='tab'>Python</button><button role='tab'>Node.js</button></div>"
        f"<div role='tabpanel'><p>{LONG[1]}</p></div>"
        "<div role='tabpanel' hidden style='display:none' class='panel hidden'>"
        "<p>Install the Node.js package with npm, then run the script from the folder that holds it.</p></div>"
        "<section role='region' aria-hidden='true' style='overflow: hidden; height: 0'>"
        "<p>The warranty covers parts and labour for two years from the date of purchase in any store.</p></section>"
        "<div class='modal' style='display:none'><p>Sign up for our members club today and get exclusive offers.</p>"
        "</div>"
    )
    page = f"<html><head><title>T</title></head><body><article><p>{LONG[0]}</p>{tabs}<p>{LONG[2]}</p></article></body></html>"
    text = cleaner.clean_html(page).text
    assert all(p in text for p in LONG)
    assert "Install the Node.js package with npm" in text and "The warranty covers parts" in text
    assert "members club" not in text


def test_headings_and_title_slug_ids_are_not_read_as_role_names():
    from lxml import html as lxml_html

    from cleaner.html_prune import reason

    def why(markup: str) -> str | None:
        return reason(lxml_html.fragment_fromstring(markup))

    assert why("<h2 id='what-share-of-teens-use-social-media'>What share of teens use social media?</h2>") is None
    assert why("<h3 class='social-title'>Social shopping</h3>") is None
    assert why("<div id='SQL-FOR-UPDATE-SHARE'><p>The locking clause</p></div>") is None
    assert why("<div id='share-bar'>Share</div>") == "share"
    assert why("<div id='elShareItem_5853831_menu'>Link to post</div>") == "share"  # a role, not a title
    assert why("<div class='post-share-tools' id='how-to-apply'>Share</div>") == "share"  # the class still counts


def test_a_link_list_a_sentence_leads_into_is_kept_and_a_related_list_pruned():
    from lxml import html as lxml_html

    links = "".join(f"<li><a href='/m{i}'>Method {i} explained</a></li>" for i in range(4))
    related = "".join(f"<li><a href='/s{i}'>Story {i} of the week</a></li>" for i in range(4))
    headlines = "".join(f"<li><a href='/h{i}'>NASA Mission {i} Could Potentially Spot Signs of Alien Life</a></li>"
                        for i in range(3))
    tree = lxml_html.fromstring(
        f"<html><body><p>{LONG[0]}</p><p>Clustering groups the data by similarity, in one of four families:</p>"
        f"<ul>{links}</ul><h3>Related</h3><ul>{related}</ul><p>Read more:</p><ol>{related}</ol>"
        f"<p>{LONG[1]}</p><ul>{headlines}</ul></body></html>"
    )
    pruned = prune(tree)
    text = tree.text_content()
    assert "Method 3 explained" in text and "Story 1 of the week" not in text
    assert "Signs of Alien Life" not in text  # after prose, but headlines: a related-stories box
    assert pruned["link_list"] == 3
