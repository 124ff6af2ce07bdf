"""Figure extraction. STUB — the numbers helper replaces this."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc

from .records import Figure, Quote


def extract_figures(doc: Doc, *, quotes: Sequence[Quote] = ()) -> Iterator[Figure]:
    return iter(())
