"""Names on the seeds: people, organisations, places, and canonical names within an article."""

from __future__ import annotations

import pytest
from conftest import SEEDS, benchmark_sentence

from kit.german.entities import canonical_name, is_role
from kit.german.pipeline import extract_entities, tag_article
from kit.records import Article


@pytest.fixture(scope="module")
def seed_entities(nlp):
    out = {}
    for path in SEEDS:
        doc = tag_article(Article(path.stem, path.read_text(encoding="utf-8")), nlp)
        out[path.stem[:3]] = (doc, list(extract_entities(doc)))
    return out


def _labels(seed_entities, seed: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for e in seed_entities[seed][1]:
        found.setdefault(e.text, set()).add(e.label)
    return found


@pytest.mark.parametrize(
    ("seed", "text", "label"),
    [
        ("000", "Antony Blinken", "PER"),
        ("000", "Lloyd Austin", "PER"),
        ("000", "Wolodymyr Selenskyj", "PER"),
        ("000", "Kim Jong-un", "PER"),
        ("000", "Kim Yong-hyun", "PER"),
        ("000", "Kursk", "LOC"),
        ("000", "Pjöngjang", "LOC"),
        ("001", "Kim Jong Un", "PER"),
        ("001", "Xi Jinping", "PER"),
        ("001", "KCNA", "ORG"),
        ("002", "Mark Rutte", "PER"),
        ("002", "Dmitri Peskow", "PER"),
        ("002", "NATO", "ORG"),
        ("002", "Brüssel", "LOC"),
        ("003", "Wladimir Putin", "PER"),
        ("003", "Kreml", "ORG"),
        ("004", "Sabrina Singh", "PER"),
        ("004", "Pentagon", "ORG"),
        ("004", "Matthew Miller", "PER"),
        ("004", "Yoon Suk Yeol", "PER"),
        ("004", "Nordkoreas", "LOC"),
    ],
)
def test_seed_entities(seed_entities, seed: str, text: str, label: str) -> None:
    assert label in _labels(seed_entities, seed).get(text, set())


def test_role_is_not_part_of_the_name(seed_entities) -> None:
    texts = [e.text for e in seed_entities["000"][1]]
    assert "US-Außenminister Antony Blinken" not in texts and "Antony Blinken" in texts
    # "Nordkoreas Außenminister reiste …": a description, no person name
    doc, ents = seed_entities["004"]
    start = doc.text.index("Nordkoreas Außenminister")
    near = [e for e in ents if start <= e.start < start + 30]
    assert [(e.text, e.label) for e in near] == [("Nordkoreas", "LOC")]


@pytest.mark.parametrize(
    ("seed", "mention", "canonical"),
    [
        ("000", "Blinken", "Antony Blinken"),
        ("000", "Austin", "Lloyd Austin"),
        ("001", "Xi", "Xi Jinping"),
        ("001", "Selenskyj", "Wolodymyr Selenskyj"),
        ("004", "Yoon", "Yoon Suk Yeol"),
        ("001", "Russlands", "Russland"),
    ],
)
def test_canonical_is_the_fullest_form(
    seed_entities, seed: str, mention: str, canonical: str
) -> None:
    canon = {e.canonical for e in seed_entities[seed][1] if e.text == mention}
    assert canon == {canonical}


def test_spelling_variants_share_one_name(nlp) -> None:
    text = "Kim Jong Un sprach. Später sagte Kim Jong-un, er sei bereit. Kim lachte."
    doc = tag_article(Article("k", text), nlp)
    canon = {e.text: e.canonical for e in extract_entities(doc)}
    assert canon == {
        "Kim Jong Un": "Kim Jong Un",
        "Kim Jong-un": "Kim Jong Un",
        "Kim": "Kim Jong Un",
    }


def test_canonical_name_for_any_speaker_span(seed_entities) -> None:
    doc, _ = seed_entities["000"]
    start = doc.text.index("Herr Austin")
    assert canonical_name(doc, start, start + len("Herr Austin")) == "Lloyd Austin"
    start = doc.text.index("US-Außenminister Antony Blinken")
    assert (
        canonical_name(doc, start, start + len("US-Außenminister Antony Blinken"))
        == "Antony Blinken"
    )


def test_genitive_of_a_known_name(nlp) -> None:
    doc = tag_article(Article("g", "Wladimir Putin kam. Putins Krieg geht weiter."), nlp)
    assert [(e.text, e.label, e.canonical) for e in extract_entities(doc)] == [
        ("Wladimir Putin", "PER", "Wladimir Putin"),
        ("Putins", "PER", "Wladimir Putin"),
    ]


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Außenminister", True), ("US-Außenminister", True), ("Verteidigungsministers", True),
     ("Sprecherin", True), ("Machthaber", True), ("Soldaten", False), ("Blinken", False)],
)  # fmt: skip
def test_roles(word: str, expected: bool) -> None:
    assert is_role(word) is expected


def test_entities_skip_boilerplate(nlp) -> None:
    from kit.records import Span

    text = "Antony Blinken sprach in Brüssel.\nHerausgegeben von Mike Firn."
    start = text.index("Herausgegeben")
    doc = tag_article(Article("b", text, boilerplate=(Span(start, len(text), "editor_line"),)), nlp)
    assert [e.text for e in extract_entities(doc)] == ["Antony Blinken", "Brüssel"]


def test_speaker_in_a_benchmark_sentence(nlp) -> None:
    text = benchmark_sentence("train", "46026", "sagte Arturo Arauz")
    doc = tag_article(Article("46026", text), nlp)
    assert ("Arturo Arauz", "PER") in [(e.text, e.label) for e in extract_entities(doc)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Das berichtete die Zeitung „Tagesspiegel“ am Montag.", [("Tagesspiegel", "ORG")]),
        ("Die nationalistische Ataka-Partei protestierte.", [("Ataka-Partei", "ORG")]),
        ("Die GdF zeigt keinerlei Entgegenkommen.", [("GdF", "ORG")]),
        ("Das gab der 53-jährige Uribe zu.", [("Uribe", "PER")]),
        ("Er lebt in der Stadt Kassel.", [("Kassel", "LOC")]),
        ("Eine Information des Bundeskriminalamtes liegt vor.", [("Bundeskriminalamtes", "ORG")]),
        ("Das sei falsch, sagte Gall am Abend.", [("Gall", "PER")]),
        ("Hans-Jürgen Papier warnte.", [("Hans-Jürgen Papier", "PER")]),
        ("Die Korean Central News Agency meldete das.", [("Korean Central News Agency", "ORG")]),
        # a role alone is a description, not a name
        ("Der Außenminister reiste nach Moskau.", [("Moskau", "LOC")]),
    ],
)
def test_entity_rules(nlp, text: str, expected: list[tuple[str, str]]) -> None:
    doc = tag_article(Article("r", text), nlp)
    assert [(e.text, e.label) for e in extract_entities(doc)] == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a surname after a middle first name, whatever the lexicon says ("Lassen" is a verb)
        ("„Das bleibt so“, erklärte Maria Katrin Lassen am Montag.", "Maria Katrin Lassen"),
        # a first name that is also an adverb
        ("Anders Holmberg vom Institut sprach von einem Rückschlag.", "Anders Holmberg"),
        # a surname the lexicon reads as an adjective ("lang")
        ("„Das geht nicht“, sagte Sabine Lang am Montag.", "Sabine Lang"),
        # a role, then a first name the lexicon reads as a noun
        ("Das sei so, sagt Rektorin Eileen Brandt.", "Eileen Brandt"),
    ],
)
def test_person_names_the_lexicon_reads_as_other_words(nlp, text, name):
    doc = tag_article(Article("t", text), nlp)
    people = [e.text for e in extract_entities(doc) if e.label == "PER"]
    assert name in people


def test_a_compound_of_an_organisation_noun_is_no_first_part_of_a_name(nlp):
    # "des Justizportals Misan": the portal's name, not a person "Justizportals Misan"
    doc = tag_article(
        Article("t", "In einem Artikel des Nachrichtenportals Kuvar hieß es das."), nlp
    )
    assert not [e for e in extract_entities(doc) if e.label == "PER"]
