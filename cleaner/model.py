"""Records that flow out of the cleaner: `Removal`, `Provenance`, `Ledger`, `Article`.

Offsets are Python string indices (code points) into the *decoded* raw text.
The ledger partitions the raw text into three kinds of piece, in order:

- removals: clutter, each with the rule that removed it;
- kept pieces: raw[start:end] copied verbatim into the cleaned text at `text_start`;
- whitespace pieces: raw whitespace that normalisation rewrote (CRLF, non-breaking
  spaces, trailing spaces, blank-line runs, the line breaks between paragraphs).

Concatenating the pieces in raw order gives back the raw text exactly, which is what
`Ledger.rebuild` does and what `cleaner audit` checks.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Removal:
    """One removed span of the raw text and the rule that removed it."""

    start: int
    end: int
    rule: str
    reason: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        # Spelled out: dataclasses.asdict deep-copies field by field, a cost per removal.
        return {"start": self.start, "end": self.end, "rule": self.rule, "reason": self.reason, "text": self.text}


@dataclass(frozen=True)
class Provenance:
    """Where a raw text came from and how it was decoded."""

    source: str | None
    sha256: str
    size: int
    encoding: str
    url: str | None = None
    decode_errors: int = 0
    # What an HTML page says about itself (title, author, date, sitename, canonical_url,
    # language, description), non-empty fields only; None for plain text.
    metadata: dict[str, str] | None = field(default=None, hash=False)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"source": self.source, "sha256": self.sha256, "size": self.size,
                               "encoding": self.encoding, "url": self.url, "decode_errors": self.decode_errors}
        if self.metadata:  # omitted when empty: plain-text records stay as they were
            out["metadata"] = dict(self.metadata)
        return out


@dataclass
class Ledger:
    """Exact account of the raw text: removals, kept pieces and rewritten whitespace."""

    removals: list[Removal] = field(default_factory=list)
    # (raw_start, raw_end, text_start): raw[raw_start:raw_end] == text[text_start:...]
    kept: list[tuple[int, int, int]] = field(default_factory=list)
    # (raw_start, original whitespace)
    whitespace: list[tuple[int, str]] = field(default_factory=list)

    def rebuild(self, text: str) -> str:
        """Rebuild the raw text from the cleaned text and this ledger.

        Raises ValueError when the pieces do not tile the raw text contiguously.
        """
        pieces: list[tuple[int, str]] = [(r.start, r.text) for r in self.removals]
        pieces += [(s, text[t : t + (e - s)]) for s, e, t in self.kept]
        pieces += list(self.whitespace)
        pieces.sort(key=lambda p: p[0])
        out: list[str] = []
        pos = 0
        for start, piece in pieces:
            if start != pos:
                raise ValueError(f"ledger gap or overlap at raw offset {pos} (next piece at {start})")
            out.append(piece)
            pos += len(piece)
        return "".join(out)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kept": [list(k) for k in self.kept],
            "whitespace": [list(w) for w in self.whitespace],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], removals: list[Removal]) -> "Ledger":
        return cls(
            removals=list(removals),
            kept=[tuple(k) for k in data.get("kept", [])],  # type: ignore[misc]
            whitespace=[tuple(w) for w in data.get("whitespace", [])],  # type: ignore[misc]
        )


@dataclass
class Article:
    """A cleaned article, its metadata, and the ledger of what was removed."""

    text: str
    title: str | None
    byline: str | None
    published: str | None
    publisher: str | None
    removals: list[Removal]
    provenance: Provenance
    ledger: Ledger
    url: str | None = None
    language: str | None = None
    extraction: dict[str, Any] | None = None  # set when text came from an HTML extractor

    @property
    def text_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def rebuild_raw(self) -> str:
        """The raw (decoded) text, rebuilt from `text` and the ledger."""
        return self.ledger.rebuild(self.text)

    def document(self) -> str:
        """The cleaned file's content: title, blank line, paragraphs."""
        body = self.text
        if self.title and not body.startswith(self.title):
            body = f"{self.title}\n\n{body}" if body else self.title
        return body + "\n" if body else ""

    def removed_chars_by_rule(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for r in self.removals:
            counts[r.rule] = counts.get(r.rule, 0) + (r.end - r.start)
        return counts

    def to_dict(self) -> dict[str, Any]:
        """The article as plain dicts and lists (what `articles.jsonl` holds per line)."""
        fields = self.fields()
        fields["removals"] = [r.to_dict() for r in self.removals]
        fields["ledger"] = self.ledger.to_dict()
        return fields

    def fields(self) -> dict[str, Any]:
        """`to_dict`'s keys, with the removals and ledger entries left as dataclasses and
        tuples: for a serialiser that writes those itself (`jsonbytes`), without copies."""
        return {
            "source": self.provenance.source,
            "url": self.url or self.provenance.url,
            "title": self.title,
            "byline": self.byline,
            "published": self.published,
            "publisher": self.publisher,
            "language": self.language,
            "provenance": self.provenance.to_dict(),
            "text_sha256": self.text_sha256,
            "text": self.text,
            "removals": self.removals,
            "ledger": {"kept": self.ledger.kept, "whitespace": self.ledger.whitespace},
            "extraction": self.extraction,
        }
