"""Corpus: many articles → five tables, cached, on one machine or a Dask cluster.

The per-article job — tag, entities, quotes, figures (:mod:`.article`); the
per-article result cache (:mod:`.cache`); the tables and the
:class:`~kit.corpus.tables.Corpus` that holds them (:mod:`.tables`); the
corpus-level table cache (:mod:`.table_cache`); canonical speakers across
articles and quote reuse (:mod:`.speakers`, names and roles in :mod:`.names`),
the analyst's speaker corrections (:mod:`.corrections`); the engines — local
(:mod:`.builder`) and Dask (:mod:`.engine_dask`) — and :func:`build`, the
main job.

May import: :mod:`kit.quotes`, :mod:`kit.figures`, :mod:`kit.german`,
:mod:`kit.reading` and the bottom modules; never :mod:`kit.workbench` or
:mod:`kit.tools`.
"""

from kit.corpus.article import pipeline_fingerprint, process_article
from kit.corpus.builder import assemble, build
from kit.corpus.tables import TABLES, Corpus

__all__ = ["TABLES", "Corpus", "assemble", "build", "pipeline_fingerprint", "process_article"]
