"""Export charts as PNG, SVG and PDF together with the CSV behind them.

Every export writes the image in each format plus the plotted data as CSV,
headed by the chart's title, source line and the export date (as ``#``
comment lines: ``pd.read_csv(path, comment="#")`` reads the table back).
Files go to ``data/exports/`` (:data:`kit.config.EXPORTS_DIR`) unless another
folder is given.

Safety rules:

- the file name is derived from the title by :func:`safe_filename`: German
  umlauts transliterated ("Schätzungen" → "schaetzungen"), only ``a-z0-9-``,
  no path separators or ``..``, no reserved device names (``CON``, ``NUL``…),
  at most 80 characters;
- an existing file is never overwritten silently: the export gets a new
  suffix (``-2``, ``-3``…) unless ``overwrite=True``;
- every file is written atomically (:func:`kit.corpus.cache.atomic_write_bytes`), so
  an interrupted export never leaves half an image.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from kit import config
from kit.files import atomic_write_bytes, atomic_write_text
from kit.workbench import style
from kit.workbench.charts import chart_for, chart_info, top_quantity

FORMATS = ("png", "svg", "pdf")
MAX_NAME = 80
_TRANSLIT = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
)
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}


def safe_filename(title: str, *, default: str = "chart", max_len: int = MAX_NAME) -> str:
    """A safe, readable file stem for ``title``.

    >>> safe_filename("Schätzungen: nordkoreanische Soldaten in Russland")
    'schaetzungen-nordkoreanische-soldaten-in-russland'
    >>> safe_filename("../../etc/passwd")
    'etc-passwd'
    """
    text = unicodedata.normalize("NFC", str(title or "")).translate(_TRANSLIT)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    stem = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(stem) > max_len:
        cut = stem[:max_len]
        stem = cut.rsplit("-", 1)[0] if "-" in cut[max_len // 2 :] else cut
        stem = stem.strip("-")
    if not stem:
        stem = default
    if stem.split("-", 1)[0] in _RESERVED and "-" not in stem:
        stem = f"{stem}-chart"
    return stem


def _free_stem(out_dir: Path, stem: str, suffixes: Sequence[str], overwrite: bool) -> str:
    if overwrite:
        return stem
    candidate, n = stem, 1
    while any((out_dir / f"{candidate}.{s}").exists() for s in suffixes):
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


def csv_text(
    data: pd.DataFrame, *, title: str = "", source: str = "", today: dt.date | None = None
) -> str:
    """The CSV behind a chart, headed by ``# title``, ``# source`` and ``# exported`` lines."""
    today = today or dt.date.today()
    head = [f"# {line}" for line in (title, source) if line]
    head.append(f"# exported: {today.isoformat()} (kit)")
    return "\n".join(head) + "\n" + data.to_csv(index=False)


def export_chart(
    fig: Figure,
    *,
    out_dir: str | Path | None = None,
    name: str | None = None,
    formats: Sequence[str] = FORMATS,
    data: pd.DataFrame | None = None,
    overwrite: bool = False,
) -> list[Path]:
    """Write ``fig`` as PNG/SVG/PDF and its data as CSV; return the paths written.

    ``name`` (default: the chart's title) becomes a safe file stem. Raster
    resolution follows the chart's size preset (web 100 dpi, print 300 dpi…).
    """
    info = chart_info(fig)
    formats = [f.lower().lstrip(".") for f in formats]
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise ValueError(f"unsupported format {bad[0]!r}: use {', '.join(FORMATS)}")
    out = Path(out_dir) if out_dir is not None else config.EXPORTS_DIR
    out.mkdir(parents=True, exist_ok=True)
    title = name or (info.title if info else "") or "chart"
    stem = _free_stem(out, safe_filename(title), [*formats, "csv"], overwrite)
    dpi = style.size(info.size).dpi if info else 150
    written = []
    for fmt in formats:
        buf = io.BytesIO()
        with style.house_style(info.size if info else "web"):
            fig.savefig(buf, format=fmt, dpi=dpi, metadata=_metadata(fmt, info))
        path = out / f"{stem}.{fmt}"
        atomic_write_bytes(path, buf.getvalue())
        written.append(path)
    table = data if data is not None else (info.data if info else None)
    if table is not None:
        path = out / f"{stem}.csv"
        atomic_write_text(
            path,
            csv_text(
                table, title=info.title if info else title, source=info.source if info else ""
            ),
        )
        written.append(path)
    return written


def _metadata(fmt: str, info: Any) -> dict[str, str] | None:
    if info is None:
        return None
    if fmt == "png":
        return {"Title": info.title, "Source": info.source, "Software": "kit"}
    if fmt in ("pdf", "svg"):
        return {"Title": info.title}
    return None


def export_default_charts(
    corpus: Any, out_dir: str | Path | None = None, *, lang: str = "de"
) -> list[Path]:
    """Export the headline chart and the quotes-per-speaker chart of ``corpus`` (``make demo``).

    Charts without data are skipped with a warning. Default charts replace
    their previous export (same title → same file), so re-running a demo does
    not pile up copies.
    """
    written: list[Path] = []
    for kind, has_data in (
        ("estimates", lambda: top_quantity(corpus) != ""),  # no main quantity: no noise chart
        ("quotes_per_speaker", lambda: len(corpus.quotes) > 0),
        ("figure_categories", lambda: len(corpus.figures) > 0),
    ):
        if not has_data():
            warnings.warn(
                f"kit.workbench.export: no data for the {kind} chart yet; skipped", stacklevel=2
            )
            continue
        fig = chart_for(corpus, kind, lang=lang)
        info = chart_info(fig)
        if info is not None and info.data.empty:
            warnings.warn(
                f"kit.workbench.export: no data for the {kind} chart yet; skipped", stacklevel=2
            )
            continue
        written += export_chart(fig, out_dir=out_dir, overwrite=True)
    return written
