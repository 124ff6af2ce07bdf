"""The Dask engine: per-article work on a cluster, tables as partitioned Parquet.

``kit.build(paths, engine="dask")`` sends the per-article stage
(:func:`kit.corpus.builder.process_article`: tagging, entities, quotes, figures) to a
Dask cluster and keeps everything else where it was: loading, the cache and
the corpus-level assembly run in the calling process. Results are identical to
the local engine because the unit of work and the cache are the same.

Design choices (measured on the 2-core development machine, see
``docs/performance.md``):

- **Batches, not strings.** Articles are shipped in contiguous batches of
  similar size (16 per worker thread). One task per article spends more
  time serialising small texts than tagging them.
- **One pipeline per worker.** A batch calls :func:`kit.german.pipeline.get_nlp`, which is
  cached per process, so each worker loads the pipeline once and keeps it.
- **The cache stays with the caller.** The client looks every article up in
  the per-article cache (:class:`kit.corpus.cache.ResultCache`, same fingerprint as
  the local engine) and ships only the misses; results come back anyway and
  are written to the cache by the client. Workers therefore need no shared
  filesystem. Each batch reports the worker's pipeline fingerprint; results
  of a worker running other kit code (or another pipeline) are used but not
  cached, with a warning, so the cache never mixes versions.
- **Order.** Payloads are returned in article order, whatever order the
  batches finish in.

``scheduler`` is ``None`` (start a ``LocalCluster``: processes, 2 workers,
1 thread each, closed afterwards), the address of a running scheduler
(``"tcp://10.0.0.5:8786"``), or a ``distributed.Client``.

Parquet: :func:`write_parquet` writes each table as a folder of Parquet files,
one per batch of articles; :func:`read_parquet` opens one table lazily as a
Dask DataFrame, e.g. in a notebook::

    quotes = read_parquet("data/parquet", "quotes")
    quotes[quotes.speaker == "Wladimir Putin"].compute()
"""

from __future__ import annotations

import json
import shutil
import tempfile
import uuid
import warnings
from collections.abc import Iterable, Sequence
from contextlib import ExitStack, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tqdm.auto import tqdm

from kit.corpus.article import cache_text, pipeline_fingerprint, process_article_json
from kit.corpus.cache import ResultCache
from kit.corpus.guard import DEFAULT_TIMEOUT, ArticleTimeout
from kit.corpus.tables import TABLES, Corpus
from kit.german.pipeline import get_nlp
from kit.reading.web.archive import read_archive
from kit.records import Article

if TYPE_CHECKING:  # pragma: no cover
    import dask.dataframe as dd

PathLike = str | Path

#: batches per worker thread: enough to balance uneven articles (the last batch of
#: one worker is what the other waits for), few enough that shipping and
#: scheduling stay negligible (a task costs milliseconds)
BATCHES_PER_THREAD = 16
#: upper bound on the text shipped in one task (characters)
MAX_BATCH_CHARS = 2_000_000
#: articles per Parquet file
ARTICLES_PER_PART = 1000


def _require_distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ImportError(
            "engine='dask' needs Dask: pip install 'dask[distributed]' (or the kit's 'dask' extra)"
        ) from exc
    return distributed


# ------------------------------------------------------------------ batching


def partition(
    sizes: Sequence[int], n_batches: int, *, max_size: int = MAX_BATCH_CHARS
) -> list[range]:
    """Cut items with the given sizes into contiguous batches of similar total size.

    Returns ranges of item indices that cover ``0..len(sizes)`` in order, at
    least ``n_batches`` of them when there are that many items, more if a
    batch would exceed ``max_size``.

    >>> partition([5, 5, 5, 5], 2)
    [range(0, 2), range(2, 4)]
    """
    n = len(sizes)
    if n == 0:
        return []
    n_batches = max(1, min(n, n_batches))
    total = sum(sizes)
    target = min(max(1, -(-total // n_batches)), max_size)
    batches: list[range] = []
    start, acc = 0, 0
    for i, size in enumerate(sizes):
        if acc and acc + size > target:
            batches.append(range(start, i))
            start, acc = i, 0
        acc += size
    batches.append(range(start, n))
    return batches


# ------------------------------------------------------------- worker side


#: a short text that takes every stage once, so a worker loads all it needs up front
_WARM_UP = (
    "Laut Polizei sagte Innenministerin Anna Kramer: „Es gibt 3.000 Soldaten.“ Sie sei bereit."
)


def warm_worker(model: str | None = None) -> str:
    """Load the pipeline and every lexicon once on this worker; returns its fingerprint.

    ``run_dask`` calls it on every worker before the first batch (``client.run``),
    so the cost of bringing the pipeline to a worker is paid once per worker and
    never inside a batch, where it would make one batch the slowest.
    """
    nlp = get_nlp(model)
    process_article_json(Article("warm-up", _WARM_UP, "warm-up", {}, []), nlp)
    return pipeline_fingerprint(nlp)


#: the key of a worker's result for an article over its time budget
OVER_BUDGET = "__over_budget__"


def _process_batch(
    articles: list[Article], model: str | None, timeout: float | None = None
) -> tuple[str, list[str | dict[str, Any]]]:
    """Run :func:`kit.corpus.builder.process_article` on a batch (on a worker).

    :func:`kit.german.pipeline.get_nlp` is cached per process, so a worker loads the
    pipeline on its first batch only. Each result travels as its JSON text (one
    string pickles in no time; the client parses it once and caches the text as
    it is). An article over its ``timeout`` comes back as ``{OVER_BUDGET: reason}``
    (in a worker's thread the budget is checked between stages, see
    :mod:`kit.corpus.guard`).
    """

    nlp = get_nlp(model)
    out: list[str | dict[str, Any]] = []
    for a in articles:
        try:
            out.append(process_article_json(a, nlp, timeout=timeout)[1])
        except ArticleTimeout as exc:
            out.append({OVER_BUDGET: str(exc)})
    return pipeline_fingerprint(nlp), out


# ------------------------------------------------------------- client side


def run_dask(
    articles: Iterable[Article],
    *,
    model: str | None = None,
    cache: bool | PathLike = True,
    progress: bool = True,
    scheduler: Any = None,
    n_workers: int = 2,
    threads_per_worker: int = 1,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> tuple[list[dict[str, Any] | None], dict[str, Any]]:
    """Process ``articles`` on a Dask cluster; returns (payloads in article order, stats).

    Same contract as the local engine in :mod:`kit.corpus.builder`: ``cache`` is
    ``True`` (the configured cache folder), ``False`` or a folder. Articles
    found in the cache are not shipped; if all are, no cluster is started.
    ``n_workers``/``threads_per_worker`` only apply to the LocalCluster
    started when ``scheduler`` is ``None``. ``timeout`` is each article's budget;
    articles over it get payload None and are listed in ``stats["over_budget"]``
    as (index, reason), as with the local engine.
    """

    articles = list(articles)
    fingerprint = pipeline_fingerprint(get_nlp(model))
    store = None
    if cache:
        store = ResultCache(None if cache is True else Path(cache), fingerprint=fingerprint)
    payloads: list[dict[str, Any] | None] = [
        store.get(cache_text(a)) if store else None for a in articles
    ]
    todo = [i for i, p in enumerate(payloads) if p is None]
    stats: dict[str, Any] = {
        "articles": len(articles),
        "tagged": len(todo),
        "from_cache": len(articles) - len(todo),
        "engine": "dask",
        "batches": 0,
        "over_budget": [],
    }
    if not todo:
        return payloads, stats  # type: ignore[return-value]

    distributed = _require_distributed()
    with ExitStack() as stack:
        client = _client(stack, distributed, scheduler, n_workers, threads_per_worker)
        client.run(warm_worker, model)  # pipeline and lexicons: once per worker
        n_threads = max(1, sum(client.nthreads().values()))
        batches = partition([len(articles[i].text) for i in todo], BATCHES_PER_THREAD * n_threads)
        stats.update(batches=len(batches), workers=len(client.nthreads()), threads=n_threads)
        futures = {}
        for b, rng in enumerate(batches):
            batch = [articles[todo[j]] for j in rng]
            # pure=False: the same batch submitted twice (a re-run) is computed again
            key = f"kit-batch-{b}-{uuid.uuid4().hex[:8]}"
            future = client.submit(_process_batch, batch, model, timeout, pure=False, key=key)
            futures[future] = rng
        bar = _bar(len(todo), progress)
        mismatched = 0
        try:
            batched = store.batch() if store is not None else nullcontext()
            stack.enter_context(batched)  # cache writes in groups, flushed at the end
            for future in distributed.as_completed(futures):
                worker_fp, results = future.result()
                rng = futures.pop(future)
                same = worker_fp == fingerprint
                if not same and store is not None:
                    mismatched += len(results)
                    if mismatched == len(results):
                        warnings.warn(
                            f"a Dask worker runs other kit code or another pipeline "
                            f"({worker_fp}, here {fingerprint}); its results are not cached. "
                            "Install the same kit version on the workers.",
                            stacklevel=3,
                        )
                for j, result in zip(rng, results, strict=True):
                    index = todo[j]
                    if isinstance(result, dict):  # {OVER_BUDGET: reason}
                        stats["over_budget"].append((index, result[OVER_BUDGET]))
                        stats["tagged"] -= 1
                        continue
                    payload = json.loads(result)
                    payloads[index] = payload
                    if store and same:
                        store.put(cache_text(articles[index]), payload, body=result)
                if bar is not None:
                    bar.update(len(results))
        finally:
            if bar is not None:
                bar.close()
            for future in futures:
                future.cancel()
        stats["fingerprint_mismatch"] = mismatched
    return payloads, stats  # type: ignore[return-value]


class DaskSession:
    """One Dask client for a whole build, started on first use (a cached corpus of
    plain files never starts a cluster): reads web archives on the workers
    (:meth:`map_archives`), then tags (``run_dask(..., scheduler=session)``)."""

    def __init__(
        self, scheduler: Any = None, n_workers: int = 2, threads_per_worker: int = 1
    ) -> None:
        self.scheduler, self.n_workers, self.threads = scheduler, n_workers, threads_per_worker
        self._stack = ExitStack()
        self._client: Any = None

    def client(self) -> Any:
        if self._client is None:
            self._client = _client(
                self._stack, _require_distributed(), self.scheduler, self.n_workers, self.threads
            )
        return self._client

    def map_archives(self, paths: list[str], **options: Any) -> list[Any]:
        """:func:`kit.reading.web.archive.read_archive` on the workers, one task per archive;
        results in the order of ``paths``."""
        if not paths:
            return []
        client = self.client()
        tag = uuid.uuid4().hex[:8]
        futures = client.map(
            read_archive, paths, **options, pure=False,
            key=[f"kit-archive-{i}-{tag}" for i in range(len(paths))],
        )  # fmt: skip
        return client.gather(futures)

    def close(self) -> None:
        self._stack.close()
        self._client = None

    def __enter__(self) -> DaskSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _client(
    stack: ExitStack, distributed: Any, scheduler: Any, n_workers: int, threads: int
) -> Any:
    """A Client for ``scheduler`` (address, Client or DaskSession), or on a new LocalCluster."""
    if isinstance(scheduler, DaskSession):
        return scheduler.client()
    if isinstance(scheduler, distributed.Client):
        return scheduler
    if scheduler:
        return stack.enter_context(distributed.Client(scheduler))
    cluster = stack.enter_context(
        distributed.LocalCluster(
            n_workers=n_workers,
            threads_per_worker=threads,
            processes=True,
            dashboard_address=":0",  # any free port: never clash with a running cluster
            silence_logs=40,  # logging.ERROR: no worker chatter in notebooks
        )
    )
    return stack.enter_context(distributed.Client(cluster))


def _bar(total: int, progress: bool) -> Any:
    if not progress or total < 2:
        return None

    return tqdm(total=total, desc="tagging (dask)", unit="article")


# ------------------------------------------------------------------ Parquet


def write_parquet(
    corpus: Corpus, out_dir: PathLike, *, articles_per_part: int = ARTICLES_PER_PART
) -> list[Path]:
    """Write each table of ``corpus`` as a folder of Parquet files; returns the folders.

    ``OUT/<table>/part-00000.parquet``, … — one file per batch of
    ``articles_per_part`` articles (in article order), so a notebook can read
    a 100,000-article corpus lazily with :func:`read_parquet`. All files of a
    table share one schema. The corpus-level ``speakers`` table is one file.
    A table is written to a temporary folder first and then swapped in, so a
    re-run never leaves stale parts of an earlier, larger corpus behind.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    order = {aid: i // max(1, articles_per_part) for i, aid in enumerate(corpus.articles["id"])}
    written = []
    for name in TABLES:
        frame = _parquet_ready(corpus.table(name))
        key = "id" if name == "articles" else "article_id"
        table = pa.Table.from_pandas(frame, preserve_index=False)
        tmp = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=out))
        try:
            if key in frame.columns and len(frame):
                parts = frame[key].map(order).fillna(-1).astype(int).to_numpy()
                for p in sorted(set(parts.tolist())):
                    rows = pa.array((parts == p).nonzero()[0])
                    label = p if p >= 0 else len(order)  # rows of unknown articles last
                    pq.write_table(table.take(rows), tmp / f"part-{label:05d}.parquet")
            else:
                pq.write_table(table, tmp / "part-00000.parquet")
            target = out / name
            if target.exists():
                shutil.rmtree(target)
            tmp.rename(target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        written.append(target)
    return written


def _parquet_ready(frame: Any) -> Any:
    """Tuples of spans become lists (Arrow list columns); mixed lists become JSON.

    Spans like ``quote_spans`` ``((12, 40), (55, 80))`` are stored as Arrow
    lists of lists of integers; ``boilerplate`` ``[[0, 80, "editor_line"]]``
    mixes types, which Arrow cannot hold, so it is stored as JSON text (as in
    the CSV tables).
    """
    import json

    import pyarrow as pa

    out = frame.copy()
    for col in out.columns:
        if out[col].dtype != object:
            continue
        values = out[col]
        if not values.map(lambda v: isinstance(v, (list, tuple))).any():
            continue
        values = values.map(_to_lists)
        try:
            pa.array(values.tolist())
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            values = values.map(
                lambda v: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v
            )
        out[col] = values
    return out


def _to_lists(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_to_lists(v) for v in value]
    return value


def read_parquet(out_dir: PathLike, table: str) -> dd.DataFrame:
    """One table written by :func:`write_parquet`, as a lazy Dask DataFrame.

    >>> quotes = read_parquet("data/parquet", "quotes")      # doctest: +SKIP
    >>> quotes.groupby("speaker").size().nlargest(10).compute()  # doctest: +SKIP
    """
    import dask.dataframe as dd

    if table not in TABLES:
        raise KeyError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    folder = Path(out_dir) / table
    if not folder.is_dir():
        raise FileNotFoundError(
            f"no Parquet table at {folder}: write it with write_parquet(corpus, {out_dir!s})"
        )
    return dd.read_parquet(str(folder))
