"""Quote attribution. STUB — the quotes helper replaces this."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from .records import Quote


def extract_quotes(doc: Doc) -> Iterator[Quote]:
    return iter(())
