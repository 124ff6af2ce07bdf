"""Many self-contained paragraphs in one article give what each paragraph gives alone.

The offset indexes of issue 12 (quotes by span, entities by token, sentences
by offset, speaker history) must change nothing: each paragraph below names
its own speakers (no surname, role or pronoun reaches into another one), so
the quotes, figures and entities of the whole article are those of the
paragraphs built one by one, with offsets shifted by where the paragraph
starts. Not a timing. The paragraphs were written for this test.
"""

from __future__ import annotations

from typing import Any

import pytest

from kit.corpus.article import process_article
from kit.reading.boilerplate import mark_boilerplate
from kit.records import Article

PARAGRAPHS = [
    "„Wir brauchen bis 2027 rund 4.000 neue Lehrerinnen und Lehrer“, sagte "
    "Kultusministerin Helga Brandstätter am Dienstag in Kiel. Sie kündigte an, "
    "dass das Land dafür 310 Millionen Euro bereitstellen werde.",
    "Nach Angaben des Statistischen Landesamtes lebten Ende 2023 etwa 2,9 Millionen "
    "Menschen in Schleswig-Holstein. Das waren 0,4 Prozent mehr als ein Jahr zuvor.",
    "Der Bürgermeister von Husum, Friedrich Ohlendorf, erklärte, die Stadt habe seit "
    "Januar 17 Wohnungen für Geflüchtete angemietet. „Mehr Platz haben wir nicht“, "
    "fügte Ohlendorf hinzu.",
    "Laut Feuerwehrsprecher Malte Kuhnert waren in der Nacht 85 Einsatzkräfte im "
    "Einsatz. Verletzt wurde niemand, der Schaden liegt bei etwa 250.000 Euro.",
    "Gewerkschaftschefin Ingrid Paulsen warnte vor einem Streik: „Wenn bis Freitag "
    "kein Angebot kommt, legen 1.200 Beschäftigte die Arbeit nieder.“",
    "Dem Umweltbundesamt zufolge sank der Ausstoß von Treibhausgasen im vergangenen "
    "Jahr um 10,1 Prozent. Präsident Dirk Wegener sprach von einem „wichtigen Schritt“.",
    "Trainer Jannik Sörensen sagte nach dem 3:1-Sieg: „Die Mannschaft hat 90 Minuten "
    "lang gekämpft.“ Sein Team steht nun mit 34 Punkten auf Platz zwei.",
    "Die Reederei teilte mit, dass die Fähre nach Helgoland ab dem 1. April wieder "
    "zweimal täglich fahre. Eine Fahrt koste künftig 59 Euro.",
    "„Die Zahl der Badeunfälle hat sich verdoppelt“, sagte DLRG-Sprecherin Wiebke "
    "Carstensen. In diesem Sommer seien 23 Menschen an den Küsten ertrunken.",
    "Finanzsenator Andreas Dressel sagte, der Haushalt 2025 umfasse 21,4 Milliarden "
    "Euro. Die Opposition kritisierte die Pläne als „unseriös“.",
    "Wie die Polizei mitteilte, wurden bei der Kontrolle 412 Fahrzeuge überprüft. "
    "Gegen 37 Fahrer wurde ein Bußgeld verhängt.",
    "Klinikdirektorin Susanne Hamann berichtete, auf der Station fehlten derzeit 14 "
    "Pflegekräfte. „Wir arbeiten am Limit“, sagte Hamann der Zeitung.",
]
SEP = "\n"

QUOTE_FIELDS = (
    "type", "medium", "quote_text", "cue", "speaker", "speaker_mention", "role",
    "speaker_kind", "via", "sentence", "addressee",
)  # fmt: skip
QUOTE_OFFSETS = ("quote_start", "quote_end", "cue_start", "cue_end", "speaker_start", "speaker_end")
QUOTE_SPANS = ("quote_spans", "cue_spans", "frame_spans", "addressee_spans")
FIGURE_FIELDS = (
    "text", "value", "value_high", "qualifier", "unit", "category", "phrase", "source", "sentence",
)  # fmt: skip


def _shift(value: Any, by: int) -> Any:
    return None if value is None else value + by


def _quote_rows(payload: dict, by: int) -> list[tuple]:
    rows = []
    for q in payload["quotes"]:
        spans = tuple(tuple((a + by, b + by) for a, b in q[k]) for k in QUOTE_SPANS)
        offsets = tuple(_shift(q[k], by) for k in QUOTE_OFFSETS)
        rows.append((tuple(q[k] for k in QUOTE_FIELDS), offsets, spans))
    return rows


def _figure_rows(payload: dict, by: int) -> list[tuple]:
    return [
        (tuple(f[k] for k in FIGURE_FIELDS), f["start"] + by, f["end"] + by)
        for f in payload["figures"]
    ]


def _entity_rows(payload: dict, by: int) -> list[tuple]:
    return [
        (e["text"], e["label"], e["canonical"], e["start"] + by, e["end"] + by)
        for e in payload["entities"]
    ]


def _run(nlp, name: str, text: str) -> dict:
    return process_article(Article(name, text, f"{name}.txt", {}, mark_boilerplate(text)), nlp)


@pytest.fixture(scope="module")
def built(nlp):
    whole = SEP.join(PARAGRAPHS)
    alone, offset = [], 0
    for k, para in enumerate(PARAGRAPHS):
        alone.append((offset, _run(nlp, f"absatz{k}", para)))
        offset += len(para) + len(SEP)
    return _run(nlp, "ganz", whole), alone


@pytest.mark.parametrize(
    "rows", [_quote_rows, _figure_rows, _entity_rows], ids=["quotes", "figures", "entities"]
)
def test_the_whole_article_gives_what_its_paragraphs_give(built, rows) -> None:
    whole, alone = built
    expected = [row for offset, payload in alone for row in rows(payload, offset)]
    assert rows(whole, 0) == expected


def test_the_paragraphs_give_the_kit_real_work(built) -> None:
    whole, _ = built
    # every paragraph has a figure; most have a quote with a named speaker
    assert len(whole["figures"]) >= 2 * len(PARAGRAPHS)
    speakers = {q["speaker"] for q in whole["quotes"] if q["speaker"]}
    assert len(speakers) >= 8
    assert {"Direct", "Indirect"} <= {q["type"] for q in whole["quotes"]}
    assert any(f["source"] for f in whole["figures"])


def test_the_offsets_slice_to_the_text(built) -> None:
    whole, _ = built
    text = SEP.join(PARAGRAPHS)
    for f in whole["figures"]:
        assert text[f["start"] : f["end"]] == f["text"]
    for q in whole["quotes"]:
        assert (
            text[q["quote_start"] : q["quote_end"]] in q["quote_text"] or " … " in q["quote_text"]
        )
