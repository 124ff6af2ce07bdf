"""The hard forms of a figure (issue: figures an editor would publish), through the kit pipeline.

Each case is a real sentence — from the benchmark's train split, read at run time by
document id and anchor, or written by us for the forms the issue names — with the
figure's expected value, qualifier, unit or counted noun and category written by hand.
Conventions (docs/figures.md): ordinals carry the noun they count as unit; ages are
category ``other``, unit ``Jahr``, phrase ``Alter``; fractions are ``ratio``.
"""

from __future__ import annotations

import pytest
from conftest import benchmark_sentence

from kit.figures.extract import extract_figures
from kit.german.pipeline import tag_article
from kit.records import Article


def _figures(nlp, text: str):
    return list(extract_figures(tag_article(Article("t", text), nlp)))


def _one(figures, text: str):
    found = [f for f in figures if text in f.text]
    assert found, f"{text!r} not among {[f.text for f in figures]}"
    return found[0]


def _check(fig, value, high, qualifier, unit, category):
    assert fig.value == pytest.approx(value) if value is not None else fig.value is None
    assert fig.value_high == pytest.approx(high) if high is not None else fig.value_high is None
    assert (fig.qualifier, fig.unit, fig.category) == (qualifier, unit, category)


# (doc id, anchor, figure text, value, value_high, qualifier, unit, category)
TRAIN = [
    # ordinal words with a counted noun
    ("57933", "auf den zweiten Platz", "zweiten", 2, None, "exact", "Platz", "ordinal"),
    ("29688", "Am dritten Tag", "dritten", 3, None, "exact", "Tag", "ordinal"),
    ("10022", "als erster Mensch", "erster", 1, None, "exact", "Mensch", "ordinal"),
    ("47872", "neunzehnte Spieltag", "neunzehnte", 19, None, "exact", "Spieltag", "ordinal"),
    ("63107", "die zweite Hälfte", "zweite", 2, None, "exact", "Hälfte", "ordinal"),
    # ordinal digits
    ("64617", "51. Spielminute", "51.", 51, None, "exact", "Spielminute", "ordinal"),
    ("9019", "15. deutschen Bundestag", "15.", 15, None, "exact", "Bundestag", "ordinal"),
    ("22774", "zum 31. Mal", "31.", 31, None, "exact", "Mal", "ordinal"),
    ("18624", "22. „europäische", "22.", 22, None, "exact", "Hackerkonferenz", "ordinal"),
    # ranks and measures named before the number
    ("64617", "auf Platz 17", "17", 17, None, "exact", "Platz", "ordinal"),
    ("15980", "Stärke 4,4", "4,4", 4.4, None, "exact", "Stärke", "other"),
    ("60475", "Stärke von 5,9", "5,9", 5.9, None, "exact", "Stärke", "other"),
    # a figure that ends the sentence takes the noun the sentence counted before
    ("49024", "Xinhua heute mit 13", "13", 13, None, "exact", "Mensch", "count"),
    ("55265", "Anhebung auf 22", "22", 22, None, "exact", "Modell", "count"),
    ("45213", "waren es dann zwölf", "zwölf", 12, None, "exact", "Stadion", "count"),
    ("63107", "Zahl der Tore", "vier", 4, None, "exact", "Tor", "count"),
    ("72767", "mindestens fünfzig", "fünfzig", 50, None, "at_least", "Person", "count"),
    # fractions
    ("51446", "zwei Dritteln", "zwei Dritteln", 2 / 3, None, "exact", "", "ratio"),
    ("51446", "Jeder Dritte", "Dritte", 1 / 3, None, "exact", "", "ratio"),
    ("72501", "mehr als die Hälfte", "Hälfte", 0.5, None, "more_than", "", "ratio"),
    # durations and ages
    ("25328", "43-jähriger Flucht", "43-jähriger", 43, None, "more_than", "Jahr", "duration"),
    ("14879", "50-jährigen Bestehens", "50-jährigen", 50, None, "exact", "Jahr", "duration"),
    ("10022", "75 Jahre alt", "75 Jahre", 75, None, "exact", "Jahr", "other"),
    ("13091", "Wittenberg (43)", "43", 43, None, "exact", "Jahr", "other"),
    ("18890", "zwischen neun und zwölf Jahren", "neun und zwölf", 9, 12, "exact", "Jahr", "other"),
    # dates, not ordinals; the number one before a unit
    ("27912", "vom 6. bis zum 8. Juni", "6. bis zum 8. Juni 2006", None, None, "exact", "", "date"),
    ("45244", "von einem Kilogramm", "einem", 1, None, "exact", "Kilogramm", "weight"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("doc_id", "anchor", "text", "value", "high", "qualifier", "unit", "category"),
    TRAIN,
    ids=[f"{c[0]}-{c[1]}" for c in TRAIN],
)
def test_train_sentence_forms(nlp, doc_id, anchor, text, value, high, qualifier, unit, category):
    sentence = benchmark_sentence("train", doc_id, anchor)
    _check(_one(_figures(nlp, sentence), text), value, high, qualifier, unit, category)


# the forms as the issue quotes them, in sentences we wrote
OWN = [
    ("Die Mannschaft rückte auf den zweiten Platz vor.", "zweiten", 2, None, "exact", "Platz", "ordinal"),
    ("Am siebten Tag der Belagerung gaben sie auf.", "siebten", 7, None, "exact", "Tag", "ordinal"),
    ("Das Tor fiel in der sechsten Minute.", "sechsten", 6, None, "exact", "Minute", "ordinal"),
    ("Deutschland stellt 12.000 Soldaten des Gesamtkontingents von 160.000.", "160.000", 160000, None,
     "exact", "Soldat", "count"),
    ("Gestern erschien der 100.000. Artikel der Enzyklopädie.", "100.000.", 100000, None, "exact", "Artikel",
     "ordinal"),
    ("Der Antrag wurde mit zwei Dritteln der Stimmen angenommen.", "zwei Dritteln", 2 / 3, None, "exact", "",
     "ratio"),
    ("Der Kandidat erhielt nur acht Stimmen.", "acht", 8, None, "exact", "Stimme", "count"),
    ("Die Partei gewann 75 Sitze im Parlament.", "75", 75, None, "exact", "Sitz", "count"),
    ("Ein Beben der Stärke 4,0 erschütterte die Region.", "4,0", 4.0, None, "exact", "Stärke", "other"),
    ("Der Vertrag läuft seit 65 Jahren.", "65 Jahren", 65, None, "exact", "Jahr", "duration"),
    ("Befragt wurden Menschen im Alter zwischen 15 und 74 Jahren.", "15 und 74", 15, 74, "exact", "Jahr",
     "other"),
    ("Die Messe findet vom 2. bis 20. März statt.", "2. bis 20. März", None, None, "exact", "", "date"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "text", "value", "high", "qualifier", "unit", "category"),
    OWN,
    ids=[c[1] for c in OWN],
)
def test_issue_forms(nlp, sentence, text, value, high, qualifier, unit, category):
    _check(_one(_figures(nlp, sentence), text), value, high, qualifier, unit, category)


def test_a_full_stop_the_splitter_missed_ends_the_figure(nlp):
    # "1.000." before "Zu der …" is a sentence end, not the ordinal 1.000th
    figs = _figures(
        nlp,
        "Nach Polizeiangaben waren es zirka 1.000. Zu der Demonstration hatten Gruppen aufgerufen.",
    )
    _check(_one(figs, "1.000"), 1000, None, "approx", "", "other")
    assert _one(figs, "1.000").text == "zirka 1.000"


def test_elliptic_noun_not_taken_across_a_choice_or_a_part(nlp):
    figs = _figures(nlp, "Sechs Kinder wurden in zwei oder mehr Häusern gefunden.")
    assert _one(figs, "zwei").unit != "Kind"
    figs = _figures(
        nlp, "Von 85.000 Stellen wurden 20.000 der einst sicheren Arbeitsplätze abgebaut."
    )
    assert _one(figs, "20.000").unit != "Stelle"


def test_ordinal_word_without_noun_or_as_name_is_no_figure(nlp):
    assert _figures(nlp, "Er war der Erste, der ankam.") == []
    assert [f.text for f in _figures(nlp, "Zum ersten Juli 2011 wurde sie aufgelöst.")] == [
        "ersten Juli 2011"
    ]
