"""All paths the kit uses, in one place.

One switch selects the corpus: by default the five shipped seed articles
(``seeds/`` with ``seeds/manifest.csv``); set ``KIT_CORPUS`` (and optionally
``KIT_MANIFEST``) to point every notebook and the CLI at your own folder.

Other environment variables:

- ``KIT_DATA``: where tables, caches, exports and corrections go
  (default: ``data/`` in the checkout).
- ``KIT_SPACY_MODEL``: name or path of a trained German spaCy pipeline to use
  instead of the kit's built-in one (see :mod:`kit.german.pipeline`).
- ``KIT_BENCHMARK``: folder of the WikiNews quotation benchmark
  (default: ``../shared/benchmarks/wikinews-quotes`` next to the checkout).
"""

from __future__ import annotations

import os
from pathlib import Path

#: the package folder (``kit/``) and its shipped linguistic resources
PACKAGE_DIR = Path(__file__).resolve().parent
RESOURCES_DIR = PACKAGE_DIR / "resources"

#: the checkout (one level above the package)
ROOT = PACKAGE_DIR.parent

SEEDS_DIR = ROOT / "seeds"
SEEDS_MANIFEST = SEEDS_DIR / "manifest.csv"
NOTEBOOKS_DIR = ROOT / "notebooks"
DOCS_DIR = ROOT / "docs"


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser() if value else default


DATA_DIR = _env_path("KIT_DATA", ROOT / "data")
PROCESSED_DIR = DATA_DIR / "processed"  # tables written by `make demo` / `kit build`
EXPORTS_DIR = DATA_DIR / "exports"  # charts and the CSV behind them
CACHE_DIR = DATA_DIR / "cache"  # per-article results, keyed by text + pipeline
CORRECTIONS_DIR = DATA_DIR  # analyst corrections (speakers, quantities) live here
SPEAKER_CORRECTIONS = CORRECTIONS_DIR / "speaker_corrections.csv"
QUANTITY_CORRECTIONS = CORRECTIONS_DIR / "quantity_corrections.csv"

#: the corpus switch: the seeds unless KIT_CORPUS names another folder/file
CORPUS = _env_path("KIT_CORPUS", SEEDS_DIR)
MANIFEST: Path | None = _env_path(
    "KIT_MANIFEST", SEEDS_MANIFEST if CORPUS == SEEDS_DIR else CORPUS / "manifest.csv"
)
if MANIFEST is not None and not MANIFEST.exists():
    MANIFEST = None

BENCHMARK_DIR = _env_path(
    "KIT_BENCHMARK", ROOT.parent / "shared" / "benchmarks" / "wikinews-quotes"
)


def resource(name: str) -> Path:
    """Path of a shipped resource file (``kit/resources/<name>``)."""
    return RESOURCES_DIR / name
