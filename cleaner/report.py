"""`cleaner audit OUT --html FILE`: one self-contained page to browse the articles.

No network: CSS, JS and data are inline. The page lists the articles; selecting
one shows its raw text with every removed span highlighted (rule and reason in
the title attribute). An inline SVG bar chart shows removed characters per rule.
The script writes `data-rendered` on <body> when it has rendered, and catches
errors into #errors, so a headless browser can check the page really works.
"""
from __future__ import annotations

import html
import json
from collections import Counter
from pathlib import Path
from typing import Any

from .warc import iter_archived
from .write import atomic_write

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;display:flex;height:100vh;color:#222}
nav{width:22em;overflow:auto;border-right:1px solid #ccc;padding:.5em}
nav button{display:block;width:100%;text-align:left;border:0;background:none;padding:.3em;cursor:pointer}
nav button.current{background:#e6eefc}
main{flex:1;overflow:auto;padding:0 1.5em}
pre.raw{white-space:pre-wrap;font:13px/1.45 ui-monospace,monospace}
mark.removed{background:#fdd;color:#900;text-decoration:line-through}
#errors:empty{display:none} #errors{color:#900}
svg text{font:12px sans-serif}
"""

_JS = r"""
window.onerror = function (msg, src, line) {
  document.getElementById('errors').textContent += msg + ' (line ' + line + ')\n';
};
(function () {
  var data = JSON.parse(document.getElementById('data').textContent);
  var list = document.getElementById('list'), view = document.getElementById('article');
  function show(i) {
    var a = data[i], pre = document.createElement('pre'), pos = 0;
    pre.className = 'raw';
    a.removals.forEach(function (r) {
      pre.appendChild(document.createTextNode(a.raw.slice(pos, r[0])));
      var m = document.createElement('mark');
      m.className = 'removed'; m.dataset.rule = r[2];
      m.title = r[2] + ': ' + r[3];
      m.textContent = a.raw.slice(r[0], r[1]);
      pre.appendChild(m); pos = r[1];
    });
    pre.appendChild(document.createTextNode(a.raw.slice(pos)));
    var h = document.createElement('h2');
    h.textContent = a.title || a.id;
    var meta = document.createElement('p');
    meta.textContent = a.id + ' \u2014 ' + a.removals.length + ' removals, ' + a.removed + ' characters removed';
    view.replaceChildren(h, meta, pre);
    view.dataset.id = a.id;
    Array.prototype.forEach.call(list.children, function (b, j) { b.classList.toggle('current', j === i); });
  }
  data.forEach(function (a, i) {
    var b = document.createElement('button');
    b.className = 'article-link'; b.textContent = a.title || a.id; b.title = a.id;
    b.onclick = function () { show(i); history.replaceState(null, '', '#' + encodeURIComponent(a.id)); };
    list.appendChild(b);
  });
  // #<id> in the address opens that article (links to one article work)
  var wanted = decodeURIComponent(location.hash.slice(1));
  var start = data.findIndex(function (a) { return a.id === wanted; });
  if (data.length) { show(start < 0 ? 0 : start); }
  document.body.dataset.rendered = String(data.length);
})();
"""


def _article_entry(archived: Any) -> dict[str, Any]:
    article = archived.article()
    removals = sorted(article.removals, key=lambda r: r.start)
    return {
        "id": archived.source, "title": article.title, "raw": article.rebuild_raw(),
        "removed": sum(r.end - r.start for r in removals),
        "removals": [[r.start, r.end, r.rule, r.reason] for r in removals],
    }


def rule_chart(removed: Counter[str]) -> str:
    """Horizontal bars of removed characters per rule, as inline SVG."""
    rows = removed.most_common()
    if not rows:
        return "<p>Nothing was removed.</p>"
    top, bar_h, label_w, bar_w = rows[0][1], 18, 200, 360
    parts = [f'<svg id="chart" role="img" aria-label="removed characters per rule" '
             f'width="{label_w + bar_w + 90}" height="{bar_h * len(rows) + 4}">']
    for i, (rule, chars) in enumerate(rows):
        y, width = i * bar_h + 2, max(1, round(bar_w * chars / top))
        parts.append(f'<text x="0" y="{y + 13}">{html.escape(rule)}</text>'
                     f'<rect class="bar" data-rule="{html.escape(rule)}" x="{label_w}" y="{y}" '
                     f'width="{width}" height="{bar_h - 4}" fill="#c44"><title>{html.escape(rule)}: '
                     f'{chars:,} characters</title></rect>'
                     f'<text x="{label_w + width + 6}" y="{y + 13}">{chars:,}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_report(out_dir: Path) -> str:
    """The report page for every archived article in `out_dir`."""
    entries = [_article_entry(a) for a in iter_archived(out_dir)]
    removed: Counter[str] = Counter()
    for entry in entries:
        for start, end, rule, _reason in entry["removals"]:
            removed[rule] += end - start
    # "</" cannot end the script element early once escaped
    data = json.dumps(entries, ensure_ascii=False).replace("</", "<\\/")
    title = f"cleaner audit: {html.escape(out_dir.name)}"
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{_CSS}</style></head><body>"
        f'<nav><h1>{len(entries)} articles</h1><div id="list"></div></nav>'
        f'<main><pre id="errors"></pre><h2>Removed characters per rule</h2>{rule_chart(removed)}'
        f'<article id="article"></article></main>'
        f'<script type="application/json" id="data">{data}</script>'
        f"<script>{_JS}</script></body></html>\n"
    )


def write_report(out_dir: Path, path: Path) -> None:
    atomic_write(path, render_report(out_dir).encode("utf-8"))
