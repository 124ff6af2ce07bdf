"""German language: the one spaCy pipeline the kit runs, and what it knows of German.

The word-form lexicon (:mod:`.lexicon`), the in-context tagger with
Konjunktiv mood (:mod:`.tagger`), quote- and paragraph-aware sentence starts
(:mod:`.sentences`), names of people, organisations and places
(:mod:`.entities`), mention chains that name a description across sentences
(:mod:`.chains`), and the pipeline itself — a trained German model when one
is installed, else the built-in one — with the Doc contract the extraction
stages rely on (:mod:`.pipeline`).

May import: :mod:`kit.reading` and the bottom modules (:mod:`kit.config`,
:mod:`kit.records`, :mod:`kit.files`, :mod:`kit.wordlists`).
"""

from kit.german.pipeline import (
    ModelNotFound,
    extract_entities,
    get_nlp,
    normalise,
    pipeline_info,
    tag_article,
)

__all__ = [
    "ModelNotFound",
    "extract_entities",
    "get_nlp",
    "normalise",
    "pipeline_info",
    "tag_article",
]
