"""Figures: every numeric expression in an article, with what it counts and who claims it.

``extract_figures(doc, quotes=...)`` scans the tokens of a tagged article
(boilerplate skipped) and yields one :class:`~kit.records.Figure` per numeric
expression: digits in German format (``8.000``, ``1.234,5``, ``4,6 Milliarden``),
number words (``zwei Dutzend``, ``Tausende``, ``dreihundertfünfzig``), ranges
(``10.000 bis 12.000``, ``zwei bis drei Monate``), fractions and ratios
(``ein Drittel``, ``dreimal so hoch``), dates, years, times, scores and ages.

Per figure: ``value`` (ranges: low end, ``value_high`` the high end), the
``qualifier`` (``etwa 8.000`` → approx, ``mehr als 10.000`` → more_than,
``bald 12.000`` → expected), the unit or counted noun as a lemma (``km²``,
``Euro``, ``Soldat``), a ``category``, the ``phrase`` it quantifies
(``nordkoreanische Soldaten``) and the ``source``: the speaker of the quote
the figure stands in, or of the attribution in its sentence (``laut Kiew``,
``nach Angaben des …``, ``so der Sprecher``).

Conventions (documented in docs/parts/figures.md):

- ``text`` covers qualifier, number and a unit of measurement (``etwa 8.000``,
  ``478 km²``, ``4,6 Milliarden Euro``), not a counted noun (that is in
  ``unit`` and ``phrase``).
- Dates have ``value`` None (``text`` is the date); years have the year as
  value; times are hours as a decimal (``14:30 Uhr`` → 14.5); scores keep
  the two sides in ``value``/``value_high``; ages are category ``other`` with
  phrase ``Alter``; fractions and ``dreimal so hoch`` are category ``ratio``.
- Indefinite plurals (``Tausende``) are value 1000, qualifier more_than.
- Identifiers are skipped, never figures: tokens mixing letters and digits
  (``H5N1``, ``G7-Staaten``), numbers after a name with no unit or noun
  (``Boeing 747``, ``Stuttgart 21``, ``Artikel 5``), ``1. FC``.
- Ordinal words (``ersten``) and the articles ``ein/eine/einer`` are not
  figures; ``ein`` counts only before a multiplier or fraction (``eine Million``,
  ``ein Drittel``).

Number words: compounds are parsed with ``text2num`` (maintained, handles
``zweitausendvierhundert``); the words it lacks (Dutzend, Hunderte, Hälfte,
inflected ``zweier``) are in ``resources/number_words.tsv``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from .config import resource
from .records import Figure, Quote

# ----------------------------------------------------------------- resources


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in resource(name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].rstrip() if not line.startswith("%") else line.rstrip()
        if line.strip():
            rows.append([c.strip() for c in line.split("\t")])
    return rows


@lru_cache(maxsize=1)
def _units() -> dict[str, tuple[str, str]]:
    return {r[0]: (r[1], r[2]) for r in _rows("number_units.tsv")}


@lru_cache(maxsize=1)
def _words() -> dict[str, tuple[float, str]]:
    return {r[0]: (float(r[1]), r[2]) for r in _rows("number_words.tsv")}


@lru_cache(maxsize=1)
def _qualifiers() -> dict[tuple[str, ...], str]:
    return {tuple(r[0].split()): r[1] for r in _rows("number_qualifiers.tsv")}


@lru_cache(maxsize=1)
def _lemmas() -> dict[str, str]:
    return {r[0]: r[1] for r in _rows("number_lemmas.tsv")}


# ------------------------------------------------------------------- patterns

_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
NUM_RE = re.compile(rf"^(?:{_NUM})$")
RANGE_TOKEN_RE = re.compile(rf"^({_NUM})[–—-]({_NUM})$")
SUFFIX_RE = re.compile(rf"^({_NUM})-?(mal|[fF]ach|[fF]ache[nmrs]?|jährige?[nmrs]?|Jährige?[nmrs]?)$")
DECADE_RE = re.compile(r"^(\d\d|1[5-9]\d0|20\d0)-?ern?$")  # "1990er", "90er", "1970-ern"
SCORE_WORD_RE = re.compile(r"^(\d{1,3}):(\d{1,3})-[^\W\d_]+$")  # "6:0-Sieg"
STUCK_UNIT_RE = re.compile(rf"^({_NUM})(%|€|\$|km²|km|kg|m²)$")
ORD_RE = re.compile(r"^(\d{1,3})\.$")
NUMDATE_RE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2,4})?$")
CLOCK_RE = re.compile(r"^(\d{1,2})[:.](\d{2})$")
SCORE_RE = re.compile(r"^(\d{1,3}):(\d{1,3})$")
ALNUM_RE = re.compile(r"(?=.*\d)(?=.*[^\W\d_])")
# number-word morphology: the prefilter before text2num
WORD_RE = re.compile(
    r"^(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|"
    r"vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig|sechzehn|siebzehn|und|hundert|tausend|"
    r"million|millionen|milliarde|milliarden)+$"
)
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split()
    )
} | {"Jänner": 1}
YEAR_TRIGGERS = {"jahr", "jahre", "jahres", "jahren", "jahrs", "sommer", "winter", "frühjahr",
                 "herbst", "anfang", "ende", "mitte", "seit", "bis", "von", "ab", "im", "saison"}
ARTICLES = {"ein", "eine", "einer", "einem", "einen", "eines"}
# function words that end a noun phrase after a number
STOP = {"und", "oder", "in", "im", "nach", "zur", "zum", "zu", "aus", "an", "am", "auf", "bei",
        "mit", "von", "vom", "für", "gegen", "über", "unter", "vor", "als", "wie", "seit", "bis",
        "der", "die", "das", "den", "dem", "des", "sind", "waren", "wurden", "werden", "haben",
        "hatten", "hat", "ist", "war", "sich", "pro", "je", "so", "mehr", "weniger", "davon"}
ID_TRIGGERS = {"artikel", "paragraf", "paragraph", "§", "nummer", "nr.", "linie", "flug", "kapitel",
               "seite", "gleis", "zimmer", "band", "folge", "staffel", "route", "platz", "version",
               "boeing", "airbus", "stuttgart", "windows", "tu", "mig", "su", "typ", "modell",
               "autobahn", "a", "bundesstraße", "b", "landesstraße", "l", "kreisstraße", "k", "e"}
QUOTE_CHARS = set("„“”\"«»‚‘’'")
ATTRIB_RE = re.compile(r"\b(?:laut|zufolge|nach Angaben|Angaben zufolge|so)\b", re.I)


@dataclass
class _Hit:
    i: int  # first token of the number
    j: int  # token after the number (and multiplier / range end)
    value: float | None
    value_high: float | None = None
    category: str = ""
    qualifier: str = ""
    unit: str = ""
    phrase: str = ""
    trim: int = 0  # characters to drop from the last token ("2:1." at a sentence end)


def parse_number(text: str) -> float | None:
    """Value of one German-format number or number word, else None.

    ``parse_number("1.234,5") == 1234.5``; ``parse_number("dreihundertfünfzig") == 350``.
    """
    if NUM_RE.match(text):
        return float(text.replace(".", "").replace(",", "."))
    low = text.lower()
    if low in _words() and _words()[low][1] == "num":
        return _words()[low][0]
    return _text2num(low)


@lru_cache(maxsize=4096)
def _text2num(low: str) -> float | None:
    if low in ARTICLES or low in {"und", "ein"} or not WORD_RE.match(low):
        return None
    from text_to_num import text2num

    try:
        return float(text2num(low, "de"))
    except ValueError:
        return None


# ------------------------------------------------------------------ scanning


def _is_noun(tok: Token) -> bool:
    if tok.tag_:
        return tok.tag_ in {"NN", "NE"} or tok.pos_ in {"NOUN", "PROPN"}
    return tok.text[:1].isupper() and tok.text.isalpha() is not False and tok.lower_ not in STOP


def _is_adj_like(tok: Token) -> bool:
    if tok.tag_:
        return tok.tag_ in {"ADJA", "ADJD", "CARD", "VVPP"} or tok.pos_ == "ADJ"
    t = tok.text
    return t.islower() and t not in STOP and t.endswith(("e", "en", "er", "es", "em"))


def lemma_of(tok: Token) -> str:
    """Lemma of a counted noun: the unit table, the pipeline's lemma, then suffix rules."""
    text = tok.text
    if text in _units():
        return _units()[text][0]
    if text in _lemmas():
        return _lemmas()[text]
    tail = _compound_tail(text)
    if tail:
        return tail
    if tok.lemma_ and tok.lemma_ != text.lower():
        lem = tok.lemma_
        return lem[:1].upper() + lem[1:] if text[:1].isupper() else lem
    return _suffix_lemma(text)


@lru_cache(maxsize=1)
def _lower_lemmas() -> dict[str, str]:
    return {k.lower(): v.lower() for k, v in _lemmas().items()}


def _compound_tail(text: str) -> str:
    """'Besatzungsmitglieder' → 'Besatzungsmitglied' via the entry for 'Mitglieder'."""
    low = text.lower()
    table = _lower_lemmas()
    for cut in range(1, len(low) - 3):
        if low[cut:] in table:
            return text[:cut] + table[low[cut:]]
    return ""


def _suffix_lemma(text: str) -> str:
    for suffix in ("ungen", "heiten", "keiten", "schaften", "innen"):
        if text.endswith(suffix):
            return text[: -len(suffix) + (3 if suffix == "ungen" else len(suffix) - 2)]
    if text.endswith("ern") and len(text) > 5:
        return text[:-1]
    if text.endswith("en") and len(text) > 4:
        stem = text[:-2]
        if stem.endswith(("at", "ant", "ent", "ist", "ot", "on", "or", "ier", "eur", "og", "ar")):
            return stem
        return text[:-1] if stem[-1] not in "aeiou" else stem
    if text.endswith(("iere", "eure", "äre", "ore", "ate", "ote", "ente", "linge", "nisse")):
        return text[:-1] if not text.endswith("nisse") else text[:-2]
    if text.endswith("s") and len(text) > 3 and text[-2] in "aeiouy":
        return text[:-1]
    return text


def _skip_quotes(tokens: Sequence[Token], k: int, step: int) -> int:
    while 0 <= k < len(tokens) and tokens[k].text in QUOTE_CHARS:
        k += step
    return k


def _core(doc: Doc, i: int) -> _Hit | None:
    """A number starting at token i (no qualifier, no range yet)."""
    tok = doc[i]
    t = tok.text
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    words = _words()
    decimal_end = t.endswith(".") and ("," in t or ":" in t) and len(t) > 3  # "7,1." cannot be an ordinal
    if t.endswith(".") and len(t) > 2 and (decimal_end or nxt is None or nxt.is_sent_start or nxt.is_punct):
        # the tokenizer leaves the full stop on "2:1." / "747." at the end of a sentence
        bare = t[:-1]
        if NUM_RE.match(bare) or SCORE_RE.match(bare) or (CLOCK_RE.match(bare) is None and RANGE_TOKEN_RE.match(bare)):
            hit = _core_text(bare, i)
            if hit is not None:
                hit.trim = 1
                return hit
    if NUM_RE.match(t):
        if (t.isdigit() and len(t) <= 2 and nxt is not None and nxt.text == ":" and i + 2 < len(doc)
                and doc[i + 2].text.rstrip(".").isdigit() and len(doc[i + 2].text.rstrip(".")) <= 2):
            third = doc[i + 2].text  # "2 : 1" in result lists
            hit = _Hit(i, i + 3, float(t), float(third.rstrip(".")), category="score")
            hit.trim = len(third) - len(third.rstrip("."))
            return hit
        return _Hit(i, i + 1, parse_number(t))
    m = RANGE_TOKEN_RE.match(t)
    if m:
        a, b = parse_number(m.group(1)), parse_number(m.group(2))
        if a is not None and b is not None and a < b:
            return _Hit(i, i + 1, a, b)
        return None
    m = DECADE_RE.match(t)
    if m:  # decades: "in den 1990er Jahren" → 1990–1999
        start = int(m.group(1)) + (1900 if len(m.group(1)) == 2 else 0)
        j = i + 2 if nxt is not None and nxt.lower_.startswith("jahr") else i + 1
        return _Hit(i, j, float(start), float(start + 9), category="year")
    m = SCORE_WORD_RE.match(t)
    if m:
        hit = _Hit(i, i + 1, float(m.group(1)), float(m.group(2)), category="score")
        hit.trim = len(t) - len(m.group(1)) - len(m.group(2)) - 1
        return hit
    m = SUFFIX_RE.match(t)
    if m:
        v = parse_number(m.group(1))
        suf = m.group(2).lower()
        if suf.startswith("jährig"):
            return _Hit(i, i + 1, v, category="other", phrase="Alter")
        if suf == "mal" and not _ratio_follows(doc, i + 1):
            return _Hit(i, i + 1, v, category="count", unit="Mal")
        return _Hit(i, i + 1, v, category="ratio")
    m = STUCK_UNIT_RE.match(t)
    if m:
        lemma, cat = _units()[m.group(2)]
        return _Hit(i, i + 1, parse_number(m.group(1)), category=cat, unit=lemma)
    m = NUMDATE_RE.match(t)
    if m and 1 <= int(m.group(1)) <= 31 and 1 <= int(m.group(2)) <= 12:
        return _Hit(i, i + 1, None, category="date")
    m = CLOCK_RE.match(t)
    if m and nxt is not None and nxt.text == "Uhr":
        return _Hit(i, i + 2, int(m.group(1)) + int(m.group(2)) / 60, category="time")
    if m and nxt is not None and nxt.lower_ in {"bis", "-", "–"} and i + 3 < len(doc) and doc[i + 3].text == "Uhr":
        m2 = CLOCK_RE.match(doc[i + 2].text)
        if m2:  # "von 8:00 bis 14:00 Uhr"
            low = int(m.group(1)) + int(m.group(2)) / 60
            return _Hit(i, i + 4, low, int(m2.group(1)) + int(m2.group(2)) / 60, category="time")
    prev = doc[i - 1].lower_ if i > 0 else ""
    if m and len(m.group(2)) == 2 and int(m.group(2)) < 60 and prev in {"um", "gegen", "ab", "seit", "bis", "nach", "vor"}:
        return _Hit(i, i + 1, int(m.group(1)) + int(m.group(2)) / 60, category="time")  # "um 07:57 Moskauer Zeit"
    m = SCORE_RE.match(t)
    if m and nxt is not None and nxt.text in {"Minuten", "Stunden", "Min.", "Std."}:
        # "1:01 Minuten": minutes and seconds (or hours and minutes)
        unit = "Stunde" if nxt.text.startswith("St") else "Minute"
        return _Hit(i, i + 2, int(m.group(1)) + int(m.group(2)) / 60, category="duration", unit=unit)
    if m:
        return _Hit(i, i + 1, float(m.group(1)), float(m.group(2)), category="score")
    m = ORD_RE.match(t)
    if m:
        if nxt is not None and nxt.text in MONTHS:
            j = i + 2
            if j < len(doc) and re.match(r"^\d{4}$", doc[j].text):
                j += 1
            return _Hit(i, j, None, category="date")
        if nxt is not None and (nxt.is_sent_start or nxt.text.isupper() or nxt.is_punct):
            return None if nxt.text.isupper() else _Hit(i, i + 1, float(m.group(1)))
        return _Hit(i, i + 1, float(m.group(1)), category="ordinal")
    if t in MONTHS and nxt is not None and re.match(r"^(1[5-9]|20)\d\d$", nxt.text):
        return _Hit(i, i + 2, None, category="date")
    low = tok.lower_
    if low in ARTICLES:
        # "eine Million", "ein Drittel", "ein Dutzend": the article is the number one
        if nxt is not None and words.get(nxt.lower_, (0, ""))[1] == "mult":
            return _Hit(i, i + 1, 1.0)
        if nxt is not None and words.get(nxt.lower_, (0, ""))[1] == "fraction":
            return _Hit(i, i + 2, words[nxt.lower_][0], category="ratio")
        return None
    if low in words:
        value, kind = words[low]
        if kind == "num":
            if low == "acht" and t == "Acht" and not tok.is_sent_start:
                return None  # "außer Acht lassen"
            return _Hit(i, i + 1, value)
        if kind == "plural":
            return _Hit(i, i + 1, value, qualifier="more_than")
        if kind == "fraction" and (low == "hälfte" or (i > 0 and doc[i - 1].lower_ in ARTICLES)):
            return _Hit(i, i + 1, value, category="ratio")
        if kind == "mult" and low in {"hundert", "tausend", "dutzend"}:
            return _Hit(i, i + 1, value)
        if kind == "mult" and low.endswith("en"):  # "Millionen Munition": indefinite plural
            return _Hit(i, i + 1, value, qualifier="more_than")
        if kind == "ratio" and _ratio_follows(doc, i + 1):
            return _Hit(i, i + 1, value, category="ratio")
        return None
    if low.endswith("mal") and low[:-3] and (v := parse_number(low[:-3])) is not None:
        if _ratio_follows(doc, i + 1):
            return _Hit(i, i + 1, v, category="ratio")
        return _Hit(i, i + 1, v, category="count", unit="Mal")
    if low.endswith("fach") and low[:-4] and (v := parse_number(low[:-4])) is not None:
        return _Hit(i, i + 1, v, category="ratio")
    v = _text2num(low) if tok.is_alpha and len(low) > 4 else None
    if v is not None:
        return _Hit(i, i + 1, v)
    return None


def _core_text(t: str, i: int) -> _Hit | None:
    """A number token read on its own (no neighbours): plain, range or score."""
    if NUM_RE.match(t):
        return _Hit(i, i + 1, parse_number(t))
    m = SCORE_RE.match(t)
    if m:
        return _Hit(i, i + 1, float(m.group(1)), float(m.group(2)), category="score")
    m = RANGE_TOKEN_RE.match(t)
    if m:
        a, b = parse_number(m.group(1)), parse_number(m.group(2))
        if a is not None and b is not None and a < b:
            return _Hit(i, i + 1, a, b)
    return None


@lru_cache(maxsize=1)
def _start_words() -> frozenset[str]:
    return frozenset(_words()) | ARTICLES | {m.lower() for m in MONTHS}


_DIGIT = re.compile(r"\d")


def _may_start_number(text: str) -> bool:
    """Cheap filter before :func:`_core`: digits, number words, articles, months."""
    if _DIGIT.search(text):
        return True
    low = text.lower()
    return low in _start_words() or (len(low) > 4 and (WORD_RE.match(low) is not None or low.endswith(("mal", "fach"))))


def _ratio_follows(doc: Doc, k: int) -> bool:
    """'dreimal so hoch', 'doppelt so viele', 'dreimal mehr': a ratio, not a frequency."""
    if k >= len(doc):
        return False
    w = doc[k].lower_
    return w in {"so", "mehr", "höher", "größer", "weniger", "soviel", "soviele"} or w.endswith("er")


def _extend(doc: Doc, hit: _Hit) -> _Hit:
    """Multipliers (4,6 Milliarden), ranges (10.000 bis 12.000) and 'zwei Dutzend'."""
    words = _words()
    n = len(doc)

    def mult_at(k: int) -> float | None:
        if k < n and doc[k].lower_ in words and words[doc[k].lower_][1] == "mult":
            return words[doc[k].lower_][0]
        return None

    if hit.category:
        return hit
    if hit.j < n and words.get(doc[hit.j].lower_, (0, ""))[1] == "fraction" and hit.value is not None:
        hit.value *= words[doc[hit.j].lower_][0]  # "zwei Drittel"
        hit.category, hit.j = "ratio", hit.j + 1
        return hit
    mult = mult_at(hit.j)
    if mult and hit.value is not None:
        hit.value *= mult
        if hit.value_high is not None:
            hit.value_high *= mult
        hit.j += 1
    # ranges: "10.000 bis 12.000", "10.000 - 12.000", "zwei bis drei"
    if hit.value_high is None and hit.j + 1 < n and doc[hit.j].lower_ in {"bis", "-", "–", "—"}:
        nxt = _core(doc, hit.j + 1)
        if nxt is not None and not nxt.category and nxt.value is not None and nxt.value_high is None:
            high = nxt.value
            m2 = mult_at(nxt.j)
            j = nxt.j
            if m2:
                high *= m2
                j += 1
                if mult is None and hit.value is not None and hit.value < m2:
                    hit.value *= m2
            if hit.value is not None and high > hit.value:
                hit.value_high, hit.j = high, j
    # "zwischen 10 und 20"
    if (hit.value_high is None and hit.i > 0 and doc[hit.i - 1].lower_ == "zwischen"
            and hit.j + 1 < n and doc[hit.j].lower_ == "und"):
        nxt = _core(doc, hit.j + 1)
        if nxt is not None and not nxt.category and nxt.value is not None and hit.value is not None:
            if nxt.value > hit.value:
                hit.value_high, hit.j = nxt.value, nxt.j
    return hit


def _qualifier(doc: Doc, hit: _Hit, lo: int) -> tuple[str, int]:
    """The qualifier before token ``hit.i`` (quote marks between are skipped)."""
    k = _skip_quotes(doc, hit.i - 1, -1)
    best, start = "", hit.i
    for length in (3, 2, 1):
        a = k - length + 1
        if a < lo:
            continue
        key = tuple(doc[x].lower_ for x in range(a, k + 1))
        if key in _qualifiers():
            best, start = _qualifiers()[key], a
            break
    return best, start


def _unit_and_noun(doc: Doc, hit: _Hit, hi: int) -> None:
    """Fill unit, category and phrase from the words after the number."""
    k = _skip_quotes(doc, hit.j, +1)
    if hit.qualifier == "more_than" and k + 1 < hi and doc[k].lower_ == "von":
        k += 1  # "Dutzende von Toten"
    if k >= hi:
        return
    tok = doc[k]
    units = _units()
    key = tok.text if tok.text in units else None
    if k + 2 < hi and doc[k + 1].text == "/":  # km / h
        joined = tok.text + "/" + doc[k + 2].text.rstrip(".")
        if joined in units:
            hit.unit, hit.category = units[joined]
            hit.phrase = joined
            hit.j = k + 3
            return
    if key is not None and not (key == "Mark" and k + 1 < hi and doc[k + 1].text[:1].isupper()):
        hit.unit, hit.category = units[key]
        hit.phrase = tok.text
        hit.j = k + 1
        if k + 1 < hi and doc[k + 1].text in {"Uhr"}:
            return
        return
    if tok.text == "Uhr" and hit.value is not None and hit.value <= 24:
        hit.category, hit.j = "time", k + 1
        return
    # counted noun: up to three adjectives (or a possessive: "zweier seiner Nachbarn"), then a noun
    start = k
    while k < hi and k - start < 3 and (_is_adj_like(doc[k]) or doc[k].tag_ in {"PPOSAT", "PIAT", "PDAT"}):
        k += 1
    if k < hi and _is_noun(doc[k]) and not doc[k].is_sent_start:
        noun = doc[k]
        if noun.text in units:
            hit.unit, hit.category = units[noun.text]
        else:
            hit.unit, hit.category = lemma_of(noun), "count"
        hit.phrase = doc[start : k + 1].text


def _coordinated_unit(doc: Doc, hit: _Hit, hi: int) -> None:
    """'477 und 459 km²', '3, 4 oder 5 Prozent': the unit of the next number applies."""
    k = hit.j
    if k + 1 < hi and doc[k].lower_ in {"von", "der"} and not hit.qualifier:
        # "27 von 35 Stimmen", "zwei der drei Manager": the part counts the same things
        other = _core(doc, k + 1)
        if other is not None and not other.category:
            _unit_and_noun(doc, _extend(doc, other), hi)
            if other.unit:
                hit.unit, hit.category = other.unit, other.category
        return
    if k + 1 < hi and doc[k].lower_ in {"und", "oder", ","}:
        while k + 2 < hi and doc[k + 1].lower_ in _qualifiers_flat():
            k += 1  # "weniger als 5 und unter 7 Prozent"
        other = _core(doc, k + 1)
        if other is not None and not other.category:
            other = _extend(doc, other)
            if not other.category:
                _coordinated_unit(doc, other, hi) if other.j < hi and doc[other.j].lower_ in {"und", "oder", ","} else _unit_and_noun(doc, other, hi)
            if other.category and other.category != "count":
                hit.unit, hit.category = other.unit, other.category


def _noun_before(doc: Doc, hit: _Hit, lo: int) -> None:
    """'die … Truppen „bald 12.000“ betragen': the noun just before a bare number."""
    k = _skip_quotes(doc, hit.i - 1, -1)
    if hit.qualifier:
        k = _skip_quotes(doc, _qualifier(doc, hit, lo)[1] - 1, -1)
    if k == hit.i - 1:
        return  # only across a quote mark or a qualifier; "Hannover 96" is no count of Hannovers
    if k >= lo and _is_noun(doc[k]) and doc[k].text not in _units() and doc[k].text not in MONTHS:
        a = k
        while a - 1 >= lo and _is_adj_like(doc[a - 1]):
            a -= 1
        hit.unit, hit.category = lemma_of(doc[k]), "count"
        hit.phrase = doc[a : k + 1].text


def _pre_classify(doc: Doc, hit: _Hit, lo: int, hi: int) -> str | None:
    """Before looking for a unit: years ('seit 2000', '1980 geborener'), identifiers
    ('Artikel 68 GG', 'Ausgabe 3/2008'). Returns 'skip' for identifiers."""
    tok = doc[hit.i]
    bare = tok.text[: len(tok.text) - hit.trim]
    if hit.value_high is not None or hit.j != hit.i + 1 or not bare.isdigit():
        return None
    prev = doc[hit.i - 1] if hit.i - 1 >= lo else None
    nxt = doc[hit.j] if hit.j < hi else None
    if prev is not None and prev.lower_ in ID_TRIGGERS:
        return "skip"
    year_like = re.match(r"^(1[5-9]|20)\d\d$", bare) is not None
    if nxt is not None and nxt.text == "/" and hit.j + 1 < hi and doc[hit.j + 1].text[:1].isdigit():
        if not (year_like and re.match(r"^(\d\d|(1[5-9]|20)\d\d)$", doc[hit.j + 1].text)):
            return "skip"  # file numbers, issues: "3/2008", "184/04p"
    if not year_like:
        return None
    if prev is not None and (prev.lower_ in YEAR_TRIGGERS or prev.text in MONTHS or prev.lower_ == "anno"):
        hit.category = "year"
        return "year"
    if nxt is not None and (nxt.text in _units() or (_is_noun(nxt) and not nxt.is_sent_start)):
        return None  # "2000 Menschen", "2000 Euro"
    hit.category = "year"
    return "year"


def _classify_bare(doc: Doc, hit: _Hit, lo: int) -> str | None:
    """Years and identifiers among integers with no unit; returns 'skip' for identifiers."""
    tok = doc[hit.i]
    prev = doc[hit.i - 1] if hit.i - 1 >= lo else None
    if hit.unit or hit.category or hit.value is None:
        return None
    if hit.value_high is not None:
        if all(re.match(r"^(1[5-9]|20)\d\d$", t.text) for t in (tok, doc[hit.j - 1])):
            hit.category = "year"  # "von 1918 bis 1920"
        return None
    bare = tok.text[: len(tok.text) - hit.trim]
    is_int = NUM_RE.match(bare) is not None and "." not in bare and "," not in bare
    if is_int and re.match(r"^(1[5-9]|20)\d\d$", bare):
        hit.category = "year"
        return None
    if is_int and prev is not None and (prev.lower_ in ID_TRIGGERS or (
            prev.text[:1].isupper() and (not prev.is_sent_start or prev.tag_ == "NE") and prev.lower_ not in YEAR_TRIGGERS
            and prev.text not in MONTHS and prev.lower_ not in _qualifiers_flat()
            and (prev.tag_ in {"NE", ""} or prev.pos_ == "PROPN"))):
        return "skip"
    return None


@lru_cache(maxsize=1)
def _qualifiers_flat() -> set[str]:
    return {w for key in _qualifiers() for w in key}


# -------------------------------------------------------------------- sources


def _sentences(doc: Doc) -> list[Span]:
    if doc.has_annotation("SENT_START"):
        return list(doc.sents)
    return [doc[:]]


def _attribution(doc: Doc, sent: Span) -> str:
    """The source named by 'laut X', 'nach Angaben X', 'X zufolge', ', so X' in a sentence."""
    toks = list(sent)
    for n, tok in enumerate(toks):
        low = tok.lower_
        start = None
        if low == "laut":
            start = n + 1
        elif low == "angaben" and n > 0 and toks[n - 1].lower_ == "nach":
            start = n + 1
        elif low == "so" and n > 0 and toks[n - 1].text == "," and n + 1 < len(toks) and not toks[n + 1].is_lower:
            start = n + 1
        elif low == "so" and n > 0 and toks[n - 1].text == "," and n + 1 < len(toks) and toks[n + 1].lower_ in {"der", "die", "das", "des"}:
            start = n + 1
        elif low == "zufolge" and n > 0:
            end = n
            a = n - 1
            while a > 0 and (toks[a].text[:1].isupper() or toks[a].lower_ in {"der", "des", "dem", "den", "von"}):
                a -= 1
            name = _name_in(doc, toks[a + 1 : end])
            if name:
                return name
        if start is not None:
            name = _name_in(doc, toks[start : start + 7])
            if name:
                return name
    return ""


ROLE_WORDS = {"agentur", "sprecher", "sprecherin", "präsident", "präsidentin", "minister",
              "ministerin", "kanzler", "kanzlerin", "chef", "chefin", "zeitung", "sender", "behörde",
              "polizei", "regierung", "ministerium", "nachrichtenagentur", "experte", "expertin"}


def _name_in(doc: Doc, toks: Sequence[Token]) -> str:
    """The speaker inside a short stretch: an entity if tagged, else a capitalised run.

    'des südkoreanischen Verteidigungsministers Kim Yong-hyun' → 'Kim Yong-hyun';
    'der Sprecher des Außenministeriums, Matthew Miller' → 'Matthew Miller'.
    """
    if not toks:
        return ""
    lo, hi = toks[0].i, toks[-1].i + 1
    for ent in doc.ents:
        if lo <= ent.start < hi and ent.label_ in {"PER", "ORG", "LOC"}:
            return ent.text
    runs: list[list[Token]] = [[]]
    for n, tok in enumerate(toks):
        if tok.text[:1].isupper() and (tok.is_alpha or "-" in tok.text):
            runs[-1].append(tok)
        elif tok.lower_ in {"der", "die", "das", "des", "dem", "den", "von"} or (tok.is_lower and _is_adj_like(tok)):
            runs.append([])
        elif tok.text == "," and n + 1 < len(toks) and toks[n + 1].text[:1].isupper() and runs[-1]:
            runs.append([])
        else:
            break
    runs = [r for r in runs if r]
    if not runs:
        return ""
    run = runs[-1]
    while len(run) >= 2 and (len(run[0].text) >= 9 or run[0].lower_ in ROLE_WORDS):
        run = run[1:]
    name = " ".join(t.text for t in run)
    first = toks[0]
    prev = doc[first.i - 1] if first.i > 0 else None
    if (prev is not None and prev.lower_ == "angaben" and len(run) == 1 and run[0] is first
            and name.endswith("s") and not name.endswith("ss") and len(name) > 4):
        name = name[:-1]  # "nach Angaben Japans": genitive
    return name


def _source(quotes: Sequence[Quote], start: int, end: int, s_start: int, s_end: int, attribution: str) -> str:
    for q in quotes:
        spans = q.quote_spans or ((q.quote_start, q.quote_end),)
        if any(a <= start and end <= b for a, b in spans) and (q.speaker or q.speaker_mention):
            return q.speaker or q.speaker_mention
    if attribution:
        return attribution
    for q in quotes:
        if q.quote_start < s_end and s_start < q.quote_end and (q.speaker or q.speaker_mention):
            return q.speaker or q.speaker_mention
    return ""


# ----------------------------------------------------------------------- main


def extract_figures(doc: Doc, *, quotes: Sequence[Quote] = ()) -> Iterator[Figure]:
    """Yield every numeric expression outside boilerplate as a :class:`Figure`.

    ``quotes`` are the article's Quote records; a figure inside a quote (or in a
    sentence whose quote or attribution names a speaker) gets that speaker as
    ``source``. Example: „Etwa 8.000 nordkoreanische Soldaten …, sagte … Blinken“
    → value 8000, approx, Soldat, count, source Blinken (from the quote).
    """
    original = doc._.text if doc._.text is not None else doc.text
    article_id = doc._.article_id or ""
    boilerplate = [(a, b) for a, b, *_ in (doc._.boilerplate or [])]

    def in_boilerplate(start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in boilerplate)

    # cheap first pass: only tokens that can start a number are looked at closely
    candidates = {t.i for t in doc if _may_start_number(t.text)}
    if not candidates:
        return
    n = 0
    for sent in _sentences(doc):
        lo, hi = sent.start, sent.end
        attribution: str | None = None
        i = lo
        while i < hi:
            if i not in candidates:
                i += 1
                continue
            tok = doc[i]
            if boilerplate and in_boilerplate(tok.idx, tok.idx + len(tok.text)):
                i += 1
                continue
            if ALNUM_RE.match(tok.text) and not (SUFFIX_RE.match(tok.text) or STUCK_UNIT_RE.match(tok.text)
                                                 or DECADE_RE.match(tok.text) or SCORE_WORD_RE.match(tok.text)):
                i += 1  # H5N1, G7-Staaten, A380: identifiers
                continue
            hit = _core(doc, i)
            if hit is None:
                i += 1
                continue
            hit = _extend(doc, hit)
            hit.j = min(hit.j, hi)
            qual, q_start = _qualifier(doc, hit, lo)
            if qual and not hit.qualifier:
                hit.qualifier = qual
            elif not qual:
                q_start = hit.i
            pre = _pre_classify(doc, hit, lo, hi) if not hit.category and not hit.unit else None
            if pre == "skip":
                i = _skip_identifier(doc, hit.j, hi)
                continue
            if not hit.category and not hit.unit:
                _unit_and_noun(doc, hit, hi)
            if not hit.unit and not hit.category:
                _coordinated_unit(doc, hit, hi)
            if not hit.unit and not hit.category:
                if _classify_bare(doc, hit, lo) == "skip":
                    i = _skip_identifier(doc, hit.j, hi)
                    continue
            if not hit.unit and not hit.category:
                _noun_before(doc, hit, lo)
            if not hit.category:
                hit.category = "count" if hit.unit else "other"
            if hit.unit == "Jahr" and _is_age(doc, hit, hi):
                hit.unit, hit.category, hit.phrase = "", "other", "Alter"
            if hit.category in {"year", "date", "time", "ordinal", "score"}:
                hit.qualifier = hit.qualifier if hit.category == "year" and hit.qualifier in {"approx", "expected"} else "exact"
                q_start = hit.i if hit.qualifier == "exact" else q_start
            end_tok = doc[hit.j - 1]
            # the text covers qualifier, number and a unit of measurement, not a counted noun
            if hit.category == "count" and hit.unit and hit.unit != "Mal":
                end_tok = doc[_last_number_token(doc, hit)]
            start = doc[q_start].idx
            end = end_tok.idx + len(end_tok.text) - (hit.trim if end_tok.i == hit.j - 1 else 0)
            if boilerplate and in_boilerplate(doc[q_start].idx, end_tok.idx + len(end_tok.text)):
                i = hit.j
                continue
            if attribution is None:
                attribution = _attribution(doc, sent)
            s_start, s_end = sent.start_char, sent.end_char
            yield Figure(
                article_id=article_id,
                figure_id=f"{article_id}-f{n}",
                text=original[start:end],
                start=start,
                end=end,
                value=hit.value,
                value_high=hit.value_high,
                qualifier=hit.qualifier or "exact",
                unit=hit.unit,
                category=hit.category,
                phrase=hit.phrase,
                source=_source(quotes, start, end, s_start, s_end, attribution),
                sentence=original[s_start:s_end].strip(),
            )
            n += 1
            i = max(hit.j, i + 1)
            if hit.category == "count" and hit.unit:
                i = max(i, _last_number_token(doc, hit) + 1)


def _skip_identifier(doc: Doc, k: int, hi: int) -> int:
    """Past the rest of an identifier: 'Boeing 737-300', 'Ausgabe 3/2008'."""
    while k + 1 < hi and doc[k].text in {"-", "/"} and doc[k + 1].text[:1].isdigit():
        k += 2
    return k


def _is_age(doc: Doc, hit: _Hit, hi: int) -> bool:
    """'im Alter von 45 Jahren', '45 Jahre alt'."""
    k = hit.i
    while k - 1 >= 0 and (doc[k - 1].text in {",", "und", "bis", "oder"} or NUM_RE.match(doc[k - 1].text)):
        k -= 1  # "im Alter von 62, 64 und 66 Jahren"
    before = " ".join(t.lower_ for t in doc[max(0, k - 2) : k])
    after = doc[hit.j].lower_ if hit.j < hi else ""
    return before in {"alter von", "alter zwischen"} or (k > 0 and doc[k - 1].lower_ == "alter") or after in {"alt", "alte", "alten", "alter", "altes"}


def _last_number_token(doc: Doc, hit: _Hit) -> int:
    """Index of the last token of the number itself (multiplier / range end included)."""
    k = hit.i
    words = _words()
    while k + 1 < hit.j and (
        doc[k + 1].lower_ in {"bis", "-", "–", "und"}
        or (words.get(doc[k + 1].lower_, (0, ""))[1] == "mult")
        or parse_number(doc[k + 1].text) is not None
        or doc[k + 1].text in QUOTE_CHARS
    ):
        k += 1
    while k > hit.i and doc[k].text in QUOTE_CHARS:
        k -= 1
    return k
