"""Smoke test of ``kit bench``: it runs end to end and reports every figure.

No timing is asserted (timings belong in docs/benchmarks.md, not in pass/fail
tests); the tiny corpus only proves the harness works on the current pipeline.
"""

from __future__ import annotations

import pytest

from kit.tools import bench, bench_corpus

KEYS = (
    "kit_words_per_s", "tokenizer_words_per_s", "ratio", "cache_speedup", "peak_mb_10k",
    "filter_ms_median", "chart_ms_median", "dask_speedup_2w",
)  # fmt: skip


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    docs = tmp_path_factory.mktemp("docs") / "benchmarks.md"
    docs.write_text(
        "# Benchmarks\n\nbefore\n<!-- bench:start -->\nold\n<!-- bench:end -->\nafter\n",
        encoding="utf-8",
    )
    res = bench.run_bench(
        quick=True,
        words=3_000,
        mem_articles=200,
        min_quotes=300,
        notebooks=False,
        dask=False,
        scale=(2_000, 8_000),
        scale_single=400,
        docs=docs,
    )
    return res, docs.read_text(encoding="utf-8")


def test_bench_reports_every_key(figures):
    res, _ = figures
    assert set(KEYS) <= set(res)
    for key in (
        "kit_words_per_s",
        "tokenizer_words_per_s",
        "ratio",
        "cache_speedup",
        "peak_mb_10k",
    ):
        assert isinstance(res[key], (int, float)) and res[key] > 0, key
    assert res["articles_10k"] == 200
    assert res["corpus"]["words"] >= 3_000


def test_bench_rewrites_only_its_section(figures):
    _, text = figures
    assert text.startswith("# Benchmarks\n\nbefore\n<!-- bench:start -->\n")
    assert text.endswith("<!-- bench:end -->\nafter\n")
    assert "\nold\n" not in text and "python -m kit bench --quick" in text


def test_perturbed_copies_differ_but_keep_their_shape():
    import random

    text = "Die Regierung meldete am 05.11.2024 um 14:30 Uhr rund 1.234 Soldaten, sagte Putin."
    out = bench_corpus._perturb(text, random.Random(1), 1.0, {"Regierung", "Soldaten"})
    assert out != text
    assert out.endswith(", sagte Putin.")  # names are never compounded
    assert "regierung " in out and "soldaten," in out  # compounds: "Landesregierung"
    assert (
        out.count(".") == text.count(".") and "am 05.11.20" in out and "14:30" in out
    )  # shapes, day and month kept


def test_names_get_one_fresh_name_per_copy():
    import random

    text = "„Wir helfen“, sagte Putin. Putins Sprecher Peskow bestätigte 3.000 Soldaten."
    fresh = {"Putin": "Korovenko", "Peskow": "Talinger"}
    out = bench_corpus._perturb(text, random.Random(1), 0.0, set(), names=fresh)
    assert out.startswith("„Wir helfen“, sagte Korovenko. Korovenkos Sprecher Talinger bestätigte ")
    assert out.endswith(" Soldaten.") and "3.000" not in out  # numbers always change


def test_fresh_names_are_new_and_plausible():
    import random

    rng, taken = random.Random(2), {"Putin"}
    names = [bench_corpus._fresh_name(rng, taken) for _ in range(200)]
    assert len(set(names)) == 200 and "Putin" not in names
    assert all(n[0].isupper() and n[1:].islower() and n.isalpha() for n in names)


def test_bench_reports_scaling_and_draws_the_plot(figures, tmp_path_factory):
    res, text = figures
    sc = res["scaling"]
    assert [r["chars"] >= n for r, n in zip(sc["rows"], (2_000, 8_000), strict=True)] == [True] * 2
    assert all(r["quotes"] > 0 and r["figures"] > 0 for r in sc["rows"])
    assert isinstance(sc["exponent"], float)
    # the single line: one quote and one figure per sentence
    assert sc["single_line"]["quotes"] == sc["single_line"]["figures"] == 400
    assert "fitted exponent" in text and "bench_scaling.png" in text


def test_generated_transcripts_never_repeat_a_sentence():
    from kit.tools.bench_scaling import paragraphs, transcript

    text = transcript(60_000)
    sentences = [x for p in paragraphs(60_000) for x in p]
    assert len(text) >= 60_000 and len(sentences) > 300
    assert len(set(sentences)) == len(sentences)
    assert all(x in text for x in sentences[:50])
    assert transcript(60_000) == text  # seeded


def test_fit_exponent_reads_the_slope():
    from kit.tools.bench_scaling import fit_exponent

    assert fit_exponent([1, 10, 100], [2, 20, 200]) == pytest.approx(1.0)
    assert fit_exponent([1, 10, 100], [1, 100, 10_000]) == pytest.approx(2.0)
