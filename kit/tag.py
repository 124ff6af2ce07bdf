"""The one German spaCy pipeline the kit uses. STUB — the tag helper extends this.

Contract (other modules rely on it):

- ``get_nlp(model=None) -> Language``: a trained German pipeline if one is
  installed/named (argument, ``KIT_SPACY_MODEL``, then de_core_news_lg/md/sm),
  else the kit's built-in pipeline. Cached per name.
- ``pipeline_info(nlp) -> dict`` with ``name``, ``version``, ``kind``
  ("trained" | "built-in") and ``components``.
- ``tag_article(article, nlp) -> Doc``: ``doc.text`` has exactly the length of
  ``article.text`` (newlines are turned into spaces one-to-one, which keeps
  spaCy fast and every offset valid); ``doc._.article_id``, ``doc._.text``
  (the original text) and ``doc._.boilerplate`` (list of (start, end, kind))
  are set; tokens inside boilerplate have ``token._.boilerplate`` True.
- ``extract_entities(doc) -> Iterator[Entity]`` (outside boilerplate).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from .records import Article, Entity

BUILTIN_NAME = "de_kit_builtin"
TRAINED_CANDIDATES = ("de_core_news_lg", "de_core_news_md", "de_core_news_sm")


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


@lru_cache(maxsize=4)
def get_nlp(model: str | None = None) -> Language:
    name = model or os.environ.get("KIT_SPACY_MODEL") or None
    if name and name != BUILTIN_NAME:
        return spacy.load(name)
    if name is None:
        for candidate in TRAINED_CANDIDATES:
            try:
                return spacy.load(candidate)
            except OSError:
                continue
    return _builtin()


def _builtin() -> Language:
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.meta["name"] = "kit_builtin"
    nlp.meta["version"] = "0.0.1"
    return nlp


def pipeline_info(nlp: Language) -> dict[str, Any]:
    name = f"{nlp.meta.get('lang', 'de')}_{nlp.meta.get('name', '')}"
    return {
        "name": name,
        "version": nlp.meta.get("version", ""),
        "kind": "built-in" if name == BUILTIN_NAME else "trained",
        "components": list(nlp.pipe_names),
    }


def normalise(text: str) -> str:
    """One-to-one: line breaks become spaces (same length, same offsets)."""
    return text.replace("\r", " ").replace("\n", " ")


def tag_article(article: Article, nlp: Language) -> Doc:
    doc = nlp(normalise(article.text))
    doc._.article_id = article.id
    doc._.text = article.text
    spans = [(s.start, s.end, s.kind) for s in article.boilerplate]
    doc._.boilerplate = spans
    for start, end, _ in spans:
        for tok in doc:
            if tok.idx < end and start < tok.idx + len(tok):
                tok._.boilerplate = True
    return doc


def extract_entities(doc: Doc) -> Iterator[Entity]:
    for ent in doc.ents:
        if any(t._.boilerplate for t in ent):
            continue
        yield Entity(doc._.article_id, ent.start_char, ent.end_char, ent.text, ent.label_, ent.text)
