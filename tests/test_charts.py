"""Charts: house style, German/English number and date format, qualifiers visible, every size preset."""

from __future__ import annotations

import io

import matplotlib
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from test_widgets import A000, A003, A004, seed_corpus

from kit import charts, style
from kit.workbench import layout
from kit.workbench.charts import chart_info

#: the seed troop-estimate timeline (written by hand from the five articles and the manifest)
TIMELINE = pd.DataFrame(
    [
        ("2024-10-29", 10000, None, "approx", "Pentagon", A004),
        ("2024-10-29", 12000, None, "expected", "Wolodymyr Selenskyj", A004),
        ("2024-10-31", 8000, None, "approx", "Antony Blinken", A000),
        ("2024-11-12", 10000, None, "more_than", "USA", A003),
        ("2024-11-12", 11000, None, "exact", "Kiew", A003),
    ],
    columns=["date", "value", "value_high", "qualifier", "source", "article_id"],
)


def _texts(fig) -> list[str]:
    out = [t.get_text() for ax in fig.axes for t in ax.texts]
    out += [
        lab.get_text() for ax in fig.axes for lab in ax.get_xticklabels() + ax.get_yticklabels()
    ]
    out += [t.get_text() for t in fig.texts]
    out += [ax.get_title(loc="left") for ax in fig.axes]
    for leg in [*fig.legends, *(ax.get_legend() for ax in fig.axes)]:
        if leg:
            out += [t.get_text() for t in leg.get_texts()]
    return out


def _foot(fig) -> str:
    return layout.text_of(fig, "foot").get_text()


def _render(fig) -> None:
    fig.savefig(io.BytesIO(), format="png")  # draws everything, so tick labels exist


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [(10000, "de", "10.000"), (3.5, "de", "3,5"), (1234567.25, "de", "1.234.567,2"), (10000, "en", "10,000"), (3.5, "en", "3.5"), (0, "de", "0")],
)  # fmt: skip
def test_format_number(value, lang, expected):
    assert style.format_number(value, lang) == expected


@pytest.mark.parametrize(
    ("qualifier", "expected"),
    [("approx", "≈10.000"), ("more_than", ">10.000"), ("expected", "↗10.000"), ("at_least", "≥10.000"),
     ("less_than", "<10.000"), ("up_to", "≤10.000"), ("exact", "10.000")],
)  # fmt: skip
def test_format_value_shows_qualifier(qualifier, expected):
    assert style.format_value(10000, qualifier) == expected


def test_format_value_range_and_dates():
    assert style.format_value(8000, "exact", "de", 10000) == "8.000–10.000"
    assert style.format_date("2024-10-29") == "29. Okt."
    assert style.format_date("2024-03-05", year=True) == "5. März 2024"
    assert style.format_date("2024-10-29", "en") == "Oct 29"
    with pytest.raises(ValueError, match="'fr'"):
        style.format_number(1, "fr")


def test_headline_chart_labels_every_estimate_with_its_qualifier():
    fig = charts.estimates_chart(TIMELINE, quantity="nordkoreanische Soldaten in Russland")
    _render(fig)
    texts = _texts(fig)
    for label in ("≈10.000", "↗12.000", "≈8.000", ">10.000", "11.000"):
        assert label in texts, label
    assert "Schätzungen: nordkoreanische Soldaten in Russland" in texts
    assert any(
        t.startswith("Angaben nach Quelle, 5 Werte aus 3 Artikeln, 29. Okt. – 12. Nov. 2024")
        for t in texts
    )
    foot = _foot(fig)
    assert "≈ rund" in foot and "> mehr als" in foot and "↗ erwartet" in foot and "Quelle:" in foot
    # German thousands on the y axis, German months on the x axis
    assert "10.000" in texts and any("Nov." in t or "Okt." in t for t in texts)
    (legend,) = fig.legends
    assert [t.get_text() for t in legend.get_texts()] == [
        "Pentagon",
        "Wolodymyr Selenskyj",
        "Antony Blinken",
        "USA",
        "Kiew",
    ]
    info = chart_info(fig)
    assert (
        info.kind == "estimates"
        and len(info.data) == 5
        and list(info.data["source"])[0] == "Pentagon"
    )


def test_headline_chart_in_english():
    fig = charts.estimates_chart(TIMELINE, lang="en", quantity="North Korean troops in Russia")
    _render(fig)
    texts = _texts(fig)
    assert (
        "≈10,000" in texts
        and ">10,000" in texts
        and "Estimates: North Korean troops in Russia" in texts
    )
    assert any("Oct" in t for t in texts) and "more than" in _foot(fig)


def test_series_differ_by_marker_not_colour_alone():
    fig = charts.estimates_chart(TIMELINE)
    markers = [
        h.get_paths()[0].vertices.tobytes() for h in fig.axes[0].collections if len(h.get_offsets())
    ]
    assert len(set(markers)) == len({*TIMELINE["source"]})
    colours = {tuple(c) for h in fig.axes[0].collections for c in h.get_edgecolor()}
    assert colours  # Okabe–Ito colours are used in addition
    assert (
        matplotlib.colors.to_hex(fig.axes[0].collections[0].get_facecolor()[0])
        == style.OKABE_ITO[0].lower()
    )


@pytest.mark.parametrize("preset", list(style.SIZES))
def test_every_size_preset_renders_readably(preset):
    fig = charts.estimates_chart(
        TIMELINE, size=preset, quantity="nordkoreanische Soldaten in Russland"
    )
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=style.SIZES[preset].dpi)
    p = style.SIZES[preset]
    assert fig.get_size_inches().tolist() == [p.width, p.height]
    # no text smaller than 6 pt once printed at the preset's size
    sizes = [t.get_fontsize() for t in fig.findobj(matplotlib.text.Text) if t.get_text()]
    assert min(sizes) >= 6
    # the title stays inside the figure (wrapped when long)
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    box = layout.text_of(fig, "title").get_window_extent(renderer)
    assert box.x1 <= fig.bbox.x1 + 1 and box.x0 >= 0


def test_empty_data_draws_a_no_data_note():
    fig = charts.estimates_chart(TIMELINE.iloc[:0])
    assert "Keine Daten für diese Auswahl" in _texts(fig)
    assert chart_info(fig).data.empty
    assert layout.problems(fig) == []


def test_quotes_per_speaker_counts_and_labels():
    corpus = seed_corpus()
    fig = charts.quotes_per_speaker(corpus.quotes)
    data = chart_info(fig).data
    assert list(data.columns) == ["speaker", "quotes"]
    assert data.iloc[0].tolist() == ["Antony Blinken", 3]
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert ticks[-1] == "Antony Blinken"  # the most quoted on top


def test_speaker_matrix_and_quote_types_and_categories():
    corpus = seed_corpus()
    fig = charts.speaker_article_matrix(corpus.quotes, corpus.articles)
    data = chart_info(fig).data.set_index("speaker")
    assert data.loc["Antony Blinken", A000] == 2 and data.loc["Kiew", A003] == 1
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert labels[0].startswith("29. Okt.")  # articles in date order
    fig = charts.quote_types_per_article(corpus.quotes, corpus.articles)
    data = chart_info(fig).data.set_index("article_id")
    assert data.loc[A000, "Direct"] == 1 and data.loc[A000, "Indirect"] == 1
    hatches = {p.get_hatch() for p in fig.axes[0].patches}
    assert len(hatches) >= 2  # types differ by hatch, not only colour
    fig = charts.figures_by_category(corpus.figures)
    assert chart_info(fig).data.to_dict("records") == [{"category": "count", "figures": 5}]
    assert "Anzahl" in [t.get_text() for t in fig.axes[0].get_yticklabels()]


def test_chart_on_a_given_axes_returns_its_figure():
    from matplotlib.figure import Figure

    fig = Figure()
    ax = fig.add_subplot()
    out = charts.quotes_per_speaker(seed_corpus().quotes, ax=ax, title="Zitate")
    assert out is fig and ax.get_title(loc="left") == "Zitate"


def test_default_labels_are_filled_from_data():
    labels = charts.default_labels("quotes_per_speaker", seed_corpus().quotes, outlets="AFP")
    assert labels == {
        "title": "Wer wird wie oft zitiert?",
        "subtitle": "Zitate je Sprecher, 6 Zitate aus 5 Artikeln",
        "source": "Quelle: AFP; Auswertung mit kit",
    }
    with pytest.raises(ValueError, match="unknown chart kind"):
        charts.default_labels("pie", pd.DataFrame())


def test_figures_show_themselves_as_png_without_pyplot():
    fig = charts.quotes_per_speaker(seed_corpus().quotes)
    png = fig._repr_png_()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000


def test_many_points_label_only_the_latest_value_per_source():
    dates = pd.date_range("2024-10-01", periods=30, freq="D").strftime("%Y-%m-%d")
    many = pd.DataFrame({
        "date": dates, "value": range(1000, 31000, 1000), "value_high": None, "qualifier": "approx",
        "source": ["Kiew", "USA", "Pentagon"] * 10,
    })  # fmt: skip
    fig = charts.estimates_chart(many)
    labels = sorted(t.get_text() for t in fig.axes[0].texts)
    assert labels == ["≈28.000", "≈29.000", "≈30.000"]


# ------------------------------------------------------------------ the seeds' headline chart


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    import kit
    from kit import config

    return kit.build(
        config.SEEDS_DIR, manifest=config.SEEDS_MANIFEST, cache=False, progress=False,
        corrections_dir=tmp_path_factory.mktemp("no_corrections"),
    )  # fmt: skip


def test_seed_headline_has_no_derived_vague_or_duplicate_point(seed_build):
    fig = charts.chart_for(seed_build, "estimates")
    data = chart_info(fig).data
    # no "≈3.333" derived from "dreimal so hoch wie die vorherige", no ">1.000" from "Tausender"
    assert sorted(data["value"].round()) == [8000, 10000, 10000, 10000, 10000, 11000, 12000]
    assert not data["text"].str.contains("dreimal|Tausend").any()
    # the Pentagon and its spokeswoman, same claim, same day: one point with both sources
    pentagon = data[data["source"].str.contains("Pentagon")]
    assert len(pentagon) == 1 and pentagon.iloc[0]["source"] == "Pentagon; Sabrina Singh"
    assert not data.duplicated(["date", "value", "qualifier", "article_id"]).any()


def test_seed_source_line_names_each_outlet_once(seed_build):
    fig = charts.chart_for(seed_build, "estimates")
    source = chart_info(fig).source
    assert (
        source == "Quelle: Radio Free Asia, AFP, Keystone-ATS; Auswertung mit kit"
    )  # RFA = Radio Free Asia
    assert _foot(fig).endswith(source)


def test_seed_headline_uses_one_font_family(seed_build, tmp_path):
    import re

    from kit import export

    fig = charts.chart_for(seed_build, "estimates")
    _render(fig)
    families = {
        tuple(t.get_fontfamily()) for t in fig.findobj(matplotlib.text.Text) if t.get_text().strip()
    }
    assert families == {("DejaVu Sans",)}
    # point labels are set like the rest (not bold); only the title is bold
    assert {t.get_fontweight() for t in fig.axes[0].texts} == {"normal"}
    (svg,) = export.export_chart(fig, out_dir=tmp_path, formats=["svg"], data=pd.DataFrame())[:1]
    text = svg.read_text(encoding="utf-8")
    assert text.count("<text") >= 20  # text stays text (editable in Inkscape/Illustrator)
    assert set(re.findall(r"font-family: ?([^;\"]+)", text)) == {"'DejaVu Sans'"}
    assert not layout.problems(fig)


def test_outlet_aliases_and_a_long_source_line():
    assert (
        style.canonical_outlet("RFA")
        == style.canonical_outlet("Radio Free Asia")
        == "Radio Free Asia"
    )
    assert style.canonical_outlet("Agence France-Presse") == "AFP"
    names = [f"Zeitung Nummer {i}" for i in range(53)]
    line = style.outlet_phrase(names)
    assert (
        line.startswith("53 Medien, darunter Zeitung Nummer 0, Zeitung Nummer 1")
        and len(line) < 100
    )
    assert style.outlet_phrase(["AFP", "AFP", "dpa"]) == "AFP, dpa"
