"""Defaults that hold on any corpus: every default chart of notebooks 03 and 04 on a mixed corpus.

``tests/data/mixed_corpus/`` holds 34 short German articles we wrote for this test
(refugees at a border, football, business, weather, rents, courts, carnival,
elections, travel, technology) with years, durations, ages, money, percentages,
counts, scores, ranks, and quotes with and without a named speaker; 31 outlets, some
under two names (dpa / Deutsche Presse-Agentur, AFP / Agence France-Presse).
The checks are on the figure objects, not on pixels: every drawn text inside the
canvas, the legend clear of the plotted data, no warning, titles whole, the main
quantity a counted one.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import pytest

import kit
from kit.figures.claims import COUNTED
from kit.workbench import layout, style
from kit.workbench.charts import chart_info

MIXED = Path(__file__).parent / "data" / "mixed_corpus"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return kit.build(
        MIXED, manifest=MIXED / "manifest.csv", cache=False, progress=False,
        corrections_dir=tmp_path_factory.mktemp("no_corrections"),
    )  # fmt: skip


def test_the_fixture_is_a_mixed_corpus(corpus):
    assert len(corpus.articles) >= 30
    categories = set(corpus.figures["category"])
    assert {"year", "duration", "money", "count", "percent", "score", "ordinal"} <= categories
    assert (corpus.figures["phrase"] == "Alter").sum() >= 5  # ages


def test_main_quantity_is_counted_and_stated(corpus):
    # 11 articles report refugees at the border, from 8 named sources: that is the main quantity;
    # the many "seit 15 Jahren" durations and ages are never one
    assert kit.charts.top_quantity(corpus) == "Flüchtlinge"
    summary = kit.tracking.quantity_summary(corpus.figures, corpus.articles)
    main = summary.iloc[0]
    assert main.quantity == "Flüchtlinge" and main.category in COUNTED and main.eligible
    durations = summary[summary.category == "duration"]
    assert len(durations) and not durations.eligible.any()
    assert "Faktors 10" in kit.tracking.MAIN_QUANTITY_RULE["de"]


def _default_charts(corpus):
    """Every chart notebooks 03 and 04 draw with their defaults, by name."""
    from kit.workbench import ChartStudio, FigureExplorer

    yield "03 headline_chart", kit.charts.headline_chart(corpus)
    yield "03 FigureExplorer", FigureExplorer(corpus).figure
    studio = ChartStudio(corpus, out_dir=None)
    yield "04 ChartStudio", studio.figure
    yield (
        "04 quotes_per_speaker social",
        kit.charts.chart_for(corpus, "quotes_per_speaker", size="social"),
    )
    for kind in kit.charts.CHART_KINDS:  # the studio's other chart types
        for size in style.SIZES:
            yield f"04 studio {kind} {size}", kit.charts.chart_for(corpus, kind, size=size)


def test_every_default_chart_passes_the_editors_checks(corpus):
    checked = 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no layout (or any other) warning
        for name, fig in _default_charts(corpus):
            for fmt in ("png", "svg"):
                fig.savefig(io.BytesIO(), format=fmt)
            assert layout.problems(fig) == [], name
            info = chart_info(fig)
            title = layout.text_of(fig, "title")
            assert " ".join(title.get_text().split()) == " ".join(info.title.split()), (
                name
            )  # not cut
            subtitle = layout.text_of(fig, "subtitle")
            assert " ".join(subtitle.get_text().split()) == " ".join(info.subtitle.split()), name
            for legend in fig.legends:
                assert len(legend.get_texts()) <= 8, name
            checked += 1
    assert checked >= 19


def test_source_line_is_short_and_names_each_outlet_once(corpus):
    line = kit.charts.outlets_of(corpus)
    assert line.startswith("31 Medien, darunter dpa, AFP, Spiegel")
    names = line.split("darunter ", 1)[1].split(", ")
    assert len(names) == len(set(names))
    for size in style.SIZES:
        fig = kit.charts.chart_for(corpus, "quotes_per_speaker", size=size)
        foot = layout.text_of(fig, "foot").get_text().splitlines()
        source_lines = [x for x in foot if "Zitate ohne" not in x]
        assert len(source_lines) <= 2, (size, foot)


def test_quotes_without_speaker_are_a_note_not_a_bar(corpus):
    fig = kit.charts.chart_for(corpus, "quotes_per_speaker")
    speakers = list(chart_info(fig).data["speaker"])
    assert "(ohne Sprecher)" not in speakers and "" not in speakers
    missing = int((corpus.quotes["speaker"].fillna("") == "").sum())
    assert (
        missing
        and f"{missing} Zitate ohne erkannten Sprecher" in layout.text_of(fig, "foot").get_text()
    )


def test_headline_has_only_claims_of_the_main_quantity(corpus):
    fig = kit.charts.headline_chart(corpus)
    data = chart_info(fig).data
    assert len(data) == 11 and data["value"].between(12000, 24000).all()
