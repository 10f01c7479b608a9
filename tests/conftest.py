"""Shared fixtures: the repo paths, a seeds run, and a way to call the CLI."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import __version__
from cleaner.pipeline import BatchOptions, run_batch

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
# The SOURCE_DATE_EPOCH the committed archive/ was made with (see archive/README.md).
ARCHIVE_EPOCH = "1700000000"


def clean_into(inputs: list[Path | str], out: Path, epoch: str | None = ARCHIVE_EPOCH) -> object:
    """Run a batch in-process (the library API the CLI uses)."""
    options = BatchOptions(version=__version__, source_date_epoch=epoch)
    return run_batch([str(i) for i in inputs], out, options)


def run_cleaner(*args: str, cwd: Path | None = None, stdin: bytes = b"",
                env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """`python -m cleaner ARGS` in a subprocess (exit codes, stdout/stderr as a user sees them)."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run([sys.executable, "-m", "cleaner", *args], cwd=cwd, input=stdin,
                          capture_output=True, env=full_env, timeout=120)


@pytest.fixture
def seeds_out(tmp_path: Path) -> Path:
    """A fresh output folder made from the seeds (function scope: tests may tamper with it)."""
    out = tmp_path / "out"
    clean_into([SEEDS], out)
    return out


@pytest.fixture(autouse=True)
def _private_cache_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs keep their input cache (`input_cache`) under XDG_CACHE_HOME: a test's own,
    never the user's home."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
