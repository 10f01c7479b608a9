"""Compact JSON as UTF-8 bytes, for the records written once per article.

orjson writes what `json.dumps(obj, ensure_ascii=False, separators=(",", ":"))`
writes, several times faster, and serialises dataclasses and tuples itself, so the
sink need not copy each removal and ledger entry into a dict first. A string orjson
refuses (a lone surrogate from `clean_text` on a str that was never UTF-8) is
written with `\\u` escapes instead: still valid JSON that reads back to the same str.
"""
from __future__ import annotations

import json
from typing import Any

import orjson


def dumps(obj: Any) -> bytes:
    try:
        return orjson.dumps(obj)
    except TypeError:  # orjson.JSONEncodeError: a str that is not valid Unicode
        return json.dumps(obj, separators=(",", ":"), default=_plain).encode("ascii")


def _plain(obj: Any) -> Any:
    """What orjson makes of a dataclass, for the json fallback."""
    from dataclasses import asdict, is_dataclass

    if is_dataclass(obj) and not isinstance(obj, type):
        return asdict(obj)
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")
