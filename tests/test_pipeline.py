"""The batch: resume by raw hash, crash safety (kill mid-way, then resume)."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from cleaner.audit import audit_output
from cleaner.warc import archive_files, iter_records
from conftest import REPO, SEEDS, clean_into

WORDS = ("the army said on thursday that its forces had captured the town near the border after weeks "
         "of fighting officials reported residents returned").split()


def generate_texts(folder: Path, count: int) -> None:
    rng = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        paras = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(15, 40))).capitalize() + "."
                 for _ in range(rng.randint(2, 5))]
        junk = rng.choice(["Read more: other story", "Share on Facebook", "Advertisement"])
        (folder / f"{i:03d}.txt").write_text(f"Headline number {i}\n\n" + "\n\n".join(paras + [junk]) + "\n")


def snapshot(out: Path) -> tuple[dict[str, bytes], set[str]]:
    articles = {p.relative_to(out / "articles").as_posix(): p.read_bytes()
                for p in (out / "articles").rglob("*") if p.is_file() and not p.name.startswith(".")}
    records = set((out / "articles.jsonl").read_text(encoding="utf-8").splitlines())
    return articles, records


def test_rerun_skips_archived_inputs_and_archives_only_new_ones(tmp_path: Path) -> None:
    generate_texts(tmp_path / "in", 3)
    first = clean_into([tmp_path / "in"], tmp_path / "out")
    again = clean_into([tmp_path / "in"], tmp_path / "out")
    assert first.documents == 3 and again.documents == 0 and again.step("skip_archived")["skipped"] == 3
    assert again.archive is None and len(archive_files(tmp_path / "out")) == 1
    generate_texts(tmp_path / "more", 5)
    os.replace(tmp_path / "more" / "004.txt", tmp_path / "in" / "new.txt")
    third = clean_into([tmp_path / "in"], tmp_path / "out")
    assert third.documents == 1
    assert [r.rec_type for r in iter_records(third.archive)] == ["warcinfo", "resource", "conversion", "metadata"]
    assert len(archive_files(tmp_path / "out")) == 2
    assert len((tmp_path / "out" / "articles.jsonl").read_text().splitlines()) == 4
    assert audit_output(tmp_path / "out").ok


def test_changed_input_is_archived_again_and_the_latest_wins(tmp_path: Path) -> None:
    generate_texts(tmp_path / "in", 2)
    clean_into([tmp_path / "in"], tmp_path / "out")
    (tmp_path / "in" / "001.txt").write_text("A changed story\n\n" + " ".join(WORDS) + ".\n")
    assert clean_into([tmp_path / "in"], tmp_path / "out").documents == 1
    assert (tmp_path / "out" / "articles" / "001.txt").read_text().startswith("A changed story")
    assert audit_output(tmp_path / "out").ok


def test_kill_mid_batch_then_resume_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    generate_texts(tmp_path / "in", 200)
    clean_into([tmp_path / "in"], tmp_path / "reference")
    # A named pipe nobody writes to: the batch blocks on it after 100 files, mid-way, every time.
    (tmp_path / "in" / "100.txt").rename(tmp_path / "100.txt.saved")
    os.mkfifo(tmp_path / "in" / "100.txt")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": "1700000000"}
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "clean", str(tmp_path / "in"), "-o", str(out), "-q"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while len(list((out / "articles").glob("*.txt"))) < 100 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert len(list((out / "articles").glob("*.txt"))) == 100
    assert archive_files(out) == [] and not (out / "articles.jsonl").exists()  # nothing looks complete
    (tmp_path / "in" / "100.txt").unlink()
    (tmp_path / "100.txt.saved").rename(tmp_path / "in" / "100.txt")
    resumed = clean_into([tmp_path / "in"], out)
    assert resumed.documents == 200
    assert snapshot(out) == snapshot(tmp_path / "reference")
    assert not [p for p in out.rglob(".*") if p.name != ".lock"]  # the dead run's temp files are gone
    assert audit_output(out).ok


def test_jsonl_records_hold_the_article_and_its_id(tmp_path: Path) -> None:
    clean_into([SEEDS], tmp_path / "out")
    records = [json.loads(line) for line in (tmp_path / "out" / "articles.jsonl").read_text().splitlines()]
    assert [r["id"] for r in records] == sorted(p.name for p in SEEDS.iterdir())
    assert all(r["source"] == r["id"] and "ledger" in r and "removals" in r for r in records)
