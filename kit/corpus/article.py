"""The per-article job: tag one article and extract its records.

:func:`process_article` is the unit of work that is cached
(:mod:`kit.corpus.cache`) and that the Dask engine ships to workers; it
depends only on the article and the pipeline. :func:`pipeline_fingerprint`
names everything that shapes its result (the kit's code and resources, the
pipeline's name and version), so a cache entry is never used across them.
"""

from __future__ import annotations

import json
from typing import Any

from kit.corpus.cache import code_fingerprint
from kit.corpus.guard import no_gc_pauses, time_limit
from kit.figures.extract import extract_figures
from kit.german.pipeline import extract_entities, pipeline_info, tag_article
from kit.quotes.extract import extract_quotes
from kit.reading.turns import detect_turns, given_kind
from kit.records import Article, to_dict


def process_article(article: Article, nlp: Any, *, timeout: float | None = None) -> dict[str, Any]:
    """Tag one article and extract its records (JSON-ready dicts); see
    :func:`process_article_json`."""
    return process_article_json(article, nlp, timeout=timeout)[0]


def process_article_json(
    article: Article, nlp: Any, *, timeout: float | None = None
) -> tuple[dict[str, Any], str]:
    """Tag one article and extract its records: (JSON-ready dicts, their JSON text).

    This is the unit of work that is cached and that the Dask engine ships to
    workers; it must depend only on the article and the pipeline. ``timeout``
    (seconds) is the article's budget: over it, :class:`kit.corpus.guard.ArticleTimeout`
    says which stage was running (see :mod:`kit.corpus.guard`).
    """
    with time_limit(timeout) as budget, no_gc_pauses():
        budget.stage("tagging")
        doc = tag_article(article, nlp)
        budget.stage("finding entities")
        entities = list(extract_entities(doc))
        budget.stage("extracting quotes")
        quotes = list(extract_quotes(doc))
        budget.stage("extracting figures")
        figures = list(extract_figures(doc, quotes=quotes))
        budget.stage("finding turns")
        kind = detect_turns(article.text, given_kind(article)).kind
        budget.stage("writing the result")
        payload = {
            "n_words": _n_words(doc),
            "kind": kind,
            "entities": [to_dict(e) for e in entities],
            "quotes": [to_dict(q) for q in quotes],
            "figures": [to_dict(f) for f in figures],
        }
        # the JSON round trip makes a fresh result identical to one read back from the
        # cache or shipped from a Dask worker (tuples of spans become lists); the text
        # is what the cache stores, so it is made once
        body = json.dumps(payload, ensure_ascii=False)
        return json.loads(body), body


def _n_words(doc: Any) -> int:
    """Tokens that are neither space nor punctuation (from arrays, no Token objects)."""
    from spacy.attrs import IS_PUNCT, IS_SPACE

    if not len(doc):
        return 0
    arr = doc.to_array([IS_SPACE, IS_PUNCT])
    return int((arr.sum(axis=1) == 0).sum())


def cache_text(article: Article) -> str:
    """What the per-article cache is keyed by: the text, and the kind when the manifest
    gives one (a given kind changes the extraction; a detected one follows the text)."""
    kind = given_kind(article)
    return f"{article.text}\0kind={kind}" if kind else article.text


def pipeline_fingerprint(nlp: Any) -> str:
    info = pipeline_info(nlp)
    return f"{code_fingerprint()}-{info.get('name', '')}-{info.get('version', '')}"
