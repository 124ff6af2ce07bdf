"""The workbench UIs (ipywidgets 8): article browser, quote and figure explorers, speaker editor.

Each UI is one small class that owns its controls and an ``Output``, shows
itself when it is the last expression of a cell (``_repr_mimebundle_``), and
wraps its callbacks so an error appears as one line in the UI instead of
vanishing into the log. The filtering is in pure functions
(:func:`filter_quotes`, :func:`filter_figures`) that the notebooks, tests
and the benchmark call directly. Controls that trigger work use
``continuous_update=False``.

>>> ui = QuoteExplorer(corpus)            # doctest: +SKIP
>>> ui.speakers.value = ("Antony Blinken",); ui.result   # the filtered frame  # doctest: +SKIP

The chart studio lives in :mod:`kit.workbench.studio`; the filters and the
base class in :mod:`kit.workbench.ui`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as W
import pandas as pd

from kit import config
from kit.corpus import speakers
from kit.corpus.builder import build
from kit.figures.claims import claims
from kit.workbench.charts import article_labels, estimates_chart, outlets_of, top_quantity
from kit.workbench.html import CSS, esc, legend, render_article, speaker_colours
from kit.workbench.studio import ChartStudio  # noqa: F401  (kit.widgets.ChartStudio, as before)
from kit.workbench.ui import (
    MAX_ROWS,
    NO_FIGURES,
    NO_QUOTES,
    UI,
    article_dates,
    filter_figures,
    filter_quotes,
    table_html,
)


def _date_pair(a: W.DatePicker, b: W.DatePicker) -> tuple[Any, Any] | None:
    return (a.value, b.value) if (a.value or b.value) else None


def _date_bounds(articles: pd.DataFrame) -> tuple[dt.date | None, dt.date | None]:
    if not len(articles) or "date" not in articles:
        return None, None
    d = pd.to_datetime(articles["date"], errors="coerce").dropna()
    return (d.min().date(), d.max().date()) if len(d) else (None, None)


# ------------------------------------------------------------------ article browser


class ArticleBrowser(UI):
    """Pick an article; read it with quotes (speaker colours), figures and entities marked.

    Boilerplate is greyed out; hovering a quote shows speaker, cue and type.
    The text is always HTML-escaped (see :mod:`kit.workbench.html`).
    """

    def __init__(self, corpus: Any, *, lang: str = "de") -> None:
        super().__init__()
        self.corpus, self.lang = corpus, lang
        ids = list(corpus.texts)
        names = article_labels(ids, corpus.articles, lang)
        self.article = W.Dropdown(
            options=[(names[i], i) for i in ids],
            description="Artikel",
            layout=W.Layout(width="32em"),
        )
        self.show_quotes = W.Checkbox(value=True, description="Zitate", indent=False)
        self.show_figures = W.Checkbox(value=True, description="Zahlen", indent=False)
        self.show_entities = W.Checkbox(value=False, description="Entitäten", indent=False)
        self.view = W.HTML()
        self.target: tuple[int, int] | None = None
        controls = W.HBox([self.article, self.show_quotes, self.show_figures, self.show_entities])
        self.root = W.VBox([controls, self.errors, self.view])
        self._observe([self.article], self._article_changed)
        self._observe([self.show_quotes, self.show_figures, self.show_entities], self.refresh)
        self._safe(self.refresh)()

    def show(self, article_id: str, target: tuple[int, int] | None = None) -> None:
        """Open ``article_id`` at ``target`` (start, end of a quote or figure: marked and
        quoted above the text)."""
        self._muted = True
        try:
            self.article.value = article_id
        finally:
            self._muted = False
        self.target = target
        self.refresh()

    def _article_changed(self) -> None:
        self.target = None
        self.refresh()

    def refresh(self) -> None:
        aid = self.article.value
        if aid is None:
            self.view.value = "<i>Keine Artikel geladen (no articles loaded).</i>"
            return
        q = self.corpus.quotes
        mine = q[q["article_id"] == aid] if len(q) else q
        colours = speaker_colours(mine)
        speakers = mine["speaker"].fillna("").astype(str) if len(mine) else []
        note = "" if len(q) else f"<p><i>{esc(NO_QUOTES)}</i></p>"
        body = render_article(
            self.corpus, aid, quotes=self.show_quotes.value, figures=self.show_figures.value,
            entities=self.show_entities.value, colours=colours, lang=self.lang, target=self.target,
        )  # fmt: skip
        self.view.value = f"<style>{CSS}</style>{note}{legend(colours, speakers, self.lang)}{body}"


# ------------------------------------------------------------------ quote explorer

QUOTE_TABLE_COLUMNS = ["speaker", "type", "quote_text", "cue", "date", "article_id", "sentence"]


class QuoteExplorer(UI):
    """Filter quotes by speaker, type, article, date and free text; sorted table; live counts."""

    def __init__(self, corpus: Any, *, max_rows: int = MAX_ROWS, lang: str = "de") -> None:
        super().__init__()
        self.max_rows, self.lang = max_rows, lang
        wide = W.Layout(width="20em", height="8em")
        self.speakers = W.SelectMultiple(description="Sprecher", layout=wide)
        self.types = W.SelectMultiple(
            description="Art", layout=W.Layout(width="16em", height="8em")
        )
        self.articles = W.SelectMultiple(description="Artikel", layout=wide)
        self.date_from = W.DatePicker(description="von")
        self.date_to = W.DatePicker(description="bis")
        self.text = W.Text(
            description="Suche", placeholder="z. B. Soldaten", continuous_update=False
        )
        self.sort_by = W.Dropdown(
            options=["date", "speaker", "type", "article_id"], value="date", description="Sortieren"
        )
        self.ascending = W.Checkbox(value=True, description="aufsteigend", indent=False)
        self.reset = W.Button(description="Filter zurücksetzen", icon="times")
        self.counts = W.HTML()
        self.table = W.HTML()
        self.result = pd.DataFrame()
        filters = W.HBox([self.speakers, self.types, self.articles])
        line = W.HBox([self.date_from, self.date_to, self.text])
        sort = W.HBox([self.sort_by, self.ascending, self.reset])
        self.root = W.VBox([filters, line, sort, self.errors, W.HBox([self.table, self.counts])])
        self._observe(
            [self.speakers, self.types, self.articles, self.date_from, self.date_to, self.text, self.sort_by, self.ascending],
            self.refresh,
        )  # fmt: skip
        self.reset.on_click(self._safe(lambda _b: self.clear()))
        self.set_corpus(corpus)

    def set_corpus(self, corpus: Any) -> None:
        """Show another (e.g. rebuilt) corpus, keeping the filters that still apply."""
        self.corpus = corpus
        q = corpus.quotes
        self._dates = (
            article_dates(q["article_id"], corpus.articles)
            if len(q)
            else pd.Series(dtype="datetime64[ns]")
        )
        counts = q["speaker"].fillna("").value_counts() if len(q) else pd.Series(dtype=int)
        keep = set(self.speakers.value)
        self._muted = True
        try:
            self.speakers.options = [(f"{n or '(ohne)'} ({c})", n) for n, c in counts.items()]
            self.speakers.value = tuple(n for n in counts.index if n in keep)
            self.types.options = sorted(q["type"].dropna().unique()) if len(q) else []
            ids = list(corpus.texts)
            names = article_labels(ids, corpus.articles, self.lang)
            self.articles.options = [(names[i], i) for i in ids]
        finally:
            self._muted = False
        self._safe(self.refresh)()

    def clear(self) -> None:
        """Reset every filter (one refresh, not one per control)."""
        self._muted = True
        try:
            self.speakers.value = ()
            self.types.value = ()
            self.articles.value = ()
            self.date_from.value = None
            self.date_to.value = None
            self.text.value = ""
        finally:
            self._muted = False
        self.refresh()

    def refresh(self) -> None:
        q = self.corpus.quotes
        if not len(q):
            self.result = q
            self.table.value = f"<p><i>{esc(NO_QUOTES)}</i></p>"
            self.counts.value = ""
            return
        res = filter_quotes(
            q, speakers=self.speakers.value, types=self.types.value, articles=self.articles.value,
            date_range=_date_pair(self.date_from, self.date_to), text=self.text.value,
            articles_df=self.corpus.articles,
        )  # fmt: skip
        res = res.assign(date=self._dates.reindex(res.index).dt.date)
        res = res.sort_values(
            [self.sort_by.value, "quote_start"], ascending=self.ascending.value, kind="stable"
        )
        self.result = res
        self.table.value = table_html(res, QUOTE_TABLE_COLUMNS, self.max_rows, self.lang)
        counts = res["speaker"].fillna("").replace("", "(ohne)").value_counts()
        rows = "".join(
            f"<tr><td>{esc(n)}</td><td style='text-align:right'>{c}</td></tr>"
            for n, c in counts.head(20).items()
        )
        self.counts.value = f"<b>Zitate je Sprecher</b><table>{rows}</table>"


# ------------------------------------------------------------------ figure explorer

FIGURE_TABLE_COLUMNS = [
    "date",
    "text",
    "value",
    "qualifier",
    "unit",
    "category",
    "source",
    "quantity",
    "sentence",
]


class FigureExplorer(UI):
    """Filter figures by tracked quantity, category, source, qualifier, date; table and timeline."""

    def __init__(self, corpus: Any, *, max_rows: int = MAX_ROWS, lang: str = "de") -> None:
        super().__init__()
        self.corpus, self.max_rows, self.lang = corpus, max_rows, lang
        f = corpus.figures
        col = W.Layout(width="16em", height="7em")
        quantities = sorted(x for x in f["quantity"].dropna().unique() if x) if len(f) else []
        main = top_quantity(corpus)
        self.quantity = W.Dropdown(
            options=[("(alle)", "")] + [(q, q) for q in quantities],
            value=main if main in quantities else "",
            description="Größe",
        )
        self.vague = W.Checkbox(
            value=False, description="vage Angaben (Tausende …) zeigen", indent=False
        )
        self.categories = W.SelectMultiple(
            options=_options(f, "category"), description="Kategorie", layout=col
        )
        self.sources = W.SelectMultiple(
            options=_options(f, "source"), description="Quelle", layout=col
        )
        self.qualifiers = W.SelectMultiple(
            options=_options(f, "qualifier"), description="Angabe", layout=col
        )
        lo, hi = _date_bounds(corpus.articles)
        self.date_from = W.DatePicker(description="von", value=None)
        self.date_to = W.DatePicker(description="bis", value=None)
        self._bounds = (lo, hi)
        self.table = W.HTML()
        self.figure = None
        self.result = pd.DataFrame()
        self.root = W.VBox([
            W.HBox([self.quantity, self.date_from, self.date_to, self.vague]),
            W.HBox([self.categories, self.sources, self.qualifiers]),
            self.errors, self.chart, self.table,
        ])  # fmt: skip
        self._observe(
            [
                self.quantity,
                self.categories,
                self.sources,
                self.qualifiers,
                self.date_from,
                self.date_to,
                self.vague,
            ],
            self.refresh,
        )
        self._safe(self.refresh)()

    def refresh(self) -> None:
        f = self.corpus.figures
        if not len(f):
            self.result = f
            self.table.value = f"<p><i>{esc(NO_FIGURES)}</i></p>"
            return
        res = filter_figures(
            f, quantity=self.quantity.value, categories=self.categories.value, sources=self.sources.value,
            qualifiers=self.qualifiers.value, date_range=_date_pair(self.date_from, self.date_to),
            articles_df=self.corpus.articles,
        )  # fmt: skip
        self.result = res
        self.table.value = table_html(
            res.assign(date=res["date"].dt.date), FIGURE_TABLE_COLUMNS, self.max_rows, self.lang
        )
        # the timeline shows claims of one quantity: no relations, vague amounts on request,
        # one point per claim repeated in an article
        labels: dict[str, str] = {}
        if self.quantity.value:
            dates = dict(
                zip(self.corpus.articles["id"], self.corpus.articles["date"], strict=False)
            )
            points = claims(res, dates, vague=self.vague.value)
        else:
            points = res.iloc[:0]
            labels = {"title": "Zeitverlauf: keine Größe gewählt",
                      "subtitle": "Oben eine Größe wählen – die Grafik zeigt dann ihre Angaben."}  # fmt: skip
        self.figure = estimates_chart(
            points, lang=self.lang, quantity=self.quantity.value,
            outlets=outlets_of(self.corpus, self.lang), **labels,
        )  # fmt: skip
        self._show_chart(self.figure)


def _options(frame: pd.DataFrame, column: str) -> list[str]:
    if not len(frame) or column not in frame:
        return []
    return sorted(str(x) for x in frame[column].dropna().unique() if str(x))


# ------------------------------------------------------------------ speaker editor


class SpeakerEditor(UI):
    """Rename, merge or split canonical speakers; the correction is saved and the tables follow.

    Corrections go through :mod:`kit.corpus.speakers` (``add_correction``) into
    ``data/speaker_corrections.csv`` and survive rebuilds. After saving, the
    editor rebuilds the corpus (``rebuild()``, by default :func:`kit.build` of
    the configured corpus, from the cache) and calls ``on_change(corpus)`` so
    other UIs (e.g. :meth:`QuoteExplorer.set_corpus`) follow.
    """

    ACTIONS = (
        ("umbenennen (rename)", "rename"),
        ("zusammenführen (merge)", "merge"),
        ("aufteilen (split)", "split"),
    )

    def __init__(
        self,
        corpus: Any,
        *,
        rebuild: Callable[[], Any] | None = None,
        on_change: Callable[[Any], Any] | None = None,
        corrections: Any = None,
    ) -> None:
        super().__init__()
        self.corpus = corpus
        self.rebuild = rebuild
        self.on_change = on_change
        self.corrections = corrections if corrections is not None else config.SPEAKER_CORRECTIONS
        self.speaker = W.Dropdown(description="Sprecher", layout=W.Layout(width="24em"))
        self.action = W.ToggleButtons(options=self.ACTIONS, value="rename")
        self.target = W.Combobox(
            description="neu / Ziel",
            placeholder="Name",
            ensure_option=False,
            layout=W.Layout(width="24em"),
        )
        self.article = W.Dropdown(description="nur Artikel", layout=W.Layout(width="24em"))
        self.apply_button = W.Button(
            description="Speichern und neu aufbauen", button_style="primary", icon="save"
        )
        self.status = W.HTML()
        self.root = W.VBox(
            [
                self.speaker,
                self.action,
                self.target,
                self.article,
                self.apply_button,
                self.errors,
                self.status,
            ]
        )
        self.apply_button.on_click(self._safe(lambda _b: self.apply()))
        self._observe([self.speaker], self._fill_articles)
        self._fill()

    def _fill(self) -> None:
        s = self.corpus.speakers
        q = self.corpus.quotes
        # speakers that have quotes, most quoted first; else the speakers table
        names = (
            list(q["speaker"].dropna().value_counts().index)
            if len(q)
            else list(s["speaker"].dropna())
            if len(s)
            else []
        )
        names = [n for n in names if n]
        self.speaker.options = names
        self.target.options = names
        if not names:
            self.status.value = f"<i>{esc(NO_QUOTES)}</i>"
        self._fill_articles()

    def _fill_articles(self) -> None:
        q = self.corpus.quotes
        ids = (
            list(dict.fromkeys(q.loc[q["speaker"] == self.speaker.value, "article_id"]))
            if len(q)
            else []
        )
        self.article.options = [("(alle)", "")] + [(i, i) for i in ids]

    def apply(self) -> Any:
        """Save the correction shown in the controls, rebuild, and report what changed."""
        name, new, action = self.speaker.value, self.target.value.strip(), self.action.value
        if not name:
            raise ValueError("Bitte einen Sprecher wählen.")
        if not new and action != "split":
            raise ValueError("Bitte den neuen Namen bzw. das Ziel eingeben.")
        speakers.add_correction(
            self.corrections, action, name, new, article_id=self.article.value or ""
        )
        rebuild = self.rebuild
        if rebuild is None:
            rebuild = functools.partial(
                build, progress=False, corrections_dir=Path(self.corrections).parent
            )
        self.corpus = rebuild()
        self._fill()
        if self.on_change is not None:
            self.on_change(self.corpus)
        new = new or name
        n = int((self.corpus.quotes["speaker"] == new).sum()) if len(self.corpus.quotes) else 0
        self.status.value = esc(
            f"Gespeichert: {action} {name!r} → {new!r} ({n} Zitate jetzt bei {new!r}); Datei: {self.corrections}"
        )
        return self.corpus
