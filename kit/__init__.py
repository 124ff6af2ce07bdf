"""kit: who said what, and which figures, in German news — inside JupyterLab.

The public API (imported lazily so ``import kit`` stays fast)::

    import kit
    loaded = kit.load_articles("seeds", manifest="seeds/manifest.csv")
    corpus = kit.build("seeds")          # tagged, with quotes/speakers/figures
    corpus.quotes.head()

See README.md and the numbered notebooks for the walk-through.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

#: public name -> module that defines it
_EXPORTS = {
    "config": "kit.config",
    "charts": "kit.charts",
    "widgets": "kit.widgets",
    "export": "kit.export",
    "html": "kit.html",
    "style": "kit.style",
    "tracking": "kit.tracking",
    "speakers": "kit.speakers",
    "evaluate": "kit.evaluate",
    "ChartStudio": "kit.studio",
    "load_articles": "kit.load",
    "LoadResult": "kit.load",
    "LoadError": "kit.load",
    "read_manifest": "kit.load",
    "mark_boilerplate": "kit.boilerplate",
    "get_nlp": "kit.tag",
    "pipeline_info": "kit.tag",
    "tag_article": "kit.tag",
    "extract_entities": "kit.tag",
    "extract_quotes": "kit.quotes",
    "evaluate_quotes": "kit.evaluate",
    "error_report": "kit.evaluate",
    "load_corrections": "kit.speakers",
    "add_correction": "kit.speakers",
    "extract_figures": "kit.numbers",
    "timeline": "kit.tracking",
    "build": "kit.corpus",
    "Corpus": "kit.corpus",
    "Article": "kit.records",
    "Span": "kit.records",
    "Entity": "kit.records",
    "Quote": "kit.records",
    "Figure": "kit.records",
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
