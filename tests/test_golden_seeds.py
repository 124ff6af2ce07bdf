"""Golden files: the quotes and speakers of the five seed articles after ``kit.build``.

``tests/golden/quotes_<seed>.json`` holds, per quote, what an analyst reads
off the table: type, quote text, cue, speaker mention, canonical speaker,
role, kind and channel. When extraction changes on purpose, regenerate with

    KIT_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden_seeds.py

and review the diff (``git diff tests/golden``) before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import SEED_IDS

import kit
from kit import config

GOLDEN = Path(__file__).parent / "golden"
FIELDS = ("type", "quote_text", "cue", "speaker_mention", "speaker", "role", "speaker_kind", "via")
UPDATE = os.environ.get("KIT_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return kit.build(
        config.SEEDS_DIR,
        manifest=config.SEEDS_MANIFEST,
        cache=False,
        progress=False,
        corrections_dir=tmp_path_factory.mktemp("no_corrections"),
    )


def _rows(corpus, seed_id: str) -> list[dict]:
    frame = corpus.quotes[corpus.quotes.article_id == seed_id].sort_values("quote_start")
    return [
        {f: ("" if row[f] is None or row[f] != row[f] else row[f]) for f in FIELDS}
        for _, row in frame.iterrows()
    ]


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_seed_quotes_match_golden(corpus, seed_id):
    path = GOLDEN / f"quotes_{seed_id[:3]}.json"
    rows = _rows(corpus, seed_id)
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert rows == expected, f"quotes of {seed_id} changed: review, then KIT_UPDATE_GOLDEN=1"


def test_speakers_match_golden(corpus):
    path = GOLDEN / "speakers.json"
    table = corpus.speakers.sort_values("speaker")
    rows = [
        {"speaker": r.speaker, "kind": r.kind, "n_quotes": int(r.n_quotes)}
        for r in table.itertuples()
    ]
    if UPDATE:
        path.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert rows == json.loads(path.read_text(encoding="utf-8"))
