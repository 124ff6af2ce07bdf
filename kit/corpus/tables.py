"""The five tables of a build and the :class:`Corpus` that holds them.

``articles``, ``entities``, ``quotes``, ``speakers``, ``figures``: one row per
record, every row with ``article_id`` and character offsets into the article's
text (columns in :mod:`kit.records`). The corpus also keeps the texts and
boilerplate spans, so the workbench shows exactly what was analysed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from kit.figures.tracking import timeline
from kit.files import atomic_write_text
from kit.reading.load import LoadResult

PathLike = str | Path

TABLES = ("articles", "entities", "quotes", "speakers", "figures")
#: the article texts next to the CSV tables (see :meth:`Corpus.to_csv`)
TEXTS_FILE = "texts.jsonl"


@dataclass
class Corpus:
    """The tables of one build, plus what is needed to show and explain them."""

    articles: pd.DataFrame
    entities: pd.DataFrame
    quotes: pd.DataFrame
    speakers: pd.DataFrame
    figures: pd.DataFrame
    load: LoadResult | None = None
    pipeline: dict[str, Any] = field(default_factory=dict)
    stats: dict[str, Any] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict, repr=False)
    boilerplate: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict, repr=False)

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name}={len(getattr(self, name))}" for name in TABLES)
        return f"<Corpus {sizes}; pipeline={self.pipeline.get('name', '?')}>"

    def table(self, name: str) -> pd.DataFrame:
        if name not in TABLES:
            raise KeyError(f"unknown table {name!r}; choose one of {', '.join(TABLES)}")
        return getattr(self, name)

    def to_csv(self, out_dir: PathLike) -> list[Path]:
        """Write the five tables as CSV (same columns as the frames) and the article
        texts as ``texts.jsonl``; returns the paths.

        ``texts.jsonl`` holds one ``{"id": …, "text": …}`` line per article: the text
        every offset in the tables points into (for a web page the extracted article
        text, not the page), so an export shows exactly what was analysed; the kit
        reads the file back as a corpus (``kit build OUT/texts.jsonl``).
        """
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name in TABLES:
            frame = _csv_ready(self.table(name))
            path = out / f"{name}.csv"
            atomic_write_text(path, frame.to_csv(index=False))
            written.append(path)
        path = out / TEXTS_FILE
        atomic_write_text(
            path,
            "".join(
                json.dumps({"id": aid, "text": text}, ensure_ascii=False) + "\n"
                for aid, text in self.texts.items()
            ),
        )
        written.append(path)
        return written

    def timeline(self, quantity: str | None = None, *, vague: bool = False) -> pd.DataFrame:
        """Claims of one tracked quantity over time (see :func:`kit.figures.tracking.timeline`);
        without ``quantity`` the main one, ``vague=True`` adds "Tausende" and the like."""
        return timeline(self, quantity, vague=vague)


def _csv_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists/tuples of spans become JSON strings in CSV."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object and out[col].map(lambda v: isinstance(v, (list, tuple))).any():
            out[col] = out[col].map(
                lambda v: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, tuple)) else v
            )
    return out
