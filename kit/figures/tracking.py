"""Tracked quantities: the same figure reported across articles, and its timeline.

:func:`assign_quantities` groups figures about the same thing under one
readable name, e.g. ``nordkoreanische Soldaten in Russland``: the counted noun
(synonyms folded: Soldaten, Truppen, Mann → Soldaten), the country it belongs
to (an adjective in the phrase, "nordkoreanische", else a country named before
the figure in its sentence that is not after a preposition: "Nordkorea hat rund
10.000 Soldaten … geschickt") and, for the name only, the place most members
mention ("nach Russland", "in der Region Kursk"). Terms live in
``resources/quantity_terms.tsv``, the prepositions in ``resources/figure_words.txt``.

Ratios that compare with an earlier figure ("eine Schätzung, die dreimal so
hoch ist wie die vorherige") are relations, not estimates: they join the
quantity of the count in their sentence and keep ``relation_to`` (that count's
figure id) and ``inferred_value`` (the earlier value it implies, 10.000 / 3),
but the timeline (:mod:`kit.figures.claims`, re-exported here) never plots them.

The analyst's corrections (``data/quantity_corrections.csv``: rename, merge,
split, exclude) are applied after grouping, so they survive a rebuild.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from kit.figures.claims import (
    MAIN_QUANTITY_RULE,
    TIMELINE_COLUMNS,
    main_quantity,
    quantity_summary,
    timeline,
)
from kit.files import atomic_write_text
from kit.wordlists import rows, word_class

__all__ = ["MAIN_QUANTITY_RULE", "TIMELINE_COLUMNS", "add_correction", "apply_corrections", "assign_quantities",
           "load_corrections", "main_quantity", "quantity_summary", "timeline"]  # fmt: skip

CORRECTION_COLUMNS = ["action", "quantity", "to", "figure_ids", "note"]
ACTIONS = ("rename", "merge", "split", "exclude")
# figures that are points in time or labels, never tracked as amounts
UNTRACKED = {"year", "date", "time", "ordinal", "score"}
#: prepositions before a country that make it a place, not the owner ("nach Russland")
PREPOSITIONS = word_class("figure_words.txt", "prepositions")
#: words between such a preposition and the country ("in der Region Kursk")
PLACE_FILLERS = word_class("figure_words.txt", "place_fillers")
_WORD = re.compile(r"[\wÄÖÜäöüß-]+")
_ENDINGS = {"", "s", "es", "e", "en", "er", "em", "n", "ns"}


# ----------------------------------------------------------------- resources


@dataclass(frozen=True)
class _Terms:
    noun_class: dict[str, str]  # lemma → canonical lemma
    plural: dict[str, str]  # canonical lemma → plural for names
    countries: list[tuple[str, str, str]]  # (alias lower, country, adjective), longest first
    adjective: dict[str, str]  # country → adjective
    dative: dict[str, str]  # country → form after "in" where it has an article ("der Ukraine")


@lru_cache(maxsize=1)
def _terms() -> _Terms:
    noun_class: dict[str, str] = {}
    plural: dict[str, str] = {}
    countries: list[tuple[str, str, str]] = []
    adjective: dict[str, str] = {}
    dative: dict[str, str] = {}
    for kind, name, shown, aliases, *rest in rows("quantity_terms.tsv"):
        if rest and rest[0]:
            dative[name] = rest[0]
        if kind == "noun":
            plural[name] = shown
            for alias in aliases.split("|"):
                noun_class[alias] = name
        elif kind == "country":
            adjective[name] = shown
            for alias in aliases.split("|"):
                countries.append((alias.lower(), name, shown))
    countries.sort(key=lambda c: -len(c[0]))
    return _Terms(noun_class, plural, countries, adjective, dative)


@lru_cache(maxsize=1)
def _single_word_aliases() -> dict[str, tuple[int, str]]:
    """One-word country alias -> (its position in the term list, country)."""
    index: dict[str, tuple[int, str]] = {}
    for i, (alias, country, _) in enumerate(_terms().countries):
        if " " not in alias:
            index.setdefault(alias, (i, country))
    return index


@lru_cache(maxsize=65536)
def _word_country(word: str) -> str | None:
    """The country a lower-cased word names: an alias plus an inflection ("russlands"),
    or a word that ends with one after at least three letters ("nordkorea" in "südnordkorea")."""
    index = _single_word_aliases()
    best: tuple[int, str] | None = None
    for k in range(max(1, len(word) - 3), len(word) + 1):
        # only an inflection may follow the alias ("russlands", "ukrainischen"), not a
        # compound: "Deutschlandticket" names no country
        hit = index.get(word[:k]) if word[k:] in _ENDINGS else None
        if hit and (best is None or hit[0] < best[0]):
            best = hit
    for j in range(3, len(word)):
        hit = index.get(word[j:])
        if hit and (best is None or hit[0] < best[0]):
            best = hit
    return best[1] if best else None


@lru_cache(maxsize=65536)
def _countries_in(text: str) -> tuple[tuple[int, str], ...]:
    """(offset, country) for each country alias in ``text`` (not after a preposition flag)."""
    found: list[tuple[int, str]] = []
    low = text.lower()
    for m in _WORD.finditer(low):
        country = _word_country(m.group(0))
        if country:
            found.append((m.start(), country))
    for alias, country, _ in _terms().countries:
        if " " in alias:
            for m in re.finditer(re.escape(alias), low):
                found.append((m.start(), country))
    return tuple(sorted(found))  # a sentence with many figures is scanned once


def _preposition_before(text: str, offset: int, *, attribution: bool = True) -> bool:
    words = _WORD.findall(text[max(0, offset - 40) : offset].lower())
    # "nach Russland", "in der Region Kursk", "in die Ukraine"
    for w in reversed(words[-3:]):
        if w in PREPOSITIONS or (attribution and w in {"angaben", "laut", "zufolge"}):
            return True
        if w not in PLACE_FILLERS:
            return False
    return False


# ------------------------------------------------------------------ grouping


def _key_and_place(fig: pd.Series | dict[str, Any]) -> tuple[tuple[str, str, str] | None, str]:
    """(noun class or unit, owner country, category) and the place named in the sentence."""
    category = str(fig.get("category") or "")
    unit = str(fig.get("unit") or "")
    if category in UNTRACKED or not unit or category == "ratio" or fig.get("phrase") == "Alter":
        return None, ""  # points in time, labels, relations and ages are not amounts
    terms = _terms()
    noun = terms.noun_class.get(unit, unit)
    phrase = str(fig.get("phrase") or "")
    sentence = str(fig.get("sentence") or "")
    text = str(fig.get("text") or "")
    owner = ""
    for _, country in _countries_in(phrase):
        owner = country
        break
    pos = sentence.find(text) if text else -1
    mentions = _countries_in(sentence)
    if not owner and category == "count" and pos >= 0:
        # "Truppen der Demokratischen Volksrepublik Korea": a genitive right after the phrase
        end = (
            sentence.find(phrase, pos) + len(phrase)
            if phrase and sentence.find(phrase, pos) >= 0
            else pos + len(text)
        )
        genitive = re.match(r"\s*(der|des)\s", sentence[end:])
        after = [c for o, c in mentions if genitive and end <= o <= end + genitive.end() + 1]
        before = [(o, c) for o, c in mentions if o < pos and not _preposition_before(sentence, o)]
        if after:
            owner = after[0]
        elif before:
            owner = before[0][1]
    place = ""
    if pos >= 0:
        others = [
            (abs(o - pos), c)
            for o, c in mentions
            if c != owner and _preposition_before(sentence, o, attribution=False)
        ]
        if others:
            place = min(others)[1]
    return (noun, owner, category), place


def _name(key: tuple[str, str, str], places: Counter, phrases: Counter, members: int) -> str:
    noun, owner, category = key
    terms = _terms()
    if noun in terms.plural:
        shown = terms.plural[noun]
    elif category == "count" and phrases:
        shown = phrases.most_common(1)[0][0].split()[-1]
    else:
        shown = noun
    name = f"{terms.adjective[owner]} {shown}" if owner else shown
    if places:
        place, count = places.most_common(1)[0]
        # the place names the quantity only where at least half of its figures mention it
        if count * 2 >= members and place != owner:
            name += f" in {terms.dative.get(place, place)}"
    return name


def assign_quantities(
    figures: pd.DataFrame, articles: pd.DataFrame, *, corrections: Path | None = None
) -> pd.DataFrame:
    """Fill the ``quantity`` column: figures about the same thing share one name.

    Untracked figures (years, dates, times, ordinals, scores, bare numbers with
    no unit) keep an empty quantity. ``corrections`` (CSV, see
    :func:`add_correction`) is applied last.
    """
    out = figures.copy()
    for column, empty in (("quantity", ""), ("relation_to", ""), ("inferred_value", None)):
        if column not in out.columns:
            out[column] = empty
    out["relation_to"] = ["" if pd.isna(v) else str(v) for v in out["relation_to"]]
    if not len(out):
        return out
    keys: list[tuple[str, str, str] | None] = []
    places: dict[tuple[str, str, str], Counter] = {}
    phrases: dict[tuple[str, str, str], Counter] = {}
    # plain dicts of the columns read below (iterrows builds a Series per row, and
    # to_dict over every column converted a dozen columns nobody reads here)
    read = [c for c in ("category", "unit", "phrase", "sentence", "text") if c in out.columns]
    for fig in out[read].to_dict("records"):
        key, place = _key_and_place(fig)
        keys.append(key)
        if key is not None:
            places.setdefault(key, Counter())
            phrases.setdefault(key, Counter())
            if place:
                places[key][place] += 1
            if fig.get("phrase"):
                phrases[key][str(fig["phrase"])] += 1
    members = Counter(k for k in keys if k is not None)
    names = {key: _name(key, places[key], phrases[key], members[key]) for key in places}
    out["quantity"] = [names[k] if k is not None else "" for k in keys]
    # comparative ratios join the count they compare ("dreimal so hoch wie die vorherige"):
    # the first tracked count of the same sentence, looked up by (article, sentence)
    ratios = out.index[out["category"] == "ratio"]
    if len(ratios):
        first_count: dict[tuple[Any, Any], Any] = {}
        counts = out[(out["category"] == "count") & (out["quantity"] != "")]
        for k, art, sent in zip(
            counts.index, counts["article_id"], counts["sentence"], strict=True
        ):
            if sent == sent:  # NaN never equals a sentence
                first_count.setdefault((art, sent), k)
        for idx in ratios:
            fig = out.loc[idx]
            if _is_comparison(fig) and fig.sentence == fig.sentence:
                k = first_count.get((fig.article_id, fig.sentence))
                if k is not None:
                    base = out.loc[k]
                    out.at[idx, "quantity"] = base["quantity"]
                    out.at[idx, "relation_to"] = base["figure_id"]
                    if fig.value and pd.notna(base["value"]):
                        out.at[idx, "inferred_value"] = base["value"] / fig.value
    if corrections is not None:
        out = apply_corrections(out, load_corrections(corrections))
    return out


def _is_comparison(fig: pd.Series) -> bool:
    sentence, text = str(fig.get("sentence") or ""), str(fig.get("text") or "")
    pos = sentence.find(text)
    tail = sentence[pos + len(text) : pos + len(text) + 40] if pos >= 0 else ""
    return bool(re.match(r"\s*(so|mal so)\s+\w+\s+(ist\s+|sind\s+|war\s+)?wie\b", tail))


# --------------------------------------------------------------- corrections


def load_corrections(path: Path | str) -> list[dict[str, Any]]:
    """The valid rows of a quantity-corrections CSV (bad rows warn with file and line).

    Columns: action (rename | merge | split | exclude), quantity, to, figure_ids
    (";"-separated), note. rename/merge: every figure of ``quantity`` gets
    ``to``; split: the listed figures get ``to``; exclude: the listed figures
    get no quantity.
    """
    path = Path(path)
    if not path.exists():
        return []
    rows = []
    text = path.read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    missing = {"action", "quantity", "to", "figure_ids"} - set(reader.fieldnames or [])
    if missing:
        warnings.warn(
            f"{path}:1: missing columns {', '.join(sorted(missing))}; corrections ignored",
            stacklevel=2,
        )
        return []
    for line, row in enumerate(reader, start=2):
        problem = _row_problem(row)
        if problem:
            warnings.warn(f"{path}:{line}: {problem}; row ignored", stacklevel=2)
            continue
        rows.append({k: (row.get(k) or "").strip() for k in CORRECTION_COLUMNS} | {"line": line})
    return rows


def _row_problem(row: dict[str, Any]) -> str:
    action = (row.get("action") or "").strip()
    if action not in ACTIONS:
        return f"unknown action {action!r} (use {', '.join(ACTIONS)})"
    if action in {"rename", "merge"} and not (
        (row.get("quantity") or "").strip() and (row.get("to") or "").strip()
    ):
        return f"{action} needs 'quantity' and 'to'"
    if action in {"split", "exclude"} and not (row.get("figure_ids") or "").strip():
        return f"{action} needs 'figure_ids'"
    if action == "split" and not (row.get("to") or "").strip():
        return "split needs 'to' (the new quantity name)"
    return ""


def apply_corrections(figures: pd.DataFrame, rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Apply correction rows in file order (later rows see earlier renames)."""
    out = figures.copy()
    for row in rows:
        action = row["action"]
        if action in {"rename", "merge"}:
            out.loc[out.quantity == row["quantity"], "quantity"] = row["to"]
        else:
            ids = {i.strip() for i in row["figure_ids"].split(";") if i.strip()}
            out.loc[out.figure_id.isin(ids), "quantity"] = row["to"] if action == "split" else ""
    return out


def add_correction(
    path: Path | str,
    action: str,
    *,
    quantity: str = "",
    to: str = "",
    figure_ids: Iterable[str] = (),
    note: str = "",
) -> dict[str, str]:
    """Append one correction to the CSV at ``path`` (atomic write); returns the row.

    ``add_correction(p, "rename", quantity="Soldaten", to="nordkoreanische Soldaten")``;
    ``add_correction(p, "split", figure_ids=["004-f3"], to="russische Soldaten")``.
    Raises ValueError for a row that would be ignored.
    """
    path = Path(path)
    row = {"action": action, "quantity": quantity, "to": to,
           "figure_ids": ";".join(figure_ids), "note": note}  # fmt: skip
    problem = _row_problem(row)
    if problem:
        raise ValueError(problem)
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CORRECTION_COLUMNS, lineterminator="\n")
    if not existing.strip():
        writer.writeheader()
    elif not existing.endswith("\n"):
        buf.write("\n")
    writer.writerow(row)
    atomic_write_text(path, existing + buf.getvalue())
    return row
