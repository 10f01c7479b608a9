"""The five seed texts against their hand-written expected outputs.

tests/expected/<name>.txt is the expected `article.text` (one trailing newline added
for the file's sake); tests/expected/<name>.json the expected metadata. Both were
written by reading every line of the seed, not by copying the engine's output.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import cleaner

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
EXPECTED = Path(__file__).resolve().parent / "expected"


def test_every_seed_has_expectations() -> None:
    assert len(SEEDS) == 5
    for seed in SEEDS:
        assert (EXPECTED / seed.name).is_file(), seed.name
        assert (EXPECTED / f"{seed.stem}.json").is_file(), seed.stem


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_text(seed: Path) -> None:
    article = cleaner.clean_text(seed.read_text(encoding="utf-8"), source=seed.name)
    expected = (EXPECTED / seed.name).read_text(encoding="utf-8")
    assert expected.endswith("\n")
    got, want = article.text.split("\n\n"), expected[:-1].split("\n\n")
    # Paragraph lists first: a failure then names the paragraph, not a char offset.
    assert got == want


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_metadata(seed: Path) -> None:
    article = cleaner.clean_text(seed.read_text(encoding="utf-8"), source=seed.name)
    meta = json.loads((EXPECTED / f"{seed.stem}.json").read_text(encoding="utf-8"))
    got = {key: getattr(article, key) for key in meta}
    assert got == meta


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_ledger_rebuilds_raw(seed: Path) -> None:
    raw = seed.read_text(encoding="utf-8")
    article = cleaner.clean_text(raw)
    assert article.rebuild_raw() == raw
