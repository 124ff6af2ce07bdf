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

The chart studio lives in :mod:`kit.studio` (``kit.widgets.ChartStudio``).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from typing import Any

import ipywidgets as W
import numpy as np
import pandas as pd
from IPython.display import display

from . import config, style
from .charts import article_labels, estimates_chart
from .html import CSS, esc, legend, render_article, speaker_colours

MAX_ROWS = 50
NO_QUOTES = "Noch keine Zitate gefunden (no quotes found yet)."
NO_FIGURES = "Noch keine Zahlen gefunden (no figures found yet)."

# ------------------------------------------------------------------ pure filters


def _article_dates(ids: pd.Series, articles_df: pd.DataFrame | None) -> pd.Series:
    if articles_df is None or not len(articles_df) or "date" not in articles_df:
        return pd.Series(pd.NaT, index=ids.index)
    dates = pd.to_datetime(articles_df.set_index("id")["date"], errors="coerce")
    dates = dates[~dates.index.duplicated()]
    return ids.map(dates)


def _date_mask(dates: pd.Series, date_range: tuple[Any, Any] | None) -> np.ndarray:
    start, end = date_range if date_range else (None, None)
    mask = np.ones(len(dates), dtype=bool)
    if start is not None:
        mask &= (dates >= pd.Timestamp(start)).to_numpy()
    if end is not None:
        mask &= (dates <= pd.Timestamp(end)).to_numpy()
    return mask


def filter_quotes(
    quotes_df: pd.DataFrame,
    *,
    speakers: Iterable[str] = (),
    types: Iterable[str] = (),
    articles: Iterable[str] = (),
    date_range: tuple[Any, Any] | None = None,
    text: str = "",
    articles_df: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The quotes matching every given filter (an empty filter lets everything through).

    ``date_range`` is ``(start, end)`` (inclusive, either may be None) and
    needs ``articles_df`` for the article dates. ``text`` is matched
    case-insensitively, as plain text, in the quote, the speaker and the
    sentence ("Soldaten" finds „… 10.000 Soldaten …“). Vectorised: a filter
    change on 50,000 quotes takes milliseconds.
    """
    q = quotes_df
    mask = np.ones(len(q), dtype=bool)
    for column, wanted in (("speaker", speakers), ("type", types), ("article_id", articles)):
        wanted = list(wanted or ())
        if wanted:
            mask &= q[column].isin(wanted).to_numpy()
    if date_range and any(v is not None for v in date_range):
        mask &= _date_mask(_article_dates(q["article_id"], articles_df), date_range)
    needle = (text or "").strip()
    if needle and mask.any():
        idx = np.flatnonzero(mask)
        sub = q.iloc[idx]
        hit = np.zeros(len(idx), dtype=bool)
        for column in ("quote_text", "speaker", "sentence"):
            if column in sub:
                hit |= (
                    sub[column]
                    .astype("string")
                    .str.contains(needle, case=False, regex=False, na=False)
                    .to_numpy()
                )
        mask[idx[~hit]] = False
    return q[mask]


def filter_figures(
    figures_df: pd.DataFrame,
    *,
    quantity: str = "",
    categories: Iterable[str] = (),
    sources: Iterable[str] = (),
    qualifiers: Iterable[str] = (),
    date_range: tuple[Any, Any] | None = None,
    articles_df: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The figures matching every filter, with the article ``date`` added (for timelines)."""
    f = figures_df.copy()
    f["date"] = (
        _article_dates(f["article_id"], articles_df)
        if len(f)
        else pd.Series(dtype="datetime64[ns]")
    )
    mask = np.ones(len(f), dtype=bool)
    if quantity:
        mask &= (f["quantity"] == quantity).to_numpy()
    for column, wanted in (
        ("category", categories),
        ("source", sources),
        ("qualifier", qualifiers),
    ):
        wanted = list(wanted or ())
        if wanted:
            mask &= f[column].isin(wanted).to_numpy()
    if date_range and any(v is not None for v in date_range):
        mask &= _date_mask(f["date"], date_range)
    return f[mask]


def table_html(
    df: pd.DataFrame, columns: list[str], max_rows: int = MAX_ROWS, lang: str = "de"
) -> str:
    """The first ``max_rows`` rows as an escaped HTML table, with a count line."""
    shown = df.reindex(columns=columns).head(max_rows)
    count = (
        f"{style.format_number(len(shown), lang)} von {style.format_number(len(df), lang)} Zeilen"
        if lang == "de"
        else f"{len(shown):,} of {len(df):,} rows"
    )
    table = shown.to_html(index=False, escape=True, na_rep="", border=0, classes="kit-table")
    return f'<div class="kit-count">{esc(count)}</div><div style="max-height:28em;overflow:auto">{table}</div>'


# ------------------------------------------------------------------ base


class _UI:
    """Owns a root box, an error line and an ``Output``; wraps callbacks."""

    root: W.Widget

    def __init__(self) -> None:
        self.errors = W.HTML()
        self.out = W.Output()
        # charts are shown as a PNG in an Image widget, not captured into the Output:
        # nbclient (CI, Voila) can wait a full cell timeout for a figure displayed
        # into an Output widget under CPU load, and an Image needs no capture at all
        self.chart = W.Image(format="png", layout=W.Layout(max_width="100%", height="auto"))
        self.last_error: BaseException | None = None
        self._muted = False

    def _safe(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                self.errors.value = ""
                return fn(*args, **kwargs)
            except Exception as exc:  # shown to the analyst, kept for tests
                self.last_error = exc
                self.errors.value = f'<span style="color:#B00020">Fehler: {esc(type(exc).__name__)}: {esc(exc)}</span>'
                return None

        return wrapper

    def _observe(self, controls: Iterable[W.Widget], fn: Callable[[], Any]) -> None:
        handler = self._safe(lambda _change: None if self._muted else fn())
        for control in controls:
            control.observe(handler, names="value")

    def _show_chart(self, fig: Any) -> None:
        """Put ``fig`` (a KitFigure) into the chart image."""
        self.chart.value = fig._repr_png_()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.root._repr_mimebundle_(**kwargs)

    def show(self) -> None:
        display(self.root)


def _date_pair(a: W.DatePicker, b: W.DatePicker) -> tuple[Any, Any] | None:
    return (a.value, b.value) if (a.value or b.value) else None


def _date_bounds(articles: pd.DataFrame) -> tuple[dt.date | None, dt.date | None]:
    if not len(articles) or "date" not in articles:
        return None, None
    d = pd.to_datetime(articles["date"], errors="coerce").dropna()
    return (d.min().date(), d.max().date()) if len(d) else (None, None)


# ------------------------------------------------------------------ article browser


class ArticleBrowser(_UI):
    """Pick an article; read it with quotes (speaker colours), figures and entities marked.

    Boilerplate is greyed out; hovering a quote shows speaker, cue and type.
    The text is always HTML-escaped (see :mod:`kit.html`).
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
        controls = W.HBox([self.article, self.show_quotes, self.show_figures, self.show_entities])
        self.root = W.VBox([controls, self.errors, self.view])
        self._observe(
            [self.article, self.show_quotes, self.show_figures, self.show_entities], self.refresh
        )
        self._safe(self.refresh)()

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
            entities=self.show_entities.value, colours=colours, lang=self.lang,
        )  # fmt: skip
        self.view.value = f"<style>{CSS}</style>{note}{legend(colours, speakers, self.lang)}{body}"


# ------------------------------------------------------------------ quote explorer

QUOTE_TABLE_COLUMNS = ["speaker", "type", "quote_text", "cue", "date", "article_id", "sentence"]


class QuoteExplorer(_UI):
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
            _article_dates(q["article_id"], corpus.articles)
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


class FigureExplorer(_UI):
    """Filter figures by tracked quantity, category, source, qualifier, date; table and timeline."""

    def __init__(self, corpus: Any, *, max_rows: int = MAX_ROWS, lang: str = "de") -> None:
        super().__init__()
        self.corpus, self.max_rows, self.lang = corpus, max_rows, lang
        f = corpus.figures
        col = W.Layout(width="16em", height="7em")
        quantities = sorted(x for x in f["quantity"].dropna().unique() if x) if len(f) else []
        self.quantity = W.Dropdown(
            options=[("(alle)", "")] + [(q, q) for q in quantities], description="Größe"
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
            W.HBox([self.quantity, self.date_from, self.date_to]),
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
        self.figure = estimates_chart(
            res, lang=self.lang, quantity=self.quantity.value or "alle Zahlen"
        )
        self._show_chart(self.figure)


def _options(frame: pd.DataFrame, column: str) -> list[str]:
    if not len(frame) or column not in frame:
        return []
    return sorted(str(x) for x in frame[column].dropna().unique() if str(x))


# ------------------------------------------------------------------ speaker editor


class SpeakerEditor(_UI):
    """Rename, merge or split canonical speakers; the correction is saved and the tables follow.

    Corrections go through :mod:`kit.speakers` (``add_correction``) into
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
        from . import speakers

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
            from pathlib import Path

            from .corpus import build

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


def __getattr__(name: str) -> Any:
    if name == "ChartStudio":
        from .studio import ChartStudio

        return ChartStudio
    raise AttributeError(f"module 'kit.widgets' has no attribute {name!r}")
