"""The page reader's word lists and patterns, read from ``kit/resources/`` once.

``web_words.tsv`` (``NAME <TAB> ENTRY [<TAB> VALUE]``): byline words, month
names, class names of kickers, captions and boxes; ``web_boilerplate.txt``
(``KIND <TAB> REGEX``): lines of captions, "Lesen Sie auch", newsletter,
paywall, consent and comment boxes; ``outlets.tsv`` (``alias <TAB> outlet``,
shared with the chart source lines) is read by :mod:`kit.reading.web.outlets`.
"""

from __future__ import annotations

import re
from functools import cache

from kit.wordlists import lines, rows

WORDS = "web_words.tsv"
BOILERPLATE = "web_boilerplate.txt"


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of one NAME in ``web_words.tsv``, in file order (KeyError if none)."""
    out = tuple(r[1] for r in rows(WORDS) if len(r) >= 2 and r[0] == name)
    if not out:
        raise KeyError(f"no entries {name!r} in kit/resources/{WORDS}")
    return out


@cache
def values(name: str) -> dict[str, str]:
    """ENTRY → VALUE of one NAME (e.g. month name → month number)."""
    return {r[1]: r[2] for r in rows(WORDS) if len(r) >= 3 and r[0] == name}


def alternation(name: str) -> str:
    """The entries of NAME as one regex alternation ``a|b|c`` (entries are regex fragments)."""
    return "|".join(entries(name))


@cache
def pattern(name: str, flags: int = re.I) -> re.Pattern[str]:
    """The entries of NAME compiled as one alternation (case-insensitive by default)."""
    return re.compile(alternation(name), flags)


@cache
def boilerplate_rules() -> dict[str, re.Pattern[str] | None]:
    """``web_boilerplate.txt`` as compiled patterns by kind.

    ``line_start`` holds the anchored ``line`` rules (one ``re.match`` for all
    of them), ``line`` the rest; ``long``, ``stop`` and ``clean`` as in the file.
    """
    rules: dict[str, list[str]] = {"line": [], "long": [], "stop": [], "clean": []}
    for line in lines(BOILERPLATE):
        if "\t" not in line:
            continue
        kind, rx = line.split("\t", 1)
        rules[kind.strip()].append(rx.strip())
    out: dict[str, re.Pattern[str] | None] = {}
    for kind, rxs in rules.items():
        if kind == "line":
            anchored = [r[1:] for r in rxs if r.startswith("^") and not _top_level_alt(r)]
            rest = [r for r in rxs if not (r.startswith("^") and not _top_level_alt(r))]
            out["line_start"] = _compile(anchored)
            out["line"] = _compile(rest)
        else:
            out[kind] = _compile(rxs)
    return out


def _compile(rxs: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{r})" for r in rxs), re.I) if rxs else None


def _top_level_alt(rx: str) -> bool:
    """Does the regex have a "|" outside any group or character class?"""
    depth, i, in_class = 0, 0, False
    while i < len(rx):
        c = rx[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return True
        i += 1
    return False
