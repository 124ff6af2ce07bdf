"""A page's bytes → HTML text, or the reason why they are no usable page.

Gzip is detected by its magic bytes (and unpacked with a size cap, so a gzip
bomb stops early); binary files (PDF, images, archives, media) are named;
the encoding comes from the BOM, strict UTF-8, the page's declared charset,
then windows-1252; double-encoded UTF-8 ("Ã¤") is repaired. Every refusal
is a :class:`BadPage` whose message starts with a short kind ("empty",
"too large", "binary content", "not HTML", "corrupt") and says what was found.
"""

from __future__ import annotations

import codecs
import re
import zlib

from kit.reading.web.strings import MOJI_HINT, fix_mojibake

#: decompressed size above which a page is refused (real article pages are < 3 MB)
MAX_PAGE_BYTES = 10_000_000

_MAGIC = [
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x7fELF", "ELF executable"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!", "RAR archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"BZh9", "bzip2 archive"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
    (b"\x00\x00\x01\x00", "icon"),
    (b"SQLite format 3", "SQLite database"),
    (b"WARC/", "web archive (WARC): name it .warc or .warc.gz"),
]

_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XMLENC_RE = re.compile(rb"""^\s*<\?xml[^>]{0,100}encoding\s*=\s*["']([\w.:-]+)""", re.I)
_HTMLISH = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|main|section|span|a|h[1-6]|script|link|table)\b",
    re.I,
)


#: bytes that never occur in text: C0 controls except tab, LF, CR
_CONTROL_BYTES = bytes([*range(9), 11, 12, *range(14, 32)])


class BadPage(Exception):
    """The bytes are no usable page; the message is the reason."""


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    out = []
    total = 0
    while data:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            chunk = d.decompress(data, max_bytes + 1 - total)
        except zlib.error as exc:
            raise BadPage(f"corrupt gzip data: {exc}") from None
        out.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise BadPage(
                f"too large: more than {_mb(max_bytes)} after gunzip (limit {_mb(max_bytes)})"
            )
        if not d.eof:
            raise BadPage("corrupt gzip data: truncated stream")
        data = d.unused_data
        if data[:2] != b"\x1f\x8b":
            break
    return b"".join(out)


def decode_page(
    data: bytes | str | None, max_bytes: int = MAX_PAGE_BYTES
) -> tuple[str, list[str], str]:
    """Bytes (maybe gzip) or str → (HTML text, warnings, codec). Raises :class:`BadPage`."""
    problems: list[str] = []
    encoding = "str"
    if data is None:
        raise BadPage("empty: no content")
    if isinstance(data, str):
        if len(data) > max_bytes:
            raise BadPage(f"too large: {_mb(len(data))} (limit {_mb(max_bytes)})")
        text = data
    else:
        data = bytes(data)
        if len(data) > max_bytes:
            raise BadPage(f"too large: {_mb(len(data))} (limit {_mb(max_bytes)})")
        if data[:2] == b"\x1f\x8b":
            data = _gunzip(data, max_bytes)
        if not data.strip():
            raise BadPage("empty: no content")
        for sig, what in _MAGIC:
            if data.startswith(sig):
                raise BadPage(f"binary content: {what}, not HTML")
        if data[4:8] == b"ftyp":
            raise BadPage("binary content: MP4/QuickTime media, not HTML")
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text, encoding = data.decode("utf-16", "replace"), "utf-16"
        else:
            head = data[:4096]
            ctrl = len(head) - len(head.translate(None, _CONTROL_BYTES))
            if ctrl > 0.02 * len(head):
                raise BadPage(
                    f"binary content: {ctrl} control bytes in the first {len(head)} bytes"
                )
            text, encoding = _decode_bytes(data, problems)
    if not text.strip():
        raise BadPage("empty: no content")
    if not _HTMLISH.search(text[:200_000]):
        kind = "JSON" if text.lstrip()[:1] in "{[" else "plain text"
        raise BadPage(f"not HTML: no HTML tags found (looks like {kind})")
    head = text[:500_000]
    # str.find is ~100x faster than the regex: run it only where a hint character occurs
    hits = len(MOJI_HINT.findall(head)) if ("Ã" in head or "â€" in head or "Â" in head) else 0
    if hits >= 3:
        fixed = fix_mojibake(text)
        left = len(MOJI_HINT.findall(fixed[:500_000]))
        problems.append(
            f"broken encoding: {hits} double-encoded UTF-8 sequences (mojibake) found, "
            f"{hits - left} repaired"
        )
        text = fixed
    bad = text.count("\ufffd")
    if bad >= 20 and bad > 0.001 * len(text):
        problems.append(f"broken encoding: {bad} undecodable characters (U+FFFD)")
    return text, problems, encoding


def _codec(name: bytes | str | None) -> str | None:
    if not name:
        return None
    name = name.decode("ascii", "ignore") if isinstance(name, bytes) else name
    try:
        c = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    # WHATWG: latin-1 and ascii labels mean windows-1252
    return "cp1252" if c in ("latin_1", "iso8859-1", "ascii") else c


def _decode_bytes(data: bytes, problems: list[str]) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace"), "utf-8-sig"
    m = _XMLENC_RE.search(data[:200]) or _CHARSET_RE.search(data[:16384])
    declared = _codec(m.group(1)) if m else None
    try:
        return data.decode("utf-8"), "utf-8"  # valid non-ASCII UTF-8 is (almost) never an accident
    except UnicodeDecodeError as exc:
        err = exc
    if declared and declared != "utf-8":
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    nonascii = len(data) - len(re.sub(rb"[\x80-\xff]+", b"", data))
    if bad <= max(3, 0.02 * nonascii):
        problems.append(
            f"broken encoding: {bad} invalid UTF-8 byte sequence(s) replaced "
            f"(first at byte {err.start})"
        )
        return text, "utf-8"
    problems.append(
        f"broken encoding: not valid UTF-8 ({bad} bad sequences), decoded as windows-1252"
    )
    return data.decode(declared or "cp1252", "replace"), declared or "cp1252"
