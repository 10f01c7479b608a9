"""Pathological input shapes for linear time: one unit (a line, a block, a whitespace
mix) repeated to a size. Shared by tests/test_linear.py (exact rebuild at a small size)
and tests/bench/bench_linear.py (timing at 1 MB and 4 MB)."""
from __future__ import annotations

_PROSE = "The council approved the budget on Tuesday after a long debate, officials said. "

# name -> the unit repeated to fill the size (a trailing newline makes it a line).
SHAPES: dict[str, str] = {
    "photo-credit": "Photo: Reuters\n",
    "photo-colon": "Photo: \n",
    "ab": "Ab\n",
    "gallery-of": "1 of 20\n",
    "read-more": "Read more: x\n",
    "dash-facebook": "- Facebook\n",
    "share-bar": "Share on Facebook / Twitter\n",
    "ws-crlf-mix": "a \t b\u00a0\u00a0c\r\n\r\n  \r \n\t x  y\r",
    "huge-line": "word and more words, ",  # no line break at all: one line of the whole size
    "huge-prose-line": _PROSE,
    "bullets": "• An item in a list\n",
    "blank-runs": "A line of text\n\n\n\n\n\n",
    "short-headings": "Breaking News Today\n",
    "prose-lines": _PROSE + "\n",
    "prose-repeat": "The minister said on Tuesday that the new budget would pass the house next week.\n\n",
    "gallery-run": "See Gallery\nA man walks by the river. REUTERS/John Smith\nNext\n",
    "caption-credit": "A protester holds a sign.\nJohn Smith/Getty Images\n",
    "headings-and-clutter": "Breaking News Today\nShare\n",
    "byline-timestamp": "By John Smith\nNovember 19, 2019 10:00 AM\n",
    "timestamps": "Updated 11/19/19 10:45 a.m. ET\n",
    "comments": "Jane on November 19, 2019 at 7:52 am said:\nGreat story.\n",
    "newsletter": "Sign up for our daily newsletter\nEmail address\n",
    "list-after-colon": "The companies fined were:\nFacebook\nTwitter\nGoogle\n",
    "next-controls": "Next\n",
    "copyright": "© 2019 Acme News. All rights reserved.\n",
    "related-list": "Related stories\nPlastic bag charge to be extended\nMore from Business\n",
}
