"""Number expressions: where a German number starts and ends, and what it is worth.

The token level under :mod:`kit.figures.extract`. ``parse_number`` reads one token
(``1.234,5`` → 1234.5, ``dreihundertfünfzig`` → 350). ``_core(doc, i)`` reads
the expression starting at token ``i`` into a ``_Hit``: digits in German
format, number words, ``8.000-10.000``, and the forms whose category is plain
from the tokens alone (dates ``3. Oktober 2024``, times ``14:30 Uhr``, scores
``2:1``, decades ``1990er``, ages ``45-jährige``, ``dreimal``/``zweifach``,
``478km²``). ``_extend`` adds multipliers (``4,6 Milliarden``), fractions
(``zwei Drittel``) and ranges (``10.000 bis 12.000``, ``zwischen 10 und 20``).
What a number quantifies (qualifier, unit, counted noun, year or identifier)
is decided in :mod:`kit.figures.extract`.

Number words: compounds are parsed with ``text2num`` (maintained, handles
``zweitausendvierhundert``); the words it lacks (Dutzend, Hunderte, Hälfte,
inflected ``zweier``) are in ``resources/number_words.tsv``, units in
``resources/number_units.tsv``, months in ``resources/number_months.tsv``; the
word classes of the figures layer (articles, stop words, the pieces of number
words, …) are in ``resources/figure_words.txt``.

Also here: the word-class tests ``_is_noun`` / ``_is_adj_like`` that figure
assembly and source attribution share (STTS tags when the pipeline set them,
else the token's shape, as on blank-tokenizer docs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from kit.wordlists import rows, word_class, word_tuple

# ----------------------------------------------------------------- resources


@lru_cache(maxsize=1)
def _units() -> dict[str, tuple[str, str]]:
    return {r[0]: (r[1], r[2]) for r in rows("number_units.tsv")}


@lru_cache(maxsize=1)
def _words() -> dict[str, tuple[float, str]]:
    return {r[0]: (float(r[1]), r[2]) for r in rows("number_words.tsv")}


@lru_cache(maxsize=1)
def _ordinal_stems() -> dict[str, float]:
    return {r[0]: float(r[1]) for r in rows("number_ordinals.tsv")}


# ------------------------------------------------------------------- patterns

_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
NUM_RE = re.compile(rf"^(?:{_NUM})$")
RANGE_TOKEN_RE = re.compile(rf"^({_NUM})[–—-]({_NUM})$")
SUFFIX_RE = re.compile(
    rf"^({_NUM})-?(mal|[fF]ach|[fF]ache[nmrs]?|jährige?[nmrs]?|Jährige?[nmrs]?)$"
)
DECADE_RE = re.compile(r"^(\d\d|1[5-9]\d0|20\d0)-?ern?$")  # "1990er", "90er", "1970-ern"
SCORE_WORD_RE = re.compile(r"^(\d{1,3}):(\d{1,3})-[^\W\d_]+$")  # "6:0-Sieg"
STUCK_UNIT_RE = re.compile(rf"^({_NUM})(%|€|\$|km²|km|kg|m²)$")
ORD_RE = re.compile(r"^(\d{1,3})\.$")
ORD_BIG_RE = re.compile(r"^(\d{1,3}(?:\.\d{3})+)\.$")  # "der 100.000. Artikel"
ORD_GLUED_RE = re.compile(r"^(\d{1,3})\.([A-ZÄÖÜ][a-zäöüß]{2,})$")  # "des 2.Weltkrieges"
NUMDATE_RE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2,4})?$")
CLOCK_RE = re.compile(r"^(\d{1,2})[:.](\d{2})$")
SCORE_RE = re.compile(r"^(\d{1,3}):(\d{1,3})$")
# number-word morphology (pieces in ``figure_words.txt``): the prefilter before text2num
WORD_RE = re.compile(
    r"^(?:" + "|".join(word_tuple("figure_words.txt", "number_morphemes")) + r")+$"
)
#: month name → number ("Oktober" → 10), from ``kit/resources/number_months.tsv``
MONTHS = {r[0]: int(r[1]) for r in rows("number_months.tsv")}
ARTICLES = word_class("figure_words.txt", "articles")
DEFINITE = frozenset({"der", "die", "das", "den", "dem", "des"})
QUOTE_CHARS = set("„“”\"«»‚‘’'")


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
    vague: bool = False  # "Tausende", "Hunderte", "Millionen" alone


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


@lru_cache(maxsize=1)
def _ordinal_prefixes() -> frozenset[str]:
    """First three letters of every ordinal word: a cheap test before :func:`ordinal_value`."""
    cardinals = [w for w, (_, kind) in _words().items() if kind == "num"]
    return frozenset(w[:3] for w in [*_ordinal_stems(), *cardinals, "zwanzig", "dreißig", "hundert",
                                     "tausend", "vierzig", "fünfzig", "sechzig", "siebzig",
                                     "achtzig", "neunzig", "einund"])  # fmt: skip


@lru_cache(maxsize=4096)
def ordinal_value(low: str) -> float | None:
    """Value of a lower-case ordinal word, else None.

    ``ordinal_value("dritten") == 3``; ``"neunzehnte"`` → 19; ``"zwanzigsten"`` → 20.
    """
    if len(low) < 4 or low[:3] not in _ordinal_prefixes():
        return None
    stem = next((low[: -len(e)] for e in ORD_ENDINGS if low.endswith(e)), "")
    if len(stem) < 3:
        return None
    if stem in _ordinal_stems():
        return _ordinal_stems()[stem]
    if stem.endswith("st"):  # "zwanzigst-", "hundertst-"
        value = _text2num(stem[:-2])
        return value if value is not None and value >= 20 else None
    if stem.endswith("t"):  # "dreizehnt-" … "neunzehnt-"
        value = _text2num(stem[:-1])
        return value if value is not None and 13 <= value < 20 else None
    return None


# -------------------------------------------------------------- word classes


#: function words that end a noun phrase after a number (``figure_words.txt``)
STOP = word_class("figure_words.txt", "stop")
#: attributive adjective endings, kit.german's list (``german_words.txt``)
ADJ_ENDINGS = word_tuple("german_words.txt", "adj_endings")
#: prepositions before a clock time without "Uhr" ("um 07:57 Moskauer Zeit")
CLOCK_PREPOSITIONS = word_class("figure_words.txt", "clock_prepositions")
#: units that make "1:01" a duration ("1:01 Minuten")
CLOCK_UNITS = word_class("figure_words.txt", "clock_units")
#: words after "dreimal" that make a ratio ("dreimal so hoch")
RATIO_WORDS = word_class("figure_words.txt", "ratio_words")
#: noun endings after "X-jährig" that make X a duration ("50-jähriges Bestehen")
DURATION_NOUNS = word_tuple("figure_words.txt", "duration_nouns")
#: "jeder Dritte": one in n
EACH_WORDS = word_class("figure_words.txt", "each_words")
#: "von einem Kilogramm": the article is the number one before a unit
ONE_PREPOSITIONS = word_class("figure_words.txt", "one_prepositions")
ORD_ENDINGS = ("en", "er", "es", "em", "e")


def _is_noun(tok: Token) -> bool:
    if tok.tag_:
        return tok.tag_ in {"NN", "NE"} or tok.pos_ in {"NOUN", "PROPN"}
    return tok.text[:1].isupper() and tok.text.isalpha() is not False and tok.lower_ not in STOP


def _is_adj_like(tok: Token) -> bool:
    if tok.tag_:
        return tok.tag_ in {"ADJA", "ADJD", "CARD", "VVPP"} or tok.pos_ == "ADJ"
    t = tok.text
    return t.islower() and t not in STOP and t.endswith(ADJ_ENDINGS)


def noun_after(doc: Doc, k: int, hi: int | None = None) -> int | None:
    """Index of the noun a number or ordinal stands before: quote marks and up to three
    adjectives may come between ("der 15. deutschen Bundestag", "die 22. „europäische
    Hackerkonferenz“"); None if no noun follows."""
    hi = len(doc) if hi is None else hi
    while k < hi and doc[k].text in QUOTE_CHARS:
        k += 1
    start = k
    while k < hi and k - start < 3 and _is_adj_like(doc[k]) and not _is_noun(doc[k]):
        k += 1
    while k < hi and doc[k].text in QUOTE_CHARS:
        k += 1
    if k < hi and _is_noun(doc[k]) and not doc[k].is_sent_start:
        if doc[k].tag_ == "NE" and k + 1 < hi and doc[k + 1].tag_ == "NN":
            return k + 1  # "der 7. Berlin Biennale": the name is part of the noun
        return k
    return None


def month_of(text: str) -> int | None:
    """'März' → 3, 'Septembers' (genitive) → 9; else None."""
    return MONTHS.get(text) or (MONTHS.get(text[:-1]) if text.endswith("s") else None)


def _noun_like(tok: Token) -> bool:
    """Could start the noun phrase of an ordinal ("100.000. Artikel", "15. deutschen")."""
    if tok.tag_:
        return tok.tag_ in {"NN", "NE", "ADJA", "TRUNC"}
    return tok.text[:1].isupper() or tok.text.endswith(ADJ_ENDINGS)


def _big_ordinal(doc: Doc, i: int) -> bool:
    """'der 100.000. Artikel': an article before, a noun or adjective after (not a name:
    "bisher nur 5.000. Mexikos Innenminister …" ends a sentence)."""
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is None or i == 0 or doc[i - 1].lower_ not in ARTICLES | DEFINITE:
        return False
    return nxt.tag_ in {"NN", "ADJA"} if nxt.tag_ else _noun_like(nxt)


def _duration_follows(doc: Doc, k: int) -> bool:
    """'das 50-jährige Bestehen', 'nach 43-jähriger Flucht': the noun is a span of time."""
    noun = noun_after(doc, k)
    if noun is None:
        return False
    low = doc[noun].lower_
    return low.endswith(DURATION_NOUNS) or low.removesuffix("s").endswith(DURATION_NOUNS)


def _date_range(doc: Doc, i: int) -> int | None:
    """'2. bis 20. März', 'vom 6. bis zum 8. Juni 2006': the token after the range, else None."""
    n = len(doc)
    k = i + 1
    if k >= n or doc[k].lower_ not in {"bis", "-", "–", "und"}:
        return None
    k += 1
    if k < n and doc[k].lower_ in {"zum", "zur"}:
        k += 1
    if k + 1 < n and ORD_RE.match(doc[k].text) and doc[k + 1].text in MONTHS:
        k += 2
        if k < n and re.match(r"^\d{4}$", doc[k].text):
            k += 1
        return k
    return None


# ------------------------------------------------------------------ reading


def _core(doc: Doc, i: int) -> _Hit | None:
    """A number starting at token i (no qualifier, no range yet)."""
    tok = doc[i]
    t = tok.text
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    words = _words()
    decimal_end = (
        t.endswith(".") and ("," in t or ":" in t) and len(t) > 3
    )  # "7,1." cannot be an ordinal
    # "zirka 1.000. Zu der …": a full stop the sentence splitter missed ("1.000. Artikel" is
    # an ordinal: a noun follows)
    thousands_end = ORD_BIG_RE.match(t) is not None and not _big_ordinal(doc, i)
    quoted_noun = (  # "die 22. „europäische Hackerkonferenz“": an ordinal before a quoted name
        nxt is not None and nxt.text in QUOTE_CHARS and noun_after(doc, i + 1) is not None
    )
    if (
        t.endswith(".")
        and len(t) > 2
        and not quoted_noun
        and (decimal_end or thousands_end or nxt is None or nxt.is_sent_start or nxt.is_punct)
    ):
        # the tokenizer leaves the full stop on "2:1." / "747." at the end of a sentence
        bare = t[:-1]
        if (
            NUM_RE.match(bare)
            or SCORE_RE.match(bare)
            or (CLOCK_RE.match(bare) is None and RANGE_TOKEN_RE.match(bare))
        ):
            hit = _core_text(bare, i)
            if hit is not None:
                hit.trim = 1
                return hit
    if NUM_RE.match(t):
        if (
            t.isdigit()
            and len(t) <= 2
            and nxt is not None
            and nxt.text == ":"
            and i + 2 < len(doc)
            and doc[i + 2].text.rstrip(".").isdigit()
            and len(doc[i + 2].text.rstrip(".")) <= 2
        ):
            third = doc[i + 2].text  # "2 : 1" in result lists
            hit = _Hit(i, i + 3, float(t), float(third.rstrip(".")), category="score")
            hit.trim = len(third) - len(third.rstrip("."))
            return hit
        return _Hit(i, i + 1, parse_number(t))
    if RANGE_TOKEN_RE.match(t):
        return _range_hit(t, i)
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
            if _duration_follows(doc, i + 1):
                return _Hit(i, i + 1, v, category="duration", unit="Jahr")
            return _Hit(i, i + 1, v, category="other", unit="Jahr", phrase="Alter")
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
    if (
        m
        and nxt is not None
        and nxt.lower_ in {"bis", "-", "–"}
        and i + 3 < len(doc)
        and doc[i + 3].text == "Uhr"
    ):
        m2 = CLOCK_RE.match(doc[i + 2].text)
        if m2:  # "von 8:00 bis 14:00 Uhr"
            low = int(m.group(1)) + int(m.group(2)) / 60
            return _Hit(i, i + 4, low, int(m2.group(1)) + int(m2.group(2)) / 60, category="time")
    prev = doc[i - 1].lower_ if i > 0 else ""
    if m and len(m.group(2)) == 2 and int(m.group(2)) < 60 and prev in CLOCK_PREPOSITIONS:
        return _Hit(
            i, i + 1, int(m.group(1)) + int(m.group(2)) / 60, category="time"
        )  # "um 07:57 Moskauer Zeit"
    m = SCORE_RE.match(t)
    if m and nxt is not None and nxt.text in CLOCK_UNITS:
        # "1:01 Minuten": minutes and seconds (or hours and minutes)
        unit = "Stunde" if nxt.text.startswith("St") else "Minute"
        return _Hit(
            i, i + 2, int(m.group(1)) + int(m.group(2)) / 60, category="duration", unit=unit
        )
    if m:
        return _Hit(i, i + 1, float(m.group(1)), float(m.group(2)), category="score")
    m = ORD_RE.match(t) or (ORD_BIG_RE.match(t) if _big_ordinal(doc, i) else None)
    if m:
        value = parse_number(m.group(1))
        if nxt is not None and month_of(nxt.text):
            j = i + 2
            if j < len(doc) and re.match(r"^\d{4}$", doc[j].text):
                j += 1
            return _Hit(i, j, None, category="date")
        end = _date_range(doc, i) if ORD_RE.match(t) else None
        if end is not None:
            return _Hit(i, end, None, category="date")  # "2. bis 20. März"
        if nxt is not None and nxt.text in QUOTE_CHARS and noun_after(doc, i + 1) is not None:
            return _Hit(i, i + 1, value, category="ordinal")  # "die 22. „europäische …“"
        if nxt is not None and (nxt.is_sent_start or nxt.text.isupper() or nxt.is_punct):
            return None if nxt.text.isupper() else _Hit(i, i + 1, value)
        if nxt is not None and nxt.tag_ and nxt.text[:1].isupper() and not _noun_like(nxt):
            return _Hit(i, i + 1, value)  # "auf Platz 17. Beide …": a missed sentence end
        return _Hit(i, i + 1, value, category="ordinal")
    m = ORD_GLUED_RE.match(t)
    if m:  # "des 2.Weltkrieges": the noun is in the token (extract reads it)
        return _Hit(i, i + 1, float(m.group(1)), category="ordinal")
    if t in MONTHS and nxt is not None and re.match(r"^(1[5-9]|20)\d\d$", nxt.text):
        return _Hit(i, i + 2, None, category="date")
    low = tok.lower_
    if low in ARTICLES:
        # "eine Million", "ein Drittel", "ein Dutzend": the article is the number one
        if nxt is not None and words.get(nxt.lower_, (0, ""))[1] == "mult":
            return _Hit(i, i + 1, 1.0)
        if (
            nxt is not None
            and i > 0
            and doc[i - 1].lower_ in ONE_PREPOSITIONS
            and nxt.text in _units()
            and _units()[nxt.text][1] not in {"count", "duration"}
        ):
            return _Hit(i, i + 1, 1.0)  # "eine Sprengkraft von einem Kilogramm"
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
            return _Hit(i, i + 1, value, qualifier="more_than", vague=True)
        if kind == "fraction" and (low == "hälfte" or (i > 0 and doc[i - 1].lower_ in ARTICLES)):
            return _Hit(i, i + 1, value, category="ratio")
        if kind == "mult" and low in {"hundert", "tausend", "dutzend"}:
            return _Hit(i, i + 1, value)
        if kind == "mult" and low.endswith("en"):  # "Millionen Munition": indefinite plural
            return _Hit(i, i + 1, value, qualifier="more_than", vague=True)
        if kind == "ratio" and _ratio_follows(doc, i + 1):
            return _Hit(i, i + 1, value, category="ratio")
        return None
    if (v := ordinal_value(low)) is not None:
        prev = doc[i - 1].lower_ if i > 0 else ""
        if prev in EACH_WORDS:
            return _Hit(i, i + 1, 1 / v, category="ratio")  # "jeder Dritte", "jede zweite Frau"
        lower_or_adja = t.islower() if not tok.tag_ else (t.islower() and tok.tag_ == "ADJA")
        if lower_or_adja and nxt is not None and month_of(nxt.text):
            j = i + 2
            if j < len(doc) and re.match(r"^\d{4}$", doc[j].text):
                j += 1
            return _Hit(i, j, None, category="date")  # "zum ersten Juli 2011"
        if lower_or_adja and noun_after(doc, i + 1) is not None:
            return _Hit(i, i + 1, v, category="ordinal")  # "am dritten Tag", "als erster Mensch"
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
    return _range_hit(t, i)


def _range_hit(t: str, i: int) -> _Hit | None:
    """A range written as one token ("10.000–12.000"), low before high; else None."""
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
    return (
        low in _start_words()
        or (len(low) > 4 and (WORD_RE.match(low) is not None or low.endswith(("mal", "fach"))))
        or (low[:3] in _ordinal_prefixes() and ordinal_value(low) is not None)
    )


def _ratio_follows(doc: Doc, k: int) -> bool:
    """'dreimal so hoch', 'doppelt so viele', 'dreimal mehr': a ratio, not a frequency."""
    if k >= len(doc):
        return False
    w = doc[k].lower_
    return w in RATIO_WORDS or w.endswith("er")


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
    if (
        hit.j < n
        and words.get(doc[hit.j].lower_, (0, ""))[1] == "fraction"
        and hit.value is not None
    ):
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
        if (
            nxt is not None
            and not nxt.category
            and nxt.value is not None
            and nxt.value_high is None
        ):
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
    if (
        hit.value_high is None
        and hit.i > 0
        and doc[hit.i - 1].lower_ == "zwischen"
        and hit.j + 1 < n
        and doc[hit.j].lower_ == "und"
    ):
        nxt = _core(doc, hit.j + 1)
        if nxt is not None and not nxt.category and nxt.value is not None and hit.value is not None:
            if nxt.value > hit.value:
                hit.value_high, hit.j = nxt.value, nxt.j
    return hit


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
