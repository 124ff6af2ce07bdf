"""The main job on the seeds: tables, offsets, and the cache (second build does not re-tag)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED_IDS

import kit
from kit.records import ARTICLE_COLUMNS, ENTITY_COLUMNS, FIGURE_COLUMNS, QUOTE_COLUMNS


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    return kit.build("seeds", manifest="seeds/manifest.csv", cache=cache, progress=False)


def test_tables_have_their_columns(corpus) -> None:
    assert list(corpus.articles.columns[: len(ARTICLE_COLUMNS)]) == list(ARTICLE_COLUMNS)
    assert list(corpus.entities.columns) == list(ENTITY_COLUMNS)
    assert list(corpus.quotes.columns[: len(QUOTE_COLUMNS)]) == list(QUOTE_COLUMNS)
    assert list(corpus.figures.columns) == list(FIGURE_COLUMNS)
    assert sorted(corpus.articles["id"]) == SEED_IDS


def test_manifest_dates_reach_the_articles_table(corpus) -> None:
    dates = dict(zip(corpus.articles["id"], corpus.articles["date"], strict=True))
    assert dates["004_ab2433fe5bdf728f"] == "2024-10-29"
    assert dates["001_9e7c26f75967a251"] == "2024-11-18"


def test_every_offset_slices_to_its_text(corpus) -> None:
    for _, row in corpus.entities.iterrows():
        assert corpus.texts[row.article_id][row.start : row.end] == row.text
    for _, row in corpus.figures.iterrows():
        assert corpus.texts[row.article_id][row.start : row.end] == row.text
    for _, row in corpus.quotes.iterrows():
        text = corpus.texts[row.article_id]
        assert 0 <= row.quote_start < row.quote_end <= len(text)


def test_second_build_comes_from_the_cache(tmp_path: Path) -> None:
    first = kit.build("seeds", cache=tmp_path, progress=False)
    second = kit.build("seeds", cache=tmp_path, progress=False)
    assert first.stats["tagged"] == 5
    assert second.stats["tagged"] == 0 and second.stats["from_cache"] == 5
    for name in ("articles", "entities", "quotes", "figures", "speakers"):
        left, right = first.table(name), second.table(name)
        assert left.astype(str).equals(right.astype(str)), name


def test_to_csv_writes_the_five_tables(corpus, tmp_path: Path) -> None:
    written = corpus.to_csv(tmp_path)
    assert sorted(p.name for p in written) == [
        "articles.csv", "entities.csv", "figures.csv", "quotes.csv", "speakers.csv", "texts.jsonl",
    ]  # fmt: skip
    texts = [json.loads(x) for x in (tmp_path / "texts.jsonl").read_text("utf-8").splitlines()]
    assert {t["id"]: t["text"] for t in texts} == corpus.texts
    header = (tmp_path / "quotes.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",")[: len(QUOTE_COLUMNS)] == list(QUOTE_COLUMNS)


def test_without_stored_tables_the_articles_still_come_from_the_cache(tmp_path: Path) -> None:
    import shutil

    kit.build("seeds", cache=tmp_path, progress=False)
    shutil.rmtree(tmp_path / "corpus")  # drop the corpus-level tables, keep per-article entries
    again = kit.build("seeds", cache=tmp_path, progress=False)
    assert again.stats["tagged"] == 0 and "tables_from_cache" not in again.stats


def test_a_correction_reassembles_without_retagging(tmp_path: Path) -> None:
    cache, corrections = tmp_path / "cache", tmp_path / "corr"
    corrections.mkdir()
    first = kit.build("seeds", cache=cache, corrections_dir=corrections, progress=False)
    assert "Antony Blinken" in set(first.speakers["speaker"])
    (corrections / "speaker_corrections.csv").write_text(
        "action,name,target,article_id,note\nrename,Antony Blinken,Tony Blinken,,test\n",
        encoding="utf-8",
    )
    second = kit.build("seeds", cache=cache, corrections_dir=corrections, progress=False)
    assert second.stats["tagged"] == 0 and "tables_from_cache" not in second.stats
    assert "Tony Blinken" in set(second.speakers["speaker"])
    assert "Antony Blinken" not in set(second.speakers["speaker"])


def test_quotes_in_paragraphs_shared_by_seeds_001_and_002_are_linked(corpus) -> None:
    from kit.corpus.speakers import quote_key

    a1, a2 = "001_9e7c26f75967a251", "002_ca6cb5af691f0bf3"
    both = f" {quote_key(corpus.texts[a1])} "
    shared = corpus.quotes[
        (corpus.quotes.article_id == a2)
        & corpus.quotes.sentence.map(lambda s: f" {quote_key(s)} " in both)
    ]
    assert len(shared), "the China paragraph both articles carry should yield a quote in 002"
    assert (shared.n_articles == 2).all()
    assert (shared.first_seen_in == a2).all()  # 002 is dated 2024-11-13, 001 2024-11-18
