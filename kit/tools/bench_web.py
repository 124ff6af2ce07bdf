"""Web input figures for ``kit bench``: page extraction speed and a streamed 100 MB WARC.

A script that *reports* (called from :func:`kit.tools.bench.run_bench`, also
``python -m kit.tools.bench_web [--quick]``); nothing here is a pass/fail test.

- ``pages_per_s_median``: CPU time (``time.process_time``: one process, one
  core) of :func:`kit.reading.web.page.extract` per page, best of 3 runs per
  page, on the German news HTML benchmark pages (read at run time from
  ``../shared/benchmarks/german-news-html``; synthetic pages if absent);
  pages/s at the median page, with trafilatura alone on the same pages.
- ``warc_peak_mb``: peak RSS of a fresh interpreter that runs
  :func:`kit.reading.load.load_articles` on a ~100 MB ``.warc.gz`` written at
  run time into a temporary folder (never committed) from synthetic pages:
  distinct article texts (:func:`kit.tools.bench_corpus.make_corpus`) in page
  furniture of real size (scripts, navigation, teasers, comments); the
  baseline RSS of the same interpreter after importing the reader is given too.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from kit.tools.bench_corpus import peak_rss_mb

DOC_START, DOC_END = "<!-- bench-web:start -->", "<!-- bench-web:end -->"
WARC_MB = 100


def benchmark_pages(limit: int | None = None) -> tuple[list[bytes], str]:
    """The benchmark's raw pages (or synthetic ones), and which they are."""
    from kit.tools.eval_html import DEFAULT_BENCH

    exp = Path(DEFAULT_BENCH) / "expected.jsonl"
    if exp.is_file():
        rows = [json.loads(x) for x in exp.read_text(encoding="utf-8").splitlines() if x.strip()]
        rows = rows[:limit] if limit else rows
        pages = [gzip.open(Path(DEFAULT_BENCH) / "pages" / r["file"]).read() for r in rows]
        return pages, f"{len(pages)} benchmark pages (german-news-html)"
    docs = synthetic_pages(limit or 40)
    return docs, f"{len(docs)} synthetic pages (benchmark absent)"


def synthetic_pages(n: int, *, seed: int = 7, pad_kb: int = 120) -> list[bytes]:
    """``n`` article pages with distinct German texts and ~``pad_kb`` KB of page furniture."""
    from kit.tools.bench_corpus import make_corpus

    docs, _ = make_corpus(max(2000, n * 230), seed=seed)
    rng = random.Random(seed)
    vocab = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(8))
        for _ in range(2000)
    ]
    # script of real size that gzip packs ~4x like real pages (not a run of one byte)
    script = (
        "var cfg = {"
        + ",".join(f'"{rng.choice(vocab)}": "{rng.choice(vocab)}"' for _ in range(pad_kb * 45))
        + "};"
    )
    nav = "".join(f'<li><a href="/ressort/{i}">Ressort {i}</a></li>' for i in range(60))
    teasers = "".join(
        f'<li class="teaser"><a href="/artikel/{i}.html">Weitere Meldung Nummer {i} aus der Region</a></li>'
        for i in range(25)
    )
    out = []
    for k in range(n):
        d = docs[k % len(docs)]
        title = d.get("title") or d["text"].split("\n", 1)[0][:80]
        paras = [p for p in d["text"].split("\n") if p.strip()] + [f"(Meldung {k})"]
        ld = json.dumps({
            "@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
            "datePublished": f"2024-03-{1 + k % 28:02d}T10:{k % 60:02d}:00+01:00",
            "author": {"@type": "Person", "name": "Erika Musterfrau"},
            "publisher": {"@type": "NewsMediaOrganization", "name": "Beispiel-Zeitung"},
        }, ensure_ascii=False)  # fmt: skip
        body = "".join(f"<p>{p}</p>" for p in paras)
        html = (
            f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>{title} | Beispiel-Zeitung</title>'
            f'<script type="application/ld+json">{ld}</script><script>{script}</script></head><body>'
            f"<nav><ul>{nav}</ul></nav><main><article><h1>{title}</h1>{body}</article>"
            f'<section class="related"><h2>Mehr zum Thema</h2><ul>{teasers}</ul></section>'
            '<section class="comments"><h2>Kommentare</h2><p>Leser schrieb: Sehr gut.</p></section>'
            "</main><footer>Impressum · Datenschutz</footer></body></html>"
        )
        out.append(html.encode("utf-8"))
    return out


def page_speed(pages: list[bytes], repeats: int = 3) -> dict[str, Any]:
    """Per-page CPU time of the kit's reader and of trafilatura alone (best of ``repeats``)."""
    import trafilatura

    from kit.reading.web.page import extract

    extract(pages[0])
    trafilatura.bare_extraction(pages[0], with_metadata=True)
    kit_s, traf_s = [], []
    for raw in pages:
        for fn, bucket in (
            (lambda r: extract(r), kit_s),
            (lambda r: trafilatura.bare_extraction(r, with_metadata=True), traf_s),
        ):
            best = float("inf")
            for _ in range(repeats):
                c0 = time.process_time()
                fn(raw)
                best = min(best, time.process_time() - c0)
            bucket.append(best)
    med, tmed = statistics.median(kit_s), statistics.median(traf_s)
    return {
        "pages_per_s_median": round(1 / med, 1),
        "median_ms": round(1000 * med, 1),
        "mean_ms": round(1000 * statistics.mean(kit_s), 1),
        "trafilatura_pages_per_s_median": round(1 / tmed, 1),
        "median_page_kb": round(statistics.median(len(p) for p in pages) / 1024),
    }


def write_warc(path: Path, target_mb: float, *, pad_kb: int = 120) -> dict[str, Any]:
    """A ``.warc.gz`` of about ``target_mb`` MB (on disk) of synthetic HTML responses."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    batch = synthetic_pages(200, pad_kb=pad_kb)
    n = 0
    raw_bytes = 0
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        while fh.tell() < target_mb * 1e6:
            page = batch[n % len(batch)].replace(
                b"(Meldung ", f"(Ausgabe {n}, Meldung ".encode(), 1
            )
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            rec = w.create_warc_record(
                f"https://www.beispiel-zeitung.de/artikel/{n}.html", "response",
                payload=io.BytesIO(page), http_headers=http,
            )  # fmt: skip
            w.write_record(rec)
            n += 1
            raw_bytes += len(page)
    return {
        "records": n,
        "mb_on_disk": round(path.stat().st_size / 1e6, 1),
        "mb_uncompressed": round(raw_bytes / 1e6, 1),
    }


def _child_load(path: str) -> dict[str, Any]:
    """In a fresh interpreter: baseline RSS after imports, then load the archive."""
    from kit.reading.load import load_articles
    from kit.reading.web.page import detect_language, extract

    extract("<html><body><p>Aufwärmen.</p></body></html>")
    detect_language("Der Stadtrat hat am Dienstag beschlossen, die Straßenbahn zu verlängern.")
    base = peak_rss_mb()
    t0 = time.perf_counter()
    result = load_articles(path)  # German only: py3langid runs on every record
    rss_end = 0.0
    with open("/proc/self/status", encoding="ascii") as fh:  # Linux: the RSS now, not the peak
        for line in fh:
            if line.startswith("VmRSS:"):
                rss_end = int(line.split()[1]) / 1024
    return {
        "seconds": round(time.perf_counter() - t0, 1),
        "peak_mb": round(peak_rss_mb()),
        "rss_end_mb": round(rss_end),
        "baseline_mb": round(base),
        "articles": len(result.articles),
    }


def warc_memory(target_mb: float = WARC_MB) -> dict[str, Any]:
    """Write a ~``target_mb`` MB WARC and stream it in a subprocess; peak RSS and time."""
    with tempfile.TemporaryDirectory(prefix="kit-bench-warc-") as tmp:
        path = Path(tmp) / "bench.warc.gz"
        info = write_warc(path, target_mb)
        code = f"import json, sys; from kit.tools.bench_web import _child_load; print(json.dumps(_child_load({str(path)!r})))"
        proc = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=3600
        )
        if proc.returncode != 0:
            raise RuntimeError(f"bench_web: archive load failed: {proc.stderr[-500:]}")
        out = json.loads(proc.stdout.strip().splitlines()[-1])
    out.update(info)
    out["pages_per_s"] = round(out["records"] / max(out["seconds"], 1e-9), 1)
    return out


def run_web_bench(
    quick: bool = False,
    *,
    docs: Path | None = None,
    pages: int | None = None,
    warc_mb: float | None = None,
) -> dict[str, Any]:
    """Both measurements; rewrites the bench-web section of ``docs`` (docs/ingest.md) if given."""
    raw, source = benchmark_pages(pages if pages is not None else (30 if quick else None))
    res: dict[str, Any] = {"pages": source, "load_avg_start": round(os.getloadavg()[0], 1)}
    res.update(page_speed(raw, repeats=1 if quick else 3))
    res["warc"] = warc_memory(warc_mb if warc_mb is not None else (10 if quick else WARC_MB))
    res["load_avg_end"] = round(os.getloadavg()[0], 1)
    if docs is not None and docs.exists():
        write_section(docs, res)
    return res


def write_section(path: Path, res: dict[str, Any]) -> None:
    """Replace the text between the bench-web markers in ``path`` with a table of ``res``."""
    from datetime import UTC, datetime

    from kit.files import atomic_write_text

    w = res["warc"]
    lines = [
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `python -m kit bench` (its web part alone: `python -m kit.tools.bench_web`) on {os.cpu_count()} CPUs "
        f"(load average {res['load_avg_start']}/{res['load_avg_end']} at start/end).",
        "",
        "| measure | result | note |",
        "| --- | --- | --- |",
        f"| page extraction, median page, one core | {res['pages_per_s_median']} pages/s | {res['median_ms']} ms CPU (mean {res['mean_ms']} ms); {res['pages']}, median page {res['median_page_kb']} KB; trafilatura alone {res['trafilatura_pages_per_s_median']} pages/s; target ≥ 20 |",
        f"| {w['mb_on_disk']} MB WARC streamed | peak {w['peak_mb']} MB RSS | peak after imports and warm-up {w['baseline_mb']} MB, RSS at the end {w.get('rss_end_mb', '?')} MB; {w['records']:,} records ({w['mb_uncompressed']} MB of HTML) → {w['articles']:,} articles in {w['seconds']} s ({w['pages_per_s']} pages/s wall); target < 500 MB |",
    ]  # fmt: skip
    text = path.read_text(encoding="utf-8")
    if DOC_START not in text or DOC_END not in text:
        text += f"\n{DOC_START}\n{DOC_END}\n"
    head, rest = text.split(DOC_START, 1)
    _, tail = rest.split(DOC_END, 1)
    atomic_write_text(path, head + DOC_START + "\n" + "\n".join(lines) + "\n" + DOC_END + tail)


if __name__ == "__main__":  # python -m kit.tools.bench_web [--quick]
    from kit import config

    print(
        json.dumps(
            run_web_bench(quick="--quick" in sys.argv, docs=config.DOCS_DIR / "ingest.md"), indent=2
        )
    )
