"""Nouns for people by their function: the role part of "Klimaforscher Karsten Haustein".

German puts a person's role right before the name without a comma ("Trainer
Thomas Schaaf", "Meteorologin Corinna Borau", "Schülerin Diba"), and a bare role
noun is a description, not a name ("der Leseforscher"). :func:`is_person_noun`
knows these nouns from ``kit/resources/role_nouns.txt`` with their feminine,
plural and case forms, also as the last part of a compound ("Klimaforscher",
"Interimstrainer", "Basketball-Star"). The entity rules, the quote extractor and
the corpus-level names all ask it, so a role word is never part of a name.
"""

from __future__ import annotations

from functools import lru_cache

from kit.wordlists import lines


def _forms(base: str, adjectival: bool) -> set[str]:
    """The common forms of a person noun (lower case)."""
    b = base.lower()
    if adjectival:  # "Beauftragte": der Beauftragte, ein Beauftragter, des Beauftragten
        return {b, b + "n", b + "r", b + "m", b + "s"}
    out = {b, b + "s", b + "es", b + "n", b + "en"}
    stem = b[:-1] if b.endswith("e") else b  # Experte → Expertin, Schüler → Schülerin
    out |= {stem + "in", stem + "innen"}
    if b.endswith("e"):
        out.add(b + "n")
    return out


@lru_cache(maxsize=1)
def _table() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """(exact-only forms, whole-word forms, forms usable as compound heads, longest first)."""
    exact: set[str] = set()
    forms: set[str] = set()
    heads: set[str] = set()
    for line in lines("role_nouns.txt"):
        words = line.split()
        first = words[0]
        only_whole = first.startswith("=")
        adjectival = first.startswith("~")
        base = first.lstrip("=~+")
        fs = _forms(base, adjectival) | {w.lower() for w in words[1:]}
        if first.startswith("+"):
            heads |= fs  # only inside a compound
            continue
        forms |= fs
        if only_whole or len(base) < 4:
            exact |= fs
        else:
            heads |= fs
    return frozenset(exact), frozenset(forms), tuple(sorted(heads, key=len, reverse=True))


@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    return frozenset(n.lower() for f in ("first_names.txt", "surnames.txt") for n in lines(f))


@lru_cache(maxsize=1)
def _head_set() -> frozenset[str]:
    return frozenset(_table()[2])


@lru_cache(maxsize=65536)
def is_person_noun(word: str) -> bool:
    """ "Klimaforscher", "Meteorologin", "Mitschüler", "Basketball-Star", "Anwälte" → True;
    "Haustein", "Fischer", "Urkunde", "Christian" → False.

    Only capitalised words count; a known first name or surname never does."""
    if not word[:1].isupper():
        return False
    low = word.lower().rstrip(".,;:")
    last = low.rpartition("-")[2]
    if not last or low in _names() or last in _names():
        return False
    forms, head_set = _table()[1], _head_set()
    if last in forms or (last != low and last in head_set):
        return True  # "Meteorologin", "Basketball-Star"
    # the last part of a compound: "klimaforscher" = "klima" + "forscher" (at least three
    # letters before the head); one set look-up per ending, not a scan of every head
    return any(last[k:] in head_set for k in range(3, len(last)))
