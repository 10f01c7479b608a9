"""The HTML audit report, rendered in a real headless browser (Debian's chromium)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cleaner.cli import main

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)


def chromium_or_skip() -> str:
    if CHROMIUM:
        return CHROMIUM
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


def test_report_renders_articles_with_highlighted_removals(seeds_out: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.html"
    assert main(["audit", str(seeds_out), "--html", str(report)]) == 0
    page = report.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # self-contained: nothing fetched
    dom, log = dump_dom(report.as_uri() + "#001_1f54901070a806c1.txt", tmp_path / "profile")
    assert 'data-rendered="5"' in dom
    assert '<pre id="errors"></pre>' in dom
    assert ":CONSOLE" not in log, [line for line in log.splitlines() if ":CONSOLE" in line]
    assert len(re.findall(r'class="article-link( current)?"', dom)) == 5
    assert 'class="article-link current"' in dom
    assert 'data-id="001_1f54901070a806c1.txt"' in dom
    marks = re.findall(r'<mark class="removed" data-rule="([^"]+)" title="([^"]+)">', dom)
    assert ("links.related", "links.related: related-article link line ('RELATED:', 'Read more:', 'See also')") in marks
    assert {rule for rule, _ in marks} >= {"gallery.run", "links.related"}
    assert dom.count('<rect class="bar"') == 11  # one bar per rule that removed something
