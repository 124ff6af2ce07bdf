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

Conventions (documented in docs/figures.md):

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

Layout: this module assembles figures (qualifier, unit, counted noun,
category, phrase, identifiers and years among bare numbers) and runs the scan.
Reading the number itself (digit formats, number words via ``text2num``,
multipliers, ranges) is :mod:`kit.figures.parse`; the source is
:mod:`kit.figures.sources`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from kit.figures import forms
from kit.figures.parse import (
    DECADE_RE,
    MONTHS,
    NUM_RE,
    QUOTE_CHARS,
    SCORE_WORD_RE,
    STUCK_UNIT_RE,
    SUFFIX_RE,
    _core,
    _extend,
    _Hit,
    _is_adj_like,
    _is_noun,
    _last_number_token,
    _may_start_number,
    _units,
    parse_number,
)
from kit.figures.sources import QuoteSources, _attribution, _source, reported_mood
from kit.german.offsets import SpanIndex
from kit.german.sentences import token_view
from kit.records import Figure, Quote
from kit.wordlists import rows, word_class, word_tuple

__all__ = ["extract_figures", "lemma_of", "parse_number"]

# ----------------------------------------------------------------- resources


@lru_cache(maxsize=1)
def _qualifiers() -> dict[tuple[str, ...], str]:
    return {tuple(r[0].split()): r[1] for r in rows("number_qualifiers.tsv")}


@lru_cache(maxsize=1)
def _lemmas() -> dict[str, str]:
    return {r[0]: r[1] for r in rows("number_lemmas.tsv")}


# ------------------------------------------------------------------- patterns

#: the cheap first-pass filter, memoised per word form (token texts repeat)
_may_start = lru_cache(maxsize=200_000)(_may_start_number)

#: tokens mixing digits and letters are identifiers ("H5N1"), except an ordinal written onto
#: its noun ("2.Weltkrieges")
ALNUM_RE = re.compile(r"(?!\d{1,3}\.[A-ZÄÖÜ][a-zäöüß]{2,}$)(?=.*\d)(?=.*[^\W\d_])")
#: words before a bare number that make it a year ("im Jahr 2024", "seit 1990")
YEAR_TRIGGERS = word_class("figure_words.txt", "year_triggers")
#: words before a number that make it an identifier ("Artikel 5", "Boeing 747")
ID_TRIGGERS = word_class("figure_words.txt", "id_triggers")
#: words after a number that make it an age ("45 Jahre alt")
AGE_WORDS = word_class("figure_words.txt", "age_words")
#: words before a round number that leave it vague ("mehrere hundert", "einige tausend")
VAGUE_WORDS = word_class("figure_words.txt", "vague_words")
#: words before a clock time that make it approximate ("etwa 14 Uhr")
TIME_APPROX = word_class("figure_words.txt", "time_approx")
#: endings for the lemma of a counted noun without a table entry (first match wins)
PLURAL_EN_SUFFIXES = word_tuple("figure_words.txt", "plural_en_suffixes")
EN_PLURAL_STEMS = word_tuple("figure_words.txt", "en_plural_stems")
E_PLURAL_ENDINGS = word_tuple("figure_words.txt", "e_plural_endings")


# ------------------------------------------------------------- counted nouns


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
    for suffix in PLURAL_EN_SUFFIXES:
        if text.endswith(suffix):
            return text[: -len(suffix) + (3 if suffix == "ungen" else len(suffix) - 2)]
    if text.endswith("ern") and len(text) > 5:
        return text[:-1]
    if text.endswith("en") and len(text) > 4:
        stem = text[:-2]
        if stem.endswith(EN_PLURAL_STEMS):
            return stem
        return text[:-1] if stem[-1] not in "aeiou" else stem
    if text.endswith(E_PLURAL_ENDINGS):
        return text[:-1] if not text.endswith("nisse") else text[:-2]
    if text.endswith("s") and len(text) > 3 and text[-2] in "aeiouy":
        return text[:-1]
    return text


# ------------------------------------------------------------------ assembly


def _skip_quotes(tokens: Sequence[Token], k: int, step: int) -> int:
    while 0 <= k < len(tokens) and tokens[k].text in QUOTE_CHARS:
        k += step
    return k


def _qualifier(doc: Doc, hit: _Hit, lo: int) -> tuple[str, int]:
    """The qualifier before token ``hit.i`` (quote marks between are skipped)."""
    k = _skip_quotes(doc, hit.i - 1, -1)
    if hit.category == "ratio" and k > lo and doc[k].lower_ in {"die", "der", "das", "den", "dem"}:
        k -= 1  # "fast die Hälfte", "mehr als die Hälfte"
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
    if hit.trim:
        return  # "bisher nur 5.000. Mexikos …": the number ends its sentence
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
    while (
        k < hi
        and k - start < 3
        and (_is_adj_like(doc[k]) or doc[k].tag_ in {"PPOSAT", "PIAT", "PDAT"})
    ):
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
                _coordinated_unit(doc, other, hi) if other.j < hi and doc[other.j].lower_ in {
                    "und",
                    "oder",
                    ",",
                } else _unit_and_noun(doc, other, hi)
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
    if prev is not None and (
        prev.lower_ in YEAR_TRIGGERS or prev.text in MONTHS or prev.lower_ == "anno"
    ):
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
    if (
        is_int
        and prev is not None
        and (
            prev.lower_ in ID_TRIGGERS
            or (
                prev.text[:1].isupper()
                and (not prev.is_sent_start or prev.tag_ == "NE")
                and prev.lower_ not in YEAR_TRIGGERS
                and prev.text not in MONTHS
                and prev.lower_ not in _qualifiers_flat()
                and (prev.tag_ in {"NE", ""} or prev.pos_ == "PROPN")
            )
        )
    ):
        return "skip"
    return None


@lru_cache(maxsize=1)
def _qualifiers_flat() -> set[str]:
    return {w for key in _qualifiers() for w in key}


# ----------------------------------------------------------------------- main


def _sentences(doc: Doc) -> list[Span]:
    if doc.has_annotation("SENT_START"):
        return list(doc.sents)
    return [doc[:]]


def _heading(sent: Span) -> bool:
    """A line without a finite verb ("Zwangsabstiege und Punktabzüge:"): a report goes on
    across it."""
    return not any(t.tag_ in {"VVFIN", "VAFIN", "VMFIN"} for t in sent)


#: how many Konjunktiv sentences in a row a report may reach over
CHAIN_BACK = 4


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
    bp_index = SpanIndex(boilerplate)
    sources = QuoteSources(quotes)  # indexed once: no loop over all quotes per figure

    def in_boilerplate(start: int, end: int) -> bool:
        return bp_index.any_overlapping(start, end)

    # cheap first pass: only tokens that can start a number are looked at closely
    candidates = {i for i, t in enumerate(token_view(doc)[0]) if _may_start(t)}
    if not candidates:
        return
    n = 0
    money = ""  # the article's last currency ("in Höhe von 6,4 Milliarden" → Euro)
    sents = _sentences(doc)
    moods: dict[int, str] = {}

    def reported(k: int) -> str:
        if k not in moods:
            moods[k] = reported_mood(sents[k])
        return moods[k]

    for si, sent in enumerate(sents):
        lo, hi = sent.start, sent.end
        attribution: str | None = None
        continues: int | None | bool = False  # computed once per sentence, when needed
        nouns = forms.SentenceNouns()
        i = lo
        while i < hi:
            if i not in candidates:
                i += 1
                continue
            tok = doc[i]
            if boilerplate and in_boilerplate(tok.idx, tok.idx + len(tok.text)):
                i += 1
                continue
            if ALNUM_RE.match(tok.text) and not (
                SUFFIX_RE.match(tok.text)
                or STUCK_UNIT_RE.match(tok.text)
                or DECADE_RE.match(tok.text)
                or SCORE_WORD_RE.match(tok.text)
            ):
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
                hit.vague = hit.vague or doc[q_start].lower_ in VAGUE_WORDS  # "mehrere hundert"
            elif not qual:
                q_start = hit.i
            if not hit.category and not hit.unit:
                _noun_or_age_around(doc, hit, lo, hi)
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
            if not hit.unit and not hit.category:
                _elliptic(doc, hit, lo, hi, nouns, money)
            if not hit.category:
                hit.category = "count" if hit.unit else "other"
            if hit.unit == "Jahr" and _is_age(doc, hit, hi):
                hit.unit, hit.category, hit.phrase = "Jahr", "other", "Alter"
            noun_end = _ordinal_unit(doc, hit, hi) if hit.category == "ordinal" else None
            if hit.category in {"year", "date", "time", "ordinal", "score"}:
                hit.qualifier = (
                    hit.qualifier
                    if hit.category == "year" and hit.qualifier in {"approx", "expected"}
                    else _time_qualifier(doc, hit, lo)
                )
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
            if continues is False:
                # a report going on in Konjunktiv I: from the sentence before the run of
                # Konjunktiv sentences this one ends (at most CHAIN_BACK sentences)
                continues = None
                if si > 0 and reported(si):
                    k = si - 1
                    while k > 0 and si - k < CHAIN_BACK and (reported(k) or _heading(sents[k])):
                        k -= 1
                    continues = sents[k].start_char
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
                source=_source(
                    sources,
                    start,
                    end,
                    s_start,
                    s_end,
                    attribution,
                    continues_from=continues,
                ),
                sentence=original[s_start:s_end].strip(),
                vague=hit.vague,
            )
            n += 1
            if hit.unit and hit.category in {"count", "money"}:
                nouns.counted(hit.unit, hit.category, hit.phrase)
                money = hit.unit if hit.category == "money" else money
            i = max(hit.j, i + 1)
            if hit.category == "count" and hit.unit:
                i = max(i, _last_number_token(doc, hit) + 1)
            if noun_end is not None:
                i = max(i, noun_end)  # "die zweite Hälfte": the noun is no fraction


def _noun_or_age_around(doc: Doc, hit: _Hit, lo: int, hi: int) -> None:
    """Ranks and measures named before the number ("auf Platz 17", "der Stärke 4,4") and
    ages in brackets after a name ("Michael Wittenberg (43)")."""
    kind, k = forms.noun_before_number(doc, hit, lo)
    if kind:
        hit.unit = doc[k].text
        hit.category = "ordinal" if kind == "rank" else "other"
    elif forms.paren_age(doc, hit, lo, hi):
        hit.unit, hit.category, hit.phrase = "Jahr", "other", "Alter"


def _elliptic(
    doc: Doc, hit: _Hit, lo: int, hi: int, nouns: forms.SentenceNouns, money: str
) -> None:
    """A bare number that leaves its noun out counts what the sentence counted before:
    "vier Kinder pro Woche, in den USA sogar 27" → Kind; "die Zahl der Tore … vier" → Tor."""
    if money and forms.money_amount(doc, hit, lo):
        hit.unit, hit.category = money, "money"
        return
    if not forms.elliptic_ok(doc, hit, hi):
        return
    # the phrase stays empty: it is the text next to a figure, and here the noun is elsewhere
    if nouns.last is not None:
        hit.unit, hit.category = nouns.last[:2]
        return
    k = nouns.zahl_noun(doc, lo, hi, hit.i)
    if k is not None:
        hit.unit, hit.category = lemma_of(doc[k]), "count"


def _ordinal_unit(doc: Doc, hit: _Hit, hi: int) -> int | None:
    """The counted noun of an ordinal as its unit ("am dritten Tag" → Tag); returns the token
    after the noun, so the scan does not read "die zweite Hälfte" as a fraction too."""
    if hit.unit:
        return None
    glued = forms.glued_noun(doc, hit)
    if glued:
        hit.unit = _lemmas().get(glued, glued)
        return None
    k = forms.ordinal_noun(doc, hit, hi)
    if k is None:
        return None
    hit.unit = "Mal" if doc[k].text == "Mal" else lemma_of(doc[k])
    hit.phrase = doc[hit.j : k + 1].text.strip('„“”"«» ')
    return k + 1


def _time_qualifier(doc: Doc, hit: _Hit, lo: int) -> str:
    """'gegen 08:15 Uhr' is approximate; every other time, date, rank or score is exact."""
    k = hit.i - 1
    if hit.category == "time" and k >= lo and doc[k].lower_ in TIME_APPROX:
        return "approx"
    return "exact"


def _skip_identifier(doc: Doc, k: int, hi: int) -> int:
    """Past the rest of an identifier: 'Boeing 737-300', 'Ausgabe 3/2008'."""
    while k + 1 < hi and doc[k].text in {"-", "/"} and doc[k + 1].text[:1].isdigit():
        k += 2
    return k


def _is_age(doc: Doc, hit: _Hit, hi: int) -> bool:
    """'im Alter von 45 Jahren', '45 Jahre alt'."""
    k = hit.i
    while k - 1 >= 0 and (
        doc[k - 1].text in {",", "und", "bis", "oder"} or NUM_RE.match(doc[k - 1].text)
    ):
        k -= 1  # "im Alter von 62, 64 und 66 Jahren"
    before = " ".join(t.lower_ for t in doc[max(0, k - 2) : k])
    after = doc[hit.j].lower_ if hit.j < hi else ""
    return (
        before in {"alter von", "alter zwischen"}
        or (k > 0 and doc[k - 1].lower_ == "alter")
        or after in AGE_WORDS
        or forms.age_holder_before(doc, k)
    )
