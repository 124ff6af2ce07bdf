"""The ``kit_tagger`` component: STTS tags, UD POS, lemmas and Konjunktiv mood in context.

Each token gets its readings from the lexicon (:func:`kit.german.lexicon.analyse`),
best first; a few context rules fix the commonest out-of-context errors
(relative vs. article "die", "zu" + infinitive, "um … zu" → KOUI, finite vs.
infinitive vs. participle by clause position, participles used as adjectives,
separable particles: "fügte … hinzu" gets lemma "hinzufügen"). Konjunktiv I/II
forms (``kit/resources/konjunktiv.txt`` and regular stem + e: "teile … mit")
get ``Mood=Sub|VerbForm=Fin|Konj=I/II`` in ``token.morph``, unless "ich"
makes them indicative („ich habe“); :func:`is_konjunktiv_i` /
:func:`is_konjunktiv_ii` read it back. This keeps the pipeline at tens of
thousands of words per second.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import chain

from spacy.language import Language
from spacy.tokens import Doc, Token

from kit.german.lexicon import _ADJ_ENDINGS, _CACHE, Reading, analyse
from kit.german.sentences import _FINAL, token_view
from kit.wordlists import lines, word_class

#: STTS → Universal Dependencies part of speech
STTS_TO_UD = {
    "$(": "PUNCT", "$,": "PUNCT", "$.": "PUNCT", "ADJA": "ADJ", "ADJD": "ADJ", "ADV": "ADV",
    "APPO": "ADP", "APPR": "ADP", "APPRART": "ADP", "APZR": "ADP", "ART": "DET",
    "CARD": "NUM", "FM": "X", "ITJ": "INTJ", "KOKOM": "CCONJ", "KON": "CCONJ",
    "KOUI": "SCONJ", "KOUS": "SCONJ", "NE": "PROPN", "NN": "NOUN", "PDAT": "DET",
    "PDS": "PRON", "PIAT": "DET", "PIS": "PRON", "PPER": "PRON", "PPOSAT": "DET",
    "PPOSS": "PRON", "PRELAT": "DET", "PRELS": "PRON", "PRF": "PRON", "PROAV": "ADV",
    "PTKA": "PART", "PTKANT": "PART", "PTKNEG": "PART", "PTKVZ": "ADP", "PTKZU": "PART",
    "PWAT": "DET", "PWAV": "ADV", "PWS": "PRON", "TRUNC": "X", "VAFIN": "AUX",
    "VAIMP": "AUX", "VAINF": "AUX", "VAPP": "AUX", "VMFIN": "VERB", "VMINF": "VERB",
    "VMPP": "VERB", "VVFIN": "VERB", "VVIMP": "VERB", "VVINF": "VERB", "VVIZU": "VERB",
    "VVPP": "VERB", "XY": "X", "_SP": "SPACE",
}  # fmt: skip


#: German word classes of the tagger (``kit/resources/german_words.txt``)
_AUX_LEMMAS = word_class("german_words.txt", "aux_lemmas")
_OPENERS = {"„", "»", "«", '"', "‚", "(", "“", ":", "–", "-"}
#: a word after one of these is read as sentence-initial (capitals are no evidence)
_STARTS_AFTER = frozenset(_FINAL | _OPENERS)
_RELATIVE = word_class("german_words.txt", "relative")
#: prepositions that are KOUI before "zu" + infinitive ("um … zu kämpfen")
_KOUI = word_class("german_words.txt", "koui")


@Language.component("kit_tagger")
def tagger_component(doc: Doc) -> Doc:
    """STTS tags, UD POS, lemmas and Konjunktiv mood from the lexicon (see the module docstring)."""
    n = len(doc)
    if not n:
        return doc
    import numpy
    from spacy.attrs import LEMMA, POS, TAG

    words, _idx, spaces = token_view(doc)
    get = _CACHE.get
    options: list[tuple[Reading, ...]] = []
    add = options.append
    initial = True  # the first word, and every word after a sentence end or an opener
    for w, space in zip(words, spaces, strict=True):
        if space:
            add((("_SP", w),))
            continue
        hit = get((w, initial))
        add(hit if hit is not None else analyse(w, initial))
        initial = w in _STARTS_AFTER
    chosen = [o[0] for o in options]
    _context_rules(words, options, chosen)
    _participles_as_adjectives(words, chosen)
    _separable_lemmas(chosen)
    row_of = _rows_for(doc.vocab.strings)
    rows = [row_of.get(r) or _add_row(row_of, r) for r in chosen]
    flat = numpy.fromiter(chain.from_iterable(rows), dtype="uint64", count=3 * n)  # 2× array()
    doc.from_array([TAG, POS, LEMMA], flat.reshape((n, 3)))
    doc.user_data["_kit_tags"] = chosen
    forms = _konjunktiv_forms()
    for i, (tag, lemma) in enumerate(chosen):
        if tag in ("VAFIN", "VMFIN", "VVFIN") and (
            words[i] in forms or (tag == "VVFIN" and _regular_konjunktiv_i(words[i], lemma))
        ):
            mood = _mood(words, i, chosen)
            if mood:
                doc[i].set_morph(f"Mood=Sub|VerbForm=Fin|Konj={mood}")
    return doc


#: (tag, lemma) → (tag id, UD POS id, lemma id), for the string store it was made for:
#: readings repeat across articles, so each is added to the store and converted once
_ROWS: dict[Reading, tuple[int, int, int]] = {}
_ROWS_STORE: list[object] = [None]
_ROWS_MAX = 200_000


def _rows_for(strings: object) -> dict[Reading, tuple[int, int, int]]:
    """The reading → row table for ``strings`` (a new vocabulary starts a new one)."""
    if _ROWS_STORE[0] is not strings or len(_ROWS) > _ROWS_MAX:
        _ROWS.clear()
        _ROWS_STORE[0] = strings
    return _ROWS


def _add_row(row_of: dict[Reading, tuple[int, int, int]], reading: Reading) -> tuple[int, int, int]:
    from spacy.parts_of_speech import IDS as POS_IDS

    strings = _ROWS_STORE[0]
    tag, lemma = reading
    got = row_of[reading] = (
        strings.add(tag),  # type: ignore[attr-defined]
        POS_IDS[STTS_TO_UD.get(tag, "X")],
        strings.add(lemma),  # type: ignore[attr-defined]
    )
    return got


def _context_rules(
    words: list[str], options: list[tuple[Reading, ...]], chosen: list[Reading]
) -> None:
    """A few rules that fix the commonest out-of-context errors."""
    n = len(words)
    finite_seen = False  # a finite verb earlier in this clause
    finite_vv = False  # … a full verb ("deutete … an")
    for i in range(n):
        opts = options[i]
        tag0 = chosen[i][0]
        if tag0 in ("$,", "$.", "KOUS", "PRELS", "KON", "PWAV", "PWS"):
            finite_seen = finite_vv = False
        if tag0 == "APPR" and words[i].lower() in _KOUI and _zu_follows(chosen, options, i):
            chosen[i] = ("KOUI", words[i].lower())  # "um … zu kämpfen"
            continue
        if len(opts) < 2:
            if tag0.endswith("FIN"):
                finite_seen = True
                finite_vv = finite_vv or tag0 == "VVFIN"
            continue
        tags = [t for t, _ in opts]
        w = words[i]
        j = i + 1
        while j < n and chosen[j][0] == "$(" and words[j] not in "()":
            j += 1  # look through quotation marks: „den „kommenden Tagen“"
        nxt_tag = chosen[j][0] if j < n else "$."
        prev_tag = chosen[i - 1][0] if i else "$."
        if (
            w.lower() in ("der", "die", "das")
            and "PDS" in tags
            and nxt_tag in ("VAFIN", "VMFIN", "VVFIN", "$,", "$.")
            and prev_tag not in ("$,", "APPR")
        ):
            chosen[i] = opts[tags.index("PDS")]  # "Das ist …"
            continue
        if w.lower() in _RELATIVE and "PRELS" in tags:
            # ", die …": relative if the clause ends in a finite verb
            rel = prev_tag == "$," or (prev_tag == "APPR" and i > 1 and chosen[i - 2][0] == "$,")
            if rel and (nxt_tag not in ("NN", "NE", "ADJA", "CARD") or _verb_final(chosen, j)):
                chosen[i] = opts[tags.index("PRELS")]
                finite_seen = False
            continue
        if w == "zu":
            nxt_opts = {t for t, _ in options[j]} if j < n else set()
            if nxt_opts & {"VVINF", "VAINF", "VMINF"} or words[i + 1 : i + 2] == ["werden"]:
                chosen[i] = ("PTKZU", "zu")
            elif nxt_tag in ("ADJD", "ADV", "PIS"):
                chosen[i] = ("PTKA", "zu")
            elif nxt_tag in ("$.", "$,"):
                chosen[i] = ("PTKVZ", "zu")
            else:
                chosen[i] = ("APPR", "zu")
            continue
        if "PTKVZ" in tags and nxt_tag in ("$.", "$,", "KON") and finite_vv:
            chosen[i] = opts[tags.index("PTKVZ")]  # "deutete … an," "fanden … statt."
            continue
        verbish = [t for t in tags if t[:2] in ("VV", "VA", "VM")]
        if len(verbish) >= 2:
            kind = verbish[0][:2]
            nonfinite = prev_tag == "PTKZU" or nxt_tag in (
                "VAFIN",
                "VMFIN",
                "VAINF",
                "VMINF",
                "VAPP",
            )
            if not nonfinite and finite_seen and nxt_tag in ("$.", "$,", "$(", "KON"):
                nonfinite = True
            if nonfinite:
                pref = (
                    ("VVPP", "VVINF") if _aux_before(chosen, i, perfect=True) else ("VVINF", "VVPP")
                )
                for t in (*pref, f"{kind}INF", f"{kind}PP"):
                    if t in tags:
                        chosen[i] = opts[tags.index(t)]
                        break
            elif f"{kind}FIN" in tags:
                chosen[i] = opts[tags.index(f"{kind}FIN")]
        if chosen[i][0].endswith("FIN"):
            finite_seen = True
            finite_vv = finite_vv or chosen[i][0] == "VVFIN"


_DETERMINERS = ("ART", "PDAT", "PPOSAT", "APPRART", "ADJA", "PIAT", "APPR")


def _participles_as_adjectives(words: list[str], chosen: list[Reading]) -> None:
    """ "mit dem erklärten Ziel", "die geächtete Waffe": verb forms used as adjectives."""
    for i in range(1, len(words) - 1):
        w = words[i]
        if (
            chosen[i][0][:2] == "VV"
            and w[:1].islower()
            and w.endswith(_ADJ_ENDINGS)
            and (
                chosen[i - 1][0] in _DETERMINERS
                or (
                    chosen[i - 1][0] in ("ADV", "ADJD")
                    and i > 1
                    and chosen[i - 2][0] in _DETERMINERS
                )
            )
            and chosen[i + 1][0] in ("NN", "ADJA", "NE")
        ):
            ending = next(e for e in _ADJ_ENDINGS if w.endswith(e))
            chosen[i] = ("ADJA", w[: -len(ending)])


def _zu_follows(chosen: list[Reading], options: list[tuple[Reading, ...]], i: int) -> bool:
    """Is there an infinitive with "zu" before the clause ends ("um … zu kämpfen")?"""
    for j in range(i + 1, min(len(chosen), i + 15)):
        tag = chosen[j][0]
        if tag in ("$,", "$."):
            return False
        if tag == "VVIZU":
            return True
        if chosen[j][1] == "zu" and j + 1 < len(chosen):
            nxt = {t for t, _ in options[j + 1]}
            if nxt & {"VVINF", "VAINF", "VMINF"}:
                return True
    return False


def _separable_lemmas(chosen: list[Reading]) -> None:
    """ "fügte … hinzu" → lemma "hinzufügen" (the particle closes the clause)."""
    n = len(chosen)
    for i, (tag, lemma) in enumerate(chosen):
        if tag != "VVFIN":
            continue
        for j in range(i + 1, min(n, i + 40)):
            t = chosen[j][0]
            if t == "PTKVZ" and (j + 1 >= n or chosen[j + 1][0] in ("$,", "$.", "KON", "$(")):
                chosen[i] = (tag, chosen[j][1].lower() + lemma)
                break
            if t in ("$,", "$.", "VVFIN", "VAFIN", "VMFIN"):
                break


def _aux_before(chosen: list[Reading], i: int, perfect: bool = False) -> bool:
    """A finite auxiliary/modal earlier in the sentence ("haben … erreicht")."""
    for j in range(i - 1, max(-1, i - 20), -1):
        tag, lemma = chosen[j]
        if tag == "$.":
            return False
        if perfect and tag == "VAFIN" and lemma in ("haben", "sein"):
            return True
        if not perfect and (tag == "VMFIN" or (tag == "VAFIN" and lemma == "werden")):
            return True
    return False


def _verb_final(chosen: list[Reading], i: int) -> bool:
    for j in range(i, min(len(chosen), i + 25)):
        if chosen[j][0] in ("$,", "$."):
            return chosen[j - 1][0] in ("VVFIN", "VAFIN", "VMFIN") and j > i
    return False


@lru_cache(maxsize=1)
def _konjunktiv_forms() -> dict[str, str]:
    """Finite forms that are Konjunktiv I or II (kit/resources/konjunktiv.txt)."""
    out = {}
    for line in lines("konjunktiv.txt"):
        form, mood = line.split()
        out[form] = mood
    return out


def _regular_konjunktiv_i(word: str, lemma: str) -> bool:
    """ "sage" (sagen), "wandere" (wandern), "teile … mit" (mitteilen): stem + e."""
    if lemma.endswith("en"):
        stem = lemma[:-2]
    elif lemma.endswith(("ln", "rn")):
        stem = lemma[:-1]
    else:
        return False
    return len(word) > 2 and word[-1] == "e" and stem.endswith(word[:-1])


def _mood(words: list[str], i: int, chosen: list[Reading]) -> str:
    """ "I" or "II" for a Konjunktiv form, "" when it is indicative here.

    "habe", "werde", "könne" are also 1st person singular indicative:
    „ich habe“ is not indirect speech, „er habe“ is.
    """
    w = words[i]
    mood = _konjunktiv_forms().get(w, "I?")
    if mood.endswith("?"):
        # "ich habe", "habe ich", "ich selbst habe": indicative
        before = []
        for k in range(i - 1, max(-1, i - 4), -1):
            if chosen[k][0] in ("$,", "$.", "KON", "KOUS"):
                break
            before.append(words[k].lower())
        if "ich" in before or words[i + 1 : i + 2] in (["ich"], ["Ich"]):
            return ""
        mood = mood[:-1]
    return mood


def is_konjunktiv_i(token: Token) -> bool:
    """True for a Konjunktiv I verb form ("sei", "seien", "habe", "werde", "könne").

    The marker of indirect speech in German news: „Er sagte, er *sei* bereit“.
    Forms identical to the indicative plural ("sie haben") are not marked, nor
    "ich habe". Set by ``kit_tagger`` as ``Mood=Sub|Konj=I`` in ``token.morph``;
    with a trained pipeline (``Mood=Sub`` without ``Konj``) the form decides.
    """
    return _konj(token) == "I"


def is_konjunktiv_ii(token: Token) -> bool:
    """True for an unambiguous Konjunktiv II form ("wäre", "hätte", "würde", "könnte")."""
    return _konj(token) == "II"


def _konj(token: Token) -> str:
    konj = token.morph.get("Konj")
    if konj:
        return konj[0]
    if "Sub" not in token.morph.get("Mood") and token.tag_ not in ("VAFIN", "VMFIN", "VVFIN"):
        return ""
    doc = token.doc
    words = [t.text for t in doc[max(0, token.i - 3) : token.i + 2]]
    chosen = [(t.tag_, t.lemma_) for t in doc[max(0, token.i - 3) : token.i + 2]]
    i = token.i - max(0, token.i - 3)
    forms = _konjunktiv_forms()
    if token.text in forms or (
        token.tag_ == "VVFIN" and _regular_konjunktiv_i(token.text, token.lemma_)
    ):
        return _mood(words, i, chosen)
    return ""
