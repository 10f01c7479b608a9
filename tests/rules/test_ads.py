"""ads.*: advertisement markers, sponsored-content and affiliate notices, shop buttons."""
from __future__ import annotations

import pytest

from .util import assert_kept, assert_kept_anywhere, assert_removed


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement", "ADVERTISEMENT", "Story continues below advertisement", "ADVERTISEMENT – Star Tours",
        "Article continues below advertisement", "Scroll to continue with content", "Advertisement - Scroll to continue",
        "Anzeige", "Publicidad", "Publicité", "Reklam", "Iklan", "Реклама", "Sponsored content", "Ad Feedback",
        "If you buy something through links on our site, we may earn a commission.",
        "This article is sponsored by Acme Bank.", "Please disable your ad blocker to continue reading.",
        "Microsoft may earn an Affiliate Commission if you purchase something through recommended links in this article.",
        "This post may contain affiliate and/or referral links. Please see my disclosure page.",
        "AppleInsider has affiliate partnerships and may earn commission on products purchased through affiliate links.",
    ],
)
def test_ad_marker_is_removed(line: str) -> None:
    assert_removed(line, "ads.marker")


@pytest.mark.parametrize(
    "sentence",
    [
        "Advertisement revenue fell 10 percent in the third quarter, the company said.",
        "Advertisers pulled out of the show after the host's remarks.",
        "The ad, which ran during the Super Bowl, drew hundreds of complaints.",
        "Sponsored by the city, the festival runs until Sunday.",
        "Ads for the new phone appeared on billboards across the country.",
        "The company said it would earn a commission on every sale made through the platform.",
        "Brokers may earn a commission of up to 3 percent, regulators said.",
        "Advertisement spending – which fell in 2020 – has recovered, the agency said.",
    ],
)
def test_news_about_advertising_is_kept(sentence: str) -> None:
    assert_kept(sentence)


@pytest.mark.parametrize("line", ["Story continues", "Article continues", "Sponsored by Routsong Funeral Home.",
                                  "Presented by Acme Insurance"])
def test_more_ad_markers_are_removed(line: str) -> None:
    assert_removed(line, "ads.marker")


@pytest.mark.parametrize("sentence", ["Sponsored by the city, the festival runs until Sunday.",
                                      "Story continues to develop as rescuers reach the site, police said."])
def test_sentences_like_sponsor_lines_are_kept(sentence: str) -> None:
    assert_kept(sentence)


@pytest.mark.parametrize(
    "line",
    ["Check Price at REI", "Check price at Amazon", "Check the latest price on Best Buy", "View Deal at Walmart.com",
     "See price at B&H Photo", "Buy now at Backcountry", "$129.99 at Amazon", "£45 at John Lewis"],
)
def test_affiliate_shop_button_is_removed(line: str) -> None:
    assert_removed(line, "ads.shop_button")


@pytest.mark.parametrize(
    "sentence",
    [
        "Check prices at the pump before you fill up.",
        "Compare prices at local stores, the consumer agency advised.",
        "Buy now at your own risk, the regulator warned investors on Monday.",
        "Check price at Amazon before you buy, reviewers say, as it changes daily.",
        "Tickets cost $5 at the door.",
        "$40 at most, the council said of the new parking fee.",
        # short lines with no end punctuation (bullets, subheads): prices by date, place or body
        "£1,568 from 1 October", "€10 on Monday", "$20 on Oct 3", "£9.90 from April 2024", "€2 at 9am",
        "$250 from Congress", "$3.99 At The Pump", "$4 On The Dollar", "See the latest deals on Black Friday",
        "£50 on Election Day", "$5 at March Madness", "Check prices at Christmas",
    ],
)
def test_sentences_about_prices_and_shops_are_kept(sentence: str) -> None:
    assert_kept(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        'Brokers may earn a commission through the scheme, the watchdog warned.',
        'This article was paid for by the Saudi government, the newspaper admitted.',
        'Please disable your ad blocker, the site demanded, prompting a backlash.',
    ],
)
def test_ads_words_in_a_news_sentence_are_kept(sentence: str) -> None:
    assert_kept_anywhere(sentence)


@pytest.mark.parametrize(
    "line",
    [
        "Ads by Google", "Advertorial", "Gesponsert", "Contenido patrocinado", "Contenu sponsorisé",
        "The article continues after the ad", "Artikel wird unter der Anzeige fortgesetzt",
        "La suite après cette publicité", "CONTINUA DEPOIS DA PUBLICIDADE", "In partnership with Acme Bank",
    ],
)
def test_other_publishers_ad_labels_are_removed(line: str) -> None:
    assert_removed(line, "ads.marker")


@pytest.mark.parametrize(
    "sentence",
    [
        "In partnership with the city, the charity opened three shelters.",
        "The article continues a long tradition of investigative reporting.",
    ],
)
def test_sentences_like_ad_labels_are_kept(sentence: str) -> None:
    assert_kept(sentence)


@pytest.mark.parametrize("line", ["スポンサードリンク", "スポンサーリンク"])
def test_japanese_sponsored_link_labels_are_ads(line: str) -> None:
    assert_removed(line, "ads.marker")


def test_a_japanese_sentence_about_sponsors_is_kept() -> None:
    assert_kept_anywhere("市はスポンサードリンクの表示を巡る苦情が増えていると発表した。")


def test_le_monde_s_skip_link_over_an_ad_is_removed() -> None:
    assert_removed("Passer la publicité", "ads.marker")
