"""Tracked quantities across articles. STUB — the numbers helper replaces this."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd


def assign_quantities(figures: pd.DataFrame, articles: pd.DataFrame, *, corrections: Path | None = None) -> pd.DataFrame:
    return figures


def timeline(corpus: Any, quantity: str | None = None) -> pd.DataFrame:
    return pd.DataFrame(columns=["date", "value", "value_high", "qualifier", "source", "article_id", "sentence"])
