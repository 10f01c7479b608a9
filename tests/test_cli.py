"""The command line: defaults, exit codes, stdin/stdout, explain, rules, show, help."""
from __future__ import annotations

import filecmp
import json
import os
import shutil
from pathlib import Path

import pytest

from cleaner import __version__
from cleaner.cli import main
from cleaner.lock import OutputLock
from conftest import ARCHIVE_EPOCH, REPO, SEEDS, run_cleaner

FIRST_SEED = SEEDS / "000_1de2ce12cdf259bd.txt"


def test_no_arguments_recreates_the_committed_archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    for path in (tmp_path / "seeds").iterdir():  # a fresh clone's files have other times: they must not matter
        os.utime(path, (1_234_567_890, 1_234_567_890))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", ARCHIVE_EPOCH)
    assert main([]) == 0
    made, committed = tmp_path / "archive", REPO / "archive"
    shards = sorted(p.name for p in (committed / "shards").iterdir())
    assert len(shards) == 3 and sorted(p.name for p in (made / "shards").iterdir()) == shards
    for name in [*(f"shards/{s}" for s in shards), "articles.jsonl", "manifest.jsonl"]:
        assert (made / name).read_bytes() == (committed / name).read_bytes(), name
    cmp = filecmp.dircmp(made / "articles", committed / "articles")
    assert sorted(cmp.common_files) == sorted(p.name for p in SEEDS.iterdir())
    assert not (cmp.left_only or cmp.right_only or cmp.diff_files)
    _, mismatch, errors = filecmp.cmpfiles(made / "articles", committed / "articles", cmp.common_files, shallow=False)
    assert not mismatch and not errors


def test_clean_writes_articles_jsonl_and_summary(tmp_path: Path) -> None:
    (tmp_path / "in" / "a").mkdir(parents=True)
    shutil.copy(FIRST_SEED, tmp_path / "in" / "a" / "b.txt")
    result = run_cleaner("clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "articles" / "a" / "b.txt").read_text().strip()
    [record] = [json.loads(line) for line in (tmp_path / "out" / "articles.jsonl").read_text().splitlines()]
    assert record["id"] == "a/b.txt" and record["text_sha256"]
    assert b"1 document cleaned, 0 failures" in result.stderr and b"bytes in" in result.stderr
    assert result.stdout == b""


def test_failures_are_listed_and_exit_1(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    shutil.copy(FIRST_SEED, tmp_path / "in" / "good.txt")
    (tmp_path / "in" / "empty.txt").write_bytes(b"  \n")
    (tmp_path / "in" / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    result = run_cleaner("clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
    assert sorted(e["source"] for e in errors) == ["binary.txt", "empty.txt"]
    assert all(e["error"] for e in errors)
    assert (tmp_path / "out" / "articles" / "good.txt").exists()
    assert b"2 failures" in result.stderr


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    missing = run_cleaner("clean", str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert missing.returncode == 2 and b"input not found" in missing.stderr
    (tmp_path / "bad.toml").write_text("disable = ['no.such.rule']\n")
    bad = run_cleaner("clean", str(SEEDS), "-o", str(tmp_path / "out"), "--config", str(tmp_path / "bad.toml"))
    assert bad.returncode == 2 and b"unknown rule" in bad.stderr
    assert run_cleaner("clean").returncode == 2
    assert not (tmp_path / "out").exists()


def test_stdin_to_stdout(tmp_path: Path) -> None:
    raw = FIRST_SEED.read_bytes()
    result = run_cleaner("clean", "-", "-o", "-", "-q", stdin=raw, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().startswith("ISIS: Iraq announces victory")
    assert result.stderr == b"" and list(tmp_path.iterdir()) == []


def test_quiet_to_stdout_still_names_the_inputs_that_failed(tmp_path: Path) -> None:
    shutil.copy(FIRST_SEED, tmp_path / "good.txt")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    result = run_cleaner("clean", str(tmp_path / "good.txt"), str(tmp_path / "binary.txt"), "-o", "-", "-q")
    assert result.returncode == 1 and b"ISIS: Iraq announces victory" in result.stdout
    assert b"binary.txt" in result.stderr  # stdout has no errors.jsonl to list it in


def test_stdin_into_archive_uses_source_id_stdin(tmp_path: Path) -> None:
    result = run_cleaner("clean", "-", "-o", str(tmp_path / "out"), stdin=FIRST_SEED.read_bytes())
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "articles" / "stdin").exists()


def test_second_run_into_a_locked_output_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    with OutputLock(out):
        with pytest.raises(SystemExit) as exit_info:
            main(["clean", str(SEEDS), "-o", str(out)])
    assert exit_info.value.code == 2
    assert "another cleaner run is using this folder" in capsys.readouterr().err
    assert not (out / "articles").exists()


def test_explain_marks_lines_with_rule_and_reason(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(SEEDS / "001_1f54901070a806c1.txt")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("+ Syria declares victory")
    related = "- RELATED: A timeline of the battle in Mosul  [links.related: related-article link line ("
    assert any(line.startswith(related) for line in lines)
    assert sum(line.startswith("- ") for line in lines) > 10
    assert not any("\x1b[" in line for line in lines)  # not a terminal: no colour


def test_rules_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    assert "gallery.run" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"cleaner {__version__}"
    for command in ("clean", "explain", "audit", "show"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert "example" in capsys.readouterr().out


def test_show_marks_removed_spans(seeds_out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(seeds_out), "001_1f54901070a806c1.txt"]) == 0
    out = capsys.readouterr().out
    assert "[-RELATED: A timeline of the battle in Mosul-]{links.related}" in out
    assert out.startswith("Syria declares victory")
    assert main(["show", str(seeds_out), "nope.txt"]) == 1


def test_quiet_and_verbose_go_before_or_after_the_command(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    shutil.copy(FIRST_SEED, tmp_path / "in" / "a.txt")
    before = run_cleaner("-q", "clean", str(tmp_path / "in"), "-o", str(tmp_path / "out1"))
    after = run_cleaner("clean", str(tmp_path / "in"), "-o", str(tmp_path / "out2"), "-q")
    assert before.returncode == after.returncode == 0 and before.stderr == after.stderr == b""
    verbose = run_cleaner("-v", "clean", str(tmp_path / "in"), "-o", str(tmp_path / "out3"), "-j", "1")
    assert b"INFO" in verbose.stderr or b"1 document cleaned" in verbose.stderr
    again = run_cleaner("clean", str(tmp_path / "in"), "-o", str(tmp_path / "out3"), "-v")
    assert b"out3/ is up to date: 1 article\n" in again.stderr


def test_every_option_goes_before_or_after_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    shutil.copy(FIRST_SEED, tmp_path / "in" / "a.txt")
    assert main(["-j", "1", "--output", str(tmp_path / "out"), "-q", "clean", str(tmp_path / "in")]) == 0
    assert (tmp_path / "out" / "articles" / "a.txt").is_file()
    assert main(["--extractor=fast", "explain", str(tmp_path / "in" / "a.txt")]) == 0
    assert capsys.readouterr().out.startswith("+ ")
    with pytest.raises(SystemExit) as refused:  # audit has no -o: said as after the command
        main(["-o", str(tmp_path / "report.html"), "audit", str(tmp_path / "out")])
    assert refused.value.code == 2 and "unrecognized arguments: -o" in capsys.readouterr().err
    with pytest.raises(SystemExit):  # --version stays the main parser's
        main(["--version", "clean", "x"])
    assert capsys.readouterr().out.startswith("cleaner ")


def test_options_alone_run_the_default_job_with_them(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    result = run_cleaner("-j", "1", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "archive" / "articles").iterdir())) == len(list(SEEDS.iterdir()))


def test_jobs_must_be_a_positive_number(tmp_path: Path) -> None:
    result = run_cleaner("clean", str(SEEDS), "-o", str(tmp_path / "out"), "--jobs", "0")
    assert result.returncode == 2 and b"must be 1 or more" in result.stderr


def test_extractor_fast_cleans_html_with_resiliparse(tmp_path: Path) -> None:
    result = run_cleaner("clean", str(REPO / "tests" / "data" / "html" / "article.html"), "-o", str(tmp_path / "out"),
                         "--extractor", "fast")
    assert result.returncode == 0, result.stderr
    [record] = [json.loads(line) for line in (tmp_path / "out" / "articles.jsonl").read_text().splitlines()]
    assert record["extraction"]["path"] == "resiliparse" and "harbour seals" in record["text"]


def test_user_facing_edges_found_by_a_newcomer(tmp_path: Path) -> None:
    """A file named twice is one article; OUT that is a file is a usage error; -q still
    says that inputs failed; `explain` reads inputs as `clean` does and refuses FIFOs."""
    shutil.copy(FIRST_SEED, tmp_path / "a.txt")
    twice = run_cleaner("clean", str(tmp_path / "a.txt"), str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"))
    assert twice.returncode == 0 and len((tmp_path / "out" / "articles.jsonl").read_text().splitlines()) == 1
    (tmp_path / "afile").write_text("x")
    as_file = run_cleaner("clean", str(tmp_path / "a.txt"), "-o", str(tmp_path / "afile"))
    assert as_file.returncode == 2 and b"not a folder" in as_file.stderr
    (tmp_path / "empty.txt").write_bytes(b"")
    quiet = run_cleaner("-q", "clean", str(tmp_path / "empty.txt"), "-o", str(tmp_path / "q"))
    assert quiet.returncode == 1 and b"1 input failed" in quiet.stderr
    os.mkfifo(tmp_path / "fifo.txt")
    fifo = run_cleaner("explain", str(tmp_path / "fifo.txt"))
    assert fifo.returncode == 1 and b"FIFO" in fifo.stderr
    (tmp_path / "c.jsonl").write_text('{"id": "one", "text": "The council approved the budget on Tuesday."}\n')
    jsonl = run_cleaner("explain", str(tmp_path / "c.jsonl"))
    assert jsonl.returncode == 0 and b"==> c.jsonl#one <==" in jsonl.stdout and b'{"id"' not in jsonl.stdout


def test_stdin_is_sniffed_like_a_file_a_jsonl_on_stdin_gives_its_documents(tmp_path: Path) -> None:
    lines = b'{"id": "one", "text": "The council approved the budget on Tuesday, officials said."}\n' \
            b'{"id": "two", "text": "Another story: the bridge opens next spring, the mayor said."}\n'
    result = run_cleaner("clean", "-", "-o", "-", stdin=lines)
    assert result.returncode == 0, result.stderr
    assert b"The council approved" in result.stdout and b"the bridge opens" in result.stdout
    assert b'{"id"' not in result.stdout


STORY = b"A short story about seals returning to the bay this spring, the wardens said.\n"


def test_a_malformed_source_date_epoch_and_byte_limit_are_usage_errors_and_write_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(STORY)
    for value in ("abc", "1.5", "-3", "99999999999999", "²"):
        result = run_cleaner("clean", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"),
                             env={"SOURCE_DATE_EPOCH": value})
        assert result.returncode == 2 and b"SOURCE_DATE_EPOCH" in result.stderr, (value, result.stderr)
        assert not (tmp_path / "out").exists()
    empty = run_cleaner("clean", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "-q",
                        env={"SOURCE_DATE_EPOCH": ""})
    assert empty.returncode == 0  # an empty value is unset
    for limit in ("0", "-1"):
        result = run_cleaner("clean", str(tmp_path / "a.txt"), "-o", "-", "--max-bytes", limit)
        assert result.returncode == 2 and b"--max-bytes" in result.stderr


def test_closed_streams_and_a_full_stdout_give_exit_codes_not_tracebacks(tmp_path: Path) -> None:
    import shlex
    import subprocess
    import sys

    (tmp_path / "a.txt").write_bytes(STORY)
    env = {**os.environ, "PYTHONPATH": str(REPO)}

    def shell(redirect: str, *args: str) -> subprocess.CompletedProcess[bytes]:
        command = shlex.join([sys.executable, "-m", "cleaner", *args]) + " " + redirect
        return subprocess.run(["/bin/sh", "-c", command], capture_output=True, env=env, cwd=tmp_path, timeout=120)

    assert shell("<&-", "clean", "a.txt", "-o", "o1", "-q").returncode == 0  # no stdin needed
    assert shell("2>&-", "clean", "a.txt", "-o", "o2", "-q").returncode == 0
    assert (tmp_path / "o1" / "manifest.jsonl").exists() and (tmp_path / "o2" / "manifest.jsonl").exists()
    closed = shell(">&-", "clean", "a.txt", "-o", "-")
    assert closed.returncode == 2 and b"standard output is closed" in closed.stderr
    if os.path.exists("/dev/full"):
        full = shell("> /dev/full", "clean", "a.txt", "-o", "-")
        assert full.returncode == 3 and b"Traceback" not in full.stderr, full.stderr
        assert b"No space left" in full.stderr


def test_the_extractors_own_log_lines_show_only_with_verbose(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>x</title></head><body><div></div></body></html>")
    quiet = run_cleaner("clean", str(page), "-o", "-")
    assert b"no main text" in quiet.stderr and b"discarding data" not in quiet.stderr  # it names no input
    import logging

    from cleaner.cli import _own_records

    def record(name: str) -> logging.LogRecord:
        return logging.LogRecord(name, logging.WARNING, __file__, 1, "message", None, None)

    assert _own_records(record("cleaner")) and _own_records(record("cleaner.html"))
    assert not _own_records(record("trafilatura.core")) and not _own_records(record("cleanerx"))


def test_audit_warns_of_a_run_that_did_not_end(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(STORY)
    assert run_cleaner("clean", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "-q").returncode == 0
    (tmp_path / "out" / ".running").touch()
    audit = run_cleaner("audit", str(tmp_path / "out"))
    assert audit.returncode == 0 and b"a run did not end here" in audit.stderr


def test_audit_waits_for_no_run_and_no_run_starts_during_an_audit(seeds_out: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from cleaner.lock import AuditLock

    with OutputLock(seeds_out):  # a clean writing now: its half-made shards are no audit's business
        with pytest.raises(SystemExit) as refused:
            main(["audit", str(seeds_out)])
    assert refused.value.code == 2 and "is writing here now" in capsys.readouterr().err
    with AuditLock(seeds_out):
        with pytest.raises(SystemExit) as busy:
            main(["clean", str(SEEDS), "-o", str(seeds_out)])
    assert busy.value.code == 2 and "a clean, or an audit" in capsys.readouterr().err
    assert main(["audit", str(seeds_out), "-q"]) == 0


def test_audit_exit_codes_say_what_the_folder_is(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "todo.txt").write_text("buy milk\n")
    plain = run_cleaner("audit", str(tmp_path / "notes"))
    assert plain.returncode == 2 and b"not an output folder of `cleaner clean`" in plain.stderr
    assert run_cleaner("audit", str(tmp_path / "nowhere")).returncode == 2
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02" * 50)  # every input fails: an empty, consistent output
    assert run_cleaner("clean", str(tmp_path / "bad.txt"), "-o", str(tmp_path / "out"), "-q").returncode == 1
    empty = run_cleaner("audit", str(tmp_path / "out"))
    assert empty.returncode == 0 and b"passed: 0 articles" in empty.stdout and b"nothing is archived" in empty.stderr


def test_audit_html_goes_to_stdout_with_dash_and_never_makes_folders(seeds_out: Path, tmp_path: Path) -> None:
    page = run_cleaner("audit", str(seeds_out), "--html", "-")
    assert page.returncode == 0 and page.stdout.startswith(b"<!DOCTYPE html>") and page.stdout.rstrip().endswith(b"</html>")
    assert b"audit" in page.stderr and b"passed" in page.stderr  # the summary moves to stderr
    assert not (Path.cwd() / "-").exists()
    missing = run_cleaner("audit", str(seeds_out), "--html", str(tmp_path / "no" / "such" / "r.html"))
    assert missing.returncode == 2 and b"does not exist" in missing.stderr and not (tmp_path / "no").exists()
