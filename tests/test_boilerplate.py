"""Boilerplate is marked (never cut): seeds by hand, rule cases, robustness."""

from __future__ import annotations

import pytest
from conftest import benchmark_doc, seed_text
from hypothesis import given, settings
from hypothesis import strategies as st

from kit import config
from kit.reading.boilerplate import mark_boilerplate
from kit.records import Span

KINDS = {"related_headlines", "editor_line", "agency_mark", "signature"}


def marked(text: str) -> list[tuple[str, str]]:
    return [(s.kind, text[s.start : s.end]) for s in mark_boilerplate(text)]


# ------------------------------------------------------------------------- seeds

# every span of every seed, written by hand: nothing else (no body text) is marked
SEED_SPANS = {
    "000": [("signature", "vf")],
    "001": [
        (
            "related_headlines",
            "VERWANDTE GESCHICHTEN\n"
            "Nordkoreaner in Russland an Ort und Stelle, aber nicht im Kampf: Beamter der Ukraine\n"
            "Die USA geloben Nordkorea eine „entschiedene Reaktion“ für die Entsendung von Truppen nach Russland\n"
            "Die USA bestätigen, dass sich nordkoreanische Truppen Russland im Kampf gegen die Ukraine anschließen",
        ),
        ("editor_line", "Herausgegeben von Mike Firn."),
    ],
    "002": [
        (
            "related_headlines",
            "VERWANDTE GESCHICHTEN\n"
            "Die USA bestätigen, dass sich nordkoreanische Truppen Russland im Kampf gegen die Ukraine anschließen\n"
            "Die Ukraine „hält“ eine 50.000 Mann starke Truppe zurück, darunter auch Nordkoreaner: Selenskyj\n"
            "Die Ukraine enthüllt „abgefangene“ Funkkommunikation nordkoreanischer Soldaten in Russland",
        ),
        ("editor_line", "Herausgegeben von Mike Firn."),
    ],
    "003": [("agency_mark", "/ATS")],
    "004": [],
}


@pytest.mark.parametrize("prefix", sorted(SEED_SPANS))
def test_seed_boilerplate_exactly(prefix: str) -> None:
    assert marked(seed_text(prefix)) == SEED_SPANS[prefix]


def test_section_heading_after_related_block_stays_body() -> None:
    text = seed_text("001")
    heading = text.index("Japan über Moskau, Pjöngjang")
    art = mark_boilerplate(text)
    assert not any(s.start <= heading < s.end for s in art)


@pytest.mark.parametrize("prefix", sorted(SEED_SPANS))
def test_seed_marks_survive_crlf(prefix: str) -> None:
    text = seed_text(prefix).replace("\n", "\r\n")
    got = [(k, t.replace("\r\n", "\n")) for k, t in marked(text)]
    assert got == SEED_SPANS[prefix]
    assert all("\r" not in t for k, t in marked(text) if k != "related_headlines")


# -------------------------------------------------------------------- rule cases

BODY = "Die Regierung in Seoul bestätigte den Bericht am Montag."

CASES = [
    # editor lines
    (
        f"{BODY}\nRedigiert von Anna Schmidt und Jon Doe",
        [("editor_line", "Redigiert von Anna Schmidt und Jon Doe")],
    ),
    (
        f"{BODY}\nBearbeitet von Max Mustermann.",
        [("editor_line", "Bearbeitet von Max Mustermann.")],
    ),
    (f"{BODY}\nEdited by Mike Firn.\n", [("editor_line", "Edited by Mike Firn.")]),
    (f"{BODY}\nBearbeitet von der Polizei wurde der Fall bereits im Mai erneut.", []),
    # agency marks
    (f"(dpa) - {BODY}", [("agency_mark", "(dpa) -")]),
    (f"BERLIN (AFP) – {BODY}", [("agency_mark", "(AFP) –")]),
    (f"Washington/Berlin (dpa/AFP): {BODY}", [("agency_mark", "(dpa/AFP):")]),
    (f"{BODY}\ndpa/xyz", [("agency_mark", "dpa/xyz")]),
    (f"{BODY}\n(Reuters)", [("agency_mark", "(Reuters)")]),
    (f"{BODY}\n© dpa", [("agency_mark", "© dpa")]),
    (f"(NATO) - {BODY}", []),  # not an agency
    (f"{BODY}\nKim/Putin", []),
    (f"Die Nachrichtenagentur AFP meldete: {BODY}", []),
    # signatures: only a lowercase last line of 1-4 letters
    (f"{BODY}\nvf", [("signature", "vf")]),
    (f"{BODY}\n  vf  \r\n", [("signature", "vf")]),
    (f"{BODY}\nvf/jb", [("signature", "vf/jb")]),
    (f"{BODY}\nEnde", []),
    (f"{BODY}\nvf\n{BODY}", []),
    (f"{BODY}\nmorgen", []),
    (f"{BODY}\nvf\n/ATS", [("signature", "vf"), ("agency_mark", "/ATS")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_rule_cases(text: str, expected: list[tuple[str, str]]) -> None:
    assert marked(text) == expected


H1 = "Die USA bestätigen, dass sich nordkoreanische Truppen Russland anschließen"
H2 = "Kim droht Seoul"
H3 = "Japan erwägt neue Sanktionen gegen Moskau und Pjöngjang wegen der Truppen"


@pytest.mark.parametrize(
    ("text", "block"),
    [
        # header, headlines, then body: the block ends at the body paragraph
        (f"{BODY}\nMehr zum Thema:\n{H1}\n{H3}\n{BODY}", f"Mehr zum Thema:\n{H1}\n{H3}"),
        # a short line followed by another headline is a headline
        (f"{BODY}\nLesen Sie auch\n{H2}\n{H1}\n{BODY}", f"Lesen Sie auch\n{H2}\n{H1}"),
        # a short line followed by body text is the article's section heading
        (
            f"{BODY}\nVerwandte Geschichten\n{H1}\n{H3}\nNeue Hilfe\n{BODY}",
            f"Verwandte Geschichten\n{H1}\n{H3}",
        ),
        # blank lines between headlines
        (
            f"{BODY}\n\nRELATED STORIES\n\n{H1}\n\n{H3}\n\n{BODY}",
            f"RELATED STORIES\n\n{H1}\n\n{H3}",
        ),
        # a header with nothing after it (end of text) is marked alone
        (f"{BODY}\nWeitere Artikel zum Thema", "Weitere Artikel zum Thema"),
    ],
)
def test_related_headlines_block(text: str, block: str) -> None:
    assert marked(text) == [("related_headlines", block)]


def test_related_block_is_capped() -> None:
    text = "Verwandte Artikel\n" + "\n".join(f"{H1} {i}" for i in range(40))
    (span,) = mark_boilerplate(text)
    assert text[span.start : span.end].count("\n") == 12


def test_header_words_inside_a_sentence_are_not_a_header() -> None:
    assert marked(f"Verwandte Geschichten erzählte er später. {BODY}") == []


# -------------------------------------------------------------------- resources


@pytest.mark.parametrize(
    "name",
    ["boilerplate_related_headers.txt", "boilerplate_editor_lines.txt", "boilerplate_agencies.txt"],
)
def test_resource_files_are_clean(name: str) -> None:
    entries = [
        line.split("#", 1)[0].strip()
        for line in config.resource(name).read_text(encoding="utf-8").splitlines()
    ]
    entries = [e.casefold() for e in entries if e]
    assert entries and len(entries) == len(set(entries))


def test_benchmark_train_docs_get_no_body_marks() -> None:
    # WikiNews ends some articles with a bare "Weitere Artikel zum Thema" header: that line
    # may be marked, but no span may reach into a sentence with a quotation
    doc = benchmark_doc("train", "5167")
    text = doc["originalText"]
    spans = mark_boilerplate(text)
    assert [text[s.start : s.end] for s in spans] == ["Weitere Artikel zum Thema"]
    for ann in doc["annotations"]:
        for part in ann["quote"]["spans"]:
            assert not any(s.start < part["charEnd"] and part["charBegin"] < s.end for s in spans)


# ------------------------------------------------------------------- robustness


PIECES = [
    "vf", "\n", "\r\n", "\r", "\u2028", " ", ":", ".", "„", "“", "(dpa) -", "BERLIN ", "/ATS",
    "dpa/xyz", "VERWANDTE GESCHICHTEN", "Herausgegeben von Mike Firn.", H1, H2, BODY,
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=40).map("".join))
def test_spans_always_slice_inside_the_text(text: str) -> None:
    spans = mark_boilerplate(text)
    assert all(isinstance(s, Span) and s.kind in KINDS for s in spans)
    assert all(0 <= s.start < s.end <= len(text) for s in spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
    assert all(text[s.start : s.end] == text[s.start : s.end].strip() for s in spans)


def test_one_megabyte_line_is_fine() -> None:
    text = ("Wort " * 210_000).strip()
    assert mark_boilerplate(text) == ()
