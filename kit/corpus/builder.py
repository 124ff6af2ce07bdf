"""The main job: load → tag → extract → corpus-level resolution → tables.

``build(paths)`` is what the notebooks, the CLI (``python -m kit build``) and
``make demo`` call. Per article it runs :func:`process_article` (tagging,
entities, quotes, figures), whose result is cached on disk keyed by the text
and the pipeline fingerprint (:mod:`kit.corpus.cache`); then, across the corpus, it
resolves speakers to canonical names, links reused quotes and groups figures
into tracked quantities. The result is a :class:`Corpus` of DataFrames; every
row carries ``article_id`` and character offsets into the article's text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm.auto import tqdm

from kit import config
from kit.corpus.article import cache_text, pipeline_fingerprint, process_article_json
from kit.corpus.cache import ResultCache
from kit.corpus.engine_dask import DaskSession, run_dask
from kit.corpus.guard import DEFAULT_TIMEOUT, ArticleTimeout, SlowNotice, no_gc_pauses
from kit.corpus.speakers import resolve_corpus
from kit.corpus.table_cache import corpus_key, load_tables, save_tables
from kit.corpus.tables import Corpus
from kit.figures.tracking import assign_quantities
from kit.german.pipeline import get_nlp, pipeline_info
from kit.reading.load import LoadResult, load_articles
from kit.reading.turns import given_kind
from kit.records import (
    ARTICLE_COLUMNS,
    ENTITY_COLUMNS,
    FIGURE_COLUMNS,
    QUOTE_COLUMNS,
    QUOTE_EXTRA_COLUMNS,
    SPEAKER_COLUMNS,
    Article,
    Problem,
)

PathLike = str | Path


# ------------------------------------------------------------------------ build


def build(
    paths: PathLike | Sequence[PathLike] | None = None,
    *,
    manifest: PathLike | None = None,
    nlp: Any = None,
    model: str | None = None,
    cache: bool | PathLike = True,
    progress: bool = True,
    corrections_dir: PathLike | None = None,
    engine: str = "local",
    scheduler: Any = None,
    article_timeout: float | None = DEFAULT_TIMEOUT,
) -> Corpus:
    """Build the corpus tables for ``paths`` (default: the configured corpus).

    ``cache=False`` re-tags everything; a path puts the cache there.
    ``model`` names a trained spaCy pipeline (else ``KIT_SPACY_MODEL``, else the
    kit's built-in German pipeline). ``engine="dask"`` runs the per-article
    work on a Dask cluster (``scheduler``: an address, a ``distributed.Client``,
    or None for a LocalCluster).

    With the cache on, each article's results are stored by text and pipeline
    (:mod:`kit.corpus.cache`), and the finished tables by corpus, pipeline and the
    analyst's correction files (:mod:`kit.corpus.table_cache`): an unchanged corpus
    loads its tables, an edited correction re-runs only the corpus-level step.
    Old entries stay until ``make clean`` (or deleting ``data/cache/``).

    Web archives (``.warc``/``.warc.gz``) are read on the Dask workers with
    ``engine="dask"``, one archive per task (the workers need the files at the
    same path: a LocalCluster or a shared filesystem).

    ``article_timeout`` is each article's time budget in seconds (default
    :data:`kit.corpus.guard.DEFAULT_TIMEOUT`; None or 0: none). An article over it
    is stopped, left out of the tables and named in ``corpus.load.report()`` with
    the reason; the rest of the corpus is built (see :mod:`kit.corpus.guard`).
    """
    if engine not in ("local", "dask"):
        raise ValueError(f"unknown engine {engine!r}: use 'local' or 'dask'")
    kwargs = dict(
        manifest=manifest, nlp=nlp, model=model, cache=cache, progress=progress,
        corrections_dir=corrections_dir, engine=engine, article_timeout=article_timeout,
    )  # fmt: skip
    if engine == "dask":
        with DaskSession(scheduler) as session:
            return _build(paths, session=session, **kwargs)
    return _build(paths, session=None, **kwargs)


def _build(
    paths: PathLike | Sequence[PathLike] | None,
    *,
    manifest: PathLike | None,
    nlp: Any,
    model: str | None,
    cache: bool | PathLike,
    progress: bool,
    corrections_dir: PathLike | None,
    engine: str,
    article_timeout: float | None,
    session: DaskSession | None,
) -> Corpus:
    if paths is None:
        paths = config.CORPUS
        if manifest is None:
            manifest = config.MANIFEST
    page_cache = ((config.CACHE_DIR if cache is True else Path(cache)) / "pages") if cache else None
    loaded = load_articles(
        paths, manifest=manifest, map_archives=session.map_archives if session else None,
        page_cache=page_cache,
    )  # fmt: skip
    nlp = nlp if nlp is not None else get_nlp(model)
    info = pipeline_info(nlp)

    # corpus-level cache: same articles, pipeline and corrections -> the stored tables
    corrections = Path(corrections_dir) if corrections_dir is not None else config.CORRECTIONS_DIR
    table_dir = None
    if cache:
        key = corpus_key(
            loaded.articles,
            pipeline_fingerprint(nlp),
            [corrections / "speaker_corrections.csv", corrections / "quantity_corrections.csv"],
        )
        table_dir = (config.CACHE_DIR if cache is True else Path(cache)) / "corpus" / key
        tables = load_tables(table_dir)
        if tables is not None:
            n = len(loaded.articles)
            stats = {"articles": n, "tagged": 0, "from_cache": n, "tables_from_cache": True}
            return _corpus(loaded, tables, pipeline=info, stats=stats)

    if engine == "local":
        payloads, stats = _run_local(
            loaded.articles, nlp, cache=cache, progress=progress, timeout=article_timeout
        )
    else:
        payloads, stats = run_dask(
            loaded.articles,
            model=model,
            cache=cache,
            progress=progress,
            scheduler=session,
            timeout=article_timeout,
        )

    over = _drop_over_budget(loaded, payloads, stats)
    corpus = assemble(loaded, payloads, pipeline=info, stats=stats, corrections_dir=corrections)
    if table_dir is not None and not over:  # never store tables that miss an article
        save_tables(corpus, table_dir)
    return corpus


def _drop_over_budget(
    loaded: LoadResult, payloads: list[dict[str, Any] | None], stats: dict[str, Any]
) -> int:
    """Leave articles over their time budget out (in place) and name them in the report."""
    over = dict(stats.pop("over_budget", None) or [])
    stats["over_budget"] = len(over)
    if not over:
        return 0
    kept_articles, kept_payloads = [], []
    for i, (article, payload) in enumerate(zip(loaded.articles, payloads, strict=True)):
        if i in over:
            loaded.problems.append(Problem(_where(article), over[i], "skipped"))
        else:
            kept_articles.append(article)
            kept_payloads.append(payload)
    loaded.articles[:] = kept_articles
    payloads[:] = kept_payloads
    return len(over)


def _where(article: Article) -> str:
    """How the report names an article: its file, and its id when the file holds several."""
    source = str(article.source or "")
    if not source:
        return article.id
    return source if Path(source).stem == article.id else f"{source} [{article.id}]"


def _run_local(
    articles: Iterable[Article],
    nlp: Any,
    *,
    cache: bool | PathLike,
    progress: bool,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> tuple[list[dict[str, Any] | None], dict[str, Any]]:
    """Payloads in article order (None for an article over its budget) and stats;
    ``stats["over_budget"]`` lists (index, reason) of those articles."""
    articles = list(articles)
    store = None
    if cache:
        directory = None if cache is True else Path(cache)
        store = ResultCache(directory, fingerprint=pipeline_fingerprint(nlp))
    payloads: list[dict[str, Any] | None] = []
    tagged = 0
    over: list[tuple[int, str]] = []
    # one long article deserves a bar too: it is where a bar that names it helps
    quiet = not progress or (len(articles) < 2 and sum(len(a.text) for a in articles) < 200_000)
    bar = tqdm(articles, desc="tagging", unit="article", disable=quiet)
    with store.batch() if store else nullcontext(), SlowNotice(bar) as notice:
        for i, article in enumerate(bar):
            payload = store.get(cache_text(article)) if store else None
            if payload is None:
                notice.start(_where(article))
                try:
                    payload, body = process_article_json(article, nlp, timeout=timeout)
                except ArticleTimeout as exc:
                    over.append((i, str(exc)))
                    payloads.append(None)
                    continue
                finally:
                    notice.stop()
                tagged += 1
                if store:
                    store.put(cache_text(article), payload, body=body)
            payloads.append(payload)
    stats = {
        "articles": len(articles),
        "tagged": tagged,
        "from_cache": len(articles) - tagged - len(over),
        "over_budget": over,
    }
    return payloads, stats


def assemble(
    loaded: LoadResult,
    payloads: Sequence[dict[str, Any]],
    *,
    pipeline: dict[str, Any] | None = None,
    stats: dict[str, Any] | None = None,
    corrections_dir: PathLike | None = None,
) -> Corpus:
    """Turn per-article payloads into the corpus tables (the one place frames are built).

    The collector is held back meanwhile (:func:`kit.corpus.guard.no_gc_pauses`): the
    tables are long-lived objects, and its passes over them are wasted work.
    """
    with no_gc_pauses():
        return _assemble(
            loaded, payloads, pipeline=pipeline, stats=stats, corrections_dir=corrections_dir
        )


def _assemble(
    loaded: LoadResult,
    payloads: Sequence[dict[str, Any]],
    *,
    pipeline: dict[str, Any] | None = None,
    stats: dict[str, Any] | None = None,
    corrections_dir: PathLike | None = None,
) -> Corpus:
    corrections = Path(corrections_dir) if corrections_dir is not None else config.CORRECTIONS_DIR
    articles = loaded.articles
    # the article id is the join key of every table; payload ids follow the article
    rows = []
    entities: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []
    figures: list[dict[str, Any]] = []
    for article, payload in zip(articles, payloads, strict=True):
        rows.append(_article_row(article, payload))
        for key, bucket in (("entities", entities), ("quotes", quotes), ("figures", figures)):
            for rec in payload[key]:
                # in place, not a copy: the payloads are the builder's own, and a second
                # dict per record was a third of the peak memory of a large corpus
                rec["article_id"] = article.id
                bucket.append(rec)

    articles_df = pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS) + _extra_meta_columns(articles))
    entities_df = pd.DataFrame(entities, columns=list(ENTITY_COLUMNS))

    resolution = resolve_corpus(
        quotes,
        entities_df,
        articles_df,
        corrections=corrections / "speaker_corrections.csv",
        texts={a.id: a.text for a in articles},
    )
    quotes_df = resolution.quotes.reindex(columns=list(QUOTE_COLUMNS) + list(QUOTE_EXTRA_COLUMNS))
    speakers_df = resolution.speakers.reindex(columns=list(SPEAKER_COLUMNS))

    figures_df = pd.DataFrame(figures, columns=list(FIGURE_COLUMNS))
    if len(figures_df):
        figures_df["source"] = [
            resolution.canonical(a, s)
            for a, s in zip(figures_df.article_id, figures_df.source, strict=True)
        ]
    figures_df = assign_quantities(
        figures_df, articles_df, corrections=corrections / "quantity_corrections.csv"
    ).reindex(columns=list(FIGURE_COLUMNS))

    tables = {
        "articles": articles_df,
        "entities": entities_df,
        "quotes": quotes_df,
        "speakers": speakers_df,
        "figures": figures_df,
    }
    return _corpus(loaded, tables, pipeline=pipeline, stats=stats)


def _corpus(
    loaded: LoadResult,
    tables: dict[str, pd.DataFrame],
    *,
    pipeline: dict[str, Any] | None,
    stats: dict[str, Any] | None,
) -> Corpus:
    articles = loaded.articles
    return Corpus(
        **tables,
        load=loaded,
        pipeline=dict(pipeline or {}),
        stats=dict(stats or {}),
        texts={a.id: a.text for a in articles},
        boilerplate={a.id: [(s.start, s.end, s.kind) for s in a.boilerplate] for a in articles},
    )


def _article_row(article: Article, payload: dict[str, Any]) -> dict[str, Any]:
    meta = article.meta
    row = {
        "id": article.id,
        "title": article.title,
        "date": article.date,
        "outlet": meta.get("outlet", ""),
        "url": meta.get("url", ""),
        "source": article.source,
        "encoding": article.encoding,
        "n_chars": len(article.text),
        "n_words": payload.get("n_words", 0),
        "boilerplate": [[s.start, s.end, s.kind] for s in article.boilerplate],
        # given in the manifest, else detected from the text (kit.reading.turns)
        "kind": given_kind(article) or payload.get("kind") or "news",
    }
    for key in ("authors", "datetime", "modified", "language", "meta_sources"):  # web pages
        row[key] = meta.get(key, "")
    for key, value in meta.items():
        row.setdefault(key, value)
    return row


def _extra_meta_columns(articles: Sequence[Article]) -> list[str]:
    seen: dict[str, None] = {}
    for a in articles:
        for key in a.meta:
            if key not in ARTICLE_COLUMNS:
                seen.setdefault(key, None)
    return list(seen)
