"""Workbench UIs tested headlessly: set widget values from Python, check the data and figure shown.

The corpus here is the five real seed articles with hand-written quotes and
figures (offsets found in the real text), so these tests do not depend on the
extraction teammates' progress. Other workbench tests import
:func:`seed_corpus` from this module.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from kit import config
from kit.corpus import Corpus
from kit.records import (
    ARTICLE_COLUMNS,
    ENTITY_COLUMNS,
    FIGURE_COLUMNS,
    QUOTE_COLUMNS,
    SPEAKER_COLUMNS,
)

MANIFEST = pd.read_csv(config.SEEDS_MANIFEST, dtype=str)
IDS = list(MANIFEST["id"])
A000, A001, A002, A003, A004 = IDS

#: hand-made quotes: (article, quote text, type, speaker, cue)
QUOTES = [
    (A000, "Sie seien bereit, „in den kommenden Tagen“ gegen die ukrainischen Streitkräfte zu kämpfen", "Indirect", "Antony Blinken", ""),
    (A000, "„Wir haben noch keinen Einsatz dieser Truppen im Kampf gegen ukrainische Streitkräfte gesehen", "Direct", "Antony Blinken", "fügte"),
    (A002, "„Wir zählen darauf, dass europäische Partner und andere die Mobilisierung der Ukraine nachdrücklich unterstützen“", "Direct", "Antony Blinken", "sagte"),
    (A003, "sind bereits 11.000 nordkoreanische Soldaten in Russland stationiert", "Reported", "Kiew", "Laut"),
    (A001, "einen Krieg gegen Russland „inszeniert“ zu haben", "Indirect", "Kim Jong Un", "beschuldigte"),
    (A004, "„Ein Teil“ dieser Truppen „ist bereits näher an die Ukraine herangerückt“", "Direct", "Sabrina Singh", "fügte"),
]  # fmt: skip

#: the seed troop-estimate timeline: (article, figure text, value, qualifier, source)
FIGURES = [
    (A004, "rund 10.000", 10000.0, "approx", "Pentagon"),
    (A004, "bald 12.000", 12000.0, "expected", "Wolodymyr Selenskyj"),
    (A000, "Etwa 8.000", 8000.0, "approx", "Antony Blinken"),
    (A003, "mehr als 10.000", 10000.0, "more_than", "USA"),
    (A003, "11.000", 11000.0, "exact", "Kiew"),
]
QUANTITY = "nordkoreanische Soldaten in Russland"


def _texts() -> dict[str, str]:
    return {aid: (config.SEEDS_DIR / f"{aid}.txt").read_text(encoding="utf-8") for aid in IDS}


def seed_corpus(
    *, quotes: bool = True, figures: bool = True, texts: dict[str, str] | None = None
) -> Corpus:
    """The five seeds with hand-made quotes/figures (offsets located in the real text)."""
    texts = texts or _texts()
    arts = pd.DataFrame(
        [{"id": r.id, "title": "", "date": r.date, "outlet": r.outlet, "url": "", "source": "", "encoding": "utf-8",
          "n_chars": len(texts[r.id]), "n_words": 0, "boilerplate": []} for r in MANIFEST.itertuples()],
        columns=list(ARTICLE_COLUMNS),
    )  # fmt: skip
    qrows = []
    for n, (aid, quote, qtype, speaker, cue) in enumerate(QUOTES if quotes else []):
        start = texts[aid].index(quote)
        cue_start = texts[aid].find(cue, start + len(quote)) if cue else -1
        if cue_start < 0 and cue:
            cue_start = texts[aid].rfind(cue, 0, start)
        row = dict.fromkeys(QUOTE_COLUMNS, "")
        row.update(article_id=aid, quote_id=f"{aid}-q{n}", type=qtype, quote_text=quote, quote_start=start,
                   quote_end=start + len(quote), speaker=speaker, speaker_mention=speaker, cue=cue,
                   cue_start=cue_start if cue else None, cue_end=cue_start + len(cue) if cue else None,
                   speaker_start=None, speaker_end=None, sentence=quote, n_articles=1)  # fmt: skip
        qrows.append(row)
    frows = []
    for n, (aid, text, value, qual, source) in enumerate(FIGURES if figures else []):
        start = texts[aid].index(text)
        frows.append(dict(article_id=aid, figure_id=f"{aid}-f{n}", text=text, start=start, end=start + len(text),
                          value=value, value_high=None, qualifier=qual, unit="Soldat", category="count",
                          phrase="nordkoreanische Soldaten", source=source, quantity=QUANTITY, sentence=text))  # fmt: skip
    qdf = pd.DataFrame(qrows, columns=list(QUOTE_COLUMNS))
    fdf = pd.DataFrame(frows, columns=list(FIGURE_COLUMNS))
    speakers = (
        qdf.groupby("speaker")
        .agg(n_quotes=("quote_id", "size"), n_articles=("article_id", "nunique"))
        .reset_index()
    )
    speakers = speakers.reindex(columns=list(SPEAKER_COLUMNS))
    corpus = Corpus(
        articles=arts, entities=pd.DataFrame(columns=list(ENTITY_COLUMNS)), quotes=qdf, speakers=speakers,
        figures=fdf, texts=texts, boilerplate={aid: [] for aid in IDS},
    )  # fmt: skip
    return corpus


def _timeline(corpus: Corpus, quantity: str | None = None) -> pd.DataFrame:
    """The seed timeline as the tracking module will return it (hand-made here)."""
    f = corpus.figures
    if quantity:
        f = f[f["quantity"] == quantity]
    dates = corpus.articles.set_index("id")["date"]
    out = f.assign(date=f["article_id"].map(dates))
    return out[
        ["date", "value", "value_high", "qualifier", "source", "article_id", "text", "sentence"]
    ].sort_values("date")


@pytest.fixture
def corpus(monkeypatch) -> Corpus:
    monkeypatch.setattr(Corpus, "timeline", _timeline)
    return seed_corpus()


# ------------------------------------------------------------------ filter_quotes


def test_filter_quotes_by_speaker_type_article_and_text(corpus):
    from kit.workbench import filter_quotes

    q = corpus.quotes
    assert set(filter_quotes(q, speakers=["Antony Blinken"])["article_id"]) == {A000, A002}
    assert list(filter_quotes(q, types=["Reported"])["speaker"]) == ["Kiew"]
    assert set(filter_quotes(q, articles=[A000])["speaker"]) == {"Antony Blinken"}
    # free text is case-insensitive plain text, not a regex
    assert list(filter_quotes(q, text="INSZENIERT")["speaker"]) == ["Kim Jong Un"]
    assert filter_quotes(q, text="(").empty
    # filters combine
    both = filter_quotes(q, speakers=["Antony Blinken"], types=["Direct"], text="Partner")
    assert list(both["article_id"]) == [A002]
    # no filter: everything
    assert len(filter_quotes(q)) == len(q)


def test_filter_quotes_by_date_range_uses_article_dates(corpus):
    from kit.workbench import filter_quotes

    q, arts = corpus.quotes, corpus.articles
    early = filter_quotes(q, date_range=(None, dt.date(2024, 10, 31)), articles_df=arts)
    assert set(early["article_id"]) == {A000, A004}  # 31 Oct and 29 Oct
    mid = filter_quotes(
        q, date_range=(dt.date(2024, 11, 12), dt.date(2024, 11, 13)), articles_df=arts
    )
    assert set(mid["article_id"]) == {A002, A003}


# ------------------------------------------------------------------ quote explorer


def test_quote_explorer_filters_counts_and_sorts(corpus):
    from kit.workbench import QuoteExplorer

    ui = QuoteExplorer(corpus)
    assert len(ui.result) == len(corpus.quotes)
    ui.speakers.value = ("Antony Blinken",)
    assert set(ui.result["speaker"]) == {"Antony Blinken"} and len(ui.result) == 3
    assert "Antony Blinken</td><td style='text-align:right'>3" in ui.counts.value
    assert "3 von 3 Zeilen" in ui.table.value
    ui.types.value = ("Direct",)
    assert len(ui.result) == 2
    ui.sort_by.value, ui.ascending.value = "date", False
    assert list(ui.result["article_id"]) == [A002, A000]  # 13 Nov before 31 Oct
    ui.clear()
    assert len(ui.result) == len(corpus.quotes)
    ui.text.value = "Soldaten"
    assert list(ui.result["speaker"]) == ["Kiew"]
    assert ui.last_error is None


def test_quote_explorer_on_empty_frames_says_so():
    from kit.workbench import QuoteExplorer
    from kit.workbench.ui import NO_QUOTES

    ui = QuoteExplorer(seed_corpus(quotes=False))
    assert NO_QUOTES in ui.table.value and ui.last_error is None


def test_callback_errors_show_in_the_ui(corpus, monkeypatch):
    import kit.workbench.widgets as kw

    ui = kw.QuoteExplorer(corpus)
    monkeypatch.setattr(kw, "filter_quotes", lambda *a, **k: 1 / 0)
    ui.text.value = "x"  # must not raise into the caller: the error is shown instead
    assert isinstance(ui.last_error, ZeroDivisionError)
    assert "ZeroDivisionError" in ui.errors.value


# ------------------------------------------------------------------ article browser


def test_article_browser_highlights_quotes_by_speaker(corpus):
    from kit.workbench import ArticleBrowser

    ui = ArticleBrowser(corpus)
    ui.article.value = A003
    html = ui.view.value
    assert 'class="kit-q"' in html
    assert "Sprecher: Kiew · Redeeinleitung: Laut · Art: Reported" in html
    assert 'class="kit-fig"' in html and "Zahl: 11.000 Soldat" in html
    ui.show_quotes.value = False
    assert 'class="kit-q"' not in ui.view.value


def test_article_browser_escapes_hostile_text():
    from kit.workbench import ArticleBrowser

    hostile = {aid: "<script>alert(1)</script> <img src=x onerror=alert(2)> </div>" for aid in IDS}
    ui = ArticleBrowser(seed_corpus(quotes=False, figures=False, texts=hostile))
    html = ui.view.value
    assert "<script>" not in html and "<img" not in html
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        and "&lt;img src=x onerror=alert(2)&gt;" in html
    )
    assert html.count("</div>") == html.count("<div")


# ------------------------------------------------------------------ figure explorer


def test_figure_explorer_filters_and_draws_timeline(corpus):
    from kit.workbench import FigureExplorer
    from kit.workbench.charts import chart_info

    ui = FigureExplorer(corpus)
    assert len(ui.result) == 5
    ui.qualifiers.value = ("approx",)
    assert set(ui.result["source"]) == {"Pentagon", "Antony Blinken"}
    info = chart_info(ui.figure)
    assert info is not None and len(info.data) == 2
    ui.qualifiers.value = ()
    ui.sources.value = ("Kiew", "USA")
    assert sorted(ui.result["value"]) == [10000.0, 11000.0]
    ui.date_to.value = dt.date(2024, 10, 30)
    assert ui.result.empty and ui.last_error is None


# ------------------------------------------------------------------ chart studio


def test_chart_studio_defaults_filters_labels_and_export(corpus, tmp_path):
    from kit.workbench import ChartStudio
    from kit.workbench.charts import chart_info

    studio = ChartStudio(corpus, out_dir=tmp_path)
    assert studio.quantity.value == QUANTITY
    assert studio.title.value == f"Schätzungen: {QUANTITY}"
    assert len(chart_info(studio.figure).data) == 5
    studio.who.value = ("Kiew", "Pentagon")
    assert sorted(chart_info(studio.figure).data["source"]) == ["Kiew", "Pentagon"]
    # an edited title survives filter changes; untouched fields follow the language
    studio.title.value = "Wie viele Soldaten?"
    studio.lang.value = "en"
    assert studio.title.value == "Wie viele Soldaten?"
    assert studio.subtitle.value.startswith("Figures by source")
    studio.kind.value = "quotes_per_speaker"
    assert studio.who.value == ("Kiew",)  # a selection that still applies is kept
    studio.who.value = ()
    data = chart_info(studio.figure).data
    assert dict(zip(data["speaker"], data["quotes"], strict=True))["Antony Blinken"] == 3
    written = studio.export()
    assert sorted(p.suffix for p in written) == [".csv", ".pdf", ".png", ".svg"]
    assert all(p.parent == tmp_path and p.stat().st_size > 0 for p in written)
    assert "wie-viele-soldaten.png" in studio.status.value
    again = studio.export()  # not overwritten silently
    assert {p.name for p in again}.isdisjoint({p.name for p in written})
    assert studio.last_error is None


def test_chart_studio_render_on_empty_corpus_shows_no_data():
    from kit.workbench import ChartStudio
    from kit.workbench.charts import chart_info

    studio = ChartStudio(seed_corpus(quotes=False, figures=False))
    fig = studio.render()
    assert chart_info(fig).data.empty and studio.last_error is None
    assert any("Keine Daten" in t.get_text() for t in fig.axes[0].texts)


# ------------------------------------------------------------------ speaker editor


def test_speaker_editor_saves_correction_and_tables_follow(corpus, tmp_path):
    from kit.corpus.speakers import apply_corrections, load_corrections
    from kit.workbench import QuoteExplorer, SpeakerEditor

    path = tmp_path / "speaker_corrections.csv"

    def rebuild():  # the corpus-level step: re-apply the saved corrections to the quotes
        again = seed_corpus()
        again.quotes = apply_corrections(again.quotes, load_corrections(path))
        return again

    explorer = QuoteExplorer(corpus)
    editor = SpeakerEditor(corpus, rebuild=rebuild, on_change=explorer.set_corpus, corrections=path)
    editor.speaker.value = "Kiew"
    editor.action.value = "rename"
    editor.target.value = "Ukrainische Regierung"
    editor.apply_button.click()
    assert editor.last_error is None, editor.last_error
    assert "rename,Kiew,Ukrainische Regierung" in path.read_text(encoding="utf-8")
    assert (
        "Ukrainische Regierung" in editor.speaker.options and "Kiew" not in editor.speaker.options
    )
    # the quote explorer follows the rebuilt tables
    explorer.speakers.value = ("Ukrainische Regierung",)
    assert list(explorer.result["quote_text"]) == [QUOTES[3][1]]
    assert "1 Zitate jetzt bei" in editor.status.value


def test_speaker_editor_requires_a_target(corpus):
    from kit.workbench import SpeakerEditor

    editor = SpeakerEditor(corpus, rebuild=lambda: corpus)
    editor.speaker.value = "Kiew"
    editor.target.value = ""
    editor.apply_button.click()
    assert isinstance(editor.last_error, ValueError)
