"""Corpus-level speaker resolution. STUB — the quotes helper replaces this."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .records import QUOTE_COLUMNS, SPEAKER_COLUMNS


@dataclass
class SpeakerResolution:
    quotes: pd.DataFrame
    speakers: pd.DataFrame

    def canonical(self, article_id: str, name: str) -> str:
        return name


def resolve_corpus(quotes: list[dict[str, Any]], entities: pd.DataFrame, articles: pd.DataFrame,
                   *, corrections: Path | None = None) -> SpeakerResolution:
    return SpeakerResolution(pd.DataFrame(quotes, columns=list(QUOTE_COLUMNS)),
                             pd.DataFrame(columns=list(SPEAKER_COLUMNS)))
