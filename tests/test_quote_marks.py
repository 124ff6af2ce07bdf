"""Every German quotation mark style in quote attribution, on sentences written for this test.

Web pages bring all of them: „…“ (most German outlets), "…" (straight, copied
text), »…« (Spiegel, books), «…» (dpa copy, Swiss outlets), ‚…‘ and ›…‹
(single marks, also nested), English “…” and straight '…'. Each sentence is
a direct quotation with its frame; the expected rows are written by hand.
"""

from __future__ import annotations

import pytest

from kit.german.pipeline import tag_article
from kit.quotes.extract import extract_quotes
from kit.quotes.text import mark_spans
from kit.records import Article

STYLES = [
    ("„", "“"),
    ('"', '"'),
    ("»", "«"),
    ("«", "»"),
    ("‚", "‘"),
    ("›", "‹"),
    ("“", "”"),
    ("'", "'"),
]


def quotes_of(text: str, nlp) -> list[tuple[str, str, str, str]]:
    doc = tag_article(Article("t", text), nlp)
    return [(q.type, q.quote_text, q.speaker, q.cue) for q in extract_quotes(doc)]


@pytest.mark.parametrize(("open_", "close"), STYLES)
def test_quote_before_its_frame(nlp, open_: str, close: str) -> None:
    text = f"{open_}Wir bauen die Brücke in zwei Jahren neu{close}, sagte Bürgermeisterin Anna Berger am Montag."
    quote = f"{open_}Wir bauen die Brücke in zwei Jahren neu{close}"
    assert quotes_of(text, nlp) == [("Direct", quote, "Anna Berger", "sagte")]


@pytest.mark.parametrize(("open_", "close"), STYLES)
def test_quote_after_a_colon(nlp, open_: str, close: str) -> None:
    text = f"Anna Berger sagte: {open_}Die Brücke ist marode und muss weg.{close} Dann ging sie."
    quote = f"{open_}Die Brücke ist marode und muss weg.{close}"
    assert ("Direct", quote, "Anna Berger", "sagte") in quotes_of(text, nlp)


@pytest.mark.parametrize(
    "text",
    [
        "«Das Wort ‹Sanierung› reicht nicht mehr», sagte Bürgermeisterin Anna Berger am Montag.",
        "»Das Wort ›Sanierung‹ reicht nicht mehr«, sagte Bürgermeisterin Anna Berger am Montag.",
        "„Das Wort ‚Sanierung‘ reicht nicht mehr“, sagte Bürgermeisterin Anna Berger am Montag.",
    ],
)
def test_nested_single_marks_stay_inside_the_quote(nlp, text: str) -> None:
    quote = text.split(", sagte")[0]
    assert quotes_of(text, nlp) == [("Direct", quote, "Anna Berger", "sagte")]


def test_apostrophes_are_no_quotation_marks(nlp) -> None:
    text = "„Wie geht's weiter mit der Brücke?“, fragte Bürgermeisterin Anna Berger am Montag."
    assert quotes_of(text, nlp) == [
        ("Direct", "„Wie geht's weiter mit der Brücke?“", "Anna Berger", "fragte")
    ]
    assert mark_spans("Hans' Auto und Grimm'sche Märchen, geht's noch?") == []
    assert quotes_of("Anna Berger sagte am Montag, Hans' Auto sei gestohlen worden.", nlp) == [
        ("Indirect", "Hans' Auto sei gestohlen worden", "Anna Berger", "sagte")
    ]
