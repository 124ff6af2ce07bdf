"""The one loader for German linguistic knowledge kept as data (``kit/resources/``).

Every word list, pattern table and gazetteer the kit uses is a small UTF-8
text file an analyst can read and extend; the code only says which file and
which class it needs. Three shapes, one comment rule (``#`` starts a comment,
blank lines are ignored):

- :func:`lines` — one entry per line (``roles.txt``: "Außenminister").
- :func:`classes` — ``class word word …`` lines; a class may span several
  lines (``quote_words.txt``: ``det der die das …``), read as frozensets;
  :func:`word_class` is one of them. :func:`word_tuple` is one class in file
  order, for ``str.endswith`` / ``startswith`` and loops where the first
  match wins (``german_words.txt``: ``adj_endings e en er es em``).
- :func:`rows` — tab-separated columns (``number_units.tsv``).

Case is kept as written ("Januar", "usw."); a file says in its comments
whether it is lower case.

Files are read once per process. The bottom layer: imports only
:mod:`kit.config`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kit import config


def read_lines(path: Path) -> list[str]:
    """Entries of a resource file at ``path``: one per line, ``#`` starts a comment."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip() if not line.startswith("#") else ""
        if line:
            out.append(line)
    return out


@cache
def lines(name: str) -> tuple[str, ...]:
    """Entries of ``kit/resources/<name>`` in file order (empty if the file is absent)."""
    path = config.resource(name)
    return tuple(read_lines(path)) if path.exists() else ()


@cache
def classes(name: str) -> dict[str, frozenset[str]]:
    """``class word word …`` lines of ``kit/resources/<name>`` as {class: words}."""
    out: dict[str, set[str]] = {}
    for line in lines(name):
        cls, *items = line.split()
        out.setdefault(cls, set()).update(items)
    return {k: frozenset(v) for k, v in out.items()}


def word_class(name: str, cls: str) -> frozenset[str]:
    """One class of a ``classes`` file; a missing class is a bug, so it raises KeyError."""
    table = classes(name)
    if cls not in table:
        raise KeyError(f"word class {cls!r} not in kit/resources/{name}")
    return table[cls]


@cache
def sequences(name: str) -> dict[str, tuple[str, ...]]:
    """``class word word …`` lines of ``kit/resources/<name>`` as {class: words in file order}.

    A word repeated within a class is kept once, where it first appears.
    """
    out: dict[str, dict[str, None]] = {}
    for line in lines(name):
        cls, *items = line.split()
        out.setdefault(cls, {}).update(dict.fromkeys(items))
    return {k: tuple(v) for k, v in out.items()}


def word_tuple(name: str, cls: str) -> tuple[str, ...]:
    """One class of a ``classes`` file in file order; a missing class raises KeyError."""
    table = sequences(name)
    if cls not in table:
        raise KeyError(f"word class {cls!r} not in kit/resources/{name}")
    return table[cls]


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """Tab-separated rows of ``kit/resources/<name>`` (each cell stripped)."""
    return tuple(tuple(c.strip() for c in line.split("\t")) for line in lines(name))
