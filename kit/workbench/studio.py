"""The chart studio: pick a chart, filter, label, size, language — and export it.

Title, subtitle and source line are filled from the data (:func:`kit.workbench.charts.default_labels`)
and stay editable: once the analyst has typed their own title, changing a
filter no longer replaces it. Export writes PNG, SVG, PDF and the CSV behind
the chart into ``data/exports/`` (:func:`kit.workbench.export.export_chart`) and lists
what it wrote.

>>> studio = ChartStudio(corpus)          # doctest: +SKIP
>>> studio.kind.value = "quotes_per_speaker"; studio.lang.value = "en"   # doctest: +SKIP
>>> studio.export()                       # -> [Path(...png), ...svg, ...pdf, ...csv]  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as W
import pandas as pd
from matplotlib.figure import Figure

from kit import config
from kit.workbench import charts
from kit.workbench.export import export_chart
from kit.workbench.html import esc
from kit.workbench.ui import UI, filter_quotes

KIND_NAMES = {
    "de": (
        ("Schätzungen im Zeitverlauf", "estimates"),
        ("Zitate je Sprecher", "quotes_per_speaker"),
        ("Sprecher × Artikel", "speaker_matrix"),
        ("Zitatarten je Artikel", "quote_types"),
        ("Zahlen nach Kategorie", "figure_categories"),
    ),
}


class ChartStudio(UI):
    """Chart type, filters, labels, size preset, language; export to PNG/SVG/PDF + CSV."""

    LABELS = ("title", "subtitle", "source")

    def __init__(
        self, corpus: Any, *, out_dir: str | Path | None = None, kind: str = "estimates"
    ) -> None:
        super().__init__()
        self.out_dir = Path(out_dir) if out_dir is not None else config.EXPORTS_DIR
        self.figure: Figure | None = None
        self.data = pd.DataFrame()
        self.written: list[Path] = []
        self._auto: dict[str, str] = {}
        self._timelines: dict[str, pd.DataFrame] = {}
        self.kind = W.Dropdown(options=KIND_NAMES["de"], value=kind, description="Grafik")
        self.quantity = W.Dropdown(description="Größe", layout=W.Layout(width="28em"))
        self.who = W.SelectMultiple(description="Wer", layout=W.Layout(width="28em", height="7em"))
        self.title = W.Text(
            description="Titel", continuous_update=False, layout=W.Layout(width="44em")
        )
        self.subtitle = W.Text(
            description="Untertitel", continuous_update=False, layout=W.Layout(width="44em")
        )
        self.source = W.Text(
            description="Quelle", continuous_update=False, layout=W.Layout(width="44em")
        )
        self.size = W.ToggleButtons(
            options=[("Web", "web"), ("Druck", "print"), ("Social", "social")], value="web"
        )
        self.lang = W.ToggleButtons(options=[("Deutsch", "de"), ("English", "en")], value="de")
        self.overwrite = W.Checkbox(
            value=False, description="vorhandene Dateien überschreiben", indent=False
        )
        self.export_button = W.Button(
            description="Exportieren (PNG, SVG, PDF, CSV)", button_style="primary", icon="download",
            layout=W.Layout(width="22em"),
        )  # fmt: skip
        self.status = W.HTML()
        self.root = W.VBox([
            W.HBox([self.kind, self.quantity]), self.who,
            self.title, self.subtitle, self.source,
            W.HBox([self.size, self.lang]),
            W.HBox([self.export_button, self.overwrite]),
            self.errors, self.status, self.chart,
        ])  # fmt: skip
        self._observe([self.kind, self.quantity, self.who, self.lang], self._filters_changed)
        self._observe([self.title, self.subtitle, self.source, self.size], self.render)
        self.export_button.on_click(self._safe(lambda _b: self.export()))
        self.set_corpus(corpus)

    # ---------------------------------------------------------------- data

    def set_corpus(self, corpus: Any) -> None:
        """Show another (e.g. rebuilt) corpus."""
        self.corpus = corpus
        self._timelines = {}
        self._outlet_lines = {lang: charts.outlets_of(corpus, lang) for lang in ("de", "en")}
        f = corpus.figures
        quantities = (
            f["quantity"].fillna("").astype(str).value_counts() if len(f) else pd.Series(dtype=int)
        )
        top = charts.top_quantity(corpus)
        self._muted = True
        try:
            # the main quantity first (the rule in kit.figures.claims), then by number of figures
            names = [q for q in quantities.index if q]
            names = [top, *[q for q in names if q != top]] if top else names
            self.quantity.options = [(q, q) for q in names] or [("(keine)", "")]
            self.quantity.value = top if top else self.quantity.options[0][1]
            if not top and self.kind.value == "estimates" and len(corpus.quotes):
                self.kind.value = "quotes_per_speaker"  # no quantity qualifies: no noise chart
        finally:
            self._muted = False
        self._safe(self._filters_changed)()

    def _timeline(self) -> pd.DataFrame:
        key = self.quantity.value or ""
        if key not in self._timelines:
            self._timelines[key] = self.corpus.timeline(key or None)
        return self._timelines[key]

    def _who_options(self) -> list[str]:
        kind = self.kind.value
        if kind == "estimates":
            frame, col = self._timeline(), "source"
        elif kind == "figure_categories":
            frame, col = self.corpus.figures, "source"
        else:
            frame, col = self.corpus.quotes, "speaker"
        if not len(frame) or col not in frame:
            return []
        return [str(x) for x in frame[col].fillna("").astype(str).value_counts().index if x]

    def chart_data(self) -> pd.DataFrame:
        """The rows the current chart is drawn from (after the filters)."""
        kind, who = self.kind.value, list(self.who.value)
        if kind == "estimates":
            tl = self._timeline()
            return tl[tl["source"].isin(who)] if who and len(tl) else tl
        if kind == "figure_categories":
            f = self.corpus.figures
            return f[f["source"].isin(who)] if who and len(f) else f
        return (
            filter_quotes(self.corpus.quotes, speakers=who)
            if len(self.corpus.quotes)
            else self.corpus.quotes
        )

    # ---------------------------------------------------------------- labels

    def _filters_changed(self) -> None:
        self._muted = True
        try:
            options = self._who_options()
            keep = [w for w in self.who.value if w in options]
            self.who.options = options
            self.who.value = tuple(keep)
            self.quantity.disabled = self.kind.value != "estimates"
            self._fill_labels()
        finally:
            self._muted = False
        self.render()

    def _fill_labels(self) -> None:
        """Put the data's default labels into every label field the analyst has not edited."""
        defaults = charts.default_labels(
            self.kind.value,
            self.chart_data(),
            lang=self.lang.value,
            quantity=self.quantity.value,
            outlets=self._outlet_lines[self.lang.value],
        )
        for key in self.LABELS:
            field = getattr(self, key)
            if field.value in ("", self._auto.get(key)):
                field.value = defaults[key]
            self._auto[key] = defaults[key]

    # ---------------------------------------------------------------- render / export

    def render(self) -> Figure:
        """Draw the chart for the current settings into the studio (and return it)."""
        self.data = self.chart_data()
        kw: dict[str, Any] = dict(
            lang=self.lang.value, size=self.size.value, title=self.title.value, subtitle=self.subtitle.value,
            source=self.source.value, outlets=self._outlet_lines[self.lang.value],
        )  # fmt: skip
        kind = self.kind.value
        if kind == "estimates":
            fig = charts.estimates_chart(self.data, quantity=self.quantity.value, **kw)
        elif kind == "quotes_per_speaker":
            fig = charts.quotes_per_speaker(self.data, **kw)
        elif kind == "speaker_matrix":
            fig = charts.speaker_article_matrix(self.data, self.corpus.articles, **kw)
        elif kind == "quote_types":
            fig = charts.quote_types_per_article(self.data, self.corpus.articles, **kw)
        else:
            fig = charts.figures_by_category(self.data, **kw)
        self.figure = fig
        self._show_chart(fig)
        return fig

    def export(self) -> list[Path]:
        """Export the current chart (PNG, SVG, PDF + CSV) and show the paths written."""
        fig = self.figure if self.figure is not None else self.render()
        self.written = export_chart(fig, out_dir=self.out_dir, overwrite=self.overwrite.value)
        items = "".join(f"<li><code>{esc(p.name)}</code></li>" for p in self.written)
        where = esc(str(self.out_dir))
        self.status.value = (
            f'<div class="kit-export-status">{len(self.written)} Dateien geschrieben nach <code>{where}</code>:'
            f"<ul>{items}</ul></div>"
        )
        return self.written


__all__ = ["ChartStudio"]
