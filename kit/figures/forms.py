"""The harder forms of a figure: what an ordinal, a rank, a bare number or an age counts.

Rules :mod:`kit.figures.extract` applies after reading the number
(:mod:`kit.figures.parse`); each returns token indices or a small decision, and
extract turns nouns into lemmas. Examples (all real forms of news German):

- ordinals count the noun after them: ``am dritten Tag`` → Tag, ``der 15.
  deutschen Bundestag`` → Bundestag, ``des 2.Weltkrieges`` → Weltkrieg
  (:func:`ordinal_noun`);
- a noun before the number can be its rank or what it measures: ``auf Platz 17``
  (ordinal, Platz), ``ein Erdbeben der Stärke 4,4`` (Stärke)
  (:func:`noun_before_number`);
- ages without "Alter": ``Michael Wittenberg (43)`` and ``vier Mädchen zwischen
  neun und zwölf Jahren`` (:func:`paren_age`, :func:`age_holder_before`);
- a bare number at the end of a clause counts what the sentence counted before:
  ``in Japan sind es vier Kinder pro Woche, in den USA sogar 27`` → Kind,
  ``die Zahl der Tore … beträgt immer noch vier`` → Tor (:class:`SentenceNouns`),
  ``Zahlungen in Höhe von 6,4 Milliarden`` → the article's currency
  (:func:`money_amount`).

The word lists are in ``resources/figure_words.txt`` (``rank_nouns``,
``measure_nouns``, ``age_holders``, ``count_nouns``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from kit.figures.parse import ARTICLES, ORD_GLUED_RE, STOP, _Hit, _is_noun, noun_after
from kit.wordlists import lines, word_class

RANK_NOUNS = word_class("figure_words.txt", "rank_nouns")
MEASURE_NOUNS = word_class("figure_words.txt", "measure_nouns")
AGE_HOLDERS = word_class("figure_words.txt", "age_holders")
COUNT_NOUNS = word_class("figure_words.txt", "count_nouns")
FIRST_NAMES = frozenset(w.split()[0] for w in lines("first_names.txt"))
_GENITIVE = {"der", "des"}
#: words after a bare number that show it is not elliptic: a range, a choice or a part follows
_NOT_ELLIPTIC = {"oder", "bis", "-", "–", "der", "des", "von", "zu", "x", "mal"}


def ordinal_noun(doc: Doc, hit: _Hit, hi: int) -> int | None:
    """The noun an ordinal counts ("zum 31. Mal", "die 22. „europäische Hackerkonferenz“")."""
    return noun_after(doc, hit.j, hi)


def glued_noun(doc: Doc, hit: _Hit) -> str:
    """'des 2.Weltkrieges' → 'Weltkrieg': the noun written onto the ordinal, genitive dropped."""
    m = ORD_GLUED_RE.match(doc[hit.i].text)
    if not m:
        return ""
    noun = m.group(2)
    if hit.i > 0 and doc[hit.i - 1].lower_ in {"des", "eines"}:
        noun = noun[:-2] if noun.endswith("es") else noun.removesuffix("s")
    return noun


def noun_before_number(doc: Doc, hit: _Hit, lo: int) -> tuple[str, int]:
    """('rank' | 'measure', index of the noun) for "auf Platz 17", "der Stärke (von) 4,4"; else ('', -1)."""
    k = hit.i - 1
    if k >= lo and doc[k].lower_ == "von":
        k -= 1
    if k < lo:
        return "", -1
    low = doc[k].lower_
    if low in RANK_NOUNS and k == hit.i - 1 and hit.value is not None and hit.value_high is None:
        return "rank", k
    if low in MEASURE_NOUNS:
        return "measure", k
    return "", -1


def paren_age(doc: Doc, hit: _Hit, lo: int, hi: int) -> bool:
    """'Michael Wittenberg (43)': a whole number 1–119 in brackets right after a person's name."""
    i, j = hit.i, hit.j
    if not (lo < i - 1 and j < hi and doc[i - 1].text == "(" and doc[j].text == ")"):
        return False
    if hit.value is None or hit.value_high is not None or not doc[i].text.isdigit():
        return False
    if not 1 <= hit.value < 120:
        return False
    name = doc[i - 2]
    if name.ent_type_ == "PER":
        return True
    first = doc[i - 3] if i - 3 >= lo else None
    return bool(
        name.text[:1].isupper()
        and first is not None
        and (first.text in FIRST_NAMES or first.ent_type_ == "PER")
    )


def age_holder_before(doc: Doc, k: int) -> bool:
    """'vier Mädchen zwischen neun und zwölf Jahren': people right before 'zwischen'."""
    return k >= 2 and doc[k - 1].lower_ == "zwischen" and doc[k - 2].lower_ in AGE_HOLDERS


def money_amount(doc: Doc, hit: _Hit, lo: int) -> bool:
    """'Zahlungen in Höhe von 6,4 Milliarden': an amount of money with the currency left out."""
    return (
        hit.i - 2 >= lo
        and doc[hit.i - 1].lower_ == "von"
        and doc[hit.i - 2].lower_ == "höhe"
        and hit.j > hit.i + 1  # "6,4 Milliarden": a multiplier, not a bare digit
    )


@dataclass
class SentenceNouns:
    """What a sentence has counted so far, for the bare numbers that leave the noun out."""

    last: tuple[str, str, str] | None = None  # unit, category, phrase of the last count
    zahl: list[tuple[int, int]] = field(default_factory=list)  # ("Zahl der X": position, noun)
    scanned: bool = False

    def counted(self, unit: str, category: str, phrase: str) -> None:
        self.last = (unit, category, phrase)

    def zahl_noun(self, doc: Doc, lo: int, hi: int, before: int) -> int | None:
        """The noun of the last 'Zahl/Anzahl der (…) X' before token ``before`` in the sentence."""
        if not self.scanned:
            self.scanned = True
            for k in range(lo, hi - 1):
                if doc[k].lower_ in COUNT_NOUNS and doc[k + 1].lower_ in _GENITIVE:
                    noun = noun_after(doc, k + 2, hi)
                    if noun is not None:
                        self.zahl.append((k, noun))
        best = None
        for pos, noun in self.zahl:
            if pos < before and noun < before:
                best = noun
        return best


def elliptic_ok(doc: Doc, hit: _Hit, hi: int) -> bool:
    """A bare number that may take the sentence's noun: not followed by a noun or a name, not
    a part of "X von Y", and not in a list of results ("2 : 1")."""
    i, j = hit.i, hit.j
    if hit.value is None or hit.value_high is not None and hit.value_high < hit.value:
        return False
    if i > 0 and doc[i - 1].text in {"/", "-", "("}:
        return False  # "1635/10", "S 73 KR 1635/10": file numbers
    if j >= hi or hit.trim:
        return True  # the number ends its sentence ("waren es zirka 1.000.")
    nxt = doc[j]
    if nxt.lower_ in _NOT_ELLIPTIC or nxt.lower_ in ARTICLES:
        return False  # "zwei oder mehr Häusern", "20.000 der einst 85.000 Arbeitsplätze"
    if nxt.lower_ in {"und", ","} and j + 1 < hi and doc[j + 1].text[:1].isdigit():
        return False  # "3, 4 oder 5": a list of its own
    if nxt.text[:1].isupper() and not nxt.is_sent_start:
        return False  # "0,67 kW", a name or a noun of its own
    return not (_is_noun(nxt) and nxt.lower_ not in STOP)
