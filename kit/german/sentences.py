"""Tokens and sentence starts for the built-in pipeline: ``kit_numfix``, ``kit_sentences``.

Two registered components of the built-in pipeline (see :mod:`kit.german.pipeline`), plus
``kit_paragraphs`` for trained pipelines:

``kit_numfix``
    splits a sentence-final number from its period ("im Jahr 2024. Dann"),
    keeps ordinals whole ("am 6. August", "die 4. Konferenz").
``kit_sentences``
    sentence starts: after . ! ? … unless inside a quotation of the same
    paragraph („Das ist gleich null. Es war Null“, sagte er → one sentence),
    never after ordinals or abbreviations; always at a paragraph break.
``kit_paragraphs``
    paragraph starts (line breaks in ``doc._.text``) become sentence starts.

:func:`token_view` is the token text/offset view the kit's components share.
"""

from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc

from kit.german.lexicon import best_tag, best_tag_is_not_noun
from kit.wordlists import word_class

_QUOTE_PAIRS = {"„": '“”"', "»": "«", "«": "»", "‚": "‘’", "“": "”", "‹": "›", "›": "‹"}
_CLOSERS = set('“”«»‘’"›‹')
_FINAL = {".", "!", "?", "…", "...", "?!", "!?", "!!", "??"}
_ORDINAL = re.compile(r"^\d{1,4}\.$")
#: months and their abbreviations (``kit/resources/german_words.txt``): "am 6. August"
_MONTHS = word_class("german_words.txt", "months")
#: capitalised articles that begin a sentence after a year: "im Jahr 1989. Die …"
_AFTER_YEAR = word_class("german_words.txt", "after_year")


def token_view(doc: Doc) -> tuple[list[str], list[int], list[bool]]:
    """(texts, char offsets, is-space flags) of the doc's tokens, computed once.

    Creating spaCy ``Token`` objects is the slowest part of a Python component;
    the kit's components share these lists through ``doc.user_data``.
    """
    view = doc.user_data.get("_kit_view")
    if view is not None and len(view[0]) == len(doc):
        return view
    # arrays, not Token objects: a token's text is the doc's text at its offset
    from spacy.attrs import IDX, IS_SPACE, LENGTH

    arr = doc.to_array([IDX, LENGTH, IS_SPACE])
    idx = arr[:, 0].tolist()
    text = doc_text(doc)
    texts = [text[a : a + n] for a, n in zip(idx, arr[:, 1].tolist(), strict=True)]
    spaces = arr[:, 2].astype(bool).tolist()
    view = (texts, idx, spaces)
    doc.user_data["_kit_view"] = view
    return view


def doc_text(doc: Doc) -> str:
    """``doc.text``, without building it from every token when the kit tagged the doc.

    :func:`kit.german.pipeline.tag_article` keeps the text it tokenized in
    ``doc.user_data["_kit_text"]``; it is used when its length still fits the doc
    (``Doc.text`` joins the text of every token, a pass over the doc per call).
    """
    text = doc.user_data.get("_kit_text")
    if text is not None and len(doc):
        last = doc[-1]
        if len(text) == last.idx + len(last.text_with_ws):
            return text
    return doc.text


def _paragraph_starts(doc: Doc) -> list[bool]:
    """For each token: is there a line break between it and the previous token?"""
    original = doc._.text
    src = original if original is not None and len(original) == len(doc_text(doc)) else doc.text
    texts, idx, spaces = token_view(doc)
    out = [False] * len(texts)
    if "\n" not in src and "\r" not in src:
        return out
    # a token starts a paragraph if a line break lies between the end of the previous
    # non-space token and its start: look each break up (bisect), not each gap
    words = [i for i in range(len(texts)) if not spaces[i]]
    starts = [idx[i] for i in words]
    for m in _LINE_BREAK.finditer(src):
        p = m.start()
        k = bisect.bisect_right(starts, p)
        if k == len(words):
            continue
        prev_end = idx[words[k - 1]] + len(texts[words[k - 1]]) if k else 0
        if p >= prev_end and words[k]:
            out[words[k]] = True
    return out


_LINE_BREAK = re.compile(r"[\r\n]")


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
        doc = _split_periods(doc, splits)
    return doc


def _split_periods(doc: Doc, splits: list[int]) -> Doc:
    """The doc with each token ``i`` in ``splits`` ("2024.") split into "2024" and ".".

    One new ``Doc`` from words and spaces, as ``retokenize().split`` would leave it
    (the split tokens' norms reset, everything else kept): spaCy's retokenizer
    moves every later token once per split, quadratic on a long article with many
    sentence-final numbers.
    """
    import numpy
    from spacy.attrs import NORM, SPACY

    texts, _idx, _spaces = token_view(doc)
    space_after = doc.to_array([SPACY]).astype(bool).tolist()
    norms = doc.to_array([NORM])
    words: list[str] = []
    spaces: list[bool] = []
    new_norms: list[int] = []
    at = set(splits)
    for i, text in enumerate(texts):
        if i in at:
            words += [text[:-1], "."]
            spaces += [False, space_after[i]]
            new_norms += [0, 0]
        else:
            words.append(text)
            spaces.append(space_after[i])
            new_norms.append(int(norms[i]))
    new = Doc(doc.vocab, words=words, spaces=spaces)
    for key, value in doc.user_data.items():
        if key != "_kit_view":
            new.user_data[key] = value
    if any(new_norms):
        new.from_array([NORM], numpy.array(new_norms, dtype="uint64"))
    return new


def _starts_sentence_after_number(number: str, word: str) -> bool:
    if word in _MONTHS:
        return False
    if len(number) >= 5 and word[:1].isupper():  # a year: "2024. Dann", "1989. Die"
        return best_tag_is_not_noun(word) or word in _AFTER_YEAR
    return _next_is_sentence_start(word)


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
_FINAL_ABBR = word_class("german_words.txt", "final_abbr")


def _can_start(word: str, prev: str) -> bool:
    """Can ``word`` begin a sentence after the final mark ``prev``?"""
    c = word[:1]
    if not c or c.islower() or c in ",;:":
        return False
    if prev in _FINAL_ABBR:
        return c.isupper() and best_tag_is_not_noun(word)
    return True
