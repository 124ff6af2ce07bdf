"""The frame of a publishable chart: title, subtitle, legend and source line that always fit.

Matplotlib's constrained layout collapses (with a warning) when a legend or a
source line is wider than the canvas, and cuts long titles. The kit lays out
its own charts instead, measuring every text with the renderer:

- the title and subtitle are wrapped to the canvas width and set at the top;
- the footer (symbol legend and source line) is wrapped and set at the bottom;
- the legend sits between the plot and the footer, outside the data, with as
  many columns as fit;
- the axes take the space left, shrunk until its tick labels and point labels
  are inside the canvas too.

:func:`problems` checks a drawn chart the way the tests do: every text inside
the canvas, the legend clear of the plotted data.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.text import Text

MARGIN_IN = 0.14  # canvas margin, inches
GAP_IN = 0.08  # gap between the blocks, inches


def renderer(fig: Figure) -> Any:
    """The figure's Agg renderer (a figure made without pyplot has none until a canvas is set)."""
    if not hasattr(fig.canvas, "get_renderer"):
        FigureCanvasAgg(fig)
    return fig.canvas.get_renderer()


def wrap(text: str, prop: FontProperties, width: float, rend: Any) -> str:
    """``text`` broken into lines no wider than ``width`` pixels (words kept whole; a word
    longer than a line is cut with "…")."""
    out: list[str] = []

    def w(s: str) -> float:
        return rend.get_text_width_height_descent(s, prop, ismath=False)[0]

    for para in (text or "").split("\n"):
        line = ""
        for word in para.split():
            while w(word) > width and len(word) > 2:
                word = word[: max(1, len(word) - 2)].rstrip("…") + "…"
            candidate = f"{line} {word}".strip()
            if line and w(candidate) > width:
                out.append(line)
                line = word
            else:
                line = candidate
        out.append(line)
    return "\n".join(out).strip("\n")


def _text(fig: Figure, x: float, y: float, s: str, **kw: Any) -> Text:
    return fig.text(x, y, s, ha="left", parse_math=False, **kw)


def arrange(
    fig: Figure,
    ax: Axes,
    *,
    title: str,
    subtitle: str,
    foot: str,
    font: float,
    ink: str,
    muted: str,
    handles: Sequence[Any] = (),
    labels: Sequence[str] = (),
) -> None:
    """Set title, subtitle, legend and footer on ``fig`` and fit ``ax`` into the rest."""
    rend = renderer(fig)
    width, height = fig.bbox.width, fig.bbox.height
    margin, gap = MARGIN_IN * fig.dpi, GAP_IN * fig.dpi
    avail = width - 2 * margin
    x0 = margin / width

    def prop(size: float, weight: str = "normal") -> FontProperties:
        return FontProperties(size=size, weight=weight)

    t = _text(fig, x0, 1 - margin / height, wrap(title, prop(font * 1.4, "bold"), avail, rend),
              va="top", fontsize=font * 1.4, fontweight="bold", color=ink)  # fmt: skip
    t._kit_role = "title"
    top = t.get_window_extent(rend).y0 if title else height - margin
    if subtitle:
        s = _text(fig, x0, (top - gap / 2) / height, wrap(subtitle, prop(font), avail, rend),
                  va="top", fontsize=font, color=muted)  # fmt: skip
        s._kit_role = "subtitle"
        top = s.get_window_extent(rend).y0
    top -= gap
    bottom = margin
    if foot:
        f = _text(fig, x0, margin / height, wrap(foot, prop(font * 0.8), avail, rend),
                  va="bottom", fontsize=font * 0.8, color=muted)  # fmt: skip
        f._kit_role = "foot"
        bottom = f.get_window_extent(rend).y1 + gap
    if handles:
        legend = None
        for ncol in range(min(len(handles), 4), 0, -1):
            legend = fig.legend(
                handles, labels, loc="lower left", bbox_to_anchor=(x0, bottom / height),
                ncol=ncol, frameon=False, borderaxespad=0, borderpad=0, handletextpad=0.3,
                columnspacing=1.2, fontsize=font * 0.85,
            )  # fmt: skip
            if legend.get_window_extent(rend).width <= avail or ncol == 1:
                break
            legend.remove()
        assert legend is not None
        bottom = legend.get_window_extent(rend).y1 + gap
    ax.set_position([x0, bottom / height, avail / width, max(top - bottom, 0.2 * height) / height])
    fig._kit_frame = (margin, bottom, width - margin, top)
    refit(fig, ax)


def refit(fig: Figure, ax: Axes, rounds: int = 3) -> None:
    """Shrink ``ax`` until its tick labels, axis labels and point labels fit the frame."""
    frame = getattr(fig, "_kit_frame", None)
    if frame is None:
        return
    rend = renderer(fig)
    width, height = fig.bbox.width, fig.bbox.height
    left_lim, bottom_lim, right_lim, top_lim = frame
    for _ in range(rounds):
        tight = ax.get_tightbbox(rend)
        pos = ax.get_window_extent(rend)
        if tight is None:
            return
        left = left_lim + (pos.x0 - tight.x0)
        right = right_lim - (tight.x1 - pos.x1)
        bottom = bottom_lim + (pos.y0 - tight.y0)
        top = top_lim - (tight.y1 - pos.y1)
        right = max(right, left + 0.25 * width)
        top = max(top, bottom + 0.15 * height)
        new = [left / width, bottom / height, (right - left) / width, (top - bottom) / height]
        if all(
            abs(a - b) < 0.5 / max(width, height)
            for a, b in zip(new, ax.get_position().bounds, strict=True)
        ):
            return
        ax.set_position(new)


# ------------------------------------------------------------------ checks


def _drawn_texts(fig: Figure) -> list[Text]:
    """The texts a drawn figure shows (tick labels only of the ticks in view)."""
    rend = renderer(fig)
    fig.draw(rend)
    texts: list[Text] = list(fig.texts)
    for legend in fig.legends:
        texts += legend.get_texts()
    for ax in fig.axes:
        texts += list(ax.texts)
        texts += [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label]
        for axis in (ax.xaxis, ax.yaxis):
            if not (ax.axison and axis.get_visible()):
                continue  # an axis switched off ("Keine Daten") draws no tick labels
            for tick in axis._update_ticks():
                texts += [tick.label1, tick.label2]
        if ax.get_legend() is not None:
            texts += ax.get_legend().get_texts()
    return [t for t in texts if t.get_visible() and t.get_text().strip()]


def problems(fig: Figure, tolerance: float = 1.0) -> list[str]:
    """What an editor would send back: texts outside the canvas, a legend over the data."""
    rend = renderer(fig)
    canvas = fig.bbox
    out = []
    for t in _drawn_texts(fig):
        box = t.get_window_extent(rend)
        if (
            box.x0 < canvas.x0 - tolerance
            or box.y0 < canvas.y0 - tolerance
            or box.x1 > canvas.x1 + tolerance
            or box.y1 > canvas.y1 + tolerance
        ):
            out.append(f"text outside the canvas: {t.get_text()[:40]!r} {box.bounds}")
    for legend in [*fig.legends, *(ax.get_legend() for ax in fig.axes)]:
        if legend is None:
            continue
        lbox = legend.get_window_extent(rend)
        for ax in fig.axes:
            abox = ax.get_window_extent(rend)
            if (
                lbox.x0 < abox.x1 - tolerance
                and abox.x0 < lbox.x1 - tolerance
                and lbox.y0 < abox.y1 - tolerance
                and abox.y0 < lbox.y1 - tolerance
            ):
                out.append("legend overlaps the plotted data")
    return out


def text_of(fig: Figure, role: str) -> Text | None:
    """The frame text of a kit chart: ``role`` is "title", "subtitle" or "foot"."""
    for t in fig.texts:
        if getattr(t, "_kit_role", "") == role:
            return t
    return None
