"""Shared fixtures. Benchmark data is read from ../shared at run time (never copied)."""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path

import pytest

from kit import config

SEEDS = sorted(config.SEEDS_DIR.glob("*.txt"))
SEED_IDS = [p.stem for p in SEEDS]


def seed_text(prefix: str) -> str:
    """Text of the seed article whose file name starts with ``prefix`` ("000", "001", ...)."""
    (path,) = [p for p in SEEDS if p.name.startswith(prefix)]
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=2)
def _benchmark_docs(split: str) -> dict[str, dict]:
    path = config.BENCHMARK_DIR / f"{split}.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh]
    return {d["documentName"].split(" - ", 1)[0]: d for d in docs}


def benchmark_doc(split: str, doc_id: str) -> dict:
    """One benchmark document by its numeric id (the part of documentName before " - ")."""
    path = config.BENCHMARK_DIR / f"{split}.jsonl.gz"
    if not path.exists():
        pytest.skip(
            f"benchmark split not found at {path} (it lives in ../shared, never in the repo)"
        )
    return _benchmark_docs(split)[doc_id]


def benchmark_sentence(split: str, doc_id: str, anchor: str) -> str:
    """The sentence of a benchmark document that contains ``anchor`` (read at run time)."""
    doc = benchmark_doc(split, doc_id)
    for sent in doc["sentences"]:
        if anchor in sent["text"]:
            return sent["text"].strip()
    raise AssertionError(f"anchor {anchor!r} not in {split} document {doc_id}")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return config.SEEDS_DIR


@pytest.fixture(scope="session")
def nlp():
    from kit.german.pipeline import get_nlp

    return get_nlp()
