"""Users' phrases and rules: what they must remove, what they must keep, what is refused."""
from __future__ import annotations

from pathlib import Path

import pytest

import cleaner
from cleaner import Config, ConfigError

STORY = [
    "Council approves new budget after months of debate",
    "LONDON, March 3 (Reuters) - The city council approved a new budget on Tuesday after months of debate "
    "over spending on schools, transport and housing.",
    "The vote was 31 to 12, with several members of the governing coalition abstaining, according to a "
    "statement released by the council after the session ended.",
    "The budget takes effect in April, and the council will review it again in the autumn when new revenue "
    "figures are available from the treasury.",
]


def removed(line: str, config: Config) -> list[tuple[str, str]]:
    """(rule, reason) of the removals that took `line`, put in the middle of a clean story."""
    raw = "\n\n".join([*STORY[:2], line, *STORY[2:]])
    article = cleaner.clean_text(raw, config=config)
    assert all(s.split(" - ")[0][:20] in article.text for s in STORY[1:])  # the story stays
    return [(r.rule, r.reason) for r in article.removals if line in r.text]


PHRASES = Config(phrases={"ads.marker": ["Werbeanzeige", "Anzeige", "Der"]})


@pytest.mark.parametrize(
    "line", ["Werbeanzeige", "WERBEANZEIGE", "» Werbeanzeige «", "Werbeanzeige: Neue Brillen bei Optik Meyer",
             "Werbeanzeige | Partnerangebot", "Werbeanzeige - Jetzt testen"],
)
def test_a_phrase_removes_its_label_lines(line: str) -> None:
    assert [rule for rule, _ in removed(line, PHRASES)] == ["ads.marker"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Anzeigen gegen den Bürgermeister wurden bereits im März erstattet, sagte die Polizei.",
        "Der Bürgermeister sagte am Dienstag, die Stadt werde die Schulden bis 2030 abbauen.",
        "Der Rat hat den Haushalt mit großer Mehrheit beschlossen.",
        "Werbeanzeigen in Zeitungen gingen im vergangenen Jahr um zwölf Prozent zurück, teilte der Verband mit.",
        "Anzeige: Die Polizei ermittelt nach einem Einbruch in der Innenstadt gegen zwei Männer aus Berlin, die am "
        "Montag festgenommen wurden.",
    ],
)
def test_a_phrase_matches_whole_words_of_short_lines_only(sentence: str) -> None:
    assert removed(sentence, PHRASES) == []


def test_a_phrase_for_a_context_rule_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="gallery.run"):
        Config(phrases={"gallery.run": ["Bildergalerie"]})
    path = tmp_path / "c.toml"
    path.write_text('[phrases]\n"structure.repeat" = ["x"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="structure.repeat"):
        Config.from_toml(path)


PROMO_TOML = """
[[rules]]
id = "custom.promo"          # any id outside the built-in families
reason = "shop promotion line"
exact = ["Shop the look"]
prefixes = ["Use code"]
patterns = ['^Promo code: \\w+$']
"""


@pytest.fixture(scope="module")
def promo(tmp_path_factory: pytest.TempPathFactory) -> Config:
    path = tmp_path_factory.mktemp("config") / "promo.toml"
    path.write_text(PROMO_TOML, encoding="utf-8")
    return Config.from_toml(path)


@pytest.mark.parametrize(
    "line", ["Shop the look", "SHOP THE LOOK:", "Use code SUMMER20 at checkout", "Promo code: SUMMER20", "promo code: x1"],
)
def test_a_custom_rule_removes_its_lines_with_its_id_and_reason(promo: Config, line: str) -> None:
    assert removed(line, promo) == [("custom.promo", "shop promotion line")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Shop the look of the season, the designer told the magazine before the show in Milan on Friday.",
        "Use codes of conduct to settle disputes, the report advised the council's committees.",
        "Promo code: SUMMER20 was used by more than 10,000 shoppers, the retailer said.",
        "Users of code-sharing sites were warned on Monday.",
    ],
)
def test_a_custom_rule_keeps_sentences(promo: Config, sentence: str) -> None:
    assert removed(sentence, promo) == []


def test_custom_rules_come_through_the_api_and_rebuild_exactly() -> None:
    config = Config(rules=[{"id": "shop.promo", "reason": "promotion", "patterns": [r"^\d+% off\b.{0,40}$"]}])
    raw = "\n\n".join([STORY[0], "20% off everything today", *STORY[1:]])
    article = cleaner.clean_text(raw, config=config)
    assert [(r.rule, r.reason) for r in article.removals] == [("shop.promo", "promotion")]
    assert article.rebuild_raw() == raw
    assert cleaner.clean_text(raw, config=Config(disable=["shop"], rules=config.rules)).removals == []


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"id": "custom.x", "reason": "r", "patterns": [r"(\w+) \1"]}, "linear time"),
        ({"id": "custom.x", "reason": "r", "patterns": [r"(?<=a)b"]}, "linear time"),
        ({"id": "custom.x", "reason": "r", "patterns": [r"(?!a)b"]}, "linear time"),
        ({"id": "custom.x", "reason": "r", "patterns": ["[a-"]}, "does not compile"),
        ({"id": "ads.mine", "reason": "r", "exact": ["x"]}, "built in"),
        ({"id": "nodot", "reason": "r", "exact": ["x"]}, "family.name"),
        ({"id": "custom.x", "reason": "", "exact": ["x"]}, "reason"),
        ({"id": "custom.x", "reason": "r"}, "no exact"),
        ({"id": "custom.x", "reason": "r", "exact": "x"}, "list"),
        ({"id": "custom.x", "reason": "r", "exact": ["x"], "hints": ["x"]}, "unknown"),
    ],
)
def test_bad_custom_rules_are_refused_with_a_clear_message(spec: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Config(rules=[spec])


def test_phrases_may_extend_a_custom_rule() -> None:
    config = Config(rules=[{"id": "custom.promo", "reason": "promotion", "exact": ["Shop the look"]}],
                    phrases={"custom.promo": ["Jetzt kaufen"]})
    assert removed("Jetzt kaufen: Sommerkleider", config) == [("custom.promo", "promotion")]
