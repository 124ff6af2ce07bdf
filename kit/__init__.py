"""kit: who said what, and which figures, in German news — inside JupyterLab.

The public API (imported lazily so ``import kit`` stays fast)::

    import kit
    loaded = kit.load_articles("seeds", manifest="seeds/manifest.csv")
    corpus = kit.build("seeds")          # tagged, with quotes/speakers/figures
    corpus.quotes.head()

The package reads as its pipeline, each layer importing only from the ones
below it (``lint-imports`` checks it; map in docs/design.md)::

    kit.reading   files → articles (decode, manifest, boilerplate, load)
    kit.german    the German pipeline (lexicon, tagger, sentences, entities)
    kit.quotes    who said what          kit.figures   numbers, sources, tracking
    kit.corpus    many articles → tables (cache, engines, canonical speakers)
    kit.workbench widgets, charts, HTML, exports
    kit.tools     benchmark and evaluation (beside the runtime)
    kit.config · kit.records · kit.files · kit.wordlists   (the bottom layer)

See README.md and the numbered notebooks for the walk-through.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
from typing import Any

__version__ = "0.1.0"

#: public name -> module that defines it
_EXPORTS = {
    "reading": "kit.reading",
    "german": "kit.german",
    "quotes": "kit.quotes",
    "figures": "kit.figures",
    "corpus": "kit.corpus",
    "workbench": "kit.workbench",
    "tools": "kit.tools",
    "config": "kit.config",
    "charts": "kit.workbench.charts",
    "widgets": "kit.workbench.widgets",
    "export": "kit.workbench.export",
    "html": "kit.workbench.html",
    "style": "kit.workbench.style",
    "tracking": "kit.figures.tracking",
    "speakers": "kit.corpus.speakers",
    "evaluate": "kit.tools.evaluate",
    "ChartStudio": "kit.workbench.studio",
    "ArticleBrowser": "kit.workbench.widgets",
    "QuoteExplorer": "kit.workbench.widgets",
    "FigureExplorer": "kit.workbench.widgets",
    "SpeakerEditor": "kit.workbench.widgets",
    "TableView": "kit.workbench.tables",
    "load_articles": "kit.reading.load",
    "LoadResult": "kit.reading.load",
    "LoadError": "kit.reading.load",
    "read_manifest": "kit.reading.load",
    "mark_boilerplate": "kit.reading.boilerplate",
    "get_nlp": "kit.german.pipeline",
    "pipeline_info": "kit.german.pipeline",
    "tag_article": "kit.german.pipeline",
    "extract_entities": "kit.german.pipeline",
    "extract_quotes": "kit.quotes.extract",
    "evaluate_quotes": "kit.tools.evaluate",
    "error_report": "kit.tools.evaluate",
    "load_corrections": "kit.corpus.speakers",
    "add_correction": "kit.corpus.speakers",
    "extract_figures": "kit.figures.extract",
    "timeline": "kit.figures.tracking",
    "build": "kit.corpus.builder",
    "Corpus": "kit.corpus.tables",
    "Article": "kit.records",
    "Span": "kit.records",
    "Entity": "kit.records",
    "Quote": "kit.records",
    "Figure": "kit.records",
}

#: module paths of the flat layout before the stage subpackages; ``import kit.tag``
#: or ``from kit.widgets import QuoteExplorer`` in an analyst's own notebook keep working
_MOVED = {
    "kit.decode": "kit.reading.decode",
    "kit.manifest": "kit.reading.manifest",
    "kit.boilerplate": "kit.reading.boilerplate",
    "kit.load": "kit.reading.load",
    "kit.lexicon": "kit.german.lexicon",
    "kit.tagger": "kit.german.tagger",
    "kit.sentences": "kit.german.sentences",
    "kit.ner": "kit.german.entities",
    "kit.tag": "kit.german.pipeline",
    "kit.cues": "kit.quotes.cues",
    "kit.quote_text": "kit.quotes.text",
    "kit.quote_speaker": "kit.quotes.mentions",
    "kit.quote_clauses": "kit.quotes.clauses",
    "kit.quote_direct": "kit.quotes.direct",
    "kit.quote_phrases": "kit.quotes.phrases",
    "kit.numbers": "kit.figures.extract",
    "kit.number_parse": "kit.figures.parse",
    "kit.figure_sources": "kit.figures.sources",
    "kit.tracking": "kit.figures.tracking",
    "kit.cache": "kit.corpus.cache",
    "kit.table_cache": "kit.corpus.table_cache",
    "kit.engine_dask": "kit.corpus.engine_dask",
    "kit.speakers": "kit.corpus.speakers",
    "kit.speaker_corrections": "kit.corpus.corrections",
    "kit.style": "kit.workbench.style",
    "kit.charts": "kit.workbench.charts",
    "kit.html": "kit.workbench.html",
    "kit.export": "kit.workbench.export",
    "kit.widgets": "kit.workbench.widgets",
    "kit.studio": "kit.workbench.studio",
    "kit.evaluate": "kit.tools.evaluate",
    "kit.bench": "kit.tools.bench",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kit' has no attribute {name!r}")
    mod = importlib.import_module(module)
    value = mod if module.endswith("." + name) else getattr(mod, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


class _MovedModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds an old flat module path and hands out the module at its new place."""

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        if fullname not in _MOVED:
            return None
        return importlib.machinery.ModuleSpec(fullname, self)

    def create_module(self, spec: Any) -> Any:
        return importlib.import_module(_MOVED[spec.name])

    def exec_module(self, module: Any) -> None:
        pass  # the module at its new place is already executed


if not any(isinstance(f, _MovedModules) for f in sys.meta_path):
    sys.meta_path.append(_MovedModules())
