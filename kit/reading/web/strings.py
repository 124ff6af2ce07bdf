"""String helpers of the page reader: whitespace, loose comparison keys, mojibake repair.

Everything here works on short strings from a page (meta values, headlines,
text blocks) before they become the article's text; nothing here changes an
article's text after it is made, so offsets are never at stake.
"""

from __future__ import annotations

import functools
import html as htmlmod
import re
import unicodedata

_ZW = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_WS = re.compile(r"\s+")


def norm_space(s: str | None) -> str:
    """NFC, drop zero-width characters and soft hyphens, collapse whitespace."""
    if not s:
        return ""
    s = unicodedata.normalize("NFC", s).translate(_ZW)
    return _WS.sub(" ", s).strip()


def clean_str(s: object) -> str:
    """A meta/JSON-LD value as text: entities unescaped (twice-escaped too), tags stripped."""
    if s is None:
        return ""
    if not isinstance(s, str):
        s = str(s)
    for _ in range(2):
        if "&" not in s:
            break
        s = htmlmod.unescape(s)
    if "<" in s and ">" in s:
        s = re.sub(r"<[^>]{1,200}>", " ", s)
    return fix_mojibake(norm_space(s))


_FOLD_TABLE = str.maketrans(
    {
        **{c: None for c in "\"'„“”‚‘’»«›‹`´\u00ad\u200b\u200c\u200d\u2060\ufeff"},
        **{c: "-" for c in "‐‑‒–—―−"},
    }
)
_FOLD_RE = re.compile(r"[^\w\s-]+|\s-+(?=\s)")


@functools.lru_cache(maxsize=8192)
def fold(s: str) -> str:
    """Key for loose comparisons: casefold, no quotes or punctuation, dashes unified
    (a spaced dash is punctuation, a hyphen is kept), spaces collapsed."""
    if not s:
        return ""
    if not unicodedata.is_normalized("NFC", s):
        s = unicodedata.normalize("NFC", s)
    s = _FOLD_RE.sub(" ", s.casefold().translate(_FOLD_TABLE))
    return " ".join(s.split())


_NON_ALNUM = re.compile(r"[\W_]+")


def link_key(s: str) -> str:
    """Link-text key: letters and digits only (spans inside links lose their spaces)."""
    return _NON_ALNUM.sub("", s.casefold())


def block_key(s: str) -> str:
    """Cheap comparison key for texts of the same page: whitespace and case."""
    return " ".join(s.split()).casefold()


# ---------------------------------------------------------------- mojibake repair


def _cont_chars() -> str:
    chars = []
    for b in range(0x80, 0xC0):
        try:
            chars.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            pass
        chars.append(chr(b))  # latin-1 / C1 control
    return "".join(sorted(set(chars)))


_CONT = re.escape(_cont_chars())
_MOJI_RE = re.compile(
    f"(?:[\u00c2-\u00df][{_CONT}]|[\u00e0-\u00ef][{_CONT}]{{2}}|[\u00f0-\u00f4][{_CONT}]{{3}})+"
)
#: a double-encoded UTF-8 sequence ("Ã¤" for "ä", "â€ž" for "„")
MOJI_HINT = re.compile("Ã[\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]|â€|Â[\u00a0-\u00bf]")
_CP1252_BACK: dict[str, int] = {}
for _b in range(0x80, 0x100):
    try:
        _CP1252_BACK[bytes([_b]).decode("cp1252")] = _b
    except UnicodeDecodeError:
        pass


def _moji_sub(m: re.Match[str]) -> str:
    s = m.group(0)
    try:
        return bytes(_CP1252_BACK.get(c, ord(c)) for c in s).decode("utf-8")
    except (UnicodeDecodeError, ValueError):
        return s


def fix_mojibake(s: str) -> str:
    """Repair UTF-8 text that was decoded as windows-1252/latin-1 ("KÃ¶nig" → "König")."""
    if not s or not MOJI_HINT.search(s):
        return s
    return _MOJI_RE.sub(_moji_sub, s)
