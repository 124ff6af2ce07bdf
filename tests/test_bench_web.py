"""Smoke test of the web part of ``kit bench``: it runs and reports every figure (no timing asserted)."""

from __future__ import annotations

from pathlib import Path

from kit.tools import bench_web


def test_web_bench_reports_speed_and_warc_memory(tmp_path: Path) -> None:
    docs = tmp_path / "ingest.md"
    docs.write_text(
        "# Ingest\n\n<!-- bench-web:start -->\nold\n<!-- bench-web:end -->\nend\n", encoding="utf-8"
    )
    res = bench_web.run_web_bench(quick=True, docs=docs, pages=3, warc_mb=0.5)
    assert res["pages_per_s_median"] > 0 and res["trafilatura_pages_per_s_median"] > 0
    w = res["warc"]
    assert w["records"] >= 3 and w["articles"] == w["records"]  # distinct texts: every record kept
    assert w["peak_mb"] >= w["baseline_mb"] > 0
    text = docs.read_text(encoding="utf-8")
    assert (
        "\nold\n" not in text
        and "pages/s" in text
        and text.endswith("<!-- bench-web:end -->\nend\n")
    )


def test_synthetic_pages_read_as_articles() -> None:
    from kit.reading.web.page import extract

    pages = bench_web.synthetic_pages(2)
    assert len(pages[0]) > 100_000  # page furniture of real size
    first, second = extract(pages[0]), extract(pages[1])
    assert first.ok and second.ok and first.text != second.text
    assert "Mehr zum Thema" not in first.text and "Leser schrieb" not in first.text
