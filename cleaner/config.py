"""Cleaning configuration: which rules run, the phrases users add, and users' own rules.

A TOML file looks like::

    disable = ["links.recommended", "footer"]   # rule ids or whole families

    [phrases]                                   # more phrases for built-in line rules
    "ads.marker" = ["Promotion spéciale"]

    [[rules]]                                   # a line rule of your own
    id = "custom.promo"                         # any id outside the built-in families
    reason = "shop promotion line"
    exact = ["Shop the look"]                   # the whole line
    prefixes = ["Use code"]                     # the line opens with these words
    patterns = ['^Promo code: \\w+$']           # RE2 syntax, case-insensitive

A phrase matches a line (case-insensitive, decoration such as bullets and colons
stripped) that is the phrase, or a short line (at most 12 words) that opens with the
phrase followed by a separator (":", "|", "-", "»", ...): "Anzeige" and "Anzeige: Neue
Brillen", not "Anzeigen gegen den Bürgermeister ..." nor "Der Rat hat ..." for "Der".

The same is available from Python: ``Config(disable=..., phrases=..., rules=[{...}])``.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

if TYPE_CHECKING:  # pragma: no cover
    from .rules.base import LineRule


class ConfigError(ValueError):
    """A configuration file or value that cannot be used."""


_RULE_KEYS = {"id", "reason", "exact", "prefixes", "patterns"}


@dataclass(frozen=True, eq=False)
class Config:
    disable: frozenset[str] = frozenset()
    phrases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    rules: tuple["LineRule", ...] = ()

    def __init__(
        self,
        disable: Iterable[str] = (),
        phrases: Mapping[str, Iterable[str]] | None = None,
        rules: Iterable["LineRule | Mapping[str, Any]"] = (),
    ) -> None:
        custom = tuple(r if not isinstance(r, Mapping) else custom_rule(r) for r in rules)
        for rule_id, items in (phrases or {}).items():
            if isinstance(items, str) or not isinstance(items, Iterable):
                raise ConfigError(f"phrases for {rule_id!r} must be a list of strings")
        object.__setattr__(self, "disable", frozenset(disable))
        object.__setattr__(self, "phrases", {k: tuple(v) for k, v in sorted((phrases or {}).items())})
        object.__setattr__(self, "rules", custom)
        if custom or self.phrases:
            _check_rules(self)

    def _key(self) -> tuple[Any, ...]:
        return self.disable, tuple(self.phrases.items()), self.rules

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Config) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def enabled(self, rule_id: str) -> bool:
        """A rule runs unless its id or its family is disabled."""
        if not self.disable:  # the usual case, asked for every rule and every mark
            return True
        return rule_id not in self.disable and rule_id.split(".", 1)[0] not in self.disable

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "disable": sorted(self.disable), "phrases": {k: list(v) for k, v in self.phrases.items()},
        }
        if self.rules:  # only when given: the digest of a configuration without them stays as it was
            out["rules"] = [
                {"id": r.id, "reason": r.reason, "exact": list(r.exact), "prefixes": list(r.prefixes),
                 "patterns": list(r.patterns)}
                for r in self.rules
            ]
        return out

    def digest(self) -> str:
        """A stable hash of the configuration (with the rule set's version)."""
        from .rules import RULESET_VERSION

        payload = json.dumps({"ruleset": RULESET_VERSION, **self.to_dict()}, sort_keys=True)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    @classmethod
    def from_toml(cls, path: str | Path) -> "Config":
        import tomllib  # only when a configuration file is given

        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config {path}: {exc}") from exc
        return cls.from_dict(data, origin=str(path))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], origin: str = "config") -> "Config":
        unknown_keys = set(data) - {"disable", "phrases", "rules"}
        if unknown_keys:
            raise ConfigError(f"{origin}: unknown keys {sorted(unknown_keys)}")
        disable = data.get("disable", [])
        phrases = data.get("phrases", {})
        rules = data.get("rules", [])
        if not isinstance(disable, list) or not all(isinstance(d, str) for d in disable):
            raise ConfigError(f"{origin}: 'disable' must be a list of rule ids")
        if not isinstance(phrases, dict):
            raise ConfigError(f"{origin}: [phrases] must map rule ids to lists of phrases")
        if not isinstance(rules, list) or not all(isinstance(r, dict) for r in rules):
            raise ConfigError(f"{origin}: [[rules]] must be tables")
        try:
            config = cls(disable=disable, phrases=phrases, rules=rules)
        except ConfigError as exc:
            raise ConfigError(f"{origin}: {exc}") from exc
        _check_disable(config, origin)
        return config


def _check_disable(config: Config, origin: str) -> None:
    from .rules import all_rule_ids

    known = set(all_rule_ids()) | {r.id for r in config.rules}
    families = {r.split(".", 1)[0] for r in known}
    for name in config.disable:
        if name not in known and name not in families:
            raise ConfigError(f"{origin}: unknown rule or family {name!r}")


def _check_rules(config: Config) -> None:
    """Phrases name line rules (built-in or the user's own); custom ids are new and unique."""
    from .rules import BUILTIN_FAMILIES, LINE_RULES, all_rule_ids

    line_ids = {r.id for r in LINE_RULES}
    custom_ids = [r.id for r in config.rules]
    for rule_id in custom_ids:
        if rule_id.split(".", 1)[0] in BUILTIN_FAMILIES:
            raise ConfigError(
                f"custom rule {rule_id!r}: its family is built in; choose another id (e.g. 'custom.name')")
    if len(set(custom_ids)) != len(custom_ids):
        raise ConfigError(f"custom rule ids must be unique: {custom_ids}")
    for rule_id, items in config.phrases.items():
        if rule_id in all_rule_ids() and rule_id not in line_ids:
            raise ConfigError(f"rule {rule_id!r} takes no phrases: it works on context, not on one line")
        if rule_id not in line_ids and rule_id not in custom_ids:
            raise ConfigError(f"unknown rule {rule_id!r} in [phrases]")
        if not all(isinstance(i, str) for i in items):
            raise ConfigError(f"phrases for {rule_id!r} must be a list of strings")


def custom_rule(spec: Mapping[str, Any]) -> "LineRule":
    """A user's line rule from its declaration (id, reason, exact, prefixes, patterns).

    Its patterns run with RE2, in time linear in the line; a pattern that does not
    compile, or that RE2 refuses (back-references and look-arounds cannot run in
    linear time), is a ConfigError naming it.
    """
    from .rules.base import LineRule

    unknown = set(spec) - _RULE_KEYS
    rule_id, reason = spec.get("id"), spec.get("reason")
    if unknown:
        raise ConfigError(f"custom rule {rule_id!r}: unknown keys {sorted(unknown)}")
    if not isinstance(rule_id, str) or not re.fullmatch(r"[\w-]+\.[\w.-]+", rule_id):
        raise ConfigError(f"custom rule id {rule_id!r} must look like 'family.name'")
    if not isinstance(reason, str) or not reason.strip():
        raise ConfigError(f"custom rule {rule_id!r} needs a reason (one line for the ledger)")
    parts: dict[str, tuple[str, ...]] = {}
    for key in ("exact", "prefixes", "patterns"):
        items = spec.get(key, [])
        if not isinstance(items, (list, tuple)) or not all(isinstance(i, str) and i.strip() for i in items):
            raise ConfigError(f"custom rule {rule_id!r}: {key!r} must be a list of non-empty strings")
        parts[key] = tuple(items)
    if not any(parts.values()):
        raise ConfigError(f"custom rule {rule_id!r} has no exact phrases, prefixes or patterns")
    for pattern in parts["patterns"]:
        _check_pattern(rule_id, pattern)
    return LineRule(id=rule_id, reason=reason.strip(), linear=True, exact=parts["exact"],
                    prefixes=parts["prefixes"], patterns=parts["patterns"])


def _check_pattern(rule_id: str, pattern: str) -> None:
    """Refuse a pattern Python's `re` cannot read (the matcher's prefilter reads it so) or
    RE2 refuses (it would not run in linear time)."""
    import re2

    from .matcher import compile_linear

    try:
        re.compile(pattern)
    except re.error as exc:
        raise ConfigError(f"custom rule {rule_id!r}: pattern {pattern!r} does not compile: {exc}") from exc
    try:
        compile_linear(pattern, True)
    except re2.error as exc:
        raise ConfigError(
            f"custom rule {rule_id!r}: pattern {pattern!r} cannot run in linear time "
            f"(RE2 refuses it: {exc}); look-arounds and back-references are not allowed"
        ) from exc
