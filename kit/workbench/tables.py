"""Interactive tables: quotes, speakers and figures to sort, filter and page through.

:class:`TableView` shows one table of a corpus with itables (DataTables in the
browser, offline: the library ships its JavaScript; works in JupyterLab 4 and
Voila): click a column head to sort, type into the search box or a column's
filter, page through. Clicking a row opens the article browser below at that
quote or figure (marked, and its passage quoted above the text); a speaker row
opens the speaker's first quote.

>>> TableView(corpus, "quotes")                 # doctest: +SKIP
>>> view.follow(3)  # what a click on the 4th row does   # doctest: +SKIP

Large tables: the browser gets at most :data:`MAX_ROWS` rows (measured: 100,000
quotes are 17 MB and ~3 s to prepare; 20,000 about 0.6 s), long texts are cut
to :data:`TEXT_CHARS` characters in the table (the article shows them whole),
and the count line says when rows are left out — narrow the table with
:func:`kit.workbench.ui.filter_quotes` / the explorers first.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as W
import pandas as pd

from kit.workbench import style
from kit.workbench.html import esc
from kit.workbench.ui import UI, article_dates
from kit.workbench.widgets import ArticleBrowser

MAX_ROWS = 20_000
TEXT_CHARS = 160
TABLES = ("quotes", "speakers", "figures")
COLUMNS = {
    "quotes": ["date", "speaker", "type", "quote_text", "cue", "article_id"],
    "speakers": ["speaker", "kind", "roles", "n_quotes", "n_articles", "first_date", "last_date"],
    "figures": ["date", "text", "value", "qualifier", "unit", "category", "source", "quantity",
                "vague", "article_id"],
}  # fmt: skip
HEADERS = {
    "date": "Datum", "speaker": "Sprecher", "type": "Art", "quote_text": "Zitat", "cue": "Redeeinleitung",
    "article_id": "Artikel", "kind": "Art", "roles": "Rollen", "n_quotes": "Zitate", "n_articles": "Artikel",
    "first_date": "zuerst", "last_date": "zuletzt", "text": "Text", "value": "Wert", "qualifier": "Angabe",
    "unit": "Einheit", "category": "Kategorie", "source": "Quelle", "quantity": "Größe", "vague": "vage",
}  # fmt: skip


def table_frame(corpus: Any, table: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows to show (readable columns, long texts cut) and, per row, where it points
    to: ``article_id``, ``start``, ``end`` of its quote or figure."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}: use one of {', '.join(TABLES)}")
    if table == "speakers":
        frame = corpus.speakers.copy()
        q = corpus.quotes
        firsts = pd.DataFrame(columns=["speaker", "article_id", "start", "end"])
        if len(q):
            dated = q.assign(_date=article_dates(q["article_id"], corpus.articles))
            dated = dated.sort_values(["_date", "article_id", "quote_start"], kind="stable")
            firsts = dated.drop_duplicates("speaker")[
                ["speaker", "article_id", "quote_start", "quote_end"]
            ]
            firsts = firsts.rename(columns={"quote_start": "start", "quote_end": "end"})
        targets = frame[["speaker"]].merge(firsts, on="speaker", how="left")
    else:
        frame = (corpus.quotes if table == "quotes" else corpus.figures).copy()
        frame["date"] = (
            article_dates(frame["article_id"], corpus.articles).dt.date if len(frame) else []
        )
        start, end = ("quote_start", "quote_end") if table == "quotes" else ("start", "end")
        targets = frame[["article_id", start, end]].rename(columns={start: "start", end: "end"})
    shown = frame.reindex(columns=COLUMNS[table])
    for col in ("quote_text", "roles"):
        if col in shown:
            text = shown[col].fillna("").astype(str)
            cut = text.str.len() > TEXT_CHARS
            shown[col] = text.where(~cut, text.str.slice(0, TEXT_CHARS - 1) + "…")
    shown = shown.rename(columns=HEADERS).reset_index(drop=True)
    return shown, targets.reset_index(drop=True)


class TableView(UI):
    """One table of the corpus, sortable, filterable and paged; a row click opens its article."""

    def __init__(
        self, corpus: Any, table: str = "quotes", *, lang: str = "de", max_rows: int = MAX_ROWS
    ) -> None:
        from itables.widget import ITable

        super().__init__()
        self.corpus, self.table_name, self.lang = corpus, table, lang
        shown, self.targets = table_frame(corpus, table)
        self.rows = shown.iloc[:max_rows]
        self.count = W.HTML(self._count_line(len(self.rows), len(shown)))
        self.grid = ITable(
            self.rows, select={"style": "single"}, pageLength=10, lengthMenu=[10, 25, 50, 100],
            column_filters="footer", maxBytes=0, classes="display compact", showIndex=False,
        )  # fmt: skip
        self.browser = ArticleBrowser(corpus, lang=lang)
        self.grid.observe(self._safe(self._selected), names="selected_rows")
        self.root = W.VBox([self.count, self.grid, self.errors, self.browser.root])

    def _count_line(self, shown: int, total: int) -> str:
        fmt = style.format_number
        text = f"{fmt(total, self.lang)} Zeilen"
        if shown < total:
            text = (
                f"die ersten {fmt(shown, self.lang)} von {fmt(total, self.lang)} Zeilen "
                "(vorher filtern, um alle zu sehen)"
            )
        hint = "Spaltenkopf: sortieren · Suche/Spaltenfilter · Zeile anklicken: Artikel an dieser Stelle"
        return f'<div class="kit-count">{esc(text)} · {esc(hint)}</div>'

    def _selected(self, change: dict[str, Any]) -> None:
        rows = change.get("new") or []
        if rows:
            self.follow(int(rows[0]))

    def follow(self, row: int) -> None:
        """Open the article of row ``row`` (position in the table) at its quote or figure."""
        target = self.targets.iloc[row]
        if pd.isna(target["article_id"]):
            raise ValueError("Zu dieser Zeile gibt es keine Fundstelle im Text.")
        start, end = target["start"], target["end"]
        place = (int(start), int(end)) if pd.notna(start) and pd.notna(end) else None
        self.browser.show(str(target["article_id"]), place)


__all__ = ["MAX_ROWS", "TableView", "table_frame"]
