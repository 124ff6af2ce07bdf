"""Speaker names and their roles: comparison keys, role titles, names without role words.

"US-Außenminister Antony Blinken" is the name "Antony Blinken" with the role
"US-Außenminister"; "Herr Austin" is "Austin"; "Kim Jong-un" and "Kim Jong Un"
have one key. Role stems and the small word classes are German knowledge kept
as data (``kit/resources/speaker_titles.txt``, ``kit/resources/speaker_words.txt``). Used by the corpus-level speaker
resolution (:mod:`kit.corpus.speakers`) and by the analyst's corrections
(:mod:`kit.corpus.corrections`), which is why it sits below both.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kit.german.roles import is_person_noun
from kit.wordlists import lines, word_class

#: words dropped in front of a name ("Herr Austin", "Dr. Müller")
HONORIFICS = word_class("speaker_words.txt", "honorifics")
#: determiners dropped in front of a description ("der Sender", "Sein Außenminister")
DETERMINERS = word_class("speaker_words.txt", "determiners")
#: stems of German role titles and of descriptions of organisations, from
#: ``kit/resources/speaker_titles.txt`` (read once, at import, in file order); a
#: capitalised word containing one is part of the role, not the name
#: ("Pentagon-Sprecherin", "US-Außenministeriums", "Staatschef", "Nachrichtenagentur")
ROLE_STEMS = tuple(line.casefold() for line in lines("speaker_titles.txt"))
#: a name after one of these (and after a title) belongs to someone else: the
#: speaker of "der Stabschef von Herrn Selenskyj" is the chief of staff
OF = word_class("speaker_words.txt", "of")
#: particles inside personal names ("Ursula von der Leyen", "Ton van der Meer")
PARTICLES = word_class("speaker_words.txt", "particles")
#: personal pronouns: a bare "er" names no speaker
PRONOUNS = word_class("speaker_words.txt", "pronouns")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Comparison key: case, hyphens, accents and spacing ignored ("Kim Jong-un" = "kim jong un")."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[-‐‑–'’.,;:()]", " ", text).split())


_STEM_RE = re.compile("|".join(map(re.escape, ROLE_STEMS)))


def has_role_stem(word: str) -> bool:
    """A role title or a noun for a person's function ("Klimaforscher", "Schülerin")."""
    return _STEM_RE.search(word.casefold()) is not None or is_person_noun(word.strip(",;:"))


@lru_cache(maxsize=65536)
def parse_phrase(text: str) -> tuple[str, str, bool]:
    """(role, name, the name is someone else's) of a speaker phrase; see :func:`split_role`."""
    words = [w for w in text.split() if w.strip(",;:")]
    # a parenthesis after a name is an affiliation, never part of it: "Dietmar Bartsch (Linke)"
    paren = next((i for i, w in enumerate(words) if w.startswith("(")), None)
    if paren is not None and paren > 0:
        words = words[:paren]
    while words and words[0].casefold() in DETERMINERS | HONORIFICS:
        words = words[1:]
    if not words:
        return "", text.strip(), False
    # the name is the trailing run of capitalised words that are no title; a comma
    # ends it (apposition: "der Sprecher des Außenministeriums, Matthew Miller")
    k = len(words)
    while k > 0:
        w = words[k - 1]
        j = k - 2
        while j >= 0 and words[j] in PARTICLES:
            j -= 1
        if (
            w in PARTICLES
            and j >= 0
            and k < len(words)
            and words[j][:1].isupper()
            and not words[j].endswith(",")
            and not has_role_stem(words[j])
        ):
            k -= 1  # "Ursula von der Leyen": a name particle between name words
            continue
        if w[:1].islower() or has_role_stem(w) or (k < len(words) and w.endswith(",")):
            break
        k -= 1
    while k < len(words) and words[k] in PARTICLES:
        k += 1
    name_words = [w for w in words[k:] if w.casefold() not in HONORIFICS]
    first_title = next((i for i, w in enumerate(words[:k]) if has_role_stem(w)), None)
    role = " ".join(words[first_title:k]).rstrip(",") if first_title is not None else ""
    if not name_words:  # a description only: "Kreml-Sprecher", "der Sender"
        return "", " ".join(words).rstrip(","), False
    if k > 0 and words[k - 1] in OF and first_title is not None:
        return role + " " + " ".join(words[k:]), role + " " + " ".join(words[k:]), True
    return role, " ".join(name_words).rstrip(","), False


def split_role(text: str) -> tuple[str, str]:
    """``(role, name)`` of a speaker phrase.

    >>> split_role("die stellvertretende Pentagon-Sprecherin Sabrina Singh")
    ('Pentagon-Sprecherin', 'Sabrina Singh')
    >>> split_role("Herr Austin")
    ('', 'Austin')

    When the name belongs to someone else, the speaker is the described
    person: ``split_role("der Stabschef von Herrn Selenskyj")`` gives
    ``('Stabschef von Herrn Selenskyj', 'Stabschef von Herrn Selenskyj')``.
    """
    role, name, _ = parse_phrase(text)
    return role, name


_JOINT = re.compile(r" (?:und|sowie) ")


def joint_parts(name: str) -> list[str]:
    """The two speakers of a joint speaker ("Verfassungsschutz und Bundesnachrichtendienst",
    named so by :meth:`kit.quotes.naming.NameRules._joint`), else ``[]``: exactly one
    "und"/"sowie" between two names (capitalised words and name particles: not
    "Bundesministerium für Arbeit und Soziales")."""
    parts = _JOINT.split(name.strip())
    if len(parts) == 2 and all(w[:1].isupper() or w in PARTICLES for p in parts for w in p.split()):
        # not one person with two roles: "Schweizer Historikers und Geheimdienstexperten
        # Adrian Hänni"
        if not any(
            is_person_noun(w) or (w.endswith("s") and is_person_noun(w[:-1]))
            for p in parts
            for w in p.split()
        ):
            return parts
    return []
