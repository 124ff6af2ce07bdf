"""Cue lexicon for quote attribution: speech, writing and thought verbs.

The verbs live in ``kit/resources/cue_verbs.txt`` (lemma, medium, irregular
forms). They are matched on ``token.lemma_`` when the pipeline provides one and
otherwise on a table of inflected forms generated here from the lemma list,
so the kit attributes quotes even with a bare tokenizer::

    "teilte"  → mit|teilen (the particle "mit" is looked for later in the clause)
    "mitgeteilt", "mitteilte" → mit|teilen (particle attached)
    "gesagt", "sagte", "sagen" → sagen

Attribution phrases that need no verb ("laut X", "X zufolge", "nach Angaben
der Polizei", ", so X") are in ``kit/resources/attribution.txt``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kit.wordlists import lines, word_class, word_tuple

#: finite auxiliaries that carry a participle cue ("hatte ... gesagt")
AUXILIARIES = word_class("quote_words.txt", "auxiliaries")

#: Konjunktiv I forms common in reported speech (fallback without morphology); Konjunktiv II
#: (hätte, würde, könnte) is left out: in news it is mostly hypothetical, not reported
KONJ_FORMS = word_class("quote_words.txt", "konj_forms")

#: Konjunktiv II forms: they continue a report ("Er hätte den Jet zu spät aufgesetzt")
KONJ2_FORMS = word_class("quote_words.txt", "konj2_forms")

#: reportive "sollen": "Der Mann soll ... haben" (FreeIndirect)
SOLLEN_FORMS = word_class("quote_words.txt", "sollen_forms")


@dataclass(frozen=True)
class Cue:
    lemma: str  # "mit|teilen"
    medium: str  # speech | writing | thought | any
    particle: str  # "mit" for separable verbs, else ""
    reported: bool  # can stand alone as a reported speech act ("Biden verurteilte ...")


@dataclass(frozen=True)
class FormHit:
    cue: Cue
    attached: bool  # particle already in the form ("mitteilte", "mitgeteilt")
    participle: bool  # "gesagt", "mitgeteilt"


def _regular_forms(stem: str) -> dict[str, bool]:
    """Inflected forms of a weak verb stem; value = is participle."""
    e = "e" if stem.endswith(("t", "d")) or stem.endswith(("chn", "ffn", "tm")) else ""
    forms = {
        stem + "e": False, stem + "st": False, stem + e + "t": False, stem + "en": False,
        stem + e + "te": False, stem + e + "ten": False, stem + e + "test": False,
        stem + "end": False, stem + "n": False,
    }  # fmt: skip
    if stem.endswith(("el", "er")):
        forms[stem + "n"] = False
    return forms


#: unstressed verb prefixes: no "ge-" in the participle ("berichtet", "erklärt")
_UNSTRESSED = word_tuple("quote_words.txt", "unstressed_prefixes")


def _participle(stem: str, lemma: str) -> str:
    e = "e" if stem.endswith(("t", "d")) else ""
    if lemma.endswith("ieren") or lemma.startswith(_UNSTRESSED):
        return stem + e + "t"
    return "ge" + stem + e + "t"


@lru_cache(maxsize=1)
def lexicon() -> tuple[dict[str, list[FormHit]], dict[str, Cue]]:
    """(full form → hits, lemma → cue), loaded once from the resource file."""
    forms: dict[str, list[FormHit]] = {}
    by_lemma: dict[str, Cue] = {}
    for line in lines("cue_verbs.txt"):
        parts = line.split()
        lemma, medium, extra = parts[0], parts[1], parts[2:]
        reported = "+r" in extra
        extra = [x for x in extra if x != "+r"]
        particle, _, base = lemma.rpartition("|")
        cue = Cue(lemma, medium, particle, reported)
        by_lemma[lemma.replace("|", "")] = cue
        stem = base[:-2] if base.endswith("en") else base[:-1]
        base_forms = _regular_forms(stem)
        base_forms[base] = False
        base_forms[_participle(stem, base)] = True
        for x in extra:
            base_forms[x] = x.startswith("ge") or (x.endswith("en") and x.startswith(_UNSTRESSED))
        for form, is_part in base_forms.items():
            if particle:
                # separated: "teilte ... mit"; attached: "mitteilte", "mitgeteilt", "mitzuteilen"
                forms.setdefault(form, []).append(FormHit(cue, False, is_part))
                joined = particle + form
                forms.setdefault(joined, []).append(FormHit(cue, True, is_part))
                if form == base:
                    forms.setdefault(particle + "zu" + base, []).append(FormHit(cue, True, False))
            else:
                forms.setdefault(form, []).append(FormHit(cue, True, is_part))
    return forms, by_lemma


def lookup(word: str, lemma: str = "") -> list[FormHit]:
    """Cue hits for a word (lower-cased) or its lemma."""
    forms, by_lemma = lexicon()
    hits = forms.get(word.lower())
    if hits:
        return hits
    if lemma:
        cue = by_lemma.get(lemma.lower().replace("|", ""))
        if cue is not None:
            return [FormHit(cue, True, word.lower().startswith("ge"))]
    return []


@lru_cache(maxsize=1)
def attribution_patterns() -> dict[str, list[tuple[str, ...]]]:
    """kind → list of word tuples (lower case) from ``attribution.txt``."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for line in lines("attribution.txt"):
        kind, *words = line.split()
        out.setdefault(kind, []).append(tuple(w.lower() for w in words))
    for kind in out:
        out[kind].sort(key=len, reverse=True)
    return out


@lru_cache(maxsize=1)
def cue_nouns() -> frozenset[str]:
    """Nouns that introduce a reported clause (``cue_nouns.txt``), lower case."""
    return frozenset(line.lower() for line in lines("cue_nouns.txt"))


@lru_cache(maxsize=200_000)  # asked for most nouns of an article; the list is fixed
def is_cue_noun(word: str, lemma: str = "") -> bool:
    """ "Befürchtungen", "Vorwürfe", "Hinweises" → True (stem match on the noun list)."""
    low = (lemma or word).lower()
    nouns = cue_nouns()
    if low in nouns:
        return True
    for cut in (1, 2):  # Vorwürfe, Hinweise(n), Behauptungen
        if low[:-cut] in nouns:
            return True
    return low.replace("ü", "u").rstrip("e") in _cue_nouns_without_umlaut()


@lru_cache(maxsize=1)
def _cue_nouns_without_umlaut() -> frozenset[str]:
    return frozenset(n.replace("ü", "u") for n in cue_nouns())
