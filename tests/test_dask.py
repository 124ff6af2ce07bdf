"""The Dask engine gives the local engine's tables; Parquet round-trips them.

One LocalCluster (2 worker processes, 1 thread each) serves the module and is
closed at the end; builds reach it through its scheduler address, the path a
real cluster takes.
"""

from __future__ import annotations

import pandas as pd
import pandas.testing as pdt
import pytest

from kit.corpus import TABLES, build
from kit.corpus.engine_dask import partition, read_parquet, run_dask, write_parquet
from kit.corpus.table_cache import corpus_key, load_tables, save_tables
from kit.reading.load import load_articles

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=40
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def local_corpus(seeds_dir):
    return build(seeds_dir, cache=False, progress=False)


@pytest.fixture(scope="module")
def dask_corpus(seeds_dir, scheduler, tmp_path_factory):
    cache = tmp_path_factory.mktemp("dask_cache")
    corpus = build(seeds_dir, cache=cache, progress=False, engine="dask", scheduler=scheduler)
    corpus.stats["cache_dir"] = cache
    return corpus


@pytest.mark.parametrize("table", TABLES)
def test_dask_engine_gives_the_local_tables(local_corpus, dask_corpus, table):
    pdt.assert_frame_equal(dask_corpus.table(table), local_corpus.table(table))


def test_dask_engine_ships_every_article_once_in_batches(dask_corpus, seeds_dir):
    n = len(load_articles(seeds_dir).articles)
    assert dask_corpus.stats["articles"] == n
    assert dask_corpus.stats["tagged"] == n
    assert 1 <= dask_corpus.stats["batches"] <= n
    assert dask_corpus.stats["workers"] == 2


def test_dask_results_land_in_the_shared_per_article_cache(dask_corpus, seeds_dir):
    """A local rebuild on the Dask engine's cache tags nothing and gives the same tables."""
    if dask_corpus.stats.get("fingerprint_mismatch"):
        pytest.skip("kit code changed while the test ran (workers saw other sources)")
    again = build(seeds_dir, cache=dask_corpus.stats["cache_dir"], progress=False)
    assert again.stats["tagged"] == 0
    pdt.assert_frame_equal(again.quotes, dask_corpus.quotes)


def test_run_dask_returns_payloads_in_article_order_on_a_default_local_cluster(seeds_dir):
    """No scheduler: run_dask starts (and closes) its own LocalCluster; 1 worker here."""
    articles = load_articles(seeds_dir).articles[:3][::-1]  # any order in, same order out
    payloads, stats = run_dask(articles, cache=False, progress=False, n_workers=1)
    assert stats["workers"] == 1
    from kit.corpus import process_article
    from kit.german.pipeline import get_nlp

    nlp = get_nlp()
    assert [p["n_words"] for p in payloads] == [
        process_article(a, nlp)["n_words"] for a in articles
    ]


def test_cached_corpus_needs_no_cluster(dask_corpus, seeds_dir):
    """Everything in the cache: no cluster is contacted (an unreachable address is fine)."""
    if dask_corpus.stats.get("fingerprint_mismatch"):
        pytest.skip("kit code changed while the test ran (workers saw other sources)")
    articles = load_articles(seeds_dir).articles
    payloads, stats = run_dask(
        articles,
        cache=dask_corpus.stats["cache_dir"],
        progress=False,
        scheduler="tcp://127.0.0.1:9",
    )
    assert stats["from_cache"] == len(articles) and len(payloads) == len(articles)


@pytest.mark.parametrize(
    ("sizes", "n", "expected"),
    [
        ([5, 5, 5, 5], 2, [range(0, 2), range(2, 4)]),
        ([100, 1, 1, 1, 1], 2, [range(0, 1), range(1, 5)]),  # a long article gets its own batch
        ([1, 1, 1], 10, [range(0, 1), range(1, 2), range(2, 3)]),  # never more batches than items
        ([], 4, []),
    ],
)
def test_partition_keeps_order_and_balances_text(sizes, n, expected):
    assert partition(sizes, n) == expected


def test_partition_splits_batches_above_the_size_cap():
    batches = partition([10] * 10, 1, max_size=30)
    assert [len(b) for b in batches] == [3, 3, 3, 1]


# ---------------------------------------------------------------- Parquet


def test_parquet_round_trip_is_lazy_and_complete(local_corpus, tmp_path):
    written = write_parquet(local_corpus, tmp_path, articles_per_part=2)
    assert [p.name for p in written] == list(TABLES)
    n = len(local_corpus.articles)
    assert len(list((tmp_path / "articles").glob("part-*.parquet"))) == -(-n // 2)
    lazy = read_parquet(tmp_path, "articles")
    assert hasattr(lazy, "compute") and not isinstance(lazy, pd.DataFrame)
    back = lazy.compute()
    assert list(back["id"]) == list(local_corpus.articles["id"])
    for name in ("entities", "quotes", "figures"):
        got = read_parquet(tmp_path, name).compute()
        assert list(got.columns) == list(local_corpus.table(name).columns)
        assert len(got) == len(local_corpus.table(name))
        want = local_corpus.table(name)
        key = (
            ["article_id", "start", "end"]
            if name != "quotes"
            else ["article_id", "quote_start", "quote_end"]
        )
        assert got[key].astype(str).values.tolist() == want[key].astype(str).values.tolist()


def test_parquet_rewrite_leaves_no_stale_parts(local_corpus, tmp_path):
    write_parquet(local_corpus, tmp_path, articles_per_part=1)
    write_parquet(local_corpus, tmp_path, articles_per_part=1000)
    assert [p.name for p in (tmp_path / "articles").iterdir()] == ["part-00000.parquet"]
    assert len(read_parquet(tmp_path, "articles").compute()) == len(local_corpus.articles)


def test_read_parquet_names_the_missing_table(tmp_path):
    with pytest.raises(FileNotFoundError, match="write_parquet"):
        read_parquet(tmp_path, "quotes")
    with pytest.raises(KeyError):
        read_parquet(tmp_path, "nonsense")


# ------------------------------------------------- corpus-level table store


def test_stored_tables_come_back_exactly(local_corpus, tmp_path):
    """Span tuples, None/number mixes, string and integer columns: all as built."""
    assert save_tables(local_corpus, tmp_path / "t") == tmp_path / "t"
    back = load_tables(tmp_path / "t")
    for name in TABLES:
        pdt.assert_frame_equal(back[name], local_corpus.table(name), check_exact=True)


def test_incomplete_table_store_reads_as_a_miss(local_corpus, tmp_path):
    save_tables(local_corpus, tmp_path / "t")
    (tmp_path / "t" / "quotes.parquet").write_bytes(b"PAR1 truncated")
    assert load_tables(tmp_path / "t") is None
    assert load_tables(tmp_path / "nothing") is None


def test_corpus_key_changes_with_text_metadata_and_corrections(seeds_dir, tmp_path):
    import dataclasses

    articles = load_articles(seeds_dir).articles
    corrections = tmp_path / "speaker_corrections.csv"
    corrections.write_text("mention,speaker\n", encoding="utf-8")
    key = corpus_key(articles, "fp", [corrections])
    assert corpus_key(articles, "fp", [corrections]) == key
    assert corpus_key(articles, "other-pipeline", [corrections]) != key
    edited = [dataclasses.replace(articles[0], text=articles[0].text + " "), *articles[1:]]
    assert corpus_key(edited, "fp", [corrections]) != key
    redated = [
        dataclasses.replace(articles[0], meta={**articles[0].meta, "date": "2024-12-01"}),
        *articles[1:],
    ]
    assert corpus_key(redated, "fp", [corrections]) != key
    corrections.write_text("mention,speaker\nKim,Kim Jong Un\n", encoding="utf-8")
    assert corpus_key(articles, "fp", [corrections]) != key


def test_dask_engine_reads_web_archives_on_the_workers(scheduler, tmp_path):
    """Archives are read on the workers (one task each); the tables equal the local build."""
    import os

    from test_ingest import HTML, article_page, german, write_warc

    from kit.corpus.engine_dask import DaskSession

    for k in range(2):
        recs = [
            ("response", f"https://www.example.de/{k}-{i}.html", article_page(f"Meldung {k}-{i} aus dem Rathaus", "2024-03-05", german(10 * k + i)), "200 OK", HTML)
            for i in range(2)
        ]  # fmt: skip
        write_warc(tmp_path / f"crawl{k}.warc.gz", recs)
    (tmp_path / "a.txt").write_text(
        "Der Bürgermeister sagte, es gebe 3.000 Wohnungen.", encoding="utf-8"
    )
    with DaskSession(scheduler) as session:
        paths = [str(tmp_path / f"crawl{k}.warc.gz") for k in range(2)]
        results = session.map_archives(paths, languages=("de",), max_page_bytes=10_000_000)
    assert [r.path for r in results] == paths
    assert all(not r.reader.endswith(f":{os.getpid()}") for r in results)  # not this process
    local = build(tmp_path, cache=False, progress=False, corrections_dir=tmp_path / "c")
    remote = build(
        tmp_path, cache=False, progress=False, engine="dask", scheduler=scheduler,
        corrections_dir=tmp_path / "c",
    )  # fmt: skip
    assert list(remote.articles["id"]) == [
        "a",
        "example.de_0-0",
        "example.de_0-1",
        "example.de_1-0",
        "example.de_1-1",
    ]
    for table in TABLES:
        pdt.assert_frame_equal(remote.table(table), local.table(table))
