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
from kit.figures.extract import extract_figures
from kit.german.pipeline import extract_entities, pipeline_info, tag_article
from kit.quotes.extract import extract_quotes
from kit.reading.turns import detect_turns, given_kind
from kit.records import Article, to_dict


def process_article(article: Article, nlp: Any) -> dict[str, Any]:
    """Tag one article and extract its records (JSON-ready dicts).

    This is the unit of work that is cached and that the Dask engine ships to
    workers; it must depend only on the article and the pipeline.
    """
    doc = tag_article(article, nlp)
    entities = list(extract_entities(doc))
    quotes = list(extract_quotes(doc))
    figures = list(extract_figures(doc, quotes=quotes))
    kind = detect_turns(article.text, given_kind(article)).kind
    n_words = sum(1 for t in doc if not (t.is_space or t.is_punct))
    payload = {
        "n_words": n_words,
        "kind": kind,
        "entities": [to_dict(e) for e in entities],
        "quotes": [to_dict(q) for q in quotes],
        "figures": [to_dict(f) for f in figures],
    }
    # the JSON round trip makes a fresh result identical to one read back from the
    # cache or shipped from a Dask worker (tuples of spans become lists)
    return json.loads(json.dumps(payload, ensure_ascii=False))


def cache_text(article: Article) -> str:
    """What the per-article cache is keyed by: the text, and the kind when the manifest
    gives one (a given kind changes the extraction; a detected one follows the text)."""
    kind = given_kind(article)
    return f"{article.text}\0kind={kind}" if kind else article.text


def pipeline_fingerprint(nlp: Any) -> str:
    info = pipeline_info(nlp)
    return f"{code_fingerprint()}-{info.get('name', '')}-{info.get('version', '')}"
