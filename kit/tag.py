"""The one German spaCy pipeline the kit uses: tokens, sentences, tags, lemmas, names.

Contract (other modules rely on it):

- ``get_nlp(model=None) -> Language``: a trained German pipeline if one is
  installed/named (argument, ``KIT_SPACY_MODEL``, then de_core_news_lg/md/sm),
  else the kit's built-in pipeline. Cached per name. A name that cannot be
  loaded raises :class:`ModelNotFound` (one line: which name, how to install).
- ``pipeline_info(nlp) -> dict`` with ``name``, ``version``, ``kind``
  ("trained" | "built-in") and ``components``.
- ``tag_article(article, nlp) -> Doc``: ``doc.text`` has exactly the length of
  ``article.text`` (newlines are turned into spaces one-to-one, which keeps
  spaCy fast and every offset valid); ``doc._.article_id``, ``doc._.text``
  (the original text) and ``doc._.boilerplate`` (list of (start, end, kind))
  are set; tokens inside boilerplate have ``token._.boilerplate`` True.
  Paragraph breaks (newlines in the original) are sentence breaks. Texts
  longer than ``nlp.max_length`` are tokenized in chunks cut at paragraph or
  sentence ends; offsets stay valid.
- ``extract_entities(doc) -> Iterator[Entity]`` (outside boilerplate), with
  ``canonical`` = the fullest form of the name in the article
  (see :mod:`kit.ner`).

The built-in pipeline (``de_kit_builtin``) is ``spacy.blank("de")`` plus four
registered components, all rule/lexicon based and fast:

``kit_numfix``
    splits a sentence-final number from its period ("im Jahr 2024. Dann"),
    keeps ordinals whole ("am 6. August", "die 4. Konferenz").
``kit_tagger`` (:mod:`kit.lexicon`)
    STTS ``tag_``, UD ``pos_``, ``lemma_`` and ``Mood=Sub`` for Konjunktiv
    forms, from a lexicon of 120,000 word forms plus suffix/compound guessing.
``kit_sentences``
    sentence starts: after . ! ? … unless inside a quotation of the same
    paragraph („Das ist gleich null. Es war Null“, sagte er → one sentence),
    never after ordinals or abbreviations; always at a paragraph break.
``kit_ner`` (:mod:`kit.ner`)
    ``doc.ents`` with PER, ORG, LOC, MISC from gazetteers, first names, role
    titles ("US-Außenminister Antony Blinken" → PER "Antony Blinken").

With a trained pipeline only ``kit_paragraphs`` is added (before the parser or
sentence recogniser): paragraph starts become sentence starts.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from . import config
from .records import Article, Entity

BUILTIN_NAME = "de_kit_builtin"
BUILTIN_VERSION = "0.2.0"
TRAINED_CANDIDATES = ("de_core_news_lg", "de_core_news_md", "de_core_news_sm")

#: chunk size for texts longer than ``nlp.max_length``
CHUNK_CHARS = 200_000


class ModelNotFound(OSError):
    """A named spaCy pipeline could not be loaded (message: one line, how to install)."""


def _register_extensions() -> None:
    if not Doc.has_extension("article_id"):
        Doc.set_extension("article_id", default="")
    if not Doc.has_extension("text"):
        Doc.set_extension("text", default=None)
    if not Doc.has_extension("boilerplate"):
        Doc.set_extension("boilerplate", default=[])
    if not Token.has_extension("boilerplate"):
        Token.set_extension("boilerplate", default=False)


_register_extensions()


# ------------------------------------------------------------------ selection


@lru_cache(maxsize=4)
def get_nlp(model: str | None = None) -> Language:
    """The German pipeline: ``model`` or ``$KIT_SPACY_MODEL`` or an installed
    de_core_news_lg/md/sm, else the kit's built-in one (``"de_kit_builtin"``).

    ``get_nlp("de_core_news_md")`` on a machine without it raises
    :class:`ModelNotFound` naming the model and how to install it.
    """
    name = model or os.environ.get("KIT_SPACY_MODEL", "").strip() or None
    if name == BUILTIN_NAME or name in ("builtin", "built-in"):
        return _builtin()
    if name is not None:
        return _add_kit_components(_load_trained(name))
    for candidate in TRAINED_CANDIDATES:
        try:
            nlp = spacy.load(candidate)
        except (OSError, ImportError):
            continue
        return _add_kit_components(nlp)
    return _builtin()


def _load_trained(name: str) -> Language:
    try:
        return spacy.load(name)
    except (OSError, ImportError, ValueError) as exc:
        raise ModelNotFound(
            f"spaCy pipeline {name!r} cannot be loaded ({type(exc).__name__}); install it with "
            "`conda install -c conda-forge spacy-model-de_core_news_md` or "
            "`python -m spacy download de_core_news_md`, or unset KIT_SPACY_MODEL "
            "to use the kit's built-in pipeline"
        ) from None


def _add_kit_components(nlp: Language) -> Language:
    """A trained pipeline keeps its own analyses; the kit adds paragraph breaks."""
    if "kit_paragraphs" not in nlp.pipe_names:
        before = next((n for n in ("parser", "senter") if n in nlp.pipe_names), None)
        if before:
            nlp.add_pipe("kit_paragraphs", before=before)
        else:
            nlp.add_pipe("kit_paragraphs", first=True)
    nlp.meta.setdefault("kit_kind", "trained")
    return nlp


def _builtin() -> Language:
    from . import ner  # noqa: F401  (registers kit_ner)

    nlp = spacy.blank("de")
    for abbr in _abbreviations():
        nlp.tokenizer.add_special_case(abbr, [{"ORTH": abbr}])
    nlp.add_pipe("kit_numfix")
    nlp.add_pipe("kit_tagger")
    nlp.add_pipe("kit_sentences")
    nlp.add_pipe("kit_ner")
    nlp.meta["name"] = "kit_builtin"
    nlp.meta["version"] = BUILTIN_VERSION
    nlp.meta["kit_kind"] = "built-in"
    nlp.meta["description"] = "kit's rule- and lexicon-based German pipeline"
    return nlp


def pipeline_info(nlp: Language) -> dict[str, Any]:
    """Which pipeline is in use: name, version, kind ("trained"/"built-in"), components."""
    name = f"{nlp.meta.get('lang', 'de')}_{nlp.meta.get('name', '')}"
    kind = nlp.meta.get("kit_kind") or ("built-in" if name == BUILTIN_NAME else "trained")
    return {
        "name": name,
        "version": nlp.meta.get("version", ""),
        "kind": kind,
        "components": list(nlp.pipe_names),
    }


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[str, ...]:
    """Abbreviations kept as one token (kit/resources/abbreviations.txt)."""
    return tuple(read_lines(config.resource("abbreviations.txt")))


def read_lines(path: Path) -> list[str]:
    """Entries of a resource file: one per line, ``#`` starts a comment."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip() if not line.startswith("#") else ""
        if line:
            out.append(line)
    return out


# ------------------------------------------------------------------- tagging


def normalise(text: str) -> str:
    """One-to-one: line breaks become spaces (same length, same offsets)."""
    return text.replace("\r", " ").replace("\n", " ")


def tag_article(article: Article, nlp: Language) -> Doc:
    """Tag one article; ``doc.text`` is ``article.text`` with newlines as spaces."""
    text = normalise(article.text)
    if len(text) <= nlp.max_length:
        doc = nlp.make_doc(text)
    else:
        doc = _make_long_doc(nlp, text)
    doc._.article_id = article.id
    doc._.text = article.text
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    spans = [(s.start, s.end, s.kind) for s in article.boilerplate]
    doc._.boilerplate = spans
    if spans:
        _mark_boilerplate(doc, spans)
    return doc


def _mark_boilerplate(doc: Doc, spans: list[tuple[int, int, str]]) -> None:
    for start, end, _ in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            tok._.boilerplate = True


_CUT = re.compile(r"  +|(?<=[.!?“«\"]) (?=[„»A-ZÄÖÜ\"])| ")


def _make_long_doc(nlp: Language, text: str) -> Doc:
    """Tokenize a text longer than ``nlp.max_length`` in chunks, joined into one Doc.

    Chunks end after a space (preferably a paragraph break — a run of spaces
    left by newlines — else a sentence end, else any space), so the joined Doc
    has exactly the original text and valid offsets.
    """
    docs = []
    pos = 0
    size = min(CHUNK_CHARS, nlp.max_length)
    while pos < len(text):
        end = min(pos + size, len(text))
        if end < len(text):
            window = text[pos + size // 2 : end]
            cut = None
            for pattern in (r"   *", r"(?<=[.!?“«\"]) (?=\S)", r" "):
                found = [m.end() for m in re.finditer(pattern, window)]
                if found:
                    cut = pos + size // 2 + found[-1]
                    break
            end = cut if cut is not None else end
        docs.append(nlp.tokenizer(text[pos:end]))
        pos = end
    return Doc.from_docs(docs, ensure_whitespace=False)


# --------------------------------------------------------------- components

_QUOTE_PAIRS = {"„": '“”"', "»": "«", "«": "»", "‚": "‘’", "“": "”", "‹": "›", "›": "‹"}
_CLOSERS = set('“”«»‘’"›‹')
_FINAL = {".", "!", "?", "…", "...", "?!", "!?", "!!", "??"}
_ORDINAL = re.compile(r"^\d{1,4}\.$")
_MONTHS = {
    "Januar", "Jänner", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
    "September", "Oktober", "November", "Dezember", "Jan.", "Feb.", "Febr.", "Apr.",
    "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Okt.", "Nov.", "Dez.",
}  # fmt: skip


def token_view(doc: Doc) -> tuple[list[str], list[int], list[bool]]:
    """(texts, char offsets, is-space flags) of the doc's tokens, computed once.

    Creating spaCy ``Token`` objects is the slowest part of a Python component;
    the kit's components share these lists through ``doc.user_data``.
    """
    view = doc.user_data.get("_kit_view")
    if view is not None and len(view[0]) == len(doc):
        return view
    texts, idx, spaces = [], [], []
    for t in doc:
        texts.append(t.text)
        idx.append(t.idx)
        spaces.append(t.is_space)
    view = (texts, idx, spaces)
    doc.user_data["_kit_view"] = view
    return view


def _paragraph_starts(doc: Doc) -> list[bool]:
    """For each token: is there a line break between it and the previous token?"""
    src = doc._.text if doc._.text is not None and len(doc._.text) == len(doc.text) else doc.text
    texts, idx, spaces = token_view(doc)
    out = [False] * len(texts)
    if "\n" not in src and "\r" not in src:
        return out
    prev_end = 0
    for i, text in enumerate(texts):
        if spaces[i]:
            continue
        gap = src[prev_end : idx[i]]
        if i and ("\n" in gap or "\r" in gap):
            out[i] = True
        prev_end = idx[i] + len(text)
    return out


@Language.component("kit_paragraphs")
def paragraphs_component(doc: Doc) -> Doc:
    """Mark paragraph starts as sentence starts (for trained pipelines)."""
    for tok, start in zip(doc, _paragraph_starts(doc), strict=True):
        if start:
            tok.is_sent_start = True
    doc.user_data.pop("_kit_view", None)
    return doc


def _next_is_sentence_start(word: str) -> bool:
    """Does a capitalized ``word`` after "2024." begin a new sentence?

    "am 6. August", "die 4. Konferenz", "der 2. Weltkrieg": an ordinal before a
    month, noun or adjective. "im Jahr 2024. Dann": a number at a sentence end.
    """
    if not word[:1].isupper() or word in _MONTHS:
        return False
    tag = best_tag(word)
    return tag not in ("NN", "NE", "ADJA", "TRUNC", None)


@Language.component("kit_numfix")
def numfix_component(doc: Doc) -> Doc:
    """Split "2024." into "2024" + "." where the number ends a sentence."""
    texts, _idx, spaces = token_view(doc)
    splits = []
    n = len(texts)
    for i, text in enumerate(texts):
        if text[-1:] != "." or not _ORDINAL.match(text):
            continue
        k = i + 1
        if k < n and spaces[k]:
            k += 1
        if k >= n or texts[k] in _CLOSERS or _starts_sentence_after_number(text, texts[k]):
            splits.append(i)
    if splits:
        with doc.retokenize() as retok:
            for i in splits:
                tok = doc[i]
                retok.split(tok, [tok.text[:-1], "."], heads=[tok, tok])
        doc.user_data.pop("_kit_view", None)
    return doc


def _starts_sentence_after_number(number: str, word: str) -> bool:
    if word in _MONTHS:
        return False
    if len(number) >= 5 and word[:1].isupper():  # a year: "2024. Dann", "1989. Die"
        return best_tag_is_not_noun(word) or word in ("Die", "Der", "Das", "Ein", "Eine")
    return _next_is_sentence_start(word)


def best_tag_is_not_noun(word: str) -> bool:
    return best_tag(word) not in ("NN", "NE")


def _quote_pairs(texts: list[str], lo: int, hi: int) -> list[tuple[int, int]]:
    """Balanced quotation marks among tokens lo..hi-1 (one paragraph).

    „…“ ‚…‘ »…« «…» and straight "…"; an unclosed mark is ignored, so an
    unbalanced paragraph falls back to plain punctuation rules.
    """
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for i in range(lo, hi):
        t = texts[i]
        if len(t) != 1 or (t not in _QUOTE_PAIRS and t not in _CLOSERS):
            continue
        closed = False
        for depth in range(len(stack) - 1, -1, -1):
            if t in _QUOTE_PAIRS.get(stack[depth][0], "") or (t == '"' == stack[depth][0]):
                pairs.append((stack[depth][1], i))
                del stack[depth:]
                closed = True
                break
        if not closed and t in _QUOTE_PAIRS or t == '"' and not closed:
            stack.append((t, i))
    return pairs


@Language.component("kit_sentences")
def sentences_component(doc: Doc) -> Doc:
    """Sentence starts, quote- and paragraph-aware (see module docstring)."""
    n = len(doc)
    if not n:
        return doc
    texts, _idx, spaces = token_view(doc)
    para = _paragraph_starts(doc)
    starts = [False] * n
    bounds = [i for i in range(n) if para[i]]
    for lo, hi in zip([0, *bounds], [*bounds, n], strict=True):
        starts[lo] = True
        inside = [False] * (hi - lo)
        closing = set()
        for a, b in _quote_pairs(texts, lo, hi):
            closing.add(b)
            for j in range(a + 1, b):
                inside[j - lo] = True
        for i in range(lo, hi):
            t = texts[i]
            if i in closing:
                # „… Es war Null.“ Dann … — a quotation that ends a sentence
                if i == lo or texts[i - 1] not in _FINAL or inside[i - lo]:
                    continue
            elif not (t in _FINAL or t in _FINAL_ABBR) or inside[i - lo]:
                continue
            j = i + 1
            while j < hi and (texts[j] in _TRAILING or spaces[j]):
                if texts[j] in _CLOSERS and j not in closing:  # opens the next quotation
                    break
                j += 1
            if j < hi and _can_start(texts[j], t):
                starts[j] = True
    import numpy
    from spacy.attrs import SENT_START

    arr = numpy.array([1 if s else -1 for s in starts], dtype="int32").reshape((n, 1))
    doc.from_array([SENT_START], arr.astype("uint64"))
    return doc


_TRAILING = set('“”«»‘’"›‹)]')
#: abbreviations that may end a sentence ("… Waffen, Munition usw. Dann …")
_FINAL_ABBR = {"usw.", "etc.", "Chr.", "ff."}


def _can_start(word: str, prev: str) -> bool:
    """Can ``word`` begin a sentence after the final mark ``prev``?"""
    c = word[:1]
    if not c or c.islower() or c in ",;:":
        return False
    if prev in _FINAL_ABBR:
        return c.isupper() and best_tag_is_not_noun(word)
    return True


# ------------------------------------------------------------------- tagger
#
# The lexicon (kit/resources/lexicon_de.tsv.gz) maps the 120,000 most frequent
# German word forms to up to three (STTS tag, lemma) readings, best first.
# It was generated by running the HanTa morphological analyser (LGPL, Wartena
# 2019) over the word-frequency list of spacy-lookups-data (MIT) — see
# ``build_lexicon``. At run time the kit needs neither: tagging is a dict lookup
# plus suffix/compound guessing for unknown words and a few context rules,
# which keeps the pipeline at tens of thousands of words per second.

LEXICON_FILE = "lexicon_de.tsv.gz"

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

Reading = tuple[str, str]  # (STTS tag, lemma)

_NUMBER = re.compile(r"^[+-±]?\d[\d.,/:]*(?:[.,]\d+)?(?:-\w+)?$|^\d+[.,]?\d*%$")
_ORDINAL_TOKEN = re.compile(r"^\d{1,4}\.$")
_PUNCT_TAGS = {",": "$,", ".": "$.", "!": "$.", "?": "$.", ";": "$.", ":": "$.", "…": "$."}
_NOUN_SUFFIXES = (
    "ung", "heit", "keit", "schaft", "tion", "sion", "tät", "ismus", "ist", "istin",
    "ment", "anz", "enz", "ium", "ik", "ur", "chen", "lein", "nis", "tum", "ling",
    "erin", "innen", "ungen", "heiten", "keiten", "schaften", "ionen", "täten", "isten",
)  # fmt: skip
_ADJ_STEMS = ("lich", "ig", "isch", "bar", "los", "sam", "haft", "iv", "ell", "al", "är", "os")
_ADJ_ENDINGS = ("e", "en", "er", "es", "em")


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple[Reading, ...]]:
    import gzip
    from sys import intern

    lex: dict[str, tuple[Reading, ...]] = {}
    shared: dict[Reading, Reading] = {}
    shared_tuples: dict[tuple[Reading, ...], tuple[Reading, ...]] = {}
    path = config.resource(LEXICON_FILE)
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            form, *parts = line.rstrip("\n").split("\t")
            readings = []
            for part in parts:
                tag, rest = part.split(" ", 1)
                lemma = rest.rsplit(" ", 1)[0]
                # shared objects keep the 120,000 entries small in memory
                reading = (intern(tag), form if lemma == form else lemma)
                readings.append(shared.setdefault(reading, reading))
            if readings:
                key = tuple(readings)
                lex[form] = shared_tuples.setdefault(key, key)
    # the kit's own corrections override the generated entries
    extra = config.resource("lexicon_extra.tsv")
    if extra.exists():
        for line in read_lines(extra):
            form, *parts = line.split("\t")
            lex[form] = tuple(tuple(p.split(" ", 1)) for p in parts)  # type: ignore[misc]
    return lex


def best_tag(word: str) -> str | None:
    """The most likely STTS tag of a word form out of context (None if unknown)."""
    readings = _lexicon().get(word)
    return readings[0][0] if readings else None


def analyse(word: str, initial: bool = False) -> tuple[Reading, ...]:
    """Readings (STTS tag, lemma) of one word form, best first.

    ``initial``: the word starts a sentence, so "Dann" may be "dann".
    Unknown words are guessed: compounds from their last part
    ("Grenzregion" → NN like "Region"), then suffixes.
    """
    key = (word, initial)
    hit = _CACHE.get(key)
    if hit is not None:
        return hit
    readings = _analyse(word, initial)
    if word.isupper() and len(word) > 1:
        readings = tuple((t, word if t in ("NN", "NE") else lem) for t, lem in readings)
    if len(_CACHE) > 200_000:
        _CACHE.clear()
    _CACHE[key] = readings
    return readings


_CACHE: dict[tuple[str, bool], tuple[Reading, ...]] = {}


def _analyse(w: str, initial: bool) -> tuple[Reading, ...]:
    lex = _lexicon()
    c = w[:1]
    if not c.isalnum():
        if w in _PUNCT_TAGS:
            return ((_PUNCT_TAGS[w], w),)
        if w in ("...", "?!", "!?", "!!", "??"):
            return (("$.", w),)
        if c == "-" and len(w) > 1 and w[1:].isalpha():
            return (("TRUNC", w),)
        if c in "+-±" and _NUMBER.match(w):
            return (("CARD", w),)
        return (("$(", w),)
    if c.isdigit():
        if _ORDINAL_TOKEN.match(w):
            return (("ADJA", w),)
        if w.endswith(("-mal", "mal")):
            return (("ADV", w),)
        if w.endswith("-"):
            return (("TRUNC", w),)
        head, dash, last = w.partition("-")
        if dash and last[:1].isalpha() and not last.endswith("mal"):
            sub = analyse(last)  # "19-jährige" ADJA, "39-Jährige" NN
            return tuple((t, f"{head}-{lem}") for t, lem in sub)
        if _NUMBER.match(w):
            return (("CARD", w),)
        return (("CARD", w),) if any(ch.isdigit() for ch in w[:2]) else (("XY", w),)
    readings = lex.get(w)
    if initial and c.isupper():
        # sentence-initial capitals: "Das" is "das", "Dann" is "dann"; "Deutschen" stays
        low = lex.get(w.lower())
        if low and (low[0][0] not in ("NN", "NE", "ADJA") or readings is None):
            return low
    if readings:
        return readings
    if w.endswith("-") and len(w) > 2:
        return (("TRUNC", w),)
    if "-" in w.strip("-"):
        head, _, last = w.rpartition("-")
        if last[:1].isupper() or last[:1].isdigit():
            sub = analyse(last)
            tag = sub[0][0]
            if tag in ("NN", "NE"):
                return ((tag, f"{head}-{sub[0][1]}"),)
            return (("NN", w),) if tag in ("CARD",) else ((tag, f"{head}-{sub[0][1]}"),)
        if c.isupper():
            return (("NE", w),)
        sub = analyse(last)
        return ((sub[0][0], f"{head}-{sub[0][1]}"),)
    if c.isupper():
        if w.isupper():
            return (("NE", w),)  # acronyms: NATO, KCNA
        if initial:
            low = lex.get(w.lower())
            if low:
                return low
        return _guess_capitalized(w, lex)
    return _guess_lower(w, lex)


def _guess_capitalized(w: str, lex: dict[str, tuple[Reading, ...]]) -> tuple[Reading, ...]:
    n = len(w)
    # compounds: the longest known noun at the end ("Grenz|region", "Militär|hilfe")
    for k in range(2, n - 2):
        tail = w[k].upper() + w[k + 1 :]
        sub = lex.get(tail)
        if sub and sub[0][0] == "NN" and n - k >= 3:
            lemma = sub[0][1]
            return (("NN", w[:k] + lemma[:1].lower() + lemma[1:]),)
    if w.lower().endswith(_NOUN_SUFFIXES):
        return (("NN", w),)
    if w.endswith("s") and w[:-1] in lex and lex[w[:-1]][0][0] == "NE":
        return (("NE", w[:-1]),)  # genitive of a name: "Nordkoreas"
    return (("NE", w),)


def _guess_lower(w: str, lex: dict[str, tuple[Reading, ...]]) -> tuple[Reading, ...]:
    n = len(w)
    # lower-case compounds: "südkoreanischen" → "koreanischen"
    for k in range(2, n - 4):
        sub = lex.get(w[k:])
        if sub and sub[0][0] in ("ADJA", "ADJD", "VVPP", "VVINF", "VVFIN", "ADV"):
            return tuple((t, w[:k] + lem) for t, lem in sub)
    for end in _ADJ_ENDINGS:
        stem = w[: -len(end)]
        if w.endswith(end) and stem.endswith(_ADJ_STEMS):
            return (("ADJA", stem),)
    if w.endswith(_ADJ_STEMS):
        return (("ADJD", w),)
    if w.endswith("en") and n > 4:
        if "zu" in w[2:-3] and w[: w.index("zu", 2)] in _PARTICLES:
            return (("VVIZU", w.replace("zu", "", 1)),)
        return (("VVINF", w), ("VVFIN", w))
    if w.startswith("ge") and w.endswith("t") and n > 5:
        return (("VVPP", w[2:-1] + "en"),)
    if w.endswith("te") or w.endswith("ten"):
        return (("VVFIN", w[: w.rindex("te")] + "en"), ("ADJA", w))
    if w.endswith("t"):
        return (("VVFIN", w[:-1] + "en"), ("VVPP", w[:-1] + "en"))
    return (("ADJD", w),)


_PARTICLES = {
    "ab", "an", "auf", "aus", "bei", "durch", "ein", "fest", "fort", "her", "hin",
    "mit", "nach", "vor", "weg", "zurück", "zusammen", "hinzu", "dar", "um", "über",
}  # fmt: skip
_AUX_LEMMAS = {"haben", "sein", "werden"}
_OPENERS = {"„", "»", "«", '"', "‚", "(", "“", ":", "–", "-"}
_RELATIVE = {"der", "die", "das", "dem", "den", "denen", "deren", "dessen"}


@Language.component("kit_tagger")
def tagger_component(doc: Doc) -> Doc:
    """STTS tags, UD POS, lemmas and Konjunktiv mood from the lexicon (see above)."""
    n = len(doc)
    if not n:
        return doc
    import numpy
    from spacy.attrs import LEMMA, POS, TAG
    from spacy.parts_of_speech import IDS as POS_IDS

    words, _idx, spaces = token_view(doc)
    cache = _CACHE
    options: list[tuple[Reading, ...]] = []
    prev = "."
    for i, w in enumerate(words):
        if spaces[i]:
            options.append((("_SP", w),))
            continue
        initial = prev in _FINAL or prev in _OPENERS or i == 0
        hit = cache.get((w, initial))
        options.append(hit if hit is not None else analyse(w, initial))
        prev = w
    chosen = [o[0] for o in options]
    _context_rules(words, options, chosen)
    _participles_as_adjectives(words, chosen)
    _separable_lemmas(chosen)
    strings = doc.vocab.strings
    arr = numpy.empty((n, 3), dtype="uint64")
    for i, (tag, lemma) in enumerate(chosen):
        arr[i, 0] = strings.add(tag)
        arr[i, 1] = POS_IDS[STTS_TO_UD.get(tag, "X")]
        arr[i, 2] = strings.add(lemma)
    doc.from_array([TAG, POS, LEMMA], arr)
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
        if (
            tag0 == "APPR"
            and words[i].lower() in ("um", "ohne", "statt", "anstatt")
            and _zu_follows(chosen, options, i)
        ):
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
            ending = next(e for e in ("en", "em", "er", "es", "e") if w.endswith(e))
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
    for line in read_lines(config.resource("konjunktiv.txt")):
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


# ------------------------------------------------------------------ entities


def extract_entities(doc: Doc) -> Iterator[Entity]:
    """Named entities outside boilerplate, with the fullest name form as ``canonical``.

    "Blinken" → canonical "Antony Blinken" when the article names him in full.
    """
    from .ner import canonical_names

    canon = canonical_names(doc)
    for ent in doc.ents:
        if any(t._.boilerplate for t in ent):
            continue
        yield Entity(
            doc._.article_id,
            ent.start_char,
            ent.end_char,
            ent.text,
            ent.label_,
            canon.get((ent.start_char, ent.end_char), ent.text),
        )


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


def build_lexicon(size: int = 120_000, out: Path | None = None) -> Path:
    """Regenerate kit/resources/lexicon_de.tsv.gz (needs HanTa and spacy-lookups-data).

    The ``size`` most frequent word forms of spacy-lookups-data's German
    frequency list, each with up to three HanTa readings (STTS tag, lemma,
    log-probability relative to the best), best first. a few minutes for 120,000.
    """
    import gzip
    import json

    import spacy_lookups_data
    from HanTa import HanoverTagger as ht

    out = out or config.resource(LEXICON_FILE)
    tagger = ht.HanoverTagger("morphmodel_ger.pgz")
    data = Path(spacy_lookups_data.__file__).parent / "data" / "de_lexeme_prob.json.gz"
    with gzip.open(data, "rt", encoding="utf-8") as fh:
        probs = json.load(fh)
    forms = [
        f
        for f, _ in sorted(probs.items(), key=lambda x: -x[1])
        if f.strip() and not any(ch in f for ch in " \t#")
    ][:size]

    def stts(tag: str) -> str:
        m = re.match(r"^([A-Z]+)\(([A-Z]+)\)$", tag)
        return m.group(1) + m.group(2) if m else {"NNA": "NN", "NNI": "NN"}.get(tag, tag)

    with gzip.open(out, "wt", encoding="utf-8") as fh:
        fh.write(
            "# generated by kit.tag.build_lexicon from HanTa (LGPL-3.0) and "
            "spacy-lookups-data (MIT) word frequencies\n"
        )
        for form in forms:
            cands = tagger.tag_word(form, cutoff=4)
            if not cands:
                continue
            best = cands[0][1]
            seen: set[str] = set()
            parts = []
            for tag, lp in cands:
                if tag == "UNKNOWN" or lp < best - 6 or stts(tag) in seen:
                    continue
                seen.add(stts(tag))
                lemma = tagger.analyze(form, taglevel=1, pos=tag)[0]
                parts.append(f"{stts(tag)} {lemma} {lp - best:.1f}")
                if len(parts) == 3:
                    break
            if parts:
                fh.write(form + "\t" + "\t".join(parts) + "\n")
    return out


def measure_speed(split: str = "dev") -> dict[str, float]:
    """Words/s of ``spacy.blank("de")`` and of :func:`get_nlp` on the same fresh text.

    The benchmark's ``originalText`` of ``split`` (read at run time), each text
    tagged once, as :func:`tag_article` does (``python -m kit.tag speed dev``).
    """
    import gzip
    import json
    import time

    with gzip.open(config.BENCHMARK_DIR / f"{split}.jsonl.gz", "rt", encoding="utf-8") as fh:
        texts = [json.loads(line)["originalText"] for line in fh]
    nlp = get_nlp()
    tag_article(Article("warm-up", "Der Tagger lädt sein Lexikon."), nlp)
    blank = spacy.blank("de")
    t0 = time.perf_counter()
    words = sum(sum(1 for t in blank(normalise(x)) if not t.is_space) for x in texts)
    t1 = time.perf_counter()
    for i, x in enumerate(texts):
        tag_article(Article(str(i), x), nlp)
    t2 = time.perf_counter()
    return {
        "texts": len(texts),
        "words": words,
        "blank_words_per_s": round(words / (t1 - t0)),
        "kit_words_per_s": round(words / (t2 - t1)),
        "ratio": round((t1 - t0) / (t2 - t1), 3),
    }


def agreement_with_hanta(split: str = "dev", n_docs: int = 60) -> dict[str, float]:
    """STTS tag and lemma agreement with HanTa's sentence tagger (needs HanTa).

    A silver-standard check on fresh text (``python -m kit.tag agreement dev``);
    HanTa tags quotation marks XY/FM where STTS says ``$(``, so those are
    reported apart.
    """
    import gzip
    import json

    from HanTa import HanoverTagger as ht

    hanta = ht.HanoverTagger("morphmodel_ger.pgz")
    with gzip.open(config.BENCHMARK_DIR / f"{split}.jsonl.gz", "rt", encoding="utf-8") as fh:
        texts = [json.loads(line)["originalText"] for line in fh][:n_docs]
    nlp = get_nlp()
    total = tags = lemmas = quote_marks = 0
    for i, text in enumerate(texts):
        doc = tag_article(Article(str(i), text), nlp)
        for sent in doc.sents:
            toks = [t for t in sent if not t.is_space]
            if not toks:
                continue
            for tok, (_w, lemma, tag) in zip(
                toks, hanta.tag_sent([t.text for t in toks]), strict=True
            ):
                m = re.match(r"^([A-Z]+)\(([A-Z]+)\)$", tag)
                tag = m.group(1) + m.group(2) if m else {"NNA": "NN", "NNI": "NN"}.get(tag, tag)
                if tok.text in _QUOTE_PAIRS or tok.text in _CLOSERS:
                    quote_marks += 1
                    continue
                total += 1
                tags += tag == tok.tag_
                lemmas += lemma == tok.lemma_
    return {
        "tokens": total,
        "quote_marks_skipped": quote_marks,
        "tag_agreement": round(tags / total, 3),
        "lemma_agreement": round(lemmas / total, 3),
    }


def sentence_agreement(split: str = "train", n_docs: int = 300) -> dict[str, float]:
    """Sentence starts compared with the benchmark's own segmentation.

    That segmentation splits inside quotations, which the kit deliberately
    does not, so recall below 1 is expected (``python -m kit.tag sentences train``).
    """
    import gzip
    import json

    nlp = get_nlp()
    tp = fp = fn = 0
    with gzip.open(config.BENCHMARK_DIR / f"{split}.jsonl.gz", "rt", encoding="utf-8") as fh:
        for k, line in enumerate(fh):
            if k >= n_docs:
                break
            data = json.loads(line)
            gold = {s["charBegin"] for s in data["sentences"]}
            doc = tag_article(Article(str(k), data["originalText"]), nlp)
            mine = {s.start_char for s in doc.sents if s.text.strip()}
            tp += len(gold & mine)
            fp += len(mine - gold)
            fn += len(gold - mine)
    return {"precision": round(tp / (tp + fp), 3), "recall": round(tp / (tp + fn), 3)}


if __name__ == "__main__":  # pragma: no cover
    import sys

    if sys.argv[1:2] == ["build-lexicon"]:
        print(build_lexicon(int(sys.argv[2]) if len(sys.argv) > 2 else 120_000))
    elif sys.argv[1:2] == ["agreement"]:
        print(agreement_with_hanta(sys.argv[2] if len(sys.argv) > 2 else "dev"))
    elif sys.argv[1:2] == ["sentences"]:
        print(sentence_agreement(sys.argv[2] if len(sys.argv) > 2 else "train"))
    elif sys.argv[1:2] == ["speed"]:
        print(measure_speed(sys.argv[2] if len(sys.argv) > 2 else "dev"))
