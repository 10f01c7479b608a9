"""The batch: shards and manifest, resume, workers, kills, and inputs that must not lose data."""
from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleaner import __version__
from cleaner.audit import audit_output
from cleaner.manifest import iter_entries, shard_files
from cleaner.pipeline import BatchOptions, OutputWriteError, run_batch
from cleaner.shards import ArticleNotWritten, ShardLimits
from cleaner.warc import iter_records
from conftest import ARCHIVE_EPOCH, REPO, SEEDS, clean_into, run_cleaner

WORDS = ("the army said on thursday that its forces had captured the town near the border after weeks "
         "of fighting officials reported residents returned").split()


def story(rng: random.Random, title: str) -> str:
    paras = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(15, 40))).capitalize() + "."
             for _ in range(rng.randint(2, 5))]
    junk = rng.choice(["Read more: other story", "Share on Facebook", "Advertisement"])
    return f"{title}\n\n" + "\n\n".join(paras + [junk]) + "\n"


def generate_texts(folder: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"{i:03d}.txt").write_text(story(rng, f"Headline number {i}"))


def run(inputs: list[Path], out: Path, jobs: int = 1, documents: int = 500) -> object:
    options = BatchOptions(version=__version__, source_date_epoch=ARCHIVE_EPOCH, jobs=jobs,
                           limits=ShardLimits(documents=documents))
    return run_batch([str(i) for i in inputs], out, options)


def records(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]


def output_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != ".lock"}


def test_rerun_skips_archived_inputs_and_commits_only_new_ones(tmp_path: Path) -> None:
    generate_texts(tmp_path / "in", 3)
    first = clean_into([tmp_path / "in"], tmp_path / "out")
    again = clean_into([tmp_path / "in"], tmp_path / "out")
    assert first.documents == 3 and again.documents == 0 and again.skipped == 3 and again.archive is None
    generate_texts(tmp_path / "more", 5, seed=8)
    os.replace(tmp_path / "more" / "004.txt", tmp_path / "in" / "new.txt")
    third = clean_into([tmp_path / "in"], tmp_path / "out")
    assert third.documents == 1 and third.articles_total == 4
    assert [r.rec_type for r in iter_records(third.archive)] == ["warcinfo", "resource", "conversion", "metadata"]
    assert len(shard_files(tmp_path / "out")) == 2 and len(list(iter_entries(tmp_path / "out"))) == 2
    assert [r["id"] for r in records(tmp_path / "out")] == ["000.txt", "001.txt", "002.txt", "new.txt"]
    assert audit_output(tmp_path / "out").ok


def _content_tag(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:8]


def test_edited_input_keeps_the_archived_article_and_gets_a_new_id(tmp_path: Path) -> None:
    generate_texts(tmp_path / "in", 2)
    clean_into([tmp_path / "in"], tmp_path / "out")
    changed = "A changed story\n\n" + " ".join(WORDS) + ".\n"
    (tmp_path / "in" / "001.txt").write_text(changed)
    assert clean_into([tmp_path / "in"], tmp_path / "out").documents == 1
    assert (tmp_path / "out" / "articles" / f"001~{_content_tag(changed)}.txt").read_text().startswith("A changed")
    assert (tmp_path / "out" / "articles" / "001.txt").read_text().startswith("Headline number 1")
    assert clean_into([tmp_path / "in"], tmp_path / "out").documents == 0  # the edit is archived now
    assert audit_output(tmp_path / "out").ok


def test_an_edited_input_never_takes_the_id_of_a_file_named_later(tmp_path: Path) -> None:
    """`x.txt` edited, then a file literally named `x~2.txt` appears: each keeps its own
    id (the edit's is named by its content), and neither is archived twice."""
    generate_texts(tmp_path / "in", 2)
    clean_into([tmp_path / "in"], tmp_path / "out")
    changed = "A changed story\n\n" + " ".join(WORDS) + ".\n"
    (tmp_path / "in" / "001.txt").write_text(changed)
    assert clean_into([tmp_path / "in"], tmp_path / "out").documents == 1
    (tmp_path / "in" / "001~2.txt").write_text("Another story\n\n" + " ".join(reversed(WORDS)) + ".\n")
    assert clean_into([tmp_path / "in"], tmp_path / "out").documents == 1
    articles = tmp_path / "out" / "articles"
    assert (articles / "001~2.txt").read_text().startswith("Another story")
    assert (articles / f"001~{_content_tag(changed)}.txt").read_text().startswith("A changed story")
    assert clean_into([tmp_path / "in"], tmp_path / "out").documents == 0
    assert audit_output(tmp_path / "out").ok


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_edit_and_a_repeated_id_in_one_run_each_keep_their_article(tmp_path: Path, jobs: int) -> None:
    """Before, the edit of `c.jsonl#a` and the line repeating id `a` both took `c.jsonl#a~2`,
    and every rerun stopped with exit 3; so did an edited `x.txt` beside roots holding `x.txt`."""
    (tmp_path / "jk").mkdir()
    line = lambda text: json.dumps({"id": "a", "text": f"{text}\n\n" + " ".join(WORDS) + "."})  # noqa: E731
    (tmp_path / "jk" / "c.jsonl").write_text(line("Version one") + "\n")
    for root, title in (("ra", "First"), ("rb", "Second"), ("rc", "Third")):
        (tmp_path / root).mkdir()
        (tmp_path / root / "x.txt").write_text(f"{title} story\n\n" + " ".join(WORDS) + ".\n")
    roots = [tmp_path / "jk", tmp_path / "ra", tmp_path / "rb"]
    assert run(roots, tmp_path / "out", jobs=jobs, documents=1).documents == 3
    (tmp_path / "jk" / "c.jsonl").write_text(line("Version two") + "\n" + line("Another story") + "\n")
    (tmp_path / "ra" / "x.txt").write_text("First story, edited\n\n" + " ".join(WORDS) + ".\n")
    second = run([*roots, tmp_path / "rc"], tmp_path / "out", jobs=jobs, documents=1)
    assert second.documents == 4 and second.failures == 0
    ids = [r["id"] for r in records(tmp_path / "out")]
    assert len(ids) == len(set(ids)) == 7
    assert {"c.jsonl#a", "c.jsonl#a~2", "x.txt", "x~2.txt", "x~3.txt"} <= set(ids)
    assert audit_output(tmp_path / "out").ok
    assert run([*roots, tmp_path / "rc"], tmp_path / "out", jobs=jobs, documents=1).documents == 0


def test_shards_rotate_and_the_output_does_not_depend_on_the_number_of_workers(tmp_path: Path) -> None:
    generate_texts(tmp_path / "in", 45)
    run([tmp_path / "in"], tmp_path / "one", jobs=1, documents=10)
    run([tmp_path / "in"], tmp_path / "two", jobs=2, documents=10)
    assert len(shard_files(tmp_path / "one")) == 5
    assert output_files(tmp_path / "one") == output_files(tmp_path / "two")
    assert audit_output(tmp_path / "two").ok


def test_a_shard_closes_at_its_record_bytes_and_refused_articles_keep_the_parts_whole(tmp_path: Path) -> None:
    """The shard an article goes to is picked when it is prepared, from the record bytes
    prepared so far. An id that clashes with another's file is refused then, so the
    parts are planned without it; a part whose last article the file system refuses
    (only writing finds that) still closes."""
    from cleaner import clean_bytes
    from cleaner.documents import SourceDoc
    from cleaner.shards import ShardWriter
    from cleaner.warc import make_run_info

    rng = random.Random(3)
    docs = {}
    for name in ("a.txt", "a.txt/c.txt", "b.txt", "d.txt", "e.txt"):  # "a.txt/c.txt": a file of a file
        raw = story(rng, f"Headline {name}").encode("utf-8")
        docs[name] = (SourceDoc(name, raw, input_id=name), clean_bytes(raw, source=name))
    run_info = make_run_info(0, "", "digest", __version__, str(ARCHIVE_EPOCH))
    sizes = {name: sum(len(data) for data, _ in ShardWriter(tmp_path / "sizes", run_info, 0).prepare(*pair).records)
             for name, pair in docs.items()}
    writer = ShardWriter(tmp_path, run_info, 0, ShardLimits(documents=500, bytes=sizes["a.txt"] + sizes["b.txt"]))
    first = writer.prepare(*docs["a.txt"])
    with pytest.raises(ArticleNotWritten, match="folder of another"):
        writer.prepare(*docs["a.txt/c.txt"])
    prepared = [first] + [writer.prepare(*docs[name]) for name in ("b.txt", "d.txt", "e.txt")]
    assert [p.part for p in prepared] == [0, 0, 1, 1]
    assert [p.last_in_part for p in prepared][:2] == [False, True]
    (tmp_path / "articles" / "b.txt").mkdir(parents=True)  # an earlier run's folder: the name is taken
    writer.write(prepared[0])
    with pytest.raises(ArticleNotWritten, match="cannot be written as a file"):
        writer.write(prepared[1])  # part 0's last
    writer.write(prepared[2])  # part 0 closes first
    assert [e["part"] for e in writer.entries] == [0]
    writer.write(prepared[3])
    entries = writer.close()
    assert [(e["part"], [k for k, _ in e["inputs"]]) for e in entries] == [(0, ["a.txt"]), (1, ["d.txt", "e.txt"])]
    warcinfo_ids = {rec.headers["WARC-Warcinfo-ID"] for rec in iter_records(Path(entries[1]["staged"][0][0]))
                    if rec.rec_type != "warcinfo"}
    assert len(warcinfo_ids) == 1 and entries[1]["shard"].endswith("-01")


def test_same_names_in_different_folders_each_keep_their_article(tmp_path: Path) -> None:
    for folder, title in (("a", "First story"), ("b", "Second story")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(f"{title}\n\n" + " ".join(WORDS) + ".\n")
    stats = clean_into([tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt", tmp_path / "a"], tmp_path / "out")
    assert stats.documents == 3
    assert [r["id"] for r in records(tmp_path / "out")] == ["x.txt", "x~2.txt", "x~3.txt"]
    # Taken in the order of their real paths: a (its walk), a/x.txt, b/x.txt.
    assert (tmp_path / "out" / "articles" / "x~3.txt").read_text().startswith("Second story")
    assert audit_output(tmp_path / "out").ok


def test_ids_do_not_depend_on_the_order_inputs_are_named_in(tmp_path: Path) -> None:
    for folder, title in (("a", "First story"), ("b", "Second story")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(f"{title}\n\n" + " ".join(WORDS) + ".\n")
    assert clean_into([tmp_path / "b", tmp_path / "a"], tmp_path / "out").documents == 2
    again = clean_into([tmp_path / "a", tmp_path / "b"], tmp_path / "out")
    assert again.documents == 0 and again.skipped == 2
    assert (tmp_path / "out" / "articles" / "x.txt").read_text().startswith("First story")


def test_jsonl_duplicate_and_escaping_ids(tmp_path: Path) -> None:
    text = "A story\n\n" + " ".join(WORDS) + "."
    lines = [{"id": "7", "text": text}, {"id": "7", "text": text + " Again."}, {"id": "../../etc/e", "text": text},
             {"id": "/abs", "text": text}, {"id": "ok/sub", "text": text}]
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    stats = clean_into([tmp_path / "c.jsonl"], tmp_path / "out")
    assert stats.documents == 3 and stats.failures == 2
    assert [r["id"] for r in records(tmp_path / "out")] == ["c.jsonl#7", "c.jsonl#7~2", "c.jsonl#ok/sub"]
    errors = (tmp_path / "out" / "errors.jsonl").read_text()
    assert "'../../etc/e' cannot be used" in errors and "'/abs' cannot be used" in errors
    assert not (tmp_path / "etc").exists()
    assert audit_output(tmp_path / "out").ok


def test_special_files_are_reported_and_never_opened(tmp_path: Path) -> None:
    generate_texts(tmp_path / "in", 2)
    os.mkfifo(tmp_path / "in" / "pipe.txt")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(tmp_path / "in" / "sock"))
        result = run_cleaner("clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "1")
    assert result.returncode == 1, result.stderr
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
    assert {e["source"]: e["error"].split(": ", 1)[1] for e in errors} == {
        "pipe.txt": "is a FIFO, not a regular file; skipped", "sock": "is a socket, not a regular file; skipped"}
    assert len(records(tmp_path / "out")) == 2


def test_output_folder_inside_the_input_is_never_read(tmp_path: Path) -> None:
    generate_texts(tmp_path / "in", 3)
    out = tmp_path / "in" / "out"
    for _ in range(2):
        result = run_cleaner("clean", str(tmp_path / "in"), "-o", str(out))
        assert result.returncode == 0, result.stderr
    assert [r["id"] for r in records(out)] == ["000.txt", "001.txt", "002.txt"]
    assert b"is up to date: 3 articles" in result.stderr


def test_full_disk_is_one_clear_error_and_the_next_run_resumes(tmp_path: Path, monkeypatch) -> None:
    generate_texts(tmp_path / "in", 30)
    run([tmp_path / "in"], tmp_path / "out", documents=10)  # warm-up: the writer works
    generate_texts(tmp_path / "more", 30, seed=9)
    import cleaner.shards as shards

    real, calls = shards.stage_file, []

    def full(target: str, staged: str, data: bytes) -> None:
        calls.append(target)
        if len(calls) > 15:
            raise OSError(errno.ENOSPC, "No space left on device", staged)
        real(target, staged, data)

    monkeypatch.setattr(shards, "stage_file", full)
    with pytest.raises(OutputWriteError, match="No space left on device"):
        run([tmp_path / "in", tmp_path / "more"], tmp_path / "out", documents=10)
    # no temp files left (`.running` stays: it tells the next run that this one stopped)
    assert not [p for p in (tmp_path / "out").rglob(".*") if p.name not in (".lock", ".running")]
    assert audit_output(tmp_path / "out").ok  # the manifest still describes a valid output
    monkeypatch.setattr(shards, "stage_file", real)
    resumed = run([tmp_path / "in", tmp_path / "more"], tmp_path / "out", documents=10)
    assert resumed.documents == 20 and len(records(tmp_path / "out")) == 60 and audit_output(tmp_path / "out").ok


def test_full_disk_from_the_command_line_exits_3(tmp_path: Path) -> None:
    generate_texts(tmp_path / "in", 2)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "shards").write_text("a file where a folder must go")
    result = run_cleaner("clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.returncode == 3
    assert result.stderr.count(b"\n") == 1 and b"cannot write" in result.stderr and b"Traceback" not in result.stderr


def test_kill_mid_batch_then_resume_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    generate_texts(tmp_path / "in", 300)
    run([tmp_path / "in"], tmp_path / "reference", documents=10)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": ARCHIVE_EPOCH}
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "clean", str(tmp_path / "in"), "-o", str(out), "-q",
                             "-j", "2", "--shard-documents", "10"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while len(list(iter_entries(out))) < 8 and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    committed = len(list(iter_entries(out)))
    assert 8 <= committed < 30, committed
    resumed = run([tmp_path / "in"], out, jobs=2, documents=10)
    assert resumed.skipped >= 80 and resumed.documents == 300 - resumed.skipped
    assert sorted(records(out), key=lambda r: r["id"]) == sorted(records(tmp_path / "reference"), key=lambda r: r["id"])
    articles = {k: v for k, v in output_files(out).items() if k.startswith("articles/")}
    assert articles == {k: v for k, v in output_files(tmp_path / "reference").items() if k.startswith("articles/")}
    assert audit_output(out).ok


def _kill_worker_on(monkeypatch, marker: str, times: int, tally: Path) -> None:
    """Workers are forked from this process: a patched `clean_source` kills the worker
    that meets a document whose key holds `marker`, the first `times` times."""
    import cleaner.tasks as tasks

    real = tasks.clean_source

    def deadly(doc, config, extractor):  # type: ignore[no-untyped-def]
        if marker in doc.key:
            with tally.open("a") as handle:
                handle.write("x")
            if len(tally.read_text()) <= times:
                os.kill(os.getpid(), signal.SIGKILL)
        return real(doc, config, extractor)

    monkeypatch.setattr(tasks, "clean_source", deadly)


def test_a_worker_killed_once_is_replaced_and_nothing_is_lost(tmp_path: Path, monkeypatch) -> None:
    generate_texts(tmp_path / "in", 60)
    reference = run([tmp_path / "in"], tmp_path / "reference", jobs=1, documents=10)
    _kill_worker_on(monkeypatch, "033", 1, tmp_path / "tally")
    stats = run([tmp_path / "in"], tmp_path / "out", jobs=2, documents=10)
    assert (tmp_path / "tally").read_text() == "xx"  # killed, then cleaned on the rerun
    assert stats.documents == reference.documents == 60 and stats.failures == 0
    assert output_files(tmp_path / "out") == output_files(tmp_path / "reference")


def test_a_task_that_kills_every_worker_fails_alone(tmp_path: Path, monkeypatch) -> None:
    generate_texts(tmp_path / "in", 60)
    _kill_worker_on(monkeypatch, "033", 99, tmp_path / "tally")
    stats = run([tmp_path / "in"], tmp_path / "out", jobs=2, documents=10)
    lost = {f"{i:03d}.txt" for i in range(30, 40)}  # the task 033.txt is in
    assert stats.failures == 10 and stats.documents == 50
    assert {r["id"] for r in records(tmp_path / "out")} == {f"{i:03d}.txt" for i in range(60)} - lost
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
    assert {e["source"] for e in errors} == lost and all("worker" in e["error"] for e in errors)
    assert audit_output(tmp_path / "out").ok
    assert not list((tmp_path / "out").rglob("*.tmp"))


def test_audit_names_missing_extra_and_changed_shards_and_duplicate_ids(tmp_path: Path) -> None:
    generate_texts(tmp_path / "in", 20)
    run([tmp_path / "in"], tmp_path / "out", documents=5)
    out = tmp_path / "out"
    first, second, third = shard_files(out)[:3]
    first.unlink()
    (second.parent / "stray.warc.gz").write_bytes(b"")
    with third.open("ab") as handle:
        handle.write(b"\0")
    found = "\n".join(str(p) for p in audit_output(out).problems)
    assert f"{first}: file: missing" in found
    assert "stray.warc.gz: file: not listed in the manifest" in found
    assert f"{third}: file: changed since it was committed" in found


def test_audit_fails_on_two_records_with_one_id(tmp_path: Path) -> None:
    generate_texts(tmp_path / "a", 1)
    generate_texts(tmp_path / "b", 1, seed=3)
    clean_into([tmp_path / "a"], tmp_path / "out")
    clean_into([tmp_path / "b"], tmp_path / "other")
    # Splice the other output's shard in as if it had been committed here: one id, two articles.
    [entry] = list(iter_entries(tmp_path / "other"))
    for kind in ("warc", "cdxj", "jsonl"):
        src = tmp_path / "other" / entry["files"][kind]["path"]
        (tmp_path / "out" / entry["files"][kind]["path"]).write_bytes(src.read_bytes())
    end = (tmp_path / "out" / "articles.jsonl").stat().st_size
    with (tmp_path / "out" / "articles.jsonl").open("ab") as handle:
        handle.write((tmp_path / "other" / "articles.jsonl").read_bytes())
    entry["articles_jsonl"] = [end, (tmp_path / "out" / "articles.jsonl").stat().st_size]
    with (tmp_path / "out" / "manifest.jsonl").open("a") as handle:
        handle.write(json.dumps(entry) + "\n")
    found = "\n".join(str(p) for p in audit_output(tmp_path / "out").problems)
    assert "id '000.txt': two archived articles have this id" in found


def test_jsonl_records_hold_the_article_and_its_id(tmp_path: Path) -> None:
    clean_into([SEEDS], tmp_path / "out")
    rows = records(tmp_path / "out")
    assert [r["id"] for r in rows] == sorted(p.name for p in SEEDS.iterdir())
    assert all(r["source"] == r["id"] and "ledger" in r and "removals" in r for r in rows)


def write_wet(path: Path, pages: list[tuple[str, str]]) -> None:
    """A WET file as Common Crawl writes it: warcinfo, then one text conversion record per page."""
    from io import BytesIO

    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(writer.create_warcinfo_record("x.warc.wet.gz", {"software": "test"}))
        for i, (url, text) in enumerate(pages):
            data = text.encode("utf-8")
            headers = {"WARC-Refers-To": f"<urn:uuid:00000000-0000-0000-0000-{i:012d}>",
                       "WARC-Identified-Content-Language": "eng"}
            record = writer.create_warc_record(url, "conversion", payload=BytesIO(data), length=len(data),
                                               warc_content_type="text/plain", warc_headers_dict=headers)
            writer.write_record(record)


def test_wet_file_is_cleaned_with_urls_and_languages_and_audits(tmp_path: Path) -> None:
    rng = random.Random(5)
    pages = [(f"https://news.example/{i}", story(rng, f"Story {i}")) for i in range(3)]
    write_wet(tmp_path / "crawl.warc.wet.gz", pages)
    stats = clean_into([tmp_path / "crawl.warc.wet.gz"], tmp_path / "out")
    assert stats.documents == 3 and stats.failures == 0
    rows = records(tmp_path / "out")
    assert [r["url"] for r in rows] == [url for url, _ in pages] and {r["language"] for r in rows} == {"eng"}
    [warc] = shard_files(tmp_path / "out")
    types = [r.rec_type for r in iter_records(warc)]
    assert types == ["warcinfo"] + ["conversion", "metadata"] * 3  # the WET record is referred to, not copied
    assert audit_output(tmp_path / "out").ok


def test_cut_crawl_keeps_the_records_before_the_cut_and_exits_1(tmp_path: Path) -> None:
    rng = random.Random(6)
    write_wet(tmp_path / "full.wet.gz", [(f"https://news.example/{i}", story(rng, f"Story {i}")) for i in range(3)])
    data = (tmp_path / "full.wet.gz").read_bytes()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "cut.wet.gz").write_bytes(data[: len(data) - 25])  # inside the last record
    result = run_cleaner("clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert len(records(tmp_path / "out")) == 2
    [error] = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
    assert "damaged crawl at offset" in error["error"] and error["source"].startswith("cut.wet.gz#")
    audit = run_cleaner("audit", str(tmp_path / "out"))  # the archived records are whole
    assert audit.returncode == 0, audit.stderr


def test_a_rerun_takes_settled_inputs_digests_from_the_cache_and_reads_none(tmp_path: Path, monkeypatch) -> None:
    import cleaner.executor as executor
    import cleaner.input_cache as input_cache

    generate_texts(tmp_path / "in", 6)
    run([tmp_path / "in"], tmp_path / "out")
    hashed: list[Path] = []
    real = executor._file_sha256
    monkeypatch.setattr(executor, "_file_sha256", lambda path: hashed.append(path) or real(path))
    again = run([tmp_path / "in"], tmp_path / "out")
    assert again.documents == 0 and len(hashed) == 6  # just written: not settled, so read and hashed
    monkeypatch.setattr(input_cache, "SETTLE_NS", 0)  # as if the files had been written long ago
    hashed.clear()
    again = run([tmp_path / "in"], tmp_path / "out")
    assert again.documents == 0 and hashed == []


def test_the_cache_never_hides_an_edited_input(tmp_path: Path, monkeypatch) -> None:
    import cleaner.input_cache as input_cache

    monkeypatch.setattr(input_cache, "SETTLE_NS", 0)
    generate_texts(tmp_path / "in", 3)
    run([tmp_path / "in"], tmp_path / "out")
    target = tmp_path / "in" / "001.txt"
    info = target.stat()
    edited = target.read_text().replace("Headline", "Hexdline", 1)  # same size
    target.write_text(edited)
    os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns))  # and the same mtime: only the ctime differs
    again = run([tmp_path / "in"], tmp_path / "out")
    assert again.documents == 1
    assert any(r["id"] == f"001~{_content_tag(edited)}.txt" and "Hexdline" in r["text"] for r in records(tmp_path / "out"))


def test_a_cache_line_is_trusted_only_when_the_file_had_settled() -> None:
    from cleaner.input_cache import SETTLE_NS, CacheLine, FileStat

    stat = FileStat(10, 1_000 * SETTLE_NS, 1_000 * SETTLE_NS, 5)
    assert CacheLine("a", stat, "x", 1_001 * SETTLE_NS).settled
    assert not CacheLine("a", stat, "x", 1_000 * SETTLE_NS + 1).settled  # changed just before it was read


def test_temp_files_of_a_run_that_never_ended_are_removed_by_the_next(tmp_path: Path) -> None:
    from cleaner.manifest import RUNNING

    generate_texts(tmp_path / "in", 3)
    run([tmp_path / "in"], tmp_path / "out")
    assert not (tmp_path / "out" / RUNNING).exists()  # an ended run leaves no marker
    stale = tmp_path / "out" / "articles" / ".001.txt.00000-x.tmp"  # as a killed run stages an article
    stale.write_bytes(b"half")
    (tmp_path / "out" / RUNNING).touch()  # the killed run's marker
    run([tmp_path / "in"], tmp_path / "out")
    assert not stale.exists() and not (tmp_path / "out" / RUNNING).exists()
    assert audit_output(tmp_path / "out").ok


class _Prepared:
    def __init__(self, doc) -> None:
        self.doc, self.key = doc, getattr(doc, "key", str(doc))


class _RecordingWriter:
    """A ShardWriter stand-in: records calls, fails on the third write like a full disk."""

    def __init__(self) -> None:
        self.added: list[int] = []
        self.aborted = False

    def prepare(self, doc, article) -> _Prepared:
        return _Prepared(doc)

    def write(self, prepared: _Prepared) -> None:
        self.add(prepared.doc, None)

    def add(self, doc, article) -> None:
        if doc == 2:
            raise OSError(errno.ENOSPC, "No space left on device", "x")
        self.added.append(doc)

    def close(self) -> list:
        return list(self.added)

    def abort(self) -> None:
        self.aborted = True


class _Article:
    text = "x"

    def removed_chars_by_rule(self) -> dict[str, int]:
        return {"some.rule": 2}


def test_the_sink_thread_keeps_order_and_raises_the_threads_error_in_the_task() -> None:
    from cleaner.sink_thread import DEPTH, ThreadedSink

    ok = _RecordingWriter()
    sink = ThreadedSink(ok)  # type: ignore[arg-type]
    for doc in (0, 1, 3, 4):
        sink.add(doc, _Article())  # type: ignore[arg-type]
    assert sink.close() == [0, 1, 3, 4]
    assert sink.counters["documents"] == 4 and sink.removed_chars["some.rule"] == 8
    failing = ThreadedSink(_RecordingWriter())  # type: ignore[arg-type]
    with pytest.raises(OSError, match="No space"):
        for doc in range(DEPTH + 3):  # the error surfaces at a later add (or at close)
            failing.add(doc, _Article())  # type: ignore[arg-type]
        failing.close()
    failing.abort()
    assert failing.writer.aborted and failing.writer.added == [0, 1]


class _SlowWriter(_RecordingWriter):
    """Each add takes a while; records what happened, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[str] = []

    def add(self, doc, article) -> None:
        time.sleep(0.02)
        self.events.append(f"add {doc}")

    def abort(self) -> None:
        self.events.append("abort")


def test_the_sink_thread_runs_from_the_start_and_abort_waits_for_it() -> None:
    """An interrupt must never leave a thread writing after `abort` removed the staged
    files: the thread is started with the sink (not at its first article), and abort
    lets the write under way finish, drops the queued ones, then aborts the writer."""
    from cleaner.sink_thread import ThreadedSink

    slow = _SlowWriter()
    sink = ThreadedSink(slow)  # type: ignore[arg-type]
    assert sink._thread.is_alive()
    for doc in range(5):
        sink.add(doc, _Article())  # type: ignore[arg-type]
    sink.abort()
    done = list(slow.events)
    time.sleep(0.1)
    assert slow.events == done and done[-1] == "abort" and len(done) < 6
    assert not sink._thread.is_alive()


def test_the_switch_interval_is_short_while_a_sink_runs_and_restored_after() -> None:
    """With a core free for it, the writing thread must not wait 5 ms for the GIL after
    each write (a convoy with the cleaning loop); the interval a caller had comes back
    after close and abort."""
    import sys

    from cleaner.sink_thread import SWITCH_INTERVAL, ThreadedSink

    before = sys.getswitchinterval()
    first = ThreadedSink(_RecordingWriter())  # type: ignore[arg-type]
    second = ThreadedSink(_RecordingWriter())  # type: ignore[arg-type]
    assert sys.getswitchinterval() <= SWITCH_INTERVAL < before
    first.close()
    assert sys.getswitchinterval() <= SWITCH_INTERVAL  # the other sink still runs
    second.abort()
    assert sys.getswitchinterval() == before
    second.abort()  # twice: nothing is given back twice
    assert sys.getswitchinterval() == before


class _NamelessDoc:
    key = "bad/name"


class _OddDoc:
    key = "odd"


class _RefusingWriter(_RecordingWriter):
    """Refuses the article whose doc is a `_NamelessDoc` when writing it, as ShardWriter
    refuses a name the file system cannot hold, and an `_OddDoc`'s when preparing it,
    as it refuses an article it cannot serialise."""

    def prepare(self, doc, article) -> _Prepared:
        from cleaner.shards import ArticleNotWritten

        if isinstance(doc, _OddDoc):
            raise ArticleNotWritten("odd: cannot be archived (ValueError)")
        return super().prepare(doc, article)

    def add(self, doc, article) -> None:
        from cleaner.shards import ArticleNotWritten

        if isinstance(doc, _NamelessDoc):
            raise ArticleNotWritten("bad/name: cannot be archived")
        super().add(doc, article)


def test_a_sink_has_a_thread_only_when_a_core_is_free_for_it_and_both_count_alike() -> None:
    """With every core cleaning, a thread has no core to overlap on: the task writes
    inline, with the interval untouched; the counts and errors are the same both ways."""
    import sys

    from cleaner.sink_thread import InlineSink, ThreadedSink, make_sink

    before = sys.getswitchinterval()
    results = []
    for spare_core in (False, True):
        sink = make_sink(_RefusingWriter(), spare_core)  # type: ignore[arg-type]
        assert isinstance(sink, ThreadedSink) is spare_core and isinstance(sink, InlineSink)
        assert (sys.getswitchinterval() == before) is not spare_core
        for doc in (0, _NamelessDoc(), 1, _OddDoc(), 3):
            sink.add(doc, _Article())  # type: ignore[arg-type]
        entries = sink.close()
        results.append((entries, dict(sink.counters), dict(sink.removed_chars), sink.errors))
    assert sys.getswitchinterval() == before
    assert results[0] == results[1]
    assert results[0] == ([0, 1, 3], {"documents": 3, "bytes_out": 6, "failures": 2}, {"some.rule": 6},
                          [{"source": "bad/name", "error": "bad/name: cannot be archived"},
                           {"source": "odd", "error": "odd: cannot be archived (ValueError)"}])
    inline = InlineSink(_RecordingWriter())  # type: ignore[arg-type]
    inline.add(0, _Article())  # type: ignore[arg-type]
    with pytest.raises(OSError, match="No space"):  # a full disk fails the task at once
        inline.add(2, _Article())  # type: ignore[arg-type]
    inline.abort()
    assert inline.writer.aborted


class _BadArticle(_Article):
    def removed_chars_by_rule(self) -> dict[str, int]:
        raise RuntimeError("ledger broken")


def test_an_error_after_a_write_on_the_sink_thread_fails_the_task_instead_of_hanging_it() -> None:
    from cleaner.sink_thread import DEPTH, ThreadedSink

    sink = ThreadedSink(_RecordingWriter())  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="ledger broken"):
        for doc in range(DEPTH + 3):  # more than the queue holds: a dead thread would block here
            sink.add(doc + 10, _BadArticle())  # type: ignore[arg-type]
        sink.close()
    sink.abort()
    assert sink.writer.aborted and not sink._thread.is_alive()


def test_a_file_name_that_is_not_utf8_gets_an_escaped_id_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    generate_texts(folder, 2)
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "wb") as handle:  # Latin-1 bytes in a name
        handle.write((folder / "000.txt").read_bytes().replace(b"Headline", b"Other headline"))
    stats = run([folder], tmp_path / "out")
    assert stats.documents == 3 and stats.failures == 0
    ids = sorted(r["id"] for r in records(tmp_path / "out"))
    assert ids == ["000.txt", "001.txt", "caf\\xe9.txt"]
    assert (tmp_path / "out" / "articles" / "caf\\xe9.txt").read_text().startswith("Other headline")
    assert audit_output(tmp_path / "out").ok


def test_unicode_id_keeps_valid_names_and_escapes_bad_bytes() -> None:
    from cleaner.inputs import unicode_id

    assert unicode_id("a/Ünïcode.txt") == "a/Ünïcode.txt"
    assert unicode_id(os.fsdecode(b"caf\xe9.txt")) == "caf\\xe9.txt"
    assert unicode_id("x\ud800y") == "x\\xed\\xa0\\x80y"  # a lone surrogate from a JSON id


def test_jsonl_strings_with_lone_surrogates_are_cleaned_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    lines = ['{"id": "a\\ud800", "text": "The council approved the budget \\udc00 on Tuesday, officials said."}',
             '{"id": "b", "text": "Another story: the council approved the budget on Tuesday, officials said."}']
    (tmp_path / "in" / "x.jsonl").write_text("\n".join(lines) + "\n")
    stats = run([tmp_path / "in"], tmp_path / "out")
    assert stats.documents == 2 and stats.failures == 0
    by_id = {r["id"]: r for r in records(tmp_path / "out")}
    assert "budget \ufffd on Tuesday" in by_id["x.jsonl#a\\xed\\xa0\\x80"]["text"]
    assert audit_output(tmp_path / "out").ok


def test_an_article_that_cannot_be_archived_is_its_documents_failure_not_the_batchs(tmp_path: Path,
                                                                                     monkeypatch) -> None:
    import cleaner.warc as warc

    generate_texts(tmp_path / "in", 4)
    real = warc.metadata_block

    def odd(key, *args):
        if key == "002.txt":
            raise ValueError("an article no JSON can hold")
        return real(key, *args)

    monkeypatch.setattr(warc, "metadata_block", odd)
    stats = run([tmp_path / "in"], tmp_path / "out")
    assert stats.documents == 3 and stats.failures == 1
    assert sorted(r["id"] for r in records(tmp_path / "out")) == ["000.txt", "001.txt", "003.txt"]
    assert "002.txt: cannot be archived" in (tmp_path / "out" / "errors.jsonl").read_text()
    assert audit_output(tmp_path / "out").ok  # nothing of 002.txt half-written


def test_the_input_cache_lives_outside_the_output_and_an_unwritable_one_is_skipped(tmp_path: Path,
                                                                                  monkeypatch) -> None:
    from cleaner.input_cache import cache_path

    generate_texts(tmp_path / "in", 2)
    run([tmp_path / "in"], tmp_path / "out")
    assert cache_path(tmp_path / "out").is_file()
    assert str(cache_path(tmp_path / "out")).startswith(os.environ["XDG_CACHE_HOME"])
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x")  # the cache folder cannot be made under a file
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    generate_texts(tmp_path / "more", 2, seed=3)
    stats = run([tmp_path / "in", tmp_path / "more"], tmp_path / "out2")
    assert stats.documents == 4 and stats.failures == 0


def test_sigterm_stops_a_batch_cleanly_with_exit_143_and_a_rerun_resumes(tmp_path: Path) -> None:
    generate_texts(tmp_path / "in", 300)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": ARCHIVE_EPOCH}
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "clean", str(tmp_path / "in"), "-o", str(out),
                             "-q", "-j", "1", "--shard-documents", "10"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while len(list(iter_entries(out))) < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 143, stderr
    assert b"terminated; finished shards are kept" in stderr
    # nothing staged left; `.running` stays, so the next run knows this one stopped
    assert not [p for p in out.rglob(".*") if p.name not in (".lock", ".running")]
    committed = len(list(iter_entries(out)))
    resumed = run([tmp_path / "in"], out, documents=10)
    assert resumed.skipped == committed * 10 and resumed.documents == 300 - committed * 10
    assert audit_output(out).ok


def test_a_walks_ids_stay_unique_remembering_only_made_ones() -> None:
    """One folder's names differ already: only ids an escape or a suffix can make
    (holding "\\x" or "~") can meet, in either order, and only those are remembered."""
    from cleaner.inputs import IdRegistry

    bad = os.fsdecode(b"caf\xe9.txt")  # escapes to the literal name below
    for names in ([bad, "caf\\xe9.txt", "caf\\xe9~2.txt"], ["caf\\xe9~2.txt", "caf\\xe9.txt", bad]):
        ids = IdRegistry(distinct_names=True)
        claimed = [ids.claim(name) for name in [*(f"d/{n}.txt" for n in range(50)), *names]]
        assert len(set(claimed)) == len(claimed)
        assert len(ids._taken) == 3
    everything = IdRegistry()  # names from several roots may repeat: all remembered
    assert [everything.claim("x.txt") for _ in range(3)] == ["x.txt", "x~2.txt", "x~3.txt"]


def test_a_planted_shard_listing_never_makes_a_run_delete_files_outside_articles(tmp_path: Path) -> None:
    generate_texts(tmp_path / "in", 2)
    out = tmp_path / "out"
    clean_into([tmp_path / "in"], out)
    victim, beside = tmp_path / "victim.txt", out / "victim.txt"
    victim.write_text("precious")
    beside.write_text("precious too")
    planted = out / "shards" / "00009-20231114T221320Z-35ee5e64-00000-00.jsonl"  # named like a shard
    planted.write_text(json.dumps({"id": str(victim)}) + "\n" + json.dumps({"id": "../victim.txt"}) + "\n"
                       + json.dumps({"id": "../../victim.txt"}) + "\n")
    notes = out / "shards" / "my-notes.warc.gz"  # no shard's name: not the run's to remove
    notes.write_text("mine")
    generate_texts(tmp_path / "in", 3)
    clean_into([tmp_path / "in"], out)
    assert victim.read_text() == "precious" and beside.read_text() == "precious too" and notes.read_text() == "mine"
    assert not planted.exists()  # the uncommitted shard itself is removed
    assert len(records(out)) == 3


def test_a_folder_with_files_of_its_own_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    generate_texts(tmp_path / "in", 2)
    out = tmp_path / "mine"
    (out / "shards").mkdir(parents=True)
    (out / "shards" / "data.warc.gz").write_bytes(b"user data")
    (out / "articles.jsonl").write_text('{"mine": 1}\n')
    before = output_files(out)
    result = run_cleaner("clean", str(tmp_path / "in"), "-o", str(out))
    assert result.returncode == 2, result.stderr
    assert b"not a cleaner output folder" in result.stderr
    assert output_files(out) == before
    # An empty folder (a mount point's lost+found and hidden files aside), and one where
    # every input failed (errors.jsonl only), are taken.
    (tmp_path / "empty" / "lost+found").mkdir(parents=True)
    (tmp_path / "empty" / ".DS_Store").write_bytes(b"x")
    assert run_cleaner("clean", str(tmp_path / "in"), "-o", str(tmp_path / "empty"), "-q").returncode == 0
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "x.txt").write_bytes(b"")
    failed = tmp_path / "failed"
    assert run_cleaner("clean", str(tmp_path / "bad"), "-o", str(failed), "-q").returncode == 1
    assert (failed / "errors.jsonl").exists() and not (failed / "manifest.jsonl").exists()
    assert run_cleaner("clean", str(tmp_path / "in"), "-o", str(failed), "-q").returncode == 0


def test_a_jsonl_line_nested_too_deeply_is_that_lines_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    deep = '{"text": "x", "n": ' + "[" * 100_000 + "]" * 100_000 + "}"
    good = json.dumps({"text": "A short story about seals returning to the bay this spring, the wardens said."})
    (folder / "deep.jsonl").write_text(deep + "\n" + good + "\n")
    (folder / "first-deep.jsonl").write_text(deep + "\n")  # the line the format is sniffed from
    (folder / "other.txt").write_text("Other story about the harbour, told by the harbour master.\n")
    stats = clean_into([folder], tmp_path / "out")
    errors = (tmp_path / "out" / "errors.jsonl").read_text()
    assert "nested too deeply" in errors and stats.failures == 2
    assert {r["id"] for r in records(tmp_path / "out")} == {"deep.jsonl#2", "other.txt"}


def test_an_id_the_file_system_cannot_hold_is_that_inputs_failure_and_reruns_go_on(tmp_path: Path) -> None:
    text = "A short story about seals returning to the bay this spring, the wardens said.\n"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / ("n" * 246 + ".txt")).write_text(text)  # its staged name is over 255 bytes
    (folder / "z.txt").write_text(text.replace("seals", "otters"))
    lines = [{"id": "a/b/c", "text": text}, {"id": "a", "text": text.replace("seals", "herons")}]
    (folder / "c.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    out = tmp_path / "out"
    for _ in range(2):  # a rerun neither fails nor repeats what was done
        result = run_cleaner("clean", str(folder), "-o", str(out), "-q")
        assert result.returncode == 1, result.stderr
        ids = {r["id"] for r in records(out)}
        assert ids == {"z.txt", "c.jsonl#a/b/c"}, ids
        errors = (out / "errors.jsonl").read_text()
        assert "cannot be written as a file there" in errors and "c.jsonl#a" in errors
    assert run_cleaner("audit", str(out)).returncode == 0
    assert not [p for p in out.rglob("*.tmp")]
    # Across runs: a file whose id names the folder an earlier run's article lives in.
    first, second, across = tmp_path / "r1", tmp_path / "r2", tmp_path / "across"
    (first / "x.txt").mkdir(parents=True)
    (first / "x.txt" / "inner.txt").write_text(text)
    second.mkdir()
    (second / "x.txt").write_text(text.replace("seals", "geese"))
    (second / "y.txt").write_text(text.replace("seals", "swans"))
    assert run_cleaner("clean", str(first), "-o", str(across), "-q").returncode == 0
    assert run_cleaner("clean", str(second), "-o", str(across), "-q").returncode == 1
    assert {r["id"] for r in records(across)} == {"x.txt/inner.txt", "y.txt"}
    assert run_cleaner("audit", str(across)).returncode == 0


def test_links_in_an_input_folder_are_read_or_reported_never_skipped_in_silence(tmp_path: Path) -> None:
    generate_texts(tmp_path / "in", 2)
    generate_texts(tmp_path / "elsewhere", 1, seed=3)
    out = tmp_path / "in" / "out"
    clean_into([tmp_path / "in"], out)
    os.symlink(tmp_path / "elsewhere", tmp_path / "in" / "linked")  # a folder: reported, not followed
    os.symlink(out / "articles.jsonl", tmp_path / "in" / "evil.jsonl")  # into OUT: never read
    os.symlink(tmp_path / "elsewhere" / "000.txt", tmp_path / "in" / "alias.txt")  # a file: read
    for _ in range(2):  # OUT does not grow from its own files
        stats = clean_into([tmp_path / "in"], out)
        assert stats.failures == 2
        assert {r["id"] for r in records(out)} == {"000.txt", "001.txt", "alias.txt"}
    errors = (out / "errors.jsonl").read_text()
    assert "a link to a folder, not followed" in errors and "links into the output folder" in errors


def test_a_link_loop_is_one_failure_and_the_rest_is_cleaned(tmp_path: Path) -> None:
    generate_texts(tmp_path / "in", 2)
    os.symlink("loop", tmp_path / "in" / "loop")  # stat() raises ELOOP
    out = tmp_path / "out"
    result = run_cleaner("clean", str(tmp_path / "in"), "-o", str(out), "-q")
    assert result.returncode == 1, result.stderr
    assert {r["id"] for r in records(out)} == {"000.txt", "001.txt"}
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert [e["source"] for e in errors] == ["loop"] and "symbolic links" in errors[0]["error"]
    assert not (out / ".running").exists()
    assert run_cleaner("audit", str(out)).returncode == 0
    # A loop named on the command line is a usage error, said as such before anything runs.
    os.symlink(tmp_path / "named", tmp_path / "named")
    named = run_cleaner("clean", str(tmp_path / "named"), "-o", str(out))
    assert named.returncode == 2 and b"cannot read input" in named.stderr and b"symbolic links" in named.stderr


@pytest.mark.parametrize("damage", ["garbage after the end", "a flipped byte"])
def test_an_output_made_from_a_damaged_crawl_passes_its_audit(tmp_path: Path, damage: str) -> None:
    rng = random.Random(6)
    write_wet(tmp_path / "full.wet.gz", [(f"https://news.example/{i}", story(rng, f"Story {i}")) for i in range(3)])
    data = (tmp_path / "full.wet.gz").read_bytes()
    at = len(data) * 3 // 4
    bad = data + b"garbage after the end" if damage.startswith("garbage") else \
        data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "c.wet.gz").write_bytes(bad)
    assert run_cleaner("clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q").returncode == 1
    audit = run_cleaner("audit", str(tmp_path / "out"))
    assert audit.returncode == 0, audit.stderr  # the damage is the crawl's, reported by clean
    assert b"unreadable archive" not in audit.stderr


def test_a_text_with_more_lines_than_memory_allows_is_its_failure(tmp_path: Path, monkeypatch) -> None:
    import cleaner.cleaning as cleaning

    monkeypatch.setattr(cleaning, "MAX_LINES", 1000)
    folder = tmp_path / "in"
    generate_texts(folder, 2)
    (folder / "log.txt").write_text("Ab\n" * 1001)
    stats = clean_into([folder], tmp_path / "out")
    assert stats.failures == 1 and "over the 1,000 a text may have" in (tmp_path / "out" / "errors.jsonl").read_text()
    assert {r["id"] for r in records(tmp_path / "out")} == {"000.txt", "001.txt"}


def test_a_run_stopped_in_its_first_commit_is_resumed_not_refused(tmp_path: Path, monkeypatch) -> None:
    import cleaner.pipeline as pipeline

    generate_texts(tmp_path / "in", 3)
    real = pipeline.append_entry

    def stopped(out_dir: Path, entry: dict) -> None:
        raise KeyboardInterrupt  # after the shard's files were renamed into place, before its line

    monkeypatch.setattr(pipeline, "append_entry", stopped)
    with pytest.raises(KeyboardInterrupt):
        clean_into([tmp_path / "in"], tmp_path / "out")
    assert not (tmp_path / "out" / "manifest.jsonl").exists() and (tmp_path / "out" / ".running").exists()
    monkeypatch.setattr(pipeline, "append_entry", real)
    clean_into([tmp_path / "in"], tmp_path / "out")
    clean_into([tmp_path / "in"], tmp_path / "whole")
    assert output_files(tmp_path / "out") == output_files(tmp_path / "whole")


def test_recovery_removes_uncommitted_shards_of_any_part_number(tmp_path: Path) -> None:
    generate_texts(tmp_path / "in", 2)
    out = tmp_path / "out"
    clean_into([tmp_path / "in"], out)
    run_id = json.loads((out / "manifest.jsonl").read_text().splitlines()[0])["run"]
    planted = [out / "shards" / f"{run_id}-00000-{part}.{kind}" for part in ("100", "1234") for kind in ("jsonl", "cdxj")]
    for path in planted:
        path.write_text("")
    (out / ".running").touch()  # as a killed run leaves it
    clean_into([tmp_path / "in"], out)
    assert not any(path.exists() for path in planted)
    assert run_cleaner("audit", str(out)).returncode == 0


def test_ids_that_clash_as_file_and_folder_in_one_task_fail_alone(tmp_path: Path) -> None:
    text = "A short story about seals returning to the bay this spring, the wardens said.\n"
    folder = tmp_path / "in"
    folder.mkdir()
    lines = [{"id": "a", "text": text}, {"id": "a/b/c", "text": text.replace("seals", "herons")}]
    (folder / "c.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    for _ in range(2):
        result = run_cleaner("clean", str(folder), "-o", str(tmp_path / "out"), "-q")
        assert result.returncode == 1 and b"Traceback" not in result.stderr, result.stderr
        assert {r["id"] for r in records(tmp_path / "out")} == {"c.jsonl#a"}
        assert "c.jsonl#a/b/c" in (tmp_path / "out" / "errors.jsonl").read_text()
    assert run_cleaner("audit", str(tmp_path / "out")).returncode == 0


def test_a_task_whose_only_input_cannot_be_written_fails_that_input_only(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / ("n" * 246 + ".txt")).write_text("A short story about seals returning to the bay this spring.\n")
    result = run_cleaner("clean", str(folder), "-o", str(tmp_path / "out"), "-q")
    assert result.returncode == 1 and b"Traceback" not in result.stderr, result.stderr
    assert "cannot be written as a file there" in (tmp_path / "out" / "errors.jsonl").read_text()
    assert not list((tmp_path / "out").rglob("*.tmp")) and not list((tmp_path / "out" / "shards").iterdir())
