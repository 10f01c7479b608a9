"""ads.marker: advertisement markers, sponsored-content and affiliate notices."""
from __future__ import annotations

import pytest

from .util import assert_kept, assert_removed


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
