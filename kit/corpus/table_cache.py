"""Corpus-level table cache: same articles, pipeline and corrections → stored tables.

The per-article cache (:mod:`kit.corpus.cache`) saves the tagging and extraction; this
one saves the corpus-level step too (speaker resolution, quote reuse, tracked
quantities), so re-opening a notebook on an unchanged corpus loads five
Parquet files instead of rebuilding. The key covers every article (id, text,
metadata), the pipeline fingerprint and the analyst's correction files:
editing a correction changes the key, so corrections always apply.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kit.corpus.guard import no_gc_pauses
from kit.corpus.tables import TABLES, Corpus
from kit.files import text_key
from kit.records import Article

PathLike = str | Path


def corpus_key(
    articles: Sequence[Article], fingerprint: str, extra_files: Sequence[PathLike] = ()
) -> str:
    """Key of a whole build: every article (id, text, metadata), the pipeline, extra files.

    ``extra_files`` are the analyst's correction files: editing one changes the
    key, so corrections always apply on the next build. Same articles, same
    pipeline, same corrections → same key → :func:`load_tables` can skip the
    corpus-level work.
    """

    h = hashlib.sha256(fingerprint.encode())
    for a in articles:
        meta = json.dumps(a.meta, sort_keys=True, ensure_ascii=False, default=str)
        h.update(f"\0{a.id}\0{text_key(a.text)}\0{a.source}\0{a.encoding}\0{meta}".encode())
    for f in extra_files:
        p = Path(f)
        h.update(f"\0{p}\0".encode() + (p.read_bytes() if p.is_file() else b"<missing>"))
    return h.hexdigest()[:32]


def save_tables(corpus: Corpus, folder: PathLike) -> Path | None:
    """Store the five tables of ``corpus`` so :func:`load_tables` gives them back exactly.

    One Parquet file per table; object columns (span tuples, mixed lists,
    ``None``/number mixes) are stored as JSON text and restored to the same
    Python types. Written to a temporary folder and renamed: all or nothing.
    Returns ``None`` (with a warning) if a value cannot be stored; the build
    is unaffected, only the next one is not faster.
    """

    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        for name in TABLES:
            frame = corpus.table(name).copy()
            kinds = {}
            for col in frame.columns:
                if frame[col].dtype == object:
                    kinds[col] = (
                        "tuple" if frame[col].map(lambda v: isinstance(v, tuple)).any() else "json"
                    )
                    frame[col] = frame[col].map(lambda v: json.dumps(v, ensure_ascii=False))
            table = pa.Table.from_pandas(frame, preserve_index=False)
            meta = dict(table.schema.metadata or {})
            meta[b"kit_object_columns"] = json.dumps(kinds).encode()
            pq.write_table(table.replace_schema_metadata(meta), tmp / f"{name}.parquet")
        if folder.exists():
            shutil.rmtree(folder)
        tmp.rename(folder)
    except (TypeError, ValueError, pa.ArrowException) as exc:  # a value JSON/Arrow cannot hold
        shutil.rmtree(tmp, ignore_errors=True)
        warnings.warn(
            f"corpus tables not stored ({exc}); the next build assembles again", stacklevel=2
        )
        return None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return folder


def load_tables(folder: PathLike) -> dict[str, Any] | None:
    """The tables stored by :func:`save_tables` (name → DataFrame), or ``None`` if incomplete."""

    import pandas as pd
    import pyarrow.parquet as pq

    folder = Path(folder)
    out = {}
    try:
        with no_gc_pauses():  # long-lived objects only: no collector passes
            for name in TABLES:
                table = pq.read_table(folder / f"{name}.parquet")
                kinds = json.loads((table.schema.metadata or {}).get(b"kit_object_columns", b"{}"))
                frame = table.to_pandas()
                for col, kind in kinds.items():
                    texts = frame[col].tolist()
                    # one JSON array per column: one parse instead of one call per value
                    decoded = json.loads("[" + ",".join(texts) + "]")
                    if kind == "tuple":
                        decoded = [_to_tuples(v) for v in decoded]
                    frame[col] = pd.Series(decoded, index=frame.index, dtype=object)
                out[name] = frame
    except (OSError, ValueError, KeyError):
        return None
    return out


def _to_tuples(value: Any) -> Any:
    if isinstance(value, list):  # scalars are taken as they are, without a call each
        return tuple([_to_tuples(v) if isinstance(v, list) else v for v in value])
    return value
