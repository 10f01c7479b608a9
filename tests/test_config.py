"""Config: disabling rules and families, adding phrases, TOML files, the digest."""
from __future__ import annotations

from pathlib import Path

import pytest

import cleaner
from cleaner import Config, ConfigError

RAW = (
    "A title line\n\n"
    "The council met on Tuesday to approve the budget for next year, officials said.\n\n"
    "Advertisement\n\n"
    "RELATED: Markets rally on trade hopes\n\n"
    "Mehr lesen Sie: Haushalt 2020 im Überblick\n\n"
    "The vote was 31 to 12, with several members abstaining, the council said.\n"
)


def rules(config: Config) -> list[str]:
    return [r.rule for r in cleaner.clean_text(RAW, config=config).removals]


def test_default_removes_the_clutter() -> None:
    assert rules(Config()) == ["ads.marker", "links.related"]


def test_disable_one_rule() -> None:
    # With the structure passes off too, so that no context rule takes the line instead.
    assert rules(Config(disable=["ads.marker", "structure"])) == ["links.related"]


def test_disable_a_family() -> None:
    assert rules(Config(disable=["links"])) == ["ads.marker"]


def test_phrases_extend_a_rule() -> None:
    config = Config(phrases={"links.related": ["Mehr lesen Sie"]})
    article = cleaner.clean_text(RAW, config=config)
    assert [r.rule for r in article.removals] == ["ads.marker", "links.related"]
    assert "Mehr lesen Sie" in article.removals[1].text
    assert "Mehr lesen Sie" not in article.text


def test_from_toml(tmp_path: Path) -> None:
    path = tmp_path / "cleaner.toml"
    path.write_text('disable = ["ads"]\n\n[phrases]\n"links.related" = ["Mehr lesen Sie"]\n', encoding="utf-8")
    config = Config.from_toml(path)
    assert config == Config(disable=["ads"], phrases={"links.related": ["Mehr lesen Sie"]})
    article = cleaner.clean_text(RAW, config=config)
    assert "Advertisement" in article.text and "Mehr lesen Sie" not in article.text


@pytest.mark.parametrize(
    "text",
    [
        'disable = ["nope.rule"]\n',
        'disable = "ads"\n',
        '[phrases]\n"nope.rule" = ["x"]\n',
        '[phrases]\n"ads.marker" = "x"\n',
        '[phrases]\n"gallery.run" = ["x"]\n',
        '[[rules]]\nid = "ads.mine"\nreason = "x"\nexact = ["x"]\n',
        '[[rules]]\nid = "custom.x"\nreason = "x"\npatterns = ["(a)\\\\1"]\n',
        'unknown = 1\n',
        "not toml [\n",
    ],
)
def test_bad_config_files_are_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError):
        Config.from_toml(path)


def test_missing_config_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        Config.from_toml(tmp_path / "none.toml")


def test_digest_is_stable_and_tells_configs_apart() -> None:
    assert Config().digest() == Config().digest()
    assert Config(disable=["ads"]).digest() != Config().digest()
    assert Config(phrases={"ads.marker": ["x"]}).digest() != Config().digest()
    assert Config(disable=["ads", "links"]).digest() == Config(disable=["links", "ads"]).digest()


def test_the_default_digest_is_unchanged_by_custom_rule_support() -> None:
    """Without custom rules the payload is what it was: archives keep their digests."""
    import hashlib
    import json

    from cleaner.rules import RULESET_VERSION

    payload = json.dumps({"ruleset": RULESET_VERSION, "disable": [], "phrases": {}}, sort_keys=True)
    assert Config().digest() == hashlib.sha256(payload.encode("utf-8")).hexdigest()


def test_the_digest_covers_custom_rules() -> None:
    rule = {"id": "custom.promo", "reason": "shop promotion line", "exact": ["Shop the look"]}
    other = {**rule, "exact": ["Shop the style"]}
    assert Config(rules=[rule]).digest() != Config().digest()
    assert Config(rules=[rule]).digest() != Config(rules=[other]).digest()
    assert Config(rules=[rule]).digest() == Config(rules=[dict(rule)]).digest()
    assert Config(rules=[rule]) == Config(rules=[dict(rule)])
