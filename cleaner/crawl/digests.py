"""WARC-Block-Digest and WARC-Payload-Digest: parse, compute while reading, compare.

Values are "algorithm:value"; the algorithm is matched case-insensitively
(sha1, sha-1, sha256, sha-256, sha512, md5) and the value may be base32 (the
usual form), hex or base64. Unknown algorithms are not checked (counted).

The payload digest is ambiguous in practice: the spec digests the entity body
with transfer encoding removed, most tools (warcio, wget, wpull, older
Heritrix) digest the raw body, and Common Crawl stores decoded bodies while
keeping the digest of what was sent. So a payload digest that matches neither
the raw nor the de-chunked body is damage; but where the record also has a
(checkable) WARC-Block-Digest, that one covers the payload and the payload
digest is not recomputed, so a writer's convention never makes an intact
record "damaged".
"""
from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field

ALGORITHMS = {
    "sha1": "sha1", "sha-1": "sha1", "sha256": "sha256", "sha-256": "sha256",
    "sha512": "sha512", "sha-512": "sha512", "md5": "md5",
}


def parse_digest(value: str | None) -> tuple[str, str] | None:
    """(hashlib name, encoded value) of a digest header, or None when absent or not checkable."""
    if not value or ":" not in value:
        return None
    algo, _, encoded = value.strip().partition(":")
    name = ALGORITHMS.get(algo.strip().lower())
    return (name, encoded.strip()) if name else None


_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def b32(digest: bytes) -> str:
    """RFC 4648 base32 without padding (for messages)."""
    bits = len(digest) * 8
    pad = -bits % 5
    number = int.from_bytes(digest, "big") << pad
    count = (bits + pad) // 5
    return "".join(_B32[(number >> (5 * (count - 1 - i))) & 31] for i in range(count))


_B32_AS_INT_DIGITS = str.maketrans(_B32, "0123456789ABCDEFGHIJKLMNOPQRSTUV")
_DROP_B32 = str.maketrans("", "", _B32)


def digest_matches(digest: bytes, encoded: str) -> bool:
    """Whether `encoded` (base32, hex or base64, any case where the form allows) is `digest`."""
    value = encoded.strip().rstrip("=")
    bits = len(digest) * 8
    if len(value) == -(-bits // 5):  # base32, read as a number: int() is fast where b32decode is not
        upper = value.upper()
        if not upper.translate(_DROP_B32):
            return int(upper.translate(_B32_AS_INT_DIGITS), 32) == int.from_bytes(digest, "big") << (-bits % 5)
    if value.lower() == digest.hex():
        return True
    b64 = base64.b64encode(digest).decode().rstrip("=")
    return value in (b64, b64.replace("+", "-").replace("/", "_"))


def dechunk(body: bytes) -> bytes | None:
    """The body with HTTP chunked transfer coding removed, or None when it is not well-formed."""
    out: list[bytes] = []
    pos = 0
    while True:
        end = body.find(b"\n", pos)
        if end < 0:
            return None
        try:
            size = int(body[pos:end].split(b";", 1)[0].strip(), 16)
        except ValueError:
            return None
        if size == 0:
            return b"".join(out)
        start = end + 1
        out.append(body[start : start + size])
        if len(out[-1]) < size:
            return None
        pos = start + size
        pos += 2 if body[pos : pos + 2] == b"\r\n" else 1 if body[pos : pos + 1] == b"\n" else 0


@dataclass
class DigestCheck:
    """Digests of one record's block and payload, fed while the block is read."""

    block_spec: tuple[str, str] | None
    payload_spec: tuple[str, str] | None
    payload_start: int | None  # offset of the payload in the block; None: no payload to check
    notes: list[str] = field(default_factory=list)  # checks that could not be made (counted, not damage)

    def __post_init__(self) -> None:
        self._block = hashlib.new(self.block_spec[0]) if self.block_spec else None
        # a checkable block digest covers the payload too: the payload digest is only recomputed
        # without one (it is the ambiguous one, see the module docstring), which halves the hashing
        spec = self.payload_spec
        check_payload = spec is not None and self.payload_start is not None and not self.block_spec
        self._payload = hashlib.new(spec[0]) if spec is not None and check_payload else None

    def update(self, chunk: bytes, at: int) -> None:
        """Feed `chunk`, which sits at offset `at` of the block."""
        if self._block is not None:
            self._block.update(chunk)
        start = self.payload_start
        if self._payload is not None and start is not None and at + len(chunk) > start:
            self._payload.update(chunk[max(0, start - at) :])

    def problems(self, body: bytes | None, chunked: bool) -> list[str]:
        """Mismatches (damage). `body` is the whole payload when it was kept, for the de-chunked reading."""
        found: list[str] = []
        block_spec, payload_spec = self.block_spec, self.payload_spec
        if self._block is not None and block_spec is not None:
            if not digest_matches(self._block.digest(), block_spec[1]):
                found.append(f"WARC-Block-Digest {_show(block_spec)} does not match the block "
                              f"({block_spec[0]}:{b32(self._block.digest())})")
        if self._payload is None or payload_spec is None or digest_matches(self._payload.digest(), payload_spec[1]):
            return found
        name, encoded = payload_spec
        if chunked and body is not None:
            plain = dechunk(body)
            if plain is not None and digest_matches(hashlib.new(name, plain).digest(), encoded):
                return found
        if chunked and body is None:
            self.notes.append("payload digest not verified (chunked body over the size limit)")
        else:
            found.append(f"WARC-Payload-Digest {_show(payload_spec)} does not match the payload")
        return found


def _show(spec: tuple[str, str]) -> str:
    return f"{spec[0]}:{spec[1][:64]}"
