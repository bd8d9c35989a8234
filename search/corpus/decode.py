"""Bytes to text: binary detection, UTF-8 with a per-byte fallback, BOM and newlines."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

CP1252_FALLBACK = "brief-cp1252"  # the codecs error handler that reads bytes that are not UTF-8 as cp1252


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    bad = err.object[err.start : err.end]
    return bad.decode("cp1252", errors="replace"), err.end


codecs.register_error(CP1252_FALLBACK, _cp1252_fallback)


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13))


class NotText(Exception):
    """The bytes are not text (binary data)."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    note: str = ""  # set when the text needed a repair, e.g. "not UTF-8: 1 byte decoded as cp1252"


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return bool(head) and controls / len(head) > 0.1


def decode(data: bytes) -> Decoded:
    """Decode file bytes as UTF-8; invalid bytes fall back to cp1252 one by one, and say so."""
    if looks_binary(data):
        raise NotText("binary file")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    note = ""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        text = data.decode("utf-8", errors=CP1252_FALLBACK)
        note = f"not UTF-8 (first bad byte at offset {err.start}); decoded those bytes as cp1252"
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text, note)
