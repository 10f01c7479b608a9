"""`cleaner audit OUT --html FILE`: one self-contained page with the audit's verdict and the articles.

The page opens with the verdict: a green "passed" bar, or a red "FAILED" banner with
every problem (file, where: record, line or byte, and what differs). Below it, the
list of articles (title, id, number of removals, problems) and, for the selected one,
its provenance, a table of its removals (number, rule, reason, characters, offsets)
and its raw text with every removed span struck through and labelled inline with its
number and rule, so nothing needs a mouse (the title attribute is a bonus for hover).

No network: CSS, JS and data are inline, and every string from the output folder is
escaped (HTML-escaped in markup; `<`, `>` and `&` as JSON escapes inside the data
script, so `</script>` in an article cannot end it). Numbers are written one way:
digits grouped by commas (Python's `{:,}`, and the same grouping in the script).
The script writes `data-rendered` on <body> when it has rendered and catches errors
into #errors, so a headless browser can check the page really works.
"""
from __future__ import annotations

import html
import json
import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .warc import iter_archived
from .write import atomic_write

if TYPE_CHECKING:
    from .audit import AuditResult, Problem

log = logging.getLogger(__name__)

_CSS = """
*{box-sizing:border-box}
html,body{height:100%}
body{font:15px/1.5 system-ui,sans-serif;margin:0;display:flex;flex-direction:column;color:#222}
.verdict{padding:.6em 1.2em;max-height:45vh;overflow:auto;flex:none;border-bottom:1px solid #999}
.verdict h1{margin:.1em 0;font-size:1.5em}
.verdict p{margin:.2em 0}
.verdict.passed{background:#e3f4e1;color:#0b4d12;border-bottom:4px solid #2e8b3a}
.verdict.failed{background:#b3141b;color:#fff;border-bottom:6px solid #5c0000}
.problems a{color:#0645ad}
table{border-collapse:collapse}
th,td{text-align:left;vertical-align:top;padding:.15em .6em;border-bottom:1px solid rgba(0,0,0,.15)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.problems{background:#fff;color:#222;margin:.4em 0;font-size:14px}
.problems td.file,.problems td.where{font-family:ui-monospace,monospace;font-size:13px}
.warnings{background:#fff6d5;color:#5a4500;padding:.2em 1em;margin:.4em 0}
.columns{display:flex;flex:1;min-height:0}
nav{width:24em;flex:none;overflow:auto;border-right:1px solid #ccc;padding:.5em}
nav h2{margin:.2em .3em;font-size:1.1em}
nav ol{list-style:none;margin:0;padding:0}
a.article-link{display:block;padding:.3em .4em;color:#123;text-decoration:none;border-radius:3px}
a.article-link:hover,a.article-link:focus{background:#f0f4fb}
a.article-link.current{background:#dce7fb}
a.article-link small{display:block;color:#555}
.badge{display:inline-block;background:#b3141b;color:#fff;border-radius:3px;padding:0 .35em;font-size:12px}
main{flex:1;overflow:auto;padding:0 1.5em 2em}
dl.provenance{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1em;margin:.5em 0}
dl.provenance dt{font-weight:600;color:#444}
dl.provenance dd{margin:0;overflow-wrap:anywhere}
dd.hash,dd.url{font-family:ui-monospace,monospace;font-size:13px}
.missing{color:#888}
.article-problems{background:#fbe3e4;color:#5c0000;border-left:4px solid #b3141b;padding:.3em .8em}
pre.raw{white-space:pre-wrap;overflow-wrap:anywhere;font:13px/1.55 ui-monospace,monospace;
 background:#fafafa;border:1px solid #ddd;padding:.6em}
mark.removed{background:#fde2e2;color:#8a1010;text-decoration:line-through}
mark.removed .tag{text-decoration:none;display:inline-block;background:#8a1010;color:#fff;
 font:600 11px/1.3 system-ui,sans-serif;border-radius:3px;padding:0 .35em;margin-right:.3em;user-select:none}
#errors:empty{display:none} #errors{color:#900}
details.rules{margin:.8em 0}
details.rules summary{cursor:pointer;font-weight:600}
svg text{font:12px sans-serif}
"""

_JS = r"""
window.onerror = function (msg, src, line) {
  document.getElementById('errors').textContent += msg + ' (line ' + line + ')\n';
};
(function () {
  var data = JSON.parse(document.getElementById('data').textContent);
  var view = document.getElementById('article');
  var links = document.querySelectorAll('a.article-link');
  // the same grouping as Python's format(n, ','): 16646 -> 16,646
  function fmt(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ','); }
  function count(n, word) { return fmt(n) + ' ' + word + (n === 1 ? '' : 's'); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function provenance(a) {
    var dl = el('dl', 'provenance');
    a.provenance.forEach(function (row) {
      dl.appendChild(el('dt', '', row[0]));
      var dd = el('dd', row[2] || '', row[1] === null || row[1] === '' ? '\u2014' : row[1]);
      if (row[1] === null || row[1] === '') { dd.classList.add('missing'); }
      dl.appendChild(dd);
    });
    return dl;
  }
  function removalTable(a) {
    var t = el('table', 'removals'), head = el('tr');
    [['#', 'num'], ['Rule', ''], ['Reason', ''], ['Characters', 'num'], ['Raw offsets', 'num']]
      .forEach(function (h) { head.appendChild(el('th', h[1], h[0])); });
    t.appendChild(head);
    a.removals.forEach(function (r, k) {
      var tr = el('tr');
      tr.dataset.rule = r[2];
      [[k + 1, 'num'], [r[2], 'rule'], [r[3], 'reason'], [fmt(r[1] - r[0]), 'num'],
       [fmt(r[0]) + '\u2013' + fmt(r[1]), 'num']]
        .forEach(function (c) { tr.appendChild(el('td', c[1], String(c[0]))); });
      t.appendChild(tr);
    });
    return t;
  }
  function rawText(a) {
    var pre = el('pre', 'raw'), pos = 0;
    a.removals.forEach(function (r, k) {
      pre.appendChild(document.createTextNode(a.raw.slice(pos, r[0])));
      var m = el('mark', 'removed');
      m.dataset.rule = r[2];
      m.title = r[2] + ': ' + r[3];
      m.appendChild(el('span', 'tag', (k + 1) + ' ' + r[2]));
      m.appendChild(document.createTextNode(a.raw.slice(r[0], r[1])));
      pre.appendChild(m); pos = r[1];
    });
    pre.appendChild(document.createTextNode(a.raw.slice(pos)));
    return pre;
  }
  function show(i) {
    var a = data[i], parts = [el('h2', '', a.title || a.id), provenance(a)];
    if (a.problems.length) {
      var box = el('div', 'article-problems'), ul = el('ul');
      box.appendChild(el('strong', '', 'The audit found ' + count(a.problems.length, 'problem') + ' here:'));
      a.problems.forEach(function (p) { ul.appendChild(el('li', '', p)); });
      box.appendChild(ul); parts.push(box);
    }
    parts.push(el('h3', '', count(a.removals.length, 'removal') + ', ' + count(a.removed, 'character') + ' removed'));
    if (a.removals.length) { parts.push(removalTable(a)); }
    parts.push(el('h3', '', 'Raw text: removed spans struck through, labelled with their number and rule'));
    parts.push(rawText(a));
    view.replaceChildren.apply(view, parts);
    view.dataset.id = a.id;
    Array.prototype.forEach.call(links, function (l, j) { l.classList.toggle('current', j === i); });
  }
  function fromHash() {
    var wanted = '';
    try { wanted = decodeURIComponent(location.hash.slice(1)); } catch (e) { wanted = ''; }
    var i = data.findIndex(function (a) { return a.id === wanted; });
    if (data.length) { show(i < 0 ? 0 : i); }
  }
  // #<id> in the address opens that article: the list's links and links to one article work
  window.addEventListener('hashchange', fromHash);
  fromHash();
  document.body.dataset.rendered = String(data.length);
})();
"""


def _n(value: int) -> str:
    """The one number format of the page: digits grouped by commas."""
    return f"{value:,}"


def _count(value: int, word: str) -> str:
    return f"{_n(value)} {word}{'' if value == 1 else 's'}"


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


@dataclass
class _Articles:
    """What the report read from the archives, and what it could not read."""

    entries: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _provenance(archived: Any, article: Any) -> list[list[Any]]:
    """Rows of (label, value, css class); values are plain text (the script sets textContent)."""
    prov = article.provenance
    decode = f", {_count(prov.decode_errors, 'decoding error')}" if prov.decode_errors else ""
    return [
        ["Source", archived.source, ""], ["URL", article.url or prov.url, "url"],
        ["Raw sha256", prov.sha256, "hash"], ["Size", f"{_count(prov.size, 'byte')}", ""],
        ["Encoding", f"{prov.encoding}{decode}", ""], ["Byline", article.byline, ""],
        ["Published", article.published, ""], ["Publisher", article.publisher, ""],
        ["Language", article.language, ""], ["Archive", Path(archived.archive).name, ""],
    ]


def _article_entry(archived: Any) -> dict[str, Any]:
    article = archived.article()
    removals = sorted(article.removals, key=lambda r: r.start)
    try:
        raw = article.rebuild_raw()
    except Exception as exc:  # a damaged ledger: the audit names it; show what is there
        log.warning("%s: cannot rebuild the raw text: %r", archived.source, exc)
        raw, removals = article.text, []
    return {
        "id": archived.source, "title": article.title, "raw": raw,
        "removed": sum(r.end - r.start for r in removals),
        "removals": [[r.start, r.end, r.rule, r.reason] for r in removals],
        "provenance": _provenance(archived, article), "problems": [],
    }


def _read_articles(out_dir: Path) -> _Articles:
    """Every archived article; a failed audit may have archives the reader cannot finish."""
    found = _Articles()
    try:
        for archived in iter_archived(out_dir):
            try:
                found.entries.append(_article_entry(archived))
            except Exception as exc:
                found.notes.append(f"article {archived.source!r}: cannot be read from its records ({exc})")
    except Exception as exc:
        found.notes.append(f"the archives could not be read past {len(found.entries):,} articles ({exc})")
    return found


def _mentions(problem: Problem, source: str) -> bool:
    """Whether a problem names this article (its file under articles/, or its id quoted)."""
    quoted = (repr(source), f'"{source}"')
    return (problem.path.replace("\\", "/").endswith("/" + source)
            or any(q in problem.where or q in problem.message for q in quoted))


def _attach_problems(out_dir: Path, entries: list[dict[str, Any]], problems: list[Problem]) -> dict[int, str]:
    """Copy each problem to the articles it names; returns problem index -> article id."""
    named: dict[int, str] = {}
    for entry in entries:
        for i, problem in enumerate(problems):
            if _mentions(problem, entry["id"]):
                entry["problems"].append(f"{_relative(problem.path, out_dir)}: {problem.where}: {problem.message}")
                named.setdefault(i, entry["id"])
    return named


def _relative(path: str, out_dir: Path) -> str:
    prefix = str(out_dir).rstrip("/") + "/"
    return path[len(prefix):] if path.startswith(prefix) else path


def _problem_table(out_dir: Path, problems: list[Problem], named: dict[int, str]) -> str:
    rows = []
    for i, p in enumerate(problems):
        article = named.get(i)
        link = f'<a href="#{_e(quote(article, safe=""))}">{_e(article)}</a>' if article else ""
        rows.append(f'<tr class="problem"><td class="file">{_e(_relative(p.path, out_dir))}</td>'
                    f'<td class="where">{_e(p.where)}</td><td class="message">{_e(p.message)}</td>'
                    f"<td>{link}</td></tr>")
    return ('<table class="problems"><thead><tr><th>File</th><th>Where (record, line, byte)</th>'
            f'<th>Problem</th><th>Article</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _verdict(out_dir: Path, result: AuditResult, found: _Articles, named: dict[int, str]) -> str:
    """The opening banner: passed (green), or FAILED (red) with every problem listed."""
    totals = (f"{_e(out_dir)}: {_count(result.articles, 'article')} in {_count(result.archives, 'shard')}, "
              f"{_count(result.records, 'record')}, {_count(len(result.problems), 'problem')}")
    if result.ok:
        head = '<header id="verdict" class="verdict passed"><h1>\u2713 Audit passed</h1>'
        body = f"<p>{totals}. Every archive, file and index agrees with the archived records.</p>"
    else:
        head = (f'<header id="verdict" class="verdict failed" role="alert"><h1>\u2717 Audit FAILED: '
                f"{_count(len(result.problems), 'problem')}</h1>")
        body = (f"<p>{totals}. The articles below are shown as archived; the files listed differ.</p>"
                + _problem_table(out_dir, result.problems, named))
    notes = [*result.warnings, *found.notes]
    if notes:
        body += '<ul class="warnings">' + "".join(f"<li>{_e(n)}</li>" for n in notes) + "</ul>"
    return head + body + "</header>"


def _article_list(entries: list[dict[str, Any]]) -> str:
    items = []
    for entry in entries:
        badge = (f' <span class="badge">{_count(len(entry["problems"]), "problem")}</span>'
                 if entry["problems"] else "")
        items.append(
            f'<li><a class="article-link" href="#{_e(quote(entry["id"], safe=""))}">{_e(entry["title"] or entry["id"])}'
            f'<small>{_e(entry["id"])} \u00b7 {_count(len(entry["removals"]), "removal")}{badge}</small></a></li>')
    return f'<h2>{_count(len(entries), "article")}</h2><ol id="list">{"".join(items)}</ol>'


def rule_chart(removed: Counter[str], counts: Counter[str] | None = None) -> str:
    """Horizontal bars of removed characters per rule, as inline SVG."""
    rows = removed.most_common()
    if not rows:
        return "<p>Nothing was removed.</p>"
    counts = counts or Counter()
    top, bar_h, label_w, bar_w = rows[0][1], 18, 200, 360
    parts = [f'<svg id="chart" role="img" aria-label="removed characters per rule" '
             f'width="{label_w + bar_w + 220}" height="{bar_h * len(rows) + 4}">']
    for i, (rule, chars) in enumerate(rows):
        y, width = i * bar_h + 2, max(1, round(bar_w * chars / top))
        label = f"{_count(chars, 'character')}, {_count(counts[rule], 'removal')}"
        parts.append(f'<text x="0" y="{y + 13}">{_e(rule)}</text>'
                     f'<rect class="bar" data-rule="{_e(rule)}" x="{label_w}" y="{y}" '
                     f'width="{width}" height="{bar_h - 4}" fill="#c44"><title>{_e(rule)}: {label}</title></rect>'
                     f'<text x="{label_w + width + 6}" y="{y + 13}">{label}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _rule_totals(entries: list[dict[str, Any]]) -> tuple[Counter[str], Counter[str]]:
    chars: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    for entry in entries:
        for start, end, rule, _reason in entry["removals"]:
            chars[rule] += end - start
            counts[rule] += 1
    return chars, counts


def _script_json(value: object) -> str:
    """JSON safe inside <script>: no `<`, `>` or `&` at all, so nothing can close or re-open a tag."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def render_report(out_dir: Path, result: AuditResult | None = None) -> str:
    """The report page: the audit's verdict, then every archived article in `out_dir`."""
    if result is None:
        from .audit import audit_output

        result = audit_output(out_dir)
    found = _read_articles(out_dir)
    named = _attach_problems(out_dir, found.entries, result.problems)
    chars, counts = _rule_totals(found.entries)
    state = "passed" if result.ok else "FAILED"
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width">'
        f"<title>cleaner audit {state}: {_e(out_dir.name)}</title><style>{_CSS}</style></head>"
        f'<body data-verdict="{state.lower()}">{_verdict(out_dir, result, found, named)}'
        f'<div class="columns"><nav>{_article_list(found.entries)}</nav>'
        f'<main><pre id="errors"></pre><details class="rules"><summary>Removed characters per rule '
        f'({_count(len(chars), "rule")}, {_count(sum(counts.values()), "removal")})</summary>'
        f'{rule_chart(chars, counts)}</details><article id="article">'
        f'{"" if found.entries else "<p>No articles could be read from the archives.</p>"}</article></main></div>'
        f'<script type="application/json" id="data">{_script_json(found.entries)}</script>'
        f"<script>{_JS}</script></body></html>\n"
    )


def write_report(out_dir: Path, path: Path, result: AuditResult | None = None) -> None:
    """Write the report of `result` (by default, audit `out_dir` now) to `path`, atomically."""
    atomic_write(path, render_report(out_dir, result).encode("utf-8"))
