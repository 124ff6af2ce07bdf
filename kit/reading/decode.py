"""A file's bytes → its text and the encoding it was written in.

German news files come as UTF-8 (with or without BOM), UTF-16 with BOM
(Windows "Unicode"), UTF-16 without BOM, or cp1252/latin-1 ("ANSI"). The
order tried: a BOM (UTF-8 BOM → ``utf-8-sig``, the BOM is not part of the
text; UTF-16/32 BOM), then strict UTF-8, then cp1252 (has „ “ – …), then
latin-1. Binary files (images, PDF, Office, archives, NUL bytes, too many
control characters) are refused with a one-line reason. Used by
:mod:`kit.reading.load` for articles and by :mod:`kit.reading.manifest` for manifests;
``Article.encoding`` records the result.
"""

from __future__ import annotations

import re

_MAGIC = (
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (.docx/.xlsx/.zip)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0", "old MS Office document (.doc/.xls)"),
    (b"{\\rtf", "RTF document"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """``(text, encoding)`` of a file's bytes; raises ``ValueError`` for binary data.

    German files come as UTF-8 (with or without BOM), UTF-16 with BOM (Windows
    "Unicode") or cp1252/latin-1 ("ANSI"); cp1252 is tried before latin-1
    because „ “ – only exist there (latin-1 would decode them as invisible
    control characters).
    """
    for bom, enc in (
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise ValueError(
                    f"starts with a {enc} byte-order mark but is not valid {enc}"
                ) from exc
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise ValueError(f"binary file ({kind})")
    if b"\x00" in data:
        decoded = _bomless_utf16(data)
        if decoded is None:
            raise ValueError("binary file (contains NUL bytes)")
        return decoded
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError:
            pass  # a BOM followed by cp1252: fall through
    for enc in ("utf-8", "cp1252", "latin-1"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        sample = text[:65536]
        if _CONTROL.search(sample) and len(_CONTROL.findall(sample)) > max(2, len(sample) // 100):
            if enc == "utf-8":
                break
            continue
        return text, enc
    raise ValueError("binary file (control characters, not text in UTF-8, cp1252 or latin-1)")


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without BOM (ASCII letters give a NUL in every other byte), else None."""
    if len(data) % 2:
        return None
    half = len(data) // 2
    even, odd = data[0::2].count(0), data[1::2].count(0)
    for enc, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if others == 0 and zeros > half // 2:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                return None
            return (text, enc) if not _CONTROL.search(text[:65536]) else None
    return None
