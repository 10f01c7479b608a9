"""CDXJ index lines for the records a shard writes, made while writing them.

The lines are the ones cdxj-indexer (pywb's format) writes for these records (`url`,
`mime`, `digest`, `length`, `offset`, `filename`, keyed by the URL's SURT and the
14-digit date), without reading the finished WARC file back. For records without an
HTTP payload the payload digest cdxj-indexer reports is the block digest. The audit
indexes each shard with cdxj-indexer itself and compares, so the two cannot drift.
"""
from __future__ import annotations

import importlib
import importlib.util
import json
import re
import sys
from dataclasses import dataclass
from types import ModuleType

from warcio.timeutils import iso_date_to_timestamp

_MIME_END = re.compile(r"[;\s]")


@dataclass(slots=True)
class IndexedRecord:
    """Where one record sits in its WARC file and the headers its line needs."""

    uri: str
    date: str
    content_type: str
    digest: str | None  # None for warcinfo, which cdxj-indexer gives no digest
    offset: int
    length: int
    # The line's sort key, the URI's SURT, when the record was made with it: a sink
    # makes it with the record, on the cleaning thread, not on the writing one.
    key: str | None = None


def url_key(url: str) -> str:
    if not url:
        return "-"
    try:
        return _surt().surt(url)
    except Exception:  # noqa: BLE001 - cdxj-indexer falls back to the URL itself the same way
        return url


class _OnFirstUse(ModuleType):
    """Stands in `sys.modules` for a module until one of its attributes is asked for."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        # The real module's spec (found, not loaded): `importlib.util.find_spec` and
        # the import system read it without loading the module.
        self.__spec__ = importlib.util.find_spec(name)

    def __getattr__(self, name: str) -> object:
        if sys.modules.get(self.__name__) is self:
            sys.modules.pop(self.__name__, None)
        return getattr(importlib.import_module(self.__name__), name)


def _surt() -> ModuleType:
    """The surt package, imported on first use, without importing tldextract.

    surt's `handyurl` imports tldextract (and with it requests and urllib3, about a
    tenth of a second) for two methods that `surt.surt` never calls; a run that archives
    one new file would spend more on that import than on its cleaning. A stand-in
    imports it if one of its attributes is ever used. (importlib's LazyLoader cannot
    do this: the `import` statement reads the module's `__spec__`, which loads it.)"""
    if "surt" not in sys.modules and "tldextract" not in sys.modules:
        sys.modules["tldextract"] = _OnFirstUse("tldextract")
    import surt

    return surt


def cdxj_line(record: IndexedRecord, filename: str, key: str | None = None, stamp: str | None = None) -> str:
    """One index line; `key` and `stamp` (the URL's SURT, the 14-digit date) when known."""
    fields: dict[str, str] = {}
    if record.uri:
        fields["url"] = record.uri
    mime = _MIME_END.split(record.content_type, 1)[0].strip()
    if mime:
        fields["mime"] = mime
    if record.digest:
        fields["digest"] = record.digest
    fields.update(length=str(record.length), offset=str(record.offset), filename=filename)
    key = url_key(record.uri) if key is None else key
    stamp = iso_date_to_timestamp(record.date) if stamp is None else stamp
    return f"{key} {stamp} {json.dumps(fields)}\n"


def cdxj_text(records: list[IndexedRecord], filename: str) -> str:
    """The sorted index of a WARC file's records.

    An input's records share one URI and mostly one date, and SURT-ing a URL costs
    more than the rest of its line: each distinct URI and date is converted once."""
    keys: dict[str, str] = {}
    stamps: dict[str, str] = {}
    lines = []
    for record in records:
        key = record.key or keys.get(record.uri)
        if key is None:
            key = keys[record.uri] = url_key(record.uri)
        stamp = stamps.get(record.date)
        if stamp is None:
            stamp = stamps[record.date] = iso_date_to_timestamp(record.date)
        lines.append(cdxj_line(record, filename, key, stamp))
    return "".join(sorted(lines))
