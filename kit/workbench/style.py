"""The house style of every kit chart: palette, markers, sizes, German number format.

One look for every chart the kit draws, so a chart exported from the notebook,
the chart studio or ``make demo`` is ready to publish:

- a colour-blind-safe palette (Okabe–Ito) that is paired with a marker and a
  hatch per series, so a chart still reads in greyscale;
- title, subtitle and a source line ("Quelle: …") on every chart;
- size presets for the web, print and social media, each with its own font size;
- German number and date format by default ("10.000", "3,5", "29. Okt."),
  English on request (``lang="en"``: "10,000", "3.5", "Oct 29");
- the chart words in both languages and the default title, subtitle and
  source line filled from the data (:func:`default_labels`).

Number and date formatting use Babel (CLDR data, already installed with
JupyterLab) instead of hand-written locale rules.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import matplotlib as mpl
import pandas as pd
from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal as _babel_decimal

from kit.wordlists import rows

#: Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency
OKABE_ITO = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow (last: weak on white)
    "#000000",  # black
)
#: colours for series, in order (yellow left out: too weak on white for markers and text)
SERIES = tuple(c for c in OKABE_ITO if c != "#F0E442")
#: one marker per series, so series differ in greyscale too
MARKERS = ("o", "s", "D", "^", "v", "P", "X", "h")
#: one hatch per bar series (greyscale-readable bars)
HATCHES = ("", "//", "..", "xx", "\\\\", "++", "oo", "--")
INK = "#222222"
MUTED = "#666666"
GRID = "#DDDDDD"

LANGS = ("de", "en")


@dataclass(frozen=True)
class SizePreset:
    """A figure size in inches, the resolution for raster export and the base font size."""

    name: str
    width: float
    height: float
    dpi: int
    font: float


SIZES: dict[str, SizePreset] = {
    # 800 × 500 px: an article page
    "web": SizePreset("web", 8.0, 5.0, 100, 10.5),
    # 16 cm × 10 cm at 300 dpi: a print column
    "print": SizePreset("print", 6.3, 3.94, 300, 8.5),
    # 1200 × 675 px (16:9): social media cards, read on a phone
    "social": SizePreset("social", 8.0, 4.5, 150, 12.0),
}

#: qualifier → symbol shown before a value ("≈10.000")
QUALIFIER_SYMBOLS = {
    "exact": "",
    "approx": "≈",
    "more_than": ">",
    "at_least": "≥",
    "up_to": "≤",
    "less_than": "<",
    "expected": "↗",
}
QUALIFIER_WORDS = {
    "de": {
        "approx": "rund",
        "more_than": "mehr als",
        "at_least": "mindestens",
        "up_to": "bis zu",
        "less_than": "weniger als",
        "expected": "erwartet",
    },
    "en": {
        "approx": "approx.",
        "more_than": "more than",
        "at_least": "at least",
        "up_to": "up to",
        "less_than": "less than",
        "expected": "expected",
    },
}

#: words of the chart furniture in both languages
WORDS = {
    "de": {
        "source": "Quelle",
        "no_data": "Keine Daten für diese Auswahl",
        "quotes": "Zitate",
        "speaker": "Sprecher",
        "article": "Artikel",
        "figures": "Zahlen",
        "date": "Datum",
        "value": "Wert",
        "made_with": "Auswertung mit kit",
        "others": "weitere",
        "no_source": "ohne Quellenangabe",
        "without_speaker": "{n} Zitate ohne erkannten Sprecher sind nicht gezeigt.",
        "outlets": "{n} Medien, darunter {names}",
    },
    "en": {
        "source": "Source",
        "no_data": "No data for this selection",
        "quotes": "quotes",
        "speaker": "speaker",
        "article": "article",
        "figures": "figures",
        "date": "date",
        "value": "value",
        "made_with": "analysis with kit",
        "others": "others",
        "no_source": "no source named",
        "without_speaker": "{n} quotes without a recognised speaker are not shown.",
        "outlets": "{n} outlets, among them {names}",
    },
}


def _lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown label language {lang!r}: use 'de' or 'en'")
    return lang


def word(key: str, lang: str = "de") -> str:
    """A chart word in the label language (``word("quotes", "de") == "Zitate"``)."""
    return WORDS[_lang(lang)][key]


def size(preset: str | SizePreset) -> SizePreset:
    """The :class:`SizePreset` called ``preset`` ("web", "print", "social")."""
    if isinstance(preset, SizePreset):
        return preset
    try:
        return SIZES[preset]
    except KeyError:
        raise ValueError(f"unknown size preset {preset!r}: use one of {', '.join(SIZES)}") from None


# ------------------------------------------------------------------ numbers, dates


def format_number(value: Any, lang: str = "de", *, digits: int = 1) -> str:
    """A number in the label language: ``10000 → "10.000"`` (de) or ``"10,000"`` (en).

    Whole numbers have no decimals; others keep up to ``digits`` decimals
    (``3.5 → "3,5"``). Missing values become an empty string.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    number = float(value)
    locale = "de_DE" if _lang(lang) == "de" else "en_US"
    pattern = "#,##0" if number == round(number) else "#,##0." + "#" * max(digits, 1)
    return _babel_decimal(number, format=pattern, locale=locale)


def format_value(
    value: Any, qualifier: str = "exact", lang: str = "de", value_high: Any = None
) -> str:
    """A figure as shown on a chart: qualifier symbol, value, range end.

    >>> format_value(10000, "approx")
    '≈10.000'
    >>> format_value(8000, "exact", value_high=10000)
    '8.000–10.000'
    """
    text = format_number(value, lang)
    high = format_number(value_high, lang)
    if high and high != text:
        text = f"{text}–{high}"
    return QUALIFIER_SYMBOLS.get(qualifier or "exact", "") + text


def format_date(value: Any, lang: str = "de", *, year: bool = False) -> str:
    """A date as "29. Okt." (de) or "Oct 29" (en); ``year=True`` appends the year."""
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return ""
    stamp = pd.Timestamp(value)
    if pd.isna(stamp):
        return ""
    day: dt.date = stamp.date()
    if _lang(lang) == "de":
        return _babel_date(day, "d. MMM yyyy" if year else "d. MMM", locale="de_DE")
    return _babel_date(day, "MMM d, yyyy" if year else "MMM d", locale="en_US")


def qualifier_legend(qualifiers: Any, lang: str = "de") -> str:
    """One line explaining the symbols used: "≈ rund · > mehr als"."""
    seen = [q for q in dict.fromkeys(qualifiers) if QUALIFIER_SYMBOLS.get(q)]
    words = QUALIFIER_WORDS[_lang(lang)]
    return " · ".join(f"{QUALIFIER_SYMBOLS[q]} {words[q]}" for q in seen)


def wrap(text: str, width_in: float, font_size: float) -> str:
    """Wrap ``text`` to the width of the figure (an estimate from the font size)."""
    if not text:
        return ""
    chars = max(20, int(width_in * 72 / (font_size * 0.55)))
    return "\n".join(textwrap.wrap(text, chars)) or text


# ------------------------------------------------------------------ outlets


@lru_cache(maxsize=1)
def _outlet_aliases() -> dict[str, str]:
    """alias (lower case) → outlet, from ``kit/resources/outlets.tsv`` (header ``alias\toutlet``)."""
    table = {}
    for row in rows("outlets.tsv"):
        if len(row) >= 2 and row[0].lower() != "alias":
            table[row[0].lower()] = row[1]
    return table


def canonical_outlet(name: str) -> str:
    """The outlet a name stands for: ``canonical_outlet("RFA") == "Radio Free Asia"``."""
    name = str(name or "").strip()
    return _outlet_aliases().get(name.lower(), name)


#: at most this many characters of outlet names on a source line (two lines with the rest)
OUTLET_CHARS = 70


def outlet_phrase(names: Iterable[str], lang: str = "de") -> str:
    """Outlets for a source line, each once, most frequent first, at most ~two lines:
    "Radio Free Asia, AFP, Keystone-ATS" or "53 Medien, darunter WAZ, n-tv, FAZ"."""
    ranked = list(dict.fromkeys(n for n in names if n))
    shown: list[str] = []
    for name in ranked:
        if len(", ".join([*shown, name])) > OUTLET_CHARS:
            break
        shown.append(name)
    if len(shown) == len(ranked):
        return ", ".join(shown)
    shown = shown[: max(1, len(shown) - 1)]  # room for "53 Medien, darunter"
    return word("outlets", lang).format(n=len(ranked), names=", ".join(shown))


#: the charts the kit draws (see :mod:`kit.workbench.charts`)
CHART_KINDS = (
    "estimates",
    "quotes_per_speaker",
    "speaker_matrix",
    "quote_types",
    "figure_categories",
)

# ------------------------------------------------------------------ chart labels


_TITLES = {
    "de": {
        "estimates": "Schätzungen: {quantity}",
        "quotes_per_speaker": "Wer wird wie oft zitiert?",
        "speaker_matrix": "Wer wird in welchem Artikel zitiert?",
        "quote_types": "Zitatarten je Artikel",
        "figure_categories": "Welche Zahlen kommen vor?",
    },
    "en": {
        "estimates": "Estimates: {quantity}",
        "quotes_per_speaker": "Who is quoted how often?",
        "speaker_matrix": "Who is quoted in which article?",
        "quote_types": "Quote types per article",
        "figure_categories": "Which figures appear?",
    },
}
_SUBTITLES = {
    "de": {
        "estimates": "Angaben nach Quelle, {n} Werte aus {k} Artikeln, {span}",
        "quotes_per_speaker": "Zitate je Sprecher, {n} Zitate aus {k} Artikeln",
        "speaker_matrix": "Zahl der Zitate je Sprecher und Artikel",
        "quote_types": "{n} Zitate aus {k} Artikeln",
        "figure_categories": "{n} Zahlen aus {k} Artikeln nach Art",
    },
    "en": {
        "estimates": "Figures by source, {n} values from {k} articles, {span}",
        "quotes_per_speaker": "Quotes per speaker, {n} quotes from {k} articles",
        "speaker_matrix": "Number of quotes per speaker and article",
        "quote_types": "{n} quotes from {k} articles",
        "figure_categories": "{n} figures from {k} articles by kind",
    },
}
NO_SPEAKER = {"de": "(ohne Sprecher)", "en": "(no speaker)"}
CATEGORY_WORDS = {
    "de": {
        "count": "Anzahl", "money": "Geld", "percent": "Prozent", "distance": "Entfernung",
        "area": "Fläche", "weight": "Gewicht", "duration": "Dauer", "speed": "Geschwindigkeit",
        "year": "Jahr", "date": "Datum", "time": "Uhrzeit", "ordinal": "Ordnungszahl",
        "score": "Ergebnis", "ratio": "Verhältnis", "other": "Sonstige",
    },
}  # fmt: skip
TYPE_WORDS = {
    "de": {
        "Direct": "direkt", "Indirect": "indirekt", "Reported": "berichtet",
        "FreeIndirect": "frei indirekt", "IndirectFreeIndirect": "indirekt/frei indirekt",
    },
    "en": {
        "Direct": "direct", "Indirect": "indirect", "Reported": "reported",
        "FreeIndirect": "free indirect", "IndirectFreeIndirect": "indirect/free indirect",
    },
}  # fmt: skip


def default_labels(
    kind: str, data: pd.DataFrame, *, lang: str = "de", quantity: str = "", outlets: str = ""
) -> dict[str, str]:
    """Title, subtitle and source line filled from the data (the studio's defaults).

    ``outlets`` names where the articles come from ("Radio Free Asia, AFP").
    """
    if kind not in CHART_KINDS:
        raise ValueError(f"unknown chart kind {kind!r}: use one of {', '.join(CHART_KINDS)}")
    n = len(data)
    k = data["article_id"].nunique() if "article_id" in data and n else 0
    span = ""
    if "date" in data and n:
        dates = pd.to_datetime(data["date"], errors="coerce").dropna()
        if len(dates):
            lo, hi = dates.min(), dates.max()
            first = format_date(lo, lang, year=lo.year != hi.year)  # "3. Nov. 2025 – 8. Jan. 2026"
            last = format_date(hi, lang, year=True)
            span = last if lo.date() == hi.date() else f"{first} – {last}"
    title = _TITLES[lang][kind].format(quantity=quantity or "?")
    subtitle = _SUBTITLES[lang][kind].format(n=format_number(n, lang), k=k, span=span).rstrip(", ")
    src = f"{word('source', lang)}: {outlets + '; ' if outlets else ''}{word('made_with', lang)}"
    return {"title": title, "subtitle": subtitle, "source": src}


def article_labels(
    article_ids: Any, articles: pd.DataFrame | None, lang: str = "de"
) -> dict[str, str]:
    """Short readable names for articles: "29. Okt. · AFP" (falls back to the id)."""
    out = {}
    rows = {}
    article_ids = list(article_ids)
    if articles is not None and len(articles) and "id" in articles:
        # only the rows shown: corpora can have 10,000 articles
        wanted = articles[articles["id"].isin(article_ids)]
        rows = wanted.drop_duplicates("id").set_index("id").to_dict("index")
    years = {str(r.get("date") or "")[:4] for r in rows.values()} - {""}
    with_year = len(years) > 1  # "28. Apr. 2024" when the articles span several years
    for aid in article_ids:
        row = rows.get(aid, {})
        date = format_date(row.get("date"), lang, year=with_year) if row.get("date") else ""
        who = canonical_outlet(str(row.get("outlet") or ""))
        who = "" if who in ("unknown", "nan") else who
        label = " · ".join(x for x in (date, who) if x)
        out[aid] = f"{label} ({str(aid)[:6]})" if label else str(aid)
    return out


# ------------------------------------------------------------------------ rc style


def rc_params(preset: str | SizePreset = "web") -> dict[str, Any]:
    """Matplotlib settings of the house style for one size preset."""
    p = size(preset)
    return {
        "figure.figsize": (p.width, p.height),
        "figure.dpi": 100,
        "savefig.dpi": p.dpi,
        "font.family": "DejaVu Sans",
        "font.size": p.font,
        "axes.titlesize": p.font,
        "axes.labelsize": p.font * 0.95,
        "axes.edgecolor": MUTED,
        "axes.labelcolor": INK,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.grid.axis": "y",
        "axes.axisbelow": True,
        "axes.prop_cycle": mpl.cycler(color=list(OKABE_ITO)),
        "grid.color": GRID,
        "grid.linewidth": 0.8,
        "xtick.color": MUTED,
        "ytick.color": MUTED,
        "xtick.labelsize": p.font * 0.9,
        "ytick.labelsize": p.font * 0.9,
        "legend.frameon": False,
        "legend.fontsize": p.font * 0.9,
        "text.color": INK,
        "svg.fonttype": "none",  # text stays text in SVG (editable, searchable)
        "pdf.fonttype": 42,  # TrueType in PDF (editable in Illustrator)
    }


@contextmanager
def house_style(preset: str | SizePreset = "web") -> Iterator[SizePreset]:
    """Context in which new figures get the house style of ``preset``."""
    p = size(preset)
    with mpl.rc_context(rc_params(p)):
        yield p
