"""Publication-ready charts of the kit's tables, in one house style (:mod:`kit.workbench.style`).

Every chart is a plain function ``(df, *, ax=None, lang="de", size="web", title=None,
subtitle=None, source=None) -> Figure`` usable without any widget:

- :func:`estimates_chart` — the headline: estimates of one tracked quantity
  over time, one marker and colour per source, the qualifier on every value
  ("≈10.000", ">10.000", "↗12.000") and explained in the footer;
- :func:`quotes_per_speaker` — who is quoted how often (bars);
- :func:`speaker_article_matrix` — which speaker is quoted in which article;
- :func:`quote_types_per_article` — direct / indirect / reported … per article;
- :func:`figures_by_category` — how many figures of each kind (counts, money, …).

The figure remembers what it shows (``fig.kit_chart``: title, subtitle, source
line and the plotted data as a DataFrame) so :func:`kit.workbench.export.export_chart`
can write the image together with the CSV behind it. Titles are filled from
the data when not given (:func:`default_labels`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from kit.figures.claims import MAIN_QUANTITY_RULE, main_quantity
from kit.records import QUOTE_TYPES
from kit.workbench import layout, style
from kit.workbench.style import CHART_KINDS, article_labels, default_labels

__all__ = [
    "CHART_KINDS", "ChartInfo", "KitFigure", "article_labels", "chart_for", "chart_info", "default_labels",
    "estimates_chart", "figures_by_category", "headline_chart", "NoChart", "outlets_of", "quote_types_per_article", "quotes_per_speaker",
    "speaker_article_matrix", "top_quantity",
]  # fmt: skip


@dataclass
class ChartInfo:
    """What a chart shows; attached to the figure as ``fig.kit_chart``."""

    kind: str
    title: str
    subtitle: str
    source: str
    data: pd.DataFrame = field(repr=False)
    lang: str = "de"
    size: str = "web"


class KitFigure(Figure):
    """A matplotlib figure that shows itself as PNG in Jupyter without pyplot.

    The kit never imports ``matplotlib.pyplot`` (no global figure state in a
    long-running kernel), so the inline backend's display hook may not be
    active; ``_repr_png_`` renders the chart in its house style instead.
    """

    def _repr_png_(self) -> bytes:
        import io

        info = chart_info(self)
        buf = io.BytesIO()
        with style.house_style(info.size if info else "web"):
            self.savefig(buf, format="png", dpi=100)
        return buf.getvalue()


def _styled(fn: Callable[..., Figure]) -> Callable[..., Figure]:
    """Run a chart function inside the house style of its ``size`` preset (fonts, colours)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Figure:
        with style.house_style(kwargs.get("size", "web")):
            return fn(*args, **kwargs)

    return wrapper


def chart_info(fig: Figure) -> ChartInfo | None:
    """The :class:`ChartInfo` of a kit chart (None for other figures)."""
    return getattr(fig, "kit_chart", None)


# ------------------------------------------------------------------ frame


def _figure(ax: Axes | None, size: str) -> tuple[Figure, Axes, bool]:
    if ax is not None:
        return ax.figure, ax, False
    preset = style.size(size)
    with style.house_style(preset):
        # no constrained layout: it collapses (and warns) on wide legends and long source
        # lines; :func:`kit.workbench.layout.arrange` measures and fits every block instead
        fig = KitFigure(figsize=(preset.width, preset.height))
        ax = fig.add_subplot()
    return fig, ax, True


def _decorate(
    fig: Figure, ax: Axes, own: bool, *, kind: str, labels: dict[str, str], data: pd.DataFrame,
    lang: str, size: str, note: str = "", legend: tuple[list, list[str]] | None = None,
) -> Figure:  # fmt: skip
    """Title, subtitle, legend (outside the data) and footer; the chart data on ``fig.kit_chart``."""
    preset = style.size(size)
    title, subtitle, source = labels["title"], labels["subtitle"], labels["source"]
    handles, names = legend if legend else ([], [])
    if own:
        layout.arrange(
            fig, ax, title=title, subtitle=subtitle, foot="\n".join(x for x in (note, source) if x),
            font=preset.font, ink=style.INK, muted=style.MUTED, handles=handles, labels=names,
        )  # fmt: skip
    else:
        ax.set_title(title, loc="left", fontweight="bold")
        if handles:
            ax.legend(handles, names, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    fig.kit_chart = ChartInfo(
        kind, title, subtitle, source, data.reset_index(drop=True), lang, size
    )
    return fig


def _empty(ax: Axes, lang: str) -> None:
    ax.set_axis_off()
    ax.text(
        0.5,
        0.5,
        style.word("no_data", lang),
        ha="center",
        va="center",
        color=style.MUTED,
        transform=ax.transAxes,
    )


def _labels(kind, data, lang, title, subtitle, source, **kw) -> dict[str, str]:
    labels = default_labels(kind, data, lang=lang, **kw)
    for key, value in (("title", title), ("subtitle", subtitle), ("source", source)):
        if value is not None:
            labels[key] = value
    return labels


def _few_bars(ax: Axes, n: int, slots: int = 5) -> None:
    """Keep bars slim and at the top when there are only a few of them."""
    if n < slots:
        ax.set_ylim(n - 0.5 - slots, n - 0.4)


def _number_axis(axis: Any, lang: str) -> None:
    axis.set_major_formatter(FuncFormatter(lambda x, _pos: style.format_number(x, lang)))


# ------------------------------------------------------------------ headline


@_styled
def estimates_chart(
    df: pd.DataFrame,
    *,
    ax: Axes | None = None,
    lang: str = "de",
    size: str = "web",
    quantity: str = "",
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
    outlets: str = "",
) -> Figure:
    """Estimates of one tracked quantity over time, by source (the headline chart).

    ``df`` is a timeline (:meth:`kit.Corpus.timeline`): columns ``date``,
    ``value``, ``value_high`` (optional), ``qualifier``, ``source``. Each
    source gets its own colour and marker; each point is labelled with its
    value and qualifier ("≈10.000", ">10.000", "↗12.000"), expected values are
    drawn hollow, ranges as a vertical bar; the footer explains the symbols.
    """
    style._lang(lang)
    fig, ax, own = _figure(ax, size)
    preset = style.size(size)
    data = _timeline_frame(df, lang)
    labels = _labels(
        "estimates", data, lang, title, subtitle, source, quantity=quantity, outlets=outlets
    )
    if data.empty:
        _empty(ax, lang)
        return _decorate(
            fig, ax, own, kind="estimates", labels=labels, data=data, lang=lang, size=size
        )

    # at most MAX_SERIES named series: the sources with most points, the rest as "weitere"
    ranked = list(data["source"].value_counts(sort=True).index)
    named = set(ranked[: MAX_SERIES - 1] if len(ranked) > MAX_SERIES else ranked)
    others = style.word("others", lang)
    data["series"] = [s if s in named else others for s in data["source"]]
    sources = [s for s in dict.fromkeys(data["series"]) if s != others]
    sources += [others] if others in set(data["series"]) else []
    top = np.nanmax(
        np.r_[data["value"].to_numpy(dtype=float), data["value_high"].to_numpy(dtype=float)]
    )
    ax.set_ylim(0, top * 1.18 if top > 0 else 1)
    lo, hi = data["date"].min(), data["date"].max()
    days = max((hi - lo).days, 1)
    ax.set_xlim(
        mdates.date2num(lo - pd.Timedelta(days=max(1, days * 0.06))),
        mdates.date2num(hi + pd.Timedelta(days=max(2, days * 0.2))),
    )
    ms = (preset.font * 0.85) ** 2
    # same date, same value, several sources: set the points side by side (about one marker apart)
    step = (ax.get_xlim()[1] - ax.get_xlim()[0]) * preset.font * 1.1 / 72 / preset.width
    rank = data.groupby(["date", "value"]).cumcount()
    size_ = data.groupby(["date", "value"])["value"].transform("size")
    data["dodge"] = (rank - (size_ - 1) / 2) * step
    for i, src in enumerate(sources):
        rows = data[data["series"] == src]
        colour, marker = style.SERIES[i % len(style.SERIES)], style.MARKERS[i % len(style.MARKERS)]
        if src == others:
            colour, marker = style.MUTED, "."
        hollow = rows["qualifier"].eq("expected").to_numpy()
        x = mdates.date2num(rows["date"].to_numpy()) + rows["dodge"].to_numpy()
        y = rows["value"].to_numpy(dtype=float)
        if (~hollow).any():
            ax.scatter(x[~hollow], y[~hollow], s=ms, color=colour, marker=marker, zorder=3, label=src,
                       edgecolor="white", linewidth=0.6)  # fmt: skip
        if hollow.any():
            ax.scatter(x[hollow], y[hollow], s=ms, facecolor="white", edgecolor=colour, marker=marker, linewidth=1.6,
                       zorder=3, label=None if (~hollow).any() else src)  # fmt: skip
        highs = rows["value_high"].to_numpy(dtype=float)
        for xi, low, high in zip(x, y, highs, strict=True):
            if not np.isnan(high) and high != low:
                ax.vlines(xi, low, high, color=colour, linewidth=2.5, alpha=0.8, zorder=2)
    plotted = data.copy()
    _number_axis(ax.yaxis, lang)
    if (data["value"] == data["value"].round()).all():
        ax.yaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 2.5, 5, 10]))  # counts
    with_year = days > 300 or lo.year != hi.year
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=7))
    ax.xaxis.set_major_formatter(
        FuncFormatter(lambda x, _pos: style.format_date(mdates.num2date(x), lang, year=with_year))
    )
    ax.grid(axis="x", visible=False)
    handles, names = ax.get_legend_handles_labels()
    note = style.qualifier_legend(data["qualifier"], lang)
    data = data.drop(columns=["dodge", "series"])
    fig = _decorate(
        fig, ax, own, kind="estimates", labels=labels, data=data, lang=lang, size=size, note=note,
        legend=(handles, names),
    )  # fmt: skip
    _label_points(ax, plotted, lang, preset)
    if own:
        layout.refit(fig, ax)
    return fig


#: above this many points, the headline labels only the latest value of each source
MAX_LABELS = 20
#: at most this many entries in a legend; further sources are one "weitere" series
MAX_SERIES = 8


def _label_points(ax: Axes, data: pd.DataFrame, lang: str, preset: style.SizePreset) -> None:
    """Label each point with its value: right of it, else left, above or below — whichever
    position stays inside the plot and clears the other points and the labels placed so far."""
    font = preset.font * 0.95
    to_pt = 72 / ax.figure.dpi
    xs = mdates.date2num(data["date"].to_numpy()) + data["dodge"].to_numpy()
    tops = data["value_high"].where(data["value_high"].notna(), data["value"]).to_numpy(dtype=float)
    points = (
        np.r_[
            ax.transData.transform(np.c_[xs, data["value"].to_numpy(dtype=float)]),
            ax.transData.transform(np.c_[xs, tops]),
        ]
        * to_pt
    )
    frame = ax.bbox.extents * to_pt  # x0, y0, x1, y1 in points
    placed: list[tuple[float, float, float, float]] = []
    gap, half = font * 0.75, font * 0.6
    # many points: label only each source's latest estimate (all labels would be unreadable)
    labelled = data.index if len(data) <= MAX_LABELS else data.groupby("series").tail(1).index
    for k, (idx, row) in enumerate(data.iterrows()):
        if idx not in labelled:
            continue
        text = style.format_value(row["value"], row["qualifier"], lang, row["value_high"])
        width = len(text) * font * 0.62
        x0, y0 = points[len(data) + k]
        candidates = [
            ((gap, 0), "left", "center", (x0 + gap, y0 - half, x0 + gap + width, y0 + half)),
            ((-gap, 0), "right", "center", (x0 - gap - width, y0 - half, x0 - gap, y0 + half)),
            (
                (0, gap),
                "center",
                "bottom",
                (x0 - width / 2, y0 + gap, x0 + width / 2, y0 + gap + 2 * half),
            ),
            (
                (0, -gap),
                "center",
                "top",
                (x0 - width / 2, y0 - gap - 2 * half, x0 + width / 2, y0 - gap),
            ),
        ]

        def badness(box: tuple[float, float, float, float], k: int = k) -> int:
            bx0, by0, bx1, by1 = box
            outside = bx0 < frame[0] - 6 or bx1 > frame[2] or by0 < frame[1] or by1 > frame[3]
            others = np.delete(points, [k, k + len(data)], axis=0)
            near = (
                (others[:, 0] > bx0 - 4)
                & (others[:, 0] < bx1 + 4)
                & (others[:, 1] > by0 - 4)
                & (others[:, 1] < by1 + 4)
            )
            overlap = any(
                bx0 < p1 and p0 < bx1 and by0 < q1 and q0 < by1 for p0, q0, p1, q1 in placed
            )
            return 2 * bool(near.any()) + 2 * overlap + bool(outside)

        scores = [badness(c[3]) for c in candidates]
        offset, ha, va, box = candidates[scores.index(min(scores))]
        placed.append(box)
        ax.annotate(text, (xs[k], tops[k]), xytext=offset, textcoords="offset points", va=va, ha=ha,
                    fontsize=font, color=style.INK, annotation_clip=False)  # fmt: skip


def _timeline_frame(df: pd.DataFrame, lang: str = "de") -> pd.DataFrame:
    """The rows of a timeline that can be plotted, with typed columns."""
    cols = ["date", "value", "value_high", "qualifier", "source", "article_id", "text", "sentence"]
    data = df.reindex(columns=cols).copy() if df is not None else pd.DataFrame(columns=cols)
    data["date"] = pd.to_datetime(data["date"], errors="coerce")
    data["value"] = pd.to_numeric(data["value"], errors="coerce")
    data["value_high"] = pd.to_numeric(data["value_high"], errors="coerce")
    data["qualifier"] = data["qualifier"].fillna("exact").replace("", "exact")
    data["source"] = (
        data["source"].fillna("").replace("", style.word("no_source", lang)).astype(str)
    )
    data = data.dropna(subset=["date", "value"]).sort_values("date", kind="stable")
    return data.reset_index(drop=True)


# ------------------------------------------------------------------ quotes


def _named_speakers(quotes: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, str]:
    """The quotes with a speaker, and the note saying how many have none (they are no bar)."""
    if not len(quotes):
        return quotes, ""
    has = quotes["speaker"].fillna("").astype(str).str.strip() != ""
    missing = int((~has).sum())
    note = style.word("without_speaker", lang).format(n=style.format_number(missing, lang))
    return quotes[has.to_numpy()], note if missing else ""


@_styled
def quotes_per_speaker(
    quotes: pd.DataFrame,
    *,
    ax: Axes | None = None,
    lang: str = "de",
    size: str = "web",
    top: int = 12,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
    outlets: str = "",
) -> Figure:
    """Horizontal bars: number of quotes per canonical speaker (the ``top`` most quoted)."""
    style._lang(lang)
    fig, ax, own = _figure(ax, size)
    preset = style.size(size)
    quotes = quotes if quotes is not None else pd.DataFrame(columns=["speaker", "article_id"])
    labels = _labels("quotes_per_speaker", quotes, lang, title, subtitle, source, outlets=outlets)
    named, note = _named_speakers(quotes, lang)
    counts = (
        named["speaker"].astype(str).value_counts().head(top)
        if len(named)
        else pd.Series(dtype=int)
    )
    data = counts.rename_axis("speaker").reset_index(name="quotes")
    if data.empty:
        _empty(ax, lang)
        return _decorate(
            fig, ax, own, kind="quotes_per_speaker", labels=labels, data=data, lang=lang,
            size=size, note=note,
        )  # fmt: skip
    order = data.iloc[::-1]
    bars = ax.barh(order["speaker"], order["quotes"], color=style.OKABE_ITO[0], height=0.65)
    ax.bar_label(
        bars,
        labels=[style.format_number(v, lang) for v in order["quotes"]],
        padding=3,
        fontsize=preset.font * 0.9,
    )
    _few_bars(ax, len(order))
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    _number_axis(ax.xaxis, lang)
    ax.set_xlabel(style.word("quotes", lang))
    ax.set_xlim(0, data["quotes"].max() * 1.12)  # room for the bar labels
    return _decorate(
        fig, ax, own, kind="quotes_per_speaker", labels=labels, data=data, lang=lang, size=size,
        note=note,
    )  # fmt: skip


@_styled
def speaker_article_matrix(
    quotes: pd.DataFrame,
    articles: pd.DataFrame | None = None,
    *,
    ax: Axes | None = None,
    lang: str = "de",
    size: str = "web",
    top: int = 12,
    max_articles: int = 20,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
    outlets: str = "",
) -> Figure:
    """Speakers × articles: a grid whose cells show the number of quotes (numbers in the cells).

    The ``top`` most quoted speakers and, of their articles, the ``max_articles``
    with most quotes (in date order) are shown.
    """
    style._lang(lang)
    fig, ax, own = _figure(ax, size)
    preset = style.size(size)
    quotes = quotes if quotes is not None else pd.DataFrame(columns=["speaker", "article_id"])
    labels = _labels("speaker_matrix", quotes, lang, title, subtitle, source, outlets=outlets)
    quotes, note = _named_speakers(quotes, lang)
    if not len(quotes):
        _empty(ax, lang)
        data = pd.DataFrame(columns=["speaker"])
        return _decorate(
            fig, ax, own, kind="speaker_matrix", labels=labels, data=data, lang=lang, size=size,
            note=note,
        )  # fmt: skip
    speakers = quotes["speaker"].astype(str)
    keep = speakers.value_counts().head(top).index
    mine = speakers.isin(keep).to_numpy()
    table = _counts(speakers[mine], quotes["article_id"][mine])
    table = table.reindex(index=keep)
    if table.shape[1] > max_articles:
        table = table[table.sum().nlargest(max_articles).index]
    order = _article_order(table.columns, articles)
    table = table[order]
    names = article_labels(table.columns, articles, lang)
    values = table.to_numpy()
    ax.imshow(values, cmap="Blues", aspect="auto", vmin=0, vmax=max(values.max(), 1) * 1.25)
    for (i, j), v in np.ndenumerate(values):
        if v:
            ax.text(j, i, style.format_number(v, lang), ha="center", va="center", fontsize=preset.font * 0.9,
                    color="white" if v > values.max() * 0.6 else style.INK)  # fmt: skip
    ax.set_yticks(range(len(table.index)), table.index)
    ax.set_xticks(
        range(len(table.columns)), [names[c] for c in table.columns], rotation=30, ha="right"
    )
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    data = table.copy()
    data.columns = [str(c) for c in data.columns]
    data = data.rename_axis("speaker").reset_index()
    return _decorate(
        fig, ax, own, kind="speaker_matrix", labels=labels, data=data, lang=lang, size=size,
        note=note,
    )  # fmt: skip


def _counts(rows: pd.Series, cols: pd.Series) -> pd.DataFrame:
    """Rows × columns count table (a faster ``pd.crosstab`` for two plain columns)."""
    counts = pd.DataFrame({"r": rows.to_numpy(), "c": cols.to_numpy()}).groupby(["r", "c"]).size()
    table = counts.unstack(fill_value=0)
    table.index.name, table.columns.name = rows.name, cols.name
    return table


def _article_order(ids: Any, articles: pd.DataFrame | None) -> list:
    ids = list(ids)
    if articles is None or not len(articles) or "date" not in articles:
        return sorted(ids)
    dates = articles.set_index("id")["date"].reindex(ids).astype(str)
    return sorted(ids, key=lambda a: (dates.get(a, ""), a))


@_styled
def quote_types_per_article(
    quotes: pd.DataFrame,
    articles: pd.DataFrame | None = None,
    *,
    ax: Axes | None = None,
    lang: str = "de",
    size: str = "web",
    max_articles: int = 15,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
    outlets: str = "",
) -> Figure:
    """Stacked bars per article by quote type (colour and hatch per type).

    With more than ``max_articles`` articles, those with most quotes are shown.
    """
    style._lang(lang)
    fig, ax, own = _figure(ax, size)
    quotes = quotes if quotes is not None else pd.DataFrame(columns=["type", "article_id"])
    labels = _labels("quote_types", quotes, lang, title, subtitle, source, outlets=outlets)
    if not len(quotes):
        _empty(ax, lang)
        data = pd.DataFrame(columns=["article_id"])
        return _decorate(
            fig, ax, own, kind="quote_types", labels=labels, data=data, lang=lang, size=size
        )
    table = _counts(quotes["article_id"], quotes["type"])
    if len(table) > max_articles:
        table = table.loc[table.sum(axis=1).nlargest(max_articles).index]
    types = [t for t in QUOTE_TYPES if t in table.columns] + [
        t for t in table.columns if t not in QUOTE_TYPES
    ]
    table = table[types].reindex(_article_order(table.index, articles))
    names = article_labels(table.index, articles, lang)
    left = np.zeros(len(table))
    ypos = np.arange(len(table))[::-1]
    for i, t in enumerate(types):
        ax.barh(ypos, table[t].to_numpy(), left=left, height=0.65, color=style.SERIES[i % len(style.SERIES)],
                hatch=style.HATCHES[i % len(style.HATCHES)], edgecolor="white", linewidth=0.5,
                label=style.TYPE_WORDS[lang].get(t, t))  # fmt: skip
        left += table[t].to_numpy()
    ax.set_yticks(ypos, [names[a] for a in table.index])
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    _number_axis(ax.xaxis, lang)
    ax.set_xlabel(style.word("quotes", lang))
    handles, names = ax.get_legend_handles_labels()
    data = table.rename_axis("article_id").reset_index()
    return _decorate(
        fig, ax, own, kind="quote_types", labels=labels, data=data, lang=lang, size=size,
        legend=(handles, names),
    )  # fmt: skip


# ------------------------------------------------------------------ figures


@_styled
def figures_by_category(
    figures: pd.DataFrame,
    *,
    ax: Axes | None = None,
    lang: str = "de",
    size: str = "web",
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
    outlets: str = "",
) -> Figure:
    """Bars: number of figures per category (Anzahl, Geld, Prozent, …)."""
    style._lang(lang)
    fig, ax, own = _figure(ax, size)
    preset = style.size(size)
    figures = figures if figures is not None else pd.DataFrame(columns=["category", "article_id"])
    labels = _labels("figure_categories", figures, lang, title, subtitle, source, outlets=outlets)
    counts = (
        figures["category"].fillna("other").value_counts() if len(figures) else pd.Series(dtype=int)
    )
    data = counts.rename_axis("category").reset_index(name="figures")
    if data.empty:
        _empty(ax, lang)
        return _decorate(
            fig, ax, own, kind="figure_categories", labels=labels, data=data, lang=lang, size=size
        )
    names = [style.CATEGORY_WORDS.get(lang, {}).get(c, c) for c in data["category"]]
    order = list(range(len(data)))[::-1]
    bars = ax.barh(
        [names[i] for i in order],
        data["figures"].to_numpy()[order],
        color=style.OKABE_ITO[2],
        height=0.65,
    )
    ax.bar_label(bars, labels=[style.format_number(data["figures"].iloc[i], lang) for i in order], padding=3,
                 fontsize=preset.font * 0.9)  # fmt: skip
    ax.set_xlim(0, data["figures"].max() * 1.12)  # room for the bar labels
    _few_bars(ax, len(order))
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    _number_axis(ax.xaxis, lang)
    ax.set_xlabel(style.word("figures", lang))
    return _decorate(
        fig, ax, own, kind="figure_categories", labels=labels, data=data, lang=lang, size=size
    )


# ------------------------------------------------------------------ from a corpus


def outlets_of(corpus: Any, lang: str = "de") -> str:
    """The outlets of a corpus for the source line, each once under one name (aliases in
    ``kit/resources/outlets.tsv``: RFA = Radio Free Asia), most articles first, at most two
    lines ("53 Medien, darunter WAZ, n-tv, FAZ")."""
    arts = getattr(corpus, "articles", None)
    if arts is None or not len(arts):
        return ""
    counts: dict[str, int] = {}
    for col in ("outlet", "agency_marks"):
        if col not in arts:
            continue
        for value in arts[col].dropna().astype(str):
            for name in value.split(";") if ";" in value else [value]:
                name = style.canonical_outlet(name)
                if name and name not in ("unknown", "nan"):
                    counts[name] = counts.get(name, 0) + 1
    ranked = sorted(counts, key=lambda n: -counts[n])  # stable: first seen among equals
    return style.outlet_phrase(ranked, lang)


def top_quantity(corpus: Any) -> str:
    """The main tracked quantity (:data:`kit.figures.claims.MAIN_QUANTITY_RULE`); "" if none."""
    figs = getattr(corpus, "figures", None)
    if figs is None or not len(figs) or "quantity" not in figs:
        return ""
    return main_quantity(figs, corpus.articles)


class NoChart:
    """What a notebook shows instead of a chart of noise: one paragraph saying why."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text

    def _repr_markdown_(self) -> str:
        return self.text


def headline_chart(corpus: Any, *, lang: str = "de", **kw: Any) -> Figure | NoChart:
    """The estimates chart of the main quantity, or a :class:`NoChart` saying that no
    quantity meets :data:`kit.figures.claims.MAIN_QUANTITY_RULE`."""
    quantity = top_quantity(corpus)
    if not quantity:
        head = {"de": "**Keine Hauptgröße**, also keine Zeitverlaufsgrafik. Regel: ",
                "en": "**No main quantity**, so no timeline chart. Rule: "}[lang]  # fmt: skip
        return NoChart(head + MAIN_QUANTITY_RULE[lang])
    return chart_for(corpus, "estimates", quantity=quantity, lang=lang, **kw)


def chart_for(corpus: Any, kind: str, *, quantity: str | None = None, **kw: Any) -> Figure:
    """Draw chart ``kind`` (one of :data:`CHART_KINDS`) from a :class:`kit.Corpus`."""
    kw.setdefault("outlets", outlets_of(corpus, kw.get("lang", "de")))
    if kind == "estimates":
        quantity = quantity or top_quantity(corpus)
        return estimates_chart(corpus.timeline(quantity or None), quantity=quantity, **kw)
    if kind == "quotes_per_speaker":
        return quotes_per_speaker(corpus.quotes, **kw)
    if kind == "speaker_matrix":
        return speaker_article_matrix(corpus.quotes, corpus.articles, **kw)
    if kind == "quote_types":
        return quote_types_per_article(corpus.quotes, corpus.articles, **kw)
    if kind == "figure_categories":
        return figures_by_category(corpus.figures, **kw)
    raise ValueError(f"unknown chart kind {kind!r}: use one of {', '.join(CHART_KINDS)}")
