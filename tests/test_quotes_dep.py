"""Quote attribution with a dependency parse (TIGER labels), on hand-built Docs.

The kit's built-in pipeline has no parser; a trained one (de_core_news_*) gives
``token.dep_`` with TIGER labels. Where it is there, the subject ("sb") of the
cue names the speaker and the clausal object ("oc") is the reported clause.
The same Docs without the parse show the word-order fallback.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

import kit.german.pipeline  # noqa: F401 — registers the Doc/Token extensions
from kit.quotes.extract import extract_quotes


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("de").vocab


def make_doc(vocab, rows, parsed=True):
    """rows: (word, tag, head index, TIGER label)."""
    words = [r[0] for r in rows]
    kwargs = {"tags": [r[1] for r in rows], "sent_starts": [True] + [False] * (len(rows) - 1)}
    if parsed:
        kwargs["heads"] = [r[2] for r in rows]
        kwargs["deps"] = [r[3] for r in rows]
    doc = Doc(vocab, words=words, **kwargs)
    doc._.article_id = "dep"
    return doc


# "Die Entscheidung kritisierte der Minister scharf." — object first, subject after the verb
OBJECT_FIRST = [
    ("Die", "ART", 1, "nk"), ("Entscheidung", "NN", 2, "oa"), ("kritisierte", "VVFIN", 2, "ROOT"),
    ("der", "ART", 4, "nk"), ("Minister", "NN", 2, "sb"), ("scharf", "ADJD", 2, "mo"), (".", "$.", 2, "punct"),
]  # fmt: skip

# "Er sagte am Montag, er komme, und ging." — the oc clause ends before the coordination
OC_CLAUSE = [
    ("Er", "PPER", 1, "sb"), ("sagte", "VVFIN", 1, "ROOT"), ("am", "APPRART", 1, "mo"), ("Montag", "NN", 2, "nk"),
    (",", "$,", 1, "punct"), ("er", "PPER", 6, "sb"), ("komme", "VVFIN", 1, "oc"), (",", "$,", 1, "punct"),
    ("und", "KON", 1, "cd"), ("ging", "VVFIN", 8, "cj"), (".", "$.", 1, "punct"),
]  # fmt: skip


def test_subject_from_the_parse(vocab):
    (q,) = extract_quotes(make_doc(vocab, OBJECT_FIRST))
    assert (q.type, q.speaker_mention) == ("Reported", "der Minister")


# "Die Regierung kritisierte der Minister scharf." — a prefield that could be a speaker
OBJECT_FIRST_AGENT = [("Die", "ART", 1, "nk"), ("Regierung", "NN", 2, "oa")] + OBJECT_FIRST[2:]


def test_without_parse_an_abstract_prefield_is_an_object(vocab):
    # word-order fallback: "Entscheidung" (abstract noun) cannot speak, "der Minister" after
    # the verb is the subject
    (q,) = extract_quotes(make_doc(vocab, OBJECT_FIRST, parsed=False))
    assert q.speaker_mention == "der Minister"


def test_without_parse_the_prefield_is_taken(vocab):
    # the documented limit of the word-order fallback: a prefield that can speak is the subject
    (q,) = extract_quotes(make_doc(vocab, OBJECT_FIRST_AGENT, parsed=False))
    assert q.speaker_mention == "Die Regierung"
    (q,) = extract_quotes(make_doc(vocab, OBJECT_FIRST_AGENT))
    assert q.speaker_mention == "der Minister"


def test_reported_clause_is_the_oc_subtree(vocab):
    (q,) = extract_quotes(make_doc(vocab, OC_CLAUSE))
    assert (q.type, q.quote_text, q.cue, q.speaker_mention) == (
        "Indirect",
        "er komme",
        "sagte",
        "Er",
    )


def test_without_parse_the_clause_runs_to_the_sentence_end(vocab):
    (q,) = extract_quotes(make_doc(vocab, OC_CLAUSE, parsed=False))
    assert q.quote_text == "er komme , und ging"
