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
  (the original text), ``doc._.boilerplate`` (list of (start, end, kind)) and
  ``doc._.kind`` (the article kind when the manifest gives it) are set; tokens inside boilerplate have ``token._.boilerplate`` True.
  Paragraph breaks (newlines in the original) are sentence breaks. Texts
  longer than ``nlp.max_length`` are tokenized in chunks cut at paragraph or
  sentence ends; offsets stay valid.
- ``extract_entities(doc) -> Iterator[Entity]`` (outside boilerplate), with
  ``canonical`` = the fullest form of the name in the article
  (see :mod:`kit.german.entities`).

The built-in pipeline (``de_kit_builtin``) is ``spacy.blank("de")`` plus four
registered components, all rule/lexicon based and fast:

``kit_numfix`` (:mod:`kit.german.sentences`)
    splits a sentence-final number from its period ("im Jahr 2024. Dann"),
    keeps ordinals whole ("am 6. August", "die 4. Konferenz").
``kit_tagger`` (:mod:`kit.german.tagger`, lexicon: :mod:`kit.german.lexicon`)
    STTS ``tag_``, UD ``pos_``, ``lemma_`` and ``Mood=Sub`` for Konjunktiv
    forms, from a lexicon of 120,000 word forms plus suffix/compound guessing.
``kit_sentences`` (:mod:`kit.german.sentences`)
    sentence starts: after . ! ? … unless inside a quotation of the same
    paragraph („Das ist gleich null. Es war Null“, sagte er → one sentence),
    never after ordinals or abbreviations; always at a paragraph break.
``kit_ner`` (:mod:`kit.german.entities`)
    ``doc.ents`` with PER, ORG, LOC, MISC from gazetteers, first names, role
    titles ("US-Außenminister Antony Blinken" → PER "Antony Blinken").

With a trained pipeline only ``kit_paragraphs`` (:mod:`kit.german.sentences`) is
added (before the parser or sentence recogniser): paragraph starts become
sentence starts.

Importing this module registers the Doc/Token extensions and (through
:mod:`kit.german.sentences`, :mod:`kit.german.tagger` and :mod:`kit.german.entities`)
the kit's components, once per process. Checks of the pipeline against HanTa and
the benchmark: ``python -m kit.tools.tagging``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

# Importing these modules registers the kit's components (kit_numfix,
# kit_sentences, kit_paragraphs, kit_tagger, kit_ner), once per process.
from kit.german import entities, sentences, tagger  # noqa: F401
from kit.german.entities import canonical_names
from kit.german.offsets import entity_index
from kit.german.sentences import doc_text, token_view
from kit.records import Article, Entity
from kit.wordlists import lines

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
    if not Doc.has_extension("kind"):
        Doc.set_extension("kind", default="")


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
    return lines("abbreviations.txt")


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
    doc.user_data["_kit_text"] = text  # the tokenized text (see sentences.doc_text)
    # the article kind when the manifest gives it; else it is detected from the text
    doc._.kind = str(article.meta.get("kind") or "").strip().lower()
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
        chunk = text[pos:end]
        docs.append((chunk, nlp.tokenizer(chunk)))
        pos = end
    return _join_docs(nlp, docs)


def _join_docs(nlp: Language, chunks: list[tuple[str, Doc]]) -> Doc:
    """Freshly tokenized chunks (text, doc) as one Doc, as ``Doc.from_docs`` gives them.

    One new ``Doc`` from the words, spaces and norms of the chunks: ``from_docs``
    builds a Python ``Token`` for every token and took longer than tokenizing.
    """
    import numpy
    from spacy.attrs import IDX, LENGTH, NORM, SENT_START, SPACY

    words: list[str] = []
    spaces: list[bool] = []
    norms = []
    starts_at: list[int] = []
    for text, d in chunks:
        if not len(d):
            continue
        starts_at.append(len(words))
        arr = d.to_array([IDX, LENGTH, SPACY, NORM])
        starts, lengths = arr[:, 0].tolist(), arr[:, 1].tolist()
        words += [text[a : a + n] for a, n in zip(starts, lengths, strict=True)]
        spaces += arr[:, 2].astype(bool).tolist()
        norms.append(arr[:, 3])
    joined = Doc(nlp.vocab, words=words, spaces=spaces)
    if norms:
        joined.from_array([NORM], numpy.concatenate(norms).astype("uint64"))
    if len(starts_at) > 1:  # as from_docs: each chunk's first token starts a sentence
        flags = numpy.zeros(len(joined), dtype="int32")
        flags[starts_at] = 1
        joined.from_array([SENT_START], flags.astype("uint64").reshape((-1, 1)))
    return joined


# ------------------------------------------------------------------ entities


def extract_entities(doc: Doc) -> Iterator[Entity]:
    """Named entities outside boilerplate, with the fullest name form as ``canonical``.

    "Blinken" → canonical "Antony Blinken" when the article names him in full.
    """
    canon = canonical_names(doc)
    marked = bool(doc._.boilerplate)  # no span marked: no token flagged, nothing to look at
    article_id = doc._.article_id
    texts, idx, _spaces = token_view(doc)
    text = doc_text(doc)  # offsets and texts from the token view, not from Span objects
    for ent in entity_index(doc)[1]:
        if marked and any(t._.boilerplate for t in ent):
            continue
        start, end = idx[ent.start], idx[ent.end - 1] + len(texts[ent.end - 1])
        name = text[start:end]
        yield Entity(article_id, start, end, name, ent.label_, canon.get((start, end), name))
