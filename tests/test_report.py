"""The HTML audit report, rendered in a real headless browser (Debian's chromium)."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner.audit import AuditResult, Problem
from cleaner.cli import main
from cleaner.report import render_report, write_report
from conftest import run_cleaner

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
# A number as the report writes it: digits grouped by commas, nothing else
this_module = sys.modules[__name__]  # so a test can stand in for a missing chromium
GROUPED = re.compile(r"\d{1,3}(,\d{3})*")

STORY = (
    "{title}\n\nBy {byline}\n\nMarch 12, 2024\n\n"
    "The council voted on Tuesday to approve the new budget after a long debate that lasted into the night.\n\n"
    "RELATED: Council looks at the old budget\n\n"
    "The mayor said the plan would take effect next year, and residents welcomed it at the meeting.\n"
)


def chromium_or_skip() -> str:
    if this_module.CHROMIUM:
        return this_module.CHROMIUM
    if os.environ.get("CI") == "true":
        pytest.fail("chromium is required under CI=true (.ci/run installs Debian's chromium)")
    pytest.skip("chromium not installed (apt-get install chromium); the report test needs a real browser")


def dump_dom(url: str, profile: Path) -> tuple[str, str]:
    result = subprocess.run(
        [chromium_or_skip(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--enable-logging=stderr", "--v=0", "--dump-dom", url],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout, result.stderr


def assert_rendered(dom: str, log: str, articles: int) -> None:
    """The script ran to the end, without an error on the page or the console."""
    assert f'data-rendered="{articles}"' in dom
    assert '<pre id="errors"></pre>' in dom
    assert ":CONSOLE" not in log, [line for line in log.splitlines() if ":CONSOLE" in line]


def test_missing_chromium_fails_under_ci_and_skips_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(this_module, "CHROMIUM", None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="chromium is required under CI=true"):
        chromium_or_skip()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        chromium_or_skip()


def test_report_renders_articles_with_highlighted_removals(seeds_out: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.html"
    assert main(["audit", str(seeds_out), "--html", str(report)]) == 0
    page = report.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # self-contained: nothing fetched
    dom, log = dump_dom(report.as_uri() + "#001_1f54901070a806c1.txt", tmp_path / "profile")
    assert_rendered(dom, log, 5)
    # the verdict first, before the list and the articles
    assert dom.index('id="verdict"') < dom.index('id="list"') < dom.index('id="article"')
    assert '<body data-verdict="passed"' in dom and "Audit passed" in dom and "FAILED" not in dom
    assert "5 articles in 1 shard, 16 records, 0 problems" in dom
    # the list: every article with its number of removals
    assert len(re.findall(r'class="article-link( current)?"', dom)) == 5
    assert re.search(r'class="article-link current"[^>]*>Syria declares victory[^<]*<small>'
                     r"001_1f54901070a806c1.txt \u00b7 9 removals</small>", dom)
    assert "000_1de2ce12cdf259bd.txt \u00b7 0 removals" in dom
    # the selected article: provenance, then a table naming rule and reason of each removal
    assert 'data-id="001_1f54901070a806c1.txt"' in dom
    assert re.search(r"<dt>Raw sha256</dt><dd class=\"hash\">[0-9a-f]{64}</dd>", dom)
    assert "<dt>Size</dt><dd>23,563 bytes</dd>" in dom
    assert "<dt>Publisher</dt><dd>Reuters</dd>" in dom
    assert '<dt>Byline</dt><dd class="missing">\u2014</dd>' in dom
    assert "9 removals, 17,017 characters removed" in dom
    assert ('<tr data-rule="gallery.run"><td class="num">2</td><td class="rule">gallery.run</td>'
            '<td class="reason">photo gallery: the run of captions between gallery markers</td>'
            '<td class="num">9,834</td><td class="num">939\u201310,773</td></tr>') in dom
    # each removed span labelled inline with its number and rule (the title is for hover only)
    marks = re.findall(r'<mark class="removed" data-rule="([^"]+)" title="([^"]+)">'
                       r'<span class="tag">(\d+) ([^<]+)</span>', dom)
    assert len(marks) == 9
    assert ("links.related", "links.related: related-article link line ('RELATED:', 'Read more:', 'See also')",
            "1", "links.related") in marks
    assert all(rule == label for rule, _, _, label in marks)
    # numbers one way: every number cell and chart label grouped by commas
    for cell in re.findall(r'<td class="num">([^<]*)</td>', dom):
        assert all(GROUPED.fullmatch(n) for n in cell.split("\u2013")), cell
    assert dom.count('<rect class="bar"') == 11  # one bar per rule that removed something
    assert ">16,646 characters, 3 removals</text>" in dom


def make_output(tmp_path: Path) -> Path:
    """A small output folder made by the command line, as a user makes one."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "x.txt").write_text(STORY.format(title="Council approves budget", byline="Jane Doe"))
    (inputs / "y.txt").write_text(STORY.format(title="Mayor welcomes plan", byline="John Roe"))
    out = tmp_path / "out"
    result = run_cleaner("clean", str(inputs), "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    return out


def test_failed_audit_report_opens_with_the_verdict_and_its_problems(tmp_path: Path) -> None:
    out = make_output(tmp_path)
    cleaned = out / "articles" / "x.txt"
    cleaned.write_bytes(cleaned.read_bytes().replace(b"council", b"cowncil", 1))
    jsonl = out / "articles.jsonl"
    jsonl.write_bytes(jsonl.read_bytes().replace(b"Jane Doe", b"Jane Roe", 1))
    report = tmp_path / "report.html"
    audit = run_cleaner("audit", str(out), "--html", str(report))
    assert audit.returncode == 1, audit.stderr.decode()
    dom, log = dump_dom(report.as_uri() + "#x.txt", tmp_path / "profile")
    assert_rendered(dom, log, 2)
    assert '<body data-verdict="failed"' in dom and "Audit passed" not in dom
    assert '<header id="verdict" class="verdict failed" role="alert"><h1>\u2717 Audit FAILED:' in dom
    assert dom.index("Audit FAILED") < dom.index('id="list"')
    rows = re.findall(r'<tr class="problem"><td class="file">([^<]*)</td><td class="where">([^<]*)</td>'
                      r'<td class="message">([^<]*)</td>', dom)
    files = {file for file, _, _ in rows}
    assert {"articles/x.txt", "articles.jsonl"} <= files, rows
    # the byte of the first difference: "council" -> "cowncil" changes the file's byte at "u"
    offset = cleaned.read_bytes().index(b"cowncil") + 2
    assert any(file == "articles/x.txt" and f"byte {offset}" in where + message for file, where, message in rows)
    assert any(file == "articles.jsonl" and "byte" in where + message for file, where, message in rows)
    # the damaged article says so in the list and in its own view; the other does not
    assert re.search(r'<a class="article-link current" href="#x.txt">.*?<span class="badge">\d+ problems?</span>', dom)
    assert not re.search(r'href="#y.txt">[^<]*<small>[^<]*<span class="badge">', dom)
    assert '<div class="article-problems">' in dom


def test_report_shows_the_result_it_is_given(seeds_out: Path, tmp_path: Path) -> None:
    """The CLI passes its audit result; the report shows it (escaped) rather than auditing again."""
    result = AuditResult(problems=[Problem(str(seeds_out / "articles" / "<b>x</b>.txt"), "byte 1,234",
                                           "differs </script><script>alert(1)</script>")],
                         archives=1, records=16, articles=1234)
    report = tmp_path / "report.html"
    write_report(seeds_out, report, result)
    page = report.read_text(encoding="utf-8")
    assert "Audit FAILED: 1 problem</h1>" in page
    assert "1,234 articles in 1 shard, 16 records, 1 problem" in page
    assert ('<td class="file">articles/&lt;b&gt;x&lt;/b&gt;.txt</td><td class="where">byte 1,234</td>'
            '<td class="message">differs &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</td>') in page
    assert "Audit passed" in render_report(seeds_out)  # without a result it audits the folder itself


def test_report_escapes_markup_in_text_and_metadata(tmp_path: Path) -> None:
    """`<b>` and `</script>` in the text, title, byline, publisher, URL and id stay text."""
    page = ("<!DOCTYPE html><html><head><title>Council &lt;b&gt;approves&lt;/b&gt; budget &lt;/script&gt;</title>"
            '<meta property="og:site_name" content="The &lt;b&gt;Daily&lt;/b&gt; &lt;/script&gt; Post">'
            '<meta property="article:published_time" content="2024-03-12"></head><body><article>'
            "<h1>Council &lt;b&gt;approves&lt;/b&gt; budget &lt;/script&gt;</h1>"
            "<p>By Jane &lt;b&gt;Doe&lt;/b&gt; &lt;/script&gt;</p>"
            "<p>The council voted on Tuesday to approve the &lt;b&gt;new&lt;/b&gt; budget &lt;/script&gt; "
            "after a long debate that lasted into the night and beyond.</p>"
            "<p>RELATED: &lt;b&gt;Other&lt;/b&gt; story &lt;/script&gt;</p>"
            "<p>The mayor said the plan would take effect next year, and residents welcomed it warmly.</p>"
            "</article></body></html>")
    inputs = tmp_path / "in"
    inputs.mkdir()
    line = {"id": "<b>j&amp;", "url": "https://example.com/a?x=</script><b>u</b>", "html": page}
    (inputs / "feed.jsonl").write_text(json.dumps(line) + "\n")
    out = tmp_path / "out"
    assert run_cleaner("clean", str(inputs), "-o", str(out)).returncode == 0
    report = tmp_path / "report.html"
    write_report(out, report)
    source = report.read_text(encoding="utf-8")
    assert "<b>" not in source and "</b>" not in source
    assert len(re.findall(r"<script", source, re.I)) == 2 and len(re.findall(r"</script", source, re.I)) == 2
    dom, log = dump_dom(report.as_uri(), tmp_path / "profile")
    assert_rendered(dom, log, 1)
    assert "<b>" not in dom and "<script>alert" not in dom
    bold, end = "&lt;b&gt;", "&lt;/script&gt;"
    assert f"<h2>Council {bold}approves&lt;/b&gt; budget {end}</h2>" in dom
    assert f'<a class="article-link current" href="#feed.jsonl%23%3Cb%3Ej%26amp%3B">Council {bold}' in dom
    assert f"<dt>Byline</dt><dd>Jane {bold}Doe&lt;/b&gt; {end}</dd>" in dom
    assert f"<dt>Publisher</dt><dd>The {bold}Daily&lt;/b&gt; {end} Post</dd>" in dom
    assert f'<dt>URL</dt><dd class="url">https://example.com/a?x={end}{bold}u&lt;/b&gt;</dd>' in dom
    assert f"<dt>Source</dt><dd>feed.jsonl#{bold}j&amp;amp;</dd>" in dom
    assert f'<span class="tag">3 links.related</span>RELATED: {bold}Other&lt;/b&gt; story {end}</mark>' in dom
    assert f"the {bold}new&lt;/b&gt; budget {end} after" in dom


def test_report_of_an_unreadable_archive_still_gives_the_verdict(seeds_out: Path, tmp_path: Path) -> None:
    archive = next(seeds_out.glob("shards/*.warc.gz"))
    archive.write_bytes(archive.read_bytes()[: archive.stat().st_size * 2 // 3])
    report = tmp_path / "report.html"
    assert main(["audit", str(seeds_out), "--html", str(report)]) == 1
    page = report.read_text(encoding="utf-8")
    assert '<body data-verdict="failed"' in page and "Audit FAILED" in page
    assert "the archives could not be read past" in page
