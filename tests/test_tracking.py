"""Tracked quantities and timelines (kit/tracking.py) on the seed articles.

Figures come from kit.figures.extract on blank-tokenizer docs; the quotes that carry
the sources are written by hand (the spans the quotes stage should find).
"""

from __future__ import annotations

import warnings
from dataclasses import asdict
from types import SimpleNamespace

import pandas as pd
import pytest
import spacy

import kit.german.pipeline  # noqa: F401  (registers the Doc extensions)
from kit import config
from kit.figures.extract import extract_figures
from kit.figures.tracking import (
    add_correction,
    assign_quantities,
    load_corrections,
    main_quantity,
    quantity_summary,
    timeline,
)
from kit.german.pipeline import tag_article
from kit.reading.load import load_articles
from kit.records import FIGURE_COLUMNS, Quote

NK = "nordkoreanische Soldaten in Russland"

# (seed, quote part, speaker): the attributed statements that carry the troop figures
QUOTES = [
    ("000", "Etwa 8.000 nordkoreanische Soldaten haben die russische Grenzregion Kursk erreicht", "Antony Blinken"),
    ("001", "dass mehr als 10.000 nordkoreanische Soldaten nach Kursk geschickt worden waren", "USA"),
    ("002", "dass mehr als 10.000 nordkoreanische Soldaten nach Ostrussland geschickt worden seien", "USA"),
    ("003", "Ich kann bestätigen, dass mehr als 10.000 nordkoreanische Truppen nach Russland geschickt wurden",
     "US-Außenministerium"),
    ("004", "Nordkorea hat rund 10.000 Soldaten zur Ausbildung nach Russland geschickt", "Pentagon"),
    ("004", "Wir gehen davon aus, dass die Demokratische Volksrepublik Korea etwa 10.000 Soldaten", "Sabrina Singh"),
    ("004", "dass die in Russland stationierten nordkoreanischen Truppen „bald 12.000“ betragen werden",
     "Wolodymyr Selenskyj"),
]  # fmt: skip


@pytest.fixture(scope="module")
def seeds():
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    loaded = load_articles(config.SEEDS_DIR, manifest=config.SEEDS_MANIFEST)
    rows = []
    for article in loaded.articles:
        quotes = []
        for n, (prefix, part, speaker) in enumerate(QUOTES):
            if article.id.startswith(prefix):
                start = article.text.index(part)
                quotes.append(Quote(article.id, f"q{n}", "Indirect", "speech", part, start,
                                    start + len(part), speaker=speaker))  # fmt: skip
        doc = tag_article(article, nlp)
        rows += [asdict(f) for f in extract_figures(doc, quotes=quotes)]
    figures = pd.DataFrame(rows, columns=list(FIGURE_COLUMNS))
    articles = pd.DataFrame([{"id": a.id, "date": a.date} for a in loaded.articles])
    return figures, articles


def _by_text(frame, prefix, text):
    return frame[frame.article_id.str.startswith(prefix) & (frame.text == text)].iloc[0]


def test_troop_estimates_form_one_quantity(seeds):
    figures, articles = seeds
    out = assign_quantities(figures, articles, corrections=None)
    nk = out[out.quantity == NK]
    assert sorted(zip(nk.article_id.str[:3], nk.text, strict=False)) == sorted([
        ("000", "Etwa 8.000"), ("001", "mehr als 10.000"), ("001", "Tausender"),
        ("002", "mehr als 10.000"), ("003", "mehr als 10.000"), ("003", "11.000"),
        ("004", "rund 10.000"), ("004", "dreimal"), ("004", "etwa 10.000"), ("004", "bald 12.000"),
    ])  # fmt: skip
    # Russian losses are another quantity; years and dates are not tracked
    assert _by_text(out, "004", "Mehr als 600.000").quantity.startswith("russische Soldaten")
    assert _by_text(out, "002", "2019").quantity == ""
    assert _by_text(out, "002", "20. Januar").quantity == ""


def test_timeline_is_the_troop_estimates(seeds):
    figures, articles = seeds
    corpus = SimpleNamespace(figures=assign_quantities(figures, articles), articles=articles)
    tl = timeline(corpus)
    rows = [(d, round(v), q, s, a[:3]) for d, v, q, s, a in
            zip(tl.date, tl.value, tl.qualifier, tl.source, tl.article_id, strict=False)]  # fmt: skip
    # no derived point ("dreimal so hoch wie die vorherige"), no vague one ("Tausender
    # Truppen"), and the Pentagon's claim repeated by its spokeswoman is one point
    assert rows == [
        ("2024-10-29", 10000, "approx", "Pentagon; Sabrina Singh", "004"),
        ("2024-10-29", 12000, "expected", "Wolodymyr Selenskyj", "004"),
        ("2024-10-31", 8000, "approx", "Antony Blinken", "000"),
        ("2024-11-12", 10000, "more_than", "US-Außenministerium", "003"),
        ("2024-11-12", 11000, "exact", "Kiew", "003"),
        ("2024-11-13", 10000, "more_than", "USA", "002"),
        ("2024-11-18", 10000, "more_than", "USA", "001"),
    ]
    assert list(tl.columns[:8]) == ["date", "value", "value_high", "qualifier", "source", "article_id",
                                    "text", "sentence"]  # fmt: skip
    merged = tl.iloc[0]
    assert merged.n_sources == 2 and len(merged.figure_ids.split(";")) == 2
    assert timeline(corpus, "no such quantity").empty
    # the analyst can switch vague amounts in
    with_vague = timeline(corpus, vague=True)
    assert ("2024-11-18", 1000, "more_than") in {
        (d, round(v), q)
        for d, v, q in zip(with_vague.date, with_vague.value, with_vague.qualifier, strict=True)
    }


def test_relation_is_kept_in_the_table_not_plotted(seeds):
    figures, articles = seeds
    out = assign_quantities(figures, articles)
    ratio = _by_text(out, "004", "dreimal")
    base = out[out.figure_id == ratio.relation_to].iloc[0]
    assert base.text == "rund 10.000" and ratio.quantity == NK
    assert ratio.inferred_value == pytest.approx(10000 / 3)  # labelled inference, not a claim
    assert (
        _by_text(out, "001", "Tausender").vague
        and not _by_text(out, "001", "mehr als 10.000").vague
    )


def test_main_quantity_rule(seeds):
    figures, articles = seeds
    out = assign_quantities(figures, articles)
    summary = quantity_summary(out, articles)
    assert main_quantity(out, articles) == NK == summary.iloc[0].quantity
    row = summary.iloc[0]
    assert (row.claims, row.sources, row.dates, bool(row.eligible)) == (7, 6, 5, True)
    # the km² of territory and the single Russian-loss figure do not qualify
    assert not summary.set_index("quantity").loc["km²", "eligible"]
    assert not any(summary[summary.quantity != NK].eligible)
    # with no figures of a counted quantity on two dates or by two sources there is none
    only_one = out[out.article_id.str.startswith("000")]
    assert main_quantity(only_one, articles) == ""


def test_corrections_rename_merge_split_exclude(seeds, tmp_path):
    figures, articles = seeds
    path = tmp_path / "quantity_corrections.csv"
    russian = _by_text(assign_quantities(figures, articles), "004", "Mehr als 600.000")
    add_correction(path, "rename", quantity=NK, to="Nordkoreas Truppen")
    add_correction(path, "merge", quantity=russian.quantity, to="Nordkoreas Truppen")
    eight = _by_text(figures, "000", "Etwa 8.000").figure_id
    add_correction(path, "split", figure_ids=[eight], to="Blinkens Zahl")
    add_correction(path, "exclude", figure_ids=[_by_text(figures, "001", "Tausender").figure_id])
    assert [r["action"] for r in load_corrections(path)] == ["rename", "merge", "split", "exclude"]
    # applied inside assign_quantities, so a rebuild keeps them
    out = assign_quantities(figures, articles, corrections=path)
    assert _by_text(out, "004", "bald 12.000").quantity == "Nordkoreas Truppen"
    assert _by_text(out, "004", "Mehr als 600.000").quantity == "Nordkoreas Truppen"
    assert _by_text(out, "000", "Etwa 8.000").quantity == "Blinkens Zahl"
    assert _by_text(out, "001", "Tausender").quantity == ""
    assert NK not in set(out.quantity)


def test_bad_correction_rows_warn_with_file_and_line(seeds, tmp_path):
    figures, articles = seeds
    path = tmp_path / "quantity_corrections.csv"
    path.write_text("action,quantity,to,figure_ids,note\n"
                    f"rename,{NK},Truppen,,\n"
                    "explode,x,y,,\n"
                    "split,,z,,\n", encoding="utf-8")  # fmt: skip
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = assign_quantities(figures, articles, corrections=path)
    messages = [str(w.message) for w in caught]
    assert any(f"{path}:3:" in m and "explode" in m for m in messages)
    assert any(f"{path}:4:" in m and "split" in m for m in messages)
    assert "Truppen" in set(out.quantity)  # the good row still applies
    with pytest.raises(ValueError):
        add_correction(path, "split", to="x")


def test_missing_corrections_file_is_fine(seeds, tmp_path):
    figures, articles = seeds
    out = assign_quantities(figures, articles, corrections=tmp_path / "none.csv")
    assert NK in set(out.quantity)


def test_build_fills_quantity_and_timeline(tmp_path):
    from kit import build

    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    corpus = build(config.SEEDS_DIR, manifest=config.SEEDS_MANIFEST, nlp=nlp, cache=False,
                   progress=False, corrections_dir=tmp_path)  # fmt: skip
    assert NK in set(corpus.figures.quantity)
    tl = corpus.timeline()
    assert list(tl.date) == sorted(tl.date)
    assert {8000, 11000, 12000} <= {round(v) for v in tl.value}
