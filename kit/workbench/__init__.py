"""Workbench: what the analyst sees in JupyterLab — widgets, charts, annotated pages, exports.

The house style (:mod:`.style`), chart functions ``(df, *, ax=None, …) ->
Figure`` (:mod:`.charts`), annotated article HTML (:mod:`.html`), exports of
charts with the CSV behind them (:mod:`.export`), the shared filters and the
widget base class (:mod:`.ui`), the explorers, browser and speaker editor
(:mod:`.widgets`), the chart studio (:mod:`.studio`), interactive tables
(:mod:`.tables`) and the measured chart frame (:mod:`.layout`).

May import: :mod:`kit.corpus` and everything below it; never :mod:`kit.tools`.
"""

from kit.workbench.studio import ChartStudio
from kit.workbench.tables import TableView
from kit.workbench.ui import filter_figures, filter_quotes
from kit.workbench.widgets import ArticleBrowser, FigureExplorer, QuoteExplorer, SpeakerEditor

__all__ = [
    "ArticleBrowser",
    "ChartStudio",
    "FigureExplorer",
    "QuoteExplorer",
    "SpeakerEditor",
    "TableView",
    "filter_figures",
    "filter_quotes",
]
