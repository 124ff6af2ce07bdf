"""Claims over time: the timeline of a tracked quantity and the rule that picks the main one.

A *claim* is a stated figure of a tracked quantity, dated by its article. The
timeline is what an editor would publish as a chart:

- relations are not estimates: a ratio ("eine Schätzung, die dreimal so hoch ist
  wie die vorherige") stays in the figures table with ``relation_to`` and a
  labelled ``inferred_value`` (:mod:`kit.figures.tracking`), never a point here;
- vague amounts (``Tausende``, ``Hunderte``, ``Millionen`` alone: ``vague`` is
  True) are left out unless ``vague=True``;
- one claim repeated in an article on its day ("rund 10.000" by the Pentagon and
  "etwa 10.000" by its spokeswoman, same qualifier) is one point whose ``source``
  names both ("Pentagon; Sabrina Singh"), with every ``figure_ids``.

:data:`MAIN_QUANTITY_RULE` says in one sentence which quantity is the main one;
:func:`quantity_summary` shows the rule applied to every tracked quantity, and
:func:`main_quantity` returns its choice ("" when none qualifies).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from kit.wordlists import word_class

TIMELINE_COLUMNS = ["date", "value", "value_high", "qualifier", "source", "article_id", "text",
                    "sentence", "figure_id", "figure_ids", "n_sources"]  # fmt: skip
#: categories a main quantity may have: people and things, money, shares
COUNTED = ("count", "money", "percent")
#: units that are counted but are no quantity ("zum dritten Mal")
NOT_QUANTITIES = {"Mal"}
#: claims of a main quantity lie within this factor of each other (else they are not one thing)
FACTOR = 10.0
#: a main quantity is reported in at least this share of the corpus's articles
MIN_SHARE = 0.1
#: names that are a bare unit or "people": no one thing (``resources/figure_words.txt``)
GENERIC = word_class("figure_words.txt", "generic_quantities")

MAIN_QUANTITY_RULE = {
    "de": "Hauptgröße ist die gezählte Größe (Personen, Dinge, Geld, Anteile – keine Daten, "
    "Jahre, Dauern, Alter, Ergebnisse oder Ränge; eine bloße Einheit wie Prozent, Euro oder "
    "Menschen nur mit einem Land), die in mindestens einem Zehntel der Artikel vorkommt und "
    "deren Angaben innerhalb eines Faktors 10 von mindestens zwei Quellen oder an mindestens "
    "zwei Tagen stammen; bei mehreren die mit den meisten solchen Angaben.",
    "en": "The main quantity is the counted quantity (people, things, money, shares – never "
    "dates, years, durations, ages, scores or ranks; a bare unit such as percent, euro or "
    "people only with a country) reported in at least a tenth of the articles whose claims "
    "within a factor of ten come from at least two sources or two dates; of several, the one "
    "with most such claims.",
}

SUMMARY_COLUMNS = ["quantity", "category", "articles", "claims", "sources", "dates",
                   "coherent_claims", "eligible", "why"]  # fmt: skip


def _flag(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame:
        return pd.Series(False, index=frame.index)
    truthy = {"true", "1", "1.0"}
    return pd.Series([str(v).lower() in truthy for v in frame[column]], index=frame.index)


def claims(figures: pd.DataFrame, dates: Mapping[str, Any], *, vague: bool = False) -> pd.DataFrame:
    """The claims among ``figures`` (one tracked quantity or a filtered table), one row per
    point, sorted by date: ratios dropped, vague amounts only with ``vague=True``, and one
    claim repeated in an article (same value, range end and qualifier) merged."""
    if not len(figures):
        return pd.DataFrame(columns=TIMELINE_COLUMNS)
    keep = figures["category"].fillna("") != "ratio"
    if not vague:
        keep &= ~_flag(figures, "vague")
    rows = figures[keep & figures["value"].notna()]
    if not len(rows):
        return pd.DataFrame(columns=TIMELINE_COLUMNS)
    frame = pd.DataFrame({
        "date": [str(dates.get(a, "") or "") for a in rows["article_id"]],
        "value": rows["value"].astype(float).to_numpy(),
        "value_high": pd.to_numeric(rows["value_high"], errors="coerce").to_numpy(),
        "qualifier": rows["qualifier"].fillna("exact").replace("", "exact").to_numpy(),
        "source": rows["source"].fillna("").astype(str).to_numpy(),
        "article_id": rows["article_id"].to_numpy(),
        "text": rows["text"].to_numpy(),
        "sentence": rows["sentence"].to_numpy(),
        "figure_id": rows["figure_id"].to_numpy(),
    })  # fmt: skip
    key = ["date", "article_id", "value", "high_key", "qualifier"]
    frame["high_key"] = frame["value_high"].fillna(-1.0)
    frame["_pos"] = range(len(frame))
    merged = frame.groupby(key, sort=False, dropna=False).agg(
        value_high=("value_high", "first"), source=("source", _join_sources),
        text=("text", "first"), sentence=("sentence", "first"), figure_id=("figure_id", "first"),
        figure_ids=("figure_id", ";".join), _pos=("_pos", "min"),
    ).reset_index()  # fmt: skip
    merged["n_sources"] = [len([s for s in src.split("; ") if s]) for src in merged["source"]]
    merged = merged.sort_values(["date", "article_id", "_pos"], kind="stable")
    return merged.reset_index(drop=True)[TIMELINE_COLUMNS]


def _join_sources(sources: pd.Series) -> str:
    return "; ".join(dict.fromkeys(s for s in sources if s))


def _dates(corpus: Any) -> dict[str, Any]:
    arts = corpus.articles
    if not len(arts) or "date" not in arts:
        return {}
    return dict(zip(arts["id"], arts["date"], strict=False))


def timeline(corpus: Any, quantity: str | None = None, *, vague: bool = False) -> pd.DataFrame:
    """The claims of one tracked quantity over time (default: :func:`main_quantity`).

    Empty when the quantity is unknown or, without ``quantity``, when no quantity
    qualifies as the main one. ``vague=True`` switches vague amounts in.
    """
    figures = corpus.figures
    if not len(figures) or "quantity" not in figures.columns:
        return pd.DataFrame(columns=TIMELINE_COLUMNS)
    if quantity is None:
        quantity = main_quantity(figures, corpus.articles)
        if not quantity:
            return pd.DataFrame(columns=TIMELINE_COLUMNS)
    rows = figures[figures["quantity"].fillna("") == quantity]
    return claims(rows, _dates(corpus), vague=vague)


def _coherent(values: list[float], sources: list[str], days: list[str]) -> tuple[int, int, int]:
    """(claims, sources, dates) of the largest run of claims within :data:`FACTOR` of each other."""
    order = sorted(range(len(values)), key=values.__getitem__)
    best = (0, 0, 0)
    j = 0
    for i in range(len(order)):  # two pointers over the sorted values: n log n
        j = max(j, i)
        low = values[order[i]]
        while j + 1 < len(order) and values[order[j + 1]] <= max(low, 0) * FACTOR:
            j += 1
        members = order[i : j + 1]
        if len(members) > best[0]:
            best = (
                len(members),
                len({sources[k] for k in members if sources[k]}),
                len({days[k] for k in members if days[k]}),
            )
    return best


def quantity_summary(figures: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Every tracked quantity with the numbers :data:`MAIN_QUANTITY_RULE` looks at, best first."""
    if not len(figures) or "quantity" not in figures:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    dates = (
        dict(zip(articles["id"], articles["date"], strict=False))
        if len(articles) and "date" in articles
        else {}
    )
    tracked = figures[figures["quantity"].fillna("") != ""]
    n_articles = max(1, len(articles) if len(articles) else figures["article_id"].nunique())
    out = []
    for name, group in tracked.groupby("quantity", sort=True):
        points = claims(group, dates)
        categories = group["category"].fillna("").value_counts()
        category = str(categories.index[0]) if len(categories) else ""
        units = set(group["unit"].fillna(""))
        n, n_src, n_days = _coherent(
            list(points["value"]), list(points["source"]), list(points["date"])
        )
        share = group["article_id"].nunique() / n_articles
        why = ""
        if category not in COUNTED or units <= NOT_QUANTITIES:
            why = f"not counted ({category})"
        elif str(name).split(" in ")[0].lower() in GENERIC:
            why = "a bare unit or 'people': no one thing"
        elif share < MIN_SHARE:
            why = f"in {share:.0%} of the articles (< {MIN_SHARE:.0%})"
        elif n < 2 or (n_src < 2 and n_days < 2):
            why = "fewer than two sources and two dates"
        out.append({
            "quantity": name, "category": category, "articles": group["article_id"].nunique(),
            "claims": len(points),
            "sources": points["source"].replace("", pd.NA).dropna().nunique(),
            "dates": points["date"].replace("", pd.NA).dropna().nunique(),
            "coherent_claims": n, "eligible": not why, "why": why,
        })  # fmt: skip
    frame = pd.DataFrame(out, columns=SUMMARY_COLUMNS)
    frame = frame.sort_values(
        ["eligible", "coherent_claims", "claims", "quantity"],
        ascending=[False, False, False, True],
        kind="stable",
    )
    return frame.reset_index(drop=True)


def main_quantity(figures: pd.DataFrame, articles: pd.DataFrame) -> str:
    """The quantity :data:`MAIN_QUANTITY_RULE` picks ("" when none qualifies)."""
    summary = quantity_summary(figures, articles)
    eligible = summary[summary["eligible"]]
    return str(eligible.iloc[0]["quantity"]) if len(eligible) else ""
