"""Mention chains (kit.german.chains): descriptions named across sentences, and the cases
where the evidence is too weak and the description stays the speaker.

Train passages are read at run time (tests/conftest.py); the short texts without an id
are written for these tests.
"""

from __future__ import annotations

import pytest
from conftest import benchmark_doc

from kit.figures.extract import extract_figures
from kit.german.chains import chains_of
from kit.german.pipeline import tag_article
from kit.quotes.extract import extract_quotes
from kit.records import Article


def passage(doc_id: str, first: str, last: str) -> str:
    """The train article's text from the sentence holding ``first`` to the end of the
    sentence holding ``last`` (read at run time, never stored)."""
    doc = benchmark_doc("train", doc_id)
    texts = [s["text"].strip() for s in doc["sentences"]]
    a = next(k for k, t in enumerate(texts) if first in t)
    b = next(k for k, t in enumerate(texts) if last in t and k >= a)
    return " ".join(texts[a : b + 1])


def quotes_of(text: str, nlp) -> list:
    return list(extract_quotes(tag_article(Article("t", text), nlp)))


def test_description_takes_the_compound_apposition(nlp):
    # "der Softwarehersteller Microsoft" … "Der Hersteller gab … bekannt" (train 58800)
    text = passage("58800", "Softwarehersteller Microsoft", "Der Hersteller gab")
    qs = [q for q in quotes_of(text, nlp) if q.speaker_mention == "Der Hersteller"]
    assert qs and all(q.speaker == "Microsoft" for q in qs)
    assert qs[0].speaker_link == "apposition"


def test_role_title_before_the_name_links_the_bare_role(nlp):
    # "der Untersuchungsrichter Stefano Palazzi" … "fordert der Untersuchungsrichter"
    text = passage(
        "29688", "Untersuchungsrichter Stefano Palazzi", "fordert der Untersuchungsrichter"
    )
    (q,) = [q for q in quotes_of(text, nlp) if q.speaker_mention == "der Untersuchungsrichter"][:1]
    assert q.speaker == "Stefano Palazzi"


def test_pronoun_with_role_apposition_takes_the_one_person_named_later(seed_quotes):
    _, quotes = seed_quotes["003"]
    q = next(q for q in quotes if q.quote_text.startswith("„Ich kann bestätigen"))
    assert (q.speaker_mention, q.speaker, q.speaker_link) == (
        "Sprecher des US-Außenministeriums",
        "Vedant Patel",
        "later name",
    )


@pytest.fixture(scope="module")
def seed_quotes(nlp):
    from kit import config
    from kit.reading.load import load_articles

    loaded = load_articles(config.SEEDS_DIR, manifest=config.SEEDS_MANIFEST)
    return {a.id[:3]: (a, list(extract_quotes(tag_article(a, nlp)))) for a in loaded.articles}


@pytest.mark.parametrize(
    "text",
    [
        # two people named later without a role: "er" could be either
        "„Wir sind bereit“, sagte er, Sprecher des Ministeriums. Später kam Hans Weber. "
        "Auch Peter Krause sprach.",
        # a vice president is not "der Präsident"
        "Vizepräsident Karl Maier reiste ab. „Das reicht nicht“, sagte der Präsident.",
    ],
)
def test_weak_evidence_leaves_the_description(nlp, text):
    (q,) = [q for q in quotes_of(text, nlp) if q.quote_text.startswith("„")]
    assert q.speaker_mention in {"Sprecher des Ministeriums", "der Präsident"}
    assert q.speaker not in {"Hans Weber", "Peter Krause", "Karl Maier"}
    assert q.speaker_link == ""


def test_class_noun_needs_one_organisation_before(nlp):
    one = "Ärzte ohne Grenzen schickte drei Flugzeuge. Der Organisation zufolge seien 22 Teams im Land."
    two = (
        "Ärzte ohne Grenzen und das Rote Kreuz schickten Flugzeuge. "
        "Der Organisation zufolge seien 22 Teams im Land."
    )
    doc = tag_article(Article("t", one), nlp)
    pos = one.index("Organisation")
    link = chains_of(doc).for_description("Organisation", pos)
    ents = {e.text for e in doc.ents}
    if "Ärzte ohne Grenzen" not in ents:
        pytest.skip("the built-in NER does not tag this organisation")
    assert link is not None and link.name == "Ärzte ohne Grenzen"
    doc2 = tag_article(Article("t", two), nlp)
    if len([e for e in doc2.ents if e.label_ == "ORG"]) >= 2:
        assert chains_of(doc2).for_description("Organisation", two.index("Organisation")) is None


def test_chains_are_built_once_per_doc(nlp):
    doc = tag_article(Article("t", "Angela Merkel sagte, es gehe. Merkel ging."), nlp)
    assert chains_of(doc) is chains_of(doc)
    assert chains_of(doc).name_of("Merkel") == "Angela Merkel"


def test_demnach_points_back_to_the_last_report(nlp):
    text = (
        "Die Polizei teilte am Montag mit, es habe drei Verletzte gegeben. "
        "Demnach seien 120 Menschen evakuiert worden."
    )
    doc = tag_article(Article("t", text), nlp)
    quotes = list(extract_quotes(doc))
    q = next(q for q in quotes if q.speaker_mention == "Demnach")
    assert (q.speaker, q.speaker_link) == ("Polizei", "previous report")
    (fig,) = [f for f in extract_figures(doc, quotes=quotes) if f.text == "120"]
    assert fig.source == "Polizei"


@pytest.mark.xfail(
    reason="the named subject of a sentence that is no report is too weak a source alone "
    "(right twice, wrong twice on the train sample); only a report before carries over",
    strict=True,
)
def test_figure_in_a_konjunktiv_sentence_takes_the_subject_before(nlp):
    # "Am 15. Mai hat die Wahlkommission den Termin … festgelegt. Mögliche Termine seien
    # der 24. September …" (train 27206): the sentence goes on from the commission
    text = passage("27206", "Wahlkommission den Termin", "Mögliche Termine seien")
    doc = tag_article(Article("t", text), nlp)
    figs = list(extract_figures(doc, quotes=list(extract_quotes(doc))))
    (fig,) = [f for f in figs if f.text.startswith("24. September")]
    assert fig.source == "Wahlkommission"


def test_indicative_sentence_after_a_report_gets_no_source(nlp):
    text = "Die Polizei teilte mit, es habe drei Verletzte gegeben. Die Stadt hat 20.000 Einwohner."
    doc = tag_article(Article("t", text), nlp)
    figs = list(extract_figures(doc, quotes=list(extract_quotes(doc))))
    (fig,) = [f for f in figs if f.text == "20.000"]
    assert fig.source == ""


def test_pronoun_with_no_speaker_before_takes_the_person_subject(nlp):
    # "Am dritten Tag … hat sich am Dienstag der Untersuchungsrichter Stefano Palazzi …
    # geäußert. Er fordert …" (train 29688): no speaker before "Er", the subject is named
    text = passage("29688", "Untersuchungsrichter Stefano Palazzi", "Er fordert")
    q = next(q for q in quotes_of(text, nlp) if q.speaker_mention == "Er")
    assert (q.speaker, q.speaker_link) == ("Stefano Palazzi", "pronoun")


def test_statement_noun_without_a_report_before_takes_the_clause_subject(nlp):
    # "Am Standort Chakan, in der Nähe von Pune, will VW nach den bisherigen Planungen …"
    # (train 35600): the plans are the subject's
    text = benchmark_doc("train", "35600")["sentences"]
    sent = next(s["text"].strip() for s in text if "bisherigen Planungen" in s["text"])
    q = next(q for q in quotes_of(sent, nlp) if "Planungen" in q.speaker_mention)
    assert (q.speaker, q.speaker_link) == ("VW", "subject")


def test_figure_after_an_apposition_subject_takes_the_name(nlp):
    # "Die Haushaltspolitikerin von Bündnis 90/Die Grünen, Anja Hajduk, kritisierte …
    # Hier seien die vorgesehenen Mittel angesichts … von bis zu 8,6 Milliarden Euro …"
    text = passage("32592", "Anja Hajduk, kritisierte", "Hier seien die vorgesehenen")
    doc = tag_article(Article("t", text), nlp)
    figs = list(extract_figures(doc, quotes=list(extract_quotes(doc))))
    (fig,) = [f for f in figs if "8,6" in f.text]
    assert fig.source == "Anja Hajduk"
