"""Cleaning configuration: which rules run and the phrases users add to them.

A TOML file looks like::

    disable = ["links.recommended", "footer"]   # rule ids or whole families

    [phrases]
    "links.related" = ["Lesen Sie auch", "Mehr zum Thema"]
    "ads.marker" = ["Anzeige"]

The same is available from Python: ``Config(disable=..., phrases=...)``.
"""
from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping


class ConfigError(ValueError):
    """A configuration file or value that cannot be used."""


@dataclass(frozen=True, eq=False)
class Config:
    disable: frozenset[str] = frozenset()
    phrases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __init__(
        self,
        disable: Iterable[str] = (),
        phrases: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        object.__setattr__(self, "disable", frozenset(disable))
        object.__setattr__(
            self, "phrases", {k: tuple(v) for k, v in sorted((phrases or {}).items())}
        )

    def _key(self) -> tuple[frozenset[str], tuple[tuple[str, tuple[str, ...]], ...]]:
        return self.disable, tuple(self.phrases.items())

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
        return {"disable": sorted(self.disable), "phrases": {k: list(v) for k, v in self.phrases.items()}}

    def digest(self) -> str:
        """A stable hash of the configuration (with the rule set's version)."""
        from .rules import RULESET_VERSION

        payload = json.dumps({"ruleset": RULESET_VERSION, **self.to_dict()}, sort_keys=True)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    @classmethod
    def from_toml(cls, path: str | Path) -> "Config":
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config {path}: {exc}") from exc
        return cls.from_dict(data, origin=str(path))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], origin: str = "config") -> "Config":
        from .rules import all_rule_ids

        known = all_rule_ids()
        families = {r.split(".", 1)[0] for r in known}
        unknown_keys = set(data) - {"disable", "phrases"}
        if unknown_keys:
            raise ConfigError(f"{origin}: unknown keys {sorted(unknown_keys)}")
        disable = data.get("disable", [])
        phrases = data.get("phrases", {})
        if not isinstance(disable, list) or not all(isinstance(d, str) for d in disable):
            raise ConfigError(f"{origin}: 'disable' must be a list of rule ids")
        if not isinstance(phrases, dict):
            raise ConfigError(f"{origin}: [phrases] must map rule ids to lists of phrases")
        for name in disable:
            if name not in known and name not in families:
                raise ConfigError(f"{origin}: unknown rule or family {name!r}")
        for rule_id, items in phrases.items():
            if rule_id not in known:
                raise ConfigError(f"{origin}: unknown rule {rule_id!r} in [phrases]")
            if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                raise ConfigError(f"{origin}: phrases for {rule_id!r} must be a list of strings")
        return cls(disable=disable, phrases=phrases)
